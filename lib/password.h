/*
 * The password policy (OWASP ASVS 2.1): 8 to 128 characters of any kind, no
 * composition rules, not a common password, not the holder's national ID or
 * the regulator's "@Cra" forms of it; and the one-time initial secrets that
 * imported and new accounts receive.
 */
#ifndef GEPS_PASSWORD_H
#define GEPS_PASSWORD_H

#include <stddef.h>

struct arena;
struct conf;

#define PASSWORD_MIN_CHARS	8
#define PASSWORD_MAX_CHARS	128

/* Why a password was refused; password_message() words it for users. */
enum pw_err {
	PW_OK,
	PW_TOO_SHORT,		/* fewer than 8 code points */
	PW_TOO_LONG,		/* more than 128 code points */
	PW_INVALID,		/* not valid UTF-8, or has a control character */
	PW_COMMON,		/* in the list of common passwords */
	PW_NATIONAL_ID,		/* the national ID, or ID@cra, @craID, the ID reversed */
	PW__MAX
};

/*
 * Loads the list of common passwords from path (one a line, lines starting with
 * '#' are comments, at most 4 MiB, lines at most 512 bytes of valid UTF-8) and
 * keeps it, folded as password_check() folds, for the rest of the process.  Only
 * the first successful call loads; later calls return 0 at once.  Returns 0, or
 * -1 with a message naming the file (and line) in err.  Call it at start-up and
 * refuse to start on failure: until a list is loaded, password_check() cannot
 * refuse common passwords.
 */
int		 password_list_load(const char *path, char *err, size_t errsz);

/*
 * Checks a new password of len bytes against the policy.  national_id is the
 * holder's ID as 10 ASCII digits, or NULL.  Comparisons are made on a folded
 * copy: ASCII letters lower-cased, Persian and Arabic-Indic digits made ASCII,
 * Arabic yeh and kaf made Persian.  Does not read past len; allocates nothing.
 */
enum pw_err	 password_check(const char *pw, size_t len, const char *national_id);

/* A Persian sentence explaining the error, for forms; never NULL. */
const char	*password_message(enum pw_err);

/*
 * The initial one-time secret of an account, by conf->initial_password:
 * "random" gives a 10-character code from an alphabet without look-alikes (no
 * 0, O, o, 1, l, I); "national_id" the ID itself; "cra_suffix" "<ID>@Cra".
 * national_id must be 10 ASCII digits for the last two.  *secret is allocated in
 * the arena.  Returns 0, or -1 for an unknown setting, a missing or malformed
 * ID, or a failed random generator (then *secret is NULL).
 */
int		 password_initial(const struct conf *, const char *national_id,
		    struct arena *, char **secret);

#endif
