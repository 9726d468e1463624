/*
 * MariaDB access, in the manner of OpenSMTPD's table-mysql: a statement table,
 * counts checked at prepare, explicit lengths, everything prepared again after a
 * reconnect.  Statements are prepared on first use rather than at connect so that
 * `geps migrate` can use the same table before the tables exist.
 *
 * Results are stored client-side (mysql_stmt_store_result) so that a handler may run
 * another statement while it walks the rows of a first one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "arena.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "xalloc.h"

/* Text columns are first fetched into a buffer this big; longer values are re-read. */
#define DB_COLBUF	256
#define DB_MAXCOLS	64
#define DB_MAXPARAMS	64

struct db_prep {
	MYSQL_STMT	*stmt;
	size_t		 nparams, ncols;
	MYSQL_BIND	*res;		/* ncols result binds */
	char		*colbuf;	/* ncols * DB_COLBUF */
	long long	*colint;
	unsigned long	*collen;
	my_bool		*colnull;
	my_bool		*colerr;
	int		 has_result;
};

struct db {
	const struct conf		*conf;
	const struct db_stmt_def	*defs;
	size_t				 ndefs;
	int				 admin;
	MYSQL				*my;
	int				 connected;
	int				 down;
	int				 txn;
	struct db_prep			*prep;	/* ndefs entries */
	char				 err[256];
};

static void
db_seterr(struct db *db, const char *what, unsigned int code, const char *msg)
{
	snprintf(db->err, sizeof(db->err), "%s: %u %s", what, code, msg);
}

/* Connection-level failures: the server is gone, or we were cut off. */
static int
db_errno_is_down(unsigned int e)
{
	switch (e) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case 4031:	/* ER_CLIENT_INTERACTION_TIMEOUT */
		return 1;
	default:
		return 0;
	}
}

static enum db_err
db_classify(struct db *db, unsigned int e)
{
	if (db_errno_is_down(e))
		return DB_DOWN;
	if (e == ER_DUP_ENTRY || e == ER_DUP_KEY)
		return DB_DUP;
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT)
		return DB_RETRY;
	return DB_ERROR;
}

static void
db_prep_clear(struct db_prep *p)
{
	if (p->stmt != NULL)
		mysql_stmt_close(p->stmt);
	free(p->res);
	free(p->colbuf);
	free(p->colint);
	free(p->collen);
	free(p->colnull);
	free(p->colerr);
	memset(p, 0, sizeof(*p));
}

static void
db_disconnect(struct db *db)
{
	size_t	 i;

	for (i = 0; i < db->ndefs; i++)
		db_prep_clear(&db->prep[i]);
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	db->connected = 0;
	db->txn = 0;
}

static struct db *
db_alloc(const struct conf *conf, const struct db_stmt_def *defs, size_t n, int admin)
{
	struct db	*db;
	size_t		 i;

	/* The table must list its statements in enum order. */
	for (i = 0; i < n; i++)
		if (defs[i].id != (int)i) {
			log_err("db_table", "index=%zu name=%s msg=\"out of order\"",
			    i, defs[i].name);
			abort();
		}
	db = xcalloc(1, sizeof(*db));
	db->conf = conf;
	db->defs = defs;
	db->ndefs = n;
	db->admin = admin;
	db->prep = xcalloc(n == 0 ? 1 : n, sizeof(*db->prep));
	return db;
}

struct db *
db_new(const struct conf *conf, const struct db_stmt_def *defs, size_t n)
{
	return db_alloc(conf, defs, n, 0);
}

struct db *
db_new_admin(const struct conf *conf, const struct db_stmt_def *defs, size_t n)
{
	return db_alloc(conf, defs, n, 1);
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db->prep);
	free(db);
}

int
db_is_down(const struct db *db)
{
	return db->down;
}

const char *
db_errstr(const struct db *db)
{
	return db->err;
}

enum db_err
db_connect(struct db *db)
{
	unsigned int	 ct, rwt;
	my_bool		 off = 0;
	char		 init[512];
	unsigned long	 flags = CLIENT_FOUND_ROWS;
	const char	*sock, *host;

	if (db->connected)
		return DB_OK;
	if ((db->my = mysql_init(NULL)) == NULL)
		xalloc_die();
	ct = (unsigned int)db->conf->db_connect_timeout;
	rwt = (unsigned int)db->conf->db_rw_timeout;
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rwt);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rwt);
	mysql_options(db->my, MYSQL_OPT_LOCAL_INFILE, &off);
	/* We reconnect ourselves, so that statements are re-prepared. */
	mysql_options(db->my, MYSQL_OPT_RECONNECT, &off);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/*
	 * A statement waits for a row lock at most db_lock_wait_timeout seconds
	 * (an integer the configuration bounded to 1..600), shorter than the read
	 * timeout: the request then answers a busy 503 on a connection that stays
	 * good.  Past the read timeout the client would drop the connection while
	 * the server kept waiting, with every lock the transaction holds, for
	 * InnoDB's 50 s default.
	 */
	snprintf(init, sizeof(init), "SET time_zone = '+00:00', "
	    "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
	    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY', "
	    "tx_isolation = 'READ-COMMITTED', innodb_lock_wait_timeout = %ld",
	    db->conf->db_lock_wait_timeout);
	mysql_options(db->my, MYSQL_INIT_COMMAND, init);
	if (db->admin)
		flags |= CLIENT_MULTI_STATEMENTS;

	sock = db->conf->db_socket[0] != '\0' ? db->conf->db_socket : NULL;
	host = sock != NULL ? "localhost" :
	    (db->conf->db_host[0] != '\0' ? db->conf->db_host : "127.0.0.1");
	if (mysql_real_connect(db->my, host, db->conf->db_user,
	    db->conf->db_password, db->conf->db_name,
	    (unsigned int)db->conf->db_port, sock, flags) == NULL) {
		db_seterr(db, "connect", mysql_errno(db->my), mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		db->down = 1;
		return DB_DOWN;
	}
	db->connected = 1;
	db->down = 0;
	return DB_OK;
}

/*
 * 1 when every result column the table reads as an integer ('i') is an integer
 * column, and none it reads as text is one: an 's' read as an integer would be 0.
 */
static int
cols_agree(MYSQL_STMT *stmt, const char *cols)
{
	MYSQL_RES	*md;
	MYSQL_FIELD	*f;
	size_t		 i, n = strlen(cols);
	int		 ok = 1;

	if (n == 0 || (md = mysql_stmt_result_metadata(stmt)) == NULL)
		return 1;
	f = mysql_fetch_fields(md);
	for (i = 0; i < n && ok; i++) {
		int integer = f[i].type == MYSQL_TYPE_TINY || f[i].type == MYSQL_TYPE_SHORT ||
		    f[i].type == MYSQL_TYPE_LONG || f[i].type == MYSQL_TYPE_INT24 ||
		    f[i].type == MYSQL_TYPE_LONGLONG;

		if (integer != (cols[i] == 'i'))
			ok = f[i].type == MYSQL_TYPE_NEWDECIMAL && cols[i] == 'i';
	}
	mysql_free_result(md);
	return ok;
}

static enum db_err
db_prepare(struct db *db, int id)
{
	const struct db_stmt_def	*d = &db->defs[id];
	struct db_prep			*p = &db->prep[id];
	size_t				 i;
	unsigned int			 e;

	if (p->stmt != NULL)
		return DB_OK;
	if ((p->stmt = mysql_stmt_init(db->my)) == NULL)
		xalloc_die();
	if (mysql_stmt_prepare(p->stmt, d->sql, strlen(d->sql)) != 0) {
		e = mysql_stmt_errno(p->stmt);
		db_seterr(db, d->name, e, mysql_stmt_error(p->stmt));
		db_prep_clear(p);
		return db_classify(db, e);
	}
	p->nparams = strlen(d->params);
	p->ncols = strlen(d->cols);
	if (mysql_stmt_param_count(p->stmt) != p->nparams ||
	    mysql_stmt_field_count(p->stmt) != p->ncols ||
	    p->nparams > DB_MAXPARAMS || p->ncols > DB_MAXCOLS) {
		/* The table and the SQL disagree: a programming error. */
		db_seterr(db, d->name, 0, "parameter or column count mismatch");
		db_prep_clear(p);
		return DB_ERROR;
	}
	if (!cols_agree(p->stmt, d->cols)) {
		db_seterr(db, d->name, 0, "a column's type and the table's letter disagree");
		db_prep_clear(p);
		return DB_ERROR;
	}
	if (p->ncols > 0) {
		my_bool	 on = 1;

		mysql_stmt_attr_set(p->stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
		p->res = xcalloc(p->ncols, sizeof(*p->res));
		p->colbuf = xcalloc(p->ncols, DB_COLBUF);
		p->colint = xcalloc(p->ncols, sizeof(*p->colint));
		p->collen = xcalloc(p->ncols, sizeof(*p->collen));
		p->colnull = xcalloc(p->ncols, sizeof(*p->colnull));
		p->colerr = xcalloc(p->ncols, sizeof(*p->colerr));
		for (i = 0; i < p->ncols; i++) {
			MYSQL_BIND *b = &p->res[i];

			if (d->cols[i] == 'i') {
				b->buffer_type = MYSQL_TYPE_LONGLONG;
				b->buffer = &p->colint[i];
			} else {
				b->buffer_type = d->cols[i] == 'b' ?
				    MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
				b->buffer = p->colbuf + i * DB_COLBUF;
				b->buffer_length = DB_COLBUF;
			}
			b->length = &p->collen[i];
			b->is_null = &p->colnull[i];
			b->error = &p->colerr[i];
		}
		if (mysql_stmt_bind_result(p->stmt, p->res) != 0) {
			db_seterr(db, d->name, mysql_stmt_errno(p->stmt),
			    mysql_stmt_error(p->stmt));
			db_prep_clear(p);
			return DB_ERROR;
		}
	}
	return DB_OK;
}

static enum db_err
db_exec_once(struct db *db, int id, const struct db_val *params)
{
	const struct db_stmt_def	*d = &db->defs[id];
	struct db_prep			*p;
	MYSQL_BIND			 b[DB_MAXPARAMS];
	my_bool				 nul[DB_MAXPARAMS];
	unsigned long			 len[DB_MAXPARAMS];
	enum db_err			 rc;
	unsigned int			 e;
	size_t				 i;

	if ((rc = db_connect(db)) != DB_OK)
		return rc;
	if ((rc = db_prepare(db, id)) != DB_OK)
		goto fail;
	p = &db->prep[id];
	if (p->has_result) {
		mysql_stmt_free_result(p->stmt);
		p->has_result = 0;
	}
	if (p->nparams > 0) {
		memset(b, 0, sizeof(b[0]) * p->nparams);
		for (i = 0; i < p->nparams; i++) {
			nul[i] = params[i].null ? 1 : 0;
			b[i].is_null = &nul[i];
			if (d->params[i] == 'i') {
				b[i].buffer_type = MYSQL_TYPE_LONGLONG;
				b[i].buffer = (void *)&params[i].i;
			} else {
				/* Binary values (hashes) must not be read as text. */
				b[i].buffer_type = d->params[i] == 'b' ?
				    MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
				b[i].buffer = (void *)(params[i].s != NULL ?
				    params[i].s : "");
				len[i] = (unsigned long)params[i].len;
				b[i].buffer_length = len[i];
				b[i].length = &len[i];
			}
		}
		if (mysql_stmt_bind_param(p->stmt, b) != 0)
			goto stmt_fail;
	}
	if (mysql_stmt_execute(p->stmt) != 0)
		goto stmt_fail;
	if (p->ncols > 0) {
		if (mysql_stmt_store_result(p->stmt) != 0)
			goto stmt_fail;
		p->has_result = 1;
	}
	return DB_OK;

stmt_fail:
	e = mysql_stmt_errno(p->stmt);
	db_seterr(db, d->name, e, mysql_stmt_error(p->stmt));
	rc = db_classify(db, e);
fail:
	if (rc == DB_DOWN) {
		db_disconnect(db);
		db->down = 1;
	}
	return rc;
}

enum db_err
db_exec(struct db *db, int id, const struct db_val *params)
{
	enum db_err	 rc;
	int		 was_connected = db->connected;
	int		 was_txn = db->txn;

	rc = db_exec_once(db, id, params);
	/*
	 * A connection that was idle may have been closed by a server restart. Outside
	 * a transaction nothing is lost by trying once more on a fresh connection.
	 * Whether we were in one is read before the call, because a lost connection
	 * clears db->txn: retrying then would run the rest of a transaction the server
	 * has already rolled back, in autocommit.  Only statements that return rows
	 * are retried: a write whose reply was lost may have been applied already.
	 */
	if (rc == DB_DOWN && was_connected && !was_txn && db->defs[id].cols[0] != '\0') {
		log_info("db_reconnect", "stmt=%s", db->defs[id].name);
		rc = db_exec_once(db, id, params);
	}
	if (rc != DB_OK)
		log_warn("db_error", "stmt=%s msg=\"%s\"", db->defs[id].name, db->err);
	return rc;
}

int
db_fetch(struct db *db, int id, struct arena *a, struct db_val *cols)
{
	const struct db_stmt_def	*d = &db->defs[id];
	struct db_prep			*p = &db->prep[id];
	size_t				 i;
	int				 rc;
	char				*s;

	if (!db->connected || !p->has_result)
		return -1;
	rc = mysql_stmt_fetch(p->stmt);
	if (rc == MYSQL_NO_DATA) {
		db_done(db, id);
		return 0;
	}
	if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) {
		db_seterr(db, d->name, mysql_stmt_errno(p->stmt),
		    mysql_stmt_error(p->stmt));
		db_done(db, id);
		return -1;
	}
	for (i = 0; i < p->ncols; i++) {
		memset(&cols[i], 0, sizeof(cols[i]));
		if (p->colnull[i]) {
			cols[i].null = 1;
			cols[i].s = "";
			continue;
		}
		if (d->cols[i] == 'i') {
			cols[i].i = p->colint[i];
			continue;
		}
		s = arena_alloc(a, (size_t)p->collen[i] + 1);
		if (p->collen[i] <= DB_COLBUF) {
			memcpy(s, p->colbuf + i * DB_COLBUF, p->collen[i]);
		} else {
			MYSQL_BIND	 big;
			unsigned long	 blen;

			/* The value did not fit the bound buffer: read it whole. */
			memset(&big, 0, sizeof(big));
			big.buffer_type = d->cols[i] == 'b' ?
			    MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			big.buffer = s;
			big.buffer_length = p->collen[i] + 1;
			big.length = &blen;
			if (mysql_stmt_fetch_column(p->stmt, &big, (unsigned int)i, 0)) {
				db_seterr(db, d->name, mysql_stmt_errno(p->stmt),
				    mysql_stmt_error(p->stmt));
				db_done(db, id);
				return -1;
			}
		}
		s[p->collen[i]] = '\0';
		cols[i].s = s;
		cols[i].len = p->collen[i];
	}
	return 1;
}

void
db_done(struct db *db, int id)
{
	struct db_prep	*p = &db->prep[id];

	if (p->stmt != NULL && p->has_result)
		mysql_stmt_free_result(p->stmt);
	p->has_result = 0;
}

uint64_t
db_affected(struct db *db, int id)
{
	struct db_prep	*p = &db->prep[id];

	return p->stmt != NULL ? (uint64_t)mysql_stmt_affected_rows(p->stmt) : 0;
}

uint64_t
db_insert_id(struct db *db, int id)
{
	struct db_prep	*p = &db->prep[id];

	return p->stmt != NULL ? (uint64_t)mysql_stmt_insert_id(p->stmt) : 0;
}

static enum db_err
db_simple(struct db *db, const char *sql)
{
	unsigned int	 e;
	enum db_err	 rc;

	if (mysql_real_query(db->my, sql, strlen(sql)) == 0)
		return DB_OK;
	e = mysql_errno(db->my);
	db_seterr(db, sql, e, mysql_error(db->my));
	if ((rc = db_classify(db, e)) == DB_DOWN) {
		db_disconnect(db);
		db->down = 1;
	}
	return rc;
}

enum db_err
db_begin(struct db *db)
{
	enum db_err	 rc;
	int		 tries;

	if (db->txn) {
		db_seterr(db, "begin", 0, "transaction already open");
		return DB_ERROR;
	}
	/* A stale connection is detected here, before any work is done. */
	for (tries = 0; tries < 2; tries++) {
		if ((rc = db_connect(db)) != DB_OK)
			return rc;
		if ((rc = db_simple(db, "START TRANSACTION")) == DB_OK) {
			db->txn = 1;
			return DB_OK;
		}
		if (rc != DB_DOWN)
			break;
	}
	return rc;
}

enum db_err
db_commit(struct db *db)
{
	enum db_err	 rc;

	if (!db->txn || !db->connected)
		return DB_ERROR;
	rc = db_simple(db, "COMMIT");
	db->txn = 0;
	/*
	 * Cut off during COMMIT (the server stopping), the transaction may well have
	 * committed: the caller answers "try again", and the log says why a user may
	 * find done what they were told failed (seen in the fault tests).
	 */
	if (rc != DB_OK)
		log_warn("db_error", "stmt=COMMIT msg=\"%s\" outcome=%s", db->err,
		    rc == DB_DOWN ? "unknown" : "rolled_back");
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db->txn && db->connected)
		(void)db_simple(db, "ROLLBACK");
	db->txn = 0;
}

int
db_in_txn(const struct db *db)
{
	return db->txn;
}

enum db_err
db_script(struct db *db, const char *sql, size_t len)
{
	enum db_err	 rc;
	unsigned int	 e;
	int		 status;

	if (!db->admin)
		return DB_ERROR;
	if ((rc = db_connect(db)) != DB_OK)
		return rc;
	if (mysql_real_query(db->my, sql, (unsigned long)len) != 0)
		goto fail;
	/* Walk every result so that an error in a later statement is seen. */
	do {
		MYSQL_RES *res = mysql_store_result(db->my);

		if (res != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->my) != 0)
			goto fail;
		if ((status = mysql_next_result(db->my)) > 0)
			goto fail;
	} while (status == 0);
	return DB_OK;
fail:
	e = mysql_errno(db->my);
	db_seterr(db, "script", e, mysql_error(db->my));
	rc = db_classify(db, e);
	/* A dead connection is dropped, so that the next call connects again. */
	if (rc == DB_DOWN) {
		db_disconnect(db);
		db->down = 1;
		return rc;
	}
	/* Drain what is left so the connection stays usable. */
	while (mysql_more_results(db->my) && mysql_next_result(db->my) == 0) {
		MYSQL_RES *res = mysql_store_result(db->my);

		if (res != NULL)
			mysql_free_result(res);
	}
	return rc == DB_OK ? DB_ERROR : rc;
}

struct db_val
db_int(long long i)
{
	struct db_val	 v = { 0, i, NULL, 0 };

	return v;
}

struct db_val
db_text(const char *s)
{
	return db_textn(s, strlen(s));
}

struct db_val
db_textn(const char *s, size_t len)
{
	struct db_val	 v = { 0, 0, s, len };

	return v;
}

struct db_val
db_null(void)
{
	struct db_val	 v = { 1, 0, NULL, 0 };

	return v;
}

struct db_val
db_bytes(const void *p, size_t len)
{
	struct db_val	 v = { 0, 0, p, len };

	return v;
}

size_t
db_check_all(struct db *db, void (*report)(const char *name, const char *err))
{
	size_t	 i, bad = 0;

	if (db_connect(db) != DB_OK) {
		report("connect", db_errstr(db));
		return 1;
	}
	for (i = 0; i < db->ndefs; i++)
		if (db_prepare(db, (int)i) != DB_OK) {
			report(db->defs[i].name, db_errstr(db));
			bad++;
		}
	return bad;
}
