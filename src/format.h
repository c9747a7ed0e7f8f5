/* format.h - helpers the JSON-based formatters share (format.c); not part of the sink's interface. */
#ifndef ZL_FORMAT_H
#define ZL_FORMAT_H

#include <stdio.h>

#include <jansson.h>

#include "diag.h"

/*
 * A malloc'd copy of str that is valid UTF-8: every byte that does not
 * start a well-formed sequence (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF) is replaced by U+FFFD.  jansson refuses strings
 * that are not valid UTF-8, and zone files and file names may hold any byte.
 * Never returns NULL (aborts when out of memory).
 */
char *zl_utf8_clean(const char *str);

/* A new JSON string holding zl_utf8_clean(str); never NULL. */
json_t *zl_json_text(const char *str);

/*
 * The malloc'd documentation reference of a rule:
 * "zonelint --explain RULE (RFC ... section ...)".
 */
char *zl_rule_doc(const struct zl_rule_info *r);

/* Write doc to out, two-space indented, keys in insertion order, then a newline. */
void zl_json_dump(json_t *doc, FILE *out);

#endif
