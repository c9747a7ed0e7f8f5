/* load.c - reading a master file into the zone model, or (--syntax-only) checking each record as it is read and keeping none. */
#include "load.h"

#include <string.h>

#include "name.h"
#include "zonelint.h"

/* State of one zl_db_load() or zl_stream_load() call, passed to the parser callbacks. */
struct loading {
	struct zl_db *db;		/* NULL: --syntax-only, nothing is stored */
	struct zl_zone *zone;
	const struct zl_load_opts *o;
	struct zl_rr_checks *checks;	/* --syntax-only: the checks of one record */
	uint8_t origin[ZL_NAME_MAX];	/* --syntax-only: zone->origin points here */
};

static void on_record(void *ctx, const struct zl_record *rec)
{
	struct loading *l = ctx;
	zl_db_add_rr(l->db, l->zone, rec);
}

/* --syntax-only: check the record alone, bind directives to its line, forget it. */
static void on_record_checked(void *ctx, const struct zl_record *rec)
{
	struct loading *l = ctx;

	if (l->o->on_record_line)
		l->o->on_record_line(l->o->comment_ctx, rec->file, rec->line);
	zl_rr_checks_record(l->checks, rec);
	l->zone->nrr++;
}

static void on_origin(void *ctx, const uint8_t *origin, const char *source)
{
	struct loading *l = ctx;
	if (l->db) {
		zl_zone_set_origin(l->db, l->zone, origin, source);
	} else {
		memcpy(l->origin, origin, zl_name_wire_len(origin));
		l->zone->origin = l->origin;
		l->zone->origin_source = source;
	}
	if (l->o->verbose) {
		char name[ZL_NAME_TEXT_MAX];
		zl_name_to_text(origin, name, sizeof(name));
		fprintf(l->o->verbose, "zonelint: %s: origin %s (from %s)\n",
			l->zone->file, name, source);
	}
}

static void on_comment(void *ctx, const char *file, uint32_t line, uint32_t col,
		       const char *text, size_t len, bool own_line)
{
	struct loading *l = ctx;
	l->o->on_comment(l->o->comment_ctx, file, line, col, text, len, own_line);
}

/* Read l->o->path, each record to on_rec; sets what the zone learns from the result. */
static enum zl_parse_result parse(struct loading *l, zl_record_fn on_rec,
				  uint32_t max_records, struct zl_sink *sink)
{
	const struct zl_load_opts *o = l->o;
	struct zl_parse_opts po;

	memset(&po, 0, sizeof(po));
	po.path = o->path;
	po.origin = o->origin;
	po.origin_source = o->origin_source;
	po.workdir = o->workdir;
	po.root = o->root;
	po.open_error = o->open_error;
	po.open_error_cap = o->open_error_cap;
	po.infer_from_filename = o->infer_from_filename;
	po.max_records = max_records;
	po.on_record = on_rec;
	po.on_origin = on_origin;
	po.on_comment = o->on_comment ? on_comment : NULL;
	po.open_include = o->open_include;
	po.open_ctx = o->open_ctx;
	po.ctx = l;
	enum zl_parse_result r = zl_parse_file(&po, sink);
	l->zone->workdir = o->workdir;
	l->zone->root = o->root;
	l->zone->origin_failed = r == ZL_PARSE_NO_ORIGIN;
	l->zone->unreadable = r == ZL_PARSE_UNREADABLE && l->zone->nrr == 0;
	return r;
}

enum zl_parse_result zl_db_load(struct zl_db *db, const struct zl_load_opts *o,
				struct zl_sink *sink, struct zl_zone **zone_out)
{
	struct loading l = { .db = db, .o = o };

	l.zone = zl_db_add_zone(db, strcmp(o->path, "-") == 0 ? "<stdin>" : o->path);
	if (zone_out)
		*zone_out = l.zone;
	return parse(&l, on_record, o->max_records, sink);
}

enum zl_parse_result zl_stream_load(const struct zl_load_opts *o, struct zl_sink *sink)
{
	struct zl_zone zone;
	struct loading l = { .zone = &zone, .o = o };

	memset(&zone, 0, sizeof(zone));
	zone.file = strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	l.checks = zl_rr_checks_new(&zone, sink);
	enum zl_parse_result r = parse(&l, on_record_checked,
				       o->max_records ? o->max_records : UINT32_MAX, sink);
	zl_rr_checks_free(l.checks);
	if (o->on_record_line)
		o->on_record_line(o->comment_ctx, NULL, 0);
	return r;
}
