/* parse_state.h - state shared by the scanner (grammar/zone.l), the grammar (grammar/zone.y) and the parser driver (src/parser.c); internal. */
#ifndef ZL_PARSE_STATE_H
#define ZL_PARSE_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "arena.h"
#include "diag.h"
#include "name.h"
#include "parser.h"
#include "progress.h"
#include "rdata.h"

/* Kinds of token text the scanner keeps for the current line. */
struct zl_ptok {
	uint32_t off, len;	/* raw text in zl_file_state.text */
	uint32_t line, col;	/* 1-based start */
	bool quoted;
	bool semi_after;	/* unquoted, and a ";" comment starts right after it */
};

struct zl_loader;

/* State of reading one file (one per $INCLUDE level). */
struct zl_file_state {
	struct zl_loader *ld;
	const char *file;	/* display name, interned in the sink */
	int depth;		/* 0 = top-level file */
	FILE *fp;		/* the open file */
	int read_errno;		/* errno of a failed read, 0 if none */

	/* the reader (zl_p_read) cuts lines longer than ZL_MAX_LINE: the
	 * octet past the limit becomes a NUL, the rest of the line is dropped */
	uint32_t rd_ends;	/* line ends read so far */
	uint32_t rd_run;	/* octets of that line so far */
	bool rd_cr;		/* the last octet read was a CR (CRLF is one line end) */
	bool rd_skip;		/* dropping the rest of a cut line */
	uint32_t cut_line;	/* the last line cut and not yet reported, or 0 */

	/* scanner position */
	uint32_t line, col;
	struct {
		int first_line, first_column;	/* where the last token starts, 1-based */
	} loc;
	uint64_t offset;	/* octets scanned (the reader's cuts not counted) */
	uint64_t entry_start;	/* offset where the current entry began */
	int paren;		/* open parentheses */
	uint32_t paren_line, paren_col; /* where the outermost one opened */
	/* a quoted string that runs past the end of the scanner's buffer
	 * (the QUOTED start condition, grammar/zone.l): where its quote is,
	 * and the start condition to go back to */
	uint32_t q_line, q_col;
	int q_start;
	const char *lex_error;	/* set with a BADTOKEN: what was wrong */
	bool lex_limit;		/* ... and it is a zonelint-limit, not a zone-syntax error */
	char lex_buf[160];	/* room for a lex_error that needs formatting */

	/* tokens of the current logical line */
	struct zl_buf text;
	struct zl_ptok *toks;
	size_t ntoks, captoks;
	int last_kind;		/* token kind last returned (for messages) */

	/* the entry being built, as token indexes (-1 = absent) */
	int owner_tok;		/* -1 = blank owner (previous one) */
	int ttl_tok, class_tok, type_tok;
	uint16_t type;
	uint16_t rclass;	/* the class class_tok names (set with it) */
	int directive;		/* token index of the $WORD */

	/* origin and previous owner, restored when an $INCLUDE returns */
	uint8_t origin[ZL_NAME_MAX];
	bool have_origin;
	uint8_t prev_owner[ZL_NAME_MAX];
	size_t prev_owner_len;
	bool have_prev_owner;
};

/* State shared by a top-level file and all its includes. */
struct zl_loader {
	const struct zl_parse_opts *opts;
	struct zl_sink *sink;
	bool origin_announced;	/* on_origin has been called */
	uint8_t zone_origin[ZL_NAME_MAX]; /* the origin it was called with
				 * (zl_record.zone_origin) */
	size_t zone_origin_len;
	bool seen_record;	/* a record has been read (for "$ORIGIN before the first record") */
	bool failed_origin;	/* reported "no origin" once */
	uint32_t default_ttl;	/* $TTL */
	bool have_default_ttl;
	uint32_t last_ttl;	/* TTL of the previous record (RFC 1035 section 5.1) */
	bool have_last_ttl;
	uint16_t zone_class;	/* class of the first record */
	bool have_zone_class;
	struct zl_buf rdata;	/* wire RDATA of the current record */
	struct zl_arena scratch; /* per-record scratch, reset per record */
	struct zl_token *rtoks;	/* RDATA tokens handed to zl_rdata_parse */
	size_t caprtoks;
	uint32_t nrecords;	/* records handed to on_record */
	size_t record_errors;	/* errors on_record itself reported (--syntax-only's
				 * per-record checks), not the parser: $GENERATE
				 * stops at the parser's only */
	struct zl_progress progress; /* the top file's progress line (terminal only) */
	uint32_t max_records;	/* opts->max_records, or the default */
	bool stopped;		/* max_records passed: read no further, in any file */
	const struct zl_split_hooks *split; /* opts->split: the lines go there (reader side) */
	/* open files, for cycle detection */
	dev_t dev[ZL_MAX_INCLUDE_DEPTH + 1];
	ino_t ino[ZL_MAX_INCLUDE_DEPTH + 1];
	const char *names[ZL_MAX_INCLUDE_DEPTH + 1];
	int nopen;
};

/*
 * Echo at most ZL_ECHO_MAX octets of a token in a message: a 100,000-
 * character word must not make a 100,000-character diagnostic.  Use as
 * "%.*s%s", ZL_ECHO(len), text, ZL_ECHO_MORE(len).
 */
#define ZL_ECHO_MAX 64
#define ZL_ECHO(len) ((int)((len) > ZL_ECHO_MAX ? ZL_ECHO_MAX : (len)))
#define ZL_ECHO_MORE(len) ((len) > ZL_ECHO_MAX ? "..." : "")

/* Token text (raw) of token i of the current line. */
static inline const char *zl_ptok_text(const struct zl_file_state *fs, int i)
{
	return (const char *)fs->text.data + fs->toks[i].off;
}

/* Called by the scanner (YY_INPUT): read up to max bytes; 0 at end of file or on error (noted in read_errno). */
size_t zl_p_read(struct zl_file_state *fs, char *buf, size_t max);

/*
 * Called by the scanner for a comment starting "; zonelint" (tool
 * directives: "; zonelint: disable=...", "; zonelint-test: ..."):
 * passes it to opts->on_comment.  own_line is true when nothing but
 * blanks precedes it on its line.
 */
void zl_p_comment(struct zl_file_state *fs, const char *text, size_t len,
		  uint32_t line, uint32_t col, bool own_line);

/*
 * Called by the scanner for a comment in RDATA starting at line:col:
 * when it touches the end of the previous unquoted word ("a;"), that
 * word is marked semi_after (for txt-semicolon).
 */
void zl_p_comment_touch(struct zl_file_state *fs, uint32_t line, uint32_t col);

/* zl_p_push_token() past a limit or when an array must grow (src/parser.c). */
int zl_p_push_token_slow(struct zl_file_state *fs, const char *text, size_t len,
			 uint32_t line, uint32_t col, bool quoted);

/*
 * Called by the scanner: append a token of the current line; returns its
 * index.  Returns -1 and stores nothing when the token is longer than
 * ZL_MAX_TOKEN or the entry has spanned more than ZL_MAX_ENTRY octets;
 * fs->lex_error then says which (the scanner reports it as a BADTOKEN).
 */
static inline int zl_p_push_token(struct zl_file_state *fs, const char *text,
				  size_t len, uint32_t line, uint32_t col, bool quoted)
{
	struct zl_buf *b = &fs->text;

	/* the common case inline: within the limits, room for it */
	if (len > ZL_MAX_TOKEN || fs->offset - fs->entry_start > ZL_MAX_ENTRY ||
	    fs->ntoks == fs->captoks || b->cap - b->len < len)
		return zl_p_push_token_slow(fs, text, len, line, col, quoted);
	struct zl_ptok *t = &fs->toks[fs->ntoks];
	t->off = (uint32_t)b->len;
	t->len = (uint32_t)len;
	t->line = line;
	t->col = col;
	t->quoted = quoted;
	t->semi_after = false;
	memcpy(b->data + b->len, text, len);
	b->len += len;
	return (int)fs->ntoks++;
}

/*
 * Called by the scanner for every fault: true if the fault is the cut the
 * reader made in an over-long line (it ends at or after the cut on that
 * line).  Then fs->lex_error holds the zonelint-limit message, *line and
 * *col the place of the cut, and the cut counts as reported.
 */
bool zl_p_at_cut(struct zl_file_state *fs, int *line, int *col);

/*
 * Called by the scanner for a word before the type: returns the grammar
 * token kind (TTLV, CLASS, TYPE or UNKNOWN) and sets fs->type for TYPE.
 */
int zl_p_classify(struct zl_file_state *fs, const char *text, size_t len);

/*
 * The mnemonics the scanner matches by pattern before its general word
 * rule (grammar/zone.l): the class and the types of most records, so
 * that most words before the RDATA need no lookup.  Their meaning still
 * comes from the tables (zl_word_kind()).
 */
enum zl_p_keyword {
	ZL_KW_IN, ZL_KW_A, ZL_KW_AAAA, ZL_KW_NS, ZL_KW_MX, ZL_KW_TXT,
	ZL_KW_CNAME, ZL_KW_SOA, ZL_KW_SRV, ZL_KW_CAA, ZL_KW_PTR,
	ZL_NKW
};

/* zl_p_classify() of the keyword k the scanner matched (any case). */
int zl_p_classify_keyword(struct zl_file_state *fs, enum zl_p_keyword k);

/* Grammar actions: a complete entry or directive line was read. */
void zl_p_entry(struct zl_file_state *fs);
void zl_p_directive(struct zl_file_state *fs);

/* $GENERATE (src/generate.c): expand the directive on the current line into entries. */
void zl_p_generate(struct zl_file_state *fs);

/* Where the parts of a synthesised entry were written (the $GENERATE line). */
struct zl_synth_pos {
	uint32_t line;
	uint32_t owner_col;	/* the owner template */
	uint32_t type_col;	/* TTL, class and type */
	uint32_t rdata_col;	/* the RDATA template: every RDATA word points here */
};

/*
 * Make the current line an entry from words: owner,
 * optional ttl and class words (NULL = absent), a type, and RDATA words;
 * then process it as zl_p_entry() does.  Used by $GENERATE; diagnostics
 * point at the template parts given in pos.
 */
void zl_p_synth_entry(struct zl_file_state *fs, const char *owner, size_t owner_len,
		      const char *ttl, size_t ttl_len, const char *cls, size_t cls_len,
		      uint16_t type, const char *type_text, size_t type_len,
		      const char *rdata, size_t rdata_len,
		      const struct zl_synth_pos *pos);

/* Forget the tokens of the current line (after each line, good or bad). */
void zl_p_reset_line(struct zl_file_state *fs);

/* True once the record limit has stopped reading (the grammar then aborts). */
static inline bool zl_p_stopped(const struct zl_file_state *fs)
{
	const struct zl_split_hooks *h = fs->ld->split;

	return fs->ld->stopped ||
	       (h && h->stop && atomic_load_explicit(h->stop, memory_order_relaxed));
}

/*
 * Grammar actions of the reader: an entry line (zl_p_entry_line) or a
 * directive line (zl_p_directive_line) was read.  They give it meaning
 * here (zl_p_entry(), zl_p_directive()), or in a split read hand it
 * over to the entry side packed (but $INCLUDE, which the reader keeps).
 */
void zl_p_entry_line(struct zl_file_state *fs);
void zl_p_directive_line(struct zl_file_state *fs);

/* Grammar action of the reader: a blank, comment-only or bad line was
 * read.  Forgets its tokens; in a split read tells the hooks (quiet). */
void zl_p_quiet_line(struct zl_file_state *fs);

/*
 * A packed line (zl_split_hooks.line): this header, then ntoks tokens
 * (struct zl_ptok), then textlen octets of their text.  The token
 * indexes are those of struct zl_file_state.
 */
struct zl_packed_line {
	uint32_t ntoks, textlen;
	int32_t owner_tok, ttl_tok, class_tok, type_tok, directive; /* -1: none (owner: -1 blank) */
	uint16_t type, rclass;
};

/* The top file's origin becomes known (once): note it in ld and tell opts->on_origin. */
void zl_p_announce_origin(struct zl_loader *ld, const uint8_t *origin, const char *source);

/*
 * The loader's life, shared by zl_parse_file() and a split read's entry
 * side (src/entries.c).  zl_p_loader_init(): ld made ready to read with
 * opts (kept, not copied), findings to sink; allocates nothing yet.
 * zl_p_loader_opened(): the top file is open, so opts->origin (-o), if
 * any, is announced.  zl_p_loader_end(): the read ended with r; if the
 * top file was opened and no origin was found, the one its name gives
 * (opts->infer_from_filename); ld's buffers are freed; returns the
 * read's result (ZL_PARSE_NO_ORIGIN if a relative name found none).
 */
void zl_p_loader_init(struct zl_loader *ld, const struct zl_parse_opts *opts,
		      struct zl_sink *sink);
void zl_p_loader_opened(struct zl_loader *ld);
enum zl_parse_result zl_p_loader_end(struct zl_loader *ld, bool opened,
				     enum zl_parse_result r);

/*
 * fs made ready for the file display at include depth depth (0: the top
 * file), starting with origin (wire; NULL: none) and parent's previous
 * owner (NULL: none), as RFC 1035 section 5.1 has an $INCLUDE start;
 * everything else zeroed (no buffers, no stream).  The caller then
 * calls zl_p_reset_line().
 */
void zl_p_file_begin(struct zl_file_state *fs, struct zl_loader *ld,
		     const char *display, int depth, const uint8_t *origin,
		     const struct zl_file_state *parent);

/* Report a finding of rule at line:col of the current file, the message printf-formatted. */
void zl_p_report(struct zl_file_state *fs, enum zl_rule rule, uint32_t line,
		 uint32_t col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A zone-syntax error; a zonelint-limit error (one of the ZL_MAX_* bounds passed). */
#define zl_p_error(fs, line, col, ...) \
	zl_p_report((fs), ZL_RULE_zone_syntax, (line), (col), __VA_ARGS__)
#define zl_p_limit(fs, line, col, ...) \
	zl_p_report((fs), ZL_RULE_zonelint_limit, (line), (col), __VA_ARGS__)

#endif
