/* Statements of the regional review of a file (see stmts.h for the format). */

/*
 * Object-level scope, decided in SQL: a reviewer sees the files of the provinces of
 * their region, HQ every file.  Each scoped statement takes the asker's role and
 * region as "(? = 'hq' OR (? = 'reviewer' AND p.region_id = ?))".
 */

/* Rounds whose files a reviewer may look at: under review first, then newest. */
STMT(STMT_REV_ROUNDS,
    "SELECT id, code, title, state, review_end_date, correction_days FROM rounds "
    "WHERE state IN ('review', 'scoring', 'published', 'objection', 'final') "
    "ORDER BY state = 'review' DESC, decl_start_date DESC, id DESC",
    "", "issssi")
/* The newest round before round ? whose ranks are public: the rank bands' source. */
STMT(STMT_REV_PREV_PUBLISHED,
    "SELECT p.id FROM rounds p JOIN rounds r ON r.id = ? "
    "WHERE p.decl_start_date < r.decl_start_date "
    "AND p.state IN ('published', 'objection', 'final', 'closed') "
    "ORDER BY p.decl_start_date DESC LIMIT 1",
    "i", "i")
/* The provinces of a region (0 and 255: every region, for HQ). */
STMT(STMT_REV_PROVINCES,
    "SELECT id, name FROM provinces WHERE region_id BETWEEN ? AND ? ORDER BY name",
    "ii", "is")
/* The cities and villages of a province that have offices, inside the region. */
STMT(STMT_REV_CITIES,
    "SELECT c.id, c.name FROM cities c JOIN provinces p ON p.id = c.province_id "
    "WHERE c.province_id = ? AND p.region_id BETWEEN ? AND ? "
    "AND EXISTS (SELECT 1 FROM offices o WHERE o.city_id = c.id) ORDER BY c.name, c.id",
    "iii", "is")
/*
 * Files of a round per province and state, inside the region (d.region_id, which
 * the composite foreign keys keep equal to the province's region): for a reviewer
 * one index-only range of ix_declarations_region_counts, grouped as it is read.
 * The page shows the counts per state and, when only the state and province
 * filters are set, takes the queue's total from them instead of counting the
 * queue's join.
 */
STMT(STMT_REV_COUNTS,
    "SELECT d.province_id, d.state, COUNT(*) FROM declarations d "
    "WHERE d.round_id = ? AND d.region_id BETWEEN ? AND ? "
    "GROUP BY d.province_id, d.state",
    "iii", "isi")

/*
 * The queue, most urgent first: due date (none last), submission (never last), id.
 * A file carries its region (declarations.region_id, which the composite foreign
 * keys keep equal to its province's region, so the scope holds as if it were read
 * from provinces) and the two sort keys without NULLs, and
 * ix_declarations_region_queue (round_id, region_id, queue_due, queue_sub, id) is
 * the display order: for a reviewer (one region) MariaDB walks it from the start,
 * applies the other filters to each file it meets and stops after LIMIT + OFFSET
 * files, without sorting.  HQ (every region) reads the round's files and sorts.
 * The filters are ranges (0..max: any) so that one statement serves every
 * combination without building SQL.  Parameters: previous published round, round,
 * region lo/hi, province lo/hi, four states, city lo/hi, rank band (0 any, 1-3,
 * 4 none) three times, search text five times (exact office code, license number,
 * licensee's national ID, or office code prefix), limit, offset.
 */
#define REV_QUEUE_FROM \
    "FROM declarations d " \
    "JOIN provinces p ON p.id = d.province_id " \
    "JOIN offices o ON o.id = d.office_id " \
    "JOIN users u ON u.id = o.licensee_user_id " \
    "LEFT JOIN declarations pd ON pd.office_id = d.office_id AND pd.round_id = ? " \
    "WHERE d.round_id = ? AND d.region_id BETWEEN ? AND ? AND d.province_id BETWEEN ? AND ? " \
    "AND d.state IN (?, ?, ?, ?) AND o.city_id BETWEEN ? AND ? " \
    "AND (? = 0 OR (? = 4 AND pd.public_rank IS NULL) OR pd.public_rank = ?) " \
    "AND (? = '' OR o.code = ? OR o.license_no = ? OR u.national_id = ? " \
    "  OR o.code LIKE CONCAT(?, '%')) "
STMT(STMT_REV_QUEUE,
    "SELECT d.id, o.id, o.code, o.name, p.name, "
    "(SELECT c.name FROM cities c WHERE c.id = o.city_id), d.state, d.due_date, "
    "DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i:%s'), d.return_count, "
    "COALESCE(pd.public_rank, 0), CONCAT(u.first_name, ' ', u.last_name) "
    REV_QUEUE_FROM
    "ORDER BY d.queue_due, d.queue_sub, d.id "
    "LIMIT ? OFFSET ?",
    "iiiiiissssiiiiisssssii", "iisssssssiis")
/* The queue's total when a city, rank band or search is set (else: STMT_REV_COUNTS). */
STMT(STMT_REV_QUEUE_COUNT,
    "SELECT COUNT(*) " REV_QUEUE_FROM,
    "iiiiiissssiiiiisssss", "i")
#undef REV_QUEUE_FROM

/* One file with its office, round and licensee, if the asker may see it. */
STMT(STMT_REV_FILE,
    "SELECT d.id, d.round_id, d.office_id, d.state, d.version, d.due_date, "
    "DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i:%s'), d.return_count, d.tracking_no, "
    "DATE_FORMAT(d.reviewed_at, '%Y-%m-%d %H:%i:%s'), "
    "COALESCE((SELECT CONCAT(x.first_name, ' ', x.last_name) FROM users x "
    "  WHERE x.id = d.reviewer_user_id), ''), "
    "o.code, o.name, o.kind, o.license_no, o.address, p.name, c.name, p.region_id, "
    "(SELECT COUNT(*) FROM office_staff s WHERE s.office_id = o.id AND s.active = 1), "
    "r.code, r.title, r.state, r.review_end_date, r.correction_days, "
    "u.id, CONCAT(u.first_name, ' ', u.last_name), COALESCE(u.mobile, ''), "
    "COALESCE(u.email, '') "
    "FROM declarations d JOIN offices o ON o.id = d.office_id "
    "JOIN provinces p ON p.id = o.province_id JOIN cities c ON c.id = o.city_id "
    "JOIN rounds r ON r.id = d.round_id JOIN users u ON u.id = o.licensee_user_id "
    "WHERE d.id = ? AND (? = 'hq' OR (? = 'reviewer' AND p.region_id = ?))",
    "issi", "iiisississssssssssiissssiisss")
/* Under the write's transaction: the file's row locked, then its round shared. */
STMT(STMT_REV_LOCK,
    "SELECT state, version, due_date, return_count FROM declarations WHERE id = ? FOR UPDATE",
    "i", "sisi")
STMT(STMT_REV_ROUND_SHARE,
    "SELECT state, review_end_date, correction_days FROM rounds WHERE id = ? "
    "LOCK IN SHARE MODE",
    "i", "ssi")
/* The optimistic lock of a write that does not change the file's row otherwise. */
STMT(STMT_REV_BUMP,
    "UPDATE declarations SET version = version + 1 WHERE id = ? AND version = ?",
    "ii", "")

/* Values. */
STMT(STMT_REV_VALUES,
    "SELECT v.criterion_id, v.declared_num IS NOT NULL, COALESCE(v.declared_num, 0), "
    "COALESCE(v.declared_option_id, 0), v.verify_state, v.verified_num IS NOT NULL, "
    "COALESCE(v.verified_num, 0), COALESCE(v.verified_option_id, 0), "
    "COALESCE(v.verify_note, ''), DATE_FORMAT(v.verified_at, '%Y-%m-%d %H:%i:%s'), "
    "COALESCE(CONCAT(u.first_name, ' ', u.last_name), '') "
    "FROM declaration_values v LEFT JOIN users u ON u.id = v.verified_by_user_id "
    "WHERE v.declaration_id = ?",
    "i", "iiiisiiisss")
STMT(STMT_REV_VALUE_GET,
    "SELECT declared_num IS NOT NULL, COALESCE(declared_num, 0), "
    "COALESCE(declared_option_id, 0), verify_state, verified_num IS NOT NULL, "
    "COALESCE(verified_num, 0), COALESCE(verified_option_id, 0), COALESCE(verify_note, '') "
    "FROM declaration_values WHERE declaration_id = ? AND criterion_id = ?",
    "ii", "iiisiiis")
/* A verification: confirmed (verified_* NULL) or corrected, or the association score. */
STMT(STMT_REV_VALUE_SET,
    "INSERT INTO declaration_values (declaration_id, round_id, criterion_id, verify_state, "
    "verified_num, verified_option_id, verify_note, verified_by_user_id, verified_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
    "verify_state = VALUES(verify_state), verified_num = VALUES(verified_num), "
    "verified_option_id = VALUES(verified_option_id), verify_note = VALUES(verify_note), "
    "verified_by_user_id = VALUES(verified_by_user_id), verified_at = VALUES(verified_at)",
    "iiisiisis", "")
/* A send-back reopens the verification of the values of the sections it marks. */
STMT(STMT_REV_VALUES_RESET_SECTION,
    "UPDATE declaration_values v JOIN criteria c ON c.id = v.criterion_id "
    "SET v.verify_state = 'pending', v.verified_num = NULL, v.verified_option_id = NULL, "
    "v.verify_note = NULL, v.verified_by_user_id = NULL, v.verified_at = NULL "
    "WHERE v.declaration_id = ? AND c.section_id = ? AND c.filled_by <> 'reviewer'",
    "ii", "")

/* Violations. */
STMT(STMT_REV_VTYPES,
    "SELECT t.id, t.code, t.title, rt.points_x100, COALESCE(rt.max_count, 0) "
    "FROM round_violation_types rt JOIN violation_types t ON t.id = rt.violation_type_id "
    "WHERE rt.round_id = ? ORDER BY t.position, t.id",
    "i", "issii")
STMT(STMT_REV_VIOLATIONS,
    "SELECT v.id, v.violation_type_id, t.title, v.occurrences, v.points_each_x100, v.note, "
    "DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i:%s'), "
    "CONCAT(cu.first_name, ' ', cu.last_name), "
    "COALESCE(DATE_FORMAT(v.revoked_at, '%Y-%m-%d %H:%i:%s'), ''), "
    "COALESCE(CONCAT(ru.first_name, ' ', ru.last_name), ''), COALESCE(v.revoke_reason, '') "
    "FROM violations v JOIN violation_types t ON t.id = v.violation_type_id "
    "JOIN users cu ON cu.id = v.created_by_user_id "
    "LEFT JOIN users ru ON ru.id = v.revoked_by_user_id "
    "WHERE v.declaration_id = ? ORDER BY v.id",
    "i", "iisiissssss")
STMT(STMT_REV_VIOLATIONS_IN_FORCE,
    "SELECT COUNT(*) FROM violations WHERE declaration_id = ? AND revoked_at IS NULL",
    "i", "i")
STMT(STMT_REV_VIOLATION_ADD,
    "INSERT INTO violations (declaration_id, round_id, violation_type_id, occurrences, "
    "points_each_x100, note, created_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "iiiiisis", "")
STMT(STMT_REV_VIOLATION_GET,
    "SELECT violation_type_id, occurrences, points_each_x100, note, revoked_at IS NOT NULL "
    "FROM violations WHERE id = ? AND declaration_id = ?",
    "ii", "iiisi")
STMT(STMT_REV_VIOLATION_REVOKE,
    "UPDATE violations SET revoked_at = ?, revoked_by_user_id = ?, revoke_reason = ? "
    "WHERE id = ? AND declaration_id = ? AND revoked_at IS NULL",
    "sisii", "")

/* Send-backs. */
STMT(STMT_REV_SEND_BACKS,
    "SELECT sb.id, sb.remarks, sb.due_date, DATE_FORMAT(sb.created_at, '%Y-%m-%d %H:%i:%s'), "
    "CONCAT(u.first_name, ' ', u.last_name), "
    "COALESCE(DATE_FORMAT(sb.resubmitted_at, '%Y-%m-%d %H:%i:%s'), '') "
    "FROM send_backs sb JOIN users u ON u.id = sb.created_by_user_id "
    "WHERE sb.declaration_id = ? ORDER BY sb.id DESC",
    "i", "isssss")
STMT(STMT_REV_SEND_BACK_SECTIONS,
    "SELECT x.send_back_id, x.section_id, s.title, x.remark FROM send_back_sections x "
    "JOIN send_backs sb ON sb.id = x.send_back_id "
    "JOIN rubric_sections s ON s.id = x.section_id "
    "WHERE sb.declaration_id = ? ORDER BY x.send_back_id DESC, s.position, s.id",
    "i", "iiss")
STMT(STMT_REV_SEND_BACK_ADD,
    "INSERT INTO send_backs (declaration_id, remarks, due_date, created_by_user_id, created_at) "
    "VALUES (?, ?, ?, ?, ?)",
    "issis", "")
STMT(STMT_REV_SEND_BACK_SECTION_ADD,
    "INSERT INTO send_back_sections (send_back_id, section_id, remark) VALUES (?, ?, ?)",
    "iis", "")
STMT(STMT_REV_SET_RETURNED,
    "UPDATE declarations SET state = 'returned', due_date = ?, return_count = return_count + 1, "
    "version = version + 1 WHERE id = ? AND version = ? AND state IN ('submitted', 'resubmitted')",
    "sii", "")

/* Completion and HQ's reopening. */
STMT(STMT_REV_COMPLETE,
    "UPDATE declarations SET state = 'reviewed', reviewer_user_id = ?, reviewed_at = ?, "
    "version = version + 1 WHERE id = ? AND version = ? "
    "AND state IN ('submitted', 'resubmitted', 'returned')",
    "isii", "")
STMT(STMT_REV_REOPEN,
    "UPDATE declarations SET state = IF(return_count > 0, 'resubmitted', 'submitted'), "
    "reviewer_user_id = NULL, reviewed_at = NULL, version = version + 1 "
    "WHERE id = ? AND version = ? AND state = 'reviewed'",
    "ii", "")

/* The office's history: earlier rounds with their public rank, score and violations. */
STMT(STMT_REV_HISTORY,
    "SELECT r.code, r.title, d.state, "
    "IF(r.state IN ('published', 'objection', 'final', 'closed'), COALESCE(d.public_rank, 0), 0), "
    "IF(r.state IN ('published', 'objection', 'final', 'closed') "
    "  AND COALESCE(d.final_score_x100, d.score_x100) IS NOT NULL, 1, 0), "
    "COALESCE(d.final_score_x100, d.score_x100, 0), "
    "(SELECT COUNT(*) FROM violations v WHERE v.declaration_id = d.id AND v.revoked_at IS NULL) "
    "FROM declarations d JOIN rounds r ON r.id = d.round_id "
    "JOIN rounds cur ON cur.id = ? "
    "WHERE d.office_id = ? AND r.decl_start_date < cur.decl_start_date "
    "ORDER BY r.decl_start_date DESC LIMIT 6",
    "ii", "sssiiii")
STMT(STMT_REV_HISTORY_VIOLATIONS,
    "SELECT r.code, t.title, v.occurrences, v.points_each_x100, v.note, "
    "v.revoked_at IS NOT NULL FROM violations v "
    "JOIN declarations d ON d.id = v.declaration_id JOIN rounds r ON r.id = d.round_id "
    "JOIN violation_types t ON t.id = v.violation_type_id "
    "JOIN rounds cur ON cur.id = ? "
    "WHERE d.office_id = ? AND r.decl_start_date < cur.decl_start_date "
    "ORDER BY r.decl_start_date DESC, v.id LIMIT 50",
    "ii", "ssiisi")

/*
 * HQ: files of rounds under review still waiting for the region after their
 * deadline (the round's review end or the file's due date, before today's Tehran
 * date), by region and province.
 */
STMT(STMT_REV_OVERDUE,
    "SELECT g.id, g.name, p.name, d.id, o.code, o.name, d.state, d.due_date, r.code, "
    "r.review_end_date, DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i:%s') "
    "FROM rounds r JOIN declarations d ON d.round_id = r.id "
    "JOIN provinces p ON p.id = d.province_id JOIN regions g ON g.id = p.region_id "
    "JOIN offices o ON o.id = d.office_id "
    "WHERE r.state = 'review' AND d.state IN ('submitted', 'resubmitted') "
    "AND (r.review_end_date < ? OR d.due_date < ?) "
    "ORDER BY g.id, p.name, d.due_date, d.submitted_at, d.id LIMIT 1000",
    "ss", "ississsssss")
STMT(STMT_REV_OVERDUE_COUNTS,
    "SELECT g.id, g.name, COUNT(*) "
    "FROM rounds r JOIN declarations d ON d.round_id = r.id "
    "JOIN provinces p ON p.id = d.province_id JOIN regions g ON g.id = p.region_id "
    "WHERE r.state = 'review' AND d.state IN ('submitted', 'resubmitted') "
    "AND (r.review_end_date < ? OR d.due_date < ?) GROUP BY g.id, g.name ORDER BY g.id",
    "ss", "isi")
