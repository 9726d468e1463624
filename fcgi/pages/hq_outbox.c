/*
 * HQ's view of the outbox: SMS and email still waiting, being sent, or given up
 * on, so that a gateway outage is visible and nothing is lost silently.  A failed
 * message can be put back in the queue (audited).  Bodies are never shown: they
 * may hold one-time codes.
 */
#include <string.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "model/outbox.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

enum { REQUEUE_ID };

static const char *
state_label(const char *s)
{
	if (strcmp(s, "queued") == 0)
		return "در صف";
	if (strcmp(s, "sending") == 0)
		return "در حال ارسال";
	if (strcmp(s, "failed") == 0)
		return "ناموفق";
	return s;
}

/* 0912***4567: enough to tell messages apart, not enough to collect numbers. */
static const char *
mask_recipient(struct req *r, const char *s)
{
	char	*m = arena_strdup(r->arena, s);
	size_t	 n = strlen(m), i, at;

	at = strcspn(m, "@");
	if (at < n) {
		for (i = at > 2 ? 2 : at; i < at; i++)
			m[i] = '*';
		return m;
	}
	for (i = 4; i + 4 < n; i++)
		m[i] = '*';
	return fa_digits(r, m);
}

int
page_hq_outbox(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict	*d, *row;
	struct outbox_row	*rows;
	size_t			 n, i, failed = 0;
	enum db_err		 rc;

	(void)arg;
	(void)in;
	if ((rc = outbox_pending(r->db, r->arena, &rows, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "صف پیامک و ایمیل", "hq_outbox.tpl");
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	if (query_flag(r, "requeued"))
		view_set(view_section(d, "NOTICE"), "MESSAGE", "پیام دوباره در صف ارسال قرار گرفت.");
	for (i = 0; i < n; i++) {
		row = view_section(d, "ROW");
		view_set(row, "ID", fa_int(r, rows[i].id));
		view_set(row, "ID_RAW", arena_printf(r->arena, "%lld", rows[i].id));
		view_set(row, "CHANNEL", strcmp(rows[i].channel, "sms") == 0 ? "پیامک" : "ایمیل");
		view_set(row, "RECIPIENT", mask_recipient(r, rows[i].recipient));
		view_set(row, "TEMPLATE", rows[i].template);
		view_set(row, "STATE", state_label(rows[i].state));
		view_set(row, "ATTEMPTS", fa_int(r, rows[i].attempts));
		view_set(row, "LAST_ERROR", rows[i].last_error);
		view_set(row, "CREATED", fa_when_sql(r, rows[i].created_at));
		view_set(row, "NEXT", fa_when_sql(r, rows[i].next_attempt_at));
		if (strcmp(rows[i].state, "failed") == 0) {
			view_show(row, "FAILED");
			failed++;
		}
	}
	view_set(d, "COUNT", fa_int(r, (long long)n));
	view_set(d, "FAILED_COUNT", fa_int(r, (long long)failed));
	if (n == 0)
		view_show(d, "EMPTY");
	else
		view_show(d, "TABLE");
	return page_end(r, 200);
}

int
page_hq_outbox_requeue(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event	 ev;
	int			 changed = 0;

	(void)arg;
	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	ev.action = "outbox.requeue";
	ev.entity_type = "outbox";
	ev.entity_id = (long long)in[REQUEUE_ID].n;
	ev.old_json = "{\"state\":\"failed\"}";
	ev.new_json = "{\"state\":\"queued\"}";
	if (db_begin(r->db) != DB_OK ||
	    outbox_requeue(r->db, (long long)in[REQUEUE_ID].n, &changed) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, 503, NULL);
	}
	if (!changed) {
		db_rollback(r->db);
		return page_error(r, 404, NULL);
	}
	if (audit_append(r->db, r->arena, &ev) != DB_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, 503, NULL);
	}
	return resp_redirect(r, "/hq/outbox?requeued=1");
}
