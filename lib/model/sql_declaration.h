/* Statements of an office's file in a round, the licensee's side (declaration.h). */

/* The office, if the licensee holds it. */
STMT(STMT_DECL_OFFICE,
    "SELECT id, province_id, name, code FROM offices "
    "WHERE id = ? AND licensee_user_id = ?",
    "ii", "iiss")
/*
 * The current round of an office with its file: a round under review in which
 * the file was sent back (a correction cannot wait), else the open round.  The deadline day is the later
 * of the round's end and the office's extension.
 */
STMT(STMT_DECL_CURRENT,
    "SELECT r.id, r.code, r.title, r.state, r.decl_start_date, "
    "GREATEST(r.decl_end_date, COALESCE(e.decl_end_date, r.decl_end_date)), "
    "COALESCE(d.id, 0), COALESCE(d.state, 'none'), COALESCE(d.version, 0), "
    "d.tracking_no, DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i:%s'), "
    "COALESCE(d.submit_count, 0), d.due_date, "
    "COALESCE(TIMESTAMPDIFF(MICROSECOND, '2000-01-01', r.rubric_frozen_at), 0) "
    "FROM rounds r "
    "LEFT JOIN declarations d ON d.round_id = r.id AND d.office_id = ? "
    "LEFT JOIN office_extensions e ON e.round_id = r.id AND e.office_id = ? "
    "WHERE r.state = 'open' OR (r.state = 'review' AND d.state = 'returned') "
    "ORDER BY r.state = 'review' DESC, r.decl_start_date DESC LIMIT 1",
    "ii", "isssssisissisi")
/* Locks the file's row for the rest of the transaction. */
STMT(STMT_DECL_LOCK,
    "SELECT id FROM declarations WHERE round_id = ? AND office_id = ? FOR UPDATE",
    "ii", "i")
/* The office's file of a round, if missing, with the office's province and region. */
STMT(STMT_DECL_CREATE,
    "INSERT IGNORE INTO declarations (round_id, office_id, province_id, region_id) "
    "SELECT ?, id, province_id, region_id FROM offices WHERE id = ?",
    "ii", "")
/* The open send-back of a returned file. */
STMT(STMT_DECL_SEND_BACK,
    "SELECT id, remarks FROM send_backs WHERE declaration_id = ? AND resubmitted_at IS NULL "
    "ORDER BY id DESC LIMIT 1",
    "i", "is")
STMT(STMT_DECL_SEND_BACK_SECTIONS,
    "SELECT section_id, remark FROM send_back_sections WHERE send_back_id = ?",
    "i", "is")

/* Values of a file. */
STMT(STMT_DECL_VALUES,
    "SELECT criterion_id, declared_num IS NOT NULL, COALESCE(declared_num, 0), "
    "COALESCE(declared_option_id, 0) FROM declaration_values WHERE declaration_id = ?",
    "i", "iiii")
/* The office's values in its newest earlier round, by criterion code (verified first). */
STMT(STMT_DECL_PREVIOUS_VALUES,
    "SELECT c.code, COALESCE(v.verified_num, v.declared_num) IS NOT NULL, "
    "COALESCE(v.verified_num, v.declared_num, 0), "
    "COALESCE(ov.code, od.code, '') FROM declaration_values v "
    "JOIN criteria c ON c.id = v.criterion_id "
    "LEFT JOIN criterion_options od ON od.id = v.declared_option_id "
    "LEFT JOIN criterion_options ov ON ov.id = v.verified_option_id "
    "WHERE v.declaration_id = (SELECT d.id FROM declarations d JOIN rounds r ON r.id = d.round_id "
    "  WHERE d.office_id = ? AND d.round_id <> ? AND d.state NOT IN ('draft', 'not_submitted') "
    "  ORDER BY r.decl_start_date DESC LIMIT 1)",
    "ii", "siis")
/* The same for every active office of a licensee (?: round, user), by office. */
STMT(STMT_DECL_MY_PREVIOUS_VALUES,
    "SELECT o.id, c.code, COALESCE(v.verified_num, v.declared_num) IS NOT NULL, "
    "COALESCE(v.verified_num, v.declared_num, 0), "
    "COALESCE(ov.code, od.code, '') FROM offices o "
    "JOIN declarations pd ON pd.id = (SELECT d.id FROM declarations d "
    "  JOIN rounds r ON r.id = d.round_id "
    "  WHERE d.office_id = o.id AND d.round_id <> ? "
    "  AND d.state NOT IN ('draft', 'not_submitted') "
    "  ORDER BY r.decl_start_date DESC LIMIT 1) "
    "JOIN declaration_values v ON v.declaration_id = pd.id "
    "JOIN criteria c ON c.id = v.criterion_id "
    "LEFT JOIN criterion_options od ON od.id = v.declared_option_id "
    "LEFT JOIN criterion_options ov ON ov.id = v.verified_option_id "
    "WHERE o.licensee_user_id = ? AND o.status = 'active'",
    "ii", "isiis")
/* The office facts behind the system criteria and the office prefill. */
STMT(STMT_DECL_OFFICE_FACTS,
    "SELECT o.area_m2 IS NOT NULL, COALESCE(o.area_m2, 0), "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.ramp'), '') IN ('true', '1')) + "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.lift'), '') IN ('true', '1')) + "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.toilet'), '') IN ('true', '1')) + "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.priority_counter'), '') IN ('true', '1')), "
    "s.n, s.insured, s.disabled, "
    "o.address <> '' AND o.postal_code IS NOT NULL AND o.phone IS NOT NULL AND "
    "o.opening_hours <> '' AND o.area_m2 IS NOT NULL "
    "FROM offices o, (SELECT COUNT(*) AS n, COALESCE(SUM(insured), 0) AS insured, "
    "  COALESCE(SUM(disabled), 0) AS disabled FROM office_staff "
    "  WHERE office_id = ? AND active = 1) s "
    "WHERE o.id = ?",
    "ii", "iiiiiii")
STMT(STMT_DECL_VALUE_PUT,
    "INSERT INTO declaration_values (declaration_id, round_id, criterion_id, declared_num, "
    "declared_option_id) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
    "declared_num = VALUES(declared_num), declared_option_id = VALUES(declared_option_id)",
    "iiiii", "")
STMT(STMT_DECL_VALUE_CLEAR,
    "DELETE FROM declaration_values WHERE declaration_id = ? AND criterion_id = ?",
    "ii", "")
/* The optimistic lock: 0 rows when another save came first. */
STMT(STMT_DECL_BUMP,
    "UPDATE declarations SET version = version + 1 WHERE id = ? AND version = ?",
    "ii", "")
STMT(STMT_DECL_SUBMIT,
    "UPDATE declarations SET state = IF(state = 'returned', 'resubmitted', 'submitted'), "
    "version = version + 1, tracking_no = COALESCE(tracking_no, ?), "
    "first_submitted_at = COALESCE(first_submitted_at, ?), submitted_at = ?, "
    "submit_count = submit_count + 1, due_date = ? "
    "WHERE id = ? AND state IN ('draft', 'returned')",
    "ssssi", "")
STMT(STMT_DECL_SEND_BACK_DONE,
    "UPDATE send_backs SET resubmitted_at = ? WHERE id = ? AND resubmitted_at IS NULL",
    "si", "")
STMT(STMT_DECL_REOPEN,
    "UPDATE declarations SET state = 'draft', version = version + 1 "
    "WHERE id = ? AND state = 'submitted'",
    "i", "")
/* Files per evidence requirement of a file. */
STMT(STMT_DECL_EVIDENCE_COUNTS,
    "SELECT COALESCE(requirement_id, 0), section_id, COUNT(*) FROM declaration_evidence "
    "WHERE declaration_id = ? GROUP BY requirement_id, section_id",
    "i", "iii")
/* Every file of a declaration, for the receipt. */
STMT(STMT_DECL_EVIDENCE_ALL,
    "SELECT de.id, de.section_id, COALESCE(de.requirement_id, 0), de.original_name, "
    "e.size_bytes, LOWER(HEX(e.sha256)), e.mime FROM declaration_evidence de "
    "JOIN evidence e ON e.id = de.evidence_id WHERE de.declaration_id = ? ORDER BY de.id",
    "i", "iiisiss")
/* The round's review deadline, for due_date at submission. */
STMT(STMT_DECL_ROUND_REVIEW_END,
    "SELECT review_end_date FROM rounds WHERE id = ?",
    "i", "s")
/*
 * A licensee's active offices, for the dashboard, each in one row: the office,
 * its last published rank, its current round and file as STMT_DECL_CURRENT
 * chooses them (a round under review in which the file was sent back, else the
 * open round; the round columns are NULL when there is none) and the facts of
 * STMT_DECL_OFFICE_FACTS.
 */
STMT(STMT_DECL_MY_OFFICES,
    "SELECT o.id, o.code, o.name, o.kind, o.province_id, ld.public_rank, lr.code, "
    "r.id, r.code, r.title, r.state, r.decl_start_date, "
    "GREATEST(r.decl_end_date, COALESCE(e.decl_end_date, r.decl_end_date)), "
    "COALESCE(d.id, 0), COALESCE(d.state, 'none'), COALESCE(d.version, 0), "
    "d.tracking_no, DATE_FORMAT(d.submitted_at, '%Y-%m-%d %H:%i:%s'), "
    "COALESCE(d.submit_count, 0), d.due_date, "
    "COALESCE(TIMESTAMPDIFF(MICROSECOND, '2000-01-01', r.rubric_frozen_at), 0), "
    "o.area_m2 IS NOT NULL, COALESCE(o.area_m2, 0), "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.ramp'), '') IN ('true', '1')) + "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.lift'), '') IN ('true', '1')) + "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.toilet'), '') IN ('true', '1')) + "
    "(COALESCE(JSON_VALUE(o.accessibility_json, '$.priority_counter'), '') IN ('true', '1')), "
    "COALESCE(s.n, 0), COALESCE(s.insured, 0), COALESCE(s.disabled, 0), "
    "o.address <> '' AND o.postal_code IS NOT NULL AND o.phone IS NOT NULL AND "
    "o.opening_hours <> '' AND o.area_m2 IS NOT NULL "
    "FROM offices o "
    "LEFT JOIN declarations ld ON ld.id = "
    " (SELECT d1.id FROM declarations d1 JOIN rounds r1 ON r1.id = d1.round_id "
    "  WHERE d1.office_id = o.id AND r1.state IN ('published', 'objection', 'final', 'closed') "
    "  AND d1.public_rank IS NOT NULL ORDER BY r1.decl_start_date DESC LIMIT 1) "
    "LEFT JOIN rounds lr ON lr.id = ld.round_id "
    "LEFT JOIN rounds r ON r.id = COALESCE("
    " (SELECT d2.round_id FROM declarations d2 JOIN rounds r2 ON r2.id = d2.round_id "
    "  WHERE d2.office_id = o.id AND d2.state = 'returned' AND r2.state = 'review' "
    "  ORDER BY r2.decl_start_date DESC LIMIT 1), "
    " (SELECT r3.id FROM rounds r3 WHERE r3.state = 'open' "
    "  ORDER BY r3.decl_start_date DESC LIMIT 1)) "
    "LEFT JOIN declarations d ON d.round_id = r.id AND d.office_id = o.id "
    "LEFT JOIN office_extensions e ON e.round_id = r.id AND e.office_id = o.id "
    "LEFT JOIN (SELECT office_id, COUNT(*) AS n, COALESCE(SUM(insured), 0) AS insured, "
    "  COALESCE(SUM(disabled), 0) AS disabled FROM office_staff WHERE active = 1 "
    "  GROUP BY office_id) s ON s.office_id = o.id "
    "WHERE o.licensee_user_id = ? AND o.status = 'active' ORDER BY o.code",
    "i", "isssiisisssssisissisiiiiiiii")
