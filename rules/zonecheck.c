/* zonecheck.c - helpers shared by the zone-structure rules: zone cuts, RDATA targets, host names, relative-name heuristics. */
#include "zonecheck.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool label_is(const uint8_t *label, const char *s)
{
	size_t n = strlen(s);
	if (label[0] != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(label[1 + i]) != s[i])
			return false;
	return true;
}

bool zc_in_zone(const struct zl_zone *z, const uint8_t *name)
{
	return z->origin && zl_name_is_subdomain(name, z->origin);
}

int zc_node_in_zone(const struct zl_zone *z, const struct zl_node *n)
{
	if (!z->origin)
		return 0;
	for (;;) {
		if (n == z->apex)
			return 1;
		if (!n->suffix)
			return n->len == 1 ? 0 : -1;	/* the root, or a name held whole */
		n = zl_ref_ptr(n->suffix);
	}
}

const struct zl_rrset *zc_rrset(const struct zl_node *n, uint16_t type)
{
	return n ? zl_node_rrset(n, type, 0) : NULL;
}

bool zc_has_address(const struct zl_node *n)
{
	return zc_rrset(n, ZC_A) || zc_rrset(n, ZC_AAAA);
}

void zc_place(const struct zl_db *db, const struct zl_zone *z,
	      const uint8_t *name, struct zc_place *p)
{
	unsigned depth = zc_relative_labels(z, name);

	p->cut = NULL;
	p->dname = NULL;
	/* ancestors from the parent of name up to the apex */
	const uint8_t *a = name;
	for (unsigned k = 0; k < depth; k++) {
		a += *a + 1;
		bool apex = k + 1 == depth;
		const struct zl_node *n = apex ? z->apex : zl_db_find(db, a);
		if (!n || !zl_node_rrsets(n))
			continue;
		if (!apex && zc_rrset(n, ZC_NS))
			p->cut = n;	/* the highest one wins: keep overwriting */
		/* a DNAME beside a delegation's NS is occluded: it redirects nothing */
		if (zc_rrset(n, ZC_DNAME) && (apex || !zc_rrset(n, ZC_NS)))
			p->dname = n;
	}
}

bool zc_node_place(const struct zl_zone *z, const struct zl_node *n, struct zc_place *p)
{
	const struct zl_node *cut = NULL, *dname = NULL;

	/* ancestors from the parent of n up to the apex, as zc_place() */
	while (n != z->apex) {
		if (!n->suffix)
			return false;	/* a name held whole, or the root */
		n = zl_ref_ptr(n->suffix);
		bool apex = n == z->apex;
		if (!zl_node_rrsets(n))
			continue;
		bool ns = !apex && zc_rrset(n, ZC_NS);
		if (ns)
			cut = n;	/* the highest one wins: keep overwriting */
		if (zc_rrset(n, ZC_DNAME) && !ns)
			dname = n;
	}
	p->cut = cut;
	p->dname = dname;
	return true;
}

#define SUFFIX_ROOT 0x9e3779b97f4a7c15ull	/* name_hash() of the root */

/*
 * The hash of the name made of label l (wire) in front of a name whose
 * hash is v: names are hashed label by label from the root, every octet
 * with bit 0x20 set (so "A" and "a" hash alike).  Stored and looked up
 * with bit 0 set, so never 0.
 */
static uint64_t suffix_hash(uint64_t v, const uint8_t *l)
{
	v = (v ^ l[0]) * 0x100000001b3ull;
	for (unsigned i = 1; i <= l[0]; i++)
		v = (v ^ (l[i] | 0x20u)) * 0x100000001b3ull;
	return v;
}

/* The hash of name (wire), as suffix_hash() builds it. */
static uint64_t name_hash(const uint8_t *name)
{
	const uint8_t *start[ZL_NAME_MAX / 2 + 1];
	size_t n = 0;
	uint64_t v = SUFFIX_ROOT;

	for (const uint8_t *p = name; *p; p += *p + 1)
		start[n++] = p;
	while (n > 0)
		v = suffix_hash(v, start[--n]);
	return v;
}

/*
 * May h be in s?  True when it is, and also when the probe passes
 * ZC_CUTS_PROBE slots or an owner could not be placed (s->piled): the
 * caller then looks the name's place up in full, so a false true costs
 * only time, while owner names chosen to pile up in the table cost a
 * bounded probe, not one as long as the pile.
 */
static bool cuts_has(const struct zc_cuts *s, uint64_t h)
{
	if (s->piled)
		return true;
	if (!s->nslots)
		return false;
	size_t i = (size_t)(h >> 17) & (s->nslots - 1);
	for (unsigned step = 0; s->h[i]; i = (i + 1) & (s->nslots - 1)) {
		if (s->h[i] == h || ++step == ZC_CUTS_PROBE)
			return true;
	}
	return false;
}

void zc_cuts_add(struct zc_cuts *s, const uint8_t *wire)
{
	uint64_t h = name_hash(wire) | 1;

	if (s->piled)
		return;
	if (2 * (s->n + 1) > s->nslots) {
		size_t ns = s->nslots ? 2 * s->nslots : 64;
		uint64_t *v = zl_xmalloc(ns * sizeof(*v));
		memset(v, 0, ns * sizeof(*v));
		for (size_t i = 0; i < s->nslots; i++) {
			if (!s->h[i])
				continue;
			size_t k = (size_t)(s->h[i] >> 17) & (ns - 1);
			while (v[k])
				k = (k + 1) & (ns - 1);
			v[k] = s->h[i];
		}
		free(s->h);
		s->h = v;
		s->nslots = ns;
	}
	size_t i = (size_t)(h >> 17) & (s->nslots - 1);
	for (unsigned step = 0; s->h[i]; i = (i + 1) & (s->nslots - 1)) {
		if (s->h[i] == h)
			return;
		if (++step == ZC_CUTS_PROBE) {
			s->piled = true;	/* h is left out: answer true for all */
			return;
		}
	}
	s->h[i] = h;
	s->n++;
}

void zc_cuts_free(struct zc_cuts *s)
{
	free(s->h);
	s->h = NULL;
	s->nslots = 0;
	s->n = 0;
	s->piled = false;
}

/*
 * True if some ancestor of name (nlen octets) strictly between it and
 * the apex (its last olen octets, whose name_hash() is horigin) may own
 * NS or DNAME records: its hash is in cuts.  Only the labels before the
 * origin are hashed.
 */
static bool below_cut(const struct zc_cuts *cuts, const uint8_t *name, size_t nlen,
		      size_t olen, uint64_t horigin)
{
	const uint8_t *start[ZL_NAME_MAX / 2 + 1];
	size_t n = 0;
	uint64_t v = horigin;

	for (const uint8_t *p = name; nlen - (size_t)(p - name) > olen; p += *p + 1)
		start[n++] = p;
	/* labels n-1 down to 1 start the ancestors below the apex */
	while (n > 1) {
		v = suffix_hash(v, start[--n]);
		if (cuts_has(cuts, v | 1))
			return true;
	}
	return false;
}

void zc_placer_init(struct zc_placer *pc, const struct zl_db *db,
		    const struct zc_cuts *cuts)
{
	pc->db = db;
	pc->cuts = cuts;
	pc->z = NULL;
	pc->olen = 0;
	pc->plen = 0;
}

void zc_place_cached(struct zc_placer *pc, const struct zl_zone *z,
		     const uint8_t *name, struct zc_place *p)
{
	if (pc->z != z) {
		pc->z = z;
		pc->olen = zl_name_wire_len(z->origin);
		pc->horigin = name_hash(z->origin);
		pc->plen = 0;
		/* a child of the apex: the apex is all there is above it,
		 * and it is no cut (as in zc_place()) */
		pc->below_apex.cut = NULL;
		pc->below_apex.dname = z->apex && zl_node_rrsets(z->apex) &&
				       zc_rrset(z->apex, ZC_DNAME) ? z->apex : NULL;
	}
	size_t nlen = zl_name_wire_len(name);
	if (nlen <= pc->olen) {
		/* the apex: nothing between it and itself */
		p->cut = NULL;
		p->dname = NULL;
		return;
	}
	const uint8_t *parent = name + *name + 1;
	size_t plen = nlen - *name - 1;
	if (plen == pc->olen) {
		*p = pc->below_apex;
		return;
	}
	/* a different spelling of the same parent only misses the memory */
	if (plen == pc->plen && memcmp(parent, pc->parent, plen) == 0) {
		*p = pc->p;
		return;
	}
	if (pc->cuts && !below_cut(pc->cuts, name, nlen, pc->olen, pc->horigin))
		*p = pc->below_apex;
	else
		zc_place(pc->db, z, name, p);
	memcpy(pc->parent, parent, plen);
	pc->plen = plen;
	pc->p = *p;
}

const struct zl_node *zc_wildcard_for(const struct zl_db *db,
				      const struct zl_zone *z,
				      const uint8_t *name)
{
	return zl_db_wildcard(db, name, zc_relative_labels(z, name));
}

const uint8_t *zc_target(const struct zl_rr *rr, uint8_t *buf)
{
	int at = zl_rr_tail_name_at(rr->type);
	size_t skip;

	if (at >= 0)
		skip = (size_t)at;
	else if (rr->type == ZC_SVCB || rr->type == ZC_HTTPS)
		skip = 2;	/* the priority; parameters follow the target */
	else
		return NULL;
	if (zl_rr_rdlen(rr) <= skip)
		return NULL;
	return zl_rr_rdata(rr, buf) + skip;
}

/* 1 for the octets of a host name label: letters, digits and "-". */
static const uint8_t host_octet[256] = {
	['-'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* A label of letters, digits and inner hyphens (RFC 952, RFC 1123 section 2.1). */
static bool host_label(const uint8_t *label)
{
	unsigned n = label[0];
	if (n > 0 && (label[1] == '-' || label[n] == '-'))
		return false;
	unsigned i = 1;
	for (; i + 3 <= n; i += 4)
		if (!(host_octet[label[i]] & host_octet[label[i + 1]] &
		      host_octet[label[i + 2]] & host_octet[label[i + 3]]))
			return false;
	for (; i <= n; i++)
		if (!host_octet[label[i]])
			return false;
	return true;
}

bool zc_is_hostname(const uint8_t *name, bool wildcard)
{
	if (wildcard && zc_star_label(name))
		name += 2;
	for (; *name; name += *name + 1)
		if (!host_label(name))
			return false;
	return true;
}

bool zc_is_hostname_in(const uint8_t *name, bool wildcard, const uint8_t *suffix,
		       size_t slen, bool suffix_host)
{
	size_t left = zl_name_wire_len(name);

	if (wildcard && zc_star_label(name)) {
		name += 2;
		left -= 2;
	}
	for (; *name; left -= *name + 1u, name += *name + 1) {
		if (left == slen && memcmp(name, suffix, slen) == 0)
			return suffix_host;
		if (!host_label(name))
			return false;
	}
	return true;
}

bool zc_node_is_hostname(const struct zl_zone *z, const struct zl_node *n, bool wildcard,
			 bool apex_host)
{
	if (wildcard && zc_star_label(n->prefix)) {
		if (!n->suffix)
			return zc_is_hostname(n->prefix, true);
		n = zl_ref_ptr(n->suffix);	/* "*.": the rest of the name */
	}
	for (;;) {
		if (n == z->apex)
			return apex_host;
		if (!n->suffix)		/* the whole name, or the root's empty one */
			return zc_is_hostname(n->prefix, false);
		if (!host_label(n->prefix))
			return false;
		n = zl_ref_ptr(n->suffix);
	}
}

unsigned zc_relative_labels(const struct zl_zone *z, const uint8_t *name)
{
	return zl_name_label_count(name) - zl_name_label_count(z->origin);
}

/* Label k (0-based from the left) of name. */
static const uint8_t *label_at(const uint8_t *name, unsigned k)
{
	while (k--)
		name += *name + 1;
	return name;
}

static bool labels_equal(const uint8_t *a, const uint8_t *b)
{
	if (a[0] != b[0])
		return false;
	for (unsigned i = 1; i <= a[0]; i++)
		if (lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

bool zc_repeats_origin(const uint8_t *name, const uint8_t *origin)
{
	unsigned ol = zl_name_label_count(origin);
	unsigned nl = zl_name_label_count(name);

	if (ol == 0 || nl < 2 * ol)
		return false;
	/* labels nl-2*ol .. nl-ol-1 of name against the labels of origin */
	const uint8_t *p = label_at(name, nl - 2 * ol);
	const uint8_t *q = origin;
	for (unsigned k = 0; k < ol; k++) {
		if (!labels_equal(p, q))
			return false;
		p += *p + 1;
		q += *q + 1;
	}
	return true;
}

int zc_node_repeats_origin(const struct zl_zone *z, const struct zl_node *n)
{
	const struct zl_node *chain[ZL_NAME_MAX / 2 + 1];
	size_t k = 0;

	if (!z->origin)
		return -1;
	/* n and its ancestors below the apex, each linked: its first label */
	for (; n != z->apex; n = zl_ref_ptr(n->suffix)) {
		if (!n->suffix || k == sizeof(chain) / sizeof(chain[0]))
			return -1;
		chain[k++] = n;
	}
	unsigned ol = zl_name_label_count(z->origin);
	if (ol == 0 || k < ol)
		return 0;
	/* the ol labels right above the origin's, against the origin's */
	const uint8_t *q = z->origin;
	for (size_t i = k - ol; i < k; i++, q += *q + 1)
		if (!labels_equal(chain[i]->prefix, q))
			return 0;
	return 1;
}

/* Generic TLDs that are never the name of a subdomain in practice. */
static const char *const generic_tlds[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "arpa", "info", "biz",
};

/* Second-level labels of two-label public suffixes ("co.uk", "com.au"). */
static const char *const second_levels[] = {
	"co", "com", "net", "org", "ac", "gov", "edu",
};

static bool alpha2(const uint8_t *label)
{
	return label[0] == 2 &&
	       ((label[1] | 32) >= 'a' && (label[1] | 32) <= 'z') &&
	       ((label[2] | 32) >= 'a' && (label[2] | 32) <= 'z');
}

const char *zc_missing_dot(const uint8_t *name, const uint8_t *origin)
{
	unsigned ol = zl_name_label_count(origin);
	unsigned nl = zl_name_label_count(name);

	if (ol == 0 || nl < ol + 2)
		return NULL;	/* one relative label is an ordinary host name */
	if (zc_repeats_origin(name, origin))
		return "repeats the origin";
	unsigned rel = nl - ol;
	const uint8_t *last = label_at(name, rel - 1);
	for (size_t i = 0; i < sizeof(generic_tlds) / sizeof(generic_tlds[0]); i++)
		if (label_is(last, generic_tlds[i]))
			return "ends in a top-level domain";
	if (rel >= 3 && alpha2(last)) {
		const uint8_t *sl = label_at(name, rel - 2);
		for (size_t i = 0; i < sizeof(second_levels) / sizeof(second_levels[0]); i++)
			if (label_is(sl, second_levels[i]))
				return "ends in a public suffix";
	}
	return NULL;
}

const char *zc_name(const uint8_t *name, char *buf, size_t cap)
{
	zl_name_to_text(name, buf, cap);
	return buf;
}

const char *zc_relative_text(const uint8_t *name, const uint8_t *origin,
			     char *buf, size_t cap)
{
	uint8_t rel[ZL_NAME_MAX];
	unsigned n = zl_name_label_count(name) - zl_name_label_count(origin);
	size_t len = 0;
	const uint8_t *p = name;

	for (unsigned k = 0; k < n; k++) {
		memcpy(rel + len, p, (size_t)*p + 1);
		len += (size_t)*p + 1;
		p += *p + 1;
	}
	rel[len] = 0;
	size_t w = zl_name_to_text(rel, buf, cap);
	if (w > 1 && w < cap && buf[w - 1] == '.')
		buf[w - 1] = '\0';
	return buf;
}

const char *zc_where(const struct zl_rr *other, const char *file, char *buf,
		     size_t cap)
{
	if (zl_rr_file(other) == file)
		snprintf(buf, cap, "line %u", zl_rr_line(other));
	else
		snprintf(buf, cap, "%s:%u", zl_rr_file(other), zl_rr_line(other));
	return buf;
}

bool zc_same_rdata(const struct zl_rr *a, const struct zl_rr *b,
		   struct zl_buf *ta, struct zl_buf *tb)
{
	uint8_t buf[ZL_RR_RDATA_MAX];

	zl_rdata_canonical(a->type, zl_rr_rdata(a, buf), zl_rr_rdlen(a), ta);
	zl_rdata_canonical(b->type, zl_rr_rdata(b, buf), zl_rr_rdlen(b), tb);
	return ta->len == tb->len && memcmp(ta->data, tb->data, ta->len) == 0;
}

/* Label k of name is a decimal number 0-255 without a sign. */
static bool octet_label(const uint8_t *l)
{
	unsigned v = 0;
	if (l[0] < 1 || l[0] > 3)
		return false;
	for (unsigned i = 1; i <= l[0]; i++) {
		if (l[i] < '0' || l[i] > '9')
			return false;
		v = v * 10 + (unsigned)(l[i] - '0');
	}
	return v <= 255;
}

bool zc_looks_like_address(const uint8_t *name, const uint8_t *origin)
{
	const uint8_t *p = name;
	char buf[64];

	if (name[0] > 0 && name[0] < sizeof(buf) && memchr(name + 1, ':', name[0])) {
		struct in6_addr a6;
		memcpy(buf, name + 1, name[0]);
		buf[name[0]] = '\0';
		return inet_pton(AF_INET6, buf, &a6) == 1;
	}
	for (int k = 0; k < 4; k++) {
		if (!*p || !octet_label(p))
			return false;
		p += *p + 1;
	}
	return *p == 0 || zl_name_equal(p, origin);
}

