/*
 * One request as the handlers see it: the parsed, bounded input, the worker's
 * long-lived resources, and the response being built.  Everything allocated for a
 * request comes from req->arena and is released after the response is sent.
 */
#ifndef GEPS_REQUEST_H
#define GEPS_REQUEST_H

#include <stdint.h>

#include "buf.h"
#include "http.h"
#include "model/session.h"

struct arena;
struct conf;
struct db;
struct view_dict;
struct FCGX_Request;

enum method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_OTHER,
	METHOD__MAX
};

struct req {
	/* Worker-owned, valid for the whole life of the worker. */
	struct FCGX_Request	*fcgi;
	const struct conf	*conf;
	struct db		*db;
	struct db		*db_read;	/* public pages' reads: a replica, or db */
	int			 worker;

	/* Per request. */
	struct arena		*arena;
	enum method		 method;
	const char		*method_name;
	const char		*path;		/* validated, without the query */
	const char		*remote_addr;
	struct http_params	 query;
	struct http_params	 form;		/* urlencoded POST body */
	struct http_params	 cookies;
	int64_t			 now;		/* clock_now() at the start */
	int64_t			 start_us;

	/* Who is asking (fcgi/access.c). */
	int			 has_session;
	struct session		 sess;
	const char		*pre_token;	/* pre-login CSRF cookie value, if any */
	const char		*user_agent;

	/* The response. */
	int			 status;
	struct buf		 headers;	/* "Name: value\r\n" lines */
	struct buf		 body;
	int			 sent;
	struct view_dict	*page_root;	/* layout dictionary while a page is built */
	struct view_dict	*page;		/* the page's own (CONTENT) dictionary */
	const char		*page_tpl;
};

/*
 * Adds a response header.  Refuses (returns -1, adds nothing) a name that is not a
 * token or a value with CR, LF or another control byte: this is the only way
 * headers are written.
 */
int	 resp_header(struct req *, const char *name, const char *value);

/*
 * Starts a page: the layout dictionary with its common values and the include
 * dictionary for template tpl, which is returned for the handler to fill.
 */
struct view_dict *page_begin(struct req *, const char *title, const char *tpl);
/*
 * Adds views/assets/js/<name>.js to the page begun (deferred, after the content).
 * Pages work without it: scripts only improve them.
 */
void	 page_script(struct req *, const char *name);
/*
 * Expands the page begun with page_begin() into the body with the given status.
 * On a template failure the response becomes the 500 page.  Returns 0 or -1.
 */
int	 page_end(struct req *, int status);
/* Answers with the Persian error page for status (400, 403, 404, …). */
int	 page_error(struct req *, int status, const char *detail);
/* Answers 303 See Other to a local path. */
int	 resp_redirect(struct req *, const char *location);

/* Writes the status line, headers and body to the FastCGI stream. */
void	 resp_send(struct req *);

#endif
