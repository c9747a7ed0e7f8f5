/* format_github.c - GitHub Actions workflow commands ("::error file=…,line=…::message"). */
#include "diag.h"

/* The command for a severity: annotations come as error, warning or notice. */
static const char *github_command(enum zl_severity s)
{
	return s == ZL_ERROR ? "error" : s == ZL_WARNING ? "warning" : "notice";
}

/*
 * Write str escaped as @actions/core's escapeData (% CR LF) or, when
 * property, escapeProperty (also : and ,).
 */
static void github_escape(const char *str, bool property, FILE *out)
{
	for (const char *p = str; *p; p++) {
		switch (*p) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			fputc(*p, out);
		}
	}
}

void zl_format_github(const struct zl_sink *s, FILE *out)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct zl_diagnostic *d = &s->v[i];
		fprintf(out, "::%s file=", github_command(d->severity));
		github_escape(d->file, true, out);
		if (d->line > 0) {
			fprintf(out, ",line=%u", (unsigned)d->line);
			if (d->col > 0)
				fprintf(out, ",col=%u", (unsigned)d->col);
		}
		fputs(",title=", out);
		github_escape(zl_rules[d->rule].id, true, out);
		fputs("::", out);
		github_escape(d->message, false, out);
		fputc('\n', out);
	}
}
