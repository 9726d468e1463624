/*
 * The published pages' cache (see page_cache.h for the design): the generation in
 * the page_cache row, the symlink <evidence_dir>/pages/current that puts it into
 * nginx's cache key, and the checks that keep a page rendered before a change out
 * of the generation that follows it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "clock.h"
#include "log.h"
#include "model/page_cache.h"
#include "model/stmts.h"

#define PC_DIR_MODE	0750	/* nginx's group reads (the evidence store's setgid group) */

/* Files. */

/*
 * Logs a file-system failure, at most once a minute per process (a store that
 * cannot be written would otherwise log every page).
 */
static void
fs_warn(const char *what, const char *path, int err)
{
	static int64_t	 last;
	int64_t		 now = clock_mono_us();

	if (last != 0 && now - last < 60 * 1000000LL)
		return;
	last = now;
	log_warn("page_cache_fs", "op=%s path=\"%s\" error=\"%s\"", what, path, strerror(err));
}

/*
 * Creates directory name under at (or opens it if it exists) with the cache's
 * mode whatever the umask, keeping an inherited setgid bit, and opens it.  -1 on
 * failure (errno set).
 */
static int
dir_open(int at, const char *name)
{
	struct stat	 sb;
	int		 fd, made = 0;

	if (mkdirat(at, name, PC_DIR_MODE) == 0)
		made = 1;
	else if (errno != EEXIST)
		return -1;
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return -1;
	if (made && (fstat(fd, &sb) == -1 ||
	    fchmod(fd, PC_DIR_MODE | (sb.st_mode & S_ISGID)) == -1)) {
		int	 e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Removes name under at: a file, or a directory and what is in it (depth <= 3). */
static void
remove_tree(int at, const char *name, int depth)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd;

	if (unlinkat(at, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
		return;
	if (depth <= 0 || (fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			remove_tree(dirfd(d), de->d_name, depth - 1);
	closedir(d);
	(void)unlinkat(at, name, AT_REMOVEDIR);
}

/* The number after prefix in name ("g12" -> 12), or -1. */
static long long
numbered(const char *name, char prefix)
{
	char		*end;
	long long	 v;

	if (name[0] != prefix || name[1] < '0' || name[1] > '9')
		return -1;
	errno = 0;
	v = strtoll(name + 1, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : v;
}

/*
 * Removes the entries of directory at named <prefix><n> with n < below, and the
 * leftovers of interrupted flips (names starting with '.').
 */
static void
remove_older(int at, char prefix, long long below)
{
	struct dirent	*de;
	DIR		*d;
	int		 fd;
	long long	 n;

	if ((fd = dup(at)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		n = numbered(de->d_name, prefix);
		if ((n >= 0 && n < below) || de->d_name[0] == '.')
			remove_tree(at, de->d_name, 3);
	}
	closedir(d);
}

/* The generation "current" names under dir, 0 when there is none. */
static long long
serving(const char *dir)
{
	char		 path[4096], target[64];
	ssize_t		 n;
	long long	 g;

	if ((size_t)snprintf(path, sizeof(path), "%s/current", dir) >= sizeof(path))
		return 0;
	if ((n = readlink(path, target, sizeof(target) - 1)) <= 0)
		return 0;
	target[n] = '\0';
	return (g = numbered(target, 'g')) > 0 ? g : 0;
}

/*
 * Points dir/current at g<gen> (an empty directory: only its name matters, in
 * nginx's key), creating dir when it is missing.  The symlink is replaced by
 * rename(2), so nginx resolves the old one or the new one, never none.  A change
 * (fresh) also removes the generations before the previous one.  dir is written
 * to (cut at its last '/' for a moment), so it must be the caller's copy.  0 or -1.
 */
static int
flip(char *dir, long long gen, int fresh)
{
	static unsigned	 seq;
	char		 g[32], tmp[64];
	int		 pfd, gfd, e;

	if ((pfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		/* The first flip creates pages/ under the evidence store. */
		char	*slash = strrchr(dir, '/');
		int	 efd;

		if (errno != ENOENT || slash == NULL)
			return -1;
		*slash = '\0';
		efd = open(slash == dir ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		*slash = '/';
		if (efd == -1)
			return -1;
		pfd = dir_open(efd, slash + 1);
		e = errno;
		close(efd);
		errno = e;
		if (pfd == -1)
			return -1;
	}
	snprintf(g, sizeof(g), "g%lld", gen);
	snprintf(tmp, sizeof(tmp), ".flip.%ld.%u", (long)getpid(), seq++);
	if ((gfd = dir_open(pfd, g)) == -1)
		goto fail;
	close(gfd);
	(void)unlinkat(pfd, tmp, 0);
	if (symlinkat(g, pfd, tmp) == -1 || renameat(pfd, tmp, pfd, "current") == -1) {
		e = errno;
		(void)unlinkat(pfd, tmp, 0);
		errno = e;
		goto fail;
	}
	if (fresh)
		remove_older(pfd, 'g', gen - 1);
	close(pfd);
	return 0;
fail:
	e = errno;
	close(pfd);
	errno = e;
	return -1;
}

/* The table. */

/* The row: generation and directory.  DB_OK with *found 0 when the row is missing. */
static enum db_err
row_get(struct db *db, int stmt, struct arena *a, long long *gen, const char **dir,
    int *found)
{
	struct db_val	 c[2];
	enum db_err	 rc;
	int		 got;

	*found = 0;
	if ((rc = db_exec(db, stmt, NULL)) != DB_OK)
		return rc;
	if ((got = db_fetch(db, stmt, a, c)) < 0)
		return DB_ERROR;
	if (got == 1) {
		*gen = c[0].i;
		*dir = c[1].s;
		*found = 1;
		db_done(db, stmt);
	}
	return DB_OK;
}

/*
 * "current" disagrees with the table: when no change holds the row (one in flight
 * moves "current" itself when it commits), point "current" at the committed
 * generation, under the row's lock so that no change can start in between.
 */
static void
repair(struct db *primary, struct arena *a, const char *dir)
{
	long long	 gen = 0, was;
	const char	*rowdir = "";
	int		 found;

	if (db_in_txn(primary) || db_begin(primary) != DB_OK)
		return;
	if (row_get(primary, STMT_PAGE_CACHE_LOCK_FREE, a, &gen, &rowdir, &found) == DB_OK &&
	    found && strcmp(rowdir, dir) == 0 && (was = serving(dir)) != gen) {
		char	*d = arena_strdup(a, dir);

		if (flip(d, gen, 0) == 0)
			log_info("page_cache_repair", "from=%lld to=%lld", was, gen);
		else
			fs_warn("repair", dir, errno);
	}
	(void)db_commit(primary);
}

long long
page_cache_key_gen(const char *root)
{
	const char	*slash;
	long long	 g;

	if (root == NULL || (slash = strrchr(root, '/')) == NULL)
		return 0;
	return (g = numbered(slash + 1, 'g')) > 0 ? g : 0;
}

void
page_cache_begin(struct db *db, struct db *primary, struct arena *a,
    const char *evidence_dir, long long keyed, struct page_cache_slot *s)
{
	long long	 gen = 0;
	const char	*rowdir = "";
	char		*dir;
	size_t		 len;
	int		 found;

	memset(s, 0, sizeof(*s));
	if (evidence_dir == NULL || *evidence_dir == '\0')
		return;
	dir = arena_printf(a, "%s", evidence_dir);
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	dir = arena_printf(a, "%s/pages", dir);
	if (row_get(db, STMT_PAGE_CACHE_GET, a, &gen, &rowdir, &found) != DB_OK || !found)
		return;
	if (strcmp(rowdir, dir) != 0) {
		/*
		 * Changes must find the symlink: record where it is before any page
		 * is stored (from the next request on).
		 */
		struct db_val	 p = db_text(dir);

		if (!db_in_txn(primary) && db_exec(primary, STMT_PAGE_CACHE_SET_DIR, &p) == DB_OK)
			log_info("page_cache_dir", "dir=\"%s\"", dir);
		return;
	}
	if (serving(dir) != gen) {
		repair(primary, a, dir);
		return;
	}
	if (keyed != gen)
		return;
	s->on = 1;
	s->gen = gen;
}

int
page_cache_end(struct db *db, struct arena *a, struct page_cache_slot *s)
{
	long long	 gen = 0;
	const char	*rowdir = "";
	int		 found;

	if (!s->on)
		return 0;
	s->on = 0;
	/* The data read since begin is of the key's generation, or it is not stored. */
	return row_get(db, STMT_PAGE_CACHE_GET, a, &gen, &rowdir, &found) == DB_OK &&
	    found && gen == s->gen;
}

enum db_err
page_cache_invalidate(struct db *db, struct arena *a, int64_t now, const char *what)
{
	struct db_val	 p[2];
	char		 at[32], *dir, cur[4200];
	long long	 gen = 0;
	const char	*rowdir = "";
	enum db_err	 rc;
	int		 found;

	clock_sql(now, at, sizeof(at));
	p[0] = db_text(at);
	p[1] = db_text(what);
	if ((rc = db_exec(db, STMT_PAGE_CACHE_BUMP, p)) != DB_OK ||
	    (rc = row_get(db, STMT_PAGE_CACHE_GET, a, &gen, &rowdir, &found)) != DB_OK)
		return rc;
	if (!found) {
		log_err("page_cache_row", "msg=\"the page_cache row is missing\"");
		return DB_ERROR;
	}
	/* Nothing was ever stored: nothing to retire. */
	if (*rowdir == '\0')
		return DB_OK;
	dir = arena_strdup(a, rowdir);
	if (flip(dir, gen, 1) == 0)
		return DB_OK;
	/* Without "current" nginx serves nothing from the cache; the workers repair it. */
	log_err("page_cache_flip", "dir=\"%s\" gen=%lld error=\"%s\"", dir, gen, strerror(errno));
	if ((size_t)snprintf(cur, sizeof(cur), "%s/current", dir) < sizeof(cur) &&
	    (unlink(cur) == 0 || errno == ENOENT))
		return DB_OK;
	log_err("page_cache_stale", "dir=\"%s\" error=\"%s\" msg=\"cannot retire the cached "
	    "pages: the change is rolled back\"", dir, strerror(errno));
	return DB_ERROR;
}
