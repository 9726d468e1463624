/*
 * The regional review of a file: the region's queue, one file with its values,
 * violations, send-backs and the office's history, and the reviewer's actions
 * (verify a value, record the association score, add or revoke a violation, send
 * the file back for correction, complete the review) and HQ's reopening of a
 * reviewed file.  HQ's list of files overdue for review is here too.
 *
 * Scope is decided in SQL: a reviewer sees the files of the provinces of their
 * region (provinces.region_id = users.region_id), HQ every file; anything else is
 * "not found".  Every action is one transaction that locks the file's row, takes
 * a shared lock on its round, and checks again under those locks the round's
 * state and review window (against the request's clock, Tehran days), the file's
 * state and the optimistic version the form carried; it writes, bumps the version
 * and appends an audit row with the old and new values.  A refusal comes back as
 * a review_refusal with a Persian sentence; nothing is written then.
 */
#ifndef GEPS_MODEL_REVIEW_H
#define GEPS_MODEL_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct arena;
struct rubric;
struct rubric_criterion;
struct rubric_section;

/* Who is asking: a reviewer of region_id or HQ, at the request's time. */
struct review_who {
	long long	 user_id;
	const char	*role;		/* "reviewer" or "hq" */
	long long	 region_id;	/* reviewers only */
	const char	*client_addr;
	int64_t		 now;
};

/* "YYYY-MM-DD": the Gregorian date of the Tehran day of now plus days. */
const char	*review_tehran_date(struct arena *, int64_t now, int days);

/* Rounds with files to look at (review, scoring, published, objection, final). */
struct review_round {
	long long	 id;
	const char	*code;
	const char	*title;
	const char	*state;
	const char	*review_end;	/* YYYY-MM-DD */
	int		 correction_days;
};
enum db_err	 review_rounds(struct db *, struct arena *, struct review_round **, size_t *);
/* The newest published round before round_id (the rank bands' source); 0: none. */
enum db_err	 review_prev_published(struct db *, long long round_id, long long *prev);

/* Provinces of a region (0: all), and the places with offices of one of them. */
struct review_place {
	long long	 id;
	const char	*name;
};
enum db_err	 review_provinces(struct db *, struct arena *, long long region_id,
		    struct review_place **, size_t *);
enum db_err	 review_cities(struct db *, struct arena *, long long region_id,
		    long long province_id, struct review_place **, size_t *);

/* Files of a round per province and state inside a region (0: all). */
struct review_count {
	long long	 province_id;
	const char	*state;
	long long	 n;
};
enum db_err	 review_counts(struct db *, struct arena *, long long round_id,
		    long long region_id, struct review_count **, size_t *);

/*
 * The queue: most urgent first (due date, then submission), REVIEW_PAGE a page,
 * read in that order from an index and stopped after the page for a reviewer.
 * counts are review_counts() of the same round and region: the total comes from
 * them when only the state and province filters are set, and is counted (a join
 * over the region's files) only when a city, rank band or search is.
 */
#define REVIEW_PAGE	50
struct review_query {
	long long	 round_id;
	long long	 region_id;	/* 0: every region (HQ) */
	long long	 province_id;	/* 0: any */
	long long	 city_id;	/* 0: any */
	const char	*states[4];	/* the states listed (repeat one to fill) */
	long long	 prev_round_id;	/* source of the rank band; 0: none */
	int		 band;		/* 0 any, 1-3 that rank, 4 no rank */
	const char	*q;		/* "" or an office code, license number or national ID */
	long long	 page;		/* 0-based */
};
struct review_row {
	long long	 decl_id;
	long long	 office_id;
	const char	*office_code;
	const char	*office_name;
	const char	*province;
	const char	*city;
	const char	*state;
	const char	*due_date;	/* NULL: none */
	const char	*submitted_at;	/* NULL: never */
	int		 return_count;
	int		 prev_rank;	/* 0: none */
	const char	*licensee;
};
enum db_err	 review_queue(struct db *, struct arena *, const struct review_query *,
		    const struct review_count *counts, size_t ncounts,
		    struct review_row **, size_t *, long long *total);

/* One file as the review sees it. */
struct review_file {
	long long	 id;
	long long	 round_id;
	long long	 office_id;
	const char	*state;
	long long	 version;
	const char	*due_date;	/* NULL: none */
	const char	*submitted_at;	/* NULL: never */
	int		 return_count;
	const char	*tracking_no;	/* NULL: never submitted */
	const char	*reviewed_at;	/* NULL unless reviewed */
	const char	*reviewer;	/* "" unless reviewed */
	const char	*office_code;
	const char	*office_name;
	const char	*office_kind;
	const char	*license_no;
	const char	*address;
	const char	*province;
	const char	*city;
	long long	 region_id;
	int		 staff_count;
	const char	*round_code;
	const char	*round_title;
	const char	*round_state;
	const char	*review_end;
	int		 correction_days;
	long long	 licensee_id;
	const char	*licensee;
	const char	*licensee_mobile;	/* "" when none */
	const char	*licensee_email;	/* "" when none */
};
/* Loads decl_id if who may see it (*found 0 otherwise: answer 404). */
enum db_err	 review_file_load(struct db *, struct arena *, const struct review_who *,
		    long long decl_id, struct review_file *, int *found);

/* Why the review of a file is closed for who now (NULL: open for their actions). */
const char	*review_closed_why(struct arena *, const struct review_who *,
		    const struct review_file *);

/* A criterion's declared and verified value; has_row 0: nothing stored. */
struct review_value {
	int		 has_row;
	int		 has_declared_num;
	long long	 declared_num;
	long long	 declared_opt;		/* 0: none */
	const char	*verify_state;		/* pending, confirmed, corrected */
	int		 has_verified_num;
	long long	 verified_num;
	long long	 verified_opt;		/* 0: none */
	const char	*note;			/* "" when none */
	const char	*verified_at;		/* NULL: never */
	const char	*verifier;		/* "" when none */
};
/* The values of a file, one per criterion of rb (same order as rb->crits). */
enum db_err	 review_values(struct db *, struct arena *, long long decl_id,
		    const struct rubric *, struct review_value **);
/*
 * What still blocks completion: licensee or system criteria stored but not yet
 * verified, and reviewer criteria (the association score) without a value.
 */
size_t		 review_pending(const struct rubric *, const struct review_value *);

/* Violation types of a round, and the violations of a file (revoked ones too). */
struct review_vtype {
	long long	 id;
	const char	*code;
	const char	*title;
	int		 points_x100;	/* <= 0, per occurrence */
	int		 max_count;	/* 0: no cap */
};
enum db_err	 review_vtypes(struct db *, struct arena *, long long round_id,
		    struct review_vtype **, size_t *);
struct review_violation {
	long long	 id;
	long long	 type_id;
	const char	*title;
	int		 occurrences;
	int		 points_each_x100;
	const char	*note;
	const char	*created_at;
	const char	*created_by;
	const char	*revoked_at;	/* "" while in force */
	const char	*revoked_by;
	const char	*revoke_reason;
};
enum db_err	 review_violations(struct db *, struct arena *, long long decl_id,
		    struct review_violation **, size_t *);

/* The send-backs of a file, newest first, each with the sections it marked. */
struct review_sb_section {
	long long	 section_id;
	const char	*title;
	const char	*remark;
};
struct review_send_back {
	long long	 id;
	const char	*remarks;
	const char	*due_date;
	const char	*created_at;
	const char	*created_by;
	const char	*resubmitted_at;	/* "" while open */
	struct review_sb_section *secs;
	size_t		 nsecs;
};
enum db_err	 review_send_backs(struct db *, struct arena *, long long decl_id,
		    struct review_send_back **, size_t *);

/* The office's earlier rounds (newest first, at most 6) and their violations. */
struct review_past {
	const char	*round_code;
	const char	*round_title;
	const char	*state;
	int		 rank;		/* 0: none public */
	int		 has_score;
	long long	 score_x100;
	int		 violations;	/* in force */
};
struct review_past_violation {
	const char	*round_code;
	const char	*title;
	int		 occurrences;
	int		 points_each_x100;
	const char	*note;
	int		 revoked;
};
enum db_err	 review_history(struct db *, struct arena *, const struct review_file *,
		    struct review_past **, size_t *, struct review_past_violation **,
		    size_t *);

/* Writes.  A refusal leaves the database as it was. */
enum review_refusal {
	REV_DONE = 0,
	REV_FORBIDDEN,		/* not this role's action (403) */
	REV_CLOSED,		/* round not under review or window over (409) */
	REV_STATE,		/* the file's state does not allow it (409) */
	REV_STALE,		/* the form's version is old (409) */
	REV_INVALID,		/* a value is refused (422) */
	REV_GONE,		/* the violation named is not the file's (404) */
};
struct review_result {
	enum review_refusal refusal;
	const char	*why;		/* Persian, when refused */
};

/*
 * Verifies criterion c of the file: confirmed (the declared value stands) or
 * corrected with a value (has_num/num for numbers, opt_id for choices) and a
 * note, which is required.  Reviewer criteria are refused: see review_association.
 */
enum db_err	 review_verify(struct db *, struct arena *, const struct review_who *,
		    const struct review_file *, long long version,
		    const struct rubric_criterion *c, int correct, int has_num,
		    long long num, long long opt_id, const char *note,
		    struct review_result *);
/* Confirms every value of section s still pending. */
enum db_err	 review_confirm_section(struct db *, struct arena *,
		    const struct review_who *, const struct review_file *, long long version,
		    const struct rubric *, const struct rubric_section *s,
		    struct review_result *);
/*
 * Records the value of reviewer criterion c (the provincial association's score),
 * already checked against c's bounds: stored as verified_num, verify_state
 * confirmed, declared_num NULL (the licensee never declares it).
 */
enum db_err	 review_association(struct db *, struct arena *, const struct review_who *,
		    const struct review_file *, long long version,
		    const struct rubric_criterion *c, long long num, struct review_result *);
/* Adds a violation of type t (of the file's round): points copied from the round. */
enum db_err	 review_violation_add(struct db *, struct arena *, const struct review_who *,
		    const struct review_file *, long long version, const struct review_vtype *t,
		    int occurrences, const char *note, struct review_result *);
/*
 * Links n stored documents to violation id of the file (not revoked; at most
 * VIOLATION_MAX_FILES), under the same checks as every write.
 */
#define VIOLATION_MAX_FILES	5
struct upload_stored;
enum db_err	 review_violation_attach(struct db *, struct arena *,
		    const struct review_who *, const struct review_file *, long long version,
		    long long violation_id, const struct upload_stored *, size_t n,
		    struct review_result *);
/* Revokes violation id of the file with a reason (required). */
enum db_err	 review_violation_revoke(struct db *, struct arena *,
		    const struct review_who *, const struct review_file *, long long version,
		    long long violation_id, const char *reason, struct review_result *);
/*
 * Sends the file back: one send-back with the general remarks, a row per marked
 * section with its remark, the values of those sections back to pending, the file
 * 'returned' until today + the round's correction days (*due, YYYY-MM-DD), and
 * the licensee told through the outbox (SMS and email, as on file).
 */
struct review_mark {
	const struct rubric_section *section;
	const char	*remark;
};
enum db_err	 review_send_back(struct db *, struct arena *, const struct review_who *,
		    const struct review_file *, long long version, const char *remarks,
		    const struct review_mark *, size_t nmarks, const char **due,
		    struct review_result *);
/* Completes the review when nothing is pending (review_pending() is 0). */
enum db_err	 review_complete(struct db *, struct arena *, const struct review_who *,
		    const struct review_file *, long long version, const struct rubric *,
		    struct review_result *);
/* HQ: a reviewed file back to submitted or resubmitted (as it was), with a reason. */
enum db_err	 review_reopen(struct db *, struct arena *, const struct review_who *,
		    const struct review_file *, long long version, const char *reason,
		    struct review_result *);

/* HQ: files overdue for review on Tehran day today (YYYY-MM-DD). */
struct review_overdue {
	long long	 region_id;
	const char	*region;
	const char	*province;
	long long	 decl_id;
	const char	*office_code;
	const char	*office_name;
	const char	*state;
	const char	*due_date;
	const char	*round_code;
	const char	*review_end;
	const char	*submitted_at;
};
struct review_region_count {
	long long	 region_id;
	const char	*region;
	long long	 n;
};
enum db_err	 review_overdue(struct db *, struct arena *, const char *today,
		    struct review_overdue **, size_t *, struct review_region_count **,
		    size_t *);

#endif
