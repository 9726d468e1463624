/*
 * HQ's results of a round: the steps after the declarations (close them, rank,
 * publish, publish the final ranks), the preview of the ranks before publishing
 * (distribution nationally, per region and per province as server-side SVG bar
 * charts with the numbers beside them, and the offices whose rank changed since
 * the previous public round), and the exports (CSV, XLSX).  The rules are in
 * lib/model/ranking.c, shared with `geps rank` and `geps publish`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "model/declaration.h"
#include "model/export.h"
#include "model/ranking.h"
#include "model/round.h"
#include "model/stmts.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

#define CHANGED_MAX	300

/* Counts of one bar: ranks 1, 2, 3 and not evaluated. */
struct dist {
	const char	*label;
	long long	 n[4];
};

static long long
dist_total(const struct dist *d)
{
	return d->n[0] + d->n[1] + d->n[2] + d->n[3];
}

/* A percentage with one decimal in Persian digits ("۶۱٫۰٪"). */
static const char *
pct(struct req *r, long long part, long long whole)
{
	long long t = whole > 0 ? (part * 1000 + whole / 2) / whole : 0;

	return arena_printf(r->arena, "%s٫%s٪", fa_int(r, t / 10), fa_int(r, t % 10));
}

/*
 * One chart: a horizontal stacked bar a row, ranks 1..3 then not evaluated, drawn
 * from the right (the reading side); the numbers are in the table that follows.
 */
static void
chart(struct req *r, struct view_dict *d, const char *section, const struct dist *rows,
    size_t n)
{
	static const char *const cls[4] = { "bar--none", "bar--r1", "bar--r2", "bar--r3" };
	static const int order[4] = { 1, 2, 3, 0 };
	struct view_dict *c = view_section(d, section);
	size_t		 i, shown;
	int		 k, row_h = 22, right = 440, width = 420;

	for (i = 0, shown = 0; i < n; i++) {
		struct view_dict *b;
		long long total = dist_total(&rows[i]), x = right, acc = 0;

		if (total == 0)
			continue;	/* in the table, not in the chart */
		b = view_section(c, "BAR");
		view_set(b, "Y", arena_printf(r->arena, "%zu", shown++ * (size_t)row_h + 2));
		view_set(b, "LABEL", rows[i].label);
		view_set(b, "TOTAL_FA", fa_int(r, total));
		for (k = 0; k < 4; k++) {
			long long n1 = rows[i].n[order[k]], w;
			struct view_dict *s;

			if (n1 == 0 || total == 0)
				continue;
			acc += n1;
			w = (acc * width + total / 2) / total - (right - x);
			if (w <= 0)
				continue;
			x -= w;
			s = view_section(b, "SEG");
			view_set(s, "X", arena_printf(r->arena, "%lld", x));
			view_set(s, "W", arena_printf(r->arena, "%lld", w));
			view_set(s, "CLASS", cls[order[k]]);
		}
	}
	view_set(c, "HEIGHT", arena_printf(r->arena, "%zu", shown * (size_t)row_h + 4));
}

static void
table_row(struct req *r, struct view_dict *s, const struct dist *d)
{
	long long t = dist_total(d);

	view_set(s, "LABEL", d->label);
	view_set(s, "N1_FA", fa_int(r, d->n[1]));
	view_set(s, "N2_FA", fa_int(r, d->n[2]));
	view_set(s, "N3_FA", fa_int(r, d->n[3]));
	view_set(s, "N0_FA", fa_int(r, d->n[0]));
	view_set(s, "P1_FA", pct(r, d->n[1], t));
	view_set(s, "P2_FA", pct(r, d->n[2], t));
	view_set(s, "P3_FA", pct(r, d->n[3], t));
	view_set(s, "TOTAL_FA", fa_int(r, t));
}

static enum db_err
distribution(struct req *r, struct view_dict *d, long long id)
{
	struct db_val	 p = db_int(id), c[8];
	struct dist	 nat, regions[100], *provs = NULL;
	size_t		 nprov = 0, cap = 0, nreg = 0, i;
	long long	 last_region = -1;
	enum db_err	 rc;
	int		 f, k;

	memset(&nat, 0, sizeof(nat));
	nat.label = "کل کشور";
	if ((rc = db_exec(r->db, STMT_RESULTS_PROVINCES, &p)) != DB_OK)
		return rc;
	while ((f = db_fetch(r->db, STMT_RESULTS_PROVINCES, r->arena, c)) == 1) {
		struct dist *pv;

		if (nprov == cap) {
			size_t ncap = cap ? cap * 2 : 32;

			provs = arena_realloc(r->arena, provs, cap * sizeof(*provs),
			    ncap * sizeof(*provs));
			cap = ncap;
		}
		pv = &provs[nprov++];
		pv->label = c[1].s;
		for (k = 0; k < 4; k++)
			pv->n[k] = c[4 + (k + 3) % 4].i;	/* columns: 1, 2, 3, none */
		if (c[2].i != last_region && nreg < sizeof(regions) / sizeof(regions[0])) {
			memset(&regions[nreg], 0, sizeof(regions[nreg]));
			regions[nreg].label = arena_printf(r->arena, "منطقه %s",
			    fa_int(r, c[2].i));
			nreg++;
			last_region = c[2].i;
		}
		for (k = 0; k < 4; k++) {
			regions[nreg - 1].n[k] += pv->n[k];
			nat.n[k] += pv->n[k];
		}
	}
	if (f < 0)
		return DB_ERROR;
	chart(r, d, "CHART_NATION", &nat, 1);
	chart(r, d, "CHART_REGIONS", regions, nreg);
	chart(r, d, "CHART_PROVINCES", provs, nprov);
	table_row(r, view_section(d, "NATION_ROW"), &nat);
	for (i = 0; i < nreg; i++)
		table_row(r, view_section(d, "REGION_ROW"), &regions[i]);
	for (i = 0; i < nprov; i++)
		table_row(r, view_section(d, "PROVINCE_ROW"), &provs[i]);
	return DB_OK;
}

static const char *
rank_fa(struct req *r, long long rank)
{
	return rank == 0 ? "بدون رتبه" : arena_printf(r->arena, "رتبه %s", fa_int(r, rank));
}

static enum db_err
changes(struct req *r, struct view_dict *d, long long id)
{
	struct db_val	 p[3], c[5];
	long long	 prev = 0;
	const char	*prev_code = NULL;
	enum db_err	 rc;
	int		 f;

	p[0] = db_int(id);
	if ((rc = db_exec(r->db, STMT_RESULTS_PREV_ROUND, p)) != DB_OK)
		return rc;
	while ((f = db_fetch(r->db, STMT_RESULTS_PREV_ROUND, r->arena, c)) == 1) {
		prev = c[0].i;
		prev_code = c[1].s;
	}
	if (f < 0)
		return DB_ERROR;
	if (prev == 0) {
		view_show(d, "NO_PREVIOUS");
		return DB_OK;
	}
	d = view_section(d, "CHANGES");
	view_set(d, "PREV_CODE_FA", fa_digits(r, prev_code));
	p[0] = db_int(prev);
	p[1] = db_int(id);
	if ((rc = db_exec(r->db, STMT_RESULTS_CHANGED_COUNTS, p)) != DB_OK)
		return rc;
	while ((f = db_fetch(r->db, STMT_RESULTS_CHANGED_COUNTS, r->arena, c)) == 1) {
		view_set(d, "UP_FA", fa_int(r, c[0].i));
		view_set(d, "DOWN_FA", fa_int(r, c[1].i));
		view_set(d, "OTHER_FA", fa_int(r, c[2].i));
		if (c[0].i + c[1].i + c[2].i > CHANGED_MAX)
			view_set(view_section(d, "TRUNCATED"), "MAX_FA", fa_int(r, CHANGED_MAX));
	}
	if (f < 0)
		return DB_ERROR;
	p[2] = db_int(CHANGED_MAX);
	if ((rc = db_exec(r->db, STMT_RESULTS_CHANGED, p)) != DB_OK)
		return rc;
	while ((f = db_fetch(r->db, STMT_RESULTS_CHANGED, r->arena, c)) == 1) {
		struct view_dict *s = view_section(d, "CHANGED");

		view_set(s, "CODE_FA", fa_digits(r, c[0].s));
		view_set(s, "NAME", c[1].s);
		view_set(s, "PROVINCE", c[2].s);
		view_set(s, "BEFORE", rank_fa(r, c[3].i));
		view_set(s, "AFTER", rank_fa(r, c[4].i));
		view_set(s, "DIRECTION", c[3].i == 0 || c[4].i == 0 ? "تغییر مبنا" :
		    c[4].i < c[3].i ? "ارتقا" : "تنزل");
	}
	return f < 0 ? DB_ERROR : DB_OK;
}

static int
results_page(struct req *r, long long id, const char *error, int status)
{
	struct round_admin ra;
	struct view_dict *d;
	struct db_val	 p = db_int(id), c[2];
	enum db_err	 rc;
	int		 found, f, ranked;

	if ((rc = round_get(r->db, r->arena, id, &ra, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found || strcmp(ra.state, "draft") == 0)
		return page_error(r, 404, NULL);
	d = page_begin(r, arena_printf(r->arena, "نتایج %s", ra.title), "hq_results.tpl");
	view_set(d, "ID", arena_printf(r->arena, "%lld", ra.id));
	view_set(d, "TITLE", ra.title);
	view_set(d, "CODE_FA", fa_digits(r, ra.code));
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	view_set(d, "END_FA", round_jalali(r->arena, ra.decl_end));
	view_set(d, "REVIEW_END_FA", round_jalali(r->arena, ra.review_end));
	if (error != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", error);
	if (query_flag(r, "closed"))
		view_show(d, "CLOSED");
	if (query_flag(r, "ranked"))
		view_show(d, "RANKED");
	if (query_flag(r, "published"))
		view_show(d, "PUBLISHED");
	if (query_flag(r, "final"))
		view_show(d, "FINALIZED");
	if (strcmp(ra.state, "open") == 0)
		view_show(d, "CAN_CLOSE");
	if (strcmp(ra.state, "review") == 0 || strcmp(ra.state, "scoring") == 0)
		view_show(d, "CAN_RANK");
	if (strcmp(ra.state, "scoring") == 0)
		view_show(d, "CAN_PUBLISH");
	if (strcmp(ra.state, "published") == 0)
		view_show(d, "CAN_FINAL");
	ranked = strcmp(ra.state, "scoring") == 0 || strcmp(ra.state, "published") == 0 ||
	    strcmp(ra.state, "objection") == 0 || strcmp(ra.state, "final") == 0 ||
	    strcmp(ra.state, "closed") == 0;
	view_set(d, "STATE", ranked && strcmp(ra.state, "scoring") == 0 ?
	    "رتبه‌بندی شده، منتشر نشده (پیش‌نمایش)" : round_state_label(ra.state));
	if ((rc = db_exec(r->db, STMT_ROUND_DECL_COUNTS, &p)) != DB_OK)
		goto fail;
	while ((f = db_fetch(r->db, STMT_ROUND_DECL_COUNTS, r->arena, c)) == 1) {
		struct view_dict *s = view_section(d, "COUNT");

		view_set(s, "STATE", decl_state_label(c[0].s, NULL));
		view_set(s, "N_FA", fa_int(r, c[1].i));
	}
	if (f < 0) {
		rc = DB_ERROR;
		goto fail;
	}
	if (ranked) {
		struct view_dict *res = view_section(d, "RESULTS");

		if ((rc = distribution(r, res, id)) != DB_OK || (rc = changes(r, res, id)) != DB_OK)
			goto fail;
	}
	return page_end(r, status);
fail:
	view_dict_free(r->page_root);
	r->page_root = NULL;
	return page_error(r, page_db_status(rc), NULL);
}

int
page_hq_results(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return results_page(r, strtoll(arg, NULL, 10), NULL, 200);
}

typedef enum db_err (*step_fn)(struct db *, struct arena *, long long, int64_t,
    const struct audit_event *, const char **);

static enum db_err
rank_step(struct db *db, struct arena *a, long long id, int64_t now,
    const struct audit_event *actor, const char **why)
{
	struct rank_counts counts;

	return ranking_run(db, a, id, now, actor, &counts, why);
}

static int
step(struct req *r, const char *arg, step_fn fn, const char *flag)
{
	struct audit_event actor = page_actor(r);
	const char	*why = NULL;
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;

	if ((rc = fn(r->db, r->arena, id, r->now, &actor, &why)) != DB_OK) {
		log_err("results", "round=%lld msg=\"%s\"", id, db_errstr(r->db));
		return page_error(r, page_db_status(rc), NULL);
	}
	if (why != NULL)
		return results_page(r, id, why, 409);
	return resp_redirect(r, arena_printf(r->arena, "/hq/round/%lld/results?%s=1", id, flag));
}

int
page_hq_round_close(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return step(r, arg, ranking_close_declarations, "closed");
}

int
page_hq_round_rank(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return step(r, arg, rank_step, "ranked");
}

int
page_hq_round_publish(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return step(r, arg, ranking_publish, "published");
}

int
page_hq_round_final(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return step(r, arg, ranking_publish_final, "final");
}

/*
 * /hq/round/<id>/export.csv and .xlsx: written to a private temporary file, read
 * back into the response, removed.  Audited: the results leave the system.
 */
static int
export(struct req *r, const char *arg, enum export_format fmt)
{
	struct round_admin ra;
	struct audit_event ev = page_actor(r);
	struct stat	 st;
	const char	*tmp = getenv("TMPDIR"), *why = NULL;
	char		 path[512];
	long long	 id = strtoll(arg, NULL, 10), rows = 0;
	enum db_err	 rc;
	FILE		*fp = NULL;
	int		 fd, found;

	if ((rc = round_get(r->db, r->arena, id, &ra, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found || strcmp(ra.state, "draft") == 0 || strcmp(ra.state, "open") == 0)
		return page_error(r, 404, NULL);
	if ((size_t)snprintf(path, sizeof(path), "%s/geps-export-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp") >= sizeof(path) ||
	    (fd = mkstemp(path)) < 0) {
		log_err("export", "mkstemp: %s", strerror(errno));
		return page_error(r, 500, NULL);
	}
	close(fd);
	rc = export_round(r->db, r->arena, id, fmt, path, &rows, &why);
	if (rc == DB_OK) {
		ev.action = "round.export";
		ev.entity_type = "round";
		ev.entity_id = id;
		ev.new_json = arena_printf(r->arena, "{\"format\":\"%s\",\"rows\":%lld}",
		    fmt == EXPORT_CSV ? "csv" : "xlsx", rows);
		rc = audit_append(r->db, r->arena, &ev);
	}
	if (rc == DB_OK && ((fp = fopen(path, "rb")) == NULL || fstat(fileno(fp), &st) != 0))
		rc = DB_ERROR;
	if (rc == DB_OK) {
		char	*data = arena_alloc(r->arena, (size_t)st.st_size + 1);

		if (fread(data, 1, (size_t)st.st_size, fp) != (size_t)st.st_size)
			rc = DB_ERROR;
		else
			buf_append(&r->body, data, (size_t)st.st_size);
	}
	if (fp != NULL)
		fclose(fp);
	unlink(path);
	if (rc != DB_OK) {
		log_err("export", "round=%lld msg=\"%s\"", id, why != NULL ? why : db_errstr(r->db));
		buf_clear(&r->body);
		return page_error(r, page_db_status(rc), NULL);
	}
	resp_header(r, "Content-Type", fmt == EXPORT_CSV ? "text/csv; charset=utf-8" :
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	resp_header(r, "Content-Disposition", arena_printf(r->arena,
	    "attachment; filename=\"geps-%s.%s\"", ra.code, fmt == EXPORT_CSV ? "csv" : "xlsx"));
	resp_header(r, "Cache-Control", "no-store");
	return 0;
}

int
page_hq_export_csv(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return export(r, arg, EXPORT_CSV);
}

int
page_hq_export_xlsx(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return export(r, arg, EXPORT_XLSX);
}
