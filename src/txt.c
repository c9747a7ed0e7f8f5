/* txt.c - joining TXT character-strings and locating offsets in the source. */
#include "txt.h"

void zl_txt_join(const struct zl_rr *rr, struct zl_buf *out)
{
	size_t i = 0;

	zl_buf_reset(out);
	while (i < rr->rdlen) {
		uint8_t n = rr->rdata[i++];
		if (i + n > rr->rdlen)
			n = (uint8_t)(rr->rdlen - i);
		zl_buf_put(out, rr->rdata + i, n);
		i += n;
	}
}

uint32_t zl_txt_seg_start(const struct zl_rr *rr, unsigned i)
{
	uint32_t off = 0;
	for (unsigned k = 0; k < i && k < zl_rr_nsegs(rr); k++)
		off += zl_rr_segs(rr)[k].len;
	return off;
}

void zl_txt_locate(const struct zl_rr *rr, uint32_t off, uint32_t *line,
		   uint32_t *col)
{
	if (zl_rr_nsegs(rr) == 0) {
		*line = zl_rr_rdata_line(rr);
		*col = zl_rr_rdata_col(rr);
		return;
	}
	for (unsigned k = 0; k < zl_rr_nsegs(rr); k++) {
		const struct zl_txtseg *s = &zl_rr_segs(rr)[k];
		if (off < s->len || k + 1 == zl_rr_nsegs(rr)) {
			*line = s->line;
			*col = zl_txtseg_column(s, off < s->len ? off : s->len);
			return;
		}
		off -= s->len;
	}
}
