/* Statements of the service catalogue, the services of each area and the grants within an office's quota (see stmts.h for the format). */

/*
 * The round whose rank an office holds now: the newest round (by the start of its
 * declaration window) that published ranks and in which the office has a rank.
 * SVC_RANK_OF(col) is the id of that declaration for the office whose id is col.
 */
#ifndef SVC_RANK_OF
#define SVC_RANK_OF(col)						\
	"(SELECT d.id FROM declarations d JOIN rounds r ON r.id = d.round_id "	\
	"WHERE d.office_id = " col " AND d.public_rank IS NOT NULL "		\
	"AND r.state IN ('published', 'objection', 'final', 'closed') "	\
	"ORDER BY r.decl_start_date DESC, r.id DESC LIMIT 1)"
/* The share (percent) of the rank of declaration d in round r, NULL without a rank. */
#define SVC_PCT								\
	"CASE d.public_rank WHEN 1 THEN r.quota_rank1_pct WHEN 2 THEN r.quota_rank2_pct " \
	"WHEN 3 THEN r.quota_rank3_pct END"
#endif

/* One office's quota inputs. */
STMT(STMT_SVC_OFFICE_GET,
    "SELECT o.id, o.code, o.name, o.kind, o.status, p.id, p.name, c.id, c.code, c.name, "
    "c.kind FROM offices o JOIN provinces p ON p.id = o.province_id "
    "JOIN cities c ON c.id = o.city_id WHERE o.id = ?",
    "i", "issssisisss")
STMT(STMT_SVC_OFFICE_BY_CODE,
    "SELECT id FROM offices WHERE code = ?",
    "s", "i")
/* Grants and withdrawals of one office are serialised on its row. */
STMT(STMT_SVC_OFFICE_LOCK,
    "SELECT city_id, status, code, licensee_user_id FROM offices WHERE id = ? FOR UPDATE",
    "i", "issi")
STMT(STMT_SVC_LICENSEE_MOBILE,
    "SELECT u.id, COALESCE(u.mobile, '') FROM offices o "
    "JOIN users u ON u.id = o.licensee_user_id WHERE o.id = ?",
    "i", "is")
STMT(STMT_SVC_RANK,
    "SELECT d.public_rank, r.id, r.code, r.title, " SVC_PCT " FROM declarations d "
    "JOIN rounds r ON r.id = d.round_id WHERE d.id = " SVC_RANK_OF("?"),
    "i", "iissi")
/* Active services available in a city or village: the base of the quota. */
STMT(STMT_SVC_CITY_COUNT,
    "SELECT COUNT(*) FROM city_services cs JOIN services s ON s.id = cs.service_id "
    "WHERE cs.city_id = ? AND s.active = 1",
    "i", "i")
/* Grants of active services: what counts against the quota. */
STMT(STMT_SVC_GRANTED_COUNT,
    "SELECT COUNT(*) FROM office_services os JOIN services s ON s.id = os.service_id "
    "WHERE os.office_id = ? AND s.active = 1",
    "i", "i")
/* The services of an office's page: those of its area and those it was granted. */
STMT(STMT_SVC_OFFICE_SERVICES,
    "SELECT s.id, s.code, s.title, a.name, s.active, cs.city_id IS NOT NULL, "
    "os.office_id IS NOT NULL, os.granted_at, rd.code FROM services s "
    "JOIN agencies a ON a.id = s.agency_id "
    "LEFT JOIN city_services cs ON cs.service_id = s.id AND cs.city_id = ? "
    "LEFT JOIN office_services os ON os.service_id = s.id AND os.office_id = ? "
    "LEFT JOIN rounds rd ON rd.id = os.round_id "
    "WHERE cs.city_id IS NOT NULL OR os.office_id IS NOT NULL "
    "ORDER BY a.name, a.id, s.title",
    "ii", "isssiiiss")
/* What a grant must check: the service, its area and an existing grant. */
STMT(STMT_SVC_GRANT_CHECK,
    "SELECT s.active, s.code, s.title, a.name, "
    "EXISTS (SELECT 1 FROM city_services cs WHERE cs.city_id = ? AND cs.service_id = s.id), "
    "EXISTS (SELECT 1 FROM office_services os WHERE os.office_id = ? AND os.service_id = s.id) "
    "FROM services s JOIN agencies a ON a.id = s.agency_id WHERE s.id = ?",
    "iii", "isssii")
STMT(STMT_SVC_GRANT_INSERT,
    "INSERT INTO office_services (office_id, service_id, round_id, granted_by_user_id) "
    "VALUES (?, ?, ?, ?)",
    "iiii", "")
STMT(STMT_SVC_GRANT_GET,
    "SELECT os.round_id, os.granted_at, os.granted_by_user_id, s.code, s.title "
    "FROM office_services os JOIN services s ON s.id = os.service_id "
    "WHERE os.office_id = ? AND os.service_id = ? FOR UPDATE",
    "ii", "isiss")
STMT(STMT_SVC_GRANT_DELETE,
    "DELETE FROM office_services WHERE office_id = ? AND service_id = ?",
    "ii", "")

/* The catalogue: every agency with its services (an agency without any: NULLs). */
STMT(STMT_SVC_CATALOGUE,
    "SELECT a.id, a.code, a.name, s.id, s.code, s.title, s.active, "
    "(SELECT COUNT(*) FROM city_services cs WHERE cs.service_id = s.id), "
    "(SELECT COUNT(*) FROM office_services os WHERE os.service_id = s.id) "
    "FROM agencies a LEFT JOIN services s ON s.agency_id = a.id "
    "ORDER BY a.name, a.id, s.title, s.id",
    "", "ississiii")
STMT(STMT_SVC_AGENCY_GET,
    "SELECT code, name FROM agencies WHERE id = ?",
    "i", "ss")
STMT(STMT_SVC_AGENCY_INSERT,
    "INSERT INTO agencies (code, name) VALUES (?, ?)",
    "ss", "")
STMT(STMT_SVC_SERVICE_INSERT,
    "INSERT INTO services (agency_id, code, title) VALUES (?, ?, ?)",
    "iss", "")
STMT(STMT_SVC_SERVICE_LOCK,
    "SELECT code, title, active, agency_id FROM services WHERE id = ? FOR UPDATE",
    "i", "ssii")
STMT(STMT_SVC_SERVICE_RENAME,
    "UPDATE services SET title = ? WHERE id = ?",
    "si", "")
STMT(STMT_SVC_SERVICE_SET_ACTIVE,
    "UPDATE services SET active = ? WHERE id = ?",
    "ii", "")

/* Areas: provinces, their cities and villages, and the services of one. */
STMT(STMT_SVC_PROVINCES,
    "SELECT id, code, name FROM provinces ORDER BY name",
    "", "iss")
STMT(STMT_SVC_PROVINCE_CITIES,
    "SELECT c.id, c.code, c.name, c.kind, c.county, "
    "(SELECT COUNT(*) FROM city_services cs JOIN services s ON s.id = cs.service_id "
    "WHERE cs.city_id = c.id AND s.active = 1), "
    "(SELECT COUNT(*) FROM offices o WHERE o.city_id = c.id AND o.status = 'active') "
    "FROM cities c WHERE c.province_id = ? ORDER BY c.kind, c.name, c.id",
    "i", "issssii")
STMT(STMT_SVC_CITY_GET,
    "SELECT c.id, c.code, c.name, c.kind, c.county, p.id, p.name FROM cities c "
    "JOIN provinces p ON p.id = c.province_id WHERE c.id = ?",
    "i", "issssis")
STMT(STMT_SVC_CITY_BY_CODE,
    "SELECT id FROM cities WHERE code = ?",
    "s", "i")
STMT(STMT_SVC_CITY_SERVICES,
    "SELECT s.id, a.id, a.name, s.code, s.title, s.active, cs.city_id IS NOT NULL "
    "FROM services s JOIN agencies a ON a.id = s.agency_id "
    "LEFT JOIN city_services cs ON cs.service_id = s.id AND cs.city_id = ? "
    "ORDER BY a.name, a.id, s.title, s.id",
    "i", "iisssii")
/* Changes to one area's services are serialised on the city's row. */
STMT(STMT_SVC_CITY_LOCK,
    "SELECT code FROM cities WHERE id = ? FOR UPDATE",
    "i", "s")
/* One agency's services and whether each is available in a city. */
STMT(STMT_SVC_CITY_AGENCY,
    "SELECT s.id, s.code, s.active, cs.city_id IS NOT NULL FROM services s "
    "LEFT JOIN city_services cs ON cs.service_id = s.id AND cs.city_id = ? "
    "WHERE s.agency_id = ? ORDER BY s.id",
    "ii", "isii")
STMT(STMT_SVC_CITY_ADD,
    "INSERT IGNORE INTO city_services (city_id, service_id) VALUES (?, ?)",
    "ii", "")
STMT(STMT_SVC_CITY_REMOVE,
    "DELETE FROM city_services WHERE city_id = ? AND service_id = ?",
    "ii", "")

/*
 * Offices holding grants, with what their quota rests on (rank, share, services of
 * their area, grants), for the over-quota list; province 0: all.  The quota itself
 * is computed in C (services_quota), so that there is one rule.
 */
STMT(STMT_SVC_HOLDERS,
    "SELECT o.id, o.code, o.name, p.id, p.name, c.name, d.public_rank, rd.code, "
    "CASE d.public_rank WHEN 1 THEN rd.quota_rank1_pct WHEN 2 THEN rd.quota_rank2_pct "
    "WHEN 3 THEN rd.quota_rank3_pct END, "
    "(SELECT COUNT(*) FROM city_services cs JOIN services s ON s.id = cs.service_id "
    "WHERE cs.city_id = o.city_id AND s.active = 1), g.n "
    "FROM (SELECT os.office_id, COUNT(*) AS n FROM office_services os "
    "JOIN services s ON s.id = os.service_id WHERE s.active = 1 GROUP BY os.office_id) g "
    "JOIN offices o ON o.id = g.office_id AND o.status = 'active' "
    "JOIN provinces p ON p.id = o.province_id JOIN cities c ON c.id = o.city_id "
    "LEFT JOIN declarations d ON d.id = " SVC_RANK_OF("o.id") " "
    "LEFT JOIN rounds rd ON rd.id = d.round_id "
    "WHERE ? = 0 OR o.province_id = ? ORDER BY p.name, o.code",
    "ii", "ississisiii")
/*
 * The agency view: active offices granted a service in a city (or a province, or
 * anywhere when both are 0), with their current rank.
 */
STMT(STMT_SVC_GRANTED_OFFICES,
    "SELECT o.id, o.code, o.name, p.name, c.name, c.kind, os.granted_at, "
    "(SELECT d.public_rank FROM declarations d WHERE d.id = " SVC_RANK_OF("o.id") ") "
    "FROM office_services os JOIN offices o ON o.id = os.office_id AND o.status = 'active' "
    "JOIN provinces p ON p.id = o.province_id JOIN cities c ON c.id = o.city_id "
    "WHERE os.service_id = ? AND (? = 0 OR o.city_id = ?) AND (? = 0 OR o.province_id = ?) "
    "ORDER BY p.name, c.name, o.code",
    "iiiii", "issssssi")
STMT(STMT_SVC_SERVICE_GET,
    "SELECT s.code, s.title, s.active, a.name FROM services s "
    "JOIN agencies a ON a.id = s.agency_id WHERE s.id = ?",
    "i", "ssis")
STMT(STMT_SVC_PROVINCE_GET,
    "SELECT name FROM provinces WHERE id = ?",
    "i", "s")

/* The CSV import: reference data read once, then upserts on the natural keys. */
STMT(STMT_SVC_IMPORT_AGENCIES,
    "SELECT id, code, name FROM agencies",
    "", "iss")
STMT(STMT_SVC_IMPORT_SERVICES,
    "SELECT id, agency_id, code, title FROM services",
    "", "iiss")
STMT(STMT_SVC_IMPORT_CITIES,
    "SELECT id, code FROM cities",
    "", "is")
STMT(STMT_SVC_AGENCY_LOCK_CODE,
    "SELECT id, name FROM agencies WHERE code = ? FOR UPDATE",
    "s", "is")
STMT(STMT_SVC_AGENCY_RENAME,
    "UPDATE agencies SET name = ? WHERE id = ?",
    "si", "")
STMT(STMT_SVC_SERVICE_LOCK_CODE,
    "SELECT id, agency_id, title FROM services WHERE code = ? FOR UPDATE",
    "s", "iis")
STMT(STMT_SVC_SERVICE_UPDATE,
    "UPDATE services SET agency_id = ?, title = ? WHERE id = ?",
    "isi", "")
