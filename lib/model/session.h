/*
 * Sessions in the database.  The cookie carries a 256-bit random token; the table
 * keeps only its SHA-256, so a copy of the table does not let anyone in.  Each
 * session has its own CSRF secret.
 */
#ifndef GEPS_MODEL_SESSION_H
#define GEPS_MODEL_SESSION_H

#include <stdint.h>

#include "db.h"

struct arena;

struct session {
	long long	 id;
	long long	 user_id;
	unsigned char	 csrf_secret[32];
	int		 mfa;		/* second factor passed */
	int		 stale;		/* last_seen_at is old enough to be refreshed */
	const char	*role;
	long long	 region_id;
	const char	*national_id;
	const char	*first_name;
	const char	*last_name;
	const char	*password_kind;
	int		 totp_enrolled;
};

/*
 * A new session for user_id; token_hash is the SHA-256 of the cookie token.  mfa
 * marks the second factor as already passed (licensees need none).
 */
enum db_err	 session_create(struct db *, long long user_id,
		    const unsigned char token_hash[32], const unsigned char csrf[32],
		    int mfa, int64_t now, int64_t expires, const char *addr,
		    const char *agent);
/* Loads the live session of token_hash (*found 0 or 1); idle and absolute limits apply. */
enum db_err	 session_load(struct db *, struct arena *, const unsigned char token_hash[32],
		    int64_t now, long idle_seconds, struct session *, int *found);
enum db_err	 session_touch(struct db *, long long id, int64_t now);
/* Gives the session a new token (and CSRF secret); mfa records the second factor. */
enum db_err	 session_rotate(struct db *, long long id, const unsigned char token_hash[32],
		    const unsigned char csrf[32], int mfa, int64_t now);
enum db_err	 session_delete(struct db *, long long id);
/* Deletes session id only if it belongs to user_id; *deleted says whether it did. */
enum db_err	 session_delete_own(struct db *, long long id, long long user_id, int *deleted);
enum db_err	 session_delete_others(struct db *, long long user_id, long long keep_id);
enum db_err	 session_delete_all(struct db *, long long user_id);

struct session_row {
	long long	 id;
	const char	*created_at;
	const char	*last_seen_at;
	const char	*client_addr;
	const char	*user_agent;
};
/* The live sessions of a user, newest first (at most 50). */
enum db_err	 session_list(struct db *, struct arena *, long long user_id, int64_t now,
		    long idle_seconds, struct session_row **rows, size_t *n);

#endif
