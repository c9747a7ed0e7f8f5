/* diag.c - the rule table built from rules/rules.def and the diagnostic sink. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

const struct zl_rule_info zl_rules[ZL_RULE_COUNT] = {
#define RULE(sym, id, fam, sev, summary, ref, expl) \
	[ZL_RULE_##sym] = { id, ZL_FAMILY_##fam, ZL_##sev, summary, ref, expl },
#include "rules.def"
#undef RULE
};

const struct zl_rule_info *zl_rule_by_id(const char *id)
{
	for (size_t i = 0; i < ZL_RULE_COUNT; i++)
		if (strcmp(zl_rules[i].id, id) == 0)
			return &zl_rules[i];
	return NULL;
}

const char *zl_family_name(enum zl_family f)
{
	switch (f) {
	case ZL_FAMILY_ZONE:
		return "zone";
	case ZL_FAMILY_SPF:
		return "spf";
	case ZL_FAMILY_TXT:
		return "txt";
	case ZL_FAMILY_ZONELINT:
		return "zonelint";
	case ZL_FAMILY_CONF:
		return "conf";
	}
	return "?";
}

const char *zl_severity_name(enum zl_severity s)
{
	switch (s) {
	case ZL_INFO:
		return "info";
	case ZL_WARNING:
		return "warning";
	case ZL_ERROR:
		return "error";
	}
	return "?";
}

void zl_sink_init(struct zl_sink *s)
{
	memset(s, 0, sizeof(*s));
	zl_arena_init(&s->mem);
}

void zl_sink_free(struct zl_sink *s)
{
	free(s->v);
	free(s->files);
	free(s->file_slots);
	zl_arena_free(&s->mem);
	memset(s, 0, sizeof(*s));
}

/* The slot of s's index where str's number is, or the free slot where it would go (the index has one). */
static size_t file_slot(const struct zl_sink *s, const char *str)
{
	size_t mask = s->nfile_slots - 1;

	for (size_t i = (size_t)XXH3_64bits(str, strlen(str)) & mask;; i = (i + 1) & mask) {
		uint32_t k = s->file_slots[i];
		if (!k || s->files[k - 1] == str || strcmp(s->files[k - 1], str) == 0)
			return i;
	}
}

/* Index s's file names anew in n slots (a power of two, over twice nfiles). */
static void index_files(struct zl_sink *s, size_t n)
{
	free(s->file_slots);
	s->file_slots = zl_xmalloc(n * sizeof(*s->file_slots));
	memset(s->file_slots, 0, n * sizeof(*s->file_slots));
	s->nfile_slots = n;
	for (size_t k = 0; k < s->nfiles; k++)
		s->file_slots[file_slot(s, s->files[k])] = (uint32_t)(k + 1);
}

const char *zl_sink_intern(struct zl_sink *s, const char *str)
{
	if (2 * (s->nfiles + 1) > s->nfile_slots)
		index_files(s, s->nfile_slots ? 2 * s->nfile_slots : 16);
	size_t i = file_slot(s, str);
	if (s->file_slots[i])
		return s->files[s->file_slots[i] - 1];
	if (s->nfiles == s->files_cap) {
		s->files_cap = s->files_cap ? 2 * s->files_cap : 16;
		s->files = zl_xrealloc(s->files, s->files_cap * sizeof(*s->files));
	}
	s->files[s->nfiles] = zl_arena_strndup(&s->mem, str, strlen(str));
	s->file_slots[i] = (uint32_t)(s->nfiles + 1);
	return s->files[s->nfiles++];
}

/* The number of file, one of s's interned names (the pointer), else nfiles. */
static size_t file_index(const struct zl_sink *s, const char *file)
{
	if (!file || !s->nfiles)
		return s->nfiles;
	uint32_t k = s->file_slots[file_slot(s, file)];
	return k && s->files[k - 1] == file ? k - 1 : s->nfiles;
}

void zl_sink_fork(struct zl_sink *child, const struct zl_sink *parent)
{
	zl_sink_init(child);
	child->nfiles = child->files_cap = parent->nfiles;
	child->files = zl_xmalloc((parent->nfiles + 1) * sizeof(*child->files));
	if (parent->nfiles)
		memcpy(child->files, parent->files, parent->nfiles * sizeof(*child->files));
	if (parent->nfiles)
		index_files(child, parent->nfile_slots);
}

/*
 * Append d to s as its newest finding: file, line, column, severity,
 * rule, message and fatal as in d (file and message must live as long as
 * s), the place in emission order and in s's file order s's own.
 */
static void push(struct zl_sink *s, const struct zl_diagnostic *d)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = zl_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	struct zl_diagnostic *e = &s->v[s->n];
	*e = *d;
	e->seq = s->n;
	e->file_idx = file_index(s, e->file);
	s->n++;
	s->count[e->severity]++;
}

static void vreport(struct zl_sink *s, enum zl_rule rule, enum zl_severity sev,
		    const char *file, uint32_t line, uint32_t col,
		    const char *fmt, va_list ap)
{
	char buf[1024];
	va_list ap2;

	va_copy(ap2, ap);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *msg = zl_arena_alloc(&s->mem, (size_t)n + 1);
	if ((size_t)n < sizeof(buf))
		memcpy(msg, buf, (size_t)n + 1);
	else
		vsnprintf(msg, (size_t)n + 1, fmt, ap);

	push(s, &(struct zl_diagnostic){ .file = file, .line = line, .col = col,
					 .severity = sev, .rule = rule, .message = msg });
}

void zl_report(struct zl_sink *s, enum zl_rule rule, const char *file,
	       uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(s, rule, zl_rules[rule].severity, file, line, col, fmt, ap);
	va_end(ap);
}

void zl_report_sev(struct zl_sink *s, enum zl_rule rule, enum zl_severity sev,
		   const char *file, uint32_t line, uint32_t col,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(s, rule, sev, file, line, col, fmt, ap);
	va_end(ap);
}

/*
 * src's findings appended to dst (zl_sink_append(), zl_sink_take()):
 * src's file names interned in dst first, in src's order, then each
 * finding with dst's copy of its file name and, with copy, of its
 * message; without, the message is left where it is.
 */
static void merge(struct zl_sink *dst, const struct zl_sink *src, bool copy)
{
	for (size_t i = 0; i < src->nfiles; i++)
		zl_sink_intern(dst, src->files[i]);
	for (size_t i = 0; i < src->n; i++) {
		struct zl_diagnostic d = src->v[i];
		if (file_index(src, d.file) < src->nfiles)
			d.file = zl_sink_intern(dst, d.file);	/* already there: no new entry */
		if (copy)
			d.message = zl_arena_strndup(&dst->mem, d.message, strlen(d.message));
		push(dst, &d);
	}
}

void zl_sink_append(struct zl_sink *dst, const struct zl_sink *src)
{
	merge(dst, src, true);
}

void zl_sink_take(struct zl_sink *dst, struct zl_sink *src)
{
	merge(dst, src, false);
	/* the messages are in src->mem: dst keeps them from here on */
	zl_arena_adopt(&dst->mem, &src->mem);
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
	memset(src->count, 0, sizeof(src->count));
}

void zl_sink_mark_fatal(struct zl_sink *s)
{
	if (s->n > 0)
		s->v[s->n - 1].fatal = true;
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct zl_diagnostic *a = pa, *b = pb;
	if (a->file_idx != b->file_idx)
		return a->file_idx < b->file_idx ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void zl_sink_sort(struct zl_sink *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), diag_cmp);
}

/* Same finding: file, place, rule, severity and message. */
static bool same_finding(const struct zl_diagnostic *a, const struct zl_diagnostic *b)
{
	return a->file == b->file && a->line == b->line && a->col == b->col &&
	       a->rule == b->rule && a->severity == b->severity &&
	       strcmp(a->message, b->message) == 0;
}

void zl_sink_dedupe(struct zl_sink *s)
{
	size_t n = 0, run = 0;	/* run: first kept finding at the current place */

	zl_sink_sort(s);
	for (size_t i = 0; i < s->n; i++) {
		const struct zl_diagnostic *d = &s->v[i];
		if (n > 0 && (s->v[run].file_idx != d->file_idx ||
			      s->v[run].line != d->line || s->v[run].col != d->col))
			run = n;
		bool seen = false;
		for (size_t k = run; k < n && !seen; k++)
			seen = same_finding(&s->v[k], d);
		if (seen) {
			s->count[d->severity]--;
			continue;
		}
		s->v[n++] = *d;
	}
	s->n = n;
}
