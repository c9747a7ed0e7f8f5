/* test_jobs.c - files read ahead on worker threads (-j) build the database, findings and directives that reading them one after the other builds. */
#include "testutil.h"
#include "assert_sink.h"

#include <errno.h>
#include <glob.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "jobs.h"
#include "load.h"
#include "policy.h"

/* ASan builds put a red zone behind every arena object (arena.c) */
#if defined(__SANITIZE_ADDRESS__)
#define ZL_TEST_REDZONES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZL_TEST_REDZONES 1
#endif
#endif
#include "zonelint.h"
#ifdef ZL_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* ---- zl_arena_adopt -------------------------------------------------------------- */

/* Fill n octets from a with the pattern of seed; returns them. */
static unsigned char *filled(struct zl_arena *a, size_t n, unsigned seed)
{
	unsigned char *p = zl_arena_alloc(a, n);

	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
	return p;
}

static void assert_filled(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(p[i], (unsigned char)(seed + i * 7));
}

/* An arena object's zl_ref names it: 0 is NULL, and every object of every arena (one big one of its own too) comes back from its ref. */
static void test_region_refs(void **state)
{
	struct zl_arena a, b;
	(void)state;

	assert_int_equal(zl_ref_of(NULL), 0);
	assert_null(zl_ref_ptr(0));
	zl_arena_init(&a);
	zl_arena_init(&b);
	void *p[6] = {
		zl_arena_alloc(&a, 8), zl_arena_alloc(&a, 100), zl_arena_alloc(&b, 8),
		zl_arena_alloc(&a, 3u << 20),	/* a chunk of its own */
		zl_arena_alloc(&b, 1), zl_arena_alloc(&a, 8),
	};
	for (size_t i = 0; i < 6; i++) {
		assert_int_not_equal(zl_ref_of(p[i]), 0);
		assert_ptr_equal(zl_ref_ptr(zl_ref_of(p[i])), p[i]);
		for (size_t j = 0; j < i; j++)
			assert_int_not_equal(zl_ref_of(p[i]), zl_ref_of(p[j]));
	}
	zl_arena_free(&a);
	zl_arena_free(&b);
}

/*
 * zl_arena_alloc4() packs objects at 4-octet boundaries, each right
 * behind the one before, and zl_arena_alloc() still gives 8-aligned
 * memory after them; zl_ref names a 4-aligned object (4-octet units),
 * and neighbours 4 octets apart have refs one apart.
 */
static void test_arena_alloc4(void **state)
{
	struct zl_arena a;
	(void)state;

	zl_arena_init(&a);
	unsigned char *p = zl_arena_alloc4(&a, 5);	/* rounded up to 8 */
	unsigned char *q = zl_arena_alloc4(&a, 4);
	unsigned char *r = zl_arena_alloc4(&a, 8);
	unsigned char *e = zl_arena_alloc(&a, 8);
	unsigned char *f = zl_arena_alloc4(&a, 1);
	unsigned char *g = zl_arena_alloc(&a, 1);
	assert_int_equal((uintptr_t)p % 4, 0);
	assert_int_equal((uintptr_t)e % 8, 0);
	assert_int_equal((uintptr_t)g % 8, 0);
#ifndef ZL_TEST_REDZONES
	assert_ptr_equal(q, p + 8);
	assert_ptr_equal(r, q + 4);
	assert_int_equal((uintptr_t)(r + 8) % 8, 4);	/* so e skips 4 octets */
	assert_ptr_equal(e, r + 12);
	assert_ptr_equal(f, e + 8);
	assert_ptr_equal(g, f + 8);
	assert_int_equal(zl_ref_of(r), zl_ref_of(q) + 1);
#endif
	unsigned char *v[] = { p, q, r, e, f, g };
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_ptr_equal(zl_ref_ptr(zl_ref_of(v[i])), v[i]);
	memset(p, 1, 5);
	memset(q, 2, 4);
	memset(r, 3, 8);
	assert_int_equal(p[4], 1);
	assert_int_equal(q[0], 2);
	assert_int_equal(r[7], 3);
	zl_arena_free(&a);
}

/*
 * zl_arena_reset() keeps the newest chunk and frees every other: also
 * when nothing was cut from the newest chunk since the last reset but a
 * big object got a chunk of its own behind it, or chunks were adopted
 * or appended behind it.  a.total counts the chunks' octets.
 */
static void test_arena_reset_behind(void **state)
{
	struct zl_arena a, b;
	(void)state;

	zl_arena_init(&a);
	memset(zl_arena_alloc(&a, 100), 1, 100);
	zl_arena_reset(&a);
	size_t one = a.total;		/* the newest chunk alone */
	assert_true(one > 0);
	zl_arena_reset(&a);		/* nothing made: nothing changes */
	assert_int_equal(a.total, one);
	memset(zl_arena_alloc(&a, 3u << 20), 2, 3u << 20);	/* a chunk of its own, behind */
	assert_true(a.total > one);
	zl_arena_reset(&a);
	assert_int_equal(a.total, one);
	unsigned char *p = zl_arena_alloc(&a, 16);	/* the kept chunk still works */
	memset(p, 3, 16);

	zl_arena_reset(&a);
	zl_arena_init(&b);
	memset(zl_arena_alloc(&b, 64), 4, 64);
	zl_arena_adopt(&a, &b);		/* behind a's newest chunk */
	assert_true(a.total > one);
	zl_arena_reset(&a);
	assert_int_equal(a.total, one);
	zl_arena_free(&a);
	zl_arena_free(&b);
}

/*
 * The objects of an arena of zl_arena_alloc4() objects only lie back to
 * back in zl_arena_spans(), oldest chunk first, in the order they were
 * made: 20,000 objects of 1 to 300 octets (3 MB, chunks of 1 MiB and
 * more) read back in order by stepping zl_arena_size4() of each size.
 */
static void test_arena_spans(void **state)
{
	struct zl_arena a;
	enum { N = 20000 };
	(void)state;

	zl_arena_init(&a);
	size_t n;
	struct zl_arena_span *v = zl_arena_spans(&a, &n);
	assert_int_equal(n, 0);
	free(v);
	for (unsigned k = 0; k < N; k++) {
		size_t len = 1 + k * 7 % 300;
		unsigned char *p = zl_arena_alloc4(&a, len);
		for (size_t i = 0; i < len; i++)
			p[i] = (unsigned char)(k + i);
	}
	v = zl_arena_spans(&a, &n);
	assert_true(n >= 3);
	unsigned k = 0;
	for (size_t s = 0; s < n; s++) {
		const unsigned char *at = v[s].start, *end = at + v[s].len;
		while (at < end) {
			assert_true(k < N);
			size_t len = 1 + k * 7 % 300;
			for (size_t i = 0; i < len; i++)
				assert_int_equal(at[i], (unsigned char)(k + i));
			at += zl_arena_size4(len);
			k++;
		}
		assert_ptr_equal(at, end);
	}
	assert_int_equal(k, N);
	free(v);
	zl_arena_free(&a);
}

/* Walk a's zl_arena_alloc4() objects, each made with its length in its first octets (size_t); returns how many, and checks them against len[]. */
static size_t walk_sized(const struct zl_arena *a, const size_t *len, size_t n)
{
	size_t k = 0, ns;
	struct zl_arena_span *v = zl_arena_spans(a, &ns);
	for (size_t s = 0; s < ns; s++) {
		for (const unsigned char *at = v[s].start; at < v[s].start + v[s].len;) {
			size_t got;
			memcpy(&got, at, sizeof(got));
			assert_true(k < n);
			assert_int_equal(got, len[k]);
			at += zl_arena_size4(got);
			k++;
		}
	}
	free(v);
	return k;
}

/* An object of len octets from a, its length in its first octets. */
static void make_sized(struct zl_arena *a, size_t len)
{
	unsigned char *p = zl_arena_alloc4(a, len);
	memcpy(p, &len, sizeof(len));
}

/*
 * An ordered arena keeps a big object (one over 256 KiB, which gets a
 * chunk of its own) in the order made, and zl_arena_append() puts the
 * appended arena's objects after the others, then new ones after
 * those: the spans read them back in the order they were made.
 */
static void test_arena_ordered_append(void **state)
{
	struct zl_arena a, b;
	(void)state;
	const size_t len[] = { 40, 300 << 10, 24, 64, 500 << 10, 16, 32, 48 };

	zl_arena_init(&a);
	zl_arena_init(&b);
	a.ordered = b.ordered = true;
	make_sized(&a, len[0]);
	make_sized(&a, len[1]);
	make_sized(&a, len[2]);
	assert_int_equal(walk_sized(&a, len, 3), 3);
	make_sized(&b, len[3]);
	make_sized(&b, len[4]);
	make_sized(&b, len[5]);
	zl_arena_append(&a, &b);
	assert_null(b.head);
	assert_true(a.ordered);
	make_sized(&a, len[6]);
	make_sized(&a, len[7]);
	assert_int_equal(walk_sized(&a, len, 8), 8);
	/* appending to an empty arena keeps its flag and takes the chunks */
	struct zl_arena c;
	zl_arena_init(&c);
	c.ordered = true;
	zl_arena_append(&c, &a);
	assert_true(c.ordered);
	assert_int_equal(walk_sized(&c, len, 8), 8);
	zl_arena_free(&c);
	zl_arena_free(&b);
}

/*
 * Ranges put back are cut again for requests of other sizes and
 * alignments: every chunk handed out reads as zero, and none overlaps a
 * chunk still in use (whose contents stay as written).
 */
static void test_region_reuse(void **state)
{
	enum { N = 24 };
	unsigned char *p[N];
	size_t len[N];
	(void)state;

	for (size_t i = 0; i < N; i++) {
		p[i] = zl_region_get((i % 3 + 1) * 300000, i % 5 == 0, &len[i]);
		assert_non_null(p[i]);
		memset(p[i], (int)(i + 1), len[i]);
	}
	for (size_t i = 0; i < N; i += 2)	/* every other one back */
		zl_region_put(p[i], len[i]);
	for (size_t i = 0; i < N; i += 2) {	/* other sizes in their place */
		p[i] = zl_region_get((i % 4 + 1) * 70000, i % 6 == 0, &len[i]);
		assert_non_null(p[i]);
		for (size_t k = 0; k < len[i]; k += 512)
			assert_int_equal(p[i][k], 0);
		memset(p[i], (int)(i + 1), len[i]);
	}
	for (size_t i = 0; i < N; i++) {
		for (size_t k = 0; k < len[i]; k += 512)
			assert_int_equal(p[i][k], (unsigned char)(i + 1));
		zl_region_put(p[i], len[i]);
	}
}

/*
 * A small chunk put back stays mapped and comes back as it was left to
 * the next request of its very length (zl_region_put()); another length
 * does not take it.  Under AddressSanitizer it is poisoned meanwhile.
 */
static void test_region_warm(void **state)
{
	size_t len, len2, len3;
	(void)state;

	unsigned char *p = zl_region_get(10000, false, &len);
	assert_non_null(p);
	assert_int_equal(len % 4096, 0);
	memset(p, 0x5a, len);
	zl_region_put(p, len);
#ifdef ZL_ARENA_ASAN
	assert_true(__asan_address_is_poisoned(p));	/* a use now is reported */
	assert_true(__asan_address_is_poisoned(p + len - 1));
#endif
	unsigned char *q = zl_region_get(len + 4096, false, &len2);	/* longer: elsewhere */
	assert_non_null(q);
	assert_ptr_not_equal(q, p);
	unsigned char *r = zl_region_get(len - 100, false, &len3);	/* the same pages */
	assert_ptr_equal(r, p);
	assert_int_equal(len3, len);
#ifdef ZL_ARENA_ASAN
	assert_false(__asan_address_is_poisoned(r + len - 1));
#endif
	assert_int_equal(r[0], 0x5a);
	assert_int_equal(r[len - 1], 0x5a);
	zl_region_put(r, len3);
	zl_region_put(q, len2);
}

/* Octets of writable private memory the process has (VmData), 0 if unknown. */
static size_t data_octets(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	size_t kb = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmData: %zu kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

/*
 * A chunk whose pages the system refused (mprotect(2) fails under ulimit
 * -d, as under strict overcommit) is not kept for the next request of its
 * length: that one gets readable, writable pages.  It used to go to the
 * kept small chunks, still inaccessible, and the next zl_region_get() of
 * its length (another -j worker, while the first thread was exiting
 * "out of memory") handed it out as it was: a write to it faulted.
 */
static void test_region_refused(void **state)
{
	size_t len = 37 * 4096, got = 0;	/* a length no other test asks for */
	struct rlimit old;
	unsigned char *held[8];
	size_t nheld = 0;
	int fd[2];
	(void)state;

	unsigned char *first = zl_region_get(4096, false, &got);	/* the region is reserved */
	assert_non_null(first);
	zl_region_put(first, got);
	size_t data = data_octets();
	assert_int_equal(getrlimit(RLIMIT_DATA, &old), 0);
	if (!data || (old.rlim_max != RLIM_INFINITY && old.rlim_max < data + len))
		skip();
	struct rlimit tight = old;
	tight.rlim_cur = data + len / 2;	/* less than the chunk needs */
	assert_int_equal(setrlimit(RLIMIT_DATA, &tight), 0);
	unsigned char *p;
	while ((p = zl_region_get(len, false, &got)) && nheld < 8)
		held[nheld++] = p;	/* a kept chunk of that length, or no limit here (valgrind) */
	assert_int_equal(setrlimit(RLIMIT_DATA, &old), 0);
	for (size_t k = 0; k < nheld; k++)
		zl_region_put(held[k], len);
	if (p) {
		zl_region_put(p, got);
		skip();		/* the limit refused nothing: nothing to check */
	}

	unsigned char *q = zl_region_get(len, false, &got);
	assert_non_null(q);
	assert_int_equal(got, len);
	/* read through the kernel, which says EFAULT instead of faulting */
	assert_int_equal(pipe(fd), 0);
	ssize_t w = write(fd[1], q, 1);
	int err = errno;
	close(fd[0]);
	close(fd[1]);
	if (w != 1)
		fail_msg("the chunk after a refused one cannot be read: %s", strerror(err));
	q[0] = 1;
	q[len - 1] = 2;
	zl_region_put(q, got);
}

/* A new table reads as zero; a grown one keeps its contents and reads as zero past
 * them, mapped (from 2 MiB, on a 2 MiB boundary) or not, whole pages or not. */
static void test_big_grow(void **state)
{
	(void)state;
	size_t sizes[][2] = { { 0, 4u << 20 }, { 100, 300 }, { 100, 3u << 20 },
			      { 3u << 20, 8u << 20 }, { 4u << 20, 4u << 20 },
			      { (3u << 20) + 100, (5u << 20) + 4000 } };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k][0], m = sizes[k][1];
		unsigned char *t = n ? zl_big_calloc(n) : NULL;
#ifdef __linux__
		/* a mapped table starts on a huge-page boundary */
		if (n >= (2u << 20))
			assert_int_equal((uintptr_t)t % (2u << 20), 0);
#endif
		for (size_t i = 0; i < n; i++)
			if (t[i] != 0)
				fail_msg("byte %zu of a new table of %zu is %u, not 0", i, n, t[i]);
		for (size_t i = 0; i < n; i++)
			t[i] = (unsigned char)(k + i * 7);
		unsigned char *g = zl_big_grow(t, n, m);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(g[i], (unsigned char)(k + i * 7));
		for (size_t i = n; i < m; i++)
			if (g[i] != 0)
				fail_msg("byte %zu of the grown table (%zu -> %zu) is %u, not 0",
					 i, n, m, g[i]);
		zl_big_free(g, m);
	}
}

/* Memory from the adopted arena lives as long as the adopting one, which goes on allocating. */
static void test_arena_adopt(void **state)
{
	struct zl_arena dst, src, empty;
	(void)state;

	zl_arena_init(&dst);
	zl_arena_init(&src);
	unsigned char *d1 = filled(&dst, 100, 1);
	unsigned char *s1 = filled(&src, 300, 2);
	unsigned char *s2 = filled(&src, 2u << 20, 3);	/* a chunk of its own */
	unsigned char *s3 = filled(&src, 5000, 4);
	size_t total = dst.total + src.total;
	zl_arena_adopt(&dst, &src);
	assert_null(src.head);
	assert_int_equal(src.total, 0);
	assert_int_equal(dst.total, total);
	unsigned char *d2 = filled(&dst, 100, 5);
	/* dst kept its own newest chunk: d2 follows d1 in it */
	assert_true(d2 > d1 && d2 < d1 + 256);
	zl_arena_free(&src);	/* empty: frees nothing adopted */
	assert_filled(d1, 100, 1);
	assert_filled(s1, 300, 2);
	assert_filled(s2, 2u << 20, 3);
	assert_filled(s3, 5000, 4);
	assert_filled(d2, 100, 5);

	/* into an empty arena: it takes src over, chunks and free space */
	zl_arena_init(&empty);
	zl_arena_init(&src);
	unsigned char *s4 = filled(&src, 64, 6);
	zl_arena_adopt(&empty, &src);
	unsigned char *e1 = filled(&empty, 8, 7);
	assert_true(e1 > s4 && e1 < s4 + 256);
	assert_filled(s4, 64, 6);
	zl_arena_adopt(&empty, &src);	/* an empty src: nothing */
	assert_filled(e1, 8, 7);
	zl_arena_free(&empty);
	zl_arena_free(&dst);
}

/* ---- zl_arena_pool --------------------------------------------------------------- */

/* An arena's small chunks (1 MiB); a pool's are 2 MiB, its own big ones 8 MiB. */
#define SMALL_CHUNK ((size_t)1 << 20)

/*
 * Write the seed of each 4 KiB of n octets from a (seed, seed + 1, ...)
 * at its start and its end; returns the octets.
 */
static uint64_t *stamped(struct zl_arena *a, size_t n, uint64_t seed)
{
	uint64_t *p = zl_arena_alloc(a, n);

	for (size_t i = 0; i < n / 4096; i++) {
		p[i * 512] = seed + i;
		p[i * 512 + 511] = seed + i;
	}
	return p;
}

static void assert_stamped(const uint64_t *p, size_t n, uint64_t seed)
{
	for (size_t i = 0; i < n / 4096; i++) {
		assert_int_equal(p[i * 512], seed + i);
		assert_int_equal(p[i * 512 + 511], seed + i);
	}
}

/*
 * The pool makes chunks only once wanted, at most max of them, and an
 * arena of the pool takes them: each fill after a take makes one again.
 */
static void test_arena_pool(void **state)
{
	(void)state;
	assert_false(zl_arena_pool_fill(NULL));
	zl_arena_pool_want(NULL);
	zl_arena_pool_free(NULL);

	struct zl_arena_pool *p = zl_arena_pool_new(2);
	if (!p)
		skip();		/* ASan: arenas map no big chunks */
	struct zl_arena a;
	zl_arena_init(&a);
	a.pool = p;

	/* a small arena asks for nothing: the pool stays empty */
	uint64_t *small = stamped(&a, 4096, 1);
	for (int k = 0; k < 200; k++)
		stamped(&a, 4096, 2);
	assert_false(zl_arena_pool_fill(p));
	/* past 8 MiB the arena asks for big chunks (maps its own: none is ready) */
	size_t before = a.total;
	while (a.total < before + 16 * SMALL_CHUNK)
		stamped(&a, 64 * 1024, 3);
	assert_true(zl_arena_pool_fill(p));
	assert_true(zl_arena_pool_fill(p));
	assert_false(zl_arena_pool_fill(p));	/* max 2 ready */
	/* the arena's next chunk is a ready one: room for one more */
	before = a.total;
	while (a.total == before)
		stamped(&a, 64 * 1024, 4);
	assert_true(a.total - before >= 2 * SMALL_CHUNK);
	assert_true(zl_arena_pool_fill(p));
	assert_false(zl_arena_pool_fill(p));
	uint64_t *last = stamped(&a, 64 * 1024, 5);
	assert_stamped(small, 4096, 1);
	assert_stamped(last, 64 * 1024, 5);
	a.pool = NULL;
	zl_arena_free(&a);
	zl_arena_pool_free(p);	/* two ready chunks left: unmapped */

	/* a need of 3 MiB takes two chunks of 2 MiB, none once it is 0
	 * (zl_arena_pool_limit()), however many max allows */
	p = zl_arena_pool_new(4);
	zl_arena_pool_want(p);
	zl_arena_pool_limit(p, (size_t)3 << 20);
	assert_true(zl_arena_pool_fill(p));
	assert_true(zl_arena_pool_fill(p));
	assert_false(zl_arena_pool_fill(p));
	zl_arena_pool_limit(p, 0);
	assert_false(zl_arena_pool_fill(p));
	zl_arena_pool_limit(p, SIZE_MAX);
	assert_true(zl_arena_pool_fill(p));
	assert_true(zl_arena_pool_fill(p));
	assert_false(zl_arena_pool_fill(p));	/* max 4 ready */
	zl_arena_pool_limit(NULL, 0);
	zl_arena_pool_free(p);

	/* wanted from the start: a new arena's first chunk is a ready one */
	p = zl_arena_pool_new(1);
	zl_arena_pool_want(p);
	assert_true(zl_arena_pool_fill(p));
	assert_false(zl_arena_pool_fill(p));
	zl_arena_init(&a);
	a.pool = p;
	small = stamped(&a, 4096, 6);
	assert_true(a.total >= 2 * SMALL_CHUNK);
	assert_true(zl_arena_pool_fill(p));	/* the ready one was taken */
	assert_stamped(small, 4096, 6);
	a.pool = NULL;
	zl_arena_free(&a);
	zl_arena_pool_free(p);
}

/* Two arenas filled on two threads from one pool that a third thread fills. */
struct pool_user {
	struct zl_arena_pool *pool;
	uint64_t seed;
	bool ok;
};

#define POOL_USE (24 * SMALL_CHUNK)	/* octets each user allocates */
#define POOL_PIECE ((size_t)64 * 1024)

static void *pool_use(void *arg)
{
	struct pool_user *u = arg;
	struct zl_arena a;
	uint64_t *piece[POOL_USE / POOL_PIECE];
	size_t n = POOL_USE / POOL_PIECE;

	zl_arena_init(&a);
	a.pool = u->pool;
	for (size_t i = 0; i < n; i++)
		piece[i] = stamped(&a, POOL_PIECE, u->seed + i * 16);
	/* no octet was handed to the other arena too */
	u->ok = true;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < POOL_PIECE / 4096; k++)
			if (piece[i][k * 512] != u->seed + i * 16 + k ||
			    piece[i][k * 512 + 511] != u->seed + i * 16 + k)
				u->ok = false;
	a.pool = NULL;
	zl_arena_free(&a);
	return NULL;
}

struct pool_filler {
	struct zl_arena_pool *pool;
	pthread_mutex_t lock;
	bool stop;		/* under lock */
};

static void *pool_fill_loop(void *arg)
{
	struct pool_filler *f = arg;

	for (;;) {
		pthread_mutex_lock(&f->lock);
		bool stop = f->stop;
		pthread_mutex_unlock(&f->lock);
		if (stop)
			return NULL;
		if (!zl_arena_pool_fill(f->pool))
			sched_yield();
	}
}

static void test_arena_pool_threads(void **state)
{
	(void)state;
	struct pool_filler f = { .pool = zl_arena_pool_new(2), .stop = false };
	if (!f.pool)
		skip();
	pthread_mutex_init(&f.lock, NULL);
	zl_arena_pool_want(f.pool);
	struct pool_user u[2] = {
		{ .pool = f.pool, .seed = 1000 },
		{ .pool = f.pool, .seed = 1u << 30 },
	};
	pthread_t filler, user;
	assert_int_equal(pthread_create(&filler, NULL, pool_fill_loop, &f), 0);
	assert_int_equal(pthread_create(&user, NULL, pool_use, &u[0]), 0);
	pool_use(&u[1]);
	pthread_join(user, NULL);
	pthread_mutex_lock(&f.lock);
	f.stop = true;
	pthread_mutex_unlock(&f.lock);
	pthread_join(filler, NULL);
	assert_true(u[0].ok);
	assert_true(u[1].ok);
	pthread_mutex_destroy(&f.lock);
	zl_arena_pool_free(f.pool);
}

/* ---- zl_sink_append -------------------------------------------------------------- */

/* The findings of src follow dst's, with dst's copies of the names, in order. */
static void test_sink_append(void **state)
{
	struct zl_sink dst, src;
	(void)state;

	zl_sink_init(&dst);
	zl_sink_init(&src);
	const char *a = zl_sink_intern(&dst, "a.zone");
	zl_report(&dst, ZL_RULE_zone_syntax, a, 1, 2, "first");
	const char *b_src = zl_sink_intern(&src, "b.zone");
	const char *a_src = zl_sink_intern(&src, "a.zone");
	zl_sink_intern(&src, "c.inc");	/* interned, no finding */
	zl_report(&src, ZL_RULE_spf_ptr, a_src, 3, 4, "second %d", 2);
	zl_report_sev(&src, ZL_RULE_zone_syntax, ZL_WARNING, b_src, 5, 6, "third");
	zl_sink_mark_fatal(&src);
	zl_sink_append(&dst, &src);

	assert_int_equal(dst.nfiles, 3);
	assert_string_equal(dst.files[0], "a.zone");
	assert_string_equal(dst.files[1], "b.zone");
	assert_string_equal(dst.files[2], "c.inc");
	assert_int_equal(dst.n, 3);
	assert_ptr_equal(dst.v[1].file, a);
	assert_int_equal(dst.v[1].file_idx, 0);
	assert_int_equal(dst.v[1].rule, ZL_RULE_spf_ptr);
	assert_int_equal(dst.v[1].severity, zl_rules[ZL_RULE_spf_ptr].severity);
	assert_string_equal(dst.v[1].message, "second 2");
	assert_int_equal(dst.v[1].line, 3);
	assert_int_equal(dst.v[1].col, 4);
	assert_int_equal(dst.v[1].seq, 1);
	assert_false(dst.v[1].fatal);
	assert_ptr_equal(dst.v[2].file, dst.files[1]);
	assert_int_equal(dst.v[2].file_idx, 1);
	assert_int_equal(dst.v[2].severity, ZL_WARNING);
	assert_int_equal(dst.v[2].seq, 2);
	assert_true(dst.v[2].fatal);
	assert_int_equal(dst.count[ZL_WARNING], 1 + (zl_rules[ZL_RULE_spf_ptr].severity == ZL_WARNING));
	zl_sink_free(&src);
	/* the messages are dst's own: src is gone */
	assert_string_equal(dst.v[2].message, "third");
	assert_string_equal(dst.v[2].file, "b.zone");
	zl_sink_free(&dst);
}

/*
 * zl_sink_take(): what zl_sink_append() gives, with the messages moved
 * (the same pointers), and src left empty; they outlive src.
 */
/*
 * Interning thousands of file names (a named.conf's zones): each name
 * once, in first-use order, the same pointer for the same text however
 * the index grew; findings know their file's number; a fork knows every
 * name; a pointer that is not the sink's copy has no number.
 */
static void test_sink_intern_many(void **state)
{
	enum { N = 20000 };
	struct zl_sink s, child;
	const char **got = malloc(N * sizeof(*got));
	char name[32];
	(void)state;

	assert_non_null(got);
	zl_sink_init(&s);
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "db.z%d.example", i);
		got[i] = zl_sink_intern(&s, name);
		assert_ptr_not_equal(got[i], name);
		assert_string_equal(got[i], name);
	}
	assert_int_equal(s.nfiles, N);
	for (int i = N - 1; i >= 0; i--) {
		snprintf(name, sizeof(name), "db.z%d.example", i);
		assert_ptr_equal(zl_sink_intern(&s, name), got[i]);
		assert_ptr_equal(s.files[i], got[i]);
	}
	assert_int_equal(s.nfiles, N);
	zl_report(&s, ZL_RULE_zone_syntax, got[N - 1], 1, 1, "last");
	zl_report(&s, ZL_RULE_zone_syntax, got[0], 1, 1, "first");
	zl_report(&s, ZL_RULE_zone_syntax, "db.z7.example", 1, 1, "a copy");
	assert_int_equal(s.v[0].file_idx, N - 1);
	assert_int_equal(s.v[1].file_idx, 0);
	assert_int_equal(s.v[2].file_idx, N);	/* not interned: after all */
	zl_sink_fork(&child, &s);
	assert_ptr_equal(zl_sink_intern(&child, "db.z12345.example"), got[12345]);
	assert_int_equal(child.nfiles, N);
	zl_sink_intern(&child, "new.zone");
	assert_int_equal(child.nfiles, N + 1);
	assert_int_equal(s.nfiles, N);
	zl_sink_free(&child);
	zl_sink_free(&s);
	free(got);
}

static void test_sink_take(void **state)
{
	struct zl_sink dst, src;
	(void)state;

	zl_sink_init(&dst);
	zl_sink_fork(&src, &dst);
	const char *a = zl_sink_intern(&dst, "a.zone");
	zl_report(&dst, ZL_RULE_zone_syntax, a, 1, 2, "first");
	zl_sink_free(&src);
	zl_sink_fork(&src, &dst);	/* a fork knows dst's names */
	const char *b_src = zl_sink_intern(&src, "b.zone");
	zl_report(&src, ZL_RULE_spf_ptr, a, 3, 4, "second %d", 2);
	zl_report_sev(&src, ZL_RULE_zone_syntax, ZL_WARNING, b_src, 5, 6, "third");
	zl_sink_mark_fatal(&src);
	const char *second = src.v[0].message, *third = src.v[1].message;
	zl_sink_take(&dst, &src);

	assert_int_equal(src.n, 0);
	assert_int_equal(src.count[ZL_WARNING] + src.count[ZL_ERROR], 0);
	assert_int_equal(dst.nfiles, 2);
	assert_string_equal(dst.files[1], "b.zone");
	assert_int_equal(dst.n, 3);
	assert_ptr_equal(dst.v[1].message, second);
	assert_ptr_equal(dst.v[1].file, a);
	assert_int_equal(dst.v[1].file_idx, 0);
	assert_int_equal(dst.v[1].seq, 1);
	assert_int_equal(dst.v[1].rule, ZL_RULE_spf_ptr);
	assert_false(dst.v[1].fatal);
	assert_ptr_equal(dst.v[2].message, third);
	assert_ptr_equal(dst.v[2].file, dst.files[1]);
	assert_int_equal(dst.v[2].file_idx, 1);
	assert_int_equal(dst.v[2].seq, 2);
	assert_int_equal(dst.v[2].severity, ZL_WARNING);
	assert_true(dst.v[2].fatal);
	assert_int_equal(dst.count[ZL_WARNING], 1 + (zl_rules[ZL_RULE_spf_ptr].severity == ZL_WARNING));
	zl_sink_free(&src);
	/* the messages and names live on in dst */
	assert_string_equal(dst.v[1].message, "second 2");
	assert_string_equal(dst.v[2].message, "third");
	assert_string_equal(dst.v[2].file, "b.zone");
	zl_report(&dst, ZL_RULE_zone_syntax, a, 7, 8, "fourth");
	assert_string_equal(dst.v[3].message, "fourth");
	assert_string_equal(dst.v[2].message, "third");
	zl_sink_free(&dst);
}

/* ---- the database, read three ways ------------------------------------------------ */

/* Every fixture zone file: one data set, as on one command line. */
struct dataset {
	glob_t g;
	struct zl_load_opts *lo;
	char **dirs;
	size_t n;
};

/* One way of reading the data set, and what it made (the rules run and
 * the directives applied, as the lint command does). */
struct result {
	struct zl_db db;
	struct zl_sink sink;
	struct zl_directives dirs;
	enum zl_parse_result r[1024];
};

static int setup(void **state)
{
	struct dataset *d = calloc(1, sizeof(*d));

	if (!d || glob("fixtures/*/*.zone", 0, NULL, &d->g) != 0)
		return -1;
	d->n = d->g.gl_pathc < 1024 ? d->g.gl_pathc : 1024;
	d->lo = calloc(d->n, sizeof(*d->lo));
	d->dirs = calloc(d->n, sizeof(*d->dirs));
	if (!d->lo || !d->dirs)
		return -1;
	for (size_t i = 0; i < d->n; i++) {
		const char *path = d->g.gl_pathv[i];
		d->dirs[i] = zl_xstrdup(path);
		*strrchr(d->dirs[i], '/') = '\0';	/* $INCLUDEs beside the file */
		d->lo[i].path = path;
		d->lo[i].workdir = d->dirs[i];
		d->lo[i].infer_from_filename = true;
		d->lo[i].on_comment = zl_directives_comment;
		d->lo[i].digest_text = true;	/* as the lint command reads them */
	}
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct dataset *d = *state;

	for (size_t i = 0; i < d->n; i++)
		free(d->dirs[i]);
	free(d->dirs);
	free(d->lo);
	globfree(&d->g);
	free(d);
	return 0;
}

enum way {
	ONE_BY_ONE,	/* zl_db_load(), as -j 1 */
	LOGS,		/* zl_log_read() then zl_db_replay(), on this thread */
	THREADS,	/* zl_jobs_load() on three worker threads */
	PIPED,		/* zl_pipe_start(), batches of 3 events, then zl_pipe_load() */
	PIPED_HERE,	/* the same without a thread (none could be started) */
	STREAMED,	/* --syntax-only: zl_stream_load(), nothing kept */
	STREAM_PIPED,	/* --syntax-only: zl_pipe_start() checking, batches of 3 events,
			 * then zl_pipe_check() */
	STREAM_PIPED_HERE, /* the same without a thread */
	PIPED_LATE,	/* as PIPED, the batches taken only once the reader
			 * waits for room (it has read far ahead) */
	STREAM_PIPED_LATE, /* as STREAM_PIPED, likewise */
};

/* Whether way checks records as --syntax-only does, keeping none. */
static bool streamed(enum way way)
{
	return way == STREAMED || way == STREAM_PIPED || way == STREAM_PIPED_HERE ||
	       way == STREAM_PIPED_LATE;
}

static struct result *read_set(const struct dataset *d, enum way way)
{
	struct result *res = calloc(1, sizeof(*res));
	struct zl_load_opts *lo = calloc(d->n, sizeof(*lo));

	assert_non_null(res);
	assert_non_null(lo);
	zl_db_init(&res->db);
	zl_sink_init(&res->sink);
	for (size_t i = 0; i < d->n; i++) {
		lo[i] = d->lo[i];
		lo[i].comment_ctx = &res->dirs;
		if (streamed(way))	/* as the lint command binds directives then */
			lo[i].on_record_line = zl_directives_record;
	}
	struct zl_jobs *pool = way == THREADS ? zl_jobs_start(lo, d->n, 3) : NULL;
	for (size_t i = 0; i < d->n; i++) {
		if (way == ONE_BY_ONE)
			res->r[i] = zl_db_load(&res->db, &lo[i], &res->sink, NULL);
		else if (way == LOGS)
			res->r[i] = zl_db_replay(&res->db, &lo[i], zl_log_read(&lo[i]),
						 &res->sink, NULL);
		else if (way == PIPED || way == PIPED_HERE)
			res->r[i] = zl_pipe_load(&res->db, &lo[i],
						 zl_pipe_start(&lo[i], false, 3, way == PIPED, false),
						 &res->sink, NULL);
		else if (way == PIPED_LATE || way == STREAM_PIPED_LATE) {
			struct zl_load_log *log = zl_pipe_start(&lo[i], false, 3, true,
								way == STREAM_PIPED_LATE);
			usleep(50000);	/* 16 batches of 3 events are long read by then */
			res->r[i] = way == PIPED_LATE ?
				    zl_pipe_load(&res->db, &lo[i], log, &res->sink, NULL) :
				    zl_pipe_check(&lo[i], log, &res->sink);
		} else if (way == STREAMED)
			res->r[i] = zl_stream_load(&lo[i], &res->sink);
		else if (streamed(way))
			res->r[i] = zl_pipe_check(&lo[i],
						  zl_pipe_start(&lo[i], false, 3,
								way == STREAM_PIPED, true),
						  &res->sink);
		else
			res->r[i] = zl_jobs_load(pool, i, &res->db, &res->sink, NULL);
	}
	zl_jobs_free(pool);
	free(lo);
	/* then as the lint command goes on: rules, directives */
	if (!streamed(way)) {
		zl_rules_run(&res->db, &res->sink);
		zl_directives_bind(&res->dirs, &res->db);
	}
	zl_directives_apply(&res->dirs, &res->sink);
	return res;
}

static void free_result(struct result *res)
{
	zl_directives_free(&res->dirs);
	zl_db_free(&res->db);
	zl_sink_free(&res->sink);
	free(res);
}

/* NULL-safe string equality. */
static void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_same_name(const uint8_t *a, const uint8_t *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	assert_int_equal(zl_name_wire_len(a), zl_name_wire_len(b));
	assert_memory_equal(a, b, zl_name_wire_len(a));
}

static void assert_same_rr(const struct zl_rr *a, const struct zl_rr *b)
{
	uint8_t wa[ZL_NAME_MAX], wb[ZL_NAME_MAX];
	assert_same_name(zl_node_name(zl_rr_owner(a), wa), zl_node_name(zl_rr_owner(b), wb));
	assert_string_equal(zl_rr_zone(a)->file, zl_rr_zone(b)->file);
	assert_string_equal(zl_rr_file(a), zl_rr_file(b));
	assert_int_equal(zl_rr_line(a), zl_rr_line(b));
	assert_int_equal(zl_rr_col(a), zl_rr_col(b));
	assert_int_equal(zl_rr_rdata_line(a), zl_rr_rdata_line(b));
	assert_int_equal(zl_rr_rdata_col(a), zl_rr_rdata_col(b));
	assert_int_equal(zl_rr_ttl(a), zl_rr_ttl(b));
	assert_int_equal(zl_rr_seq(a), zl_rr_seq(b));
	assert_int_equal(a->type, b->type);
	assert_int_equal(zl_rr_class(a), zl_rr_class(b));
	assert_int_equal(zl_rr_digested(a), zl_rr_digested(b));
	/* every way of loading cuts the origin off the same names */
	assert_int_equal(zl_rr_name_rel(a), zl_rr_name_rel(b));
	assert_int_equal(a->dlen, b->dlen);
	uint8_t ra[ZL_RR_RDATA_MAX], rb[ZL_RR_RDATA_MAX];
	assert_int_equal(zl_rr_rdlen(a), zl_rr_rdlen(b));
	if (zl_rr_rdlen(a))
		assert_memory_equal(zl_rr_rdata(a, ra), zl_rr_rdata(b, rb), zl_rr_rdlen(a));
	assert_int_equal(zl_rr_nsegs(a), zl_rr_nsegs(b));
	for (unsigned k = 0; k < zl_rr_nsegs(a); k++) {
		const struct zl_txtseg *s = &zl_rr_segs(a)[k], *t = &zl_rr_segs(b)[k];
		assert_int_equal(s->line, t->line);
		assert_int_equal(s->col, t->col);
		assert_int_equal(s->len, t->len);
		assert_int_equal(s->rawlen, t->rawlen);
		assert_int_equal(s->quoted, t->quoted);
		assert_int_equal(s->semi_after, t->semi_after);
		if (!zl_txtseg_raw(s) || !zl_txtseg_raw(t))
			assert_ptr_equal(zl_txtseg_raw(s), zl_txtseg_raw(t));
		else
			assert_memory_equal(zl_txtseg_raw(s), zl_txtseg_raw(t), s->rawlen);
	}
}

/* Whether p is one of the sink's own copies of a file name. */
static bool interned(const struct zl_sink *s, const char *p)
{
	for (size_t i = 0; i < s->nfiles; i++)
		if (s->files[i] == p)
			return true;
	return false;
}

/* Everything a and b hold, compared field by field and in order. */
static void assert_same_result(const struct dataset *d, const struct result *a,
			       const struct result *b)
{
	size_t ndigested = 0;

	for (size_t i = 0; i < d->n; i++)
		assert_int_equal(a->r[i], b->r[i]);
	/* zones, in order, with their RRs in file order */
	const struct zl_zone *za = a->db.zones, *zb = b->db.zones;
	for (; za && zb; za = za->next, zb = zb->next) {
		assert_string_equal(za->file, zb->file);
		assert_same_name(za->origin, zb->origin);
		assert_same_str(za->origin_source, zb->origin_source);
		assert_int_equal(za->nrr, zb->nrr);
		assert_ptr_equal(za->workdir, zb->workdir);
		assert_int_equal(za->origin_failed, zb->origin_failed);
		assert_int_equal(za->unreadable, zb->unreadable);
		assert_int_equal(za->digest_text, zb->digest_text);
		struct zl_rr_walk wa, wb;
		zl_zone_walk_begin(za, &wa);
		zl_zone_walk_begin(zb, &wb);
		const struct zl_rr *ra, *rb;
		size_t nwalked = 0;
		while ((ra = zl_zone_walk_next(&wa)) && (rb = zl_zone_walk_next(&wb))) {
			if (!nwalked++) {
				assert_ptr_equal(ra, za->first);
				assert_ptr_equal(rb, zb->first);
			}
			assert_same_rr(ra, rb);
			ndigested += zl_rr_digested(ra);
			/* the sink's own name: directives and rules compare pointers */
			assert_true(interned(&b->sink, zl_rr_file(rb)));
		}
		assert_int_equal(nwalked, za->nrr);	/* every RR, in reading order */
		assert_null(zl_zone_walk_next(&wa));
		assert_null(zl_zone_walk_next(&wb));
		zl_zone_walk_end(&wa);
		zl_zone_walk_end(&wb);
	}
	assert_ptr_equal(za, zb);
	/* the fixtures' DKIM keys and site verifications: both ways keep
	 * them as digests (zl_load_opts.digest_text) */
	if (a->db.nrr)
		assert_true(ndigested > 0);
	/* the name table: nodes in creation order, RRsets in order */
	assert_int_equal(a->db.nnodes, b->db.nnodes);
	assert_int_equal(a->db.nrr, b->db.nrr);
	struct zl_node_walk wka, wkb;
	size_t nwalked = 0;
	zl_db_walk_begin(&a->db, &wka);
	zl_db_walk_begin(&b->db, &wkb);
	for (const struct zl_node *na; (na = zl_db_walk_next(&wka));) {
		const struct zl_node *nb = zl_db_walk_next(&wkb);
		assert_non_null(nb);
		nwalked++;
		uint8_t wa[ZL_NAME_MAX], wb[ZL_NAME_MAX];
		assert_same_name(zl_node_name(na, wa), zl_node_name(nb, wb));
		assert_int_equal(na->nrrsets, nb->nrrsets);
		assert_ptr_equal(zl_db_find(&b->db, zl_node_name(na, wa)), nb);
		const struct zl_rrset *sa = zl_node_rrsets(na), *sb = zl_node_rrsets(nb);
		for (; sa && sb; sa = zl_rrset_next(sa), sb = zl_rrset_next(sb)) {
			assert_int_equal(zl_rrset_type(sa), zl_rrset_type(sb));
			assert_int_equal(zl_rrset_class(sa), zl_rrset_class(sb));
			assert_int_equal(zl_rrset_count(sa), zl_rrset_count(sb));
			const struct zl_rr *ra = zl_rrset_first(sa), *rb = zl_rrset_first(sb);
			for (; ra && rb; ra = zl_rrset_rr_next(sa, ra), rb = zl_rrset_rr_next(sb, rb))
				assert_int_equal(zl_rr_seq(ra), zl_rr_seq(rb));
			assert_ptr_equal(ra, rb);
		}
		assert_ptr_equal(sa, sb);
	}
	assert_null(zl_db_walk_next(&wkb));
	assert_int_equal(nwalked, a->db.nnodes);	/* the walk meets every node once */
	zl_db_walk_end(&wka);
	zl_db_walk_end(&wkb);
	/* the findings and the file names, in order */
	assert_same_sink(&a->sink, &b->sink);
	/* the inline directives, their file names the sink's own */
	assert_int_equal(a->dirs.n, b->dirs.n);
	for (size_t i = 0; i < a->dirs.n; i++) {
		const struct zl_directive *x = &a->dirs.v[i], *y = &b->dirs.v[i];
		assert_string_equal(x->file, y->file);
		assert_true(interned(&b->sink, y->file));
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->col, y->col);
		assert_int_equal(x->own_line, y->own_line);
		assert_int_equal(x->whole_file, y->whole_file);
		assert_memory_equal(x->rules, y->rules, sizeof(x->rules));
		assert_string_equal(x->bad, y->bad);
		assert_int_equal(x->from, y->from);
		assert_int_equal(x->to, y->to);
		assert_int_equal(x->used, y->used);
	}
}

/* The data set holds what the comparison is about: a data set of many files, findings, directives, includes. */
static void test_dataset(void **state)
{
	struct dataset *d = *state;
	struct result *a = read_set(d, ONE_BY_ONE);

	assert_true(d->n > 50);
	assert_true(a->db.nrr > 1000);
	assert_true(a->sink.n > 100);
	assert_true(a->dirs.n >= 5);
	assert_true(a->sink.nfiles > d->n);	/* $INCLUDE files too */
	free_result(a);
}

/* A log replayed gives what reading the file into the database gives. */
static void test_logs_replayed(void **state)
{
	struct dataset *d = *state;
	struct result *a = read_set(d, ONE_BY_ONE);
	struct result *b = read_set(d, LOGS);

	assert_same_result(d, a, b);
	free_result(a);
	free_result(b);
}

/* Three worker threads, several times over: the same, whatever thread read what. */
static void test_threads(void **state)
{
	struct dataset *d = *state;
	struct result *a = read_set(d, ONE_BY_ONE);

	for (int round = 0; round < 5; round++) {
		struct result *b = read_set(d, THREADS);
		assert_same_result(d, a, b);
		free_result(b);
	}
	free_result(a);
}

/*
 * Each file read on a thread of its own in batches of three events
 * (findings and $INCLUDE names between them), added as they come: the
 * same as reading it straight into the database, whatever the timing.
 */
static void test_piped(void **state)
{
	struct dataset *d = *state;
	struct result *a = read_set(d, ONE_BY_ONE);

	for (int round = 0; round < 3; round++) {
		struct result *b = read_set(d, PIPED);
		assert_same_result(d, a, b);
		free_result(b);
	}
	free_result(a);
}

/*
 * No thread to read on: the file is read at once and its batches, far
 * more than a running reader may have waiting, are all added afterwards.
 */
static void test_piped_here(void **state)
{
	struct dataset *d = *state;
	struct result *a = read_set(d, ONE_BY_ONE);
	struct result *b = read_set(d, PIPED_HERE);

	assert_same_result(d, a, b);
	free_result(a);
	free_result(b);
}

/*
 * --syntax-only with each file read on a thread of its own in batches of
 * three events, checked as they come, and without a thread: the same
 * findings in the same order (the parser's between the records' own),
 * directives and results as checking each record as it is read.
 */
static void test_stream_piped(void **state)
{
	struct dataset *d = *state;
	struct result *a = read_set(d, STREAMED);

	/* the data set has what the interleaving is about: parser errors
	 * among records with findings of their own */
	assert_true(a->sink.n > 100);
	assert_int_equal(a->db.nrr, 0);
	for (int round = 0; round < 3; round++) {
		struct result *b = read_set(d, STREAM_PIPED);
		assert_same_result(d, a, b);
		free_result(b);
	}
	struct result *c = read_set(d, STREAM_PIPED_HERE);
	assert_same_result(d, a, c);
	free_result(c);
	free_result(a);
}

/*
 * The logs of small files leave the db a few pages each, not a chunk
 * each: every chunk is cut from the region, 16 GiB for everything
 * (region.h), so at a 1 MiB chunk a file a named.conf of 16,000 small
 * zones read with -j 2 ran out of memory.  The data set is 200-odd
 * files of 160 KB in all, and the RRs and their raw text stay in the
 * db (db.rrs, db.arena): less than 64 KiB a file, a sixteenth of a
 * chunk, however the logs are read.
 */
static void test_logs_small_files(void **state)
{
	struct dataset *d = *state;

	for (enum way way = LOGS; way <= THREADS; way++) {
		struct result *b = read_set(d, way);
		assert_true(b->db.nrr > 1000);
		assert_true(b->db.rrs.total + b->db.arena.total < d->n * ((size_t)64 << 10));
		/* their RRs are copied into the db, not their arenas appended,
		 * so a zone walk passes a handful of chunks, not one a file:
		 * the RRs fill 1 MiB chunks, and an RR of over 256 KiB
		 * (hostile/txt-many-strings) takes one of its own */
		size_t nspans;
		free(zl_arena_spans(&b->db.rrs, &nspans));
		assert_true(nspans <= 8);
		free_result(b);
	}
}

/* Write text to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Findings of rule in sink. */
static size_t count_rule(const struct zl_sink *sink, enum zl_rule rule)
{
	size_t n = 0;
	for (size_t i = 0; i < sink->n; i++)
		n += sink->v[i].rule == rule;
	return n;
}

/* Whether db has an RRset of type at name (presentation). */
static bool has_rrset(const struct zl_db *db, const char *name, uint16_t type)
{
	uint8_t wire[ZL_NAME_MAX];
	size_t len;
	assert_int_equal(zl_name_from_text(name, strlen(name), NULL, wire, &len), ZL_NAME_OK);
	const struct zl_node *n = zl_db_find(db, wire);
	if (!n)
		return false;
	for (const struct zl_rrset *s = zl_node_rrsets(n); s; s = zl_rrset_next(s))
		if (zl_rrset_type(s) == type)
			return true;
	return false;
}

/*
 * A file read on a thread of its own only scans it; the main thread
 * gives the lines their meaning (zl_entries).  What the reader cannot
 * know without it: an $INCLUDE's relative origin is relative to the
 * origin in force (RFC 1035 section 5.1), which a $ORIGIN just before it
 * set; and after the record limit nothing more of the file counts, not
 * even the faults the reader met ahead of the main thread.  Each way of
 * reading gives what reading at once gives.
 */
static void test_piped_split(void **state)
{
	(void)state;
	char dir[] = "/tmp/zl-split-XXXXXX";
	assert_non_null(mkdtemp(dir));
	put_file(dir, "inc.zone", "@ A 192.0.2.2\nhost CNAME @\n");
	put_file(dir, "split.zone",
		 "$TTL 300\n$ORIGIN example.org.\n"
		 "@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n"
		 "$ORIGIN sub.example.org.\n$INCLUDE inc.zone rel\n"
		 "www A 192.0.2.3\n TXT \"google-site-verification=kept as its digest, being longer\"\n");
	/* the limit of 3 is passed on line 6: a bad RDATA and a bad line
	 * follow, then more than the reader reads ahead, then a missing
	 * include, each a finding if it counted */
	char big[16384];
	int n = snprintf(big, sizeof(big),
			 "$TTL 300\n$ORIGIN example.org.\na A 192.0.2.1\nb A 192.0.2.2\n"
			 "c A 192.0.2.3\nd A 192.0.2.4\ne A 192.0.2.999\nf BOGUS x\n");
	for (int i = 0; i < 300; i++)
		n += snprintf(big + n, sizeof(big) - (size_t)n, "g%d A 192.0.2.5\n", i);
	n += snprintf(big + n, sizeof(big) - (size_t)n, "$INCLUDE missing.inc\n");
	assert_true(n < (int)sizeof(big));
	put_file(dir, "limit.zone", big);
	/* the same with the bad line last before an $INCLUDE: with batches
	 * of 3 events, the record past the limit ends a batch and the
	 * reader's finding comes after it (the include waits for the main
	 * thread, which hands the batch over) */
	put_file(dir, "limit-include.zone",
		 "$TTL 300\n$ORIGIN example.org.\na A 192.0.2.1\nb A 192.0.2.2\n"
		 "c A 192.0.2.3\nd A 192.0.2.4\nf BOGUS x\n$INCLUDE missing.inc\n"
		 "z A 192.0.2.9\n");

	char path[3][512];
	struct zl_load_opts lo[3] = { 0 };
	snprintf(path[0], sizeof(path[0]), "%s/split.zone", dir);
	snprintf(path[1], sizeof(path[1]), "%s/limit.zone", dir);
	snprintf(path[2], sizeof(path[2]), "%s/limit-include.zone", dir);
	for (int i = 0; i < 3; i++) {
		lo[i].path = path[i];
		lo[i].workdir = dir;
		lo[i].on_comment = zl_directives_comment;
		lo[i].digest_text = true;	/* as the lint command reads them */
		lo[i].max_records = i ? 3 : 0;
	}
	struct dataset d = { .lo = lo, .n = 3 };

	for (int stream = 0; stream < 2; stream++) {
		struct result *a = read_set(&d, stream ? STREAMED : ONE_BY_ONE);
		if (!stream) {
			/* rel.sub.example.org., not rel.example.org. nor rel. */
			assert_true(has_rrset(&a->db, "rel.sub.example.org.", 1));
			assert_true(has_rrset(&a->db, "host.rel.sub.example.org.", 5));
			/* back in the including file: its origin and previous owner */
			assert_true(has_rrset(&a->db, "www.sub.example.org.", 1));
			assert_true(has_rrset(&a->db, "www.sub.example.org.", 16));
			/* and the first 3 records of each file with a limit */
			assert_int_equal(a->db.nrr, 3 + 2 + 2 + 3 + 3);
		}
		/* line 6 passes the limit of 3; nothing after it is reported */
		assert_int_equal(count_rule(&a->sink, ZL_RULE_zonelint_limit), 2);
		assert_int_equal(count_rule(&a->sink, ZL_RULE_zone_syntax), 0);
		assert_int_equal(count_rule(&a->sink, ZL_RULE_zone_include_missing), 0);
		for (int round = 0; round < 20; round++) {
			struct result *b = read_set(&d, stream ? STREAM_PIPED : PIPED);
			assert_same_result(&d, a, b);
			free_result(b);
		}
		struct result *c = read_set(&d, stream ? STREAM_PIPED_LATE : PIPED_LATE);
		assert_same_result(&d, a, c);
		free_result(c);
		free_result(a);
	}
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* More threads than files, and files no worker takes: read on the caller's thread. */
static void test_pool_edges(void **state)
{
	struct dataset *d = *state;
	struct zl_load_opts lo[2] = { d->lo[0], d->lo[1] };
	struct zl_db db;
	struct zl_sink sink;
	struct zl_directives dirs = { 0 };

	lo[0].comment_ctx = lo[1].comment_ctx = &dirs;
	zl_db_init(&db);
	zl_sink_init(&sink);
	struct zl_jobs *pool = zl_jobs_start(lo, 2, ZL_JOBS_MAX);
	zl_jobs_load(pool, 0, &db, &sink, NULL);
	zl_jobs_load(pool, 1, &db, &sink, NULL);
	zl_jobs_free(pool);
	size_t nrr = db.nrr;
	assert_true(nrr > 0);
	/* a set whose files are never loaded: freed unread or read */
	pool = zl_jobs_start(lo, 2, 2);
	zl_jobs_free(pool);
	zl_jobs_free(NULL);
	assert_int_equal(db.nrr, nrr);
	zl_directives_free(&dirs);
	zl_db_free(&db);
	zl_sink_free(&sink);
	assert_true(zl_jobs_default() >= 1 && zl_jobs_default() <= ZL_JOBS_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_refs),
		cmocka_unit_test(test_arena_alloc4),
		cmocka_unit_test(test_arena_reset_behind),
		cmocka_unit_test(test_arena_spans),
		cmocka_unit_test(test_arena_ordered_append),
		cmocka_unit_test(test_region_reuse),
		cmocka_unit_test(test_region_warm),
		cmocka_unit_test(test_region_refused),
		cmocka_unit_test(test_big_grow),
		cmocka_unit_test(test_arena_adopt),
		cmocka_unit_test(test_arena_pool),
		cmocka_unit_test(test_arena_pool_threads),
		cmocka_unit_test(test_sink_append),
		cmocka_unit_test(test_sink_intern_many),
		cmocka_unit_test(test_sink_take),
		cmocka_unit_test(test_dataset),
		cmocka_unit_test(test_logs_replayed),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_piped),
		cmocka_unit_test(test_piped_here),
		cmocka_unit_test(test_stream_piped),
		cmocka_unit_test(test_piped_split),
		cmocka_unit_test(test_logs_small_files),
		cmocka_unit_test(test_pool_edges),
	};
	return cmocka_run_group_tests_name("jobs", tests, setup, teardown);
}
