/*
 * A growable byte buffer that carries its length, for building output (pages,
 * headers, SQL parameters).  Backed by an arena (per-request) or by malloc
 * (long-lived, when arena is NULL).  The contents are always NUL-terminated so
 * buf_cstr() is free; embedded NULs are allowed and counted in len.
 */
#ifndef GEPS_BUF_H
#define GEPS_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct buf {
	char		*data;
	size_t		 len;
	size_t		 cap;
	struct arena	*arena;	/* NULL: malloc-backed, release with buf_free() */
};

/* An empty buffer; no allocation until the first append. */
void	 buf_init(struct buf *, struct arena *);
/* Releases a malloc-backed buffer (a no-op for arena-backed ones). */
void	 buf_free(struct buf *);
/* Empties the buffer and keeps its storage. */
void	 buf_clear(struct buf *);
/* Makes room for n more bytes. */
void	 buf_reserve(struct buf *, size_t n);
void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* The contents as a C string (never NULL). */
const char *buf_cstr(struct buf *);

#endif
