/* policy.c - rule selection, severity thresholds and inline "; zonelint:" directives, applied to the collected findings. */
#include "policy.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"

void zl_policy_init(struct zl_policy *p)
{
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < ZL_RULE_COUNT; i++)
		p->enabled[i] = true;
	p->min_shown = ZL_INFO;
	p->fail_on = ZL_ERROR;
}

/*
 * Mark in set[] the rules named by name[0..len): a rule id or a family.
 * Returns false if it names neither.
 */
static bool mark_rules(const char *name, size_t len, bool *set)
{
	bool any = false;
	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		const char *id = zl_rules[i].id;
		const char *fam = zl_family_name(zl_rules[i].family);
		if ((strlen(id) == len && strncmp(id, name, len) == 0) ||
		    (strlen(fam) == len && strncmp(fam, name, len) == 0)) {
			set[i] = true;
			any = true;
		}
	}
	return any;
}

/*
 * The name of the comma-separated list[0..len) that starts at *i, blanks
 * around it trimmed, as [*s, *e); *i moves past its comma.  False when
 * the list is done.
 */
static bool next_name(const char *list, size_t len, size_t *i, size_t *s, size_t *e)
{
	if (*i > len)
		return false;
	*s = *i;
	while (*i < len && list[*i] != ',')
		(*i)++;
	*e = *i;
	while (*s < *e && (list[*s] == ' ' || list[*s] == '\t'))
		(*s)++;
	while (*e > *s && (list[*e - 1] == ' ' || list[*e - 1] == '\t'))
		(*e)--;
	(*i)++;
	return true;
}

/*
 * Parse a comma-separated list of rule ids or families into set[];
 * blanks around names are allowed.  On an unknown name returns false and
 * sets *bad and *badlen to it.
 */
static bool parse_rule_list(const char *list, size_t len, bool *set,
			    const char **bad, size_t *badlen)
{
	size_t i = 0, s, e;
	while (next_name(list, len, &i, &s, &e)) {
		if (e == s || !mark_rules(list + s, e - s, set)) {
			*bad = list + s;
			*badlen = e - s;
			return false;
		}
	}
	return true;
}

bool zl_rule_list_find(const char *list, bool (*keep)(enum zl_rule),
		       const char **name, size_t *namelen)
{
	size_t i = 0, s, e, len = strlen(list);
	while (next_name(list, len, &i, &s, &e)) {
		for (size_t r = 0; r < ZL_RULE_COUNT; r++) {
			const char *id = zl_rules[r].id;
			if (strlen(id) == e - s && strncmp(id, list + s, e - s) == 0 &&
			    !keep((enum zl_rule)r)) {
				*name = list + s;
				*namelen = e - s;
				return true;
			}
		}
	}
	return false;
}

bool zl_policy_rules(struct zl_policy *p, const char *list, bool select,
		     const char **bad, size_t *badlen)
{
	bool set[ZL_RULE_COUNT] = { false };

	if (!parse_rule_list(list, strlen(list), set, bad, badlen))
		return false;
	if (select && !p->selected) {
		for (size_t i = 0; i < ZL_RULE_COUNT; i++)
			p->enabled[i] = false;
		p->selected = true;
	}
	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		if (set[i])
			p->enabled[i] = select;
		p->decided[i] |= set[i] || p->selected;
	}
	return true;
}

bool zl_severity_from_text(const char *s, enum zl_severity *out)
{
	if (strcmp(s, "error") == 0)
		*out = ZL_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = ZL_WARNING;
	else if (strcmp(s, "info") == 0 || strcmp(s, "note") == 0)
		*out = ZL_INFO;
	else
		return false;
	return true;
}

/* Keep the findings keep() accepts, in order; recount severities. */
static void sink_keep(struct zl_sink *sink,
		      bool (*keep)(struct zl_diagnostic *d, const void *ctx),
		      const void *ctx)
{
	size_t n = 0;

	sink->count[ZL_INFO] = sink->count[ZL_WARNING] = sink->count[ZL_ERROR] = 0;
	for (size_t i = 0; i < sink->n; i++) {
		if (!keep(&sink->v[i], ctx))
			continue;
		sink->v[n++] = sink->v[i];
		sink->count[sink->v[n - 1].severity]++;
	}
	sink->n = n;
}

static bool keep_by_policy(struct zl_diagnostic *d, const void *ctx)
{
	struct zl_policy *p = (struct zl_policy *)ctx;
	const struct zl_config *cfg = NULL;
	bool on = p->enabled[d->rule];

	if (p->configs) {
		bool failed;
		cfg = zl_config_for(p->configs, d->file, p->config_err,
				    sizeof(p->config_err), &failed);
		p->config_failed |= failed;
	}
	if (d->fatal)
		return true;	/* why the run failed is never filtered */
	if (cfg && !p->decided[d->rule])
		on = cfg->selected ? cfg->in_select[d->rule] && !cfg->ignored[d->rule]
				   : !cfg->ignored[d->rule];
	if (!on)
		return false;
	if (cfg && cfg->severity[d->rule] >= 0)
		d->severity = (enum zl_severity)cfg->severity[d->rule];
	if (p->warnings_as_errors && d->severity == ZL_WARNING)
		d->severity = ZL_ERROR;
	return d->severity >= p->min_shown;
}

void zl_policy_apply(struct zl_policy *p, struct zl_sink *sink)
{
	sink_keep(sink, keep_by_policy, p);
}

bool zl_policy_fails(const struct zl_policy *p, const struct zl_sink *sink)
{
	for (int s = (int)p->fail_on; s <= (int)ZL_ERROR; s++)
		if (sink->count[s])
			return true;
	return false;
}

/* ---- inline directives ---------------------------------------------------- */

void zl_directives_comment(void *ctx, const char *file, uint32_t line,
			   uint32_t col, const char *text, size_t len,
			   bool own_line)
{
	struct zl_directives *d = ctx;
	static const char tag[] = "zonelint:";
	size_t i = 1;	/* after ";" */

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (len - i < sizeof(tag) - 1 || strncmp(text + i, tag, sizeof(tag) - 1) != 0)
		return;	/* "; zonelint-test:" and others are not ours */
	i += sizeof(tag) - 1;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;

	bool whole = false;
	if (len - i >= 13 && strncmp(text + i, "disable-file=", 13) == 0) {
		whole = true;
		i += 13;
	} else if (len - i >= 8 && strncmp(text + i, "disable=", 8) == 0) {
		i += 8;
	} else {
		return;	/* not a directive we know: left to later versions */
	}
	size_t e = i;
	while (e < len && text[e] != ' ' && text[e] != '\t' && text[e] != ';')
		e++;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = zl_xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	struct zl_directive *dir = &d->v[d->n++];
	memset(dir, 0, sizeof(*dir));
	dir->file = file;
	dir->line = line;
	dir->col = col;
	dir->own_line = own_line;
	dir->whole_file = whole;
	const char *bad;
	size_t badlen;
	if (!parse_rule_list(text + i, e - i, dir->rules, &bad, &badlen))
		snprintf(dir->bad, sizeof(dir->bad), "%.*s", (int)(badlen < 60 ? badlen : 60), bad);
}

/* Record start lines of one file, in reading order (non-decreasing). */
struct file_lines {
	const char *file;
	uint32_t *line;
	size_t n, cap;
};

/* Index of the first element > key (upper bound) in a[0..n). */
static size_t upper(const uint32_t *a, size_t n, uint32_t key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void zl_directives_bind(struct zl_directives *d, const struct zl_db *db)
{
	struct file_lines *f = NULL;
	size_t nf = 0;

	if (d->n == 0)
		return;
	for (const struct zl_zone *z = db->zones; z; z = z->next) {
		struct zl_rr_walk walk;
		zl_zone_walk_begin(z, &walk);
		for (const struct zl_rr *rr; (rr = zl_zone_walk_next(&walk));) {
			size_t k = 0;
			while (k < nf && f[k].file != zl_rr_file(rr))
				k++;
			if (k == nf) {
				f = zl_xrealloc(f, (nf + 1) * sizeof(*f));
				memset(&f[nf], 0, sizeof(*f));
				f[nf++].file = zl_rr_file(rr);
			}
			struct file_lines *fl = &f[k];
			if (fl->n && fl->line[fl->n - 1] == zl_rr_line(rr))
				continue;	/* one start line per record ($GENERATE: per line) */
			if (fl->n == fl->cap) {
				fl->cap = fl->cap ? fl->cap * 2 : 256;
				fl->line = zl_xrealloc(fl->line, fl->cap * sizeof(*fl->line));
			}
			fl->line[fl->n++] = zl_rr_line(rr);
		}
		zl_zone_walk_end(&walk);
	}
	for (size_t i = 0; i < d->n; i++) {
		struct zl_directive *dir = &d->v[i];
		if (dir->whole_file)
			continue;
		size_t k = 0;
		while (k < nf && f[k].file != dir->file)
			k++;
		if (k == nf)
			continue;	/* no records in that file: nothing to cover */
		const uint32_t *a = f[k].line;
		size_t n = f[k].n, at = upper(a, n, dir->line);
		/* own line: the record after it; else the one it ends */
		size_t r = dir->own_line ? at : (at ? at - 1 : n);
		if (r >= n)
			continue;
		dir->from = a[r];
		dir->to = r + 1 < n ? a[r + 1] - 1 : UINT32_MAX;
	}
	for (size_t k = 0; k < nf; k++)
		free(f[k].line);
	free(f);
}

/* The last record line of file, 0 if none yet; its entry is made if absent. */
static uint32_t *last_line(struct zl_directives *d, const char *file)
{
	for (size_t k = d->nfiles; k > 0; k--)
		if (d->files[k - 1].file == file)
			return &d->files[k - 1].line;
	d->files = zl_xrealloc(d->files, (d->nfiles + 1) * sizeof(*d->files));
	d->files[d->nfiles].file = file;
	d->files[d->nfiles].line = 0;
	return &d->files[d->nfiles++].line;
}

/*
 * Take the directives read since the last record into the open list.  A
 * directive at the end of a line binds to the record its line ends:
 * the last one started at or before it, which may have been read
 * already (a "$TTL 1 ; zonelint: ..." line after it).
 */
static void take_new(struct zl_directives *d)
{
	for (; d->seen < d->n; d->seen++) {
		struct zl_directive *dir = &d->v[d->seen];
		if (dir->whole_file)
			continue;
		if (!dir->own_line) {
			uint32_t last = *last_line(d, dir->file);
			if (last) {
				dir->from = last;
				dir->to = UINT32_MAX;
			}
		}
		if (d->nopen == d->capopen) {
			d->capopen = d->capopen ? d->capopen * 2 : 16;
			d->open = zl_xrealloc(d->open, d->capopen * sizeof(*d->open));
		}
		d->open[d->nopen++] = d->seen;
	}
}

/*
 * Record line of file starts: give the open directives of file what it
 * tells.  Returns true when dir's lines are final.
 */
static bool bind_one(struct zl_directive *dir, uint32_t line)
{
	if (dir->own_line) {
		/* the record after it, to the line before the next record */
		if (!dir->from) {
			if (line > dir->line) {
				dir->from = line;
				dir->to = UINT32_MAX;
			}
			return false;
		}
	} else if (line <= dir->line) {
		dir->from = line;	/* a record its line may end */
		dir->to = UINT32_MAX;
		return false;
	} else if (!dir->from) {
		return true;		/* no record started on or before its line */
	}
	if (line <= dir->from)
		return false;		/* the same record line ($GENERATE) */
	dir->to = line - 1;
	return true;
}

void zl_directives_record(void *ctx, const char *file, uint32_t line)
{
	struct zl_directives *d = ctx;

	take_new(d);
	if (!file) {
		/* end of a top-level file: what is open stays as it is */
		d->nopen = 0;
		d->nfiles = 0;
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < d->nopen; i++) {
		struct zl_directive *dir = &d->v[d->open[i]];
		if (dir->file != file || !bind_one(dir, line))
			d->open[n++] = d->open[i];
	}
	d->nopen = n;
	*last_line(d, file) = line;
}

/*
 * Matching findings against directives.  A finding is suppressed when a
 * directive of its file names its rule and covers the whole file or the
 * finding's line; such a directive is used.  Both sides are sorted by
 * (file, rule, line) and swept together, so a file with many findings and
 * many directives costs O((F + D) log(F + D)), not F x D: a hostile zone
 * of 160,000 records, each with a directive and a finding, took 40 s.
 */
struct dir_key {
	uintptr_t file;		/* the interned name's address: only equality matters */
	uint32_t rule;
	uint32_t from, to;	/* 0, UINT32_MAX: the whole file */
	size_t idx;		/* into zl_directives.v, or zl_sink.v */
};

static int by_file_rule_from(const void *pa, const void *pb)
{
	const struct dir_key *a = pa, *b = pb;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Order by file and rule only. */
static int group_cmp(const struct dir_key *a, const struct dir_key *b)
{
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->rule < b->rule ? -1 : a->rule > b->rule;
}

/* Same file and rule. */
static bool same_group(const struct dir_key *a, const struct dir_key *b)
{
	return group_cmp(a, b) == 0;
}

/*
 * Mark each directive of d that covers a finding of sink as used, and
 * set gone[i] for each finding i of sink a directive covers (fatal ones
 * never are).
 */
static void match_directives(struct zl_directives *d, const struct zl_sink *sink,
			     bool *gone)
{
	size_t nk = 0, nf = 0;

	for (size_t i = 0; i < d->n; i++)
		for (size_t r = 0; r < ZL_RULE_COUNT; r++)
			nk += d->v[i].rules[r] && (d->v[i].whole_file || d->v[i].from);
	struct dir_key *dk = zl_xmalloc((nk ? nk : 1) * sizeof(*dk));
	struct dir_key *fk = zl_xmalloc((sink->n ? sink->n : 1) * sizeof(*fk));
	nk = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct zl_directive *dir = &d->v[i];
		if (!dir->whole_file && !dir->from)
			continue;	/* bound to no record */
		for (size_t r = 0; r < ZL_RULE_COUNT; r++)
			if (dir->rules[r])
				dk[nk++] = (struct dir_key){ (uintptr_t)dir->file, (uint32_t)r,
					dir->whole_file ? 0 : dir->from,
					dir->whole_file ? UINT32_MAX : dir->to, i };
	}
	for (size_t i = 0; i < sink->n; i++)
		if (!sink->v[i].fatal)	/* why the run failed is never filtered */
			fk[nf++] = (struct dir_key){ (uintptr_t)sink->v[i].file,
				(uint32_t)sink->v[i].rule, sink->v[i].line, sink->v[i].line, i };
	qsort(dk, nk, sizeof(*dk), by_file_rule_from);
	qsort(fk, nf, sizeof(*fk), by_file_rule_from);

	/* findings, by line within each group: covered when a directive of
	 * the group that starts at or before the line reaches it (the
	 * largest end of those so far); both cursors only move forward */
	size_t k = 0;
	uint32_t reach = 0;
	bool any = false;
	for (size_t f = 0; f < nf; f++) {
		if (f == 0 || !same_group(&fk[f - 1], &fk[f])) {
			while (k < nk && group_cmp(&dk[k], &fk[f]) < 0)
				k++;	/* groups with no finding */
			reach = 0;
			any = false;
		}
		for (; k < nk && same_group(&dk[k], &fk[f]) && dk[k].from <= fk[f].from; k++) {
			if (!any || dk[k].to > reach)
				reach = dk[k].to;
			any = true;
		}
		if (any && reach >= fk[f].from)
			gone[fk[f].idx] = true;
	}
	/* directives: used when a finding of the group lies in [from, to] */
	size_t g = 0;
	for (size_t i = 0; i < nk; i++) {
		while (g < nf && by_file_rule_from(&fk[g], &(struct dir_key){
			dk[i].file, dk[i].rule, dk[i].from, 0, 0 }) < 0)
			g++;	/* first finding of the group at or after from */
		if (g < nf && same_group(&fk[g], &dk[i]) && fk[g].from <= dk[i].to)
			d->v[dk[i].idx].used = true;
	}
	free(dk);
	free(fk);
}

/* What not_gone() needs: the flags match_directives() set, by index into v. */
struct gone_flags {
	const bool *gone;
	const struct zl_diagnostic *v;	/* the sink's findings before filtering */
};

static bool not_gone(struct zl_diagnostic *diag, const void *ctx)
{
	const struct gone_flags *c = ctx;
	return !c->gone[diag - c->v];
}

/* True unless dir names a rule that d->ran says did not run. */
static bool all_ran(const struct zl_directives *d, const struct zl_directive *dir)
{
	for (size_t i = 0; d->ran && i < ZL_RULE_COUNT; i++)
		if (dir->rules[i] && !d->ran[i])
			return false;
	return true;
}

void zl_directives_apply(struct zl_directives *d, struct zl_sink *sink)
{
	if (d->n == 0)
		return;
	bool *gone = zl_xmalloc(sink->n ? sink->n : 1);
	memset(gone, 0, sink->n);
	match_directives(d, sink, gone);
	struct gone_flags c = { gone, sink->v };
	sink_keep(sink, not_gone, &c);
	free(gone);
	for (size_t i = 0; i < d->n; i++) {
		const struct zl_directive *dir = &d->v[i];
		if (dir->bad[0])
			zl_report(sink, ZL_RULE_zonelint_unused_directive, dir->file,
				  dir->line, dir->col,
				  "\"%s\" is not a rule id or family (see zonelint --list-rules); this directive disables nothing",
				  dir->bad);
		else if (!dir->used && all_ran(d, dir))
			zl_report(sink, ZL_RULE_zonelint_unused_directive, dir->file,
				  dir->line, dir->col,
				  "this directive suppresses no finding%s; delete it",
				  dir->whole_file ? " in this file" :
				  dir->from ? " on its record" : " (no record follows it)");
	}
}

void zl_directives_free(struct zl_directives *d)
{
	free(d->v);
	free(d->open);
	free(d->files);
	memset(d, 0, sizeof(*d));
}
