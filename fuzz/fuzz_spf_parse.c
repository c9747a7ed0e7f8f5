/* fuzz_spf_parse.c - libFuzzer target: the SPF term parser (RFC 7208 section 12) on a joined TXT record, with the version checks, name hints and macro-string scanner on what it finds.
 *
 * Input: the record text as the rules see it (the character-strings
 * joined).  Every offset the parser returns must lie inside the text,
 * and every message must be a string: the target traps otherwise.
 */
#include <string.h>

#include "fuzz_common.h"
#include "name.h"
#include "spf.h"
#include "zonedns.h"

/* Trap unless [off, off + len) lies inside a text of n octets. */
static void inside(uint32_t off, uint32_t len, size_t n)
{
	if (off > n || len > n - off)
		__builtin_trap();
}

static void check_term(const char *txt, size_t n, const struct zl_spf_term *t)
{
	inside(t->off, t->len, n);
	inside(t->name_off, t->name_len, n);
	inside(t->arg_off, t->arg_len, n);
	if (t->kind == ZL_SPF_TERM_BAD) {
		if (!t->err)
			__builtin_trap();
		(void)strlen(t->err);
		inside(t->err_off, t->err_len, n);
		return;
	}
	if (t->cidr4 > 32 || t->cidr6 > 128)
		__builtin_trap();
	zl_spf_suggest(txt + t->name_off, t->name_len);
	zl_spf_term_queries_dns(t);
	if (t->kind == ZL_SPF_TERM_MECH)
		(void)strlen(zl_spf_mech_name(t->mech));
	if (t->arg_len) {
		uint32_t eo, el;
		const char *err;
		struct zl_spf_ms_info info;
		uint8_t wire[255];
		char back[ZL_NAME_TEXT_MAX];

		if (!zl_spf_scan_macro_string(txt + t->arg_off, t->arg_len,
					      ZL_SPF_MS_DOMAIN_SPEC, &info, &eo, &el, &err))
			inside(eo, el, t->arg_len);
		else if (zl_dns_name_from_spf(txt + t->arg_off, t->arg_len, wire))
			zl_dns_name_to_spf(wire, back, sizeof(back));
		zl_spf_check_macro_string(txt + t->arg_off, t->arg_len, false, &eo, &err);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* one arena for the whole run, reset per input as the rules reuse theirs */
	static struct zl_arena a;
	const char *txt = (const char *)data;
	struct zl_spf_record rec;
	uint32_t off;

	if (size > UINT32_MAX)
		return 0;
	if (zl_spf_version_typo(txt, size, &off) && off > size)
		__builtin_trap();
	int r = zl_spf_parse(txt, size, &rec, &a);
	if ((r == 0) != zl_spf_is_record(txt, size))
		__builtin_trap();
	size_t nbad = 0;
	for (size_t i = 0; i < rec.nterms; i++) {
		check_term(txt, size, &rec.terms[i]);
		nbad += rec.terms[i].kind == ZL_SPF_TERM_BAD;
	}
	if (nbad != rec.nbad || rec.redirect_idx >= (int)rec.nterms ||
	    rec.exp_idx >= (int)rec.nterms)
		__builtin_trap();
	zl_arena_reset(&a);
	return 0;
}
