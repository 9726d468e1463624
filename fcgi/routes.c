/*
 * The route table and the input validators.  Adding a page means adding one line to
 * routes[] (and its field list); the dispatcher in worker.c does the rest: method
 * check, input limits, validation, database availability and the role check.
 */
#include <string.h>

#include "arena.h"
#include "fa.h"
#include "http.h"
#include "pages/pages.h"
#include "routes.h"
#include "utf8.h"

enum route_id {
	ROUTE_HOME,
	ROUTE_LOGIN_FORM,
	ROUTE_ERROR,
	ROUTE_HEALTH,
	ROUTE__MAX
};

#define F(list)	list, sizeof(list) / sizeof(list[0])
#define NOF	NULL, 0

static const struct route routes[ROUTE__MAX] = {
	{ ROUTE_HOME, "home", METHOD_GET, "/", page_home,
	    ROLE_PUBLIC, RF_DB, NOF },
	{ ROUTE_LOGIN_FORM, "login_form", METHOD_GET, "/login", page_login_form,
	    ROLE_PUBLIC, 0, NOF },
	/* nginx sends its own errors (413 from client_max_body_size …) here. */
	{ ROUTE_ERROR, "error", METHOD_GET, "/_error/", page_error_route,
	    ROLE_PUBLIC, RF_PREFIX, NOF },
	{ ROUTE_HEALTH, "health", METHOD_GET, "/_health", page_health,
	    ROLE_PUBLIC, 0, NOF },
};

static int
route_path_match(const struct route *rt, const char *path, const char **arg)
{
	size_t	 n = strlen(rt->path);

	if (rt->flags & RF_PREFIX) {
		if (strncmp(path, rt->path, n) != 0)
			return 0;
		*arg = path + n;
		return 1;
	}
	if (strcmp(path, rt->path) != 0)
		return 0;
	*arg = "";
	return 1;
}

const struct route *
route_find(enum method m, const char *path, const char **arg, int *status,
    const char **allow)
{
	size_t	 i;
	int	 path_known = 0, get = 0, post = 0;
	enum method want = m == METHOD_HEAD ? METHOD_GET : m;

	for (i = 0; i < ROUTE__MAX; i++) {
		if (!route_path_match(&routes[i], path, arg))
			continue;
		path_known = 1;
		if (routes[i].method == METHOD_GET)
			get = 1;
		if (routes[i].method == METHOD_POST)
			post = 1;
		if (routes[i].method == want)
			return &routes[i];
	}
	*status = path_known ? 405 : 404;
	*allow = get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : "POST";
	return NULL;
}

static const char *
validate_one(struct req *r, const struct field_def *fd, const struct http_param *p,
    struct field_val *v)
{
	char	*s;
	size_t	 len;
	char	 nid[11];
	enum fa_nid_err ne;

	switch (fd->v) {
	case V_LINE:
		if ((s = utf8_clean_line(r->arena, p->val, p->vallen, &len)) == NULL)
			return "متن واردشده نویسه‌های نامعتبر دارد.";
		s = fa_normalize(r->arena, s, len, &len);
		if (utf8_count(s, len) > fd->max)
			return "متن واردشده بیش از اندازه طولانی است.";
		v->s = s;
		v->len = len;
		break;
	case V_SECRET:
		if (!utf8_valid(p->val, p->vallen))
			return "مقدار واردشده نویسه‌های نامعتبر دارد.";
		if (p->vallen > fd->max)
			return "مقدار واردشده بیش از اندازه طولانی است.";
		v->s = p->val;
		v->len = p->vallen;
		break;
	case V_NATIONAL_ID:
		if ((ne = fa_national_id_parse(p->val, p->vallen, nid)) != FA_NID_OK)
			return fa_national_id_message(ne);
		v->s = arena_strndup(r->arena, nid, 10);
		v->len = 10;
		break;
	case V_UINT:
		if (http_parse_uint(p->val, p->vallen, fd->max, &v->n) != 0)
			return "عدد واردشده معتبر نیست.";
		v->s = p->val;
		v->len = p->vallen;
		break;
	case V_TOKEN:
		if (p->vallen == 0 || p->vallen > fd->max ||
		    strspn(p->val, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789_-") != p->vallen)
			return "مقدار واردشده معتبر نیست.";
		v->s = p->val;
		v->len = p->vallen;
		break;
	}
	return NULL;
}

size_t
route_validate(struct req *r, const struct route *rt, const struct http_params *ps,
    struct field_val *in)
{
	const struct http_param	*p;
	size_t			 i, bad = 0;

	for (i = 0; i < rt->nfields; i++) {
		const struct field_def *fd = &rt->fields[i];

		memset(&in[i], 0, sizeof(in[i]));
		in[i].s = "";
		p = http_params_get(ps, fd->key);
		if (p == NULL || p->vallen == 0) {
			if (fd->required) {
				in[i].error = "این مورد را وارد کنید.";
				bad++;
			}
			continue;
		}
		if (http_params_count(ps, fd->key) > 1) {
			in[i].error = "این مورد بیش از یک بار فرستاده شده است.";
			bad++;
			continue;
		}
		in[i].present = 1;
		if ((in[i].error = validate_one(r, fd, p, &in[i])) != NULL) {
			in[i].s = "";
			in[i].len = 0;
			bad++;
		}
	}
	return bad;
}
