/* generate.c - BIND's $GENERATE directive: "$GENERATE start-stop[/step] lhs [ttl] [class] type rhs". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_state.h"

/* Parse a decimal number 0..2^31-1 from s[0..len); false if not one. */
static bool number(const char *s, size_t len, uint32_t *out)
{
	uint64_t v = 0;
	if (len == 0 || len > 10)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > 0x7fffffffu)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* "start-stop[/step]" */
static bool parse_range(const char *s, size_t len, uint32_t *start,
			uint32_t *stop, uint32_t *step)
{
	const char *dash = memchr(s, '-', len);
	if (!dash)
		return false;
	const char *slash = memchr(dash, '/', len - (size_t)(dash - s));
	size_t stoplen = (size_t)((slash ? slash : s + len) - dash - 1);
	*step = 1;
	if (!number(s, (size_t)(dash - s), start) ||
	    !number(dash + 1, stoplen, stop))
		return false;
	if (slash && !number(slash + 1, len - (size_t)(slash + 1 - s), step))
		return false;
	return *step > 0;
}

/*
 * Substitute the iterator into template t[0..len): "$" is the value,
 * "${offset[,width[,base]]}" (base d, o, x, X, n, N) formats it, "\$" is
 * a literal "$".  Output to out (cap bytes).  Returns the length, or -1
 * with *err set on a bad modifier or overflow.
 */
static long substitute(const char *t, size_t len, uint32_t value, char *out,
		       size_t cap, const char **err)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char piece[64];
		size_t plen;
		if (t[i] == '\\' && i + 1 < len && t[i + 1] == '$') {
			piece[0] = '$';
			plen = 1;
			i++;
		} else if (t[i] != '$') {
			piece[0] = t[i];
			plen = 1;
		} else if (i + 1 < len && t[i + 1] == '{') {
			const char *end = memchr(t + i, '}', len - i);
			long offset = 0;
			unsigned width = 0;
			char base = 'd';
			if (!end) {
				*err = "\"${\" without a closing \"}\"";
				return -1;
			}
			char mod[32];
			size_t mlen = (size_t)(end - (t + i + 2));
			if (mlen >= sizeof(mod)) {
				*err = "$GENERATE modifier too long";
				return -1;
			}
			memcpy(mod, t + i + 2, mlen);
			mod[mlen] = '\0';
			char b = 0;
			int used = -1;
			/* the whole modifier must match, as in BIND: "${1,0,dx}" is garbage */
			int n = sscanf(mod, "%ld,%u,%c%n", &offset, &width, &b, &used);
			if (n == 1 || n == 2) {
				used = -1;
				if (n == 1)
					sscanf(mod, "%*d%n", &used);
				else
					sscanf(mod, "%*d,%*u%n", &used);
			}
			if (n < 1 || used != (int)mlen || width > 32 ||
			    offset > 0x7fffffffL || offset < -0x7fffffffL) {
				*err = "bad $GENERATE modifier: use ${offset[,width[,base]]}";
				return -1;
			}
			if (n == 3)
				base = b;
			if (!strchr("doxXnN", base)) {
				*err = "bad $GENERATE base: use d, o, x, X, n or N";
				return -1;
			}
			long long v = (long long)value + offset;
			if (v > 0x7fffffffLL) {
				*err = "$GENERATE value plus offset is out of range (over 2147483647)";
				return -1;
			}
			if (v < 0 && base != 'd')
				v = (long long)(uint32_t)v;	/* as BIND prints a negative int in hex */
			if (base == 'n' || base == 'N') {
				/* nibbles, least significant first, dot-separated (reverse IPv6) */
				char hex[32];
				int hl = snprintf(hex, sizeof(hex), base == 'n' ? "%0*llx" : "%0*llX",
						  (int)width, v);
				plen = 0;
				for (int k = hl - 1; k >= 0 && plen + 2 < sizeof(piece); k--) {
					piece[plen++] = hex[k];
					if (k)
						piece[plen++] = '.';
				}
			} else {
				const char *fmt = base == 'o' ? "%0*llo" : base == 'x' ? "%0*llx" :
						  base == 'X' ? "%0*llX" : "%0*lld";
				plen = (size_t)snprintf(piece, sizeof(piece), fmt, (int)width, v);
			}
			i = (size_t)(end - t);
		} else {
			plen = (size_t)snprintf(piece, sizeof(piece), "%u", value);
		}
		if (o + plen >= cap) {
			*err = "$GENERATE result too long";
			return -1;
		}
		memcpy(out + o, piece, plen);
		o += plen;
	}
	out[o] = '\0';
	return (long)o;
}

void zl_p_generate(struct zl_file_state *fs)
{
	const struct zl_ptok *d = &fs->toks[fs->directive];
	uint32_t line = d->line, col = d->col;
	int a = fs->directive + 1;
	int nargs = (int)fs->ntoks - a;
	uint32_t start, stop, step;
	uint16_t cls;

	if (nargs < 4) {
		zl_p_error(fs, line, col,
			   "$GENERATE needs a range, an owner template, a type and an RDATA template");
		return;
	}
	/* copy the arguments: the line's token buffer is reused per record */
	size_t textlen = fs->text.len;
	char *text = zl_xmalloc(textlen + 1);
	memcpy(text, fs->text.data, textlen);
	size_t ntok = (size_t)nargs;
	struct zl_ptok *tok = zl_xmalloc(ntok * sizeof(*tok));
	memcpy(tok, fs->toks + a, ntok * sizeof(*tok));

	const char *errmsg = NULL;
	if (!parse_range(text + tok[0].off, tok[0].len, &start, &stop, &step)) {
		zl_p_error(fs, tok[0].line, tok[0].col,
			   "$GENERATE range \"%.*s\" must be start-stop[/step] with 0 <= start <= stop <= 2147483647",
			   ZL_ECHO(tok[0].len), text + tok[0].off);
		goto out;
	}
	if (start > stop) {
		zl_p_error(fs, tok[0].line, tok[0].col,
			   "$GENERATE range starts after it stops");
		goto out;
	}
	if ((stop - start) / step + 1 > ZL_MAX_GENERATE) {
		zl_p_limit(fs, tok[0].line, tok[0].col,
			   "$GENERATE range makes %u records; the limit is %u",
			   (stop - start) / step + 1, (unsigned)ZL_MAX_GENERATE);
		goto out;
	}

	/* lhs [ttl] [class] type rhs... */
	size_t k = 2;
	int ttl_i = -1, cls_i = -1;
	for (int rep = 0; rep < 2 && k < ntok; rep++) {
		const char *w = text + tok[k].off;
		if (ttl_i < 0 && w[0] >= '0' && w[0] <= '9')
			ttl_i = (int)k++;
		else if (cls_i < 0 && zl_class_from_text(w, tok[k].len, &cls))
			cls_i = (int)k++;
	}
	if (k >= ntok) {
		zl_p_error(fs, line, col, "$GENERATE: record type missing");
		goto out;
	}
	const struct zl_type_info *ti = zl_type_by_name(text + tok[k].off, tok[k].len);
	if (!ti) {
		zl_p_error(fs, tok[k].line, tok[k].col,
			   "$GENERATE: \"%.*s\" is not a known record type",
			   ZL_ECHO(tok[k].len), text + tok[k].off);
		goto out;
	}
	size_t type_i = k++;
	if (k >= ntok) {
		zl_p_error(fs, line, col, "$GENERATE: RDATA template missing");
		goto out;
	}
	/* the RDATA template: the remaining words, quoted ones re-quoted */
	char rhs[2048];
	size_t rl = 0;
	for (; k < ntok && rl + tok[k].len + 4 < sizeof(rhs); k++) {
		if (rl)
			rhs[rl++] = ' ';
		if (tok[k].quoted)
			rhs[rl++] = '"';
		memcpy(rhs + rl, text + tok[k].off, tok[k].len);
		rl += tok[k].len;
		if (tok[k].quoted)
			rhs[rl++] = '"';
	}

	struct zl_synth_pos pos = { line, tok[1].col, tok[type_i].col, tok[type_i + 1].col };
	if (tok[type_i + 1].line != line || tok[1].line != line)
		pos.line = tok[type_i + 1].line;	/* a directive across lines: keep the RDATA's */
	for (uint64_t v = start; v <= stop; v += step) {
		char owner[1024], rdata[4096];
		long ol = substitute(text + tok[1].off, tok[1].len, (uint32_t)v,
				     owner, sizeof(owner), &errmsg);
		long dl = ol < 0 ? -1 : substitute(rhs, rl, (uint32_t)v, rdata,
						   sizeof(rdata), &errmsg);
		if (ol < 0 || dl < 0) {
			zl_p_error(fs, line, col, "%s", errmsg);
			break;
		}
		/* the parser's errors only: the records --syntax-only checks
		 * as they come report theirs to the same sink, and a record a
		 * rule finds fault with is still made (as -j 1's full lint,
		 * and named, make every one) */
		size_t before = fs->ld->sink->count[ZL_ERROR] - fs->ld->record_errors;
		zl_p_synth_entry(fs, owner, (size_t)ol,
				 ttl_i >= 0 ? text + tok[ttl_i].off : NULL,
				 ttl_i >= 0 ? tok[ttl_i].len : 0,
				 cls_i >= 0 ? text + tok[cls_i].off : NULL,
				 cls_i >= 0 ? tok[cls_i].len : 0,
				 ti->number, text + tok[type_i].off, tok[type_i].len,
				 rdata, (size_t)dl, &pos);
		if (fs->ld->sink->count[ZL_ERROR] - fs->ld->record_errors != before)
			break;	/* one diagnostic for the directive, not one per value */
	}
out:
	free(tok);
	free(text);
}
