/* zone.c - the zone model: name table, RRsets, zones. */
#include "zone.h"

#include <stdlib.h>
#include <string.h>

#include "name.h"

void zl_db_init(struct zl_db *db)
{
	memset(db, 0, sizeof(*db));
	zl_arena_init(&db->arena);
	db->nbuckets = 1024;
	db->buckets = zl_xmalloc(db->nbuckets * sizeof(*db->buckets));
	memset(db->buckets, 0, db->nbuckets * sizeof(*db->buckets));
}

void zl_db_free(struct zl_db *db)
{
	free(db->buckets);
	zl_arena_free(&db->arena);
	memset(db, 0, sizeof(*db));
}

struct zl_zone *zl_db_add_zone(struct zl_db *db, const char *file)
{
	struct zl_zone *z = zl_arena_calloc(&db->arena, sizeof(*z));
	z->file = zl_arena_strndup(&db->arena, file, strlen(file));
	if (db->last_zone)
		db->last_zone->next = z;
	else
		db->zones = z;
	db->last_zone = z;
	return z;
}

void zl_zone_set_origin(struct zl_db *db, struct zl_zone *z,
			const uint8_t *origin, const char *source)
{
	size_t len = zl_name_wire_len(origin);
	z->apex = zl_db_intern(db, origin, len);
	z->origin = z->apex->wire;
	z->origin_source = source;
}

struct zl_node *zl_db_find(const struct zl_db *db, const uint8_t *wire)
{
	size_t len = zl_name_wire_len(wire);
	uint32_t h = zl_name_hash(wire, len);
	for (struct zl_node *n = db->buckets[h & (db->nbuckets - 1)]; n; n = n->hnext)
		if (n->hash == h && n->len == len && zl_name_equal(n->wire, wire))
			return n;
	return NULL;
}

const struct zl_node *zl_db_wildcard(const struct zl_db *db,
				     const uint8_t *name, unsigned max_labels)
{
	uint8_t wild[ZL_NAME_MAX];
	const uint8_t *p = name;

	if (zl_db_find(db, name))
		return NULL;
	for (unsigned k = 0; k < max_labels && *p; k++) {
		p += *p + 1;
		if (!zl_db_find(db, p))
			continue;
		/* p is the closest encloser */
		size_t plen = zl_name_wire_len(p);
		if (plen + 2 > sizeof(wild))
			return NULL;
		wild[0] = 1;
		wild[1] = '*';
		memcpy(wild + 2, p, plen);
		return zl_db_find(db, wild);
	}
	return NULL;
}

static void grow(struct zl_db *db)
{
	size_t nb = db->nbuckets * 2;
	struct zl_node **b = calloc(nb, sizeof(*b));
	if (!b)
		return;		/* keep the old table: slower, still correct */
	for (size_t i = 0; i < db->nbuckets; i++) {
		struct zl_node *n = db->buckets[i];
		while (n) {
			struct zl_node *next = n->hnext;
			n->hnext = b[n->hash & (nb - 1)];
			b[n->hash & (nb - 1)] = n;
			n = next;
		}
	}
	free(db->buckets);
	db->buckets = b;
	db->nbuckets = nb;
}

struct zl_node *zl_db_intern(struct zl_db *db, const uint8_t *wire, size_t len)
{
	uint32_t h = zl_name_hash(wire, len);
	struct zl_node **slot = &db->buckets[h & (db->nbuckets - 1)];
	for (struct zl_node *n = *slot; n; n = n->hnext)
		if (n->hash == h && n->len == len && zl_name_equal(n->wire, wire))
			return n;
	struct zl_node *n = zl_arena_alloc(&db->arena, sizeof(*n) + len);
	n->rrsets = NULL;
	n->hash = h;
	n->len = (uint8_t)len;
	memcpy(n->wire, wire, len);
	n->hnext = *slot;
	*slot = n;
	if (++db->nnodes > db->nbuckets)
		grow(db);
	return n;
}

struct zl_rrset *zl_node_rrset(const struct zl_node *n, uint16_t type,
			       uint16_t rclass)
{
	for (struct zl_rrset *s = n->rrsets; s; s = s->next)
		if (s->type == type && (rclass == 0 || s->rclass == rclass))
			return s;
	return NULL;
}

/*
 * Make sure every ancestor of a new node exists as a node too: a name
 * with descendants exists even when it owns no RRs (an empty
 * non-terminal answers NOERROR/NODATA, not NXDOMAIN: RFC 8020,
 * RFC 4592 section 2.2.2).  Stops at the first ancestor already present,
 * whose own ancestors were added with it.
 */
static void add_ancestors(struct zl_db *db, const uint8_t *wire)
{
	while (*wire) {
		wire += *wire + 1;
		if (zl_db_find(db, wire))
			return;
		zl_db_intern(db, wire, zl_name_wire_len(wire));
	}
}

struct zl_rr *zl_db_add_rr(struct zl_db *db, struct zl_zone *z,
			   const struct zl_record *rec)
{
	size_t before = db->nnodes;
	struct zl_node *owner = zl_db_intern(db, rec->owner, rec->owner_len);
	if (db->nnodes != before)
		add_ancestors(db, owner->wire);
	struct zl_rr *rr = zl_arena_alloc(&db->arena, sizeof(*rr));

	rr->next = NULL;
	rr->znext = NULL;
	rr->owner = owner;
	rr->zone = z;
	rr->file = rec->file;
	rr->line = rec->line;
	rr->col = rec->col;
	rr->rdata_line = rec->rdata_line;
	rr->rdata_col = rec->rdata_col;
	rr->ttl = rec->ttl;
	rr->type = rec->type;
	rr->rclass = rec->rclass;
	rr->rdlen = (uint16_t)rec->rdlen;
	rr->rdata = zl_arena_dup(&db->arena, rec->rdata, rec->rdlen);
	rr->nsegs = (uint16_t)rec->nsegs;
	rr->seq = (uint32_t)db->nrr;
	rr->segs = NULL;
	if (rec->nsegs) {
		struct zl_txtseg *segs = zl_arena_dup(&db->arena, rec->segs,
						      rec->nsegs * sizeof(*segs));
		for (size_t i = 0; i < rec->nsegs; i++)
			if (segs[i].raw)
				segs[i].raw = zl_arena_dup(&db->arena, segs[i].raw,
							   segs[i].rawlen);
		rr->segs = segs;
	}

	struct zl_rrset *set = zl_node_rrset(owner, rec->type, rec->rclass);
	if (!set) {
		set = zl_arena_calloc(&db->arena, sizeof(*set));
		set->type = rec->type;
		set->rclass = rec->rclass;
		struct zl_rrset **tail = &owner->rrsets;
		while (*tail)
			tail = &(*tail)->next;
		*tail = set;
	}
	if (set->last)
		set->last->next = rr;
	else
		set->first = rr;
	set->last = rr;
	set->count++;

	if (z->last)
		z->last->znext = rr;
	else
		z->first = rr;
	z->last = rr;
	z->nrr++;
	db->nrr++;
	return rr;
}
