/* Statements of the rounds table (see stmts.h for the format). */

/* The round to show on the home page: the open one, else the newest live one. */
STMT(STMT_ROUND_CURRENT,
    "SELECT id, code, title, state, decl_start_date, decl_end_date "
    "FROM rounds WHERE state NOT IN ('draft', 'closed') "
    "ORDER BY state = 'open' DESC, decl_start_date DESC LIMIT 1",
    "", "isssss")
