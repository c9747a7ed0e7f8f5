/* progress.h - a progress line on the terminal while a big zone file is read. */
#ifndef ZL_PROGRESS_H
#define ZL_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Files under this many octets never show progress. */
#define ZL_PROGRESS_MIN (100u * 1000u * 1000u)

/*
 * The state of one progress line.  Plain data owned by the caller (the
 * parser keeps one per zl_parse_file() call); nothing to free.
 */
struct zl_progress {
	bool on;		/* showing progress for this file */
	bool shown;		/* a line is on the terminal (to be cleared) */
	const char *name;	/* file name as displayed; not copied */
	uint64_t total;		/* file size, octets */
	uint64_t done;		/* octets read so far */
	struct timespec start, last; /* CLOCK_MONOTONIC: begin, last line */
};

/*
 * Whether a file shows progress: a regular file of at least
 * ZL_PROGRESS_MIN octets (size), read while both standard output and
 * standard error are terminals, so redirected output (a CI log, a pipe,
 * -O) never carries it.
 */
bool zl_progress_wanted(bool regular, uint64_t size, bool out_tty, bool err_tty);

/*
 * The text of one progress line, without the carriage return: "<name>:
 * <done> of <total> MB (<percent>%), <records> records, <rate> records/s"
 * (MB are 10^6 octets), for records read in seconds.  Writes at most cap
 * octets with the NUL to buf; returns what snprintf() returns.
 */
int zl_progress_format(char *buf, size_t cap, const struct zl_progress *p,
		       uint32_t records, double seconds);

/*
 * Begin for the zone file open on fd, displayed as name (not copied):
 * on when zl_progress_wanted() says so for fd and the two terminals.
 */
void zl_progress_begin(struct zl_progress *p, int fd, const char *name);

/*
 * n more octets were read and records (the count so far) handed over.
 * Writes "\rzonelint: " and zl_progress_format()'s line to standard
 * error at most four times a second, beginning half a second in, so a
 * quick run shows nothing.
 */
void zl_progress_add(struct zl_progress *p, size_t n, uint32_t records);

/* Clear the progress line, if one was written, before findings are printed. */
void zl_progress_end(struct zl_progress *p);

#endif
