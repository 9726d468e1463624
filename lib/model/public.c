/*
 * The published ranks, for the public pages.  The "public round" rule is in the
 * SQL of every statement (sql_public.h), so a round in review or scoring cannot
 * leak through a forgotten check here.
 */
#include <string.h>

#include "arena.h"
#include "model/public.h"
#include "model/stmts.h"

int
public_round_final(const struct public_round *r)
{
	return strcmp(r->state, "final") == 0 || strcmp(r->state, "closed") == 0;
}

/* Columns c[0..6] of STMT_PUBLIC_ROUNDS and STMT_PUBLIC_ROUND_BY_CODE. */
static void
fill_round(struct public_round *r, const struct db_val *c)
{
	r->id = c[0].i;
	r->code = c[1].s;
	r->title = c[2].s;
	r->state = c[3].s;
	r->published_at = c[4].s;
	r->final_published_at = c[5].s;
	r->decl_start = c[6].s;
}

/* Grows the arena array *p of *cap elements of size sz when n reaches it. */
static void *
grow(struct arena *a, void *p, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return p;
	p = arena_realloc(a, p, *cap * sz, 2 * *cap * sz);
	*cap *= 2;
	return p;
}

enum db_err
public_rounds(struct db *db, struct arena *a, struct public_round **out, size_t *n)
{
	struct db_val	 c[7];
	size_t		 cap = 4;
	enum db_err	 rc;
	int		 got;

	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, STMT_PUBLIC_ROUNDS, NULL)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, STMT_PUBLIC_ROUNDS, a, c)) == 1) {
		*out = grow(a, *out, *n, &cap, sizeof(**out));
		fill_round(&(*out)[(*n)++], c);
	}
	return got < 0 ? DB_ERROR : DB_OK;
}

enum db_err
public_round_by_code(struct db *db, struct arena *a, const char *code,
    struct public_round *r, int *found)
{
	struct db_val	 p = db_text(code), c[7];
	enum db_err	 rc;
	int		 got;

	*found = 0;
	memset(r, 0, sizeof(*r));
	if ((rc = db_exec(db, STMT_PUBLIC_ROUND_BY_CODE, &p)) != DB_OK)
		return rc;
	if ((got = db_fetch(db, STMT_PUBLIC_ROUND_BY_CODE, a, c)) < 0)
		return DB_ERROR;
	if (got == 1) {
		fill_round(r, c);
		db_done(db, STMT_PUBLIC_ROUND_BY_CODE);
		*found = 1;
	}
	return DB_OK;
}

enum db_err
public_office_history(struct db *db, struct arena *a, const char *code,
    struct public_office *o, struct public_rank **hist, size_t *nhist, int *found)
{
	struct db_val	 p = db_text(code), c[17];
	size_t		 cap = 4;
	enum db_err	 rc;
	int		 got;

	*found = 0;
	*nhist = 0;
	memset(o, 0, sizeof(*o));
	*hist = arena_calloc(a, cap, sizeof(**hist));
	if ((rc = db_exec(db, STMT_PUBLIC_OFFICE_HISTORY, &p)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, STMT_PUBLIC_OFFICE_HISTORY, a, c)) == 1) {
		struct public_rank *h;

		if (!*found) {
			o->id = c[0].i;
			o->code = c[1].s;
			o->name = c[2].s;
			o->kind = c[3].s;
			o->status = c[4].s;
			o->province = c[5].s;
			o->city = c[6].s;
			o->province_id = c[16].i;
			*found = 1;
		}
		/* The office's row without a public round: no history. */
		if (c[7].null)
			continue;
		*hist = grow(a, *hist, *nhist, &cap, sizeof(**hist));
		h = &(*hist)[(*nhist)++];
		fill_round(&h->round, c + 7);
		h->rank = c[14].null ? 0 : (int)c[14].i;
		h->basis = c[15].s;
	}
	return got < 0 ? DB_ERROR : DB_OK;
}

enum db_err
public_provinces(struct db *db, struct arena *a, struct public_province **out,
    size_t *n)
{
	struct db_val	 c[3];
	size_t		 cap = 32;
	enum db_err	 rc;
	int		 got;

	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, STMT_PUBLIC_PROVINCES, NULL)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, STMT_PUBLIC_PROVINCES, a, c)) == 1) {
		*out = grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[*n].id = c[0].i;
		(*out)[*n].code = c[1].s;
		(*out)[*n].name = c[2].s;
		(*n)++;
	}
	return got < 0 ? DB_ERROR : DB_OK;
}

enum db_err
public_rank_counts(struct db *db, long long round_id, long long province_id,
    long long counts[4])
{
	struct db_val	 p[2], c[2];
	enum db_err	 rc;
	int		 got;

	memset(counts, 0, 4 * sizeof(counts[0]));
	p[0] = db_int(round_id);
	p[1] = db_int(province_id);
	if ((rc = db_exec(db, STMT_PUBLIC_RANK_COUNTS, p)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, STMT_PUBLIC_RANK_COUNTS, NULL, c)) == 1) {
		/* The CHECK constraints keep ranks in 1..3; anything else is a bug. */
		if (!c[0].null && (c[0].i < 1 || c[0].i > 3)) {
			db_done(db, STMT_PUBLIC_RANK_COUNTS);
			return DB_ERROR;
		}
		counts[c[0].null ? 0 : c[0].i] += c[1].i;
	}
	return got < 0 ? DB_ERROR : DB_OK;
}

enum db_err
public_rank_page(struct db *db, struct arena *a, long long round_id,
    long long province_id, long long offset, long long limit,
    struct public_row **out, size_t *n)
{
	struct db_val	 p[4], c[5];
	size_t		 cap = 16;
	enum db_err	 rc;
	int		 got;

	*n = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	p[0] = db_int(round_id);
	p[1] = db_int(province_id);
	p[2] = db_int(limit);
	p[3] = db_int(offset);
	if ((rc = db_exec(db, STMT_PUBLIC_RANK_PAGE, p)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, STMT_PUBLIC_RANK_PAGE, a, c)) == 1) {
		struct public_row *row;

		*out = grow(a, *out, *n, &cap, sizeof(**out));
		row = &(*out)[(*n)++];
		row->code = c[0].s;
		row->name = c[1].s;
		row->kind = c[2].s;
		row->province = "";
		row->city = c[3].s;
		row->rank = c[4].null ? 0 : (int)c[4].i;
		row->has_score = 0;
		row->score_x100 = 0;
	}
	return got < 0 ? DB_ERROR : DB_OK;
}

enum db_err
public_round_each(struct db *db, struct arena *a, long long round_id,
    int (*fn)(void *, const struct public_row *), void *arg)
{
	struct db_val	 p = db_int(round_id), c[7];
	struct public_row row;
	enum db_err	 rc;
	int		 got;

	if ((rc = db_exec(db, STMT_PUBLIC_ROUND_OFFICES, &p)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, STMT_PUBLIC_ROUND_OFFICES, a, c)) == 1) {
		row.code = c[0].s;
		row.name = c[1].s;
		row.kind = c[2].s;
		row.province = c[3].s;
		row.city = c[4].s;
		row.rank = c[5].null ? 0 : (int)c[5].i;
		row.has_score = !c[6].null;
		row.score_x100 = c[6].i;
		if (fn(arg, &row) != 0) {
			db_done(db, STMT_PUBLIC_ROUND_OFFICES);
			return DB_ERROR;
		}
	}
	return got < 0 ? DB_ERROR : DB_OK;
}
