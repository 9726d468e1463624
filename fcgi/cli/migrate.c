/*
 * `geps migrate [--demo]`: brings the database schema up to date.
 *
 * Migrations are the files sql/NNNN_name.sql, applied in order, each recorded in
 * schema_migrations with the SHA-256 of its text.  A migration that was edited after
 * it was applied, or a database that has migrations this binary does not know (it is
 * newer than us), stops the command before anything changes.  Each migration runs
 * inside a transaction; MariaDB commits DDL implicitly, so only the data statements
 * of a migration are atomic, which is why migrations keep DDL and data apart.
 *
 * Then the reference data (every .sql file of sql/reference, idempotent upserts) is applied, and
 * with --demo the demo data (sql/demo).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "arena.h"
#include "cli.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "model/stmts.h"
#include "xalloc.h"

#define MAXFILES	1000

static const char create_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " checksum CHAR(64) CHARACTER SET ascii NOT NULL,"
    " applied_at DATETIME(6) NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

struct sqlfile {
	int	 version;
	char	*name;
	char	*text;
	size_t	 len;
	char	 sum[65];
};

/* The four leading digits of "NNNN_name.sql" (checked by the caller). */
static int
version_of(const char *name)
{
	return (name[0] - '0') * 1000 + (name[1] - '0') * 100 +
	    (name[2] - '0') * 10 + (name[3] - '0');
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file (at most 64 MiB).  Returns 0 or -1. */
static int
slurp(const char *path, char **text, size_t *len)
{
	FILE	*f;
	long	 n;

	*text = NULL;
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > (64L << 20) ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return -1;
	}
	*text = xmalloc((size_t)n + 1);
	if (fread(*text, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(*text);
		*text = NULL;
		return -1;
	}
	(*text)[n] = '\0';
	*len = (size_t)n;
	fclose(f);
	return 0;
}

static void
sha256_hex(const char *p, size_t len, char out[65])
{
	unsigned char	 md[32];
	unsigned int	 mdlen = 0;
	int		 i;
	static const char hex[] = "0123456789abcdef";

	if (EVP_Digest(p, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
		xalloc_die();
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

/*
 * Lists dir's *.sql files in name order into files (at most MAXFILES).  With
 * versioned, only NNNN_name.sql files, and their number goes into version.
 */
static int
list_sql(const char *dir, int versioned, struct sqlfile *files, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	char		*names[MAXFILES], path[4096];
	size_t		 k = 0, i, len;

	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		if (!versioned && errno == ENOENT)
			return 0;
		fprintf(stderr, "geps migrate: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL && k < MAXFILES) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		if (versioned && (len < 10 || strspn(e->d_name, "0123456789") != 4 ||
		    e->d_name[4] != '_'))
			continue;
		names[k++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, k, sizeof(names[0]), name_cmp);
	for (i = 0; i < k; i++) {
		struct sqlfile *f = &files[i];

		memset(f, 0, sizeof(*f));
		f->name = names[i];
		f->version = versioned ? version_of(names[i]) : 0;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >=
		    sizeof(path) || slurp(path, &f->text, &f->len) != 0) {
			fprintf(stderr, "geps migrate: cannot read %s/%s\n", dir, names[i]);
			*n = i + 1;
			return -1;
		}
		sha256_hex(f->text, f->len, f->sum);
	}
	*n = k;
	return 0;
}

static void
free_files(struct sqlfile *files, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].text);
	}
}

/* Applies every file of dir as a script, in name order (idempotent data). */
static int
apply_dir(struct db *db, const char *dir, const char *what)
{
	static struct sqlfile	 files[MAXFILES];
	size_t			 n = 0, i;
	int			 rc = -1;

	if (list_sql(dir, 0, files, &n) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (db_begin(db) != DB_OK || db_script(db, files[i].text, files[i].len) != DB_OK ||
		    db_commit(db) != DB_OK) {
			fprintf(stderr, "geps migrate: %s %s: %s\n", what, files[i].name,
			    db_errstr(db));
			db_rollback(db);
			goto out;
		}
		printf("%s %s\n", what, files[i].name);
	}
	rc = 0;
out:
	free_files(files, n);
	return rc;
}

int
cmd_migrate(int argc, char **argv)
{
	static struct sqlfile	 files[MAXFILES];
	struct conf		*conf = NULL;
	struct db		*db = NULL;
	struct arena		*a;
	struct db_val		 c[3], p[3];
	char			 err[512], dir[4096];
	size_t			 n = 0, i;
	int			 demo = 0, rc = 1, row, applied = 0, known_max = 0;
	int			 app_ver[MAXFILES], napp = 0;

	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--demo") == 0)
			demo = 1;
		else {
			fprintf(stderr, "usage: geps [-c FILE] migrate [--demo]\n");
			return 2;
		}
	}
	a = arena_new(64 * 1024);
	log_init("migrate", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps migrate: %s\n", err);
		goto out;
	}
	db = db_new_admin(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps migrate: cannot connect: %s\n", db_errstr(db));
		goto out;
	}
	if (db_script(db, create_table, sizeof(create_table) - 1) != DB_OK) {
		fprintf(stderr, "geps migrate: %s\n", db_errstr(db));
		goto out;
	}
	if (list_sql(conf->sql_dir, 1, files, &n) != 0)
		goto out;
	for (i = 0; i < n; i++)
		if (files[i].version > known_max)
			known_max = files[i].version;

	/* What the database has: every applied migration must be one we know, unchanged. */
	if (db_exec(db, STMT_MIGRATION_LIST, NULL) != DB_OK) {
		fprintf(stderr, "geps migrate: %s\n", db_errstr(db));
		goto out;
	}
	while ((row = db_fetch(db, STMT_MIGRATION_LIST, a, c)) == 1) {
		if (napp < MAXFILES)
			app_ver[napp++] = (int)c[0].i;
		if (c[0].i > known_max) {
			fprintf(stderr, "geps migrate: the database has migration %lld (%s), "
			    "newer than this geps knows (%d): refusing to run\n",
			    c[0].i, c[1].s, known_max);
			db_done(db, STMT_MIGRATION_LIST);
			goto out;
		}
		for (i = 0; i < n; i++)
			if (files[i].version == c[0].i &&
			    strcmp(files[i].sum, c[2].s) != 0) {
				fprintf(stderr, "geps migrate: %s was changed after it was "
				    "applied (checksum differs): refusing to run\n",
				    files[i].name);
				db_done(db, STMT_MIGRATION_LIST);
				goto out;
			}
	}
	if (row < 0) {
		fprintf(stderr, "geps migrate: %s\n", db_errstr(db));
		goto out;
	}

	for (i = 0; i < n; i++) {
		int j, done = 0;

		for (j = 0; j < napp; j++)
			if (app_ver[j] == files[i].version)
				done = 1;
		if (done)
			continue;
		p[0] = db_int(files[i].version);
		p[1] = db_text(files[i].name);
		p[2] = db_text(files[i].sum);
		if (db_begin(db) != DB_OK ||
		    db_script(db, files[i].text, files[i].len) != DB_OK ||
		    db_exec(db, STMT_MIGRATION_RECORD, p) != DB_OK ||
		    db_commit(db) != DB_OK) {
			fprintf(stderr, "geps migrate: %s failed: %s\n", files[i].name,
			    db_errstr(db));
			db_rollback(db);
			goto out;
		}
		printf("applied %s\n", files[i].name);
		applied++;
	}
	printf("migrations: %d applied, %zu known\n", applied, n);

	if ((size_t)snprintf(dir, sizeof(dir), "%s/reference", conf->sql_dir) >= sizeof(dir) ||
	    apply_dir(db, dir, "reference") != 0)
		goto out;
	if (demo && ((size_t)snprintf(dir, sizeof(dir), "%s/demo", conf->sql_dir) >= sizeof(dir) ||
	    apply_dir(db, dir, "demo") != 0))
		goto out;
	rc = 0;
out:
	free_files(files, n);
	db_free(db);
	conf_free(conf);
	arena_free(a);
	return rc;
}
