/*
 * The licensee's office data (see office_data.h).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "model/office_data.h"
#include "model/stmts.h"

enum db_err
office_data_get(struct db *db, struct arena *a, long long office_id, struct office_data *o)
{
	struct db_val	 p = db_int(office_id), c[13];
	enum db_err	 rc;
	int		 n;

	memset(o, 0, sizeof(*o));
	if ((rc = db_exec(db, STMT_OD_GET, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_OD_GET, a, c)) != 1)
		return n < 0 ? DB_ERROR : DB_ERROR;
	db_done(db, STMT_OD_GET);
	o->address = c[0].s;
	o->postal_code = c[1].s;
	o->phone = c[2].s;
	o->opening_hours = c[3].s;
	o->area_m2 = c[4].i;
	o->ramp = (int)c[5].i;
	o->lift = (int)c[6].i;
	o->toilet = (int)c[7].i;
	o->priority_counter = (int)c[8].i;
	o->license_no = c[9].s;
	o->province = c[10].s;
	o->city = c[11].s;
	o->kind = c[12].s;
	return DB_OK;
}

enum db_err
office_data_put(struct db *db, long long office_id, const struct office_data *o)
{
	struct db_val	 p[7];
	char		 acc[128];

	/* The keys the system criteria count (declaration.c), as JSON booleans. */
	snprintf(acc, sizeof(acc), "{\"ramp\": %s, \"lift\": %s, \"toilet\": %s, "
	    "\"priority_counter\": %s}", o->ramp ? "true" : "false", o->lift ? "true" : "false",
	    o->toilet ? "true" : "false", o->priority_counter ? "true" : "false");
	p[0] = db_text(o->address);
	p[1] = db_text(o->postal_code);
	p[2] = db_text(o->phone);
	p[3] = db_text(o->opening_hours);
	p[4] = o->area_m2 > 0 ? db_int(o->area_m2) : db_null();
	p[5] = db_text(acc);
	p[6] = db_int(office_id);
	return db_exec(db, STMT_OD_UPDATE, p);
}

enum db_err
office_staff_list(struct db *db, struct arena *a, long long office_id,
    struct staff_member **out, size_t *nout)
{
	struct db_val	 p = db_int(office_id), c[7];
	struct staff_member *s;
	size_t		 cap = 8;
	enum db_err	 rc;
	int		 n;

	*nout = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if ((rc = db_exec(db, STMT_OD_STAFF, &p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_OD_STAFF, a, c)) == 1) {
		if (*nout == cap) {
			*out = arena_realloc(a, *out, cap * sizeof(**out), 2 * cap * sizeof(**out));
			cap *= 2;
		}
		s = &(*out)[(*nout)++];
		s->id = c[0].i;
		s->national_id = c[1].s;
		s->first_name = c[2].s;
		s->last_name = c[3].s;
		s->job_title = c[4].s;
		s->insured = (int)c[5].i;
		s->disabled = (int)c[6].i;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
office_staff_add(struct db *db, long long office_id, const struct staff_member *m)
{
	struct db_val	 p[7], c[2];
	struct staff_member again;
	enum db_err	 rc;
	int		 n, changed;

	p[0] = db_int(office_id);
	p[1] = db_text(m->national_id);
	if ((rc = db_exec(db, STMT_OD_STAFF_FIND, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_OD_STAFF_FIND, NULL, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		db_done(db, STMT_OD_STAFF_FIND);
		if (c[1].i)
			return DB_DUP;
		again = *m;
		again.id = c[0].i;
		return office_staff_update(db, office_id, &again, &changed);
	}
	p[2] = db_text(m->first_name);
	p[3] = db_text(m->last_name);
	p[4] = db_text(m->job_title);
	p[5] = db_int(m->insured);
	p[6] = db_int(m->disabled);
	return db_exec(db, STMT_OD_STAFF_ADD, p);
}

enum db_err
office_staff_update(struct db *db, long long office_id, const struct staff_member *m,
    int *changed)
{
	struct db_val	 p[7];
	enum db_err	 rc;

	p[0] = db_text(m->first_name);
	p[1] = db_text(m->last_name);
	p[2] = db_text(m->job_title);
	p[3] = db_int(m->insured);
	p[4] = db_int(m->disabled);
	p[5] = db_int(m->id);
	p[6] = db_int(office_id);
	if ((rc = db_exec(db, STMT_OD_STAFF_UPDATE, p)) != DB_OK)
		return rc;
	*changed = db_affected(db, STMT_OD_STAFF_UPDATE) >= 1;
	return DB_OK;
}

enum db_err
office_staff_remove(struct db *db, long long office_id, long long id, int *changed)
{
	struct db_val	 p[2];
	enum db_err	 rc;

	p[0] = db_int(id);
	p[1] = db_int(office_id);
	if ((rc = db_exec(db, STMT_OD_STAFF_REMOVE, p)) != DB_OK)
		return rc;
	*changed = db_affected(db, STMT_OD_STAFF_REMOVE) == 1;
	return DB_OK;
}
