/*
 * Region allocator: a list of chunks, bump allocation inside the newest one.  Large
 * requests get a chunk of their own so that a 1 MiB body does not waste a default
 * chunk.  Reset keeps the first chunk, which is usually enough for a whole request.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

struct chunk {
	struct chunk	*next;
	size_t		 size;	/* usable bytes after the header */
	size_t		 used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk	*head;	/* newest chunk first */
	struct chunk	*first;	/* the oldest, kept by reset */
	struct chunk	*big;	/* chunks made for one large allocation each */
	size_t		 chunk;
	size_t		 reserved;
};

#define ALIGN	(alignof(max_align_t))

static struct chunk *
chunk_new(struct arena *a, size_t size)
{
	struct chunk	*c;
	size_t		 total;

	if (!add_ok(sizeof(*c), size, &total))
		xalloc_die();
	c = xmalloc(total);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	a->reserved += total;
	return c;
}

struct arena *
arena_new(size_t chunk)
{
	struct arena	*a;

	a = xcalloc(1, sizeof(*a));
	a->chunk = chunk < 1024 ? 1024 : chunk;
	a->first = a->head = chunk_new(a, a->chunk);
	return a;
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	for (c = a->big; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void
arena_reset(struct arena *a)
{
	struct chunk	*c, *next;

	for (c = a->head; c != a->first; c = next) {
		next = c->next;
		a->reserved -= sizeof(*c) + c->size;
		free(c);
	}
	for (c = a->big; c != NULL; c = next) {
		next = c->next;
		a->reserved -= sizeof(*c) + c->size;
		free(c);
	}
	a->big = NULL;
	a->head = a->first;
	a->first->next = NULL;
	a->first->used = 0;
}

size_t
arena_reserved(const struct arena *a)
{
	return a->reserved;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c;
	size_t		 need;

	/* Round up so that the next allocation stays aligned. */
	if (!add_ok(n, ALIGN - 1, &need))
		xalloc_die();
	need &= ~(ALIGN - 1);
	if (need == 0)
		need = ALIGN;

	c = a->head;
	if (c->size - c->used < need) {
		/*
		 * A big request gets a chunk of its own, kept on a separate list,
		 * so that the head's free space stays usable for small ones.
		 */
		if (need > a->chunk / 4) {
			c = chunk_new(a, need);
			c->next = a->big;
			a->big = c;
			c->used = need;
			return c->data;
		}
		c = chunk_new(a, a->chunk);
		c->next = a->head;
		a->head = c;
	}
	c->used += need;
	return c->data + c->used - need;
}

void *
arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	size_t	 n;
	void	*p;

	if (!mul_ok(nmemb, size, &n))
		xalloc_die();
	p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

void *
arena_realloc(struct arena *a, void *p, size_t old, size_t n)
{
	void	*q;

	if (n <= old && p != NULL)
		return p;
	q = arena_alloc(a, n);
	if (p != NULL && old > 0)
		memcpy(q, p, old);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t	 len, sz;
	char	*p;

	len = strnlen(s, n);
	if (!add_ok(len, 1, &sz))
		xalloc_die();
	p = arena_alloc(a, sz);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xalloc_die();
	p = arena_alloc(a, (size_t)n + 1);
	if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n)
		xalloc_die();
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
