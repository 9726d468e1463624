/*
 * The regional review of a file (see review.h): reads for the queue and the file
 * page, the reviewer's writes and HQ's reopening, each write one transaction that
 * re-checks everything under the file's row lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "clock.h"
#include "fa.h"
#include "jalali.h"
#include "json.h"
#include "model/outbox.h"
#include "model/review.h"
#include "model/round.h"
#include "model/rubric.h"
#include "model/stmts.h"
#include "model/upload.h"

/* Makes room for one more element in an arena array of *cap elements. */
static void *
grow(struct arena *a, void *p, size_t n, size_t *cap, size_t size)
{
	if (p == NULL) {
		*cap = 16;
		return arena_calloc(a, *cap, size);
	}
	if (n < *cap)
		return p;
	p = arena_realloc(a, p, *cap * size, 2 * *cap * size);
	*cap *= 2;
	return p;
}

#define PUSH(a, arr, n, cap)	((arr) = grow((a), (arr), (n), &(cap), sizeof(*(arr))), \
				    &(arr)[(n)++])

const char *
review_tehran_date(struct arena *a, int64_t now, int days)
{
	const char	*d = round_tehran_day(a, now, days);

	return d != NULL ? d : "0000-00-00";
}

/* Reads. */

enum db_err
review_rounds(struct db *db, struct arena *a, struct review_round **out, size_t *nout)
{
	struct db_val	 c[6];
	struct review_round *r;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_REV_ROUNDS, NULL)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_ROUNDS, a, c)) == 1) {
		r = PUSH(a, *out, *nout, cap);
		r->id = c[0].i;
		r->code = c[1].s;
		r->title = c[2].s;
		r->state = c[3].s;
		r->review_end = c[4].s;
		r->correction_days = (int)c[5].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
review_prev_published(struct db *db, long long round_id, long long *prev)
{
	struct db_val	 p = db_int(round_id), c[1];
	enum db_err	 rc;
	int		 n;

	*prev = 0;
	if ((rc = db_exec(db, STMT_REV_PREV_PUBLISHED, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_REV_PREV_PUBLISHED, NULL, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		*prev = c[0].i;
		db_done(db, STMT_REV_PREV_PUBLISHED);
	}
	return DB_OK;
}

/* A filter as a range for the SQL: 0 ("any") is 0..max, else v..v. */
static void
range(long long v, long long max, struct db_val *lo, struct db_val *hi)
{
	*lo = db_int(v == 0 ? 0 : v);
	*hi = db_int(v == 0 ? max : v);
}

static enum db_err
places(struct db *db, struct arena *a, int stmt, struct db_val *p,
    struct review_place **out, size_t *nout)
{
	struct db_val	 c[2];
	struct review_place *pl;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, stmt, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, stmt, a, c)) == 1) {
		pl = PUSH(a, *out, *nout, cap);
		pl->id = c[0].i;
		pl->name = c[1].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
review_provinces(struct db *db, struct arena *a, long long region_id,
    struct review_place **out, size_t *nout)
{
	struct db_val	 p[2];

	range(region_id, 255, &p[0], &p[1]);
	return places(db, a, STMT_REV_PROVINCES, p, out, nout);
}

enum db_err
review_cities(struct db *db, struct arena *a, long long region_id, long long province_id,
    struct review_place **out, size_t *nout)
{
	struct db_val	 p[3];

	p[0] = db_int(province_id);
	range(region_id, 255, &p[1], &p[2]);
	return places(db, a, STMT_REV_CITIES, p, out, nout);
}

enum db_err
review_counts(struct db *db, struct arena *a, long long round_id, long long region_id,
    struct review_count **out, size_t *nout)
{
	struct db_val	 p[3], c[3];
	struct review_count *k;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	p[0] = db_int(round_id);
	range(region_id, 255, &p[1], &p[2]);
	if ((rc = db_exec(db, STMT_REV_COUNTS, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_COUNTS, a, c)) == 1) {
		k = PUSH(a, *out, *nout, cap);
		k->province_id = c[0].i;
		k->state = c[1].s;
		k->n = c[2].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

/*
 * The queue's total from the counts per province and state, or -1 when a filter
 * other than state and province is set.  The queue's join lists each file of the
 * round, region, provinces and states once: every file has its office and every
 * office its licensee (foreign keys, NOT NULL), and the previous round's file is
 * an outer join on a unique key.
 */
static long long
total_from_counts(const struct review_query *q, const struct review_count *k, size_t nk)
{
	long long	 total = 0;
	size_t		 i, j;

	if (q->city_id != 0 || q->band != 0 || (q->q != NULL && q->q[0] != '\0'))
		return -1;
	for (i = 0; i < nk; i++) {
		if (q->province_id != 0 && k[i].province_id != q->province_id)
			continue;
		for (j = 0; j < 4; j++)
			if (q->states[j] != NULL && strcmp(q->states[j], k[i].state) == 0)
				break;
		if (j < 4)
			total += k[i].n;
	}
	return total;
}

/* The parameters shared by the queue and its count (20). */
static void
queue_params(const struct review_query *q, struct db_val *p)
{
	size_t	 i;

	p[0] = db_int(q->prev_round_id);
	p[1] = db_int(q->round_id);
	range(q->region_id, 255, &p[2], &p[3]);
	range(q->province_id, 255, &p[4], &p[5]);
	for (i = 0; i < 4; i++)
		p[6 + i] = db_text(q->states[i] != NULL ? q->states[i] : q->states[0]);
	range(q->city_id, 4294967295LL, &p[10], &p[11]);
	p[12] = p[13] = p[14] = db_int(q->band);
	for (i = 15; i < 20; i++)
		p[i] = db_text(q->q != NULL ? q->q : "");
}

enum db_err
review_queue(struct db *db, struct arena *a, const struct review_query *q,
    const struct review_count *counts, size_t ncounts,
    struct review_row **out, size_t *nout, long long *total)
{
	struct db_val	 p[22], c[12];
	struct review_row *w;
	long long	 left;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	*total = 0;
	queue_params(q, p);
	if ((*total = total_from_counts(q, counts, ncounts)) < 0) {
		*total = 0;
		if ((rc = db_exec(db, STMT_REV_QUEUE_COUNT, p)) != DB_OK)
			return rc;
		if ((n = db_fetch(db, STMT_REV_QUEUE_COUNT, NULL, c)) < 0)
			return DB_ERROR;
		if (n == 1) {
			*total = c[0].i;
			db_done(db, STMT_REV_QUEUE_COUNT);
		}
	}
	/*
	 * The walk of the index stops after LIMIT files: no more than the total says
	 * are left, so that a filter matching few files stops at the last of them
	 * instead of reading the rest of the region, and a page past the end reads
	 * nothing.
	 */
	left = *total - q->page * REVIEW_PAGE;
	if (left <= 0)
		return DB_OK;
	p[20] = db_int(left < REVIEW_PAGE ? left : REVIEW_PAGE);
	p[21] = db_int(q->page * REVIEW_PAGE);
	if ((rc = db_exec(db, STMT_REV_QUEUE, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_QUEUE, a, c)) == 1) {
		w = PUSH(a, *out, *nout, cap);
		w->decl_id = c[0].i;
		w->office_id = c[1].i;
		w->office_code = c[2].s;
		w->office_name = c[3].s;
		w->province = c[4].s;
		w->city = c[5].null ? "" : c[5].s;
		w->state = c[6].s;
		w->due_date = c[7].null ? NULL : c[7].s;
		w->submitted_at = c[8].null ? NULL : c[8].s;
		w->return_count = (int)c[9].i;
		w->prev_rank = (int)c[10].i;
		w->licensee = c[11].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
review_file_load(struct db *db, struct arena *a, const struct review_who *who,
    long long decl_id, struct review_file *f, int *found)
{
	struct db_val	 p[4], c[29];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(f, 0, sizeof(*f));
	p[0] = db_int(decl_id);
	p[1] = db_text(who->role);
	p[2] = db_text(who->role);
	p[3] = db_int(who->region_id);
	if ((rc = db_exec(db, STMT_REV_FILE, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_REV_FILE, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_REV_FILE);
	f->id = c[0].i;
	f->round_id = c[1].i;
	f->office_id = c[2].i;
	f->state = c[3].s;
	f->version = c[4].i;
	f->due_date = c[5].null ? NULL : c[5].s;
	f->submitted_at = c[6].null ? NULL : c[6].s;
	f->return_count = (int)c[7].i;
	f->tracking_no = c[8].null ? NULL : c[8].s;
	f->reviewed_at = c[9].null ? NULL : c[9].s;
	f->reviewer = c[10].s;
	f->office_code = c[11].s;
	f->office_name = c[12].s;
	f->office_kind = c[13].s;
	f->license_no = c[14].s;
	f->address = c[15].s;
	f->province = c[16].s;
	f->city = c[17].s;
	f->region_id = c[18].i;
	f->staff_count = (int)c[19].i;
	f->round_code = c[20].s;
	f->round_title = c[21].s;
	f->round_state = c[22].s;
	f->review_end = c[23].s;
	f->correction_days = (int)c[24].i;
	f->licensee_id = c[25].i;
	f->licensee = c[26].s;
	f->licensee_mobile = c[27].s;
	f->licensee_email = c[28].s;
	*found = 1;
	return DB_OK;
}

/* Why the round's review is closed on Tehran day today, or NULL. */
static const char *
round_closed(struct arena *a, const char *round_state, const char *review_end,
    const char *today)
{
	if (strcmp(round_state, "review") != 0)
		return "این دوره در مرحله بررسی منطقه نیست و پرونده‌های آن فقط قابل مشاهده است.";
	if (strcmp(today, review_end) > 0)
		return arena_printf(a, "مهلت بررسی منطقه در این دوره تا پایان روز %s بود و "
		    "به پایان رسیده است؛ پرونده فقط قابل مشاهده است.", round_jalali(a, review_end));
	return NULL;
}

/*
 * Why the file's state does not allow the reviewer's actions, or NULL.  A file
 * sent back whose correction deadline passed without a resubmission is reviewed
 * as it stands: the licensee can no longer change it.
 */
static const char *
state_closed(struct arena *a, const char *state, const char *due_date, const char *today)
{
	if (strcmp(state, "submitted") == 0 || strcmp(state, "resubmitted") == 0)
		return NULL;
	if (strcmp(state, "returned") == 0) {
		if (due_date != NULL && strcmp(due_date, today) < 0)
			return NULL;
		return arena_printf(a, "پرونده برای اصلاح به دفتر بازگردانده شده است و تا پایان "
		    "روز %s در انتظار دارنده پروانه است.", due_date != NULL ?
		    round_jalali(a, due_date) : "مهلت اصلاح");
	}
	if (strcmp(state, "reviewed") == 0)
		return "بررسی این پرونده تکمیل و قفل شده است؛ فقط ستاد می‌تواند آن را بازگشایی کند.";
	return "این پرونده ارسال نشده است و بررسی نمی‌شود.";
}

const char *
review_closed_why(struct arena *a, const struct review_who *who, const struct review_file *f)
{
	const char	*today = review_tehran_date(a, who->now, 0), *why;

	if (strcmp(who->role, "reviewer") != 0)
		return "ستاد پرونده‌ها را فقط می‌بیند؛ بررسی با کارشناس منطقه است.";
	if ((why = round_closed(a, f->round_state, f->review_end, today)) != NULL)
		return why;
	return state_closed(a, f->state, f->due_date, today);
}

enum db_err
review_values(struct db *db, struct arena *a, long long decl_id, const struct rubric *rb,
    struct review_value **out)
{
	struct db_val	 p = db_int(decl_id), c[11];
	struct review_value *v;
	enum db_err	 rc;
	size_t		 i;
	int		 n;

	*out = arena_calloc(a, rb->ncrits + 1, sizeof(**out));
	for (i = 0; i < rb->ncrits; i++) {
		(*out)[i].verify_state = "pending";
		(*out)[i].note = "";
		(*out)[i].verifier = "";
	}
	if ((rc = db_exec(db, STMT_REV_VALUES, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_VALUES, a, c)) == 1) {
		const struct rubric_criterion *cr = rubric_criterion_id(rb, c[0].i);

		if (cr == NULL)
			continue;
		v = &(*out)[cr - rb->crits];
		v->has_row = 1;
		v->has_declared_num = (int)c[1].i;
		v->declared_num = c[2].i;
		v->declared_opt = c[3].i;
		v->verify_state = c[4].s;
		v->has_verified_num = (int)c[5].i;
		v->verified_num = c[6].i;
		v->verified_opt = c[7].i;
		v->note = c[8].s;
		v->verified_at = c[9].null ? NULL : c[9].s;
		v->verifier = c[10].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

size_t
review_pending(const struct rubric *rb, const struct review_value *vals)
{
	size_t	 i, n = 0;

	for (i = 0; i < rb->ncrits; i++) {
		const struct rubric_criterion *c = &rb->crits[i];
		const struct review_value *v = &vals[i];

		if (c->filled_by == FILL_REVIEWER) {
			if (!v->has_row || (c->kind == CRIT_NUMBER ? !v->has_verified_num :
			    v->verified_opt == 0))
				n++;
		} else if (v->has_row && strcmp(v->verify_state, "pending") == 0)
			n++;
	}
	return n;
}

enum db_err
review_vtypes(struct db *db, struct arena *a, long long round_id, struct review_vtype **out,
    size_t *nout)
{
	struct db_val	 p = db_int(round_id), c[5];
	struct review_vtype *t;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_REV_VTYPES, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_VTYPES, a, c)) == 1) {
		t = PUSH(a, *out, *nout, cap);
		t->id = c[0].i;
		t->code = c[1].s;
		t->title = c[2].s;
		t->points_x100 = (int)c[3].i;
		t->max_count = (int)c[4].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
review_violations(struct db *db, struct arena *a, long long decl_id,
    struct review_violation **out, size_t *nout)
{
	struct db_val	 p = db_int(decl_id), c[11];
	struct review_violation *v;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_REV_VIOLATIONS, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_VIOLATIONS, a, c)) == 1) {
		v = PUSH(a, *out, *nout, cap);
		v->id = c[0].i;
		v->type_id = c[1].i;
		v->title = c[2].s;
		v->occurrences = (int)c[3].i;
		v->points_each_x100 = (int)c[4].i;
		v->note = c[5].s;
		v->created_at = c[6].s;
		v->created_by = c[7].s;
		v->revoked_at = c[8].s;
		v->revoked_by = c[9].s;
		v->revoke_reason = c[10].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
review_send_backs(struct db *db, struct arena *a, long long decl_id,
    struct review_send_back **out, size_t *nout)
{
	struct db_val	 p = db_int(decl_id), c[6];
	struct review_send_back *sb;
	struct review_sb_section *x;
	size_t		 cap = 0, i;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_REV_SEND_BACKS, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_SEND_BACKS, a, c)) == 1) {
		sb = PUSH(a, *out, *nout, cap);
		sb->id = c[0].i;
		sb->remarks = c[1].s;
		sb->due_date = c[2].s;
		sb->created_at = c[3].s;
		sb->created_by = c[4].s;
		sb->resubmitted_at = c[5].s;
	}
	if (n < 0)
		return DB_ERROR;
	if ((rc = db_exec(db, STMT_REV_SEND_BACK_SECTIONS, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_SEND_BACK_SECTIONS, a, c)) == 1) {
		for (i = 0; i < *nout; i++) {
			sb = &(*out)[i];
			if (sb->id != c[0].i)
				continue;
			/* Sections are few; a small array per send-back. */
			if (sb->secs == NULL)
				sb->secs = arena_calloc(a, 32, sizeof(*sb->secs));
			if (sb->nsecs < 32) {
				x = &sb->secs[sb->nsecs++];
				x->section_id = c[1].i;
				x->title = c[2].s;
				x->remark = c[3].s;
			}
			break;
		}
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
review_history(struct db *db, struct arena *a, const struct review_file *f,
    struct review_past **past, size_t *npast, struct review_past_violation **pv,
    size_t *npv)
{
	struct db_val	 p[2], c[7];
	struct review_past *h;
	struct review_past_violation *v;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*past = NULL;
	*npast = 0;
	*pv = NULL;
	*npv = 0;
	p[0] = db_int(f->round_id);
	p[1] = db_int(f->office_id);
	if ((rc = db_exec(db, STMT_REV_HISTORY, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_HISTORY, a, c)) == 1) {
		h = PUSH(a, *past, *npast, cap);
		h->round_code = c[0].s;
		h->round_title = c[1].s;
		h->state = c[2].s;
		h->rank = (int)c[3].i;
		h->has_score = (int)c[4].i;
		h->score_x100 = c[5].i;
		h->violations = (int)c[6].i;
	}
	if (n < 0)
		return DB_ERROR;
	cap = 0;
	if ((rc = db_exec(db, STMT_REV_HISTORY_VIOLATIONS, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_HISTORY_VIOLATIONS, a, c)) == 1) {
		v = PUSH(a, *pv, *npv, cap);
		v->round_code = c[0].s;
		v->title = c[1].s;
		v->occurrences = (int)c[2].i;
		v->points_each_x100 = (int)c[3].i;
		v->note = c[4].s;
		v->revoked = (int)c[5].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

/* Writes. */

/* The file and its round as they are under the write's locks. */
struct locked {
	const char	*state;
	long long	 version;
	const char	*due_date;	/* NULL: none */
	int		 return_count;
	const char	*round_state;
	const char	*review_end;
	int		 correction_days;
	const char	*today;
	const char	*now_sql;	/* the request's time as a DATETIME literal */
};

enum need {
	NEED_REVIEW,		/* a reviewer's action on a reviewable file */
	NEED_SEND_BACK,		/* … on a submitted or resubmitted file */
	NEED_REOPEN		/* HQ's reopening of a reviewed file */
};

static void
refuse(struct review_result *res, enum review_refusal why, const char *text)
{
	res->refusal = why;
	res->why = text;
}

#define STALE	"این پرونده پس از باز شدن این صفحه تغییر کرده است و چیزی ذخیره نشد. " \
		"صفحه را دوباره باز کنید و کار را از نو انجام دهید."

/*
 * Opens the write's transaction: the file's row locked, its round shared (HQ
 * cannot move the round on while a reviewer writes), and every rule checked again
 * with what the rows say now.  Returns DB_OK with the transaction open and
 * res->refusal REV_DONE, or DB_OK with a refusal and no transaction, or the db
 * error (rolled back).
 */
static enum db_err
lock_file(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, enum need need, struct locked *lk,
    struct review_result *res)
{
	struct db_val	 p = db_int(f->id), c[4], k[3];
	const char	*why;
	char		 ts[32];
	enum db_err	 rc;
	int		 n;

	refuse(res, REV_DONE, NULL);
	memset(lk, 0, sizeof(*lk));
	if (need == NEED_REOPEN && strcmp(who->role, "hq") != 0) {
		refuse(res, REV_FORBIDDEN, "فقط ستاد می‌تواند پرونده بررسی‌شده را بازگشایی کند.");
		return DB_OK;
	}
	if (need != NEED_REOPEN && strcmp(who->role, "reviewer") != 0) {
		refuse(res, REV_FORBIDDEN, "ستاد پرونده‌ها را فقط می‌بیند؛ بررسی با کارشناس منطقه است.");
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_exec(db, STMT_REV_LOCK, &p)) != DB_OK)
		goto fail;
	if ((n = db_fetch(db, STMT_REV_LOCK, a, c)) != 1) {
		rc = DB_ERROR;
		goto fail;
	}
	db_done(db, STMT_REV_LOCK);
	lk->state = c[0].s;
	lk->version = c[1].i;
	lk->due_date = c[2].null ? NULL : c[2].s;
	lk->return_count = (int)c[3].i;
	p = db_int(f->round_id);
	if ((rc = db_exec(db, STMT_REV_ROUND_SHARE, &p)) != DB_OK)
		goto fail;
	if ((n = db_fetch(db, STMT_REV_ROUND_SHARE, a, k)) != 1) {
		rc = DB_ERROR;
		goto fail;
	}
	db_done(db, STMT_REV_ROUND_SHARE);
	lk->round_state = k[0].s;
	lk->review_end = k[1].s;
	lk->correction_days = (int)k[2].i;
	lk->today = review_tehran_date(a, who->now, 0);
	clock_sql(who->now, ts, sizeof(ts));
	lk->now_sql = arena_strdup(a, ts);

	if (need == NEED_REOPEN) {
		if (strcmp(lk->round_state, "review") != 0)
			why = "بازگشایی پرونده فقط تا پیش از امتیازدهی دوره ممکن است.";
		else if (strcmp(lk->state, "reviewed") != 0)
			why = "فقط پرونده‌ای که بررسی آن تکمیل شده است بازگشایی می‌شود.";
		else
			why = NULL;
		if (why != NULL) {
			db_rollback(db);
			refuse(res, strcmp(lk->round_state, "review") != 0 ? REV_CLOSED :
			    REV_STATE, why);
			return DB_OK;
		}
	} else {
		if ((why = round_closed(a, lk->round_state, lk->review_end, lk->today)) != NULL) {
			db_rollback(db);
			refuse(res, REV_CLOSED, why);
			return DB_OK;
		}
		why = state_closed(a, lk->state, lk->due_date, lk->today);
		if (why == NULL && need == NEED_SEND_BACK && strcmp(lk->state, "returned") == 0)
			why = "مهلت اصلاح این پرونده گذشته است؛ آن را همان‌گونه که هست بررسی کنید.";
		if (why != NULL) {
			db_rollback(db);
			refuse(res, REV_STATE, why);
			return DB_OK;
		}
	}
	if (lk->version != version) {
		db_rollback(db);
		refuse(res, REV_STALE, STALE);
		return DB_OK;
	}
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

/* Closes a write: the version bumped (unless the write did), the audit row, commit. */
static enum db_err
finish(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, const struct locked *lk, int bump, const char *action,
    const char *old_json, const char *new_json)
{
	struct audit_event ev;
	struct db_val	 p[2];
	enum db_err	 rc;

	if (bump) {
		p[0] = db_int(f->id);
		p[1] = db_int(lk->version);
		if ((rc = db_exec(db, STMT_REV_BUMP, p)) != DB_OK)
			goto fail;
		/* Impossible under the row lock, unless the lock is broken: refuse. */
		if (db_affected(db, STMT_REV_BUMP) != 1) {
			rc = DB_ERROR;
			goto fail;
		}
	}
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = who->user_id;
	ev.client_addr = who->client_addr;
	ev.action = action;
	ev.entity_type = "declaration";
	ev.entity_id = f->id;
	ev.old_json = old_json;
	ev.new_json = new_json;
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

static const char *
opt_code(const struct rubric_criterion *c, long long id)
{
	size_t	 i;

	for (i = 0; i < c->nopts; i++)
		if (c->opts[i].id == id)
			return c->opts[i].code;
	return NULL;
}

/* A stored value read under the lock; has_row 0 when there is none. */
struct stored {
	int		 has_row;
	int		 has_dnum;
	long long	 dnum;
	long long	 dopt;
	const char	*state;
	int		 has_vnum;
	long long	 vnum;
	long long	 vopt;
	const char	*note;
};

static enum db_err
stored_get(struct db *db, struct arena *a, long long decl_id, long long crit_id,
    struct stored *s)
{
	struct db_val	 p[2], c[8];
	enum db_err	 rc;
	int		 n;

	memset(s, 0, sizeof(*s));
	s->state = "pending";
	s->note = "";
	p[0] = db_int(decl_id);
	p[1] = db_int(crit_id);
	if ((rc = db_exec(db, STMT_REV_VALUE_GET, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_REV_VALUE_GET, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_REV_VALUE_GET);
	s->has_row = 1;
	s->has_dnum = (int)c[0].i;
	s->dnum = c[1].i;
	s->dopt = c[2].i;
	s->state = c[3].s;
	s->has_vnum = (int)c[4].i;
	s->vnum = c[5].i;
	s->vopt = c[6].i;
	s->note = c[7].s;
	return DB_OK;
}

/* The audit form of a value: numbers scaled (as stored), options by code. */
static const char *
value_json(struct arena *a, const struct rubric_criterion *c, const struct stored *s)
{
	struct buf	 b;

	buf_init(&b, a);
	json_begin(&b);
	json_str(&b, "criterion", c->code);
	json_str(&b, "verify_state", s->has_row ? s->state : "none");
	if (s->has_vnum)
		json_int(&b, "verified_num", s->vnum);
	else
		json_null(&b, "verified_num");
	json_str(&b, "verified_option", s->vopt != 0 ? opt_code(c, s->vopt) : NULL);
	json_str(&b, "note", s->note[0] != '\0' ? s->note : NULL);
	json_end(&b);
	return buf_cstr(&b);
}

static enum db_err
value_set(struct db *db, const struct review_who *who, const struct review_file *f,
    const struct locked *lk, long long crit_id, const char *state, int has_num,
    long long num, long long opt_id, const char *note)
{
	struct db_val	 p[9];

	p[0] = db_int(f->id);
	p[1] = db_int(f->round_id);
	p[2] = db_int(crit_id);
	p[3] = db_text(state);
	p[4] = has_num ? db_int(num) : db_null();
	p[5] = opt_id != 0 ? db_int(opt_id) : db_null();
	p[6] = note != NULL && note[0] != '\0' ? db_text(note) : db_null();
	p[7] = db_int(who->user_id);
	p[8] = db_text(lk->now_sql);
	return db_exec(db, STMT_REV_VALUE_SET, p);
}

enum db_err
review_verify(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, const struct rubric_criterion *c,
    int correct, int has_num, long long num, long long opt_id, const char *note,
    struct review_result *res)
{
	struct locked	 lk;
	struct stored	 old, new;
	enum db_err	 rc;

	refuse(res, REV_DONE, NULL);
	if (c->filled_by == FILL_REVIEWER) {
		refuse(res, REV_INVALID, "امتیاز انجمن صنفی را در بخش خود آن ثبت کنید.");
		return DB_OK;
	}
	if (correct) {
		if (c->kind == CRIT_NUMBER ? !has_num : opt_code(c, opt_id) == NULL) {
			refuse(res, REV_INVALID, c->kind == CRIT_NUMBER ?
			    "مقدار درست را وارد کنید." : "گزینه درست را انتخاب کنید.");
			return DB_OK;
		}
		if (c->kind == CRIT_NUMBER && ((c->has_min && num < c->min) ||
		    (c->has_max && num > c->max))) {
			refuse(res, REV_INVALID, "مقدار واردشده خارج از بازه مجاز این شاخص است.");
			return DB_OK;
		}
		if (note == NULL || note[0] == '\0') {
			refuse(res, REV_INVALID, "برای اصلاح مقدار، توضیح آن را بنویسید.");
			return DB_OK;
		}
	}
	if ((rc = lock_file(db, a, who, f, version, NEED_REVIEW, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	if ((rc = stored_get(db, a, f->id, c->id, &old)) != DB_OK)
		goto fail;
	new = old;
	new.has_row = 1;
	new.state = correct ? "corrected" : "confirmed";
	new.has_vnum = correct && c->kind == CRIT_NUMBER;
	new.vnum = new.has_vnum ? num : 0;
	new.vopt = correct && c->kind != CRIT_NUMBER ? opt_id : 0;
	new.note = note != NULL ? note : "";
	if ((rc = value_set(db, who, f, &lk, c->id, new.state, new.has_vnum, new.vnum,
	    new.vopt, new.note)) != DB_OK)
		goto fail;
	return finish(db, a, who, f, &lk, 1, "review.verify", value_json(a, c, &old),
	    value_json(a, c, &new));
fail:
	db_rollback(db);
	return rc;
}

enum db_err
review_confirm_section(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, const struct rubric *rb,
    const struct rubric_section *s, struct review_result *res)
{
	struct locked	 lk;
	struct review_value *vals;
	struct buf	 codes, o, n;
	enum db_err	 rc;
	size_t		 i, done = 0;

	if ((rc = lock_file(db, a, who, f, version, NEED_REVIEW, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	if ((rc = review_values(db, a, f->id, rb, &vals)) != DB_OK)
		goto fail;
	buf_init(&codes, a);
	for (i = 0; i < s->ncrits; i++) {
		const struct rubric_criterion *c = &s->crits[i];
		const struct review_value *v = &vals[c - rb->crits];

		if (c->filled_by == FILL_REVIEWER || !v->has_row ||
		    strcmp(v->verify_state, "pending") != 0)
			continue;
		if ((rc = value_set(db, who, f, &lk, c->id, "confirmed", 0, 0, 0, NULL)) != DB_OK)
			goto fail;
		if (done++ > 0)
			buf_putc(&codes, ',');
		buf_puts(&codes, c->code);
	}
	if (done == 0) {
		db_rollback(db);
		refuse(res, REV_INVALID, "در این بخش مقداری در انتظار بررسی نمانده است.");
		return DB_OK;
	}
	buf_init(&o, a);
	json_begin(&o);
	json_str(&o, "section", s->code);
	json_str(&o, "criteria", buf_cstr(&codes));
	json_str(&o, "verify_state", "pending");
	json_end(&o);
	buf_init(&n, a);
	json_begin(&n);
	json_str(&n, "section", s->code);
	json_str(&n, "criteria", buf_cstr(&codes));
	json_str(&n, "verify_state", "confirmed");
	json_end(&n);
	return finish(db, a, who, f, &lk, 1, "review.verify", buf_cstr(&o), buf_cstr(&n));
fail:
	db_rollback(db);
	return rc;
}

enum db_err
review_association(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, const struct rubric_criterion *c,
    long long num, struct review_result *res)
{
	struct locked	 lk;
	struct stored	 old, new;
	enum db_err	 rc;

	refuse(res, REV_DONE, NULL);
	if (c->filled_by != FILL_REVIEWER || c->kind != CRIT_NUMBER) {
		refuse(res, REV_INVALID, "این شاخص را کارشناس منطقه ثبت نمی‌کند.");
		return DB_OK;
	}
	if ((c->has_min && num < c->min) || (c->has_max && num > c->max)) {
		refuse(res, REV_INVALID, "امتیاز واردشده خارج از بازه مجاز این شاخص است.");
		return DB_OK;
	}
	if ((rc = lock_file(db, a, who, f, version, NEED_REVIEW, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	if ((rc = stored_get(db, a, f->id, c->id, &old)) != DB_OK)
		goto fail;
	new = old;
	new.has_row = 1;
	new.state = "confirmed";
	new.has_vnum = 1;
	new.vnum = num;
	new.vopt = 0;
	new.note = "";
	if ((rc = value_set(db, who, f, &lk, c->id, "confirmed", 1, num, 0, NULL)) != DB_OK)
		goto fail;
	return finish(db, a, who, f, &lk, 1, "review.association", value_json(a, c, &old),
	    value_json(a, c, &new));
fail:
	db_rollback(db);
	return rc;
}

enum db_err
review_violation_add(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, const struct review_vtype *t,
    int occurrences, const char *note, struct review_result *res)
{
	struct locked	 lk;
	struct db_val	 p[8], c[1];
	struct buf	 b, o;
	long long	 id, in_force;
	enum db_err	 rc;

	refuse(res, REV_DONE, NULL);
	if (occurrences < 1 || occurrences > 1000) {
		refuse(res, REV_INVALID, "تعداد دفعات تخلف باید عددی از ۱ تا ۱۰۰۰ باشد.");
		return DB_OK;
	}
	if (note == NULL || note[0] == '\0') {
		refuse(res, REV_INVALID, "شرح تخلف را بنویسید.");
		return DB_OK;
	}
	if ((rc = lock_file(db, a, who, f, version, NEED_REVIEW, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	/* The old value of an addition: how many violations were in force. */
	p[0] = db_int(f->id);
	if ((rc = db_exec(db, STMT_REV_VIOLATIONS_IN_FORCE, p)) != DB_OK)
		goto fail;
	if (db_fetch(db, STMT_REV_VIOLATIONS_IN_FORCE, NULL, c) != 1) {
		rc = DB_ERROR;
		goto fail;
	}
	db_done(db, STMT_REV_VIOLATIONS_IN_FORCE);
	in_force = c[0].i;
	p[0] = db_int(f->id);
	p[1] = db_int(f->round_id);
	p[2] = db_int(t->id);
	p[3] = db_int(occurrences);
	p[4] = db_int(t->points_x100);
	p[5] = db_text(note);
	p[6] = db_int(who->user_id);
	p[7] = db_text(lk.now_sql);
	if ((rc = db_exec(db, STMT_REV_VIOLATION_ADD, p)) != DB_OK)
		goto fail;
	id = (long long)db_insert_id(db, STMT_REV_VIOLATION_ADD);
	buf_init(&o, a);
	json_begin(&o);
	json_int(&o, "in_force", in_force);
	json_end(&o);
	buf_init(&b, a);
	json_begin(&b);
	json_int(&b, "in_force", in_force + 1);
	json_int(&b, "violation_id", id);
	json_str(&b, "type", t->code);
	json_int(&b, "occurrences", occurrences);
	json_int(&b, "points_each_x100", t->points_x100);
	json_str(&b, "note", note);
	json_end(&b);
	return finish(db, a, who, f, &lk, 1, "review.violation_add", buf_cstr(&o),
	    buf_cstr(&b));
fail:
	db_rollback(db);
	return rc;
}

/*
 * Inside a write's transaction: violation id of the file, not revoked, into c
 * (the columns of STMT_REV_VIOLATION_GET); else res says why.
 */
static enum db_err
violation_in_force(struct db *db, struct arena *a, const struct review_file *f,
    long long violation_id, struct db_val *c, struct review_result *res)
{
	struct db_val	 p[2];
	enum db_err	 rc;
	int		 k;

	p[0] = db_int(violation_id);
	p[1] = db_int(f->id);
	if ((rc = db_exec(db, STMT_REV_VIOLATION_GET, p)) != DB_OK)
		return rc;
	if ((k = db_fetch(db, STMT_REV_VIOLATION_GET, a, c)) < 0)
		return DB_ERROR;
	if (k == 0) {
		refuse(res, REV_GONE, "این تخلف در این پرونده پیدا نشد.");
		return DB_OK;
	}
	db_done(db, STMT_REV_VIOLATION_GET);
	if (c[4].i)
		refuse(res, REV_STATE, "این تخلف پیش‌تر لغو شده است.");
	return DB_OK;
}

enum db_err
review_violation_revoke(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, long long violation_id,
    const char *reason, struct review_result *res)
{
	struct locked	 lk;
	struct db_val	 p[5], c[5];
	struct buf	 o, n;
	enum db_err	 rc;

	refuse(res, REV_DONE, NULL);
	if (reason == NULL || reason[0] == '\0') {
		refuse(res, REV_INVALID, "دلیل لغو تخلف را بنویسید.");
		return DB_OK;
	}
	if ((rc = lock_file(db, a, who, f, version, NEED_REVIEW, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	if ((rc = violation_in_force(db, a, f, violation_id, c, res)) != DB_OK)
		goto fail;
	if (res->refusal != REV_DONE) {
		db_rollback(db);
		return DB_OK;
	}
	p[0] = db_text(lk.now_sql);
	p[1] = db_int(who->user_id);
	p[2] = db_text(reason);
	p[3] = db_int(violation_id);
	p[4] = db_int(f->id);
	if ((rc = db_exec(db, STMT_REV_VIOLATION_REVOKE, p)) != DB_OK)
		goto fail;
	buf_init(&o, a);
	json_begin(&o);
	json_int(&o, "violation_id", violation_id);
	json_int(&o, "type_id", c[0].i);
	json_int(&o, "occurrences", c[1].i);
	json_int(&o, "points_each_x100", c[2].i);
	json_bool(&o, "revoked", 0);
	json_end(&o);
	buf_init(&n, a);
	json_begin(&n);
	json_int(&n, "violation_id", violation_id);
	json_bool(&n, "revoked", 1);
	json_str(&n, "reason", reason);
	json_end(&n);
	return finish(db, a, who, f, &lk, 1, "review.violation_revoke", buf_cstr(&o),
	    buf_cstr(&n));
fail:
	db_rollback(db);
	return rc;
}

enum db_err
review_violation_attach(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, long long violation_id,
    const struct upload_stored *up, size_t n, struct review_result *res)
{
	struct locked	 lk;
	struct db_val	 c[5];
	struct buf	 nj;
	long long	 have, ev;
	enum db_err	 rc;
	size_t		 i;

	if ((rc = lock_file(db, a, who, f, version, NEED_REVIEW, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	if ((rc = violation_in_force(db, a, f, violation_id, c, res)) != DB_OK)
		goto fail;
	if (res->refusal != REV_DONE) {
		db_rollback(db);
		return DB_OK;
	}
	if ((rc = upload_owned_count(db, UP_VIOLATION, violation_id, &have)) != DB_OK)
		goto fail;
	if (have + (long long)n > VIOLATION_MAX_FILES) {
		db_rollback(db);
		refuse(res, REV_INVALID, arena_printf(a,
		    "برای هر تخلف حداکثر %d مدرک پذیرفته می‌شود.", VIOLATION_MAX_FILES));
		return DB_OK;
	}
	buf_init(&nj, a);
	buf_printf(&nj, "{\"violation_id\":%lld,\"files\":[", violation_id);
	for (i = 0; i < n; i++) {
		if ((rc = upload_evidence_put(db, up[i].sha256, up[i].size, up[i].mime,
		    up[i].storage_name, &ev)) != DB_OK)
			goto fail;
		rc = upload_owned_link(db, UP_VIOLATION, violation_id, ev, up[i].name,
		    who->user_id);
		if (rc == DB_DUP) {
			db_rollback(db);
			refuse(res, REV_STATE, "این فایل پیش‌تر به همین تخلف پیوست شده است.");
			return DB_OK;
		}
		if (rc != DB_OK)
			goto fail;
		if (i > 0)
			buf_putc(&nj, ',');
		json_string(&nj, up[i].name, strlen(up[i].name));
	}
	buf_puts(&nj, "]}");
	return finish(db, a, who, f, &lk, 1, "review.violation_attach",
	    arena_printf(a, "{\"violation_id\":%lld,\"files\":%lld}", violation_id, have),
	    buf_cstr(&nj));
fail:
	db_rollback(db);
	return rc;
}

/* The licensee's message about a send-back: office code and due day in Persian. */
static const char *
send_back_text(struct arena *a, const struct review_file *f, const char *due)
{
	struct buf	 b;

	buf_init(&b, a);
	buf_puts(&b, "دفتر ");
	fa_put_digits(&b, f->office_code);
	buf_printf(&b, ": پرونده ارزیابی «%s» برای اصلاح به شما بازگردانده شد. "
	    "مهلت اصلاح و ارسال دوباره تا پایان روز %s است. موارد را در سامانه ارزیابی "
	    "دفاتر پیشخوان ببینید.", f->round_title, round_jalali(a, due));
	return buf_cstr(&b);
}

enum db_err
review_send_back(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, const char *remarks,
    const struct review_mark *marks, size_t nmarks, const char **due,
    struct review_result *res)
{
	struct locked	 lk;
	struct db_val	 p[5];
	struct buf	 o, n, secs;
	const char	*text;
	long long	 sb;
	enum db_err	 rc;
	size_t		 i;

	*due = NULL;
	refuse(res, REV_DONE, NULL);
	if (nmarks == 0) {
		refuse(res, REV_INVALID, "دست‌کم یک بخش را برای اصلاح علامت بزنید.");
		return DB_OK;
	}
	for (i = 0; i < nmarks; i++)
		if (marks[i].remark == NULL || marks[i].remark[0] == '\0') {
			refuse(res, REV_INVALID, arena_printf(a, "بنویسید در بخش «%s» چه چیزی "
			    "باید اصلاح شود.", marks[i].section->title));
			return DB_OK;
		}
	if (remarks == NULL || remarks[0] == '\0') {
		refuse(res, REV_INVALID, "توضیح کلی ارجاع برای دارنده پروانه را بنویسید.");
		return DB_OK;
	}
	if ((rc = lock_file(db, a, who, f, version, NEED_SEND_BACK, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	*due = review_tehran_date(a, who->now, lk.correction_days);
	p[0] = db_int(f->id);
	p[1] = db_text(remarks);
	p[2] = db_text(*due);
	p[3] = db_int(who->user_id);
	p[4] = db_text(lk.now_sql);
	if ((rc = db_exec(db, STMT_REV_SEND_BACK_ADD, p)) != DB_OK)
		goto fail;
	sb = (long long)db_insert_id(db, STMT_REV_SEND_BACK_ADD);
	buf_init(&secs, a);
	for (i = 0; i < nmarks; i++) {
		p[0] = db_int(sb);
		p[1] = db_int(marks[i].section->id);
		p[2] = db_text(marks[i].remark);
		if ((rc = db_exec(db, STMT_REV_SEND_BACK_SECTION_ADD, p)) != DB_OK)
			goto fail;
		/* What the licensee may change, the reviewer verifies again. */
		p[0] = db_int(f->id);
		p[1] = db_int(marks[i].section->id);
		if ((rc = db_exec(db, STMT_REV_VALUES_RESET_SECTION, p)) != DB_OK)
			goto fail;
		if (i > 0)
			buf_putc(&secs, ',');
		buf_puts(&secs, marks[i].section->code);
	}
	p[0] = db_text(*due);
	p[1] = db_int(f->id);
	p[2] = db_int(lk.version);
	if ((rc = db_exec(db, STMT_REV_SET_RETURNED, p)) != DB_OK)
		goto fail;
	if (db_affected(db, STMT_REV_SET_RETURNED) != 1) {
		rc = DB_ERROR;
		goto fail;
	}
	text = send_back_text(a, f, *due);
	if ((f->licensee_mobile[0] != '\0' && (rc = outbox_enqueue(db, OUTBOX_SMS,
	    f->licensee_mobile, f->licensee_id, "send_back", "ارجاع پرونده برای اصلاح",
	    text)) != DB_OK) ||
	    (f->licensee_email[0] != '\0' && (rc = outbox_enqueue(db, OUTBOX_EMAIL,
	    f->licensee_email, f->licensee_id, "send_back", "ارجاع پرونده برای اصلاح",
	    text)) != DB_OK))
		goto fail;
	buf_init(&o, a);
	json_begin(&o);
	json_str(&o, "state", lk.state);
	json_str(&o, "due_date", lk.due_date);
	json_int(&o, "return_count", lk.return_count);
	json_end(&o);
	buf_init(&n, a);
	json_begin(&n);
	json_str(&n, "state", "returned");
	json_str(&n, "due_date", *due);
	json_int(&n, "return_count", lk.return_count + 1);
	json_int(&n, "send_back_id", sb);
	json_str(&n, "sections", buf_cstr(&secs));
	json_str(&n, "remarks", remarks);
	json_end(&n);
	return finish(db, a, who, f, &lk, 0, "review.send_back", buf_cstr(&o), buf_cstr(&n));
fail:
	db_rollback(db);
	return rc;
}

enum db_err
review_complete(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, const struct rubric *rb,
    struct review_result *res)
{
	struct locked	 lk;
	struct review_value *vals;
	struct db_val	 p[4];
	struct buf	 o, n, msg;
	enum db_err	 rc;
	size_t		 pending;

	if ((rc = lock_file(db, a, who, f, version, NEED_REVIEW, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	if ((rc = review_values(db, a, f->id, rb, &vals)) != DB_OK)
		goto fail;
	if ((pending = review_pending(rb, vals)) > 0) {
		db_rollback(db);
		buf_init(&msg, a);
		buf_puts(&msg, "بررسی کامل نیست: ");
		fa_put_int(&msg, (long long)pending);
		buf_puts(&msg, " مقدار هنوز تأیید یا اصلاح نشده است یا امتیاز انجمن صنفی ثبت نشده است.");
		refuse(res, REV_STATE, buf_cstr(&msg));
		return DB_OK;
	}
	p[0] = db_int(who->user_id);
	p[1] = db_text(lk.now_sql);
	p[2] = db_int(f->id);
	p[3] = db_int(lk.version);
	if ((rc = db_exec(db, STMT_REV_COMPLETE, p)) != DB_OK)
		goto fail;
	if (db_affected(db, STMT_REV_COMPLETE) != 1) {
		rc = DB_ERROR;
		goto fail;
	}
	buf_init(&o, a);
	json_begin(&o);
	json_str(&o, "state", lk.state);
	json_end(&o);
	buf_init(&n, a);
	json_begin(&n);
	json_str(&n, "state", "reviewed");
	json_int(&n, "reviewer_user_id", who->user_id);
	json_str(&n, "reviewed_at", lk.now_sql);
	json_end(&n);
	return finish(db, a, who, f, &lk, 0, "review.complete", buf_cstr(&o), buf_cstr(&n));
fail:
	db_rollback(db);
	return rc;
}

enum db_err
review_reopen(struct db *db, struct arena *a, const struct review_who *who,
    const struct review_file *f, long long version, const char *reason,
    struct review_result *res)
{
	struct locked	 lk;
	struct db_val	 p[2];
	struct buf	 o, n;
	enum db_err	 rc;

	refuse(res, REV_DONE, NULL);
	if (reason == NULL || reason[0] == '\0') {
		refuse(res, REV_INVALID, "دلیل بازگشایی پرونده را بنویسید.");
		return DB_OK;
	}
	if ((rc = lock_file(db, a, who, f, version, NEED_REOPEN, &lk, res)) != DB_OK ||
	    res->refusal != REV_DONE)
		return rc;
	p[0] = db_int(f->id);
	p[1] = db_int(lk.version);
	if ((rc = db_exec(db, STMT_REV_REOPEN, p)) != DB_OK)
		goto fail;
	if (db_affected(db, STMT_REV_REOPEN) != 1) {
		rc = DB_ERROR;
		goto fail;
	}
	buf_init(&o, a);
	json_begin(&o);
	json_str(&o, "state", "reviewed");
	json_str(&o, "reviewer", f->reviewer);
	json_str(&o, "reviewed_at", f->reviewed_at);
	json_end(&o);
	buf_init(&n, a);
	json_begin(&n);
	/* The state it had before completion: resubmitted if it was ever sent back. */
	json_str(&n, "state", lk.return_count > 0 ? "resubmitted" : "submitted");
	json_str(&n, "reason", reason);
	json_end(&n);
	return finish(db, a, who, f, &lk, 0, "review.reopen", buf_cstr(&o), buf_cstr(&n));
fail:
	db_rollback(db);
	return rc;
}

enum db_err
review_overdue(struct db *db, struct arena *a, const char *today,
    struct review_overdue **out, size_t *nout, struct review_region_count **counts,
    size_t *ncounts)
{
	struct db_val	 p[2], c[11];
	struct review_overdue *o;
	struct review_region_count *k;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 n;

	*out = NULL;
	*nout = 0;
	*counts = NULL;
	*ncounts = 0;
	p[0] = db_text(today);
	p[1] = db_text(today);
	if ((rc = db_exec(db, STMT_REV_OVERDUE_COUNTS, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_OVERDUE_COUNTS, a, c)) == 1) {
		k = PUSH(a, *counts, *ncounts, cap);
		k->region_id = c[0].i;
		k->region = c[1].s;
		k->n = c[2].i;
	}
	if (n < 0)
		return DB_ERROR;
	cap = 0;
	if ((rc = db_exec(db, STMT_REV_OVERDUE, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_REV_OVERDUE, a, c)) == 1) {
		o = PUSH(a, *out, *nout, cap);
		o->region_id = c[0].i;
		o->region = c[1].s;
		o->province = c[2].s;
		o->decl_id = c[3].i;
		o->office_code = c[4].s;
		o->office_name = c[5].s;
		o->state = c[6].s;
		o->due_date = c[7].null ? NULL : c[7].s;
		o->round_code = c[8].s;
		o->review_end = c[9].s;
		o->submitted_at = c[10].null ? NULL : c[10].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}
