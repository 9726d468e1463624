/*
 * Evidence files of a declaration: the upload (a multipart/form-data body streamed
 * through lib/multipart into lib/evidence, never held in memory), the download
 * (an object-level check, then X-Accel-Redirect to nginx's internal /_evidence/),
 * the removal before submission, and the evidence block of a section page.
 *
 * An upload goes: the CSRF field, the section and the requirement arrive first
 * (the form puts them before the file input), and are checked before a single
 * byte of a file is stored; each file is written to a temp file, typed from its
 * content (PDF, JPEG, PNG), fsync'd and renamed to its SHA-256 name; only when the
 * whole body parsed does one transaction check again, under the file's row lock,
 * the deadline, the state, the count per requirement and the bytes per
 * declaration, and link the objects.  A failure after an object was stored leaves
 * it unreferenced for `geps evidence check --clean`; a row never names a missing
 * object.
 *
 * The documents of an objection take the same road: /result/<office>/objection/upload
 * (the CSRF field first, then the files) links them to the office's filed
 * objection while the objection window runs; /objection/<id>/file/<evidence> sends
 * one to the licensee, a reviewer of the region or HQ.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

#include "access.h"
#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "evidence.h"
#include "fa.h"
#include "http.h"
#include "json.h"
#include "log.h"
#include "audit.h"
#include "model/declaration.h"
#include "model/objection.h"
#include "model/review.h"
#include "model/rubric.h"
#include "model/upload.h"
#include "multipart.h"
#include "pages/form.h"
#include "pages/pages.h"
#include "utf8.h"
#include "view.h"

/* The worker's store: opened on first use, kept for the life of the process. */
static struct evidence_store *store;

static struct evidence_store *
the_store(struct req *r)
{
	char	 err[256];

	if (store == NULL && (store = evidence_open(r->conf->evidence_dir, err,
	    sizeof(err))) == NULL)
		log_err("evidence_open", "msg=\"%s\"", err);
	return store;
}

static const char *
mime_label(const char *mime)
{
	return strcmp(mime, "application/pdf") == 0 ? "PDF" :
	    strcmp(mime, "image/png") == 0 ? "PNG" : "JPEG";
}

int
evidence_section_fill(struct req *r, struct view_dict *d, const struct decl *dc,
    const struct rubric *rb, const struct rubric_section *s)
{
	struct upload_file *files;
	struct view_dict *rd, *fd;
	size_t		 nf, i, j;
	enum db_err	 rc;
	int		 editable = decl_section_editable(dc, s->id);

	(void)rb;
	if (s->nevs == 0)
		return 0;
	if ((rc = upload_section_files(r->db, r->arena, dc->id, s->id, &files, &nf)) != DB_OK)
		return -1;
	view_show(d, "HAS_EVIDENCE");
	view_set(d, "MAX_MB_FA", fa_int(r, r->conf->upload_max_file_bytes / (1024 * 1024)));
	if (editable)
		page_script(r, "upload");
	for (i = 0; i < s->nevs; i++) {
		const struct rubric_evidence *e = s->evs[i];
		int n = 0;

		rd = view_section(d, "REQ");
		view_set(rd, "CODE", e->code);
		view_set(rd, "TITLE", e->title);
		if (e->help[0] != '\0')
			view_set(view_section(rd, "HELP"), "TEXT", e->help);
		if (e->min_files > 0)
			view_set(view_section(rd, "MIN"), "MIN_FA", fa_int(r, e->min_files));
		else
			view_show(rd, "OPTIONAL");
		view_set(rd, "MAX_FA", fa_int(r, e->max_files));
		for (j = 0; j < nf; j++) {
			if (files[j].req_id != e->id)
				continue;
			n++;
			fd = view_section(rd, "FILE");
			view_set(fd, "ID", arena_printf(r->arena, "%lld", files[j].id));
			view_set(fd, "NAME", files[j].name);
			view_set(fd, "SIZE_FA", fa_size(r, files[j].size));
			view_set(fd, "TYPE", mime_label(files[j].mime));
			view_set(fd, "SHA_SHORT", arena_printf(r->arena, "%.12s",
			    files[j].sha256_hex));
			view_set(fd, "OFFICE_ID", arena_printf(r->arena, "%lld", dc->office_id));
			if (editable)
				view_set(view_section(fd, "DELETE"), "CSRF_TOKEN", csrf_token(r));
		}
		if (n == 0)
			view_show(rd, "NO_FILES");
		if (editable && n < e->max_files) {
			struct view_dict *ud = view_section(rd, "UPLOAD");

			view_set(ud, "CSRF_TOKEN", csrf_token(r));
			view_set(ud, "OFFICE_ID", arena_printf(r->arena, "%lld", dc->office_id));
			view_set(ud, "SECTION", s->code);
			view_set(ud, "CODE", e->code);
		} else if (editable)
			view_show(rd, "FULL");
	}
	return 0;
}

/* The upload. */

/* A stored file of this request, waiting for its row. */
struct stored {
	struct evidence_info	 info;
	const char		*name;
};

enum up_mode {
	UP_SECTION,		/* a section of the licensee's declaration */
	UP_FOR_OBJECTION,	/* the licensee's objection */
	UP_FOR_VIOLATION	/* a violation the region recorded */
};

struct up {
	struct req		*r;
	enum up_mode		 mode;
	int			 owned;		/* an objection's or violation's: no section fields */
	const struct office_result *res;	/* objection: the office's result */
	long long		 version;	/* violation: the file's version */
	int			 seen_version;
	struct decl		*dc;
	const struct rubric	*rb;
	const struct rubric_section *sec;
	const struct rubric_evidence *req;
	int			 csrf, js, seen_section, seen_req;
	const char		*field;		/* the plain field being read */
	struct evidence_writer	*w;
	const char		*cur_name;
	struct stored		*files;
	size_t			 nfiles;
	int			 status;	/* of a refusal */
	const char		*message;	/* its Persian message (NULL: the page's) */
};

static enum mp_err
refuse(struct up *u, int status, const char *message)
{
	u->status = status;
	u->message = message;
	return MP_ERR_ABORTED;
}

static enum mp_err
on_begin(void *ctx, const char *name, const char *filename, const char *ctype)
{
	struct up	*u = ctx;
	char		 err[256];

	(void)ctype;
	if (filename == NULL) {
		u->field = name;
		return MP_OK;
	}
	u->field = NULL;
	/* A file: everything it belongs to must be known and allowed already. */
	if (strcmp(name, "file") != 0)
		return refuse(u, 400, "فرم ارسال فایل معتبر نیست.");
	if (!u->csrf)
		return refuse(u, 403, "اعتبار فرم به پایان رسیده است. لطفاً صفحه را دوباره باز کنید و دوباره بفرستید.");
	if (!u->owned && (u->sec == NULL || u->req == NULL))
		return refuse(u, 400, "بخش یا مدرکی که فایل برای آن است مشخص نیست.");
	if ((long)u->nfiles >= u->r->conf->upload_max_files)
		return refuse(u, 413, "تعداد فایل‌های ارسال‌شده در یک بار بیش از حد مجاز است.");
	if (the_store(u->r) == NULL)
		return refuse(u, 503, NULL);
	if ((u->w = evidence_begin(store, (size_t)u->r->conf->upload_max_file_bytes, err,
	    sizeof(err))) == NULL) {
		log_err("evidence_begin", "msg=\"%s\"", err);
		return refuse(u, 503, NULL);
	}
	u->cur_name = filename;
	return MP_OK;
}

/*
 * A store that cannot take a file (its disk full, an I/O error) is the operator's
 * business, not only the user's: each refusal is logged as an error (the fault
 * tests fill the disk: without this, a full store showed only as 507s at info).
 */
static void
store_failed(struct up *u, enum ev_err e)
{
	if (e == EV_ERR_NO_SPACE || e == EV_ERR_IO)
		log_err("evidence_store", "err=%s user=%lld", e == EV_ERR_NO_SPACE ?
		    "no_space" : "io", u->r->sess.user_id);
}

static enum mp_err
on_data(void *ctx, const char *p, size_t n)
{
	struct up	*u = ctx;
	enum ev_err	 e;

	if ((e = evidence_write(u->w, p, n)) == EV_OK)
		return MP_OK;
	store_failed(u, e);
	return refuse(u, e == EV_ERR_TOO_LARGE ? 413 : e == EV_ERR_NO_SPACE ? 507 : 500,
	    ev_err_message(e));
}

/* A plain field: csrf, section, requirement, js; each at most once. */
static enum mp_err
on_field(struct up *u, const char *value, size_t len)
{
	const struct rubric_section *s;
	size_t		 i;

	if (strcmp(u->field, "csrf") == 0) {
		if (u->csrf)
			return refuse(u, 400, "فرم ارسال فایل معتبر نیست.");
		if (!csrf_value_ok(u->r, value, len))
			return refuse(u, 403, "اعتبار فرم به پایان رسیده است. لطفاً صفحه را دوباره باز کنید و دوباره بفرستید.");
		u->csrf = 1;
	} else if (u->owned && (strcmp(u->field, "section") == 0 ||
	    strcmp(u->field, "requirement") == 0)) {
		return refuse(u, 400, "فرم ارسال فایل معتبر نیست.");
	} else if (u->mode == UP_FOR_VIOLATION && strcmp(u->field, "version") == 0) {
		unsigned long long v;

		if (u->seen_version++ || http_parse_uint(value, len, 1ULL << 31, &v) != 0)
			return refuse(u, 400, "فرم ارسال فایل معتبر نیست.");
		u->version = (long long)v;
	} else if (strcmp(u->field, "section") == 0) {
		if (u->seen_section++ || (s = rubric_section(u->rb, value)) == NULL)
			return refuse(u, 400, "بخش خوداظهاری معتبر نیست.");
		u->sec = s;
	} else if (strcmp(u->field, "requirement") == 0) {
		if (u->seen_req++ || u->sec == NULL)
			return refuse(u, 400, "مدرک خواسته‌شده معتبر نیست.");
		for (i = 0; i < u->sec->nevs; i++)
			if (strcmp(u->sec->evs[i]->code, value) == 0)
				u->req = u->sec->evs[i];
		if (u->req == NULL)
			return refuse(u, 400, "مدرک خواسته‌شده معتبر نیست.");
	} else if (strcmp(u->field, "js") == 0)
		u->js = !u->owned && strcmp(value, "1") == 0;
	return MP_OK;
}

static enum mp_err
on_end(void *ctx, const char *value, size_t len)
{
	struct up	*u = ctx;
	struct stored	*s;
	enum ev_err	 e;
	char		*clean;
	size_t		 clen;

	if (value != NULL)
		return u->field != NULL ? on_field(u, value, len) : MP_OK;
	if (u->w == NULL)
		return MP_OK;
	e = evidence_commit(u->w, &u->files[u->nfiles].info);
	u->w = NULL;
	if (e != EV_OK) {
		store_failed(u, e);
		return refuse(u, e == EV_ERR_TYPE ? 415 : e == EV_ERR_EMPTY ? 400 :
		    e == EV_ERR_TOO_LARGE ? 413 : e == EV_ERR_NO_SPACE ? 507 : 500,
		    ev_err_message(e));
	}
	s = &u->files[u->nfiles++];
	/* Shown only, never a path: no controls, no bidi overrides, 255 characters. */
	clean = utf8_clean_line(u->r->arena, u->cur_name, strlen(u->cur_name), &clen);
	if (clean == NULL || clen == 0)
		clean = "file";
	while (utf8_count(clean, clen) > 255) {
		do
			clen--;
		while (clen > 0 && ((unsigned char)clean[clen] & 0xc0) == 0x80);
		clean[clen] = '\0';
	}
	s->name = clean;
	return MP_OK;
}

/* Answers an upload: JSON for the script, a page or a redirect without it. */
static int
up_answer(struct up *u, int status, const char *message, long long link_id)
{
	struct req	*r = u->r;
	struct buf	 b;

	if (!u->js && u->mode == UP_FOR_OBJECTION) {
		if (status == 303)
			return resp_redirect(r, arena_printf(r->arena,
			    "/result/%lld?round=%lld&attached=1#objection-heading",
			    link_id, u->res->round_id));
		return page_error(r, status, message);
	}
	if (!u->js && u->mode == UP_FOR_VIOLATION) {
		if (status == 303)
			return resp_redirect(r, arena_printf(r->arena,
			    "/review/file/%lld?attached=1#violations", link_id));
		return page_error(r, status, message);
	}
	if (!u->js) {
		if (status == 303)
			return resp_redirect(r, arena_printf(r->arena,
			    "/decl/%lld/section/%s?uploaded=1#evidence-%s", u->dc->office_id,
			    u->sec->code, u->req->code));
		return page_error(r, status, message);
	}
	buf_init(&b, r->arena);
	json_begin(&b);
	if (status == 303) {
		const struct stored *s = &u->files[u->nfiles - 1];

		json_bool(&b, "ok", 1);
		json_str(&b, "message", u->nfiles > 1 ? "فایل‌ها بارگذاری شد." : "فایل بارگذاری شد.");
		json_int(&b, "id", link_id);
		json_str(&b, "name", s->name);
		json_str(&b, "size", fa_size(r, (long long)s->info.size));
		json_str(&b, "type", mime_label(s->info.mime));
		json_str(&b, "sha256", s->info.sha256_hex);
		json_str(&b, "url", arena_printf(r->arena, "/decl/%lld/file/%lld",
		    u->dc->office_id, link_id));
		json_str(&b, "delete_url", arena_printf(r->arena, "/decl/%lld/file/%lld/delete",
		    u->dc->office_id, link_id));
		status = 200;
	} else {
		json_bool(&b, "ok", 0);
		json_str(&b, "message", message != NULL ? message :
		    "بارگذاری انجام نشد. لطفاً دوباره تلاش کنید.");
	}
	json_end(&b);
	r->status = status;
	resp_header(r, "Content-Type", "application/json; charset=utf-8");
	resp_header(r, "Cache-Control", "no-store");
	buf_clear(&r->body);
	buf_append(&r->body, b.data, b.len);
	return 0;
}

/*
 * Reads the request's multipart body into u: the plain fields through on_field,
 * every file into the store.  Returns 0 when at least one file arrived, or -1
 * after answering the refusal.
 */
static int
receive(struct up *u)
{
	struct req	*r = u->r;
	struct multipart_limits lim;
	struct multipart_callbacks cb = { on_begin, on_data, on_end };
	struct multipart *mp;
	unsigned long long clen = 0;
	const char	*ct, *cl;
	char		 boundary[80], buf[16384];
	size_t		 got = 0;
	enum mp_err	 me = MP_OK;
	int		 n;

	ct = FCGX_GetParam("CONTENT_TYPE", r->fcgi->envp);
	cl = FCGX_GetParam("CONTENT_LENGTH", r->fcgi->envp);
	if (ct == NULL || multipart_boundary(ct, strlen(ct), boundary, sizeof(boundary)) < 0)
		return up_answer(u, 400, "فرم ارسال فایل معتبر نیست (multipart/form-data).", 0), -1;
	if (cl == NULL || http_parse_uint(cl, strlen(cl), (unsigned long long)
	    r->conf->upload_max_request_bytes, &clen) != 0 || clen == 0)
		return up_answer(u, 413, NULL, 0), -1;
	lim.max_parts = (size_t)r->conf->upload_max_files + 8;
	lim.max_header_bytes = 4096;
	lim.max_field_bytes = 1024;
	lim.max_file_bytes = (size_t)r->conf->upload_max_file_bytes;
	lim.max_total_bytes = (size_t)r->conf->upload_max_request_bytes;
	u->files = arena_calloc(r->arena, (size_t)r->conf->upload_max_files + 1,
	    sizeof(*u->files));
	if ((mp = multipart_new(r->arena, boundary, &lim, &cb, u)) == NULL)
		return up_answer(u, 400, NULL, 0), -1;
	while (got < clen && me == MP_OK) {
		size_t want = clen - got < sizeof(buf) ? (size_t)(clen - got) : sizeof(buf);

		if ((n = FCGX_GetStr(buf, (int)want, r->fcgi->in)) <= 0)
			break;
		got += (size_t)n;
		me = multipart_feed(mp, buf, (size_t)n);
	}
	if (me == MP_OK)
		me = got < clen ? MP_ERR_TRUNCATED : multipart_finish(mp);
	if (u->w != NULL) {
		evidence_abort(u->w);
		u->w = NULL;
	}
	if (me != MP_OK) {
		if (me == MP_ERR_ABORTED)
			return up_answer(u, u->status, u->message, 0), -1;
		return up_answer(u, me == MP_ERR_PARTS || me == MP_ERR_HEADERS ||
		    me == MP_ERR_FIELD || me == MP_ERR_FILE_SIZE || me == MP_ERR_TOTAL ?
		    413 : 400, mp_err_message(me), 0), -1;
	}
	if (u->nfiles == 0)
		return up_answer(u, 400, "فایلی برای بارگذاری انتخاب نشده است.", 0), -1;
	return 0;
}

int
page_decl_upload(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct rubric	 rb;
	struct up	 u;
	long long	 id, have, bytes, added = 0, link_id = 0;
	size_t		 i;
	enum db_err	 rc;
	int		 found, ok, tries = 0;

	(void)in;
	memset(&u, 0, sizeof(u));
	u.r = r;
	u.dc = &dc;
	u.rb = &rb;
	/* A script sends js=1 in the query too, so even an early refusal is JSON. */
	u.js = query_flag(r, "js");
	if ((id = strtoll(arg, NULL, 10)) <= 0)
		return page_error(r, 404, NULL);
	if ((rc = decl_load(r->db, r->arena, &r->sess, id, r->now, &dc, &found)) != DB_OK)
		return up_answer(&u, page_db_status(rc), NULL, 0);
	if (!found)
		return up_answer(&u, 404, "این پرونده پیدا نشد.", 0);
	if (!dc.editable)
		return up_answer(&u, 409, dc.why_not, 0);
	if ((rc = rubric_load_frozen(r->db, r->arena, dc.round_id, dc.rubric_key,
	    &rb)) != DB_OK)
		return up_answer(&u, page_db_status(rc), NULL, 0);

	if (receive(&u) != 0)
		return 0;
	if (u.sec == NULL || u.req == NULL)
		return up_answer(&u, 400, "فایلی برای بارگذاری انتخاب نشده است.", 0);

	/*
	 * The objects are on disk; now the rows, with every rule checked under the
	 * lock.  Two first uploads to a new file can deadlock on creating its row:
	 * InnoDB rolls one back, and it is simply run again.
	 */
again:
	added = 0;
	if ((rc = db_begin(r->db)) != DB_OK)
		return up_answer(&u, page_db_status(rc), NULL, 0);
	if ((rc = decl_lock_for_edit(r->db, r->arena, &dc, r->now, &ok)) != DB_OK)
		goto fail;
	if (!ok || !decl_section_editable(&dc, u.sec->id)) {
		db_rollback(r->db);
		return up_answer(&u, 409, dc.why_not != NULL ? dc.why_not :
		    "این بخش در حال حاضر قابل ویرایش نیست.", 0);
	}
	if ((rc = upload_req_count(r->db, dc.id, u.req->id, &have)) != DB_OK ||
	    (rc = upload_decl_bytes(r->db, dc.id, &bytes)) != DB_OK)
		goto fail;
	if (have + (long long)u.nfiles > u.req->max_files) {
		db_rollback(r->db);
		return up_answer(&u, 409, arena_printf(r->arena,
		    "برای «%s» حداکثر %s فایل پذیرفته می‌شود.", u.req->title,
		    fa_int(r, u.req->max_files)), 0);
	}
	for (i = 0; i < u.nfiles; i++)
		added += (long long)u.files[i].info.size;
	if (bytes + added > r->conf->upload_max_decl_bytes) {
		db_rollback(r->db);
		return up_answer(&u, 413, "حجم کل مدارک این پرونده از حد مجاز بیشتر می‌شود.", 0);
	}
	for (i = 0; i < u.nfiles; i++) {
		const struct stored *s = &u.files[i];

		rc = upload_link(r->db, &dc, u.sec->id, u.req->id, s->info.sha256,
		    s->info.size, s->info.mime, s->info.storage_name, s->name,
		    r->sess.user_id, &link_id);
		if (rc == DB_DUP) {
			db_rollback(r->db);
			return up_answer(&u, 409, "این فایل پیش‌تر در همین بخش بارگذاری شده است.", 0);
		}
		if (rc != DB_OK)
			goto fail;
	}
	if ((rc = db_commit(r->db)) != DB_OK)
		goto fail;
	log_info("evidence_upload", "decl=%lld files=%zu bytes=%lld", dc.id, u.nfiles, added);
	return up_answer(&u, 303, NULL, link_id);
fail:
	db_rollback(r->db);
	if (rc == DB_RETRY && ++tries < 5)
		goto again;
	return up_answer(&u, rc == DB_RETRY ? 409 : page_db_status(rc),
	    rc == DB_RETRY ? "پرونده هم‌زمان در حال تغییر است. لطفاً دوباره بفرستید." : NULL, 0);
}

/* "12/345": the office and the file link. */
static int
arg_two(const char *arg, long long *a, long long *b)
{
	char	*end;

	*a = strtoll(arg, &end, 10);
	if (*a <= 0 || *end != '/')
		return -1;
	*b = strtoll(end + 1, &end, 10);
	return *b > 0 && *end == '\0' ? 0 : -1;
}

/* RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
static const char *
disposition(struct req *r, const char *name, const char *mime)
{
	struct buf	 b;
	const unsigned char *p;
	int		 ascii = 1;

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			ascii = 0;
	buf_init(&b, r->arena);
	buf_printf(&b, "inline; filename=\"%s\"; filename*=UTF-8''", ascii ? name :
	    strcmp(mime, "application/pdf") == 0 ? "evidence.pdf" :
	    strcmp(mime, "image/png") == 0 ? "evidence.png" : "evidence.jpg");
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p) != NULL)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_cstr(&b);
}

/* Answers with object o (found) through nginx, or 404. */
static int
send_object(struct req *r, const struct upload_object *o, int found)
{
	if (!found || strncmp(o->storage_name, "objects/", 8) != 0)
		return page_error(r, 404, NULL);
	/* nginx sends the bytes from its internal location; geps only decided. */
	resp_header(r, "X-Accel-Redirect", arena_printf(r->arena, "/_evidence/%s",
	    o->storage_name + 8));
	resp_header(r, "Content-Type", o->mime);
	resp_header(r, "Content-Disposition", disposition(r, o->name, o->mime));
	resp_header(r, "Cache-Control", "private, no-store");
	r->status = 200;
	buf_clear(&r->body);
	return 0;
}

int
page_decl_file(struct req *r, const char *arg, const struct field_val *in)
{
	struct upload_object o;
	long long	 office, link;
	enum db_err	 rc;
	int		 found;

	(void)in;
	if (arg_two(arg, &office, &link) != 0)
		return page_error(r, 404, NULL);
	if ((rc = upload_object_for(r->db, r->arena, link, office, r->sess.user_id,
	    r->sess.role, r->sess.region_id, &o, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	return send_object(r, &o, found);
}

int
page_decl_file_delete(struct req *r, const char *arg, const struct field_val *in)
{
	struct decl	 dc;
	struct rubric	 rb;
	const struct rubric_section *s;
	const struct rubric_evidence *e;
	long long	 office, link, section_id, req_id;
	enum db_err	 rc;
	int		 found, ok;

	(void)in;
	if (arg_two(arg, &office, &link) != 0)
		return page_error(r, 404, NULL);
	if ((rc = decl_load(r->db, r->arena, &r->sess, office, r->now, &dc, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found || dc.id == 0)
		return page_error(r, 404, NULL);
	if ((rc = rubric_load_frozen(r->db, r->arena, dc.round_id, dc.rubric_key,
	    &rb)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((rc = db_begin(r->db)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if ((rc = decl_lock_for_edit(r->db, r->arena, &dc, r->now, &ok)) != DB_OK)
		goto fail;
	if ((rc = upload_link_section(r->db, r->arena, link, dc.id, &section_id, &req_id,
	    &found)) != DB_OK)
		goto fail;
	if (!found) {
		db_rollback(r->db);
		return page_error(r, 404, NULL);
	}
	if (!ok || !decl_section_editable(&dc, section_id)) {
		db_rollback(r->db);
		return page_error(r, 409, dc.why_not != NULL ? dc.why_not :
		    "این بخش در حال حاضر قابل ویرایش نیست.");
	}
	if ((rc = upload_unlink(r->db, link, dc.id)) != DB_OK || (rc = db_commit(r->db)) != DB_OK)
		goto fail;
	s = rubric_section_id(&rb, section_id);
	e = rubric_evidence_id(&rb, req_id);
	return resp_redirect(r, arena_printf(r->arena, "/decl/%lld/section/%s?deleted=1%s%s",
	    dc.office_id, s != NULL ? s->code : "", e != NULL ? "#evidence-" : "",
	    e != NULL ? e->code : ""));
fail:
	db_rollback(r->db);
	return page_error(r, page_db_status(rc), NULL);
}

/* POST /result/<office>/objection/upload: documents for the office's filed objection. */
int
page_objection_upload(struct req *r, const char *arg, const struct field_val *in)
{
	struct office_result res;
	struct upload_stored *ups;
	struct audit_event actor;
	struct up	 u;
	const struct http_param *q;
	const char	*why;
	unsigned long long round = 0;
	long long	 id;
	size_t		 i;
	enum db_err	 rc;
	int		 found;

	(void)in;
	memset(&u, 0, sizeof(u));
	u.r = r;
	u.mode = UP_FOR_OBJECTION;
	u.owned = 1;
	u.res = &res;
	if ((id = strtoll(arg, NULL, 10)) <= 0)
		return page_error(r, 404, NULL);
	/* The round of the objection rides in the query: the body is the files'. */
	if ((q = http_params_get(&r->query, "round")) != NULL &&
	    (http_params_count(&r->query, "round") != 1 ||
	    http_parse_uint(q->val, q->vallen, 1ULL << 31, &round) != 0))
		return page_error(r, 400, NULL);
	if ((rc = objection_result(r->db, r->arena, r->sess.user_id, id, (long long)round,
	    r->now, &res, &found)) != DB_OK)
		return up_answer(&u, page_db_status(rc), NULL, 0);
	if (!found)
		return up_answer(&u, 404, "این پرونده پیدا نشد.", 0);
	if ((why = objection_attach_closed(r->arena, &res, r->now)) != NULL)
		return up_answer(&u, 409, why, 0);
	if (receive(&u) != 0)
		return 0;
	ups = arena_calloc(r->arena, u.nfiles, sizeof(*ups));
	for (i = 0; i < u.nfiles; i++) {
		ups[i].sha256 = u.files[i].info.sha256;
		ups[i].size = u.files[i].info.size;
		ups[i].mime = u.files[i].info.mime;
		ups[i].storage_name = u.files[i].info.storage_name;
		ups[i].name = u.files[i].name;
	}
	actor = page_actor(r);
	if ((rc = objection_attach(r->db, r->arena, &res, ups, u.nfiles, r->sess.user_id,
	    r->now, &actor, &why)) != DB_OK)
		return up_answer(&u, rc == DB_RETRY ? 409 : page_db_status(rc),
		    rc == DB_RETRY ? "اعتراض هم‌زمان در حال تغییر است. لطفاً دوباره بفرستید." :
		    NULL, 0);
	if (why != NULL)
		return up_answer(&u, 409, why, 0);
	log_info("objection_upload", "decl=%lld files=%zu", res.decl_id, u.nfiles);
	return up_answer(&u, 303, NULL, id);	/* the redirect names the office */
}

/* GET /objection/<id>/file/<evidence>: a document of an objection. */
int
page_objection_file(struct req *r, const char *arg, const struct field_val *in)
{
	struct upload_object o;
	long long	 objection, ev;
	enum db_err	 rc;
	int		 found;

	(void)in;
	if (arg_two(arg, &objection, &ev) != 0)
		return page_error(r, 404, NULL);
	if ((rc = upload_owned_object_for(r->db, r->arena, UP_OBJECTION, objection, ev,
	    r->sess.user_id, r->sess.role, r->sess.region_id, &o, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	return send_object(r, &o, found);
}

/* POST /review/file/<decl>/violation/<id>/upload: the region's documents of a violation. */
int
page_violation_upload(struct req *r, const char *arg, const struct field_val *in)
{
	struct review_who who;
	struct review_file f;
	struct review_result res;
	struct upload_stored *ups;
	struct up	 u;
	long long	 decl, viol;
	size_t		 i;
	enum db_err	 rc;
	int		 found;

	(void)in;
	memset(&u, 0, sizeof(u));
	u.r = r;
	u.mode = UP_FOR_VIOLATION;
	u.owned = 1;
	if (arg_two(arg, &decl, &viol) != 0)
		return page_error(r, 404, NULL);
	memset(&who, 0, sizeof(who));
	who.user_id = r->sess.user_id;
	who.role = r->sess.role;
	who.region_id = r->sess.region_id;
	who.client_addr = r->remote_addr;
	who.now = r->now;
	if ((rc = review_file_load(r->db, r->arena, &who, decl, &f, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	if (!found)
		return page_error(r, 404, NULL);
	if (receive(&u) != 0)
		return 0;
	if (!u.seen_version)
		return page_error(r, 400, "فرم ارسال فایل معتبر نیست.");
	ups = arena_calloc(r->arena, u.nfiles, sizeof(*ups));
	for (i = 0; i < u.nfiles; i++) {
		ups[i].sha256 = u.files[i].info.sha256;
		ups[i].size = u.files[i].info.size;
		ups[i].mime = u.files[i].info.mime;
		ups[i].storage_name = u.files[i].info.storage_name;
		ups[i].name = u.files[i].name;
	}
	if ((rc = review_violation_attach(r->db, r->arena, &who, &f, u.version, viol, ups,
	    u.nfiles, &res)) != DB_OK)
		return page_error(r, rc == DB_RETRY ? 409 : page_db_status(rc), NULL);
	switch (res.refusal) {
	case REV_DONE:
		log_info("violation_upload", "decl=%lld violation=%lld files=%zu", decl, viol,
		    u.nfiles);
		return up_answer(&u, 303, NULL, decl);	/* the redirect names the file */
	case REV_GONE:
		return page_error(r, 404, res.why);
	case REV_FORBIDDEN:
		return page_error(r, 403, res.why);
	case REV_INVALID:
		return page_error(r, 422, res.why);
	default:
		return page_error(r, 409, res.why);
	}
}

/* GET /violation/<id>/file/<evidence>: a document of a violation. */
int
page_violation_file(struct req *r, const char *arg, const struct field_val *in)
{
	struct upload_object o;
	long long	 viol, ev;
	enum db_err	 rc;
	int		 found;

	(void)in;
	if (arg_two(arg, &viol, &ev) != 0)
		return page_error(r, 404, NULL);
	if ((rc = upload_owned_object_for(r->db, r->arena, UP_VIOLATION, viol, ev,
	    r->sess.user_id, r->sess.role, r->sess.region_id, &o, &found)) != DB_OK)
		return page_error(r, page_db_status(rc), NULL);
	return send_object(r, &o, found);
}
