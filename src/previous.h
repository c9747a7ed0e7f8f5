/* previous.h - loading the previous version of a zone file (a file, or git's copy at a revision) for the serial check. */
#ifndef ZL_PREVIOUS_H
#define ZL_PREVIOUS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "zone.h"

/* Outcome of zl_load_previous(). */
enum zl_previous {
	ZL_PREVIOUS_LOADED,	/* *prev is the previous version */
	ZL_PREVIOUS_NONE,	/* the file is new at that revision, or the branch has */
				/* no commit yet: nothing to compare */
	ZL_PREVIOUS_ERROR,	/* git failed: err says why (a usage error) */
	ZL_PREVIOUS_UNREADABLE,	/* prev_file cannot be read: err says why ("cannot */
				/* read: ...", "read error: ..."), without its name */
};

/*
 * Before anything is read: whether --against rev can work for each of
 * files[0..n): its directory is in a git work tree, and rev names a
 * commit there (or the branch that has no commit yet).  Each directory
 * is asked once.  Returns true, or false with err (cap bytes) saying why
 * (a usage error).
 */
bool zl_previous_check(const char *const *files, size_t n, const char *rev,
		       char *err, size_t cap);

/*
 * Load the previous version of zone z into prevdb, read with z's origin:
 * the file prev_file if it is not NULL, else `git show REV:./NAME` run in
 * the directory of z's file (rev must be set then).  Its $INCLUDE paths
 * resolve as z's did (z->workdir, z->root); with rev, each included file
 * is also git's copy at rev (`git show` in its own directory), and a file
 * outside any git work tree is read as it is now.  Its syntax errors go
 * to junk (not reported: only the serial check looks at it).  *label gets
 * a name for messages ("HEAD", the file name).  err: cap bytes.
 */
enum zl_previous zl_load_previous(struct zl_db *prevdb, const struct zl_zone *z,
				  const char *rev, const char *prev_file,
				  struct zl_sink *junk, const struct zl_zone **prev,
				  char *label, size_t labelcap, char *err, size_t cap);

#endif
