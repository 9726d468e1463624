/*
 * HQ's view and edit of a round's rubric (/hq/rubric/<round id>).  The whole
 * rubric reads at a glance: sections, criteria with their bands or options and
 * points, the documents each asks for, the rank thresholds next to the most a file
 * can score.  While the round is a draft HQ edits titles, whether a criterion is
 * required, the points of each band or option, the number of files of each
 * document and the thresholds; once the round opens the rubric is frozen, and the
 * freeze is checked again under a lock on the round in every edit's transaction.
 * Every edit is audited with the old and the new value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "json.h"
#include "model/round.h"
#include "model/rubric.h"
#include "model/stmts.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

static const char *
points_fa(struct req *r, long long x100)
{
	static const struct rubric_criterion pts = { .decimals = 2 };

	return rubric_format_number(r->arena, &pts, x100);
}

/* Points as typed ("۱۲", "12.5", "۲٫۵") into hundredths; NULL or a message. */
static const char *
parse_points(const char *s, size_t len, long long *x100)
{
	static const struct rubric_criterion pts = { .decimals = 2, .has_min = 1,
	    .min = -100000, .has_max = 1, .max = 100000 };

	return rubric_parse_number(&pts, s, len, x100);
}

static const char *
kind_label(const struct rubric_criterion *c)
{
	if (c->filled_by == FILL_SYSTEM)
		return "محاسبه از اطلاعات دفتر";
	if (c->filled_by == FILL_REVIEWER)
		return "ثبت به دست منطقه";
	return c->kind == CRIT_NUMBER ? "عدد با بازه‌ها" : c->kind == CRIT_CHOICE ?
	    "گزینه‌ای" : "بله / خیر";
}

static int
rubric_page(struct req *r, long long round_id, const char *error, int status)
{
	struct round_admin ra;
	struct rubric	 rb;
	struct view_dict *d, *sd, *cd, *od, *ed;
	const char	*csrf;
	long long	 best_total = 0;
	size_t		 i, j, k;
	enum db_err	 rc;
	int		 found, draft;

	if ((rc = round_get(r->db, r->arena, round_id, &ra, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	if ((rc = rubric_load(r->db, r->arena, round_id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	draft = strcmp(ra.state, "draft") == 0;
	csrf = csrf_token(r);
	d = page_begin(r, arena_printf(r->arena, "شاخص‌های %s", ra.title), "hq_rubric.tpl");
	view_set(d, "ROUND_ID", arena_printf(r->arena, "%lld", ra.id));
	view_set(d, "ROUND_TITLE", ra.title);
	view_set(d, "ROUND_CODE_FA", fa_digits(r, ra.code));
	view_set(d, "CSRF_TOKEN", csrf);
	view_set(d, "RANK1_FA", points_fa(r, ra.rank1_min_x100));
	view_set(d, "RANK2_FA", points_fa(r, ra.rank2_min_x100));
	if (draft)
		view_show(d, "DRAFT");
	else
		view_show(d, "FROZEN");
	if (error != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", error);
	if (query_flag(r, "saved"))
		view_show(d, "SAVED");
	for (i = 0; i < rb.nsections; i++) {
		const struct rubric_section *s = &rb.sections[i];

		sd = view_section(d, "SECTION");
		view_set(sd, "NO_FA", fa_int(r, (long long)i + 1));
		view_set(sd, "TITLE", s->title);
		view_set(sd, "CODE", s->code);
		for (j = 0; j < s->ncrits; j++) {
			const struct rubric_criterion *c = &s->crits[j];
			long long best = 0;

			cd = view_section(sd, "CRITERION");
			view_set(cd, "ID", arena_printf(r->arena, "%lld", c->id));
			view_set(cd, "TITLE", c->title);
			view_set(cd, "CODE", c->code);
			view_set(cd, "KIND", kind_label(c));
			if (c->unit[0] != '\0')
				view_set(view_section(cd, "UNIT"), "TEXT", c->unit);
			view_show(cd, c->required ? "REQUIRED" : "OPTIONAL");
			if (c->help[0] != '\0')
				view_set(view_section(cd, "HELP"), "TEXT", c->help);
			if (draft) {
				struct view_dict *f = view_section(cd, "EDIT");

				view_set(f, "CSRF_TOKEN", csrf);
				view_set(f, "HELP_VALUE", c->help);
				view_set(f, "UNIT_VALUE", c->unit);
				if (c->required)
					view_show(f, "REQUIRED_CHECKED");
			}
			for (k = 0; k < c->nopts; k++) {
				const struct rubric_option *o = &c->opts[k];

				if (k == 0 || o->points_x100 > best)
					best = o->points_x100;
				od = view_section(cd, "OPTION");
				view_set(od, "ID", arena_printf(r->arena, "%lld", o->id));
				view_set(od, "TITLE", o->title);
				view_set(od, "POINTS_FA", points_fa(r, o->points_x100));
				if (c->kind == CRIT_NUMBER)
					view_set(od, "RANGE", arena_printf(r->arena, "%s%s%s",
					    o->has_lower ? rubric_format_number(r->arena, c, o->lower) : "…",
					    " تا کمتر از ",
					    o->has_upper ? rubric_format_number(r->arena, c, o->upper) : "…"));
				if (draft)
					view_set(view_section(od, "EDIT"), "CSRF_TOKEN", csrf);
			}
			best_total += best;
			view_set(cd, "BEST_FA", points_fa(r, best));
		}
		for (j = 0; j < s->nevs; j++) {
			const struct rubric_evidence *e = s->evs[j];

			ed = view_section(sd, "EVIDENCE");
			view_set(ed, "ID", arena_printf(r->arena, "%lld", e->id));
			view_set(ed, "TITLE", e->title);
			view_set(ed, "MIN", arena_printf(r->arena, "%d", e->min_files));
			view_set(ed, "MAX", arena_printf(r->arena, "%d", e->max_files));
			view_set(ed, "MIN_FA", fa_int(r, e->min_files));
			view_set(ed, "MAX_FA", fa_int(r, e->max_files));
			if (draft)
				view_set(view_section(ed, "EDIT"), "CSRF_TOKEN", csrf);
		}
	}
	view_set(d, "BEST_TOTAL_FA", points_fa(r, best_total));
	{
		struct db_val p = db_int(round_id), c[5];
		int n;

		if ((rc = db_exec(r->db, STMT_RUBRIC_VIOLATIONS, &p)) != DB_OK) {
			view_dict_free(r->page_root);
			r->page_root = NULL;
			return page_error(r, page_db_status(rc), NULL);
		}
		while ((n = db_fetch(r->db, STMT_RUBRIC_VIOLATIONS, r->arena, c)) == 1) {
			struct view_dict *vd = view_section(d, "VIOLATION");

			view_set(vd, "ID", arena_printf(r->arena, "%lld", c[0].i));
			view_set(vd, "TITLE", c[2].s);
			view_set(vd, "POINTS_FA", points_fa(r, c[3].i));
			view_set(vd, "MAX_FA", c[4].i > 0 ? fa_int(r, c[4].i) : "بدون سقف");
			view_set(vd, "MAX", c[4].i > 0 ? arena_printf(r->arena, "%lld", c[4].i) : "");
			if (draft)
				view_set(view_section(vd, "EDIT"), "CSRF_TOKEN", csrf);
		}
	}
	if (rb.nsections == 0)
		view_show(d, "EMPTY");
	return page_end(r, status);
}

int
page_hq_rubric(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return rubric_page(r, strtoll(arg, NULL, 10), NULL, 200);
}

/* Begins an edit: locks the round; 0 and the old thresholds, or answers 409/5xx. */
static int
edit_begin(struct req *r, long long round_id, long long *r1, long long *r2)
{
	struct db_val	 p = db_int(round_id), c[3];
	enum db_err	 rc;
	int		 n;

	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL), -1;
	if ((rc = db_exec(r->db, STMT_RUBRIC_LOCK_ROUND, &p)) != DB_OK ||
	    (n = db_fetch(r->db, STMT_RUBRIC_LOCK_ROUND, r->arena, c)) < 0) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc != DB_OK ? rc : DB_ERROR), NULL), -1;
	}
	if (n == 0) {
		db_rollback(r->db);
		return page_error(r, 404, NULL), -1;
	}
	db_done(r->db, STMT_RUBRIC_LOCK_ROUND);
	if (strcmp(c[0].s, "draft") != 0) {
		db_rollback(r->db);
		return rubric_page(r, round_id,
		    "دوره باز شده است و شاخص‌های آن قابل تغییر نیست.", 409), -1;
	}
	if (r1 != NULL)
		*r1 = c[1].i;
	if (r2 != NULL)
		*r2 = c[2].i;
	return 0;
}

/* Ends an edit: the audit row, the commit, back to the page. */
static int
edit_end(struct req *r, long long round_id, const char *action, const char *old_json,
    const char *new_json)
{
	struct audit_event ev;
	enum db_err	 rc;

	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	ev.action = action;
	ev.entity_type = "round";
	ev.entity_id = round_id;
	ev.old_json = old_json;
	ev.new_json = new_json;
	if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK ||
	    (rc = db_commit(r->db)) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc), NULL);
	}
	return resp_redirect(r, arena_printf(r->arena, "/hq/rubric/%lld?saved=1", round_id));
}

static int
edit_fail(struct req *r, enum db_err rc)
{
	db_rollback(r->db);
	return page_error(r, page_db_status(rc), NULL);
}

enum { T_RANK1, T_RANK2 };

int
page_hq_rubric_thresholds(struct req *r, const char *arg, const struct field_val *in)
{
	struct db_val	 p[3];
	long long	 id = strtoll(arg, NULL, 10), r1, r2, o1, o2;
	const char	*err;

	if ((err = parse_points(in[T_RANK1].s, in[T_RANK1].len, &r1)) != NULL ||
	    (err = parse_points(in[T_RANK2].s, in[T_RANK2].len, &r2)) != NULL)
		return rubric_page(r, id, arena_printf(r->arena, "آستانه رتبه‌ها: %s", err), 422);
	if (r2 < 0 || r1 < r2)
		return rubric_page(r, id, "آستانه رتبه ۱ باید دست‌کم برابر آستانه رتبه ۲ و هر دو نامنفی باشند.", 422);
	if (edit_begin(r, id, &o1, &o2) != 0)
		return -1;
	p[0] = db_int(r1);
	p[1] = db_int(r2);
	p[2] = db_int(id);
	if (db_exec(r->db, STMT_RUBRIC_SET_THRESHOLDS, p) != DB_OK)
		return edit_fail(r, DB_ERROR);
	return edit_end(r, id, "rubric.thresholds",
	    arena_printf(r->arena, "{\"rank1_min_x100\":%lld,\"rank2_min_x100\":%lld}", o1, o2),
	    arena_printf(r->arena, "{\"rank1_min_x100\":%lld,\"rank2_min_x100\":%lld}", r1, r2));
}

enum { C_ID, C_TITLE, C_REQUIRED, C_HELP, C_UNIT };

int
page_hq_rubric_criterion(struct req *r, const char *arg, const struct field_val *in)
{
	struct rubric	 rb;
	const struct rubric_criterion *c;
	struct db_val	 p[4];
	long long	 id = strtoll(arg, NULL, 10);
	struct buf	 o, n;
	enum db_err	 rc;

	if (!in[C_ID].present || in[C_ID].error != NULL || in[C_TITLE].error != NULL ||
	    in[C_HELP].error != NULL || in[C_UNIT].error != NULL)
		return page_error(r, 400, NULL);
	if (!in[C_TITLE].present)
		return rubric_page(r, id, "عنوان شاخص را وارد کنید.", 422);
	if ((rc = rubric_load(r->db, r->arena, id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((c = rubric_criterion_id(&rb, (long long)in[C_ID].n)) == NULL)
		return page_error(r, 404, NULL);
	if (edit_begin(r, id, NULL, NULL) != 0)
		return -1;
	p[0] = db_text(in[C_TITLE].s);
	p[1] = db_int(in[C_REQUIRED].present);
	p[2] = db_int(c->id);
	p[3] = db_int(id);
	if ((rc = db_exec(r->db, STMT_RUBRIC_SET_CRITERION, p)) != DB_OK)
		return edit_fail(r, rc);
	p[0] = db_text(in[C_HELP].s);
	p[1] = db_text(in[C_UNIT].s);
	p[2] = db_int(c->id);
	p[3] = db_int(id);
	if ((rc = db_exec(r->db, STMT_RUBRIC_SET_CRITERION_TEXT, p)) != DB_OK)
		return edit_fail(r, rc);
	buf_init(&o, r->arena);
	json_begin(&o);
	json_str(&o, "criterion", c->code);
	json_str(&o, "title", c->title);
	json_bool(&o, "required", c->required);
	json_str(&o, "help", c->help);
	json_str(&o, "unit", c->unit);
	json_end(&o);
	buf_init(&n, r->arena);
	json_begin(&n);
	json_str(&n, "criterion", c->code);
	json_str(&n, "title", in[C_TITLE].s);
	json_bool(&n, "required", in[C_REQUIRED].present);
	json_str(&n, "help", in[C_HELP].s);
	json_str(&n, "unit", in[C_UNIT].s);
	json_end(&n);
	return edit_end(r, id, "rubric.criterion", buf_cstr(&o), buf_cstr(&n));
}

enum { O_ID, O_TITLE, O_POINTS };

int
page_hq_rubric_option(struct req *r, const char *arg, const struct field_val *in)
{
	struct rubric	 rb;
	const struct rubric_option *opt;
	struct db_val	 p[4];
	long long	 id = strtoll(arg, NULL, 10), pts;
	const char	*err;
	struct buf	 o, n;
	enum db_err	 rc;

	if (!in[O_ID].present || in[O_ID].error != NULL || in[O_TITLE].error != NULL)
		return page_error(r, 400, NULL);
	if (!in[O_TITLE].present)
		return rubric_page(r, id, "عنوان بازه یا گزینه را وارد کنید.", 422);
	if ((err = parse_points(in[O_POINTS].s, in[O_POINTS].len, &pts)) != NULL)
		return rubric_page(r, id, arena_printf(r->arena, "امتیاز: %s", err), 422);
	if ((rc = rubric_load(r->db, r->arena, id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((opt = rubric_option_id(&rb, (long long)in[O_ID].n)) == NULL)
		return page_error(r, 404, NULL);
	if (edit_begin(r, id, NULL, NULL) != 0)
		return -1;
	p[0] = db_text(in[O_TITLE].s);
	p[1] = db_int(pts);
	p[2] = db_int(opt->id);
	p[3] = db_int(id);
	if ((rc = db_exec(r->db, STMT_RUBRIC_SET_OPTION, p)) != DB_OK)
		return edit_fail(r, rc);
	buf_init(&o, r->arena);
	json_begin(&o);
	json_str(&o, "criterion", opt->crit->code);
	json_str(&o, "option", opt->code);
	json_str(&o, "title", opt->title);
	json_int(&o, "points_x100", opt->points_x100);
	json_end(&o);
	buf_init(&n, r->arena);
	json_begin(&n);
	json_str(&n, "criterion", opt->crit->code);
	json_str(&n, "option", opt->code);
	json_str(&n, "title", in[O_TITLE].s);
	json_int(&n, "points_x100", pts);
	json_end(&n);
	return edit_end(r, id, "rubric.option", buf_cstr(&o), buf_cstr(&n));
}

enum { E_ID, E_MIN, E_MAX };

int
page_hq_rubric_evidence(struct req *r, const char *arg, const struct field_val *in)
{
	struct rubric	 rb;
	const struct rubric_evidence *e;
	struct db_val	 p[4];
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;

	if (!in[E_ID].present || in[E_ID].error != NULL)
		return page_error(r, 400, NULL);
	if (in[E_MIN].error != NULL || in[E_MAX].error != NULL || !in[E_MIN].present ||
	    !in[E_MAX].present || in[E_MAX].n < 1 || in[E_MIN].n > in[E_MAX].n)
		return rubric_page(r, id, "تعداد فایل‌ها: کمینه از ۰ و بیشینه از ۱ تا ۲۰، و کمینه نه بیشتر از بیشینه.", 422);
	if ((rc = rubric_load(r->db, r->arena, id, &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((e = rubric_evidence_id(&rb, (long long)in[E_ID].n)) == NULL)
		return page_error(r, 404, NULL);
	if (edit_begin(r, id, NULL, NULL) != 0)
		return -1;
	p[0] = db_int((long long)in[E_MIN].n);
	p[1] = db_int((long long)in[E_MAX].n);
	p[2] = db_int(e->id);
	p[3] = db_int(id);
	if ((rc = db_exec(r->db, STMT_RUBRIC_SET_EVIDENCE, p)) != DB_OK)
		return edit_fail(r, rc);
	return edit_end(r, id, "rubric.evidence",
	    arena_printf(r->arena, "{\"evidence\":\"%s\",\"min_files\":%d,\"max_files\":%d}",
	    e->code, e->min_files, e->max_files),
	    arena_printf(r->arena, "{\"evidence\":\"%s\",\"min_files\":%llu,\"max_files\":%llu}",
	    e->code, in[E_MIN].n, in[E_MAX].n));
}

enum { V_TYPE, V_POINTS, V_MAX };

int
page_hq_rubric_violation(struct req *r, const char *arg, const struct field_val *in)
{
	struct db_val	 p[4];
	long long	 id = strtoll(arg, NULL, 10), pts;
	const char	*err;
	enum db_err	 rc;

	if (!in[V_TYPE].present || in[V_TYPE].error != NULL)
		return page_error(r, 400, NULL);
	if ((err = parse_points(in[V_POINTS].s, in[V_POINTS].len, &pts)) != NULL)
		return rubric_page(r, id, arena_printf(r->arena, "امتیاز منفی: %s", err), 422);
	if (pts > 0)
		return rubric_page(r, id, "امتیاز تخلف باید منفی یا صفر باشد.", 422);
	if (in[V_MAX].error != NULL)
		return rubric_page(r, id, "سقف تعداد باید عددی از ۰ (بدون سقف) تا ۱۰۰ باشد.", 422);
	if (edit_begin(r, id, NULL, NULL) != 0)
		return -1;
	p[0] = db_int(pts);
	p[1] = db_int((long long)in[V_MAX].n);
	p[2] = db_int(id);
	p[3] = db_int((long long)in[V_TYPE].n);
	if ((rc = db_exec(r->db, STMT_RUBRIC_SET_VIOLATION, p)) != DB_OK)
		return edit_fail(r, rc);
	if (db_affected(r->db, STMT_RUBRIC_SET_VIOLATION) != 1) {
		db_rollback(r->db);
		return page_error(r, 404, NULL);
	}
	return edit_end(r, id, "rubric.violation", NULL,
	    arena_printf(r->arena, "{\"violation_type\":%llu,\"points_x100\":%lld,\"max_count\":%llu}",
	    in[V_TYPE].n, pts, in[V_MAX].n));
}
