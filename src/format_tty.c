/* format_tty.c - for people at a terminal: the gcc line, the source line and a caret under the column; colour only here. */
#include "diag.h"
#include "format.h"

#include <stdlib.h>
#include <string.h>

#define BOLD "\033[1m"
#define RESET "\033[0m"

/* Colour of the severity word, as gcc uses them. */
static const char *severity_color(enum zl_severity s)
{
	return s == ZL_ERROR ? "\033[1;31m" : s == ZL_WARNING ? "\033[1;35m" : "\033[1;36m";
}

static const char *gcc_word(enum zl_severity s)
{
	return s == ZL_ERROR ? "error" : s == ZL_WARNING ? "warning" : "note";
}

/*
 * Lazy reader of source lines: keeps the last file open, since findings
 * come sorted by file and line, and reopens only to go backwards.
 */
struct source {
	const char *file;	/* the file f reads; NULL if none */
	FILE *f;
	uint32_t lineno;	/* the number of the line in buf */
	char *buf;
	size_t cap;
};

/* Line number line of file, without its line end; NULL if unreadable. */
static const char *source_line(struct source *src, const char *file, uint32_t line)
{
	if (strcmp(file, "-") == 0)
		return NULL;	/* standard input is gone */
	if (!src->file || strcmp(src->file, file) != 0 ||
	    line < src->lineno) {
		if (src->f)
			fclose(src->f);
		src->file = file;
		src->f = fopen(file, "r");
		src->lineno = 0;
	}
	if (line == src->lineno)
		return src->buf;
	if (!src->f)
		return NULL;
	while (src->lineno < line) {
		ssize_t n = getline(&src->buf, &src->cap, src->f);
		if (n < 0) {
			fclose(src->f);	/* past the end: the file changed */
			src->f = NULL;
			src->lineno = 0;
			return NULL;
		}
		while (n > 0 && (src->buf[n - 1] == '\n' || src->buf[n - 1] == '\r'))
			src->buf[--n] = '\0';
		src->lineno++;
	}
	return src->buf;
}

/*
 * The source line (control characters other than tab written \DDD, as in
 * messages, so the zone cannot drive the terminal) and, if col, a caret
 * under byte col: tabs before it are copied, an escaped octet takes the
 * four columns of its escape, UTF-8 continuation bytes take none.
 */
static void excerpt(const char *text, uint32_t col, bool color, FILE *out)
{
	char esc[5];

	fputs("  ", out);
	zl_fput_line(text, out);
	fputc('\n', out);
	if (col == 0)
		return;
	fputs("  ", out);
	size_t len = strlen(text);
	for (size_t i = 0; i + 1 < col && i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\t')
			fputc('\t', out);
		else if (zl_control_escape(c, esc))
			fputs("    ", out);
		else if ((c & 0xc0) != 0x80)
			fputc(' ', out);
	}
	fprintf(out, "%s^%s\n", color ? "\033[1;32m" : "", color ? RESET : "");
}

void zl_format_tty(const struct zl_sink *s, bool color, FILE *out)
{
	struct source src = { 0 };
	for (size_t i = 0; i < s->n; i++) {
		const struct zl_diagnostic *d = &s->v[i];
		if (color)
			fputs(BOLD, out);
		zl_fput_text(d->file, out);
		if (d->line == 0)
			fputs(":", out);
		else if (d->col == 0)
			fprintf(out, ":%u:", (unsigned)d->line);
		else
			fprintf(out, ":%u:%u:", (unsigned)d->line, (unsigned)d->col);
		if (color)
			fprintf(out, RESET " %s%s:" RESET " ", severity_color(d->severity),
				gcc_word(d->severity));
		else
			fprintf(out, " %s: ", gcc_word(d->severity));
		zl_fput_text(d->message, out);
		if (color)
			fprintf(out, " [" BOLD "%s" RESET "]\n", zl_rules[d->rule].id);
		else
			fprintf(out, " [%s]\n", zl_rules[d->rule].id);
		const char *text = d->line ? source_line(&src, d->file, d->line) : NULL;
		if (text)
			excerpt(text, d->col, color, out);
	}
	if (src.f)
		fclose(src.f);
	free(src.buf);
}
