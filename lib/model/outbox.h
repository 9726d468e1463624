/*
 * The outbox: SMS and email waiting to be delivered.  Handlers only enqueue, inside
 * their own transaction, so a message exists exactly when the change that caused it
 * committed; `geps outbox send` (and the master's timer) deliver with retries.
 */
#ifndef GEPS_MODEL_OUTBOX_H
#define GEPS_MODEL_OUTBOX_H

#include "db.h"

struct arena;
struct conf;

enum outbox_channel {
	OUTBOX_SMS,
	OUTBOX_EMAIL,
};

/*
 * Queues one message to recipient (a mobile 09xxxxxxxxx or an email address) about
 * user_id (0 if none).  template names the kind of message ("reset_code",
 * "initial_secret", "password_changed", …).  Returns DB_OK or the db error.
 */
enum db_err	 outbox_enqueue(struct db *, enum outbox_channel, const char *recipient,
		    long long user_id, const char *template, const char *subject,
		    const char *body);

/*
 * Delivers due messages through the transport of conf, at most max of them; each is
 * claimed, sent, and marked sent (its body cleared) or rescheduled with backoff, or
 * failed after outbox_max_attempts.  Returns the number delivered, or -1 when the
 * database is unreachable.
 */
int		 outbox_send_due(const struct conf *, struct db *, struct arena *, int max);

/* A message waiting or failed, for HQ (never its body). */
struct outbox_row {
	long long	 id;
	const char	*channel;
	const char	*recipient;
	const char	*template;
	const char	*state;
	long long	 attempts;
	const char	*last_error;
	const char	*created_at;
	const char	*next_attempt_at;
};
/* At most 200 queued, sending or failed messages, failed first. */
enum db_err	 outbox_pending(struct db *, struct arena *, struct outbox_row **, size_t *);
/* Puts a failed message back in the queue; *changed says whether it was failed. */
enum db_err	 outbox_requeue(struct db *, long long id, int *changed);

#endif
