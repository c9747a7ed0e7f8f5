/* path.h - file paths as named opens them: a working directory, a chroot (named -t), and one way of joining them. */
#ifndef ZL_PATH_H
#define ZL_PATH_H

#include <stddef.h>

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

#endif
