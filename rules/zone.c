/* zone.c - zone-duplicate-rr: the same RR written twice in one RRset (RFC 2181 section 5). */
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
	struct canon *v = zl_arena_alloc(scratch, zl_rrset_count(set) * sizeof(*v));
	uint8_t buf[ZL_RR_RDATA_MAX];
	size_t n = 0;

	for (const struct zl_rr *rr = zl_rrset_first(set); rr; rr = zl_rrset_rr_next(set, rr)) {
		zl_buf_reset(tmp);
		zl_rdata_canonical(rr->type, zl_rr_rdata(rr, buf), zl_rr_rdlen(rr), tmp);
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
		zl_node_text(zl_rr_owner(dup), owner, sizeof(owner));
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

/*
 * Hash of the first 32 and the last 8 octets of RDATA and its length,
 * each octet with bit 0x20 set.  The canonical form only lower-cases
 * some letters in place (RFC 4034 section 6.2, zl_rdata_canonical()),
 * which that bit hides, so two RRs with the same canonical RDATA have
 * the same length and the same hash.
 */
static uint64_t folded_hash(const struct zl_rr *rr)
{
	const uint64_t fold = 0x2020202020202020ull, k = 0x9e3779b97f4a7c15ull;
	uint8_t buf[ZL_RR_RDATA_MAX];
	const uint8_t *p = zl_rr_rdata(rr, buf);	/* whole: a name spelt otherwise is kept whole */
	size_t n = zl_rr_rdlen(rr);
	uint64_t h = n * k, w;

	if (n < 8) {
		for (size_t i = 0; i < n; i++)
			h = (h ^ (p[i] | 0x20u)) * k;
		return h ^ h >> 29;
	}
	for (size_t i = 0; i + 8 <= n && i < 32; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ (w | fold)) * k;
	}
	memcpy(&w, p + n - 8, 8);
	h = (h ^ (w | fold)) * k;
	return h ^ h >> 29;
}

#define FOLD_MAX 16	/* RRsets up to this size are screened by folded_hash() */

/* False when no two RRs of set can have the same canonical RDATA. */
static bool may_repeat(const struct zl_rrset *set)
{
	uint64_t h[FOLD_MAX];
	uint16_t len[FOLD_MAX];
	size_t n = 0;

	if (zl_rrset_count(set) > FOLD_MAX)
		return true;	/* sorting is cheaper than comparing every pair */
	for (const struct zl_rr *rr = zl_rrset_first(set); rr && n < FOLD_MAX; rr = zl_rrset_rr_next(set, rr)) {
		h[n] = folded_hash(rr);
		len[n] = (uint16_t)zl_rr_rdlen(rr);
		for (size_t k = 0; k < n; k++)
			if (len[k] == len[n] && h[k] == h[n])
				return true;
		n++;
	}
	return false;
}

void zl_dups_init(struct zl_dups *d)
{
	memset(&d->tmp, 0, sizeof(d->tmp));
	zl_arena_init(&d->scratch);
}

void zl_dups_node(struct zl_dups *d, const struct zl_node *n, struct zl_sink *sink)
{
	for (const struct zl_rrset *set = zl_node_rrsets(n); set; set = zl_rrset_next(set)) {
		if (zl_rrset_count(set) < 2 || !may_repeat(set))
			continue;
		duplicates_in(set, sink, &d->tmp, &d->scratch);
		zl_arena_reset(&d->scratch);
	}
}

void zl_dups_free(struct zl_dups *d)
{
	zl_arena_free(&d->scratch);
	zl_buf_free(&d->tmp);
}
