/*
 * The home page: what the portal is, and the current round with its declaration
 * deadline in the Jalali calendar.
 */
#include <string.h>

#include "buf.h"
#include "fa.h"
#include "jalali.h"
#include "model/round.h"
#include "pages/pages.h"
#include "view.h"

struct state_label {
	const char	*state;
	const char	*label;
};

static const struct state_label state_labels[] = {
	{ "open",	"خوداظهاری باز است" },
	{ "review",	"در حال بررسی مناطق" },
	{ "scoring",	"در حال امتیازدهی و رتبه‌بندی" },
	{ "published",	"نتایج اعلام شده است" },
	{ "objection",	"مهلت اعتراض" },
	{ "final",	"رتبه‌های نهایی اعلام شده است" },
};

static const char *
state_label(const char *state)
{
	size_t	 i;

	for (i = 0; i < sizeof(state_labels) / sizeof(state_labels[0]); i++)
		if (strcmp(state_labels[i].state, state) == 0)
			return state_labels[i].label;
	return "";
}

/* Sets key to the Jalali form (Persian digits) of a "YYYY-MM-DD" date. */
static int
set_jalali(struct view_dict *d, const char *key, const char *greg, int *jy, int *jm,
    int *jd)
{
	int	 gy, gm, gd;
	char	 out[32];

	if (gregorian_parse(greg, strlen(greg), &gy, &gm, &gd) != 0 ||
	    gregorian_to_jalali(gy, gm, gd, jy, jm, jd) != 0 ||
	    jalali_format(out, sizeof(out), *jy, *jm, *jd, 1) < 0)
		return -1;
	view_set(d, key, out);
	return 0;
}

int
page_home(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict	*d, *rd, *od;
	struct round		 rnd;
	struct buf		 b;
	int			 found, jy, jm, jd, days;
	enum db_err		 rc;

	(void)arg;
	(void)in;
	if ((rc = round_current(r->db, r->arena, &rnd, &found)) != DB_OK)
		return page_error(r, rc == DB_DOWN ? 503 : 500, NULL);

	d = page_begin(r, "سامانه ارزیابی و رتبه‌بندی دفاتر پیشخوان", "home.tpl");
	if (!found) {
		view_show(d, "NO_ROUND");
		return page_end(r, 200);
	}
	rd = view_section(d, "ROUND");
	view_set(rd, "ROUND_TITLE", rnd.title);
	buf_init(&b, r->arena);
	fa_put_digits(&b, rnd.code);
	view_set(rd, "ROUND_CODE_FA", buf_cstr(&b));
	if (set_jalali(rd, "DECL_START_FA", rnd.decl_start, &jy, &jm, &jd) != 0 ||
	    set_jalali(rd, "DECL_END_FA", rnd.decl_end, &jy, &jm, &jd) != 0) {
		view_dict_free(r->page_root);
		r->page_root = NULL;
		return page_error(r, 500, NULL);
	}
	days = tehran_days_left(r->now, tehran_day_end(jy, jm, jd));
	if (strcmp(rnd.state, "open") == 0 && days >= 0) {
		od = view_section(rd, "ROUND_OPEN");
		buf_clear(&b);
		fa_put_int(&b, days);
		view_set(od, "DAYS_LEFT_FA", buf_cstr(&b));
		view_set(rd, "DAYS_LEFT_FA", buf_cstr(&b));
	} else {
		od = view_section(rd, "ROUND_NOT_OPEN");
		view_set(od, "ROUND_STATE_LABEL", strcmp(rnd.state, "open") == 0 ?
		    "مهلت خوداظهاری به پایان رسیده است" : state_label(rnd.state));
	}
	return page_end(r, 200);
}
