/*
 * The outbox (see outbox.h).  Delivery runs outside any transaction: each due row
 * is claimed by one UPDATE that only one sender can win, sent, then marked sent,
 * rescheduled or failed.  A sender that dies after its claim leaves the row in
 * state sending until locked_until_at (60 s) passes; another sender then takes it
 * again, so a message may in rare cases go out twice but is never lost.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "log.h"
#include "model/outbox.h"
#include "model/stmts.h"
#include "transport.h"

#define CLAIM_SECONDS	60
#define BACKOFF_BASE_S	30LL
#define BACKOFF_MAX_S	3600LL
#define ERR_MAX		500	/* outbox.last_error is VARCHAR(500) */

enum db_err
outbox_enqueue(struct db *db, enum outbox_channel ch, const char *recipient,
    long long user_id, const char *template, const char *subject, const char *body)
{
	struct db_val	 p[6];

	p[0] = db_text(ch == OUTBOX_SMS ? "sms" : "email");
	p[1] = db_text(recipient);
	p[2] = user_id > 0 ? db_int(user_id) : db_null();
	p[3] = db_text(template);
	p[4] = db_text(subject != NULL ? subject : "");
	p[5] = db_text(body != NULL ? body : "");
	return db_exec(db, STMT_OUTBOX_ENQUEUE, p);
}

/* 30 s x 2^attempts, at most an hour. */
static long long
backoff_seconds(long long attempts)
{
	long long	 s = BACKOFF_BASE_S;

	while (attempts-- > 0 && s < BACKOFF_MAX_S)
		s *= 2;
	return s > BACKOFF_MAX_S ? BACKOFF_MAX_S : s;
}

/*
 * Claims, sends and marks one row.  Returns 1 when delivered, 0 when not (lost the
 * claim, or the transport failed), -1 when the database went away.
 */
static int
deliver_one(const struct conf *conf, struct db *db, struct arena *a, long long id)
{
	struct db_val	 p[3], c[5];
	char		 err[ERR_MAX + 1];
	enum db_err	 rc;
	int		 n;

	p[0] = db_int(id);
	if ((rc = db_exec(db, STMT_OUTBOX_CLAIM, p)) != DB_OK)
		return rc == DB_DOWN ? -1 : 0;
	if (db_affected(db, STMT_OUTBOX_CLAIM) != 1)
		return 0;	/* another sender has it */
	if ((rc = db_exec(db, STMT_OUTBOX_GET, p)) != DB_OK)
		return rc == DB_DOWN ? -1 : 0;
	if ((n = db_fetch(db, STMT_OUTBOX_GET, a, c)) != 1)
		return n < 0 && db_is_down(db) ? -1 : 0;
	db_done(db, STMT_OUTBOX_GET);

	if (transport_send(conf, c[0].s, c[1].s, c[2].s, c[3].s, err, sizeof(err)) == 0) {
		p[0] = db_int(id);
		rc = db_exec(db, STMT_OUTBOX_MARK_SENT, p);
		/* Sent but not marked: logged, the claim runs out and it goes again. */
		if (rc != DB_OK)
			log_err("outbox_mark_sent", "id=%lld msg=\"%s\"", id, db_errstr(db));
		else
			log_info("outbox_sent", "id=%lld channel=%s attempts=%lld",
			    id, c[0].s, c[4].i);
		return rc == DB_DOWN ? -1 : 1;
	}
	if (err[0] == '\0')
		(void)snprintf(err, sizeof(err), "transport failed");
	if (c[4].i >= conf->outbox_max_attempts) {
		p[0] = db_text(err);
		p[1] = db_int(id);
		rc = db_exec(db, STMT_OUTBOX_MARK_FAILED, p);
		log_warn("outbox_failed", "id=%lld channel=%s attempts=%lld msg=\"%s\"",
		    id, c[0].s, c[4].i, err);
	} else {
		p[0] = db_int(backoff_seconds(c[4].i));
		p[1] = db_text(err);
		p[2] = db_int(id);
		rc = db_exec(db, STMT_OUTBOX_MARK_RETRY, p);
		log_warn("outbox_retry", "id=%lld channel=%s attempts=%lld after_s=%lld "
		    "msg=\"%s\"", id, c[0].s, c[4].i, backoff_seconds(c[4].i), err);
	}
	return rc == DB_DOWN ? -1 : 0;
}

int
outbox_send_due(const struct conf *conf, struct db *db, struct arena *a, int max)
{
	struct db_val	 p[1], c[1];
	long long	*ids;
	int		 n = 0, i, r, sent = 0;

	if (max <= 0)
		return 0;
	/* Read the candidates first: the claims decide which are still ours. */
	ids = arena_calloc(a, (size_t)max, sizeof(*ids));
	p[0] = db_int(max);
	if (db_exec(db, STMT_OUTBOX_DUE, p) != DB_OK)
		return db_is_down(db) ? -1 : 0;
	while (n < max && (r = db_fetch(db, STMT_OUTBOX_DUE, a, c)) == 1)
		ids[n++] = c[0].i;
	db_done(db, STMT_OUTBOX_DUE);
	for (i = 0; i < n; i++) {
		if ((r = deliver_one(conf, db, a, ids[i])) < 0)
			return -1;
		sent += r;
	}
	return sent;
}

enum db_err
outbox_pending(struct db *db, struct arena *a, struct outbox_row **rows, size_t *n)
{
	struct db_val	 c[9];
	enum db_err	 rc;
	int		 k;
	size_t		 cap = 200;

	*n = 0;
	*rows = arena_calloc(a, cap, sizeof(**rows));
	if ((rc = db_exec(db, STMT_OUTBOX_PENDING, NULL)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_OUTBOX_PENDING, a, c)) == 1 && *n < cap) {
		struct outbox_row *o = &(*rows)[(*n)++];

		o->id = c[0].i;
		o->channel = c[1].s;
		o->recipient = c[2].s;
		o->template = c[3].s;
		o->state = c[4].s;
		o->attempts = c[5].i;
		o->last_error = c[6].s;
		o->created_at = c[7].s;
		o->next_attempt_at = c[8].s;
	}
	if (k == 1)
		db_done(db, STMT_OUTBOX_PENDING);
	return k < 0 ? DB_ERROR : DB_OK;
}

enum db_err
outbox_requeue(struct db *db, long long id, int *changed)
{
	struct db_val	 p = db_int(id);
	enum db_err	 rc;

	rc = db_exec(db, STMT_OUTBOX_REQUEUE, &p);
	*changed = rc == DB_OK && db_affected(db, STMT_OUTBOX_REQUEUE) == 1;
	return rc;
}
