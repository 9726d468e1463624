/*
 * The audit log: append-only and hash-chained.  Each row carries the SHA-256 of the
 * previous row and its own hash over a canonical encoding of its columns, so that
 * `geps audit verify` can name the first row that was altered or removed.
 */
#ifndef GEPS_AUDIT_H
#define GEPS_AUDIT_H

#include "db.h"

struct arena;

struct audit_event {
	long long	 actor_user_id;	/* 0: no logged-in actor */
	const char	*actor_label;	/* "cli", "system", or a masked typed ID; may be NULL */
	const char	*client_addr;	/* may be NULL */
	const char	*action;	/* e.g. "login.ok", "login.fail", "reset.request" */
	const char	*entity_type;	/* "user", "office", …; may be NULL */
	long long	 entity_id;	/* 0: none */
	const char	*old_json;	/* valid JSON or NULL; never secrets */
	const char	*new_json;	/* valid JSON or NULL; never secrets */
};

/*
 * Appends one row.  Inside the caller's transaction when one is open (the row then
 * commits or rolls back with the change it records), else in its own.  Retries when
 * a concurrent append took the same tail.  Returns DB_OK or the db error.
 */
enum db_err	 audit_append(struct db *, struct arena *, const struct audit_event *);

/*
 * Walks the whole chain.  Returns 0 when intact, or the id of the first row whose
 * hash or link is wrong (-1 if the database failed).
 */
long long	 audit_verify(struct db *, struct arena *);

#endif
