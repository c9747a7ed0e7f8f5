/* zone.c - the zone model: name table, RRsets, zones. */
#include "zone.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "name.h"
#include "parser.h"
#include "txt.h"

/* zl_rr_exact_pos() holds a column and a line difference in ZL_RR_POS_BITS each. */
static_assert(ZL_MAX_LINE <= ZL_RR_POS_MASK, "a column fits zl_rr.pos");
static_assert(ZL_MAX_ENTRY <= ZL_RR_POS_MASK, "the lines of an entry fit zl_rr.pos");

/* the sizes zone.h promises: what a big zone costs per RR, RRset and string */
static_assert(sizeof(struct zl_rr) == 24, "struct zl_rr is 24 octets");
static_assert(sizeof(struct zl_db_slot) == 6, "a name-table slot is 6 octets");
static_assert(((uint32_t)1 << (ZL_RR_COL_BITS + ZL_RR_RCOL_BITS + ZL_RR_RDL_BITS)) <= ZL_RR_NAME_REL &&
	      ZL_RR_NAME_REL < ZL_RR_DIGEST && ZL_RR_DIGEST < ZL_RR_HAS_SEGS,
	      "zl_rr.pos has room for ZL_RR_NAME_REL, ZL_RR_DIGEST and ZL_RR_HAS_SEGS above the packed position");
static_assert(sizeof(struct zl_rrset_multi) == 16, "struct zl_rrset_multi is 16 octets");
static_assert(offsetof(struct zl_rrset_multi, next_ref) == offsetof(struct zl_rr, next_ref) &&
	      offsetof(struct zl_rr, next_ref) == 0,
	      "a lone RR and a zl_rrset_multi link the node's next RRset at octet 0");
static_assert(offsetof(struct zl_rrset_multi, lone) == offsetof(struct zl_rr, owner_ref),
	      "a zl_rrset_multi's 0 is where an RR has its owner");
static_assert(sizeof(struct zl_txtseg) == 16, "struct zl_txtseg is 16 octets");
static_assert(offsetof(struct zl_node, prefix) == 12, "a node's fixed part is 12 octets");

#define ZL_DB_SLOTS0 1024	/* initial name-table slots, a power of two */

void zl_db_init(struct zl_db *db)
{
	memset(db, 0, sizeof(*db));
	zl_arena_init(&db->arena);
	zl_arena_init(&db->nodes);
	zl_arena_init(&db->rrs);
	db->rrs.ordered = true;
	db->nslots = ZL_DB_SLOTS0;
	db->slots = zl_big_calloc(db->nslots * sizeof(*db->slots));
}

void zl_db_free(struct zl_db *db)
{
	zl_big_free(db->slots, db->nslots * sizeof(*db->slots));
	free(db->tails);
	free(db->ttls);
	free(db->ttl_slots);
	zl_arena_free(&db->arena);
	zl_arena_free(&db->nodes);
	zl_arena_free(&db->rrs);
	memset(db, 0, sizeof(*db));
}

void zl_db_walk_begin(const struct zl_db *db, struct zl_node_walk *w)
{
	zl_arena_cursor_begin(&w->c, &db->nodes, NULL);
}

void zl_db_walk_end(struct zl_node_walk *w)
{
	zl_arena_cursor_end(&w->c);
}

void zl_zone_walk_begin(const struct zl_zone *z, struct zl_rr_walk *w)
{
	/* from the zone's first RR; none kept (--syntax-only): nothing */
	zl_arena_cursor_begin(&w->c, z->first ? z->rrs : NULL, z->first);
	w->left = w->c.at ? z->nrr : 0;
}

void zl_zone_walk_end(struct zl_rr_walk *w)
{
	zl_arena_cursor_end(&w->c);
	w->left = 0;
}

struct zl_zone *zl_db_add_zone(struct zl_db *db, const char *file)
{
	struct zl_zone *z = zl_arena_calloc(&db->arena, sizeof(*z));
	z->rrs = &db->rrs;
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
	z->origin = zl_arena_dup(&db->arena, origin, len);
	z->origin_len = len;
	z->origin_source = source;
}

/* zl_name_hash() made non-zero: 0 marks an empty slot. */
static uint32_t slot_hash(const uint8_t *wire, size_t len)
{
	uint32_t h = zl_name_hash(wire, len);
	return h ? h : 1;
}

/* a[0..n) and b[0..n) alike but for ASCII case (RFC 4343).  Both are
 * wire form from a label on, so the length octets (at most 63) line up
 * and are left alone by the folding. */
static bool same_folded(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (a[k] != b[k] && zl_ascii_lower((char)a[k]) != zl_ascii_lower((char)b[k]))
			return false;
	return true;
}

/* How a node's name compares with a name in wire form (node_spelling()). */
enum spelling {
	SPELT_NOT,		/* another name */
	SPELT_FOLDED,		/* the same name, but for ASCII case (RFC 4343) */
	SPELT_EXACT,		/* the same octets */
};

/*
 * How n's name compares with wire (of n->len octets).  Most names are
 * looked up spelt as first seen, so octets are compared before case is
 * folded.
 */
static enum spelling node_spelling(const struct zl_node *n, const uint8_t *wire)
{
	enum spelling how = SPELT_EXACT;

	for (;;) {
		size_t plen = zl_node_plen(n);
		if (memcmp(n->prefix, wire, plen) != 0) {
			if (!same_folded(n->prefix, wire, plen))
				return SPELT_NOT;
			how = SPELT_FOLDED;
		}
		if (!n->suffix)
			return how;
		wire += plen;
		n = zl_ref_ptr(n->suffix);
	}
}

bool zl_node_is(const struct zl_node *n, const uint8_t *wire, size_t len)
{
	return n->len == len && node_spelling(n, wire) != SPELT_NOT;
}

uint8_t *zl_node_spell(const struct zl_node *n, uint8_t *out)
{
	uint8_t *p = out;

	for (;;) {
		size_t plen = zl_node_plen(n);
		memcpy(p, n->prefix, plen);
		p += plen;
		if (!n->suffix)
			return out;
		n = zl_ref_ptr(n->suffix);
	}
}

char *zl_node_text(const struct zl_node *n, char *out, size_t cap)
{
	uint8_t buf[ZL_NAME_MAX];

	zl_name_to_text(zl_node_name(n, buf), out, cap);
	return out;
}

/* The tag of a name whose slot_hash() is h in its slot (zl_db_slot). */
static inline uint16_t slot_tag(uint32_t h)
{
	return (uint16_t)(h >> 16);
}

/* Put node n, of hash h, in slot s. */
static inline void slot_set(struct zl_db_slot *s, const struct zl_node *n, uint32_t h)
{
	zl_ref r = zl_ref_of(n);

	s->tag = slot_tag(h);
	s->node_lo = (uint16_t)r;
	s->node_hi = (uint16_t)(r >> 16);
}

/* True if slot s is empty. */
static inline bool slot_empty(const struct zl_db_slot *s)
{
	return (s->node_lo | s->node_hi) == 0;
}

/* The slot holding wire (hash h), or the empty slot where it would go;
 * for a slot that holds it, *how says whether it is spelt alike. */
static size_t probe_how(const struct zl_db *db, const uint8_t *wire, size_t len,
			uint32_t h, enum spelling *how)
{
	size_t mask = db->nslots - 1;
	uint16_t tag = slot_tag(h);

	for (size_t i = h & mask;; i = (i + 1) & mask) {
		const struct zl_db_slot *s = &db->slots[i];
		if (slot_empty(s))
			return i;
		if (s->tag != tag)
			continue;
		const struct zl_node *n = zl_db_slot_node(s);
		if (n->len == len && (*how = node_spelling(n, wire)) != SPELT_NOT)
			return i;
	}
}

/* probe_how(), whatever the spelling. */
static size_t probe(const struct zl_db *db, const uint8_t *wire, size_t len,
		    uint32_t h)
{
	enum spelling how;
	return probe_how(db, wire, len, h, &how);
}

struct zl_node *zl_db_find(const struct zl_db *db, const uint8_t *wire)
{
	size_t len = zl_name_wire_len(wire);
	uint32_t h = slot_hash(wire, len);
	size_t i = probe(db, wire, len, h);

	return zl_db_slot_node(&db->slots[i]);
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

/*
 * Move the name table into sl, ns zeroed slots (a power of two, room for
 * every node), allocated with zl_big_calloc() or zl_big_try_calloc().
 * The slots keep only a tag of each name's hash: the names are hashed
 * again, each spelt from its node.
 */
static void rehash_into(struct zl_db *db, struct zl_db_slot *sl, size_t ns)
{
	size_t mask = ns - 1;
	uint8_t buf[ZL_NAME_MAX];

	for (size_t k = 0; k < db->nslots; k++) {
		const struct zl_node *n = zl_db_slot_node(&db->slots[k]);
		if (!n)
			continue;
		uint32_t h = slot_hash(zl_node_name(n, buf), n->len);
		size_t i = h & mask;
		while (!slot_empty(&sl[i]))
			i = (i + 1) & mask;
		slot_set(&sl[i], n, h);
	}
	zl_big_free(db->slots, db->nslots * sizeof(*db->slots));
	db->slots = sl;
	db->nslots = ns;
}

/* Make the name table ns slots (a power of two, room for every node). */
static void resize(struct zl_db *db, size_t ns)
{
	rehash_into(db, zl_big_calloc(ns * sizeof(struct zl_db_slot)), ns);
}

void zl_db_reserve(struct zl_db *db, size_t nnames)
{
	size_t ns = db->nslots;

	/* no more nodes than a zl_ref can number: this bounds ns
	 * (< 2^34) so neither ns * 3 nor ns * 6 octets overflows */
	if (nnames > UINT32_MAX)
		nnames = UINT32_MAX;
	while (nnames * 8 > ns * 7)
		ns *= 2;
	if (ns == db->nslots)
		return;
	/* a hint only: without the memory the table grows as names come */
	struct zl_db_slot *sl = zl_big_try_calloc(ns * sizeof(*sl));
	if (sl)
		rehash_into(db, sl, ns);
}

/*
 * A new node for wire[0..len) (hash h) in the empty slot i: its first
 * label and a link to up, the node of the rest of the name, or the whole
 * name when up is NULL.
 */
static struct zl_node *new_node(struct zl_db *db, size_t i, const uint8_t *wire,
				size_t len, uint32_t h, const struct zl_node *up)
{
	size_t plen = up ? wire[0] + 1u : len;
	struct zl_node *n = zl_arena_alloc4(&db->nodes, offsetof(struct zl_node, prefix) + plen);

	n->rs = 0;
	n->nrrsets = 0;
	n->types = 0;
	n->suffix = up ? zl_ref_of(up) : 0;
	n->len = (uint8_t)len;
	memcpy(n->prefix, wire, plen);
	db->nnodes++;
	slot_set(&db->slots[i], n, h);
	if (db->nnodes * 8 > db->nslots * 7)
		resize(db, db->nslots * 2);
	return n;
}

/*
 * The node of wire[0..len) (hash h), made if absent.  A new node links
 * to its parent's node: with ancestors, the parent and its own
 * ancestors are made first when absent (a name with descendants exists
 * even when it owns no RRs: an empty non-terminal answers NOERROR/NODATA,
 * not NXDOMAIN, RFC 8020, RFC 4592 section 2.2.2); without, only a
 * parent already there is linked to.  A node holds its whole name when
 * it has no parent node, or when the parent's name is spelt otherwise
 * than here ("x.Bar" below "bar"): every name reads back as it was first
 * spelt, as named-checkzone -D prints it.  *exact: whether the node's
 * name is wire octet for octet (a lookup tells that without a second
 * walk over the parent's labels).
 */
static struct zl_node *node_of(struct zl_db *db, const uint8_t *wire, size_t len,
			       uint32_t h, bool ancestors, bool *exact)
{
	enum spelling how = SPELT_EXACT;
	size_t i = probe_how(db, wire, len, h, &how);

	if (!slot_empty(&db->slots[i])) {
		*exact = how == SPELT_EXACT;
		return zl_db_slot_node(&db->slots[i]);
	}
	struct zl_node *up = NULL;
	if (wire[0]) {
		const uint8_t *pw = wire + wire[0] + 1;
		size_t plen = len - wire[0] - 1u;
		bool up_exact = false;
		if (!ancestors) {
			size_t k = probe_how(db, pw, plen, slot_hash(pw, plen), &how);
			up = zl_db_slot_node(&db->slots[k]);
			up_exact = how == SPELT_EXACT;
		} else if (db->last_parent && plen == db->last_parent_len &&
			   memcmp(pw, db->last_parent_wire, plen) == 0) {
			up = db->last_parent;	/* a sibling of the last new name */
			up_exact = db->last_parent_exact;
		} else {
			size_t before = db->nnodes;
			up = node_of(db, pw, plen, slot_hash(pw, plen), true, &up_exact);
			if (db->nnodes != before)	/* the table may have grown */
				i = probe(db, wire, len, h);
			db->last_parent = up;
			db->last_parent_exact = up_exact;
			db->last_parent_len = (uint8_t)plen;
			memcpy(db->last_parent_wire, pw, plen);
		}
		if (!up_exact)
			up = NULL;
	}
	*exact = true;		/* a new node is spelt as wire */
	return new_node(db, i, wire, len, h, up);
}

struct zl_node *zl_db_intern(struct zl_db *db, const uint8_t *wire, size_t len)
{
	bool exact;
	return node_of(db, wire, len, slot_hash(wire, len), false, &exact);
}

/* The home slot of (type, rclass) in a node's RRset index, before masking. */
static size_t rrset_slot(uint16_t type, uint16_t rclass)
{
	uint32_t h = ((uint32_t)type << 16 | rclass) * 0x9e3779b1u;
	return h ^ h >> 16;	/* the type lives in the high half: fold it down */
}

static struct zl_rrset *index_find(const struct zl_rrset_index *x,
				   uint16_t type, uint16_t rclass)
{
	size_t mask = x->nslots - 1;

	for (size_t i = rrset_slot(type, rclass) & mask; x->slot[i]; i = (i + 1) & mask)
		if (zl_rrset_type(x->slot[i]) == type && zl_rrset_class(x->slot[i]) == rclass)
			return x->slot[i];
	return NULL;
}

/* Put set into index x, which has room for it. */
static void index_put(struct zl_rrset_index *x, struct zl_rrset *set)
{
	size_t mask = x->nslots - 1,
	       i = rrset_slot(zl_rrset_type(set), zl_rrset_class(set)) & mask;

	while (x->slot[i])
		i = (i + 1) & mask;
	x->slot[i] = set;
	x->n++;
	x->last = set;
}

/* A new index of ns slots over the RRsets listed from first on. */
static struct zl_rrset_index *index_build(struct zl_db *db, struct zl_rrset *first,
					  size_t ns)
{
	struct zl_rrset_index *x =
		zl_arena_calloc(&db->arena, sizeof(*x) + ns * sizeof(x->slot[0]));

	x->nslots = ns;
	x->first = first;
	for (struct zl_rrset *s = first; s; s = zl_rrset_next(s))
		index_put(x, s);
	return x;
}

/* Make next the RRset after set at their node (octet 0 of either form). */
static void rrset_link(struct zl_rrset *set, struct zl_rrset *next)
{
	zl_ref r = zl_ref_of(next);

	memcpy(set, &r, sizeof(r));
}

/* Append set, new, to n's RRsets, indexing them once there are many. */
static void node_add_rrset(struct zl_db *db, struct zl_node *n, struct zl_rrset *set)
{
	if (n->nrrsets > ZL_RRSET_SCAN) {
		struct zl_rrset_index *x = zl_ref_ptr(n->rs);
		rrset_link(x->last, set);
		if ((x->n + 1) * 2 > x->nslots)
			n->rs = zl_ref_of(index_build(db, x->first, x->nslots * 2));
		else
			index_put(x, set);
		return;
	}
	if (!n->rs) {
		n->rs = zl_ref_of(set);
	} else {
		struct zl_rrset *last = zl_ref_ptr(n->rs);
		while (zl_rrset_next(last))
			last = zl_rrset_next(last);
		rrset_link(last, set);
	}
	if (++n->nrrsets > ZL_RRSET_SCAN)
		n->rs = zl_ref_of(index_build(db, zl_ref_ptr(n->rs), 4 * ZL_RRSET_SCAN));
}

/*
 * Turn lone, a lone RR's RRset at n, into a struct zl_rrset_multi of
 * that one RR, in its place among n's RRsets (and in n's index); returns
 * it.  lone is among n's first ZL_RRSET_SCAN + 1 RRsets (zone.h), so
 * finding the one before it takes as many steps at most.
 */
static struct zl_rrset_multi *rrset_promote(struct zl_db *db, struct zl_node *n,
					    struct zl_rrset *lone)
{
	struct zl_rr *rr = (struct zl_rr *)(void *)lone;
	struct zl_rrset_multi *m = zl_arena_alloc4(&db->arena, sizeof(*m));
	struct zl_rrset *set = (struct zl_rrset *)(void *)m;

	m->next_ref = rr->next_ref;
	m->first_ref = zl_ref_of(rr);
	m->lone = 0;
	m->count = 1;
	rr->next_ref = 0;	/* from now on: the next RR of its RRset */

	struct zl_rrset *head = zl_node_rrsets(n);
	if (head == lone) {
		if (n->nrrsets > ZL_RRSET_SCAN)
			((struct zl_rrset_index *)zl_ref_ptr(n->rs))->first = set;
		else
			n->rs = zl_ref_of(m);
	} else {
		struct zl_rrset *prev = head;
		while (zl_rrset_next(prev) != lone)
			prev = zl_rrset_next(prev);
		rrset_link(prev, set);
	}
	if (n->nrrsets > ZL_RRSET_SCAN) {
		struct zl_rrset_index *x = zl_ref_ptr(n->rs);
		size_t mask = x->nslots - 1;
		size_t i = rrset_slot(rr->type, zl_rr_class(rr)) & mask;
		while (x->slot[i] != lone)
			i = (i + 1) & mask;
		x->slot[i] = set;
		if (x->last == lone)
			x->last = set;
	}
	return m;
}

/* The RRset of exactly type and rclass at n. */
static struct zl_rrset *rrset_exact(const struct zl_node *n, uint16_t type,
				    uint16_t rclass)
{
	if (!(n->types & zl_node_types_bit(type)))
		return NULL;
	if (n->nrrsets > ZL_RRSET_SCAN)
		return index_find(zl_ref_ptr(n->rs), type, rclass);
	for (struct zl_rrset *s = zl_ref_ptr(n->rs); s; s = zl_rrset_next(s))
		if (zl_rrset_type(s) == type && zl_rrset_class(s) == rclass)
			return s;
	return NULL;
}

struct zl_rrset *zl_node_rrset(const struct zl_node *n, uint16_t type,
			       uint16_t rclass)
{
	uint16_t want = rclass ? rclass : 1;
	struct zl_rrset *other = NULL;	/* rclass 0: the first in another class */

	if (!(n->types & zl_node_types_bit(type)))
		return NULL;
	if (n->nrrsets > ZL_RRSET_SCAN) {
		struct zl_rrset *s = index_find(zl_ref_ptr(n->rs), type, want);
		if (s || rclass)
			return s;
	}
	for (struct zl_rrset *s = zl_node_rrsets(n); s; s = zl_rrset_next(s)) {
		if (zl_rrset_type(s) != type)
			continue;
		if (zl_rrset_class(s) == want)
			return s;
		if (!other)
			other = s;
	}
	return rclass ? NULL : other;
}

/*
 * The node of an RR's owner wire[0..len), made with its missing
 * ancestors if new (node_of()).  h is the name's zl_name_hash(), or 0
 * when not yet computed.  Consecutive RRs of one owner spelt alike skip
 * the table (last_owner, last_wire).
 */
static inline struct zl_node *owner_node(struct zl_db *db, const uint8_t *wire,
					 size_t len, uint32_t h)
{
	struct zl_node *owner = db->last_owner;

	if (owner && owner->len == len && memcmp(db->last_wire, wire, len) == 0)
		return owner;
	bool exact;
	owner = node_of(db, wire, len, h ? h : slot_hash(wire, len), true, &exact);
	db->last_owner = owner;
	memcpy(db->last_wire, wire, len);
	return owner;
}

/*
 * Octets of rec's RDATA kept when the domain name that ends it ends with
 * origin (wire, absolute, olen octets; NULL: none), spelt alike octet
 * for octet: the RDATA up to the origin's first label
 * (zl_rr_name_rel()).  rec->rdlen when it does not, or when what stands
 * there is no name of labels of 1 to 63 octets (the parser checks the
 * names of these types, \# RDATA included; the cut does not rely on it).
 */
static size_t rel_name_cut(const struct zl_record *rec, const uint8_t *origin, size_t olen)
{
	int at = zl_rr_tail_name_at(rec->type);

	if (at < 0 || !origin || rec->rdlen <= (size_t)at)
		return rec->rdlen;
	if (olen > rec->rdlen - (size_t)at)
		return rec->rdlen;
	size_t cut = rec->rdlen - olen, i = (size_t)at;
	while (i < cut) {
		uint8_t l = rec->rdata[i];
		if (l == 0 || l > 63)
			return rec->rdlen;
		i += 1u + l;
	}
	if (i != cut || memcmp(rec->rdata + cut, origin, olen) != 0)
		return rec->rdlen;
	return cut;
}

size_t zl_rr_rdlen_rel(const struct zl_rr *rr)
{
	return rr->dlen + zl_rr_zone(rr)->origin_len;
}

const uint8_t *zl_rr_rdata_rel(const struct zl_rr *rr, uint8_t *buf)
{
	const struct zl_zone *z = zl_rr_zone(rr);

	memcpy(buf, rr->data, rr->dlen);
	memcpy(buf + rr->dlen, z->origin, z->origin_len);
	return buf;
}

/*
 * A new RR from arena a with rec's own fields, RDATA and segments (their
 * raw text still rec's): everything but owner, source, seq and the list
 * links.  digest: keep only the digest of the RDATA, and the segments
 * only if the TXT rules need them (zl_txt_digest_segs()).  origin: the
 * zone's origin (wire, olen octets, or NULL), cut off the end of the
 * RDATA's name where it ends so (zl_rr_name_rel()).
 */
static inline struct zl_rr *fill_rr(struct zl_arena *a, const struct zl_record *rec,
				    bool digest, const uint8_t *origin, size_t olen)
{
	size_t cut = rel_name_cut(rec, origin, olen);
	size_t rdlen = digest ? ZL_RR_DIGEST_LEN : cut;
	size_t nsegs = digest && !zl_txt_digest_segs(rec) ? 0 : rec->nsegs;
	size_t segs_at = zl_rr_segs_offset(rdlen);
	struct zl_rr *rr = zl_arena_alloc4(a, zl_rr_alloc_size(rdlen, nsegs));
	uint32_t rdl = rec->rdata_line - rec->line;

	assert(rec->col <= ZL_RR_POS_MASK && rec->rdata_col <= ZL_RR_POS_MASK &&
	       rec->rdata_line >= rec->line && rdl <= ZL_RR_POS_MASK);
	if (rec->col != ZL_RR_POS_EXACT && rec->col < (1u << ZL_RR_COL_BITS) &&
	    rec->rdata_col < (1u << ZL_RR_RCOL_BITS) && rdl < (1u << ZL_RR_RDL_BITS)) {
		rr->pos = rec->col | rec->rdata_col << ZL_RR_COL_BITS |
			  rdl << (ZL_RR_COL_BITS + ZL_RR_RCOL_BITS);
		rr->next_ref = 0;
		rr->ttl_idx = 0;
		rr->dline = rr->dseq = 0;
	} else {
		/* kept in fields unused until the source takes it (zl_rr_built_pos()) */
		uint64_t full = zl_rr_exact_pos(rec->line, rec->col, rec->rdata_line,
						rec->rdata_col);
		rr->pos = ZL_RR_POS_EXACT;
		rr->next_ref = (zl_ref)full;
		rr->ttl_idx = (uint16_t)(full >> 32);
		rr->dline = (uint8_t)(full >> 48);
		rr->dseq = (uint8_t)(full >> 56);
	}
	rr->src_ref = rec->ttl;		/* until zl_db_link_rr() (zl_rr_built_ttl()) */
	rr->owner_ref = rec->rclass;	/* (zl_rr_built_class()) */
	rr->type = rec->type;
	rr->dlen = (uint16_t)rdlen;
	if (digest) {
		zl_txt_digest(rec->rdata, rec->rdlen, rr->data);
		rr->pos |= ZL_RR_DIGEST;
	} else if (rdlen) {
		memcpy(rr->data, rec->rdata, rdlen);
	}
	if (!digest && cut != rec->rdlen)
		rr->pos |= ZL_RR_NAME_REL;
	if (nsegs) {
		uint32_t n = (uint32_t)nsegs;
		rr->pos |= ZL_RR_HAS_SEGS;
		memcpy((unsigned char *)rr + segs_at, &n, sizeof(n));
		memcpy((unsigned char *)rr + segs_at + sizeof(n), rec->segs,
		       nsegs * sizeof(*rec->segs));
	}
	return rr;
}

/*
 * A new RR from arena a with rec's data, the raw text of TXT segments
 * copied to raw: everything but owner, source, seq and the list links
 * (link_rr()).  Inline: it is the load's inner loop.
 */
static inline struct zl_rr *build_rr(struct zl_arena *a, struct zl_arena *raw,
				     const struct zl_record *rec, bool digest_text,
				     const uint8_t *origin, size_t olen)
{
	struct zl_rr *rr = fill_rr(a, rec, digest_text && zl_txt_digestible(rec), origin, olen);

	if (zl_rr_nsegs(rr)) {
		struct zl_txtseg *segs = (struct zl_txtseg *)(void *)
			((unsigned char *)rr + zl_rr_segs_offset(rr->dlen) + sizeof(uint32_t));
		for (size_t i = 0; i < zl_rr_nsegs(rr); i++)
			if (segs[i].raw_ref)
				segs[i].raw_ref = zl_ref_of(zl_arena_dup(raw, zl_txtseg_raw(&segs[i]),
									   segs[i].rawlen));
	}
	return rr;
}

struct zl_rr *zl_rr_copy(struct zl_arena *a, const struct zl_rr *rr)
{
	size_t n = zl_rr_alloc_size(rr->dlen, zl_rr_nsegs(rr));

	return memcpy(zl_arena_alloc4(a, n), rr, n);
}

struct zl_rr *zl_rr_build(struct zl_arena *a, struct zl_arena *raw,
			  const struct zl_record *rec, bool digest_text, bool rel_names)
{
	return build_rr(a, raw, rec, digest_text, rel_names ? rec->zone_origin : NULL,
			rec->zone_origin_len);
}

/*
 * The index of ttl in db's table of TTLs (zl_rr.ttl_idx), added if new;
 * ZL_RR_TTL_OWN when the table is full.  A run of RRs with one TTL, the
 * usual case, asks the table once.
 */
static uint16_t ttl_index(struct zl_db *db, uint32_t ttl)
{
	if (db->nttls && db->ttls[db->last_ttl_idx] == ttl)
		return db->last_ttl_idx;
	if (!db->ttls)
		db->ttls = zl_xmalloc(ZL_RR_TTL_OWN * sizeof(*db->ttls));
	if (2 * (db->nttls + 1) > db->nttl_slots) {
		size_t ns = db->nttl_slots ? 2 * db->nttl_slots : 64;
		struct zl_ttl_slot *slot = zl_xmalloc(ns * sizeof(*slot));
		memset(slot, 0, ns * sizeof(*slot));
		for (size_t i = 0; i < db->nttl_slots; i++) {
			if (!db->ttl_slots[i].idx1)
				continue;
			size_t k = (db->ttl_slots[i].ttl * 0x9e3779b1u) & (ns - 1);
			while (slot[k].idx1)
				k = (k + 1) & (ns - 1);
			slot[k] = db->ttl_slots[i];
		}
		free(db->ttl_slots);
		db->ttl_slots = slot;
		db->nttl_slots = ns;
	}
	size_t mask = db->nttl_slots - 1, k = (ttl * 0x9e3779b1u) & mask;
	while (db->ttl_slots[k].idx1 && db->ttl_slots[k].ttl != ttl)
		k = (k + 1) & mask;
	if (!db->ttl_slots[k].idx1) {
		if (db->nttls == ZL_RR_TTL_OWN)
			return ZL_RR_TTL_OWN;
		db->ttls[db->nttls] = ttl;
		db->ttl_slots[k].ttl = ttl;
		db->ttl_slots[k].idx1 = (uint32_t)++db->nttls;
	}
	db->last_ttl_idx = (uint16_t)(db->ttl_slots[k].idx1 - 1);
	return db->last_ttl_idx;
}

/*
 * Set rr's source to that of an RR of zone z read from file at line, of
 * class rclass and TTL ttl (its index idx), the next in reading order:
 * the last source if the run may go on, else a new one, which an RR
 * whose position is exact or whose TTL has no index always starts (the
 * source keeps the position, from zl_rr_built_pos(), or the TTL).
 */
static inline void set_src(struct zl_db *db, struct zl_zone *z, struct zl_rr *rr,
			   const char *file, uint32_t line, uint16_t rclass,
			   uint32_t ttl, uint16_t idx)
{
	struct zl_rr_src *src = db->last_src;
	uint32_t seq = (uint32_t)db->nrr;
	bool exact = zl_rr_pos_is_exact(rr), own = idx == ZL_RR_TTL_OWN;

	if (!src || exact || own || src->file != file || src->zone != z ||
	    src->rclass != rclass || line < src->line0 ||
	    line - src->line0 > ZL_RR_RUN_SPAN || seq - src->seq0 > ZL_RR_RUN_SPAN) {
		src = zl_arena_alloc(&db->arena, sizeof(*src));
		*src = (struct zl_rr_src){ .file = file, .zone = z, .ttls = db->ttls,
					   .line0 = line, .seq0 = seq,
					   .pos = exact ? zl_rr_built_pos(rr) : 0,
					   .ttl = ttl, .rclass = rclass };
		db->last_src = src;
	}
	rr->ttl_idx = idx;
	rr->src_ref = zl_ref_of(src);
	rr->dline = (uint8_t)(line - src->line0);
	rr->dseq = (uint8_t)(seq - src->seq0);
}

/* The home slot of set in a table of tails, before masking. */
static size_t tail_home(const struct zl_rrset_multi *set)
{
	uint64_t h = (uint64_t)((uintptr_t)set >> 3) * 0x9e3779b97f4a7c15u;
	return (size_t)(h >> 32);
}

/* The slot of set in db->tails, or the empty one where it would go. */
static struct zl_rrset_tail *tail_slot(const struct zl_db *db, const struct zl_rrset_multi *set)
{
	size_t mask = db->ntail_slots - 1, i = tail_home(set) & mask;

	while (db->tails[i].set && db->tails[i].set != set)
		i = (i + 1) & mask;
	return &db->tails[i];
}

/* Record last as set's last RR in db->tails, growing the table as needed. */
static void tail_put(struct zl_db *db, const struct zl_rrset_multi *set, struct zl_rr *last)
{
	if ((db->ntails + 1) * 4 > db->ntail_slots * 3) {
		struct zl_rrset_tail *old = db->tails;
		size_t nold = db->ntail_slots;
		db->ntail_slots = nold ? nold * 2 : 64;
		db->tails = zl_xmalloc(db->ntail_slots * sizeof(*db->tails));
		memset(db->tails, 0, db->ntail_slots * sizeof(*db->tails));
		for (size_t k = 0; k < nold; k++)
			if (old[k].set)
				*tail_slot(db, old[k].set) = old[k];
		free(old);
	}
	struct zl_rrset_tail *t = tail_slot(db, set);
	if (!t->set) {
		t->set = set;
		db->ntails++;
	}
	t->last = last;
}

/* Append rr to set: a short set is walked to its end, a long one's end is in db->tails. */
static inline void rrset_append(struct zl_db *db, struct zl_rrset_multi *set, struct zl_rr *rr)
{
	if (set->count == 0) {
		set->first_ref = zl_ref_of(rr);
	} else if (set->count < ZL_RRSET_WALK) {
		struct zl_rr *last = zl_ref_ptr(set->first_ref);
		while (last->next_ref)
			last = zl_ref_ptr(last->next_ref);
		last->next_ref = zl_ref_of(rr);
	} else {
		struct zl_rrset_tail *t = tail_slot(db, set);
		t->last->next_ref = zl_ref_of(rr);
		t->last = rr;
	}
	if (++set->count == ZL_RRSET_WALK)
		tail_put(db, set, rr);
}

/*
 * Append rr, its owner node set, to its RRset and to zone z.  A new
 * RRset is rr alone, or a struct zl_rrset_multi at a node with an index;
 * a lone RR's RRset that gets a second RR becomes a multi.
 */
static inline void link_rr(struct zl_db *db, struct zl_zone *z, struct zl_rr *rr,
			   uint16_t rclass)
{
	struct zl_node *owner = zl_rr_owner(rr);

	rr->next_ref = 0;
	struct zl_rrset *set = rrset_exact(owner, rr->type, rclass);
	if (!set && owner->nrrsets <= ZL_RRSET_SCAN) {
		owner->types |= zl_node_types_bit(rr->type);
		node_add_rrset(db, owner, (struct zl_rrset *)(void *)rr);
	} else {
		struct zl_rrset_multi *m;
		if (!set) {
			/* its first RR first: the index reads the type there */
			m = memset(zl_arena_alloc4(&db->arena, sizeof(*m)), 0, sizeof(*m));
			rrset_append(db, m, rr);
			owner->types |= zl_node_types_bit(rr->type);
			node_add_rrset(db, owner, (struct zl_rrset *)(void *)m);
		} else {
			m = zl_rrset_is_lone(set) ? rrset_promote(db, owner, set) :
						    (struct zl_rrset_multi *)(void *)set;
			rrset_append(db, m, rr);
		}
	}

	if (!z->first)
		z->first = rr;
	z->nrr++;
	if (rr->type == 6)	/* SOA (RFC 1035 section 3.2.2) */
		z->nsoa++;
	db->nrr++;
}

void zl_db_link_rr(struct zl_db *db, struct zl_zone *z, struct zl_rr *rr,
		   const char *file, uint32_t line, const uint8_t *owner,
		   size_t owner_len, uint32_t hash)
{
	uint32_t ttl = zl_rr_built_ttl(rr);
	uint16_t rclass = zl_rr_built_class(rr);

	rr->owner_ref = zl_ref_of(owner_node(db, owner, owner_len, hash));
	set_src(db, z, rr, file, line, rclass, ttl, ttl_index(db, ttl));
	link_rr(db, z, rr, rclass);
}

struct zl_rr *zl_db_add_rr(struct zl_db *db, struct zl_zone *z,
			   const struct zl_record *rec)
{
	struct zl_rr *rr = build_rr(&db->rrs, &db->arena, rec, z->digest_text, z->origin,
				    z->origin_len);

	zl_db_link_rr(db, z, rr, rec->file, rec->line, rec->owner, rec->owner_len, 0);
	return rr;
}

struct zl_rr *zl_rr_scratch(struct zl_arena *a, struct zl_zone *z,
			    const struct zl_record *rec)
{
	struct zl_node *owner = zl_arena_alloc4(a, offsetof(struct zl_node, prefix) +
						   rec->owner_len);
	struct zl_rr *rr = fill_rr(a, rec, false, NULL, 0);
	struct zl_rr_src *src = zl_arena_alloc(a, sizeof(*src));

	owner->rs = 0;
	owner->types = 0;
	owner->suffix = 0;
	owner->nrrsets = 0;
	owner->len = (uint8_t)rec->owner_len;
	memcpy(owner->prefix, rec->owner, rec->owner_len);
	*src = (struct zl_rr_src){ .file = rec->file, .zone = z, .line0 = rec->line,
				   .pos = zl_rr_built_pos(rr), .ttl = rec->ttl,
				   .rclass = rec->rclass };
	rr->ttl_idx = ZL_RR_TTL_OWN;	/* no table: the TTL is the source's */
	rr->owner_ref = zl_ref_of(owner);
	rr->src_ref = zl_ref_of(src);
	rr->next_ref = 0;
	rr->dline = rr->dseq = 0;
	return rr;
}
