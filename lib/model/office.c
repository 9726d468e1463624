/*
 * Queries of offices.  The access rule is part of the statement (see sql_office.h),
 * so no caller can forget it.
 */
#include <string.h>

#include "model/office.h"
#include "model/session.h"
#include "model/stmts.h"

enum db_err
office_get_for(struct db *db, struct arena *a, long long office_id,
    const struct session *who, struct office *o, int *found)
{
	struct db_val	 p[6], c[13];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	memset(o, 0, sizeof(*o));
	if (who == NULL || who->role == NULL)
		return DB_OK;
	p[0] = db_int(office_id);
	p[1] = db_text(who->role);
	p[2] = db_text(who->role);
	p[3] = db_int(who->user_id);
	p[4] = db_text(who->role);
	/* Only reviewers have a region; 0 matches no province. */
	p[5] = db_int(who->region_id);
	if ((rc = db_exec(db, STMT_OFFICE_GET_FOR, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_OFFICE_GET_FOR, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_OFFICE_GET_FOR);
	o->id = c[0].i;
	o->code = c[1].s;
	o->kind = c[2].s;
	o->name = c[3].s;
	o->license_no = c[4].s;
	o->province = c[5].s;
	o->city = c[6].s;
	o->city_kind = c[7].s;
	o->address = c[8].s;
	o->licensee_first_name = c[9].s;
	o->licensee_last_name = c[10].s;
	o->region_id = c[11].i;
	o->region = c[12].s;
	*found = 1;
	return DB_OK;
}

const char *
office_kind_label(const char *kind)
{
	if (strcmp(kind, "urban") == 0)
		return "دفتر پیشخوان خدمات دولت";
	if (strcmp(kind, "rural_ict") == 0)
		return "دفتر ICT روستایی";
	return "";
}
