/* test_scanner.c - the flex scanner alone: token kinds, positions and line ends (RFC 1035 section 5.1 as BIND reads it). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "parse_state.h"
#include "zone_parser.h"
#include "zone_scanner.h"

/*
 * One token as the scanner returned it, or TOK_KEPT: an RDATA word or
 * string, or a directive argument, which the scanner only adds to the
 * entry's tokens (the grammar never sees them).
 */
#define TOK_KEPT (-1)
struct tok {
	int kind;
	int line, col;
	char text[64];
};

/* Scan text; up to max tokens into out; returns how many (EOF not counted). */
static size_t scan(const char *text, size_t len, struct tok *out, size_t max)
{
	struct zl_loader ld;
	struct zl_file_state fs;
	struct zl_parse_opts opts;
	struct zl_sink sink;
	yyscan_t scanner;
	ZL_YYSTYPE val;
	size_t n = 0;

	memset(&ld, 0, sizeof(ld));
	memset(&fs, 0, sizeof(fs));
	memset(&opts, 0, sizeof(opts));
	zl_sink_init(&sink);
	ld.opts = &opts;
	ld.sink = &sink;
	fs.ld = &ld;
	fs.file = "t";
	fs.line = 1;
	fs.col = 1;
	zl_p_reset_line(&fs);
	fs.fp = fmemopen((void *)text, len, "r");
	assert_non_null(fs.fp);
	assert_int_equal(zl_yylex_init_extra(&fs, &scanner), 0);
	zl_yyset_in(fs.fp, scanner);
	for (;;) {
		size_t before = fs.ntoks;
		int kind = zl_yylex(&val, scanner);
		bool has_idx = kind != 0 && kind != TOK_EOL && kind != TOK_BADTOKEN &&
			       kind != TOK_BLANK;
		for (size_t i = before; i < fs.ntoks && n < max; i++) {
			if (has_idx && (int)i == val.idx)
				continue;
			out[n].kind = TOK_KEPT;
			out[n].line = (int)fs.toks[i].line;
			out[n].col = (int)fs.toks[i].col;
			snprintf(out[n].text, sizeof(out[n].text), "%.*s",
				 (int)fs.toks[i].len, zl_ptok_text(&fs, (int)i));
			n++;
		}
		if (kind == 0 || n == max)
			break;
		out[n].kind = kind;
		out[n].line = fs.loc.first_line;
		out[n].col = fs.loc.first_column;
		out[n].text[0] = '\0';
		if (has_idx)
			snprintf(out[n].text, sizeof(out[n].text), "%.*s",
				 (int)fs.toks[val.idx].len, zl_ptok_text(&fs, val.idx));
		if (kind == TOK_EOL)
			zl_p_reset_line(&fs);
		n++;
	}
	zl_yylex_destroy(scanner);
	fclose(fs.fp);
	free(fs.toks);
	zl_buf_free(&fs.text);
	zl_sink_free(&sink);
	return n;
}

#define SCAN(text, toks) scan(text, sizeof(text) - 1, toks, sizeof(toks) / sizeof(toks[0]))

static void assert_tok(const struct tok *t, int kind, int line, int col, const char *text)
{
	assert_int_equal(t->kind, kind);
	assert_int_equal(t->line, line);
	assert_int_equal(t->col, col);
	if (text)
		assert_string_equal(t->text, text);
}

/* Scan text (one line) and expect token idx to be a fault the scanner
 * reports, at column col of line 1. */
static void assert_fault(const char *text, size_t len, size_t idx, int col)
{
	struct tok t[16];
	size_t n = scan(text, len, t, sizeof(t) / sizeof(t[0]));

	assert_true(n > idx);
	assert_tok(&t[idx], TOK_BADTOKEN, 1, col, NULL);
}

#define ASSERT_FAULT(text, idx, col) assert_fault(text, sizeof(text) - 1, idx, col)

/* A token scan() must give: its kind, line, column and text (NULL: none). */
struct want {
	int kind, line, col;
	const char *text;
};

/* Scan text and expect exactly the tokens of want[0..n). */
static void expect_toks(const char *text, size_t len, const struct want *want, size_t n)
{
	struct tok t[32];

	assert_true(n <= sizeof(t) / sizeof(t[0]));
	assert_int_equal(scan(text, len, t, sizeof(t) / sizeof(t[0])), n);
	for (size_t i = 0; i < n; i++)
		assert_tok(&t[i], want[i].kind, want[i].line, want[i].col, want[i].text);
}

#define EXPECT_TOKS(text, want) \
	expect_toks(text, sizeof(text) - 1, want, sizeof(want) / sizeof(want[0]))

/* Owner at column 1; TTL, class and type classified; the rest is RDATA. */
static void test_entry_tokens(void **state)
{
	(void)state;
	struct tok t[16];
	size_t n = SCAN("www 3600 IN MX 10 IN\n", t);
	assert_int_equal(n, 7);
	assert_tok(&t[0], TOK_OWNER, 1, 1, "www");
	assert_tok(&t[1], TOK_TTLV, 1, 5, "3600");
	assert_tok(&t[2], TOK_CLASS, 1, 10, "IN");
	assert_tok(&t[3], TOK_TYPE, 1, 13, "MX");
	assert_tok(&t[4], TOK_KEPT, 1, 16, "10");
	assert_tok(&t[5], TOK_KEPT, 1, 19, "IN");	/* after the type: RDATA, not a class */
	assert_tok(&t[6], TOK_EOL, 1, 21, NULL);
}

/* Leading blanks mean "the previous owner"; a blank line is just a line end. */
static void test_blank_owner(void **state)
{
	(void)state;
	struct tok t[16];
	size_t n = SCAN("\tA 192.0.2.1\n   \n  ; comment\n", t);
	assert_int_equal(n, 6);	/* three lines, three line ends */
	assert_tok(&t[0], TOK_BLANK, 1, 2, NULL);
	assert_tok(&t[1], TOK_TYPE, 1, 2, "A");
	assert_tok(&t[2], TOK_KEPT, 1, 4, "192.0.2.1");
	assert_int_equal(t[3].kind, TOK_EOL);
	assert_tok(&t[4], TOK_EOL, 2, 4, NULL);
	assert_tok(&t[5], TOK_EOL, 3, 12, NULL);
}

/* Parentheses join lines: no line end inside; positions keep counting lines. */
static void test_parentheses(void **state)
{
	(void)state;
	struct tok t[16];
	size_t n = SCAN("@ TXT ( \"a b\" ; c\n  \"c\\\"d\" )\n", t);
	assert_int_equal(n, 5);
	assert_tok(&t[2], TOK_KEPT, 1, 9, "a b");
	assert_tok(&t[3], TOK_KEPT, 2, 3, "c\\\"d");	/* raw: escapes kept */
	assert_tok(&t[4], TOK_EOL, 2, 11, NULL);
}

/* LF, CRLF and a lone CR each end a line (BIND reads all three). */
static void test_line_ends(void **state)
{
	(void)state;
	struct tok t[16];
	size_t n = SCAN("a A 1\r\nb A 2\rc A 3\n", t);
	assert_int_equal(n, 12);
	assert_tok(&t[4], TOK_OWNER, 2, 1, "b");
	assert_tok(&t[8], TOK_OWNER, 3, 1, "c");
}

/* Directives, and faults the scanner itself reports. */
static void test_directives_and_faults(void **state)
{
	(void)state;
	struct tok t[16];
	size_t n = SCAN("$ORIGIN example.\n@ TXT \"open\nx\0y A 1\n", t);
	assert_tok(&t[0], TOK_DIRECTIVE, 1, 1, "$ORIGIN");
	assert_tok(&t[1], TOK_KEPT, 1, 9, "example.");
	assert_tok(&t[5], TOK_BADTOKEN, 2, 7, NULL);	/* unbalanced quote */
	assert_tok(&t[7], TOK_OWNER, 3, 1, "x");
	assert_tok(&t[8], TOK_BADTOKEN, 3, 2, NULL);	/* the NUL byte */
	assert_true(n >= 9);
	/* a NUL inside a quoted string is reported where it is */
	ASSERT_FAULT("@ TXT \"ab\0c\"\n", 2, 10);
}

/*
 * A word or a quoted string is matched with the blanks before it, in one
 * step: each token and each fault still starts where its first octet is,
 * after runs of tabs and spaces of any mix.
 */
static void test_blanks_before_tokens(void **state)
{
	(void)state;
	static const struct want line[] = {
		{ TOK_OWNER, 1, 1, "a" }, { TOK_TTLV, 1, 5, "3600" },
		{ TOK_CLASS, 1, 11, "IN" }, { TOK_TYPE, 1, 17, "TXT" },
		{ TOK_KEPT, 1, 23, "x y" }, { TOK_KEPT, 1, 31, "w\\ v" },
		{ TOK_EOL, 1, 38, NULL },
	};
	EXPECT_TOKS("a \t 3600\t\tIN  \t TXT \t \"x y\"\t  w\\ v  \t\n", line);
	/* faults after blanks: an unclosed quote at its quote, a backslash
	 * ending the line at the word it ends, a NUL in a string at the NUL */
	ASSERT_FAULT("b TXT \t \"open\n", 2, 9);
	ASSERT_FAULT("c A \tx\\\n", 2, 6);
	ASSERT_FAULT("d TXT  \"ab\0\"\n", 2, 11);
}

/*
 * The commonest class and types are matched by pattern, any case; a word
 * that only starts or ends like one is still looked up as a whole.
 */
static void test_keywords(void **state)
{
	(void)state;
	static const struct want lines[] = {
		{ TOK_OWNER, 1, 1, "x" }, { TOK_CLASS, 1, 3, "in" },
		{ TOK_TYPE, 1, 6, "CName" }, { TOK_KEPT, 1, 12, "y" },
		{ TOK_EOL, 1, 13, NULL },
		{ TOK_OWNER, 2, 1, "z" }, { TOK_UNKNOWN, 2, 3, "Inx" },
		{ TOK_UNKNOWN, 2, 7, "AAAAA" }, { TOK_EOL, 2, 12, NULL },
		{ TOK_OWNER, 3, 1, "w" }, { TOK_TTLV, 3, 3, "3600" },
		{ TOK_UNKNOWN, 3, 8, "aA" }, { TOK_UNKNOWN, 3, 11, "::1" },
		{ TOK_EOL, 3, 14, NULL },
	};
	EXPECT_TOKS("x in CName y\nz Inx AAAAA\nw 3600 aA ::1\n", lines);
	/* the numbers are the tables': class IN 1, type CNAME 5 (RFC 1035) */
	struct zl_loader ld;
	struct zl_file_state fs;
	memset(&ld, 0, sizeof(ld));
	memset(&fs, 0, sizeof(fs));
	fs.ld = &ld;
	fs.class_tok = -1;
	assert_int_equal(zl_p_classify_keyword(&fs, ZL_KW_IN), TOK_CLASS);
	assert_int_equal(fs.rclass, 1);
	assert_int_equal(zl_p_classify_keyword(&fs, ZL_KW_CNAME), TOK_TYPE);
	assert_int_equal(fs.type, 5);
	static const uint16_t types[ZL_NKW] = {
		[ZL_KW_A] = 1, [ZL_KW_AAAA] = 28, [ZL_KW_NS] = 2, [ZL_KW_MX] = 15,
		[ZL_KW_TXT] = 16, [ZL_KW_CNAME] = 5, [ZL_KW_SOA] = 6, [ZL_KW_SRV] = 33,
		[ZL_KW_CAA] = 257, [ZL_KW_PTR] = 12,
	};
	for (int k = ZL_KW_A; k < ZL_NKW; k++) {
		assert_int_equal(zl_p_classify_keyword(&fs, (enum zl_p_keyword)k), TOK_TYPE);
		assert_int_equal(fs.type, types[k]);
	}
}

/* The octets flex reads first (YY_READ_BUF_SIZE in grammar/zone.l): a token across this offset is read in two buffers. */
#define FIRST_READ 65536

/*
 * Scan line (len octets, no line end needed) as line 2 of a text whose
 * first line, a comment, is long enough that octet k of line falls at
 * the end of flex's first buffer; expect want (lines and columns as
 * line 2's; the first line gives an EOL token first).
 */
static void expect_line_across(const char *line, size_t len, size_t k, const struct want *want,
			       size_t n)
{
	size_t first = FIRST_READ - k;	/* the first line, its LF included */
	char *text = malloc(first + len);
	struct tok t[32];

	assert_non_null(text);
	assert_true(first >= 2 && n < sizeof(t) / sizeof(t[0]));
	text[0] = ';';
	memset(text + 1, 'x', first - 2);
	text[first - 1] = '\n';
	memcpy(text + first, line, len);
	size_t got = scan(text, first + len, t, sizeof(t) / sizeof(t[0]));
	free(text);
	if (got != n + 1)
		fail_msg("octet %zu at the cut: %zu tokens, want %zu", k, got, n + 1);
	assert_tok(&t[0], TOK_EOL, 1, (int)first, NULL);
	for (size_t i = 0; i < n; i++)
		assert_tok(&t[i + 1], want[i].kind, want[i].line, want[i].col, want[i].text);
}

/* expect_line_across() with every octet of line at the cut in turn. */
static void expect_line_all_cuts(const char *line, size_t len, const struct want *want, size_t n)
{
	for (size_t k = 0; k <= len; k++)
		expect_line_across(line, len, k, want, n);
}

#define EXPECT_ALL_CUTS(line, want) \
	expect_line_all_cuts(line, sizeof(line) - 1, want, sizeof(want) / sizeof(want[0]))

/*
 * A quoted string is read past the end of flex's buffer as within it:
 * its text with escapes as written (RFC 1035 section 5.1: \X and \DDD
 * stand for an octet, an escaped quote does not end the string), and
 * each fault where it is (an unclosed quote at the quote, a NUL at the
 * NUL), wherever the cut falls: before the quote, on it, on a
 * backslash, on the octet after one, on the closing quote, on the line
 * end.
 */
static void test_quoted_across_buffers(void **state)
{
	(void)state;
	static const struct want text[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_KEPT, 2, 8, "v=spf1 a:\\\"x\\\\ \\065\t\xc3\xa9 -all" },
		{ TOK_KEPT, 2, 38, "" }, { TOK_EOL, 2, 40, NULL },
	};
	EXPECT_ALL_CUTS("@ TXT  \"v=spf1 a:\\\"x\\\\ \\065\t\xc3\xa9 -all\" \"\"\n", text);
	static const struct want open[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_BADTOKEN, 2, 7, NULL }, { TOK_EOL, 2, 11, NULL },
	};
	EXPECT_ALL_CUTS("@ TXT \"abc\n", open);
	EXPECT_ALL_CUTS("@ TXT \"ab\\\n", open);
	static const struct want open_crlf[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_BADTOKEN, 2, 7, NULL }, { TOK_EOL, 2, 8, NULL },
		{ TOK_OWNER, 3, 1, "b" }, { TOK_EOL, 3, 2, NULL },
	};
	EXPECT_ALL_CUTS("@ TXT \"\r\nb\n", open_crlf);
	static const struct want at_eof[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_BADTOKEN, 2, 7, NULL }, { TOK_EOL, 2, 11, NULL },
	};
	EXPECT_ALL_CUTS("@ TXT \"abc", at_eof);
	static const struct want nul[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_BADTOKEN, 2, 10, NULL }, { TOK_KEPT, 2, 11, "cd" },
		{ TOK_BADTOKEN, 2, 13, NULL }, { TOK_EOL, 2, 14, NULL },
	};
	expect_line_all_cuts("@ TXT \"ab\0cd\"\n", 14, nul, 6);
	static const struct want nul_escaped[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_BADTOKEN, 2, 11, NULL }, { TOK_KEPT, 2, 12, "cd" },
		{ TOK_BADTOKEN, 2, 14, NULL }, { TOK_EOL, 2, 15, NULL },
	};
	expect_line_all_cuts("@ TXT \"ab\\\0cd\"\n", 15, nul_escaped, 6);
	/* before the type: the grammar's BADQUOTE, its text kept */
	static const struct want fields[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_BADQUOTE, 2, 3, "a b" },
		{ TOK_TYPE, 2, 9, "A" }, { TOK_KEPT, 2, 11, "192.0.2.1" },
		{ TOK_EOL, 2, 20, NULL },
	};
	EXPECT_ALL_CUTS("@ \"a b\" A 192.0.2.1\n", fields);
}

/*
 * A word of RDATA or of a directive is read past the end of flex's
 * buffer as within it, and so are the blanks after a token: each token
 * where its first octet is, its text as written (RFC 1035 section 5.1:
 * a backslash escapes the octet after it, even a blank or a quote), a
 * backslash before a line end, a NUL or the end of the file a fault at
 * its word, wherever the cut falls.
 */
static void test_words_across_buffers(void **state)
{
	(void)state;
	static const struct want escapes[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_KEPT, 2, 8, "a\\\"b\\\\c\\ d\\065e" }, { TOK_KEPT, 2, 25, "f" },
		{ TOK_EOL, 2, 29, NULL },
	};
	EXPECT_ALL_CUTS("@ TXT  a\\\"b\\\\c\\ d\\065e  f\t;c\n", escapes);
	static const struct want backslash[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "A" },
		{ TOK_BADTOKEN, 2, 5, NULL }, { TOK_EOL, 2, 7, NULL },
	};
	EXPECT_ALL_CUTS("@ A x\\\n", backslash);
	EXPECT_ALL_CUTS("@ A x\\", backslash);
	static const struct want backslash_nul[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "A" },
		{ TOK_BADTOKEN, 2, 5, NULL }, { TOK_BADTOKEN, 2, 7, NULL },
		{ TOK_KEPT, 2, 8, "y" }, { TOK_EOL, 2, 9, NULL },
	};
	expect_line_all_cuts("@ A x\\\0y\n", 9, backslash_nul, 6);
	static const struct want at_eof[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "A" },
		{ TOK_KEPT, 2, 5, "192.0.2.1" }, { TOK_EOL, 2, 14, NULL },
	};
	EXPECT_ALL_CUTS("@ A 192.0.2.1", at_eof);
	static const struct want directive[] = {
		{ TOK_DIRECTIVE, 2, 1, "$ORIGIN" }, { TOK_KEPT, 2, 9, "exa\\.mple." },
		{ TOK_EOL, 2, 19, NULL },
	};
	EXPECT_ALL_CUTS("$ORIGIN exa\\.mple.\n", directive);
	static const struct want columns[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 8, "A" },
		{ TOK_KEPT, 2, 15, "192.0.2.1" }, { TOK_EOL, 2, 33, NULL },
	};
	EXPECT_ALL_CUTS("@      A      192.0.2.1      ; c\n", columns);
	static const struct want parens[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "MX" },
		{ TOK_KEPT, 2, 7, "10" }, { TOK_KEPT, 2, 10, "mx" },
		{ TOK_EOL, 2, 16, NULL },
	};
	EXPECT_ALL_CUTS("@ MX (10\tmx) ;x\n", parens);
	static const struct want quotes[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "TXT" },
		{ TOK_KEPT, 2, 7, "a" }, { TOK_KEPT, 2, 8, "b" },
		{ TOK_KEPT, 2, 11, "c" }, { TOK_EOL, 2, 12, NULL },
	};
	EXPECT_ALL_CUTS("@ TXT a\"b\"c\n", quotes);
	/* a line end right after a word ends the entry only outside parentheses */
	static const struct want multi_line[] = {
		{ TOK_OWNER, 2, 1, "@" }, { TOK_TYPE, 2, 3, "SOA" },
		{ TOK_KEPT, 2, 7, "ns" }, { TOK_KEPT, 2, 10, "h" },
		{ TOK_KEPT, 3, 1, "1" }, { TOK_KEPT, 3, 3, "2" },
		{ TOK_KEPT, 4, 2, "3" }, { TOK_KEPT, 4, 4, "4" }, { TOK_KEPT, 4, 6, "5" },
		{ TOK_EOL, 4, 9, NULL },
		{ TOK_DIRECTIVE, 5, 1, "$TTL" }, { TOK_KEPT, 5, 6, "3600" },
		{ TOK_EOL, 5, 10, NULL },
	};
	EXPECT_ALL_CUTS("@ SOA ns h (\n1 2\n 3 4 5 )\n$TTL 3600\n", multi_line);
}

/*
 * An owner name, and the blanks that start a line (a blank owner, RFC
 * 1035 section 5.1: the previous owner), are read past the end of
 * flex's buffer as within it, wherever the cut falls; a name starting
 * with "$" that is no directive is an owner too (BIND's reading).
 */
static void test_owners_across_buffers(void **state)
{
	(void)state;
	static const struct want long_name[] = {
		{ TOK_OWNER, 2, 1, "mx._domainkey.bistro-snow27056" }, { TOK_TYPE, 2, 32, "TXT" },
		{ TOK_KEPT, 2, 36, "x" }, { TOK_EOL, 2, 37, NULL },
	};
	EXPECT_ALL_CUTS("mx._domainkey.bistro-snow27056 TXT x\n", long_name);
	static const struct want escaped[] = {
		{ TOK_OWNER, 2, 1, "a\\.b\\ c\\\\" }, { TOK_TYPE, 2, 11, "A" },
		{ TOK_KEPT, 2, 13, "x" }, { TOK_EOL, 2, 14, NULL },
	};
	EXPECT_ALL_CUTS("a\\.b\\ c\\\\ A x\n", escaped);
	static const struct want backslash[] = {
		{ TOK_BADTOKEN, 2, 1, NULL }, { TOK_EOL, 2, 4, NULL },
	};
	EXPECT_ALL_CUTS("ab\\\n", backslash);
	static const struct want dollar[] = {
		{ TOK_OWNER, 2, 1, "$1abc" }, { TOK_TYPE, 2, 7, "A" },
		{ TOK_KEPT, 2, 9, "x" }, { TOK_EOL, 2, 10, NULL },
	};
	EXPECT_ALL_CUTS("$1abc A x\n", dollar);
	static const struct want dollar_origin[] = {
		{ TOK_OWNER, 2, 1, "$ORIGIN." }, { TOK_TYPE, 2, 10, "A" },
		{ TOK_KEPT, 2, 12, "x" }, { TOK_EOL, 2, 13, NULL },
	};
	EXPECT_ALL_CUTS("$ORIGIN. A x\n", dollar_origin);
	static const struct want dollar_backslash[] = {
		{ TOK_BADTOKEN, 2, 1, NULL }, { TOK_EOL, 2, 5, NULL },
	};
	EXPECT_ALL_CUTS("$ab\\\n", dollar_backslash);
	static const struct want blank_owner[] = {
		{ TOK_BLANK, 2, 30, NULL }, { TOK_TTLV, 2, 30, "1d" },
		{ TOK_CLASS, 2, 37, "IN" }, { TOK_TYPE, 2, 44, "MX" },
		{ TOK_KEPT, 2, 51, "10" }, { TOK_KEPT, 2, 54, "mx1" },
		{ TOK_EOL, 2, 57, NULL },
	};
	EXPECT_ALL_CUTS("                             1d     IN     MX     10 mx1\n", blank_owner);
	static const struct want blank_line[] = { { TOK_EOL, 2, 7, NULL } };
	EXPECT_ALL_CUTS("      \n", blank_line);
	EXPECT_ALL_CUTS("\t  ; c\n", blank_line);
	static const struct want at_eof[] = { { TOK_OWNER, 2, 1, "ab" }, { TOK_EOL, 2, 3, NULL } };
	EXPECT_ALL_CUTS("ab", at_eof);
	static const struct want backslash_eof[] = { { TOK_BADTOKEN, 2, 1, NULL } };
	EXPECT_ALL_CUTS("ab\\", backslash_eof);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_tokens),
		cmocka_unit_test(test_blank_owner),
		cmocka_unit_test(test_parentheses),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_directives_and_faults),
		cmocka_unit_test(test_blanks_before_tokens),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_quoted_across_buffers),
		cmocka_unit_test(test_words_across_buffers),
		cmocka_unit_test(test_owners_across_buffers),
	};
	return cmocka_run_group_tests_name("scanner", tests, NULL, NULL);
}
