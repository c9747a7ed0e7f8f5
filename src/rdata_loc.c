/* rdata_loc.c - text parsers for location and address-list RDATA: LOC (RFC 1876) and APL (RFC 3123). */
#include "rdata_fields.h"

#include <string.h>

#include "arena.h"

/*
 * Parse "[-]digits[.digits]" with at most fd fraction digits into the
 * value times 10^fd; an "m" suffix is allowed when unit is set.
 */
static bool parse_fixed(const char *s, size_t len, unsigned fd, bool unit,
			bool neg_ok, int64_t *out)
{
	int64_t v = 0;
	size_t k = 0;
	unsigned nf = 0;
	bool neg = false, dot = false, any = false;

	if (unit && len > 0 && (s[len - 1] == 'm' || s[len - 1] == 'M'))
		len--;
	if (neg_ok && len > 0 && s[0] == '-') {
		neg = true;
		k = 1;
	}
	for (; k < len; k++) {
		char c = s[k];
		if (c == '.' && !dot) {
			dot = true;
			continue;
		}
		if (c < '0' || c > '9')
			return false;
		if (dot && ++nf > fd)
			return false;
		if (v > INT64_MAX / 100)
			return false;
		v = v * 10 + (c - '0');
		any = true;
	}
	if (!any)
		return false;
	for (; nf < fd; nf++) {
		if (v > INT64_MAX / 10)	/* as the digits above: no overflow */
			return false;
		v *= 10;
	}
	*out = neg ? -v : v;
	return true;
}

/*
 * Size or precision in centimetres to RFC 1876 mantissa/exponent (the
 * mantissa truncated); false above 90000000.00 m, the upper bound of
 * RFC 1876 section 3's presentation form.  BIND 9.18 checks only the
 * whole metres and loads 90000000.99m as 9e9 cm; zonelint rejects it,
 * as Knot does.
 */
static bool loc_prec(int64_t cm, uint8_t *out)
{
	unsigned e = 0;
	int64_t pw = 1;

	if (cm < 0 || cm > 9000000000LL)
		return false;
	while (e < 9 && cm >= pw * 10) {
		pw *= 10;
		e++;
	}
	*out = (uint8_t)((cm / pw) << 4 | e);
	return true;
}

/* One coordinate: degrees [minutes [seconds]] hemisphere; returns 0 or -1. */
static int loc_coord(struct zl_rp *p, const char *field, char pos, char neg,
		     unsigned maxdeg, uint32_t *out)
{
	int64_t part[3] = { 0, 0, 0 };
	unsigned n = 0;
	char q[64];

	for (;;) {
		const struct zl_token *t = zl_rp_next(p, field);
		size_t ti;

		if (!t || zl_rp_unquoted(p, t, field))
			return -1;
		ti = (size_t)(t - p->toks);
		if (n > 0 && t->len == 1 && ((t->text[0] | 0x20) == (pos | 0x20) ||
					     (t->text[0] | 0x20) == (neg | 0x20))) {
			int64_t v = part[0] * 3600000 + part[1] * 60000 + part[2];
			bool south = (t->text[0] | 0x20) == (neg | 0x20);
			*out = (uint32_t)(south ? (int64_t)0x80000000LL - v
					       : (int64_t)0x80000000LL + v);
			return 0;
		}
		if (n == 3)
			return zl_rp_fail(p, ti, field, "%s: expected %c or %c",
					  zl_rp_quote(t, q, sizeof(q)), pos, neg);
		bool ok;
		if (n < 2) {
			uint64_t u;
			ok = zl_parse_uint(t->text, t->len, n == 0 ? maxdeg : 59, &u);
			part[n] = (int64_t)u;
		} else {
			ok = parse_fixed(t->text, t->len, 3, false, false, &part[2]) &&
			     part[2] < 60000;
		}
		if (!ok)
			return zl_rp_fail(p, ti, field, "%s is not valid %s",
					  zl_rp_quote(t, q, sizeof(q)),
					  n == 0 ? "degrees" : n == 1 ? "minutes 0-59"
								 : "seconds 0-59.999");
		n++;
	}
}

/*
 * LOC (RFC 1876 section 3): latitude, longitude, altitude in metres
 * (-100000.00 .. 42849672.95), then optional size (default 1m),
 * horizontal (10000m) and vertical precision (10m), each <= 90000000.00m.
 */
int zl_parse_loc(struct zl_rp *p)
{
	static const char *const pname[3] = { "size", "horizontal precision",
					       "vertical precision" };
	uint8_t prec[3] = { 0x12, 0x16, 0x13 };
	uint32_t lat, lon;
	int64_t alt;
	const struct zl_token *t;
	char q[64];

	if (loc_coord(p, "latitude", 'N', 'S', 90, &lat) ||
	    loc_coord(p, "longitude", 'E', 'W', 180, &lon))
		return -1;
	t = zl_rp_next(p, "altitude");
	if (!t || zl_rp_unquoted(p, t, "altitude"))
		return -1;
	if (!parse_fixed(t->text, t->len, 2, true, true, &alt) ||
	    alt < -10000000 || alt > 4284967295LL)
		return zl_rp_fail(p, (size_t)(t - p->toks), "altitude",
				  "%s is not an altitude -100000.00 to 42849672.95 metres",
				  zl_rp_quote(t, q, sizeof(q)));
	for (int k = 0; k < 3 && p->i < p->ntoks; k++) {
		int64_t cm;
		t = &p->toks[p->i];
		if (zl_rp_unquoted(p, t, pname[k]))
			return -1;
		if (!parse_fixed(t->text, t->len, 2, true, false, &cm) ||
		    !loc_prec(cm, &prec[k]))
			return zl_rp_fail(p, p->i, pname[k],
					  "%s is not a distance 0 to 90000000 metres",
					  zl_rp_quote(t, q, sizeof(q)));
		p->i++;
	}
	zl_buf_put8(p->ctx->out, 0);
	zl_buf_put(p->ctx->out, prec, 3);
	zl_buf_put32(p->ctx->out, lat);
	zl_buf_put32(p->ctx->out, lon);
	zl_buf_put32(p->ctx->out, (uint32_t)(alt + 10000000));
	return 0;
}

/*
 * APL (RFC 3123 section 5): zero or more "[!]afi:address/prefix" with
 * afi 1 (IPv4, prefix <= 32) or 2 (IPv6, prefix <= 128).  Trailing zero
 * octets of the address are left out of the wire form (section 4).
 */
int zl_parse_apl(struct zl_rp *p)
{
	char q[64];

	for (; p->i < p->ntoks; p->i++) {
		const struct zl_token *t = &p->toks[p->i];
		const char *s = t->text, *e = s + t->len;
		const char *colon, *slash;
		bool neg = false;
		uint64_t afi, pfx;
		uint8_t a[16];
		size_t alen;

		if (zl_rp_unquoted(p, t, "item"))
			return -1;
		if (s < e && *s == '!') {
			neg = true;
			s++;
		}
		colon = memchr(s, ':', (size_t)(e - s));
		slash = colon ? memchr(colon, '/', (size_t)(e - colon)) : NULL;
		if (!colon || !slash ||
		    !zl_parse_uint(s, (size_t)(colon - s), 65535, &afi))
			goto bad;
		if (afi == 1) {
			alen = 4;
			if (!zl_parse_ipv4(colon + 1, (size_t)(slash - colon - 1), a) ||
			    !zl_parse_uint(slash + 1, (size_t)(e - slash - 1), 32, &pfx))
				goto bad;
		} else if (afi == 2) {
			alen = 16;
			if (!zl_parse_ipv6(colon + 1, (size_t)(slash - colon - 1), a) ||
			    !zl_parse_uint(slash + 1, (size_t)(e - slash - 1), 128, &pfx))
				goto bad;
		} else {
			return zl_rp_fail(p, p->i, "item",
					  "%s: address family must be 1 (IPv4) or 2 (IPv6)",
					  zl_rp_quote(t, q, sizeof(q)));
		}
		while (alen > 0 && a[alen - 1] == 0)
			alen--;
		zl_buf_put16(p->ctx->out, (uint16_t)afi);
		zl_buf_put8(p->ctx->out, (uint8_t)pfx);
		zl_buf_put8(p->ctx->out, (uint8_t)((neg ? 0x80 : 0) | alen));
		zl_buf_put(p->ctx->out, a, alen);
		continue;
bad:
		return zl_rp_fail(p, p->i, "item",
				  "%s is not [!]afi:address/prefix",
				  zl_rp_quote(t, q, sizeof(q)));
	}
	return 0;
}
