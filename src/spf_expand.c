/* spf_expand.c - SPF macro expansion: letters, transformers, URL escaping, the 253-octet cut (RFC 7208 sections 7.3, 7.4). */
#include "spf.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

/*
 * Octets of a domain-spec expansion kept while expanding: the result is
 * at most ZL_SPF_DOMAIN_MAX octets from the right end, and finding the
 * label boundary needs one more; older octets are dropped.
 */
#define TAIL_KEEP 256u

/* Where expanded octets go, and the work done so far. */
struct emitter {
	struct zl_buf *out;
	bool domain;		/* domain-spec: keep only the tail */
	size_t total;		/* octets produced (domain-spec), including dropped ones */
	size_t work;		/* octets read and written */
};

/* unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" (RFC 3986 section 2.3) */
static bool is_unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

/* macro-literal = %x21-24 / %x26-7E (section 7.1) */
static bool is_macro_literal(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e && c != '%';
}

static void put(struct emitter *e, char c)
{
	struct zl_buf *b = e->out;

	e->work++;
	if (e->domain) {
		if (b->len >= 2 * TAIL_KEEP) {
			memmove(b->data, b->data + b->len - TAIL_KEEP, TAIL_KEEP);
			b->len = TAIL_KEEP;
		}
		e->total++;
	} else if (b->len >= ZL_SPF_EXPLAIN_MAX) {
		return;
	}
	zl_buf_put8(b, (uint8_t)c);
}

/* One octet of a macro's value: URL-escaped when the letter was upper case (section 7.3). */
static void put_value(struct emitter *e, char c, bool escape)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char u = (unsigned char)c;

	if (!escape || is_unreserved(u)) {
		put(e, c);
		return;
	}
	put(e, '%');
	put(e, hex[u >> 4]);
	put(e, hex[u & 15]);
}

static bool is_delim(const char *delims, char c)
{
	return c != '\0' && strchr(delims, c) != NULL;
}

/*
 * Apply the transformers of m to v[0..n) and emit the result (section
 * 7.3): split on the delimiters ("." by default), reverse if asked, keep
 * the rightmost m->digits parts (all when 0 or more than there are),
 * join with ".".  No allocation: parts are found by scanning.
 */
static void emit_parts(struct emitter *e, const char *v, size_t n,
		       const struct zl_spf_macro *m)
{
	const char *dl = m->delims[0] ? m->delims : ".";
	size_t parts = 1, keep, i;

	e->work += n;
	for (i = 0; i < n; i++)
		if (is_delim(dl, v[i]))
			parts++;
	keep = (m->digits == 0 || m->digits >= parts) ? parts : m->digits;
	if (!m->reverse) {
		size_t skip = parts - keep;

		for (i = 0; skip > 0; i++)
			if (is_delim(dl, v[i]))
				skip--;
		for (; i < n; i++)
			put_value(e, is_delim(dl, v[i]) ? '.' : v[i], m->upper);
		return;
	}
	/* reversed: parts keep-1 ... 0, i.e. v[0..end) read right to left */
	size_t end = 0, seen = 0, stop;

	while (end < n && !(is_delim(dl, v[end]) && ++seen == keep))
		end++;
	stop = end;
	for (;;) {
		size_t st = stop;

		while (st > 0 && !is_delim(dl, v[st - 1]))
			st--;
		for (i = st; i < stop; i++)
			put_value(e, v[i], m->upper);
		if (st == 0)
			break;
		put_value(e, '.', m->upper);
		stop = st - 1;
	}
}

/* "i" of an IPv6 address: 32 nibbles, dot-separated (section 7.3). */
static void ip6_nibbles(const uint8_t *ip, bool upper, char *out)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t o = 0;

	for (unsigned k = 0; k < 16; k++) {
		out[o++] = hex[ip[k] >> 4];
		out[o++] = '.';
		out[o++] = hex[ip[k] & 15];
		out[o++] = k == 15 ? '\0' : '.';
	}
}

/*
 * The value of macro letter l (lower case) in env, into buf (cap 80)
 * or pointing at env data.  explain selects the nibble case of "i".
 */
static const char *letter_value(char l, const struct zl_spf_macro_env *env,
				bool explain, char *buf, size_t cap)
{
	const char *v = NULL;

	switch (l) {
	case 's':
		v = env->sender;
		break;
	case 'l':
		v = env->local;
		break;
	case 'o':
		v = env->sender_domain;
		break;
	case 'd':
		v = env->domain;
		break;
	case 'h':
		v = env->helo;
		break;
	case 'v':
		v = env->ip6 ? "ip6" : "in-addr";
		break;
	case 'r':
		v = env->receiver ? env->receiver : "unknown";
		break;
	case 't':
		snprintf(buf, cap, "%lld", env->now);
		v = buf;
		break;
	case 'p':
		v = env->validated ? env->validated(env->validated_ctx, env->domain) : NULL;
		if (!v)
			v = "unknown";
		break;
	case 'i':
	case 'c':
		if (!env->ip) {
			v = "";
		} else if (!env->ip6) {
			snprintf(buf, cap, "%u.%u.%u.%u", env->ip[0], env->ip[1],
				 env->ip[2], env->ip[3]);
			v = buf;
		} else if (l == 'i') {
			ip6_nibbles(env->ip, explain, buf);
			v = buf;
		} else {
			v = inet_ntop(AF_INET6, env->ip, buf, (socklen_t)cap) ? buf : "";
		}
		break;
	default:
		break;
	}
	return v ? v : "";
}

static enum zl_spf_expand_status expand_fail(uint32_t *err_off, const char **err,
					     size_t off, const char *msg,
					     enum zl_spf_expand_status st)
{
	if (err_off)
		*err_off = (uint32_t)off;
	if (err)
		*err = msg;
	return st;
}

/* Cut a domain-spec expansion to ZL_SPF_DOMAIN_MAX octets by dropping labels on the left. */
static void cut_domain(struct emitter *e)
{
	struct zl_buf *b = e->out;
	size_t from, p;

	if (e->total <= ZL_SPF_DOMAIN_MAX)
		return;
	/* here b->len > ZL_SPF_DOMAIN_MAX: the tail always keeps more */
	from = b->len - ZL_SPF_DOMAIN_MAX - 1;
	for (p = from; p < b->len && b->data[p] != '.'; p++)
		;
	if (p == b->len)	/* one label over 253 octets: no valid name anyway */
		p = from;
	memmove(b->data, b->data + p + 1, b->len - p - 1);
	b->len -= p + 1;
}

/* Section 7.3 expansion; contract in spf.h. */
enum zl_spf_expand_status zl_spf_expand(const char *s, size_t len,
					unsigned flags,
					const struct zl_spf_macro_env *env,
					struct zl_buf *out, uint32_t *err_off,
					const char **err)
{
	bool explain = (flags & ZL_SPF_EXPAND_EXPLAIN) != 0;
	struct emitter e = { out, !explain, 0, 0 };
	struct zl_spf_macro m;
	char buf[80];
	size_t i = 0;
	const char *msg = NULL;
	uint32_t eo = 0, el = 0;

	zl_buf_reset(out);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c != '%') {
			if (c == ' ' && explain)
				put(&e, ' ');
			else if (is_macro_literal(c))
				put(&e, (char)c);
			else
				return expand_fail(err_off, err, i, explain ?
						   "invalid character in explanation; only "
						   "visible ASCII and spaces are allowed" :
						   "invalid character in domain-spec",
						   ZL_SPF_EXPAND_SYNTAX);
			i++;
			continue;
		}
		if (!zl_spf_macro_parse(s + i, len - i, &m, &eo, &el, &msg))
			return expand_fail(err_off, err, i + eo, msg, ZL_SPF_EXPAND_SYNTAX);
		switch (m.letter) {
		case '%':
			put(&e, '%');
			break;
		case '_':
			put(&e, ' ');
			break;
		case '-':
			put(&e, '%');
			put(&e, '2');
			put(&e, '0');
			break;
		case 'c':
		case 'r':
		case 't':
			if (!explain)
				return expand_fail(err_off, err, i, "macro letters c, r "
						   "and t are allowed only in explanation text",
						   ZL_SPF_EXPAND_SYNTAX);
			/* fall through */
		default: {
			const char *v = letter_value(m.letter, env, explain, buf, sizeof(buf));

			emit_parts(&e, v, strlen(v), &m);
			break;
		}
		}
		if (e.work > ZL_SPF_EXPAND_WORK_MAX)
			return expand_fail(err_off, err, i, "macro expansion too large",
					   ZL_SPF_EXPAND_TOO_BIG);
		i += m.len;
	}
	if (e.domain)
		cut_domain(&e);
	zl_buf_put8(out, 0);
	out->len--;
	return ZL_SPF_EXPAND_OK;
}
