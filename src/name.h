/* name.h - domain names: presentation <-> wire form, comparison (RFC 1035, RFC 4343). */
#ifndef ZL_NAME_H
#define ZL_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZL_NAME_MAX 255		/* octets in wire form, RFC 1035 section 3.1 */
#define ZL_LABEL_MAX 63		/* octets in one label, RFC 1035 section 2.3.4 */
#define ZL_NAME_TEXT_MAX 1024	/* presentation form incl. \DDD escapes + NUL */

/* Result of converting a presentation-format name. */
enum zl_name_status {
	ZL_NAME_OK = 0,
	ZL_NAME_EMPTY_LABEL,	/* "a..b" or a leading dot */
	ZL_NAME_LABEL_TOO_LONG,	/* label over 63 octets */
	ZL_NAME_TOO_LONG,	/* whole name over 255 octets */
	ZL_NAME_BAD_ESCAPE,	/* "\" at the end, or \DDD over 255 / not 3 digits */
	ZL_NAME_NO_ORIGIN,	/* relative name but no origin known */
};

/*
 * Convert the presentation-format name txt[0..len) (master-file escapes
 * "\X" and "\DDD" allowed, "@" = origin) to uncompressed wire form.
 * A name not ending in an unescaped "." is relative and gets origin
 * (wire form, may be NULL) appended.  out must hold ZL_NAME_MAX octets;
 * *outlen receives the wire length (1 for the root).  Returns ZL_NAME_OK
 * or the reason it failed (RFC 1035 section 5.1).
 */
enum zl_name_status zl_name_from_text(const char *txt, size_t len,
				      const uint8_t *origin, uint8_t *out,
				      size_t *outlen);

/*
 * zl_name_from_text(), and in the same pass *odd set to what
 * zl_name_odd_octet(txt, len) returns (offset of the first unescaped odd
 * octet, or SIZE_MAX).  *odd is meaningful only when ZL_NAME_OK is
 * returned.  For the hot path: a name is read once, not twice.
 */
enum zl_name_status zl_name_from_text_odd(const char *txt, size_t len,
					  const uint8_t *origin, uint8_t *out,
					  size_t *outlen, size_t *odd);

/*
 * A name given on the command line (-o, --spf-tree): always absolute,
 * so "example" means "example."; "." is the root.  Escapes as in
 * zl_name_from_text().  Writes wire form to out (ZL_NAME_MAX octets);
 * returns false if text is not a valid name.
 */
bool zl_name_from_cli(const char *text, uint8_t *out);

/*
 * Offset in txt[0..len) (a presentation-format name as written in a zone
 * file) of the first octet outside letters, digits, "-", "_", "/", "*"
 * and the label dots that is not escaped ("\X", "\DDD"); the name "@"
 * alone has none.  Returns SIZE_MAX when there is none.  RFC 1035
 * section 5.1 lets any octet stand unescaped and BIND 9.18 loads such
 * names, but Knot DNS refuses them, and "a,b", "@@" or "host$" are
 * nearly always a typo or a template left unfilled (zone-name-character).
 */
size_t zl_name_odd_octet(const char *txt, size_t len);

/* A short lower-case phrase for a status, e.g. "label longer than 63 octets". */
const char *zl_name_strerror(enum zl_name_status st);

/*
 * Write the absolute presentation form of wire name (with trailing dot,
 * "." for the root; bytes outside [A-Za-z0-9-_*] and special characters
 * escaped as \DDD or \X) into out (cap bytes, NUL-terminated, truncated
 * if too small).  Returns the length it needed without the NUL.
 */
size_t zl_name_to_text(const uint8_t *wire, char *out, size_t cap);

/* Length in octets of a well-formed uncompressed wire name (1 for root). */
size_t zl_name_wire_len(const uint8_t *wire);

/* Number of labels, not counting the root label ("a.b." = 2). */
unsigned zl_name_label_count(const uint8_t *wire);

/* Case-insensitive (ASCII only, RFC 4343) equality of two wire names. */
bool zl_name_equal(const uint8_t *a, const uint8_t *b);

/* True if name is equal to or below parent (case-insensitive). */
bool zl_name_is_subdomain(const uint8_t *name, const uint8_t *parent);

/*
 * Hash of the wire name wire[0..len) that is the same for names differing
 * only in ASCII case, under the process's key (zl_name_hash_seed()).
 */
uint32_t zl_name_hash(const uint8_t *wire, size_t len);

/*
 * Give zl_name_hash() a random key for this process (getrandom(2); the
 * clock, process id and an address if that fails), so that no zone can
 * be written whose names all share one hash and pile up in the name
 * table, turning each look-up into a walk over all of them.  Nothing
 * zonelint prints depends on the key.  Call it once, before any thread
 * hashes; until then the key is 0.
 */
void zl_name_hash_seed(void);

/* Lower-case the ASCII letters of a wire name in place. */
void zl_name_lower(uint8_t *wire);

#endif
