/*
 * An office's published result and its objection (see objection.h).
 */
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "clock.h"
#include "json.h"
#include "model/objection.h"
#include "model/page_cache.h"
#include "model/outbox.h"
#include "model/ranking.h"
#include "model/round.h"
#include "model/stmts.h"
#include "model/upload.h"

static enum db_err
load_objection(struct db *db, struct arena *a, long long decl_id, struct objection *ob)
{
	struct db_val	 p = db_int(decl_id), c[6];
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 f;

	memset(ob, 0, sizeof(*ob));
	if ((rc = db_exec(db, STMT_OBJ_OF_DECL, &p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_OBJ_OF_DECL, a, c)) == 1) {
		ob->id = c[0].i;
		ob->state = c[1].s;
		ob->body = c[2].s;
		ob->filed_at = c[3].s;
		ob->reason = c[4].s;
		ob->decided_at = c[5].s;
	}
	if (f < 0)
		return DB_ERROR;
	if (ob->id == 0)
		return DB_OK;
	p = db_int(ob->id);
	if ((rc = db_exec(db, STMT_OBJ_CRITERIA, &p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_OBJ_CRITERIA, a, c)) == 1) {
		if (ob->ncrits == cap) {
			size_t ncap = cap ? cap * 2 : 8;

			ob->crit_ids = arena_realloc(a, ob->crit_ids, cap * sizeof(long long),
			    ncap * sizeof(long long));
			cap = ncap;
		}
		ob->crit_ids[ob->ncrits++] = c[0].i;
	}
	return f < 0 ? DB_ERROR : DB_OK;
}

/* Why an objection cannot be filed on a file of a round in state with end, or NULL. */
static const char *
window_closed(struct arena *a, const char *state, const char *end, int64_t now)
{
	const char *today = round_tehran_day(a, now, 0);

	if (strcmp(state, "published") != 0 || end[0] == '\0')
		return "مهلت اعتراض به نتایج این دوره به پایان رسیده است.";
	if (today == NULL || strcmp(today, end) > 0)
		return arena_printf(a, "مهلت اعتراض تا پایان روز %s بود و به پایان رسیده است.",
		    round_jalali(a, end));
	return NULL;
}

enum db_err
objection_result(struct db *db, struct arena *a, long long user_id, long long office_id,
    long long round_id, int64_t now, struct office_result *res, int *found)
{
	struct db_val	 p[4] = { db_int(office_id), db_int(user_id), db_int(round_id),
			    db_int(round_id) }, c[17];
	enum db_err	 rc;
	int		 f;

	memset(res, 0, sizeof(*res));
	*found = 0;
	if ((rc = db_exec(db, STMT_OBJ_RESULT, p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_OBJ_RESULT, a, c)) == 1) {
		res->decl_id = c[0].i;
		res->round_id = c[1].i;
		res->round_code = c[2].s;
		res->round_title = c[3].s;
		res->round_state = c[4].s;
		res->objection_end = c[5].s;
		res->published_at = c[6].s;
		res->basis = c[7].s;
		res->has_score = !c[8].null;
		res->score = c[8].i;
		res->rank = (int)c[9].i;
		res->has_final = !c[10].null;
		res->final_score = c[10].i;
		res->final_rank = (int)c[11].i;
		res->public_rank = (int)c[12].i;
		res->office_code = c[13].s;
		res->office_name = c[14].s;
		res->rank1_min = c[15].i;
		res->rank2_min = c[16].i;
		*found = 1;
	}
	if (f < 0)
		return DB_ERROR;
	if (!*found)
		return DB_OK;
	if ((rc = load_objection(db, a, res->decl_id, &res->obj)) != DB_OK)
		return rc;
	if (res->obj.id != 0)
		res->why_not = "برای این دفتر در این دوره یک بار اعتراض ثبت شده است.";
	else if (strcmp(res->basis, "not_evaluated") == 0)
		res->why_not = "این دفتر در این دوره ارزیابی نشده است و رتبه‌ای برای اعتراض ندارد.";
	else
		res->why_not = window_closed(a, res->round_state, res->objection_end, now);
	res->can_object = res->why_not == NULL;
	return DB_OK;
}

/* The file's row and round, locked. */
struct locked {
	long long	 decl_id, round_id, office_id, licensee, region;
	const char	*state, *end, *office_code;
	int		 public_rank;
};

static enum db_err
lock_decl(struct db *db, struct arena *a, long long decl_id, struct locked *l, int *found)
{
	struct db_val	 p = db_int(decl_id), c[9];
	enum db_err	 rc;
	int		 f;

	*found = 0;
	if ((rc = db_exec(db, STMT_OBJ_DECL_LOCK, &p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_OBJ_DECL_LOCK, a, c)) == 1) {
		l->decl_id = c[0].i;
		l->round_id = c[1].i;
		l->state = c[2].s;
		l->end = c[3].s;
		l->office_id = c[4].i;
		l->licensee = c[5].i;
		l->office_code = c[6].s;
		l->region = c[7].i;
		l->public_rank = (int)c[8].i;
		*found = 1;
	}
	return f < 0 ? DB_ERROR : DB_OK;
}

/* Queues an SMS and an email (where the licensee has them) about their office. */
static enum db_err
notify(struct db *db, struct arena *a, long long user_id, const char *tpl,
    const char *subject, const char *text)
{
	struct db_val	 p = db_int(user_id), c[3];
	enum db_err	 rc = DB_OK;
	const char	*mobile = "", *email = "";
	int		 f;

	if ((rc = db_exec(db, STMT_OBJ_LICENSEE, &p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_OBJ_LICENSEE, a, c)) == 1) {
		mobile = c[1].s;
		email = c[2].s;
	}
	if (f < 0)
		return DB_ERROR;
	if (mobile[0] != '\0')
		rc = outbox_enqueue(db, OUTBOX_SMS, mobile, user_id, tpl, "", text);
	if (rc == DB_OK && email[0] != '\0')
		rc = outbox_enqueue(db, OUTBOX_EMAIL, email, user_id, tpl, subject, text);
	return rc;
}

enum db_err
objection_file(struct db *db, struct arena *a, const struct office_result *res,
    const char *body, const long long *crit_ids, size_t ncrits, long long user_id,
    int64_t now, const struct audit_event *actor, const char **why)
{
	struct locked	 l;
	struct audit_event ev;
	struct db_val	 p[4];
	struct buf	 nj;
	char		 at[32];
	long long	 id;
	enum db_err	 rc;
	size_t		 i;
	int		 found;

	*why = NULL;
	clock_sql(now, at, sizeof(at));
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = lock_decl(db, a, res->decl_id, &l, &found)) != DB_OK)
		goto fail;
	if (!found || l.licensee != user_id) {
		*why = "این پرونده پیدا نشد.";
		goto refuse;
	}
	if ((*why = window_closed(a, l.state, l.end, now)) != NULL)
		goto refuse;
	if (l.public_rank == 0) {
		*why = "این دفتر در این دوره ارزیابی نشده است و رتبه‌ای برای اعتراض ندارد.";
		goto refuse;
	}
	p[0] = db_int(l.decl_id);
	p[1] = db_text(body);
	p[2] = db_int(user_id);
	p[3] = db_text(at);
	rc = db_exec(db, STMT_OBJ_INSERT, p);
	if (rc == DB_DUP) {
		*why = "برای این دفتر در این دوره یک بار اعتراض ثبت شده است.";
		goto refuse;
	}
	if (rc != DB_OK)
		goto fail;
	id = (long long)db_insert_id(db, STMT_OBJ_INSERT);
	buf_init(&nj, a);
	buf_printf(&nj, "{\"office\":");
	json_string(&nj, l.office_code, strlen(l.office_code));
	buf_printf(&nj, ",\"rank\":%d,\"criteria\":[", l.public_rank);
	for (i = 0; i < ncrits; i++) {
		p[0] = db_int(id);
		p[1] = db_int(crit_ids[i]);
		if ((rc = db_exec(db, STMT_OBJ_CRITERION_INSERT, p)) != DB_OK)
			goto fail;
		buf_printf(&nj, i ? ",%lld" : "%lld", crit_ids[i]);
	}
	buf_puts(&nj, "],\"body\":");
	json_string(&nj, body, strlen(body));
	buf_puts(&nj, "}");
	ev = *actor;
	ev.action = "objection.file";
	ev.entity_type = "declaration";
	ev.entity_id = l.decl_id;
	ev.new_json = buf_cstr(&nj);
	if ((rc = audit_append(db, a, &ev)) != DB_OK ||
	    (rc = notify(db, a, user_id, "objection_filed", "ثبت اعتراض",
	    arena_printf(a, "اعتراض شما به رتبه دفتر %s ثبت شد و منطقه به آن رسیدگی می‌کند.",
	    l.office_code))) != DB_OK ||
	    (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
refuse:
	db_rollback(db);
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

enum db_err
objection_get(struct db *db, struct arena *a, long long id, long long region,
    struct objection_case *oc, int *found)
{
	struct db_val	 p[3] = { db_int(id), db_int(region), db_int(region) }, c[17];
	enum db_err	 rc;
	int		 f;

	memset(oc, 0, sizeof(*oc));
	*found = 0;
	if ((rc = db_exec(db, STMT_OBJ_GET, p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_OBJ_GET, a, c)) == 1) {
		oc->id = c[0].i;
		oc->decl_id = c[1].i;
		oc->round_id = c[2].i;
		oc->state = c[3].s;
		oc->body = c[4].s;
		oc->filed_at = c[5].s;
		oc->reason = c[6].s;
		oc->office_code = c[7].s;
		oc->office_name = c[8].s;
		oc->province = c[9].s;
		oc->round_code = c[10].s;
		oc->round_title = c[11].s;
		oc->round_state = c[12].s;
		oc->rank = (int)c[13].i;
		oc->final_rank = (int)c[14].i;
		oc->score = c[15].i;
		oc->office_id = c[16].i;
		*found = 1;
	}
	return f < 0 ? DB_ERROR : DB_OK;
}

/* Locks the file and checks that oc may still be decided. */
static enum db_err
decide_begin(struct db *db, struct arena *a, const struct objection_case *oc,
    struct locked *l, const char **why)
{
	enum db_err	 rc;
	int		 found;

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = lock_decl(db, a, oc->decl_id, l, &found)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	if (!found || strcmp(l->state, "published") != 0)
		*why = "رسیدگی به اعتراض‌های این دوره پایان یافته است.";
	else if (strcmp(oc->state, "filed") != 0)
		*why = "به این اعتراض پیش‌تر رسیدگی شده است.";
	if (*why != NULL)
		db_rollback(db);
	return DB_OK;
}

static enum db_err
decide(struct db *db, long long id, const char *state, long long user, const char *at,
    const char *reason, int *done)
{
	struct db_val	 p[5] = { db_text(state), db_int(user), db_text(at),
			    reason != NULL ? db_text(reason) : db_null(), db_int(id) };
	enum db_err	 rc;

	if ((rc = db_exec(db, STMT_OBJ_DECIDE, p)) != DB_OK)
		return rc;
	*done = db_affected(db, STMT_OBJ_DECIDE) == 1;
	return DB_OK;
}

enum db_err
objection_reject(struct db *db, struct arena *a, const struct objection_case *oc,
    const char *reason, int64_t now, const struct audit_event *actor, const char **why)
{
	struct locked	 l;
	struct audit_event ev;
	struct db_val	 p[2];
	struct buf	 nj;
	char		 at[32];
	enum db_err	 rc;
	int		 done;

	*why = NULL;
	clock_sql(now, at, sizeof(at));
	if ((rc = decide_begin(db, a, oc, &l, why)) != DB_OK || *why != NULL)
		return rc;
	if ((rc = decide(db, oc->id, "rejected", actor->actor_user_id, at, reason,
	    &done)) != DB_OK)
		goto fail;
	if (!done) {
		*why = "به این اعتراض پیش‌تر رسیدگی شده است.";
		db_rollback(db);
		return DB_OK;
	}
	p[0] = db_text(at);
	p[1] = db_int(oc->decl_id);
	if ((rc = db_exec(db, STMT_OBJ_KEEP_RANK, p)) != DB_OK)
		goto fail;
	buf_init(&nj, a);
	buf_printf(&nj, "{\"state\":\"rejected\",\"final_rank\":%d,\"reason\":", oc->rank);
	json_string(&nj, reason, strlen(reason));
	buf_puts(&nj, "}");
	ev = *actor;
	ev.action = "objection.reject";
	ev.entity_type = "objection";
	ev.entity_id = oc->id;
	ev.old_json = arena_printf(a, "{\"state\":\"filed\",\"rank\":%d}", oc->rank);
	ev.new_json = buf_cstr(&nj);
	if ((rc = audit_append(db, a, &ev)) != DB_OK ||
	    (rc = notify(db, a, l.licensee, "objection_decided", "نتیجه رسیدگی به اعتراض",
	    arena_printf(a, "اعتراض شما به رتبه دفتر %s پذیرفته نشد. رتبه نهایی: %d. "
	    "دلیل: %s", oc->office_code, oc->rank, reason))) != DB_OK ||
	    (rc = page_cache_invalidate(db, a, now, "objection.reject")) != DB_OK ||
	    (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

enum db_err
objection_accept(struct db *db, struct arena *a, const struct objection_case *oc,
    const struct objection_change *ch, size_t n, const char *note, int64_t now,
    const struct audit_event *actor, int *new_rank, const char **why)
{
	struct locked	 l;
	struct audit_event ev;
	struct db_val	 p[8], c[4];
	struct buf	 oj, nj;
	char		 at[32];
	long long	 old_score, new_score;
	enum db_err	 rc;
	size_t		 i;
	int		 done, old_rank, f;

	*why = NULL;
	*new_rank = 0;
	clock_sql(now, at, sizeof(at));
	if ((rc = decide_begin(db, a, oc, &l, why)) != DB_OK || *why != NULL)
		return rc;
	buf_init(&oj, a);
	buf_init(&nj, a);
	buf_puts(&oj, "{\"state\":\"filed\",\"values\":{");
	buf_puts(&nj, "{\"state\":\"accepted\",\"values\":{");
	for (i = 0; i < n; i++) {
		int	 had = 0;

		p[0] = db_int(oc->decl_id);
		p[1] = db_int(ch[i].crit_id);
		if ((rc = db_exec(db, STMT_OBJ_VALUE_GET, p)) != DB_OK)
			goto fail;
		if (i > 0) {
			buf_putc(&oj, ',');
			buf_putc(&nj, ',');
		}
		json_string(&oj, ch[i].crit_code, strlen(ch[i].crit_code));
		json_string(&nj, ch[i].crit_code, strlen(ch[i].crit_code));
		while ((f = db_fetch(db, STMT_OBJ_VALUE_GET, a, c)) == 1) {
			had = 1;
			if (c[0].i)
				buf_printf(&oj, ":%lld", c[1].i);
			else if (c[2].i)
				buf_printf(&oj, ":{\"option\":%lld}", c[2].i);
			else
				buf_puts(&oj, ":null");
		}
		if (f < 0) {
			rc = DB_ERROR;
			goto fail;
		}
		if (!had)
			buf_puts(&oj, ":null");
		if (ch[i].has_num)
			buf_printf(&nj, ":%lld", ch[i].num);
		else
			buf_printf(&nj, ":{\"option\":%lld}", ch[i].opt_id);
		p[0] = db_int(oc->decl_id);
		p[1] = db_int(oc->round_id);
		p[2] = db_int(ch[i].crit_id);
		p[3] = ch[i].has_num ? db_int(ch[i].num) : db_null();
		p[4] = ch[i].has_num ? db_null() : db_int(ch[i].opt_id);
		p[5] = db_text(note);
		p[6] = db_int(actor->actor_user_id);
		p[7] = db_text(at);
		if ((rc = db_exec(db, STMT_OBJ_VALUE_SET, p)) != DB_OK)
			goto fail;
	}
	if ((rc = decide(db, oc->id, "accepted", actor->actor_user_id, at, note, &done)) != DB_OK)
		goto fail;
	if (!done) {
		*why = "به این اعتراض پیش‌تر رسیدگی شده است.";
		db_rollback(db);
		return DB_OK;
	}
	if ((rc = ranking_store_final(db, a, oc->round_id, oc->decl_id, now, &old_rank,
	    new_rank, &old_score, &new_score)) != DB_OK)
		goto fail;
	buf_printf(&oj, "},\"rank\":%d,\"score_x100\":%lld}", old_rank, old_score);
	buf_printf(&nj, "},\"final_rank\":%d,\"final_score_x100\":%lld,\"note\":", *new_rank,
	    new_score);
	json_string(&nj, note, strlen(note));
	buf_puts(&nj, "}");
	ev = *actor;
	ev.action = "objection.accept";
	ev.entity_type = "objection";
	ev.entity_id = oc->id;
	ev.old_json = buf_cstr(&oj);
	ev.new_json = buf_cstr(&nj);
	if ((rc = audit_append(db, a, &ev)) != DB_OK ||
	    (rc = notify(db, a, l.licensee, "objection_decided", "نتیجه رسیدگی به اعتراض",
	    arena_printf(a, "اعتراض شما به رتبه دفتر %s پذیرفته شد. رتبه نهایی: %d.",
	    oc->office_code, *new_rank))) != DB_OK ||
	    (rc = page_cache_invalidate(db, a, now, "objection.accept")) != DB_OK ||
	    (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

const char *
objection_attach_closed(struct arena *a, const struct office_result *res, int64_t now)
{
	if (res->obj.id == 0)
		return "اعتراضی برای این دفتر ثبت نشده است.";
	if (strcmp(res->obj.state, "filed") != 0)
		return "به این اعتراض رسیدگی شده است و مدرکی به آن افزوده نمی‌شود.";
	return window_closed(a, res->round_state, res->objection_end, now);
}

enum db_err
objection_attach(struct db *db, struct arena *a, const struct office_result *res,
    const struct upload_stored *up, size_t n, long long user_id, int64_t now,
    const struct audit_event *actor, const char **why)
{
	struct locked	 l;
	struct objection ob;
	struct audit_event ev;
	struct buf	 nj;
	long long	 have, ev_id;
	enum db_err	 rc;
	size_t		 i;
	int		 found;

	*why = NULL;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = lock_decl(db, a, res->decl_id, &l, &found)) != DB_OK ||
	    (rc = load_objection(db, a, res->decl_id, &ob)) != DB_OK)
		goto fail;
	if (!found || l.licensee != user_id || ob.id == 0) {
		*why = "اعتراضی برای این دفتر ثبت نشده است.";
		goto refuse;
	}
	if (strcmp(ob.state, "filed") != 0) {
		*why = "به این اعتراض رسیدگی شده است و مدرکی به آن افزوده نمی‌شود.";
		goto refuse;
	}
	if ((*why = window_closed(a, l.state, l.end, now)) != NULL)
		goto refuse;
	if ((rc = upload_owned_count(db, UP_OBJECTION, ob.id, &have)) != DB_OK)
		goto fail;
	if (have + (long long)n > OBJECTION_MAX_FILES) {
		*why = arena_printf(a, "به هر اعتراض حداکثر %d مدرک می‌توان پیوست کرد.",
		    OBJECTION_MAX_FILES);
		goto refuse;
	}
	buf_init(&nj, a);
	buf_puts(&nj, "{\"files\":[");
	for (i = 0; i < n; i++) {
		if ((rc = upload_evidence_put(db, up[i].sha256, up[i].size, up[i].mime,
		    up[i].storage_name, &ev_id)) != DB_OK)
			goto fail;
		rc = upload_owned_link(db, UP_OBJECTION, ob.id, ev_id, up[i].name, user_id);
		if (rc == DB_DUP) {
			*why = "این فایل پیش‌تر به همین اعتراض پیوست شده است.";
			goto refuse;
		}
		if (rc != DB_OK)
			goto fail;
		if (i > 0)
			buf_putc(&nj, ',');
		json_string(&nj, up[i].name, strlen(up[i].name));
	}
	buf_puts(&nj, "]}");
	ev = *actor;
	ev.action = "objection.attach";
	ev.entity_type = "objection";
	ev.entity_id = ob.id;
	ev.old_json = arena_printf(a, "{\"files\":%lld}", have);
	ev.new_json = buf_cstr(&nj);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
refuse:
	db_rollback(db);
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}
