/* zone.c - zone-structure rules: zone-duplicate-rr (RFC 2181 section 5). */
#include <stdlib.h>
#include <string.h>

#include "checks.h"

/* Canonical RDATA of one RR, for sorting an RRset. */
struct canon {
	const struct zl_rr *rr;
	const uint8_t *data;
	size_t len;
};

static int canon_cmp(const void *pa, const void *pb)
{
	const struct canon *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->data, b->data, n);
	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	/* equal RDATA: keep reading order (over all files and includes), so
	 * the RR read later is the one reported as the duplicate */
	return zl_rr_seq(a->rr) < zl_rr_seq(b->rr) ? -1 : zl_rr_seq(a->rr) > zl_rr_seq(b->rr);
}

/* zone-duplicate-rr: the same RDATA twice in one RRset. */
static void duplicates_in(const struct zl_rrset *set, struct zl_sink *sink,
			  struct zl_buf *tmp, struct zl_arena *scratch)
{
	struct canon *v = zl_arena_alloc(scratch, set->count * sizeof(*v));
	size_t n = 0;

	for (const struct zl_rr *rr = set->first; rr; rr = rr->next) {
		zl_buf_reset(tmp);
		zl_rdata_canonical(rr->type, rr->rdata, rr->rdlen, tmp);
		v[n].rr = rr;
		v[n].data = zl_arena_dup(scratch, tmp->data, tmp->len);
		v[n].len = tmp->len;
		n++;
	}
	qsort(v, n, sizeof(*v), canon_cmp);
	for (size_t i = 1; i < n; i++) {
		if (v[i].len != v[i - 1].len ||
		    memcmp(v[i].data, v[i - 1].data, v[i].len) != 0)
			continue;
		const struct zl_rr *first = v[i - 1].rr, *dup = v[i].rr;
		char owner[ZL_NAME_TEXT_MAX], type[16];
		zl_name_to_text(dup->owner->wire, owner, sizeof(owner));
		zl_type_name(dup->type, type, sizeof(type));
		if (zl_rr_file(first) == zl_rr_file(dup))
			zl_report(sink, ZL_RULE_zone_duplicate_rr, zl_rr_file(dup), zl_rr_line(dup),
				  zl_rr_col(dup),
				  "%s %s record repeats the one on line %u; servers keep only one copy",
				  owner, type, zl_rr_line(first));
		else
			zl_report(sink, ZL_RULE_zone_duplicate_rr, zl_rr_file(dup), zl_rr_line(dup),
				  zl_rr_col(dup),
				  "%s %s record repeats the one at %s:%u; servers keep only one copy",
				  owner, type, zl_rr_file(first), zl_rr_line(first));
	}
}

void zl_check_zone(const struct zl_db *db, struct zl_sink *sink)
{
	struct zl_buf tmp = { 0 };
	struct zl_arena scratch;

	zl_arena_init(&scratch);
	for (size_t k = 0; k < db->nnodes; k++) {
		const struct zl_node *n = db->nodev[k];
		for (const struct zl_rrset *set = zl_node_rrsets(n); set; set = set->next) {
			if (set->count < 2)
				continue;
			duplicates_in(set, sink, &tmp, &scratch);
			zl_arena_reset(&scratch);
		}
	}
	zl_arena_free(&scratch);
	zl_buf_free(&tmp);
}
