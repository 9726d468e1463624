-- 0007_page_cache: the state of the published pages' cache (lib/model/page_cache.h).
-- nginx serves a province's list and an office's verification from files geps
-- wrote under <evidence_dir>/pages/current/; this one row says which generation of
-- those files is valid and where they are.  A publication or an objection decision
-- increments the generation in its own transaction and points "current" at a new,
-- empty generation before it commits; a worker stores a page it rendered only if
-- the generation it read with the page's data is the one nginx serves.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE page_cache (
  id TINYINT UNSIGNED NOT NULL COMMENT 'Always 1: one cache',
  generation BIGINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'Incremented by every change of the published pages; names the directory g<generation>',
  dir VARCHAR(1024) NOT NULL DEFAULT '' COMMENT 'The directory of the cache files (<evidence_dir>/pages on the shared evidence store), set by the first worker that stores a page; empty: nothing stored yet, nothing to retire',
  invalidated_at DATETIME(6) NULL COMMENT 'Last increment',
  invalidated_by VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '' COMMENT 'What incremented it last: round.publish, round.publish_final, objection.accept, objection.reject',
  PRIMARY KEY (id),
  CONSTRAINT ck_page_cache_one CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='The generation of the published pages cached as files for nginx (one row)';

INSERT INTO page_cache (id, generation) VALUES (1, 1);
