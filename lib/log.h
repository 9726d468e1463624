/*
 * Structured logs: one line per event on standard error, "key=value" pairs after a
 * timestamp, level and pid.  Callers pass the pairs as a printf format; values that
 * come from outside must go through log_esc() first so that a request cannot forge
 * log lines.  Never log a password, a token or a full national ID.
 */
#ifndef GEPS_LOG_H
#define GEPS_LOG_H

#include <stdarg.h>
#include <stddef.h>

enum log_level {
	LOG_DEBUG,
	LOG_INFO,
	LOG_WARN,
	LOG_ERR,
	LOG__MAX
};

/* Sets the lowest level written and the program role shown in every line. */
void	 log_init(const char *role, enum log_level min);
/* Changes the role tag (the master says "master", workers "worker"). */
void	 log_role(const char *role);
/* Parses "debug", "info", "warn" or "error"; returns -1 if unknown. */
int	 log_level_parse(const char *s, enum log_level *out);

/* Writes "ts=… level=… role=… pid=… event=EVENT " followed by the formatted pairs. */
void	 log_msg(enum log_level, const char *event, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 log_vmsg(enum log_level, const char *event, const char *fmt, va_list)
	    __attribute__((format(printf, 3, 0)));

#define log_debug(ev, ...)	log_msg(LOG_DEBUG, (ev), __VA_ARGS__)
#define log_info(ev, ...)	log_msg(LOG_INFO, (ev), __VA_ARGS__)
#define log_warn(ev, ...)	log_msg(LOG_WARN, (ev), __VA_ARGS__)
#define log_err(ev, ...)	log_msg(LOG_ERR, (ev), __VA_ARGS__)

/*
 * Copies s into out (of outsz bytes, always NUL-terminated) so that it is safe as a
 * log value: bytes below 0x21, DEL, '"', '\\' and '=' become '?', and long values are
 * cut with a trailing "...".  Returns out.
 */
char	*log_esc(char *out, size_t outsz, const char *s);

#endif
