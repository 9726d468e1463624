/*
 * Tests of the hash-chained audit log (lib/audit.c) against a real, migrated
 * database: the one named by GEPS_CONF (e.g. a `tests/stack.sh start DIR --test`
 * stack); without it the program skips with automake's code 77.  The tests append
 * to the real audit_log and leave their rows there (the log is append-only and the
 * chain must stay whole); a row they alter by hand is restored before the test ends.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <openssl/evp.h>

#include "check_run.h"

#include "arena.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "model/stmts.h"

/* Statements of the test itself, to read rows back and count them. */
enum tstmt {
	T_MAXID,
	T_COUNT,
	T_ROW,
	T__MAX
};

static const struct db_stmt_def tstmts[T__MAX] = {
	{ T_MAXID, "T_MAXID", "SELECT COALESCE(MAX(id), 0) FROM audit_log", "", "i" },
	{ T_COUNT, "T_COUNT", "SELECT COUNT(*) FROM audit_log WHERE action = ?", "s", "i" },
	{ T_ROW, "T_ROW",
	  "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), actor_user_id, "
	  "actor_label, client_addr, action, entity_type, entity_id, old_json, new_json, "
	  "prev_hash, row_hash FROM audit_log WHERE id = ?", "i", "sissssissbb" },
};

static struct conf	*conf;
static struct db	*W, *R, *A;
static struct arena	*ar;
static char		 action[64];	/* unique to this run */

static void
setup(void)
{
	W = db_new(conf, stmt_defs, STMT__MAX);
	R = db_new(conf, tstmts, T__MAX);
	A = db_new_admin(conf, tstmts, T__MAX);
	ar = arena_new(4096);
	ck_assert_msg(db_connect(W) == DB_OK, "connect: %s", db_errstr(W));
}

static void
teardown(void)
{
	db_free(W);
	db_free(R);
	db_free(A);
	arena_free(ar);
}

static long long
one_int(struct db *db, int id, const struct db_val *p)
{
	struct db_val	 c[1];

	ck_assert_msg(db_exec(db, id, p) == DB_OK, "%s", db_errstr(db));
	ck_assert_int_eq(db_fetch(db, id, ar, c), 1);
	db_done(db, id);
	return c[0].i;
}

static long long
max_id(void)
{
	return one_int(R, T_MAXID, NULL);
}

static long long
count_mine(void)
{
	struct db_val	 p = db_text(action);

	return one_int(R, T_COUNT, &p);
}

/* Appends one event of this run with new_json {"n":n}; returns its id. */
static long long
append(struct db *db, int n, const char *old_json)
{
	struct audit_event	 ev;
	char			 nj[32];
	enum db_err		 rc;

	memset(&ev, 0, sizeof(ev));
	snprintf(nj, sizeof(nj), "{\"n\":%d}", n);
	ev.actor_label = "cli";
	ev.client_addr = "127.0.0.1";
	ev.action = action;
	ev.entity_type = "user";
	ev.entity_id = n;
	ev.old_json = old_json;
	ev.new_json = nj;
	rc = audit_append(db, ar, &ev);
	ck_assert_msg(rc == DB_OK, "append: %d %s", (int)rc, db_errstr(db));
	return max_id();
}

static void
set_new_json(long long id, const char *json)
{
	char	 sql[256];
	int	 n;

	n = snprintf(sql, sizeof(sql), "UPDATE audit_log SET new_json = '%s' WHERE id = %lld",
	    json, id);
	ck_assert(n > 0 && (size_t)n < sizeof(sql));
	ck_assert_msg(db_script(A, sql, (size_t)n) == DB_OK, "%s", db_errstr(A));
}

START_TEST(audit_appended_rows_verify_intact)
{
	long long	 before = count_mine();

	append(W, 1, NULL);
	append(W, 2, "{\"n\":1}");
	append(W, 3, "{\"name\":\"\\u0627 علی\"}");
	ck_assert_int_eq(count_mine(), before + 3);
	ck_assert_int_eq(audit_verify(W, ar), 0);
}
END_TEST

START_TEST(audit_row_hash_follows_the_documented_encoding)
{
	struct db_val	 p, c[11];
	unsigned char	 h[32], len[8];
	unsigned int	 hl;
	EVP_MD_CTX	*ctx;
	long long	 id;
	uint64_t	 n;
	int		 i, j;

	append(W, 7, NULL);
	id = max_id();
	p = db_int(id);
	ck_assert(db_exec(R, T_ROW, &p) == DB_OK);
	ck_assert_int_eq(db_fetch(R, T_ROW, ar, c), 1);
	db_done(R, T_ROW);
	ck_assert_int_eq(c[0].len, 26);		/* YYYY-MM-DD HH:MM:SS.ffffff */
	ck_assert(c[1].null);			/* no actor */
	ck_assert(c[7].null);			/* no old value */
	ck_assert_int_eq(c[10].len, 32);

	/* prev_hash || for each field: 8-byte big-endian length + bytes, or ff x 8. */
	ctx = EVP_MD_CTX_new();
	ck_assert(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1);
	EVP_DigestUpdate(ctx, c[9].s, 32);
	for (i = 0; i < 9; i++) {
		const char	*s = c[i].s;
		char		 num[32];
		size_t		 sl = c[i].len;

		if ((i == 1 || i == 6) && !c[i].null) {
			snprintf(num, sizeof(num), "%lld", c[i].i);
			s = num;
			sl = strlen(num);
		}
		n = c[i].null ? UINT64_MAX : (uint64_t)sl;
		for (j = 0; j < 8; j++)
			len[j] = (unsigned char)(n >> (56 - 8 * j));
		EVP_DigestUpdate(ctx, len, 8);
		if (!c[i].null)
			EVP_DigestUpdate(ctx, s, sl);
	}
	EVP_DigestFinal_ex(ctx, h, &hl);
	EVP_MD_CTX_free(ctx);
	ck_assert(memcmp(h, c[10].s, 32) == 0);
}
END_TEST

START_TEST(audit_verify_names_exactly_the_altered_row)
{
	long long	 a, b;

	append(W, 10, NULL);
	a = append(W, 11, NULL);
	b = append(W, 12, NULL);
	ck_assert_int_gt(b, a);
	ck_assert_int_eq(audit_verify(W, ar), 0);
	set_new_json(a, "{\"n\":99}");
	ck_assert_int_eq(audit_verify(W, ar), a);
	set_new_json(a, "{\"n\":11}");
	ck_assert_int_eq(audit_verify(W, ar), 0);
}
END_TEST

START_TEST(audit_append_in_callers_transaction_rolls_back_with_it)
{
	long long	 before = count_mine();

	ck_assert(db_begin(W) == DB_OK);
	append(W, 20, NULL);
	db_rollback(W);
	ck_assert_int_eq(count_mine(), before);
	ck_assert(db_begin(W) == DB_OK);
	append(W, 21, NULL);
	ck_assert(db_commit(W) == DB_OK);
	ck_assert_int_eq(count_mine(), before + 1);
	ck_assert_int_eq(audit_verify(W, ar), 0);
}
END_TEST

/* Two processes, each with its own connection, append at the same time. */
START_TEST(audit_concurrent_appends_keep_one_chain)
{
	long long	 before = count_mine();
	pid_t		 pid[2];
	int		 i, k, st;

	for (k = 0; k < 2; k++) {
		if ((pid[k] = fork()) == 0) {
			struct db	*d = db_new(conf, stmt_defs, STMT__MAX);
			struct arena	*a = arena_new(4096);
			struct audit_event ev;

			memset(&ev, 0, sizeof(ev));
			ev.action = action;
			ev.new_json = "{\"concurrent\":true}";
			for (i = 0; i < 40; i++) {
				ev.entity_id = k * 100 + i + 1;
				enum db_err e = audit_append(d, a, &ev);

				if (e != DB_OK) {
					fprintf(stderr, "child %d: append %d: %d %s\n",
					    k, i, (int)e, db_errstr(d));
					_exit(1);
				}
				arena_reset(a);
			}
			db_free(d);
			arena_free(a);
			_exit(0);
		}
		ck_assert_int_gt(pid[k], 0);
	}
	for (k = 0; k < 2; k++) {
		ck_assert_int_eq(waitpid(pid[k], &st, 0), pid[k]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %d failed", k);
	}
	ck_assert_int_eq(count_mine(), before + 80);
	ck_assert_int_eq(audit_verify(W, ar), 0);
}
END_TEST

int
main(void)
{
	const char	*path = getenv("GEPS_CONF");
	char		 err[512];
	Suite		*s;
	TCase		*tc;
	int		 rc;

	if (path == NULL || *path == '\0') {
		fprintf(stderr, "test_audit: GEPS_CONF not set: skipped\n");
		return 77;
	}
	log_init("test_audit", LOG_ERR);
	if ((conf = conf_load(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "test_audit: %s\n", err);
		return 1;
	}
	snprintf(action, sizeof(action), "test.audit.%ld", (long)getpid());

	s = suite_create("audit");
	tc = tcase_create("mariadb");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, audit_appended_rows_verify_intact);
	tcase_add_test(tc, audit_row_hash_follows_the_documented_encoding);
	tcase_add_test(tc, audit_verify_names_exactly_the_altered_row);
	tcase_add_test(tc, audit_append_in_callers_transaction_rolls_back_with_it);
	tcase_add_test(tc, audit_concurrent_appends_keep_one_chain);
	suite_add_tcase(s, tc);
	rc = check_run(s);
	conf_free(conf);
	return rc;
}
