/* serial.c - the serial check: records changed but the SOA serial did not grow (RFC 1982, RFC 1996). */
#include "serial.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "name.h"
#include "rdata.h"

#define TYPE_SOA 6

bool zl_serial_gt(uint32_t b, uint32_t a)
{
	return b != a && (uint32_t)(b - a) < 0x80000000u;
}

/* One RR as a canonical byte string, for sorting and comparing versions. */
struct key {
	uint8_t *bytes;
	size_t len;
};

static int key_cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->bytes, b->bytes, n);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/*
 * The canonical keys of every RR of z (owner lower-cased, class, type,
 * TTL, canonical RDATA; an SOA's serial zeroed), sorted, identical RRs
 * once (an RRset is a set).  Returns the count; *soa gets the SOA RR.
 */
static size_t keys_of(const struct zl_zone *z, struct zl_arena *a,
		      struct key **out, const struct zl_rr **soa)
{
	struct zl_buf canon = { 0 };
	uint8_t rbuf[ZL_RR_RDATA_MAX];
	struct key *k = zl_xmalloc((z->nrr ? z->nrr : 1) * sizeof(*k));
	size_t n = 0;

	*soa = NULL;
	struct zl_rr_walk walk;
	zl_zone_walk_begin(z, &walk);
	for (const struct zl_rr *rr; (rr = zl_zone_walk_next(&walk));) {
		zl_buf_reset(&canon);
		zl_rdata_canonical(rr->type, zl_rr_rdata(rr, rbuf), zl_rr_rdlen(rr), &canon);
		if (rr->type == TYPE_SOA && zl_rr_owner(rr) == z->apex) {
			if (!*soa)
				*soa = rr;
			if (canon.len >= 20)
				memset(canon.data + canon.len - 20, 0, 4);	/* the serial */
		}
		size_t olen = zl_rr_owner(rr)->len;
		uint8_t *b = zl_arena_alloc(a, olen + 8 + canon.len);
		zl_node_spell(zl_rr_owner(rr), b);
		zl_name_lower(b);
		uint8_t *p = b + olen;
		uint16_t rclass = zl_rr_class(rr);
		uint32_t ttl = zl_rr_ttl(rr);
		p[0] = (uint8_t)(rclass >> 8);
		p[1] = (uint8_t)rclass;
		p[2] = (uint8_t)(rr->type >> 8);
		p[3] = (uint8_t)rr->type;
		p[4] = (uint8_t)(ttl >> 24);
		p[5] = (uint8_t)(ttl >> 16);
		p[6] = (uint8_t)(ttl >> 8);
		p[7] = (uint8_t)ttl;
		memcpy(p + 8, canon.data, canon.len);
		k[n].bytes = b;
		k[n].len = olen + 8 + canon.len;
		n++;
	}
	zl_zone_walk_end(&walk);
	zl_buf_free(&canon);
	qsort(k, n, sizeof(*k), key_cmp);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (m == 0 || key_cmp(&k[m - 1], &k[i]) != 0)
			k[m++] = k[i];
	*out = k;
	return m;
}

static uint32_t serial_of(const struct zl_rr *soa)
{
	const uint8_t *s = soa->data + soa->dlen - 20;	/* SOA: never cut */
	return (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
}

void zl_serial_check(const struct zl_zone *z, const struct zl_zone *prev,
		     const char *prev_label, struct zl_sink *sink)
{
	struct zl_arena a;
	struct key *kn, *kp;
	const struct zl_rr *soa_new, *soa_old;

	zl_arena_init(&a);
	size_t nn = keys_of(z, &a, &kn, &soa_new);
	size_t np = keys_of(prev, &a, &kp, &soa_old);
	if (soa_new && soa_old && soa_new->dlen >= 20 && soa_old->dlen >= 20) {
		bool changed = nn != np;
		for (size_t i = 0; !changed && i < nn; i++)
			changed = key_cmp(&kn[i], &kp[i]) != 0;
		uint32_t sn = serial_of(soa_new), so = serial_of(soa_old);
		if (changed && sn - so == 0x80000000u)
			/* RFC 1982 section 3.2: exactly 2^31 apart is neither greater nor less */
			zl_report(sink, ZL_RULE_zone_serial_not_increased, zl_rr_file(soa_new),
				  zl_rr_line(soa_new), zl_rr_col(soa_new),
				  "records changed since %s but the SOA serial %u is exactly 2^31 from the old %u, an order RFC 1982 section 3.2 leaves undefined; secondaries may not transfer the change: step it by less than 2^31",
				  prev_label, sn, so);
		else if (changed && !zl_serial_gt(sn, so))
			zl_report(sink, ZL_RULE_zone_serial_not_increased, zl_rr_file(soa_new),
				  zl_rr_line(soa_new), zl_rr_col(soa_new),
				  "records changed since %s but the SOA serial %s %u (was %u); secondaries will not transfer the change: raise it (RFC 1982 serial arithmetic)",
				  prev_label, sn == so ? "is still" : "went down to", sn, so);
	}
	free(kn);
	free(kp);
	zl_arena_free(&a);
}
