/* test_path.c - zl_path_resolve(): paths as a (chrooted) named opens them; zl_path_same_files(). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "path.h"

/* zl_path_resolve() of a NUL-terminated path, into a static buffer. */
static const char *res(const char *root, const char *cwd, const char *path)
{
	static char out[256];
	size_t n = zl_path_resolve(out, sizeof(out), root, cwd, path, strlen(path));

	assert_int_equal(n, strlen(out));
	return out;
}

static void test_not_chrooted(void **state)
{
	(void)state;
	assert_string_equal(res(NULL, NULL, "db.x"), "db.x");
	assert_string_equal(res(NULL, NULL, "/etc/bind/db.x"), "/etc/bind/db.x");
	assert_string_equal(res(NULL, "zones", "db.x"), "zones/db.x");
	assert_string_equal(res(NULL, "zones/", "db.x"), "zones/db.x");
	assert_string_equal(res(NULL, "zones//", "db.x"), "zones/db.x");
	assert_string_equal(res(NULL, "/", "db.x"), "/db.x");
	assert_string_equal(res(NULL, ".", "db.x"), "db.x");
	assert_string_equal(res(NULL, "./", "db.x"), "db.x");
	/* an absolute path ignores the working directory */
	assert_string_equal(res(NULL, "zones", "/etc/db.x"), "/etc/db.x");
	assert_string_equal(res(NULL, ".", "/etc/db.x"), "/etc/db.x");
}

/*
 * named-checkconf -t DIR chroots to DIR and changes into its "/": an
 * absolute path and a relative one without a directory are both below
 * DIR, whatever DIR is spelt as (checked with named-checkconf 9.18:
 * "cd srv && named-checkconf -t . -z /etc/bind/named.conf" reads
 * srv/etc/bind/named.conf, "-t /" with a relative path reads it below /).
 */
static void test_chrooted(void **state)
{
	(void)state;
	assert_string_equal(res(".", NULL, "/etc/bind/named.conf"), "etc/bind/named.conf");
	assert_string_equal(res("./", NULL, "/etc/bind/named.conf"), "etc/bind/named.conf");
	assert_string_equal(res("srv", NULL, "/etc/bind/named.conf"), "srv/etc/bind/named.conf");
	assert_string_equal(res("srv/", NULL, "/etc/bind/named.conf"), "srv/etc/bind/named.conf");
	assert_string_equal(res("/srv", NULL, "//etc/named.conf"), "/srv/etc/named.conf");
	assert_string_equal(res("/", NULL, "/etc/bind/named.conf"), "/etc/bind/named.conf");
	assert_string_equal(res("/", NULL, "named.conf"), "/named.conf");
	assert_string_equal(res("srv", NULL, "named.conf"), "srv/named.conf");
	assert_string_equal(res(".", NULL, "named.conf"), "named.conf");
	/* the working directory is already below the root */
	assert_string_equal(res("srv", "srv/var/cache/bind", "db.x"), "srv/var/cache/bind/db.x");
	assert_string_equal(res("srv", "srv/var/cache/bind", "/etc/db.x"), "srv/etc/db.x");
	assert_string_equal(res("/", NULL, "/"), "/");
	assert_string_equal(res(".", NULL, "/"), ".");
}

/* A result that does not fit is cut, NUL-terminated, and its length returned. */
static void test_short_buffer(void **state)
{
	(void)state;
	char out[8];

	assert_int_equal(zl_path_resolve(out, sizeof(out), "srv", NULL, "/etc/named.conf", 15), 18);
	assert_string_equal(out, "srv/etc");
	assert_int_equal(zl_path_resolve(NULL, 0, NULL, "a", "b", 1), 3);
	/* path need not be NUL-terminated */
	assert_int_equal(zl_path_resolve(out, sizeof(out), NULL, "a", "bcd", 1), 3);
	assert_string_equal(out, "a/b");
}

/*
 * The same file named twice, through a link, by another spelling of its
 * path, or after thousands of other files is found as the same one; a
 * path that cannot be stat'ed, and "-", only by its text.
 */
static void test_same_files(void **state)
{
	enum { N = 2000 };
	char dir[] = "/tmp/zl-same-XXXXXX", buf[256];
	static char path[N + 8][256];
	const char *paths[N + 8];
	long first[N + 8];
	(void)state;

	assert_non_null(mkdtemp(dir));
	for (int i = 0; i < N; i++) {
		snprintf(path[i], sizeof(path[i]), "%s/f%d", dir, i);
		FILE *f = fopen(path[i], "w");
		assert_non_null(f);
		fclose(f);
		paths[i] = path[i];
	}
	snprintf(buf, sizeof(buf), "%s/link", dir);
	assert_int_equal(symlink(path[7], buf), 0);
	snprintf(path[N], sizeof(path[N]), "%s", buf);		/* f7 through a link */
	snprintf(path[N + 1], sizeof(path[N + 1]), "%s/./f1999", dir);	/* another spelling */
	snprintf(path[N + 2], sizeof(path[N + 2]), "%s/missing", dir);
	snprintf(path[N + 3], sizeof(path[N + 3]), "%s/missing", dir);
	snprintf(path[N + 4], sizeof(path[N + 4]), "-");
	snprintf(path[N + 5], sizeof(path[N + 5]), "-");
	snprintf(path[N + 6], sizeof(path[N + 6]), "%s", path[0]);	/* the same text */
	snprintf(path[N + 7], sizeof(path[N + 7]), "%s/Missing", dir);
	for (int i = N; i < N + 8; i++)
		paths[i] = path[i];
	zl_path_same_files(paths, N + 8, first);
	for (int i = 0; i < N; i++)
		assert_int_equal(first[i], -1);
	assert_int_equal(first[N], 7);
	assert_int_equal(first[N + 1], N - 1);
	assert_int_equal(first[N + 2], -1);
	assert_int_equal(first[N + 3], N + 2);
	assert_int_equal(first[N + 4], -1);
	assert_int_equal(first[N + 5], N + 4);
	assert_int_equal(first[N + 6], 0);
	assert_int_equal(first[N + 7], -1);
	unlink(buf);
	for (int i = 0; i < N; i++)
		unlink(path[i]);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_chrooted),
		cmocka_unit_test(test_chrooted),
		cmocka_unit_test(test_short_buffer),
		cmocka_unit_test(test_same_files),
	};
	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
