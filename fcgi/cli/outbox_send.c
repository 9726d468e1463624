/*
 * `geps outbox send [--once]`: delivers the messages that are due, then prints
 * "sent N, failed M, queued K" (N delivered by this run, M given up by this run,
 * K still waiting, including rows whose retry is not due yet).  Without --once it
 * works in batches of 100 until a batch delivers fewer than it could; --once runs
 * one batch.  Exits 0, or 1 when the configuration or the database is unusable
 * (and 2 for bad usage).  `geps serve`'s master runs the same delivery on a timer.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "model/outbox.h"
#include "model/stmts.h"

#define BATCH	100

/* Totals of failed and waiting rows; 0, or -1 if the database failed. */
static int
stats(struct db *db, struct arena *a, long long *failed, long long *queued)
{
	struct db_val	 c[2];

	if (db_exec(db, STMT_OUTBOX_STATS, NULL) != DB_OK ||
	    db_fetch(db, STMT_OUTBOX_STATS, a, c) != 1)
		return -1;
	db_done(db, STMT_OUTBOX_STATS);
	*failed = c[0].i;
	*queued = c[1].i;
	return 0;
}

int
cmd_outbox(int argc, char **argv)
{
	struct conf	*conf = NULL;
	struct db	*db = NULL;
	struct arena	*a;
	char		 err[512];
	enum log_level	 lvl;
	long long	 failed0, failed1, queued;
	int		 once = 0, n, sent = 0, rc = 1, i;

	/* argv[0] is "outbox"; the verb follows. */
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else
			argc = 0;
	}
	if (argc < 2 || strcmp(argv[1], "send") != 0) {
		fprintf(stderr, "usage: geps [-c FILE] outbox send [--once]\n");
		return 2;
	}
	a = arena_new(64 * 1024);
	log_init("outbox", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps outbox: %s\n", err);
		goto out;
	}
	if (log_level_parse(conf->log_level, &lvl) == 0 && lvl > LOG_WARN)
		log_init("outbox", lvl);
	db = db_new(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK || stats(db, a, &failed0, &queued) != 0) {
		fprintf(stderr, "geps outbox: cannot reach the database: %s\n",
		    db_errstr(db));
		goto out;
	}
	do {
		arena_reset(a);
		if ((n = outbox_send_due(conf, db, a, BATCH)) < 0) {
			fprintf(stderr, "geps outbox: the database went away: %s\n",
			    db_errstr(db));
			goto out;
		}
		sent += n;
	} while (!once && n == BATCH);
	if (stats(db, a, &failed1, &queued) != 0) {
		fprintf(stderr, "geps outbox: %s\n", db_errstr(db));
		goto out;
	}
	printf("sent %d, failed %lld, queued %lld\n", sent,
	    failed1 > failed0 ? failed1 - failed0 : 0, queued);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	db_free(db);
	conf_free(conf);
	arena_free(a);
	return rc;
}
