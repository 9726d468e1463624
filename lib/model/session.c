/*
 * Queries of the sessions table.
 */
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "model/session.h"
#include "model/stmts.h"

enum db_err
session_create(struct db *db, long long user_id, const unsigned char token_hash[32],
    const unsigned char csrf[32], int mfa, int64_t now, int64_t expires,
    const char *addr, const char *agent)
{
	char		 tn[32], te[32];
	struct db_val	 p[9];
	size_t		 alen = strlen(agent);

	clock_sql(now, tn, sizeof(tn));
	clock_sql(expires, te, sizeof(te));
	p[0] = db_bytes(token_hash, 32);
	p[1] = db_int(user_id);
	p[2] = db_bytes(csrf, 32);
	p[3] = db_text(mfa ? tn : "");
	p[4] = db_text(tn);
	p[5] = db_text(tn);
	p[6] = db_text(te);
	p[7] = db_textn(addr, strnlen(addr, 45));
	/* The column holds 255 characters; cut on a UTF-8 boundary below that. */
	if (alen > 200) {
		alen = 200;
		while (alen > 0 && ((unsigned char)agent[alen] & 0xC0) == 0x80)
			alen--;
	}
	p[8] = db_textn(agent, alen);
	return db_exec(db, STMT_SESSION_INSERT, p);
}

enum db_err
session_load(struct db *db, struct arena *a, const unsigned char token_hash[32],
    int64_t now, long idle_seconds, struct session *s, int *found)
{
	char		 touch[32], tn[32], idle[32];
	struct db_val	 p[4], c[12];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(s, 0, sizeof(*s));
	/* last_seen_at is written at most once a minute, not on every request. */
	clock_sql(now - 60, touch, sizeof(touch));
	clock_sql(now, tn, sizeof(tn));
	clock_sql(now - idle_seconds, idle, sizeof(idle));
	p[0] = db_text(touch);
	p[1] = db_bytes(token_hash, 32);
	p[2] = db_text(tn);
	p[3] = db_text(idle);
	if ((rc = db_exec(db, STMT_SESSION_LOAD, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_SESSION_LOAD, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_SESSION_LOAD);
	if (c[2].len != 32)
		return DB_OK;
	s->id = c[0].i;
	s->user_id = c[1].i;
	memcpy(s->csrf_secret, c[2].s, 32);
	s->mfa = (int)c[3].i;
	s->stale = (int)c[4].i;
	s->role = c[5].s;
	s->region_id = c[6].i;
	s->national_id = c[7].s;
	s->first_name = c[8].s;
	s->last_name = c[9].s;
	s->password_kind = c[10].s;
	s->totp_enrolled = (int)c[11].i;
	*found = 1;
	return DB_OK;
}

enum db_err
session_touch(struct db *db, long long id, int64_t now)
{
	char		 tn[32];
	struct db_val	 p[2];

	clock_sql(now, tn, sizeof(tn));
	p[0] = db_text(tn);
	p[1] = db_int(id);
	return db_exec(db, STMT_SESSION_TOUCH, p);
}

enum db_err
session_rotate(struct db *db, long long id, const unsigned char token_hash[32],
    const unsigned char csrf[32], int mfa, int64_t now)
{
	char		 tn[32];
	struct db_val	 p[5];

	clock_sql(now, tn, sizeof(tn));
	p[0] = db_bytes(token_hash, 32);
	p[1] = db_bytes(csrf, 32);
	p[2] = db_text(mfa ? tn : "");
	p[3] = db_text(tn);
	p[4] = db_int(id);
	return db_exec(db, STMT_SESSION_ROTATE, p);
}

enum db_err
session_delete(struct db *db, long long id)
{
	struct db_val	 p = db_int(id);

	return db_exec(db, STMT_SESSION_DELETE, &p);
}

enum db_err
session_delete_own(struct db *db, long long id, long long user_id, int *deleted)
{
	struct db_val	 p[2];
	enum db_err	 rc;

	p[0] = db_int(id);
	p[1] = db_int(user_id);
	rc = db_exec(db, STMT_SESSION_DELETE_USER_ID, p);
	*deleted = rc == DB_OK && db_affected(db, STMT_SESSION_DELETE_USER_ID) == 1;
	return rc;
}

enum db_err
session_delete_others(struct db *db, long long user_id, long long keep_id)
{
	struct db_val	 p[2];

	p[0] = db_int(user_id);
	p[1] = db_int(keep_id);
	return db_exec(db, STMT_SESSION_DELETE_OTHERS, p);
}

enum db_err
session_delete_all(struct db *db, long long user_id)
{
	struct db_val	 p = db_int(user_id);

	return db_exec(db, STMT_SESSION_DELETE_ALL, &p);
}

enum db_err
session_list(struct db *db, struct arena *a, long long user_id, int64_t now,
    long idle_seconds, struct session_row **rows, size_t *n)
{
	char		 tn[32], idle[32];
	struct db_val	 p[3], c[5];
	enum db_err	 rc;
	int		 k;
	size_t		 cap = 50;

	*n = 0;
	*rows = arena_calloc(a, cap, sizeof(**rows));
	clock_sql(now, tn, sizeof(tn));
	clock_sql(now - idle_seconds, idle, sizeof(idle));
	p[0] = db_int(user_id);
	p[1] = db_text(tn);
	p[2] = db_text(idle);
	if ((rc = db_exec(db, STMT_SESSION_LIST, p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_SESSION_LIST, a, c)) == 1) {
		if (*n == cap)
			continue;
		(*rows)[*n].id = c[0].i;
		(*rows)[*n].created_at = c[1].s;
		(*rows)[*n].last_seen_at = c[2].s;
		(*rows)[*n].client_addr = c[3].s;
		(*rows)[*n].user_agent = c[4].s;
		(*n)++;
	}
	return k < 0 ? DB_ERROR : DB_OK;
}
