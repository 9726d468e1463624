/*
 * An office's published result and its objection (اعتراض): the licensee files one
 * objection per office and round within the objection window (rounds state
 * published, until objection_end_date, Tehran); the region of the office decides
 * it: rejected with a reason (the first rank becomes final), or accepted with the
 * values it changes (the engine scores the file again and its final score and
 * rank are stored).  Every step is one transaction on the file's locked row,
 * audited with old and new values; the licensee is notified through the outbox.
 */
#ifndef GEPS_MODEL_OBJECTION_H
#define GEPS_MODEL_OBJECTION_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct arena;
struct audit_event;
struct upload_stored;

struct objection {
	long long	 id;		/* 0: none */
	const char	*state;		/* filed, accepted, rejected */
	const char	*body;
	const char	*filed_at;	/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*reason;	/* decision reason, "" */
	const char	*decided_at;	/* "" while filed */
	long long	*crit_ids;
	size_t		 ncrits;
};

/* An office's file in a public round, as its licensee sees it. */
struct office_result {
	long long	 decl_id;
	long long	 round_id;
	const char	*round_code, *round_title, *round_state;
	const char	*objection_end;	/* "YYYY-MM-DD" or "" */
	const char	*published_at;
	const char	*basis;		/* declared, last_known, not_evaluated */
	int		 has_score;
	long long	 score, final_score;
	int		 rank, final_rank, public_rank;	/* 0: none */
	int		 has_final;
	const char	*office_code, *office_name;
	long long	 rank1_min, rank2_min;
	struct objection obj;
	/* 1: an objection may be filed now; else why_not says why (Persian). */
	int		 can_object;
	const char	*why_not;
};

/*
 * Loads office_id's result in public round round_id (0: the newest) for the
 * licensee user_id.  *found 0 when the office is not theirs or has none.
 */
enum db_err	 objection_result(struct db *, struct arena *, long long user_id,
		    long long office_id, long long round_id, int64_t now,
		    struct office_result *, int *found);

/* Files the objection of res (checked again under the lock).  *why as usual. */
enum db_err	 objection_file(struct db *, struct arena *, const struct office_result *,
		    const char *body, const long long *crit_ids, size_t ncrits,
		    long long user_id, int64_t now, const struct audit_event *actor,
		    const char **why);

/* Documents attached to a filed objection, at most this many. */
#define OBJECTION_MAX_FILES	5

/* Why documents cannot be attached to res's objection now, or NULL. */
const char	*objection_attach_closed(struct arena *, const struct office_result *,
		    int64_t now);

/*
 * Links the n stored files to res's objection (checked again under the file's
 * lock: still filed, window open, at most OBJECTION_MAX_FILES).  *why as usual.
 */
enum db_err	 objection_attach(struct db *, struct arena *, const struct office_result *,
		    const struct upload_stored *, size_t n, long long user_id,
		    int64_t now, const struct audit_event *actor, const char **why);

/* A value the region sets when it accepts an objection. */
struct objection_change {
	long long	 crit_id;
	const char	*crit_code;
	int		 has_num;
	long long	 num;
	long long	 opt_id;
};

/* One objection as the region sees it. */
struct objection_case {
	long long	 id, decl_id, round_id, office_id;
	const char	*state, *body, *filed_at, *reason;
	const char	*office_code, *office_name, *province;
	const char	*round_code, *round_title, *round_state;
	int		 rank, final_rank;
	long long	 score;
};

/* region 0: any (HQ).  *found 0 when out of scope. */
enum db_err	 objection_get(struct db *, struct arena *, long long id, long long region,
		    struct objection_case *, int *found);
enum db_err	 objection_reject(struct db *, struct arena *, const struct objection_case *,
		    const char *reason, int64_t now, const struct audit_event *actor,
		    const char **why);
enum db_err	 objection_accept(struct db *, struct arena *, const struct objection_case *,
		    const struct objection_change *, size_t nchanges, const char *note,
		    int64_t now, const struct audit_event *actor, int *new_rank,
		    const char **why);

#endif
