/* Statements of the published ranks, for the public pages (see stmts.h for the format). */

/*
 * A round is public from its publication on: published, objection, final, closed.
 * Every statement below names the states itself, so that no caller can show a
 * round in review or scoring by forgetting a check.
 */
#define PUBLIC_STATES	"('published', 'objection', 'final', 'closed')"

/* The public rounds, newest first (ix_rounds_state). */
STMT(STMT_PUBLIC_ROUNDS,
    "SELECT id, code, title, state, published_at, final_published_at, decl_start_date "
    "FROM rounds WHERE state IN " PUBLIC_STATES " "
    "ORDER BY decl_start_date DESC, id DESC",
    "", "issssss")
STMT(STMT_PUBLIC_ROUND_BY_CODE,
    "SELECT id, code, title, state, published_at, final_published_at, decl_start_date "
    "FROM rounds WHERE code = ? AND state IN " PUBLIC_STATES,
    "s", "issssss")
/*
 * An office by its public code with its rank in every public round, newest round
 * first: one row with NULL round columns when no public round has it
 * (uq_offices_code, then uq_declarations_office_round).
 */
STMT(STMT_PUBLIC_OFFICE_HISTORY,
    "SELECT o.id, o.code, o.name, o.kind, o.status, p.name, c.name, "
    "r.id, r.code, r.title, r.state, r.published_at, r.final_published_at, "
    "r.decl_start_date, d.public_rank, d.rank_basis, o.province_id "
    "FROM offices o JOIN provinces p ON p.id = o.province_id "
    "JOIN cities c ON c.id = o.city_id "
    "LEFT JOIN (declarations d JOIN rounds r ON r.id = d.round_id "
    "AND r.state IN " PUBLIC_STATES ") ON d.office_id = o.id "
    "WHERE o.code = ? "
    "ORDER BY r.decl_start_date DESC, r.id DESC",
    "s", "issssssissssssisi")
/* The provinces, for the choice of the published list. */
STMT(STMT_PUBLIC_PROVINCES,
    "SELECT id, code, name FROM provinces ORDER BY name",
    "", "iss")
/* Offices per rank in one province of a round: a range of ix_declarations_public. */
STMT(STMT_PUBLIC_RANK_COUNTS,
    "SELECT public_rank, COUNT(*) FROM declarations "
    "WHERE round_id = ? AND province_id = ? GROUP BY public_rank",
    "ii", "ii")
/*
 * One page of a province's list, by rank (not evaluated last) then office code.
 * The rows come from the same range of ix_declarations_public; the sort by code
 * needs the offices, so it is a sort of one province's rows, never of the round's.
 */
STMT(STMT_PUBLIC_RANK_PAGE,
    "SELECT o.code, o.name, o.kind, c.name, d.public_rank "
    "FROM declarations d JOIN offices o ON o.id = d.office_id "
    "JOIN cities c ON c.id = o.city_id "
    "WHERE d.round_id = ? AND d.province_id = ? "
    "ORDER BY d.public_rank IS NULL, d.public_rank, o.code LIMIT ? OFFSET ?",
    "iiii", "ssssi")
/* Every office of a public round, by office code: the public JSON. */
STMT(STMT_PUBLIC_ROUND_OFFICES,
    "SELECT o.code, o.name, o.kind, p.name, c.name, d.public_rank, "
    "COALESCE(d.final_score_x100, d.score_x100) "
    "FROM declarations d JOIN offices o ON o.id = d.office_id "
    "JOIN provinces p ON p.id = o.province_id JOIN cities c ON c.id = o.city_id "
    "WHERE d.round_id = ? ORDER BY o.code",
    "i", "sssssii")

#undef PUBLIC_STATES
