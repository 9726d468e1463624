-- 0008_review_queue: the regional review queue (/review) read from one index in its
-- display order.
--
-- The queue shows a region's files of a round most urgent first: due date (none
-- last), then submission time (none last), then id.  The region lives in provinces,
-- so the queue had to join every file of the region's provinces and sort them all
-- to show 50.  Here a file carries its region, and the two sort keys without their
-- NULLs, so that (round_id, region_id, queue_due, queue_sub, id) is the display
-- order and the queue reads a page and stops.
--
-- The region is a copy that every INSERT gives and the database checks and keeps:
-- offices.region_id must equal its province's region (composite foreign key to
-- provinces (id, region_id)), and declarations carry (office_id, province_id,
-- region_id) as one composite foreign key to offices, where they carried
-- (office_id, province_id).  Both cascade on update, so HQ moving a province to
-- another region, or the registry import moving an office to a province of another
-- region, updates every file in the same statement.  The office carries the region
-- too because a file's province follows its office by cascade: with a key from the
-- file straight to provinces, moving an office to another region would change the
-- file's province without its region and be refused.
--
-- The region's counts per province and state (shown above the queue, and its total
-- when no other filter is set) become one contiguous read of
-- ix_declarations_region_counts in GROUP BY order, which replaces
-- ix_declarations_queue (round_id, province_id, state, due_date): the queue no
-- longer reads by province, and the other readers by round and province have
-- ix_declarations_public.
--
-- The sort keys replace NULL by the largest value of the type; the CHECKs keep
-- those values out of the real columns, so the order is exactly the old
-- ORDER BY due_date IS NULL, due_date, submitted_at IS NULL, submitted_at, id.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

ALTER TABLE provinces
  ADD UNIQUE KEY uq_provinces_id_region (id, region_id) COMMENT 'Target of offices(province_id, region_id)';

ALTER TABLE offices
  ADD COLUMN region_id TINYINT UNSIGNED NULL AFTER province_id;

ALTER TABLE declarations
  ADD COLUMN region_id TINYINT UNSIGNED NULL AFTER province_id,
  ADD COLUMN queue_due DATE AS (COALESCE(due_date, '9999-12-31')) PERSISTENT
    COMMENT 'Generated: due_date, none last; the review queue''s first sort key' AFTER due_date,
  ADD COLUMN queue_sub DATETIME(6) AS (COALESCE(submitted_at, '9999-12-31 23:59:59.999999')) PERSISTENT
    COMMENT 'Generated: submitted_at, never last; the review queue''s second sort key' AFTER submitted_at;

-- The copies, without moving updated_at (it records real changes only).
UPDATE offices o JOIN provinces p ON p.id = o.province_id
  SET o.region_id = p.region_id, o.updated_at = o.updated_at;
UPDATE declarations d JOIN provinces p ON p.id = d.province_id
  SET d.region_id = p.region_id, d.updated_at = d.updated_at;

ALTER TABLE offices
  MODIFY region_id TINYINT UNSIGNED NOT NULL
    COMMENT 'Copy of the province''s region, kept equal by the composite foreign key (ON UPDATE CASCADE); carried into declarations for the review queue',
  DROP KEY uq_offices_id_province,
  ADD UNIQUE KEY uq_offices_id_place (id, province_id, region_id) COMMENT 'Target of declarations(office_id, province_id, region_id)',
  ADD CONSTRAINT fk_offices_province_region FOREIGN KEY (province_id, region_id)
    REFERENCES provinces (id, region_id) ON UPDATE CASCADE;

ALTER TABLE declarations
  DROP FOREIGN KEY fk_declarations_office;

ALTER TABLE declarations
  MODIFY region_id TINYINT UNSIGNED NOT NULL
    COMMENT 'Copy of offices.region_id (the province''s region), kept equal by the composite foreign key (ON UPDATE CASCADE); the review queue''s key',
  DROP KEY ix_declarations_office_province,
  ADD KEY ix_declarations_office_place (office_id, province_id, region_id),
  ADD KEY ix_declarations_region_queue (round_id, region_id, queue_due, queue_sub, id)
    COMMENT 'The review queue of a region in display order',
  DROP KEY ix_declarations_queue,
  ADD KEY ix_declarations_region_counts (round_id, region_id, province_id, state)
    COMMENT 'The files of a region per province and state (the queue''s counts and total), read in group order',
  ADD CONSTRAINT fk_declarations_office FOREIGN KEY (office_id, province_id, region_id)
    REFERENCES offices (id, province_id, region_id) ON UPDATE CASCADE,
  ADD CONSTRAINT ck_declarations_queue_due CHECK (due_date IS NULL OR due_date < '9999-12-31'),
  ADD CONSTRAINT ck_declarations_queue_sub CHECK (submitted_at IS NULL OR submitted_at < '9999-12-31 23:59:59.999999');
