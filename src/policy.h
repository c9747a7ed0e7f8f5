/* policy.h - which findings are shown and which fail the run: --select/--ignore, --severity, --fail-on, inline "; zonelint:" directives. */
#ifndef ZL_POLICY_H
#define ZL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct zl_configs;
#include "zone.h"

/* Command-line choices about rules and severities. */
struct zl_policy {
	bool enabled[ZL_RULE_COUNT];	/* after --select/--ignore */
	bool selected;			/* a --select was given (the first one clears) */
	enum zl_severity min_shown;	/* --severity: lowest level printed */
	enum zl_severity fail_on;	/* --fail-on: lowest level that makes exit status 1 */
	bool warnings_as_errors;	/* --warnings-as-errors */
	bool decided[ZL_RULE_COUNT];	/* named by --ignore (after a --select: all) */
	struct zl_configs *configs;	/* .zonelint files, or NULL; the command line wins */
	bool config_failed;		/* a .zonelint met while applying could not be read */
	char config_err[320];
};

/* Every rule on, everything shown, errors fail the run. */
void zl_policy_init(struct zl_policy *p);

/*
 * Apply "--select LIST" (select true) or "--ignore LIST": LIST is rule
 * ids or family names ("spf", "zone", "txt", "zonelint", "conf") separated by
 * commas.  The first --select turns every other rule off.  Returns true,
 * or false with *bad pointing at the unknown name, *badlen long.
 */
bool zl_policy_rules(struct zl_policy *p, const char *list, bool select,
		     const char **bad, size_t *badlen);

/*
 * Look through a rule list as zl_policy_rules() reads it for a rule id
 * (not a family) for which keep() is false: returns true with *name,
 * *namelen the first such id in list, else false.
 */
bool zl_rule_list_find(const char *list, bool (*keep)(enum zl_rule),
		       const char **name, size_t *namelen);

/* Parse "error", "warning" or "info" (also "note", the word gcc-style output prints for info); false if none of them. */
bool zl_severity_from_text(const char *s, enum zl_severity *out);

/*
 * Drop findings of disabled rules and below min_shown, raise warnings to
 * errors if asked.  With configs, each finding first follows the
 * .zonelint of its file (rules and severities) where the command line
 * did not decide.  Counts in the sink are recomputed.
 */
void zl_policy_apply(struct zl_policy *p, struct zl_sink *sink);

/* True if the findings left in the sink make the run fail (exit status 1). */
bool zl_policy_fails(const struct zl_policy *p, const struct zl_sink *sink);

/*
 * Inline directives found in zone-file comments:
 *   ; zonelint: disable=RULE[,RULE]        own line: the next record
 *                                          after a record: that record
 *   ; zonelint: disable-file=RULE[,RULE]   the whole file
 * Rules may be ids or family names.
 */
struct zl_directive {
	const char *file;	/* interned by the parser */
	uint32_t line, col;
	bool own_line, whole_file;
	bool rules[ZL_RULE_COUNT];
	char bad[64];		/* an unknown rule name, "" if none */
	uint32_t from, to;	/* lines covered (after zl_directives_bind) */
	bool used;
};

/* Last record line of one file, for binding directives while records stream by. */
struct zl_dir_file {
	const char *file;
	uint32_t line;
};

struct zl_directives {
	struct zl_directive *v;
	size_t n, cap;
	/* the rules that ran, indexed by enum zl_rule, or NULL for all: a
	 * directive that names a rule that did not run (--syntax-only) may
	 * be needed when it does, so it is never reported unused */
	const bool *ran;
	/* zl_directives_record(): v[0..seen) have been looked at, open[0..
	 * nopen) are those whose lines are not known yet, files[] the last
	 * record line of each file of the file being read */
	size_t seen;
	size_t *open;
	size_t nopen, capopen;
	struct zl_dir_file *files;
	size_t nfiles;
};

/*
 * The parser's on_comment callback (zl_comment_fn) for "; zonelint:"
 * comments; ctx is a struct zl_directives.  Other comments are ignored.
 */
void zl_directives_comment(void *ctx, const char *file, uint32_t line,
			   uint32_t col, const char *text, size_t len,
			   bool own_line);

/*
 * Give each directive the lines it covers: the record after it (own
 * line) or the record it ends (same line), from that record's first line
 * to the line before the next record of the same file.
 */
void zl_directives_bind(struct zl_directives *d, const struct zl_db *db);

/*
 * zl_directives_bind() for records that are not kept (--syntax-only):
 * the zl_line_fn of zl_stream_load(), ctx a struct zl_directives.  Call
 * it for each record's file and first line, in reading order, and with
 * file NULL at the end of each top-level file; each directive then
 * covers the same lines as zl_directives_bind() gives it.  Memory: the
 * directives not yet bound and one entry per file of the top-level
 * file being read.
 */
void zl_directives_record(void *ctx, const char *file, uint32_t line);

/*
 * Remove the findings the directives suppress, then report each
 * directive that suppressed nothing (or named an unknown rule) as
 * zonelint-unused-directive, unless it names a rule that d->ran says
 * did not run.  Call before zl_policy_apply().
 */
void zl_directives_apply(struct zl_directives *d, struct zl_sink *sink);

/* Free the list. */
void zl_directives_free(struct zl_directives *d);

#endif
