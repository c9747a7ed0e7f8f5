/* zonedns.h - a closed-world DNS resolver over loaded zone data: the files are the whole DNS (RFC 1034 section 4.3.2, RFC 2308). */
#ifndef ZL_ZONEDNS_H
#define ZL_ZONEDNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zone.h"

/* RR type numbers the resolver and the SPF evaluator use (IANA). */
enum {
	ZL_DNS_TYPE_A = 1,
	ZL_DNS_TYPE_CNAME = 5,
	ZL_DNS_TYPE_PTR = 12,
	ZL_DNS_TYPE_MX = 15,
	ZL_DNS_TYPE_TXT = 16,
	ZL_DNS_TYPE_AAAA = 28,
	ZL_DNS_TYPE_SPF = 99,
};

#define ZL_DNS_CLASS_IN 1
#define ZL_DNS_MAX_CNAME_CHAIN 16	/* CNAMEs followed for one query */

/* Outcome of one query. */
enum zl_dns_status {
	ZL_DNS_NOERROR,		/* RRs of the asked type (possibly after CNAMEs) */
	ZL_DNS_NODATA,		/* the name exists, no RRs of that type (RFC 2308 section 2.2) */
	ZL_DNS_NXDOMAIN,	/* the name is in no loaded file (RFC 2308 section 2.1) */
	ZL_DNS_TIMEOUT,		/* a test directive says this query times out */
	ZL_DNS_CNAME_LOOP,	/* the CNAME chain loops or is too long: no answer */
};

/* One "timeout" test directive. */
struct zl_dns_timeout {
	uint8_t name[255];	/* wire form, absolute */
	uint16_t types[16];	/* types that time out; none = every type without data */
	unsigned ntypes;
};

/*
 * The resolver: the loaded data plus the test directives that were
 * registered.  Reads db only; never modifies it.
 */
struct zl_dns {
	const struct zl_db *db;
	struct zl_dns_timeout *timeouts; /* heap, ntimeouts entries */
	size_t ntimeouts, cap;
};

/* An answer.  Pointers point into the db and stay valid as long as it. */
struct zl_dns_answer {
	enum zl_dns_status status;
	const struct zl_rrset *rrset;	/* NOERROR: the RRset (class IN); else NULL */
	const struct zl_node *owner;	/* node that answered (last of the chain); NULL on NXDOMAIN */
	unsigned cnames;		/* CNAMEs followed */
};

/* Prepare a resolver over db (which must outlive it); no directives yet. */
void zl_dns_init(struct zl_dns *d, const struct zl_db *db);

/* Free the directive registry; db is not touched. */
void zl_dns_free(struct zl_dns *d);

/*
 * Register "queries for name (wire, absolute) time out": for the ntypes
 * types listed (at most 16), or when ntypes is 0 for every type that has
 * no RRset at that name and is not answered by a CNAME there.  The name
 * is compared case-insensitively (RFC 4343).  Returns false when ntypes
 * is over 16 (nothing registered).
 */
bool zl_dns_add_timeout(struct zl_dns *d, const uint8_t *name,
			const uint16_t *types, unsigned ntypes);

/*
 * Parse and register one test-directive comment, text[0..len) from its
 * ";" (as the parser's on_comment callback hands it over):
 *     ; zonelint-test: timeout <absolute-name> [<TYPE>...]
 * Returns 1 when a directive was registered, 0 when the comment is not a
 * "zonelint-test:" comment (ignore it), -1 when it is one but malformed:
 * *err then holds a static lower-case message.
 */
int zl_dns_parse_directive(struct zl_dns *d, const char *text, size_t len,
			   const char **err);

/*
 * Query name (wire, absolute) for qtype in class IN.  A name without
 * a node of its own is answered by the wildcard "*.<closest encloser>"
 * when there is one (RFC 4592 section 3.3.1; names with descendants exist
 * and get NODATA).  Follows CNAMEs
 * inside the data (at most ZL_DNS_MAX_CNAME_CHAIN; a loop gives
 * ZL_DNS_CNAME_LOOP, which callers treat as an empty answer).  Timeout
 * directives are checked at every name of the chain.  Fills *ans (may
 * be NULL) and returns its status.  The RRset may hold identical RRs
 * (files are loaded as written); callers that count RRs compare RDATA
 * (zl_dns_rr_same) to collapse them as DNS does.
 */
enum zl_dns_status zl_dns_query(const struct zl_dns *d, const uint8_t *name,
				uint16_t qtype, struct zl_dns_answer *ans);

/* True if two RRs have the same type and RDATA (RFC 2181 section 5: an RRset is a set). */
bool zl_dns_rr_same(const struct zl_rr *a, const struct zl_rr *b);

/* "NOERROR", "NODATA", "NXDOMAIN", "TIMEOUT", "CNAME-LOOP" */
const char *zl_dns_status_name(enum zl_dns_status s);

/*
 * Convert a domain name in SPF text form (labels separated by ".", no
 * escapes: every other octet is literal, one trailing "." allowed) into
 * wire form in out (ZL_NAME_MAX octets).  Returns false for an empty
 * name, an empty label, a label over 63 octets or a name over 255
 * octets: names that cannot be queried (RFC 1035 section 2.3.4).
 */
bool zl_dns_name_from_spf(const char *txt, size_t len, uint8_t *out);

/*
 * Write wire name as SPF text (labels joined by ".", octets as they are,
 * no trailing dot; "" for the root) into out (cap octets, NUL-ended,
 * truncated if too small).  Returns the length written.
 */
size_t zl_dns_name_to_spf(const uint8_t *wire, char *out, size_t cap);

#endif
