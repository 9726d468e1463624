/*
 * A worker process: accepts FastCGI connections on the listening socket inherited
 * from the master and serves one request at a time until told to stop.
 */
#ifndef GEPS_WORKER_H
#define GEPS_WORKER_H

struct conf;

/*
 * Runs the worker loop on listen_fd.  Writes one byte to ready_fd once the worker
 * has loaded its templates and can serve.  Never returns: exits 0 after SIGTERM
 * (finishing the request in progress) or SIGQUIT (also serving every connection
 * already queued on listen_fd, within half of shutdown_seconds), or non-zero when
 * it could not start.  Expects SIGTERM, SIGINT and SIGQUIT blocked on entry.
 */
void	 worker_main(const struct conf *, int listen_fd, int ready_fd, int id)
	    __attribute__((noreturn));

#endif
