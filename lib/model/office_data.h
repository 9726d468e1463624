/*
 * The office data a licensee keeps up to date (base data and staff); the rules of
 * when they may are declaration.h's.  Registry data (license, city, province) is
 * read here and never written.
 */
#ifndef GEPS_MODEL_OFFICE_DATA_H
#define GEPS_MODEL_OFFICE_DATA_H

#include <stddef.h>

#include "db.h"

struct arena;

struct office_data {
	const char	*address;
	const char	*postal_code;	/* "" when none */
	const char	*phone;		/* "" when none */
	const char	*opening_hours;
	long long	 area_m2;	/* 0 when none */
	int		 ramp, lift, toilet, priority_counter;
	/* Read-only registry data. */
	const char	*license_no;
	const char	*province;
	const char	*city;
	const char	*kind;
};

struct staff_member {
	long long	 id;
	const char	*national_id;
	const char	*first_name;
	const char	*last_name;
	const char	*job_title;
	int		 insured;
	int		 disabled;
};

enum db_err	 office_data_get(struct db *, struct arena *, long long office_id,
		    struct office_data *);
/* Writes the base data (inside the caller's transaction). */
enum db_err	 office_data_put(struct db *, long long office_id, const struct office_data *);
enum db_err	 office_staff_list(struct db *, struct arena *, long long office_id,
		    struct staff_member **, size_t *);
/*
 * Adds a person (or brings back one removed earlier, with the new details).
 * DB_DUP when the national ID is already on the office's active staff.
 */
enum db_err	 office_staff_add(struct db *, long long office_id, const struct staff_member *);
/* Updates or removes one active member; *changed 0 when there was no such member. */
enum db_err	 office_staff_update(struct db *, long long office_id,
		    const struct staff_member *, int *changed);
enum db_err	 office_staff_remove(struct db *, long long office_id, long long id,
		    int *changed);

#endif
