/* previous.c - the previous version of a zone file: another file, or `git show REV:./file` into a temporary file. */
#include "previous.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "load.h"

/*
 * Run git -C dir ARGS... (args ends with NULL, at most 6) with standard
 * output into out_fd, or (out_fd -1) into msg with standard error.
 * Standard error never reaches ours: msg (cap bytes) gets its first line,
 * "fatal: " and the like dropped, or "" if git said nothing.  Returns
 * git's exit status, or -1 (msg says why) if git could not be run.
 */
static int run_git(const char *dir, const char *const *args, int out_fd,
		   char *msg, size_t cap)
{
	const char *argv[10] = { "git", "-C", dir };
	size_t n = 3;
	for (size_t i = 0; args[i] && n < 9; i++)
		argv[n++] = args[i];
	argv[n] = NULL;

	int p[2];
	msg[0] = '\0';
	if (pipe(p) != 0) {
		snprintf(msg, cap, "cannot run git: %s", strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(msg, cap, "cannot run git: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		dup2(out_fd >= 0 ? out_fd : p[1], 1);
		dup2(p[1], 2);
		execvp("git", (char *const *)argv);
		dprintf(2, "\ncannot run git: %s\n", strerror(errno));
		_exit(127);
	}
	close(p[1]);

	/* all of it is read, so git never blocks on a full pipe */
	char buf[512];
	size_t have = 0;
	ssize_t got;
	while ((got = read(p[0], buf, sizeof(buf))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (ssize_t i = 0; i < got && have + 1 < cap; i++)
			msg[have++] = buf[i];
	}
	msg[have] = '\0';
	close(p[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			snprintf(msg, cap, "cannot run git: %s", strerror(errno));
			return -1;
		}

	/* the first line that says something, without git's "fatal: " */
	char *line = msg;
	while (*line == '\n')
		line++;
	char *nl = strchr(line, '\n');
	if (nl)
		*nl = '\0';
	char *colon = strstr(line, ": ");
	if (colon && (strncmp(line, "fatal", 5) == 0 || strncmp(line, "error", 5) == 0))
		line = colon + 2;
	memmove(msg, line, strlen(line) + 1);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127 && strncmp(msg, "cannot run git", 14) == 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * True if rev names the branch HEAD is on while that branch has no commit
 * yet (a new repository, or an orphan branch): there is no previous
 * version of anything.  "HEAD", "@" and the branch's short or full name.
 */
static bool unborn(const char *dir, const char *rev)
{
	char out[300];
	static const char *const head[] = { "rev-parse", "--verify", "--quiet", "HEAD", NULL };
	static const char *const branch[] = { "symbolic-ref", "--quiet", "HEAD", NULL };

	if (run_git(dir, head, -1, out, sizeof(out)) != 1)
		return false;	/* HEAD is a commit (or git failed otherwise) */
	if (strcmp(rev, "HEAD") == 0 || strcmp(rev, "@") == 0)
		return true;
	if (run_git(dir, branch, -1, out, sizeof(out)) != 0)
		return false;
	return strcmp(rev, out) == 0 ||
	       (strncmp(out, "refs/heads/", 11) == 0 && strcmp(rev, out + 11) == 0);
}

/* Where git_show() puts its copies. */
#define TMP_TEMPLATE "/tmp/zonelint-previous-XXXXXX"

/* What git has of a file at a revision (git_show()). */
enum shown {
	SHOWN,		/* copied into the temporary file */
	ABSENT,		/* the revision exists; the file is not in it (new since) */
	UNBORN,		/* the revision is a branch with no commit yet */
	NO_REPO,	/* the file is not in a git work tree */
	FAILED,		/* no such revision, or git failed: err says why */
};

/* dir (cap bytes) gets the directory of file ("." for none); returns its name. */
static const char *split_path(const char *file, char *dir, size_t cap)
{
	const char *slash = strrchr(file, '/');

	if (slash)
		snprintf(dir, cap, "%.*s", (int)(slash == file ? 1 : slash - file), file);
	else
		snprintf(dir, cap, ".");
	return slash ? slash + 1 : file;
}

/* Whether dir is in a git work tree: SHOWN (yes), NO_REPO or FAILED, err (cap bytes) naming file. */
static enum shown repo_state(const char *dir, const char *file, char *err, size_t cap)
{
	static const char *const inside[] = { "rev-parse", "--is-inside-work-tree", NULL };
	char said[300];
	int st = run_git(dir, inside, -1, said, sizeof(said));

	if (st < 0) {
		snprintf(err, cap, "%s", said);
		return FAILED;
	}
	if (st == 0 && strcmp(said, "true") == 0)
		return SHOWN;
	if (st == 0 || strstr(said, "not a git repository")) {
		snprintf(err, cap, "%s is not in a git work tree", file);
		return NO_REPO;
	}
	snprintf(err, cap, "git cannot read the repository of %s: %s", file, said);
	return FAILED;
}

/* Whether rev names a commit in the repository of dir: SHOWN (yes), UNBORN or FAILED (err). */
static enum shown rev_state(const char *dir, const char *rev, char *err, size_t cap)
{
	char commit[300], why[300];

	snprintf(commit, sizeof(commit), "%s^{commit}", rev);
	const char *const verify[] = { "rev-parse", "--verify", "--quiet", commit, NULL };
	if (run_git(dir, verify, -1, why, sizeof(why)) == 0)
		return SHOWN;
	if (unborn(dir, rev))
		return UNBORN;
	snprintf(err, cap, "git knows no such revision");
	return FAILED;
}

/*
 * Copy file as it is at rev into a new temporary file, named in tmp
 * (sizeof(TMP_TEMPLATE) bytes): `git -C DIR show REV:./NAME`, DIR and
 * NAME the file's directory and name, so the file is looked up in the
 * repository that holds it.  err (cap bytes) says why on NO_REPO and
 * FAILED, without the option's name.
 */
static enum shown git_show(const char *file, const char *rev, char *tmp,
			   char *err, size_t cap)
{
	char dir[4096], said[300];
	const char *base = split_path(file, dir, sizeof(dir));
	enum shown repo = repo_state(dir, file, err, cap);

	if (repo != SHOWN)
		return repo;
	strcpy(tmp, TMP_TEMPLATE);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, cap, "cannot make a temporary file: %s", strerror(errno));
		return FAILED;
	}
	char spec[4200];
	int sn = snprintf(spec, sizeof(spec), "%s:./%s", rev, base);
	const char *const show[] = { "show", spec, NULL };
	int st = sn > 0 && (size_t)sn < sizeof(spec) ? run_git(dir, show, fd, said, sizeof(said)) : -1;
	close(fd);
	if (st == 0)
		return SHOWN;

	/* no such revision, or the file is not in it (new since then), or
	 * git failed: ask for the revision, then for the path */
	unlink(tmp);
	if (st < 0) {
		snprintf(err, cap, "%s", said[0] ? said : "the path is too long for git");
		return FAILED;
	}
	enum shown at = rev_state(dir, rev, err, cap);
	if (at != SHOWN)
		return at;
	char why[300];
	const char *const exists[] = { "rev-parse", "--verify", "--quiet", spec, NULL };
	if (run_git(dir, exists, -1, why, sizeof(why)) == 1)
		return ABSENT;
	snprintf(err, cap, "git cannot show %s at %s: %s", file, rev,
		 said[0] ? said : "no reason given");
	return FAILED;
}

bool zl_previous_check(const char *const *files, size_t n, const char *rev,
		       char *err, size_t cap)
{
	char dir[4096], why[400];

	for (size_t i = 0; i < n; i++) {
		split_path(files[i], dir, sizeof(dir));
		bool seen = false;	/* the same directory, the same answer */
		for (size_t k = 0; k < i && !seen; k++) {
			char other[4096];
			split_path(files[k], other, sizeof(other));
			seen = strcmp(dir, other) == 0;
		}
		if (seen)
			continue;
		enum shown st = repo_state(dir, files[i], why, sizeof(why));
		if (st == SHOWN)
			st = rev_state(dir, rev, why, sizeof(why));
		if (st == NO_REPO || st == FAILED) {
			snprintf(err, cap, "--against %s: %s", rev, why);
			return false;
		}
	}
	return true;
}

/* A file copied out of git for the previous version's $INCLUDEs. */
struct copy {
	char *path;			/* as the $INCLUDE resolved it (heap) */
	char tmp[sizeof(TMP_TEMPLATE)];	/* git's copy */
};

/* The previous version's $INCLUDEs, read from git at rev (open_at_rev()). */
struct from_git {
	const char *rev;
	struct copy *v;
	size_t n;
	char failed[400];	/* the first git failure, "" if none */
};

/*
 * The zl_open_fn of the previous version: each $INCLUDE file as git has
 * it at the revision, each path copied once (so the parser sees an
 * include cycle as one).  A file outside any git work tree is not
 * versioned: it is read as it is now.
 */
static FILE *open_at_rev(void *ctx, const char *path, struct stat *sb,
			 char *why, size_t cap)
{
	struct from_git *g = ctx;
	char err[400];

	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->v[i].path, path) == 0)
			return zl_open_input(g->v[i].tmp, false, "zone file", sb, why, cap);
	g->v = zl_xrealloc(g->v, (g->n + 1) * sizeof(*g->v));
	struct copy *c = &g->v[g->n];
	switch (git_show(path, g->rev, c->tmp, err, sizeof(err))) {
	case SHOWN:
		c->path = zl_xmalloc(strlen(path) + 1);
		strcpy(c->path, path);
		g->n++;
		return zl_open_input(c->tmp, false, "zone file", sb, why, cap);
	case NO_REPO:
		return zl_open_input(path, false, "zone file", sb, why, cap);
	case ABSENT:
	case UNBORN:
		snprintf(why, cap, "not in git at %s", g->rev);
		return NULL;
	case FAILED:
		break;
	}
	if (!g->failed[0])
		snprintf(g->failed, sizeof(g->failed), "%s", err);
	snprintf(why, cap, "%s", err);
	return NULL;
}

enum zl_previous zl_load_previous(struct zl_db *prevdb, const struct zl_zone *z,
				  const char *rev, const char *prev_file,
				  struct zl_sink *junk, const struct zl_zone **prev,
				  char *label, size_t labelcap, char *err, size_t cap)
{
	struct zl_load_opts lo;
	struct from_git g = { rev, NULL, 0, "" };
	char tmp[sizeof(TMP_TEMPLATE)], why[400];
	enum zl_previous result = ZL_PREVIOUS_LOADED;

	memset(&lo, 0, sizeof(lo));
	lo.path = prev_file;
	lo.digest_text = z->digest_text;	/* compared RR by RR with z's */
	if (!prev_file) {
		switch (git_show(z->file, rev, tmp, why, sizeof(why))) {
		case SHOWN:
			break;
		case ABSENT:
		case UNBORN:
			return ZL_PREVIOUS_NONE;	/* new since rev, or nothing is old */
		case NO_REPO:
		case FAILED:
			snprintf(err, cap, "--against %s: %s", rev, why);
			return ZL_PREVIOUS_ERROR;
		}
		lo.path = tmp;
		lo.open_include = open_at_rev;
		lo.open_ctx = &g;
		snprintf(label, labelcap, "%s", rev);
	} else {
		snprintf(label, labelcap, "%s", prev_file);
	}
	/* relative $INCLUDEs resolve as the edited version's did */
	lo.workdir = z->workdir;
	lo.root = z->root;
	lo.origin = z->origin;
	lo.origin_source = "the edited version";
	why[0] = '\0';
	lo.open_error = why;
	lo.open_error_cap = sizeof(why);
	enum zl_parse_result r = zl_db_load(prevdb, &lo, junk, (struct zl_zone **)prev);
	if (r == ZL_PARSE_UNREADABLE && prev_file) {
		/* it could not be opened (why), or reading it failed (the last finding) */
		if (why[0])
			snprintf(err, cap, "cannot read: %s", why);
		else
			snprintf(err, cap, "%s", junk->n ? junk->v[junk->n - 1].message : "cannot read it");
		result = ZL_PREVIOUS_UNREADABLE;
	} else if (r == ZL_PARSE_UNREADABLE) {
		snprintf(err, cap, "--against %s: cannot read git's copy of %s", rev, z->file);
		result = ZL_PREVIOUS_ERROR;
	} else if (g.failed[0]) {
		snprintf(err, cap, "--against %s: %s", rev, g.failed);
		result = ZL_PREVIOUS_ERROR;
	}
	if (!prev_file)
		unlink(tmp);
	for (size_t i = 0; i < g.n; i++) {
		unlink(g.v[i].tmp);
		free(g.v[i].path);
	}
	free(g.v);
	return result;
}
