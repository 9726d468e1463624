/*
 * `geps import-offices FILE.csv`: loads the regulator's license registry (one row
 * per office with its licensee) into offices and licensee accounts.  The file is
 * validated whole first; any problem is printed as "line N: field: reason" and
 * then nothing is written (exit 1).  A valid file is applied in one transaction
 * and the command prints what it created, updated and left alone.  New accounts'
 * random secrets go to the outbox, never to the terminal.  See lib/model/import.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "model/import.h"
#include "model/stmts.h"

#include "xalloc.h"

/* A registry of 9 000 offices is about 2 MiB; this leaves ample room. */
#define IMPORT_MAX_FILE	(64L << 20)

static void
progress(const char *phase, size_t done, size_t total)
{
	fprintf(stderr, "geps import-offices: %s %zu/%zu\n",
	    strcmp(phase, "hash") == 0 ? "hashing initial secrets" : "writing rows",
	    done, total);
}

/* Reads the whole file (at most IMPORT_MAX_FILE bytes) into a malloc'd buffer. */
static int
read_file(const char *path, char **text, size_t *len, const char **why)
{
	FILE	*f;
	long	 n;

	*text = NULL;
	*why = "cannot read";
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		goto fail;
	if (n > IMPORT_MAX_FILE) {
		*why = "larger than 64 MiB";
		goto fail;
	}
	*text = xmalloc((size_t)n + 1);
	if (fread(*text, 1, (size_t)n, f) != (size_t)n)
		goto fail;
	*len = (size_t)n;
	fclose(f);
	return 0;
fail:
	free(*text);
	*text = NULL;
	fclose(f);
	return -1;
}

int
cmd_import_offices(int argc, char **argv)
{
	struct conf		*conf = NULL;
	struct db		*db = NULL;
	struct arena		*a = NULL;
	struct import_counts	 cnt;
	struct import_errors	 errs;
	enum import_status	 st;
	unsigned char		 md[32];
	char			 err[512], hex[65], *text = NULL;
	const char		*why;
	size_t			 len = 0, i;
	int			 rc = 1;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: geps [-c FILE] import-offices FILE.csv\n");
		return 2;
	}
	log_init("import", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps import-offices: %s\n", err);
		return 1;
	}
	if (read_file(argv[1], &text, &len, &why) != 0) {
		fprintf(stderr, "geps import-offices: %s: %s\n", argv[1], why);
		goto out;
	}
	crypto_sha256(text, len, md);
	crypto_hex(md, sizeof(md), hex);
	a = arena_new(1 << 20);
	db = db_new(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps import-offices: cannot connect: %s\n", db_errstr(db));
		goto out;
	}
	st = import_offices(conf, db, a, text, len, hex, &cnt, &errs, progress);
	switch (st) {
	case IMPORT_OK:
		printf("created: offices %lld, accounts %lld; "
		    "updated: offices %lld, accounts %lld; "
		    "unchanged: offices %lld, accounts %lld\n",
		    cnt.offices_created, cnt.accounts_created,
		    cnt.offices_updated, cnt.accounts_updated,
		    cnt.offices_unchanged, cnt.accounts_unchanged);
		rc = 0;
		break;
	case IMPORT_INVALID:
		for (i = 0; i < errs.n; i++) {
			if (errs.v[i].line > 0)
				fprintf(stderr, "line %zu: %s: %s\n", errs.v[i].line,
				    errs.v[i].field, errs.v[i].reason);
			else
				fprintf(stderr, "%s: %s\n", errs.v[i].field,
				    errs.v[i].reason);
		}
		fprintf(stderr, "geps import-offices: %zu error%s in %s; nothing was "
		    "written\n", errs.n, errs.n == 1 ? "" : "s", argv[1]);
		break;
	case IMPORT_CRYPTO:
		fprintf(stderr, "geps import-offices: making an initial secret failed; "
		    "nothing was written\n");
		break;
	case IMPORT_DB:
	default:
		fprintf(stderr, "geps import-offices: database error: %s; nothing was "
		    "written\n", db_errstr(db));
		break;
	}
out:
	if (db != NULL)
		db_free(db);
	if (a != NULL)
		arena_free(a);
	free(text);
	conf_free(conf);
	return rc;
}
