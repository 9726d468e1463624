/*
 * The scoring and ranking engine: pure, no database, no allocation of its own, no
 * floating point.  Everything is an integer in hundredths of a point (_x100).
 *
 * Input: the criteria of a round's rubric, each with its bands (number criteria:
 * half-open [lower, upper) on the scaled value) or options (choice and yes/no
 * criteria); one value per criterion (the verified value when the region entered
 * one, else the declared one: the caller decides); the violations recorded
 * against the file; the round's rank thresholds.
 *
 * Rules (tested in tests/unit/test_score.c):
 * - A number criterion scores the points of the first band, in the given order,
 *   with lower <= v < upper (a missing bound is open).  No band holds v, or no
 *   value: 0 points, and the line says so.
 * - A choice or yes/no criterion scores the points of the chosen option; an option
 *   that is not the criterion's, or none: 0 points.
 * - A violation deducts occurrences x points_each (points_each <= 0).  A type's
 *   cap (max_count > 0) bounds the occurrences counted across every violation of
 *   that type, in the given order: once the cap is reached the rest count 0.
 * - total = sum of the criteria's points + sum of the deductions (negative).  The
 *   total may be negative; it is not clamped.
 * - rank 1 when total >= rank1_min, else rank 2 when total >= rank2_min, else 3:
 *   a total equal to a threshold reaches it.  Equal totals get equal ranks; the
 *   order of offices within a list is total descending, then office code.
 */
#ifndef GEPS_SCORE_H
#define GEPS_SCORE_H

#include <stddef.h>

enum score_kind {
	SCORE_BANDS,		/* a number criterion: points from its bands */
	SCORE_OPTIONS		/* a choice or yes/no criterion: points per option */
};

/* A band of a number criterion or an option of a choice criterion. */
struct score_option {
	long long	 id;		/* the option's id (choice: what a value names) */
	int		 has_lower, has_upper;
	long long	 lower, upper;	/* bands only, scaled like the value */
	int		 points_x100;
};

struct score_criterion {
	long long		 id;
	enum score_kind		 kind;
	const struct score_option *opts;
	size_t			 nopts;
};

/* The value of one criterion: a scaled number, or the id of an option. */
struct score_value {
	int		 has_num;
	long long	 num;
	long long	 option_id;	/* 0: none */
};

struct score_violation {
	long long	 type_id;
	int		 occurrences;	/* >= 1 */
	int		 points_each_x100; /* <= 0 */
	int		 max_count;	/* the type's cap; 0: none */
};

/* The points of one criterion and what gave them. */
struct score_line {
	int		 has_value;	/* 0: no value, 0 points */
	int		 option;	/* index into the criterion's opts, -1: none matched */
	int		 points_x100;
};

/* The deduction of one violation, in input order. */
struct score_deduction {
	int		 counted;	/* occurrences counted (after the cap) */
	long long	 points_x100;	/* counted x points_each, <= 0 */
};

struct score_result {
	long long	 criteria_x100;		/* sum of the lines */
	long long	 deductions_x100;	/* sum of the deductions, <= 0 */
	long long	 total_x100;
	int		 rank;			/* 1, 2 or 3 */
};

/*
 * Scores one file.  crits[i] takes vals[i] and writes lines[i] (n of each);
 * viols[j] writes deds[j] (nviols of each).  Never fails.
 */
void	 score_file(const struct score_criterion *crits, const struct score_value *vals,
	    size_t n, const struct score_violation *viols, size_t nviols,
	    long long rank1_min_x100, long long rank2_min_x100,
	    struct score_line *lines, struct score_deduction *deds,
	    struct score_result *res);

/* The rank of a total: 1, 2 or 3. */
int	 score_rank(long long total_x100, long long rank1_min_x100,
	    long long rank2_min_x100);

/*
 * The points a total lacks for the next rank up: rank 2 lacks rank1_min - total,
 * rank 3 lacks rank2_min - total; rank 1 lacks nothing (0).
 */
long long score_missing(long long total_x100, long long rank1_min_x100,
	    long long rank2_min_x100);

/*
 * The points crit could still give above line: the best option's points minus the
 * points scored (0 when the line already has the best).
 */
int	 score_headroom(const struct score_criterion *, const struct score_line *);

/*
 * Orders two files for a list: total descending, then code ascending (strcmp).
 * Returns <0, 0 or >0 like strcmp.
 */
int	 score_order(long long total_a, const char *code_a, long long total_b,
	    const char *code_b);

#endif
