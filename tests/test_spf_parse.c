/* test_spf_parse.c - cmocka tests for the SPF term parser and macro-string syntax. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "spf.h"

/* A record with its exact length: some hold a NUL octet. */
#define REC(s) (s), sizeof(s) - 1

/*
 * Records of the OpenSPF RFC 7208 suite
 * (/work/shared/conformance/spf/rfc7208-tests.yml).  bad_term is the index
 * of the first term that must be ZL_SPF_TERM_BAD, or -1 for a record
 * whose syntax the suite treats as valid (its permerrors, if any, come
 * from DNS data, limits or the target record, not from this text).
 */
struct suite_case {
	const char *test;	/* suite test name(s) */
	const char *txt;
	size_t len;
	int bad_term;
};

static const struct suite_case suite_cases[] = {
	/* Initial processing */
	{ "toolonglabel, longlabel, emptylabel", REC("v=spf1 -all exp=exp.example.net"), -1 },
	{ "longlabel (target)", REC("v=spf1 -all"), -1 },
	{ "non-ascii-policy", REC("v=spf1 a:\xEF\xBB\xBFgarbage.example.net -all"), 0 },
	{ "non-ascii-mech", REC("v=spf1 \x80" "a:example.net -all"), 0 },
	{ "non-ascii-result", REC("v=spf1 a:example.net \x96" "all"), 1 },
	{ "non-ascii-non-spf", REC("v=spf1 a:example.net -all"), -1 },
	{ "control-char-policy", REC("v=spf1 a:ctrl.example.com\rptr -all"), 0 },
	{ "two-spaces", REC("v=spf1 a  -all"), -1 },
	{ "trailing-space", REC("v=spf1 a -all "), -1 },
	{ "null-text (joined strings)", REC("v=spf1 ip4:192.0.2.5 -all"), -1 },
	{ "badip4", REC("v=spf1 ip4:192.0.2.5\n include:spf.protection.outlook.com ~all"), 0 },
	/* Selecting records */
	{ "empty", REC("v=spf1"), -1 },
	{ "nospace2", REC("v=spf1 mx"), -1 },
	{ "spfoverride", REC("v=spf1 +all"), -1 },
	{ "multitxt2", REC("V=sPf1 +all"), -1 },
	{ "multispf2", REC("V=spf1 -all"), -1 },
	{ "case-insensitive", REC("v=SpF1 ~all"), -1 },
	/* Record evaluation */
	{ "detect-errors-anywhere", REC("v=spf1 ip4:1.2.3.4 -all moo"), 2 },
	{ "modifier-charset-good", REC("v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all"), -1 },
	{ "modifier-charset-bad1", REC("v=spf1 moo.cow/far_out=man:dog/cat ip4:1.2.3.4 -all"), 0 },
	{ "modifier-charset-bad2", REC("v=spf1 moo.cow:far_out=man:dog/cat ip4:1.2.3.4 -all"), 0 },
	{ "redirect-after-mechanisms1", REC("v=spf1 redirect=t5.example.com ~all"), -1 },
	{ "redirect-after-mechanisms2", REC("v=spf1 ip4:1.2.3.4 redirect=t2.example.com"), -1 },
	{ "default-result", REC("v=spf1 ip4:1.2.3.4"), -1 },
	{ "redirect-is-modifier", REC("v=spf1 ip4:1.2.3.4 redirect:t2.example.com"), 1 },
	{ "invalid-domain", REC("v=spf1 a:foo-bar -all"), 0 },
	/* suite accepts fail or permerror; zonelint reports the empty label */
	{ "invalid-domain-empty-label", REC("v=spf1 a:mail.example...com -all"), 0 },
	/* suite accepts fail or permerror; zonelint reports the 64-octet label */
	{ "invalid-domain-long", REC("v=spf1 a:a123456789012345678901234567890123456789012345678901234567890123.example.com -all"), 0 },
	{ "invalid-domain-long-via-macro", REC("v=spf1 a:%{H}.bar -all"), -1 },
	/* ALL mechanism syntax */
	{ "all-dot", REC("v=spf1 -all."), 0 },
	{ "all-arg", REC("v=spf1 -all:foobar"), 0 },
	{ "all-cidr", REC("v=spf1 -all/8"), 0 },
	{ "all-neutral", REC("v=spf1 ?all"), -1 },
	{ "all-double", REC("v=spf1 all -all"), -1 },
	/* PTR mechanism syntax */
	{ "ptr-cidr", REC("v=spf1 ptr/0 -all"), 0 },
	{ "ptr-match-target", REC("v=spf1 ptr:example.com -all"), -1 },
	{ "ptr-match-implicit", REC("v=spf1 ptr -all"), -1 },
	{ "ptr-empty-domain", REC("v=spf1 ptr:"), 0 },
	{ "ptr-case-change", REC("v=spf1 ptr:example.Com -all"), -1 },
	{ "ptr-cname-loop", REC("v=spf1 ptr"), -1 },
	/* A mechanism syntax */
	{ "a-nxdomain, a-cidr4-0", REC("v=spf1 a/0 -all"), -1 },
	{ "a-cidr6-0-*", REC("v=spf1 a//0 -all"), -1 },
	{ "a-ip6-dualstack", REC("v=spf1 a -all"), -1 },
	{ "a-null", REC("v=spf1 a:foo.example.com\0"), 0 },
	{ "a-numeric", REC("v=spf1 a:111.222.33.44"), 0 },
	{ "a-numeric-toplabel", REC("v=spf1 a:abc.123"), 0 },
	{ "a-only-toplabel", REC("v=spf1 a:museum"), 0 },
	{ "a-only-toplabel-trailing-dot", REC("v=spf1 a:museum."), 0 },
	{ "a-cidr6", REC("v=spf1 a//33 -all"), -1 },
	{ "a-bad-cidr4", REC("v=spf1 a/33 -all"), 0 },
	{ "a-bad-cidr6", REC("v=spf1 a//129 -all"), 0 },
	{ "a-dual-cidr-ip4-match", REC("v=spf1 a/24//64 -all"), -1 },
	{ "a-dual-cidr-ip4-err", REC("v=spf1 a/24/64 -all"), 0 },
	{ "a-dual-cidr-ip6-default", REC("v=spf1 a/24 -all"), -1 },
	{ "a-dual-cidr-ip4-default", REC("v=spf1 a//64 -all"), -1 },
	{ "a-bad-domain", REC("v=spf1 a:example.com:8080"), 0 },
	{ "a-multi-ip1", REC("v=spf1 a:foo.example.com/24"), -1 },
	{ "a-colon-domain", REC("v=spf1 a:foo:bar/baz.example.com"), -1 },
	{ "a-bad-toplabel", REC("v=spf1 a:example.-com"), 0 },
	{ "a-empty-domain", REC("v=spf1 a:"), 0 },
	{ "a-dash-in-toplabel", REC("v=spf1 a:foo.example.xn--zckzah -all"), -1 },
	/* Include mechanism semantics and syntax */
	{ "include-fail (target)", REC("v=spf1 ip4:1.2.3.5 -all"), -1 },
	{ "include-softfail (target)", REC("v=spf1 ip4:1.2.3.6 ~all"), -1 },
	{ "include-neutral (target)", REC("v=spf1 ip4:1.2.3.7 ?all"), -1 },
	{ "include-fail", REC("v=spf1 include:ip5.example.com ~all"), -1 },
	{ "include-softfail", REC("v=spf1 include:ip6.example.com all"), -1 },
	{ "include-neutral", REC("v=spf1 include:ip7.example.com -all"), -1 },
	{ "include-temperror", REC("v=spf1 include:ip8.example.com -all"), -1 },
	{ "include-permerror (error is in the target)", REC("v=spf1 include:e6.example.com -all"), -1 },
	{ "include-syntax-error", REC("v=spf1 include +all"), 0 },
	{ "include-none (no record at target: not syntax)", REC("v=spf1 include:erehwon.example.com -all"), -1 },
	{ "include-empty-domain", REC("v=spf1 include: -all"), 0 },
	{ "include-cidr", REC("v=spf1 include:ip5.example.com/24 -all"), 0 },
	/* MX mechanism syntax */
	{ "mx-nxdomain, mx-cidr4-0", REC("v=spf1 mx/0 -all"), -1 },
	{ "mx-cidr6-0-*", REC("v=spf1 mx//0 -all"), -1 },
	{ "mx-null", REC("v=spf1 mx:foo.example.com\0"), 0 },
	{ "mx-numeric-top-label", REC("v=spf1 mx:abc.123"), 0 },
	{ "mx-cidr6", REC("v=spf1 mx//33 -all"), -1 },
	{ "mx-bad-cidr4", REC("v=spf1 mx/33 -all"), 0 },
	{ "mx-bad-cidr6", REC("v=spf1 mx//129 -all"), 0 },
	{ "mx-bad-domain", REC("v=spf1 mx:example.com:8080"), 0 },
	{ "mx-multi-ip1", REC("v=spf1 mx:foo.example.com/24"), -1 },
	{ "mx-colon-domain", REC("v=spf1 mx:foo:bar/baz.example.com"), -1 },
	{ "mx-bad-toplab", REC("v=spf1 mx:example.-com"), 0 },
	{ "mx-empty-domain", REC("v=spf1 mx: -all"), 0 },
	/* EXISTS mechanism syntax */
	{ "exists-empty-domain", REC("v=spf1 exists:"), 0 },
	{ "exists-implicit", REC("v=spf1 exists"), 0 },
	{ "exists-cidr", REC("v=spf1 exists:mail.example.com/24"), 0 },
	{ "exists-ip4", REC("v=spf1 exists:mail.example.com"), -1 },
	{ "exists-ip6only", REC("v=spf1 exists:mail6.example.com -all"), -1 },
	{ "exists-dnserr", REC("v=spf1 exists:err.example.com -all"), -1 },
	/* IP4 mechanism syntax */
	{ "cidr4-0", REC("v=spf1 ip4:1.1.1.1/0 -all"), -1 },
	{ "cidr4-32", REC("v=spf1 ip4:1.2.3.4/32 -all"), -1 },
	{ "cidr4-33", REC("v=spf1 ip4:1.2.3.4/33 -all"), 0 },
	{ "cidr4-032", REC("v=spf1 ip4:1.2.3.4/032 -all"), 0 },
	{ "bare-ip4", REC("v=spf1 ip4"), 0 },
	{ "ip4-dual-cidr", REC("v=spf1 ip4:1.2.3.4//32"), 0 },
	{ "ip4-mapped-ip6", REC("v=spf1 -ip4:1.2.3.4 ip6:::FFFF:1.2.3.4"), -1 },
	{ "bad-ip4-port", REC("v=spf1 ip4:1.2.3.4:8080"), 0 },
	{ "bad-ip4-short", REC("v=spf1 ip4:1.2.3"), 0 },
	/* IP6 mechanism syntax */
	{ "bare-ip6", REC("v=spf1 -all ip6"), 1 },
	{ "cidr6-0-ip4, cidr6-ip4, cidr6-0", REC("v=spf1 ip6:::1.1.1.1/0"), -1 },
	{ "cidr6-129", REC("v=spf1 ip6:::1.1.1.1/129"), 0 },
	{ "cidr6-bad", REC("v=spf1 ip6:::1.1.1.1//33"), 0 },
	{ "cidr6-33, cidr6-33-ip4", REC("v=spf1 ip6:Cafe:Babe:8000::/33"), -1 },
	{ "ip6-bad1", REC("v=spf1 ip6::CAFE::BABE"), 0 },
	/* Semantics of exp and other modifiers */
	{ "redirect-cancels-exp", REC("v=spf1 exp=exp1.example.com redirect=e2.example.com"), -1 },
	{ "redirect-cancels-prior-exp", REC("v=spf1 exp=exp1.example.com redirect=e4.example.com"), -1 },
	{ "redirect-cancels-prior-exp (target)", REC("v=spf1 -all exp=exp2.example.com"), -1 },
	{ "invalid-modifier", REC("v=spf1 1up=foo"), 0 },
	{ "empty-modifier-name", REC("v=spf1 =all"), 0 },
	{ "include-ignores-exp", REC("v=spf1 include:e3.example.com -all exp=exp3.example.com"), -1 },
	{ "dorky-sentinel", REC("v=spf1 -all exp=exp4.example.com"), -1 },
	{ "unknown-modifier-syntax", REC("v=spf1 -all foo=%abc"), 1 },
	{ "redirect-none (no record at target: not syntax)", REC("v=spf1 redirect=erehwon.example.com"), -1 },
	{ "exp-multiple-txt", REC("v=spf1 -all exp=e11msg.example.com"), -1 },
	{ "exp-empty-domain", REC("v=spf1 exp= -all"), 0 },
	{ "explanation-syntax-error (error is in the TXT)", REC("v=spf1 exp=e13msg.example.com -all"), -1 },
	{ "exp-twice", REC("v=spf1 exp=e13msg.example.com -all exp=e11msg.example.com"), 2 },
	{ "redirect-twice", REC("v=spf1 redirect=e12.example.com -all redirect=e12.example.com"), 2 },
	{ "exp-syntax-error", REC("v=spf1 exp=-all"), 0 },
	{ "redirect-syntax-error", REC("v=spf1 redirect=-all ?all"), 0 },
	{ "redirect-empty-domain", REC("v=spf1 ?all redirect="), 1 },
	{ "default-modifier-obsolete", REC("v=spf1 default=pass"), -1 },
	{ "default-modifier-obsolete2", REC("v=spf1 default=+"), -1 },
	{ "exp-dns-error", REC("v=spf1 exp=e21msg.example.com -all"), -1 },
	{ "exp-no-txt", REC("v=spf1 exp=mail.example.com -all"), -1 },
	{ "non-ascii-exp", REC("v=spf1 exp=badexp.example.com -all"), -1 },
	{ "two-exp-records", REC("v=spf1 exp=twoexp.example.com -all"), -1 },
	{ "exp-void", REC("v=spf1 a:erehwon.example.com a:foobar.com exp=nxdomain.com -all"), -1 },
	{ "redirect-implicit", REC("v=spf1 redirect=testimplicit.example.com"), -1 },
	/* Macro expansion rules */
	{ "trailing-dot-domain (redirect target)", REC("v=spf1 redirect=a.spf.example.com"), -1 },
	{ "trailing-dot-domain (include target)", REC("v=spf1 ip4:192.168.218.40"), -1 },
	{ "trailing-dot-domain (include)", REC("v=spf1 include:o.spf.example.com. ~all"), -1 },
	{ "trailing-dot-domain (redirect)", REC("v=spf1 redirect=%{d}.d.spf.example.com."), -1 },
	{ "trailing-dot-exp", REC("v=spf1 exp=msg.example.com. -all"), -1 },
	{ "exp-only-macro-char", REC("v=spf1 -all exp=%{r}.example.com"), 1 },
	{ "invalid-macro-char", REC("v=spf1 -exists:%(ir).sbl.example.com ?all"), 0 },
	{ "invalid-embedded-macro-char", REC("v=spf1 exists:foo%(ir).sbl.example.com ?all"), 0 },
	{ "invalid-trailing-macro-char", REC("v=spf1 exists:foo%.sbl.example.com ?all"), 0 },
	{ "macro-mania-in-domain", REC("v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all"), -1 },
	{ "exp-txt-macro-char", REC("v=spf1 -all exp=%{ir}.example.com"), -1 },
	{ "domain-name-truncation", REC("v=spf1 -all exp=foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com"), -1 },
	{ "v-macro-ip4", REC("v=spf1 -all exp=e4msg.example.com"), -1 },
	{ "undef-macro", REC("v=spf1 a:%{a}.example.com -all"), 0 },
	{ "p-macro-*", REC("v=spf1 -all exp=e6msg.example.com"), -1 },
	{ "p-macro-multiple", REC("v=spf1 exists:%{p}.should.example.com ~exists:%{p}.ok.example.com"), -1 },
	{ "upper-macro", REC("v=spf1 -all exp=msg8.%{D2}"), -1 },
	{ "hello-macro", REC("v=spf1 a:%{H} -all"), -1 },
	{ "require-valid-helo", REC("v=spf1 -include:_spfh.%{d2} ip4:1.2.3.0/24 -all"), -1 },
	{ "require-valid-helo (target)", REC("v=spf1 -a:%{h} +all"), -1 },
	{ "macro-reverse-split-on-dash", REC("v=spf1 exists:%{i}.%{l2r-}.user.%{d2}"), -1 },
	{ "macro-multiple-delimiters", REC("v=spf1 exists:%{l2r+-}.user.%{d2}"), -1 },
	/* Processing limits: all permerrors here are evaluation limits */
	{ "redirect-loop", REC("v=spf1 ip4:1.1.1.1 redirect=e1.example.com"), -1 },
	{ "include-loop", REC("v=spf1 include:e3.example.com"), -1 },
	{ "include-loop (other)", REC("v=spf1 include:e2.example.com"), -1 },
	{ "ptr-limit", REC("v=spf1 ptr"), -1 },
	{ "mech-at-limit", REC("v=spf1 a mx a mx a mx a mx a ptr ip4:1.2.3.4 -all"), -1 },
	{ "mech-over-limit", REC("v=spf1 a mx a mx a mx a mx a ptr a ip4:1.2.3.4 -all"), -1 },
	{ "include-at-limit", REC("v=spf1 a include:inc.example.com ip4:1.2.3.4 mx -all"), -1 },
	{ "include-*-limit (target)", REC("v=spf1 a a a a a a a a"), -1 },
	{ "include-over-limit", REC("v=spf1 a include:inc.example.com a ip4:1.2.3.4 -all"), -1 },
	{ "void-over-limit", REC("v=spf1 a:err.example.com a:err1.example.com a:err2.example.com ?all"), -1 },
	{ "void-at-limit", REC("v=spf1 a:err.example.com a:err1.example.com ?all"), -1 },
	/* Test cases from implementation bugs */
	{ "bytes-bug", REC("v=spf1 mx redirect=_spf.example.com"), -1 },
	{ "bytes-bug (target)", REC("v=spf1 ptr:fe.example.org ptr:sgp.example.com exp=_expspf.example.org -all"), -1 },
	{ "cname-aliasing", REC("v=spf1 ip4:192.0.2.225 ?include:webmail.pair.com ?include:relay.pair.com -all"), -1 },
	{ "cname-aliasing (origin)", REC("v=spf1 include:a.example.org include:b.example.org -all"), -1 },
	{ "cname-aliasing (webmail)", REC("v=spf1 ip4:66.39.3.0/24 ip4:209.68.6.94/32"), -1 },
	{ "cname-aliasing (relay)", REC("v=spf1 ip4:209.68.5.9/32 ip4:209.68.5.15/32 a -all"), -1 },
};

/* TXT data of the suite that is not an SPF record at all. */
static const struct suite_case suite_not_records[] = {
	{ "nospace1 (strings joined without a space)", REC("v=spf1mx"), -1 },
	{ "nospace2", REC("v=spf10"), -1 },
	{ "nospftxttimeout", REC("v=spf3 !a:yahoo.com -all"), -1 },
	{ "include-none (target)", REC("v=spfl am not an SPF record"), -1 },
	{ "non-ascii-non-spf", REC("\x96"), -1 },
	{ "spfonly", REC("NONE"), -1 },
};

/* Every term's err (if any) lies inside the term; nbad counts BAD terms. */
static void check_invariants(const char *txt, const struct zl_spf_record *r)
{
	size_t i, nbad = 0;

	for (i = 0; i < r->nterms; i++) {
		const struct zl_spf_term *t = &r->terms[i];

		assert_true(t->len > 0);
		assert_int_not_equal(txt[t->off], ' ');
		if (t->kind != ZL_SPF_TERM_BAD)
			continue;
		nbad++;
		assert_non_null(t->err);
		assert_true(t->err_off >= t->off);
		assert_true(t->err_off + t->err_len <= t->off + t->len);
		assert_true(t->err[0] != '\0');
		assert_true(t->err[strlen(t->err) - 1] != '.');
	}
	assert_int_equal(nbad, r->nbad);
}

static int first_bad(const struct zl_spf_record *r)
{
	size_t i;

	for (i = 0; i < r->nterms; i++)
		if (r->terms[i].kind == ZL_SPF_TERM_BAD)
			return (int)i;
	return -1;
}

static void test_suite_records(void **state)
{
	struct zl_arena a;
	size_t i;

	(void)state;
	zl_arena_init(&a);
	for (i = 0; i < sizeof(suite_cases) / sizeof(suite_cases[0]); i++) {
		const struct suite_case *c = &suite_cases[i];
		struct zl_spf_record r;
		int got;

		assert_int_equal(zl_spf_parse(c->txt, c->len, &r, &a), 0);
		check_invariants(c->txt, &r);
		got = first_bad(&r);
		if (got != c->bad_term)
			fail_msg("%s: first bad term %d, expected %d (%s)", c->test,
				 got, c->bad_term, got >= 0 ? r.terms[got].err : "");
		if (c->bad_term < 0)
			assert_int_equal(r.nbad, 0);
		else
			assert_true(r.nbad > 0);
	}
	for (i = 0; i < sizeof(suite_not_records) / sizeof(suite_not_records[0]); i++) {
		const struct suite_case *c = &suite_not_records[i];
		struct zl_spf_record r;

		assert_false(zl_spf_is_record(c->txt, c->len));
		assert_int_equal(zl_spf_parse(c->txt, c->len, &r, &a), -1);
		assert_int_equal(r.nterms, 0);
		assert_null(r.terms);
	}
	zl_arena_free(&a);
}

/* Parse txt (NUL-terminated) with a shared arena. */
static struct zl_arena parse_arena;

static struct zl_spf_record parse(const char *txt)
{
	struct zl_spf_record r;

	assert_int_equal(zl_spf_parse(txt, strlen(txt), &r, &parse_arena), 0);
	check_invariants(txt, &r);
	return r;
}

static int arena_setup(void **state)
{
	(void)state;
	zl_arena_init(&parse_arena);
	return 0;
}

static int arena_teardown(void **state)
{
	(void)state;
	zl_arena_free(&parse_arena);
	return 0;
}

/* Assert term i of txt is BAD with exactly msg, pointing at the text want. */
static void expect_bad(const char *txt, size_t i, const char *msg, const char *want)
{
	struct zl_spf_record r = parse(txt);
	const struct zl_spf_term *t;

	assert_true(i < r.nterms);
	t = &r.terms[i];
	if (t->kind != ZL_SPF_TERM_BAD)
		fail_msg("%s: term %zu is not bad", txt, i);
	assert_string_equal(t->err, msg);
	assert_int_equal(t->err_len, strlen(want));
	assert_memory_equal(txt + t->err_off, want, strlen(want));
}

/* RFC 7208 sections 5, 6, 7 and appendix A/D examples: all valid. */
static void test_rfc_examples(void **state)
{
	static const char *const ok[] = {
		"v=spf1 +all",
		"v=spf1 a -all",
		"v=spf1 a:example.org -all",
		"v=spf1 mx -all",
		"v=spf1 mx:example.org -all",
		"v=spf1 mx mx:example.org -all",
		"v=spf1 mx/30 mx:example.org/30 -all",
		"v=spf1 ptr -all",
		"v=spf1 ip4:192.0.2.128/28 -all",
		"v=spf1 include:example.com include:example.net -all",
		"v=spf1 redirect=_spf.example.com",
		"v=spf1 mx -all exp=explain._spf.%{d}",
		"v=spf1 -ptr +all",
		"v=spf1 -mx:%{d} +all",
		"v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all",
		"v=spf1 -ip4:192.0.2.0/24 +all",
		"v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all",
		"v=spf1 mx:mail.example.com ip4:192.0.2.0/24 ip6:2001:db8::/32 -all",
		"v=spf1 exists:%{l1r+}.%{d}",
		"v=spf1 a:%{d2}.trusted-domains.example.net -all",
		"v=spf1 include:%{ir}.%{v}._spf.%{d2}",
		"v=spf1 exists:%{lr-}.lp._spf.%{d2}",
		"v=spf1 -exists:%{lr-}.lp.%{ir}.%{v}._spf.%{d2} +all",
		"v=spf1 exists:%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct zl_spf_record r = parse(ok[i]);

		if (r.nbad)
			fail_msg("%s: %s", ok[i], r.terms[first_bad(&r)].err);
	}
}

static void test_term_fields(void **state)
{
	const char *txt = "v=spf1  -ip4:192.0.2.0/24 ~a:Mail.Example.com/28//64 ip6:2001:db8::1 "
			  "exp=why.%{d} x-note=%{p} ?ALL ";
	struct zl_spf_record r = parse(txt);
	const struct zl_spf_term *t;
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					0, 0, 0, 0, 0, 0, 0, 1 };

	(void)state;
	assert_int_equal(r.nterms, 6);
	assert_int_equal(r.nbad, 0);
	assert_int_equal(r.redirect_idx, -1);
	assert_int_equal(r.exp_idx, 3);

	t = &r.terms[0];
	assert_int_equal(t->kind, ZL_SPF_TERM_MECH);
	assert_int_equal(t->mech, ZL_SPF_IP4);
	assert_int_equal(t->off, 8);
	assert_int_equal(t->len, strlen("-ip4:192.0.2.0/24"));
	assert_int_equal(t->qualifier, '-');
	assert_true(t->qual_written);
	assert_int_equal(t->name_off, 9);
	assert_int_equal(t->name_len, 3);
	assert_memory_equal(txt + t->arg_off, "192.0.2.0", t->arg_len);
	assert_int_equal(t->arg_len, 9);
	assert_int_equal(t->cidr4, 24);
	assert_int_equal(t->cidr6, -1);
	assert_memory_equal(t->addr, "\xc0\x00\x02\x00", 4);

	t = &r.terms[1];
	assert_int_equal(t->mech, ZL_SPF_A);
	assert_int_equal(t->qualifier, '~');
	assert_int_equal(t->arg_len, strlen("Mail.Example.com"));
	assert_memory_equal(txt + t->arg_off, "Mail.Example.com", t->arg_len);
	assert_int_equal(t->cidr4, 28);
	assert_int_equal(t->cidr6, 64);
	assert_false(t->has_macro);

	t = &r.terms[2];
	assert_int_equal(t->mech, ZL_SPF_IP6);
	assert_int_equal(t->qualifier, '+');
	assert_false(t->qual_written);
	assert_memory_equal(t->addr, v6, 16);
	assert_int_equal(t->cidr6, -1);

	t = &r.terms[3];
	assert_int_equal(t->kind, ZL_SPF_TERM_MOD);
	assert_int_equal(t->mod, ZL_SPF_EXP);
	assert_true(t->has_macro);
	assert_false(t->uses_p_macro);
	assert_memory_equal(txt + t->arg_off, "why.%{d}", t->arg_len);

	t = &r.terms[4];
	assert_int_equal(t->kind, ZL_SPF_TERM_MOD);
	assert_int_equal(t->mod, ZL_SPF_MOD_UNKNOWN);
	assert_int_equal(t->name_len, 6);
	assert_memory_equal(txt + t->name_off, "x-note", 6);
	assert_true(t->uses_p_macro);

	t = &r.terms[5];
	assert_int_equal(t->mech, ZL_SPF_ALL);
	assert_int_equal(t->qualifier, '?');
	assert_memory_equal(txt + t->name_off, "ALL", 3);
}

/* The messages the operator sees, with where they point. */
static void test_messages(void **state)
{
	(void)state;
	expect_bad("v=spf1 ipv4:192.0.2.1 -all", 0,
		   "unknown mechanism \"ipv4\"; did you mean \"ip4\"?", "ipv4");
	expect_bad("v=spf1 IPv6:2001:db8::1 -all", 0,
		   "unknown mechanism \"IPv6\"; did you mean \"ip6\"?", "IPv6");
	expect_bad("v=spf1 inlcude:_spf.example.com -all", 0,
		   "unknown mechanism \"inlcude\"; did you mean \"include\"?", "inlcude");
	expect_bad("v=spf1 includes:_spf.example.com -all", 0,
		   "unknown mechanism \"includes\"; did you mean \"include\"?", "includes");
	expect_bad("v=spf1 redirct:_spf.example.com", 0,
		   "unknown mechanism \"redirct\"; did you mean \"redirect=\"?", "redirct");
	expect_bad("v=spf1 foo -all", 0, "unknown mechanism \"foo\"", "foo");
	expect_bad("v=spf1 include -all", 0,
		   "\"include\" needs a domain: include:<domain>", "include");
	expect_bad("v=spf1 include: -all", 0,
		   "\"include\" needs a domain: include:<domain>", ":");
	expect_bad("v=spf1 ip4:192.0.2.300", 0,
		   "\"ip4\" address \"192.0.2.300\" is not an IPv4 address", "192.0.2.300");
	expect_bad("v=spf1 ip4:192.0.02.3", 0,
		   "\"ip4\" address \"192.0.02.3\" is not an IPv4 address; "
		   "leading zeros are not allowed", "192.0.02.3");
	expect_bad("v=spf1 ip4:2001:db8::1", 0,
		   "\"ip4\" address \"2001:db8::1\" is not an IPv4 address; "
		   "use ip6: for IPv6", "2001:db8::1");
	expect_bad("v=spf1 ip6:192.0.2.1", 0,
		   "\"ip6\" address \"192.0.2.1\" is not an IPv6 address; "
		   "use ip4: for IPv4", "192.0.2.1");
	expect_bad("v=spf1 ip4:1.2.3.4/33 -all", 0,
		   "ip4 prefix length /33 is out of range 0-32", "/33");
	expect_bad("v=spf1 ip6:2001:db8::/129", 0,
		   "ip6 prefix length /129 is out of range 0-128", "/129");
	expect_bad("v=spf1 a/24/64", 0,
		   "the IPv6 prefix length needs \"//\": write /24//64", "/64");
	expect_bad("v=spf1 a/", 0, "missing ip4 prefix length after \"/\"", "/");
	expect_bad("v=spf1 redirect=a.example.com redirect=b.example.com", 1,
		   "\"redirect\" given twice; a record may have at most one",
		   "redirect=b.example.com");
	expect_bad("v=spf1 exp=a.example.com -all EXP=b.example.com", 2,
		   "\"exp\" given twice; a record may have at most one", "EXP=b.example.com");
	expect_bad("v=spf1 redirect:_spf.example.com", 0,
		   "\"redirect\" is a modifier and needs \"=\": redirect=<domain>", "redirect:");
	expect_bad("v=spf1 -redirect=_spf.example.com", 0,
		   "a modifier takes no qualifier; remove the \"-\"", "-");
	expect_bad("v=spf1 a:abc.123", 0,
		   "the top-level label is all digits; it needs a letter "
		   "(an address belongs in ip4: or ip6:)", "123");
	expect_bad("v=spf1 a:example.com-", 0,
		   "the top-level label must not start or end with \"-\"", "com-");
	expect_bad("v=spf1 a:example..com", 0,
		   "empty label in domain-spec (\"..\" or a leading \".\")", ".");
	expect_bad("v=spf1 mx:192.0.2.1", 0,
		   "\"mx\" needs a domain name, not an address; use ip4:192.0.2.1",
		   "192.0.2.1");
	expect_bad("v=spf1 exp=-all", 0,
		   "\"exp\" needs a domain, not \"-all\": exp=<domain>", "-all");
	expect_bad("v=spf1 exists:%{x}.example.com", 0,
		   "unknown macro letter; use one of s l o d i p h c r t v", "x");
	expect_bad("v=spf1 exists:%{d0}.example.com", 0,
		   "macro digit transformer must be nonzero", "0");
	expect_bad("v=spf1 exists:%{d.example.com", 0,
		   "invalid character in macro; after the letter come digits, "
		   "\"r\" and delimiters . - + , / _ =", "e");
	expect_bad("v=spf1 exp=%{c}.example.com", 0,
		   "macro letters c, r and t are allowed only in explanation text, "
		   "not in a domain-spec", "c");
	expect_bad("v=spf1 a\t-all", 0,
		   "tab character in term; only spaces may separate terms", "\t");
	expect_bad("v=spf1 a:ctrl.example.com\rptr", 0,
		   "control character 0x0d in term; only spaces may separate terms", "\r");
	expect_bad("v=spf1 a:b\xc3\xa4r.example.com", 0,
		   "non-ASCII byte 0xc3 in term; write internationalized domains as "
		   "A-labels (xn--...)", "\xc3");
	expect_bad("v=spf1 =all", 0, "modifier name missing before \"=\"", "=");
	expect_bad("v=spf1 - all", 0,
		   "qualifier \"-\" must be followed by a mechanism, e.g. -all", "-");
	expect_bad("v=spf1 ptr/24", 0, "\"ptr\" takes no prefix length", "/24");
	expect_bad("v=spf1 -all/0", 0, "\"all\" takes no prefix length", "/0");
	expect_bad("v=spf1 a:%{d}.", 0,
		   "a domain-spec must end in \".\" and a top-level label, or in a macro", ".");
}

/* Near-misses: one octet away from a fault, and valid. */
static void test_near_misses(void **state)
{
	static const char *const ok[] = {
		"v=spf1 a:example.com.",		/* vs "example.com.." */
		"v=spf1 a:_spf.example.com",		/* "_" outside the top label */
		"v=spf1 a:example.x1",			/* top label with a letter */
		"v=spf1 a:example.123-4",		/* ABNF: alphanum "-" alphanum */
		"v=spf1 ip4:0.0.0.0/0 ip4:255.255.255.255/32",
		"v=spf1 ip6:::/0 ip6:::/128 ip6:1::2:3:4:5:6:7",
		"v=spf1 ip6:1:2:3:4:5:6:1.2.3.4 ip6:::ffff:192.0.2.1",
		"v=spf1 a//0 a/0//0 mx/32//128",
		"v=spf1 INCLUDE:Example.COM -ALL",	/* names are case-insensitive */
		"v=spf1 Redirect=Example.COM",
		"v=spf1 foo= bar.baz=%%",		/* unknown modifiers, empty value ok */
		"v=spf1 include=example.com",		/* unknown modifier per the ABNF */
		"v=spf1 ptr:%{d} exists:%{d}",		/* domain-end = macro-expand */
		"v=spf1 exists:%{d10r}.x.example.com",	/* DIGIT may be > 9 */
		"v=spf1 exists:%{D}.%{S}.%{L}.%{O}.%{I}.%{P}.%{H}.%{V}.example.com",
		"v=spf1 a:foo%-.example.com",		/* "%-" escape */
		"v=spf1   a     -all   ",		/* runs of spaces */
		"v=spf1 a:x.example.com//0",
		"v=spf1 -all x=%{c}%{r}%{t}",		/* c, r, t fine outside domain-specs */
	};
	static const char *const bad[] = {
		"v=spf1 a:example.com..",
		"v=spf1 a:example._com",
		"v=spf1 a:example.123",
		"v=spf1 a:example.123-",
		"v=spf1 ip4:0.0.0.256",
		"v=spf1 ip4:1.2.3.4.5",
		"v=spf1 ip4:1.2.3.4/",
		"v=spf1 ip6:1:2:3:4:5:6:7:8:9",
		"v=spf1 ip6:1:2:3:4:5:6:7",
		"v=spf1 ip6:1::2::3",
		"v=spf1 ip6:12345::",
		"v=spf1 ip6:1::2:",
		"v=spf1 ip6:fe80::1%eth0",
		"v=spf1 ip6:1:2:3:4:5:6:7:1.2.3.4",
		"v=spf1 ip6:::1.2.3",
		"v=spf1 a/01",
		"v=spf1 a//01",
		"v=spf1 a//",
		"v=spf1 a/24//64/3",
		"v=spf1 -all foo=%",
		"v=spf1 exists:%{d",
		"v=spf1 exists:%{d}x",			/* toplabel after a macro needs "." */
		"v=spf1 exp=%{t}.example.com",
		"v=spf1 include:.example.com",
		"v=spf1 +",
		"v=spf1 :example.com",
		"v=spf1 ip4:/24",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct zl_spf_record r = parse(ok[i]);

		if (r.nbad)
			fail_msg("%s: %s", ok[i], r.terms[first_bad(&r)].err);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct zl_spf_record r = parse(bad[i]);

		if (r.nbad == 0)
			fail_msg("%s: not reported", bad[i]);
	}
}

/* One bad term does not stop the others from being parsed. */
static void test_keeps_going(void **state)
{
	struct zl_spf_record r = parse("v=spf1 ipv4:1.2.3.4 a:ok.example.com ip4:1.2.3.256 "
				       "mx redirect= -all");

	(void)state;
	assert_int_equal(r.nterms, 6);
	assert_int_equal(r.nbad, 3);
	assert_int_equal(r.terms[0].kind, ZL_SPF_TERM_BAD);
	assert_int_equal(r.terms[1].kind, ZL_SPF_TERM_MECH);
	assert_int_equal(r.terms[2].kind, ZL_SPF_TERM_BAD);
	assert_int_equal(r.terms[3].kind, ZL_SPF_TERM_MECH);
	assert_int_equal(r.terms[4].kind, ZL_SPF_TERM_BAD);
	assert_int_equal(r.terms[5].kind, ZL_SPF_TERM_MECH);
	assert_int_equal(r.redirect_idx, -1);
}

static void test_version(void **state)
{
	struct zl_spf_record r;

	(void)state;
	assert_true(zl_spf_is_record("v=spf1", 6));
	assert_true(zl_spf_is_record("v=spf1 -all", 11));
	assert_true(zl_spf_is_record("V=SPF1 -all", 11));
	assert_false(zl_spf_is_record("v=spf1", 5));
	assert_false(zl_spf_is_record("v=spf1\t-all", 11));
	assert_false(zl_spf_is_record(" v=spf1 -all", 12));
	assert_false(zl_spf_is_record("", 0));
	r = parse("v=spf1");
	assert_int_equal(r.nterms, 0);
	assert_null(r.terms);
	r = parse("v=spf1     ");
	assert_int_equal(r.nterms, 0);
}

static void test_version_typo(void **state)
{
	static const struct {
		const char *txt;
		uint32_t off;
	} typo[] = {
		{ " v=spf1 -all", 0 },
		{ "v=spf 1 -all", 5 },
		{ "v=spf2 -all", 5 },
		{ "v = spf1 -all", 1 },
		{ "V = spf1 -all", 1 },
		{ "v= spf1 -all", 2 },
		{ "spf1 a -all", 0 },
		{ "SPF1", 0 },
		{ "v=spf1a mx -all", 6 },
		{ "v=spf1mx", 6 },	/* suite nospace1: strings joined without a space */
		{ "v=spf10", 6 },	/* suite nospace2 */
		{ "v=spf1\t-all", 6 },
		{ "v:spf1 -all", 1 },
		{ "\"v=spf1 -all\"", 0 },
		{ "'v=spf1 -all'", 0 },
		{ "\xef\xbb\xbfv=spf1 -all", 0 },
		{ "v=spf3 !a:yahoo.com -all", 5 },	/* suite nospftxttimeout */
		{ "v=spfl am not an SPF record", 5 },	/* suite include-none target */
		{ "v=spf", 5 },
	};
	static const char *const fine[] = {
		"v=spf1 -all", "V=SPF1 -all", "v=SpF1 ~all", "v=spf1",
		"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ",
		"v=DMARC1; p=reject; rua=mailto:d@example.com",
		"spf2.0/pra ip4:192.0.2.0/24 -all", "spf2.0/mfrom,pra -all",
		"google-site-verification=abcdef", "myspf1 is great", "spf1.example.com",
		"the spf record is elsewhere", "vspf1 -all", "v=BIMI1; l=https://x", "",
		"\x96", "NONE",
	};
	size_t i;
	uint32_t off;

	(void)state;
	for (i = 0; i < sizeof(typo) / sizeof(typo[0]); i++) {
		off = 999;
		if (!zl_spf_version_typo(typo[i].txt, strlen(typo[i].txt), &off))
			fail_msg("not flagged: \"%s\"", typo[i].txt);
		if (off != typo[i].off)
			fail_msg("\"%s\": offset %u, expected %u", typo[i].txt,
				 (unsigned)off, (unsigned)typo[i].off);
	}
	for (i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		if (zl_spf_version_typo(fine[i], strlen(fine[i]), &off))
			fail_msg("flagged: \"%s\"", fine[i]);
	assert_true(zl_spf_version_typo("spf1", 4, NULL));
}

struct macro_case {
	const char *text;
	char letter;
	bool upper, reverse;
	unsigned digits;
	const char *delims;
	uint32_t len;
};

/* Section 7.4 examples and the escapes. */
static void test_macro_parse(void **state)
{
	static const struct macro_case ok[] = {
		{ "%{s}", 's', false, false, 0, "", 4 },
		{ "%{o}", 'o', false, false, 0, "", 4 },
		{ "%{d4}", 'd', false, false, 4, "", 5 },
		{ "%{d2}.x", 'd', false, false, 2, "", 5 },
		{ "%{dr}", 'd', false, true, 0, "", 5 },
		{ "%{d2r}", 'd', false, true, 2, "", 6 },
		{ "%{l-}", 'l', false, false, 0, "-", 5 },
		{ "%{lr-}", 'l', false, true, 0, "-", 6 },
		{ "%{l1r-}", 'l', false, true, 1, "-", 7 },
		{ "%{l2r+-}", 'l', false, true, 2, "+-", 8 },
		{ "%{ir}", 'i', false, true, 0, "", 5 },
		{ "%{v}", 'v', false, false, 0, "", 4 },
		{ "%{D2}", 'd', true, false, 2, "", 5 },
		{ "%{LR-.-}", 'l', true, true, 0, "-.", 8 },
		{ "%{s.-+,/_=}", 's', false, false, 0, ".-+,/_=", 11 },
		{ "%{d99999}", 'd', false, false, 9999, "", 9 },
		{ "%%", '%', false, false, 0, "", 2 },
		{ "%_", '_', false, false, 0, "", 2 },
		{ "%-", '-', false, false, 0, "", 2 },
	};
	static const struct {
		const char *text;
		uint32_t off, len;
	} bad[] = {
		{ "%", 0, 1 }, { "%(ir)", 0, 2 }, { "%.", 0, 2 }, { "%{", 0, 2 },
		{ "%{a}", 2, 1 }, { "%{d0}", 3, 1 }, { "%{d00}", 3, 2 },
		{ "%{d", 0, 3 }, { "%{d2", 0, 4 }, { "%{d#}", 3, 1 }, { "%{dr2}", 4, 1 },
		{ "%{}", 2, 1 },
	};
	struct zl_spf_macro m;
	uint32_t eo, el;
	const char *err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		err = NULL;
		if (!zl_spf_macro_parse(ok[i].text, strlen(ok[i].text), &m, &eo, &el, &err))
			fail_msg("%s: %s", ok[i].text, err);
		assert_int_equal(m.letter, ok[i].letter);
		assert_int_equal(m.upper, ok[i].upper);
		assert_int_equal(m.reverse, ok[i].reverse);
		assert_int_equal(m.digits, ok[i].digits);
		assert_string_equal(m.delims, ok[i].delims);
		assert_int_equal(m.len, ok[i].len);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err = NULL;
		if (zl_spf_macro_parse(bad[i].text, strlen(bad[i].text), &m, &eo, &el, &err))
			fail_msg("%s: accepted", bad[i].text);
		assert_non_null(err);
		if (eo != bad[i].off || el != bad[i].len)
			fail_msg("%s: error at %u+%u, expected %u+%u", bad[i].text,
				 (unsigned)eo, (unsigned)el, (unsigned)bad[i].off,
				 (unsigned)bad[i].len);
	}
}

static void test_macro_string(void **state)
{
	struct zl_spf_ms_info info;
	uint32_t eo = 0, el = 0;
	const char *err = NULL;

	(void)state;
	assert_true(zl_spf_check_macro_string("", 0, false, &eo, &err));
	assert_false(zl_spf_check_macro_string("", 0, true, &eo, &err));
	assert_true(zl_spf_check_macro_string("%{d}", 4, true, &eo, &err));
	assert_true(zl_spf_check_macro_string("%{c}", 4, false, &eo, &err));
	assert_false(zl_spf_check_macro_string("%{c}", 4, true, &eo, &err));
	assert_int_equal(eo, 2);
	assert_true(zl_spf_check_macro_string("a.b.example", 11, true, &eo, &err));
	assert_false(zl_spf_check_macro_string("a b", 3, false, &eo, &err));
	assert_int_equal(eo, 1);

	/* explain-string (section 6.2): spaces allowed, c r t allowed */
	assert_true(zl_spf_scan_macro_string("%{i} is not one of %{d}'s designated mail servers",
					     49, ZL_SPF_MS_EXPLAIN, &info, &eo, &el, &err));
	assert_true(info.has_macro);
	assert_false(info.uses_p_macro);
	assert_true(zl_spf_scan_macro_string("The %{c}-files from %{p}", 24, ZL_SPF_MS_EXPLAIN,
					     &info, NULL, NULL, NULL));
	assert_true(info.uses_p_macro);
	assert_false(zl_spf_scan_macro_string("The %{x}-files", 14, ZL_SPF_MS_EXPLAIN,
					      &info, &eo, &el, &err));
	assert_int_equal(eo, 6);
	assert_int_equal(el, 1);

	/* "%%" and friends are macro-expands but not "%{...}" */
	assert_true(zl_spf_scan_macro_string("a%%b.%_.%-.example.com", 22, ZL_SPF_MS_DOMAIN_SPEC,
					     &info, &eo, &el, &err));
	assert_false(info.has_macro);

	/* a label of 63 octets is fine, 64 is not; labels with macros are not counted */
	assert_true(zl_spf_check_macro_string(
		"a12345678901234567890123456789012345678901234567890123456789012.example.com",
		75, true, &eo, &err));
	assert_false(zl_spf_check_macro_string(
		"a123456789012345678901234567890123456789012345678901234567890123.example.com",
		76, true, &eo, &err));
	assert_true(zl_spf_check_macro_string(
		"%{d}a123456789012345678901234567890123456789012345678901234567890123.example.com",
		80, true, &eo, &err));
}

static void test_helpers(void **state)
{
	struct zl_spf_record r = parse("v=spf1 include:a.example a mx ptr exists:%{i}.x.example "
				       "ip4:192.0.2.1 ip6:::1 all redirect=b.example exp=c.example "
				       "foo=bar ipv4:1.2.3.4");
	static const bool dns[] = { true, true, true, true, true, false, false, false,
				    true, false, false, false };
	size_t i;

	(void)state;
	assert_int_equal(r.nterms, 12);
	assert_int_equal(r.redirect_idx, 8);
	assert_int_equal(r.exp_idx, 9);
	for (i = 0; i < r.nterms; i++)
		if (zl_spf_term_queries_dns(&r.terms[i]) != dns[i])
			fail_msg("term %zu: queries_dns wrong", i);
	assert_string_equal(zl_spf_mech_name(ZL_SPF_ALL), "all");
	assert_string_equal(zl_spf_mech_name(ZL_SPF_INCLUDE), "include");
	assert_string_equal(zl_spf_mech_name(ZL_SPF_A), "a");
	assert_string_equal(zl_spf_mech_name(ZL_SPF_MX), "mx");
	assert_string_equal(zl_spf_mech_name(ZL_SPF_PTR), "ptr");
	assert_string_equal(zl_spf_mech_name(ZL_SPF_IP4), "ip4");
	assert_string_equal(zl_spf_mech_name(ZL_SPF_IP6), "ip6");
	assert_string_equal(zl_spf_mech_name(ZL_SPF_EXISTS), "exists");

	assert_string_equal(zl_spf_suggest("ipv4", 4), "ip4");
	assert_string_equal(zl_spf_suggest("IPV6", 4), "ip6");
	assert_string_equal(zl_spf_suggest("inlcude", 7), "include");
	assert_string_equal(zl_spf_suggest("includes", 8), "include");
	assert_string_equal(zl_spf_suggest("exist", 5), "exists");
	assert_string_equal(zl_spf_suggest("redirects", 9), "redirect");
	assert_string_equal(zl_spf_suggest("mxx", 3), "mx");
	assert_null(zl_spf_suggest("include", 7));
	assert_null(zl_spf_suggest("b", 1));
	assert_null(zl_spf_suggest("foo", 3));
	assert_null(zl_spf_suggest("google-site-verification", 24));
}

/* The domain-specs zl_spf_next_follow() finds in txt, joined by "|". */
static const char *follows(const char *txt, size_t len, char *out, size_t cap)
{
	size_t pos = 0, n = 0;
	uint32_t off, alen;

	out[0] = '\0';
	while (zl_spf_next_follow(txt, len, &pos, &off, &alen)) {
		assert_true(alen > 0);
		assert_true(off + alen <= pos && pos <= len);
		n += (size_t)snprintf(out + n, cap - n, "%s%.*s", n ? "|" : "", (int)alen, txt + off);
		assert_true(n < cap);
	}
	assert_int_equal(pos, zl_spf_is_record(txt, len) ? len : 0);
	return out;
}

/* Every good include and redirect of the parse is found by the scan, with the same domain-spec, in order. */
static void check_follows_parse(const char *txt, size_t len)
{
	struct zl_arena a;
	struct zl_spf_record r;
	size_t pos = 0;
	uint32_t off, alen;

	zl_arena_init(&a);
	zl_spf_parse(txt, len, &r, &a);
	for (size_t i = 0; i < r.nterms; i++) {
		const struct zl_spf_term *t = &r.terms[i];
		if (!((t->kind == ZL_SPF_TERM_MECH && t->mech == ZL_SPF_INCLUDE) ||
		      (t->kind == ZL_SPF_TERM_MOD && t->mod == ZL_SPF_REDIRECT)))
			continue;
		do {
			if (!zl_spf_next_follow(txt, len, &pos, &off, &alen))
				fail_msg("\"%.*s\": term %zu not found", (int)len, txt, i);
		} while (off < t->arg_off);
		assert_int_equal(off, t->arg_off);
		assert_int_equal(alen, t->arg_len);
	}
	zl_arena_free(&a);
}

/*
 * zl_spf_next_follow(): include's domain-spec after the ":" (RFC 7208
 * section 5.2), redirect's after the "=" (section 6.1), to the SP that
 * ends the term (section 4.6.1); names in any case (section 4.6.1:
 * "case-insensitive"); a modifier takes no qualifier (section 12).
 */
static void test_next_follow(void **state)
{
	static const struct {
		const char *txt, *want;
	} cases[] = {
		{ "v=spf1 include:_spf.example.com -all", "_spf.example.com" },
		{ "v=spf1 redirect=_spf.example.com", "_spf.example.com" },
		{ "v=spf1 mx include:a.example ?include:b.example ~include:c.example "
		  "-include:d.example +include:e.example redirect=f.example",
		  "a.example|b.example|c.example|d.example|e.example|f.example" },
		{ "V=SPF1 INCLUDE:A.example ReDiReCt=B.example", "A.example|B.example" },
		{ "v=spf1   include:a.example   ", "a.example" },
		{ "v=spf1 include:a=b.example", "a=b.example" },	/* ":" before "=": a directive */
		{ "v=spf1 redirect=a:b.example", "a:b.example" },	/* "=" before ":": a modifier */
		{ "v=spf1 include:%{d}.example", "%{d}.example" },
		{ "v=spf1 include:", "" },
		{ "v=spf1 redirect=", "" },
		{ "v=spf1 +redirect=a.example", "" },	/* a modifier with a qualifier */
		{ "v=spf1 include/24:a.example", "" },
		{ "v=spf1 include=a.example", "" },	/* a modifier named include */
		{ "v=spf1 redirect:a.example", "" },	/* a mechanism named redirect */
		{ "v=spf1 includes:a.example exp=a.example a:a.example", "" },
		{ "v=spf1 xinclude:a.example", "" },
		{ "v=spf1include:a.example", "" },	/* no SPF record */
		{ "include:a.example", "" },
		{ "v=spf1", "" },
	};
	char out[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = follows(cases[i].txt, strlen(cases[i].txt), out, sizeof(out));
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("\"%s\": found \"%s\", want \"%s\"", cases[i].txt, got, cases[i].want);
		check_follows_parse(cases[i].txt, strlen(cases[i].txt));
	}
	for (size_t i = 0; i < sizeof(suite_cases) / sizeof(suite_cases[0]); i++)
		check_follows_parse(suite_cases[i].txt, suite_cases[i].len);
	for (size_t i = 0; i < sizeof(suite_not_records) / sizeof(suite_not_records[0]); i++)
		assert_string_equal(follows(suite_not_records[i].txt, suite_not_records[i].len,
					    out, sizeof(out)), "");
}

/* Many records in one arena: no per-term malloc, nothing leaks. */
static void test_many(void **state)
{
	struct zl_arena a;
	struct zl_spf_record r;
	char buf[64];
	int i;

	(void)state;
	zl_arena_init(&a);
	for (i = 0; i < 20000; i++) {
		int n = snprintf(buf, sizeof(buf), "v=spf1 ip4:10.%d.%d.0/24 mx -all",
				 (i >> 8) & 255, i & 255);

		assert_int_equal(zl_spf_parse(buf, (size_t)n, &r, &a), 0);
		assert_int_equal(r.nbad, 0);
		assert_int_equal(r.terms[0].addr[2], i & 255);
	}
	zl_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suite_records),
		cmocka_unit_test(test_rfc_examples),
		cmocka_unit_test(test_term_fields),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_near_misses),
		cmocka_unit_test(test_keeps_going),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_version_typo),
		cmocka_unit_test(test_macro_parse),
		cmocka_unit_test(test_macro_string),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_next_follow),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests_name("spf_parse", tests, arena_setup, arena_teardown);
}
