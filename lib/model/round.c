/*
 * Queries of the rounds table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "jalali.h"
#include "model/round.h"
#include "model/stmts.h"

enum db_err
round_current(struct db *db, struct arena *a, struct round *r, int *found)
{
	struct db_val	 c[6];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(r, 0, sizeof(*r));
	if ((rc = db_exec(db, STMT_ROUND_CURRENT, NULL)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_ROUND_CURRENT, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		r->id = c[0].i;
		r->code = c[1].s;
		r->title = c[2].s;
		r->state = c[3].s;
		r->decl_start = c[4].s;
		r->decl_end = c[5].s;
		*found = 1;
		db_done(db, STMT_ROUND_CURRENT);
	}
	return DB_OK;
}

/* Administration. */

static void
fill_admin(struct round_admin *ra, const struct db_val *c)
{
	ra->id = c[0].i;
	ra->code = c[1].s;
	ra->title = c[2].s;
	ra->state = c[3].s;
	ra->decl_start = c[4].s;
	ra->decl_end = c[5].s;
	ra->review_end = c[6].s;
	ra->correction_days = (int)c[7].i;
	ra->objection_days = (int)c[8].i;
	ra->rank1_min_x100 = (int)c[9].i;
	ra->rank2_min_x100 = (int)c[10].i;
	ra->ncriteria = (int)c[11].i;
}

enum db_err
round_list(struct db *db, struct arena *a, struct round_admin **out, size_t *nout)
{
	struct db_val	 c[13];
	size_t		 cap = 8;
	enum db_err	 rc;
	int		 n;

	*nout = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, STMT_ROUND_LIST, NULL)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_ROUND_LIST, a, c)) == 1) {
		if (*nout == cap) {
			*out = arena_realloc(a, *out, cap * sizeof(**out), 2 * cap * sizeof(**out));
			cap *= 2;
		}
		fill_admin(&(*out)[(*nout)++], c);
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
round_get(struct db *db, struct arena *a, long long id, struct round_admin *ra, int *found)
{
	struct db_val	 p = db_int(id), c[13];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	if ((rc = db_exec(db, STMT_ROUND_GET, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_ROUND_GET, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		fill_admin(ra, c);
		db_done(db, STMT_ROUND_GET);
		*found = 1;
	}
	return DB_OK;
}

enum db_err
round_by_code(struct db *db, const char *code, long long *id)
{
	struct db_val	 p = db_text(code), c[1];
	enum db_err	 rc;
	int		 n;

	*id = 0;
	if ((rc = db_exec(db, STMT_ROUND_BY_CODE, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_ROUND_BY_CODE, NULL, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		*id = c[0].i;
		db_done(db, STMT_ROUND_BY_CODE);
	}
	return DB_OK;
}

/* A Jalali date as typed -> its JDN, or -1. */
static long
typed_jdn(const char *s)
{
	int	 jy, jm, jd;

	if (s == NULL || jalali_parse(s, strlen(s), &jy, &jm, &jd) != 0)
		return -1;
	return jalali_to_jdn(jy, jm, jd);
}

/* A JDN as "YYYY-MM-DD" (Gregorian) in the arena, or NULL. */
static const char *
jdn_greg(struct arena *a, long jdn)
{
	int	 jy, jm, jd, gy, gm, gd;

	if (jdn_to_jalali(jdn, &jy, &jm, &jd) != 0 ||
	    jalali_to_gregorian(jy, jm, jd, &gy, &gm, &gd) != 0)
		return NULL;
	return arena_printf(a, "%04d-%02d-%02d", gy, gm, gd);
}

static long
greg_jdn(const char *g)
{
	int	 gy, gm, gd, jy, jm, jd;

	if (g == NULL || gregorian_parse(g, strlen(g), &gy, &gm, &gd) != 0 ||
	    gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd) != 0)
		return -1;
	return jalali_to_jdn(jy, jm, jd);
}

static const struct {
	const char	*state;
	const char	*label;
} round_states[] = {
	{ "draft",	"پیش‌نویس (شاخص‌ها قابل ویرایش)" },
	{ "open",	"باز برای خوداظهاری" },
	{ "review",	"بررسی مناطق" },
	{ "scoring",	"امتیازدهی" },
	{ "published",	"نتایج منتشر شده" },
	{ "objection",	"مهلت اعتراض" },
	{ "final",	"رتبه‌های نهایی" },
	{ "closed",	"بایگانی" },
};

const char *
round_state_label(const char *s)
{
	size_t	 i;

	for (i = 0; i < sizeof(round_states) / sizeof(round_states[0]); i++)
		if (strcmp(round_states[i].state, s) == 0)
			return round_states[i].label;
	return s;
}

const char *
round_tehran_day(struct arena *a, int64_t now, int add_days)
{
	struct tehran_tm tm;
	long	 j;

	tehran_from_unix(now, &tm);
	if ((j = jalali_to_jdn(tm.jy, tm.jm, tm.jd)) < 0)
		return NULL;
	return jdn_greg(a, j + add_days);
}

const char *
round_jalali(struct arena *a, const char *greg)
{
	int	 jy, jm, jd;
	char	 out[32];
	long	 j = greg_jdn(greg);

	if (j < 0 || jdn_to_jalali(j, &jy, &jm, &jd) != 0 ||
	    jalali_format(out, sizeof(out), jy, jm, jd, 1) < 0)
		return "";
	return arena_strdup(a, out);
}

static int
days_of(const char *s, int def, int *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0') {
		*out = def;
		return 0;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || v > 60)
		return -1;
	*out = (int)v;
	return 0;
}

static enum db_err
copy_rubric(struct db *db, long long to, long long from)
{
	static const int copies[] = { STMT_ROUND_COPY_SECTIONS, STMT_ROUND_COPY_CRITERIA,
	    STMT_ROUND_COPY_OPTIONS, STMT_ROUND_COPY_EVIDENCE, STMT_ROUND_COPY_VIOLATIONS };
	struct db_val	 p[3];
	enum db_err	 rc;
	size_t		 i;

	p[0] = db_int(from);
	p[1] = db_int(to);
	if ((rc = db_exec(db, STMT_ROUND_COPY_SETTINGS, p)) != DB_OK)
		return rc;
	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		p[0] = db_int(to);
		if (copies[i] == STMT_ROUND_COPY_CRITERIA) {
			p[1] = db_int(to);
			p[2] = db_int(from);
		} else
			p[1] = db_int(from);
		if ((rc = db_exec(db, copies[i], p)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

#define PROBLEM(f, m)	do {						\
	if (*nprobs < 8) {						\
		probs[*nprobs].field = (f);				\
		probs[*nprobs].message = (m);				\
		(*nprobs)++;						\
	}								\
} while (0)

enum db_err
round_create(struct db *db, struct arena *a, const struct round_form *f,
    const char *default_rubric, const struct audit_event *actor, long long *id,
    struct round_problem *probs, size_t *nprobs)
{
	struct db_val	 p[7], c[1];
	struct audit_event ev;
	const char	*start = NULL, *end = NULL, *rend = NULL;
	long		 js, je, jr;
	long long	 dup, prev = 0;
	int		 cd = 5, od = 7, n;
	enum db_err	 rc;
	size_t		 len;

	*id = 0;
	*nprobs = 0;
	len = strlen(f->code);
	if (len != 6 || f->code[0] != '1' || strspn(f->code + 1, "0123456789") != 3 ||
	    f->code[4] != '-' || (f->code[5] != '1' && f->code[5] != '2'))
		PROBLEM("code", "کد دوره را به شکل سال و نیمسال بنویسید، مانند 1405-2.");
	if (f->title[0] == '\0')
		PROBLEM("title", "عنوان دوره را وارد کنید.");
	if ((js = typed_jdn(f->start)) < 0)
		PROBLEM("start", "تاریخ آغاز خوداظهاری را به شکل ۱۴۰۵/۰۸/۲۴ وارد کنید.");
	je = f->end != NULL && *f->end != '\0' ? typed_jdn(f->end) : js < 0 ? -1 : js + 19;
	if (je < 0 && f->end != NULL && *f->end != '\0')
		PROBLEM("end", "تاریخ پایان خوداظهاری معتبر نیست.");
	jr = f->review_end != NULL && *f->review_end != '\0' ? typed_jdn(f->review_end) :
	    je < 0 ? -1 : je + 10;
	if (jr < 0 && f->review_end != NULL && *f->review_end != '\0')
		PROBLEM("review_end", "تاریخ پایان بررسی معتبر نیست.");
	if (js >= 0 && je >= 0 && je < js)
		PROBLEM("end", "پایان خوداظهاری پیش از آغاز آن است.");
	if (je >= 0 && jr >= 0 && jr <= je)
		PROBLEM("review_end", "پایان بررسی منطقه باید پس از پایان خوداظهاری باشد.");
	if (days_of(f->correction_days, 5, &cd) != 0)
		PROBLEM("correction_days", "مهلت اصلاح باید از ۱ تا ۶۰ روز باشد.");
	if (days_of(f->objection_days, 7, &od) != 0)
		PROBLEM("objection_days", "مهلت اعتراض باید از ۱ تا ۶۰ روز باشد.");
	if (*nprobs > 0)
		return DB_OK;
	start = jdn_greg(a, js);
	end = jdn_greg(a, je);
	rend = jdn_greg(a, jr);
	if (start == NULL || end == NULL || rend == NULL) {
		PROBLEM("start", "تاریخ‌ها خارج از بازه پذیرفتنی است.");
		return DB_OK;
	}

	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = round_by_code(db, f->code, &dup)) != DB_OK)
		goto fail;
	if (dup != 0) {
		db_rollback(db);
		PROBLEM("code", "دوره‌ای با این کد پیش‌تر ساخته شده است.");
		return DB_OK;
	}
	p[0] = db_int(0);
	p[1] = db_text(rend);
	p[2] = db_text(start);
	if ((rc = db_exec(db, STMT_ROUND_OVERLAP, p)) != DB_OK)
		goto fail;
	if ((n = db_fetch(db, STMT_ROUND_OVERLAP, a, c)) < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	if (n == 1) {
		db_done(db, STMT_ROUND_OVERLAP);
		db_rollback(db);
		PROBLEM("start", arena_printf(a, "بازه این دوره با خوداظهاری یا بررسی دوره %s "
		    "هم‌پوشانی دارد.", c[0].s));
		return DB_OK;
	}
	p[0] = db_text(f->code);
	p[1] = db_text(f->title);
	p[2] = db_text(start);
	p[3] = db_text(end);
	p[4] = db_text(rend);
	p[5] = db_int(cd);
	p[6] = db_int(od);
	if ((rc = db_exec(db, STMT_ROUND_INSERT, p)) != DB_OK)
		goto fail;
	*id = (long long)db_insert_id(db, STMT_ROUND_INSERT);
	p[0] = db_text(start);
	p[1] = db_int(*id);
	if ((rc = db_exec(db, STMT_ROUND_PREVIOUS, p)) != DB_OK)
		goto fail;
	if ((n = db_fetch(db, STMT_ROUND_PREVIOUS, NULL, c)) < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	if (n == 1) {
		prev = c[0].i;
		db_done(db, STMT_ROUND_PREVIOUS);
		rc = copy_rubric(db, *id, prev);
	} else {
		char *sql = arena_printf(a, "SET @round_id = %lld;\n%s", *id,
		    default_rubric != NULL ? default_rubric : "");
		rc = db_script(db, sql, strlen(sql));
	}
	if (rc != DB_OK)
		goto fail;
	ev = *actor;
	ev.action = "round.create";
	ev.entity_type = "round";
	ev.entity_id = *id;
	ev.new_json = arena_printf(a, "{\"code\":\"%s\",\"decl_start\":\"%s\",\"decl_end\":\"%s\","
	    "\"review_end\":\"%s\",\"correction_days\":%d,\"objection_days\":%d,"
	    "\"rubric_from\":%lld}", f->code, start, end, rend, cd, od, prev);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	*id = 0;
	return rc;
}

enum db_err
round_open(struct db *db, struct arena *a, long long id, const struct audit_event *actor,
    const char **why)
{
	struct round_admin ra;
	struct audit_event ev;
	struct db_val	 p = db_int(id);
	enum db_err	 rc;
	int		 found;

	*why = NULL;
	if ((rc = round_get(db, a, id, &ra, &found)) != DB_OK)
		return rc;
	if (!found || strcmp(ra.state, "draft") != 0) {
		*why = "فقط دوره‌ای که هنوز باز نشده است را می‌توان باز کرد.";
		return DB_OK;
	}
	if (ra.ncriteria == 0) {
		*why = "این دوره هنوز شاخصی ندارد و باز نمی‌شود.";
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	rc = db_exec(db, STMT_ROUND_OPEN, &p);
	if (rc == DB_DUP) {
		db_rollback(db);
		*why = "دوره دیگری برای خوداظهاری باز است؛ در هر زمان فقط یک دوره باز می‌ماند.";
		return DB_OK;
	}
	if (rc != DB_OK)
		goto fail;
	if (db_affected(db, STMT_ROUND_OPEN) != 1) {
		db_rollback(db);
		*why = "فقط دوره‌ای که هنوز باز نشده است را می‌توان باز کرد.";
		return DB_OK;
	}
	ev = *actor;
	ev.action = "round.open";
	ev.entity_type = "round";
	ev.entity_id = id;
	ev.new_json = arena_printf(a, "{\"code\":\"%s\"}", ra.code);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

enum db_err
round_extend(struct db *db, struct arena *a, long long id, const char *to,
    const char *office_code, const char *reason, const struct audit_event *actor,
    const char **why)
{
	struct audit_event ev;
	struct db_val	 p[5], c[3];
	const char	*state, *end, *rend, *nend, *nrend;
	long		 jt, je, jr;
	long long	 office = 0;
	enum db_err	 rc;
	int		 n;

	*why = NULL;
	if ((jt = typed_jdn(to)) < 0 || (nend = jdn_greg(a, jt)) == NULL) {
		*why = "تاریخ تازه را به شکل ۱۴۰۵/۰۹/۱۵ وارد کنید.";
		return DB_OK;
	}
	if (office_code != NULL && (reason == NULL || *reason == '\0')) {
		*why = "دلیل تمدید برای این دفتر را بنویسید.";
		return DB_OK;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	p[0] = db_int(id);
	if ((rc = db_exec(db, STMT_ROUND_LOCK, p)) != DB_OK)
		goto fail;
	if ((n = db_fetch(db, STMT_ROUND_LOCK, a, c)) != 1) {
		rc = n < 0 ? DB_ERROR : DB_OK;
		db_rollback(db);
		if (n == 0)
			*why = "این دوره پیدا نشد.";
		return rc;
	}
	db_done(db, STMT_ROUND_LOCK);
	state = c[0].s;
	end = c[1].s;
	rend = c[2].s;
	je = greg_jdn(end);
	jr = greg_jdn(rend);
	if (strcmp(state, "draft") != 0 && strcmp(state, "open") != 0 &&
	    !(office_code != NULL && strcmp(state, "review") == 0)) {
		db_rollback(db);
		*why = "مهلت خوداظهاری این دوره دیگر قابل تمدید نیست.";
		return DB_OK;
	}
	if (jt <= je) {
		db_rollback(db);
		*why = "تاریخ تازه باید پس از پایان کنونی خوداظهاری باشد.";
		return DB_OK;
	}
	if (office_code != NULL) {
		p[0] = db_text(office_code);
		if ((rc = db_exec(db, STMT_ROUND_OFFICE_BY_CODE, p)) != DB_OK)
			goto fail;
		if ((n = db_fetch(db, STMT_ROUND_OFFICE_BY_CODE, NULL, c)) < 0) {
			rc = DB_ERROR;
			goto fail;
		}
		if (n == 0) {
			db_rollback(db);
			*why = "دفتری با این کد پیدا نشد.";
			return DB_OK;
		}
		office = c[0].i;
		db_done(db, STMT_ROUND_OFFICE_BY_CODE);
		if (jt > jr) {
			db_rollback(db);
			*why = "تمدید یک دفتر نمی‌تواند از پایان بررسی منطقه بگذرد.";
			return DB_OK;
		}
		p[0] = db_int(id);
		p[1] = db_int(office);
		p[2] = db_text(nend);
		p[3] = db_text(reason);
		p[4] = db_int(actor->actor_user_id);
		if (actor->actor_user_id == 0) {
			db_rollback(db);
			*why = "تمدید برای یک دفتر به نام کاربر ستاد ثبت می‌شود.";
			return DB_OK;
		}
		if ((rc = db_exec(db, STMT_ROUND_EXTEND_OFFICE, p)) != DB_OK)
			goto fail;
	} else {
		nrend = jdn_greg(a, jr + (jt - je));
		p[0] = db_int(id);
		p[1] = db_text(nrend);
		p[2] = db_text(nend);
		if ((rc = db_exec(db, STMT_ROUND_OVERLAP, p)) != DB_OK)
			goto fail;
		if ((n = db_fetch(db, STMT_ROUND_OVERLAP, a, c)) < 0) {
			rc = DB_ERROR;
			goto fail;
		}
		if (n == 1) {
			db_done(db, STMT_ROUND_OVERLAP);
			db_rollback(db);
			*why = arena_printf(a, "با این تمدید، بازه دوره با دوره %s هم‌پوشانی پیدا می‌کند.",
			    c[0].s);
			return DB_OK;
		}
		p[0] = db_text(nend);
		p[1] = db_text(nrend);
		p[2] = db_int(id);
		if ((rc = db_exec(db, STMT_ROUND_EXTEND, p)) != DB_OK)
			goto fail;
	}
	ev = *actor;
	ev.action = office_code != NULL ? "round.extend_office" : "round.extend";
	ev.entity_type = "round";
	ev.entity_id = id;
	ev.old_json = arena_printf(a, "{\"decl_end\":\"%s\"}", end);
	ev.new_json = office_code != NULL ?
	    arena_printf(a, "{\"decl_end\":\"%s\",\"office_id\":%lld}", nend, office) :
	    arena_printf(a, "{\"decl_end\":\"%s\"}", nend);
	if ((rc = audit_append(db, a, &ev)) != DB_OK || (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return rc;
}

char *
round_default_rubric(struct arena *a, const char *sql_dir)
{
	FILE	*f;
	char	*s;
	long	 n;

	if ((f = fopen(arena_printf(a, "%s/reference/rubric/default.sql", sql_dir), "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > (1L << 20) ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	s = arena_alloc(a, (size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return NULL;
	}
	fclose(f);
	s[n] = '\0';
	return s;
}
