/* format_json.c - one versioned JSON document with every finding, written with jansson. */
#include "diag.h"
#include "format.h"
#include "zonelint.h"

#include <stdlib.h>

/* A 1-based position as a JSON number; null when 0 (unknown). */
static json_t *position(uint32_t v)
{
	return v ? json_integer(v) : json_null();
}

void zl_format_json(const struct zl_sink *s, FILE *out)
{
	json_t *doc = json_object();
	json_t *findings = json_array();
	json_int_t count[3] = { 0, 0, 0 };	/* of the findings written */

	json_object_set_new(doc, "format_version", json_integer(1));
	json_object_set_new(doc, "tool", json_pack("{s:s, s:s}", "name", "zonelint",
						   "version", ZONELINT_VERSION));
	for (size_t i = 0; i < s->n; i++) {
		const struct zl_diagnostic *d = &s->v[i];
		const struct zl_rule_info *r = &zl_rules[d->rule];
		json_t *f = json_object();
		char *doc_ref = zl_rule_doc(r);
		json_object_set_new(f, "file", zl_json_text(d->file));
		json_object_set_new(f, "line", position(d->line));
		json_object_set_new(f, "column", position(d->col));
		json_object_set_new(f, "end_column", json_null());
		json_object_set_new(f, "severity", json_string(zl_severity_name(d->severity)));
		json_object_set_new(f, "rule", json_string(r->id));
		json_object_set_new(f, "message", zl_json_text(d->message));
		json_object_set_new(f, "doc", zl_json_text(doc_ref));
		free(doc_ref);
		json_array_append_new(findings, f);
		count[d->severity]++;
	}
	json_object_set_new(doc, "findings", findings);
	json_object_set_new(doc, "summary",
			    json_pack("{s:I, s:I, s:I, s:I}",
				      "error", count[ZL_ERROR],
				      "warning", count[ZL_WARNING],
				      "info", count[ZL_INFO],
				      "total", (json_int_t)s->n));
	zl_json_dump(doc, out);
	json_decref(doc);
}
