/* Statements of sessions (see stmts.h for the format). */
STMT(STMT_SESSION_INSERT,
    "INSERT INTO sessions (token_hash, user_id, csrf_secret, mfa_at, created_at, "
    "last_seen_at, expires_at, client_addr, user_agent) "
    "VALUES (?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?)",
    "bibssssss", "")
/* A live session by its token hash: not past its absolute or idle limit. */
STMT(STMT_SESSION_LOAD,
    "SELECT s.id, s.user_id, s.csrf_secret, s.mfa_at IS NOT NULL, s.last_seen_at < ?, "
    "u.role, COALESCE(u.region_id, 0), u.national_id, u.first_name, u.last_name, "
    "u.password_kind, u.totp_enrolled_at IS NOT NULL "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? "
    "AND u.disabled_at IS NULL",
    "sbss", "iibiisissssi")
STMT(STMT_SESSION_TOUCH,
    "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
    "si", "")
STMT(STMT_SESSION_ROTATE,
    "UPDATE sessions SET token_hash = ?, csrf_secret = ?, mfa_at = NULLIF(?, ''), "
    "last_seen_at = ? WHERE id = ?",
    "bbssi", "")
STMT(STMT_SESSION_DELETE,
    "DELETE FROM sessions WHERE id = ?",
    "i", "")
STMT(STMT_SESSION_DELETE_USER_ID,
    "DELETE FROM sessions WHERE id = ? AND user_id = ?",
    "ii", "")
STMT(STMT_SESSION_DELETE_OTHERS,
    "DELETE FROM sessions WHERE user_id = ? AND id <> ?",
    "ii", "")
STMT(STMT_SESSION_DELETE_ALL,
    "DELETE FROM sessions WHERE user_id = ?",
    "i", "")
STMT(STMT_SESSION_LIST,
    "SELECT id, created_at, last_seen_at, client_addr, user_agent FROM sessions "
    "WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY last_seen_at DESC "
    "LIMIT 50",
    "iss", "issss")
