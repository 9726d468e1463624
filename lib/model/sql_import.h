/*
 * Statements of the registry import and of staff creation (see stmts.h for the
 * format).  The reference data is read whole once per import and matched in
 * memory; accounts and offices are read one by one, with FOR UPDATE inside the
 * transaction that writes them.
 */

STMT(STMT_IMPORT_PROVINCES,
    "SELECT id, code, name FROM provinces",
    "", "iss")
STMT(STMT_IMPORT_CITIES,
    "SELECT id, province_id, code, kind, name FROM cities",
    "", "iisss")
STMT(STMT_IMPORT_REGION_EXISTS,
    "SELECT id FROM regions WHERE id = ?",
    "i", "i")

/* An account by national ID: what the import compares and may update. */
STMT(STMT_IMPORT_USER_GET,
    "SELECT id, role, first_name, last_name, COALESCE(mobile, ''), COALESCE(email, '') "
    "FROM users WHERE national_id = ?",
    "s", "isssss")
STMT(STMT_IMPORT_USER_LOCK,
    "SELECT id, role, first_name, last_name, COALESCE(mobile, ''), COALESCE(email, '') "
    "FROM users WHERE national_id = ? FOR UPDATE",
    "s", "isssss")
/* A new account with a one-time initial secret (licensee, reviewer or hq). */
STMT(STMT_IMPORT_USER_INSERT,
    "INSERT INTO users (national_id, role, region_id, first_name, last_name, mobile, "
    "email, password_hash, password_kind, initial_secret_hash) "
    "VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, ''), ?, 'initial', ?)",
    "ssissssss", "")
STMT(STMT_IMPORT_USER_UPDATE,
    "UPDATE users SET first_name = ?, last_name = ?, mobile = ?, email = NULLIF(?, '') "
    "WHERE id = ?",
    "ssssi", "")

/* An office by code, and the office holding a license number. */
STMT(STMT_IMPORT_OFFICE_GET,
    "SELECT id, kind, license_no, province_id, city_id, address, licensee_user_id "
    "FROM offices WHERE code = ?",
    "s", "issiisi")
STMT(STMT_IMPORT_OFFICE_LOCK,
    "SELECT id, kind, license_no, province_id, city_id, address, licensee_user_id "
    "FROM offices WHERE code = ? FOR UPDATE",
    "s", "issiisi")
STMT(STMT_IMPORT_OFFICE_BY_LICENSE,
    "SELECT code FROM offices WHERE license_no = ?",
    "s", "s")
/*
 * An office carries its province's region, a copy that the composite foreign key
 * to provinces keeps equal: the statements read it from the province they are
 * given (an unknown province is a NULL region and refused).  A move to a province
 * of another region changes both at once, and the office's files follow by cascade.
 */
STMT(STMT_IMPORT_OFFICE_INSERT,
    "INSERT INTO offices (code, kind, license_no, province_id, region_id, city_id, address, "
    "licensee_user_id) VALUES (?, ?, ?, ?, (SELECT region_id FROM provinces WHERE id = ?), "
    "?, ?, ?)",
    "sssiiisi", "")
STMT(STMT_IMPORT_OFFICE_UPDATE,
    "UPDATE offices SET kind = ?, license_no = ?, province_id = ?, "
    "region_id = (SELECT region_id FROM provinces WHERE id = ?), city_id = ?, "
    "address = ?, licensee_user_id = ? WHERE id = ?",
    "ssiiisii", "")
