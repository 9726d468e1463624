/*
 * The licensee's side of a round: the dashboard of their offices, and an office's
 * file (declaration): the summary with what is missing, one form per section of
 * the rubric, submission and the receipt.
 *
 * Every page starts from decl_load() (the office must be the licensee's: anything
 * else is 404) and every write runs in one transaction behind
 * decl_lock_for_edit(), which re-checks the state and the deadline under the row
 * lock with the request's clock.  A save keeps every valid value even when
 * another is refused, and shows what was typed next to its message; the form
 * carries the file's version, and a save from a stale form is refused with 409
 * (the typed values are shown again, nothing is lost).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "access.h"
#include "audit.h"
#include "buf.h"
#include "fa.h"
#include "http.h"
#include "jalali.h"
#include "log.h"
#include "model/declaration.h"
#include "model/rubric.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "utf8.h"
#include "view.h"


/* Parses the office id at the start of arg ("12" or "12/…"). */
static long long
arg_office(const char *arg, const char **rest)
{
	unsigned long long id;
	size_t	 n = strspn(arg, "0123456789");

	if (n == 0 || http_parse_uint(arg, n, 4294967295ULL, &id) != 0 || id == 0)
		return 0;
	*rest = arg[n] == '/' ? arg + n + 1 : arg + n;
	return (long long)id;
}

/* Loads the licensee's office file; answers 404 / 5xx itself (returns -1). */
static int
load(struct req *r, const char *arg, struct decl *d, const char **rest)
{
	long long	 id;
	enum db_err	 rc;
	int		 found;

	if ((id = arg_office(arg, rest)) == 0)
		return page_error(r, 404, NULL), -1;
	if ((rc = decl_load(r->db, r->arena, &r->sess, id, r->now, d, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL), -1;
	if (!found)
		return page_error(r, 404, NULL), -1;
	return 0;
}

static int
load_rubric(struct req *r, const struct decl *d, struct rubric *rb,
    struct decl_sheet *sh)
{
	enum db_err	 rc;

	if ((rc = rubric_load_frozen(r->db, r->arena, d->round_id, d->rubric_key,
	    rb)) != DB_OK ||
	    (rc = decl_sheet_load(r->db, r->arena, d, rb, sh)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL), -1;
	return 0;
}

/* The deadline box every file page shows. */
static void
set_deadline(struct req *r, struct view_dict *d, const struct decl *dc)
{
	int	 left;

	if (dc->deadline == 0)
		return;
	d = view_section(d, "DEADLINE");
	view_set(d, "DEADLINE_FA", decl_deadline_text(r->arena, dc));
	view_set(d, "DEADLINE_KIND", strcmp(dc->state, "returned") == 0 ?
	    "مهلت اصلاح پرونده" : "مهلت خوداظهاری");
	left = decl_days_left(dc, r->now);
	if (left > 0)
		view_set(d, "DAYS_LEFT", arena_printf(r->arena, "%s روز مانده",
		    fa_int(r, left)));
	else if (left == 0)
		view_set(d, "DAYS_LEFT", "امروز آخرین روز است (تا ساعت ۲۳:۵۹)");
	else
		view_set(d, "DAYS_LEFT", "مهلت گذشته است");
}

static void
set_common(struct req *r, struct view_dict *d, const struct decl *dc)
{
	const char	*badge;

	view_set(d, "OFFICE_ID", arena_printf(r->arena, "%lld", dc->office_id));
	view_set(d, "OFFICE_NAME", dc->office_name);
	view_set(d, "OFFICE_CODE_FA", fa_digits(r, dc->office_code));
	if (dc->round_id != 0) {
		view_set(d, "ROUND_TITLE", dc->round_title);
		view_set(d, "ROUND_CODE_FA", fa_digits(r, dc->round_code));
	}
	view_set(d, "STATE_LABEL", decl_state_label(dc->state, &badge));
	view_set(d, "STATE_BADGE", badge);
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	view_set(d, "VERSION", arena_printf(r->arena, "%lld", dc->version));
	set_deadline(r, d, dc);
	if (!dc->editable && dc->why_not != NULL)
		view_set(view_section(d, "LOCKED"), "WHY_NOT", dc->why_not);
	if (dc->send_back_remarks != NULL)
		view_set(view_section(d, "SEND_BACK"), "REMARKS", dc->send_back_remarks);
}

/* The dashboard: each of my offices with its file in the current round. */
int
page_dashboard(struct req *r, const char *arg, const struct field_val *in)
{
	struct my_office *offs;
	struct view_dict *d, *od;
	size_t		 n, i;
	enum db_err	 rc;

	(void)arg;
	(void)in;
	if ((rc = decl_my_offices(r->db, r->arena, r->sess.user_id, r->now, &offs,
	    &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	/* The previous values of the offices whose files may change, at once. */
	for (i = 0; i < n && !offs[i].decl.editable; i++)
		;
	if (i < n && (rc = decl_my_previous(r->db, r->arena, r->sess.user_id,
	    offs[i].decl.round_id, offs, n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "میز کار دفاتر من", "dashboard.tpl");
	if (n == 0)
		view_show(d, "NO_OFFICES");
	for (i = 0; i < n; i++) {
		const struct decl *dc = &offs[i].decl;
		struct rubric	 rb;
		struct decl_sheet sh;
		const char	*badge, *msgs[1];
		size_t		 missing = 0, k;

		od = view_section(d, "OFFICE");
		view_set(od, "OFFICE_ID", arena_printf(r->arena, "%lld", offs[i].id));
		view_set(od, "OFFICE_NAME", offs[i].name);
		view_set(od, "OFFICE_CODE_FA", fa_digits(r, offs[i].code));
		view_set(od, "KIND_LABEL", strcmp(offs[i].kind, "rural_ict") == 0 ?
		    "دفتر ICT روستایی" : "دفتر پیشخوان خدمات دولت");
		if (offs[i].rank != 0) {
			struct view_dict *rk = view_section(od, "LAST_RANK");

			view_set(rk, "RANK_FA", fa_int(r, offs[i].rank));
			view_set(rk, "RANK_ROUND_FA", fa_digits(r, offs[i].rank_round));
		} else
			view_show(od, "NO_RANK");
		if (dc->round_id == 0) {
			view_show(od, "NO_ROUND");
			continue;
		}
		od = view_section(od, "ROUND");
		view_set(od, "ROUND_TITLE", dc->round_title);
		view_set(od, "STATE_LABEL", decl_state_label(dc->state, &badge));
		view_set(od, "STATE_BADGE", badge);
		set_deadline(r, od, dc);
		if (dc->tracking_no != NULL && strcmp(dc->state, "draft") != 0)
			view_set(view_section(od, "RECEIPT"), "OFFICE_ID",
			    arena_printf(r->arena, "%lld", dc->office_id));
		view_set(od, "ACTION_LABEL", dc->editable ? "تکمیل و ارسال خوداظهاری" :
		    "مشاهده پرونده");
		if (!dc->editable)
			continue;
		/* What is missing, for a file that may still change. */
		if ((rc = rubric_load_frozen(r->db, r->arena, dc->round_id, dc->rubric_key,
		    &rb)) != DB_OK ||
		    (rc = decl_sheet_load_known(r->db, r->arena, dc, &rb, &offs[i],
		    &sh)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
		for (k = 0; k < rb.nsections; k++)
			missing += decl_sheet_missing(r->arena, &sh, &rb.sections[k], msgs, 0);
		if (missing > 0)
			view_set(view_section(od, "MISSING"), "MISSING_FA",
			    fa_int(r, (long long)missing));
		else
			view_show(od, "READY");
	}
	return page_end(r, 200);
}

/* The summary of a file: every section with what is missing, and submit. */
static int
summary(struct req *r, struct decl *dc, const char *notice, const char *error,
    int status)
{
	struct rubric	 rb;
	struct decl_sheet sh;
	struct view_dict *d, *sd;
	const char	*msgs[32];
	size_t		 i, j, n, total = 0;

	if (dc->round_id == 0) {
		d = page_begin(r, dc->office_name, "decl.tpl");
		set_common(r, d, dc);
		view_show(d, "NO_ROUND");
		return page_end(r, status);
	}
	if (load_rubric(r, dc, &rb, &sh) != 0)
		return -1;
	d = page_begin(r, arena_printf(r->arena, "خوداظهاری %s", dc->office_name),
	    "decl.tpl");
	set_common(r, d, dc);
	view_show(d, "HAS_ROUND");
	if (notice != NULL)
		view_set(view_section(d, "NOTICE"), "MESSAGE", notice);
	if (error != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", error);
	for (i = 0; i < rb.nsections; i++) {
		const struct rubric_section *s = &rb.sections[i];

		sd = view_section(d, "SECTION");
		view_set(sd, "SECTION_CODE", s->code);
		view_set(sd, "SECTION_TITLE", s->title);
		view_set(sd, "SECTION_NO_FA", fa_int(r, (long long)i + 1));
		n = decl_sheet_missing(r->arena, &sh, s, msgs, 32);
		total += n;
		if (n == 0)
			view_show(sd, "COMPLETE");
		for (j = 0; j < n && j < 32; j++)
			view_set(view_section(sd, "MISSING"), "MESSAGE", msgs[j]);
		if (strcmp(dc->state, "returned") == 0 && decl_section_editable(dc, s->id)) {
			const char *remark = decl_section_remark(dc, s->id);

			view_show(sd, "TO_CORRECT");
			if (remark != NULL)
				view_set(view_section(sd, "REMARK"), "TEXT", remark);
		}
	}
	if (dc->editable && total == 0)
		view_show(d, "CAN_SUBMIT");
	else if (dc->editable)
		view_set(view_section(d, "CANNOT_SUBMIT"), "MISSING_FA",
		    fa_int(r, (long long)total));
	if (dc->reopenable)
		view_show(d, "CAN_REOPEN");
	if (dc->tracking_no != NULL && strcmp(dc->state, "draft") != 0 &&
	    strcmp(dc->state, "returned") != 0)
		view_show(d, "HAS_RECEIPT");
	return page_end(r, status);
}

int
page_decl(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	const char	*rest;

	(void)in;
	if (load(r, arg, &dc, &rest) != 0)
		return -1;
	return summary(r, &dc,
	    query_flag(r, "saved") ? "تغییرات ذخیره شد." :
	    query_flag(r, "reopened") ? "پرونده برای ویرایش باز شد. پس از تغییر، دوباره آن را ارسال کنید." :
	    NULL, NULL, 200);
}

/* What a field of the section form shows after a failed save. */
struct typed {
	const char	*text;	/* as typed, for number fields */
	const char	*error;
};

/* The form of one section. */
static int
section_page(struct req *r, struct decl *dc, const struct rubric *rb,
    const struct decl_sheet *sh, const struct rubric_section *s,
    const struct typed *typed, const char *banner, int status)
{
	struct view_dict *d, *cd, *od;
	struct form	 f;
	size_t		 i, j, idx;
	int		 editable = decl_section_editable(dc, s->id);

	d = page_begin(r, s->title, "decl_section.tpl");
	form_init(&f, d);
	set_common(r, d, dc);
	view_set(d, "SECTION_CODE", s->code);
	view_set(d, "SECTION_TITLE", s->title);
	if (s->help[0] != '\0')
		view_set(view_section(d, "SECTION_HELP"), "TEXT", s->help);
	idx = (size_t)(s - rb->sections);
	view_set(d, "SECTION_NO_FA", fa_int(r, (long long)idx + 1));
	view_set(d, "SECTION_COUNT_FA", fa_int(r, (long long)rb->nsections));
	if (idx > 0)
		view_set(view_section(d, "PREV"), "CODE", rb->sections[idx - 1].code);
	if (idx + 1 < rb->nsections) {
		view_set(view_section(d, "NEXT"), "CODE", rb->sections[idx + 1].code);
		view_show(d, "HAS_NEXT");
	}
	if (banner != NULL)
		view_set(view_section(d, "BANNER"), "MESSAGE", banner);
	if (query_flag(r, "saved"))
		view_show(d, "SAVED");
	if (query_flag(r, "uploaded"))
		view_show(d, "UPLOADED");
	if (query_flag(r, "deleted"))
		view_show(d, "DELETED");
	if (editable)
		view_show(d, "EDITABLE");
	else if (dc->editable)
		view_show(d, "NOT_IN_SEND_BACK");
	if (decl_section_remark(dc, s->id) != NULL)
		view_set(view_section(d, "SECTION_REMARK"), "TEXT", decl_section_remark(dc, s->id));
	for (i = 0; i < s->ncrits; i++) {
		const struct rubric_criterion *c = &s->crits[i];
		const struct sheet_value *v = decl_sheet_value(sh, c);
		const struct typed *t = typed != NULL ? &typed[c - rb->crits] : NULL;
		const char *id = arena_printf(r->arena, "c_%s", c->code);

		cd = view_section(d, "CRITERION");
		view_set(cd, "FIELD", id);
		view_set(cd, "TITLE", c->title);
		view_show(cd, c->kind == CRIT_NUMBER && c->filled_by == FILL_LICENSEE ?
		    "LABEL_FOR" : "LABEL_P");
		if (c->help[0] != '\0')
			view_set(view_section(cd, "HELP"), "TEXT", c->help);
		if (t != NULL && t->error != NULL) {
			form_error(&f, id, NULL, t->error);
			view_set(view_section(cd, "FIELD_ERROR"), "MESSAGE", t->error);
			view_show(cd, "HAS_ERROR");
		}
		if (c->filled_by == FILL_SYSTEM) {
			struct view_dict *sy = view_section(cd, "SYSTEM");

			view_set(sy, "VALUE", c->kind == CRIT_NUMBER ? (v->has_num ?
			    arena_printf(r->arena, "%s %s", rubric_format_number(r->arena,
			    c, v->num), c->unit) : "—") :
			    (v->opt != NULL ? v->opt->title : "—"));
			view_set(sy, "OFFICE_ID", arena_printf(r->arena, "%lld",
			    dc->office_id));
			continue;
		}
		if (c->filled_by == FILL_REVIEWER) {
			view_show(cd, "REVIEWER");
			continue;
		}
		if (c->required)
			view_show(cd, "REQUIRED");
		if (v->src == SRC_PREVIOUS)
			view_show(cd, "FROM_PREVIOUS");
		else if (v->src == SRC_OFFICE)
			view_show(cd, "FROM_OFFICE");
		if (c->kind == CRIT_NUMBER) {
			od = view_section(cd, "NUMBER");
			view_set(od, "FIELD", id);
			view_set(od, "VALUE", t != NULL && t->text != NULL ? t->text :
			    v->has_num ? rubric_format_number(r->arena, c, v->num) : "");
			if (c->unit[0] != '\0')
				view_set(view_section(od, "UNIT"), "TEXT", c->unit);
			if (c->has_min && c->has_max)
				view_set(view_section(cd, "RANGE"), "TEXT", arena_printf(
				    r->arena, "از %s تا %s",
				    rubric_format_number(r->arena, c, c->min),
				    rubric_format_number(r->arena, c, c->max)));
			if (!editable)
				view_show(od, "DISABLED");
			if (t != NULL && t->error != NULL)
				view_show(od, "INVALID");
			continue;
		}
		od = view_section(cd, "CHOICES");
		view_set(od, "FIELD", id);
		for (j = 0; j < c->nopts; j++) {
			struct view_dict *o = view_section(od, "OPTION");

			view_set(o, "FIELD", id);
			view_set(o, "CODE", c->opts[j].code);
			view_set(o, "TITLE", c->opts[j].title);
			if (v->opt == &c->opts[j])
				view_show(o, "CHECKED");
			if (!editable)
				view_show(o, "DISABLED");
		}
		if (!c->required && editable) {
			struct view_dict *o = view_section(od, "OPTION");

			view_set(o, "FIELD", id);
			view_set(o, "CODE", "");
			view_set(o, "TITLE", "بدون پاسخ");
			if (v->opt == NULL)
				view_show(o, "CHECKED");
		}
	}
	if (evidence_section_fill(r, view_include(d, "EVIDENCE", "decl_evidence.tpl"),
	    dc, rb, s) != 0) {
		view_dict_free(r->page_root);
		r->page_root = NULL;
		return page_error(r, 500, NULL);
	}
	return page_end(r, status);
}

/* The route's captures are "12/space": the section after the office id. */
static const struct rubric_section *
arg_section(const struct rubric *rb, const char *rest)
{
	return rubric_section(rb, rest);
}

int
page_decl_section(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct rubric	 rb;
	struct decl_sheet sh;
	const struct rubric_section *s;
	const char	*rest;

	(void)in;
	if (load(r, arg, &dc, &rest) != 0)
		return -1;
	if (dc.round_id == 0)
		return summary(r, &dc, NULL, NULL, 200);
	if (load_rubric(r, &dc, &rb, &sh) != 0)
		return -1;
	if ((s = arg_section(&rb, rest)) == NULL)
		return page_error(r, 404, NULL);
	return section_page(r, &dc, &rb, &sh, s, NULL, NULL, 200);
}

/* Parses the posted value of c; NULL and the value, or a Persian message. */
static const char *
parse_value(struct req *r, const struct rubric_criterion *c, const struct http_param *p,
    int *has_num, long long *num, long long *opt_id, const char **typed)
{
	const struct rubric_option *o;
	char		*s;
	size_t		 len;

	*has_num = 0;
	*num = 0;
	*opt_id = 0;
	*typed = NULL;
	if (p == NULL || p->vallen == 0)
		return NULL;	/* cleared */
	if (p->vallen > 100 || (s = utf8_clean_line(r->arena, p->val, p->vallen, &len)) == NULL)
		return "مقدار واردشده معتبر نیست.";
	*typed = s;
	if (c->kind == CRIT_NUMBER) {
		const char *err = rubric_parse_number(c, s, len, num);

		if (err != NULL)
			return err;
		*has_num = 1;
		return NULL;
	}
	if ((o = rubric_option(c, s)) == NULL)
		return "یکی از گزینه‌ها را انتخاب کنید.";
	*opt_id = o->id;
	return NULL;
}

int
page_decl_save(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct rubric	 rb;
	struct decl_sheet sh;
	const struct rubric_section *s;
	struct typed	*typed;
	const char	*rest, *key;
	struct audit_event ev;
	enum db_err	 rc;
	size_t		 i, bad = 0, saved = 0;
	int		 ok;

	if (load(r, arg, &dc, &rest) != 0)
		return -1;
	if (dc.round_id == 0)
		return summary(r, &dc, NULL, dc.why_not, 409);
	if (load_rubric(r, &dc, &rb, &sh) != 0)
		return -1;
	if ((s = arg_section(&rb, rest)) == NULL)
		return page_error(r, 404, NULL);
	if (!in[0].present || in[0].error != NULL)
		return page_error(r, 400, NULL);
	typed = arena_calloc(r->arena, rb.ncrits + 1, sizeof(*typed));

	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((rc = decl_lock_for_edit(r->db, r->arena, &dc, r->now, &ok)) != DB_OK)
		goto fail;
	if (!ok || !decl_section_editable(&dc, s->id)) {
		db_rollback(r->db);
		/* Nothing typed is lost: the page shows it again with the reason. */
		for (i = 0; i < s->ncrits; i++) {
			const struct rubric_criterion *c = &s->crits[i];
			const struct http_param *p;
			size_t len;

			key = arena_printf(r->arena, "c_%s", c->code);
			if ((p = http_params_get(&r->form, key)) != NULL && p->vallen <= 100)
				typed[c - rb.crits].text = utf8_clean_line(r->arena, p->val,
				    p->vallen, &len);
		}
		return section_page(r, &dc, &rb, &sh, s, typed, dc.why_not != NULL ?
		    dc.why_not : "این بخش در حال حاضر قابل ویرایش نیست.", 409);
	}
	if ((long long)in[0].n != dc.version) {
		db_rollback(r->db);
		for (i = 0; i < s->ncrits; i++) {
			const struct rubric_criterion *c = &s->crits[i];
			const struct http_param *p;
			size_t len;

			key = arena_printf(r->arena, "c_%s", c->code);
			if ((p = http_params_get(&r->form, key)) != NULL && p->vallen <= 100)
				typed[c - rb.crits].text = utf8_clean_line(r->arena, p->val,
				    p->vallen, &len);
		}
		return section_page(r, &dc, &rb, &sh, s, typed,
		    "این پرونده پس از باز شدن این صفحه در پنجره یا زبانه دیگری تغییر کرده است و "
		    "چیزی ذخیره نشد. مقادیری که وارد کرده‌اید در زیر مانده است؛ برای دیدن "
		    "مقادیر ذخیره‌شده، صفحه را دوباره باز کنید.", 409);
	}
	for (i = 0; i < s->ncrits; i++) {
		const struct rubric_criterion *c = &s->crits[i];
		const struct http_param *p;
		const char *err;
		long long num, opt;
		int has_num;

		if (c->filled_by != FILL_LICENSEE)
			continue;
		key = arena_printf(r->arena, "c_%s", c->code);
		if (http_params_count(&r->form, key) > 1) {
			typed[c - rb.crits].error = "این مورد بیش از یک بار فرستاده شده است.";
			bad++;
			continue;
		}
		p = http_params_get(&r->form, key);
		err = parse_value(r, c, p, &has_num, &num, &opt, &typed[c - rb.crits].text);
		if (err != NULL) {
			typed[c - rb.crits].error = err;
			bad++;
			continue;
		}
		if ((rc = decl_value_put(r->db, &dc, c->id, has_num, num, opt)) != DB_OK)
			goto fail;
		saved++;
	}
	if ((rc = decl_bump(r->db, &dc, dc.version, &ok)) != DB_OK)
		goto fail;
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	ev.action = "declaration.save";
	ev.entity_type = "declaration";
	ev.entity_id = dc.id;
	ev.new_json = arena_printf(r->arena, "{\"section\":\"%s\",\"saved\":%zu,\"refused\":%zu}",
	    s->code, saved, bad);
	if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK ||
	    (rc = db_commit(r->db)) != DB_OK)
		goto fail;
	if (bad > 0) {
		/* Reload what is saved, then show the refused fields as typed. */
		if (load_rubric(r, &dc, &rb, &sh) != 0)
			return -1;
		s = rubric_section(&rb, s->code);
		for (i = 0; i < rb.ncrits; i++)
			if (typed[i].error == NULL)
				typed[i].text = NULL;
		return section_page(r, &dc, &rb, &sh, s, typed,
		    "مقادیر درست ذخیره شد، اما برخی موارد نیاز به اصلاح دارد.", 422);
	}
	{
		const struct http_param *nx = http_params_get(&r->form, "next");
		const char *to;

		if (nx != NULL && nx->vallen > 0 && strcmp(nx->val, "summary") == 0)
			to = arena_printf(r->arena, "/decl/%lld?saved=1", dc.office_id);
		else if (nx != NULL && nx->vallen > 0 && (size_t)(s - rb.sections) + 1 <
		    rb.nsections)
			to = arena_printf(r->arena, "/decl/%lld/section/%s?saved=1",
			    dc.office_id, rb.sections[s - rb.sections + 1].code);
		else
			to = arena_printf(r->arena, "/decl/%lld/section/%s?saved=1",
			    dc.office_id, s->code);
		return resp_redirect(r, to);
	}
fail:
	db_rollback(r->db);
	if (rc == DB_RETRY)
		return page_error(r, 409, "پرونده هم‌زمان در حال تغییر است. لطفاً دوباره بفرستید.");
	return page_error(r, page_db_status(rc), NULL);
}

/* Submission.  A second submit of a submitted file shows its receipt: one submission. */
int
page_decl_submit(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct rubric	 rb;
	struct decl_sheet sh;
	struct audit_event ev;
	const char	*rest;
	enum db_err	 rc;
	int		 ok, done;

	if (load(r, arg, &dc, &rest) != 0)
		return -1;
	if (!in[0].present || in[0].error != NULL)
		return page_error(r, 400, NULL);
	if (dc.round_id == 0)
		return summary(r, &dc, NULL, dc.why_not, 409);
	if (strcmp(dc.state, "submitted") == 0 || strcmp(dc.state, "resubmitted") == 0)
		return resp_redirect(r, arena_printf(r->arena, "/decl/%lld/receipt",
		    dc.office_id));
	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((rc = decl_lock_for_edit(r->db, r->arena, &dc, r->now, &ok)) != DB_OK)
		goto fail;
	if (!ok) {
		db_rollback(r->db);
		/* Someone (the other click) submitted in between: same receipt. */
		if (strcmp(dc.state, "submitted") == 0 || strcmp(dc.state, "resubmitted") == 0)
			return resp_redirect(r, arena_printf(r->arena, "/decl/%lld/receipt",
			    dc.office_id));
		return summary(r, &dc, NULL, dc.why_not, 409);
	}
	if ((long long)in[0].n != dc.version) {
		db_rollback(r->db);
		return summary(r, &dc, NULL,
		    "پرونده پس از باز شدن این صفحه تغییر کرده است. خلاصه زیر را دوباره بررسی و سپس ارسال کنید.",
		    409);
	}
	if (load_rubric(r, &dc, &rb, &sh) != 0) {
		db_rollback(r->db);
		return -1;
	}
	if (!decl_sheet_complete(r->arena, &sh)) {
		db_rollback(r->db);
		return summary(r, &dc, NULL,
		    "پرونده کامل نیست و ارسال نشد. موارد ناقص در زیر آمده است.", 422);
	}
	if ((rc = decl_submit(r->db, r->arena, &dc, &sh, r->now, &done)) != DB_OK)
		goto fail;
	if (!done) {
		db_rollback(r->db);
		return resp_redirect(r, arena_printf(r->arena, "/decl/%lld/receipt",
		    dc.office_id));
	}
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	ev.action = strcmp(dc.state, "returned") == 0 ? "declaration.resubmit" :
	    "declaration.submit";
	ev.entity_type = "declaration";
	ev.entity_id = dc.id;
	ev.new_json = arena_printf(r->arena, "{\"round\":\"%s\",\"office\":\"%s\"}",
	    dc.round_code, dc.office_code);
	if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK ||
	    (rc = db_commit(r->db)) != DB_OK)
		goto fail;
	return resp_redirect(r, arena_printf(r->arena, "/decl/%lld/receipt?new=1",
	    dc.office_id));
fail:
	db_rollback(r->db);
	if (rc == DB_RETRY)
		return page_error(r, 409, "پرونده هم‌زمان در حال تغییر است. لطفاً دوباره بفرستید.");
	return page_error(r, page_db_status(rc), NULL);
}

int
page_decl_reopen(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct audit_event ev;
	const char	*rest;
	enum db_err	 rc;
	int		 done;

	(void)in;
	if (load(r, arg, &dc, &rest) != 0)
		return -1;
	if (!dc.reopenable)
		return summary(r, &dc, NULL, dc.why_not != NULL ? dc.why_not :
		    "این پرونده را نمی‌توان برای ویرایش باز کرد.", 409);
	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((rc = decl_reopen(r->db, &dc, &done)) != DB_OK)
		goto fail;
	if (done) {
		memset(&ev, 0, sizeof(ev));
		ev.actor_user_id = r->sess.user_id;
		ev.client_addr = r->remote_addr;
		ev.action = "declaration.reopen";
		ev.entity_type = "declaration";
		ev.entity_id = dc.id;
		if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK)
			goto fail;
	}
	if ((rc = db_commit(r->db)) != DB_OK)
		goto fail;
	return resp_redirect(r, arena_printf(r->arena, "/decl/%lld?reopened=1", dc.office_id));
fail:
	db_rollback(r->db);
	return page_error(r, page_db_status(rc), NULL);
}

int
page_decl_receipt(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct rubric	 rb;
	struct decl_file *files;
	struct view_dict *d, *fd;
	const char	*rest;
	enum db_err	 rc;
	size_t		 n, i;

	(void)in;
	if (load(r, arg, &dc, &rest) != 0)
		return -1;
	if (dc.id == 0 || dc.tracking_no == NULL || dc.submitted_at == NULL)
		return page_error(r, 404, "برای این پرونده هنوز رسیدی صادر نشده است.");
	if ((rc = rubric_load_frozen(r->db, r->arena, dc.round_id, dc.rubric_key,
	    &rb)) != DB_OK ||
	    (rc = decl_files(r->db, r->arena, dc.id, &files, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "رسید ارسال خوداظهاری", "decl_receipt.tpl");
	page_script(r, "print");
	set_common(r, d, &dc);
	if (query_flag(r, "new"))
		view_show(d, "NEW");
	view_set(d, "TRACKING_NO", dc.tracking_no);
	view_set(d, "TRACKING_NO_FA", fa_digits(r, dc.tracking_no));
	view_set(d, "SUBMITTED_FA", fa_when_sql(r, dc.submitted_at));
	view_set(d, "SUBMIT_COUNT_FA", fa_int(r, dc.submit_count));
	view_set(d, "FILE_COUNT_FA", fa_int(r, (long long)n));
	for (i = 0; i < n; i++) {
		const struct rubric_section *s = rubric_section_id(&rb, files[i].section_id);
		const struct rubric_evidence *e = rubric_evidence_id(&rb, files[i].req_id);

		fd = view_section(d, "FILE");
		view_set(fd, "ROW_FA", fa_int(r, (long long)i + 1));
		view_set(fd, "NAME", files[i].name);
		view_set(fd, "SECTION", s != NULL ? s->title : "");
		view_set(fd, "REQUIREMENT", e != NULL ? e->title : "سایر مدارک");
		view_set(fd, "SIZE_FA", fa_size(r, files[i].size));
		view_set(fd, "SHA256", files[i].sha256_hex);
	}
	if (n == 0)
		view_show(d, "NO_FILES");
	return page_end(r, 200);
}
