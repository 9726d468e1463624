/*
 * Randomness and tokens from OpenSSL 3.  (Password hashing, HMAC and constant-time
 * comparison join this module with the accounts work.)
 */
#ifndef GEPS_CRYPTO_H
#define GEPS_CRYPTO_H

#include <stddef.h>

struct arena;

/* Fills p with n bytes from OpenSSL's CSPRNG; returns 0, or -1 if it failed. */
int	 crypto_random(void *p, size_t n);
/*
 * A new token of nbytes random bytes (at most 64) as unpadded base64url text, in
 * the arena.  Returns NULL only if the random generator failed.
 */
char	*crypto_token(struct arena *, size_t nbytes);

#endif
