/* fuzz_spf_eval.c - libFuzzer target: RFC 7208 check_host() over a fuzzed zone, as "zonelint spf-eval" runs it.
 *
 * Input: three lines, then a master file (origin example.com. unless it
 * says otherwise):
 *     client IP (v4 or v6; 192.0.2.1 when it is neither)
 *     MAIL FROM (empty: the HELO identity)
 *     HELO domain
 *     zone text...
 * "; zonelint-test: timeout NAME [TYPE...]" comments are honoured.  The
 * evaluation runs for the sender's domain, then once more for each of the
 * first few names that have TXT records, so the fuzzer need not guess a
 * sender that matches the zone.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "load.h"
#include "spf_eval.h"
#include "zonelint.h"

#define EXTRA_DOMAINS 3	/* TXT owners evaluated besides the sender's domain */

static const char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	path = zl_fuzz_scratch("spf.zone");
	return 0;
}

static void on_comment(void *ctx, const char *file, uint32_t line, uint32_t col,
		       const char *text, size_t len, bool own_line)
{
	const char *err;

	(void)file;
	(void)line;
	(void)col;
	(void)own_line;
	zl_dns_parse_directive(ctx, text, len, &err);
}

/* Read every octet a trace event points at, so the sanitizers see bad pointers. */
static void on_trace(void *ctx, const struct zl_spf_trace *ev)
{
	unsigned *sum = ctx;

	for (size_t i = 0; ev->text && i < ev->len; i++)
		*sum += (unsigned char)ev->text[i];
	if (ev->target)
		*sum += (unsigned)strlen(ev->target);
	if (ev->domain)
		*sum += (unsigned)strlen(ev->domain);
	if (ev->rr)
		*sum += zl_rr_line(ev->rr);
	if (ev->term)
		*sum += ev->term->len;
}

static void evaluate(const struct zl_dns *dns, struct zl_spf_query *q)
{
	struct zl_spf_outcome out;

	zl_spf_check_host(dns, q, &out);
	if (out.result == ZL_SPF_FAIL && !out.explanation)
		__builtin_trap();	/* a fail always has an explanation */
	/* past a limit of RFC 7208 section 4.6.4 the only result is permerror */
	if ((out.lookups > ZL_SPF_MAX_LOOKUPS || out.voids > ZL_SPF_MAX_VOID) &&
	    out.result != ZL_SPF_PERMERROR)
		__builtin_trap();
	if (out.lookups > ZL_SPF_MAX_LOOKUPS + 1 || out.voids > ZL_SPF_MAX_VOID + 1)
		__builtin_trap();	/* evaluation stops at the first term over */
	if (out.explanation)
		(void)strlen(out.explanation);
	if (memchr(out.reason, '\0', sizeof(out.reason)) == NULL)
		__builtin_trap();
	zl_spf_outcome_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t origin[] = "\7example\3com";
	struct zl_db db;
	struct zl_dns dns;
	struct zl_sink sink;
	struct zl_load_opts lo;
	struct zl_spf_query q;
	unsigned sum = 0;

	char *ip = zl_fuzz_line(&data, &size);
	char *sender = zl_fuzz_line(&data, &size);
	char *helo = zl_fuzz_line(&data, &size);
	zl_fuzz_write(data, size);

	zl_db_init(&db);
	zl_dns_init(&dns, &db);
	zl_sink_init(&sink);
	memset(&lo, 0, sizeof(lo));
	lo.path = path;
	lo.origin = origin;
	lo.workdir = zl_fuzz_scratch_dir();
	lo.on_comment = on_comment;
	lo.comment_ctx = &dns;
	if (zl_db_load(&db, &lo, &sink, NULL) == ZL_PARSE_OK) {
		memset(&q, 0, sizeof(q));
		if (!zl_spf_ip_parse(ip, &q.ip)) {
			q.ip.v6 = false;
			memcpy(q.ip.addr, "\xc0\x00\x02\x01", 4);
		}
		q.sender = sender;
		q.helo = helo;
		q.receiver = "mx.example.org";
		q.now = 1234567890;
		q.trace = on_trace;
		q.trace_ctx = &sum;
		evaluate(&dns, &q);

		/* the first few names with TXT records, as <domain> */
		unsigned extra = 0;
		char dom[ZL_NAME_TEXT_MAX];
		const struct zl_node *last = NULL;
		struct zl_rr_walk w;
		zl_zone_walk_begin(db.zones, &w);
		for (const struct zl_rr *rr; extra < EXTRA_DOMAINS && (rr = zl_zone_walk_next(&w));) {
			if (rr->type != ZL_DNS_TYPE_TXT || zl_rr_owner(rr) == last)
				continue;
			last = zl_rr_owner(rr);
			uint8_t wire[ZL_NAME_MAX];
			zl_dns_name_to_spf(zl_node_name(zl_rr_owner(rr), wire), dom, sizeof(dom));
			q.domain = dom;
			evaluate(&dns, &q);
			extra++;
		}
		zl_zone_walk_end(&w);
	}
	zl_dns_free(&dns);
	zl_db_free(&db);
	zl_sink_free(&sink);
	free(ip);
	free(sender);
	free(helo);
	return 0;
}
