/*
 * Queries of users, login_throttle and password_resets.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "clock.h"
#include "model/stmts.h"
#include "model/user.h"

static void
user_from_row(struct user *u, const struct db_val *c)
{
	u->id = c[0].i;
	u->national_id = c[1].s;
	u->role = c[2].s;
	u->region_id = c[3].i;
	u->first_name = c[4].s;
	u->last_name = c[5].s;
	u->mobile = c[6].s;
	u->email = c[7].s;
	u->password_hash = c[8].s;
	u->password_kind = c[9].s;
	u->initial_hash = c[10].s;
	u->prev_hash = c[11].s;
	u->totp_secret = (const unsigned char *)c[12].s;
	u->totp_len = c[12].len;
	u->totp_enrolled = (int)c[13].i;
	u->totp_last_step = c[14].i;
	u->disabled = (int)c[15].i;
}

static enum db_err
user_load(struct db *db, struct arena *a, int stmt, struct db_val key,
    struct user *u, int *found)
{
	struct db_val	 c[16];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(u, 0, sizeof(*u));
	if ((rc = db_exec(db, stmt, &key)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, stmt, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		user_from_row(u, c);
		*found = 1;
		db_done(db, stmt);
	}
	return DB_OK;
}

enum db_err
user_by_nid(struct db *db, struct arena *a, const char *nid, struct user *u, int *found)
{
	return user_load(db, a, STMT_USER_BY_NID, db_text(nid), u, found);
}

enum db_err
user_by_id_locked(struct db *db, struct arena *a, long long id, struct user *u,
    int *found)
{
	return user_load(db, a, STMT_USER_BY_ID, db_int(id), u, found);
}

enum db_err
user_set_password(struct db *db, long long id, const char *hash, const char *prev,
    int64_t now)
{
	char		 t[32];
	struct db_val	 p[4];

	clock_sql(now, t, sizeof(t));
	p[0] = db_text(hash);
	p[1] = *prev != '\0' ? db_text(prev) : db_null();
	p[2] = db_text(t);
	p[3] = db_int(id);
	return db_exec(db, STMT_USER_SET_PASSWORD, p);
}

enum db_err
user_logged_in(struct db *db, long long id, int64_t now)
{
	char		 t[32];
	struct db_val	 p[2];

	clock_sql(now, t, sizeof(t));
	p[0] = db_text(t);
	p[1] = db_int(id);
	return db_exec(db, STMT_USER_LOGGED_IN, p);
}

enum db_err
user_totp_pending(struct db *db, long long id, const unsigned char *key, size_t len)
{
	struct db_val	 p[2];

	p[0] = db_bytes(key, len);
	p[1] = db_int(id);
	return db_exec(db, STMT_USER_SET_TOTP_PENDING, p);
}

enum db_err
user_totp_enrolled(struct db *db, long long id, int64_t now, long long step)
{
	char		 t[32];
	struct db_val	 p[3];

	clock_sql(now, t, sizeof(t));
	p[0] = db_text(t);
	p[1] = db_int(step);
	p[2] = db_int(id);
	return db_exec(db, STMT_USER_TOTP_ENROLLED, p);
}

enum db_err
user_totp_step(struct db *db, long long id, long long step, int *ok)
{
	struct db_val	 p[3];
	enum db_err	 rc;

	p[0] = db_int(step);
	p[1] = db_int(id);
	p[2] = db_int(step);
	rc = db_exec(db, STMT_USER_TOTP_STEP, p);
	*ok = rc == DB_OK && db_affected(db, STMT_USER_TOTP_STEP) == 1;
	return rc;
}

enum db_err
user_totp_reset(struct db *db, long long id)
{
	struct db_val	 p = db_int(id);

	return db_exec(db, STMT_USER_TOTP_RESET, &p);
}

enum db_err
throttle_get(struct db *db, struct arena *a, const char *scope, const char *subject,
    struct throttle *t)
{
	struct db_val	 p[2], c[3];
	enum db_err	 rc;
	int		 n;

	memset(t, 0, sizeof(*t));
	p[0] = db_text(scope);
	p[1] = db_text(subject);
	if ((rc = db_exec(db, STMT_THROTTLE_GET, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_THROTTLE_GET, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		t->failures = c[0].i;
		t->window_start = clock_parse_sql(c[1].s);
		t->locked_until = clock_parse_sql(c[2].s);
		db_done(db, STMT_THROTTLE_GET);
	}
	return DB_OK;
}

enum db_err
throttle_put(struct db *db, const char *scope, const char *subject,
    const struct throttle *t, int64_t now)
{
	char		 ws[32], lf[32], lu[32];
	struct db_val	 p[6];

	clock_sql(t->window_start, ws, sizeof(ws));
	clock_sql(now, lf, sizeof(lf));
	if (t->locked_until > 0)
		clock_sql(t->locked_until, lu, sizeof(lu));
	else
		lu[0] = '\0';
	p[0] = db_text(scope);
	p[1] = db_text(subject);
	p[2] = db_int(t->failures);
	p[3] = db_text(ws);
	p[4] = db_text(lf);
	p[5] = db_text(lu);
	return db_exec(db, STMT_THROTTLE_PUT, p);
}

enum db_err
throttle_clear(struct db *db, const char *scope, const char *subject)
{
	struct db_val	 p[2];

	p[0] = db_text(scope);
	p[1] = db_text(subject);
	return db_exec(db, STMT_THROTTLE_CLEAR, p);
}

enum db_err
reset_create(struct db *db, long long user_id, const unsigned char hash[32],
    int64_t now, int64_t expires, const char *addr)
{
	char		 tn[32], te[32];
	struct db_val	 p[5];
	enum db_err	 rc;

	clock_sql(now, tn, sizeof(tn));
	clock_sql(expires, te, sizeof(te));
	/* Only the newest code is valid: older unused ones are retired. */
	p[0] = db_text(tn);
	p[1] = db_int(user_id);
	if ((rc = db_exec(db, STMT_RESET_EXPIRE_OLD, p)) != DB_OK)
		return rc;
	p[0] = db_int(user_id);
	p[1] = db_bytes(hash, 32);
	p[2] = db_text(tn);
	p[3] = db_text(te);
	p[4] = db_text(addr);
	return db_exec(db, STMT_RESET_INSERT, p);
}

enum db_err
reset_newest(struct db *db, struct arena *a, long long user_id, int64_t now,
    struct reset *r, int *found)
{
	char		 tn[32];
	struct db_val	 p[2], c[4];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(r, 0, sizeof(*r));
	clock_sql(now, tn, sizeof(tn));
	p[0] = db_text(tn);
	p[1] = db_int(user_id);
	if ((rc = db_exec(db, STMT_RESET_NEWEST, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_RESET_NEWEST, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		r->id = c[0].i;
		r->hash = c[1].len == 32 ? (const unsigned char *)c[1].s : NULL;
		r->attempts = c[2].i;
		r->live = (int)c[3].i;
		*found = r->hash != NULL;
		db_done(db, STMT_RESET_NEWEST);
	}
	return DB_OK;
}

enum db_err
reset_attempt(struct db *db, long long id)
{
	struct db_val	 p = db_int(id);

	return db_exec(db, STMT_RESET_ATTEMPT, &p);
}

enum db_err
reset_use(struct db *db, long long id, int64_t now)
{
	char		 tn[32];
	struct db_val	 p[2];

	clock_sql(now, tn, sizeof(tn));
	p[0] = db_text(tn);
	p[1] = db_int(id);
	return db_exec(db, STMT_RESET_USE, p);
}

enum db_err
reset_get(struct db *db, struct arena *a, long long id, long long *user_id, int *used,
    int *found)
{
	struct db_val	 p = db_int(id), c[2];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	if ((rc = db_exec(db, STMT_RESET_BY_ID, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_RESET_BY_ID, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		*user_id = c[0].i;
		*used = (int)c[1].i;
		*found = 1;
		db_done(db, STMT_RESET_BY_ID);
	}
	return DB_OK;
}

enum db_err
reset_delete_user(struct db *db, long long user_id)
{
	struct db_val	 p = db_int(user_id);

	return db_exec(db, STMT_RESET_DELETE_USER, &p);
}
