/*
 * Rounds (دوره ارزیابی): the SQL of the rounds table.  Dates are the Gregorian
 * calendar days of Tehran-local windows ("YYYY-MM-DD"); lib/jalali turns them into
 * Jalali text and deadlines.
 */
#ifndef GEPS_MODEL_ROUND_H
#define GEPS_MODEL_ROUND_H

#include "db.h"

struct arena;

struct round {
	long long	 id;
	const char	*code;		/* e.g. "1405-1" */
	const char	*title;
	const char	*state;		/* draft, open, review, … (see sql/) */
	const char	*decl_start;	/* YYYY-MM-DD */
	const char	*decl_end;	/* YYYY-MM-DD, the last day of the window */
};

/*
 * Loads the round the home page shows.  Returns DB_OK with *found set to 0 or 1, or
 * the db error; strings live in the arena.
 */
enum db_err	 round_current(struct db *, struct arena *, struct round *, int *found);

#endif
