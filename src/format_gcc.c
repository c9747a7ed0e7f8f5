/* format_gcc.c - gcc-style output: "file:line:col: severity: message [rule-id]". */
#include "diag.h"

/* The severity word editors and CI problem matchers expect. */
static const char *gcc_word(enum zl_severity s)
{
	return s == ZL_ERROR ? "error" : s == ZL_WARNING ? "warning" : "note";
}

void zl_format_gcc(const struct zl_sink *s, FILE *out)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct zl_diagnostic *d = &s->v[i];
		if (d->line == 0)
			fprintf(out, "%s: ", d->file);
		else if (d->col == 0)
			fprintf(out, "%s:%u: ", d->file, d->line);
		else
			fprintf(out, "%s:%u:%u: ", d->file, d->line, d->col);
		fprintf(out, "%s: %s [%s]\n", gcc_word(d->severity), d->message,
			zl_rules[d->rule].id);
	}
}
