/* namedconf_load.c - loading the primary zones of a named.conf into zone databases, one per view. */
#include "namedconf.h"

#include <stdlib.h>
#include <string.h>

#include "jobs.h"
#include "load.h"

/* "zone example.com (view internal)" for -v; out: cap bytes. */
static const char *zone_label(const struct zl_nc_conf *conf, const struct zl_nc_zone *z,
			      char *out, size_t cap)
{
	const char *view = conf->views[z->view].name;

	if (view)
		snprintf(out, cap, "zone %s (view %s)", z->text, view);
	else
		snprintf(out, cap, "zone %s", z->text);
	return out;
}

/* One zone statement of the configuration, and what is read for it. */
struct nc_item {
	const struct zl_nc_zone *lint;	/* the zone whose file is read (in-view: the other view's) */
	const char *skip;		/* why it is not linted, or NULL */
	char why[200];			/* why the file could not be opened ("": it could) */
};

/*
 * The options to read the file of primary zone z with (its origin z's
 * name) into *lo; why it could not be opened goes to it->why.
 */
static void zone_opts(const struct zl_nc_conf *conf, const struct zl_nc_zone *z,
		      const struct zl_nc_load_opts *o, struct nc_item *it,
		      struct zl_load_opts *lo)
{
	memset(lo, 0, sizeof(*lo));
	lo->path = z->path;
	lo->origin = z->name;
	lo->origin_source = "zone statement";
	lo->workdir = conf->directory;
	lo->root = conf->root;
	lo->infer_from_filename = false;
	lo->digest_text = true;	/* only the rules read these */
	lo->on_comment = o->on_comment;
	lo->on_record_line = o->syntax_only;
	lo->comment_ctx = o->comment_ctx;
	lo->verbose = o->verbose;
	it->why[0] = '\0';
	lo->open_error = it->why;
	lo->open_error_cap = sizeof(it->why);
}

enum zl_parse_result zl_nc_load(const struct zl_nc_conf *conf,
				const struct zl_nc_load_opts *o,
				struct zl_nc_set **sets, size_t *nsets,
				struct zl_sink *sink)
{
	enum zl_parse_result status = ZL_PARSE_OK;
	struct zl_nc_set *s = zl_xmalloc(conf->nviews * sizeof(*s));
	struct nc_item *items = zl_xmalloc((conf->nzones ? conf->nzones : 1) * sizeof(*items));
	struct zl_load_opts *files = zl_xmalloc((conf->nzones ? conf->nzones : 1) * sizeof(*files));
	size_t nfiles = 0;
	char label[600];

	for (size_t v = 0; v < conf->nviews; v++) {
		s[v].view = &conf->views[v];
		zl_db_init(&s[v].db);
	}
	/* what is read, in the order of the statements */
	for (size_t i = 0; i < conf->nzones; i++) {
		const struct zl_nc_zone *z = &conf->zones[i];
		struct nc_item *it = &items[i];

		it->lint = z;
		it->skip = zl_nc_skip_reason(conf, z);
		if (it->skip && z->in_view && !z->invalid && !z->duplicate) {
			/* the view serves the other view's zone: lint it here too */
			it->lint = zl_nc_in_view_target(conf, z);
			it->skip = zl_nc_skip_reason(conf, it->lint);
		}
		if (!it->skip)
			zone_opts(conf, it->lint, o, it, &files[nfiles++]);
	}
	struct zl_jobs *pool = o->jobs > 1 && nfiles > 1 && !o->syntax_only ?
			       zl_jobs_start(files, nfiles, o->jobs) : NULL;
	size_t next = 0;
	for (size_t i = 0; i < conf->nzones; i++) {
		const struct zl_nc_zone *z = &conf->zones[i];
		const struct nc_item *it = &items[i];

		if (o->verbose)
			fprintf(o->verbose, "zonelint: %s:%u: %s: %s%s%s\n", z->conf, z->line,
				zone_label(conf, z, label, sizeof(label)),
				it->skip ? "not linted: " : "linting ",
				it->skip ? it->skip : it->lint->path,
				it->lint != z && !it->skip ? " (in-view: the other view's zone, in this view too)" : "");
		if (it->skip)
			continue;
		struct zl_db *db = &s[z->view].db;
		enum zl_parse_result r;
		if (o->syntax_only && o->jobs > 1 && zl_load_wants_thread(&files[next]))
			/* read on a second thread */
			r = zl_pipe_check(&files[next],
					  zl_pipe_start(&files[next], false, 0, true, true), sink);
		else if (o->syntax_only)
			r = zl_stream_load(&files[next], sink);
		else if (pool)
			r = zl_jobs_load(pool, next, db, sink, NULL);
		else
			r = zl_db_load(db, &files[next], sink, NULL);
		next++;
		if (r == ZL_PARSE_UNREADABLE && it->why[0]) {
			/* a file that cannot be opened is the file clause's fault */
			zl_report(sink, ZL_RULE_conf_zone_file_missing, it->lint->conf,
				  it->lint->file_line, it->lint->file_col,
				  "cannot read the file of zone %s, \"%s\": %s",
				  it->lint->text, it->lint->path, it->why);
			zl_sink_mark_fatal(sink);	/* exit status 2 */
		}
		if (r == ZL_PARSE_UNREADABLE)
			status = ZL_PARSE_UNREADABLE;
	}
	zl_jobs_free(pool);
	free(files);
	free(items);
	*sets = s;
	*nsets = conf->nviews;
	return status;
}

void zl_nc_sets_free(struct zl_nc_set *sets, size_t nsets)
{
	for (size_t v = 0; v < nsets; v++)
		zl_db_free(&sets[v].db);
	free(sets);
}
