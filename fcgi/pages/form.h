/*
 * Helpers of the page handlers: form errors, and the formatting every page shares.
 *
 * Form errors in a page: the error summary at the top (section ERRORS with one
 * ERROR per problem: FIELD_ID, MESSAGE, linking to the control) and the message next
 * to the field (its own section, e.g. PASSWORD_ERROR, with MESSAGE).  The templates
 * follow views/login.tpl.
 */
#ifndef GEPS_FORM_H
#define GEPS_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct req;
struct user;
struct view_dict;

struct form {
	struct view_dict	*page;
	struct view_dict	*errors;
	int			 nerrors;
};

void	 form_init(struct form *, struct view_dict *page);
/* Adds msg for the control field_id; section is its field-error section (or NULL). */
void	 form_error(struct form *, const char *field_id, const char *section,
	    const char *msg);

struct audit_event;
/* The audit actor of a request: the signed-in user and the client's address. */
struct audit_event page_actor(const struct req *);

/* The HTTP status for a database failure: 503 when it may pass, else 500. */
int	 page_db_status(enum db_err);
/* 1 when the query carries key=1 exactly once (the notices after a redirect). */
int	 query_flag(const struct req *, const char *key);
/* The instant t as the Jalali date and time in Tehran, Persian digits ("" if bad). */
const char *fa_when(struct req *, int64_t t);
/* The same for a UTC DATETIME as MariaDB prints it. */
const char *fa_when_sql(struct req *, const char *sql);
/* s with ASCII digits in Persian; v in Persian digits. */
const char *fa_digits(struct req *, const char *s);
const char *fa_int(struct req *, long long v);
/* A size in bytes as Persian text: بایت, کیلوبایت (rounded up) or مگابایت (one decimal). */
const char *fa_size(struct req *, long long bytes);

/*
 * Checks pw against an encoded hash inside the hash gate: 1 it matches, 0 it does
 * not (or there is no hash), -1 no hashing slot was free in time.
 */
int	 password_is(const struct req *, const char *pw, size_t len, const char *hash);
/* The same against u's current password, initial secret and previous password. */
int	 password_reused(const struct req *, const char *pw, size_t len,
	    const struct user *u);

#endif
