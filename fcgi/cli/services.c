/*
 * `geps services import FILE.csv`: the service catalogue and the services of each
 * area, from a CSV file with the header agency_code, agency_name, service_code,
 * service_title, city_code (UTF-8, an optional byte order mark).  The whole file is
 * validated first; any problem is printed as "line N: field: reason (Persian)" and
 * nothing is written (exit 1).  A valid file is applied in one transaction, audited
 * (actor "cli"), and the command prints what it created, updated and left alone; a
 * second run of the same file changes nothing.  See lib/model/services.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audit.h"
#include "cli.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "model/services.h"
#include "model/stmts.h"
#include "xalloc.h"

/* A national catalogue (60 services x a few thousand places) is a few MiB. */
#define SERVICES_MAX_FILE	(64L << 20)

static int
usage(void)
{
	fprintf(stderr, "usage: geps [-c FILE] services import FILE.csv\n");
	return 2;
}

/* Reads the whole file (at most SERVICES_MAX_FILE bytes) into a malloc'd buffer. */
static int
read_file(const char *path, char **text, size_t *len, const char **why)
{
	FILE	*f;
	long	 n;

	*text = NULL;
	*why = "cannot read";
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		goto fail;
	if (n > SERVICES_MAX_FILE) {
		*why = "larger than 64 MiB";
		goto fail;
	}
	*text = xmalloc((size_t)n + 1);
	if (fread(*text, 1, (size_t)n, f) != (size_t)n)
		goto fail;
	*len = (size_t)n;
	fclose(f);
	return 0;
fail:
	free(*text);
	*text = NULL;
	fclose(f);
	return -1;
}

static int
cmd_import(const char *path)
{
	struct conf		*conf = NULL;
	struct db		*db = NULL;
	struct arena		*a = NULL;
	struct audit_event	 actor;
	struct svc_import_result res;
	enum svc_import_status	 st;
	enum db_err		 rc;
	unsigned char		 md[32];
	char			 err[512], hex[65], *text = NULL;
	const char		*why;
	size_t			 len = 0, i;
	int			 status = 1;

	log_init("services", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps services: %s\n", err);
		return 1;
	}
	if (read_file(path, &text, &len, &why) != 0) {
		fprintf(stderr, "geps services: %s: %s\n", path, why);
		goto out;
	}
	crypto_sha256(text, len, md);
	crypto_hex(md, sizeof(md), hex);
	a = arena_new(1 << 20);
	db = db_new(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps services: cannot connect: %s\n", db_errstr(db));
		goto out;
	}
	memset(&actor, 0, sizeof(actor));
	actor.actor_label = "cli";
	st = services_import(db, a, text, len, hex, &actor, &res, &rc);
	switch (st) {
	case SVC_IMPORT_OK:
		printf("agencies: created %lld, updated %lld, unchanged %lld; "
		    "services: created %lld, updated %lld, unchanged %lld; "
		    "areas: added %lld, unchanged %lld\n",
		    res.agencies_created, res.agencies_updated, res.agencies_unchanged,
		    res.services_created, res.services_updated, res.services_unchanged,
		    res.links_added, res.links_unchanged);
		status = 0;
		break;
	case SVC_IMPORT_INVALID:
		for (i = 0; i < res.nerrors; i++) {
			const struct svc_import_error *e = &res.errors[i];

			if (e->line > 0)
				fprintf(stderr, "line %zu: %s: %s (%s)\n", e->line, e->field,
				    e->reason, e->reason_fa);
			else
				fprintf(stderr, "%s: %s (%s)\n", e->field, e->reason,
				    e->reason_fa);
		}
		fprintf(stderr, "geps services: %s: refused; nothing was written\n", path);
		break;
	case SVC_IMPORT_DB:
	default:
		fprintf(stderr, "geps services: database error: %s; nothing was written\n",
		    db_errstr(db));
		break;
	}
out:
	if (db != NULL)
		db_free(db);
	if (a != NULL)
		arena_free(a);
	free(text);
	conf_free(conf);
	return status;
}

int
cmd_services(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "import") == 0 && argv[2][0] != '-')
		return cmd_import(argv[2]);
	return usage();
}
