/*
 * Who is asking and may they: the session cookie, CSRF tokens, and the gates a
 * session passes before it reaches a page (initial password changed, second factor
 * passed).  Object-level checks (this office, this region) are in the model layer.
 */
#ifndef GEPS_ACCESS_H
#define GEPS_ACCESS_H

#include "request.h"

struct route;

/* Reads only the pre-login cookie (pages without a database). */
void	 access_pre(struct req *);
/* Loads the session named by the cookie, if any and live.  Returns DB_OK or a db error. */
int	 access_load(struct req *);
/*
 * Decides whether the loaded session (or its absence) may use route rt.  Returns 0
 * to go on, or answers (redirect to sign-in or to the pending step, or 403) and
 * returns -1.
 */
int	 access_gate(struct req *, const struct route *);
/* The CSRF token for forms on this page (session-bound, else pre-login). */
const char *csrf_token(struct req *);
/* 1 when the form's csrf field is right for this session or pre-login cookie. */
int	 csrf_ok(struct req *);
/* The same for a token that came another way (a multipart field). */
int	 csrf_value_ok(struct req *, const char *val, size_t len);

/*
 * Signs user_id in: a new session (a new token, whatever came before), its cookie,
 * and the pre-login cookie cleared.  mfa marks the second factor as passed.
 */
int	 access_login(struct req *, long long user_id, int mfa);
/* A new token for the current session (privilege change); mfa as above. */
int	 access_rotate(struct req *, int mfa);
/* Ends the current session and clears its cookie. */
int	 access_logout(struct req *);

/* Role labels for the layout. */
const char *role_label(const char *role);

#endif
