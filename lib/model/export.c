/*
 * Exports of a round's results (see export.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "arena.h"
#include "model/export.h"
#include "model/ranking.h"
#include "model/rubric.h"
#include "model/stmts.h"

struct xfile {
	long long	 id;
	const char	*text[8];	/* code, name, kind, province, city, state, basis */
	int		 has[4];
	long long	 num[4];	/* score, rank, final score, final rank */
};

struct writer {
	enum export_format	 fmt;
	FILE			*fp;		/* CSV */
	lxw_workbook		*wb;		/* XLSX */
	lxw_worksheet		*ws;
	lxw_format		*bold;
	long long		 row;
	int			 col;
	struct xfile		*files;
	size_t			 nfiles, next;
	struct arena		*a;
	int			 failed;
};

static const char *const kinds[][2] = {
	{ "urban", "پیشخوان خدمات دولت" },
	{ "rural_ict", "ICT روستایی" },
};
static const char *const states[][2] = {
	{ "draft", "پیش‌نویس" },
	{ "submitted", "ارسال‌شده" },
	{ "returned", "برگشت برای اصلاح" },
	{ "resubmitted", "ارسال مجدد" },
	{ "reviewed", "بررسی‌شده" },
	{ "not_submitted", "ارسال‌نشده" },
};
static const char *const bases[][2] = {
	{ "declared", "خوداظهاری همین دوره" },
	{ "last_known", "آخرین اطلاعات موجود" },
	{ "not_evaluated", "ارزیابی نشده" },
};

static const char *
label(const char *const (*tab)[2], size_t n, const char *key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(tab[i][0], key) == 0)
			return tab[i][1];
	return key;
}

/* Starts the next row. */
static void
w_row(struct writer *w)
{
	if (w->fmt == EXPORT_CSV && w->col > 0 && fputs("\r\n", w->fp) == EOF)
		w->failed = 1;
	if (w->col > 0 || w->row > 0)
		w->row++;
	w->col = 0;
}

static void
w_text(struct writer *w, const char *s, int header)
{
	if (w->fmt == EXPORT_XLSX) {
		if (worksheet_write_string(w->ws, (lxw_row_t)w->row, (lxw_col_t)w->col, s,
		    header ? w->bold : NULL) != LXW_NO_ERROR)
			w->failed = 1;
	} else {
		const char *p;
		int	 quote = strpbrk(s, ",\"\r\n") != NULL;

		if (w->col > 0)
			fputc(',', w->fp);
		if (quote)
			fputc('"', w->fp);
		/* A cell that starts like a formula is shown as text (CSV injection). */
		if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
			fputc('\'', w->fp);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', w->fp);
			fputc(*p, w->fp);
		}
		if (quote)
			fputc('"', w->fp);
		if (ferror(w->fp))
			w->failed = 1;
	}
	w->col++;
}

/* A number in hundredths, or a scaled value with decimals places. */
static void
w_fixed(struct writer *w, long long v, int decimals)
{
	long long scale = 1, ip, fp;
	int	 i;

	for (i = 0; i < decimals; i++)
		scale *= 10;
	if (w->fmt == EXPORT_XLSX) {
		if (worksheet_write_number(w->ws, (lxw_row_t)w->row, (lxw_col_t)w->col,
		    (double)v / (double)scale, NULL) != LXW_NO_ERROR)
			w->failed = 1;
		w->col++;
		return;
	}
	if (w->col > 0)
		fputc(',', w->fp);
	ip = v / scale;
	fp = v % scale;
	if (v < 0 && ip == 0)
		fputc('-', w->fp);
	fprintf(w->fp, "%lld", ip);
	if (decimals > 0)
		fprintf(w->fp, ".%0*lld", decimals, fp < 0 ? -fp : fp);
	w->col++;
}

static void
w_empty(struct writer *w)
{
	if (w->fmt == EXPORT_CSV && w->col > 0)
		fputc(',', w->fp);
	w->col++;
}

static void
header(struct writer *w, const struct rubric *rb)
{
	static const char *const cols[] = { "کد دفتر", "نام دفتر", "نوع دفتر", "استان",
	    "شهر یا روستا", "وضعیت پرونده", "مبنای رتبه", "امتیاز", "رتبه",
	    "امتیاز نهایی", "رتبه نهایی", "رتبه قابل نمایش" };
	size_t	 i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		w_text(w, cols[i], 1);
	for (i = 0; i < rb->ncrits; i++) {
		w_text(w, arena_printf(w->a, "%s: مقدار", rb->crits[i].title), 1);
		w_text(w, arena_printf(w->a, "%s: امتیاز", rb->crits[i].title), 1);
	}
	w_text(w, "کسر امتیاز تخلفات", 1);
	w_text(w, "جمع امتیاز شاخص‌ها", 1);
}

static enum db_err
row(const struct rank_rubric *rr, const struct rank_file *f, void *vctx)
{
	struct writer	*w = vctx;
	const struct xfile *x;
	size_t		 i;
	int		 k;

	while (w->next < w->nfiles && w->files[w->next].id < f->decl_id)
		w->next++;
	if (w->next >= w->nfiles || w->files[w->next].id != f->decl_id)
		return DB_OK;	/* a file added since the list was read */
	x = &w->files[w->next];
	w_row(w);
	w_text(w, x->text[0], 0);
	w_text(w, x->text[1], 0);
	w_text(w, label(kinds, 2, x->text[2]), 0);
	w_text(w, x->text[3], 0);
	w_text(w, x->text[4], 0);
	w_text(w, label(states, 6, x->text[5]), 0);
	w_text(w, x->text[6][0] ? label(bases, 3, x->text[6]) : "", 0);
	for (k = 0; k < 4; k++) {
		if (!x->has[k])
			w_empty(w);
		else
			w_fixed(w, x->num[k], k % 2 == 0 ? 2 : 0);
	}
	if (x->has[3])
		w_fixed(w, x->num[3], 0);
	else if (x->has[1])
		w_fixed(w, x->num[1], 0);
	else
		w_text(w, "ارزیابی نشده", 0);
	for (i = 0; i < rr->rb->ncrits; i++) {
		const struct rubric_criterion *c = &rr->rb->crits[i];
		const struct score_line *l = &f->lines[i];

		if (f->basis == BASIS_NOT_EVALUATED || !l->has_value) {
			w_empty(w);
			w_empty(w);
			continue;
		}
		if (c->kind == CRIT_NUMBER)
			w_fixed(w, f->vals[i].num, c->decimals);
		else {
			const struct rubric_option *o = rubric_option_id(rr->rb,
			    f->vals[i].option_id);

			w_text(w, o != NULL ? o->title : "", 0);
		}
		w_fixed(w, l->points_x100, 2);
	}
	if (f->basis == BASIS_NOT_EVALUATED) {
		w_empty(w);
		w_empty(w);
	} else {
		w_fixed(w, f->res.deductions_x100, 2);
		w_fixed(w, f->res.criteria_x100, 2);
	}
	return w->failed ? DB_ERROR : DB_OK;
}

static enum db_err
load_files(struct db *db, struct arena *a, long long round_id, struct writer *w)
{
	struct db_val	 p = db_int(round_id), c[12];
	enum db_err	 rc;
	size_t		 cap = 0;
	int		 f, k;

	if ((rc = db_exec(db, STMT_EXPORT_FILES, &p)) != DB_OK)
		return rc;
	while ((f = db_fetch(db, STMT_EXPORT_FILES, a, c)) == 1) {
		struct xfile *x;

		if (w->nfiles == cap) {
			size_t ncap = cap ? cap * 2 : 256;

			w->files = arena_realloc(a, w->files, cap * sizeof(*w->files),
			    ncap * sizeof(*w->files));
			cap = ncap;
		}
		x = &w->files[w->nfiles++];
		x->id = c[0].i;
		for (k = 0; k < 7; k++)
			x->text[k] = c[1 + k].s;
		for (k = 0; k < 4; k++) {
			x->has[k] = !c[8 + k].null;
			x->num[k] = c[8 + k].i;
		}
	}
	return f < 0 ? DB_ERROR : DB_OK;
}

enum db_err
export_round(struct db *db, struct arena *a, long long round_id, enum export_format fmt,
    const char *path, long long *rows, const char **why)
{
	struct rubric	 rb;
	struct rank_rubric rr;
	struct writer	 w;
	enum db_err	 rc;

	*why = NULL;
	*rows = 0;
	memset(&w, 0, sizeof(w));
	w.fmt = fmt;
	w.a = a;
	if ((rc = rubric_load(db, a, round_id, &rb)) != DB_OK ||
	    (rc = ranking_rubric(db, a, round_id, &rb, &rr)) != DB_OK ||
	    (rc = load_files(db, a, round_id, &w)) != DB_OK)
		return rc;
	if (fmt == EXPORT_CSV) {
		w.fp = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
		if (w.fp == NULL) {
			*why = arena_printf(a, "%s: %s", path, strerror(errno));
			return DB_ERROR;
		}
		fputs("\xEF\xBB\xBF", w.fp);	/* BOM: Excel reads UTF-8 */
	} else {
		lxw_workbook_options o = { .constant_memory = LXW_TRUE, .tmpdir = NULL };

		if ((w.wb = workbook_new_opt(path, &o)) == NULL ||
		    (w.ws = workbook_add_worksheet(w.wb, "نتایج")) == NULL) {
			*why = arena_printf(a, "%s: cannot create the workbook", path);
			if (w.wb != NULL)
				workbook_close(w.wb);
			return DB_ERROR;
		}
		worksheet_right_to_left(w.ws);
		w.bold = workbook_add_format(w.wb);
		format_set_bold(w.bold);
	}
	header(&w, &rb);
	rc = ranking_each(db, a, &rr, row, &w);
	if (w.fmt == EXPORT_CSV) {
		if (w.col > 0)
			fputs("\r\n", w.fp);
		if (fflush(w.fp) != 0 || ferror(w.fp))
			w.failed = 1;
		if (w.fp != stdout && fclose(w.fp) != 0)
			w.failed = 1;
	} else if (workbook_close(w.wb) != LXW_NO_ERROR)
		w.failed = 1;
	if (rc == DB_OK && w.failed) {
		*why = arena_printf(a, "%s: the file could not be written", path);
		rc = DB_ERROR;
	}
	*rows = w.row;
	return rc;
}
