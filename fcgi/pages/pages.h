/*
 * The page handlers, one file per area.  A handler fills the response in req (a
 * page, an error or a redirect) and returns 0; -1 means it already answered with
 * an error page.
 */
#ifndef GEPS_PAGES_H
#define GEPS_PAGES_H

#include "request.h"
#include "routes.h"

int	 page_home(struct req *, const char *, const struct field_val *);
int	 page_login_form(struct req *, const char *, const struct field_val *);
int	 page_error_route(struct req *, const char *, const struct field_val *);
int	 page_health(struct req *, const char *, const struct field_val *);

#endif
