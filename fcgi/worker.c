/*
 * The worker: one FastCGI request at a time (FCGX_Accept_r), one database connection
 * with its prepared statements, one arena reset after every response.
 *
 * Shutdown is ours, not libfcgi's: the worker blocks its signals except while it
 * waits in ppoll() for a connection and for a moment between two requests, so a
 * signal is seen at once or right after the request in progress, never in the
 * middle of one.  The listening socket is non-blocking, so a worker that loses the
 * race for a connection gets EAGAIN instead of sleeping in accept() where no
 * signal would reach it.  Two ways to end:
 *
 *   SIGTERM (a generation retired by a reload, or the master gone): finish the
 *   request in progress and exit.  The queue of connections is left to the other
 *   workers that share the socket.
 *   SIGQUIT (the master stops): drain.  Serve every connection the kernel has
 *   queued, and exit once none has come for 50 ms.  The master has made sure
 *   that no new connection joins the queue (serve.c, begin_stop()), so the queue
 *   only shrinks; the 50 ms are for a connection still on its way in, a TCP
 *   handshake under way when the master shut the door.  The drain is bounded by
 *   half of shutdown_seconds, which leaves the last request the other half
 *   before the master kills what is left.
 */
#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "access.h"
#include "arena.h"
#include "clock.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "model/stmts.h"
#include "password.h"
#include "request.h"
#include "routes.h"
#include "utf8.h"
#include "view.h"
#include "worker.h"

static volatile sig_atomic_t worker_stop;	/* SIGTERM, SIGINT: exit */
static volatile sig_atomic_t worker_drain;	/* SIGQUIT: drain, then exit */

static void
worker_on_signal(int sig)
{
	if (sig == SIGQUIT)
		worker_drain = 1;
	else
		worker_stop = 1;
}

static enum method
method_parse(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return METHOD_GET;
	if (strcmp(m, "HEAD") == 0)
		return METHOD_HEAD;
	if (strcmp(m, "POST") == 0)
		return METHOD_POST;
	return METHOD_OTHER;
}

static const char *
param(struct req *r, const char *name)
{
	const char	*v = FCGX_GetParam(name, r->fcgi->envp);

	return v != NULL ? v : "";
}

/* 0 if the declared body length is at most max, else 400 or 413. */
static int
body_length_ok(struct req *r, long max)
{
	unsigned long long	 clen;
	const char		*cl = param(r, "CONTENT_LENGTH");

	if (*cl == '\0')
		return 0;
	if (http_parse_uint(cl, strlen(cl), (unsigned long long)1 << 40, &clen) != 0)
		return 400;
	return clen > (unsigned long long)max ? 413 : 0;
}

/*
 * Reads a urlencoded body of exactly CONTENT_LENGTH bytes.  The length is checked
 * before anything is read or allocated.  Returns 0 or an HTTP status.
 */
static int
read_form(struct req *r, const struct http_limits *lim)
{
	unsigned long long	 clen;
	const char		*cl, *ct;
	char			*body;
	size_t			 got = 0;
	int			 n;
	enum http_err		 he;

	cl = param(r, "CONTENT_LENGTH");
	ct = param(r, "CONTENT_TYPE");
	if (*cl == '\0')
		clen = 0;
	else if (http_parse_uint(cl, strlen(cl), (unsigned long long)1 << 40, &clen) != 0)
		return 400;
	if (clen > (unsigned long long)r->conf->max_body)
		return 413;
	if (clen == 0)
		return 0;
	if (strncmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
	    (ct[33] != '\0' && ct[33] != ';'))
		return 415;
	body = arena_alloc(r->arena, (size_t)clen + 1);
	while (got < clen) {
		n = FCGX_GetStr(body + got, (int)(clen - got), r->fcgi->in);
		if (n <= 0)
			return 400;
		got += (size_t)n;
	}
	body[got] = '\0';
	if ((he = http_parse_urlencoded(r->arena, body, got, lim, &r->form)) != HTTP_OK)
		return he == HTTP_ERR_FIELDS || he == HTTP_ERR_LENGTH ? 413 : 400;
	return 0;
}

static void
handle(struct req *r)
{
	const struct route	*rt;
	struct http_limits	 lim;
	struct field_val	 in[ROUTE_MAXFIELDS];
	const char		*uri, *q, *cookie, *arg = "", *allow = "", *tn;
	char			*path;
	int			 status = 0;
	unsigned long long	 t;

	r->method_name = param(r, "REQUEST_METHOD");
	r->method = method_parse(r->method_name);
	r->remote_addr = param(r, "REMOTE_ADDR");
	r->status = 200;
	r->path = "-";

	if (r->conf->test_clock &&
	    *(tn = param(r, "HTTP_X_GEPS_TEST_NOW")) != '\0' &&
	    http_parse_uint(tn, strlen(tn), 1ULL << 40, &t) == 0)
		clock_override((int64_t)t);
	r->now = clock_now();
	/*
	 * Tests also make a request slow on purpose (X-Geps-Test-Delay-Ms, at most
	 * 2 s), so that connections queue behind the workers (shutdown.test.mjs).
	 */
	if (r->conf->test_clock &&
	    *(tn = param(r, "HTTP_X_GEPS_TEST_DELAY_MS")) != '\0' &&
	    http_parse_uint(tn, strlen(tn), 2000, &t) == 0) {
		struct timespec	 ts;

		ts.tv_sec = (time_t)(t / 1000);
		ts.tv_nsec = (long)(t % 1000) * 1000000;
		nanosleep(&ts, NULL);
	}

	/*
	 * The path as the client sent it (REQUEST_URI up to '?') is checked first.
	 * Routing then uses DOCUMENT_URI, nginx's current URI, which differs from
	 * the original after an internal redirect such as error_page.
	 */
	uri = param(r, "REQUEST_URI");
	q = strchr(uri, '?');
	path = arena_strndup(r->arena, uri, q != NULL ? (size_t)(q - uri) : strlen(uri));
	if (!http_path_ok(path, strlen(path))) {
		page_error(r, 400, NULL);
		return;
	}
	r->path = path;
	uri = param(r, "DOCUMENT_URI");
	if (*uri != '\0') {
		if (*uri != '/' || !utf8_valid(uri, strlen(uri))) {
			page_error(r, 400, NULL);
			return;
		}
		path = arena_strdup(r->arena, uri);
		r->path = path;
	}

	/*
	 * A body is bounded before anything looks at it: nginx has already buffered
	 * it, but we refuse to read more than max_body (upload_max_request_bytes for
	 * the upload routes, whose handlers stream it).
	 */
	if ((status = body_length_ok(r, r->conf->upload_max_request_bytes > r->conf->max_body ?
	    r->conf->upload_max_request_bytes : r->conf->max_body)) != 0) {
		page_error(r, status, NULL);
		return;
	}

	if ((rt = route_find(r->method, path, &arg, &status, &allow)) == NULL) {
		if (status == 405)
			resp_header(r, "Allow", allow);
		page_error(r, status, NULL);
		return;
	}
	if ((status = body_length_ok(r, (rt->flags & RF_MULTIPART) ?
	    r->conf->upload_max_request_bytes : r->conf->max_body)) != 0) {
		page_error(r, status, NULL);
		return;
	}

	lim.max_fields = (size_t)r->conf->max_fields;
	lim.max_key = 64;
	lim.max_value = (size_t)r->conf->max_field_bytes;
	q = param(r, "QUERY_STRING");
	if (strlen(q) > (size_t)r->conf->max_query_bytes) {
		page_error(r, 414, NULL);
		return;
	}
	if (http_parse_urlencoded(r->arena, q, strlen(q), &lim, &r->query) != HTTP_OK) {
		page_error(r, 400, NULL);
		return;
	}
	cookie = param(r, "HTTP_COOKIE");
	if (strlen(cookie) > (size_t)r->conf->max_cookie_bytes) {
		page_error(r, 400, NULL);
		return;
	}
	lim.max_fields = 32;
	lim.max_value = (size_t)r->conf->max_cookie_bytes;
	if (http_parse_cookies(r->arena, cookie, strlen(cookie), &lim, &r->cookies) != HTTP_OK) {
		page_error(r, 400, NULL);
		return;
	}
	if (r->method == METHOD_POST && !(rt->flags & RF_MULTIPART)) {
		lim.max_fields = (size_t)r->conf->max_fields;
		lim.max_value = (size_t)r->conf->max_field_bytes;
		if ((status = read_form(r, &lim)) != 0) {
			page_error(r, status, NULL);
			return;
		}
	}

	if ((rt->flags & RF_DB) && db_connect(r->db) != DB_OK) {
		page_error(r, 503, NULL);
		return;
	}
	/* Who is asking: the session cookie (pages with a database only). */
	r->user_agent = param(r, "HTTP_USER_AGENT");
	if (rt->flags & RF_DB) {
		enum db_err rc = access_load(r);

		if (rc != DB_OK) {
			page_error(r, rc == DB_DOWN ? 503 : 500, NULL);
			return;
		}
	} else
		access_pre(r);
	if (access_gate(r, rt) != 0)
		return;
	/* Every state change carries the CSRF token of its session or pre-login cookie. */
	if (r->method == METHOD_POST && !(rt->flags & RF_MULTIPART) && !csrf_ok(r)) {
		page_error(r, 403, "اعتبار فرم به پایان رسیده است. لطفاً صفحه را دوباره باز کنید و دوباره بفرستید.");
		return;
	}
	route_validate(r, rt, r->method == METHOD_POST ? &r->form : &r->query, in);
	rt->handler(r, arg, in);
}

static void
serve_one(struct req *r)
{
	char	 esc[128];

	r->start_us = clock_mono_us();
	buf_init(&r->headers, r->arena);
	buf_init(&r->body, r->arena);
	r->sent = 0;
	r->page_root = r->page = NULL;
	r->has_session = 0;
	r->pre_token = NULL;
	memset(&r->query, 0, sizeof(r->query));
	memset(&r->form, 0, sizeof(r->form));
	memset(&r->cookies, 0, sizeof(r->cookies));

	handle(r);
	if (r->page_root != NULL) {
		/* A handler that began a page but did not end it: a bug, not a page. */
		view_dict_free(r->page_root);
		r->page_root = NULL;
		page_error(r, 500, NULL);
	}
	if (r->db != NULL && db_in_txn(r->db))
		db_rollback(r->db);
	resp_send(r);
	clock_override(0);
	log_info("request", "method=%s path=%s status=%d us=%lld worker=%d",
	    r->method == METHOD_OTHER ? "OTHER" : r->method_name,
	    log_esc(esc, sizeof(esc), r->path), r->status,
	    (long long)(clock_mono_us() - r->start_us), r->worker);
}

void
worker_main(const struct conf *conf, int listen_fd, int ready_fd, int id)
{
	FCGX_Request		 fr;
	struct req		 r;
	struct sigaction	 sa;
	struct conf		 rconf;
	sigset_t		 block, waitmask;
	struct pollfd		 pfd;
	char			 err[512], one = 'R';
	int			 rc, big, drained = 0;
	int64_t			 drain_until = 0;
	/* A drain ends once nothing has been queued for this long (see above). */
	const struct timespec	 quiet = { 0, 50 * 1000000 };

	/* Die with the master, whatever kills it. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(0);
	log_role("worker");
	/*
	 * A sign-in's scrypt takes one block of 16-128 MiB.  glibc would raise its
	 * mmap threshold past it once it is freed and keep every later one in the
	 * heap, so each worker would stay that big; a fixed threshold (which turns
	 * the adjustment off) gives every such block back when it is freed.
	 */
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);

	/*
	 * The master forks us with its signals blocked, so a SIGQUIT or SIGTERM sent
	 * while we start waits until the handlers are in place; from then on they
	 * are only unblocked in ppoll() and between two requests.
	 */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_SETMASK, &block, NULL);
	sigemptyset(&waitmask);

	clock_enable_test(conf->test_clock);
	/* The HMAC key of reset codes and pre-login CSRF must be a real secret. */
	if (strlen(conf->secret_key) < 32) {
		log_err("worker_start", "msg=\"secret_key must be at least 32 characters\"");
		_exit(3);
	}
	if (password_list_load(conf->common_passwords, err, sizeof(err)) != 0) {
		log_err("worker_start", "msg=\"%s\"", err);
		_exit(3);
	}
	if (view_init(conf->views_dir, err, sizeof(err)) != 0) {
		log_err("worker_start", "msg=\"%s\"", err);
		_exit(3);
	}
	/* libfcgi leaves our signal handlers alone since they are not SIG_DFL. */
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, listen_fd, 0) != 0) {
		log_err("worker_start", "msg=\"FCGX_Init failed\"");
		_exit(3);
	}

	memset(&r, 0, sizeof(r));
	r.fcgi = &fr;
	r.conf = conf;
	r.worker = id;
	r.arena = arena_new(64 * 1024);
	r.db = db_new(conf, stmt_defs, STMT__MAX);
	/* The public pages read from a replica when geps.conf names one. */
	r.db_read = conf_read_db(conf, &rconf) ? db_new(&rconf, stmt_defs, STMT__MAX) : r.db;
	/* Connect early so the first request is fast; failure here is not fatal. */
	(void)db_connect(r.db);
	if (r.db_read != r.db)
		(void)db_connect(r.db_read);

	if (write(ready_fd, &one, 1) != 1)
		log_warn("worker_ready", "msg=\"cannot tell the master\"");
	close(ready_fd);

	pfd.events = POLLIN;
	for (;;) {
		/*
		 * A signal that came during the last request is taken here: ppoll()
		 * reports a ready socket before a pending signal, so with connections
		 * always queued it would not see one at all.
		 */
		sigprocmask(SIG_SETMASK, &waitmask, NULL);
		sigprocmask(SIG_SETMASK, &block, NULL);
		if (worker_stop)
			break;
		if (worker_drain && drain_until == 0)
			drain_until = clock_mono_us() + conf->shutdown_seconds * 500000;
		if (drain_until != 0 && clock_mono_us() > drain_until) {
			log_warn("drain_cut", "worker=%d drained=%d", id, drained);
			break;
		}
		/*
		 * With nginx's fastcgi_keep_conn the finished connection stays open and
		 * the next request arrives on it, not on the listening socket.
		 */
		pfd.fd = fr.ipcFd >= 0 ? fr.ipcFd : listen_fd;
		rc = ppoll(&pfd, 1, drain_until != 0 ? &quiet : NULL, &waitmask);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			log_err("poll", "errno=%d", errno);
			break;
		}
		if (rc == 0) {
			/*
			 * Draining, and nothing came for 50 ms: a kept connection
			 * is closed (nginx opens another if it has more), then the
			 * socket's queue is watched; when that is quiet too, the
			 * drain is over.
			 */
			if (fr.ipcFd >= 0) {
				FCGX_Free(&fr, 1);
				continue;
			}
			break;
		}
		if ((rc = FCGX_Accept_r(&fr)) < 0) {
			if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR ||
			    rc == -ECONNABORTED)
				continue;
			log_err("accept", "rc=%d", rc);
			break;
		}
		if (drain_until != 0)
			drained++;
		serve_one(&r);
		FCGX_Finish_r(&fr);
		big = arena_reserved(r.arena) > (1 << 20);
		arena_reset(r.arena);
		/*
		 * A rare big request (ranking a round, an export) leaves freed memory
		 * that glibc keeps; give it back so that workers stay small.
		 */
		if (big)
			malloc_trim(0);
	}
	FCGX_Free(&fr, 1);
	if (r.db_read != r.db)
		db_free(r.db_read);
	db_free(r.db);
	arena_free(r.arena);
	log_info("worker_exit", "worker=%d drained=%d", id, drained);
	_exit(0);
}
