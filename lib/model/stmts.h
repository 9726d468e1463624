/*
 * Every SQL statement of GEPS, in one table (the openradtool model).  Add a
 * statement by adding its enum name here and its entry, in the same position, in
 * stmts.c; then write one typed function for it in the model file of its entity.
 */
#ifndef GEPS_MODEL_STMTS_H
#define GEPS_MODEL_STMTS_H

#include "db.h"

enum stmt {
	STMT_MIGRATION_LIST,
	STMT_MIGRATION_RECORD,
	STMT_ROUND_CURRENT,
	STMT__MAX
};

extern const struct db_stmt_def stmt_defs[STMT__MAX];

#endif
