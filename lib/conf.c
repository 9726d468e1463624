/*
 * Configuration parser.  The key table below is the single list of settings: name,
 * type, bounds and default.  Values are plain text to the end of the line (no quoting),
 * trimmed; integers are parsed strictly with bounds.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "xalloc.h"

enum ctype { CT_STR, CT_INT, CT_OCTAL, CT_BOOL };

struct ckey {
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	long		 min, max;
	const char	*def;
};

#define S(f)	CT_STR, offsetof(struct conf, f), 0, 0
#define I(f)	CT_INT, offsetof(struct conf, f)
#define O(f)	CT_OCTAL, offsetof(struct conf, f)
#define B(f)	CT_BOOL, offsetof(struct conf, f), 0, 1

static const struct ckey ckeys[] = {
	{ "listen",		S(listen),		"unix:/run/geps/geps.sock" },
	{ "listen_mode",	O(listen_mode), 0, 0777, "0660" },
	{ "listen_group",	S(listen_group),	"" },
	{ "workers",		I(workers), 0, 256,	"0" },
	{ "shutdown_seconds",	I(shutdown_seconds), 1, 600, "20" },
	{ "db_socket",		S(db_socket),		"/run/mysqld/mysqld.sock" },
	{ "db_host",		S(db_host),		"" },
	{ "db_port",		I(db_port), 0, 65535,	"3306" },
	{ "db_name",		S(db_name),		"geps" },
	{ "db_user",		S(db_user),		"geps" },
	{ "db_password",	S(db_password),		"" },
	{ "db_connect_timeout",	I(db_connect_timeout), 1, 60, "2" },
	{ "db_rw_timeout",	I(db_rw_timeout), 1, 600, "15" },
	{ "db_lock_wait_timeout", I(db_lock_wait_timeout), 1, 600, "10" },
	{ "db_read_socket",	S(db_read_socket),	"" },
	{ "db_read_host",	S(db_read_host),	"" },
	{ "db_read_port",	I(db_read_port), 0, 65535, "3306" },
	{ "db_read_user",	S(db_read_user),	"" },
	{ "db_read_password",	S(db_read_password),	"" },
	{ "views_dir",		S(views_dir),		GEPS_DATADIR "/views" },
	{ "sql_dir",		S(sql_dir),		GEPS_DATADIR "/sql" },
	{ "asset_version",	S(asset_version),	"1" },
	{ "max_body",		I(max_body), 1024, 64L << 20, "65536" },
	{ "max_fields",		I(max_fields), 1, 10000, "200" },
	{ "max_field_bytes",	I(max_field_bytes), 16, 1L << 20, "16384" },
	{ "max_cookie_bytes",	I(max_cookie_bytes), 64, 65536, "4096" },
	{ "max_query_bytes",	I(max_query_bytes), 64, 65536, "4096" },
	{ "evidence_dir",	S(evidence_dir),	"/var/lib/geps/evidence" },
	{ "upload_max_file_bytes", I(upload_max_file_bytes), 1024, 1L << 30, "10485760" },
	{ "upload_max_files",	I(upload_max_files), 1, 100, "5" },
	{ "upload_max_request_bytes", I(upload_max_request_bytes), 4096, 1L << 30, "12582912" },
	{ "upload_max_decl_bytes", I(upload_max_decl_bytes), 1024, 1L << 40, "104857600" },
	{ "log_level",		S(log_level),		"info" },
	{ "test_clock",		B(test_clock),		"off" },
	{ "secret_key",		S(secret_key),		"" },
	{ "initial_password",	S(initial_password),	"random" },
	{ "scrypt_log_n",	I(scrypt_log_n), 10, 20, "17" },
	{ "hash_concurrency",	I(hash_concurrency), 1, 64, "2" },
	{ "hash_wait_ms",	I(hash_wait_ms), 0, 30000, "3000" },
	{ "common_passwords",	S(common_passwords),	GEPS_DATADIR "/common-passwords.txt" },
	{ "session_idle_minutes", I(session_idle_minutes), 1, 1440, "30" },
	{ "session_max_hours",	I(session_max_hours), 1, 168, "12" },
	{ "cookie_secure",	B(cookie_secure),	"on" },
	{ "outbox_transport",	S(outbox_transport),	"file" },
	{ "outbox_file",	S(outbox_file),		"/var/lib/geps/outbox.log" },
	{ "smtp_url",		S(smtp_url),		"" },
	{ "smtp_from",		S(smtp_from),		"" },
	{ "smtp_user",		S(smtp_user),		"" },
	{ "smtp_password",	S(smtp_password),	"" },
	{ "sms_url",		S(sms_url),		"" },
	{ "sms_token",		S(sms_token),		"" },
	{ "outbox_interval",	I(outbox_interval), 1, 3600, "10" },
	{ "outbox_max_attempts", I(outbox_max_attempts), 1, 100, "8" },
};

#define NKEYS	(sizeof(ckeys) / sizeof(ckeys[0]))

static int
conf_set(struct conf *c, const struct ckey *k, const char *v, char *err,
    size_t errsz, const char *name, size_t line)
{
	char	*end;
	long	 n;

	switch (k->type) {
	case CT_STR:
		free(*(char **)((char *)c + k->off));
		*(char **)((char *)c + k->off) = xstrdup(v);
		return 0;
	case CT_BOOL:
		if (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0 ||
		    strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
			n = 1;
		else if (strcmp(v, "off") == 0 || strcmp(v, "no") == 0 ||
		    strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
			n = 0;
		else
			goto bad;
		*(int *)((char *)c + k->off) = (int)n;
		return 0;
	case CT_INT:
	case CT_OCTAL:
		if (*v == '\0' || *v == '-' || *v == '+' || *v == ' ')
			goto bad;
		errno = 0;
		n = strtol(v, &end, k->type == CT_OCTAL ? 8 : 10);
		if (errno != 0 || *end != '\0' || n < k->min || n > k->max)
			goto bad;
		*(long *)((char *)c + k->off) = n;
		return 0;
	}
bad:
	snprintf(err, errsz, "%s:%zu: bad value for %s: \"%s\"", name, line,
	    k->name, v);
	return -1;
}

void
conf_free(struct conf *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < NKEYS; i++)
		if (ckeys[i].type == CT_STR)
			free(*(char **)((char *)c + ckeys[i].off));
	free(c->path);
	free(c);
}

struct conf *
conf_parse(const char *name, const char *text, size_t len, char *err, size_t errsz)
{
	struct conf	*c;
	unsigned char	 seen[NKEYS];
	const char	*p, *end, *eol;
	char		*line = NULL, *key, *val, *eq, *t;
	size_t		 i, lineno = 0;

	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(name);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < NKEYS; i++)
		if (conf_set(c, &ckeys[i], ckeys[i].def, err, errsz, "default", 0))
			goto fail;

	for (p = text, end = text + len; p < end; p = eol + 1) {
		lineno++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		free(line);
		line = xstrndup(p, (size_t)(eol - p));
		if (strlen(line) != (size_t)(eol - p)) {
			snprintf(err, errsz, "%s:%zu: NUL byte", name, lineno);
			goto fail;
		}
		/* Trim, skip comments and blank lines. */
		for (key = line; *key == ' ' || *key == '\t'; key++)
			continue;
		t = key + strlen(key);
		while (t > key && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			*--t = '\0';
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			snprintf(err, errsz, "%s:%zu: expected key = value", name, lineno);
			goto fail;
		}
		for (val = eq + 1; *val == ' ' || *val == '\t'; val++)
			continue;
		for (t = eq; t > key && (t[-1] == ' ' || t[-1] == '\t'); t--)
			continue;
		*t = '\0';
		for (i = 0; i < NKEYS; i++)
			if (strcmp(key, ckeys[i].name) == 0)
				break;
		if (i == NKEYS) {
			snprintf(err, errsz, "%s:%zu: unknown key \"%.64s\"", name,
			    lineno, key);
			goto fail;
		}
		if (seen[i]) {
			snprintf(err, errsz, "%s:%zu: %s set twice", name, lineno, key);
			goto fail;
		}
		seen[i] = 1;
		if (conf_set(c, &ckeys[i], val, err, errsz, name, lineno))
			goto fail;
		if (eol == end)
			break;
	}
	free(line);
	return c;
fail:
	free(line);
	conf_free(c);
	return NULL;
}

int
conf_read_db(const struct conf *c, struct conf *out)
{
	if (c->db_read_socket[0] == '\0' && c->db_read_host[0] == '\0')
		return 0;
	*out = *c;
	out->db_socket = c->db_read_socket;
	out->db_host = c->db_read_host;
	out->db_port = c->db_read_port;
	/* The same account as the primary's unless the replica has its own. */
	if (c->db_read_user[0] != '\0') {
		out->db_user = c->db_read_user;
		out->db_password = c->db_read_password;
	}
	return 1;
}

struct conf *
conf_load(const char *path, char *err, size_t errsz)
{
	FILE		*f;
	char		*text = NULL;
	size_t		 len = 0, cap = 0, n;
	struct conf	*c = NULL;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - len < 4096) {
			if (cap > (1 << 20)) {
				snprintf(err, errsz, "%s: file too large", path);
				goto out;
			}
			cap = cap * 2 + 4096;
			text = xreallocarray(text, cap, 1);
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errsz, "%s: read error", path);
		goto out;
	}
	c = conf_parse(path, text, len, err, errsz);
out:
	fclose(f);
	free(text);
	return c;
}
