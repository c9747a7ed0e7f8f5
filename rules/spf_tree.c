/* spf_tree.c - the include/redirect tree of SPF records in the loaded data: lookup count, void lookups, missing targets, loops, MX fan-out (RFC 7208 sections 4.6.4, 5.2, 6.1). */
#include <stdio.h>
#include <string.h>

#include "spf_rules.h"

#define TREE_MAX_DEPTH 64	/* include nesting walked; the lookup limit stops far sooner */

/* What the domain of a term is, seen from the loaded data. */
enum tgt_kind {
	TGT_RECORD,	/* exactly one SPF record: followed */
	TGT_NO_SPF,	/* inside the data, no SPF record there */
	TGT_MULTIPLE,	/* several SPF records (spf-multiple-records reports it) */
	TGT_OUTSIDE,	/* not in the loaded zones (or below a delegation) */
	TGT_MACRO,	/* depends on the sender: unknown offline */
	TGT_INVALID,	/* not a name that can be queried */
};

struct target {
	enum tgt_kind kind;
	struct spfrec *rec;		/* TGT_RECORD */
	enum zl_dns_status status;	/* TGT_NO_SPF: what the TXT query gave */
	uint8_t wire[ZL_NAME_MAX];
	char name[ZL_NAME_TEXT_MAX];	/* as SPF writes it */
};

static bool follows(const struct zl_spf_term *t)
{
	return (t->kind == ZL_SPF_TERM_MECH && t->mech == ZL_SPF_INCLUDE) ||
	       (t->kind == ZL_SPF_TERM_MOD && t->mod == ZL_SPF_REDIRECT);
}

/* Does term t count against the lookup limit when evaluated (worst case)? */
static bool counts(const struct zl_spf_record *r, const struct zl_spf_term *t)
{
	if (!zl_spf_term_queries_dns(t))
		return false;
	/* redirect is ignored when there is an all mechanism (section 6.1) */
	return !(t->kind == ZL_SPF_TERM_MOD && spf_has_all(r));
}

/*
 * Is wire inside the authoritative data of a loaded zone: at or below
 * its origin and not at or below a delegation (an NS RRset below the
 * apex)?
 */
static bool inside(const struct spfctx *c, const uint8_t *wire)
{
	for (const struct zl_zone *z = c->db->zones; z; z = z->next) {
		if (!z->origin || !zl_name_is_subdomain(wire, z->origin))
			continue;
		unsigned extra = zl_name_label_count(wire) - zl_name_label_count(z->origin);
		const uint8_t *p = wire;
		for (unsigned k = 0; k < extra; k++, p += *p + 1) {
			const struct zl_node *n = zl_db_find(c->db, p);
			if (n && zl_node_rrset(n, 2, 0))
				return false;	/* delegated: another zone's data */
		}
		return true;
	}
	return false;
}

/* The domain a term names (its domain-spec, or the record's owner). */
static void term_domain(const struct spfctx *c, const struct spfrec *s,
			const struct zl_spf_term *t, struct target *tg)
{
	memset(tg, 0, sizeof(*tg));
	if (t->arg_len == 0) {
		size_t wl = zl_name_wire_len(s->rr->owner->wire);
		memcpy(tg->wire, s->rr->owner->wire, wl);
		zl_dns_name_to_spf(tg->wire, tg->name, sizeof(tg->name));
	} else if (t->has_macro) {
		tg->kind = TGT_MACRO;
		snprintf(tg->name, sizeof(tg->name), "%.*s", (int)t->arg_len,
			 s->text + t->arg_off);
		return;
	} else if (!zl_dns_name_from_spf(s->text + t->arg_off, t->arg_len, tg->wire)) {
		tg->kind = TGT_INVALID;
		return;
	} else {
		snprintf(tg->name, sizeof(tg->name), "%.*s", (int)t->arg_len,
			 s->text + t->arg_off);
	}
	tg->kind = inside(c, tg->wire) ? TGT_NO_SPF : TGT_OUTSIDE;
}

/* Resolve an include/redirect target to its SPF record, following CNAMEs. */
static void resolve(struct spfctx *c, const struct spfrec *s,
		    const struct zl_spf_term *t, struct target *tg)
{
	struct zl_dns_answer ans;
	size_t count;

	term_domain(c, s, t, tg);
	if (tg->kind != TGT_NO_SPF)
		return;
	tg->status = zl_dns_query(&c->dns, tg->wire, SPF_TYPE_TXT, &ans);
	if (tg->status != ZL_DNS_NOERROR)
		return;
	struct spfrec *r = spf_records_at(c, ans.owner, &count);
	if (count == 1) {
		tg->kind = TGT_RECORD;
		tg->rec = r;
	} else if (count > 1) {
		tg->kind = TGT_MULTIPLE;
	}
}

static bool is_void(enum zl_dns_status st)
{
	return st == ZL_DNS_NXDOMAIN || st == ZL_DNS_NODATA || st == ZL_DNS_CNAME_LOOP;
}

/* Distinct RRs of an RRset (identical ones count once). */
static unsigned distinct(const struct zl_rrset *set)
{
	unsigned n = 0;
	for (const struct zl_rr *a = set->first; a; a = a->next) {
		bool seen = false;
		for (const struct zl_rr *b = set->first; b != a && !seen; b = b->next)
			seen = zl_dns_rr_same(a, b);
		n += !seen;
	}
	return n;
}

/*
 * The lookup an a/mx/exists term makes for its domain.  Returns true
 * for a void lookup (nothing answers, RFC 7208 section 4.6.4) for every
 * client: for "a", neither A nor AAAA records (a name with only one of
 * them is void for the other address family only, which is common and
 * not reported).  *what names the types asked, *st the answer.
 */
static bool void_lookup(struct spfctx *c, const struct zl_spf_term *t,
			const struct target *tg, const char **what,
			enum zl_dns_status *st)
{
	switch (t->mech) {
	case ZL_SPF_A: {
		enum zl_dns_status a = zl_dns_query(&c->dns, tg->wire, 1, NULL);
		enum zl_dns_status aaaa = zl_dns_query(&c->dns, tg->wire, 28, NULL);
		*what = "A or AAAA";
		*st = a == ZL_DNS_NXDOMAIN ? a : aaaa;
		return is_void(a) && is_void(aaaa);
	}
	case ZL_SPF_MX:
		*what = "MX";
		*st = zl_dns_query(&c->dns, tg->wire, SPF_TYPE_MX, NULL);
		return is_void(*st);
	case ZL_SPF_EXISTS:
		*what = "A";
		*st = zl_dns_query(&c->dns, tg->wire, 1, NULL);
		return is_void(*st);
	default:
		return false;
	}
}

/* spf-mx-too-many: evaluating mx looks up at most 10 MX names (section 4.6.4). */
static void check_mx_fanout(struct spfctx *c, const struct spfrec *s,
			    const struct zl_spf_term *t, const struct target *tg)
{
	struct zl_dns_answer ans;
	char msg[SPF_MSG_MAX];

	if (zl_dns_query(&c->dns, tg->wire, SPF_TYPE_MX, &ans) != ZL_DNS_NOERROR ||
	    !ans.rrset)
		return;
	unsigned n = distinct(ans.rrset);
	if (n <= SPF_MX_LIMIT)
		return;
	snprintf(msg, sizeof(msg),
		 "\"%.*s\": %s has %u MX records; evaluating mx looks up at most %d, so receivers return permerror",
		 (int)(t->len < 200 ? t->len : 200), s->text + t->off, tg->name, n,
		 SPF_MX_LIMIT);
	spf_report_at(c, ZL_RULE_spf_mx_too_many, ZL_ERROR, s, t->off, msg);
}

static const char *status_words(enum zl_dns_status st)
{
	switch (st) {
	case ZL_DNS_NXDOMAIN:
		return "the name does not exist";
	case ZL_DNS_NODATA:
		return "the name has no such records";
	case ZL_DNS_CNAME_LOOP:
		return "its CNAME chain loops";
	default:
		return "no answer";
	}
}

/* The loop path: the records being evaluated from the one target is, to s. */
static void report_loop(struct spfctx *c, struct spfrec **stack, size_t depth,
			const struct spfrec *s, const struct zl_spf_term *t,
			const struct spfrec *target)
{
	char path[900], name[ZL_NAME_TEXT_MAX];
	size_t m = 0, from = 0;

	for (size_t k = 0; k < depth; k++)
		if (stack[k] == target)
			from = k;
	for (size_t k = from; k < depth && m < sizeof(path) - 300; k++)
		m += (size_t)snprintf(path + m, sizeof(path) - m, "%s -> ",
				      spf_owner_text(stack[k]->rr->owner, name, sizeof(name)));
	snprintf(path + m, sizeof(path) - m, "%s",
		 spf_owner_text(target->rr->owner, name, sizeof(name)));
	char msg[SPF_MSG_MAX];
	snprintf(msg, sizeof(msg),
		 "\"%.*s\" closes an include loop (%s); evaluation repeats until the lookup limit and receivers return permerror",
		 (int)(t->len < 120 ? t->len : 120), s->text + t->off, path);
	spf_report_at(c, ZL_RULE_spf_include_loop, ZL_ERROR, s, t->off, msg);
}

/* Depth-first walk; stack holds the records being evaluated. */
static void walk(struct spfctx *c, struct spfrec *s, struct spfrec **stack,
		 size_t depth)
{
	char msg[SPF_MSG_MAX];
	unsigned cost = 0, voids = 0;
	bool at_least = false;

	s->state = TREE_BUSY;
	stack[depth++] = s;
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		struct target tg;
		if (!counts(&s->rec, t))
			continue;
		cost++;
		if (follows(t)) {
			resolve(c, s, t, &tg);
			switch (tg.kind) {
			case TGT_RECORD:
				if (tg.rec->state == TREE_BUSY) {
					report_loop(c, stack, depth, s, t, tg.rec);
					break;
				}
				if (tg.rec->state == TREE_NONE) {
					if (depth < TREE_MAX_DEPTH)
						walk(c, tg.rec, stack, depth);
					else
						at_least = true;
				}
				cost += tg.rec->cost;
				voids += tg.rec->voids;
				at_least |= tg.rec->at_least;
				break;
			case TGT_NO_SPF:
				voids += is_void(tg.status);
				snprintf(msg, sizeof(msg),
					 "\"%.*s\": %s has no SPF record (%s); receivers return permerror",
					 (int)(t->len < 200 ? t->len : 200), s->text + t->off, tg.name,
					 tg.status == ZL_DNS_NOERROR ? "its TXT records are not SPF" :
					 status_words(tg.status));
				spf_report_at(c, ZL_RULE_spf_include_no_spf, ZL_ERROR, s,
					      t->arg_off, msg);
				break;
			case TGT_OUTSIDE:
			case TGT_MACRO:
				at_least = true;
				break;
			case TGT_MULTIPLE:
			case TGT_INVALID:
				break;
			}
			continue;
		}
		term_domain(c, s, t, &tg);
		if (tg.kind != TGT_NO_SPF)
			continue;	/* outside the data or macro: unknown here */
		const char *what;
		enum zl_dns_status st;
		if (t->mech == ZL_SPF_MX)
			check_mx_fanout(c, s, t, &tg);
		if (void_lookup(c, t, &tg, &what, &st)) {
			voids++;
			if (s->nown_void < SPF_MAX_OWN_VOIDS)
				s->own_void[s->nown_void++] = (uint16_t)i;
		}
	}
	s->cost = cost;
	s->voids = voids;
	s->at_least = at_least;
	s->state = TREE_DONE;
}

void spf_tree_compute(struct spfctx *c, struct spfrec *s)
{
	struct spfrec *stack[TREE_MAX_DEPTH + 1];

	if (s->state == TREE_NONE)
		walk(c, s, stack, 0);
}

/* spf-lookup-limit: the worst-case count, with the cost of each term. */
static void report_lookups(struct spfctx *c, struct spfrec *s)
{
	char msg[900];
	size_t m;
	unsigned running = 0;
	uint32_t where = 0;
	bool found = false, first = true;

	if (s->cost <= SPF_LOOKUP_LIMIT)
		return;
	m = (size_t)snprintf(msg, sizeof(msg),
			     "SPF record needs %s%u DNS lookups; the limit is %d (",
			     s->at_least ? "at least " : "", s->cost, SPF_LOOKUP_LIMIT);
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		struct target tg;
		if (!counts(&s->rec, t))
			continue;
		unsigned tc = 1;
		if (follows(t)) {
			resolve(c, s, t, &tg);
			if (tg.kind == TGT_RECORD && tg.rec->state == TREE_DONE && tg.rec != s)
				tc += tg.rec->cost;
		}
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
	spf_report_at(c, ZL_RULE_spf_lookup_limit, ZL_ERROR, s, where, msg);
}

/* spf-void-lookup: each void term; an error when the evaluation makes more than 2. */
static void report_voids(struct spfctx *c, struct spfrec *s)
{
	enum zl_severity sev = s->voids > SPF_VOID_LIMIT ? ZL_ERROR : ZL_WARNING;
	char msg[SPF_MSG_MAX], extra[120] = "";

	if (sev == ZL_ERROR)
		snprintf(extra, sizeof(extra),
			 "; this evaluation makes %u void lookups and the limit is %d, so receivers return permerror",
			 s->voids, SPF_VOID_LIMIT);
	for (unsigned k = 0; k < s->nown_void; k++) {
		const struct zl_spf_term *t = &s->rec.terms[s->own_void[k]];
		struct target tg;
		const char *what;
		enum zl_dns_status st;
		term_domain(c, s, t, &tg);
		void_lookup(c, t, &tg, &what, &st);	/* again, for the words */
		snprintf(msg, sizeof(msg),
			 "\"%.*s\" is a void lookup: %s has no %s records (%s)%s",
			 (int)(t->len < 200 ? t->len : 200), s->text + t->off, tg.name, what,
			 status_words(st), extra);
		spf_report_at(c, ZL_RULE_spf_void_lookup, sev, s, t->off, msg);
	}
	if (sev == ZL_ERROR) {
		/* when the void that passes the limit comes from below an include
		 * (or redirect), point at that term, as spf-lookup-limit does */
		unsigned running = 0;
		unsigned k = 0;
		for (size_t i = 0; i < s->rec.nterms; i++) {
			const struct zl_spf_term *t = &s->rec.terms[i];
			struct target tg;
			if (!counts(&s->rec, t))
				continue;
			if (k < s->nown_void && s->own_void[k] == i) {
				k++;
				if (++running > SPF_VOID_LIMIT)
					break;	/* an own void term: reported above */
				continue;
			}
			if (!follows(t))
				continue;
			resolve(c, s, t, &tg);
			if (tg.kind == TGT_NO_SPF)
				running += is_void(tg.status);
			else if (tg.kind == TGT_RECORD && tg.rec != s)
				running += tg.rec->voids;
			if (running > SPF_VOID_LIMIT) {
				snprintf(msg, sizeof(msg),
					 "through \"%.*s\" this evaluation makes %u void lookups; the limit is %d, so receivers return permerror",
					 (int)(t->len < 200 ? t->len : 200), s->text + t->off,
					 running, SPF_VOID_LIMIT);
				spf_report_at(c, ZL_RULE_spf_void_lookup, ZL_ERROR, s, t->off, msg);
				break;
			}
		}
	}
}

void spf_tree_report(struct spfctx *c, struct spfrec *s)
{
	report_lookups(c, s);
	report_voids(c, s);
}

/* ---- --spf-tree ---------------------------------------------------------------- */

static void print_tree(struct spfctx *c, struct spfrec *s, FILE *out,
		       char *prefix, size_t plen, unsigned depth)
{
	size_t last = 0;
	for (size_t i = 0; i < s->rec.nterms; i++)
		if (counts(&s->rec, &s->rec.terms[i]))
			last = i;
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		struct target tg;
		if (!counts(&s->rec, t))
			continue;
		const char *note = "";
		unsigned tc = 1;
		struct spfrec *sub = NULL;
		if (follows(t)) {
			resolve(c, s, t, &tg);
			switch (tg.kind) {
			case TGT_RECORD:
				if (tg.rec->state == TREE_BUSY) {
					note = "  (loop: permerror)";
				} else {
					tc += tg.rec->cost;
					sub = tg.rec;
				}
				break;
			case TGT_NO_SPF:
				note = "  (no SPF record: permerror)";
				break;
			case TGT_MULTIPLE:
				note = "  (several SPF records: permerror)";
				break;
			case TGT_OUTSIDE:
				note = "  (outside the loaded data: at least 1)";
				break;
			case TGT_MACRO:
				note = "  (depends on the sender: at least 1)";
				break;
			case TGT_INVALID:
				note = "  (not a valid domain)";
				break;
			}
		} else {
			term_domain(c, s, t, &tg);
			const char *what;
			enum zl_dns_status st;
			if (tg.kind == TGT_NO_SPF && void_lookup(c, t, &tg, &what, &st))
				note = "  (void lookup)";
		}
		fprintf(out, "%.*s%s %.*s  %u%s\n", (int)plen, prefix,
			i == last ? "`--" : "|--", (int)t->len, s->text + t->off, tc, note);
		if (sub && depth < 32 && plen + 4 < 256) {
			memcpy(prefix + plen, i == last ? "    " : "|   ", 4);
			sub->state = TREE_BUSY;	/* marks the path, to show loops */
			print_tree(c, sub, out, prefix, plen + 4, depth + 1);
			sub->state = TREE_DONE;
		}
	}
}

int zl_spf_tree_print(const struct zl_db *db, const uint8_t *name, FILE *out)
{
	struct spfctx c;
	struct zl_dns_answer ans;
	size_t count;
	char prefix[260], owner[ZL_NAME_TEXT_MAX];
	int rc;

	spf_ctx_init(&c, db, NULL);
	zl_dns_query(&c.dns, name, SPF_TYPE_TXT, &ans);
	struct spfrec *s = ans.owner ? spf_records_at(&c, ans.owner, &count) : NULL;
	if (!s || count != 1) {
		zl_name_to_text(name, owner, sizeof(owner));
		fprintf(out, "%s: %s\n", owner,
			s ? "has several SPF records: receivers return permerror" :
			    "has no SPF record in the loaded data");
		spf_ctx_free(&c);
		return 1;
	}
	for (size_t k = 0; k < c.n; k++)
		spf_tree_compute(&c, &c.v[k]);
	fprintf(out, "%s  %s%u DNS lookups (limit %d)\n",
		spf_owner_text(s->rr->owner, owner, sizeof(owner)),
		s->at_least ? "at least " : "", s->cost, SPF_LOOKUP_LIMIT);
	fprintf(out, "  \"%s\"\n", s->text);
	s->state = TREE_BUSY;
	print_tree(&c, s, out, prefix, 0, 0);
	s->state = TREE_DONE;
	if (s->voids)
		fprintf(out, "void lookups: %u (limit %d)\n", s->voids, SPF_VOID_LIMIT);
	rc = s->cost > SPF_LOOKUP_LIMIT || s->voids > SPF_VOID_LIMIT;
	spf_ctx_free(&c);
	return rc;
}
