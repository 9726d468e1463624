/*
 * `geps audit verify`: walks the hash chain of audit_log and prints
 * "audit log intact: N rows" (exit 0) or "audit log broken at row ID" (exit 1);
 * exit 1 with a message on standard error when the database cannot be read.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cli.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "model/stmts.h"

int
cmd_audit(int argc, char **argv)
{
	struct conf	*conf = NULL;
	struct db	*db = NULL;
	struct arena	*a;
	struct db_val	 c[1];
	char		 err[512];
	long long	 bad, rows;
	int		 rc = 1;

	if (argc != 2 || strcmp(argv[1], "verify") != 0) {
		fprintf(stderr, "usage: geps [-c FILE] audit verify\n");
		return 2;
	}
	a = arena_new(64 * 1024);
	log_init("audit", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps audit: %s\n", err);
		goto out;
	}
	db = db_new(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps audit: cannot reach the database: %s\n",
		    db_errstr(db));
		goto out;
	}
	/* Counted first: rows appended during the walk are then not claimed as checked. */
	if (db_exec(db, STMT_AUDIT_COUNT, NULL) != DB_OK ||
	    db_fetch(db, STMT_AUDIT_COUNT, a, c) != 1) {
		fprintf(stderr, "geps audit: %s\n", db_errstr(db));
		goto out;
	}
	db_done(db, STMT_AUDIT_COUNT);
	rows = c[0].i;
	if ((bad = audit_verify(db, a)) < 0) {
		fprintf(stderr, "geps audit: %s\n", db_errstr(db));
		goto out;
	}
	if (bad > 0)
		printf("audit log broken at row %lld\n", bad);
	else {
		printf("audit log intact: %lld rows\n", rows);
		rc = 0;
	}
	if (fflush(stdout) != 0)
		rc = 1;
out:
	db_free(db);
	conf_free(conf);
	arena_free(a);
	return rc;
}
