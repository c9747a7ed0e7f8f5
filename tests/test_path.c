/* test_path.c - zl_path_resolve(): paths as a (chrooted) named opens them. */
#include "testutil.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_chrooted),
		cmocka_unit_test(test_chrooted),
		cmocka_unit_test(test_short_buffer),
	};
	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
