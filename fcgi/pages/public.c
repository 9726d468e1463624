/*
 * Public pages, no login: the verification of an office by its code (its rank in
 * the newest public round and its history across rounds), a printable certificate
 * of an office's rank in a round with a QR code that leads back to the
 * verification page, the published list of a province with paging, and the JSON
 * of a round's published ranks.
 *
 * Only public facts are shown (lib/model/public.h reads nothing else) and only of
 * public rounds (the SQL says which).  Each page is one or two indexed queries
 * and a couple of tiny ones (the rounds, the provinces), never one per row.
 * The list and the verification are read far more often than they change (a
 * publication, an objection decision), so nginx keeps them in its cache
 * (lib/model/page_cache.h): what reaches geps is a miss, a refresh, or a request
 * the cache does not answer (a signed-in visitor), and each page says whether it
 * may be stored.  A publication is visible at once all the same: it moves nginx to
 * new cache keys before it commits.  Browsers keep nothing (the default
 * Cache-Control: no-store).
 *
 * They only read, so with several hosts they may read from a replica (geps.conf's
 * db_read_* settings, see public_db()); the session of a signed-in visitor is still
 * the primary's, like everything that writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <fcgiapp.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "conf.h"
#include "fa.h"
#include "http.h"
#include "jalali.h"
#include "json.h"
#include "log.h"
#include "model/office.h"
#include "model/page_cache.h"
#include "model/public.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "totp.h"
#include "view.h"

static const char MSG_CODE_BAD[] =
    "کد دفتر معتبر نیست. کد دفتر ۳ تا ۱۶ نویسه است: رقم، حرف لاتین یا خط تیره.";
static const char MSG_CODE_UNKNOWN[] =
    "دفتری با این کد پیدا نشد. کد را دوباره بررسی کنید؛ کد دفتر روی تابلو و پروانه دفتر درج شده است.";
static const char MSG_ROUND_BAD[] =
    "کد دوره معتبر نیست. کد دوره مانند ۱۴۰۴-۲ است.";
static const char MSG_ROUND_UNKNOWN[] =
    "دوره‌ای با این کد پیدا نشد یا نتایج آن هنوز منتشر نشده است.";

/*
 * The replica.  The public facts are read from the replica named by geps.conf's
 * db_read_* settings when there is one, else from the primary.  A replica that
 * cannot be reached, or that goes away during a read (replica_lost(), which then
 * reads again from the primary), is left alone for REPLICA_RETRY_US and the primary
 * answers meanwhile: a lost replica costs each worker one connect or read timeout,
 * and no page.  A replica lags its primary by the replication delay, usually well
 * under a second: a publication shows there once it has caught up.
 */
#define REPLICA_RETRY_US	(30 * 1000000LL)

/* The worker's, like its connections: not per request. */
static int64_t	 replica_down_until;

static void
replica_down(struct req *r)
{
	char	 esc[256];

	log_warn("replica_down", "msg=\"%s\" retry_s=%lld",
	    log_esc(esc, sizeof(esc), db_errstr(r->db_read)), REPLICA_RETRY_US / 1000000);
	replica_down_until = clock_mono_us() + REPLICA_RETRY_US;
}

static struct db *
public_db(struct req *r)
{
	if (r->db_read == NULL || r->db_read == r->db ||
	    clock_mono_us() < replica_down_until)
		return r->db;
	if (db_connect(r->db_read) != DB_OK) {
		replica_down(r);
		return r->db;
	}
	return r->db_read;
}

/*
 * After a read from *db that returned rc: 1 when *db was the replica and it went
 * away, *db being now the primary to read again from; else 0.  So a read is tried
 * twice at most.
 */
static int
replica_lost(struct req *r, struct db **db, enum db_err rc)
{
	if (rc != DB_DOWN || *db == r->db)
		return 0;
	replica_down(r);
	*db = r->db;
	return 1;
}

/*
 * A page nginx may keep in its cache (lib/model/page_cache.h): rendered by render
 * as always, then marked X-Accel-Expires: 0 (not to be stored) unless it was read
 * entirely from the generation of nginx's cache key and anyone would be given it
 * for this request (no session, the real clock: the layout shows today's date).
 * Browsers keep nothing either way (the default Cache-Control: no-store, which
 * nginx is told to ignore).
 */
static int
cached(struct req *r, const char *arg, const struct field_val *in,
    int (*render)(struct req *, const char *, const struct field_val *))
{
	struct page_cache_slot	 slot;
	long long		 keyed;
	int			 rc, store;

	keyed = page_cache_key_gen(FCGX_GetParam("GEPS_PAGE_ROOT", r->fcgi->envp));
	page_cache_begin(public_db(r), r->db, r->arena, r->conf->evidence_dir, keyed, &slot);
	rc = render(r, arg, in);
	store = page_cache_end(public_db(r), r->arena, &slot);
	if (r->has_session || llabs((long long)(r->now - (int64_t)time(NULL))) > 2)
		store = 0;
	if (!store)
		resp_header(r, "X-Accel-Expires", "0");
	return rc;
}

/* What the state of a public round means for its ranks. */
static const struct {
	const char	*state;
	const char	*label;
} public_states[] = {
	{ "published",	"رتبه اولیه (منتشر شده)" },
	{ "objection",	"رتبه اولیه (در مهلت اعتراض)" },
	{ "final",	"رتبه نهایی" },
	{ "closed",	"رتبه نهایی (دوره بایگانی شده)" },
};

static const char *
public_state_label(const char *state)
{
	size_t	 i;

	for (i = 0; i < sizeof(public_states) / sizeof(public_states[0]); i++)
		if (strcmp(public_states[i].state, state) == 0)
			return public_states[i].label;
	return "";
}

/*
 * An office code as the registry writes it: 3 to 16 of [0-9A-Za-z-].  The
 * validator has already cleaned the line, trimmed it and folded Persian and
 * Arabic-Indic digits to ASCII.
 */
static int
office_code_ok(const char *s, size_t len)
{
	return len >= 3 && len <= 16 && strspn(s, "0123456789-"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == len;
}

/* A round code: a Jalali year 1000-1999 and the half, e.g. 1404-2. */
static int
round_code_ok(const char *s, size_t len)
{
	return len == 6 && s[0] == '1' && strspn(s + 1, "0123456789") == 3 &&
	    s[4] == '-' && (s[5] == '1' || s[5] == '2');
}

/* The Jalali day (Tehran, Persian digits) of a UTC DATETIME, or "". */
static const char *
fa_day_sql(struct req *r, const char *sql)
{
	struct tehran_tm	 tm;
	char			 out[32];
	int64_t			 t = clock_parse_sql(sql);

	if (t <= 0)
		return "";
	tehran_from_unix(t, &tm);
	if (jalali_format(out, sizeof(out), tm.jy, tm.jm, tm.jd, 1) < 0)
		return "";
	return arena_strdup(r->arena, out);
}

/* "رتبه ۱" or "ارزیابی نشده". */
static const char *
rank_label(struct req *r, int rank)
{
	if (rank < 1)
		return "ارزیابی نشده";
	return arena_printf(r->arena, "رتبه %s", fa_int(r, rank));
}

/* Sets the values of a public round shared by the templates. */
static void
set_round(struct req *r, struct view_dict *d, const struct public_round *rd)
{
	view_set(d, "ROUND_CODE", rd->code);
	view_set(d, "ROUND_CODE_FA", fa_digits(r, rd->code));
	view_set(d, "ROUND_TITLE", rd->title);
	view_set(d, "ROUND_STATE_LABEL", public_state_label(rd->state));
	view_set(d, "PUBLISHED_FA", fa_day_sql(r, rd->published_at));
	if (public_round_final(rd) && *rd->final_published_at != '\0')
		view_set(view_section(d, "FINAL_DATE"), "FINAL_PUBLISHED_FA",
		    fa_day_sql(r, rd->final_published_at));
}

/* Sets the office's public facts. */
static void
set_office(struct req *r, struct view_dict *d, const struct public_office *o)
{
	view_set(d, "OFFICE_CODE", o->code);
	view_set(d, "OFFICE_CODE_FA", fa_digits(r, o->code));
	view_set(d, "OFFICE_NAME", o->name);
	view_set(d, "KIND_LABEL", office_kind_label(o->kind));
	view_set(d, "PROVINCE", o->province);
	view_set(d, "CITY", o->city);
}

/* Verification. */

enum { FV_CODE };

/*
 * The verification page: the form alone, the form with a message (status 400 or
 * 404), or the office's newest public rank and its history.
 */
static int
verify_page(struct req *r, const char *arg, const struct field_val *in)
{
	struct public_office	 o;
	struct public_rank	*hist;
	struct view_dict	*d, *res, *cur, *ht, *row;
	struct db		*db;
	const char		*code = in[FV_CODE].s;
	size_t			 n, i;
	int			 found;
	enum db_err		 rc;

	(void)arg;
	if (!in[FV_CODE].present && in[FV_CODE].error == NULL) {
		d = page_begin(r, "استعلام رتبه دفتر", "public_verify.tpl");
		view_show(d, "INTRO");
		return page_end(r, 200);
	}
	if (in[FV_CODE].error != NULL || !office_code_ok(code, in[FV_CODE].len)) {
		d = page_begin(r, "استعلام رتبه دفتر", "public_verify.tpl");
		view_set(d, "CODE", code);
		view_set(view_section(d, "CODE_ERROR"), "MESSAGE", MSG_CODE_BAD);
		return page_end(r, 400);
	}
	db = public_db(r);
	do
		rc = public_office_history(db, r->arena, code, &o, &hist, &n, &found);
	while (replica_lost(r, &db, rc));
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, found ? arena_printf(r->arena, "استعلام رتبه %s", o.name) :
	    "استعلام رتبه دفتر", "public_verify.tpl");
	view_set(d, "CODE", code);
	if (!found) {
		view_set(view_section(d, "CODE_ERROR"), "MESSAGE", MSG_CODE_UNKNOWN);
		return page_end(r, 404);
	}

	res = view_section(d, "RESULT");
	set_office(r, res, &o);
	if (strcmp(o.status, "active") != 0)
		view_show(res, "INACTIVE");
	if (n == 0) {
		view_show(res, "NO_PUBLIC");
		return page_end(r, 200);
	}
	/* The newest public round first: the office's current standing. */
	cur = view_section(res, "CURRENT");
	set_round(r, cur, &hist[0].round);
	view_set(cur, "RANK_LABEL", rank_label(r, hist[0].rank));
	if (hist[0].rank > 0) {
		struct view_dict *c = view_section(cur, "RANKED");

		view_set(c, "RANK_FA", fa_int(r, hist[0].rank));
		view_set(c, "OFFICE_CODE", o.code);
		view_set(c, "ROUND_CODE", hist[0].round.code);
	} else
		view_show(cur, "NOT_EVALUATED");
	if (strcmp(hist[0].basis, "last_known") == 0)
		view_show(cur, "LAST_KNOWN");
	view_set_int(cur, "PROVINCE_ID", o.province_id);

	ht = view_section(res, "HISTORY_TABLE");
	for (i = 0; i < n; i++) {
		row = view_section(ht, "HISTORY");
		view_set(row, "ROUND_TITLE", hist[i].round.title);
		view_set(row, "ROUND_CODE_FA", fa_digits(r, hist[i].round.code));
		view_set(row, "RANK_LABEL", rank_label(r, hist[i].rank));
		view_set(row, "STATE_LABEL", public_round_final(&hist[i].round) ?
		    "نهایی" : "اولیه");
		view_set(row, "PUBLISHED_FA", fa_day_sql(r, hist[i].round.published_at));
		if (hist[i].rank > 0) {
			struct view_dict *c = view_section(row, "CERT");

			view_set(c, "OFFICE_CODE", o.code);
			view_set(c, "ROUND_CODE", hist[i].round.code);
			view_set(c, "ROUND_CODE_FA", fa_digits(r, hist[i].round.code));
		} else
			view_show(row, "NO_CERT");
	}
	return page_end(r, 200);
}

int
page_verify(struct req *r, const char *arg, const struct field_val *in)
{
	return cached(r, arg, in, verify_page);
}

/* Certificate. */

enum { FC_OFFICE, FC_ROUND };

/* 1 if h is a host name, an IPv4 address or a bracketed IPv6 one, with an optional port. */
static int
host_ok(const char *h)
{
	size_t	 n, len = strlen(h);

	if (len == 0 || len > 255)
		return 0;
	if (h[0] == '[') {
		n = 1 + strspn(h + 1, "0123456789abcdefABCDEF:.");
		if (h[n] != ']')
			return 0;
		n++;
	} else
		n = strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.-");
	if (n == 0 || (n == 1 && h[0] == '['))
		return 0;
	if (h[n] == '\0')
		return 1;
	return h[n] == ':' && len - n - 1 >= 1 && len - n - 1 <= 5 &&
	    strspn(h + n + 1, "0123456789") == len - n - 1;
}

/*
 * The absolute URL of the site, for the QR code.  The configuration has no base
 * URL setting, so it comes from the request: the host nginx passes as HTTP_HOST
 * (Debian's fastcgi_params give $host: the Host header's name without its port,
 * or the server name when the header is missing), else SERVER_NAME; the port from
 * SERVER_PORT unless it is the scheme's default; the scheme from HTTPS /
 * REQUEST_SCHEME.  A host that is not a well-formed name or address is refused
 * (NULL), never copied into the page.
 */
static const char *
site_base_url(struct req *r)
{
	const char	*host, *https, *scheme, *port;
	int		 tls;

	https = FCGX_GetParam("HTTPS", r->fcgi->envp);
	scheme = FCGX_GetParam("REQUEST_SCHEME", r->fcgi->envp);
	tls = (https != NULL && strcmp(https, "on") == 0) ||
	    (scheme != NULL && strcmp(scheme, "https") == 0);
	host = FCGX_GetParam("HTTP_HOST", r->fcgi->envp);
	if (host == NULL || *host == '\0')
		host = FCGX_GetParam("SERVER_NAME", r->fcgi->envp);
	if (host == NULL || !host_ok(host))
		return NULL;
	/* A host with its own port (a raw Host header) keeps it. */
	port = FCGX_GetParam("SERVER_PORT", r->fcgi->envp);
	if (strchr(host[0] == '[' ? strchr(host, ']') : host, ':') == NULL &&
	    port != NULL && *port != '\0' && strlen(port) <= 5 &&
	    strspn(port, "0123456789") == strlen(port) &&
	    strcmp(port, tls ? "443" : "80") != 0)
		host = arena_printf(r->arena, "%s:%s", host, port);
	return arena_printf(r->arena, "%s://%s", tls ? "https" : "http", host);
}

int
page_certificate(struct req *r, const char *arg, const struct field_val *in)
{
	struct public_office	 o;
	struct public_rank	*hist, *h = NULL;
	struct view_dict	*d;
	struct db		*db;
	const char		*base, *url, *path;
	size_t			 n, i;
	int			 found, size;
	enum db_err		 rc;

	(void)arg;
	if (in[FC_OFFICE].error != NULL || !in[FC_OFFICE].present ||
	    !office_code_ok(in[FC_OFFICE].s, in[FC_OFFICE].len))
		return page_error(r, 400, MSG_CODE_BAD);
	if (in[FC_ROUND].error != NULL || (in[FC_ROUND].present &&
	    !round_code_ok(in[FC_ROUND].s, in[FC_ROUND].len)))
		return page_error(r, 400, MSG_ROUND_BAD);
	db = public_db(r);
	do
		rc = public_office_history(db, r->arena, in[FC_OFFICE].s, &o, &hist, &n,
		    &found);
	while (replica_lost(r, &db, rc));
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, MSG_CODE_UNKNOWN);
	/* The round asked for, else the newest public one. */
	for (i = 0; i < n && h == NULL; i++)
		if (!in[FC_ROUND].present || strcmp(hist[i].round.code, in[FC_ROUND].s) == 0)
			h = &hist[i];
	if (h == NULL)
		return page_error(r, 404, in[FC_ROUND].present ? MSG_ROUND_UNKNOWN :
		    "برای این دفتر هنوز رتبه‌ای منتشر نشده است.");
	if (h->rank < 1)
		return page_error(r, 404,
		    "این دفتر در این دوره ارزیابی نشده است و گواهی رتبه ندارد.");

	if ((base = site_base_url(r)) == NULL)
		return page_error(r, 400, NULL);
	/* Office codes are [0-9A-Za-z-]: nothing to percent-encode. */
	url = arena_printf(r->arena, "%s/verify?code=%s", base, o.code);
	if ((path = totp_qr_path(r->arena, url, &size)) == NULL)
		return page_error(r, 500, NULL);

	d = page_begin(r, arena_printf(r->arena, "گواهی رتبه %s", o.name),
	    "public_certificate.tpl");
	set_office(r, d, &o);
	set_round(r, d, &h->round);
	view_set(d, "RANK_FA", fa_int(r, h->rank));
	if (h != &hist[0])
		view_set(view_section(d, "OLDER"), "NEWEST_ROUND_CODE_FA",
		    fa_digits(r, hist[0].round.code));
	view_set(d, "VERIFY_URL", url);
	view_set_int(d, "QR_SIZE", size);
	view_set(d, "QR_PATH", path);
	page_script(r, "print");
	return page_end(r, 200);
}

/* The published list of a province. */

enum { FR_ROUND, FR_PROVINCE, FR_PAGE };

/* Adds one paging link (or the current page) to the pager. */
static void
pager_link(struct req *r, struct view_dict *d, long long page, long long cur)
{
	struct view_dict *p = view_section(d, "PAGE_LINK");

	view_set(p, "PAGE_FA", fa_int(r, page));
	if (page == cur)
		view_show(p, "IS_CURRENT");
	else
		view_set_int(view_section(p, "LINK"), "PAGE", page);
}

/*
 * The pager: the first and last pages, the current one and three either side,
 * with gaps between them, and the previous and next pages.
 */
static void
fill_pager(struct req *r, struct view_dict *d, long long page, long long pages)
{
	struct view_dict *pg;
	long long	  p, lo, hi;

	if (pages <= 1)
		return;
	pg = view_section(d, "PAGER");
	if (page > 1)
		view_set_int(view_section(pg, "PREV"), "PAGE", page - 1);
	if (page < pages)
		view_set_int(view_section(pg, "NEXT"), "PAGE", page + 1);
	lo = page - 3 > 1 ? page - 3 : 1;
	hi = page + 3 < pages ? page + 3 : pages;
	if (lo > 1) {
		pager_link(r, pg, 1, page);
		if (lo > 2)
			view_show(view_section(pg, "PAGE_LINK"), "GAP");
	}
	for (p = lo; p <= hi; p++)
		pager_link(r, pg, p, page);
	if (hi < pages) {
		if (hi < pages - 1)
			view_show(view_section(pg, "PAGE_LINK"), "GAP");
		pager_link(r, pg, pages, page);
	}
}

/* The province named by s: its id ("23") or its code ("IR-23"), or NULL. */
static const struct public_province *
province_find(const struct public_province *pv, size_t n, const char *s, size_t len)
{
	unsigned long long id;
	size_t		 i;

	if (len > 0 && strspn(s, "0123456789") == len) {
		if (http_parse_uint(s, len, 255, &id) != 0)
			return NULL;
		for (i = 0; i < n; i++)
			if (pv[i].id == (long long)id)
				return &pv[i];
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (strcasecmp(pv[i].code, s) == 0)
			return &pv[i];
	return NULL;
}

static int
ranks_page(struct req *r, const char *arg, const struct field_val *in)
{
	struct public_round	*rounds, *rd = NULL;
	struct public_province	*pv;
	const struct public_province *prov = NULL;
	struct public_row	*rows;
	struct view_dict	*d, *s, *l, *row;
	struct db		*db;
	long long		 counts[4], total, pages, page;
	size_t			 nr, np, n, i;
	enum db_err		 rc;

	(void)arg;
	if (in[FR_ROUND].error != NULL || (in[FR_ROUND].present &&
	    !round_code_ok(in[FR_ROUND].s, in[FR_ROUND].len)))
		return page_error(r, 400, MSG_ROUND_BAD);
	if (in[FR_PROVINCE].error != NULL)
		return page_error(r, 400, "استان انتخاب‌شده معتبر نیست.");
	if (in[FR_PAGE].error != NULL || (in[FR_PAGE].present && in[FR_PAGE].n == 0))
		return page_error(r, 400, "شماره صفحه معتبر نیست.");
	page = in[FR_PAGE].present ? (long long)in[FR_PAGE].n : 1;

	db = public_db(r);
	do
		if ((rc = public_rounds(db, r->arena, &rounds, &nr)) == DB_OK)
			rc = public_provinces(db, r->arena, &pv, &np);
	while (replica_lost(r, &db, rc));
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	for (i = 0; i < nr && rd == NULL; i++)
		if (!in[FR_ROUND].present || strcmp(rounds[i].code, in[FR_ROUND].s) == 0)
			rd = &rounds[i];
	if (in[FR_ROUND].present && rd == NULL)
		return page_error(r, 404, MSG_ROUND_UNKNOWN);
	if (in[FR_PROVINCE].present &&
	    (prov = province_find(pv, np, in[FR_PROVINCE].s, in[FR_PROVINCE].len)) == NULL)
		return page_error(r, 404, "استانی با این مشخصات پیدا نشد.");

	d = page_begin(r, prov != NULL ? arena_printf(r->arena,
	    "رتبه‌های دفاتر استان %s", prov->name) : "رتبه‌های منتشرشده دفاتر",
	    "public_ranks.tpl");
	if (rd == NULL) {
		view_show(d, "NO_ROUNDS");
		return page_end(r, 200);
	}
	s = view_section(d, "FORM");
	for (i = 0; i < nr; i++) {
		struct view_dict *o = view_section(s, "ROUND_OPTION");

		view_set(o, "CODE", rounds[i].code);
		view_set(o, "TITLE", rounds[i].title);
		view_set(o, "CODE_FA", fa_digits(r, rounds[i].code));
		if (&rounds[i] == rd)
			view_show(o, "SELECTED");
	}
	for (i = 0; i < np; i++) {
		struct view_dict *o = view_section(s, "PROVINCE_OPTION");

		view_set_int(o, "ID", pv[i].id);
		view_set(o, "NAME", pv[i].name);
		if (&pv[i] == prov)
			view_show(o, "SELECTED");
	}
	if (prov == NULL)
		view_show(s, "NO_PROVINCE_OPTION");
	set_round(r, d, rd);
	if (prov == NULL) {
		view_show(d, "CHOOSE");
		return page_end(r, 200);
	}

	/* The pager and the rows' links carry the round and the province. */
	view_set_int(d, "PROVINCE_ID", prov->id);
	do
		rc = public_rank_counts(db, rd->id, prov->id, counts);
	while (replica_lost(r, &db, rc));
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	total = counts[0] + counts[1] + counts[2] + counts[3];
	pages = (total + PUBLIC_PAGE_ROWS - 1) / PUBLIC_PAGE_ROWS;
	l = view_section(d, "LIST");
	view_set(l, "PROVINCE", prov->name);
	view_set(l, "TOTAL_FA", fa_int(r, total));
	for (i = 1; i <= 3; i++) {
		struct view_dict *c = view_section(l, "COUNT");

		view_set(c, "LABEL", rank_label(r, (int)i));
		view_set(c, "COUNT_FA", fa_int(r, counts[i]));
	}
	if (counts[0] > 0) {
		struct view_dict *c = view_section(l, "COUNT");

		view_set(c, "LABEL", rank_label(r, 0));
		view_set(c, "COUNT_FA", fa_int(r, counts[0]));
	}
	if (total == 0 && page == 1) {
		view_show(l, "EMPTY");
		return page_end(r, 200);
	}
	/* A page past the end names nothing: 404, with the way back to page 1. */
	if (page > pages) {
		view_set(view_section(l, "PAST_END"), "PAGES_FA", fa_int(r, pages));
		return page_end(r, 404);
	}
	do
		rc = public_rank_page(db, r->arena, rd->id, prov->id,
		    (page - 1) * PUBLIC_PAGE_ROWS, PUBLIC_PAGE_ROWS, &rows, &n);
	while (replica_lost(r, &db, rc));
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	s = view_section(l, "TABLE");
	view_set(s, "PAGE_FA", fa_int(r, page));
	view_set(s, "PAGES_FA", fa_int(r, pages));
	for (i = 0; i < n; i++) {
		row = view_section(s, "ROW");
		view_set(row, "ROW_FA", fa_int(r, (page - 1) * PUBLIC_PAGE_ROWS +
		    (long long)i + 1));
		view_set(row, "CODE", rows[i].code);
		view_set(row, "CODE_FA", fa_digits(r, rows[i].code));
		view_set(row, "NAME", rows[i].name);
		view_set(row, "KIND_LABEL", office_kind_label(rows[i].kind));
		view_set(row, "CITY", rows[i].city);
		view_set(row, "RANK_LABEL", rank_label(r, rows[i].rank));
	}
	fill_pager(r, l, page, pages);
	return page_end(r, 200);
}

int
page_ranks(struct req *r, const char *arg, const struct field_val *in)
{
	return cached(r, arg, in, ranks_page);
}

/* The public JSON of a round. */

enum { FJ_ROUND };

static int
json_error(struct req *r, int status, const char *error, const char *message)
{
	buf_clear(&r->body);
	r->status = status;
	resp_header(r, "Content-Type", "application/json; charset=utf-8");
	json_begin(&r->body);
	json_str(&r->body, "error", error);
	json_str(&r->body, "message", message);
	json_end(&r->body);
	buf_putc(&r->body, '\n');
	return -1;
}

/* A UTC DATETIME as ISO 8601 ("2026-05-20T05:30:00Z"), or NULL. */
static const char *
iso_time(struct req *r, const char *sql)
{
	struct tm	 tm;
	time_t		 t = (time_t)clock_parse_sql(sql);
	char		 out[32];

	if (t <= 0 || gmtime_r(&t, &tm) == NULL ||
	    strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return NULL;
	return arena_strdup(r->arena, out);
}

/* One office of the JSON: {"code", "name", "kind", "province", "city", "rank", "score"}. */
static int
json_office(void *arg, const struct public_row *row)
{
	struct buf	*b = arg;
	long long	 s;

	if (b->data[b->len - 1] != '[')
		buf_putc(b, ',');
	json_begin(b);
	json_str(b, "code", row->code);
	json_str(b, "name", row->name);
	json_str(b, "kind", row->kind);
	json_str(b, "province", row->province);
	json_str(b, "city", row->city);
	if (row->rank > 0)
		json_int(b, "rank", row->rank);
	else
		json_null(b, "rank");
	/*
	 * The score is a decimal number of points with two decimals (72.50), from
	 * the integer hundredths: json.h has no member for it, so it is written
	 * here after the members above (never the first, hence the comma).
	 */
	if (row->has_score) {
		s = row->score_x100 < 0 ? -row->score_x100 : row->score_x100;
		buf_printf(b, ",\"score\":%s%lld.%02lld", row->score_x100 < 0 ? "-" : "",
		    s / 100, s % 100);
	} else
		json_null(b, "score");
	json_end(b);
	return 0;
}

int
page_ranks_json(struct req *r, const char *arg, const struct field_val *in)
{
	struct public_round	 rd, *rounds;
	struct db		*db;
	size_t			 nr;
	int			 found;
	enum db_err		 rc;

	(void)arg;
	if (in[FJ_ROUND].error != NULL || (in[FJ_ROUND].present &&
	    !round_code_ok(in[FJ_ROUND].s, in[FJ_ROUND].len)))
		return json_error(r, 400, "bad_round", MSG_ROUND_BAD);
	db = public_db(r);
	do
		if (in[FJ_ROUND].present)
			rc = public_round_by_code(db, r->arena, in[FJ_ROUND].s, &rd, &found);
		else {
			/* No round: the newest public one. */
			rc = public_rounds(db, r->arena, &rounds, &nr);
			if ((found = rc == DB_OK && nr > 0))
				rd = rounds[0];
		}
	while (replica_lost(r, &db, rc));
	if (rc != DB_OK)
		return json_error(r, page_db_status(rc), "unavailable",
		    "سامانه موقتاً در دسترس نیست. لطفاً چند لحظه بعد دوباره تلاش کنید.");
	if (!found)
		return json_error(r, 404, "round_not_found", MSG_ROUND_UNKNOWN);

	/* Rows are written as they come: a read again starts the body again. */
	do {
		buf_clear(&r->body);
		buf_puts(&r->body, "{\"round\":");
		json_begin(&r->body);
		json_str(&r->body, "code", rd.code);
		json_str(&r->body, "title", rd.title);
		json_str(&r->body, "state", rd.state);
		json_str(&r->body, "published_at", iso_time(r, rd.published_at));
		json_end(&r->body);
		buf_puts(&r->body, ",\"offices\":[");
		rc = public_round_each(db, r->arena, rd.id, json_office, &r->body);
	} while (replica_lost(r, &db, rc));
	if (rc != DB_OK)
		return json_error(r, page_db_status(rc), "unavailable",
		    "سامانه موقتاً در دسترس نیست. لطفاً چند لحظه بعد دوباره تلاش کنید.");
	buf_puts(&r->body, "]}\n");
	r->status = 200;
	resp_header(r, "Content-Type", "application/json; charset=utf-8");
	return 0;
}
