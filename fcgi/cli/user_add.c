/*
 * `geps user add --role reviewer|hq --national-id ID --first-name NAME
 * --last-name NAME --mobile 09… [--email ADDR] [--region N]`: creates a staff
 * account.  Reviewers need a region (1..9), HQ staff must not have one.  The
 * account gets a random one-time secret, sent through the outbox by SMS (and by
 * email when given) and never printed; the first login forces a new password and
 * the enrolment of a second factor.  Prints the new user's id.  Options may also
 * be written --key=value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "model/import.h"
#include "model/stmts.h"


static const char usage[] =
    "usage: geps [-c FILE] user add --role reviewer|hq --national-id ID "
    "--first-name NAME --last-name NAME --mobile 09XXXXXXXXX [--email ADDR] "
    "[--region N]\n";

enum opt {
	OPT_ROLE,
	OPT_NATIONAL_ID,
	OPT_FIRST_NAME,
	OPT_LAST_NAME,
	OPT_MOBILE,
	OPT_EMAIL,
	OPT_REGION,
	OPT__MAX
};

static const char *const opt_names[OPT__MAX] = {
	[OPT_ROLE] = "role",
	[OPT_NATIONAL_ID] = "national-id",
	[OPT_FIRST_NAME] = "first-name",
	[OPT_LAST_NAME] = "last-name",
	[OPT_MOBILE] = "mobile",
	[OPT_EMAIL] = "email",
	[OPT_REGION] = "region",
};

/* Fills v[] from "--key value" and "--key=value"; -1 on an unknown or repeated key. */
static int
parse_opts(int argc, char **argv, const char *v[OPT__MAX])
{
	const char	*arg, *val, *eq;
	size_t		 klen;
	int		 i, k;

	for (k = 0; k < OPT__MAX; k++)
		v[k] = NULL;
	for (i = 2; i < argc; i++) {
		arg = argv[i];
		if (strncmp(arg, "--", 2) != 0)
			return -1;
		arg += 2;
		if ((eq = strchr(arg, '=')) != NULL) {
			klen = (size_t)(eq - arg);
			val = eq + 1;
		} else {
			klen = strlen(arg);
			if (i + 1 >= argc)
				return -1;
			val = argv[++i];
		}
		for (k = 0; k < OPT__MAX; k++)
			if (strlen(opt_names[k]) == klen &&
			    strncmp(opt_names[k], arg, klen) == 0)
				break;
		if (k == OPT__MAX || v[k] != NULL) {
			fprintf(stderr, "geps user add: unknown or repeated option --%.*s\n",
			    (int)klen, arg);
			return -1;
		}
		v[k] = val;
	}
	return 0;
}

int
cmd_user_add(int argc, char **argv)
{
	struct conf		*conf = NULL;
	struct db		*db = NULL;
	struct arena		*a = NULL;
	struct staff_new	 s;
	struct import_errors	 errs;
	enum import_status	 st;
	unsigned long long	 region = 0;
	const char		*v[OPT__MAX];
	char			 err[512];
	long long		 id;
	size_t			 i;
	int			 rc = 1;

	if (argc < 2 || strcmp(argv[1], "add") != 0 || parse_opts(argc, argv, v) != 0) {
		fputs(usage, stderr);
		return 2;
	}
	for (i = 0; i < OPT__MAX; i++)
		if (v[i] == NULL && i != OPT_EMAIL && i != OPT_REGION) {
			fprintf(stderr, "geps user add: --%s is required\n", opt_names[i]);
			fputs(usage, stderr);
			return 2;
		}
	if (v[OPT_REGION] != NULL && (http_parse_uint(v[OPT_REGION],
	    strlen(v[OPT_REGION]), 9, &region) != 0 || region == 0)) {
		fprintf(stderr, "geps user add: --region must be a number 1..9\n");
		return 1;
	}
	memset(&s, 0, sizeof(s));
	s.role = v[OPT_ROLE];
	s.national_id = v[OPT_NATIONAL_ID];
	s.first_name = v[OPT_FIRST_NAME];
	s.last_name = v[OPT_LAST_NAME];
	s.mobile = v[OPT_MOBILE];
	s.email = v[OPT_EMAIL];
	s.region_id = (long long)region;

	log_init("user", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps user add: %s\n", err);
		return 1;
	}
	a = arena_new(64 * 1024);
	db = db_new(conf, stmt_defs, STMT__MAX);
	if (db_connect(db) != DB_OK) {
		fprintf(stderr, "geps user add: cannot connect: %s\n", db_errstr(db));
		goto out;
	}
	st = staff_create(conf, db, a, &s, &id, &errs);
	switch (st) {
	case IMPORT_OK:
		printf("%lld\n", id);
		rc = 0;
		break;
	case IMPORT_INVALID:
		for (i = 0; i < errs.n; i++)
			fprintf(stderr, "geps user add: --%s: %s\n", errs.v[i].field,
			    errs.v[i].reason);
		break;
	case IMPORT_CRYPTO:
		fprintf(stderr, "geps user add: making the initial secret failed\n");
		break;
	case IMPORT_DB:
	default:
		fprintf(stderr, "geps user add: database error: %s\n", db_errstr(db));
		break;
	}
out:
	db_free(db);
	arena_free(a);
	conf_free(conf);
	return rc;
}
