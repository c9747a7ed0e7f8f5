/* txt.h - TXT-like RDATA as one joined string, and offsets in it mapped back to the source (RFC 7208 section 3.3). */
#ifndef ZL_TXT_H
#define ZL_TXT_H

#include <stdint.h>

#include "arena.h"
#include "zone.h"

/*
 * Write the character-strings of a TXT-like RR (TXT, SPF) concatenated
 * without separators, as RFC 7208 section 3.3 reads them, into out
 * (reset first; no NUL added).
 */
void zl_txt_join(const struct zl_rr *rr, struct zl_buf *out);

/*
 * Map octet offset off of the joined text of rr to its source position:
 * the character-string holding it, then the column inside that string
 * (escapes counted at their source width).  Offsets past the end map to
 * the end of the last string.
 */
void zl_txt_locate(const struct zl_rr *rr, uint32_t off, uint32_t *line,
		   uint32_t *col);

/*
 * Octet offset in the joined text where character-string i starts
 * (i < rr->nsegs).
 */
uint32_t zl_txt_seg_start(const struct zl_rr *rr, unsigned i);

#endif
