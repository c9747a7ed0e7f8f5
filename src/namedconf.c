/* namedconf.c - named.conf reading driver: runs the scanner and grammar over the configuration and its includes, resolves paths as named does, and checks the zone statements. */
#include "namedconf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "namedconf_state.h"
#include "path.h"
#include "namedconf_parser.h"
#include "namedconf_scanner.h"
#include "rdata.h"

/* Size of a flex buffer for an included file. */
#define BUF_SIZE (1 << 17)

/* ---- called by the scanner ------------------------------------------------ */

size_t zl_nc_p_read(struct zl_nc_state *ps, char *buf, size_t max)
{
	struct zl_nc_frame *f = &ps->frames[ps->nframes - 1];
	size_t n = fread(buf, 1, max, f->fp);

	if (n == 0 && ferror(f->fp) && !ps->read_errno) {
		ps->read_errno = errno ? errno : EIO;
		ps->read_file = f->file;
	}
	return n;
}

void zl_nc_p_advance(struct zl_nc_state *ps, const char *text, size_t len,
		     int *first_line, int *first_col)
{
	struct zl_nc_frame *f = &ps->frames[ps->nframes - 1];
	const char *nl = memchr(text, '\n', len);

	*first_line = (int)f->line;
	*first_col = (int)f->col;
	ps->last_text.set = false;	/* until zl_nc_p_keep() says otherwise */
	if (!nl) {
		f->col += (uint32_t)len;
		return;
	}
	for (const char *p = text, *end = text + len; p < end; p++) {
		if (*p == '\n') {
			f->line++;
			f->col = 1;
		} else {
			f->col++;
		}
	}
}

struct zl_nc_tok zl_nc_p_keep(struct zl_nc_state *ps, const char *text, size_t len,
			      bool quoted, uint32_t line, uint32_t col)
{
	struct zl_nc_tok t = { (uint32_t)ps->text.len, 0, line, col,
			       zl_nc_p_file(ps), true };
	size_t i = 0, from = 0;

	/* in a quoted string a backslash takes the next byte with it; only
	 * \" loses its backslash (BIND's lexer keeps the others as written) */
	while (quoted && i < len) {
		if (text[i] == '\\' && i + 1 < len && text[i + 1] == '"') {
			zl_buf_put(&ps->text, text + from, i - from);
			from = i + 1;
		}
		i += text[i] == '\\' && i + 1 < len ? 2 : 1;
	}
	zl_buf_put(&ps->text, text + from, len - from);
	zl_buf_put8(&ps->text, 0);	/* so a token's text is a C string too */
	t.len = (uint32_t)(ps->text.len - t.off - 1);
	ps->last_text = t;
	return t;
}

int zl_nc_p_keyword(const char *text, size_t len)
{
	static const struct { const char *word; int kind; } kw[] = {
		{ "options", NC_OPTIONS }, { "view", NC_VIEW }, { "zone", NC_ZONE },
		{ "include", NC_INCLUDE }, { "directory", NC_DIRECTORY },
		{ "type", NC_TYPE }, { "file", NC_FILE },
	};

	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strlen(kw[i].word) == len && strncasecmp(text, kw[i].word, len) == 0)
			return kw[i].kind;
	return 0;
}

const char *zl_nc_p_file(const struct zl_nc_state *ps)
{
	return ps->frames[ps->nframes - 1].file;
}

/* ---- diagnostics ---------------------------------------------------------------- */

static void report(struct zl_nc_state *ps, enum zl_rule rule, const struct zl_nc_tok *at,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(struct zl_nc_state *ps, enum zl_rule rule, const struct zl_nc_tok *at,
		   const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zl_report(ps->sink, rule, at->file, at->line, at->col, "%s", msg);
}

void zl_nc_p_syntax(struct zl_nc_state *ps, const char *file, uint32_t line,
		    uint32_t col, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	if (ps->syntax_error)
		return;		/* one syntax error ends the reading */
	ps->syntax_error = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zl_report(ps->sink, ZL_RULE_conf_syntax, file, line, col, "%s", msg);
	zl_sink_mark_fatal(ps->sink);	/* the zones after it are never read */
}

/* At most this many octets of a name or path in a message. */
#define ECHO_MAX 200
#define ECHO(s) ((int)(strlen(s) > ECHO_MAX ? ECHO_MAX : strlen(s))), (s)

/* ---- paths -------------------------------------------------------------------- */

/*
 * path as named opens it: below root when chrooted, and a relative path
 * against base (a directory already resolved) or else the working
 * directory (root when chrooted).  Returns a copy in conf->mem.
 */
static const char *resolve(struct zl_nc_state *ps, const char *path, const char *base)
{
	const char *root = ps->conf->root;
	size_t n = zl_path_resolve(NULL, 0, root, base, path, strlen(path));
	char *out = zl_arena_alloc(&ps->conf->mem, n + 1);

	zl_path_resolve(out, n + 1, root, base, path, strlen(path));
	return out;
}

/* A glob(3) pattern: has an unescaped *, ? or [. */
static bool is_pattern(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' && s[1])
			s++;
		else if (*s == '*' || *s == '?' || *s == '[')
			return true;
	}
	return false;
}

/* s with glob(3)'s metacharacters escaped (heap), or NULL for NULL. */
static char *glob_escape(const char *s)
{
	if (!s)
		return NULL;
	char *out = zl_xmalloc(2 * strlen(s) + 1);
	size_t o = 0;

	for (; *s; s++) {
		if (strchr("*?[\\", *s))
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o] = '\0';
	return out;
}

/* The pattern for glob(3): path resolved as resolve() does, the resolved prefix escaped. */
static char *glob_pattern(struct zl_nc_state *ps, const char *path, const char *base)
{
	char *root = glob_escape(ps->conf->root), *cwd = glob_escape(base);
	size_t n = zl_path_resolve(NULL, 0, root, cwd, path, strlen(path));
	char *out = zl_xmalloc(n + 1);

	zl_path_resolve(out, n + 1, root, cwd, path, strlen(path));
	free(root);
	free(cwd);
	return out;
}

/* ---- include files --------------------------------------------------------------- */

/*
 * Open path (already resolved) as a frame on top of the others: checks
 * depth and cycles.  Reports conf-include-missing at inc and returns
 * NULL on failure.
 */
static struct zl_nc_frame *open_frame(struct zl_nc_state *ps, const char *path,
				      const struct zl_nc_tok *inc)
{
	struct stat sb;
	char why[160];

	if (ps->nframes > ZL_NC_MAX_INCLUDE_DEPTH) {
		report(ps, ZL_RULE_conf_include_missing, inc,
		       "include \"%.*s\" nests deeper than %d files", ECHO(path),
		       ZL_NC_MAX_INCLUDE_DEPTH);
		return NULL;
	}
	FILE *fp = zl_open_input(path, false, "configuration file", &sb, why, sizeof(why));
	if (!fp) {
		report(ps, ZL_RULE_conf_include_missing, inc,
		       "cannot read include file \"%.*s\": %s", ECHO(path), why);
		return NULL;
	}
	for (int k = 0; k < ps->nframes; k++) {
		if (ps->frames[k].dev == sb.st_dev && ps->frames[k].ino == sb.st_ino) {
			report(ps, ZL_RULE_conf_include_missing, inc,
			       "include \"%.*s\" includes a file that is already being read (%s): an include cycle",
			       ECHO(path), ps->frames[k].file);
			fclose(fp);
			return NULL;
		}
	}
	struct zl_nc_frame *f = &ps->frames[ps->nframes++];
	memset(f, 0, sizeof(*f));
	f->file = zl_sink_intern(ps->sink, path);
	f->fp = fp;
	f->line = f->col = 1;
	f->dev = sb.st_dev;
	f->ino = sb.st_ino;
	if (inc) {
		f->inc_file = inc->file;
		f->inc_line = inc->line;
		f->inc_col = inc->col;
	}
	return f;
}

/*
 * Open the next readable match of the glob in g from index *next on, as
 * a new frame that owns g.  Returns the frame, or NULL (g freed) when no
 * match is left.
 */
static struct zl_nc_frame *open_match(struct zl_nc_state *ps, glob_t *g, size_t next,
				      const struct zl_nc_tok *inc)
{
	for (; next < g->gl_pathc; next++) {
		struct zl_nc_frame *f = open_frame(ps, g->gl_pathv[next], inc);
		if (f) {
			f->matches = *g;
			f->globbed = true;
			f->next_match = next + 1;
			return f;
		}
	}
	globfree(g);
	return NULL;
}

void zl_nc_p_include(struct zl_nc_state *ps, void *scanner,
		     const struct zl_nc_tok *path)
{
	const char *name = zl_nc_text(ps, path);
	struct zl_nc_frame *f;

	if (path->len == 0) {
		report(ps, ZL_RULE_conf_include_missing, path, "include with an empty file name");
		return;
	}
	if (name[0] != '/' && ps->dir_bad)
		return;		/* relative to a directory already reported missing */
	if (is_pattern(name)) {
		glob_t g;
		char *pattern = glob_pattern(ps, name, ps->dir);
		int rc = glob(pattern, GLOB_ERR, NULL, &g);
		if (rc != 0) {
			report(ps, ZL_RULE_conf_include_missing, path,
			       "include pattern \"%.*s\" %s", ECHO(pattern),
			       rc == GLOB_NOMATCH ? "matches no file" : "cannot be read");
			if (rc != GLOB_NOMATCH)
				globfree(&g);
			free(pattern);
			return;
		}
		free(pattern);
		f = open_match(ps, &g, 0, path);
	} else {
		f = open_frame(ps, resolve(ps, name, ps->dir), path);
	}
	if (f)
		zl_nc_yypush_buffer_state(zl_nc_yy_create_buffer(f->fp, BUF_SIZE, scanner),
					  scanner);
}

bool zl_nc_p_eof(struct zl_nc_state *ps, void *scanner)
{
	if (ps->nframes == 1)
		return false;
	struct zl_nc_frame done = ps->frames[--ps->nframes];
	fclose(done.fp);
	zl_nc_yypop_buffer_state(scanner);
	if (done.globbed) {
		struct zl_nc_tok inc = { 0, 0, done.inc_line, done.inc_col, done.inc_file, true };
		struct zl_nc_frame *f = open_match(ps, &done.matches, done.next_match, &inc);
		if (f)
			zl_nc_yypush_buffer_state(zl_nc_yy_create_buffer(f->fp, BUF_SIZE, scanner),
						  scanner);
	}
	return true;
}

/* ---- statements ------------------------------------------------------------------ */

void zl_nc_p_clause_end(struct zl_nc_state *ps, bool lookahead)
{
	if (!lookahead)
		zl_buf_reset(&ps->text);
}

void zl_nc_p_options(struct zl_nc_state *ps, const struct zl_nc_tok *kw)
{
	if (ps->options_seen) {
		zl_nc_p_syntax(ps, kw->file, kw->line, kw->col,
			       "options given twice (first at %s:%u:%u); named allows one",
			       ps->options_at.file, ps->options_at.line, ps->options_at.col);
		return;
	}
	ps->options_seen = true;
	ps->options_at = *kw;
}

void zl_nc_p_directory(struct zl_nc_state *ps, const struct zl_nc_tok *kw,
		       const struct zl_nc_tok *path)
{
	struct stat sb;

	if (ps->directory_seen) {
		zl_nc_p_syntax(ps, kw->file, kw->line, kw->col,
			       "directory given twice (first at %s:%u:%u); named allows one",
			       ps->directory_at.file, ps->directory_at.line,
			       ps->directory_at.col);
		return;
	}
	ps->directory_seen = true;
	ps->directory_at = *kw;
	/* named changes into it right here: later relative paths start there */
	ps->dir = resolve(ps, zl_nc_text(ps, path), ps->dir);
	ps->conf->directory = ps->dir;
	int rc = stat(ps->dir, &sb);
	if (rc != 0 || !S_ISDIR(sb.st_mode)) {
		report(ps, ZL_RULE_conf_directory_missing, path,
		       "directory \"%.*s\": %s; named cannot change into it and refuses to start",
		       ECHO(ps->dir), rc != 0 ? strerror(errno) : "not a directory");
		ps->dir_bad = true;
	}
}

/* A class word (IN, CH, CHAOS, HS, HESIOD, CLASSnn); false if it is none. */
static bool class_of(struct zl_nc_state *ps, const struct zl_nc_tok *t, uint16_t *cls)
{
	return zl_class_from_text(zl_nc_text(ps, t), t->len, cls);
}

void zl_nc_p_view_begin(struct zl_nc_state *ps, const struct zl_nc_tok *name,
			const struct zl_nc_tok *cls)
{
	struct zl_nc_conf *c = ps->conf;
	uint16_t rclass = 1;

	if (cls->set && !class_of(ps, cls, &rclass)) {
		zl_nc_p_syntax(ps, cls->file, cls->line, cls->col,
			       "\"%.*s\" is not a class (IN, CH or HS)",
			       ECHO(zl_nc_text(ps, cls)));
		return;
	}
	if (c->nviews == ps->cap_views) {
		ps->cap_views *= 2;
		c->views = zl_xrealloc(c->views, ps->cap_views * sizeof(*c->views));
	}
	struct zl_nc_view *v = &c->views[c->nviews];
	v->name = zl_arena_strndup(&c->mem, zl_nc_text(ps, name), name->len);
	v->rclass = rclass;
	v->conf = name->file;
	v->line = name->line;
	v->col = name->col;
	v->format = -1;
	ps->view = c->nviews++;
}

void zl_nc_p_view_end(struct zl_nc_state *ps)
{
	ps->view = 0;
}

void zl_nc_p_zone_begin(struct zl_nc_state *ps, const struct zl_nc_tok *name,
			const struct zl_nc_tok *cls)
{
	struct zl_nc_conf *c = ps->conf;
	const struct zl_nc_view *v = &c->views[ps->view];

	if (c->nzones == ps->cap_zones) {
		ps->cap_zones *= 2;
		c->zones = zl_xrealloc(c->zones, ps->cap_zones * sizeof(*c->zones));
	}
	struct zl_nc_zone *z = &c->zones[c->nzones];
	memset(z, 0, sizeof(*z));
	z->text = zl_arena_strndup(&c->mem, zl_nc_text(ps, name), name->len);
	z->name_ok = zl_name_from_cli(z->text, z->name);
	z->view = ps->view;
	z->rclass = v->rclass;
	z->conf = name->file;
	z->line = name->line;
	z->col = name->col;
	z->format = -1;
	ps->zone = z;
	c->nzones++;
	ps->type_at.set = ps->file_at.set = false;
	if (!z->name_ok) {
		z->invalid = true;
		report(ps, ZL_RULE_conf_zone_invalid, name,
		       "zone \"%.*s\": not a valid domain name; named refuses the zone",
		       ECHO(z->text));
	}
	if (cls->set) {
		uint16_t rclass;
		char a[16], b[16];
		if (!class_of(ps, cls, &rclass)) {
			z->invalid = true;
			report(ps, ZL_RULE_conf_zone_invalid, cls,
			       "zone %.*s: \"%.*s\" is not a class (IN, CH or HS)",
			       ECHO(z->text), ECHO(zl_nc_text(ps, cls)));
		} else if (rclass != v->rclass) {
			z->invalid = true;
			report(ps, ZL_RULE_conf_zone_invalid, cls,
			       "zone %.*s: class %s does not match %s class %s",
			       ECHO(z->text), zl_class_name(rclass, a, sizeof(a)),
			       v->name ? "its view's" : "the default",
			       zl_class_name(v->rclass, b, sizeof(b)));
		}
	}
}

void zl_nc_p_zone_end(struct zl_nc_state *ps)
{
	ps->zone = NULL;
}

enum zl_nc_type zl_nc_type_from_text(const char *text)
{
	static const struct { const char *word; enum zl_nc_type type; } t[] = {
		{ "primary", ZL_NC_TYPE_PRIMARY }, { "master", ZL_NC_TYPE_PRIMARY },
		{ "secondary", ZL_NC_TYPE_SECONDARY }, { "slave", ZL_NC_TYPE_SECONDARY },
		{ "mirror", ZL_NC_TYPE_MIRROR }, { "hint", ZL_NC_TYPE_HINT },
		{ "stub", ZL_NC_TYPE_STUB }, { "static-stub", ZL_NC_TYPE_STATIC_STUB },
		{ "forward", ZL_NC_TYPE_FORWARD }, { "redirect", ZL_NC_TYPE_REDIRECT },
		{ "delegation-only", ZL_NC_TYPE_DELEGATION_ONLY },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcasecmp(text, t[i].word) == 0)
			return t[i].type;
	return ZL_NC_TYPE_UNKNOWN;
}

/*
 * The value of a "type" or "file" clause of the zone being read (kw the
 * keyword, *first where it was given before, if it was), copied; NULL
 * after a conf-syntax error if it was given twice (named: "redefined").
 */
static const char *once(struct zl_nc_state *ps, const struct zl_nc_tok *kw,
			struct zl_nc_tok *first, const struct zl_nc_tok *value)
{
	if (first->set) {
		zl_nc_p_syntax(ps, kw->file, kw->line, kw->col,
			       "%s given twice in zone %.*s (first at %s:%u:%u)",
			       zl_nc_text(ps, kw), ECHO(ps->zone->text), first->file,
			       first->line, first->col);
		return NULL;
	}
	*first = *kw;
	return zl_arena_strndup(&ps->conf->mem, zl_nc_text(ps, value), value->len);
}

void zl_nc_p_zone_type(struct zl_nc_state *ps, const struct zl_nc_tok *kw,
		       const struct zl_nc_tok *type)
{
	struct zl_nc_zone *z = ps->zone;

	if (!(z->type_text = once(ps, kw, &ps->type_at, type)))
		return;
	z->type = zl_nc_type_from_text(z->type_text);
	if (z->type == ZL_NC_TYPE_UNKNOWN) {
		z->invalid = true;
		report(ps, ZL_RULE_conf_zone_invalid, type,
		       "zone %.*s: \"%.*s\" is not a zone type (primary, secondary, mirror, hint, stub, static-stub, forward, redirect, delegation-only)",
		       ECHO(z->text), ECHO(z->type_text));
	}
}

void zl_nc_p_zone_file(struct zl_nc_state *ps, const struct zl_nc_tok *kw,
		       const struct zl_nc_tok *path)
{
	struct zl_nc_zone *z = ps->zone;

	if (!(z->file = once(ps, kw, &ps->file_at, path)))
		return;
	z->file_line = path->line;
	z->file_col = path->col;
}

/* True if token t's text is word (any case). */
static bool is_word(const struct zl_nc_state *ps, const struct zl_nc_tok *t,
		    const char *word)
{
	return t->set && t->len == strlen(word) &&
	       strncasecmp(zl_nc_text(ps, t), word, t->len) == 0;
}

void zl_nc_p_clause(struct zl_nc_state *ps, enum zl_nc_ctx ctx,
		    const struct zl_nc_tok *head, const struct zl_nc_tok *value)
{
	int *format = ctx == ZL_NC_CTX_OPTIONS ? &ps->options_format :
		      ctx == ZL_NC_CTX_VIEW ? &ps->conf->views[ps->view].format :
		      ctx == ZL_NC_CTX_ZONE ? &ps->zone->format : NULL;

	if (format && is_word(ps, head, "masterfile-format") && value->set)
		*format = is_word(ps, value, "text") ? 0 : 1;
	if (ctx != ZL_NC_CTX_ZONE)
		return;
	struct zl_nc_zone *z = ps->zone;
	if (is_word(ps, head, "in-view") && value->set)
		z->in_view = zl_arena_strndup(&ps->conf->mem, zl_nc_text(ps, value), value->len);
	else if (is_word(ps, head, "dlz"))
		z->elsewhere = true;
	else if (is_word(ps, head, "database") &&
		 !is_word(ps, value, "rbt") && !is_word(ps, value, "rbt64"))
		z->elsewhere = true;
}

/* ---- after the parse: the zone statements as a whole ------------------------------ */

/* Wire names compared as DNS compares them (ASCII case ignored), for sorting. */
static int name_cmp(const uint8_t *a, const uint8_t *b)
{
	size_t la = zl_name_wire_len(a), lb = zl_name_wire_len(b);

	for (size_t i = 0; i < la && i < lb; i++) {
		int ca = a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i];
		int cb = b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i];
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return la < lb ? -1 : la > lb;
}

/* By view, class and name. */
static int zone_key_cmp(const struct zl_nc_zone *a, const struct zl_nc_zone *b)
{
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	if (a->rclass != b->rclass)
		return a->rclass < b->rclass ? -1 : 1;
	return name_cmp(a->name, b->name);
}

/* By view, class, name, then order of declaration (qsort). */
static int zone_cmp(const void *pa, const void *pb)
{
	const struct zl_nc_zone *a = *(const struct zl_nc_zone *const *)pa;
	const struct zl_nc_zone *b = *(const struct zl_nc_zone *const *)pb;
	int c = zone_key_cmp(a, b);

	return c ? c : a < b ? -1 : a > b;
}

/* The first declaration of key's view, class and name in v[0..n) (sorted), or NULL. */
static struct zl_nc_zone *first_of(struct zl_nc_zone **v, size_t n,
				   const struct zl_nc_zone *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (zone_key_cmp(v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && zone_key_cmp(v[lo], key) == 0 ? v[lo] : NULL;
}

/*
 * Report the second and later declarations of a zone in one view, and
 * find the zone each in-view zone stands for (an earlier view's).
 */
static void index_zones(struct zl_nc_state *ps)
{
	struct zl_nc_conf *c = ps->conf;
	struct zl_nc_zone **v = zl_xmalloc((c->nzones + 1) * sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < c->nzones; i++)
		if (c->zones[i].name_ok)
			v[n++] = &c->zones[i];
	qsort(v, n, sizeof(*v), zone_cmp);
	for (size_t i = 1, first = 0; i < n; i++) {
		const struct zl_nc_zone *f = v[first];
		struct zl_nc_zone *z = v[i];
		if (zone_key_cmp(z, f) != 0) {
			first = i;
			continue;
		}
		z->duplicate = true;
		struct zl_nc_tok at = { 0, 0, z->line, z->col, z->conf, true };
		report(ps, ZL_RULE_conf_zone_duplicate, &at,
		       "zone %.*s is declared twice %s (first at %s:%u:%u); named refuses the second",
		       ECHO(z->text), z->view ? "in this view" : "outside views",
		       f->conf, f->line, f->col);
	}
	for (size_t i = 0; i < n; i++) {
		struct zl_nc_zone *z = v[i], key = *z;
		for (size_t w = 1; z->in_view && w < z->view && !z->in_view_zone; w++) {
			if (strcmp(c->views[w].name, z->in_view) != 0)
				continue;
			key.view = w;
			const struct zl_nc_zone *t = first_of(v, n, &key);
			if (t && !t->in_view)	/* named: an in-view zone "does not exist" there */
				z->in_view_zone = t;
		}
	}
	free(v);
}

const struct zl_nc_zone *zl_nc_in_view_target(const struct zl_nc_conf *conf,
					      const struct zl_nc_zone *z)
{
	(void)conf;
	return z->in_view_zone;
}

/* What named would refuse in one zone statement, beyond its own clauses. */
static void check_zone(struct zl_nc_state *ps, struct zl_nc_zone *z)
{
	const struct zl_nc_conf *c = ps->conf;
	struct zl_nc_tok at = { 0, 0, z->line, z->col, z->conf, true };
	const char *why = NULL;

	if (c->nviews > 1 && z->view == 0)
		why = "stands outside any view, but the configuration has views: named needs every zone inside one";
	else if (z->type == ZL_NC_TYPE_NONE && !z->in_view)
		why = "has no type; named needs one (primary, secondary, ...)";
	else if (z->type == ZL_NC_TYPE_REDIRECT && z->name[0] != 0)
		why = "is a redirect zone, which named allows only for \".\"";
	else if (z->in_view && !zl_nc_in_view_target(c, z))
		why = "has in-view, but no earlier view of that name declares the zone itself";
	if (!why)
		return;
	z->invalid = true;
	report(ps, ZL_RULE_conf_zone_invalid, &at, "zone %.*s %s", ECHO(z->text), why);
}

static void check_zones(struct zl_nc_state *ps)
{
	struct zl_nc_conf *c = ps->conf;

	for (size_t i = 0; i < c->nzones; i++) {
		struct zl_nc_zone *z = &c->zones[i];
		int vf = c->views[z->view].format;
		int fmt = z->format >= 0 ? z->format : vf >= 0 ? vf : ps->options_format;
		z->raw = fmt == 1;
		if (z->file) {
			z->path = resolve(ps, z->file, c->directory);
			z->relative_lost = z->file[0] != '/' && ps->dir_bad;
		}
	}
	index_zones(ps);
	for (size_t i = 0; i < c->nzones; i++) {
		struct zl_nc_zone *z = &c->zones[i];
		if (!z->invalid && !z->duplicate)
			check_zone(ps, z);
		if (z->invalid || z->duplicate || z->type != ZL_NC_TYPE_PRIMARY ||
		    z->file || z->elsewhere)
			continue;
		struct zl_nc_tok at = { 0, 0, z->line, z->col, z->conf, true };
		report(ps, ZL_RULE_conf_zone_no_file, &at,
		       "primary zone %.*s has no file clause; named refuses it (\"missing 'file' entry\")",
		       ECHO(z->text));
	}
}

const char *zl_nc_skip_reason(const struct zl_nc_conf *conf,
			      const struct zl_nc_zone *z)
{
	(void)conf;
	if (z->invalid)
		return "named rejects the zone statement";
	if (z->duplicate)
		return "declared earlier in the same view";
	if (z->in_view)
		return "in-view: the zone of an earlier view, linted there";
	switch (z->type) {
	case ZL_NC_TYPE_PRIMARY:
		break;
	case ZL_NC_TYPE_SECONDARY:
	case ZL_NC_TYPE_MIRROR:
	case ZL_NC_TYPE_STUB:
		return "a copy named transfers from the primaries, not a file of its own";
	case ZL_NC_TYPE_HINT:
		return "root hints, not a zone named serves";
	case ZL_NC_TYPE_REDIRECT:
		return "an NXDOMAIN redirection zone, not a zone named serves";
	default:
		return "no zone data of its own";
	}
	if (z->elsewhere)
		return "its data comes from dlz or a database, not a file";
	if (!z->file)
		return "it has no file";
	if (z->raw)
		return "masterfile-format raw: not a text zone file";
	if (z->relative_lost)
		return "its file is relative to a directory that does not exist";
	return NULL;
}

/* ---- reading --------------------------------------------------------------------- */

enum zl_nc_result zl_nc_read(struct zl_nc_conf *conf, const char *path,
			     const char *root, struct zl_sink *sink)
{
	struct zl_nc_state ps;
	struct stat sb;
	char why[160];
	yyscan_t scanner;

	memset(conf, 0, sizeof(*conf));
	zl_arena_init(&conf->mem);
	if (root && *root)
		conf->root = zl_arena_strndup(&conf->mem, root, strlen(root));
	memset(&ps, 0, sizeof(ps));
	ps.conf = conf;
	ps.sink = sink;
	ps.clause_start = true;
	ps.options_format = -1;
	ps.cap_views = 4;
	conf->views = zl_xmalloc(ps.cap_views * sizeof(*conf->views));
	memset(&conf->views[0], 0, sizeof(conf->views[0]));
	conf->views[0].rclass = 1;
	conf->views[0].format = -1;
	conf->nviews = 1;
	ps.cap_zones = 16;
	conf->zones = zl_xmalloc(ps.cap_zones * sizeof(*conf->zones));

	const char *file = resolve(&ps, path, NULL);
	FILE *fp = zl_open_input(file, true, "configuration file", &sb, why, sizeof(why));
	if (!fp) {
		zl_report(sink, ZL_RULE_conf_syntax, zl_sink_intern(sink, file), 0, 0,
			  "cannot read: %s", why);
		zl_sink_mark_fatal(sink);	/* exit status 2 */
		return ZL_NC_UNREADABLE;
	}
	struct zl_nc_frame *f = &ps.frames[ps.nframes++];
	f->file = zl_sink_intern(sink, file);
	f->fp = fp;
	f->line = f->col = 1;
	f->dev = sb.st_dev;
	f->ino = sb.st_ino;

	if (zl_nc_yylex_init_extra(&ps, &scanner) != 0) {
		fputs("zonelint: out of memory\n", stderr);
		exit(2);
	}
	zl_nc_yyset_in(fp, scanner);
	if (zl_nc_yyparse(scanner) != 0 && !ps.syntax_error)
		zl_nc_p_syntax(&ps, zl_nc_p_file(&ps), 0, 0, "the parser ran out of memory");
	zl_nc_yylex_destroy(scanner);
	if (ps.zone)
		conf->nzones--;	/* cut short by a syntax error: named would not have it */
	while (ps.nframes > 0) {
		struct zl_nc_frame *top = &ps.frames[--ps.nframes];
		fclose(top->fp);
		if (top->globbed)
			globfree(&top->matches);
	}
	zl_buf_free(&ps.text);

	enum zl_nc_result r = ps.syntax_error ? ZL_NC_SYNTAX : ZL_NC_OK;
	if (ps.read_errno) {
		bool top = ps.read_file == f->file;
		zl_report(sink, top ? ZL_RULE_conf_syntax : ZL_RULE_conf_include_missing,
			  ps.read_file, 0, 0, "read error: %s", strerror(ps.read_errno));
		if (top) {
			zl_sink_mark_fatal(sink);	/* exit status 2 */
			r = ZL_NC_UNREADABLE;
		}
	}
	check_zones(&ps);
	return r;
}

void zl_nc_free(struct zl_nc_conf *conf)
{
	free(conf->views);
	free(conf->zones);
	zl_arena_free(&conf->mem);
	memset(conf, 0, sizeof(*conf));
}
