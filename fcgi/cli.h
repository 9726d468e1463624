/*
 * The subcommands of the geps binary, one file each under fcgi/cli/ (serve is in
 * fcgi/serve.c).  Each takes argv with argv[0] being the subcommand's name and
 * returns the process exit status.
 */
#ifndef GEPS_CLI_H
#define GEPS_CLI_H

/* The configuration file: -c FILE, else $GEPS_CONF, else SYSCONFDIR/geps.conf. */
extern const char *cli_conf_path;

struct conf;
/*
 * With test_clock on in conf (never in production), GEPS_TEST_NOW=<unix seconds>
 * sets the time the command believes it is, as X-Geps-Test-Now does for a request.
 */
void	 cli_test_clock(const struct conf *);

int	 cmd_jalali(int, char **);
int	 cmd_check_national_id(int, char **);
int	 cmd_migrate(int, char **);
int	 cmd_import_offices(int, char **);
int	 cmd_user_add(int, char **);
int	 cmd_outbox(int, char **);
int	 cmd_audit(int, char **);
int	 cmd_demo_accounts(int, char **);
int	 cmd_evidence(int, char **);
int	 cmd_round(int, char **);
int	 cmd_services(int, char **);
/* rank.c: rank, publish and export share one entry; argv[0] tells which. */
int	 cmd_rank(int, char **);
int	 cmd_check_sql(int, char **);

#endif
