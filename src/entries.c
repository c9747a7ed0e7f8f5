/* entries.c - the entry side of a split read: packed lines from the reading thread turned into records (parser.h, zl_split_hooks). */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#include "parse_state.h"

/*
 * The state zl_parse_file() keeps for the meaning of lines: the loader
 * (TTLs, class, origin announced, record limit, RDATA buffers) and one
 * file state per file being read, the top file at depth 0, each with
 * its origin and previous owner.  The scanner's parts of those file
 * states stay unused.
 */
struct zl_entries {
	struct zl_loader ld;
	struct zl_parse_opts opts;	/* the caller's, split off */
	struct zl_file_state fs[ZL_MAX_INCLUDE_DEPTH + 1];
	int depth;			/* index of the file being read; -1: none yet */
	int over;			/* files entered past the deepest, never (the
					 * reader stops at ZL_MAX_INCLUDE_DEPTH) */
	bool opened;			/* the top file was entered: the reader
					 * could open it */
};

struct zl_entries *zl_entries_new(const struct zl_parse_opts *opts, struct zl_sink *sink)
{
	struct zl_entries *es = zl_xmalloc(sizeof(*es));

	memset(es, 0, sizeof(*es));
	es->opts = *opts;
	es->opts.split = NULL;
	zl_p_loader_init(&es->ld, &es->opts, sink);
	es->depth = -1;
	return es;
}

void zl_entries_enter(struct zl_entries *es, const char *file, const uint8_t *origin)
{
	const struct zl_file_state *parent = es->depth >= 0 ? &es->fs[es->depth] : NULL;

	if (es->depth >= ZL_MAX_INCLUDE_DEPTH) {
		es->over++;
		return;
	}
	if (!parent) {
		es->opened = true;
		zl_p_loader_opened(&es->ld);
	}
	struct zl_file_state *fs = &es->fs[es->depth + 1];
	struct zl_ptok *toks = fs->toks;	/* the buffers of an earlier file at this depth */
	size_t captoks = fs->captoks;
	struct zl_buf text = fs->text;

	zl_p_file_begin(fs, &es->ld, file, ++es->depth, origin, parent);
	fs->toks = toks;
	fs->captoks = captoks;
	fs->text = text;
	zl_p_reset_line(fs);
}

void zl_entries_line(struct zl_entries *es, const void *line, size_t len)
{
	struct zl_packed_line head;
	const uint8_t *p = line;

	if (es->ld.stopped || es->depth < 0 || es->over || len < sizeof(head))
		return;
	memcpy(&head, p, sizeof(head));
	struct zl_file_state *fs = &es->fs[es->depth];
	const struct zl_ptok *toks = (const void *)(p + sizeof(head));
	const uint8_t *text = p + sizeof(head) + head.ntoks * sizeof(*toks);

	if (head.directive < 0) {
		/* an entry: read where it lies, nothing is written to it */
		struct zl_ptok *own_toks = fs->toks;
		struct zl_buf own_text = fs->text;
		fs->toks = (struct zl_ptok *)toks;
		fs->ntoks = head.ntoks;
		fs->text.data = (uint8_t *)text;
		fs->text.len = head.textlen;
		fs->owner_tok = head.owner_tok;
		fs->ttl_tok = head.ttl_tok;
		fs->class_tok = head.class_tok;
		fs->type_tok = head.type_tok;
		fs->type = head.type;
		fs->rclass = head.rclass;
		zl_p_entry(fs);
		fs->toks = own_toks;
		fs->text = own_text;
	} else {
		/* a directive: $GENERATE makes entries in the line's
		 * buffers, so it gets a copy of its own */
		zl_p_reset_line(fs);
		if (head.ntoks > fs->captoks) {
			fs->captoks = head.ntoks;
			fs->toks = zl_xrealloc(fs->toks, fs->captoks * sizeof(*fs->toks));
		}
		memcpy(fs->toks, toks, head.ntoks * sizeof(*toks));
		fs->ntoks = head.ntoks;
		zl_buf_put(&fs->text, text, head.textlen);
		fs->directive = head.directive;
		zl_p_directive(fs);
	}
	zl_p_reset_line(fs);
}

void zl_entries_leave(struct zl_entries *es)
{
	if (es->over)
		es->over--;
	else if (es->depth >= 0)
		es->depth--;
}

uint32_t zl_entries_records(const struct zl_entries *es)
{
	return es->ld.nrecords;
}

bool zl_entries_stopped(const struct zl_entries *es)
{
	return es->ld.stopped;
}

bool zl_entries_origin(const struct zl_entries *es, uint8_t *origin)
{
	if (es->depth < 0 || !es->fs[es->depth].have_origin)
		return false;
	const uint8_t *o = es->fs[es->depth].origin;
	memcpy(origin, o, zl_name_wire_len(o));
	return true;
}

enum zl_parse_result zl_entries_end(struct zl_entries *es, enum zl_parse_result read)
{
	/* a file that could not be opened (a missing db.NAME, which is not
	 * a regular file and so is read split) gets no origin from its
	 * name, and so no zone checks */
	enum zl_parse_result r = zl_p_loader_end(&es->ld, es->opened, read);

	for (size_t i = 0; i < sizeof(es->fs) / sizeof(es->fs[0]); i++) {
		free(es->fs[i].toks);
		zl_buf_free(&es->fs[i].text);
	}
	free(es);
	return r;
}
