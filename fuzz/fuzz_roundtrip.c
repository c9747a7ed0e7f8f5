/* fuzz_roundtrip.c - libFuzzer target: what "zonelint dump" prints must read back as the same records.
 *
 * Input: a master file.  Every RR it loads is written out in presentation
 * form (owner, TTL, class, type, zl_rdata_to_text()), one a line, with an
 * absolute origin of ".", and that text is loaded again.  The second load
 * must give no diagnostic and the same RRs in the same order: owner
 * (compared exactly, case too), TTL, class, type and RDATA octet for octet.
 * RRs whose RDATA the printer calls malformed (-1) are left out of both.
 * The target traps on the first difference, after saying which on stderr.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "load.h"
#include "zonelint.h"

static const char *path;
static char *dump_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	path = zl_fuzz_scratch("db.example.com");
	size_t n = strlen(zl_fuzz_scratch_dir()) + sizeof("/dump.zone");
	dump_path = malloc(n);
	if (!dump_path)
		abort();
	snprintf(dump_path, n, "%s/dump.zone", zl_fuzz_scratch_dir());
	return 0;
}

static void load(struct zl_db *db, struct zl_sink *sink, const char *file,
		 const uint8_t *origin)
{
	struct zl_load_opts lo;

	zl_db_init(db);
	memset(&lo, 0, sizeof(lo));
	lo.path = file;
	lo.origin = origin;
	lo.workdir = zl_fuzz_scratch_dir();
	lo.infer_from_filename = true;
	zl_db_load(db, &lo, sink, NULL);
}

/* Print rr as "owner ttl class type rdata"; false if its RDATA is malformed. */
static bool print_rr(const struct zl_rr *rr, struct zl_buf *text, FILE *f)
{
	char name[ZL_NAME_TEXT_MAX], cls[16], type[16];

	uint8_t buf[ZL_RR_RDATA_MAX];

	zl_buf_reset(text);
	if (zl_rdata_to_text(rr->type, zl_rr_rdata(rr, buf), zl_rr_rdlen(rr), text) < 0)
		return false;
	zl_node_text(zl_rr_owner(rr), name, sizeof(name));
	fprintf(f, "%s %u %s %s %.*s\n", name, zl_rr_ttl(rr),
		zl_class_name(zl_rr_class(rr), cls, sizeof(cls)),
		zl_type_name(rr->type, type, sizeof(type)), (int)text->len,
		(const char *)text->data);
	return true;
}

/*
 * True if name (wire) is z's apex or one of its ancestors, whose
 * spelling need not read back.  The first load interns the apex when
 * its origin is known (from -o, $ORIGIN, an SOA owner or the file name),
 * without ancestors (zl_db_intern()); the reload, whose origin is ".",
 * reads the apex as an owner like any other, and an earlier record below
 * it may spell it and its ancestors first ("$ORIGIN sub.example.com."
 * then "EXAMPLE.com. TXT" reads back as "example.com.", and the apex of
 * db.example.com read after "www.EXAMPLE.com. A" as "EXAMPLE.com.").
 * Their case is compared loosely (RFC 4343).
 */
static bool at_or_above_apex(const struct zl_zone *z, const uint8_t *name)
{
	return z->origin && zl_name_is_subdomain(z->origin, name);
}

static void differ(const char *what, const struct zl_rr *a)
{
	char name[ZL_NAME_TEXT_MAX], type[16];

	zl_node_text(zl_rr_owner(a), name, sizeof(name));
	fprintf(stderr, "fuzz_roundtrip: %s differs after printing and reading back: %s %s (line %u)\n",
		what, name, zl_type_name(a->type, type, sizeof(type)), zl_rr_line(a));
	__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t root[] = "";
	struct zl_db db, back;
	struct zl_sink sink, sink2;
	struct zl_buf text = { 0 };

	zl_fuzz_write(data, size);
	zl_sink_init(&sink);
	load(&db, &sink, path, NULL);

	FILE *f = fopen(dump_path, "w");
	if (!f)
		abort();
	size_t kept = 0;
	struct zl_rr_walk walk_a, walk_b;
	zl_zone_walk_begin(db.zones, &walk_a);
	for (const struct zl_rr *rr; (rr = zl_zone_walk_next(&walk_a));)
		kept += print_rr(rr, &text, f);
	zl_zone_walk_end(&walk_a);
	fclose(f);

	zl_sink_init(&sink2);
	load(&back, &sink2, dump_path, root);
	for (size_t i = 0; i < sink2.n; i++) {
		const struct zl_diagnostic *g = &sink2.v[i];
		if (g->rule == ZL_RULE_zone_syntax || g->rule == ZL_RULE_zone_include_missing) {
			fprintf(stderr, "fuzz_roundtrip: printed record does not read back: %s:%u:%u: %s\n",
				g->file, g->line, g->col, g->message);
			__builtin_trap();
		}
	}
	zl_zone_walk_begin(db.zones, &walk_a);
	zl_zone_walk_begin(back.zones, &walk_b);
	const struct zl_rr *b = zl_zone_walk_next(&walk_b);
	for (const struct zl_rr *a; (a = zl_zone_walk_next(&walk_a));) {
		uint8_t ra[ZL_RR_RDATA_MAX], rb[ZL_RR_RDATA_MAX];
		zl_buf_reset(&text);
		if (zl_rdata_to_text(a->type, zl_rr_rdata(a, ra), zl_rr_rdlen(a), &text) < 0)
			continue;
		if (!b)
			differ("record count", a);
		uint8_t wa[ZL_NAME_MAX], wb[ZL_NAME_MAX];
		const uint8_t *na = zl_node_name(zl_rr_owner(a), wa);
		const uint8_t *nb = zl_node_name(zl_rr_owner(b), wb);
		if (zl_rr_owner(a)->len != zl_rr_owner(b)->len ||
		    (at_or_above_apex(db.zones, na) ? !zl_name_equal(na, nb)
					      : memcmp(na, nb, zl_rr_owner(a)->len) != 0))
			differ("owner", a);
		if (zl_rr_ttl(a) != zl_rr_ttl(b) || zl_rr_class(a) != zl_rr_class(b) || a->type != b->type)
			differ("TTL, class or type", a);
		if (zl_rr_rdlen(a) != zl_rr_rdlen(b) ||
		    (zl_rr_rdlen(a) && memcmp(zl_rr_rdata(a, ra), zl_rr_rdata(b, rb), zl_rr_rdlen(a)) != 0))
			differ("RDATA", a);
		b = zl_zone_walk_next(&walk_b);
	}
	zl_zone_walk_end(&walk_a);
	zl_zone_walk_end(&walk_b);
	if (b || back.zones->nrr != kept)
		differ("record count", b ? b : db.zones->first);
	zl_buf_free(&text);
	zl_db_free(&db);
	zl_db_free(&back);
	zl_sink_free(&sink);
	zl_sink_free(&sink2);
	return 0;
}
