/*
 * Sessions and CSRF at the door.
 *
 * The session cookie is __Host-geps (Secure, HttpOnly, SameSite=Lax, Path=/, no
 * Domain): the prefix stops a sibling host from planting one.  Forms of a session
 * carry HMAC(session csrf secret, "csrf").  Before login there is no session, so
 * the sign-in and reset forms use a pre-login cookie with a random value and carry
 * HMAC(server key, that value): a cross-site page can neither read the cookie nor
 * compute the token.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "arena.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "routes.h"

static const char *
cookie_name(const struct req *r)
{
	return r->conf->cookie_secure ? "__Host-geps" : "geps";
}

static const char *
pre_cookie_name(const struct req *r)
{
	return r->conf->cookie_secure ? "__Host-geps-pre" : "geps-pre";
}

static int
set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char	*v;

	v = arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name,
	    value, r->conf->cookie_secure ? "; Secure" : "",
	    max_age < 0 ? "; Max-Age=0" : "");
	return resp_header(r, "Set-Cookie", v);
}

/* The hex HMAC of msg under key (64 characters). */
static char *
hmac_hex(struct req *r, const void *key, size_t keylen, const char *msg)
{
	unsigned char	 mac[32];
	char		*out = arena_alloc(r->arena, 65);

	crypto_hmac_sha256(key, keylen, msg, strlen(msg), mac);
	crypto_hex(mac, sizeof(mac), out);
	return out;
}

/*
 * The one value of a cookie, or NULL when it is absent or sent more than once (a
 * second copy may have been planted by another site: trust neither).
 */
static const char *
cookie_value(struct req *r, const char *name)
{
	const struct http_param	*c;

	if (http_params_count(&r->cookies, name) != 1)
		return NULL;
	c = http_params_get(&r->cookies, name);
	return c->vallen > 0 && c->vallen <= 64 ? c->val : NULL;
}

void
access_pre(struct req *r)
{
	r->pre_token = cookie_value(r, pre_cookie_name(r));
}

int
access_load(struct req *r)
{
	const char	*tok;
	unsigned char	 th[32];
	int		 found;
	enum db_err	 rc;

	r->has_session = 0;
	r->pre_token = cookie_value(r, pre_cookie_name(r));
	if ((tok = cookie_value(r, cookie_name(r))) == NULL)
		return DB_OK;
	crypto_sha256(tok, strlen(tok), th);
	rc = session_load(r->db, r->arena, th, r->now,
	    r->conf->session_idle_minutes * 60, &r->sess, &found);
	if (rc != DB_OK)
		return rc;
	if (!found)
		return DB_OK;
	r->has_session = 1;
	if (r->sess.stale)
		(void)session_touch(r->db, r->sess.id, r->now);
	return DB_OK;
}

static int
role_allowed(const struct route *rt, const char *role)
{
	unsigned	 bit = 0;

	if (strcmp(role, "licensee") == 0)
		bit = ROLE_LICENSEE;
	else if (strcmp(role, "reviewer") == 0)
		bit = ROLE_REVIEWER;
	else if (strcmp(role, "hq") == 0)
		bit = ROLE_HQ;
	return (rt->roles & bit) != 0;
}

static int
is_staff(const struct req *r)
{
	return strcmp(r->sess.role, "reviewer") == 0 || strcmp(r->sess.role, "hq") == 0;
}

int
access_gate(struct req *r, const struct route *rt)
{
	if (rt->roles == ROLE_PUBLIC)
		return 0;
	if (!r->has_session) {
		if (r->method == METHOD_POST)
			return page_error(r, 403, "نشست شما به پایان رسیده است. لطفاً دوباره وارد شوید.");
		return resp_redirect(r, "/login"), -1;
	}
	if (!role_allowed(rt, r->sess.role))
		return page_error(r, 403, NULL);
	/* An initial (one-time) password must be replaced before anything else. */
	if (strcmp(r->sess.password_kind, "initial") == 0 && !(rt->flags & RF_PENDING))
		return resp_redirect(r, "/password/change"), -1;
	/* Staff pass the second factor (enrolling first) before anything else. */
	if (is_staff(r) && !r->sess.mfa && !(rt->flags & RF_MFA))
		return resp_redirect(r, r->sess.totp_enrolled ? "/totp" : "/totp/enroll"), -1;
	return 0;
}

const char *
csrf_token(struct req *r)
{
	char	*pre;

	if (r->has_session)
		return hmac_hex(r, r->sess.csrf_secret, 32, "csrf");
	if (r->pre_token == NULL) {
		if ((pre = crypto_token(r->arena, 32)) == NULL)
			return "";
		set_cookie(r, pre_cookie_name(r), pre, 0);
		r->pre_token = pre;
	}
	return hmac_hex(r, r->conf->secret_key, strlen(r->conf->secret_key), r->pre_token);
}

int
csrf_ok(struct req *r)
{
	const struct http_param	*p;

	if (http_params_count(&r->form, "csrf") != 1)
		return 0;
	p = http_params_get(&r->form, "csrf");
	return csrf_value_ok(r, p->val, p->vallen);
}

int
csrf_value_ok(struct req *r, const char *val, size_t len)
{
	const char		*want;

	if (r->has_session)
		want = hmac_hex(r, r->sess.csrf_secret, 32, "csrf");
	else if (r->pre_token != NULL)
		want = hmac_hex(r, r->conf->secret_key, strlen(r->conf->secret_key),
		    r->pre_token);
	else
		return 0;
	return len == 64 && crypto_equal(val, want, 64);
}

/* A fresh token and CSRF secret; the token's hash goes in *th. */
static char *
new_token(struct req *r, unsigned char th[32], unsigned char csrf[32])
{
	char	*tok;

	if ((tok = crypto_token(r->arena, 32)) == NULL || crypto_random(csrf, 32) != 0)
		return NULL;
	crypto_sha256(tok, strlen(tok), th);
	return tok;
}

int
access_login(struct req *r, long long user_id, int mfa)
{
	unsigned char	 th[32], csrf[32];
	char		*tok;
	int64_t		 expires = r->now + r->conf->session_max_hours * 3600;

	if ((tok = new_token(r, th, csrf)) == NULL)
		return DB_ERROR;
	if (session_create(r->db, user_id, th, csrf, mfa, r->now, expires,
	    r->remote_addr, r->user_agent) != DB_OK)
		return DB_ERROR;
	set_cookie(r, cookie_name(r), tok, 0);
	if (r->pre_token != NULL)
		set_cookie(r, pre_cookie_name(r), "", -1);
	return DB_OK;
}

int
access_rotate(struct req *r, int mfa)
{
	unsigned char	 th[32], csrf[32];
	char		*tok;

	if ((tok = new_token(r, th, csrf)) == NULL)
		return DB_ERROR;
	if (session_rotate(r->db, r->sess.id, th, csrf, mfa, r->now) != DB_OK)
		return DB_ERROR;
	memcpy(r->sess.csrf_secret, csrf, 32);
	r->sess.mfa = mfa;
	set_cookie(r, cookie_name(r), tok, 0);
	return DB_OK;
}

int
access_logout(struct req *r)
{
	enum db_err	 rc = DB_OK;

	if (r->has_session)
		rc = session_delete(r->db, r->sess.id);
	r->has_session = 0;
	set_cookie(r, cookie_name(r), "", -1);
	return rc;
}

const char *
role_label(const char *role)
{
	if (strcmp(role, "licensee") == 0)
		return "دارنده پروانه";
	if (strcmp(role, "reviewer") == 0)
		return "کارشناس منطقه";
	if (strcmp(role, "hq") == 0)
		return "ستاد";
	return "";
}
