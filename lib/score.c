/*
 * The scoring and ranking engine (see score.h for the rules).
 */
#include <string.h>

#include "score.h"

static int
band_holds(const struct score_option *o, long long v)
{
	if (o->has_lower && v < o->lower)
		return 0;
	if (o->has_upper && v >= o->upper)
		return 0;
	return 1;
}

static void
score_criterion(const struct score_criterion *c, const struct score_value *v,
    struct score_line *l)
{
	size_t	 i;

	l->option = -1;
	l->points_x100 = 0;
	l->has_value = c->kind == SCORE_BANDS ? v->has_num : v->option_id != 0;
	if (!l->has_value)
		return;
	for (i = 0; i < c->nopts; i++) {
		const struct score_option *o = &c->opts[i];

		if (c->kind == SCORE_BANDS ? band_holds(o, v->num) : o->id == v->option_id) {
			l->option = (int)i;
			l->points_x100 = o->points_x100;
			return;
		}
	}
}

int
score_rank(long long total, long long rank1_min, long long rank2_min)
{
	if (total >= rank1_min)
		return 1;
	if (total >= rank2_min)
		return 2;
	return 3;
}

void
score_file(const struct score_criterion *crits, const struct score_value *vals,
    size_t n, const struct score_violation *viols, size_t nviols,
    long long rank1_min, long long rank2_min, struct score_line *lines,
    struct score_deduction *deds, struct score_result *res)
{
	size_t	 i, j;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < n; i++) {
		score_criterion(&crits[i], &vals[i], &lines[i]);
		res->criteria_x100 += lines[i].points_x100;
	}
	for (j = 0; j < nviols; j++) {
		const struct score_violation *v = &viols[j];
		long long counted = v->occurrences > 0 ? v->occurrences : 0;

		if (v->max_count > 0) {
			long long before = 0, left;

			for (i = 0; i < j; i++)
				if (viols[i].type_id == v->type_id)
					before += deds[i].counted;
			left = v->max_count - before;
			if (left < 0)
				left = 0;
			if (counted > left)
				counted = left;
		}
		deds[j].counted = (int)counted;
		deds[j].points_x100 = counted * (v->points_each_x100 < 0 ?
		    v->points_each_x100 : 0);
		res->deductions_x100 += deds[j].points_x100;
	}
	res->total_x100 = res->criteria_x100 + res->deductions_x100;
	res->rank = score_rank(res->total_x100, rank1_min, rank2_min);
}

long long
score_missing(long long total, long long rank1_min, long long rank2_min)
{
	switch (score_rank(total, rank1_min, rank2_min)) {
	case 1:
		return 0;
	case 2:
		return rank1_min - total;
	default:
		return rank2_min - total;
	}
}

int
score_headroom(const struct score_criterion *c, const struct score_line *l)
{
	size_t	 i;
	int	 best = 0;

	for (i = 0; i < c->nopts; i++)
		if (c->opts[i].points_x100 > best)
			best = c->opts[i].points_x100;
	return best > l->points_x100 ? best - l->points_x100 : 0;
}

int
score_order(long long total_a, const char *code_a, long long total_b,
    const char *code_b)
{
	if (total_a != total_b)
		return total_a > total_b ? -1 : 1;
	return strcmp(code_a, code_b);
}
