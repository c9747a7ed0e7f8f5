/* load.c - reading a master file into the zone model. */
#include "load.h"

#include <string.h>

#include "name.h"

/* State of one zl_db_load() call, passed to the parser callbacks. */
struct loading {
	struct zl_db *db;
	struct zl_zone *zone;
	const struct zl_load_opts *o;
};

static void on_record(void *ctx, const struct zl_record *rec)
{
	struct loading *l = ctx;
	zl_db_add_rr(l->db, l->zone, rec);
}

static void on_origin(void *ctx, const uint8_t *origin, const char *source)
{
	struct loading *l = ctx;
	zl_zone_set_origin(l->db, l->zone, origin, source);
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

enum zl_parse_result zl_db_load(struct zl_db *db, const struct zl_load_opts *o,
				struct zl_sink *sink, struct zl_zone **zone_out)
{
	struct loading l = { db, NULL, o };
	struct zl_parse_opts po;

	l.zone = zl_db_add_zone(db, strcmp(o->path, "-") == 0 ? "<stdin>" : o->path);
	if (zone_out)
		*zone_out = l.zone;
	memset(&po, 0, sizeof(po));
	po.path = o->path;
	po.origin = o->origin;
	po.origin_source = o->origin_source;
	po.workdir = o->workdir;
	po.root = o->root;
	po.open_error = o->open_error;
	po.open_error_cap = o->open_error_cap;
	po.infer_from_filename = o->infer_from_filename;
	po.max_records = o->max_records;
	po.on_record = on_record;
	po.on_origin = on_origin;
	po.on_comment = o->on_comment ? on_comment : NULL;
	po.open_include = o->open_include;
	po.open_ctx = o->open_ctx;
	po.ctx = &l;
	enum zl_parse_result r = zl_parse_file(&po, sink);
	l.zone->workdir = o->workdir;
	l.zone->root = o->root;
	l.zone->origin_failed = r == ZL_PARSE_NO_ORIGIN;
	l.zone->unreadable = r == ZL_PARSE_UNREADABLE && l.zone->nrr == 0;
	return r;
}
