/* Statements reading a round's rubric (see rubric.h).  All in display order. */

/* When the round's rubric froze, in microseconds since 2000 (0: not frozen). */
STMT(STMT_RUBRIC_KEY,
    "SELECT COALESCE(TIMESTAMPDIFF(MICROSECOND, '2000-01-01', rubric_frozen_at), 0) "
    "FROM rounds WHERE id = ?",
    "i", "i")

STMT(STMT_RUBRIC_SECTIONS,
    "SELECT id, code, title, COALESCE(help_text, '') FROM rubric_sections "
    "WHERE round_id = ? ORDER BY position, id",
    "i", "isss")
STMT(STMT_RUBRIC_CRITERIA,
    "SELECT c.id, c.section_id, c.code, c.title, COALESCE(c.help_text, ''), c.kind, "
    "c.unit, c.decimals, c.min_value IS NOT NULL, COALESCE(c.min_value, 0), "
    "c.max_value IS NOT NULL, COALESCE(c.max_value, 0), c.required, c.filled_by, "
    "c.prefill FROM criteria c JOIN rubric_sections s ON s.id = c.section_id "
    "WHERE c.round_id = ? ORDER BY s.position, s.id, c.position, c.id",
    "i", "iisssssiiiiiiss")
STMT(STMT_RUBRIC_OPTIONS,
    "SELECT o.id, o.criterion_id, o.code, o.title, o.lower_value IS NOT NULL, "
    "COALESCE(o.lower_value, 0), o.upper_value IS NOT NULL, "
    "COALESCE(o.upper_value, 0), o.points_x100 FROM criterion_options o "
    "JOIN criteria c ON c.id = o.criterion_id "
    "WHERE c.round_id = ? ORDER BY o.criterion_id, o.position, o.id",
    "i", "iissiiiii")
STMT(STMT_RUBRIC_EVIDENCE,
    "SELECT e.id, e.section_id, COALESCE(e.criterion_id, 0), e.code, e.title, "
    "COALESCE(e.help_text, ''), e.min_files, e.max_files, "
    "COALESCE(e.only_if_option_id, 0) FROM evidence_requirements e "
    "JOIN rubric_sections s ON s.id = e.section_id "
    "WHERE s.round_id = ? ORDER BY e.section_id, e.position, e.id",
    "i", "iiisssiii")

/* HQ's edits of a draft round's rubric (fcgi/pages/hq_rubric.c). */
STMT(STMT_RUBRIC_LOCK_ROUND,
    "SELECT state, rank1_min_x100, rank2_min_x100 FROM rounds WHERE id = ? FOR UPDATE",
    "i", "sii")
STMT(STMT_RUBRIC_SET_THRESHOLDS,
    "UPDATE rounds SET rank1_min_x100 = ?, rank2_min_x100 = ? WHERE id = ? AND state = 'draft'",
    "iii", "")
STMT(STMT_RUBRIC_SET_CRITERION,
    "UPDATE criteria SET title = ?, required = ? WHERE id = ? AND round_id = ?",
    "siii", "")
STMT(STMT_RUBRIC_SET_OPTION,
    "UPDATE criterion_options o JOIN criteria c ON c.id = o.criterion_id "
    "SET o.title = ?, o.points_x100 = ? WHERE o.id = ? AND c.round_id = ?",
    "siii", "")
STMT(STMT_RUBRIC_SET_EVIDENCE,
    "UPDATE evidence_requirements e JOIN rubric_sections s ON s.id = e.section_id "
    "SET e.min_files = ?, e.max_files = ? WHERE e.id = ? AND s.round_id = ?",
    "iiii", "")
STMT(STMT_RUBRIC_SET_CRITERION_TEXT,
    "UPDATE criteria SET help_text = NULLIF(?, ''), unit = ? WHERE id = ? AND round_id = ?",
    "ssii", "")
STMT(STMT_RUBRIC_VIOLATIONS,
    "SELECT t.id, t.code, t.title, v.points_x100, COALESCE(v.max_count, 0) "
    "FROM round_violation_types v JOIN violation_types t ON t.id = v.violation_type_id "
    "WHERE v.round_id = ? ORDER BY t.position, t.id",
    "i", "issii")
STMT(STMT_RUBRIC_SET_VIOLATION,
    "UPDATE round_violation_types SET points_x100 = ?, max_count = NULLIF(?, 0) "
    "WHERE round_id = ? AND violation_type_id = ?",
    "iiii", "")
