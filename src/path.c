/* path.c - joining a directory and a path the way the kernel would look the path up from it, and opening input files without blocking. */
#include "path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "arena.h"	/* zl_xmalloc() */

/* Append s[0..n) to out at *at (counting what does not fit). */
static void put(char *out, size_t cap, size_t *at, const char *s, size_t n)
{
	if (*at < cap) {
		size_t room = cap - *at - 1;
		memcpy(out + *at, s, n < room ? n : room);
	}
	*at += n;
}

size_t zl_path_resolve(char *out, size_t cap, const char *root, const char *cwd,
		       const char *path, size_t len)
{
	bool absolute = len > 0 && path[0] == '/';
	const char *dir = absolute ? root : cwd ? cwd : root;
	size_t at = 0;

	if (dir && *dir) {
		size_t n = strlen(dir);
		while (n > 0 && dir[n - 1] == '/')
			n--;	/* "dir/" is dir; "/" leaves nothing: the top */
		while (len > 0 && path[0] == '/') {
			path++;	/* below dir, whatever slashes it started with */
			len--;
		}
		bool here = n == 1 && dir[0] == '.';
		if (!here || len == 0)
			put(out, cap, &at, n ? dir : "/", n ? n : 1);
		if (n && !here && len > 0)
			put(out, cap, &at, "/", 1);
	}
	put(out, cap, &at, path, len);
	if (cap > 0)
		out[at < cap ? at : cap - 1] = '\0';
	return at;
}

void zl_errno_text(int e, char *out, size_t cap)
{
	if (strerror_r(e, out, cap) != 0)
		snprintf(out, cap, "error %d", e);
}

FILE *zl_open_input(const char *path, bool allow_fifo, const char *noun,
		    struct stat *sb, char *why, size_t cap)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);

	if (fd < 0) {
		zl_errno_text(errno, why, cap);
		return NULL;
	}
	if (fstat(fd, sb) != 0) {
		zl_errno_text(errno, why, cap);
		close(fd);
		return NULL;
	}
	if (!S_ISREG(sb->st_mode) && !(allow_fifo && S_ISFIFO(sb->st_mode))) {
		if (S_ISDIR(sb->st_mode))
			snprintf(why, cap, "is a directory, not a %s", noun);
		else if (S_ISFIFO(sb->st_mode))
			snprintf(why, cap, "is a FIFO, not a regular file");
		else
			snprintf(why, cap, "is a device or special file, not a %s", noun);
		close(fd);
		return NULL;
	}
	if (S_ISFIFO(sb->st_mode)) {
		/* a pipe the user named: wait for its writer, like cat(1)
		 * (a non-blocking open with no writer would read as empty) */
		close(fd);
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			zl_errno_text(errno, why, cap);
			return NULL;
		}
	} else {
		int flags = fcntl(fd, F_GETFL);
		if (flags >= 0)
			fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	}
	FILE *fp = fdopen(fd, "r");
	if (!fp) {
		zl_errno_text(errno, why, cap);
		close(fd);
	}
	return fp;
}

/* What names a file for zl_path_same_files(): its device and inode, or its text. */
struct file_key {
	bool known;		/* stat'ed: dev and ino; else path */
	dev_t dev;
	ino_t ino;
	const char *path;
};

static uint64_t file_key_hash(const struct file_key *k)
{
	if (!k->known)
		return XXH3_64bits(k->path, strlen(k->path));
	uint64_t v[2] = { (uint64_t)k->dev, (uint64_t)k->ino };
	return XXH3_64bits(v, sizeof(v)) ^ 1;
}

static bool file_key_equal(const struct file_key *a, const struct file_key *b)
{
	if (a->known != b->known)
		return false;
	return a->known ? a->dev == b->dev && a->ino == b->ino : strcmp(a->path, b->path) == 0;
}

void zl_path_same_files(const char *const *paths, size_t n, long *first)
{
	size_t ns = 16;
	while (ns < 2 * n)
		ns *= 2;
	struct file_key *keys = zl_xmalloc((n ? n : 1) * sizeof(*keys));
	long *slot = zl_xmalloc(ns * sizeof(*slot));	/* an index into keys, or -1 */

	for (size_t i = 0; i < ns; i++)
		slot[i] = -1;
	for (size_t k = 0; k < n; k++) {
		struct stat sb;
		struct file_key *key = &keys[k];
		key->path = paths[k];
		key->known = strcmp(paths[k], "-") != 0 && stat(paths[k], &sb) == 0;
		if (key->known) {
			key->dev = sb.st_dev;
			key->ino = sb.st_ino;
		}
		size_t i = (size_t)file_key_hash(key) & (ns - 1);
		while (slot[i] >= 0 && !file_key_equal(&keys[slot[i]], key))
			i = (i + 1) & (ns - 1);
		first[k] = slot[i];
		if (slot[i] < 0)
			slot[i] = (long)k;
	}
	free(slot);
	free(keys);
}
