/* Statements of users and login throttling (see stmts.h for the format). */

/* Everything sign-in needs about an account, by national ID. */
STMT(STMT_USER_BY_NID,
    "SELECT id, national_id, role, COALESCE(region_id, 0), first_name, last_name, "
    "COALESCE(mobile, ''), COALESCE(email, ''), COALESCE(password_hash, ''), "
    "password_kind, COALESCE(initial_secret_hash, ''), COALESCE(prev_password_hash, ''), "
    "COALESCE(totp_secret, ''), totp_enrolled_at IS NOT NULL, COALESCE(totp_last_step, 0), "
    "disabled_at IS NOT NULL "
    "FROM users WHERE national_id = ?",
    "s", "isssssssssssbiii")
STMT(STMT_USER_BY_ID,
    "SELECT id, national_id, role, COALESCE(region_id, 0), first_name, last_name, "
    "COALESCE(mobile, ''), COALESCE(email, ''), COALESCE(password_hash, ''), "
    "password_kind, COALESCE(initial_secret_hash, ''), COALESCE(prev_password_hash, ''), "
    "COALESCE(totp_secret, ''), totp_enrolled_at IS NOT NULL, COALESCE(totp_last_step, 0), "
    "disabled_at IS NOT NULL "
    "FROM users WHERE id = ? FOR UPDATE",
    "i", "isssssssssssbiii")
STMT(STMT_USER_SET_PASSWORD,
    "UPDATE users SET password_hash = ?, password_kind = 'chosen', "
    "prev_password_hash = ?, password_changed_at = ? WHERE id = ?",
    "sssi", "")
STMT(STMT_USER_LOGGED_IN,
    "UPDATE users SET last_login_at = ? WHERE id = ?",
    "si", "")
STMT(STMT_USER_SET_TOTP_PENDING,
    "UPDATE users SET totp_secret = ?, totp_enrolled_at = NULL, totp_last_step = NULL "
    "WHERE id = ? AND totp_enrolled_at IS NULL",
    "bi", "")
STMT(STMT_USER_TOTP_ENROLLED,
    "UPDATE users SET totp_enrolled_at = ?, totp_last_step = ? WHERE id = ?",
    "sii", "")
STMT(STMT_USER_TOTP_STEP,
    "UPDATE users SET totp_last_step = ? WHERE id = ? AND COALESCE(totp_last_step, 0) < ?",
    "iii", "")
STMT(STMT_USER_TOTP_RESET,
    "UPDATE users SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL "
    "WHERE id = ? AND role IN ('reviewer', 'hq')",
    "i", "")

/* Throttling: one row per scope and subject. */
STMT(STMT_THROTTLE_GET,
    "SELECT failures, window_start_at, COALESCE(locked_until_at, '') "
    "FROM login_throttle WHERE scope = ? AND subject = ?",
    "ss", "iss")
STMT(STMT_THROTTLE_PUT,
    "INSERT INTO login_throttle (scope, subject, failures, window_start_at, "
    "last_failure_at, locked_until_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, '')) "
    "ON DUPLICATE KEY UPDATE failures = VALUES(failures), "
    "window_start_at = VALUES(window_start_at), last_failure_at = VALUES(last_failure_at), "
    "locked_until_at = VALUES(locked_until_at)",
    "ssisss", "")
STMT(STMT_THROTTLE_CLEAR,
    "DELETE FROM login_throttle WHERE scope = ? AND subject = ?",
    "ss", "")

/* Password reset codes. */
STMT(STMT_RESET_INSERT,
    "INSERT INTO password_resets (user_id, code_hash, created_at, expires_at, client_addr) "
    "VALUES (?, ?, ?, ?, ?)",
    "ibsss", "")
STMT(STMT_RESET_EXPIRE_OLD,
    "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
    "si", "")
STMT(STMT_RESET_NEWEST,
    "SELECT id, code_hash, attempts, expires_at > ? FROM password_resets "
    "WHERE user_id = ? AND used_at IS NULL ORDER BY id DESC LIMIT 1 FOR UPDATE",
    "si", "ibii")
STMT(STMT_RESET_ATTEMPT,
    "UPDATE password_resets SET attempts = attempts + 1 WHERE id = ? AND attempts < 5",
    "i", "")
STMT(STMT_RESET_USE,
    "UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL",
    "si", "")
STMT(STMT_RESET_BY_ID,
    "SELECT user_id, used_at IS NOT NULL FROM password_resets WHERE id = ? FOR UPDATE",
    "i", "ii")
STMT(STMT_RESET_DELETE_USER,
    "DELETE FROM password_resets WHERE user_id = ?",
    "i", "")
