/*
 * Form errors (one summary, one message per field) and shared formatting.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "clock.h"
#include "conf.h"
#include "crypto.h"
#include "model/user.h"
#include "fa.h"
#include "http.h"
#include "jalali.h"
#include "pages/form.h"
#include "request.h"
#include "view.h"

void
form_init(struct form *f, struct view_dict *page)
{
	f->page = page;
	f->errors = NULL;
	f->nerrors = 0;
}

void
form_error(struct form *f, const char *field_id, const char *section, const char *msg)
{
	struct view_dict	*e;

	if (f->errors == NULL)
		f->errors = view_section(f->page, "ERRORS");
	e = view_section(f->errors, "ERROR");
	view_set(e, "FIELD_ID", field_id);
	view_set(e, "MESSAGE", msg);
	if (section != NULL)
		view_set(view_section(f->page, section), "MESSAGE", msg);
	f->nerrors++;
}

int
page_db_status(enum db_err rc)
{
	return rc == DB_DOWN || rc == DB_RETRY ? 503 : 500;
}

int
query_flag(const struct req *r, const char *key)
{
	const struct http_param	*p;

	if (http_params_count(&r->query, key) != 1)
		return 0;
	p = http_params_get(&r->query, key);
	return p->vallen == 1 && p->val[0] == '1';
}

const char *
fa_when(struct req *r, int64_t t)
{
	struct tehran_tm	 tm;
	struct buf		 b;
	char			 date[32], hm[8];

	if (t <= 0)
		return "";
	tehran_from_unix(t, &tm);
	if (jalali_format(date, sizeof(date), tm.jy, tm.jm, tm.jd, 1) < 0)
		return "";
	snprintf(hm, sizeof(hm), "%02d:%02d", tm.hour % 100, tm.min % 100);
	buf_init(&b, r->arena);
	buf_puts(&b, date);
	buf_puts(&b, " ساعت ");
	fa_put_digits(&b, hm);
	return buf_cstr(&b);
}

const char *
fa_when_sql(struct req *r, const char *sql)
{
	return fa_when(r, clock_parse_sql(sql));
}

const char *
fa_digits(struct req *r, const char *s)
{
	struct buf	 b;

	buf_init(&b, r->arena);
	fa_put_digits(&b, s);
	return buf_cstr(&b);
}

const char *
fa_int(struct req *r, long long v)
{
	struct buf	 b;

	buf_init(&b, r->arena);
	fa_put_int(&b, v);
	return buf_cstr(&b);
}

int
password_is(const struct req *r, const char *pw, size_t len, const char *hash)
{
	int	 rc;

	if (hash == NULL || *hash == '\0')
		return 0;
	if (crypto_gate_enter(r->conf->hash_wait_ms) != 0)
		return -1;
	rc = crypto_password_verify(pw, len, hash);
	crypto_gate_leave();
	return rc == 1;
}

int
password_reused(const struct req *r, const char *pw, size_t len, const struct user *u)
{
	int	 rc;

	if ((rc = password_is(r, pw, len, u->password_hash)) != 0 ||
	    (rc = password_is(r, pw, len, u->initial_hash)) != 0)
		return rc;
	return password_is(r, pw, len, u->prev_hash);
}

const char *
fa_size(struct req *r, long long n)
{
	if (n < 1024)
		return arena_printf(r->arena, "%s بایت", fa_int(r, n));
	if (n < 1024 * 1024)
		return arena_printf(r->arena, "%s کیلوبایت", fa_int(r, (n + 1023) / 1024));
	return arena_printf(r->arena, "%s مگابایت",
	    fa_digits(r, arena_printf(r->arena, "%.1f", (double)n / (1024.0 * 1024.0))));
}

struct audit_event
page_actor(const struct req *r)
{
	struct audit_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	return ev;
}
