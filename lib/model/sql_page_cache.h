/* Statements of the published pages' cache (see stmts.h for the format). */

/* The generation and the directory, read with a page's data (the primary key). */
STMT(STMT_PAGE_CACHE_GET,
    "SELECT generation, dir FROM page_cache WHERE id = 1",
    "", "is")
/*
 * A change of the published pages, in the changing transaction: the row stays
 * locked until it commits, which is how a worker's repair (below) knows a change is
 * in flight.
 */
STMT(STMT_PAGE_CACHE_BUMP,
    "UPDATE page_cache SET generation = generation + 1, invalidated_at = ?, "
    "invalidated_by = ? WHERE id = 1",
    "ss", "")
/* Where the files are: set by a worker whose directory is not the one recorded. */
STMT(STMT_PAGE_CACHE_SET_DIR,
    "UPDATE page_cache SET dir = ? WHERE id = 1",
    "s", "")
/*
 * The committed generation when no change holds the row (no row: one is in flight
 * and will point nginx at its own generation when it commits).
 */
STMT(STMT_PAGE_CACHE_LOCK_FREE,
    "SELECT generation, dir FROM page_cache WHERE id = 1 FOR UPDATE SKIP LOCKED",
    "", "is")
