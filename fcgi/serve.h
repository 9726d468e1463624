/*
 * `geps serve`: the prefork master.
 */
#ifndef GEPS_SERVE_H
#define GEPS_SERVE_H

/* Runs the master until SIGTERM/SIGINT; returns the process exit status. */
int	 serve_main(const char *conf_path);

#endif
