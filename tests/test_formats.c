/* test_formats.c - every output formatter on a sink with awkward findings: exact github escaping, JSON and SARIF read back with jansson, tty excerpts. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "diag.h"
#include "format.h"
#include "zonelint.h"

/* A message with every character some format has to escape, and two bytes that are no UTF-8. */
#define NASTY "say \"hi\" \\ 100% a:b, c\r\nd \xff\xc3( end"
/* The same after zl_utf8_clean(). */
#define NASTY_UTF8 "say \"hi\" \\ 100% a:b, c\r\nd \xef\xbf\xbd\xef\xbf\xbd( end"

static char tty_path[] = "/tmp/zl-test-formats-XXXXXX";

/* Three findings: error with everything to escape, a whole-file warning, an info without column. */
static void fill(struct zl_sink *s)
{
	zl_sink_init(s);
	const char *f = zl_sink_intern(s, "my zones/db.ex,a:mple");
	zl_report(s, ZL_RULE_zone_syntax, f, 3, 7, "%s", NASTY);
	zl_report(s, ZL_RULE_zone_duplicate_rr, f, 0, 0, "whole file");
	zl_report_sev(s, ZL_RULE_zone_duplicate_rr, ZL_INFO, f, 9, 0, "no column");
}

/* Run a formatter into a malloc'd string. */
static char *capture(void (*fmt)(const struct zl_sink *, FILE *), const struct zl_sink *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	fmt(s, out);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static void test_github_escaping(void **state)
{
	(void)state;
	struct zl_sink s;
	fill(&s);
	char *got = capture(zl_format_github, &s);
	assert_string_equal(got,
		"::error file=my zones/db.ex%2Ca%3Ample,line=3,col=7,title=zone-syntax::"
		"say \"hi\" \\ 100%25 a:b, c%0D%0Ad \xff\xc3( end\n"
		"::warning file=my zones/db.ex%2Ca%3Ample,title=zone-duplicate-rr::whole file\n"
		"::notice file=my zones/db.ex%2Ca%3Ample,line=9,title=zone-duplicate-rr::no column\n");
	free(got);
	zl_sink_free(&s);
}

static void test_utf8_clean(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "plain", "plain" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },		/* overlong "/" */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },	/* surrogate */
		{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" }, /* > U+10FFFF */
		{ "x\xe2\x82", "x\xef\xbf\xbd\xef\xbf\xbd" },		/* cut short at the end */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = zl_utf8_clean(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
	/* the reason for zl_utf8_clean: jansson refuses invalid UTF-8 */
	assert_null(json_string(NASTY));
}

/* Parse text with jansson; fails the test if it is not one JSON document. */
static json_t *parse(const char *text)
{
	json_error_t err;
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &err);
	if (!doc)
		fail_msg("not JSON: %s at line %d: %s", err.text, err.line, text);
	return doc;
}

static void test_json(void **state)
{
	(void)state;
	struct zl_sink s;
	fill(&s);
	char *got = capture(zl_format_json, &s);
	json_t *doc = parse(got);

	assert_int_equal(json_integer_value(json_object_get(doc, "format_version")), 1);
	json_t *tool = json_object_get(doc, "tool");
	assert_string_equal(json_string_value(json_object_get(tool, "name")), "zonelint");
	assert_string_equal(json_string_value(json_object_get(tool, "version")), ZONELINT_VERSION);

	json_t *findings = json_object_get(doc, "findings");
	assert_int_equal(json_array_size(findings), 3);
	json_t *f = json_array_get(findings, 0);
	assert_string_equal(json_string_value(json_object_get(f, "file")), "my zones/db.ex,a:mple");
	assert_int_equal(json_integer_value(json_object_get(f, "line")), 3);
	assert_int_equal(json_integer_value(json_object_get(f, "column")), 7);
	assert_true(json_is_null(json_object_get(f, "end_column")));
	assert_string_equal(json_string_value(json_object_get(f, "severity")), "error");
	assert_string_equal(json_string_value(json_object_get(f, "rule")), "zone-syntax");
	assert_string_equal(json_string_value(json_object_get(f, "message")), NASTY_UTF8);
	assert_string_equal(json_string_value(json_object_get(f, "doc")),
			    "zonelint --explain zone-syntax (RFC 1035 section 5)");

	f = json_array_get(findings, 1);	/* whole file: no position */
	assert_true(json_is_null(json_object_get(f, "line")));
	assert_true(json_is_null(json_object_get(f, "column")));
	assert_string_equal(json_string_value(json_object_get(f, "severity")), "warning");
	f = json_array_get(findings, 2);
	assert_int_equal(json_integer_value(json_object_get(f, "line")), 9);
	assert_true(json_is_null(json_object_get(f, "column")));
	assert_string_equal(json_string_value(json_object_get(f, "severity")), "info");

	json_t *sum = json_object_get(doc, "summary");
	assert_int_equal(json_integer_value(json_object_get(sum, "error")), 1);
	assert_int_equal(json_integer_value(json_object_get(sum, "warning")), 1);
	assert_int_equal(json_integer_value(json_object_get(sum, "info")), 1);
	assert_int_equal(json_integer_value(json_object_get(sum, "total")), 3);

	json_decref(doc);
	free(got);
	zl_sink_free(&s);
}

/* A string member of a JSON object, or fail. */
static const char *str_at(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		fail_msg("no string \"%s\"", key);
	return json_string_value(v);
}

static void test_sarif(void **state)
{
	(void)state;
	struct zl_sink s;
	fill(&s);
	char *got = capture(zl_format_sarif, &s);
	json_t *log = parse(got);

	assert_string_equal(str_at(log, "version"), "2.1.0");
	assert_non_null(strstr(str_at(log, "$schema"), "sarif"));
	json_t *runs = json_object_get(log, "runs");
	assert_int_equal(json_array_size(runs), 1);
	json_t *run = json_array_get(runs, 0);
	json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
	assert_string_equal(str_at(driver, "name"), "zonelint");
	assert_string_equal(str_at(driver, "version"), ZONELINT_VERSION);

	json_t *rules = json_object_get(driver, "rules");
	assert_int_equal(json_array_size(rules), ZL_RULE_COUNT);
	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		json_t *r = json_array_get(rules, i);
		assert_string_equal(str_at(r, "id"), zl_rules[i].id);
		assert_string_equal(str_at(json_object_get(r, "shortDescription"), "text"),
				    zl_rules[i].summary);
		assert_string_equal(str_at(json_object_get(r, "fullDescription"), "text"),
				    zl_rules[i].explanation);
		assert_non_null(strstr(str_at(json_object_get(r, "help"), "text"),
				       zl_rules[i].reference));
		const char *level = str_at(json_object_get(r, "defaultConfiguration"), "level");
		assert_string_equal(level, zl_rules[i].severity == ZL_ERROR ? "error"
					   : zl_rules[i].severity == ZL_WARNING ? "warning" : "note");
	}

	json_t *results = json_object_get(run, "results");
	assert_int_equal(json_array_size(results), 3);
	static const char *const levels[] = { "error", "warning", "note" };
	for (size_t i = 0; i < 3; i++) {
		json_t *res = json_array_get(results, i);
		size_t idx = (size_t)json_integer_value(json_object_get(res, "ruleIndex"));
		assert_true(idx < ZL_RULE_COUNT);
		assert_string_equal(str_at(res, "ruleId"), zl_rules[idx].id);
		assert_string_equal(str_at(res, "level"), levels[i]);
		json_t *loc = json_object_get(json_array_get(json_object_get(res, "locations"), 0),
					      "physicalLocation");
		/* space, comma and colon percent-escaped; "/" kept */
		assert_string_equal(str_at(json_object_get(loc, "artifactLocation"), "uri"),
				    "my%20zones/db.ex%2Ca%3Ample");
		json_t *region = json_object_get(loc, "region");
		assert_true(json_integer_value(json_object_get(region, "startLine")) >= 1);
		json_t *col = json_object_get(region, "startColumn");
		if (i == 0)
			assert_int_equal(json_integer_value(col), 7);
		else
			assert_null(col);	/* unknown: left out, never 0 */
	}
	json_t *first = json_array_get(results, 0);
	assert_string_equal(str_at(json_object_get(first, "message"), "text"), NASTY_UTF8);

	json_decref(log);
	free(got);
	zl_sink_free(&s);
}

static void tty_plain(const struct zl_sink *s, FILE *out)
{
	zl_format_tty(s, false, out);
}

static void test_tty_caret(void **state)
{
	(void)state;
	int fd = mkstemp(tty_path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("$TTL 3600\n@\tIN\tTXT \"caf\xc3\xa9\" x\r\nlast\n", f);
	fclose(f);

	struct zl_sink s;
	zl_sink_init(&s);
	const char *file = zl_sink_intern(&s, tty_path);
	zl_report(&s, ZL_RULE_zone_syntax, file, 2, 18, "bad x");	/* the "x" */
	zl_report(&s, ZL_RULE_zone_syntax, file, 3, 0, "no column");
	zl_report(&s, ZL_RULE_zone_syntax, file, 2, 1, "again, going back");
	char *got = capture(tty_plain, &s);
	char want[1024];
	snprintf(want, sizeof(want),
		 "%s:2:18: error: bad x [zone-syntax]\n"
		 "  @\tIN\tTXT \"caf\xc3\xa9\" x\n"
		 "   \t  \t           ^\n"
		 "%s:3: error: no column [zone-syntax]\n"
		 "  last\n"
		 "%s:2:1: error: again, going back [zone-syntax]\n"
		 "  @\tIN\tTXT \"caf\xc3\xa9\" x\n"
		 "  ^\n",
		 tty_path, tty_path, tty_path);
	assert_string_equal(got, want);
	free(got);
	zl_sink_free(&s);
	unlink(tty_path);
}

static void gcc_out(const struct zl_sink *s, FILE *out)
{
	zl_format_gcc(s, out);
}

/*
 * Control octets of zone data or file names never reach the terminal in
 * gcc and tty output: each is the master-file escape \DDD, in decimal
 * (RFC 1035 section 5.1), so ESC is \027, CR \013, LF \010, DEL \127
 * and one finding stays one line.
 */
static void test_control_octets(void **state)
{
	(void)state;
	struct zl_sink s;
	char path[] = "/tmp/zl-test-formats-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("@ TXT \"\x1b[31mRED\" \"\x7f\"\n", f);	/* raw ESC and DEL in the file */
	fclose(f);

	zl_sink_init(&s);
	const char *name = zl_sink_intern(&s, "db.\nx");
	zl_report(&s, ZL_RULE_spf_version, name, 1, 8,
		  "TXT \"v=spf 1 \x1b[31mRED\r\nb\tc\x7f\"");
	char *got = capture(gcc_out, &s);
	assert_string_equal(got, "db.\\010x:1:8: error: TXT \"v=spf 1 \\027[31mRED"
				 "\\013\\010b\\009c\\127\" [spf-version]\n");
	free(got);
	zl_sink_free(&s);

	zl_sink_init(&s);
	const char *file = zl_sink_intern(&s, path);
	zl_report(&s, ZL_RULE_spf_version, file, 1, 14, "at \"\x1b\"");	/* at the E of RED */
	got = capture(tty_plain, &s);
	char want[1024];
	snprintf(want, sizeof(want),
		 "%s:1:14: error: at \"\\027\" [spf-version]\n"
		 "  @ TXT \"\\027[31mRED\" \"\\127\"\n"
		 "                  ^\n", path);
	assert_string_equal(got, want);
	free(got);
	zl_sink_free(&s);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_github_escaping),
		cmocka_unit_test(test_utf8_clean),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_tty_caret),
		cmocka_unit_test(test_control_octets),
	};
	return cmocka_run_group_tests_name("formats", tests, NULL, NULL);
}
