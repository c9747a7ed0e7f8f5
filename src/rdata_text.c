/* rdata_text.c - RDATA wire -> presentation text: field formatters, the generic field-list walker, RFC 3597 generic form (BIND 9.18 text forms). */
#include "rdata_fields.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "arena.h"
#include "name.h"

void zl_t_sep(struct zl_wp *w)
{
	if (w->out->len > w->start)
		zl_buf_put8(w->out, ' ');
}

void zl_t_puts(struct zl_buf *out, const char *s)
{
	zl_buf_put(out, s, strlen(s));
}

void zl_t_string(struct zl_buf *out, const uint8_t *s, size_t n)
{
	char esc[8];

	zl_buf_put8(out, '"');
	for (size_t k = 0; k < n; k++) {
		uint8_t c = s[k];
		if (c < 0x20 || c > 0x7e) {
			snprintf(esc, sizeof(esc), "\\%03u", c);
			zl_buf_put(out, esc, 4);
		} else {
			if (c == '"' || c == '\\')
				zl_buf_put8(out, '\\');
			zl_buf_put8(out, c);
		}
	}
	zl_buf_put8(out, '"');
}

void zl_t_hex(struct zl_buf *out, const uint8_t *s, size_t n, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	uint8_t *p = zl_buf_reserve(out, 2 * n);

	for (size_t k = 0; k < n; k++) {
		p[2 * k] = (uint8_t)digits[s[k] >> 4];
		p[2 * k + 1] = (uint8_t)digits[s[k] & 0xf];
	}
	out->len += 2 * n;
}

void zl_t_base64(struct zl_buf *out, const uint8_t *s, size_t n)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint8_t *p = zl_buf_reserve(out, (n + 2) / 3 * 4);
	size_t o = 0;

	for (size_t k = 0; k < n; k += 3) {
		uint32_t v = (uint32_t)s[k] << 16;
		size_t left = n - k;
		if (left > 1)
			v |= (uint32_t)s[k + 1] << 8;
		if (left > 2)
			v |= s[k + 2];
		p[o++] = (uint8_t)b64[v >> 18];
		p[o++] = (uint8_t)b64[(v >> 12) & 63];
		p[o++] = left > 1 ? (uint8_t)b64[(v >> 6) & 63] : '=';
		p[o++] = left > 2 ? (uint8_t)b64[v & 63] : '=';
	}
	out->len += o;
}

/* Base32hex without padding (RFC 4648 section 7), upper case as BIND prints NSEC3 hashes. */
static void put_base32hex(struct zl_buf *out, const uint8_t *s, size_t n)
{
	static const char b32[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
	uint32_t acc = 0;
	unsigned bits = 0;

	for (size_t k = 0; k < n; k++) {
		acc = acc << 8 | s[k];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			zl_buf_put8(out, (uint8_t)b32[(acc >> bits) & 31]);
		}
		acc &= (1u << bits) - 1;
	}
	if (bits > 0)
		zl_buf_put8(out, (uint8_t)b32[(acc << (5 - bits)) & 31]);
}

/* Append the decimal value v. */
static void put_uint(struct zl_buf *out, uint64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
	zl_buf_put(out, tmp, (size_t)n);
}

/* Big-endian reads; the caller has checked the length. */
static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * Length of the uncompressed wire name at d[o..len), or 0 when it is
 * not well-formed (label over 63, runs past the end, over 255 octets).
 */
static size_t name_len(const uint8_t *d, size_t o, size_t len)
{
	size_t start = o;

	for (;;) {
		if (o >= len || d[o] > 63)
			return 0;
		size_t l = d[o];
		o += 1 + l;
		if (o - start > ZL_NAME_MAX || o > len)
			return 0;
		if (l == 0)
			return o - start;
	}
}

/*
 * Civil date of day number z (days since 1970-01-01, may be negative),
 * proleptic Gregorian calendar, by 400-year eras.
 */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;			/* days from 0000-03-01 to 1970-01-01 */
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);		/* day of era, 0..146096 */
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* day of year from March 1 */
	unsigned mp = (5 * doy + 2) / 153;			/* month from March, 0..11 */

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/*
 * RRSIG/SIG time (RFC 4034 section 3.2): the 32-bit value is serial
 * arithmetic, so it names the moment nearest to now (within 2^31 seconds
 * either way), printed YYYYMMDDHHmmSS in UTC, as BIND 9 does.
 */
static void put_time(struct zl_buf *out, uint32_t v)
{
	int64_t now = (int64_t)time(NULL);
	int64_t t = now + (int32_t)(v - (uint32_t)now);
	int64_t days = (t >= 0 ? t : t - 86399) / 86400;
	int64_t secs = t - days * 86400, y;
	unsigned m, d;
	char tmp[32];

	civil_from_days(days, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04lld%02u%02u%02u%02u%02u", (long long)y, m, d,
		 (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
		 (unsigned)(secs % 60));
	zl_t_puts(out, tmp);
}

/* Type bitmap (RFC 4034 section 4.1.2): windows ascending, 1-32 octets each. */
static int put_bitmap(struct zl_wp *w)
{
	int last = -1;
	char tname[16];

	while (w->o < w->len) {
		if (w->o + 2 > w->len)
			return -1;
		unsigned win = w->d[w->o], bl = w->d[w->o + 1];
		if ((int)win <= last || bl < 1 || bl > 32 || w->o + 2 + bl > w->len)
			return -1;
		last = (int)win;
		const uint8_t *b = w->d + w->o + 2;
		for (unsigned k = 0; k < bl * 8; k++)
			if (b[k >> 3] & (0x80 >> (k & 7))) {
				zl_t_sep(w);
				zl_t_puts(w->out, zl_type_name((uint16_t)(win << 8 | k),
							       tname, sizeof(tname)));
			}
		w->o += 2 + bl;
	}
	return 0;
}

int zl_t_field(struct zl_wp *w, unsigned k)
{
	const uint8_t *p = w->d + w->o;
	size_t left = w->len - w->o, n;
	char tmp[64];

	switch (k) {
	case ZL_F_NAME: {
		char name[ZL_NAME_TEXT_MAX];
		n = name_len(w->d, w->o, w->len);
		if (n == 0)
			return -1;
		zl_name_to_text(p, name, sizeof(name));
		zl_t_sep(w);
		zl_t_puts(w->out, name);
		w->o += n;
		return 0;
	}
	case ZL_F_U8: case ZL_F_ALG: case ZL_F_PROTO:
		if (left < 1)
			return -1;
		zl_t_sep(w);
		put_uint(w->out, p[0]);
		w->o += 1;
		return 0;
	case ZL_F_U16: case ZL_F_KEYFLAGS:
		if (left < 2)
			return -1;
		zl_t_sep(w);
		put_uint(w->out, get16(p));
		w->o += 2;
		return 0;
	case ZL_F_U32: case ZL_F_PERIOD: case ZL_F_TIME:
		if (left < 4)
			return -1;
		zl_t_sep(w);
		if (k == ZL_F_TIME)
			put_time(w->out, get32(p));
		else
			put_uint(w->out, get32(p));
		w->o += 4;
		return 0;
	case ZL_F_TYPE:
		if (left < 2)
			return -1;
		zl_t_sep(w);
		zl_t_puts(w->out, zl_type_name(get16(p), tmp, sizeof(tmp)));
		w->o += 2;
		return 0;
	case ZL_F_A: case ZL_F_AAAA: {
		n = k == ZL_F_A ? 4 : 16;
		if (left < n || !inet_ntop(n == 4 ? AF_INET : AF_INET6, p, tmp, sizeof(tmp)))
			return -1;
		zl_t_sep(w);
		zl_t_puts(w->out, tmp);
		w->o += n;
		return 0;
	}
	case ZL_F_STR:
		if (left < 1 || left < 1 + (size_t)p[0])
			return -1;
		zl_t_sep(w);
		zl_t_string(w->out, p + 1, p[0]);
		w->o += 1 + (size_t)p[0];
		return 0;
	case ZL_F_STRS:
		if (left == 0)
			return -1;
		while (w->o < w->len)
			if (zl_t_field(w, ZL_F_STR))
				return -1;
		return 0;
	case ZL_F_HEX:
	case ZL_F_B64:
	case ZL_F_B64_0:
		if (left == 0)
			return k == ZL_F_B64_0 ? 0 : -1;
		zl_t_sep(w);
		if (k == ZL_F_HEX)
			zl_t_hex(w->out, p, left, true);
		else
			zl_t_base64(w->out, p, left);
		w->o = w->len;
		return 0;
	case ZL_F_BITMAP:
		return put_bitmap(w);
	case ZL_F_SALT:
		if (left < 1 || left < 1 + (size_t)p[0])
			return -1;
		zl_t_sep(w);
		if (p[0] == 0)
			zl_buf_put8(w->out, '-');
		else
			zl_t_hex(w->out, p + 1, p[0], true);
		w->o += 1 + (size_t)p[0];
		return 0;
	case ZL_F_B32:
		if (left < 1 || left < 1 + (size_t)p[0])
			return -1;
		zl_t_sep(w);
		put_base32hex(w->out, p + 1, p[0]);
		w->o += 1 + (size_t)p[0];
		return 0;
	case ZL_F_EUI48: case ZL_F_EUI64:
		n = k == ZL_F_EUI48 ? 6 : 8;
		if (left < n)
			return -1;
		zl_t_sep(w);
		for (size_t j = 0; j < n; j++) {
			if (j)
				zl_buf_put8(w->out, '-');
			zl_t_hex(w->out, p + j, 1, false);
		}
		w->o += n;
		return 0;
	case ZL_F_ILNP64:
		if (left < 8)
			return -1;
		snprintf(tmp, sizeof(tmp), "%x:%x:%x:%x", get16(p), get16(p + 2),
			 get16(p + 4), get16(p + 6));
		zl_t_sep(w);
		zl_t_puts(w->out, tmp);
		w->o += 8;
		return 0;
	}
	return -1;	/* ZL_F_REST and anything unknown */
}

int zl_t_fields(struct zl_wp *w, const struct zl_field *f)
{
	for (; f->kind != ZL_F_END; f++)
		if (zl_t_field(w, f->kind))
			return -1;
	return w->o == w->len ? 0 : -1;
}

/* RFC 3597 section 5: "\# <length> <hex>", one hex word, upper case. */
static void put_generic(struct zl_buf *out, const uint8_t *rdata, size_t rdlen)
{
	zl_t_puts(out, "\\# ");
	put_uint(out, rdlen);
	if (rdlen) {
		zl_buf_put8(out, ' ');
		zl_t_hex(out, rdata, rdlen, true);
	}
}

int zl_rdata_text_row(uint16_t flags, const struct zl_field *fields,
		      int (*print)(struct zl_wp *w), const uint8_t *rdata,
		      size_t rdlen, struct zl_buf *out)
{
	struct zl_wp w = { rdata, rdlen, 0, out, out->len };
	int rc = -1;

	if (!(flags & (ZL_TYPE_NO_TEXT | ZL_TYPE_META))) {
		if (print)
			rc = print(&w);
		else if (fields)
			rc = zl_t_fields(&w, fields);
		if (rc == 0)
			return 0;
		rc = -1;
	} else {
		rc = 1;
	}
	out->len = w.start;
	put_generic(out, rdata, rdlen);
	return rc;
}
