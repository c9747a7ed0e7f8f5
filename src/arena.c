/* arena.c - chunked bump allocator, its chunks made ready on another thread, and growable buffer. */
#define _GNU_SOURCE		/* mremap(2) */
#include "arena.h"
#include "region.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* 1 MiB: few mallocs even for big zones.  make fuzz uses 16 KiB chunks,
 * which ASan's allocator recycles cheaply and which put chunk edges in
 * reach of small inputs. */
#ifndef ZL_ARENA_CHUNK
#define ZL_ARENA_CHUNK (1u << 20)
#endif

/*
 * Under AddressSanitizer (make check's second pass, make fuzz) the free
 * part of each chunk is poisoned and every allocation is followed by a
 * poisoned red zone, so reading past an arena object is reported as
 * reading past a malloc'd one would be, wherever the object lies.  New
 * objects are filled with 0xbe, as ASan fills malloc'd memory.
 */
#ifdef ZL_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define REDZONE ZL_ARENA_REDZONE
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE 0u
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/*
 * Chunks come from mmap(2), which memcheck takes for defined (zero)
 * memory; marking a chunk undefined as it is handed to an arena keeps
 * valgrind reporting reads of arena bytes never set, as it does for
 * malloc'd memory.  Costs a few instructions per chunk when not under
 * valgrind, nothing where its header is missing.
 */
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define FRESH(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#endif
#endif
#ifndef FRESH
#define FRESH(p, n) ((void)(p), (void)(n))
#endif

/*
 * Say "out of memory" and exit with status 2.  Threads that run out at
 * once wait here for the first one's exit, so the message comes once
 * and exit(3) runs on one thread only.
 */
static _Noreturn void out_of_memory(void)
{
	static pthread_mutex_t dying = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&dying);
	fputs("zonelint: out of memory\n", stderr);
	exit(2);
}

struct zl_arena_chunk {
	struct zl_arena_chunk *prev;
	size_t size;		/* usable bytes in data */
	size_t mapped;		/* bytes of the region's chunk (zl_region_get()) */
	size_t used;		/* bytes of data handed out, once a newer chunk
				 * took its place as the head (zl_arena_spans()) */
	_Alignas(16) unsigned char data[];
};

/*
 * Once an arena holds ZL_ARENA_BIG bytes it is a big zone's: its further
 * chunks are ZL_ARENA_BIG each, mapped on 2 MiB (huge page) boundaries.
 * Small zones never get there and stay in 1 MiB chunks.  zonelint does
 * not ask for transparent huge pages (MADV_HUGEPAGE) for them, which
 * are written in order (the system's policy decides; zl_big_calloc()'s
 * hash tables, probed at random, do ask).  In a virtual machine that
 * returns free memory to its host (free page reporting,
 * virtio-balloon), a huge page is cut from
 * the 2 MiB blocks the guest gave back, and each costs the host a fault
 * before the kernel can zero it, while small pages mostly come from
 * fragments the guest kept: on the bench machine touching 256 MiB took
 * 0.66 to 0.74 s in huge pages and 0.13 to 0.15 s in small ones, and a
 * 1M-record lint after validns went from 0.59 to 0.56 s (5M: 2.95 to
 * 2.56 s).  README, Performance, has the measurements.
 */
#define ZL_HUGE_PAGE ((size_t)2 << 20)
#define ZL_ARENA_BIG (((size_t)8 << 20) - 64)

#if defined(MADV_HUGEPAGE)
#define ZL_ARENA_HUGE 1
#else
#define ZL_ARENA_HUGE 0
#endif

/*
 * A chunk of at least len octets, its header included, from the region
 * (every chunk is, so that zl_ref names any arena object): rounded up to
 * whole pages, or to whole huge pages on a 2 MiB boundary if huge.  NULL
 * when the region or memory runs out.
 */
static struct zl_arena_chunk *chunk_try_get(size_t len, bool huge)
{
	size_t got;
	struct zl_arena_chunk *c = zl_region_get(len, huge, &got);

	if (!c)
		return NULL;
	c->size = got - sizeof(*c);
	c->mapped = got;
	return c;
}

/* A chunk with at least size usable bytes; exits on failure (out of memory). */
static struct zl_arena_chunk *chunk_new(size_t size, size_t total)
{
	bool huge = ZL_ARENA_HUGE && total >= ZL_ARENA_BIG && size == ZL_ARENA_BIG;
	struct zl_arena_chunk *c = chunk_try_get(sizeof(struct zl_arena_chunk) + size, huge);

	if (!c)
		out_of_memory();
	return c;
}

static void chunk_release(struct zl_arena_chunk *c)
{
	zl_region_put(c, c->mapped);
}

/* a gets its first chunk: its token stands for its chunks from now on */
static void arena_begin(struct zl_arena *a)
{
	if (!a->token)
		a->token = zl_xmalloc(1);
}

/* ---- big chunks made ready on another thread ----------------------------- */

struct zl_arena_pool {
	pthread_mutex_t lock;
	struct zl_arena_chunk *ready;	/* made ready, linked by prev (under lock) */
	size_t nready;			/* (under lock) */
	size_t making;			/* being made by zl_arena_pool_fill() (under lock) */
	size_t max;			/* bound of nready + making */
	size_t need;			/* octets the arenas may still take
					 * (zl_arena_pool_limit(); under lock) */
	bool wanted;			/* an arena asked for a big chunk, or
					 * zl_arena_pool_want() (under lock) */
};

/*
 * Octets of a pool's chunk, its header included: 2 MiB, so that what is
 * made ready ahead and never used (at most max chunks, and the end of
 * the last chunk each arena took) stays small.
 */
#define ZL_POOL_CHUNK ZL_HUGE_PAGE

/*
 * Octets between the touches that fault in a chunk's pages: the smallest
 * page size Linux has, so every small page is faulted in.  Where the
 * system makes the chunk a transparent huge page, the first touch faults
 * in all 2 MiB and the others cost a store each.
 */
#define ZL_TOUCH_STEP 4096u

struct zl_arena_pool *zl_arena_pool_new(size_t max)
{
	if (!ZL_ARENA_HUGE)
		return NULL;
	struct zl_arena_pool *p = zl_xmalloc(sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	p->ready = NULL;
	p->nready = p->making = 0;
	p->max = max ? max : 1;
	p->need = SIZE_MAX;
	p->wanted = false;
	return p;
}

bool zl_arena_pool_fill(struct zl_arena_pool *p)
{
	if (!p)
		return false;
	pthread_mutex_lock(&p->lock);
	size_t have = p->nready + p->making;
	bool go = p->wanted && have < p->max && have < p->need / ZL_POOL_CHUNK +
						       (p->need % ZL_POOL_CHUNK != 0);
	if (go)
		p->making++;
	pthread_mutex_unlock(&p->lock);
	if (!go)
		return false;

	/* the slow part, outside the lock: the kernel zeroes each page as it
	 * is first written (a write: a read would map the shared zero page;
	 * the chunk's header is in the first one) */
	struct zl_arena_chunk *c = chunk_try_get(ZL_POOL_CHUNK, true);
	if (c) {
		volatile unsigned char *m = (volatile unsigned char *)c;
		for (size_t i = ZL_TOUCH_STEP; i < c->mapped; i += ZL_TOUCH_STEP)
			m[i] = 0;
	}

	pthread_mutex_lock(&p->lock);
	p->making--;
	if (c) {
		c->prev = p->ready;
		p->ready = c;
		p->nready++;
	}
	pthread_mutex_unlock(&p->lock);
	return c != NULL;	/* none: only made ahead, so no error; an arena
				 * that needs one asks for it itself */
}

void zl_arena_pool_limit(struct zl_arena_pool *p, size_t need)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->need = need;
	pthread_mutex_unlock(&p->lock);
}

void zl_arena_pool_want(struct zl_arena_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->wanted = true;
	pthread_mutex_unlock(&p->lock);
}

/* A ready chunk of p, or NULL if none is; after a request for a big
 * chunk (big) p knows that big chunks are wanted. */
static struct zl_arena_chunk *pool_take(struct zl_arena_pool *p, bool big)
{
	pthread_mutex_lock(&p->lock);
	p->wanted |= big;
	struct zl_arena_chunk *c = p->ready;
	if (c) {
		p->ready = c->prev;
		p->nready--;
	}
	pthread_mutex_unlock(&p->lock);
	return c;
}

void zl_arena_pool_free(struct zl_arena_pool *p)
{
	if (!p)
		return;
	while (p->ready) {
		struct zl_arena_chunk *c = p->ready;
		p->ready = c->prev;
		chunk_release(c);
	}
	pthread_mutex_destroy(&p->lock);
	free(p);
}

/* n rounded up to whole pages of ZL_TOUCH_STEP octets. */
static size_t whole_pages(size_t n)
{
	return (n + ZL_TOUCH_STEP - 1) & ~(size_t)(ZL_TOUCH_STEP - 1);
}

/* Write-fault every page of p[0..n) (n a multiple of 4096), in one call
 * where the kernel has MADV_POPULATE_WRITE (Linux 5.14), else a store
 * a page. */
static void populate(unsigned char *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	if (madvise(p, n, MADV_POPULATE_WRITE) == 0)
		return;
#endif
	volatile unsigned char *v = p;
	for (size_t i = 0; i < n; i += ZL_TOUCH_STEP)
		v[i] = 0;
}

void *zl_big_try_calloc(size_t n)
{
#if ZL_ARENA_HUGE
	if (n >= ZL_HUGE_PAGE) {
		/* Fresh anonymous pages read as zero: no memset.  The zone
		 * model's hash tables are probed at random, so on a 2 MiB
		 * boundary and offered as transparent huge pages: in small
		 * pages a big table's probes missed the TLB (perf on the 1M
		 * bench zone: a third of on_record_split()'s samples, at its
		 * slot prefetch), which costs more than faulting a few huge
		 * pages in.  Populated at once: a slot is read before it is
		 * written, and a page first read maps the shared zero page,
		 * whose first write costs a second fault and a TLB flush on
		 * every CPU the process runs on. */
		size_t len = whole_pages(n);
		unsigned char *m = mmap(NULL, len + ZL_HUGE_PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return NULL;
		size_t head = (ZL_HUGE_PAGE - (uintptr_t)m % ZL_HUGE_PAGE) % ZL_HUGE_PAGE;
		unsigned char *p = m + head;
		if (head)
			munmap(m, head);
		if (ZL_HUGE_PAGE - head)
			munmap(p + len, ZL_HUGE_PAGE - head);
		madvise(p, len, MADV_HUGEPAGE);	/* advice: failure is harmless */
		populate(p, len);
		return p;
	}
#endif
	return calloc(n ? n : 1, 1);
}

void *zl_big_calloc(size_t n)
{
	void *p = zl_big_try_calloc(n);

	if (!p)
		out_of_memory();
	return p;
}

void zl_big_free(void *p, size_t n)
{
	if (!p)
		return;
#if ZL_ARENA_HUGE
	if (n >= ZL_HUGE_PAGE) {
		munmap(p, n);
		return;
	}
#else
	(void)n;
#endif
	free(p);
}

void *zl_big_grow(void *p, size_t n, size_t m)
{
#if ZL_ARENA_HUGE
	if (p && n >= ZL_HUGE_PAGE && m >= n) {
		/* the pages move, nothing is copied, and the new ones read as
		 * zero; populated as zl_big_try_calloc() does */
		size_t len = whole_pages(n), mlen = whole_pages(m);
		unsigned char *q = mremap(p, len, mlen, MREMAP_MAYMOVE);
		if (q == MAP_FAILED)
			out_of_memory();
		madvise(q, mlen, MADV_HUGEPAGE);	/* advice: failure is harmless */
		if (mlen > len)
			populate(q + len, mlen - len);
		return q;
	}
#endif
	void *q = zl_big_calloc(m);
	if (n)
		memcpy(q, p, n < m ? n : m);
	zl_big_free(p, n);
	return q;
}

/*
 * The usable size of the next regular chunk of an arena holding total
 * bytes: with its header, a small chunk is ZL_ARENA_CHUNK octets, whole
 * pages, so none of the region is lost to rounding.
 */
static size_t next_chunk_size(size_t total)
{
	if (ZL_ARENA_HUGE && total >= ZL_ARENA_BIG)
		return ZL_ARENA_BIG;
	return ZL_ARENA_CHUNK - sizeof(struct zl_arena_chunk);
}

void *zl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *zl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *zl_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(zl_xmalloc(n), s, n);
}

void zl_arena_init(struct zl_arena *a)
{
	a->head = NULL;
	a->base = NULL;
	a->behind = false;
	a->used = 0;
	a->cap = 0;
	a->total = 0;
	a->pool = NULL;
	a->token = NULL;
	a->ordered = false;
	a->first = 0;
}

/*
 * n bytes of a aligned to align (4 or 8; chunk data is 16-aligned, and
 * a->used is always a multiple of 4).
 */
void *zl_arena_take(struct zl_arena *a, size_t n, size_t align)
{
	size_t want = n;

	n = ((n + align - 1) & ~(align - 1)) + REDZONE;
	if (n > ZL_ARENA_CHUNK / 4) {
		/* a big one-off object gets a chunk of its own, kept behind
		 * the current one so the current chunk's free space stays
		 * usable; in an ordered arena it becomes the newest instead */
		struct zl_arena_chunk *c = chunk_new(n, 0);
		a->total += sizeof(*c) + c->size;
		c->used = n;
		if (a->ordered) {
			/* the newest chunk, full: the next object takes a new one */
			if (a->head)
				a->head->used = a->used;
			else
				arena_begin(a);
			c->prev = a->head;
			a->behind = c->prev != NULL;
			a->head = c;
			a->base = c->data;
			a->used = a->cap = n;
		} else if (a->head) {
			c->prev = a->head->prev;
			a->head->prev = c;
			a->behind = true;
		} else {
			c->prev = NULL;
			a->head = c;
			a->base = c->data;
			a->used = a->cap = n;
			arena_begin(a);
		}
		POISON(c->data + want, n - want);
		FRESH(c->data, want);
		return c->data;
	}
	size_t pad = a->used & (align - 1);
	if (pad)
		pad = align - pad;
	if (!a->head || a->cap - a->used < pad + n) {
		size_t size = next_chunk_size(a->total);
		if (!a->head && a->first && a->first < size)
			size = a->first > n ? a->first : n;
		struct zl_arena_chunk *c = NULL;
		if (a->pool)
			c = pool_take(a->pool, size == ZL_ARENA_BIG);
		if (!c)
			c = chunk_new(size, a->total);
		c->prev = a->head;
		a->behind = c->prev != NULL;
		if (a->head)
			a->head->used = a->used;
		else
			arena_begin(a);
		a->head = c;
		a->base = c->data;
		a->used = 0;
		a->cap = c->size;
		a->total += sizeof(*c) + c->size;
		POISON(c->data, c->size);
		FRESH(c->data, c->size);
		pad = 0;
	}
	void *p = a->head->data + a->used + pad;
	a->used += pad + n;
	UNPOISON(p, want);
#ifdef ZL_ARENA_ASAN
	memset(p, 0xbe, want);	/* as ASan fills malloc'd memory: reads of unset bytes go astray */
#endif
	return p;
}

struct zl_arena_span *zl_arena_spans(const struct zl_arena *a, size_t *n)
{
	size_t k = 0;

	for (const struct zl_arena_chunk *c = a->head; c; c = c->prev)
		k++;
	struct zl_arena_span *v = zl_xmalloc((k ? k : 1) * sizeof(*v));
	*n = k;
	for (const struct zl_arena_chunk *c = a->head; c; c = c->prev) {
		k--;
		v[k].start = c->data;
		v[k].len = c == a->head ? a->used : c->used;
	}
	return v;
}

void *zl_arena_calloc(struct zl_arena *a, size_t n)
{
	return memset(zl_arena_alloc(a, n), 0, n);
}

void *zl_arena_dup(struct zl_arena *a, const void *p, size_t n)
{
	void *q = zl_arena_alloc(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *zl_arena_strndup(struct zl_arena *a, const char *s, size_t n)
{
	char *q = zl_arena_alloc(a, n + 1);
	if (n)
		memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

void zl_arena_reset_chunks(struct zl_arena *a)
{
	if (!a->head)
		return;
	struct zl_arena_chunk *c = a->head->prev;
	while (c) {
		struct zl_arena_chunk *prev = c->prev;
		a->total -= sizeof(*c) + c->size;
		UNPOISON(c->data, c->size);
		chunk_release(c);
		c = prev;
	}
	a->head->prev = NULL;
	a->behind = false;
	a->used = 0;
	a->cap = a->head->size;
	POISON(a->head->data, a->head->size);
	FRESH(a->head->data, a->head->size);
}

void zl_arena_free(struct zl_arena *a)
{
	struct zl_arena_chunk *c = a->head;
	while (c) {
		struct zl_arena_chunk *prev = c->prev;
		UNPOISON(c->data, c->size);
		chunk_release(c);
		c = prev;
	}
	free(a->token);
	zl_arena_init(a);
}

void zl_arena_adopt(struct zl_arena *dst, struct zl_arena *src)
{
	if (!src->head)
		return;
	if (!dst->head) {
		struct zl_arena_pool *pool = dst->pool;
		bool ordered = dst->ordered;
		free(dst->token);	/* NULL: an arena without chunks has none */
		*dst = *src;		/* src's token now stands for dst's chunks */
		dst->pool = pool;
		dst->ordered = ordered;
		zl_arena_init(src);
		return;
	}
	struct zl_arena_chunk *tail = src->head;
	while (tail->prev)
		tail = tail->prev;
	/* behind dst's head, whose free space stays in use */
	tail->prev = dst->head->prev;
	dst->head->prev = src->head;
	dst->behind = true;
	dst->total += src->total;
	free(src->token);	/* dst's token stands for them all */
	zl_arena_init(src);
}

void zl_arena_cursor_begin(struct zl_arena_cursor *c, const struct zl_arena *a,
			   const void *from)
{
	c->spans = NULL;
	c->nspans = c->next = 0;
	c->at = c->end = NULL;
	if (!a)
		return;
	c->spans = zl_arena_spans(a, &c->nspans);
	if (!from)
		return;
	c->next = c->nspans;	/* not found: nothing to walk */
	const unsigned char *p = from;
	for (size_t k = 0; k < c->nspans; k++) {
		const unsigned char *start = c->spans[k].start;
		if (p >= start && p < start + c->spans[k].len) {
			c->at = p;
			c->end = start + c->spans[k].len;
			c->next = k + 1;
			return;
		}
	}
}

bool zl_arena_cursor_step(struct zl_arena_cursor *c)
{
	while (c->at == c->end) {
		if (c->next == c->nspans)
			return false;
		c->at = c->spans[c->next].start;
		c->end = c->at + c->spans[c->next].len;
		c->next++;
	}
	return true;
}

void zl_arena_cursor_end(struct zl_arena_cursor *c)
{
	free(c->spans);
	c->spans = NULL;
	c->nspans = c->next = 0;
	c->at = c->end = NULL;
}

void zl_arena_append(struct zl_arena *dst, struct zl_arena *src)
{
	if (!src->head)
		return;
	if (!dst->head) {
		zl_arena_adopt(dst, src);
		return;
	}
	struct zl_arena_chunk *tail = src->head;
	while (tail->prev)
		tail = tail->prev;
	dst->head->used = dst->used;
	tail->prev = dst->head;
	dst->behind = true;
	dst->head = src->head;
	dst->base = src->base;
	dst->used = src->used;
	dst->cap = src->cap;
	dst->total += src->total;
	free(src->token);	/* dst's token stands for them all */
	zl_arena_init(src);
}

uint8_t *zl_buf_grow(struct zl_buf *b, size_t n)
{
	if (b->cap - b->len < n) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len < n)
			cap *= 2;
		b->data = zl_xrealloc(b->data, cap);
		b->cap = cap;
	}
	return b->data + b->len;
}

void zl_buf_free(struct zl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
