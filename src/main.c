/* main.c - zonelint's command line: options, loading the files, running the rules, printing, exit status. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "config.h"
#include "jobs.h"
#include "load.h"
#include "namedconf.h"
#include "path.h"
#include "policy.h"
#include "previous.h"
#include "serial.h"
#include "zonelint.h"

/* Exit statuses (README, zonelint.1). */
enum {
	EXIT_CLEAN = 0,		/* no error-level findings */
	EXIT_FINDINGS = 1,	/* error-level findings, recovered syntax errors included */
	EXIT_UNREADABLE = 2,	/* a file could not be read at all */
	EXIT_USAGE = 3,		/* usage error */
};

/*
 * The serial check (--against REV, --previous FILE): each zone against its
 * previous version.  Returns EXIT_CLEAN; EXIT_UNREADABLE when the
 * --previous file cannot be read (a fatal finding about it, in sink); or
 * EXIT_USAGE after a message (git failed).
 */
static int compare_previous(const struct zl_db *db, const char *against,
			    const char *previous, struct zl_sink *sink)
{
	int rc = EXIT_CLEAN;

	for (const struct zl_zone *z = db->zones; z && rc == EXIT_CLEAN; z = z->next) {
		struct zl_db prevdb;
		struct zl_sink junk;
		const struct zl_zone *prev = NULL;
		char label[300], err[600];

		if (!z->origin)
			continue;	/* already exit status 3 */
		zl_db_init(&prevdb);
		zl_sink_init(&junk);
		switch (zl_load_previous(&prevdb, z, against, previous, &junk, &prev,
					 label, sizeof(label), err, sizeof(err))) {
		case ZL_PREVIOUS_LOADED:
			zl_serial_check(z, prev, label, sink);
			break;
		case ZL_PREVIOUS_NONE:
			break;
		case ZL_PREVIOUS_ERROR:
			fprintf(stderr, "zonelint: %s\n", err);
			rc = EXIT_USAGE;
			break;
		case ZL_PREVIOUS_UNREADABLE:
			zl_report(sink, ZL_RULE_zone_syntax, zl_sink_intern(sink, previous),
				  0, 0, "%s (the --previous version)", err);
			zl_sink_mark_fatal(sink);
			rc = EXIT_UNREADABLE;
			break;
		}
		zl_sink_free(&junk);
		zl_db_free(&prevdb);
	}
	return rc;
}

/*
 * The input that writing the findings to out (-O) would destroy: a file
 * this run read under the same path, or the same file under another path
 * (device and inode).  The files read are those the sink knows (zone
 * files, $INCLUDEs, named.conf and its includes) and more[0..nmore) (the
 * operands, --previous, --named-conf; NULL entries skipped).  Returns its
 * name, or NULL if out is none of them.
 */
static const char *clobbered_input(const char *out, const struct zl_sink *sink,
				   const char *const *more, size_t nmore)
{
	struct stat o, in;
	bool exists = stat(out, &o) == 0;

	for (size_t i = 0; i < sink->nfiles + nmore; i++) {
		const char *name = i < nmore ? more[i] : sink->files[i - nmore];
		if (!name || strcmp(name, "-") == 0)
			continue;
		if (strcmp(name, out) == 0 ||
		    (exists && stat(name, &in) == 0 && in.st_dev == o.st_dev &&
		     in.st_ino == o.st_ino))
			return name;
	}
	return NULL;
}

/* Long options without a short form. */
enum {
	OPT_SELECT = 300,
	OPT_IGNORE,
	OPT_SEVERITY,
	OPT_FAIL_ON,
	OPT_WERROR,
	OPT_AGAINST,
	OPT_PREVIOUS,
	OPT_NAMED_CONF,
	OPT_MAX_RECORDS,
	OPT_SYNTAX_ONLY,
};

/* -j N / --jobs N: a number from 1 to ZL_JOBS_MAX; false if text is none. */
static bool parse_jobs(const char *text, unsigned *jobs)
{
	char *end;
	unsigned long v;

	if (text[0] < '0' || text[0] > '9')
		return false;
	errno = 0;
	v = strtoul(text, &end, 10);
	if (*end || errno || v < 1 || v > ZL_JOBS_MAX)
		return false;
	*jobs = (unsigned)v;
	return true;
}

/* The rule families, in the order of the rule table, ", " between them. */
static void print_families(FILE *out)
{
	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		enum zl_family f = zl_rules[i].family;
		size_t k = 0;
		while (k < i && zl_rules[k].family != f)
			k++;
		if (k == i)	/* the family's first rule */
			fprintf(out, "%s%s", i ? ", " : "", zl_family_name(f));
	}
}

/* The ids of the rules that run with --syntax-only, wrapped, each line indented. */
static void print_syntax_only(FILE *out)
{
	size_t col = 0;

	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		if (!zl_rule_syntax_only((enum zl_rule)i))
			continue;
		size_t w = strlen(zl_rules[i].id) + 1;
		if (col && col + w > 56) {
			fputs(",\n", out);
			col = 0;
		} else if (col) {
			fputs(", ", out);
			w++;
		}
		if (!col)
			fputs("                      ", out);
		fputs(zl_rules[i].id, out);
		col += w;
	}
	fputs("\n", out);
}

static void usage(FILE *out)
{
	fputs("usage: zonelint [options] FILE...\n"
	      "       zonelint [options] --named-conf NAMED.CONF [-t DIR]\n"
	      "       zonelint spf-eval --zone FILE... --ip IP --helo HELO [--sender MAILFROM] (see spf-eval --help)\n"
	      "       zonelint dump [--wire] [-o ORIGIN] [-w DIR] FILE (see dump --help)\n"
	      "       zonelint --list-rules | --explain RULE | --version\n"
	      "\n"
	      "Lint BIND master (zone) files and the SPF records in them.\n"
	      "FILE may be - for standard input. Several files are one data set:\n"
	      "SPF include chains are followed across them. Options may come before\n"
	      "or after the files; \"--\" ends them.\n"
	      "\n"
	      "options:\n"
	      "  -o, --origin NAME   origin of the zone(s); always absolute (\"example\" = \"example.\")\n"
	      "                      default: a $ORIGIN before the first record, else the owner\n"
	      "                      of an SOA written as an absolute name, else the file name\n"
	      "                      (db.NAME, NAME.zone, NAME.db)\n"
	      "  -w DIR              resolve relative $INCLUDE paths against DIR (default: .)\n"
	      "      --named-conf FILE  lint every primary zone that named.conf FILE declares,\n"
	      "                      with its zone name as the origin, as named-checkconf -z\n"
	      "                      loads them (includes, directory, views); no FILE operands\n"
	      "  -t DIR              with --named-conf: read paths as named chrooted to DIR would\n"
	      "  -v, --verbose       say which origin was used for each file and why\n"
	      "      --format FMT    gcc, tty, json, sarif or github (default: tty on a terminal,\n"
	      "                      github when GITHUB_ACTIONS=true, else gcc)\n"
	      "  -O FILE             write the findings to FILE instead of standard output\n"
	      "                      (- : standard output); never to an input file\n"
	      "      --color=WHEN    always, never or auto (tty format only; auto honours NO_COLOR)\n"
	      "      --select LIST   only these rules, comma-separated: rule ids or families\n"
	      "                      (", out);
	print_families(out);
	fputs(")\n"
	      "      --ignore LIST   not these rules\n"
	      "      --severity LEVEL  show findings of LEVEL and above (error, warning, info;\n"
	      "                      note is info, as the output says it)\n"
	      "      --fail-on LEVEL   exit 1 for shown findings of LEVEL and above (default:\n"
	      "                      error); what --severity hides never fails the run\n"
	      "      --warnings-as-errors  report warnings as errors\n"
	      "      --against REV   report zone-serial-not-increased when records changed since\n"
	      "                      the file's version in git at REV but the SOA serial did not grow\n"
	      "      --previous FILE the same check against FILE (one zone file only)\n"
	      "      --max-records N read at most N records of each file with its includes\n"
	      "                      (default 50000000, with --syntax-only none; more is a\n"
	      "                      zonelint-limit error)\n"
	      "  -j, --jobs N        read up to N files at once, on N threads (1 to 256;\n"
	      "                      default: the number of processors); the output is -j 1's\n"
	      "      --syntax-only   check each record alone as it is read and keep none:\n"
	      "                      memory stays small whatever the zone's size, but the\n"
	      "                      rules that compare records (duplicates, CNAME and other\n"
	      "                      data, glue, targets, SOA and NS presence, RRset TTLs,\n"
	      "                      SPF includes, lookups, record counts) do not run.\n"
	      "                      These do:\n", out);
	print_syntax_only(out);
	fputs("      --spf-tree NAME print the include/redirect tree of NAME's SPF record\n"
	      "                      with the DNS-lookup cost of each branch, instead of linting\n"
	      "      --list-rules[=FMT]  list every rule: id, default severity, summary\n"
	      "                      (FMT: text, markdown or man); with --syntax-only, the\n"
	      "                      rules that run then\n"
	      "      --explain RULE  explain a rule and cite its RFC section\n"
	      "      --version       print the version\n"
	      "  -h, --help          this text\n"
	      "\n"
	      "environment: ZONELINT_OPTS holds options read before the command line's\n"
	      "(a --select or --ignore on the command line replaces ZONELINT_OPTS' own);\n"
	      "NO_COLOR turns colour off; GITHUB_ACTIONS=true picks --format github\n"
	      "\n"
	      "exit status: 0 no error-level findings, 1 error-level findings (or a named.conf\n"
	      "syntax error), 2 a file could not be read (or -O written), 3 usage error\n", out);
}

/* Write text as roff input: backslashes escaped, a leading "." or "'" made
 * literal with \&, and (when minus) "-" as \- so ids can be copy-pasted. */
static void man_text(const char *text, bool minus)
{
	if (*text == '.' || *text == '\'')
		fputs("\\&", stdout);
	for (const char *p = text; *p; p++) {
		if (*p == '\\')
			fputs("\\e", stdout);
		else if (*p == '-' && minus)
			fputs("\\-", stdout);
		else
			putchar(*p);
	}
}

/*
 * --list-rules[=text|markdown|man]: the rule table, for people, README
 * or zonelint.1; with syntax_only, the rules that run with --syntax-only.
 */
static int list_rules(const char *format, bool syntax_only)
{
	bool md = format && strcmp(format, "markdown") == 0;
	bool man = format && strcmp(format, "man") == 0;
	if (format && !md && !man && strcmp(format, "text") != 0) {
		fprintf(stderr, "zonelint: --list-rules=%s: use text, markdown or man\n", format);
		return EXIT_USAGE;
	}
	if (md)
		puts("| rule | severity | summary | reference |\n| --- | --- | --- | --- |");
	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		const struct zl_rule_info *r = &zl_rules[i];
		if (syntax_only && !zl_rule_syntax_only((enum zl_rule)i))
			continue;
		if (man) {
			fputs(".TP\n.B ", stdout);
			man_text(r->id, true);
			putchar('\n');
			man_text(r->summary, false);
			printf(".\nDefault severity: %s; ", zl_severity_name(r->severity));
			man_text(r->reference, false);
			puts(".");
		} else if (md)
			printf("| `%s` | %s | %s | %s |\n", r->id,
			       zl_severity_name(r->severity), r->summary, r->reference);
		else
			printf("%-26s %-8s %s\n", r->id, zl_severity_name(r->severity),
			       r->summary);
	}
	return EXIT_CLEAN;
}

/* Print text wrapped at 72 columns. */
static void print_wrapped(const char *text)
{
	size_t col = 0;
	const char *p = text;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t w = sp ? (size_t)(sp - p) : strlen(p);
		if (col && col + 1 + w > 72) {
			putchar('\n');
			col = 0;
		} else if (col) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, w, stdout);
		col += w;
		p += w;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
}

static int explain(const char *id)
{
	const struct zl_rule_info *r = zl_rule_by_id(id);
	if (!r) {
		fprintf(stderr, "zonelint: unknown rule \"%s\" (see --list-rules)\n", id);
		return EXIT_USAGE;
	}
	printf("%s (%s, default severity %s)\n\n", r->id, zl_family_name(r->family),
	       zl_severity_name(r->severity));
	printf("%s.\n\n", r->summary);
	print_wrapped(r->explanation);
	printf("\nReference: %s\n", r->reference);
	printf("Runs with --syntax-only: %s\n",
	       zl_rule_syntax_only((enum zl_rule)(r - zl_rules)) ? "yes" :
	       "no, it needs the whole zone in memory");
	return EXIT_CLEAN;
}

/*
 * The option combinations that are usage errors whatever the files hold,
 * found before anything is read: ops[0..nops) are the operands, tree_name
 * --spf-tree's.  Returns the message (static storage), or NULL if the
 * options go together.
 */
static const char *check_options(int nops, char **ops, const char *against,
				 const char *previous, const char *workdir,
				 const char *root, bool syntax_only,
				 const char *tree_name)
{
	static char msg[600];
	struct stat sb;

	if (syntax_only && tree_name)
		return "--spf-tree shows an include tree across the zone's records, which --syntax-only does not keep; give one of them";
	if (syntax_only && (against || previous)) {
		snprintf(msg, sizeof(msg), "%s compares the whole zone with its previous version, which --syntax-only does not keep; give one of them",
			 against ? "--against" : "--previous");
		return msg;
	}
	if (against && !*against)
		return "--against needs a revision (HEAD, a branch, a commit)";
	if (against && previous)
		return "--against and --previous both name the previous version; give one of them";
	if (previous && nops > 1)
		return "--previous compares one zone file; give only one";
	for (int i = 0; against && i < nops; i++) {
		if (strcmp(ops[i], "-") == 0) {
			snprintf(msg, sizeof(msg), "--against %s compares a file with its version in git; standard input (-) has no path there: use --previous FILE",
				 against);
			return msg;
		}
	}
	const char *const dirs[2] = { workdir, root }, *const opt[2] = { "-w", "-t" };
	for (int i = 0; i < 2; i++) {
		if (dirs[i] && stat(dirs[i], &sb) != 0) {
			snprintf(msg, sizeof(msg), "%s %s: %s", opt[i], dirs[i], strerror(errno));
			return msg;
		}
		if (dirs[i] && !S_ISDIR(sb.st_mode)) {
			snprintf(msg, sizeof(msg), "%s %s: not a directory", opt[i], dirs[i]);
			return msg;
		}
	}
	return NULL;
}

/*
 * --named-conf: read the configuration, load each view's primary zones
 * into a database of its own, and run the rules (and the serial check
 * against REV) over each; inline directives are bound to every view's
 * records.  With syntax_only each zone file is checked record by record
 * as it is read instead, and the databases stay empty.  The zone files
 * are read on up to jobs threads (-j; 0: the default).  Returns the exit
 * status so far.
 */
static int lint_named_conf(const char *path, const char *root, bool verbose,
			   const char *against, bool syntax_only, unsigned jobs,
			   struct zl_directives *dirs, struct zl_sink *sink)
{
	struct zl_nc_conf conf;
	struct zl_nc_set *sets;
	size_t nsets;
	int status = EXIT_CLEAN;

	enum zl_nc_result r = zl_nc_read(&conf, path, root, sink);
	if (r == ZL_NC_UNREADABLE) {
		zl_nc_free(&conf);
		return EXIT_UNREADABLE;
	}
	if (against) {
		/* before any zone is read: git must know the revision for each */
		const char **files = zl_xmalloc((conf.nzones + 1) * sizeof(*files));
		size_t n = 0;
		char err[600];
		for (size_t i = 0; i < conf.nzones; i++)
			if (!zl_nc_skip_reason(&conf, &conf.zones[i]))
				files[n++] = conf.zones[i].path;
		bool ok = zl_previous_check(files, n, against, err, sizeof(err));
		free(files);
		if (!ok) {
			fprintf(stderr, "zonelint: %s\n", err);
			zl_nc_free(&conf);
			return EXIT_USAGE;
		}
	}
	struct zl_nc_load_opts lo = { zl_directives_comment, dirs, verbose ? stderr : NULL,
				      syntax_only ? zl_directives_record : NULL,
				      jobs ? jobs : zl_jobs_default() };
	if (zl_nc_load(&conf, &lo, &sets, &nsets, sink) == ZL_PARSE_UNREADABLE)
		status = EXIT_UNREADABLE;
	else if (r == ZL_NC_SYNTAX)
		status = EXIT_FINDINGS;	/* the zone list is incomplete, whatever is ignored */
	for (size_t v = 0; v < nsets && !syntax_only; v++) {
		zl_rules_run(&sets[v].db, sink);
		if (against && status != EXIT_UNREADABLE && status != EXIT_USAGE &&
		    compare_previous(&sets[v].db, against, NULL, sink) == EXIT_USAGE)
			status = EXIT_USAGE;	/* (git's copies are never unreadable) */
		zl_directives_bind(dirs, &sets[v].db);
	}
	zl_nc_sets_free(sets, nsets);
	zl_nc_free(&conf);
	return status;
}

/*
 * Load the zone file operands ops[0..nops) into db in their order, each
 * with base's options, the origin its .zonelint gives it (unless -o did)
 * and its findings in sink; an operand that is the same file as an
 * earlier one is read once.  With jobs > 1 (0: zl_jobs_default()) and
 * more than one file, the files are read on up to jobs threads and added
 * in the same order, with the same result; a single file of some size
 * (zl_load_wants_thread()) is read on a second thread while this one
 * adds its records.  With syntax_only each file is checked record by
 * record as it is read (zl_stream_load(); with jobs > 1 and some size,
 * read on a second thread, zl_pipe_check()), one after the other, and
 * db stays empty.  Returns the exit status so
 * far; *cfailed, after the message, when a .zonelint could not be read
 * (the operands before it are loaded, none after).
 */
static int load_operands(char **ops, int nops, const struct zl_load_opts *base,
			 unsigned jobs, bool syntax_only, struct zl_configs *configs,
			 struct zl_db *db, struct zl_sink *sink, bool *cfailed)
{
	struct zl_load_opts *lo = zl_xmalloc((size_t)nops * sizeof(*lo));
	const char **first = zl_xmalloc((size_t)nops * sizeof(*first));
	char cerr[400];
	int end = nops;		/* the operands to load are before it */
	size_t nload = 0;
	int status = EXIT_CLEAN;

	/* what to read, and how: before any file is read; an operand that
	 * is the same file as an earlier one is read once (a zone read twice
	 * would repeat every record as a duplicate of itself) */
	long *same = zl_xmalloc((size_t)nops * sizeof(*same));
	zl_path_same_files((const char *const *)ops, (size_t)nops, same);
	for (int k = 0; k < nops; k++) {
		first[k] = same[k] >= 0 ? ops[same[k]] : NULL;
		if (first[k])
			continue;
		const struct zl_config *cfg = zl_config_for(configs, ops[k], cerr,
							    sizeof(cerr), cfailed);
		if (*cfailed) {
			end = k;
			break;
		}
		lo[nload] = *base;
		lo[nload].path = ops[k];
		if (!base->origin && zl_config_origin(cfg, ops[k])) {
			lo[nload].origin = zl_config_origin(cfg, ops[k]);
			lo[nload].origin_source = "config";
		}
		nload++;
	}
	if (jobs == 0)
		jobs = zl_jobs_default();
	struct zl_jobs *pool = jobs > 1 && nload > 1 && !syntax_only ?
			       zl_jobs_start(lo, nload, jobs) : NULL;
	size_t next = 0;
	for (int k = 0; k < end; k++) {
		if (first[k]) {
			/* a file named twice (or two globs that overlap): read once */
			if (base->verbose)
				fprintf(base->verbose, "zonelint: %s: the same file as %s, read once\n",
					ops[k], first[k]);
			continue;
		}
		enum zl_parse_result r;
		if (syntax_only && jobs > 1 && zl_load_wants_thread(&lo[next]))
			/* read on a second thread while this one checks */
			r = zl_pipe_check(&lo[next], zl_pipe_start(&lo[next], !base->verbose, 0, true, true),
					  sink);
		else if (syntax_only)
			r = zl_stream_load(&lo[next], sink);
		else if (pool)
			r = zl_jobs_load(pool, next, db, sink, NULL);
		else if (jobs > 1 && nload == 1 && zl_load_wants_thread(&lo[next]))
			/* one file: read on a second thread while this one adds
			 * its records (-v writes here meanwhile: no progress) */
			r = zl_pipe_load(db, &lo[next], zl_pipe_start(&lo[next], !base->verbose, 0, true, false),
					 sink, NULL);
		else
			r = zl_db_load(db, &lo[next], sink, NULL);
		next++;
		if (r == ZL_PARSE_UNREADABLE)
			status = EXIT_UNREADABLE;
		else if (r == ZL_PARSE_NO_ORIGIN && status == EXIT_CLEAN)
			status = EXIT_USAGE;
	}
	zl_jobs_free(pool);
	if (*cfailed)
		fprintf(stderr, "zonelint: %s\n", cerr);
	free(same);
	free(first);
	free(lo);
	return status;
}

/* A --select or --ignore list, kept until every option is read. */
struct rule_list {
	const char *list;
	bool select;	/* --select, else --ignore */
	bool from_env;	/* from ZONELINT_OPTS */
};

/*
 * Apply the n rule lists of v to p in the order given, leaving out those
 * of ZONELINT_OPTS for an option the command line gives too: a list on
 * the command line replaces ZONELINT_OPTS' lists of the same option.
 * With syntax_only, a --select that names a rule id that does not run
 * then is a usage error: returns false after its message.
 */
static bool apply_rule_lists(struct zl_policy *p, const struct rule_list *v, size_t n,
			     bool syntax_only)
{
	bool on_cli[2] = { false, false };
	const char *bad;
	size_t badlen;

	for (size_t i = 0; i < n; i++)
		on_cli[v[i].select] |= !v[i].from_env;
	for (size_t i = 0; i < n; i++) {
		if (v[i].from_env && on_cli[v[i].select])
			continue;
		if (syntax_only && v[i].select &&
		    zl_rule_list_find(v[i].list, zl_rule_syntax_only, &bad, &badlen)) {
			fprintf(stderr, "zonelint: --select %.*s: that rule needs the whole zone in memory, which --syntax-only does not keep (zonelint --syntax-only --list-rules shows the rules it runs)\n",
				(int)badlen, bad);
			return false;
		}
		zl_policy_rules(p, v[i].list, v[i].select, &bad, &badlen);	/* checked */
	}
	return true;
}

/*
 * The lint command: argv as given, with the words of ZONELINT_OPTS
 * already in it as argv[1..first_cli) (first_cli is 1 without them).
 * lists has room for argc rule lists.
 */
static int run(int argc, char **argv, int first_cli, struct rule_list *lists)
{
	static const struct option longopts[] = {
		{ "origin", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "list-rules", optional_argument, NULL, 'L' },
		{ "explain", required_argument, NULL, 'E' },
		{ "version", no_argument, NULL, 'V' },
		{ "spf-tree", required_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'F' },
		{ "color", required_argument, NULL, 'C' },
		{ "select", required_argument, NULL, OPT_SELECT },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "severity", required_argument, NULL, OPT_SEVERITY },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "warnings-as-errors", no_argument, NULL, OPT_WERROR },
		{ "against", required_argument, NULL, OPT_AGAINST },
		{ "previous", required_argument, NULL, OPT_PREVIOUS },
		{ "named-conf", required_argument, NULL, OPT_NAMED_CONF },
		{ "max-records", required_argument, NULL, OPT_MAX_RECORDS },
		{ "syntax-only", no_argument, NULL, OPT_SYNTAX_ONLY },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *origin_text = NULL, *workdir = NULL, *tree_name = NULL;
	const char *against = NULL, *previous = NULL;	/* the serial check */
	const char *named_conf = NULL, *root = NULL;	/* --named-conf, -t */
	uint32_t max_records = 0;	/* 0: the parser's default */
	unsigned jobs = 0;		/* -j; 0: zl_jobs_default() */
	uint8_t origin[ZL_NAME_MAX];
	struct zl_db db;
	bool verbose = false;
	bool syntax_only = false;	/* --syntax-only: each record checked alone, none kept */
	int c;
	const char *out_path = NULL;	/* -O */
	enum zl_format format, *format_given = NULL;
	enum zl_color color = ZL_COLOR_AUTO;

	struct zl_policy policy;
	struct zl_directives dirs = { 0 };
	bool ran[ZL_RULE_COUNT];	/* --syntax-only: the rules that run */
	struct zl_configs configs = { 0 };
	size_t nlists = 0;		/* --select and --ignore, in lists */
	int action = 0;			/* -h, --list-rules, --explain or --version instead of linting */
	const char *action_arg = NULL;
	bool named_conf_env = false;	/* --named-conf came from ZONELINT_OPTS */

	/* getopt(3) names the program by argv[0]: "zonelint", as every other
	 * message does, not the path it was started by */
	static char me[] = "zonelint", me_eval[] = "zonelint spf-eval", me_dump[] = "zonelint dump";

	zl_policy_init(&policy);
	argv[0] = me;
	/* subcommands take their own options after the name */
	if (argc > 1 && strcmp(argv[1], "spf-eval") == 0) {
		argv[1] = me_eval;
		return zl_cmd_spf_eval(argc - 1, argv + 1);
	}
	if (argc > 1 && strcmp(argv[1], "dump") == 0) {
		argv[1] = me_dump;
		return zl_cmd_dump(argc - 1, argv + 1);
	}

	/* the short options, of both scans below */
	static const char shortopts[] = "o:w:t:vhO:j:";
	/* ZONELINT_OPTS' words are argv[1..first_cli), one after the other in
	 * one heap copy: an option's argument is from there if it points
	 * into it (getopt_long() moves the operands behind the options, so
	 * where an option stood in argv does not tell) */
	uintptr_t env_lo = 0, env_hi = 0;
	if (first_cli > 1) {
		env_lo = (uintptr_t)argv[1];
		env_hi = (uintptr_t)argv[first_cli - 1] + strlen(argv[first_cli - 1]) + 1;
		/* ZONELINT_OPTS alone first: an option there without its
		 * argument would take the command line's first word for it,
		 * and an unknown one would be reported without saying where
		 * it came from */
		char **ev = zl_xmalloc(((size_t)first_cli + 1) * sizeof(*ev));
		memcpy(ev, argv, (size_t)first_cli * sizeof(*ev));
		ev[first_cli] = NULL;
		bool bad = false;
		while (!bad && (c = getopt_long(first_cli, ev, shortopts, longopts, NULL)) != -1)
			bad = c == '?';
		free(ev);
		optind = 0;	/* glibc: start the next scan afresh */
		if (bad) {
			fputs("zonelint: that option is in the ZONELINT_OPTS environment variable\n", stderr);
			return EXIT_USAGE;
		}
	}
	for (;;) {
		/* options may follow the files, as with most linters; "--"
		 * ends them */
		c = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (c == -1)
			break;
		/* only options with an argument ask where they come from */
		bool from_env = optarg && (uintptr_t)optarg >= env_lo && (uintptr_t)optarg < env_hi;
		switch (c) {
		case 'o':
			origin_text = optarg;
			break;
		case 'w':
			workdir = optarg;
			break;
		case 't':
			if (!*optarg) {
				fputs("zonelint: -t needs a directory; an empty name is none (named-checkconf cannot chroot to it either)\n", stderr);
				return EXIT_USAGE;
			}
			root = optarg;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
		case 'L':
		case 'E':
		case 'V':
			action = c;	/* done once the options are read */
			action_arg = optarg;
			break;
		case 'T':
			tree_name = optarg;
			break;
		case 'O':
			out_path = strcmp(optarg, "-") == 0 ? NULL : optarg;	/* - : standard output */
			break;
		case 'F':
			if (!zl_format_parse(optarg, &format)) {
				fprintf(stderr, "zonelint: --format %s: use gcc, tty, json, sarif or github\n", optarg);
				return EXIT_USAGE;
			}
			format_given = &format;
			break;
		case 'C':
			if (!zl_color_parse(optarg, &color)) {
				fprintf(stderr, "zonelint: --color=%s: use always, never or auto\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_SELECT:
		case OPT_IGNORE: {
			const char *bad;
			size_t badlen;
			struct zl_policy check;
			zl_policy_init(&check);
			lists[nlists++] = (struct rule_list){ optarg, c == OPT_SELECT, from_env };
			if (!zl_policy_rules(&check, optarg, c == OPT_SELECT, &bad, &badlen)) {
				fprintf(stderr, "zonelint: --%s: \"%.*s\" is not a rule id or family (see --list-rules)\n",
					c == OPT_SELECT ? "select" : "ignore", (int)badlen, bad);
				return EXIT_USAGE;
			}
			break;
		}
		case OPT_SEVERITY:
		case OPT_FAIL_ON:
			if (!zl_severity_from_text(optarg, c == OPT_SEVERITY ? &policy.min_shown
									     : &policy.fail_on)) {
				fprintf(stderr, "zonelint: --%s %s: use error, warning or info (or note)\n",
					c == OPT_SEVERITY ? "severity" : "fail-on", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_WERROR:
			policy.warnings_as_errors = true;
			break;
		case OPT_AGAINST:
			against = optarg;
			break;
		case OPT_PREVIOUS:
			previous = optarg;
			break;
		case OPT_NAMED_CONF:
			if (named_conf && !(named_conf_env && !from_env)) {
				fputs("zonelint: --named-conf given twice; lint one configuration at a time\n", stderr);
				return EXIT_USAGE;
			}
			named_conf = optarg;	/* the command line's wins over ZONELINT_OPTS's */
			named_conf_env = from_env;
			break;
		case OPT_SYNTAX_ONLY:
			syntax_only = true;
			break;
		case OPT_MAX_RECORDS: {
			char *end;
			unsigned long long v;
			errno = 0;
			v = strtoull(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end || errno ||
			    v == 0 || v > UINT32_MAX) {
				fprintf(stderr, "zonelint: --max-records %s: use a number from 1 to %u\n",
					optarg, UINT32_MAX);
				return EXIT_USAGE;
			}
			max_records = (uint32_t)v;
			break;
		}
		case 'j':
			if (!parse_jobs(optarg, &jobs)) {
				fprintf(stderr, "zonelint: --jobs %s: use a number from 1 to %u\n",
					optarg, ZL_JOBS_MAX);
				return EXIT_USAGE;
			}
			break;
		default:	/* getopt said what was wrong */
			fputs("zonelint: try 'zonelint --help'\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (action) {
		if (optind < argc) {
			fprintf(stderr, "zonelint: %s takes no operands (\"%s\" given)\n",
				action == 'h' ? "--help" : action == 'L' ? "--list-rules" :
				action == 'E' ? "--explain" : "--version", argv[optind]);
			return EXIT_USAGE;
		}
		if (action == 'L')
			return list_rules(action_arg, syntax_only);
		if (action == 'E')
			return explain(action_arg);
		if (action == 'V')
			printf("zonelint %s\n", ZONELINT_VERSION);
		else
			usage(stdout);
		return EXIT_CLEAN;
	}
	const char *bad = check_options(argc - optind, argv + optind, against, previous,
					workdir, root, syntax_only, tree_name);
	if (bad) {
		fprintf(stderr, "zonelint: %s\n", bad);
		return EXIT_USAGE;
	}
	if (!apply_rule_lists(&policy, lists, nlists, syntax_only))
		return EXIT_USAGE;
	if (named_conf) {
		/* the configuration says which files, origins and directory */
		const char *clash = optind < argc ? "zone file operands" :
				    origin_text ? "-o" : workdir ? "-w" :
				    tree_name ? "--spf-tree" : previous ? "--previous" : NULL;
		if (clash) {
			fprintf(stderr, "zonelint: --named-conf takes the zone files, their origins and directory from the configuration; %s cannot go with it\n",
				clash);
			return EXIT_USAGE;
		}
	} else if (root) {
		fputs("zonelint: -t DIR goes with --named-conf\n", stderr);
		return EXIT_USAGE;
	} else if (optind >= argc) {
		fputs("zonelint: no zone file given; try 'zonelint --help'\n", stderr);
		return EXIT_USAGE;
	}
	char gerr[600];
	if (against && !named_conf &&
	    !zl_previous_check((const char *const *)argv + optind, (size_t)(argc - optind),
			       against, gerr, sizeof(gerr))) {
		fprintf(stderr, "zonelint: %s\n", gerr);
		return EXIT_USAGE;
	}
	if (origin_text && !zl_name_from_cli(origin_text, origin)) {
		fprintf(stderr, "zonelint: -o %s: not a valid domain name\n", origin_text);
		return EXIT_USAGE;
	}
	uint8_t tree[ZL_NAME_MAX];
	if (tree_name && !zl_name_from_cli(tree_name, tree)) {
		fprintf(stderr, "zonelint: --spf-tree %s: not a domain name\n", tree_name);
		return EXIT_USAGE;
	}

	struct zl_sink sink;
	zl_sink_init(&sink);
	zl_db_init(&db);
	if (syntax_only) {
		for (size_t i = 0; i < ZL_RULE_COUNT; i++)
			ran[i] = zl_rule_syntax_only((enum zl_rule)i);
		dirs.ran = ran;
	}
	int status = EXIT_CLEAN;
	bool refused = false;	/* a usage or configuration error: its message, no findings */
	if (named_conf) {
		status = lint_named_conf(named_conf, root, verbose, against, syntax_only,
					 jobs, &dirs, &sink);
		refused = status == EXIT_USAGE;
	}
	if (!named_conf) {
		struct zl_load_opts base;
		memset(&base, 0, sizeof(base));
		base.origin = origin_text ? origin : NULL;
		base.workdir = workdir;
		base.infer_from_filename = true;
		base.digest_text = true;	/* the rules are all that reads the model */
		base.max_records = max_records;
		base.verbose = verbose ? stderr : NULL;
		base.on_comment = zl_directives_comment;
		base.on_record_line = zl_directives_record;
		base.comment_ctx = &dirs;
		bool cfailed = false;
		status = load_operands(argv + optind, argc - optind, &base, jobs, syntax_only,
				       &configs, &db, &sink, &cfailed);
		if (cfailed) {
			zl_configs_free(&configs);
			zl_directives_free(&dirs);
			zl_db_free(&db);
			zl_sink_free(&sink);
			return EXIT_USAGE;
		}
	}

	if (tree_name && status == EXIT_CLEAN) {
		/* --spf-tree: the include tree instead of the findings */
		status = zl_spf_tree_print(&db, tree, stdout) ? EXIT_FINDINGS : EXIT_CLEAN;
		zl_configs_free(&configs);
		zl_directives_free(&dirs);
		zl_db_free(&db);
		zl_sink_free(&sink);
		return status;
	}
	if (!named_conf && !syntax_only) {
		/* a thread pays off only on a big zone; a small one is done
		 * in less time than starting the thread takes */
		zl_rules_run_jobs(&db, &sink, db.nrr >= ZL_RULES_THREAD_MIN_RR ? 2 : 1);
		if ((against || previous) && status == EXIT_CLEAN) {
			status = compare_previous(&db, against, previous, &sink);
			refused = status == EXIT_USAGE;
		}
		zl_directives_bind(&dirs, &db);
	}
	zl_directives_apply(&dirs, &sink);
	zl_directives_free(&dirs);
	policy.configs = &configs;
	zl_policy_apply(&policy, &sink);
	if (policy.config_failed) {
		fprintf(stderr, "zonelint: %s\n", policy.config_err);
		refused = true;
	}
	zl_configs_free(&configs);
	if (named_conf)
		zl_sink_dedupe(&sink);	/* a file served by several views: each finding once */
	else
		zl_sink_sort(&sink);
	const char *clobbered = NULL;
	if (out_path) {
		/* the operands, --previous, --named-conf: read even if unreadable */
		size_t nin = 0;
		const char **in = zl_xmalloc(((size_t)(argc - optind) + 2) * sizeof(*in));
		for (int i = optind; i < argc; i++)
			in[nin++] = argv[i];
		in[nin++] = previous;
		in[nin++] = named_conf;
		clobbered = clobbered_input(out_path, &sink, in, nin);
		free(in);
	}
	if (clobbered) {
		fprintf(stderr, "zonelint: -O %s: that is the input file %s; the findings would overwrite it\n",
			out_path, clobbered);
		refused = true;
	}
	if (refused) {
		status = EXIT_USAGE;
	} else if (!zl_format_output(&sink, out_path, format_given, color)) {
		status = EXIT_UNREADABLE;
	}
	if (status == EXIT_CLEAN && zl_policy_fails(&policy, &sink))
		status = EXIT_FINDINGS;
	zl_db_free(&db);
	zl_sink_free(&sink);
	return status;
}

/*
 * Split ZONELINT_OPTS into words (blanks separate; '...' and "..." quote)
 * and insert them after argv[0], so that options given on the command
 * line come later and win.  Returns the new argv (heap; *storage is the
 * heap copy of the words), or NULL with a message on an unclosed quote.
 */
static char **with_env_options(const char *env, int *argc, char **argv,
			       char **storage)
{
	size_t len = strlen(env);
	char *w = zl_xmalloc(len + 1);
	char **v = zl_xmalloc(((size_t)*argc + len / 2 + 2) * sizeof(*v));
	size_t n = 0, o = 0, i = 0;

	*storage = w;
	v[n++] = argv[0];
	while (i < len) {
		while (i < len && (env[i] == ' ' || env[i] == '\t' || env[i] == '\n'))
			i++;
		if (i >= len)
			break;
		v[n++] = w + o;
		while (i < len && env[i] != ' ' && env[i] != '\t' && env[i] != '\n') {
			if (env[i] == '\'' || env[i] == '"') {
				char q = env[i++];
				while (i < len && env[i] != q)
					w[o++] = env[i++];
				if (i >= len) {
					fprintf(stderr, "zonelint: ZONELINT_OPTS: unclosed %c quote\n", q);
					free(v);
					return NULL;
				}
				i++;
			} else {
				w[o++] = env[i++];
			}
		}
		w[o++] = '\0';
	}
	for (int k = 1; k < *argc; k++)
		v[n++] = argv[k];
	v[n] = NULL;
	*argc = (int)n;
	return v;
}

int main(int argc, char **argv)
{
	const char *env = getenv("ZONELINT_OPTS");
	char *storage = NULL;
	int status;

	/* subcommands have options of their own: ZONELINT_OPTS is the linter's */
	bool sub = argc > 1 && (strcmp(argv[1], "spf-eval") == 0 ||
				strcmp(argv[1], "dump") == 0);
	int given = argc;

	zl_name_hash_seed();	/* before any thread reads a file */
	char **v = env && *env && !sub ? with_env_options(env, &argc, argv, &storage) : argv;
	if (!v) {
		free(storage);
		return EXIT_USAGE;
	}
	struct rule_list *lists = zl_xmalloc((size_t)argc * sizeof(*lists));
	status = run(argc, v, argc - given + 1, lists);
	free(lists);
	if (v != argv)
		free(v);
	free(storage);
	return status;
}
