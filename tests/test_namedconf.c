/* test_namedconf.c - the named.conf scanner, grammar and driver (BIND 9.18 ARM chapter 8): comments, skipped statements, views, includes, directory, zone statements, errors. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "namedconf.h"
#include "zonelint.h"

/* The tests run inside a scratch directory: relative paths start there. */
static char tmpdir[64];
static char oldcwd[4096];

/* A configuration as read, with its findings sorted. */
struct conf {
	struct zl_nc_conf nc;
	struct zl_sink sink;
	enum zl_nc_result r;
};

/* Write text to path (relative to the scratch directory), making its directory. */
static void write_file(const char *path, const char *text)
{
	char dir[256];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Read path (already written) with root (or NULL). */
static struct conf *read_at(const char *path, const char *root)
{
	struct conf *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	zl_sink_init(&c->sink);
	c->r = zl_nc_read(&c->nc, path, root, &c->sink);
	zl_sink_sort(&c->sink);
	return c;
}

/* Write text as named.conf and read it. */
static struct conf *read_text(const char *text)
{
	write_file("named.conf", text);
	return read_at("named.conf", NULL);
}

static void done(struct conf *c)
{
	zl_nc_free(&c->nc);
	zl_sink_free(&c->sink);
	free(c);
}

/* Finding i is rule at file:line:col. */
static void assert_finding(const struct conf *c, size_t i, enum zl_rule rule,
			   const char *file, uint32_t line, uint32_t col)
{
	assert_true(i < c->sink.n);
	const struct zl_diagnostic *d = &c->sink.v[i];
	if (d->rule != rule || strcmp(d->file, file) != 0 || d->line != line || d->col != col)
		fail_msg("finding %zu is %s at %s:%u:%u (%s); expected %s at %s:%u:%u", i,
			 zl_rules[d->rule].id, d->file, d->line, d->col, d->message,
			 zl_rules[rule].id, file, line, col);
}

static const char *message(const struct conf *c, size_t i)
{
	assert_true(i < c->sink.n);
	return c->sink.v[i].message;
}

/* The zone whose name is written as text (the first one). */
static const struct zl_nc_zone *zone(const struct conf *c, const char *text)
{
	for (size_t i = 0; i < c->nc.nzones; i++)
		if (strcmp(c->nc.zones[i].text, text) == 0)
			return &c->nc.zones[i];
	fail_msg("no zone \"%s\"", text);
	return NULL;
}

/* All three comment styles, wherever blanks may stand; "#" and "//" inside strings are text. */
static void test_comments(void **state)
{
	(void)state;
	struct conf *c = read_text(
		"# shell\n"
		"// c++\n"
		"/* c, over\n"
		"   two lines */ zone/**/\"a.example\" { type primary; file \"#not/a//comment\"; };\n"
		"zone b.example#the rest is a comment { type secondary; };\n"
		"{ type primary; file \"b\"; };\n"
		"zone c.example// also { type slave; };\n"
		"{ type master; /* inline */ file \"c\" /* between */ ; };\n");
	assert_int_equal(c->r, ZL_NC_OK);
	assert_int_equal(c->sink.n, 0);
	assert_int_equal(c->nc.nzones, 3);
	assert_string_equal(zone(c, "a.example")->file, "#not/a//comment");
	assert_int_equal(zone(c, "a.example")->line, 4);
	assert_int_equal(zone(c, "a.example")->col, 25);
	assert_int_equal(zone(c, "b.example")->type, ZL_NC_TYPE_PRIMARY);
	assert_string_equal(zone(c, "c.example")->file, "c");
	assert_int_equal(zone(c, "c.example")->type, ZL_NC_TYPE_PRIMARY);
	done(c);
}

/* Statements zonelint does not read are skipped whole, nested blocks and all. */
static void test_skipped_statements(void **state)
{
	(void)state;
	struct conf *c = read_text(
		"logging { channel x { file \"f\" versions 3; severity info; }; category default { x; }; };\n"
		"acl \"a\" { 10.0.0.0/8; !192.0.2.1; ! { 1.2.3.4; }; { 5.6.7.8; key k; }; };\n"
		"key \"rndc-key\" { algorithm hmac-sha256; secret \"aGVsbG8=\"; };\n"
		"controls { inet 127.0.0.1 port 953 allow { 127.0.0.1; } keys { \"rndc-key\"; }; };\n"
		"trust-anchors { . initial-key 257 3 8 \"AwEAAa\"; };\n"
		"server 192.0.2.1 { bogus yes; };\n"
		"options { directory \".\"; listen-on port 53 { any; }; zone \"in.options\" { type primary; }; };\n"
		"zone \"z.example\" { type primary; file \"z\";\n"
		"	update-policy { grant k zonesub ANY; }; also-notify { 192.0.2.2 key \"file\"; }; };\n");
	assert_int_equal(c->r, ZL_NC_OK);
	assert_int_equal(c->sink.n, 0);
	assert_int_equal(c->nc.nzones, 1);	/* a zone inside options is no zone */
	assert_string_equal(c->nc.zones[0].text, "z.example");
	assert_string_equal(c->nc.zones[0].file, "z");
	done(c);
}

/* Views: their zones, classes, and the zone's class after its name. */
static void test_views(void **state)
{
	(void)state;
	struct conf *c = read_text(
		"view internal {\n"
		"	match-clients { 10/8; };\n"
		"	zone \"example.com\" { type primary; file \"int/db.example.com\"; };\n"
		"};\n"
		"view \"external\" IN {\n"
		"	zone example.com. in { type master; file \"ext/db.example.com\"; };\n"
		"	zone \"shared.example\" { in-view internal; };\n"
		"};\n"
		"view chaos ch { zone \"bind\" chaos { type primary; file \"db.bind\"; }; };\n"
		"view third { zone example.com { in-view internal; }; };\n"
		"view fourth { zone example.com { in-view third; }; };\n");
	/* shared.example is in no earlier view; an in-view of an in-view zone is refused too */
	assert_int_equal(c->sink.n, 2);
	assert_int_equal(c->nc.nviews, 6);
	assert_null(c->nc.views[0].name);
	assert_string_equal(c->nc.views[1].name, "internal");
	assert_string_equal(c->nc.views[2].name, "external");
	assert_int_equal(c->nc.views[3].rclass, 3);
	const struct zl_nc_zone *in = zone(c, "example.com"), *ex = zone(c, "example.com.");
	assert_int_equal(in->view, 1);
	assert_int_equal(ex->view, 2);
	assert_true(zl_name_equal(in->name, ex->name));
	assert_false(in->duplicate || ex->duplicate);	/* one per view is what views are for */
	assert_int_equal(zone(c, "bind")->rclass, 3);
	assert_finding(c, 0, ZL_RULE_conf_zone_invalid, "named.conf", 7, 7);
	assert_non_null(strstr(message(c, 0), "in-view"));
	assert_finding(c, 1, ZL_RULE_conf_zone_invalid, "named.conf", 11, 20);
	assert_ptr_equal(zl_nc_in_view_target(&c->nc, &c->nc.zones[4]), in);
	done(c);
}

/* Includes: at the top, in a view, in a zone; relative to the directory once it is set. */
static void test_includes(void **state)
{
	(void)state;
	write_file("conf/zones.conf", "zone \"one.example\" { type primary; file \"db.one\"; };\n");
	write_file("conf/view.conf", "zone \"two.example\" { type primary; file \"db.two\"; };\n");
	write_file("conf/type.conf", "type primary;\n");
	write_file("zones/after.conf", "zone \"three.example\" { type primary; file \"db.three\"; };\n");
	struct conf *c = read_text(
		"include \"conf/zones.conf\";\n"
		"view v { include \"conf/view.conf\"; };\n"
		"view w { zone \"four.example\" { include \"conf/type.conf\"; file \"db.four\"; }; };\n"
		"options { directory \"zones\"; };\n"
		"view x { include \"after.conf\"; };\n");
	assert_int_equal(c->sink.n, 1);	/* one.example stands outside the views */
	assert_finding(c, 0, ZL_RULE_conf_zone_invalid, "conf/zones.conf", 1, 6);
	assert_int_equal(c->nc.nzones, 4);
	assert_string_equal(c->nc.zones[0].text, "one.example");
	assert_string_equal(c->nc.zones[1].text, "two.example");
	assert_int_equal(c->nc.zones[1].view, 1);
	assert_string_equal(c->nc.zones[1].conf, "conf/view.conf");
	assert_int_equal(c->nc.zones[2].type, ZL_NC_TYPE_PRIMARY);
	assert_string_equal(c->nc.zones[3].text, "three.example");
	/* every zone file is relative to the final directory, wherever the zone stands */
	assert_string_equal(c->nc.zones[0].path, "zones/db.one");
	assert_string_equal(c->nc.zones[3].path, "zones/db.three");
	done(c);

	/* a glob pattern: every match, in sorted order; a pattern matching nothing */
	write_file("glob/b.conf", "zone \"b.example\" { type primary; file \"b\"; };\n");
	write_file("glob/a.conf", "zone \"a.example\" { type primary; file \"a\"; };\n");
	c = read_text("include \"glob/*.conf\";\ninclude \"glob/*.none\";\n");
	assert_int_equal(c->nc.nzones, 2);
	assert_string_equal(c->nc.zones[0].text, "a.example");
	assert_string_equal(c->nc.zones[1].text, "b.example");
	assert_int_equal(c->sink.n, 1);
	assert_finding(c, 0, ZL_RULE_conf_include_missing, "named.conf", 2, 9);
	assert_non_null(strstr(message(c, 0), "matches no file"));
	done(c);
}

/* The include is read right where it stands, before the next statement. */
static void test_include_order(void **state)
{
	(void)state;
	write_file("mid.conf", "zone \"mid.example\" { type primary; file \"m\"; };");
	struct conf *c = read_text(
		"zone \"first.example\" { type primary; file \"f\"; }; include \"mid.conf\"; zone \"last.example\" { type primary; file \"l\"; };\n");
	assert_int_equal(c->sink.n, 0);
	assert_int_equal(c->nc.nzones, 3);
	assert_string_equal(c->nc.zones[0].text, "first.example");
	assert_string_equal(c->nc.zones[1].text, "mid.example");
	assert_string_equal(c->nc.zones[2].text, "last.example");
	assert_int_equal(c->nc.zones[2].line, 1);
	assert_int_equal(c->nc.zones[2].col, 76);	/* positions resume in named.conf */
	done(c);
}

/* directory: relative to the working directory; absolute zone files stay as written. */
static void test_directory(void **state)
{
	(void)state;
	assert_int_equal(mkdir("var", 0755) == 0 || access("var", F_OK) == 0, 1);
	struct conf *c = read_text(
		"zone \"before.example\" { type primary; file \"db.before\"; };\n"
		"options { directory \"var\"; };\n"
		"zone \"abs.example\" { type primary; file \"/etc/db.abs\"; };\n");
	assert_int_equal(c->sink.n, 0);
	assert_string_equal(c->nc.directory, "var");
	assert_string_equal(zone(c, "before.example")->path, "var/db.before");
	assert_string_equal(zone(c, "abs.example")->path, "/etc/db.abs");
	done(c);

	/* a directory that is not there: reported once, relative files dropped */
	c = read_text("options { directory \"no/such/dir\"; };\n"
		      "zone \"a.example\" { type primary; file \"db.a\"; };\n");
	assert_int_equal(c->sink.n, 1);
	assert_finding(c, 0, ZL_RULE_conf_directory_missing, "named.conf", 1, 21);
	assert_true(zone(c, "a.example")->relative_lost);
	assert_non_null(zl_nc_skip_reason(&c->nc, zone(c, "a.example")));
	done(c);

	/* -t: every path below the root, the configuration's own too */
	write_file("root/etc/bind/named.conf",
		   "options { directory \"/var/cache/bind\"; };\n"
		   "include \"/etc/bind/zones.conf\";\n");
	write_file("root/etc/bind/zones.conf",
		   "zone \"r.example\" { type primary; file \"db.r\"; };\n");
	assert_int_equal(system("mkdir -p root/var/cache/bind"), 0);
	c = read_at("/etc/bind/named.conf", "root/");
	assert_int_equal(c->r, ZL_NC_OK);
	assert_int_equal(c->sink.n, 0);
	assert_string_equal(c->nc.directory, "root/var/cache/bind");
	assert_string_equal(zone(c, "r.example")->path, "root/var/cache/bind/db.r");
	assert_string_equal(zone(c, "r.example")->conf, "root/etc/bind/zones.conf");
	done(c);
}

/* Zone names quoted or not, with or without the dot, the root; types and their old names. */
static void test_zone_statements(void **state)
{
	(void)state;
	struct conf *c = read_text(
		"zone \"example.com\" { type primary; file \"a\"; };\n"
		"zone example.net. IN { type MASTER; file \"b\"; };\n"
		"zone \".\" { type hint; file \"root.hints\"; };\n"
		"zone \"sec.example\" { type secondary; primaries { 192.0.2.1; }; };\n"
		"zone \"slave.example\" { type slave; masters { 192.0.2.1; }; };\n"
		"zone \"dlz.example\" { type primary; dlz dlzdb; };\n"
		"zone \"raw.example\" { type primary; file \"r\"; masterfile-format raw; };\n"
		"zone \"fwd.example\" { type forward; forwarders { 192.0.2.9; }; };\n"
		"zone \"q\\\"x\" { type primary; file \"a\\\"b\\\\c\\\\\\\"d\"; };\n");
	assert_int_equal(c->sink.n, 0);
	/* \" is a quote, other escapes stay as written */
	assert_string_equal(zone(c, "q\"x")->file, "a\"b\\\\c\\\\\"d");
	uint8_t wire[ZL_NAME_MAX];
	assert_true(zl_name_from_cli("example.com", wire));
	assert_true(zl_name_equal(zone(c, "example.com")->name, wire));
	assert_int_equal(zone(c, "example.net.")->type, ZL_NC_TYPE_PRIMARY);
	assert_int_equal(zone(c, "example.net.")->rclass, 1);
	assert_int_equal(zone(c, ".")->name[0], 0);
	assert_int_equal(zone(c, "sec.example")->type, ZL_NC_TYPE_SECONDARY);
	assert_int_equal(zone(c, "slave.example")->type, ZL_NC_TYPE_SECONDARY);
	assert_null(zl_nc_skip_reason(&c->nc, zone(c, "example.com")));
	assert_null(zl_nc_skip_reason(&c->nc, zone(c, "example.net.")));
	assert_non_null(zl_nc_skip_reason(&c->nc, zone(c, ".")));
	assert_non_null(zl_nc_skip_reason(&c->nc, zone(c, "sec.example")));
	assert_non_null(zl_nc_skip_reason(&c->nc, zone(c, "dlz.example")));
	assert_true(zone(c, "raw.example")->raw);
	assert_non_null(zl_nc_skip_reason(&c->nc, zone(c, "raw.example")));
	assert_non_null(zl_nc_skip_reason(&c->nc, zone(c, "fwd.example")));
	done(c);

	/* masterfile-format inherited from a view or the options, written after the zone */
	c = read_text("view v { zone \"a.example\" { type primary; file \"a\"; }; masterfile-format raw; };\n"
		      "view w { zone \"b.example\" { type primary; file \"b\"; masterfile-format text; }; };\n"
		      "options { masterfile-format raw; };\n");
	assert_true(zone(c, "a.example")->raw);
	assert_false(zone(c, "b.example")->raw);
	done(c);
}

/* What named refuses about zones: no file, duplicates, bad names, types and classes. */
static void test_zone_errors(void **state)
{
	(void)state;
	struct conf *c = read_text(
		"zone \"nofile.example\" { type primary; };\n"
		"zone \"dup.example\" { type primary; file \"a\"; };\n"
		"zone \"DUP.example.\" { type primary; file \"b\"; };\n"
		"zone \"a..b\" { type primary; file \"c\"; };\n"
		"zone \"t.example\" { type bogus; file \"d\"; };\n"
		"zone \"u.example\" { file \"e\"; };\n"
		"zone \"ch.example\" CH { type primary; file \"f\"; };\n"
		"zone \"r.example\" { type redirect; file \"g\"; };\n");
	assert_int_equal(c->r, ZL_NC_OK);
	assert_int_equal(c->sink.n, 7);
	assert_finding(c, 0, ZL_RULE_conf_zone_no_file, "named.conf", 1, 6);
	assert_finding(c, 1, ZL_RULE_conf_zone_duplicate, "named.conf", 3, 6);
	assert_non_null(strstr(message(c, 1), "first at named.conf:2:6"));
	assert_finding(c, 2, ZL_RULE_conf_zone_invalid, "named.conf", 4, 6);
	assert_finding(c, 3, ZL_RULE_conf_zone_invalid, "named.conf", 5, 25);
	assert_finding(c, 4, ZL_RULE_conf_zone_invalid, "named.conf", 6, 6);
	assert_finding(c, 5, ZL_RULE_conf_zone_invalid, "named.conf", 7, 19);
	assert_finding(c, 6, ZL_RULE_conf_zone_invalid, "named.conf", 8, 6);
	assert_true(zone(c, "DUP.example.")->duplicate);
	assert_null(zl_nc_skip_reason(&c->nc, zone(c, "dup.example")));
	assert_non_null(zl_nc_skip_reason(&c->nc, zone(c, "DUP.example.")));
	done(c);
}

/* Syntax errors: one finding at the exact place, and the reading stops there. */
static void test_syntax_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		uint32_t line, col;
		const char *says;
	} cases[] = {
		{ "options { directory \".\" };\n", 1, 25, "missing \";\" before \"}\"" },
		{ "zone \"a\" { type primary; file \"a\"; }\nzone \"b\" { };\n", 2, 1, "missing \";\" before \"zone\"" },
		{ "zone \"a\" { type primary; file \"a\" \"b\"; };\n", 1, 35, "missing \";\" before the quoted string \"b\"" },
		{ "options { }\n", 2, 1, "missing \";\" at the end of the file" },
		{ "options {\n  /* never closed\n};\n", 2, 3, "never closed" },
		{ "zone \"a\" {\n  file \"never closed;\n};\n", 2, 8, "never closed" },
		{ "zone \"a\" { type secondary; };\n};\n", 2, 1, "without a matching" },
		{ "logging {\n  channel x { file \"f\"; };\n", 3, 1, "\"{\" at named.conf:1:9 is never closed" },
		{ "options { directory \".\"; directory \".\"; };\n", 1, 26, "given twice" },
		{ "zone \"a\" { type primary; type secondary; };\n", 1, 26, "given twice" },
		{ "zone \"a\" { type \"primary\"; };\n", 1, 17, "expecting word" },
		{ "zone \"a\" { file unquoted; };\n", 1, 17, "expecting quoted string" },
		{ "view v bogus { };\n", 1, 8, "not a class" },
		{ "{ };\n", 1, 1, "unexpected '{'" },
		{ ";\n", 1, 1, "unexpected ';'" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct conf *c = read_text(cases[i].text);
		assert_int_equal(c->r, ZL_NC_SYNTAX);
		assert_int_equal(c->sink.n, 1);
		assert_finding(c, 0, ZL_RULE_conf_syntax, "named.conf", cases[i].line, cases[i].col);
		if (!strstr(message(c, 0), cases[i].says))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, message(c, 0), cases[i].says);
		done(c);
	}

	/* a zone cut short by the error is dropped; the ones before it stay */
	struct conf *c = read_text("zone \"a\" { type primary; file \"a\"; };\nzone \"b\" { type primary; file \"b\" };\n");
	assert_int_equal(c->nc.nzones, 1);
	done(c);

	/* NUL bytes, outside and inside strings */
	write_file("named.conf", "");
	FILE *f = fopen("named.conf", "w");
	assert_non_null(f);
	fwrite("zone \"a\0\" { };", 1, 14, f);
	fclose(f);
	c = read_at("named.conf", NULL);
	assert_int_equal(c->sink.n, 1);
	assert_finding(c, 0, ZL_RULE_conf_syntax, "named.conf", 1, 6);
	assert_non_null(strstr(message(c, 0), "NUL"));
	done(c);
}

/* Nesting and include depth are bounded; include cycles and missing files are caught. */
static void test_limits(void **state)
{
	(void)state;
	char text[1024] = "a ";
	for (int i = 0; i <= ZL_NC_MAX_NESTING; i++)
		strcat(text, "{ b ");
	struct conf *c = read_text(text);
	assert_int_equal(c->sink.n, 1);
	assert_finding(c, 0, ZL_RULE_conf_syntax, "named.conf", 1, 3 + 4 * ZL_NC_MAX_NESTING);
	assert_non_null(strstr(message(c, 0), "nest deeper than 64"));
	done(c);

	/* a chain of includes one too deep */
	for (int i = 1; i <= ZL_NC_MAX_INCLUDE_DEPTH + 1; i++) {
		char name[32], body[64];
		snprintf(name, sizeof(name), "deep/%d.conf", i);
		snprintf(body, sizeof(body), "include \"deep/%d.conf\";\n", i + 1);
		write_file(name, body);
	}
	c = read_text("include \"deep/1.conf\";\n");
	assert_int_equal(c->sink.n, 1);
	char deepest[32];
	snprintf(deepest, sizeof(deepest), "deep/%d.conf", ZL_NC_MAX_INCLUDE_DEPTH);
	assert_finding(c, 0, ZL_RULE_conf_include_missing, deepest, 1, 9);
	assert_non_null(strstr(message(c, 0), "nests deeper than 16"));
	done(c);

	/* a cycle through two files, and a missing file: reading goes on after both */
	write_file("cyc/a.conf", "include \"cyc/b.conf\";\n");
	write_file("cyc/b.conf", "\n  include \"cyc/a.conf\";\n");
	c = read_text("include \"cyc/a.conf\";\ninclude \"cyc/none.conf\";\nzone \"z\" { type primary; file \"z\"; };\n");
	assert_int_equal(c->r, ZL_NC_OK);
	assert_int_equal(c->sink.n, 2);
	assert_finding(c, 0, ZL_RULE_conf_include_missing, "named.conf", 2, 9);
	assert_non_null(strstr(message(c, 0), "No such file"));
	assert_finding(c, 1, ZL_RULE_conf_include_missing, "cyc/b.conf", 2, 11);
	assert_non_null(strstr(message(c, 1), "include cycle"));
	assert_int_equal(c->nc.nzones, 1);
	done(c);

	/* the configuration itself cannot be read: one fatal finding for the file */
	c = read_at("no-such.conf", NULL);
	assert_int_equal(c->r, ZL_NC_UNREADABLE);
	assert_int_equal(c->sink.n, 1);
	assert_finding(c, 0, ZL_RULE_conf_syntax, "no-such.conf", 0, 0);
	assert_true(c->sink.v[0].fatal);
	assert_string_equal(message(c, 0), "cannot read: No such file or directory");
	done(c);
}

/* Loading: one data set per view; a file that cannot be read points at its file clause. */
static void test_load(void **state)
{
	(void)state;
	write_file("lz/db.a", "$TTL 300\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n");
	struct conf *c = read_text(
		"options { directory \"lz\"; };\n"
		"view in { zone \"a.example\" { type primary; file \"db.a\"; };\n"
		"  zone \"gone.example\" { type primary; file \"db.gone\"; }; };\n"
		"view out { zone \"a.example\" { in-view in; }; };\n");
	assert_int_equal(c->sink.n, 0);
	struct zl_nc_set *sets;
	size_t n;
	struct zl_nc_load_opts lo = { NULL, NULL, NULL, NULL, 0 };
	assert_int_equal(zl_nc_load(&c->nc, &lo, &sets, &n, &c->sink), ZL_PARSE_UNREADABLE);
	assert_int_equal(n, 3);
	assert_null(sets[0].db.zones);
	assert_non_null(sets[1].db.zones);	/* a.example, and gone.example (empty) */
	assert_string_equal(sets[1].db.zones->file, "lz/db.a");
	assert_int_equal(sets[1].db.zones->nrr, 3);
	assert_non_null(sets[2].db.zones);	/* in-view brings the zone into view out */
	assert_int_equal(sets[2].db.zones->nrr, 3);
	assert_int_equal(c->sink.n, 1);
	assert_finding(c, 0, ZL_RULE_conf_zone_file_missing, "named.conf", 3, 44);
	zl_nc_sets_free(sets, n);
	done(c);
}

/* Each finding once when views read the same file twice. */
static void test_dedupe(void **state)
{
	(void)state;
	struct zl_sink s;
	zl_sink_init(&s);
	const char *f = zl_sink_intern(&s, "db.x");
	const char *g = zl_sink_intern(&s, "db.y");
	zl_report(&s, ZL_RULE_spf_ptr, f, 3, 1, "m");
	zl_report(&s, ZL_RULE_spf_syntax, f, 3, 1, "m");
	zl_report(&s, ZL_RULE_spf_ptr, g, 3, 1, "m");
	zl_report(&s, ZL_RULE_spf_ptr, f, 3, 1, "m");		/* the same again */
	zl_report(&s, ZL_RULE_spf_ptr, f, 3, 1, "other");
	zl_report(&s, ZL_RULE_spf_syntax, f, 3, 1, "m");	/* the same again */
	zl_sink_dedupe(&s);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.count[ZL_WARNING] + s.count[ZL_ERROR], 4);
	assert_true(s.v[0].rule == ZL_RULE_spf_ptr && s.v[0].file == f);
	assert_true(s.v[1].rule == ZL_RULE_spf_syntax);
	assert_string_equal(s.v[2].message, "other");
	assert_true(s.v[3].file == g);
	zl_sink_free(&s);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/zl-test-namedconf-XXXXXX");
	if (!getcwd(oldcwd, sizeof(oldcwd)) || !mkdtemp(tmpdir))
		return -1;
	return chdir(tmpdir);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	if (chdir(oldcwd) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_skipped_statements),
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_includes),
		cmocka_unit_test(test_include_order),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_zone_statements),
		cmocka_unit_test(test_zone_errors),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_dedupe),
	};
	return cmocka_run_group_tests_name("namedconf", tests, setup, teardown);
}
