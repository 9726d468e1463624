/*
 * Accounts, login throttling and reset codes: the SQL behind signing in.  Every
 * function takes the database and returns a db_err; strings live in the arena.
 */
#ifndef GEPS_MODEL_USER_H
#define GEPS_MODEL_USER_H

#include <stdint.h>

#include "db.h"

struct arena;

struct user {
	long long	 id;
	const char	*national_id;
	const char	*role;		/* licensee | reviewer | hq */
	long long	 region_id;	/* reviewers only, else 0 */
	const char	*first_name;
	const char	*last_name;
	const char	*mobile;	/* "" if none */
	const char	*email;		/* "" if none */
	const char	*password_hash;	/* "" if none */
	const char	*password_kind;	/* none | initial | chosen */
	const char	*initial_hash;	/* "" if none */
	const char	*prev_hash;	/* "" if none */
	const unsigned char *totp_secret;
	size_t		 totp_len;	/* 0 if none */
	int		 totp_enrolled;
	long long	 totp_last_step;
	int		 disabled;
};

/* Loads by national ID (*found 0 or 1). */
enum db_err	 user_by_nid(struct db *, struct arena *, const char *nid,
		    struct user *, int *found);
/* Loads by id, locking the row (inside a transaction). */
enum db_err	 user_by_id_locked(struct db *, struct arena *, long long id,
		    struct user *, int *found);
/* Stores a new chosen password; prev is the hash it replaces ("" for none). */
enum db_err	 user_set_password(struct db *, long long id, const char *hash,
		    const char *prev, int64_t now);
enum db_err	 user_logged_in(struct db *, long long id, int64_t now);
/* TOTP: a pending secret (before enrolment), enrolment, the last used step, reset. */
enum db_err	 user_totp_pending(struct db *, long long id, const unsigned char *key,
		    size_t len);
enum db_err	 user_totp_enrolled(struct db *, long long id, int64_t now, long long step);
/* Records step as used; *ok is 0 when it was not newer than the last one (a replay). */
enum db_err	 user_totp_step(struct db *, long long id, long long step, int *ok);
enum db_err	 user_totp_reset(struct db *, long long id);

/* Throttle counters, per scope ("login_account", "login_addr", …) and subject. */
struct throttle {
	long long	 failures;
	int64_t		 window_start;
	int64_t		 locked_until;	/* 0: not locked */
};
enum db_err	 throttle_get(struct db *, struct arena *, const char *scope,
		    const char *subject, struct throttle *);
enum db_err	 throttle_put(struct db *, const char *scope, const char *subject,
		    const struct throttle *, int64_t now);
enum db_err	 throttle_clear(struct db *, const char *scope, const char *subject);

/* Reset codes. */
enum db_err	 reset_create(struct db *, long long user_id, const unsigned char hash[32],
		    int64_t now, int64_t expires, const char *addr);
struct reset {
	long long	 id;
	const unsigned char *hash;
	long long	 attempts;
	int		 live;		/* not expired */
};
enum db_err	 reset_newest(struct db *, struct arena *, long long user_id, int64_t now,
		    struct reset *, int *found);
enum db_err	 reset_attempt(struct db *, long long id);
enum db_err	 reset_use(struct db *, long long id, int64_t now);
/* *user_id and *used of a reset row (locked); *found 0 if it is gone. */
enum db_err	 reset_get(struct db *, struct arena *, long long id, long long *user_id,
		    int *used, int *found);
enum db_err	 reset_delete_user(struct db *, long long user_id);

#endif
