/* path.h - file paths as named opens them: a working directory, a chroot (named -t), one way of joining them, and opening without blocking. */
#ifndef ZL_PATH_H
#define ZL_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/*
 * Where a process chrooted to root with working directory cwd finds
 * path[0..len) (path need not be NUL-terminated), as a path this process
 * can open.  root NULL: not chrooted.  cwd NULL: the root when chrooted
 * (named -t changes into "/" of the chroot), else this process's own
 * working directory; otherwise cwd is already resolved (root included).
 * An absolute path is looked up below root, a relative one below cwd.
 * Every form of a directory joins the same way: "dir", "dir/" and "dir//"
 * alike, "/" as the file-system root, and "." or "./" as the working
 * directory (so "./x" is written "x").
 *
 * Writes at most cap bytes to out (NUL-terminated when cap > 0) and
 * returns the length of the whole result, as snprintf(3) does: a result
 * >= cap was cut short.  out may be NULL when cap is 0.
 */
size_t zl_path_resolve(char *out, size_t cap, const char *root, const char *cwd,
		       const char *path, size_t len);

/*
 * Open path for reading without ever blocking on it: a FIFO with no
 * writer would hang open(2), so it is opened non-blocking and looked at
 * first.  Regular files are always accepted, FIFOs only if allow_fifo (a
 * pipe from process substitution on the command line, never an include).
 * Returns the stream (caller fcloses it) with *sb filled in, or NULL with
 * why (cap bytes) saying why: the errno text, or "is a directory, not a
 * NOUN" and the like for what is not a regular file.
 */
FILE *zl_open_input(const char *path, bool allow_fifo, const char *noun,
		    struct stat *sb, char *why, size_t cap);

/*
 * The text of errno value e ("No such file or directory") in out, cap
 * octets with the NUL: strerror_r(), since files are read on several
 * threads with -j and strerror() need not be thread-safe.
 */
void zl_errno_text(int e, char *out, size_t cap);

/*
 * For each of paths[0..n), the index of the first earlier path that
 * names the same file (the same device and inode; for a path that cannot
 * be stat'ed, and for "-", the same text), or -1, in first[0..n).  Each
 * path is stat'ed once and looked up in a hash of those before it, so
 * thousands of operands cost no more than their stat calls.  Allocates
 * only while it runs; out of memory exits.
 */
void zl_path_same_files(const char *const *paths, size_t n, long *first);

#endif
