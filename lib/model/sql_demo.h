/* Statements of `geps demo-accounts` (see stmts.h for the format). */
STMT(STMT_DEMO_PICK,
    "SELECT u.id, u.national_id FROM users u WHERE u.role = ? AND u.disabled_at IS NULL "
    "AND (u.role <> 'licensee' OR EXISTS (SELECT 1 FROM offices o WHERE o.licensee_user_id = u.id)) "
    "AND (u.role <> 'reviewer' OR u.region_id = 1) ORDER BY u.id LIMIT 1",
    "s", "is")
STMT(STMT_DEMO_SET,
    "UPDATE users SET password_hash = ?, password_kind = 'chosen', initial_secret_hash = NULL, "
    "prev_password_hash = NULL, password_changed_at = UTC_TIMESTAMP(6), totp_secret = ?, "
    "totp_enrolled_at = IF(? = '', NULL, UTC_TIMESTAMP(6)), totp_last_step = NULL "
    "WHERE id = ?",
    "sbsi", "")
