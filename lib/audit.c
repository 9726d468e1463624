/*
 * The hash-chained audit log (see audit.h).
 *
 * row_hash = SHA-256(prev_hash || F(created_at) || F(actor_user_id) ||
 *     F(actor_label) || F(client_addr) || F(action) || F(entity_type) ||
 *     F(entity_id) || F(old_json) || F(new_json))
 *
 * where F(v) is the 8-byte big-endian length of v followed by its bytes, and F(NULL)
 * is the 8 bytes ff ff ff ff ff ff ff ff alone (no value can be that long).  Values
 * are hashed as the database stores and returns them: created_at as
 * "YYYY-MM-DD HH:MM:SS.ffffff" (UTC, set here rather than by the server so the hash
 * is known before the insert), integers as decimal text, an id of 0 as NULL, a
 * missing label or address as "".  The id is not hashed: it is not known before
 * the insert, and the links already fix the order.
 *
 * Two appends on the same tail would fork the chain; the unique key on prev_hash
 * refuses the second, which then starts over on the new tail.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "arena.h"
#include "audit.h"
#include "crypto.h"
#include "log.h"
#include "model/stmts.h"

#define HASH_LEN	32
#define NFIELDS		9
#define APPEND_TRIES	10

/* Hashes prev and the fields; returns 0, or -1 if OpenSSL failed. */
static int
audit_hash(const unsigned char *prev, const struct db_val *f, unsigned char *out)
{
	EVP_MD_CTX	*ctx;
	unsigned char	 len[8];
	unsigned int	 outlen = 0;
	uint64_t	 n;
	int		 i, j, rc = -1;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, prev, HASH_LEN) != 1)
		goto out;
	for (i = 0; i < NFIELDS; i++) {
		n = f[i].null ? UINT64_MAX : (uint64_t)f[i].len;
		for (j = 0; j < 8; j++)
			len[j] = (unsigned char)(n >> (56 - 8 * j));
		if (EVP_DigestUpdate(ctx, len, sizeof(len)) != 1)
			goto out;
		if (!f[i].null && f[i].len > 0 &&
		    EVP_DigestUpdate(ctx, f[i].s, f[i].len) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(ctx, out, &outlen) != 1 || outlen != HASH_LEN)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* A text field; NULL becomes NULL. */
static struct db_val
field_text(const char *s)
{
	return s != NULL ? db_text(s) : db_null();
}

/* An id as decimal text in the arena, or NULL for 0 (no id). */
static struct db_val
field_id(struct arena *a, long long v)
{
	return v != 0 ? db_text(arena_printf(a, "%lld", v)) : db_null();
}

/* One try: read the tail, hash, insert.  The caller owns the transaction. */
static enum db_err
append_once(struct db *db, struct arena *a, const struct audit_event *ev,
    const char *created)
{
	struct db_val	 f[NFIELDS], p[11], c[1];
	unsigned char	 prev[HASH_LEN], hash[HASH_LEN];
	enum db_err	 rc;
	int		 n;

	memset(prev, 0, sizeof(prev));
	if ((rc = db_exec(db, STMT_AUDIT_TAIL, NULL)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_AUDIT_TAIL, a, c)) < 0)
		return db_is_down(db) ? DB_DOWN : DB_ERROR;
	if (n != 1) {
		log_err("audit_tail", "msg=\"no audit_tail row (migration 0005)\"");
		return DB_ERROR;
	}
	db_done(db, STMT_AUDIT_TAIL);
	if (c[0].null || c[0].len != HASH_LEN) {
		log_err("audit_tail", "msg=\"tail row_hash is not 32 bytes\"");
		return DB_ERROR;
	}
	memcpy(prev, c[0].s, HASH_LEN);

	f[0] = db_text(created);
	f[1] = field_id(a, ev->actor_user_id);
	f[2] = db_text(ev->actor_label != NULL ? ev->actor_label : "");
	f[3] = db_text(ev->client_addr != NULL ? ev->client_addr : "");
	f[4] = db_text(ev->action);
	f[5] = db_text(ev->entity_type != NULL ? ev->entity_type : "");
	f[6] = field_id(a, ev->entity_id);
	f[7] = field_text(ev->old_json);
	f[8] = field_text(ev->new_json);
	if (audit_hash(prev, f, hash) != 0)
		return DB_ERROR;

	p[0] = f[0];
	p[1] = ev->actor_user_id != 0 ? db_int(ev->actor_user_id) : db_null();
	p[2] = f[2];
	p[3] = f[3];
	p[4] = f[4];
	p[5] = f[5];
	p[6] = ev->entity_id != 0 ? db_int(ev->entity_id) : db_null();
	p[7] = f[7];
	p[8] = f[8];
	p[9] = db_bytes(prev, HASH_LEN);
	p[10] = db_bytes(hash, HASH_LEN);
	if ((rc = db_exec(db, STMT_AUDIT_INSERT, p)) != DB_OK)
		return rc;
	p[0] = db_bytes(hash, HASH_LEN);
	return db_exec(db, STMT_AUDIT_TAIL_SET, p);
}

/*
 * A short, growing, jittered pause before another try.  A locking read that waited
 * for the tail returns the row it waited on, which may no longer be the tail; a
 * busy competitor could make us lose every time if we came straight back.
 */
static void
backoff(int try)
{
	struct timespec	 ts;
	unsigned char	 r = 0;

	(void)crypto_random(&r, 1);
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(try + 1) * 1000000L + (long)r * 8000L;
	nanosleep(&ts, NULL);
}

enum db_err
audit_append(struct db *db, struct arena *a, const struct audit_event *ev)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 created[96];
	enum db_err	 rc = DB_ERROR;
	int		 i;

	if (ev->action == NULL)
		return DB_ERROR;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	(void)snprintf(created, sizeof(created), "%04d-%02d-%02d %02d:%02d:%02d.%06ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, ts.tv_nsec / 1000);

	/*
	 * Inside the caller's transaction a lost race cannot be retried here: the
	 * caller's other statements would have to run again too.
	 */
	if (db_in_txn(db)) {
		rc = append_once(db, a, ev, created);
		return rc == DB_DUP ? DB_RETRY : rc;
	}
	for (i = 0; i < APPEND_TRIES; i++) {
		if ((rc = db_begin(db)) != DB_OK)
			return rc;
		if ((rc = append_once(db, a, ev, created)) == DB_OK &&
		    (rc = db_commit(db)) == DB_OK)
			return DB_OK;
		db_rollback(db);
		if (rc != DB_DUP && rc != DB_RETRY)
			return rc;
		log_info("audit_retry", "try=%d", i + 1);
		backoff(i);
	}
	return rc == DB_DUP ? DB_RETRY : rc;
}

long long
audit_verify(struct db *db, struct arena *a)
{
	struct arena	*pa;
	struct db_val	 p[1], c[12];
	unsigned char	 prev[HASH_LEN], hash[HASH_LEN];
	long long	 last = 0, rc = -1;
	int		 n, rows;

	(void)a;
	/*
	 * Keyset pages of 1000 rows, each read into an arena of its own that is reset
	 * for the next page: memory stays bounded whatever the size of the log.
	 */
	pa = arena_new(64 * 1024);
	memset(prev, 0, sizeof(prev));
	for (;;) {
		arena_reset(pa);
		p[0] = db_int(last);
		if (db_exec(db, STMT_AUDIT_PAGE, p) != DB_OK)
			goto out;
		rows = 0;
		while ((n = db_fetch(db, STMT_AUDIT_PAGE, pa, c)) == 1) {
			rows++;
			last = c[0].i;
			if (c[10].null || c[10].len != HASH_LEN || c[11].null ||
			    c[11].len != HASH_LEN || memcmp(c[10].s, prev, HASH_LEN) != 0)
				goto bad;
			/* The ids, hashed as text the way audit_append wrote them. */
			if (!c[2].null)
				c[2] = db_text(arena_printf(pa, "%lld", c[2].i));
			if (!c[7].null)
				c[7] = db_text(arena_printf(pa, "%lld", c[7].i));
			if (audit_hash(prev, c + 1, hash) != 0) {
				db_done(db, STMT_AUDIT_PAGE);
				goto out;
			}
			if (memcmp(hash, c[11].s, HASH_LEN) != 0)
				goto bad;
			memcpy(prev, hash, HASH_LEN);
		}
		if (n < 0)
			goto out;
		if (rows < 1000)
			break;
	}
	/*
	 * The chain must end where audit_tail says it does: otherwise its newest rows
	 * were deleted, which the links alone cannot show.  The last row is named.
	 */
	if (db_exec(db, STMT_AUDIT_TAIL_GET, NULL) != DB_OK ||
	    (n = db_fetch(db, STMT_AUDIT_TAIL_GET, pa, c)) < 0)
		goto out;
	if (n == 1) {
		db_done(db, STMT_AUDIT_TAIL_GET);
		if (c[0].len != HASH_LEN || memcmp(c[0].s, prev, HASH_LEN) != 0) {
			rc = last > 0 ? last : 1;
			goto out;
		}
	}
	rc = 0;
	goto out;
bad:
	db_done(db, STMT_AUDIT_PAGE);
	rc = last;
out:
	arena_free(pa);
	return rc;
}
