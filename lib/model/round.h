/*
 * Rounds (دوره ارزیابی): the SQL of the rounds table.  Dates are the Gregorian
 * calendar days of Tehran-local windows ("YYYY-MM-DD"); lib/jalali turns them into
 * Jalali text and deadlines.
 */
#ifndef GEPS_MODEL_ROUND_H
#define GEPS_MODEL_ROUND_H

#include "db.h"

struct audit_event;

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

/* A round as HQ administers it. */
struct round_admin {
	long long	 id;
	const char	*code;
	const char	*title;
	const char	*state;
	const char	*decl_start;	/* YYYY-MM-DD Tehran days */
	const char	*decl_end;
	const char	*review_end;
	int		 correction_days;
	int		 objection_days;
	int		 rank1_min_x100;
	int		 rank2_min_x100;
	int		 ncriteria;
};

enum db_err	 round_list(struct db *, struct arena *, struct round_admin **, size_t *);
enum db_err	 round_get(struct db *, struct arena *, long long id, struct round_admin *,
		    int *found);
enum db_err	 round_by_code(struct db *, const char *code, long long *id);

/* What HQ types for a new round; dates are Jalali as typed, empty for defaults. */
struct round_form {
	const char	*code;
	const char	*title;
	const char	*start;
	const char	*end;
	const char	*review_end;
	const char	*correction_days;
	const char	*objection_days;
};
/* A refused field: its name in round_form and a Persian message. */
struct round_problem {
	const char	*field;
	const char	*message;
};

/*
 * Creates a draft round from f: checks every field (code 1YYY-1|2, title, Jalali
 * dates with the defaults of DOMAIN.md: 20 days of declaration, review 10 days
 * after, 5 correction and 7 objection days), refuses windows that run backwards
 * or meet another round's, and gives it the rubric of the newest earlier round
 * (or, with none, default_rubric: the SQL of sql/reference/rubric/default.sql,
 * which is why admin must be a connection allowed to run scripts).  One
 * transaction, audited with actor.  Returns DB_OK with *id, or DB_OK with *id 0 and the
 * problems (at most 8) in probs / *nprobs.
 */
enum db_err	 round_create(struct db *admin, struct arena *,
		    const struct round_form *, const char *default_rubric,
		    const struct audit_event *actor, long long *id,
		    struct round_problem *probs, size_t *nprobs);
/*
 * Opens a draft round for declarations (the rubric freezes).  *why is NULL on
 * success, else a Persian reason (not a draft, no criteria, another round open).
 */
enum db_err	 round_open(struct db *, struct arena *, long long id,
		    const struct audit_event *actor, const char **why);
/*
 * Moves the declaration end of round id to the Jalali day to (the review end moves
 * as much); with office_code, only for that office (reason required).  *why as
 * for round_open.
 */
enum db_err	 round_extend(struct db *, struct arena *, long long id, const char *to,
		    const char *office_code, const char *reason,
		    const struct audit_event *actor, const char **why);

/* The text of <sql_dir>/reference/rubric/default.sql in the arena, or NULL. */
char		*round_default_rubric(struct arena *, const char *sql_dir);

/* A round state in Persian ("open" -> "باز برای خوداظهاری"). */
const char	*round_state_label(const char *state);
/*
 * The Gregorian date "YYYY-MM-DD" of the Tehran day of now, moved add_days days
 * (a send-back due date, an objection end), in the arena; NULL out of range.
 */
const char	*round_tehran_day(struct arena *, int64_t now, int add_days);
/* "YYYY-MM-DD" as Jalali with Persian digits ("۱۴۰۵/۰۸/۲۴"), or "" if bad. */
const char	*round_jalali(struct arena *, const char *greg);

#endif
