/* namedconf_state.h - state shared by the named.conf scanner (grammar/namedconf.l), grammar (grammar/namedconf.y) and driver (src/namedconf.c); internal. */
#ifndef ZL_NAMEDCONF_STATE_H
#define ZL_NAMEDCONF_STATE_H

#include <glob.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "arena.h"
#include "diag.h"
#include "namedconf.h"

/*
 * A token's text as the grammar sees it: bytes off..off+len of
 * zl_nc_state.text (quotes removed, \" unescaped), where it starts, and
 * in which file.  set is false for "no token" (an absent class, a block).
 */
struct zl_nc_tok {
	uint32_t off, len;
	uint32_t line, col;
	const char *file;
	bool set;
};

/* One file being read: the configuration or an included file. */
struct zl_nc_frame {
	const char *file;	/* display name, interned in the sink */
	FILE *fp;
	uint32_t line, col;	/* position of the next character */
	dev_t dev;
	ino_t ino;
	/* an include with a glob pattern: the matches still to read after this one */
	glob_t matches;
	bool globbed;
	size_t next_match;
	const char *inc_file;	/* where that include stands */
	uint32_t inc_line, inc_col;
};

/* Where clauses stand: which keywords the grammar takes as its own. */
enum zl_nc_ctx {
	ZL_NC_CTX_TOP,
	ZL_NC_CTX_OPTIONS,
	ZL_NC_CTX_VIEW,
	ZL_NC_CTX_ZONE,
};

/* State of one zl_nc_read() call. */
struct zl_nc_state {
	struct zl_nc_conf *conf;
	struct zl_sink *sink;

	/* the files being read; frames[0] is the configuration */
	struct zl_nc_frame frames[ZL_NC_MAX_INCLUDE_DEPTH + 1];
	int nframes;
	int read_errno;		/* a read failed (errno); reported after the parse */
	const char *read_file;

	/* scanner */
	bool clause_start;	/* the next word starts a clause (may be a keyword) */
	int depth;		/* open { } blocks */
	struct zl_nc_tok braces[ZL_NC_MAX_NESTING]; /* where each open "{" is */
	uint32_t comment_line, comment_col; /* where the open comment began */
	int last_kind;		/* token kind last returned (for messages) */
	struct zl_nc_tok last_text; /* its text, if it is a word or string */
	const char *lex_error;	/* set with a BADTOKEN: what was wrong */
	char lex_buf[200];
	struct zl_buf text;	/* token texts, reset at the end of each clause */

	/* what the clauses said so far */
	const char *dir;	/* the directory option in force (resolved), or NULL */
	bool dir_bad;		/* it names no directory (reported) */
	struct zl_nc_tok options_at, directory_at; /* first options / directory clause */
	bool options_seen, directory_seen;
	int options_format;	/* masterfile-format in options: -1, 0 text, 1 raw */
	size_t view;		/* the view being read (0: top level) */
	size_t cap_views, cap_zones;
	struct zl_nc_zone *zone; /* the zone being read, or NULL */
	struct zl_nc_tok type_at, file_at; /* its type and file clauses */
	int zone_format;	/* its masterfile-format */
	bool syntax_error;	/* reported; the parse stops */
};

/* The text of token t (not NUL-terminated: use t->len). */
static inline const char *zl_nc_text(const struct zl_nc_state *ps,
				     const struct zl_nc_tok *t)
{
	return (const char *)ps->text.data + t->off;
}

/* ---- called by the scanner ---------------------------------------------- */

/* YY_INPUT: read up to max bytes of the current file; 0 at its end or on error. */
size_t zl_nc_p_read(struct zl_nc_state *ps, char *buf, size_t max);

/*
 * Before each token: the token yytext[0..len) starts at the current
 * position; set *first_line and *first_col to it and advance the position
 * over the text (a line ends at "\n", as BIND counts lines).
 */
void zl_nc_p_advance(struct zl_nc_state *ps, const char *text, size_t len,
		     int *first_line, int *first_col);

/*
 * Keep a word or string text[0..len) (quotes already removed) with the
 * position of its first byte; returns the token for yylval.  In a quoted
 * string a backslash escapes the next byte: \" becomes a quote, other
 * pairs stay as written, as BIND's lexer keeps them.
 */
struct zl_nc_tok zl_nc_p_keep(struct zl_nc_state *ps, const char *text, size_t len,
			      bool quoted, uint32_t line, uint32_t col);

/* The keyword token kind of a clause's first word, or 0 if it is none. */
int zl_nc_p_keyword(const char *text, size_t len);

/*
 * End of the current file.  An included file is closed and the next
 * match of its glob pattern, or the file that included it, is read on:
 * returns true (scanning goes on; the scanner's buffers were switched).
 * At the end of the configuration itself returns false.
 */
bool zl_nc_p_eof(struct zl_nc_state *ps, void *scanner);

/* ---- called by the grammar ------------------------------------------------ */

/* include "pattern"; -- read the file(s) next. */
void zl_nc_p_include(struct zl_nc_state *ps, void *scanner,
		     const struct zl_nc_tok *path);

/* options { ... };  -- the keyword's token, at its start. */
void zl_nc_p_options(struct zl_nc_state *ps, const struct zl_nc_tok *kw);

/* directory "path"; in options. */
void zl_nc_p_directory(struct zl_nc_state *ps, const struct zl_nc_tok *kw,
		       const struct zl_nc_tok *path);

/* view NAME [class] {  -- and its end. */
void zl_nc_p_view_begin(struct zl_nc_state *ps, const struct zl_nc_tok *name,
			const struct zl_nc_tok *cls);
void zl_nc_p_view_end(struct zl_nc_state *ps);

/* zone NAME [class] {  -- and its end. */
void zl_nc_p_zone_begin(struct zl_nc_state *ps, const struct zl_nc_tok *name,
			const struct zl_nc_tok *cls);
void zl_nc_p_zone_end(struct zl_nc_state *ps);

/* type WORD; and file "path"; in a zone. */
void zl_nc_p_zone_type(struct zl_nc_state *ps, const struct zl_nc_tok *kw,
		       const struct zl_nc_tok *type);
void zl_nc_p_zone_file(struct zl_nc_state *ps, const struct zl_nc_tok *kw,
		       const struct zl_nc_tok *path);

/*
 * Any other clause: its first word (or string) head and the first word
 * or string after it (value; unset if none), in context ctx.  Picks out
 * what matters for zones (in-view, dlz, database, masterfile-format).
 */
void zl_nc_p_clause(struct zl_nc_state *ps, enum zl_nc_ctx ctx,
		    const struct zl_nc_tok *head, const struct zl_nc_tok *value);

/*
 * A clause ended (its ";" was read).  Unless the parser has already read
 * the next token (lookahead true), the token texts are no longer needed
 * and are forgotten, so memory stays bounded by the longest clause.
 */
void zl_nc_p_clause_end(struct zl_nc_state *ps, bool lookahead);

/* Report a conf-syntax error at file:line:col and stop reading. */
void zl_nc_p_syntax(struct zl_nc_state *ps, const char *file, uint32_t line,
		    uint32_t col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The file being read now (display name). */
const char *zl_nc_p_file(const struct zl_nc_state *ps);

#endif
