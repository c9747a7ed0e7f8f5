/* spf_rules.h - state shared by the SPF rule files (rules/spf*.c): the SPF records of the loaded data, parsed once. */
#ifndef ZL_SPF_RULES_H
#define ZL_SPF_RULES_H

#include "checks.h"
#include "zonedns.h"

#define SPF_TYPE_MX 15
#define SPF_TYPE_TXT 16
#define SPF_TYPE_SPF 99
#define SPF_LOOKUP_LIMIT 10	/* RFC 7208 section 4.6.4 */
#define SPF_VOID_LIMIT 2	/* RFC 7208 section 4.6.4 */
#define SPF_MX_LIMIT 10		/* RFC 7208 section 4.6.4 */
/* void terms remembered per record: spf-void-lookup reports a record's
 * own void terms in order and stops at the one that passes the limit,
 * which is at latest its SPF_VOID_LIMIT + 1st (spf_tree.c, report_voids()) */
#define SPF_MAX_OWN_VOIDS (SPF_VOID_LIMIT + 1)
#define SPF_MSG_MAX 2600	/* a message quoting a term and a name or two */

/* Where spf_tree_compute() is with a record. */
enum { TREE_NONE, TREE_BUSY, TREE_DONE };

/* spfrec.proto of a record filled alone, outside spfctx.v (spf_rec_at()). */
#define SPF_NO_PROTO UINT32_MAX

/* Where a record's parse is (spf_rec_parse()). */
enum { PARSE_NONE, PARSE_KEPT, PARSE_SCRATCH };

/*
 * One TXT SPF record of the loaded data: 80 octets on LP64 (spf_data.c
 * checks it).  The table of them (spfctx.v) holds every SPF record of
 * the zone for --spf-tree, but for the lint run only those at the
 * names some include or redirect names (spf_ctx_init()): the others
 * are filled one at a time while they are checked (spf_rec_at()).
 */
struct spfrec {
	const struct zl_rr *rr;
	const char *text;	/* joined character-strings, len octets, not
				 * NUL-terminated: in rr's RDATA when it has one
				 * string, else a copy shared by the records with
				 * the same text (one checked alone: a copy until
				 * spf_rec_release()) */
	uint32_t len;
	struct zl_spf_record rec;	/* the parse of text: see parse */
	zl_ref owner_ref;	/* struct zl_node: rr's owner (spf_owner()) */
	uint32_t proto;		/* the first record in spfctx.v with the same
				 * text (this one's own index if none), which
				 * holds the parse they share once it is kept;
				 * SPF_NO_PROTO for a record not in spfctx.v */
	/* the evaluation tree below this record (worst case, every term
	 * evaluated), computed once by spf_tree_compute() */
	unsigned cost;		/* DNS-querying terms, includes and redirect followed */
	unsigned voids;		/* void lookups, this record and what it includes */
	uint16_t own_void[SPF_MAX_OWN_VOIDS]; /* indexes of this record's void terms */
	uint16_t nsegs;		/* rr->nsegs */
	uint8_t nown_void;
	uint8_t state;		/* TREE_NONE, TREE_BUSY, TREE_DONE */
	uint8_t parse;		/* PARSE_NONE: rec is not filled yet */
	bool shared;		/* a proto whose text other records have too */
	bool at_least;		/* some target is outside the loaded data */
	bool printed;		/* --spf-tree: subtree already shown once */
};

/* The owner node of s's record. */
static inline const struct zl_node *spf_owner(const struct spfrec *s)
{
	return zl_ref_ptr(s->owner_ref);
}

struct spf_memo;
struct spf_frame;
struct spf_recent;

/* An SPF record of the loaded data by its place in reading order (spfctx.order). */
struct spf_entry {
	uint32_t seq;		/* zl_rr_seq() of rr */
	zl_ref rr;		/* struct zl_rr: the TXT record */
};

/* A slot of the index by owner: a node with SPF records, and the first of them in spfctx.v. */
struct spf_owner {
	zl_ref node;		/* struct zl_node; 0: empty slot */
	uint32_t first;
};

/* Everything the SPF rules share during one run. */
struct spfctx {
	const struct zl_db *db;
	struct zl_sink *sink;	/* NULL: compute only, report nothing */
	struct zl_dns dns;	/* closed-world lookups over db */
	struct zl_arena mem;
	struct zl_arena scratch;	/* the parse of the record being checked
					 * (PARSE_SCRATCH), reset after it */
	struct zl_buf buf;
	struct spfrec *v;	/* the SPF records loaded (all, or those at the
				 * targets: spf_ctx_init()); those of one node
				 * are adjacent */
	size_t n, cap;
	size_t v_bytes;		/* v's size, for zl_big_free() */
	/* every SPF record in reading order (8 octets each), when v holds
	 * the targets' only; else NULL */
	struct spf_entry *order;
	size_t norder;
	struct zl_arena texts;	/* the joined text of the record filled
				 * alone (spf_rec_at()), until spf_rec_release() */
	struct spf_owner *owners;	/* node -> first index in v (open addressing) */
	size_t nslots, owners_bytes;
	/* the TXT records, in node order, that are no SPF record but look
	 * meant as one (zl_spf_version_typo()): spf-version */
	const struct zl_rr **typos;
	size_t ntypos;
	/* the nodes, in node order, the per-name checks have something to
	 * say about: spf-version, spf-multiple-records, spf-type99,
	 * spf-missing (found while loading, when the node is at hand) */
	const struct zl_node **named;
	size_t nnamed;
	struct spf_memo **memo;	/* include/redirect targets resolved (spf_tree.c) */
	size_t memo_slots, nmemo;
	struct spf_frame *frames;	/* the stack of a walk of an include tree
					 * (spf_tree.c), kept from walk to walk */
	size_t frames_cap;
	struct spf_recent *recent;	/* SPF_RECENT parses of texts checked
					 * alone (spf_rec_parse()), heap; NULL
					 * until the first */
};

/* Slots of spfctx.recent: texts checked alone and lately, with their parse. */
#define SPF_RECENT 256

/*
 * Find the TXT SPF records of db (identical RRs of an RRset once), and
 * the names the per-name checks have something to say about.  With
 * all, every record goes into c->v with its text, not yet parsed
 * (spf_rec_parse()): for --spf-tree, which shows any of them.  Without,
 * c->order lists every record in reading order, 8 octets each, and
 * c->v holds only the records at the names that an include or redirect
 * of some record names (found by scanning each record once here): the
 * only ones a walk of the include tree reaches (spf_tree_compute()),
 * which must stay for the whole run.  The others are filled one at a
 * time from c->order (spf_rec_at()): on the 5M bench zone, 275,000
 * records that took 32 MB while the rules ran.
 */
void spf_ctx_init(struct spfctx *c, const struct zl_db *db, struct zl_sink *sink,
		  bool all);

/*
 * The record of c->order[k] (c->order set): its entry in c->v when it
 * is there, else *tmp filled with it alone (text in c->texts; proto
 * SPF_NO_PROTO), valid until spf_rec_release().
 */
struct spfrec *spf_rec_at(struct spfctx *c, size_t k, struct spfrec *tmp);

/*
 * The SPF records of node n, identical RRs once, in reading order:
 * returns their count and puts their RRs in *rrs (a heap array of *cap
 * entries, the caller's, reused from call to call and freed by it;
 * buf: the caller's scratch).  Reads only the loaded data: safe beside
 * the checks of the records on another thread.
 */
size_t spf_node_rrs(const struct zl_node *n, struct zl_buf *buf, const struct zl_rr ***rrs,
		    size_t *cap);

/*
 * Fill s->rec, the parse of s->text (RFC 7208 section 12), unless it
 * is filled already.  A parse that other records share, or any when
 * keep is set, is kept for the whole run (in c->mem); else it is valid
 * until spf_rec_release() (PARSE_SCRATCH): a big zone's records mostly
 * are not kept, each needed while the record is checked and never
 * after.  Those are taken from c->recent when a record with the same
 * text was parsed shortly before (on the 1M bench zone, 57,000 records
 * have 21,000 texts, and half of the records repeat a text met among
 * the last 64), else parsed into c->scratch and, with no bad term, kept
 * in c->recent.
 */
void spf_rec_parse(struct spfctx *c, struct spfrec *s, bool keep);

/* Forget a PARSE_SCRATCH parse of s and reset c->scratch. */
void spf_rec_release(struct spfctx *c, struct spfrec *s);

/*
 * Prepare c for records checked one at a time (spf_check_alone(), for
 * --syntax-only): no database, no records loaded, c->db NULL.
 */
void spf_ctx_init_alone(struct spfctx *c, struct zl_sink *sink);

/* Free what spf_ctx_init() or spf_ctx_init_alone() allocated. */
void spf_ctx_free(struct spfctx *c);

/*
 * Fill *s with TXT record rr: its joined character-strings (in c->mem)
 * and their parse (RFC 7208 section 12); the tree fields zeroed.
 */
void spf_rec_fill(struct spfctx *c, const struct zl_rr *rr, struct spfrec *s);

/*
 * The SPF rules that need rr alone (rules/spf.c): for an SPF record
 * spf-syntax, spf-ip-family, spf-ptr, spf-missing-all,
 * spf-permissive-all, spf-string-join, spf-redirect-ignored,
 * spf-terms-after-all, spf-cidr-host-bits, spf-record-too-long,
 * spf-non-ascii; for another TXT record spf-version.  Other types are
 * ignored.  Uses c->mem: reset it between records.
 */
void spf_check_alone(struct spfctx *c, const struct zl_rr *rr);

/* The SPF records of node n: sets *count and returns the first, or NULL. */
struct spfrec *spf_records_at(const struct spfctx *c, const struct zl_node *n,
			      size_t *count);

/* Report msg at octet off of record s's joined text (no-op without a sink). */
void spf_report_at(struct spfctx *c, enum zl_rule rule, enum zl_severity sev,
		   const struct spfrec *s, uint32_t off, const char *msg);

/* FNV-1a hash of the octets p[0..n), for the tables of texts the SPF rules keep. */
uint32_t spf_text_hash(const char *p, size_t n);

/*
 * Slots a probe of those tables reads at most.  They only save work
 * (a shared parse, a target resolved once), and a hostile zone can make
 * many texts hash alike, so past this a text goes without the saving
 * rather than every probe walking the pile (quadratic time).
 */
#define SPF_PROBE_MAX 32

/* Presentation form of a node's name into buf; returns buf. */
const char *spf_owner_text(const struct zl_node *n, char *buf, size_t cap);

/*
 * A mail domain: some RR of the MX RRset mx names a real exchange.  A
 * null MX (RFC 7505: exchange ".") says the name accepts no mail; mixing
 * it with real MX records does not cancel them (section 3), so any
 * non-root exchange counts.
 */
bool spf_has_real_mx(const struct zl_rrset *mx);

/* True if the record has an "all" mechanism (redirect is then ignored, section 6.1). */
bool spf_has_all(const struct zl_spf_record *r);

/*
 * The include/redirect tree below s (rules/spf_tree.c): lookup count,
 * void lookups, targets without SPF, loops, mx with too many names.
 * Reports spf-include-no-spf, spf-include-loop, spf-mx-too-many while
 * walking (each record once); call for every record, then
 * spf_tree_report() for each.  The records walked are parsed and kept
 * (spf_rec_parse()).  Every record it names is walked to the end of
 * its chain, however deep (RFC 7208 section 4.6.4 counts them all), so
 * spf_tree_report() may run on s at once.
 */
void spf_tree_compute(struct spfctx *c, struct spfrec *s);

/* Report spf-lookup-limit and spf-void-lookup for s (after spf_tree_compute; s parsed). */
void spf_tree_report(struct spfctx *c, struct spfrec *s);

#endif
