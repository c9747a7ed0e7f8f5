/* fuzz_common.c - helpers of the libFuzzer targets: the scratch file, line splitting, a null stream. */
#include "fuzz_common.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char scratch_dir[512];
static char scratch_file[600];

/* Remove the scratch directory and every file a target wrote in it (dump.zone too). */
static void remove_scratch(void)
{
	char path[sizeof(scratch_dir) + 256 + 2];
	DIR *d = scratch_dir[0] ? opendir(scratch_dir) : NULL;
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", scratch_dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	if (scratch_dir[0])
		rmdir(scratch_dir);
}

const char *zl_fuzz_scratch(const char *base)
{
	struct stat sb;
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ? "/dev/shm" : "/tmp";
	snprintf(scratch_dir, sizeof(scratch_dir), "%s/zonelint-fuzz.XXXXXX", tmp);
	if (!mkdtemp(scratch_dir)) {
		perror("zonelint fuzz: mkdtemp");
		exit(1);
	}
	snprintf(scratch_file, sizeof(scratch_file), "%s/%s", scratch_dir, base);
	atexit(remove_scratch);
	return scratch_file;
}

const char *zl_fuzz_scratch_dir(void)
{
	return scratch_dir;
}

void zl_fuzz_write(const uint8_t *data, size_t size)
{
	FILE *f = fopen(scratch_file, "wb");

	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror("zonelint fuzz: writing the scratch file");
		exit(1);
	}
}

char *zl_fuzz_line(const uint8_t **data, size_t *size)
{
	const uint8_t *nl = *size ? memchr(*data, '\n', *size) : NULL;
	size_t n = nl ? (size_t)(nl - *data) : *size;
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, *data, n);
	s[n] = '\0';
	*data += n + (nl != NULL);
	*size -= n + (nl != NULL);
	return s;
}

FILE *zl_fuzz_null(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}
