/*
 * The one route table: method + path -> handler, the role it requires, and the input
 * keys it accepts, each with a validator.  Keys a route does not declare never reach
 * its handler; declared keys arrive parsed and checked in req_in[].
 */
#ifndef GEPS_ROUTES_H
#define GEPS_ROUTES_H

#include <stddef.h>

#include "request.h"

enum role {
	ROLE_PUBLIC	= 0,		/* anyone */
	ROLE_LICENSEE	= 1 << 0,
	ROLE_REVIEWER	= 1 << 1,
	ROLE_HQ		= 1 << 2,
};

enum validator {
	V_LINE,		/* one line of UTF-8 text, cleaned and normalised, max chars */
	V_TEXT,		/* multi-line text (a textarea), cleaned and normalised, max chars */
	V_SECRET,	/* any valid UTF-8 up to max bytes, kept exactly (passwords) */
	V_NATIONAL_ID,	/* folded to 10 ASCII digits, checksum verified */
	V_UINT,		/* decimal, 0..max */
	V_TOKEN,	/* [A-Za-z0-9_-], max bytes (CSRF and similar tokens) */
};

struct field_def {
	const char	*key;
	enum validator	 v;
	unsigned long long max;
	int		 required;
};

/* A validated input value.  error is a Persian message when invalid. */
struct field_val {
	int		 present;
	const char	*s;	/* cleaned text (NUL-terminated) */
	size_t		 len;
	unsigned long long n;	/* V_UINT */
	const char	*error;
};

#define ROUTE_MAXFIELDS	16

enum route_flag {
	RF_DB		= 1 << 0,	/* needs the database: 503 when it is down */
	RF_PREFIX	= 1 << 1,	/* path is a prefix; the rest goes to req_arg */
	RF_PENDING	= 1 << 2,	/* usable before the initial password is changed */
	RF_MFA		= 1 << 3,	/* usable by staff before the second factor */
	RF_MULTIPART	= 1 << 5,	/* a multipart/form-data POST (uploads): the
					   worker does not read the body, bounds it by
					   upload_max_request_bytes, and leaves the CSRF
					   field to the handler, which streams the body */
	RF_DYNAMIC	= 1 << 4,	/* also reads keys named by data (a rubric's
					   criteria) from req->form, validating them
					   itself against that data */
};

/*
 * A route's path is literal, or with RF_PREFIX a prefix whose rest goes to the
 * handler's arg, or a pattern of '/'-separated segments in which '#' matches one
 * segment of 1-10 ASCII digits and '*' one segment of [a-z0-9_] (1-32): the
 * matched segments go to arg joined by '/': the pattern "/decl/#/file/#" gives
 * "12/345" for "/decl/12/file/345".
 */
struct route {
	int		 id;
	const char	*name;
	enum method	 method;	/* GET routes also answer HEAD */
	const char	*path;
	int		(*handler)(struct req *, const char *arg,
			    const struct field_val *in);
	unsigned	 roles;		/* ROLE_PUBLIC or a mask of roles */
	unsigned	 flags;
	const struct field_def *fields;
	size_t		 nfields;
};

/*
 * Finds the route for method and path.  Returns it, or NULL with *status set to 404
 * (no such path) or 405 (path known, method not; *allow then lists the methods).
 */
const struct route *route_find(enum method, const char *path, const char **arg,
		    int *status, const char **allow);

/*
 * Validates the declared fields of route from params (query for GET, body for POST)
 * into in[] (nfields entries).  Returns the number of invalid fields.
 */
size_t		 route_validate(struct req *, const struct route *,
		    const struct http_params *, struct field_val *in);

#endif
