/*
 * The statement table, built from the per-entity lists in enum order.
 */
#include "model/stmts.h"

#define STMT(id, sql, params, cols)	{ id, #id, sql, params, cols },
const struct db_stmt_def stmt_defs[STMT__MAX] = {
#include "model/sql_lists.h"
};
#undef STMT
