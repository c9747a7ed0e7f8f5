/* load.c - reading a master file into the zone model, at once or read ahead on another thread and replayed (-j), or (--syntax-only) checking each record as it is read (or read on another thread) and keeping none; a big file's lines scanned on another thread and given meaning on this one (a split read). */
#include "load.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "name.h"
#include "zonelint.h"

/*
 * Records ahead of the one linked whose owner's name-table slot is
 * prefetched: the slot of a new name in a big table is a cache miss,
 * which this many records of linking cover.
 */
#define REPLAY_PREFETCH 8

/* A record of a split read, its RR built and waiting to be linked (struct loading). */
struct pending_rr {
	struct zl_rr *rr;	/* zl_rr_build() in db->rrs */
	const char *file;
	uint32_t line;
	uint32_t hash;		/* zl_name_hash() of the owner */
	uint8_t owner_len;
	uint8_t owner[ZL_NAME_MAX];
};

/* State of one zl_db_load(), zl_db_replay() or zl_stream_load() call, passed to the parser callbacks. */
struct loading {
	struct zl_db *db;		/* NULL: --syntax-only, nothing is stored */
	struct zl_zone *zone;
	const struct zl_load_opts *o;
	struct zl_rr_checks *checks;	/* --syntax-only: the checks of one record */
	uint8_t origin[ZL_NAME_MAX];	/* --syntax-only: zone->origin points here */
	bool copy_rrs;			/* a replayed log's RRs are copied into
					 * db->rrs, not appended (REPLAY_COPY_MAX) */
	struct zl_entries *es;		/* a split read: what gives its lines meaning */
	_Atomic bool *stop;		/* ... where the reader learns it must stop */
	bool stopped;			/* ... stopped at the record limit: what the
					 * reader handed over after it is dropped */
	struct pending_rr pend[REPLAY_PREFETCH]; /* ... loaded: RRs built, their
					 * owners' slots prefetched, linked
					 * REPLAY_PREFETCH records later (a ring) */
	unsigned pend0, npend;		/* the oldest one, and how many */
};

static void on_record(void *ctx, const struct zl_record *rec)
{
	struct loading *l = ctx;
	zl_db_add_rr(l->db, l->zone, rec);
}

/* Link the oldest RR of l's ring. */
static void link_oldest(struct loading *l)
{
	struct pending_rr *p = &l->pend[l->pend0];

	zl_db_link_rr(l->db, l->zone, p->rr, p->file, p->line, p->owner, p->owner_len,
		      p->hash);
	l->pend0 = (l->pend0 + 1) % REPLAY_PREFETCH;
	l->npend--;
}

/* Link every RR waiting in l's ring, in reading order. */
static void link_pending(struct loading *l)
{
	while (l->npend)
		link_oldest(l);
}

/*
 * A split read's record, on the main thread: as on_record(), but linked
 * a few records later, its owner's name-table slot prefetched meanwhile
 * (the reader has no origin to hash the owners with, as replay_events()
 * has them hashed for a log's records).
 */
static void on_record_split(void *ctx, const struct zl_record *rec)
{
	struct loading *l = ctx;

	/* the record before, if it still waits: its slot is not the one
	 * link_oldest() frees */
	const struct pending_rr *prev = l->npend ?
		&l->pend[(l->pend0 + l->npend - 1) % REPLAY_PREFETCH] : NULL;

	if (l->npend == REPLAY_PREFETCH)
		link_oldest(l);
	struct pending_rr *p = &l->pend[(l->pend0 + l->npend++) % REPLAY_PREFETCH];
	p->rr = zl_rr_build(&l->db->rrs, &l->db->arena, rec, l->zone->digest_text, true);
	p->file = rec->file;
	p->line = rec->line;
	if (prev && prev->owner_len == rec->owner_len &&
	    memcmp(prev->owner, rec->owner, rec->owner_len) == 0) {
		p->hash = prev->hash;	/* a run of records of one owner: one hash, one prefetch */
	} else {
		p->hash = zl_name_hash(rec->owner, rec->owner_len);
		zl_db_prefetch(l->db, p->hash);
	}
	p->owner_len = (uint8_t)rec->owner_len;
	memcpy(p->owner, rec->owner, rec->owner_len);
}

/* --syntax-only: check the record alone, bind directives to its line, forget it. */
static void on_record_checked(void *ctx, const struct zl_record *rec)
{
	struct loading *l = ctx;

	if (l->o->on_record_line)
		l->o->on_record_line(l->o->comment_ctx, rec->file, rec->line);
	zl_rr_checks_record(l->checks, rec);
	l->zone->nrr++;
	l->zone->nsoa += rec->type == 6;	/* SOA: for zone-soa's end check */
}

static void on_origin(void *ctx, const uint8_t *origin, const char *source)
{
	struct loading *l = ctx;
	if (l->db) {
		link_pending(l);	/* the RRs read before it, as they were */
		zl_zone_set_origin(l->db, l->zone, origin, source);
	} else {
		l->zone->origin_len = zl_name_wire_len(origin);
		memcpy(l->origin, origin, l->zone->origin_len);
		l->zone->origin = l->origin;
		l->zone->origin_source = source;
		zl_rr_checks_origin(l->checks);
	}
	if (l->o->verbose) {
		char name[ZL_NAME_TEXT_MAX];
		zl_name_to_text(origin, name, sizeof(name));
		fprintf(l->o->verbose, "zonelint: %s: origin %s (from %s)\n",
			l->zone->file, name, source);
	}
}

static void on_comment(void *ctx, const char *file, uint32_t line, uint32_t col,
		       const char *text, size_t len, bool own_line)
{
	struct loading *l = ctx;
	l->o->on_comment(l->o->comment_ctx, file, line, col, text, len, own_line);
}

/* The parser's options for o, without the callbacks and their context. */
static void parse_opts(struct zl_parse_opts *po, const struct zl_load_opts *o)
{
	memset(po, 0, sizeof(*po));
	po->path = o->path;
	po->origin = o->origin;
	po->origin_source = o->origin_source;
	po->workdir = o->workdir;
	po->root = o->root;
	po->open_error = o->open_error;
	po->open_error_cap = o->open_error_cap;
	po->infer_from_filename = o->infer_from_filename;
	po->max_records = o->max_records;
	po->no_progress = o->no_progress;
	po->open_include = o->open_include;
	po->open_ctx = o->open_ctx;
}

/*
 * Octets of zone file per name, to size the name table before a load:
 * the bench's hosting zones have 114, a reverse zone fewer, a signed
 * zone more.  Rather too few names than too many: a table that must
 * still grow costs a rehash at the end of the load, when memory is not
 * at its peak yet (the rules come after), while one too big keeps its
 * room, though never more than 11 octets per 100 octets of file (6-octet
 * slots, at most 7/8 full, rounded up to a power of two).
 */
#define FILE_OCTETS_PER_NAME 128

/* Whether o->path is a regular file (not standard input, a FIFO, unreadable); if so *size gets its octets. */
static bool regular_file(const struct zl_load_opts *o, size_t *size)
{
	struct stat sb;

	if (strcmp(o->path, "-") == 0 || stat(o->path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	*size = (size_t)sb.st_size;
	return true;
}

/* Octets in o->path if it is a regular file, else 0. */
static size_t file_size(const struct zl_load_opts *o)
{
	size_t size = 0;

	regular_file(o, &size);
	return size;
}

bool zl_load_wants_thread(const struct zl_load_opts *o)
{
	size_t size;

	return !regular_file(o, &size) || (uint64_t)size >= ZL_PIPE_MIN_OCTETS;
}

/* Make room in db's name table for the names of o->path, if it is a regular file. */
static void reserve_names(struct zl_db *db, const struct zl_load_opts *o)
{
	size_t size = file_size(o);

	if (size)
		zl_db_reserve(db, db->nnodes + size / FILE_OCTETS_PER_NAME);
}

/* A new zone for o->path in db, its name table made ready for the file's names. */
static struct zl_zone *begin_zone(struct zl_db *db, const struct zl_load_opts *o,
				  struct zl_zone **zone_out)
{
	reserve_names(db, o);
	struct zl_zone *z = zl_db_add_zone(db, strcmp(o->path, "-") == 0 ? "<stdin>" : o->path);
	z->digest_text = o->digest_text;
	if (zone_out)
		*zone_out = z;
	return z;
}

/* What the zone keeps of how it was read, r the parser's result. */
static void end_zone(struct zl_zone *z, const struct zl_load_opts *o,
		     enum zl_parse_result r)
{
	z->workdir = o->workdir;
	z->root = o->root;
	z->origin_failed = r == ZL_PARSE_NO_ORIGIN;
	z->unreadable = r == ZL_PARSE_UNREADABLE && z->nrr == 0;
}

enum zl_parse_result zl_db_load(struct zl_db *db, const struct zl_load_opts *o,
				struct zl_sink *sink, struct zl_zone **zone_out)
{
	struct loading l = { .db = db, .o = o };
	struct zl_parse_opts po;

	l.zone = begin_zone(db, o, zone_out);
	parse_opts(&po, o);
	po.on_record = on_record;
	po.on_origin = on_origin;
	po.on_comment = o->on_comment ? on_comment : NULL;
	po.ctx = &l;
	enum zl_parse_result r = zl_parse_file(&po, sink);
	end_zone(l.zone, o, r);
	return r;
}

/* --syntax-only: l checks the records of zone, a new zone of its own for o->path. */
static void stream_begin(struct loading *l, struct zl_zone *zone,
			 const struct zl_load_opts *o, struct zl_sink *sink)
{
	memset(zone, 0, sizeof(*zone));
	zone->file = strcmp(o->path, "-") == 0 ? "<stdin>" : o->path;
	memset(l, 0, sizeof(*l));
	l->db = NULL;
	l->zone = zone;
	l->o = o;
	l->checks = zl_rr_checks_new(zone, sink);
}

/* --syntax-only: the file is read, with the parser's result r. */
static void stream_end(struct loading *l, enum zl_parse_result r)
{
	const struct zl_load_opts *o = l->o;

	end_zone(l->zone, o, r);
	zl_rr_checks_end(l->checks);
	zl_rr_checks_free(l->checks);
	if (o->on_record_line)
		o->on_record_line(o->comment_ctx, NULL, 0);
}

enum zl_parse_result zl_stream_load(const struct zl_load_opts *o, struct zl_sink *sink)
{
	struct zl_zone zone;
	struct loading l;
	struct zl_parse_opts po;

	stream_begin(&l, &zone, o, sink);
	parse_opts(&po, o);
	po.max_records = o->max_records ? o->max_records : UINT32_MAX;
	po.on_record = on_record_checked;
	po.on_origin = on_origin;
	po.on_comment = o->on_comment ? on_comment : NULL;
	po.ctx = &l;
	enum zl_parse_result r = zl_parse_file(&po, sink);
	stream_end(&l, r);
	return r;
}

/* ---- read ahead, replayed later ------------------------------------------ */

/* What a parser callback handed over, in a log. */
enum log_kind {
	LOG_RECORD,
	LOG_ORIGIN,
	LOG_COMMENT,
	LOG_LINE,	/* a split read (zl_split_hooks): a packed line */
	LOG_ENTER,	/* ... a file starts: str its name, data its origin (if len) */
	LOG_LEAVE,	/* ... and ends */
};

/* One callback of the parser, kept in the log's tmp arena. */
struct log_event {
	struct log_event *next;	/* the next callback, in reading order */
	struct zl_rr *rr;	/* LOG_RECORD: the RR, in the keep arena (checking log: tmp) */
	const char *str;	/* LOG_ORIGIN: why (static); LOG_RECORD, LOG_COMMENT: file (log's sink) */
	size_t mark;		/* findings in the log's sink before this event */
	uint32_t line, col;	/* LOG_COMMENT: where; LOG_RECORD: line (zl_record.line)
				 * and, in a checking log, zl_record.nerrors as col */
	uint32_t hash;		/* LOG_RECORD of a loading log: zl_name_hash() of the owner,
				 * set by replay_events() on the thread that links it */
	uint32_t len;		/* octets of data */
	uint8_t kind;		/* enum log_kind */
	bool own_line;		/* LOG_COMMENT */
	_Alignas(8) uint8_t data[]; /* owner wire, origin wire, comment text,
				 * or a packed line (8-aligned) */
};

struct log_pipe;

struct zl_load_log {
	struct zl_arena keep;	/* the RRs, in reading order and nothing else (ordered):
				 * appended to db->rrs (empty if check) */
	struct zl_arena raw;	/* their TXT strings' raw text; the db adopts it */
	struct zl_arena tmp;	/* the events (and if check the RRs); freed at the replay */
	struct zl_sink sink;	/* what the parser reported; its file names are the events' str */
	struct log_event *first, *last;
	enum zl_parse_result result;
	struct log_pipe *pipe;	/* zl_pipe_start(): events go out in batches */
	size_t nevents;		/* with a pipe: events since the last batch (and, in
				 * a split read, lines that handed nothing over) */
	size_t batch;		/* with a pipe: events in a batch */
	bool check;		/* --syntax-only (zl_pipe_check()): the RRs are checked
				 * and dropped with their batch, not kept */
	bool digest_text;	/* zl_load_opts.digest_text (the kept RRs) */
	bool split;		/* with a pipe on a thread of its own: the reader
				 * hands lines over (zl_split_hooks), the main
				 * thread gives them meaning (zl_entries) */
	struct zl_split_hooks hooks; /* if split */
	_Atomic bool stop;	/* if split: the main thread stopped at the record limit */
	_Atomic uint32_t records; /* if split: the records the main thread made so
				 * far, for the reader's progress line */
	_Atomic uint64_t *octets_read; /* with a pipe: where the reader counts the
				 * octets of the file read (zl_parse_opts) */
};

static void pipe_publish(struct zl_load_log *log, bool done);

/* Events in a batch of a pipe by default: big enough that the lock is
 * rare, small enough that the batches waiting stay a few hundred KiB. */
#define PIPE_BATCH 4096

/*
 * Octets of a batch's arena from which it goes out before PIPE_BATCH
 * events: a split read's lines (their tokens and text) and a checking
 * log's records are in it, and long ones (RDATA up to 64 KiB each, and
 * the character-strings of a TXT record more than that) would
 * otherwise make a batch of 4096 hundreds of MiB.  4096 lines of the
 * bench's hosting zones take about 0.9 MiB: at this size a batch holds
 * about 1,100, and the PIPE_QUEUE batches a reader ahead of the main
 * thread may have waiting take 4 MiB, not 16 (at 1 MiB, the 1M zone's
 * peak went from 69 to 80 MB in some runs).
 */
#define PIPE_BATCH_OCTETS ((size_t)1 << 18)

/* A new event of kind carrying len octets of data, appended to log. */
static struct log_event *log_add(struct zl_load_log *log, enum log_kind kind,
				 const void *data, size_t len)
{
	/* a full batch goes out before the next event, never while the
	 * caller still fills in the last one */
	if (log->pipe && (log->nevents == log->batch ||
			  zl_arena_in_use(&log->tmp) >= PIPE_BATCH_OCTETS))
		pipe_publish(log, false);
	struct log_event *e = zl_arena_alloc(&log->tmp, sizeof(*e) + len);

	e->next = NULL;
	e->mark = log->sink.n;
	e->kind = (uint8_t)kind;
	e->len = (uint32_t)len;
	if (data && len)
		memcpy(e->data, data, len);
	if (log->last)
		log->last->next = e;
	else
		log->first = e;
	log->last = e;
	log->nevents++;
	return e;
}

static void log_record(void *ctx, const struct zl_record *rec)
{
	struct zl_load_log *log = ctx;
	struct log_event *e = log_add(log, LOG_RECORD, rec->owner, rec->owner_len);

	e->str = rec->file;
	e->line = rec->line;
	if (log->check) {
		e->rr = zl_rr_build(&log->tmp, &log->tmp, rec, false, false);
		e->col = rec->nerrors;
	} else {
		e->rr = zl_rr_build(&log->keep, &log->raw, rec, log->digest_text, true);
	}
}

static void log_origin(void *ctx, const uint8_t *origin, const char *source)
{
	struct log_event *e = log_add(ctx, LOG_ORIGIN, origin, zl_name_wire_len(origin));
	e->str = source;
}

static void log_comment(void *ctx, const char *file, uint32_t line, uint32_t col,
			const char *text, size_t len, bool own_line)
{
	struct log_event *e = log_add(ctx, LOG_COMMENT, text, len);
	e->str = file;
	e->line = line;
	e->col = col;
	e->own_line = own_line;
}

/* A split read's hooks (zl_split_hooks), on the reading thread. */
static void *log_line(void *ctx, size_t len)
{
	return log_add(ctx, LOG_LINE, NULL, len)->data;
}

static void log_enter(void *ctx, const char *file, const uint8_t *origin)
{
	struct log_event *e = log_add(ctx, LOG_ENTER, origin,
				      origin ? zl_name_wire_len(origin) : 0);
	e->str = file;
}

static void log_leave(void *ctx)
{
	log_add(ctx, LOG_LEAVE, NULL, 0);
}

/* A line that handed nothing over counts toward the batch as an event would. */
static void log_quiet(void *ctx)
{
	struct zl_load_log *log = ctx;

	if (++log->nevents >= log->batch)
		pipe_publish(log, false);
}

static bool log_sync(void *ctx, uint8_t *origin, bool *stopped);

/* A new, empty log (heap). */
static struct zl_load_log *log_new(void)
{
	struct zl_load_log *log = zl_xmalloc(sizeof(*log));

	zl_arena_init(&log->keep);
	log->keep.ordered = true;	/* appended to db->rrs: their walk */
	zl_arena_init(&log->raw);
	zl_arena_init(&log->tmp);
	zl_sink_init(&log->sink);
	log->first = log->last = NULL;
	log->pipe = NULL;
	log->nevents = 0;
	log->check = false;
	log->digest_text = false;
	log->octets_read = NULL;
	log->split = false;
	log->hooks = (struct zl_split_hooks){
		.line = log_line, .enter = log_enter, .leave = log_leave,
		.quiet = log_quiet, .sync = log_sync, .stop = &log->stop, .records = &log->records,
		.ctx = log,
	};
	atomic_init(&log->stop, false);
	atomic_init(&log->records, 0);
	return log;
}

/* Read o->path into log; progress only if progress (stderr is the main thread's). */
static void log_parse(struct zl_load_log *log, const struct zl_load_opts *o,
		      bool progress)
{
	struct zl_parse_opts po;

	parse_opts(&po, o);
	po.no_progress = o->no_progress || !progress;
	po.on_record = log_record;
	po.on_origin = log_origin;
	if (log->check)		/* as zl_stream_load() */
		po.max_records = o->max_records ? o->max_records : UINT32_MAX;
	po.on_comment = o->on_comment ? log_comment : NULL;
	po.ctx = log;
	po.octets_read = log->octets_read;
	if (log->split) {	/* the records and the origin come on the main thread */
		po.split = &log->hooks;
		po.on_record = NULL;
		po.on_origin = NULL;
	}
	log->digest_text = o->digest_text;
	log->result = zl_parse_file(&po, &log->sink);
}

/*
 * Octets of a log's arenas' first chunks for each octet of its file: its
 * RRs (an RR of 28 octets for a line of 12, "a A 192.0.2.1", the densest
 * there is but for $GENERATE), their raw text (a copy of part of the
 * file) and the events (48 octets and the owner for a line) fit so, and
 * what does not gets the usual chunks.
 */
#define LOG_FIRST_PER_OCTET 4

/* Octets of the first chunk of a small file's log's findings (their texts and file names). */
#define LOG_SINK_FIRST 4096

struct zl_load_log *zl_log_read(const struct zl_load_opts *o)
{
	struct zl_load_log *log = log_new();
	size_t size = file_size(o);

	/* the files of a named.conf are read ahead by the thousand, and each
	 * log's arenas stay in the db: a chunk each (1 MiB) for a small file
	 * would fill the region with 16,000 of them; a few pages do */
	if (size && size < ZL_PIPE_MIN_OCTETS / LOG_FIRST_PER_OCTET) {
		log->keep.first = log->raw.first = log->tmp.first = size * LOG_FIRST_PER_OCTET;
		log->sink.mem.first = LOG_SINK_FIRST;	/* the file's name, few findings */
	}
	log_parse(log, o, false);
	return log;
}

void zl_log_free(struct zl_load_log *log)
{
	if (!log)
		return;
	zl_arena_free(&log->keep);
	zl_arena_free(&log->raw);
	zl_arena_free(&log->tmp);
	zl_sink_free(&log->sink);
	free(log);
}

/*
 * sink's copy of file, a name a log's sink interned; last[0] and last[1]
 * hold the previous question and answer (records come in runs per file).
 */
static const char *same_name(struct zl_sink *sink, const char *file,
			     const char *last[2])
{
	if (file != last[0]) {
		last[0] = file;
		last[1] = zl_sink_intern(sink, file);
	}
	return last[1];
}

/* The record of e, a LOG_RECORD event of a checking log, as the parser handed it over, its file named file. */
static void event_record(const struct log_event *e, const char *file,
			 struct zl_record *rec)
{
	const struct zl_rr *rr = e->rr;
	uint64_t pos = zl_rr_built_pos(rr);	/* never linked */

	*rec = (struct zl_record){
		.owner = e->data, .owner_len = e->len,
		.ttl = zl_rr_built_ttl(rr), .type = rr->type, .rclass = zl_rr_built_class(rr),
		.rdata = rr->data, .rdlen = rr->dlen,	/* built with no name cut */
		.segs = zl_rr_segs(rr), .nsegs = zl_rr_nsegs(rr),
		.file = file, .line = e->line, .col = (uint32_t)(pos & ZL_RR_POS_MASK),
		.rdata_line = e->line + (uint32_t)(pos >> (2 * ZL_RR_POS_BITS)),
		.rdata_col = (uint32_t)(pos >> ZL_RR_POS_BITS & ZL_RR_POS_MASK),
		.nerrors = e->col,
	};
}

/*
 * Do what the parser callback logged as e asked for: on l->db, or
 * without one (--syntax-only) check its record.
 */
static void replay_event(struct loading *l, const struct log_event *e,
			 struct zl_sink *sink, const char *last[2])
{
	const struct zl_load_opts *o = l->o;

	switch ((enum log_kind)e->kind) {
	case LOG_RECORD:
		if (l->db) {
			struct zl_rr *rr = l->copy_rrs ? zl_rr_copy(&l->db->rrs, e->rr) : e->rr;
			zl_db_link_rr(l->db, l->zone, rr, same_name(sink, e->str, last),
				      e->line, e->data, e->len, e->hash);
		} else {
			struct zl_record rec;
			event_record(e, same_name(sink, e->str, last), &rec);
			on_record_checked(l, &rec);
		}
		break;
	case LOG_ORIGIN:
		on_origin(l, e->data, e->str);
		break;
	case LOG_COMMENT:
		o->on_comment(o->comment_ctx, same_name(sink, e->str, last),
			      e->line, e->col, (const char *)e->data, e->len,
			      e->own_line);
		break;
	case LOG_LINE:
		zl_entries_line(l->es, e->data, e->len);
		if (zl_entries_stopped(l->es)) {
			l->stopped = true;
			atomic_store_explicit(l->stop, true, memory_order_relaxed);
		}
		break;
	case LOG_ENTER:
		zl_entries_enter(l->es, same_name(sink, e->str, last), e->len ? e->data : NULL);
		break;
	case LOG_LEAVE:
		zl_entries_leave(l->es);
		break;
	}
}

/* Report d, a copy of a finding of a log's sink, to sink. */
static void report_copy(struct zl_sink *sink, const struct zl_diagnostic *d)
{
	zl_report_sev(sink, d->rule, d->severity,
		      d->file ? zl_sink_intern(sink, d->file) : NULL,
		      d->line, d->col, "%s", d->message);
	if (d->fatal)
		zl_sink_mark_fatal(sink);
}

/*
 * If e is a record, hash its owner into e->hash and return true.  The
 * thread that replays a log does it, not the reader: on a big zone read
 * on another thread the reader (the scanner) is the busier of the two,
 * and this thread the one that waits for batches.
 */
static bool hash_owner(struct log_event *e)
{
	if (e->kind != LOG_RECORD)
		return false;
	e->hash = zl_name_hash(e->data, e->len);
	return true;
}

/*
 * Do what the parser callbacks logged from first on asked for (on l->db,
 * or without one check the records), each after the findings the parser
 * reported before it, as reading the file at once has them: diags holds
 * copies of the log sink's findings from index diag0 on (ndiags of
 * them; those after the last event are reported at the end).
 */
static void replay_events(struct loading *l, struct log_event *first,
			  const struct zl_diagnostic *diags, size_t ndiags,
			  size_t diag0, struct zl_sink *sink, const char *last[2])
{
	struct log_event *ahead = l->db ? first : NULL;
	uint32_t ahead_hash = 0;
	size_t i = 0;		/* findings reported so far */

	for (int k = 0; k < REPLAY_PREFETCH && ahead; k++, ahead = ahead->next)
		hash_owner(ahead);
	for (const struct log_event *e = first; e; e = e->next) {
		if (ahead) {
			/* another thread wrote the events: the one after ahead
			 * (its header, and its data's first octets) is asked
			 * for now, without waiting for it, to be here when
			 * ahead gets to it; a load of ahead->kind that missed
			 * was 8% of this thread's time on the 1M bench zone */
			const char *next = (const char *)ahead->next;
			if (next) {
				__builtin_prefetch(next);
				__builtin_prefetch(next + 64);
				__builtin_prefetch(next + 128);
			}
			/* one prefetch per run of records of one owner */
			if (hash_owner(ahead) && ahead->hash != ahead_hash) {
				ahead_hash = ahead->hash;
				zl_db_prefetch(l->db, ahead_hash);
			}
			ahead = ahead->next;
		}
		if (l->stopped)		/* read past the record limit: dropped */
			return;
		for (; i < ndiags && diag0 + i < e->mark; i++)
			report_copy(sink, &diags[i]);
		replay_event(l, e, sink, last);
	}
	for (; i < ndiags && !l->stopped; i++)
		report_copy(sink, &diags[i]);
}

/*
 * Octets of a log's RRs up to which zl_db_replay() copies them into the
 * db's RRs arena instead of appending the log's chunks to it: each
 * appended chunk is a chunk more for every zone walk to pass
 * (zl_zone_walk_begin()), and a named.conf of 5,000 small zones read
 * ahead took 10 s instead of 3.4 with one each; the copy costs a
 * memcpy of what one chunk holds.
 */
#define REPLAY_COPY_MAX ((size_t)1 << 20)

enum zl_parse_result zl_db_replay(struct zl_db *db, const struct zl_load_opts *o,
				  struct zl_load_log *log, struct zl_sink *sink,
				  struct zl_zone **zone_out)
{
	struct loading l = { .db = db, .o = o };
	const char *last[2] = { NULL, NULL };

	l.zone = begin_zone(db, o, zone_out);
	zl_sink_append(sink, &log->sink);
	/* a small file's RRs are copied, the log's arena freed with it: the
	 * db's RRs arena keeps few chunks however many files there are */
	l.copy_rrs = log->keep.total <= REPLAY_COPY_MAX;
	if (!l.copy_rrs)
		zl_arena_append(&db->rrs, &log->keep);
	zl_arena_adopt(&db->arena, &log->raw);
	replay_events(&l, log->first, NULL, 0, 0, sink, last);
	enum zl_parse_result r = log->result;
	end_zone(l.zone, o, r);
	zl_log_free(log);
	return r;
}

/* ---- one file read on another thread while it is added (zl_pipe_*) ------- */

/*
 * What the reading thread handed over since the previous batch: events,
 * and the file names and findings its sink got meanwhile (copies of the
 * entries; the strings stay in the log's sink, which outlives the pipe).
 */
struct log_batch {
	struct log_batch *next;
	struct zl_arena tmp;	/* the events, and the arrays below */
	struct log_event *first;
	const char **files;	/* names the log's sink interned, in its order */
	size_t nfiles;
	struct zl_diagnostic *diags; /* findings, in the order reported */
	size_t ndiags;
	size_t diag0;		/* the first one's index in the log's sink (zl_log_event.mark) */
	bool done;		/* the last batch: the read is over */
};

/* At most this many batches wait: the reader stops when it is that far ahead. */
#define PIPE_QUEUE 16

/*
 * At most this many replayed batches' arenas wait for the reader to
 * reuse them; more go back to the system.  The reader fills one while
 * the main thread replays another and one or two wait between them, so
 * a few do; but the queue fills up when the main thread falls behind
 * (at the start of a big load, while its arenas are faulted in, or on a
 * busy host), and every arena of such a burst kept to the end of the
 * load was kept at its peak.
 */
#define PIPE_SPARES 4

/* At most this many arena chunks (2 MiB each) wait ready for the
 * arenas of a file of PIPE_POOL_DEEP octets or more (one for a smaller
 * one): enough that the reader rarely finds none while the main thread
 * has time, few enough that those left over at the end cost little
 * (four left over were a quarter of the peak of a 100,000-record zone).
 * Two are as fast as four on the bench zones (1M: 0.59 s either way;
 * 5M: 2.85 s) and the 1M zone's peak is 2.7 MB lower: since the SPF
 * rules' tables shrank, the load's end is that zone's peak. */
#define PIPE_POOL 2
#define PIPE_POOL_DEEP ((size_t)64 << 20)

/* From this many octets of zone file on, the pool is wanted from the
 * start (zl_arena_pool_want()): the RRs take more memory than their
 * text (1.3 times on the bench's hosting zones), more than the 8 MiB an
 * arena fills with small chunks before it asks for big ones. */
#define PIPE_POOL_EARLY ((size_t)8 << 20)

/* Octets of memory the load takes for each octet of zone file, at most,
 * for the pool's need (zl_arena_pool_limit()), in halves: the 1M bench
 * zone's RRs, names and RRsets take 1.3. */
#define PIPE_POOL_HALVES 3

/*
 * Octets at the end of the file for which no chunk is readied: the
 * reader is that far ahead of the arenas' needs (the batches queued, the
 * room left in each arena's newest chunk), and a chunk readied then is
 * never taken but stays, touched, to the end of the load, the peak of
 * a big zone.  Readying to the very end left two of them (4 MiB) on
 * the 1M bench zone, and the 300k zone's peak was 2.5 MiB higher; the
 * time is the same.
 */
#define PIPE_POOL_TAIL ((uint64_t)8 << 20)

struct log_pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed;	/* a batch was queued or taken */
	struct log_batch *head, *tail; /* waiting batches (under lock) */
	size_t queued;		/* (under lock) */
	size_t nfiles, ndiags;	/* the sink's entries already handed over (reader only) */
	bool bounded;		/* a reader thread runs: wait while PIPE_QUEUE batches wait */
	_Atomic uint64_t read;	/* octets of the file the reader has read */
	uint64_t size;		/* octets of the file (0: not a regular file) */
	struct zl_arena_pool *pool; /* arena chunks the main thread readies
				 * while it waits, for log->keep and the db's
				 * arena (zl_pipe_load()), or NULL */
	/* replayed batches' events arenas, which the reader reuses for its
	 * next batches: fresh memory costs a page fault per page (under
	 * lock) */
	struct zl_arena spare[PIPE_SPARES];
	size_t nspare;
	bool read_all;		/* the reader queued its last batch: no batch
				 * needs a spare any more (under lock) */
	uint64_t published, replayed; /* batches queued, and done with (under lock) */
	struct zl_entries *entries; /* a split read's entry side, once the main
				 * thread drains the pipe (under lock) */
	pthread_t thread;
	const struct zl_load_opts *o;
	struct zl_load_log *log;
	bool progress;
};

static size_t pool_need(struct log_pipe *p);

/* Reader: whether a batch published earlier still waits for the main
 * thread, which is then the slower of the two. */
static bool pipe_behind(struct log_pipe *p)
{
	pthread_mutex_lock(&p->lock);
	bool behind = p->queued > 0;
	pthread_mutex_unlock(&p->lock);
	return behind;
}

/* Reader: queue what log collected since the previous batch. */
static void pipe_publish(struct zl_load_log *log, bool done)
{
	struct log_pipe *p = log->pipe;
	struct log_batch *b = zl_xmalloc(sizeof(*b));
	struct zl_sink *s = &log->sink;

	b->next = NULL;
	b->tmp = log->tmp;		/* the events' chunks move with the batch */
	zl_arena_init(&log->tmp);
	b->first = log->first;
	log->first = log->last = NULL;
	log->nevents = 0;
	b->nfiles = s->nfiles - p->nfiles;
	b->files = b->nfiles ? zl_arena_dup(&b->tmp, s->files + p->nfiles,
					    b->nfiles * sizeof(*b->files)) : NULL;
	p->nfiles = s->nfiles;
	b->diag0 = p->ndiags;
	b->ndiags = s->n - p->ndiags;
	b->diags = b->ndiags ? zl_arena_dup(&b->tmp, s->v + p->ndiags,
					    b->ndiags * sizeof(*b->diags)) : NULL;
	p->ndiags = s->n;
	b->done = done;

	/* the chunks the main thread's arenas take next are readied by
	 * whichever thread has time: here while batches still wait for the
	 * main thread (it is the slower), else by the main thread while it
	 * waits for a batch (pipe_take()) */
	if (log->split && !done) {
		zl_arena_pool_limit(p->pool, pool_need(p));
		while (pipe_behind(p) && zl_arena_pool_fill(p->pool))
			;
	}
	pthread_mutex_lock(&p->lock);
	while (p->bounded && p->queued >= PIPE_QUEUE)
		pthread_cond_wait(&p->changed, &p->lock);
	if (p->tail)
		p->tail->next = b;
	else
		p->head = b;
	p->tail = b;
	p->queued++;
	p->published++;
	if (p->nspare && !done)	/* the next events go into memory already used */
		log->tmp = p->spare[--p->nspare];
	/* the last batch: the spares would only wait to be freed at the
	 * end of the load, its peak of memory */
	struct zl_arena left[sizeof(p->spare) / sizeof(p->spare[0])];
	size_t nleft = 0;
	if (done) {
		p->read_all = true;
		while (p->nspare)
			left[nleft++] = p->spare[--p->nspare];
	}
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	while (nleft)
		zl_arena_free(&left[--nleft]);
	zl_arena_reset(&log->tmp);
}

/*
 * Reader of a split read, at an $INCLUDE: hand over what was read, wait
 * until the main thread has given it all meaning (it waits for batches
 * meanwhile, so it touches nothing), and ask it the origin in force.
 */
static bool log_sync(void *ctx, uint8_t *origin, bool *stopped)
{
	struct zl_load_log *log = ctx;
	struct log_pipe *p = log->pipe;

	pipe_publish(log, false);
	pthread_mutex_lock(&p->lock);
	while (p->replayed < p->published)
		pthread_cond_wait(&p->changed, &p->lock);
	bool have = zl_entries_origin(p->entries, origin);
	*stopped = zl_entries_stopped(p->entries);
	pthread_mutex_unlock(&p->lock);
	return have;
}

static void *pipe_reader(void *arg)
{
	struct log_pipe *p = arg;

	log_parse(p->log, p->o, p->progress);
	pipe_publish(p->log, true);
	return NULL;
}

struct zl_load_log *zl_pipe_start(const struct zl_load_opts *o, bool progress,
				  size_t batch, bool thread, bool check)
{
	struct zl_load_log *log = log_new();
	struct log_pipe *p = zl_xmalloc(sizeof(*p));

	log->check = check;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	p->head = p->tail = NULL;
	p->queued = 0;
	p->nfiles = p->ndiags = 0;
	p->o = o;
	p->log = log;
	p->progress = progress;
	log->pipe = p;
	log->batch = batch ? batch : PIPE_BATCH;
	p->bounded = true;
	p->nspare = 0;
	p->read_all = false;
	p->published = p->replayed = 0;
	p->entries = NULL;
	atomic_init(&p->read, 0);
	log->octets_read = &p->read;
	/* a checking log keeps no RRs: its batches' arenas are reused */
	size_t size = file_size(o);
	p->size = size;
	p->pool = thread && !check ?
		  zl_arena_pool_new(size >= PIPE_POOL_DEEP ? PIPE_POOL : 1) : NULL;
	if (size >= PIPE_POOL_EARLY)
		zl_arena_pool_want(p->pool);
	log->keep.pool = p->pool;
	/* on a thread of its own, the reader only scans: its lines get
	 * their meaning on the main thread, which would otherwise wait */
	log->split = thread;
	if (!thread || pthread_create(&p->thread, NULL, pipe_reader, p) != 0) {
		/* no thread to be had: read it all now, on this thread, with
		 * nobody to take batches meanwhile, so none waits for room
		 * (nor readies chunks) */
		log->split = false;
		log->keep.pool = NULL;
		zl_arena_pool_free(p->pool);
		p->pool = NULL;
		p->bounded = false;
		log_parse(log, o, progress);
		pipe_publish(log, true);
		p->log = NULL;		/* nothing to join */
	}
	return log;
}

/*
 * Octets the arenas of p's pool may still take: those of what the reader
 * has yet to read of the file but its last PIPE_POOL_TAIL octets, at
 * PIPE_POOL_HALVES halves an octet (SIZE_MAX when the size is unknown).
 * So the chunks made ready run out before the file does, and at its
 * end none waits unused while the load is at its peak.
 */
static size_t pool_need(struct log_pipe *p)
{
	uint64_t read = atomic_load_explicit(&p->read, memory_order_relaxed);

	if (!p->size)
		return SIZE_MAX;
	if (read + PIPE_POOL_TAIL >= p->size)
		return 0;
	uint64_t left = p->size - read;
	if (left / 2 > (UINT64_MAX - PIPE_POOL_TAIL) / PIPE_POOL_HALVES)
		return SIZE_MAX;
	uint64_t need = left / 2 * PIPE_POOL_HALVES - PIPE_POOL_TAIL;
	return need > SIZE_MAX ? SIZE_MAX : (size_t)need;
}

/*
 * Main thread: the next batch, waiting for it as long as it takes, and
 * meanwhile readying chunks for the arenas of the pool: the page
 * faults of fresh memory are then paid here while there is time, not
 * by the reader, which is the slower of the two, nor while a batch
 * waits.
 */
static struct log_batch *pipe_take(struct log_pipe *p)
{
	pthread_mutex_lock(&p->lock);
	while (!p->head) {
		pthread_mutex_unlock(&p->lock);
		zl_arena_pool_limit(p->pool, pool_need(p));
		bool made = zl_arena_pool_fill(p->pool);
		pthread_mutex_lock(&p->lock);
		if (!made && !p->head)
			pthread_cond_wait(&p->changed, &p->lock);
	}
	struct log_batch *b = p->head;
	p->head = b->next;
	if (!p->head)
		p->tail = NULL;
	p->queued--;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return b;
}

/* After the last batch: wait for the reading thread and free the pipe. */
static void pipe_end(struct zl_load_log *log)
{
	struct log_pipe *p = log->pipe;

	if (p->log)
		pthread_join(p->thread, NULL);
	log->keep.pool = NULL;
	zl_arena_pool_free(p->pool);	/* chunks still ready: unmapped */
	while (p->nspare)
		zl_arena_free(&p->spare[--p->nspare]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p);
	log->pipe = NULL;
}

/* Main thread: b is done with; its arena goes to the reader's next batches, if any are to come. */
static void batch_done(struct log_pipe *p, struct log_batch *b)
{
	pthread_mutex_lock(&p->lock);
	if (!p->read_all && p->nspare < sizeof(p->spare) / sizeof(p->spare[0])) {
		p->spare[p->nspare++] = b->tmp;	/* for a next batch */
		zl_arena_init(&b->tmp);
	}
	p->replayed++;
	pthread_cond_broadcast(&p->changed);	/* a reader may wait in log_sync() */
	pthread_mutex_unlock(&p->lock);
	zl_arena_free(&b->tmp);
	free(b);
}

/*
 * Main thread: do what the batches of log's pipe ask for, as they come,
 * with l (zl_pipe_load(), zl_pipe_check()), until the last one.
 */
static void pipe_drain(struct loading *l, struct zl_load_log *log,
		       struct zl_sink *sink)
{
	struct log_pipe *p = log->pipe;
	const char *last[2] = { NULL, NULL };
	bool done = false;

	pthread_mutex_lock(&p->lock);
	p->entries = l->es;
	pthread_mutex_unlock(&p->lock);
	while (!done) {
		struct log_batch *b = pipe_take(p);
		/* the names the parser interned before any of its findings */
		for (size_t i = 0; i < b->nfiles; i++)
			zl_sink_intern(sink, b->files[i]);
		replay_events(l, b->first, b->diags, b->ndiags, b->diag0, sink, last);
		if (l->es)	/* for the reader's progress line */
			atomic_store_explicit(&log->records, zl_entries_records(l->es),
					      memory_order_relaxed);
		done = b->done;
		batch_done(p, b);
	}
}

/*
 * If log is a split read, l gives its lines meaning (zl_entries), its
 * records going to on_rec; the same options as the parser's otherwise.
 */
static void split_begin(struct loading *l, struct zl_load_log *log,
			struct zl_sink *sink, zl_record_fn on_rec)
{
	struct zl_parse_opts po;

	l->es = NULL;
	l->stop = &log->stop;
	l->stopped = false;
	if (!log->split)
		return;
	parse_opts(&po, l->o);
	if (!l->db)	/* as zl_stream_load() */
		po.max_records = l->o->max_records ? l->o->max_records : UINT32_MAX;
	po.on_record = on_rec;
	po.on_origin = on_origin;
	po.ctx = l;
	l->es = zl_entries_new(&po, sink);
}

/* The parser's result for the read of log with l: the entry side's if it is split. */
static enum zl_parse_result split_end(struct loading *l, struct zl_load_log *log)
{
	return l->es ? zl_entries_end(l->es, log->result) : log->result;
}

enum zl_parse_result zl_pipe_load(struct zl_db *db, const struct zl_load_opts *o,
				  struct zl_load_log *log, struct zl_sink *sink,
				  struct zl_zone **zone_out)
{
	struct loading l = { .db = db, .o = o };

	l.zone = begin_zone(db, o, zone_out);
	split_begin(&l, log, sink, on_record_split);
	/* the nodes, RRsets and (a split read's) RRs take ready chunks
	 * too, while the load lasts */
	struct zl_arena_pool *db_pool = db->arena.pool, *nodes_pool = db->nodes.pool,
			     *rrs_pool = db->rrs.pool;
	if (!db_pool)
		db->arena.pool = log->pipe->pool;
	if (!nodes_pool)
		db->nodes.pool = log->pipe->pool;
	if (!rrs_pool)
		db->rrs.pool = log->pipe->pool;
	pipe_drain(&l, log, sink);
	link_pending(&l);
	db->arena.pool = db_pool;
	db->nodes.pool = nodes_pool;
	db->rrs.pool = rrs_pool;
	pipe_end(log);
	zl_arena_append(&db->rrs, &log->keep);
	zl_arena_adopt(&db->arena, &log->raw);
	enum zl_parse_result r = split_end(&l, log);
	end_zone(l.zone, o, r);
	zl_log_free(log);
	return r;
}

enum zl_parse_result zl_pipe_check(const struct zl_load_opts *o, struct zl_load_log *log,
				   struct zl_sink *sink)
{
	struct zl_zone zone;
	struct loading l;

	stream_begin(&l, &zone, o, sink);
	split_begin(&l, log, sink, on_record_checked);
	pipe_drain(&l, log, sink);
	pipe_end(log);
	enum zl_parse_result r = split_end(&l, log);
	stream_end(&l, r);
	zl_log_free(log);
	return r;
}
