/*
 * An office's file (پرونده) in the current round, from the licensee's side: which
 * round, its state, the deadline the server enforces, and whether the licensee may
 * change anything now.  The same answer governs the declaration values, the
 * evidence files and the office's base data and staff (which feed the system
 * criteria), so every licensee page asks decl_load() and, inside the transaction
 * that writes, decl_lock_for_edit().
 */
#ifndef GEPS_MODEL_DECLARATION_H
#define GEPS_MODEL_DECLARATION_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct arena;
struct session;
struct rubric;
struct rubric_criterion;
struct rubric_option;
struct rubric_section;

struct decl {
	long long	 office_id;
	long long	 province_id;
	const char	*office_name;
	const char	*office_code;
	/* The current round: a round under review in which this office's file
	   was sent back (a correction cannot wait), else the open one.  round_id 0: none. */
	long long	 round_id;
	const char	*round_code;
	const char	*round_title;
	const char	*round_state;
	/* The file; id 0 while nothing was saved (state "none"). */
	long long	 id;
	const char	*state;		/* none, draft, submitted, returned, … */
	long long	 version;
	const char	*tracking_no;	/* NULL before the first submission */
	const char	*submitted_at;	/* "YYYY-MM-DD HH:MM:SS" UTC, or NULL */
	int		 submit_count;
	long long	 rubric_key;	/* the round's rubric freeze (rubric_load_frozen) */
	/* The last second the licensee may change or submit the file (the round's
	   declaration end or the office's extension, or the correction due date
	   while returned), 23:59:59 Tehran; 0 when there is none. */
	int64_t		 deadline;
	const char	*deadline_date;	/* Gregorian YYYY-MM-DD of that Tehran day */
	/* 1: values, files and office data may change now.  Else why_not says why,
	   in Persian. */
	int		 editable;
	const char	*why_not;
	/* 1: submitted and the window still runs: may be reopened. */
	int		 reopenable;
	/* While returned: the open send-back and the sections it marks. */
	long long	 send_back_id;
	const char	*send_back_remarks;
	long long	*sb_sections;
	const char	**sb_remarks;	/* the region's remark on each, "" if none */
	size_t		 nsb_sections;
};

/*
 * Loads office_id's file for the licensee signed in with sess at time now.
 * *found is 0 when the office does not exist or is not theirs (answer 404, not
 * 403).  Without a current round, round_id is 0 and editable 0.
 */
enum db_err	 decl_load(struct db *, struct arena *, const struct session *,
		    long long office_id, int64_t now, struct decl *, int *found);

/*
 * Inside a transaction: locks the file's row (creating the draft row when there is
 * none; d->id and d->version are then set) and checks again, under the lock, that
 * it may change at now.  *ok is 1, or 0 with d->why_not set.
 */
enum db_err	 decl_lock_for_edit(struct db *, struct arena *, struct decl *,
		    int64_t now, int *ok);

/*
 * 1 if section_id may be edited now: every section of an editable draft, only the
 * sections of the send-back while returned.
 */
int		 decl_section_editable(const struct decl *, long long section_id);
/* The region's remark on section_id in the open send-back, or NULL. */
const char	*decl_section_remark(const struct decl *, long long section_id);

/*
 * A file's state in Persian ("returned" -> "برگشت برای اصلاح") and, when badge is
 * not NULL, the modifier of its badge (ok, warn, muted).
 */
const char	*decl_state_label(const char *state, const char **badge);

/*
 * The Tehran day of a deadline as Jalali text with Persian digits
 * ("۱۳ آذر ۱۴۰۵"), and the whole days left from now (0 on the last day, -1 past).
 */
const char	*decl_deadline_text(struct arena *, const struct decl *);
int		 decl_days_left(const struct decl *, int64_t now);

/* A value saved in a file: a scaled number or an option (opt_id 0: none). */
struct decl_value {
	long long	 crit_id;
	int		 has_num;
	long long	 num;
	long long	 opt_id;
};

/* The facts of the office behind the system criteria and the office prefill. */
struct office_facts {
	int		 has_area;
	long long	 area_m2;
	int		 accessibility;	/* facilities ticked, 0..4 */
	int		 staff, insured, disabled;
	int		 complete;	/* base data complete */
};

/* Where a criterion's value on the form comes from. */
enum value_src {
	SRC_NONE,		/* no value: missing when required */
	SRC_SAVED,		/* saved in this file */
	SRC_SYSTEM,		/* computed from the office's data */
	SRC_OFFICE,		/* prefilled from the office's base data */
	SRC_PREVIOUS		/* prefilled from the previous round (confirmed when unchanged) */
};

struct sheet_value {
	const struct rubric_criterion *crit;
	enum value_src	 src;
	int		 has_num;
	long long	 num;
	const struct rubric_option *opt;
};

/*
 * The file as the licensee sees it: one value per criterion of the rubric (same
 * order as rb->crits), saved values first, then computed or prefilled ones, and
 * the number of files per evidence requirement.
 */
struct decl_sheet {
	const struct rubric	*rb;
	struct sheet_value	*vals;		/* rb->ncrits */
	int			*ev_count;	/* rb->nevs, files per requirement */
	struct office_facts	 facts;
};

enum db_err	 decl_sheet_load(struct db *, struct arena *, const struct decl *,
		    const struct rubric *, struct decl_sheet *);
struct my_office;
/* The same with what decl_my_offices and decl_my_previous read already. */
enum db_err	 decl_sheet_load_known(struct db *, struct arena *, const struct decl *,
		    const struct rubric *, const struct my_office *,
		    struct decl_sheet *);
/* The value of criterion c in the sheet. */
const struct sheet_value *decl_sheet_value(const struct decl_sheet *,
		    const struct rubric_criterion *);
/*
 * What blocks submission in section s: required licensee criteria without a
 * value and evidence requirements with fewer files than their minimum (only when
 * they apply).  Writes up to max Persian sentences into msgs; returns the count
 * (which may exceed max).
 */
size_t		 decl_sheet_missing(struct arena *, const struct decl_sheet *,
		    const struct rubric_section *s, const char **msgs, size_t max);
/* 1 when nothing blocks submission in any section. */
int		 decl_sheet_complete(struct arena *, const struct decl_sheet *);

/*
 * Saves the licensee's value of one criterion (inside decl_lock_for_edit's
 * transaction): a number, an option, or neither (clears it).
 */
enum db_err	 decl_value_put(struct db *, const struct decl *, long long crit_id,
		    int has_num, long long num, long long opt_id);
/* The optimistic lock: *ok 0 when the file's version is no longer version. */
enum db_err	 decl_bump(struct db *, struct decl *, long long version, int *ok);
/*
 * Submits (or resubmits) the file with the sheet's values: every computed or
 * prefilled value is written as declared, the tracking number given, the review
 * due date set.  Inside decl_lock_for_edit's transaction.  *done 0 when the file
 * was not in a submittable state (already submitted).
 */
enum db_err	 decl_submit(struct db *, struct arena *, struct decl *,
		    const struct decl_sheet *, int64_t now, int *done);
/* Back to draft before the deadline; *done 0 when it was not submitted. */
enum db_err	 decl_reopen(struct db *, struct decl *, int *done);

/* Every file of a declaration, for the receipt. */
struct decl_file {
	long long	 id;
	long long	 section_id;
	long long	 req_id;
	const char	*name;
	long long	 size;
	const char	*sha256_hex;	/* lower case */
	const char	*mime;
};
enum db_err	 decl_files(struct db *, struct arena *, long long decl_id,
		    struct decl_file **, size_t *);

/* A licensee's office for the dashboard. */
/*
 * A licensee's active offices with their last published rank, and each one's
 * file in its current round (as decl_load gives it) and facts: one statement.
 */
struct my_office {
	long long		 id;
	const char		*code;
	const char		*name;
	const char		*kind;
	int			 rank;		/* last published rank, 0: none */
	const char		*rank_round;	/* its round's code */
	struct decl		 decl;
	struct office_facts	 facts;
	/* The values of its newest earlier file (decl_my_previous), when have_prev. */
	int			 have_prev;
	struct prev_value	*prev;
	size_t			 nprev;
};
struct prev_value {
	const char		*code;		/* the criterion's */
	int			 has_num;
	long long		 num;
	const char		*opt_code;	/* "" when none */
};
enum db_err	 decl_my_offices(struct db *, struct arena *, long long user_id,
		    int64_t now, struct my_office **, size_t *);
/*
 * Reads, in one statement, the previous values of those of the offices whose
 * current round is round_id (STMT_DECL_PREVIOUS_VALUES for each), and marks them.
 */
enum db_err	 decl_my_previous(struct db *, struct arena *, long long user_id,
		    long long round_id, struct my_office *, size_t);

#endif
