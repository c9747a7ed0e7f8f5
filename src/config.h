/* config.h - the .zonelint configuration file (INI, read with Debian's libinih), found by walking up from each zone file's directory. */
#ifndef ZL_CONFIG_H
#define ZL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "name.h"

/*
 * One .zonelint file:
 *
 *   [rules]
 *   select = spf, zone          ; like --select (ids or families)
 *   ignore = spf-ptr            ; like --ignore
 *   [severity]
 *   spf-ptr = error             ; a rule's severity (error, warning, info)
 *   [origin]
 *   db.cosi = cosi.clarkson.edu ; origin of the files whose name matches (fnmatch)
 *
 * The command line wins over the file: a rule named by --select/--ignore
 * (or every rule, after a --select) follows the command line.
 */
struct zl_config {
	char *path;			/* the .zonelint file (heap) */
	bool selected;			/* it has a select= */
	bool in_select[ZL_RULE_COUNT];	/* named by select= */
	bool ignored[ZL_RULE_COUNT];	/* named by ignore= */
	int severity[ZL_RULE_COUNT];	/* enum zl_severity, or -1: the default */
	struct zl_config_origin {
		char *pattern;		/* fnmatch(3) pattern on the file's base name */
		uint8_t origin[ZL_NAME_MAX];
	} *origins;
	size_t norigins;
};

/* Every config file met in a run, and which directory uses which (a cache). */
struct zl_configs {
	struct zl_config **v;
	size_t n;
	struct zl_config_dir {
		char *dir;
		struct zl_config *cfg;	/* NULL: no .zonelint up from dir */
	} *dirs;
	size_t ndirs;
};

/*
 * The configuration for the zone file at path: the first ".zonelint"
 * found in its directory or an ancestor, read once per run.  Returns it,
 * or NULL if there is none.  A file that cannot be parsed, or names an
 * unknown rule, severity or origin, is an error: *err (cap bytes) gets
 * "FILE:LINE: message" and *failed is set; the caller exits with status 3.
 */
const struct zl_config *zl_config_for(struct zl_configs *c, const char *path,
				      char *err, size_t cap, bool *failed);

/*
 * Read one configuration from f (an open stream; NULL counts as a file
 * that cannot be read), naming it path in messages.  Returns a heap
 * configuration (free with zl_config_free()), or NULL after writing
 * "PATH:LINE: message" (cap bytes) to err: a line that is not INI, an
 * unknown section, key, rule, severity or origin.
 */
struct zl_config *zl_config_read(FILE *f, const char *path, char *err,
				 size_t cap);

/* Free one configuration from zl_config_read(); NULL is allowed. */
void zl_config_free(struct zl_config *cfg);

/*
 * The origin the configuration gives the file at path (its [origin]
 * section, first matching pattern), or NULL.
 */
const uint8_t *zl_config_origin(const struct zl_config *cfg, const char *path);

/* Free every configuration read. */
void zl_configs_free(struct zl_configs *c);

#endif
