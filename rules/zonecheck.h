/* zonecheck.h - helpers the zone-structure rules share: RR type numbers, zone cuts, targets, host names (RFC 1034, RFC 1123). */
#ifndef ZL_ZONECHECK_H
#define ZL_ZONECHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "zonelint.h"

/* RR type numbers the zone rules look at (IANA). */
enum {
	ZC_A = 1, ZC_NS = 2, ZC_CNAME = 5, ZC_SOA = 6, ZC_PTR = 12, ZC_MX = 15,
	ZC_TXT = 16, ZC_AFSDB = 18, ZC_RT = 21, ZC_SIG = 24, ZC_KEY = 25,
	ZC_AAAA = 28, ZC_NXT = 30, ZC_SRV = 33, ZC_KX = 36, ZC_DNAME = 39,
	ZC_DS = 43, ZC_RRSIG = 46, ZC_NSEC = 47, ZC_SVCB = 64, ZC_HTTPS = 65,
	ZC_SPF = 99,
};

/* Where a name sits in its zone: the nearest cut and DNAME above it. */
struct zc_place {
	const struct zl_node *cut;	/* nearest ancestor below the apex with NS, or NULL */
	const struct zl_node *dname;	/* nearest ancestor (apex included) with a DNAME, or NULL */
};

/* Whether the label at label (wire: length octet, then octets) is "*",
 * a wildcard's (RFC 4592 section 2.1.1). */
static inline bool zc_star_label(const uint8_t *label)
{
	return label[0] == 1 && label[1] == '*';
}

/* True if name (wire) is at or below the origin of z; false if z has no origin. */
bool zc_in_zone(const struct zl_zone *z, const uint8_t *name);

/*
 * zc_in_zone() of node n's name, told without comparing names: from n
 * up through the nodes of its ancestors, which each node links to
 * where the ancestor's name is spelt alike (zl_node.suffix).  1: at or
 * below z's apex; 0: not (the links reach the root without meeting the
 * apex), or z has no origin; -1: a link is missing (an ancestor spelt
 * otherwise, "x.Example" below "example"), so ask zc_in_zone() of the
 * name.  Costs one step per label.
 */
int zc_node_in_zone(const struct zl_zone *z, const struct zl_node *n);

/*
 * Fill *p for name (wire, at or below z's origin): walks the ancestors
 * strictly above name up to the apex with one hash lookup each (none for
 * the apex itself, which the zone knows), so the cost is O(labels).
 * The name itself is not looked at.
 */
void zc_place(const struct zl_db *db, const struct zl_zone *z,
	      const uint8_t *name, struct zc_place *p);

/*
 * The nodes of a database that own NS or DNAME records, as a set of
 * hashes of their names (case-folded): a name none of whose ancestors
 * is in the set is below no cut and no DNAME but the apex's, which
 * zc_place_cached() then knows without looking the ancestors up.
 * Starts zeroed; zc_cuts_free() frees it.
 */
struct zc_cuts {
	uint64_t *h;		/* open addressing, nslots (a power of two); 0: empty */
	size_t nslots, n;
	bool piled;		/* an owner found no slot within ZC_CUTS_PROBE (names
				 * made to hash alike): every name may be below a cut */
};

/* Slots a probe of zc_cuts reads at most; past them a name counts as in the set. */
#define ZC_CUTS_PROBE 32

/* Add the name wire (the owner of an NS or DNAME record) to s. */
void zc_cuts_add(struct zc_cuts *s, const uint8_t *wire);

/* Free what s holds; s is empty again. */
void zc_cuts_free(struct zc_cuts *s);

/*
 * zc_place() with a memory of its last answer.  The place of a name
 * depends only on its parent (and zone), and the names the rules walk
 * come mostly in runs of siblings ("www.a", "mail.a", ...), so a run
 * costs one walk up the tree instead of one a name.  A child of the
 * apex costs no walk, nor, given the set of cuts, does a name that has
 * no cut or DNAME above it.  Holds no memory of its own; set up with
 * zc_placer_init() for db, which must not change while the placer is
 * used.
 */
struct zc_placer {
	const struct zl_db *db;
	const struct zc_cuts *cuts;	/* every NS and DNAME owner of db, or NULL */
	const struct zl_zone *z;	/* zone of the remembered answer, or NULL */
	size_t olen;			/* octets of z's origin */
	uint64_t horigin;		/* its hash, as the cuts are hashed */
	size_t plen;			/* octets of the remembered parent; 0: none */
	struct zc_place p;		/* the answer for its children */
	struct zc_place below_apex;	/* the answer for the children of z's apex */
	uint8_t parent[ZL_NAME_MAX];	/* wire, as spelt when it was asked */
};

/*
 * Prepare pc for names of db (remembers nothing yet).  cuts: the set of
 * every node of db that owns NS or DNAME records, or NULL.
 */
void zc_placer_init(struct zc_placer *pc, const struct zl_db *db,
		    const struct zc_cuts *cuts);

/* Same as zc_place(pc->db, z, name, p); name at or below z's origin. */
void zc_place_cached(struct zc_placer *pc, const struct zl_zone *z,
		     const uint8_t *name, struct zc_place *p);

/*
 * zc_place() of node n's name (at or below z's origin), told from the
 * nodes of its ancestors, which n links to where they are spelt alike
 * (zl_node.suffix): one step per label, no name hashed.  False, with *p
 * unset, when a link is missing before the apex (an ancestor spelt
 * otherwise): ask zc_place_cached() of the name then.
 */
bool zc_node_place(const struct zl_zone *z, const struct zl_node *n, struct zc_place *p);

/* The RRset of type at n in any class, or NULL (n may be NULL). */
const struct zl_rrset *zc_rrset(const struct zl_node *n, uint16_t type);

/* True if n (may be NULL) owns A or AAAA records. */
bool zc_has_address(const struct zl_node *n);

/*
 * The wildcard node "*.<closest encloser>" that would answer for name
 * when it has no node of its own (RFC 4592 section 3.3.1), stopping at
 * the origin of z; NULL when there is none or name has a node.
 */
const struct zl_node *zc_wildcard_for(const struct zl_db *db,
				      const struct zl_zone *z,
				      const uint8_t *name);

/*
 * The domain name in the RDATA of rr that names another host (NS, CNAME,
 * PTR, DNAME: the whole RDATA; MX, KX, AFSDB, RT, SVCB, HTTPS: after 2
 * octets; SRV: after 6), in wire form; NULL for other types or RDATA
 * too short to hold it.  buf (ZL_RR_RDATA_MAX octets) holds the RDATA
 * when it must be rebuilt (zl_rr_rdata()): the name is valid while rr
 * and buf are.
 */
const uint8_t *zc_target(const struct zl_rr *rr, uint8_t *buf);

/*
 * True if the labels of name (wire) from label index first on are host
 * name labels as named's check-names reads RFC 952 and RFC 1123 section
 * 2.1: letters, digits and "-", neither first nor last.  With wildcard,
 * a leftmost "*" label is allowed too.
 */
bool zc_is_hostname(const uint8_t *name, bool wildcard);

/*
 * zc_is_hostname(name, wildcard), for many names that mostly end in
 * one suffix (wire, slen octets; a zone's origin) whose answer is
 * known: suffix_host, zc_is_hostname(suffix, false).  The labels of the
 * suffix are then not looked at again.
 */
bool zc_is_hostname_in(const uint8_t *name, bool wildcard, const uint8_t *suffix,
		       size_t slen, bool suffix_host);

/*
 * zc_is_hostname(name of n, wildcard) for a node n of zone z's db, told
 * from the node's own first label and its links to its ancestors' nodes
 * (zl_node.suffix), without spelling the name: at the apex the answer is
 * apex_host, zc_is_hostname(z's origin, false); a node that holds its
 * whole name (no link) is read whole.  One step per label.
 */
bool zc_node_is_hostname(const struct zl_zone *z, const struct zl_node *n, bool wildcard,
			 bool apex_host);

/*
 * Length in labels of the part of name before the origin of z (name must
 * be at or below it); e.g. 2 for "a.b.example.com." in example.com.
 */
unsigned zc_relative_labels(const struct zl_zone *z, const uint8_t *name);

/*
 * If the part of name (wire) before origin (wire) is "plainly a full
 * name", as zone-target-missing-dot defines it, return a static
 * description of why ("repeats the origin", "ends in .com", ...); else
 * NULL.  name must be at or below origin.
 */
const char *zc_missing_dot(const uint8_t *name, const uint8_t *origin);

/*
 * True if name (wire) is an address that got the origin (or the root)
 * appended: four decimal labels 0-255 followed by origin or the root
 * ("192.0.2.1"), or a first label that reads as an IPv6 address.
 */
bool zc_looks_like_address(const uint8_t *name, const uint8_t *origin);

/* True if the part of name before origin ends with the labels of origin again. */
bool zc_repeats_origin(const uint8_t *name, const uint8_t *origin);

/*
 * zc_repeats_origin() of node n's name, n at or below z's apex, told
 * from n's links to its ancestors' nodes without spelling the name: 1
 * or 0; -1 when a link is missing before the apex (an ancestor spelt
 * otherwise), so ask zc_repeats_origin() of the name.
 */
int zc_node_repeats_origin(const struct zl_zone *z, const struct zl_node *n);

/* Presentation form of name into buf (cap >= ZL_NAME_TEXT_MAX); returns buf. */
const char *zc_name(const uint8_t *name, char *buf, size_t cap);

/* Presentation form of the part of name before origin, no trailing dot, into buf. */
const char *zc_relative_text(const uint8_t *name, const uint8_t *origin,
			     char *buf, size_t cap);

/* "line 12" or "db.inc:12": where other is, seen from a finding in file; returns buf. */
const char *zc_where(const struct zl_rr *other, const char *file, char *buf,
		     size_t cap);

/* True if a and b have the same RDATA as DNS compares it (RFC 4034 section 6.2); ta, tb are scratch. */
bool zc_same_rdata(const struct zl_rr *a, const struct zl_rr *b,
		   struct zl_buf *ta, struct zl_buf *tb);

#endif
