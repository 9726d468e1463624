/* Statements of the rounds table (see stmts.h for the format). */

/* The round to show on the home page: the open one, else the newest live one. */
STMT(STMT_ROUND_CURRENT,
    "SELECT id, code, title, state, decl_start_date, decl_end_date "
    "FROM rounds WHERE state NOT IN ('draft', 'closed') "
    "ORDER BY state = 'open' DESC, decl_start_date DESC LIMIT 1",
    "", "isssss")

/* Administration of rounds (round.h). */
STMT(STMT_ROUND_LIST,
    "SELECT id, code, title, state, decl_start_date, decl_end_date, review_end_date, "
    "correction_days, objection_days, rank1_min_x100, rank2_min_x100, "
    "(SELECT COUNT(*) FROM criteria c WHERE c.round_id = rounds.id) "
    "FROM rounds ORDER BY decl_start_date DESC, id DESC",
    "", "issssssiiiii")
STMT(STMT_ROUND_GET,
    "SELECT id, code, title, state, decl_start_date, decl_end_date, review_end_date, "
    "correction_days, objection_days, rank1_min_x100, rank2_min_x100, "
    "(SELECT COUNT(*) FROM criteria c WHERE c.round_id = rounds.id) "
    "FROM rounds WHERE id = ?",
    "i", "issssssiiiii")
STMT(STMT_ROUND_BY_CODE,
    "SELECT id FROM rounds WHERE code = ?",
    "s", "i")
/* Another round whose declaration or review window meets [start, review_end]. */
STMT(STMT_ROUND_OVERLAP,
    "SELECT code FROM rounds WHERE id <> ? AND decl_start_date <= ? AND review_end_date >= ? "
    "ORDER BY decl_start_date LIMIT 1",
    "iss", "s")
STMT(STMT_ROUND_INSERT,
    "INSERT INTO rounds (code, title, decl_start_date, decl_end_date, review_end_date, "
    "correction_days, objection_days) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "sssssii", "")
/* The newest round that started before a date: the rubric a new round copies. */
STMT(STMT_ROUND_PREVIOUS,
    "SELECT id FROM rounds WHERE decl_start_date < ? AND id <> ? "
    "ORDER BY decl_start_date DESC LIMIT 1",
    "si", "i")
STMT(STMT_ROUND_COPY_SETTINGS,
    "UPDATE rounds r JOIN rounds p ON p.id = ? SET r.copied_from_round_id = p.id, "
    "r.rank1_min_x100 = p.rank1_min_x100, r.rank2_min_x100 = p.rank2_min_x100, "
    "r.quota_rank1_pct = p.quota_rank1_pct, r.quota_rank2_pct = p.quota_rank2_pct, "
    "r.quota_rank3_pct = p.quota_rank3_pct, r.nonsubmit_rule = p.nonsubmit_rule "
    "WHERE r.id = ?",
    "ii", "")
STMT(STMT_ROUND_COPY_SECTIONS,
    "INSERT INTO rubric_sections (round_id, code, title, help_text, position) "
    "SELECT ?, code, title, help_text, position FROM rubric_sections WHERE round_id = ?",
    "ii", "")
STMT(STMT_ROUND_COPY_CRITERIA,
    "INSERT INTO criteria (round_id, section_id, code, title, help_text, kind, unit, decimals, "
    "min_value, max_value, required, filled_by, prefill, position) "
    "SELECT ?, ns.id, c.code, c.title, c.help_text, c.kind, c.unit, c.decimals, c.min_value, "
    "c.max_value, c.required, c.filled_by, c.prefill, c.position FROM criteria c "
    "JOIN rubric_sections os ON os.id = c.section_id "
    "JOIN rubric_sections ns ON ns.round_id = ? AND ns.code = os.code WHERE c.round_id = ?",
    "iii", "")
STMT(STMT_ROUND_COPY_OPTIONS,
    "INSERT INTO criterion_options (criterion_id, code, title, lower_value, upper_value, "
    "points_x100, position) SELECT nc.id, o.code, o.title, o.lower_value, o.upper_value, "
    "o.points_x100, o.position FROM criterion_options o JOIN criteria oc ON oc.id = o.criterion_id "
    "JOIN criteria nc ON nc.round_id = ? AND nc.code = oc.code WHERE oc.round_id = ?",
    "ii", "")
STMT(STMT_ROUND_COPY_EVIDENCE,
    "INSERT INTO evidence_requirements (section_id, criterion_id, code, title, help_text, "
    "min_files, max_files, only_if_option_id, position) "
    "SELECT ns.id, nc.id, e.code, e.title, e.help_text, e.min_files, e.max_files, nopt.id, e.position "
    "FROM evidence_requirements e JOIN rubric_sections os ON os.id = e.section_id "
    "JOIN rubric_sections ns ON ns.round_id = ? AND ns.code = os.code "
    "LEFT JOIN criteria oc ON oc.id = e.criterion_id "
    "LEFT JOIN criteria nc ON nc.round_id = ns.round_id AND nc.code = oc.code "
    "LEFT JOIN criterion_options oopt ON oopt.id = e.only_if_option_id "
    "LEFT JOIN criterion_options nopt ON nopt.criterion_id = nc.id AND nopt.code = oopt.code "
    "WHERE os.round_id = ?",
    "ii", "")
STMT(STMT_ROUND_COPY_VIOLATIONS,
    "INSERT INTO round_violation_types (round_id, violation_type_id, points_x100, max_count) "
    "SELECT ?, violation_type_id, points_x100, max_count FROM round_violation_types "
    "WHERE round_id = ?",
    "ii", "")
/* Opening freezes the rubric; the unique open_flag allows one open round. */
STMT(STMT_ROUND_OPEN,
    "UPDATE rounds SET state = 'open', rubric_frozen_at = UTC_TIMESTAMP(6) "
    "WHERE id = ? AND state = 'draft'",
    "i", "")
STMT(STMT_ROUND_LOCK,
    "SELECT state, decl_end_date, review_end_date FROM rounds WHERE id = ? FOR UPDATE",
    "i", "sss")
STMT(STMT_ROUND_EXTEND,
    "UPDATE rounds SET decl_end_date = ?, review_end_date = ? WHERE id = ?",
    "ssi", "")
STMT(STMT_ROUND_OFFICE_BY_CODE,
    "SELECT id FROM offices WHERE code = ?",
    "s", "i")
STMT(STMT_ROUND_EXTEND_OFFICE,
    "INSERT INTO office_extensions (round_id, office_id, decl_end_date, reason, created_by_user_id) "
    "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE decl_end_date = VALUES(decl_end_date), "
    "reason = VALUES(reason), created_by_user_id = VALUES(created_by_user_id)",
    "iissi", "")
STMT(STMT_ROUND_DECL_COUNTS,
    "SELECT state, COUNT(*) FROM declarations WHERE round_id = ? GROUP BY state ORDER BY state",
    "i", "si")
STMT(STMT_ROUND_HQ_BY_NID,
    "SELECT id FROM users WHERE national_id = ? AND role = 'hq' AND disabled_at IS NULL",
    "s", "i")
