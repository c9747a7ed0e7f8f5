/* rdata_fields.c - field converters for RDATA text: numbers, names, addresses, strings, encodings, bitmaps (RFC 1035 section 5, RFC 4034, RFC 4648). */
#include "rdata_fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "name.h"

int zl_rp_fail(struct zl_rp *p, size_t tok, const char *field,
	       const char *fmt, ...)
{
	char *e = p->ctx->err;
	size_t cap = sizeof(p->ctx->err);
	int n = 0;
	va_list ap;

	if (field)
		n = snprintf(e, cap, "%s %s: ", p->tname, field);
	if (n < 0 || (size_t)n >= cap)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(e + n, cap - (size_t)n, fmt, ap);
	va_end(ap);
	p->ctx->err_tok = tok;
	return -1;
}

const char *zl_rp_quote(const struct zl_token *t, char *out, size_t cap)
{
	size_t n = t->len > 40 ? 40 : t->len;

	snprintf(out, cap, "\"%.*s%s\"", (int)n, t->text, t->len > 40 ? "..." : "");
	return out;
}

const struct zl_token *zl_rp_next(struct zl_rp *p, const char *field)
{
	p->last = field;
	if (p->i >= p->ntoks) {
		zl_rp_fail(p, p->ntoks, NULL, "missing RDATA field: %s %s",
			   p->tname, field);
		return NULL;
	}
	return &p->toks[p->i++];
}

int zl_rp_unquoted(struct zl_rp *p, const struct zl_token *t, const char *field)
{
	char q[64];

	if (!t->quoted)
		return 0;
	return zl_rp_fail(p, (size_t)(t - p->toks), field,
			  "%s must not be quoted", zl_rp_quote(t, q, sizeof(q)));
}

int zl_rp_end(struct zl_rp *p, const char *last)
{
	if (p->i >= p->ntoks)
		return 0;
	return zl_rp_fail(p, p->i, NULL, "extra RDATA after %s %s", p->tname,
			  last);
}

/* ---- numbers and addresses ---- */

bool zl_parse_uint(const char *s, size_t len, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;

	if (len == 0 || len > 20)
		return false;
	for (size_t k = 0; k < len; k++) {
		unsigned d = (unsigned)(uint8_t)s[k] - '0';
		if (d > 9)
			return false;
		if (x > (UINT64_MAX - d) / 10)
			return false;
		x = x * 10 + d;
	}
	if (x > max)
		return false;
	*v = x;
	return true;
}

bool zl_parse_ipv4(const char *s, size_t len, uint8_t out[4])
{
	size_t k = 0;

	/* four numbers 0-255 of one to three digits, no leading zero */
	for (int part = 0; part < 4; part++) {
		unsigned v, d;

		if (part > 0) {
			if (k >= len || s[k] != '.')
				return false;
			k++;
		}
		if (k >= len || (v = (unsigned)(uint8_t)s[k] - '0') > 9)
			return false;
		k++;
		if (k < len && (d = (unsigned)(uint8_t)s[k] - '0') <= 9) {
			if (v == 0)
				return false;	/* leading zero */
			v = v * 10 + d;
			k++;
			if (k < len && (d = (unsigned)(uint8_t)s[k] - '0') <= 9) {
				v = v * 10 + d;
				k++;
				if (v > 255)
					return false;
				if (k < len && (unsigned)(uint8_t)s[k] - '0' <= 9)
					return false;	/* a fourth digit: over 255 */
			}
		}
		out[part] = (uint8_t)v;
	}
	return k == len;
}

/* Hex digits, either case: their value + 1; 0 (every other octet) for none. */
static const int8_t hex_value[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* Value of hex digit c, either case; -1 for anything else. */
static int hexval(int c)
{
	return hex_value[(uint8_t)c] - 1;
}

bool zl_parse_ipv6(const char *s, size_t len, uint8_t out[16])
{
	uint8_t tmp[16];
	size_t o = 0, k = 0;
	long gap = -1;		/* index in tmp where "::" stood */

	if (len < 2)
		return false;
	if (s[0] == ':') {
		if (s[1] != ':')
			return false;
		k = 2;
		gap = 0;
		if (k == len) {
			memset(out, 0, 16);
			return true;
		}
	}
	for (;;) {
		size_t start = k;
		unsigned v = 0;
		int d;

		while (k < len && (d = hexval((uint8_t)s[k])) >= 0) {
			v = (v << 4) | (unsigned)d;
			if (k - start >= 4)
				return false;
			k++;
		}
		if (k < len && s[k] == '.') {
			/* trailing dotted quad */
			if (o + 4 > 16 || !zl_parse_ipv4(s + start, len - start, tmp + o))
				return false;
			o += 4;
			break;
		}
		if (k == start)
			return false;
		if (o + 2 > 16)
			return false;
		tmp[o++] = (uint8_t)(v >> 8);
		tmp[o++] = (uint8_t)v;
		if (k == len)
			break;
		if (s[k] != ':')
			return false;
		k++;
		if (k < len && s[k] == ':') {
			if (gap >= 0)
				return false;
			gap = (long)o;
			k++;
			if (k == len)
				break;
		} else if (k == len) {
			return false;	/* trailing single ':' */
		}
	}
	if (gap >= 0) {
		size_t tail = o - (size_t)gap;
		if (o == 16)
			return false;	/* "::" must stand for at least one group */
		memset(out, 0, 16);
		memcpy(out, tmp, (size_t)gap);
		memcpy(out + 16 - tail, tmp + gap, tail);
		return true;
	}
	if (o != 16)
		return false;
	memcpy(out, tmp, 16);
	return true;
}

/* ---- character-strings ---- */

long zl_decode_string(const char *s, size_t len, uint8_t *out, size_t cap)
{
	/* the octets before the first escape stand for themselves */
	const char *bs = memchr(s, '\\', len);
	size_t k = bs ? (size_t)(bs - s) : len;
	if (k > cap)
		return -2;
	memcpy(out, s, k);
	size_t o = k;

	for (; k < len; k++) {
		uint8_t c = (uint8_t)s[k];

		if (c == '\\') {
			if (++k >= len)
				return -1;
			if (s[k] >= '0' && s[k] <= '9') {
				unsigned v = 0;
				if (k + 2 >= len)
					return -1;
				for (int j = 0; j < 3; j++) {
					unsigned d = (unsigned)(uint8_t)s[k + (size_t)j] - '0';
					if (d > 9)
						return -1;
					v = v * 10 + d;
				}
				if (v > 255)
					return -1;
				k += 2;
				c = (uint8_t)v;
			} else {
				c = (uint8_t)s[k];
			}
		}
		if (o >= cap)
			return -2;
		out[o++] = c;
	}
	return (long)o;
}

/*
 * Append token t as one <character-string> (length octet + data) to the
 * output.  Returns the decoded length or -1 with the error set.
 */
static long put_string(struct zl_rp *p, const struct zl_token *t,
		       const char *field)
{
	struct zl_buf *out = p->ctx->out;
	uint8_t *dst = zl_buf_reserve(out, (size_t)t->len + 1);
	long n = zl_decode_string(t->text, t->len, dst + 1, t->len);
	char q[64];

	if (n < 0)
		return zl_rp_fail(p, (size_t)(t - p->toks), field,
				  "bad escape in %s (\\DDD must be 3 digits 000-255)",
				  zl_rp_quote(t, q, sizeof(q)));
	if (n > 255)
		return zl_rp_fail(p, (size_t)(t - p->toks), NULL,
				  "%s %s is %ld octets; the limit is 255",
				  p->tname, field, n);
	dst[0] = (uint8_t)n;
	out->len += (size_t)n + 1;
	return n;
}

/*
 * One or more character-strings to the end of the RDATA (TXT, SPF and
 * the other TXT-like types).  Fills ctx->segs from ctx->scratch.
 */
int zl_parse_txt(struct zl_rp *p)
{
	struct zl_rdata_ctx *ctx = p->ctx;
	size_t n = p->ntoks - p->i;
	struct zl_txtseg *segs;

	if (n == 0) {
		zl_rp_next(p, "text");
		return -1;
	}
	segs = zl_arena_alloc(ctx->scratch, n * sizeof(*segs));
	for (size_t k = 0; k < n; k++) {
		const struct zl_token *t = &p->toks[p->i++];
		long len = put_string(p, t, "character-string");

		if (len < 0)
			return -1;
		segs[k].line = t->line;
		segs[k].col = t->quoted ? t->col + 1 : t->col;
		segs[k].len = (uint8_t)len;
		segs[k].quoted = t->quoted;
		segs[k].semi_after = t->semi_after;
		if (memchr(t->text, '\\', t->len)) {
			/* len <= 255 decoded octets, each written in at most 4 */
			segs[k].raw_ref = zl_ref_of(zl_arena_dup(ctx->scratch, t->text, t->len));
			segs[k].rawlen = (uint16_t)t->len;
		} else {
			segs[k].raw_ref = 0;
			segs[k].rawlen = 0;
		}
	}
	ctx->segs = segs;
	ctx->nsegs = n;
	return 0;
}

/* ---- encodings ---- */

static int parse_hex_tokens(struct zl_rp *p, size_t from, size_t to,
			    const char *field)
{
	struct zl_buf *out = p->ctx->out;
	int hi = -1;
	size_t hi_tok = from;
	char q[64];

	for (size_t k = from; k < to; k++) {
		const struct zl_token *t = &p->toks[k];

		if (zl_rp_unquoted(p, t, field))
			return -1;
		for (size_t j = 0; j < t->len; j++) {
			int d = hexval((uint8_t)t->text[j]);
			if (d < 0)
				return zl_rp_fail(p, k, field, "%s is not hex",
						  zl_rp_quote(t, q, sizeof(q)));
			if (hi < 0) {
				hi = d;
				hi_tok = k;
			} else {
				zl_buf_put8(out, (uint8_t)(hi << 4 | d));
				hi = -1;
			}
		}
	}
	if (hi >= 0)
		return zl_rp_fail(p, hi_tok, field, "odd number of hex digits");
	return 0;
}

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int zl_f_base64_tokens(struct zl_rp *p, size_t from, size_t to,
		       const char *field)
{
	struct zl_buf *out = p->ctx->out;
	uint32_t acc = 0;
	unsigned nq = 0;	/* sextets in the current quartet */
	unsigned pad = 0;	/* '=' seen in the current quartet */
	bool done = false;	/* a padded quartet ended the data */
	char q[64];

	for (size_t k = from; k < to; k++) {
		const struct zl_token *t = &p->toks[k];

		if (zl_rp_unquoted(p, t, field))
			return -1;
		for (size_t j = 0; j < t->len; j++) {
			int c = (uint8_t)t->text[j];
			int v = b64val(c);

			if (done)
				return zl_rp_fail(p, k, field,
						  "%s: base64 data after the final padding",
						  zl_rp_quote(t, q, sizeof(q)));
			if (c == '=') {
				if (nq < 2)
					return zl_rp_fail(p, k, field, "%s is not base64",
							  zl_rp_quote(t, q, sizeof(q)));
				pad++;
				nq++;
			} else if (v < 0 || pad) {
				return zl_rp_fail(p, k, field, "%s is not base64",
						  zl_rp_quote(t, q, sizeof(q)));
			} else {
				acc = acc << 6 | (uint32_t)v;
				nq++;
			}
			if (nq == 4) {
				if (pad == 0) {
					uint8_t b[3] = { (uint8_t)(acc >> 16),
							 (uint8_t)(acc >> 8),
							 (uint8_t)acc };
					zl_buf_put(out, b, 3);
				} else if (pad == 1) {
					if (acc & 0x3)
						return zl_rp_fail(p, k, field, "%s is not canonical base64 (non-zero padding bits)",
								  zl_rp_quote(t, q, sizeof(q)));
					zl_buf_put8(out, (uint8_t)(acc >> 10));
					zl_buf_put8(out, (uint8_t)(acc >> 2));
					done = true;
				} else {
					if (acc & 0xf)
						return zl_rp_fail(p, k, field, "%s is not canonical base64 (non-zero padding bits)",
								  zl_rp_quote(t, q, sizeof(q)));
					zl_buf_put8(out, (uint8_t)(acc >> 4));
					done = true;
				}
				nq = 0;
				acc = 0;
			}
		}
	}
	if (nq != 0)
		return zl_rp_fail(p, to - 1, field,
				  "base64 data is not a multiple of 4 characters");
	return 0;
}

static int b32val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'V')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'v')
		return c - 'a' + 10;
	return -1;
}

/* Base32hex without padding (RFC 4648 section 7, RFC 5155 section 3.3), one length octet. */
static int parse_b32(struct zl_rp *p, const char *field)
{
	const struct zl_token *t = zl_rp_next(p, field);
	struct zl_buf *out = p->ctx->out;
	size_t lenpos, ti;
	uint32_t acc = 0;
	unsigned bits = 0;
	char q[64];

	if (!t || zl_rp_unquoted(p, t, field))
		return -1;
	ti = (size_t)(t - p->toks);
	/* 8 characters carry 5 octets; 1, 3 and 6 leftover characters cannot end a value */
	switch (t->len % 8) {
	case 1: case 3: case 6:
		return zl_rp_fail(p, ti, field, "%s is not base32hex (bad length)",
				  zl_rp_quote(t, q, sizeof(q)));
	}
	if (t->len / 8 * 5 + (t->len % 8) * 5 / 8 > 255)
		return zl_rp_fail(p, ti, field, "%s is longer than 255 octets",
				  zl_rp_quote(t, q, sizeof(q)));
	lenpos = out->len;
	zl_buf_put8(out, 0);
	for (size_t j = 0; j < t->len; j++) {
		int v = b32val((uint8_t)t->text[j]);
		if (v < 0)
			return zl_rp_fail(p, ti, field, "%s is not base32hex",
					  zl_rp_quote(t, q, sizeof(q)));
		acc = acc << 5 | (uint32_t)v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			zl_buf_put8(out, (uint8_t)(acc >> bits));
			acc &= (1u << bits) - 1;
		}
	}
	if (acc != 0)
		return zl_rp_fail(p, ti, field, "%s is not canonical base32hex (non-zero padding bits)",
				  zl_rp_quote(t, q, sizeof(q)));
	out->data[lenpos] = (uint8_t)(out->len - lenpos - 1);
	return 0;
}

/* NSEC3 salt: "-" or hex, one length octet (RFC 5155 section 3.3). */
static int parse_salt(struct zl_rp *p, const char *field)
{
	const struct zl_token *t = zl_rp_next(p, field);
	struct zl_buf *out = p->ctx->out;
	size_t lenpos = out->len, ti;

	if (!t || zl_rp_unquoted(p, t, field))
		return -1;
	ti = (size_t)(t - p->toks);
	zl_buf_put8(out, 0);
	if (t->len == 1 && t->text[0] == '-')
		return 0;
	if (parse_hex_tokens(p, ti, ti + 1, field))
		return -1;
	if (out->len - lenpos - 1 > 255)
		return zl_rp_fail(p, ti, field, "salt is %zu octets; the limit is 255",
				  out->len - lenpos - 1);
	out->data[lenpos] = (uint8_t)(out->len - lenpos - 1);
	return 0;
}

/* ---- type bitmap (RFC 4034 section 4.1.2) ---- */

static int parse_bitmap(struct zl_rp *p, const char *field)
{
	size_t n = p->ntoks - p->i;
	uint16_t *types;
	size_t nt = 0;
	struct zl_buf *out = p->ctx->out;
	char q[64];

	if (n == 0)
		return 0;
	types = zl_arena_alloc(p->ctx->scratch, n * sizeof(*types));
	for (; p->i < p->ntoks; p->i++) {
		const struct zl_token *t = &p->toks[p->i];
		const struct zl_type_info *ti;
		size_t k;

		if (zl_rp_unquoted(p, t, field))
			return -1;
		ti = zl_type_by_name(t->text, t->len);
		if (!ti)
			return zl_rp_fail(p, p->i, field, "%s is not a known RR type",
					  zl_rp_quote(t, q, sizeof(q)));
		/* insertion sort; duplicates are merged as BIND does */
		for (k = nt; k > 0 && types[k - 1] > ti->number; k--)
			types[k] = types[k - 1];
		if (k > 0 && types[k - 1] == ti->number) {
			memmove(types + k, types + k + 1, (nt - k) * sizeof(*types));
			continue;
		}
		types[k] = ti->number;
		nt++;
	}
	for (size_t k = 0; k < nt;) {
		unsigned win = types[k] >> 8;
		uint8_t bits[32] = { 0 };
		unsigned maxb = 0;

		for (; k < nt && (types[k] >> 8) == win; k++) {
			unsigned lo = types[k] & 0xff;
			bits[lo >> 3] |= (uint8_t)(0x80 >> (lo & 7));
			maxb = lo >> 3;
		}
		zl_buf_put8(out, (uint8_t)win);
		zl_buf_put8(out, (uint8_t)(maxb + 1));
		zl_buf_put(out, bits, maxb + 1);
	}
	return 0;
}

/* ---- RRSIG times (RFC 4034 section 3.2) ---- */

/* Days from 1970-01-01 to y-01-01 (negative before 1970), proleptic Gregorian. */
static int64_t days_to_year(int64_t y)
{
	int64_t d = 0;

	for (int64_t k = 1970; k < y; k++)
		d += 365 + (((k % 4 == 0 && k % 100 != 0) || k % 400 == 0) ? 1 : 0);
	for (int64_t k = y; k < 1970; k++)
		d -= 365 + (((k % 4 == 0 && k % 100 != 0) || k % 400 == 0) ? 1 : 0);
	return d;
}

/*
 * RRSIG time: 14 digits YYYYMMDDHHmmSS (year 0000-9999, second up to 60,
 * as BIND's dns_time64_fromtext), reduced modulo 2^32 (RFC 4034 section
 * 3.1.5 serial arithmetic); or decimal seconds of at most 10 digits.
 */
static bool parse_time(const char *s, size_t len, uint32_t *out)
{
	static const uint8_t mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	static const uint8_t pos[7] = { 0, 4, 6, 8, 10, 12, 14 };
	unsigned f[6];
	uint64_t v;

	if (len != 14) {
		if (len > 10 || !zl_parse_uint(s, len, UINT32_MAX, &v))
			return false;
		*out = (uint32_t)v;
		return true;
	}
	for (size_t k = 0; k < 14; k++)
		if (s[k] < '0' || s[k] > '9')
			return false;
	for (int j = 0; j < 6; j++) {
		unsigned x = 0;
		for (unsigned k = pos[j]; k < pos[j + 1]; k++)
			x = x * 10 + (unsigned)(s[k] - '0');
		f[j] = x;
	}
	unsigned y = f[0], mo = f[1], d = f[2];
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12 || d < 1 ||
	    d > (unsigned)(mdays[mo - 1] + (mo == 2 && leap)) || f[3] > 23 ||
	    f[4] > 59 || f[5] > 60)
		return false;
	int64_t days = days_to_year(y);
	for (unsigned m = 1; m < mo; m++)
		days += mdays[m - 1] + (m == 2 && leap);
	days += d - 1;
	int64_t secs = days * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
	*out = (uint32_t)(uint64_t)secs;
	return true;
}

/* ---- DNSSEC mnemonics ---- */

bool zl_find_mnem(const struct zl_mnem *tab, const char *s, size_t len,
		  uint16_t *v)
{
	for (; tab->name; tab++)
		if (strlen(tab->name) == len && strncasecmp(tab->name, s, len) == 0) {
			*v = tab->value;
			return true;
		}
	return false;
}

/*
 * BIND 9.18 dns_secalg_fromtext names (RFC 4034 A.1, RFC 5155, RFC 8624).
 * BIND does not take the IANA names ECC (4), DSA-NSEC3-SHA1 (6) and
 * RSASHA1-NSEC3-SHA1 (7): "unknown class/type".
 */
static const struct zl_mnem algs[] = {
	{ "RSAMD5", 1 }, { "DH", 2 }, { "DSA", 3 },
	{ "RSASHA1", 5 }, { "NSEC3DSA", 6 }, { "NSEC3RSASHA1", 7 },
	{ "RSASHA256", 8 }, { "RSASHA512", 10 }, { "ECCGOST", 12 },
	{ "ECDSAP256SHA256", 13 }, { "ECDSA256", 13 },
	{ "ECDSAP384SHA384", 14 }, { "ECDSA384", 14 },
	{ "ED25519", 15 }, { "ED448", 16 }, { "INDIRECT", 252 },
	{ "PRIVATEDNS", 253 }, { "PRIVATEOID", 254 }, { NULL, 0 }
};

bool zl_parse_alg(const char *s, size_t len, uint8_t *alg)
{
	uint64_t v;
	uint16_t m;

	if (zl_parse_uint(s, len, 255, &v)) {
		*alg = (uint8_t)v;
		return true;
	}
	if (len > 0 && s[0] >= '0' && s[0] <= '9')
		return false;
	if (!zl_find_mnem(algs, s, len, &m))
		return false;
	*alg = (uint8_t)m;
	return true;
}

/* BIND dns_keyflags_fromtext names (RFC 2535 section 3.1.2, RFC 4034, RFC 5011). */
static const struct zl_mnem keyflags[] = {
	{ "NOCONF", 0x4000 }, { "NOAUTH", 0x8000 }, { "NOKEY", 0xC000 },
	{ "FLAG2", 0x2000 }, { "EXTEND", 0x1000 }, { "FLAG4", 0x0800 },
	{ "FLAG5", 0x0400 }, { "USER", 0x0000 }, { "ZONE", 0x0100 },
	{ "HOST", 0x0200 }, { "NTYP3", 0x0300 }, { "FLAG8", 0x0080 },
	{ "FLAG9", 0x0040 }, { "FLAG10", 0x0020 }, { "FLAG11", 0x0010 },
	{ "REVOKE", 0x0080 }, { "KSK", 0x0001 },
	/* the signatory field, low four bits (RFC 2535 section 3.1.2) */
	{ "SIG0", 0 }, { "SIG1", 1 }, { "SIG2", 2 }, { "SIG3", 3 }, { "SIG4", 4 },
	{ "SIG5", 5 }, { "SIG6", 6 }, { "SIG7", 7 }, { "SIG8", 8 }, { "SIG9", 9 },
	{ "SIG10", 10 }, { "SIG11", 11 }, { "SIG12", 12 }, { "SIG13", 13 },
	{ "SIG14", 14 }, { "SIG15", 15 }, { NULL, 0 }
};

static bool parse_keyflags(const char *s, size_t len, uint16_t *out)
{
	uint64_t v;
	uint16_t f = 0;

	if (zl_parse_uint(s, len, 65535, &v)) {
		*out = (uint16_t)v;
		return true;
	}
	if (len > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
		/* BIND also takes hexadecimal flags: "0x0100" */
		v = 0;
		for (size_t k = 2; k < len; k++) {
			int d = hexval((uint8_t)s[k]);
			if (d < 0 || (v = v << 4 | (unsigned)d) > 65535)
				return false;
		}
		*out = (uint16_t)v;
		return true;
	}
	while (len > 0) {
		const char *bar = memchr(s, '|', len);
		size_t n = bar ? (size_t)(bar - s) : len;
		uint16_t m;

		if (!zl_find_mnem(keyflags, s, n, &m))
			return false;
		f |= m;
		if (!bar)
			break;
		len -= n + 1;
		s += n + 1;
		if (len == 0)
			return false;
	}
	*out = f;
	return true;
}

/* BIND dns_secproto_fromtext names (RFC 2535 section 3.1.3). */
static const struct zl_mnem protos[] = {
	{ "NONE", 0 }, { "TLS", 1 }, { "EMAIL", 2 }, { "DNSSEC", 3 },
	{ "IPSEC", 4 }, { "ALL", 255 }, { NULL, 0 }
};

/* ---- EUI-48/64 (RFC 7043 section 3.2) and ILNP locators (RFC 6742 section 2.3) ---- */

static bool parse_eui(const char *s, size_t len, size_t n, uint8_t *out)
{
	if (len != n * 3 - 1)
		return false;
	for (size_t k = 0; k < n; k++) {
		int hi = hexval((uint8_t)s[3 * k]), lo = hexval((uint8_t)s[3 * k + 1]);
		if (hi < 0 || lo < 0 || (k + 1 < n && s[3 * k + 2] != '-'))
			return false;
		out[k] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static bool parse_ilnp64(const char *s, size_t len, uint8_t out[8])
{
	size_t k = 0;

	for (int g = 0; g < 4; g++) {
		unsigned v = 0, nd = 0;
		int d;

		if (g > 0) {
			if (k >= len || s[k] != ':')
				return false;
			k++;
		}
		while (k < len && (d = hexval((uint8_t)s[k])) >= 0) {
			if (++nd > 4)
				return false;
			v = v << 4 | (unsigned)d;
			k++;
		}
		if (nd == 0)
			return false;
		out[2 * g] = (uint8_t)(v >> 8);
		out[2 * g + 1] = (uint8_t)v;
	}
	return k == len;
}

/* ---- the dispatcher ---- */

int zl_f_parse(struct zl_rp *p, unsigned k, const char *field)
{
	struct zl_rdata_ctx *ctx = p->ctx;

	p->last = field;
	const struct zl_token *t;
	size_t ti;
	uint64_t v;
	uint8_t b[16];
	char q[64];

	switch (k) {
	case ZL_F_STRS:
		return zl_parse_txt(p);
	case ZL_F_HEX:
		if (p->i >= p->ntoks) {
			zl_rp_next(p, field);
			return -1;
		}
		ti = p->i;
		p->i = p->ntoks;
		return parse_hex_tokens(p, ti, p->ntoks, field);
	case ZL_F_B64:
		if (p->i >= p->ntoks) {
			zl_rp_next(p, field);
			return -1;
		}
		/* fall through */
	case ZL_F_B64_0:
		ti = p->i;
		p->i = p->ntoks;
		return zl_f_base64_tokens(p, ti, p->ntoks, field);
	case ZL_F_BITMAP:
		return parse_bitmap(p, field);
	case ZL_F_SALT:
		return parse_salt(p, field);
	case ZL_F_B32:
		return parse_b32(p, field);
	}

	t = zl_rp_next(p, field);
	if (!t)
		return -1;
	ti = (size_t)(t - p->toks);
	if (k == ZL_F_STR)
		return put_string(p, t, field) < 0 ? -1 : 0;
	if (zl_rp_unquoted(p, t, field))
		return -1;

	switch (k) {
	case ZL_F_NAME: {
		uint8_t *dst = zl_buf_reserve(ctx->out, ZL_NAME_MAX);
		size_t n, off;
		enum zl_name_status st = zl_name_from_text_odd(t->text, t->len,
							       ctx->origin, dst, &n, &off);
		if (st == ZL_NAME_LABEL_TOO_LONG || st == ZL_NAME_TOO_LONG)
			ctx->err_name_length = true;
		if (st != ZL_NAME_OK)
			return zl_rp_fail(p, ti, field, "%s is not a valid name (%s)",
					  zl_rp_quote(t, q, sizeof(q)),
					  zl_name_strerror(st));
		ctx->out->len += n;
		if (off != SIZE_MAX && !ctx->odd) {
			ctx->odd = true;
			ctx->odd_field = field;
			ctx->odd_text = t->text;
			ctx->odd_len = t->len;
			ctx->odd_off = off;
			ctx->odd_line = t->line;
			ctx->odd_col = t->col;
		}
		return 0;
	}
	case ZL_F_U8:
		if (!zl_parse_uint(t->text, t->len, 255, &v))
			return zl_rp_fail(p, ti, field, "%s is not a number 0-255",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put8(ctx->out, (uint8_t)v);
		return 0;
	case ZL_F_U16:
		if (!zl_parse_uint(t->text, t->len, 65535, &v))
			return zl_rp_fail(p, ti, field, "%s is not a number 0-65535",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put16(ctx->out, (uint16_t)v);
		return 0;
	case ZL_F_U32:
		if (!zl_parse_uint(t->text, t->len, UINT32_MAX, &v))
			return zl_rp_fail(p, ti, field, "%s is not a number 0-4294967295",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put32(ctx->out, (uint32_t)v);
		return 0;
	case ZL_F_PERIOD: {
		uint32_t s;
		if (zl_ttl_parse(t->text, t->len, &s) == ZL_TTL_BAD)
			return zl_rp_fail(p, ti, field,
					  "%s is not a time value (seconds, or units as in 1w2d3h4m5s) up to 4294967295",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put32(ctx->out, s);
		return 0;
	}
	case ZL_F_A:
		if (!zl_parse_ipv4(t->text, t->len, b))
			return zl_rp_fail(p, ti, field, "%s is not an IPv4 address",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put(ctx->out, b, 4);
		return 0;
	case ZL_F_AAAA:
		if (!zl_parse_ipv6(t->text, t->len, b))
			return zl_rp_fail(p, ti, field, "%s is not an IPv6 address",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put(ctx->out, b, 16);
		return 0;
	case ZL_F_TYPE: {
		const struct zl_type_info *ty = zl_type_by_name(t->text, t->len);
		if (!ty)
			return zl_rp_fail(p, ti, field, "%s is not a known RR type",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put16(ctx->out, ty->number);
		return 0;
	}
	case ZL_F_ALG:
		if (!zl_parse_alg(t->text, t->len, b))
			return zl_rp_fail(p, ti, field,
					  "%s is not an algorithm number 0-255 or mnemonic",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put8(ctx->out, b[0]);
		return 0;
	case ZL_F_KEYFLAGS: {
		uint16_t f;
		if (!parse_keyflags(t->text, t->len, &f))
			return zl_rp_fail(p, ti, field,
					  "%s is not a number 0-65535 or flag mnemonics",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put16(ctx->out, f);
		return 0;
	}
	case ZL_F_PROTO: {
		uint16_t m;
		if (zl_parse_uint(t->text, t->len, 255, &v))
			m = (uint16_t)v;
		else if (!zl_find_mnem(protos, t->text, t->len, &m))
			return zl_rp_fail(p, ti, field,
					  "%s is not a number 0-255 or protocol mnemonic",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put8(ctx->out, (uint8_t)m);
		return 0;
	}
	case ZL_F_TIME: {
		uint32_t s;
		if (!parse_time(t->text, t->len, &s))
			return zl_rp_fail(p, ti, field,
					  "%s is not a time (YYYYMMDDHHmmSS or seconds 0-4294967295)",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put32(ctx->out, s);
		return 0;
	}
	case ZL_F_EUI48:
	case ZL_F_EUI64: {
		size_t n = k == ZL_F_EUI48 ? 6 : 8;
		if (!parse_eui(t->text, t->len, n, b))
			return zl_rp_fail(p, ti, field, "%s is not %s",
					  zl_rp_quote(t, q, sizeof(q)),
					  n == 6 ? "an EUI-48 address (xx-xx-xx-xx-xx-xx)"
						 : "an EUI-64 address (xx-xx-xx-xx-xx-xx-xx-xx)");
		zl_buf_put(ctx->out, b, n);
		return 0;
	}
	case ZL_F_ILNP64:
		if (!parse_ilnp64(t->text, t->len, b))
			return zl_rp_fail(p, ti, field, "%s is not a 64-bit locator (xxxx:xxxx:xxxx:xxxx)",
					  zl_rp_quote(t, q, sizeof(q)));
		zl_buf_put(ctx->out, b, 8);
		return 0;
	}
	return zl_rp_fail(p, ti, field, "internal error: field kind %u", k);
}
