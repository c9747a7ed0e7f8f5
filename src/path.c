/* path.c - joining a directory and a path the way the kernel would look the path up from it. */
#include "path.h"

#include <stdbool.h>
#include <string.h>

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
