/*
 * Statements of the outbox table (see stmts.h for the format).  Times are
 * UTC_TIMESTAMP(6): delivery follows the wall clock, never the test clock.
 */

STMT(STMT_OUTBOX_ENQUEUE,
    "INSERT INTO outbox (channel, recipient, user_id, template, subject, body) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "ssisss", "")

/* Candidates: queued and due, or claimed by a sender whose claim has run out. */
STMT(STMT_OUTBOX_DUE,
    "SELECT id FROM outbox "
    "WHERE (state = 'queued' OR (state = 'sending' AND locked_until_at < UTC_TIMESTAMP(6))) "
    "AND next_attempt_at <= UTC_TIMESTAMP(6) ORDER BY next_attempt_at, id LIMIT ?",
    "i", "i")

/*
 * The claim: one statement, so that of two senders racing for a row exactly one
 * changes it (affected rows 1) and the other moves on.
 */
STMT(STMT_OUTBOX_CLAIM,
    "UPDATE outbox SET state = 'sending', "
    "locked_until_at = UTC_TIMESTAMP(6) + INTERVAL 60 SECOND, attempts = attempts + 1 "
    "WHERE id = ? AND (state = 'queued' OR "
    "(state = 'sending' AND locked_until_at < UTC_TIMESTAMP(6))) "
    "AND next_attempt_at <= UTC_TIMESTAMP(6)",
    "i", "")

STMT(STMT_OUTBOX_GET,
    "SELECT channel, recipient, subject, body, attempts FROM outbox WHERE id = ?",
    "i", "ssssi")

/* Sent: the body may hold a one-time code, so it goes. */
STMT(STMT_OUTBOX_MARK_SENT,
    "UPDATE outbox SET state = 'sent', sent_at = UTC_TIMESTAMP(6), body = '', "
    "last_error = '', locked_until_at = NULL WHERE id = ? AND state = 'sending'",
    "i", "")

/* Back in the queue after a delay of ? seconds. */
STMT(STMT_OUTBOX_MARK_RETRY,
    "UPDATE outbox SET state = 'queued', "
    "next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, last_error = ?, "
    "locked_until_at = NULL WHERE id = ? AND state = 'sending'",
    "isi", "")

/* Given up; the body stays so that HQ can re-queue the message. */
STMT(STMT_OUTBOX_MARK_FAILED,
    "UPDATE outbox SET state = 'failed', last_error = ?, locked_until_at = NULL "
    "WHERE id = ? AND state = 'sending'",
    "si", "")

/* Totals for `geps outbox send`: failed rows, and rows still waiting. */
STMT(STMT_OUTBOX_STATS,
    "SELECT COALESCE(SUM(state = 'failed'), 0), "
    "COALESCE(SUM(state IN ('queued', 'sending')), 0) FROM outbox",
    "", "ii")

/* HQ's view: what is waiting or has failed, newest first (bodies are not shown). */
STMT(STMT_OUTBOX_PENDING,
    "SELECT id, channel, recipient, template, state, attempts, last_error, created_at, "
    "next_attempt_at FROM outbox WHERE state IN ('queued', 'sending', 'failed') "
    "ORDER BY state = 'failed' DESC, id DESC LIMIT 200",
    "", "issssisss")
STMT(STMT_OUTBOX_REQUEUE,
    "UPDATE outbox SET state = 'queued', attempts = 0, last_error = '', "
    "next_attempt_at = UTC_TIMESTAMP(6), locked_until_at = NULL "
    "WHERE id = ? AND state = 'failed'",
    "i", "")
