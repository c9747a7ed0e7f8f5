/* rdata_text_types.c - RDATA wire -> text for types a field list cannot print (WKS, NSAP, LOC, APL, CERT, IPSECKEY, HIP, AMTRELAY, CAA, URI, SVCB, DSYNC), in BIND 9.18's forms. */
#include "rdata_fields.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "arena.h"

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Append a separator and printf-formatted text. */
static void putf(struct zl_wp *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(struct zl_wp *w, const char *fmt, ...)
{
	va_list ap, again;

	/* formatted straight into the output, at whatever length: a CAA
	 * tag alone may be 255 octets */
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		zl_t_sep(w);
		char *dst = (char *)zl_buf_reserve(w->out, (size_t)n + 1);
		vsnprintf(dst, (size_t)n + 1, fmt, again);
		w->out->len += (size_t)n;
	}
	va_end(again);
}

/* Address of family af (AF_INET, AF_INET6) from n octets, zero-padded, into buf. */
static bool addr_text(int af, const uint8_t *p, size_t n, char *buf, size_t cap)
{
	uint8_t a[16] = { 0 };

	memcpy(a, p, n);
	return inet_ntop(af, a, buf, (socklen_t)cap) != NULL;
}

/* WKS (RFC 1035 section 3.4.2): address, protocol number, the ports whose bits are set. */
int zl_print_wks(struct zl_wp *w)
{
	if (w->len < 5 || zl_t_field(w, ZL_F_A) || zl_t_field(w, ZL_F_U8))
		return -1;
	for (size_t k = 0; w->o + k / 8 < w->len; k++)
		if (w->d[w->o + k / 8] & (0x80 >> (k & 7)))
			putf(w, "%zu", k);
	w->o = w->len;
	return 0;
}

/* NSAP (RFC 1706 section 5): "0x" and the address in lower-case hex, as BIND. */
int zl_print_nsap(struct zl_wp *w)
{
	if (w->len == 0)
		return -1;
	zl_t_sep(w);
	zl_t_puts(w->out, "0x");
	zl_t_hex(w->out, w->d, w->len, false);
	w->o = w->len;
	return 0;
}

/*
 * LOC size or precision octet (RFC 1876 section 2): mantissa and power
 * of ten in centimetres, each 0-9.  BIND prints whole metres from 1 m
 * up ("10000m") and metres with two decimals below ("0.10m").
 */
static bool loc_size(struct zl_wp *w, uint8_t b)
{
	unsigned m = b >> 4, e = b & 0xf;
	uint64_t cm = m;

	if (m > 9 || e > 9)
		return false;
	for (unsigned k = 0; k < e; k++)
		cm *= 10;
	if (e >= 2)
		putf(w, "%llum", (unsigned long long)(cm / 100));
	else
		putf(w, "%llu.%02llum", (unsigned long long)(cm / 100),
		     (unsigned long long)(cm % 100));
	return true;
}

/* One LOC coordinate, thousandths of an arc second offset by 2^31. */
static bool loc_coord(struct zl_wp *w, uint32_t v, char pos, char neg,
		      uint32_t maxdeg)
{
	bool south = v < 0x80000000u;
	uint32_t ms = south ? 0x80000000u - v : v - 0x80000000u;

	if (ms > maxdeg * 3600000u)
		return false;
	putf(w, "%u %u %u.%03u %c", ms / 3600000, ms / 60000 % 60,
	     ms / 1000 % 60, ms % 1000, south ? neg : pos);
	return true;
}

/*
 * LOC (RFC 1876 section 3): "d m s.sss N|S d m s.sss E|W alt.ccm size
 * hp vp", every part written out as BIND does.  Version 0 only.
 */
int zl_print_loc(struct zl_wp *w)
{
	const uint8_t *d = w->d;

	if (w->len != 16 || d[0] != 0)
		return -1;
	if (!loc_coord(w, get32(d + 4), 'N', 'S', 90) ||
	    !loc_coord(w, get32(d + 8), 'E', 'W', 180))
		return -1;
	int64_t alt = (int64_t)get32(d + 12) - 10000000;
	uint64_t a = (uint64_t)(alt < 0 ? -alt : alt);
	putf(w, "%s%llu.%02llum", alt < 0 ? "-" : "", (unsigned long long)(a / 100),
	     (unsigned long long)(a % 100));
	for (int k = 1; k <= 3; k++)
		if (!loc_size(w, d[k]))
			return -1;
	w->o = w->len;
	return 0;
}

/*
 * APL (RFC 3123 section 5): "[!]afi:address/prefix" per item; address
 * families 1 (IPv4) and 2 (IPv6) only, as BIND.
 */
int zl_print_apl(struct zl_wp *w)
{
	char addr[64];

	while (w->o < w->len) {
		const uint8_t *p = w->d + w->o;
		if (w->len - w->o < 4)
			return -1;
		uint16_t afi = get16(p);
		unsigned pfx = p[2], alen = p[3] & 0x7f;
		bool neg = p[3] & 0x80;
		size_t max = afi == 1 ? 4 : afi == 2 ? 16 : 0;
		if (max == 0 || alen > max || pfx > max * 8 || w->o + 4 + alen > w->len)
			return -1;
		if (!addr_text(afi == 1 ? AF_INET : AF_INET6, p + 4, alen, addr, sizeof(addr)))
			return -1;
		putf(w, "%s%u:%s/%u", neg ? "!" : "", afi, addr, pfx);
		w->o += 4 + alen;
	}
	return 0;
}

/* DNSSEC algorithm mnemonics BIND 9.18 prints in CERT (dns_secalg_totext), else NULL. */
static const char *alg_name(uint8_t a)
{
	switch (a) {
	case 1: return "RSAMD5";
	case 2: return "DH";
	case 3: return "DSA";
	case 5: return "RSASHA1";
	case 6: return "NSEC3DSA";
	case 7: return "NSEC3RSASHA1";
	case 8: return "RSASHA256";
	case 10: return "RSASHA512";
	case 12: return "ECCGOST";
	case 13: return "ECDSAP256SHA256";
	case 14: return "ECDSAP384SHA384";
	case 15: return "ED25519";
	case 16: return "ED448";
	case 252: return "INDIRECT";
	case 253: return "PRIVATEDNS";
	case 254: return "PRIVATEOID";
	}
	return NULL;
}

/* CERT (RFC 4398 section 2.2): type and algorithm as mnemonics where BIND has one. */
int zl_print_cert(struct zl_wp *w)
{
	const char *s;

	if (w->len < 5)
		return -1;
	s = zl_cert_type_name(get16(w->d));
	if (s)
		putf(w, "%s", s);
	else
		putf(w, "%u", get16(w->d));
	putf(w, "%u", get16(w->d + 2));
	s = alg_name(w->d[4]);
	if (s)
		putf(w, "%s", s);
	else
		putf(w, "%u", w->d[4]);
	w->o = 5;
	return zl_t_field(w, ZL_F_B64_0);
}

/* Gateway or relay of type gt (RFC 4025 section 2.3, RFC 8777 section 4.2.3). */
static int gateway(struct zl_wp *w, unsigned gt)
{
	switch (gt) {
	case 0:
		zl_t_sep(w);
		zl_buf_put8(w->out, '.');
		return 0;
	case 1:
		return zl_t_field(w, ZL_F_A);
	case 2:
		return zl_t_field(w, ZL_F_AAAA);
	case 3:
		return zl_t_field(w, ZL_F_NAME);
	}
	return -1;
}

/* IPSECKEY (RFC 4025 section 3): precedence, gateway type, algorithm, gateway, key. */
int zl_print_ipseckey(struct zl_wp *w)
{
	if (w->len < 3)
		return -1;
	unsigned gt = w->d[1];
	if (zl_t_field(w, ZL_F_U8) || zl_t_field(w, ZL_F_U8) ||
	    zl_t_field(w, ZL_F_U8) || gateway(w, gt))
		return -1;
	return zl_t_field(w, ZL_F_B64_0);
}

/* HIP (RFC 8005 section 3): algorithm, HIT in hex, public key in base64, servers. */
int zl_print_hip(struct zl_wp *w)
{
	const uint8_t *d = w->d;

	if (w->len < 4)
		return -1;
	size_t hl = d[0], pl = get16(d + 2);
	if (hl == 0 || pl == 0 || 4 + hl + pl > w->len)
		return -1;
	putf(w, "%u", d[1]);
	zl_t_sep(w);
	zl_t_hex(w->out, d + 4, hl, true);
	zl_t_sep(w);
	zl_t_base64(w->out, d + 4 + hl, pl);
	w->o = 4 + hl + pl;
	while (w->o < w->len)
		if (zl_t_field(w, ZL_F_NAME))
			return -1;
	return 0;
}

/* AMTRELAY (RFC 8777 section 4.3): precedence, D bit, type, relay. */
int zl_print_amtrelay(struct zl_wp *w)
{
	if (w->len < 2)
		return -1;
	unsigned ty = w->d[1] & 0x7f;
	putf(w, "%u %u %u", w->d[0], w->d[1] >> 7, ty);
	w->o = 2;
	if (ty == 0) {
		zl_t_sep(w);
		zl_buf_put8(w->out, '.');
		return w->o == w->len ? 0 : -1;
	}
	if (gateway(w, ty))
		return -1;
	return w->o == w->len ? 0 : -1;
}

/* CAA (RFC 8659 section 4.1.1): flags, tag, value as a quoted string. */
int zl_print_caa(struct zl_wp *w)
{
	const uint8_t *d = w->d;

	if (w->len < 2)
		return -1;
	size_t tl = d[1];
	if (tl == 0 || 2 + tl > w->len)
		return -1;
	for (size_t k = 0; k < tl; k++) {
		uint8_t c = d[2 + k];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return -1;
	}
	putf(w, "%u %.*s", d[0], (int)tl, (const char *)d + 2);
	zl_t_sep(w);
	zl_t_string(w->out, d + 2 + tl, w->len - 2 - tl);
	w->o = w->len;
	return 0;
}

/* URI (RFC 7553 section 4.5): priority, weight, target as a quoted string. */
int zl_print_uri(struct zl_wp *w)
{
	if (w->len < 4 || zl_t_field(w, ZL_F_U16) || zl_t_field(w, ZL_F_U16))
		return -1;
	zl_t_sep(w);
	zl_t_string(w->out, w->d + 4, w->len - 4);
	w->o = w->len;
	return 0;
}

/* DSYNC (draft-ietf-dnsop-generalized-notify): type, scheme (1 = NOTIFY), port, target. */
int zl_print_dsync(struct zl_wp *w)
{
	if (zl_t_field(w, ZL_F_TYPE) || w->o >= w->len)
		return -1;
	if (w->d[w->o] == 1)
		putf(w, "NOTIFY");
	else
		putf(w, "%u", w->d[w->o]);
	w->o++;
	if (zl_t_field(w, ZL_F_U16) || zl_t_field(w, ZL_F_NAME))
		return -1;
	return w->o == w->len ? 0 : -1;
}

/* ---- SVCB and HTTPS (RFC 9460) ---- */

/* Key names BIND 9.18 prints; other keys are "keyNNNNN" (RFC 9460 section 14.3.2). */
static const char *const svc_keys[] = {
	"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech",
	"ipv6hint",
};
#define NSVCKEYS (sizeof(svc_keys) / sizeof(svc_keys[0]))

static void put_key(struct zl_buf *out, uint16_t key)
{
	char tmp[16];

	if (key < NSVCKEYS) {
		zl_t_puts(out, svc_keys[key]);
	} else {
		snprintf(tmp, sizeof(tmp), "key%u", key);
		zl_t_puts(out, tmp);
	}
}

/*
 * One SvcParam value v[0..n) of key (RFC 9460 appendix A): lists
 * comma-separated, alpn quoted with "," and "\" escaped inside ids,
 * unknown keys as a quoted string; an empty value is left out ("key9").
 * Returns 0 or -1 when the value is not valid for the key.
 */
static int svc_value(struct zl_wp *w, uint16_t key, const uint8_t *v, size_t n)
{
	struct zl_buf *out = w->out;
	char addr[64];

	switch (key) {
	case 0:		/* mandatory */
		if (n == 0 || n % 2)
			return -1;
		zl_buf_put8(out, '=');
		for (size_t k = 0; k < n; k += 2) {
			if (k)
				zl_buf_put8(out, ',');
			put_key(out, get16(v + k));
		}
		return 0;
	case 1: {	/* alpn */
		struct zl_buf tmp = { NULL, 0, 0 };
		int rc = 0;
		if (n == 0)
			return -1;
		for (size_t k = 0; k < n && rc == 0; k += 1 + (size_t)v[k]) {
			if (v[k] == 0 || k + 1 + v[k] > n) {
				rc = -1;
				break;
			}
			if (k)
				zl_buf_put8(&tmp, ',');
			for (size_t j = k + 1; j <= k + v[k]; j++) {
				if (v[j] == ',' || v[j] == '\\')
					zl_buf_put8(&tmp, '\\');
				zl_buf_put8(&tmp, v[j]);
			}
		}
		if (rc == 0) {
			zl_buf_put8(out, '=');
			zl_t_string(out, tmp.data, tmp.len);
		}
		zl_buf_free(&tmp);
		return rc;
	}
	case 2:		/* no-default-alpn */
		return n == 0 ? 0 : -1;
	case 3:		/* port */
		if (n != 2)
			return -1;
		snprintf(addr, sizeof(addr), "=%u", get16(v));
		zl_t_puts(out, addr);
		return 0;
	case 4:		/* ipv4hint */
	case 6:		/* ipv6hint */ {
		size_t al = key == 4 ? 4 : 16;
		if (n == 0 || n % al)
			return -1;
		for (size_t k = 0; k < n; k += al) {
			if (!inet_ntop(al == 4 ? AF_INET : AF_INET6, v + k, addr, sizeof(addr)))
				return -1;
			zl_buf_put8(out, k ? ',' : '=');
			zl_t_puts(out, addr);
		}
		return 0;
	}
	case 5:		/* ech */
		if (n) {
			zl_buf_put8(out, '=');
			zl_t_base64(out, v, n);
		}
		return 0;
	}
	if (n) {
		zl_buf_put8(out, '=');
		zl_t_string(out, v, n);
	}
	return 0;
}

/*
 * SVCB/HTTPS (RFC 9460 section 2.2): priority, target, then the
 * SvcParams in wire order, which must be strictly ascending.
 */
int zl_print_svcb(struct zl_wp *w)
{
	int last = -1;

	if (zl_t_field(w, ZL_F_U16) || zl_t_field(w, ZL_F_NAME))
		return -1;
	while (w->o < w->len) {
		const uint8_t *p = w->d + w->o;
		if (w->len - w->o < 4)
			return -1;
		uint16_t key = get16(p), vl = get16(p + 2);
		if ((int)key <= last || w->o + 4 + vl > w->len)
			return -1;
		last = key;
		zl_t_sep(w);
		put_key(w->out, key);
		if (svc_value(w, key, p + 4, vl))
			return -1;
		w->o += 4 + (size_t)vl;
	}
	return 0;
}
