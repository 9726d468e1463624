/*
 * The per-entity statement lists, in table order.  No include guard: stmts.h and
 * stmts.c include it with different definitions of STMT().
 */
#include "model/sql_migrate.h"
#include "model/sql_round.h"
