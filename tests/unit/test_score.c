/*
 * Unit tests of the scoring and ranking engine on a rubric computed by hand: band
 * edges, options, missing values, deductions and their caps, thresholds, the
 * points missing for the next rank, and the order of a list.
 */
#include <limits.h>
#include <string.h>

#include <check.h>

#include "check_run.h"

#include "score.h"

/*
 * area (m², scaled x1): [.., 20) 0, [20, 40) 5, [40, ..) 10 points.
 * location: option 11 main street 8, option 12 side street 3, option 13 other 0.
 * staff: [0, 2) 0, [2, 4) 4, [4, ..) 7.
 * association (x10, one decimal): [0, 500) 0, [500, 800) 2.5, [800, 1001) 5.
 * Best total: 10 + 8 + 7 + 5 = 30 points.
 */
static const struct score_option area_bands[] = {
	{ 1, 0, 1, 0, 20, 0 },
	{ 2, 1, 1, 20, 40, 500 },
	{ 3, 1, 0, 40, 0, 1000 },
};
static const struct score_option location_opts[] = {
	{ 11, 0, 0, 0, 0, 800 },
	{ 12, 0, 0, 0, 0, 300 },
	{ 13, 0, 0, 0, 0, 0 },
};
static const struct score_option staff_bands[] = {
	{ 21, 1, 1, 0, 2, 0 },
	{ 22, 1, 1, 2, 4, 400 },
	{ 23, 1, 0, 4, 0, 700 },
};
static const struct score_option assoc_bands[] = {
	{ 31, 1, 1, 0, 500, 0 },
	{ 32, 1, 1, 500, 800, 250 },
	{ 33, 1, 1, 800, 1001, 500 },
};
static const struct score_criterion crits[] = {
	{ 100, SCORE_BANDS, area_bands, 3 },
	{ 101, SCORE_OPTIONS, location_opts, 3 },
	{ 102, SCORE_BANDS, staff_bands, 3 },
	{ 103, SCORE_BANDS, assoc_bands, 3 },
};
#define NCRIT	(sizeof(crits) / sizeof(crits[0]))
#define R1	2000	/* rank 1 from 20 points */
#define R2	1000	/* rank 2 from 10 points */

static struct score_value	 vals[NCRIT];
static struct score_line	 lines[NCRIT];
static struct score_deduction	 deds[8];
static struct score_result	 res;

static void
num(size_t i, long long v)
{
	vals[i].has_num = 1;
	vals[i].num = v;
	vals[i].option_id = 0;
}

static void
opt(size_t i, long long id)
{
	vals[i].has_num = 0;
	vals[i].option_id = id;
}

static void
setup(void)
{
	memset(vals, 0, sizeof(vals));
	memset(lines, 0x55, sizeof(lines));
	memset(deds, 0x55, sizeof(deds));
}

static long long
run(const struct score_violation *v, size_t nv)
{
	score_file(crits, vals, NCRIT, v, nv, R1, R2, lines, deds, &res);
	return res.total_x100;
}

START_TEST(score_best_answers_sum_to_thirty)
{
	num(0, 75);
	opt(1, 11);
	num(2, 6);
	num(3, 1000);
	ck_assert_int_eq(run(NULL, 0), 3000);
	ck_assert_int_eq(res.criteria_x100, 3000);
	ck_assert_int_eq(res.deductions_x100, 0);
	ck_assert_int_eq(res.rank, 1);
	ck_assert_int_eq(lines[0].option, 2);
	ck_assert_int_eq(lines[1].option, 0);
	ck_assert_int_eq(lines[2].option, 2);
	ck_assert_int_eq(lines[3].option, 2);
}
END_TEST

START_TEST(score_band_lower_edge_is_inside_upper_edge_outside)
{
	num(0, 19);
	run(NULL, 0);
	ck_assert_int_eq(lines[0].option, 0);
	ck_assert_int_eq(lines[0].points_x100, 0);
	num(0, 20);
	run(NULL, 0);
	ck_assert_int_eq(lines[0].option, 1);
	ck_assert_int_eq(lines[0].points_x100, 500);
	num(0, 39);
	run(NULL, 0);
	ck_assert_int_eq(lines[0].points_x100, 500);
	num(0, 40);
	run(NULL, 0);
	ck_assert_int_eq(lines[0].option, 2);
	ck_assert_int_eq(lines[0].points_x100, 1000);
	/* Open bounds reach the extremes. */
	num(0, LLONG_MIN);
	run(NULL, 0);
	ck_assert_int_eq(lines[0].option, 0);
	num(0, LLONG_MAX);
	run(NULL, 0);
	ck_assert_int_eq(lines[0].option, 2);
}
END_TEST

START_TEST(score_value_outside_every_band_scores_zero)
{
	num(2, -1);		/* below the first band of staff */
	num(3, 1001);		/* above the last band of association */
	run(NULL, 0);
	ck_assert_int_eq(lines[2].has_value, 1);
	ck_assert_int_eq(lines[2].option, -1);
	ck_assert_int_eq(lines[2].points_x100, 0);
	ck_assert_int_eq(lines[3].option, -1);
	ck_assert_int_eq(lines[3].points_x100, 0);
}
END_TEST

START_TEST(score_missing_values_and_foreign_options_score_zero)
{
	opt(1, 21);		/* an option of another criterion */
	ck_assert_int_eq(run(NULL, 0), 0);
	ck_assert_int_eq(lines[0].has_value, 0);
	ck_assert_int_eq(lines[0].option, -1);
	ck_assert_int_eq(lines[1].has_value, 1);
	ck_assert_int_eq(lines[1].option, -1);
	ck_assert_int_eq(res.rank, 3);
	/* A number given to a choice criterion is no choice. */
	num(1, 11);
	run(NULL, 0);
	ck_assert_int_eq(lines[1].has_value, 0);
}
END_TEST

START_TEST(score_one_decimal_association_bands)
{
	num(3, 499);		/* 49.9 */
	run(NULL, 0);
	ck_assert_int_eq(lines[3].points_x100, 0);
	num(3, 500);		/* 50.0 */
	run(NULL, 0);
	ck_assert_int_eq(lines[3].points_x100, 250);
	num(3, 799);
	run(NULL, 0);
	ck_assert_int_eq(lines[3].points_x100, 250);
	num(3, 800);
	run(NULL, 0);
	ck_assert_int_eq(lines[3].points_x100, 500);
}
END_TEST

START_TEST(score_violations_deduct_occurrences_times_points)
{
	static const struct score_violation v[] = {
		{ 1, 2, -150, 0 },	/* 2 x -1.5 */
		{ 2, 1, -500, 0 },	/* 1 x -5 */
	};

	num(0, 40);		/* 10 */
	opt(1, 12);		/* 3 */
	num(2, 2);		/* 4 */
	num(3, 500);		/* 2.5 */
	ck_assert_int_eq(run(v, 2), 1950 - 300 - 500);
	ck_assert_int_eq(res.criteria_x100, 1950);
	ck_assert_int_eq(res.deductions_x100, -800);
	ck_assert_int_eq(deds[0].counted, 2);
	ck_assert_int_eq(deds[0].points_x100, -300);
	ck_assert_int_eq(deds[1].counted, 1);
	ck_assert_int_eq(deds[1].points_x100, -500);
	ck_assert_int_eq(res.rank, 2);
}
END_TEST

START_TEST(score_cap_counts_occurrences_across_rows_of_a_type)
{
	static const struct score_violation v[] = {
		{ 7, 2, -100, 3 },
		{ 8, 5, -10, 0 },	/* another type, no cap */
		{ 7, 4, -100, 3 },	/* only 1 more counts */
		{ 7, 1, -100, 3 },	/* cap reached: 0 */
	};

	ck_assert_int_eq(run(v, 4), -200 - 50 - 100);
	ck_assert_int_eq(deds[0].counted, 2);
	ck_assert_int_eq(deds[1].counted, 5);
	ck_assert_int_eq(deds[2].counted, 1);
	ck_assert_int_eq(deds[2].points_x100, -100);
	ck_assert_int_eq(deds[3].counted, 0);
	ck_assert_int_eq(deds[3].points_x100, 0);
}
END_TEST

START_TEST(score_positive_violation_points_never_add)
{
	static const struct score_violation v[] = { { 1, 3, 200, 0 } };

	num(0, 40);
	ck_assert_int_eq(run(v, 1), 1000);
	ck_assert_int_eq(deds[0].points_x100, 0);
}
END_TEST

START_TEST(score_total_may_go_negative)
{
	static const struct score_violation v[] = { { 1, 10, -1000, 0 } };

	num(0, 40);
	ck_assert_int_eq(run(v, 1), 1000 - 10000);
	ck_assert_int_eq(res.rank, 3);
}
END_TEST

START_TEST(score_thresholds_are_reached_when_equal)
{
	ck_assert_int_eq(score_rank(2000, R1, R2), 1);
	ck_assert_int_eq(score_rank(1999, R1, R2), 2);
	ck_assert_int_eq(score_rank(1000, R1, R2), 2);
	ck_assert_int_eq(score_rank(999, R1, R2), 3);
	ck_assert_int_eq(score_rank(-5, R1, R2), 3);
	/* Equal thresholds: no rank 2. */
	ck_assert_int_eq(score_rank(1500, 1500, 1500), 1);
	ck_assert_int_eq(score_rank(1499, 1500, 1500), 3);
}
END_TEST

START_TEST(score_a_file_exactly_on_a_threshold)
{
	num(0, 40);		/* 10 */
	opt(1, 11);		/* 8 */
	num(3, 800);		/* 5: 23 */
	static const struct score_violation v[] = { { 1, 1, -300, 0 } };
	ck_assert_int_eq(run(v, 1), 2000);
	ck_assert_int_eq(res.rank, 1);
	static const struct score_violation w[] = { { 1, 1, -301, 0 } };
	ck_assert_int_eq(run(w, 1), 1999);
	ck_assert_int_eq(res.rank, 2);
}
END_TEST

START_TEST(score_missing_points_for_the_next_rank)
{
	ck_assert_int_eq(score_missing(2500, R1, R2), 0);
	ck_assert_int_eq(score_missing(2000, R1, R2), 0);
	ck_assert_int_eq(score_missing(1999, R1, R2), 1);
	ck_assert_int_eq(score_missing(1000, R1, R2), 1000);
	ck_assert_int_eq(score_missing(999, R1, R2), 1);
	ck_assert_int_eq(score_missing(-100, R1, R2), 1100);
}
END_TEST

START_TEST(score_headroom_is_the_best_option_minus_the_points)
{
	num(0, 25);		/* 5 of 10 */
	opt(1, 11);		/* 8 of 8 */
	run(NULL, 0);
	ck_assert_int_eq(score_headroom(&crits[0], &lines[0]), 500);
	ck_assert_int_eq(score_headroom(&crits[1], &lines[1]), 0);
	ck_assert_int_eq(score_headroom(&crits[2], &lines[2]), 700);
}
END_TEST

START_TEST(score_is_deterministic)
{
	static const struct score_violation v[] = { { 7, 2, -100, 3 }, { 7, 4, -100, 3 } };
	struct score_result first;
	struct score_deduction d0[2];

	num(0, 33);
	opt(1, 12);
	num(2, 3);
	num(3, 650);
	run(v, 2);
	first = res;
	memcpy(d0, deds, sizeof(d0));
	run(v, 2);
	ck_assert_mem_eq(&first, &res, sizeof(res));
	ck_assert_mem_eq(d0, deds, sizeof(d0));
	ck_assert_int_eq(res.total_x100, 500 + 300 + 400 + 250 - 300);
}
END_TEST

START_TEST(score_order_is_total_then_code)
{
	ck_assert_int_lt(score_order(2000, "B-2", 1000, "A-1"), 0);
	ck_assert_int_gt(score_order(1000, "A-1", 2000, "B-2"), 0);
	ck_assert_int_lt(score_order(1500, "A-1", 1500, "B-2"), 0);
	ck_assert_int_eq(score_order(1500, "A-1", 1500, "A-1"), 0);
}
END_TEST

START_TEST(score_empty_rubric_scores_zero)
{
	score_file(NULL, NULL, 0, NULL, 0, 0, 0, NULL, NULL, &res);
	ck_assert_int_eq(res.total_x100, 0);
	ck_assert_int_eq(res.rank, 1);	/* thresholds of 0 are reached */
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("score");
	TCase	*tc = tcase_create("engine");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, score_best_answers_sum_to_thirty);
	tcase_add_test(tc, score_band_lower_edge_is_inside_upper_edge_outside);
	tcase_add_test(tc, score_value_outside_every_band_scores_zero);
	tcase_add_test(tc, score_missing_values_and_foreign_options_score_zero);
	tcase_add_test(tc, score_one_decimal_association_bands);
	tcase_add_test(tc, score_violations_deduct_occurrences_times_points);
	tcase_add_test(tc, score_cap_counts_occurrences_across_rows_of_a_type);
	tcase_add_test(tc, score_positive_violation_points_never_add);
	tcase_add_test(tc, score_total_may_go_negative);
	tcase_add_test(tc, score_thresholds_are_reached_when_equal);
	tcase_add_test(tc, score_a_file_exactly_on_a_threshold);
	tcase_add_test(tc, score_missing_points_for_the_next_rank);
	tcase_add_test(tc, score_headroom_is_the_best_option_minus_the_points);
	tcase_add_test(tc, score_is_deterministic);
	tcase_add_test(tc, score_order_is_total_then_code);
	tcase_add_test(tc, score_empty_rubric_scores_zero);
	suite_add_tcase(s, tc);
	return check_run(s);
}
