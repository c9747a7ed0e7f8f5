/* test_progress.c - when the progress line shows, and what it says. */
#include "testutil.h"

#include "progress.h"

/* Only a big regular file, and only with both outputs on a terminal. */
static void test_wanted(void **state)
{
	(void)state;
	assert_true(zl_progress_wanted(true, ZL_PROGRESS_MIN, true, true));
	assert_false(zl_progress_wanted(true, ZL_PROGRESS_MIN - 1, true, true));
	assert_false(zl_progress_wanted(false, 5000000000u, true, true));	/* a pipe */
	assert_false(zl_progress_wanted(true, 5000000000u, false, true));	/* > file, | less */
	assert_false(zl_progress_wanted(true, 5000000000u, true, false));	/* 2> log */
}

/* MB are 10^6 octets; the rate is records over the seconds so far. */
static void test_format(void **state)
{
	struct zl_progress p = { 0 };
	char buf[256];

	(void)state;
	p.name = "db.big";
	p.total = 268000000;
	p.done = 67000000;
	zl_progress_format(buf, sizeof(buf), &p, 1250000, 2.5);
	assert_string_equal(buf, "db.big: 67 of 268 MB (25%), 1250000 records, 500000 records/s");
	p.total = 0;
	zl_progress_format(buf, sizeof(buf), &p, 0, 0);
	assert_string_equal(buf, "db.big: 67 of 0 MB (0%), 0 records, 0 records/s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wanted),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
