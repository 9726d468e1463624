/*
 * The office's published result and its objection.
 *
 * The licensee: /result/<office> (?round=<id> for an earlier round) shows the
 * total, the rank, the breakdown criterion by criterion with the band that gave
 * the points, the deductions, how many points the next rank needs and where they
 * could come from, the office's ranks across rounds, and the objection: its form
 * while the window is open, its state and decision after.
 *
 * The region: /review/objections lists the objections of its offices;
 * /review/objection/<id> shows one with the file's breakdown, and the region
 * rejects it (reason required) or accepts it with the values it changes.  HQ sees
 * both read-only.  The rules are in lib/model/objection.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "model/objection.h"
#include "model/ranking.h"
#include "model/round.h"
#include "model/rubric.h"
#include "model/stmts.h"
#include "model/upload.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "score.h"
#include "utf8.h"
#include "view.h"

#define BODY_MAX	4000

/* Points x100 as Persian text with up to two decimals ("۱۲٫۵"). */
static const char *
points_fa(struct req *r, long long v)
{
	long long a = v < 0 ? -v : v;
	const char *sign = v < 0 ? "−" : "";

	if (a % 100 == 0)
		return arena_printf(r->arena, "%s%s", sign, fa_int(r, a / 100));
	if (a % 10 == 0)
		return arena_printf(r->arena, "%s%s٫%s", sign, fa_int(r, a / 100),
		    fa_int(r, a % 100 / 10));
	return arena_printf(r->arena, "%s%s٫%s%s", sign, fa_int(r, a / 100),
	    fa_int(r, a % 100 / 10), fa_int(r, a % 10));
}

static const char *
rank_text(struct req *r, int rank)
{
	return rank == 0 ? "ارزیابی نشده" : arena_printf(r->arena, "رتبه %s", fa_int(r, rank));
}

/* The value of line i as text. */
static const char *
value_text(struct req *r, const struct rank_rubric *rr, const struct rank_file *f, size_t i)
{
	const struct rubric_criterion *c = &rr->rb->crits[i];

	if (!f->lines[i].has_value)
		return "—";
	if (c->kind == CRIT_NUMBER) {
		const char *v = rubric_format_number(r->arena, c, f->vals[i].num);

		return c->unit[0] != '\0' ? arena_printf(r->arena, "%s %s", v, c->unit) : v;
	} else {
		const struct rubric_option *o = rubric_option_id(rr->rb, f->vals[i].option_id);

		return o != NULL ? o->title : "—";
	}
}

/*
 * The breakdown of a file into d: one BREAKDOWN section a rubric section with
 * its LINE rows, the deductions, the totals, and the headroom (criteria where
 * points could still be gained, largest first) into HEADROOM rows.
 */
static void
breakdown(struct req *r, struct view_dict *d, const struct rank_rubric *rr,
    const struct rank_file *f, int with_headroom)
{
	const struct rubric *rb = rr->rb;
	size_t		 i, j, k, nh = 0;
	size_t		*order = arena_calloc(r->arena, rb->ncrits ? rb->ncrits : 1,
			    sizeof(*order));
	int		*room = arena_calloc(r->arena, rb->ncrits ? rb->ncrits : 1,
			    sizeof(*room));

	for (i = 0, k = 0; i < rb->nsections; i++) {
		const struct rubric_section *s = &rb->sections[i];
		struct view_dict *sd = view_section(d, "BREAKDOWN");

		view_set(sd, "SECTION_TITLE", s->title);
		for (j = 0; j < s->ncrits; j++, k++) {
			const struct rubric_criterion *c = &s->crits[j];
			const struct score_line *l = &f->lines[k];
			struct view_dict *ld = view_section(sd, "LINE");
			int best = score_headroom(&rr->crits[k], l) + l->points_x100;

			view_set(ld, "TITLE", c->title);
			view_set(ld, "VALUE", value_text(r, rr, f, k));
			view_set(ld, "BAND", l->option >= 0 ? c->opts[l->option].title :
			    l->has_value ? "خارج از بازه‌ها" : "بدون مقدار");
			view_set(ld, "POINTS_FA", points_fa(r, l->points_x100));
			view_set(ld, "BEST_FA", points_fa(r, best));
			room[k] = best - l->points_x100;
			if (room[k] > 0)
				order[nh++] = k;
		}
	}
	for (i = 0; i < f->nviols; i++) {
		struct view_dict *vd = view_section(d, "DEDUCTION");

		view_set(vd, "TYPE", f->viol_codes[i]);
		view_set(vd, "COUNT_FA", fa_int(r, f->deds[i].counted));
		view_set(vd, "EACH_FA", points_fa(r, f->viols[i].points_each_x100));
		view_set(vd, "POINTS_FA", points_fa(r, f->deds[i].points_x100));
	}
	if (f->nviols == 0)
		view_show(d, "NO_DEDUCTIONS");
	view_set(d, "CRITERIA_FA", points_fa(r, f->res.criteria_x100));
	view_set(d, "DEDUCTIONS_FA", points_fa(r, f->res.deductions_x100));
	view_set(d, "TOTAL_FA", points_fa(r, f->res.total_x100));
	if (!with_headroom)
		return;
	/* Largest headroom first; equal ones in rubric order (insertion sort, stable). */
	for (i = 1; i < nh; i++)
		for (j = i; j > 0 && room[order[j]] > room[order[j - 1]]; j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (nh > 0)
		view_show(d, "HAS_HEADROOM");
	for (i = 0; i < nh && i < 5; i++) {
		struct view_dict *hd = view_section(d, "HEADROOM");

		view_set(hd, "TITLE", rb->crits[order[i]].title);
		view_set(hd, "POINTS_FA", points_fa(r, room[order[i]]));
	}
}

/* The documents of objection id into FILE rows of d (ID, EV, NAME, SIZE_FA). */
static enum db_err
objection_files(struct req *r, struct view_dict *d, long long id)
{
	struct upload_file *f;
	size_t		 n, i;
	enum db_err	 rc;

	if ((rc = upload_owned_files(r->db, r->arena, UP_OBJECTION, id, &f, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct view_dict *fd = view_section(d, "FILE");

		view_set(fd, "ID", arena_printf(r->arena, "%lld", id));
		view_set(fd, "EV", arena_printf(r->arena, "%lld", f[i].id));
		view_set(fd, "NAME", f[i].name);
		view_set(fd, "SIZE_FA", fa_size(r, f[i].size));
	}
	if (n == 0)
		view_show(d, "NO_FILES");
	return DB_OK;
}

/* Loads the rubric of round_id and scores decl_id with its current values. */
static enum db_err
score_one(struct req *r, long long round_id, long long decl_id, struct rubric *rb,
    struct rank_rubric *rr, struct rank_file *f, int *found)
{
	enum db_err	 rc;

	if ((rc = rubric_load(r->db, r->arena, round_id, rb)) != DB_OK ||
	    (rc = ranking_rubric(r->db, r->arena, round_id, rb, rr)) != DB_OK)
		return rc;
	return ranking_file(r->db, r->arena, rr, decl_id, f, found);
}

/* The page of an office's result; form (may be NULL) is the objection as typed. */
static int
result_page(struct req *r, long long office_id, long long round_id, const char *error,
    const char *typed, int status)
{
	struct office_result res;
	struct rubric	 rb;
	struct rank_rubric rr;
	struct rank_file f;
	struct view_dict *d;
	struct db_val	 p, c[6];
	enum db_err	 rc;
	long long	 shown;
	size_t		 i;
	int		 found, fs;

	if ((rc = objection_result(r->db, r->arena, r->sess.user_id, office_id, round_id,
	    r->now, &res, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	memset(&f, 0, sizeof(f));
	if ((rc = score_one(r, res.round_id, res.decl_id, &rb, &rr, &f, &fs)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, arena_printf(r->arena, "نتیجه ارزیابی %s", res.office_name),
	    "result.tpl");
	view_set(d, "OFFICE_ID", arena_printf(r->arena, "%lld", office_id));
	view_set(d, "OFFICE_NAME", res.office_name);
	view_set(d, "OFFICE_CODE_FA", fa_digits(r, res.office_code));
	view_set(d, "ROUND_TITLE", res.round_title);
	view_set(d, "ROUND_CODE_FA", fa_digits(r, res.round_code));
	view_set(d, "ROUND_ID", arena_printf(r->arena, "%lld", res.round_id));
	view_set(d, "PUBLISHED_FA", fa_when_sql(r, res.published_at));
	if (error != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", error);
	if (query_flag(r, "objected"))
		view_show(d, "OBJECTED");
	if (strcmp(res.basis, "not_evaluated") == 0) {
		view_show(d, "NOT_EVALUATED");
	} else {
		struct view_dict *sd = view_section(d, "SCORED");

		shown = res.has_final ? res.final_score : res.score;
		view_set(sd, "RANK_TEXT", rank_text(r, res.public_rank));
		view_set(sd, "SCORE_FA", points_fa(r, shown));
		view_set(sd, "RANK1_FA", points_fa(r, res.rank1_min));
		view_set(sd, "RANK2_FA", points_fa(r, res.rank2_min));
		if (res.has_final && (res.final_rank != res.rank || res.final_score != res.score))
			view_set(view_section(sd, "CHANGED"), "FIRST",
			    arena_printf(r->arena, "%s با %s امتیاز", rank_text(r, res.rank),
			    points_fa(r, res.score)));
		if (strcmp(res.basis, "last_known") == 0)
			view_show(sd, "LAST_KNOWN");
		if (res.public_rank > 1) {
			struct view_dict *nd = view_section(sd, "NEXT");

			view_set(nd, "MISSING_FA", points_fa(r, score_missing(shown, res.rank1_min,
			    res.rank2_min)));
			view_set(nd, "NEXT_RANK", rank_text(r, res.public_rank - 1));
		} else
			view_show(sd, "TOP");
		if (fs)
			breakdown(r, sd, &rr, &f, res.public_rank > 1);
	}
	/* The objection. */
	if (res.obj.id != 0) {
		struct view_dict *od = view_section(d, "OBJECTION");

		view_set(od, "FILED_FA", fa_when_sql(r, res.obj.filed_at));
		view_set(od, "BODY", res.obj.body);
		view_set(od, "STATE", strcmp(res.obj.state, "filed") == 0 ? "در حال رسیدگی" :
		    strcmp(res.obj.state, "accepted") == 0 ? "پذیرفته شد" : "پذیرفته نشد");
		if (res.obj.reason[0] != '\0')
			view_set(view_section(od, "REASON"), "TEXT", res.obj.reason);
		for (i = 0; i < res.obj.ncrits; i++) {
			const struct rubric_criterion *cr = rubric_criterion_id(&rb,
			    res.obj.crit_ids[i]);

			if (cr != NULL)
				view_set(view_section(od, "OBJ_CRIT"), "TITLE", cr->title);
		}
		if ((rc = objection_files(r, od, res.obj.id)) != DB_OK)
			goto fail;
		if (objection_attach_closed(r->arena, &res, r->now) == NULL) {
			struct view_dict *ad = view_section(od, "ATTACH");

			view_set(ad, "CSRF_TOKEN", csrf_token(r));
			view_set(ad, "MAX_FA", fa_int(r, OBJECTION_MAX_FILES));
		}
		if (query_flag(r, "attached"))
			view_show(od, "ATTACHED");
	} else if (res.can_object) {
		struct view_dict *fd = view_section(d, "OBJECT_FORM");

		view_set(fd, "CSRF_TOKEN", csrf_token(r));
		view_set(fd, "END_FA", round_jalali(r->arena, res.objection_end));
		view_set(fd, "BODY", typed != NULL ? typed : "");
		view_set(fd, "BODY_MAX_FA", fa_int(r, BODY_MAX));
		for (i = 0; i < rb.ncrits; i++) {
			struct view_dict *cd = view_section(fd, "CRIT");

			view_set(cd, "CODE", rb.crits[i].code);
			view_set(cd, "TITLE", rb.crits[i].title);
		}
	} else
		view_set(view_section(d, "OBJECT_CLOSED"), "WHY", res.why_not);
	/* History. */
	p = db_int(office_id);
	if ((rc = db_exec(r->db, STMT_OBJ_HISTORY, &p)) != DB_OK)
		goto fail;
	while ((fs = db_fetch(r->db, STMT_OBJ_HISTORY, r->arena, c)) == 1) {
		struct view_dict *hd = view_section(d, "HISTORY");

		view_set(hd, "ROUND_TITLE", c[2].s);
		view_set(hd, "ROUND_CODE_FA", fa_digits(r, c[1].s));
		view_set(hd, "RANK", rank_text(r, c[3].i));
		view_set(hd, "SCORE_FA", c[3].i ? points_fa(r, c[4].i) : "—");
		if (c[0].i == res.round_id)
			view_show(hd, "CURRENT");
		else
			view_set(view_section(hd, "LINK"), "URL", arena_printf(r->arena,
			    "/result/%lld?round=%lld", office_id, c[0].i));
	}
	if (fs < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	return page_end(r, status);
fail:
	view_dict_free(r->page_root);
	r->page_root = NULL;
	return page_error(r, page_db_status(rc), NULL);
}

enum { Q_ROUND };

int
page_result(struct req *r, const char *arg, const struct field_val *in)
{
	long long	 id = strtoll(arg, NULL, 10);

	if (in[Q_ROUND].error != NULL)
		return page_error(r, 400, in[Q_ROUND].error);
	return result_page(r, id, in[Q_ROUND].present ? (long long)in[Q_ROUND].n : 0, NULL,
	    NULL, 200);
}

enum { O_BODY, O_ROUND };

int
page_result_object(struct req *r, const char *arg, const struct field_val *in)
{
	struct office_result res;
	struct rubric	 rb;
	struct audit_event actor = page_actor(r);
	long long	 id = strtoll(arg, NULL, 10), round_id, *crits;
	const char	*why = NULL;
	size_t		 i, n = 0;
	enum db_err	 rc;
	int		 found;

	round_id = in[O_ROUND].present && in[O_ROUND].error == NULL ? (long long)in[O_ROUND].n : 0;
	if ((rc = objection_result(r->db, r->arena, r->sess.user_id, id, round_id, r->now,
	    &res, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	if (in[O_BODY].error != NULL)
		return result_page(r, id, res.round_id, in[O_BODY].error, NULL, 422);
	if (!res.can_object)
		return result_page(r, id, res.round_id, res.why_not, NULL, 409);
	if (!in[O_BODY].present || utf8_count(in[O_BODY].s, in[O_BODY].len) < 10)
		return result_page(r, id, res.round_id,
		    "متن اعتراض را بنویسید: دست‌کم چند کلمه درباره آنچه با مدارک شما نمی‌خواند.",
		    in[O_BODY].present ? in[O_BODY].s : NULL, 422);
	if ((rc = rubric_load(r->db, r->arena, res.round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	/* The criteria it concerns: checkboxes named crit_<code>, only the rubric's. */
	crits = arena_calloc(r->arena, rb.ncrits ? rb.ncrits : 1, sizeof(*crits));
	for (i = 0; i < rb.ncrits; i++) {
		const struct http_param *v = http_params_get(&r->form,
		    arena_printf(r->arena, "crit_%s", rb.crits[i].code));

		if (v != NULL && v->vallen == 1 && v->val[0] == '1')
			crits[n++] = rb.crits[i].id;
	}
	if ((rc = objection_file(r->db, r->arena, &res, in[O_BODY].s, crits, n,
	    r->sess.user_id, r->now, &actor, &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return result_page(r, id, res.round_id, why, in[O_BODY].s, 409);
	return resp_redirect(r, arena_printf(r->arena, "/result/%lld?round=%lld&objected=1",
	    id, res.round_id));
}

/* The region's side. */

static long long
region_of(const struct req *r)
{
	return strcmp(r->sess.role, "reviewer") == 0 ? r->sess.region_id : 0;
}

int
page_review_objections(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict *d;
	struct db_val	 p[2];
	struct db_val	 c[10];
	enum db_err	 rc;
	int		 f, n = 0;

	(void)arg;
	(void)in;
	p[0] = db_int(region_of(r));
	p[1] = db_int(region_of(r));
	if ((rc = db_exec(r->db, STMT_OBJ_LIST, p)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "اعتراض‌ها", "objection_list.tpl");
	while ((f = db_fetch(r->db, STMT_OBJ_LIST, r->arena, c)) == 1) {
		struct view_dict *s = view_section(d, "OBJ");

		view_set(s, "ID", arena_printf(r->arena, "%lld", c[0].i));
		view_set(s, "STATE", strcmp(c[1].s, "filed") == 0 ? "در انتظار رسیدگی" :
		    strcmp(c[1].s, "accepted") == 0 ? "پذیرفته شد" : "پذیرفته نشد");
		view_set(s, "FILED_FA", fa_when_sql(r, c[2].s));
		view_set(s, "CODE_FA", fa_digits(r, c[3].s));
		view_set(s, "NAME", c[4].s);
		view_set(s, "PROVINCE", c[5].s);
		view_set(s, "ROUND_FA", fa_digits(r, c[6].s));
		view_set(s, "RANK", rank_text(r, (int)c[7].i));
		view_set(s, "FINAL", c[8].i ? rank_text(r, (int)c[8].i) : "—");
		n++;
	}
	if (f < 0) {
		view_dict_free(r->page_root);
		r->page_root = NULL;
		return page_error(r, 500, NULL);
	}
	if (n == 0)
		view_show(d, "NONE");
	return page_end(r, 200);
}

static int
case_page(struct req *r, long long id, const char *error, int status)
{
	struct objection_case oc;
	struct objection ob;
	struct rubric	 rb;
	struct rank_rubric rr;
	struct rank_file f;
	struct view_dict *d;
	enum db_err	 rc;
	size_t		 i, j;
	int		 found, fs;

	if ((rc = objection_get(r->db, r->arena, id, region_of(r), &oc, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	if ((rc = score_one(r, oc.round_id, oc.decl_id, &rb, &rr, &f, &fs)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	/* The criteria it names. */
	{
		struct db_val p = db_int(oc.id), c[1];
		size_t cap = 0;

		memset(&ob, 0, sizeof(ob));
		if ((rc = db_exec(r->db, STMT_OBJ_CRITERIA, &p)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
		while (db_fetch(r->db, STMT_OBJ_CRITERIA, r->arena, c) == 1) {
			if (ob.ncrits == cap) {
				size_t ncap = cap ? cap * 2 : 8;

				ob.crit_ids = arena_realloc(r->arena, ob.crit_ids,
				    cap * sizeof(long long), ncap * sizeof(long long));
				cap = ncap;
			}
			ob.crit_ids[ob.ncrits++] = c[0].i;
		}
	}
	d = page_begin(r, arena_printf(r->arena, "اعتراض دفتر %s", oc.office_name),
	    "objection_case.tpl");
	view_set(d, "ID", arena_printf(r->arena, "%lld", oc.id));
	view_set(d, "OFFICE_NAME", oc.office_name);
	view_set(d, "OFFICE_CODE_FA", fa_digits(r, oc.office_code));
	view_set(d, "PROVINCE", oc.province);
	view_set(d, "ROUND_TITLE", oc.round_title);
	view_set(d, "FILED_FA", fa_when_sql(r, oc.filed_at));
	view_set(d, "BODY", oc.body);
	view_set(d, "RANK", rank_text(r, oc.rank));
	view_set(d, "SCORE_FA", points_fa(r, oc.score));
	view_set(d, "STATE", strcmp(oc.state, "filed") == 0 ? "در انتظار رسیدگی" :
	    strcmp(oc.state, "accepted") == 0 ? "پذیرفته شد" : "پذیرفته نشد");
	if (oc.final_rank)
		view_set(view_section(d, "FINAL"), "RANK", rank_text(r, oc.final_rank));
	if (oc.reason[0] != '\0')
		view_set(view_section(d, "REASON"), "TEXT", oc.reason);
	if (error != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", error);
	if (query_flag(r, "decided"))
		view_show(d, "DECIDED");
	for (i = 0; i < ob.ncrits; i++) {
		const struct rubric_criterion *cr = rubric_criterion_id(&rb, ob.crit_ids[i]);

		if (cr != NULL)
			view_set(view_section(d, "OBJ_CRIT"), "TITLE", cr->title);
	}
	if (fs)
		breakdown(r, d, &rr, &f, 0);
	if ((rc = objection_files(r, d, oc.id)) != DB_OK) {
		view_dict_free(r->page_root);
		r->page_root = NULL;
		return page_error(r, page_db_status(rc), NULL);
	}
	if (strcmp(oc.state, "filed") == 0 && strcmp(oc.round_state, "published") == 0 &&
	    strcmp(r->sess.role, "reviewer") == 0) {
		struct view_dict *dd = view_section(d, "DECIDE");

		view_set(dd, "CSRF_TOKEN", csrf_token(r));
		view_set(dd, "ID", arena_printf(r->arena, "%lld", oc.id));
		for (i = 0; i < rb.ncrits; i++) {
			const struct rubric_criterion *cr = &rb.crits[i];
			struct view_dict *vd = view_section(dd, "FIELD");

			view_set(vd, "CODE", cr->code);
			view_set(vd, "TITLE", cr->title);
			view_set(vd, "CURRENT", fs ? value_text(r, &rr, &f, i) : "—");
			if (cr->kind == CRIT_NUMBER) {
				view_set(view_section(vd, "NUMBER"), "UNIT", cr->unit);
			} else {
				struct view_dict *sd = view_section(vd, "CHOICE");

				for (j = 0; j < cr->nopts; j++) {
					struct view_dict *od = view_section(sd, "OPT");

					view_set(od, "CODE", cr->opts[j].code);
					view_set(od, "TITLE", cr->opts[j].title);
				}
			}
		}
	}
	return page_end(r, status);
}

int
page_review_objection(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return case_page(r, strtoll(arg, NULL, 10), NULL, 200);
}

enum { R_REASON };

int
page_review_objection_reject(struct req *r, const char *arg, const struct field_val *in)
{
	struct objection_case oc;
	struct audit_event actor = page_actor(r);
	long long	 id = strtoll(arg, NULL, 10);
	const char	*why = NULL;
	enum db_err	 rc;
	int		 found;

	if ((rc = objection_get(r->db, r->arena, id, region_of(r), &oc, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	if (in[R_REASON].error != NULL)
		return case_page(r, id, in[R_REASON].error, 422);
	if (!in[R_REASON].present || in[R_REASON].len == 0)
		return case_page(r, id, "دلیل رد اعتراض را بنویسید.", 422);
	if ((rc = objection_reject(r->db, r->arena, &oc, in[R_REASON].s, r->now, &actor,
	    &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return case_page(r, id, why, 409);
	return resp_redirect(r, arena_printf(r->arena, "/review/objection/%lld?decided=1", id));
}

enum { A_NOTE };

int
page_review_objection_accept(struct req *r, const char *arg, const struct field_val *in)
{
	struct objection_case oc;
	struct objection_change *ch;
	struct rubric	 rb;
	struct audit_event actor = page_actor(r);
	long long	 id = strtoll(arg, NULL, 10);
	const char	*why = NULL, *msg;
	enum db_err	 rc;
	size_t		 i, n = 0;
	int		 found, new_rank;

	if ((rc = objection_get(r->db, r->arena, id, region_of(r), &oc, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	if (in[A_NOTE].error != NULL)
		return case_page(r, id, in[A_NOTE].error, 422);
	if (!in[A_NOTE].present || in[A_NOTE].len == 0)
		return case_page(r, id, "توضیح بررسی را بنویسید: چه چیزی در مدارک دیده شد.", 422);
	if ((rc = rubric_load(r->db, r->arena, oc.round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	/* The changed values: v_<code>, a number or an option's code; empty: unchanged. */
	ch = arena_calloc(r->arena, rb.ncrits ? rb.ncrits : 1, sizeof(*ch));
	for (i = 0; i < rb.ncrits; i++) {
		const struct rubric_criterion *cr = &rb.crits[i];
		const struct http_param *v = http_params_get(&r->form,
		    arena_printf(r->arena, "v_%s", cr->code));
		char	*clean;
		size_t	 len;

		if (v == NULL || v->vallen == 0)
			continue;
		if (v->vallen > 100 ||
		    (clean = utf8_clean_line(r->arena, v->val, v->vallen, &len)) == NULL)
			return case_page(r, id, arena_printf(r->arena, "«%s»: مقدار معتبر نیست.",
			    cr->title), 422);
		if (len == 0)
			continue;
		ch[n].crit_id = cr->id;
		ch[n].crit_code = cr->code;
		if (cr->kind == CRIT_NUMBER) {
			if ((msg = rubric_parse_number(cr, clean, len, &ch[n].num)) != NULL)
				return case_page(r, id, arena_printf(r->arena, "«%s»: %s",
				    cr->title, msg), 422);
			ch[n].has_num = 1;
		} else {
			const struct rubric_option *o = rubric_option(cr, clean);

			if (o == NULL)
				return case_page(r, id, arena_printf(r->arena,
				    "«%s»: گزینه انتخاب‌شده معتبر نیست.", cr->title), 422);
			ch[n].opt_id = o->id;
		}
		n++;
	}
	if (n == 0)
		return case_page(r, id, "برای پذیرش اعتراض دست‌کم یک مقدار تازه وارد کنید؛ "
		    "اگر مقداری تغییر نمی‌کند، اعتراض را رد کنید.", 422);
	if ((rc = objection_accept(r->db, r->arena, &oc, ch, n, in[A_NOTE].s, r->now, &actor,
	    &new_rank, &why)) != DB_OK) {
		log_err("objection_accept", "id=%lld msg=\"%s\"", id, db_errstr(r->db));
		return page_error(r, page_db_status(rc), NULL);
	}
	if (why != NULL)
		return case_page(r, id, why, 409);
	return resp_redirect(r, arena_printf(r->arena, "/review/objection/%lld?decided=1", id));
}
