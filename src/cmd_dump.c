/* cmd_dump.c - "zonelint dump": every record after directives and defaults, in presentation form or as Knot zscanner test blocks (--wire). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "zonelint.h"

enum {
	DUMP_OK = 0,		/* every record was read */
	DUMP_REJECTED = 1,	/* some records were rejected */
	DUMP_UNREADABLE = 2,	/* the file could not be read */
	DUMP_USAGE = 3,		/* usage error */
};

static void dump_usage(FILE *out)
{
	fputs("usage: zonelint dump [--wire] [-o ORIGIN] [-w DIR] FILE\n"
	      "\n"
	      "Print every record of a zone file after all directives ($ORIGIN,\n"
	      "$TTL, $INCLUDE, $GENERATE) and defaults (owner, TTL, class) are\n"
	      "applied: one record a line, \"owner TTL CLASS TYPE RDATA\" with\n"
	      "absolute names, as named-checkzone -D prints it. Diagnostics go to\n"
	      "standard error.\n"
	      "\n"
	      "options:\n"
	      "      --wire          print the wire form instead, in the block format of\n"
	      "                      Knot's zscanner tests (OWNER=, CLASS=, RRTTL=, RTYPE=,\n"
	      "                      RDATA= in hex, then \"------\"); a rejected record is\n"
	      "                      one \"ERROR=<rule-id>\" block in its place\n"
	      "  -o, --origin NAME   origin; always absolute (default as for zonelint)\n"
	      "  -w DIR              resolve relative $INCLUDE paths against DIR\n"
	      "  -h, --help          this text\n"
	      "\n"
	      "exit status: 0 all records read, 1 some rejected, 2 the file could not\n"
	      "be read, 3 usage error\n", out);
}

/* State of one dump, passed to the parser callback. */
struct dump {
	bool wire;
	struct zl_sink *sink;
	size_t flushed;		/* sink entries already turned into ERROR= blocks */
	struct zl_buf line;	/* output line being built */
	struct zl_buf rdtext;	/* RDATA text */
};

static void put_hex(struct zl_buf *b, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789ABCDEF";

	for (size_t k = 0; k < n; k++) {
		zl_buf_put8(b, (uint8_t)hx[p[k] >> 4]);
		zl_buf_put8(b, (uint8_t)hx[p[k] & 0xf]);
	}
}

static void put_str(struct zl_buf *b, const char *s)
{
	zl_buf_put(b, s, strlen(s));
}

/*
 * --wire: the parser reports a rejected record to the sink before it
 * goes on with the next one, so every error-level entry added since the
 * last record belongs, in order, before the record at hand; the last
 * keep entries are the record's own (struct zl_record nerrors) and stay
 * pending.  Warnings (a record loaded with a changed TTL) reject nothing.
 */
static void flush_errors(struct dump *d, size_t keep)
{
	if (!d->wire)
		return;
	for (; d->flushed + keep < d->sink->n; d->flushed++) {
		const struct zl_diagnostic *g = &d->sink->v[d->flushed];
		if (g->severity == ZL_ERROR)
			printf("ERROR=%s\n------\n", zl_rules[g->rule].id);
	}
}

static void on_record(void *ctx, const struct zl_record *rec)
{
	struct dump *d = ctx;
	struct zl_buf *b = &d->line;
	char name[ZL_NAME_TEXT_MAX], num[64];

	flush_errors(d, rec->nerrors);
	if (d->wire && rec->nerrors > 0) {
		/* loaded, but zonelint's verdict is an error: one block for it */
		printf("ERROR=%s\n------\n", zl_rules[d->sink->v[d->flushed].rule].id);
		d->flushed = d->sink->n;
		return;
	}
	zl_buf_reset(b);
	if (d->wire) {
		put_str(b, "OWNER=");
		put_hex(b, rec->owner, rec->owner_len);
		snprintf(num, sizeof(num), "\nCLASS=%04X\nRRTTL=%08X\nRTYPE=%04X\nRDATA=",
			 rec->rclass, rec->ttl, rec->type);
		put_str(b, num);
		put_hex(b, rec->rdata, rec->rdlen);
		put_str(b, "\n------\n");
	} else {
		zl_name_to_text(rec->owner, name, sizeof(name));
		put_str(b, name);
		snprintf(num, sizeof(num), " %u ", rec->ttl);
		put_str(b, num);
		put_str(b, zl_class_name(rec->rclass, num, sizeof(num)));
		zl_buf_put8(b, ' ');
		put_str(b, zl_type_name(rec->type, num, sizeof(num)));
		zl_buf_reset(&d->rdtext);
		zl_rdata_to_text(rec->type, rec->rdata, rec->rdlen, &d->rdtext);
		if (d->rdtext.len) {
			zl_buf_put8(b, ' ');
			zl_buf_put(b, d->rdtext.data, d->rdtext.len);
		}
		zl_buf_put8(b, '\n');
	}
	fwrite(b->data, 1, b->len, stdout);
}


int zl_cmd_dump(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "wire", no_argument, NULL, 'W' },
		{ "origin", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *origin_text = NULL, *workdir = NULL;
	uint8_t origin[ZL_NAME_MAX];
	struct dump d;
	int c;

	memset(&d, 0, sizeof(d));
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:w:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'W':
			d.wire = true;
			break;
		case 'o':
			origin_text = optarg;
			break;
		case 'w':
			workdir = optarg;
			break;
		case 'h':
			dump_usage(stdout);
			return DUMP_OK;
		default:
			fputs("zonelint dump: try 'zonelint dump --help'\n", stderr);
			return DUMP_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs(optind >= argc ? "zonelint dump: no zone file given\n"
				     : "zonelint dump: give exactly one zone file\n", stderr);
		fputs("zonelint dump: try 'zonelint dump --help'\n", stderr);
		return DUMP_USAGE;
	}
	if (origin_text && !zl_name_from_cli(origin_text, origin)) {
		fprintf(stderr, "zonelint dump: -o %s: not a valid domain name\n", origin_text);
		return DUMP_USAGE;
	}

	struct zl_sink sink;
	struct zl_parse_opts po;
	zl_sink_init(&sink);
	memset(&po, 0, sizeof(po));
	po.path = argv[optind];
	po.origin = origin_text ? origin : NULL;
	po.workdir = workdir;
	po.infer_from_filename = true;
	po.on_record = on_record;
	po.ctx = &d;
	d.sink = &sink;
	enum zl_parse_result r = zl_parse_file(&po, &sink);
	flush_errors(&d, 0);
	fflush(stdout);

	zl_sink_sort(&sink);
	zl_format_gcc(&sink, stderr);
	int status = DUMP_OK;
	if (r == ZL_PARSE_UNREADABLE)
		status = DUMP_UNREADABLE;
	else if (sink.count[ZL_ERROR] > 0 || r == ZL_PARSE_NO_ORIGIN)
		status = DUMP_REJECTED;
	zl_buf_free(&d.line);
	zl_buf_free(&d.rdtext);
	zl_sink_free(&sink);
	return status;
}
