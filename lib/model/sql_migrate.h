/* Statements of `geps migrate` (see stmts.h for the format). */
STMT(STMT_MIGRATION_LIST,
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
    "", "iss")
STMT(STMT_MIGRATION_RECORD,
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
    "VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
    "iss", "")
