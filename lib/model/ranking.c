/*
 * Ranking a round and publishing it (see ranking.h).
 *
 * Scoring a set of files streams three sorted results (values, last known values,
 * violations; the connector stores each client-side) against the list of files,
 * so that a round of 30 000 offices needs one file's arrays at a time, not the
 * whole round's values, and writes each file as soon as it is scored.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "clock.h"
#include "json.h"
#include "model/page_cache.h"
#include "model/ranking.h"
#include "model/round.h"
#include "model/rubric.h"
#include "model/stmts.h"
#include "score.h"

const char *
ranking_basis_name(enum rank_basis b)
{
	switch (b) {
	case BASIS_DECLARED:
		return "declared";
	case BASIS_LAST_KNOWN:
		return "last_known";
	default:
		return "not_evaluated";
	}
}

/* The round's row, locked by the caller's transaction. */
struct lround {
	long long	 id;
	const char	*code, *state, *decl_start, *decl_end, *review_end;
	long long	 rank1_min, rank2_min;
	int		 last_known;	/* nonsubmit_rule */
	int		 objection_days;
	const char	*objection_end;	/* NULL before publication */
	const char	*title;
};

static enum db_err
round_lock(struct db *db, struct arena *a, long long id, struct lround *r, int *found)
{
	struct db_val	 p = db_int(id), c[12];
	enum db_err	 rc;
	int		 f;

	*found = 0;
	if ((rc = db_exec(db, STMT_RANK_ROUND_LOCK, &p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_RANK_ROUND_LOCK, a, c)) == 1) {
		r->id = c[0].i;
		r->code = c[1].s;
		r->state = c[2].s;
		r->decl_start = c[3].s;
		r->decl_end = c[4].s;
		r->review_end = c[5].s;
		r->rank1_min = c[6].i;
		r->rank2_min = c[7].i;
		r->last_known = strcmp(c[8].s, "last_known") == 0;
		r->objection_days = (int)c[9].i;
		r->objection_end = c[10].null ? NULL : c[10].s;
		r->title = c[11].s;
		*found = 1;
	}
	return f < 0 ? DB_ERROR : DB_OK;
}

static enum db_err
set_state(struct db *db, long long id, const char *from, const char *to, int *done)
{
	struct db_val	 p[3] = { db_text(to), db_int(id), db_text(from) };
	enum db_err	 rc;

	if ((rc = db_exec(db, STMT_RANK_SET_STATE, p)) != DB_OK)
		return rc;
	*done = db_affected(db, STMT_RANK_SET_STATE) == 1;
	return DB_OK;
}

static enum db_err
audit_round(struct db *db, struct arena *a, const struct audit_event *actor,
    const char *action, long long id, const char *old_json, const char *new_json)
{
	struct audit_event ev = *actor;

	ev.action = action;
	ev.entity_type = "round";
	ev.entity_id = id;
	ev.old_json = old_json;
	ev.new_json = new_json;
	return audit_append(db, a, &ev);
}

/* 1 when Tehran day "YYYY-MM-DD" day has ended at now. */
static int
day_over(struct arena *a, const char *day, int64_t now)
{
	const char *today = round_tehran_day(a, now, 0);

	return today != NULL && strcmp(day, today) < 0;
}

enum db_err
ranking_close_declarations(struct db *db, struct arena *a, long long round_id,
    int64_t now, const struct audit_event *actor, const char **why)
{
	struct lround	 r;
	struct db_val	 p[2] = { db_int(round_id), db_int(round_id) }, c[1];
	enum db_err	 rc;
	const char	*last_ext = "0000-00-00";
	int		 found, done, f;

	*why = NULL;
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = round_lock(db, a, round_id, &r, &found)) != DB_OK)
		goto fail;
	if (!found || strcmp(r.state, "open") != 0) {
		*why = "فقط دوره‌ای که برای خوداظهاری باز است بسته می‌شود.";
		goto refuse;
	}
	if ((rc = db_exec(db, STMT_RANK_LAST_EXTENSION, p)) != DB_OK)
		goto fail;
	while ((f = db_fetch(db, STMT_RANK_LAST_EXTENSION, a, c)) == 1)
		last_ext = c[0].s;
	if (f < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	if (!day_over(a, r.decl_end, now) || !day_over(a, last_ext, now)) {
		*why = "مهلت خوداظهاری (یا تمدید یکی از دفترها) هنوز تمام نشده است.";
		goto refuse;
	}
	if ((rc = db_exec(db, STMT_RANK_DRAFTS_CLOSE, p)) != DB_OK ||
	    (rc = db_exec(db, STMT_RANK_MISSING_FILES, p)) != DB_OK ||
	    (rc = set_state(db, round_id, "open", "review", &done)) != DB_OK)
		goto fail;
	if ((rc = audit_round(db, a, actor, "round.close_declarations", round_id,
	    "{\"state\":\"open\"}", "{\"state\":\"review\"}")) != DB_OK ||
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
ranking_rubric(struct db *db, struct arena *a, long long round_id,
    const struct rubric *rb, struct rank_rubric *rr)
{
	struct lround	 r;
	enum db_err	 rc;
	size_t		 i, j;
	int		 found;

	memset(rr, 0, sizeof(*rr));
	rr->rb = rb;
	/* Outside a transaction the lock is only a read. */
	if ((rc = round_lock(db, a, round_id, &r, &found)) != DB_OK)
		return rc;
	if (found) {
		rr->rank1_min = r.rank1_min;
		rr->rank2_min = r.rank2_min;
	}
	rr->crits = arena_calloc(a, rb->ncrits ? rb->ncrits : 1, sizeof(*rr->crits));
	for (i = 0; i < rb->ncrits; i++) {
		const struct rubric_criterion *c = &rb->crits[i];
		struct score_option *o = arena_calloc(a, c->nopts ? c->nopts : 1, sizeof(*o));

		for (j = 0; j < c->nopts; j++) {
			o[j].id = c->opts[j].id;
			o[j].has_lower = c->opts[j].has_lower;
			o[j].has_upper = c->opts[j].has_upper;
			o[j].lower = c->opts[j].lower;
			o[j].upper = c->opts[j].upper;
			o[j].points_x100 = c->opts[j].points_x100;
		}
		rr->crits[i].id = c->id;
		rr->crits[i].kind = c->kind == CRIT_NUMBER ? SCORE_BANDS : SCORE_OPTIONS;
		rr->crits[i].opts = o;
		rr->crits[i].nopts = c->nopts;
	}
	return DB_OK;
}

/* The index of criterion id in rr, or -1 (a binary search would need sorted ids). */
static long
crit_index(const struct rank_rubric *rr, long long id)
{
	size_t	 i;

	for (i = 0; i < rr->rb->ncrits; i++)
		if (rr->crits[i].id == id)
			return (long)i;
	return -1;
}

/* A sorted result read one row ahead. */
struct stream {
	int		 stmt;
	int		 ncols;
	int		 have;		/* a row is waiting in cols */
	int		 failed;
	struct db_val	 cols[6];
};

static void
stream_next(struct db *db, struct arena *a, struct stream *s)
{
	int	 f;

	if (s->failed)
		return;
	f = db_fetch(db, s->stmt, a, s->cols);
	s->have = f == 1;
	if (f < 0)
		s->failed = 1;
}

/* Runs s->stmt and reads its first row. */
static enum db_err
stream_open(struct db *db, struct arena *a, struct stream *s, const struct db_val *p)
{
	enum db_err	 rc;

	if ((rc = db_exec(db, s->stmt, p)) != DB_OK)
		return rc;
	stream_next(db, a, s);
	return DB_OK;
}

/* Called with each file scored; f's arrays are reused for the next file. */
typedef enum db_err (*file_cb)(struct db *, struct arena *, const struct rank_rubric *,
    struct rank_file *, void *);

struct file_row {
	long long	 id, office_id;
	int		 submitted;
};

/*
 * Scores the files of round_id (every one, or decl_id alone) and hands each to cb.
 * Files not submitted are scored on their last known data when the round's rule
 * says so and there is any, else left not evaluated.
 */
static enum db_err
score_set(struct db *db, struct arena *a, const struct rank_rubric *rr, long long round_id,
    long long decl_id, int last_known_rule, file_cb cb, void *ctx)
{
	struct db_val	 p[2] = { db_int(round_id), db_int(decl_id) }, c[3];
	struct stream	 vs, ks, xs;
	int		 one = decl_id != 0;
	struct file_row	*files = NULL;
	size_t		 nfiles = 0, cap = 0, i, n = rr->rb->ncrits, vcap = 0;
	struct rank_file f;
	enum db_err	 rc;
	int		 got;

	if ((rc = db_exec(db, one ? STMT_RANK_FILES_ONE : STMT_RANK_FILES, p)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, one ? STMT_RANK_FILES_ONE : STMT_RANK_FILES, a, c)) == 1) {
		if (nfiles == cap) {
			size_t ncap = cap ? cap * 2 : 256;

			files = arena_realloc(a, files, cap * sizeof(*files), ncap * sizeof(*files));
			cap = ncap;
		}
		files[nfiles].id = c[0].i;
		files[nfiles].office_id = c[1].i;
		files[nfiles].submitted = strcmp(c[2].s, "draft") != 0 &&
		    strcmp(c[2].s, "not_submitted") != 0;
		nfiles++;
	}
	if (got < 0)
		return DB_ERROR;

	memset(&f, 0, sizeof(f));
	f.vals = arena_calloc(a, n ? n : 1, sizeof(*f.vals));
	f.lines = arena_calloc(a, n ? n : 1, sizeof(*f.lines));
	memset(&vs, 0, sizeof(vs));
	memset(&ks, 0, sizeof(ks));
	memset(&xs, 0, sizeof(xs));
	vs.stmt = one ? STMT_RANK_VALUES_ONE : STMT_RANK_VALUES;
	ks.stmt = one ? STMT_RANK_LAST_KNOWN_ONE : STMT_RANK_LAST_KNOWN;
	xs.stmt = one ? STMT_RANK_VIOLATIONS_ONE : STMT_RANK_VIOLATIONS;
	if ((rc = stream_open(db, a, &vs, p)) != DB_OK ||
	    (rc = stream_open(db, a, &ks, p)) != DB_OK ||
	    (rc = stream_open(db, a, &xs, p)) != DB_OK)
		goto out;

	for (i = 0; i < nfiles; i++) {
		const struct file_row *fr = &files[i];
		int	 own = 0, known = 0;
		long	 k;

		memset(f.vals, 0, n * sizeof(*f.vals));
		f.decl_id = fr->id;
		f.office_id = fr->office_id;
		f.source_round = NULL;
		f.nviols = 0;
		/* The file's own values (drafts' values are read and ignored). */
		while (vs.have && vs.cols[0].i < fr->id)
			stream_next(db, a, &vs);
		while (vs.have && vs.cols[0].i == fr->id) {
			if (fr->submitted && (k = crit_index(rr, vs.cols[1].i)) >= 0) {
				f.vals[k].has_num = (int)vs.cols[2].i;
				f.vals[k].num = vs.cols[3].i;
				f.vals[k].option_id = vs.cols[4].i;
				own = 1;
			}
			stream_next(db, a, &vs);
		}
		/* Last known values of a file not submitted. */
		while (ks.have && ks.cols[0].i < fr->id)
			stream_next(db, a, &ks);
		while (ks.have && ks.cols[0].i == fr->id) {
			if (!fr->submitted && last_known_rule &&
			    (k = crit_index(rr, ks.cols[1].i)) >= 0) {
				f.vals[k].has_num = (int)ks.cols[2].i;
				f.vals[k].num = ks.cols[3].i;
				f.vals[k].option_id = ks.cols[4].i;
				f.source_round = ks.cols[5].s;
				known = 1;
			}
			stream_next(db, a, &ks);
		}
		/* Violations count whatever the basis. */
		while (xs.have && xs.cols[0].i < fr->id)
			stream_next(db, a, &xs);
		while (xs.have && xs.cols[0].i == fr->id) {
			if (f.nviols == vcap) {
				size_t ncap = vcap ? vcap * 2 : 8;

				f.viols = arena_realloc(a, f.viols, vcap * sizeof(*f.viols),
				    ncap * sizeof(*f.viols));
				f.deds = arena_realloc(a, f.deds, vcap * sizeof(*f.deds),
				    ncap * sizeof(*f.deds));
				f.viol_codes = arena_realloc(a, f.viol_codes,
				    vcap * sizeof(*f.viol_codes), ncap * sizeof(*f.viol_codes));
				vcap = ncap;
			}
			f.viols[f.nviols].type_id = xs.cols[1].i;
			f.viols[f.nviols].occurrences = (int)xs.cols[2].i;
			f.viols[f.nviols].points_each_x100 = (int)xs.cols[3].i;
			f.viols[f.nviols].max_count = (int)xs.cols[4].i;
			f.viol_codes[f.nviols] = xs.cols[5].s;
			f.nviols++;
			stream_next(db, a, &xs);
		}
		if (vs.failed || ks.failed || xs.failed) {
			rc = DB_ERROR;
			goto out;
		}
		f.basis = fr->submitted ? BASIS_DECLARED :
		    known ? BASIS_LAST_KNOWN : BASIS_NOT_EVALUATED;
		(void)own;
		score_file(rr->crits, f.vals, n, f.viols, f.nviols, rr->rank1_min,
		    rr->rank2_min, f.lines, f.deds, &f.res);
		if ((rc = cb(db, a, rr, &f, ctx)) != DB_OK)
			goto out;
	}
	rc = DB_OK;
out:
	db_done(db, vs.stmt);
	db_done(db, ks.stmt);
	db_done(db, xs.stmt);
	return rc;
}

static void
breakdown_write(struct buf *bp, const struct rank_rubric *rr, const struct rank_file *f)
{
	size_t		 i;

	buf_printf(bp, "{\"v\":1,\"basis\":\"%s\"", ranking_basis_name(f->basis));
	if (f->source_round != NULL) {
		buf_puts(bp, ",\"source_round\":");
		json_string(bp, f->source_round, strlen(f->source_round));
	}
	buf_puts(bp, ",\"criteria\":[");
	for (i = 0; i < rr->rb->ncrits; i++) {
		const struct rubric_criterion *c = &rr->rb->crits[i];
		const struct score_line *l = &f->lines[i];

		buf_puts(bp, i ? ",{\"code\":" : "{\"code\":");
		json_string(bp, c->code, strlen(c->code));
		if (!l->has_value)
			buf_puts(bp, ",\"value\":null");
		else if (c->kind == CRIT_NUMBER)
			buf_printf(bp, ",\"value\":%lld", f->vals[i].num);
		else {
			const struct rubric_option *o = rubric_option_id(rr->rb,
			    f->vals[i].option_id);

			buf_puts(bp, ",\"value\":");
			if (o != NULL)
				json_string(bp, o->code, strlen(o->code));
			else
				buf_puts(bp, "null");
		}
		buf_puts(bp, ",\"band\":");
		if (l->option >= 0)
			json_string(bp, c->opts[l->option].code, strlen(c->opts[l->option].code));
		else
			buf_puts(bp, "null");
		buf_printf(bp, ",\"points\":%d}", l->points_x100);
	}
	buf_puts(bp, "],\"deductions\":[");
	for (i = 0; i < f->nviols; i++) {
		buf_puts(bp, i ? ",{\"type\":" : "{\"type\":");
		json_string(bp, f->viol_codes[i], strlen(f->viol_codes[i]));
		buf_printf(bp, ",\"occurrences\":%d,\"counted\":%d,\"each\":%d,\"points\":%lld}",
		    f->viols[i].occurrences, f->deds[i].counted, f->viols[i].points_each_x100,
		    f->deds[i].points_x100);
	}
	buf_printf(bp, "],\"criteria_x100\":%lld,\"deductions_x100\":%lld,"
	    "\"total_x100\":%lld,\"rank\":%d,\"rank1_min\":%lld,\"rank2_min\":%lld}",
	    f->res.criteria_x100, f->res.deductions_x100, f->res.total_x100,
	    f->basis == BASIS_NOT_EVALUATED ? 0 : f->res.rank, rr->rank1_min, rr->rank2_min);
}

const char *
ranking_breakdown_json(struct arena *a, const struct rank_rubric *rr,
    const struct rank_file *f)
{
	struct buf	 b;

	buf_init(&b, a);
	breakdown_write(&b, rr, f);
	return buf_cstr(&b);
}

struct store_ctx {
	struct buf		 json;	/* reused: a round is too big for the arena */
	const char		*at;
	struct rank_counts	*counts;
};

static enum db_err
store_file(struct db *db, struct arena *a, const struct rank_rubric *rr,
    struct rank_file *f, void *vctx)
{
	struct store_ctx *ctx = vctx;
	struct db_val	 p[6];
	enum db_err	 rc;
	if (f->basis == BASIS_NOT_EVALUATED) {
		p[0] = db_null();
		p[1] = db_null();
		p[3] = db_null();
		ctx->counts->by_rank[0]++;
	} else {
		p[0] = db_int(f->res.total_x100);
		p[1] = db_int(f->res.rank);
		buf_clear(&ctx->json);
		breakdown_write(&ctx->json, rr, f);
		p[3] = db_text(buf_cstr(&ctx->json));
		ctx->counts->by_rank[f->res.rank]++;
		if (f->basis == BASIS_LAST_KNOWN)
			ctx->counts->last_known++;
	}
	ctx->counts->files++;
	p[2] = db_text(ranking_basis_name(f->basis));
	p[4] = db_text(ctx->at);
	p[5] = db_int(f->decl_id);
	rc = db_exec(db, STMT_RANK_STORE, p);
	return rc;
}

enum db_err
ranking_run(struct db *db, struct arena *a, long long round_id, int64_t now,
    const struct audit_event *actor, struct rank_counts *counts, const char **why)
{
	struct lround	 r;
	struct rubric	 rb;
	struct rank_rubric rr;
	struct store_ctx ctx;
	struct db_val	 p[2], c[1];
	char		 at[32];
	enum db_err	 rc;
	long long	 waiting = 0;
	int		 found, f;

	*why = NULL;
	memset(counts, 0, sizeof(*counts));
	clock_sql(now, at, sizeof(at));
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = round_lock(db, a, round_id, &r, &found)) != DB_OK)
		goto fail;
	if (!found || (strcmp(r.state, "review") != 0 && strcmp(r.state, "scoring") != 0)) {
		*why = "رتبه‌بندی فقط پس از پایان خوداظهاری و پیش از انتشار نتایج ممکن است.";
		goto refuse;
	}
	p[0] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_UNREVIEWED, p)) != DB_OK)
		goto fail;
	while ((f = db_fetch(db, STMT_RANK_UNREVIEWED, a, c)) == 1)
		waiting = c[0].i;
	if (f < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	if (strcmp(r.state, "review") == 0 && waiting > 0 && !day_over(a, r.review_end, now)) {
		*why = arena_printf(a, "مهلت بررسی مناطق هنوز تمام نشده است و %lld پرونده "
		    "هنوز در دست بررسی است.", waiting);
		goto refuse;
	}
	if ((rc = rubric_load(db, a, round_id, &rb)) != DB_OK ||
	    (rc = ranking_rubric(db, a, round_id, &rb, &rr)) != DB_OK)
		goto fail;
	if (rb.ncrits == 0) {
		*why = "این دوره شاخصی ندارد.";
		goto refuse;
	}
	/*
	 * Drafts left when the round went to review without closing (and offices
	 * that joined after the declarations closed) are files not submitted.
	 */
	p[1] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_DRAFTS_CLOSE, p)) != DB_OK ||
	    (rc = db_exec(db, STMT_RANK_MISSING_FILES, p)) != DB_OK)
		goto fail;
	ctx.at = at;
	ctx.counts = counts;
	buf_init(&ctx.json, NULL);
	rc = score_set(db, a, &rr, round_id, 0, r.last_known, store_file, &ctx);
	buf_free(&ctx.json);
	if (rc != DB_OK)
		goto fail;
	p[0] = db_text(at);
	p[1] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_ROUND_RANKED, p)) != DB_OK)
		goto fail;
	if ((rc = audit_round(db, a, actor, "round.rank", round_id,
	    arena_printf(a, "{\"state\":\"%s\"}", r.state),
	    arena_printf(a, "{\"state\":\"scoring\",\"files\":%lld,\"rank1\":%lld,"
	    "\"rank2\":%lld,\"rank3\":%lld,\"not_evaluated\":%lld,\"last_known\":%lld,"
	    "\"unreviewed\":%lld}", counts->files, counts->by_rank[1], counts->by_rank[2],
	    counts->by_rank[3], counts->by_rank[0], counts->last_known, waiting))) != DB_OK ||
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
ranking_publish(struct db *db, struct arena *a, long long round_id, int64_t now,
    const struct audit_event *actor, const char **why)
{
	struct lround	 r;
	struct db_val	 p[4];
	char		 at[32];
	const char	*end, *sms, *mail;
	enum db_err	 rc;
	int		 found;

	*why = NULL;
	clock_sql(now, at, sizeof(at));
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = round_lock(db, a, round_id, &r, &found)) != DB_OK)
		goto fail;
	if (!found || strcmp(r.state, "scoring") != 0) {
		*why = found && r.objection_end != NULL ?
		    "نتایج این دوره پیش‌تر منتشر شده است." :
		    "فقط دوره‌ای که رتبه‌بندی شده و منتشر نشده است منتشر می‌شود.";
		goto refuse;
	}
	if ((end = round_tehran_day(a, now, r.objection_days)) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	p[0] = db_text(at);
	p[1] = db_text(end);
	p[2] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_PUBLISH, p)) != DB_OK)
		goto fail;
	if (db_affected(db, STMT_RANK_PUBLISH) != 1) {
		*why = "نتایج این دوره پیش‌تر منتشر شده است.";
		goto refuse;
	}
	sms = arena_printf(a, "نتایج ارزیابی دفاتر (%s) منتشر شد. رتبه و جزئیات امتیاز دفتر "
	    "خود را در سامانه ببینید. مهلت اعتراض تا %s.", r.title, round_jalali(a, end));
	mail = arena_printf(a, "%s\n\nدر صورت اعتراض به رتبه، اعتراض خود را تا پایان روز %s "
	    "در سامانه ثبت کنید.", sms, round_jalali(a, end));
	p[0] = db_text("published");
	p[1] = db_text(sms);
	p[2] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_NOTIFY_SMS, p)) != DB_OK)
		goto fail;
	p[1] = db_text(arena_printf(a, "انتشار نتایج %s", r.title));
	p[2] = db_text(mail);
	p[3] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_NOTIFY_EMAIL, p)) != DB_OK)
		goto fail;
	if ((rc = audit_round(db, a, actor, "round.publish", round_id,
	    "{\"state\":\"scoring\"}", arena_printf(a, "{\"state\":\"published\","
	    "\"objection_end_date\":\"%s\"}", end))) != DB_OK ||
	    (rc = page_cache_invalidate(db, a, now, "round.publish")) != DB_OK ||
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
ranking_publish_final(struct db *db, struct arena *a, long long round_id, int64_t now,
    const struct audit_event *actor, const char **why)
{
	struct lround	 r;
	struct db_val	 p[2], c[1];
	char		 at[32];
	enum db_err	 rc;
	long long	 open = 0;
	int		 found, f;

	*why = NULL;
	clock_sql(now, at, sizeof(at));
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	if ((rc = round_lock(db, a, round_id, &r, &found)) != DB_OK)
		goto fail;
	if (!found || strcmp(r.state, "published") != 0) {
		*why = "رتبه‌های نهایی فقط پس از انتشار نتایج و یک بار منتشر می‌شوند.";
		goto refuse;
	}
	if (r.objection_end != NULL && !day_over(a, r.objection_end, now)) {
		*why = "مهلت اعتراض هنوز تمام نشده است.";
		goto refuse;
	}
	p[0] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_OPEN_OBJECTIONS, p)) != DB_OK)
		goto fail;
	while ((f = db_fetch(db, STMT_RANK_OPEN_OBJECTIONS, a, c)) == 1)
		open = c[0].i;
	if (f < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	if (open > 0) {
		*why = arena_printf(a, "%lld اعتراض هنوز رسیدگی نشده است.", open);
		goto refuse;
	}
	p[0] = db_text(at);
	p[1] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_FINALIZE_FILES, p)) != DB_OK ||
	    (rc = db_exec(db, STMT_RANK_FINALIZE_ROUND, p)) != DB_OK)
		goto fail;
	if ((rc = audit_round(db, a, actor, "round.publish_final", round_id,
	    "{\"state\":\"published\"}", "{\"state\":\"final\"}")) != DB_OK ||
	    (rc = page_cache_invalidate(db, a, now, "round.publish_final")) != DB_OK ||
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

/* Keeps a copy of the one file scored. */
static enum db_err
keep_file(struct db *db, struct arena *a, const struct rank_rubric *rr,
    struct rank_file *f, void *vctx)
{
	struct rank_file *out = vctx;
	size_t		 n = rr->rb->ncrits;

	(void)db;
	*out = *f;
	out->vals = arena_alloc(a, (n ? n : 1) * sizeof(*out->vals));
	out->lines = arena_alloc(a, (n ? n : 1) * sizeof(*out->lines));
	memcpy(out->vals, f->vals, n * sizeof(*out->vals));
	memcpy(out->lines, f->lines, n * sizeof(*out->lines));
	return DB_OK;
}

enum db_err
ranking_file(struct db *db, struct arena *a, const struct rank_rubric *rr,
    long long decl_id, struct rank_file *out, int *found)
{
	struct lround	 r;
	enum db_err	 rc;
	int		 rfound;

	memset(out, 0, sizeof(*out));
	if ((rc = round_lock(db, a, rr->rb->round_id, &r, &rfound)) != DB_OK)
		return rc;
	if ((rc = score_set(db, a, rr, rr->rb->round_id, decl_id, rfound && r.last_known,
	    keep_file, out)) != DB_OK)
		return rc;
	*found = out->decl_id == decl_id;
	return DB_OK;
}

enum db_err
ranking_store_final(struct db *db, struct arena *a, long long round_id, long long decl_id,
    int64_t now, int *old_rank, int *new_rank, long long *old_score, long long *new_score)
{
	struct rubric	 rb;
	struct rank_rubric rr;
	struct rank_file f;
	struct db_val	 p[5], c[2];
	char		 at[32];
	enum db_err	 rc;
	int		 found, got;

	*old_rank = *new_rank = 0;
	*old_score = *new_score = 0;
	p[0] = db_int(decl_id);
	p[1] = db_int(round_id);
	if ((rc = db_exec(db, STMT_RANK_FILE_PUBLIC, p)) != DB_OK)
		return rc;
	while ((got = db_fetch(db, STMT_RANK_FILE_PUBLIC, a, c)) == 1) {
		*old_rank = (int)c[0].i;
		*old_score = c[1].i;
	}
	if (got < 0)
		return DB_ERROR;
	if ((rc = rubric_load(db, a, round_id, &rb)) != DB_OK ||
	    (rc = ranking_rubric(db, a, round_id, &rb, &rr)) != DB_OK ||
	    (rc = ranking_file(db, a, &rr, decl_id, &f, &found)) != DB_OK)
		return rc;
	if (!found || f.basis == BASIS_NOT_EVALUATED)
		return DB_ERROR;
	clock_sql(now, at, sizeof(at));
	p[0] = db_int(f.res.total_x100);
	p[1] = db_int(f.res.rank);
	p[2] = db_text(ranking_breakdown_json(a, &rr, &f));
	p[3] = db_text(at);
	p[4] = db_int(decl_id);
	if ((rc = db_exec(db, STMT_RANK_STORE_FINAL, p)) != DB_OK)
		return rc;
	*new_rank = f.res.rank;
	*new_score = f.res.total_x100;
	return DB_OK;
}

struct each_ctx {
	ranking_each_fn	 fn;
	void		*ctx;
};

static enum db_err
each_file(struct db *db, struct arena *a, const struct rank_rubric *rr,
    struct rank_file *f, void *vctx)
{
	struct each_ctx *e = vctx;

	(void)db;
	(void)a;
	return e->fn(rr, f, e->ctx);
}

enum db_err
ranking_each(struct db *db, struct arena *a, const struct rank_rubric *rr,
    ranking_each_fn fn, void *ctx)
{
	struct lround	 r;
	struct each_ctx	 e = { fn, ctx };
	enum db_err	 rc;
	int		 found;

	if ((rc = round_lock(db, a, rr->rb->round_id, &r, &found)) != DB_OK)
		return rc;
	return score_set(db, a, rr, rr->rb->round_id, 0, found && r.last_known,
	    each_file, &e);
}
