/*
 * Random tokens.  RAND_bytes() is checked every time: a token made from an
 * unseeded or failed generator must never be handed out.
 */
#include <openssl/rand.h>

#include "arena.h"
#include "crypto.h"

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
	return out;
}
