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
	{ "HINFO", "\\ \\", "01200120" },
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
	zl_arena_free(&f->scratch);
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
	{ "NSEC3", "1 0 10 - 0123456789ABCDEFGHIJKLMNOPQRSTU A", "not base32hex", 4 },
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
	{ "LOC", "0 0 0 N 0 0 0 E 0 90000000.01 0 0", "LOC size", 9 },
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
