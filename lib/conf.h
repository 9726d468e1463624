/*
 * The configuration file: "key = value" lines, '#' comments, blank lines.  Every key
 * is declared in one table with its type and bounds; an unknown key, a bad value or
 * a duplicate is an error naming the line, so a typo never silently falls back to a
 * default.
 */
#ifndef GEPS_CONF_H
#define GEPS_CONF_H

#include <stddef.h>

struct conf {
	char	*listen;		/* "unix:/path" or "127.0.0.1:9000" */
	long	 listen_mode;		/* octal permission of a unix socket */
	char	*listen_group;		/* group of a unix socket (nginx's), or empty */
	long	 workers;		/* 0: 2 x cores */
	long	 shutdown_seconds;	/* SIGTERM drain bound */
	char	*db_socket;		/* unix socket path, or empty for TCP */
	char	*db_host;
	long	 db_port;
	char	*db_name;
	char	*db_user;
	char	*db_password;
	long	 db_connect_timeout;	/* seconds */
	long	 db_rw_timeout;		/* seconds */
	long	 db_lock_wait_timeout;	/* seconds a statement waits for a row lock */
	/*
	 * A second database, read-only, for the public pages (a replica of the one
	 * above): used when db_read_socket or db_read_host is set.  Its user and
	 * password are db_user and db_password unless db_read_user is set.
	 */
	char	*db_read_socket;
	char	*db_read_host;
	long	 db_read_port;
	char	*db_read_user;
	char	*db_read_password;
	char	*views_dir;
	char	*sql_dir;
	char	*asset_version;
	long	 max_body;		/* bytes of a urlencoded body */
	long	 max_fields;
	long	 max_field_bytes;
	long	 max_cookie_bytes;
	long	 max_query_bytes;
	char	*evidence_dir;		/* the evidence store (lib/evidence.h) */
	long	 upload_max_file_bytes;	/* one uploaded file */
	long	 upload_max_files;	/* files in one upload request */
	long	 upload_max_request_bytes; /* one multipart body, all parts */
	long	 upload_max_decl_bytes;	/* all the files of one declaration */
	char	*log_level;
	int	 test_clock;		/* tests only: X-Geps-Test-Now, -Delay-Ms */

	/* Accounts. */
	char	*secret_key;		/* 64 hex chars: HMAC key of reset codes and CSRF */
	char	*initial_password;	/* random | national_id | cra_suffix */
	long	 scrypt_log_n;		/* scrypt N = 2^scrypt_log_n for new hashes */
	long	 hash_concurrency;	/* scrypt hashes at once per host */
	long	 hash_wait_ms;		/* how long a login waits for a hashing slot */
	char	*common_passwords;	/* file of refused passwords, one a line */
	long	 session_idle_minutes;
	long	 session_max_hours;
	int	 cookie_secure;		/* Secure flag and the __Host- prefix */

	/* Outbox delivery. */
	char	*outbox_transport;	/* file | smtp | http */
	char	*outbox_file;		/* file transport: appended to */
	char	*smtp_url;		/* smtp://relay:25 or smtps://… */
	char	*smtp_from;
	char	*smtp_user;
	char	*smtp_password;
	char	*sms_url;		/* http transport: JSON POSTed here */
	char	*sms_token;		/* sent as a Bearer token */
	long	 outbox_interval;	/* seconds between runs of the master's sender */
	long	 outbox_max_attempts;
	char	*path;			/* the file this came from */
};

/*
 * Reads the file at path into a new conf (defaults first).  Returns NULL and fills
 * err (errsz bytes) on failure; the caller frees a result with conf_free().
 */
struct conf	*conf_load(const char *path, char *err, size_t errsz);
/* Parses text as if it were a file named name (for tests). */
struct conf	*conf_parse(const char *name, const char *text, size_t len,
		    char *err, size_t errsz);
void		 conf_free(struct conf *);
/*
 * 1 when c names a read-only database (db_read_socket or db_read_host): *out is then
 * a copy of c whose db_socket, db_host, db_port, db_user and db_password are the
 * read ones, for db_new().  The copy shares c's strings, so it must not outlive c
 * and is never given to conf_free().  0, with *out untouched, when reads go to the
 * primary.
 */
int		 conf_read_db(const struct conf *c, struct conf *out);

#endif
