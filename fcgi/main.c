/*
 * geps: one binary, several subcommands (the tmux model: a table of commands, one
 * file per command).  `geps serve` is the FastCGI server; the rest are operator
 * commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "conf.h"
#include "serve.h"

const char *cli_conf_path;

void
cli_test_clock(const struct conf *conf)
{
	const char	*t = getenv("GEPS_TEST_NOW");

	clock_enable_test(conf->test_clock);
	if (t != NULL && *t != '\0')
		clock_override(strtoll(t, NULL, 10));
}

static int	 cmd_serve(int, char **);
static int	 cmd_help(int, char **);

struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*usage;
};

static const struct command commands[] = {
	{ "serve", cmd_serve, "serve                  run the FastCGI server (prefork)" },
	{ "migrate", cmd_migrate, "migrate [--demo]       apply SQL migrations and reference data" },
	{ "import-offices", cmd_import_offices,
	    "import-offices FILE.csv load the license registry (offices and licensees)" },
	{ "user", cmd_user_add,
	    "user add --role reviewer|hq --national-id ID --first-name N --last-name N\n"
	    "                         --mobile 09… [--email A] [--region 1-9]" },
	{ "outbox", cmd_outbox, "outbox send [--once]   deliver due SMS and email" },
	{ "audit", cmd_audit, "audit verify           check the audit log's hash chain" },
	{ "round", cmd_round,
	    "round create|open|extend|show  administer evaluation rounds" },
	{ "rank", cmd_rank, "rank CODE              score and rank every office of a round" },
	{ "publish", cmd_rank, "publish [--final] CODE publish a round's ranks (or final ranks)" },
	{ "export", cmd_rank,
	    "export CODE [--format csv|xlsx] [-o FILE]  a round's results with the breakdown" },
	{ "services", cmd_services,
	    "services import FILE  the service catalogue and the services of each area" },
	{ "evidence", cmd_evidence,
	    "evidence check [--clean] [--grace S]  compare the evidence store with the database" },
	{ "demo-accounts", cmd_demo_accounts,
	    "demo-accounts OUT.tsv  give three demo accounts known passwords (demo data only)" },
	{ "jalali", cmd_jalali, "jalali [DATE...]       convert Gregorian <-> Jalali dates" },
	{ "check-national-id", cmd_check_national_id,
	    "check-national-id [ID...] check national IDs (کد ملی)" },
	{ "check-sql", cmd_check_sql,
	    "check-sql              prepare every statement against the database" },
	{ "help", cmd_help, "help                   this list" },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static int
cmd_help(int argc, char **argv)
{
	size_t	 i;

	(void)argc;
	(void)argv;
	printf("usage: geps [-c FILE] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %s\n", commands[i].usage);
	return 0;
}

static int
cmd_serve(int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "usage: geps [-c FILE] serve\n");
		return 2;
	}
	(void)argv;
	return serve_main(cli_conf_path);
}

int
main(int argc, char **argv)
{
	size_t	 i;
	const char *env;

	cli_conf_path = (env = getenv("GEPS_CONF")) != NULL && *env != '\0' ?
	    env : GEPS_SYSCONFDIR "/geps.conf";
	argc--;
	argv++;
	if (argc >= 2 && strcmp(argv[0], "-c") == 0) {
		cli_conf_path = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc < 1) {
		cmd_help(0, NULL);
		return 2;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			return commands[i].fn(argc, argv);
	fprintf(stderr, "geps: unknown command \"%s\" (try geps help)\n", argv[0]);
	return 2;
}
