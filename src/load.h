/* load.h - reading a master file into the zone model: the one place that wires the parser's callbacks to a zl_db. */
#ifndef ZL_LOAD_H
#define ZL_LOAD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "parser.h"
#include "zone.h"

/*
 * Called by zl_stream_load() for each record, in reading order, with the
 * file it was read from (interned) and its first line; then once with
 * file NULL and line 0 when the top-level file is done.
 */
typedef void (*zl_line_fn)(void *ctx, const char *file, uint32_t line);

/* How to read one file into the database (or check it, zl_stream_load()). */
struct zl_load_opts {
	const char *path;	/* file to read; "-" = standard input */
	const uint8_t *origin;	/* wire form (-o), or NULL to infer it (see zl_parse_file) */
	const char *origin_source; /* why that origin (default "-o"), for -v */
	const char *workdir;	/* base of relative $INCLUDE paths (see zl_parse_opts) */
	const char *root;	/* chroot of $INCLUDE paths, or NULL (see zl_parse_opts) */
	char *open_error;	/* if set, why path could not be opened (open_error_cap */
	size_t open_error_cap;	/* bytes) instead of a message on stderr */
	bool infer_from_filename; /* allow db.NAME / NAME.zone / NAME.db */
	uint32_t max_records;	/* records read from the file with its includes; 0 = the default */
	bool no_progress;	/* never a progress line (see zl_parse_opts) */
	bool digest_text;	/* keep the TXT records no rule reads after loading
				 * (zl_txt_digestible()) as digests of their RDATA
				 * (zl_rr_digested()): much less memory for DKIM
				 * keys and site verifications; their text is then
				 * gone (not for dump or spf-eval) */
	zl_comment_fn on_comment; /* "; zonelint" comments, or NULL */
	zl_line_fn on_record_line; /* zl_stream_load() only: each record's line, or NULL */
	void *comment_ctx;	/* ctx of on_comment and on_record_line */
	zl_open_fn open_include; /* opens $INCLUDE files (see zl_parse_opts), or NULL */
	void *open_ctx;
	FILE *verbose;		/* where to say which origin was chosen and why, or NULL */
};

/*
 * Read o->path into db as a new zone (its RRs appended to the shared name
 * table, so names resolve across every file loaded).  Syntax errors go to
 * sink.  Returns the parser's result (ZL_PARSE_OK even with recovered
 * errors; ZL_PARSE_UNREADABLE; ZL_PARSE_NO_ORIGIN).  *zone_out (may be
 * NULL) receives the new zone.
 */
enum zl_parse_result zl_db_load(struct zl_db *db, const struct zl_load_opts *o,
				struct zl_sink *sink, struct zl_zone **zone_out);

/*
 * --syntax-only: read o->path as zl_db_load() does, but run the checks
 * of one record (zl_rr_checks_record()) on each record as it is read
 * and keep none of them, so memory does not grow with the file: no zone
 * model, no rules that compare records.  The file is its own zone, with
 * the origin the parser finds (records read before that get the checks
 * that need no origin only).  o->max_records 0 means no limit here
 * (UINT32_MAX records).  Returns the parser's result, as zl_db_load().
 */
enum zl_parse_result zl_stream_load(const struct zl_load_opts *o, struct zl_sink *sink);

/*
 * A file read ahead of its turn (-j): what zl_db_load() would have put
 * into the database and the sink, kept until zl_db_replay() adds it.
 */
struct zl_load_log;

/*
 * Read o->path as zl_db_load() would, into a new log instead of a
 * database (the RRs built, owner names kept for the name table, origin
 * and comment callbacks kept in order, findings in a sink of the log's
 * own).  Touches no shared state: safe on any thread, several at once,
 * while the main thread works on the database.  o->on_comment is not
 * called and nothing is written to o->verbose (both at the replay); no
 * progress line; o->open_include, if set, is called on this thread.
 * Returns the log (heap): replay it with zl_db_replay() or free it with
 * zl_log_free().  Out of memory exits with status 2.
 */
struct zl_load_log *zl_log_read(const struct zl_load_opts *o);

/*
 * Add what log holds to db and sink exactly as zl_db_load(db, o, sink,
 * zone_out) would have, o being the options log was read with: the same
 * zone, nodes in the same order, the same RRs, findings, origin line on
 * o->verbose and o->on_comment calls, all on the calling thread.  The
 * RRs' memory moves to db's arena; the log is freed.  Returns the
 * parser's result as zl_db_load() does.
 */
enum zl_parse_result zl_db_replay(struct zl_db *db, const struct zl_load_opts *o,
				  struct zl_load_log *log, struct zl_sink *sink,
				  struct zl_zone **zone_out);

/*
 * Octets of zone file from which reading it on a second thread
 * (zl_pipe_start()) pays for starting the thread: about 14,000 records,
 * some 10 ms of parsing, against a fraction of a millisecond.
 */
#define ZL_PIPE_MIN_OCTETS ((uint64_t)1 << 20)

/*
 * Whether o->path is worth a second thread: a regular file of at least
 * ZL_PIPE_MIN_OCTETS, or anything whose size cannot be known beforehand
 * (standard input, a FIFO; a path stat(2) fails on, which the read
 * reports).
 */
bool zl_load_wants_thread(const struct zl_load_opts *o);

/*
 * One big file on two threads (-j with one zone file): start reading
 * o->path on a thread of its own, into a log that hands what it read
 * over in batches of a few thousand lines while the file is still being
 * read (at most a few batches wait, so memory does not grow with the
 * file).  That thread only scans the file (a split read, parser.h
 * zl_split_hooks): the calling thread gives the lines their meaning
 * (names, TTLs, RDATA) as it takes them, so parsing runs on both.
 * progress: the reading thread may show the progress line (nothing else
 * writes to stderr meanwhile).  batch: events (lines, files, comments;
 * without a thread records and origins) in a batch; 0 for the default
 * (4096).  thread: false reads the file at once on this thread, whole,
 * as when no thread can be started (all its batches then wait in
 * memory).  check: for zl_pipe_check()
 * (--syntax-only: each batch's records are freed with it), else for
 * zl_pipe_load().  o must stay unchanged until that call returns.
 * Returns the log, for that call only.  Out of memory exits 2.
 */
struct zl_load_log *zl_pipe_start(const struct zl_load_opts *o, bool progress,
				  size_t batch, bool thread, bool check);

/*
 * Add what the reading thread of log hands over to db and sink as it
 * comes, exactly as zl_db_load(db, o, sink, zone_out) would have added
 * the file (same zone, nodes, RRs, findings in the same order, origin
 * line and comment callbacks on this thread); returns when the file is
 * read and added, with the parser's result.  Frees log.  While it waits
 * for the reader, this thread maps and faults in the memory that the
 * reader's RRs and db's arena take next (zl_arena_pool_fill(): a big
 * file's only, at most 8 MiB ahead, unmapped if unused at the end).
 */
enum zl_parse_result zl_pipe_load(struct zl_db *db, const struct zl_load_opts *o,
				  struct zl_load_log *log, struct zl_sink *sink,
				  struct zl_zone **zone_out);

/*
 * --syntax-only on two threads: check the records the reading thread of
 * log (zl_pipe_start() with check) hands over as they come, exactly as
 * zl_stream_load(o, sink) would have (the same findings in the same
 * order, interleaved with the parser's, and the same on_record_line and
 * on_comment calls, on this thread).  Memory stays bounded by the
 * batches waiting, whatever the file's size.  Returns the parser's
 * result as zl_stream_load() does.  Frees log.
 */
enum zl_parse_result zl_pipe_check(const struct zl_load_opts *o, struct zl_load_log *log,
				   struct zl_sink *sink);

/* Free a log that will not be replayed; NULL is allowed. */
void zl_log_free(struct zl_load_log *log);

#endif
