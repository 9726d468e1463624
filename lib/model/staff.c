/*
 * Queries of the account page and the HQ pages (see staff.h).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "model/session.h"
#include "model/staff.h"
#include "model/stmts.h"
#include "model/user.h"

enum db_err
account_get(struct db *db, struct arena *a, long long user_id, struct account *ac,
    int *found)
{
	struct db_val	 p = db_int(user_id), c[7];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(ac, 0, sizeof(*ac));
	if ((rc = db_exec(db, STMT_ACCOUNT_GET, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_ACCOUNT_GET, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_ACCOUNT_GET);
	ac->national_id = c[0].s;
	ac->role = c[1].s;
	ac->first_name = c[2].s;
	ac->last_name = c[3].s;
	ac->mobile = c[4].s;
	ac->email = c[5].s;
	ac->region = c[6].s;
	*found = 1;
	return DB_OK;
}

enum db_err
staff_list(struct db *db, struct arena *a, struct staff_row **rows, size_t *n)
{
	struct db_val	 c[10];
	struct staff_row *r;
	size_t		 cap = 16;
	enum db_err	 rc;
	int		 k;

	*n = 0;
	*rows = arena_calloc(a, cap, sizeof(**rows));
	if ((rc = db_exec(db, STMT_STAFF_LIST, NULL)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_STAFF_LIST, a, c)) == 1) {
		if (*n == cap) {
			*rows = arena_realloc(a, *rows, cap * sizeof(**rows),
			    2 * cap * sizeof(**rows));
			cap *= 2;
		}
		r = &(*rows)[(*n)++];
		r->id = c[0].i;
		r->national_id = c[1].s;
		r->role = c[2].s;
		r->region_id = c[3].i;
		r->region = c[4].s;
		r->first_name = c[5].s;
		r->last_name = c[6].s;
		r->totp_enrolled = (int)c[7].i;
		r->last_login = c[8].i;
		r->disabled = (int)c[9].i;
	}
	return k < 0 ? DB_ERROR : DB_OK;
}

enum db_err
region_list(struct db *db, struct arena *a, struct region_row **rows, size_t *n)
{
	struct db_val	 c[3];
	size_t		 cap = 99;
	enum db_err	 rc;
	int		 k;

	*n = 0;
	*rows = arena_calloc(a, cap, sizeof(**rows));
	if ((rc = db_exec(db, STMT_REGION_LIST, NULL)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_REGION_LIST, a, c)) == 1) {
		if (*n == cap)
			continue;	/* the table allows ids 1..99 only */
		(*rows)[*n].id = c[0].i;
		(*rows)[*n].name = c[1].s;
		(*rows)[*n].seat = c[2].s;
		(*n)++;
	}
	return k < 0 ? DB_ERROR : DB_OK;
}

enum db_err
staff_nid_exists(struct db *db, struct arena *a, const char *nid, int *exists)
{
	struct db_val	 p = db_text(nid), c[1];
	enum db_err	 rc;
	int		 n;

	*exists = 0;
	if ((rc = db_exec(db, STMT_STAFF_NID_EXISTS, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_STAFF_NID_EXISTS, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		db_done(db, STMT_STAFF_NID_EXISTS);
		*exists = 1;
	}
	return DB_OK;
}

enum db_err
staff_account_insert(struct db *db, const struct staff_account *s, long long *id)
{
	struct db_val	 p[9];
	enum db_err	 rc;

	*id = 0;
	p[0] = db_text(s->national_id);
	p[1] = db_text(s->role);
	p[2] = db_int(s->region_id);
	p[3] = db_text(s->first_name);
	p[4] = db_text(s->last_name);
	p[5] = db_text(s->mobile);
	p[6] = db_text(s->email);
	p[7] = db_text(s->secret_hash);
	p[8] = db_text(s->secret_hash);
	if ((rc = db_exec(db, STMT_STAFF_INSERT, p)) != DB_OK)
		return rc;
	*id = (long long)db_insert_id(db, STMT_STAFF_INSERT);
	return DB_OK;
}

enum db_err
staff_totp_reset(struct db *db, long long id, long long *ended)
{
	enum db_err	 rc;

	*ended = 0;
	if ((rc = user_totp_reset(db, id)) != DB_OK)
		return rc;
	if ((rc = session_delete_all(db, id)) != DB_OK)
		return rc;
	*ended = (long long)db_affected(db, STMT_SESSION_DELETE_ALL);
	return DB_OK;
}

enum db_err
audit_browse(struct db *db, struct arena *a, const struct audit_filter *f, size_t max,
    struct audit_row **rows, size_t *n)
{
	struct db_val	 p[8], c[12];
	struct audit_row *r;
	char		 from[32], to[32];
	enum db_err	 rc;
	int		 k;

	*n = 0;
	*rows = arena_calloc(a, max > 0 ? max : 1, sizeof(**rows));
	/* DATETIME covers years 1000..9999: open bounds become its ends. */
	if (f->from > 0)
		clock_sql(f->from, from, sizeof(from));
	else
		snprintf(from, sizeof(from), "1000-01-01 00:00:00");
	if (f->to > 0)
		clock_sql(f->to, to, sizeof(to));
	else
		snprintf(to, sizeof(to), "9999-12-31 23:59:59");
	p[0] = db_int(f->before > 0 ? f->before : (long long)(~0ULL >> 1));
	p[1] = db_text(f->action);
	p[2] = db_text(f->action);
	p[3] = db_text(f->actor_nid);
	p[4] = db_text(f->actor_nid);
	p[5] = db_text(from);
	p[6] = db_text(to);
	p[7] = db_int((long long)max);
	if ((rc = db_exec(db, STMT_AUDIT_BROWSE, p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_AUDIT_BROWSE, a, c)) == 1) {
		if (*n == max)
			continue;
		r = &(*rows)[(*n)++];
		r->id = c[0].i;
		r->at = c[1].i;
		r->actor_user_id = c[2].i;
		r->actor_label = c[3].s;
		r->actor_first_name = c[4].s;
		r->actor_last_name = c[5].s;
		r->client_addr = c[6].s;
		r->action = c[7].s;
		r->entity_type = c[8].s;
		r->entity_id = c[9].i;
		r->old_json = c[10].s;
		r->new_json = c[11].s;
	}
	return k < 0 ? DB_ERROR : DB_OK;
}
