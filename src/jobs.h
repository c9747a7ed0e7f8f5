/* jobs.h - reading several zone files on worker threads (-j N) and adding them to the database in command-line order. */
#ifndef ZL_JOBS_H
#define ZL_JOBS_H

#include <stddef.h>

#include "load.h"

/* Most worker threads -j accepts. */
#define ZL_JOBS_MAX 256

/* A running set of reads (opaque). */
struct zl_jobs;

/*
 * Start reading files[0..n) ahead on min(threads, n) worker threads,
 * each taking the next file in index order and reading it with
 * zl_log_read().  files (and everything they point to) must stay
 * unchanged until zl_jobs_free().  If no thread can be started the
 * files are read by zl_jobs_load() on the calling thread.  Returns the
 * set (free with zl_jobs_free()).
 */
struct zl_jobs *zl_jobs_start(const struct zl_load_opts *files, size_t n,
			      unsigned threads);

/*
 * Add file i to db and sink as zl_db_load(db, &files[i], sink, zone_out)
 * would, but never with a progress line: waits until a worker has read
 * it and replays it; a file no worker has taken yet is read here,
 * straight into db.  Call it for each
 * i at most once, in ascending order, on one thread (the one that owns
 * db and sink), so the result is the same whatever the number of
 * threads.  Returns the parser's result.
 */
enum zl_parse_result zl_jobs_load(struct zl_jobs *j, size_t i, struct zl_db *db,
				  struct zl_sink *sink, struct zl_zone **zone_out);

/*
 * Stop: no file is started any more, the threads are joined (a file
 * being read is read to its end) and what was read but never loaded is
 * freed.  NULL is allowed.
 */
void zl_jobs_free(struct zl_jobs *j);

/*
 * The number of threads -j means when not given: the processors online
 * (sysconf(_SC_NPROCESSORS_ONLN)), at least 1 and at most ZL_JOBS_MAX.
 */
unsigned zl_jobs_default(void);

#endif
