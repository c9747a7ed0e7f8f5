/* progress.c - a progress line on the terminal while a big zone file is read. */
#include "progress.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

bool zl_progress_wanted(bool regular, uint64_t size, bool out_tty, bool err_tty)
{
	return regular && size >= ZL_PROGRESS_MIN && out_tty && err_tty;
}

int zl_progress_format(char *buf, size_t cap, const struct zl_progress *p,
		       uint32_t records, double seconds)
{
	return snprintf(buf, cap, "%s: %.0f of %.0f MB (%.0f%%), %u records, %.0f records/s",
			p->name, (double)p->done / 1e6, (double)p->total / 1e6,
			p->total ? 100.0 * (double)p->done / (double)p->total : 0.0,
			records, seconds > 0 ? (double)records / seconds : 0.0);
}

void zl_progress_begin(struct zl_progress *p, int fd, const char *name)
{
	struct stat sb;
	bool ok = fstat(fd, &sb) == 0;

	p->on = false;
	p->shown = false;
	p->name = name;
	p->done = 0;
	p->total = ok ? (uint64_t)sb.st_size : 0;
	if (!zl_progress_wanted(ok && S_ISREG(sb.st_mode), p->total,
				isatty(STDOUT_FILENO), isatty(STDERR_FILENO)))
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
	p->on = true;
}

void zl_progress_add(struct zl_progress *p, size_t n, uint32_t records)
{
	struct timespec now;
	char line[512];

	if (!p->on)
		return;
	p->done += n;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double run = seconds_between(&p->start, &now);
	if (run < 0.5 || (p->shown && seconds_between(&p->last, &now) < 0.25))
		return;
	p->last = now;
	zl_progress_format(line, sizeof(line), p, records, run);
	fprintf(stderr, "\rzonelint: %s\033[K", line);
	p->shown = true;
}

void zl_progress_end(struct zl_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->on = false;
	p->shown = false;
}
