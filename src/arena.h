/* arena.h - bump allocator for zone data and a growable byte buffer. */
#ifndef ZL_ARENA_H
#define ZL_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * An arena hands out memory from large chunks and frees it all at once.
 * Zone data (names, RRs, RDATA) lives in one arena per database so that
 * parsing does no malloc per record.  Not thread-safe.
 */
struct zl_arena_chunk;
struct zl_arena {
	struct zl_arena_chunk *head;	/* newest chunk, linked to older ones */
	size_t used;			/* bytes used in head */
	size_t cap;			/* usable bytes in head */
	size_t total;			/* bytes obtained from malloc, all chunks */
};

/* Prepare an empty arena; allocates nothing yet. */
void zl_arena_init(struct zl_arena *a);

/*
 * Return n bytes aligned to 8, uninitialised, valid until zl_arena_free().
 * Never returns NULL: on allocation failure prints a message and exits
 * with status 2 (the zone cannot be read).
 */
void *zl_arena_alloc(struct zl_arena *a, size_t n);

/* As zl_arena_alloc, zero-filled. */
void *zl_arena_calloc(struct zl_arena *a, size_t n);

/* Copy n bytes of p into the arena; returns the copy. */
void *zl_arena_dup(struct zl_arena *a, const void *p, size_t n);

/* Copy n bytes of s into the arena and add a NUL; returns the copy. */
char *zl_arena_strndup(struct zl_arena *a, const char *s, size_t n);

/*
 * Forget every allocation but keep the newest chunk for reuse: for
 * per-record scratch memory, so a record costs no malloc.
 */
void zl_arena_reset(struct zl_arena *a);

/* Release every chunk; the arena is empty and reusable afterwards. */
void zl_arena_free(struct zl_arena *a);

/*
 * Move every chunk of src into dst: what was allocated from src is valid
 * until zl_arena_free(dst), and src is left empty (nothing is copied).
 * A dst with chunks of its own keeps allocating from its newest chunk,
 * and the unused end of src's newest chunk is never handed out.  For
 * memory filled on one thread (a file read ahead with -j) and kept by a
 * database built on another; neither arena may be in use elsewhere
 * during the call.
 */
void zl_arena_adopt(struct zl_arena *dst, struct zl_arena *src);

/*
 * malloc/realloc that exit with status 2 on failure ("out of memory"),
 * for the few heap objects outside arenas.  Caller frees with free().
 */
void *zl_xmalloc(size_t n);
void *zl_xrealloc(void *p, size_t n);
char *zl_xstrdup(const char *s);

/*
 * A zero-filled table of n bytes (hash tables of the zone model).  From
 * 2 MiB up it is an anonymous mapping offered as transparent huge pages,
 * so it costs no memset and few page faults.  Exits with status 2 when
 * memory runs out.  Free with zl_big_free(p, n), n as allocated.
 */
void *zl_big_calloc(size_t n);

/* zl_big_calloc() that returns NULL instead of exiting when memory runs out. */
void *zl_big_try_calloc(size_t n);
void zl_big_free(void *p, size_t n);

/*
 * A growable byte buffer, reused across records to build wire RDATA and
 * scratch text.  data is owned by the buffer; free with zl_buf_free().
 */
struct zl_buf {
	uint8_t *data;
	size_t len;
	size_t cap;
};

/* zl_buf_reserve() when the buffer must grow: reallocates, doubling. */
uint8_t *zl_buf_grow(struct zl_buf *b, size_t n);

/* Make room for n more bytes; returns a pointer to the first free byte. */
static inline uint8_t *zl_buf_reserve(struct zl_buf *b, size_t n)
{
	if (b->cap - b->len < n)
		return zl_buf_grow(b, n);
	return b->data + b->len;
}

/*
 * Make len 0, keeping the allocation.  Afterwards data is never NULL, so
 * an empty buffer may still be offset (data + len), copied from and
 * compared with zero lengths: C makes all of those undefined on NULL.
 */
static inline void zl_buf_reset(struct zl_buf *b)
{
	b->len = 0;
	if (!b->data)
		zl_buf_reserve(b, 1);
}

/* Append n bytes; append one byte; append 16/32-bit big-endian values. */
static inline void zl_buf_put(struct zl_buf *b, const void *p, size_t n)
{
	if (!n)
		return;
	memcpy(zl_buf_reserve(b, n), p, n);
	b->len += n;
}

static inline void zl_buf_put8(struct zl_buf *b, uint8_t v)
{
	*zl_buf_reserve(b, 1) = v;
	b->len++;
}

static inline void zl_buf_put16(struct zl_buf *b, uint16_t v)
{
	uint8_t *p = zl_buf_reserve(b, 2);
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	b->len += 2;
}

static inline void zl_buf_put32(struct zl_buf *b, uint32_t v)
{
	uint8_t *p = zl_buf_reserve(b, 4);
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
	b->len += 4;
}

/* Release the buffer's memory. */
void zl_buf_free(struct zl_buf *b);

#endif
