/* namedconf_load.c - loading the primary zones of a named.conf into zone databases, one per view. */
#include "namedconf.h"

#include <stdlib.h>
#include <string.h>

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

/*
 * Load the file of primary zone z into db, with z's name as the origin.
 * Returns the parser's result; a file that cannot be opened is reported
 * as conf-zone-file-missing at z's file clause.
 */
static enum zl_parse_result load_zone(const struct zl_nc_conf *conf,
				      const struct zl_nc_zone *z,
				      const struct zl_nc_load_opts *o,
				      struct zl_db *db, struct zl_sink *sink)
{
	struct zl_load_opts lo;
	char why[200] = "";

	memset(&lo, 0, sizeof(lo));
	lo.path = z->path;
	lo.origin = z->name;
	lo.origin_source = "zone statement";
	lo.workdir = conf->directory;
	lo.root = conf->root;
	lo.infer_from_filename = false;
	lo.on_comment = o->on_comment;
	lo.on_record_line = o->syntax_only;
	lo.comment_ctx = o->comment_ctx;
	lo.verbose = o->verbose;
	lo.open_error = why;
	lo.open_error_cap = sizeof(why);
	enum zl_parse_result r = o->syntax_only ? zl_stream_load(&lo, sink) :
				 zl_db_load(db, &lo, sink, NULL);
	if (r == ZL_PARSE_UNREADABLE && why[0]) {
		zl_report(sink, ZL_RULE_conf_zone_file_missing, z->conf, z->file_line,
			  z->file_col, "cannot read the file of zone %s, \"%s\": %s",
			  z->text, z->path, why);
		zl_sink_mark_fatal(sink);	/* exit status 2 */
	}
	return r;
}

enum zl_parse_result zl_nc_load(const struct zl_nc_conf *conf,
				const struct zl_nc_load_opts *o,
				struct zl_nc_set **sets, size_t *nsets,
				struct zl_sink *sink)
{
	enum zl_parse_result status = ZL_PARSE_OK;
	struct zl_nc_set *s = zl_xmalloc(conf->nviews * sizeof(*s));
	char label[600];

	for (size_t v = 0; v < conf->nviews; v++) {
		s[v].view = &conf->views[v];
		zl_db_init(&s[v].db);
	}
	for (size_t i = 0; i < conf->nzones; i++) {
		const struct zl_nc_zone *z = &conf->zones[i];
		const struct zl_nc_zone *lint = z;
		const char *skip = zl_nc_skip_reason(conf, z);

		if (skip && z->in_view && !z->invalid && !z->duplicate) {
			/* the view serves the other view's zone: lint it here too */
			lint = zl_nc_in_view_target(conf, z);
			skip = zl_nc_skip_reason(conf, lint);
		}
		if (o->verbose)
			fprintf(o->verbose, "zonelint: %s:%u: %s: %s%s%s\n", z->conf, z->line,
				zone_label(conf, z, label, sizeof(label)),
				skip ? "not linted: " : "linting ",
				skip ? skip : lint->path,
				lint != z && !skip ? " (in-view: the other view's zone, in this view too)" : "");
		if (skip)
			continue;
		if (load_zone(conf, lint, o, &s[z->view].db, sink) == ZL_PARSE_UNREADABLE)
			status = ZL_PARSE_UNREADABLE;
	}
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
