/* checks.h - the rule families, one function each (rules/<family>.c), called by rules/run.c. */
#ifndef ZL_CHECKS_H
#define ZL_CHECKS_H

#include "zonelint.h"

/* Zone-structure rules (rules/zone.c): zone-duplicate-rr. */
void zl_check_zone(const struct zl_db *db, struct zl_sink *sink);

/*
 * SPF rules (rules/spf.c): spf-syntax, spf-version, spf-lookup-limit,
 * spf-multiple-records, spf-ptr, spf-missing-all, spf-permissive-all,
 * spf-string-join, spf-type99, spf-missing.
 */
void zl_check_spf(const struct zl_db *db, struct zl_sink *sink);

#endif
