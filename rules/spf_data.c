/* spf_data.c - the SPF records of the loaded data, parsed once and indexed by owner, for the SPF rules. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "spf_rules.h"
#include "txt.h"

static_assert(sizeof(void *) != 8 || sizeof(struct spfrec) == 80,
	      "struct spfrec is 80 octets on LP64");

static size_t slot_of(const struct spfctx *c, const struct zl_node *n)
{
	zl_ref r = zl_ref_of(n);
	size_t h = (size_t)(r * 2654435761u);
	size_t i = h & (c->nslots - 1);
	while (c->owners[i].node && c->owners[i].node != r)
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
	if (!c->owners[i].node)
		return NULL;
	size_t first = c->owners[i].first, k = first;
	while (k < c->n && spf_owner(&c->v[k]) == n)
		k++;
	*count = k - first;
	return &c->v[first];
}

#define SPF_HUGE_PAGE ((size_t)2 << 20)
#define SPF_TABLE_BIG ((size_t)1 << 20)

/*
 * A zero-filled table of n elements of sz octets (zl_big_calloc());
 * *bytes gets its size for zl_big_free().  From SPF_TABLE_BIG (1 MiB:
 * below it the rounding would cost more memory than the faults it saves
 * cost time) up the size is rounded up to whole 2 MiB, which recent
 * Linux kernels map on a 2 MiB boundary: with transparent huge pages
 * the table then costs a page fault per 2 MiB instead of one per 4 KiB
 * (a fault took 15 us on the benchmark machine; the SPF records of a
 * 1M-record zone fill 7 MiB).  spf_table_bytes() is the size alone.
 */
static size_t spf_table_bytes(size_t n, size_t sz)
{
	size_t b = n > SIZE_MAX / 2 / sz ? SIZE_MAX / 2 : n * sz;

	if (b >= SPF_TABLE_BIG)
		b = (b + SPF_HUGE_PAGE - 1) & ~(SPF_HUGE_PAGE - 1);
	return b;
}

static void *spf_table(size_t n, size_t sz, size_t *bytes)
{
	*bytes = spf_table_bytes(n, sz);
	return zl_big_calloc(*bytes);
}

/*
 * Room for one more record in c->v: doubling up to SPF_HUGE_PAGE, then
 * one SPF_HUGE_PAGE more at a time.  The records stay where the kernel
 * moves the table (zl_big_grow()): a copy would hold the old and the
 * new table at once, and growing costs a system call, not a copy, so the
 * table need not double.  Doubling left up to half of it unused, and with
 * transparent huge pages resident: 2.5 MiB of the 8 MiB table of the 1M
 * bench zone's 57,000 SPF records, 16 MiB on the 5M zone.
 */
static void records_grow(struct spfctx *c)
{
	size_t step = c->v_bytes < SPF_HUGE_PAGE ? c->v_bytes : SPF_HUGE_PAGE;
	size_t bytes = spf_table_bytes(c->cap ? c->cap + step / sizeof(*c->v) : 256,
				       sizeof(*c->v));

	c->v = zl_big_grow(c->v, c->v_bytes, bytes);
	c->v_bytes = bytes;
	c->cap = bytes / sizeof(*c->v);
}

void spf_rec_fill(struct spfctx *c, const struct zl_rr *rr, struct spfrec *s)
{
	zl_txt_join(rr, &c->buf);
	memset(s, 0, sizeof(*s));
	s->rr = rr;
	s->owner_ref = zl_ref_of(zl_rr_owner(rr));
	s->len = (uint32_t)c->buf.len;
	s->nsegs = zl_rr_nsegs(rr);
	s->text = zl_arena_strndup(&c->mem, (const char *)c->buf.data, c->buf.len);
	zl_spf_parse(s->text, s->len, &s->rec, &c->mem);
	s->parse = PARSE_KEPT;
}

/*
 * The records of c->v by text, while they are loaded: records with the
 * same text share its copy and its parse (a big zone repeats a few
 * policies thousands of times).  Open addressing over indexes into v
 * (which moves as it grows), at most half full.
 */
struct textset {
	struct textslot {
		uint32_t idx;	/* index in v + 1; 0: empty (fewer RRs than 2^32) */
		uint32_t hash;
	} *slot;		/* spf_table() */
	size_t nslots, n, bytes;
};

uint32_t spf_text_hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)p[i]) * 16777619u;
	return h;
}

static void textset_grow(struct textset *ts)
{
	size_t ns = ts->nslots ? 2 * ts->nslots : 256, bytes;
	struct textslot *slot = spf_table(ns, sizeof(*slot), &bytes);

	for (size_t i = 0; i < ts->nslots; i++) {
		if (!ts->slot[i].idx)
			continue;
		size_t k = ts->slot[i].hash & (ns - 1);
		while (slot[k].idx)
			k = (k + 1) & (ns - 1);
		slot[k] = ts->slot[i];
	}
	zl_big_free(ts->slot, ts->bytes);
	ts->slot = slot;
	ts->nslots = ns;
	ts->bytes = bytes;
}

/*
 * The slot of ts for text[0..len) with hash h: the record of c->v that
 * has that text, or the empty slot where it goes; SIZE_MAX when neither
 * comes within SPF_PROBE_MAX slots.  Texts chosen so that their hashes
 * pile up (FNV-1a's low bits depend on the low bits of its state only)
 * then cost a bounded probe each instead of one as long as the pile:
 * sharing a text is only a saving, so the caller goes without it.
 */
static size_t textset_slot(const struct spfctx *c, const struct textset *ts,
			   const char *text, uint32_t len, uint32_t h)
{
	size_t k = h & (ts->nslots - 1);

	for (unsigned step = 0; ts->slot[k].idx; k = (k + 1) & (ts->nslots - 1)) {
		const struct spfrec *o = &c->v[ts->slot[k].idx - 1];
		if (ts->slot[k].hash == h && o->len == len &&
		    (o->text == text || memcmp(o->text, text, len) == 0))
			break;
		if (++step == SPF_PROBE_MAX)
			return SIZE_MAX;
	}
	return k;
}

/*
 * The copy of text[0..len) (hash h) that records of c->v share, with
 * *proto the first record that has it (index + 1); else text itself
 * when it lies in a record's RDATA (in_rdata), or a new copy in c->mem,
 * and *proto 0.
 */
static const char *text_copy(struct spfctx *c, struct textset *ts, const char *text,
			     uint32_t len, uint32_t h, bool in_rdata, size_t *proto)
{
	if (2 * (ts->n + 1) > ts->nslots)
		textset_grow(ts);
	size_t k = textset_slot(c, ts, text, len, h);
	*proto = k != SIZE_MAX ? ts->slot[k].idx : 0;
	if (*proto)
		return c->v[*proto - 1].text;
	return in_rdata ? text : zl_arena_dup(&c->mem, text, len);
}

/*
 * Add TXT record rr, whose joined text is text[0..len) (hash h, proto
 * from text_copy()), to c->v, unparsed.
 */
static void add(struct spfctx *c, struct textset *ts, const struct zl_rr *rr,
		const char *text, uint32_t len, uint32_t h, size_t proto)
{
	if (c->n == c->cap)
		records_grow(c);
	struct spfrec *s = &c->v[c->n];	/* zero-filled */
	s->rr = rr;
	s->owner_ref = zl_ref_of(zl_rr_owner(rr));
	s->len = len;
	s->nsegs = zl_rr_nsegs(rr);
	s->text = text;
	s->proto = (uint32_t)c->n++;

	if (!proto) {
		/* a text new when text_copy() looked, or added since by
		 * another record of the same RRset */
		if (2 * (ts->n + 1) > ts->nslots)
			textset_grow(ts);
		size_t k = textset_slot(c, ts, text, len, h);
		if (k == SIZE_MAX)
			return;		/* a parse of its own, not shared */
		if (!ts->slot[k].idx) {
			ts->slot[k].idx = (uint32_t)c->n;
			ts->slot[k].hash = h;
			ts->n++;
			return;
		}
		proto = ts->slot[k].idx;
	}
	s->proto = (uint32_t)(proto - 1);
	c->v[proto - 1].shared = true;
}

/*
 * A text checked alone lately and its parse (spfctx.recent): the terms
 * are a copy of those zl_spf_parse() made, their offsets into any
 * record's text that is the same octets.  Only a parse without a bad
 * term is kept: a bad term's message may lie in the arena it was made
 * in.  text and terms are heap arrays of their slot, grown as needed.
 */
struct spf_recent {
	char *text;
	struct zl_spf_term *terms;
	struct zl_spf_record rec;	/* rec.terms: terms; nterms 0 when empty */
	uint32_t len, hash;
	uint32_t text_cap, terms_cap;
	bool used;
};

/* s->rec from c->recent, or parsed into c->scratch and remembered there. */
static void parse_alone(struct spfctx *c, struct spfrec *s)
{
	uint32_t h = spf_text_hash(s->text, s->len);

	if (!c->recent) {
		c->recent = zl_xmalloc(SPF_RECENT * sizeof(*c->recent));
		memset(c->recent, 0, SPF_RECENT * sizeof(*c->recent));
	}
	struct spf_recent *r = &c->recent[h % SPF_RECENT];
	if (r->used && r->hash == h && r->len == s->len && memcmp(r->text, s->text, s->len) == 0) {
		s->rec = r->rec;	/* read only */
		return;
	}
	zl_spf_parse(s->text, s->len, &s->rec, &c->scratch);
	if (s->rec.nbad)
		return;
	if (r->text_cap < s->len) {
		r->text = zl_xrealloc(r->text, s->len);
		r->text_cap = s->len;
	}
	if (r->terms_cap < s->rec.nterms) {
		r->terms = zl_xrealloc(r->terms, s->rec.nterms * sizeof(*r->terms));
		r->terms_cap = s->rec.nterms;
	}
	memcpy(r->text, s->text, s->len);
	if (s->rec.nterms)
		memcpy(r->terms, s->rec.terms, s->rec.nterms * sizeof(*r->terms));
	r->rec = s->rec;
	r->rec.terms = s->rec.nterms ? r->terms : NULL;
	r->len = s->len;
	r->hash = h;
	r->used = true;
}

void spf_rec_parse(struct spfctx *c, struct spfrec *s, bool keep)
{
	struct spfrec *p = s->proto == SPF_NO_PROTO ? s : &c->v[s->proto];

	if (s->parse != PARSE_NONE)
		return;
	if (p->parse == PARSE_KEPT) {
		s->rec = p->rec;	/* read only from here on */
		s->parse = PARSE_KEPT;
		return;
	}
	if (!keep && !p->shared) {
		parse_alone(c, s);
		s->parse = PARSE_SCRATCH;
		return;
	}
	zl_spf_parse(s->text, s->len, &s->rec, &c->mem);
	s->parse = PARSE_KEPT;
	if (p->parse == PARSE_NONE) {
		p->rec = s->rec;
		p->parse = PARSE_KEPT;
	}
}

void spf_rec_release(struct spfctx *c, struct spfrec *s)
{
	if (s->parse == PARSE_SCRATCH) {
		memset(&s->rec, 0, sizeof(s->rec));
		s->parse = PARSE_NONE;
	}
	zl_arena_reset(&c->scratch);
	zl_arena_reset(&c->texts);
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

	/* TXT and SPF RRs: their data is their RDATA (zl_rr_tail_name_at()) */
	if (a->rr->dlen != b->rr->dlen)
		return a->rr->dlen < b->rr->dlen ? -1 : 1;
	int c = memcmp(a->rr->data, b->rr->data, a->rr->dlen);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cand_by_idx(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Remember rr, a TXT record that is no SPF record but looks meant as one. */
static void add_typo(struct spfctx *c, const struct zl_rr *rr, size_t *cap)
{
	if (c->ntypos == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		c->typos = zl_xrealloc(c->typos, *cap * sizeof(*c->typos));
	}
	c->typos[c->ntypos++] = rr;
}

/* False when rr certainly is neither SPF nor meant as SPF (zl_txt_spf_candidate()); a digested RR never is. */
static bool spf_candidate(const struct zl_rr *rr)
{
	return !zl_rr_digested(rr) && zl_txt_spf_candidate(rr->data, rr->dlen);	/* TXT: never cut */
}

/*
 * The joined text of TXT record rr, *len octets: in its RDATA after the
 * length octet when it has one character-string, the usual case (as
 * zl_txt_join() reads it, cut at the end of the RDATA; *one set), else
 * joined into buf.
 */
static const char *rr_text(const struct zl_rr *rr, struct zl_buf *buf, uint32_t *len,
			   bool *one)
{
	/* TXT-like: the data is the RDATA (zl_rr_tail_name_at()) */
	*one = rr->dlen > 0 && (size_t)rr->data[0] + 1 >= rr->dlen;
	if (*one) {
		*len = rr->dlen - 1u;
		return (const char *)rr->data + 1;
	}
	zl_txt_join(rr, buf);
	*len = (uint32_t)buf->len;
	return (const char *)buf->data;
}

/*
 * The SPF records of one TXT RRset into (*v)[0..n), n returned, in
 * reading order; a record identical to an earlier one has dup set (a
 * loaded RRset is a set, RFC 2181 section 5).  Sorting finds the
 * repeats, so a name with 50,000 SPF records costs n log n, not n^2.
 * v/cap: a scratch array kept between calls (caller frees); buf:
 * scratch.  The other TXT records that look meant as SPF go to
 * typos->typos, unless typos is NULL.
 */
static size_t collect(const struct zl_rrset *set, struct zl_buf *buf, struct cand **v,
		      size_t *cap, struct spfctx *typos, size_t *typo_cap)
{
	size_t n = 0;
	uint32_t off, len;
	bool one;

	for (const struct zl_rr *rr = zl_rrset_first(set); rr; rr = zl_rrset_rr_next(set, rr)) {
		if (!spf_candidate(rr))
			continue;
		const char *text = rr_text(rr, buf, &len, &one);
		if (!zl_spf_is_record(text, len)) {
			if (typos && zl_spf_version_typo(text, len, &off))
				add_typo(typos, rr, typo_cap);
			continue;
		}
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*v = zl_xrealloc(*v, *cap * sizeof(**v));
		}
		(*v)[n] = (struct cand){ .rr = rr, .idx = n, .dup = false };
		n++;
	}
	if (n > 1) {
		qsort(*v, n, sizeof(**v), cand_by_rdata);
		for (size_t i = 1; i < n; i++)
			(*v)[i].dup = zl_dns_rr_same((*v)[i - 1].rr, (*v)[i].rr);
		qsort(*v, n, sizeof(**v), cand_by_idx);
	}
	return n;
}

/*
 * Add the SPF records of one TXT RRset to c->v (collect()), with their
 * texts; returns how many.  The other TXT records that look meant as
 * SPF go to c->typos, unless typo_cap is NULL.
 */
static size_t add_rrset(struct spfctx *c, struct textset *ts, const struct zl_rrset *set,
			struct cand **v, size_t *cap, size_t *typo_cap)
{
	size_t n = collect(set, &c->buf, v, cap, typo_cap ? c : NULL, typo_cap), added = 0;
	uint32_t len;
	bool one;

	for (size_t i = 0; i < n; i++) {
		if ((*v)[i].dup)
			continue;
		const struct zl_rr *rr = (*v)[i].rr;
		const char *text = rr_text(rr, &c->buf, &len, &one);
		uint32_t h = spf_text_hash(text, len);
		size_t proto;
		text = text_copy(c, ts, text, len, h, one, &proto);
		add(c, ts, rr, text, len, h, proto);
		added++;
	}
	return added;
}

size_t spf_node_rrs(const struct zl_node *n, struct zl_buf *buf, const struct zl_rr ***rrs,
		    size_t *cap)
{
	const struct zl_rrset *set = zl_node_rrset(n, SPF_TYPE_TXT, 0);
	struct cand *v = NULL;
	size_t vcap = 0, count = 0;
	size_t m = set ? collect(set, buf, &v, &vcap, NULL, NULL) : 0;
	for (size_t i = 0; i < m; i++) {
		if (v[i].dup)
			continue;
		if (count == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*rrs = zl_xrealloc(*rrs, *cap * sizeof(**rrs));
		}
		(*rrs)[count++] = v[i].rr;
	}
	free(v);
	return count;
}


/* Append rr, an SPF record, to c->order (room for *cap entries). */
static void order_add(struct spfctx *c, const struct zl_rr *rr, size_t *cap)
{
	if (c->norder == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		c->order = zl_xrealloc(c->order, *cap * sizeof(*c->order));
	}
	c->order[c->norder].seq = zl_rr_seq(rr);
	c->order[c->norder].rr = zl_ref_of(rr);
	c->norder++;
}

static int by_reading_order(const void *pa, const void *pb)
{
	const struct spf_entry *a = pa, *b = pb;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/*
 * The domain-specs of includes and redirects already looked up, by
 * their text (a big zone's records name the same few): open addressing
 * over copies in mem, at most half full.
 */
struct specset {
	struct spec {
		const char *text;	/* NULL: empty slot */
		uint32_t len, hash;
	} *slot;
	size_t nslots, n;
	struct zl_arena mem;
};

/*
 * Remember text[0..len) in s; false if it was there already.  A text
 * that does not find its place within SPF_PROBE_MAX slots (texts made
 * to hash alike) is looked up again each time rather than remembered.
 */
static bool specset_add(struct specset *s, const char *text, uint32_t len)
{
	uint32_t h = spf_text_hash(text, len);

	if (2 * (s->n + 1) > s->nslots) {
		size_t ns = s->nslots ? 2 * s->nslots : 64;
		struct spec *slot = zl_xmalloc(ns * sizeof(*slot));
		memset(slot, 0, ns * sizeof(*slot));
		for (size_t i = 0; i < s->nslots; i++) {
			if (!s->slot[i].text)
				continue;
			size_t k = s->slot[i].hash & (ns - 1);
			while (slot[k].text)
				k = (k + 1) & (ns - 1);
			slot[k] = s->slot[i];
		}
		free(s->slot);
		s->slot = slot;
		s->nslots = ns;
	}
	size_t k = h & (s->nslots - 1);
	for (unsigned step = 0; s->slot[k].text; k = (k + 1) & (s->nslots - 1)) {
		const struct spec *e = &s->slot[k];
		if (e->hash == h && e->len == len && memcmp(e->text, text, len) == 0)
			return false;
		if (++step == SPF_PROBE_MAX)
			return true;
	}
	s->slot[k] = (struct spec){ zl_arena_dup(&s->mem, text, len), len, h };
	s->n++;
	return true;
}

/*
 * The node whose SPF records an include or redirect with domain-spec
 * spec[0..len) leads to, as spf_tree.c resolves it: the name looked up
 * for TXT, CNAMEs followed.  NULL when it leads to no loaded name,
 * depends on macros (has a "%"), or was looked up already (specs).
 */
static const struct zl_node *target_of(struct spfctx *c, struct specset *specs,
				       const char *spec, uint32_t len)
{
	uint8_t wire[ZL_NAME_MAX];
	struct zl_dns_answer ans;

	if (memchr(spec, '%', len) || !specset_add(specs, spec, len) ||
	    !zl_dns_name_from_spf(spec, len, wire))
		return NULL;
	if (zl_dns_query(&c->dns, wire, SPF_TYPE_TXT, &ans) != ZL_DNS_NOERROR)
		return NULL;
	return ans.owner;
}

/*
 * Put into c->v the SPF records of every node that an include or
 * redirect of a record of c->order leads to, each record scanned for
 * those terms only (zl_spf_next_follow(): about a tenth of a parse,
 * which the record gets when it is checked).  Those are all the records
 * a walk of an include tree can reach (and perhaps a few more, named by
 * a term the parse finds bad), so every other record may be filled
 * alone when it is checked (spf_rec_at()).
 */
static int by_address(const void *pa, const void *pb)
{
	const struct zl_node *a = *(const struct zl_node *const *)pa;
	const struct zl_node *b = *(const struct zl_node *const *)pb;

	return (a > b) - (a < b);
}

static void load_targets(struct spfctx *c, struct textset *ts, struct cand **v, size_t *cap)
{
	struct specset specs = { 0 };
	const struct zl_node **targets = NULL;
	size_t ntargets = 0, tcap = 0;
	uint32_t len;
	bool one;

	zl_arena_init(&specs.mem);
	for (size_t k = 0; k < c->norder; k++) {
		const struct zl_rr *rr = zl_ref_ptr(c->order[k].rr);
		const char *text = rr_text(rr, &c->buf, &len, &one);
		size_t pos = 0;
		uint32_t aoff, alen;

		while (zl_spf_next_follow(text, len, &pos, &aoff, &alen)) {
			const struct zl_node *n = target_of(c, &specs, text + aoff, alen);
			if (!n)
				continue;
			if (ntargets == tcap) {
				tcap = tcap ? 2 * tcap : 16;
				targets = zl_xrealloc(targets, tcap * sizeof(*targets));
			}
			targets[ntargets++] = n;
		}
	}
	/* each node once (a node's records must be adjacent in c->v, in
	 * whatever order the nodes come: only spf_records_at() reads it) */
	if (ntargets > 1)
		qsort(targets, ntargets, sizeof(*targets), by_address);
	for (size_t i = 0; i < ntargets; i++) {
		if (i && targets[i] == targets[i - 1])
			continue;
		const struct zl_rrset *set = zl_node_rrset(targets[i], SPF_TYPE_TXT, 0);
		if (set)
			add_rrset(c, ts, set, v, cap, NULL);
	}
	free(targets);
	free(specs.slot);
	zl_arena_free(&specs.mem);
}

void spf_ctx_init(struct spfctx *c, const struct zl_db *db, struct zl_sink *sink, bool all)
{
	struct cand *cands = NULL;
	size_t ncap = 0, typo_cap = 0, order_cap = 0;
	struct textset ts = { 0 };

	memset(c, 0, sizeof(*c));
	c->db = db;
	c->sink = sink;
	zl_arena_init(&c->mem);
	zl_arena_init(&c->scratch);
	zl_arena_init(&c->texts);
	zl_dns_init(&c->dns, db);

	size_t named_cap = 0;
	/* a node with none of these types has nothing for the SPF rules */
	const uint16_t wanted = zl_node_types_bit(SPF_TYPE_TXT) |
				zl_node_types_bit(SPF_TYPE_MX) |
				zl_node_types_bit(SPF_TYPE_SPF);
	/* the nodes lie in memory in the order walked: the cache sees
	 * the next ones coming */
	struct zl_node_walk walk;
	zl_db_walk_begin(db, &walk);
	for (const struct zl_node *n; (n = zl_db_walk_next(&walk));) {
		if (!(n->types & wanted))
			continue;
		const struct zl_rrset *set = zl_node_rrset(n, SPF_TYPE_TXT, 0);
		size_t recs = 0, typos = c->ntypos;
		if (set && all) {
			recs = add_rrset(c, &ts, set, &cands, &ncap, &typo_cap);
		} else if (set) {
			size_t m = collect(set, &c->buf, &cands, &ncap, c, &typo_cap);
			for (size_t i = 0; i < m; i++) {
				if (cands[i].dup)
					continue;
				order_add(c, cands[i].rr, &order_cap);
				recs++;
			}
		}
		/* what check_node() in spf.c reports about */
		const struct zl_rrset *mx;
		if (c->ntypos == typos && recs < 2 && !zl_node_rrset(n, SPF_TYPE_SPF, 0) &&
		    (recs || !(mx = zl_node_rrset(n, SPF_TYPE_MX, 0)) || !spf_has_real_mx(mx)))
			continue;
		if (c->nnamed == named_cap) {
			named_cap = named_cap ? 2 * named_cap : 256;
			c->named = zl_xrealloc(c->named, named_cap * sizeof(*c->named));
		}
		c->named[c->nnamed++] = n;
	}
	zl_db_walk_end(&walk);
	if (!all) {
		/* walk the records in reading order, so that which edge of an
		 * include loop is reported does not depend on hash-table
		 * order; node order mostly is reading order already */
		for (size_t k = 1; k < c->norder; k++) {
			if (c->order[k - 1].seq > c->order[k].seq) {
				qsort(c->order, c->norder, sizeof(*c->order), by_reading_order);
				break;
			}
		}
		load_targets(c, &ts, &cands, &ncap);
	}
	free(cands);
	zl_big_free(ts.slot, ts.bytes);
	/* at most half full: a node's records follow each other in v */
	size_t nowners = 0;
	for (size_t k = 0; k < c->n; k++)
		nowners += !k || c->v[k - 1].owner_ref != c->v[k].owner_ref;
	c->nslots = 16;
	while (c->nslots < nowners * 2)
		c->nslots *= 2;
	c->owners = spf_table(c->nslots, sizeof(*c->owners), &c->owners_bytes);
	for (size_t k = 0; k < c->n; k++) {
		if (k && c->v[k - 1].owner_ref == c->v[k].owner_ref)
			continue;	/* the node's first record is in already */
		size_t i = slot_of(c, spf_owner(&c->v[k]));
		if (!c->owners[i].node) {
			c->owners[i].node = c->v[k].owner_ref;
			c->owners[i].first = (uint32_t)k;	/* fewer RRs than 2^32 */
		}
	}
}

struct spfrec *spf_rec_at(struct spfctx *c, size_t k, struct spfrec *tmp)
{
	const struct zl_rr *rr = zl_ref_ptr(c->order[k].rr);
	size_t count;
	struct spfrec *s = spf_records_at(c, zl_rr_owner(rr), &count);
	uint32_t len;
	bool one;

	for (size_t i = 0; i < count; i++)
		if (s[i].rr == rr)
			return &s[i];
	const char *text = rr_text(rr, &c->buf, &len, &one);
	memset(tmp, 0, sizeof(*tmp));
	tmp->rr = rr;
	tmp->owner_ref = zl_ref_of(zl_rr_owner(rr));
	tmp->len = len;
	tmp->nsegs = (uint16_t)zl_rr_nsegs(rr);
	tmp->text = one ? text : zl_arena_dup(&c->texts, text, len);
	tmp->proto = SPF_NO_PROTO;
	return tmp;
}

void spf_ctx_init_alone(struct spfctx *c, struct zl_sink *sink)
{
	memset(c, 0, sizeof(*c));
	c->sink = sink;
	zl_arena_init(&c->mem);
	zl_arena_init(&c->scratch);
	zl_arena_init(&c->texts);
}

void spf_ctx_free(struct spfctx *c)
{
	if (c->recent) {
		for (size_t k = 0; k < SPF_RECENT; k++) {
			free(c->recent[k].text);
			free(c->recent[k].terms);
		}
		free(c->recent);
	}
	zl_big_free(c->owners, c->owners_bytes);
	zl_big_free(c->v, c->v_bytes);
	free(c->order);
	free(c->typos);
	free(c->named);
	free(c->memo);	/* its entries are in c->mem */
	free(c->frames);
	zl_buf_free(&c->buf);
	zl_dns_free(&c->dns);
	zl_arena_free(&c->mem);
	zl_arena_free(&c->scratch);
	zl_arena_free(&c->texts);
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
	return zl_node_text(n, buf, cap);
}

bool spf_has_real_mx(const struct zl_rrset *mx)
{
	uint8_t buf[ZL_RR_RDATA_MAX];

	for (const struct zl_rr *rr = zl_rrset_first(mx); rr; rr = zl_rrset_rr_next(mx, rr))
		if (!(zl_rr_rdlen(rr) == 3 && zl_rr_rdata(rr, buf)[2] == 0))
			return true;
	return false;
}

bool spf_has_all(const struct zl_spf_record *r)
{
	for (size_t i = 0; i < r->nterms; i++)
		if (r->terms[i].kind == ZL_SPF_TERM_MECH && r->terms[i].mech == ZL_SPF_ALL)
			return true;
	return false;
}
