/*
 * The published pages' cache: a province's list of ranks and an office's
 * verification are read far more often than they change (HQ publishes the first
 * or the final ranks, a region decides an objection), by anyone, so nginx keeps
 * them in its fastcgi_cache (conf/nginx/geps-app.conf.in) and answers most
 * requests without asking geps.  This module makes that cache never stale after
 * such a change.
 *
 * The key.  nginx keys every page with $realpath_root of the directory
 * <evidence_dir>/pages/current, a symlink to g<N>: the generation N is part of the
 * key, and nginx passes it to geps as GEPS_PAGE_ROOT.  The table page_cache holds
 * N.  A change of the published pages increments it in the changing transaction
 * and, before that commits, points "current" at a new g<N+1>
 * (page_cache_invalidate()): from then on nginx looks every page up under new keys,
 * and what it stored before is never served again.
 *
 * The race.  A page rendered while the change is in flight would be stored under
 * the new key with the old data.  So a worker reads the table's generation before
 * and after the page's data, and lets nginx store the page (no X-Accel-Expires: 0)
 * only if both equal the generation of the key: a page read from data older than a
 * change is never stored under a key of that change's generation.
 *
 * Time.  Changes that do not go through page_cache_invalidate() (an office renamed
 * or suspended) show when nginx refreshes the page (fastcgi_cache_valid, 100 s,
 * refreshed in the background while the old copy is served).  A "current" that
 * disagrees with the table (a change rolled back after moving it, a lost symlink)
 * is repaired by the next worker that sees it while no change holds the row.
 *
 * No state lives in a process: the table, the symlink on the shared evidence store
 * and nginx's cache are the cache, so any number of workers and hosts share it
 * (DESIGN.md, Scale).
 */
#ifndef GEPS_MODEL_PAGE_CACHE_H
#define GEPS_MODEL_PAGE_CACHE_H

#include <stdint.h>

#include "db.h"

struct arena;

/* One page being rendered: filled by page_cache_begin(). */
struct page_cache_slot {
	int		 on;		/* 0: the page must not be stored */
	long long	 gen;		/* the generation of nginx's key, read in the table */
};

/*
 * The generation named by nginx's GEPS_PAGE_ROOT parameter ("<dir>/g<N>", the
 * realpath of "current"), or 0 when root is NULL or is not such a path.
 */
long long	 page_cache_key_gen(const char *root);

/*
 * Before rendering a cacheable page whose cache key has generation keyed (0: nginx
 * gave none): reads the table's generation through db (the connection the page
 * reads its data from, perhaps a replica), records the cache's directory
 * <evidence_dir>/pages in the table through primary when it is not this one's, and
 * repairs "current" (through primary, under the row's lock) when it disagrees with
 * the table.  Never fails the page: a problem only means the page is not stored.
 */
void		 page_cache_begin(struct db *db, struct db *primary, struct arena *,
		    const char *evidence_dir, long long keyed, struct page_cache_slot *);
/*
 * After rendering: 1 when the table's generation, read again through db, is still
 * the key's, so that nginx may store the page; else 0.
 */
int		 page_cache_end(struct db *db, struct arena *, struct page_cache_slot *);

/*
 * The published pages change: call inside the changing transaction, last before
 * its commit (the row's lock is then held the shortest time, and is always the
 * last one taken).  Increments the generation (what: "round.publish", …, for the
 * table; now: the request's clock) and points "current" at the new generation.
 * When "current" cannot be moved it is removed (nginx then asks geps for every
 * page, uncached, until a worker repairs it); when even that fails, returns
 * DB_ERROR so that the caller rolls back rather than leave stale pages served.
 */
enum db_err	 page_cache_invalidate(struct db *, struct arena *, int64_t now,
		    const char *what);

#endif
