/* namedconf.h - named.conf as named 9.18 reads it (BIND 9.18 ARM chapter 8): its views and zones, and the primary zones loaded into one zone database per view. */
#ifndef ZL_NAMEDCONF_H
#define ZL_NAMEDCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "load.h"
#include "name.h"
#include "parser.h"
#include "zone.h"

/* Built-in bounds, each a conf-syntax or conf-include-missing error when exceeded. */
#define ZL_NC_MAX_INCLUDE_DEPTH 16	/* include files open at once, the configuration included */
#define ZL_NC_MAX_NESTING 64		/* nested { } blocks */

/* Zone types (BIND 9.18 ARM section 8.2.34.1). */
enum zl_nc_type {
	ZL_NC_TYPE_NONE,	/* no type clause: an in-view zone, or an error */
	ZL_NC_TYPE_PRIMARY,	/* primary, or its old name master */
	ZL_NC_TYPE_SECONDARY,	/* secondary, or slave */
	ZL_NC_TYPE_MIRROR,
	ZL_NC_TYPE_HINT,
	ZL_NC_TYPE_STUB,
	ZL_NC_TYPE_STATIC_STUB,
	ZL_NC_TYPE_FORWARD,
	ZL_NC_TYPE_REDIRECT,
	ZL_NC_TYPE_DELEGATION_ONLY,
	ZL_NC_TYPE_UNKNOWN,	/* anything else (reported as conf-zone-invalid) */
};

/*
 * A view statement (section 8.2.31).  views[0] of a configuration stands
 * for the top level: the default view named creates for zones outside
 * any view (name NULL).
 */
struct zl_nc_view {
	const char *name;	/* as written, or NULL for the top level */
	uint16_t rclass;	/* IN unless the view names a class */
	const char *conf;	/* where the view's name is: file (interned in the sink), */
	uint32_t line, col;	/* line and column */
	int format;		/* its masterfile-format: -1 not given, 0 text, 1 raw */
};

/* A zone statement (section 8.2.33), as written and as named would resolve it. */
struct zl_nc_zone {
	uint8_t name[ZL_NAME_MAX];	/* wire form, if name_ok */
	bool name_ok;
	const char *text;	/* the name as written (unquoted), for messages */
	size_t view;		/* index into zl_nc_conf.views */
	uint16_t rclass;	/* its class, else its view's */
	enum zl_nc_type type;
	const char *type_text;	/* the type word as written, or NULL */
	const char *file;	/* the file clause's string, or NULL */
	const char *path;	/* file as named opens it (directory, root applied), or NULL */
	const char *in_view;	/* in-view VIEW, or NULL */
	const struct zl_nc_zone *in_view_zone; /* the zone of VIEW it stands for, or NULL */
	bool elsewhere;		/* data from dlz or a database other than rbt, not a file */
	int format;		/* its own masterfile-format: -1 not given, 0 text, 1 raw */
	bool raw;		/* raw by its own, its view's or the options' masterfile-format */
	bool relative_lost;	/* a relative file under a directory that does not exist */
	bool invalid;		/* reported as conf-zone-invalid */
	bool duplicate;		/* reported as conf-zone-duplicate */
	const char *conf;	/* where the zone's name is written: file (interned), */
	uint32_t line, col;	/* line and column */
	uint32_t file_line, file_col; /* where its file string is (in the same file) */
};

/* A configuration as read by zl_nc_read().  Everything lives in mem. */
struct zl_nc_conf {
	struct zl_nc_view *views;	/* views[0]: the top level */
	size_t nviews;
	struct zl_nc_zone *zones;	/* in the order named reads them */
	size_t nzones;
	const char *directory;	/* the directory option, resolved; NULL = the working directory */
	const char *root;	/* the -t root, or NULL */
	struct zl_arena mem;
};

/* Outcome of zl_nc_read(). */
enum zl_nc_result {
	ZL_NC_OK = 0,		/* read to the end; findings, if any, are in the sink */
	ZL_NC_SYNTAX = 1,	/* a syntax error stopped the reading (reported) */
	ZL_NC_UNREADABLE = 2,	/* the configuration file itself cannot be read (a fatal */
				/* conf-syntax finding at line 0) */
};

/*
 * Read the named.conf at path, with its includes, into conf (initialised
 * here; free it with zl_nc_free() whatever the result).  root, if not
 * NULL or empty, is where named would be chrooted (named-checkconf -t):
 * every path, path itself included, is looked up below it, and the
 * working directory is its top ("/" and "." are roots like any other,
 * see zl_path_resolve()).  Relative paths resolve as named resolves
 * them: include files against the directory option in force where the
 * include stands (the working directory before it), and
 * zone files against the final directory (BIND 9.18 ARM section 8.2.14).
 * Findings about the configuration go to sink with rule ids conf-*:
 * syntax, includes, the directory, invalid or duplicate zones, primary
 * zones without a file.  The zones of conf are those declared before a
 * syntax error, if there is one.
 */
enum zl_nc_result zl_nc_read(struct zl_nc_conf *conf, const char *path,
			     const char *root, struct zl_sink *sink);

/* Free everything zl_nc_read() allocated. */
void zl_nc_free(struct zl_nc_conf *conf);

/* The type word's meaning ("primary", "master", ... case-insensitive). */
enum zl_nc_type zl_nc_type_from_text(const char *text);

/*
 * Why zone z is not linted ("type secondary: named does not load it from
 * a file of its own", ...), or NULL when it is: a valid primary zone
 * (not a duplicate) with a readable-looking text file.  The phrase is
 * static or in conf->mem.
 */
const char *zl_nc_skip_reason(const struct zl_nc_conf *conf,
			      const struct zl_nc_zone *z);

/*
 * The zone an in-view zone z stands for: the zone of the same name and
 * class in the earlier view z->in_view names, or NULL if there is none,
 * if that zone is itself in-view (named refuses that), or if z has no
 * in-view (BIND 9.18 ARM section 8.2.34.5).
 */
const struct zl_nc_zone *zl_nc_in_view_target(const struct zl_nc_conf *conf,
					      const struct zl_nc_zone *z);

/* One view's zones, loaded into a database of their own. */
struct zl_nc_set {
	const struct zl_nc_view *view;
	struct zl_db db;
};

/* How to load the zone files of a configuration. */
struct zl_nc_load_opts {
	zl_comment_fn on_comment;	/* "; zonelint" comments (inline directives), or NULL */
	void *comment_ctx;
	FILE *verbose;			/* say which zones are linted and why others are not, or NULL */
	zl_line_fn syntax_only;		/* non-NULL: --syntax-only, each zone file checked as it */
					/* is read (zl_stream_load(), this its on_record_line), */
					/* the databases left empty */
	unsigned jobs;			/* read the zone files on up to this many threads (-j); */
					/* 0 or 1: one at a time, on the calling thread */
};

/*
 * Load the primary zones of conf, each view's zones into a database of
 * their own (a view is one data set, as named serves it: SPF includes
 * are followed between its zones, never into another view's).  Each zone
 * file is read with the zone's name as its origin and the directory
 * option as the base of relative $INCLUDE paths.  An in-view zone brings
 * the zone it refers to into its view too.  *sets (heap, nsets entries;
 * free with zl_nc_sets_free()) always has one set per view, views[0]
 * first.  A zone file that cannot be opened is conf-zone-file-missing
 * at its file clause.  With o->jobs > 1 the files are read on worker
 * threads and added in the same order, with the same result (with
 * o->syntax_only one after the other, each read on a second thread).  Returns
 * ZL_PARSE_UNREADABLE if any zone file could not be read, else
 * ZL_PARSE_OK.
 */
enum zl_parse_result zl_nc_load(const struct zl_nc_conf *conf,
				const struct zl_nc_load_opts *o,
				struct zl_nc_set **sets, size_t *nsets,
				struct zl_sink *sink);

/* Free the sets and their databases. */
void zl_nc_sets_free(struct zl_nc_set *sets, size_t nsets);

#endif
