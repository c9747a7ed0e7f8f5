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
 * Print the include/redirect tree of the SPF record at name (wire form)
 * with the DNS-lookup cost of each branch (RFC 7208 section 4.6.4), as
 * "SPF surveyor" tools do, from the loaded data only.  Returns 0 when the
 * record stays within the limits, 1 when it does not or name has no (or
 * several) SPF records (said on out).
 */
int zl_spf_tree_print(const struct zl_db *db, const uint8_t *name, FILE *out);

#endif
