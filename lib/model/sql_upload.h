/* Statements of the evidence index and its links (upload.h). */

/* The same bytes are stored once: a second upload finds the row (its id). */
STMT(STMT_UP_EVIDENCE_PUT,
    "INSERT INTO evidence (sha256, size_bytes, mime, storage_name) VALUES (?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
    "biss", "")
STMT(STMT_UP_LINK_PUT,
    "INSERT INTO declaration_evidence (declaration_id, round_id, section_id, requirement_id, "
    "evidence_id, original_name, send_back_id, uploaded_by_user_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "iiiiisii", "")
STMT(STMT_UP_REQ_COUNT,
    "SELECT COUNT(*) FROM declaration_evidence WHERE declaration_id = ? AND requirement_id = ?",
    "ii", "i")
STMT(STMT_UP_DECL_BYTES,
    "SELECT COALESCE(SUM(e.size_bytes), 0) FROM declaration_evidence de "
    "JOIN evidence e ON e.id = de.evidence_id WHERE de.declaration_id = ?",
    "i", "i")
STMT(STMT_UP_SECTION_FILES,
    "SELECT de.id, COALESCE(de.requirement_id, 0), de.original_name, e.size_bytes, "
    "LOWER(HEX(e.sha256)), e.mime FROM declaration_evidence de "
    "JOIN evidence e ON e.id = de.evidence_id "
    "WHERE de.declaration_id = ? AND de.section_id = ? ORDER BY de.id",
    "ii", "iisiss")
/*
 * A file of an office's declaration, if the asker may read it: the office's
 * licensee, a reviewer of the office's region, or HQ.
 */
STMT(STMT_UP_FILE_FOR,
    "SELECT e.storage_name, e.mime, de.original_name, e.size_bytes "
    "FROM declaration_evidence de JOIN evidence e ON e.id = de.evidence_id "
    "JOIN declarations d ON d.id = de.declaration_id "
    "JOIN offices o ON o.id = d.office_id JOIN provinces p ON p.id = o.province_id "
    "WHERE de.id = ? AND o.id = ? AND (o.licensee_user_id = ? "
    "  OR (? = 'reviewer' AND p.region_id = ?) OR ? = 'hq')",
    "iiisis", "sssi")
STMT(STMT_UP_LINK_SECTION,
    "SELECT section_id, COALESCE(requirement_id, 0) FROM declaration_evidence "
    "WHERE id = ? AND declaration_id = ?",
    "ii", "ii")
STMT(STMT_UP_LINK_DELETE,
    "DELETE FROM declaration_evidence WHERE id = ? AND declaration_id = ?",
    "ii", "")

/* geps evidence check. */
STMT(STMT_EV_ALL,
    "SELECT id, storage_name, size_bytes, LOWER(HEX(sha256)) FROM evidence ORDER BY id",
    "", "isis")
#define EV_UNREFERENCED \
    "NOT EXISTS (SELECT 1 FROM declaration_evidence x WHERE x.evidence_id = e.id) " \
    "AND NOT EXISTS (SELECT 1 FROM violation_evidence x WHERE x.evidence_id = e.id) " \
    "AND NOT EXISTS (SELECT 1 FROM objection_evidence x WHERE x.evidence_id = e.id) "
STMT(STMT_EV_UNREFERENCED,
    "SELECT e.id, e.storage_name FROM evidence e WHERE " EV_UNREFERENCED
    "AND e.created_at < ? ORDER BY e.id",
    "s", "is")
STMT(STMT_EV_DELETE_UNREFERENCED,
    "DELETE e FROM evidence e WHERE e.id = ? AND " EV_UNREFERENCED,
    "i", "")
#undef EV_UNREFERENCED

/* The documents of an objection. */
STMT(STMT_UP_OBJ_LINK_PUT,
    "INSERT INTO objection_evidence (objection_id, evidence_id, original_name, "
    "uploaded_by_user_id) VALUES (?, ?, ?, ?)",
    "iisi", "")
STMT(STMT_UP_OBJ_COUNT,
    "SELECT COUNT(*) FROM objection_evidence WHERE objection_id = ?",
    "i", "i")
STMT(STMT_UP_OBJ_FILES,
    "SELECT e.id, oe.original_name, e.size_bytes, e.mime FROM objection_evidence oe "
    "JOIN evidence e ON e.id = oe.evidence_id WHERE oe.objection_id = ? "
    "ORDER BY oe.uploaded_at, e.id",
    "i", "isis")
/* A document of an objection, if the asker may read it (as STMT_UP_FILE_FOR). */
STMT(STMT_UP_OBJ_FILE_FOR,
    "SELECT e.storage_name, e.mime, oe.original_name, e.size_bytes "
    "FROM objection_evidence oe JOIN evidence e ON e.id = oe.evidence_id "
    "JOIN objections ob ON ob.id = oe.objection_id "
    "JOIN declarations d ON d.id = ob.declaration_id "
    "JOIN offices o ON o.id = d.office_id JOIN provinces p ON p.id = o.province_id "
    "WHERE oe.objection_id = ? AND oe.evidence_id = ? AND (o.licensee_user_id = ? "
    "  OR (? = 'reviewer' AND p.region_id = ?) OR ? = 'hq')",
    "iiisis", "sssi")

/* The documents of a violation, uploaded by the region. */
STMT(STMT_UP_VIOL_LINK_PUT,
    "INSERT INTO violation_evidence (violation_id, evidence_id, original_name, "
    "uploaded_by_user_id) VALUES (?, ?, ?, ?)",
    "iisi", "")
STMT(STMT_UP_VIOL_COUNT,
    "SELECT COUNT(*) FROM violation_evidence WHERE violation_id = ?",
    "i", "i")
STMT(STMT_UP_VIOL_FILES,
    "SELECT e.id, ve.original_name, e.size_bytes, e.mime FROM violation_evidence ve "
    "JOIN evidence e ON e.id = ve.evidence_id WHERE ve.violation_id = ? "
    "ORDER BY ve.uploaded_at, e.id",
    "i", "isis")
/* A violation's document for the file's licensee, a reviewer of the region or HQ. */
STMT(STMT_UP_VIOL_FILE_FOR,
    "SELECT e.storage_name, e.mime, ve.original_name, e.size_bytes "
    "FROM violation_evidence ve JOIN evidence e ON e.id = ve.evidence_id "
    "JOIN violations v ON v.id = ve.violation_id "
    "JOIN declarations d ON d.id = v.declaration_id "
    "JOIN offices o ON o.id = d.office_id JOIN provinces p ON p.id = o.province_id "
    "WHERE ve.violation_id = ? AND ve.evidence_id = ? AND (o.licensee_user_id = ? "
    "  OR (? = 'reviewer' AND p.region_id = ?) OR ? = 'hq')",
    "iiisis", "sssi")
