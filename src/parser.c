/* parser.c - master-file reading driver: runs scanner and grammar per file, turns entries into records (or, in a split read, hands the lines to src/entries.c), handles $ORIGIN/$TTL/$INCLUDE. */
#include "parser.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse_state.h"
#include "path.h"

#include "rdata_fields.h"
#include "zone_parser.h"
#include "zone_scanner.h"

static enum zl_parse_result read_stream(struct zl_loader *ld, FILE *fp,
					const char *display, int depth,
					const uint8_t *origin,
					const struct zl_file_state *parent);

/* ---- called by the scanner ------------------------------------------------ */

/*
 * Cut the lines of buf[0..n) that grow past ZL_MAX_LINE octets: the first
 * octet past the limit becomes a NUL, which the scanner reports (see
 * zl_p_at_cut), and the rest of the line is dropped, its line end kept.
 * Line ends are LF, CRLF and a lone CR, counted as the scanner counts
 * them.  Works in place; returns the octets kept.
 *
 * Most blocks hold no CR and no line near the limit: those are only
 * measured, a line at a time with memchr().  The octet-by-octet loop
 * takes over for the rest of a block at a line that must be cut, or for
 * a block with a CR in it.
 */
static size_t cut_long_lines(struct zl_file_state *fs, char *buf, size_t n)
{
	size_t i = 0;

	if (!fs->rd_skip && !memchr(buf, '\r', n)) {
		while (i < n) {
			const char *nl = memchr(buf + i, '\n', n - i);
			size_t end = nl ? (size_t)(nl - buf) : n;
			if (fs->rd_run + (end - i) > ZL_MAX_LINE)
				break;		/* this line is cut: the loop below */
			fs->rd_run += (uint32_t)(end - i);
			if (end > i)
				fs->rd_cr = false;
			if (!nl)
				return n;
			if (!fs->rd_cr)
				fs->rd_ends++;
			fs->rd_cr = false;
			fs->rd_run = 0;
			i = end + 1;
		}
		if (i == n)
			return n;
	}
	size_t o = i;
	for (; i < n; i++) {
		char c = buf[i];
		if (c == '\n' || c == '\r') {
			if (c == '\r' || !fs->rd_cr)
				fs->rd_ends++;
			fs->rd_cr = c == '\r';
			fs->rd_run = 0;
			fs->rd_skip = false;
		} else {
			fs->rd_cr = false;
			if (fs->rd_skip)
				continue;
			if (fs->rd_run == ZL_MAX_LINE) {
				fs->rd_skip = true;
				fs->cut_line = fs->rd_ends + 1;
				c = '\0';
			} else {
				fs->rd_run++;
			}
		}
		buf[o++] = c;
	}
	return o;
}

size_t zl_p_read(struct zl_file_state *fs, char *buf, size_t max)
{
	for (;;) {
		size_t n = fread(buf, 1, max, fs->fp);
		if (n == 0) {
			if (ferror(fs->fp) && !fs->read_errno)
				fs->read_errno = errno ? errno : EIO;
			return 0;
		}
		if (fs->depth == 0) {
			/* a split read makes its records on the other side */
			const struct zl_split_hooks *h = fs->ld->split;
			uint32_t records = h && h->records ?
				atomic_load_explicit(h->records, memory_order_relaxed) :
				fs->ld->nrecords;
			zl_progress_add(&fs->ld->progress, n, records);
			if (fs->ld->opts->octets_read)
				atomic_fetch_add_explicit(fs->ld->opts->octets_read, n,
							  memory_order_relaxed);
		}
		/* a block wholly inside a cut line keeps nothing: read on,
		 * since 0 would be taken for the end of the file */
		n = cut_long_lines(fs, buf, n);
		if (n > 0)
			return n;
	}
}

bool zl_p_at_cut(struct zl_file_state *fs, int *line, int *col)
{
	if (fs->cut_line == 0 || fs->line != fs->cut_line || fs->col <= ZL_MAX_LINE)
		return false;
	snprintf(fs->lex_buf, sizeof(fs->lex_buf),
		 "line is longer than %u octets, the limit; the rest of it is not read",
		 ZL_MAX_LINE);
	fs->lex_error = fs->lex_buf;
	fs->lex_limit = true;
	*line = (int)fs->cut_line;
	*col = (int)ZL_MAX_LINE + 1;
	fs->cut_line = 0;
	return true;
}

int zl_p_push_token_slow(struct zl_file_state *fs, const char *text, size_t len,
			 uint32_t line, uint32_t col, bool quoted)
{
	if (len > ZL_MAX_TOKEN) {
		snprintf(fs->lex_buf, sizeof(fs->lex_buf),
			 "%s is %zu octets; the limit is %u",
			 quoted ? "quoted string" : "word", len, ZL_MAX_TOKEN);
		fs->lex_error = fs->lex_buf;
		fs->lex_limit = true;
		return -1;
	}
	if (fs->offset - fs->entry_start > ZL_MAX_ENTRY) {
		/* the tokens of an entry in parentheses are kept until its
		 * end: past the limit keep none, so memory stays bounded */
		snprintf(fs->lex_buf, sizeof(fs->lex_buf),
			 "entry spans more than %u octets, the limit (it starts on line %u); the rest of it is skipped",
			 ZL_MAX_ENTRY, fs->ntoks ? fs->toks[0].line : line);
		fs->lex_error = fs->lex_buf;
		fs->lex_limit = true;
		return -1;
	}
	if (fs->ntoks == fs->captoks) {
		fs->captoks = fs->captoks ? fs->captoks * 2 : 64;
		fs->toks = zl_xrealloc(fs->toks, fs->captoks * sizeof(*fs->toks));
	}
	struct zl_ptok *t = &fs->toks[fs->ntoks];
	t->off = (uint32_t)fs->text.len;
	t->len = (uint32_t)len;
	t->line = line;
	t->col = col;
	t->quoted = quoted;
	t->semi_after = false;
	zl_buf_put(&fs->text, text, len);
	return (int)fs->ntoks++;
}

void zl_p_comment_touch(struct zl_file_state *fs, uint32_t line, uint32_t col)
{
	struct zl_ptok *t = fs->ntoks ? &fs->toks[fs->ntoks - 1] : NULL;

	if (t && !t->quoted && t->line == line && t->col + t->len == col)
		t->semi_after = true;
}

void zl_p_comment(struct zl_file_state *fs, const char *text, size_t len,
		  uint32_t line, uint32_t col, bool own_line)
{
	const struct zl_parse_opts *o = fs->ld->opts;
	if (o->on_comment)
		o->on_comment(o->ctx, fs->file, line, col, text, len, own_line);
}

/* The grammar token of a word the tables call kind (value: its class or
 * type number), noting the entry's class or type in fs. */
static int classify_as(struct zl_file_state *fs, enum zl_word kind, uint16_t value)
{
	switch (kind) {
	case ZL_WORD_CLASS:
		if (fs->class_tok < 0)
			fs->rclass = value;	/* the entry's class */
		return TOK_CLASS;
	case ZL_WORD_TYPE:
		fs->type = value;
		return TOK_TYPE;
	case ZL_WORD_OTHER:
		break;
	}
	return TOK_UNKNOWN;
}

int zl_p_classify(struct zl_file_state *fs, const char *text, size_t len)
{
	uint16_t v;

	if (text[0] >= '0' && text[0] <= '9')
		return TOK_TTLV;
	enum zl_word kind = zl_word_kind(text, len, &v);
	return classify_as(fs, kind, v);
}

/* The keywords' mnemonics (enum zl_p_keyword order), and what the
 * tables say each is, looked up once. */
static const char *const keyword_text[ZL_NKW] = {
	"IN", "A", "AAAA", "NS", "MX", "TXT", "CNAME", "SOA", "SRV", "CAA", "PTR",
};
static struct {
	enum zl_word kind;
	uint16_t value;
} keywords[ZL_NKW];
static pthread_once_t keywords_once = PTHREAD_ONCE_INIT;

static void keywords_init(void)
{
	for (size_t k = 0; k < ZL_NKW; k++)
		keywords[k].kind = zl_word_kind(keyword_text[k], strlen(keyword_text[k]),
						&keywords[k].value);
}

int zl_p_classify_keyword(struct zl_file_state *fs, enum zl_p_keyword k)
{
	pthread_once(&keywords_once, keywords_init);
	return classify_as(fs, keywords[k].kind, keywords[k].value);
}

void zl_p_reset_line(struct zl_file_state *fs)
{
	fs->ntoks = 0;
	zl_buf_reset(&fs->text);
	fs->owner_tok = -2;
	fs->ttl_tok = fs->class_tok = fs->type_tok = fs->directive = -1;
	fs->lex_error = NULL;
	fs->lex_limit = false;
	fs->entry_start = fs->offset;
}

void zl_p_report(struct zl_file_state *fs, enum zl_rule rule, uint32_t line,
		 uint32_t col, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	zl_report(fs->ld->sink, rule, fs->file, line, col, "%s", msg);
}

/*
 * zone-name-character: name txt[0..len), read as what ("owner", "MX
 * exchange", "$ORIGIN"), has an unescaped odd octet at offset off
 * (zl_name_odd_octet()); the token starts at line:col.
 */
static void report_odd_name(struct zl_file_state *fs, const char *what,
			    const char *txt, size_t len, size_t off,
			    uint32_t line, uint32_t col)
{
	unsigned char c = (unsigned char)txt[off];
	char shown[16];

	if (c == '@' && strcmp(what, "SOA rname") == 0 && len < ZL_NAME_TEXT_MAX) {
		/* the classic: a mail address where RFC 1035 section 8 wants a name */
		char fixed[ZL_NAME_TEXT_MAX];
		memcpy(fixed, txt, len);
		fixed[off] = '.';
		zl_report(fs->ld->sink, ZL_RULE_zone_name_character, fs->file, line,
			  col + (uint32_t)off,
			  "SOA rname \"%.*s\" is written as a mail address; the mailbox is a name with its first dot for the \"@\": \"%.*s\" (RFC 1035 section 8)",
			  (int)len, txt, (int)len, fixed);
		return;
	}
	if (c > 0x20 && c < 0x7f)
		snprintf(shown, sizeof(shown), "'%c'", c);
	else
		snprintf(shown, sizeof(shown), "octet \\%03u", c);
	zl_report(fs->ld->sink, ZL_RULE_zone_name_character, fs->file, line,
		  col + (uint32_t)off,
		  "%s \"%.*s%s\": unescaped %s in a name; Knot DNS refuses it and it is rarely meant (write \\%03u if it is)",
		  what, ZL_ECHO(len), txt, ZL_ECHO_MORE(len), shown, c);
}

/* The same for name token i, if it has such an octet; returns 1 if it reported. */
static unsigned check_odd_token(struct zl_file_state *fs, const char *what, int i)
{
	const struct zl_ptok *t = &fs->toks[i];
	const char *txt = zl_ptok_text(fs, i);
	size_t off = zl_name_odd_octet(txt, t->len);

	if (off == SIZE_MAX)
		return 0;
	report_odd_name(fs, what, txt, t->len, off, t->line, t->col);
	return 1;
}

/* ---- origin ------------------------------------------------------------------- */

void zl_p_announce_origin(struct zl_loader *ld, const uint8_t *origin,
			  const char *source)
{
	if (ld->origin_announced)
		return;
	ld->origin_announced = true;
	ld->zone_origin_len = zl_name_wire_len(origin);
	memcpy(ld->zone_origin, origin, ld->zone_origin_len);
	if (ld->opts->on_origin)
		ld->opts->on_origin(ld->opts->ctx, origin, source);
}

/*
 * The origin is needed (a relative name or "@") but none is set: take it
 * from the file name if allowed.  Returns true if fs now has an origin.
 */
static bool need_origin(struct zl_file_state *fs, uint32_t line, uint32_t col)
{
	struct zl_loader *ld = fs->ld;
	uint8_t o[ZL_NAME_MAX];

	if (fs->have_origin)
		return true;
	if (fs->depth == 0 && !ld->origin_announced &&
	    ld->opts->infer_from_filename &&
	    zl_origin_from_filename(ld->opts->path, o)) {
		memcpy(fs->origin, o, zl_name_wire_len(o));
		fs->have_origin = true;
		zl_p_announce_origin(ld, o, "file name");
		return true;
	}
	if (!ld->failed_origin) {
		ld->failed_origin = true;
		zl_p_error(fs, line, col,
			   "relative name but the origin is unknown: give it with -o NAME or a $ORIGIN line");
		zl_sink_mark_fatal(ld->sink);	/* exit status 3 */
	}
	return false;
}

bool zl_origin_from_filename(const char *path, uint8_t *out)
{
	const char *base = strrchr(path, '/');
	size_t len, outlen;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 3 && strncmp(base, "db.", 3) == 0) {
		base += 3;
		len -= 3;
	} else if (len > 5 && strcmp(base + len - 5, ".zone") == 0) {
		len -= 5;
	} else if (len > 3 && strcmp(base + len - 3, ".db") == 0) {
		len -= 3;
	} else {
		return false;
	}
	if (len && base[len - 1] == '.')
		len--;
	if (len == 0)
		return false;
	/*
	 * Only a name that looks like a zone: at least two labels, and a last
	 * label that is not all digits ("db.cosi" or "db.lab.rvs.144" are
	 * file-naming habits, not origins).  Reverse zones are named in full
	 * (db.144.153.128.in-addr.arpa) or need -o.
	 */
	const char *dot = memchr(base, '.', len);
	if (!dot)
		return false;
	const char *last = base + len;
	while (last > base && last[-1] != '.')
		last--;
	bool digits = true;
	for (const char *p = last; p < base + len; p++)
		digits &= *p >= '0' && *p <= '9';
	if (digits)
		return false;
	char tmp[ZL_NAME_TEXT_MAX];
	if (len + 2 > sizeof(tmp))
		return false;
	memcpy(tmp, base, len);
	tmp[len] = '.';
	return zl_name_from_text(tmp, len + 1, NULL, out, &outlen) == ZL_NAME_OK;
}

/* ---- entries ------------------------------------------------------------------- */

/*
 * Parse the TTL in token i ($TTL or a record's).  BIND 9 loads values
 * 2^31..2^32-1 with a warning and uses 0 (RFC 2181 section 8 caps TTLs at
 * 2^31-1); larger or malformed values are errors.  Returns false after
 * reporting an error.
 */
static bool token_ttl(struct zl_file_state *fs, int i, const char *what,
		      uint32_t *ttl)
{
	const struct zl_ptok *t = &fs->toks[i];
	const char *txt = zl_ptok_text(fs, i);

	switch (zl_ttl_parse(txt, t->len, ttl)) {
	case ZL_TTL_OK:
		return true;
	case ZL_TTL_OVER_MAX:
		zl_report_sev(fs->ld->sink, ZL_RULE_zone_syntax, ZL_WARNING, fs->file,
			      t->line, t->col,
			      "%s %.*s%s is above 2147483647 (RFC 2181 section 8); named loads it as 0",
			      what, ZL_ECHO(t->len), txt, ZL_ECHO_MORE(t->len));
		*ttl = 0;
		return true;
	case ZL_TTL_BAD:
		break;
	}
	zl_p_error(fs, t->line, t->col,
		   "%s \"%.*s%s\" is not a valid TTL (seconds, or units like 1h30m)",
		   what, ZL_ECHO(t->len), txt, ZL_ECHO_MORE(t->len));
	return false;
}

/*
 * Report name token i (the owner, or a directive's name: what says which)
 * that did not convert: zone-name-length for a label or name too long
 * (RFC 1035 section 2.3.4), zone-syntax for anything else.
 */
static void name_error(struct zl_file_state *fs, int i, const char *what,
		       enum zl_name_status st)
{
	const struct zl_ptok *t = &fs->toks[i];
	const char *txt = zl_ptok_text(fs, i);

	if (st == ZL_NAME_LABEL_TOO_LONG || st == ZL_NAME_TOO_LONG)
		zl_report(fs->ld->sink, ZL_RULE_zone_name_length, fs->file, t->line,
			  t->col, "%s \"%.*s%s\": %s (RFC 1035 section 2.3.4)", what,
			  ZL_ECHO(t->len), txt, ZL_ECHO_MORE(t->len), zl_name_strerror(st));
	else
		zl_p_error(fs, t->line, t->col, "%s \"%.*s%s\": %s", what,
			   ZL_ECHO(t->len), txt, ZL_ECHO_MORE(t->len), zl_name_strerror(st));
}

/*
 * Convert name token i against the current origin; reports and returns
 * false on error.  *odd: as zl_name_odd_octet() on the token's text.
 */
static bool token_name(struct zl_file_state *fs, int i, uint8_t *out, size_t *outlen,
		       size_t *odd)
{
	const struct zl_ptok *t = &fs->toks[i];
	const char *txt = zl_ptok_text(fs, i);
	bool relative = !(t->len > 0 && txt[t->len - 1] == '.' &&
			  !(t->len > 1 && txt[t->len - 2] == '\\'));

	if (relative && !fs->have_origin && !need_origin(fs, t->line, t->col))
		return false;
	enum zl_name_status st = zl_name_from_text_odd(txt, t->len,
						       fs->have_origin ? fs->origin : NULL,
						       out, outlen, odd);
	if (st != ZL_NAME_OK) {
		name_error(fs, i, "owner", st);
		return false;
	}
	return true;
}

/*
 * An NS, MX or SRV target written as an IPv6 address ("2001:db8::53"):
 * zone-target-address reports that mistake by its name, so its ':' is
 * not reported again as zone-name-character.
 */
static bool target_is_v6_literal(uint16_t type, const struct zl_rdata_ctx *rc)
{
	uint8_t a6[16];
	size_t n = rc->odd_len;

	if (type != 2 && type != 15 && type != 33)
		return false;
	if (n > 0 && rc->odd_text[n - 1] == '.')
		n--;
	return zl_parse_ipv6(rc->odd_text, n, a6);
}

void zl_p_entry(struct zl_file_state *fs)
{
	struct zl_loader *ld = fs->ld;
	uint8_t owner[ZL_NAME_MAX];
	size_t owner_len, owner_odd = SIZE_MAX;
	uint32_t line, col, ttl;
	uint16_t rclass = 1;
	int first = fs->owner_tok >= 0 ? fs->owner_tok : (fs->ntoks ? 0 : -1);

	if (first < 0 || fs->type_tok < 0)
		return;
	line = fs->toks[first].line;
	col = fs->toks[first].col;

	/* owner */
	if (fs->owner_tok >= 0) {
		const struct zl_ptok *t = &fs->toks[fs->owner_tok];
		const char *txt = zl_ptok_text(fs, fs->owner_tok);
		bool absolute = t->len > 0 && txt[t->len - 1] == '.' &&
				!(t->len > 1 && txt[t->len - 2] == '\\');
		if (absolute && fs->type == 6 && fs->depth == 0 &&
		    !ld->origin_announced && !fs->have_origin) {
			/* the origin from the owner of an absolute SOA */
			if (zl_name_from_text(txt, t->len, NULL, owner, &owner_len) == ZL_NAME_OK) {
				memcpy(fs->origin, owner, owner_len);
				fs->have_origin = true;
				zl_p_announce_origin(ld, owner, "SOA owner");
			}
		}
		if (!token_name(fs, fs->owner_tok, owner, &owner_len, &owner_odd))
			return;
	} else {
		if (!fs->have_prev_owner) {
			/* after "origin unknown" the owners before this one could
			 * not be read: that one error explains this line too */
			if (!ld->failed_origin)
				zl_p_error(fs, line, col,
					   "line starts with a blank but there is no previous owner to repeat");
			return;
		}
		owner_len = fs->prev_owner_len;
		memcpy(owner, fs->prev_owner, owner_len);
	}
	memcpy(fs->prev_owner, owner, owner_len);
	fs->prev_owner_len = owner_len;
	fs->have_prev_owner = true;

	/* class */
	if (fs->class_tok >= 0) {
		const struct zl_ptok *t = &fs->toks[fs->class_tok];
		rclass = fs->rclass;
		if (ld->have_zone_class && rclass != ld->zone_class) {
			char a[16], b[16];
			zl_p_error(fs, t->line, t->col,
				   "class %s differs from the zone's class %s",
				   zl_class_name(rclass, a, sizeof(a)),
				   zl_class_name(ld->zone_class, b, sizeof(b)));
			return;
		}
	} else if (ld->have_zone_class) {
		rclass = ld->zone_class;
	}
	if (!ld->have_zone_class) {
		ld->zone_class = rclass;
		ld->have_zone_class = true;
	}

	/* RDATA, through the per-type table */
	size_t nr = fs->ntoks - (size_t)fs->type_tok - 1;
	if (nr > ld->caprtoks) {
		ld->caprtoks = nr + 16;
		ld->rtoks = zl_xrealloc(ld->rtoks, ld->caprtoks * sizeof(*ld->rtoks));
	}
	for (size_t k = 0; k < nr; k++) {
		int i = fs->type_tok + 1 + (int)k;
		ld->rtoks[k].text = zl_ptok_text(fs, i);
		ld->rtoks[k].len = fs->toks[i].len;
		ld->rtoks[k].line = fs->toks[i].line;
		ld->rtoks[k].col = fs->toks[i].col;
		ld->rtoks[k].quoted = fs->toks[i].quoted;
		ld->rtoks[k].semi_after = fs->toks[i].semi_after;
	}
	struct zl_rdata_ctx rc;
	for (int attempt = 0; attempt < 2; attempt++) {
		zl_arena_reset(&ld->scratch);
		zl_buf_reset(&ld->rdata);
		/* all but the message, which zl_rdata_parse() empties */
		memset(&rc, 0, offsetof(struct zl_rdata_ctx, err));
		rc.origin = fs->have_origin ? fs->origin : NULL;
		rc.out = &ld->rdata;
		rc.scratch = &ld->scratch;
		if (zl_rdata_parse(fs->type, ld->rtoks, nr, &rc) == 0)
			break;
		/* a relative name in RDATA may be what first needs the origin */
		if (attempt == 0 && !fs->have_origin && fs->depth == 0 &&
		    !ld->origin_announced && ld->opts->infer_from_filename) {
			uint8_t o[ZL_NAME_MAX];
			if (zl_origin_from_filename(ld->opts->path, o)) {
				memcpy(fs->origin, o, zl_name_wire_len(o));
				fs->have_origin = true;
				zl_p_announce_origin(ld, o, "file name");
				continue;
			}
		}
		uint32_t el = line, ec = col;
		const struct zl_ptok *tt = &fs->toks[fs->type_tok];
		if (rc.err_tok < nr) {
			el = ld->rtoks[rc.err_tok].line;
			ec = ld->rtoks[rc.err_tok].col;
		} else if (nr > 0) {
			el = ld->rtoks[nr - 1].line;
			ec = ld->rtoks[nr - 1].col + ld->rtoks[nr - 1].len +
			     (ld->rtoks[nr - 1].quoted ? 2 : 0);
		} else {
			el = tt->line;
			ec = tt->col + tt->len;
		}
		if (rc.err_name_length)
			zl_report(ld->sink, ZL_RULE_zone_name_length, fs->file, el, ec,
				  "%s", rc.err);
		else
			zl_p_error(fs, el, ec, "%s", rc.err);
		return;
	}

	/* TTL: explicit, else $TTL, else the previous record's (RFC 1035 section 5.1;
	 * RFC 2308 section 4), else for an SOA its minimum field as BIND does */
	if (fs->ttl_tok >= 0) {
		if (!token_ttl(fs, fs->ttl_tok, "TTL", &ttl))
			return;
		ld->last_ttl = ttl;
		ld->have_last_ttl = true;
	} else if (ld->have_default_ttl) {
		ttl = ld->default_ttl;
	} else if (ld->have_last_ttl) {
		ttl = ld->last_ttl;
	} else if (fs->type == 6 && ld->rdata.len >= 4) {
		const uint8_t *m = ld->rdata.data + ld->rdata.len - 4;
		ttl = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 |
		      (uint32_t)m[2] << 8 | m[3];
		if (ttl > 2147483647u) {
			/* as named: "$TTL ... > MAXTTL, setting $TTL to 0" */
			const struct zl_token *mt = nr ? &ld->rtoks[nr - 1] : NULL;
			zl_report_sev(ld->sink, ZL_RULE_zone_syntax, ZL_WARNING, fs->file,
				      mt ? mt->line : line, mt ? mt->col : col,
				      "SOA minimum %u, the TTL of records without one (no $TTL), is above 2147483647 (RFC 2181 section 8); named loads it as 0",
				      ttl);
			ttl = 0;
		}
		ld->last_ttl = ttl;
		ld->have_last_ttl = true;
	} else {
		zl_p_error(fs, line, col,
			   "no TTL given and no $TTL line before this record");
		return;
	}

	/* loaded, but an odd octet in a name is an error of its own.  DNS-SD
	 * instance names (RFC 6763 section 4.1.1: any UTF-8 text) are exempt:
	 * the owner "Joe's Printer._ipp._tcp" and the targets of PTR records,
	 * which name such instances outside reverse zones */
	unsigned nerrors = 0;
	if (owner_odd != SIZE_MAX && !(owner[0] > 0 && owner[1 + owner[0]] > 0 &&
				       owner[2 + owner[0]] == '_')) {
		const struct zl_ptok *t = &fs->toks[fs->owner_tok];
		report_odd_name(fs, "owner", zl_ptok_text(fs, fs->owner_tok), t->len,
				owner_odd, t->line, t->col);
		nerrors++;
	}
	if (rc.odd && fs->type != 12 && !target_is_v6_literal(fs->type, &rc)) {
		char tn[16], what[64];
		snprintf(what, sizeof(what), "%s %s",
			 zl_type_name(fs->type, tn, sizeof(tn)), rc.odd_field);
		report_odd_name(fs, what, rc.odd_text, rc.odd_len, rc.odd_off,
				rc.odd_line, rc.odd_col);
		nerrors++;
	}

	struct zl_record rec;
	rec.nerrors = nerrors;
	rec.owner = owner;
	rec.owner_len = owner_len;
	rec.ttl = ttl;
	rec.type = fs->type;
	rec.rclass = rclass;
	rec.rdata = ld->rdata.data;
	rec.rdlen = ld->rdata.len;
	rec.zone_origin = ld->origin_announced ? ld->zone_origin : NULL;
	rec.zone_origin_len = ld->origin_announced ? ld->zone_origin_len : 0;
	rec.segs = rc.segs;
	rec.nsegs = rc.nsegs;
	rec.file = fs->file;
	rec.line = line;
	rec.col = col;
	if (nr > 0) {
		rec.rdata_line = ld->rtoks[0].line;
		rec.rdata_col = ld->rtoks[0].col;
	} else {
		rec.rdata_line = fs->toks[fs->type_tok].line;
		rec.rdata_col = fs->toks[fs->type_tok].col;
	}
	ld->seen_record = true;
	if (ld->nrecords == ld->max_records) {
		zl_p_limit(fs, line, col,
			   "more than %u records in one zone file with its $INCLUDE files; the rest is not read (--max-records N raises the limit)",
			   ld->max_records);
		ld->stopped = true;
		return;
	}
	ld->nrecords++;
	size_t errors = ld->sink->count[ZL_ERROR];
	ld->opts->on_record(ld->opts->ctx, &rec);
	ld->record_errors += ld->sink->count[ZL_ERROR] - errors;
}

/* Split read: hand the current line over to the entry side, packed (struct zl_packed_line). */
static void hand_over(struct zl_file_state *fs)
{
	const struct zl_split_hooks *h = fs->ld->split;
	struct zl_packed_line head = {
		.ntoks = (uint32_t)fs->ntoks, .textlen = (uint32_t)fs->text.len,
		.owner_tok = fs->owner_tok, .ttl_tok = fs->ttl_tok,
		.class_tok = fs->class_tok, .type_tok = fs->type_tok,
		.directive = fs->directive, .type = fs->type, .rclass = fs->rclass,
	};
	size_t ntok = fs->ntoks * sizeof(*fs->toks);
	uint8_t *out = h->line(h->ctx, sizeof(head) + ntok + fs->text.len);

	memcpy(out, &head, sizeof(head));
	if (ntok)
		memcpy(out + sizeof(head), fs->toks, ntok);
	if (fs->text.len)
		memcpy(out + sizeof(head) + ntok, fs->text.data, fs->text.len);
}

void zl_p_quiet_line(struct zl_file_state *fs)
{
	const struct zl_split_hooks *h = fs->ld->split;

	zl_p_reset_line(fs);
	if (h && h->quiet)
		h->quiet(h->ctx);
}

void zl_p_entry_line(struct zl_file_state *fs)
{
	if (fs->ld->split)
		hand_over(fs);
	else
		zl_p_entry(fs);
}

void zl_p_synth_entry(struct zl_file_state *fs, const char *owner, size_t owner_len,
		      const char *ttl, size_t ttl_len, const char *cls, size_t cls_len,
		      uint16_t type, const char *type_text, size_t type_len,
		      const char *rdata, size_t rdata_len,
		      const struct zl_synth_pos *pos)
{
	uint32_t line = pos->line, col = pos->rdata_col;

	zl_p_reset_line(fs);
	fs->owner_tok = zl_p_push_token(fs, owner, owner_len, line, pos->owner_col, false);
	if (ttl)
		fs->ttl_tok = zl_p_push_token(fs, ttl, ttl_len, line, pos->type_col, false);
	if (cls) {
		fs->class_tok = zl_p_push_token(fs, cls, cls_len, line, pos->type_col, false);
		fs->rclass = 1;
		zl_class_from_text(cls, cls_len, &fs->rclass);
	}
	fs->type = type;
	fs->type_tok = zl_p_push_token(fs, type_text, type_len, line, pos->type_col, false);
	/* RDATA words: split on blanks, a "..." group is one quoted word */
	size_t i = 0;
	while (i < rdata_len) {
		while (i < rdata_len && (rdata[i] == ' ' || rdata[i] == '\t'))
			i++;
		if (i >= rdata_len)
			break;
		size_t s = i;
		if (rdata[i] == '"') {
			s = ++i;
			while (i < rdata_len && rdata[i] != '"')
				i += (rdata[i] == '\\' && i + 1 < rdata_len) ? 2 : 1;
			zl_p_push_token(fs, rdata + s, i - s, line, col, true);
			if (i < rdata_len)
				i++;
		} else {
			while (i < rdata_len && rdata[i] != ' ' && rdata[i] != '\t')
				i += (rdata[i] == '\\' && i + 1 < rdata_len) ? 2 : 1;
			zl_p_push_token(fs, rdata + s, i - s, line, col, false);
		}
	}
	zl_p_entry(fs);
}

/* ---- directives --------------------------------------------------------------- */

static bool directive_is(const struct zl_file_state *fs, const char *name)
{
	const struct zl_ptok *t = &fs->toks[fs->directive];
	return strlen(name) == t->len &&
	       strncasecmp(zl_ptok_text(fs, fs->directive), name, t->len) == 0;
}

static void dir_origin(struct zl_file_state *fs, int nargs, int a0)
{
	const struct zl_ptok *d = &fs->toks[fs->directive];
	uint8_t o[ZL_NAME_MAX];
	size_t olen;

	if (nargs != 1) {
		zl_p_error(fs, d->line, d->col, "$ORIGIN takes exactly one domain name");
		return;
	}
	const struct zl_ptok *t = &fs->toks[a0];
	enum zl_name_status st = zl_name_from_text(zl_ptok_text(fs, a0), t->len,
						   fs->have_origin ? fs->origin : NULL,
						   o, &olen);
	if (st == ZL_NAME_NO_ORIGIN) {
		/* relative and nothing to be relative to: read it as absolute */
		char tmp[ZL_NAME_TEXT_MAX];
		if (t->len + 2 <= sizeof(tmp)) {
			memcpy(tmp, zl_ptok_text(fs, a0), t->len);
			tmp[t->len] = '.';
			st = zl_name_from_text(tmp, t->len + 1, NULL, o, &olen);
		}
	}
	if (st != ZL_NAME_OK) {
		name_error(fs, a0, "$ORIGIN", st);
		return;
	}
	if (!(t->len > 0 && zl_ptok_text(fs, a0)[t->len - 1] == '.' &&
	      !(t->len > 1 && zl_ptok_text(fs, a0)[t->len - 2] == '\\'))) {
		char full[ZL_NAME_TEXT_MAX];
		zl_name_to_text(o, full, sizeof(full));
		zl_report(fs->ld->sink, ZL_RULE_zone_origin_relative, fs->file,
			  t->line, t->col,
			  "$ORIGIN \"%.*s\" has no trailing dot, so it is relative and the origin becomes %s; write the full name with a trailing dot",
			  (int)t->len, zl_ptok_text(fs, a0), full);
	}
	check_odd_token(fs, "$ORIGIN", a0);
	memcpy(fs->origin, o, olen);
	fs->have_origin = true;
	if (fs->depth == 0 && !fs->ld->seen_record)
		zl_p_announce_origin(fs->ld, o, "$ORIGIN");
}

static void dir_ttl(struct zl_file_state *fs, int nargs, int a0)
{
	const struct zl_ptok *d = &fs->toks[fs->directive];
	uint32_t ttl;

	if (nargs != 1) {
		zl_p_error(fs, d->line, d->col, "$TTL takes exactly one TTL value");
		return;
	}
	if (!token_ttl(fs, a0, "$TTL", &ttl))
		return;
	fs->ld->default_ttl = ttl;
	fs->ld->have_default_ttl = true;
}

static void dir_include(struct zl_file_state *fs, int nargs, int a0)
{
	struct zl_loader *ld = fs->ld;
	const struct zl_ptok *d = &fs->toks[fs->directive];
	uint8_t o[ZL_NAME_MAX];
	size_t olen;
	char path[4096];

	if (nargs < 1 || nargs > 2) {
		zl_p_error(fs, d->line, d->col,
			   "$INCLUDE takes a file name and an optional origin");
		return;
	}
	const struct zl_ptok *t = &fs->toks[a0];
	const char *name = zl_ptok_text(fs, a0);
	if (t->len == 0) {
		zl_p_report(fs, ZL_RULE_zone_include_missing, t->line, t->col,
			    "$INCLUDE with an empty file name");
		return;
	}
	if (zl_path_resolve(path, sizeof(path), ld->opts->root, ld->opts->workdir,
			    name, t->len) >= sizeof(path)) {
		zl_p_report(fs, ZL_RULE_zone_include_missing, t->line, t->col,
			    "$INCLUDE path longer than %zu octets", sizeof(path) - 1);
		return;
	}

	const uint8_t *inc_origin = fs->have_origin ? fs->origin : NULL;
	uint8_t in_force[ZL_NAME_MAX];
	if (ld->split) {
		/* the origin is the entry side's: wait for it to catch up */
		bool stopped = false;
		inc_origin = ld->split->sync(ld->split->ctx, in_force, &stopped) ?
			     in_force : NULL;
		if (stopped) {
			ld->stopped = true;
			return;
		}
	}
	if (nargs == 2) {
		const struct zl_ptok *ot = &fs->toks[a0 + 1];
		enum zl_name_status st = zl_name_from_text(zl_ptok_text(fs, a0 + 1),
							   ot->len, inc_origin, o, &olen);
		if (st != ZL_NAME_OK) {
			name_error(fs, a0 + 1, "$INCLUDE origin", st);
			return;
		}
		check_odd_token(fs, "$INCLUDE origin", a0 + 1);
		inc_origin = o;
	}
	if (fs->depth + 1 > ZL_MAX_INCLUDE_DEPTH) {
		zl_p_limit(fs, t->line, t->col,
			   "$INCLUDE \"%s\" nests deeper than %d files, the limit; it is not read",
			   path, ZL_MAX_INCLUDE_DEPTH);
		return;
	}

	struct stat sb;
	char why[160];
	FILE *fp = ld->opts->open_include ?
		   ld->opts->open_include(ld->opts->open_ctx, path, &sb, why, sizeof(why)) :
		   zl_open_input(path, false, "zone file", &sb, why, sizeof(why));
	if (!fp) {
		zl_p_report(fs, ZL_RULE_zone_include_missing, t->line, t->col,
			    "cannot read $INCLUDE file \"%s\": %s", path, why);
		return;
	}
	for (int k = 0; k < ld->nopen; k++) {
		if (ld->dev[k] == sb.st_dev && ld->ino[k] == sb.st_ino) {
			zl_p_report(fs, ZL_RULE_zone_include_missing, t->line, t->col,
				    "$INCLUDE \"%s\" includes a file that is already being read (%s): an include cycle",
				    path, ld->names[k]);
			fclose(fp);
			return;
		}
	}
	const char *display = zl_sink_intern(ld->sink, path);
	read_stream(ld, fp, display, fs->depth + 1, inc_origin, fs);
	fclose(fp);
}

void zl_p_directive_line(struct zl_file_state *fs)
{
	if (fs->ld->split && !directive_is(fs, "$INCLUDE"))
		hand_over(fs);
	else
		zl_p_directive(fs);
}

void zl_p_directive(struct zl_file_state *fs)
{
	int a0 = fs->directive + 1;
	int nargs = (int)fs->ntoks - a0;
	const struct zl_ptok *d = &fs->toks[fs->directive];

	if (directive_is(fs, "$ORIGIN"))
		dir_origin(fs, nargs, a0);
	else if (directive_is(fs, "$TTL"))
		dir_ttl(fs, nargs, a0);
	else if (directive_is(fs, "$INCLUDE"))
		dir_include(fs, nargs, a0);
	else if (directive_is(fs, "$GENERATE"))
		zl_p_generate(fs);
	else
		zl_p_error(fs, d->line, d->col,
			   "unknown directive \"%.*s%s\" (known: $ORIGIN, $TTL, $INCLUDE, $GENERATE)",
			   ZL_ECHO(d->len), zl_ptok_text(fs, fs->directive), ZL_ECHO_MORE(d->len));
}

/* ---- files -------------------------------------------------------------------- */

/*
 * Octets of the first chunk of the per-record scratch arena
 * (zl_loader.scratch): most records' RDATA parse needs far less; a
 * bigger one (a TXT record of thousands of strings) takes further
 * chunks until the next record.
 */
#define SCRATCH_FIRST ((size_t)64 << 10)

void zl_p_loader_init(struct zl_loader *ld, const struct zl_parse_opts *opts,
		      struct zl_sink *sink)
{
	memset(ld, 0, sizeof(*ld));
	ld->opts = opts;
	ld->sink = sink;
	ld->max_records = opts->max_records ? opts->max_records : ZL_MAX_RECORDS_DEFAULT;
	ld->split = opts->split;
	zl_arena_init(&ld->scratch);
	/* one record's RDATA at a time: a chunk the region keeps mapped
	 * between the files of a named.conf (zl_region_put()), not 1 MiB */
	ld->scratch.first = SCRATCH_FIRST;
}

void zl_p_loader_opened(struct zl_loader *ld)
{
	const struct zl_parse_opts *opts = ld->opts;

	if (opts->origin)
		zl_p_announce_origin(ld, opts->origin,
				     opts->origin_source ? opts->origin_source : "-o");
}

enum zl_parse_result zl_p_loader_end(struct zl_loader *ld, bool opened,
				     enum zl_parse_result r)
{
	const struct zl_parse_opts *opts = ld->opts;

	if (opened && !ld->origin_announced && opts->infer_from_filename) {
		uint8_t o[ZL_NAME_MAX];
		if (zl_origin_from_filename(opts->path, o))
			zl_p_announce_origin(ld, o, "file name");
	}
	zl_buf_free(&ld->rdata);
	zl_arena_free(&ld->scratch);
	free(ld->rtoks);
	if (r != ZL_PARSE_OK)
		return r;
	return ld->failed_origin ? ZL_PARSE_NO_ORIGIN : ZL_PARSE_OK;
}

void zl_p_file_begin(struct zl_file_state *fs, struct zl_loader *ld,
		     const char *display, int depth, const uint8_t *origin,
		     const struct zl_file_state *parent)
{
	memset(fs, 0, sizeof(*fs));
	fs->ld = ld;
	fs->file = display;
	fs->depth = depth;
	fs->line = 1;
	fs->col = 1;
	if (origin) {
		memcpy(fs->origin, origin, zl_name_wire_len(origin));
		fs->have_origin = true;
	}
	if (parent && parent->have_prev_owner) {
		memcpy(fs->prev_owner, parent->prev_owner, parent->prev_owner_len);
		fs->prev_owner_len = parent->prev_owner_len;
		fs->have_prev_owner = true;
	}
}

static enum zl_parse_result read_stream(struct zl_loader *ld, FILE *fp,
					const char *display, int depth,
					const uint8_t *origin,
					const struct zl_file_state *parent)
{
	struct zl_file_state fs;
	struct stat sb;
	yyscan_t scanner;

	zl_p_file_begin(&fs, ld, display, depth, origin, parent);
	fs.fp = fp;
	zl_p_reset_line(&fs);

	if (fstat(fileno(fp), &sb) == 0) {
		ld->dev[ld->nopen] = sb.st_dev;
		ld->ino[ld->nopen] = sb.st_ino;
	} else {
		ld->dev[ld->nopen] = 0;
		ld->ino[ld->nopen] = 0;
	}
	ld->names[ld->nopen] = display;
	ld->nopen++;
	if (ld->split)
		ld->split->enter(ld->split->ctx, display, origin);

	if (zl_yylex_init_extra(&fs, &scanner) != 0) {
		fputs("zonelint: out of memory\n", stderr);
		exit(2);
	}
	zl_yyset_in(fp, scanner);
	zl_yyparse(scanner);
	zl_yylex_destroy(scanner);
	if (ld->split)
		ld->split->leave(ld->split->ctx);

	ld->nopen--;
	free(fs.toks);
	zl_buf_free(&fs.text);
	if (fs.read_errno) {
		char why[160];
		zl_errno_text(fs.read_errno, why, sizeof(why));
		zl_report(ld->sink, depth ? ZL_RULE_zone_include_missing : ZL_RULE_zone_syntax,
			  display, fs.line, 0, "read error: %s", why);
		if (depth == 0)
			zl_sink_mark_fatal(ld->sink);	/* exit status 2 */
		return ZL_PARSE_UNREADABLE;
	}
	return ZL_PARSE_OK;
}

enum zl_parse_result zl_parse_file(const struct zl_parse_opts *opts,
				   struct zl_sink *sink)
{
	struct zl_loader ld;
	FILE *fp;
	bool is_stdin = strcmp(opts->path, "-") == 0;
	const char *display = opts->display ? opts->display :
			      is_stdin ? "<stdin>" : opts->path;
	struct stat sb;

	zl_p_loader_init(&ld, opts, sink);
	display = zl_sink_intern(sink, display);

	if (is_stdin) {
		fp = stdin;
	} else {
		char why[160];
		fp = zl_open_input(opts->path, true, "zone file", &sb, why, sizeof(why));
		if (!fp) {
			if (opts->open_error) {
				snprintf(opts->open_error, opts->open_error_cap, "%s", why);
			} else {
				zl_report(sink, ZL_RULE_zone_syntax, display, 0, 0,
					  "cannot read: %s", why);
				zl_sink_mark_fatal(sink);	/* exit status 2 */
			}
			return ZL_PARSE_UNREADABLE;
		}
	}
	zl_p_loader_opened(&ld);

	if (!opts->no_progress)
		zl_progress_begin(&ld.progress, fileno(fp), display);	/* else stays off */
	enum zl_parse_result r = read_stream(&ld, fp, display, 0, opts->origin, NULL);
	zl_progress_end(&ld.progress);
	if (!is_stdin)
		fclose(fp);
	return zl_p_loader_end(&ld, true, r);
}
