/* test_parser.c - scanner and grammar: master-file syntax of RFC 1035 section 5 as BIND 9 reads it. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"
#include "txt.h"
#include "zonelint.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#ifdef TEST_ASAN
/*
 * ASan aborts when an allocation cannot be had; test_reserve_hint_too_big
 * asks for more memory than there is on purpose and wants NULL back, as
 * calloc() gives it without ASan.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

/* A parsed text: the records and the findings. */
struct parsed {
	struct zl_db db;
	struct zl_zone *zone;
	struct zl_sink sink;
	enum zl_parse_result result;
	char origin_source[32];
};

static char tmpdir[64];
static bool digest_text;	/* zl_load_opts.digest_text of the next parse */

/* Write text to tmpdir/name. */
static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/*
 * Parse text saved as tmpdir/name with origin (presentation, or NULL),
 * reading at most max_records records (0: the default).
 */
static struct parsed *parse_limited(const char *name, const char *text,
				    const char *origin, uint32_t max_records)
{
	struct parsed *p = calloc(1, sizeof(*p));
	char path[256];
	uint8_t o[ZL_NAME_MAX];
	size_t olen;

	assert_non_null(p);
	write_file(name, text);
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	zl_db_init(&p->db);
	zl_sink_init(&p->sink);
	struct zl_load_opts lo = { 0 };
	lo.path = path;
	lo.workdir = tmpdir;
	if (origin) {
		assert_int_equal(zl_name_from_text(origin, strlen(origin), NULL, o, &olen),
				 ZL_NAME_OK);
		lo.origin = o;
	}
	lo.infer_from_filename = true;
	lo.max_records = max_records;
	lo.digest_text = digest_text;
	p->result = zl_db_load(&p->db, &lo, &p->sink, &p->zone);
	if (p->zone->origin_source)
		snprintf(p->origin_source, sizeof(p->origin_source), "%s",
			 p->zone->origin_source);
	return p;
}

/* Parse text saved as tmpdir/name with origin (presentation, or NULL). */
static struct parsed *parse_named(const char *name, const char *text,
				  const char *origin)
{
	return parse_limited(name, text, origin, 0);
}

static struct parsed *parse(const char *text)
{
	return parse_named("t.zone", text, "example.com.");
}

static void done(struct parsed *p)
{
	zl_db_free(&p->db);
	zl_sink_free(&p->sink);
	free(p);
}

/* The n-th record (0-based) in file order. */
static const struct zl_rr *nth(const struct parsed *p, size_t n)
{
	struct zl_rr_walk w;
	zl_zone_walk_begin(p->zone, &w);
	const struct zl_rr *rr = zl_zone_walk_next(&w);
	while (rr && n--)
		rr = zl_zone_walk_next(&w);
	zl_zone_walk_end(&w);
	assert_non_null(rr);
	return rr;
}

static void assert_owner(const struct zl_rr *rr, const char *want)
{
	char got[ZL_NAME_TEXT_MAX];
	zl_node_text(zl_rr_owner(rr), got, sizeof(got));
	assert_string_equal(got, want);
}

static void assert_rdata(const struct zl_rr *rr, const uint8_t *want, size_t len)
{
	uint8_t buf[ZL_RR_RDATA_MAX];

	assert_int_equal(zl_rr_rdlen(rr), len);
	assert_memory_equal(zl_rr_rdata(rr, buf), want, len);
}

static const char *msg(const struct parsed *p, size_t i)
{
	assert_true(i < p->sink.n);
	return p->sink.v[i].message;
}

/* RFC 1035 section 5.1: a blank owner repeats the previous one. */
static void test_blank_owner(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\nwww IN A 192.0.2.1\n    IN A 192.0.2.2\n\tAAAA 2001:db8::1\n");
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 3);
	assert_owner(nth(p, 1), "www.example.com.");
	assert_owner(nth(p, 2), "www.example.com.");
	assert_int_equal(nth(p, 2)->type, 28);
	done(p);
}

/* TTL and class in either order, both optional; BIND TTL units. */
static void test_ttl_class_order(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 1h\n"
				 "a 60 IN A 192.0.2.1\n"
				 "b IN 1w2d3h4m5s A 192.0.2.2\n"
				 "c A 192.0.2.3\n"
				 "d 2D A 192.0.2.4\n");
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(zl_rr_ttl(nth(p, 0)), 60);
	assert_int_equal(zl_rr_ttl(nth(p, 1)), 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
	assert_int_equal(zl_rr_ttl(nth(p, 2)), 3600);
	assert_int_equal(zl_rr_ttl(nth(p, 3)), 2 * 86400);
	assert_int_equal(zl_rr_class(nth(p, 0)), 1);
	done(p);
}

/*
 * An RR keeps its TTL as an index into the db's table of the TTLs its
 * RRs have, and its class in its source: every TTL and class read back
 * as written, whether the table has room (65,535 TTLs) or not (the
 * rest keep theirs in a source of their own), and in a zone of class
 * CH.  The TTLs go up to 2^31 - 1 (RFC 2181 section 8).
 */
static void test_ttl_table(void **state)
{
	(void)state;
	enum { N = 65535 + 300 };
	size_t cap = (size_t)N * 40, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	for (uint32_t k = 0; k < N; k++)
		n += (size_t)snprintf(text + n, cap - n, "h%u %u A 192.0.2.1\n", k % 7,
				      k == 5 ? 2147483647u : k * 3);
	struct parsed *p = parse(text);
	free(text);
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, N);
	uint32_t k = 0;
	struct zl_rr_walk w;
	zl_zone_walk_begin(p->zone, &w);
	for (const struct zl_rr *rr; (rr = zl_zone_walk_next(&w)); k++) {
		assert_int_equal(zl_rr_ttl(rr), k == 5 ? 2147483647u : k * 3);
		assert_int_equal(zl_rr_class(rr), 1);
		assert_int_equal(zl_rr_line(rr), k + 1);
	}
	zl_zone_walk_end(&w);
	assert_int_equal(k, N);
	assert_int_equal(p->db.nttls, 65535);
	done(p);

	p = parse("@ 300 CH TXT \"a\"\n"
		  "b TXT \"b\"\n"
		  "c 60 CH A 192.0.2.1\n");
	assert_int_equal(zl_rr_class(nth(p, 0)), 3);
	assert_int_equal(zl_rr_class(nth(p, 1)), 3);
	assert_int_equal(zl_rr_ttl(nth(p, 1)), 300);
	assert_int_equal(zl_rr_class(nth(p, 2)), 3);
	assert_int_equal(zl_rr_ttl(nth(p, 2)), 60);
	done(p);
}

/* Without $TTL the previous record's TTL applies (RFC 1035 section 5.1). */
static void test_ttl_inherited(void **state)
{
	(void)state;
	struct parsed *p = parse("a 120 A 192.0.2.1\nb A 192.0.2.2\n");
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(zl_rr_ttl(nth(p, 1)), 120);
	done(p);
	p = parse("b A 192.0.2.2\n");
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zone_syntax);
	done(p);
}

/* Parentheses join lines; comments anywhere; the record keeps its first line. */
static void test_parentheses_and_comments(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300 ; default\n"
				 "@ IN SOA ns1 hostmaster ( ; comment\n"
				 "   2026112901 ; serial\n"
				 "   7200 3600\n"
				 "   1209600 ( 300 ) ) ; nested\n"
				 "@ NS ns1\n");
	assert_int_equal(p->sink.n, 0);
	const struct zl_rr *soa = nth(p, 0);
	assert_int_equal(soa->type, 6);
	assert_int_equal(zl_rr_line(soa), 2);
	/* serial, refresh, retry, expire, minimum follow the two names */
	const uint8_t *t = soa->data + soa->dlen - 20;	/* SOA: never cut */
	assert_int_equal((t[0] << 24 | t[1] << 16 | t[2] << 8 | t[3]), 2026112901u);
	assert_int_equal(t[19], 300 & 0xff);
	assert_int_equal(zl_rr_line(nth(p, 1)), 6);
	done(p);
}

/* Quoted strings keep escapes: \" \\ and \DDD (RFC 1035 section 5.1). */
static void test_quoted_escapes(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\nt TXT \"a\\\"b\" \"c\\\\\" \"\\065\" x\n");
	static const uint8_t want[] = { 3, 'a', '"', 'b', 2, 'c', '\\', 1, 'A', 1, 'x' };
	assert_int_equal(p->sink.n, 0);
	assert_rdata(nth(p, 0), want, sizeof(want));
	done(p);
}

/* Each character-string keeps its own location, across lines. */
static void test_txt_segment_locations(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n"
				 "@ TXT ( \"v=spf1 a\"\n"
				 "\t\" -all\" )\n");
	assert_int_equal(p->sink.n, 0);
	const struct zl_rr *rr = nth(p, 0);
	assert_int_equal(zl_rr_nsegs(rr), 2);
	assert_int_equal(zl_rr_segs(rr)[0].line, 2);
	assert_int_equal(zl_rr_segs(rr)[0].col, 10);	/* after the quote at column 9 */
	assert_int_equal(zl_rr_segs(rr)[1].line, 3);
	assert_int_equal(zl_rr_segs(rr)[1].col, 3);	/* tab counts one column */
	done(p);
}

/*
 * With zl_load_opts.digest_text, a TXT record that no rule reads after
 * loading keeps a digest of its RDATA instead: 0xff, then the first 15
 * octets of the XXH3 128-bit hash (the expected digests are what xxhsum
 * -H2 prints for the same wire octets, cut after 15).  The others keep
 * their RDATA: SPF records and whatever may be meant as one, type SPF
 * (99), and RDATA no longer than the digest.  Whether a record is
 * digested depends on its RDATA alone, not on quotes: a record with
 * unquoted strings is digested too, but keeps its strings' positions
 * (txt-unquoted and txt-semicolon read them).
 */
static void test_txt_digests(void **state)
{
	(void)state;
	static const char zone[] =
		"$TTL 300\n"
		"@ TXT \"google-site-verification=abc123xyz\"\n"	/* 0: digested */
		"@ TXT \"v=spf1 -all\"\n"			/* 1: SPF */
		"@ TXT \" V = Spf1 mx\"\n"			/* 2: meant as SPF */
		"@ TXT \"spf2.0/pra mx -all\"\n"		/* 3: SPF-like */
		"@ TXT \"quoted \" unquoted\n"			/* 4: digested, strings kept */
		"@ TXT \"abcdefghijklmno\"\n"			/* 5: 16 octets */
		"@ TXT \"abcdefghijklmnop\"\n"			/* 6: 17 octets, digested */
		"@ SPF \"v=spf1 -all ; type 99 keeps its text\"\n" /* 7 */
		"@ TXT \"v=DKIM1; k=rsa; \" \"p=MIGfMA0GCSqGSIb3DQEB\"\n" /* 8: digested */
		"@ TXT abcdefghijklmnop\n";			/* 9: 6's RDATA, digested alike */
	static const uint8_t google[ZL_RR_DIGEST_LEN] = {
		0xff, 0x98, 0x65, 0xf1, 0xb8, 0x56, 0x57, 0x68,
		0x88, 0x5e, 0x44, 0xb9, 0x40, 0x81, 0x4c, 0xa7 };
	static const uint8_t sixteen[ZL_RR_DIGEST_LEN] = {
		0xff, 0xb8, 0x4b, 0xcb, 0x0d, 0x41, 0xd1, 0x1a,
		0xa4, 0x2b, 0x2f, 0xa1, 0x73, 0x67, 0x2a, 0xdc };
	static const uint8_t unquoted[ZL_RR_DIGEST_LEN] = {
		0xff, 0xdf, 0x08, 0x18, 0x3d, 0xaf, 0xca, 0x9e,
		0xab, 0x0c, 0x2f, 0x9a, 0x18, 0xaa, 0x7d, 0x66 };
	static const bool digested[] = { true, false, false, false, true, false, true, false,
					 true, true };
	static const unsigned segs_kept[] = { 0, 0, 0, 0, 2, 0, 0, 0, 0, 1 };
	struct zl_buf text = { 0 };

	digest_text = true;
	struct parsed *p = parse(zone);
	digest_text = false;
	struct parsed *whole = parse(zone);
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 10);
	for (size_t i = 0; i < 10; i++) {
		const struct zl_rr *rr = nth(p, i), *w = nth(whole, i);
		assert_false(zl_rr_digested(w));
		assert_int_equal(zl_rr_digested(rr), digested[i]);
		if (!digested[i]) {
			assert_rdata(rr, w->data, w->dlen);	/* TXT: never cut */
			assert_int_equal(zl_rr_nsegs(rr), zl_rr_nsegs(w));
			continue;
		}
		assert_int_equal(rr->dlen, ZL_RR_DIGEST_LEN);
		assert_int_equal(rr->data[0], ZL_RR_DIGEST_MARK);
		assert_int_equal(zl_rr_nsegs(rr), segs_kept[i]);
		for (unsigned k = 0; k < segs_kept[i]; k++) {
			assert_int_equal(zl_rr_segs(rr)[k].col, zl_rr_segs(w)[k].col);
			assert_int_equal(zl_rr_segs(rr)[k].quoted, zl_rr_segs(w)[k].quoted);
		}
		assert_int_equal(rr->type, 16);
		assert_int_equal(zl_rr_line(rr), zl_rr_line(w));
		assert_int_equal(zl_rr_rdata_col(rr), zl_rr_rdata_col(w));
		zl_txt_join(rr, &text);
		assert_int_equal(text.len, 0);	/* no text to read */
	}
	assert_memory_equal(nth(p, 0)->data, google, ZL_RR_DIGEST_LEN);
	assert_memory_equal(nth(p, 4)->data, unquoted, ZL_RR_DIGEST_LEN);
	assert_memory_equal(nth(p, 6)->data, sixteen, ZL_RR_DIGEST_LEN);
	assert_memory_equal(nth(p, 9)->data, sixteen, ZL_RR_DIGEST_LEN);
	zl_buf_free(&text);
	done(p);
	done(whole);
}

/*
 * A name that ends NS, CNAME, PTR, DNAME, MX, SRV, AFSDB, KX or RT RDATA is kept
 * without the zone's origin when it ends with it spelt octet for octet
 * (zl_rr_name_rel()), and reads back whole; any other spelling, any
 * other suffix and any other type stay as read.
 * The wire forms are RFC 1035 section 3.1's, written out by hand.
 */
static void test_rdata_name_cut(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n"
				 "@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n"	/* 0 */
				 "@ NS ns1\n"					/* 1 */
				 "@ NS @\n"					/* 2 */
				 "@ MX 10 mail\n"				/* 3 */
				 "_sip._tcp SRV 0 5 5060 sip\n"		/* 4 */
				 "a CNAME www.Example.com.\n"			/* 5 */
				 "b CNAME www.example.net.\n"			/* 6 */
				 "d DNAME example.com.\n"			/* 7 */
				 "1 PTR host\n"				/* 8 */
				 "e TYPE5 \\# 17 0377777707657861 6d706c6503636f6d 00\n" /* 9 */
				 "ns1 A 192.0.2.1\n"				/* 10 */
				 "@ AFSDB 1 afs\n"				/* 11 */
				 "@ KX 10 kx.Example.com.\n"			/* 12 */
				 "@ RT 20 relay\n");				/* 13 */
	static const uint8_t origin[] = "\7example\3com";	/* and its 0 */
	static const struct {
		size_t at;		/* the record */
		bool cut;		/* kept without the origin */
		uint8_t head[12];	/* the RDATA before the origin */
		size_t head_len;
	} want[] = {
		{ 1, true, "\3ns1", 4 },
		{ 2, true, "", 0 },
		{ 3, true, "\0\12\4mail", 7 },
		{ 4, true, "\0\0\0\5\23\304\3sip", 10 },
		{ 7, true, "", 0 },
		{ 8, true, "\4host", 5 },
		{ 9, true, "\3www", 4 },	/* RFC 3597 generic RDATA alike */
		{ 11, true, "\0\1\3afs", 6 },
		{ 13, true, "\0\24\5relay", 8 },
	};
	uint8_t buf[ZL_RR_RDATA_MAX], whole[ZL_RR_RDATA_MAX];

	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 14);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct zl_rr *rr = nth(p, want[i].at);
		assert_true(zl_rr_name_rel(rr));
		assert_int_equal(rr->dlen, want[i].head_len);
		memcpy(whole, want[i].head, want[i].head_len);
		memcpy(whole + want[i].head_len, origin, sizeof(origin));
		assert_int_equal(zl_rr_rdlen(rr), want[i].head_len + sizeof(origin));
		assert_memory_equal(zl_rr_rdata(rr, buf), whole, want[i].head_len + sizeof(origin));
	}
	/* spelt otherwise, another suffix, not such a type: whole */
	static const uint8_t www_ex[] = "\3www\7Example\3com", www_net[] = "\3www\7example\3net";
	assert_false(zl_rr_name_rel(nth(p, 5)));
	assert_rdata(nth(p, 5), www_ex, sizeof(www_ex));
	assert_false(zl_rr_name_rel(nth(p, 6)));
	assert_rdata(nth(p, 6), www_net, sizeof(www_net));
	static const uint8_t kx[] = "\0\12\2kx\7Example\3com";
	assert_false(zl_rr_name_rel(nth(p, 12)));
	assert_rdata(nth(p, 12), kx, sizeof(kx));
	assert_false(zl_rr_name_rel(nth(p, 0)));	/* SOA */
	assert_false(zl_rr_name_rel(nth(p, 10)));	/* A */
	done(p);

	/* the root zone's origin is its one 0 octet */
	p = parse_named("root.zone", "$TTL 300\n"
				      ". SOA a.root-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400\n"
				      ". NS a.root-servers.net.\n", ".");
	static const uint8_t a_root[] = "\1a\14root-servers\3net";
	assert_int_equal(p->sink.n, 0);
	assert_true(zl_rr_name_rel(nth(p, 1)));
	assert_int_equal(nth(p, 1)->dlen, sizeof(a_root) - 1);
	assert_rdata(nth(p, 1), a_root, sizeof(a_root));
	done(p);
}

/*
 * Where a record and its RDATA start, far out on long lines and several
 * lines apart (1-based lines and columns, a blank counts one column): the
 * RR keeps them packed in 21 bits each, and the last octet of a line of
 * 2^20 octets, the longest read whole (ZL_MAX_LINE), is at column 2^20.
 */
static void test_record_positions_far_out(void **state)
{
	(void)state;
	size_t far = 999990, wide = 1000000;
	size_t edge = (size_t)1 << 20;
	size_t cap = far + wide + edge + 100;
	char *text = malloc(cap);
	assert_non_null(text);
	size_t n = (size_t)snprintf(text, cap, "$TTL 300\nwww A (\n\n\n");
	memset(text + n, ' ', far);
	n += far;
	n += (size_t)snprintf(text + n, cap - n, "192.0.2.1 )\n");
	memset(text + n, ' ', wide);
	n += wide;
	n += (size_t)snprintf(text + n, cap - n, "A 192.0.2.2\ntxt TXT");
	memset(text + n, ' ', edge - 8);
	n += edge - 8;
	snprintf(text + n, cap - n, "x\n");	/* the line's octet 2^20 */
	struct parsed *p = parse(text);
	free(text);
	assert_int_equal(p->sink.n, 0);
	const struct zl_rr *a = nth(p, 0), *b = nth(p, 1);
	assert_int_equal(zl_rr_line(a), 2);
	assert_int_equal(zl_rr_col(a), 1);
	assert_int_equal(zl_rr_rdata_line(a), 5);
	assert_int_equal(zl_rr_rdata_col(a), far + 1);
	assert_int_equal(zl_rr_line(b), 6);	/* blank owner: the first field's column */
	assert_int_equal(zl_rr_col(b), wide + 1);
	assert_int_equal(zl_rr_rdata_line(b), 6);
	assert_int_equal(zl_rr_rdata_col(b), wide + 3);
	const uint8_t want[] = { 192, 0, 2, 2 };
	assert_rdata(b, want, sizeof(want));
	const struct zl_rr *c = nth(p, 2);
	assert_int_equal(zl_rr_line(c), 7);
	assert_int_equal(zl_rr_col(c), 1);
	assert_int_equal(zl_rr_rdata_line(c), 7);
	assert_int_equal(zl_rr_rdata_col(c), edge);
	done(p);

	/* RDATA 127 lines below the record fits the packed word (7 bits),
	 * 128 and 200 do not: each comes back as written, with a digested
	 * TXT record's flag kept apart from the line */
	static const unsigned below[] = { 127, 128, 200 };
	for (size_t i = 0; i < 3; i++) {
		char *t = malloc(64 + below[i]);
		assert_non_null(t);
		size_t m = (size_t)snprintf(t, 64, "$TTL 300\nv TXT (\n");
		for (unsigned k = 1; k < below[i]; k++)
			t[m++] = '\n';
		snprintf(t + m, 64, "  \"google-site-verification=abc\" )\n");
		digest_text = true;
		p = parse(t);
		digest_text = false;
		free(t);
		assert_int_equal(p->sink.n, 0);
		const struct zl_rr *v = nth(p, 0);
		assert_true(zl_rr_digested(v));
		assert_int_equal(zl_rr_line(v), 2);
		assert_int_equal(zl_rr_col(v), 1);
		assert_int_equal(zl_rr_rdata_line(v), 2 + below[i]);
		assert_int_equal(zl_rr_rdata_col(v), 3);
		done(p);
	}
}

/*
 * The walk over a db's nodes meets each node once, in the order they
 * were made: a name's ancestors before it (they are made first), and
 * the owners in the order of their first records.
 */
static void test_node_walk(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n@ SOA ns h 1 2 3 4 5\nz.y.x A 192.0.2.1\n"
				 "b A 192.0.2.2\nx A 192.0.2.3\na.b A 192.0.2.4\n");
	assert_int_equal(p->sink.n, 0);
	/* the apex (the zone's names go no higher), then x and y.x as the
	 * ancestors of z.y.x */
	const char *want[] = { "example.com.", "x.example.com.", "y.x.example.com.",
			       "z.y.x.example.com.", "b.example.com.", "a.b.example.com." };
	size_t next = 0, seen = 0;
	struct zl_node_walk w;
	zl_db_walk_begin(&p->db, &w);
	for (const struct zl_node *n; (n = zl_db_walk_next(&w)); seen++) {
		char text[ZL_NAME_TEXT_MAX];
		uint8_t wire[ZL_NAME_MAX];
		zl_node_text(n, text, sizeof(text));
		assert_ptr_equal(zl_db_find(&p->db, zl_node_name(n, wire)), n);
		if (n->suffix)	/* its parent came before it */
			assert_true((const unsigned char *)zl_ref_ptr(n->suffix) <
				    (const unsigned char *)n);
		assert_true(next < 6);
		assert_string_equal(text, want[next]);
		next++;
	}
	zl_db_walk_end(&w);
	assert_int_equal(next, 6);
	assert_int_equal(seen, p->db.nnodes);
	done(p);
}

/* The RRset of type at n: its count, and its RRs' RDATA in reading order (one octet each: k-th is want[k]). */
static const struct zl_rrset *assert_rrset(const struct zl_node *n, uint16_t type,
					   uint32_t count, const uint8_t *want)
{
	const struct zl_rrset *set = zl_node_rrset(n, type, 1);
	assert_non_null(set);
	assert_ptr_equal(zl_node_rrset(n, type, 0), set);
	assert_int_equal(zl_rrset_type(set), type);
	assert_int_equal(zl_rrset_class(set), 1);
	assert_int_equal(zl_rrset_count(set), count);
	uint32_t k = 0;
	for (const struct zl_rr *rr = zl_rrset_first(set); rr; rr = zl_rrset_rr_next(set, rr), k++) {
		assert_true(k < count);
		assert_int_equal(rr->type, type);
		assert_ptr_equal(zl_rr_owner(rr), n);
		assert_int_equal(rr->dlen, 1);
		assert_int_equal(rr->data[0], want[k]);
	}
	assert_int_equal(k, count);
	return set;
}

/*
 * The RRs of one owner, class and type are one RRset (RFC 2181 section
 * 5) however they are stored: an RRset of one RR is that RR (lone), one
 * that gets a second RR later, wherever it is among the node's RRsets,
 * becomes a zl_rrset_multi in its place, and past ZL_RRSET_SCAN RRsets
 * (the node's index) a new RRset is a multi from the start.  The RRsets
 * stay in order of first appearance and their RRs in reading order.
 */
static void test_rrset_lone_and_multi(void **state)
{
	(void)state;
	char text[8192];
	size_t n = (size_t)snprintf(text, sizeof(text),
				    "$TTL 300\n"
				    "b TYPE1001 \\# 1 01\n"	/* lone at the head */
				    "b TYPE1002 \\# 1 02\n"	/* lone in the middle */
				    "b TYPE1003 \\# 1 03\n"	/* lone at the end */
				    "a TYPE1001 \\# 1 09\n"
				    "b TYPE1002 \\# 1 12\n"
				    "b TYPE1001 \\# 1 11\n"
				    "b TYPE1001 \\# 1 21\n");
	/* m: 20 types; the first ZL_RRSET_SCAN + 1 are lone when the index is made */
	for (int t = 0; t < 20; t++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "m TYPE%d \\# 1 %02X\n",
				      2000 + t, t);
	const int again[] = { 0, 9, ZL_RRSET_SCAN, ZL_RRSET_SCAN + 1, 19 };
	for (size_t i = 0; i < sizeof(again) / sizeof(again[0]); i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "m TYPE%d \\# 1 %02X\n",
				      2000 + again[i], 0x80 + again[i]);
	snprintf(text + n, sizeof(text) - n, "m TYPE2020 \\# 1 14\n");
	struct parsed *p = parse(text);
	assert_int_equal(p->sink.n, 0);
	uint8_t w[ZL_NAME_MAX];
	size_t len;

	assert_int_equal(zl_name_from_text("b.example.com.", 14, NULL, w, &len), ZL_NAME_OK);
	const struct zl_node *b = zl_db_find(&p->db, w);
	assert_non_null(b);
	const struct zl_rrset *s1 = assert_rrset(b, 1001, 3, (const uint8_t[]){ 0x01, 0x11, 0x21 });
	const struct zl_rrset *s2 = assert_rrset(b, 1002, 2, (const uint8_t[]){ 0x02, 0x12 });
	const struct zl_rrset *s3 = assert_rrset(b, 1003, 1, (const uint8_t[]){ 0x03 });
	assert_false(zl_rrset_is_lone(s1));
	assert_false(zl_rrset_is_lone(s2));
	assert_true(zl_rrset_is_lone(s3));
	assert_ptr_equal(zl_node_rrsets(b), s1);
	assert_ptr_equal(zl_rrset_next(s1), s2);
	assert_ptr_equal(zl_rrset_next(s2), s3);
	assert_null(zl_rrset_next(s3));

	assert_int_equal(zl_name_from_text("a.example.com.", 14, NULL, w, &len), ZL_NAME_OK);
	const struct zl_node *a = zl_db_find(&p->db, w);
	assert_non_null(a);
	const struct zl_rrset *sa = assert_rrset(a, 1001, 1, (const uint8_t[]){ 0x09 });
	assert_true(zl_rrset_is_lone(sa));
	assert_ptr_equal(zl_node_rrsets(a), sa);
	assert_null(zl_rrset_next(sa));

	assert_int_equal(zl_name_from_text("m.example.com.", 14, NULL, w, &len), ZL_NAME_OK);
	const struct zl_node *m = zl_db_find(&p->db, w);
	assert_non_null(m);
	assert_true(m->nrrsets > ZL_RRSET_SCAN);
	const struct zl_rrset *s = zl_node_rrsets(m);
	for (int t = 0; t <= 20; t++, s = zl_rrset_next(s)) {
		uint8_t want[2] = { (uint8_t)(t == 20 ? 0x14 : t), (uint8_t)(0x80 + t) };
		bool twice = false;
		for (size_t i = 0; i < sizeof(again) / sizeof(again[0]); i++)
			twice |= again[i] == t;
		assert_non_null(s);
		assert_ptr_equal(assert_rrset(m, (uint16_t)(2000 + t), twice ? 2 : 1, want), s);
		/* lone: one RR, and made before the index */
		assert_int_equal(zl_rrset_is_lone(s), !twice && t <= ZL_RRSET_SCAN);
	}
	assert_null(s);
	done(p);
}

/*
 * An RRset keeps its RRs in reading order however many there are and
 * whatever comes between them (a long set's end is found another way
 * than a short one's: ZL_RRSET_WALK).
 */
static void test_rrset_reading_order(void **state)
{
	(void)state;
	char text[4096];
	size_t n = (size_t)snprintf(text, sizeof(text), "$TTL 300\n");
	for (int i = 1; i <= 20; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "www A 192.0.2.%d\nh%d A 198.51.100.%d\n"
				      "%s", i, i, i, i % 3 ? "" : "www TXT \"x\"\n");
	struct parsed *p = parse(text);
	assert_int_equal(p->sink.n, 0);
	uint8_t www[ZL_NAME_MAX];
	size_t len;
	assert_int_equal(zl_name_from_text("www.example.com.", 16, NULL, www, &len),
			 ZL_NAME_OK);
	const struct zl_node *node = zl_db_find(&p->db, www);
	assert_non_null(node);
	const struct zl_rrset *a = zl_node_rrset(node, 1, 1);
	assert_non_null(a);
	assert_int_equal(zl_rrset_count(a), 20);
	int i = 0;
	for (const struct zl_rr *rr = zl_rrset_first(a); rr; rr = zl_rrset_rr_next(a, rr)) {
		const uint8_t want[] = { 192, 0, 2, (uint8_t)++i };
		assert_rdata(rr, want, sizeof(want));
	}
	assert_int_equal(i, 20);
	const struct zl_rrset *txt = zl_node_rrset(node, 16, 1);
	assert_non_null(txt);
	assert_int_equal(zl_rrset_count(txt), 6);	/* every third line: the model keeps repeats
					 * (zone-duplicate-rr reports them) */
	done(p);
}

/*
 * The name table's size is a hint (load gives it from the file's size,
 * and a sparse file can claim a terabyte): a hint no memory can hold,
 * or one whose octets overflow a size_t, leaves the table as it was,
 * and names are still interned and found.
 */
static void test_reserve_hint_too_big(void **state)
{
	(void)state;
	struct zl_db db;
	zl_db_init(&db);
	zl_db_reserve(&db, SIZE_MAX);
	zl_db_reserve(&db, (size_t)1 << 45);
	zl_db_reserve(&db, 100);
	uint8_t w[ZL_NAME_MAX];
	size_t len;
	char text[32];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(text, sizeof(text), "n%d.example.", i);
		assert_int_equal(zl_name_from_text(text, (size_t)n, NULL, w, &len), ZL_NAME_OK);
		assert_non_null(zl_db_intern(&db, w, len));
	}
	assert_int_equal(zl_name_from_text("N4999.Example.", 14, NULL, w, &len), ZL_NAME_OK);
	assert_non_null(zl_db_find(&db, w));
	assert_int_equal(zl_name_from_text("n5000.example.", 14, NULL, w, &len), ZL_NAME_OK);
	assert_null(zl_db_find(&db, w));
	zl_db_free(&db);
}

/*
 * The name table keeps only a 16-bit tag of each name's hash and hashes
 * the names again when it grows: 200,000 names (the table grows from
 * 1,024 slots eight times, and about three names share each tag) are
 * each found as the node they were given, in any case (RFC 4343), and
 * 200,000 names never added are not found.
 */
static void test_name_table_grows(void **state)
{
	(void)state;
	enum { N = 200000 };
	struct zl_db db;
	zl_db_init(&db);
	const struct zl_node **node = malloc(N * sizeof(*node));
	assert_non_null(node);
	uint8_t w[ZL_NAME_MAX];
	size_t len;
	char text[64];
	for (int i = 0; i < N; i++) {
		int n = snprintf(text, sizeof(text), "host%d.zone%d.example.", i, i % 97);
		assert_int_equal(zl_name_from_text(text, (size_t)n, NULL, w, &len), ZL_NAME_OK);
		node[i] = zl_db_intern(&db, w, len);
		assert_non_null(node[i]);
	}
	assert_true(db.nslots >= 262144);
	assert_int_equal(db.nnodes, N);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++) {
			int n = snprintf(text, sizeof(text), "HOST%d.Zone%d.EXAMPLE.", i, i % 97);
			assert_int_equal(zl_name_from_text(text, (size_t)n, NULL, w, &len),
					 ZL_NAME_OK);
			assert_ptr_equal(zl_db_find(&db, w), node[i]);
			n = snprintf(text, sizeof(text), "host%d.zone%d.example.", i, i % 97 + 1);
			assert_int_equal(zl_name_from_text(text, (size_t)n, NULL, w, &len),
					 ZL_NAME_OK);
			assert_null(zl_db_find(&db, w));
		}
		zl_db_reserve(&db, 4 * N);	/* hashed again into a bigger table */
	}
	free(node);
	zl_db_free(&db);
}

/*
 * Lines and reading order stay exact past 65,536 lines and records, and
 * past 65,536 records on one line ($GENERATE): RRs count them from the
 * start of a run of records (ZL_RR_RUN_SPAN).
 */
static void test_lines_and_order_far_down(void **state)
{
	(void)state;
	size_t blank = 70000, nrec = 70000, cap = blank + nrec * 40 + 100;
	char *text = malloc(cap);
	assert_non_null(text);
	size_t n = (size_t)snprintf(text, cap, "$TTL 300\na A 192.0.2.1\n");
	memset(text + n, '\n', blank);
	n += blank;
	for (size_t i = 0; i < nrec; i++)
		n += (size_t)snprintf(text + n, cap - n, "h%zu A 192.0.2.2\n", i);
	snprintf(text + n, cap - n, "$GENERATE 1-%zu g$ A 192.0.2.3\n", nrec);
	struct parsed *p = parse(text);
	free(text);
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 2 * nrec + 1);
	const struct zl_rr *first = nth(p, 0), *second = nth(p, 1), *last = nth(p, 2 * nrec);
	assert_int_equal(zl_rr_line(first), 2);
	assert_int_equal(zl_rr_seq(first), 0);
	assert_int_equal(zl_rr_line(second), 2 + blank + 1);
	assert_int_equal(zl_rr_rdata_line(second), 2 + blank + 1);
	assert_int_equal(zl_rr_seq(second), 1);
	assert_int_equal(zl_rr_line(last), 2 + blank + nrec + 1);
	assert_int_equal(zl_rr_seq(last), 2 * nrec);
	const uint8_t want[] = { 192, 0, 2, 3 };
	assert_rdata(last, want, sizeof(want));
	done(p);
}

/* @, relative and absolute names; $ORIGIN changes the origin. */
static void test_names_and_origin(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n"
				 "@ MX 10 mail\n"
				 "abs.example.net. CNAME www.example.org.\n"
				 "$ORIGIN sub.example.com.\n"
				 "x A 192.0.2.9\n");
	assert_int_equal(p->sink.n, 0);
	assert_owner(nth(p, 0), "example.com.");
	static const uint8_t mx[] = { 0, 10, 4, 'm', 'a', 'i', 'l', 7, 'e', 'x', 'a', 'm',
				      'p', 'l', 'e', 3, 'c', 'o', 'm', 0 };
	assert_rdata(nth(p, 0), mx, sizeof(mx));
	assert_owner(nth(p, 1), "abs.example.net.");
	assert_owner(nth(p, 2), "x.sub.example.com.");
	done(p);
	/* a label over 63 octets in $ORIGIN or an $INCLUDE origin (RFC 1035 section 2.3.4) */
	p = parse("$ORIGIN a123456789b123456789c123456789d123456789e123456789f123456789g1234.\n"
		  "$INCLUDE x.inc a123456789b123456789c123456789d123456789e123456789f123456789g1234\n");
	assert_int_equal(p->sink.n, 2);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zone_name_length);
	assert_int_equal(p->sink.v[1].rule, ZL_RULE_zone_name_length);
	assert_int_equal(p->sink.v[1].col, 16);
	done(p);
}

/* The node of name (presentation form) in p's db; fails the test if absent. */
static const struct zl_node *node_named(const struct parsed *p, const char *name)
{
	uint8_t w[ZL_NAME_MAX];
	size_t len;

	assert_int_equal(zl_name_from_text(name, strlen(name), NULL, w, &len), ZL_NAME_OK);
	const struct zl_node *n = zl_db_find(&p->db, w);
	assert_non_null(n);
	assert_true(zl_node_is(n, w, len));
	return n;
}

/*
 * Names share their ancestors' nodes (zone.h): a name below a node holds
 * its first label and a link.  Each reads back as first spelt, the case
 * of its ancestors included, as named-checkzone -D prints this zone
 * (BIND 9.18: "bar", "Foo.BAR", "x.Bar"); lookups ignore case (RFC 4343).
 */
static void test_names_share_ancestors(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n"
				 "@ SOA ns1 host 1 2 3 4 5\n"
				 "bar A 192.0.2.9\n"
				 "Foo.BAR A 192.0.2.2\n"
				 "x.Bar A 192.0.2.3\n"
				 "www.a.b.c A 192.0.2.4\n"
				 "WWW.A.B.C A 192.0.2.5\n"
				 "x.bar TXT \"x\"\n"
				 "y.bar A 192.0.2.6\n"
				 "v.bar A 192.0.2.7\n"
				 "Q.BAR A 192.0.2.8\n"
				 "R.BAR A 192.0.2.9\n");
	assert_int_equal(p->sink.n, 0);
	assert_owner(nth(p, 1), "bar.example.com.");
	assert_owner(nth(p, 2), "Foo.BAR.example.com.");
	assert_owner(nth(p, 3), "x.Bar.example.com.");
	assert_owner(nth(p, 4), "www.a.b.c.example.com.");
	/* the same names in other cases: the same nodes, first spellings */
	assert_ptr_equal(zl_rr_owner(nth(p, 5)), zl_rr_owner(nth(p, 4)));
	assert_owner(nth(p, 5), "www.a.b.c.example.com.");
	assert_ptr_equal(zl_rr_owner(nth(p, 6)), zl_rr_owner(nth(p, 3)));

	/* the apex holds its whole name; "bar" its label and a link to it */
	const struct zl_node *apex = node_named(p, "EXAMPLE.com.");
	assert_ptr_equal(apex, p->zone->apex);
	assert_int_equal(apex->suffix, 0);
	assert_int_equal(zl_node_plen(apex), 13);
	const struct zl_node *bar = node_named(p, "bar.example.com.");
	assert_ptr_equal(zl_ref_ptr(bar->suffix), apex);
	assert_int_equal(zl_node_plen(bar), 4);
	assert_int_equal(bar->len, 17);
	assert_memory_equal(bar->prefix, "\3bar", 4);
	/* the empty non-terminals made on the way link up to the apex */
	const struct zl_node *www = node_named(p, "www.a.b.c.example.com.");
	const struct zl_node *a = node_named(p, "a.b.c.example.com.");
	const struct zl_node *b = node_named(p, "b.c.example.com.");
	const struct zl_node *c = node_named(p, "c.example.com.");
	assert_ptr_equal(zl_ref_ptr(www->suffix), a);
	assert_ptr_equal(zl_ref_ptr(a->suffix), b);
	assert_ptr_equal(zl_ref_ptr(b->suffix), c);
	assert_ptr_equal(zl_ref_ptr(c->suffix), apex);
	assert_null(zl_node_rrsets(a));
	/* below "bar" spelt so: its label and a link; "Foo.BAR" and "x.Bar"
	 * keep their whole spellings, since "bar" is spelt otherwise */
	const struct zl_node *y = node_named(p, "Y.BAR.example.com.");
	assert_ptr_equal(zl_ref_ptr(y->suffix), bar);
	assert_int_equal(zl_node_plen(y), 2);
	const struct zl_node *foo = node_named(p, "foo.bar.example.com.");
	assert_int_equal(foo->suffix, 0);
	assert_int_equal(zl_node_plen(foo), 21);
	assert_memory_equal(foo->prefix, "\3Foo\3BAR\7example\3com", 21);
	const struct zl_node *x = node_named(p, "x.bar.example.com.");
	assert_int_equal(x->suffix, 0);
	assert_int_equal(zl_node_plen(x), 19);
	/* siblings one after the other: the second takes its parent from
	 * the first's lookup, linked where spelt alike ("v.bar" after
	 * "y.bar"), whole where not ("R.BAR" after "Q.BAR") */
	const struct zl_node *v = node_named(p, "v.bar.example.com.");
	assert_ptr_equal(zl_ref_ptr(v->suffix), bar);
	const struct zl_node *q = node_named(p, "q.bar.example.com.");
	const struct zl_node *r = node_named(p, "r.bar.example.com.");
	assert_int_equal(q->suffix, 0);
	assert_int_equal(r->suffix, 0);
	assert_memory_equal(r->prefix, "\1R\3BAR\7example\3com", 19);

	/* zl_node_name(): the whole wire form either way */
	uint8_t buf[ZL_NAME_MAX];
	static const uint8_t want[] = "\3www\1a\1b\1c\7example\3com";
	assert_memory_equal(zl_node_name(www, buf), want, sizeof(want));
	assert_ptr_equal(zl_node_name(apex, buf), apex->prefix);
	/* zl_node_is(): the whole name, any case; not a prefix or a suffix */
	assert_true(zl_node_is(www, (const uint8_t *)"\3WwW\1A\1b\1C\7exAmple\3COM", 23));
	assert_false(zl_node_is(www, (const uint8_t *)"\3www\1a\1b\1d\7example\3com", 23));
	assert_false(zl_node_is(a, want, sizeof(want)));
	assert_false(zl_node_is(www, (const uint8_t *)"\1a\1b\1c\7example\3com", 19));
	done(p);
}

/* A bad record gives one diagnostic at its position; the next record is read. */
static void test_error_recovery(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n"
				 "a A 192.0.2.1\n"
				 "b BOGUS 1 2 3\n"
				 "c A 192.0.2.300\n"
				 "d A 192.0.2.4\n");
	assert_int_equal(p->zone->nrr, 2);
	assert_int_equal(p->sink.n, 2);
	assert_int_equal(p->sink.v[0].line, 3);
	assert_int_equal(p->sink.v[0].col, 3);
	assert_non_null(strstr(msg(p, 0), "BOGUS"));
	assert_int_equal(p->sink.v[1].line, 4);
	assert_int_equal(p->sink.v[1].col, 5);
	assert_owner(nth(p, 1), "d.example.com.");
	done(p);
}

/* Unbalanced quotes and parentheses are errors, never hangs. */
static void test_unbalanced(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\nt TXT \"open\nu A 192.0.2.1\n");
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].line, 2);
	assert_int_equal(p->zone->nrr, 1);
	done(p);
	p = parse("$TTL 300\nt TXT ( \"open\"\n");
	assert_int_equal(p->sink.n, 1);
	assert_non_null(strstr(msg(p, 0), "parentheses"));
	done(p);
	p = parse("$TTL 300\nt A 192.0.2.1 )\n");
	assert_int_equal(p->sink.n, 1);
	done(p);
}

/* Character-strings over 255 octets are errors (RFC 1035 section 3.3). */
static void test_long_string(void **state)
{
	(void)state;
	char text[400] = "$TTL 300\nt TXT \"";
	size_t n = strlen(text);
	memset(text + n, 'x', 256);
	strcpy(text + n + 256, "\"\n");
	struct parsed *p = parse(text);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->zone->nrr, 0);
	done(p);
}

/* RFC 3597: TYPEnn and generic RDATA. */
static void test_generic_rdata(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\nx CLASS1 TYPE65534 \\# 3 010203\ny TYPE1 \\# 4 C0000201\n");
	static const uint8_t g[] = { 1, 2, 3 }, a[] = { 192, 0, 2, 1 };
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(nth(p, 0)->type, 65534);
	assert_rdata(nth(p, 0), g, sizeof(g));
	assert_int_equal(nth(p, 1)->type, 1);
	assert_rdata(nth(p, 1), a, sizeof(a));
	done(p);
}

/* $INCLUDE with an origin; the includer's origin is restored afterwards. */
static void test_include(void **state)
{
	(void)state;
	write_file("inc.part", "h A 192.0.2.7\n");
	struct parsed *p = parse("$TTL 300\n$INCLUDE inc.part sub.example.com.\nh A 192.0.2.8\n");
	assert_int_equal(p->sink.n, 0);
	assert_owner(nth(p, 0), "h.sub.example.com.");
	assert_non_null(strstr(zl_rr_file(nth(p, 0)), "inc.part"));
	assert_owner(nth(p, 1), "h.example.com.");
	done(p);
}

/* A missing include and an include cycle are zone-include-missing errors. */
static void test_include_errors(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n$INCLUDE no-such-file\na A 192.0.2.1\n");
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zone_include_missing);
	assert_non_null(strstr(msg(p, 0), "no-such-file"));
	assert_int_equal(p->zone->nrr, 1);
	done(p);
	write_file("loop.a", "$INCLUDE loop.b\n");
	write_file("loop.b", "$INCLUDE loop.a\n");
	p = parse("$TTL 300\n$INCLUDE loop.a\n");
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zone_include_missing);
	assert_non_null(strstr(msg(p, 0), "cycle"));
	done(p);
	/* a FIFO (no writer: opening it must not block), a device, a directory */
	char fifo[300];
	snprintf(fifo, sizeof(fifo), "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	p = parse("$TTL 300\n$INCLUDE fifo\n$INCLUDE /dev/zero\n$INCLUDE .\n");
	assert_int_equal(p->sink.n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(p->sink.v[i].rule, ZL_RULE_zone_include_missing);
	assert_non_null(strstr(msg(p, 0), "FIFO"));
	assert_non_null(strstr(msg(p, 1), "device"));
	assert_non_null(strstr(msg(p, 2), "directory"));
	done(p);
}

/* BIND's $GENERATE, with a ${offset,width,base} modifier and a bound. */
static void test_generate(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\n$GENERATE 1-3 host$ A 192.0.2.$\n"
				 "$GENERATE 10-11/1 p${0,3,d} CNAME host${-9}\n");
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 5);
	assert_owner(nth(p, 2), "host3.example.com.");
	static const uint8_t a3[] = { 192, 0, 2, 3 };
	assert_rdata(nth(p, 2), a3, sizeof(a3));
	assert_owner(nth(p, 3), "p010.example.com.");
	done(p);
	p = parse("$TTL 300\n$GENERATE 0-2147483647 h$ A 192.0.2.1\n");
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->zone->nrr, 0);
	done(p);
}

/* Origin: -o, else $ORIGIN before the first record, else absolute SOA owner, else file name. */
static void test_origin_inference(void **state)
{
	(void)state;
	struct parsed *p = parse_named("x.txt", "$ORIGIN example.org.\n$TTL 1\n@ A 192.0.2.1\n", NULL);
	assert_string_equal(p->origin_source, "$ORIGIN");
	done(p);
	p = parse_named("x.txt", "example.net. 1 SOA ns hm 1 2 3 4 5\nwww 1 A 192.0.2.1\n", NULL);
	assert_string_equal(p->origin_source, "SOA owner");
	assert_owner(nth(p, 1), "www.example.net.");
	done(p);
	p = parse_named("db.example.info", "@ 1 A 192.0.2.1\n", NULL);
	assert_string_equal(p->origin_source, "file name");
	assert_owner(nth(p, 0), "example.info.");
	done(p);
	p = parse_named("noname", "@ 1 A 192.0.2.1\n", NULL);
	assert_int_equal(p->result, ZL_PARSE_NO_ORIGIN);
	assert_int_equal(p->sink.n, 1);
	done(p);
}

/* CRLF line ends are fine (BIND accepts them). */
static void test_crlf(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\r\na A 192.0.2.1\r\n  TXT \"x\"\r\n");
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 2);
	done(p);
}

/* A lone CR ends a line, as in BIND; CRLF is one line end. */
static void test_cr_only(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\ra A 192.0.2.1\rb A bad\r\nc A 192.0.2.3\r");
	assert_int_equal(p->zone->nrr, 2);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].line, 3);
	assert_int_equal(p->sink.v[0].col, 5);
	assert_int_equal(zl_rr_line(nth(p, 1)), 4);
	done(p);
}

/*
 * NUL bytes: one error at their position, in linear time (a NUL is
 * flex's buffer sentinel, so it must never be part of a longer token).
 */
static void test_nul_bytes(void **state)
{
	(void)state;
	char text[64];
	memcpy(text, "$TTL 300\nba\0z A 192.0.2.1\nc A 192.0.2.3\n", 41);
	FILE *f;
	char path[300];
	snprintf(path, sizeof(path), "%s/nul.zone", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(text, 1, 40, f);
	/* then a long run of NULs on the last line */
	for (int i = 0; i < 200000; i++)
		fputc(0, f);
	fclose(f);
	struct parsed *p = calloc(1, sizeof(*p));
	assert_non_null(p);
	zl_db_init(&p->db);
	zl_sink_init(&p->sink);
	struct zl_load_opts lo = { 0 };
	uint8_t o[ZL_NAME_MAX];
	size_t olen;
	assert_int_equal(zl_name_from_text("example.com.", 12, NULL, o, &olen), ZL_NAME_OK);
	lo.path = path;
	lo.origin = o;
	p->result = zl_db_load(&p->db, &lo, &p->sink, &p->zone);
	assert_int_equal(p->zone->nrr, 1);	/* c; the line with the NUL is rejected */
	assert_int_equal(p->sink.n, 2);
	assert_int_equal(p->sink.v[0].line, 2);
	assert_int_equal(p->sink.v[0].col, 3);
	assert_non_null(strstr(msg(p, 0), "NUL"));
	assert_int_equal(p->sink.v[1].line, 4);
	done(p);

	/*
	 * A NUL followed by each possible byte: flex's -CF tables read out of
	 * bounds on "\0\377" (caught by the sanitizer build); every pair must
	 * give a diagnostic and nothing else.
	 */
	for (int b = 0; b < 256; b++) {
		snprintf(path, sizeof(path), "%s/nul2.zone", tmpdir);
		f = fopen(path, "w");
		assert_non_null(f);
		fputc(0, f);
		fputc(b, f);
		fclose(f);
		p = calloc(1, sizeof(*p));
		assert_non_null(p);
		zl_db_init(&p->db);
		zl_sink_init(&p->sink);
		lo.path = path;
		p->result = zl_db_load(&p->db, &lo, &p->sink, &p->zone);
		assert_int_equal(p->result, ZL_PARSE_OK);
		assert_true(p->sink.n >= 1);
		assert_int_equal(p->sink.v[0].col, 1);
		done(p);
	}
}

/* Messages that say where the fault is. */
static void test_precise_messages(void **state)
{
	(void)state;
	struct parsed *p = parse("$TTL 300\na A 192.0.2.1 \\\nb A 192.0.2.2\n");
	assert_int_equal(p->sink.n, 1);
	assert_non_null(strstr(msg(p, 0), "end of a line"));
	assert_int_equal(p->zone->nrr, 1);
	done(p);
	p = parse("$TTL 300\nt TXT ( \"a\"\n\"b\"\n");
	assert_int_equal(p->sink.n, 1);
	assert_non_null(strstr(msg(p, 0), "line 2, column 7"));
	done(p);
}

/* A heap string: head, then n copies of the octet fill, then tail. */
static char *padded(const char *head, size_t n, char fill, const char *tail)
{
	size_t hl = strlen(head), tl = strlen(tail);
	char *s = malloc(hl + n + tl + 1);

	assert_non_null(s);
	memcpy(s, head, hl);
	memset(s + hl, fill, n);
	memcpy(s + hl + n, tail, tl + 1);
	return s;
}

/*
 * A line longer than ZL_MAX_LINE is cut where it passes the limit: one
 * zonelint-limit error there, the rest of the line unread, and the lines
 * after it read and counted as before (lone CR and CRLF line ends too).
 * A line of exactly the limit is read whole.
 */
static void test_line_limit(void **state)
{
	(void)state;
	/* "a TXT "x"" is 9 octets; blanks take the line past the limit */
	char *text = padded("$TTL 300\na TXT \"x\"", ZL_MAX_LINE, ' ',
			    "\"y\"\rb A 192.0.2.1\r\nc A bad\n");
	struct parsed *p = parse(text);
	assert_int_equal(p->sink.n, 2);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zonelint_limit);
	assert_int_equal(p->sink.v[0].line, 2);
	assert_int_equal(p->sink.v[0].col, ZL_MAX_LINE + 1);
	assert_non_null(strstr(msg(p, 0), "longer than 1048576 octets"));
	assert_int_equal(p->sink.v[1].rule, ZL_RULE_zone_syntax);
	assert_int_equal(p->sink.v[1].line, 4);
	assert_int_equal(p->zone->nrr, 1);
	assert_int_equal(zl_rr_line(nth(p, 0)), 3);
	done(p);
	free(text);

	/* the cut inside a quoted string is still the line's limit, not a quote fault */
	text = padded("$TTL 300\na TXT \"", ZL_MAX_LINE, 'x', "\"\nb A 192.0.2.1\n");
	p = parse(text);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zonelint_limit);
	assert_int_equal(p->sink.v[0].col, ZL_MAX_LINE + 1);
	assert_int_equal(p->zone->nrr, 1);
	done(p);
	free(text);

	/* exactly the limit: a record and a comment that fill the line */
	text = padded("$TTL 300\na A 192.0.2.1 ;", ZL_MAX_LINE - 15, 'c', "\nb A 192.0.2.2\n");
	p = parse(text);
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 2);
	done(p);
	free(text);
}

/* A word or quoted string over ZL_MAX_TOKEN octets; one of exactly the limit is read. */
static void test_token_limit(void **state)
{
	(void)state;
	char *text = padded("$TTL 300\na TXT ", ZL_MAX_TOKEN + 1, 'w', "\nb A 192.0.2.1\n");
	struct parsed *p = parse(text);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zonelint_limit);
	assert_int_equal(p->sink.v[0].line, 2);
	assert_int_equal(p->sink.v[0].col, 7);
	assert_string_equal(msg(p, 0), "word is 262145 octets; the limit is 262144");
	assert_int_equal(p->zone->nrr, 1);
	done(p);
	free(text);

	/* at the limit the string is read, and RDATA rules judge it */
	text = padded("$TTL 300\na TXT \"", ZL_MAX_TOKEN, 'q', "\"\n");
	p = parse(text);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zone_syntax);
	assert_non_null(strstr(msg(p, 0), "limit is 255"));
	done(p);
	free(text);
}

/* An entry in parentheses that spans more than ZL_MAX_ENTRY octets is skipped to its end. */
static void test_entry_limit(void **state)
{
	(void)state;
	/* 8-octet lines "\"abcd\"\n\t" after the opening parenthesis */
	size_t lines = ZL_MAX_ENTRY / 8 + 1;
	char *text = padded("$TTL 300\na TXT (", lines * 8, '.', ")\nb A 192.0.2.1\n");
	char *body = strchr(text, '(') + 1;
	for (size_t i = 0; i < lines; i++)
		memcpy(body + i * 8, "\"abcd\"\n\t", 8);
	struct parsed *p = parse(text);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zonelint_limit);
	assert_non_null(strstr(msg(p, 0), "starts on line 2"));
	assert_int_equal(p->zone->nrr, 1);
	assert_owner(nth(p, 0), "b.example.com.");
	done(p);
	free(text);
}

/*
 * The record limit: the record past it is reported and nothing more is
 * read, neither the rest of an $INCLUDE file nor of the file including
 * it, nor of a $GENERATE.
 */
static void test_record_limit(void **state)
{
	(void)state;
	write_file("five.inc", "a A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\n"
		   "d A 192.0.2.4\ne A 192.0.2.5\n");
	struct parsed *p = parse_limited("t.zone", "$TTL 300\n$INCLUDE five.inc\nz A 192.0.2.9\n",
					 "example.com.", 3);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zonelint_limit);
	assert_int_equal(p->sink.v[0].line, 4);
	assert_non_null(strstr(p->sink.v[0].file, "five.inc"));
	assert_non_null(strstr(msg(p, 0), "more than 3 records"));
	assert_int_equal(p->zone->nrr, 3);
	done(p);
	p = parse_limited("t.zone", "$TTL 300\n$GENERATE 1-100 h$ A 192.0.2.1\nz A 192.0.2.9\n",
			  "example.com.", 10);
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zonelint_limit);
	assert_int_equal(p->zone->nrr, 10);
	done(p);
	/* exactly the limit: no finding */
	p = parse_limited("t.zone", "$TTL 300\na A 192.0.2.1\nb A 192.0.2.2\n",
			  "example.com.", 2);
	assert_int_equal(p->sink.n, 0);
	assert_int_equal(p->zone->nrr, 2);
	done(p);
}

/* $INCLUDE nests at most ZL_MAX_INCLUDE_DEPTH files deep. */
static void test_include_depth(void **state)
{
	(void)state;
	char name[32], text[64];
	for (int i = 1; i <= ZL_MAX_INCLUDE_DEPTH + 1; i++) {
		snprintf(name, sizeof(name), "depth%d.inc", i);
		snprintf(text, sizeof(text), "d%d A 192.0.2.1\n$INCLUDE depth%d.inc\n", i, i + 1);
		write_file(name, text);
	}
	struct parsed *p = parse("$TTL 300\n$INCLUDE depth1.inc\n");
	assert_int_equal(p->sink.n, 1);
	assert_int_equal(p->sink.v[0].rule, ZL_RULE_zonelint_limit);
	assert_non_null(strstr(p->sink.v[0].file, "depth16.inc"));
	assert_non_null(strstr(msg(p, 0), "deeper than 16 files"));
	assert_int_equal(p->zone->nrr, ZL_MAX_INCLUDE_DEPTH);
	done(p);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/zl-test-parser-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_owner),
		cmocka_unit_test(test_ttl_class_order),
		cmocka_unit_test(test_ttl_inherited),
		cmocka_unit_test(test_ttl_table),
		cmocka_unit_test(test_parentheses_and_comments),
		cmocka_unit_test(test_quoted_escapes),
		cmocka_unit_test(test_txt_segment_locations),
		cmocka_unit_test(test_txt_digests),
		cmocka_unit_test(test_rdata_name_cut),
		cmocka_unit_test(test_record_positions_far_out),
		cmocka_unit_test(test_node_walk),
		cmocka_unit_test(test_rrset_lone_and_multi),
		cmocka_unit_test(test_rrset_reading_order),
		cmocka_unit_test(test_lines_and_order_far_down),
		cmocka_unit_test(test_reserve_hint_too_big),
		cmocka_unit_test(test_name_table_grows),
		cmocka_unit_test(test_names_and_origin),
		cmocka_unit_test(test_names_share_ancestors),
		cmocka_unit_test(test_error_recovery),
		cmocka_unit_test(test_unbalanced),
		cmocka_unit_test(test_long_string),
		cmocka_unit_test(test_generic_rdata),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_include_errors),
		cmocka_unit_test(test_generate),
		cmocka_unit_test(test_origin_inference),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_cr_only),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_precise_messages),
		cmocka_unit_test(test_line_limit),
		cmocka_unit_test(test_token_limit),
		cmocka_unit_test(test_entry_limit),
		cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_include_depth),
	};
	return cmocka_run_group_tests_name("parser", tests, setup, teardown);
}
