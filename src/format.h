/* format.h - helpers the formatters share (format.c); not part of the sink's interface. */
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

/*
 * Write str to out with every control octet (below 0x20, and 0x7f) as
 * the master-file escape \DDD, three decimal digits (RFC 1035 section
 * 5.1): zone data in a message can neither drive a terminal (ESC) nor
 * split one finding over several lines (CR, LF).  For gcc and tty output.
 */
void zl_fput_text(const char *str, FILE *out);

/* As zl_fput_text(), but a tab is written as it is: a source line quoted
 * under a finding (tty), whose caret line copies the tabs to line up. */
void zl_fput_line(const char *str, FILE *out);

/* The \DDD form zl_fput_text() gives octet c, or NULL if c is written as it is. */
const char *zl_control_escape(unsigned char c, char buf[5]);

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
