/*
 * The prefork master, like php-fpm's: binds the listening socket, forks the workers,
 * replaces a worker that dies, reloads on SIGHUP by starting a new generation of
 * workers and retiring the old one only once every new worker said it is ready, and
 * on SIGTERM stops new connections, has the workers drain the ones already queued
 * (see begin_stop()), and kills what is still there after shutdown_seconds.
 *
 * Signals are read from a signalfd in the main poll loop, so no work happens in a
 * signal handler.  Workers report readiness by writing one byte to a pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "clock.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "model/outbox.h"
#include "model/stmts.h"
#include "serve.h"
#include "worker.h"
#include "xalloc.h"

#define MAXWORKERS	256

struct wslot {
	pid_t		 pid;
	unsigned	 gen;
	int		 ready;
	int		 retiring;
	int64_t		 started_us;
	int		 ready_fd;	/* read end of this worker's ready pipe */
};

struct master {
	struct conf	*conf;
	struct conf	*old_conf;	/* during a reload, until the new workers are ready */
	unsigned	 old_gen;
	const char	*conf_path;
	int		 listen_fd;
	int		 nworkers;
	unsigned	 gen;		/* current generation */
	struct wslot	 w[MAXWORKERS * 2];	/* old and new generations during reload */
	int		 stopping;
	int64_t		 stop_deadline_us;
	int64_t		 respawn_after_us;	/* throttles a crash loop */
	pid_t		 sender_pid;		/* the outbox sender child, or 0 */
	int64_t		 sender_next_us;	/* when the next one may start */
};

static int
listen_unix(const char *path, long mode, const char *group)
{
	struct group		*gr;
	struct sockaddr_un	 sun;
	int			 fd;
	mode_t			 old;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_err("listen", "msg=\"socket path too long\"");
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	(void)unlink(path);
	/* Create the socket with its final mode: never world-accessible, not even briefly. */
	old = umask(0777 & ~(mode_t)mode);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		umask(old);
		log_err("listen", "msg=\"bind %s: %s\"", path, strerror(errno));
		close(fd);
		return -1;
	}
	umask(old);
	if (chmod(path, (mode_t)mode) != 0) {
		close(fd);
		return -1;
	}
	/* nginx's group may connect; nobody else (mode 0660). */
	if (*group != '\0') {
		if ((gr = getgrnam(group)) == NULL ||
		    chown(path, (uid_t)-1, gr->gr_gid) != 0) {
			log_err("listen", "msg=\"cannot give the socket to group %s\"", group);
			close(fd);
			return -1;
		}
	}
	return fd;
}

static int
listen_tcp(const char *spec)
{
	struct sockaddr_in	 sin;
	char			 host[64];
	const char		*colon;
	long			 port;
	char			*end;
	int			 fd, on = 1;

	if ((colon = strrchr(spec, ':')) == NULL || (size_t)(colon - spec) >= sizeof(host))
		return -1;
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno != 0 || *end != '\0' || port < 1 || port > 65535)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sin.sin_addr) != 1)
		return -1;
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		log_err("listen", "msg=\"bind %s: %s\"", spec, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
listen_open(const struct conf *c)
{
	int	 fd, fl;

	if (strncmp(c->listen, "unix:", 5) == 0)
		fd = listen_unix(c->listen + 5, c->listen_mode, c->listen_group);
	else
		fd = listen_tcp(c->listen);
	if (fd < 0)
		return -1;
	if (listen(fd, 1024) != 0) {
		close(fd);
		return -1;
	}
	/* Non-blocking: see worker.c for why. */
	fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	return fd;
}

static int
nworkers_of(const struct conf *c)
{
	long	 n = c->workers;

	if (n <= 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN) * 2;
		if (n < 2)
			n = 2;
	}
	return n > MAXWORKERS ? MAXWORKERS : (int)n;
}

static int
spawn(struct master *m, int slot)
{
	int	 p[2];
	pid_t	 pid;

	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	if ((pid = fork()) < 0) {
		close(p[0]);
		close(p[1]);
		log_err("fork", "errno=%d", errno);
		return -1;
	}
	if (pid == 0) {
		/* Signals stay blocked until the worker has its handlers (worker.c). */
		close(p[0]);
		worker_main(m->conf, m->listen_fd, p[1], slot);
	}
	close(p[1]);
	m->w[slot].pid = pid;
	m->w[slot].gen = m->gen;
	m->w[slot].ready = 0;
	m->w[slot].retiring = 0;
	m->w[slot].started_us = clock_mono_us();
	m->w[slot].ready_fd = p[0];
	return 0;
}

static int
find_free_slot(struct master *m)
{
	int	 i;

	for (i = 0; i < MAXWORKERS * 2; i++)
		if (m->w[i].pid == 0)
			return i;
	return -1;
}

static void
start_generation(struct master *m)
{
	int	 i, slot;

	m->gen++;
	for (i = 0; i < m->nworkers; i++) {
		if ((slot = find_free_slot(m)) < 0 || spawn(m, slot) != 0)
			log_err("spawn", "gen=%u msg=\"cannot start a worker\"", m->gen);
	}
	log_info("generation", "gen=%u workers=%d", m->gen, m->nworkers);
}

static int
count_gen(struct master *m, unsigned gen, int ready_only)
{
	int	 i, n = 0;

	for (i = 0; i < MAXWORKERS * 2; i++)
		if (m->w[i].pid != 0 && m->w[i].gen == gen &&
		    (!ready_only || m->w[i].ready))
			n++;
	return n;
}

/* Once the whole new generation is ready, the older ones finish and exit. */
static void
retire_old(struct master *m)
{
	int	 i;

	if (count_gen(m, m->gen, 1) < m->nworkers)
		return;
	if (m->old_conf != NULL) {
		log_info("reload_done", "gen=%u", m->gen);
		conf_free(m->old_conf);
		m->old_conf = NULL;
	}
	for (i = 0; i < MAXWORKERS * 2; i++)
		if (m->w[i].pid != 0 && m->w[i].gen != m->gen && !m->w[i].retiring) {
			m->w[i].retiring = 1;
			kill(m->w[i].pid, SIGTERM);
		}
}

static void
reload(struct master *m)
{
	struct conf	*c;
	char		 err[512];

	if ((c = conf_load(m->conf_path, err, sizeof(err))) == NULL) {
		log_err("reload", "msg=\"%s\" action=keep_old", err);
		return;
	}
	if (m->old_conf != NULL) {
		log_warn("reload", "msg=\"a reload is already in progress\"");
		conf_free(c);
		return;
	}
	if (strcmp(c->listen, m->conf->listen) != 0)
		log_warn("reload", "msg=\"listen changed: restart to apply\"");
	/* Older workers keep their own copy of the old configuration (fork). */
	m->old_conf = m->conf;
	m->old_gen = m->gen;
	m->conf = c;
	/* A new outbox_interval applies from now, not after the old one runs out. */
	m->sender_next_us = clock_mono_us() + c->outbox_interval * 1000000;
	m->nworkers = nworkers_of(c);
	log_info("reload", "gen=%u", m->gen + 1);
	start_generation(m);
}

/*
 * A worker of the new generation could not start (bad templates, say): keep
 * serving with the old generation and its configuration.
 */
static void
reload_abort(struct master *m)
{
	int	 i;

	log_err("reload_failed", "gen=%u action=keep_gen_%u", m->gen, m->old_gen);
	for (i = 0; i < MAXWORKERS * 2; i++)
		if (m->w[i].pid != 0 && m->w[i].gen == m->gen) {
			m->w[i].retiring = 1;
			kill(m->w[i].pid, SIGTERM);
		}
	conf_free(m->conf);
	m->conf = m->old_conf;
	m->old_conf = NULL;
	m->gen = m->old_gen;
	m->nworkers = nworkers_of(m->conf);
	m->respawn_after_us = 0;
}

/* --- The outbox timer: every outbox_interval seconds, one short-lived child. --- */

/*
 * Runs in the child: its own database connection, one batch of due messages, exit.
 * The master never opens a database connection, so a slow or dead database cannot
 * stall it; the child dies with the master (PR_SET_PDEATHSIG) and holds no socket.
 */
static void __attribute__((noreturn))
sender_main(struct master *m, int sfd)
{
	struct db	*db;
	struct arena	*a;
	sigset_t	 none;
	int		 n;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(0);
	if (m->listen_fd >= 0)
		close(m->listen_fd);
	close(sfd);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	log_role("outbox");
	db = db_new(m->conf, stmt_defs, STMT__MAX);
	a = arena_new(64 * 1024);
	n = outbox_send_due(m->conf, db, a, 100);
	if (n > 0)
		log_info("outbox_run", "sent=%d", n);
	else if (n < 0)
		log_warn("outbox_run", "msg=\"database unreachable\"");
	db_free(db);
	arena_free(a);
	_exit(n < 0 ? 1 : 0);
}

/* Starts the sender when it is due and none is running. */
static void
sender_tick(struct master *m, int sfd)
{
	int64_t	 now = clock_mono_us();
	pid_t	 pid;

	if (m->stopping || m->sender_pid != 0 || now < m->sender_next_us)
		return;
	m->sender_next_us = now + m->conf->outbox_interval * 1000000;
	if ((pid = fork()) < 0) {
		log_err("fork", "what=outbox errno=%d", errno);
		return;
	}
	if (pid == 0)
		sender_main(m, sfd);
	m->sender_pid = pid;
}

/* 1 when pid was the sender (then forgotten), for reap(). */
static int
sender_reaped(struct master *m, pid_t pid, int st)
{
	if (pid == 0 || pid != m->sender_pid)
		return 0;
	m->sender_pid = 0;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		log_warn("outbox_exit", "pid=%ld status=%d", (long)pid, st);
	return 1;
}

/* --- end of the outbox timer --- */

static void
reap(struct master *m)
{
	pid_t	 pid;
	int	 st, i;
	char	 how[64];

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (sender_reaped(m, pid, st))	/* the outbox sender: never respawned */
			continue;
		for (i = 0; i < MAXWORKERS * 2; i++)
			if (m->w[i].pid == pid)
				break;
		if (i == MAXWORKERS * 2)
			continue;
		if (WIFSIGNALED(st))
			snprintf(how, sizeof(how), "signal=%d", WTERMSIG(st));
		else
			snprintf(how, sizeof(how), "status=%d", WEXITSTATUS(st));
		if (m->w[i].ready_fd >= 0)
			close(m->w[i].ready_fd);
		m->w[i].ready_fd = -1;
		if (m->stopping || m->w[i].retiring) {
			log_info("worker_exit", "pid=%ld %s", (long)pid, how);
			m->w[i].pid = 0;
			continue;
		}
		log_warn("worker_died", "pid=%ld slot=%d %s gen=%u", (long)pid, i,
		    how, m->w[i].gen);
		m->w[i].pid = 0;
		if (m->w[i].ready)
			continue;
		/* A worker that dies while starting: do not respawn in a tight loop. */
		m->respawn_after_us = clock_mono_us() + 1000000;
		if (m->old_conf != NULL && m->w[i].gen == m->gen)
			reload_abort(m);
	}
}

/* Keeps the current generation at full strength. */
static void
top_up(struct master *m)
{
	int	 slot;

	if (m->stopping || clock_mono_us() < m->respawn_after_us)
		return;
	while (count_gen(m, m->gen, 0) < m->nworkers) {
		if ((slot = find_free_slot(m)) < 0 || spawn(m, slot) != 0)
			break;
		log_info("worker_spawn", "pid=%ld slot=%d gen=%u",
		    (long)m->w[slot].pid, slot, m->gen);
	}
}

/*
 * Closes the door of a TCP socket without closing the socket: a classic BPF
 * filter drops every segment with SYN set, so no new connection is made, while
 * the connections already queued, and a handshake already under way (its last
 * ACK has no SYN), go through.  A client whose SYN went unanswered sends it again
 * (after 1 s, then 2 s more) and, once the workers are done, finds the socket
 * closed: connection refused, or nginx's fastcgi_connect_timeout first; nginx may
 * retry either on another host, even a POST, since nothing was sent.  A socket
 * filter sees the TCP header at offset 0.
 */
static void
drop_syns(int fd)
{
	struct sock_filter	 code[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 13),		/* the flags */
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x02, 0, 1),	/* SYN */
		BPF_STMT(BPF_RET | BPF_K, 0),				/* drop */
		BPF_STMT(BPF_RET | BPF_K, 0xffffffff),			/* pass */
	};
	struct sock_fprog	 prog;

	prog.len = sizeof(code) / sizeof(code[0]);
	prog.filter = code;
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) != 0)
		log_warn("shutdown", "msg=\"cannot drop new connections: %s\"",
		    strerror(errno));
}

static void
begin_stop(struct master *m)
{
	int	 i;

	if (m->stopping)
		return;
	m->stopping = 1;
	m->stop_deadline_us = clock_mono_us() + m->conf->shutdown_seconds * 1000000;
	/*
	 * Nothing the kernel has queued is dropped.  First no new connection may
	 * join the queue (the socket's name goes, or a TCP socket drops SYNs), so
	 * that nginx fails to connect at once or soon and may try another host;
	 * then every worker drains the queue (SIGQUIT: serve what is queued, exit
	 * when nothing more comes).  The socket itself stays open, in the workers
	 * and here, until they are gone: closing it would reset every connection
	 * still queued.
	 */
	if (strncmp(m->conf->listen, "unix:", 5) == 0)
		(void)unlink(m->conf->listen + 5);
	else
		drop_syns(m->listen_fd);
	for (i = 0; i < MAXWORKERS * 2; i++)
		if (m->w[i].pid != 0)
			kill(m->w[i].pid, SIGQUIT);
	if (m->sender_pid != 0)		/* the outbox sender: a claimed row is retried later */
		kill(m->sender_pid, SIGTERM);
	log_info("shutdown", "deadline_s=%ld", m->conf->shutdown_seconds);
}

static int
alive(struct master *m)
{
	int	 i, n = 0;

	for (i = 0; i < MAXWORKERS * 2; i++)
		if (m->w[i].pid != 0)
			n++;
	return n;
}

int
serve_main(const char *conf_path)
{
	struct master		 m;
	struct pollfd		 pfd[1 + MAXWORKERS * 2];
	int			 slotof[1 + MAXWORKERS * 2];
	struct signalfd_siginfo	 si;
	sigset_t		 mask;
	char			 err[512], b;
	int			 sfd, i, n, rc;
	enum log_level		 lvl;

	memset(&m, 0, sizeof(m));
	m.conf_path = conf_path;
	if ((m.conf = conf_load(conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps: %s\n", err);
		return 1;
	}
	if (log_level_parse(m.conf->log_level, &lvl) != 0) {
		fprintf(stderr, "geps: %s: unknown log_level\n", conf_path);
		return 1;
	}
	log_init("master", lvl);
	if (m.conf->test_clock)
		log_warn("config", "msg=\"test clock enabled: never in production\"");
	if ((m.listen_fd = listen_open(m.conf)) < 0) {
		log_err("listen", "addr=%s msg=\"cannot listen\"", m.conf->listen);
		conf_free(m.conf);
		return 1;
	}
	for (i = 0; i < MAXWORKERS * 2; i++)
		m.w[i].ready_fd = -1;

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGQUIT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		log_err("signalfd", "errno=%d", errno);
		return 1;
	}

	m.nworkers = nworkers_of(m.conf);
	m.sender_next_us = clock_mono_us() + m.conf->outbox_interval * 1000000;
	/*
	 * The hash gate is made before the first fork so that every worker, of every
	 * generation, shares it: at most hash_concurrency scrypt runs on this host.
	 */
	if (crypto_gate_init((int)m.conf->hash_concurrency) != 0) {
		log_err("start", "msg=\"cannot create the hash gate semaphore\"");
		return 1;
	}
	log_info("start", "listen=%s workers=%d hash_slots=%ld", m.conf->listen,
	    m.nworkers, m.conf->hash_concurrency);
	start_generation(&m);

	for (;;) {
		if (m.stopping && alive(&m) == 0)
			break;
		if (m.stopping && clock_mono_us() > m.stop_deadline_us) {
			for (i = 0; i < MAXWORKERS * 2; i++)
				if (m.w[i].pid != 0) {
					log_warn("shutdown_kill", "pid=%ld", (long)m.w[i].pid);
					kill(m.w[i].pid, SIGKILL);
				}
			m.stop_deadline_us = clock_mono_us() + 2000000;
		}
		n = 0;
		pfd[n].fd = sfd;
		pfd[n].events = POLLIN;
		slotof[n++] = -1;
		for (i = 0; i < MAXWORKERS * 2; i++)
			if (m.w[i].pid != 0 && m.w[i].ready_fd >= 0) {
				pfd[n].fd = m.w[i].ready_fd;
				pfd[n].events = POLLIN;
				slotof[n++] = i;
			}
		rc = poll(pfd, (nfds_t)n, 250);
		if (rc < 0 && errno != EINTR) {
			log_err("poll", "errno=%d", errno);
			break;
		}
		for (i = 1; rc > 0 && i < n; i++) {
			struct wslot *w = &m.w[slotof[i]];

			if (!(pfd[i].revents & (POLLIN | POLLHUP)))
				continue;
			if (read(w->ready_fd, &b, 1) == 1)
				w->ready = 1;
			close(w->ready_fd);
			w->ready_fd = -1;
		}
		if (rc > 0 && (pfd[0].revents & POLLIN)) {
			while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				switch (si.ssi_signo) {
				case SIGCHLD:
					reap(&m);
					break;
				case SIGHUP:
					if (!m.stopping)
						reload(&m);
					break;
				default:
					begin_stop(&m);
					break;
				}
			}
		}
		reap(&m);
		if (!m.stopping) {
			retire_old(&m);
			top_up(&m);
			sender_tick(&m, sfd);
		}
	}
	close(sfd);
	if (m.listen_fd >= 0)
		close(m.listen_fd);
	log_info("stopped", "gen=%u", m.gen);
	conf_free(m.old_conf);
	crypto_gate_destroy();
	conf_free(m.conf);
	return 0;
}
