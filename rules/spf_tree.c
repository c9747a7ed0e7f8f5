/* spf_tree.c - the include/redirect tree of SPF records in the loaded data: lookup count, void lookups, missing targets, loops, MX fan-out (RFC 7208 sections 4.6.4, 5.2, 6.1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spf_rules.h"

#define TREE_MAX_DEPTH 64	/* include nesting --spf-tree prints; the lookup limit stops far sooner */
#define COUNT_MAX 1000000u	/* counts saturate here: a fan-out of includes multiplies */
#define MX_COUNT_MAX 100u	/* distinct MX records counted for spf-mx-too-many */

/* a + b, saturating at COUNT_MAX: include fan-out can multiply past 2^32. */
static unsigned sat_add(unsigned a, unsigned b)
{
	return a >= COUNT_MAX || b >= COUNT_MAX - a ? COUNT_MAX : a + b;
}

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
	char name[ZL_NAME_TEXT_MAX];	/* as SPF writes it: tg_name() fills it */
};

/*
 * What resolve() found for the domain-spec of an include or redirect,
 * remembered by its text: most records of a big zone include the same
 * few names.
 */
struct spf_memo {
	const char *key;		/* the domain-spec, a copy in spfctx.mem: the
					 * text of a record filled alone is gone
					 * after its turn (spf_rec_release()) */
	uint32_t len;
	uint32_t hash;
	enum tgt_kind kind;
	struct spfrec *rec;
	enum zl_dns_status status;
	uint8_t wire[ZL_NAME_MAX];
};

/* True for a term whose domain's SPF record evaluation follows: include, redirect. */
static bool spf_term_follows(const struct zl_spf_term *t)
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
 * apex)?  node: the node of wire when the caller has it at hand, else
 * NULL (it is looked up).
 */
static bool inside(const struct spfctx *c, const uint8_t *wire,
		   const struct zl_node *node)
{
	for (const struct zl_zone *z = c->db->zones; z; z = z->next) {
		if (!z->origin || !zl_name_is_subdomain(wire, z->origin))
			continue;
		unsigned extra = zl_name_label_count(wire) - zl_name_label_count(z->origin);
		const uint8_t *p = wire;
		for (unsigned k = 0; k < extra; k++, p += *p + 1) {
			const struct zl_node *n = k == 0 && node ? node : zl_db_find(c->db, p);
			if (n && zl_node_rrset(n, 2, 0))
				return false;	/* delegated: another zone's data */
		}
		return true;
	}
	return false;
}

/*
 * The domain a term names (its domain-spec, or the record's owner); the
 * name as SPF writes it is left to tg_name().
 */
static void term_domain(const struct spfctx *c, const struct spfrec *s,
			const struct zl_spf_term *t, struct target *tg)
{
	tg->kind = TGT_NO_SPF;
	tg->rec = NULL;
	tg->status = ZL_DNS_NOERROR;
	tg->name[0] = '\0';
	if (t->arg_len == 0) {
		zl_node_spell(spf_owner(s), tg->wire);
	} else if (t->has_macro || memchr(s->text + t->arg_off, '%', t->arg_len)) {
		tg->kind = TGT_MACRO;
		return;
	} else if (!zl_dns_name_from_spf(s->text + t->arg_off, t->arg_len, tg->wire)) {
		tg->kind = TGT_INVALID;
		return;
	}
	tg->kind = inside(c, tg->wire, t->arg_len ? NULL : spf_owner(s)) ?
		   TGT_NO_SPF : TGT_OUTSIDE;
}

/* The domain of tg, term t of s, as SPF writes it (for messages); fills tg->name. */
static const char *tg_name(const struct spfrec *s, const struct zl_spf_term *t,
			   struct target *tg)
{
	if (t->arg_len == 0)
		zl_dns_name_to_spf(tg->wire, tg->name, sizeof(tg->name));
	else
		snprintf(tg->name, sizeof(tg->name), "%.*s", (int)t->arg_len,
			 s->text + t->arg_off);
	return tg->name;
}

/* Resolve an include/redirect target to its SPF record, following CNAMEs. */
static void resolve_now(struct spfctx *c, const struct spfrec *s,
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

/* Room for one more entry in the memory of resolve() (load at most 1/2). */
static void memo_grow(struct spfctx *c)
{
	if (2 * (c->nmemo + 1) <= c->memo_slots)
		return;
	size_t ns = c->memo_slots ? 2 * c->memo_slots : 64;
	struct spf_memo **v = zl_xmalloc(ns * sizeof(*v));
	memset(v, 0, ns * sizeof(*v));
	for (size_t i = 0; i < c->memo_slots; i++) {
		struct spf_memo *m = c->memo[i];
		if (!m)
			continue;
		size_t k = m->hash & (ns - 1);
		while (v[k])
			k = (k + 1) & (ns - 1);
		v[k] = m;
	}
	free(c->memo);
	c->memo = v;
	c->memo_slots = ns;
}

/*
 * resolve_now(), once for each domain-spec text: the answer depends on
 * nothing else (the loaded data does not change while the rules run).
 * The owner's name (no domain-spec) is not remembered.
 */
static void resolve(struct spfctx *c, const struct spfrec *s,
		    const struct zl_spf_term *t, struct target *tg)
{
	if (t->arg_len == 0) {
		resolve_now(c, s, t, tg);
		return;
	}
	const char *key = s->text + t->arg_off;
	uint32_t h = spf_text_hash(key, t->arg_len);
	memo_grow(c);
	/* the entry of key, or the empty slot for it within SPF_PROBE_MAX */
	size_t k = h & (c->memo_slots - 1);
	for (unsigned step = 0; c->memo[k]; k = (k + 1) & (c->memo_slots - 1)) {
		const struct spf_memo *m = c->memo[k];
		if (m->hash == h && m->len == t->arg_len && memcmp(m->key, key, m->len) == 0) {
			tg->kind = m->kind;
			tg->rec = m->rec;
			tg->status = m->status;
			tg->name[0] = '\0';
			memcpy(tg->wire, m->wire, sizeof(tg->wire));
			return;
		}
		if (++step == SPF_PROBE_MAX) {
			resolve_now(c, s, t, tg);	/* not remembered */
			return;
		}
	}
	resolve_now(c, s, t, tg);
	struct spf_memo *m = zl_arena_alloc(&c->mem, sizeof(*m));
	m->key = zl_arena_dup(&c->mem, key, t->arg_len);
	m->len = t->arg_len;
	m->hash = h;
	m->kind = tg->kind;
	m->rec = tg->rec;
	m->status = tg->status;
	memcpy(m->wire, tg->wire, sizeof(m->wire));
	c->memo[k] = m;
	c->nmemo++;
}

static bool is_void(enum zl_dns_status st)
{
	return st == ZL_DNS_NXDOMAIN || st == ZL_DNS_NODATA || st == ZL_DNS_CNAME_LOOP;
}

/*
 * Distinct RRs of an RRset (identical ones count once), counted up to
 * MX_COUNT_MAX: each RR is compared only with the distinct ones found
 * so far, so an RRset of 50,000 MX records costs at most MX_COUNT_MAX
 * comparisons a record, not 50,000.
 */
static unsigned distinct(const struct zl_rrset *set)
{
	const struct zl_rr *seen[MX_COUNT_MAX];
	unsigned n = 0;

	for (const struct zl_rr *a = zl_rrset_first(set); a && n < MX_COUNT_MAX; a = zl_rrset_rr_next(set, a)) {
		bool dup = false;
		for (unsigned k = 0; k < n && !dup; k++)
			dup = zl_dns_rr_same(seen[k], a);
		if (!dup)
			seen[n++] = a;
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

/*
 * spf-mx-too-many: evaluating mx looks up at most 10 MX names (section
 * 4.6.4).  Returns the status of the MX query, which void_lookup()
 * would make again.
 */
static enum zl_dns_status check_mx_fanout(struct spfctx *c, const struct spfrec *s,
					  const struct zl_spf_term *t, struct target *tg)
{
	struct zl_dns_answer ans;
	char msg[SPF_MSG_MAX];
	enum zl_dns_status st = zl_dns_query(&c->dns, tg->wire, SPF_TYPE_MX, &ans);

	if (st != ZL_DNS_NOERROR || !ans.rrset)
		return st;
	unsigned n = distinct(ans.rrset);
	if (n <= SPF_MX_LIMIT)
		return st;
	snprintf(msg, sizeof(msg),
		 "\"%.*s\": %s has %u%s MX records; evaluating mx looks up at most %d, so receivers return permerror",
		 (int)(t->len < 200 ? t->len : 200), s->text + t->off, tg_name(s, t, tg), n,
		 n == MX_COUNT_MAX ? " or more" : "", SPF_MX_LIMIT);
	spf_report_at(c, ZL_RULE_spf_mx_too_many, ZL_ERROR, s, t->off, msg);
	return st;
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

/*
 * A record being walked (spf_tree_compute()): where its walk is, and
 * what it has counted so far.
 */
struct spf_frame {
	struct spfrec *s;
	size_t i;		/* the term to look at next */
	unsigned cost, voids;
	bool at_least;
	struct spfrec *child;	/* term i's target, walked above this frame; or NULL */
};

/* The loop path: the records being evaluated from the one target is, to s. */
static void report_loop(struct spfctx *c, const struct spf_frame *stack, size_t depth,
			const struct spfrec *s, const struct zl_spf_term *t,
			const struct spfrec *target)
{
	char path[900], name[ZL_NAME_TEXT_MAX];
	size_t m = 0, from = 0;

	for (size_t k = 0; k < depth; k++)
		if (stack[k].s == target)
			from = k;
	for (size_t k = from; k < depth && m < sizeof(path) - 300; k++)
		m += (size_t)snprintf(path + m, sizeof(path) - m, "%s -> ",
				      spf_owner_text(spf_owner(stack[k].s), name, sizeof(name)));
	snprintf(path + m, sizeof(path) - m, "%s",
		 spf_owner_text(spf_owner(target), name, sizeof(name)));
	char msg[SPF_MSG_MAX];
	snprintf(msg, sizeof(msg),
		 "\"%.*s\" closes an include loop (%s); evaluation repeats until the lookup limit and receivers return permerror",
		 (int)(t->len < 120 ? t->len : 120), s->text + t->off, path);
	spf_report_at(c, ZL_RULE_spf_include_loop, ZL_ERROR, s, t->off, msg);
}

/* Start walking s on top of c->frames (depth frames below it). */
static void push(struct spfctx *c, struct spfrec *s, size_t depth)
{
	if (depth == c->frames_cap) {
		c->frames_cap = c->frames_cap ? 2 * c->frames_cap : 64;
		c->frames = zl_xrealloc(c->frames, c->frames_cap * sizeof(*c->frames));
	}
	spf_rec_parse(c, s, true);	/* no-op for the record being checked */
	s->state = TREE_BUSY;
	c->frames[depth] = (struct spf_frame){ .s = s };
}

/*
 * Term t of f's record, which counts against the lookup limit: its
 * lookup, and what its include or redirect target adds or says.
 * Returns the target to walk first (then looked at again), else NULL.
 */
static struct spfrec *step(struct spfctx *c, struct spf_frame *f, size_t depth,
			   const struct zl_spf_term *t)
{
	struct spfrec *s = f->s;
	char msg[SPF_MSG_MAX];
	struct target tg;

	if (spf_term_follows(t)) {
		resolve(c, s, t, &tg);
		switch (tg.kind) {
		case TGT_RECORD:
			if (tg.rec->state == TREE_BUSY) {
				report_loop(c, c->frames, depth, s, t, tg.rec);
				break;
			}
			if (tg.rec->state == TREE_NONE)
				return tg.rec;
			f->cost = sat_add(f->cost, tg.rec->cost);
			f->voids = sat_add(f->voids, tg.rec->voids);
			f->at_least |= tg.rec->at_least;
			break;
		case TGT_NO_SPF:
			f->voids = sat_add(f->voids, is_void(tg.status));
			snprintf(msg, sizeof(msg),
				 "\"%.*s\": %s has no SPF record (%s); receivers return permerror",
				 (int)(t->len < 200 ? t->len : 200), s->text + t->off,
				 tg_name(s, t, &tg),
				 tg.status == ZL_DNS_NOERROR ? "its TXT records are not SPF" :
				 status_words(tg.status));
			spf_report_at(c, ZL_RULE_spf_include_no_spf, ZL_ERROR, s,
				      t->arg_off, msg);
			break;
		case TGT_OUTSIDE:
		case TGT_MACRO:
			f->at_least = true;
			break;
		case TGT_MULTIPLE:
		case TGT_INVALID:
			break;
		}
		return NULL;
	}
	term_domain(c, s, t, &tg);
	if (tg.kind != TGT_NO_SPF)
		return NULL;	/* outside the data or macro: unknown here */
	const char *what;
	enum zl_dns_status st;
	bool is_void_term = t->mech == ZL_SPF_MX ?
			    is_void(check_mx_fanout(c, s, t, &tg)) :
			    void_lookup(c, t, &tg, &what, &st);
	if (is_void_term) {
		f->voids = sat_add(f->voids, 1);
		if (s->nown_void < SPF_MAX_OWN_VOIDS)
			s->own_void[s->nown_void++] = (uint16_t)f->i;
	}
	return NULL;
}

/*
 * Depth-first walk from root, on a stack of frames in c->frames (heap,
 * reused from walk to walk) rather than on the C stack: an include chain
 * of any length is walked to its end, so every record's counts are
 * exact, and a hostile chain of 100,000 includes costs 100,000 frames,
 * not a stack overflow.  A record is on the stack at most once (a
 * target already on it closes a loop), so the stack holds at most
 * every record.
 */
static void walk(struct spfctx *c, struct spfrec *root)
{
	size_t depth = 0;

	push(c, root, depth++);
	while (depth) {
		struct spf_frame *f = &c->frames[depth - 1];
		struct spfrec *s = f->s;
		if (f->child) {
			/* back from the walk of term i's target: add its tree */
			f->cost = sat_add(f->cost, f->child->cost);
			f->voids = sat_add(f->voids, f->child->voids);
			f->at_least |= f->child->at_least;
			f->child = NULL;
			f->i++;
			continue;
		}
		if (f->i == s->rec.nterms) {
			s->cost = f->cost;
			s->voids = f->voids;
			s->at_least = f->at_least;
			s->state = TREE_DONE;
			depth--;
			continue;
		}
		const struct zl_spf_term *t = &s->rec.terms[f->i];
		if (!counts(&s->rec, t)) {
			f->i++;
			continue;
		}
		f->cost = sat_add(f->cost, 1);
		struct spfrec *next = step(c, f, depth, t);
		if (next) {
			f->child = next;	/* term i is done when next is */
			push(c, next, depth++);	/* may move c->frames: f is not used again */
			continue;
		}
		f->i++;
	}
}

void spf_tree_compute(struct spfctx *c, struct spfrec *s)
{
	if (s->state == TREE_NONE)
		walk(c, s);
}

/* The cost of term t of s when evaluated: 1, plus its target's tree. */
static unsigned term_cost(struct spfctx *c, struct spfrec *s,
			  const struct zl_spf_term *t, struct target *tg)
{
	unsigned tc = 1;
	tg->kind = TGT_INVALID;
	if (spf_term_follows(t)) {
		resolve(c, s, t, tg);
		if (tg->kind == TGT_RECORD && tg->rec->state == TREE_DONE && tg->rec != s)
			tc = sat_add(tc, tg->rec->cost);
	}
	return tc;
}

#define LIST_MAX 8	/* terms named in a spf-lookup-limit message */

/*
 * spf-lookup-limit: the worst-case count, with the cost of each term,
 * reported at the term that takes the running count past 10.  A count of
 * exactly 10 that still has targets outside the loaded data is a warning:
 * those targets can only add to it.
 */
static void report_lookups(struct spfctx *c, struct spfrec *s)
{
	char msg[SPF_MSG_MAX];
	size_t m;
	unsigned running = 0, listed = 0, more = 0;
	uint32_t where = 0;
	bool found = false;
	enum zl_severity sev = ZL_ERROR;

	if (s->cost < SPF_LOOKUP_LIMIT ||
	    (s->cost == SPF_LOOKUP_LIMIT && !s->at_least))
		return;
	if (s->cost == SPF_LOOKUP_LIMIT) {
		sev = ZL_WARNING;
		m = (size_t)snprintf(msg, sizeof(msg),
				     "SPF record needs at least %u DNS lookups, the limit, before counting what the targets outside the loaded data need; receivers will likely return permerror (",
				     s->cost);
	} else {
		m = (size_t)snprintf(msg, sizeof(msg),
				     "SPF record needs %s%u%s DNS lookups; the limit is %d (",
				     s->at_least ? "at least " : "", s->cost,
				     s->cost >= COUNT_MAX ? " or more" : "", SPF_LOOKUP_LIMIT);
	}
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		struct target tg;
		if (!counts(&s->rec, t))
			continue;
		unsigned tc = term_cost(c, s, t, &tg);
		running = sat_add(running, tc);
		if (!found && running >= s->cost && sev == ZL_WARNING) {
			found = true;
			where = t->off;
		}
		if (!found && running > SPF_LOOKUP_LIMIT) {
			found = true;
			where = t->off;
		}
		if (listed == LIST_MAX) {
			more++;
			continue;
		}
		int w = (int)(t->len < 60 ? t->len : 60);
		m += (size_t)snprintf(msg + m, sizeof(msg) - m, "%s%.*s%s %u",
				      listed ? ", " : "", w, s->text + t->off,
				      (int)t->len > w ? "..." : "", tc);
		listed++;
	}
	if (more)
		m += (size_t)snprintf(msg + m, sizeof(msg) - m, ", and %u more terms", more);
	snprintf(msg + m, sizeof(msg) - m, ")");
	spf_report_at(c, ZL_RULE_spf_lookup_limit, sev, s, where, msg);
}

/* "1st", "2nd", "3rd", "4th"... */
static const char *ordinal(unsigned n)
{
	unsigned t = n % 100;
	if (t >= 11 && t <= 13)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/*
 * spf-void-lookup, in evaluation order: the void lookups up to the limit
 * are warnings; the one that passes it (section 4.6.4: permerror) is an
 * error, whether it is a term of this record or comes from below an
 * include or redirect; evaluation stops there, so nothing after it is
 * reported.
 */
static void report_voids(struct spfctx *c, struct spfrec *s)
{
	char msg[SPF_MSG_MAX];
	unsigned running = 0, k = 0;

	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		struct target tg;
		if (!counts(&s->rec, t))
			continue;
		if (k < s->nown_void && s->own_void[k] == i) {
			const char *what;
			enum zl_dns_status st;
			bool over;
			k++;
			running = sat_add(running, 1);
			over = running > SPF_VOID_LIMIT;
			term_domain(c, s, t, &tg);
			void_lookup(c, t, &tg, &what, &st);	/* again, for the words */
			int n = snprintf(msg, sizeof(msg),
					 "\"%.*s\" is a void lookup: %s has no %s records (%s)",
					 (int)(t->len < 200 ? t->len : 200), s->text + t->off,
					 tg_name(s, t, &tg), what, status_words(st));
			if (over && n > 0 && (size_t)n < sizeof(msg))
				snprintf(msg + n, sizeof(msg) - (size_t)n,
					 "; it is the %u%s of this evaluation and the limit is %d, so receivers return permerror",
					 running, ordinal(running), SPF_VOID_LIMIT);
			spf_report_at(c, ZL_RULE_spf_void_lookup,
				      over ? ZL_ERROR : ZL_WARNING, s, t->off, msg);
			if (over)
				return;
			continue;
		}
		if (!spf_term_follows(t))
			continue;
		resolve(c, s, t, &tg);
		if (tg.kind == TGT_NO_SPF)
			running = sat_add(running, is_void(tg.status));
		else if (tg.kind == TGT_RECORD && tg.rec != s)
			running = sat_add(running, tg.rec->voids);
		if (running > SPF_VOID_LIMIT) {
			snprintf(msg, sizeof(msg),
				 "through \"%.*s\" this evaluation makes %u void lookups; the limit is %d, so receivers return permerror",
				 (int)(t->len < 200 ? t->len : 200), s->text + t->off,
				 running, SPF_VOID_LIMIT);
			spf_report_at(c, ZL_RULE_spf_void_lookup, ZL_ERROR, s, t->off, msg);
			return;
		}
	}
}

void spf_tree_report(struct spfctx *c, struct spfrec *s)
{
	report_lookups(c, s);
	report_voids(c, s);
}

/* ---- --spf-tree ---------------------------------------------------------------- */

/* One line of the tree for term t; fills *sub with a subtree to expand. */
static void print_term(struct spfctx *c, struct spfrec *s,
		       const struct zl_spf_term *t, FILE *out, const char *prefix,
		       size_t plen, bool last, struct spfrec **sub)
{
	const char *note = "";
	struct target tg;
	unsigned tc = 1;

	*sub = NULL;
	if (spf_term_follows(t)) {
		resolve(c, s, t, &tg);
		switch (tg.kind) {
		case TGT_RECORD:
			if (tg.rec->state == TREE_BUSY) {
				note = "  (loop: permerror)";
			} else {
				tc = sat_add(tc, tg.rec->cost);
				if (tg.rec->printed)
					note = "  (shown above)";
				else
					*sub = tg.rec;
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
		const char *what;
		enum zl_dns_status st;
		term_domain(c, s, t, &tg);
		if (tg.kind == TGT_NO_SPF && void_lookup(c, t, &tg, &what, &st))
			note = "  (void lookup)";
	}
	fprintf(out, "%.*s%s %.*s  %u%s\n", (int)plen, prefix, last ? "`--" : "|--",
		(int)t->len, s->text + t->off, tc, note);
}

/*
 * Print the DNS-querying terms of s, expanding each include/redirect
 * target the first time it appears (later: "shown above"), so the output
 * grows with the number of records, not with the number of paths.
 */
static void print_tree(struct spfctx *c, struct spfrec *s, FILE *out,
		       char *prefix, size_t plen, unsigned depth)
{
	size_t last = 0;

	s->printed = true;
	if (s->rec.nbad)
		fprintf(out, "%.*s(%u term%s of this record %s not parse: receivers return permerror)\n",
			(int)plen, prefix, (unsigned)s->rec.nbad, s->rec.nbad == 1 ? "" : "s",
			s->rec.nbad == 1 ? "does" : "do");
	for (size_t i = 0; i < s->rec.nterms; i++)
		if (counts(&s->rec, &s->rec.terms[i]))
			last = i;
	for (size_t i = 0; i < s->rec.nterms; i++) {
		const struct zl_spf_term *t = &s->rec.terms[i];
		struct spfrec *sub;
		if (!counts(&s->rec, t))
			continue;
		print_term(c, s, t, out, prefix, plen, i == last, &sub);
		if (sub && depth < TREE_MAX_DEPTH && plen + 4 < 256) {
			memcpy(prefix + plen, i == last ? "    " : "|   ", 4);
			sub->state = TREE_BUSY;	/* marks the path, to show loops */
			print_tree(c, sub, out, prefix, plen + 4, depth + 1);
			sub->state = TREE_DONE;
		}
	}
}

/* The heading and tree of one record; returns true if it breaks a limit. */
static bool print_record(struct spfctx *c, struct spfrec *s, FILE *out)
{
	char prefix[260], owner[ZL_NAME_TEXT_MAX];

	fprintf(out, "%s  %s%u%s DNS lookups (limit %d)\n",
		spf_owner_text(spf_owner(s), owner, sizeof(owner)),
		s->at_least ? "at least " : "", s->cost,
		s->cost >= COUNT_MAX ? " or more" : "", SPF_LOOKUP_LIMIT);
	fprintf(out, "  \"%.*s\"\n", (int)s->len, s->text);
	s->state = TREE_BUSY;
	print_tree(c, s, out, prefix, 0, 0);
	s->state = TREE_DONE;
	if (s->voids)
		fprintf(out, "void lookups: %u (limit %d)\n", s->voids, SPF_VOID_LIMIT);
	return s->cost > SPF_LOOKUP_LIMIT || s->voids > SPF_VOID_LIMIT || s->rec.nbad;
}

int zl_spf_tree_print(const struct zl_db *db, const uint8_t *name, FILE *out)
{
	struct spfctx c;
	struct zl_dns_answer ans;
	size_t count = 0;
	char owner[ZL_NAME_TEXT_MAX];
	bool broken = false;

	spf_ctx_init(&c, db, NULL, true);
	zl_dns_query(&c.dns, name, SPF_TYPE_TXT, &ans);
	struct spfrec *s = ans.owner ? spf_records_at(&c, ans.owner, &count) : NULL;
	zl_name_to_text(name, owner, sizeof(owner));
	if (!s) {
		fprintf(out, "%s: has no SPF record in the loaded data\n", owner);
		spf_ctx_free(&c);
		return 1;
	}
	for (size_t k = 0; k < c.n; k++)
		spf_tree_compute(&c, &c.v[k]);
	if (count > 1)
		fprintf(out, "%s: has %zu SPF records, so receivers return permerror; each of them:\n\n",
			owner, count);
	for (size_t k = 0; k < count; k++) {
		if (k)
			fputc('\n', out);
		broken |= print_record(&c, &s[k], out);
	}
	spf_ctx_free(&c);
	return broken || count > 1;
}
