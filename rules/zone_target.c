/* zone_target.c - rules about each record of a zone and the names in its RDATA: out-of-zone data, host names, MX/NS/SRV targets, missing trailing dots, delegations and glue (RFC 1034, RFC 1123, RFC 2181 section 10.3). */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "zonecheck.h"

/* What the checks of an NS, MX or SRV target learn from its name alone, in zone z. */
struct target_facts {
	bool in_zone;
	const char *why;		/* zc_missing_dot() when in zone, else NULL */
	bool address;			/* zc_looks_like_address() */
	bool host;			/* zc_is_hostname(t, false) */
	const struct zl_node *node;	/* zl_db_find() (with db only) */
};

/*
 * The facts of targets met before, by their wire form: a big zone names
 * a few mail exchanges and name servers thousands of times.
 * Direct-mapped; a slot that is taken by another name is overwritten.
 */
#define MEMO_SLOTS 256
struct target_memo {
	const struct zl_zone *z;	/* the zone the facts are of; NULL: empty */
	size_t len;			/* octets of wire */
	uint8_t wire[ZL_NAME_MAX];
	struct target_facts f;
};

/* Scratch shared by the checks of one zone. */
struct rrctx {
	const struct zl_db *db;		/* NULL: one record alone (--syntax-only) */
	const struct zl_zone *z;
	struct zl_sink *sink;
	struct zc_placer place;		/* zc_place() of the names looked at, with db */
	/* with db: whether host_owner, the owner last looked at by
	 * check_owner_hostname(), is a host name (a node's records are
	 * mostly read one after the other: A, then AAAA, then MX) */
	const struct zl_node *host_owner;
	bool host_ok;
	struct zl_owner_run *run;	/* without db: the facts of the owner's
					 * run of records (zl_check_rr_alone()) */
	size_t olen;			/* octets of z's origin; 0: not known */
	bool origin_host;		/* zc_is_hostname(z->origin, false) */
	struct target_memo *memo;	/* with db: nmemo facts, of any zone */
	size_t nmemo;			/* a power of two, at most MEMO_SLOTS */
	struct target_facts tf_own;	/* without: the facts of the last target */
	const struct zl_node *spelt;	/* the node whose name is in wire (NULL: none) */
	uint8_t wire[ZL_NAME_MAX];
	uint8_t rdata[ZL_RR_RDATA_MAX];	/* the RDATA of the RR checked, when
					 * rebuilt (zl_rr_rdata()): valid
					 * until the next RR */
	char owner[ZL_NAME_TEXT_MAX];
	char tname[ZL_NAME_TEXT_MAX];
	char type[16];
};

/*
 * n's name in wire form (zl_node_name()), spelt once for the records of
 * a node read one after the other.  Valid until the next call.
 */
static const uint8_t *owner_wire(struct rrctx *c, const struct zl_node *n)
{
	if (!n->suffix)
		return n->prefix;
	if (n != c->spelt) {
		zl_node_spell(n, c->wire);
		c->spelt = n;
	}
	return c->wire;
}

/* Owners whose PTR targets named's check-names reads as host names: reverse zones, except DNS-SD browse names (RFC 6763 section 11). */
static bool ptr_target_is_host(const uint8_t *owner)
{
	static const uint8_t inaddr[] = "\7in-addr\4arpa";
	static const uint8_t ip6[] = "\3ip6\4arpa";

	if (!zl_name_is_subdomain(owner, inaddr) && !zl_name_is_subdomain(owner, ip6))
		return false;
	const uint8_t *l1 = owner + *owner + 1;
	if (!*owner || !*l1)
		return true;
	const uint8_t *l2 = l1 + *l1 + 1;
	static const char *const browse[] = { "b", "db", "r", "dr", "lb" };
	bool is_browse = false;
	for (size_t i = 0; i < sizeof(browse) / sizeof(browse[0]); i++)
		if (owner[0] == strlen(browse[i]) &&
		    strncasecmp((const char *)owner + 1, browse[i], owner[0]) == 0)
			is_browse = true;
	if (is_browse && l1[0] == 7 && strncasecmp((const char *)l1 + 1, "_dns-sd", 7) == 0 &&
	    l2[0] == 4 && strncasecmp((const char *)l2 + 1, "_udp", 4) == 0)
		return false;
	return true;
}

static bool spf_label(const uint8_t *l)
{
	static const char *const spf[] = { "_spf", "_spf_rate", "_spf_verify" };
	for (size_t i = 0; i < sizeof(spf) / sizeof(spf[0]); i++)
		if (l[0] == strlen(spf[i]) && strncasecmp((const char *)l + 1, spf[i], l[0]) == 0)
			return true;
	return false;
}

/*
 * Owner names named's check-names accepts besides host names:
 * "gc._msdcs.<host name>" (Active Directory) for A and AAAA, and for A
 * a first or second label "_spf", "_spf_rate" or "_spf_verify" (names
 * used by SPF exists: terms).
 */
static bool owner_exception(const uint8_t *owner, uint16_t type)
{
	if (!*owner)
		return false;
	const uint8_t *l1 = owner + *owner + 1;
	if (type == ZC_A && (spf_label(owner) || (*l1 && spf_label(l1))))
		return true;
	if (!*l1)
		return false;
	const uint8_t *rest = l1 + *l1 + 1;
	return owner[0] == 2 && strncasecmp((const char *)owner + 1, "gc", 2) == 0 &&
	       l1[0] == 6 && strncasecmp((const char *)l1 + 1, "_msdcs", 6) == 0 &&
	       zc_is_hostname(rest, false);
}

/* zc_is_hostname(), without looking at the labels of the origin again. */
static bool is_host(const struct rrctx *c, const uint8_t *name, bool wildcard)
{
	if (!c->olen)
		return zc_is_hostname(name, wildcard);
	return zc_is_hostname_in(name, wildcard, c->z->origin, c->olen, c->origin_host);
}

/* zone-hostname for the owner of A, AAAA and MX records (named's check-names). */
static void check_owner_hostname(struct rrctx *c, const struct zl_rr *rr)
{
	const uint8_t *o;

	if (rr->type == 50) {
		o = owner_wire(c, zl_rr_owner(rr));
		/* NSEC3: the first label is a base32hex hash (RFC 5155 section 3) */
		for (unsigned i = 1; i <= o[0]; i++) {
			int ch = o[i] | 32;
			if ((ch < '0' || ch > '9') && (ch < 'a' || ch > 'v')) {
				zl_report(c->sink, ZL_RULE_zone_hostname, zl_rr_file(rr), zl_rr_line(rr),
					  zl_rr_col(rr),
					  "bad owner name (check-names): the first label of NSEC3 owner %s must be a base32hex hash without padding (RFC 5155 section 3)",
					  zc_name(o, c->owner, sizeof(c->owner)));
				return;
			}
		}
		return;
	}
	if (rr->type != ZC_A && rr->type != ZC_AAAA && rr->type != ZC_MX)
		return;
	bool ok;
	o = NULL;		/* spelt only when needed: most owners are host names */
	if (c->db && c->host_owner == zl_rr_owner(rr)) {
		ok = c->host_ok;
	} else if (!c->db && c->run && c->run->host >= 0) {
		ok = c->run->host;
	} else if (c->db) {
		/* from the owner's node: its name is not spelt */
		ok = zc_node_is_hostname(c->z, zl_rr_owner(rr), true, c->origin_host);
		c->host_owner = zl_rr_owner(rr);
		c->host_ok = ok;
	} else {
		o = owner_wire(c, zl_rr_owner(rr));
		ok = is_host(c, o, true);
		if (c->run)
			c->run->host = ok;
	}
	if (ok)
		return;
	if (!o)
		o = owner_wire(c, zl_rr_owner(rr));
	if (rr->type != ZC_MX && owner_exception(o, rr->type))
		return;
	zl_report(c->sink, ZL_RULE_zone_hostname, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
		  "bad owner name (check-names): %s owns %s records, so it must be a host name of letters, digits and inner hyphens (RFC 952, RFC 1123 section 2.1)",
		  zc_name(o, c->owner, sizeof(c->owner)), zl_type_name(rr->type, c->type, sizeof(c->type)));
}

/* zone-hostname for a name in RDATA that is no host name. */
static void report_target_hostname(struct rrctx *c, const struct zl_rr *rr,
				   const uint8_t *t, const char *what)
{
	zl_report(c->sink, ZL_RULE_zone_hostname, zl_rr_file(rr), zl_rr_rdata_line(rr), zl_rr_rdata_col(rr),
		  "bad name (check-names): %s %s is not a host name of letters, digits and inner hyphens (RFC 952, RFC 1123 section 2.1)",
		  what, zc_name(t, c->tname, sizeof(c->tname)));
}

/* zone-hostname for a name in RDATA. */
static void check_target_hostname(struct rrctx *c, const struct zl_rr *rr,
				  const uint8_t *t, const char *what)
{
	if (!is_host(c, t, false))
		report_target_hostname(c, rr, t, what);
}

/* zone-target-missing-dot for name t of the RDATA, which zc_missing_dot() finds missing a dot for why. */
static void report_missing_dot(struct rrctx *c, const struct zl_rr *rr,
			       const uint8_t *t, const char *what, const char *why)
{
	char rel[ZL_NAME_TEXT_MAX];

	zc_relative_text(t, c->z->origin, rel, sizeof(rel));
	zl_report(c->sink, ZL_RULE_zone_target_missing_dot, zl_rr_file(rr), zl_rr_rdata_line(rr),
		  zl_rr_rdata_col(rr),
		  "%s %s: \"%s\" %s but has no trailing dot, so the origin was appended; write \"%s.\"",
		  what, zc_name(t, c->tname, sizeof(c->tname)), rel, why, rel);
}

/* zone-target-missing-dot for one name of the RDATA; true if it fired. */
static bool check_missing_dot(struct rrctx *c, const struct zl_rr *rr,
			      const uint8_t *t, const char *what)
{
	if (!zc_in_zone(c->z, t))
		return false;
	const char *why = zc_missing_dot(t, c->z->origin);
	if (why)
		report_missing_dot(c, rr, t, what, why);
	return why != NULL;
}

/* The facts of target t, from the memory when there is one (with db). */
static const struct target_facts *target_facts(struct rrctx *c, const uint8_t *t)
{
	struct target_facts *f = &c->tf_own;
	struct target_memo *m = NULL;
	size_t len = zl_name_wire_len(t);

	if (c->memo) {
		/* slot from the length and the first and last 8 octets */
		uint64_t a = 0, b = 0;
		size_t k = len < 8 ? len : 8;
		memcpy(&a, t, k);
		memcpy(&b, t + len - k, k);
		uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ (b + len) * 0xc2b2ae3d27d4eb4full;
		m = &c->memo[(h >> 32) & (c->nmemo - 1)];
		if (m->z == c->z && m->len == len && memcmp(m->wire, t, len) == 0)
			return &m->f;
		f = &m->f;
	}
	f->in_zone = zc_in_zone(c->z, t);
	f->why = f->in_zone ? zc_missing_dot(t, c->z->origin) : NULL;
	f->address = zc_looks_like_address(t, c->z->origin);
	f->host = is_host(c, t, false);
	f->node = c->db ? zl_db_find(c->db, t) : NULL;
	if (m) {
		memcpy(m->wire, t, len);
		m->len = len;
		m->z = c->z;
	}
	return f;
}

/* The names in SOA RDATA: MNAME host name, RNAME mailbox (first label free). */
static void check_soa_names(struct rrctx *c, const struct zl_rr *rr)
{
	const uint8_t *mname = rr->data;	/* SOA: never cut (zl_rr_tail_name_at()) */
	size_t ml = zl_name_wire_len(mname);
	if (ml >= rr->dlen)
		return;
	const uint8_t *rname = mname + ml;
	check_missing_dot(c, rr, mname, "SOA MNAME");
	check_missing_dot(c, rr, rname, "SOA RNAME");
	check_target_hostname(c, rr, mname, "SOA MNAME");
	if (*rname)
		check_target_hostname(c, rr, rname + *rname + 1, "SOA RNAME domain");
}

/* zone-target-cname, zone-target-address, zone-target-no-address for MX, NS and SRV. */
static void check_server_target(struct rrctx *c, const struct zl_rr *rr,
				const uint8_t *t, const struct target_facts *f)
{
	const struct zl_node *n = f->node;
	/* the names in the messages are made only when one is reported */
	const char *tn, *ty;

	if (zc_rrset(n, ZC_CNAME)) {
		tn = zc_name(t, c->tname, sizeof(c->tname));
		ty = zl_type_name(rr->type, c->type, sizeof(c->type));
		zl_report_sev(c->sink, ZL_RULE_zone_target_cname,
			      rr->type == ZC_SRV ? ZL_WARNING : ZL_ERROR, zl_rr_file(rr),
			      zl_rr_rdata_line(rr), zl_rr_rdata_col(rr),
			      "%s target %s is a CNAME (illegal); %s must name a host with address records (RFC 2181 section 10.3)",
			      ty, tn, ty);
		return;
	}
	if (rr->type == ZC_NS || !*t || !f->in_zone)
		return;
	if (zc_has_address(n))
		return;
	struct zc_place pl;
	zc_place_cached(&c->place, c->z, t, &pl);
	if (pl.cut || pl.dname)
		return;
	if (n && n != c->z->apex && zc_rrset(n, ZC_NS))
		return;
	const struct zl_node *wc = zc_wildcard_for(c->db, c->z, t);
	if (wc && zc_has_address(wc))
		return;
	tn = zc_name(t, c->tname, sizeof(c->tname));
	ty = zl_type_name(rr->type, c->type, sizeof(c->type));
	zl_report(c->sink, ZL_RULE_zone_target_no_address, zl_rr_file(rr), zl_rr_rdata_line(rr),
		  zl_rr_rdata_col(rr),
		  "%s target %s has no address records (A or AAAA) in the zone; add them or point the %s at a host that has them",
		  ty, tn, ty);
}

/* zone-missing-glue: NS records of a delegation (owner below the apex, not itself below a cut). */
static void check_delegation(struct rrctx *c, const struct zl_rr *rr,
			     const uint8_t *t, const struct target_facts *f)
{
	char dn[ZL_NAME_TEXT_MAX];
	const struct zl_node *owner = zl_rr_owner(rr), *n = f->node;

	if (!f->in_zone || zc_rrset(n, ZC_CNAME))
		return;
	struct zc_place opl;
	const uint8_t *ow = owner_wire(c, owner);
	if (!zc_node_place(c->z, owner, &opl))
		zc_place_cached(&c->place, c->z, ow, &opl);
	if (opl.cut || opl.dname)
		return;		/* occluded delegation: not served */
	if (zl_name_is_subdomain(t, ow)) {
		if (zc_has_address(n))
			return;
		const struct zl_node *wc = zc_wildcard_for(c->db, c->z, t);
		zc_name(t, c->tname, sizeof(c->tname));
		zc_name(ow, dn, sizeof(dn));
		uint8_t wwire[ZL_NAME_MAX];
		if (wc && zc_has_address(wc) && zl_name_is_subdomain(zl_node_name(wc, wwire), ow)) {
			zl_report_sev(c->sink, ZL_RULE_zone_missing_glue, ZL_WARNING,
				      zl_rr_file(rr), zl_rr_rdata_line(rr), zl_rr_rdata_col(rr),
				      "glue for %s (delegation %s) comes only from a wildcard; named does not use wildcards for glue, add its A/AAAA records",
				      c->tname, dn);
			return;
		}
		zl_report(c->sink, ZL_RULE_zone_missing_glue, zl_rr_file(rr), zl_rr_rdata_line(rr),
			  zl_rr_rdata_col(rr),
			  "%s NS %s has no glue: the name server is inside the delegated zone, so add its A/AAAA records here (RFC 1034 section 4.2.1)",
			  dn, c->tname);
		return;
	}
	if (zc_has_address(n) || (n && n != c->z->apex && zc_rrset(n, ZC_NS)))
		return;		/* addresses, or sibling glue: not required */
	struct zc_place pl;
	zc_place_cached(&c->place, c->z, t, &pl);
	if (pl.cut || pl.dname)
		return;		/* occluded: not required */
	const struct zl_node *wc = zc_wildcard_for(c->db, c->z, t);
	if (wc && zc_has_address(wc))
		return;
	zc_name(t, c->tname, sizeof(c->tname));
	zc_name(ow, dn, sizeof(dn));
	zl_report(c->sink, ZL_RULE_zone_missing_glue, zl_rr_file(rr), zl_rr_rdata_line(rr),
		  zl_rr_rdata_col(rr),
		  "%s NS %s has no address records (A or AAAA) in this zone, so resolvers cannot reach the delegated servers; add them",
		  dn, c->tname);
}

/* Leftmost labels "_dns" or "_<port>._dns" (RFC 9461 section 2). */
static bool dns_svcb_owner(const uint8_t *o)
{
	if (o[0] == 4 && strncasecmp((const char *)o + 1, "_dns", 4) == 0)
		return true;
	if (o[0] < 2 || o[1] != '_')
		return false;
	for (unsigned i = 2; i <= o[0]; i++)
		if (o[i] < '0' || o[i] > '9')
			return false;
	const uint8_t *l1 = o + o[0] + 1;
	return l1[0] == 4 && strncasecmp((const char *)l1 + 1, "_dns", 4) == 0;
}

/*
 * An alpn-id (or, as BIND reads an escaped comma, several joined by ",")
 * naming an HTTP version: http/1.1, h2, h3 (RFC 9461 section 5).
 */
static bool http_alpn(const uint8_t *id, size_t len)
{
	size_t i = 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && id[j] != ',')
			j++;
		size_t n = j - i;
		if ((n == 2 && (memcmp(id + i, "h2", 2) == 0 || memcmp(id + i, "h3", 2) == 0)) ||
		    (n == 8 && memcmp(id + i, "http/1.1", 8) == 0))
			return true;
		i = j + 1;
	}
	return false;
}

/* zone-svcb-dohpath: RFC 9461 section 5 for ServiceMode SVCB at _dns names. */
static void check_svcb_dns(struct rrctx *c, const struct zl_rr *rr)
{
	/* SVCB: never cut (zl_rr_tail_name_at()) */
	const uint8_t *p = rr->data, *end = rr->data + rr->dlen;

	if (rr->type != ZC_SVCB || rr->dlen < 3 || (p[0] == 0 && p[1] == 0) ||
	    !dns_svcb_owner(owner_wire(c, zl_rr_owner(rr))))
		return;
	p += 2;
	p += zl_name_wire_len(p);
	bool http = false, dohpath = false;
	while (p + 4 <= end) {
		unsigned key = (unsigned)p[0] << 8 | p[1], len = (unsigned)p[2] << 8 | p[3];
		const uint8_t *v = p + 4;
		if (v + len > end)
			return;
		if (key == 7)
			dohpath = true;
		if (key == 1) {
			for (const uint8_t *a = v; a < v + len && a + 1 + *a <= v + len; a += *a + 1)
				http = http || http_alpn(a + 1, *a);
		}
		p = v + len;
	}
	if (http && !dohpath)
		zl_report(c->sink, ZL_RULE_zone_svcb_dohpath, zl_rr_file(rr), zl_rr_rdata_line(rr),
			  zl_rr_rdata_col(rr),
			  "SVCB record not valid: alpn lists an HTTP protocol, so DNS-over-HTTPS needs dohpath (RFC 9461 section 5); add dohpath=/dns-query{?dns}");
	else if (dohpath && !http)
		zl_report(c->sink, ZL_RULE_zone_svcb_dohpath, zl_rr_file(rr), zl_rr_rdata_line(rr),
			  zl_rr_rdata_col(rr),
			  "SVCB record not valid: dohpath without an HTTP alpn (h2, h3 or http/1.1) is never used (RFC 9461 section 5); add alpn=h2");
}

/*
 * The checks of rr that need nothing but rr and the origin (c->db is not
 * read).  Returns the NS, MX or SRV target that check_server_target()
 * and check_delegation() look at next, or NULL when there is none or a
 * finding here already explains it.
 */
static const uint8_t *check_alone(struct rrctx *c, const struct zl_rr *rr)
{
	const uint8_t *t = zc_target(rr, c->rdata);

	check_owner_hostname(c, rr);
	check_svcb_dns(c, rr);
	switch (rr->type) {
	case ZC_SOA:
		check_soa_names(c, rr);
		return NULL;
	case ZC_NS:
	case ZC_MX:
	case ZC_SRV: {
		if (!t)
			return NULL;
		const char *what = rr->type == ZC_NS ? "NS" :
				   rr->type == ZC_MX ? "MX target" : "SRV target";
		const struct target_facts *f = target_facts(c, t);
		/* a missing dot explains the rest: no second finding for it */
		if (f->why) {
			report_missing_dot(c, rr, t, what, f->why);
			return NULL;
		}
		if (f->address) {
			const char *ty = zl_type_name(rr->type, c->type, sizeof(c->type));
			zl_report(c->sink, ZL_RULE_zone_target_address, zl_rr_file(rr),
				  zl_rr_rdata_line(rr), zl_rr_rdata_col(rr),
				  "%s target %s appears to be an address; %s must name a host with address records (RFC 1035 section 3.3)",
				  ty, zc_name(t, c->tname, sizeof(c->tname)), ty);
			return NULL;
		}
		if (!f->host)
			report_target_hostname(c, rr, t, what);
		return t;
	}
	case ZC_SVCB:
	case ZC_HTTPS:
		/* ServiceMode only: an AliasMode target is an alias, not a host */
		if (t && *t && (rr->data[0] | rr->data[1]))	/* never cut */
			check_target_hostname(c, rr, t,
					      rr->type == ZC_SVCB ? "SVCB target" : "HTTPS target");
		return NULL;
	case ZC_PTR:
		if (!t)
			return NULL;
		check_missing_dot(c, rr, t, "PTR");
		if (ptr_target_is_host(owner_wire(c, zl_rr_owner(rr))))
			check_target_hostname(c, rr, t, "PTR");
		return NULL;
	case ZC_CNAME:
	case ZC_DNAME:
		if (t)
			check_missing_dot(c, rr, t, rr->type == ZC_CNAME ? "CNAME" : "DNAME");
		return NULL;
	default:
		return NULL;
	}
}

/* zone-out-of-zone, then check_alone() for rr, whose owner is in c->z when in_zone. */
static const uint8_t *rr_alone(struct rrctx *c, const struct zl_rr *rr, bool in_zone)
{
	if (!in_zone) {
		char apex[ZL_NAME_TEXT_MAX];
		zl_report(c->sink, ZL_RULE_zone_out_of_zone, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
			  "ignoring out-of-zone data: %s is not in zone %s, so named drops this record; check the trailing dot or the origin",
			  zc_name(owner_wire(c, zl_rr_owner(rr)), c->owner, sizeof(c->owner)),
			  zc_name(c->z->origin, apex, sizeof(apex)));
		return NULL;
	}
	return check_alone(c, rr);
}

void zl_check_rr_alone(const struct zl_zone *z, const struct zl_rr *rr,
		       struct zl_owner_run *run, struct zl_sink *sink)
{
	struct rrctx c;

	c.db = NULL;
	c.z = z;
	c.sink = sink;
	c.olen = 0;
	c.memo = NULL;
	c.spelt = NULL;
	c.run = run;
	rr_alone(&c, rr, run->in_zone);
}

void zl_check_zone_records(const struct zl_db *db, struct zl_sink *sink,
			   struct zl_sink *txt, struct zc_cuts *cuts)
{
	struct rrctx c;

	memset(&c, 0, sizeof(c));
	c.db = db;
	c.sink = sink;
	zc_placer_init(&c.place, db, NULL);	/* cuts is not complete yet */
	/* a slot for each RR up to MEMO_SLOTS, each slot tagged with its
	 * zone, so the table is filled once: the full table is 18 pages, a
	 * page fault each, more than a small zone's whole check */
	c.nmemo = 16;
	while (c.nmemo < MEMO_SLOTS && c.nmemo < db->nrr)
		c.nmemo *= 2;
	c.memo = zl_xmalloc(c.nmemo * sizeof(*c.memo));
	for (size_t k = 0; k < c.nmemo; k++)
		c.memo[k].z = NULL;
	for (const struct zl_zone *z = db->zones; z; z = z->next) {
		struct zl_rr_walk walk;
		zl_zone_walk_begin(z, &walk);
		if (!z->origin) {
			for (const struct zl_rr *rr; (rr = zl_zone_walk_next(&walk));) {
				zl_check_txt_rr(rr, txt);
				if (rr->type == ZC_NS || rr->type == ZC_DNAME)
					zc_cuts_add(cuts, owner_wire(&c, zl_rr_owner(rr)));
			}
			zl_zone_walk_end(&walk);
			continue;
		}
		c.z = z;
		c.olen = zl_name_wire_len(z->origin);
		c.origin_host = zc_is_hostname(z->origin, false);
		/* the records of a node mostly follow each other: the owner's
		 * place in the zone is looked at once for them */
		const struct zl_node *owner = NULL;
		bool in_zone = false;
		for (const struct zl_rr *rr; (rr = zl_zone_walk_next(&walk));) {
			/* one walk for both: a record is read from memory once */
			zl_check_txt_rr(rr, txt);
			if (rr->type == ZC_NS || rr->type == ZC_DNAME)
				zc_cuts_add(cuts, owner_wire(&c, zl_rr_owner(rr)));
			if (zl_rr_owner(rr) != owner) {
				owner = zl_rr_owner(rr);
				int in = zc_node_in_zone(z, owner);
				in_zone = in > 0 || (in < 0 && zc_in_zone(z, owner_wire(&c, owner)));
			}
			const uint8_t *t = rr_alone(&c, rr, in_zone);
			if (!t)
				continue;
			/* the facts check_alone() found for t */
			const struct target_facts *f = target_facts(&c, t);
			check_server_target(&c, rr, t, f);
			if (rr->type == ZC_NS && zl_rr_owner(rr) != z->apex)
				check_delegation(&c, rr, t, f);
		}
		zl_zone_walk_end(&walk);
	}
	free(c.memo);
}
