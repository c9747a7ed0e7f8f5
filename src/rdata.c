/* rdata.c - the per-type table, RDATA text -> wire conversion and the text dispatcher, RFC 3597 generic form, canonical form (RFC 1035, RFC 3597, RFC 4034 section 6.2). */
#include "rdata.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "rdata_fields.h"

/*
 * One row per RR type, in the spirit of NLnet Labs simdzone's types
 * table: the public info, the field list (text and wire layout, names
 * used in messages) and, where a plain list cannot express the syntax,
 * a parser of its own.  With a parser, the field list (if any) only
 * describes the wire form for the generic-form check and the canonical
 * walk.  The text side is the same: a row's own formatter where the
 * field list cannot print it, else the field list walked over the wire
 * data (zl_rdata_to_text()).
 */
struct zl_type_row {
	struct zl_type_info info;
	const struct zl_field *fields;
	int (*parse)(struct zl_rp *p);
	int (*print)(struct zl_wp *w);	/* wire -> text; NULL: walk fields */
};

#define FIELDS(...) ((const struct zl_field[]){ __VA_ARGS__, { ZL_F_END, NULL } })
#define F(k, n) { ZL_F_##k, n }

static const struct zl_field f_ds[] = {
	F(U16, "key tag"), F(ALG, "algorithm"), F(U8, "digest type"),
	F(HEX, "digest"), { ZL_F_END, NULL }
};
static const struct zl_field f_dnskey[] = {
	F(KEYFLAGS, "flags"), F(PROTO, "protocol"), F(ALG, "algorithm"),
	F(B64, "public key"), { ZL_F_END, NULL }
};
static const struct zl_field f_rrsig[] = {
	F(TYPE, "type covered"), F(ALG, "algorithm"), F(U8, "labels"),
	F(U32, "original TTL"), F(TIME, "expiration"), F(TIME, "inception"),
	F(U16, "key tag"), F(NAME, "signer"), F(B64, "signature"),
	{ ZL_F_END, NULL }
};
static const struct zl_field f_tlsa[] = {
	F(U8, "certificate usage"), F(U8, "selector"),
	F(U8, "matching type"), F(HEX, "certificate association data"),
	{ ZL_F_END, NULL }
};
static const struct zl_field f_svcb_wire[] = {
	F(U16, "priority"), F(NAME, "target"), F(REST, "params"),
	{ ZL_F_END, NULL }
};
static const struct zl_field f_txt[] = {
	F(STRS, "character-string"), { ZL_F_END, NULL }
};
static const struct zl_field f_rest[] = {
	F(REST, "data"), { ZL_F_END, NULL }
};

#define NL ZL_TYPE_NAMES_LOWER
#define OB ZL_TYPE_OBSOLETE
#define TX ZL_TYPE_TXTLIKE
#define SG ZL_TYPE_SINGLETON
#define MT ZL_TYPE_META
#define NT ZL_TYPE_NO_TEXT

/* Sorted by number (zl_type_by_number() searches it). */
static const struct zl_type_row rows[] = {
	{ { "A", 1, 0 }, FIELDS(F(A, "address")), NULL, NULL },
	{ { "NS", 2, NL }, FIELDS(F(NAME, "nameserver")), NULL, NULL },
	{ { "MD", 3, NL | OB }, FIELDS(F(NAME, "madname")), NULL, NULL },
	{ { "MF", 4, NL | OB }, FIELDS(F(NAME, "madname")), NULL, NULL },
	{ { "CNAME", 5, NL | SG }, FIELDS(F(NAME, "target")), NULL, NULL },
	{ { "SOA", 6, NL | SG }, FIELDS(F(NAME, "mname"), F(NAME, "rname"),
		F(U32, "serial"), F(PERIOD, "refresh"), F(PERIOD, "retry"),
		F(PERIOD, "expire"), F(PERIOD, "minimum")), NULL, NULL },
	{ { "MB", 7, NL | OB }, FIELDS(F(NAME, "madname")), NULL, NULL },
	{ { "MG", 8, NL | OB }, FIELDS(F(NAME, "mgmname")), NULL, NULL },
	{ { "MR", 9, NL | OB }, FIELDS(F(NAME, "newname")), NULL, NULL },
	{ { "NULL", 10, NT }, f_rest, NULL, NULL },
	{ { "WKS", 11, 0 }, FIELDS(F(A, "address"), F(U8, "protocol"),
		F(REST, "bitmap")), zl_parse_wks, zl_print_wks },
	{ { "PTR", 12, NL }, FIELDS(F(NAME, "target")), NULL, NULL },
	{ { "HINFO", 13, NL }, FIELDS(F(STR, "cpu"), F(STR, "os")), NULL, NULL },
	{ { "MINFO", 14, NL | OB }, FIELDS(F(NAME, "rmailbx"), F(NAME, "emailbx")), NULL, NULL },
	{ { "MX", 15, NL }, FIELDS(F(U16, "preference"), F(NAME, "exchange")), NULL, NULL },
	{ { "TXT", 16, TX }, f_txt, NULL, NULL },
	{ { "RP", 17, NL }, FIELDS(F(NAME, "mbox"), F(NAME, "txt")), NULL, NULL },
	{ { "AFSDB", 18, NL }, FIELDS(F(U16, "subtype"), F(NAME, "hostname")), NULL, NULL },
	{ { "X25", 19, 0 }, FIELDS(F(STR, "address")), zl_parse_x25, NULL },
	{ { "ISDN", 20, 0 }, FIELDS(F(STRS, "address")), zl_parse_isdn, NULL },
	{ { "RT", 21, NL }, FIELDS(F(U16, "preference"), F(NAME, "intermediate")), NULL, NULL },
	{ { "NSAP", 22, 0 }, f_rest, zl_parse_nsap, zl_print_nsap },
	{ { "NSAP-PTR", 23, 0 }, FIELDS(F(NAME, "owner")), NULL, NULL },
	{ { "SIG", 24, NL | OB }, f_rrsig, NULL, NULL },
	{ { "KEY", 25, 0 }, FIELDS(F(KEYFLAGS, "flags"), F(PROTO, "protocol"),
		F(ALG, "algorithm"), F(B64_0, "public key")), zl_parse_key, NULL },
	{ { "PX", 26, NL }, FIELDS(F(U16, "preference"), F(NAME, "map822"),
		F(NAME, "mapx400")), NULL, NULL },
	{ { "GPOS", 27, 0 }, FIELDS(F(STR, "longitude"), F(STR, "latitude"),
		F(STR, "altitude")), NULL, NULL },
	{ { "AAAA", 28, 0 }, FIELDS(F(AAAA, "address")), NULL, NULL },
	{ { "LOC", 29, 0 }, FIELDS(F(U8, "version"), F(U8, "size"),
		F(U8, "horizontal precision"), F(U8, "vertical precision"),
		F(U32, "latitude"), F(U32, "longitude"), F(U32, "altitude")),
		zl_parse_loc, zl_print_loc },
	{ { "NXT", 30, NL | OB | NT }, FIELDS(F(NAME, "next"), F(REST, "bitmap")), NULL, NULL },
	{ { "EID", 31, 0 }, FIELDS(F(HEX, "endpoint identifier")), NULL, NULL },
	{ { "NIMLOC", 32, 0 }, FIELDS(F(HEX, "locator")), NULL, NULL },
	{ { "SRV", 33, NL }, FIELDS(F(U16, "priority"), F(U16, "weight"),
		F(U16, "port"), F(NAME, "target")), NULL, NULL },
	{ { "ATMA", 34, NT }, f_rest, NULL, NULL },
	{ { "NAPTR", 35, NL }, FIELDS(F(U16, "order"), F(U16, "preference"),
		F(STR, "flags"), F(STR, "services"), F(STR, "regexp"),
		F(NAME, "replacement")), zl_parse_naptr, NULL },
	{ { "KX", 36, NL }, FIELDS(F(U16, "preference"), F(NAME, "exchanger")), NULL, NULL },
	{ { "CERT", 37, 0 }, FIELDS(F(U16, "type"), F(U16, "key tag"),
		F(U8, "algorithm"), F(REST, "certificate")), zl_parse_cert,
		zl_print_cert },
	{ { "A6", 38, NL | OB | NT }, NULL, NULL, NULL },
	{ { "DNAME", 39, NL | SG }, FIELDS(F(NAME, "target")), NULL, NULL },
	{ { "SINK", 40, 0 }, FIELDS(F(U8, "meaning"), F(U8, "coding"),
		F(U8, "subcoding"), F(B64_0, "data")), NULL, NULL },
	{ { "OPT", 41, MT }, NULL, NULL, NULL },
	{ { "APL", 42, 0 }, f_rest, zl_parse_apl, zl_print_apl },
	{ { "DS", 43, 0 }, f_ds, zl_parse_ds, NULL },
	{ { "SSHFP", 44, 0 }, FIELDS(F(U8, "algorithm"), F(U8, "fingerprint type"),
		F(HEX, "fingerprint")), zl_parse_sshfp, NULL },
	{ { "IPSECKEY", 45, 0 }, FIELDS(F(U8, "precedence"), F(U8, "gateway type"),
		F(U8, "algorithm"), F(REST, "gateway and public key")), zl_parse_ipseckey,
		zl_print_ipseckey },
	{ { "RRSIG", 46, NL }, f_rrsig, zl_parse_rrsig, NULL },
	{ { "NSEC", 47, 0 }, FIELDS(F(NAME, "next"), F(BITMAP, "type bitmap")),
		zl_parse_nsec, NULL },
	{ { "DNSKEY", 48, 0 }, f_dnskey, NULL, NULL },
	{ { "DHCID", 49, 0 }, FIELDS(F(B64, "data")), NULL, NULL },
	{ { "NSEC3", 50, 0 }, FIELDS(F(U8, "hash algorithm"), F(U8, "flags"),
		F(U16, "iterations"), F(SALT, "salt"), F(B32, "next hashed owner"),
		F(BITMAP, "type bitmap")), NULL, NULL },
	{ { "NSEC3PARAM", 51, 0 }, FIELDS(F(U8, "hash algorithm"), F(U8, "flags"),
		F(U16, "iterations"), F(SALT, "salt")), NULL, NULL },
	{ { "TLSA", 52, 0 }, f_tlsa, NULL, NULL },
	{ { "SMIMEA", 53, 0 }, f_tlsa, NULL, NULL },
	{ { "HIP", 55, 0 }, f_rest, zl_parse_hip, zl_print_hip },
	{ { "NINFO", 56, TX }, f_txt, NULL, NULL },
	{ { "RKEY", 57, 0 }, f_dnskey, NULL, NULL },
	{ { "TALINK", 58, 0 }, FIELDS(F(NAME, "previous"), F(NAME, "next")), NULL, NULL },
	{ { "CDS", 59, 0 }, f_ds, zl_parse_ds, NULL },
	{ { "CDNSKEY", 60, 0 }, f_dnskey, NULL, NULL },
	{ { "OPENPGPKEY", 61, 0 }, FIELDS(F(B64, "public key")), NULL, NULL },
	{ { "CSYNC", 62, 0 }, FIELDS(F(U32, "serial"), F(U16, "flags"),
		F(BITMAP, "type bitmap")), NULL, NULL },
	{ { "ZONEMD", 63, 0 }, FIELDS(F(U32, "serial"), F(U8, "scheme"),
		F(U8, "hash algorithm"), F(HEX, "digest")), zl_parse_zonemd, NULL },
	{ { "SVCB", 64, 0 }, f_svcb_wire, zl_parse_svcb, zl_print_svcb },
	{ { "HTTPS", 65, 0 }, f_svcb_wire, zl_parse_svcb, zl_print_svcb },
	{ { "DSYNC", 66, 0 }, FIELDS(F(TYPE, "type"), F(U8, "scheme"),
		F(U16, "port"), F(NAME, "target")), zl_parse_dsync,
		zl_print_dsync },
	{ { "SPF", 99, TX | OB }, f_txt, NULL, NULL },
	{ { "UID", 101, NT }, f_rest, NULL, NULL },
	{ { "GID", 102, NT }, f_rest, NULL, NULL },
	{ { "UNSPEC", 103, NT }, f_rest, NULL, NULL },
	{ { "NID", 104, 0 }, FIELDS(F(U16, "preference"), F(ILNP64, "node id")), NULL, NULL },
	{ { "L32", 105, 0 }, FIELDS(F(U16, "preference"), F(A, "locator")), NULL, NULL },
	{ { "L64", 106, 0 }, FIELDS(F(U16, "preference"), F(ILNP64, "locator")), NULL, NULL },
	{ { "LP", 107, 0 }, FIELDS(F(U16, "preference"), F(NAME, "fqdn")), NULL, NULL },
	{ { "EUI48", 108, 0 }, FIELDS(F(EUI48, "address")), NULL, NULL },
	{ { "EUI64", 109, 0 }, FIELDS(F(EUI64, "address")), NULL, NULL },
	{ { "TKEY", 249, MT }, NULL, NULL, NULL },
	{ { "TSIG", 250, MT }, NULL, NULL, NULL },
	{ { "IXFR", 251, MT }, NULL, NULL, NULL },
	{ { "AXFR", 252, MT }, NULL, NULL, NULL },
	{ { "MAILB", 253, MT }, NULL, NULL, NULL },
	{ { "MAILA", 254, MT }, NULL, NULL, NULL },
	{ { "ANY", 255, MT }, NULL, NULL, NULL },
	{ { "URI", 256, 0 }, FIELDS(F(U16, "priority"), F(U16, "weight"),
		F(REST, "target")), zl_parse_uri, zl_print_uri },
	{ { "CAA", 257, 0 }, FIELDS(F(U8, "flags"), F(STR, "tag"),
		F(REST, "value")), zl_parse_caa, zl_print_caa },
	{ { "AVC", 258, TX }, f_txt, NULL, NULL },
	{ { "DOA", 259, NT }, f_rest, NULL, NULL },
	{ { "AMTRELAY", 260, 0 }, f_rest, zl_parse_amtrelay,
		zl_print_amtrelay },
	{ { "RESINFO", 261, TX }, f_txt, NULL, NULL },
	{ { "WALLET", 262, TX }, f_txt, NULL, NULL },
	{ { "TA", 32768, 0 }, f_ds, zl_parse_ds, NULL },
	{ { "DLV", 32769, OB }, f_ds, zl_parse_ds, NULL },
	{ { "KEYDATA", 65533, NT }, f_rest, NULL, NULL },	/* BIND-private (managed keys) */
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

/*
 * Mnemonics of types and of classes (word_slot): open addressing over
 * WORD_SLOTS slots (a power of two, over twice the mnemonics), keyed by
 * a mnemonic's first 8 octets upper-cased (word_key()) and its length,
 * so that most words are found with one comparison of 8 octets.  Rows
 * by number, for the numbers below BY_NUMBER_LOW (nearly every record):
 * by_number[n] is the row index + 1, 0 when the table has none.  Built
 * once: files are read on several threads with -j (pthread_once makes
 * the first use safe).
 */
#define WORD_SLOTS 256
#define BY_NUMBER_LOW 512

/* The class mnemonics (RFC 1035 section 3.2.4; CS, RFC 2929 section 3.2). */
static const struct { const char *name; uint16_t v; } classes[] = {
	{ "IN", 1 }, { "CS", 2 }, { "CH", 3 }, { "CHAOS", 3 }, { "HS", 4 }, { "HESIOD", 4 },
};
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

_Static_assert((NROWS + NCLASSES) * 2 <= WORD_SLOTS, "the mnemonic table is over half full");

struct word_slot {
	uint64_t key;		/* word_key() of the mnemonic */
	uint8_t len;		/* its octets; 0: the slot is empty */
	enum zl_word kind;	/* ZL_WORD_TYPE or ZL_WORD_CLASS */
	uint16_t v;		/* the row index (a type), the class number */
};
static struct word_slot words[WORD_SLOTS];
static uint8_t by_number[BY_NUMBER_LOW];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;
static atomic_bool index_built;	/* build_index() is done: no pthread_once() call */

/* The first 8 octets of s[0..len) with ASCII letters upper-cased, the
 * first in the low octet, zero-padded: eight octets at once, the
 * letters found as the octets from 'a' up that are under '{'. */
static inline uint64_t word_key(const char *s, size_t len)
{
	const uint64_t hi = 0x8080808080808080ull;
	uint64_t key = 0;

	if (len > 8)
		len = 8;
	for (size_t k = 0; k < len; k++)
		key |= (uint64_t)(uint8_t)s[k] << (8 * k);
	uint64_t low7 = key & ~hi;
	uint64_t lower = (low7 + 0x1f1f1f1f1f1f1f1full) & ~(low7 + 0x0505050505050505ull) &
			 ~key & hi;
	return key ^ (lower >> 2);
}

static inline size_t word_home(uint64_t key, size_t len)
{
	return (size_t)(((key ^ len) * 0x9e3779b97f4a7c15ull) >> 56) & (WORD_SLOTS - 1);
}

/* s[0..len) is the NUL-terminated upper-case name, ASCII case aside. */
static inline bool same_upper(const char *s, size_t len, const char *name)
{
	for (size_t k = 0; k < len; k++) {
		uint8_t c = (uint8_t)s[k], u = (uint8_t)name[k];
		if (u == '\0' || (c != u && !(c >= 'a' && c <= 'z' && c - 32 == u)))
			return false;
	}
	return name[len] == '\0';
}

static void add_word(const char *name, enum zl_word kind, uint16_t v)
{
	size_t len = strlen(name);
	uint64_t key = word_key(name, len);
	size_t i = word_home(key, len);

	while (words[i].len) {
		if (words[i].key == key && words[i].len == len)
			return;		/* a class and a type alike: the class wins */
		i = (i + 1) & (WORD_SLOTS - 1);
	}
	words[i] = (struct word_slot){ key, (uint8_t)len, kind, v };
}

static void build_index(void)
{
	for (size_t k = 0; k < NCLASSES; k++)
		add_word(classes[k].name, ZL_WORD_CLASS, classes[k].v);
	for (size_t k = 0; k < NROWS; k++) {
		add_word(rows[k].info.name, ZL_WORD_TYPE, (uint16_t)k);
		if (rows[k].info.number < BY_NUMBER_LOW)
			by_number[rows[k].info.number] = (uint8_t)(k + 1);
	}
	atomic_store_explicit(&index_built, true, memory_order_release);
}

/* word_find() past its first slot: the table's other slots, and the
 * words it does not know or that are longer than 8 octets. */
static __attribute__((noinline)) const struct word_slot *
word_find_rest(const char *s, size_t len, uint64_t key)
{
	pthread_once(&index_once, build_index);
	for (size_t i = word_home(key, len); words[i].len; i = (i + 1) & (WORD_SLOTS - 1)) {
		const struct word_slot *w = &words[i];
		if (w->key != key || w->len != len)
			continue;
		if (len <= 8)
			return w;
		const char *name = w->kind == ZL_WORD_TYPE ? rows[w->v].info.name : NULL;
		if (name && same_upper(s + 8, len - 8, name + 8))
			return w;
	}
	return NULL;
}

/* The slot of the mnemonic s[0..len) (case-insensitive), or NULL: a
 * mnemonic of up to 8 octets in its home slot, as most are, is found
 * inline. */
static inline const struct word_slot *word_find(const char *s, size_t len)
{
	uint64_t key = word_key(s, len);

	if (atomic_load_explicit(&index_built, memory_order_acquire)) {
		const struct word_slot *w = &words[word_home(key, len)];
		if (w->key == key && w->len == len && len <= 8)
			return w;
	}
	return word_find_rest(s, len, key);
}

static const struct zl_type_row *row_by_number(uint16_t type)
{
	size_t lo = 0, hi = NROWS;

	if (type < BY_NUMBER_LOW) {
		pthread_once(&index_once, build_index);
		return by_number[type] ? &rows[by_number[type] - 1] : NULL;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (rows[mid].info.number == type)
			return &rows[mid];
		if (rows[mid].info.number < type)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct zl_type_info *zl_type_by_number(uint16_t type)
{
	const struct zl_type_row *r = row_by_number(type);
	return r ? &r->info : NULL;
}

/* "PREFIXnnn" with nnn decimal 0-65535 (RFC 3597 section 5). */
static bool parse_prefixed(const char *s, size_t len, const char *prefix,
			   uint16_t *v)
{
	size_t pl = strlen(prefix);
	uint64_t x;

	if (len <= pl || strncasecmp(s, prefix, pl) != 0)
		return false;
	if (!zl_parse_uint(s + pl, len - pl, 65535, &x))
		return false;
	*v = (uint16_t)x;
	return true;
}

/* Rows for numbers the table does not know, made on first use (BSS until
 * touched) under unknown_lock: two threads may meet the same TYPEnnn. */
static struct zl_type_info unknown_info[65536];
static char unknown_name[65536][10];
static pthread_mutex_t unknown_lock = PTHREAD_MUTEX_INITIALIZER;

const struct zl_type_info *zl_type_by_name(const char *s, size_t len)
{
	uint16_t n;

	const struct word_slot *w = word_find(s, len);
	if (w && w->kind == ZL_WORD_TYPE)
		return &rows[w->v].info;
	if (!parse_prefixed(s, len, "TYPE", &n))
		return NULL;
	const struct zl_type_info *ti = zl_type_by_number(n);
	if (ti)
		return ti;
	pthread_mutex_lock(&unknown_lock);
	if (!unknown_info[n].name) {
		snprintf(unknown_name[n], sizeof(unknown_name[n]), "TYPE%u", n);
		unknown_info[n].name = unknown_name[n];
		unknown_info[n].number = n;
	}
	pthread_mutex_unlock(&unknown_lock);
	return &unknown_info[n];
}

const char *zl_type_name(uint16_t type, char *out, size_t cap)
{
	const struct zl_type_row *r = row_by_number(type);

	if (r) {		/* once per record (zl_rdata_parse): no printf */
		size_t n = strlen(r->info.name);
		if (n >= cap)
			n = cap - 1;
		memcpy(out, r->info.name, n);
		out[n] = '\0';
	} else {
		snprintf(out, cap, "TYPE%u", type);
	}
	return out;
}

bool zl_class_from_text(const char *s, size_t len, uint16_t *cls)
{
	const struct word_slot *w = word_find(s, len);

	if (w && w->kind == ZL_WORD_CLASS) {
		*cls = w->v;
		return true;
	}
	return len > 5 && parse_prefixed(s, len, "CLASS", cls);
}

enum zl_word zl_word_kind(const char *s, size_t len, uint16_t *value)
{
	const struct word_slot *w = word_find(s, len);

	if (w) {
		*value = w->kind == ZL_WORD_TYPE ? rows[w->v].info.number : w->v;
		return w->kind;
	}
	/* no mnemonic: CLASSnnn, TYPEnnn (RFC 3597 section 5), or neither,
	 * as zl_class_from_text() and zl_type_by_name() read them */
	if (len > 5 && parse_prefixed(s, len, "CLASS", value))
		return ZL_WORD_CLASS;
	if (parse_prefixed(s, len, "TYPE", value))
		return ZL_WORD_TYPE;
	return ZL_WORD_OTHER;
}

const char *zl_class_name(uint16_t cls, char *out, size_t cap)
{
	switch (cls) {
	case 1: snprintf(out, cap, "IN"); break;
	case 2: snprintf(out, cap, "CS"); break;
	case 3: snprintf(out, cap, "CH"); break;
	case 4: snprintf(out, cap, "HS"); break;
	default: snprintf(out, cap, "CLASS%u", cls); break;
	}
	return out;
}

enum zl_ttl_status zl_ttl_parse(const char *s, size_t len, uint32_t *ttl)
{
	uint64_t total = 0, cur = 0;
	bool digits = false, units = false;

	if (len == 0)
		return ZL_TTL_BAD;
	for (size_t k = 0; k < len; k++) {
		int c = (uint8_t)s[k];
		uint64_t mul;

		if (c >= '0' && c <= '9') {
			cur = cur * 10 + (uint64_t)(c - '0');
			if (cur > UINT32_MAX)
				return ZL_TTL_BAD;
			digits = true;
			continue;
		}
		switch (c | 0x20) {
		case 'w': mul = 604800; break;
		case 'd': mul = 86400; break;
		case 'h': mul = 3600; break;
		case 'm': mul = 60; break;
		case 's': mul = 1; break;
		default: return ZL_TTL_BAD;
		}
		if (!digits)
			return ZL_TTL_BAD;
		total += cur * mul;
		if (total > UINT32_MAX)
			return ZL_TTL_BAD;
		cur = 0;
		digits = false;
		units = true;
	}
	if (digits) {
		if (units)
			return ZL_TTL_BAD;	/* "1h5": BIND wants a unit after every number */
		total = cur;
	}
	*ttl = (uint32_t)total;
	return total > 0x7fffffffu ? ZL_TTL_OVER_MAX : ZL_TTL_OK;
}

bool zl_ttl_from_text(const char *s, size_t len, uint32_t *ttl)
{
	uint32_t v;

	if (zl_ttl_parse(s, len, &v) != ZL_TTL_OK)
		return false;
	*ttl = v;
	return true;
}

uint32_t zl_txtseg_column(const struct zl_txtseg *seg, uint32_t off)
{
	uint32_t col = seg->col, k = 0;
	const char *raw = zl_txtseg_raw(seg);

	if (!raw)
		return seg->col + off;
	for (uint32_t d = 0; d < off && k < seg->rawlen; d++) {
		if (raw[k] == '\\' && k + 1 < seg->rawlen) {
			bool ddd = raw[k + 1] >= '0' && raw[k + 1] <= '9';
			uint32_t w = ddd ? 4 : 2;
			if (k + w > seg->rawlen)
				w = seg->rawlen - k;
			k += w;
			col += w;
		} else {
			k++;
			col++;
		}
	}
	return col;
}

/*
 * A type bitmap in wire form, b[0..len) (RFC 4034 section 4.1.2): blocks
 * of window number, length 1-32 and that many octets, windows in
 * increasing order, no trailing zero octet in a block.  An empty bitmap
 * passes.  BIND reads generic RDATA of these types with the same test
 * (FORMERR).  Returns NULL, or why not.
 */
static const char *bitmap_check(const uint8_t *b, size_t len)
{
	int last = -1;

	for (size_t o = 0; o < len;) {
		if (len - o < 2)
			return "type bitmap block without its length";
		unsigned win = b[o], n = b[o + 1];
		if ((int)win <= last)
			return "type bitmap windows out of order";
		if (n < 1 || n > 32)
			return "type bitmap block length not 1-32";
		if (len - o - 2 < n)
			return "type bitmap block runs past the end";
		if (b[o + 1 + n] == 0)
			return "type bitmap block ends in a zero octet";
		last = (int)win;
		o += 2 + n;
	}
	return NULL;
}

/*
 * Walk wire RDATA rd[0..len) along the field list f.  When lower is set,
 * lower-case the names of the walk in place.  Returns NULL when the data
 * fits the layout, else a short reason.
 */
static const char *wire_walk(const struct zl_field *f, uint8_t *rd, size_t len,
			     bool lower)
{
	size_t o = 0;

	for (; f->kind != ZL_F_END; f++) {
		size_t need = 0;

		switch (f->kind) {
		case ZL_F_NAME: {
			size_t start = o;
			for (;;) {
				if (o >= len)
					return "name runs past the end";
				uint8_t l = rd[o];
				if (l > 63)
					return "compressed or bad label in name";
				if (o - start + 1 + l > ZL_NAME_MAX)
					return "name longer than 255 octets";
				if (o + 1 + (size_t)l > len)
					return "name runs past the end";
				if (lower)
					for (size_t k = o + 1; k <= o + l; k++)
						if (rd[k] >= 'A' && rd[k] <= 'Z')
							rd[k] += 32;
				o += 1 + (size_t)l;
				if (l == 0)
					break;
			}
			continue;
		}
		case ZL_F_U8: case ZL_F_ALG: case ZL_F_PROTO:
			need = 1; break;
		case ZL_F_U16: case ZL_F_TYPE: case ZL_F_KEYFLAGS:
			need = 2; break;
		case ZL_F_U32: case ZL_F_PERIOD: case ZL_F_TIME: case ZL_F_A:
			need = 4; break;
		case ZL_F_AAAA: need = 16; break;
		case ZL_F_EUI48: need = 6; break;
		case ZL_F_EUI64: case ZL_F_ILNP64: need = 8; break;
		case ZL_F_STR: case ZL_F_SALT: case ZL_F_B32:
			if (o >= len)
				return "missing length octet";
			need = 1 + (size_t)rd[o];
			break;
		case ZL_F_STRS:
			if (o >= len)
				return "no character-string";
			while (o < len) {
				if (o + 1 + (size_t)rd[o] > len)
					return "character-string runs past the end";
				o += 1 + (size_t)rd[o];
			}
			continue;
		case ZL_F_HEX: case ZL_F_B64:
			if (o >= len)
				return "missing data at the end";
			o = len;
			continue;
		case ZL_F_BITMAP: {
			const char *why = bitmap_check(rd + o, len - o);
			if (why)
				return why;
			o = len;
			continue;
		}
		default:	/* B64_0, REST */
			o = len;
			continue;
		}
		if (o + need > len)
			return "too short";
		o += need;
	}
	return o == len ? NULL : "trailing octets";
}

/* RFC 3597 section 5: "\# <length> <hex>...", hex may span tokens. */
static int parse_generic(struct zl_rp *p, const struct zl_type_row *r)
{
	struct zl_buf *out = p->ctx->out;
	size_t base = out->len;
	uint64_t want;
	int hi = -1;
	char q[64];

	p->i = 1;
	const struct zl_token *t = zl_rp_next(p, "generic length");
	if (!t)
		return -1;
	if (t->quoted || !zl_parse_uint(t->text, t->len, 65535, &want))
		return zl_rp_fail(p, 1, "generic RDATA",
				  "length %s is not a number 0-65535",
				  zl_rp_quote(t, q, sizeof(q)));
	for (size_t k = 2; k < p->ntoks; k++) {
		t = &p->toks[k];
		if (t->quoted)
			return zl_rp_fail(p, k, "generic RDATA", "%s must not be quoted",
					  zl_rp_quote(t, q, sizeof(q)));
		for (size_t j = 0; j < t->len; j++) {
			int c = (uint8_t)t->text[j], d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (c | 0x20) - 'a' + 10;
			else
				return zl_rp_fail(p, k, "generic RDATA", "%s is not hex",
						  zl_rp_quote(t, q, sizeof(q)));
			if (hi < 0) {
				hi = d;
			} else {
				zl_buf_put8(out, (uint8_t)(hi << 4 | d));
				hi = -1;
			}
		}
	}
	if (hi >= 0)
		return zl_rp_fail(p, p->ntoks - 1, "generic RDATA",
				  "odd number of hex digits");
	if (out->len - base != want)
		return zl_rp_fail(p, p->ntoks > 2 ? p->ntoks - 1 : 1, "generic RDATA",
				  "length says %u octets but the hex data has %zu",
				  (unsigned)want, out->len - base);
	p->i = p->ntoks;
	if (r && r->fields) {
		const char *why = wire_walk(r->fields, out->data + base,
					    out->len - base, false);
		if (why)
			return zl_rp_fail(p, 1, "generic RDATA",
					  "not valid %s RDATA (%s)", p->tname, why);
	}
	return 0;
}

/*
 * Split printed RDATA text[0..len) (one line, as zl_rdata_to_text writes
 * it) into tokens the way the scanner does: blank-separated words and
 * "quoted" strings, backslash escapes kept, columns counted from 1 so
 * that adjacent tokens (SVCB key="value") stay adjacent.  toks has room
 * for len entries.  Returns the number of tokens.
 */
static size_t split_text(const char *text, size_t len, struct zl_token *toks)
{
	size_t n = 0, i = 0;

	while (i < len) {
		if (text[i] == ' ') {
			i++;
			continue;
		}
		struct zl_token *t = &toks[n++];
		memset(t, 0, sizeof(*t));
		t->line = 1;
		t->col = (uint32_t)i + 1;
		if (text[i] == '"') {
			size_t s = ++i;
			while (i < len && text[i] != '"')
				i += text[i] == '\\' && i + 1 < len ? 2 : 1;
			t->text = text + s;
			t->len = (uint32_t)(i - s);
			t->quoted = true;
			if (i < len)
				i++;
			continue;
		}
		size_t s = i;
		while (i < len && text[i] != ' ' && text[i] != '"')
			i += text[i] == '\\' && i + 1 < len ? 2 : 1;
		t->text = text + s;
		t->len = (uint32_t)(i - s);
	}
	return n;
}

/*
 * Generic RDATA of a type whose text parser checks more than the field
 * layout (digest lengths, a non-empty NSEC bitmap, SVCB parameters, LOC
 * and APL values...) must pass those checks too: BIND reads the generic
 * form of a known type through the type's own wire reader (RFC 3597
 * section 5) and refuses what that refuses.  So print the wire data in
 * the type's text form and read the text back with the type's parser.
 * Returns 0, or -1 with p's error set on the generic RDATA.
 */
static int recheck_generic(struct zl_rp *p, const struct zl_type_row *r,
			   size_t base)
{
	struct zl_rdata_ctx *ctx = p->ctx;
	struct zl_buf text = { 0 }, wire = { 0 };
	static const uint8_t root[1] = { 0 };
	int rc = zl_rdata_to_text(p->type, ctx->out->data + base,
				  ctx->out->len - base, &text);

	if (rc > 0) {
		zl_buf_free(&text);
		return 0;	/* no text form to check against */
	}
	if (rc < 0) {
		zl_buf_free(&text);
		return zl_rp_fail(p, 1, "generic RDATA", "not valid %s RDATA", p->tname);
	}
	struct zl_token *toks = zl_xmalloc((text.len + 1) * sizeof(*toks));
	struct zl_rdata_ctx sub = { .origin = root, .out = &wire, .scratch = ctx->scratch };
	struct zl_rp q = { toks, split_text((const char *)text.data, text.len, toks),
			   0, &sub, p->tname, p->type, "" };
	zl_buf_reset(&wire);
	rc = r->parse(&q);
	if (rc == 0)
		rc = zl_rp_end(&q, q.last);
	if (rc)
		rc = zl_rp_fail(p, 1, "generic RDATA", "not valid %s RDATA (%s)",
				p->tname, sub.err);
	free(toks);
	zl_buf_free(&text);
	zl_buf_free(&wire);
	return rc;
}

int zl_rdata_parse(uint16_t type, const struct zl_token *toks, size_t ntoks,
		   struct zl_rdata_ctx *ctx)
{
	const struct zl_type_row *r = row_by_number(type);
	char tname[16];
	struct zl_rp p = { toks, ntoks, 0, ctx, NULL, type, "" };
	size_t base = ctx->out->len;
	int rc;

	ctx->segs = NULL;
	ctx->nsegs = 0;
	ctx->err[0] = '\0';
	ctx->err_tok = 0;
	p.tname = r ? r->info.name : zl_type_name(type, tname, sizeof(tname));

	if (r && (r->info.flags & ZL_TYPE_META))
		return zl_rp_fail(&p, 0, NULL,
				  "%s is a meta type; it cannot appear in a zone file",
				  p.tname);
	if (ntoks > 0 && !toks[0].quoted && toks[0].len == 2 &&
	    toks[0].text[0] == '\\' && toks[0].text[1] == '#') {
		rc = parse_generic(&p, r);
		if (rc == 0 && r && r->parse && !(r->info.flags & ZL_TYPE_NO_TEXT))
			rc = recheck_generic(&p, r, base);
	} else if (!r) {
		return zl_rp_fail(&p, 0, NULL,
				  "%s is not a known type; its RDATA must use the RFC 3597 generic form (\\# length hex)",
				  p.tname);
	} else if (r->info.flags & ZL_TYPE_NO_TEXT) {
		return zl_rp_fail(&p, 0, NULL,
				  "RDATA text form of %s is not supported yet; use the RFC 3597 generic form",
				  p.tname);
	} else if (r->parse) {
		rc = r->parse(&p);
		if (rc == 0)
			rc = zl_rp_end(&p, p.last);
	} else {
		const struct zl_field *f;
		const char *last = "";
		rc = 0;
		for (f = r->fields; f->kind != ZL_F_END; f++) {
			rc = zl_f_parse(&p, f->kind, f->name);
			if (rc)
				break;
			last = f->name;
		}
		if (rc == 0)
			rc = zl_rp_end(&p, last);
	}
	if (rc)
		return -1;
	if (type == 50 && ctx->out->len - base > 5) {
		/* BIND 9.18: a SHA-1 (algorithm 1) NSEC3 hash is 20 octets (RFC 5155 section 3.2) */
		const uint8_t *w = ctx->out->data + base;
		size_t hl = base + 5 + w[4];
		if (w[0] == 1 && hl < ctx->out->len && ctx->out->data[hl] != 20)
			return zl_rp_fail(&p, ntoks > 4 ? 4 : 0, NULL,
					  "NSEC3 next hashed owner is %u octets; a SHA-1 hash is 20",
					  ctx->out->data[hl]);
	}
	if (ctx->out->len - base > 65535)
		return zl_rp_fail(&p, ntoks ? ntoks - 1 : 0, NULL,
				  "%s RDATA is %zu octets; the limit is 65535",
				  p.tname, ctx->out->len - base);
	return 0;
}

void zl_rdata_canonical(uint16_t type, const uint8_t *rdata, size_t rdlen,
			struct zl_buf *out)
{
	const struct zl_type_row *r = row_by_number(type);

	zl_buf_reset(out);
	zl_buf_put(out, rdata, rdlen);
	if (!r || !(r->info.flags & ZL_TYPE_NAMES_LOWER))
		return;
	if (type == 38) {
		/* A6 (RFC 2874 section 3.1): prefix length, address suffix, prefix name */
		if (rdlen < 1 || rdata[0] > 128)
			return;
		size_t o = 1 + (size_t)(128 - rdata[0]) / 8;
		if (rdata[0] > 0 && o < rdlen) {
			static const struct zl_field nm[] = { F(NAME, "prefix"), { ZL_F_END, NULL } };
			uint8_t *copy = out->data + o;
			if (wire_walk(nm, copy, rdlen - o, false) == NULL)
				wire_walk(nm, copy, rdlen - o, true);
		}
		return;
	}
	if (r->fields && wire_walk(r->fields, out->data, out->len, false) == NULL)
		wire_walk(r->fields, out->data, out->len, true);
}

int zl_rdata_to_text(uint16_t type, const uint8_t *rdata, size_t rdlen,
		     struct zl_buf *out)
{
	const struct zl_type_row *r = row_by_number(type);

	if (!r)
		return zl_rdata_text_row(ZL_TYPE_NO_TEXT, NULL, NULL, rdata, rdlen, out);
	return zl_rdata_text_row(r->info.flags, r->fields, r->print, rdata, rdlen,
				 out);
}
