/*
 * An office's file in the current round, the licensee's side (see declaration.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "fa.h"
#include "jalali.h"
#include "model/declaration.h"
#include "model/rubric.h"
#include "model/session.h"
#include "model/stmts.h"

/* The unix time of the last second of Tehran day "YYYY-MM-DD", or 0. */
static int64_t
day_end(const char *greg)
{
	int	 gy, gm, gd, jy, jm, jd;
	int64_t	 t;

	if (greg == NULL || gregorian_parse(greg, strlen(greg), &gy, &gm, &gd) != 0 ||
	    gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd) != 0 ||
	    (t = tehran_day_end(jy, jm, jd)) == INT64_MIN)
		return 0;
	return t;
}

static int64_t
day_start(const char *greg)
{
	int	 gy, gm, gd, jy, jm, jd;
	int64_t	 t;

	if (greg == NULL || gregorian_parse(greg, strlen(greg), &gy, &gm, &gd) != 0 ||
	    gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd) != 0 ||
	    (t = tehran_day_start(jy, jm, jd)) == INT64_MIN)
		return 0;
	return t;
}

/* Decides deadline, editable and why_not from what the current query gave. */
static void
decide(struct decl *d, const char *decl_start, const char *decl_end,
    const char *due_date, int64_t now)
{
	int	 returned = strcmp(d->state, "returned") == 0;

	d->editable = 0;
	d->reopenable = 0;
	d->why_not = NULL;
	if (d->round_id == 0) {
		d->deadline = 0;
		d->deadline_date = NULL;
		d->why_not = "در حال حاضر دوره‌ای برای خوداظهاری باز نیست.";
		return;
	}
	d->deadline_date = returned ? due_date : decl_end;
	d->deadline = day_end(d->deadline_date);
	if (!returned && now < day_start(decl_start)) {
		d->why_not = "مهلت خوداظهاری این دوره هنوز آغاز نشده است.";
		return;
	}
	if (d->deadline == 0 || now > d->deadline) {
		d->why_not = returned ?
		    "مهلت اصلاح پرونده به پایان رسیده است و دیگر نمی‌توان آن را تغییر داد." :
		    "مهلت خوداظهاری به پایان رسیده است و دیگر نمی‌توان پرونده را تغییر داد.";
		return;
	}
	if (strcmp(d->state, "none") == 0 || strcmp(d->state, "draft") == 0 || returned) {
		if (!returned && strcmp(d->round_state, "open") != 0) {
			d->why_not = "دوره خوداظهاری بسته شده است.";
			return;
		}
		d->editable = 1;
		return;
	}
	if (strcmp(d->state, "submitted") == 0 && strcmp(d->round_state, "open") == 0) {
		d->reopenable = 1;
		d->why_not = "پرونده ارسال شده است. برای تغییر، ابتدا آن را برای ویرایش باز کنید.";
		return;
	}
	d->why_not = "پرونده در حال بررسی منطقه است و نمی‌توان آن را تغییر داد.";
}

/*
 * Fills d's current round and file from the columns of STMT_DECL_CURRENT
 * (c[0] NULL: no current round) and decides what may be done at now.
 */
static void
current_from(struct decl *d, const struct db_val *c, int64_t now)
{
	d->round_id = 0;
	d->id = 0;
	d->state = "none";
	d->version = 0;
	d->tracking_no = NULL;
	d->submitted_at = NULL;
	d->submit_count = 0;
	d->rubric_key = 0;
	if (c == NULL || c[0].null) {
		decide(d, NULL, NULL, NULL, now);
		return;
	}
	d->round_id = c[0].i;
	d->round_code = c[1].s;
	d->round_title = c[2].s;
	d->round_state = c[3].s;
	d->id = c[6].i;
	d->state = c[7].s;
	d->version = c[8].i;
	d->tracking_no = c[9].null ? NULL : c[9].s;
	d->submitted_at = c[10].null ? NULL : c[10].s;
	d->submit_count = (int)c[11].i;
	d->rubric_key = c[13].i;
	decide(d, c[4].s, c[5].s, c[12].null ? NULL : c[12].s, now);
}

/* Runs the current-round query into d. */
static enum db_err
load_current(struct db *db, struct arena *a, struct decl *d, int64_t now)
{
	struct db_val	 p[2], c[14];
	enum db_err	 rc;
	int		 n;

	p[0] = db_int(d->office_id);
	p[1] = db_int(d->office_id);
	if ((rc = db_exec(db, STMT_DECL_CURRENT, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_DECL_CURRENT, a, c)) < 0)
		return DB_ERROR;
	if (n == 1)
		db_done(db, STMT_DECL_CURRENT);
	current_from(d, n == 1 ? c : NULL, now);
	return DB_OK;
}

static enum db_err
load_send_back(struct db *db, struct arena *a, struct decl *d)
{
	struct db_val	 p, c[2];
	size_t		 cap = 8;
	enum db_err	 rc;
	int		 n;

	d->send_back_id = 0;
	d->send_back_remarks = NULL;
	d->nsb_sections = 0;
	d->sb_sections = NULL;
	d->sb_remarks = NULL;
	if (d->id == 0 || strcmp(d->state, "returned") != 0)
		return DB_OK;
	p = db_int(d->id);
	if ((rc = db_exec(db, STMT_DECL_SEND_BACK, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_DECL_SEND_BACK, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_DECL_SEND_BACK);
	d->send_back_id = c[0].i;
	d->send_back_remarks = c[1].s;
	p = db_int(d->send_back_id);
	if ((rc = db_exec(db, STMT_DECL_SEND_BACK_SECTIONS, &p)) != DB_OK)
		return rc;
	d->sb_sections = arena_calloc(a, cap, sizeof(*d->sb_sections));
	d->sb_remarks = arena_calloc(a, cap, sizeof(*d->sb_remarks));
	while ((n = db_fetch(db, STMT_DECL_SEND_BACK_SECTIONS, a, c)) == 1) {
		if (d->nsb_sections == cap) {
			d->sb_sections = arena_realloc(a, d->sb_sections,
			    cap * sizeof(*d->sb_sections), 2 * cap * sizeof(*d->sb_sections));
			d->sb_remarks = arena_realloc(a, d->sb_remarks,
			    cap * sizeof(*d->sb_remarks), 2 * cap * sizeof(*d->sb_remarks));
			cap *= 2;
		}
		d->sb_remarks[d->nsb_sections] = c[1].s;
		d->sb_sections[d->nsb_sections++] = c[0].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
decl_load(struct db *db, struct arena *a, const struct session *s, long long office_id,
    int64_t now, struct decl *d, int *found)
{
	struct db_val	 p[2], c[4];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(d, 0, sizeof(*d));
	if (s == NULL || strcmp(s->role, "licensee") != 0)
		return DB_OK;
	p[0] = db_int(office_id);
	p[1] = db_int(s->user_id);
	if ((rc = db_exec(db, STMT_DECL_OFFICE, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_DECL_OFFICE, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_DECL_OFFICE);
	d->office_id = c[0].i;
	d->province_id = c[1].i;
	d->office_name = c[2].s;
	d->office_code = c[3].s;
	if ((rc = load_current(db, a, d, now)) != DB_OK ||
	    (rc = load_send_back(db, a, d)) != DB_OK)
		return rc;
	*found = 1;
	return DB_OK;
}

enum db_err
decl_lock_for_edit(struct db *db, struct arena *a, struct decl *d, int64_t now, int *ok)
{
	struct db_val	 p[2], c[1];
	long long	 round_id = d->round_id;
	enum db_err	 rc;
	int		 n;

	*ok = 0;
	if (round_id == 0 || !d->editable)
		return DB_OK;
	if (d->id == 0) {
		p[0] = db_int(round_id);
		p[1] = db_int(d->office_id);
		if ((rc = db_exec(db, STMT_DECL_CREATE, p)) != DB_OK)
			return rc;
	}
	p[0] = db_int(round_id);
	p[1] = db_int(d->office_id);
	if ((rc = db_exec(db, STMT_DECL_LOCK, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_DECL_LOCK, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_ERROR;
	db_done(db, STMT_DECL_LOCK);
	/* Under the lock: the state, the round and the deadline as they are now. */
	if ((rc = load_current(db, a, d, now)) != DB_OK ||
	    (rc = load_send_back(db, a, d)) != DB_OK)
		return rc;
	if (d->round_id != round_id) {
		d->editable = 0;
		d->why_not = "دوره ارزیابی تغییر کرده است. لطفاً صفحه را دوباره باز کنید.";
	}
	*ok = d->editable;
	return DB_OK;
}

int
decl_section_editable(const struct decl *d, long long section_id)
{
	size_t	 i;

	if (!d->editable)
		return 0;
	if (strcmp(d->state, "returned") != 0)
		return 1;
	for (i = 0; i < d->nsb_sections; i++)
		if (d->sb_sections[i] == section_id)
			return 1;
	return 0;
}

const char *
decl_deadline_text(struct arena *a, const struct decl *d)
{
	struct tehran_tm tm;
	struct buf	 b;

	if (d->deadline == 0)
		return "";
	tehran_from_unix(d->deadline, &tm);
	buf_init(&b, a);
	fa_put_int(&b, tm.jd);
	buf_printf(&b, " %s ", jalali_month_name(tm.jm));
	fa_put_int(&b, tm.jy);
	return buf_cstr(&b);
}

int
decl_days_left(const struct decl *d, int64_t now)
{
	int	 n;

	if (d->deadline == 0 || now > d->deadline)
		return -1;
	n = tehran_days_left(now, d->deadline);
	return n < 0 ? -1 : n;
}

/* The sheet. */

static enum db_err
load_facts(struct db *db, struct arena *a, long long office_id, struct office_facts *f)
{
	struct db_val	 p[2], c[7];
	enum db_err	 rc;
	int		 n;

	memset(f, 0, sizeof(*f));
	p[0] = db_int(office_id);
	p[1] = db_int(office_id);
	if ((rc = db_exec(db, STMT_DECL_OFFICE_FACTS, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_DECL_OFFICE_FACTS, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_DECL_OFFICE_FACTS);
	f->has_area = (int)c[0].i;
	f->area_m2 = c[1].i;
	f->accessibility = (int)c[2].i;
	f->staff = (int)c[3].i;
	f->insured = (int)c[4].i;
	f->disabled = (int)c[5].i;
	f->complete = (int)c[6].i && f->staff > 0;
	return DB_OK;
}

/* The computed value of a system criterion, by its code. */
static void
system_value(const struct office_facts *f, struct sheet_value *v)
{
	const struct rubric_criterion *c = v->crit;
	long long	 scale = 1, n = -1;
	int		 i;

	for (i = 0; i < c->decimals; i++)
		scale *= 10;
	if (strcmp(c->code, "staff_count") == 0)
		n = f->staff;
	else if (strcmp(c->code, "staff_insured") == 0)
		n = f->insured;
	else if (strcmp(c->code, "staff_disabled") == 0)
		n = f->disabled;
	else if (strcmp(c->code, "accessibility") == 0)
		n = f->accessibility;
	else if (strcmp(c->code, "data_complete") == 0) {
		v->opt = rubric_option(c, f->complete ? "yes" : "no");
		v->src = v->opt != NULL ? SRC_SYSTEM : SRC_NONE;
		return;
	}
	if (n < 0 || c->kind != CRIT_NUMBER)
		return;
	v->has_num = 1;
	v->num = n * scale;
	v->src = SRC_SYSTEM;
}

/* One of the previous round's values, where the sheet still waits for it. */
static void
apply_previous(const struct rubric *rb, struct decl_sheet *sh, const char *code,
    int has_num, long long num, const char *opt_code)
{
	const struct rubric_criterion *cr = rubric_criterion(rb, code);
	const struct rubric_option *o;
	struct sheet_value *v;

	if (cr == NULL)
		return;
	v = &sh->vals[cr - rb->crits];
	if (v->src != SRC_NONE || cr->filled_by != FILL_LICENSEE ||
	    cr->prefill != PREFILL_PREVIOUS)
		return;
	if (cr->kind == CRIT_NUMBER && has_num) {
		/* Only a value this round's bounds still accept. */
		if ((cr->has_min && num < cr->min) || (cr->has_max && num > cr->max))
			return;
		v->src = SRC_PREVIOUS;
		v->has_num = 1;
		v->num = num;
	} else if (cr->kind != CRIT_NUMBER && opt_code[0] != '\0' &&
	    (o = rubric_option(cr, opt_code)) != NULL) {
		v->src = SRC_PREVIOUS;
		v->opt = o;
	}
}

enum db_err
decl_sheet_load(struct db *db, struct arena *a, const struct decl *d,
    const struct rubric *rb, struct decl_sheet *sh)
{
	return decl_sheet_load_known(db, a, d, rb, NULL, sh);
}

enum db_err
decl_sheet_load_known(struct db *db, struct arena *a, const struct decl *d,
    const struct rubric *rb, const struct my_office *known, struct decl_sheet *sh)
{
	struct db_val	 p[2], c[4];
	struct sheet_value *v;
	enum db_err	 rc;
	size_t		 i;
	int		 n;

	memset(sh, 0, sizeof(*sh));
	sh->rb = rb;
	sh->vals = arena_calloc(a, rb->ncrits + 1, sizeof(*sh->vals));
	sh->ev_count = arena_calloc(a, rb->nevs + 1, sizeof(*sh->ev_count));
	for (i = 0; i < rb->ncrits; i++)
		sh->vals[i].crit = &rb->crits[i];
	if (known != NULL)
		sh->facts = known->facts;
	else if ((rc = load_facts(db, a, d->office_id, &sh->facts)) != DB_OK)
		return rc;

	/* Saved values. */
	if (d->id != 0) {
		p[0] = db_int(d->id);
		if ((rc = db_exec(db, STMT_DECL_VALUES, p)) != DB_OK)
			return rc;
		while ((n = db_fetch(db, STMT_DECL_VALUES, a, c)) == 1) {
			const struct rubric_criterion *cr = rubric_criterion_id(rb, c[0].i);

			if (cr == NULL)
				continue;
			v = &sh->vals[cr - rb->crits];
			v->src = SRC_SAVED;
			v->has_num = (int)c[1].i;
			v->num = c[2].i;
			v->opt = c[3].i != 0 ? rubric_option_id(rb, c[3].i) : NULL;
		}
		if (n < 0)
			return DB_ERROR;
		if ((rc = db_exec(db, STMT_DECL_EVIDENCE_COUNTS, p)) != DB_OK)
			return rc;
		while ((n = db_fetch(db, STMT_DECL_EVIDENCE_COUNTS, a, c)) == 1) {
			const struct rubric_evidence *e = rubric_evidence_id(rb, c[0].i);

			if (e != NULL)
				sh->ev_count[e - rb->evs] += (int)c[2].i;
		}
		if (n < 0)
			return DB_ERROR;
	}

	/* System values always reflect the office's data as it is now. */
	for (i = 0; i < rb->ncrits; i++) {
		v = &sh->vals[i];
		if (v->crit->filled_by == FILL_SYSTEM) {
			v->src = SRC_NONE;
			v->has_num = 0;
			v->opt = NULL;
			system_value(&sh->facts, v);
		} else if (v->crit->filled_by == FILL_REVIEWER) {
			v->src = SRC_NONE;
			v->has_num = 0;
			v->opt = NULL;
		}
	}

	/* Prefills for what was never saved. */
	for (i = 0; i < rb->ncrits; i++) {
		v = &sh->vals[i];
		if (v->src == SRC_NONE && v->crit->filled_by == FILL_LICENSEE &&
		    v->crit->prefill == PREFILL_OFFICE && strcmp(v->crit->code, "area_m2") == 0 &&
		    sh->facts.has_area && v->crit->kind == CRIT_NUMBER && v->crit->decimals == 0) {
			v->src = SRC_OFFICE;
			v->has_num = 1;
			v->num = sh->facts.area_m2;
		}
	}
	/* The previous round's values, when a criterion still waits for one. */
	for (i = 0; i < rb->ncrits; i++)
		if (sh->vals[i].src == SRC_NONE && rb->crits[i].filled_by == FILL_LICENSEE &&
		    rb->crits[i].prefill == PREFILL_PREVIOUS)
			break;
	if (i == rb->ncrits)
		return DB_OK;
	if (known != NULL && known->have_prev) {
		for (i = 0; i < known->nprev; i++)
			apply_previous(rb, sh, known->prev[i].code, known->prev[i].has_num,
			    known->prev[i].num, known->prev[i].opt_code);
		return DB_OK;
	}
	p[0] = db_int(d->office_id);
	p[1] = db_int(d->round_id);
	if ((rc = db_exec(db, STMT_DECL_PREVIOUS_VALUES, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_DECL_PREVIOUS_VALUES, a, c)) == 1)
		apply_previous(rb, sh, c[0].s, (int)c[1].i, c[2].i, c[3].s);
	return n < 0 ? DB_ERROR : DB_OK;
}

const struct sheet_value *
decl_sheet_value(const struct decl_sheet *sh, const struct rubric_criterion *c)
{
	return &sh->vals[c - sh->rb->crits];
}

static int
has_value(const struct sheet_value *v)
{
	return v->crit->kind == CRIT_NUMBER ? v->has_num : v->opt != NULL;
}

size_t
decl_sheet_missing(struct arena *a, const struct decl_sheet *sh,
    const struct rubric_section *s, const char **msgs, size_t max)
{
	size_t	 i, n = 0;

	for (i = 0; i < s->ncrits; i++) {
		const struct rubric_criterion *c = &s->crits[i];
		const struct sheet_value *v = decl_sheet_value(sh, c);

		if (c->filled_by != FILL_LICENSEE || !c->required || has_value(v))
			continue;
		if (n < max)
			msgs[n] = arena_printf(a, "«%s» وارد نشده است.", c->title);
		n++;
	}
	for (i = 0; i < s->nevs; i++) {
		const struct rubric_evidence *e = s->evs[i];
		int have = sh->ev_count[e - sh->rb->evs];

		if (e->min_files == 0 || have >= e->min_files)
			continue;
		if (e->only_if_option_id != 0 && e->crit != NULL) {
			const struct sheet_value *v = decl_sheet_value(sh, e->crit);

			if (v->opt == NULL || v->opt->id != e->only_if_option_id)
				continue;
		}
		if (n < max) {
			struct buf b;

			buf_init(&b, a);
			buf_printf(&b, "مدرک «%s» بارگذاری نشده است (دست‌کم ", e->title);
			fa_put_int(&b, e->min_files);
			buf_puts(&b, " فایل).");
			msgs[n] = buf_cstr(&b);
		}
		n++;
	}
	return n;
}

int
decl_sheet_complete(struct arena *a, const struct decl_sheet *sh)
{
	size_t	 i;

	for (i = 0; i < sh->rb->nsections; i++)
		if (decl_sheet_missing(a, sh, &sh->rb->sections[i], NULL, 0) > 0)
			return 0;
	return sh->rb->nsections > 0;
}

/* Writes. */

enum db_err
decl_value_put(struct db *db, const struct decl *d, long long crit_id, int has_num,
    long long num, long long opt_id)
{
	struct db_val	 p[5];

	if (!has_num && opt_id == 0) {
		p[0] = db_int(d->id);
		p[1] = db_int(crit_id);
		return db_exec(db, STMT_DECL_VALUE_CLEAR, p);
	}
	p[0] = db_int(d->id);
	p[1] = db_int(d->round_id);
	p[2] = db_int(crit_id);
	p[3] = has_num ? db_int(num) : db_null();
	p[4] = opt_id != 0 ? db_int(opt_id) : db_null();
	return db_exec(db, STMT_DECL_VALUE_PUT, p);
}

enum db_err
decl_bump(struct db *db, struct decl *d, long long version, int *ok)
{
	struct db_val	 p[2];
	enum db_err	 rc;

	p[0] = db_int(d->id);
	p[1] = db_int(version);
	if ((rc = db_exec(db, STMT_DECL_BUMP, p)) != DB_OK)
		return rc;
	*ok = db_affected(db, STMT_DECL_BUMP) == 1;
	if (*ok)
		d->version = version + 1;
	return DB_OK;
}

enum db_err
decl_submit(struct db *db, struct arena *a, struct decl *d, const struct decl_sheet *sh,
    int64_t now, int *done)
{
	struct db_val	 p[5], c[1];
	char		 ts[32], tracking[32];
	const char	*review_end;
	enum db_err	 rc;
	size_t		 i, k;
	int		 n;

	*done = 0;
	/* Computed and prefilled values become the declared ones. */
	for (i = 0; i < sh->rb->ncrits; i++) {
		const struct sheet_value *v = &sh->vals[i];

		if (v->crit->filled_by == FILL_REVIEWER || v->src == SRC_SAVED)
			continue;
		if ((rc = decl_value_put(db, d, v->crit->id, v->crit->kind == CRIT_NUMBER &&
		    v->has_num, v->num, v->opt != NULL ? v->opt->id : 0)) != DB_OK)
			return rc;
	}
	p[0] = db_int(d->round_id);
	if ((rc = db_exec(db, STMT_DECL_ROUND_REVIEW_END, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_DECL_ROUND_REVIEW_END, a, c)) != 1)
		return DB_ERROR;
	db_done(db, STMT_DECL_ROUND_REVIEW_END);
	review_end = c[0].s;
	/* The tracking number: the round's code without '-', then the office code. */
	for (i = k = 0; d->round_code[i] != '\0' && k < 8; i++)
		if (d->round_code[i] != '-')
			tracking[k++] = d->round_code[i];
	tracking[k] = '\0';
	snprintf(tracking + k, sizeof(tracking) - k, "%s", d->office_code);
	tracking[24] = '\0';
	clock_sql(now, ts, sizeof(ts));
	p[0] = db_text(tracking);
	p[1] = db_text(ts);
	p[2] = db_text(ts);
	p[3] = db_text(review_end);
	p[4] = db_int(d->id);
	if ((rc = db_exec(db, STMT_DECL_SUBMIT, p)) != DB_OK)
		return rc;
	if (db_affected(db, STMT_DECL_SUBMIT) != 1)
		return DB_OK;
	if (d->send_back_id != 0) {
		p[0] = db_text(ts);
		p[1] = db_int(d->send_back_id);
		if ((rc = db_exec(db, STMT_DECL_SEND_BACK_DONE, p)) != DB_OK)
			return rc;
	}
	*done = 1;
	return DB_OK;
}

enum db_err
decl_reopen(struct db *db, struct decl *d, int *done)
{
	struct db_val	 p = db_int(d->id);
	enum db_err	 rc;

	*done = 0;
	if ((rc = db_exec(db, STMT_DECL_REOPEN, &p)) != DB_OK)
		return rc;
	*done = db_affected(db, STMT_DECL_REOPEN) == 1;
	return DB_OK;
}

enum db_err
decl_files(struct db *db, struct arena *a, long long decl_id, struct decl_file **out,
    size_t *nout)
{
	struct db_val	 p = db_int(decl_id), c[7];
	struct decl_file *f;
	size_t		 cap = 16;
	enum db_err	 rc;
	int		 n;

	*nout = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, STMT_DECL_EVIDENCE_ALL, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_DECL_EVIDENCE_ALL, a, c)) == 1) {
		if (*nout == cap) {
			*out = arena_realloc(a, *out, cap * sizeof(**out),
			    2 * cap * sizeof(**out));
			cap *= 2;
		}
		f = &(*out)[(*nout)++];
		f->id = c[0].i;
		f->section_id = c[1].i;
		f->req_id = c[2].i;
		f->name = c[3].s;
		f->size = c[4].i;
		f->sha256_hex = c[5].s;
		f->mime = c[6].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
decl_my_offices(struct db *db, struct arena *a, long long user_id, int64_t now,
    struct my_office **out, size_t *nout)
{
	struct db_val	 p = db_int(user_id), c[28];
	struct my_office *o;
	size_t		 cap = 8, i;
	enum db_err	 rc;
	int		 n;

	*nout = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, STMT_DECL_MY_OFFICES, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_DECL_MY_OFFICES, a, c)) == 1) {
		if (*nout == cap) {
			*out = arena_realloc(a, *out, cap * sizeof(**out),
			    2 * cap * sizeof(**out));
			memset(*out + cap, 0, cap * sizeof(**out));
			cap *= 2;
		}
		o = &(*out)[(*nout)++];
		o->id = c[0].i;
		o->code = c[1].s;
		o->name = c[2].s;
		o->kind = c[3].s;
		o->rank = c[5].null ? 0 : (int)c[5].i;
		o->rank_round = c[6].null ? "" : c[6].s;
		o->decl.office_id = o->id;
		o->decl.province_id = c[4].i;
		o->decl.office_name = o->name;
		o->decl.office_code = o->code;
		current_from(&o->decl, &c[7], now);
		o->facts.has_area = (int)c[21].i;
		o->facts.area_m2 = c[22].i;
		o->facts.accessibility = (int)c[23].i;
		o->facts.staff = (int)c[24].i;
		o->facts.insured = (int)c[25].i;
		o->facts.disabled = (int)c[26].i;
		o->facts.complete = (int)c[27].i && o->facts.staff > 0;
	}
	if (n < 0)
		return DB_ERROR;
	/* A returned file's send-back (rare), once the list is read. */
	for (i = 0; i < *nout; i++)
		if ((rc = load_send_back(db, a, &(*out)[i].decl)) != DB_OK)
			return rc;
	return DB_OK;
}

enum db_err
decl_my_previous(struct db *db, struct arena *a, long long user_id, long long round_id,
    struct my_office *offs, size_t n)
{
	struct db_val	 p[2], c[5];
	struct my_office *o;
	struct prev_value *pv;
	size_t		*cap, i;
	enum db_err	 rc;
	int		 k;

	cap = arena_calloc(a, n + 1, sizeof(*cap));
	p[0] = db_int(round_id);
	p[1] = db_int(user_id);
	if ((rc = db_exec(db, STMT_DECL_MY_PREVIOUS_VALUES, p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_DECL_MY_PREVIOUS_VALUES, a, c)) == 1) {
		for (i = 0; i < n && offs[i].id != c[0].i; i++)
			;
		if (i == n || offs[i].decl.round_id != round_id)
			continue;
		o = &offs[i];
		if (o->nprev == cap[i]) {
			cap[i] = cap[i] == 0 ? 32 : 2 * cap[i];
			o->prev = o->prev == NULL ? arena_calloc(a, cap[i], sizeof(*o->prev)) :
			    arena_realloc(a, o->prev, o->nprev * sizeof(*o->prev),
			    cap[i] * sizeof(*o->prev));
		}
		pv = &o->prev[o->nprev++];
		pv->code = c[1].s;
		pv->has_num = (int)c[2].i;
		pv->num = c[3].i;
		pv->opt_code = c[4].s;
	}
	if (k < 0)
		return DB_ERROR;
	for (i = 0; i < n; i++)
		if (offs[i].decl.round_id == round_id)
			offs[i].have_prev = 1;
	return DB_OK;
}

static const struct {
	const char	*state;
	const char	*label;
	const char	*badge;		/* badge modifier */
} decl_states[] = {
	{ "none",		"شروع نشده",			"muted" },
	{ "draft",		"پیش‌نویس (ارسال نشده)",	"muted" },
	{ "submitted",		"ارسال شده",			"ok" },
	{ "returned",		"برگشت برای اصلاح",		"warn" },
	{ "resubmitted",	"اصلاح و دوباره ارسال شده",	"ok" },
	{ "reviewed",		"بررسی شده",			"ok" },
	{ "not_submitted",	"ارسال نشده در مهلت",		"warn" },
};

const char *
decl_section_remark(const struct decl *d, long long section_id)
{
	size_t	 i;

	for (i = 0; i < d->nsb_sections; i++)
		if (d->sb_sections[i] == section_id)
			return d->sb_remarks[i] != NULL && d->sb_remarks[i][0] != '\0' ?
			    d->sb_remarks[i] : NULL;
	return NULL;
}

const char *
decl_state_label(const char *state, const char **badge)
{
	size_t	 i;

	for (i = 0; i < sizeof(decl_states) / sizeof(decl_states[0]); i++)
		if (strcmp(decl_states[i].state, state) == 0) {
			if (badge != NULL)
				*badge = decl_states[i].badge;
			return decl_states[i].label;
		}
	if (badge != NULL)
		*badge = "muted";
	return state;
}
