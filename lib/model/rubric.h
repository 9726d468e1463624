/*
 * A round's rubric, loaded whole: sections, their criteria with bands or options,
 * and the evidence each section or criterion requires.  A rubric is small (tens of
 * rows); a draft's is loaded into the request's arena, a frozen one is kept by
 * the worker (rubric_load), and pages walk the arrays.
 * Arrays are in display order (position, then id); each element points at its
 * parent, and the parents list their children as a contiguous range.
 */
#ifndef GEPS_MODEL_RUBRIC_H
#define GEPS_MODEL_RUBRIC_H

#include <stddef.h>

#include "db.h"

struct arena;

enum crit_kind {
	CRIT_NUMBER,		/* points from bands */
	CRIT_CHOICE,		/* points per option */
	CRIT_YESNO		/* options "yes" and "no" */
};

enum crit_filler {
	FILL_LICENSEE,		/* declared by the licensee */
	FILL_REVIEWER,		/* entered by the region only (association score) */
	FILL_SYSTEM		/* computed from office data (staff counts …) */
};

enum crit_prefill {
	PREFILL_NONE,
	PREFILL_PREVIOUS,	/* the office's value in the previous round */
	PREFILL_OFFICE		/* the office's base data (area_m2) */
};

struct rubric_option {
	long long		 id;
	const char		*code;
	const char		*title;
	int			 has_lower, has_upper;
	long long		 lower, upper;	/* scaled; band [lower, upper) */
	int			 points_x100;
	struct rubric_criterion	*crit;
};

struct rubric_evidence {
	long long		 id;
	const char		*code;
	const char		*title;
	const char		*help;		/* "" when none */
	int			 min_files, max_files;
	long long		 only_if_option_id;	/* 0: always */
	struct rubric_section	*section;
	struct rubric_criterion	*crit;		/* NULL: the section's */
};

struct rubric_criterion {
	long long		 id;
	const char		*code;
	const char		*title;
	const char		*help;		/* "" when none */
	enum crit_kind		 kind;
	const char		*unit;
	int			 decimals;
	int			 has_min, has_max;
	long long		 min, max;	/* scaled */
	int			 required;
	enum crit_filler	 filled_by;
	enum crit_prefill	 prefill;
	struct rubric_section	*section;
	struct rubric_option	*opts;		/* nopts, in order */
	size_t			 nopts;
};

struct rubric_section {
	long long		 id;
	const char		*code;
	const char		*title;
	const char		*help;
	struct rubric_criterion	*crits;		/* ncrits, in order */
	size_t			 ncrits;
	struct rubric_evidence	**evs;		/* nevs, in order, section's and criteria's */
	size_t			 nevs;
};

struct rubric {
	long long		 round_id;
	struct rubric_section	*sections;
	size_t			 nsections;
	struct rubric_criterion	*crits;		/* all, section by section */
	size_t			 ncrits;
	struct rubric_option	*opts;
	size_t			 nopts;
	struct rubric_evidence	*evs;
	size_t			 nevs;
};

/* Loads round_id's rubric into the arena (empty when it has none). */
/*
 * Loads the rubric of a round.  A frozen rubric (its round has opened) is kept
 * by the process and shared: callers must not change it.
 */
enum db_err	 rubric_load(struct db *, struct arena *, long long round_id,
		    struct rubric *);
/* The same, when the caller has read the round's freeze key (0: not frozen). */
enum db_err	 rubric_load_frozen(struct db *, struct arena *, long long round_id,
		    long long key, struct rubric *);

const struct rubric_section	*rubric_section(const struct rubric *, const char *code);
const struct rubric_section	*rubric_section_id(const struct rubric *, long long id);
const struct rubric_criterion	*rubric_criterion(const struct rubric *, const char *code);
const struct rubric_criterion	*rubric_criterion_id(const struct rubric *, long long id);
const struct rubric_option	*rubric_option_id(const struct rubric *, long long id);
const struct rubric_option	*rubric_option(const struct rubric_criterion *,
				    const char *code);
const struct rubric_evidence	*rubric_evidence_id(const struct rubric *, long long id);

/* The band of a number criterion that holds the scaled value v, or NULL. */
const struct rubric_option	*rubric_band(const struct rubric_criterion *, long long v);

/*
 * Parses a number typed for c (Persian, Arabic-Indic or ASCII digits, an optional
 * decimal separator '.', '/' or '٫' with at most c->decimals digits after it) into
 * its scaled value, and checks c's bounds.  Returns NULL and sets *v, or a Persian
 * message for the user.
 */
const char	*rubric_parse_number(const struct rubric_criterion *, const char *s,
		    size_t len, long long *v);
/* Writes scaled value v of c with Persian digits (and '٫' for decimals). */
const char	*rubric_format_number(struct arena *, const struct rubric_criterion *,
		    long long v);

#endif
