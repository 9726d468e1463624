/*
 * One office's base data, for whoever may see it: its licensee, a reviewer of its
 * region, or HQ.  The model answers "not found" for an office outside the asker's
 * reach, and so does this page: the 404 page, never a 403 that would reveal that
 * the id exists.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fa.h"
#include "http.h"
#include "model/office.h"
#include "pages/pages.h"
#include "view.h"

/* Sets key to s with its ASCII digits written as Persian ones. */
static void
set_fa_digits(struct req *r, struct view_dict *d, const char *key, const char *s)
{
	struct buf	 b;

	buf_init(&b, r->arena);
	fa_put_digits(&b, s);
	view_set(d, key, buf_cstr(&b));
}

int
page_office(struct req *r, const char *arg, const struct field_val *in)
{
	unsigned long long	 id;
	struct office		 o;
	struct view_dict	*d;
	int			 found;
	enum db_err		 rc;

	(void)in;
	/* ids are INT UNSIGNED; anything else names no office. */
	if (http_parse_uint(arg, strlen(arg), 4294967295ULL, &id) != 0 || id == 0)
		return page_error(r, 404, NULL);
	rc = office_get_for(r->db, r->arena, (long long)id, &r->sess, &o, &found);
	if (rc != DB_OK)
		return page_error(r, rc == DB_DOWN ? 503 : 500, NULL);
	if (!found)
		return page_error(r, 404, NULL);

	d = page_begin(r, o.name[0] != '\0' ? o.name : "دفتر", "office.tpl");
	view_set(d, "OFFICE_NAME", o.name);
	set_fa_digits(r, d, "OFFICE_CODE_FA", o.code);
	view_set(d, "KIND_LABEL", office_kind_label(o.kind));
	set_fa_digits(r, d, "LICENSE_NO_FA", o.license_no);
	view_set(d, "PROVINCE", o.province);
	view_set(d, "REGION", o.region);
	view_set(d, "CITY", o.city);
	view_set(d, "CITY_KIND_LABEL", strcmp(o.city_kind, "village") == 0 ?
	    "روستا" : "شهر");
	view_set(d, "ADDRESS", o.address);
	view_set(d, "LICENSEE_NAME", arena_printf(r->arena, "%s %s",
	    o.licensee_first_name, o.licensee_last_name));
	return page_end(r, 200);
}
