/*
 * Signing in.  For now only the login form; checking credentials, sessions and
 * password reset arrive with the accounts issue and live here too.
 */
#include "pages/pages.h"
#include "view.h"

int
page_login_form(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict	*d;

	(void)arg;
	(void)in;
	d = page_begin(r, "ورود به سامانه", "login.tpl");
	/* A real per-session token arrives with sessions; the field is already there. */
	view_set(d, "CSRF_TOKEN", "");
	view_set(d, "NATIONAL_ID", "");
	return page_end(r, 200);
}
