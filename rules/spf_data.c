/* spf_data.c - the SPF records of the loaded data, parsed once and indexed by owner, for the SPF rules. */
#include <stdlib.h>
#include <string.h>

#include "spf_rules.h"
#include "txt.h"

static size_t slot_of(const struct spfctx *c, const struct zl_node *n)
{
	size_t h = (size_t)(((uintptr_t)n >> 4) * 2654435761u);
	size_t i = h & (c->nslots - 1);
	while (c->keys[i] && c->keys[i] != n)
		i = (i + 1) & (c->nslots - 1);
	return i;
}

struct spfrec *spf_records_at(const struct spfctx *c, const struct zl_node *n,
			      size_t *count)
{
	*count = 0;
	if (!c->nslots || !n)
		return NULL;
	size_t i = slot_of(c, n);
	if (!c->keys[i])
		return NULL;
	size_t first = c->vals[i], k = first;
	while (k < c->n && c->v[k].rr->owner == n)
		k++;
	*count = k - first;
	return &c->v[first];
}

void spf_rec_fill(struct spfctx *c, const struct zl_rr *rr, struct spfrec *s)
{
	zl_txt_join(rr, &c->buf);
	memset(s, 0, sizeof(*s));
	s->rr = rr;
	s->len = (uint32_t)c->buf.len;
	s->text = zl_arena_strndup(&c->mem, (const char *)c->buf.data, c->buf.len);
	zl_spf_parse(s->text, s->len, &s->rec, &c->mem);
}

/* Add one record to c->v. */
static void add(struct spfctx *c, const struct zl_rr *rr)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = zl_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	spf_rec_fill(c, rr, &c->v[c->n++]);
}

/* An SPF RR of one RRset, its place in reading order, and whether it repeats an earlier one. */
struct cand {
	const struct zl_rr *rr;
	size_t idx;
	bool dup;
};

/* Order by RDATA, then by reading order: identical RRs end up adjacent, the first one read first. */
static int cand_by_rdata(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->rr->rdlen != b->rr->rdlen)
		return a->rr->rdlen < b->rr->rdlen ? -1 : 1;
	int c = memcmp(a->rr->rdata, b->rr->rdata, a->rr->rdlen);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cand_by_idx(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/*
 * Add the SPF records of one TXT RRset, in reading order, identical RRs
 * once (a loaded RRset is a set, RFC 2181 section 5).  Sorting finds the
 * repeats, so a name with 50,000 SPF records costs n log n, not n^2.
 * v/cap: a scratch array kept between calls (caller frees).
 */
static void add_rrset(struct spfctx *c, const struct zl_rrset *set,
		      struct cand **v, size_t *cap)
{
	size_t n = 0;

	for (const struct zl_rr *rr = set->first; rr; rr = rr->next) {
		zl_txt_join(rr, &c->buf);
		if (!zl_spf_is_record((const char *)c->buf.data, c->buf.len))
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*v = zl_xrealloc(*v, *cap * sizeof(**v));
		}
		(*v)[n].rr = rr;
		(*v)[n].idx = n;
		(*v)[n].dup = false;
		n++;
	}
	if (n > 1) {
		qsort(*v, n, sizeof(**v), cand_by_rdata);
		for (size_t i = 1; i < n; i++)
			(*v)[i].dup = zl_dns_rr_same((*v)[i - 1].rr, (*v)[i].rr);
		qsort(*v, n, sizeof(**v), cand_by_idx);
	}
	for (size_t i = 0; i < n; i++)
		if (!(*v)[i].dup)
			add(c, (*v)[i].rr);
}

void spf_ctx_init(struct spfctx *c, const struct zl_db *db, struct zl_sink *sink)
{
	struct cand *cands = NULL;
	size_t ncap = 0;

	memset(c, 0, sizeof(*c));
	c->db = db;
	c->sink = sink;
	zl_arena_init(&c->mem);
	zl_dns_init(&c->dns, db);

	for (size_t k = 0; k < db->nnodes; k++) {
		const struct zl_node *n = db->nodev[k];
		const struct zl_rrset *set = zl_node_rrset(n, SPF_TYPE_TXT, 0);
		if (set)
			add_rrset(c, set, &cands, &ncap);
	}
	free(cands);
	c->nslots = 16;
	while (c->nslots < c->n * 2)
		c->nslots *= 2;
	c->keys = zl_xmalloc(c->nslots * sizeof(*c->keys));
	c->vals = zl_xmalloc(c->nslots * sizeof(*c->vals));
	memset(c->keys, 0, c->nslots * sizeof(*c->keys));
	for (size_t k = 0; k < c->n; k++) {
		size_t i = slot_of(c, c->v[k].rr->owner);
		if (!c->keys[i]) {
			c->keys[i] = c->v[k].rr->owner;
			c->vals[i] = k;
		}
	}
}

void spf_ctx_init_alone(struct spfctx *c, struct zl_sink *sink)
{
	memset(c, 0, sizeof(*c));
	c->sink = sink;
	zl_arena_init(&c->mem);
}

void spf_ctx_free(struct spfctx *c)
{
	free(c->keys);
	free(c->vals);
	free(c->v);
	zl_buf_free(&c->buf);
	zl_dns_free(&c->dns);
	zl_arena_free(&c->mem);
}

void spf_report_at(struct spfctx *c, enum zl_rule rule, enum zl_severity sev,
		   const struct spfrec *s, uint32_t off, const char *msg)
{
	uint32_t line, col;

	if (!c->sink)
		return;
	zl_txt_locate(s->rr, off, &line, &col);
	zl_report_sev(c->sink, rule, sev, zl_rr_file(s->rr), line, col, "%s", msg);
}

const char *spf_owner_text(const struct zl_node *n, char *buf, size_t cap)
{
	zl_name_to_text(n->wire, buf, cap);
	return buf;
}

bool spf_has_all(const struct zl_spf_record *r)
{
	for (size_t i = 0; i < r->nterms; i++)
		if (r->terms[i].kind == ZL_SPF_TERM_MECH && r->terms[i].mech == ZL_SPF_ALL)
			return true;
	return false;
}
