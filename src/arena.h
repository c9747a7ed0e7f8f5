/* arena.h - bump allocator for zone data and a growable byte buffer. */
#ifndef ZL_ARENA_H
#define ZL_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * An arena hands out memory from large chunks and frees it all at once.
 * Zone data (names, RRs, RDATA) lives in one arena per database so that
 * parsing does no malloc per record.  Every chunk is cut from the region
 * (region.h), so zl_ref_of() names any object an arena handed out in 32
 * bits.  Not thread-safe (its pool is).
 */
struct zl_arena_chunk;
struct zl_arena_pool;
struct zl_arena {
	struct zl_arena_chunk *head;	/* newest chunk, linked to older ones */
	unsigned char *base;		/* where head's data starts (NULL
					 * without head): for the inline path
					 * of zl_arena_alloc() */
	bool behind;			/* chunks lie behind head (its prev):
					 * zl_arena_reset() has them to free */
	size_t used;			/* bytes used in head */
	size_t cap;			/* usable bytes in head */
	size_t total;			/* bytes obtained from malloc, all chunks */
	struct zl_arena_pool *pool;	/* where the next chunks come from while
					 * it has ready ones, or NULL
					 * (zl_arena_pool_new(); the caller sets
					 * and clears it) */
	void *token;			/* one malloc'd byte while the arena has
					 * chunks: chunks are not malloc'd, so
					 * this is what LeakSanitizer and
					 * valgrind see of an arena never freed */
	bool ordered;			/* keep objects in the order made, big
					 * ones too (zl_arena_spans()); the
					 * caller sets it after zl_arena_init() */
	size_t first;			/* octets the first chunk holds at least,
					 * if fewer than a chunk's: for an arena
					 * that will hold little (a small file's),
					 * so that it ties up pages of the region
					 * (16 GiB for everything) instead of a
					 * whole chunk; 0 (zl_arena_init()): a
					 * chunk's.  Set before the first object */
};

/* Prepare an empty arena with no pool; allocates nothing yet. */
void zl_arena_init(struct zl_arena *a);

/*
 * Octets of red zone behind each arena object, poisoned, in an
 * AddressSanitizer build; none otherwise.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ZL_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZL_ARENA_ASAN 1
#endif
#endif
#ifdef ZL_ARENA_ASAN
#define ZL_ARENA_REDZONE 16u
#else
#define ZL_ARENA_REDZONE 0u
#endif

/*
 * Objects of up to this many octets are cut from the newest chunk
 * inline when they fit there (zl_arena_alloc(), zl_arena_alloc4()):
 * no chunk is ever too small for them, nor are they the big objects
 * that get chunks of their own.
 */
#define ZL_ARENA_INLINE_MAX 4096u

/* The out-of-line part of zl_arena_alloc() (align 8) and
 * zl_arena_alloc4() (align 4): any object, a new chunk when needed. */
void *zl_arena_take(struct zl_arena *a, size_t n, size_t align);

/* n bytes of a aligned to align (4 or 8): inline when they fit the
 * newest chunk, else zl_arena_take(). */
static inline void *zl_arena_cut(struct zl_arena *a, size_t n, size_t align)
{
#ifndef ZL_ARENA_ASAN
	/* a->used is a multiple of 4: only an 8-aligned object may need a pad */
	size_t pad = align > 4 ? (align - (a->used & (align - 1))) & (align - 1) : 0;
	size_t m = pad + ((n + align - 1) & ~(align - 1));
	/* m - 1 wraps for n == 0 and pad == 0: the slow path */
	if (n <= ZL_ARENA_INLINE_MAX && m - 1 < a->cap - a->used) {
		void *p = a->base + a->used + pad;
		a->used += m;
		return p;
	}
#endif
	return zl_arena_take(a, n, align);
}

/*
 * Return n bytes aligned to 8, uninitialised, valid until zl_arena_free().
 * Never returns NULL: on allocation failure prints a message and exits
 * with status 2 (the zone cannot be read).
 */
static inline void *zl_arena_alloc(struct zl_arena *a, size_t n)
{
	return zl_arena_cut(a, n, 8);
}

/*
 * As zl_arena_alloc(), aligned to 4 only: for the zone model's objects
 * made of fields of 4 octets or less (RRs, nodes, RRsets), by the
 * million, which lose less to rounding so (zl_ref names them in 4-octet
 * units: region.h).
 */
static inline void *zl_arena_alloc4(struct zl_arena *a, size_t n)
{
	return zl_arena_cut(a, n, 4);
}

/* Octets that zl_arena_alloc4(n) takes of its chunk: n rounded up to 4, red zone included. */
static inline size_t zl_arena_size4(size_t n)
{
	return ((n + 3) & ~(size_t)3) + ZL_ARENA_REDZONE;
}

/* One chunk of an arena: where its data starts and how many octets of it were handed out. */
struct zl_arena_span {
	const unsigned char *start;
	size_t len;
};

/*
 * a's chunks, the oldest first, as a heap array of *n spans (free() it;
 * valid until a allocates again).  In an arena that only ever gave out
 * zl_arena_alloc4() objects and is ordered (or whose objects were all
 * smaller than 64 KiB), and was never reset nor adopted into (appending
 * to it is fine: zl_arena_append()), the objects lie back to back in
 * the spans in the order they were made, each zl_arena_size4() of its
 * size: so they can be walked without a list of them (zl_db's nodes
 * and RRs).
 */
struct zl_arena_span *zl_arena_spans(const struct zl_arena *a, size_t *n);

/*
 * A place in such an arena's objects, for walking them in order: at is
 * the next object, end the end of its chunk's objects.  Read an object
 * at at, move at past it, and when at reaches end call
 * zl_arena_cursor_step().
 */
struct zl_arena_cursor {
	struct zl_arena_span *spans;	/* zl_arena_spans() (heap) */
	size_t nspans, next;		/* next: the span after at's */
	const unsigned char *at, *end;
};

/*
 * Start c at from, an object of a (NULL: a's first object); c has no
 * object (at == end, and a step finds none) when a is NULL or empty, or
 * from is not in a.  Allocates; out of memory exits.
 */
void zl_arena_cursor_begin(struct zl_arena_cursor *c, const struct zl_arena *a,
			   const void *from);

/* Move c to the next chunk that has objects; false when there is none. */
bool zl_arena_cursor_step(struct zl_arena_cursor *c);

/* Free what c holds. */
void zl_arena_cursor_end(struct zl_arena_cursor *c);

/* As zl_arena_alloc, zero-filled. */
void *zl_arena_calloc(struct zl_arena *a, size_t n);

/* Copy n bytes of p into the arena; returns the copy. */
void *zl_arena_dup(struct zl_arena *a, const void *p, size_t n);

/* Copy n bytes of s into the arena and add a NUL; returns the copy. */
char *zl_arena_strndup(struct zl_arena *a, const char *s, size_t n);

/* The out-of-line part of zl_arena_reset(): free the chunks behind the
 * newest one and empty that one. */
void zl_arena_reset_chunks(struct zl_arena *a);

/*
 * Forget every allocation but keep the newest chunk for reuse: for
 * per-record scratch memory, so a record costs no malloc.  Inline when
 * nothing was made since the last reset (an arena reset per record that
 * most records leave alone): the chunk is as that left it.
 */
static inline void zl_arena_reset(struct zl_arena *a)
{
	if (a->used || a->behind)
		zl_arena_reset_chunks(a);
}

/*
 * Octets of a's chunks handed out since it was made or last reset or
 * freed (alignment, chunk headers and the unused ends of full chunks
 * included): what it holds, not what it could hold.
 */
static inline size_t zl_arena_in_use(const struct zl_arena *a)
{
	return a->total - (a->cap - a->used);
}

/* Release every chunk; the arena is empty, with no pool, and reusable afterwards. */
void zl_arena_free(struct zl_arena *a);

/*
 * Move every chunk of src into dst: what was allocated from src is valid
 * until zl_arena_free(dst), and src is left empty (nothing is copied).
 * A dst with chunks of its own keeps allocating from its newest chunk,
 * and the unused end of src's newest chunk is never handed out.  For
 * memory filled on one thread (a file read ahead with -j) and kept by a
 * database built on another; neither arena may be in use elsewhere
 * during the call.  dst keeps its pool and order flag; src is
 * left with none.
 */
void zl_arena_adopt(struct zl_arena *dst, struct zl_arena *src);

/*
 * As zl_arena_adopt(), but src's chunks come after dst's, its newest the
 * newest, so that objects made in src and then in dst again follow each
 * other in zl_arena_spans() as they were made (dst's free space left in
 * its newest chunk is given up).  dst keeps its pool and order flag.
 */
void zl_arena_append(struct zl_arena *dst, struct zl_arena *src);

/*
 * Chunks made ready ahead of need.  Once an arena is big (a big zone's),
 * each further chunk is an 8 MiB mapping, and the first touch of its
 * pages costs page faults in which the kernel zeroes them: a quarter of
 * the time of a 1M-record lint on some machines, paid by whichever
 * thread fills the arena.  A pool lets another thread pay it in time it
 * would spend waiting: zl_arena_pool_fill() maps a chunk of 2 MiB and
 * touches every page of it, and an arena whose pool
 * member points to the pool takes such a ready chunk, when there is one,
 * for its next chunk instead of making that itself.  The pool makes
 * chunks only once an arena of its has asked for a big one or
 * zl_arena_pool_want() said that they will be (so small zones pay
 * nothing), and holds at most max ready chunks, so memory grows by at
 * most max * 2 MiB, and the unused end of one chunk per arena, until
 * zl_arena_pool_free().
 *
 * Thread-safe: any threads may fill the pool and take from it (arenas
 * on different threads sharing it) at once.  The pool owns the chunks
 * it holds; a chunk taken belongs to the arena that took it.
 */

/*
 * A new, empty pool of at most max ready chunks (max >= 1).  NULL where
 * arenas map no big chunks (systems without MADV_HUGEPAGE): arenas then
 * work as without a pool, and the zl_arena_pool_* functions accept NULL.
 * Out of memory exits with status 2.
 */
struct zl_arena_pool *zl_arena_pool_new(size_t max);

/*
 * Say that the arenas of p will need big chunks (the caller knows that
 * much data is coming): p makes chunks from now on, and its arenas take
 * them from their first chunk on, so none of their memory is faulted in
 * by the thread that fills them.  NULL allowed.
 */
void zl_arena_pool_want(struct zl_arena_pool *p);

/*
 * Tell p that its arenas will take about need octets more (SIZE_MAX,
 * the default: unknown), so that zl_arena_pool_fill() makes ready no
 * more chunks than that needs: a chunk ready when the arenas stop
 * taking them is memory held for nothing until zl_arena_pool_free(),
 * at the peak of a load.  Chunks already ready stay.  NULL allowed.
 */
void zl_arena_pool_limit(struct zl_arena_pool *p, size_t need);

/*
 * Make one chunk ready, if an arena of p has asked for a big chunk (or
 * zl_arena_pool_want() was called) and fewer than max chunks, and fewer
 * than the need of zl_arena_pool_limit() takes, are ready or being made: maps it and touches each of its pages (2 MiB of fresh
 * memory: up to a few milliseconds).  Returns true if it added a chunk
 * (call again for another), false if none was wanted, p is NULL, or
 * memory ran out (no error: the arena that needs a chunk then asks for
 * it itself, and exits if it cannot have one).
 */
bool zl_arena_pool_fill(struct zl_arena_pool *p);

/*
 * Unmap the chunks p still holds and free p (NULL allowed).  No arena
 * may take from p any more: clear their pool members first.
 */
void zl_arena_pool_free(struct zl_arena_pool *p);

/*
 * malloc/realloc that exit with status 2 on failure ("out of memory"),
 * for the few heap objects outside arenas.  Caller frees with free().
 */
void *zl_xmalloc(size_t n);
void *zl_xrealloc(void *p, size_t n);
char *zl_xstrdup(const char *s);

/*
 * A zero-filled table of n bytes (hash tables of the zone model).  From
 * 2 MiB up it is an anonymous mapping on a 2 MiB boundary, offered as
 * transparent huge pages (a table probed at random misses the TLB less)
 * and populated at once, so it costs no memset.  Exits with status 2 when
 * memory runs out.  Free with zl_big_free(p, n), n as allocated.
 */
void *zl_big_calloc(size_t n);

/* zl_big_calloc() that returns NULL instead of exiting when memory runs out. */
void *zl_big_try_calloc(size_t n);
void zl_big_free(void *p, size_t n);

/*
 * Grow a table of zl_big_calloc() from n to m bytes (m >= n; p NULL
 * with n 0 allowed): returns the table, its first n bytes kept and the
 * rest zero, and p is no longer valid.  A mapped table (n >= 2 MiB) is
 * moved by the kernel (mremap(2)): no copy, and no moment when the old
 * and the new one both take memory.  Exits with status 2 when memory
 * runs out.  Free with zl_big_free(q, m).
 */
void *zl_big_grow(void *p, size_t n, size_t m);

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
