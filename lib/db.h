/*
 * The database connection of one process: MariaDB through the C connector, every
 * statement from one table (see model/stmts.h), prepared lazily once per connection
 * with its parameter and column counts checked, parameters and results bound with
 * explicit lengths.  A lost connection is noticed by the failing call, which marks
 * the connection dead; the next call reconnects and prepares again.  A read (a
 * statement with result columns) outside a transaction is retried once after a
 * reconnect, so a restarted server costs no failed page; a write never is, since
 * its reply may have been lost after it was applied.
 */
#ifndef GEPS_DB_H
#define GEPS_DB_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct conf;

enum db_err {
	DB_OK = 0,
	DB_DOWN,	/* no connection to the server (answer 503) */
	DB_DUP,		/* a unique key refused the row */
	DB_RETRY,	/* deadlock or lock wait timeout: the transaction may be retried */
	DB_ERROR,	/* anything else (a bug: answer 500) */
};

/* One statement of the table: SQL text and the types of parameters and columns. */
struct db_stmt_def {
	int		 id;	/* its enum value, to check the table's order */
	const char	*name;
	const char	*sql;
	const char	*params; /* one letter a parameter: i integer, s text, b bytes */
	const char	*cols;	 /* one letter a result column: i integer, s text, b bytes */
};

/* A parameter or a result column.  Text is NUL-terminated and len bytes long. */
struct db_val {
	int		 null;
	long long	 i;
	const char	*s;
	size_t		 len;
};

struct db;

/* A connection object; nothing is connected until first use. */
struct db	*db_new(const struct conf *, const struct db_stmt_def *, size_t nstmts);
/* A connection that may also run multi-statement scripts (migrations). */
struct db	*db_new_admin(const struct conf *, const struct db_stmt_def *, size_t);
void		 db_free(struct db *);

/* Connects now if not connected; DB_OK or DB_DOWN. */
enum db_err	 db_connect(struct db *);
/* 1 when the last call found the server unreachable. */
int		 db_is_down(const struct db *);
/* The last error text, for logs (never shown to users). */
const char	*db_errstr(const struct db *);

/*
 * Runs statement id with params (as many as its def says).  A SELECT's rows are then
 * read with db_fetch() until it returns 0, or dropped with db_done().
 */
enum db_err	 db_exec(struct db *, int id, const struct db_val *params);
/*
 * Reads the next row of statement id into cols (as many as its def says); text
 * columns are copied into the arena.  Returns 1 for a row, 0 at the end (the result
 * is then released), -1 on error.
 */
int		 db_fetch(struct db *, int id, struct arena *, struct db_val *cols);
/* Releases the result of statement id, if any. */
void		 db_done(struct db *, int id);
/* Rows changed by the last db_exec of id, and the AUTO_INCREMENT id it made. */
uint64_t	 db_affected(struct db *, int id);
uint64_t	 db_insert_id(struct db *, int id);

/* Transactions.  Only one at a time; commit or rollback ends it. */
enum db_err	 db_begin(struct db *);
enum db_err	 db_commit(struct db *);
void		 db_rollback(struct db *);
int		 db_in_txn(const struct db *);

/* Admin connections only: runs a script of several statements, stopping at the first error. */
enum db_err	 db_script(struct db *, const char *sql, size_t len);

/*
 * Prepares every statement of the table now and checks its parameter and column
 * counts and column types; calls report for each that fails.  Returns how many
 * failed (`geps check-sql`, run by the test suite).
 */
size_t		 db_check_all(struct db *, void (*report)(const char *name, const char *err));

/* Shortcuts for building parameters. */
struct db_val	 db_int(long long);
struct db_val	 db_text(const char *);
struct db_val	 db_textn(const char *, size_t);
struct db_val	 db_null(void);
/* Bytes for a 'b' parameter (a hash, say). */
struct db_val	 db_bytes(const void *, size_t);

#endif
