/* parser.c - master-file reading driver: runs scanner and grammar per file, turns entries into records, handles $ORIGIN/$TTL/$INCLUDE. */
#include "parser.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse_state.h"
#include "zone_parser.h"
#include "zone_scanner.h"

static enum zl_parse_result read_stream(struct zl_loader *ld, FILE *fp,
					const char *display, int depth,
					const uint8_t *origin,
					const struct zl_file_state *parent);

/* ---- called by the scanner ------------------------------------------------ */

size_t zl_p_read(struct zl_file_state *fs, char *buf, size_t max)
{
	size_t n = fread(buf, 1, max, fs->fp);
	if (n == 0 && ferror(fs->fp) && !fs->read_errno)
		fs->read_errno = errno ? errno : EIO;
	return n;
}

int zl_p_push_token(struct zl_file_state *fs, const char *text, size_t len,
		    uint32_t line, uint32_t col, bool quoted)
{
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

int zl_p_classify(struct zl_file_state *fs, const char *text, size_t len)
{
	uint16_t cls;
	const struct zl_type_info *ti;

	if (text[0] >= '0' && text[0] <= '9')
		return TOK_TTLV;
	if (zl_class_from_text(text, len, &cls))
		return TOK_CLASS;
	ti = zl_type_by_name(text, len);
	if (ti) {
		fs->type = ti->number;
		return TOK_TYPE;
	}
	return TOK_UNKNOWN;
}

void zl_p_reset_line(struct zl_file_state *fs)
{
	fs->ntoks = 0;
	zl_buf_reset(&fs->text);
	fs->owner_tok = -2;
	fs->ttl_tok = fs->class_tok = fs->type_tok = fs->directive = -1;
	fs->lex_error = NULL;
}

/* Report a finding of rule in the current file, message printf-formatted. */
static void vreport(struct zl_file_state *fs, enum zl_rule rule, uint32_t line,
		    uint32_t col, const char *fmt, va_list ap)
{
	char msg[768];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	zl_report(fs->ld->sink, rule, fs->file, line, col, "%s", msg);
}

void zl_p_error(struct zl_file_state *fs, uint32_t line, uint32_t col,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fs, ZL_RULE_zone_syntax, line, col, fmt, ap);
	va_end(ap);
}

/* ---- origin ------------------------------------------------------------------- */

static void announce_origin(struct zl_loader *ld, const uint8_t *origin,
			    const char *source)
{
	if (ld->origin_announced)
		return;
	ld->origin_announced = true;
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
		announce_origin(ld, o, "file name");
		return true;
	}
	if (!ld->failed_origin) {
		ld->failed_origin = true;
		zl_p_error(fs, line, col,
			   "relative name but the origin is unknown: give it with -o NAME or a $ORIGIN line");
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

/* Convert name token i against the current origin; reports and returns false on error. */
static bool token_name(struct zl_file_state *fs, int i, uint8_t *out, size_t *outlen)
{
	const struct zl_ptok *t = &fs->toks[i];
	const char *txt = zl_ptok_text(fs, i);
	bool relative = !(t->len > 0 && txt[t->len - 1] == '.' &&
			  !(t->len > 1 && txt[t->len - 2] == '\\'));

	if (relative && !fs->have_origin && !need_origin(fs, t->line, t->col))
		return false;
	enum zl_name_status st = zl_name_from_text(txt, t->len,
						   fs->have_origin ? fs->origin : NULL,
						   out, outlen);
	if (st == ZL_NAME_LABEL_TOO_LONG || st == ZL_NAME_TOO_LONG) {
		zl_report(fs->ld->sink, ZL_RULE_zone_name_length, fs->file, t->line,
			  t->col, "owner \"%.*s%s\": %s (RFC 1035 section 2.3.4)",
			  ZL_ECHO(t->len), txt, ZL_ECHO_MORE(t->len), zl_name_strerror(st));
		return false;
	}
	if (st != ZL_NAME_OK) {
		zl_p_error(fs, t->line, t->col, "owner \"%.*s%s\": %s", ZL_ECHO(t->len),
			   txt, ZL_ECHO_MORE(t->len), zl_name_strerror(st));
		return false;
	}
	return true;
}

void zl_p_entry(struct zl_file_state *fs)
{
	struct zl_loader *ld = fs->ld;
	uint8_t owner[ZL_NAME_MAX];
	size_t owner_len;
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
				announce_origin(ld, owner, "SOA owner");
			}
		}
		if (!token_name(fs, fs->owner_tok, owner, &owner_len))
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
		zl_class_from_text(zl_ptok_text(fs, fs->class_tok), t->len, &rclass);
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
	memset(&rc, 0, sizeof(rc));
	for (int attempt = 0; attempt < 2; attempt++) {
		zl_arena_reset(&ld->scratch);
		zl_buf_reset(&ld->rdata);
		memset(&rc, 0, sizeof(rc));
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
				announce_origin(ld, o, "file name");
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

	struct zl_record rec;
	rec.owner = owner;
	rec.owner_len = owner_len;
	rec.ttl = ttl;
	rec.type = fs->type;
	rec.rclass = rclass;
	rec.rdata = ld->rdata.data;
	rec.rdlen = ld->rdata.len;
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
	ld->opts->on_record(ld->opts->ctx, &rec);
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
	if (cls)
		fs->class_tok = zl_p_push_token(fs, cls, cls_len, line, pos->type_col, false);
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

/* ---- opening files ---------------------------------------------------------- */

/*
 * Open path for reading without ever blocking on it: a FIFO with no
 * writer would hang open(2), so open non-blocking and look first.
 * Regular files are always accepted, FIFOs only if allow_fifo (a pipe
 * from process substitution on the command line, never an $INCLUDE).
 * On failure returns NULL and *why says why (errno text or a phrase).
 */
static FILE *open_zone_file(const char *path, bool allow_fifo, struct stat *sb,
			    const char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);

	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fd, sb) != 0) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	if (!S_ISREG(sb->st_mode) && !(allow_fifo && S_ISFIFO(sb->st_mode))) {
		*why = S_ISDIR(sb->st_mode) ? "is a directory, not a zone file" :
		       S_ISFIFO(sb->st_mode) ? "is a FIFO, not a regular file" :
					       "is a device or special file, not a zone file";
		close(fd);
		return NULL;
	}
	if (S_ISFIFO(sb->st_mode)) {
		/* a pipe the user named: wait for its writer, like cat(1)
		 * (a non-blocking open with no writer would read as empty) */
		close(fd);
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			*why = strerror(errno);
			return NULL;
		}
	} else {
		int flags = fcntl(fd, F_GETFL);
		if (flags >= 0)
			fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	}
	FILE *fp = fdopen(fd, "r");
	if (!fp) {
		*why = strerror(errno);
		close(fd);
	}
	return fp;
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
		zl_p_error(fs, t->line, t->col, "$ORIGIN \"%.*s%s\": %s", ZL_ECHO(t->len),
			   zl_ptok_text(fs, a0), ZL_ECHO_MORE(t->len), zl_name_strerror(st));
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
	memcpy(fs->origin, o, olen);
	fs->have_origin = true;
	if (fs->depth == 0 && !fs->ld->seen_record)
		announce_origin(fs->ld, o, "$ORIGIN");
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

static void include_error(struct zl_file_state *fs, const struct zl_ptok *t,
			  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void include_error(struct zl_file_state *fs, const struct zl_ptok *t,
			  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fs, ZL_RULE_zone_include_missing, t->line, t->col, fmt, ap);
	va_end(ap);
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
		include_error(fs, t, "$INCLUDE with an empty file name");
		return;
	}
	if (name[0] != '/' && ld->opts->workdir)
		snprintf(path, sizeof(path), "%s/%.*s", ld->opts->workdir,
			 (int)t->len, name);
	else
		snprintf(path, sizeof(path), "%.*s", (int)t->len, name);

	const uint8_t *inc_origin = fs->have_origin ? fs->origin : NULL;
	if (nargs == 2) {
		const struct zl_ptok *ot = &fs->toks[a0 + 1];
		enum zl_name_status st = zl_name_from_text(zl_ptok_text(fs, a0 + 1),
							   ot->len, inc_origin, o, &olen);
		if (st != ZL_NAME_OK) {
			zl_p_error(fs, ot->line, ot->col, "$INCLUDE origin \"%.*s%s\": %s",
				   ZL_ECHO(ot->len), zl_ptok_text(fs, a0 + 1),
				   ZL_ECHO_MORE(ot->len), zl_name_strerror(st));
			return;
		}
		inc_origin = o;
	}
	if (fs->depth + 1 > ZL_MAX_INCLUDE_DEPTH) {
		include_error(fs, t, "$INCLUDE \"%s\" nests deeper than %d files",
			      path, ZL_MAX_INCLUDE_DEPTH);
		return;
	}

	struct stat sb;
	const char *why;
	FILE *fp = open_zone_file(path, false, &sb, &why);
	if (!fp) {
		include_error(fs, t, "cannot read $INCLUDE file \"%s\": %s", path, why);
		return;
	}
	for (int k = 0; k < ld->nopen; k++) {
		if (ld->dev[k] == sb.st_dev && ld->ino[k] == sb.st_ino) {
			include_error(fs, t, "$INCLUDE \"%s\" includes a file that is already being read (%s): an include cycle",
				      path, ld->names[k]);
			fclose(fp);
			return;
		}
	}
	const char *display = zl_sink_intern(ld->sink, path);
	read_stream(ld, fp, display, fs->depth + 1, inc_origin, fs);
	fclose(fp);
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

static enum zl_parse_result read_stream(struct zl_loader *ld, FILE *fp,
					const char *display, int depth,
					const uint8_t *origin,
					const struct zl_file_state *parent)
{
	struct zl_file_state fs;
	struct stat sb;
	yyscan_t scanner;

	memset(&fs, 0, sizeof(fs));
	fs.ld = ld;
	fs.file = display;
	fs.depth = depth;
	fs.fp = fp;
	fs.line = 1;
	fs.col = 1;
	if (origin) {
		memcpy(fs.origin, origin, zl_name_wire_len(origin));
		fs.have_origin = true;
	}
	if (parent && parent->have_prev_owner) {
		memcpy(fs.prev_owner, parent->prev_owner, parent->prev_owner_len);
		fs.prev_owner_len = parent->prev_owner_len;
		fs.have_prev_owner = true;
	}
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

	if (zl_yylex_init_extra(&fs, &scanner) != 0) {
		fputs("zonelint: out of memory\n", stderr);
		exit(2);
	}
	zl_yyset_in(fp, scanner);
	zl_yyparse(scanner);
	zl_yylex_destroy(scanner);

	ld->nopen--;
	free(fs.toks);
	zl_buf_free(&fs.text);
	if (fs.read_errno) {
		zl_report(ld->sink, depth ? ZL_RULE_zone_include_missing : ZL_RULE_zone_syntax,
			  display, fs.line, 0, "read error: %s", strerror(fs.read_errno));
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

	memset(&ld, 0, sizeof(ld));
	ld.opts = opts;
	ld.sink = sink;
	zl_arena_init(&ld.scratch);
	display = zl_sink_intern(sink, display);

	if (is_stdin) {
		fp = stdin;
	} else {
		const char *why;
		fp = open_zone_file(opts->path, true, &sb, &why);
		if (!fp) {
			fprintf(stderr, "zonelint: %s: cannot read: %s\n", display, why);
			return ZL_PARSE_UNREADABLE;
		}
	}
	if (opts->origin)
		announce_origin(&ld, opts->origin,
				opts->origin_source ? opts->origin_source : "-o");

	enum zl_parse_result r = read_stream(&ld, fp, display, 0, opts->origin, NULL);
	if (!is_stdin)
		fclose(fp);
	if (r == ZL_PARSE_UNREADABLE && !ld.seen_record) {
		fprintf(stderr, "zonelint: %s: cannot read the file\n", display);
	}
	if (!ld.origin_announced && opts->infer_from_filename) {
		uint8_t o[ZL_NAME_MAX];
		if (zl_origin_from_filename(opts->path, o))
			announce_origin(&ld, o, "file name");
	}
	zl_buf_free(&ld.rdata);
	zl_arena_free(&ld.scratch);
	free(ld.rtoks);
	if (r != ZL_PARSE_OK)
		return r;
	return ld.failed_origin ? ZL_PARSE_NO_ORIGIN : ZL_PARSE_OK;
}
