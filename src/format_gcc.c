/* format_gcc.c - gcc-style output: "file:line:col: severity: message [rule-id]". */
#include "diag.h"
#include "format.h"

/* The severity word editors and CI problem matchers expect. */
static const char *gcc_word(enum zl_severity s)
{
	return s == ZL_ERROR ? "error" : s == ZL_WARNING ? "warning" : "note";
}

void zl_format_gcc(const struct zl_sink *s, FILE *out)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct zl_diagnostic *d = &s->v[i];
		zl_fput_text(d->file, out);
		if (d->line == 0)
			fputs(": ", out);
		else if (d->col == 0)
			fprintf(out, ":%u: ", d->line);
		else
			fprintf(out, ":%u:%u: ", d->line, d->col);
		fprintf(out, "%s: ", gcc_word(d->severity));
		zl_fput_text(d->message, out);
		fprintf(out, " [%s]\n", zl_rules[d->rule].id);
	}
}
