/* parser.h - reading master files (RFC 1035 section 5, BIND 9 dialect): the driver around the flex scanner and bison grammar. */
#ifndef ZL_PARSER_H
#define ZL_PARSER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "diag.h"
#include "path.h"
#include "zone.h"

/*
 * Built-in bounds, each reported as zonelint-limit (README "Limits").
 * They are far above what any real zone needs; they keep time and
 * memory linear in the input whatever the input is.
 */
#define ZL_MAX_INCLUDE_DEPTH 16		/* nested $INCLUDE files */
#ifndef ZL_MAX_GENERATE
#define ZL_MAX_GENERATE (1u << 20)	/* records from one $GENERATE (BIND has no limit); make fuzz lowers it */
#endif
#define ZL_MAX_LINE (1u << 20)		/* octets of one line, its line end not counted */
#define ZL_MAX_TOKEN (1u << 18)		/* octets of one word or quoted string (quotes not
					 * counted): 65,535 octets as \DDD escapes fit */
#define ZL_MAX_ENTRY (1u << 20)		/* octets an entry spans, lines in parentheses included */
#define ZL_MAX_RECORDS_DEFAULT 50000000u /* records of one file with its includes (--max-records) */

/*
 * Called once per record that parsed and passed its RDATA checks, in file
 * order.  rec and everything it points to is only valid during the call.
 */
typedef void (*zl_record_fn)(void *ctx, const struct zl_record *rec);

/*
 * Called when the origin of the top-level file becomes known (at most
 * once per zl_parse_file call): wire form and why ("-o", "$ORIGIN",
 * "SOA owner", "file name").
 */
typedef void (*zl_origin_fn)(void *ctx, const uint8_t *origin,
			     const char *source);

/*
 * Called for each comment that starts with "; zonelint" (after optional
 * blanks), in file order relative to the records: text[0..len) is the
 * comment from its ";" to the end of the line (no newline).  file is
 * interned (valid for the run); own_line is true when the comment stands
 * alone on its line (outside parentheses).
 */
typedef void (*zl_comment_fn)(void *ctx, const char *file, uint32_t line,
			      uint32_t col, const char *text, size_t len,
			      bool own_line);

/*
 * Opens an $INCLUDE file in place of zl_open_input(): path is the file as
 * the $INCLUDE resolves (root and workdir applied).  Returns the stream
 * (the parser fcloses it) with *sb filled in, or NULL with why (cap
 * bytes) saying why.  A previous version of a zone reads its includes
 * from git this way.
 */
typedef FILE *(*zl_open_fn)(void *ctx, const char *path, struct stat *sb,
			    char *why, size_t cap);

/*
 * Reading in two halves, on two threads (zl_parse_opts.split): the
 * reading thread runs the scanner and the grammar only, and hands every
 * entry line, and every $ORIGIN, $TTL and $GENERATE line, over packed,
 * with the start and end of every file it reads; another thread gives
 * those lines their meaning with a zl_entries (owner and RDATA names
 * against the origin, TTLs, RDATA in wire form, the record limit), as
 * zl_parse_file() would have.  The reader keeps $INCLUDE, whose file it
 * opens: for its origin argument it asks the other side for the origin
 * in force (sync).  Every callback runs on the reading thread.
 */
struct zl_split_hooks {
	/* room for a packed line of len octets (8-aligned), which the
	 * parser fills before its next call; its contents are internal
	 * to the parser and go to zl_entries_line() as they are */
	void *(*line)(void *ctx, size_t len);
	/* a file starts: file is interned in the parser's sink (the top
	 * file's display name, or an $INCLUDE's path); origin is the one
	 * it starts with (wire; NULL: none yet), for zl_entries_enter() */
	void (*enter)(void *ctx, const char *file, const uint8_t *origin);
	/* the file last entered and not left ends: zl_entries_leave() */
	void (*leave)(void *ctx);
	/* a line that hands nothing over was read (blank, a comment, or
	 * bad): lines go out in batches however few of them hand anything
	 * over, so that the other side sees each line in time, and the
	 * record limit stops the reader however long a stream of such
	 * lines follows it */
	void (*quiet)(void *ctx);
	/* wait until the other side has taken every line handed over so
	 * far; then *origin (ZL_NAME_MAX octets) gets its origin in force
	 * (returns false: none) and *stopped whether it stopped at the
	 * record limit (zl_entries_origin(), zl_entries_stopped()) */
	bool (*sync)(void *ctx, uint8_t *origin, bool *stopped);
	/* set (by the other side) once it stopped at the record limit:
	 * reading stops at the next line, in every file */
	_Atomic bool *stop;
	/* the records the other side has made so far (NULL: none known),
	 * for the reader's progress line */
	_Atomic uint32_t *records;
	void *ctx;
};

/* What to read and where to send what was read. */
struct zl_parse_opts {
	const char *path;	/* file to open; "-" = standard input */
	const char *display;	/* name used in diagnostics (default: path) */
	const uint8_t *origin;	/* wire form from -o, or NULL to infer it */
	const char *origin_source; /* why that origin, for -v (default "-o") */
	const char *workdir;	/* -w: base of relative $INCLUDE paths (root included); */
				/* NULL = root if set, else the current directory */
	const char *root;	/* chroot of $INCLUDE paths (named-checkconf -t), or NULL; */
				/* see zl_path_resolve() */
	char *open_error;	/* if set, why path could not be opened goes here, */
	size_t open_error_cap;	/* open_error_cap bytes, instead of to stderr */
	bool infer_from_filename; /* allow db.NAME / NAME.zone / NAME.db as last resort */
	uint32_t max_records;	/* stop after this many records; 0 = ZL_MAX_RECORDS_DEFAULT */
	bool no_progress;	/* never a progress line (a file read on a worker thread) */
	_Atomic uint64_t *octets_read; /* if set, the octets of the file (not its
				 * $INCLUDEs) read so far are added here as
				 * they are read (relaxed: another thread may
				 * watch it), or NULL */
	zl_record_fn on_record;
	zl_origin_fn on_origin;	/* may be NULL */
	zl_comment_fn on_comment; /* may be NULL */
	void *ctx;
	zl_open_fn open_include; /* NULL: $INCLUDE files from the file system */
	void *open_ctx;
	const struct zl_split_hooks *split; /* NULL: read and give meaning here;
				 * else the lines go to these hooks and
				 * on_record and on_origin are not called */
};

/* Outcome of zl_parse_file(). */
enum zl_parse_result {
	ZL_PARSE_OK = 0,	/* read to the end; errors, if any, are in the sink */
	ZL_PARSE_UNREADABLE = 2, /* the file could not be opened or read at all (reported) */
	ZL_PARSE_NO_ORIGIN = 3,	/* relative names but no origin could be found (reported) */
};

/*
 * Read one master file (and its $INCLUDEs), handing every good record to
 * opts->on_record and every syntax error to the sink as zone-syntax (or
 * zone-include-missing): one diagnostic per bad record, then the parser
 * goes on with the next record.  The origin is opts->origin, else a
 * $ORIGIN before the first record, else the owner of an SOA written as an
 * absolute name, else (if allowed) the file name.
 */
enum zl_parse_result zl_parse_file(const struct zl_parse_opts *opts,
				   struct zl_sink *sink);

/*
 * The other half of a split read (zl_split_hooks): the meaning of the
 * lines, on the thread that calls these, in the order the reader handed
 * them over.  opts is as for zl_parse_file() (path, origin,
 * origin_source, infer_from_filename, max_records, on_record, on_origin,
 * ctx; the rest unused); findings go to sink, file names as given.
 * Allocates (out of memory exits 2); zl_entries_end() frees.
 */
struct zl_entries;
struct zl_entries *zl_entries_new(const struct zl_parse_opts *opts,
				  struct zl_sink *sink);

/* A file starts (zl_split_hooks.enter): file must stay valid (interned in sink). */
void zl_entries_enter(struct zl_entries *es, const char *file, const uint8_t *origin);

/* One packed line (zl_split_hooks.line), len octets: records go to opts->on_record. */
void zl_entries_line(struct zl_entries *es, const void *line, size_t len);

/* The file last entered ends; the including file's origin and previous owner are back. */
void zl_entries_leave(struct zl_entries *es);

/* Records made so far (handed to opts->on_record). */
uint32_t zl_entries_records(const struct zl_entries *es);

/* Whether the record limit stopped the read: the lines after it are ignored. */
bool zl_entries_stopped(const struct zl_entries *es);

/* The origin in force in the file being read, into origin (ZL_NAME_MAX octets); false if none. */
bool zl_entries_origin(const struct zl_entries *es, uint8_t *origin);

/*
 * The read ended with the reader's result read: the origin from the
 * file name if none was found (as zl_parse_file()), then es is freed.
 * Returns zl_parse_file()'s result for the whole read.
 */
enum zl_parse_result zl_entries_end(struct zl_entries *es, enum zl_parse_result read);

/*
 * Origin a file name suggests ("db.example.com" -> "example.com.",
 * "example.com.zone" and "example.com.db" likewise; directory part
 * ignored).  Only names of two or more labels whose last label is not
 * all digits count ("db.cosi", "db.lab.144" suggest nothing).  Writes
 * wire form to out (ZL_NAME_MAX octets) and returns true, or false if the
 * name has none of these forms.
 */
bool zl_origin_from_filename(const char *path, uint8_t *out);

#endif
