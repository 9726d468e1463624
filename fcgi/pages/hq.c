/*
 * HQ pages: the staff accounts (list, create, reset of the second factor) and the
 * audit log browser.  The route table admits HQ only; every change runs in one
 * transaction with its audit row.
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
#include "http.h"
#include "jalali.h"
#include "json.h"
#include "model/import.h"
#include "model/outbox.h"
#include "model/staff.h"
#include "model/user.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

#define AUDIT_PAGE	50

static void
audit_init(struct req *r, struct audit_event *ev, const char *action,
    const char *entity, long long id)
{
	memset(ev, 0, sizeof(*ev));
	ev->actor_user_id = r->sess.user_id;
	ev->client_addr = r->remote_addr;
	ev->action = action;
	ev->entity_type = entity;
	ev->entity_id = id;
}

/* ---- the staff list and the second-factor reset ---- */

int
page_hq_staff(struct req *r, const char *arg, const struct field_val *in)
{
	struct staff_row	*rows;
	struct view_dict	*d, *sd, *row;
	size_t			 n, i;
	enum db_err		 rc;

	(void)arg;
	(void)in;
	if ((rc = staff_list(r->db, r->arena, &rows, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "کارکنان", "hq_staff.tpl");
	if (query_flag(r, "reset"))
		view_show(d, "NOTICE_RESET");
	if (query_flag(r, "created"))
		view_show(d, "NOTICE_CREATED");
	sd = view_section(d, "STAFF");
	for (i = 0; i < n; i++) {
		row = view_section(sd, "MEMBER");
		view_set(row, "NAME", arena_printf(r->arena, "%s %s",
		    rows[i].first_name, rows[i].last_name));
		view_set(row, "NATIONAL_ID_FA", fa_digits(r, rows[i].national_id));
		view_set(row, "ROLE_LABEL", role_label(rows[i].role));
		view_set(row, "REGION", rows[i].region[0] != '\0' ? rows[i].region : "—");
		view_show(row, rows[i].totp_enrolled ? "TOTP_ON" : "TOTP_OFF");
		if (rows[i].disabled)
			view_show(row, "DISABLED");
		if (rows[i].last_login > 0)
			view_set(view_section(row, "LAST_LOGIN"), "LAST_LOGIN_FA",
			    fa_when(r, rows[i].last_login));
		else
			view_show(row, "NEVER");
		view_set_int(row, "USER_ID", rows[i].id);
		view_set(row, "CSRF_TOKEN", csrf_token(r));
	}
	return page_end(r, 200);
}

int
page_hq_staff_totp_reset(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event	 ev;
	struct user		 u;
	struct buf		 o, nw;
	long long		 id, ended;
	int			 found;
	enum db_err		 rc;

	(void)arg;
	if (in[0].error != NULL || !in[0].present)
		return page_error(r, 400, NULL);
	id = (long long)in[0].n;
	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((rc = user_by_id_locked(r->db, r->arena, id, &u, &found)) != DB_OK)
		goto fail;
	if (!found || strcmp(u.role, "licensee") == 0) {
		/* Licensees have no second factor: for this page they do not exist. */
		db_rollback(r->db);
		return page_error(r, 404, NULL);
	}
	if ((rc = staff_totp_reset(r->db, id, &ended)) != DB_OK)
		goto fail;
	buf_init(&o, r->arena);
	json_begin(&o);
	json_bool(&o, "totp_enrolled", u.totp_enrolled);
	json_bool(&o, "totp_pending", !u.totp_enrolled && u.totp_len > 0);
	json_end(&o);
	buf_init(&nw, r->arena);
	json_begin(&nw);
	json_bool(&nw, "totp_enrolled", 0);
	json_int(&nw, "sessions_ended", ended);
	json_end(&nw);
	audit_init(r, &ev, "totp.reset", "user", id);
	ev.old_json = buf_cstr(&o);
	ev.new_json = buf_cstr(&nw);
	if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK)
		goto fail;
	if ((rc = db_commit(r->db)) != DB_OK)
		goto fail;
	if (id == r->sess.user_id) {
		/* HQ reset their own factor: their sessions, this one too, are gone. */
		(void)access_logout(r);
		return resp_redirect(r, "/login");
	}
	return resp_redirect(r, "/hq/staff?reset=1");
fail:
	if (db_in_txn(r->db))
		db_rollback(r->db);
	return page_error(r, page_db_status(rc), NULL);
}

/* ---- creating a staff account ---- */

enum staff_field {
	SF_ROLE,
	SF_NATIONAL_ID,
	SF_FIRST_NAME,
	SF_LAST_NAME,
	SF_MOBILE,
	SF_EMAIL,
	SF_REGION,
	SF__MAX
};

/* The form as typed, to show again after an error (never a secret). */
struct staff_form {
	const char	*v[SF__MAX];
};

static const char *const sf_keys[SF__MAX] = {
	[SF_ROLE] = "ROLE",
	[SF_NATIONAL_ID] = "NATIONAL_ID",
	[SF_FIRST_NAME] = "FIRST_NAME",
	[SF_LAST_NAME] = "LAST_NAME",
	[SF_MOBILE] = "MOBILE",
	[SF_EMAIL] = "EMAIL",
	[SF_REGION] = "REGION",
};

static const char *const sf_ids[SF__MAX] = {
	[SF_ROLE] = "role-reviewer",
	[SF_NATIONAL_ID] = "national_id",
	[SF_FIRST_NAME] = "first_name",
	[SF_LAST_NAME] = "last_name",
	[SF_MOBILE] = "mobile",
	[SF_EMAIL] = "email",
	[SF_REGION] = "region",
};

static const char *const sf_sections[SF__MAX] = {
	[SF_ROLE] = "ROLE_ERROR",
	[SF_NATIONAL_ID] = "NATIONAL_ID_ERROR",
	[SF_FIRST_NAME] = "FIRST_NAME_ERROR",
	[SF_LAST_NAME] = "LAST_NAME_ERROR",
	[SF_MOBILE] = "MOBILE_ERROR",
	[SF_EMAIL] = "EMAIL_ERROR",
	[SF_REGION] = "REGION_ERROR",
};

/* Begins the form page with the regions and the values in f (may be NULL). */
static struct view_dict *
staff_form_begin(struct req *r, const struct region_row *regions, size_t nregions,
    const struct staff_form *f)
{
	struct view_dict	*d, *rd;
	const char		*role = f != NULL ? f->v[SF_ROLE] : "";
	const char		*region = f != NULL ? f->v[SF_REGION] : "";
	size_t			 i;

	d = page_begin(r, "افزودن کارمند", "hq_staff_new.tpl");
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	for (i = 0; f != NULL && i < SF__MAX; i++)
		if (i != SF_ROLE && i != SF_REGION)
			view_set(d, sf_keys[i], f->v[i]);
	if (strcmp(role, "reviewer") == 0)
		view_show(d, "ROLE_REVIEWER_CHECKED");
	else if (strcmp(role, "hq") == 0)
		view_show(d, "ROLE_HQ_CHECKED");
	for (i = 0; i < nregions; i++) {
		char	 id[24];

		snprintf(id, sizeof(id), "%lld", regions[i].id);
		rd = view_section(d, "REGION_OPTION");
		view_set(rd, "REGION_ID", id);
		view_set(rd, "REGION_NAME", regions[i].name);
		view_set(rd, "REGION_SEAT", regions[i].seat);
		if (strcmp(region, id) == 0)
			view_show(rd, "SELECTED");
	}
	return d;
}

int
page_hq_staff_new_form(struct req *r, const char *arg, const struct field_val *in)
{
	struct region_row	*regions;
	size_t			 nregions;
	enum db_err		 rc;

	(void)arg;
	(void)in;
	if ((rc = region_list(r->db, r->arena, &regions, &nregions)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	staff_form_begin(r, regions, nregions, NULL);
	return page_end(r, 200);
}

/*
 * The one-time initial secret: 12 characters from an alphabet of 32 that avoids
 * look-alikes (no I, O, 0, 1), so 60 random bits that survive being read off an
 * SMS.  256 is a multiple of 32, so taking 5 bits of a byte is unbiased.
 */
static int
initial_secret(char out[13])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	unsigned char	 rnd[12];
	size_t		 i;

	if (crypto_random(rnd, sizeof(rnd)) != 0)
		return -1;
	for (i = 0; i < sizeof(rnd); i++)
		out[i] = alphabet[rnd[i] & 31];
	out[12] = '\0';
	explicit_bzero(rnd, sizeof(rnd));
	return 0;
}

int
page_hq_staff_new(struct req *r, const char *arg, const struct field_val *in)
{
	struct region_row	*regions;
	struct staff_form	 f;
	struct staff_account	 sn;
	struct form		 form;
	struct view_dict	*d;
	struct audit_event	 ev;
	struct buf		 nw;
	const char		*err[SF__MAX];
	const char		*role, *mobile = NULL, *email = "", *why;
	char			 nid[11], secret[13], hash[160];
	unsigned long long	 region = 0;
	size_t			 nregions, i, nerr = 0;
	long long		 id;
	int			 exists, busy = 0, found_region = 0;
	enum fa_nid_err		 ne;
	enum db_err		 rc;

	(void)arg;
	memset(err, 0, sizeof(err));
	for (i = 0; i < SF__MAX; i++) {
		f.v[i] = in[i].s;
		err[i] = in[i].error;
	}
	if ((rc = region_list(r->db, r->arena, &regions, &nregions)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);

	role = in[SF_ROLE].s;
	if (err[SF_ROLE] == NULL && strcmp(role, "reviewer") != 0 &&
	    strcmp(role, "hq") != 0)
		err[SF_ROLE] = "نقش کاربر را انتخاب کنید.";
	nid[0] = '\0';
	if (err[SF_NATIONAL_ID] == NULL) {
		ne = fa_national_id_parse(in[SF_NATIONAL_ID].s, in[SF_NATIONAL_ID].len, nid);
		if (ne != FA_NID_OK)
			err[SF_NATIONAL_ID] = fa_national_id_message(ne);
	}
	if (err[SF_FIRST_NAME] == NULL && !in[SF_FIRST_NAME].present)
		err[SF_FIRST_NAME] = "نام را وارد کنید.";
	if (err[SF_LAST_NAME] == NULL && !in[SF_LAST_NAME].present)
		err[SF_LAST_NAME] = "نام خانوادگی را وارد کنید.";
	if (err[SF_MOBILE] == NULL) {
		if (!in[SF_MOBILE].present)
			err[SF_MOBILE] = "شماره تلفن همراه را وارد کنید.";
		else if ((mobile = import_mobile(r->arena, in[SF_MOBILE].s,
		    in[SF_MOBILE].len, &why)) == NULL)
			err[SF_MOBILE] = "شماره تلفن همراه باید یازده رقم باشد و با ۰۹ آغاز شود؛ مانند ۰۹۱۲۱۲۳۴۵۶۷.";
	}
	if (err[SF_EMAIL] == NULL && in[SF_EMAIL].present &&
	    (email = import_email(r->arena, in[SF_EMAIL].s, in[SF_EMAIL].len,
	    &why)) == NULL)
		err[SF_EMAIL] = "نشانی پست الکترونیکی معتبر نیست؛ مانند name@example.com.";
	if (err[SF_REGION] == NULL && err[SF_ROLE] == NULL) {
		if (strcmp(role, "reviewer") == 0) {
			if (!in[SF_REGION].present ||
			    http_parse_uint(in[SF_REGION].s, in[SF_REGION].len, 99,
			    &region) != 0)
				region = 0;
			for (i = 0; i < nregions; i++)
				if ((unsigned long long)regions[i].id == region)
					found_region = 1;
			if (!found_region)
				err[SF_REGION] = "منطقه کارشناس را انتخاب کنید.";
		} else if (in[SF_REGION].present)
			err[SF_REGION] = "کاربر ستاد به منطقه‌ای وابسته نیست؛ منطقه را خالی بگذارید.";
	}
	if (err[SF_NATIONAL_ID] == NULL) {
		if ((rc = staff_nid_exists(r->db, r->arena, nid, &exists)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
		if (exists)
			err[SF_NATIONAL_ID] = "حسابی با این کد ملی از پیش وجود دارد.";
	}
	for (i = 0; i < SF__MAX; i++)
		if (err[i] != NULL)
			nerr++;
	if (nerr > 0)
		goto invalid;

	/*
	 * Hash before the transaction: scrypt takes about half a second and holds a
	 * slot of the host-wide gate, and no row lock should wait for it.
	 */
	if (initial_secret(secret) != 0)
		return page_error(r, 500, NULL);
	if (crypto_gate_enter(r->conf->hash_wait_ms) != 0) {
		explicit_bzero(secret, sizeof(secret));
		busy = 1;
		goto invalid;
	}
	if (crypto_password_hash(secret, strlen(secret), (int)r->conf->scrypt_log_n,
	    hash, sizeof(hash)) != 0) {
		crypto_gate_leave();
		explicit_bzero(secret, sizeof(secret));
		return page_error(r, 500, NULL);
	}
	crypto_gate_leave();

	memset(&sn, 0, sizeof(sn));
	sn.national_id = nid;
	sn.role = role;
	sn.region_id = strcmp(role, "reviewer") == 0 ? (long long)region : 0;
	sn.first_name = in[SF_FIRST_NAME].s;
	sn.last_name = in[SF_LAST_NAME].s;
	sn.mobile = mobile;
	sn.email = email;
	sn.secret_hash = hash;

	if ((rc = db_begin(r->db)) != DB_OK)
		goto fail;
	if ((rc = staff_account_insert(r->db, &sn, &id)) != DB_OK) {
		if (rc == DB_DUP) {
			/* Created by someone else since the check above. */
			db_rollback(r->db);
			err[SF_NATIONAL_ID] = "حسابی با این کد ملی از پیش وجود دارد.";
			explicit_bzero(secret, sizeof(secret));
			goto invalid;
		}
		goto fail;
	}
	{
		const char *body = arena_printf(r->arena,
		    "حساب کاربری شما (%s) در سامانه ارزیابی و رتبه‌بندی دفاتر پیشخوان "
		    "ساخته شد. رمز یک‌بار مصرف: %s\n"
		    "با کد ملی خود و این رمز وارد شوید؛ در نخستین ورود باید رمز عبور تازه‌ای "
		    "برگزینید و عامل دوم (رمز یک‌بار مصرف زمانی) را فعال کنید.",
		    role_label(role), secret);
		const char *subject = "حساب کاربری سامانه ارزیابی دفاتر پیشخوان";

		rc = outbox_enqueue(r->db, OUTBOX_SMS, mobile, id, "initial_secret",
		    subject, body);
		if (rc == DB_OK && sn.email[0] != '\0')
			rc = outbox_enqueue(r->db, OUTBOX_EMAIL, sn.email, id,
			    "initial_secret", subject, body);
		explicit_bzero((char *)body, strlen(body));
	}
	explicit_bzero(secret, sizeof(secret));
	if (rc != DB_OK)
		goto fail;
	buf_init(&nw, r->arena);
	json_begin(&nw);
	json_str(&nw, "national_id", nid);
	json_str(&nw, "role", role);
	if (sn.region_id > 0)
		json_int(&nw, "region_id", sn.region_id);
	else
		json_null(&nw, "region_id");
	json_str(&nw, "first_name", sn.first_name);
	json_str(&nw, "last_name", sn.last_name);
	json_str(&nw, "mobile", mobile);
	if (sn.email[0] != '\0')
		json_str(&nw, "email", sn.email);
	else
		json_null(&nw, "email");
	json_str(&nw, "password_kind", "initial");
	json_end(&nw);
	audit_init(r, &ev, "user.create", "user", id);
	ev.new_json = buf_cstr(&nw);
	if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK)
		goto fail;
	if ((rc = db_commit(r->db)) != DB_OK)
		goto fail;
	return resp_redirect(r, "/hq/staff?created=1");

invalid:
	d = staff_form_begin(r, regions, nregions, &f);
	form_init(&form, d);
	for (i = 0; i < SF__MAX; i++)
		if (err[i] != NULL)
			form_error(&form, sf_ids[i], sf_sections[i], err[i]);
	if (busy) {
		view_show(d, "BUSY");
		resp_header(r, "Retry-After", "5");
		return page_end(r, 503);
	}
	return page_end(r, 422);
fail:
	explicit_bzero(secret, sizeof(secret));
	if (db_in_txn(r->db))
		db_rollback(r->db);
	return page_error(r, page_db_status(rc), NULL);
}

/* ---- the audit log ---- */

enum audit_field {
	AF_ACTION,
	AF_ACTOR,
	AF_FROM,
	AF_TO,
	AF_BEFORE,
	AF__MAX
};

/* 1 when s is an action name as lib/audit writes them: [a-z0-9._-], 1..64. */
static int
action_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= 64 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

int
page_hq_audit(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_filter	 af;
	struct audit_row	*rows;
	struct view_dict	*d, *td, *row;
	struct form		 form;
	const char		*action = "", *actor = "";
	char			 nid[11];
	size_t			 n, i, shown;
	int			 jy, jm, jd, bad = 0;
	enum db_err		 rc;

	(void)arg;
	memset(&af, 0, sizeof(af));
	d = page_begin(r, "گزارش رویدادها", "hq_audit.tpl");
	form_init(&form, d);
	view_set(d, "ACTION", in[AF_ACTION].s);
	view_set(d, "ACTOR", in[AF_ACTOR].s);
	view_set(d, "FROM", in[AF_FROM].s);
	view_set(d, "TO", in[AF_TO].s);

	if (in[AF_ACTION].error != NULL) {
		form_error(&form, "action", "ACTION_ERROR", in[AF_ACTION].error);
		bad = 1;
	} else if (in[AF_ACTION].present) {
		if (action_ok(in[AF_ACTION].s))
			action = in[AF_ACTION].s;
		else {
			form_error(&form, "action", "ACTION_ERROR",
			    "نام رویداد فقط از حروف کوچک لاتین، رقم، نقطه و خط تیره ساخته می‌شود؛ مانند login.ok.");
			bad = 1;
		}
	}
	if (in[AF_ACTOR].error != NULL) {
		form_error(&form, "actor", "ACTOR_ERROR", in[AF_ACTOR].error);
		bad = 1;
	} else if (in[AF_ACTOR].present) {
		enum fa_nid_err ne = fa_national_id_parse(in[AF_ACTOR].s,
		    in[AF_ACTOR].len, nid);

		if (ne == FA_NID_OK)
			actor = nid;
		else {
			form_error(&form, "actor", "ACTOR_ERROR",
			    fa_national_id_message(ne));
			bad = 1;
		}
	}
	if (in[AF_FROM].error != NULL || (in[AF_FROM].present &&
	    jalali_parse(in[AF_FROM].s, in[AF_FROM].len, &jy, &jm, &jd) != 0)) {
		form_error(&form, "from", "FROM_ERROR",
		    "تاریخ آغاز را به شکل سال/ماه/روز وارد کنید؛ مانند ۱۴۰۵/۰۱/۱۵.");
		bad = 1;
	} else if (in[AF_FROM].present)
		af.from = tehran_day_start(jy, jm, jd);
	if (in[AF_TO].error != NULL || (in[AF_TO].present &&
	    jalali_parse(in[AF_TO].s, in[AF_TO].len, &jy, &jm, &jd) != 0)) {
		form_error(&form, "to", "TO_ERROR",
		    "تاریخ پایان را به شکل سال/ماه/روز وارد کنید؛ مانند ۱۴۰۵/۰۱/۳۱.");
		bad = 1;
	} else if (in[AF_TO].present) {
		af.to = tehran_day_end(jy, jm, jd);
		if (af.from != 0 && af.to < af.from) {
			form_error(&form, "to", "TO_ERROR",
			    "تاریخ پایان نباید پیش از تاریخ آغاز باشد.");
			bad = 1;
		}
	}
	/* The years before 1349 (1970) hold no audit rows; keep the bounds positive. */
	if (af.from < 0)
		af.from = 1;
	if (af.to < 0)
		af.to = 1;
	if (bad)
		return page_end(r, 422);

	/* A broken paging link starts again from the newest rows. */
	if (in[AF_BEFORE].present && in[AF_BEFORE].error == NULL)
		af.before = (long long)in[AF_BEFORE].n;
	af.action = action;
	af.actor_nid = actor;
	rc = audit_browse(r->db, r->arena, &af, AUDIT_PAGE + 1, &rows, &n);
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);	/* drops the page begun */
	if (af.before > 0)
		view_show(d, "PAGED");
	if (n == 0) {
		view_show(d, "EMPTY");
		return page_end(r, 200);
	}
	shown = n > AUDIT_PAGE ? AUDIT_PAGE : n;
	td = view_section(d, "ROWS");
	for (i = 0; i < shown; i++) {
		row = view_section(td, "ROW");
		view_set(row, "ID_FA", fa_int(r, rows[i].id));
		view_set(row, "AT_FA", fa_when(r, rows[i].at));
		if (rows[i].actor_user_id > 0)
			view_set(row, "ACTOR", arena_printf(r->arena, "%s %s",
			    rows[i].actor_first_name, rows[i].actor_last_name));
		else
			view_set(row, "ACTOR", rows[i].actor_label[0] != '\0' ?
			    rows[i].actor_label : "—");
		view_set(row, "CLIENT_ADDR", rows[i].client_addr);
		view_set(row, "ACTION", rows[i].action);
		view_set(row, "ENTITY", rows[i].entity_type);
		if (rows[i].entity_id > 0)
			view_set(view_section(row, "ENTITY_ID"), "ENTITY_ID_FA",
			    fa_int(r, rows[i].entity_id));
		if (rows[i].old_json[0] != '\0')
			view_set(view_section(row, "OLD"), "OLD_JSON", rows[i].old_json);
		if (rows[i].new_json[0] != '\0')
			view_set(view_section(row, "NEW"), "NEW_JSON", rows[i].new_json);
	}
	if (n > AUDIT_PAGE) {
		struct view_dict *nx = view_section(d, "NEXT");
		char		  b[24];

		snprintf(b, sizeof(b), "%lld", rows[shown - 1].id);
		view_set(nx, "BEFORE", b);
		view_set(nx, "ACTION", in[AF_ACTION].s);
		view_set(nx, "ACTOR", in[AF_ACTOR].s);
		view_set(nx, "FROM", in[AF_FROM].s);
		view_set(nx, "TO", in[AF_TO].s);
	}
	return page_end(r, 200);
}
