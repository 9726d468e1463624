/* Statements of ranking a round and publishing it (ranking.h). */

/* The round, locked: the transitions of ranking.c are serialised on its row. */
STMT(STMT_RANK_ROUND_LOCK,
    "SELECT id, code, state, decl_start_date, decl_end_date, review_end_date, "
    "rank1_min_x100, rank2_min_x100, nonsubmit_rule, objection_days, "
    "objection_end_date, title "
    "FROM rounds WHERE id = ? FOR UPDATE",
    "i", "isssssiisiss")
/* The latest declaration end of an office extension of the round. */
STMT(STMT_RANK_LAST_EXTENSION,
    "SELECT COALESCE(MAX(decl_end_date), '0000-00-00') FROM office_extensions "
    "WHERE round_id = ?",
    "i", "s")
STMT(STMT_RANK_SET_STATE,
    "UPDATE rounds SET state = ? WHERE id = ? AND state = ?",
    "sis", "")
/* Closing the declarations: drafts and missing files become not_submitted. */
STMT(STMT_RANK_DRAFTS_CLOSE,
    "UPDATE declarations SET state = 'not_submitted', version = version + 1 "
    "WHERE round_id = ? AND state = 'draft'",
    "i", "")
STMT(STMT_RANK_MISSING_FILES,
    "INSERT INTO declarations (round_id, office_id, province_id, region_id, state) "
    "SELECT ?, o.id, o.province_id, o.region_id, 'not_submitted' FROM offices o "
    "WHERE o.status = 'active' AND NOT EXISTS "
    "(SELECT 1 FROM declarations d WHERE d.office_id = o.id AND d.round_id = ?)",
    "ii", "")
/* Files still in the region's hands, for the preview's warning. */
STMT(STMT_RANK_UNREVIEWED,
    "SELECT COUNT(*) FROM declarations WHERE round_id = ? "
    "AND state IN ('submitted', 'resubmitted', 'returned')",
    "i", "i")

/*
 * The files to score, in id order: all of the round, or one (the _ONE statements,
 * which use the file's own indexes).  Submitted files are scored on their values;
 * not_submitted ones by the round's rule.
 */
STMT(STMT_RANK_FILES,
    "SELECT d.id, d.office_id, d.state FROM declarations d "
    "WHERE d.round_id = ? ORDER BY d.id",
    "i", "iis")
STMT(STMT_RANK_FILES_ONE,
    "SELECT d.id, d.office_id, d.state FROM declarations d "
    "WHERE d.round_id = ? AND d.id = ?",
    "ii", "iis")
/* The values: verified when the region entered one, else declared. */
STMT(STMT_RANK_VALUES,
    "SELECT v.declaration_id, v.criterion_id, "
    "COALESCE(v.verified_num, v.declared_num) IS NOT NULL, "
    "COALESCE(v.verified_num, v.declared_num, 0), "
    "COALESCE(v.verified_option_id, v.declared_option_id, 0) "
    "FROM declaration_values v "
    "WHERE v.round_id = ? ORDER BY v.round_id, v.declaration_id",
    "i", "iiiii")
STMT(STMT_RANK_VALUES_ONE,
    "SELECT v.declaration_id, v.criterion_id, "
    "COALESCE(v.verified_num, v.declared_num) IS NOT NULL, "
    "COALESCE(v.verified_num, v.declared_num, 0), "
    "COALESCE(v.verified_option_id, v.declared_option_id, 0) "
    "FROM declaration_values v WHERE v.round_id = ? AND v.declaration_id = ?",
    "ii", "iiiii")
/*
 * The last known data of the files that were not submitted: the values of the
 * office's newest earlier file that was ranked on its own data, carried to this
 * round's criteria and options by their codes.
 */
STMT(STMT_RANK_LAST_KNOWN,
    "SELECT nd.id, cn.id, "
    "COALESCE(v.verified_num, v.declared_num) IS NOT NULL, "
    "COALESCE(v.verified_num, v.declared_num, 0), COALESCE(onew.id, 0), pr.code "
    "FROM declarations nd "
    "JOIN rounds cur ON cur.id = nd.round_id "
    "JOIN declarations pd ON pd.id = (SELECT d2.id FROM declarations d2 "
    "  JOIN rounds r2 ON r2.id = d2.round_id "
    "  WHERE d2.office_id = nd.office_id AND r2.decl_start_date < cur.decl_start_date "
    "  AND d2.rank_basis = 'declared' ORDER BY r2.decl_start_date DESC LIMIT 1) "
    "JOIN rounds pr ON pr.id = pd.round_id "
    "JOIN declaration_values v ON v.declaration_id = pd.id "
    "JOIN criteria co ON co.id = v.criterion_id "
    "JOIN criteria cn ON cn.round_id = nd.round_id AND cn.code = co.code "
    "LEFT JOIN criterion_options oo ON oo.id = COALESCE(v.verified_option_id, v.declared_option_id) "
    "LEFT JOIN criterion_options onew ON onew.criterion_id = cn.id AND onew.code = oo.code "
    "WHERE nd.round_id = ? AND nd.state = 'not_submitted' ORDER BY nd.id",
    "i", "iiiiis")
STMT(STMT_RANK_LAST_KNOWN_ONE,
    "SELECT nd.id, cn.id, "
    "COALESCE(v.verified_num, v.declared_num) IS NOT NULL, "
    "COALESCE(v.verified_num, v.declared_num, 0), COALESCE(onew.id, 0), pr.code "
    "FROM declarations nd "
    "JOIN rounds cur ON cur.id = nd.round_id "
    "JOIN declarations pd ON pd.id = (SELECT d2.id FROM declarations d2 "
    "  JOIN rounds r2 ON r2.id = d2.round_id "
    "  WHERE d2.office_id = nd.office_id AND r2.decl_start_date < cur.decl_start_date "
    "  AND d2.rank_basis = 'declared' ORDER BY r2.decl_start_date DESC LIMIT 1) "
    "JOIN rounds pr ON pr.id = pd.round_id "
    "JOIN declaration_values v ON v.declaration_id = pd.id "
    "JOIN criteria co ON co.id = v.criterion_id "
    "JOIN criteria cn ON cn.round_id = nd.round_id AND cn.code = co.code "
    "LEFT JOIN criterion_options oo ON oo.id = COALESCE(v.verified_option_id, v.declared_option_id) "
    "LEFT JOIN criterion_options onew ON onew.criterion_id = cn.id AND onew.code = oo.code "
    "WHERE nd.round_id = ? AND nd.state = 'not_submitted' AND nd.id = ?",
    "ii", "iiiiis")
/* The violations counted: not revoked, with their type's cap and code. */
STMT(STMT_RANK_VIOLATIONS,
    "SELECT v.declaration_id, v.violation_type_id, v.occurrences, v.points_each_x100, "
    "COALESCE(rvt.max_count, 0), vt.code "
    "FROM violations v "
    "JOIN round_violation_types rvt ON rvt.round_id = v.round_id "
    "  AND rvt.violation_type_id = v.violation_type_id "
    "JOIN violation_types vt ON vt.id = v.violation_type_id "
    "WHERE v.round_id = ? AND v.revoked_at IS NULL ORDER BY v.declaration_id, v.id",
    "i", "iiiiis")
STMT(STMT_RANK_VIOLATIONS_ONE,
    "SELECT v.declaration_id, v.violation_type_id, v.occurrences, v.points_each_x100, "
    "COALESCE(rvt.max_count, 0), vt.code "
    "FROM violations v "
    "JOIN round_violation_types rvt ON rvt.round_id = v.round_id "
    "  AND rvt.violation_type_id = v.violation_type_id "
    "JOIN violation_types vt ON vt.id = v.violation_type_id "
    "WHERE v.round_id = ? AND v.revoked_at IS NULL AND v.declaration_id = ? "
    "ORDER BY v.id",
    "ii", "iiiiis")
STMT(STMT_RANK_STORE,
    "UPDATE declarations SET score_x100 = ?, `rank` = ?, rank_basis = ?, "
    "breakdown_json = ?, scored_at = ? WHERE id = ?",
    "iisssi", "")
STMT(STMT_RANK_STORE_FINAL,
    "UPDATE declarations SET final_score_x100 = ?, final_rank = ?, "
    "final_breakdown_json = ?, final_at = ? WHERE id = ?",
    "iissi", "")
STMT(STMT_RANK_ROUND_RANKED,
    "UPDATE rounds SET state = 'scoring', ranked_at = ? WHERE id = ?",
    "si", "")
/* Counts by rank and basis, for the audit row and the command's report. */
STMT(STMT_RANK_COUNTS,
    "SELECT COALESCE(`rank`, 0), rank_basis, COUNT(*) FROM declarations "
    "WHERE round_id = ? GROUP BY 1, 2 ORDER BY 1, 2",
    "i", "isi")

/* Publication. */
STMT(STMT_RANK_PUBLISH,
    "UPDATE rounds SET state = 'published', published_at = ?, objection_end_date = ? "
    "WHERE id = ? AND state = 'scoring'",
    "ssi", "")
/* One message per licensee with a file in the round (a licensee may hold several). */
STMT(STMT_RANK_NOTIFY_SMS,
    "INSERT INTO outbox (channel, recipient, user_id, template, subject, body) "
    "SELECT 'sms', u.mobile, u.id, ?, '', ? FROM users u "
    "WHERE u.mobile IS NOT NULL AND u.disabled_at IS NULL AND u.id IN "
    "(SELECT o.licensee_user_id FROM declarations d JOIN offices o ON o.id = d.office_id "
    " WHERE d.round_id = ?)",
    "ssi", "")
STMT(STMT_RANK_NOTIFY_EMAIL,
    "INSERT INTO outbox (channel, recipient, user_id, template, subject, body) "
    "SELECT 'email', u.email, u.id, ?, ?, ? FROM users u "
    "WHERE u.email IS NOT NULL AND u.disabled_at IS NULL AND u.id IN "
    "(SELECT o.licensee_user_id FROM declarations d JOIN offices o ON o.id = d.office_id "
    " WHERE d.round_id = ?)",
    "sssi", "")
/* The final ranks: every file without an accepted objection keeps its first rank. */
STMT(STMT_RANK_FINALIZE_FILES,
    "UPDATE declarations SET final_score_x100 = score_x100, final_rank = `rank`, "
    "final_breakdown_json = breakdown_json, final_at = ? "
    "WHERE round_id = ? AND final_at IS NULL",
    "si", "")
STMT(STMT_RANK_FINALIZE_ROUND,
    "UPDATE rounds SET state = 'final', final_published_at = ? "
    "WHERE id = ? AND state = 'published'",
    "si", "")
/* Objections not yet decided block the final publication. */
STMT(STMT_RANK_OPEN_OBJECTIONS,
    "SELECT COUNT(*) FROM objections o JOIN declarations d ON d.id = o.declaration_id "
    "WHERE d.round_id = ? AND o.state = 'filed'",
    "i", "i")
/* A file's public rank and score before an objection's rescoring. */
STMT(STMT_RANK_FILE_PUBLIC,
    "SELECT COALESCE(public_rank, 0), COALESCE(final_score_x100, score_x100, 0) "
    "FROM declarations WHERE id = ? AND round_id = ?",
    "ii", "ii")
/* The offices of a round's files for the exports, in the order of STMT_RANK_FILES. */
STMT(STMT_EXPORT_FILES,
    "SELECT d.id, o.code, o.name, o.kind, p.name, c.name, d.state, "
    "COALESCE(d.rank_basis, ''), d.score_x100, d.`rank`, d.final_score_x100, d.final_rank "
    "FROM declarations d JOIN offices o ON o.id = d.office_id "
    "JOIN provinces p ON p.id = o.province_id JOIN cities c ON c.id = o.city_id "
    "WHERE d.round_id = ? ORDER BY d.id",
    "i", "isssssssiiii")

/* HQ's results page. */
STMT(STMT_RESULTS_PROVINCES,
    "SELECT p.id, p.name, p.region_id, rg.name, "
    "COALESCE(SUM(d.public_rank = 1), 0), COALESCE(SUM(d.public_rank = 2), 0), "
    "COALESCE(SUM(d.public_rank = 3), 0), "
    "COALESCE(SUM(d.id IS NOT NULL AND d.public_rank IS NULL), 0) "
    "FROM provinces p JOIN regions rg ON rg.id = p.region_id "
    "LEFT JOIN declarations d ON d.province_id = p.id AND d.round_id = ? "
    "GROUP BY p.id, p.name, p.region_id, rg.name ORDER BY p.region_id, p.name",
    "i", "isisiiii")
/* The public round before round ?, to compare ranks with. */
STMT(STMT_RESULTS_PREV_ROUND,
    "SELECT r.id, r.code FROM rounds r JOIN rounds cur ON cur.id = ? "
    "WHERE r.state IN ('published', 'objection', 'final', 'closed') "
    "AND r.decl_start_date < cur.decl_start_date "
    "ORDER BY r.decl_start_date DESC LIMIT 1",
    "i", "is")
STMT(STMT_RESULTS_CHANGED_COUNTS,
    "SELECT COALESCE(SUM(d.public_rank < pd.public_rank), 0), "
    "COALESCE(SUM(d.public_rank > pd.public_rank), 0), "
    "COALESCE(SUM(d.public_rank IS NULL OR pd.public_rank IS NULL), 0) "
    "FROM declarations d LEFT JOIN declarations pd ON pd.office_id = d.office_id "
    "AND pd.round_id = ? WHERE d.round_id = ? AND NOT (d.public_rank <=> pd.public_rank)",
    "ii", "iii")
STMT(STMT_RESULTS_CHANGED,
    "SELECT o.code, o.name, p.name, COALESCE(pd.public_rank, 0), "
    "COALESCE(d.public_rank, 0) "
    "FROM declarations d JOIN offices o ON o.id = d.office_id "
    "JOIN provinces p ON p.id = d.province_id "
    "LEFT JOIN declarations pd ON pd.office_id = d.office_id AND pd.round_id = ? "
    "WHERE d.round_id = ? AND NOT (d.public_rank <=> pd.public_rank) "
    "ORDER BY COALESCE(d.public_rank, 4) - COALESCE(pd.public_rank, 4) DESC, o.code "
    "LIMIT ?",
    "iii", "sssii")
