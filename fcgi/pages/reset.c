/*
 * "Forgot password", by national ID and a one-time code (ASVS 2.5, 2.7).
 *
 * Whatever ID is typed, the answer is the same page, status and time: the request
 * takes at least RESET_FLOOR_MS, so the few database writes made for an existing
 * account cannot be told apart by timing.  The 6-digit code is stored as an HMAC
 * under the server key (a plain hash of a million codes is no protection), is
 * single use, lives 10 minutes and allows 5 tries.  An accepted code yields a signed,
 * 10-minute grant for the new-password form; setting the password deletes the
 * user's reset rows (so the grant cannot be replayed) and ends every session.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "clock.h"
#include "conf.h"
#include "crypto.h"
#include "fa.h"
#include "http.h"
#include "model/outbox.h"
#include "model/session.h"
#include "model/user.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "password.h"
#include "view.h"

enum { FORGOT_NID };
enum { CODE_NID, CODE_CODE };
enum { NEW_GRANT, NEW_PASSWORD, NEW_REPEAT };

#define RESET_FLOOR_MS		400
#define CODE_TTL		600
#define GRANT_TTL		600
#define RESETS_PER_ID_HOUR	5
#define RESETS_PER_ADDR_HOUR	30

static const char msg_sent[] =
    "اگر این کد ملی در سامانه حساب داشته باشد، یک کد یک‌بارمصرف شش‌رقمی به شماره همراه "
    "و نشانی ایمیل ثبت‌شده برای آن فرستاده شد. کد تا ده دقیقه معتبر است.";
static const char msg_bad_code[] = "کد واردشده نادرست یا منقضی است. می‌توانید کد تازه‌ای درخواست کنید.";

/* Sleeps until start_us + ms (a floor on the response time). */
static void
floor_time(const struct req *r, long ms)
{
	int64_t		 left = r->start_us + ms * 1000 - clock_mono_us();
	struct timespec	 ts;

	if (left <= 0)
		return;
	ts.tv_sec = left / 1000000;
	ts.tv_nsec = (left % 1000000) * 1000;
	while (nanosleep(&ts, &ts) != 0)
		continue;
}

static void
code_hash(const struct req *r, long long user_id, const char *code, unsigned char out[32])
{
	char	 msg[64];

	snprintf(msg, sizeof(msg), "reset:%lld:%s", user_id, code);
	crypto_hmac_sha256(r->conf->secret_key, strlen(r->conf->secret_key), msg,
	    strlen(msg), out);
}

/* "<reset id>-<expiry>-<hex hmac>" */
static char *
grant_make(struct req *r, long long reset_id, int64_t expires)
{
	unsigned char	 mac[32];
	char		 hex[65], *msg;

	msg = arena_printf(r->arena, "grant:%lld:%lld", reset_id, (long long)expires);
	crypto_hmac_sha256(r->conf->secret_key, strlen(r->conf->secret_key), msg,
	    strlen(msg), mac);
	crypto_hex(mac, sizeof(mac), hex);
	return arena_printf(r->arena, "%lld-%lld-%s", reset_id, (long long)expires, hex);
}

/* Returns the reset id of a valid, unexpired grant, or 0. */
static long long
grant_check(struct req *r, const char *g)
{
	unsigned long long	 id, exp;
	const char		*a, *b;
	char			*want;

	if ((a = strchr(g, '-')) == NULL || (b = strchr(a + 1, '-')) == NULL ||
	    http_parse_uint(g, (size_t)(a - g), 1ULL << 62, &id) != 0 ||
	    http_parse_uint(a + 1, (size_t)(b - a - 1), 1ULL << 40, &exp) != 0 ||
	    id == 0 || (int64_t)exp < r->now)
		return 0;
	want = grant_make(r, (long long)id, (int64_t)exp);
	if (strlen(want) != strlen(g) || !crypto_equal(want, g, strlen(g)))
		return 0;
	return (long long)id;
}

static int
forgot_page(struct req *r, const char *nid, const char *msg)
{
	struct view_dict	*d;
	struct form		 f;

	d = page_begin(r, "فراموشی رمز عبور", "forgot.tpl");
	form_init(&f, d);
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	view_set(d, "NATIONAL_ID", nid);
	if (msg != NULL)
		form_error(&f, "national_id", "NATIONAL_ID_ERROR", msg);
	return page_end(r, 200);
}

static int
code_page(struct req *r, const char *nid, const char *notice, const char *error)
{
	struct view_dict	*d;
	struct form		 f;

	d = page_begin(r, "ورود کد یک‌بارمصرف", "reset_code.tpl");
	form_init(&f, d);
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	view_set(d, "NATIONAL_ID", nid);
	if (notice != NULL)
		view_set(view_section(d, "NOTICE"), "MESSAGE", notice);
	if (error != NULL)
		form_error(&f, "code", "CODE_ERROR", error);
	return page_end(r, 200);
}

int
page_forgot_form(struct req *r, const char *arg, const struct field_val *in)
{
	(void)arg;
	(void)in;
	return forgot_page(r, "", NULL);
}

/* Counts one request in a reset scope; returns 1 while under limit. */
static int
reset_allowed(struct req *r, const char *scope, const char *subject, long limit)
{
	struct throttle	 t;

	if (throttle_get(r->db, r->arena, scope, subject, &t) != DB_OK)
		return 0;
	if (t.window_start == 0 || r->now - t.window_start >= 3600) {
		t.failures = 0;
		t.window_start = r->now;
	}
	t.failures++;
	t.locked_until = 0;
	if (throttle_put(r->db, scope, subject, &t, r->now) != DB_OK)
		return 0;
	return t.failures <= limit;
}

/* The random 6-digit code, uniform over 000000..999999. */
static int
six_digits(char out[7])
{
	unsigned int	 v;

	do {
		if (crypto_random(&v, sizeof(v)) != 0)
			return -1;
	} while (v >= 4294000000u);	/* a multiple of 10^6: no modulo bias */
	snprintf(out, 7, "%06u", v % 1000000u);
	return 0;
}

int
page_forgot(struct req *r, const char *arg, const struct field_val *in)
{
	char			 nid[11], code[7], *body;
	unsigned char		 h[32];
	enum fa_nid_err		 ne;
	struct user		 u;
	struct audit_event	 ev;
	int			 found, by_addr, by_id;

	(void)arg;
	/* The format of an ID is not a secret: say what is wrong with it. */
	if ((ne = fa_national_id_parse(in[FORGOT_NID].s, in[FORGOT_NID].len, nid)) != FA_NID_OK)
		return forgot_page(r, in[FORGOT_NID].s, fa_national_id_message(ne));

	if (db_begin(r->db) != DB_OK)
		return page_error(r, 503, NULL);
	by_addr = reset_allowed(r, "reset_addr", r->remote_addr, RESETS_PER_ADDR_HOUR);
	by_id = reset_allowed(r, "reset_account", nid, RESETS_PER_ID_HOUR);
	if (!by_addr) {
		(void)db_commit(r->db);
		return page_error(r, 429, NULL);
	}
	if (user_by_nid(r->db, r->arena, nid, &u, &found) != DB_OK)
		goto fail;
	if (by_id && found && !u.disabled && (u.mobile[0] != '\0' || u.email[0] != '\0')) {
		if (six_digits(code) != 0)
			goto fail;
		code_hash(r, u.id, code, h);
		body = arena_printf(r->arena, "کد بازیابی رمز عبور سامانه ارزیابی دفاتر پیشخوان: %s "
		    "(تا ده دقیقه معتبر). این کد را به هیچ‌کس ندهید.", code);
		memset(&ev, 0, sizeof(ev));
		ev.actor_label = "reset";
		ev.client_addr = r->remote_addr;
		ev.action = "reset.request";
		ev.entity_type = "user";
		ev.entity_id = u.id;
		if (reset_create(r->db, u.id, h, r->now, r->now + CODE_TTL, r->remote_addr) != DB_OK ||
		    (u.mobile[0] != '\0' && outbox_enqueue(r->db, OUTBOX_SMS, u.mobile, u.id,
		    "reset_code", "کد بازیابی رمز عبور", body) != DB_OK) ||
		    (u.email[0] != '\0' && outbox_enqueue(r->db, OUTBOX_EMAIL, u.email, u.id,
		    "reset_code", "کد بازیابی رمز عبور", body) != DB_OK) ||
		    audit_append(r->db, r->arena, &ev) != DB_OK)
			goto fail;
	}
	if (db_commit(r->db) != DB_OK)
		goto fail;
	floor_time(r, RESET_FLOOR_MS);
	return code_page(r, nid, msg_sent, NULL);
fail:
	db_rollback(r->db);
	return page_error(r, 503, NULL);
}

int
page_reset_code(struct req *r, const char *arg, const struct field_val *in)
{
	const char		*nid = in[CODE_NID].s;
	char			 code[7];
	unsigned char		 h[32];
	struct user		 u;
	struct reset		 rs;
	struct view_dict	*d;
	int			 found = 0, rfound = 0, k, n = 0;
	size_t			 i;

	(void)arg;
	if (in[CODE_NID].error != NULL)
		return forgot_page(r, "", in[CODE_NID].error);
	/* Six digits, Persian or ASCII, spaces ignored. */
	for (i = 0; i < in[CODE_CODE].len && n < 7; ) {
		int	 dg;

		if ((k = (int)fa_fold_digit((const unsigned char *)in[CODE_CODE].s + i,
		    in[CODE_CODE].len - i, &dg)) > 0) {
			code[n++] = (char)('0' + dg);
			i += (size_t)k;
		} else if (in[CODE_CODE].s[i] == ' ')
			i++;
		else
			break;
	}
	if (n != 6 || i != in[CODE_CODE].len)
		return code_page(r, nid, NULL, "کد شش‌رقمی را همان‌طور که دریافت کرده‌اید وارد کنید.");
	code[6] = '\0';

	if (db_begin(r->db) != DB_OK)
		return page_error(r, 503, NULL);
	if (user_by_nid(r->db, r->arena, nid, &u, &found) != DB_OK ||
	    (found && reset_newest(r->db, r->arena, u.id, r->now, &rs, &rfound) != DB_OK))
		goto fail;
	if (!found || !rfound || !rs.live || rs.attempts >= 5) {
		(void)db_commit(r->db);
		return code_page(r, nid, NULL, msg_bad_code);
	}
	code_hash(r, u.id, code, h);
	if (!crypto_equal(h, rs.hash, 32)) {
		if (reset_attempt(r->db, rs.id) != DB_OK || db_commit(r->db) != DB_OK)
			goto fail;
		return code_page(r, nid, NULL, rs.attempts + 1 >= 5 ?
		    "تعداد تلاش‌ها برای این کد به پایان رسید. کد تازه‌ای درخواست کنید." :
		    msg_bad_code);
	}
	if (reset_use(r->db, rs.id, r->now) != DB_OK || db_commit(r->db) != DB_OK)
		goto fail;
	d = page_begin(r, "رمز عبور تازه", "reset_new.tpl");
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	view_set(d, "GRANT", grant_make(r, rs.id, r->now + GRANT_TTL));
	return page_end(r, 200);
fail:
	db_rollback(r->db);
	return page_error(r, 503, NULL);
}

int
page_reset_new(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict	*d;
	struct form		 f;
	struct user		 u;
	struct audit_event	 ev;
	enum pw_err		 pe;
	long long		 rid, uid = 0;
	int			 found = 0, used = 0, rc;
	char			 newhash[160];
	const char		*pw = in[NEW_PASSWORD].s;
	size_t			 len = in[NEW_PASSWORD].len;

	(void)arg;
	if (in[NEW_GRANT].error != NULL || (rid = grant_check(r, in[NEW_GRANT].s)) == 0)
		return forgot_page(r, "", "مهلت تعیین رمز تازه به پایان رسیده است. دوباره کد درخواست کنید.");
	if (reset_get(r->db, r->arena, rid, &uid, &used, &found) != DB_OK)
		return page_error(r, 503, NULL);
	if (!found || !used)
		return forgot_page(r, "", "این درخواست دیگر معتبر نیست. دوباره کد درخواست کنید.");
	if (user_by_id_locked(r->db, r->arena, uid, &u, &found) != DB_OK || !found)
		return page_error(r, 503, NULL);

	d = page_begin(r, "رمز عبور تازه", "reset_new.tpl");
	form_init(&f, d);
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	view_set(d, "GRANT", in[NEW_GRANT].s);
	if ((pe = password_check(pw, len, u.national_id)) != PW_OK)
		form_error(&f, "password", "PASSWORD_ERROR", password_message(pe));
	else if (in[NEW_REPEAT].len != len || memcmp(in[NEW_REPEAT].s, pw, len) != 0)
		form_error(&f, "repeat", "REPEAT_ERROR", "تکرار رمز عبور با رمز تازه یکسان نیست.");
	else if ((rc = password_reused(r, pw, len, &u)) != 0)
		form_error(&f, "password", rc < 0 ? NULL : "PASSWORD_ERROR", rc < 0 ?
		    "سامانه در این لحظه شلوغ است. لطفاً چند ثانیه بعد دوباره تلاش کنید." :
		    "رمز تازه نباید با رمز فعلی، رمز اولیه یا رمز قبلی یکسان باشد.");
	if (f.nerrors > 0)
		return page_end(r, 200);
	view_dict_free(r->page_root);
	r->page_root = NULL;

	if (crypto_gate_enter(r->conf->hash_wait_ms) != 0)
		return page_error(r, 503, NULL);
	rc = crypto_password_hash(pw, len, (int)r->conf->scrypt_log_n, newhash, sizeof(newhash));
	crypto_gate_leave();
	if (rc != 0)
		return page_error(r, 500, NULL);

	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = u.id;
	ev.client_addr = r->remote_addr;
	ev.action = "reset.complete";
	ev.entity_type = "user";
	ev.entity_id = u.id;
	if (db_begin(r->db) != DB_OK ||
	    reset_get(r->db, r->arena, rid, &uid, &used, &found) != DB_OK || !found ||
	    user_set_password(r->db, u.id, newhash,
	    strcmp(u.password_kind, "chosen") == 0 ? u.password_hash : "", r->now) != DB_OK ||
	    reset_delete_user(r->db, u.id) != DB_OK ||
	    session_delete_all(r->db, u.id) != DB_OK ||
	    throttle_clear(r->db, "login_account", u.national_id) != DB_OK ||
	    audit_append(r->db, r->arena, &ev) != DB_OK ||
	    (u.mobile[0] != '\0' && outbox_enqueue(r->db, OUTBOX_SMS, u.mobile, u.id,
	    "password_reset", "بازیابی رمز عبور",
	    "رمز عبور حساب شما در سامانه ارزیابی دفاتر پیشخوان با کد یک‌بارمصرف تغییر کرد. "
	    "اگر این کار را شما انجام نداده‌اید، فوراً با منطقه خود تماس بگیرید.") != DB_OK) ||
	    (u.email[0] != '\0' && outbox_enqueue(r->db, OUTBOX_EMAIL, u.email, u.id,
	    "password_reset", "بازیابی رمز عبور",
	    "رمز عبور حساب شما در سامانه ارزیابی دفاتر پیشخوان با کد یک‌بارمصرف تغییر کرد. "
	    "اگر این کار را شما انجام نداده‌اید، فوراً با منطقه خود تماس بگیرید.") != DB_OK) ||
	    db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, 503, NULL);
	}
	return resp_redirect(r, "/login?reset=1");
}
