/* Statements of the account page and the HQ pages: staff, regions, audit browsing. */

/* The signed-in user's own account, for the account page. */
STMT(STMT_ACCOUNT_GET,
    "SELECT u.national_id, u.role, u.first_name, u.last_name, COALESCE(u.mobile, ''), "
    "COALESCE(u.email, ''), COALESCE(r.name, '') "
    "FROM users u LEFT JOIN regions r ON r.id = u.region_id WHERE u.id = ?",
    "i", "sssssss")

/* Reviewers and HQ accounts; times as unix seconds (the connection is in UTC). */
STMT(STMT_STAFF_LIST,
    "SELECT u.id, u.national_id, u.role, COALESCE(u.region_id, 0), COALESCE(r.name, ''), "
    "u.first_name, u.last_name, u.totp_enrolled_at IS NOT NULL, "
    "COALESCE(TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', u.last_login_at), 0), "
    "u.disabled_at IS NOT NULL "
    "FROM users u LEFT JOIN regions r ON r.id = u.region_id "
    "WHERE u.role IN ('reviewer', 'hq') "
    "ORDER BY u.role = 'reviewer', u.region_id, u.last_name, u.first_name, u.id "
    "LIMIT 1000",
    "", "ississsiii")

STMT(STMT_REGION_LIST,
    "SELECT id, name, seat_city_name FROM regions ORDER BY id",
    "", "iss")

/* A new staff account with a one-time initial secret (password_kind initial). */
STMT(STMT_STAFF_INSERT,
    "INSERT INTO users (national_id, role, region_id, first_name, last_name, mobile, "
    "email, password_hash, password_kind, initial_secret_hash) "
    "VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, ''), ?, 'initial', ?)",
    "ssissssss", "")

STMT(STMT_STAFF_NID_EXISTS,
    "SELECT id FROM users WHERE national_id = ?",
    "s", "i")

/*
 * One page of the audit log, newest first, before row id ? (keyset paging).  Empty
 * action and actor match everything; the time range is in UTC.
 */
STMT(STMT_AUDIT_BROWSE,
    "SELECT a.id, TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', a.created_at), "
    "COALESCE(a.actor_user_id, 0), a.actor_label, COALESCE(u.first_name, ''), "
    "COALESCE(u.last_name, ''), a.client_addr, a.action, a.entity_type, "
    "COALESCE(a.entity_id, 0), COALESCE(a.old_json, ''), COALESCE(a.new_json, '') "
    "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id "
    "WHERE a.id < ? AND (? = '' OR a.action = ?) AND (? = '' OR u.national_id = ?) "
    "AND a.created_at >= ? AND a.created_at <= ? "
    "ORDER BY a.id DESC LIMIT ?",
    "issssssi", "iiissssssiss")
