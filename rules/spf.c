/* spf.c - SPF rules over the zone model (RFC 7208): syntax, version, lookup limit, record selection, risky terms. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "spf_rules.h"
#include "txt.h"

/* ---- spf-string-join -------------------------------------------------------------- */

/* True if a and b, each alone, are valid terms and b names a known mechanism or modifier. */
static bool two_terms(struct zl_arena *mem, const char *a, size_t al, const char *b,
		      size_t bl)
{
	struct zl_spf_record r;
	char *tmp = zl_arena_alloc(mem, al + bl + 9);
	memcpy(tmp, "v=spf1 ", 7);
	memcpy(tmp + 7, a, al);
	tmp[7 + al] = ' ';
	memcpy(tmp + 8 + al, b, bl);
	zl_spf_parse(tmp, al + bl + 8, &r, mem);
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
 * about them.  Returns how many were reported (into sink; mem: room for
 * the terms tried).
 */
static size_t check_string_join(struct zl_arena *mem, struct zl_sink *sink,
				const struct zl_rr *rr, const char *text, uint32_t len,
				uint32_t *jspan_off, uint32_t *jspan_len)
{
	size_t found = 0;
	for (unsigned k = 1; k < zl_rr_nsegs(rr); k++) {
		uint32_t b = zl_txt_seg_start(rr, k);
		if (b == 0 || b >= len || text[b - 1] == ' ' || text[b] == ' ')
			continue;
		uint32_t ts = b, te = b;
		while (ts > 0 && text[ts - 1] != ' ')
			ts--;
		while (te < len && text[te] != ' ')
			te++;
		bool version = ts == 0 && b == 6;	/* "v=spf1" "a ..." */
		if (!version && (ts == 0 || !two_terms(mem, text + ts, b - ts, text + b, te - b)))
			continue;
		if (version && !two_terms(mem, "a", 1, text + b, te - b))
			continue;
		char msg[SPF_MSG_MAX];
		snprintf(msg, sizeof(msg),
			 "character-strings join as \"%.*s\" with no space between \"%.*s\" and \"%.*s\"; add a space at the end of the first string or the start of the next",
			 (int)((te - ts) < 80 ? (te - ts) : 80), text + ts,
			 (int)((b - ts) < 60 ? (b - ts) : 60), text + ts,
			 (int)((te - b) < 60 ? (te - b) : 60), text + b);
		uint32_t line, col;
		zl_txt_locate(rr, b, &line, &col);
		zl_report(sink, ZL_RULE_spf_string_join, zl_rr_file(rr), line, col, "%s", msg);
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
	const uint8_t *origin = zl_rr_zone(s->rr) ? zl_rr_zone(s->rr)->origin : NULL;
	bool v6_text = t->arg_len && memchr(arg, ':', t->arg_len);

	if ((t->mech == ZL_SPF_IP4 && v6_text) ||
	    (t->mech == ZL_SPF_IP6 && !v6_text && t->arg_len &&
	     memchr(arg, '.', t->arg_len))) {
		char msg[SPF_MSG_MAX];
		bool four = t->mech == ZL_SPF_IP4;
		/* the suggestion keeps the prefix length: the rest of the term */
		int rest = (int)(t->off + t->len - t->arg_off);
		snprintf(msg, sizeof(msg),
			 "\"%.*s\" is an IPv%c address after \"%s:\"; write \"%s:%.*s\"",
			 (int)t->arg_len, arg, four ? '6' : '4', four ? "ip4" : "ip6",
			 four ? "ip6" : "ip4", rest, arg);
		spf_report_at(c, ZL_RULE_spf_ip_family, ZL_ERROR, s, t->arg_off, msg);
		return;
	}

	if (names_domain && t->arg_len > 0 && t->arg_len < 64 && origin &&
	    !memchr(arg, '.', t->arg_len) && !memchr(arg, '%', t->arg_len) &&
	    !memchr(arg, '/', t->arg_len)) {
		char zone[ZL_NAME_TEXT_MAX], msg[SPF_MSG_MAX];
		zl_name_to_text(origin, zone, sizeof(zone));
		size_t zl = strlen(zone);
		if (zl > 1)
			zone[zl - 1] = '\0';	/* SPF writes names without the final dot */
		snprintf(msg, sizeof(msg),
			 "\"%.*s\" is not a domain: SPF names are never relative to the zone; write \"%.*s.%s\"",
			 (int)t->arg_len, arg, (int)t->arg_len, arg, zone);
		spf_report_at(c, ZL_RULE_spf_syntax, ZL_ERROR, s, t->arg_off, msg);
		return;
	}
	spf_report_at(c, ZL_RULE_spf_syntax, ZL_ERROR, s, t->err_off,
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
	char msg[SPF_MSG_MAX];

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
		spf_report_at(c, ZL_RULE_spf_non_ascii, ZL_ERROR, s, i, msg);
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
	char msg[SPF_MSG_MAX], text[64];

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
	spf_report_at(c, ZL_RULE_spf_cidr_host_bits, ZL_WARNING, s, t->arg_off, msg);
}

static void check_record(struct spfctx *c, struct spfrec *s)
{
	uint32_t joff[8], jlen[8];
	/* s->nsegs: the RR itself is not read again for most records */
	size_t nj = s->nsegs > 1 ?
		    check_string_join(&c->mem, c->sink, s->rr, s->text, s->len, joff, jlen) : 0;
	const struct zl_spf_term *all = NULL, *redirect = NULL;
	char msg[SPF_MSG_MAX], owner[ZL_NAME_TEXT_MAX];

	check_non_ascii(c, s);
	if (s->len > SPF_RECORD_MAX) {
		snprintf(msg, sizeof(msg),
			 "SPF record is %u octets; keep it to %d or fewer so the DNS answer fits in 512 octets: move terms into an include",
			 s->len, SPF_RECORD_MAX);
		spf_report_at(c, ZL_RULE_spf_record_too_long, ZL_WARNING, s, 0, msg);
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
				spf_report_at(c, ZL_RULE_spf_ptr, ZL_WARNING, s, t->off, p_macro_msg);
			continue;
		}
		if (all) {
			snprintf(msg, sizeof(msg),
				 "\"%.*s\" comes after \"%.*s\" and is never evaluated; move \"all\" to the end",
				 (int)(t->len < 80 ? t->len : 80), s->text + t->off,
				 (int)all->len, s->text + all->off);
			spf_report_at(c, ZL_RULE_spf_terms_after_all, ZL_WARNING, s, t->off, msg);
		}
		switch (t->mech) {
		case ZL_SPF_ALL:
			if (!all)
				all = t;
			if (t->qualifier == '+') {
				snprintf(msg, sizeof(msg),
					 "\"%.*s\" lets every host on the internet send mail for %s; use \"-all\" or \"~all\"",
					 (int)t->len, s->text + t->off,
					 spf_owner_text(spf_owner(s), owner, sizeof(owner)));
				spf_report_at(c, ZL_RULE_spf_permissive_all, ZL_ERROR, s, t->off, msg);
			}
			break;
		case ZL_SPF_PTR:
			spf_report_at(c, ZL_RULE_spf_ptr, ZL_WARNING, s, t->off,
				  "the ptr mechanism SHOULD NOT be used: it is slow and unreliable; list the addresses with ip4:/ip6: or a:");
			break;
		case ZL_SPF_IP4:
		case ZL_SPF_IP6:
			check_host_bits(c, s, t);
			break;
		default:
			if (t->uses_p_macro)
				spf_report_at(c, ZL_RULE_spf_ptr, ZL_WARNING, s, t->off, p_macro_msg);
			break;
		}
	}
	if (redirect && all) {
		snprintf(msg, sizeof(msg),
			 "\"%.*s\" is ignored because the record has \"%.*s\" (section 6.1); keep one of them",
			 (int)(redirect->len < 120 ? redirect->len : 120), s->text + redirect->off,
			 (int)all->len, s->text + all->off);
		spf_report_at(c, ZL_RULE_spf_redirect_ignored, ZL_WARNING, s, redirect->off, msg);
	}
	if (!all && !redirect)
		spf_report_at(c, ZL_RULE_spf_missing_all, ZL_WARNING, s, 0,
			  "SPF record has no \"all\" mechanism and no redirect, so other senders get neutral; end it with \"-all\" or \"~all\"");
}

/*
 * spf-version: TXT record rr, whose joined text is in buf and is no SPF
 * record, looks meant as one but has a wrong version section.  Reports
 * into sink; mem: room for a copy of the text and the terms tried.
 */
static void check_version(struct zl_arena *mem, struct zl_sink *sink,
			  const struct zl_buf *buf, const struct zl_rr *rr)
{
	const char *t = (const char *)buf->data;
	uint32_t off;

	if (!zl_spf_version_typo(t, buf->len, &off))
		return;
	/* "v=spf1" "a -all" is a join problem, reported as such */
	uint32_t j[8], jl[8];
	char *copy = zl_arena_strndup(mem, t, buf->len);
	if (check_string_join(mem, sink, rr, copy, (uint32_t)buf->len, j, jl))
		return;
	uint32_t line, col;
	zl_txt_locate(rr, off, &line, &col);
	size_t shown = buf->len < 20 ? buf->len : 20;
	zl_report(sink, ZL_RULE_spf_version, zl_rr_file(rr), line, col,
		  "TXT record \"%.*s%s\" looks like SPF but does not start with \"v=spf1\" and a space, so receivers ignore it",
		  (int)shown, copy, buf->len > shown ? "..." : "");
}

void spf_check_alone(struct spfctx *c, const struct zl_rr *rr)
{
	struct spfrec s;

	/* most TXT records (DKIM, DMARC, site verifications) are turned
	 * away by their first octets, without joining their strings */
	if (rr->type != SPF_TYPE_TXT || zl_rr_digested(rr) ||
	    !zl_txt_spf_candidate(rr->data, rr->dlen))	/* TXT: never cut */
		return;
	zl_txt_join(rr, &c->buf);
	if (!zl_spf_is_record((const char *)c->buf.data, c->buf.len)) {
		check_version(&c->mem, c->sink, &c->buf, rr);
		return;
	}
	spf_rec_fill(c, rr, &s);
	check_record(c, &s);
}

/* ---- per-name checks ----------------------------------------------------------------- */

/*
 * What the per-name checks write and use beside the loaded records: of
 * their own, so they may run on one thread while the records are
 * checked on another (zl_spf_check_names()).
 */
struct spf_names {
	struct zl_sink *sink;
	struct zl_arena mem;
	struct zl_buf buf;
	size_t typo;		/* the next of c->typos, whose nodes come in node order */
	const struct zl_rr **rrs;	/* the SPF records of the node (spf_node_rrs()) */
	size_t rrs_cap;
};

/* The per-name checks of node n. */
static void check_node(const struct spfctx *c, struct spf_names *nm, const struct zl_node *n)
{
	char owner[ZL_NAME_TEXT_MAX];
	size_t count = spf_node_rrs(n, &nm->buf, &nm->rrs, &nm->rrs_cap);
	const struct zl_rr **recs = nm->rrs;

	/* spf-version: TXT meant as SPF with a wrong version section */
	for (; nm->typo < c->ntypos && zl_rr_owner(c->typos[nm->typo]) == n; nm->typo++) {
		zl_txt_join(c->typos[nm->typo], &nm->buf);
		check_version(&nm->mem, nm->sink, &nm->buf, c->typos[nm->typo]);
	}

	/* spf-multiple-records: section 4.5 */
	if (count > 1) {
		for (size_t k = 1; k < count; k++) {
			const struct zl_rr *rr = recs[k];
			zl_report(nm->sink, ZL_RULE_spf_multiple_records, zl_rr_file(rr), zl_rr_line(rr),
				  zl_rr_col(rr),
				  "%s has %zu SPF records (first on line %u); receivers return permerror, merge them into one",
				  spf_owner_text(n, owner, sizeof(owner)), count, zl_rr_line(recs[0]));
		}
	}

	/* spf-type99 */
	const struct zl_rrset *t99 = zl_node_rrset(n, SPF_TYPE_SPF, 0);
	if (t99) {
		for (const struct zl_rr *rr = zl_rrset_first(t99); rr; rr = zl_rrset_rr_next(t99, rr)) {
			if (count)
				zl_report(nm->sink, ZL_RULE_spf_type99, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
					  "SPF-type (99) record is obsolete and never queried; the TXT record is the one that counts, delete this one");
			else
				zl_report_sev(nm->sink, ZL_RULE_spf_type99, ZL_ERROR, zl_rr_file(rr),
					      zl_rr_line(rr), zl_rr_col(rr),
					      "%s publishes SPF only as type 99, which receivers never query; publish it as TXT",
					      spf_owner_text(n, owner, sizeof(owner)));
		}
	}

	/* spf-missing: a mail domain (MX) without SPF */
	const struct zl_rrset *mx = zl_node_rrset(n, SPF_TYPE_MX, 0);
	if (mx && !count && !t99 && spf_has_real_mx(mx)) {
		const struct zl_rr *rr = zl_rrset_first(mx);
		zl_report(nm->sink, ZL_RULE_spf_missing, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
			  "%s has MX records but no SPF record; receivers may reject its mail (550 5.7.x): publish \"v=spf1 ... -all\"",
			  spf_owner_text(n, owner, sizeof(owner)));
	}
}

/*
 * The per-record checks, then the tree of each record, then its lookup
 * counts, in reading order (the findings in that order: all of the first
 * kind, then all of the second, then all of the third).  One pass does
 * the three for each record while its parse is at hand, into a sink for
 * each kind; a record's parse is kept only if another needs it (a shared
 * text, an include target), and a record that no include names is
 * filled only for its turn (spf_rec_at()).
 */
static void check_records(struct spfctx *c)
{
	struct zl_sink *sink = c->sink, tree, counts;
	struct spfrec tmp;

	zl_sink_fork(&tree, sink);
	zl_sink_fork(&counts, sink);
	for (size_t k = 0; k < c->norder; k++) {
		struct spfrec *s = spf_rec_at(c, k, &tmp);
		spf_rec_parse(c, s, false);
		c->sink = sink;
		check_record(c, s);
		c->sink = &tree;
		spf_tree_compute(c, s);
		c->sink = &counts;
		spf_tree_report(c, s);
		spf_rec_release(c, s);
	}
	c->sink = sink;
	zl_sink_take(sink, &tree);
	zl_sink_take(sink, &counts);
	zl_sink_free(&tree);
	zl_sink_free(&counts);
}

/* The SPF family's state between zl_spf_load() and zl_spf_free(). */
struct zl_spf_run {
	struct spfctx c;
};

struct zl_spf_run *zl_spf_load(const struct zl_db *db, struct zl_sink *sink)
{
	struct zl_spf_run *r = zl_xmalloc(sizeof(*r));

	spf_ctx_init(&r->c, db, sink, false);
	return r;
}

void zl_spf_check_records(struct zl_spf_run *r)
{
	check_records(&r->c);
}

void zl_spf_check_names(const struct zl_spf_run *r, struct zl_sink *sink)
{
	struct spf_names nm = { .sink = sink };

	zl_arena_init(&nm.mem);
	for (size_t k = 0; k < r->c.nnamed; k++)
		check_node(&r->c, &nm, r->c.named[k]);
	zl_arena_free(&nm.mem);
	zl_buf_free(&nm.buf);
	free(nm.rrs);
}

void zl_spf_free(struct zl_spf_run *r)
{
	if (!r)
		return;
	spf_ctx_free(&r->c);
	free(r);
}

void zl_check_spf(const struct zl_db *db, struct zl_sink *sink)
{
	struct zl_spf_run *r = zl_spf_load(db, sink);

	zl_spf_check_records(r);
	zl_spf_check_names(r, sink);
	zl_spf_free(r);
}
