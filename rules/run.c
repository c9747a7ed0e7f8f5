/* run.c - runs every rule family over the loaded data, the SPF family in a thread of its own when allowed. */
#include "checks.h"
#include "zonecheck.h"

#include <pthread.h>

/*
 * The families that look at names and records, in their fixed order:
 * zone-duplicate-rr, the apex, the nodes, the records, TXT hygiene.
 * Each walk over the data serves two families (reading a big zone's
 * nodes or records from memory costs more than most checks on them).
 * The records are walked first, to collect the owners of NS and DNAME
 * records (zone cuts) for the walk over the nodes; the findings that
 * come later in the order above wait in sinks of their own.
 */
static void zone_families(const struct zl_db *db, struct zl_sink *sink)
{
	struct zl_sink nodes, records, txt;
	struct zc_cuts cuts = { 0 };

	zl_sink_fork(&nodes, sink);
	zl_sink_fork(&records, sink);
	zl_sink_fork(&txt, sink);
	zl_check_zone_records(db, &records, &txt, &cuts);
	zl_check_zone_nodes(db, sink, &nodes, &cuts);
	zc_cuts_free(&cuts);
	zl_check_zone_apex(db, sink);
	zl_sink_append(sink, &nodes);
	zl_sink_append(sink, &records);
	zl_sink_append(sink, &txt);
	zl_sink_free(&nodes);
	zl_sink_free(&records);
	zl_sink_free(&txt);
}

void zl_rules_run(const struct zl_db *db, struct zl_sink *sink)
{
	zl_rules_run_jobs(db, sink, 1);
}

/* What the SPF thread works on. */
struct spf_job {
	const struct zl_db *db;
	struct zl_sink sink;
};

static void *spf_thread(void *arg)
{
	struct spf_job *j = arg;
	zl_check_spf(j->db, &j->sink);
	return NULL;
}

void zl_rules_run_jobs(const struct zl_db *db, struct zl_sink *sink, unsigned jobs)
{
	struct spf_job j;
	pthread_t t;

	/* The families only read db.  The SPF family costs about as much as
	 * the others together, so with two jobs it runs beside them, into
	 * a sink of its own that is appended afterwards: the findings and
	 * their order are those of one job. */
	if (jobs >= 2) {
		j.db = db;
		zl_sink_fork(&j.sink, sink);
		if (pthread_create(&t, NULL, spf_thread, &j) == 0) {
			zone_families(db, sink);
			pthread_join(t, NULL);
			zl_sink_append(sink, &j.sink);
			zl_sink_free(&j.sink);
			return;
		}
		zl_sink_free(&j.sink);	/* no thread to be had: one job */
	}
	zone_families(db, sink);
	zl_check_spf(db, sink);
}
