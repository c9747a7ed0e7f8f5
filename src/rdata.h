/* rdata.h - the per-type table: RR type names and numbers, RDATA text <-> wire (RFC 1035 section 5, RFC 3597). */
#ifndef ZL_RDATA_H
#define ZL_RDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "region.h"

/*
 * One RDATA token as the scanner saw it: the raw source text (escapes
 * NOT decoded, quotes removed for quoted strings), where it starts in
 * the source, and whether it was quoted.  text is not NUL-terminated and
 * is owned by the parser's per-record scratch buffer: valid only during
 * the call it is passed to.
 */
struct zl_token {
	const char *text;
	uint32_t len;		/* octets of raw text */
	uint32_t line;		/* 1-based source line of the first octet */
	uint32_t col;		/* 1-based byte column; for a quoted string the column of the opening quote */
	bool quoted;
	bool semi_after;	/* unquoted, and a ";" comment starts right after it */
};

/*
 * Where one <character-string> of a TXT-like RR came from, so a rule can
 * point at an offset inside it (see zl_txtseg_column()): 16 octets,
 * stored behind each TXT-like RR's RDATA.
 */
struct zl_txtseg {
	uint32_t line;		/* line of the token */
	uint32_t col;		/* column of the first content octet (after the quote) */
	zl_ref raw_ref;		/* char: the raw source text (arena) when it holds
				 * escapes, else 0; read with zl_txtseg_raw() */
	uint16_t rawlen;	/* octets of the raw text (a string of at most
				 * 255 octets is at most 4 * 255 + 2 written) */
	uint8_t len;		/* decoded octets in this string (<= 255) */
	bool quoted : 1;	/* written as a "quoted" string */
	bool semi_after : 1;	/* unquoted, and a ";" comment touches its end (cuts the record) */
};

/* seg's raw source text (rawlen octets, not NUL-terminated), or NULL if it holds no escapes. */
static inline const char *zl_txtseg_raw(const struct zl_txtseg *seg)
{
	return zl_ref_ptr(seg->raw_ref);
}

/*
 * Map octet offset off (0-based, in the decoded string) to a 1-based
 * source column.  Without escapes this is col + off; with escapes the raw
 * text is walked so "\"" and "\065" count as their source width.
 */
uint32_t zl_txtseg_column(const struct zl_txtseg *seg, uint32_t off);

/* Flags of a type-table row. */
enum {
	ZL_TYPE_OBSOLETE = 1 << 0,	/* defined but obsolete (MD, MF, A6, ...) */
	ZL_TYPE_NAMES_LOWER = 1 << 1,	/* RFC 4034 section 6.2: names in RDATA are lower-cased in canonical form */
	ZL_TYPE_TXTLIKE = 1 << 2,	/* RDATA is one or more <character-string>s (TXT, SPF) */
	ZL_TYPE_SINGLETON = 1 << 3,	/* at most one RR per RRset (CNAME, DNAME, SOA) */
	ZL_TYPE_META = 1 << 4,		/* meta/query type (OPT, TSIG, ANY, ...): never in a zone file */
	ZL_TYPE_NO_TEXT = 1 << 5,	/* known, but only the RFC 3597 generic form is accepted here */
};

/* One row of the per-type table. */
struct zl_type_info {
	const char *name;	/* mnemonic, upper case: "AAAA" */
	uint16_t number;	/* IANA RR TYPE value */
	uint16_t flags;		/* ZL_TYPE_* */
};

/*
 * Look up a type by mnemonic (case-insensitive; a hashed table) or
 * "TYPEnnn" (RFC 3597 section 5, nnn 0-65535).  s need not be
 * NUL-terminated.  NULL for an unknown mnemonic.  "TYPEnnn" of a number
 * the table has no row for gives a static row { "TYPEnnn", nnn, 0 },
 * valid for the life of the program.
 */
const struct zl_type_info *zl_type_by_name(const char *s, size_t len);

/* Look up a type by number; NULL if the table has no row for it. */
const struct zl_type_info *zl_type_by_number(uint16_t type);

/*
 * Write the mnemonic of type (or "TYPEnnn" when unknown) into out
 * (cap >= 16); returns out.
 */
const char *zl_type_name(uint16_t type, char *out, size_t cap);

/*
 * Parse a class mnemonic: "IN" 1, "CH" 3, "HS" 4, "CS" 2, "CLASSnnn";
 * case-insensitive.  Returns true and sets *cls on success.
 */
bool zl_class_from_text(const char *s, size_t len, uint16_t *cls);

/* What a word of an entry's fields can be, besides a TTL (zl_word_kind()). */
enum zl_word {
	ZL_WORD_OTHER,		/* neither: no mnemonic the tables know */
	ZL_WORD_CLASS,		/* a class: zl_class_from_text() */
	ZL_WORD_TYPE,		/* a type: zl_type_by_name() */
};

/*
 * The scanner's question about each word before the RDATA: whether
 * s[0..len) (not NUL-terminated; case-insensitive) is a class, and if
 * not whether it is a type, with the same answers as
 * zl_class_from_text() then zl_type_by_name(), in one lookup for a
 * mnemonic.  Sets *value to the class or the type number for
 * ZL_WORD_CLASS and ZL_WORD_TYPE.  Thread-safe.
 */
enum zl_word zl_word_kind(const char *s, size_t len, uint16_t *value);

/* Write "IN", "CH", "HS", "CS" or "CLASSnnn" into out (cap >= 16); returns out. */
const char *zl_class_name(uint16_t cls, char *out, size_t cap);

/*
 * Parse a BIND TTL: decimal seconds, or units w/d/h/m/s in any case and
 * any combination ("1w2d3h4m5s", "1H").  Result must be <= 2^31-1
 * (RFC 2181 section 8).  Returns true and sets *ttl (seconds) on success.
 */
bool zl_ttl_from_text(const char *s, size_t len, uint32_t *ttl);

/* Result of zl_ttl_parse(). */
enum zl_ttl_status {
	ZL_TTL_OK = 0,		/* value <= 2^31-1 */
	ZL_TTL_OVER_MAX,	/* 2^31 .. 2^32-1: BIND 9 loads the record with the
				 * warning "TTL > MAXTTL, setting TTL to 0" (*ttl
				 * holds the value as written, the caller uses 0) */
	ZL_TTL_BAD,		/* empty, not a TTL, or a sum above 2^32-1 */
};

/*
 * Parse a BIND TTL as zl_ttl_from_text() does, but tell apart values in
 * 2^31..2^32-1, which BIND 9.18 accepts for $TTL, record TTLs and SOA
 * timers (RFC 2181 section 8 wants <= 2^31-1).  Rules as BIND's
 * dns_ttl_fromtext(): plain digits, or one or more <digits><unit> with
 * unit in wWdDhHmMsS (repeats and any order allowed: "1h1h" = 7200);
 * digits after the last unit ("1h5") are an error.
 */
enum zl_ttl_status zl_ttl_parse(const char *s, size_t len, uint32_t *ttl);

/* Input and output of one RDATA conversion. */
struct zl_rdata_ctx {
	const uint8_t *origin;	/* wire-form origin for relative names (may be NULL) */
	struct zl_buf *out;	/* wire RDATA is appended here (caller resets it) */
	struct zl_arena *scratch; /* per-record scratch; segs are allocated here */
	/* outputs for TXT-like types (ZL_TYPE_TXTLIKE), else 0/NULL: */
	struct zl_txtseg *segs;
	size_t nsegs;
	/* on error: */
	size_t err_tok;		/* index of the token at fault (== ntoks: missing token at end) */
	bool err_name_length;	/* the error is a label over 63 or a name over 255 octets */
	/* on success or error: the first name field with an unescaped odd
	 * octet (zl_name_odd_octet(); zone-name-character), if any */
	bool odd;
	const char *odd_field;	/* "exchange", "target", ... */
	const char *odd_text;	/* the name as written (the caller's token text) */
	size_t odd_len, odd_off; /* its length, and the octet's offset in it */
	uint32_t odd_line, odd_col; /* where the name token starts, 1-based */
	/* last, so that a caller may clear the fields above for each record
	 * and leave these 200 octets alone (zl_rdata_parse() empties it) */
	char err[200];		/* on error: lower-case message, no trailing period, names the field ("MX exchange: ...") */
};

/*
 * Convert the RDATA tokens of one RR of the given type to wire form.
 * Handles the RFC 3597 generic form ("\# len hex...") for every type and
 * is the only form accepted for types the table does not know.
 * Checks what BIND 9 checks when loading: field count, number ranges,
 * addresses, names (via zl_name_from_text), base64/hex, character-strings
 * of at most 255 octets, RDATA of at most 65535 octets.
 * Returns 0 on success (ctx->out holds the RDATA), -1 on error (ctx->err,
 * ctx->err_tok set; ctx->out contents unspecified).
 */
int zl_rdata_parse(uint16_t type, const struct zl_token *toks, size_t ntoks,
		   struct zl_rdata_ctx *ctx);

/*
 * Write the canonical form of RDATA for comparison of RRs "as DNS does"
 * (RFC 4034 section 6.2: names lower-cased for the listed types) into out
 * (reset first).  RDATA must be what zl_rdata_parse() produced.
 */
void zl_rdata_canonical(uint16_t type, const uint8_t *rdata, size_t rdlen,
			struct zl_buf *out);

/*
 * Append the presentation form of RDATA rdata[0..rdlen) of type to out
 * (not reset; no NUL, no newline), on one line, as BIND 9.18 prints it
 * (named-checkzone -D) except that base64 and hex are never split:
 * names absolute with \X / \DDD escapes (RFC 1035 section 5.1),
 * character-strings always quoted, numbers decimal, RRSIG times as
 * YYYYMMDDHHmmSS nearest to now (RFC 4034 section 3.2), NSEC/NSEC3 type
 * bitmaps as mnemonics (RFC 4034 section 4.2), LOC as RFC 1876 section 3,
 * SVCB/HTTPS parameters in wire order with BIND 9.18's key names
 * (RFC 9460 appendix A), IPv6 as RFC 5952.  Each type is printed by its
 * row of the type table: its field list, or a formatter of its own.
 * Types without a text form (unknown, ZL_TYPE_NO_TEXT) are written in
 * the RFC 3597 generic form "\# <length> <HEX>" ("\# 0" when empty).
 * Returns 0 for the type's own text form, 1 when the generic form was
 * used because the type has none, -1 when the RDATA is not well-formed
 * for the type (the generic form is written then too).
 */
int zl_rdata_to_text(uint16_t type, const uint8_t *rdata, size_t rdlen,
		     struct zl_buf *out);

#endif
