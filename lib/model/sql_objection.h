/* Statements of an office's published result and its objection (objection.h). */

/*
 * The licensee's office's file in a public round: round ? (0: the newest public
 * round in which the office has a file).
 */
STMT(STMT_OBJ_RESULT,
    "SELECT d.id, r.id, r.code, r.title, r.state, COALESCE(r.objection_end_date, ''), "
    "COALESCE(DATE_FORMAT(r.published_at, '%Y-%m-%d %H:%i:%s'), ''), "
    "COALESCE(d.rank_basis, 'not_evaluated'), d.score_x100, d.`rank`, "
    "d.final_score_x100, d.final_rank, COALESCE(d.public_rank, 0), o.code, o.name, "
    "r.rank1_min_x100, r.rank2_min_x100 "
    "FROM offices o JOIN declarations d ON d.office_id = o.id "
    "JOIN rounds r ON r.id = d.round_id "
    "WHERE o.id = ? AND o.licensee_user_id = ? "
    "AND r.state IN ('published', 'objection', 'final', 'closed') AND (? = 0 OR r.id = ?) "
    "ORDER BY r.decl_start_date DESC LIMIT 1",
    "iiii", "iissssssiiiiissii")
/* The public rounds of an office, for the history on its result page. */
STMT(STMT_OBJ_HISTORY,
    "SELECT r.id, r.code, r.title, COALESCE(d.public_rank, 0), "
    "COALESCE(d.final_score_x100, d.score_x100), COALESCE(d.rank_basis, 'not_evaluated') "
    "FROM declarations d JOIN rounds r ON r.id = d.round_id "
    "WHERE d.office_id = ? AND r.state IN ('published', 'objection', 'final', 'closed') "
    "ORDER BY r.decl_start_date DESC",
    "i", "issiis")
/* The objection of a file, if any. */
STMT(STMT_OBJ_OF_DECL,
    "SELECT id, state, body, DATE_FORMAT(filed_at, '%Y-%m-%d %H:%i:%s'), "
    "COALESCE(decision_reason, ''), "
    "COALESCE(DATE_FORMAT(decided_at, '%Y-%m-%d %H:%i:%s'), '') "
    "FROM objections WHERE declaration_id = ?",
    "i", "isssss")
STMT(STMT_OBJ_CRITERIA,
    "SELECT criterion_id FROM objection_criteria WHERE objection_id = ? ORDER BY criterion_id",
    "i", "i")
/* The file's row and its round, locked, for filing or deciding. */
STMT(STMT_OBJ_DECL_LOCK,
    "SELECT d.id, d.round_id, r.state, COALESCE(r.objection_end_date, ''), d.office_id, "
    "o.licensee_user_id, o.code, p.region_id, COALESCE(d.public_rank, 0) "
    "FROM declarations d JOIN rounds r ON r.id = d.round_id "
    "JOIN offices o ON o.id = d.office_id JOIN provinces p ON p.id = o.province_id "
    "WHERE d.id = ? FOR UPDATE",
    "i", "iissiisii")
STMT(STMT_OBJ_INSERT,
    "INSERT INTO objections (declaration_id, body, filed_by_user_id, filed_at) "
    "VALUES (?, ?, ?, ?)",
    "isis", "")
STMT(STMT_OBJ_CRITERION_INSERT,
    "INSERT INTO objection_criteria (objection_id, criterion_id) VALUES (?, ?)",
    "ii", "")
STMT(STMT_OBJ_DECIDE,
    "UPDATE objections SET state = ?, decided_by_user_id = ?, decided_at = ?, "
    "decision_reason = ? WHERE id = ? AND state = 'filed'",
    "sissi", "")
/* A rejected objection: the first rank becomes the final one. */
STMT(STMT_OBJ_KEEP_RANK,
    "UPDATE declarations SET final_score_x100 = score_x100, final_rank = `rank`, "
    "final_breakdown_json = breakdown_json, final_at = ? WHERE id = ?",
    "si", "")
/* A value the region changes when it accepts an objection. */
STMT(STMT_OBJ_VALUE_GET,
    "SELECT COALESCE(verified_num, declared_num) IS NOT NULL, "
    "COALESCE(verified_num, declared_num, 0), "
    "COALESCE(verified_option_id, declared_option_id, 0), verify_state "
    "FROM declaration_values WHERE declaration_id = ? AND criterion_id = ? FOR UPDATE",
    "ii", "iiis")
STMT(STMT_OBJ_VALUE_SET,
    "INSERT INTO declaration_values (declaration_id, round_id, criterion_id, verify_state, "
    "verified_num, verified_option_id, verify_note, verified_by_user_id, verified_at) "
    "VALUES (?, ?, ?, 'corrected', ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE verify_state = 'corrected', verified_num = VALUES(verified_num), "
    "verified_option_id = VALUES(verified_option_id), verify_note = VALUES(verify_note), "
    "verified_by_user_id = VALUES(verified_by_user_id), verified_at = VALUES(verified_at)",
    "iiiiisis", "")

/* The region's objections: reviewer region ? (0: every region, for HQ). */
STMT(STMT_OBJ_LIST,
    "SELECT ob.id, ob.state, DATE_FORMAT(ob.filed_at, '%Y-%m-%d %H:%i:%s'), o.code, o.name, "
    "p.name, r.code, COALESCE(d.`rank`, 0), COALESCE(d.final_rank, 0), "
    "COALESCE(r.objection_end_date, '') "
    "FROM objections ob JOIN declarations d ON d.id = ob.declaration_id "
    "JOIN rounds r ON r.id = d.round_id JOIN offices o ON o.id = d.office_id "
    "JOIN provinces p ON p.id = o.province_id "
    "WHERE (? = 0 OR p.region_id = ?) "
    "ORDER BY ob.state = 'filed' DESC, ob.filed_at LIMIT 200",
    "ii", "issssssiis")
/* One objection for the region (region 0: HQ). */
STMT(STMT_OBJ_GET,
    "SELECT ob.id, ob.declaration_id, d.round_id, ob.state, ob.body, "
    "DATE_FORMAT(ob.filed_at, '%Y-%m-%d %H:%i:%s'), COALESCE(ob.decision_reason, ''), "
    "o.code, o.name, p.name, r.code, r.title, r.state, COALESCE(d.`rank`, 0), "
    "COALESCE(d.final_rank, 0), COALESCE(d.score_x100, 0), d.office_id "
    "FROM objections ob JOIN declarations d ON d.id = ob.declaration_id "
    "JOIN rounds r ON r.id = d.round_id JOIN offices o ON o.id = d.office_id "
    "JOIN provinces p ON p.id = o.province_id "
    "WHERE ob.id = ? AND (? = 0 OR p.region_id = ?)",
    "iii", "iiissssssssssiiii")
/* The licensee of a file, to notify. */
STMT(STMT_OBJ_LICENSEE,
    "SELECT u.id, COALESCE(u.mobile, ''), COALESCE(u.email, '') FROM users u "
    "WHERE u.id = ? AND u.disabled_at IS NULL",
    "i", "iss")
