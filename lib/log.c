/*
 * Structured logging.  Each event is formatted into one buffer and written with a
 * single write(2), so lines from concurrent workers sharing standard error do not
 * interleave (writes below PIPE_BUF are atomic on pipes).
 */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static enum log_level	 log_min = LOG_INFO;
static const char	*log_rolename = "geps";

static const char *const log_names[LOG__MAX] = {
	"debug",	/* LOG_DEBUG */
	"info",		/* LOG_INFO */
	"warn",		/* LOG_WARN */
	"error",	/* LOG_ERR */
};

void
log_init(const char *role, enum log_level min)
{
	log_rolename = role;
	log_min = min;
}

void
log_role(const char *role)
{
	log_rolename = role;
}

int
log_level_parse(const char *s, enum log_level *out)
{
	int	 i;

	for (i = 0; i < LOG__MAX; i++)
		if (strcmp(s, log_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	return -1;
}

void
log_vmsg(enum log_level lvl, const char *event, const char *fmt, va_list ap)
{
	char		 line[2048];
	struct timeval	 tv;
	struct tm	 tm;
	int		 n, m;

	if (lvl < log_min || lvl >= LOG__MAX)
		return;
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	n = snprintf(line, sizeof(line),
	    "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s role=%s pid=%ld event=%s ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, (long)(tv.tv_usec / 1000), log_names[lvl], log_rolename,
	    (long)getpid(), event);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (m < 0)
		return;
	/* A cut line is still one line: truncate and terminate it. */
	if ((size_t)(n + m) >= sizeof(line) - 1)
		n = (int)sizeof(line) - 2;
	else
		n += m;
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, (size_t)n);
}

void
log_msg(enum log_level lvl, const char *event, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vmsg(lvl, event, fmt, ap);
	va_end(ap);
}

char *
log_esc(char *out, size_t outsz, const char *s)
{
	size_t	 i;

	if (outsz == 0)
		return out;
	if (s == NULL)
		s = "-";
	for (i = 0; s[i] != '\0' && i < outsz - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		out[i] = (c < 0x21 || c == 0x7f || c == '"' || c == '\\' ||
		    c == '=') ? '?' : (char)c;
	}
	out[i] = '\0';
	if (s[i] != '\0' && outsz > 4)
		memcpy(out + outsz - 4, "...", 4);
	if (i == 0 && outsz > 1) {
		out[0] = '-';
		out[1] = '\0';
	}
	return out;
}
