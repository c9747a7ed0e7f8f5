/* txt.h - TXT-like RDATA as one joined string, and offsets in it mapped back to the source (RFC 7208 section 3.3). */
#ifndef ZL_TXT_H
#define ZL_TXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "zone.h"

/*
 * Write the character-strings of a TXT-like RR (TXT, SPF) concatenated
 * without separators, as RFC 7208 section 3.3 reads them, into out
 * (reset first; no NUL added).  A digested RR (zl_rr_digested()) has no
 * text to read: out is left empty.
 */
void zl_txt_join(const struct zl_rr *rr, struct zl_buf *out);

/*
 * False when the joined text of TXT-like RDATA (rdata, rdlen octets,
 * wire form) is certainly neither an SPF record (zl_spf_is_record()) nor
 * meant as one (zl_spf_version_typo()), judged from its first octets:
 * both need, after what zl_spf_version_typo() skips (blanks, quotes, a
 * UTF-8 BOM; here any octet of one), "s" or "v", blanks, "=" or ":",
 * blanks, "s" (any case).  True means maybe: the caller joins the text
 * and asks them.  Most TXT records of a zone (site verification, DKIM,
 * DMARC) are turned away here without reading their whole text.
 */
bool zl_txt_spf_candidate(const uint8_t *rdata, size_t rdlen);

/*
 * True when no rule reads the text of rec after loading, so that the
 * zone model may keep its digest instead (zl_rr_digested(),
 * zl_load_opts.digest_text): a TXT record (type 16) whose RDATA is
 * longer than its digest and which is no SPF candidate
 * (zl_txt_spf_candidate(): the SPF family reads those).  It depends on
 * the RDATA alone, never on how the file writes it, so that two RRs
 * with the same RDATA are both digested or both not (RFC 2181 section
 * 5: zone-duplicate-rr and the serial check compare them).  A rule that
 * comes to read the text of other TXT records after loading must keep
 * them here.
 */
bool zl_txt_digestible(const struct zl_record *rec);

/*
 * True when a digested rec must keep its character-strings' positions
 * (zl_rr_segs()): some string is unquoted, and txt-unquoted and
 * txt-semicolon read those (not the text).
 */
bool zl_txt_digest_segs(const struct zl_record *rec);

/*
 * The digest that stands for RDATA rdata (rdlen octets) in a digested
 * RR, ZL_RR_DIGEST_LEN octets written to out: ZL_RR_DIGEST_MARK, then
 * the first 15 octets of the XXH3 128-bit hash in canonical
 * (big-endian) form.
 */
void zl_txt_digest(const uint8_t *rdata, size_t rdlen, uint8_t *out);

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
