/*
 * A region allocator for per-request memory.  Everything a request allocates comes
 * from its arena and is released at once by arena_reset() after the response, so a
 * request cannot leak.  Allocation failure is fatal (see xalloc.h).
 */
#ifndef GEPS_ARENA_H
#define GEPS_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new arena whose chunks are at least chunk bytes; free with arena_free(). */
struct arena	*arena_new(size_t chunk);
/* Releases the arena and all memory it handed out. */
void		 arena_free(struct arena *);
/* Forgets every allocation but keeps the first chunk for reuse. */
void		 arena_reset(struct arena *);
/* Total bytes currently reserved from the system (for limits and logs). */
size_t		 arena_reserved(const struct arena *);

/* n bytes aligned for any type; never NULL. */
void		*arena_alloc(struct arena *, size_t n);
/* nmemb*size zeroed bytes; the product is overflow-checked. */
void		*arena_calloc(struct arena *, size_t nmemb, size_t size);
/* Grows p (of old bytes, from this arena) to n bytes, copying. */
void		*arena_realloc(struct arena *, void *p, size_t old, size_t n);
/* NUL-terminated copies. */
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
/* A formatted string, NUL-terminated. */
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

#endif
