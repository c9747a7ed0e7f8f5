/* zone_apex.c - the apex of each zone: zone-soa, zone-soa-values, zone-apex-ns (RFC 1035 section 5.2, RFC 1034 section 4.2.1, RFC 1912 section 2.2). */
#include <string.h>
#include <time.h>

#include "checks.h"
#include "zonecheck.h"

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Days in month m (1-12) of year y (Gregorian). */
static int month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* zone-soa-values: a serial of the form YYYYMMDDnn must be a real date, not in the future. */
static void check_serial(const struct zl_rr *rr, uint32_t serial,
			 struct zl_sink *sink)
{
	if (serial < 1900000000u || serial > 2099999999u)
		return;
	int y = (int)(serial / 1000000), m = (int)(serial / 10000 % 100);
	int d = (int)(serial / 100 % 100);
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m)) {
		zl_report(sink, ZL_RULE_zone_soa_values, zl_rr_file(rr), zl_rr_rdata_line(rr),
			  zl_rr_rdata_col(rr),
			  "SOA serial %u reads as date %04d-%02d-%02d, which does not exist; use YYYYMMDDnn with a real date",
			  serial, y, m, d);
		return;
	}
	/* one day of slack for time zones */
	time_t t = time(NULL) + 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	long tomorrow = (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	long date = (long)y * 10000 + m * 100 + d;
	if (date > tomorrow)
		zl_report(sink, ZL_RULE_zone_soa_values, zl_rr_file(rr), zl_rr_rdata_line(rr),
			  zl_rr_rdata_col(rr),
			  "SOA serial %u reads as date %04d-%02d-%02d, which is in the future; serials can only grow (RFC 1982), so a typo here is hard to undo",
			  serial, y, m, d);
}

void zl_check_soa_values(const struct zl_rr *rr, struct zl_sink *sink)
{
	const uint8_t *p = rr->data;	/* SOA: never cut (zl_rr_tail_name_at()) */
	size_t n = rr->dlen;

	/* mname, rname, then five 32-bit fields */
	size_t off = zl_name_wire_len(p);
	if (off >= n)
		return;
	off += zl_name_wire_len(p + off);
	if (off + 20 != n)
		return;
	uint32_t serial = get32(p + off), refresh = get32(p + off + 4);
	uint32_t retry = get32(p + off + 8), expire = get32(p + off + 12);
	uint32_t minimum = get32(p + off + 16);
	const char *f = zl_rr_file(rr);
	uint32_t l = zl_rr_rdata_line(rr), c = zl_rr_rdata_col(rr);

	check_serial(rr, serial, sink);
	if (refresh < 1200 || refresh > 86400)
		zl_report(sink, ZL_RULE_zone_soa_values, f, l, c,
			  "SOA refresh %u is %s; use 20 minutes to 1 day (RFC 1912 section 2.2, RIPE-203: 86400)",
			  refresh, refresh < 1200 ? "under 20 minutes" : "over a day");
	if (retry < 120)
		zl_report(sink, ZL_RULE_zone_soa_values, f, l, c,
			  "SOA retry %u is under 2 minutes; secondaries would hammer the primary (RIPE-203: 7200)",
			  retry);
	else if (retry >= refresh)
		zl_report(sink, ZL_RULE_zone_soa_values, f, l, c,
			  "SOA retry %u is not shorter than refresh %u; retry after a failure should come sooner than the next refresh (RFC 1912 section 2.2)",
			  retry, refresh);
	if (expire < 604800 || expire > 4838400)
		zl_report(sink, ZL_RULE_zone_soa_values, f, l, c,
			  "SOA expire %u is %s; use 1 to 8 weeks (RFC 1912 section 2.2: 2-4 weeks, RIPE-203: 1000 hours)",
			  expire, expire < 604800 ? "under a week" : "over 8 weeks");
	else if ((uint64_t)expire < (uint64_t)refresh + retry)
		zl_report(sink, ZL_RULE_zone_soa_values, f, l, c,
			  "SOA expire %u is shorter than refresh plus retry (%u + %u); secondaries would drop the zone before they retry",
			  expire, refresh, retry);
	if (minimum < 300 || minimum > 86400)
		zl_report(sink, ZL_RULE_zone_soa_values, f, l, c,
			  "SOA minimum (negative-caching TTL) %u is %s; use 5 minutes to 1 day (RFC 2308 section 5 suggests 1-3 hours)",
			  minimum, minimum < 300 ? "under 5 minutes" : "over a day");
}

bool zl_check_soa_rr(const struct zl_zone *z, const struct zl_rr *rr, bool at_apex,
		     const struct zl_rr *first, struct zl_buf *ta, struct zl_buf *tb,
		     struct zl_sink *sink)
{
	char owner[ZL_NAME_TEXT_MAX], apex[ZL_NAME_TEXT_MAX], at[ZL_NAME_TEXT_MAX + 16];

	if (!at_apex) {
		zl_report(sink, ZL_RULE_zone_soa, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
			  "SOA record not at top of zone: %s is below the apex %s; a zone has its one SOA at the origin (check $ORIGIN or -o)",
			  zl_node_text(zl_rr_owner(rr), owner, sizeof(owner)),
			  zc_name(z->origin, apex, sizeof(apex)));
		return false;
	}
	if (first && !zc_same_rdata(first, rr, ta, tb))
		zl_report(sink, ZL_RULE_zone_soa, zl_rr_file(rr), zl_rr_line(rr), zl_rr_col(rr),
			  "%s has a second, different SOA record (first at %s); a zone has exactly one, delete the other (RFC 1035 section 5.2)",
			  zc_name(z->origin, apex, sizeof(apex)),
			  zc_where(first, zl_rr_file(rr), at, sizeof(at)));
	return true;
}

void zl_check_soa_end(const struct zl_zone *z, bool seen, struct zl_sink *sink)
{
	char apex[ZL_NAME_TEXT_MAX];

	if (!z->origin) {
		/* nothing tells which zone this is: an empty file, only
		 * absolute names and no SOA, or SOA records only in $INCLUDE
		 * files, whose owners never set the origin (a failed origin
		 * is already reported, and so is a file that cannot be read);
		 * named cannot load it either */
		if (!z->origin_failed && !z->unreadable)
			zl_report(sink, ZL_RULE_zone_soa, zl_sink_intern(sink, z->file), 0, 0, "%s",
				  !z->nrr ? "the file has no records at all; a zone needs at least its SOA and NS records" :
				  !z->nsoa ? "no SOA record, and no $ORIGIN or -o to say which zone this is; named refuses to load it" :
					     "no $ORIGIN or -o says which zone this is, and an SOA in an $INCLUDE file does not set it (only one in the zone file itself does); give -o NAME, or a $ORIGIN line");
		return;
	}
	if (!seen)
		zl_report(sink, ZL_RULE_zone_soa, zl_sink_intern(sink, z->file), 0, 0,
			  "zone %s has no SOA record at its apex; named refuses to load it (add one, or check $ORIGIN or -o)",
			  zc_name(z->origin, apex, sizeof(apex)));
}

/* zone-soa and zone-soa-values over the loaded zone z, which has an origin. */
static void check_soa(const struct zl_zone *z, struct zl_sink *sink,
		      struct zl_buf *ta, struct zl_buf *tb)
{
	const struct zl_rr *first = NULL;

	/* When every SOA RR of the zone is in the apex RRset, that RRset
	 * in file order is all there is to check; otherwise walk the zone. */
	const struct zl_rrset *aset = zl_node_rrset(z->apex, ZC_SOA, 0);
	size_t at_apex = 0;
	for (const struct zl_rr *rr = aset ? zl_rrset_first(aset) : NULL; rr; rr = zl_rrset_rr_next(aset, rr))
		at_apex += zl_rr_zone(rr) == z;
	bool apex_only = at_apex == z->nsoa && (!aset || zl_rrset_count(aset) == at_apex);
	struct zl_rr_walk walk = { 0 };
	if (!apex_only)
		zl_zone_walk_begin(z, &walk);
	for (const struct zl_rr *rr = apex_only ? (aset ? zl_rrset_first(aset) : NULL) :
						  zl_zone_walk_next(&walk); rr;
	     rr = apex_only ? zl_rrset_rr_next(aset, rr) : zl_zone_walk_next(&walk)) {
		uint8_t wire[ZL_NAME_MAX];
		if (rr->type != ZC_SOA || !zc_in_zone(z, zl_node_name(zl_rr_owner(rr), wire)))
			continue;
		if (zl_check_soa_rr(z, rr, zl_rr_owner(rr) == z->apex, first, ta, tb, sink) &&
		    !first) {
			first = rr;
			zl_check_soa_values(rr, sink);
		}
	}
	zl_zone_walk_end(&walk);
	zl_check_soa_end(z, first != NULL, sink);
}

/* zone-apex-ns: NS at the apex, and addresses for the in-zone name servers. */
static void check_apex_ns(const struct zl_db *db, const struct zl_zone *z,
			  struct zl_sink *sink)
{
	char apex[ZL_NAME_TEXT_MAX], tname[ZL_NAME_TEXT_MAX], dn[ZL_NAME_TEXT_MAX];
	bool any = false;

	zc_name(z->origin, apex, sizeof(apex));
	const struct zl_rrset *set = zc_rrset(z->apex, ZC_NS);
	for (const struct zl_rr *rr = set ? zl_rrset_first(set) : NULL; rr; rr = zl_rrset_rr_next(set, rr)) {
		if (zl_rr_zone(rr) != z)
			continue;
		any = true;
		uint8_t buf[ZL_RR_RDATA_MAX];
		const uint8_t *t = zc_target(rr, buf);
		if (!t || !zc_in_zone(z, t) || zc_looks_like_address(t, z->origin))
			continue;	/* zone-target-address says it */
		struct zc_place pl;
		zc_place(db, z, t, &pl);
		const struct zl_node *tn = zl_db_find(db, t);
		if (pl.cut || (tn && tn != z->apex && zc_rrset(tn, ZC_NS)))
			continue;	/* served by a child zone: its glue is checked there */
		zc_name(t, tname, sizeof(tname));
		if (pl.dname) {
			zl_report(sink, ZL_RULE_zone_apex_ns, zl_rr_file(rr), zl_rr_rdata_line(rr),
				  zl_rr_rdata_col(rr),
				  "NS %s is below the DNAME at %s, so it cannot be resolved (RFC 6672 section 2.3); name a server outside the DNAME's subtree",
				  tname, zl_node_text(pl.dname, dn, sizeof(dn)));
			continue;
		}
		if (zc_rrset(tn, ZC_CNAME))
			continue;	/* zone-target-cname */
		if (zc_has_address(tn))
			continue;
		const struct zl_node *wc = zc_wildcard_for(db, z, t);
		if (wc && zc_has_address(wc))
			continue;
		zl_report(sink, ZL_RULE_zone_apex_ns, zl_rr_file(rr), zl_rr_rdata_line(rr), zl_rr_rdata_col(rr),
			  "NS %s has no address records (A or AAAA) in the zone, so nobody can reach this name server; add them (RFC 1034 section 4.2.1)",
			  tname);
	}
	if (!any) {
		const struct zl_rrset *soa = zc_rrset(z->apex, ZC_SOA);
		const struct zl_rr *at = soa ? zl_rrset_first(soa) : NULL;
		if (at)
			zl_report(sink, ZL_RULE_zone_apex_ns, zl_rr_file(at), zl_rr_line(at), zl_rr_col(at),
				  "zone %s has no NS records at its apex; list its name servers there (RFC 1034 section 4.2.1)",
				  apex);
		else
			zl_report(sink, ZL_RULE_zone_apex_ns, zl_sink_intern(sink, z->file), 0, 0,
				  "zone %s has no NS records at its apex; list its name servers there (RFC 1034 section 4.2.1)",
				  apex);
	}
}

void zl_check_zone_apex(const struct zl_db *db, struct zl_sink *sink)
{
	struct zl_buf ta = { 0 }, tb = { 0 };

	for (const struct zl_zone *z = db->zones; z; z = z->next) {
		if (!z->origin) {
			zl_check_soa_end(z, false, sink);
			continue;
		}
		check_soa(z, sink, &ta, &tb);
		check_apex_ns(db, z, sink);
	}
	zl_buf_free(&ta);
	zl_buf_free(&tb);
}
