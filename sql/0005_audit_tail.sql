-- The tail of the audit chain in a row of its own.  Every append locks this row
-- (SELECT ... FOR UPDATE), inserts the new audit_log row and moves the tail, all in
-- the caller's transaction: concurrent appends then queue up on the lock and each
-- reads the committed tail, instead of racing for the last audit_log row and
-- colliding on uq_audit_log_prev_hash (which still guards the chain).
CREATE TABLE audit_tail (
  id TINYINT UNSIGNED NOT NULL,
  row_hash BINARY(32) NOT NULL COMMENT 'row_hash of the newest audit_log row; 32 zero bytes before the first',
  PRIMARY KEY (id),
  CONSTRAINT ck_audit_tail_one CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci
  COMMENT='One row: the hash of the last audit_log row, the lock that serialises appends';

INSERT INTO audit_tail (id, row_hash)
SELECT 1, COALESCE((SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1), UNHEX(REPEAT('00', 32)));
