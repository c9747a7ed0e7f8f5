/* region.c - the reserved range arena chunks are cut from, and its free list. */
#include "region.h"
#include "arena.h"	/* ZL_ARENA_ASAN */

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

unsigned char *zl_region_base;

/* A huge page: the alignment and rounding of a huge chunk. */
#define HUGE ((size_t)2 << 20)

/* The smallest reservation tried when a bigger one is refused (ulimit -v). */
#define REGION_MIN ((size_t)1 << 20)

/* A range put back, kept for later chunks (cut() splits it to fit). */
struct extent {
	size_t off, len;
};

/*
 * Small chunks put back stay mapped, WARM_MAX octets of them at most, and
 * are handed out again as they are, to a request of their very length:
 * a named.conf of thousands of small zones read ahead (-j) makes and
 * drops four small arena chunks a file, and unmapping and mapping each
 * again took two system calls and fresh page faults (5,000 zones: 20,000
 * of each call, 0.38 s of system time against 0.12 s read on one thread).
 */
#define WARM_CHUNK_MAX ((size_t)256 << 10)
#define WARM_MAX ((size_t)4 << 20)
#define WARM_SLOTS 256

/* Under AddressSanitizer a kept chunk is poisoned until handed out
 * again, so a use after it was put back is still reported (unmapped,
 * it would fault). */
#ifdef ZL_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define WARM_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define WARM_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define WARM_POISON(p, n) ((void)(p), (void)(n))
#define WARM_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct extent warm[WARM_SLOTS];	/* mapped, not in use (under lock) */
static size_t nwarm, warm_octets;	/* (under lock) */
static size_t reserved;		/* octets from zl_region_base (under lock) */
static size_t top;		/* octets cut so far, the unused start included (under lock) */
static size_t page;		/* the system's page size (under lock) */
static struct extent *freed;	/* (under lock) */
static size_t nfreed, freedcap;	/* (under lock) */

/*
 * Octets an address-space limit (ulimit -v) leaves the range: three
 * quarters of what is not mapped yet, so the name table, the findings
 * and the threads' stacks still fit beside a full range; ZL_REGION_MAX
 * without a limit.
 */
static size_t room(size_t pagesize)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return ZL_REGION_MAX;
	size_t mapped = 0;
	unsigned long pages;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%lu", &pages) == 1)
			mapped = (size_t)pages * pagesize;
		fclose(f);
	}
	size_t lim = (size_t)rl.rlim_cur;
	size_t r = lim > mapped ? (lim - mapped) / 4 * 3 : 0;
	r &= ~(pagesize - 1);
	return r < ZL_REGION_MAX ? r : ZL_REGION_MAX;
}

/*
 * Reserve the range: no access, no memory committed.  Asks for
 * ZL_REGION_MAX, or what an address-space limit leaves (room()), and
 * halves the request while the system refuses.  A range of 64 MiB or
 * more starts on a huge-page boundary, so that huge chunks can be
 * huge pages; a smaller one (a tight limit) loses nothing to that.
 * The first page stays unused, so that no object is at offset 0, the
 * NULL ref.
 */
static bool reserve(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	page = ps > 0 ? (size_t)ps : 4096;
	size_t first = room(page);
	if (first < REGION_MIN)
		first = REGION_MIN;
	for (size_t want = first; want >= REGION_MIN; want /= 2) {
		unsigned char *m = mmap(NULL, want, PROT_NONE,
					MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m == MAP_FAILED)
			continue;
		uintptr_t at = (uintptr_t)m;
		if (want >= 32 * HUGE)
			at = (at + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
		zl_region_base = (unsigned char *)at;
		reserved = want - (size_t)(at - (uintptr_t)m);
		top = page;
		return true;
	}
	return false;
}

/* Keep [off, off + len) for reuse; lost to reuse (not to memory) if the list cannot grow. */
static void keep(size_t off, size_t len)
{
	if (nfreed == freedcap) {
		size_t cap = freedcap ? freedcap * 2 : 64;
		struct extent *v = realloc(freed, cap * sizeof(*v));
		if (!v)
			return;
		freed = v;
		freedcap = cap;
	}
	freed[nfreed++] = (struct extent){ off, len };
}

/*
 * The offset of an unused range of len octets (aligned to align): the
 * first range put back that holds it, the rest of that range kept for
 * later, else one past every range cut so far; 0 if none is left.
 */
static size_t cut(size_t len, size_t align)
{
	for (size_t i = 0; i < nfreed; i++) {
		struct extent e = freed[i];
		size_t off = (e.off + align - 1) & ~(align - 1);
		size_t end = e.off + e.len;
		if (off > end || end - off < len)
			continue;
		freed[i] = freed[--nfreed];
		if (off > e.off)
			keep(e.off, off - e.off);
		if (end > off + len)
			keep(off + len, end - (off + len));
		return off;
	}
	size_t off = (top + align - 1) & ~(align - 1);
	if (off > reserved || reserved - off < len)
		return 0;
	top = off + len;
	return off;
}

/*
 * Give [p, p + len) of the region back to the system and keep it for
 * later chunks (cut()): a fresh reserved mapping in its place, so the
 * pages and the commit charge go back and the range stays ours.
 */
static void unmap(void *p, size_t len)
{
	if (mmap(p, len, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		 -1, 0) == MAP_FAILED)
		return;		/* lost to reuse, not to memory */
	pthread_mutex_lock(&lock);
	keep((size_t)((unsigned char *)p - zl_region_base), len);
	pthread_mutex_unlock(&lock);
}

void *zl_region_get(size_t n, bool huge, size_t *len)
{
	pthread_mutex_lock(&lock);
	if (!zl_region_base && !reserve()) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	size_t step = huge ? HUGE : page;
	size_t l = n > reserved ? 0 : (n + step - 1) & ~(step - 1);
	if (!huge && l && l <= WARM_CHUNK_MAX) {
		for (size_t k = nwarm; k-- > 0;) {
			if (warm[k].len != l)
				continue;
			size_t off = warm[k].off;
			warm[k] = warm[--nwarm];
			warm_octets -= l;
			pthread_mutex_unlock(&lock);
			*len = l;
			WARM_UNPOISON(zl_region_base + off, l);
			return zl_region_base + off;
		}
	}
	size_t off = l ? cut(l, step) : 0;
	pthread_mutex_unlock(&lock);
	if (!off)
		return NULL;

	unsigned char *p = zl_region_base + off;
	if (mprotect(p, l, PROT_READ | PROT_WRITE) != 0) {
		/* strict overcommit or ulimit -d refused the memory: the range
		 * is still inaccessible, so it goes back to the free list, never
		 * to the kept chunks, which are handed out as they are */
		unmap(p, l);
		return NULL;
	}
	*len = l;
	return p;
}

void zl_region_put(void *p, size_t len)
{
	if (len <= WARM_CHUNK_MAX) {
		WARM_POISON(p, len);	/* before another thread can take it */
		pthread_mutex_lock(&lock);
		bool kept = nwarm < WARM_SLOTS && warm_octets + len <= WARM_MAX;
		if (kept) {
			warm[nwarm++] = (struct extent){
				(size_t)((unsigned char *)p - zl_region_base), len };
			warm_octets += len;
		}
		pthread_mutex_unlock(&lock);
		if (kept)
			return;
		WARM_UNPOISON(p, len);
	}
	unmap(p, len);
}
