/* spf_eval.h - RFC 7208 check_host() (sections 4 to 8) over a closed-world resolver, with the processing limits of section 4.6.4. */
#ifndef ZL_SPF_EVAL_H
#define ZL_SPF_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spf.h"
#include "zonedns.h"

/* Processing limits, RFC 7208 section 4.6.4. */
#define ZL_SPF_MAX_LOOKUPS 10	/* DNS-querying terms per evaluation */
#define ZL_SPF_MAX_VOID 2	/* lookups answering NXDOMAIN or no RRs */
#define ZL_SPF_MAX_MX_NAMES 10	/* MX names per "mx" (more: permerror) */
#define ZL_SPF_MAX_PTR_NAMES 10	/* PTR names per "ptr" or %{p} (more: ignored) */
#define ZL_SPF_MAX_DEPTH 16	/* include/redirect nesting (the lookup limit stops first) */

/* check_host() results, section 2.6. */
enum zl_spf_result {
	ZL_SPF_NONE,
	ZL_SPF_NEUTRAL,
	ZL_SPF_PASS,
	ZL_SPF_FAIL,
	ZL_SPF_SOFTFAIL,
	ZL_SPF_TEMPERROR,
	ZL_SPF_PERMERROR,
};

/* "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror" */
const char *zl_spf_result_name(enum zl_spf_result r);

/* A client address: 4 octets (v6 false) or 16 (v6 true), network order. */
struct zl_spf_ip {
	bool v6;
	uint8_t addr[16];
};

/*
 * Parse an IPv4 or IPv6 address in text form into *ip.  An IPv4-mapped
 * IPv6 address (::ffff:a.b.c.d) becomes the IPv4 address a.b.c.d
 * (RFC 7208 section 5: such clients are checked as IPv4).  Returns false
 * if text is neither.
 */
bool zl_spf_ip_parse(const char *text, struct zl_spf_ip *ip);

/*
 * True if the first bits bits of a and b (network order) are equal:
 * CIDR matching (RFC 4632 section 3.1, RFC 4291 section 2.3).  bits may
 * be 0 (always true); a and b hold at least (bits + 7) / 8 octets.
 */
bool zl_spf_cidr_match(const uint8_t *a, const uint8_t *b, unsigned bits);

/* What a trace event reports. */
enum zl_spf_trace_kind {
	ZL_SPF_TRACE_CHECK,	/* check_host() entered: domain */
	ZL_SPF_TRACE_RECORD,	/* SPF record selected: rr, text/len */
	ZL_SPF_TRACE_TERM,	/* a term is evaluated: term, text/len (target NULL); a term
				 * with a domain-spec gets a second event with the
				 * expanded target */
	ZL_SPF_TRACE_LOOKUP,	/* a DNS query: target, qtype, status, nrr */
	ZL_SPF_TRACE_MATCH,	/* a mechanism's outcome: term, matched */
	ZL_SPF_TRACE_EXP,	/* explanation computed: text/len */
	ZL_SPF_TRACE_ERROR,	/* why a permerror/temperror/none: text/len */
	ZL_SPF_TRACE_RESULT,	/* check_host() returns: result */
};

/* One trace event; every pointer is valid only during the callback. */
struct zl_spf_trace {
	enum zl_spf_trace_kind kind;
	unsigned depth;		/* include/redirect nesting, 0 = top */
	const char *domain;	/* <domain> of this check_host() level */
	const struct zl_rr *rr;	/* RECORD, TERM, MATCH, ERROR: the TXT RR of the record, if any */
	const struct zl_spf_term *term; /* TERM, MATCH, ERROR: the term, if any */
	const char *text;	/* see the kinds */
	size_t len;
	const char *target;	/* TERM: expanded domain; LOOKUP: the name queried */
	uint16_t qtype;		/* LOOKUP */
	enum zl_dns_status status; /* LOOKUP */
	unsigned nrr;		/* LOOKUP: RRs in the answer */
	bool matched;		/* MATCH */
	enum zl_spf_result result; /* RESULT, ERROR */
	unsigned lookups;	/* running count of DNS-querying terms */
	unsigned voids;		/* running count of void lookups */
};

typedef void (*zl_spf_trace_fn)(void *ctx, const struct zl_spf_trace *ev);

/* The inputs of one evaluation. */
struct zl_spf_query {
	struct zl_spf_ip ip;	/* <ip> */
	const char *sender;	/* MAIL FROM; NULL or "" = HELO identity (postmaster@helo) */
	const char *helo;	/* HELO/EHLO domain (%{h}); NULL = "" */
	const char *domain;	/* <domain>; NULL = the domain of sender (or helo) */
	const char *receiver;	/* %{r}; NULL = "unknown" */
	long long now;		/* %{t}: seconds since the epoch */
	const char *default_exp; /* explanation when exp= gives none; NULL = built-in */
	zl_spf_trace_fn trace;	/* may be NULL */
	void *trace_ctx;
};

/* The result of one evaluation. */
struct zl_spf_outcome {
	enum zl_spf_result result;
	char *explanation;	/* fail only (else NULL): heap, free with zl_spf_outcome_free() */
	bool exp_from_record;	/* the explanation came from an exp= modifier */
	unsigned lookups;	/* DNS-querying terms evaluated */
	unsigned voids;		/* void lookups */
	/* for permerror, temperror and none: why, and where when known */
	char reason[160];	/* lower case, no trailing period; "" if none */
	const struct zl_rr *reason_rr; /* record holding the fault, or NULL */
	int32_t reason_off;	/* octet offset in the joined record text, or -1 */
};

/* The explanation used when neither exp= nor the caller gives one. */
#define ZL_SPF_DEFAULT_EXPLANATION "the domain's SPF policy does not authorize this host to send its mail"

/*
 * RFC 7208 check_host(<ip>, <domain>, <sender>) over the data dns
 * answers from, sections 4 to 8: record selection (4.4, 4.5), syntax
 * check of the whole record (4.6), mechanisms and modifiers in order
 * (5, 6), macros (7), the explanation of a fail (6.2), the limits of
 * 4.6.4 (10 DNS-querying terms, 2 void lookups, 10 MX names, 10 PTR
 * names).  The <domain> is q->domain, else the domain of q->sender, else
 * q->helo (HELO identity, section 2.3); an invalid <domain> (4.3) gives
 * none.  Fills *out (call zl_spf_outcome_free() afterwards); always
 * computes a result.  Memory and time are bounded for any data:
 * recursion stops at ZL_SPF_MAX_DEPTH and ZL_SPF_MAX_LOOKUPS.  Nothing is
 * printed; q->trace sees every step.
 */
void zl_spf_check_host(const struct zl_dns *dns, const struct zl_spf_query *q,
		       struct zl_spf_outcome *out);

/* Free what an outcome holds (the explanation); *o is reusable afterwards. */
void zl_spf_outcome_free(struct zl_spf_outcome *o);

#endif
