/*
 * Ranking, publication and exports of a round, from the command line:
 *
 *   geps rank CODE               score every office of the round (review|scoring -> scoring)
 *   geps publish CODE            publish the ranks (scoring -> published), notify licensees
 *   geps publish --final CODE    publish the final ranks after objections (-> final)
 *   geps export CODE [--format csv|xlsx] [-o FILE]
 *                                the results with their breakdown (CSV to stdout by default)
 *
 * Every change is one transaction, audited with actor "cli".  Exit 0 done, 1
 * refused (the reason on standard error, in Persian) or failed, 2 bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cli.h"
#include "clock.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "model/export.h"
#include "model/ranking.h"
#include "model/round.h"
#include "model/stmts.h"

static int
usage(void)
{
	fprintf(stderr, "usage: geps [-c FILE] rank CODE\n"
	    "       geps [-c FILE] publish [--final] CODE\n"
	    "       geps [-c FILE] export CODE [--format csv|xlsx] [-o FILE]\n");
	return 2;
}

int
cmd_rank(int argc, char **argv)
{
	struct conf	*conf = NULL;
	struct db	*db = NULL;
	struct arena	*a;
	struct audit_event actor;
	struct rank_counts counts;
	const char	*cmd = argv[0], *code = NULL, *why = NULL, *out = "-", *fmt = "csv";
	char		 err[512];
	long long	 id = 0, rows = 0;
	int64_t		 t0;
	int		 i, final = 0, rc = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(cmd, "publish") == 0 && strcmp(argv[i], "--final") == 0)
			final = 1;
		else if (strcmp(cmd, "export") == 0 && strcmp(argv[i], "--format") == 0 &&
		    i + 1 < argc)
			fmt = argv[++i];
		else if (strcmp(cmd, "export") == 0 && strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] != '-' && code == NULL)
			code = argv[i];
		else
			return usage();
	}
	if (code == NULL || (strcmp(fmt, "csv") != 0 && strcmp(fmt, "xlsx") != 0) ||
	    (strcmp(fmt, "xlsx") == 0 && strcmp(out, "-") == 0))
		return usage();
	a = arena_new(1 << 20);
	log_init(cmd, LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps %s: %s\n", cmd, err);
		goto out;
	}
	cli_test_clock(conf);
	db = db_new_admin(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps %s: cannot reach the database: %s\n", cmd, db_errstr(db));
		goto out;
	}
	if (round_by_code(db, code, &id) != DB_OK) {
		fprintf(stderr, "geps %s: %s\n", cmd, db_errstr(db));
		goto out;
	}
	if (id == 0) {
		fprintf(stderr, "geps %s: دوره‌ای با کد %s پیدا نشد.\n", cmd, code);
		goto out;
	}
	memset(&actor, 0, sizeof(actor));
	actor.actor_label = "cli";
	t0 = clock_mono_us();
	if (strcmp(cmd, "rank") == 0) {
		if (ranking_run(db, a, id, clock_now(), &actor, &counts, &why) != DB_OK) {
			fprintf(stderr, "geps rank: %s\n", db_errstr(db));
			goto out;
		}
		if (why == NULL)
			printf("round %s ranked: %lld files in %.3f s; rank 1: %lld, rank 2: %lld, "
			    "rank 3: %lld, not evaluated: %lld (on last known data: %lld)\n",
			    code, counts.files, (double)(clock_mono_us() - t0) / 1e6,
			    counts.by_rank[1], counts.by_rank[2], counts.by_rank[3],
			    counts.by_rank[0], counts.last_known);
	} else if (strcmp(cmd, "publish") == 0) {
		if ((final ? ranking_publish_final : ranking_publish)(db, a, id, clock_now(),
		    &actor, &why) != DB_OK) {
			fprintf(stderr, "geps publish: %s\n", db_errstr(db));
			goto out;
		}
		if (why == NULL)
			printf("round %s: %s published\n", code, final ? "final ranks" : "ranks");
	} else {
		if (export_round(db, a, id, strcmp(fmt, "xlsx") == 0 ? EXPORT_XLSX : EXPORT_CSV,
		    out, &rows, &why) != DB_OK) {
			fprintf(stderr, "geps export: %s\n", why != NULL ? why : db_errstr(db));
			goto out;
		}
		if (strcmp(out, "-") != 0)
			printf("round %s: %lld offices written to %s\n", code, rows, out);
	}
	if (why != NULL) {
		fprintf(stderr, "geps %s: %s\n", cmd, why);
		goto out;
	}
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	db_free(db);
	conf_free(conf);
	arena_free(a);
	return rc;
}

static void
report_stmt(const char *name, const char *err)
{
	fprintf(stderr, "geps check-sql: %s: %s\n", name, err);
}

/* `geps check-sql`: prepares every statement against the migrated database. */
int
cmd_check_sql(int argc, char **argv)
{
	struct conf	*conf;
	struct db	*db;
	char		 err[512];
	size_t		 bad;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: geps [-c FILE] check-sql\n");
		return 2;
	}
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps check-sql: %s\n", err);
		return 1;
	}
	db = db_new(conf, stmt_defs, STMT__MAX);
	bad = db_check_all(db, report_stmt);
	printf("%zu statements, %zu failed\n", (size_t)STMT__MAX, bad);
	db_free(db);
	conf_free(conf);
	return bad == 0 ? 0 : 1;
}
