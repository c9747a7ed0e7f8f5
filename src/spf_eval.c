/* spf_eval.c - RFC 7208 check_host(): record selection, mechanisms, modifiers, limits, explanation. */
#include "spf_eval.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "txt.h"

/* State of one evaluation, shared by every check_host() level. */
struct spf_eval {
	const struct zl_dns *dns;
	const struct zl_spf_query *q;
	struct zl_spf_outcome *out;
	struct zl_arena mem;		/* records, names, texts: freed at the end */
	struct zl_buf tmp;		/* joined TXT text */
	struct zl_buf exp;		/* expansion output */
	struct zl_spf_ip ip;
	const char *sender, *local, *sender_domain, *helo;
	unsigned lookups, voids;
	/* validated names of ip (section 5.5, %{p}), computed once */
	bool ptr_done;
	enum zl_dns_status ptr_status;
	unsigned nvalid;
	uint8_t valid[ZL_SPF_MAX_PTR_NAMES][ZL_NAME_MAX];
	char pbuf[ZL_NAME_MAX + 1];
};

/* One check_host() level: a <domain> and its record. */
struct spf_level {
	struct spf_eval *e;
	unsigned depth;
	const char *domain;		/* NUL-terminated, as given */
	const struct zl_rr *rr;		/* the TXT RR of the record */
	const char *txt;		/* joined record text */
	size_t len;
	struct zl_spf_record rec;
};

/* What a mechanism evaluation gives. */
enum spf_mres {
	MECH_NOMATCH,
	MECH_MATCH,
	MECH_TEMPERROR,
	MECH_PERMERROR,
};

/* Section 2.6 result names; contract in spf_eval.h. */
const char *zl_spf_result_name(enum zl_spf_result r)
{
	static const char *const names[] = {
		"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror",
	};
	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "?";
}

/* Client address, IPv4-mapped -> IPv4 (section 5); contract in spf_eval.h. */
bool zl_spf_ip_parse(const char *text, struct zl_spf_ip *ip)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	memset(ip, 0, sizeof(*ip));
	if (inet_pton(AF_INET, text, ip->addr) == 1)
		return true;
	if (inet_pton(AF_INET6, text, ip->addr) != 1)
		return false;
	if (memcmp(ip->addr, mapped, sizeof(mapped)) == 0) {
		memmove(ip->addr, ip->addr + 12, 4);
		memset(ip->addr + 4, 0, 12);
		return true;
	}
	ip->v6 = true;
	return true;
}

/* Prefix comparison (RFC 4632 3.1, RFC 4291 2.3); contract in spf_eval.h. */
bool zl_spf_cidr_match(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (full && memcmp(a, b, full) != 0)
		return false;
	if (rest) {
		uint8_t mask = (uint8_t)(0xff << (8 - rest));
		if ((a[full] & mask) != (b[full] & mask))
			return false;
	}
	return true;
}

/* ---- trace and errors ----------------------------------------------------- */

static void trace(struct spf_level *l, struct zl_spf_trace *ev)
{
	struct spf_eval *e = l->e;

	if (!e->q->trace)
		return;
	ev->depth = l->depth;
	ev->domain = l->domain;
	ev->lookups = e->lookups;
	ev->voids = e->voids;
	e->q->trace(e->q->trace_ctx, ev);
}

static void trace_simple(struct spf_level *l, enum zl_spf_trace_kind kind,
			 const struct zl_spf_term *t, const char *text, size_t len)
{
	struct zl_spf_trace ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.rr = l->rr;
	ev.term = t;
	ev.text = text;
	ev.len = len;
	trace(l, &ev);
}

/*
 * Give up this level with result r (permerror, temperror or none): the
 * first reason given in an evaluation is kept in the outcome (it is the
 * innermost, as errors end every level above at once).
 */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static enum zl_spf_result give_up(struct spf_level *l, enum zl_spf_result r,
				  const struct zl_spf_term *t, const char *fmt, ...)
{
	struct zl_spf_outcome *o = l->e->out;
	struct zl_spf_trace ev;
	char msg[sizeof(o->reason)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (o->reason[0] == '\0' && r != ZL_SPF_NONE) {
		memcpy(o->reason, msg, sizeof(msg));
		o->reason_rr = l->rr;
		o->reason_off = t ? (int32_t)t->off : -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.kind = ZL_SPF_TRACE_ERROR;
	ev.rr = l->rr;
	ev.term = t;
	ev.text = msg;
	ev.len = strlen(msg);
	ev.result = r;
	trace(l, &ev);
	return r;
}

/* ---- DNS ----------------------------------------------------------------- */

/* Query and trace; name is wire form. */
static enum zl_dns_status query(struct spf_level *l, const uint8_t *name,
				uint16_t qtype, struct zl_dns_answer *a)
{
	enum zl_dns_status st = zl_dns_query(l->e->dns, name, qtype, a);

	if (l->e->q->trace) {
		struct zl_spf_trace ev;
		char text[ZL_NAME_MAX * 4 + 1];

		zl_dns_name_to_spf(name, text, sizeof(text));
		memset(&ev, 0, sizeof(ev));
		ev.kind = ZL_SPF_TRACE_LOOKUP;
		ev.target = text;
		ev.qtype = qtype;
		ev.status = st;
		ev.nrr = a->rrset ? zl_rrset_count(a->rrset) : 0;
		trace(l, &ev);
	}
	return st;
}

static bool is_void(enum zl_dns_status st)
{
	return st == ZL_DNS_NXDOMAIN || st == ZL_DNS_NODATA || st == ZL_DNS_CNAME_LOOP;
}

/* Count a void lookup (section 4.6.4); false when the limit is passed. */
static bool count_void(struct spf_level *l, enum zl_dns_status st)
{
	if (!is_void(st))
		return true;
	return ++l->e->voids <= ZL_SPF_MAX_VOID;
}

/* ---- %{p} and ptr: validated domain names (section 5.5) ------------------ */

/* The reverse-mapping name of ip (RFC 1035 3.5, RFC 3596 2.5), wire form. */
static void reverse_name(const struct zl_spf_ip *ip, uint8_t *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (!ip->v6) {
		for (int k = 3; k >= 0; k--) {
			char num[4];
			int n = snprintf(num, sizeof(num), "%u", ip->addr[k]);
			out[o++] = (uint8_t)n;
			memcpy(out + o, num, (size_t)n);
			o += (size_t)n;
		}
		memcpy(out + o, "\7in-addr\4arpa", 14);
		return;
	}
	for (int k = 15; k >= 0; k--) {
		out[o++] = 1;
		out[o++] = (uint8_t)hex[ip->addr[k] & 15];
		out[o++] = 1;
		out[o++] = (uint8_t)hex[ip->addr[k] >> 4];
	}
	memcpy(out + o, "\3ip6\4arpa", 10);
}

/* Does name (wire) have an A/AAAA record equal to the client address? DNS errors: no. */
static bool forward_confirms(struct spf_level *l, const uint8_t *name)
{
	struct spf_eval *e = l->e;
	uint16_t qtype = e->ip.v6 ? ZL_DNS_TYPE_AAAA : ZL_DNS_TYPE_A;
	size_t alen = e->ip.v6 ? 16 : 4;
	struct zl_dns_answer a;

	if (query(l, name, qtype, &a) != ZL_DNS_NOERROR)
		return false;
	for (const struct zl_rr *rr = zl_rrset_first(a.rrset); rr; rr = zl_rrset_rr_next(a.rrset, rr))
		if (rr->dlen == alen && memcmp(rr->data, e->ip.addr, alen) == 0)	/* A, AAAA: whole */
			return true;
	return false;
}

/*
 * Compute the validated names once: the PTR names of ip (the first
 * ZL_SPF_MAX_PTR_NAMES distinct ones; the rest are ignored, section
 * 4.6.4) whose forward lookup gives ip back.  DNS errors skip a name.
 */
static void validate_ptr(struct spf_level *l)
{
	struct spf_eval *e = l->e;
	const uint8_t *names[ZL_SPF_MAX_PTR_NAMES];
	uint8_t bufs[ZL_SPF_MAX_PTR_NAMES][ZL_RR_RDATA_MAX];
	unsigned n = 0;
	uint8_t rev[ZL_NAME_MAX];
	struct zl_dns_answer a;

	if (e->ptr_done)
		return;
	e->ptr_done = true;
	reverse_name(&e->ip, rev);
	e->ptr_status = query(l, rev, ZL_DNS_TYPE_PTR, &a);
	if (e->ptr_status != ZL_DNS_NOERROR)
		return;
	for (const struct zl_rr *rr = zl_rrset_first(a.rrset); rr && n < ZL_SPF_MAX_PTR_NAMES;
	     rr = zl_rrset_rr_next(a.rrset, rr)) {
		bool dup = false;
		const uint8_t *target = zl_rr_rdata(rr, bufs[n]);

		for (unsigned k = 0; k < n && !dup; k++)
			dup = zl_name_equal(names[k], target);
		if (!dup && zl_rr_rdlen(rr) > 0)
			names[n++] = target;
	}
	for (unsigned k = 0; k < n; k++)
		if (forward_confirms(l, names[k]))
			memcpy(e->valid[e->nvalid++], names[k], zl_name_wire_len(names[k]));
}

/* Index of the validated name best for domain (wire): equal, else a subdomain, else the first; -1 if none. */
static int pick_validated(const struct spf_eval *e, const uint8_t *domain)
{
	for (unsigned k = 0; k < e->nvalid; k++)
		if (zl_name_equal(e->valid[k], domain))
			return (int)k;
	for (unsigned k = 0; k < e->nvalid; k++)
		if (zl_name_is_subdomain(e->valid[k], domain))
			return (int)k;
	return e->nvalid ? 0 : -1;
}

/* The current level during an expansion, for the %{p} callback. */
struct p_ctx {
	struct spf_level *l;
};

/* %{p} (section 7.3): the validated name for domain, or NULL ("unknown"). */
static const char *validated_cb(void *ctx, const char *domain)
{
	struct spf_level *l = ((struct p_ctx *)ctx)->l;
	struct spf_eval *e = l->e;
	uint8_t wire[ZL_NAME_MAX];
	int k;

	validate_ptr(l);
	if (!domain || !zl_dns_name_from_spf(domain, strlen(domain), wire))
		wire[0] = 0;
	k = pick_validated(e, wire);
	if (k < 0)
		return NULL;
	zl_dns_name_to_spf(e->valid[k], e->pbuf, sizeof(e->pbuf));
	return e->pbuf;
}

/* ---- macros and targets -------------------------------------------------- */

/* Expand s[0..len) for level l into e->exp; flags as zl_spf_expand(). */
static enum zl_spf_expand_status expand(struct spf_level *l, const char *s,
					size_t len, unsigned flags,
					const char **err)
{
	struct spf_eval *e = l->e;
	struct p_ctx pc = { l };
	struct zl_spf_macro_env env = {
		.sender = e->sender,
		.local = e->local,
		.sender_domain = e->sender_domain,
		.domain = l->domain,
		.helo = e->helo,
		.receiver = e->q->receiver,
		.now = e->q->now,
		.ip = e->ip.addr,
		.ip6 = e->ip.v6,
		.validated = validated_cb,
		.validated_ctx = &pc,
	};

	return zl_spf_expand(s, len, flags, &env, &e->exp, NULL, err);
}

/* Result of finding a term's target name. */
enum spf_target {
	TARGET_OK,
	TARGET_INVALID,		/* expanded to a name that cannot be queried */
	TARGET_ERROR,		/* expansion failed: permerror (reported) */
};

/*
 * The <target-name> of term t (section 4.8): its domain-spec expanded,
 * or the current domain when it has none.  Writes wire form to wire and
 * the text (arena) to *text.
 */
static enum spf_target term_target(struct spf_level *l, const struct zl_spf_term *t,
				   uint8_t *wire, const char **text)
{
	struct spf_eval *e = l->e;
	const char *err = "macro expansion failed";
	const char *name = l->domain;
	size_t len = strlen(name);

	if (t->arg_len > 0) {
		if (expand(l, l->txt + t->arg_off, t->arg_len, 0, &err) != ZL_SPF_EXPAND_OK) {
			give_up(l, ZL_SPF_PERMERROR, t, "%s", err);
			return TARGET_ERROR;
		}
		name = zl_arena_strndup(&e->mem, (const char *)e->exp.data, e->exp.len);
		len = e->exp.len;
	}
	*text = name;
	if (t->arg_len > 0 && l->e->q->trace) {
		struct zl_spf_trace ev;

		memset(&ev, 0, sizeof(ev));
		ev.kind = ZL_SPF_TRACE_TERM;
		ev.rr = l->rr;
		ev.term = t;
		ev.text = l->txt + t->off;
		ev.len = t->len;
		ev.target = name;
		trace(l, &ev);
	}
	return zl_dns_name_from_spf(name, len, wire) ? TARGET_OK : TARGET_INVALID;
}

/* ---- mechanisms (section 5) ---------------------------------------------- */

static enum zl_spf_result check_level(struct spf_eval *e, const char *domain,
				      unsigned depth, const char **exp);

/*
 * The DNS query of a mechanism: a timeout is a temperror, and a void
 * answer past the limit a permerror (section 4.6.4); both end the
 * evaluation.  Returns MECH_NOMATCH to go on (the answer in *a, *st),
 * else the error to return.
 */
static enum spf_mres mech_query(struct spf_level *l, const struct zl_spf_term *t,
				const uint8_t *name, uint16_t qtype,
				struct zl_dns_answer *a, enum zl_dns_status *st)
{
	*st = query(l, name, qtype, a);
	if (*st == ZL_DNS_TIMEOUT) {
		give_up(l, ZL_SPF_TEMPERROR, t, "DNS timeout");
		return MECH_TEMPERROR;
	}
	if (!count_void(l, *st)) {
		give_up(l, ZL_SPF_PERMERROR, t, "more than %d void lookups",
			ZL_SPF_MAX_VOID);
		return MECH_PERMERROR;
	}
	return MECH_NOMATCH;
}

/*
 * Does name have an address record matching ip under the prefix lengths?
 * (5.3, 5.4)  The lookup counts as void when empty (4.6.4), also for the
 * exchanges of "mx": the publishing domain controls those names, and
 * pyspf counts them too.
 */
static enum spf_mres match_host(struct spf_level *l, const struct zl_spf_term *t,
				const uint8_t *name)
{
	struct spf_eval *e = l->e;
	uint16_t qtype = e->ip.v6 ? ZL_DNS_TYPE_AAAA : ZL_DNS_TYPE_A;
	size_t alen = e->ip.v6 ? 16 : 4;
	int bits = e->ip.v6 ? (t->cidr6 < 0 ? 128 : t->cidr6) : (t->cidr4 < 0 ? 32 : t->cidr4);
	struct zl_dns_answer a;
	enum zl_dns_status st;
	enum spf_mres r = mech_query(l, t, name, qtype, &a, &st);

	if (r != MECH_NOMATCH)
		return r;
	if (st != ZL_DNS_NOERROR)
		return MECH_NOMATCH;
	for (const struct zl_rr *rr = zl_rrset_first(a.rrset); rr; rr = zl_rrset_rr_next(a.rrset, rr))
		if (rr->dlen == alen && zl_spf_cidr_match(rr->data, e->ip.addr, (unsigned)bits))
			return MECH_MATCH;
	return MECH_NOMATCH;
}

/*
 * mx (section 5.4): more than ZL_SPF_MAX_MX_NAMES MX records (identical
 * RRs collapsed, as DNS does) is a permerror (4.6.4), checked before any
 * address lookup; each exchange name is then looked up once.
 */
static enum spf_mres mech_mx(struct spf_level *l, const struct zl_spf_term *t,
			     const uint8_t *name)
{
	const struct zl_rr *mx[ZL_SPF_MAX_MX_NAMES];
	const uint8_t *xs[ZL_SPF_MAX_MX_NAMES];	/* their exchange names */
	uint8_t bufs[ZL_SPF_MAX_MX_NAMES][ZL_RR_RDATA_MAX];
	unsigned n = 0;
	struct zl_dns_answer a;
	enum zl_dns_status st;
	enum spf_mres q = mech_query(l, t, name, ZL_DNS_TYPE_MX, &a, &st);

	if (q != MECH_NOMATCH)
		return q;
	if (st != ZL_DNS_NOERROR)
		return MECH_NOMATCH;
	for (const struct zl_rr *rr = zl_rrset_first(a.rrset); rr; rr = zl_rrset_rr_next(a.rrset, rr)) {
		bool dup = false;

		if (zl_rr_rdlen(rr) < 3)
			continue;
		for (unsigned k = 0; k < n && !dup; k++)
			dup = zl_dns_rr_same(mx[k], rr);
		if (dup)
			continue;
		if (n == ZL_SPF_MAX_MX_NAMES) {
			give_up(l, ZL_SPF_PERMERROR, t, "\"mx\" finds more than %d MX records",
				ZL_SPF_MAX_MX_NAMES);
			return MECH_PERMERROR;
		}
		xs[n] = zl_rr_rdata(rr, bufs[n]) + 2;
		mx[n++] = rr;
	}
	for (unsigned k = 0; k < n; k++) {
		const uint8_t *x = xs[k];
		bool seen = false;
		enum spf_mres r;

		for (unsigned j = 0; j < k && !seen; j++)
			seen = zl_name_equal(xs[j], x);
		if (seen)
			continue;
		r = match_host(l, t, x);
		if (r != MECH_NOMATCH)
			return r;
	}
	return MECH_NOMATCH;
}

/*
 * ptr (section 5.5): a validated name equal to or below the target; DNS
 * errors never match.  An empty PTR answer counts as a void lookup; the
 * forward lookups of the PTR names do not: the client controls those
 * names, and 5.5 says a failing name is skipped (pyspf counts them).
 */
static enum spf_mres mech_ptr(struct spf_level *l, const struct zl_spf_term *t,
			      const uint8_t *name)
{
	struct spf_eval *e = l->e;

	validate_ptr(l);
	if (!count_void(l, e->ptr_status)) {
		give_up(l, ZL_SPF_PERMERROR, t, "more than %d void lookups",
			ZL_SPF_MAX_VOID);
		return MECH_PERMERROR;
	}
	for (unsigned k = 0; k < e->nvalid; k++)
		if (zl_name_is_subdomain(e->valid[k], name))
			return MECH_MATCH;
	return MECH_NOMATCH;
}

/* exists (section 5.7): any A record, whatever the client's address family. */
static enum spf_mres mech_exists(struct spf_level *l, const struct zl_spf_term *t,
				 const uint8_t *name)
{
	struct zl_dns_answer a;
	enum zl_dns_status st;
	enum spf_mres r = mech_query(l, t, name, ZL_DNS_TYPE_A, &a, &st);

	if (r != MECH_NOMATCH)
		return r;
	return st == ZL_DNS_NOERROR ? MECH_MATCH : MECH_NOMATCH;
}

/* include (section 5.2): the table of results. */
static enum spf_mres mech_include(struct spf_level *l, const struct zl_spf_term *t,
				  const char *target)
{
	enum zl_spf_result r = check_level(l->e, target, l->depth + 1, NULL);

	switch (r) {
	case ZL_SPF_PASS:
		return MECH_MATCH;
	case ZL_SPF_FAIL:
	case ZL_SPF_SOFTFAIL:
	case ZL_SPF_NEUTRAL:
		return MECH_NOMATCH;
	case ZL_SPF_TEMPERROR:
		return MECH_TEMPERROR;
	case ZL_SPF_NONE:
		give_up(l, ZL_SPF_PERMERROR, t, "include target %s has no SPF record",
			target);
		return MECH_PERMERROR;
	case ZL_SPF_PERMERROR:
		break;
	}
	return MECH_PERMERROR;
}

/* Evaluate one mechanism. */
static enum spf_mres mechanism(struct spf_level *l, const struct zl_spf_term *t)
{
	struct spf_eval *e = l->e;
	uint8_t wire[ZL_NAME_MAX];
	const char *target = NULL;
	enum spf_target tg;

	switch (t->mech) {
	case ZL_SPF_ALL:
		return MECH_MATCH;
	case ZL_SPF_IP4:
		return !e->ip.v6 && zl_spf_cidr_match(t->addr, e->ip.addr,
						      (unsigned)(t->cidr4 < 0 ? 32 : t->cidr4)) ?
		       MECH_MATCH : MECH_NOMATCH;
	case ZL_SPF_IP6:
		return e->ip.v6 && zl_spf_cidr_match(t->addr, e->ip.addr,
						     (unsigned)(t->cidr6 < 0 ? 128 : t->cidr6)) ?
		       MECH_MATCH : MECH_NOMATCH;
	default:
		break;
	}
	tg = term_target(l, t, wire, &target);
	if (tg == TARGET_ERROR)
		return MECH_PERMERROR;
	if (tg == TARGET_INVALID) {
		/* section 4.3 by analogy: a name that cannot exist does not match */
		if (t->mech == ZL_SPF_INCLUDE) {
			give_up(l, ZL_SPF_PERMERROR, t, "include target \"%.60s\" is not "
				"a valid domain name", target);
			return MECH_PERMERROR;
		}
		return MECH_NOMATCH;
	}
	switch (t->mech) {
	case ZL_SPF_A:
		return match_host(l, t, wire);
	case ZL_SPF_MX:
		return mech_mx(l, t, wire);
	case ZL_SPF_PTR:
		return mech_ptr(l, t, wire);
	case ZL_SPF_EXISTS:
		return mech_exists(l, t, wire);
	case ZL_SPF_INCLUDE:
		return mech_include(l, t, target);
	default:
		break;
	}
	return MECH_NOMATCH;
}

/* ---- explanation (section 6.2) ------------------------------------------- */

/*
 * The explanation of this level's fail from its exp= modifier, or NULL
 * (use the default): any DNS problem, no or several TXT records, or a
 * syntax error in the text gives NULL.  The lookup is not counted
 * (section 4.6.4).
 */
static const char *level_explanation(struct spf_level *l)
{
	struct spf_eval *e = l->e;
	const struct zl_spf_term *t;
	const struct zl_rr *only = NULL;
	uint8_t wire[ZL_NAME_MAX];
	struct zl_dns_answer a;
	const char *err = NULL, *res;

	if (l->rec.exp_idx < 0)
		return NULL;
	t = &l->rec.terms[l->rec.exp_idx];
	if (expand(l, l->txt + t->arg_off, t->arg_len, 0, &err) != ZL_SPF_EXPAND_OK ||
	    !zl_dns_name_from_spf((const char *)e->exp.data, e->exp.len, wire))
		return NULL;
	if (query(l, wire, ZL_DNS_TYPE_TXT, &a) != ZL_DNS_NOERROR)
		return NULL;
	for (const struct zl_rr *rr = zl_rrset_first(a.rrset); rr; rr = zl_rrset_rr_next(a.rrset, rr)) {
		if (only && !zl_dns_rr_same(only, rr))
			return NULL;	/* more than one record */
		only = rr;
	}
	zl_txt_join(only, &e->tmp);
	if (expand(l, (const char *)e->tmp.data, e->tmp.len, ZL_SPF_EXPAND_EXPLAIN,
		   &err) != ZL_SPF_EXPAND_OK)
		return NULL;
	res = zl_arena_strndup(&e->mem, (const char *)e->exp.data, e->exp.len);
	trace_simple(l, ZL_SPF_TRACE_EXP, t, res, e->exp.len);
	return res;
}

/* ---- check_host() -------------------------------------------------------- */

/* Section 4.4/4.5: the one SPF record of l->domain (wire name). */
static enum zl_spf_result select_record(struct spf_level *l, const uint8_t *name)
{
	struct spf_eval *e = l->e;
	const struct zl_rr *found = NULL;
	struct zl_dns_answer a;
	enum zl_dns_status st = query(l, name, ZL_DNS_TYPE_TXT, &a);

	if (st == ZL_DNS_TIMEOUT)
		return give_up(l, ZL_SPF_TEMPERROR, NULL, "DNS timeout looking up "
			       "the SPF record of %.80s", l->domain);
	if (st != ZL_DNS_NOERROR)
		return give_up(l, ZL_SPF_NONE, NULL, "%.80s has no TXT records", l->domain);
	for (const struct zl_rr *rr = zl_rrset_first(a.rrset); rr; rr = zl_rrset_rr_next(a.rrset, rr)) {
		zl_txt_join(rr, &e->tmp);
		if (!zl_spf_is_record((const char *)e->tmp.data, e->tmp.len))
			continue;
		if (found && !zl_dns_rr_same(found, rr)) {
			l->rr = rr;
			return give_up(l, ZL_SPF_PERMERROR, NULL, "%.80s has more than "
				       "one SPF record", l->domain);
		}
		if (!found) {
			found = rr;
			l->txt = zl_arena_dup(&e->mem, e->tmp.data, e->tmp.len);
			l->len = e->tmp.len;
		}
	}
	if (!found)
		return give_up(l, ZL_SPF_NONE, NULL, "%.80s has no SPF record", l->domain);
	l->rr = found;
	trace_simple(l, ZL_SPF_TRACE_RECORD, NULL, l->txt, l->len);
	return ZL_SPF_PASS;	/* = found */
}

static enum zl_spf_result qualifier_result(char q)
{
	switch (q) {
	case '-':
		return ZL_SPF_FAIL;
	case '~':
		return ZL_SPF_SOFTFAIL;
	case '?':
		return ZL_SPF_NEUTRAL;
	default:
		return ZL_SPF_PASS;
	}
}

/* Count a DNS-querying term (section 4.6.4); false when over the limit. */
static bool count_lookup(struct spf_level *l)
{
	return ++l->e->lookups <= ZL_SPF_MAX_LOOKUPS;
}

/* Section 6.1: no mechanism matched and the record has redirect=. */
static enum zl_spf_result redirect(struct spf_level *l, const char **exp)
{
	const struct zl_spf_term *t = &l->rec.terms[l->rec.redirect_idx];
	uint8_t wire[ZL_NAME_MAX];
	const char *target = NULL;
	enum zl_spf_result r;

	if (!count_lookup(l))
		return give_up(l, ZL_SPF_PERMERROR, t, "more than %d DNS-querying terms",
			       ZL_SPF_MAX_LOOKUPS);
	trace_simple(l, ZL_SPF_TRACE_TERM, t, l->txt + t->off, t->len);
	switch (term_target(l, t, wire, &target)) {
	case TARGET_ERROR:
		return ZL_SPF_PERMERROR;
	case TARGET_INVALID:
		return give_up(l, ZL_SPF_PERMERROR, t, "redirect target \"%.60s\" is "
			       "not a valid domain name", target);
	case TARGET_OK:
		break;
	}
	r = check_level(l->e, target, l->depth + 1, exp);
	if (r == ZL_SPF_NONE)
		return give_up(l, ZL_SPF_PERMERROR, t, "redirect target %.80s has no "
			       "SPF record", target);
	return r;
}

/* The terms of the selected record, in order (section 4.6.2). */
static enum zl_spf_result evaluate(struct spf_level *l, const char **exp)
{
	for (size_t i = 0; i < l->rec.nterms; i++) {
		const struct zl_spf_term *t = &l->rec.terms[i];
		struct zl_spf_trace ev;
		enum spf_mres m;

		if (t->kind != ZL_SPF_TERM_MECH)
			continue;	/* modifiers act after the mechanisms */
		if (zl_spf_term_queries_dns(t) && !count_lookup(l))
			return give_up(l, ZL_SPF_PERMERROR, t, "more than %d "
				       "DNS-querying terms", ZL_SPF_MAX_LOOKUPS);
		trace_simple(l, ZL_SPF_TRACE_TERM, t, l->txt + t->off, t->len);
		m = mechanism(l, t);
		if (m == MECH_TEMPERROR)
			return ZL_SPF_TEMPERROR;
		if (m == MECH_PERMERROR)
			return ZL_SPF_PERMERROR;
		memset(&ev, 0, sizeof(ev));
		ev.kind = ZL_SPF_TRACE_MATCH;
		ev.rr = l->rr;
		ev.term = t;
		ev.text = l->txt + t->off;
		ev.len = t->len;
		ev.matched = m == MECH_MATCH;
		trace(l, &ev);
		if (m == MECH_MATCH) {
			enum zl_spf_result r = qualifier_result(t->qualifier);
			if (r == ZL_SPF_FAIL && exp)
				*exp = level_explanation(l);
			return r;
		}
	}
	if (l->rec.redirect_idx >= 0)
		return redirect(l, exp);
	return ZL_SPF_NEUTRAL;
}

/*
 * check_host() for domain at nesting depth; *exp (when exp is not NULL)
 * receives the explanation of a fail from this level's record, or NULL.
 */
static enum zl_spf_result check_level(struct spf_eval *e, const char *domain,
				      unsigned depth, const char **exp)
{
	struct spf_level l;
	struct zl_spf_trace ev;
	uint8_t wire[ZL_NAME_MAX];
	enum zl_spf_result r;

	memset(&l, 0, sizeof(l));
	l.e = e;
	l.depth = depth;
	l.domain = domain;
	if (exp)
		*exp = NULL;
	trace_simple(&l, ZL_SPF_TRACE_CHECK, NULL, domain, strlen(domain));
	if (depth > ZL_SPF_MAX_DEPTH) {
		r = give_up(&l, ZL_SPF_PERMERROR, NULL, "include/redirect nested "
			    "deeper than %d", ZL_SPF_MAX_DEPTH);
	} else if (!zl_dns_name_from_spf(domain, strlen(domain), wire) ||
		   zl_name_label_count(wire) < 2) {
		r = give_up(&l, ZL_SPF_NONE, NULL, "\"%.80s\" is not a valid "
			    "multi-label domain name", domain);
	} else if ((r = select_record(&l, wire)) == ZL_SPF_PASS) {
		zl_spf_parse(l.txt, l.len, &l.rec, &e->mem);
		if (l.rec.nbad > 0) {
			const struct zl_spf_term *bad = NULL;
			for (size_t i = 0; i < l.rec.nterms && !bad; i++)
				if (l.rec.terms[i].kind == ZL_SPF_TERM_BAD)
					bad = &l.rec.terms[i];
			r = give_up(&l, ZL_SPF_PERMERROR, bad, "syntax error in the SPF "
				    "record of %.80s: %s", domain, bad->err);
		} else {
			r = evaluate(&l, exp);
		}
	}
	memset(&ev, 0, sizeof(ev));
	ev.kind = ZL_SPF_TRACE_RESULT;
	ev.rr = l.rr;
	ev.result = r;
	trace(&l, &ev);
	return r;
}

/* Copy s[0..n) into the evaluation's arena. */
static const char *keep(struct spf_eval *e, const char *s, size_t n)
{
	return zl_arena_strndup(&e->mem, s, n);
}

/* Section 4.3 and 2.3: sender, local-part and domain of the check. */
static void identities(struct spf_eval *e, const struct zl_spf_query *q)
{
	const char *s = q->sender, *at;
	char *full;
	size_t n;

	e->helo = q->helo ? q->helo : "";
	if (!s || !*s)
		s = e->helo;		/* HELO identity: postmaster@helo */
	at = strrchr(s, '@');
	if (!at) {
		e->local = "postmaster";
		e->sender_domain = s;
	} else {
		e->local = at == s ? "postmaster" : keep(e, s, (size_t)(at - s));
		e->sender_domain = at + 1;
	}
	n = strlen(e->local) + 1 + strlen(e->sender_domain) + 1;
	full = zl_arena_alloc(&e->mem, n);
	snprintf(full, n, "%s@%s", e->local, e->sender_domain);
	e->sender = full;
}

/*
 * check_host() (RFC 7208 sections 4 to 8); contract in spf_eval.h.  The
 * state lives on the heap (it holds 10 validated names), everything
 * else in one arena freed before returning.
 */
void zl_spf_check_host(const struct zl_dns *dns, const struct zl_spf_query *q,
		       struct zl_spf_outcome *out)
{
	struct spf_eval *e = zl_xmalloc(sizeof(*e));
	const char *exp = NULL;

	memset(out, 0, sizeof(*out));
	out->reason_off = -1;
	memset(e, 0, sizeof(*e));
	e->dns = dns;
	e->q = q;
	e->out = out;
	e->ip = q->ip;
	zl_arena_init(&e->mem);
	identities(e, q);
	out->result = check_level(e, q->domain ? q->domain : e->sender_domain, 0, &exp);
	out->lookups = e->lookups;
	out->voids = e->voids;
	if (out->result == ZL_SPF_FAIL) {
		out->exp_from_record = exp != NULL;
		if (!exp)
			exp = q->default_exp ? q->default_exp : ZL_SPF_DEFAULT_EXPLANATION;
		out->explanation = zl_xstrdup(exp);
	}
	zl_buf_free(&e->tmp);
	zl_buf_free(&e->exp);
	zl_arena_free(&e->mem);
	free(e);
}

/* Free the explanation; contract in spf_eval.h. */
void zl_spf_outcome_free(struct zl_spf_outcome *o)
{
	free(o->explanation);
	o->explanation = NULL;
}
