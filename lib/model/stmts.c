/*
 * The statement table.  Parameter letters: i integer, s text; the same for result
 * columns.  db.c checks at prepare time that the SQL has exactly these counts.
 */
#include "model/stmts.h"

#define STMT(id, sql, params, cols)	{ id, #id, sql, params, cols }

const struct db_stmt_def stmt_defs[STMT__MAX] = {
	STMT(STMT_MIGRATION_LIST,
	    "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
	    "", "iss"),
	STMT(STMT_MIGRATION_RECORD,
	    "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
	    "VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
	    "iss", ""),
	/* The round to show on the home page: the open one, else the newest live one. */
	STMT(STMT_ROUND_CURRENT,
	    "SELECT id, code, title, state, decl_start_date, decl_end_date "
	    "FROM rounds WHERE state NOT IN ('draft', 'closed') "
	    "ORDER BY state = 'open' DESC, decl_start_date DESC LIMIT 1",
	    "", "isssss"),
};
