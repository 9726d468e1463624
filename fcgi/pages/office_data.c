/*
 * The licensee's office data (/office-data/<id>): base data (address, postal code,
 * phone, opening hours, area, accessibility facilities) and staff (national ID,
 * name, role, insured, disability), which feed the declaration's system criteria.
 * Editable exactly when the office's file is (decl_load: the window runs and the
 * file is a draft, or it was sent back); checked again under the file's lock in
 * the write's transaction.  Registry data (license, city, province) is shown
 * read-only: only the region changes it.  Every change is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "fa.h"
#include "json.h"
#include "model/declaration.h"
#include "model/office_data.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "view.h"

static int
load(struct req *r, const char *arg, struct decl *dc)
{
	long long	 id = strtoll(arg, NULL, 10);
	enum db_err	 rc;
	int		 found;

	if (id <= 0)
		return page_error(r, 404, NULL), -1;
	if ((rc = decl_load(r->db, r->arena, &r->sess, id, r->now, dc, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL), -1;
	if (!found)
		return page_error(r, 404, NULL), -1;
	return 0;
}

/* The page; typed (when not NULL) replaces the stored base data on the form. */
static int
data_page(struct req *r, struct decl *dc, const struct office_data *typed,
    const struct staff_member *new_member, const char **errors, size_t nerr, int status)
{
	struct office_data od;
	struct staff_member *staff;
	struct view_dict *d, *sd;
	const struct office_data *o;
	const char	*csrf = csrf_token(r);
	size_t		 n, i;
	enum db_err	 rc;

	if ((rc = office_data_get(r->db, r->arena, dc->office_id, &od)) != DB_OK ||
	    (rc = office_staff_list(r->db, r->arena, dc->office_id, &staff, &n)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	o = typed != NULL ? typed : &od;
	d = page_begin(r, arena_printf(r->arena, "اطلاعات %s", dc->office_name), "office_data.tpl");
	view_set(d, "OFFICE_ID", arena_printf(r->arena, "%lld", dc->office_id));
	view_set(d, "OFFICE_NAME", dc->office_name);
	view_set(d, "OFFICE_CODE_FA", fa_digits(r, dc->office_code));
	view_set(d, "LICENSE_NO_FA", fa_digits(r, od.license_no));
	view_set(d, "PROVINCE", od.province);
	view_set(d, "CITY", od.city);
	view_set(d, "KIND_LABEL", strcmp(od.kind, "rural_ict") == 0 ? "دفتر ICT روستایی" :
	    "دفتر پیشخوان خدمات دولت");
	view_set(d, "CSRF_TOKEN", csrf);
	/* Digits are stored folded to ASCII; people read Persian ones. */
	view_set(d, "ADDRESS", fa_digits(r, o->address));
	view_set(d, "POSTAL_CODE", o->postal_code);
	view_set(d, "PHONE", o->phone);
	view_set(d, "OPENING_HOURS", fa_digits(r, o->opening_hours));
	if (o->area_m2 > 0)
		view_set(d, "AREA", arena_printf(r->arena, "%lld", o->area_m2));
	if (o->ramp)
		view_show(d, "RAMP");
	if (o->lift)
		view_show(d, "LIFT");
	if (o->toilet)
		view_show(d, "TOILET");
	if (o->priority_counter)
		view_show(d, "PRIORITY_COUNTER");
	if (dc->editable)
		view_show(d, "EDITABLE");
	else {
		view_show(d, "READONLY");
		if (dc->why_not != NULL)
			view_set(view_section(d, "LOCKED"), "WHY_NOT", dc->why_not);
	}
	if (query_flag(r, "saved"))
		view_show(d, "SAVED");
	if (nerr > 0) {
		struct view_dict *e = view_section(d, "ERRORS");

		for (i = 0; i < nerr; i++)
			view_set(view_section(e, "ERROR"), "MESSAGE", errors[i]);
	}
	for (i = 0; i < n; i++) {
		sd = view_section(d, "STAFF");
		view_set(sd, "ID", arena_printf(r->arena, "%lld", staff[i].id));
		view_set(sd, "NATIONAL_ID_FA", fa_digits(r, staff[i].national_id));
		view_set(sd, "FIRST_NAME", staff[i].first_name);
		view_set(sd, "LAST_NAME", staff[i].last_name);
		view_set(sd, "JOB_TITLE", staff[i].job_title);
		view_set(sd, "INSURED_LABEL", staff[i].insured ? "دارد" : "ندارد");
		view_set(sd, "DISABLED_LABEL", staff[i].disabled ? "دارد" : "ندارد");
		if (dc->editable) {
			struct view_dict *e = view_section(sd, "EDIT");

			view_set(e, "CSRF_TOKEN", csrf);
			if (staff[i].insured)
				view_show(e, "INSURED");
			if (staff[i].disabled)
				view_show(e, "DISABLED");
		}
	}
	if (n == 0)
		view_show(d, "NO_STAFF");
	if (dc->editable && new_member != NULL) {
		view_set(d, "NEW_NATIONAL_ID", new_member->national_id);
		view_set(d, "NEW_FIRST_NAME", new_member->first_name);
		view_set(d, "NEW_LAST_NAME", new_member->last_name);
		view_set(d, "NEW_JOB_TITLE", new_member->job_title);
	}
	return page_end(r, status);
}

int
page_office_data(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;

	(void)in;
	if (load(r, arg, &dc) != 0)
		return -1;
	return data_page(r, &dc, NULL, NULL, NULL, 0, 200);
}

/* Opens the write: the file locked and still editable; 0, or answered (-1). */
static int
write_begin(struct req *r, struct decl *dc, const struct office_data *typed,
    const struct staff_member *m)
{
	enum db_err	 rc;
	int		 ok;
	const char	*why;

	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL), -1;
	if ((rc = decl_lock_for_edit(r->db, r->arena, dc, r->now, &ok)) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc), NULL), -1;
	}
	if (!ok) {
		db_rollback(r->db);
		why = dc->why_not != NULL ? dc->why_not : "اطلاعات دفتر در حال حاضر قابل تغییر نیست.";
		return data_page(r, dc, typed, m, &why, 1, 409), -1;
	}
	return 0;
}

static int
write_end(struct req *r, struct decl *dc, const char *action, long long entity_id,
    const char *old_json, const char *new_json)
{
	struct audit_event ev;
	enum db_err	 rc;

	memset(&ev, 0, sizeof(ev));
	ev.actor_user_id = r->sess.user_id;
	ev.client_addr = r->remote_addr;
	ev.action = action;
	ev.entity_type = "office";
	ev.entity_id = entity_id;
	ev.old_json = old_json;
	ev.new_json = new_json;
	if ((rc = audit_append(r->db, r->arena, &ev)) != DB_OK ||
	    (rc = db_commit(r->db)) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc), NULL);
	}
	return resp_redirect(r, arena_printf(r->arena, "/office-data/%lld?saved=1", dc->office_id));
}

static const char *
base_json(struct req *r, const struct office_data *o)
{
	struct buf	 b;

	buf_init(&b, r->arena);
	json_begin(&b);
	json_str(&b, "address", o->address);
	json_str(&b, "postal_code", o->postal_code);
	json_str(&b, "phone", o->phone);
	json_str(&b, "opening_hours", o->opening_hours);
	json_int(&b, "area_m2", o->area_m2);
	json_bool(&b, "ramp", o->ramp);
	json_bool(&b, "lift", o->lift);
	json_bool(&b, "toilet", o->toilet);
	json_bool(&b, "priority_counter", o->priority_counter);
	json_end(&b);
	return buf_cstr(&b);
}

enum { B_ADDRESS, B_POSTAL, B_PHONE, B_HOURS, B_AREA, B_RAMP, B_LIFT, B_TOILET, B_COUNTER };

int
page_office_data_save(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct office_data old, o;
	const char	*errors[8];
	size_t		 nerr = 0, i;
	enum db_err	 rc;

	if (load(r, arg, &dc) != 0)
		return -1;
	if ((rc = office_data_get(r->db, r->arena, dc.office_id, &old)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	o = old;
	o.address = in[B_ADDRESS].s;
	o.postal_code = in[B_POSTAL].s;
	o.phone = in[B_PHONE].s;
	o.opening_hours = in[B_HOURS].s;
	/* Digits only (Persian ones were folded by the validator), 1..10000. */
	o.area_m2 = in[B_AREA].present && in[B_AREA].len <= 5 &&
	    strspn(in[B_AREA].s, "0123456789") == in[B_AREA].len ? atoll(in[B_AREA].s) : 0;
	if (o.area_m2 > 10000)
		o.area_m2 = 0;
	o.ramp = in[B_RAMP].present;
	o.lift = in[B_LIFT].present;
	o.toilet = in[B_TOILET].present;
	o.priority_counter = in[B_COUNTER].present;
	for (i = 0; i <= B_AREA; i++)
		if (in[i].error != NULL && nerr < 8)
			errors[nerr++] = in[i].error;
	if (nerr == 0) {
		if (o.address[0] == '\0')
			errors[nerr++] = "نشانی دفتر را وارد کنید.";
		if (o.postal_code[0] != '\0' && (strlen(o.postal_code) != 10 ||
		    strspn(o.postal_code, "0123456789") != 10))
			errors[nerr++] = "کد پستی باید ده رقم باشد.";
		if (o.phone[0] != '\0' && (strlen(o.phone) < 8 || strlen(o.phone) > 15 ||
		    strspn(o.phone, "0123456789") != strlen(o.phone)))
			errors[nerr++] = "شماره تلفن را فقط با رقم و همراه با پیش‌شماره بنویسید.";
		if (o.area_m2 < 1)
			errors[nerr++] = "مساحت دفتر را به متر مربع (از ۱ تا ۱۰۰۰۰) وارد کنید.";
	}
	if (nerr > 0)
		return data_page(r, &dc, &o, NULL, errors, nerr, 422);
	if (write_begin(r, &dc, &o, NULL) != 0)
		return -1;
	if ((rc = office_data_put(r->db, dc.office_id, &o)) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc), NULL);
	}
	return write_end(r, &dc, "office.update", dc.office_id, base_json(r, &old),
	    base_json(r, &o));
}

enum { S_NID, S_FIRST, S_LAST, S_JOB, S_INSURED, S_DISABLED };

static const char *
member_json(struct req *r, const struct staff_member *m)
{
	struct buf	 b;

	buf_init(&b, r->arena);
	json_begin(&b);
	json_str(&b, "national_id", m->national_id);
	json_str(&b, "first_name", m->first_name);
	json_str(&b, "last_name", m->last_name);
	json_str(&b, "job_title", m->job_title);
	json_bool(&b, "insured", m->insured);
	json_bool(&b, "disabled", m->disabled);
	json_end(&b);
	return buf_cstr(&b);
}

/* The typed member and its problems (shared by add and save). */
static size_t
member_of(const struct field_val *in, int with_nid, struct staff_member *m,
    const char **errors)
{
	size_t	 nerr = 0, i;

	memset(m, 0, sizeof(*m));
	m->national_id = with_nid ? in[S_NID].s : "";
	m->first_name = in[S_FIRST].s;
	m->last_name = in[S_LAST].s;
	m->job_title = in[S_JOB].s;
	m->insured = in[S_INSURED].present;
	m->disabled = in[S_DISABLED].present;
	for (i = with_nid ? S_NID : S_FIRST; i <= S_JOB; i++)
		if (in[i].error != NULL)
			errors[nerr++] = in[i].error;
	if (with_nid && !in[S_NID].present && in[S_NID].error == NULL)
		errors[nerr++] = "کد ملی کارمند را وارد کنید.";
	if (!in[S_FIRST].present || !in[S_LAST].present)
		errors[nerr++] = "نام و نام خانوادگی کارمند را وارد کنید.";
	return nerr;
}

int
page_office_staff_add(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct staff_member m;
	const char	*errors[8], *dup;
	size_t		 nerr;
	enum db_err	 rc;

	if (load(r, arg, &dc) != 0)
		return -1;
	if ((nerr = member_of(in, 1, &m, errors)) > 0)
		return data_page(r, &dc, NULL, &m, errors, nerr, 422);
	if (write_begin(r, &dc, NULL, &m) != 0)
		return -1;
	if ((rc = office_staff_add(r->db, dc.office_id, &m)) == DB_DUP) {
		db_rollback(r->db);
		dup = "کارمندی با این کد ملی پیش‌تر در فهرست این دفتر ثبت شده است.";
		return data_page(r, &dc, NULL, &m, &dup, 1, 409);
	}
	if (rc != DB_OK) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc), NULL);
	}
	return write_end(r, &dc, "office.staff_add", dc.office_id, NULL, member_json(r, &m));
}

/* "12/34": the office and the member. */
static long long
member_id(const char *arg)
{
	const char	*slash = strchr(arg, '/');

	return slash != NULL ? strtoll(slash + 1, NULL, 10) : 0;
}

static const struct staff_member *
find_member(struct req *r, long long office_id, long long id, struct staff_member **all)
{
	size_t	 n, i;

	if (office_staff_list(r->db, r->arena, office_id, all, &n) != DB_OK)
		return NULL;
	for (i = 0; i < n; i++)
		if ((*all)[i].id == id)
			return &(*all)[i];
	return NULL;
}

int
page_office_staff_save(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct staff_member m, *all;
	const struct staff_member *old;
	const char	*errors[8];
	size_t		 nerr;
	enum db_err	 rc;
	int		 changed;

	if (load(r, arg, &dc) != 0)
		return -1;
	if ((old = find_member(r, dc.office_id, member_id(arg), &all)) == NULL)
		return page_error(r, 404, NULL);
	if ((nerr = member_of(in, 0, &m, errors)) > 0)
		return data_page(r, &dc, NULL, NULL, errors, nerr, 422);
	m.id = old->id;
	m.national_id = old->national_id;
	if (write_begin(r, &dc, NULL, NULL) != 0)
		return -1;
	if ((rc = office_staff_update(r->db, dc.office_id, &m, &changed)) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc), NULL);
	}
	return write_end(r, &dc, "office.staff_update", dc.office_id, member_json(r, old),
	    member_json(r, &m));
}

int
page_office_staff_remove(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct staff_member *all;
	const struct staff_member *old;
	enum db_err	 rc;
	int		 changed;

	(void)in;
	if (load(r, arg, &dc) != 0)
		return -1;
	if ((old = find_member(r, dc.office_id, member_id(arg), &all)) == NULL)
		return page_error(r, 404, NULL);
	if (write_begin(r, &dc, NULL, NULL) != 0)
		return -1;
	if ((rc = office_staff_remove(r->db, dc.office_id, old->id, &changed)) != DB_OK) {
		db_rollback(r->db);
		return page_error(r, page_db_status(rc), NULL);
	}
	return write_end(r, &dc, "office.staff_remove", dc.office_id, member_json(r, old), NULL);
}
