/*
 * The service catalogue, the services of each area and the grants within an office's quota.
 *
 * See services.h for the rules.  The quota arithmetic is services_quota() alone; the
 * SQL only counts.  Grants and withdrawals lock the office row first, so that the
 * counts read after it (the database runs READ COMMITTED, so every statement sees
 * what committed before it) cannot be changed by a concurrent grant to the same
 * office before this transaction ends.  The CSV import is at the end of the file.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "csv.h"
#include "fa.h"
#include "json.h"
#include "utf8.h"
#include "model/outbox.h"
#include "model/services.h"
#include "model/stmts.h"

int
services_quota(int pct, long long navail)
{
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	if (navail < 0)
		navail = 0;
	/* navail is a count of rows, far below LLONG_MAX / 100. */
	return (int)(((long long)pct * navail) / 100);
}

/* Grows an arena array of elements of sz bytes so that one more fits. */
static void *
grow(struct arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	size_t	 ncap;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : 16;
	v = arena_realloc(a, v, *cap * sz, ncap * sz);
	*cap = ncap;
	return v;
}

/*
 * Runs statement id and reads its first row into c: 1 a row (the rest dropped),
 * 0 none, -1 an error with *rc set.
 */
static int
one(struct db *db, int id, struct arena *a, const struct db_val *p, struct db_val *c,
    enum db_err *rc)
{
	int	 n;

	if ((*rc = db_exec(db, id, p)) != DB_OK)
		return -1;
	if ((n = db_fetch(db, id, a, c)) < 0) {
		*rc = DB_ERROR;
		return -1;
	}
	if (n == 1)
		db_done(db, id);
	return n;
}

/* A count (a one-row, one-column integer statement) into *n. */
static enum db_err
count(struct db *db, int id, const struct db_val *p, long long *n)
{
	struct db_val	 c[1];
	enum db_err	 rc;

	*n = 0;
	if (one(db, id, NULL, p, c, &rc) < 0)
		return rc;
	*n = c[0].i;
	return DB_OK;
}

/* Stops a change: rolls back and records why. */
static enum db_err
refuse(struct db *db, enum svc_refusal *kind, const char **why, enum svc_refusal k,
    const char *msg)
{
	db_rollback(db);
	*kind = k;
	*why = msg;
	return DB_OK;
}

/* A number in Persian digits, in the arena. */
static const char *
fa_num(struct arena *a, long long v)
{
	struct buf	 b;

	buf_init(&b, a);
	fa_put_int(&b, v);
	return buf_cstr(&b);
}

/* ASCII digits of s in Persian, in the arena. */
static const char *
fa_text(struct arena *a, const char *s)
{
	struct buf	 b;

	buf_init(&b, a);
	fa_put_digits(&b, s);
	return buf_cstr(&b);
}

/* ------------------------------------------------------------------------ */
/* An office's quota. */

/* The rank, share and counts of o (its id and city_id set). */
static enum db_err
office_quota(struct db *db, struct arena *a, struct svc_office *o)
{
	struct db_val	 p[1], c[5];
	enum db_err	 rc;
	int		 n;

	o->rank = 0;
	o->round_id = 0;
	o->round_code = "";
	o->round_title = "";
	o->pct = 0;
	p[0] = db_int(o->id);
	if ((n = one(db, STMT_SVC_RANK, a, p, c, &rc)) < 0)
		return rc;
	if (n == 1 && !c[0].null && !c[4].null) {
		o->rank = (int)c[0].i;
		o->round_id = c[1].i;
		o->round_code = c[2].s;
		o->round_title = c[3].s;
		o->pct = (int)c[4].i;
	}
	p[0] = db_int(o->city_id);
	if ((rc = count(db, STMT_SVC_CITY_COUNT, p, &o->navail)) != DB_OK)
		return rc;
	p[0] = db_int(o->id);
	if ((rc = count(db, STMT_SVC_GRANTED_COUNT, p, &o->ngranted)) != DB_OK)
		return rc;
	o->quota = services_quota(o->pct, o->navail);
	return DB_OK;
}

enum db_err
services_office(struct db *db, struct arena *a, long long id, struct svc_office *o,
    int *found)
{
	struct db_val	 p = db_int(id), c[11];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(o, 0, sizeof(*o));
	if ((n = one(db, STMT_SVC_OFFICE_GET, a, &p, c, &rc)) < 0)
		return rc;
	if (n == 0)
		return DB_OK;
	o->id = c[0].i;
	o->code = c[1].s;
	o->name = c[2].s;
	o->kind = c[3].s;
	o->status = c[4].s;
	o->province_id = c[5].i;
	o->province = c[6].s;
	o->city_id = c[7].i;
	o->city_code = c[8].s;
	o->city = c[9].s;
	o->city_kind = c[10].s;
	if ((rc = office_quota(db, a, o)) != DB_OK)
		return rc;
	*found = 1;
	return DB_OK;
}

/* The id a one-column statement gives for code, 0 when none. */
static enum db_err
id_by_code(struct db *db, int stmt, const char *code, long long *id)
{
	struct db_val	 p = db_text(code), c[1];
	enum db_err	 rc;
	int		 n;

	*id = 0;
	if ((n = one(db, stmt, NULL, &p, c, &rc)) < 0)
		return rc;
	if (n == 1)
		*id = c[0].i;
	return DB_OK;
}

enum db_err
services_office_by_code(struct db *db, const char *code, long long *id)
{
	return id_by_code(db, STMT_SVC_OFFICE_BY_CODE, code, id);
}

enum db_err
services_office_list(struct db *db, struct arena *a, const struct svc_office *o,
    struct svc_office_service **out, size_t *nout)
{
	struct db_val	 p[2], c[9];
	enum db_err	 rc;
	size_t		 cap = 0;
	int		 n;

	*out = NULL;
	*nout = 0;
	p[0] = db_int(o->city_id);
	p[1] = db_int(o->id);
	if ((rc = db_exec(db, STMT_SVC_OFFICE_SERVICES, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_OFFICE_SERVICES, a, c)) == 1) {
		struct svc_office_service *s;

		*out = grow(a, *out, *nout, &cap, sizeof(**out));
		s = &(*out)[(*nout)++];
		s->id = c[0].i;
		s->code = c[1].s;
		s->title = c[2].s;
		s->agency = c[3].s;
		s->active = c[4].i != 0;
		s->available = c[5].i != 0;
		s->granted = c[6].i != 0;
		s->granted_at = c[7].null ? NULL : c[7].s;
		s->round_code = c[8].null ? NULL : c[8].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

/* ------------------------------------------------------------------------ */
/* Grants. */

/* Locks office id; 1 found (with its city, status, code), 0 not, -1 error. */
static int
office_lock(struct db *db, struct arena *a, long long id, long long *city,
    const char **status, const char **code, enum db_err *rc)
{
	struct db_val	 p = db_int(id), c[4];
	int		 n;

	if ((n = one(db, STMT_SVC_OFFICE_LOCK, a, &p, c, rc)) != 1)
		return n;
	*city = c[0].i;
	*status = c[1].s;
	*code = c[2].s;
	return 1;
}

/* Queues an SMS about office id to its licensee, if they gave a mobile. */
static enum db_err
tell_licensee(struct db *db, struct arena *a, long long office, const char *template,
    const char *body)
{
	struct db_val	 p = db_int(office), c[2];
	enum db_err	 rc;
	int		 n;

	if ((n = one(db, STMT_SVC_LICENSEE_MOBILE, a, &p, c, &rc)) < 0)
		return rc;
	if (n == 0 || c[1].s[0] == '\0')
		return DB_OK;
	return outbox_enqueue(db, OUTBOX_SMS, c[1].s, c[0].i, template,
	    "خدمات دفتر پیشخوان", body);
}

enum db_err
services_grant(struct db *db, struct arena *a, long long office_id, long long service_id,
    const struct audit_event *actor, enum svc_refusal *kind, const char **why)
{
	struct svc_office o;
	struct audit_event ev;
	struct db_val	 p[4], c[6];
	struct buf	 ob, nb;
	const char	*status = "", *code = "", *scode, *title, *agency;
	enum db_err	 rc;
	int		 n;

	*kind = SVC_OK;
	*why = NULL;
	if (actor->actor_user_id == 0) {
		*kind = SVC_INVALID;
		*why = "واگذاری خدمت به نام یک کاربر ستاد ثبت می‌شود.";
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	memset(&o, 0, sizeof(o));
	o.id = office_id;
	if ((n = office_lock(db, a, office_id, &o.city_id, &status, &code, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND, "این دفتر پیدا نشد.");
	if (strcmp(status, "active") != 0)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "این دفتر فعال نیست و خدمت تازه‌ای به آن واگذار نمی‌شود.");
	p[0] = db_int(o.city_id);
	p[1] = db_int(office_id);
	p[2] = db_int(service_id);
	if ((n = one(db, STMT_SVC_GRANT_CHECK, a, p, c, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND, "این خدمت پیدا نشد.");
	scode = c[1].s;
	title = c[2].s;
	agency = c[3].s;
	if (c[0].i == 0)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "این خدمت غیرفعال است و به دفتری واگذار نمی‌شود.");
	if (c[5].i != 0)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "این خدمت پیش‌تر به این دفتر واگذار شده است.");
	if (c[4].i == 0)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "این خدمت در شهر یا روستای این دفتر ارائه نمی‌شود و به آن واگذار نمی‌شود.");
	if ((rc = office_quota(db, a, &o)) != DB_OK)
		goto fail;
	if (o.rank == 0)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "این دفتر هنوز رتبه‌ای ندارد و تا رتبه نگیرد خدمت تازه‌ای به آن "
		    "واگذار نمی‌شود.");
	if (o.ngranted >= o.quota)
		return refuse(db, kind, why, SVC_CONFLICT, arena_printf(a,
		    "سهمیه این دفتر پر است: رتبه %s در دوره %s، %s درصد از %s خدمت محل "
		    "دفتر، یعنی %s خدمت؛ %s خدمت پیش‌تر واگذار شده است.",
		    fa_num(a, o.rank), fa_text(a, o.round_code), fa_num(a, o.pct),
		    fa_num(a, o.navail), fa_num(a, o.quota), fa_num(a, o.ngranted)));
	p[0] = db_int(office_id);
	p[1] = db_int(service_id);
	p[2] = db_int(o.round_id);
	p[3] = db_int(actor->actor_user_id);
	rc = db_exec(db, STMT_SVC_GRANT_INSERT, p);
	if (rc == DB_DUP)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "این خدمت پیش‌تر به این دفتر واگذار شده است.");
	if (rc != DB_OK)
		goto fail;
	if ((rc = tell_licensee(db, a, office_id, "service_grant", arena_printf(a,
	    "خدمت «%s» (%s) از سوی ستاد به دفتر %s واگذار شد.", title, agency,
	    code))) != DB_OK)
		goto fail;
	buf_init(&ob, a);
	json_begin(&ob);
	json_int(&ob, "granted", o.ngranted);
	json_end(&ob);
	buf_init(&nb, a);
	json_begin(&nb);
	json_str(&nb, "service", scode);
	json_str(&nb, "title", title);
	json_str(&nb, "round", o.round_code);
	json_int(&nb, "rank", o.rank);
	json_int(&nb, "pct", o.pct);
	json_int(&nb, "available", o.navail);
	json_int(&nb, "quota", o.quota);
	json_int(&nb, "granted", o.ngranted + 1);
	json_end(&nb);
	ev = *actor;
	ev.action = "service.grant";
	ev.entity_type = "office";
	ev.entity_id = office_id;
	ev.old_json = buf_cstr(&ob);
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

enum db_err
services_withdraw(struct db *db, struct arena *a, long long office_id,
    long long service_id, const char *reason, const struct audit_event *actor,
    enum svc_refusal *kind, const char **why)
{
	struct audit_event ev;
	struct db_val	 p[2], c[5];
	struct buf	 ob, nb;
	const char	*status = "", *code = "";
	long long	 city;
	enum db_err	 rc;
	int		 n;

	*kind = SVC_OK;
	*why = NULL;
	if (reason == NULL || *reason == '\0') {
		*kind = SVC_INVALID;
		*why = "دلیل پس گرفتن خدمت را بنویسید.";
		return DB_OK;
	}
	if (utf8_count(reason, strlen(reason)) > 500) {
		*kind = SVC_INVALID;
		*why = "دلیل پس گرفتن خدمت بیش از ۵۰۰ نویسه است.";
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((n = office_lock(db, a, office_id, &city, &status, &code, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND, "این دفتر پیدا نشد.");
	p[0] = db_int(office_id);
	p[1] = db_int(service_id);
	if ((n = one(db, STMT_SVC_GRANT_GET, a, p, c, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND,
		    "این خدمت به این دفتر واگذار نشده است.");
	if ((rc = db_exec(db, STMT_SVC_GRANT_DELETE, p)) != DB_OK)
		goto fail;
	if ((rc = tell_licensee(db, a, office_id, "service_withdraw", arena_printf(a,
	    "خدمت «%s» از دفتر %s پس گرفته شد. دلیل: %s", c[4].s, code,
	    reason))) != DB_OK)
		goto fail;
	buf_init(&ob, a);
	json_begin(&ob);
	json_str(&ob, "service", c[3].s);
	json_str(&ob, "title", c[4].s);
	if (c[0].null)
		json_null(&ob, "round_id");
	else
		json_int(&ob, "round_id", c[0].i);
	json_str(&ob, "granted_at", c[1].s);
	json_int(&ob, "granted_by", c[2].i);
	json_end(&ob);
	buf_init(&nb, a);
	json_begin(&nb);
	json_null(&nb, "service");
	json_str(&nb, "reason", reason);
	json_end(&nb);
	ev = *actor;
	ev.action = "service.withdraw";
	ev.entity_type = "office";
	ev.entity_id = office_id;
	ev.old_json = buf_cstr(&ob);
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The catalogue. */

enum db_err
services_catalogue(struct db *db, struct arena *a, struct svc_agency **out, size_t *nout)
{
	struct db_val	 c[9];
	struct svc_agency *ag = NULL;
	enum db_err	 rc;
	size_t		 cap = 0, scap = 0;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_SVC_CATALOGUE, NULL)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_CATALOGUE, a, c)) == 1) {
		struct svc_service *s;

		if (ag == NULL || ag->id != c[0].i) {
			*out = grow(a, *out, *nout, &cap, sizeof(**out));
			ag = &(*out)[(*nout)++];
			memset(ag, 0, sizeof(*ag));
			ag->id = c[0].i;
			ag->code = c[1].s;
			ag->name = c[2].s;
			scap = 0;
		}
		if (c[3].null)
			continue;
		ag->services = grow(a, ag->services, ag->nservices, &scap,
		    sizeof(*ag->services));
		s = &ag->services[ag->nservices++];
		s->id = c[3].i;
		s->code = c[4].s;
		s->title = c[5].s;
		s->active = c[6].i != 0;
		s->ncities = c[7].i;
		s->ngrants = c[8].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

int
services_code_ok(const char *s, size_t len)
{
	return len >= 1 && len <= 32 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_.-") == len;
}

/* A name or title: 1..max characters once cleaned (the caller normalised it). */
static const char *
name_problem(const char *s, size_t max, const char *what_empty, const char *what_long)
{
	if (s == NULL || *s == '\0')
		return what_empty;
	if (utf8_count(s, strlen(s)) > max)
		return what_long;
	return NULL;
}

enum db_err
services_agency_add(struct db *db, struct arena *a, const char *code, const char *name,
    const struct audit_event *actor, long long *id, enum svc_refusal *kind,
    const char **why)
{
	struct audit_event ev;
	struct db_val	 p[2];
	struct buf	 nb;
	enum db_err	 rc;

	*id = 0;
	*kind = SVC_OK;
	*why = NULL;
	if (code == NULL || !services_code_ok(code, strlen(code))) {
		*kind = SVC_INVALID;
		*why = "کد دستگاه را با ۱ تا ۳۲ حرف لاتین، رقم، خط تیره، نقطه یا زیرخط بنویسید.";
		return DB_OK;
	}
	if ((*why = name_problem(name, 200, "نام دستگاه را وارد کنید.",
	    "نام دستگاه بیش از ۲۰۰ نویسه است.")) != NULL) {
		*kind = SVC_INVALID;
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	p[0] = db_text(code);
	p[1] = db_text(name);
	rc = db_exec(db, STMT_SVC_AGENCY_INSERT, p);
	if (rc == DB_DUP)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "دستگاهی با این کد یا این نام پیش‌تر ثبت شده است.");
	if (rc != DB_OK)
		goto fail;
	*id = (long long)db_insert_id(db, STMT_SVC_AGENCY_INSERT);
	buf_init(&nb, a);
	json_begin(&nb);
	json_str(&nb, "code", code);
	json_str(&nb, "name", name);
	json_end(&nb);
	ev = *actor;
	ev.action = "agency.create";
	ev.entity_type = "agency";
	ev.entity_id = *id;
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	*id = 0;
	return rc;
}

enum db_err
services_service_add(struct db *db, struct arena *a, long long agency_id, const char *code,
    const char *title, const struct audit_event *actor, long long *id,
    enum svc_refusal *kind, const char **why)
{
	struct audit_event ev;
	struct db_val	 p[3], c[2];
	struct buf	 nb;
	enum db_err	 rc;
	int		 n;

	*id = 0;
	*kind = SVC_OK;
	*why = NULL;
	if (code == NULL || !services_code_ok(code, strlen(code))) {
		*kind = SVC_INVALID;
		*why = "کد خدمت را با ۱ تا ۳۲ حرف لاتین، رقم، خط تیره، نقطه یا زیرخط بنویسید.";
		return DB_OK;
	}
	if ((*why = name_problem(title, 300, "عنوان خدمت را وارد کنید.",
	    "عنوان خدمت بیش از ۳۰۰ نویسه است.")) != NULL) {
		*kind = SVC_INVALID;
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	p[0] = db_int(agency_id);
	if ((n = one(db, STMT_SVC_AGENCY_GET, a, p, c, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_INVALID, "دستگاه خدمت‌دهنده را برگزینید.");
	p[1] = db_text(code);
	p[2] = db_text(title);
	rc = db_exec(db, STMT_SVC_SERVICE_INSERT, p);
	if (rc == DB_DUP)
		return refuse(db, kind, why, SVC_CONFLICT, "خدمتی با این کد، یا با این عنوان "
		    "در همین دستگاه، پیش‌تر ثبت شده است.");
	if (rc != DB_OK)
		goto fail;
	*id = (long long)db_insert_id(db, STMT_SVC_SERVICE_INSERT);
	buf_init(&nb, a);
	json_begin(&nb);
	json_str(&nb, "agency", c[0].s);
	json_str(&nb, "code", code);
	json_str(&nb, "title", title);
	json_bool(&nb, "active", 1);
	json_end(&nb);
	ev = *actor;
	ev.action = "service.create";
	ev.entity_type = "service";
	ev.entity_id = *id;
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	*id = 0;
	return rc;
}

/* Locks service id: 1 found (c: code, title, active, agency_id), 0 not, -1 error. */
static int
service_lock(struct db *db, struct arena *a, long long id, struct db_val *c,
    enum db_err *rc)
{
	struct db_val	 p = db_int(id);

	return one(db, STMT_SVC_SERVICE_LOCK, a, &p, c, rc);
}

enum db_err
services_service_rename(struct db *db, struct arena *a, long long id, const char *title,
    const struct audit_event *actor, enum svc_refusal *kind, const char **why)
{
	struct audit_event ev;
	struct db_val	 p[2], c[4];
	struct buf	 ob, nb;
	enum db_err	 rc;
	int		 n;

	*kind = SVC_OK;
	*why = NULL;
	if ((*why = name_problem(title, 300, "عنوان تازه خدمت را وارد کنید.",
	    "عنوان خدمت بیش از ۳۰۰ نویسه است.")) != NULL) {
		*kind = SVC_INVALID;
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((n = service_lock(db, a, id, c, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND, "این خدمت پیدا نشد.");
	if (strcmp(c[1].s, title) == 0) {
		db_rollback(db);
		return DB_OK;
	}
	p[0] = db_text(title);
	p[1] = db_int(id);
	rc = db_exec(db, STMT_SVC_SERVICE_RENAME, p);
	if (rc == DB_DUP)
		return refuse(db, kind, why, SVC_CONFLICT,
		    "خدمت دیگری از همین دستگاه این عنوان را دارد.");
	if (rc != DB_OK)
		goto fail;
	buf_init(&ob, a);
	json_begin(&ob);
	json_str(&ob, "title", c[1].s);
	json_end(&ob);
	buf_init(&nb, a);
	json_begin(&nb);
	json_str(&nb, "title", title);
	json_end(&nb);
	ev = *actor;
	ev.action = "service.rename";
	ev.entity_type = "service";
	ev.entity_id = id;
	ev.old_json = buf_cstr(&ob);
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

enum db_err
services_service_active(struct db *db, struct arena *a, long long id, int active,
    const struct audit_event *actor, enum svc_refusal *kind, const char **why)
{
	struct audit_event ev;
	struct db_val	 p[2], c[4];
	struct buf	 ob, nb;
	enum db_err	 rc;
	int		 n;

	*kind = SVC_OK;
	*why = NULL;
	active = active != 0;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((n = service_lock(db, a, id, c, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND, "این خدمت پیدا نشد.");
	if ((c[2].i != 0) == active) {
		/* Already so: a repeated click changes nothing and records nothing. */
		db_rollback(db);
		return DB_OK;
	}
	p[0] = db_int(active);
	p[1] = db_int(id);
	if ((rc = db_exec(db, STMT_SVC_SERVICE_SET_ACTIVE, p)) != DB_OK)
		goto fail;
	buf_init(&ob, a);
	json_begin(&ob);
	json_str(&ob, "code", c[0].s);
	json_bool(&ob, "active", !active);
	json_end(&ob);
	buf_init(&nb, a);
	json_begin(&nb);
	json_str(&nb, "code", c[0].s);
	json_bool(&nb, "active", active);
	json_end(&nb);
	ev = *actor;
	ev.action = active ? "service.activate" : "service.deactivate";
	ev.entity_type = "service";
	ev.entity_id = id;
	ev.old_json = buf_cstr(&ob);
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Areas. */

enum db_err
services_provinces(struct db *db, struct arena *a, struct svc_province **out, size_t *nout)
{
	struct db_val	 c[3];
	enum db_err	 rc;
	size_t		 cap = 0;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_SVC_PROVINCES, NULL)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_PROVINCES, a, c)) == 1) {
		*out = grow(a, *out, *nout, &cap, sizeof(**out));
		(*out)[*nout].id = c[0].i;
		(*out)[*nout].code = c[1].s;
		(*out)[*nout].name = c[2].s;
		(*nout)++;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
services_province_cities(struct db *db, struct arena *a, long long province_id,
    struct svc_city **out, size_t *nout)
{
	struct db_val	 p = db_int(province_id), c[7];
	enum db_err	 rc;
	size_t		 cap = 0;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_SVC_PROVINCE_CITIES, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_PROVINCE_CITIES, a, c)) == 1) {
		struct svc_city *x;

		*out = grow(a, *out, *nout, &cap, sizeof(**out));
		x = &(*out)[(*nout)++];
		memset(x, 0, sizeof(*x));
		x->id = c[0].i;
		x->code = c[1].s;
		x->name = c[2].s;
		x->kind = c[3].s;
		x->county = c[4].s;
		x->nservices = c[5].i;
		x->noffices = c[6].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
services_city(struct db *db, struct arena *a, long long id, struct svc_city *x, int *found)
{
	struct db_val	 p = db_int(id), c[7];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(x, 0, sizeof(*x));
	if ((n = one(db, STMT_SVC_CITY_GET, a, &p, c, &rc)) < 0)
		return rc;
	if (n == 0)
		return DB_OK;
	x->id = c[0].i;
	x->code = c[1].s;
	x->name = c[2].s;
	x->kind = c[3].s;
	x->county = c[4].s;
	x->province_id = c[5].i;
	x->province = c[6].s;
	*found = 1;
	return DB_OK;
}

enum db_err
services_city_by_code(struct db *db, const char *code, long long *id)
{
	return id_by_code(db, STMT_SVC_CITY_BY_CODE, code, id);
}

enum db_err
services_city_list(struct db *db, struct arena *a, long long city_id,
    struct svc_city_service **out, size_t *nout)
{
	struct db_val	 p = db_int(city_id), c[7];
	enum db_err	 rc;
	size_t		 cap = 0;
	int		 n;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, STMT_SVC_CITY_SERVICES, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_CITY_SERVICES, a, c)) == 1) {
		struct svc_city_service *s;

		*out = grow(a, *out, *nout, &cap, sizeof(**out));
		s = &(*out)[(*nout)++];
		s->id = c[0].i;
		s->agency_id = c[1].i;
		s->agency = c[2].s;
		s->code = c[3].s;
		s->title = c[4].s;
		s->active = c[5].i != 0;
		s->available = c[6].i != 0;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
services_city_set(struct db *db, struct arena *a, long long city_id, long long agency_id,
    const long long *want, size_t nwant, const struct audit_event *actor, int *added,
    int *removed, enum svc_refusal *kind, const char **why)
{
	struct audit_event ev;
	struct db_val	 p[2], c[4];
	struct buf	 before, after, ob, nb;
	struct {
		long long	 id;
		const char	*code;
		int		 active, avail, want;
	}		*sv = NULL;
	size_t		 nsv = 0, cap = 0, i, k;
	const char	*agency;
	enum db_err	 rc;
	int		 n;

	*added = *removed = 0;
	*kind = SVC_OK;
	*why = NULL;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	p[0] = db_int(city_id);
	if ((n = one(db, STMT_SVC_CITY_LOCK, a, p, c, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND, "این شهر یا روستا پیدا نشد.");
	p[0] = db_int(agency_id);
	if ((n = one(db, STMT_SVC_AGENCY_GET, a, p, c, &rc)) < 0)
		goto fail;
	if (n == 0)
		return refuse(db, kind, why, SVC_NOT_FOUND, "این دستگاه پیدا نشد.");
	agency = c[0].s;
	p[0] = db_int(city_id);
	p[1] = db_int(agency_id);
	if ((rc = db_exec(db, STMT_SVC_CITY_AGENCY, p)) != DB_OK)
		goto fail;
	while ((n = db_fetch(db, STMT_SVC_CITY_AGENCY, a, c)) == 1) {
		sv = grow(a, sv, nsv, &cap, sizeof(*sv));
		sv[nsv].id = c[0].i;
		sv[nsv].code = c[1].s;
		sv[nsv].active = c[2].i != 0;
		sv[nsv].avail = c[3].i != 0;
		/* Inactive services are not on the page: they keep their state. */
		sv[nsv].want = sv[nsv].active ? 0 : sv[nsv].avail;
		nsv++;
	}
	if (n < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	for (k = 0; k < nwant; k++) {
		for (i = 0; i < nsv; i++)
			if (sv[i].id == want[k])
				break;
		if (i == nsv || !sv[i].active)
			return refuse(db, kind, why, SVC_INVALID, "یکی از خدمت‌های برگزیده از "
			    "این دستگاه نیست یا غیرفعال است.");
		sv[i].want = 1;
	}
	buf_init(&before, a);
	buf_init(&after, a);
	for (i = 0; i < nsv; i++) {
		if (sv[i].avail)
			buf_printf(&before, "%s%s", before.len ? "," : "", sv[i].code);
		if (sv[i].want)
			buf_printf(&after, "%s%s", after.len ? "," : "", sv[i].code);
		if (sv[i].want == sv[i].avail)
			continue;
		p[0] = db_int(city_id);
		p[1] = db_int(sv[i].id);
		if ((rc = db_exec(db, sv[i].want ? STMT_SVC_CITY_ADD : STMT_SVC_CITY_REMOVE,
		    p)) != DB_OK)
			goto fail;
		if (sv[i].want)
			(*added)++;
		else
			(*removed)++;
	}
	if (*added == 0 && *removed == 0) {
		db_rollback(db);
		return DB_OK;
	}
	buf_init(&ob, a);
	json_begin(&ob);
	json_str(&ob, "agency", agency);
	json_str(&ob, "services", buf_cstr(&before));
	json_end(&ob);
	buf_init(&nb, a);
	json_begin(&nb);
	json_str(&nb, "agency", agency);
	json_str(&nb, "services", buf_cstr(&after));
	json_end(&nb);
	ev = *actor;
	ev.action = "city.services";
	ev.entity_type = "city";
	ev.entity_id = city_id;
	ev.old_json = buf_cstr(&ob);
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	*added = *removed = 0;
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Lists: over quota, and the agency view. */

enum db_err
services_over_quota(struct db *db, struct arena *a, long long province_id,
    struct svc_holder **out, size_t *nout)
{
	struct db_val	 p[2], c[11];
	enum db_err	 rc;
	size_t		 cap = 0;
	int		 n;

	*out = NULL;
	*nout = 0;
	p[0] = db_int(province_id);
	p[1] = db_int(province_id);
	if ((rc = db_exec(db, STMT_SVC_HOLDERS, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_HOLDERS, a, c)) == 1) {
		struct svc_holder h;

		memset(&h, 0, sizeof(h));
		h.id = c[0].i;
		h.code = c[1].s;
		h.name = c[2].s;
		h.province_id = c[3].i;
		h.province = c[4].s;
		h.city = c[5].s;
		h.rank = c[6].null ? 0 : (int)c[6].i;
		h.round_code = c[7].null ? "" : c[7].s;
		h.pct = c[8].null ? 0 : (int)c[8].i;
		h.navail = c[9].i;
		h.ngranted = c[10].i;
		h.quota = services_quota(h.pct, h.navail);
		if (h.ngranted <= h.quota)
			continue;
		*out = grow(a, *out, *nout, &cap, sizeof(**out));
		(*out)[(*nout)++] = h;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
services_granted_offices(struct db *db, struct arena *a, long long service_id,
    long long city_id, long long province_id, struct svc_holder **out, size_t *nout)
{
	struct db_val	 p[5], c[8];
	enum db_err	 rc;
	size_t		 cap = 0;
	int		 n;

	*out = NULL;
	*nout = 0;
	p[0] = db_int(service_id);
	p[1] = db_int(city_id);
	p[2] = db_int(city_id);
	p[3] = db_int(city_id != 0 ? 0 : province_id);
	p[4] = db_int(city_id != 0 ? 0 : province_id);
	if ((rc = db_exec(db, STMT_SVC_GRANTED_OFFICES, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_GRANTED_OFFICES, a, c)) == 1) {
		struct svc_holder *h;

		*out = grow(a, *out, *nout, &cap, sizeof(**out));
		h = &(*out)[(*nout)++];
		memset(h, 0, sizeof(*h));
		h->id = c[0].i;
		h->code = c[1].s;
		h->name = c[2].s;
		h->province = c[3].s;
		h->city = c[4].s;
		h->city_kind = c[5].s;
		h->granted_at = c[6].s;
		h->rank = c[7].null ? 0 : (int)c[7].i;
		h->round_code = "";
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
services_service(struct db *db, struct arena *a, long long id, struct svc_city_service *s,
    int *found)
{
	struct db_val	 p = db_int(id), c[4];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(s, 0, sizeof(*s));
	if ((n = one(db, STMT_SVC_SERVICE_GET, a, &p, c, &rc)) < 0)
		return rc;
	if (n == 1) {
		s->id = id;
		s->code = c[0].s;
		s->title = c[1].s;
		s->active = c[2].i != 0;
		s->agency = c[3].s;
		s->available = 0;
		*found = 1;
	}
	return DB_OK;
}

enum db_err
services_province_name(struct db *db, struct arena *a, long long id, const char **name,
    int *found)
{
	struct db_val	 p = db_int(id), c[1];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	*name = "";
	if ((n = one(db, STMT_SVC_PROVINCE_GET, a, &p, c, &rc)) < 0)
		return rc;
	if (n == 1) {
		*name = c[0].s;
		*found = 1;
	}
	return DB_OK;
}

/* ------------------------------------------------------------------------ */
/* The CSV import. */

#define IMPORT_MAX_ERRORS	500

enum icol {
	IC_AGENCY_CODE,
	IC_AGENCY_NAME,
	IC_SERVICE_CODE,
	IC_SERVICE_TITLE,
	IC_CITY_CODE,
	IC__MAX
};

static const char *const icol_names[IC__MAX] = {
	[IC_AGENCY_CODE] = "agency_code",
	[IC_AGENCY_NAME] = "agency_name",
	[IC_SERVICE_CODE] = "service_code",
	[IC_SERVICE_TITLE] = "service_title",
	[IC_CITY_CODE] = "city_code",
};

static const struct csv_limits icsv_lim = {
	.max_fields = 32,	/* more than the columns, so a wrong count is named as such */
	.max_field = 2000,
	.max_record = 8192,
};

/* A string-keyed hash table in the arena (open addressing, FNV-1a). */
struct smap_ent {
	const char	*key;
	void		*val;
};
struct smap {
	struct arena	*a;
	struct smap_ent	*v;
	size_t		 cap, n;
};

static size_t
smap_hash(const char *s)
{
	size_t	 h = (size_t)1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= (size_t)1099511628211ULL;
	}
	return h;
}

static void
smap_init(struct smap *m, struct arena *a)
{
	m->a = a;
	m->cap = 256;
	m->n = 0;
	m->v = arena_calloc(a, m->cap, sizeof(*m->v));
}

/* The value of key, or NULL. */
static void *
smap_get(const struct smap *m, const char *key)
{
	size_t	 i = smap_hash(key) & (m->cap - 1);

	while (m->v[i].key != NULL) {
		if (strcmp(m->v[i].key, key) == 0)
			return m->v[i].val;
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

/* Sets key (copied) to val, replacing an earlier value. */
static void
smap_put(struct smap *m, const char *key, void *val)
{
	size_t	 i, k;

	if (2 * (m->n + 1) > m->cap) {
		struct smap_ent	*old = m->v;
		size_t		 ocap = m->cap;

		m->cap *= 2;
		m->v = arena_calloc(m->a, m->cap, sizeof(*m->v));
		for (k = 0; k < ocap; k++) {
			if (old[k].key == NULL)
				continue;
			i = smap_hash(old[k].key) & (m->cap - 1);
			while (m->v[i].key != NULL)
				i = (i + 1) & (m->cap - 1);
			m->v[i] = old[k];
		}
	}
	i = smap_hash(key) & (m->cap - 1);
	while (m->v[i].key != NULL) {
		if (strcmp(m->v[i].key, key) == 0) {
			m->v[i].val = val;
			return;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->v[i].key = arena_strdup(m->a, key);
	m->v[i].val = val;
	m->n++;
}

struct imp_agency {
	const char	*code;
	long long	 db_id;		/* 0: not in the database */
	const char	*db_name;
	int		 in_file;
	const char	*name;		/* as the file has it */
	size_t		 line;		/* its first row */
};

struct imp_service {
	const char	*code;
	long long	 db_id;
	long long	 db_agency_id;
	const char	*db_title;
	int		 in_file;
	struct imp_agency *agency;	/* as the file has it */
	const char	*title;
	size_t		 line;
};

struct imp_link {
	struct imp_service *service;
	long long	 city_id;
};

struct imp {
	struct arena		*a;
	struct svc_import_result *res;
	size_t			 ecap;
	size_t			 more;		/* errors beyond IMPORT_MAX_ERRORS */
	struct smap		 agencies;	/* code -> imp_agency */
	struct smap		 agency_ids;	/* "#id" -> imp_agency */
	struct smap		 services;	/* code -> imp_service */
	struct smap		 cities;	/* code -> city id (boxed) */
	struct smap		 links;		/* "service\tcity" -> first line (boxed) */
	struct imp_agency	**fa;		/* the file's agencies, in order */
	size_t			 nfa, fcap;
	struct imp_service	**fs;		/* the file's services, in order */
	size_t			 nfs, scap;
	struct imp_link		*fl;
	size_t			 nfl, lcap;
};

/* Appends one error, whatever the count. */
static void
ierr_add(struct imp *im, size_t line, const char *field, const char *en, const char *fa)
{
	struct svc_import_result *r = im->res;

	if (r->nerrors == im->ecap) {
		size_t	 ncap = im->ecap ? im->ecap * 2 : 32;

		r->errors = arena_realloc(im->a, r->errors, im->ecap * sizeof(*r->errors),
		    ncap * sizeof(*r->errors));
		im->ecap = ncap;
	}
	r->errors[r->nerrors].line = line;
	r->errors[r->nerrors].field = field;
	r->errors[r->nerrors].reason = en;
	r->errors[r->nerrors].reason_fa = fa;
	r->nerrors++;
}

/* Records a problem of the file; past IMPORT_MAX_ERRORS they are only counted. */
static void
ierr(struct imp *im, size_t line, const char *field, const char *en, const char *fa)
{
	if (im->res->nerrors >= IMPORT_MAX_ERRORS) {
		im->more++;
		return;
	}
	ierr_add(im, line, field, en, fa);
}

/* One cleaned, normalised line of text; NULL if not valid UTF-8. */
static char *
ifold(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	char	*c;
	size_t	 clen;

	if ((c = utf8_clean_line(a, s, len, &clen)) == NULL)
		return NULL;
	return fa_normalize(a, c, clen, outlen);
}

static void *
box(struct arena *a, long long v)
{
	long long	*p = arena_alloc(a, sizeof(*p));

	*p = v;
	return p;
}

static enum db_err
iref_load(struct db *db, struct imp *im)
{
	struct db_val	 c[4];
	enum db_err	 rc;
	int		 n;

	if ((rc = db_exec(db, STMT_SVC_IMPORT_AGENCIES, NULL)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_IMPORT_AGENCIES, im->a, c)) == 1) {
		struct imp_agency *g = arena_calloc(im->a, 1, sizeof(*g));

		g->code = c[1].s;
		g->db_id = c[0].i;
		g->db_name = c[2].s;
		smap_put(&im->agencies, g->code, g);
		smap_put(&im->agency_ids, arena_printf(im->a, "#%lld", g->db_id), g);
	}
	if (n < 0)
		return DB_ERROR;
	if ((rc = db_exec(db, STMT_SVC_IMPORT_SERVICES, NULL)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_IMPORT_SERVICES, im->a, c)) == 1) {
		struct imp_service *s = arena_calloc(im->a, 1, sizeof(*s));

		s->db_id = c[0].i;
		s->db_agency_id = c[1].i;
		s->code = c[2].s;
		s->db_title = c[3].s;
		smap_put(&im->services, s->code, s);
	}
	if (n < 0)
		return DB_ERROR;
	if ((rc = db_exec(db, STMT_SVC_IMPORT_CITIES, NULL)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_SVC_IMPORT_CITIES, im->a, c)) == 1)
		smap_put(&im->cities, c[1].s, box(im->a, c[0].i));
	return n < 0 ? DB_ERROR : DB_OK;
}

/* The column of each name in the header, or errors. */
static int
iheader(struct imp *im, const struct csv_record *h, int idx[IC__MAX])
{
	size_t	 i, k, flen;
	char	*f;
	int	 col, bad = 0;

	for (k = 0; k < IC__MAX; k++)
		idx[k] = -1;
	for (i = 0; i < h->n; i++) {
		if ((f = ifold(im->a, h->v[i].s, h->v[i].len, &flen)) == NULL)
			f = "";
		for (k = 0; k < flen; k++)
			if (f[k] >= 'A' && f[k] <= 'Z')
				f[k] = (char)(f[k] - 'A' + 'a');
		for (col = 0; col < IC__MAX; col++)
			if (strcmp(f, icol_names[col]) == 0)
				break;
		if (col == IC__MAX) {
			ierr(im, h->line, "header", arena_printf(im->a, "unknown column \"%s\" "
			    "(expected: agency_code, agency_name, service_code, service_title, "
			    "city_code)", f), arena_printf(im->a, "ستون ناشناخته «%s»", f));
			bad = 1;
		} else if (idx[col] >= 0) {
			ierr(im, h->line, "header", arena_printf(im->a,
			    "column \"%s\" appears twice", f),
			    arena_printf(im->a, "ستون «%s» دو بار آمده است", f));
			bad = 1;
		} else
			idx[col] = (int)i;
	}
	for (col = 0; col < IC__MAX; col++)
		if (idx[col] < 0) {
			ierr(im, h->line, "header", arena_printf(im->a,
			    "column \"%s\" is missing", icol_names[col]),
			    arena_printf(im->a, "ستون «%s» نیامده است", icol_names[col]));
			bad = 1;
		}
	return bad ? -1 : 0;
}

/* A code field: folded, 1..32 of [A-Za-z0-9_.-]; NULL (and an error) if not. */
static const char *
icode(struct imp *im, size_t line, const char *field, const struct csv_field *f)
{
	char	*s;
	size_t	 len;

	if ((s = ifold(im->a, f->s, f->len, &len)) == NULL || len == 0) {
		ierr(im, line, field, "empty", "خالی است");
		return NULL;
	}
	if (!services_code_ok(s, len)) {
		ierr(im, line, field, "1 to 32 letters A-Z, digits, '_', '.' or '-'",
		    "کد باید ۱ تا ۳۲ حرف لاتین، رقم، زیرخط، نقطه یا خط تیره باشد");
		return NULL;
	}
	return s;
}

/* A name field: one line of 1..max characters, normalised. */
static const char *
iname(struct imp *im, size_t line, const char *field, const struct csv_field *f,
    size_t max)
{
	char	*s;
	size_t	 len;

	if ((s = ifold(im->a, f->s, f->len, &len)) == NULL || len == 0) {
		ierr(im, line, field, "empty", "خالی است");
		return NULL;
	}
	if (utf8_count(s, len) > max) {
		ierr(im, line, field, arena_printf(im->a, "longer than %zu characters", max),
		    "بیش از اندازه طولانی است");
		return NULL;
	}
	return s;
}

static void
irow(struct imp *im, const struct csv_record *rec, const int idx[IC__MAX])
{
	const struct csv_field *f[IC__MAX];
	const char	*acode, *aname, *scode, *stitle, *ccode;
	struct imp_agency *g = NULL;
	struct imp_service *s = NULL;
	long long	*city = NULL, *seen;
	size_t		 line = rec->line, k, clen;
	char		*key;
	int		 col;

	if (rec->n != (size_t)IC__MAX) {
		ierr(im, line, "file", arena_printf(im->a, "%zu fields where the header has %d",
		    rec->n, (int)IC__MAX), arena_printf(im->a, "%s ستون به جای %s ستون سرآیند",
		    fa_num(im->a, (long long)rec->n), fa_num(im->a, IC__MAX)));
		return;
	}
	for (col = 0; col < IC__MAX; col++)
		f[col] = &rec->v[idx[col]];
	acode = icode(im, line, "agency_code", f[IC_AGENCY_CODE]);
	aname = iname(im, line, "agency_name", f[IC_AGENCY_NAME], 200);
	scode = icode(im, line, "service_code", f[IC_SERVICE_CODE]);
	stitle = iname(im, line, "service_title", f[IC_SERVICE_TITLE], 300);
	if ((key = ifold(im->a, f[IC_CITY_CODE]->s, f[IC_CITY_CODE]->len, &clen)) == NULL) {
		ierr(im, line, "city_code", "not valid UTF-8 text", "متن نامعتبر");
		return;
	}
	ccode = key;
	if (clen > 0) {
		for (k = 0; k < clen; k++)
			if (key[k] >= 'a' && key[k] <= 'z')
				key[k] = (char)(key[k] - 'a' + 'A');
		if ((city = smap_get(&im->cities, ccode)) == NULL)
			ierr(im, line, "city_code", "no such city or village code (e.g. IR-23-001)",
			    "شهر یا روستایی با این کد نیست (مانند IR-23-001)");
	}
	if (acode != NULL && aname != NULL) {
		if ((g = smap_get(&im->agencies, acode)) == NULL) {
			g = arena_calloc(im->a, 1, sizeof(*g));
			g->code = acode;
			smap_put(&im->agencies, acode, g);
		}
		if (!g->in_file) {
			g->in_file = 1;
			g->name = aname;
			g->line = line;
			im->fa = grow(im->a, im->fa, im->nfa, &im->fcap, sizeof(*im->fa));
			im->fa[im->nfa++] = g;
		} else if (strcmp(g->name, aname) != 0) {
			ierr(im, line, "agency_name", arena_printf(im->a, "agency %s is named "
			    "\"%s\" on line %zu", acode, g->name, g->line), arena_printf(im->a,
			    "دستگاه %s در سطر %s نام دیگری دارد", acode,
			    fa_num(im->a, (long long)g->line)));
			g = NULL;
		}
	}
	if (scode == NULL || stitle == NULL || g == NULL)
		return;
	if ((s = smap_get(&im->services, scode)) == NULL) {
		s = arena_calloc(im->a, 1, sizeof(*s));
		s->code = scode;
		smap_put(&im->services, scode, s);
	}
	if (!s->in_file) {
		s->in_file = 1;
		s->agency = g;
		s->title = stitle;
		s->line = line;
		im->fs = grow(im->a, im->fs, im->nfs, &im->scap, sizeof(*im->fs));
		im->fs[im->nfs++] = s;
	} else if (s->agency != g || strcmp(s->title, stitle) != 0) {
		ierr(im, line, "service_code", arena_printf(im->a, "service %s has another "
		    "agency or title on line %zu", scode, s->line), arena_printf(im->a,
		    "خدمت %s در سطر %s دستگاه یا عنوان دیگری دارد", scode,
		    fa_num(im->a, (long long)s->line)));
		return;
	}
	if (city == NULL)
		return;
	key = arena_printf(im->a, "%s\t%lld", scode, *city);
	if ((seen = smap_get(&im->links, key)) != NULL) {
		ierr(im, line, "city_code", arena_printf(im->a, "service %s in %s already "
		    "appears on line %lld", scode, ccode, *seen), arena_printf(im->a,
		    "خدمت %s در %s پیش‌تر در سطر %s آمده است", scode, ccode,
		    fa_num(im->a, *seen)));
		return;
	}
	smap_put(&im->links, key, box(im->a, (long long)line));
	im->fl = grow(im->a, im->fl, im->nfl, &im->lcap, sizeof(*im->fl));
	im->fl[im->nfl].service = s;
	im->fl[im->nfl].city_id = *city;
	im->nfl++;
}

/*
 * Names must stay unique once the file is applied: an agency's name among all
 * agencies, a service's title within its agency.  Checked on the catalogue as it
 * will be (the database with the file's values over it).
 */
static void
iunique(struct imp *im)
{
	struct smap	 names, titles;
	size_t		 i;

	smap_init(&names, im->a);
	for (i = 0; i < im->agencies.cap; i++) {
		struct imp_agency *g = im->agencies.v[i].val, *o;
		const char *name;

		if (g == NULL || (!g->in_file && g->db_id == 0))
			continue;
		name = g->in_file ? g->name : g->db_name;
		if ((o = smap_get(&names, name)) == NULL) {
			smap_put(&names, name, g);
			continue;
		}
		if (!g->in_file) {
			struct imp_agency *t = g;

			g = o;
			o = t;
		}
		ierr(im, g->line, "agency_name", arena_printf(im->a, "agency %s would have "
		    "the name of agency %s", g->code, o->code), arena_printf(im->a,
		    "نام دستگاه %s با نام دستگاه %s یکی می‌شود", g->code, o->code));
	}
	smap_init(&titles, im->a);
	for (i = 0; i < im->services.cap; i++) {
		struct imp_service *s = im->services.v[i].val, *o;
		struct imp_agency *g;
		const char *key;

		if (s == NULL || (!s->in_file && s->db_id == 0))
			continue;
		g = s->in_file ? s->agency : smap_get(&im->agency_ids,
		    arena_printf(im->a, "#%lld", s->db_agency_id));
		if (g == NULL)
			continue;
		key = arena_printf(im->a, "%s\t%s", g->code, s->in_file ? s->title : s->db_title);
		if ((o = smap_get(&titles, key)) == NULL) {
			smap_put(&titles, key, s);
			continue;
		}
		if (!s->in_file) {
			struct imp_service *t = s;

			s = o;
			o = t;
		}
		ierr(im, s->line, "service_title", arena_printf(im->a, "service %s would have "
		    "the title of service %s of the same agency", s->code, o->code),
		    arena_printf(im->a, "عنوان خدمت %s با عنوان خدمت %s از همین دستگاه یکی "
		    "می‌شود", s->code, o->code));
	}
}

static int
ierr_cmp(const void *x, const void *y)
{
	const struct svc_import_error *a = x, *b = y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return 0;
}

/* Applies a valid file in the open transaction. */
static enum db_err
iapply(struct db *db, struct imp *im, int *conflict)
{
	struct svc_import_result *r = im->res;
	struct db_val	 p[3], c[3];
	enum db_err	 rc;
	size_t		 i;
	int		 n;

	*conflict = 0;
	for (i = 0; i < im->nfa; i++) {
		struct imp_agency *g = im->fa[i];

		p[0] = db_text(g->code);
		if ((n = one(db, STMT_SVC_AGENCY_LOCK_CODE, im->a, p, c, &rc)) < 0)
			return rc;
		if (n == 1) {
			g->db_id = c[0].i;
			if (strcmp(c[1].s, g->name) == 0) {
				r->agencies_unchanged++;
				continue;
			}
			p[0] = db_text(g->name);
			p[1] = db_int(g->db_id);
			rc = db_exec(db, STMT_SVC_AGENCY_RENAME, p);
			r->agencies_updated++;
		} else {
			p[1] = db_text(g->name);
			rc = db_exec(db, STMT_SVC_AGENCY_INSERT, p);
			g->db_id = (long long)db_insert_id(db, STMT_SVC_AGENCY_INSERT);
			r->agencies_created++;
		}
		if (rc == DB_DUP)
			*conflict = 1;
		if (rc != DB_OK)
			return rc;
	}
	for (i = 0; i < im->nfs; i++) {
		struct imp_service *s = im->fs[i];

		p[0] = db_text(s->code);
		if ((n = one(db, STMT_SVC_SERVICE_LOCK_CODE, im->a, p, c, &rc)) < 0)
			return rc;
		if (n == 1) {
			s->db_id = c[0].i;
			if (c[1].i == s->agency->db_id && strcmp(c[2].s, s->title) == 0) {
				r->services_unchanged++;
				continue;
			}
			p[0] = db_int(s->agency->db_id);
			p[1] = db_text(s->title);
			p[2] = db_int(s->db_id);
			rc = db_exec(db, STMT_SVC_SERVICE_UPDATE, p);
			r->services_updated++;
		} else {
			p[0] = db_int(s->agency->db_id);
			p[1] = db_text(s->code);
			p[2] = db_text(s->title);
			rc = db_exec(db, STMT_SVC_SERVICE_INSERT, p);
			s->db_id = (long long)db_insert_id(db, STMT_SVC_SERVICE_INSERT);
			r->services_created++;
		}
		if (rc == DB_DUP)
			*conflict = 1;
		if (rc != DB_OK)
			return rc;
	}
	for (i = 0; i < im->nfl; i++) {
		p[0] = db_int(im->fl[i].city_id);
		p[1] = db_int(im->fl[i].service->db_id);
		if ((rc = db_exec(db, STMT_SVC_CITY_ADD, p)) != DB_OK)
			return rc;
		if (db_affected(db, STMT_SVC_CITY_ADD) == 1)
			r->links_added++;
		else
			r->links_unchanged++;
	}
	return DB_OK;
}

enum svc_import_status
services_import(struct db *db, struct arena *a, const char *data, size_t len,
    const char *sha256_hex, const struct audit_event *actor, struct svc_import_result *res,
    enum db_err *rcp)
{
	struct imp	 im;
	struct csv_reader rd;
	struct csv_record rec;
	struct audit_event ev;
	struct buf	 nb;
	enum csv_err	 ce;
	enum db_err	 rc = DB_OK;
	int		 idx[IC__MAX], conflict, header = 0;

	memset(res, 0, sizeof(*res));
	memset(&im, 0, sizeof(im));
	*rcp = DB_OK;
	im.a = a;
	im.res = res;
	smap_init(&im.agencies, a);
	smap_init(&im.agency_ids, a);
	smap_init(&im.services, a);
	smap_init(&im.cities, a);
	smap_init(&im.links, a);
	if ((rc = iref_load(db, &im)) != DB_OK)
		goto dbfail;

	csv_init(&rd, data, len, &icsv_lim);
	for (;;) {
		if ((ce = csv_next(&rd, a, &rec)) != CSV_OK) {
			ierr(&im, csv_error_line(&rd), "file", csv_err_message(ce),
			    "ساختار CSV در این سطر نادرست است");
			break;
		}
		if (rec.n == 0)
			break;
		if (!header) {
			header = 1;
			if (iheader(&im, &rec, idx) != 0)
				break;
			continue;
		}
		irow(&im, &rec, idx);
	}
	if (!header && res->nerrors == 0)
		ierr(&im, 0, "file", "empty: a header row is required",
		    "پرونده خالی است؛ سطر سرآیند لازم است");
	else if (res->nerrors == 0 && im.nfs == 0)
		ierr(&im, 0, "file", "no rows after the header", "پس از سرآیند سطری نیست");
	if (res->nerrors == 0)
		iunique(&im);
	if (res->nerrors > 0) {
		qsort(res->errors, res->nerrors, sizeof(*res->errors), ierr_cmp);
		/* Appended after the sort, so that it stays last. */
		if (im.more > 0)
			ierr_add(&im, 0, "file", arena_printf(a, "and %zu more errors", im.more),
			    arena_printf(a, "و %s خطای دیگر", fa_num(a, (long long)im.more)));
		return SVC_IMPORT_INVALID;
	}

	if ((rc = db_begin(db)) != DB_OK)
		goto dbfail;
	if ((rc = iapply(db, &im, &conflict)) != DB_OK) {
		db_rollback(db);
		if (conflict) {
			memset(res, 0, sizeof(*res));
			im.ecap = 0;
			im.more = 0;
			ierr(&im, 0, "file", "a name or title is taken by another row while "
			    "applying the file (two rows swapping names?); import the change "
			    "in two steps", "نام یا عنوانی در میانه کار با ردیف دیگری برخورد "
			    "کرد (جابه‌جایی نام‌ها؟)؛ تغییر را در دو مرحله وارد کنید");
			return SVC_IMPORT_INVALID;
		}
		goto dbfail;
	}
	if (res->agencies_created + res->agencies_updated + res->services_created +
	    res->services_updated + res->links_added == 0) {
		/* A file already applied: nothing changes, so there is nothing to record. */
		db_rollback(db);
		return SVC_IMPORT_OK;
	}
	buf_init(&nb, a);
	json_begin(&nb);
	json_str(&nb, "sha256", sha256_hex);
	json_int(&nb, "agencies_created", res->agencies_created);
	json_int(&nb, "agencies_updated", res->agencies_updated);
	json_int(&nb, "services_created", res->services_created);
	json_int(&nb, "services_updated", res->services_updated);
	json_int(&nb, "links_added", res->links_added);
	json_end(&nb);
	ev = *actor;
	ev.action = "services.import";
	ev.entity_type = "service";
	ev.entity_id = 0;
	ev.new_json = buf_cstr(&nb);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK) {
		db_rollback(db);
		goto dbfail;
	}
	return SVC_IMPORT_OK;
dbfail:
	memset(res, 0, sizeof(*res));
	*rcp = rc;
	return SVC_IMPORT_DB;
}
