/* zone_node.c - rules about the records at one name: CNAME and DNAME exclusivity, DS placement, wildcards, owner spelling, RRset TTLs (RFC 1034 section 3.6.2, RFC 2181, RFC 6672, RFC 4592). */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "zonecheck.h"

/* Scratch shared by the checks of one run. */
struct nodectx {
	const struct zl_db *db;
	struct zl_sink *sink;
	struct zl_buf ta, tb;
	struct zc_placer place;		/* zc_place() of the nodes, in runs of siblings */
	const struct zl_node *cur;	/* node being checked */
	const uint8_t *name;		/* its name (wire form), in wire or the node */
	uint8_t wire[ZL_NAME_MAX];
	char owner[ZL_NAME_TEXT_MAX];	/* its name, filled by own() when a finding needs it */
	char other[ZL_NAME_TEXT_MAX];
	char at[ZL_NAME_TEXT_MAX + 16];
};

/*
 * The RRsets of one node the checks look at, found in one pass over its
 * RRsets: each as zc_rrset() picks it (class IN, else the first in
 * another class), and the node's first RR (lowest seq).
 */
struct nodesets {
	const struct zl_rrset *cname, *dname, *ds, *ns;
	const struct zl_rr *first;
};

static void pick(const struct zl_rrset **slot, const struct zl_rrset *s)
{
	if (!*slot || (zl_rrset_class(s) == 1 && zl_rrset_class(*slot) != 1))
		*slot = s;
}

static void node_sets(const struct zl_node *n, struct nodesets *ns)
{
	memset(ns, 0, sizeof(*ns));
	for (const struct zl_rrset *s = zl_node_rrsets(n); s; s = zl_rrset_next(s)) {
		if (zl_rrset_first(s) && (!ns->first || zl_rr_seq(zl_rrset_first(s)) < zl_rr_seq(ns->first)))
			ns->first = zl_rrset_first(s);
		switch (zl_rrset_type(s)) {
		case ZC_CNAME:
			pick(&ns->cname, s);
			break;
		case ZC_DNAME:
			pick(&ns->dname, s);
			break;
		case ZC_DS:
			pick(&ns->ds, s);
			break;
		case ZC_NS:
			pick(&ns->ns, s);
			break;
		default:
			break;
		}
	}
}

/* Presentation form of the node being checked, converted only when reported. */
/* The name of the node checked (c->cur) in wire form, spelt when first
 * asked for: most nodes are checked from their links alone. */
static const uint8_t *cur_name(struct nodectx *c)
{
	if (!c->name)
		c->name = zl_node_name(c->cur, c->wire);
	return c->name;
}

static const char *own(struct nodectx *c)
{
	return zc_name(cur_name(c), c->owner, sizeof(c->owner));
}

/* Types that may share a name with a CNAME (RFC 2181 section 10.1, RFC 4035 section 2.5). */
static bool cname_companion(uint16_t type)
{
	return type == ZC_CNAME || type == ZC_RRSIG || type == ZC_NSEC ||
	       type == ZC_SIG || type == ZC_NXT;
}

/* zone-cname-at-apex, zone-cname-and-other-data. */
static void check_cname(struct nodectx *c, const struct zl_node *n,
			const struct zl_zone *z, const struct zl_rrset *cn)
{
	char type[16];

	if (n == z->apex) {
		const struct zl_rr *rr = zl_rrset_first(cn);
		zl_report(c->sink, ZL_RULE_zone_cname_at_apex, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
			  "CNAME at the zone apex %s: the apex must hold the SOA and NS records, which a CNAME does not allow; use A/AAAA records here",
			  own(c));
		return;
	}
	const struct zl_rr *other = NULL;
	for (const struct zl_rrset *s = zl_node_rrsets(n); s; s = zl_rrset_next(s))
		if (!cname_companion(zl_rrset_type(s)) && zl_rrset_first(s) &&
		    (!other || zl_rr_seq(zl_rrset_first(s)) < zl_rr_seq(other)))
			other = zl_rrset_first(s);
	if (!other)
		return;
	const struct zl_rr *cname = zl_rrset_first(cn);
	zl_type_name(other->type, type, sizeof(type));
	if (zl_rr_seq(other) > zl_rr_seq(cname))
		zl_report(c->sink, ZL_RULE_zone_cname_and_other_data, zl_rr_file(other),
			  zl_rr_line(other), zl_rr_col(other),
			  "CNAME and other data: %s has a CNAME (%s) and this %s record; a CNAME must be the only record at its name, move the %s record to the target or drop the CNAME",
			  own(c), zc_where(cname, zl_rr_file(other), c->at, sizeof(c->at)),
			  type, type);
	else
		zl_report(c->sink, ZL_RULE_zone_cname_and_other_data, zl_rr_file(cname),
			  zl_rr_line(cname), zl_rr_col(cname),
			  "CNAME and other data: %s already has a %s record (%s); a CNAME must be the only record at its name, move the other records to the target or drop the CNAME",
			  own(c), type, zc_where(other, zl_rr_file(cname), c->at, sizeof(c->at)));
}

/* zone-multiple-cname, zone-multiple-dname: a second, different RR of a singleton type. */
static void check_singleton(struct nodectx *c, const struct zl_rrset *s,
			    uint16_t type, enum zl_rule rule)
{
	if (!s || zl_rrset_count(s) < 2)
		return;
	for (const struct zl_rr *rr = zl_rrset_rr_next(s, zl_rrset_first(s)); rr; rr = zl_rrset_rr_next(s, rr)) {
		if (zc_same_rdata(zl_rrset_first(s), rr, &c->ta, &c->tb))
			continue;	/* zone-duplicate-rr */
		zl_report(c->sink, rule, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
			  "%s has more than one %s record (first at %s): multiple RRs of singleton type; keep one",
			  own(c), type == ZC_CNAME ? "CNAME" : "DNAME",
			  zc_where(zl_rrset_first(s), zl_rr_file(rr), c->at, sizeof(c->at)));
		return;
	}
}

/* zone-ds-placement, zone-dname-at-delegation: records that belong beside NS, or never beside it. */
static void check_cut(struct nodectx *c, const struct zl_node *n,
		      const struct zl_zone *z, const struct zc_place *pl,
		      const struct nodesets *sets)
{
	const struct zl_rrset *ds = sets->ds, *ns = sets->ns, *dn = sets->dname;

	if (pl->cut)
		return;		/* below a delegation: the child's data */
	if (ds && n == z->apex)
		zl_report(c->sink, ZL_RULE_zone_ds_placement, zl_rr_file(zl_rrset_first(ds)),
			  zl_rr_line(zl_rrset_first(ds)), zl_rr_col(zl_rrset_first(ds)),
			  "DS record at top of zone %s: it belongs in the parent zone, beside the delegation; move it there",
			  own(c));
	else if (ds && !ns)
		zl_report(c->sink, ZL_RULE_zone_ds_placement, zl_rr_file(zl_rrset_first(ds)),
			  zl_rr_line(zl_rrset_first(ds)), zl_rr_col(zl_rrset_first(ds)),
			  "DS not at delegation point: %s has no NS records, so this DS authenticates nothing; add the delegation or remove the DS",
			  own(c));
	if (dn && ns && n != z->apex)
		zl_report(c->sink, ZL_RULE_zone_dname_at_delegation, zl_rr_file(zl_rrset_first(dn)),
			  zl_rr_line(zl_rrset_first(dn)), zl_rr_col(zl_rrset_first(dn)),
			  "DNAME at %s, which is delegated by NS records: the parent serves only NS, DS and glue there, so the DNAME is never seen; put it in the child zone",
			  own(c));
}

/* zone-rrset-ttl-mismatch: one TTL per RRset (RFC 2181 section 5.2). */
static void check_ttls(struct nodectx *c, const struct zl_node *n)
{
	char type[16];

	for (const struct zl_rrset *s = zl_node_rrsets(n); s; s = zl_rrset_next(s)) {
		if (zl_rrset_count(s) < 2 || zl_rrset_type(s) == ZC_RRSIG || zl_rrset_type(s) == ZC_SIG)
			continue;
		uint32_t ttl = zl_rr_ttl(zl_rrset_first(s));
		for (const struct zl_rr *rr = zl_rrset_rr_next(s, zl_rrset_first(s)); rr; rr = zl_rrset_rr_next(s, rr)) {
			if (zl_rr_ttl(rr) == ttl)
				continue;
			zl_report(c->sink, ZL_RULE_zone_rrset_ttl_mismatch, zl_rr_file(rr),
				  zl_rr_line(rr), zl_rr_col(rr),
				  "%s %s record has TTL %u but the first of its RRset (%s) has %u; an RRset has one TTL and named uses %u for all, give them the same TTL",
				  own(c), zl_type_name(zl_rrset_type(s), type, sizeof(type)), zl_rr_ttl(rr),
				  zc_where(zl_rrset_first(s), zl_rr_file(rr), c->at, sizeof(c->at)),
				  ttl, ttl);
			break;
		}
	}
}

/* Whether any label from labels (wire) on is "*". */
static bool star_among(const uint8_t *labels)
{
	for (const uint8_t *p = labels; *p; p += *p + 1)
		if (zc_star_label(p))
			return true;
	return false;
}

/* zone-wildcard: a "*" label that is not the leftmost one (RFC 4592 section 2.1.1). */
static bool inner_star(const uint8_t *name)
{
	if (*name == 0)
		return false;	/* the root: no label at all (name[1] is past its end) */
	return star_among(name + *name + 1);
}

/* inner_star() of node n's name, from its links to its ancestors' nodes. */
static bool node_inner_star(const struct zl_node *n)
{
	if (!n->suffix)
		return inner_star(n->prefix);	/* the whole name */
	for (n = zl_ref_ptr(n->suffix);; n = zl_ref_ptr(n->suffix)) {
		if (!n->suffix)		/* held whole (or the root): all inner */
			return star_among(n->prefix);
		if (zc_star_label(n->prefix))
			return true;
	}
}

void zl_check_owner_name(const struct zl_zone *z, const struct zl_rr *first,
			 const uint8_t *name, struct zl_sink *sink)
{
	char owner[ZL_NAME_TEXT_MAX];

	if (zc_repeats_origin(name, z->origin)) {
		char rel[ZL_NAME_TEXT_MAX];
		zl_report(sink, ZL_RULE_zone_owner_repeats_origin, zl_rr_file(first),
			  zl_rr_line(first), zl_rr_col(first),
			  "owner %s repeats the origin: \"%s\" was probably meant as a full name; add the trailing dot or drop the origin part",
			  zc_name(name, owner, sizeof(owner)),
			  zc_relative_text(name, z->origin, rel, sizeof(rel)));
	}
	if (inner_star(name))
		zl_report(sink, ZL_RULE_zone_wildcard, zl_rr_file(first), zl_rr_line(first),
			  zl_rr_col(first),
			  "owner %s has \"*\" in a label other than the leftmost, so it is no wildcard, and the name above it is a non-terminal wildcard",
			  zc_name(name, owner, sizeof(owner)));
}

static void check_node(struct nodectx *c, const struct zl_node *n)
{
	struct nodesets sets;
	node_sets(n, &sets);
	const struct zl_rr *first = sets.first;
	const struct zl_zone *z = first ? zl_rr_zone(first) : NULL;

	if (!z)
		return;		/* no records */
	c->cur = n;
	c->name = NULL;		/* spelt when needed (cur_name()) */
	int in = zc_node_in_zone(z, n);
	if (in == 0 || (in < 0 && !zc_in_zone(z, cur_name(c))))
		return;		/* out of zone */
	struct zc_place pl;
	if (!zc_node_place(z, n, &pl))
		zc_place_cached(&c->place, z, cur_name(c), &pl);

	/* the owner-name checks read the name itself only when its links
	 * do not rule both of them out */
	if (zc_node_repeats_origin(z, n) != 0 || node_inner_star(n))
		zl_check_owner_name(z, first, cur_name(c), c->sink);
	if (pl.dname)
		zl_report(c->sink, ZL_RULE_zone_below_dname, zl_rr_file(first), zl_rr_line(first),
			  zl_rr_col(first),
			  "%s is below the DNAME at %s, so its records are never served (RFC 6672 section 2.3); move them or remove them",
			  own(c), zl_node_text(pl.dname, c->other, sizeof(c->other)));
	if (sets.cname)
		check_cname(c, n, z, sets.cname);
	check_singleton(c, sets.cname, ZC_CNAME, ZL_RULE_zone_multiple_cname);
	check_singleton(c, sets.dname, ZC_DNAME, ZL_RULE_zone_multiple_dname);
	check_cut(c, n, z, &pl, &sets);
	check_ttls(c, n);
}

/* Nodes a block has at least: below this, one block (no thread is worth its sinks). */
#define NODES_BLOCK_MIN 4096
/* Blocks at most: enough that two threads end within a block of each other. */
#define NODES_BLOCKS_MAX 32

void zl_nodes_job_init(struct zl_nodes_job *j, const struct zl_db *db,
		       const struct zc_cuts *cuts)
{
	size_t per = (db->nnodes + NODES_BLOCKS_MAX - 1) / NODES_BLOCKS_MAX;

	if (per < NODES_BLOCK_MIN)
		per = NODES_BLOCK_MIN;
	j->db = db;
	j->cuts = cuts;
	j->per_block = per;
	j->nblocks = db->nnodes ? (db->nnodes + per - 1) / per : 1;
	atomic_init(&j->next, 0);
	j->dups = zl_xmalloc(2 * j->nblocks * sizeof(*j->dups));
	j->sinks = j->dups + j->nblocks;
	/* empty sinks, not forks: their findings name files the db's
	 * sink interned, which zl_sink_take() finds there, and a fork
	 * would copy that sink's index of file names into each (5 MiB for
	 * a named.conf of 5,000 zones in 25 blocks) */
	for (size_t b = 0; b < 2 * j->nblocks; b++)
		zl_sink_init(&j->dups[b]);
}

void zl_nodes_job_work(struct zl_nodes_job *j)
{
	struct nodectx c;
	struct zl_dups d;
	struct zl_node_walk walk;
	size_t at = 0;		/* index of the walk's next node */
	size_t b = atomic_fetch_add(&j->next, 1);

	if (b >= j->nblocks)
		return;
	memset(&c, 0, sizeof(c));
	c.db = j->db;
	zc_placer_init(&c.place, j->db, j->cuts);
	zl_dups_init(&d);
	/* one walk for both families: a node is read from memory once;
	 * the blocks another thread took are stepped over */
	zl_db_walk_begin(j->db, &walk);
	for (; b < j->nblocks; b = atomic_fetch_add(&j->next, 1)) {
		size_t first = b * j->per_block, last = first + j->per_block;
		const struct zl_node *n;
		for (; at < first && zl_db_walk_next(&walk); at++)
			;
		c.sink = &j->sinks[b];
		for (; (b + 1 == j->nblocks || at < last) && (n = zl_db_walk_next(&walk)); at++) {
			if (!zl_node_rrsets(n))
				continue;
			zl_dups_node(&d, n, &j->dups[b]);
			check_node(&c, n);
		}
	}
	zl_db_walk_end(&walk);
	zl_dups_free(&d);
	zl_buf_free(&c.ta);
	zl_buf_free(&c.tb);
}

void zl_nodes_job_finish(struct zl_nodes_job *j, struct zl_sink *dups, struct zl_sink *sink)
{
	for (size_t b = 0; b < j->nblocks; b++) {
		zl_sink_take(dups, &j->dups[b]);
		zl_sink_take(sink, &j->sinks[b]);
	}
	for (size_t b = 0; b < 2 * j->nblocks; b++)
		zl_sink_free(&j->dups[b]);
	free(j->dups);
}

void zl_check_zone_nodes(const struct zl_db *db, struct zl_sink *dups,
			 struct zl_sink *sink, const struct zc_cuts *cuts)
{
	struct zl_nodes_job j;

	zl_nodes_job_init(&j, db, cuts);
	zl_nodes_job_work(&j);
	zl_nodes_job_finish(&j, dups, sink);
}
