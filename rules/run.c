/* run.c - runs every rule family over the loaded data, the SPF family in a thread of its own when allowed. */
#include "checks.h"
#include "zonecheck.h"

#include <pthread.h>
#include <string.h>

/*
 * The families that look at names and records, in their fixed order:
 * zone-duplicate-rr, the apex, the nodes, the records, TXT hygiene.
 * Each walk over the data serves two families (reading a big zone's
 * nodes or records from memory costs more than most checks on them).
 * The records are walked first, to collect the owners of NS and DNAME
 * records (zone cuts) for the walk over the nodes, which any thread
 * with time may share (struct zl_nodes_job); the findings that come
 * later in the order above wait in sinks of their own.
 */
struct zone_run {
	struct zl_sink nodes, records, txt;
	struct zc_cuts cuts;
	struct zl_nodes_job job;
};

/* The walk over the records; then zr->job is ready for zl_nodes_job_work(). */
static void zone_begin(const struct zl_db *db, struct zl_sink *sink, struct zone_run *zr)
{
	memset(&zr->cuts, 0, sizeof(zr->cuts));
	zl_sink_fork(&zr->nodes, sink);
	zl_sink_fork(&zr->records, sink);
	zl_sink_fork(&zr->txt, sink);
	zl_check_zone_records(db, &zr->records, &zr->txt, &zr->cuts);
	zl_nodes_job_init(&zr->job, db, &zr->cuts);
}

/* After every zl_nodes_job_work() on zr->job has returned: the apex, and the findings in order. */
static void zone_end(const struct zl_db *db, struct zl_sink *sink, struct zone_run *zr)
{
	zl_nodes_job_finish(&zr->job, sink, &zr->nodes);
	zc_cuts_free(&zr->cuts);
	zl_check_zone_apex(db, sink);
	zl_sink_take(sink, &zr->nodes);
	zl_sink_take(sink, &zr->records);
	zl_sink_take(sink, &zr->txt);
	zl_sink_free(&zr->nodes);
	zl_sink_free(&zr->records);
	zl_sink_free(&zr->txt);
}

static void zone_families(const struct zl_db *db, struct zl_sink *sink)
{
	struct zone_run zr;

	zone_begin(db, sink, &zr);
	zl_nodes_job_work(&zr.job);
	zone_end(db, sink, &zr);
}

void zl_rules_run(const struct zl_db *db, struct zl_sink *sink)
{
	zl_rules_run_jobs(db, sink, 1);
}

/*
 * What the SPF thread works on.  The per-name SPF checks go to whichever
 * thread is free first once the records are loaded (the other families
 * on the main thread take about as long as the SPF records), into a
 * sink of their own that is appended last, as one job reports them.
 * Then the SPF thread helps with the walk over the nodes, once the
 * main thread has walked the records and made it ready.
 */
struct spf_job {
	const struct zl_db *db;
	struct zl_sink sink;		/* findings about the SPF records */
	struct zl_sink names;		/* findings about the names */
	struct zl_spf_run *run;
	struct zl_nodes_job *nodes;	/* set (under lock) when it may be worked on */
	pthread_mutex_t lock;
	pthread_cond_t loaded;		/* ready or nodes set */
	bool ready;			/* run is set (under lock) */
	bool names_taken;		/* a thread does the per-name checks (under lock) */
};

/* True for the first thread to ask: it does the per-name checks. */
static bool take_names(struct spf_job *j)
{
	pthread_mutex_lock(&j->lock);
	bool mine = !j->names_taken;
	j->names_taken = true;
	pthread_mutex_unlock(&j->lock);
	return mine;
}

static void *spf_thread(void *arg)
{
	struct spf_job *j = arg;
	struct zl_spf_run *run = zl_spf_load(j->db, &j->sink);

	pthread_mutex_lock(&j->lock);
	j->run = run;
	j->ready = true;
	pthread_cond_broadcast(&j->loaded);
	pthread_mutex_unlock(&j->lock);
	zl_spf_check_records(run);
	if (take_names(j))
		zl_spf_check_names(run, &j->names);
	pthread_mutex_lock(&j->lock);
	while (!j->nodes)
		pthread_cond_wait(&j->loaded, &j->lock);
	pthread_mutex_unlock(&j->lock);
	zl_nodes_job_work(j->nodes);
	return NULL;
}

/* The families beside the SPF thread, with j prepared; false if no thread could be started. */
static bool run_two(const struct zl_db *db, struct zl_sink *sink, struct spf_job *j)
{
	pthread_t t;
	struct zone_run zr;

	if (pthread_create(&t, NULL, spf_thread, j) != 0)
		return false;
	zone_begin(db, sink, &zr);
	pthread_mutex_lock(&j->lock);
	j->nodes = &zr.job;
	pthread_cond_broadcast(&j->loaded);
	pthread_mutex_unlock(&j->lock);
	zl_nodes_job_work(&zr.job);
	pthread_mutex_lock(&j->lock);
	while (!j->ready)
		pthread_cond_wait(&j->loaded, &j->lock);
	pthread_mutex_unlock(&j->lock);
	if (take_names(j))
		zl_spf_check_names(j->run, &j->names);
	pthread_join(t, NULL);
	zone_end(db, sink, &zr);
	zl_sink_take(sink, &j->sink);
	zl_sink_take(sink, &j->names);
	zl_spf_free(j->run);
	return true;
}

void zl_rules_run_jobs(const struct zl_db *db, struct zl_sink *sink, unsigned jobs)
{
	/* The families only read db.  The SPF family costs about as much as
	 * the others together, so with two jobs it runs beside them, into
	 * sinks of its own that are appended afterwards: the findings and
	 * their order are those of one job. */
	if (jobs >= 2) {
		struct spf_job j = { .db = db };
		bool done = false;
		if (pthread_mutex_init(&j.lock, NULL) == 0) {
			if (pthread_cond_init(&j.loaded, NULL) == 0) {
				zl_sink_fork(&j.sink, sink);
				zl_sink_fork(&j.names, sink);
				done = run_two(db, sink, &j);
				zl_sink_free(&j.sink);
				zl_sink_free(&j.names);
				pthread_cond_destroy(&j.loaded);
			}
			pthread_mutex_destroy(&j.lock);
		}
		if (done)
			return;
		/* no thread to be had: one job */
	}
	zone_families(db, sink);
	zl_check_spf(db, sink);
}
