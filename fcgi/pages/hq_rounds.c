/*
 * HQ's rounds: the list, a new round, and one round with its windows, the state
 * of its files, and the actions: open it for declarations, extend the declaration
 * window for everyone or for one office.  The rules live in lib/model/round.c,
 * shared with `geps round`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "model/round.h"
#include "model/stmts.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

static void
set_round(struct req *r, struct view_dict *d, const struct round_admin *ra)
{
	view_set(d, "ID", arena_printf(r->arena, "%lld", ra->id));
	view_set(d, "CODE_FA", fa_digits(r, ra->code));
	view_set(d, "TITLE", ra->title);
	view_set(d, "STATE", round_state_label(ra->state));
	view_set(d, "START_FA", round_jalali(r->arena, ra->decl_start));
	view_set(d, "END_FA", round_jalali(r->arena, ra->decl_end));
	view_set(d, "REVIEW_END_FA", round_jalali(r->arena, ra->review_end));
	view_set(d, "CORRECTION_FA", fa_int(r, ra->correction_days));
	view_set(d, "OBJECTION_FA", fa_int(r, ra->objection_days));
	view_set(d, "CRITERIA_FA", fa_int(r, ra->ncriteria));
}

enum { F_CODE, F_TITLE, F_START, F_END, F_REVIEW_END, F_CORRECTION, F_OBJECTION };

static int
rounds_page(struct req *r, const struct field_val *in, const struct round_problem *probs,
    size_t np, int status)
{
	struct round_admin *list;
	struct view_dict *d;
	struct form	 f;
	size_t		 n, i;
	enum db_err	 rc;
	static const char *const names[] = { "code", "title", "start", "end", "review_end",
	    "correction_days", "objection_days" };
	static const char *const keys[] = { "CODE", "TITLE", "START", "END", "REVIEW_END",
	    "CORRECTION_DAYS", "OBJECTION_DAYS" };

	if ((rc = round_list(r->db, r->arena, &list, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "دوره‌های ارزیابی", "hq_rounds.tpl");
	form_init(&f, d);
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	for (i = 0; i < n; i++)
		set_round(r, view_section(d, "ROUND"), &list[i]);
	if (n == 0)
		view_show(d, "NO_ROUNDS");
	view_set(d, "CORRECTION_DAYS", "5");
	view_set(d, "OBJECTION_DAYS", "7");
	if (in != NULL)
		for (i = 0; i < 7; i++)
			if (in[i].present)
				view_set(d, keys[i], in[i].s);
	for (i = 0; i < np; i++) {
		size_t k;

		for (k = 0; k < 7; k++)
			if (strcmp(probs[i].field, names[k]) == 0)
				form_error(&f, names[k], arena_printf(r->arena, "%s_ERROR", keys[k]),
				    probs[i].message);
	}
	if (query_flag(r, "created"))
		view_show(d, "CREATED");
	return page_end(r, status);
}

int
page_hq_rounds(struct req *r, const char *arg, const struct field_val *in)
{
	(void)arg;
	(void)in;
	return rounds_page(r, NULL, NULL, 0, 200);
}

int
page_hq_rounds_new(struct req *r, const char *arg, const struct field_val *in)
{
	struct round_form f;
	struct round_problem probs[8];
	struct audit_event actor = page_actor(r);
	struct db	*admin;
	const char	*rubric;
	long long	 id;
	size_t		 np = 0, i;
	enum db_err	 rc;

	(void)arg;
	for (i = 0; i < 7; i++)
		if (in[i].error != NULL) {
			probs[np].field = (const char *[]){ "code", "title", "start", "end",
			    "review_end", "correction_days", "objection_days" }[i];
			probs[np++].message = in[i].error;
		}
	if (np > 0)
		return rounds_page(r, in, probs, np, 422);
	memset(&f, 0, sizeof(f));
	f.code = in[F_CODE].s;
	f.title = in[F_TITLE].s;
	f.start = in[F_START].s;
	f.end = in[F_END].s;
	f.review_end = in[F_REVIEW_END].s;
	f.correction_days = in[F_CORRECTION].s;
	f.objection_days = in[F_OBJECTION].s;
	rubric = round_default_rubric(r->arena, r->conf->sql_dir);
	/* The first round loads the default rubric, a script: a connection that may run one. */
	admin = db_new_admin(r->conf, stmt_defs, STMT__MAX);
	rc = db_connect(admin);
	if (rc == DB_OK)
		rc = round_create(admin, r->arena, &f, rubric, &actor, &id, probs, &np);
	if (rc != DB_OK)
		log_err("round_create", "msg=\"%s\"", db_errstr(admin));
	db_free(admin);
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (id == 0)
		return rounds_page(r, in, probs, np, 422);
	return resp_redirect(r, arena_printf(r->arena, "/hq/round/%lld?created=1", id));
}

static int
round_page(struct req *r, long long id, const char *error, int status)
{
	struct round_admin ra;
	struct view_dict *d;
	struct db_val	 p = db_int(id), c[2];
	enum db_err	 rc;
	int		 found;

	if ((rc = round_get(r->db, r->arena, id, &ra, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	d = page_begin(r, ra.title, "hq_round.tpl");
	set_round(r, d, &ra);
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	if (error != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", error);
	if (query_flag(r, "created"))
		view_show(d, "CREATED");
	if (query_flag(r, "opened"))
		view_show(d, "OPENED");
	if (query_flag(r, "extended"))
		view_show(d, "EXTENDED");
	if (strcmp(ra.state, "draft") == 0)
		view_show(d, "CAN_OPEN");
	else
		view_show(d, "HAS_RESULTS");
	if (strcmp(ra.state, "draft") == 0 || strcmp(ra.state, "open") == 0)
		view_show(d, "CAN_EXTEND");
	if (strcmp(ra.state, "draft") == 0 || strcmp(ra.state, "open") == 0 ||
	    strcmp(ra.state, "review") == 0)
		view_show(d, "CAN_EXTEND_OFFICE");
	if ((rc = db_exec(r->db, STMT_ROUND_DECL_COUNTS, &p)) != DB_OK) {
		view_dict_free(r->page_root);
		r->page_root = NULL;
		return page_error(r, page_db_status(rc), NULL);
	}
	while (db_fetch(r->db, STMT_ROUND_DECL_COUNTS, r->arena, c) == 1) {
		struct view_dict *s = view_section(d, "COUNT");

		view_set(s, "STATE", c[0].s);
		view_set(s, "N_FA", fa_int(r, c[1].i));
	}
	return page_end(r, status);
}

int
page_hq_round(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return round_page(r, strtoll(arg, NULL, 10), NULL, 200);
}

int
page_hq_round_open(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	const char	*why;
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;

	(void)in;
	if ((rc = round_open(r->db, r->arena, id, &actor, &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return round_page(r, id, why, 409);
	return resp_redirect(r, arena_printf(r->arena, "/hq/round/%lld?opened=1", id));
}

enum { X_TO, X_OFFICE, X_REASON };

int
page_hq_round_extend(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	const char	*why;
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;
	size_t		 i;

	for (i = 0; i < 3; i++)
		if (in[i].error != NULL)
			return round_page(r, id, in[i].error, 422);
	if (!in[X_TO].present)
		return round_page(r, id, "تاریخ تازه را وارد کنید.", 422);
	if ((rc = round_extend(r->db, r->arena, id, in[X_TO].s,
	    in[X_OFFICE].present ? in[X_OFFICE].s : NULL, in[X_REASON].s, &actor,
	    &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return round_page(r, id, why, 409);
	return resp_redirect(r, arena_printf(r->arena, "/hq/round/%lld?extended=1", id));
}
