/* test_rules.c - every rule over small zones: fires where RFC 7208 / RFC 2181 say it must, stays quiet on near misses. */
#include "testutil.h"
#include "assert_sink.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "load.h"
#include "spf_rules.h"
#include "zonelint.h"

struct run {
	struct zl_db db;
	struct zl_zone *zone;
	struct zl_sink sink;
};

static char path[64];

/*
 * Write head, text and tail to the scratch file, load it as zone
 * example.com. and run every rule on jobs threads; findings unsorted.
 */
static struct run *load_and_run(const char *head, const char *text, const char *tail,
				unsigned jobs)
{
	struct run *r = calloc(1, sizeof(*r));
	uint8_t origin[ZL_NAME_MAX];
	size_t olen;

	assert_non_null(r);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(head, f);
	fputs(text, f);
	fputs(tail, f);
	fclose(f);
	zl_db_init(&r->db);
	zl_sink_init(&r->sink);
	assert_int_equal(zl_name_from_text("example.com.", 12, NULL, origin, &olen), ZL_NAME_OK);
	struct zl_load_opts lo = { 0 };
	lo.path = path;
	lo.origin = origin;
	assert_int_equal(zl_db_load(&r->db, &lo, &r->sink, &r->zone), ZL_PARSE_OK);
	zl_rules_run_jobs(&r->db, &r->sink, jobs);
	return r;
}

/* Lint text as zone example.com. with every rule; findings sorted by position. */
static struct run *lint(const char *text)
{
	/* line 1 is $TTL, so the texts start on line 2; after the text, so
	 * its line numbers hold, the apex every zone needs */
	struct run *r = load_and_run("$TTL 3600\n", text,
				     "\n@ SOA ns.example.net. hostmaster.example.com. 2024060101 7200 3600 1209600 3600\n"
				     "@ NS ns.example.net.\n", 1);
	zl_sink_sort(&r->sink);
	return r;
}

static void done(struct run *r)
{
	zl_db_free(&r->db);
	zl_sink_free(&r->sink);
	free(r);
}

/* Number of findings of rule. */
static size_t count(const struct run *r, enum zl_rule rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->sink.n; i++)
		n += r->sink.v[i].rule == rule;
	return n;
}

/* The k-th finding of rule (0-based). */
static const struct zl_diagnostic *find(const struct run *r, enum zl_rule rule, size_t k)
{
	for (size_t i = 0; i < r->sink.n; i++)
		if (r->sink.v[i].rule == rule && k-- == 0)
			return &r->sink.v[i];
	fail_msg("no finding %zu of rule %s", k, zl_rules[rule].id);
	return NULL;
}

static void assert_at(const struct zl_diagnostic *d, uint32_t line, uint32_t col,
		      enum zl_severity sev)
{
	assert_int_equal(d->line, line);
	assert_int_equal(d->col, col);
	assert_int_equal(d->severity, sev);
}

/* The table itself: ids kebab-case and unique, every field filled, a reference to an RFC or (conf) the BIND 9.18 ARM. */
static void test_rule_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		const struct zl_rule_info *ri = &zl_rules[i];
		assert_non_null(ri->id);
		for (const char *p = ri->id; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
		assert_ptr_equal(zl_rule_by_id(ri->id), ri);
		assert_true(strncmp(ri->id, zl_family_name(ri->family),
				    strlen(zl_family_name(ri->family))) == 0);
		assert_true(strlen(ri->summary) > 10 && strlen(ri->explanation) > 80);
		if (ri->family == ZL_FAMILY_CONF)
			assert_non_null(strstr(ri->reference, "BIND 9.18 ARM section "));
		else
			assert_non_null(strstr(ri->reference, "RFC "));
	}
	assert_null(zl_rule_by_id("no-such-rule"));
}

/* spf-syntax: RFC 7208 section 12; the column is the bad term's. */
static void test_spf_syntax(void **state)
{
	(void)state;
	/*                     col 1234567890123456789012 */
	struct run *r = lint("@ TXT \"v=spf1 ipv4:192.0.2.1 -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_syntax), 1);
	assert_at(find(r, ZL_RULE_spf_syntax, 0), 2, 15, ZL_ERROR);
	done(r);
	r = lint("@ TXT \"v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all\"\n");
	assert_int_equal(r->sink.n, 0);
	done(r);
	r = lint("@ TXT \"v=spf1 redirect=a.example.net redirect=b.example.net\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_syntax), 1);
	done(r);
}

/* spf-version: section 4.5 selects only "v=spf1" followed by SP or end. */
static void test_spf_version(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf 1 mx -all\"\nx TXT \" v=spf1 mx -all\"\n"
			     "y TXT \"spf2.0/pra mx -all\"\nz TXT \"v=spf1\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_version), 2);
	assert_int_equal(find(r, ZL_RULE_spf_version, 0)->line, 2);
	assert_int_equal(find(r, ZL_RULE_spf_version, 1)->line, 3);
	done(r);
}

/* spf-lookup-limit: section 4.6.4; 10 is fine, 11 is not; includes in the data add up. */
static void test_spf_lookup_limit(void **state)
{
	(void)state;
	/* 6 DNS-querying terms of its own (include among them) + 4 in the
	 * included record = 10: allowed */
	struct run *r = lint("@ TXT \"v=spf1 a mx a:x.example.com mx:y.example.com exists:e.example.com include:_i.example.com -all\"\n"
			     "_i TXT \"v=spf1 a a mx exists:%{i}.z.example.com ~all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 0);
	done(r);
	/* one more term in the included record: 11, reported at the include
	 * term (column 74), the term that takes the running count past 10 */
	r = lint("@ TXT \"v=spf1 a mx a:x.example.com mx:y.example.com exists:e.example.com include:_i.example.com -all\"\n"
		 "_i TXT \"v=spf1 a a mx exists:%{i}.z.example.com ptr ~all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 1);
	assert_at(find(r, ZL_RULE_spf_lookup_limit, 0), 2, 74, ZL_ERROR);
	assert_non_null(strstr(find(r, ZL_RULE_spf_lookup_limit, 0)->message, "11"));
	done(r);
	/* redirect counts, and so does its target; with "all" present it is ignored (section 6.1) */
	r = lint("@ TXT \"v=spf1 a a a a a a a a a redirect=_r.example.com\"\n"
		 "_r TXT \"v=spf1 mx -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 1);
	done(r);
	r = lint("@ TXT \"v=spf1 a a a a a a a a a -all redirect=_r.example.com\"\n"
		 "_r TXT \"v=spf1 mx mx -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 0);
	done(r);
	/* an include loop ends; it does not hang */
	r = lint("@ TXT \"v=spf1 include:_a.example.com -all\"\n"
		 "_a TXT \"v=spf1 include:example.com -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 0);
	done(r);
}

/* spf-multiple-records: section 4.5; identical RRs are one RR, not two records. */
static void test_spf_multiple_records(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 mx -all\"\n@ TXT \"v=spf1 a -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_multiple_records), 1);
	assert_at(find(r, ZL_RULE_spf_multiple_records, 0), 3, 1, ZL_ERROR);
	done(r);
	r = lint("@ TXT \"v=spf1 mx -all\"\n@ TXT \"v=spf1 mx -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_multiple_records), 0);
	assert_int_equal(count(r, ZL_RULE_zone_duplicate_rr), 1);
	done(r);
	/* identical RRs among others count once, wherever they stand */
	r = lint("@ TXT \"v=spf1 a -all\"\n@ TXT \"v=spf1 mx -all\"\n@ TXT \"v=spf1 a -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_multiple_records), 1);
	assert_non_null(strstr(find(r, ZL_RULE_spf_multiple_records, 0)->message, "has 2 SPF"));
	done(r);
}

/* zone-duplicate-rr: RFC 2181 section 5; names in RDATA compare case-insensitively. */
static void test_zone_duplicate_rr(void **state)
{
	(void)state;
	struct run *r = lint("@ MX 10 Mail.example.com.\n@ 60 MX 10 mail.EXAMPLE.com.\n");
	assert_int_equal(count(r, ZL_RULE_zone_duplicate_rr), 1);
	assert_at(find(r, ZL_RULE_zone_duplicate_rr, 0), 3, 1, ZL_WARNING);
	done(r);
	/* TXT data is case-sensitive: two different records */
	r = lint("x TXT \"Hello\"\nx TXT \"hello\"\n");
	assert_int_equal(count(r, ZL_RULE_zone_duplicate_rr), 0);
	done(r);
}

/* spf-ptr: section 5.5 (ptr SHOULD NOT be used) and the %{p} macro. */
static void test_spf_ptr(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 ptr exists:%{p}.x.example.com -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_ptr), 2);
	assert_at(find(r, ZL_RULE_spf_ptr, 0), 2, 15, ZL_WARNING);
	assert_at(find(r, ZL_RULE_spf_ptr, 1), 2, 19, ZL_WARNING);
	done(r);
	r = lint("@ TXT \"v=spf1 a:ptr.example.com -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_ptr), 0);
	done(r);
}

/*
 * Records with the same text share a parse made for the first
 * (spfctx.recent), and each is still reported at its own place: the
 * ptr mechanism (RFC 7208 section 5.5) at the column of its term on
 * each record's line, for texts met again after others and quoted
 * otherwise (column 9 after two blanks); a text with a bad term (an
 * unknown mechanism, section 12) is parsed again each time.
 */
static void test_spf_same_text(void **state)
{
	(void)state;
	struct run *r = lint("a TXT \"v=spf1 ptr -all\"\n"
			     "b TXT \"v=spf1 ipv4:192.0.2.1 -all\"\n"
			     "c TXT \"v=spf1 ptr -all\"\n"
			     "d TXT \"v=spf1 ipv4:192.0.2.1 -all\"\n"
			     "e TXT \"v=spf1 ptr -all\"\n"
			     "f TXT  \"v=spf1 ptr -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_ptr), 4);
	assert_at(find(r, ZL_RULE_spf_ptr, 0), 2, 15, ZL_WARNING);
	assert_at(find(r, ZL_RULE_spf_ptr, 1), 4, 15, ZL_WARNING);
	assert_at(find(r, ZL_RULE_spf_ptr, 2), 6, 15, ZL_WARNING);
	assert_at(find(r, ZL_RULE_spf_ptr, 3), 7, 16, ZL_WARNING);
	assert_int_equal(count(r, ZL_RULE_spf_syntax), 2);
	assert_at(find(r, ZL_RULE_spf_syntax, 0), 3, 15, ZL_ERROR);
	assert_at(find(r, ZL_RULE_spf_syntax, 1), 5, 15, ZL_ERROR);
	done(r);
}

/* spf-missing-all and spf-permissive-all: sections 4.7 and 5.1. */
static void test_spf_all(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 mx\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_missing_all), 1);
	assert_at(find(r, ZL_RULE_spf_missing_all, 0), 2, 8, ZL_WARNING);
	done(r);
	r = lint("@ TXT \"v=spf1 mx redirect=_spf.example.net\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_missing_all), 0);
	done(r);
	r = lint("@ TXT \"v=spf1 mx all\"\nx TXT \"v=spf1 +all\"\ny TXT \"v=spf1 ?all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_permissive_all), 2);
	assert_at(find(r, ZL_RULE_spf_permissive_all, 0), 2, 18, ZL_ERROR);
	assert_at(find(r, ZL_RULE_spf_permissive_all, 1), 3, 15, ZL_ERROR);
	done(r);
}

/* spf-string-join: section 3.3 joins strings with nothing between them. */
static void test_spf_string_join(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT ( \"v=spf1 ip4:192.0.2.0/24\"\n"
			     "        \"include:_spf.example.net -all\" )\n");
	assert_int_equal(count(r, ZL_RULE_spf_string_join), 1);
	assert_at(find(r, ZL_RULE_spf_string_join, 0), 3, 10, ZL_ERROR);
	assert_int_equal(count(r, ZL_RULE_spf_syntax), 0);	/* one mistake, one finding */
	done(r);
	/* a split inside a term, joined correctly, is legal */
	r = lint("@ TXT \"v=spf1 include:_spf.exam\" \"ple.net -all\"\n");
	assert_int_equal(r->sink.n, 0);
	done(r);
	/* "v=spf1" "mx -all" joins to "v=spf1mx -all": not SPF at all */
	r = lint("@ TXT \"v=spf1\" \"mx -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_string_join), 1);
	assert_int_equal(count(r, ZL_RULE_spf_version), 0);
	done(r);
}

/* spf-type99: section 3.1 and 14.1; an error when there is no TXT SPF record. */
static void test_spf_type99(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 mx -all\"\n@ SPF \"v=spf1 mx -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_type99), 1);
	assert_at(find(r, ZL_RULE_spf_type99, 0), 3, 1, ZL_WARNING);
	done(r);
	r = lint("@ SPF \"v=spf1 mx -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_type99), 1);
	assert_at(find(r, ZL_RULE_spf_type99, 0), 2, 1, ZL_ERROR);
	done(r);
}

/* spf-missing: a name with MX but no SPF record; a null MX (RFC 7505) is not a mail domain. */
static void test_spf_missing(void **state)
{
	(void)state;
	struct run *r = lint("@ MX 10 mail\nmail A 192.0.2.25\n");
	assert_int_equal(count(r, ZL_RULE_spf_missing), 1);
	assert_at(find(r, ZL_RULE_spf_missing, 0), 2, 1, ZL_WARNING);
	done(r);
	r = lint("@ MX 0 .\n");
	assert_int_equal(count(r, ZL_RULE_spf_missing), 0);
	done(r);
}

/* spf-redirect-ignored (section 6.1) and spf-terms-after-all (section 5.1). */
static void test_spf_dead_terms(void **state)
{
	(void)state;
	/*                    col 8      15   20 */
	struct run *r = lint("@ TXT \"v=spf1 -all mx redirect=_s.example.net\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_terms_after_all), 1);
	assert_at(find(r, ZL_RULE_spf_terms_after_all, 0), 2, 20, ZL_WARNING);
	assert_int_equal(count(r, ZL_RULE_spf_redirect_ignored), 1);
	assert_at(find(r, ZL_RULE_spf_redirect_ignored, 0), 2, 23, ZL_WARNING);
	done(r);
	/* modifiers after all are fine (exp= is used on fail) */
	r = lint("@ TXT \"v=spf1 mx -all exp=_e.example.net\"\n@ MX 10 mail.example.net.\n");
	assert_int_equal(r->sink.n, 0);
	done(r);
}

/* spf-cidr-host-bits: section 5.6 compares only the first prefix-length bits. */
static void test_spf_cidr_host_bits(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 ip4:192.0.2.5/24 ip6:2001:db8::1/32 -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_cidr_host_bits), 2);
	assert_at(find(r, ZL_RULE_spf_cidr_host_bits, 0), 2, 19, ZL_WARNING);
	assert_non_null(strstr(find(r, ZL_RULE_spf_cidr_host_bits, 0)->message, "192.0.2.0/24"));
	assert_non_null(strstr(find(r, ZL_RULE_spf_cidr_host_bits, 1)->message, "2001:db8::/32"));
	done(r);
	r = lint("@ TXT \"v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.5 ip4:192.0.2.5/32 ip6:2001:db8::/32 ip4:0.0.0.0/0 -all\"\n");
	assert_int_equal(r->sink.n, 0);
	done(r);
}

/* spf-ip-family instead of a generic syntax error. */
static void test_spf_ip_family(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 ip4:2001:db8::1 ip6:192.0.2.1 -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_ip_family), 2);
	assert_int_equal(count(r, ZL_RULE_spf_syntax), 0);
	assert_at(find(r, ZL_RULE_spf_ip_family, 0), 2, 19, ZL_ERROR);
	assert_at(find(r, ZL_RULE_spf_ip_family, 1), 2, 35, ZL_ERROR);
	done(r);
	/* an IPv4-mapped IPv6 address is an IPv6 address */
	r = lint("@ TXT \"v=spf1 ip6:::ffff:192.0.2.1 -all\"\n");
	assert_int_equal(r->sink.n, 0);
	done(r);
}

/* spf-record-too-long: section 3.4, 450 octets. */
static void test_spf_record_too_long(void **state)
{
	(void)state;
	/* "v=spf1" + 55 * " a:hNNN.example.com" (18 octets each) = 6 + 990 */
	char text[2400] = "@ TXT ( ";
	char rec[1100] = "v=spf1";
	for (int i = 0; i < 24; i++)
		snprintf(rec + strlen(rec), sizeof(rec) - strlen(rec), " ip4:192.0.2.%d", i + 100);
	/* 6 + 24 * 16 = 390 octets + " -all" = 395: under the limit */
	snprintf(text + strlen(text), sizeof(text) - strlen(text), "\"%.200s\" \"%s -all\" )\n", rec, rec + 200);
	struct run *r = lint(text);
	assert_int_equal(count(r, ZL_RULE_spf_record_too_long), 0);
	done(r);
	/* 4 more ip4 terms: 395 + 4 * 16 = 459 > 450 */
	for (int i = 24; i < 28; i++)
		snprintf(rec + strlen(rec), sizeof(rec) - strlen(rec), " ip4:192.0.2.%d", i + 100);
	/* three character-strings: none may pass 255 octets */
	snprintf(text, sizeof(text), "@ TXT ( \"%.200s\" \"%.200s\" \"%s -all\" )\n", rec,
		 rec + 200, rec + 400);
	r = lint(text);
	assert_int_equal(count(r, ZL_RULE_spf_record_too_long), 1);
	assert_non_null(strstr(find(r, ZL_RULE_spf_record_too_long, 0)->message, "459"));
	done(r);
}

/* spf-non-ascii: an en dash pasted for "-". */
static void test_spf_non_ascii(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 mx \\226\\128\\147all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_non_ascii), 1);
	assert_at(find(r, ZL_RULE_spf_non_ascii, 0), 2, 18, ZL_ERROR);
	assert_non_null(strstr(find(r, ZL_RULE_spf_non_ascii, 0)->message, "en dash"));
	assert_int_equal(count(r, ZL_RULE_spf_syntax), 0);
	done(r);
}

/* spf-void-lookup: section 4.6.4, at most 2 lookups that answer nothing. */
static void test_spf_void_lookup(void **state)
{
	(void)state;
	/* two voids: warnings; the AAAA-only host and the CNAME'd host are not void */
	struct run *r = lint("@ TXT \"v=spf1 a:gone1.example.com a:gone2.example.com a:v6.example.com a:alias.example.com -all\"\n"
			     "v6 AAAA 2001:db8::1\n"
			     "alias CNAME v6\n");
	assert_int_equal(count(r, ZL_RULE_spf_void_lookup), 2);
	assert_at(find(r, ZL_RULE_spf_void_lookup, 0), 2, 15, ZL_WARNING);
	assert_at(find(r, ZL_RULE_spf_void_lookup, 1), 2, 35, ZL_WARNING);
	done(r);
	/* three: each an error */
	r = lint("@ TXT \"v=spf1 a:g1.example.com a:g2.example.com mx:g3.example.com -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_void_lookup), 3);
	/* the first two are allowed; the third makes the permerror */
	assert_int_equal(find(r, ZL_RULE_spf_void_lookup, 0)->severity, ZL_WARNING);
	assert_int_equal(find(r, ZL_RULE_spf_void_lookup, 1)->severity, ZL_WARNING);
	assert_int_equal(find(r, ZL_RULE_spf_void_lookup, 2)->severity, ZL_ERROR);
	done(r);
	/* "mx" in an included record names the include target itself (section 4.6) */
	r = lint("@ TXT \"v=spf1 include:_s.example.com -all\"\n"
		 "@ MX 10 mail\nmail A 192.0.2.25\n"
		 "_s TXT \"v=spf1 mx -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_void_lookup), 1);
	assert_int_equal(find(r, ZL_RULE_spf_void_lookup, 0)->line, 5);
	done(r);
	/* targets outside the loaded data are unknown, not void */
	r = lint("@ TXT \"v=spf1 a:x.example.net a:y.example.org mx:z.example.net -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_void_lookup), 0);
	done(r);
}

/* spf-include-no-spf: section 5.2 (include) and 6.1 (redirect). */
static void test_spf_include_no_spf(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 include:nx.example.com include:txt.example.com -all\"\n"
			     "txt TXT \"google-site-verification=abc\"\n"
			     "r TXT \"v=spf1 redirect=txt.example.com\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_include_no_spf), 3);
	assert_at(find(r, ZL_RULE_spf_include_no_spf, 0), 2, 23, ZL_ERROR);
	assert_at(find(r, ZL_RULE_spf_include_no_spf, 1), 2, 46, ZL_ERROR);
	done(r);
	/* outside the data, or below a delegation: not ours to judge */
	r = lint("@ TXT \"v=spf1 include:_spf.example.net include:_spf.sub.example.com -all\"\n"
		 "sub NS ns.example.net.\n");
	assert_int_equal(count(r, ZL_RULE_spf_include_no_spf), 0);
	done(r);
}

/* spf-include-loop: the chain returns to a record being evaluated. */
static void test_spf_include_loop(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 include:_a.example.com -all\"\n"
			     "_a TXT \"v=spf1 include:example.com -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_include_loop), 1);
	assert_at(find(r, ZL_RULE_spf_include_loop, 0), 3, 16, ZL_ERROR);
	assert_non_null(strstr(find(r, ZL_RULE_spf_include_loop, 0)->message,
			       "example.com. -> _a.example.com. -> example.com."));
	done(r);
	/* a diamond is no loop */
	r = lint("@ TXT \"v=spf1 include:_b.example.com include:_c.example.com -all\"\n"
		 "_b TXT \"v=spf1 include:_d.example.com -all\"\n"
		 "_c TXT \"v=spf1 include:_d.example.com -all\"\n"
		 "_d TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n");
	assert_int_equal(count(r, ZL_RULE_spf_include_loop), 0);
	done(r);
}

/*
 * The SPF family in a thread of its own: the same findings, in the same
 * emission order and file order, with the same counts, as one job.
 * The zone has no SOA (a file-level zone-soa finding, line 0), a CNAME
 * beside other data, and SPF findings: ptr (RFC 7208 section 5.5) and
 * a lookup limit overrun (section 4.6.4) about records, and about
 * names (checked on either thread) a mail domain without SPF and a TXT
 * record whose version section is not "v=spf1" (section 4.5).
 */
static void test_rules_jobs_same_findings(void **state)
{
	(void)state;
	static const char text[] =
		"$TTL 3600\n"
		"@ NS ns.example.net.\n"
		"@ TXT \"v=spf1 ptr include:a.example.com -all\"\n"
		"a TXT \"v=spf1 a mx a:1.example.com a:2.example.com a:3.example.com a:4.example.com a:5.example.com a:6.example.com a:7.example.com a:8.example.com a:9.example.com -all\"\n"
		"www CNAME example.com.\n"
		"www TXT unquoted\n"
		"shop MX 10 mx.example.net.\n"
		"old TXT \"v=spf 1 -all\"\n";
	struct run *one = load_and_run("", text, "", 1), *two = load_and_run("", text, "", 2);

	assert_true(count(one, ZL_RULE_spf_ptr) == 1);
	assert_true(count(one, ZL_RULE_spf_missing) == 1);
	assert_true(count(one, ZL_RULE_spf_version) == 1);
	assert_true(count(one, ZL_RULE_spf_lookup_limit) >= 1);
	assert_true(count(one, ZL_RULE_zone_cname_and_other_data) >= 1);
	assert_true(count(one, ZL_RULE_zone_soa) == 1);
	assert_same_sink(&one->sink, &two->sink);
	done(one);
	done(two);
}

/* zl_nodes_job_work() on a thread of its own. */
static void *nodes_worker(void *arg)
{
	zl_nodes_job_work(arg);
	return NULL;
}

/*
 * The walk over the nodes cut into blocks that threads take as they
 * come (struct zl_nodes_job).  A zone of 20,000 names, several blocks,
 * each name with its A record twice (RFC 2181 section 5: one finding
 * of zone-duplicate-rr each) and every 997th with a CNAME beside it
 * (RFC 1034 section 3.6.2): every finding comes once, in the order of
 * the names, whichever thread checks which block; so a node checked
 * twice or skipped at the edge of a block shows.
 */
static void test_rules_jobs_node_blocks(void **state)
{
	(void)state;
	enum { NAMES = 20000, THREADS = 4 };
	static const char head[] = "$TTL 3600\n@ SOA ns.example.net. h.example.com. 1 7200 3600 1209600 3600\n"
				   "@ NS ns.example.net.\nwww A 192.0.2.2\n";
	size_t cap = NAMES * 64, len = 0, cnames = 0;
	char *text = malloc(cap);

	assert_non_null(text);
	for (int i = 1; i <= NAMES; i++) {
		len += (size_t)snprintf(text + len, cap - len, "h%d A 192.0.2.1\nh%d A 192.0.2.1\n", i, i);
		if (i % 997 == 0) {
			len += (size_t)snprintf(text + len, cap - len, "h%d CNAME www\n", i);
			cnames++;
		}
	}
	assert_true(len < cap);
	struct run *one = load_and_run(head, text, "", 1), *two = load_and_run(head, text, "", 2);

	assert_int_equal(count(one, ZL_RULE_zone_cname_and_other_data), cnames);
	assert_int_equal(count(one, ZL_RULE_zone_duplicate_rr), NAMES);
	assert_same_sink(&one->sink, &two->sink);
	for (int round = 0; round < 10; round++) {
		struct zl_nodes_job j;
		struct zl_sink dups, sink;
		pthread_t t[THREADS];

		zl_sink_init(&dups);
		zl_sink_init(&sink);
		zl_nodes_job_init(&j, &one->db, NULL);
		assert_true(j.nblocks > 2);
		for (int k = 0; k < THREADS; k++)
			assert_int_equal(pthread_create(&t[k], NULL, nodes_worker, &j), 0);
		for (int k = 0; k < THREADS; k++)
			pthread_join(t[k], NULL);
		zl_nodes_job_finish(&j, &dups, &sink);
		assert_int_equal(dups.n, NAMES);
		assert_int_equal(sink.n, cnames);
		/* the second A record of name i + 1: after the 4 lines of the head,
		 * 2 lines a name and a CNAME after every 997th */
		for (size_t i = 0; i < dups.n; i++)
			assert_int_equal(dups.v[i].line, 6 + 2 * i + i / 997);
		zl_sink_free(&dups);
		zl_sink_free(&sink);
	}
	free(text);
	done(one);
	done(two);
}

/* spf-mx-too-many: at most 10 MX names (section 4.6.4); identical RRs count once. */
static void test_spf_mx_too_many(void **state)
{
	(void)state;
	char text[2048] = "@ TXT \"v=spf1 mx -all\"\n";
	for (int i = 1; i <= 10; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "@ MX %d mx%d.example.net.\n", i, i);
	strcat(text, "@ MX 10 mx10.example.net.\n");	/* a duplicate */
	struct run *r = lint(text);
	assert_int_equal(count(r, ZL_RULE_spf_mx_too_many), 0);
	done(r);
	strcat(text, "@ MX 11 mx11.example.net.\n");
	r = lint(text);
	assert_int_equal(count(r, ZL_RULE_spf_mx_too_many), 1);
	assert_at(find(r, ZL_RULE_spf_mx_too_many, 0), 2, 15, ZL_ERROR);
	assert_non_null(strstr(find(r, ZL_RULE_spf_mx_too_many, 0)->message, "11 MX"));
	done(r);
	/* 20,000 MX records: counted up to 100 distinct ones, in linear time */
	size_t cap = 20000 * 40 + 64, len = 0;
	char *big = malloc(cap);
	assert_non_null(big);
	len += (size_t)snprintf(big, cap, "@ TXT \"v=spf1 mx -all\"\n");
	for (int i = 0; i < 20000; i++)
		len += (size_t)snprintf(big + len, cap - len, "@ MX 10 mx%d.example.net.\n", i);
	r = lint(big);
	assert_int_equal(count(r, ZL_RULE_spf_mx_too_many), 1);
	assert_non_null(strstr(find(r, ZL_RULE_spf_mx_too_many, 0)->message, "100 or more MX"));
	done(r);
	free(big);
}

/*
 * Fan-out multiplies: 31 levels of two includes each is 2^31 paths, more
 * than 32 bits can count.  The count must saturate, never wrap to a small
 * number that passes.
 */
static void test_spf_lookup_count_saturates(void **state)
{
	(void)state;
	char text[8192] = "h A 192.0.2.1\n";
	for (int k = 0; k < 30; k++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "r%d TXT \"v=spf1 include:r%d.example.com include:r%d.example.com -all\"\n",
			 k, k + 1, k + 1);
	strcat(text, "r30 TXT \"v=spf1 a:h.example.com -all\"\n"
		     "@ TXT \"v=spf1 include:r0.example.com -all\"\n");
	struct run *r = lint(text);
	assert_true(count(r, ZL_RULE_spf_lookup_limit) >= 1);
	const struct zl_diagnostic *d = NULL;
	for (size_t i = 0; i < r->sink.n; i++)
		if (r->sink.v[i].rule == ZL_RULE_spf_lookup_limit && r->sink.v[i].line == 2 + 31 + 1)
			d = &r->sink.v[i];
	assert_non_null(d);	/* the apex record is reported */
	assert_non_null(strstr(d->message, "or more"));

	/* --spf-tree prints each record's subtree once: output stays small */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	uint8_t apex[ZL_NAME_MAX];
	size_t alen;
	assert_int_equal(zl_name_from_text("example.com.", 12, NULL, apex, &alen), ZL_NAME_OK);
	assert_int_equal(zl_spf_tree_print(&r->db, apex, out), 1);
	fclose(out);
	assert_true(len < 16384);
	assert_non_null(strstr(buf, "(shown above)"));
	free(buf);
	done(r);
}

/*
 * Exactly 10 is fine when every target is in the data; with a target
 * outside it, 10 is only a lower bound: a warning.
 */
static void test_spf_lookup_at_least_ten(void **state)
{
	(void)state;
	struct run *r = lint("@ TXT \"v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com "
			     "a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com "
			     "include:_spf.example.net -all\"\nh A 192.0.2.1\n");
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 1);
	assert_int_equal(find(r, ZL_RULE_spf_lookup_limit, 0)->severity, ZL_WARNING);
	done(r);
	r = lint("@ TXT \"v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com "
		 "a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com "
		 "a:h.example.com -all\"\nh A 192.0.2.1\n");
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 0);
	done(r);
}

/*
 * An include chain 70 deep, walked to its end however deep: each include
 * costs one lookup (RFC 7208 section 4.6.4), so r<k> needs 69 - k and
 * the apex, which includes r0, needs 70; r0 to r58 and the apex are over
 * the limit of 10.  The walks used to stop 64 deep and count "at least"
 * what they had seen, so r55 to r58 (needing 14 to 11) went unreported.
 * Then a chain of 20,000, walked without recursion.
 */
static void test_spf_nesting_deep(void **state)
{
	(void)state;
	char text[8192] = "";
	for (int k = 0; k < 69; k++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "r%d TXT \"v=spf1 include:r%d.example.com -all\"\n", k, k + 1);
	strcat(text, "r69 TXT \"v=spf1 -all\"\n"
		     "@ TXT \"v=spf1 include:r0.example.com -all\"\n");
	struct run *r = lint(text);
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), 60);
	for (int k = 0; k < 59; k++) {
		const struct zl_diagnostic *d = find(r, ZL_RULE_spf_lookup_limit, (size_t)k);
		char want[64];
		assert_int_equal(d->line, 2 + k);
		snprintf(want, sizeof(want), "needs %d DNS lookups", 69 - k);
		assert_non_null(strstr(d->message, want));
	}
	const struct zl_diagnostic *apex = find(r, ZL_RULE_spf_lookup_limit, 59);
	assert_int_equal(apex->line, 2 + 70);
	assert_non_null(strstr(apex->message, "needs 70 DNS lookups"));
	done(r);

	enum { LONG = 20000 };
	size_t cap = (size_t)LONG * 64, n = 0;
	char *big = malloc(cap);
	assert_non_null(big);
	for (int k = 0; k < LONG; k++)
		n += (size_t)snprintf(big + n, cap - n, "r%d TXT \"v=spf1 include:r%d.example.com -all\"\n",
				      k, k + 1);
	snprintf(big + n, cap - n, "r%d TXT \"v=spf1 -all\"\n", LONG);
	r = lint(big);
	free(big);
	assert_int_equal(count(r, ZL_RULE_spf_lookup_limit), LONG - 10);
	assert_non_null(strstr(find(r, ZL_RULE_spf_lookup_limit, 0)->message, "needs 20000 DNS lookups"));
	done(r);
}

/*
 * The SPF family's table holds only the records that an include or a
 * redirect names (b, d through the CNAME c, and h), every other one is
 * filled for its turn; --spf-tree's holds every record.
 */
static void test_spf_table_holds_targets(void **state)
{
	(void)state;
	struct run *r = lint("a TXT \"v=spf1 include:b.example.com redirect=c.example.com\"\n"
			     "b TXT \"v=spf1 ip4:192.0.2.1 -all\"\n"
			     "c CNAME d\n"
			     "d TXT \"v=spf1 ip4:192.0.2.2 -all\"\n"
			     "e TXT \"v=spf1 ip4:192.0.2.3 -all\"\n"
			     "f TXT \"v=spf1 include:%{d}.example.com -all\"\n"
			     /* names any case, a qualifier (RFC 7208 sections 4.6.1, 12) */
			     "g TXT \"v=spf1 ?INCLUDE:h.example.com -all\"\n"
			     "h TXT \"v=spf1 ip4:192.0.2.4 -all\"\n");
	struct spfctx c;
	struct spfrec tmp;
	size_t n;

	spf_ctx_init(&c, &r->db, NULL, false);
	assert_int_equal(c.norder, 7);
	assert_int_equal(c.n, 3);
	uint8_t wire[ZL_NAME_MAX];
	size_t len;
	const char *held[] = { "b.example.com.", "d.example.com.", "h.example.com." };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(zl_name_from_text(held[i], strlen(held[i]), NULL, wire, &len), ZL_NAME_OK);
		assert_non_null(spf_records_at(&c, zl_db_find(&r->db, wire), &n));
		assert_int_equal(n, 1);
	}
	/* in reading order: a alone, b from the table, d, e and f alone */
	assert_ptr_equal(spf_rec_at(&c, 0, &tmp), &tmp);
	assert_ptr_not_equal(spf_rec_at(&c, 1, &tmp), &tmp);
	assert_ptr_not_equal(spf_rec_at(&c, 2, &tmp), &tmp);
	assert_ptr_equal(spf_rec_at(&c, 3, &tmp), &tmp);
	assert_int_equal(zl_rr_line(tmp.rr), 6);
	assert_int_equal(tmp.proto, SPF_NO_PROTO);
	spf_ctx_free(&c);
	spf_ctx_init(&c, &r->db, NULL, true);
	assert_int_equal(c.n, 7);
	assert_null(c.order);
	spf_ctx_free(&c);
	done(r);
}

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/zl-test-rules-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_spf_syntax),
		cmocka_unit_test(test_spf_version),
		cmocka_unit_test(test_spf_lookup_limit),
		cmocka_unit_test(test_spf_multiple_records),
		cmocka_unit_test(test_zone_duplicate_rr),
		cmocka_unit_test(test_spf_ptr),
		cmocka_unit_test(test_spf_same_text),
		cmocka_unit_test(test_spf_all),
		cmocka_unit_test(test_spf_string_join),
		cmocka_unit_test(test_spf_type99),
		cmocka_unit_test(test_spf_missing),
		cmocka_unit_test(test_spf_dead_terms),
		cmocka_unit_test(test_spf_cidr_host_bits),
		cmocka_unit_test(test_spf_ip_family),
		cmocka_unit_test(test_spf_record_too_long),
		cmocka_unit_test(test_spf_non_ascii),
		cmocka_unit_test(test_spf_void_lookup),
		cmocka_unit_test(test_spf_include_no_spf),
		cmocka_unit_test(test_spf_include_loop),
		cmocka_unit_test(test_spf_mx_too_many),
		cmocka_unit_test(test_rules_jobs_same_findings),
		cmocka_unit_test(test_rules_jobs_node_blocks),
		cmocka_unit_test(test_spf_lookup_count_saturates),
		cmocka_unit_test(test_spf_lookup_at_least_ten),
		cmocka_unit_test(test_spf_nesting_deep),
		cmocka_unit_test(test_spf_table_holds_targets),
	};
	return cmocka_run_group_tests_name("rules", tests, setup, teardown);
}
