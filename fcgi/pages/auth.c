/*
 * Signing in and out, replacing the initial password, and the second factor.
 *
 * A wrong national ID and a wrong password get the same message, status and (near)
 * timing: an unknown ID is checked against a dummy hash of the same cost.  Failures
 * are counted per typed ID (whether or not it has an account) and per client
 * address; growing delays, then a soft lock, keep guessing slow without letting
 * anyone lock an owner out for long.  scrypt runs inside the host-wide hash gate; a
 * login that cannot get a slot in time gets a "try again shortly" form, not an error.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "fa.h"
#include "jalali.h"
#include "log.h"
#include "model/outbox.h"
#include "model/user.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "password.h"
#include "totp.h"
#include "view.h"

/* Index of each field in the route's declaration (routes.c). */
enum { LOGIN_NID, LOGIN_PASSWORD };
enum { CHANGE_CURRENT, CHANGE_PASSWORD, CHANGE_REPEAT };
enum { TOTP_CODE };

#define ACCOUNT_LOCK_AFTER	5	/* failures before delays begin */
#define ACCOUNT_LOCK_MAX	900	/* seconds: a lock never lasts longer */
/*
 * Per address the bar is high: on a deadline day many offices share an ISP's
 * address (carrier-grade NAT), and one of them must not lock out the rest.
 */
#define ADDR_LOCK_AFTER		300
#define ADDR_LOCK_SECONDS	900
#define HOUR			3600

static const char msg_bad_login[] = "کد ملی یا رمز عبور نادرست است.";
static const char msg_busy[] =
    "سامانه در این لحظه شلوغ است. لطفاً چند ثانیه بعد دوباره تلاش کنید.";

/*
 * A hash with the production parameters whose password nobody knows: verifying
 * against it costs what verifying a real account costs.
 */
static char	 dummy_hash[160];

static const char *
dummy(const struct req *r)
{
	if (dummy_hash[0] == '\0' &&
	    crypto_password_hash("geps-dummy-password", 19, (int)r->conf->scrypt_log_n,
	    dummy_hash, sizeof(dummy_hash)) != 0)
		return "";
	return dummy_hash;
}

/* "0183382390" -> "01******90" for logs and the audit of anonymous attempts. */
static char *
mask_nid(struct arena *a, const char *nid)
{
	size_t	 n = strlen(nid);
	char	*m = arena_strdup(a, nid);
	size_t	 i;

	for (i = 2; i + 2 < n; i++)
		m[i] = '*';
	return m;
}

/* The Tehran wall-clock time of t as "HH:MM" with Persian digits. */
static char *
fa_clock(struct req *r, int64_t t)
{
	struct tehran_tm	 tm;
	struct buf		 b;

	tehran_from_unix(t, &tm);
	buf_init(&b, r->arena);
	fa_put_digits(&b, arena_printf(r->arena, "%02d:%02d", tm.hour, tm.min));
	return (char *)buf_cstr(&b);
}

/* Counts one failure into t under the rules of its scope. */
static void
throttle_fail(struct throttle *t, int64_t now, int account)
{
	int64_t	 delay;

	if (t->window_start == 0 || now - t->window_start >= HOUR) {
		t->failures = 0;
		t->window_start = now;
	}
	t->failures++;
	if (account) {
		if (t->failures >= 100)
			t->locked_until = t->window_start + HOUR;
		else if (t->failures >= ACCOUNT_LOCK_AFTER) {
			int e = (int)(t->failures - ACCOUNT_LOCK_AFTER);

			delay = e > 5 ? ACCOUNT_LOCK_MAX : 30LL << e;
			if (delay > ACCOUNT_LOCK_MAX)
				delay = ACCOUNT_LOCK_MAX;
			t->locked_until = now + delay;
		}
	} else if (t->failures >= ADDR_LOCK_AFTER)
		t->locked_until = now + ADDR_LOCK_SECONDS;
}

/* Renders the login form with an error; status as given. */
static int
login_form(struct req *r, int status, const char *nid, const char *field,
    const char *section, const char *msg, const char *notice)
{
	struct view_dict	*d;
	struct form		 f;

	d = page_begin(r, "ورود به سامانه", "login.tpl");
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	view_set(d, "NATIONAL_ID", nid);
	form_init(&f, d);
	if (msg != NULL)
		form_error(&f, field, section, msg);
	if (notice != NULL)
		view_set(view_section(d, "NOTICE"), "MESSAGE", notice);
	if (status == 503)
		resp_header(r, "Retry-After", "5");
	return page_end(r, status);
}

int
page_login_form(struct req *r, const char *arg, const struct field_val *in)
{
	const struct http_param	*p;
	const char		*notice = NULL;

	(void)arg;
	(void)in;
	if ((p = http_params_get(&r->query, "reset")) != NULL && strcmp(p->val, "1") == 0)
		notice = "رمز عبور شما تغییر کرد. اکنون با رمز تازه وارد شوید.";
	else if ((p = http_params_get(&r->query, "out")) != NULL && strcmp(p->val, "1") == 0)
		notice = "از سامانه خارج شدید.";
	return login_form(r, 200, "", NULL, NULL, NULL, notice);
}

/* Records a failed attempt for the typed ID and the address, and audits it. */
static void
login_failed(struct req *r, const char *nid, const struct throttle *ta,
    const struct throttle *tr, long long user_id)
{
	struct throttle		 a = *ta, b = *tr;
	struct audit_event	 ev;

	throttle_fail(&a, r->now, 1);
	throttle_fail(&b, r->now, 0);
	if (db_begin(r->db) != DB_OK)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.actor_label = mask_nid(r->arena, nid);
	ev.client_addr = r->remote_addr;
	ev.entity_type = user_id != 0 ? "user" : NULL;
	ev.entity_id = user_id;
	if (throttle_put(r->db, "login_account", nid, &a, r->now) != DB_OK ||
	    throttle_put(r->db, "login_addr", r->remote_addr, &b, r->now) != DB_OK)
		goto fail;
	ev.action = "login.fail";
	ev.new_json = arena_printf(r->arena, "{\"failures\":%lld}", a.failures);
	if (audit_append(r->db, r->arena, &ev) != DB_OK)
		goto fail;
	if (a.locked_until > r->now && (a.failures == ACCOUNT_LOCK_AFTER || a.failures == 100)) {
		ev.action = "login.lockout";
		ev.new_json = arena_printf(r->arena, "{\"until\":%lld}",
		    (long long)a.locked_until);
		if (audit_append(r->db, r->arena, &ev) != DB_OK)
			goto fail;
	}
	if (db_commit(r->db) == DB_OK)
		return;
fail:
	db_rollback(r->db);
}

int
page_login(struct req *r, const char *arg, const struct field_val *in)
{
	char			 nid[11];
	enum fa_nid_err		 ne;
	struct throttle		 ta, tr;
	struct user		 u;
	struct audit_event	 ev;
	int			 found, ok, staff;
	const char		*hash;
	int64_t			 until;

	(void)arg;
	if ((ne = fa_national_id_parse(in[LOGIN_NID].s, in[LOGIN_NID].len, nid)) != FA_NID_OK)
		return login_form(r, 200, in[LOGIN_NID].s, "national_id",
		    "NATIONAL_ID_ERROR", fa_national_id_message(ne), NULL);
	if (in[LOGIN_PASSWORD].len == 0)
		return login_form(r, 200, nid, "password", "PASSWORD_ERROR",
		    "رمز عبور را وارد کنید.", NULL);

	if (throttle_get(r->db, r->arena, "login_account", nid, &ta) != DB_OK ||
	    throttle_get(r->db, r->arena, "login_addr", r->remote_addr, &tr) != DB_OK)
		return page_error(r, 503, NULL);
	until = ta.locked_until > tr.locked_until ? ta.locked_until : tr.locked_until;
	if (until > r->now)
		return login_form(r, 429, nid, "national_id", NULL, arena_printf(r->arena,
		    "به دلیل تلاش‌های ناموفق پیاپی، ورود موقتاً ممکن نیست. لطفاً پس از ساعت %s دوباره تلاش کنید.",
		    fa_clock(r, until)), NULL);

	if (user_by_nid(r->db, r->arena, nid, &u, &found) != DB_OK)
		return page_error(r, 503, NULL);
	hash = found && u.password_hash[0] != '\0' ? u.password_hash : dummy(r);
	if (crypto_gate_enter(r->conf->hash_wait_ms) != 0) {
		log_warn("login_busy", "msg=\"no hashing slot\"");
		return login_form(r, 503, nid, "password", NULL, msg_busy, NULL);
	}
	ok = crypto_password_verify(in[LOGIN_PASSWORD].s, in[LOGIN_PASSWORD].len, hash);
	crypto_gate_leave();
	if (ok != 1 || !found || u.disabled || u.password_hash[0] == '\0') {
		login_failed(r, nid, &ta, &tr, found ? u.id : 0);
		return login_form(r, 200, nid, "national_id", NULL, msg_bad_login, NULL);
	}

	staff = strcmp(u.role, "licensee") != 0;
	if (db_begin(r->db) != DB_OK)
		return page_error(r, 503, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = u.id;
	ev.client_addr = r->remote_addr;
	ev.action = "login.ok";
	ev.entity_type = "user";
	ev.entity_id = u.id;
	if (throttle_clear(r->db, "login_account", nid) != DB_OK ||
	    user_logged_in(r->db, u.id, r->now) != DB_OK ||
	    access_login(r, u.id, !staff) != DB_OK ||
	    audit_append(r->db, r->arena, &ev) != DB_OK ||
	    db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, 503, NULL);
	}
	if (strcmp(u.password_kind, "initial") == 0)
		return resp_redirect(r, "/password/change");
	if (staff)
		return resp_redirect(r, u.totp_enrolled ? "/totp" : "/totp/enroll");
	/* A licensee's work starts at the dashboard of their offices. */
	return resp_redirect(r, "/dashboard");
}

int
page_logout(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event	 ev;

	(void)arg;
	(void)in;
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	ev.action = "logout";
	ev.entity_type = "session";
	ev.entity_id = r->sess.id;
	if (db_begin(r->db) != DB_OK || audit_append(r->db, r->arena, &ev) != DB_OK ||
	    access_logout(r) != DB_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, 503, NULL);
	}
	return resp_redirect(r, "/login?out=1");
}

/* ---- the password change (forced after an initial password, or by choice) ---- */

static int
change_form(struct req *r, struct form *f, struct view_dict *d, int status)
{
	(void)f;
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	if (strcmp(r->sess.password_kind, "initial") == 0)
		view_show(d, "FORCED");
	else
		view_show(d, "CURRENT");
	return page_end(r, status);
}

int
page_password_change_form(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict	*d;
	struct form		 f;

	(void)arg;
	(void)in;
	d = page_begin(r, "تغییر رمز عبور", "password_change.tpl");
	form_init(&f, d);
	return change_form(r, &f, d, 200);
}

int
page_password_change(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict	*d;
	struct form		 f;
	struct user		 u;
	struct audit_event	 ev;
	enum pw_err		 pe;
	char			 newhash[160];
	const char		*pw = in[CHANGE_PASSWORD].s;
	size_t			 len = in[CHANGE_PASSWORD].len;
	int			 found, forced, rc, staff;

	(void)arg;
	forced = strcmp(r->sess.password_kind, "initial") == 0;
	staff = strcmp(r->sess.role, "licensee") != 0;
	/* Staff change a chosen password only after the second factor. */
	if (staff && !forced && !r->sess.mfa)
		return resp_redirect(r, "/totp");

	d = page_begin(r, "تغییر رمز عبور", "password_change.tpl");
	form_init(&f, d);
	if (user_by_nid(r->db, r->arena, r->sess.national_id, &u, &found) != DB_OK || !found) {
		view_dict_free(r->page_root);
		r->page_root = NULL;
		return page_error(r, 503, NULL);
	}
	if (!forced) {
		rc = password_is(r, in[CHANGE_CURRENT].s, in[CHANGE_CURRENT].len, u.password_hash);
		if (rc < 0) {
			form_error(&f, "password", NULL, msg_busy);
			return change_form(r, &f, d, 503);
		}
		if (rc == 0)
			form_error(&f, "current", "CURRENT_ERROR", "رمز عبور فعلی نادرست است.");
	}
	if ((pe = password_check(pw, len, r->sess.national_id)) != PW_OK)
		form_error(&f, "password", "PASSWORD_ERROR", password_message(pe));
	else if (in[CHANGE_REPEAT].len != len || memcmp(in[CHANGE_REPEAT].s, pw, len) != 0)
		form_error(&f, "repeat", "REPEAT_ERROR", "تکرار رمز عبور با رمز تازه یکسان نیست.");
	if (f.nerrors > 0)
		return change_form(r, &f, d, 200);

	/* Neither the current, nor the initial secret, nor the previous password. */
	rc = password_reused(r, pw, len, &u);
	if (rc < 0) {
		form_error(&f, "password", NULL, msg_busy);
		return change_form(r, &f, d, 503);
	}
	if (rc == 1) {
		form_error(&f, "password", "PASSWORD_ERROR",
		    "رمز تازه نباید با رمز فعلی، رمز اولیه یا رمز قبلی یکسان باشد.");
		return change_form(r, &f, d, 200);
	}
	if (crypto_gate_enter(r->conf->hash_wait_ms) != 0) {
		form_error(&f, "password", NULL, msg_busy);
		return change_form(r, &f, d, 503);
	}
	rc = crypto_password_hash(pw, len, (int)r->conf->scrypt_log_n, newhash, sizeof(newhash));
	crypto_gate_leave();
	view_dict_free(r->page_root);
	r->page_root = NULL;
	if (rc != 0)
		return page_error(r, 500, NULL);

	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = u.id;
	ev.client_addr = r->remote_addr;
	ev.action = "password.change";
	ev.entity_type = "user";
	ev.entity_id = u.id;
	ev.old_json = arena_printf(r->arena, "{\"kind\":\"%s\"}", u.password_kind);
	ev.new_json = "{\"kind\":\"chosen\"}";
	if (db_begin(r->db) != DB_OK ||
	    user_set_password(r->db, u.id, newhash,
	    strcmp(u.password_kind, "chosen") == 0 ? u.password_hash : "", r->now) != DB_OK ||
	    session_delete_others(r->db, u.id, r->sess.id) != DB_OK ||
	    access_rotate(r, r->sess.mfa) != DB_OK ||
	    audit_append(r->db, r->arena, &ev) != DB_OK ||
	    (u.mobile[0] != '\0' && outbox_enqueue(r->db, OUTBOX_SMS, u.mobile, u.id,
	    "password_changed", "تغییر رمز عبور",
	    "رمز عبور حساب شما در سامانه ارزیابی دفاتر پیشخوان تغییر کرد. "
	    "اگر این کار را شما انجام نداده‌اید، فوراً با منطقه خود تماس بگیرید.") != DB_OK) ||
	    db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, 503, NULL);
	}
	if (staff && !r->sess.mfa)
		return resp_redirect(r, "/totp/enroll");
	return resp_redirect(r, "/account?changed=1");
}

/* ---- the second factor (reviewers and HQ) ---- */

static int
totp_page(struct req *r, const char *tpl, const char *title, const char *error,
    const char *b32)
{
	struct view_dict	*d;
	struct form		 f;

	d = page_begin(r, title, tpl);
	form_init(&f, d);
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	if (b32 != NULL)
		view_set(d, "SECRET", b32);
	if (error != NULL)
		form_error(&f, "code", "CODE_ERROR", error);
	return page_end(r, 200);
}

/* Loads the signed-in staff member with their TOTP key (locked, inside a transaction). */
static int
load_self(struct req *r, struct user *u)
{
	int	 found;

	if (user_by_nid(r->db, r->arena, r->sess.national_id, u, &found) != DB_OK || !found)
		return -1;
	return 0;
}

int
page_totp_enroll_form(struct req *r, const char *arg, const struct field_val *in)
{
	unsigned char	 key[20];
	char		 b32[64];
	struct user	 u;

	(void)arg;
	(void)in;
	if (load_self(r, &u) != 0)
		return page_error(r, 503, NULL);
	if (u.totp_enrolled)
		return resp_redirect(r, r->sess.mfa ? "/account" : "/totp");
	/* A new key each time the page is shown, until one is confirmed. */
	if (totp_new_secret(key) != 0 || totp_base32(key, sizeof(key), b32, sizeof(b32)) < 0)
		return page_error(r, 500, NULL);
	if (user_totp_pending(r->db, u.id, key, sizeof(key)) != DB_OK)
		return page_error(r, 503, NULL);
	return totp_page(r, "totp_enroll.tpl", "فعال‌سازی ورود دومرحله‌ای", NULL, b32);
}

/* Verifies the posted code for u; returns 1 accepted (step stored), 0 refused, -1 db. */
static int
totp_accept(struct req *r, const struct user *u, const struct field_val *code,
    int64_t *step)
{
	char		 digits[8];
	size_t		 i, n = 0;
	int64_t		 st = 0;

	/* Fold Persian digits and drop spaces: "۱۲۳ ۴۵۶" is a valid code. */
	for (i = 0; i < code->len && n < 7; ) {
		int	 dg;
		size_t	 k = fa_fold_digit((const unsigned char *)code->s + i, code->len - i, &dg);

		if (k > 0) {
			digits[n++] = (char)('0' + dg);
			i += k;
		} else if (code->s[i] == ' ')
			i++;
		else
			return 0;
	}
	digits[n] = '\0';
	if (n != 6 || u->totp_len == 0)
		return 0;
	if (totp_check(u->totp_secret, u->totp_len, digits, r->now, u->totp_last_step, &st) != 1)
		return 0;
	*step = st;
	return 1;
}

/*
 * The enrolment QR code, as its own image: a page's auto-escaping rightly refuses
 * a data: URL in src.  It shows the key pending for the signed-in staff member
 * only, and is never cached.
 */
int
page_totp_qr(struct req *r, const char *arg, const struct field_val *in)
{
	struct user	 u;
	char		 b32[64];
	const char	*uri, *svg;

	(void)arg;
	(void)in;
	if (load_self(r, &u) != 0)
		return page_error(r, 503, NULL);
	if (u.totp_enrolled || u.totp_len == 0 ||
	    totp_base32(u.totp_secret, u.totp_len, b32, sizeof(b32)) < 0)
		return page_error(r, 404, NULL);
	if ((uri = totp_uri(r->arena, "GEPS", u.national_id, b32)) == NULL ||
	    (svg = totp_qr_svg(r->arena, uri)) == NULL)
		return page_error(r, 500, NULL);
	resp_header(r, "Content-Type", "image/svg+xml");
	buf_puts(&r->body, svg);
	return 0;
}

int
page_totp_enroll(struct req *r, const char *arg, const struct field_val *in)
{
	struct user		 u;
	struct audit_event	 ev;
	int64_t			 step;
	char			 b32[64];

	(void)arg;
	if (load_self(r, &u) != 0)
		return page_error(r, 503, NULL);
	if (u.totp_enrolled)
		return resp_redirect(r, "/totp");
	if (u.totp_len == 0 || totp_base32(u.totp_secret, u.totp_len, b32, sizeof(b32)) < 0)
		return resp_redirect(r, "/totp/enroll");
	if (totp_accept(r, &u, &in[TOTP_CODE], &step) != 1)
		return totp_page(r, "totp_enroll.tpl", "فعال‌سازی ورود دومرحله‌ای",
		    "کد واردشده درست نیست. کد شش‌رقمی تازه‌ای را از برنامه وارد کنید.", b32);
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = u.id;
	ev.client_addr = r->remote_addr;
	ev.action = "totp.enroll";
	ev.entity_type = "user";
	ev.entity_id = u.id;
	if (db_begin(r->db) != DB_OK ||
	    user_totp_enrolled(r->db, u.id, r->now, step) != DB_OK ||
	    access_rotate(r, 1) != DB_OK ||
	    audit_append(r->db, r->arena, &ev) != DB_OK ||
	    db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, 503, NULL);
	}
	return resp_redirect(r, "/");
}

int
page_totp_form(struct req *r, const char *arg, const struct field_val *in)
{
	(void)arg;
	(void)in;
	if (!r->sess.totp_enrolled)
		return resp_redirect(r, "/totp/enroll");
	if (r->sess.mfa)
		return resp_redirect(r, "/");
	return totp_page(r, "totp.tpl", "ورود دومرحله‌ای", NULL, NULL);
}

int
page_totp(struct req *r, const char *arg, const struct field_val *in)
{
	struct user		 u;
	struct audit_event	 ev;
	struct throttle		 t;
	int64_t			 step;
	int			 ok = 1;

	(void)arg;
	if (load_self(r, &u) != 0)
		return page_error(r, 503, NULL);
	if (!u.totp_enrolled)
		return resp_redirect(r, "/totp/enroll");
	if (throttle_get(r->db, r->arena, "totp_account", u.national_id, &t) != DB_OK)
		return page_error(r, 503, NULL);
	if (t.locked_until > r->now)
		return totp_page(r, "totp.tpl", "ورود دومرحله‌ای", arena_printf(r->arena,
		    "به دلیل کدهای نادرست پیاپی، لطفاً پس از ساعت %s دوباره تلاش کنید.",
		    fa_clock(r, t.locked_until)), NULL);
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = u.id;
	ev.client_addr = r->remote_addr;
	ev.entity_type = "user";
	ev.entity_id = u.id;
	if (totp_accept(r, &u, &in[TOTP_CODE], &step) != 1) {
		throttle_fail(&t, r->now, 1);
		ev.action = "totp.fail";
		if (db_begin(r->db) == DB_OK &&
		    throttle_put(r->db, "totp_account", u.national_id, &t, r->now) == DB_OK &&
		    audit_append(r->db, r->arena, &ev) == DB_OK)
			(void)db_commit(r->db);
		else
			db_rollback(r->db);
		return totp_page(r, "totp.tpl", "ورود دومرحله‌ای",
		    "کد واردشده درست نیست.", NULL);
	}
	ev.action = "totp.ok";
	if (db_begin(r->db) != DB_OK ||
	    user_totp_step(r->db, u.id, step, &ok) != DB_OK || !ok ||
	    throttle_clear(r->db, "totp_account", u.national_id) != DB_OK ||
	    access_rotate(r, 1) != DB_OK ||
	    audit_append(r->db, r->arena, &ev) != DB_OK ||
	    db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		if (!ok)
			return totp_page(r, "totp.tpl", "ورود دومرحله‌ای",
			    "این کد پیش‌تر به کار رفته است. کد تازه را وارد کنید.", NULL);
		return page_error(r, 503, NULL);
	}
	return resp_redirect(r, "/");
}
