/* Statements of the audit_log table (see stmts.h and lib/audit.c). */

/*
 * The tail of the chain, from its own row (sql/0005_audit_tail.sql), locked so that
 * appends inside transactions queue up and each reads the committed tail.
 */
STMT(STMT_AUDIT_TAIL,
    "SELECT row_hash FROM audit_tail WHERE id = 1 FOR UPDATE",
    "", "b")
STMT(STMT_AUDIT_TAIL_GET,
    "SELECT row_hash FROM audit_tail WHERE id = 1",
    "", "b")
STMT(STMT_AUDIT_TAIL_SET,
    "UPDATE audit_tail SET row_hash = ? WHERE id = 1",
    "b", "")

STMT(STMT_AUDIT_INSERT,
    "INSERT INTO audit_log (created_at, actor_user_id, actor_label, client_addr, "
    "action, entity_type, entity_id, old_json, new_json, prev_hash, row_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "sissssissbb", "")

/*
 * One page of the chain after id ?, for audit_verify.  created_at is read as the
 * same text that was hashed: "YYYY-MM-DD HH:MM:SS.ffffff".
 */
STMT(STMT_AUDIT_PAGE,
    "SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), actor_user_id, "
    "actor_label, client_addr, action, entity_type, entity_id, old_json, new_json, "
    "prev_hash, row_hash FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000",
    "i", "isissssissbb")

STMT(STMT_AUDIT_COUNT,
    "SELECT COUNT(*) FROM audit_log",
    "", "i")
