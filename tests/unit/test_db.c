/*
 * Tests of the MariaDB statement layer (lib/db.c) against a real server: binding of
 * text, integer and NULL parameters, results read back exactly (long text re-read
 * whole, Persian UTF-8 untouched), rows walked and released, error classes, the
 * transaction rules, and what happens when the connection is killed or the server
 * cannot be reached.  The server is the one named by the configuration file in
 * GEPS_CONF (e.g. a `tests/stack.sh start DIR --test` stack); without it the program
 * skips with automake's code 77.  Each run works on a table of its own, named after
 * its pid and start time, so that parallel runs cannot disturb each other, and drops
 * it at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "xalloc.h"

/* The statement table of this test; "@T" in the SQL stands for the run's table. */
enum stmt {
	S_INSERT,
	S_GET,
	S_LIST,
	S_COUNT_LIKE,
	S_SET_N_LIKE,
	S_CONN_ID,
	S_CONN_ALIVE,
	S_BAD_PARAMS,
	S_BAD_COLS,
	S__MAX
};

static const struct db_stmt_def stmt_tmpl[S__MAX] = {
	{ S_INSERT, "S_INSERT",
	  "INSERT INTO @T (k, v, n) VALUES (?, ?, ?)", "ssi", "" },
	{ S_GET, "S_GET",
	  "SELECT id, k, v, n FROM @T WHERE k = ?", "s", "issi" },
	{ S_LIST, "S_LIST",
	  "SELECT k, n FROM @T WHERE k LIKE ? ORDER BY n", "s", "si" },
	{ S_COUNT_LIKE, "S_COUNT_LIKE",
	  "SELECT COUNT(*) FROM @T WHERE k LIKE ?", "s", "i" },
	{ S_SET_N_LIKE, "S_SET_N_LIKE",
	  "UPDATE @T SET n = ? WHERE k LIKE ?", "is", "" },
	{ S_CONN_ID, "S_CONN_ID",
	  "SELECT CONNECTION_ID()", "", "i" },
	{ S_CONN_ALIVE, "S_CONN_ALIVE",
	  "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", "i", "i" },
	/* These two disagree with their SQL on purpose. */
	{ S_BAD_PARAMS, "S_BAD_PARAMS",
	  "SELECT k FROM @T WHERE k = ?", "", "s" },
	{ S_BAD_COLS, "S_BAD_COLS",
	  "SELECT k, v FROM @T WHERE k = ?", "s", "s" },
};

static struct conf		*conf;
static char			 table[64];
static char			 sqlbuf[S__MAX][256];
static struct db_stmt_def	 stmts[S__MAX];

/* Per test (checked fixture): a worker connection, an admin one, an arena. */
static struct db	*W, *A;
static struct arena	*ar;

/* Copies tmpl into out with every "@T" replaced by the table name; 0 if too long. */
static int
expand(char *out, size_t outsz, const char *tmpl)
{
	size_t	 o = 0, tl = strlen(table);

	while (*tmpl != '\0') {
		if (tmpl[0] == '@' && tmpl[1] == 'T') {
			if (outsz - o <= tl)
				return 0;
			memcpy(out + o, table, tl);
			o += tl;
			tmpl += 2;
			continue;
		}
		if (outsz - o <= 1)
			return 0;
		out[o++] = *tmpl++;
	}
	out[o] = '\0';
	return 1;
}

static enum db_err
script(struct db *db, const char *tmpl)
{
	char	 sql[512];

	if (!expand(sql, sizeof(sql), tmpl))
		return DB_ERROR;
	return db_script(db, sql, strlen(sql));
}

static void
setup(void)
{
	W = db_new(conf, stmts, S__MAX);
	A = db_new_admin(conf, stmts, S__MAX);
	ar = arena_new(4096);
	ck_assert_msg(db_connect(W) == DB_OK, "connect: %s", db_errstr(W));
	ck_assert_msg(script(A, "DELETE FROM @T") == DB_OK, "clear: %s", db_errstr(A));
}

static void
teardown(void)
{
	db_free(W);
	db_free(A);
	arena_free(ar);
	W = A = NULL;
	ar = NULL;
}

static enum db_err
insert(struct db *db, const char *k, struct db_val v, struct db_val n)
{
	struct db_val	 p[3];

	p[0] = db_text(k);
	p[1] = v;
	p[2] = n;
	return db_exec(db, S_INSERT, p);
}

/* Reads the row of key k into c[4]; returns db_fetch's answer for the first row. */
static int
get(struct db *db, const char *k, struct db_val *c)
{
	struct db_val	 p = db_text(k);
	enum db_err	 rc;
	int		 r;

	rc = db_exec(db, S_GET, &p);
	ck_assert_msg(rc == DB_OK, "get %s: %d %s", k, (int)rc, db_errstr(db));
	r = db_fetch(db, S_GET, ar, c);
	db_done(db, S_GET);
	return r;
}

static long long
count_like(struct db *db, const char *pattern)
{
	struct db_val	 p = db_text(pattern), c;
	enum db_err	 rc;

	rc = db_exec(db, S_COUNT_LIKE, &p);
	ck_assert_msg(rc == DB_OK, "count: %d %s", (int)rc, db_errstr(db));
	ck_assert_int_eq(db_fetch(db, S_COUNT_LIKE, ar, &c), 1);
	ck_assert_int_eq(db_fetch(db, S_COUNT_LIKE, ar, &c), 0);
	return c.i;
}

static long long
conn_id(struct db *db)
{
	struct db_val	 c;
	enum db_err	 rc;

	rc = db_exec(db, S_CONN_ID, NULL);
	ck_assert_msg(rc == DB_OK, "conn id: %d %s", (int)rc, db_errstr(db));
	ck_assert_int_eq(db_fetch(db, S_CONN_ID, ar, &c), 1);
	db_done(db, S_CONN_ID);
	ck_assert_int_gt(c.i, 0);
	return c.i;
}

/*
 * Kills connection id from the admin connection and waits until the server has
 * let it go, so that the next use of the victim certainly meets a dead socket.
 */
static void
kill_conn(long long id)
{
	char		 sql[64];
	struct db_val	 p = db_int(id), c;
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	int		 n;

	n = snprintf(sql, sizeof(sql), "KILL CONNECTION %lld", id);
	ck_assert(n > 0 && (size_t)n < sizeof(sql));
	ck_assert_msg(db_script(A, sql, (size_t)n) == DB_OK, "kill: %s", db_errstr(A));
	for (n = 0; n < 250; n++) {
		ck_assert(db_exec(A, S_CONN_ALIVE, &p) == DB_OK);
		ck_assert_int_eq(db_fetch(A, S_CONN_ALIVE, ar, &c), 1);
		db_done(A, S_CONN_ALIVE);
		if (c.i == 0)
			return;
		nanosleep(&ts, NULL);
	}
	ck_abort_msg("connection %lld still alive after KILL", id);
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(db_insert_binds_text_int_null_and_reports_id_and_affected)
{
	uint64_t	 id1, id2;
	struct db_val	 p[2];

	ck_assert_int_eq(insert(W, "a", db_text("hello"), db_int(42)), DB_OK);
	ck_assert_uint_eq(db_affected(W, S_INSERT), 1);
	id1 = db_insert_id(W, S_INSERT);
	ck_assert_uint_gt(id1, 0);

	ck_assert_int_eq(insert(W, "b", db_null(), db_null()), DB_OK);
	ck_assert_uint_eq(db_affected(W, S_INSERT), 1);
	id2 = db_insert_id(W, S_INSERT);
	ck_assert_uint_eq(id2, id1 + 1);

	/* Affected rows of an UPDATE count the rows it matched. */
	p[0] = db_int(7);
	p[1] = db_text("%");
	ck_assert_int_eq(db_exec(W, S_SET_N_LIKE, p), DB_OK);
	ck_assert_uint_eq(db_affected(W, S_SET_N_LIKE), 2);
}
END_TEST

START_TEST(db_select_returns_ints_and_flags_null_columns)
{
	struct db_val	 c[4];
	uint64_t	 id;

	ck_assert_int_eq(insert(W, "a", db_text("hello"), db_int(-9000000000LL)), DB_OK);
	id = db_insert_id(W, S_INSERT);
	ck_assert_int_eq(insert(W, "b", db_null(), db_null()), DB_OK);

	ck_assert_int_eq(get(W, "a", c), 1);
	ck_assert_int_eq(c[0].null, 0);
	ck_assert_int_eq(c[0].i, (long long)id);
	ck_assert_str_eq(c[1].s, "a");
	ck_assert_uint_eq(c[1].len, 1);
	ck_assert_int_eq(c[2].null, 0);
	ck_assert_str_eq(c[2].s, "hello");
	ck_assert_uint_eq(c[2].len, 5);
	ck_assert_int_eq(c[3].null, 0);
	ck_assert_int_eq(c[3].i, -9000000000LL);

	ck_assert_int_eq(get(W, "b", c), 1);
	ck_assert_int_eq(c[1].null, 0);
	ck_assert_int_eq(c[2].null, 1);
	ck_assert_uint_eq(c[2].len, 0);
	ck_assert_int_eq(c[3].null, 1);

	ck_assert_int_eq(get(W, "missing", c), 0);
}
END_TEST

START_TEST(db_text_longer_than_first_buffer_is_returned_whole)
{
	/* Around the 256-byte first buffer, then 100 KB. */
	static const size_t	 sizes[] = { 255, 256, 257, 100 * 1024 };
	struct db_val		 c[4];
	char			*big, key[32];
	size_t			 i, j;

	big = xmalloc(sizes[3] + 1);
	for (j = 0; j < sizes[3]; j++)
		big[j] = (char)('a' + (j * 7 + j / 26) % 26);
	big[sizes[3]] = '\0';
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(key, sizeof(key), "big%zu", sizes[i]);
		/* The end differs per size, so a stale first buffer would show. */
		big[sizes[i] - 1] = 'Z';
		ck_assert_int_eq(insert(W, key, db_textn(big, sizes[i]), db_int((long long)i)),
		    DB_OK);
		big[sizes[i] - 1] = (char)('a' + ((sizes[i] - 1) * 7 + (sizes[i] - 1) / 26) % 26);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(key, sizeof(key), "big%zu", sizes[i]);
		ck_assert_int_eq(get(W, key, c), 1);
		ck_assert_int_eq(c[2].null, 0);
		ck_assert_uint_eq(c[2].len, sizes[i]);
		ck_assert_int_eq(memcmp(c[2].s, big, sizes[i] - 1), 0);
		ck_assert_int_eq(c[2].s[sizes[i] - 1], 'Z');
		ck_assert_int_eq(c[2].s[sizes[i]], '\0');
		/* The columns after the long one are still right. */
		ck_assert_int_eq(c[3].i, (long long)i);
	}
	free(big);
}
END_TEST

START_TEST(db_persian_utf8_and_embedded_nul_are_exact)
{
	/* Arabic-script letters, Persian digits, a ZWNJ (U+200C) and an em dash. */
	static const char	 fa[] = "نام: زهرا\u200cی محمدی — ۱۴۰۳/۰۲/۱۵ گچپژ";
	static const char	 fakey[] = "کلید\u200cفارسی";
	static const char	 nul[] = { 'a', '\0', 'b' };
	struct db_val		 c[4];

	ck_assert_int_eq(insert(W, fakey, db_text(fa), db_int(1)), DB_OK);
	ck_assert_int_eq(insert(W, "nul", db_textn(nul, sizeof(nul)), db_int(2)), DB_OK);

	ck_assert_int_eq(get(W, fakey, c), 1);
	ck_assert_uint_eq(c[1].len, strlen(fakey));
	ck_assert_str_eq(c[1].s, fakey);
	ck_assert_uint_eq(c[2].len, strlen(fa));
	ck_assert_int_eq(memcmp(c[2].s, fa, sizeof(fa)), 0);

	ck_assert_int_eq(get(W, "nul", c), 1);
	ck_assert_uint_eq(c[2].len, sizeof(nul));
	ck_assert_int_eq(memcmp(c[2].s, nul, sizeof(nul)), 0);
}
END_TEST

START_TEST(db_fetch_gives_each_row_then_zero)
{
	struct db_val	 p = db_text("r%"), c[2];
	char		 key[16];
	int		 i;

	for (i = 1; i <= 5; i++) {
		snprintf(key, sizeof(key), "r%d", i);
		ck_assert_int_eq(insert(W, key, db_null(), db_int(i)), DB_OK);
	}
	ck_assert_int_eq(db_exec(W, S_LIST, &p), DB_OK);
	ck_assert_uint_eq(db_affected(W, S_LIST), 5);
	for (i = 1; i <= 5; i++) {
		snprintf(key, sizeof(key), "r%d", i);
		ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 1);
		ck_assert_str_eq(c[0].s, key);
		ck_assert_int_eq(c[1].i, i);
	}
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 0);
	/* The result was released at the end: there is nothing more to read. */
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), -1);
}
END_TEST

START_TEST(db_done_releases_a_partly_read_result_so_it_runs_again)
{
	struct db_val	 p = db_text("r%"), c[2];
	char		 key[16];
	int		 i;

	for (i = 1; i <= 5; i++) {
		snprintf(key, sizeof(key), "r%d", i);
		ck_assert_int_eq(insert(W, key, db_null(), db_int(i)), DB_OK);
	}
	ck_assert_int_eq(db_exec(W, S_LIST, &p), DB_OK);
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 1);
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 1);
	ck_assert_int_eq(c[1].i, 2);
	db_done(W, S_LIST);
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), -1);

	/* The same statement again starts from the first row. */
	ck_assert_int_eq(db_exec(W, S_LIST, &p), DB_OK);
	for (i = 1; i <= 5; i++) {
		ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 1);
		ck_assert_int_eq(c[1].i, i);
	}
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 0);

	/* Running it again while rows are unread drops them too. */
	ck_assert_int_eq(db_exec(W, S_LIST, &p), DB_OK);
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 1);
	ck_assert_int_eq(db_exec(W, S_LIST, &p), DB_OK);
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 1);
	ck_assert_int_eq(c[1].i, 1);
	db_done(W, S_LIST);
}
END_TEST

START_TEST(db_stored_results_let_another_statement_run_between_rows)
{
	struct db_val	 p = db_text("r%"), c[2];
	int		 i;

	ck_assert_int_eq(insert(W, "r1", db_null(), db_int(1)), DB_OK);
	ck_assert_int_eq(insert(W, "r2", db_null(), db_int(2)), DB_OK);
	ck_assert_int_eq(db_exec(W, S_LIST, &p), DB_OK);
	for (i = 1; i <= 2; i++) {
		ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 1);
		ck_assert_int_eq(c[1].i, i);
		ck_assert_int_eq(count_like(W, "r%"), 2);
	}
	ck_assert_int_eq(db_fetch(W, S_LIST, ar, c), 0);
}
END_TEST

START_TEST(db_duplicate_unique_key_is_db_dup)
{
	ck_assert_int_eq(insert(W, "dup", db_text("first"), db_int(1)), DB_OK);
	ck_assert_int_eq(insert(W, "dup", db_text("second"), db_int(2)), DB_DUP);
	ck_assert_int_eq(db_is_down(W), 0);
	ck_assert_int_eq(count_like(W, "dup"), 1);
}
END_TEST

START_TEST(db_count_mismatch_is_db_error_at_prepare)
{
	struct db_val	 p = db_text("x"), c[2];

	ck_assert_int_eq(db_exec(W, S_BAD_PARAMS, NULL), DB_ERROR);
	ck_assert_ptr_nonnull(strstr(db_errstr(W), "mismatch"));
	ck_assert_int_eq(db_exec(W, S_BAD_COLS, &p), DB_ERROR);
	ck_assert_ptr_nonnull(strstr(db_errstr(W), "mismatch"));
	ck_assert_int_eq(db_fetch(W, S_BAD_COLS, ar, c), -1);
	/* Still refused the second time: nothing half-prepared was kept. */
	ck_assert_int_eq(db_exec(W, S_BAD_COLS, &p), DB_ERROR);
	ck_assert_int_eq(db_is_down(W), 0);
	/* The connection itself is fine. */
	ck_assert_int_eq(count_like(W, "%"), 0);
}
END_TEST

START_TEST(db_rollback_leaves_nothing_and_commit_stays)
{
	ck_assert_int_eq(db_begin(W), DB_OK);
	ck_assert_int_eq(db_in_txn(W), 1);
	ck_assert_int_eq(db_begin(W), DB_ERROR);
	ck_assert_int_eq(insert(W, "rolled", db_null(), db_int(1)), DB_OK);
	ck_assert_int_eq(count_like(W, "rolled"), 1);
	ck_assert_int_eq(count_like(A, "rolled"), 0);
	db_rollback(W);
	ck_assert_int_eq(db_in_txn(W), 0);
	ck_assert_int_eq(count_like(W, "rolled"), 0);
	ck_assert_int_eq(count_like(A, "rolled"), 0);

	ck_assert_int_eq(db_begin(W), DB_OK);
	ck_assert_int_eq(insert(W, "kept", db_null(), db_int(2)), DB_OK);
	ck_assert_int_eq(count_like(A, "kept"), 0);
	ck_assert_int_eq(db_commit(W), DB_OK);
	ck_assert_int_eq(db_in_txn(W), 0);
	ck_assert_int_eq(count_like(W, "kept"), 1);
	ck_assert_int_eq(count_like(A, "kept"), 1);
	ck_assert_int_eq(db_commit(W), DB_ERROR);
}
END_TEST

START_TEST(db_read_after_killed_connection_reconnects_and_retries_once)
{
	struct db_val	 c[4];
	long long	 before, after;

	ck_assert_int_eq(insert(W, "survivor", db_text("still here"), db_int(5)), DB_OK);
	/* Prepare S_GET on this connection, so that the kill takes the statement along. */
	ck_assert_int_eq(get(W, "survivor", c), 1);
	before = conn_id(W);
	kill_conn(before);

	/* The first call after the kill succeeds: reconnect, prepare again, retry. */
	ck_assert_int_eq(get(W, "survivor", c), 1);
	ck_assert_int_eq(db_is_down(W), 0);
	ck_assert_str_eq(c[1].s, "survivor");
	ck_assert_str_eq(c[2].s, "still here");
	ck_assert_int_eq(c[3].i, 5);
	after = conn_id(W);
	ck_assert_int_ne(after, before);

	/* db_begin, too, finds a dead connection before any work is done. */
	kill_conn(after);
	ck_assert_int_eq(db_begin(W), DB_OK);
	ck_assert_int_eq(insert(W, "after", db_null(), db_int(6)), DB_OK);
	ck_assert_int_eq(db_commit(W), DB_OK);
	ck_assert_int_eq(count_like(A, "after"), 1);
}
END_TEST

START_TEST(db_killed_connection_inside_transaction_is_db_down_without_retry)
{
	struct db_val	 c[4];

	ck_assert_int_eq(db_begin(W), DB_OK);
	ck_assert_int_eq(insert(W, "t1", db_null(), db_int(1)), DB_OK);
	kill_conn(conn_id(W));

	/*
	 * The server rolled t1 back with the connection.  Running t2 on a fresh
	 * connection would commit half a transaction, so the call must fail instead.
	 */
	ck_assert_int_eq(insert(W, "t2", db_null(), db_int(2)), DB_DOWN);
	db_rollback(W);
	ck_assert_int_eq(db_in_txn(W), 0);
	ck_assert_int_eq(count_like(A, "t%"), 0);

	/* The next call connects again. */
	ck_assert_int_eq(get(W, "t1", c), 0);
	ck_assert_int_eq(db_is_down(W), 0);
	ck_assert_int_eq(db_begin(W), DB_OK);
	ck_assert_int_eq(insert(W, "t3", db_null(), db_int(3)), DB_OK);
	ck_assert_int_eq(db_commit(W), DB_OK);
	ck_assert_int_eq(count_like(A, "t%"), 1);
}
END_TEST

START_TEST(db_killed_commit_is_db_down)
{
	ck_assert_int_eq(db_begin(W), DB_OK);
	ck_assert_int_eq(insert(W, "c1", db_null(), db_int(1)), DB_OK);
	kill_conn(conn_id(W));
	ck_assert_int_eq(db_commit(W), DB_DOWN);
	ck_assert_int_eq(db_in_txn(W), 0);
	ck_assert_int_eq(count_like(A, "c1"), 0);
	ck_assert_int_eq(count_like(W, "c1"), 0);
}
END_TEST

START_TEST(db_script_after_killed_admin_connection_connects_again)
{
	struct db	*a2;
	long long	 id;

	a2 = db_new_admin(conf, stmts, S__MAX);
	id = conn_id(a2);
	kill_conn(id);
	ck_assert_int_eq(script(a2, "SELECT 1 FROM @T LIMIT 1"), DB_DOWN);
	ck_assert_int_eq(db_is_down(a2), 1);
	ck_assert_msg(script(a2, "SELECT 1 FROM @T LIMIT 1") == DB_OK,
	    "script: %s", db_errstr(a2));
	ck_assert_int_eq(db_is_down(a2), 0);
	ck_assert_int_ne(conn_id(a2), id);
	db_free(a2);
}
END_TEST

START_TEST(db_unreachable_server_is_db_down_quickly)
{
	struct conf	*c;
	struct db	*db;
	struct db_val	 p = db_text("x");
	char		 err[256];
	double		 t0;

	c = conf_load(conf->path, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	free(c->db_socket);
	c->db_socket = xstrdup("/nonexistent/geps-test-db.sock");
	db = db_new(c, stmts, S__MAX);

	t0 = now();
	ck_assert_int_eq(db_connect(db), DB_DOWN);
	ck_assert_int_eq(db_is_down(db), 1);
	ck_assert_int_eq(db_exec(db, S_COUNT_LIKE, &p), DB_DOWN);
	ck_assert_int_eq(db_is_down(db), 1);
	ck_assert_int_eq(db_begin(db), DB_DOWN);
	ck_assert_int_eq(db_in_txn(db), 0);
	ck_assert_int_eq(db_fetch(db, S_COUNT_LIKE, ar, &p), -1);
	ck_assert_double_lt(now() - t0, 3.0);
	ck_assert_str_ne(db_errstr(db), "");

	db_free(db);
	conf_free(c);
}
END_TEST

int
main(void)
{
	const char	*path;
	char		 err[256];
	struct db	*admin = NULL;
	Suite		*s;
	TCase		*tc;
	SRunner		*sr;
	size_t		 i;
	int		 n, nf = 1;

	if ((path = getenv("GEPS_CONF")) == NULL || *path == '\0') {
		printf("test_db: skipped: GEPS_CONF is not set (no MariaDB to test against)\n");
		return 77;
	}
	log_init("test_db", LOG_ERR);
	if ((conf = conf_load(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "test_db: %s\n", err);
		return 1;
	}
	n = snprintf(table, sizeof(table), "test_db_%ld_%lld",
	    (long)getpid(), (long long)time(NULL));
	if (n < 0 || (size_t)n >= sizeof(table))
		goto out;
	for (i = 0; i < S__MAX; i++) {
		stmts[i] = stmt_tmpl[i];
		if (!expand(sqlbuf[i], sizeof(sqlbuf[i]), stmt_tmpl[i].sql))
			goto out;
		stmts[i].sql = sqlbuf[i];
	}

	admin = db_new_admin(conf, stmts, S__MAX);
	if (script(admin, "CREATE TABLE @T (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, "
	    "k VARCHAR(32) NOT NULL UNIQUE, v MEDIUMTEXT NULL, n BIGINT NULL) "
	    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4") != DB_OK) {
		fprintf(stderr, "test_db: create table %s: %s\n", table, db_errstr(admin));
		goto out;
	}

	s = suite_create("db");
	tc = tcase_create("mariadb");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, db_insert_binds_text_int_null_and_reports_id_and_affected);
	tcase_add_test(tc, db_select_returns_ints_and_flags_null_columns);
	tcase_add_test(tc, db_text_longer_than_first_buffer_is_returned_whole);
	tcase_add_test(tc, db_persian_utf8_and_embedded_nul_are_exact);
	tcase_add_test(tc, db_fetch_gives_each_row_then_zero);
	tcase_add_test(tc, db_done_releases_a_partly_read_result_so_it_runs_again);
	tcase_add_test(tc, db_stored_results_let_another_statement_run_between_rows);
	tcase_add_test(tc, db_duplicate_unique_key_is_db_dup);
	tcase_add_test(tc, db_count_mismatch_is_db_error_at_prepare);
	tcase_add_test(tc, db_rollback_leaves_nothing_and_commit_stays);
	tcase_add_test(tc, db_read_after_killed_connection_reconnects_and_retries_once);
	tcase_add_test(tc, db_killed_connection_inside_transaction_is_db_down_without_retry);
	tcase_add_test(tc, db_killed_commit_is_db_down);
	tcase_add_test(tc, db_script_after_killed_admin_connection_connects_again);
	tcase_add_test(tc, db_unreachable_server_is_db_down_quickly);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);

	/* The admin connection may have idled out during the run; db_script reconnects. */
	if (script(admin, "DROP TABLE IF EXISTS @T") != DB_OK &&
	    script(admin, "DROP TABLE IF EXISTS @T") != DB_OK) {
		fprintf(stderr, "test_db: drop table %s: %s\n", table, db_errstr(admin));
		nf++;
	}
out:
	db_free(admin);
	conf_free(conf);
	return nf == 0 ? 0 : 1;
}
