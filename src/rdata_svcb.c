/* rdata_svcb.c - SVCB and HTTPS RDATA text -> wire: SvcPriority, TargetName and SvcParams (RFC 9460 sections 2.1, 7 and 8, appendix A). */
#include "rdata_fields.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"

enum {
	KEY_MANDATORY = 0,
	KEY_ALPN = 1,
	KEY_NO_DEFAULT_ALPN = 2,
	KEY_PORT = 3,
	KEY_IPV4HINT = 4,
	KEY_ECH = 5,
	KEY_IPV6HINT = 6,
	KEY_DOHPATH = 7,	/* RFC 9461 */
	KEY_OHTTP = 8,		/* RFC 9540 */
};

static const char *const key_names[] = {
	"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech",
	"ipv6hint", "dohpath", "ohttp",
};
#define NKEYS (sizeof(key_names) / sizeof(key_names[0]))

/* One parsed SvcParam: where its wire value sits in ctx->out. */
struct param {
	uint16_t key;
	size_t tok;		/* token index, for messages */
	size_t off;		/* offset of the 4-octet key/length header in ctx->out */
	size_t len;		/* header + value octets */
};

/*
 * Key name: a registered mnemonic (lower case only, as BIND) or
 * "keyNNNNN" (decimal without leading zeros, 0-65535).  *generic is set
 * for the keyNNNNN form, whose value is the wire octets as written.
 */
static bool parse_key(const char *s, size_t len, uint16_t *key, bool *generic)
{
	uint64_t v;

	for (size_t k = 0; k < NKEYS; k++)
		if (strlen(key_names[k]) == len && memcmp(key_names[k], s, len) == 0) {
			*key = (uint16_t)k;
			*generic = false;
			return true;
		}
	if (len < 4 || memcmp(s, "key", 3) != 0 || (s[3] == '0' && len > 4))
		return false;
	if (!zl_parse_uint(s + 3, len - 3, 65535, &v))
		return false;
	*key = (uint16_t)v;
	*generic = true;
	return true;
}

/* Key name for messages: mnemonic or "keyNNNNN". */
static const char *key_text(uint16_t key, char *buf, size_t cap)
{
	if (key < NKEYS)
		return key_names[key];
	snprintf(buf, cap, "key%u", key);
	return buf;
}

/*
 * Split the decoded value at unescaped commas.  With unescape set, an
 * item is RFC 9460 appendix A.1's escaped-item: "\," and "\\" stand for
 * a comma and a backslash, and a backslash before any other octet is
 * not in the grammar.  BIND 9.18 reads "a\b" as "ab"; zonelint rejects
 * it, as Knot does, since the RFC's decoding algorithm is a MUST.
 * Calls back with each item decoded into item[0..n).  Returns 0, or 1
 * on an empty item or a stray backslash.
 */
typedef int (*item_fn)(struct zl_rp *p, const uint8_t *item, size_t n, void *arg);

static int split_list(struct zl_rp *p, const uint8_t *v, size_t len,
		      bool unescape, item_fn fn, void *arg)
{
	uint8_t item[256 * 4];
	size_t n = 0;

	if (len == 0)
		return 1;
	for (size_t k = 0; k <= len; k++) {
		if (k == len || v[k] == ',') {
			if (n == 0)
				return 1;
			int r = fn(p, item, n, arg);
			if (r)
				return r;
			n = 0;
			continue;
		}
		uint8_t c = v[k];
		if (unescape && c == '\\') {
			if (k + 1 >= len || (v[k + 1] != ',' && v[k + 1] != '\\'))
				return 1;
			c = v[++k];
		}
		if (n >= sizeof(item))
			return 1;
		item[n++] = c;
	}
	return 0;
}

static int alpn_item(struct zl_rp *p, const uint8_t *item, size_t n, void *arg)
{
	(void)arg;
	if (n > 255)
		return 1;
	zl_buf_put8(p->ctx->out, (uint8_t)n);
	zl_buf_put(p->ctx->out, item, n);
	return 0;
}

static int v4_item(struct zl_rp *p, const uint8_t *item, size_t n, void *arg)
{
	uint8_t a[4];
	(void)arg;
	if (!zl_parse_ipv4((const char *)item, n, a))
		return 1;
	zl_buf_put(p->ctx->out, a, 4);
	return 0;
}

static int v6_item(struct zl_rp *p, const uint8_t *item, size_t n, void *arg)
{
	uint8_t a[16];
	(void)arg;
	if (!zl_parse_ipv6((const char *)item, n, a))
		return 1;
	zl_buf_put(p->ctx->out, a, 16);
	return 0;
}

static int key_item(struct zl_rp *p, const uint8_t *item, size_t n, void *arg)
{
	uint16_t key;
	bool generic;
	(void)arg;
	if (!parse_key((const char *)item, n, &key, &generic))
		return 1;
	zl_buf_put16(p->ctx->out, key);
	return 0;
}

/* True when the dohpath is a URI template with a "dns" variable (RFC 9461 section 5), as BIND checks. */
static bool dohpath_ok(const uint8_t *v, size_t n)
{
	if (n == 0 || v[0] != '/')
		return false;
	for (size_t k = 0; k + 6 <= n; k++)
		if (v[k] == '{' && (v[k + 1] == '?' || v[k + 1] == '&') &&
		    memcmp(v + k + 2, "dns", 3) == 0 &&
		    (v[k + 5] == '}' || v[k + 5] == ','))
			return true;
	return false;
}

/*
 * Check the wire value of a registered key (RFC 9460 section 7); used for
 * both forms, since BIND also checks "key1=..." as an alpn value.
 * Returns NULL or a reason.
 */
static const char *check_wire(uint16_t key, const uint8_t *v, size_t n)
{
	switch (key) {
	case KEY_MANDATORY:
		if (n == 0 || n % 2)
			return "mandatory needs a list of keys";
		for (size_t k = 0; k < n; k += 2)
			if (v[k] == 0 && v[k + 1] == 0)
				return "mandatory must not list mandatory";
		return NULL;
	case KEY_ALPN:
		if (n == 0)
			return "alpn needs at least one protocol id";
		for (size_t k = 0; k < n; k += 1 + (size_t)v[k])
			if (v[k] == 0 || k + 1 + v[k] > n)
				return "alpn ids must be 1-255 octets";
		return NULL;
	case KEY_NO_DEFAULT_ALPN:
	case KEY_OHTTP:
		return n == 0 ? NULL : "this key takes no value";
	case KEY_PORT:
		return n == 2 ? NULL : "port needs a number 0-65535";
	case KEY_IPV4HINT:
		return n && n % 4 == 0 ? NULL : "ipv4hint needs IPv4 addresses";
	case KEY_IPV6HINT:
		return n && n % 16 == 0 ? NULL : "ipv6hint needs IPv6 addresses";
	case KEY_DOHPATH:
		return dohpath_ok(v, n) ? NULL
			: "dohpath must be a relative URI template starting with \"/\" with a {?dns} variable";
	}
	return NULL;
}

/* Convert one SvcParam token (and its adjacent quoted value, if any). */
static int parse_param(struct zl_rp *p, struct param *pm)
{
	const struct zl_token *t = &p->toks[p->i];
	size_t ti = p->i;
	struct zl_buf *out = p->ctx->out;
	const char *eq, *vtext = NULL;
	size_t vlen = 0, klen;
	bool has_value = false, generic;
	uint16_t key;
	uint8_t *val;
	long n;
	char q[64], kb[16];

	p->i++;
	if (t->quoted)
		return zl_rp_fail(p, ti, "params", "%s: a SvcParam must not be quoted as a whole",
				  zl_rp_quote(t, q, sizeof(q)));
	eq = memchr(t->text, '=', t->len);
	klen = eq ? (size_t)(eq - t->text) : t->len;
	if (!parse_key(t->text, klen, &key, &generic))
		return zl_rp_fail(p, ti, "params", "%s is not a known SvcParamKey (mnemonic in lower case, or keyNNNNN)",
				  zl_rp_quote(t, q, sizeof(q)));
	if (eq) {
		has_value = true;
		vtext = eq + 1;
		vlen = t->len - klen - 1;
		if (vlen == 0 && p->i < p->ntoks && p->toks[p->i].quoted &&
		    p->toks[p->i].line == t->line &&
		    p->toks[p->i].col == t->col + t->len) {
			/* key="value" split by the scanner into key= and a quoted token */
			vtext = p->toks[p->i].text;
			vlen = p->toks[p->i].len;
			p->i++;
		} else if (vlen >= 1 && vtext[0] == '"') {
			/* key="value" kept in one token */
			size_t bs = 0;	/* backslashes before the last quote */
			while (vlen >= 2 + bs && vtext[vlen - 2 - bs] == '\\')
				bs++;
			if (vlen < 2 || vtext[vlen - 1] != '"' || bs % 2)
				return zl_rp_fail(p, ti, key_text(key, kb, sizeof(kb)),
						  "%s: unbalanced quotes", zl_rp_quote(t, q, sizeof(q)));
			vtext++;
			vlen -= 2;
		}
	}
	pm->key = key;
	pm->tok = ti;
	pm->off = out->len;
	zl_buf_put16(out, key);
	zl_buf_put16(out, 0);
	/* first level: character-string escapes */
	val = zl_arena_alloc(p->ctx->scratch, vlen + 1);
	n = zl_decode_string(vtext ? vtext : "", vlen, val, vlen);
	if (n < 0)
		return zl_rp_fail(p, ti, key_text(key, kb, sizeof(kb)),
				  "bad escape in %s", zl_rp_quote(t, q, sizeof(q)));

	int r = 0;
	const char *why = NULL;
	if (generic) {
		zl_buf_put(out, val, (size_t)n);
	} else {
		switch (key) {
		case KEY_MANDATORY:
			r = split_list(p, val, (size_t)n, false, key_item, NULL);
			why = "mandatory needs a comma-separated list of known keys";
			break;
		case KEY_ALPN:
			r = split_list(p, val, (size_t)n, true, alpn_item, NULL);
			why = "alpn needs a comma-separated list of 1-255 octet ids (a comma in an id is \\\\, and a backslash \\\\\\\\)";
			break;
		case KEY_PORT: {
			uint64_t port;
			if (!zl_parse_uint((const char *)val, (size_t)n, 65535, &port))
				r = 1;
			else
				zl_buf_put16(out, (uint16_t)port);
			why = "port needs a number 0-65535";
			break;
		}
		case KEY_IPV4HINT:
			r = split_list(p, val, (size_t)n, false, v4_item, NULL);
			why = "ipv4hint needs a comma-separated list of IPv4 addresses";
			break;
		case KEY_IPV6HINT:
			r = split_list(p, val, (size_t)n, false, v6_item, NULL);
			why = "ipv6hint needs a comma-separated list of IPv6 addresses";
			break;
		case KEY_ECH: {
			/* base64 of one token: reuse the converter on a local token */
			struct zl_token vt = { (const char *)val, (uint32_t)n, t->line, t->col, false, false };
			struct zl_rp one = *p;
			one.toks = &vt;
			one.ntoks = 1;
			one.i = 0;
			if (n > 0 && zl_f_base64_tokens(&one, 0, 1, "ech")) {
				p->ctx->err_tok = ti;
				return -1;
			}
			break;
		}
		case KEY_NO_DEFAULT_ALPN:
		case KEY_OHTTP:
			if (has_value)
				return zl_rp_fail(p, ti, key_names[key], "takes no value");
			break;
		default:	/* dohpath: the value as is */
			zl_buf_put(out, val, (size_t)n);
			break;
		}
		if (r < 0)
			return -1;
		if (r > 0)
			return zl_rp_fail(p, ti, key_names[key], "%s: %s",
					  zl_rp_quote(t, q, sizeof(q)), why);
	}
	size_t vl = out->len - pm->off - 4;
	if (vl > 65535)
		return zl_rp_fail(p, ti, key_text(key, kb, sizeof(kb)),
				  "value is %zu octets; the limit is 65535", vl);
	out->data[pm->off + 2] = (uint8_t)(vl >> 8);
	out->data[pm->off + 3] = (uint8_t)vl;
	pm->len = vl + 4;
	why = check_wire(key, out->data + pm->off + 4, vl);
	if (why)
		return zl_rp_fail(p, ti, key_text(key, kb, sizeof(kb)), "%s: %s",
				  zl_rp_quote(t, q, sizeof(q)), why);
	return 0;
}

static bool has_key(const struct param *pm, size_t n, uint16_t key)
{
	for (size_t k = 0; k < n; k++)
		if (pm[k].key == key)
			return true;
	return false;
}

/*
 * SVCB/HTTPS (RFC 9460 section 2.1): SvcPriority, TargetName, SvcParams.
 * SvcParams may come in any order; the wire form has them in ascending
 * key order (section 2.2).  As BIND 9.18: a key may appear once, the
 * mandatory list may not name "mandatory" or a key twice, each key it
 * names must be present (section 8), and no-default-alpn needs alpn.
 * The mandatory list is written in ascending order.
 */
int zl_parse_svcb(struct zl_rp *p)
{
	struct zl_buf *out = p->ctx->out;
	const struct zl_token *t;
	struct param *pm;
	size_t np = 0, base;
	char q[64], kb[16];

	if (zl_f_parse(p, ZL_F_U16, "priority"))
		return -1;
	/* BIND accepts a quoted TargetName here */
	t = zl_rp_next(p, "target");
	if (!t)
		return -1;
	{
		struct zl_token nt = *t;
		struct zl_rp one = *p;
		nt.quoted = false;
		one.toks = &nt;
		one.ntoks = 1;
		one.i = 0;
		if (zl_f_parse(&one, ZL_F_NAME, "target")) {
			p->ctx->err_tok = p->i - 1;
			return -1;
		}
	}
	if (p->i >= p->ntoks)
		return 0;
	pm = zl_arena_alloc(p->ctx->scratch, (p->ntoks - p->i) * sizeof(*pm));
	base = out->len;
	while (p->i < p->ntoks) {
		if (parse_param(p, &pm[np]))
			return -1;
		np++;
	}
	/* sort by key (insertion sort: few params), reject duplicates */
	for (size_t k = 1; k < np; k++) {
		struct param x = pm[k];
		size_t j = k;
		for (; j > 0 && pm[j - 1].key > x.key; j--)
			pm[j] = pm[j - 1];
		pm[j] = x;
	}
	for (size_t k = 1; k < np; k++)
		if (pm[k].key == pm[k - 1].key) {
			size_t late = pm[k].tok > pm[k - 1].tok ? pm[k].tok : pm[k - 1].tok;
			return zl_rp_fail(p, late, "params", "%s appears more than once",
					  key_text(pm[k].key, kb, sizeof(kb)));
		}
	/* mandatory (section 8): sort its list, no duplicates, all present */
	if (np > 0 && pm[0].key == KEY_MANDATORY) {
		uint8_t *v = out->data + pm[0].off + 4;
		size_t nk = (pm[0].len - 4) / 2;
		for (size_t k = 1; k < nk; k++) {
			uint8_t a = v[2 * k], b = v[2 * k + 1];
			size_t j = k;
			for (; j > 0 && (v[2 * j - 2] << 8 | v[2 * j - 1]) > (a << 8 | b); j--) {
				v[2 * j] = v[2 * j - 2];
				v[2 * j + 1] = v[2 * j - 1];
			}
			v[2 * j] = a;
			v[2 * j + 1] = b;
		}
		for (size_t k = 0; k < nk; k++) {
			uint16_t mk = (uint16_t)(v[2 * k] << 8 | v[2 * k + 1]);
			if (k > 0 && mk == (uint16_t)(v[2 * k - 2] << 8 | v[2 * k - 1]))
				return zl_rp_fail(p, pm[0].tok, "mandatory",
						  "%s is listed twice", key_text(mk, kb, sizeof(kb)));
			if (!has_key(pm, np, mk))
				return zl_rp_fail(p, pm[0].tok, "mandatory",
						  "lists %s but the record has no %s parameter",
						  key_text(mk, kb, sizeof(kb)),
						  key_text(mk, q, sizeof(q)));
		}
	}
	if (has_key(pm, np, KEY_NO_DEFAULT_ALPN) && !has_key(pm, np, KEY_ALPN)) {
		size_t k = 0;
		while (pm[k].key != KEY_NO_DEFAULT_ALPN)
			k++;
		return zl_rp_fail(p, pm[k].tok, "no-default-alpn",
				  "no-default-alpn needs an alpn parameter as well");
	}
	/* rewrite the params in key order */
	size_t total = out->len - base;
	uint8_t *copy = zl_arena_dup(p->ctx->scratch, out->data + base, total);
	uint8_t *dst = out->data + base;
	for (size_t k = 0; k < np; k++) {
		memcpy(dst, copy + (pm[k].off - base), pm[k].len);
		dst += pm[k].len;
	}
	return 0;
}
