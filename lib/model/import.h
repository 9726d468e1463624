/*
 * Accounts from outside the web: the regulator's license registry (a CSV file of
 * offices and their licensees, `geps import-offices`) and staff accounts
 * (`geps user add`).  Both validate everything first and write in one transaction,
 * with the new accounts' one-time secrets hashed and, when random, queued in the
 * outbox in that same transaction; both write one audit row.  The field
 * validators are public so that the CLI checks its options with the same rules.
 */
#ifndef GEPS_MODEL_IMPORT_H
#define GEPS_MODEL_IMPORT_H

#include <stddef.h>

#include "db.h"

struct arena;
struct conf;

enum import_status {
	IMPORT_OK = 0,
	IMPORT_INVALID,		/* the input was refused: see the error list; nothing written */
	IMPORT_DB,		/* the database failed: nothing written */
	IMPORT_CRYPTO,		/* hashing or random generation failed: nothing written */
};

/* One problem of the input: "line N: field: reason". */
struct import_error {
	size_t		 line;		/* physical line of the CSV record; 0 for a CLI option */
	const char	*field;		/* a column or option name, or "file" */
	const char	*reason;	/* English, for operators */
};

struct import_errors {
	struct import_error	*v;
	size_t			 n;
	size_t			 cap;
};

struct import_counts {
	long long	 offices_created, offices_updated, offices_unchanged;
	long long	 accounts_created, accounts_updated, accounts_unchanged;
};

/*
 * Called with a phase ("hash", "write") and how many of total rows are done,
 * every 100 rows and at the end, for progress on a terminal.
 */
typedef void	(*import_progress_fn)(const char *phase, size_t done, size_t total);

/*
 * Imports the registry CSV data[0..len) (not NUL-terminated, at most a few MiB):
 * parses it with the header row the file format requires, validates every row
 * (against the reference data and the accounts already in the database too),
 * and when there is no error applies it as one transaction of upserts, counting
 * what it created, updated and left alone in *counts.  sha256_hex is the file's
 * SHA-256 for the audit row.  Returns IMPORT_INVALID with every problem in *errs
 * (in line order), IMPORT_DB with db_errstr() telling why, IMPORT_CRYPTO, or
 * IMPORT_OK.  Strings live in the arena.  progress may be NULL.
 */
enum import_status import_offices(const struct conf *, struct db *, struct arena *,
		    const char *data, size_t len, const char *sha256_hex,
		    struct import_counts *counts, struct import_errors *errs,
		    import_progress_fn progress);

/* A staff account to create; strings as typed (folded and validated by staff_create). */
struct staff_new {
	const char	*role;		/* "reviewer" or "hq" */
	const char	*national_id;
	const char	*first_name;
	const char	*last_name;
	const char	*mobile;
	const char	*email;		/* NULL or "" for none */
	long long	 region_id;	/* 1..9 for reviewers, 0 for hq */
};

/*
 * Validates and creates a reviewer or HQ account with a random one-time secret
 * (whatever conf's initial_password says), queued by SMS to the mobile and by
 * email when there is one, in one transaction with a "user.create" audit row.
 * An existing national ID is refused.  Returns IMPORT_OK with the id in *user_id,
 * IMPORT_INVALID with the problems in *errs, IMPORT_DB or IMPORT_CRYPTO.
 */
enum import_status staff_create(const struct conf *, struct db *, struct arena *,
		    const struct staff_new *, long long *user_id,
		    struct import_errors *errs);

/*
 * Field validators.  Each takes the text as typed (Persian, Arabic-Indic or ASCII
 * digits), returns its canonical form in the arena, or NULL with *reason set to
 * an English sentence.
 */
/* 09xxxxxxxxx from 09…, 9…(10 digits), +989…, 00989… or 989…; spaces and dashes ignored. */
const char	*import_mobile(struct arena *, const char *s, size_t len,
		    const char **reason);
/* A simple, bounded email shape: local@domain.tld in ASCII, at most 254 bytes. */
const char	*import_email(struct arena *, const char *s, size_t len,
		    const char **reason);
/* A person's name: one cleaned line, 1..100 characters, ي/ك folded. */
const char	*import_name(struct arena *, const char *s, size_t len,
		    const char **reason);

#endif
