/* record.c - --syntax-only: the rules that need one record alone, run on each record as it is read, and the list of the rules that run in that mode. */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "spf_rules.h"
#include "zonecheck.h"

/*
 * Every rule that runs with --syntax-only: those the parser, the
 * named.conf reader and the inline directives report, and those checked
 * below on one record.  The rest compare records with each other (an
 * RRset, a name, the apex, targets, include chains, a previous version)
 * and need the whole zone in memory.
 */
static const enum zl_rule syntax_only[] = {
	/* the parser */
	ZL_RULE_zone_syntax, ZL_RULE_zone_include_missing, ZL_RULE_zone_name_length,
	ZL_RULE_zone_name_character, ZL_RULE_zone_origin_relative,
	ZL_RULE_zonelint_limit,
	/* one record, below, and the zone's SOA as the records go by */
	ZL_RULE_zone_soa, ZL_RULE_zone_soa_values, ZL_RULE_zone_owner_repeats_origin,
	ZL_RULE_zone_wildcard, ZL_RULE_zone_out_of_zone, ZL_RULE_zone_hostname,
	ZL_RULE_zone_svcb_dohpath, ZL_RULE_zone_target_missing_dot,
	ZL_RULE_zone_target_address,
	ZL_RULE_txt_unquoted, ZL_RULE_txt_semicolon,
	ZL_RULE_spf_syntax, ZL_RULE_spf_version, ZL_RULE_spf_ptr,
	ZL_RULE_spf_missing_all, ZL_RULE_spf_permissive_all,
	ZL_RULE_spf_string_join, ZL_RULE_spf_redirect_ignored,
	ZL_RULE_spf_terms_after_all, ZL_RULE_spf_cidr_host_bits,
	ZL_RULE_spf_ip_family, ZL_RULE_spf_record_too_long, ZL_RULE_spf_non_ascii,
	/* inline directives, --named-conf */
	ZL_RULE_zonelint_unused_directive,
	ZL_RULE_conf_syntax, ZL_RULE_conf_include_missing,
	ZL_RULE_conf_directory_missing, ZL_RULE_conf_zone_invalid,
	ZL_RULE_conf_zone_duplicate, ZL_RULE_conf_zone_no_file,
	ZL_RULE_conf_zone_file_missing,
};

bool zl_rule_syntax_only(enum zl_rule rule)
{
	for (size_t i = 0; i < sizeof(syntax_only) / sizeof(syntax_only[0]); i++)
		if (syntax_only[i] == rule)
			return true;
	return false;
}

struct zl_rr_checks {
	struct zl_zone *z;
	struct zl_sink *sink;
	struct zl_arena scratch;	/* the record's zl_rr, reset per record */
	struct spfctx spf;		/* its arena reset per record */
	uint8_t prev_owner[ZL_NAME_MAX]; /* owner of the previous record */
	size_t prev_len;		/* its octets */
	bool have_prev;
	struct zl_owner_run run;	/* what is known of prev_owner: its
					 * zc_in_zone() ... */
	const uint8_t *in_zone_of;	/* ... with this z->origin (it may come
					 * between two records of one owner) */
	struct zl_arena soa_mem;	/* holds soa: one record, kept to the end */
	const struct zl_rr *soa;	/* the first SOA at the apex (NULL: none yet) */
	const struct zl_rr *pending;	/* the first SOA read before the origin was
					 * known, placed when it is (in soa_mem) */
	bool soa_unplaced;		/* more SOA records than that one were read
					 * before the origin was known: not kept */
	struct zl_buf ta, tb;		/* scratch for comparing two SOA RDATA */
};

struct zl_rr_checks *zl_rr_checks_new(struct zl_zone *z, struct zl_sink *sink)
{
	struct zl_rr_checks *c = zl_xmalloc(sizeof(*c));

	memset(c, 0, sizeof(*c));
	c->z = z;
	c->sink = sink;
	zl_arena_init(&c->scratch);
	zl_arena_init(&c->soa_mem);
	c->soa_mem.first = 4096;	/* one SOA: a name, two names in RDATA, 20 octets */
	spf_ctx_init_alone(&c->spf, sink);
	return c;
}

void zl_rr_checks_record(struct zl_rr_checks *c, const struct zl_record *rec)
{
	const struct zl_zone *z = c->z;
	struct zl_rr *rr = zl_rr_scratch(&c->scratch, c->z, rec);
	const uint8_t *owner = zl_rr_owner(rr)->prefix;	/* a scratch node: the whole name */
	/* a name's first record: the first of a run of records of one owner
	 * (mostly spelt alike: octets are compared before case is folded) */
	bool first = !c->have_prev || c->prev_len != rec->owner_len ||
		     (memcmp(owner, c->prev_owner, rec->owner_len) != 0 &&
		      !zl_name_equal(owner, c->prev_owner));

	if (first) {
		memcpy(c->prev_owner, owner, rec->owner_len);
		c->prev_len = rec->owner_len;
		c->have_prev = true;
		c->run.host = -1;
	}
	if (first || c->in_zone_of != z->origin) {	/* once per owner */
		c->run.in_zone = zc_in_zone(z, owner);
		c->in_zone_of = z->origin;
	}
	/* in the order the families of zl_rules_run() report */
	if (rr->type == ZC_SOA && !z->origin) {
		/* the first one is kept and placed once the origin is known
		 * (zl_rr_checks_origin()); the next ones are not */
		if (c->pending)
			c->soa_unplaced = true;
		else
			c->pending = zl_rr_scratch(&c->soa_mem, c->z, rec);
	}
	if ((first || rr->type == ZC_SOA) && c->run.in_zone) {
		/* after an SOA that could not be placed, the first at the
		 * apex may be that one: none read later is taken for it */
		if (rr->type == ZC_SOA &&
		    zl_check_soa_rr(z, rr, zl_name_equal(owner, z->origin), c->soa,
				    &c->ta, &c->tb, c->sink) && !c->soa && !c->soa_unplaced) {
			/* kept whole, for the next SOA's comparison and its "first at" */
			c->soa = zl_rr_scratch(&c->soa_mem, c->z, rec);
			zl_check_soa_values(rr, c->sink);
		}
		if (first)
			zl_check_owner_name(z, rr, owner, c->sink);
	}
	if (z->origin)
		zl_check_rr_alone(z, rr, &c->run, c->sink);
	zl_check_txt_rr(rr, c->sink);
	spf_check_alone(&c->spf, rr);
	zl_arena_reset(&c->spf.mem);
	zl_arena_reset(&c->scratch);
}

void zl_rr_checks_origin(struct zl_rr_checks *c)
{
	const struct zl_zone *z = c->z;
	const struct zl_rr *p = c->pending;

	if (!p || !z->origin)
		return;
	/* the first SOA of the zone in reading order: the loaded zone's
	 * check sees it first too */
	const uint8_t *owner = zl_rr_owner(p)->prefix;	/* a scratch node: the whole name */
	if (zc_in_zone(z, owner) &&
	    zl_check_soa_rr(z, p, zl_name_equal(owner, z->origin), NULL, &c->ta, &c->tb,
			    c->sink)) {
		c->soa = p;
		zl_check_soa_values(p, c->sink);
	}
}

void zl_rr_checks_end(struct zl_rr_checks *c)
{
	/* the other SOA records read before the origin was known may be
	 * the apex's: the loaded zone would know, this pass cannot, so it
	 * says nothing of an apex without one (a zone with no origin at
	 * all is still reported) */
	if (!c->z->origin || c->soa || !c->soa_unplaced)
		zl_check_soa_end(c->z, c->soa != NULL, c->sink);
}

void zl_rr_checks_free(struct zl_rr_checks *c)
{
	if (!c)
		return;
	spf_ctx_free(&c->spf);
	zl_arena_free(&c->scratch);
	zl_arena_free(&c->soa_mem);
	zl_buf_free(&c->ta);
	zl_buf_free(&c->tb);
	free(c);
}
