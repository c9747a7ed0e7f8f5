/* region.h - one reserved address range that holds every arena chunk, so that an arena object's place fits in 32 bits. */
#ifndef ZL_REGION_H
#define ZL_REGION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The zone model links its objects (nodes, RRsets, RRs) by the millions;
 * a 64-bit pointer per link was a third of a big zone's memory.  So all
 * arena chunks are cut from one range of address space reserved at the
 * first need (ZL_REGION_MAX octets, or less if the system refuses), and
 * an object in one is named by a zl_ref: its distance from the range's
 * start in 4-octet units (the model's objects are 4-aligned:
 * zl_arena_alloc4()).  Reserving costs no memory; a chunk's pages
 * are made accessible when it is handed out, filled in by the kernel as
 * they are first touched, and given back when the chunk is put back.
 *
 * Thread-safe.  Out of address space or memory gives NULL; the arenas
 * then exit with status 2 ("out of memory"), as every allocation of the
 * model does.
 */

/* The place of a 4-aligned object in the region; 0 stands for NULL. */
typedef uint32_t zl_ref;

/* Octets of a zl_ref's unit: 1 << ZL_REF_SHIFT. */
#define ZL_REF_SHIFT 2

/* At most this many octets are reserved (16 GiB): every 4-octet unit a zl_ref. */
#define ZL_REGION_MAX ((size_t)1 << (32 + ZL_REF_SHIFT))

/* The start of the region; NULL until the first zl_region_get(). */
extern unsigned char *zl_region_base;

/* The object at r, or NULL for 0.  r must come from zl_ref_of(). */
static inline void *zl_ref_ptr(zl_ref r)
{
	return r ? zl_region_base + ((size_t)r << ZL_REF_SHIFT) : NULL;
}

/*
 * The zl_ref of p: NULL gives 0, else p must be 4-aligned and inside a
 * chunk of the region (any arena allocation is).
 */
static inline zl_ref zl_ref_of(const void *p)
{
	return p ? (zl_ref)((size_t)((const unsigned char *)p - zl_region_base) >> ZL_REF_SHIFT) : 0;
}

/*
 * A chunk of at least n octets (n > 0), readable and writable, its
 * contents undefined: zero-filled when new, as it was left when a small
 * chunk put back (256 KiB at most) comes back; its length, n rounded up to
 * whole pages (to whole 2 MiB huge pages, on a 2 MiB boundary, if huge:
 * huge pages where the system's policy makes them so), is stored in
 * *len.  Reuses
 * a small chunk of that very length put back earlier, else the first
 * range put back that holds it (the rest of that range stays for later).
 * NULL when the region or memory runs out.
 */
void *zl_region_get(size_t n, bool huge, size_t *len);

/*
 * Give back a chunk of zl_region_get() with the len it reported: its
 * pages return to the system and any later access faults, until it is
 * handed out again; a small chunk (256 KiB at most) may instead stay
 * mapped for the next zl_region_get() of its length, up to 4 MiB of them.
 */
void zl_region_put(void *p, size_t len);

#endif
