/*
 * The second factor of reviewers and HQ staff: TOTP (RFC 6238; HMAC-SHA1, 6
 * digits, 30-second steps) through liboath, the otpauth:// URI that
 * authenticator apps read, and that URI as a QR code (libqrencode) in an SVG
 * data URI the enrolment page can show in an <img>.
 */
#ifndef GEPS_TOTP_H
#define GEPS_TOTP_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define TOTP_KEY_LEN	20	/* bytes of a new secret (160 bits, RFC 4226) */
#define TOTP_PERIOD	30	/* seconds per step */

/* Fills key with 20 random bytes; returns 0, or -1 if the generator failed. */
int	 totp_new_secret(unsigned char key[TOTP_KEY_LEN]);

/*
 * Writes key[0..len) as RFC 4648 base32 without padding, NUL-terminated, to out
 * (needs (8 len + 4) / 5 + 1 bytes: 33 for a 20-byte key).  Returns 0, or -1 when
 * out is too small (then out is "" if outsz > 0).
 */
int	 totp_base32(const unsigned char *key, size_t len, char *out, size_t outsz);

/*
 * Checks a code of exactly 6 ASCII digits against the steps now/30 - 1 ..
 * now/30 + 1 (one step of clock drift each way), skipping every step not greater
 * than last_step, so a code is accepted once only (store *step_out as the new
 * last_step).  Returns 1 when accepted, with the matching step in *step_out;
 * 0 when refused (wrong, malformed, replayed, or liboath failed).
 */
int	 totp_check(const unsigned char *key, size_t keylen, const char *code6,
	    int64_t now, int64_t last_step, int64_t *step_out);

/*
 * "otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&algorithm=
 * SHA1&digits=6&period=30", issuer and account percent-encoded (everything but
 * RFC 3986 unreserved characters), in the arena.  Never NULL.
 */
char	*totp_uri(struct arena *, const char *issuer, const char *account,
	    const char *base32);

/*
 * text as a QR code (error correction M, 4-module quiet zone) drawn as one SVG
 * <path> of dark modules on a white rect, returned as "data:image/svg+xml;base64,
 * ..." in the arena: safe to put in an <img src> attribute.  Returns NULL when
 * text is NULL or too long for a QR code.
 */
char	*totp_qr_data_uri(struct arena *, const char *text);
/* The QR code of text as an SVG document (one <path>), or NULL on failure. */
char	*totp_qr_svg(struct arena *, const char *text);
/*
 * The same QR code as the "d" data of that one SVG <path> (dark modules, in module
 * units, the 4-module quiet zone included), in the arena, with the side of the
 * square in *size: for a template that draws the <svg> itself, as the public
 * certificate page does (its auto-escaping would not let a whole SVG document
 * through).  NULL when text is NULL or too long for a QR code.
 */
char	*totp_qr_path(struct arena *, const char *text, int *size);

#endif
