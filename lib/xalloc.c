/*
 * Allocation wrappers that turn out-of-memory into a clean process exit, and the
 * overflow checks every size computation in the tree goes through.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

void
xalloc_die(void)
{
	static const char msg[] = "level=fatal event=out_of_memory\n";

	/* write(2) rather than stdio: stdio may itself need memory. */
	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	abort();
}

int
mul_ok(size_t a, size_t b, size_t *out)
{
	if (b != 0 && a > SIZE_MAX / b)
		return 0;
	*out = a * b;
	return 1;
}

int
add_ok(size_t a, size_t b, size_t *out)
{
	if (a > SIZE_MAX - b)
		return 0;
	*out = a + b;
	return 1;
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		xalloc_die();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		xalloc_die();
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	size_t	 n;
	void	*q;

	if (!mul_ok(nmemb, size, &n))
		xalloc_die();
	if ((q = realloc(p, n == 0 ? 1 : n)) == NULL)
		xalloc_die();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	if (!add_ok(len, 1, &n))
		xalloc_die();
	p = xmalloc(n);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
