/*
 * TOTP second factor.  Codes come from liboath (HMAC-SHA1, RFC 6238); the window
 * and the replay rule are ours: each of the three steps around now is computed
 * and compared in constant time, and a step at or before the last accepted one
 * never matches, so a code seen over a shoulder or in a log cannot be used
 * again.  The enrolment QR code is drawn as SVG from libqrencode's modules and
 * handed out base64-encoded in a data URI, so no markup built here ever reaches
 * the page unescaped.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>
#include <openssl/crypto.h>
#include <qrencode.h>

#include "arena.h"
#include "buf.h"
#include "crypto.h"
#include "totp.h"

#define TOTP_DIGITS	6

int
totp_new_secret(unsigned char key[TOTP_KEY_LEN])
{
	return crypto_random(key, TOTP_KEY_LEN);
}

int
totp_base32(const unsigned char *key, size_t len, char *out, size_t outsz)
{
	static const char	 b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t			 i, o = 0, need;
	unsigned		 acc = 0;
	int			 bits = 0;

	if (outsz > 0)
		out[0] = '\0';
	if (len > (SIZE_MAX - 5) / 8)
		return -1;
	need = (len * 8 + 4) / 5 + 1;
	if (outsz < need)
		return -1;
	for (i = 0; i < len; i++) {
		acc = (acc << 8 | key[i]) & 0xfff;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[o++] = b32[acc >> bits & 31];
		}
	}
	if (bits > 0)
		out[o++] = b32[acc << (5 - bits) & 31];
	out[o] = '\0';
	return 0;
}

static int
oath_ready(void)
{
	static int	 ready;

	if (!ready && oath_init() == OATH_OK)
		ready = 1;
	return ready;
}

int
totp_check(const unsigned char *key, size_t keylen, const char *code6,
    int64_t now, int64_t last_step, int64_t *step_out)
{
	char		 want[TOTP_DIGITS + 1];
	int64_t		 step, s, found = -1;
	int		 i;

	if (key == NULL || keylen == 0 || code6 == NULL || now < 0)
		return 0;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code6[i] < '0' || code6[i] > '9')
			return 0;
	if (code6[TOTP_DIGITS] != '\0' || !oath_ready())
		return 0;
	step = now / TOTP_PERIOD;
	/*
	 * All three steps are computed whatever matches, so the time taken does
	 * not tell which step (if any) the code was for.
	 */
	for (s = step - 1; s <= step + 1; s++) {
		if (s < 0 || s > (int64_t)(INT64_MAX / TOTP_PERIOD))
			continue;
		if (oath_totp_generate2((const char *)key, keylen,
		    (time_t)(s * TOTP_PERIOD), TOTP_PERIOD, 0, TOTP_DIGITS, 0,
		    want) != OATH_OK)
			continue;
		if (CRYPTO_memcmp(want, code6, TOTP_DIGITS) == 0 &&
		    s > last_step && found == -1)
			found = s;
	}
	OPENSSL_cleanse(want, sizeof(want));
	if (found == -1)
		return 0;
	if (step_out != NULL)
		*step_out = found;
	return 1;
}

/* Percent-encodes everything but RFC 3986's unreserved characters. */
static void
put_pct(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*u = (const unsigned char *)(s != NULL ? s : "");
	char			 e[3];

	for (; *u != '\0'; u++) {
		if ((*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') ||
		    (*u >= '0' && *u <= '9') || *u == '-' || *u == '.' ||
		    *u == '_' || *u == '~') {
			buf_putc(b, (char)*u);
			continue;
		}
		e[0] = '%';
		e[1] = hex[*u >> 4];
		e[2] = hex[*u & 15];
		buf_append(b, e, 3);
	}
}

char *
totp_uri(struct arena *a, const char *issuer, const char *account,
    const char *base32)
{
	struct buf	 b;

	buf_init(&b, a);
	buf_puts(&b, "otpauth://totp/");
	put_pct(&b, issuer);
	buf_putc(&b, ':');
	put_pct(&b, account);
	buf_puts(&b, "?secret=");
	put_pct(&b, base32);
	buf_puts(&b, "&issuer=");
	put_pct(&b, issuer);
	buf_puts(&b, "&algorithm=SHA1&digits=6&period=30");
	return (char *)buf_cstr(&b);
}

/* Standard base64 with padding, as data URIs expect. */
static void
put_b64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char			 q[4];
	size_t			 i;
	unsigned		 v;

	for (i = 0; i < n; i += 3) {
		v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		buf_append(b, q, 4);
	}
}

#define QR_QUIET	4

char *
totp_qr_path(struct arena *a, const char *text, int *size)
{
	QRcode		*qr;
	struct buf	 d;
	int		 x, y, run, w;

	if (text == NULL ||
	    (qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return NULL;
	w = qr->width;
	*size = w + 2 * QR_QUIET;
	buf_init(&d, a);
	/* Each horizontal run of dark modules is one rectangle of the path. */
	for (y = 0; y < w; y++) {
		for (x = 0; x < w; x += run) {
			run = 0;
			while (x + run < w && (qr->data[y * w + x + run] & 1))
				run++;
			if (run == 0) {
				run = 1;
				continue;
			}
			buf_printf(&d, "M%d %dh%dv1h-%dz", x + QR_QUIET,
			    y + QR_QUIET, run, run);
		}
	}
	QRcode_free(qr);
	return (char *)buf_cstr(&d);
}

char *
totp_qr_svg(struct arena *a, const char *text)
{
	struct buf	 svg;
	char		*d;
	int		 size;

	if ((d = totp_qr_path(a, text, &size)) == NULL)
		return NULL;
	buf_init(&svg, a);
	buf_printf(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    size, size, size * 6, size * 6, size, size);
	buf_puts(&svg, d);
	buf_puts(&svg, "\"/></svg>");
	return (char *)buf_cstr(&svg);
}

char *
totp_qr_data_uri(struct arena *a, const char *text)
{
	struct buf	 out;
	char		*svg;

	if ((svg = totp_qr_svg(a, text)) == NULL)
		return NULL;
	buf_init(&out, a);
	buf_puts(&out, "data:image/svg+xml;base64,");
	put_b64(&out, (const unsigned char *)svg, strlen(svg));
	return (char *)buf_cstr(&out);
}
