/* checks.h - the rule families, one function each (rules/<family>.c), called by rules/run.c. */
#ifndef ZL_CHECKS_H
#define ZL_CHECKS_H

#include "zonelint.h"

/* Zone-structure rules (rules/zone.c): zone-duplicate-rr. */
void zl_check_zone(const struct zl_db *db, struct zl_sink *sink);

/*
 * The apex of each zone (rules/zone_apex.c): zone-soa, zone-soa-values,
 * zone-apex-ns.
 */
void zl_check_zone_apex(const struct zl_db *db, struct zl_sink *sink);

/*
 * The records at each name (rules/zone_node.c): zone-cname-at-apex,
 * zone-cname-and-other-data, zone-multiple-cname, zone-multiple-dname,
 * zone-below-dname, zone-dname-at-delegation, zone-ds-placement,
 * zone-owner-repeats-origin, zone-wildcard, zone-rrset-ttl-mismatch.
 */
void zl_check_zone_nodes(const struct zl_db *db, struct zl_sink *sink);

/*
 * Each record and the names in its RDATA (rules/zone_target.c):
 * zone-out-of-zone, zone-hostname, zone-target-cname,
 * zone-target-address, zone-target-no-address, zone-target-missing-dot,
 * zone-missing-glue, zone-svcb-dohpath.
 */
void zl_check_zone_records(const struct zl_db *db, struct zl_sink *sink);

/* TXT hygiene (rules/txt.c): txt-unquoted, txt-semicolon. */
void zl_check_txt(const struct zl_db *db, struct zl_sink *sink);

/*
 * SPF rules (rules/spf.c): spf-syntax, spf-version, spf-lookup-limit,
 * spf-multiple-records, spf-ptr, spf-missing-all, spf-permissive-all,
 * spf-string-join, spf-type99, spf-missing.
 */
void zl_check_spf(const struct zl_db *db, struct zl_sink *sink);

#endif
