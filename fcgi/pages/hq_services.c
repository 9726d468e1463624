/*
 * HQ's services: catalogue, area services, grants within the quota.
 *
 * The catalogue page lists the agencies and their services (add an agency or a
 * service, rename, deactivate and activate); the area pages give each city or
 * village its services, one agency's checkboxes at a time; an office's page shows
 * its rank, quota and services with the grant and withdraw buttons; the over-quota
 * list shows the offices holding more than their rank now allows; the agency view
 * lists the offices allowed to offer one service in an area.  The rules live in
 * lib/model/services.c; every handler here reads validated input, calls one model
 * function, and answers with a page, a redirect, or the page again with a Persian
 * reason and 404, 409 or 422.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "model/services.h"
#include "multipart.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

/* The most services one agency's checkbox form may carry. */
#define CITY_FORM_MAX	1000
/*
 * The largest CSV the upload takes (also bounded by upload_max_file_bytes): it is
 * held in the request's arena.  A national file is a few MiB; bigger ones go
 * through `geps services import`.
 */
#define IMPORT_MAX_BYTES	(16L << 20)
/* The import errors shown on the page; the CLI prints them all. */
#define IMPORT_SHOWN_ERRORS	100

static int
refusal_status(enum svc_refusal k)
{
	switch (k) {
	case SVC_NOT_FOUND:
		return 404;
	case SVC_CONFLICT:
		return 409;
	default:
		return 422;
	}
}

static const char *
kind_label(const char *kind)
{
	return strcmp(kind, "village") == 0 ? "روستا" : "شهر";
}

static const char *
id_str(struct req *r, long long id)
{
	return arena_printf(r->arena, "%lld", id);
}

static void
set_error(struct view_dict *d, const char *error)
{
	if (error != NULL)
		view_set(view_section(d, "ERROR_BOX"), "MESSAGE", error);
}

/* ---- the catalogue ---- */

enum { A_CODE, A_NAME };
enum { S_AGENCY, S_CODE, S_TITLE };

/*
 * The catalogue page; error (with status) when a change was refused, and the
 * add-service form's typed values in svc_in (NULL for none).
 */
static int
catalogue_page_import(struct req *r, const char *error, int status,
    const struct field_val *ag_in, const struct field_val *svc_in,
    const struct svc_import_result *imp);

static int
catalogue_page(struct req *r, const char *error, int status, const struct field_val *ag_in,
    const struct field_val *svc_in)
{
	return catalogue_page_import(r, error, status, ag_in, svc_in, NULL);
}

/* The result of an upload into d: its counts, or its errors (at most IMPORT_SHOWN_ERRORS). */
static void
set_import(struct req *r, struct view_dict *d, const struct svc_import_result *imp)
{
	struct view_dict *s;
	size_t		 i;

	if (imp->nerrors == 0) {
		s = view_section(d, "IMPORTED");
		view_set(s, "AGENCIES_CREATED_FA", fa_int(r, imp->agencies_created));
		view_set(s, "AGENCIES_UPDATED_FA", fa_int(r, imp->agencies_updated));
		view_set(s, "SERVICES_CREATED_FA", fa_int(r, imp->services_created));
		view_set(s, "SERVICES_UPDATED_FA", fa_int(r, imp->services_updated));
		view_set(s, "SERVICES_UNCHANGED_FA", fa_int(r, imp->services_unchanged));
		view_set(s, "LINKS_ADDED_FA", fa_int(r, imp->links_added));
		view_set(s, "LINKS_UNCHANGED_FA", fa_int(r, imp->links_unchanged));
		return;
	}
	s = view_section(d, "IMPORT_ERRORS");
	view_set(s, "N_FA", fa_int(r, (long long)imp->nerrors));
	for (i = 0; i < imp->nerrors && i < IMPORT_SHOWN_ERRORS; i++) {
		struct view_dict *e = view_section(s, "ERROR");

		if (imp->errors[i].line > 0)
			view_set(view_section(e, "LINE"), "LINE_FA",
			    fa_int(r, (long long)imp->errors[i].line));
		view_set(e, "FIELD", imp->errors[i].field);
		view_set(e, "MESSAGE", imp->errors[i].reason_fa);
	}
}

static int
catalogue_page_import(struct req *r, const char *error, int status,
    const struct field_val *ag_in, const struct field_val *svc_in,
    const struct svc_import_result *imp)
{
	struct svc_agency *ags;
	struct view_dict *d, *s;
	size_t		 n, i, k, total = 0, active = 0;
	enum db_err	 rc;
	long long	 chosen = svc_in != NULL && svc_in[S_AGENCY].present ?
			    (long long)svc_in[S_AGENCY].n : 0;
	static const char *const flags[] = { "agency_added", "added", "renamed",
	    "activated", "deactivated", "unchanged" };
	static const char *const sections[] = { "AGENCY_ADDED", "ADDED", "RENAMED",
	    "ACTIVATED", "DEACTIVATED", "UNCHANGED" };

	if ((rc = services_catalogue(r->db, r->arena, &ags, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "خدمات دستگاه‌ها", "hq_services.tpl");
	view_set(d, "CSRF_TOKEN", csrf_token(r));
	set_error(d, error);
	if (imp != NULL)
		set_import(r, d, imp);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (query_flag(r, flags[i]))
			view_show(d, sections[i]);
	for (i = 0; i < n; i++) {
		struct view_dict *a = view_section(d, "AGENCY");
		struct view_dict *o = view_section(d, "AGENCY_OPTION");

		view_set(a, "ID", id_str(r, ags[i].id));
		view_set(a, "CODE", ags[i].code);
		view_set(a, "NAME", ags[i].name);
		view_set(a, "N_FA", fa_int(r, (long long)ags[i].nservices));
		view_set(o, "ID", id_str(r, ags[i].id));
		view_set(o, "NAME", ags[i].name);
		if (ags[i].id == chosen)
			view_show(o, "SELECTED");
		if (ags[i].nservices == 0)
			view_show(a, "NO_SERVICES");
		for (k = 0; k < ags[i].nservices; k++) {
			const struct svc_service *sv = &ags[i].services[k];

			s = view_section(a, "SERVICE");
			view_set(s, "ID", id_str(r, sv->id));
			view_set(s, "CODE", sv->code);
			view_set(s, "TITLE", sv->title);
			view_set(s, "TITLE_FA", fa_digits(r, sv->title));
			view_set(s, "CITIES_FA", fa_int(r, sv->ncities));
			view_set(s, "GRANTS_FA", fa_int(r, sv->ngrants));
			view_set(s, "CSRF_TOKEN", csrf_token(r));
			view_show(s, sv->active ? "ACTIVE" : "INACTIVE");
			total++;
			active += sv->active != 0;
		}
	}
	if (n == 0)
		view_show(d, "NO_AGENCIES");
	view_set(d, "AGENCIES_FA", fa_int(r, (long long)n));
	view_set(d, "SERVICES_FA", fa_int(r, (long long)total));
	view_set(d, "ACTIVE_FA", fa_int(r, (long long)active));
	if (ag_in != NULL) {
		view_set(d, "AGENCY_CODE", ag_in[A_CODE].s);
		view_set(d, "AGENCY_NAME", ag_in[A_NAME].s);
	}
	if (svc_in != NULL) {
		view_set(d, "SERVICE_CODE", svc_in[S_CODE].s);
		view_set(d, "SERVICE_TITLE", svc_in[S_TITLE].s);
	}
	return page_end(r, status);
}

int
page_hq_services(struct req *r, const char *arg, const struct field_val *in)
{
	(void)arg;
	(void)in;
	return catalogue_page(r, NULL, 200, NULL, NULL);
}

/* The first invalid field's message, or NULL. */
static const char *
first_error(const struct field_val *in, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (in[i].error != NULL)
			return in[i].error;
	return NULL;
}

int
page_hq_services_agency_add(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	enum svc_refusal kind;
	const char	*why;
	long long	 id;
	enum db_err	 rc;

	(void)arg;
	if ((why = first_error(in, 2)) != NULL)
		return catalogue_page(r, why, 422, in, NULL);
	if ((rc = services_agency_add(r->db, r->arena, in[A_CODE].s, in[A_NAME].s, &actor,
	    &id, &kind, &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return catalogue_page(r, why, refusal_status(kind), in, NULL);
	return resp_redirect(r, "/hq/services?agency_added=1");
}

int
page_hq_services_service_add(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	enum svc_refusal kind;
	const char	*why;
	long long	 id;
	enum db_err	 rc;

	(void)arg;
	if ((why = first_error(in, 3)) != NULL)
		return catalogue_page(r, why, 422, NULL, in);
	if (!in[S_AGENCY].present)
		return catalogue_page(r, "دستگاه خدمت‌دهنده را برگزینید.", 422, NULL, in);
	if ((rc = services_service_add(r->db, r->arena, (long long)in[S_AGENCY].n,
	    in[S_CODE].s, in[S_TITLE].s, &actor, &id, &kind, &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return catalogue_page(r, why, refusal_status(kind), NULL, in);
	return resp_redirect(r, arena_printf(r->arena, "/hq/services?added=1#service-%lld",
	    id));
}

int
page_hq_services_service_rename(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	enum svc_refusal kind;
	const char	*why;
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;

	if (in[0].error != NULL)
		return catalogue_page(r, in[0].error, 422, NULL, NULL);
	if ((rc = services_service_rename(r->db, r->arena, id, in[0].s, &actor, &kind,
	    &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return catalogue_page(r, why, refusal_status(kind), NULL, NULL);
	return resp_redirect(r, arena_printf(r->arena, "/hq/services?renamed=1#service-%lld",
	    id));
}

int
page_hq_services_service_active(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	enum svc_refusal kind;
	const char	*why;
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;

	if (in[0].error != NULL)
		return catalogue_page(r, in[0].error, 422, NULL, NULL);
	if ((rc = services_service_active(r->db, r->arena, id, in[0].n != 0, &actor, &kind,
	    &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return catalogue_page(r, why, refusal_status(kind), NULL, NULL);
	return resp_redirect(r, arena_printf(r->arena, "/hq/services?%s=1#service-%lld",
	    in[0].n != 0 ? "activated" : "deactivated", id));
}

/* ---- the CSV upload ---- */

/* The upload's state: the CSRF field must come, and pass, before the file. */
struct import_up {
	struct req	*r;
	struct buf	 data;
	const char	*field;		/* the plain field being read, or NULL */
	int		 csrf;		/* the CSRF field passed */
	int		 nfiles;
	int		 status;	/* a refusal: its status and Persian message */
	const char	*message;
};

static enum mp_err
import_refuse(struct import_up *u, int status, const char *message)
{
	u->status = status;
	u->message = message;
	return MP_ERR_ABORTED;
}

static enum mp_err
import_begin(void *ctx, const char *name, const char *filename, const char *content_type)
{
	struct import_up *u = ctx;

	(void)content_type;
	u->field = NULL;
	if (filename == NULL) {
		if (strcmp(name, "csrf") != 0 || u->csrf)
			return import_refuse(u, 400, "فرم بارگذاری پرونده معتبر نیست.");
		u->field = "csrf";
		return MP_OK;
	}
	/* Not a byte of the file is kept before the form proved it is this session's. */
	if (!u->csrf)
		return import_refuse(u, 403, "اعتبار فرم به پایان رسیده است. لطفاً صفحه را "
		    "دوباره باز کنید و دوباره بفرستید.");
	if (strcmp(name, "file") != 0 || u->nfiles++ > 0)
		return import_refuse(u, 400, "فقط یک پرونده CSV بفرستید.");
	return MP_OK;
}

static enum mp_err
import_data(void *ctx, const char *p, size_t n)
{
	struct import_up *u = ctx;

	buf_append(&u->data, p, n);
	return MP_OK;
}

static enum mp_err
import_end(void *ctx, const char *value, size_t len)
{
	struct import_up *u = ctx;

	if (value != NULL && u->field != NULL && strcmp(u->field, "csrf") == 0) {
		if (!csrf_value_ok(u->r, value, len))
			return import_refuse(u, 403, "اعتبار فرم به پایان رسیده است. لطفاً "
			    "صفحه را دوباره باز کنید و دوباره بفرستید.");
		u->csrf = 1;
	}
	u->field = NULL;
	return MP_OK;
}

int
page_hq_services_import(struct req *r, const char *arg, const struct field_val *in)
{
	struct import_up u;
	struct multipart_limits lim;
	struct multipart_callbacks cb = { import_begin, import_data, import_end };
	struct multipart *mp;
	struct svc_import_result res;
	struct audit_event actor = page_actor(r);
	enum svc_import_status st;
	enum mp_err	 me = MP_OK;
	enum db_err	 rc;
	unsigned long long clen = 0;
	unsigned char	 md[32];
	const char	*ct, *cl;
	char		 boundary[80], hex[65], buf[16384];
	size_t		 got = 0;
	long		 max;
	int		 n;

	(void)arg;
	(void)in;
	memset(&u, 0, sizeof(u));
	u.r = r;
	buf_init(&u.data, r->arena);
	max = r->conf->upload_max_file_bytes < IMPORT_MAX_BYTES ?
	    r->conf->upload_max_file_bytes : IMPORT_MAX_BYTES;
	ct = FCGX_GetParam("CONTENT_TYPE", r->fcgi->envp);
	cl = FCGX_GetParam("CONTENT_LENGTH", r->fcgi->envp);
	if (ct == NULL || multipart_boundary(ct, strlen(ct), boundary, sizeof(boundary)) < 0)
		return page_error(r, 400, "فرم بارگذاری پرونده معتبر نیست (multipart/form-data).");
	if (cl == NULL || http_parse_uint(cl, strlen(cl), (unsigned long long)
	    r->conf->upload_max_request_bytes, &clen) != 0 || clen == 0)
		return page_error(r, 413, NULL);
	lim.max_parts = 4;
	lim.max_header_bytes = 4096;
	lim.max_field_bytes = 1024;
	lim.max_file_bytes = (size_t)max;
	lim.max_total_bytes = (size_t)r->conf->upload_max_request_bytes;
	if ((mp = multipart_new(r->arena, boundary, &lim, &cb, &u)) == NULL)
		return page_error(r, 400, NULL);
	while (got < clen && me == MP_OK) {
		size_t want = clen - got < sizeof(buf) ? (size_t)(clen - got) : sizeof(buf);

		if ((n = FCGX_GetStr(buf, (int)want, r->fcgi->in)) <= 0)
			break;
		got += (size_t)n;
		me = multipart_feed(mp, buf, (size_t)n);
	}
	if (me == MP_OK)
		me = got < clen ? MP_ERR_TRUNCATED : multipart_finish(mp);
	if (me == MP_ERR_ABORTED)
		return page_error(r, u.status, u.message);
	if (me != MP_OK)
		return page_error(r, me == MP_ERR_PARTS || me == MP_ERR_HEADERS ||
		    me == MP_ERR_FIELD || me == MP_ERR_FILE_SIZE || me == MP_ERR_TOTAL ?
		    413 : 400, me == MP_ERR_FILE_SIZE ? "پرونده CSV بزرگ‌تر از اندازه مجاز "
		    "است؛ آن را با فرمان geps services import وارد کنید." : mp_err_message(me));
	if (!u.csrf)
		return page_error(r, 403, "اعتبار فرم به پایان رسیده است. لطفاً صفحه را "
		    "دوباره باز کنید و دوباره بفرستید.");
	if (u.nfiles == 0 || u.data.len == 0)
		return catalogue_page(r, "پرونده CSV را برگزینید.", 422, NULL, NULL);
	crypto_sha256(u.data.data, u.data.len, md);
	crypto_hex(md, sizeof(md), hex);
	st = services_import(r->db, r->arena, u.data.data, u.data.len, hex, &actor, &res,
	    &rc);
	if (st == SVC_IMPORT_DB)
		return page_error(r, page_db_status(rc), NULL);
	if (st == SVC_IMPORT_INVALID)
		return catalogue_page_import(r, "پرونده پذیرفته نشد و هیچ تغییری ثبت نشد.", 422,
		    NULL, NULL, &res);
	return catalogue_page_import(r, NULL, 200, NULL, NULL, &res);
}

/* ---- areas ---- */

/* The province options of a filter form into d, province chosen selected. */
static void
set_provinces(struct req *r, struct view_dict *d, const struct svc_province *pv, size_t n,
    long long chosen)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		struct view_dict *o = view_section(d, "PROVINCE");

		view_set(o, "ID", id_str(r, pv[i].id));
		view_set(o, "NAME", pv[i].name);
		if (pv[i].id == chosen) {
			view_show(o, "SELECTED");
			view_set(d, "PROVINCE_NAME", pv[i].name);
		}
	}
}

int
page_hq_services_areas(struct req *r, const char *arg, const struct field_val *in)
{
	struct svc_province *pv;
	struct svc_city *cs = NULL;
	struct view_dict *d, *s;
	size_t		 npv, ncs = 0, i;
	long long	 prov = in[0].present ? (long long)in[0].n : 0;
	enum db_err	 rc;
	int		 known = 0;

	(void)arg;
	if (in[0].error != NULL)
		return page_error(r, 400, "استان انتخاب‌شده معتبر نیست.");
	if ((rc = services_provinces(r->db, r->arena, &pv, &npv)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	for (i = 0; i < npv; i++)
		known |= pv[i].id == prov;
	if (prov != 0 && !known)
		return page_error(r, 404, "این استان پیدا نشد.");
	if (prov != 0 && (rc = services_province_cities(r->db, r->arena, prov, &cs, &ncs)) !=
	    DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "خدمات هر شهر و روستا", "hq_services_areas.tpl");
	set_provinces(r, d, pv, npv, prov);
	if (prov != 0) {
		s = view_section(d, "CITIES");
		view_set(s, "PROVINCE_ID", id_str(r, prov));
		for (i = 0; i < npv; i++)
			if (pv[i].id == prov)
				view_set(s, "PROVINCE_NAME", pv[i].name);
		for (i = 0; i < ncs; i++) {
			struct view_dict *c = view_section(s, "CITY");

			view_set(c, "ID", id_str(r, cs[i].id));
			view_set(c, "CODE", cs[i].code);
			view_set(c, "NAME", cs[i].name);
			view_set(c, "KIND", kind_label(cs[i].kind));
			view_set(c, "COUNTY", cs[i].county);
			view_set(c, "SERVICES_FA", fa_int(r, cs[i].nservices));
			view_set(c, "OFFICES_FA", fa_int(r, cs[i].noffices));
		}
		if (ncs == 0)
			view_show(s, "NO_CITIES");
	}
	return page_end(r, 200);
}

static int
city_page(struct req *r, long long id, const char *error, int status)
{
	struct svc_city	 c;
	struct svc_city_service *sv;
	struct view_dict *d, *ag = NULL;
	size_t		 n, i, navail = 0;
	long long	 last = -1;
	enum db_err	 rc;
	int		 found;

	if ((rc = services_city(r->db, r->arena, id, &c, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, "این شهر یا روستا پیدا نشد.");
	if ((rc = services_city_list(r->db, r->arena, id, &sv, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, arena_printf(r->arena, "خدمات %s %s", kind_label(c.kind), c.name),
	    "hq_services_city.tpl");
	view_set(d, "ID", id_str(r, c.id));
	view_set(d, "CODE", c.code);
	view_set(d, "NAME", c.name);
	view_set(d, "KIND", kind_label(c.kind));
	view_set(d, "COUNTY", c.county);
	view_set(d, "PROVINCE_ID", id_str(r, c.province_id));
	view_set(d, "PROVINCE", c.province);
	set_error(d, error);
	if (query_flag(r, "saved"))
		view_show(d, "SAVED");
	for (i = 0; i < n; i++) {
		struct view_dict *s;

		if (ag == NULL || sv[i].agency_id != last) {
			ag = view_section(d, "AGENCY");
			view_set(ag, "ID", id_str(r, sv[i].agency_id));
			view_set(ag, "NAME", sv[i].agency);
			view_set(ag, "CSRF_TOKEN", csrf_token(r));
			view_set(ag, "CITY_ID", id_str(r, c.id));
			last = sv[i].agency_id;
		}
		if (!sv[i].active) {
			s = view_section(ag, "INACTIVE");
			view_set(s, "TITLE", fa_digits(r, sv[i].title));
			if (sv[i].available)
				view_show(s, "AVAILABLE");
			continue;
		}
		s = view_section(ag, "SERVICE");
		view_set(s, "ID", id_str(r, sv[i].id));
		view_set(s, "CODE", sv[i].code);
		view_set(s, "TITLE", fa_digits(r, sv[i].title));
		view_set(s, "CITY_ID", id_str(r, c.id));
		if (sv[i].available) {
			view_show(s, "CHECKED");
			navail++;
		}
	}
	view_set(d, "AVAILABLE_FA", fa_int(r, (long long)navail));
	if (n == 0)
		view_show(d, "NO_SERVICES");
	return page_end(r, status);
}

int
page_hq_services_city(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return city_page(r, strtoll(arg, NULL, 10), NULL, 200);
}

/* A city or village by its code (IR-23-001, any case): its page. */
int
page_hq_services_city_find(struct req *r, const char *arg, const struct field_val *in)
{
	char		*code;
	long long	 id;
	size_t		 i;
	enum db_err	 rc;

	(void)arg;
	if (in[0].error != NULL)
		return page_error(r, 400, in[0].error);
	code = arena_strdup(r->arena, in[0].s);
	for (i = 0; code[i] != '\0'; i++)
		if (code[i] >= 'a' && code[i] <= 'z')
			code[i] = (char)(code[i] - 'a' + 'A');
	if ((rc = services_city_by_code(r->db, code, &id)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (id == 0)
		return page_error(r, 404, "شهر یا روستایی با این کد پیدا نشد.");
	return city_page(r, id, NULL, 200);
}

int
page_hq_services_city_save(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	enum svc_refusal kind;
	const char	*why;
	long long	 id = strtoll(arg, NULL, 10), *want;
	unsigned long long v;
	size_t		 i, n = 0;
	int		 added, removed;
	enum db_err	 rc;

	if (in[0].error != NULL)
		return city_page(r, id, in[0].error, 422);
	/* The checked boxes: repeated "service" fields, each an id, read here. */
	want = arena_calloc(r->arena, r->form.n ? r->form.n : 1, sizeof(*want));
	for (i = 0; i < r->form.n; i++) {
		const struct http_param *p = &r->form.v[i];

		if (strcmp(p->key, "service") != 0)
			continue;
		if (n == CITY_FORM_MAX || http_parse_uint(p->val, p->vallen,
		    4294967295ULL, &v) != 0)
			return city_page(r, id, "فهرست خدمت‌های برگزیده معتبر نیست.", 422);
		want[n++] = (long long)v;
	}
	if ((rc = services_city_set(r->db, r->arena, id, (long long)in[0].n, want, n, &actor,
	    &added, &removed, &kind, &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	/* A missing city makes city_page answer 404 itself. */
	if (why != NULL)
		return city_page(r, id, why, refusal_status(kind));
	return resp_redirect(r, arena_printf(r->arena, "/hq/services/city/%lld?saved=1#agency-%llu",
	    id, in[0].n));
}

/* ---- over quota ---- */

int
page_hq_services_over(struct req *r, const char *arg, const struct field_val *in)
{
	struct svc_province *pv;
	struct svc_holder *h;
	struct view_dict *d, *g = NULL;
	size_t		 npv, n, i;
	long long	 prov = in[0].present ? (long long)in[0].n : 0, last = -1;
	enum db_err	 rc;

	(void)arg;
	if (in[0].error != NULL)
		return page_error(r, 400, "استان انتخاب‌شده معتبر نیست.");
	if ((rc = services_provinces(r->db, r->arena, &pv, &npv)) != DB_OK ||
	    (rc = services_over_quota(r->db, r->arena, prov, &h, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, "دفاتر بیش از سهمیه", "hq_services_over.tpl");
	set_provinces(r, d, pv, npv, prov);
	for (i = 0; i < n; i++) {
		struct view_dict *o;

		if (g == NULL || h[i].province_id != last) {
			g = view_section(d, "GROUP");
			view_set(g, "PROVINCE", h[i].province);
			view_set(g, "PROVINCE_ID", id_str(r, h[i].province_id));
			last = h[i].province_id;
		}
		o = view_section(g, "OFFICE");
		view_set(o, "ID", id_str(r, h[i].id));
		view_set(o, "CODE_FA", fa_digits(r, h[i].code));
		view_set(o, "NAME", h[i].name);
		view_set(o, "CITY", h[i].city);
		if (h[i].rank > 0) {
			struct view_dict *k = view_section(o, "RANK");

			view_set(k, "RANK_FA", fa_int(r, h[i].rank));
			view_set(k, "ROUND_FA", fa_digits(r, h[i].round_code));
			view_set(k, "PCT_FA", fa_int(r, h[i].pct));
		} else
			view_show(o, "NO_RANK");
		view_set(o, "AVAILABLE_FA", fa_int(r, h[i].navail));
		view_set(o, "QUOTA_FA", fa_int(r, h[i].quota));
		view_set(o, "GRANTED_FA", fa_int(r, h[i].ngranted));
		view_set(o, "EXCESS_FA", fa_int(r, h[i].ngranted - h[i].quota));
	}
	view_set(d, "N_FA", fa_int(r, (long long)n));
	if (n == 0)
		view_show(d, "NONE");
	return page_end(r, 200);
}

/* ---- the agency view ---- */

enum { O_SERVICE, O_PROVINCE, O_CITY };

int
page_hq_services_offices(struct req *r, const char *arg, const struct field_val *in)
{
	struct svc_agency *ags;
	struct svc_province *pv;
	struct svc_city	*cs = NULL, city;
	struct svc_city_service sv;
	struct svc_holder *h = NULL;
	struct view_dict *d, *res;
	size_t		 nag, npv, ncs = 0, n = 0, i, k;
	long long	 service = in[O_SERVICE].present ? (long long)in[O_SERVICE].n : 0;
	long long	 prov = in[O_PROVINCE].present ? (long long)in[O_PROVINCE].n : 0;
	long long	 cid = in[O_CITY].present ? (long long)in[O_CITY].n : 0;
	const char	*pname = NULL;
	enum db_err	 rc;
	int		 found;

	(void)arg;
	if (first_error(in, 3) != NULL)
		return page_error(r, 400, "یکی از گزینه‌های جست‌وجو معتبر نیست.");
	memset(&sv, 0, sizeof(sv));
	if (cid != 0) {
		if ((rc = services_city(r->db, r->arena, cid, &city, &found)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
		if (!found)
			return page_error(r, 404, "این شهر یا روستا پیدا نشد.");
		/* A city decides the province; a province given with it must agree. */
		if (prov != 0 && prov != city.province_id)
			return page_error(r, 404, "این شهر یا روستا در استان انتخاب‌شده نیست.");
		prov = city.province_id;
	}
	if (prov != 0) {
		if ((rc = services_province_name(r->db, r->arena, prov, &pname, &found)) !=
		    DB_OK)
			return page_error(r, page_db_status(rc), NULL);
		if (!found)
			return page_error(r, 404, "این استان پیدا نشد.");
		if ((rc = services_province_cities(r->db, r->arena, prov, &cs, &ncs)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
	}
	if (service != 0) {
		if ((rc = services_service(r->db, r->arena, service, &sv, &found)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
		if (!found)
			return page_error(r, 404, "این خدمت پیدا نشد.");
		if ((rc = services_granted_offices(r->db, r->arena, service, cid, prov, &h,
		    &n)) != DB_OK)
			return page_error(r, page_db_status(rc), NULL);
	}
	if ((rc = services_catalogue(r->db, r->arena, &ags, &nag)) != DB_OK ||
	    (rc = services_provinces(r->db, r->arena, &pv, &npv)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);

	d = page_begin(r, "دفاتر مجاز به ارائه یک خدمت", "hq_services_offices.tpl");
	for (i = 0; i < nag; i++) {
		struct view_dict *g;

		if (ags[i].nservices == 0)
			continue;
		g = view_section(d, "AGENCY");
		view_set(g, "NAME", ags[i].name);
		for (k = 0; k < ags[i].nservices; k++) {
			struct view_dict *o = view_section(g, "OPTION");

			view_set(o, "ID", id_str(r, ags[i].services[k].id));
			view_set(o, "TITLE", fa_digits(r, ags[i].services[k].title));
			if (ags[i].services[k].id == service)
				view_show(o, "SELECTED");
		}
	}
	set_provinces(r, d, pv, npv, prov);
	if (prov != 0) {
		struct view_dict *c = view_section(d, "CITY_FIELD");

		view_set(c, "PROVINCE_NAME", pname);
		for (i = 0; i < ncs; i++) {
			struct view_dict *o = view_section(c, "CITY");

			view_set(o, "ID", id_str(r, cs[i].id));
			view_set(o, "NAME", cs[i].name);
			view_set(o, "KIND", kind_label(cs[i].kind));
			if (cs[i].id == cid)
				view_show(o, "SELECTED");
		}
	}
	if (service != 0) {
		res = view_section(d, "RESULT");
		view_set(res, "TITLE", fa_digits(r, sv.title));
		view_set(res, "AGENCY", sv.agency);
		view_set(res, "AREA", cid != 0 ? arena_printf(r->arena, "%s %s، استان %s",
		    kind_label(city.kind), city.name, pname) : prov != 0 ?
		    arena_printf(r->arena, "استان %s", pname) : "همه کشور");
		view_set(res, "N_FA", fa_int(r, (long long)n));
		if (!sv.active)
			view_show(res, "INACTIVE");
		for (i = 0; i < n; i++) {
			struct view_dict *o = view_section(res, "OFFICE");

			view_set(o, "ID", id_str(r, h[i].id));
			view_set(o, "CODE_FA", fa_digits(r, h[i].code));
			view_set(o, "NAME", h[i].name);
			view_set(o, "PROVINCE", h[i].province);
			view_set(o, "CITY", arena_printf(r->arena, "%s %s",
			    kind_label(h[i].city_kind), h[i].city));
			view_set(o, "GRANTED_FA", fa_when_sql(r, h[i].granted_at));
			if (h[i].rank > 0)
				view_set(view_section(o, "RANK"), "RANK_FA", fa_int(r, h[i].rank));
			else
				view_show(o, "NO_RANK");
		}
		if (n == 0)
			view_show(res, "NONE");
	}
	return page_end(r, 200);
}

/* ---- one office ---- */

int
page_hq_services_office_find(struct req *r, const char *arg, const struct field_val *in)
{
	long long	 id;
	enum db_err	 rc;

	(void)arg;
	if (in[0].error != NULL)
		return page_error(r, 400, in[0].error);
	if (!in[0].present)
		return resp_redirect(r, "/hq/services");
	if ((rc = services_office_by_code(r->db, in[0].s, &id)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (id == 0)
		return page_error(r, 404, "دفتری با این کد پیدا نشد.");
	return resp_redirect(r, arena_printf(r->arena, "/hq/services/office/%lld", id));
}

static int
office_page(struct req *r, long long id, const char *error, int status)
{
	struct svc_office o;
	struct svc_office_service *sv;
	struct view_dict *d, *k;
	size_t		 n, i, ngrant = 0, noffer = 0;
	int		 found, can_grant;
	enum db_err	 rc;

	if ((rc = services_office(r->db, r->arena, id, &o, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, "این دفتر پیدا نشد.");
	if ((rc = services_office_list(r->db, r->arena, &o, &sv, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	d = page_begin(r, arena_printf(r->arena, "خدمات دفتر %s", o.name),
	    "hq_services_office.tpl");
	view_set(d, "ID", id_str(r, o.id));
	view_set(d, "CODE_FA", fa_digits(r, o.code));
	view_set(d, "NAME", o.name);
	view_set(d, "PROVINCE", o.province);
	view_set(d, "CITY_ID", id_str(r, o.city_id));
	view_set(d, "CITY", arena_printf(r->arena, "%s %s", kind_label(o.city_kind), o.city));
	view_set(d, "AVAILABLE_FA", fa_int(r, o.navail));
	view_set(d, "QUOTA_FA", fa_int(r, o.quota));
	view_set(d, "GRANTED_FA", fa_int(r, o.ngranted));
	set_error(d, error);
	if (query_flag(r, "granted"))
		view_show(d, "GRANTED");
	if (query_flag(r, "withdrawn"))
		view_show(d, "WITHDRAWN");
	if (strcmp(o.status, "active") != 0)
		view_show(d, "NOT_ACTIVE");
	if (o.rank > 0) {
		k = view_section(d, "RANK");
		view_set(k, "RANK_FA", fa_int(r, o.rank));
		view_set(k, "ROUND_FA", fa_digits(r, o.round_code));
		view_set(k, "ROUND_TITLE", o.round_title);
		view_set(k, "PCT_FA", fa_int(r, o.pct));
	} else
		view_show(d, "NO_RANK");
	if (o.ngranted > o.quota) {
		k = view_section(d, "OVER");
		view_set(k, "EXCESS_FA", fa_int(r, o.ngranted - o.quota));
	}
	can_grant = strcmp(o.status, "active") == 0 && o.rank > 0 && o.ngranted < o.quota;
	if (o.ngranted >= o.quota && o.rank > 0)
		view_show(d, "FULL");
	for (i = 0; i < n; i++) {
		struct view_dict *s;

		if (sv[i].granted) {
			s = view_section(d, "HELD");
			view_set(s, "SERVICE_ID", id_str(r, sv[i].id));
			view_set(s, "TITLE", fa_digits(r, sv[i].title));
			view_set(s, "AGENCY", sv[i].agency);
			view_set(s, "CSRF_TOKEN", csrf_token(r));
			view_set(s, "OFFICE_ID", id_str(r, o.id));
			view_set(s, "AT_FA", sv[i].granted_at ? fa_when_sql(r, sv[i].granted_at) :
			    "");
			if (sv[i].round_code != NULL)
				view_set(view_section(s, "ROUND"), "ROUND_FA",
				    fa_digits(r, sv[i].round_code));
			if (!sv[i].active)
				view_show(s, "INACTIVE");
			else if (!sv[i].available)
				view_show(s, "NOT_HERE");
			ngrant++;
			continue;
		}
		if (!sv[i].active || !sv[i].available)
			continue;
		s = view_section(d, "OFFER");
		view_set(s, "SERVICE_ID", id_str(r, sv[i].id));
		view_set(s, "TITLE", fa_digits(r, sv[i].title));
		view_set(s, "AGENCY", sv[i].agency);
		if (can_grant) {
			struct view_dict *b = view_section(s, "CAN_GRANT");

			view_set(b, "CSRF_TOKEN", csrf_token(r));
			view_set(b, "OFFICE_ID", id_str(r, o.id));
			view_set(b, "SERVICE_ID", id_str(r, sv[i].id));
			view_set(b, "TITLE", fa_digits(r, sv[i].title));
		} else
			view_show(s, "CANNOT");
		noffer++;
	}
	if (ngrant == 0)
		view_show(d, "NO_HELD");
	if (noffer == 0)
		view_show(d, "NO_OFFER");
	return page_end(r, status);
}

int
page_hq_services_office(struct req *r, const char *arg, const struct field_val *in)
{
	(void)in;
	return office_page(r, strtoll(arg, NULL, 10), NULL, 200);
}

int
page_hq_services_grant(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	enum svc_refusal kind;
	const char	*why;
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;

	if (in[0].error != NULL)
		return office_page(r, id, in[0].error, 422);
	if ((rc = services_grant(r->db, r->arena, id, (long long)in[0].n, &actor, &kind,
	    &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	/* A missing office makes office_page answer 404 itself. */
	if (why != NULL)
		return office_page(r, id, why, refusal_status(kind));
	return resp_redirect(r, arena_printf(r->arena, "/hq/services/office/%lld?granted=1",
	    id));
}

int
page_hq_services_withdraw(struct req *r, const char *arg, const struct field_val *in)
{
	struct audit_event actor = page_actor(r);
	enum svc_refusal kind;
	const char	*why;
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;

	if ((why = first_error(in, 2)) != NULL)
		return office_page(r, id, why, 422);
	if ((rc = services_withdraw(r->db, r->arena, id, (long long)in[0].n, in[1].s, &actor,
	    &kind, &why)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (why != NULL)
		return office_page(r, id, why, refusal_status(kind));
	return resp_redirect(r, arena_printf(r->arena, "/hq/services/office/%lld?withdrawn=1",
	    id));
}
