/* txt.c - TXT hygiene: txt-unquoted, txt-semicolon (RFC 1035 sections 3.3.14 and 5.1). */
#include "checks.h"
#include "zonecheck.h"

/* Source column just past the text of segment s (escapes at their source width). */
static uint32_t seg_end_col(const struct zl_txtseg *s)
{
	return s->col + (s->raw_ref ? s->rawlen : s->len);
}

void zl_check_txt_rr(const struct zl_rr *rr, struct zl_sink *sink)
{
	unsigned unquoted = 0;
	const struct zl_txtseg *first = NULL;
	char type[16];

	if (!zl_rr_nsegs(rr) || (rr->type != ZC_TXT && rr->type != ZC_SPF))
		return;
	zl_type_name(rr->type, type, sizeof(type));
	for (unsigned i = 0; i < zl_rr_nsegs(rr); i++) {
		const struct zl_txtseg *s = &zl_rr_segs(rr)[i];
		if (s->quoted)
			continue;
		if (!first)
			first = s;
		unquoted++;
		if (s->semi_after)
			zl_report(sink, ZL_RULE_txt_semicolon, zl_rr_file(rr), s->line,
				  seg_end_col(s),
				  "unquoted \";\" starts a comment, so the rest of the line is not part of this %s record; put the text in double quotes",
				  type);
	}
	if (unquoted >= 2)
		zl_report(sink, ZL_RULE_txt_unquoted, zl_rr_file(rr), first->line, first->col,
			  "%s record has %u unquoted words, which become %u separate character-strings joined without spaces; put the whole text in double quotes",
			  type, unquoted, unquoted);
}
