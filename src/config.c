/* config.c - reading .zonelint files with libinih and finding the one that applies to a zone file. */
#include "config.h"

#include <fnmatch.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "policy.h"

/* State while libinih calls us for one file. */
struct reading {
	struct zl_config *cfg;
	FILE *fp;
	int line;	/* lines handed to libinih so far: the one it is at */
	int err_line;	/* where err was found, 0 if nowhere yet */
	char err[200];
};

/* Keep the first error found, at the line libinih is at. */
static void config_error(struct reading *r, const char *fmt, const char *what)
{
	if (r->err_line)
		return;
	snprintf(r->err, sizeof(r->err), fmt, what);
	r->err_line = r->line;
}

/*
 * libinih's reader: one line, counted, and a section header that is never
 * closed ("[rules") found, which libinih reports only by its line number
 * (it then goes on in the section before, or in none).
 */
static char *read_line(char *str, int num, void *stream)
{
	struct reading *r = stream;
	char *s = fgets(str, num, r->fp);

	if (!s)
		return NULL;
	r->line++;
	s += strspn(s, " \t");
	if (*s == '[' && !strchr(s, ']')) {
		s[strcspn(s, "\r\n")] = '\0';
		config_error(r, "unclosed section header \"%.60s\": end it with \"]\"", s);
	}
	return str;
}

/* Mark the rules a comma-separated list names; false on an unknown name. */
static bool mark(const char *list, bool *set, char *err, size_t cap)
{
	struct zl_policy tmp;
	const char *bad;
	size_t badlen;

	zl_policy_init(&tmp);
	for (size_t i = 0; i < ZL_RULE_COUNT; i++)
		tmp.enabled[i] = false;
	tmp.selected = true;	/* so select marks exactly the named rules */
	if (!zl_policy_rules(&tmp, list, true, &bad, &badlen)) {
		snprintf(err, cap, "\"%.*s\" is not a rule id or family", (int)badlen, bad);
		return false;
	}
	for (size_t i = 0; i < ZL_RULE_COUNT; i++)
		set[i] |= tmp.enabled[i];
	return true;
}

/* libinih's callback: one name = value in a section; 0 stops with an error. */
static int on_value(void *user, const char *section, const char *name,
		    const char *value)
{
	struct reading *r = user;
	struct zl_config *cfg = r->cfg;
	char bad[200];

	if (!*section) {
		config_error(r, "\"%.60s\" is outside any section: put it under [rules], [severity] or [origin]", name);
		return 0;
	}
	if (strcmp(section, "rules") == 0) {
		bool sel = strcmp(name, "select") == 0;
		if (!sel && strcmp(name, "ignore") != 0) {
			config_error(r, "unknown key \"%.60s\" in [rules] (select, ignore)", name);
			return 0;
		}
		cfg->selected |= sel;
		if (!mark(value, sel ? cfg->in_select : cfg->ignored, bad, sizeof(bad))) {
			config_error(r, "%s", bad);
			return 0;
		}
		return 1;
	}
	if (strcmp(section, "severity") == 0) {
		const struct zl_rule_info *ri = zl_rule_by_id(name);
		enum zl_severity sev;
		if (!ri) {
			config_error(r, "\"%.60s\" is not a rule id", name);
			return 0;
		}
		if (!zl_severity_from_text(value, &sev)) {
			config_error(r, "severity \"%.60s\": use error, warning or info (or note)", value);
			return 0;
		}
		cfg->severity[ri - zl_rules] = (int)sev;
		return 1;
	}
	if (strcmp(section, "origin") == 0) {
		struct zl_config_origin o;
		if (!zl_name_from_cli(value, o.origin)) {
			config_error(r, "origin \"%.60s\" is not a domain name", value);
			return 0;
		}
		o.pattern = zl_xstrdup(name);
		cfg->origins = zl_xrealloc(cfg->origins, (cfg->norigins + 1) * sizeof(o));
		cfg->origins[cfg->norigins++] = o;
		return 1;
	}
	config_error(r, "unknown section [%.60s] (rules, severity, origin)", section);
	return 0;
}

struct zl_config *zl_config_read(FILE *f, const char *path, char *err,
				 size_t cap)
{
	struct zl_config *cfg = zl_xmalloc(sizeof(*cfg));
	struct reading r;

	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < ZL_RULE_COUNT; i++)
		cfg->severity[i] = -1;
	cfg->path = zl_xstrdup(path);
	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.fp = f;
	int line = f ? ini_parse_stream(read_line, &r, on_value, &r) : -1;
	if (line != 0) {
		/* libinih says where its first error is; ours may be the same or later */
		if (line < 0)
			snprintf(err, cap, "%s: cannot read the configuration file", path);
		else if (r.err_line && r.err_line <= line)
			snprintf(err, cap, "%s:%d: %s", path, r.err_line, r.err);
		else
			snprintf(err, cap, "%s:%d: %s", path, line,
				 "not an INI line (name = value, [section] or ; comment)");
		zl_config_free(cfg);
		return NULL;
	}
	return cfg;
}

void zl_config_free(struct zl_config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->norigins; i++)
		free(cfg->origins[i].pattern);
	free(cfg->origins);
	free(cfg->path);
	free(cfg);
}

/* Read the .zonelint at path; NULL and err on failure. */
static struct zl_config *read_config(const char *path, char *err, size_t cap)
{
	FILE *f = fopen(path, "r");
	struct zl_config *cfg = zl_config_read(f, path, err, cap);

	if (f)
		fclose(f);
	return cfg;
}

const struct zl_config *zl_config_for(struct zl_configs *c, const char *path,
				      char *err, size_t cap, bool *failed)
{
	char dir[4096];
	struct stat sb;

	*failed = false;
	if (strcmp(path, "-") == 0 || strcmp(path, "<stdin>") == 0)
		snprintf(dir, sizeof(dir), ".");
	else {
		snprintf(dir, sizeof(dir), "%s", path);
		char *slash = strrchr(dir, '/');
		if (!slash)
			snprintf(dir, sizeof(dir), ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	for (size_t i = 0; i < c->ndirs; i++)
		if (strcmp(c->dirs[i].dir, dir) == 0)
			return c->dirs[i].cfg;

	/* walk up: dir, dir/.., dir/../.. ... until the root */
	struct zl_config *found = NULL;
	char probe[4096 + 64], at[4096 + 64];
	snprintf(at, sizeof(at), "%s", dir);
	for (int depth = 0; depth < 64; depth++) {
		int n = snprintf(probe, sizeof(probe), "%s/.zonelint", at);
		if (n < 0 || (size_t)n >= sizeof(probe))
			break;	/* too deep to name: stop looking */
		if (stat(probe, &sb) == 0 && S_ISREG(sb.st_mode)) {
			for (size_t i = 0; i < c->n && !found; i++)
				if (strcmp(c->v[i]->path, probe) == 0)
					found = c->v[i];
			if (!found) {
				found = read_config(probe, err, cap);
				if (!found) {
					*failed = true;
					return NULL;
				}
				c->v = zl_xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
				c->v[c->n++] = found;
			}
			break;
		}
		/* the parent: stop at the root (same inode as its parent) */
		char parent[4096 + 64];
		struct stat a, b;
		n = snprintf(parent, sizeof(parent), "%s/..", at);
		if (n < 0 || (size_t)n >= sizeof(at) ||
		    stat(at, &a) != 0 || stat(parent, &b) != 0 ||
		    (a.st_dev == b.st_dev && a.st_ino == b.st_ino))
			break;
		snprintf(at, sizeof(at), "%s", parent);
	}
	c->dirs = zl_xrealloc(c->dirs, (c->ndirs + 1) * sizeof(*c->dirs));
	c->dirs[c->ndirs].dir = zl_xstrdup(dir);
	c->dirs[c->ndirs].cfg = found;
	c->ndirs++;
	return found;
}

const uint8_t *zl_config_origin(const struct zl_config *cfg, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t i = 0; cfg && i < cfg->norigins; i++)
		if (fnmatch(cfg->origins[i].pattern, base, 0) == 0)
			return cfg->origins[i].origin;
	return NULL;
}

void zl_configs_free(struct zl_configs *c)
{
	for (size_t i = 0; i < c->n; i++)
		zl_config_free(c->v[i]);
	for (size_t i = 0; i < c->ndirs; i++)
		free(c->dirs[i].dir);
	free(c->v);
	free(c->dirs);
	memset(c, 0, sizeof(*c));
}
