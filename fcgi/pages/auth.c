/*
 * Signing in.  For now only the login form; checking credentials, sessions and
 * password reset arrive with the accounts issue and live here too.
 */
#include "crypto.h"
#include "pages/pages.h"
#include "view.h"

int
page_login_form(struct req *r, const char *arg, const struct field_val *in)
{
	struct view_dict	*d;
	const char		*token;

	(void)arg;
	(void)in;
	if ((token = crypto_token(r->arena, 32)) == NULL)
		return page_error(r, 500, NULL);
	d = page_begin(r, "ورود به سامانه", "login.tpl");
	/*
	 * The form carries a fresh 256-bit token; binding it to a pre-login session
	 * and checking it on POST comes with the sign-in handler.
	 */
	view_set(d, "CSRF_TOKEN", token);
	view_set(d, "NATIONAL_ID", "");
	return page_end(r, 200);
}
