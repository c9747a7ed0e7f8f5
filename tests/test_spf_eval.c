/* test_spf_eval.c - SPF evaluation: macro expansion (RFC 7208 7.4), CIDR matching, check_host() on small zones, limits, hostile records. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "load.h"
#include "spf_eval.h"
#include "zonedns.h"
#include "zonelint.h"

/* ---- macro expansion ------------------------------------------------------ */

/* The RFC 7208 section 7.4 identities. */
static struct zl_spf_macro_env rfc_env(const uint8_t *ip, bool ip6)
{
	struct zl_spf_macro_env env = {
		.sender = "strong-bad@email.example.com",
		.local = "strong-bad",
		.sender_domain = "email.example.com",
		.domain = "email.example.com",
		.helo = "mx.example.org",
		.now = 1234567890,
		.ip = ip,
		.ip6 = ip6,
	};
	return env;
}

static const uint8_t ip4_rfc[4] = { 192, 0, 2, 3 };
/* 2001:db8::cb01 */
static const uint8_t ip6_rfc[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
				     0, 0, 0, 0, 0, 0, 0xcb, 0x01 };

/* Expand s with env; assert status OK and the exact result. */
static void expect_expand(const struct zl_spf_macro_env *env, unsigned flags,
			  const char *s, const char *want)
{
	struct zl_buf out = { 0 };
	enum zl_spf_expand_status st;

	st = zl_spf_expand(s, strlen(s), flags, env, &out, NULL, NULL);
	if (st != ZL_SPF_EXPAND_OK)
		fail_msg("expanding \"%s\": status %d", s, (int)st);
	assert_int_equal(out.len, strlen(want));
	assert_string_equal((const char *)out.data, want);
	zl_buf_free(&out);
}

static enum zl_spf_expand_status expand_status(const struct zl_spf_macro_env *env,
					       unsigned flags, const char *s)
{
	struct zl_buf out = { 0 };
	enum zl_spf_expand_status st;

	st = zl_spf_expand(s, strlen(s), flags, env, &out, NULL, NULL);
	zl_buf_free(&out);
	return st;
}

/* RFC 7208 section 7.4, every example, results as printed there. */
static void test_expand_rfc_examples(void **state)
{
	struct zl_spf_macro_env env = rfc_env(ip4_rfc, false);
	struct zl_spf_macro_env env6 = rfc_env(ip6_rfc, true);

	(void)state;
	expect_expand(&env, 0, "%{s}", "strong-bad@email.example.com");
	expect_expand(&env, 0, "%{o}", "email.example.com");
	expect_expand(&env, 0, "%{d}", "email.example.com");
	expect_expand(&env, 0, "%{d4}", "email.example.com");
	expect_expand(&env, 0, "%{d3}", "email.example.com");
	expect_expand(&env, 0, "%{d2}", "example.com");
	expect_expand(&env, 0, "%{d1}", "com");
	expect_expand(&env, 0, "%{dr}", "com.example.email");
	expect_expand(&env, 0, "%{d2r}", "example.email");
	expect_expand(&env, 0, "%{l}", "strong-bad");
	expect_expand(&env, 0, "%{l-}", "strong.bad");
	expect_expand(&env, 0, "%{lr}", "strong-bad");
	expect_expand(&env, 0, "%{lr-}", "bad.strong");
	expect_expand(&env, 0, "%{l1r-}", "strong");
	expect_expand(&env, 0, "%{ir}.%{v}._spf.%{d2}",
		      "3.2.0.192.in-addr._spf.example.com");
	expect_expand(&env, 0, "%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com");
	expect_expand(&env, 0, "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}",
		      "bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
	expect_expand(&env, 0, "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}",
		      "3.2.0.192.in-addr.strong.lp._spf.example.com");
	expect_expand(&env, 0, "%{d2}.trusted-domains.example.net",
		      "example.com.trusted-domains.example.net");
	expect_expand(&env6, 0, "%{ir}.%{v}._spf.%{d2}",
		      "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
}

/* Section 7.3: escapes, URL escaping, the exp-only letters, c for IPv6. */
static void test_expand_letters(void **state)
{
	struct zl_spf_macro_env env = rfc_env(ip4_rfc, false);
	struct zl_spf_macro_env env6 = rfc_env(ip6_rfc, true);

	(void)state;
	/* "%%" = "%", "%_" = SP, "%-" = "%20" */
	expect_expand(&env, ZL_SPF_EXPAND_EXPLAIN, "100%% a%_b c%-d", "100% a b c%20d");
	/* upper case: RFC 3986 unreserved kept, "@" is %40 */
	expect_expand(&env, 0, "%{S}", "strong-bad%40email.example.com");
	expect_expand(&env, 0, "%{L}", "strong-bad");
	expect_expand(&env, 0, "%{h}", "mx.example.org");
	expect_expand(&env, 0, "%{v}", "in-addr");
	expect_expand(&env6, 0, "%{v}", "ip6");
	/* c, r, t only in explanations */
	assert_int_equal(expand_status(&env, 0, "%{c}.example.com"), ZL_SPF_EXPAND_SYNTAX);
	assert_int_equal(expand_status(&env, 0, "%{r}.example.com"), ZL_SPF_EXPAND_SYNTAX);
	assert_int_equal(expand_status(&env, 0, "%{t}.example.com"), ZL_SPF_EXPAND_SYNTAX);
	expect_expand(&env, ZL_SPF_EXPAND_EXPLAIN, "%{c} %{r} %{t}",
		      "192.0.2.3 unknown 1234567890");
	/* RFC 5952 text form for c; "i" nibbles in upper case in explanations */
	expect_expand(&env6, ZL_SPF_EXPAND_EXPLAIN, "%{c}", "2001:db8::cb01");
	expect_expand(&env6, ZL_SPF_EXPAND_EXPLAIN, "%{i}",
		      "2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.C.B.0.1");
	/* several delimiters; the parts are joined with "." */
	env.local = "foo-bar+zip+quux";
	expect_expand(&env, 0, "%{l-+}", "foo.bar.zip.quux");
	expect_expand(&env, 0, "%{l2r+-}", "bar.foo");
	/* %{p} without a validator is "unknown" */
	expect_expand(&env, 0, "%{p}", "unknown");
	/* syntax errors */
	assert_int_equal(expand_status(&env, 0, "%{x}"), ZL_SPF_EXPAND_SYNTAX);
	assert_int_equal(expand_status(&env, 0, "%{d"), ZL_SPF_EXPAND_SYNTAX);
	assert_int_equal(expand_status(&env, 0, "50%"), ZL_SPF_EXPAND_SYNTAX);
	assert_int_equal(expand_status(&env, 0, "a b"), ZL_SPF_EXPAND_SYNTAX);
	assert_int_equal(expand_status(&env, ZL_SPF_EXPAND_EXPLAIN, "caf\xc3\xa9"),
			 ZL_SPF_EXPAND_SYNTAX);
}

/*
 * Section 7.3: an expansion over 253 octets loses whole labels on the
 * left.  26 labels of 9 letters plus "com" are 26 * 10 + 3 = 263 octets;
 * dropping one label (10 octets) leaves exactly 253.
 */
static void test_expand_truncation(void **state)
{
	struct zl_spf_macro_env env = rfc_env(ip4_rfc, false);
	char dom[400], want[400];
	size_t o = 0;

	(void)state;
	for (int k = 0; k < 26; k++)
		o += (size_t)snprintf(dom + o, sizeof(dom) - o, "%c%c%c%c%c%c%c%c%c.",
				      'a' + k, 'a' + k, 'a' + k, 'a' + k, 'a' + k,
				      'a' + k, 'a' + k, 'a' + k, 'a' + k);
	snprintf(dom + o, sizeof(dom) - o, "com");
	assert_int_equal(strlen(dom), 263);
	snprintf(want, sizeof(want), "%s", dom + 10);
	assert_int_equal(strlen(want), 253);
	env.domain = dom;
	expect_expand(&env, 0, "%{d}", want);
	/* 253 exactly stays whole */
	env.domain = want;
	expect_expand(&env, 0, "%{d}", want);
	/* the explanation is not cut at 253 */
	env.domain = dom;
	expect_expand(&env, ZL_SPF_EXPAND_EXPLAIN, "%{d}", dom);
}

/* Hostile macros end in a bounded result or an error, never a hang. */
static void test_expand_hostile(void **state)
{
	struct zl_spf_macro_env env = rfc_env(ip4_rfc, false);
	char *s, *big;
	size_t n;

	(void)state;
	/* a huge DIGIT transformer keeps every part */
	expect_expand(&env, 0, "%{d99999999999r}", "com.example.email");
	expect_expand(&env, 0, "%{d99999999999}", "email.example.com");
	/* 20000 copies of a 1000-octet sender: 20 MB of work, refused */
	big = malloc(1001);
	assert_non_null(big);
	memset(big, 'x', 1000);
	big[1000] = '\0';
	env.sender = big;
	n = 20000 * 4;
	s = malloc(n + 1);
	assert_non_null(s);
	for (size_t k = 0; k < n; k += 4)
		memcpy(s + k, "%{s}", 4);
	s[n] = '\0';
	assert_int_equal(expand_status(&env, 0, s), ZL_SPF_EXPAND_TOO_BIG);
	assert_int_equal(expand_status(&env, ZL_SPF_EXPAND_EXPLAIN, s),
			 ZL_SPF_EXPAND_TOO_BIG);
	/* 200 copies (200 kB of work): fine, and the domain is cut to 253 */
	s[200 * 4] = '\0';
	{
		struct zl_buf out = { 0 };
		assert_int_equal(zl_spf_expand(s, strlen(s), 0, &env, &out, NULL, NULL),
				 ZL_SPF_EXPAND_OK);
		assert_true(out.len <= ZL_SPF_DOMAIN_MAX);
		zl_buf_free(&out);
	}
	free(s);
	free(big);
}

/* ---- addresses and CIDR ---------------------------------------------------- */

static void test_cidr(void **state)
{
	struct zl_spf_ip a, b;

	(void)state;
	/* RFC 4632: 192.0.2.0/24 covers .0 to .255 */
	assert_true(zl_spf_ip_parse("192.0.2.0", &a) && !a.v6);
	assert_true(zl_spf_ip_parse("192.0.2.255", &b));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 24));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 25));
	assert_true(zl_spf_ip_parse("192.0.3.0", &b));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 24));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 23));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 0));
	/* /9: mask 255.128.0.0 */
	assert_true(zl_spf_ip_parse("10.0.0.0", &a));
	assert_true(zl_spf_ip_parse("10.127.255.255", &b));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 9));
	assert_true(zl_spf_ip_parse("10.128.0.0", &b));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 9));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 8));
	/* /32 is the address itself */
	assert_true(zl_spf_ip_parse("10.0.0.1", &b));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 32));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 31));
	/* RFC 4291 2.3: 2001:db8::/32 */
	assert_true(zl_spf_ip_parse("2001:db8::", &a) && a.v6);
	assert_true(zl_spf_ip_parse("2001:db8:ffff:ffff::1", &b));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 32));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 33));
	assert_true(zl_spf_ip_parse("2001:db9::", &b));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 32));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 31));
	/* /33 splits cafe:babe::/32 at 8000 */
	assert_true(zl_spf_ip_parse("cafe:babe::", &a));
	assert_true(zl_spf_ip_parse("cafe:babe:7fff::", &b));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 33));
	assert_true(zl_spf_ip_parse("cafe:babe:8000::", &b));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 33));
	assert_true(zl_spf_ip_parse("cafe:babe::1", &b));
	assert_false(zl_spf_cidr_match(a.addr, b.addr, 128));
	assert_true(zl_spf_cidr_match(a.addr, b.addr, 127));
	/* IPv4-mapped clients are IPv4 */
	assert_true(zl_spf_ip_parse("::ffff:192.0.2.3", &a));
	assert_false(a.v6);
	assert_memory_equal(a.addr, ip4_rfc, 4);
	assert_false(zl_spf_ip_parse("192.0.2", &a));
	assert_false(zl_spf_ip_parse("example.com", &a));
}

/* ---- evaluation on small zones --------------------------------------------- */

static char tmpdir[64];

/* Loaded data for one test. */
struct world {
	struct zl_db db;
	struct zl_dns dns;
	struct zl_sink sink;
	struct zl_zone *zone;
};

static void on_comment(void *ctx, const char *file, uint32_t line, uint32_t col,
		       const char *text, size_t len, bool own_line)
{
	struct world *w = ctx;
	const char *err;

	(void)file, (void)line, (void)col, (void)own_line;
	zl_dns_parse_directive(&w->dns, text, len, &err);
}

/* Load master-file text (names absolute) into a new world. */
static struct world *load(const char *text)
{
	struct world *w = calloc(1, sizeof(*w));
	struct zl_load_opts lo = { 0 };
	char path[128];
	FILE *f;

	assert_non_null(w);
	snprintf(path, sizeof(path), "%s/zone", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("$ORIGIN .\n$TTL 300\n", f);
	fputs(text, f);
	fclose(f);
	zl_db_init(&w->db);
	zl_dns_init(&w->dns, &w->db);
	zl_sink_init(&w->sink);
	lo.path = path;
	lo.on_comment = on_comment;
	lo.comment_ctx = w;
	assert_int_equal(zl_db_load(&w->db, &lo, &w->sink, &w->zone), ZL_PARSE_OK);
	assert_int_equal(w->sink.n, 0);
	unlink(path);
	return w;
}

static void unload(struct world *w)
{
	zl_dns_free(&w->dns);
	zl_db_free(&w->db);
	zl_sink_free(&w->sink);
	free(w);
}

/* check_host() result for ip and sender (NULL = HELO helo) on w. */
static enum zl_spf_result eval(struct world *w, const char *ip, const char *sender,
			       const char *helo, struct zl_spf_outcome *out)
{
	struct zl_spf_query q;

	memset(&q, 0, sizeof(q));
	assert_true(zl_spf_ip_parse(ip, &q.ip));
	q.sender = sender;
	q.helo = helo;
	q.default_exp = "DEFAULT";
	zl_spf_check_host(&w->dns, &q, out);
	return out->result;
}

static enum zl_spf_result eval1(struct world *w, const char *ip, const char *sender)
{
	struct zl_spf_outcome out;
	enum zl_spf_result r = eval(w, ip, sender, "helo.example.org", &out);

	zl_spf_outcome_free(&out);
	return r;
}

static void test_resolver(void **state)
{
	struct world *w = load(
		"a.example.com. IN A 192.0.2.1\n"
		"a.example.com. IN A 192.0.2.1\n"
		"c.example.com. IN CNAME a.example.com.\n"
		"l1.example.com. IN CNAME l2.example.com.\n"
		"l2.example.com. IN CNAME l1.example.com.\n"
		"; zonelint-test: timeout t.example.com.\n"
		"t.example.com. IN TXT \"x\"\n"
		"; zonelint-test: timeout u.example.com. MX\n"
		"u.example.com. IN A 192.0.2.9\n");
	struct zl_dns_answer a;
	uint8_t n[ZL_NAME_MAX];

	(void)state;
	assert_true(zl_dns_name_from_spf("A.Example.COM.", 14, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NOERROR);
	assert_int_equal(zl_rrset_count(a.rrset), 2);	/* as loaded */
	assert_true(zl_dns_rr_same(zl_rrset_first(a.rrset), zl_rrset_rr_next(a.rrset, zl_rrset_first(a.rrset))));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_MX, &a), ZL_DNS_NODATA);
	assert_true(zl_dns_name_from_spf("c.example.com", 13, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NOERROR);
	assert_int_equal(a.cnames, 1);
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_CNAME, &a), ZL_DNS_NOERROR);
	assert_true(zl_dns_name_from_spf("l1.example.com", 14, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_CNAME_LOOP);
	assert_true(zl_dns_name_from_spf("nx.example.com", 14, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NXDOMAIN);
	/* bare timeout: types with data answer, the rest time out */
	assert_true(zl_dns_name_from_spf("t.example.com", 13, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_TXT, &a), ZL_DNS_NOERROR);
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_TIMEOUT);
	/* typed timeout */
	assert_true(zl_dns_name_from_spf("u.example.com", 13, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_MX, &a), ZL_DNS_TIMEOUT);
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NOERROR);
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_TXT, &a), ZL_DNS_NODATA);
	/* names that cannot be queried */
	assert_false(zl_dns_name_from_spf("a..b", 4, n));
	assert_false(zl_dns_name_from_spf("", 0, n));
	assert_false(zl_dns_name_from_spf(
		"a123456789012345678901234567890123456789012345678901234567890123.com",
		68, n));
	unload(w);
}

/*
 * RFC 4592: a wildcard answers for names that do not exist below its
 * parent (section 3.3.1), not for names that exist, with or without
 * data of the type (empty non-terminals included: section 2.2.2).
 */
static void test_resolver_wildcards(void **state)
{
	struct world *w = load(
		"*.example.com. IN A 192.0.2.26\n"
		"*.example.com. IN TXT \"v=spf1 -all\"\n"
		"host.example.com. IN MX 10 mail.example.com.\n"
		"x.y.example.com. IN A 192.0.2.27\n");
	struct zl_dns_answer a;
	uint8_t n[ZL_NAME_MAX];

	(void)state;
	assert_true(zl_dns_name_from_spf("nohost.example.com", 18, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NOERROR);
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_TXT, &a), ZL_DNS_NOERROR);
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_MX, &a), ZL_DNS_NODATA);
	/* deeper names match too: the closest encloser is example.com */
	assert_true(zl_dns_name_from_spf("a.b.example.com", 15, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NOERROR);
	/* an existing name is not covered by the wildcard */
	assert_true(zl_dns_name_from_spf("host.example.com", 16, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NODATA);
	/* nor is an empty non-terminal, nor a name below it (closest encloser y) */
	assert_true(zl_dns_name_from_spf("y.example.com", 13, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NODATA);
	assert_true(zl_dns_name_from_spf("z.y.example.com", 15, n));
	assert_int_equal(zl_dns_query(&w->dns, n, ZL_DNS_TYPE_A, &a), ZL_DNS_NXDOMAIN);
	/* and check_host() sees the wildcard SPF record */
	assert_int_equal(eval1(w, "192.0.2.1", "u@nohost.example.com"), ZL_SPF_FAIL);
	unload(w);
}

static void test_terms(void **state)
{
	struct world *w = load(
		"ex.com. IN TXT \"v=spf1 ip4:192.0.2.0/24 ~ip6:2001:db8::/32 a:h.ex.com/30 mx/31 -all\"\n"
		"ex.com. IN TXT \"not spf\"\n"
		"ex.com. IN MX 10 mx.ex.com.\n"
		"h.ex.com. IN A 198.51.100.5\n"
		"mx.ex.com. IN A 203.0.113.8\n"
		"n.com. IN TXT \"V=SPF1 ?all\"\n"
		"two.com. IN TXT \"v=spf1 +all\"\n"
		"two.com. IN TXT \"v=spf1 -all\"\n"
		"dup.com. IN TXT \"v=spf1 -all\"\n"
		"dup.com. IN TXT \"v=spf1 -all\"\n"
		"split.com. IN TXT \"v=spf1 ip4:192.0.2.1\" \" -all\"\n"
		"empty.com. IN TXT \"v=spf1\"\n"
		"bad.com. IN TXT \"v=spf1 ip4:192.0.2.1 foo:bar -all\"\n"
		"inc.com. IN TXT \"v=spf1 include:ex.com -all\"\n"
		"incnone.com. IN TXT \"v=spf1 include:nothing.com +all\"\n"
		"red.com. IN TXT \"v=spf1 redirect=ex.com\"\n"
		"rednone.com. IN TXT \"v=spf1 redirect=nothing.com\"\n"
		"redall.com. IN TXT \"v=spf1 +all redirect=two.com\"\n"
		"helo.example.org. IN TXT \"v=spf1 ip4:192.0.2.77 -all\"\n"
		"ptr.com. IN TXT \"v=spf1 ptr -all\"\n"
		"9.100.51.198.in-addr.arpa. IN PTR host.ptr.com.\n"
		"host.ptr.com. IN A 198.51.100.9\n"
		"ex6.com. IN TXT \"v=spf1 a -all\"\n"
		"ex6.com. IN AAAA 2001:db8::1\n"
		"ex6.com. IN A 192.0.2.200\n");

	(void)state;
	assert_int_equal(eval1(w, "192.0.2.99", "a@ex.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "2001:db8:1::5", "a@ex.com"), ZL_SPF_SOFTFAIL);
	assert_int_equal(eval1(w, "198.51.100.6", "a@ex.com"), ZL_SPF_PASS);	/* a/30 */
	assert_int_equal(eval1(w, "198.51.100.8", "a@ex.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "203.0.113.9", "a@ex.com"), ZL_SPF_PASS);	/* mx/31 */
	assert_int_equal(eval1(w, "203.0.113.10", "a@ex.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "::ffff:192.0.2.1", "a@ex.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "192.0.2.1", "a@n.com"), ZL_SPF_NEUTRAL);
	assert_int_equal(eval1(w, "192.0.2.1", "a@two.com"), ZL_SPF_PERMERROR);
	assert_int_equal(eval1(w, "192.0.2.1", "a@dup.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "192.0.2.1", "a@split.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "192.0.2.2", "a@split.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "192.0.2.1", "a@empty.com"), ZL_SPF_NEUTRAL);
	assert_int_equal(eval1(w, "192.0.2.1", "a@bad.com"), ZL_SPF_PERMERROR);
	assert_int_equal(eval1(w, "192.0.2.1", "a@nothing.com"), ZL_SPF_NONE);
	assert_int_equal(eval1(w, "192.0.2.1", "a@com"), ZL_SPF_NONE);
	assert_int_equal(eval1(w, "192.0.2.1", "a@a..com"), ZL_SPF_NONE);
	assert_int_equal(eval1(w, "192.0.2.1", "a@inc.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "198.51.100.8", "a@inc.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "192.0.2.1", "a@incnone.com"), ZL_SPF_PERMERROR);
	assert_int_equal(eval1(w, "198.51.100.8", "a@red.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "192.0.2.1", "a@rednone.com"), ZL_SPF_PERMERROR);
	assert_int_equal(eval1(w, "192.0.2.1", "a@redall.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "198.51.100.9", "a@ptr.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "198.51.100.10", "a@ptr.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "2001:db8::1", "a@ex6.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "192.0.2.200", "a@ex6.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "2001:db8::2", "a@ex6.com"), ZL_SPF_FAIL);
	/* HELO identity: empty sender, and a sender without "@" */
	assert_int_equal(eval1(w, "192.0.2.77", NULL), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "192.0.2.78", ""), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "192.0.2.1", "split.com"), ZL_SPF_PASS);
	unload(w);
}

static void test_explanation(void **state)
{
	struct world *w = load(
		"e.com. IN TXT \"v=spf1 -all exp=why.e.com\"\n"
		"why.e.com. IN TXT \"%{l} may not send from \" \"%{i} for %{d}\"\n"
		"e2.com. IN TXT \"v=spf1 -all exp=why2.e.com\"\n"
		"why2.e.com. IN TXT \"one\"\n"
		"why2.e.com. IN TXT \"two\"\n"
		"e3.com. IN TXT \"v=spf1 -all exp=nowhere.e.com\"\n"
		"e4.com. IN TXT \"v=spf1 include:e.com -all\"\n"
		"e5.com. IN TXT \"v=spf1 redirect=e.com exp=why2.e.com\"\n"
		"e6.com. IN TXT \"v=spf1 -all exp=why6.e.com\"\n"
		"why6.e.com. IN TXT \"bad %{x} macro\"\n");
	struct zl_spf_outcome out;

	(void)state;
	assert_int_equal(eval(w, "192.0.2.3", "joe@e.com", "h.e.com", &out), ZL_SPF_FAIL);
	assert_string_equal(out.explanation, "joe may not send from 192.0.2.3 for e.com");
	assert_true(out.exp_from_record);
	zl_spf_outcome_free(&out);
	/* two TXT records, none, a syntax error: the default */
	assert_int_equal(eval(w, "192.0.2.3", "joe@e2.com", "h.e.com", &out), ZL_SPF_FAIL);
	assert_string_equal(out.explanation, "DEFAULT");
	zl_spf_outcome_free(&out);
	assert_int_equal(eval(w, "192.0.2.3", "joe@e3.com", "h.e.com", &out), ZL_SPF_FAIL);
	assert_string_equal(out.explanation, "DEFAULT");
	assert_int_equal(out.voids, 0);		/* exp lookups are not counted */
	zl_spf_outcome_free(&out);
	assert_int_equal(eval(w, "192.0.2.3", "joe@e6.com", "h.e.com", &out), ZL_SPF_FAIL);
	assert_string_equal(out.explanation, "DEFAULT");
	zl_spf_outcome_free(&out);
	/* include: the included record's exp is not used (6.2) */
	assert_int_equal(eval(w, "192.0.2.3", "joe@e4.com", "h.e.com", &out), ZL_SPF_FAIL);
	assert_string_equal(out.explanation, "DEFAULT");
	zl_spf_outcome_free(&out);
	/* redirect: the target's exp is used, the original's is not */
	assert_int_equal(eval(w, "192.0.2.3", "joe@e5.com", "h.e.com", &out), ZL_SPF_FAIL);
	assert_string_equal(out.explanation, "joe may not send from 192.0.2.3 for e.com");
	zl_spf_outcome_free(&out);
	unload(w);
}

/* Append n terms "FMT" (with %d = index) to a record in 255-octet strings. */
static void append_record(char *buf, size_t cap, const char *owner, const char *head,
			  const char *fmt, int n, const char *tail)
{
	char rec[70000], term[80];
	size_t o = 0, len, i;

	o += (size_t)snprintf(rec, sizeof(rec), "%s", head);
	for (int k = 0; k < n; k++) {
		snprintf(term, sizeof(term), fmt, k);
		o += (size_t)snprintf(rec + o, sizeof(rec) - o, " %s", term);
	}
	o += (size_t)snprintf(rec + o, sizeof(rec) - o, " %s", tail);
	len = strlen(buf);
	len += (size_t)snprintf(buf + len, cap - len, "%s IN TXT", owner);
	for (i = 0; i < o; i += 255)
		len += (size_t)snprintf(buf + len, cap - len, " \"%.*s\"",
					(int)(o - i < 255 ? o - i : 255), rec + i);
	snprintf(buf + len, cap - len, "\n");
}

/* Section 4.6.4: exactly 10 DNS-querying terms pass, 11 are a permerror. */
static void test_lookup_limit(void **state)
{
	static char zone[200000];
	struct zl_spf_outcome out;
	struct world *w;

	(void)state;
	zone[0] = '\0';
	for (int k = 0; k < 11; k++)
		snprintf(zone + strlen(zone), sizeof(zone) - strlen(zone),
			 "h%d.ex.com. IN A 198.51.100.%d\n", k, k + 1);
	append_record(zone, sizeof(zone), "ten.com.", "v=spf1", "a:h%d.ex.com", 10,
		      "ip4:192.0.2.3 -all");
	append_record(zone, sizeof(zone), "eleven.com.", "v=spf1", "a:h%d.ex.com", 11,
		      "ip4:192.0.2.3 -all");
	w = load(zone);
	assert_int_equal(eval(w, "192.0.2.3", "a@ten.com", "h.com", &out), ZL_SPF_PASS);
	assert_int_equal(out.lookups, 10);
	zl_spf_outcome_free(&out);
	assert_int_equal(eval(w, "192.0.2.3", "a@eleven.com", "h.com", &out),
			 ZL_SPF_PERMERROR);
	assert_int_equal(out.lookups, 11);
	assert_non_null(strstr(out.reason, "DNS-querying terms"));
	zl_spf_outcome_free(&out);
	/* a match before the limit is reached ends the evaluation */
	assert_int_equal(eval1(w, "198.51.100.1", "a@eleven.com"), ZL_SPF_PASS);
	unload(w);
}

/* Section 4.6.4: two void lookups are fine, the third is a permerror. */
static void test_void_limit(void **state)
{
	struct world *w = load(
		"two.com. IN TXT \"v=spf1 a:nx1.com exists:nx2.com ip4:192.0.2.3 -all\"\n"
		"three.com. IN TXT \"v=spf1 a:nx1.com mx:nx2.com a:nodata.com ip4:192.0.2.3 -all\"\n"
		"nodata.com. IN MX 10 nowhere.com.\n");
	struct zl_spf_outcome out;

	(void)state;
	assert_int_equal(eval(w, "192.0.2.3", "a@two.com", "h.com", &out), ZL_SPF_PASS);
	assert_int_equal(out.voids, 2);
	zl_spf_outcome_free(&out);
	assert_int_equal(eval(w, "192.0.2.3", "a@three.com", "h.com", &out), ZL_SPF_PERMERROR);
	assert_int_equal(out.voids, 3);
	zl_spf_outcome_free(&out);
	unload(w);
}

/* Section 4.6.4: 10 MX records are looked at, 11 are a permerror. */
static void test_mx_limit(void **state)
{
	static char zone[8000];
	struct world *w;

	(void)state;
	zone[0] = '\0';
	for (int k = 0; k < 11; k++) {
		snprintf(zone + strlen(zone), sizeof(zone) - strlen(zone),
			 "ten.com. IN MX %d m%d.com.\n", k, k);
		snprintf(zone + strlen(zone), sizeof(zone) - strlen(zone),
			 "eleven.com. IN MX %d m%d.com.\n", k, k);
		snprintf(zone + strlen(zone), sizeof(zone) - strlen(zone),
			 "m%d.com. IN A 198.51.100.%d\n", k, k + 1);
	}
	/* ten.com has 11 MX RRs: one of them twice, identical, so 10 */
	snprintf(zone + strlen(zone), sizeof(zone) - strlen(zone),
		 "ten.com. IN MX 9 m9.com.\n"
		 "ten.com. IN TXT \"v=spf1 mx -all\"\n"
		 "eleven.com. IN TXT \"v=spf1 mx -all\"\n");
	/* remove ten.com's 11th distinct MX */
	{
		char *p = strstr(zone, "ten.com. IN MX 10 m10.com.\n");
		assert_non_null(p);
		memset(p, ';', 1);
	}
	w = load(zone);
	assert_int_equal(eval1(w, "198.51.100.10", "a@ten.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "198.51.100.99", "a@ten.com"), ZL_SPF_FAIL);
	assert_int_equal(eval1(w, "198.51.100.1", "a@eleven.com"), ZL_SPF_PERMERROR);
	unload(w);
}

/* Loops, thousands of includes, huge digits, timeouts: bounded results. */
static void test_hostile(void **state)
{
	static char zone[200000];
	struct zl_spf_outcome out;
	struct world *w;

	(void)state;
	snprintf(zone, sizeof(zone),
		 "loop1.com. IN TXT \"v=spf1 include:loop2.com -all\"\n"
		 "loop2.com. IN TXT \"v=spf1 include:loop1.com -all\"\n"
		 "self.com. IN TXT \"v=spf1 redirect=self.com\"\n"
		 "digits.com. IN TXT \"v=spf1 a:%%{d99999999999r}.x.com -all\"\n"
		 "com.digits.x.com. IN A 192.0.2.3\n"
		 "; zonelint-test: timeout slow.com.\n"
		 "slow.com. IN TXT \"v=spf1 a -all\"\n"
		 "; zonelint-test: timeout slowtxt.com. TXT\n"
		 "slowtxt.com. IN TXT \"v=spf1 -all\"\n"
		 "long.com. IN TXT \"v=spf1 a:%%{l}%%{l}%%{l}%%{l}.x.com -all\"\n");
	append_record(zone, sizeof(zone), "many.com.", "v=spf1", "include:i%d.com",
		      3000, "-all");
	w = load(zone);
	assert_int_equal(eval(w, "192.0.2.3", "a@loop1.com", "h.com", &out), ZL_SPF_PERMERROR);
	assert_true(out.lookups <= ZL_SPF_MAX_LOOKUPS + 1);
	zl_spf_outcome_free(&out);
	assert_int_equal(eval1(w, "192.0.2.3", "a@self.com"), ZL_SPF_PERMERROR);
	assert_int_equal(eval1(w, "192.0.2.3", "a@many.com"), ZL_SPF_PERMERROR);
	assert_int_equal(eval1(w, "192.0.2.3", "a@digits.com"), ZL_SPF_PASS);
	assert_int_equal(eval1(w, "192.0.2.3", "a@slow.com"), ZL_SPF_TEMPERROR);
	assert_int_equal(eval1(w, "192.0.2.3", "a@slowtxt.com"), ZL_SPF_TEMPERROR);
	/* a label over 63 octets after expansion: no match, not a crash */
	assert_int_equal(eval1(w, "192.0.2.3",
			       "abcdefghijklmnopqrstuvwxyz@long.com"), ZL_SPF_FAIL);
	unload(w);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/zl-spf-eval-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand_rfc_examples),
		cmocka_unit_test(test_expand_letters),
		cmocka_unit_test(test_expand_truncation),
		cmocka_unit_test(test_expand_hostile),
		cmocka_unit_test(test_cidr),
		cmocka_unit_test(test_resolver),
		cmocka_unit_test(test_resolver_wildcards),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_explanation),
		cmocka_unit_test(test_lookup_limit),
		cmocka_unit_test(test_void_limit),
		cmocka_unit_test(test_mx_limit),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests_name("spf_eval", tests, setup, teardown);
}
