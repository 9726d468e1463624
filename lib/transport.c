/*
 * The outbox transports (see transport.h for the contract and the file format).
 * libcurl is initialised once per process, on first use; geps is single-threaded
 * per process, so a flag is enough.  Errors are short and never carry the body,
 * which may hold a one-time code.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "json.h"
#include "transport.h"
#include "xalloc.h"

#define CONNECT_TIMEOUT_S	5L
#define TOTAL_TIMEOUT_S		20L

static int	 curl_ready;

static void
seterr(char *err, size_t errsz, const char *what, const char *detail)
{
	if (errsz == 0)
		return;
	if (detail != NULL)
		(void)snprintf(err, errsz, "%s: %s", what, detail);
	else
		(void)snprintf(err, errsz, "%s", what);
}

/* 1 when s has no byte below 0x20 or DEL: it may go into a header or a log line. */
static int
is_header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* Appends s, quoted and escaped as the file format says. */
static void
put_quoted(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 c;

	buf_putc(b, '"');
	for (; (c = (unsigned char)*s) != '\0'; s++) {
		switch (c) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '"': buf_puts(b, "\\\""); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				buf_puts(b, "\\x");
				buf_putc(b, hex[c >> 4]);
				buf_putc(b, hex[c & 15]);
			} else
				buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

static int
send_file(const struct conf *conf, const char *channel, const char *to,
    const char *subject, const char *body, char *err, size_t errsz)
{
	struct buf	 b;
	struct timespec	 ts;
	struct tm	 tm;
	const char	*p;
	ssize_t		 w;
	int		 fd = -1, rc = -1;

	buf_init(&b, NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	buf_printf(&b, "ts=%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ channel=%s to=",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, ts.tv_nsec / 1000, channel);
	for (p = to; *p != '\0'; p++)
		buf_putc(&b, (*p > 0x20 && *p < 0x7f && *p != '"' && *p != '\\') ?
		    *p : '?');
	buf_puts(&b, " subject=");
	put_quoted(&b, subject);
	buf_puts(&b, " body=");
	put_quoted(&b, body);
	buf_putc(&b, '\n');

	if (*conf->outbox_file == '\0') {
		seterr(err, errsz, "file transport: outbox_file is not set", NULL);
		goto out;
	}
	fd = open(conf->outbox_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
	if (fd < 0) {
		seterr(err, errsz, "file transport: open", strerror(errno));
		goto out;
	}
	/* One write, so that concurrent senders never interleave within a line. */
	if ((w = write(fd, b.data, b.len)) < 0 || (size_t)w != b.len) {
		seterr(err, errsz, "file transport: write",
		    w < 0 ? strerror(errno) : "short write");
		goto out;
	}
	if (fsync(fd) != 0) {
		seterr(err, errsz, "file transport: fsync", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) != 0 && rc == 0) {
		seterr(err, errsz, "file transport: close", strerror(errno));
		rc = -1;
	}
	buf_free(&b);
	return rc;
}

static int
curl_start(CURL **c, const char *protocols, char *err, size_t errsz)
{
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			seterr(err, errsz, "curl_global_init failed", NULL);
			return -1;
		}
		curl_ready = 1;
	}
	if ((*c = curl_easy_init()) == NULL) {
		seterr(err, errsz, "curl_easy_init failed", NULL);
		return -1;
	}
	curl_easy_setopt(*c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(*c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(*c, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
	/* A configured URL must not be redirected into another protocol. */
	curl_easy_setopt(*c, CURLOPT_PROTOCOLS_STR, protocols);
	return 0;
}

/* Base64 of p[0..n) appended to b (no line breaks). */
static void
put_b64(struct buf *b, const void *p, size_t n)
{
	size_t	 need = 4 * ((n + 2) / 3) + 1;
	int	 w;

	buf_reserve(b, need);
	w = EVP_EncodeBlock((unsigned char *)b->data + b->len, p, (int)n);
	b->len += (size_t)w;
	b->data[b->len] = '\0';
}

/*
 * Subject as RFC 2047 encoded-words: each at most 75 characters ("=?UTF-8?B?" + 60
 * base64 characters + "?="), so at most 45 bytes of text each, never splitting a
 * UTF-8 sequence; words are folded onto continuation lines.
 */
static void
put_subject(struct buf *b, const char *s)
{
	size_t	 len = strlen(s), i = 0, n;

	buf_puts(b, "Subject:");
	if (len == 0) {
		buf_puts(b, "\r\n");
		return;
	}
	while (i < len) {
		n = len - i > 45 ? 45 : len - i;
		while (n > 1 && i + n < len &&
		    ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		buf_puts(b, i == 0 ? " " : "\r\n ");
		buf_puts(b, "=?UTF-8?B?");
		put_b64(b, s + i, n);
		buf_puts(b, "?=");
		i += n;
	}
	buf_puts(b, "\r\n");
}

/* The address inside "Name <addr>", or the whole string. */
static void
bare_address(const char *s, char *out, size_t outsz)
{
	const char	*lt = strchr(s, '<'), *gt;
	size_t		 n;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL) {
		s = lt + 1;
		n = (size_t)(gt - s);
	} else
		n = strlen(s);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
upload_read(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

static size_t
discard(char *p, size_t size, size_t nmemb, void *arg)
{
	(void)p;
	(void)arg;
	return size * nmemb;
}

static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const month[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static int
send_smtp(const struct conf *conf, const char *to, const char *subject,
    const char *body, char *err, size_t errsz)
{
	CURL			*c = NULL;
	struct curl_slist	*rcpt = NULL;
	struct buf		 m, crlf;
	struct upload		 up;
	struct tm		 tm;
	time_t			 now = time(NULL);
	unsigned char		 rnd[12];
	char			 from[256], addr[300], idhex[25];
	const char		*domain, *p;
	CURLcode		 cc;
	int			 rc = -1;

	buf_init(&m, NULL);
	buf_init(&crlf, NULL);
	if (*conf->smtp_url == '\0' || *conf->smtp_from == '\0') {
		seterr(err, errsz, "smtp transport: smtp_url and smtp_from must be set", NULL);
		goto out;
	}
	/* Header injection: nothing from the row may start a new header line. */
	if (!is_header_safe(to) || strpbrk(to, "<>,; ") != NULL || strchr(to, '@') == NULL ||
	    !is_header_safe(conf->smtp_from) || !is_header_safe(subject)) {
		seterr(err, errsz, "smtp transport: bad recipient, sender or subject", NULL);
		goto out;
	}
	bare_address(conf->smtp_from, from, sizeof(from));
	domain = (domain = strrchr(from, '@')) != NULL && domain[1] != '\0' ?
	    domain + 1 : "geps.invalid";
	if (crypto_random(rnd, sizeof(rnd)) != 0) {
		seterr(err, errsz, "smtp transport: no randomness for Message-ID", NULL);
		goto out;
	}
	for (size_t i = 0; i < sizeof(rnd); i++) {
		idhex[2 * i] = "0123456789abcdef"[rnd[i] >> 4];
		idhex[2 * i + 1] = "0123456789abcdef"[rnd[i] & 15];
	}
	idhex[2 * sizeof(rnd)] = '\0';

	gmtime_r(&now, &tm);
	buf_printf(&m, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    wday[tm.tm_wday], tm.tm_mday, month[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	buf_printf(&m, "Message-ID: <%s.%lld@%s>\r\n", idhex, (long long)now, domain);
	buf_printf(&m, "From: %s\r\nTo: <%s>\r\n", conf->smtp_from, to);
	put_subject(&m, subject);
	buf_puts(&m, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	/* The canonical form of text has CRLF line breaks (RFC 2046 4.1.1). */
	for (p = body; *p != '\0'; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_putc(&crlf, '\r');
		buf_putc(&crlf, *p);
	}
	/* Base64 lines of 76 characters (57 bytes). */
	for (size_t i = 0; i < crlf.len; i += 57) {
		put_b64(&m, crlf.data + i, crlf.len - i > 57 ? 57 : crlf.len - i);
		buf_puts(&m, "\r\n");
	}

	if (curl_start(&c, "smtp,smtps", err, errsz) != 0)
		goto out;
	(void)snprintf(addr, sizeof(addr), "<%s>", to);
	rcpt = curl_slist_append(NULL, addr);
	(void)snprintf(addr, sizeof(addr), "<%s>", from);
	curl_easy_setopt(c, CURLOPT_URL, conf->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	if (*conf->smtp_user != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, conf->smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, conf->smtp_password);
		/* A password never crosses the network in clear. */
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	} else
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	up.p = m.data;
	up.left = m.len;
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		seterr(err, errsz, "smtp", curl_easy_strerror(cc));
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(rcpt);
	if (c != NULL)
		curl_easy_cleanup(c);
	buf_free(&m);
	buf_free(&crlf);
	return rc;
}

static int
send_http(const struct conf *conf, const char *to, const char *body, char *err,
    size_t errsz)
{
	CURL			*c = NULL;
	struct curl_slist	*hdr = NULL;
	struct buf		 j, auth;
	CURLcode		 cc;
	long			 status = 0;
	char			 msg[64];
	int			 rc = -1;

	buf_init(&j, NULL);
	buf_init(&auth, NULL);
	if (*conf->sms_url == '\0') {
		seterr(err, errsz, "http transport: sms_url is not set", NULL);
		goto out;
	}
	if (!is_header_safe(conf->sms_token)) {
		seterr(err, errsz, "http transport: bad sms_token", NULL);
		goto out;
	}
	json_begin(&j);
	json_str(&j, "to", to);
	json_str(&j, "text", body);
	json_end(&j);
	buf_printf(&auth, "Authorization: Bearer %s", conf->sms_token);

	if (curl_start(&c, "http,https", err, errsz) != 0)
		goto out;
	hdr = curl_slist_append(hdr, "Content-Type: application/json; charset=utf-8");
	hdr = curl_slist_append(hdr, buf_cstr(&auth));
	curl_easy_setopt(c, CURLOPT_URL, conf->sms_url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, j.data);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j.len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		seterr(err, errsz, "http", curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299) {
		(void)snprintf(msg, sizeof(msg), "status %ld", status);
		seterr(err, errsz, "http", msg);
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(hdr);
	if (c != NULL)
		curl_easy_cleanup(c);
	/* The body may hold a one-time code. */
	if (j.data != NULL)
		OPENSSL_cleanse(j.data, j.len);
	buf_free(&j);
	if (auth.data != NULL)
		OPENSSL_cleanse(auth.data, auth.len);
	buf_free(&auth);
	return rc;
}

int
transport_send(const struct conf *conf, const char *channel, const char *recipient,
    const char *subject, const char *body, char *err, size_t errsz)
{
	const char	*t = conf->outbox_transport;
	int		 sms = strcmp(channel, "sms") == 0;

	if (errsz > 0)
		err[0] = '\0';
	if (!sms && strcmp(channel, "email") != 0) {
		seterr(err, errsz, "unknown channel", NULL);
		return -1;
	}
	if (subject == NULL)
		subject = "";
	if (body == NULL)
		body = "";
	if (strcmp(t, "file") == 0)
		return send_file(conf, channel, recipient, subject, body, err, errsz);
	if (strcmp(t, "smtp") == 0) {
		if (sms) {
			seterr(err, errsz, "smtp transport cannot send sms", NULL);
			return -1;
		}
		return send_smtp(conf, recipient, subject, body, err, errsz);
	}
	if (strcmp(t, "http") == 0) {
		if (!sms) {
			seterr(err, errsz, "http transport cannot send email", NULL);
			return -1;
		}
		return send_http(conf, recipient, body, err, errsz);
	}
	seterr(err, errsz, "unknown outbox_transport", t);
	return -1;
}
