/* zonelint.h - the public interface: zone model, parser, diagnostic sink, rules. */
#ifndef ZONELINT_H
#define ZONELINT_H

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

#endif
