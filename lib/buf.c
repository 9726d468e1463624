/*
 * Growable buffer.  Capacity doubles; every size computation is overflow-checked and
 * failure to grow is fatal, so callers never handle a half-appended buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "xalloc.h"

void
buf_init(struct buf *b, struct arena *a)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->arena = a;
}

void
buf_free(struct buf *b)
{
	if (b->arena == NULL)
		free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t n)
{
	size_t	 need, cap;

	/* One extra byte for the terminating NUL. */
	if (!add_ok(b->len, n, &need) || !add_ok(need, 1, &need))
		xalloc_die();
	if (need <= b->cap)
		return;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		if (!mul_ok(cap, 2, &cap))
			xalloc_die();
	if (b->arena != NULL)
		b->data = arena_realloc(b->arena, b->data, b->cap, cap);
	else
		b->data = xreallocarray(b->data, cap, 1);
	b->cap = cap;
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xalloc_die();
	buf_reserve(b, (size_t)n);
	if (vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap) != n)
		xalloc_die();
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
buf_cstr(struct buf *b)
{
	if (b->data == NULL)
		return "";
	return b->data;
}
