/*
 * `geps round create|open|extend|show`: the rounds HQ administers at /hq/rounds,
 * from the command line.  Dates are Jalali (ASCII or Persian digits, '/' or '-').
 *
 *   geps round create --code 1405-2 --title TITLE --start 1405/12/01
 *                     [--end DATE] [--review-end DATE] [--correction-days N]
 *                     [--objection-days N]
 *   geps round open CODE
 *   geps round extend CODE --to DATE [--office OFFICE_CODE --reason TEXT --by NATIONAL_ID]
 *   geps round show CODE
 *   geps round close CODE    end the declarations (open -> review) once the window,
 *                            and every office's extension, is over
 *
 * Every change is audited (actor "cli").  Exit 0 done, 1 refused (the reason on
 * standard error, in Persian) or failed, 2 bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cli.h"
#include "conf.h"
#include "db.h"
#include "clock.h"
#include "log.h"
#include "model/ranking.h"
#include "model/round.h"
#include "model/rubric.h"
#include "model/stmts.h"

static const char *
opt(int argc, char **argv, const char *name)
{
	int	 i;

	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* Every "--x" is known and followed by a value; positional arguments: npos. */
static int
opts_ok(int argc, char **argv, int npos, const char *const *known)
{
	int	 i, k, pos = 0;

	for (i = 2; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0) {
			if (++pos > npos)
				return 0;
			continue;
		}
		for (k = 0; known[k] != NULL; k++)
			if (strcmp(argv[i], known[k]) == 0)
				break;
		if (known[k] == NULL || i + 1 >= argc)
			return 0;
		i++;
	}
	return pos == npos;
}

static int
show(struct db *db, struct arena *a, long long id)
{
	struct round_admin ra;
	struct rubric	 rb;
	struct db_val	 p = db_int(id), c[2];
	size_t		 i;
	int		 found;

	if (round_get(db, a, id, &ra, &found) != DB_OK || !found ||
	    rubric_load(db, a, id, &rb) != DB_OK) {
		fprintf(stderr, "geps round: %s\n", db_errstr(db));
		return -1;
	}
	printf("round %s: %s\nstate: %s\n", ra.code, ra.title, ra.state);
	printf("declaration: %s (%s) to %s (%s)\n", round_jalali(a, ra.decl_start),
	    ra.decl_start, round_jalali(a, ra.decl_end), ra.decl_end);
	printf("review until: %s (%s)\n", round_jalali(a, ra.review_end), ra.review_end);
	printf("correction days: %d, objection days: %d\n", ra.correction_days,
	    ra.objection_days);
	printf("rank 1 from %d.%02d, rank 2 from %d.%02d points\n", ra.rank1_min_x100 / 100,
	    ra.rank1_min_x100 % 100, ra.rank2_min_x100 / 100, ra.rank2_min_x100 % 100);
	printf("rubric: %zu sections, %zu criteria, %zu bands/options, %zu evidence requirements\n",
	    rb.nsections, rb.ncrits, rb.nopts, rb.nevs);
	for (i = 0; i < rb.nsections; i++)
		printf("  %s: %s (%zu criteria, %zu documents)\n", rb.sections[i].code,
		    rb.sections[i].title, rb.sections[i].ncrits, rb.sections[i].nevs);
	if (db_exec(db, STMT_ROUND_DECL_COUNTS, &p) == DB_OK)
		while (db_fetch(db, STMT_ROUND_DECL_COUNTS, a, c) == 1)
			printf("files %s: %lld\n", c[0].s, c[1].i);
	return 0;
}

int
cmd_round(int argc, char **argv)
{
	static const char *const create_opts[] = { "--code", "--title", "--start", "--end",
	    "--review-end", "--correction-days", "--objection-days", NULL };
	static const char *const extend_opts[] = { "--to", "--office", "--reason", "--by", NULL };
	static const char *const none[] = { NULL };
	struct conf	*conf = NULL;
	struct db	*db = NULL;
	struct arena	*a;
	struct audit_event actor;
	const char	*why = NULL, *sub = argc > 1 ? argv[1] : "";
	char		 err[512];
	long long	 id = 0;
	int		 rc = 1;

	if (!((strcmp(sub, "create") == 0 && opts_ok(argc, argv, 0, create_opts)) ||
	    (strcmp(sub, "open") == 0 && opts_ok(argc, argv, 1, none)) ||
	    (strcmp(sub, "show") == 0 && opts_ok(argc, argv, 1, none)) ||
	    (strcmp(sub, "close") == 0 && opts_ok(argc, argv, 1, none)) ||
	    (strcmp(sub, "extend") == 0 && opts_ok(argc, argv, 1, extend_opts) &&
	    opt(argc, argv, "--to") != NULL))) {
		fprintf(stderr, "usage: geps [-c FILE] round create --code CODE --title TITLE "
		    "--start DATE [--end DATE] [--review-end DATE] [--correction-days N] "
		    "[--objection-days N]\n"
		    "       geps round open|close|show CODE\n"
		    "       geps round extend CODE --to DATE [--office CODE --reason TEXT "
		    "--by NATIONAL_ID]\n");
		return 2;
	}
	a = arena_new(1 << 20);
	log_init("round", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps round: %s\n", err);
		goto out;
	}
	cli_test_clock(conf);
	db = db_new_admin(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps round: cannot reach the database: %s\n", db_errstr(db));
		goto out;
	}
	memset(&actor, 0, sizeof(actor));
	actor.actor_label = "cli";

	if (strcmp(sub, "create") == 0) {
		struct round_form f;
		struct round_problem probs[8];
		size_t np, i;
		const char *rubric = round_default_rubric(a, conf->sql_dir);

		memset(&f, 0, sizeof(f));
		f.code = opt(argc, argv, "--code") ? opt(argc, argv, "--code") : "";
		f.title = opt(argc, argv, "--title") ? opt(argc, argv, "--title") : "";
		f.start = opt(argc, argv, "--start");
		f.end = opt(argc, argv, "--end");
		f.review_end = opt(argc, argv, "--review-end");
		f.correction_days = opt(argc, argv, "--correction-days");
		f.objection_days = opt(argc, argv, "--objection-days");
		if (round_create(db, a, &f, rubric, &actor, &id, probs, &np) != DB_OK) {
			fprintf(stderr, "geps round: %s\n", db_errstr(db));
			goto out;
		}
		for (i = 0; i < np; i++)
			fprintf(stderr, "geps round: %s: %s\n", probs[i].field, probs[i].message);
		if (id == 0)
			goto out;
		rc = show(db, a, id) == 0 ? 0 : 1;
		goto out;
	}
	if (round_by_code(db, argv[2], &id) != DB_OK) {
		fprintf(stderr, "geps round: %s\n", db_errstr(db));
		goto out;
	}
	if (id == 0) {
		fprintf(stderr, "geps round: دوره‌ای با کد %s پیدا نشد.\n", argv[2]);
		goto out;
	}
	if (strcmp(sub, "open") == 0) {
		if (round_open(db, a, id, &actor, &why) != DB_OK) {
			fprintf(stderr, "geps round: %s\n", db_errstr(db));
			goto out;
		}
	} else if (strcmp(sub, "close") == 0) {
		if (ranking_close_declarations(db, a, id, clock_now(), &actor, &why) != DB_OK) {
			fprintf(stderr, "geps round: %s\n", db_errstr(db));
			goto out;
		}
	} else if (strcmp(sub, "extend") == 0) {
		const char *office = opt(argc, argv, "--office"), *by = opt(argc, argv, "--by");

		if (office != NULL) {
			struct db_val p = db_text(by != NULL ? by : ""), c[1];

			/* An office's extension names the HQ user who granted it. */
			if (by == NULL || db_exec(db, STMT_ROUND_HQ_BY_NID, &p) != DB_OK ||
			    db_fetch(db, STMT_ROUND_HQ_BY_NID, NULL, c) != 1) {
				fprintf(stderr, "geps round: --by must be the national ID of an HQ user\n");
				goto out;
			}
			db_done(db, STMT_ROUND_HQ_BY_NID);
			actor.actor_user_id = c[0].i;
		}
		if (round_extend(db, a, id, opt(argc, argv, "--to"), office,
		    opt(argc, argv, "--reason"), &actor, &why) != DB_OK) {
			fprintf(stderr, "geps round: %s\n", db_errstr(db));
			goto out;
		}
	}
	if (why != NULL) {
		fprintf(stderr, "geps round: %s\n", why);
		goto out;
	}
	rc = show(db, a, id) == 0 && fflush(stdout) == 0 ? 0 : 1;
out:
	db_free(db);
	conf_free(conf);
	arena_free(a);
	return rc;
}
