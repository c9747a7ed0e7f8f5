/* txt.c - joining TXT character-strings, locating offsets in the source, and which TXT RRs the model keeps as digests. */
#include "txt.h"

#include <assert.h>
#include <string.h>
#include <xxhash.h>

#define TYPE_TXT 16

void zl_txt_join(const struct zl_rr *rr, struct zl_buf *out)
{
	size_t i = 0;

	zl_buf_reset(out);
	if (zl_rr_digested(rr))
		return;
	while (i < rr->dlen) {	/* TXT-like: never cut (zl_rr_tail_name_at()) */
		uint8_t n = rr->data[i++];
		if (i + n > rr->dlen)
			n = (uint8_t)(rr->dlen - i);
		zl_buf_put(out, rr->data + i, n);
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

/* TXT-like RDATA read as its joined text, one octet at a time, without copying it. */
struct joined {
	const uint8_t *rdata;
	size_t rdlen;
	size_t i;		/* next octet of rdata */
	size_t left;		/* octets left in the current character-string */
};

/* The next octet of the joined text, or -1 at its end. */
static int joined_next(struct joined *j)
{
	while (!j->left) {
		if (j->i >= j->rdlen)
			return -1;
		j->left = j->rdata[j->i++];
		if (j->i + j->left > j->rdlen)
			j->left = j->rdlen - j->i;
	}
	j->left--;
	return j->rdata[j->i++];
}

/* The next octet of j that is not a space or a tab, or -1. */
static int joined_next_nonblank(struct joined *j)
{
	int ch;

	do
		ch = joined_next(j);
	while (ch == ' ' || ch == '\t');
	return ch;
}

bool zl_txt_spf_candidate(const uint8_t *rdata, size_t rdlen)
{
	struct joined j = { rdata, rdlen, 0, 0 };
	int ch;

	do
		ch = joined_next(&j);
	while (ch == ' ' || ch == '\t' || ch == '"' || ch == '\'' ||
	       ch == 0xef || ch == 0xbb || ch == 0xbf);
	if (ch == 's' || ch == 'S')
		return true;	/* "spf1" without "v=" */
	if (ch != 'v' && ch != 'V')
		return false;
	ch = joined_next_nonblank(&j);
	if (ch != '=' && ch != ':')
		return false;
	ch = joined_next_nonblank(&j);
	return ch == 's' || ch == 'S';
}

bool zl_txt_digestible(const struct zl_record *rec)
{
	return rec->type == TYPE_TXT && rec->rdlen > ZL_RR_DIGEST_LEN &&
	       !zl_txt_spf_candidate(rec->rdata, rec->rdlen);
}

bool zl_txt_digest_segs(const struct zl_record *rec)
{
	for (size_t i = 0; i < rec->nsegs; i++)
		if (!rec->segs[i].quoted)
			return true;
	return false;
}

void zl_txt_digest(const uint8_t *rdata, size_t rdlen, uint8_t *out)
{
	XXH128_canonical_t c;

	static_assert(sizeof(c.digest) == ZL_RR_DIGEST_LEN, "an XXH128 hash is as long as a digest");
	XXH128_canonicalFromHash(&c, XXH3_128bits(rdata, rdlen));
	out[0] = ZL_RR_DIGEST_MARK;
	memcpy(out + 1, c.digest, ZL_RR_DIGEST_LEN - 1);
}
