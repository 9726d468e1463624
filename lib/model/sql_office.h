/* Statements of offices (see stmts.h for the format). */

/*
 * One office, only if the asker may see it: the WHERE clause itself carries the
 * authorisation, so an office outside the asker's reach is simply not found.
 * Parameters: office id; role; role, user id (licensee: their own offices);
 * role, region id (reviewer: offices of the provinces of their region); hq sees all.
 */
STMT(STMT_OFFICE_GET_FOR,
    "SELECT o.id, o.code, o.kind, o.name, o.license_no, p.name, c.name, c.kind, "
    "o.address, u.first_name, u.last_name, p.region_id, r.name "
    "FROM offices o "
    "JOIN provinces p ON p.id = o.province_id "
    "JOIN regions r ON r.id = p.region_id "
    "JOIN cities c ON c.id = o.city_id "
    "JOIN users u ON u.id = o.licensee_user_id "
    "WHERE o.id = ? AND (? = 'hq' "
    "OR (? = 'licensee' AND o.licensee_user_id = ?) "
    "OR (? = 'reviewer' AND p.region_id = ?))",
    "issisi", "issssssssssis")
