/*
 * `geps evidence check [--clean] [--grace SECONDS]`: compares the evidence store
 * with the database.  Reports (one line each, then a summary):
 *   missing   a row whose object is not on disk (never created by geps: an upload
 *             stores the object before its row commits),
 *   corrupt   an object whose size or SHA-256 differs from its row,
 *   orphan    an object no row names (a worker killed between the rename and the
 *             commit, or a failed transaction),
 *   unref     a row no declaration, violation or objection links to any more,
 *   temp      an upload's temp file older than an hour (its worker died),
 *   stray     anything else under objects/ or tmp/.
 * With --clean it removes orphans, unreferenced rows (then their objects) and old
 * temp files, but only those older than the grace period (default one hour), so
 * that uploads in flight are left alone: an object's mtime is refreshed whenever
 * an upload stores or reuses it.  Exit 0 when nothing is wrong (or everything
 * found was cleaned), 1 when a problem remains or the check could not run, 2 on
 * bad usage.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "arena.h"
#include "cli.h"
#include "clock.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "evidence.h"
#include "log.h"
#include "model/stmts.h"

struct row {
	long long	 id;
	const char	*name;
	long long	 size;
	const char	*sha;
	int		 seen;
};

struct check {
	struct evidence_store	*st;
	struct row		*rows;
	size_t			 nrows;
	int			 clean;
	time_t			 cutoff;	/* only what is older may be removed */
	long			 orphans, temps, strays, removed, left;
};

static int
row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->name, ((const struct row *)b)->name);
}

static struct row *
row_find(struct check *ck, const char *name)
{
	struct row	 key;

	key.name = name;
	return bsearch(&key, ck->rows, ck->nrows, sizeof(*ck->rows), row_cmp);
}

/* SHA-256 of a file as lower-case hex; -1 if it cannot be read. */
static int
file_sha256(const char *path, char hex[65])
{
	unsigned char	 buf[65536], md[32];
	EVP_MD_CTX	*ctx;
	ssize_t		 n;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	if ((ctx = EVP_MD_CTX_new()) != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			if (!EVP_DigestUpdate(ctx, buf, (size_t)n))
				break;
		if (n == 0 && EVP_DigestFinal_ex(ctx, md, NULL)) {
			crypto_hex(md, 32, hex);
			rc = 0;
		}
	}
	EVP_MD_CTX_free(ctx);
	close(fd);
	return rc;
}

static int
walk(void *arg, enum ev_entry kind, const char *name, const struct stat *sb)
{
	struct check	*ck = arg;
	struct row	*r;
	int		 old = sb->st_mtime <= ck->cutoff;

	switch (kind) {
	case EV_ENTRY_OBJECT:
		if ((r = row_find(ck, name)) != NULL) {
			r->seen = 1;
			return 0;
		}
		printf("orphan %s (%lld bytes)\n", name, (long long)sb->st_size);
		ck->orphans++;
		break;
	case EV_ENTRY_TEMP:
		printf("temp %s\n", name);
		ck->temps++;
		break;
	case EV_ENTRY_STRAY:
		printf("stray %s\n", name);
		ck->strays++;
		ck->left++;
		return 0;
	}
	if (ck->clean && old && evidence_remove(ck->st, name) == 0)
		ck->removed++;
	else
		ck->left++;
	return 0;
}

int
cmd_evidence(int argc, char **argv)
{
	struct conf	*conf = NULL;
	struct db	*db = NULL;
	struct arena	*a;
	struct check	 ck;
	struct db_val	 c[4], p;
	char		 err[512], path[4096], hex[65], ts[32];
	long		 grace = 3600, missing = 0, corrupt = 0, unref = 0;
	size_t		 cap = 1024, i;
	int		 rc = 1, n;

	memset(&ck, 0, sizeof(ck));
	if (argc < 2 || strcmp(argv[1], "check") != 0)
		goto usage;
	for (i = 2; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--clean") == 0)
			ck.clean = 1;
		else if (strcmp(argv[i], "--grace") == 0 && i + 1 < (size_t)argc) {
			char *end;

			grace = strtol(argv[++i], &end, 10);
			if (*end != '\0' || grace < 0 || grace > 30L * 86400)
				goto usage;
		} else
			goto usage;
	}
	a = arena_new(1 << 20);
	log_init("evidence", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps evidence: %s\n", err);
		goto out;
	}
	if ((ck.st = evidence_open(conf->evidence_dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps evidence: %s\n", err);
		goto out;
	}
	db = db_new(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps evidence: cannot reach the database: %s\n", db_errstr(db));
		goto out;
	}
	ck.cutoff = (time_t)(clock_now() - grace);

	/* Every row, sorted by object name for the walk. */
	ck.rows = arena_calloc(a, cap, sizeof(*ck.rows));
	if (db_exec(db, STMT_EV_ALL, NULL) != DB_OK)
		goto dberr;
	while ((n = db_fetch(db, STMT_EV_ALL, a, c)) == 1) {
		if (ck.nrows == cap) {
			ck.rows = arena_realloc(a, ck.rows, cap * sizeof(*ck.rows),
			    2 * cap * sizeof(*ck.rows));
			cap *= 2;
		}
		ck.rows[ck.nrows].id = c[0].i;
		ck.rows[ck.nrows].name = c[1].s;
		ck.rows[ck.nrows].size = c[2].i;
		ck.rows[ck.nrows].sha = c[3].s;
		ck.rows[ck.nrows++].seen = 0;
	}
	if (n < 0)
		goto dberr;
	qsort(ck.rows, ck.nrows, sizeof(*ck.rows), row_cmp);
	if (evidence_list_orphans(ck.st, grace, walk, &ck) != 0) {
		fprintf(stderr, "geps evidence: cannot read the store\n");
		goto out;
	}

	/* Rows: their objects must be there, whole. */
	for (i = 0; i < ck.nrows; i++) {
		struct row *r = &ck.rows[i];
		struct stat sb;

		if (evidence_path(ck.st, r->name, path, sizeof(path)) != 0 ||
		    stat(path, &sb) != 0) {
			printf("missing %s (evidence %lld)\n", r->name, r->id);
			missing++;
			continue;
		}
		if (sb.st_size != r->size || file_sha256(path, hex) != 0 ||
		    strcmp(hex, r->sha) != 0) {
			printf("corrupt %s (evidence %lld)\n", r->name, r->id);
			corrupt++;
		}
	}

	/* Rows nothing links to any more. */
	clock_sql(ck.cutoff, ts, sizeof(ts));
	p = db_text(ts);
	if (db_exec(db, STMT_EV_UNREFERENCED, &p) != DB_OK)
		goto dberr;
	{
		struct row *un = arena_calloc(a, ck.nrows + 1, sizeof(*un));
		size_t nun = 0, k;

		while ((n = db_fetch(db, STMT_EV_UNREFERENCED, a, c)) == 1 && nun < ck.nrows) {
			un[nun].id = c[0].i;
			un[nun++].name = c[1].s;
		}
		if (n < 0)
			goto dberr;
		db_done(db, STMT_EV_UNREFERENCED);
		for (k = 0; k < nun; k++) {
			printf("unref %s (evidence %lld)\n", un[k].name, un[k].id);
			unref++;
			if (!ck.clean) {
				ck.left++;
				continue;
			}
			/* The row first (only if still unreferenced), then its object. */
			p = db_int(un[k].id);
			if (db_exec(db, STMT_EV_DELETE_UNREFERENCED, &p) != DB_OK)
				goto dberr;
			if (db_affected(db, STMT_EV_DELETE_UNREFERENCED) == 1) {
				struct stat sb;

				if (evidence_path(ck.st, un[k].name, path, sizeof(path)) == 0 &&
				    stat(path, &sb) == 0 && sb.st_mtime <= ck.cutoff)
					evidence_remove(ck.st, un[k].name);
				ck.removed++;
			} else
				ck.left++;
		}
	}
	printf("evidence check: %zu rows, %ld missing, %ld corrupt, %ld orphans, "
	    "%ld unreferenced, %ld old temp files, %ld strays; %ld removed\n",
	    ck.nrows, missing, corrupt, ck.orphans, unref, ck.temps, ck.strays, ck.removed);
	rc = missing + corrupt + ck.left > 0 ? 1 : 0;
	if (fflush(stdout) != 0)
		rc = 1;
	goto out;
dberr:
	fprintf(stderr, "geps evidence: %s\n", db_errstr(db));
	rc = 1;
out:
	db_free(db);
	evidence_close(ck.st);
	conf_free(conf);
	arena_free(a);
	return rc;
usage:
	fprintf(stderr, "usage: geps [-c FILE] evidence check [--clean] [--grace SECONDS]\n");
	return 2;
}
