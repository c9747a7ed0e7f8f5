/* cmd_spf_eval.c - "zonelint spf-eval": RFC 7208 check_host() over zone files as the whole DNS, one result line on stdout. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "load.h"
#include "spf_eval.h"
#include "zonelint.h"

/* Exit statuses, as zonelint's own (README "Evaluator contract"). */
enum {
	EVAL_OK = 0,
	EVAL_UNREADABLE = 2,
	EVAL_USAGE = 3,
};

/* Loading state, passed to the comment callback. */
struct load {
	struct zl_db db;
	struct zl_dns dns;
	bool directives;	/* --test-directives */
};

static void usage(FILE *out)
{
	fputs("usage: zonelint spf-eval --zone FILE [--zone FILE]... [-o ORIGIN] --ip IP\n"
	      "                         [--sender MAILFROM] --helo HELO\n"
	      "                         [--default-exp TEXT] [--test-directives] [--trace]\n"
	      "       zonelint spf-eval --help\n"
	      "\n"
	      "Evaluate RFC 7208 check_host() offline: the zone files are the whole DNS\n"
	      "(a name in no file does not exist; CNAMEs are followed inside the data).\n"
	      "\n"
	      "  --zone FILE          master file with the DNS data (repeatable; merged)\n"
	      "  -o, --origin NAME    origin of the zone files (else $ORIGIN, SOA owner, file name)\n"
	      "  --ip IP              the client's IPv4 or IPv6 address\n"
	      "  --sender MAILFROM    MAIL FROM; empty or absent = check the HELO identity\n"
	      "                       (postmaster@HELO); without \"@\" = postmaster@MAILFROM\n"
	      "  --helo HELO          the HELO/EHLO domain\n"
	      "  --default-exp TEXT   explanation of a fail when the record gives none\n"
	      "  --test-directives    honour \"; zonelint-test: timeout NAME [TYPE...]\" comments\n"
	      "  --trace              show every term, DNS lookup and the limit counters on stderr\n"
	      "  -h, --help           this text\n"
	      "\n"
	      "stdout: the result (none neutral pass fail softfail temperror permerror),\n"
	      "and for fail a TAB and the explanation (\\\\ \\t \\n \\r escaped).\n"
	      "exit status: 0 a result was computed, 2 a zone file could not be read\n"
	      "(or its names not interpreted: no origin),\n"
	      "3 usage error\n", out);
}

static void on_comment(void *ctx, const char *file, uint32_t line, uint32_t col,
		       const char *text, size_t len, bool own_line)
{
	struct load *ld = ctx;
	const char *err = NULL;

	(void)own_line;
	if (!ld->directives)
		return;
	if (zl_dns_parse_directive(&ld->dns, text, len, &err) < 0)
		fprintf(stderr, "%s:%u:%u: warning: %s (directive ignored)\n", file,
			line, col, err);
}

/* Write s to f with TSV escapes: backslash, TAB, LF, CR. */
static void put_tsv(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			fputs("\\\\", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/* Text for the trace: non-printable octets as \DDD. */
static void put_text(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7e || c == '\\')
			fprintf(f, "\\%03u", c);
		else
			fputc(c, f);
	}
}

/* --trace: one line per event on stderr. */
static void print_trace(void *ctx, const struct zl_spf_trace *ev)
{
	FILE *f = ctx;
	char tname[16];

	fprintf(f, "spf-eval: %*s", (int)ev->depth * 2, "");
	switch (ev->kind) {
	case ZL_SPF_TRACE_CHECK:
		fputs("check_host(", f);
		put_text(f, ev->text, ev->len);
		fputc(')', f);
		break;
	case ZL_SPF_TRACE_RECORD:
		fputs("record \"", f);
		put_text(f, ev->text, ev->len);
		fprintf(f, "\" (%s:%u)", zl_rr_file(ev->rr), zl_rr_line(ev->rr));
		break;
	case ZL_SPF_TRACE_TERM:
		fputs("term ", f);
		put_text(f, ev->text, ev->len);
		if (ev->target) {
			fputs(" -> ", f);
			put_text(f, ev->target, strlen(ev->target));
		}
		break;
	case ZL_SPF_TRACE_LOOKUP:
		fputs("lookup ", f);
		put_text(f, ev->target, strlen(ev->target));
		fprintf(f, " %s: %s", zl_type_name(ev->qtype, tname, sizeof(tname)),
			zl_dns_status_name(ev->status));
		if (ev->status == ZL_DNS_NOERROR)
			fprintf(f, " (%u RR%s)", ev->nrr, ev->nrr == 1 ? "" : "s");
		break;
	case ZL_SPF_TRACE_MATCH:
		put_text(f, ev->text, ev->len);
		fputs(ev->matched ? ": match" : ": no match", f);
		break;
	case ZL_SPF_TRACE_EXP:
		fputs("explanation \"", f);
		put_text(f, ev->text, ev->len);
		fputc('"', f);
		break;
	case ZL_SPF_TRACE_ERROR:
		fprintf(f, "%s: ", zl_spf_result_name(ev->result));
		put_text(f, ev->text, ev->len);
		break;
	case ZL_SPF_TRACE_RESULT:
		fprintf(f, "result %s", zl_spf_result_name(ev->result));
		break;
	}
	fprintf(f, " [lookups %u/%d, void %u/%d]\n", ev->lookups, ZL_SPF_MAX_LOOKUPS,
		ev->voids, ZL_SPF_MAX_VOID);
}

/*
 * Read every --zone file into ld, syntax errors into sink (which must
 * live as long as ld: the file names of the RRs are interned there);
 * returns an exit status (0 = all read).
 */
static int load_zones(struct load *ld, struct zl_sink *sink, char **zones,
		      size_t nzones, const uint8_t *origin)
{
	int status = EVAL_OK;

	for (size_t i = 0; i < nzones; i++) {
		struct zl_load_opts lo;

		memset(&lo, 0, sizeof(lo));
		lo.path = zones[i];
		lo.origin = origin;
		lo.infer_from_filename = true;	/* as the linter: db.NAME, NAME.zone */
		lo.on_comment = on_comment;
		lo.comment_ctx = ld;
		/* a file whose names cannot be read (no origin) cannot be used */
		if (zl_db_load(&ld->db, &lo, sink, NULL) != ZL_PARSE_OK)
			status = EVAL_UNREADABLE;
	}
	/* records that did not parse are left out; say which */
	zl_sink_sort(sink);
	zl_format_gcc(sink, stderr);
	return status;
}

/* zonelint spf-eval; contract in commands.h. */
int zl_cmd_spf_eval(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "zone", required_argument, NULL, 'z' },
		{ "origin", required_argument, NULL, 'o' },
		{ "ip", required_argument, NULL, 'i' },
		{ "sender", required_argument, NULL, 's' },
		{ "helo", required_argument, NULL, 'H' },
		{ "default-exp", required_argument, NULL, 'e' },
		{ "test-directives", no_argument, NULL, 'T' },
		{ "trace", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct zl_spf_query q;
	struct zl_spf_outcome out;
	struct load ld;
	struct zl_sink sink;
	const char *ip = NULL, *origin_text = NULL;
	uint8_t origin[ZL_NAME_MAX];
	char **zones;
	size_t nzones = 0;
	bool trace = false, directives = false;
	int c, status;

	memset(&q, 0, sizeof(q));
	zones = zl_xmalloc((size_t)argc * sizeof(*zones));
	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'z':
			zones[nzones++] = optarg;
			break;
		case 'o':
			origin_text = optarg;
			break;
		case 'i':
			ip = optarg;
			break;
		case 's':
			q.sender = optarg;
			break;
		case 'H':
			q.helo = optarg;
			break;
		case 'e':
			q.default_exp = optarg;
			break;
		case 'T':
			directives = true;
			break;
		case 't':
			trace = true;
			break;
		case 'h':
			usage(stdout);
			free(zones);
			return EVAL_OK;
		default:	/* getopt said what was wrong */
			fputs("zonelint spf-eval: try 'zonelint spf-eval --help'\n", stderr);
			free(zones);
			return EVAL_USAGE;
		}
	}
	if (optind < argc || nzones == 0 || !ip || !q.helo) {
		if (optind < argc)
			fprintf(stderr, "zonelint spf-eval: unexpected argument \"%s\"\n",
				argv[optind]);
		else
			fprintf(stderr, "zonelint spf-eval: %s is required\n",
				nzones == 0 ? "--zone" : !ip ? "--ip" : "--helo");
		fputs("zonelint spf-eval: try 'zonelint spf-eval --help'\n", stderr);
		free(zones);
		return EVAL_USAGE;
	}
	if (origin_text && !zl_name_from_cli(origin_text, origin)) {
		fprintf(stderr, "zonelint spf-eval: -o %s: not a valid domain name\n", origin_text);
		free(zones);
		return EVAL_USAGE;
	}
	if (!zl_spf_ip_parse(ip, &q.ip)) {
		fprintf(stderr, "zonelint spf-eval: --ip %s: not an IPv4 or IPv6 address\n", ip);
		free(zones);
		return EVAL_USAGE;
	}

	memset(&ld, 0, sizeof(ld));
	ld.directives = directives;
	zl_db_init(&ld.db);
	zl_dns_init(&ld.dns, &ld.db);
	zl_sink_init(&sink);
	status = load_zones(&ld, &sink, zones, nzones, origin_text ? origin : NULL);
	free(zones);
	if (status == EVAL_OK) {
		q.now = (long long)time(NULL);
		if (trace) {
			q.trace = print_trace;
			q.trace_ctx = stderr;
		}
		zl_spf_check_host(&ld.dns, &q, &out);
		fputs(zl_spf_result_name(out.result), stdout);
		if (out.result == ZL_SPF_FAIL) {
			fputc('\t', stdout);
			put_tsv(stdout, out.explanation);
		}
		fputc('\n', stdout);
		if (out.reason[0])
			fprintf(stderr, "zonelint spf-eval: %s: %s\n",
				zl_spf_result_name(out.result), out.reason);
		zl_spf_outcome_free(&out);
	}
	zl_dns_free(&ld.dns);
	zl_db_free(&ld.db);
	zl_sink_free(&sink);
	return status;
}
