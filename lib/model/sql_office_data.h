/* Statements of the licensee's office data: base data and staff (office_data.h). */

STMT(STMT_OD_GET,
    "SELECT o.address, COALESCE(o.postal_code, ''), COALESCE(o.phone, ''), o.opening_hours, "
    "COALESCE(o.area_m2, 0), "
    "COALESCE(JSON_VALUE(o.accessibility_json, '$.ramp'), '') IN ('true', '1'), "
    "COALESCE(JSON_VALUE(o.accessibility_json, '$.lift'), '') IN ('true', '1'), "
    "COALESCE(JSON_VALUE(o.accessibility_json, '$.toilet'), '') IN ('true', '1'), "
    "COALESCE(JSON_VALUE(o.accessibility_json, '$.priority_counter'), '') IN ('true', '1'), "
    "o.license_no, p.name, c.name, o.kind "
    "FROM offices o JOIN provinces p ON p.id = o.province_id JOIN cities c ON c.id = o.city_id "
    "WHERE o.id = ?",
    "i", "ssssiiiiissss")
STMT(STMT_OD_UPDATE,
    "UPDATE offices SET address = ?, postal_code = NULLIF(?, ''), phone = NULLIF(?, ''), "
    "opening_hours = ?, area_m2 = ?, accessibility_json = ? WHERE id = ?",
    "ssssisi", "")
STMT(STMT_OD_STAFF,
    "SELECT id, national_id, first_name, last_name, job_title, insured, disabled "
    "FROM office_staff WHERE office_id = ? AND active = 1 ORDER BY id",
    "i", "issssii")
STMT(STMT_OD_STAFF_FIND,
    "SELECT id, active FROM office_staff WHERE office_id = ? AND national_id = ?",
    "is", "ii")
STMT(STMT_OD_STAFF_ADD,
    "INSERT INTO office_staff (office_id, national_id, first_name, last_name, job_title, "
    "insured, disabled) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "issssii", "")
STMT(STMT_OD_STAFF_UPDATE,
    "UPDATE office_staff SET first_name = ?, last_name = ?, job_title = ?, insured = ?, "
    "disabled = ?, active = 1 WHERE id = ? AND office_id = ?",
    "sssiiii", "")
STMT(STMT_OD_STAFF_REMOVE,
    "UPDATE office_staff SET active = 0 WHERE id = ? AND office_id = ? AND active = 1",
    "ii", "")
