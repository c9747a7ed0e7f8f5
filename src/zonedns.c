/* zonedns.c - closed-world resolver over a zl_db: NOERROR/NODATA/NXDOMAIN, CNAME chains, timeout test directives. */
#include "zonedns.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "rdata.h"

/* Empty registry over db; contract in zonedns.h. */
void zl_dns_init(struct zl_dns *d, const struct zl_db *db)
{
	memset(d, 0, sizeof(*d));
	d->db = db;
}

/* Free the registry; contract in zonedns.h. */
void zl_dns_free(struct zl_dns *d)
{
	free(d->timeouts);
	d->timeouts = NULL;
	d->ntimeouts = d->cap = 0;
}

/* Register a timeout; contract in zonedns.h. */
bool zl_dns_add_timeout(struct zl_dns *d, const uint8_t *name,
			const uint16_t *types, unsigned ntypes)
{
	struct zl_dns_timeout *t;

	if (ntypes > sizeof(t->types) / sizeof(t->types[0]))
		return false;
	if (d->ntimeouts == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->timeouts = zl_xrealloc(d->timeouts, d->cap * sizeof(*d->timeouts));
	}
	t = &d->timeouts[d->ntimeouts++];
	memset(t, 0, sizeof(*t));
	memcpy(t->name, name, zl_name_wire_len(name));
	if (ntypes)
		memcpy(t->types, types, ntypes * sizeof(*types));
	t->ntypes = ntypes;
	return true;
}

/* Next blank-separated word of s[*i..len); false at the end. */
static bool next_word(const char *s, size_t len, size_t *i, const char **w,
		      size_t *wl)
{
	size_t p = *i;

	while (p < len && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p == len)
		return false;
	*w = s + p;
	while (p < len && s[p] != ' ' && s[p] != '\t')
		p++;
	*wl = (size_t)(s + p - *w);
	*i = p;
	return true;
}

/* "; zonelint-test: timeout NAME [TYPE...]"; contract in zonedns.h. */
int zl_dns_parse_directive(struct zl_dns *d, const char *text, size_t len,
			   const char **err)
{
	static const char tag[] = "zonelint-test:";
	uint16_t types[16];
	unsigned ntypes = 0;
	uint8_t wire[ZL_NAME_MAX];
	size_t i = 0, wl, nl, wirelen;
	const char *w;

	if (i < len && text[i] == ';')
		i++;
	if (!next_word(text, len, &i, &w, &wl) || wl != sizeof(tag) - 1 ||
	    memcmp(w, tag, wl) != 0)
		return 0;
	if (!next_word(text, len, &i, &w, &wl) || wl != 7 || memcmp(w, "timeout", 7)) {
		*err = "unknown zonelint-test directive; the only one is \"timeout NAME [TYPE...]\"";
		return -1;
	}
	if (!next_word(text, len, &i, &w, &nl)) {
		*err = "\"timeout\" needs an absolute name";
		return -1;
	}
	if (w[nl - 1] != '.' || (nl > 1 && w[nl - 2] == '\\' &&
				 (nl < 3 || w[nl - 3] != '\\'))) {
		*err = "the name of a timeout directive must be absolute (end in \".\")";
		return -1;
	}
	if (zl_name_from_text(w, nl, NULL, wire, &wirelen) != ZL_NAME_OK) {
		*err = "the name of a timeout directive is not a valid domain name";
		return -1;
	}
	while (next_word(text, len, &i, &w, &wl)) {
		const struct zl_type_info *ti = zl_type_by_name(w, wl);
		if (!ti) {
			*err = "unknown RR type in timeout directive";
			return -1;
		}
		if (ntypes == sizeof(types) / sizeof(types[0])) {
			*err = "more than 16 types in one timeout directive";
			return -1;
		}
		types[ntypes++] = ti->number;
	}
	zl_dns_add_timeout(d, wire, types, ntypes);
	return 1;
}

/* The directive registered for name, or NULL. */
static const struct zl_dns_timeout *find_timeout(const struct zl_dns *d,
						 const uint8_t *name)
{
	for (size_t i = 0; i < d->ntimeouts; i++)
		if (zl_name_equal(d->timeouts[i].name, name))
			return &d->timeouts[i];
	return NULL;
}

/* Does a directive make the query (name at node n, qtype) time out? */
static bool times_out(const struct zl_dns *d, const uint8_t *name,
		      const struct zl_node *n, uint16_t qtype)
{
	const struct zl_dns_timeout *t;

	if (d->ntimeouts == 0 || !(t = find_timeout(d, name)))
		return false;
	if (t->ntypes) {
		for (unsigned k = 0; k < t->ntypes; k++)
			if (t->types[k] == qtype)
				return true;
		return false;
	}
	if (!n)
		return true;
	if (zl_node_rrset(n, qtype, ZL_DNS_CLASS_IN))
		return false;
	return qtype == ZL_DNS_TYPE_CNAME ||
	       !zl_node_rrset(n, ZL_DNS_TYPE_CNAME, ZL_DNS_CLASS_IN);
}

/* Closed-world query (RFC 1034 4.3.2, RFC 2308); contract in zonedns.h. */
enum zl_dns_status zl_dns_query(const struct zl_dns *d, const uint8_t *name,
				uint16_t qtype, struct zl_dns_answer *ans)
{
	const struct zl_node *seen[ZL_DNS_MAX_CNAME_CHAIN + 1];
	struct zl_dns_answer a = { ZL_DNS_NXDOMAIN, NULL, NULL, 0 };
	const uint8_t *cur = name;
	uint8_t target[ZL_RR_RDATA_MAX];	/* a CNAME's target, when rebuilt */

	for (;;) {
		const struct zl_node *n = zl_db_find(d->db, cur);
		const struct zl_rrset *set, *cname;

		if (!n)	/* a wildcard's synthesised answer (RFC 4592) */
			n = zl_db_wildcard(d->db, cur, UINT_MAX);
		if (times_out(d, cur, n, qtype)) {
			a.status = ZL_DNS_TIMEOUT;
			a.owner = n;
			break;
		}
		if (!n) {
			a.status = ZL_DNS_NXDOMAIN;
			break;
		}
		a.owner = n;
		set = zl_node_rrset(n, qtype, ZL_DNS_CLASS_IN);
		if (set && zl_rrset_first(set)) {
			a.status = ZL_DNS_NOERROR;
			a.rrset = set;
			break;
		}
		cname = qtype == ZL_DNS_TYPE_CNAME ? NULL :
			zl_node_rrset(n, ZL_DNS_TYPE_CNAME, ZL_DNS_CLASS_IN);
		if (!cname || !zl_rrset_first(cname)) {
			a.status = ZL_DNS_NODATA;
			break;
		}
		seen[a.cnames] = n;
		if (a.cnames == ZL_DNS_MAX_CNAME_CHAIN) {
			a.status = ZL_DNS_CNAME_LOOP;
			break;
		}
		a.cnames++;
		cur = zl_rr_rdata(zl_rrset_first(cname), target);	/* the target, wire form */
		for (unsigned k = 0; k < a.cnames; k++) {
			if (zl_node_is(seen[k], cur, zl_name_wire_len(cur))) {
				a.status = ZL_DNS_CNAME_LOOP;
				goto done;
			}
		}
	}
done:
	if (a.status != ZL_DNS_NOERROR)
		a.rrset = NULL;
	if (ans)
		*ans = a;
	return a.status;
}

/* Identical RRs (RFC 2181 5); contract in zonedns.h. */
bool zl_dns_rr_same(const struct zl_rr *a, const struct zl_rr *b)
{
	uint8_t ba[ZL_RR_RDATA_MAX], bb[ZL_RR_RDATA_MAX];
	size_t len = zl_rr_rdlen(a);

	return a->type == b->type && len == zl_rr_rdlen(b) &&
	       (len == 0 || memcmp(zl_rr_rdata(a, ba), zl_rr_rdata(b, bb), len) == 0);
}

/* Status names for traces; contract in zonedns.h. */
const char *zl_dns_status_name(enum zl_dns_status s)
{
	switch (s) {
	case ZL_DNS_NOERROR:
		return "NOERROR";
	case ZL_DNS_NODATA:
		return "NODATA";
	case ZL_DNS_NXDOMAIN:
		return "NXDOMAIN";
	case ZL_DNS_TIMEOUT:
		return "TIMEOUT";
	case ZL_DNS_CNAME_LOOP:
		return "CNAME-LOOP";
	}
	return "?";
}

/* SPF text name -> wire (RFC 1035 2.3.4 limits); contract in zonedns.h. */
bool zl_dns_name_from_spf(const char *txt, size_t len, uint8_t *out)
{
	size_t o = 1, lab = 0, i;

	if (len > 0 && txt[len - 1] == '.')
		len--;		/* one trailing dot: the name is absolute anyway */
	if (len == 0)
		return false;
	out[0] = 0;
	for (i = 0; i < len; i++) {
		if (txt[i] == '.') {
			if (out[lab] == 0)
				return false;		/* empty label */
			lab = o;
			if (o >= ZL_NAME_MAX - 1)
				return false;
			out[o++] = 0;
			continue;
		}
		if (out[lab] == ZL_LABEL_MAX || o >= ZL_NAME_MAX - 1)
			return false;			/* long label or long name */
		out[o++] = (uint8_t)txt[i];
		out[lab]++;
	}
	if (out[lab] == 0)
		return false;
	out[o] = 0;
	return true;
}

/* Wire -> SPF text name; contract in zonedns.h. */
size_t zl_dns_name_to_spf(const uint8_t *wire, char *out, size_t cap)
{
	size_t o = 0;

	if (cap == 0)
		return 0;
	while (*wire) {
		uint8_t n = *wire++;

		if (o > 0 && o + 1 < cap)
			out[o++] = '.';
		for (uint8_t k = 0; k < n && o + 1 < cap; k++)
			out[o++] = (char)wire[k];
		wire += n;
	}
	out[o] = '\0';
	return o;
}
