/* rdata_types.c - text parsers for RR types whose syntax is more than a plain field list (DS, NAPTR, CAA, LOC, APL, IPSECKEY, HIP, ...). */
#include "rdata_fields.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "name.h"

/* Convert fields f[0..n) of kind/name pairs; returns 0 or -1. */
static int fields(struct zl_rp *p, const struct zl_field *f, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (zl_f_parse(p, f[k].kind, f[k].name))
			return -1;
	return 0;
}

#define RDBASE(p) ((p)->ctx->out->len)

/* ---- DS, CDS, TA, DLV (RFC 4034 section 5.3, RFC 8078) ---- */

static const struct zl_mnem digests[] = {
	{ "SHA1", 1 }, { "SHA-1", 1 }, { "SHA256", 2 }, { "SHA-256", 2 },
	{ "GOST", 3 }, { "SHA384", 4 }, { "SHA-384", 4 }, { NULL, 0 },
};

/*
 * DS-like RDATA: key tag, algorithm, digest type (number or BIND's
 * mnemonics SHA-1, SHA-256, SHA-384), hex digest.  Digests of types 1, 2
 * and 4 must have their exact length (20, 32, 48 octets), as BIND checks.
 */
int zl_parse_ds(struct zl_rp *p)
{
	static const struct zl_field head[] = {
		{ ZL_F_U16, "key tag" }, { ZL_F_ALG, "algorithm" }
	};
	const struct zl_token *t;
	uint64_t v;
	size_t start, ti;
	uint8_t dt = 0;
	bool ok = false;
	char q[64];

	if (fields(p, head, 2))
		return -1;
	t = zl_rp_next(p, "digest type");
	if (!t || zl_rp_unquoted(p, t, "digest type"))
		return -1;
	ti = (size_t)(t - p->toks);
	if (zl_parse_uint(t->text, t->len, 255, &v)) {
		dt = (uint8_t)v;
		ok = true;
	}
	uint16_t m;
	if (!ok && zl_find_mnem(digests, t->text, t->len, &m)) {
		dt = (uint8_t)m;
		ok = true;
	}
	if (!ok)
		return zl_rp_fail(p, ti, "digest type",
				  "%s is not a number 0-255 or digest mnemonic",
				  zl_rp_quote(t, q, sizeof(q)));
	zl_buf_put8(p->ctx->out, dt);
	start = RDBASE(p);
	if (zl_f_parse(p, ZL_F_HEX, "digest"))
		return -1;
	size_t got = RDBASE(p) - start, want = 0;
	switch (dt) {
	case 1: want = 20; break;
	case 2: want = 32; break;
	case 4: want = 48; break;
	}
	if (want && got != want)
		return zl_rp_fail(p, p->ntoks - 1, "digest",
				  "digest type %u needs %zu octets, got %zu",
				  dt, want, got);
	return 0;
}

/*
 * SSHFP (RFC 4255, RFC 6594): fingerprint type 1 is 20 octets, 2 is 32.
 * As BIND 9.18, the fingerprint may be left out ("0 0" loads); the
 * length check then rejects it for types 1 and 2.
 */
int zl_parse_sshfp(struct zl_rp *p)
{
	static const struct zl_field f[] = {
		{ ZL_F_U8, "algorithm" }, { ZL_F_U8, "fingerprint type" },
		{ ZL_F_HEX, "fingerprint" }
	};
	size_t start = RDBASE(p);

	if (fields(p, f, p->ntoks - p->i > 2 ? 3 : 2))
		return -1;
	uint8_t ft = p->ctx->out->data[start + 1];
	size_t got = RDBASE(p) - start - 2, want = ft == 1 ? 20 : ft == 2 ? 32 : 0;
	if (want && got != want)
		return zl_rp_fail(p, p->ntoks - (got ? 1 : 0), "fingerprint",
				  "fingerprint type %u needs %zu octets, got %zu",
				  ft, want, got);
	return 0;
}

/* ZONEMD (RFC 8976 section 2.2): digest >= 12 octets; SHA384 48, SHA512 64. */
int zl_parse_zonemd(struct zl_rp *p)
{
	static const struct zl_field f[] = {
		{ ZL_F_U32, "serial" }, { ZL_F_U8, "scheme" },
		{ ZL_F_U8, "hash algorithm" }, { ZL_F_HEX, "digest" }
	};
	size_t start = RDBASE(p);

	if (fields(p, f, 4))
		return -1;
	uint8_t ha = p->ctx->out->data[start + 5];
	size_t got = RDBASE(p) - start - 6, want = ha == 1 ? 48 : ha == 2 ? 64 : 0;
	if (want && got != want)
		return zl_rp_fail(p, p->ntoks - 1, "digest",
				  "hash algorithm %u needs %zu octets, got %zu",
				  ha, want, got);
	if (got < 12)
		return zl_rp_fail(p, p->ntoks - 1, "digest",
				  "digest is %zu octets; the minimum is 12", got);
	return 0;
}

/* NSEC (RFC 4034 section 4.2): BIND 9 rejects an empty type bitmap. */
int zl_parse_nsec(struct zl_rp *p)
{
	if (zl_f_parse(p, ZL_F_NAME, "next"))
		return -1;
	if (p->i >= p->ntoks)
		return zl_rp_fail(p, p->ntoks, "type bitmap",
				  "at least one type is required");
	return zl_f_parse(p, ZL_F_BITMAP, "type bitmap");
}

/* DSYNC (draft-ietf-dnsop-generalized-notify): type, scheme (NOTIFY = 1), port, target. */
int zl_parse_dsync(struct zl_rp *p)
{
	const struct zl_token *t;
	uint64_t v;
	char q[64];

	if (zl_f_parse(p, ZL_F_TYPE, "type"))
		return -1;
	t = zl_rp_next(p, "scheme");
	if (!t || zl_rp_unquoted(p, t, "scheme"))
		return -1;
	if (t->len == 6 && strncasecmp(t->text, "NOTIFY", 6) == 0)
		v = 1;
	else if (!zl_parse_uint(t->text, t->len, 255, &v))
		return zl_rp_fail(p, (size_t)(t - p->toks), "scheme",
				  "%s is not a number 0-255 or NOTIFY",
				  zl_rp_quote(t, q, sizeof(q)));
	zl_buf_put8(p->ctx->out, (uint8_t)v);
	if (zl_f_parse(p, ZL_F_U16, "port"))
		return -1;
	return zl_f_parse(p, ZL_F_NAME, "target");
}

/* ---- string-valued types ---- */

/* Append token t decoded, without a length octet (CAA value, URI target). */
static int put_raw_string(struct zl_rp *p, const struct zl_token *t,
			  const char *field)
{
	struct zl_buf *out = p->ctx->out;
	uint8_t *dst = zl_buf_reserve(out, t->len);
	long n = zl_decode_string(t->text, t->len, dst, t->len);
	char q[64];

	if (n < 0)
		return zl_rp_fail(p, (size_t)(t - p->toks), field,
				  "bad escape in %s (\\DDD must be 3 digits 000-255)",
				  zl_rp_quote(t, q, sizeof(q)));
	out->len += (size_t)n;
	return 0;
}

/* URI (RFC 7553 section 4.5): priority, weight, target as one quoted string. */
int zl_parse_uri(struct zl_rp *p)
{
	const struct zl_token *t;
	char q[64];

	if (zl_f_parse(p, ZL_F_U16, "priority") || zl_f_parse(p, ZL_F_U16, "weight"))
		return -1;
	t = zl_rp_next(p, "target");
	if (!t)
		return -1;
	if (!t->quoted)
		return zl_rp_fail(p, (size_t)(t - p->toks), "target",
				  "%s must be a quoted string",
				  zl_rp_quote(t, q, sizeof(q)));
	return put_raw_string(p, t, "target");
}

/*
 * CAA (RFC 8659 section 4.1.1): flags 0-255, tag of letters and digits
 * (BIND accepts any length 1-255; RFC 8659 says at most 15), value as
 * one token, stored without a length octet.
 */
int zl_parse_caa(struct zl_rp *p)
{
	const struct zl_token *t;
	char q[64];

	if (zl_f_parse(p, ZL_F_U8, "flags"))
		return -1;
	t = zl_rp_next(p, "tag");
	if (!t || zl_rp_unquoted(p, t, "tag"))
		return -1;
	for (size_t k = 0; k < t->len; k++) {
		char c = t->text[k];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return zl_rp_fail(p, (size_t)(t - p->toks), "tag",
					  "%s must be letters and digits only",
					  zl_rp_quote(t, q, sizeof(q)));
	}
	if (t->len > 255)
		return zl_rp_fail(p, (size_t)(t - p->toks), "tag",
				  "tag is %u octets; the limit is 255", t->len);
	zl_buf_put8(p->ctx->out, (uint8_t)t->len);
	zl_buf_put(p->ctx->out, t->text, t->len);
	t = zl_rp_next(p, "value");
	if (!t)
		return -1;
	return put_raw_string(p, t, "value");
}

/* X25 (RFC 1183 section 3.1): one string of at least 4 decimal digits (BIND checks both). */
int zl_parse_x25(struct zl_rp *p)
{
	size_t start = RDBASE(p);
	const uint8_t *d;

	if (zl_f_parse(p, ZL_F_STR, "address"))
		return -1;
	d = p->ctx->out->data + start;
	if (d[0] < 4)
		return zl_rp_fail(p, p->i - 1, "address",
				  "PSDN address has %u digits; at least 4 are needed", d[0]);
	for (size_t k = 1; k <= d[0]; k++)
		if (d[k] < '0' || d[k] > '9')
			return zl_rp_fail(p, p->i - 1, "address",
					  "PSDN address must be decimal digits only");
	return 0;
}

/* ISDN (RFC 1183 section 3.2): address and optional subaddress. */
int zl_parse_isdn(struct zl_rp *p)
{
	if (zl_f_parse(p, ZL_F_STR, "address"))
		return -1;
	if (p->i < p->ntoks)
		return zl_f_parse(p, ZL_F_STR, "subaddress");
	return 0;
}

/*
 * NAPTR regexp (RFC 3403 section 4.1): empty, or delim ERE delim
 * replacement delim flags, flags only "i"; groups balanced and back
 * references not above the number of groups, roughly as BIND checks.
 */
static bool naptr_regexp_ok(const uint8_t *s, size_t len)
{
	uint8_t delim;
	size_t k = 1;
	int groups = 0, depth = 0, part = 0;

	if (len == 0)
		return true;
	delim = s[0];
	if (delim == '\\' || (delim >= '0' && delim <= '9') || delim == 'i' || delim == 0)
		return false;
	for (; k < len && part < 2; k++) {
		uint8_t c = s[k];
		if (c == '\\' && k + 1 < len && s[k + 1] != delim) {
			k++;
			if (part == 1 && s[k] >= '1' && s[k] <= '9' && s[k] - '0' > groups)
				return false;
			continue;
		}
		if (c == '\\') {
			k++;
			continue;
		}
		if (c == delim) {
			if (part == 0 && depth != 0)
				return false;
			part++;
			continue;
		}
		if (part == 0 && c == '(') {
			groups++;
			depth++;
		} else if (part == 0 && c == ')') {
			if (--depth < 0)
				return false;
		}
	}
	if (part != 2)
		return false;
	for (; k < len; k++)
		if (s[k] != 'i')
			return false;
	return true;
}

/* NAPTR (RFC 3403 section 4.1): order, preference, flags, services, regexp, replacement. */
int zl_parse_naptr(struct zl_rp *p)
{
	static const struct zl_field f[] = {
		{ ZL_F_U16, "order" }, { ZL_F_U16, "preference" },
		{ ZL_F_STR, "flags" }, { ZL_F_STR, "services" }
	};
	size_t re;
	char q[64];

	if (fields(p, f, 4))
		return -1;
	re = RDBASE(p);
	if (zl_f_parse(p, ZL_F_STR, "regexp"))
		return -1;
	const uint8_t *d = p->ctx->out->data + re;
	if (!naptr_regexp_ok(d + 1, d[0]))
		return zl_rp_fail(p, p->i - 1, "regexp",
				  "%s is not a valid substitution expression (delim ERE delim replacement delim [i])",
				  zl_rp_quote(&p->toks[p->i - 1], q, sizeof(q)));
	return zl_f_parse(p, ZL_F_NAME, "replacement");
}

/* ---- CERT (RFC 4398 section 2.2) ---- */

static const struct zl_mnem cert_types[] = {
	{ "PKIX", 1 }, { "SPKI", 2 }, { "PGP", 3 }, { "IPKIX", 4 },
	{ "ISPKI", 5 }, { "IPGP", 6 }, { "ACPKIX", 7 }, { "IACPKIX", 8 },
	{ "URI", 253 }, { "OID", 254 }, { NULL, 0 },
};

const char *zl_cert_type_name(uint16_t v)
{
	for (const struct zl_mnem *m = cert_types; m->name; m++)
		if (m->value == v)
			return m->name;
	return NULL;
}

/*
 * CERT (RFC 4398 section 2.2): type (number or mnemonic PKIX, SPKI, PGP,
 * IPKIX, ISPKI, IPGP, ACPKIX, IACPKIX, URI, OID), key tag, algorithm
 * (number or DNSSEC mnemonic), base64 certificate.
 */
int zl_parse_cert(struct zl_rp *p)
{
	const struct zl_token *t = zl_rp_next(p, "type");
	uint64_t v;
	bool ok = false;
	char q[64];

	if (!t || zl_rp_unquoted(p, t, "type"))
		return -1;
	if (zl_parse_uint(t->text, t->len, 65535, &v))
		ok = true;
	uint16_t m;
	if (!ok && zl_find_mnem(cert_types, t->text, t->len, &m)) {
		v = m;
		ok = true;
	}
	if (!ok)
		return zl_rp_fail(p, (size_t)(t - p->toks), "type",
				  "%s is not a number 0-65535 or certificate type mnemonic",
				  zl_rp_quote(t, q, sizeof(q)));
	zl_buf_put16(p->ctx->out, (uint16_t)v);
	if (zl_f_parse(p, ZL_F_U16, "key tag") || zl_f_parse(p, ZL_F_ALG, "algorithm"))
		return -1;
	return zl_f_parse(p, ZL_F_B64, "certificate");
}

/* NSAP (RFC 1706 section 5): "0x" then an even number of hex digits, dots ignored. */
int zl_parse_nsap(struct zl_rp *p)
{
	const struct zl_token *t = zl_rp_next(p, "address");
	int hi = -1;
	size_t n = 0;
	char q[64];

	if (!t || zl_rp_unquoted(p, t, "address"))
		return -1;
	if (t->len < 3 || t->text[0] != '0' || (t->text[1] | 0x20) != 'x')
		goto bad;
	for (size_t k = 2; k < t->len; k++) {
		int c = (uint8_t)t->text[k], d;
		if (c == '.')
			continue;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			goto bad;
		if (hi < 0) {
			hi = d;
		} else {
			zl_buf_put8(p->ctx->out, (uint8_t)(hi << 4 | d));
			hi = -1;
			n++;
		}
	}
	if (hi < 0 && n > 0)
		return 0;
bad:
	return zl_rp_fail(p, (size_t)(t - p->toks), "address",
			  "%s is not an NSAP address (0x followed by an even number of hex digits)",
			  zl_rp_quote(t, q, sizeof(q)));
}

/*
 * WKS (RFC 1035 section 3.4.2): address, protocol (number, tcp or udp),
 * services as port numbers or names from the services database
 * (getservbyname, as BIND).  The bitmap ends at the highest port.
 */
int zl_parse_wks(struct zl_rp *p)
{
	const struct zl_token *t;
	uint8_t bits[8192];
	size_t maxb = 0;
	uint64_t v;
	const char *proto;
	char pname[16], q[64];

	if (zl_f_parse(p, ZL_F_A, "address"))
		return -1;
	t = zl_rp_next(p, "protocol");
	if (!t || zl_rp_unquoted(p, t, "protocol"))
		return -1;
	if (t->len == 3 && strncasecmp(t->text, "tcp", 3) == 0)
		v = 6;
	else if (t->len == 3 && strncasecmp(t->text, "udp", 3) == 0)
		v = 17;
	else if (!zl_parse_uint(t->text, t->len, 255, &v))
		return zl_rp_fail(p, (size_t)(t - p->toks), "protocol",
				  "%s is not a number 0-255, tcp or udp",
				  zl_rp_quote(t, q, sizeof(q)));
	zl_buf_put8(p->ctx->out, (uint8_t)v);
	proto = v == 6 ? "tcp" : v == 17 ? "udp" : NULL;
	memset(bits, 0, sizeof(bits));
	for (; p->i < p->ntoks; p->i++) {
		char sname[64];
		t = &p->toks[p->i];
		if (zl_rp_unquoted(p, t, "services"))
			return -1;
		if (!zl_parse_uint(t->text, t->len, 65535, &v)) {
			struct servent *se = NULL;
			if (proto && t->len < sizeof(sname)) {
				memcpy(sname, t->text, t->len);
				sname[t->len] = '\0';
				snprintf(pname, sizeof(pname), "%s", proto);
				se = getservbyname(sname, pname);
			}
			if (!se)
				return zl_rp_fail(p, p->i, "services",
						  "%s is not a port number or known service",
						  zl_rp_quote(t, q, sizeof(q)));
			v = (uint16_t)ntohs((uint16_t)se->s_port);
		}
		bits[v >> 3] |= (uint8_t)(0x80 >> (v & 7));
		if ((v >> 3) + 1 > maxb)
			maxb = (size_t)(v >> 3) + 1;
	}
	zl_buf_put(p->ctx->out, bits, maxb);
	return 0;
}

/* ---- gateways and host identities ---- */

/* A gateway/relay of type gt: 0 none ("."), 1 IPv4, 2 IPv6, 3 name. */
static int put_gateway(struct zl_rp *p, unsigned gt, const char *field)
{
	const struct zl_token *t;
	char q[64];

	if (gt == 1)
		return zl_f_parse(p, ZL_F_A, field);
	if (gt == 2)
		return zl_f_parse(p, ZL_F_AAAA, field);
	if (gt == 3)
		return zl_f_parse(p, ZL_F_NAME, field);
	t = zl_rp_next(p, field);
	if (!t || zl_rp_unquoted(p, t, field))
		return -1;
	if (t->len != 1 || t->text[0] != '.')
		return zl_rp_fail(p, (size_t)(t - p->toks), field,
				  "%s: must be \".\" when the type is 0",
				  zl_rp_quote(t, q, sizeof(q)));
	return 0;
}

/* Read a number 0..max for field into *v; returns 0 or -1. */
static int small_uint(struct zl_rp *p, const char *field, uint64_t max,
		      uint64_t *v)
{
	const struct zl_token *t = zl_rp_next(p, field);
	char q[64];

	if (!t || zl_rp_unquoted(p, t, field))
		return -1;
	if (!zl_parse_uint(t->text, t->len, max, v))
		return zl_rp_fail(p, (size_t)(t - p->toks), field,
				  "%s is not a number 0-%u",
				  zl_rp_quote(t, q, sizeof(q)), (unsigned)max);
	return 0;
}

/*
 * IPSECKEY (RFC 4025 section 3): precedence, gateway type 0-3, algorithm,
 * gateway, base64 public key (BIND 9 requires the key).
 */
int zl_parse_ipseckey(struct zl_rp *p)
{
	uint64_t gt;

	if (zl_f_parse(p, ZL_F_U8, "precedence"))
		return -1;
	if (small_uint(p, "gateway type", 3, &gt))
		return -1;
	zl_buf_put8(p->ctx->out, (uint8_t)gt);
	if (zl_f_parse(p, ZL_F_U8, "algorithm") || put_gateway(p, (unsigned)gt, "gateway"))
		return -1;
	return zl_f_parse(p, ZL_F_B64, "public key");
}

/*
 * AMTRELAY (RFC 8777 section 4.3): precedence, discovery-optional bit
 * 0/1, type 0-3, relay ("." for type 0).
 */
int zl_parse_amtrelay(struct zl_rp *p)
{
	uint64_t d, ty;

	if (zl_f_parse(p, ZL_F_U8, "precedence"))
		return -1;
	if (small_uint(p, "discovery optional", 1, &d) ||
	    small_uint(p, "type", 3, &ty))
		return -1;
	zl_buf_put8(p->ctx->out, (uint8_t)(d << 7 | ty));
	return put_gateway(p, (unsigned)ty, "relay");
}

/*
 * HIP (RFC 8005 section 3): PK algorithm, HIT (one hex token), public key
 * (one base64 token), then zero or more rendezvous server names.
 */
int zl_parse_hip(struct zl_rp *p)
{
	struct zl_buf *out = p->ctx->out;
	size_t start = out->len, hit_at, pk_at;
	const struct zl_token *t;

	zl_buf_put8(out, 0);	/* HIT length, patched below */
	if (zl_f_parse(p, ZL_F_U8, "PK algorithm"))
		return -1;
	zl_buf_put16(out, 0);	/* PK length, patched below */
	hit_at = out->len;
	t = zl_rp_next(p, "HIT");
	if (!t)
		return -1;
	p->i--;
	{
		struct zl_rp one = *p;
		one.ntoks = p->i + 1;
		if (zl_f_parse(&one, ZL_F_HEX, "HIT"))
			return -1;
		p->i++;
	}
	if (out->len - hit_at > 255)
		return zl_rp_fail(p, p->i - 1, "HIT", "HIT is %zu octets; the limit is 255",
				  out->len - hit_at);
	out->data[start] = (uint8_t)(out->len - hit_at);
	pk_at = out->len;
	if (!zl_rp_next(p, "public key"))
		return -1;
	if (zl_f_base64_tokens(p, p->i - 1, p->i, "public key"))
		return -1;
	out->data[start + 2] = (uint8_t)((out->len - pk_at) >> 8);
	out->data[start + 3] = (uint8_t)(out->len - pk_at);
	while (p->i < p->ntoks)
		if (zl_f_parse(p, ZL_F_NAME, "rendezvous server"))
			return -1;
	return 0;
}

/* ---- DNSSEC records with cross-field rules ---- */

/*
 * RRSIG (RFC 4034 section 3.2).  As BIND 9: the signer name may not have
 * more labels than the labels field says the owner has.
 */
int zl_parse_rrsig(struct zl_rp *p)
{
	static const struct zl_field f[] = {
		{ ZL_F_TYPE, "type covered" }, { ZL_F_ALG, "algorithm" },
		{ ZL_F_U8, "labels" }, { ZL_F_U32, "original TTL" },
		{ ZL_F_TIME, "expiration" }, { ZL_F_TIME, "inception" },
		{ ZL_F_U16, "key tag" }
	};
	size_t start = RDBASE(p), at;
	unsigned nl;
	char q[64];

	if (fields(p, f, 7))
		return -1;
	at = RDBASE(p);
	if (zl_f_parse(p, ZL_F_NAME, "signer"))
		return -1;
	nl = zl_name_label_count(p->ctx->out->data + at);
	if (nl > p->ctx->out->data[start + 3])
		return zl_rp_fail(p, p->i - 1, "signer",
				  "%s has %u labels, more than the labels field (%u)",
				  zl_rp_quote(&p->toks[p->i - 1], q, sizeof(q)), nl,
				  p->ctx->out->data[start + 3]);
	return zl_f_parse(p, ZL_F_B64, "signature");
}

/*
 * KEY (RFC 2535 section 3.1, RFC 2536): flags, protocol, algorithm, key.
 * With both NOKEY bits set (0xC000) there must be no key, else one is
 * required, as BIND 9 checks.
 */
int zl_parse_key(struct zl_rp *p)
{
	static const struct zl_field f[] = {
		{ ZL_F_KEYFLAGS, "flags" }, { ZL_F_PROTO, "protocol" },
		{ ZL_F_ALG, "algorithm" }
	};
	size_t start = RDBASE(p);

	if (fields(p, f, 3))
		return -1;
	const uint8_t *d = p->ctx->out->data + start;
	if ((d[0] & 0xC0) == 0xC0)
		return 0;	/* NOKEY: leftover tokens are "extra RDATA" */
	return zl_f_parse(p, ZL_F_B64, "public key");
}
