/* test_rdata.c - cmocka tests for the type table and RDATA text -> wire conversion. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "name.h"
#include "rdata.h"

/*
 * Expected wire forms.  Rows marked knot come from Knot DNS libzscanner's
 * expected outputs (tests/libzscanner/data/NN_TYPE.in/.out, origin "."),
 * rows marked rfc from the RFC named; negative cases and BIND-specific
 * behaviour were checked with named-checkzone 9.18.
 */
struct vec {
	const char *type;
	const char *text;
	const char *hex;
};

/* knot: libzscanner expected RDATA, origin "." */
static const struct vec knot_vecs[] = {
	{ "A", "0.0.0.0", "00000000" },
	{ "A", "255.255.255.255", "FFFFFFFF" },
	{ "AAAA", "0:0:0:0:0:0:0:0", "00000000000000000000000000000000" },
	{ "AAAA", "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" },
	{ "AAAA", "0::1.2.3.4", "00000000000000000000000001020304" },
	{ "NS", ".", "00" },
	{ "NS", "tld.", "03746C6400" },
	{ "NS", "tld", "03746C6400" },
	{ "CNAME", "test.example.com", "0474657374076578616D706C6503636F6D00" },
	{ "CNAME", "@", "00" },
	{ "PTR", "test.example.com", "0474657374076578616D706C6503636F6D00" },
	{ "PTR", "@", "00" },
	{ "DNAME", "test.example.com", "0474657374076578616D706C6503636F6D00" },
	{ "DNAME", "@", "00" },
	{ "MX", "0 @", "000000" },
	{ "MX", "65535 @", "FFFF00" },
	{ "MX", "1 mail", "0001046D61696C00" },
	{ "AFSDB", "1 mail", "0001046D61696C00" },
	{ "AFSDB", "1 @", "000100" },
	{ "RT", "1 mail", "0001046D61696C00" },
	{ "RT", "1 @", "000100" },
	{ "KX", "1 mail", "0001046D61696C00" },
	{ "KX", "1 @", "000100" },
	{ "HINFO", "a b", "01610162" },
	{ "HINFO", "\\  \\ ", "01200120" },
	{ "HINFO", "\\021 \\022", "01150116" },
	{ "MINFO", ". .", "0000" },
	{ "MINFO", "@ @", "0000" },
	{ "MINFO", "mail mail.tld.", "046D61696C00046D61696C03746C6400" },
	{ "RP", "mail mail.tld.", "046D61696C00046D61696C03746C6400" },
	{ "RP", "@ @", "0000" },
	{ "SOA", "@ @ 0 0 0 0 0", "00000000000000000000000000000000000000000000" },
	{ "SOA", "tld. tld 0 0 0 0 0", "03746C640003746C64000000000000000000000000000000000000000000" },
	{ "SOA", "@ @ 4294967295 0 0 0 0", "0000FFFFFFFF00000000000000000000000000000000" },
	{ "SRV", "0 0 0 @", "00000000000000" },
	{ "SRV", "65535 65535 65535 @", "FFFFFFFFFFFF00" },
	{ "CERT", "0 0 0 AA==", "000000000000" },
	{ "CERT", "65535 65535 255 AA==", "FFFFFFFFFF00" },
	{ "CERT", "PKIX 0 0 AA==", "000100000000" },
	{ "KEY", "0 0 0 AA==", "0000000000" },
	{ "KEY", "0 0 0 Zm8=", "00000000666F" },
	{ "KEY", "0 0 0 Zm9v", "00000000666F6F" },
	{ "DNSKEY", "0 0 0 AA==", "0000000000" },
	{ "DNSKEY", "65535 255 255 AA==", "FFFFFFFF00" },
	{ "DNSKEY", "0 0 RSAMD5 AA==", "0000000100" },
	{ "APL", "1:0.0.0.0/0", "00010000" },
	{ "APL", "1:255.255.255.255/32", "00012004FFFFFFFF" },
	{ "APL", "1:255.255.255.255/30", "00011E04FFFFFFFF" },
	{ "DS", "0 0 0 00", "0000000000" },
	{ "DS", "65535 255 255 00", "FFFFFFFF00" },
	{ "DS", "0 RSAMD5 0 00", "0000010000" },
	{ "SSHFP", "0 0 00", "000000" },
	{ "SSHFP", "255 255 00", "FFFF00" },
	{ "SSHFP", "0 0 01 02 0304", "000001020304" },
	{ "IPSECKEY", "255 3 255 . AA==", "FF03FF0000" },
	{ "IPSECKEY", "0 0 1 . Zm8=", "000001666F" },
	{ "IPSECKEY", "0 0 1 . Zm9v", "000001666F6F" },
	{ "RRSIG", "TYPE0 0 0 0 0 0 0 . AA==", "0000000000000000000000000000000000000000" },
	{ "RRSIG", "A 2 3 4 5 6 7 \\008. CQ==", "00010203000000040000000500000006000701080009" },
	{ "RRSIG", "TYPE65535 255 255 4294967295 4294967295 4294967295 65535 . AA==", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF0000" },
	{ "NSEC", ". TYPE0", "00000180" },
	{ "NSEC", ". TYPE65535", "00FF200000000000000000000000000000000000000000000000000000000000000001" },
	{ "NSEC", ". TYPE0 A NS", "000001E0" },
	{ "DHCID", "AA==", "00" },
	{ "DHCID", "Zm8=", "666F" },
	{ "DHCID", "Zm9v", "666F6F" },
	{ "NSEC3", "0 0 0 - CPNMUOJ1", "000000000005666F6F6261" },
	{ "NSEC3PARAM", "0 0 0 -", "0000000000" },
	{ "NSEC3PARAM", "255 255 65535 -", "FFFFFFFF00" },
	{ "NSEC3PARAM", "0 0 0 0102FF", "00000000030102FF" },
	{ "TLSA", "0 0 0 00", "00000000" },
	{ "TLSA", "255 255 255 00", "FFFFFF00" },
	{ "TLSA", "0 0 0 0102 00 FF", "000000010200FF" },
	{ "LOC", "1 N 1 E 0", "001216138036EE808036EE8000989680" },
	{ "LOC", "0 1 N 1 E 0", "001216138000EA608036EE8000989680" },
	{ "LOC", "0 0 1 N 1 E 0", "00121613800003E88036EE8000989680" },
	{ "EUI48", "00-00-00-00-00-00", "000000000000" },
	{ "EUI48", "FF-FF-FF-FF-FF-FF", "FFFFFFFFFFFF" },
	{ "EUI48", "aa-bb-cc-dd-ee-ff", "AABBCCDDEEFF" },
	{ "EUI64", "00-00-00-00-00-00-00-00", "0000000000000000" },
	{ "EUI64", "FF-FF-FF-FF-FF-FF-FF-FF", "FFFFFFFFFFFFFFFF" },
	{ "EUI64", "aa-bb-cc-dd-ee-ff-01-02", "AABBCCDDEEFF0102" },
	{ "NID", "0 0000:0000:0000:0000", "00000000000000000000" },
	{ "L32", "0 0.0.0.0", "000000000000" },
	{ "L32", "65535 255.255.255.255", "FFFFFFFFFFFF" },
	{ "L64", "0 0000:0000:0000:0000", "00000000000000000000" },
	{ "L64", "65535 FFFF:FFFF:FFFF:FFFF", "FFFFFFFFFFFFFFFFFFFF" },
	{ "L64", "0 abcd:ef00:0000:0000", "0000ABCDEF0000000000" },
	{ "LP", "1 mail", "0001046D61696C00" },
	{ "LP", "1 @", "000100" },
	{ "CDS", "0 0 0 00", "0000000000" },
	{ "CDS", "65535 255 255 00", "FFFFFFFF00" },
	{ "CDS", "0 RSAMD5 0 00", "0000010000" },
	{ "CDNSKEY", "0 0 0 AA==", "0000000000" },
	{ "CDNSKEY", "65535 255 255 AA==", "FFFFFFFF00" },
	{ "CDNSKEY", "0 0 RSAMD5 AA==", "0000000100" },
	{ "CAA", "0 a a", "00016161" },
	{ "CAA", "255 a a", "FF016161" },
	{ "SMIMEA", "0 0 0 00", "00000000" },
	{ "OPENPGPKEY", "AA==", "00" },
	{ "CSYNC", "0 0", "000000000000" },
	{ "CSYNC", "4294967295 65535", "FFFFFFFFFFFF" },
	{ "CSYNC", "0 0 TYPE0", "000000000000000180" },
	{ "SVCB", "0 .", "000000" },
	{ "SVCB", "0 @", "000000" },
	{ "SVCB", "65535 . mandatory=alpn alpn=h2", "FFFF0000000002000100010003026832" },
	{ "HTTPS", "0 .", "000000" },
	{ "HTTPS", "65535 @", "FFFF00" },
	{ "DSYNC", "CDS NOTIFY 53 *._dsync.example.", "003B010035012A065F6473796E63076578616D706C6500" },
	{ "DSYNC", "type59 0 0 \\000\\001\\002\\003\\004\\005\\006\\007\\008\\009", "003B0000000A0001020304050607080900" },
	{ "APL", "", "" },
	{ "APL", "2:::/0", "00020000" },
	{ "APL", "2:0::0/128", "00028000" },
	{ "APL", "2:FFFF:FFFF:FFFF::/2", "00020206FFFFFFFFFFFF" },
	{ "APL", "!1:0.0.0.0/0", "00010080" },
	{ "APL", "1:0.0.0.0/0 1:255.255.255.255/32", "0001000000012004FFFFFFFF" },
	{ "LOC", "0 0 0 N 0 0 0 E -100000.00 0 0 0", "00000000800000008000000000000000" },
	{ "LOC", "90 59 59.999 S 180 59 59.999 W 42849672.95m 90000000.00m 90000000.00m 90000000.00m",
	  "009999996C79388159295F81FFFFFFFF" },
	{ "LOC", "0 S 0 0 0.001 W 0", "00121613800000007FFFFFFF00989680" },
	{ "LOC", "0 S 0 W 0 0.01", "00101613800000008000000000989680" },
	{ "LOC", "0 S 0 W 0 10000000", "00191613800000008000000000989680" },
	{ "TXT", "\"\"", "00" },
	{ "TXT", "a", "0161" },
	{ "TXT", "\\ ", "0120" },
	{ "TXT", "\"\\ \"", "0120" },
	{ "TXT", "\\021", "0115" },
	{ "TXT", "\"\\\\ \\\"\"", "035C2022" },
	{ "TXT", "\"\" \"test1\" \"\\255\" test2", "0005746573743101FF057465737432" },
	{ "TXT", "first \\# \"\\#\"", "05666972737401230123" },
	{ "TXT", "\\# 1 00", "00" },
	{ "SVCB", "1 . mandatory=\"alpn\" alpn=h2", "00010000000002000100010003026832" },
	{ "SVCB", "1 . alpn=\"part1,part2,part3\\\\,part4\\\\\\\\\"",
	  "000100000100190570617274310570617274320C70617274332C70617274345C" },
	{ "SVCB", "1 . alpn=part1\\,\\p\\a\\r\\t2\\044part3\\092,part4\\092\\\\",
	  "000100000100190570617274310570617274320C70617274332C70617274345C" },
	{ "SVCB", "1 . alpn=foo\\\\\\092,bar", "0001000001000904666F6F5C03626172" },
	{ "SVCB", "1 . port=\"65535\"", "00010000030002FFFF" },
	{ "SVCB", "1 . ipv4hint=\"255.255.255.255\"", "00010000040004FFFFFFFF" },
	{ "SVCB", "1 . ech=\"Zm9vYg==\"", "00010000050004666F6F62" },
	{ "SVCB", "1 . ipv6hint=\"::1\"", "0001000006001000000000000000000000000000000001" },
	{ "SVCB", "1 . dohpath=\"/dns-query{?dns}\"", "000100000700102F646E732D71756572797B3F646E737D" },
	{ "SVCB", "1 . key707", "00010002C30000" },
	{ "SVCB", "1 . key65535=a", "000100FFFF000161" },
	{ "HTTPS", "1 . alpn=h2", "00010000010003026832" },
};

/* rfc: RFC 9460 appendix D (origin "."), RFC 4034 section 5.4 */
static const struct vec rfc_vecs[] = {
	{ "HTTPS", "0 foo.example.com.", "000003666F6F076578616D706C6503636F6D00" },
	{ "SVCB", "1 .", "000100" },
	{ "SVCB", "16 foo.example.com. port=53",
	  "001003666F6F076578616D706C6503636F6D00000300020035" },
	{ "SVCB", "1 foo.example.com. key667=hello",
	  "000103666F6F076578616D706C6503636F6D00029B000568656C6C6F" },
	{ "SVCB", "1 foo.example.com. key667=\"hello\\210qoo\"",
	  "000103666F6F076578616D706C6503636F6D00029B000968656C6C6FD2716F6F" },
	{ "SVCB", "1 foo.example.com. ipv6hint=\"2001:db8::1,2001:db8::53:1\"",
	  "000103666F6F076578616D706C6503636F6D000006002020010DB800000000000000000000000120010DB8000000000000000000530001" },
	{ "SVCB", "1 example.com. ipv6hint=\"::ffff:198.51.100.100\"",
	  "0001076578616D706C6503636F6D000006001000000000000000000000FFFFC6336464" },
	{ "SVCB", "16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
	  "001003666F6F076578616D706C65036F7267000000000400010004000100090268320568332D313900040004C0000201" },
	{ "SVCB", "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"",
	  "001003666F6F076578616D706C65036F7267000001000C08665C6F6F2C626172026832" },
	{ "SVCB", "16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2",
	  "001003666F6F076578616D706C65036F7267000001000C08665C6F6F2C626172026832" },
	/* RFC 4034 section 5.4: DS 60485 5 1 2BB1...2118 */
	{ "DS", "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
	  "EC4505012BB183AF5F22588179A53B0A98631FAD1A292118" },
	{ "DS", "60485 RSASHA1 SHA-1 2BB183AF5F22588179A53B0A98631FAD 1A292118",
	  "EC4505012BB183AF5F22588179A53B0A98631FAD1A292118" },
};

/* ---- helpers ---- */

#define MAXTOK 600

/* Tokens of one RDATA text, as the zone scanner would hand them over. */
struct toks {
	struct zl_token t[MAXTOK];
	size_t n;
};

/*
 * Split text at blanks: "..." is one quoted token (quotes removed,
 * escapes kept), a backslash keeps the next character in the token, and
 * a quote inside an unquoted token runs to its closing quote (key="a b").
 * Columns count from 1 on line 7.
 */
static void tokenize(const char *text, struct toks *tk)
{
	const char *p = text;

	tk->n = 0;
	while (*p) {
		struct zl_token *t;

		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		assert_true(tk->n < MAXTOK);
		t = &tk->t[tk->n++];
		t->line = 7;
		t->col = (uint32_t)(p - text) + 1;
		if (*p == '"') {
			const char *s = ++p;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1])
					p++;
				p++;
			}
			t->text = s;
			t->len = (uint32_t)(p - s);
			t->quoted = true;
			t->semi_after = false;
			if (*p)
				p++;
			continue;
		}
		const char *s = p;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\\' && p[1]) {
				p += 2;
				continue;
			}
			if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && p[1])
						p++;
					p++;
				}
				if (*p)
					p++;
				continue;
			}
			p++;
		}
		t->text = s;
		t->len = (uint32_t)(p - s);
		t->quoted = false;
		t->semi_after = false;
	}
}

struct fx {
	struct zl_buf out;
	struct zl_arena scratch;
	struct zl_rdata_ctx ctx;
	struct toks tk;
	uint8_t origin[ZL_NAME_MAX];
	char hex[2 * 70000 + 1];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	size_t n;

	assert_non_null(f);
	zl_arena_init(&f->scratch);
	assert_int_equal(zl_name_from_text("example.com.", 12, NULL, f->origin, &n), ZL_NAME_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	zl_buf_free(&f->out);
	zl_arena_free(&f->scratch);
	free(f);
	return 0;
}

static const uint8_t root[1] = { 0 };

/* Parse text as RDATA of the named type with origin; returns zl_rdata_parse()'s result. */
static int parse(struct fx *f, const char *type, const char *text,
		 const uint8_t *origin)
{
	const struct zl_type_info *ti = zl_type_by_name(type, strlen(type));

	assert_non_null(ti);
	tokenize(text, &f->tk);
	zl_buf_reset(&f->out);
	zl_arena_reset(&f->scratch);
	memset(&f->ctx, 0, sizeof(f->ctx));
	f->ctx.origin = origin;
	f->ctx.out = &f->out;
	f->ctx.scratch = &f->scratch;
	return zl_rdata_parse(ti->number, f->tk.t, f->tk.n, &f->ctx);
}

static const char *hexof(struct fx *f, const uint8_t *d, size_t n)
{
	for (size_t k = 0; k < n; k++)
		snprintf(f->hex + 2 * k, 3, "%02X", d[k]);
	f->hex[2 * n] = '\0';
	return f->hex;
}

static void expect_wire(struct fx *f, const char *type, const char *text,
			const uint8_t *origin, const char *hex)
{
	int rc = parse(f, type, text, origin);

	if (rc != 0)
		fail_msg("%s %s: unexpected error: %s", type, text, f->ctx.err);
	if (strcmp(hexof(f, f->out.data, f->out.len), hex) != 0)
		fail_msg("%s %s:\n got %s\nwant %s", type, text, f->hex, hex);
}

/* Expect an error whose message contains msg (or equals it when exact) at token tok. */
static void expect_err(struct fx *f, const char *type, const char *text,
		       const char *msg, size_t tok)
{
	int rc = parse(f, type, text, f->origin);

	if (rc == 0)
		fail_msg("%s %s: accepted, want error \"%s\"", type, text, msg);
	if (!strstr(f->ctx.err, msg))
		fail_msg("%s %s: error \"%s\", want \"%s\"", type, text, f->ctx.err, msg);
	if (f->ctx.err_tok != tok)
		fail_msg("%s %s: err_tok %zu, want %zu (%s)", type, text,
			 f->ctx.err_tok, tok, f->ctx.err);
}

static void expect_exact_err(struct fx *f, const char *type, const char *text,
			     const char *msg, size_t tok)
{
	expect_err(f, type, text, msg, tok);
	assert_string_equal(f->ctx.err, msg);
}

/* ---- tests ---- */

static void test_knot_vectors(void **state)
{
	struct fx *f = *state;

	for (size_t k = 0; k < sizeof(knot_vecs) / sizeof(knot_vecs[0]); k++)
		expect_wire(f, knot_vecs[k].type, knot_vecs[k].text, root,
			    knot_vecs[k].hex);
}

static void test_rfc_vectors(void **state)
{
	struct fx *f = *state;

	for (size_t k = 0; k < sizeof(rfc_vecs) / sizeof(rfc_vecs[0]); k++)
		expect_wire(f, rfc_vecs[k].type, rfc_vecs[k].text, root,
			    rfc_vecs[k].hex);
	/* RFC 4034 section 3.3 header fields; times checked with Python calendar.timegm */
	expect_wire(f, "RRSIG", "A 5 3 86400 20030322173103 20030220173103 2642 example.com. AQID",
		    root, "000105030001518" "03E7C9DD73E5510D70A52076578616D706C6503636F6D00010203");
	expect_wire(f, "RRSIG", "A RSASHA1 3 86400 1048354263 1045762263 2642 example.com. AQID",
		    root, "000105030001518" "03E7C9DD73E5510D70A52076578616D706C6503636F6D00010203");
	/* 2106-02-07 06:28:16 wraps to 0 (BIND accepts and wraps too); 1969 gives 2^32-1 */
	expect_wire(f, "RRSIG", "A 8 0 0 21060207062816 19691231235959 0 . AQID", root,
		    "000108000000000000000000FFFFFFFF000000010203");
	expect_wire(f, "RRSIG", "A 8 0 0 20240229000000 21060207062815 0 . AQID", root,
		    "00010800" "00000000" "65DFC900" "FFFFFFFF" "000000010203");
}

static void test_relative_names(void **state)
{
	struct fx *f = *state;

	/* relative names get the origin example.com. appended */
	expect_wire(f, "MX", "10 mail", f->origin,
		    "000A046D61696C076578616D706C6503636F6D00");
	expect_wire(f, "NS", "@", f->origin, "076578616D706C6503636F6D00");
	expect_wire(f, "CNAME", "www.example.net.", f->origin,
		    "03777777076578616D706C65036E657400");
	/* BIND accepts any printable octet in a name */
	expect_wire(f, "NS", "&", root, "012600");
	expect_wire(f, "SOA", "ns hostmaster 2024010101 1h 15M 1w 1d", root,
		    "026E73000A686F73746D617374657200" "78A3F175" "00000E10" "00000384"
		    "00093A80" "00015180");
	/* NAPTR, RFC 3403 section 6.2 style */
	expect_wire(f, "NAPTR", "100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:x@y!\" _sip._udp.example.com.",
		    root, "0064000A" "0153" "075349502B443255" "0E215E2E2A24217369703A784079"
		    "21" "045F736970045F756470076578616D706C6503636F6D00");
	expect_wire(f, "CAA", "0 issue \"ca.example.net\"", root,
		    "0005697373756563612E6578616D706C652E6E6574");
	expect_wire(f, "CAA", "128 tbs \";\"", root, "80037462733B");
}

static void test_required_errors(void **state)
{
	struct fx *f = *state;

	/* the message forms the zone parser relies on */
	expect_exact_err(f, "MX", "abc mail", "MX preference: \"abc\" is not a number 0-65535", 0);
	expect_exact_err(f, "A", "1.2.3", "A address: \"1.2.3\" is not an IPv4 address", 0);
	expect_exact_err(f, "MX", "10", "missing RDATA field: MX exchange", 1);
	expect_exact_err(f, "MX", "10 mail extra", "extra RDATA after MX exchange", 2);
	expect_exact_err(f, "A", "", "missing RDATA field: A address", 0);
	{
		char big[400];
		memset(big, 'x', 300);
		big[300] = '\0';
		expect_exact_err(f, "TXT", big, "TXT character-string is 300 octets; the limit is 255", 0);
	}
}

/* Each case was checked against named-checkzone 9.18: BIND rejects it too. */
static const struct {
	const char *type, *text, *msg;
	size_t tok;
} bind_rejects[] = {
	{ "A", "01.2.3.4", "not an IPv4 address", 0 },
	{ "A", "1.2.3.04", "not an IPv4 address", 0 },
	{ "A", "1.2.3.256", "not an IPv4 address", 0 },
	{ "A", "0.0.0.A", "not an IPv4 address", 0 },
	{ "A", "\"1.2.3.4\"", "must not be quoted", 0 },
	{ "A", "1.2.3.4 5.6.7.8", "extra RDATA after A address", 1 },
	{ "AAAA", "\"::1\"", "must not be quoted", 0 },
	{ "AAAA", "1::2::3", "not an IPv6 address", 0 },
	{ "AAAA", "1:2:3:4:5:6:7:8:9", "not an IPv6 address", 0 },
	{ "AAAA", "12345::", "not an IPv6 address", 0 },
	{ "AAAA", "::1.2.3", "not an IPv6 address", 0 },
	{ "MX", "\"10\" mx", "must not be quoted", 0 },
	{ "MX", "10 \"mx\"", "MX exchange: \"mx\" must not be quoted", 1 },
	{ "MX", "65536 mx", "not a number 0-65535", 0 },
	{ "MX", "-1 mx", "not a number 0-65535", 0 },
	{ "NS", "a..b", "NS nameserver: \"a..b\" is not a valid name (empty label in name)", 0 },
	{ "SOA", "ns hm 1h 1 1 1 1", "SOA serial: \"1h\" is not a number 0-4294967295", 2 },
	{ "SOA", "ns hm 4294967295 1 1 1 4294967296", "SOA minimum", 6 },
	{ "SOA", "ns hm 1 1 1 1", "missing RDATA field: SOA minimum", 6 },
	{ "TXT", "", "missing RDATA field: TXT", 0 },
	{ "TXT", "a\\09", "bad escape", 0 },
	{ "TXT", "\"\\256\"", "bad escape", 0 },
	{ "TXT", "a\\", "bad escape", 0 },
	{ "SPF", "", "missing RDATA field: SPF", 0 },
	{ "HINFO", "x", "missing RDATA field: HINFO os", 1 },
	{ "HINFO", "x y z", "extra RDATA after HINFO os", 2 },
	{ "CAA", "0 is-sue \"x\"", "CAA tag: \"is-sue\" must be letters and digits only", 1 },
	{ "CAA", "0 \"issue\" \"x\"", "CAA tag: \"issue\" must not be quoted", 1 },
	{ "CAA", "0 issue", "missing RDATA field: CAA value", 2 },
	{ "CAA", "0 issue \"x\" \"y\"", "extra RDATA after CAA value", 3 },
	{ "CAA", "256 issue \"x\"", "CAA flags", 0 },
	{ "NAPTR", "100 10 \"S\" \"SIP+D2U\" \"(\" .", "NAPTR regexp", 4 },
	{ "NAPTR", "100 10 \"S\" \"SIP+D2U\" \"!a!b!x\" .", "NAPTR regexp", 4 },
	{ "NAPTR", "100 10 \"S\" \"SIP+D2U\" \"!a!\\\\1!\" .", "NAPTR regexp", 4 },
	{ "SRV", "1 2 65536 .", "SRV port", 2 },
	{ "URI", "10 1 http://x", "URI target: \"http://x\" must be a quoted string", 2 },
	{ "URI", "10 1 \"a\" \"b\"", "extra RDATA after URI target", 3 },
	{ "DS", "1 8 2 0123", "digest type 2 needs 32 octets, got 2", 3 },
	{ "DS", "1 8 SHA-1 0123", "digest type 1 needs 20 octets", 3 },
	{ "DS", "1 8 SHA384 0123", "digest type 4 needs 48 octets", 3 },
	{ "DS", "1 8 FOO 0123", "DS digest type", 2 },
	{ "DS", "1 8 2", "missing RDATA field: DS digest", 3 },
	{ "DS", "1 8 0 012", "odd number of hex digits", 3 },
	{ "DS", "1 8 0 0x12", "not hex", 3 },
	{ "SSHFP", "1 1 abc", "odd number of hex digits", 2 },
	{ "SSHFP", "1 2 ab", "fingerprint type 2 needs 32 octets", 2 },
	{ "SSHFP", "1 1 -", "not hex", 2 },
	{ "TLSA", "3 1 1", "missing RDATA field: TLSA certificate association data", 3 },
	{ "TLSA", "256 1 1 ab", "TLSA certificate usage", 0 },
	{ "DNSKEY", "256 3 8", "missing RDATA field: DNSKEY public key", 3 },
	{ "DNSKEY", "256 3 8 AwEAAQ", "not a multiple of 4", 3 },
	{ "DNSKEY", "256 3 8 AwEAAa==", "non-zero padding bits", 3 },
	{ "DNSKEY", "65536 3 8 AwEAAQ==", "DNSKEY flags", 0 },
	{ "DNSKEY", "NONE 3 8 AwEAAQ==", "DNSKEY flags", 0 },
	{ "DNSKEY", "256 3 FOO AwEAAQ==", "DNSKEY algorithm", 2 },
	{ "DNSKEY", "256 3 8 AA== AA==", "after the final padding", 4 },
	{ "DNSKEY", "256 3 8 A*==", "not base64", 3 },
	{ "KEY", "0 0 0", "missing RDATA field: KEY public key", 3 },
	{ "KEY", "0xC000 3 8 AA==", "extra RDATA after KEY algorithm", 3 },
	{ "RRSIG", "A 8 2 1h 20240101000000 20231201000000 1 example.com. AQID", "RRSIG original TTL", 3 },
	{ "RRSIG", "A 8 2 300 4294967296 20231201000000 1 example.com. AQID", "RRSIG expiration", 4 },
	{ "RRSIG", "A 8 2 300 20240231000000 20231201000000 1 example.com. AQID", "RRSIG expiration", 4 },
	{ "RRSIG", "A 8 2 300 20240101240000 20231201000000 1 example.com. AQID", "RRSIG expiration", 4 },
	{ "RRSIG", "A 8 2 300 20230229000000 20231201000000 1 example.com. AQID", "RRSIG expiration", 4 },
	{ "RRSIG", "A 8 2 300 123456789012 20231201000000 1 example.com. AQID", "RRSIG expiration", 4 },
	{ "RRSIG", "A 8 2 300 20240101000000 20231201000000 1 example.com.", "missing RDATA field: RRSIG signature", 8 },
	{ "RRSIG", "A 8 2 300 20240101000000 20231201000000 1 a.example.com. AQID",
	  "RRSIG signer: \"a.example.com.\" has 3 labels, more than the labels field (2)", 7 },
	{ "RRSIG", "FOO 8 2 300 20240101000000 20231201000000 1 . AQID", "RRSIG type covered", 0 },
	{ "NSEC", "b", "NSEC type bitmap: at least one type is required", 1 },
	{ "NSEC", "b FOO", "NSEC type bitmap: \"FOO\" is not a known RR type", 1 },
	{ "NSEC3", "1 0 10 AAB 0123456789ABCDEFGHIJKLMNOPQRSTUV A", "odd number of hex digits", 3 },
	{ "NSEC3", "1 0 10 - 0123456789ABCDEFGHIJKLMNOPQRSTU A", "non-zero padding bits", 4 },
	{ "NSEC3", "1 0 10 - 0123456789ABCDEFGHIJKLMNOPQRSTUVWX A", "not base32hex", 4 },
	{ "NSEC3", "1 0 10 - 0123456789ABCDEFGHIJKLMNOPQRST== A", "not base32hex", 4 },
	{ "NSEC3", "0 0 0 - CPNMUOG=", "not base32hex", 4 },
	{ "NSEC3", "0 0 0 - 00======", "not base32hex", 4 },
	{ "NSEC3", "0 0 0 - WW", "not base32hex", 4 },
	{ "NSEC3PARAM", "1 0 10 \"\"", "must not be quoted", 3 },
	{ "ZONEMD", "1 1 1 abcd", "hash algorithm 1 needs 48 octets", 3 },
	{ "ZONEMD", "1 1 9 abababababababababab", "the minimum is 12", 3 },
	{ "X25", "31106a", "decimal digits only", 0 },
	{ "X25", "123", "at least 4", 0 },
	{ "L64", "10 0014:4fff:ff20:ee64:1", "L64 locator", 1 },
	{ "EUI48", "00:00:5e:00:53:2a", "EUI48 address", 0 },
	{ "APL", "1:1.2.3.4/33", "APL item", 0 },
	{ "APL", "3:1.2.3.4/32", "address family must be 1 (IPv4) or 2 (IPv6)", 0 },
	{ "IPSECKEY", "10 1 2 192.0.2.38", "missing RDATA field: IPSECKEY public key", 4 },
	{ "IPSECKEY", "10 0 2 gw AQNR", "must be \".\" when the type is 0", 3 },
	{ "IPSECKEY", "10 4 2 . AQNR", "IPSECKEY gateway type", 1 },
	{ "HIP", "2 200100107B1A74DF365639CC39F1D578", "missing RDATA field: HIP public key", 2 },
	{ "CERT", "FOO 0 0 AwEAAQ==", "CERT type", 0 },
	{ "CERT", "0 0 ECC-GOST AA==", "CERT algorithm", 2 },
	{ "LOC", "91 0 0 N 0 0 0 E 0 0 0 0", "LOC latitude", 0 },
	{ "LOC", "0 60 0 N 0 0 0 E 0 0 0 0", "LOC latitude", 1 },
	{ "LOC", "0 0 0 N 0 0 0 E 42849672.96 0 0 0", "LOC altitude", 8 },
	{ "LOC", "0 0 0 N 0 0 0 E -100000.01 0 0 0", "LOC altitude", 8 },
	{ "LOC", "0 0 0 N 0 0 0 E 0 90000001 0 0", "LOC size", 9 },
	{ "LOC", "0 0 0 N 0 0 0 E 0 0 90000000.01 0", "LOC horizontal precision", 10 },	/* RFC 1876 section 3; BIND 9.18 loads it */
	{ "SVCB", "1 . alpn=h2\\\\b", "SVCB alpn", 2 },	/* RFC 9460 appendix A.1; BIND 9.18 loads "h2b" */
	{ "LOC", "1 x 1 E 0", "LOC latitude", 1 },
	{ "LOC", "1 N 1 E", "missing RDATA field: LOC altitude", 4 },
	{ "LOC", "0 0 0 N 0 0 0 E 0 0 0 0 x", "extra RDATA after LOC", 12 },
	{ "DSYNC", "CDS FOO 53 x", "DSYNC scheme", 1 },
	{ "WKS", "1.2.3.4 tcp nosuchservice", "WKS services", 2 },
};

static void test_bind_rejects(void **state)
{
	struct fx *f = *state;

	for (size_t k = 0; k < sizeof(bind_rejects) / sizeof(bind_rejects[0]); k++)
		expect_err(f, bind_rejects[k].type, bind_rejects[k].text,
			   bind_rejects[k].msg, bind_rejects[k].tok);
}

/* Near misses: accepted by named-checkzone 9.18, so they must pass here. */
static const struct {
	const char *type, *text;
} bind_accepts[] = {
	{ "A", "0.0.0.0" },
	{ "AAAA", "::ffff:1.2.3.4" },
	{ "AAAA", "0001:0002::" },
	{ "HINFO", "\"x\" y" },
	{ "TXT", "a\\0999" },
	{ "TXT", "\"\"" },
	{ "CAA", "0 Issue ca.example" },
	{ "CAA", "0 abcdefghijklmnop x" },		/* BIND does not enforce RFC 8659's 15 */
	{ "CAA", "0 issue \"\"" },
	{ "NAPTR", "100 10 S SIP+D2U \"\" _sip._udp" },
	{ "NAPTR", "100 10 \"S+\" \"SIP+D2U\" \"!^(.*)$!sip:\\\\1@y!i\" ." },
	{ "URI", "10 1 \"\"" },
	{ "DS", "1 RSASHA256 SHA-256 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
	{ "DS", "1 rsasha256 2 0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcdef" },
	{ "DS", "1 8 1 0123456789abcdef01234 56789abcdef0123456 7" },	/* hex split anywhere */
	{ "DS", "1 8 9 0123" },
	{ "DS", "1 8 3 0123" },
	{ "DNSKEY", "256 3 ECDSAP256SHA256 AwEAAQ==" },
	{ "DNSKEY", "256 3 8 AwE AAQ==" },		/* base64 split anywhere */
	{ "DNSKEY", "256 4 8 AwEAAQ==" },
	{ "DNSKEY", "ZONE|KSK 3 8 AwEAAQ==" },
	{ "DNSKEY", "256 DNSSEC 8 AwEAAQ==" },
	{ "DNSKEY", "0x100 3 PRIVATEDNS AwEAAQ==" },
	{ "DNSKEY", "256 3 0 AA ==" },
	{ "KEY", "NOKEY 3 8" },
	{ "RRSIG", "A 8 3 0 20240101000000 20231201000000 0 a.example.com. AA==" },
	{ "RRSIG", "A 8 2 0 20240101000060 20231201000000 0 . AA==" },
	{ "RRSIG", "A 8 2 0 00000101000000 20231201000000 0 . AA==" },
	{ "RRSIG", "A 8 2 0 99991231235959 20231201000000 0 . AA==" },
	{ "NSEC", "b A NS TYPE1234 RRSIG" },
	{ "NSEC", "b A A" },
	{ "NSEC", "b TYPE65535" },
	{ "NSEC3", "1 0 10 AABB 0123456789abcdefghijklmnopqrstuv" },
	{ "NSEC3", "0 0 0 - CPNMUOG" },
	{ "NSEC3PARAM", "1 0 10 -" },
	{ "CSYNC", "1 3" },
	{ "ZONEMD", "1 1 9 abababababababababababab" },
	{ "X25", "311061700956" },
	{ "ISDN", "150862028003217 004" },
	{ "ISDN", "x" },
	{ "GPOS", "a b c" },
	{ "EID", "ab cd" },
	{ "SINK", "1 2 3" },
	{ "NID", "10 14:4fff:ff20:ee64" },
	{ "EUI48", "00-00-5e-00-53-2a" },
	{ "TALINK", "a b" },
	{ "NINFO", "\"x\"" },
	{ "AMTRELAY", "0 0 0 ." },
	{ "AMTRELAY", "0 1 1 1.2.3.4" },
	{ "APL", "1:192.168.32.1/21" },
	{ "IPSECKEY", "0 0 0 . AA==" },
	{ "IPSECKEY", "10 3 2 gw AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" },
	{ "HIP", "2 200100107B1A74DF365639CC39F1D578 AwEAAQ== rvs.example.com. rvs2" },
	{ "CERT", "PKIX 0 RSASHA256 AwEAAQ==" },
	{ "CERT", "URI 0 0 AwEAAQ==" },
	{ "DSYNC", "CDS NOTIFY 53 x" },
	{ "WKS", "1.2.3.4 6 25 80" },
	{ "NSAP", "0x47.0005.80.005a00.0000.0001.e133.aaaaaa000151.00" },
	{ "OPENPGPKEY", "AwEAAQ==" },
};

static void test_bind_accepts(void **state)
{
	struct fx *f = *state;

	for (size_t k = 0; k < sizeof(bind_accepts) / sizeof(bind_accepts[0]); k++)
		if (parse(f, bind_accepts[k].type, bind_accepts[k].text, f->origin))
			fail_msg("%s %s: %s", bind_accepts[k].type,
				 bind_accepts[k].text, f->ctx.err);
}

static void test_svcb(void **state)
{
	struct fx *f = *state;

	/* params in any order, written in key order (RFC 9460 section 2.2); BIND prints alpn before port */
	expect_wire(f, "SVCB", "1 . port=53 alpn=h2", root,
		    "000100" "00010003026832" "000300020035");
	/* mandatory list is sorted too; keyNNNNN of a known key is that key's wire value */
	expect_wire(f, "SVCB", "1 . mandatory=port,alpn port=1 alpn=h2", root,
		    "000100" "000000040001" "0003" "00010003026832" "000300020001");
	expect_wire(f, "SVCB", "1 . port=1 mandatory=key3", root,
		    "000100" "0000000200030003000200" "01");
	expect_wire(f, "SVCB", "1 . key1=\"\\002h2\"", root, "000100" "00010003026832");
	expect_wire(f, "SVCB", "1 . key3=53", root, "000100" "000300023533");
	/* BIND accepts a quoted target, alias mode with params, and empty ech */
	expect_wire(f, "SVCB", "1 \".\"", root, "000100");
	expect_wire(f, "SVCB", "0 . alpn=h2", root, "000000" "00010003026832");
	expect_wire(f, "SVCB", "1 . ech", root, "000100" "00050000");
	expect_wire(f, "SVCB", "1 . ech=", root, "000100" "00050000");
	expect_wire(f, "SVCB", "1 . key9=\"a b\"", root, "000100" "000900036120" "62");
	expect_wire(f, "SVCB", "1 . alpn=h\\,2", root, "000100" "000100040168" "0132");
	expect_wire(f, "SVCB", "1 . alpn=h\\\\,2", root, "000100" "0001000403682C32");
	expect_wire(f, "HTTPS", "1 . alpn=h2,h3 no-default-alpn", root,
		    "000100" "000100060268320268" "33" "00020000");
	expect_wire(f, "SVCB", "1 . mandatory=key9 key9", root,
		    "000100" "000000020009" "00090000");

	/* rejected by BIND 9.18 as well */
	expect_err(f, "SVCB", "1 . alpn=h2 alpn=h3", "SVCB params: alpn appears more than once", 3);
	expect_err(f, "SVCB", "1 . mandatory=alpn", "lists alpn but the record has no alpn parameter", 2);
	expect_err(f, "SVCB", "1 . mandatory=port,port port=1", "port is listed twice", 2);
	expect_err(f, "SVCB", "1 . mandatory=mandatory", "must not list mandatory", 2);
	expect_err(f, "SVCB", "1 . no-default-alpn", "needs an alpn parameter", 2);
	expect_err(f, "HTTPS", "1 . no-default-alpn", "needs an alpn parameter", 2);
	expect_err(f, "SVCB", "1 . no-default-alpn=h1", "takes no value", 2);
	expect_err(f, "SVCB", "1 . key1=h2", "alpn ids must be 1-255 octets", 2);
	expect_err(f, "SVCB", "1 . key2=x", "takes no value", 2);
	expect_err(f, "SVCB", "1 . key1", "alpn needs at least one protocol id", 2);
	expect_err(f, "SVCB", "1 . key7", "dohpath must be", 2);
	expect_err(f, "SVCB", "1 . dohpath=/q", "dohpath must be", 2);
	expect_err(f, "SVCB", "1 . \"alpn=h2\"", "must not be quoted as a whole", 2);
	expect_err(f, "SVCB", "1 . alpn", "SVCB alpn", 2);
	expect_err(f, "SVCB", "1 . alpn=", "SVCB alpn", 2);
	expect_err(f, "SVCB", "1 . alpn=a,,b", "SVCB alpn", 2);
	/* "alpn=a\\\\b" loads in BIND 9.18 as "ab" (test_rdata_text.c) */
	expect_err(f, "SVCB", "1 . alpn = h2", "SVCB alpn", 2);
	expect_err(f, "SVCB", "1 . ALPN=h2", "not a known SvcParamKey", 2);
	expect_err(f, "SVCB", "1 . key65536", "not a known SvcParamKey", 2);
	expect_err(f, "SVCB", "1 . key01", "not a known SvcParamKey", 2);
	expect_err(f, "SVCB", "1 . bogus", "not a known SvcParamKey", 2);
	expect_err(f, "SVCB", "1 . port=65536", "SVCB port", 2);
	expect_err(f, "SVCB", "1 . port=1,2", "SVCB port", 2);
	expect_err(f, "SVCB", "1 . ipv4hint=", "SVCB ipv4hint", 2);
	expect_err(f, "SVCB", "1 . ipv4hint=1.2.3", "SVCB ipv4hint", 2);
	expect_err(f, "SVCB", "1 . ipv4hint=1.2.3.4,", "SVCB ipv4hint", 2);
	expect_err(f, "SVCB", "1 . ipv6hint=::1,1.2.3.4", "SVCB ipv6hint", 2);
	expect_err(f, "SVCB", "1 . ech=abc", "SVCB ech", 2);
	expect_err(f, "SVCB", "1 . key9=\"a", "unbalanced quotes", 2);
	expect_err(f, "SVCB", "65536 .", "SVCB priority", 0);
	expect_err(f, "SVCB", "1", "missing RDATA field: SVCB target", 1);
	{
		/* the scanner may also split key="value" into key= and an adjacent quoted token */
		struct zl_token t[4] = {
			{ "1", 1, 3, 1, false, false }, { ".", 1, 3, 3, false, false },
			{ "key9=", 5, 3, 5, false, false }, { "a b", 3, 3, 10, true, false },
		};
		memset(&f->ctx, 0, sizeof(f->ctx));
		zl_buf_reset(&f->out);
		f->ctx.out = &f->out;
		f->ctx.scratch = &f->scratch;
		assert_int_equal(zl_rdata_parse(64, t, 4, &f->ctx), 0);
		assert_string_equal(hexof(f, f->out.data, f->out.len), "000100" "0009000361206" "2");
		/* not adjacent: "key9=" has an empty value and the string is a stray token */
		t[3].col = 11;
		assert_int_equal(zl_rdata_parse(64, t, 4, &f->ctx), -1);
		assert_int_equal(f->ctx.err_tok, 3);
	}
}

static void test_generic(void **state)
{
	struct fx *f = *state;

	expect_wire(f, "A", "\\# 4 01020304", root, "01020304");
	expect_wire(f, "A", "\\# 4 0102 0304", root, "01020304");
	expect_wire(f, "A", "\\# 04 01020304", root, "01020304");
	expect_wire(f, "TYPE999", "\\# 0", root, "");
	expect_wire(f, "TYPE65533", "\\# 2 abCD", root, "ABCD");
	expect_wire(f, "NS", "\\# 1 00", root, "00");
	expect_wire(f, "MX", "\\# 3 000a00", root, "000A00");
	expect_wire(f, "NULL", "\\# 1 00", root, "00");
	expect_wire(f, "UID", "\\# 0", root, "");
	expect_wire(f, "SVCB", "\\# 3 000000", root, "000000");
	expect_wire(f, "TXT", "\\# 1 00", root, "00");

	expect_err(f, "A", "\\# 3 010203", "not valid A RDATA (too short)", 1);
	expect_err(f, "A", "\\# 0", "not valid A RDATA", 1);
	expect_err(f, "NS", "\\# 2 0100", "not valid NS RDATA", 1);
	expect_err(f, "NS", "\\# 2 C000", "compressed or bad label", 1);
	expect_err(f, "TXT", "\\# 2 0500", "character-string runs past the end", 1);
	expect_err(f, "A", "\\# 4 0x01020304", "not hex", 2);
	/* type bitmaps are checked as BIND checks them (FORMERR), and an
	 * NSEC needs at least one type in either form (found by fuzzing:
	 * zonelint dump printed "NSEC ." which it then refused) */
	expect_wire(f, "NSEC", "\\# 4 00000140", root, "00000140");
	expect_wire(f, "NSEC3", "\\# 29 010000000014ABABABABABABABABABABABABABABABABABABABAB000140", root, "010000000014ABABABABABABABABABABABABABABABABABABABAB000140");
	expect_wire(f, "CSYNC", "\\# 6 000000010000", root, "000000010000");
	expect_err(f, "NSEC", "\\# 1 00", "at least one type is required", 1);
	/* generic RDATA of a type with its own text parser passes that
	 * parser's checks too, as BIND reads it through the type's wire reader */
	expect_err(f, "ZONEMD", "\\# 7 00000000000000", "the minimum is 12", 1);
	expect_err(f, "IPSECKEY", "\\# 3 000000", "IPSECKEY public key", 1);
	expect_err(f, "LOC", "\\# 16 00000000 00000000 00000000 00000000", "not valid LOC RDATA", 1);
	expect_wire(f, "ZONEMD", "\\# 18 000000010103 112233445566778899AABBCC", root,
		    "000000010103112233445566778899AABBCC");
	expect_err(f, "NSEC", "\\# 4 00000100", "ends in a zero octet", 1);
	expect_err(f, "NSEC", "\\# 3 000001", "runs past the end", 1);
	expect_err(f, "NSEC", "\\# 4 00000040", "length not 1-32", 1);
	expect_err(f, "NSEC", "\\# 2 0000", "without its length", 1);
	expect_err(f, "NSEC", "\\# 7 000101400001 40", "out of order", 1);
	expect_err(f, "NSEC3", "\\# 30 010000000014ABABABABABABABABABABABABABABABABABABABAB00020100", "ends in a zero octet", 1);
	expect_err(f, "A", "\\# 4 010203", "length says 4 octets but the hex data has 3", 2);
	expect_err(f, "A", "\\# 4 0102030", "odd number of hex digits", 2);
	expect_err(f, "A", "\\# x 01", "length \"x\" is not a number 0-65535", 1);
	expect_err(f, "A", "\\# 65536", "not a number 0-65535", 1);
	expect_err(f, "A", "\\#", "missing RDATA field: A generic length", 1);
	expect_err(f, "TYPE999", "\\# 1 \"00\"", "must not be quoted", 2);
	/* a quoted \# is a string, not the generic marker */
	expect_err(f, "A", "\"\\#\" 4 01020304", "must not be quoted", 0);
	/* unknown types have only the generic form */
	expect_exact_err(f, "TYPE999", "abc",
			 "TYPE999 is not a known type; its RDATA must use the RFC 3597 generic form (\\# length hex)", 0);
	/* known types without a text parser */
	expect_exact_err(f, "A6", "0 ::1",
			 "RDATA text form of A6 is not supported yet; use the RFC 3597 generic form", 0);
	expect_exact_err(f, "NULL", "foo",
			 "RDATA text form of NULL is not supported yet; use the RFC 3597 generic form", 0);
	/* meta types never appear in zone files (BIND: "invalid use of a meta type") */
	expect_err(f, "OPT", "\\# 0", "OPT is a meta type", 0);
	expect_err(f, "TSIG", "\\# 0", "TSIG is a meta type", 0);
	expect_err(f, "ANY", "\\# 0", "ANY is a meta type", 0);
	expect_err(f, "TYPE255", "\\# 0", "ANY is a meta type", 0);
}

static void test_txt_segs(void **state)
{
	struct fx *f = *state;
	/* columns:        1234567890123456789012345 */
	const char *text = "\"v=spf1\" plain \"a\\\"b\\065c\"";

	assert_int_equal(parse(f, "TXT", text, root), 0);
	assert_string_equal(hexof(f, f->out.data, f->out.len),
			    "06763D73706631" "05706C61696E" "0561226241" "63");
	assert_int_equal(f->ctx.nsegs, 3);
	assert_int_equal(f->ctx.segs[0].line, 7);
	assert_int_equal(f->ctx.segs[0].col, 2);	/* after the quote */
	assert_int_equal(f->ctx.segs[0].len, 6);
	assert_null(zl_txtseg_raw(&f->ctx.segs[0]));
	assert_int_equal(f->ctx.segs[1].col, 10);	/* unquoted: the token column */
	assert_int_equal(f->ctx.segs[1].len, 5);
	assert_null(zl_txtseg_raw(&f->ctx.segs[1]));
	assert_int_equal(f->ctx.segs[2].col, 17);
	assert_int_equal(f->ctx.segs[2].len, 5);
	assert_non_null(zl_txtseg_raw(&f->ctx.segs[2]));
	assert_int_equal(f->ctx.segs[2].rawlen, 9);
	assert_memory_equal(zl_txtseg_raw(&f->ctx.segs[2]), "a\\\"b\\065c", 9);
	/* offsets to columns: a=17, "=18 (\" is 2 wide), b=20, A=21 (\065 is 4 wide), c=25 */
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[0], 0), 2);
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[0], 5), 7);
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[2], 0), 17);
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[2], 1), 18);
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[2], 2), 20);
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[2], 3), 21);
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[2], 4), 25);
	assert_int_equal(zl_txtseg_column(&f->ctx.segs[2], 5), 26);	/* one past the end */

	/* limits: 255 octets is fine, escapes count decoded */
	{
		char s[600];
		memset(s, 'x', 255);
		s[255] = '\0';
		assert_int_equal(parse(f, "SPF", s, root), 0);
		assert_int_equal(f->ctx.segs[0].len, 255);
		strcpy(s + 254, "\\120");
		assert_int_equal(parse(f, "TXT", s, root), 0);
		assert_int_equal(f->out.len, 256);
		strcpy(s + 254, "\\120y");
		expect_exact_err(f, "TXT", s, "TXT character-string is 256 octets; the limit is 255", 0);
		expect_err(f, "HINFO", s, "HINFO cpu is 256 octets; the limit is 255", 0);
	}
	/* non-TXT types leave segs empty */
	assert_int_equal(parse(f, "A", "1.2.3.4", root), 0);
	assert_null(f->ctx.segs);
	assert_int_equal(f->ctx.nsegs, 0);
}

static void test_rdata_too_long(void **state)
{
	struct fx *f = *state;
	/* 257 strings of 255 octets: 65792 octets of RDATA */
	size_t n = 257 * 256;
	char *s = malloc(n + 1);

	assert_non_null(s);
	for (size_t k = 0; k < 257; k++) {
		memset(s + k * 256, 'x', 255);
		s[k * 256 + 255] = ' ';
	}
	s[n - 1] = '\0';
	expect_exact_err(f, "TXT", s, "TXT RDATA is 65792 octets; the limit is 65535", 256);
	/* 255 strings of 255 plus one of 254: exactly 65535 */
	s[255 * 256 + 254] = '\0';
	assert_int_equal(parse(f, "TXT", s, root), 0);
	assert_int_equal(f->out.len, 65535);
	free(s);
}

static void test_ttl(void **state)
{
	static const struct {
		const char *s;
		enum zl_ttl_status st;
		uint32_t v;
	} c[] = {
		/* values as named-checkzone 9.18 loads them */
		{ "0", ZL_TTL_OK, 0 },
		{ "01", ZL_TTL_OK, 1 },
		{ "300", ZL_TTL_OK, 300 },
		{ "1W", ZL_TTL_OK, 604800 },
		{ "1w2d3h4m5s", ZL_TTL_OK, 788645 },
		{ "1H2M", ZL_TTL_OK, 3720 },
		{ "1h1h", ZL_TTL_OK, 7200 },
		{ "1d1w", ZL_TTL_OK, 691200 },
		{ "3w0d", ZL_TTL_OK, 1814400 },
		{ "2147483647", ZL_TTL_OK, 2147483647u },
		{ "596523h", ZL_TTL_OK, 2147482800u },
		/* BIND: "TTL > MAXTTL, setting TTL to 0" (a warning, the record loads) */
		{ "2147483648", ZL_TTL_OVER_MAX, 2147483648u },
		{ "596524h", ZL_TTL_OVER_MAX, 2147486400u },
		{ "4294967295", ZL_TTL_OVER_MAX, 4294967295u },
		/* BIND: not a TTL */
		{ "4294967296", ZL_TTL_BAD, 0 },
		{ "4294967296s", ZL_TTL_BAD, 0 },
		{ "999999999999", ZL_TTL_BAD, 0 },
		{ "7102w", ZL_TTL_BAD, 0 },
		{ "1h5", ZL_TTL_BAD, 0 },
		{ "h", ZL_TTL_BAD, 0 },
		{ "1x", ZL_TTL_BAD, 0 },
		{ "", ZL_TTL_BAD, 0 },
		{ "-1", ZL_TTL_BAD, 0 },
		{ "1 h", ZL_TTL_BAD, 0 },
	};
	(void)state;
	for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		uint32_t v = 12345;
		enum zl_ttl_status st = zl_ttl_parse(c[k].s, strlen(c[k].s), &v);
		if (st != c[k].st)
			fail_msg("ttl \"%s\": status %d, want %d", c[k].s, st, c[k].st);
		if (st != ZL_TTL_BAD && v != c[k].v)
			fail_msg("ttl \"%s\": %u, want %u", c[k].s, v, c[k].v);
		bool ok = zl_ttl_from_text(c[k].s, strlen(c[k].s), &v);
		assert_int_equal(ok, c[k].st == ZL_TTL_OK);
	}
}

static void test_lookup(void **state)
{
	char buf[16];
	const struct zl_type_info *ti;
	uint16_t cls;

	(void)state;
	ti = zl_type_by_name("aaaa", 4);
	assert_non_null(ti);
	assert_string_equal(ti->name, "AAAA");
	assert_int_equal(ti->number, 28);
	assert_int_equal(zl_type_by_name("AAAAx", 4)->number, 28);	/* not NUL-terminated */
	assert_null(zl_type_by_name("AAA", 3));
	assert_null(zl_type_by_name("", 0));
	assert_null(zl_type_by_name("FOO", 3));
	assert_null(zl_type_by_name("UINFO", 5));	/* unknown to BIND 9.18 */
	assert_int_equal(zl_type_by_name("nsap-ptr", 8)->number, 23);
	assert_int_equal(zl_type_by_name("Https", 5)->number, 65);
	assert_int_equal(zl_type_by_name("DLV", 3)->number, 32769);
	assert_int_equal(zl_type_by_name("TYPE1", 5)->number, 1);
	assert_string_equal(zl_type_by_name("type1", 5)->name, "A");
	ti = zl_type_by_name("TYPE999", 7);
	assert_non_null(ti);
	assert_int_equal(ti->number, 999);
	assert_string_equal(ti->name, "TYPE999");
	assert_int_equal(ti->flags, 0);
	assert_int_equal(zl_type_by_name("TYPE65535", 9)->number, 65535);
	assert_null(zl_type_by_name("TYPE65536", 9));
	assert_null(zl_type_by_name("TYPE65535x", 10));
	assert_null(zl_type_by_name("TYPE", 4));
	assert_null(zl_type_by_name("TYPE-1", 6));
	assert_null(zl_type_by_number(999));
	assert_string_equal(zl_type_by_number(46)->name, "RRSIG");
	/* mnemonics over 8 octets: the octets past the 8th count too */
	assert_int_equal(zl_type_by_name("openpgpkey", 10)->number, 61);	/* RFC 7929 */
	assert_int_equal(zl_type_by_name("Nsec3Param", 10)->number, 51);	/* RFC 5155 */
	/* none of these: the octets past the 8th, and only ASCII letters
	 * fold (an octet with bit 7 set, or "`" and "{" beside the
	 * lower-case letters, is not the letter) */
	static const char *const not_types[] = {
		"NSEC3PARAX", "NSEC3PARAMS", "NSEC3PAR", "\xc1", "\xe1", "M\xd8", "`AAA", "{AAA",
	};
	for (size_t k = 0; k < sizeof(not_types) / sizeof(not_types[0]); k++)
		assert_null(zl_type_by_name(not_types[k], strlen(not_types[k])));
	assert_false(zl_class_from_text("\xc9N", 2, &cls));
	assert_false(zl_class_from_text("i\xce", 2, &cls));

	/* the scanner's question: a class first, then a type (RFC 1035
	 * section 5.1 lets either come first; no mnemonic is both) */
	{
		static const struct {
			const char *w;
			size_t len;		/* may stop short of the NUL */
			enum zl_word kind;
			uint16_t v;
		} words[] = {
			{ "in", 2, ZL_WORD_CLASS, 1 },
			{ "INx", 2, ZL_WORD_CLASS, 1 },
			{ "CS", 2, ZL_WORD_CLASS, 2 },
			{ "Chaos", 5, ZL_WORD_CLASS, 3 },
			{ "hesiod", 6, ZL_WORD_CLASS, 4 },
			{ "CLASS255", 8, ZL_WORD_CLASS, 255 },	/* RFC 3597 section 5 */
			{ "A", 1, ZL_WORD_TYPE, 1 },
			{ "cname", 5, ZL_WORD_TYPE, 5 },
			{ "aaaa", 4, ZL_WORD_TYPE, 28 },
			{ "OpenPGPKey", 10, ZL_WORD_TYPE, 61 },
			{ "TYPE65534", 9, ZL_WORD_TYPE, 65534 },
			{ "type1", 5, ZL_WORD_TYPE, 1 },
			{ "INX", 3, ZL_WORD_OTHER, 0 },
			{ "3600", 4, ZL_WORD_OTHER, 0 },
			{ "", 0, ZL_WORD_OTHER, 0 },
			{ "NONE", 4, ZL_WORD_OTHER, 0 },	/* a QCLASS only (RFC 2136) */
		};
		for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
			uint16_t v = 0;
			assert_int_equal(zl_word_kind(words[k].w, words[k].len, &v), words[k].kind);
			if (words[k].kind != ZL_WORD_OTHER)
				assert_int_equal(v, words[k].v);
		}
	}

	/* every row: by number and by name agree, names are upper case, numbers ascend */
	{
		unsigned last = 0, rows = 0;
		for (unsigned n = 0; n <= 65535; n++) {
			const struct zl_type_info *r = zl_type_by_number((uint16_t)n);
			if (!r)
				continue;
			rows++;
			assert_true(n > last || rows == 1);
			last = n;
			assert_ptr_equal(zl_type_by_name(r->name, strlen(r->name)), r);
			for (const char *p = r->name; *p; p++)
				assert_false(*p >= 'a' && *p <= 'z');
		}
		assert_true(rows >= 90);
	}
	/* flags */
	assert_true(zl_type_by_number(5)->flags & ZL_TYPE_SINGLETON);
	assert_true(zl_type_by_number(39)->flags & ZL_TYPE_SINGLETON);
	assert_true(zl_type_by_number(6)->flags & ZL_TYPE_SINGLETON);
	assert_true(zl_type_by_number(16)->flags & ZL_TYPE_TXTLIKE);
	assert_true(zl_type_by_number(99)->flags & ZL_TYPE_TXTLIKE);
	assert_false(zl_type_by_number(47)->flags & ZL_TYPE_NAMES_LOWER);	/* RFC 6840 section 5.1 */
	assert_true(zl_type_by_number(46)->flags & ZL_TYPE_NAMES_LOWER);
	assert_true(zl_type_by_number(3)->flags & ZL_TYPE_OBSOLETE);
	assert_true(zl_type_by_number(41)->flags & ZL_TYPE_META);

	assert_string_equal(zl_type_name(15, buf, sizeof(buf)), "MX");
	assert_string_equal(zl_type_name(999, buf, sizeof(buf)), "TYPE999");
	assert_string_equal(zl_type_name(65535, buf, sizeof(buf)), "TYPE65535");

	assert_true(zl_class_from_text("in", 2, &cls));
	assert_int_equal(cls, 1);
	assert_true(zl_class_from_text("CH", 2, &cls));
	assert_int_equal(cls, 3);
	assert_true(zl_class_from_text("chaos", 5, &cls));
	assert_int_equal(cls, 3);
	assert_true(zl_class_from_text("Hs", 2, &cls));
	assert_int_equal(cls, 4);
	assert_true(zl_class_from_text("CS", 2, &cls));
	assert_int_equal(cls, 2);
	assert_true(zl_class_from_text("CLASS255", 8, &cls));
	assert_int_equal(cls, 255);
	assert_true(zl_class_from_text("class1", 6, &cls));
	assert_int_equal(cls, 1);
	assert_false(zl_class_from_text("CLASS65536", 10, &cls));
	assert_false(zl_class_from_text("INX", 3, &cls));
	assert_false(zl_class_from_text("I", 1, &cls));
	assert_false(zl_class_from_text("CLASS", 5, &cls));
	assert_string_equal(zl_class_name(1, buf, sizeof(buf)), "IN");
	assert_string_equal(zl_class_name(3, buf, sizeof(buf)), "CH");
	assert_string_equal(zl_class_name(4, buf, sizeof(buf)), "HS");
	assert_string_equal(zl_class_name(2, buf, sizeof(buf)), "CS");
	assert_string_equal(zl_class_name(254, buf, sizeof(buf)), "CLASS254");
}

static void test_canonical(void **state)
{
	struct fx *f = *state;
	struct zl_buf c = { 0 };

	/* RFC 4034 section 6.2: names in MX, SOA, RRSIG, NAPTR ... are lower-cased */
	assert_int_equal(parse(f, "MX", "10 MAIL.Example.COM.", root), 0);
	zl_rdata_canonical(15, f->out.data, f->out.len, &c);
	assert_string_equal(hexof(f, c.data, c.len), "000A046D61696C076578616D706C6503636F6D00");
	assert_int_equal(parse(f, "SOA", "NS.X. HM.X. 1 2 3 4 5", root), 0);
	zl_rdata_canonical(6, f->out.data, f->out.len, &c);
	assert_string_equal(hexof(f, c.data, c.len),
			    "026E730178" "00" "02686D0178" "00" "0000000100000002000000030000000400000005");
	assert_int_equal(parse(f, "RRSIG", "A 8 1 0 0 0 0 X. QUJD", root), 0);
	zl_rdata_canonical(46, f->out.data, f->out.len, &c);
	assert_string_equal(hexof(f, c.data, c.len),
			    "000108010000000000000000000000000000" "017800" "414243");
	assert_int_equal(parse(f, "NAPTR", "1 2 \"S\" \"X\" \"\" A.B.", root), 0);
	zl_rdata_canonical(35, f->out.data, f->out.len, &c);
	assert_string_equal(hexof(f, c.data, c.len), "0001000201530158" "00" "0161016200");
	/* RFC 6840 section 5.1: NSEC next name keeps its case; TXT and CAA are copied */
	assert_int_equal(parse(f, "NSEC", "B.X. A", root), 0);
	zl_rdata_canonical(47, f->out.data, f->out.len, &c);
	assert_string_equal(hexof(f, c.data, c.len), "0142015800" "000140");
	assert_int_equal(parse(f, "TXT", "ABC", root), 0);
	zl_rdata_canonical(16, f->out.data, f->out.len, &c);
	assert_string_equal(hexof(f, c.data, c.len), "03414243");
	/* SRV target, and a name-bearing type given in generic form */
	assert_int_equal(parse(f, "SRV", "\\# 9 000100020003014100", root), 0);
	zl_rdata_canonical(33, f->out.data, f->out.len, &c);
	assert_string_equal(hexof(f, c.data, c.len), "000100020003016100");
	/* unknown type: copied */
	zl_rdata_canonical(999, (const uint8_t *)"AB", 2, &c);
	assert_string_equal(hexof(f, c.data, c.len), "4142");
	/* A6 (RFC 2874): prefix length 64, 8 suffix octets, then the prefix name */
	{
		static const uint8_t a6[] = { 64, 0, 0, 0, 0, 0, 0, 0, 1, 1, 'P', 0 };
		zl_rdata_canonical(38, a6, sizeof(a6), &c);
		assert_string_equal(hexof(f, c.data, c.len), "40000000000000000101" "7000");
	}
	zl_buf_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_knot_vectors),
		cmocka_unit_test(test_rfc_vectors),
		cmocka_unit_test(test_relative_names),
		cmocka_unit_test(test_required_errors),
		cmocka_unit_test(test_bind_rejects),
		cmocka_unit_test(test_bind_accepts),
		cmocka_unit_test(test_svcb),
		cmocka_unit_test(test_generic),
		cmocka_unit_test(test_txt_segs),
		cmocka_unit_test(test_rdata_too_long),
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_canonical),
	};

	return cmocka_run_group_tests_name("rdata", tests, setup, teardown);
}
