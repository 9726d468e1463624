/*
 * Allocation wrappers for long-lived memory.  Running out of memory is fatal:
 * a worker that cannot allocate logs and exits, and the master starts a new one.
 * Size arithmetic is overflow-checked here so that callers need not repeat it.
 */
#ifndef GEPS_XALLOC_H
#define GEPS_XALLOC_H

#include <stddef.h>

/* Each returns memory or aborts the process; none returns NULL. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t nmemb, size_t size);
void	*xreallocarray(void *p, size_t nmemb, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);

/* Stores a*b in *out and returns 1, or returns 0 when it would overflow. */
int	 mul_ok(size_t a, size_t b, size_t *out);
/* Stores a+b in *out and returns 1, or returns 0 when it would overflow. */
int	 add_ok(size_t a, size_t b, size_t *out);

/* Never returns: logs "out of memory" and aborts. */
void	 xalloc_die(void) __attribute__((noreturn));

#endif
