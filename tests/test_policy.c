/* test_policy.c - --select/--ignore/--severity/--fail-on, inline "; zonelint:" directives, .zonelint files read from a stream. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "load.h"
#include "policy.h"
#include "serial.h"
#include "zonelint.h"

static void test_rule_lists(void **state)
{
	(void)state;
	struct zl_policy p;
	const char *bad;
	size_t badlen;

	zl_policy_init(&p);
	assert_true(zl_policy_rules(&p, "spf", false, &bad, &badlen));
	assert_false(p.enabled[ZL_RULE_spf_ptr]);
	assert_true(p.enabled[ZL_RULE_zone_soa]);
	/* the first --select starts from nothing */
	zl_policy_init(&p);
	assert_true(zl_policy_rules(&p, "spf-ptr, zone-soa", true, &bad, &badlen));
	assert_true(p.enabled[ZL_RULE_spf_ptr]);
	assert_true(p.enabled[ZL_RULE_zone_soa]);
	assert_false(p.enabled[ZL_RULE_zone_syntax]);
	assert_true(zl_policy_rules(&p, "txt", true, &bad, &badlen));
	assert_true(p.enabled[ZL_RULE_txt_unquoted]);
	assert_true(p.enabled[ZL_RULE_spf_ptr]);	/* a second --select adds */
	/* unknown names and empty items are refused, and named */
	assert_false(zl_policy_rules(&p, "spf-ptr,spf-pointer", false, &bad, &badlen));
	assert_int_equal(badlen, 11);
	assert_memory_equal(bad, "spf-pointer", 11);
	assert_false(zl_policy_rules(&p, "spf,,zone", false, &bad, &badlen));
	assert_false(zl_policy_rules(&p, "sp", false, &bad, &badlen));	/* no prefix matching */
}

static void test_severity_and_fail_on(void **state)
{
	(void)state;
	struct zl_policy p;
	struct zl_sink s;
	enum zl_severity sev;

	assert_true(zl_severity_from_text("note", &sev));
	assert_int_equal(sev, ZL_INFO);
	assert_false(zl_severity_from_text("fatal", &sev));

	zl_policy_init(&p);
	zl_sink_init(&s);
	zl_report(&s, ZL_RULE_spf_ptr, "f", 1, 1, "w");		/* warning */
	zl_report(&s, ZL_RULE_zone_wildcard, "f", 2, 1, "i");	/* info */
	assert_false(zl_policy_fails(&p, &s));
	p.fail_on = ZL_WARNING;
	assert_true(zl_policy_fails(&p, &s));
	p.fail_on = ZL_ERROR;
	p.min_shown = ZL_WARNING;
	p.warnings_as_errors = true;
	zl_policy_apply(&p, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].severity, ZL_ERROR);
	assert_true(zl_policy_fails(&p, &s));
	zl_sink_free(&s);
}

/*
 * A finding that decides the exit status (2: unreadable, 3: no origin) is
 * never filtered: not by --select, --ignore, --severity nor a directive,
 * and it stays an error.
 */
static void test_fatal_never_filtered(void **state)
{
	(void)state;
	struct zl_policy p;
	struct zl_sink s;
	struct zl_directives d = { 0 };
	const char *bad;
	size_t badlen;

	zl_policy_init(&p);
	zl_sink_init(&s);
	assert_true(zl_policy_rules(&p, "spf-ptr", true, &bad, &badlen));
	assert_true(zl_policy_rules(&p, "zone-syntax", false, &bad, &badlen));
	zl_report(&s, ZL_RULE_zone_syntax, "f", 2, 1, "origin unknown");
	zl_sink_mark_fatal(&s);
	zl_report(&s, ZL_RULE_zone_syntax, "f", 3, 1, "a syntax error");
	zl_report(&s, ZL_RULE_conf_zone_file_missing, "c", 1, 1, "cannot read");
	zl_sink_mark_fatal(&s);
	/* a whole-file directive for both rules: neither fatal finding is its */
	zl_directives_comment(&d, "f", 1, 1, "; zonelint: disable-file=zone-syntax",
			      36, true);
	d.v[0].file = "f";
	zl_directives_apply(&d, &s);
	assert_int_equal(s.n, 2);	/* only line 3 suppressed */
	assert_true(s.v[0].fatal && s.v[0].line == 2);
	assert_true(s.v[1].fatal && s.v[1].rule == ZL_RULE_conf_zone_file_missing);
	zl_sink_free(&s);
	zl_sink_init(&s);
	zl_report(&s, ZL_RULE_zone_syntax, "f", 2, 1, "origin unknown");
	zl_sink_mark_fatal(&s);
	zl_report(&s, ZL_RULE_zone_syntax, "f", 3, 1, "a syntax error");
	p.min_shown = ZL_ERROR;
	zl_policy_apply(&p, &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].message, "origin unknown");
	assert_int_equal(s.v[0].severity, ZL_ERROR);
	assert_int_equal(s.count[ZL_ERROR], 1);
	zl_directives_free(&d);
	zl_sink_free(&s);
}

/*
 * Write a temporary zone file, its name in path (a mkstemp template):
 * lines 1-7 hold records a, b, c with two directives, then rest.
 */
static void write_directives_zone(char *path, const char *rest)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("$TTL 1\n"						/* 1 */
	      "; zonelint: disable=spf-permissive-all\n"		/* 2: a */
	      "\n"							/* 3 */
	      "a TXT \"v=spf1 +all\"\n"					/* 4 */
	      "b TXT ( \"v=spf1\"\n"					/* 5 */
	      "  \" +all\" ) ; zonelint: disable=spf-permissive-all\n"	/* 6: b */
	      "c TXT \"v=spf1 +all\"\n", f);				/* 7 */
	fputs(rest, f);
	fclose(f);
}

/* Directives bind to the next record (own line) or their own record. */
static void test_directives(void **state)
{
	(void)state;
	char path[] = "/tmp/zl-test-policy-XXXXXX";
	/* a and b suppressed, c reported */
	write_directives_zone(path, "; zonelint: disable=zone-syntax\n");	/* 8: follows nothing */

	struct zl_db db;
	struct zl_sink s;
	struct zl_directives d = { 0 };
	struct zl_load_opts lo = { 0 };
	uint8_t origin[ZL_NAME_MAX];
	assert_true(zl_name_from_cli("example.com", origin));
	zl_db_init(&db);
	zl_sink_init(&s);
	lo.path = path;
	lo.origin = origin;
	lo.on_comment = zl_directives_comment;
	lo.comment_ctx = &d;
	assert_int_equal(zl_db_load(&db, &lo, &s, NULL), ZL_PARSE_OK);
	zl_rules_run(&db, &s);
	zl_directives_bind(&d, &db);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].from, 4);
	assert_int_equal(d.v[0].to, 4);
	assert_int_equal(d.v[1].from, 5);	/* the record that line 6 ends */
	assert_int_equal(d.v[1].to, 6);
	assert_int_equal(d.v[2].from, 0);
	zl_directives_apply(&d, &s);
	size_t permissive = 0, unused = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (s.v[i].rule == ZL_RULE_spf_permissive_all) {
			permissive++;
			assert_int_equal(s.v[i].line, 7);
		}
		if (s.v[i].rule == ZL_RULE_zonelint_unused_directive) {
			unused++;
			assert_int_equal(s.v[i].line, 8);
		}
	}
	assert_int_equal(permissive, 1);
	assert_int_equal(unused, 1);
	zl_directives_free(&d);
	zl_db_free(&db);
	zl_sink_free(&s);
	unlink(path);
}

/*
 * Directives bound while records stream by (--syntax-only,
 * zl_directives_record) cover the lines zl_directives_bind() gives them:
 * own line, the next record from its first line to the line before the
 * next record; at the end of a line, the record started last on or
 * before that line.
 */
static void test_directives_stream(void **state)
{
	(void)state;
	char path[] = "/tmp/zl-test-policy-XXXXXX";
	/* line 2 binds to a, 4-4; line 6 to b, 5-6 */
	write_directives_zone(path,
			      "$TTL 2 ; zonelint: disable=txt-unquoted\n"	/* 8: c, 7-9 */
			      "; zonelint: disable=spf-ptr\n"			/* 9: the $GENERATE line, 10-11 */
			      "$GENERATE 1-3 g$ TXT \"x\"\n"			/* 10: three records */
			      "\n"						/* 11 */
			      "d TXT \"y\" ; zonelint: disable=txt-semicolon\n"	/* 12: d, 12-end */
			      "; zonelint: disable=zone-syntax\n");		/* 13: follows nothing */
	static const uint32_t from[] = { 4, 5, 7, 10, 12, 0 };
	static const uint32_t to[] = { 4, 6, 9, 11, UINT32_MAX, 0 };

	uint8_t origin[ZL_NAME_MAX];
	assert_true(zl_name_from_cli("example.com", origin));
	for (int stream = 0; stream < 2; stream++) {
		struct zl_db db;
		struct zl_sink s;
		struct zl_directives d = { 0 };
		struct zl_load_opts lo = { 0 };
		zl_db_init(&db);
		zl_sink_init(&s);
		lo.path = path;
		lo.origin = origin;
		lo.on_comment = zl_directives_comment;
		lo.on_record_line = zl_directives_record;
		lo.comment_ctx = &d;
		if (stream) {
			assert_int_equal(zl_stream_load(&lo, &s), ZL_PARSE_OK);
		} else {
			assert_int_equal(zl_db_load(&db, &lo, &s, NULL), ZL_PARSE_OK);
			zl_directives_bind(&d, &db);
		}
		assert_int_equal(d.n, 6);
		for (size_t i = 0; i < d.n; i++) {
			assert_int_equal(d.v[i].from, from[i]);
			if (from[i])
				assert_int_equal(d.v[i].to, to[i]);
		}
		zl_directives_free(&d);
		zl_db_free(&db);
		zl_sink_free(&s);
	}
	unlink(path);
}

/* RFC 1982 section 3.2: s1 < s2 when the distance up from s1 is under 2^31. */
static void test_serial_arithmetic(void **state)
{
	(void)state;
	assert_true(zl_serial_gt(2, 1));
	assert_false(zl_serial_gt(1, 1));
	assert_false(zl_serial_gt(1, 2));
	assert_true(zl_serial_gt(0, 4294967295u));		/* wraps: 0 follows 2^32-1 */
	assert_true(zl_serial_gt(2147483647u, 0));		/* 2^31 - 1 ahead */
	assert_false(zl_serial_gt(2147483648u, 0));		/* exactly 2^31: undefined, not greater */
	assert_false(zl_serial_gt(0, 2147483648u));
	assert_true(zl_serial_gt(2024060102u, 2024060101u));
}

/* Read a .zonelint from a string; NULL and the message in err on failure. */
static struct zl_config *config_from(const char *text, char *err, size_t cap)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	struct zl_config *cfg = zl_config_read(f, "dir/.zonelint", err, cap);
	fclose(f);
	return cfg;
}

/* .zonelint read from a stream (zl_config_read), as the fuzz target drives it. */
static void test_config_read(void **state)
{
	char err[400];
	struct zl_config *cfg;

	(void)state;
	cfg = config_from("[rules]\nselect = spf\nignore = spf-ptr\n[severity]\n"
			  "spf-missing-all = error\n[origin]\ndb.* = example.com\n",
			  err, sizeof(err));
	assert_non_null(cfg);
	assert_true(cfg->selected);
	assert_true(cfg->in_select[ZL_RULE_spf_syntax]);
	assert_false(cfg->in_select[ZL_RULE_zone_syntax]);
	assert_true(cfg->ignored[ZL_RULE_spf_ptr]);
	assert_int_equal(cfg->severity[ZL_RULE_spf_missing_all], ZL_ERROR);
	assert_int_equal(cfg->severity[ZL_RULE_spf_ptr], -1);
	assert_memory_equal(zl_config_origin(cfg, "zones/db.cosi"), "\7example\3com", 13);
	assert_null(zl_config_origin(cfg, "cosi.zone"));
	zl_config_free(cfg);

	assert_null(config_from("[rules]\nselect = spf\nbogus = 1\n", err, sizeof(err)));
	assert_string_equal(err, "dir/.zonelint:3: unknown key \"bogus\" in [rules] (select, ignore)");
	assert_null(config_from("[severity]\nspf-ptr = fatal\n", err, sizeof(err)));
	assert_string_equal(err, "dir/.zonelint:2: severity \"fatal\": use error, warning or info (or note)");
	assert_null(config_from("just words\n", err, sizeof(err)));
	assert_string_equal(err, "dir/.zonelint:1: not an INI line (name = value, [section] or ; comment)");
	assert_null(zl_config_read(NULL, "gone/.zonelint", err, sizeof(err)));
	assert_string_equal(err, "gone/.zonelint: cannot read the configuration file");
	zl_config_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_lists),
		cmocka_unit_test(test_severity_and_fail_on),
		cmocka_unit_test(test_fatal_never_filtered),
		cmocka_unit_test(test_directives),
		cmocka_unit_test(test_directives_stream),
		cmocka_unit_test(test_serial_arithmetic),
		cmocka_unit_test(test_config_read),
	};
	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
