/*
 * The region's review: the queue of the region's files in a round (counts per
 * state, filters, search, most urgent first, 50 a page), one file with its values
 * section by section beside their evidence, the office's history and the
 * send-backs, and the reviewer's actions on it: verify a value, record the
 * association score, add or revoke a violation, send the file back for
 * correction, complete the review.  HQ sees every file read-only, may reopen a
 * reviewed one, and has the list of files overdue for review.
 *
 * Scope and every rule live in lib/model/review.c: a file outside the asker's
 * region is 404, and each action re-checks the round, its window, the file's
 * state and the form's version under the file's lock.  A refused action answers
 * with the file page, the Persian reason at the top and next to the form, and the
 * form as it was typed; a done one redirects back to the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "arena.h"
#include "buf.h"
#include "fa.h"
#include "http.h"
#include "jalali.h"
#include "model/declaration.h"
#include "model/review.h"
#include "model/round.h"
#include "model/rubric.h"
#include "model/upload.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "utf8.h"
#include "view.h"

/* The states of a file, in the order the queue counts them (labels: decl_state_label). */
static const char *const file_states[] = {
	"submitted", "resubmitted", "returned", "reviewed", "draft", "not_submitted",
};
#define NFILE_STATES	(sizeof(file_states) / sizeof(file_states[0]))

static const char *
state_label(const char *state, const char **badge)
{
	return decl_state_label(state, badge);
}

/* The queue's state filters: the states each one lists. */
static const struct {
	const char	*key;
	const char	*label;
	const char	*states[4];
} state_filters[] = {
	{ "",		"همه پرونده‌های ارسال‌شده",
	    { "submitted", "resubmitted", "returned", "reviewed" } },
	{ "todo",	"در انتظار بررسی",	{ "submitted", "resubmitted", NULL, NULL } },
	{ "submitted",	"ارسال شده",		{ "submitted", NULL, NULL, NULL } },
	{ "resubmitted", "اصلاح و دوباره ارسال شده", { "resubmitted", NULL, NULL, NULL } },
	{ "returned",	"برگشت برای اصلاح",	{ "returned", NULL, NULL, NULL } },
	{ "reviewed",	"بررسی شده",		{ "reviewed", NULL, NULL, NULL } },
	{ "nonsubmit",	"ارسال نشده",		{ "draft", "not_submitted", NULL, NULL } },
};
#define NSTATE_FILTERS	(sizeof(state_filters) / sizeof(state_filters[0]))

static const struct {
	const char	*key;
	const char	*label;
	int		 band;
} rank_filters[] = {
	{ "",		"همه",			0 },
	{ "1",		"رتبه ۱",		1 },
	{ "2",		"رتبه ۲",		2 },
	{ "3",		"رتبه ۳",		3 },
	{ "none",	"بدون رتبه",		4 },
};
#define NRANK_FILTERS	(sizeof(rank_filters) / sizeof(rank_filters[0]))

static struct review_who
who_of(struct req *r)
{
	struct review_who w;

	memset(&w, 0, sizeof(w));
	w.user_id = r->sess.user_id;
	w.role = r->sess.role;
	w.region_id = strcmp(r->sess.role, "reviewer") == 0 ? r->sess.region_id : 0;
	w.client_addr = r->remote_addr;
	w.now = r->now;
	return w;
}

/* Points in hundredths as Persian text: 1250 -> ۱۲٫۵, -300 -> -۳. */
static const char *
fa_points(struct req *r, long long x100)
{
	struct buf	 b;
	long long	 v = x100 < 0 ? -x100 : x100;
	char		 frac[4];

	buf_init(&b, r->arena);
	if (x100 < 0)
		buf_puts(&b, "-");
	fa_put_int(&b, v / 100);
	if (v % 100 != 0) {
		snprintf(frac, sizeof(frac), "%02lld", v % 100);
		if (frac[1] == '0')
			frac[1] = '\0';
		buf_puts(&b, "٫");
		fa_put_digits(&b, frac);
	}
	return buf_cstr(&b);
}

/* A due day: its Jalali date and how far it is from today. */
static void
set_due(struct req *r, struct view_dict *d, const char *due)
{
	int	 gy, gm, gd, jy, jm, jd, left;
	int64_t	 end;

	if (due == NULL)
		return;
	view_set(d, "DUE_FA", round_jalali(r->arena, due));
	if (gregorian_parse(due, strlen(due), &gy, &gm, &gd) != 0 ||
	    gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd) != 0 ||
	    (end = tehran_day_end(jy, jm, jd)) == INT64_MIN)
		return;
	left = r->now > end ? -1 : tehran_days_left(r->now, end);
	view_set(d, "DUE_LEFT", left > 0 ? arena_printf(r->arena, "%s روز مانده",
	    fa_int(r, left)) : left == 0 ? "امروز" : "گذشته");
	if (left < 0)
		view_show(d, "DUE_PAST");
}

/* Parses the decl id at the start of arg; *rest is what follows its '/'. */
static long long
arg_id(const char *arg, const char **rest)
{
	unsigned long long id;
	size_t	 n = strspn(arg, "0123456789");

	if (n == 0 || http_parse_uint(arg, n, 4294967295ULL, &id) != 0 || id == 0)
		return 0;
	*rest = arg[n] == '/' ? arg + n + 1 : arg + n;
	return (long long)id;
}

/* The queue. */

enum { Q_ROUND, Q_PROVINCE, Q_CITY, Q_STATE, Q_RANK, Q_Q, Q_PAGE };

/* The queue's URL with its filters, for the pager and the count links. */
static const char *
queue_url(struct req *r, long long round, long long province, long long city,
    const char *state, const char *rank, const char *q, long long page)
{
	struct buf	 b;

	buf_init(&b, r->arena);
	buf_printf(&b, "/review?round=%lld", round);
	if (province != 0)
		buf_printf(&b, "&province=%lld", province);
	if (city != 0)
		buf_printf(&b, "&city=%lld", city);
	if (state[0] != '\0')
		buf_printf(&b, "&state=%s", state);
	if (rank[0] != '\0')
		buf_printf(&b, "&rank=%s", rank);
	/* q holds only [0-9A-Za-z-] (checked), so it needs no escaping. */
	if (q[0] != '\0')
		buf_printf(&b, "&q=%s", q);
	if (page > 0)
		buf_printf(&b, "&page=%lld", page + 1);
	return buf_cstr(&b);
}

int
page_review_queue(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_round *rounds, *rd = NULL;
	struct review_place *provs, *cities = NULL;
	struct review_count *counts;
	struct review_row *rows;
	struct review_query q;
	struct view_dict *d, *x, *rowsd = NULL;
	const char	*sf = "", *rf = "", *qs = "", *bad = NULL, *today;
	size_t		 nrounds, nprovs, ncities = 0, ncounts, nrows, i, k, si = 0, ri = 0;
	long long	 total, all = 0, pages;
	enum db_err	 rc;

	(void)arg;
	for (i = 0; i <= Q_PAGE; i++)
		if (in[i].error != NULL)
			return page_error(r, 400, "یکی از گزینه‌های جست‌وجو نامعتبر است.");
	if ((rc = review_rounds(r->db, r->arena, &rounds, &nrounds)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "پرونده‌های منطقه", "review_queue.tpl");
	if (strcmp(who.role, "hq") == 0)
		view_show(d, "HQ");
	if (nrounds == 0) {
		view_show(d, "NO_ROUND");
		return page_end(r, 200);
	}
	rd = &rounds[0];
	if (in[Q_ROUND].present) {
		for (rd = NULL, i = 0; i < nrounds; i++)
			if (rounds[i].id == (long long)in[Q_ROUND].n)
				rd = &rounds[i];
		if (rd == NULL) {
			view_dict_free(r->page_root);
			r->page_root = NULL;
			return page_error(r, 404, "این دوره پیدا نشد یا پرونده‌های آن قابل بررسی نیست.");
		}
	}
	memset(&q, 0, sizeof(q));
	q.round_id = rd->id;
	q.region_id = who.region_id;
	q.province_id = in[Q_PROVINCE].present ? (long long)in[Q_PROVINCE].n : 0;
	q.city_id = q.province_id != 0 && in[Q_CITY].present ? (long long)in[Q_CITY].n : 0;
	if (in[Q_STATE].present) {
		for (si = 0; si < NSTATE_FILTERS; si++)
			if (strcmp(state_filters[si].key, in[Q_STATE].s) == 0)
				break;
		if (si == NSTATE_FILTERS) {
			bad = "وضعیت انتخاب‌شده معتبر نیست.";
			si = 0;
		}
	}
	sf = state_filters[si].key;
	for (i = 0; i < 4; i++)
		q.states[i] = state_filters[si].states[i];
	if (in[Q_RANK].present) {
		for (ri = 0; ri < NRANK_FILTERS; ri++)
			if (strcmp(rank_filters[ri].key, in[Q_RANK].s) == 0)
				break;
		if (ri == NRANK_FILTERS) {
			bad = "رتبه انتخاب‌شده معتبر نیست.";
			ri = 0;
		}
	}
	rf = rank_filters[ri].key;
	q.band = rank_filters[ri].band;
	if (in[Q_Q].present) {
		qs = in[Q_Q].s;
		if (in[Q_Q].len > 20 || strspn(qs, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz-") != in[Q_Q].len) {
			bad = "برای جست‌وجو کد دفتر، شماره پروانه یا کد ملی دارنده پروانه را "
			    "با رقم و حروف لاتین بنویسید.";
			qs = "";
		}
	}
	q.q = qs;
	q.page = in[Q_PAGE].present && in[Q_PAGE].n > 0 ? (long long)in[Q_PAGE].n - 1 : 0;

	if ((rc = review_provinces(r->db, r->arena, who.region_id, &provs, &nprovs)) != DB_OK)
		goto fail;
	for (i = 0; q.province_id != 0 && i < nprovs; i++)
		if (provs[i].id == q.province_id)
			break;
	if (q.province_id != 0 && i == nprovs) {
		view_dict_free(r->page_root);
		r->page_root = NULL;
		return page_error(r, 404, "این استان در حوزه منطقه شما نیست.");
	}
	if (q.province_id != 0 && (rc = review_cities(r->db, r->arena, who.region_id,
	    q.province_id, &cities, &ncities)) != DB_OK)
		goto fail;
	if ((rc = review_prev_published(r->db, rd->id, &q.prev_round_id)) != DB_OK ||
	    (rc = review_counts(r->db, r->arena, rd->id, who.region_id, &counts,
	    &ncounts)) != DB_OK)
		goto fail;
	if (bad != NULL) {
		rows = NULL;
		nrows = 0;
		total = 0;
	} else if ((rc = review_queue(r->db, r->arena, &q, counts, ncounts, &rows, &nrows,
	    &total)) != DB_OK)
		goto fail;

	/* The round and its window. */
	view_show(d, "HAS_ROUND");
	view_set(d, "ROUND_TITLE", rd->title);
	view_set(d, "ROUND_CODE_FA", fa_digits(r, rd->code));
	view_set(d, "ROUND_STATE", round_state_label(rd->state));
	view_set(d, "REVIEW_END_FA", round_jalali(r->arena, rd->review_end));
	today = review_tehran_date(r->arena, r->now, 0);
	if (strcmp(rd->state, "review") == 0 && strcmp(today, rd->review_end) <= 0)
		view_show(d, "WINDOW_OPEN");
	else
		view_show(d, "WINDOW_CLOSED");
	for (i = 0; i < nrounds; i++) {
		x = view_section(d, "ROUND_OPTION");
		view_set(x, "ID", arena_printf(r->arena, "%lld", rounds[i].id));
		view_set(x, "LABEL", arena_printf(r->arena, "%s (%s)", rounds[i].title,
		    round_state_label(rounds[i].state)));
		if (&rounds[i] == rd)
			view_show(x, "SELECTED");
	}
	/* Counts per state, each a link to its filter. */
	for (k = 0; k < NFILE_STATES; k++) {
		long long n = 0;

		for (i = 0; i < ncounts; i++)
			if (strcmp(counts[i].state, file_states[k]) == 0)
				n += counts[i].n;
		all += n;
		x = view_section(d, "COUNT");
		view_set(x, "LABEL", state_label(file_states[k], NULL));
		view_set(x, "N_FA", fa_int(r, n));
		view_set(x, "URL", queue_url(r, rd->id, 0, 0,
		    strcmp(file_states[k], "draft") == 0 ||
		    strcmp(file_states[k], "not_submitted") == 0 ? "nonsubmit" :
		    file_states[k], "", "", 0));
	}
	view_set(d, "ALL_FA", fa_int(r, all));
	/* The filters. */
	view_set(d, "ROUND_ID", arena_printf(r->arena, "%lld", rd->id));
	for (i = 0; i < nprovs; i++) {
		x = view_section(d, "PROVINCE_OPTION");
		view_set(x, "ID", arena_printf(r->arena, "%lld", provs[i].id));
		view_set(x, "NAME", provs[i].name);
		if (provs[i].id == q.province_id)
			view_show(x, "SELECTED");
	}
	if (q.province_id != 0) {
		struct view_dict *cf = view_section(d, "CITY_FIELD");

		for (i = 0; i < ncities; i++) {
			x = view_section(cf, "CITY_OPTION");
			view_set(x, "ID", arena_printf(r->arena, "%lld", cities[i].id));
			view_set(x, "NAME", cities[i].name);
			if (cities[i].id == q.city_id)
				view_show(x, "SELECTED");
		}
	}
	for (i = 0; i < NSTATE_FILTERS; i++) {
		x = view_section(d, "STATE_OPTION");
		view_set(x, "KEY", state_filters[i].key);
		view_set(x, "LABEL", state_filters[i].label);
		if (i == si)
			view_show(x, "SELECTED");
	}
	for (i = 0; i < NRANK_FILTERS; i++) {
		x = view_section(d, "RANK_OPTION");
		view_set(x, "KEY", rank_filters[i].key);
		view_set(x, "LABEL", rank_filters[i].label);
		if (i == ri)
			view_show(x, "SELECTED");
	}
	if (q.prev_round_id == 0)
		view_show(d, "NO_PREV_ROUND");
	view_set(d, "Q", in[Q_Q].present ? in[Q_Q].s : "");
	if (bad != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", bad);

	/* The rows. */
	view_set(d, "RESULT_FA", fa_int(r, total));
	if (nrows > 0)
		rowsd = view_section(d, "ROWS");
	for (i = 0; i < nrows; i++) {
		const struct review_row *w = &rows[i];
		const char *badge;

		x = view_section(rowsd, "ROW");
		view_set(x, "ID", arena_printf(r->arena, "%lld", w->decl_id));
		view_set(x, "OFFICE_CODE_FA", fa_digits(r, w->office_code));
		view_set(x, "OFFICE_NAME", w->office_name);
		view_set(x, "PROVINCE", w->province);
		view_set(x, "CITY", w->city);
		view_set(x, "STATE_LABEL", state_label(w->state, &badge));
		view_set(x, "STATE_BADGE", badge);
		set_due(r, x, w->due_date);
		view_set(x, "SUBMITTED_FA", w->submitted_at != NULL ?
		    fa_when_sql(r, w->submitted_at) : "—");
		view_set(x, "RETURNS_FA", fa_int(r, w->return_count));
		view_set(x, "PREV_RANK_FA", w->prev_rank != 0 ? fa_int(r, w->prev_rank) : "—");
		view_set(x, "LICENSEE", w->licensee);
	}
	if (nrows == 0)
		view_show(d, "NO_ROWS");
	pages = (total + REVIEW_PAGE - 1) / REVIEW_PAGE;
	if (pages > 1) {
		x = view_section(d, "PAGER");
		view_set(x, "PAGE_FA", fa_int(r, q.page + 1));
		view_set(x, "PAGES_FA", fa_int(r, pages));
		if (q.page > 0)
			view_set(view_section(x, "PREV"), "URL", queue_url(r, rd->id,
			    q.province_id, q.city_id, sf, rf, qs, q.page - 1));
		if (q.page + 1 < pages)
			view_set(view_section(x, "NEXT"), "URL", queue_url(r, rd->id,
			    q.province_id, q.city_id, sf, rf, qs, q.page + 1));
	}
	return page_end(r, bad != NULL ? 400 : 200);
fail:
	view_dict_free(r->page_root);
	r->page_root = NULL;
	return page_error(r, page_db_status(rc), NULL);
}

/* One file. */

/* A refused form, shown again as typed next to the reason. */
struct retype {
	const char	*form;		/* verify, section, association, violation, revoke,
					   send_back, complete, reopen */
	long long	 id;		/* the criterion, section or violation */
	const char	*value;
	const char	*note;
	long long	 type;
	const char	*occurrences;
	const char	*message;
};

static int
is_form(const struct retype *t, const char *form, long long id)
{
	return t != NULL && strcmp(t->form, form) == 0 && (id == 0 || t->id == id);
}

static void
form_error_here(struct view_dict *d, const struct retype *t)
{
	view_set(view_section(d, "FORM_ERROR"), "MESSAGE", t->message);
}

static const char *
verify_label(const char *state)
{
	if (strcmp(state, "confirmed") == 0)
		return "تأیید شده";
	if (strcmp(state, "corrected") == 0)
		return "اصلاح شده";
	return "در انتظار بررسی";
}

/* A criterion's value as text: a number with its unit, an option's title, or —. */
static const char *
value_text(struct req *r, const struct rubric *rb, const struct rubric_criterion *c,
    int has_num, long long num, long long opt)
{
	const struct rubric_option *o;

	if (c->kind == CRIT_NUMBER)
		return has_num ? (c->unit[0] != '\0' ? arena_printf(r->arena, "%s %s",
		    rubric_format_number(r->arena, c, num), c->unit) :
		    rubric_format_number(r->arena, c, num)) : "—";
	o = opt != 0 ? rubric_option_id(rb, opt) : NULL;
	return o != NULL ? o->title : "—";
}

static const char *
mime_label(const char *mime)
{
	if (strcmp(mime, "application/pdf") == 0)
		return "PDF";
	if (strcmp(mime, "image/png") == 0)
		return "PNG";
	return "JPEG";
}

/* A section a send-back can mark: the licensee has something to change in it. */
static int
markable(const struct rubric_section *s)
{
	size_t	 i;

	if (s->nevs > 0)
		return 1;
	for (i = 0; i < s->ncrits; i++)
		if (s->crits[i].filled_by != FILL_REVIEWER)
			return 1;
	return 0;
}

static void
fill_criterion(struct req *r, struct view_dict *cd, const struct review_file *f,
    const struct rubric *rb, const struct rubric_criterion *c, const struct review_value *v,
    int can_act, const struct retype *t)
{
	const char	*csrf = csrf_token(r), *field;
	struct view_dict *fd, *od;
	size_t		 j;

	view_set(cd, "CRIT_ID", arena_printf(r->arena, "%lld", c->id));
	view_set(cd, "CODE", c->code);
	view_set(cd, "TITLE", c->title);
	if (c->filled_by == FILL_SYSTEM)
		view_show(cd, "SYSTEM");
	if (c->filled_by == FILL_REVIEWER) {
		struct view_dict *ad = view_section(cd, "ASSOCIATION");

		view_set(ad, "VALUE", v->has_row && v->has_verified_num ? value_text(r, rb, c, 1,
		    v->verified_num, 0) : "ثبت نشده");
		if (c->has_min && c->has_max)
			view_set(ad, "RANGE", arena_printf(r->arena, "از %s تا %s",
			    rubric_format_number(r->arena, c, c->min),
			    rubric_format_number(r->arena, c, c->max)));
		if (v->verified_at != NULL)
			view_set(view_section(ad, "BY"), "TEXT", arena_printf(r->arena, "%s، %s",
			    v->verifier, fa_when_sql(r, v->verified_at)));
		if (!can_act)
			return;
		fd = view_section(ad, "FORM");
		view_set(fd, "CSRF_TOKEN", csrf);
		view_set(fd, "VERSION", arena_printf(r->arena, "%lld", f->version));
		view_set(fd, "ID", arena_printf(r->arena, "%lld", f->id));
		view_set(fd, "CRIT_ID", arena_printf(r->arena, "%lld", c->id));
		view_set(fd, "CODE", c->code);
		view_set(fd, "VALUE", is_form(t, "association", c->id) ? t->value :
		    v->has_verified_num ? rubric_format_number(r->arena, c, v->verified_num) : "");
		if (is_form(t, "association", c->id)) {
			form_error_here(fd, t);
			view_show(fd, "INVALID");
		}
		return;
	}
	view_show(cd, "DECLARED_ROW");
	view_set(cd, "DECLARED", v->has_row ? value_text(r, rb, c, v->has_declared_num,
	    v->declared_num, v->declared_opt) : "—");
	view_set(cd, "VERIFY_LABEL", verify_label(v->verify_state));
	view_set(cd, "VERIFY_BADGE", strcmp(v->verify_state, "pending") == 0 ? "warn" :
	    strcmp(v->verify_state, "corrected") == 0 ? "muted" : "ok");
	if (strcmp(v->verify_state, "corrected") == 0)
		view_set(view_section(cd, "VERIFIED"), "VALUE", value_text(r, rb, c,
		    v->has_verified_num, v->verified_num, v->verified_opt));
	if (v->note[0] != '\0')
		view_set(view_section(cd, "NOTE"), "TEXT", fa_digits(r, v->note));
	if (v->verified_at != NULL)
		view_set(view_section(cd, "BY"), "TEXT", arena_printf(r->arena, "%s، %s",
		    v->verifier, fa_when_sql(r, v->verified_at)));
	if (!can_act)
		return;
	fd = view_section(cd, "FORM");
	field = arena_printf(r->arena, "v-%s", c->code);
	view_set(fd, "CSRF_TOKEN", csrf);
	view_set(fd, "VERSION", arena_printf(r->arena, "%lld", f->version));
	view_set(fd, "ID", arena_printf(r->arena, "%lld", f->id));
	view_set(fd, "CRIT_ID", arena_printf(r->arena, "%lld", c->id));
	view_set(fd, "FIELD", field);
	view_set(fd, "NOTE", is_form(t, "verify", c->id) ? t->note : "");
	if (is_form(t, "verify", c->id)) {
		form_error_here(fd, t);
		view_show(fd, "INVALID");
	}
	if (c->kind == CRIT_NUMBER) {
		od = view_section(fd, "NUMBER");
		view_set(od, "FIELD", field);
		if (is_form(t, "verify", c->id))
			view_show(od, "INVALID");
		view_set(od, "VALUE", is_form(t, "verify", c->id) ? t->value :
		    v->has_verified_num ? rubric_format_number(r->arena, c, v->verified_num) : "");
		if (c->unit[0] != '\0')
			view_set(view_section(od, "UNIT"), "TEXT", c->unit);
		return;
	}
	od = view_section(fd, "CHOICE");
	view_set(od, "FIELD", field);
	if (is_form(t, "verify", c->id))
		view_show(od, "INVALID");
	for (j = 0; j < c->nopts; j++) {
		struct view_dict *o = view_section(od, "OPTION");
		int sel = is_form(t, "verify", c->id) ? strcmp(t->value, c->opts[j].code) == 0 :
		    v->verified_opt == c->opts[j].id;

		view_set(o, "CODE", c->opts[j].code);
		view_set(o, "TITLE", c->opts[j].title);
		if (sel)
			view_show(o, "SELECTED");
	}
}

static int
file_page(struct req *r, const struct review_file *f, const struct retype *t, int status)
{
	struct review_who who = who_of(r);
	struct rubric	 rb;
	struct review_value *vals;
	struct decl_file *files;
	struct review_vtype *types;
	struct review_violation *viols;
	struct review_send_back *sbs;
	struct review_past *past;
	struct review_past_violation *pv;
	struct view_dict *d, *sd, *x, *y;
	const char	*csrf = csrf_token(r), *why, *badge, *ver, *id;
	size_t		 nfiles, ntypes, nviols, nsbs, npast, npv, i, j, k, pending;
	int		 can_act, open_sb;
	enum db_err	 rc;

	if ((rc = rubric_load(r->db, r->arena, f->round_id, &rb)) != DB_OK ||
	    (rc = review_values(r->db, r->arena, f->id, &rb, &vals)) != DB_OK ||
	    (rc = decl_files(r->db, r->arena, f->id, &files, &nfiles)) != DB_OK ||
	    (rc = review_vtypes(r->db, r->arena, f->round_id, &types, &ntypes)) != DB_OK ||
	    (rc = review_violations(r->db, r->arena, f->id, &viols, &nviols)) != DB_OK ||
	    (rc = review_send_backs(r->db, r->arena, f->id, &sbs, &nsbs)) != DB_OK ||
	    (rc = review_history(r->db, r->arena, f, &past, &npast, &pv, &npv)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	why = review_closed_why(r->arena, &who, f);
	can_act = why == NULL;
	pending = review_pending(&rb, vals);
	ver = arena_printf(r->arena, "%lld", f->version);
	id = arena_printf(r->arena, "%lld", f->id);

	d = page_begin(r, arena_printf(r->arena, "بررسی پرونده %s", f->office_name),
	    "review_file.tpl");
	view_set(d, "ID", id);
	view_set(d, "CSRF_TOKEN", csrf);
	view_set(d, "VERSION", ver);
	view_set(d, "ROUND_ID", arena_printf(r->arena, "%lld", f->round_id));
	view_set(d, "ROUND_TITLE", f->round_title);
	view_set(d, "ROUND_CODE_FA", fa_digits(r, f->round_code));
	view_set(d, "REVIEW_END_FA", round_jalali(r->arena, f->review_end));
	/* The office. */
	view_set(d, "OFFICE_NAME", f->office_name);
	view_set(d, "OFFICE_CODE_FA", fa_digits(r, f->office_code));
	view_set(d, "KIND_LABEL", strcmp(f->office_kind, "rural_ict") == 0 ?
	    "دفتر ICT روستایی" : "دفتر پیشخوان خدمات دولت");
	view_set(d, "LICENSE_NO_FA", fa_digits(r, f->license_no));
	view_set(d, "PROVINCE", f->province);
	view_set(d, "CITY", f->city);
	view_set(d, "ADDRESS", fa_digits(r, f->address));
	view_set(d, "STAFF_FA", fa_int(r, f->staff_count));
	view_set(d, "LICENSEE", f->licensee);
	/* The file. */
	view_set(d, "STATE_LABEL", state_label(f->state, &badge));
	view_set(d, "STATE_BADGE", badge);
	view_set(d, "SUBMITTED_FA", f->submitted_at != NULL ? fa_when_sql(r, f->submitted_at) :
	    "—");
	view_set(d, "TRACKING_FA", f->tracking_no != NULL ? fa_digits(r, f->tracking_no) : "—");
	view_set(d, "RETURNS_FA", fa_int(r, f->return_count));
	if (f->due_date != NULL) {
		x = view_section(d, "DUE");
		view_set(x, "KIND", strcmp(f->state, "returned") == 0 ? "مهلت اصلاح دارنده پروانه" :
		    "مهلت بررسی");
		set_due(r, x, f->due_date);
	}
	if (f->reviewed_at != NULL)
		view_set(view_section(d, "REVIEWED"), "TEXT", arena_printf(r->arena, "%s، %s",
		    f->reviewer, fa_when_sql(r, f->reviewed_at)));
	if (why != NULL)
		view_set(view_section(d, "LOCKED"), "WHY", why);
	if (t != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", t->message);
	{
		static const struct { const char *key, *text; } notices[] = {
			{ "verified", "بررسی مقدار ثبت شد." },
			{ "association", "امتیاز انجمن صنفی ثبت شد." },
			{ "violation", "تخلف ثبت شد." },
			{ "revoked", "تخلف لغو شد." },
			{ "sent", "پرونده برای اصلاح به دارنده پروانه بازگردانده شد و به او اطلاع داده شد." },
			{ "completed", "بررسی پرونده تکمیل و پرونده قفل شد." },
			{ "reopened", "پرونده بازگشایی شد و دوباره در صف بررسی منطقه است." },
		};
		for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
			if (query_flag(r, notices[i].key))
				view_set(view_section(d, "NOTICE"), "MESSAGE", notices[i].text);
	}

	/* Sections: values beside their evidence. */
	open_sb = nsbs > 0 && sbs[0].resubmitted_at[0] == '\0' &&
	    strcmp(f->state, "returned") == 0;
	for (i = 0; i < rb.nsections; i++) {
		const struct rubric_section *s = &rb.sections[i];
		size_t npend = 0, nf = 0;

		sd = view_section(d, "SECTION");
		view_set(sd, "SECTION_CODE", s->code);
		view_set(sd, "SECTION_TITLE", s->title);
		view_set(sd, "SECTION_NO_FA", fa_int(r, (long long)i + 1));
		for (k = 0; open_sb && k < sbs[0].nsecs; k++)
			if (sbs[0].secs[k].section_id == s->id)
				view_set(view_section(sd, "MARKED"), "REMARK",
				    fa_digits(r, sbs[0].secs[k].remark));
		for (j = 0; j < s->ncrits; j++) {
			const struct rubric_criterion *c = &s->crits[j];
			const struct review_value *v = &vals[c - rb.crits];

			if (c->filled_by != FILL_REVIEWER && v->has_row &&
			    strcmp(v->verify_state, "pending") == 0)
				npend++;
			fill_criterion(r, view_section(sd, "CRITERION"), f, &rb, c, v, can_act, t);
		}
		for (j = 0; j < nfiles; j++) {
			const struct rubric_evidence *e;

			if (files[j].section_id != s->id)
				continue;
			e = rubric_evidence_id(&rb, files[j].req_id);
			x = view_section(sd, "FILE");
			view_set(x, "OFFICE_ID", arena_printf(r->arena, "%lld", f->office_id));
			view_set(x, "FILE_ID", arena_printf(r->arena, "%lld", files[j].id));
			view_set(x, "NAME", files[j].name);
			view_set(x, "REQUIREMENT", e != NULL ? e->title : "سایر مدارک");
			view_set(x, "TYPE", mime_label(files[j].mime));
			view_set(x, "SIZE_FA", fa_size(r, files[j].size));
			nf++;
		}
		if (nf == 0)
			view_show(sd, "NO_FILES");
		if (can_act && npend > 0) {
			x = view_section(sd, "CONFIRM_ALL");
			view_set(x, "ID", id);
			view_set(x, "CSRF_TOKEN", csrf);
			view_set(x, "VERSION", ver);
			view_set(x, "SECTION_CODE", s->code);
			view_set(x, "PENDING_FA", fa_int(r, (long long)npend));
			if (is_form(t, "section", s->id))
				form_error_here(x, t);
		}
	}

	/* Violations. */
	for (i = 0; i < nviols; i++) {
		const struct review_violation *v = &viols[i];

		x = view_section(d, "VIOLATION");
		view_set(x, "TITLE", v->title);
		view_set(x, "COUNT_FA", fa_int(r, v->occurrences));
		/* Deductions read as positive numbers after «کسر»: no sign to misplace in RTL. */
		view_set(x, "POINTS_FA", fa_points(r, -(long long)v->points_each_x100 *
		    v->occurrences));
		view_set(x, "NOTE", fa_digits(r, v->note));
		view_set(x, "BY", arena_printf(r->arena, "%s، %s", v->created_by,
		    fa_when_sql(r, v->created_at)));
		{
			struct upload_file *vf;
			size_t nvf, m;

			if ((rc = upload_owned_files(r->db, r->arena, UP_VIOLATION, v->id, &vf,
			    &nvf)) != DB_OK) {
				view_dict_free(r->page_root);
				r->page_root = NULL;
				return page_error(r, page_db_status(rc), NULL);
			}
			for (m = 0; m < nvf; m++) {
				y = view_section(x, "VFILE");
				view_set(y, "VIOLATION_ID", arena_printf(r->arena, "%lld", v->id));
				view_set(y, "EV", arena_printf(r->arena, "%lld", vf[m].id));
				view_set(y, "NAME", vf[m].name);
				view_set(y, "SIZE_FA", fa_size(r, vf[m].size));
			}
			if (can_act && v->revoked_at[0] == '\0' && nvf < VIOLATION_MAX_FILES) {
				y = view_section(x, "VATTACH");
				view_set(y, "ID", id);
				view_set(y, "VIOLATION_ID", arena_printf(r->arena, "%lld", v->id));
				view_set(y, "CSRF_TOKEN", csrf);
				view_set(y, "VERSION", ver);
			}
		}
		if (v->revoked_at[0] != '\0') {
			y = view_section(x, "REVOKED");
			view_set(y, "BY", arena_printf(r->arena, "%s، %s", v->revoked_by,
			    fa_when_sql(r, v->revoked_at)));
			view_set(y, "REASON", fa_digits(r, v->revoke_reason));
		} else if (can_act) {
			y = view_section(x, "REVOKE");
			view_set(y, "ID", id);
			view_set(y, "VIOLATION_ID", arena_printf(r->arena, "%lld", v->id));
			view_set(y, "CSRF_TOKEN", csrf);
			view_set(y, "VERSION", ver);
			view_set(y, "REASON", is_form(t, "revoke", v->id) ? t->note : "");
			if (is_form(t, "revoke", v->id)) {
				form_error_here(y, t);
				view_show(y, "INVALID");
			}
		}
	}
	if (nviols == 0)
		view_show(d, "NO_VIOLATIONS");
	if (can_act && ntypes > 0) {
		x = view_section(d, "VIOLATION_FORM");
		view_set(x, "ID", id);
		view_set(x, "CSRF_TOKEN", csrf);
		view_set(x, "VERSION", ver);
		view_set(x, "OCCURRENCES", is_form(t, "violation", 0) ? t->occurrences : "۱");
		view_set(x, "NOTE", is_form(t, "violation", 0) ? t->note : "");
		if (is_form(t, "violation", 0)) {
			form_error_here(x, t);
			view_show(x, "INVALID");
		}
		for (i = 0; i < ntypes; i++) {
			y = view_section(x, "TYPE");
			view_set(y, "TYPE_ID", arena_printf(r->arena, "%lld", types[i].id));
			view_set(y, "TITLE", types[i].title);
			view_set(y, "POINTS_FA", fa_points(r, -(long long)types[i].points_x100));
			if (is_form(t, "violation", 0) && t->type == types[i].id)
				view_show(y, "SELECTED");
		}
	}

	/* Send back, complete, reopen. */
	if (can_act && (strcmp(f->state, "submitted") == 0 ||
	    strcmp(f->state, "resubmitted") == 0)) {
		x = view_section(d, "SEND_BACK_FORM");
		view_set(x, "ID", id);
		view_set(x, "CSRF_TOKEN", csrf);
		view_set(x, "VERSION", ver);
		view_set(x, "DAYS_FA", fa_int(r, f->correction_days));
		view_set(x, "REMARKS", is_form(t, "send_back", 0) ? t->note : "");
		if (is_form(t, "send_back", 0))
			form_error_here(x, t);
		for (i = 0; i < rb.nsections; i++) {
			const struct rubric_section *s = &rb.sections[i];
			const char *key;
			const struct http_param *p;

			if (!markable(s))
				continue;
			y = view_section(x, "MARK");
			view_set(y, "SECTION_CODE", s->code);
			view_set(y, "SECTION_TITLE", s->title);
			if (is_form(t, "send_back", 0)) {
				key = arena_printf(r->arena, "s_%s", s->code);
				if (http_params_get(&r->form, key) != NULL)
					view_show(y, "CHECKED");
				key = arena_printf(r->arena, "r_%s", s->code);
				if ((p = http_params_get(&r->form, key)) != NULL && p->vallen <= 8000) {
					size_t len;
					const char *v = utf8_clean_line(r->arena, p->val, p->vallen,
					    &len);

					view_set(y, "REMARK", v != NULL ? v : "");
				}
			}
		}
	}
	if (can_act) {
		x = view_section(d, "COMPLETE_FORM");
		view_set(x, "ID", id);
		view_set(x, "CSRF_TOKEN", csrf);
		view_set(x, "VERSION", ver);
		if (pending > 0)
			view_set(view_section(x, "PENDING"), "N_FA", fa_int(r, (long long)pending));
		else
			view_show(x, "READY");
		if (is_form(t, "complete", 0))
			form_error_here(x, t);
	}
	if (strcmp(who.role, "hq") == 0 && strcmp(f->state, "reviewed") == 0 &&
	    strcmp(f->round_state, "review") == 0) {
		x = view_section(d, "REOPEN_FORM");
		view_set(x, "ID", id);
		view_set(x, "CSRF_TOKEN", csrf);
		view_set(x, "VERSION", ver);
		view_set(x, "REASON", is_form(t, "reopen", 0) ? t->note : "");
		if (is_form(t, "reopen", 0)) {
			form_error_here(x, t);
			view_show(x, "INVALID");
		}
	}

	/* Send-back history. */
	for (i = 0; i < nsbs; i++) {
		const struct review_send_back *sb = &sbs[i];

		x = view_section(d, "SEND_BACK");
		view_set(x, "N_FA", fa_int(r, (long long)(nsbs - i)));
		view_set(x, "REMARKS", fa_digits(r, sb->remarks));
		view_set(x, "CREATED", arena_printf(r->arena, "%s، %s", sb->created_by,
		    fa_when_sql(r, sb->created_at)));
		view_set(x, "DUE_FA", round_jalali(r->arena, sb->due_date));
		view_set(x, "RESUBMITTED", sb->resubmitted_at[0] != '\0' ?
		    fa_when_sql(r, sb->resubmitted_at) : "هنوز دوباره ارسال نشده است");
		for (k = 0; k < sb->nsecs; k++) {
			y = view_section(x, "SB_SECTION");
			view_set(y, "TITLE", sb->secs[k].title);
			view_set(y, "REMARK", fa_digits(r, sb->secs[k].remark));
		}
	}
	if (nsbs == 0)
		view_show(d, "NO_SEND_BACKS");

	/* The office's history. */
	for (i = 0; i < npast; i++) {
		x = view_section(d, "PAST");
		view_set(x, "ROUND", arena_printf(r->arena, "%s (%s)", past[i].round_title,
		    fa_digits(r, past[i].round_code)));
		view_set(x, "STATE_LABEL", state_label(past[i].state, NULL));
		view_set(x, "RANK_FA", past[i].rank != 0 ? fa_int(r, past[i].rank) : "—");
		view_set(x, "SCORE_FA", past[i].has_score ? fa_points(r, past[i].score_x100) : "—");
		view_set(x, "VIOLATIONS_FA", fa_int(r, past[i].violations));
	}
	if (npast == 0)
		view_show(d, "NO_PAST");
	for (i = 0; i < npv; i++) {
		x = view_section(d, "PAST_VIOLATION");
		view_set(x, "ROUND_FA", fa_digits(r, pv[i].round_code));
		view_set(x, "TITLE", pv[i].title);
		view_set(x, "COUNT_FA", fa_int(r, pv[i].occurrences));
		view_set(x, "POINTS_FA", fa_points(r, -(long long)pv[i].points_each_x100 *
		    pv[i].occurrences));
		view_set(x, "NOTE", fa_digits(r, pv[i].note));
		if (pv[i].revoked)
			view_show(x, "REVOKED");
	}
	return page_end(r, status);
}

/* Loads the file named at the start of arg for the asker; answers 404 itself. */
static int
load_file(struct req *r, const char *arg, struct review_file *f, const char **rest)
{
	struct review_who who = who_of(r);
	long long	 id;
	enum db_err	 rc;
	int		 found;

	if ((id = arg_id(arg, rest)) == 0)
		return page_error(r, 404, NULL), -1;
	if ((rc = review_file_load(r->db, r->arena, &who, id, f, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL), -1;
	if (!found)
		return page_error(r, 404, NULL), -1;
	return 0;
}

int
page_review_file(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_file f;
	const char	*rest;

	(void)in;
	if (load_file(r, arg, &f, &rest) != 0)
		return -1;
	return file_page(r, &f, NULL, 200);
}

/*
 * The end of an action: a database failure, a refusal (the file page again, as
 * it is now, with the reason and the form as typed), or the redirect back.
 */
static int
act_end(struct req *r, const struct review_file *f, enum db_err rc,
    const struct review_result *res, struct retype *t, const char *done)
{
	static const int status[] = { 200, 403, 409, 409, 409, 422, 404 };
	struct review_who who = who_of(r);
	struct review_file now;
	int		 found;

	if (rc == DB_RETRY)
		return page_error(r, 409, "پرونده هم‌زمان در حال تغییر است. لطفاً دوباره بفرستید.");
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (res->refusal != REV_DONE) {
		t->message = res->why;
		/* Show the file as it is now: the refusal may come from a change. */
		if ((rc = review_file_load(r->db, r->arena, &who, f->id, &now, &found)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
		if (!found)
			return page_error(r, 404, NULL);
		return file_page(r, &now, t, status[res->refusal]);
	}
	return resp_redirect(r, arena_printf(r->arena, "/review/file/%lld?%s=1", f->id, done));
}

/* A refusal decided in the handler (a value that does not parse). */
static int
act_refuse(struct req *r, const struct review_file *f, struct retype *t, int status,
    const char *why)
{
	t->message = why;
	return file_page(r, f, t, status);
}

/* Every action's form carries the version it was made from. */
static int
version_of(struct req *r, const struct field_val *v, long long *version)
{
	if (!v->present || v->error != NULL)
		return page_error(r, 400, "فرم ناقص است. صفحه را دوباره باز کنید."), -1;
	*version = (long long)v->n;
	return 0;
}

enum { V_VERSION, V_CRITERION, V_DECISION, V_VALUE, V_NOTE };

int
page_review_verify(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	struct rubric	 rb;
	const struct rubric_criterion *c;
	const struct rubric_option *o = NULL;
	const char	*rest, *err;
	long long	 version, num = 0;
	int		 correct, has_num = 0;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[V_VERSION], &version) != 0)
		return -1;
	if ((rc = rubric_load(r->db, r->arena, f.round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!in[V_CRITERION].present || (c = rubric_criterion_id(&rb,
	    (long long)in[V_CRITERION].n)) == NULL)
		return page_error(r, 404, "این شاخص در این دوره پیدا نشد.");
	memset(&t, 0, sizeof(t));
	t.form = "verify";
	t.id = c->id;
	t.value = in[V_VALUE].s;
	t.note = in[V_NOTE].s;
	if (!in[V_DECISION].present || (strcmp(in[V_DECISION].s, "confirm") != 0 &&
	    strcmp(in[V_DECISION].s, "correct") != 0))
		return act_refuse(r, &f, &t, 422, "تأیید یا اصلاح مقدار را انتخاب کنید.");
	correct = strcmp(in[V_DECISION].s, "correct") == 0;
	if (in[V_VALUE].error != NULL || in[V_NOTE].error != NULL)
		return act_refuse(r, &f, &t, 422, in[V_VALUE].error != NULL ?
		    in[V_VALUE].error : in[V_NOTE].error);
	if (correct && c->kind == CRIT_NUMBER) {
		if ((err = rubric_parse_number(c, in[V_VALUE].s, in[V_VALUE].len, &num)) != NULL)
			return act_refuse(r, &f, &t, 422, err);
		has_num = 1;
	} else if (correct && (o = rubric_option(c, in[V_VALUE].s)) == NULL)
		return act_refuse(r, &f, &t, 422, "گزینه درست را انتخاب کنید.");
	rc = review_verify(r->db, r->arena, &who, &f, version, c, correct, has_num, num,
	    o != NULL ? o->id : 0, correct ? in[V_NOTE].s : (in[V_NOTE].present ?
	    in[V_NOTE].s : NULL), &res);
	return act_end(r, &f, rc, &res, &t, "verified");
}

enum { S_VERSION, S_SECTION };

int
page_review_confirm_section(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	struct rubric	 rb;
	const struct rubric_section *s;
	const char	*rest;
	long long	 version;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[S_VERSION], &version) != 0)
		return -1;
	if ((rc = rubric_load(r->db, r->arena, f.round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!in[S_SECTION].present || (s = rubric_section(&rb, in[S_SECTION].s)) == NULL)
		return page_error(r, 404, "این بخش در این دوره پیدا نشد.");
	memset(&t, 0, sizeof(t));
	t.form = "section";
	t.id = s->id;
	rc = review_confirm_section(r->db, r->arena, &who, &f, version, &rb, s, &res);
	return act_end(r, &f, rc, &res, &t, "verified");
}

enum { A_VERSION, A_CRITERION, A_VALUE };

int
page_review_association(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	struct rubric	 rb;
	const struct rubric_criterion *c;
	const char	*rest, *err;
	long long	 version, num;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[A_VERSION], &version) != 0)
		return -1;
	if ((rc = rubric_load(r->db, r->arena, f.round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!in[A_CRITERION].present || (c = rubric_criterion_id(&rb,
	    (long long)in[A_CRITERION].n)) == NULL)
		return page_error(r, 404, "این شاخص در این دوره پیدا نشد.");
	memset(&t, 0, sizeof(t));
	t.form = "association";
	t.id = c->id;
	t.value = in[A_VALUE].s;
	if (c->filled_by != FILL_REVIEWER || c->kind != CRIT_NUMBER)
		return act_refuse(r, &f, &t, 422, "این شاخص را کارشناس منطقه ثبت نمی‌کند.");
	if (in[A_VALUE].error != NULL)
		return act_refuse(r, &f, &t, 422, in[A_VALUE].error);
	if ((err = rubric_parse_number(c, in[A_VALUE].s, in[A_VALUE].len, &num)) != NULL)
		return act_refuse(r, &f, &t, 422, err);
	rc = review_association(r->db, r->arena, &who, &f, version, c, num, &res);
	return act_end(r, &f, rc, &res, &t, "association");
}

enum { X_VERSION, X_TYPE, X_OCCURRENCES, X_NOTE };

int
page_review_violation_add(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	struct review_vtype *types, *vt = NULL;
	const char	*rest;
	unsigned long long occ = 0;
	long long	 version;
	size_t		 n, i;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[X_VERSION], &version) != 0)
		return -1;
	memset(&t, 0, sizeof(t));
	t.form = "violation";
	t.type = in[X_TYPE].present ? (long long)in[X_TYPE].n : 0;
	t.occurrences = in[X_OCCURRENCES].s;
	t.note = in[X_NOTE].s;
	if ((rc = review_vtypes(r->db, r->arena, f.round_id, &types, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	for (i = 0; i < n; i++)
		if (types[i].id == t.type)
			vt = &types[i];
	if (vt == NULL)
		return act_refuse(r, &f, &t, 422, "نوع تخلف را از فهرست این دوره انتخاب کنید.");
	if (in[X_NOTE].error != NULL)
		return act_refuse(r, &f, &t, 422, in[X_NOTE].error);
	/* Persian digits were folded by the validator. */
	if (in[X_OCCURRENCES].error != NULL || !in[X_OCCURRENCES].present ||
	    http_parse_uint(in[X_OCCURRENCES].s, in[X_OCCURRENCES].len, 1000, &occ) != 0 ||
	    occ < 1)
		return act_refuse(r, &f, &t, 422, "تعداد دفعات تخلف باید عددی از ۱ تا ۱۰۰۰ باشد.");
	rc = review_violation_add(r->db, r->arena, &who, &f, version, vt, (int)occ,
	    in[X_NOTE].s, &res);
	return act_end(r, &f, rc, &res, &t, "violation");
}

enum { R_VERSION, R_REASON };

int
page_review_violation_revoke(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	const char	*rest;
	unsigned long long vid;
	long long	 version;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[R_VERSION], &version) != 0)
		return -1;
	if (http_parse_uint(rest, strlen(rest), 4294967295ULL, &vid) != 0)
		return page_error(r, 404, NULL);
	memset(&t, 0, sizeof(t));
	t.form = "revoke";
	t.id = (long long)vid;
	t.note = in[R_REASON].s;
	if (in[R_REASON].error != NULL)
		return act_refuse(r, &f, &t, 422, in[R_REASON].error);
	rc = review_violation_revoke(r->db, r->arena, &who, &f, version, (long long)vid,
	    in[R_REASON].s, &res);
	if (rc == DB_OK && res.refusal == REV_GONE)
		return page_error(r, 404, res.why);
	return act_end(r, &f, rc, &res, &t, "revoked");
}

enum { B_VERSION, B_REMARKS };

int
page_review_send_back(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	struct rubric	 rb;
	struct review_mark *marks;
	const char	*rest, *due, *key;
	const struct http_param *p;
	long long	 version;
	size_t		 i, n = 0, len;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[B_VERSION], &version) != 0)
		return -1;
	if ((rc = rubric_load(r->db, r->arena, f.round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	memset(&t, 0, sizeof(t));
	t.form = "send_back";
	t.note = in[B_REMARKS].s;
	if (in[B_REMARKS].error != NULL)
		return act_refuse(r, &f, &t, 422, in[B_REMARKS].error);
	/* The sections (s_<code>) and their remarks (r_<code>) are named by the rubric. */
	marks = arena_calloc(r->arena, rb.nsections + 1, sizeof(*marks));
	for (i = 0; i < rb.nsections; i++) {
		const struct rubric_section *s = &rb.sections[i];
		char *remark;

		key = arena_printf(r->arena, "s_%s", s->code);
		if (http_params_count(&r->form, key) > 1 ||
		    http_params_count(&r->form, arena_printf(r->arena, "r_%s", s->code)) > 1)
			return act_refuse(r, &f, &t, 422, "فرم یک بخش را بیش از یک بار فرستاده است.");
		if ((p = http_params_get(&r->form, key)) == NULL)
			continue;
		if (!markable(s))
			return act_refuse(r, &f, &t, 422, arena_printf(r->arena, "بخش «%s» را "
			    "دارنده پروانه پر نمی‌کند و برای اصلاح ارجاع نمی‌شود.", s->title));
		key = arena_printf(r->arena, "r_%s", s->code);
		remark = "";
		if ((p = http_params_get(&r->form, key)) != NULL && p->vallen > 0) {
			if ((remark = utf8_clean_line(r->arena, p->val, p->vallen, &len)) == NULL)
				return act_refuse(r, &f, &t, 422, "متن واردشده نویسه‌های نامعتبر دارد.");
			remark = fa_normalize(r->arena, remark, len, &len);
			if (utf8_count(remark, len) > 2000)
				return act_refuse(r, &f, &t, 422, "توضیح هر بخش حداکثر ۲۰۰۰ نویسه است.");
		}
		marks[n].section = s;
		marks[n].remark = remark;
		n++;
	}
	rc = review_send_back(r->db, r->arena, &who, &f, version, in[B_REMARKS].s, marks, n,
	    &due, &res);
	return act_end(r, &f, rc, &res, &t, "sent");
}

int
page_review_complete(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	struct rubric	 rb;
	const char	*rest;
	long long	 version;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[0], &version) != 0)
		return -1;
	if ((rc = rubric_load(r->db, r->arena, f.round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	memset(&t, 0, sizeof(t));
	t.form = "complete";
	rc = review_complete(r->db, r->arena, &who, &f, version, &rb, &res);
	return act_end(r, &f, rc, &res, &t, "completed");
}

int
page_review_reopen(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who = who_of(r);
	struct review_file f;
	struct review_result res;
	struct retype	 t;
	const char	*rest;
	long long	 version;
	enum db_err	 rc;

	if (load_file(r, arg, &f, &rest) != 0 || version_of(r, &in[R_VERSION], &version) != 0)
		return -1;
	memset(&t, 0, sizeof(t));
	t.form = "reopen";
	t.note = in[R_REASON].s;
	if (in[R_REASON].error != NULL)
		return act_refuse(r, &f, &t, 422, in[R_REASON].error);
	rc = review_reopen(r->db, r->arena, &who, &f, version, in[R_REASON].s, &res);
	return act_end(r, &f, rc, &res, &t, "reopened");
}

/* HQ: files overdue for review, by region and province. */
int
page_hq_review_overdue(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_overdue *rows;
	struct review_region_count *counts;
	struct view_dict *d, *g = NULL, *x;
	const char	*today = review_tehran_date(r->arena, r->now, 0), *badge;
	size_t		 n, nc, i;
	long long	 region = -1, total = 0;
	enum db_err	 rc;

	(void)arg;
	(void)in;
	if ((rc = review_overdue(r->db, r->arena, today, &rows, &n, &counts, &nc)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "پرونده‌های عقب‌مانده از بررسی", "review_overdue.tpl");
	view_set(d, "TODAY_FA", round_jalali(r->arena, today));
	for (i = 0; i < nc; i++) {
		x = view_section(d, "REGION_COUNT");
		view_set(x, "REGION", counts[i].region);
		view_set(x, "N_FA", fa_int(r, counts[i].n));
		total += counts[i].n;
	}
	view_set(d, "TOTAL_FA", fa_int(r, total));
	if (total > (long long)n)
		view_set(view_section(d, "TRUNCATED"), "N_FA", fa_int(r, (long long)n));
	for (i = 0; i < n; i++) {
		if (rows[i].region_id != region) {
			region = rows[i].region_id;
			g = view_section(d, "REGION");
			view_set(g, "REGION", rows[i].region);
			view_set(g, "REGION_ID", arena_printf(r->arena, "%lld", region));
		}
		x = view_section(g, "ROW");
		view_set(x, "ID", arena_printf(r->arena, "%lld", rows[i].decl_id));
		view_set(x, "PROVINCE", rows[i].province);
		view_set(x, "OFFICE_CODE_FA", fa_digits(r, rows[i].office_code));
		view_set(x, "OFFICE_NAME", rows[i].office_name);
		view_set(x, "STATE_LABEL", state_label(rows[i].state, &badge));
		view_set(x, "STATE_BADGE", badge);
		view_set(x, "ROUND_FA", fa_digits(r, rows[i].round_code));
		view_set(x, "SUBMITTED_FA", rows[i].submitted_at != NULL ?
		    fa_when_sql(r, rows[i].submitted_at) : "—");
		set_due(r, x, rows[i].due_date != NULL ? rows[i].due_date : rows[i].review_end);
	}
	if (n == 0)
		view_show(d, "NONE");
	return page_end(r, 200);
}
