/*
 * `geps demo-accounts FILE`: gives the first demo licensee (with an office), the
 * first reviewer of region 1 and the first HQ account a fresh random password that
 * is already "chosen" (no forced change) and, for the two staff accounts, an
 * enrolled TOTP key, then writes them to FILE as TSV: a header line, then
 * role, national_id, password, totp_secret (base32; empty for the licensee).
 * For demo and development databases only: it replaces those accounts' secrets.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "audit.h"
#include "cli.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "model/stmts.h"
#include "totp.h"

static const char *const demo_roles[] = { "licensee", "reviewer", "hq" };

int
cmd_demo_accounts(int argc, char **argv)
{
	struct conf		*conf = NULL;
	struct db		*db = NULL;
	struct arena		*a = arena_new(64 * 1024);
	struct db_val		 p[4], c[2];
	struct audit_event	 ev;
	char			 err[512], hash[160], b32[64];
	unsigned char		 key[20];
	const char		*pw;
	FILE			*out = NULL;
	size_t			 i;
	int			 rc = 1, staff;
	mode_t			 old;

	if (argc != 2) {
		fprintf(stderr, "usage: geps [-c FILE] demo-accounts OUT.tsv\n");
		return 2;
	}
	log_init("cli", LOG_WARN);
	if ((conf = conf_load(cli_conf_path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "geps demo-accounts: %s\n", err);
		goto out;
	}
	db = db_new(conf, stmt_defs, STMT__MAX);
	old = umask(077);
	out = fopen(argv[1], "w");
	umask(old);
	if (out == NULL) {
		fprintf(stderr, "geps demo-accounts: cannot write %s\n", argv[1]);
		goto out;
	}
	fprintf(out, "role\tnational_id\tpassword\ttotp_secret\n");
	if (db_begin(db) != DB_OK)
		goto dbfail;
	for (i = 0; i < sizeof(demo_roles) / sizeof(demo_roles[0]); i++) {
		p[0] = db_text(demo_roles[i]);
		if (db_exec(db, STMT_DEMO_PICK, p) != DB_OK)
			goto dbfail;
		if (db_fetch(db, STMT_DEMO_PICK, a, c) != 1) {
			fprintf(stderr, "geps demo-accounts: no demo %s account\n", demo_roles[i]);
			goto rollback;
		}
		db_done(db, STMT_DEMO_PICK);
		staff = i > 0;
		if ((pw = crypto_token(a, 12)) == NULL ||
		    crypto_password_hash(pw, strlen(pw), (int)conf->scrypt_log_n, hash,
		    sizeof(hash)) != 0)
			goto rollback;
		b32[0] = '\0';
		if (staff && (totp_new_secret(key) != 0 ||
		    totp_base32(key, sizeof(key), b32, sizeof(b32)) < 0))
			goto rollback;
		p[0] = db_text(hash);
		p[1] = staff ? db_bytes(key, sizeof(key)) : db_null();
		p[2] = db_text(b32);
		p[3] = db_int(c[0].i);
		memset(&ev, 0, sizeof(ev));
		ev.actor_label = "cli";
		ev.action = "demo.accounts";
		ev.entity_type = "user";
		ev.entity_id = c[0].i;
		if (db_exec(db, STMT_DEMO_SET, p) != DB_OK ||
		    audit_append(db, a, &ev) != DB_OK)
			goto dbfail;
		fprintf(out, "%s\t%s\t%s\t%s\n", demo_roles[i], c[1].s, pw, b32);
	}
	if (db_commit(db) != DB_OK)
		goto dbfail;
	rc = 0;
	goto out;
dbfail:
	fprintf(stderr, "geps demo-accounts: %s\n", db_errstr(db));
rollback:
	db_rollback(db);
out:
	if (out != NULL && fclose(out) != 0)
		rc = 1;
	db_free(db);
	conf_free(conf);
	arena_free(a);
	return rc;
}
