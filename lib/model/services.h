/*
 * The service catalogue, the services of each area and the grants within an office's quota.
 *
 * Executive agencies (دستگاه‌های خدمات‌دهنده) give services to offices by rank
 * (DOMAIN.md, step 6).  An office's current rank is its public rank in the newest
 * round that published ranks and ranked it; the round gives the share of that rank
 * (rounds.quota_rankN_pct: 100/70/30 by default).  The quota is that share of the
 * active services available in the office's city or village, rounded down; an
 * office without a rank has a quota of 0.  Grants of active services count against
 * it; a grant of a service HQ has since deactivated does not.
 *
 * Every change (catalogue, area services, grants, withdrawals, imports) is one
 * transaction with its audit row.  Refusals come back as a Persian sentence in
 * *why and a kind (svc_refusal) that fcgi/ turns into 404, 409 or 422.
 */
#ifndef GEPS_MODEL_SERVICES_H
#define GEPS_MODEL_SERVICES_H

#include <stddef.h>

#include "db.h"

struct arena;
struct audit_event;

/*
 * The quota of an office: floor(pct% of navail) in integers, (pct * navail) / 100.
 * pct is clamped to 0..100 and a negative navail counts as 0, so the result is
 * always between 0 and navail.  Pure; no database.
 */
int		 services_quota(int pct, long long navail);

/* Why a change was refused. */
enum svc_refusal {
	SVC_OK = 0,
	SVC_NOT_FOUND,		/* the office, service or city does not exist (404) */
	SVC_CONFLICT,		/* the state forbids it: over the quota, already granted (409) */
	SVC_INVALID,		/* the input is wrong: no reason, a bad code (422) */
};

/* An office and what its quota rests on. */
struct svc_office {
	long long	 id;
	const char	*code;
	const char	*name;
	const char	*kind;		/* urban | rural_ict */
	const char	*status;	/* active | suspended | closed */
	long long	 province_id;
	const char	*province;
	long long	 city_id;
	const char	*city_code;
	const char	*city;
	const char	*city_kind;	/* city | village */
	int		 rank;		/* 1..3, 0: no rank yet */
	long long	 round_id;	/* the round of the rank, 0 without one */
	const char	*round_code;	/* "" without a rank */
	const char	*round_title;
	int		 pct;		/* the share of the rank, 0 without one */
	long long	 navail;	/* active services available in the area */
	long long	 ngranted;	/* grants of active services */
	int		 quota;		/* services_quota(pct, navail) */
};

/* A service as the office page shows it. */
struct svc_office_service {
	long long	 id;
	const char	*code;
	const char	*title;
	const char	*agency;
	int		 active;
	int		 available;	/* available in the office's area */
	int		 granted;
	const char	*granted_at;	/* UTC DATETIME, or NULL */
	const char	*round_code;	/* the round of the rank the grant rested on, or NULL */
};

/*
 * Loads office id with its rank, share, quota and counts.  DB_OK with *found 0 or 1.
 * Strings live in the arena.
 */
enum db_err	 services_office(struct db *, struct arena *, long long id,
		    struct svc_office *, int *found);
/* The id of the office with this code, 0 when there is none. */
enum db_err	 services_office_by_code(struct db *, const char *code, long long *id);
/* The services of the office's area and those granted to it, by agency and title. */
enum db_err	 services_office_list(struct db *, struct arena *, const struct svc_office *,
		    struct svc_office_service **, size_t *);

/*
 * Grants service_id to office_id for the actor (an HQ user; actor_user_id must not
 * be 0): one transaction that locks the office row, so two grants at quota - 1
 * cannot both pass, then checks that the office is active and has a rank, that the
 * service is active, available in the office's area and not granted yet, and that
 * the office's grants are below its quota; inserts the grant, queues an SMS to the
 * licensee and appends the audit row (service.grant).  A refusal leaves nothing
 * written: *kind and *why (Persian) say why.
 */
enum db_err	 services_grant(struct db *, struct arena *, long long office_id,
		    long long service_id, const struct audit_event *actor,
		    enum svc_refusal *kind, const char **why);
/*
 * Withdraws a grant (reason required, at most 500 characters), under the office's
 * lock, with an SMS to the licensee and the audit row (service.withdraw) holding the
 * grant as it was and the reason.
 */
enum db_err	 services_withdraw(struct db *, struct arena *, long long office_id,
		    long long service_id, const char *reason,
		    const struct audit_event *actor, enum svc_refusal *kind,
		    const char **why);

/* The catalogue: agencies, each with its services. */
struct svc_service {
	long long	 id;
	const char	*code;
	const char	*title;
	int		 active;
	long long	 ncities;	/* areas where it is available */
	long long	 ngrants;	/* offices granted it */
};
struct svc_agency {
	long long	 id;
	const char	*code;
	const char	*name;
	struct svc_service *services;
	size_t		 nservices;
};
enum db_err	 services_catalogue(struct db *, struct arena *, struct svc_agency **,
		    size_t *);

/*
 * Catalogue edits, each one transaction with its audit row.  Codes are 1-32 of
 * [A-Za-z0-9_.-]; names and titles one line of 1-200 (agency) or 1-300 (service)
 * characters, already normalised by the caller.  On success *id is the new row.
 */
enum db_err	 services_agency_add(struct db *, struct arena *, const char *code,
		    const char *name, const struct audit_event *, long long *id,
		    enum svc_refusal *, const char **why);
enum db_err	 services_service_add(struct db *, struct arena *, long long agency_id,
		    const char *code, const char *title, const struct audit_event *,
		    long long *id, enum svc_refusal *, const char **why);
enum db_err	 services_service_rename(struct db *, struct arena *, long long id,
		    const char *title, const struct audit_event *, enum svc_refusal *,
		    const char **why);
/* Activates (active 1) or deactivates (0) a service; a deactivated one gets no new grants. */
enum db_err	 services_service_active(struct db *, struct arena *, long long id,
		    int active, const struct audit_event *, enum svc_refusal *,
		    const char **why);

/* 1 when s (len bytes) is a valid agency or service code. */
int		 services_code_ok(const char *s, size_t len);

/* A province, a city or village with counts, for the area pages. */
struct svc_province {
	long long	 id;
	const char	*code;
	const char	*name;
};
struct svc_city {
	long long	 id;
	const char	*code;
	const char	*name;
	const char	*kind;		/* city | village */
	const char	*county;
	long long	 province_id;
	const char	*province;
	long long	 nservices;	/* active services available */
	long long	 noffices;	/* active offices */
};
enum db_err	 services_provinces(struct db *, struct arena *, struct svc_province **,
		    size_t *);
/* The cities and villages of a province (province_id and province are not set). */
enum db_err	 services_province_cities(struct db *, struct arena *, long long province_id,
		    struct svc_city **, size_t *);
/* One city or village (counts not set); *found 0 or 1. */
enum db_err	 services_city(struct db *, struct arena *, long long id, struct svc_city *,
		    int *found);

/* The id of the city or village with this code (IR-23-001), 0 when there is none. */
enum db_err	 services_city_by_code(struct db *, const char *code, long long *id);

/* A service and whether it is available in one city, for the area page. */
struct svc_city_service {
	long long	 id;
	long long	 agency_id;
	const char	*agency;
	const char	*code;
	const char	*title;
	int		 active;
	int		 available;
};
enum db_err	 services_city_list(struct db *, struct arena *, long long city_id,
		    struct svc_city_service **, size_t *);
/*
 * Sets the services of agency_id available in city_id to exactly the n ids in
 * want (ids of other agencies refused); inactive services keep their state, since
 * the page does not offer them.  One transaction under the city's lock, one
 * audit row (city.services) with the codes before and after.  *added and *removed
 * count the changes; none is no audit row.
 */
enum db_err	 services_city_set(struct db *, struct arena *, long long city_id,
		    long long agency_id, const long long *want, size_t n,
		    const struct audit_event *, int *added, int *removed,
		    enum svc_refusal *, const char **why);

/* An office over its quota, or granted a service (the agency view). */
struct svc_holder {
	long long	 id;
	const char	*code;
	const char	*name;
	long long	 province_id;
	const char	*province;
	const char	*city;
	const char	*city_kind;	/* agency view only */
	int		 rank;		/* 0: no rank */
	const char	*round_code;	/* over quota only; "" without a rank */
	int		 pct;
	long long	 navail;
	long long	 ngranted;
	int		 quota;
	const char	*granted_at;	/* agency view only */
};
/* Active offices whose grants exceed their quota, by province; province 0: all. */
enum db_err	 services_over_quota(struct db *, struct arena *, long long province_id,
		    struct svc_holder **, size_t *);
/* Active offices granted service_id in city_id, else province_id, else anywhere (0s). */
enum db_err	 services_granted_offices(struct db *, struct arena *, long long service_id,
		    long long city_id, long long province_id, struct svc_holder **, size_t *);

/* One service with its agency's name; *found 0 or 1. */
enum db_err	 services_service(struct db *, struct arena *, long long id,
		    struct svc_city_service *, int *found);
/* A province's name; *found 0 or 1. */
enum db_err	 services_province_name(struct db *, struct arena *, long long id,
		    const char **name, int *found);

/*
 * The CSV import (`geps services import`, the HQ upload): a header naming the
 * columns agency_code, agency_name, service_code, service_title, city_code (any
 * order), then one row per service per area, or with an empty city_code the
 * service alone.  Everything is validated first (each field, the same code with
 * other names on other rows, city codes, names that would collide with the
 * catalogue); any problem is reported with its line and nothing is written.  A
 * valid file is applied in one transaction of upserts on the codes: names and
 * titles are corrected, missing rows created, area links added (never removed),
 * so that a second import of the same file changes nothing.  One audit row
 * (services.import) with the file's SHA-256 and the counts.
 */
struct svc_import_error {
	size_t		 line;		/* physical line, 0 for the file as a whole */
	const char	*field;		/* a column name, "header" or "file" */
	const char	*reason;	/* English */
	const char	*reason_fa;	/* Persian */
};
struct svc_import_result {
	long long	 agencies_created, agencies_updated, agencies_unchanged;
	long long	 services_created, services_updated, services_unchanged;
	long long	 links_added, links_unchanged;
	struct svc_import_error *errors;	/* in line order */
	size_t		 nerrors;
};
enum svc_import_status {
	SVC_IMPORT_OK = 0,
	SVC_IMPORT_INVALID,	/* see errors; nothing written */
	SVC_IMPORT_DB,		/* the database failed; nothing written */
};
enum svc_import_status services_import(struct db *, struct arena *, const char *data,
		    size_t len, const char *sha256_hex, const struct audit_event *,
		    struct svc_import_result *, enum db_err *rc);

#endif
