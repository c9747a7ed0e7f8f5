/* test_rdata_text.c - cmocka tests for RDATA wire -> text (zl_rdata_to_text), text -> wire -> text round trips and "zonelint dump". */
#include "testutil.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "commands.h"
#include "name.h"
#include "rdata.h"

/*
 * Input text and the text BIND 9.18 prints for it (named-checkzone -D
 * -o - example.com on a zone holding these records; BIND splits long hex
 * and base64 into chunks, we do not), origin example.com.
 */
struct tvec {
	const char *type;
	const char *in;
	const char *out;
};

/* 255 letters and digits: a CAA tag of the longest length */
#define TAG16 "abcdefghij012345"
#define TAG255 TAG16 TAG16 TAG16 TAG16 TAG16 TAG16 TAG16 TAG16 \
	TAG16 TAG16 TAG16 TAG16 TAG16 TAG16 TAG16 "abcdefghij01234"

static const struct tvec vecs[] = {
	{ "A", "192.0.2.1", "192.0.2.1" },
	{ "AAAA", "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
	{ "AAAA", "::ffff:1.2.3.4", "::ffff:1.2.3.4" },
	{ "AAAA", "::1.2.3.4", "::1.2.3.4" },
	{ "AAAA", "::ffff:0:1.2.3.4", "::ffff:0:102:304" },
	{ "AAAA", "1:0:0:2:0:0:0:3", "1:0:0:2::3" },
	{ "AAAA", "::", "::" },
	{ "NS", "ns", "ns.example.com." },
	{ "NS", "esc\\@x\\.y", "esc\\@x\\.y.example.com." },
	{ "NS", "\\000\\255\\032x.", "\\000\\255\\032x." },
	{ "SOA", "ns.example.com. host\\.master.example.com. 1 2h 3600 1w 1d",
	  "ns.example.com. host\\.master.example.com. 1 7200 3600 604800 86400" },
	{ "TXT", "\"a\\\"b\\\\c;d\" \"\\010\\255\" \"\" \"h\\195\\169llo\" plain semi\\;colon \"sp ace\" \"{}[]$@()\"",
	  "\"a\\\"b\\\\c;d\" \"\\010\\255\" \"\" \"h\\195\\169llo\" \"plain\" \"semi;colon\" \"sp ace\" \"{}[]$@()\"" },
	{ "TXT", "\"\\127\\126 ~\\009\"", "\"\\127~ ~\\009\"" },
	{ "SPF", "\"v=spf1 -all\"", "\"v=spf1 -all\"" },
	{ "HINFO", "\"x86\" \"linux os\"", "\"x86\" \"linux os\"" },
	{ "MX", "10 mail", "10 mail.example.com." },
	{ "DS", "12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE0D1A5E5FBE3C77E09BBFBA62",
	  "12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE0D1A5E5FBE3C77E09BBFBA62" },
	{ "DNSKEY", "257 3 RSASHA256 AwEAAQ==", "257 3 8 AwEAAQ==" },
	{ "CDNSKEY", "0 3 0 AA==", "0 3 0 AA==" },
	{ "CDS", "0 0 0 00", "0 0 0 00" },
	/* times stay in BIND's window (now +- 2^31 s) until about 2088 */
	{ "RRSIG", "A 8 3 300 20300101000000 20200101000000 12345 example.com. AAAA",
	  "A 8 3 300 20300101000000 20200101000000 12345 example.com. AAAA" },
	{ "SIG", "A 8 3 300 20300101000000 20200101000000 12345 example.com. AAAA",
	  "A 8 3 300 20300101000000 20200101000000 12345 example.com. AAAA" },
	{ "NSEC", "a.example.com. A NS SOA MX RRSIG NSEC DNSKEY TYPE1234 CAA",
	  "a.example.com. A NS SOA MX RRSIG NSEC DNSKEY CAA TYPE1234" },
	{ "NSEC3", "1 1 12 aabbccdd 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG",
	  "1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG" },
	{ "NSEC3", "1 1 12 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR",
	  "1 1 12 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR" },
	{ "NSEC3PARAM", "1 0 0 -", "1 0 0 -" },
	{ "LOC", "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m",
	  "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m" },
	{ "LOC", "42 21 54 N 71 06 18 W -24m 30m",
	  "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m" },
	{ "LOC", "0 N 0 E 0", "0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m" },
	{ "LOC", "90 N 180 W 42849672.95m 90000000m 0.01m 0.1m",
	  "90 0 0.000 N 180 0 0.000 W 42849672.95m 90000000m 0.01m 0.10m" },
	{ "LOC", "1 2 3.456 S 4 5 6.789 E -100000m 5m 9m",
	  "1 2 3.456 S 4 5 6.789 E -100000.00m 5m 9m 10m" },
	{ "SVCB", "1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AAAA ipv6hint=2001:db8::1 mandatory=alpn,port key65000=abc no-default-alpn dohpath=/q{?dns}",
	  "1 . mandatory=alpn,port alpn=\"h2,h3\" no-default-alpn port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AAAA ipv6hint=2001:db8::1 key7=\"/q{?dns}\" key65000=\"abc\"" },
	{ "HTTPS", "0 foo.example.com.", "0 foo.example.com." },
	{ "HTTPS", "1 . alpn=\"h2,h\\\\,3\" key999=\"a\\\"b\"",
	  "1 . alpn=\"h2,h\\\\,3\" key999=\"a\\\"b\"" },
	{ "SVCB", "1 . key65000 key65001=\"\" alpn=h2 no-default-alpn",
	  "1 . alpn=\"h2\" no-default-alpn key65000 key65001" },
	{ "SVCB", "1 . port=53 ech=\"\"", "1 . port=53 ech" },
	{ "SVCB", "1 . alpn=\"a\\\\\\\\b,c\\\\,d,\\255\" key9=\"\\000\"",
	  "1 . alpn=\"a\\\\\\\\b,c\\\\,d,\\255\" key9=\"\\000\"" },
	{ "CAA", "0 issue \"letsencrypt.org\"", "0 issue \"letsencrypt.org\"" },
	{ "CAA", "128 tbs \"a\\\"b;\"", "128 tbs \"a\\\"b;\"" },
	{ "CAA", "0 issue \"\\195\\169;\\\\\"", "0 issue \"\\195\\169;\\\\\"" },
	/* the longest tag the wire form holds, 255 octets, printed whole
	 * (BIND accepts 1-255; fuzz_roundtrip found a 149-octet tag cut at
	 * 125 by the printer's 128-octet buffer) */
	{ "CAA", "0 " TAG255 " \"v\"", "0 " TAG255 " \"v\"" },
	{ "URI", "10 1 \"ftp://ftp1.example.com/public\"", "10 1 \"ftp://ftp1.example.com/public\"" },
	{ "NAPTR", "100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:info@example.com!\" _sip._udp.example.com.",
	  "100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:info@example.com!\" _sip._udp.example.com." },
	{ "SRV", "0 5 5060 sip", "0 5 5060 sip.example.com." },
	{ "SSHFP", "1 1 123456789abcdef67890123456789abcdef67890",
	  "1 1 123456789ABCDEF67890123456789ABCDEF67890" },
	{ "TLSA", "3 1 1 0123456789abcdef", "3 1 1 0123456789ABCDEF" },
	{ "SMIMEA", "3 1 1 0123456789ABCDEF", "3 1 1 0123456789ABCDEF" },
	{ "APL", "1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32 1:0.0.0.0/0",
	  "1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32 1:0.0.0.0/0" },
	{ "APL", "", "" },
	{ "WKS", "192.0.2.1 tcp 21 25 80", "192.0.2.1 6 21 25 80" },
	{ "NSAP", "0x47.0005.80.005a00.0000.0001.e133.ffffff000161.00",
	  "0x47000580005a0000000001e133ffffff00016100" },
	{ "CERT", "PGP 0 0 AA==", "PGP 0 0 AA==" },
	{ "CERT", "7 65535 255 AA==", "ACPKIX 65535 255 AA==" },
	{ "CERT", "1 1 8 AA==", "PKIX 1 RSASHA256 AA==" },
	{ "CERT", "9 1 253 AA==", "9 1 PRIVATEDNS AA==" },
	{ "CERT", "1 1 4 AA==", "PKIX 1 4 AA==" },
	{ "CERT", "254 1 NSEC3RSASHA1 AA==", "OID 1 NSEC3RSASHA1 AA==" },
	{ "IPSECKEY", "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
	  "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" },
	{ "IPSECKEY", "10 3 2 gw AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
	  "10 3 2 gw.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" },
	{ "IPSECKEY", "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
	  "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" },
	{ "HIP", "2 200100107B1A74DF365639CC39F1D578 AwEAAQ== rvs.example.com. rvs2",
	  "2 200100107B1A74DF365639CC39F1D578 AwEAAQ== rvs.example.com. rvs2.example.com." },
	{ "EUI48", "00-00-5E-00-53-2A", "00-00-5e-00-53-2a" },
	{ "EUI64", "00-00-5e-ef-10-00-00-2a", "00-00-5e-ef-10-00-00-2a" },
	{ "NID", "10 0014:4fff:ff20:ee64", "10 14:4fff:ff20:ee64" },
	{ "L64", "10 2001:0DB8:1140:1000", "10 2001:db8:1140:1000" },
	{ "L32", "10 10.1.2.0", "10 10.1.2.0" },
	{ "LP", "10 l64-subnet1", "10 l64-subnet1.example.com." },
	{ "DHCID", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
	  "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=" },
	{ "OPENPGPKEY", "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
	  "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==" },
	{ "CSYNC", "66 3 A NS AAAA", "66 3 A NS AAAA" },
	{ "ZONEMD", "2018031500 1 1 FEBE3D4CE2EC2FFA4BA99D46CD69D6D29711E55217057BEE7EB1A7B641A47BA7FED2DD5B97AE499FAFA4F22C6BD647DE",
	  "2018031500 1 1 FEBE3D4CE2EC2FFA4BA99D46CD69D6D29711E55217057BEE7EB1A7B641A47BA7FED2DD5B97AE499FAFA4F22C6BD647DE" },
	{ "X25", "\"311061700956\"", "\"311061700956\"" },
	{ "ISDN", "\"150862028003217\" \"004\"", "\"150862028003217\" \"004\"" },
	{ "ISDN", "\"150862028003217\"", "\"150862028003217\"" },
	{ "GPOS", "\"-32.6882\" \"116.8652\" \"10.0\"", "\"-32.6882\" \"116.8652\" \"10.0\"" },
	{ "PX", "10 a b.example.com.", "10 a.example.com. b.example.com." },
	{ "RP", "mbox txt.example.com.", "mbox.example.com. txt.example.com." },
	{ "AFSDB", "1 afs", "1 afs.example.com." },
	{ "KX", "10 kx", "10 kx.example.com." },
	{ "MINFO", "a b", "a.example.com. b.example.com." },
	{ "TALINK", "a b", "a.example.com. b.example.com." },
	{ "NSAP-PTR", "a", "a.example.com." },
	{ "KEY", "256 3 8 AwEAAQ==", "256 3 8 AwEAAQ==" },
	{ "KEY", "0xC000 3 8", "49152 3 8" },
	{ "RKEY", "0 3 5 AAAA", "0 3 5 AAAA" },
	{ "SINK", "1 2 3 AAAA", "1 2 3 AAAA" },
	{ "EID", "0123abcd", "0123ABCD" },
	{ "NIMLOC", "0123abcd", "0123ABCD" },
	{ "AMTRELAY", "10 0 1 203.0.113.15", "10 0 1 203.0.113.15" },
	{ "AMTRELAY", "10 1 3 amtrelays", "10 1 3 amtrelays.example.com." },
	{ "AMTRELAY", "10 0 0 .", "10 0 0 ." },
	{ "AMTRELAY", "10 0 2 2001:db8::15", "10 0 2 2001:db8::15" },
	{ "NINFO", "\"hello\"", "\"hello\"" },
	{ "AVC", "\"app-name:WOLFGANG|app-class:OAM\"", "\"app-name:WOLFGANG|app-class:OAM\"" },
	{ "RESINFO", "qnamemin exterr=15,16,17", "\"qnamemin\" \"exterr=15,16,17\"" },
	{ "WALLET", "\"BTC\" \"bc1\"", "\"BTC\" \"bc1\"" },
	{ "TA", "12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE0D1A5E5FBE3C77E09BBFBA62",
	  "12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE0D1A5E5FBE3C77E09BBFBA62" },
	{ "DSYNC", "CDS 1 5359 a", "CDS NOTIFY 5359 a.example.com." },
	{ "DSYNC", "A 2 53 .", "A 2 53 ." },
	/* RFC 3597: types without a text form, and the generic form of known types */
	{ "NULL", "\\# 3 010203", "\\# 3 010203" },
	{ "TYPE65000", "\\# 4 0A000001", "\\# 4 0A000001" },
	{ "TYPE65001", "\\# 0", "\\# 0" },
	{ "TYPE1", "\\# 4 01020304", "1.2.3.4" },
	{ "TYPE65", "\\# 3 000100", "1 ." },
};

/*
 * Split text into RDATA tokens as the scanner does: blanks separate
 * words, "..." is one quoted token (escapes kept raw, quotes removed),
 * and a quote ends a word.  Columns are 1-based offsets in text.
 */
static size_t tokenize(const char *text, struct zl_token *toks, size_t cap)
{
	size_t n = 0, i = 0, len = strlen(text);

	while (i < len) {
		if (text[i] == ' ') {
			i++;
			continue;
		}
		assert_true(n < cap);
		size_t s = i;
		bool q = text[i] == '"';
		if (q) {
			s = ++i;
			while (i < len && text[i] != '"')
				i += text[i] == '\\' ? 2 : 1;
		} else {
			while (i < len && text[i] != ' ' && text[i] != '"')
				i += text[i] == '\\' ? 2 : 1;
		}
		toks[n].text = text + s;
		toks[n].len = (uint32_t)(i - s);
		toks[n].line = 1;
		toks[n].col = (uint32_t)(q ? s : s + 1);
		toks[n].quoted = q;
		toks[n].semi_after = false;
		n++;
		if (q)
			i++;
	}
	return n;
}

static uint8_t origin[ZL_NAME_MAX];

static int setup(void **state)
{
	size_t olen;

	(void)state;
	return zl_name_from_text("example.com.", 12, NULL, origin, &olen) == ZL_NAME_OK ? 0 : -1;
}

/* Parse text as RDATA of type into out; returns zl_rdata_parse()'s result. */
static int parse(uint16_t type, const char *text, struct zl_buf *out,
		 struct zl_arena *scratch, char *err, size_t errcap)
{
	struct zl_token toks[64];
	struct zl_rdata_ctx ctx;
	size_t n = tokenize(text, toks, 64);

	memset(&ctx, 0, sizeof(ctx));
	ctx.origin = origin;
	ctx.out = out;
	ctx.scratch = scratch;
	zl_buf_reset(out);
	zl_arena_reset(scratch);
	int rc = zl_rdata_parse(type, toks, n, &ctx);
	snprintf(err, errcap, "%s", ctx.err);
	return rc;
}

static uint16_t type_of(const char *name)
{
	const struct zl_type_info *ti = zl_type_by_name(name, strlen(name));

	assert_non_null(ti);
	return ti->number;
}

/* Text of RDATA as a NUL-terminated string in txt (reset first). */
static int to_text(uint16_t type, const struct zl_buf *wire, struct zl_buf *txt)
{
	zl_buf_reset(txt);
	int rc = zl_rdata_to_text(type, wire->data, wire->len, txt);
	zl_buf_put8(txt, 0);
	return rc;
}

/* Every vector: text -> wire -> BIND's text -> wire again, same octets. */
static void test_vectors(void **state)
{
	struct zl_buf w1 = { NULL, 0, 0 }, w2 = { NULL, 0, 0 }, txt = { NULL, 0, 0 };
	struct zl_arena scratch;
	char err[256];

	(void)state;
	zl_arena_init(&scratch);
	for (size_t k = 0; k < sizeof(vecs) / sizeof(vecs[0]); k++) {
		const struct tvec *v = &vecs[k];
		uint16_t type = type_of(v->type);

		if (parse(type, v->in, &w1, &scratch, err, sizeof(err)) != 0)
			fail_msg("%s %s: parse: %s", v->type, v->in, err);
		int rc = to_text(type, &w1, &txt);
		if (strcmp((const char *)txt.data, v->out) != 0)
			fail_msg("%s %s:\n got  %s\n want %s", v->type, v->in,
				 (const char *)txt.data, v->out);
		assert_int_equal(rc, strncmp(v->out, "\\#", 2) == 0 ? 1 : 0);
		/* round trip: BIND's text parses back to the same wire form */
		char copy[1024];
		snprintf(copy, sizeof(copy), "%s", v->out);
		if (parse(type, copy, &w2, &scratch, err, sizeof(err)) != 0)
			fail_msg("%s %s: reparse: %s", v->type, v->out, err);
		assert_int_equal(w1.len, w2.len);
		assert_memory_equal(w1.data, w2.data, w1.len);
	}
	zl_buf_free(&w1);
	zl_buf_free(&w2);
	zl_buf_free(&txt);
	zl_arena_free(&scratch);
}

/* Wire data that does not fit the type falls back to RFC 3597 and says so. */
static void test_malformed(void **state)
{
	static const struct {
		uint16_t type;
		const char *hex;
		const char *out;
	} bad[] = {
		{ 1, "0102", "\\# 2 0102" },			/* A too short */
		{ 2, "4000", "\\# 2 4000" },			/* label over 63 */
		{ 2, "0361", "\\# 2 0361" },			/* name runs past the end */
		{ 29, "0112161300000000000000000000000000", "\\# 17 0112161300000000000000000000000000" },
		{ 29, "01121613800000008000000000989680", "\\# 16 01121613800000008000000000989680" },	/* version 1 */
		{ 64, "000100000300020035000100020000", "\\# 15 000100000300020035000100020000" },	/* keys not ascending */
		{ 47, "00000240", "\\# 4 00000240" },		/* bitmap octets past the end */
		{ 16, "05616263", "\\# 4 05616263" },		/* string runs past the end */
		{ 257, "0002612F", "\\# 4 0002612F" },		/* CAA tag not alphanumeric */
	};
	struct zl_buf wire = { NULL, 0, 0 }, txt = { NULL, 0, 0 };

	(void)state;
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		zl_buf_reset(&wire);
		for (const char *h = bad[k].hex; h[0] && h[1]; h += 2) {
			unsigned v;
			sscanf(h, "%2x", &v);
			zl_buf_put8(&wire, (uint8_t)v);
		}
		assert_int_equal(to_text(bad[k].type, &wire, &txt), -1);
		assert_string_equal((const char *)txt.data, bad[k].out);
	}
	/* a type the table does not know: generic form, result 1 */
	zl_buf_reset(&wire);
	zl_buf_put8(&wire, 0xab);
	assert_int_equal(to_text(65280, &wire, &txt), 1);
	assert_string_equal((const char *)txt.data, "\\# 1 AB");
	/* appends to what the buffer holds */
	zl_buf_reset(&txt);
	zl_buf_put(&txt, "x ", 2);
	zl_rdata_to_text(1, (const uint8_t *)"\x7f\0\0\x01", 4, &txt);
	zl_buf_put8(&txt, 0);
	assert_string_equal((const char *)txt.data, "x 127.0.0.1");
	zl_buf_free(&wire);
	zl_buf_free(&txt);
}

/*
 * Parser fixes found with zscanner-corpus and checked against
 * named-checkzone 9.18: each case failed before the fix.
 */
static void test_bind_parity(void **state)
{
	struct zl_buf w = { NULL, 0, 0 }, txt = { NULL, 0, 0 };
	struct zl_arena scratch;
	char err[256];

	(void)state;
	zl_arena_init(&scratch);
	/* SSHFP: the fingerprint may be left out (type 0); types 1/2 still need theirs */
	assert_int_equal(parse(44, "0 0", &w, &scratch, err, sizeof(err)), 0);
	assert_int_equal(w.len, 2);
	assert_int_equal(parse(44, "1 1", &w, &scratch, err, sizeof(err)), -1);
	/* algorithm mnemonics BIND 9.18 does not know */
	assert_int_equal(parse(48, "256 3 DSA-NSEC3-SHA1 AA==", &w, &scratch, err, sizeof(err)), -1);
	assert_int_equal(parse(48, "256 3 RSASHA1-NSEC3-SHA1 AA==", &w, &scratch, err, sizeof(err)), -1);
	assert_int_equal(parse(37, "1 1 ECC AA==", &w, &scratch, err, sizeof(err)), -1);
	assert_int_equal(parse(48, "256 3 NSEC3DSA AA==", &w, &scratch, err, sizeof(err)), 0);
	assert_int_equal(parse(48, "256 3 ECDSA256 AA==", &w, &scratch, err, sizeof(err)), 0);
	/* LOC sizes: RFC 1876 section 3 allows 0 .. 90000000.00m, in centimetres */
	assert_int_equal(parse(29, "0 N 0 E 0 90000000.00m", &w, &scratch, err, sizeof(err)), 0);
	assert_int_equal(w.data[1], 0x99);
	assert_int_equal(parse(29, "0 N 0 E 0 90000000.01m", &w, &scratch, err, sizeof(err)), -1);
	assert_int_equal(parse(29, "0 N 0 E 0 90000001m", &w, &scratch, err, sizeof(err)), -1);
	/* SVCB alpn, RFC 9460 appendix A.1: after the character-string
	 * escapes, only "\," and "\\" are escapes inside an item */
	assert_int_equal(parse(64, "1 . alpn=a\\\\b", &w, &scratch, err, sizeof(err)), -1);
	assert_int_equal(parse(64, "1 . alpn=a\\\\092,b", &w, &scratch, err, sizeof(err)), -1);
	assert_int_equal(parse(64, "1 . alpn=a\\\\", &w, &scratch, err, sizeof(err)), -1);
	assert_int_equal(parse(64, "1 . alpn=a\\\\\\\\b", &w, &scratch, err, sizeof(err)), 0);
	to_text(64, &w, &txt);
	assert_string_equal((const char *)txt.data, "1 . alpn=\"a\\\\\\\\b\"");
	assert_int_equal(parse(64, "1 . alpn=a\\\\,b", &w, &scratch, err, sizeof(err)), 0);
	to_text(64, &w, &txt);
	assert_string_equal((const char *)txt.data, "1 . alpn=\"a\\\\,b\"");
	zl_buf_free(&w);
	zl_buf_free(&txt);
	zl_arena_free(&scratch);
}

/* Run "zonelint dump" on zone text; stdout into out (NUL-terminated), returns the exit status. */
static int run_dump(const char *zone, bool wire, char *out, size_t cap)
{
	char zpath[] = "/tmp/zl-dump-zone-XXXXXX", opath[] = "/tmp/zl-dump-out-XXXXXX";
	int zfd = mkstemp(zpath), ofd = mkstemp(opath);
	char *argv[8];
	int argc = 0;

	assert_true(zfd >= 0 && ofd >= 0);
	assert_int_equal(write(zfd, zone, strlen(zone)), (ssize_t)strlen(zone));
	close(zfd);
	argv[argc++] = (char *)"dump";
	if (wire)
		argv[argc++] = (char *)"--wire";
	argv[argc++] = (char *)"-o";
	argv[argc++] = (char *)".";
	argv[argc++] = zpath;
	argv[argc] = NULL;

	fflush(stdout);
	fflush(stderr);
	int saved_out = dup(1), saved_err = dup(2), devnull = open("/dev/null", O_WRONLY);
	dup2(ofd, 1);
	dup2(devnull, 2);
	int status = zl_cmd_dump(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	close(devnull);

	ssize_t n = pread(ofd, out, cap - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	close(ofd);
	unlink(zpath);
	unlink(opath);
	return status;
}

/* Rejected records appear as ERROR= blocks in their place, in file order. */
static void test_dump(void **state)
{
	static const char zone[] =
		"$ORIGIN .\n$TTL 1\n"
		"a A 1.2.3.4\n"
		"b A 1.2.3\n"
		"c 2147483648 A 1.2.3.5\n"		/* warning only: loads with TTL 0 */
		"$INCLUDE /nonexistent/zl-include\n"
		"d TXT \"x\\\"y\" z\n";
	char out[2048];

	(void)state;
	assert_int_equal(run_dump(zone, true, out, sizeof(out)), 1);
	assert_string_equal(out,
		"OWNER=016100\nCLASS=0001\nRRTTL=00000001\nRTYPE=0001\nRDATA=01020304\n------\n"
		"ERROR=zone-syntax\n------\n"
		"OWNER=016300\nCLASS=0001\nRRTTL=00000000\nRTYPE=0001\nRDATA=01020305\n------\n"
		"ERROR=zone-include-missing\n------\n"
		"OWNER=016400\nCLASS=0001\nRRTTL=00000001\nRTYPE=0010\nRDATA=03782279017A\n------\n");
	assert_int_equal(run_dump(zone, false, out, sizeof(out)), 1);
	assert_string_equal(out,
		"a. 1 IN A 1.2.3.4\n"
		"c. 0 IN A 1.2.3.5\n"
		"d. 1 IN TXT \"x\\\"y\" \"z\"\n");
	assert_int_equal(run_dump("$ORIGIN .\n$TTL 1\n@ NS a\n", false, out, sizeof(out)), 0);
	assert_string_equal(out, ". 1 IN NS a.\n");
}

/* Usage and unreadable files: exit 3 and 2. */
static void test_dump_status(void **state)
{
	char *noargs[] = { (char *)"dump", NULL };
	char *missing[] = { (char *)"dump", (char *)"/nonexistent/zl-zone", NULL };
	int saved = dup(2), devnull = open("/dev/null", O_WRONLY);

	(void)state;
	fflush(stderr);
	dup2(devnull, 2);
	int a = zl_cmd_dump(1, noargs);
	int b = zl_cmd_dump(2, missing);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(devnull);
	assert_int_equal(a, 3);
	assert_int_equal(b, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_bind_parity),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_dump_status),
	};

	return cmocka_run_group_tests_name("rdata_text", tests, setup, NULL);
}
