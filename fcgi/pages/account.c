/*
 * The account page of the signed-in user (who they are, with contact details
 * masked, and their live sessions) and ending one of those sessions.  A session id
 * in a form proves nothing: the delete is limited to the user's own sessions, and
 * another user's id answers 404 like one that does not exist.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "fa.h"
#include "jalali.h"
#include "json.h"
#include "model/session.h"
#include "model/staff.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

/*
 * s with every character but the first keep_head and the last keep_tail replaced
 * by '*', ASCII digits in Persian.  Meant for the ASCII columns (national ID,
 * mobile); a value too short to mask is hidden entirely.
 */
static const char *
mask(struct req *r, const char *s, size_t keep_head, size_t keep_tail)
{
	size_t	 n = strlen(s), i;
	char	*m;
	struct buf b;

	if (n == 0)
		return "";
	m = arena_strdup(r->arena, s);
	for (i = 0; i < n; i++)
		if (n <= keep_head + keep_tail || (i >= keep_head && i < n - keep_tail))
			m[i] = '*';
	buf_init(&b, r->arena);
	fa_put_digits(&b, m);
	return buf_cstr(&b);
}

/* An email as "a***@example.com": enough to recognise it, not to harvest it. */
static const char *
mask_email(struct req *r, const char *email)
{
	const char	*at = strrchr(email, '@');

	if (email[0] == '\0')
		return "";
	if (at == NULL || at == email)
		return "***";
	return arena_printf(r->arena, "%c***%s", email[0], at);
}

int
page_account(struct req *r, const char *arg, const struct field_val *in)
{
	struct account		 ac;
	struct session_row	*rows;
	struct view_dict	*d, *sd, *row;
	size_t			 n, i;
	int			 found;
	enum db_err		 rc;

	(void)arg;
	(void)in;
	if ((rc = account_get(r->db, r->arena, r->sess.user_id, &ac, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	rc = session_list(r->db, r->arena, r->sess.user_id, r->now,
	    r->conf->session_idle_minutes * 60, &rows, &n);
	if (rc != DB_OK)
		return page_error(r, page_db_status(rc), NULL);

	d = page_begin(r, "حساب کاربری", "account.tpl");
	if (query_flag(r, "changed"))
		view_show(d, "NOTICE_CHANGED");
	if (query_flag(r, "ended"))
		view_show(d, "NOTICE_ENDED");
	view_set(d, "USER_NAME", arena_printf(r->arena, "%s %s", ac.first_name,
	    ac.last_name));
	view_set(d, "ROLE_LABEL", role_label(ac.role));
	if (ac.region[0] != '\0')
		view_set(view_section(d, "REGION"), "REGION_NAME", ac.region);
	view_set(d, "NATIONAL_ID_MASKED", mask(r, ac.national_id, 0, 4));
	if (ac.mobile[0] != '\0')
		view_set(view_section(d, "MOBILE"), "MOBILE_MASKED",
		    mask(r, ac.mobile, 2, 4));
	if (ac.email[0] != '\0')
		view_set(view_section(d, "EMAIL"), "EMAIL_MASKED",
		    mask_email(r, ac.email));

	sd = view_section(d, "SESSIONS");
	for (i = 0; i < n; i++) {
		row = view_section(sd, "SESSION");
		view_set(row, "CREATED_FA", fa_when_sql(r, rows[i].created_at));
		view_set(row, "LAST_SEEN_FA", fa_when_sql(r, rows[i].last_seen_at));
		view_set(row, "CLIENT_ADDR", rows[i].client_addr);
		view_set(row, "USER_AGENT", rows[i].user_agent[0] != '\0' ?
		    rows[i].user_agent : "نامشخص");
		if (rows[i].id == r->sess.id)
			view_show(row, "CURRENT");
		else {
			struct view_dict *f = view_section(row, "OTHER");

			view_set_int(f, "SESSION_ID", rows[i].id);
			view_set(f, "CSRF_TOKEN", csrf_token(r));
		}
	}
	return page_end(r, 200);
}

int
page_session_end(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event	 ev;
	struct buf		 old;
	long long		 id;
	int			 deleted, current;
	enum db_err		 rc;

	(void)arg;
	if (in[0].error != NULL || !in[0].present)
		return page_error(r, 400, NULL);
	id = (long long)in[0].n;
	current = id == r->sess.id;

	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((rc = session_delete_own(r->db, id, r->sess.user_id, &deleted)) != DB_OK)
		goto fail;
	if (!deleted) {
		/* Not this user's (or already gone): nothing to say about it. */
		db_rollback(r->db);
		return page_error(r, 404, NULL);
	}
	buf_init(&old, r->arena);
	json_begin(&old);
	json_int(&old, "user_id", r->sess.user_id);
	json_bool(&old, "current", current);
	json_end(&old);
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	ev.action = "session.revoke";
	ev.entity_type = "session";
	ev.entity_id = id;
	ev.old_json = buf_cstr(&old);
	if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK)
		goto fail;
	if ((rc = db_commit(r->db)) != DB_OK)
		goto fail;

	if (current) {
		/* The row is gone already; this clears the cookie. */
		(void)access_logout(r);
		return resp_redirect(r, "/login");
	}
	return resp_redirect(r, "/account?ended=1");
fail:
	if (db_in_txn(r->db))
		db_rollback(r->db);
	return page_error(r, page_db_status(rc), NULL);
}
