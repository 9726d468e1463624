-- 0006_ranking: ranking a round reads every value of the round in file order
-- (lib/model/ranking.c streams it against the list of files); without this index
-- that is a scan of every round's values and a sort.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;

ALTER TABLE declaration_values
  ADD KEY ix_declaration_values_round (round_id, declaration_id);
