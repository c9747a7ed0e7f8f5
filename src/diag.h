/* diag.h - the rule table and the one diagnostic sink every finding goes through. */
#ifndef ZL_DIAG_H
#define ZL_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* Severity of a finding, lowest first. */
enum zl_severity {
	ZL_INFO,
	ZL_WARNING,
	ZL_ERROR,
};

/* Rule families: the first word of every rule id. */
enum zl_family {
	ZL_FAMILY_ZONE,
	ZL_FAMILY_SPF,
	ZL_FAMILY_TXT,
	ZL_FAMILY_ZONELINT,	/* about zonelint itself: its limits and directives */
	ZL_FAMILY_CONF,		/* named.conf (--named-conf) */
};

/* One enum value per row of rules/rules.def. */
enum zl_rule {
#define RULE(sym, id, fam, sev, summary, ref, expl) ZL_RULE_##sym,
#include "rules.def"
#undef RULE
	ZL_RULE_COUNT
};

/* A row of the rule table (rules/rules.def). */
struct zl_rule_info {
	const char *id;		/* "spf-lookup-limit" */
	enum zl_family family;
	enum zl_severity severity; /* default severity */
	const char *summary;	/* one line, lower case, no period */
	const char *reference;	/* "RFC 7208 section 4.6.4" */
	const char *explanation; /* a paragraph for --explain */
};

/* The table, indexed by enum zl_rule. */
extern const struct zl_rule_info zl_rules[ZL_RULE_COUNT];

/* Rule by id ("spf-ptr"); NULL if there is none. */
const struct zl_rule_info *zl_rule_by_id(const char *id);

/* "zone", "spf", "txt", "zonelint", "conf" */
const char *zl_family_name(enum zl_family f);

/* "error", "warning", "info" */
const char *zl_severity_name(enum zl_severity s);

/* One finding.  file is owned by the sink's arena or static storage. */
struct zl_diagnostic {
	const char *file;	/* path as the user gave it */
	uint32_t line;		/* 1-based; 0 = the file as a whole */
	uint32_t col;		/* 1-based byte column; 0 = unknown */
	enum zl_severity severity;
	enum zl_rule rule;
	const char *message;	/* lower case, no trailing period */
	size_t seq;		/* emission order, for a stable sort */
	size_t file_idx;	/* order in which the file was first interned */
	bool fatal;		/* decides the exit status as 2 or 3, or leaves the */
				/* run incomplete: never filtered (zl_sink_mark_fatal) */
};

/*
 * The sink: collects every diagnostic of a run; formatters read it after
 * the rules have run.  Nothing is printed while collecting.
 */
struct zl_sink {
	struct zl_diagnostic *v;
	size_t n, cap;
	struct zl_arena mem;		/* messages and file names */
	size_t count[3];		/* findings per severity */
	const char **files;		/* interned file names, first-use order */
	size_t nfiles, files_cap;
	uint32_t *file_slots;		/* an index of files by their text: open
					 * addressing, a name's number + 1 in each
					 * used slot, 0 in a free one; nfile_slots
					 * (a power of two) over twice nfiles, so a
					 * named.conf of thousands of zone files
					 * interns each in constant time */
	size_t nfile_slots;
};

/* Prepare an empty sink. */
void zl_sink_init(struct zl_sink *s);

/* Free everything the sink holds. */
void zl_sink_free(struct zl_sink *s);

/*
 * Record a finding of rule at file:line:col with the rule's default
 * severity; the message is printf-formatted (lower case, no trailing
 * period).  file must outlive the sink (use zl_sink_intern()).
 */
void zl_report(struct zl_sink *s, enum zl_rule rule, const char *file,
	       uint32_t line, uint32_t col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* As zl_report() with an explicit severity (rules whose level depends on the case). */
void zl_report_sev(struct zl_sink *s, enum zl_rule rule, enum zl_severity sev,
		   const char *file, uint32_t line, uint32_t col,
		   const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/*
 * Mark the finding reported last as fatal: it says why the exit status is
 * 2 (a file could not be read) or 3 (no origin), or why the run is
 * incomplete (a named.conf syntax error), so neither --select, --ignore,
 * --severity, .zonelint nor an inline directive hides it, and it keeps
 * its severity.  Only findings, not these, are a matter of taste.
 */
void zl_sink_mark_fatal(struct zl_sink *s);

/*
 * Add every file name and finding of src to dst as if they had been
 * interned and reported to dst in src's order: names src interned are
 * interned in dst first (in src's order, so dst's file order is as if
 * one sink had been used throughout), then each finding is appended with
 * its message copied, its file name dst's copy, a new seq and fatal kept.
 * A finding whose file name src never interned keeps its pointer.  src
 * is unchanged; dst must not be src.  For the findings of a file read on
 * a worker thread (-j), merged in command-line order.
 */
void zl_sink_append(struct zl_sink *dst, const struct zl_sink *src);

/*
 * zl_sink_append() for a src that is freed next: the same findings in
 * dst, in the same order, but their messages move instead of being
 * copied (dst takes src's memory), so the findings are never held
 * twice.  src is left empty and still needs zl_sink_free().  For the
 * side sinks of the rules (zl_sink_fork()).
 */
void zl_sink_take(struct zl_sink *dst, struct zl_sink *src);

/*
 * Intern a file name: returns the sink's copy, the same pointer for equal
 * strings, so diagnostics can be grouped by file in first-use order.
 */
const char *zl_sink_intern(struct zl_sink *s, const char *str);

/*
 * Make child an empty sink for findings reported while parent is in use
 * elsewhere (rules running in another thread): child shares parent's
 * interned file names, which must outlive it (the parent's are never
 * freed before the parent is).  Hand the findings back with
 * zl_sink_append(parent, child), then free child.
 */
void zl_sink_fork(struct zl_sink *child, const struct zl_sink *parent);

/*
 * Sort the findings by file (in order of first appearance), line, column,
 * then emission order.
 */
void zl_sink_sort(struct zl_sink *s);

/*
 * Sort as zl_sink_sort() does, then drop each finding that repeats an
 * earlier one exactly (file, line, column, rule, severity and message):
 * a zone file read once per view that serves it gives each finding once.
 */
void zl_sink_dedupe(struct zl_sink *s);

/*
 * Write all findings in gcc style, one a line:
 * "file:line:col: error: message [rule-id]" ("note" for info); control
 * octets of file and message as \DDD (zl_fput_text()).
 */
void zl_format_gcc(const struct zl_sink *s, FILE *out);

/*
 * gcc style, then for findings with a line the source line read back from
 * the file (lazily, only for those findings; files that cannot be reopened,
 * such as "-", get no excerpt) and a caret under the column; tabs before the
 * column are copied so the caret lines up.  Control octets other than tab
 * as \DDD, in the excerpt too.  ANSI colour only if color.
 */
void zl_format_tty(const struct zl_sink *s, bool color, FILE *out);

/*
 * One JSON document (format_version 1): tool name and version, findings
 * with file, line, column, end_column (null: unknown), severity, rule,
 * message and doc ("zonelint --explain RULE (reference)"), and a summary
 * with the count per severity.  Line and column are null when 0 (unknown).
 * Strings that are not valid UTF-8 get U+FFFD for each bad byte.
 */
void zl_format_json(const struct zl_sink *s, FILE *out);
/* (A file that could not be read is a finding too: zone-syntax, or
 * conf-syntax for named.conf, with line null.) */

/*
 * A SARIF 2.1.0 log: one run whose tool.driver.rules is the whole rule
 * table and whose results are the findings (ruleId, ruleIndex, level,
 * message.text, location as a percent-escaped relative URI with region
 * startLine/startColumn; a whole-file finding gets startLine 1), and one
 * invocation, executionSuccessful false when a fatal finding (a file that
 * could not be read, an origin that could not be told) is among them.
 */
void zl_format_sarif(const struct zl_sink *s, FILE *out);

/*
 * GitHub Actions workflow commands, one a line:
 * "::error file=F,line=L,col=C,title=RULE::MESSAGE" (warning, notice),
 * escaped as @actions/core does: data %, CR, LF; properties also : and ,.
 */
void zl_format_github(const struct zl_sink *s, FILE *out);

/* Output formats (--format). */
enum zl_format {
	ZL_FORMAT_GCC,
	ZL_FORMAT_TTY,
	ZL_FORMAT_JSON,
	ZL_FORMAT_SARIF,
	ZL_FORMAT_GITHUB,
};

/* --color values. */
enum zl_color {
	ZL_COLOR_AUTO,
	ZL_COLOR_ALWAYS,
	ZL_COLOR_NEVER,
};

/* Format by name ("gcc", "tty", "json", "sarif", "github"); false if unknown. */
bool zl_format_parse(const char *name, enum zl_format *fmt);

/*
 * The format when none is given: github if GITHUB_ACTIONS=true, else tty
 * when the output is a terminal, else gcc.
 */
enum zl_format zl_format_default(bool out_is_tty);

/* --color value by name ("always", "never", "auto"); false if unknown. */
bool zl_color_parse(const char *name, enum zl_color *color);

/*
 * Whether to colour: always/never as given; auto = the output is a
 * terminal and NO_COLOR is unset or empty.
 */
bool zl_color_wanted(enum zl_color color, bool out_is_tty);

/* Write every finding of s to out in fmt (color matters for tty only). */
void zl_format_write(const struct zl_sink *s, enum zl_format fmt, bool color,
		     FILE *out);

/*
 * The lint command's output: every finding of s to path (created or
 * truncated; NULL = standard output) in *fmt, or zl_format_default() when
 * fmt is NULL, coloured as zl_color_wanted(color) says for that output.
 * False, after a message on stderr, if path cannot be opened or written.
 */
bool zl_format_output(const struct zl_sink *s, const char *path,
		      const enum zl_format *fmt, enum zl_color color);

#endif
