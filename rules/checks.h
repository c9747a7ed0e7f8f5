/* checks.h - the rule families, one function each (rules/<family>.c), called by rules/run.c. */
#ifndef ZL_CHECKS_H
#define ZL_CHECKS_H

#include "zonelint.h"

#include <stdatomic.h>

/*
 * zone-duplicate-rr (rules/zone.c), one node at a time: the same RDATA
 * twice in one RRset of node n (RFC 2181 section 5), reported into
 * sink.  struct zl_dups is scratch kept between nodes: zl_dups_init()
 * it first and zl_dups_free() it after.
 */
struct zl_dups {
	struct zl_buf tmp;
	struct zl_arena scratch;
};
void zl_dups_init(struct zl_dups *d);
void zl_dups_node(struct zl_dups *d, const struct zl_node *n, struct zl_sink *sink);
void zl_dups_free(struct zl_dups *d);

/*
 * The apex of each zone (rules/zone_apex.c): zone-soa, zone-soa-values,
 * zone-apex-ns.
 */
void zl_check_zone_apex(const struct zl_db *db, struct zl_sink *sink);

struct zc_cuts;

/*
 * One walk over the nodes of db (rules/zone_node.c): zone-duplicate-rr
 * into dups, and into sink the records at each name:
 * zone-cname-at-apex, zone-cname-and-other-data, zone-multiple-cname,
 * zone-multiple-dname, zone-below-dname, zone-dname-at-delegation,
 * zone-ds-placement, zone-owner-repeats-origin, zone-wildcard,
 * zone-rrset-ttl-mismatch.  cuts: every owner of NS or DNAME records
 * of db (zl_check_zone_records() collects them), or NULL (slower).
 * Only reads db.
 */
void zl_check_zone_nodes(const struct zl_db *db, struct zl_sink *dups,
			 struct zl_sink *sink, const struct zc_cuts *cuts);

/*
 * zl_check_zone_nodes() for any number of threads: the nodes are cut
 * into blocks of consecutive nodes (in the order they lie in memory),
 * each checked by one thread into sinks of its own, handed on in block
 * order, so the findings and their order are those of one walk.
 * zl_nodes_job_init() (one thread), then zl_nodes_job_work() on each
 * thread that helps, then, once every one of those calls has returned,
 * zl_nodes_job_finish().
 */
struct zl_nodes_job {
	const struct zl_db *db;
	const struct zc_cuts *cuts;	/* as zl_check_zone_nodes() takes it */
	size_t per_block;		/* nodes a block has (the last: the rest) */
	size_t nblocks;			/* at least 1 */
	atomic_size_t next;		/* the next block no thread took yet */
	struct zl_sink *dups;		/* nblocks sinks: zone-duplicate-rr */
	struct zl_sink *sinks;		/* nblocks sinks: the other checks */
};

/* Cut the walk over db's nodes into blocks, each with empty sinks of its own (allocates; out of memory exits). */
void zl_nodes_job_init(struct zl_nodes_job *j, const struct zl_db *db,
		       const struct zc_cuts *cuts);

/* Check blocks of j, one after another, until no block is left to take; safe on several threads at once. */
void zl_nodes_job_work(struct zl_nodes_job *j);

/* Append the blocks' findings to dups and sink in block order, and free what j holds. */
void zl_nodes_job_finish(struct zl_nodes_job *j, struct zl_sink *dups, struct zl_sink *sink);

/*
 * One walk over the records of each zone of db, in file order
 * (rules/zone_target.c): into sink each record and the names in its
 * RDATA: zone-out-of-zone, zone-hostname, zone-target-cname,
 * zone-target-address, zone-target-no-address, zone-target-missing-dot,
 * zone-missing-glue, zone-svcb-dohpath (zones with an origin only); into
 * txt the TXT hygiene of every record (zl_check_txt_rr()).  Adds the
 * owner of every NS and DNAME record to cuts (start it empty, the
 * caller frees it).  Only reads db.
 */
void zl_check_zone_records(const struct zl_db *db, struct zl_sink *sink,
			   struct zl_sink *txt, struct zc_cuts *cuts);

/*
 * The checks one record allows alone.  The functions above call them
 * for every record (or name) of the database; --syntax-only calls
 * them for each record as it is read (rules/record.c).  rr's zone must
 * have an origin where z is asked for.
 */

/* txt-unquoted, txt-semicolon for a TXT or SPF record; other types are ignored. */
void zl_check_txt_rr(const struct zl_rr *rr, struct zl_sink *sink);

/*
 * zone-soa-values for rr, the SOA at the apex (the first one read):
 * timers (RFC 1912 section 2.2, RIPE-203, RFC 2308 section 5) and a
 * date serial that is no date or lies in the future (rules/zone_apex.c).
 */
void zl_check_soa_values(const struct zl_rr *rr, struct zl_sink *sink);

/*
 * zone-soa for rr, an SOA record in zone z (which has an origin), read
 * after first, the first SOA at the apex before it (NULL: none yet):
 * one below the apex (at_apex false) is reported, and so is a second
 * one at the apex whose RDATA is not first's (RFC 1035 section 5.2).
 * Returns at_apex: whether rr is at the apex, so that the caller keeps
 * it as first when it has none.  ta, tb are scratch buffers
 * (rules/zone_apex.c).  The loaded zone's check and --syntax-only's,
 * record by record, share it.
 */
bool zl_check_soa_rr(const struct zl_zone *z, const struct zl_rr *rr, bool at_apex,
		     const struct zl_rr *first, struct zl_buf *ta, struct zl_buf *tb,
		     struct zl_sink *sink);

/*
 * zone-soa once zone z is read: without an origin, a file with no
 * records at all or none that says which zone it is (z->nrr and
 * z->nsoa tell which; unless the origin failed or the file was
 * unreadable, both reported already); with one,
 * no SOA at the apex when seen is false (RFC 1035 section 5.2).  The
 * findings are about the file as a whole (line 0).
 */
void zl_check_soa_end(const struct zl_zone *z, bool seen, struct zl_sink *sink);

/*
 * zone-owner-repeats-origin, zone-wildcard for the owner of first, the
 * first record of its name, which is at or below z's origin
 * (rules/zone_node.c).  owner is that name in wire form (RFC 1035
 * section 3.1), which the caller has at hand: spelling a node's name
 * walks its suffixes, and the zone walk spells each node once.
 */
void zl_check_owner_name(const struct zl_zone *z, const struct zl_rr *first,
			 const uint8_t *owner, struct zl_sink *sink);

/*
 * What the checks of one record alone learn about its owner name, kept
 * by their caller for a run of records of one owner (most names own
 * several records, read one after the other).
 */
struct zl_owner_run {
	bool in_zone;		/* zc_in_zone() of the owner: set by the caller */
	signed char host;	/* zone-hostname's host-name test of the owner
				 * (RFC 1123 section 2.1): -1 not made yet,
				 * which the caller sets at each new owner;
				 * else 0 or 1, set by zl_check_rr_alone() */
};

/*
 * zone-out-of-zone, zone-hostname, zone-svcb-dohpath,
 * zone-target-missing-dot, zone-target-address for rr in zone z
 * (rules/zone_target.c), the checks of one record alone (--syntax-only).
 * run: the facts of rr's owner known for its run of records (see
 * struct zl_owner_run), which the call may add to.
 */
void zl_check_rr_alone(const struct zl_zone *z, const struct zl_rr *rr,
		       struct zl_owner_run *run, struct zl_sink *sink);

/*
 * SPF rules (rules/spf.c): spf-syntax, spf-version, spf-lookup-limit,
 * spf-multiple-records, spf-ptr, spf-missing-all, spf-permissive-all,
 * spf-string-join, spf-type99, spf-missing.
 */
void zl_check_spf(const struct zl_db *db, struct zl_sink *sink);

/*
 * zl_check_spf() in parts, for rules/run.c to spread over two threads.
 * zl_spf_load() reads the SPF records of db (RFC 7208 section 4.5) and
 * reports nothing yet; free the result with zl_spf_free() (NULL is a
 * no-op).  zl_spf_check_records() reports the findings about each record
 * and its include tree into the sink given to zl_spf_load();
 * zl_spf_check_names() those about each name (spf-version,
 * spf-multiple-records, spf-type99, spf-missing) into sink.  The two may
 * run at once on two threads: both only read what zl_spf_load() built
 * and db, and write their own sink and memory.  zl_check_spf()'s
 * findings are those of zl_spf_check_records(), then those of
 * zl_spf_check_names().
 */
struct zl_spf_run;
struct zl_spf_run *zl_spf_load(const struct zl_db *db, struct zl_sink *sink);
void zl_spf_check_records(struct zl_spf_run *r);
void zl_spf_check_names(const struct zl_spf_run *r, struct zl_sink *sink);
void zl_spf_free(struct zl_spf_run *r);

#endif
