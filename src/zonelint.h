/* zonelint.h - the public interface: zone model, parser, diagnostic sink, rules. */
#ifndef ZONELINT_H
#define ZONELINT_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "name.h"
#include "parser.h"
#include "rdata.h"
#include "spf.h"
#include "zone.h"

#define ZONELINT_VERSION "0.1.0"

/*
 * Run every rule over all loaded data and report findings to the sink.
 * Rules only read the model; db is not modified.
 */
void zl_rules_run(const struct zl_db *db, struct zl_sink *sink);

/*
 * As zl_rules_run(), using up to jobs threads (1: none started).  The
 * findings, their order and the sink's counts are the same for every
 * value of jobs.
 */
void zl_rules_run_jobs(const struct zl_db *db, struct zl_sink *sink, unsigned jobs);

/* RRs from which the command line runs the rules on two threads. */
#define ZL_RULES_THREAD_MIN_RR 20000

/*
 * --syntax-only: the rules that need one record alone, run on each record
 * as the parser hands it over (rules/record.c).  Between records the
 * checker keeps only the previous record's owner and the first SOA at
 * the apex (one record), so memory does not grow with the zone.
 */
struct zl_rr_checks;

/*
 * A checker for the records of zone z, findings to sink.  z->origin may
 * be NULL at first and set later: records read while it is NULL get the
 * checks that need no origin only.  z and sink must outlive the checker;
 * free it with zl_rr_checks_free().
 */
struct zl_rr_checks *zl_rr_checks_new(struct zl_zone *z, struct zl_sink *sink);

/*
 * Check one record alone, in reading order: the TXT and SPF rules, and
 * with an origin the zone rules of one record (zone-out-of-zone,
 * zone-hostname, zone-target-missing-dot, ...), zone-soa for an SOA
 * below the apex or a second, different one at it, zone-soa-values for
 * the first SOA at the apex, zone-owner-repeats-origin and zone-wildcard for
 * the first record of each run of records of one owner.  Nothing of rec
 * is kept, but a copy of the first SOA at the apex.
 */
void zl_rr_checks_record(struct zl_rr_checks *c, const struct zl_record *rec);

/*
 * The zone's origin is now known (zone->origin is set): place the first
 * SOA read before it, as the loaded zone's check does (zone-soa below
 * the apex; zone-soa-values, and the SOA later ones are compared with,
 * at it).  Call once, when the origin is set.
 */
void zl_rr_checks_origin(struct zl_rr_checks *c);

/*
 * The zone's last record was checked: report what the records as a
 * whole lacked (zone-soa: no SOA at the apex, no origin, no records at
 * all), as the loaded zone's check does.  Call once, after the zone's
 * origin_failed and unreadable are set.
 */
void zl_rr_checks_end(struct zl_rr_checks *c);

/* Free the checker (NULL is ignored). */
void zl_rr_checks_free(struct zl_rr_checks *c);

/*
 * True if rule runs with --syntax-only: reported by the parser, the
 * named.conf reader or the inline directives, or by zl_rr_checks_record().
 */
bool zl_rule_syntax_only(enum zl_rule rule);

/*
 * Print the include/redirect tree of the SPF record at name (wire form)
 * with the DNS-lookup cost of each branch (RFC 7208 section 4.6.4), as
 * "SPF surveyor" tools do, from the loaded data only.  Returns 0 when the
 * record stays within the limits, 1 when it does not or name has no (or
 * several) SPF records (said on out).
 */
int zl_spf_tree_print(const struct zl_db *db, const uint8_t *name, FILE *out);

#endif
