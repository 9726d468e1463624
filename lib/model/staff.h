/*
 * The account page and the HQ pages' queries: the signed-in user's own account,
 * the staff accounts (reviewers and HQ) and their creation, the regions, the
 * second-factor reset, and browsing the audit log.  Every function returns a db_err;
 * strings live in the arena.  Callers own the transaction.
 */
#ifndef GEPS_MODEL_STAFF_H
#define GEPS_MODEL_STAFF_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct arena;

struct account {
	const char	*national_id;
	const char	*role;
	const char	*first_name;
	const char	*last_name;
	const char	*mobile;	/* "" if none */
	const char	*email;		/* "" if none */
	const char	*region;	/* "" unless a reviewer */
};
/* The account of user_id (*found 0 or 1). */
enum db_err	 account_get(struct db *, struct arena *, long long user_id,
		    struct account *, int *found);

struct staff_row {
	long long	 id;
	const char	*national_id;
	const char	*role;		/* reviewer | hq */
	long long	 region_id;	/* 0 for hq */
	const char	*region;	/* "" for hq */
	const char	*first_name;
	const char	*last_name;
	int		 totp_enrolled;
	int64_t		 last_login;	/* unix seconds, 0: never */
	int		 disabled;
};
/* Every reviewer and HQ account, HQ first, then by region and name (at most 1000). */
enum db_err	 staff_list(struct db *, struct arena *, struct staff_row **, size_t *n);

struct region_row {
	long long	 id;
	const char	*name;
	const char	*seat;
};
/* The regions in id order (at most 99). */
enum db_err	 region_list(struct db *, struct arena *, struct region_row **, size_t *n);

/* *exists 1 when an account with this national ID (10 ASCII digits) exists. */
enum db_err	 staff_nid_exists(struct db *, struct arena *, const char *nid, int *exists);

struct staff_account {
	const char	*national_id;	/* 10 ASCII digits */
	const char	*role;		/* reviewer | hq */
	long long	 region_id;	/* reviewers: 1..; hq: 0 */
	const char	*first_name;
	const char	*last_name;
	const char	*mobile;	/* 09xxxxxxxxx */
	const char	*email;		/* "" if none */
	const char	*secret_hash;	/* hash of the one-time initial secret */
};
/* Inserts the account (DB_DUP when the national ID exists); its id goes to *id. */
enum db_err	 staff_account_insert(struct db *, const struct staff_account *, long long *id);

/*
 * Clears the second factor of staff account id (the user enrols again at next
 * login) and ends all of its sessions; the number ended goes to *ended.
 */
enum db_err	 staff_totp_reset(struct db *, long long id, long long *ended);

struct audit_filter {
	long long	 before;	/* rows with id < before; 0: from the newest */
	const char	*action;	/* exact, "" for any */
	const char	*actor_nid;	/* actor's national ID, "" for any */
	int64_t		 from;		/* unix seconds, inclusive; 0: no bound */
	int64_t		 to;		/* unix seconds, inclusive; 0: no bound */
};
struct audit_row {
	long long	 id;
	int64_t		 at;		/* unix seconds */
	long long	 actor_user_id;	/* 0: none */
	const char	*actor_label;
	const char	*actor_first_name;
	const char	*actor_last_name;
	const char	*client_addr;
	const char	*action;
	const char	*entity_type;
	long long	 entity_id;	/* 0: none */
	const char	*old_json;	/* "" if none */
	const char	*new_json;	/* "" if none */
};
/* At most max rows matching f, newest first. */
enum db_err	 audit_browse(struct db *, struct arena *, const struct audit_filter *,
		    size_t max, struct audit_row **, size_t *n);

#endif
