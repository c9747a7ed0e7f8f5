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
	const char *run = str;	/* octets written as they are, not yet out */
	const char *p = str;

	for (; *p; p++) {
		const char *esc;
		switch (*p) {
		case '%':
			esc = "%25";
			break;
		case '\r':
			esc = "%0D";
			break;
		case '\n':
			esc = "%0A";
			break;
		case ':':
			esc = property ? "%3A" : NULL;
			break;
		case ',':
			esc = property ? "%2C" : NULL;
			break;
		default:
			esc = NULL;
		}
		if (!esc)
			continue;
		fwrite(run, 1, (size_t)(p - run), out);
		fputs(esc, out);
		run = p + 1;
	}
	fwrite(run, 1, (size_t)(p - run), out);
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
