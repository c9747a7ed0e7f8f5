/* arena.c - chunked bump allocator and growable buffer. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
#if defined(__SANITIZE_ADDRESS__)
#define ZL_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZL_ARENA_ASAN 1
#endif
#endif
#ifdef ZL_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define REDZONE 16u
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE 0u
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct zl_arena_chunk {
	struct zl_arena_chunk *prev;
	size_t size;
	_Alignas(16) unsigned char data[];
};

static void out_of_memory(void)
{
	fputs("zonelint: out of memory\n", stderr);
	exit(2);
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
	a->used = 0;
	a->cap = 0;
	a->total = 0;
}

void *zl_arena_alloc(struct zl_arena *a, size_t n)
{
	size_t want = n;

	n = ((n + 7) & ~(size_t)7) + REDZONE;
	if (n > ZL_ARENA_CHUNK / 4) {
		/* a big one-off object gets a chunk of its own, kept behind
		 * the current one so the current chunk's free space stays usable */
		struct zl_arena_chunk *c = zl_xmalloc(sizeof(*c) + n);
		c->size = n;
		a->total += sizeof(*c) + n;
		if (a->head) {
			c->prev = a->head->prev;
			a->head->prev = c;
		} else {
			c->prev = NULL;
			a->head = c;
			a->used = a->cap = n;
		}
		POISON(c->data + want, n - want);
		return c->data;
	}
	if (!a->head || a->cap - a->used < n) {
		struct zl_arena_chunk *c = zl_xmalloc(sizeof(*c) + ZL_ARENA_CHUNK);
		c->size = ZL_ARENA_CHUNK;
		c->prev = a->head;
		a->head = c;
		a->used = 0;
		a->cap = ZL_ARENA_CHUNK;
		a->total += sizeof(*c) + ZL_ARENA_CHUNK;
		POISON(c->data, ZL_ARENA_CHUNK);
	}
	void *p = a->head->data + a->used;
	a->used += n;
	UNPOISON(p, want);
#ifdef ZL_ARENA_ASAN
	memset(p, 0xbe, want);	/* as ASan fills malloc'd memory: reads of unset bytes go astray */
#endif
	return p;
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

void zl_arena_reset(struct zl_arena *a)
{
	if (!a->head)
		return;
	struct zl_arena_chunk *c = a->head->prev;
	while (c) {
		struct zl_arena_chunk *prev = c->prev;
		a->total -= sizeof(*c) + c->size;
		UNPOISON(c->data, c->size);
		free(c);
		c = prev;
	}
	a->head->prev = NULL;
	a->used = 0;
	a->cap = a->head->size;
	POISON(a->head->data, a->head->size);
}

void zl_arena_free(struct zl_arena *a)
{
	struct zl_arena_chunk *c = a->head;
	while (c) {
		struct zl_arena_chunk *prev = c->prev;
		UNPOISON(c->data, c->size);
		free(c);
		c = prev;
	}
	zl_arena_init(a);
}

void zl_arena_adopt(struct zl_arena *dst, struct zl_arena *src)
{
	if (!src->head)
		return;
	if (!dst->head) {
		*dst = *src;
		zl_arena_init(src);
		return;
	}
	struct zl_arena_chunk *tail = src->head;
	while (tail->prev)
		tail = tail->prev;
	/* behind dst's head, whose free space stays in use */
	tail->prev = dst->head->prev;
	dst->head->prev = src->head;
	dst->total += src->total;
	zl_arena_init(src);
}

uint8_t *zl_buf_reserve(struct zl_buf *b, size_t n)
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

void zl_buf_put(struct zl_buf *b, const void *p, size_t n)
{
	if (!n)
		return;
	memcpy(zl_buf_reserve(b, n), p, n);
	b->len += n;
}

void zl_buf_put8(struct zl_buf *b, uint8_t v)
{
	*zl_buf_reserve(b, 1) = v;
	b->len++;
}

void zl_buf_put16(struct zl_buf *b, uint16_t v)
{
	uint8_t *p = zl_buf_reserve(b, 2);
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	b->len += 2;
}

void zl_buf_put32(struct zl_buf *b, uint32_t v)
{
	uint8_t *p = zl_buf_reserve(b, 4);
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
	b->len += 4;
}

void zl_buf_free(struct zl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
