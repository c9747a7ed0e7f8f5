/* rdata_fields.h - internal: RDATA field kinds, the token cursor and the field converters used by the type table. */
#ifndef ZL_RDATA_FIELDS_H
#define ZL_RDATA_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rdata.h"

/*
 * Kinds of RDATA field.  A type-table row lists its fields with these;
 * the same list drives the text parser, the check of RFC 3597 generic
 * RDATA and the walk that lower-cases names for the canonical form.
 */
enum zl_fkind {
	ZL_F_END = 0,
	ZL_F_NAME,	/* domain name, uncompressed wire form */
	ZL_F_U8,	/* decimal 0-255 */
	ZL_F_U16,	/* decimal 0-65535 */
	ZL_F_U32,	/* decimal 0-4294967295, no units (SOA serial, RRSIG TTL) */
	ZL_F_PERIOD,	/* 32 bits, decimal or BIND TTL units (SOA timers) */
	ZL_F_A,		/* IPv4 address, 4 octets */
	ZL_F_AAAA,	/* IPv6 address, 16 octets */
	ZL_F_STR,	/* one <character-string> */
	ZL_F_STRS,	/* one or more <character-string>s up to the end */
	ZL_F_HEX,	/* hex over the remaining tokens, at least one digit */
	ZL_F_B64,	/* base64 over the remaining tokens, at least one token */
	ZL_F_B64_0,	/* base64 over the remaining tokens, may be empty */
	ZL_F_TYPE,	/* RR type mnemonic or TYPEnnn, 16 bits */
	ZL_F_ALG,	/* DNSSEC algorithm mnemonic or number, 8 bits */
	ZL_F_KEYFLAGS,	/* DNSKEY flags: number or mnemonics joined by '|' */
	ZL_F_PROTO,	/* KEY/DNSKEY protocol: number or mnemonic */
	ZL_F_TIME,	/* RRSIG time: YYYYMMDDHHmmSS or decimal seconds */
	ZL_F_BITMAP,	/* type bitmap over the remaining tokens, may be empty */
	ZL_F_SALT,	/* hex with one length octet, "-" for empty (NSEC3) */
	ZL_F_B32,	/* base32hex with one length octet (NSEC3 next owner) */
	ZL_F_EUI48,	/* xx-xx-xx-xx-xx-xx */
	ZL_F_EUI64,	/* xx-xx-xx-xx-xx-xx-xx-xx */
	ZL_F_ILNP64,	/* xxxx:xxxx:xxxx:xxxx (L64, NID) */
	ZL_F_REST,	/* wire only: opaque octets to the end */
};

/* One field of a type: its kind and its name as used in messages. */
struct zl_field {
	uint8_t kind;		/* enum zl_fkind */
	const char *name;	/* "exchange", "preference", ... */
};

/*
 * Cursor over the RDATA tokens of one record.  Converters take the next
 * token(s), append wire octets to ctx->out and on error fill ctx->err and
 * ctx->err_tok through zl_rp_fail().
 */
struct zl_rp {
	const struct zl_token *toks;
	size_t ntoks;
	size_t i;		/* index of the next unread token */
	struct zl_rdata_ctx *ctx;
	const char *tname;	/* type mnemonic for messages ("MX") */
	uint16_t type;
	const char *last;	/* name of the field read last, for "extra RDATA after" */
};

/*
 * Set ctx->err to "<TYPE> <field>: <printf text>" (or only the printf
 * text when field is NULL) and ctx->err_tok to tok.  Returns -1.
 */
int zl_rp_fail(struct zl_rp *p, size_t tok, const char *field,
	       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Quote token t for a message: writes at most cap-1 bytes ('"' + up to
 * 40 octets of raw text + "..." + '"') into out and returns out.
 */
const char *zl_rp_quote(const struct zl_token *t, char *out, size_t cap);

/*
 * Take the next token for field; on end of input sets "missing RDATA
 * field: <TYPE> <field>" (err_tok = ntoks) and returns NULL.
 */
const struct zl_token *zl_rp_next(struct zl_rp *p, const char *field);

/* Fail with "<TYPE> <field>: "x" must not be quoted" when t is quoted; else 0. */
int zl_rp_unquoted(struct zl_rp *p, const struct zl_token *t, const char *field);

/* 0 when all tokens are used, else "extra RDATA after <TYPE> <last>" and -1. */
int zl_rp_end(struct zl_rp *p, const char *last);

/*
 * Convert one field of kind k (enum zl_fkind; ZL_F_REST is invalid here)
 * from the cursor; returns 0 or -1 with the error set.
 */
int zl_f_parse(struct zl_rp *p, unsigned k, const char *field);

/* Single-token converters: parse text s[0..len) into the out-parameter. */

/* Decimal digits only (no sign, no spaces), value <= max.  Returns true on success. */
bool zl_parse_uint(const char *s, size_t len, uint64_t max, uint64_t *v);

/* Strict dotted quad as BIND's inet_pton: 4 parts 0-255, no leading zeros. */
bool zl_parse_ipv4(const char *s, size_t len, uint8_t out[4]);

/* RFC 4291 section 2.2 text form, with optional trailing dotted quad. */
bool zl_parse_ipv6(const char *s, size_t len, uint8_t out[16]);

/*
 * Decode the <character-string> escapes (\X, \DDD with DDD <= 255) of
 * s[0..len) into out (cap octets).  Returns the decoded length, or -1 for
 * a bad escape, -2 when the result would exceed cap.
 */
long zl_decode_string(const char *s, size_t len, uint8_t *out, size_t cap);

/*
 * DNSSEC algorithm number for a mnemonic ("RSASHA256" -> 8) or decimal
 * 0-255, case-insensitive (RFC 4034 appendix A.1, IANA registry).
 */
bool zl_parse_alg(const char *s, size_t len, uint8_t *alg);

/*
 * Append the base64 (RFC 4648 section 4) data of tokens [from, to) to
 * out as one stream (whitespace between tokens is ignored, as in BIND).
 * Returns 0, or -1 with the error set naming field.
 */
int zl_f_base64_tokens(struct zl_rp *p, size_t from, size_t to,
		       const char *field);

/*
 * Type-specific parsers for rows that are not a plain field list.  Each
 * reads its fields from the cursor, appends the wire form to ctx->out and
 * returns 0, or -1 with ctx->err set; the caller then rejects leftover
 * tokens.  The RFC section is named at each definition.
 */
int zl_parse_txt(struct zl_rp *p);	/* TXT, SPF, ...: fills ctx->segs */
int zl_parse_svcb(struct zl_rp *p);	/* SVCB, HTTPS (rdata_svcb.c) */
int zl_parse_ds(struct zl_rp *p);	/* DS, CDS, TA, DLV */
int zl_parse_rrsig(struct zl_rp *p);
int zl_parse_key(struct zl_rp *p);
int zl_parse_sshfp(struct zl_rp *p);
int zl_parse_zonemd(struct zl_rp *p);
int zl_parse_nsec(struct zl_rp *p);
int zl_parse_dsync(struct zl_rp *p);
int zl_parse_uri(struct zl_rp *p);
int zl_parse_caa(struct zl_rp *p);
int zl_parse_x25(struct zl_rp *p);
int zl_parse_isdn(struct zl_rp *p);
int zl_parse_naptr(struct zl_rp *p);
int zl_parse_cert(struct zl_rp *p);
int zl_parse_nsap(struct zl_rp *p);
int zl_parse_wks(struct zl_rp *p);
int zl_parse_loc(struct zl_rp *p);	/* rdata_loc.c */
int zl_parse_apl(struct zl_rp *p);	/* rdata_loc.c */
int zl_parse_ipseckey(struct zl_rp *p);
int zl_parse_hip(struct zl_rp *p);
int zl_parse_amtrelay(struct zl_rp *p);

/*
 * Cursor over wire RDATA for the text formatters (rdata_text.c,
 * rdata_text_types.c): formatters read d[o..len) and append text to out.
 * Items are separated by one space; start is out->len where this RDATA's
 * text began, so the first item gets no separator.
 */
struct zl_wp {
	const uint8_t *d;
	size_t len;
	size_t o;		/* next unread octet */
	struct zl_buf *out;
	size_t start;
};

/* Append one space unless nothing of this RDATA has been written yet. */
void zl_t_sep(struct zl_wp *w);

/* Append the NUL-terminated text s as it is (no separator). */
void zl_t_puts(struct zl_buf *out, const char *s);

/*
 * Append s[0..n) as a quoted <character-string> as BIND 9 prints it:
 * '"' and '\\' escaped with a backslash, octets below 0x20 or above
 * 0x7e as \DDD, everything else as is (RFC 1035 section 5.1).
 */
void zl_t_string(struct zl_buf *out, const uint8_t *s, size_t n);

/* Append s[0..n) as hex digits (upper or lower case), no separators. */
void zl_t_hex(struct zl_buf *out, const uint8_t *s, size_t n, bool upper);

/* Append s[0..n) as base64 with padding (RFC 4648 section 4), one line. */
void zl_t_base64(struct zl_buf *out, const uint8_t *s, size_t n);

/*
 * Format one field of kind k (enum zl_fkind) at the cursor, preceded by
 * a separator when it produces text.  Returns 0, or -1 when the wire
 * data does not hold a well-formed field of that kind (ZL_F_REST always
 * fails: a type with opaque parts needs a formatter of its own).
 */
int zl_t_field(struct zl_wp *w, unsigned k);

/*
 * Format the fields f[] up to ZL_F_END; the data must end exactly after
 * the last one.  Returns 0 or -1.  This is the formatter of every
 * type-table row whose field list describes its wire form.
 */
int zl_t_fields(struct zl_wp *w, const struct zl_field *f);

/*
 * Text of one RDATA by a type-table row (flags, field list, formatter,
 * either may be NULL): see zl_rdata_to_text() for the contract and the
 * return value.  Called by the table in rdata.c.
 */
int zl_rdata_text_row(uint16_t flags, const struct zl_field *fields,
		      int (*print)(struct zl_wp *w), const uint8_t *rdata,
		      size_t rdlen, struct zl_buf *out);

/* A mnemonic and its number, in a table ended by { NULL, 0 }. */
struct zl_mnem {
	const char *name;
	uint16_t value;
};

/*
 * Look s[0..len) up in tab, ignoring ASCII case: true and *v set, or
 * false if the table has no such name.
 */
bool zl_find_mnem(const struct zl_mnem *tab, const char *s, size_t len,
		  uint16_t *v);

/* Mnemonic of a CERT type (RFC 4398 section 2.1), NULL if it has none. */
const char *zl_cert_type_name(uint16_t v);

/*
 * Formatters for rows whose wire form a field list cannot print
 * (rdata_text_types.c).  Each returns 0, or -1 when the RDATA is not
 * well-formed for the type (the caller then prints the RFC 3597 form).
 */
int zl_print_wks(struct zl_wp *w);
int zl_print_nsap(struct zl_wp *w);
int zl_print_loc(struct zl_wp *w);
int zl_print_apl(struct zl_wp *w);
int zl_print_cert(struct zl_wp *w);
int zl_print_ipseckey(struct zl_wp *w);
int zl_print_hip(struct zl_wp *w);
int zl_print_amtrelay(struct zl_wp *w);
int zl_print_caa(struct zl_wp *w);
int zl_print_uri(struct zl_wp *w);
int zl_print_svcb(struct zl_wp *w);
int zl_print_dsync(struct zl_wp *w);

#endif
