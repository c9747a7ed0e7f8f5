/* spf.h - SPF record syntax: the RFC 7208 section 12 ABNF as a term parser. */
#ifndef ZL_SPF_H
#define ZL_SPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Mechanisms, RFC 7208 section 5. */
enum zl_spf_mech {
	ZL_SPF_ALL,
	ZL_SPF_INCLUDE,
	ZL_SPF_A,
	ZL_SPF_MX,
	ZL_SPF_PTR,
	ZL_SPF_IP4,
	ZL_SPF_IP6,
	ZL_SPF_EXISTS,
};

/* Modifiers, RFC 7208 section 6; anything else is ZL_SPF_MOD_UNKNOWN (ignored by receivers). */
enum zl_spf_mod {
	ZL_SPF_REDIRECT,
	ZL_SPF_EXP,
	ZL_SPF_MOD_UNKNOWN,
};

enum zl_spf_term_kind {
	ZL_SPF_TERM_MECH,
	ZL_SPF_TERM_MOD,
	ZL_SPF_TERM_BAD,	/* does not match the ABNF; see err */
};

/*
 * One term of an SPF record.  All offsets are octet offsets into the
 * joined record text passed to zl_spf_parse() (the character-strings
 * concatenated without separators, RFC 7208 section 3.3).
 */
struct zl_spf_term {
	enum zl_spf_term_kind kind;
	uint32_t off, len;	/* the whole term, qualifier included */
	char qualifier;		/* '+', '-', '~', '?'; '+' when not written */
	bool qual_written;	/* true if the qualifier appeared in the text */
	enum zl_spf_mech mech;	/* ZL_SPF_TERM_MECH only */
	enum zl_spf_mod mod;	/* ZL_SPF_TERM_MOD only */
	uint32_t name_off, name_len; /* mechanism or modifier name as written */
	/* domain-spec (include, a, mx, ptr, exists, redirect), macro-string (exp,
	 * unknown modifiers) or address text (ip4, ip6); arg_len 0 if absent */
	uint32_t arg_off, arg_len;
	bool has_macro;		/* arg contains a macro-expand ("%{...}") */
	bool uses_p_macro;	/* arg contains %{p} or %{P} (section 7.3: SHOULD NOT) */
	int cidr4;		/* ip4-cidr-length, or -1 when not written */
	int cidr6;		/* ip6-cidr-length, or -1 when not written */
	uint8_t addr[16];	/* ip4: first 4 octets; ip6: all 16 (network order) */
	/* ZL_SPF_TERM_BAD: where exactly the fault is and what it is */
	uint32_t err_off, err_len;
	const char *err;	/* lower-case message: static, or built in the arena
				 * of zl_spf_parse() (e.g. "unknown mechanism \"ipv4\"") */
	struct zl_arena *arena;	/* that arena, where a built message goes */
};

/*
 * A parsed record: its terms in order. Memory belongs to the arena passed
 * to zl_spf_parse().  The counts are 32-bit: zl_spf_parse() takes no
 * text of UINT32_MAX octets or more, so a record has fewer terms (the
 * SPF rules keep one of these for each SPF record of a zone).
 */
struct zl_spf_record {
	struct zl_spf_term *terms;
	uint32_t nterms;
	uint32_t nbad;		/* terms of kind ZL_SPF_TERM_BAD */
	int redirect_idx;	/* index of the (first) redirect= term, or -1 */
	int exp_idx;		/* index of the (first) exp= term, or -1 */
};

/*
 * True if the text is an SPF record by RFC 7208 section 4.5: it begins
 * with "v=spf1" (case-insensitive) followed by a space or the end.
 */
bool zl_spf_is_record(const char *txt, size_t len);

/*
 * True if the text is plainly meant as an SPF record but its version
 * section is wrong, so receivers ignore it (" v=spf1", "v=spf 1",
 * "v=spf2", "V = spf1", "spf1 a -all", "v=spf1a"), false for real SPF
 * records and for other TXT data (including Sender ID "spf2.0/...").
 * On true, *off receives the offset of the fault (0 if none better).
 */
bool zl_spf_version_typo(const char *txt, size_t len, uint32_t *off);

/*
 * Parse the terms of an SPF record.  txt[0..len) is the joined record,
 * starting with the version section "v=spf1".  Every term is returned,
 * bad ones as ZL_SPF_TERM_BAD with a message: the parse never stops at the
 * first error.  Also marks a second redirect= or exp= as bad ("redirect
 * given twice", RFC 7208 section 6).  Terms are separated by one or more
 * spaces (section 4.6.1).  Memory comes from arena a.  Returns 0.
 * If txt is not an SPF record at all (zl_spf_is_record() false), *out is
 * set to zero terms and -1 is returned.  out->terms is NULL when there
 * are no terms.  A term's err points at a static string or into a, so
 * it lives as long as the terms do.
 */
int zl_spf_parse(const char *txt, size_t len, struct zl_spf_record *out,
		 struct zl_arena *a);

/*
 * The next term at or after octet *pos of SPF record txt[0..len) that
 * reads as an include mechanism or a redirect modifier (RFC 7208
 * sections 5.2 and 6.1): returns true with *arg_off and *arg_len set to
 * its domain-spec (never empty) and *pos moved past the term, or false
 * when no such term is left (or txt is no SPF record).  A scan of the
 * term's first octets only, with no check of the domain-spec: it finds
 * every term zl_spf_parse() returns as a good include or redirect, with
 * the same argument, and perhaps a few that it returns as bad (a second
 * redirect, a domain-spec with a prefix length or a bad macro).  Start
 * with *pos 0.  Used to find what an include tree can reach without
 * parsing every record.
 */
bool zl_spf_next_follow(const char *txt, size_t len, size_t *pos, uint32_t *arg_off,
			uint32_t *arg_len);

/*
 * Check that s[0..len) is a valid macro-string (section 7.1).  If
 * domain_spec is true, it must also be a valid domain-spec (section 12:
 * ends in a toplabel or a macro-expand; empty labels are not allowed).
 * Returns true if valid; on false, *err_off gets the offset of the fault
 * and *err a static lower-case message.
 */
bool zl_spf_check_macro_string(const char *s, size_t len, bool domain_spec,
			       uint32_t *err_off, const char **err);

/*
 * Flags for zl_spf_scan_macro_string().
 * ZL_SPF_MS_DOMAIN_SPEC: the text must be a domain-spec (section 12:
 *   macro-string domain-end), with macro letters c, r and t refused
 *   (section 7.1: "allowed only in exp text") and no empty or over-long
 *   (> 63 octets) literal labels (section 4.3, 4.8).
 * ZL_SPF_MS_EXPLAIN: the text is an explain-string (section 6.2), so SP
 *   is allowed between macro-strings.
 */
#define ZL_SPF_MS_DOMAIN_SPEC	0x1u
#define ZL_SPF_MS_EXPLAIN	0x2u

/* What zl_spf_scan_macro_string() found in a valid macro-string. */
struct zl_spf_ms_info {
	bool has_macro;		/* at least one "%{...}" */
	bool uses_p_macro;	/* a "%{p...}" or "%{P...}" (section 7.3: SHOULD NOT) */
};

/*
 * Validate s[0..len) as a macro-string (section 7.1), checked further as
 * flags say.  On success returns true and, if info is not NULL, fills it.
 * On failure returns false, *err_off and *err_len (octets, relative to s)
 * cover the faulty part and *err is a static lower-case message without
 * a trailing period.  No allocation.  Any of info, err_off, err_len and
 * err may be NULL.
 */
bool zl_spf_scan_macro_string(const char *s, size_t len, unsigned flags,
			      struct zl_spf_ms_info *info, uint32_t *err_off,
			      uint32_t *err_len, const char **err);

/*
 * One macro-expand (section 7.1), as parsed by zl_spf_macro_parse(); the
 * parts an expander (section 7.3) needs.
 */
struct zl_spf_macro {
	char letter;		/* macro-letter in lower case ("s" ... "v"), or
				 * '%', '_', '-' for the escapes "%%", "%_", "%-" */
	bool upper;		/* letter written in upper case: URL-escape (7.3) */
	bool reverse;		/* the "r" transformer was given */
	unsigned digits;	/* DIGIT transformer; 0 when absent (written
				 * values are >= 1; saturates at 9999) */
	char delims[8];		/* delimiters as written, each once, NUL-ended;
				 * empty means the default "." */
	uint32_t len;		/* octets of the whole macro-expand in the text */
};

/*
 * Parse the macro-expand that starts at s[0] (which must be '%'); len is
 * the number of octets available.  On success returns true and fills *m
 * (m->len says how far it reached).  On failure returns false with
 * *err_off and *err_len relative to s and a static lower-case message in *err.
 * Refuses an unknown macro-letter, a zero DIGIT transformer (section 7.3:
 * "MUST be nonzero"), a missing "}" and a "%" followed by anything other
 * than "{", "%", "_" or "-".  Letters c, r, t are accepted here; callers
 * that want a domain-spec refuse them.  No allocation.
 */
bool zl_spf_macro_parse(const char *s, size_t len, struct zl_spf_macro *m,
			uint32_t *err_off, uint32_t *err_len, const char **err);

/*
 * The known mechanism or modifier name nearest to name[0..len) (case is
 * ignored), for "did you mean" hints: a small table of usual mistakes
 * ("ipv4" -> "ip4") and otherwise edit distance 1 for short names, 2 for
 * longer ones.  Returns a static string, or NULL when nothing is close or
 * name is itself a known name.
 */
const char *zl_spf_suggest(const char *name, size_t len);

/* Mechanism name as the RFC writes it ("include"). */
const char *zl_spf_mech_name(enum zl_spf_mech m);

/*
 * True if the term causes a DNS query when evaluated (include, a, mx,
 * ptr, exists, redirect: RFC 7208 section 4.6.4).
 */
bool zl_spf_term_queries_dns(const struct zl_spf_term *t);

/* ---- macro expansion (RFC 7208 sections 7.3, 7.4), src/spf_expand.c ---- */

/* Longest domain name a domain-spec expands to (section 7.3: 253 octets). */
#define ZL_SPF_DOMAIN_MAX 253u
/* Longest explanation kept; the rest is cut off (bounded memory). */
#define ZL_SPF_EXPLAIN_MAX 4096u
/* Octets one expansion may read and write in all, so hostile records end in an error, not a hang. */
#define ZL_SPF_EXPAND_WORK_MAX (1u << 20)

/*
 * What the macro letters stand for (section 7.3).  Strings are
 * NUL-terminated and owned by the caller.  ip is 4 octets (ip6 false)
 * or 16 (ip6 true); an IPv4-mapped IPv6 client must already be given as
 * IPv4 (section 5: ::ffff:a.b.c.d is a.b.c.d).
 */
struct zl_spf_macro_env {
	const char *sender;	/* s: <sender>, "postmaster@" applied (section 4.3) */
	const char *local;	/* l: local-part of <sender> */
	const char *sender_domain; /* o: domain of <sender> */
	const char *domain;	/* d: the current <domain> */
	const char *helo;	/* h: HELO/EHLO domain */
	const char *receiver;	/* r: receiving host; NULL = "unknown" (exp only) */
	long long now;		/* t: seconds since the epoch (exp only) */
	const uint8_t *ip;	/* i, c, v */
	bool ip6;
	/*
	 * p: the validated domain name of ip (section 7.3) for the current
	 * domain; NULL function = "unknown".  The returned string stays
	 * valid until the expansion returns.
	 */
	const char *(*validated)(void *ctx, const char *domain);
	void *validated_ctx;
};

/* Flags for zl_spf_expand(). */
#define ZL_SPF_EXPAND_EXPLAIN 0x1u	/* explain-string (section 6.2): SP, c, r, t allowed */

/* Outcome of zl_spf_expand(). */
enum zl_spf_expand_status {
	ZL_SPF_EXPAND_OK = 0,
	ZL_SPF_EXPAND_SYNTAX,	/* not a macro-string (or a letter not allowed here) */
	ZL_SPF_EXPAND_TOO_BIG,	/* more than ZL_SPF_EXPAND_WORK_MAX octets of work */
};

/*
 * Expand the macro-string s[0..len) (section 7.3) into out (reset
 * first; NUL-terminated, the NUL not counted in out->len).
 * Without ZL_SPF_EXPAND_EXPLAIN the text is a domain-spec: letters c, r
 * and t and spaces are refused, and a result over ZL_SPF_DOMAIN_MAX
 * octets is truncated from the left by whole labels (section 7.3); only
 * the last few hundred octets are ever held, whatever the expansion's
 * size.  With it, s is an explain-string and the result is cut at
 * ZL_SPF_EXPLAIN_MAX octets.  Upper-case letters are URL-escaped
 * (RFC 3986 unreserved characters kept).  "%{i}" of an IPv6 address is
 * 32 dot-separated nibbles: lower case in a domain-spec (RFC 7208 7.4,
 * RFC 3596 2.5), upper case in explanation text, as pyspf and Mail::SPF
 * write them and the OpenSPF suite checks.  On error, *err_off (may be
 * NULL) is the offset of the fault in s and *err (may be NULL) a
 * static lower-case message.  Work and memory are bounded by
 * ZL_SPF_EXPAND_WORK_MAX whatever the transformer digits or nesting.
 */
enum zl_spf_expand_status zl_spf_expand(const char *s, size_t len,
					unsigned flags,
					const struct zl_spf_macro_env *env,
					struct zl_buf *out, uint32_t *err_off,
					const char **err);

#endif
