/*
 * The C API over ctemplate, in the manner of leveldb's c.h: opaque handles, pointer
 * plus length, errors as return values, no C++ exception ever crossing into C.
 * Templates are loaded once at start (view_init) and the cache is frozen, so a
 * request never touches the disk.  Pages are expanded into a buffer and sent only
 * when the expansion succeeded.
 */
#ifndef GEPS_VIEW_H
#define GEPS_VIEW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct buf;
struct view_dict;

/*
 * Loads and checks every *.tpl file in dir (each must start with the AUTOESCAPE
 * pragma), then freezes the template cache.  Returns 0, or -1 with a message in err.
 */
int	 view_init(const char *dir, char *err, size_t errsz);

/* A new root dictionary; the caller frees it with view_dict_free(). */
struct view_dict *view_dict_new(const char *name);
/* Frees a root dictionary and every section or include dictionary under it. */
void	 view_dict_free(struct view_dict *);

/* Sets a variable; the value is copied (and escaped at expansion, never here). */
void	 view_set(struct view_dict *, const char *key, const char *val);
void	 view_setn(struct view_dict *, const char *key, const char *val, size_t len);
void	 view_set_int(struct view_dict *, const char *key, long long);
/* Shows a section once with no values of its own. */
void	 view_show(struct view_dict *, const char *section);
/* Adds one repetition of a section and returns its dictionary (owned by the parent). */
struct view_dict *view_section(struct view_dict *, const char *section);
/* Adds the include "name" to be filled from file; returns its dictionary. */
struct view_dict *view_include(struct view_dict *, const char *name, const char *file);

/*
 * Expands template file with dict, appending to out.  Returns 0, or -1 when the
 * template is unknown or expansion failed; on failure out is left as it was.
 */
int	 view_expand(const char *file, const struct view_dict *, struct buf *out);

#ifdef __cplusplus
}
#endif

#endif
