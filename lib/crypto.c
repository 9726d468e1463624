/*
 * Cryptography from OpenSSL 3: random tokens, SHA-256 and HMAC, constant-time
 * comparison, scrypt password hashes and the host-wide gate that bounds how many
 * of them run at once.  RAND_bytes() is checked every time: a token or salt made
 * from an unseeded or failed generator must never be handed out.  Encoded hashes
 * come from the database, so their parser is strict and bounded: anything but the
 * exact form crypto_password_hash() writes is refused before scrypt runs, so a
 * tampered row cannot ask for gigabytes of memory or hours of work.
 */
#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/sem.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "arena.h"
#include "crypto.h"

/* Salt and hash sizes of the encoded form, and their unpadded base64 lengths. */
#define SALT_LEN	16
#define HASH_LEN	32
#define SALT_B64	22
#define HASH_B64	43
/* Bounds on the parameters a stored hash may ask for (see crypto.h). */
#define LN_MIN		10
#define LN_MAX		20
#define R_MAX		16
#define P_MAX		4
/* Longer than anything crypto_password_hash() writes (88 bytes). */
#define ENCODED_MAX	128

static const char b64std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int
crypto_random(void *p, size_t n)
{
	if (n > 0x7fffffff)
		return -1;
	return RAND_bytes(p, (int)n) == 1 ? 0 : -1;
}

char *
crypto_token(struct arena *a, size_t nbytes)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char	 raw[64];
	char		*out;
	size_t		 i, o = 0;
	unsigned	 v;

	if (nbytes == 0 || nbytes > sizeof(raw) || crypto_random(raw, nbytes) != 0)
		return NULL;
	out = arena_alloc(a, (nbytes * 4 + 2) / 3 + 1);
	for (i = 0; i + 2 < nbytes; i += 3) {
		v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8 | raw[i + 2];
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
		out[o++] = b64[v & 63];
	}
	if (nbytes - i == 1) {
		v = (unsigned)raw[i] << 16;
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
	} else if (nbytes - i == 2) {
		v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8;
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
	}
	out[o] = '\0';
	OPENSSL_cleanse(raw, sizeof(raw));
	return out;
}

/*
 * SHA-256 and HMAC can only fail when OpenSSL cannot allocate or its default
 * provider is missing; like out of memory elsewhere, that is fatal rather than a
 * wrong digest handed to the caller.
 */
/*
 * The digest and the MAC are fetched from the provider once per process: the
 * implicit fetch of EVP_sha256() and HMAC() on every call was a measurable part
 * of a page's CPU.
 */
static EVP_MD		*sha256_md;
static EVP_MAC_CTX	*hmac_ctx;

void
crypto_sha256(const void *p, size_t n, unsigned char out[32])
{
	unsigned int	 len = 0;

	if (sha256_md == NULL && (sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL)
		abort();
	if (EVP_Digest(p != NULL ? p : "", n, out, &len, sha256_md, NULL) != 1 ||
	    len != 32)
		abort();
}

void
crypto_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t msglen,
    unsigned char out[32])
{
	OSSL_PARAM	 params[2];
	EVP_MAC		*mac;
	size_t		 len = 0;

	if (hmac_ctx == NULL) {
		if ((mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL)
			abort();
		hmac_ctx = EVP_MAC_CTX_new(mac);
		EVP_MAC_free(mac);
		if (hmac_ctx == NULL)
			abort();
	}
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	/* A zero-length key is a valid HMAC key; OpenSSL wants a pointer. */
	if (EVP_MAC_init(hmac_ctx, key != NULL && keylen > 0 ? key : (const void *)"\0",
	    keylen, params) != 1 ||
	    EVP_MAC_update(hmac_ctx, msg != NULL ? msg : (const void *)"", msglen) != 1 ||
	    EVP_MAC_final(hmac_ctx, out, &len, 32) != 1 || len != 32)
		abort();
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

void
crypto_hex(const unsigned char *p, size_t n, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Standard base64 without padding of n bytes; out needs (4n + 2) / 3 + 1. */
static void
b64_encode(const unsigned char *p, size_t n, char *out)
{
	size_t		 i, o = 0;
	unsigned	 v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		out[o++] = b64std[v >> 18 & 63];
		out[o++] = b64std[v >> 12 & 63];
		out[o++] = b64std[v >> 6 & 63];
		out[o++] = b64std[v & 63];
	}
	if (n - i == 1) {
		v = (unsigned)p[i] << 16;
		out[o++] = b64std[v >> 18 & 63];
		out[o++] = b64std[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		out[o++] = b64std[v >> 18 & 63];
		out[o++] = b64std[v >> 12 & 63];
		out[o++] = b64std[v >> 6 & 63];
	}
	out[o] = '\0';
}

static int
b64_value(char c)
{
	const char	*q;

	if (c == '\0' || (q = strchr(b64std, c)) == NULL)
		return -1;
	return (int)(q - b64std);
}

/*
 * Decodes exactly inlen characters of unpadded standard base64 into exactly
 * outlen bytes.  Refuses any other character, a length that does not match, and
 * non-zero leftover bits, so each value has one accepted spelling.
 */
static int
b64_decode_exact(const char *in, size_t inlen, unsigned char *out, size_t outlen)
{
	unsigned	 acc = 0;
	int		 bits = 0, v;
	size_t		 i, o = 0;

	if (inlen != (outlen * 4 + 2) / 3)
		return -1;
	for (i = 0; i < inlen; i++) {
		if ((v = b64_value(in[i])) < 0)
			return -1;
		acc = (acc << 6 | (unsigned)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o == outlen)
				return -1;
			out[o++] = (unsigned char)(acc >> bits & 0xff);
		}
	}
	if (o != outlen || (acc & ((1u << bits) - 1)) != 0)
		return -1;
	return 0;
}

/*
 * Reads a decimal number of 1 or 2 digits without a leading zero at *pp,
 * advancing *pp past it.
 */
static int
parse_small(const char **pp, long *out)
{
	const char	*p = *pp;
	long		 v = 0;
	int		 n = 0;

	if (*p == '0')
		return -1;
	while (*p >= '0' && *p <= '9') {
		if (++n > 2)
			return -1;
		v = v * 10 + (*p++ - '0');
	}
	if (n == 0)
		return -1;
	*pp = p;
	*out = v;
	return 0;
}

static int
expect(const char **pp, const char *lit)
{
	size_t	 n = strlen(lit);

	if (strncmp(*pp, lit, n) != 0)
		return -1;
	*pp += n;
	return 0;
}

struct scrypt_params {
	long		 ln, r, p;
	unsigned char	 salt[SALT_LEN];
	unsigned char	 hash[HASH_LEN];
};

/*
 * Parses "$scrypt$ln=L,r=R,p=P$<22 chars>$<43 chars>" and nothing else.  The
 * string is measured with strnlen first, so an unterminated or huge input costs
 * at most ENCODED_MAX + 1 bytes of reading.
 */
static int
parse_encoded(const char *enc, struct scrypt_params *sp)
{
	const char	*p = enc;
	size_t		 len;

	if (enc == NULL || (len = strnlen(enc, ENCODED_MAX + 1)) > ENCODED_MAX)
		return -1;
	if (expect(&p, "$scrypt$ln=") || parse_small(&p, &sp->ln) ||
	    expect(&p, ",r=") || parse_small(&p, &sp->r) ||
	    expect(&p, ",p=") || parse_small(&p, &sp->p) || expect(&p, "$"))
		return -1;
	if (sp->ln < LN_MIN || sp->ln > LN_MAX || sp->r < 1 || sp->r > R_MAX ||
	    sp->p < 1 || sp->p > P_MAX)
		return -1;
	if ((size_t)(enc + len - p) != SALT_B64 + 1 + HASH_B64 ||
	    p[SALT_B64] != '$' ||
	    b64_decode_exact(p, SALT_B64, sp->salt, SALT_LEN) != 0 ||
	    b64_decode_exact(p + SALT_B64 + 1, HASH_B64, sp->hash, HASH_LEN) != 0)
		return -1;
	return 0;
}

/*
 * scrypt through the EVP_KDF interface.  OpenSSL caps the memory scrypt may use
 * (32 MiB in EVP_PBE_scrypt, about 1 GiB in the provider), and the largest
 * parameters a stored hash may carry (ln=20, r=16: 2 GiB) exceed both, so maxmem
 * is set to what these parameters need: 128 r (N + 2) bytes for V plus 128 r p
 * for B, and a margin.  The bounds in parse_encoded() are what keep this sane.
 */
static int
scrypt_derive(const char *pw, size_t len, const unsigned char *salt, size_t saltlen,
    long ln, long r, long p, unsigned char *out, size_t outlen)
{
	EVP_KDF		*kdf = NULL;
	EVP_KDF_CTX	*kctx = NULL;
	OSSL_PARAM	 params[7], *q = params;
	uint64_t	 n = (uint64_t)1 << ln, maxmem;
	uint32_t	 r32 = (uint32_t)r, p32 = (uint32_t)p;
	int		 rc = -1;

	maxmem = 128 * (uint64_t)r * (n + 2) + 128 * (uint64_t)r * (uint64_t)p +
	    (1u << 20);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    (void *)(pw != NULL ? pw : ""), len);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)salt, saltlen);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r32);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p32);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem);
	*q = OSSL_PARAM_construct_end();

	if ((kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL)) == NULL ||
	    (kctx = EVP_KDF_CTX_new(kdf)) == NULL)
		goto fail;
	if (EVP_KDF_derive(kctx, out, outlen, params) != 1)
		goto fail;
	rc = 0;
fail:
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	return rc;
}

int
crypto_password_hash(const char *pw, size_t len, int log_n, char *out,
    size_t outsz)
{
	unsigned char	 salt[SALT_LEN], hash[HASH_LEN];
	char		 salt64[SALT_B64 + 1], hash64[HASH_B64 + 1];
	int		 n, rc = -1;

	if (log_n < LN_MIN || log_n > LN_MAX || out == NULL || outsz == 0 ||
	    (pw == NULL && len != 0))
		return -1;
	out[0] = '\0';
	if (crypto_random(salt, sizeof(salt)) != 0 ||
	    scrypt_derive(pw, len, salt, sizeof(salt), log_n, 8, 1, hash,
	    sizeof(hash)) != 0)
		goto fail;
	b64_encode(salt, sizeof(salt), salt64);
	b64_encode(hash, sizeof(hash), hash64);
	n = snprintf(out, outsz, "$scrypt$ln=%d,r=8,p=1$%s$%s", log_n, salt64,
	    hash64);
	if (n < 0 || (size_t)n >= outsz) {
		out[0] = '\0';
		goto fail;
	}
	rc = 0;
fail:
	OPENSSL_cleanse(hash, sizeof(hash));
	OPENSSL_cleanse(hash64, sizeof(hash64));
	return rc;
}

/*
 * Returns -1 as well when scrypt itself fails (out of memory): the caller must
 * not read that as a wrong password, nor as a match.
 */
int
crypto_password_verify(const char *pw, size_t len, const char *encoded)
{
	struct scrypt_params	 sp;
	unsigned char		 got[HASH_LEN];
	int			 rc = -1;

	if ((pw == NULL && len != 0) || parse_encoded(encoded, &sp) != 0)
		goto fail;
	if (scrypt_derive(pw, len, sp.salt, sizeof(sp.salt), sp.ln, sp.r, sp.p,
	    got, sizeof(got)) != 0)
		goto fail;
	rc = CRYPTO_memcmp(got, sp.hash, sizeof(got)) == 0;
fail:
	OPENSSL_cleanse(got, sizeof(got));
	OPENSSL_cleanse(&sp, sizeof(sp));
	return rc;
}

/* A malformed hash also answers 1: whatever it is, it should be replaced. */
int
crypto_password_needs_rehash(const char *encoded, int log_n)
{
	struct scrypt_params	 sp;
	int			 rc;

	if (parse_encoded(encoded, &sp) != 0)
		return 1;
	rc = sp.ln < log_n;
	OPENSSL_cleanse(&sp, sizeof(sp));
	return rc;
}

/*
 * The hash gate.  The master creates one semaphore before it forks, so every
 * worker inherits its id; SEM_UNDO makes the kernel give a slot back when a
 * worker dies holding it.  held counts this process's slots, so a stray
 * crypto_gate_leave() cannot raise the count above the configured slots.
 */
union geps_semun {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
};

static int	 gate_id = -1;
static pid_t	 gate_owner;
static int	 gate_held;

int
crypto_gate_init(int slots)
{
	union geps_semun	 arg;
	int			 id;

	if (slots < 1 || slots > 32767)
		return -1;
	crypto_gate_destroy();
	if ((id = semget(IPC_PRIVATE, 1, IPC_CREAT | IPC_EXCL | 0600)) == -1)
		return -1;
	arg.val = slots;
	if (semctl(id, 0, SETVAL, arg) == -1) {
		semctl(id, 0, IPC_RMID);
		return -1;
	}
	gate_id = id;
	gate_owner = getpid();
	gate_held = 0;
	return 0;
}

/*
 * Only the process that created the semaphore removes it: a worker that runs
 * the same exit path merely forgets the id.
 */
void
crypto_gate_destroy(void)
{
	if (gate_id == -1)
		return;
	if (gate_owner == getpid())
		semctl(gate_id, 0, IPC_RMID);
	gate_id = -1;
	gate_held = 0;
}

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
crypto_gate_enter(long wait_ms)
{
	struct sembuf	 op = { .sem_num = 0, .sem_op = -1, .sem_flg = SEM_UNDO };
	struct timespec	 ts;
	long long	 deadline, left;

	if (gate_id == -1)
		return 0;
	if (wait_ms < 0)
		wait_ms = 0;
	deadline = now_ms() + wait_ms;
	for (;;) {
		left = deadline - now_ms();
		if (left < 0)
			left = 0;
		ts.tv_sec = (time_t)(left / 1000);
		ts.tv_nsec = (long)(left % 1000) * 1000000;
		if (semtimedop(gate_id, &op, 1, &ts) == 0) {
			gate_held++;
			return 0;
		}
		/* A signal cuts the wait short: wait out the rest. */
		if (errno != EINTR || left == 0)
			return -1;
	}
}

void
crypto_gate_leave(void)
{
	struct sembuf	 op = { .sem_num = 0, .sem_op = 1, .sem_flg = SEM_UNDO };

	if (gate_id == -1 || gate_held == 0)
		return;
	while (semop(gate_id, &op, 1) == -1 && errno == EINTR)
		continue;
	gate_held--;
}
