/* jobs.c - reading several zone files on worker threads (-j N) and adding them to the database in command-line order. */
#include "jobs.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* One file of the set. */
struct job {
	struct zl_load_log *log; /* read, not yet loaded (under lock) */
	bool taken;		/* a thread reads it, or has (under lock) */
	bool done;		/* log is set (under lock) */
};

/*
 * Files a worker may read past the one the main thread adds: enough that
 * the workers never wait for it on small files, few enough that what
 * they read ahead (each file's records and findings, held until added)
 * stays a few MiB however many files a named.conf lists (5,000 small
 * zones read ahead without a bound took 35 MB at -j 2, 12 MB at -j 1).
 */
#define JOBS_AHEAD 32

struct zl_jobs {
	pthread_mutex_t lock;
	pthread_cond_t done;	/* a job got done */
	pthread_cond_t room;	/* the main thread moved on to a later file */
	size_t adding;		/* the file the main thread adds, or waits for (under lock) */
	const struct zl_load_opts *files;
	struct job *v;
	size_t n;
	size_t next;		/* no job before it is left to take (under lock) */
	bool stop;		/* take no more jobs (under lock) */
	pthread_t *threads;
	unsigned nthreads;	/* started */
};

/* A worker: take the next file, read it into a log, hand it over; until none is left. */
static void *worker(void *arg)
{
	struct zl_jobs *j = arg;

	pthread_mutex_lock(&j->lock);
	for (;;) {
		while (j->next < j->n && j->v[j->next].taken)
			j->next++;	/* zl_jobs_load() read it itself */
		if (j->stop || j->next == j->n)
			break;
		if (j->next >= j->adding + JOBS_AHEAD) {
			pthread_cond_wait(&j->room, &j->lock);
			continue;
		}
		size_t i = j->next++;
		j->v[i].taken = true;
		pthread_mutex_unlock(&j->lock);
		struct zl_load_log *log = zl_log_read(&j->files[i]);
		pthread_mutex_lock(&j->lock);
		j->v[i].log = log;
		j->v[i].done = true;
		pthread_cond_broadcast(&j->done);
	}
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

struct zl_jobs *zl_jobs_start(const struct zl_load_opts *files, size_t n,
			      unsigned threads)
{
	struct zl_jobs *j = zl_xmalloc(sizeof(*j));

	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->done, NULL);
	pthread_cond_init(&j->room, NULL);
	j->adding = 0;
	j->files = files;
	j->n = n;
	j->v = zl_xmalloc((n ? n : 1) * sizeof(*j->v));
	for (size_t i = 0; i < n; i++)
		j->v[i] = (struct job){ NULL, false, false };
	j->next = 0;
	j->stop = false;
	if (threads > n)
		threads = (unsigned)n;
	j->threads = zl_xmalloc((threads ? threads : 1) * sizeof(*j->threads));
	j->nthreads = 0;
	for (unsigned k = 0; k < threads; k++) {
		if (pthread_create(&j->threads[j->nthreads], NULL, worker, j) != 0)
			break;	/* fewer threads; zl_jobs_load() reads what none takes */
		j->nthreads++;
	}
	return j;
}

enum zl_parse_result zl_jobs_load(struct zl_jobs *j, size_t i, struct zl_db *db,
				  struct zl_sink *sink, struct zl_zone **zone_out)
{
	pthread_mutex_lock(&j->lock);
	if (i > j->adding) {
		j->adding = i;
		pthread_cond_broadcast(&j->room);
	}
	if (!j->v[i].taken) {
		/* no worker got to it (the first file, as a rule): every file
		 * before it is loaded, so it goes straight into the database */
		struct zl_load_opts o = j->files[i];
		j->v[i].taken = true;
		pthread_mutex_unlock(&j->lock);
		o.no_progress = true;	/* as for the files the workers read */
		return zl_db_load(db, &o, sink, zone_out);
	}
	while (!j->v[i].done)
		pthread_cond_wait(&j->done, &j->lock);
	struct zl_load_log *log = j->v[i].log;
	j->v[i].log = NULL;
	pthread_mutex_unlock(&j->lock);
	return zl_db_replay(db, &j->files[i], log, sink, zone_out);
}

void zl_jobs_free(struct zl_jobs *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stop = true;
	pthread_cond_broadcast(&j->room);
	pthread_mutex_unlock(&j->lock);
	for (unsigned k = 0; k < j->nthreads; k++)
		pthread_join(j->threads[k], NULL);
	for (size_t i = 0; i < j->n; i++)
		zl_log_free(j->v[i].log);
	free(j->threads);
	free(j->v);
	pthread_cond_destroy(&j->done);
	pthread_cond_destroy(&j->room);
	pthread_mutex_destroy(&j->lock);
	free(j);
}

unsigned zl_jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > ZL_JOBS_MAX ? ZL_JOBS_MAX : (unsigned)n;
}
