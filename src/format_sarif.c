/* format_sarif.c - a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers, written with jansson. */
#include "diag.h"
#include "format.h"
#include "zonelint.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* SARIF's level for a severity. */
static const char *sarif_level(enum zl_severity s)
{
	return s == ZL_ERROR ? "error" : s == ZL_WARNING ? "warning" : "note";
}

/*
 * The path as a URI reference (RFC 3986): unreserved bytes and "/" stay,
 * everything else (spaces, "%", non-ASCII bytes, ...) is %XX.  An absolute
 * path becomes a file:// URI.  Returns a malloc'd string.
 */
static char *path_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(path);
	char *uri = malloc(3 * len + sizeof("file://"));
	if (!uri)
		abort();
	char *o = uri;
	if (path[0] == '/') {
		memcpy(o, "file://", 7);
		o += 7;
	}
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return uri;
}

/* tool.driver.rules: the whole rule table, so ruleIndex is the enum value. */
static json_t *driver_rules(void)
{
	json_t *rules = json_array();
	for (size_t i = 0; i < ZL_RULE_COUNT; i++) {
		const struct zl_rule_info *r = &zl_rules[i];
		char *doc = zl_rule_doc(r);
		json_array_append_new(rules, json_pack(
			"{s:s, s:{s:o}, s:{s:o}, s:{s:o}, s:{s:s}, s:{s:s}}",
			"id", r->id,
			"shortDescription", "text", zl_json_text(r->summary),
			"fullDescription", "text", zl_json_text(r->explanation),
			"help", "text", zl_json_text(doc),
			"defaultConfiguration", "level", sarif_level(r->severity),
			"properties", "family", zl_family_name(r->family)));
		free(doc);
	}
	return rules;
}

/* One result: rule, level, message and where. */
static json_t *result(const struct zl_diagnostic *d)
{
	char *uri = path_uri(d->file);
	json_t *region = json_pack("{s:I}", "startLine",
				   (json_int_t)(d->line ? d->line : 1));
	if (d->line && d->col)
		json_object_set_new(region, "startColumn", json_integer(d->col));
	json_t *artifact = json_pack("{s:o}", "uri", zl_json_text(uri));
	if (d->file[0] != '/')
		json_object_set_new(artifact, "uriBaseId", json_string("%SRCROOT%"));
	free(uri);
	return json_pack("{s:s, s:I, s:s, s:{s:o}, s:[{s:{s:o, s:o}}]}",
			 "ruleId", zl_rules[d->rule].id,
			 "ruleIndex", (json_int_t)d->rule,
			 "level", sarif_level(d->severity),
			 "message", "text", zl_json_text(d->message),
			 "locations", "physicalLocation",
			 "artifactLocation", artifact, "region", region);
}

void zl_format_sarif(const struct zl_sink *s, FILE *out)
{
	json_t *results = json_array();
	bool complete = true;	/* no file left unread, no origin missing */
	for (size_t i = 0; i < s->n; i++) {
		json_array_append_new(results, result(&s->v[i]));
		complete &= !s->v[i].fatal;
	}
	/* no informationUri: the project has no public home page yet */
	json_t *driver = json_pack("{s:s, s:s, s:o}",
				   "name", "zonelint",
				   "version", ZONELINT_VERSION,
				   "rules", driver_rules());
	json_t *log = json_pack("{s:s, s:s, s:[{s:{s:o}, s:[{s:b}], s:o}]}",
				"$schema", SARIF_SCHEMA,
				"version", "2.1.0",
				"runs", "tool", "driver", driver,
				"invocations", "executionSuccessful", complete,
				"results", results);
	if (!log)
		abort();
	zl_json_dump(log, out);
	json_decref(log);
}
