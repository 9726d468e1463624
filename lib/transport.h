/*
 * Delivery of one outbox message through the transport named by conf
 * outbox_transport:
 *
 *   file  appends one line per message to conf outbox_file (created 0600, opened
 *         O_APPEND, written with one write() and fsync'd).  Serves sms and email.
 *         Developers read reset codes there (var/outbox.log) and the tests parse
 *         it, so the format is stable:
 *
 *           ts=2025-01-31T12:34:56.123456Z channel=sms to=09121234567 subject="" body="Code: 123456\nGEPS"
 *
 *         ts is UTC with microseconds; channel is sms or email; to is the recipient
 *         with any byte outside 0x21..0x7e (and '"', '\\') replaced by '?'; subject
 *         and body are double-quoted with '\\' -> \\\\, '"' -> \\", LF -> \\n,
 *         CR -> \\r, TAB -> \\t, other bytes below 0x20 and DEL -> \\xHH; UTF-8 text is
 *         written as is.  One line per message, ending in LF.
 *   smtp  libcurl SMTP to conf smtp_url (smtp:// or smtps://), MAIL FROM smtp_from,
 *         optional AUTH with smtp_user/smtp_password (then TLS is required).  The
 *         message is RFC 5322 with CRLF lines: Date, Message-ID, From, To, a Subject
 *         as RFC 2047 base64 encoded-words, MIME text/plain; charset=utf-8 with a
 *         base64 body.  Serves email only.
 *   http  libcurl POST of {"to":…,"text":…} (application/json) to conf sms_url with
 *         "Authorization: Bearer <sms_token>"; any 2xx status is success.  Serves sms
 *         only.
 *
 * Every network call is bounded: 5 s to connect, 20 s in all.
 */
#ifndef GEPS_TRANSPORT_H
#define GEPS_TRANSPORT_H

#include <stddef.h>

struct conf;

/*
 * Sends one message; channel is "sms" or "email".  Returns 0 when the transport
 * accepted it, or -1 with a short reason in err (errsz bytes, NUL-terminated, never
 * holding the body) — also for a channel the transport does not serve.
 */
int	 transport_send(const struct conf *, const char *channel, const char *recipient,
	    const char *subject, const char *body, char *err, size_t errsz);

#endif
