/*
 * Cryptography from OpenSSL 3: randomness and tokens, SHA-256 and HMAC, constant-time
 * comparison, and password hashing with scrypt.  scrypt takes 2^ln x 128 x r bytes
 * (128 MiB at ln=17, r=8) and about half a second, so hashes are admitted through a
 * host-wide gate (a SysV semaphore with SEM_UNDO, so a killed worker gives its slot
 * back) that bounds how many run at once.
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

/* SHA-256 of p. */
void	 crypto_sha256(const void *p, size_t n, unsigned char out[32]);
/* HMAC-SHA256 of msg under key. */
void	 crypto_hmac_sha256(const void *key, size_t keylen, const void *msg,
	    size_t msglen, unsigned char out[32]);
/* 1 when a and b (n bytes each) are equal; time independent of the contents. */
int	 crypto_equal(const void *a, const void *b, size_t n);
/* Lower-case hex of n bytes into out (2n+1 bytes, NUL-terminated). */
void	 crypto_hex(const unsigned char *p, size_t n, char *out);

/*
 * Hashes a password with scrypt (N = 2^log_n, r = 8, p = 1, 16-byte random salt)
 * into out as "$scrypt$ln=17,r=8,p=1$<salt base64>$<hash base64>" (at most 128
 * bytes).  Returns 0, or -1 if hashing failed.  Call inside the hash gate.
 */
int	 crypto_password_hash(const char *pw, size_t len, int log_n, char *out,
	    size_t outsz);
/*
 * Checks pw against an encoded hash made by crypto_password_hash (the parameters
 * come from the string, bounded: ln 10..20, r 1..16, p 1..4).  Returns 1 when it
 * matches, 0 when it does not, -1 for a malformed hash.  Call inside the hash gate.
 */
int	 crypto_password_verify(const char *pw, size_t len, const char *encoded);
/* 1 when encoded was made with a smaller N than log_n (rehash at next login). */
int	 crypto_password_needs_rehash(const char *encoded, int log_n);

/*
 * The hash gate.  crypto_gate_init() is called once by the master before it forks
 * (slots = conf hash_concurrency) and crypto_gate_destroy() when it exits.
 * crypto_gate_enter() waits at most wait_ms for a slot: 0 when admitted (then call
 * crypto_gate_leave()), -1 on time-out.  Without init (CLI commands) the gate
 * always admits.
 */
int	 crypto_gate_init(int slots);
void	 crypto_gate_destroy(void);
int	 crypto_gate_enter(long wait_ms);
void	 crypto_gate_leave(void);

#endif
