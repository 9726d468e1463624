/*
 * Every SQL statement of GEPS, in one table (the openradtool model).  The table is
 * assembled from one list per entity, lib/model/sql_<entity>.h, each a series of
 *
 *	STMT(STMT_NAME, "SQL with ? placeholders", "param letters", "column letters")
 *
 * lines (letters: i integer, s text, b bytes).  Add a statement to its entity's list, then
 * write one typed function for it in lib/model/<entity>.c.  db.c checks at prepare
 * time that the SQL has exactly the declared numbers of parameters and columns.
 */
#ifndef GEPS_MODEL_STMTS_H
#define GEPS_MODEL_STMTS_H

#include "db.h"

#define STMT(id, sql, params, cols)	id,
enum stmt {
#include "model/sql_lists.h"
	STMT__MAX
};
#undef STMT

extern const struct db_stmt_def stmt_defs[STMT__MAX];

#endif
