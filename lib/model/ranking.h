/*
 * A round from the end of its declarations to its final ranks: closing the
 * declarations (open -> review), ranking every office (review|scoring -> scoring,
 * again as often as HQ wants before publishing), publishing (scoring ->
 * published, with the objection window), rescoring one file after an accepted
 * objection, and the final publication (published -> final).  Each step is one
 * transaction on the round's locked row, audited.  The arithmetic is lib/score.c;
 * this file feeds it the round's rubric and each file's values.
 *
 * Round states used: open, review, scoring, published (ranks public, objections
 * open until objection_end_date), final.  The 'objection' state is not used: the
 * window is a date, so it closes without anyone acting.
 */
#ifndef GEPS_MODEL_RANKING_H
#define GEPS_MODEL_RANKING_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "score.h"

struct arena;
struct audit_event;
struct rubric;
struct rubric_criterion;

enum rank_basis {
	BASIS_DECLARED,		/* the file's own values this round */
	BASIS_LAST_KNOWN,	/* not submitted: the office's last ranked values */
	BASIS_NOT_EVALUATED	/* not submitted, and no data or the round's rule */
};

/* The rubric as the engine takes it, with the ids of the rubric behind it. */
struct rank_rubric {
	const struct rubric	*rb;
	struct score_criterion	*crits;		/* rb->ncrits, same order */
	long long		 rank1_min, rank2_min;
};

/* One file scored. */
struct rank_file {
	long long		 decl_id, office_id;
	enum rank_basis		 basis;
	const char		*source_round;	/* last_known: the round of the data */
	struct score_value	*vals;		/* ncrits */
	struct score_line	*lines;		/* ncrits */
	struct score_violation	*viols;
	struct score_deduction	*deds;
	const char		**viol_codes;
	size_t			 nviols;
	struct score_result	 res;
};

struct rank_counts {
	long long	 files;
	long long	 by_rank[4];	/* [0]: not evaluated */
	long long	 last_known;
};

/* open -> review, after the declaration window (and every extension) ended. */
enum db_err	 ranking_close_declarations(struct db *, struct arena *, long long round_id,
		    int64_t now, const struct audit_event *actor, const char **why);
/*
 * Scores every file of the round and stores score, rank, basis and breakdown;
 * the round goes to scoring.  From review (after its review window, or when no
 * file waits for the region) or scoring.  *counts as stored.
 */
enum db_err	 ranking_run(struct db *, struct arena *, long long round_id, int64_t now,
		    const struct audit_event *actor, struct rank_counts *, const char **why);
/* scoring -> published: the objection window opens; every licensee is notified. */
enum db_err	 ranking_publish(struct db *, struct arena *, long long round_id,
		    int64_t now, const struct audit_event *actor, const char **why);
/* published -> final, after the objection window, with no objection undecided. */
enum db_err	 ranking_publish_final(struct db *, struct arena *, long long round_id,
		    int64_t now, const struct audit_event *actor, const char **why);

/* Loads the engine's view of round_id's rubric and thresholds into rr. */
enum db_err	 ranking_rubric(struct db *, struct arena *, long long round_id,
		    const struct rubric *, struct rank_rubric *);
/*
 * Scores one file with its current values (for the licensee's breakdown and an
 * objection's rescoring).  *found 0 when decl_id is not of rr's round.
 */
enum db_err	 ranking_file(struct db *, struct arena *, const struct rank_rubric *,
		    long long decl_id, struct rank_file *, int *found);
/*
 * Inside the caller's transaction: scores decl_id again and stores the result as
 * its final score and rank (an accepted objection).  *old_rank / *new_rank are the
 * public ranks before and after (0: none).
 */
enum db_err	 ranking_store_final(struct db *, struct arena *, long long round_id,
		    long long decl_id, int64_t now, int *old_rank, int *new_rank,
		    long long *old_score, long long *new_score);
/*
 * Scores every file of rr's round with its current values, in declaration id
 * order, and calls fn with each (f's arrays are reused for the next file).
 */
typedef enum db_err (*ranking_each_fn)(const struct rank_rubric *, const struct rank_file *,
    void *);
enum db_err	 ranking_each(struct db *, struct arena *, const struct rank_rubric *,
		    ranking_each_fn, void *);
/* The breakdown of f as JSON (the declarations' breakdown_json). */
const char	*ranking_breakdown_json(struct arena *, const struct rank_rubric *,
		    const struct rank_file *);

const char	*ranking_basis_name(enum rank_basis);

#endif
