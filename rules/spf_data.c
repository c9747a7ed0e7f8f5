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

/* Add one record; parse it into the context's arena. */
static void add(struct spfctx *c, const struct zl_rr *rr)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = zl_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	struct spfrec *s = &c->v[c->n++];
	memset(s, 0, sizeof(*s));
	s->rr = rr;
	s->len = (uint32_t)c->buf.len;
	s->text = zl_arena_strndup(&c->mem, (const char *)c->buf.data, c->buf.len);
	zl_spf_parse(s->text, s->len, &s->rec, &c->mem);
}

void spf_ctx_init(struct spfctx *c, const struct zl_db *db, struct zl_sink *sink)
{
	memset(c, 0, sizeof(*c));
	c->db = db;
	c->sink = sink;
	zl_arena_init(&c->mem);
	zl_dns_init(&c->dns, db);

	for (const struct zl_node *n = db->nodes; n; n = n->next) {
		const struct zl_rrset *set = zl_node_rrset(n, SPF_TYPE_TXT, 0);
		if (!set)
			continue;
		size_t first = c->n;
		for (const struct zl_rr *rr = set->first; rr; rr = rr->next) {
			zl_txt_join(rr, &c->buf);
			if (!zl_spf_is_record((const char *)c->buf.data, c->buf.len))
				continue;
			/* a loaded RRset is a set: identical RRs are one record */
			bool dup = false;
			for (size_t k = first; k < c->n && !dup; k++)
				dup = zl_dns_rr_same(c->v[k].rr, rr);
			if (!dup)
				add(c, rr);
		}
	}
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
	zl_report_sev(c->sink, rule, sev, s->rr->file, line, col, "%s", msg);
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
