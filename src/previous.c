/* previous.c - the previous version of a zone file: another file, or `git show REV:./file` into a temporary file. */
#include "previous.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "load.h"

/*
 * Run git -C dir ARGS... (args ends with NULL, at most 6) with standard
 * output into out_fd (-1: /dev/null) and standard error discarded.
 * Returns git's exit status, or -1 if it could not be run.
 */
static int run_git(const char *dir, const char *const *args, int out_fd)
{
	const char *argv[10] = { "git", "-C", dir };
	size_t n = 3;
	for (size_t i = 0; args[i] && n < 9; i++)
		argv[n++] = args[i];
	argv[n] = NULL;

	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(out_fd >= 0 ? out_fd : devnull, 1);
		if (devnull >= 0)
			dup2(devnull, 2);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

enum zl_previous zl_load_previous(struct zl_db *prevdb, const struct zl_zone *z,
				  const char *rev, const char *prev_file,
				  struct zl_sink *junk, const struct zl_zone **prev,
				  char *label, size_t labelcap, char *err, size_t cap)
{
	struct zl_load_opts lo;
	char tmp[] = "/tmp/zonelint-previous-XXXXXX";
	const char *path = prev_file;
	int fd = -1;

	memset(&lo, 0, sizeof(lo));
	if (!prev_file) {
		char dir[4096];
		const char *slash = strrchr(z->file, '/');
		const char *base = slash ? slash + 1 : z->file;
		if (slash)
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash == z->file ? 1 : slash - z->file), z->file);
		else
			snprintf(dir, sizeof(dir), ".");
		static const char *const inside[] = { "rev-parse", "--is-inside-work-tree", NULL };
		if (run_git(dir, inside, -1) != 0) {
			snprintf(err, cap, "--against %s: %s is not in a git work tree", rev, z->file);
			return ZL_PREVIOUS_ERROR;
		}
		fd = mkstemp(tmp);
		if (fd < 0) {
			snprintf(err, cap, "--against: cannot make a temporary file: %s", strerror(errno));
			return ZL_PREVIOUS_ERROR;
		}
		char spec[4200];
		int sn = snprintf(spec, sizeof(spec), "%s:./%s", rev, base);
		const char *const show[] = { "show", spec, NULL };
		int st = sn > 0 && (size_t)sn < sizeof(spec) ? run_git(dir, show, fd) : -1;
		close(fd);
		if (st != 0) {
			/* not at that revision (a new file) or no such revision:
			 * tell them apart by asking for the revision alone */
			unlink(tmp);
			if (st < 0) {
				snprintf(err, cap, "--against: cannot run git");
				return ZL_PREVIOUS_ERROR;
			}
			char commit[300];
			snprintf(commit, sizeof(commit), "%s^{commit}", rev);
			const char *const verify[] = { "rev-parse", "--verify", "--quiet", commit, NULL };
			if (run_git(dir, verify, -1) != 0) {
				snprintf(err, cap, "--against %s: git knows no such revision", rev);
				return ZL_PREVIOUS_ERROR;
			}
			return ZL_PREVIOUS_NONE;
		}
		path = tmp;
		snprintf(label, labelcap, "%s", rev);
	} else {
		snprintf(label, labelcap, "%s", prev_file);
	}
	lo.path = path;
	lo.origin = z->origin;
	lo.origin_source = "the edited version";
	enum zl_parse_result r = zl_db_load(prevdb, &lo, junk, (struct zl_zone **)prev);
	if (!prev_file)
		unlink(tmp);
	if (r == ZL_PARSE_UNREADABLE) {
		snprintf(err, cap, "--previous %s: cannot read it", prev_file ? prev_file : rev);
		return ZL_PREVIOUS_ERROR;
	}
	return ZL_PREVIOUS_LOADED;
}
