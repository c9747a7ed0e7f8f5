/* spf.c - SPF rules over the zone model (RFC 7208): syntax, version, lookup limit, record selection, risky terms. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "checks.h"
#include "txt.h"

#define TYPE_MX 15
#define TYPE_TXT 16
#define TYPE_SPF 99
#define SPF_LOOKUP_LIMIT 10	/* RFC 7208 section 4.6.4 */

/* One TXT SPF record of the loaded data, parsed once. */
struct spfrec {
	const struct zl_rr *rr;
	char *text;		/* joined character-strings, NUL-terminated */
	uint32_t len;
	struct zl_spf_record rec;
	/* lookup count, computed on demand (worst case, through includes) */
	enum { COST_NONE, COST_BUSY, COST_DONE } state;
	unsigned cost;
	bool at_least;		/* some target was outside the loaded data */
};

/* Everything the SPF rules share during one run. */
struct spfctx {
	const struct zl_db *db;
	struct zl_sink *sink;
	struct zl_arena mem;
	struct zl_buf buf;
	struct spfrec *v;	/* all SPF records */
	size_t n, cap;
	/* node -> first index in v (records of one node are adjacent) */
	const struct zl_node **keys;
	size_t *vals;
	size_t nslots;
};

/* ---- finding records ------------------------------------------------------ */

static size_t slot_of(const struct spfctx *c, const struct zl_node *n)
{
	size_t h = ((uintptr_t)n >> 4) * 2654435761u;
	size_t i = h & (c->nslots - 1);
	while (c->keys[i] && c->keys[i] != n)
		i = (i + 1) & (c->nslots - 1);
	return i;
}

/* The SPF records of node n: sets *count and returns the first, or NULL. */
static struct spfrec *records_at(const struct spfctx *c,
				 const struct zl_node *n, size_t *count)
{
	*count = 0;
	if (!c->nslots)
		return NULL;
	size_t i = slot_of(c, n);
	if (!c->keys[i])
		return NULL;
	size_t first = c->vals[i], k = first;
	while (k < c->n && c->v[k].rr->owner == n)
		k++;
	*count = k - first;
	return &c->v[first];
}

static bool same_rdata(const struct zl_rr *a, const struct zl_rr *b)
{
	return a->rdlen == b->rdlen && memcmp(a->rdata, b->rdata, a->rdlen) == 0;
}

/* Collect and parse every TXT SPF record (identical duplicates once: a loaded RRset is a set). */
static void collect(struct spfctx *c)
{
	for (size_t b = 0; b < c->db->nbuckets; b++) {
		for (const struct zl_node *n = c->db->buckets[b]; n; n = n->hnext) {
			const struct zl_rrset *set = zl_node_rrset(n, TYPE_TXT, 0);
			if (!set)
				continue;
			size_t first = c->n;
			for (const struct zl_rr *rr = set->first; rr; rr = rr->next) {
				zl_txt_join(rr, &c->buf);
				if (!zl_spf_is_record((const char *)c->buf.data, c->buf.len))
					continue;
				bool dup = false;
				for (size_t k = first; k < c->n; k++)
					dup |= same_rdata(c->v[k].rr, rr);
				if (dup)
					continue;
				if (c->n == c->cap) {
					c->cap = c->cap ? c->cap * 2 : 256;
					c->v = zl_xrealloc(c->v, c->cap * sizeof(*c->v));
				}
				struct spfrec *s = &c->v[c->n++];
				memset(s, 0, sizeof(*s));
				s->rr = rr;
				s->len = (uint32_t)c->buf.len;
				s->text = zl_arena_strndup(&c->mem, (const char *)c->buf.data,
							   c->buf.len);
				zl_spf_parse(s->text, s->len, &s->rec, &c->mem);
			}
		}
	}
	c->nslots = 16;
	while (c->nslots < c->n * 2)
		c->nslots *= 2;
	c->keys = calloc(c->nslots, sizeof(*c->keys));
	c->vals = calloc(c->nslots, sizeof(*c->vals));
	if (!c->keys || !c->vals) {
		fputs("zonelint: out of memory\n", stderr);
		exit(2);
	}
	for (size_t k = 0; k < c->n; k++) {
		size_t i = slot_of(c, c->v[k].rr->owner);
		if (!c->keys[i]) {
			c->keys[i] = c->v[k].rr->owner;
			c->vals[i] = k;
		}
	}
}

/* ---- reporting helpers ------------------------------------------------------- */

static void report_at(struct spfctx *c, enum zl_rule rule, enum zl_severity sev,
		      const struct spfrec *s, uint32_t off, const char *msg)
{
	uint32_t line, col;
	zl_txt_locate(s->rr, off, &line, &col);
	zl_report_sev(c->sink, rule, sev, s->rr->file, line, col, "%s", msg);
}

static const char *owner_text(const struct zl_node *n, char *buf, size_t cap)
{
	zl_name_to_text(n->wire, buf, cap);
	return buf;
}

/* ---- spf-lookup-limit ------------------------------------------------------------ */

static bool has_all(const struct zl_spf_record *r)
{
	for (size_t i = 0; i < r->nterms; i++)
		if (r->terms[i].kind == ZL_SPF_TERM_MECH && r->terms[i].mech == ZL_SPF_ALL)
			return true;
	return false;
}

/* Does term t count against the limit when evaluated (worst case)? */
static bool counts(const struct zl_spf_record *r, const struct zl_spf_term *t)
{
	if (!zl_spf_term_queries_dns(t))
		return false;
	/* redirect is ignored when there is an all mechanism (section 6.1) */
	if (t->kind == ZL_SPF_TERM_MOD && t->mod == ZL_SPF_REDIRECT && has_all(r))
		return false;
	return true;
}

static struct spfrec *target_of(struct spfctx *c, const struct spfrec *s,
				const struct zl_spf_term *t, bool *outside)
{
	uint8_t wire[ZL_NAME_MAX];
	size_t wl;
	char name[ZL_NAME_TEXT_MAX];
	size_t count;

	*outside = false;
	if (t->has_macro || t->arg_len == 0 || t->arg_len + 2 > sizeof(name)) {
		*outside = true;	/* depends on the sender: unknown here */
		return NULL;
	}
	memcpy(name, s->text + t->arg_off, t->arg_len);
	size_t nl = t->arg_len;
	if (name[nl - 1] != '.')
		name[nl++] = '.';
	if (zl_name_from_text(name, nl, NULL, wire, &wl) != ZL_NAME_OK)
		return NULL;
	const struct zl_node *n = zl_db_find(c->db, wire);
	if (!n || !zl_node_rrset(n, TYPE_TXT, 0)) {
		/* no TXT here: outside the loaded data unless a loaded zone holds it */
		bool inside = false;
		for (const struct zl_zone *z = c->db->zones; z && !inside; z = z->next)
			inside = z->origin && zl_name_is_subdomain(wire, z->origin);
		*outside = !inside;
		return NULL;
	}
	struct spfrec *r = records_at(c, n, &count);
	return count == 1 ? r : NULL;	/* none or several: permerror, counted as 1 */
}

static void compute_cost(struct spfctx *c, struct spfrec *s)
{
	unsigned cost = 0;
	bool at_least = false;

	if (s->state == COST_DONE)
		return;
	s->state = COST_BUSY;
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		if (!counts(&s->rec, t))
			continue;
		cost++;
		bool follows = (t->kind == ZL_SPF_TERM_MECH && t->mech == ZL_SPF_INCLUDE) ||
			       (t->kind == ZL_SPF_TERM_MOD && t->mod == ZL_SPF_REDIRECT);
		if (!follows)
			continue;
		bool outside;
		struct spfrec *tgt = target_of(c, s, t, &outside);
		at_least |= outside;
		if (tgt && tgt->state != COST_BUSY) {	/* a loop adds nothing more */
			compute_cost(c, tgt);
			cost += tgt->cost;
			at_least |= tgt->at_least;
		}
	}
	s->cost = cost;
	s->at_least = at_least;
	s->state = COST_DONE;
}

static void check_lookup_limit(struct spfctx *c, struct spfrec *s)
{
	char msg[900];
	size_t m = 0;
	unsigned running = 0;
	uint32_t where = 0;
	bool found = false;

	compute_cost(c, s);
	if (s->cost <= SPF_LOOKUP_LIMIT)
		return;
	m = (size_t)snprintf(msg, sizeof(msg),
			     "SPF record needs %s%u DNS lookups; the limit is %d (",
			     s->at_least ? "at least " : "", s->cost, SPF_LOOKUP_LIMIT);
	bool first = true;
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		if (!counts(&s->rec, t))
			continue;
		unsigned tc = 1;
		bool outside;
		bool follows = (t->kind == ZL_SPF_TERM_MECH && t->mech == ZL_SPF_INCLUDE) ||
			       (t->kind == ZL_SPF_TERM_MOD && t->mod == ZL_SPF_REDIRECT);
		struct spfrec *tgt = follows ? target_of(c, s, t, &outside) : NULL;
		if (tgt && tgt != s && tgt->state == COST_DONE)
			tc += tgt->cost;
		running += tc;
		if (!found && running > SPF_LOOKUP_LIMIT) {
			found = true;
			where = t->off;
		}
		if (m < sizeof(msg) - 80) {
			int w = (int)(t->len < 60 ? t->len : 60);
			m += (size_t)snprintf(msg + m, sizeof(msg) - m, "%s%.*s %u",
					      first ? "" : ", ", w, s->text + t->off, tc);
			first = false;
		}
	}
	if (m < sizeof(msg) - 1)
		snprintf(msg + m, sizeof(msg) - m, ")");
	report_at(c, ZL_RULE_spf_lookup_limit, ZL_ERROR, s, where, msg);
}

/* ---- spf-string-join -------------------------------------------------------------- */

/* True if a and b, each alone, are valid terms and b names a known mechanism or modifier. */
static bool two_terms(struct spfctx *c, const char *a, size_t al, const char *b,
		      size_t bl)
{
	struct zl_spf_record r;
	char *tmp = zl_arena_alloc(&c->mem, al + bl + 9);
	memcpy(tmp, "v=spf1 ", 7);
	memcpy(tmp + 7, a, al);
	tmp[7 + al] = ' ';
	memcpy(tmp + 8 + al, b, bl);
	zl_spf_parse(tmp, al + bl + 8, &r, &c->mem);
	if (r.nterms != 2 || r.nbad)
		return false;
	const struct zl_spf_term *t = &r.terms[1];
	return t->kind == ZL_SPF_TERM_MECH ||
	       (t->kind == ZL_SPF_TERM_MOD && t->mod != ZL_SPF_MOD_UNKNOWN);
}

/*
 * spf-string-join: at each boundary between character-strings where no
 * space separates them, a complete term ends and another begins.  Marks
 * the joined spans in *joined_off/len (up to 8) so spf-syntax stays quiet
 * about them.  Returns how many were reported.
 */
static size_t check_string_join(struct spfctx *c, const struct zl_rr *rr,
				const char *text, uint32_t len,
				uint32_t *jspan_off, uint32_t *jspan_len)
{
	size_t found = 0;
	for (unsigned k = 1; k < rr->nsegs; k++) {
		uint32_t b = zl_txt_seg_start(rr, k);
		if (b == 0 || b >= len || text[b - 1] == ' ' || text[b] == ' ')
			continue;
		uint32_t ts = b, te = b;
		while (ts > 0 && text[ts - 1] != ' ')
			ts--;
		while (te < len && text[te] != ' ')
			te++;
		bool version = ts == 0 && b == 6;	/* "v=spf1" "a ..." */
		if (!version && (ts == 0 || !two_terms(c, text + ts, b - ts, text + b, te - b)))
			continue;
		if (version && !two_terms(c, "a", 1, text + b, te - b))
			continue;
		char msg[400];
		snprintf(msg, sizeof(msg),
			 "character-strings join as \"%.*s\" with no space between \"%.*s\" and \"%.*s\"; add a space at the end of the first string or the start of the next",
			 (int)((te - ts) < 80 ? (te - ts) : 80), text + ts,
			 (int)((b - ts) < 60 ? (b - ts) : 60), text + ts,
			 (int)((te - b) < 60 ? (te - b) : 60), text + b);
		uint32_t line, col;
		zl_txt_locate(rr, b, &line, &col);
		zl_report(c->sink, ZL_RULE_spf_string_join, rr->file, line, col, "%s", msg);
		if (found < 8) {
			jspan_off[found] = ts;
			jspan_len[found] = te - ts;
		}
		found++;
	}
	return found;
}

/* ---- per-record checks ------------------------------------------------------------ */

/*
 * spf-syntax for a bad term.  A one-label domain-spec ("a:mail") is the
 * classic zone-file mistake: names in SPF are never relative to the zone
 * (RFC 7208 section 12, domain-end), so say what to write instead.
 */
static void report_bad_term(struct spfctx *c, const struct spfrec *s,
			    const struct zl_spf_term *t)
{
	const char *arg = s->text + t->arg_off;
	bool names_domain = t->mech == ZL_SPF_INCLUDE || t->mech == ZL_SPF_A ||
			    t->mech == ZL_SPF_MX || t->mech == ZL_SPF_PTR ||
			    t->mech == ZL_SPF_EXISTS;
	const uint8_t *origin = s->rr->zone ? s->rr->zone->origin : NULL;
	bool v6_text = t->arg_len && memchr(arg, ':', t->arg_len);

	if ((t->mech == ZL_SPF_IP4 && v6_text) ||
	    (t->mech == ZL_SPF_IP6 && !v6_text && t->arg_len &&
	     memchr(arg, '.', t->arg_len))) {
		char msg[300];
		bool four = t->mech == ZL_SPF_IP4;
		snprintf(msg, sizeof(msg),
			 "\"%.*s\" is an IPv%c address after \"%s:\"; write \"%s:%.*s\"",
			 (int)t->arg_len, arg, four ? '6' : '4', four ? "ip4" : "ip6",
			 four ? "ip6" : "ip4", (int)t->arg_len, arg);
		report_at(c, ZL_RULE_spf_ip_family, ZL_ERROR, s, t->arg_off, msg);
		return;
	}

	if (names_domain && t->arg_len > 0 && t->arg_len < 64 && origin &&
	    !memchr(arg, '.', t->arg_len) && !memchr(arg, '%', t->arg_len) &&
	    !memchr(arg, '/', t->arg_len)) {
		char zone[ZL_NAME_TEXT_MAX], msg[400];
		zl_name_to_text(origin, zone, sizeof(zone));
		size_t zl = strlen(zone);
		if (zl > 1)
			zone[zl - 1] = '\0';	/* SPF writes names without the final dot */
		snprintf(msg, sizeof(msg),
			 "\"%.*s\" is not a domain: SPF names are never relative to the zone; write \"%.*s.%s\"",
			 (int)t->arg_len, arg, (int)t->arg_len, arg, zone);
		report_at(c, ZL_RULE_spf_syntax, ZL_ERROR, s, t->arg_off, msg);
		return;
	}
	report_at(c, ZL_RULE_spf_syntax, ZL_ERROR, s, t->err_off,
		  t->err ? t->err : "term does not match the RFC 7208 grammar");
}

#define SPF_RECORD_MAX 450	/* RFC 7208 section 3.4 */

static const char p_macro_msg[] =
	"the %{p} macro SHOULD NOT be used: it needs slow, unreliable reverse lookups";

/* Name the usual non-ASCII paste accidents (UTF-8 sequences). */
static const char *non_ascii_name(const unsigned char *p, size_t left)
{
	if (left >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return "a no-break space (U+00A0)";
	if (left >= 3 && p[0] == 0xe2 && p[1] == 0x80) {
		switch (p[2]) {
		case 0x93: return "an en dash (U+2013)";
		case 0x94: return "an em dash (U+2014)";
		case 0x98: case 0x99: return "a typographic single quote";
		case 0x9c: case 0x9d: return "a typographic double quote";
		case 0x8b: return "a zero-width space (U+200B)";
		}
	}
	if (left >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		return "a byte-order mark (U+FEFF)";
	return NULL;
}

/*
 * spf-non-ascii: the first byte outside ASCII.  Returns its offset, or
 * UINT32_MAX if there is none; terms holding it are left to this rule.
 */
static uint32_t check_non_ascii(struct spfctx *c, const struct spfrec *s)
{
	const unsigned char *t = (const unsigned char *)s->text;
	char msg[300];

	for (uint32_t i = 0; i < s->len; i++) {
		if (t[i] < 0x80)
			continue;
		const char *what = non_ascii_name(t + i, s->len - i);
		if (what)
			snprintf(msg, sizeof(msg),
				 "SPF record holds %s, probably pasted from a word processor; SPF is ASCII only",
				 what);
		else
			snprintf(msg, sizeof(msg),
				 "SPF record holds the byte \\%03u outside ASCII; SPF is ASCII only",
				 t[i]);
		report_at(c, ZL_RULE_spf_non_ascii, ZL_ERROR, s, i, msg);
		return i;
	}
	return UINT32_MAX;
}

/* True if the term's text holds a byte outside ASCII. */
static bool term_non_ascii(const struct spfrec *s, const struct zl_spf_term *t)
{
	for (uint32_t i = t->off; i < t->off + t->len; i++)
		if ((unsigned char)s->text[i] >= 0x80)
			return true;
	return false;
}

/* spf-cidr-host-bits: bits beyond the prefix length in an ip4:/ip6: network. */
static void check_host_bits(struct spfctx *c, const struct spfrec *s,
			    const struct zl_spf_term *t)
{
	int bits = t->mech == ZL_SPF_IP4 ? t->cidr4 : t->cidr6;
	int total = t->mech == ZL_SPF_IP4 ? 32 : 128;
	uint8_t net[16];
	char msg[300], text[64];

	if (bits < 0 || bits >= total)
		return;
	bool set = false;
	for (int k = 0; k < total / 8; k++) {
		int keep = bits - k * 8;
		uint8_t mask = keep >= 8 ? 0xff : keep <= 0 ? 0 : (uint8_t)(0xff << (8 - keep));
		net[k] = t->addr[k] & mask;
		set |= net[k] != t->addr[k];
	}
	if (!set)
		return;
	if (t->mech == ZL_SPF_IP4)
		snprintf(text, sizeof(text), "%u.%u.%u.%u/%d", net[0], net[1], net[2],
			 net[3], bits);
	else {
		char a6[INET6_ADDRSTRLEN];
		inet_ntop(AF_INET6, net, a6, sizeof(a6));
		snprintf(text, sizeof(text), "%s/%d", a6, bits);
	}
	snprintf(msg, sizeof(msg),
		 "\"%.*s\" has host bits set beyond /%d, so it means %s; write that, or drop the prefix length for one host",
		 (int)t->len, s->text + t->off, bits, text);
	report_at(c, ZL_RULE_spf_cidr_host_bits, ZL_WARNING, s, t->arg_off, msg);
}

static void check_record(struct spfctx *c, struct spfrec *s)
{
	uint32_t joff[8], jlen[8];
	size_t nj = check_string_join(c, s->rr, s->text, s->len, joff, jlen);
	const struct zl_spf_term *all = NULL, *redirect = NULL;
	char msg[1400], owner[ZL_NAME_TEXT_MAX];

	check_non_ascii(c, s);
	if (s->len > SPF_RECORD_MAX) {
		snprintf(msg, sizeof(msg),
			 "SPF record is %u octets; keep it under %d so the DNS answer fits in 512 octets: move terms into an include",
			 s->len, SPF_RECORD_MAX);
		report_at(c, ZL_RULE_spf_record_too_long, ZL_WARNING, s, 0, msg);
	}
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		if (t->kind == ZL_SPF_TERM_BAD) {
			bool covered = term_non_ascii(s, t);
			for (size_t k = 0; k < nj && k < 8; k++)
				covered |= t->off >= joff[k] && t->off < joff[k] + jlen[k];
			if (!covered)
				report_bad_term(c, s, t);
			continue;
		}
		if (t->kind == ZL_SPF_TERM_MOD) {
			if (t->mod == ZL_SPF_REDIRECT && !redirect)
				redirect = t;
			if (t->uses_p_macro)
				report_at(c, ZL_RULE_spf_ptr, ZL_WARNING, s, t->off, p_macro_msg);
			continue;
		}
		if (all) {
			snprintf(msg, sizeof(msg),
				 "\"%.*s\" comes after \"%.*s\" and is never evaluated; move \"all\" to the end",
				 (int)(t->len < 80 ? t->len : 80), s->text + t->off,
				 (int)all->len, s->text + all->off);
			report_at(c, ZL_RULE_spf_terms_after_all, ZL_WARNING, s, t->off, msg);
		}
		switch (t->mech) {
		case ZL_SPF_ALL:
			if (!all)
				all = t;
			if (t->qualifier == '+') {
				snprintf(msg, sizeof(msg),
					 "\"%.*s\" lets every host on the internet send mail for %s; use \"-all\" or \"~all\"",
					 (int)t->len, s->text + t->off,
					 owner_text(s->rr->owner, owner, sizeof(owner)));
				report_at(c, ZL_RULE_spf_permissive_all, ZL_ERROR, s, t->off, msg);
			}
			break;
		case ZL_SPF_PTR:
			report_at(c, ZL_RULE_spf_ptr, ZL_WARNING, s, t->off,
				  "the ptr mechanism SHOULD NOT be used: it is slow and unreliable; list the addresses with ip4:/ip6: or a:");
			break;
		case ZL_SPF_IP4:
		case ZL_SPF_IP6:
			check_host_bits(c, s, t);
			break;
		default:
			if (t->uses_p_macro)
				report_at(c, ZL_RULE_spf_ptr, ZL_WARNING, s, t->off, p_macro_msg);
			break;
		}
	}
	if (redirect && all) {
		snprintf(msg, sizeof(msg),
			 "\"%.*s\" is ignored because the record has \"%.*s\" (section 6.1); keep one of them",
			 (int)(redirect->len < 120 ? redirect->len : 120), s->text + redirect->off,
			 (int)all->len, s->text + all->off);
		report_at(c, ZL_RULE_spf_redirect_ignored, ZL_WARNING, s, redirect->off, msg);
	}
	if (!all && !redirect)
		report_at(c, ZL_RULE_spf_missing_all, ZL_WARNING, s, 0,
			  "SPF record has no \"all\" mechanism and no redirect, so other senders get neutral; end it with \"-all\" or \"~all\"");
	check_lookup_limit(c, s);
}

/* ---- per-name checks ----------------------------------------------------------------- */

/*
 * A mail domain: some MX RR names a real exchange.  A null MX (RFC 7505:
 * exchange ".") says the name accepts no mail; mixing it with real MX
 * records does not cancel them (section 3), so any non-root exchange counts.
 */
static bool has_real_mx(const struct zl_rrset *mx)
{
	for (const struct zl_rr *rr = mx->first; rr; rr = rr->next)
		if (!(rr->rdlen == 3 && rr->rdata[2] == 0))
			return true;
	return false;
}

static void check_node(struct spfctx *c, const struct zl_node *n)
{
	char owner[ZL_NAME_TEXT_MAX];
	size_t count;
	struct spfrec *recs = records_at(c, n, &count);
	const struct zl_rrset *txt = zl_node_rrset(n, TYPE_TXT, 0);

	/* spf-version: TXT meant as SPF with a wrong version section */
	if (txt) {
		for (const struct zl_rr *rr = txt->first; rr; rr = rr->next) {
			uint32_t off;
			zl_txt_join(rr, &c->buf);
			const char *t = (const char *)c->buf.data;
			if (zl_spf_is_record(t, c->buf.len) ||
			    !zl_spf_version_typo(t, c->buf.len, &off))
				continue;
			/* "v=spf1" "a -all" is a join problem, reported as such */
			uint32_t j[8], jl[8];
			char *copy = zl_arena_strndup(&c->mem, t, c->buf.len);
			if (check_string_join(c, rr, copy, (uint32_t)c->buf.len, j, jl))
				continue;
			uint32_t line, col;
			zl_txt_locate(rr, off, &line, &col);
			size_t shown = c->buf.len < 20 ? c->buf.len : 20;
			zl_report(c->sink, ZL_RULE_spf_version, rr->file, line, col,
				  "TXT record \"%.*s%s\" looks like SPF but does not start with \"v=spf1\" and a space, so receivers ignore it",
				  (int)shown, copy, c->buf.len > shown ? "..." : "");
		}
	}

	/* spf-multiple-records: section 4.5 */
	if (count > 1) {
		for (size_t k = 1; k < count; k++) {
			const struct zl_rr *rr = recs[k].rr;
			zl_report(c->sink, ZL_RULE_spf_multiple_records, rr->file, rr->line,
				  rr->col,
				  "%s has %zu SPF records (first on line %u); receivers return permerror, merge them into one",
				  owner_text(n, owner, sizeof(owner)), count, recs[0].rr->line);
		}
	}

	/* spf-type99 */
	const struct zl_rrset *t99 = zl_node_rrset(n, TYPE_SPF, 0);
	if (t99) {
		for (const struct zl_rr *rr = t99->first; rr; rr = rr->next) {
			if (count)
				zl_report(c->sink, ZL_RULE_spf_type99, rr->file, rr->line, rr->col,
					  "SPF-type (99) record is obsolete and never queried; the TXT record is the one that counts, delete this one");
			else
				zl_report_sev(c->sink, ZL_RULE_spf_type99, ZL_ERROR, rr->file,
					      rr->line, rr->col,
					      "%s publishes SPF only as type 99, which receivers never query; publish it as TXT",
					      owner_text(n, owner, sizeof(owner)));
		}
	}

	/* spf-missing: a mail domain (MX) without SPF */
	const struct zl_rrset *mx = zl_node_rrset(n, TYPE_MX, 0);
	if (mx && !count && !t99 && has_real_mx(mx)) {
		const struct zl_rr *rr = mx->first;
		zl_report(c->sink, ZL_RULE_spf_missing, rr->file, rr->line, rr->col,
			  "%s has MX records but no SPF record; receivers may reject its mail (550 5.7.x): publish \"v=spf1 ... -all\"",
			  owner_text(n, owner, sizeof(owner)));
	}
}

void zl_check_spf(const struct zl_db *db, struct zl_sink *sink)
{
	struct spfctx c;

	memset(&c, 0, sizeof(c));
	c.db = db;
	c.sink = sink;
	zl_arena_init(&c.mem);
	collect(&c);
	for (size_t k = 0; k < c.n; k++)
		check_record(&c, &c.v[k]);
	for (size_t b = 0; b < db->nbuckets; b++)
		for (const struct zl_node *n = db->buckets[b]; n; n = n->hnext)
			if (n->rrsets)
				check_node(&c, n);
	free(c.keys);
	free(c.vals);
	free(c.v);
	zl_buf_free(&c.buf);
	zl_arena_free(&c.mem);
}
