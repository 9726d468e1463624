/*
 * Offices as the signed-in user may see them.  Authorisation is on the object and
 * lives in the SQL: a licensee reaches only the offices they hold, a reviewer only
 * the offices of the provinces of their region, HQ every office.  An office the
 * asker may not see is reported exactly like one that does not exist.
 */
#ifndef GEPS_MODEL_OFFICE_H
#define GEPS_MODEL_OFFICE_H

#include "db.h"

struct arena;
struct session;

struct office {
	long long	 id;
	const char	*code;
	const char	*kind;		/* urban | rural_ict */
	const char	*name;
	const char	*license_no;
	const char	*province;
	const char	*city;
	const char	*city_kind;	/* city | village */
	const char	*address;
	const char	*licensee_first_name;
	const char	*licensee_last_name;
	long long	 region_id;
	const char	*region;
};

/*
 * Loads office office_id into *o if who may see it (*found 1), else *found 0
 * whether the office exists or not.  Strings live in the arena.  Returns DB_OK or
 * the db error.
 */
enum db_err	 office_get_for(struct db *, struct arena *, long long office_id,
		    const struct session *who, struct office *o, int *found);

/* The Persian label of an office kind ("" for an unknown kind). */
const char	*office_kind_label(const char *kind);

#endif
