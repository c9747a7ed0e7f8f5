/* fuzz_zone.c - libFuzzer target: one whole master file through the command line's path (zl_db_load, rules, inline directives, policy, every output format), plus RDATA back to text, the SPF trees and the serial comparison, and once more through --syntax-only's (zl_stream_load, directives bound as records stream by); each also read split on a second thread (zl_pipe_start), which must give the same findings. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "load.h"
#include "policy.h"
#include "serial.h"
#include "zonelint.h"

static const char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* a name the loader can take an origin from, as "zonelint db.example.com" does */
	path = zl_fuzz_scratch("db.example.com");
	return 0;
}

/* What zonelint dump prints: every RR's RDATA in presentation form (dump keeps no digests: skip them). */
static void rdata_text(const struct zl_db *db)
{
	struct zl_buf b = { 0 };
	char name[ZL_NAME_TEXT_MAX];

	for (const struct zl_zone *z = db->zones; z; z = z->next) {
		struct zl_rr_walk w;
		zl_zone_walk_begin(z, &w);
		for (const struct zl_rr *rr; (rr = zl_zone_walk_next(&w));) {
			if (zl_rr_digested(rr))
				continue;
			uint8_t buf[ZL_RR_RDATA_MAX];
			zl_buf_reset(&b);
			zl_rdata_to_text(rr->type, zl_rr_rdata(rr, buf), zl_rr_rdlen(rr), &b);
			zl_node_text(zl_rr_owner(rr), name, sizeof(name));
		}
		zl_zone_walk_end(&w);
	}
	zl_buf_free(&b);
}

/* What the gcc format prints of sink, sorted first (malloc'd, *len octets). */
static char *findings_text(struct zl_sink *sink, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	if (!f)
		abort();
	zl_sink_sort(sink);
	zl_format_write(sink, ZL_FORMAT_GCC, false, f);
	fclose(f);
	return text;
}

/*
 * The file read split, as a file of 1 MiB or more or standard input is
 * (a reader thread that only scans, batches of 3 lines), and linted as
 * the command line does (syntax_only: checked as it is read), its
 * findings as findings_text() gives them.
 */
static char *lint_split(const struct zl_load_opts *o, bool syntax_only, size_t *len)
{
	struct zl_load_opts lo = *o;
	struct zl_directives dirs;
	struct zl_sink sink;
	static bool ran[ZL_RULE_COUNT];

	memset(&dirs, 0, sizeof(dirs));
	lo.comment_ctx = &dirs;
	zl_sink_init(&sink);
	if (syntax_only) {
		for (size_t i = 0; i < ZL_RULE_COUNT; i++)
			ran[i] = zl_rule_syntax_only((enum zl_rule)i);
		dirs.ran = ran;
		lo.on_record_line = zl_directives_record;
		zl_pipe_check(&lo, zl_pipe_start(&lo, false, 3, true, true), &sink);
	} else {
		struct zl_db db;
		struct zl_zone *zone;
		zl_db_init(&db);
		lo.on_record_line = NULL;
		if (zl_pipe_load(&db, &lo, zl_pipe_start(&lo, false, 3, true, false), &sink,
				 &zone) != ZL_PARSE_UNREADABLE) {
			if (zone->origin)	/* as the run at once below */
				zl_serial_check(zone, zone, "itself", &sink);
			zl_rules_run(&db, &sink);
		}
		zl_directives_bind(&dirs, &db);
		zl_db_free(&db);
	}
	zl_directives_apply(&dirs, &sink);
	zl_directives_free(&dirs);
	char *text = findings_text(&sink, len);
	zl_sink_free(&sink);
	return text;
}

/* A difference between reading at once and split is a fault: stop there. */
static void same_findings(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen || memcmp(a, b, alen) != 0) {
		fprintf(stderr, "read at once:\n%.*s\nread split:\n%.*s\n",
			(int)alen, a, (int)blen, b);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zl_db db;
	struct zl_sink sink;
	struct zl_directives dirs;
	struct zl_policy policy;
	struct zl_load_opts lo;
	struct zl_zone *zone;

	zl_fuzz_write(data, size);
	zl_db_init(&db);
	zl_sink_init(&sink);
	memset(&dirs, 0, sizeof(dirs));
	memset(&lo, 0, sizeof(lo));
	lo.path = path;
	lo.workdir = zl_fuzz_scratch_dir();	/* "$INCLUDE db.example.com" is a cycle */
	lo.infer_from_filename = true;
	/* a quarter of the inputs under a record limit of 16, so that
	 * stopping at it (and, read split, dropping what the reader read
	 * past it) is compared too */
	lo.max_records = size % 4 == 0 ? 16 : 0;
	lo.digest_text = true;		/* as the lint command loads */
	lo.verbose = zl_fuzz_null();
	lo.on_comment = zl_directives_comment;
	lo.comment_ctx = &dirs;
	enum zl_parse_result r = zl_db_load(&db, &lo, &sink, &zone);

	if (r != ZL_PARSE_UNREADABLE) {
		rdata_text(&db);
		if (zone->origin) {
			zl_spf_tree_print(&db, zone->origin, zl_fuzz_null());
			zl_serial_check(zone, zone, "itself", &sink);
		}
		zl_rules_run(&db, &sink);
	}
	zl_directives_bind(&dirs, &db);
	zl_directives_apply(&dirs, &sink);
	zl_directives_free(&dirs);
	size_t alen, blen;
	char *a = findings_text(&sink, &alen), *b = lint_split(&lo, false, &blen);
	same_findings(a, alen, b, blen);
	free(a);
	free(b);
	zl_policy_init(&policy);
	zl_policy_apply(&policy, &sink);
	zl_sink_sort(&sink);
	zl_format_write(&sink, ZL_FORMAT_GCC, false, zl_fuzz_null());
	zl_format_write(&sink, ZL_FORMAT_TTY, true, zl_fuzz_null());
	zl_format_write(&sink, ZL_FORMAT_JSON, false, zl_fuzz_null());
	zl_format_write(&sink, ZL_FORMAT_GITHUB, false, zl_fuzz_null());
	zl_db_free(&db);
	zl_sink_free(&sink);

	/* --syntax-only: each record checked alone and dropped */
	static bool ran[ZL_RULE_COUNT];
	for (size_t i = 0; i < ZL_RULE_COUNT; i++)
		ran[i] = zl_rule_syntax_only((enum zl_rule)i);
	zl_sink_init(&sink);
	memset(&dirs, 0, sizeof(dirs));
	dirs.ran = ran;
	lo.on_record_line = zl_directives_record;
	zl_stream_load(&lo, &sink);
	zl_directives_apply(&dirs, &sink);
	zl_directives_free(&dirs);
	a = findings_text(&sink, &alen);
	b = lint_split(&lo, true, &blen);
	same_findings(a, alen, b, blen);
	free(a);
	free(b);
	zl_sink_free(&sink);
	return 0;
}
