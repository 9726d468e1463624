/*
 * The published ranks, for the public pages (no login): the public rounds, an
 * office's ranks across them, a province's list and a round's full list.  Only
 * rounds from their publication on (published, objection, final, closed) are ever
 * read, and only public facts: office code, name, kind, province, city, rank and
 * score; never a licensee, a national ID, an address or a phone number.  The rank
 * is declarations.public_rank (the final rank once there is one).  Strings live in
 * the arena; every function returns DB_OK or the db error.
 */
#ifndef GEPS_MODEL_PUBLIC_H
#define GEPS_MODEL_PUBLIC_H

#include "db.h"

struct arena;

#define PUBLIC_PAGE_ROWS	50	/* rows per page of a province's list */

struct public_round {
	long long	 id;
	const char	*code;		/* e.g. "1404-2" */
	const char	*title;
	const char	*state;		/* published | objection | final | closed */
	const char	*published_at;	/* UTC DATETIME of the first publication */
	const char	*final_published_at; /* "" until the final ranks are out */
	const char	*decl_start;	/* YYYY-MM-DD: rounds sort on it */
};

/* 1 when the ranks of a round in state are final (final or closed), else 0. */
int		 public_round_final(const struct public_round *);

/* The public rounds, newest first, into an arena array (*n may be 0). */
enum db_err	 public_rounds(struct db *, struct arena *, struct public_round **,
		    size_t *n);
/* The public round with code (*found 0 when none, or not public). */
enum db_err	 public_round_by_code(struct db *, struct arena *, const char *code,
		    struct public_round *, int *found);

struct public_office {
	long long	 id;
	const char	*code;
	const char	*name;
	const char	*kind;		/* urban | rural_ict */
	const char	*status;	/* active | suspended | closed */
	long long	 province_id;
	const char	*province;
	const char	*city;
};

/* An office's rank in one public round. */
struct public_rank {
	struct public_round round;
	int		 rank;		/* 1..3; 0: not evaluated */
	const char	*basis;		/* declared | last_known | not_evaluated | "" */
};

/*
 * The office with code (*found 0 when there is none) and its ranks in every public
 * round, newest first, into an arena array (*nhist may be 0).  One query.
 */
enum db_err	 public_office_history(struct db *, struct arena *, const char *code,
		    struct public_office *, struct public_rank **hist, size_t *nhist,
		    int *found);

struct public_province {
	long long	 id;
	const char	*code;		/* ISO 3166-2:IR, e.g. IR-23 */
	const char	*name;
};

/* The provinces by name, into an arena array. */
enum db_err	 public_provinces(struct db *, struct arena *, struct public_province **,
		    size_t *n);

/*
 * The offices of one province in a round per rank: counts[1..3] ranked 1..3,
 * counts[0] not evaluated.  round_id must be a public round's.
 */
enum db_err	 public_rank_counts(struct db *, long long round_id, long long province_id,
		    long long counts[4]);

/* One office of a list. */
struct public_row {
	const char	*code;
	const char	*name;
	const char	*kind;
	const char	*province;	/* "" in a province's list */
	const char	*city;
	int		 rank;		/* 1..3; 0: not evaluated */
	int		 has_score;
	long long	 score_x100;	/* the final score if any, else the first */
};

/*
 * Rows [offset, offset + limit) of a province's list in a public round, by rank
 * (not evaluated last) then office code, into an arena array.
 */
enum db_err	 public_rank_page(struct db *, struct arena *, long long round_id,
		    long long province_id, long long offset, long long limit,
		    struct public_row **, size_t *n);

/*
 * Calls fn(arg, row) for every office of a public round, by office code; rows are
 * not kept, so a round of any size costs one row at a time (plus the arena's
 * copies of the text).  fn returns 0 to go on; anything else stops the walk and
 * becomes the result (DB_ERROR).
 */
enum db_err	 public_round_each(struct db *, struct arena *, long long round_id,
		    int (*fn)(void *, const struct public_row *), void *arg);

#endif
