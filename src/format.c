/* format.c - choosing the output format and colour, dispatching to the formatters, and text helpers they share. */
#include "diag.h"
#include "format.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const format_names[] = {
	[ZL_FORMAT_GCC] = "gcc",
	[ZL_FORMAT_TTY] = "tty",
	[ZL_FORMAT_JSON] = "json",
	[ZL_FORMAT_SARIF] = "sarif",
	[ZL_FORMAT_GITHUB] = "github",
};

bool zl_format_parse(const char *name, enum zl_format *fmt)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*fmt = (enum zl_format)i;
			return true;
		}
	}
	return false;
}

enum zl_format zl_format_default(bool out_is_tty)
{
	const char *gha = getenv("GITHUB_ACTIONS");
	if (gha && strcmp(gha, "true") == 0)
		return ZL_FORMAT_GITHUB;
	return out_is_tty ? ZL_FORMAT_TTY : ZL_FORMAT_GCC;
}

bool zl_color_parse(const char *name, enum zl_color *color)
{
	if (strcmp(name, "always") == 0)
		*color = ZL_COLOR_ALWAYS;
	else if (strcmp(name, "never") == 0)
		*color = ZL_COLOR_NEVER;
	else if (strcmp(name, "auto") == 0)
		*color = ZL_COLOR_AUTO;
	else
		return false;
	return true;
}

bool zl_color_wanted(enum zl_color color, bool out_is_tty)
{
	if (color != ZL_COLOR_AUTO)
		return color == ZL_COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR");
	return out_is_tty && (!no || !*no);
}

void zl_format_write(const struct zl_sink *s, enum zl_format fmt, bool color,
		     FILE *out)
{
	switch (fmt) {
	case ZL_FORMAT_GCC:
		zl_format_gcc(s, out);
		break;
	case ZL_FORMAT_TTY:
		zl_format_tty(s, color, out);
		break;
	case ZL_FORMAT_JSON:
		zl_format_json(s, out);
		break;
	case ZL_FORMAT_SARIF:
		zl_format_sarif(s, out);
		break;
	case ZL_FORMAT_GITHUB:
		zl_format_github(s, out);
		break;
	}
}

bool zl_format_output(const struct zl_sink *s, const char *path,
		      const enum zl_format *fmt, enum zl_color color)
{
	FILE *out = path ? fopen(path, "w") : stdout;
	if (!out) {
		fprintf(stderr, "zonelint: -O %s: %s\n", path, strerror(errno));
		return false;
	}
	bool tty = isatty(fileno(out));
	zl_format_write(s, fmt ? *fmt : zl_format_default(tty),
			zl_color_wanted(color, tty), out);
	if (path ? fclose(out) != 0 : fflush(out) != 0) {
		fprintf(stderr, "zonelint: %s: %s\n", path ? path : "standard output",
			strerror(errno));
		return false;
	}
	return true;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, <= U+10FFFF); 0 if invalid. */
static size_t utf8_seq(const unsigned char *p)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80;
		unsigned char hi = c == 0xed ? 0x9f : 0xbf;
		if (p[1] < lo || p[1] > hi || (p[2] & 0xc0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80;
		unsigned char hi = c == 0xf4 ? 0x8f : 0xbf;
		if (p[1] < lo || p[1] > hi || (p[2] & 0xc0) != 0x80 ||
		    (p[3] & 0xc0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

char *zl_utf8_clean(const char *str)
{
	const unsigned char *p = (const unsigned char *)str;
	size_t len = strlen(str);
	/* worst case every byte becomes the 3-byte U+FFFD */
	char *out = malloc(3 * len + 1);
	if (!out)
		abort();
	char *o = out;
	while (*p) {
		size_t n = utf8_seq(p);	/* stops at the NUL: it is no continuation byte */
		if (n == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
		} else {
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o = '\0';
	return out;
}

const char *zl_control_escape(unsigned char c, char buf[5])
{
	if (c >= 0x20 && c != 0x7f)
		return NULL;
	snprintf(buf, 5, "\\%03u", (unsigned)c);
	return buf;
}

/* zl_fput_text(), or with keep_tab zl_fput_line(). */
static void put_escaped(const char *str, bool keep_tab, FILE *out)
{
	char esc[5];
	const char *run = str;	/* octets written as they are, not yet out */
	const char *p = str;

	/* a run at a time, not fputc() an octet at a time: each stdio call
	 * takes the stream's lock, and a zone with a finding on every
	 * record spent a quarter of its run in fputc() */
	for (; *p; p++) {
		if ((keep_tab && *p == '\t') || !zl_control_escape((unsigned char)*p, esc))
			continue;
		fwrite(run, 1, (size_t)(p - run), out);
		fputs(esc, out);
		run = p + 1;
	}
	fwrite(run, 1, (size_t)(p - run), out);
}

void zl_fput_text(const char *str, FILE *out)
{
	put_escaped(str, false, out);
}

void zl_fput_line(const char *str, FILE *out)
{
	put_escaped(str, true, out);
}

json_t *zl_json_text(const char *str)
{
	char *clean = zl_utf8_clean(str);
	json_t *j = json_string(clean);
	free(clean);
	if (!j)
		abort();
	return j;
}

char *zl_rule_doc(const struct zl_rule_info *r)
{
	const char *fmt = "zonelint --explain %s (%s)";
	int n = snprintf(NULL, 0, fmt, r->id, r->reference);
	char *doc = malloc((size_t)n + 1);
	if (!doc)
		abort();
	snprintf(doc, (size_t)n + 1, fmt, r->id, r->reference);
	return doc;
}

void zl_json_dump(json_t *doc, FILE *out)
{
	json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
}
