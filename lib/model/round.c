/*
 * Queries of the rounds table.
 */
#include <string.h>

#include "arena.h"
#include "model/round.h"
#include "model/stmts.h"

enum db_err
round_current(struct db *db, struct arena *a, struct round *r, int *found)
{
	struct db_val	 c[6];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(r, 0, sizeof(*r));
	if ((rc = db_exec(db, STMT_ROUND_CURRENT, NULL)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_ROUND_CURRENT, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		r->id = c[0].i;
		r->code = c[1].s;
		r->title = c[2].s;
		r->state = c[3].s;
		r->decl_start = c[4].s;
		r->decl_end = c[5].s;
		*found = 1;
		db_done(db, STMT_ROUND_CURRENT);
	}
	return DB_OK;
}
