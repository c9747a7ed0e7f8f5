/* zone.h - the zone model: names stored once, RRsets by owner/class/type, zones with their apex (RFC 1035, RFC 2181). */
#ifndef ZL_ZONE_H
#define ZL_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "name.h"
#include "rdata.h"
#include "region.h"

struct zl_zone;
struct zl_rrset;

/*
 * A node's RRsets are a list searched from the start while there are few
 * of them.  Past ZL_RRSET_SCAN the node gets a hash index over (type,
 * class) instead, which holds the list's head, so a name with thousands
 * of types (hostile input) loads in linear time; the index lives in the
 * db arena and is rebuilt twice as big when half full.  An RRset made
 * at a node with an index is a struct zl_rrset_multi even with one RR,
 * so that only the first ZL_RRSET_SCAN + 1 RRsets of a node can be lone
 * RRs (struct zl_rrset) that become multi later.
 */
#define ZL_RRSET_SCAN 16

struct zl_rrset_index {
	struct zl_rrset *first;	/* the node's RRsets, in order of first appearance */
	struct zl_rrset *last;	/* the node's last RRset: appending is O(1) */
	size_t nslots, n;	/* nslots a power of two, n <= nslots / 2 */
	struct zl_rrset *slot[];
};

/*
 * A domain name of the loaded data, stored once (hash table in zl_db),
 * with the RRsets owned by it (zl_node_rrsets()).  Names share their
 * ancestors, as in a tree of labels: a node holds the wire form of its
 * first labels (prefix) and refers to the node of the rest (suffix), so
 * "www.example.com." costs "www" and a link to "example.com.".  A node
 * whose suffix is 0 holds its whole name, root label included (a name
 * interned before its parent, a name first spelt with its parent's
 * labels in another case, a scratch node).  So each name reads back as
 * it was first spelt; lookups are case-insensitive (RFC 4343).  Read
 * the name with zl_node_name() or zl_node_text(), compare it with
 * zl_node_is().  Allocated in the db's nodes arena with exactly
 * zl_node_plen() octets of prefix behind the fixed fields (12 octets, so
 * a node costs 12 + zl_node_plen() rounded up to 4 octets).  The node's
 * hash and its place in creation order live in zl_db (slots, nodes).
 */
struct zl_node {
	zl_ref rs;		/* nrrsets <= ZL_RRSET_SCAN: struct zl_rrset, the
				 * first RRset (0: none); else struct
				 * zl_rrset_index.  Read through zl_node_rrsets() */
	zl_ref suffix;		/* struct zl_node: the name after prefix; 0: prefix
				 * is the whole name */
	uint16_t types;		/* the bit of each type that may have an RRset
				 * here (zl_node_types_bit()) */
	uint8_t nrrsets;	/* RRsets, counted up to ZL_RRSET_SCAN + 1 */
	uint8_t len;		/* octets of the whole name, wire form */
	uint8_t prefix[];	/* wire form of the first labels (all of the name
				 * when suffix is 0): zl_node_plen() octets */
};

/*
 * Octets of n's prefix: its first label when it has a suffix (a node
 * links to the node of the rest of its name after one label), else its
 * whole name.  Not stored: 1 octet a node, 0.85 MB of the 1M bench zone.
 */
static inline size_t zl_node_plen(const struct zl_node *n)
{
	return n->suffix ? n->prefix[0] + 1u : n->len;
}

/*
 * Write n's whole name (wire form, absolute, n->len octets) to out,
 * which holds ZL_NAME_MAX octets; returns out.
 */
uint8_t *zl_node_spell(const struct zl_node *n, uint8_t *out);

/*
 * n's name in wire form (n->len octets): n->prefix itself when it holds
 * the whole name, else spelt into buf (ZL_NAME_MAX octets) and buf.
 * Valid while both n and buf are.
 */
static inline const uint8_t *zl_node_name(const struct zl_node *n, uint8_t *buf)
{
	return n->suffix ? zl_node_spell(n, buf) : n->prefix;
}

/* True if n's name is wire[0..len) (wire form), compared case-insensitively (RFC 4343). */
bool zl_node_is(const struct zl_node *n, const uint8_t *wire, size_t len);

/*
 * n's name as presentation text (zl_name_to_text()) in out, cap octets
 * (ZL_NAME_TEXT_MAX fit any name); returns out.
 */
char *zl_node_text(const struct zl_node *n, char *out, size_t cap);

/* The first of n's RRsets (in order of first appearance, linked by next); NULL if none. */
static inline struct zl_rrset *zl_node_rrsets(const struct zl_node *n)
{
	if (n->nrrsets > ZL_RRSET_SCAN)
		return ((const struct zl_rrset_index *)zl_ref_ptr(n->rs))->first;
	return zl_ref_ptr(n->rs);
}

/*
 * Where a run of RRs came from: the file they were read from ($INCLUDE:
 * the included file), the zone they belong to, and the line and seq
 * the RRs of the run count from.  Allocated in the db arena, one for
 * each run of consecutive RRs of one file and zone whose lines and seqs
 * are at most ZL_RR_RUN_SPAN past the first one's, and shared by the
 * RRs of the run (zl_rr.src_ref), which have its class.  An RR whose
 * position does not fit zl_rr.pos starts a run of its own and keeps it
 * in pos here; so does one whose TTL has no index in the db's table
 * (ZL_RR_TTL_OWN), in ttl.
 */
struct zl_rr_src {
	const char *file;	/* the sink's interned name: valid for the whole run */
	struct zl_zone *zone;
	const uint32_t *ttls;	/* the db's TTLs, which zl_rr.ttl_idx indexes
				 * (zl_rr_ttl()) */
	uint32_t line0;		/* zl_rr_line() is line0 + zl_rr.dline */
	uint32_t seq0;		/* zl_rr_seq() is seq0 + zl_rr.dseq */
	uint64_t pos;		/* the first RR's zl_rr_exact_pos(), if its
				 * zl_rr.pos says so (ZL_RR_POS_EXACT) */
	uint32_t ttl;		/* the first RR's TTL, if its ttl_idx is
				 * ZL_RR_TTL_OWN */
	uint16_t rclass;	/* the class of every RR of the run (a zone has
				 * one: RFC 1035 section 5.2) */
};

#define ZL_RR_RUN_SPAN UINT8_MAX

/*
 * One resource record as loaded: where it came from, and its RDATA in
 * wire form stored right behind it (without the zone's origin at the end
 * of its name, zl_rr_name_rel(); or, for a TXT record no rule reads
 * again, its digest: zl_rr_digested()), read with zl_rr_rdata(), then
 * (TXT-like types) the number of its character-strings and their
 * positions: one allocation of zl_rr_alloc_size() in the db's arena of
 * RRs, 24 + dlen octets, then
 * for the strings 4 + nsegs * 16 (RDATA end rounded up to 4 first), the
 * whole rounded up to 4 (zl_arena_alloc4()).  The RRs lie there in
 * reading order, so a zone's are walked without a list of them
 * (zl_zone_walk_begin()).  Its links are zl_refs (4 octets each instead
 * of a pointer's 8): follow them with zl_rrset_rr_next() and
 * zl_rr_owner().  Read the TTL and
 * class with zl_rr_ttl() and zl_rr_class(), the file, zone
 * and strings with zl_rr_file(), zl_rr_zone(), zl_rr_nsegs() and
 * zl_rr_segs(), the position with zl_rr_line(), zl_rr_col(),
 * zl_rr_rdata_line() and zl_rr_rdata_col(), the reading order with
 * zl_rr_seq().
 */
struct zl_rr {
	zl_ref next_ref;	/* next RR of the same RRset (zl_rrset_rr_next());
				 * of a lone RR: the node's next RRset */
	zl_ref owner_ref;	/* struct zl_node: the owner */
	zl_ref src_ref;		/* struct zl_rr_src: file, zone, base of dline
				 * and dseq (db arena) */
	uint32_t pos;		/* from bit 0 up: the column of the record's
				 * line (ZL_RR_COL_BITS), the column of the
				 * first RDATA token (ZL_RR_RCOL_BITS), that
				 * token's line minus the record's
				 * (ZL_RR_RDL_BITS), ZL_RR_NAME_REL,
				 * ZL_RR_DIGEST and ZL_RR_HAS_SEGS; a column of 0
				 * (ZL_RR_POS_EXACT) says that the three
				 * numbers did not fit and are in the source */
	uint16_t ttl_idx;	/* the TTL, an index into the db's table of the
				 * TTLs its RRs have: read it with zl_rr_ttl() */
	uint16_t type;
	uint16_t dlen;		/* octets of data (ZL_RR_DIGEST_LEN if digested) */
	uint8_t dline;		/* the record's line minus src->line0 */
	uint8_t dseq;		/* the RR's seq minus src->seq0 */
	uint8_t data[];		/* RDATA, wire form (zl_rr_rdata()), with the
				 * zone's origin cut off the end of its name
				 * if zl_rr_name_rel(), or its digest
				 * (zl_rr_digested()); the strings follow it */
};

/* rr's owner node (NULL only between zl_rr_build() and zl_db_link_rr()). */
static inline struct zl_node *zl_rr_owner(const struct zl_rr *rr)
{
	return zl_ref_ptr(rr->owner_ref);
}

/* rr's source: file, zone, and the bases of its line and seq. */
static inline const struct zl_rr_src *zl_rr_src(const struct zl_rr *rr)
{
	return zl_ref_ptr(rr->src_ref);
}

/*
 * The bits of the numbers packed in zl_rr.pos.  Most records start in a
 * low column and have their RDATA on the same line, not far right; one
 * that does not fit is ZL_RR_POS_EXACT and has its position in full
 * (zl_rr_exact_pos()) in a source of its own.
 */
#define ZL_RR_COL_BITS 10
#define ZL_RR_RCOL_BITS 13
#define ZL_RR_RDL_BITS 6
#define ZL_RR_NAME_REL ((uint32_t)1 << 29)
#define ZL_RR_DIGEST ((uint32_t)1 << 30)
#define ZL_RR_HAS_SEGS ((uint32_t)1 << 31)
#define ZL_RR_POS_EXACT 0u

/*
 * The full position: ZL_RR_POS_BITS each, from bit 0 up, the column of
 * the record's line, the column of the first RDATA token, and that
 * token's line minus the record's.  A column is at most ZL_MAX_LINE
 * (2^20, parser.h: a longer line is cut) and the RDATA starts at most
 * ZL_MAX_ENTRY - 1 lines below the record (an entry spans at most 2^20
 * octets, each line at least its line end), so 21 bits hold each;
 * zone.c checks the limits at compile time.
 */
#define ZL_RR_POS_BITS 21
#define ZL_RR_POS_MASK (((uint64_t)1 << ZL_RR_POS_BITS) - 1)

/* The full position of a record at line:col whose RDATA starts at rdata_line:rdata_col. */
static inline uint64_t zl_rr_exact_pos(uint32_t line, uint32_t col, uint32_t rdata_line,
				       uint32_t rdata_col)
{
	return (uint64_t)col | (uint64_t)rdata_col << ZL_RR_POS_BITS |
	       (uint64_t)(rdata_line - line) << (2 * ZL_RR_POS_BITS);
}

/* The full position packed in p, a zl_rr.pos that is not ZL_RR_POS_EXACT. */
static inline uint64_t zl_rr_unpack_pos(uint32_t p)
{
	return (uint64_t)(p & ((1u << ZL_RR_COL_BITS) - 1)) |
	       (uint64_t)(p >> ZL_RR_COL_BITS & ((1u << ZL_RR_RCOL_BITS) - 1)) << ZL_RR_POS_BITS |
	       (uint64_t)(p >> (ZL_RR_COL_BITS + ZL_RR_RCOL_BITS) & ((1u << ZL_RR_RDL_BITS) - 1))
		       << (2 * ZL_RR_POS_BITS);
}

/* Whether rr's position is in its source (or, before zl_db_link_rr(), where zl_rr_built_pos() reads it). */
static inline bool zl_rr_pos_is_exact(const struct zl_rr *rr)
{
	return (rr->pos & ((1u << ZL_RR_COL_BITS) - 1)) == ZL_RR_POS_EXACT;
}

/* rr's position in full (zl_rr_exact_pos()), from zl_rr.pos or its source. */
static inline uint64_t zl_rr_full_pos(const struct zl_rr *rr)
{
	return zl_rr_pos_is_exact(rr) ? zl_rr_src(rr)->pos : zl_rr_unpack_pos(rr->pos);
}

/*
 * The same for an RR made by zl_rr_build() and not linked yet: until
 * zl_db_link_rr() an RR whose position does not fit zl_rr.pos keeps it
 * in fields unused until then: its RRset link (bits 0 to 31), its TTL
 * index (32 to 47), dline and dseq (48 to 63).
 */
static inline uint64_t zl_rr_built_pos(const struct zl_rr *rr)
{
	if (zl_rr_pos_is_exact(rr))
		return (uint64_t)rr->next_ref | (uint64_t)rr->ttl_idx << 32 |
		       (uint64_t)rr->dline << 48 | (uint64_t)rr->dseq << 56;
	return zl_rr_unpack_pos(rr->pos);
}

/*
 * zl_rr.ttl_idx of an RR whose TTL has no place in the db's table (it
 * holds ZL_RR_TTL_OWN TTLs at most): the TTL is in a source of the RR's
 * own (zl_rr_src.ttl).
 */
#define ZL_RR_TTL_OWN UINT16_MAX

/* rr's TTL, seconds (RFC 2181 section 8). */
static inline uint32_t zl_rr_ttl(const struct zl_rr *rr)
{
	const struct zl_rr_src *s = zl_rr_src(rr);

	return rr->ttl_idx == ZL_RR_TTL_OWN ? s->ttl : s->ttls[rr->ttl_idx];
}

/* rr's class (1 for IN). */
static inline uint16_t zl_rr_class(const struct zl_rr *rr)
{
	return zl_rr_src(rr)->rclass;
}

/*
 * The TTL and class of an RR made by zl_rr_build() and not linked yet:
 * until zl_db_link_rr() they wait in its source and owner links.
 */
static inline uint32_t zl_rr_built_ttl(const struct zl_rr *rr)
{
	return rr->src_ref;
}

static inline uint16_t zl_rr_built_class(const struct zl_rr *rr)
{
	return (uint16_t)rr->owner_ref;
}

/* The line where the record starts (owner, or first field if blank owner; 1-based). */
static inline uint32_t zl_rr_line(const struct zl_rr *rr)
{
	return zl_rr_src(rr)->line0 + rr->dline;
}

/* The order in which rr was read, over all files of the db (0-based). */
static inline uint32_t zl_rr_seq(const struct zl_rr *rr)
{
	return zl_rr_src(rr)->seq0 + rr->dseq;
}

/* The column of zl_rr_line() where the record starts (owner, or first field if blank owner; 1-based). */
static inline uint32_t zl_rr_col(const struct zl_rr *rr)
{
	return (uint32_t)(zl_rr_full_pos(rr) & ZL_RR_POS_MASK);
}

/* The line of rr's first RDATA token (1-based). */
static inline uint32_t zl_rr_rdata_line(const struct zl_rr *rr)
{
	return zl_rr_line(rr) + (uint32_t)(zl_rr_full_pos(rr) >> (2 * ZL_RR_POS_BITS));
}

/* The column of rr's first RDATA token (1-based). */
static inline uint32_t zl_rr_rdata_col(const struct zl_rr *rr)
{
	return (uint32_t)(zl_rr_full_pos(rr) >> ZL_RR_POS_BITS & ZL_RR_POS_MASK);
}

/* The file rr was read from ($INCLUDE: the included file); the sink's interned name. */
static inline const char *zl_rr_file(const struct zl_rr *rr)
{
	return zl_rr_src(rr)->file;
}

/* The zone rr belongs to (NULL for a zl_rr_scratch() copy made without one). */
static inline struct zl_zone *zl_rr_zone(const struct zl_rr *rr)
{
	return zl_rr_src(rr)->zone;
}

/* Octets from the start of an RR to the count of its strings, for dlen octets of data (zl_rr.dlen). */
static inline size_t zl_rr_segs_offset(size_t dlen)
{
	size_t a = _Alignof(struct zl_txtseg);

	return (offsetof(struct zl_rr, data) + dlen + a - 1) / a * a;
}

/* Octets of the allocation of an RR of dlen octets of data (zl_rr.dlen) and nsegs strings (0: none kept). */
static inline size_t zl_rr_alloc_size(size_t dlen, size_t nsegs)
{
	return nsegs ? zl_rr_segs_offset(dlen) + sizeof(uint32_t) +
		       nsegs * sizeof(struct zl_txtseg) :
		       offsetof(struct zl_rr, data) + dlen;
}

/* The number of rr's character-strings (TXT-like types; 0 for the others). */
static inline uint32_t zl_rr_nsegs(const struct zl_rr *rr)
{
	if (!(rr->pos & ZL_RR_HAS_SEGS))
		return 0;
	return *(const uint32_t *)(const void *)
		((const unsigned char *)rr + zl_rr_segs_offset(rr->dlen));
}

/*
 * rr's zl_rr_nsegs() character-string positions (TXT-like types, in
 * RDATA order), stored behind its RDATA; NULL when it has none.
 */
static inline const struct zl_txtseg *zl_rr_segs(const struct zl_rr *rr)
{
	if (!(rr->pos & ZL_RR_HAS_SEGS))
		return NULL;
	return (const struct zl_txtseg *)(const void *)
		((const unsigned char *)rr + zl_rr_segs_offset(rr->dlen) + sizeof(uint32_t));
}

/*
 * A TXT RR whose text no rule reads after loading (zl_load_opts.digest_text)
 * keeps in data not its RDATA but a digest of it: ZL_RR_DIGEST_LEN
 * octets, ZL_RR_DIGEST_MARK then 15 octets of the XXH3 128-bit hash of
 * the RDATA in its canonical (big-endian) form, and dlen is
 * ZL_RR_DIGEST_LEN.  Two such RRs have the same digest when their RDATA
 * are the same octets, and whether an RR is digested depends on its
 * RDATA alone (zl_txt_digestible()), so comparing rdata still finds
 * identical RRs (RFC 2181 section 5: zone-duplicate-rr, the serial
 * check) with no false match short of a 120-bit hash collision.  No TXT
 * RR kept whole has a digest's octets: 16 octets of TXT RDATA start
 * with a string length of at most 15 (RFC 1035 section 3.3.14), and
 * the loader keeps no other.
 */
#define ZL_RR_DIGEST_LEN 16
#define ZL_RR_DIGEST_MARK 0xff

/* True if rr->data holds the digest of its RDATA, not the RDATA (no text to read). */
static inline bool zl_rr_digested(const struct zl_rr *rr)
{
	return (rr->pos & ZL_RR_DIGEST) != 0;
}

/*
 * The RDATA of NS, CNAME, PTR, DNAME, MX, SRV, KX, AFSDB and RT ends
 * with a domain name, and in most zones that name is in the zone itself
 * (a name server, mail exchanger or host there).  When it ends with the zone's
 * origin, spelt octet for octet as the parser announced it
 * (zl_zone.origin), the RR keeps its data without the origin's labels
 * (ZL_RR_NAME_REL), as the zone file writes such a name relative to
 * $ORIGIN: 17 octets fewer for each of the 355,000 such RRs of the 1M
 * bench zone ("hosting.example.").  zl_rr_rdata() and zl_rr_rdlen() give
 * the whole RDATA back, as it was read.  Every other RR keeps its RDATA
 * as it is.
 */

/*
 * Octets of RDATA before the domain name that ends RDATA of type, or -1
 * if none does (RFC 1035 section 3.3, RFC 2782, RFC 6672, RFC 2230, RFC
 * 1183 sections 1 and 3.3).
 */
static inline int zl_rr_tail_name_at(uint16_t type)
{
	switch (type) {
	case 2: case 5: case 12: case 39:	/* NS, CNAME, PTR, DNAME */
		return 0;
	case 15: case 36: case 18: case 21:	/* MX, KX, AFSDB, RT: a 16-bit
						 * preference or subtype */
		return 2;
	case 33:				/* SRV: priority, weight, port */
		return 6;
	default:
		return -1;
	}
}

/* True if rr's data lacks the origin its name ends with (see above). */
static inline bool zl_rr_name_rel(const struct zl_rr *rr)
{
	return (rr->pos & ZL_RR_NAME_REL) != 0;
}

/* Octets a buffer for zl_rr_rdata() holds: the longest RDATA it rebuilds (SRV's 6 and a name). */
#define ZL_RR_RDATA_MAX (6 + ZL_NAME_MAX)

/* zl_rr_rdata() and zl_rr_rdlen() of an RR whose name lacks its origin (zone.c). */
const uint8_t *zl_rr_rdata_rel(const struct zl_rr *rr, uint8_t *buf);
size_t zl_rr_rdlen_rel(const struct zl_rr *rr);

/*
 * rr's RDATA in wire form (or its digest, zl_rr_digested()),
 * zl_rr_rdlen() octets: rr->data itself, or for an RR whose name lacks
 * the zone's origin that RDATA rebuilt in buf (ZL_RR_RDATA_MAX octets)
 * and buf.  Valid while both rr and buf are.
 */
static inline const uint8_t *zl_rr_rdata(const struct zl_rr *rr, uint8_t *buf)
{
	return zl_rr_name_rel(rr) ? zl_rr_rdata_rel(rr, buf) : rr->data;
}

/* Octets of rr's RDATA in wire form (ZL_RR_DIGEST_LEN if digested). */
static inline size_t zl_rr_rdlen(const struct zl_rr *rr)
{
	return zl_rr_name_rel(rr) ? zl_rr_rdlen_rel(rr) : rr->dlen;
}

/*
 * An RRset: all RRs of one owner, class and type (RFC 2181 section 5).
 * A struct zl_rrset is only a handle, never read through: most RRsets
 * hold one RR (776,000 of the 888,000 of the 1M bench zone), and such
 * an RRset is that RR itself, which costs nothing more; an RRset of more
 * RRs (and any at a node with an index, zl_rrset_index) is a struct
 * zl_rrset_multi.  Read it with zl_rrset_type(), zl_rrset_class(),
 * zl_rrset_count() and zl_rrset_first(), go through its RRs with
 * zl_rrset_rr_next() and to the node's next RRset with zl_rrset_next().
 * A handle stays valid for as long as the db, except that loading more
 * RRs may turn a lone RR's RRset into a zl_rrset_multi: take handles
 * after the load.
 */
struct zl_rrset;

/*
 * An RRset that is not a lone RR: 16 octets in the db arena.  Its type
 * and class are its first RR's.  It is told from an RR by the word at
 * octet 4, where an RR keeps its owner (zl_rr.owner_ref, never 0 in a
 * node's RRset) and this struct keeps 0; both keep the link to the
 * node's next RRset at octet 0 (for a lone RR: zl_rr.next_ref, which
 * links no other RR of its RRset).
 */
struct zl_rrset_multi {
	zl_ref next_ref;	/* the node's next RRset */
	uint32_t lone;		/* 0: this is no lone RR (see above) */
	zl_ref first_ref;	/* struct zl_rr: the first RR in reading order;
				 * the others follow by their next_ref */
	uint32_t count;		/* RRs (>= 1) */
};

/* True if set is a lone RR (a struct zl_rr), false if a struct zl_rrset_multi. */
static inline bool zl_rrset_is_lone(const struct zl_rrset *set)
{
	uint32_t w;

	memcpy(&w, (const unsigned char *)set + offsetof(struct zl_rrset_multi, lone), sizeof(w));
	return w != 0;
}

/* The next RRset of the same node, in order of first appearance; NULL after the last. */
static inline struct zl_rrset *zl_rrset_next(const struct zl_rrset *set)
{
	zl_ref next;

	memcpy(&next, set, sizeof(next));	/* octet 0 of either form */
	return zl_ref_ptr(next);
}

/* set's first RR in reading order (never NULL for a set of a db). */
static inline struct zl_rr *zl_rrset_first(const struct zl_rrset *set)
{
	if (zl_rrset_is_lone(set))
		return (struct zl_rr *)(uintptr_t)set;
	return zl_ref_ptr(((const struct zl_rrset_multi *)(const void *)set)->first_ref);
}

/* The RR after rr in set (rr one of set's), in reading order; NULL after the last. */
static inline struct zl_rr *zl_rrset_rr_next(const struct zl_rrset *set, const struct zl_rr *rr)
{
	return zl_rrset_is_lone(set) ? NULL : zl_ref_ptr(rr->next_ref);
}

/* The number of RRs in set (>= 1). */
static inline uint32_t zl_rrset_count(const struct zl_rrset *set)
{
	if (zl_rrset_is_lone(set))
		return 1;
	return ((const struct zl_rrset_multi *)(const void *)set)->count;
}

/* set's type (RFC 1035 section 3.2.2). */
static inline uint16_t zl_rrset_type(const struct zl_rrset *set)
{
	return zl_rrset_first(set)->type;
}

/* set's class (1 for IN). */
static inline uint16_t zl_rrset_class(const struct zl_rrset *set)
{
	return zl_rr_class(zl_rrset_first(set));
}

/*
 * Its last RR is found by walking from the first while count <
 * ZL_RRSET_WALK, else in zl_db.tails (loading only needs it).
 */
#define ZL_RRSET_WALK 8

/* A slot of zl_db.tails: set NULL marks an empty slot. */
struct zl_rrset_tail {
	const struct zl_rrset_multi *set;
	struct zl_rr *last;	/* set's last RR */
};

/* One zone file (with its includes) and its origin. */
struct zl_zone {
	struct zl_zone *next;
	const char *file;	/* path as given on the command line */
	const uint8_t *origin;	/* wire form (apex; a copy in the db arena), NULL if
				 * it could not be determined */
	size_t origin_len;	/* its octets (0 while NULL) */
	const char *origin_source; /* why this origin: "-o", "$ORIGIN", "SOA owner", "file name" */
	struct zl_node *apex;	/* node of origin (may have no RRsets) */
	struct zl_rr *first;	/* its first RR; the others follow it in the
				 * db's arena of RRs (zl_zone_walk_begin()) */
	const struct zl_arena *rrs; /* that arena (zl_db.rrs): a db with zones
				 * stays where it is until zl_db_free() */
	size_t nrr;
	size_t nsoa;		/* SOA RRs among them, wherever they are */
	const char *workdir;	/* how its $INCLUDEs were resolved (zl_load_opts; */
	const char *root;	/* the caller's strings), so a previous version resolves them alike */
	bool origin_failed;	/* relative names could not be read: no origin (already reported) */
	bool unreadable;	/* the file could not be read at all (already reported) */
	bool digest_text;	/* its TXT RRs no rule reads were kept as digests
				 * (zl_load_opts.digest_text), so a previous
				 * version is loaded alike to be compared */
};

/*
 * All loaded data: one name table shared by every zone, so that SPF
 * include chains and targets resolve across files.  Everything is
 * allocated in arena and freed by zl_db_free().
 */
/*
 * One slot of the name table, 6 octets: the node's zl_ref in two
 * halves (0: an empty slot) and a tag, the high half of its name's
 * zl_name_hash(), so that a probe touches a node only when the tags
 * match (one time in 65,536 for another name).  The table's index comes
 * from the low bits; moving to a bigger table hashes the names again.
 */
struct zl_db_slot {
	uint16_t tag;
	uint16_t node_lo, node_hi;	/* struct zl_node (zl_db_slot_node()) */
};

/* The node in slot s, NULL if the slot is empty. */
static inline struct zl_node *zl_db_slot_node(const struct zl_db_slot *s)
{
	return zl_ref_ptr((zl_ref)s->node_lo | (zl_ref)s->node_hi << 16);
}

struct zl_db {
	struct zl_arena arena;
	/* the name table: open addressing, linear probing over nslots (a
	 * power of two) slots, at most 7/8 full (a 5M-record zone's 3.2
	 * million names fit 4 Mi slots instead of 8 Mi: 24 MiB less); a
	 * probe reads 6-octet slots, ten to a cache line, and touches a
	 * node only when its tag matches (zl_big_calloc(), nslots * 6
	 * octets) */
	struct zl_db_slot *slots;
	size_t nslots;
	/* every node, alone in an arena of their own, so they lie in
	 * creation order and are walked so (zl_db_walk_begin()) without a
	 * list of them: 4 octets a name less (2.6 MB of the 1M bench zone) */
	struct zl_arena nodes;
	size_t nnodes;
	/* every RR, alone in an ordered arena of their own, so a zone's lie
	 * in reading order and are walked so (zl_zone_walk_begin()) without
	 * a link from each to the next: 4 octets an RR less (3.8 MiB of the
	 * 1M bench zone); a file read ahead appends its reader's arena
	 * (zl_arena_append()) */
	struct zl_arena rrs;
	struct zl_zone *zones, *last_zone;
	size_t nrr;
	struct zl_node *last_owner; /* owner of the last RR added: consecutive
				 * RRs of one owner skip the table */
	uint8_t last_wire[ZL_NAME_MAX];	/* last_owner's name as it was last spelt (wire) */
	/* the parent a new owner's node was last linked to: a new name's
	 * parent is mostly the one before's (siblings come together), so
	 * its lookup is skipped (node_of() in zone.c) */
	struct zl_node *last_parent;	/* NULL: none yet */
	bool last_parent_exact;	/* last_parent spells last_parent_wire */
	uint8_t last_parent_len;
	uint8_t last_parent_wire[ZL_NAME_MAX];
	struct zl_rr_src *last_src; /* source of the last RR added (arena) */
	/* the TTLs the RRs have, each once: zl_rr.ttl_idx indexes ttls
	 * (room for ZL_RR_TTL_OWN, heap, made with the first RR; the pages
	 * of the room not used cost no memory), found by value in
	 * ttl_slots (open addressing over nttl_slots, a power of two, at
	 * most half full; an entry is index + 1, 0 is empty) */
	uint32_t *ttls;
	size_t nttls;
	struct zl_ttl_slot {
		uint32_t ttl;
		uint32_t idx1;
	} *ttl_slots;
	size_t nttl_slots;
	uint16_t last_ttl_idx;	/* the last TTL's index (ttl_index() in zone.c) */
	/* the last RR of each RRset of ZL_RRSET_WALK RRs or more: open
	 * addressing over ntail_slots (0, or a power of two) slots, at
	 * most 3/4 full (heap, ntail_slots * 16 octets) */
	struct zl_rrset_tail *tails;
	size_t ntail_slots, ntails;
};

/* Prepare an empty database; once it has zones it must not move (they point into it). */
void zl_db_init(struct zl_db *db);

/*
 * A walk over every node of a db, in the order they were made (which is
 * their order in memory): zl_db_walk_begin(), then zl_db_walk_next()
 * until NULL, then zl_db_walk_end().  Any number of walks may run at
 * once, on any threads, while nothing is added to the db.
 */
struct zl_node_walk {
	struct zl_arena_cursor c;	/* over the db's nodes arena */
};

/* Start w at db's first node (allocates; out of memory exits). */
void zl_db_walk_begin(const struct zl_db *db, struct zl_node_walk *w);

/* w's next node, NULL after the last. */
static inline const struct zl_node *zl_db_walk_next(struct zl_node_walk *w)
{
	if (w->c.at == w->c.end && !zl_arena_cursor_step(&w->c))
		return NULL;
	const struct zl_node *n = (const struct zl_node *)(const void *)w->c.at;
	w->c.at += zl_arena_size4(offsetof(struct zl_node, prefix) + zl_node_plen(n));
	return n;
}

/* Free what w holds. */
void zl_db_walk_end(struct zl_node_walk *w);

/*
 * A walk over the RRs of a zone in reading order: zl_zone_walk_begin(),
 * then zl_zone_walk_next() until NULL, then zl_zone_walk_end().  Any
 * number of walks may run at once, on any threads, while nothing is
 * added to the db.
 */
struct zl_rr_walk {
	struct zl_arena_cursor c;	/* over the db's RRs arena */
	size_t left;			/* RRs of the zone still to come */
};

/* Start w at the first RR of zone z (allocates; out of memory exits). */
void zl_zone_walk_begin(const struct zl_zone *z, struct zl_rr_walk *w);

/* w's next RR, NULL after the zone's last. */
static inline const struct zl_rr *zl_zone_walk_next(struct zl_rr_walk *w)
{
	if (!w->left || (w->c.at == w->c.end && !zl_arena_cursor_step(&w->c)))
		return NULL;
	const struct zl_rr *rr = (const struct zl_rr *)(const void *)w->c.at;
	w->c.at += zl_arena_size4(zl_rr_alloc_size(rr->dlen, zl_rr_nsegs(rr)));
	w->left--;
	return rr;
}

/* Free what w holds. */
void zl_zone_walk_end(struct zl_rr_walk *w);

/* Free all memory of the database. */
void zl_db_free(struct zl_db *db);

/*
 * Make room in the name table for nnames names in all (those already
 * there included), so that loading that many rehashes nothing.  A hint:
 * more names still fit, the table grows as needed.  Room costs memory
 * whether used or not: 7 to 14 octets per name (nslots * 6 octets at
 * most 7/8 full, rounded up to a power of two).  nnames is taken as at
 * most 2^32 - 1 (the most nodes a db numbers), and when that much room
 * cannot be had the table stays as it is: never exits, never fails.
 */
void zl_db_reserve(struct zl_db *db, size_t nnames);

/* Add a zone for file (copied); its origin is set later with zl_zone_set_origin(). */
struct zl_zone *zl_db_add_zone(struct zl_db *db, const char *file);

/* Set the zone's origin (wire form, copied) and why it was chosen (static string). */
void zl_zone_set_origin(struct zl_db *db, struct zl_zone *z,
			const uint8_t *origin, const char *source);

/* Find the node of a wire name (case-insensitive); NULL if absent. */
struct zl_node *zl_db_find(const struct zl_db *db, const uint8_t *wire);

/*
 * The wildcard node that answers for name when name itself does not
 * exist (RFC 4592 section 3.3.1): find the closest encloser among at
 * most max_labels ancestors (UINT_MAX: up to the root) and return
 * "*.<closest encloser>" if that node exists.  NULL when name exists,
 * when no ancestor within reach exists, or when there is no wildcard.
 */
const struct zl_node *zl_db_wildcard(const struct zl_db *db,
				     const uint8_t *name, unsigned max_labels);

/* Find or create the node of a wire name. */
struct zl_node *zl_db_intern(struct zl_db *db, const uint8_t *wire, size_t len);

/*
 * Start loading into the cache the name-table slot where a look-up of a
 * name whose zl_name_hash() is hash begins, so that a zl_db_link_rr() or
 * zl_db_find() of that name a little later does not wait for memory (a
 * random slot of a big table is a cache miss).  A hint: changes nothing
 * else, any hash is allowed; wasted if the table grows in between (names
 * added past its room).
 */
static inline void zl_db_prefetch(const struct zl_db *db, uint32_t hash)
{
#if defined(__GNUC__) || defined(__clang__)
	/* slot_hash() in zone.c: 0 is taken as 1 */
	__builtin_prefetch(&db->slots[(hash ? hash : 1) & (db->nslots - 1)]);
#else
	(void)db;
	(void)hash;
#endif
}

/*
 * The bit of zl_node.types that stands for type: a clear bit means the
 * node has no RRset of that type, so a lookup never walks its RRsets.
 * The types most zones have get a bit of their own (those the rules
 * look up most: A, NS, CNAME, SOA, PTR, MX, TXT, AAAA, SRV, DNAME, DS,
 * SPF, SVCB, HTTPS, CAA); every other type shares the last one.
 */
static inline uint16_t zl_node_types_bit(uint16_t type)
{
	/* RFC 1035, 3596, 2782, 6672, 4034, 7208, 9460, 8659 type codes */
	switch (type) {
	case 1: return 1u << 0;		/* A */
	case 2: return 1u << 1;		/* NS */
	case 5: return 1u << 2;		/* CNAME */
	case 6: return 1u << 3;		/* SOA */
	case 12: return 1u << 4;	/* PTR */
	case 15: return 1u << 5;	/* MX */
	case 16: return 1u << 6;	/* TXT */
	case 28: return 1u << 7;	/* AAAA */
	case 33: return 1u << 8;	/* SRV */
	case 39: return 1u << 9;	/* DNAME */
	case 43: return 1u << 10;	/* DS */
	case 99: return 1u << 11;	/* SPF */
	case 64: return 1u << 12;	/* SVCB */
	case 65: return 1u << 13;	/* HTTPS */
	case 257: return 1u << 14;	/* CAA */
	default: return 1u << 15;
	}
}

/*
 * The RRset of type and class rclass at node, or with rclass 0 of that
 * type in class IN, else in any class; NULL if none.  O(1) for a class
 * given, whatever the number of RRsets at the node.
 */
struct zl_rrset *zl_node_rrset(const struct zl_node *n, uint16_t type,
			       uint16_t rclass);

/* One parsed record as the parser hands it over; all pointers are only valid during the callback. */
struct zl_record {
	const uint8_t *owner;	/* wire, absolute */
	size_t owner_len;
	uint32_t ttl;
	uint16_t type, rclass;
	const uint8_t *rdata;
	size_t rdlen;
	const uint8_t *zone_origin; /* the origin the parser announced (wire,
				 * zl_parse_opts.on_origin), or NULL before */
	size_t zone_origin_len;	/* its octets */
	const struct zl_txtseg *segs; /* TXT-like: one per character-string */
	size_t nsegs;
	const char *file;	/* interned by the parser: valid for the whole run */
	uint32_t line, col;
	uint32_t rdata_line, rdata_col;
	unsigned nerrors;	/* error-level diagnostics the parser reported for this
				 * record although it loads it (zone-name-character):
				 * the last nerrors entries of the sink */
};

/*
 * Add a record to zone z (copies everything into the db arena, creates
 * the owner node and RRset as needed; a TXT record is kept as a digest
 * when z->digest_text and zl_txt_digestible() say so).  Returns the
 * stored RR.
 */
struct zl_rr *zl_db_add_rr(struct zl_db *db, struct zl_zone *z,
			   const struct zl_record *rec);

/*
 * A copy of rec that stands alone, for the rules that look at one record
 * (--syntax-only): the zl_rr with its RDATA and segments, its source and
 * its owner node are allocated in a, a scratch arena the caller resets
 * between records, and the name table is not touched (the node has no
 * RRsets and is in no db).  Its zone is z (may be NULL), its file
 * rec->file, its seq 0, and the segments' raw text points into rec, so
 * the copy is valid only while rec is (during the parser's record
 * callback).
 */
struct zl_rr *zl_rr_scratch(struct zl_arena *a, struct zl_zone *z,
			    const struct zl_record *rec);

/*
 * The two halves of zl_db_add_rr(), for a record read on another thread
 * (-j): zl_rr_build() copies rec (RDATA, TXT segments) into a new RR
 * allocated from a, and the segments' raw text into raw, touching
 * nothing else, so any thread may call it with arenas of its own;
 * owner, source, line, seq and the list links are left for
 * zl_db_link_rr().  The RRs to be linked to one db must be made in a
 * in the order they are linked, with nothing else, in an ordered arena
 * (zl_arena.ordered) that goes to the db by zl_arena_append() to
 * db->rrs: that order is how a zone's RRs are walked.  digest_text:
 * keep a TXT record that zl_txt_digestible() lets go as its digest
 * (zl_rr_digested()), as zl_db_add_rr() does for a zone whose
 * digest_text is set.  rel_names: cut rec->zone_origin off the end of
 * the RDATA's name where it ends so (zl_rr_name_rel()), as
 * zl_db_add_rr() does; only for an RR linked to the zone whose origin
 * that is.
 */
struct zl_rr *zl_rr_build(struct zl_arena *a, struct zl_arena *raw,
			  const struct zl_record *rec, bool digest_text, bool rel_names);

/*
 * A copy of rr, made by zl_rr_build() and not linked yet, allocated from
 * a (an ordered arena of RRs: db->rrs); its TXT strings' raw text is
 * not copied (the copy points to the same).  For a file read ahead whose
 * few RRs are better copied into the db than their arena appended.
 */
struct zl_rr *zl_rr_copy(struct zl_arena *a, const struct zl_rr *rr);

/*
 * Add rr, made by zl_rr_build(), to zone z as zl_db_add_rr() would add
 * its record read from file (a name valid as long as db, as
 * zl_record.file is) at line (its zl_record.line): the owner node is
 * owner[0..owner_len) (wire, absolute; hash its zl_name_hash(), or 0
 * to have it computed here), made with its ancestors if new.  rr's
 * memory must live as long as db (zl_arena_append() it to db->rrs,
 * before or after the link, before any other RR is made there).
 */
void zl_db_link_rr(struct zl_db *db, struct zl_zone *z, struct zl_rr *rr,
		   const char *file, uint32_t line, const uint8_t *owner,
		   size_t owner_len, uint32_t hash);

#endif
