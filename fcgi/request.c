/*
 * The response side of a request: the one header writer, the page frame (layout +
 * page template), and the final write to the FastCGI stream.  Bodies are built in
 * full before anything is written, so a template failure can still become a clean
 * 500 page instead of half a page.
 */
#include <stdio.h>
#include <string.h>

#include <fcgiapp.h>

#include "access.h"
#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "http.h"
#include "jalali.h"
#include "log.h"
#include "request.h"
#include "view.h"

/*
 * Sent with every response.  The CSP allows no inline script or style at all; forms
 * may only post to us; nothing may frame us.
 */
static const char *const security_headers[][2] = {
	{ "Content-Security-Policy",
	    "default-src 'self'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
	    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
	    "object-src 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "same-origin" },
	{ "X-Frame-Options", "DENY" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

int
resp_header(struct req *r, const char *name, const char *value)
{
	if (!http_header_name_ok(name, strlen(name)) ||
	    !http_header_value_ok(value, strlen(value))) {
		char	 esc[64];

		log_err("header_refused", "name=%s", log_esc(esc, sizeof(esc), name));
		return -1;
	}
	buf_puts(&r->headers, name);
	buf_puts(&r->headers, ": ");
	buf_puts(&r->headers, value);
	buf_puts(&r->headers, "\r\n");
	return 0;
}

struct view_dict *
page_begin(struct req *r, const char *title, const char *tpl)
{
	struct tehran_tm	 tm;
	char			 today[32];

	if (r->page_root != NULL)
		view_dict_free(r->page_root);
	r->page_root = view_dict_new("layout");
	view_set(r->page_root, "PAGE_TITLE", title);
	view_set(r->page_root, "ASSET_VERSION", r->conf->asset_version);
	tehran_from_unix(r->now, &tm);
	if (jalali_format(today, sizeof(today), tm.jy, tm.jm, tm.jd, 1) >= 0)
		view_set(r->page_root, "TODAY_FA", today);
	if (r->has_session) {
		struct view_dict *u = view_section(r->page_root, "USER");

		view_set(u, "USER_NAME", arena_printf(r->arena, "%s %s",
		    r->sess.first_name, r->sess.last_name));
		view_set(u, "ROLE_LABEL", role_label(r->sess.role));
		view_set(u, "CSRF_TOKEN", csrf_token(r));
		if (strcmp(r->sess.role, "hq") == 0 && r->sess.mfa)
			view_show(u, "HQ_LINKS");
		if (strcmp(r->sess.role, "licensee") != 0 && r->sess.mfa)
			view_show(u, "REVIEW_LINKS");
		if (strcmp(r->sess.role, "licensee") == 0)
			view_show(u, "LICENSEE_LINKS");
	} else
		view_show(r->page_root, "GUEST");
	r->page = view_include(r->page_root, "CONTENT", tpl);
	r->page_tpl = tpl;
	return r->page;
}

void
page_script(struct req *r, const char *name)
{
	if (r->page_root != NULL)
		view_set(view_section(r->page_root, "SCRIPT"), "NAME", name);
}

int
page_end(struct req *r, int status)
{
	int	 rc;

	buf_clear(&r->body);
	rc = view_expand("layout.tpl", r->page_root, &r->body);
	view_dict_free(r->page_root);
	r->page_root = r->page = NULL;
	if (rc != 0) {
		char	 esc[64];

		log_err("template_failed", "tpl=%s",
		    log_esc(esc, sizeof(esc), r->page_tpl));
		buf_clear(&r->body);
		if (status == 500) {
			/* The error page itself failed: plain text, still Persian. */
			r->status = 500;
			resp_header(r, "Content-Type", "text/plain; charset=utf-8");
			buf_puts(&r->body, "خطای داخلی سامانه. لطفاً دوباره تلاش کنید.\n");
			return -1;
		}
		return page_error(r, 500, NULL);
	}
	r->status = status;
	resp_header(r, "Content-Type", "text/html; charset=utf-8");
	return 0;
}

int
resp_redirect(struct req *r, const char *location)
{
	/* Only local absolute paths: never an open redirect. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		return page_error(r, 500, NULL);
	r->status = 303;
	buf_clear(&r->body);
	return resp_header(r, "Location", location);
}

void
resp_send(struct req *r)
{
	struct buf	 head;
	size_t		 i;

	if (r->sent)
		return;
	r->sent = 1;
	buf_init(&head, r->arena);
	buf_printf(&head, "Status: %d %s\r\n", r->status,
	    http_status_reason(r->status));
	for (i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		buf_printf(&head, "%s: %s\r\n", security_headers[i][0],
		    security_headers[i][1]);
	if (strstr(buf_cstr(&r->headers), "Cache-Control:") == NULL)
		buf_puts(&head, "Cache-Control: no-store\r\n");
	buf_printf(&head, "Content-Length: %zu\r\n", r->body.len);
	buf_append(&head, r->headers.data, r->headers.len);
	buf_puts(&head, "\r\n");
	FCGX_PutStr(head.data, (int)head.len, r->fcgi->out);
	if (r->method != METHOD_HEAD && r->body.len > 0)
		FCGX_PutStr(r->body.data, (int)r->body.len, r->fcgi->out);
}
