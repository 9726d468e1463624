/*
 * The evidence index and its links (see upload.h).
 */
#include <string.h>

#include "arena.h"
#include "model/declaration.h"
#include "model/stmts.h"
#include "model/upload.h"

enum db_err
upload_evidence_put(struct db *db, const unsigned char sha256[32], uint64_t size,
    const char *mime, const char *storage_name, long long *id)
{
	struct db_val	 p[4];
	enum db_err	 rc;

	p[0] = db_bytes(sha256, 32);
	p[1] = db_int((long long)size);
	p[2] = db_text(mime);
	p[3] = db_text(storage_name);
	if ((rc = db_exec(db, STMT_UP_EVIDENCE_PUT, p)) != DB_OK)
		return rc;
	*id = (long long)db_insert_id(db, STMT_UP_EVIDENCE_PUT);
	return DB_OK;
}

enum db_err
upload_link(struct db *db, const struct decl *d, long long section_id, long long req_id,
    const unsigned char sha256[32], uint64_t size, const char *mime,
    const char *storage_name, const char *name, long long user_id, long long *link_id)
{
	struct db_val	 p[8];
	long long	 ev;
	enum db_err	 rc;

	if ((rc = upload_evidence_put(db, sha256, size, mime, storage_name, &ev)) != DB_OK)
		return rc;
	p[0] = db_int(d->id);
	p[1] = db_int(d->round_id);
	p[2] = db_int(section_id);
	p[3] = req_id != 0 ? db_int(req_id) : db_null();
	p[4] = db_int(ev);
	p[5] = db_text(name);
	p[6] = d->send_back_id != 0 ? db_int(d->send_back_id) : db_null();
	p[7] = db_int(user_id);
	if ((rc = db_exec(db, STMT_UP_LINK_PUT, p)) != DB_OK)
		return rc;
	*link_id = (long long)db_insert_id(db, STMT_UP_LINK_PUT);
	return DB_OK;
}

/* One integer from a statement with one row and one column. */
static enum db_err
one_int(struct db *db, int id, const struct db_val *p, long long *out)
{
	struct db_val	 c[1];
	enum db_err	 rc;
	int		 n;

	*out = 0;
	if ((rc = db_exec(db, id, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, id, NULL, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		*out = c[0].i;
		db_done(db, id);
	}
	return DB_OK;
}

enum db_err
upload_req_count(struct db *db, long long decl_id, long long req_id, long long *n)
{
	struct db_val	 p[2];

	p[0] = db_int(decl_id);
	p[1] = db_int(req_id);
	return one_int(db, STMT_UP_REQ_COUNT, p, n);
}

enum db_err
upload_decl_bytes(struct db *db, long long decl_id, long long *bytes)
{
	struct db_val	 p = db_int(decl_id);

	return one_int(db, STMT_UP_DECL_BYTES, &p, bytes);
}

enum db_err
upload_section_files(struct db *db, struct arena *a, long long decl_id,
    long long section_id, struct upload_file **out, size_t *nout)
{
	struct db_val	 p[2], c[6];
	struct upload_file *f;
	size_t		 cap = 8;
	enum db_err	 rc;
	int		 n;

	*nout = 0;
	*out = arena_calloc(a, cap, sizeof(**out));
	if (decl_id == 0)
		return DB_OK;
	p[0] = db_int(decl_id);
	p[1] = db_int(section_id);
	if ((rc = db_exec(db, STMT_UP_SECTION_FILES, p)) != DB_OK)
		return rc;
	while ((n = db_fetch(db, STMT_UP_SECTION_FILES, a, c)) == 1) {
		if (*nout == cap) {
			*out = arena_realloc(a, *out, cap * sizeof(**out),
			    2 * cap * sizeof(**out));
			cap *= 2;
		}
		f = &(*out)[(*nout)++];
		f->id = c[0].i;
		f->req_id = c[1].i;
		f->name = c[2].s;
		f->size = c[3].i;
		f->sha256_hex = c[4].s;
		f->mime = c[5].s;
	}
	return n < 0 ? DB_ERROR : DB_OK;
}

enum db_err
upload_object_for(struct db *db, struct arena *a, long long link_id, long long office_id,
    long long user_id, const char *role, long long region_id, struct upload_object *o,
    int *found)
{
	struct db_val	 p[6], c[4];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	p[0] = db_int(link_id);
	p[1] = db_int(office_id);
	p[2] = db_int(user_id);
	p[3] = db_text(role);
	p[4] = db_int(region_id);
	p[5] = db_text(role);
	if ((rc = db_exec(db, STMT_UP_FILE_FOR, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_UP_FILE_FOR, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_UP_FILE_FOR);
	o->storage_name = c[0].s;
	o->mime = c[1].s;
	o->name = c[2].s;
	o->size = c[3].i;
	*found = 1;
	return DB_OK;
}

enum db_err
upload_link_section(struct db *db, struct arena *a, long long link_id, long long decl_id,
    long long *section_id, long long *req_id, int *found)
{
	struct db_val	 p[2], c[2];
	enum db_err	 rc;
	int		 n;

	*found = 0;
	p[0] = db_int(link_id);
	p[1] = db_int(decl_id);
	if ((rc = db_exec(db, STMT_UP_LINK_SECTION, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_UP_LINK_SECTION, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, STMT_UP_LINK_SECTION);
	*section_id = c[0].i;
	*req_id = c[1].i;
	*found = 1;
	return DB_OK;
}

enum db_err
upload_unlink(struct db *db, long long link_id, long long decl_id)
{
	struct db_val	 p[2];

	p[0] = db_int(link_id);
	p[1] = db_int(decl_id);
	return db_exec(db, STMT_UP_LINK_DELETE, p);
}

/* The statements of the documents of an objection or of a violation. */
static const struct {
	int	 link, count, files, file_for;
} owner_stmts[] = {
	[UP_OBJECTION] = { STMT_UP_OBJ_LINK_PUT, STMT_UP_OBJ_COUNT, STMT_UP_OBJ_FILES,
	    STMT_UP_OBJ_FILE_FOR },
	[UP_VIOLATION] = { STMT_UP_VIOL_LINK_PUT, STMT_UP_VIOL_COUNT, STMT_UP_VIOL_FILES,
	    STMT_UP_VIOL_FILE_FOR },
};

enum db_err
upload_owned_link(struct db *db, enum upload_owner w, long long owner_id,
    long long evidence_id, const char *name, long long user_id)
{
	struct db_val	 p[4];

	p[0] = db_int(owner_id);
	p[1] = db_int(evidence_id);
	p[2] = db_text(name);
	p[3] = db_int(user_id);
	return db_exec(db, owner_stmts[w].link, p);
}

enum db_err
upload_owned_count(struct db *db, enum upload_owner w, long long owner_id, long long *n)
{
	struct db_val	 p = db_int(owner_id);

	return one_int(db, owner_stmts[w].count, &p, n);
}

enum db_err
upload_owned_files(struct db *db, struct arena *a, enum upload_owner w, long long owner_id,
    struct upload_file **out, size_t *nout)
{
	struct db_val	 p = db_int(owner_id), c[4];
	struct upload_file *f = NULL;
	size_t		 n = 0, cap = 0;
	enum db_err	 rc;
	int		 k, id = owner_stmts[w].files;

	*out = NULL;
	*nout = 0;
	if ((rc = db_exec(db, id, &p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, id, a, c)) == 1) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4;

			f = arena_realloc(a, f, cap * sizeof(*f), ncap * sizeof(*f));
			cap = ncap;
		}
		memset(&f[n], 0, sizeof(f[n]));
		f[n].id = c[0].i;
		f[n].name = c[1].s;
		f[n].size = c[2].i;
		f[n].mime = c[3].s;
		n++;
	}
	if (k < 0)
		return DB_ERROR;
	*out = f;
	*nout = n;
	return DB_OK;
}

enum db_err
upload_owned_object_for(struct db *db, struct arena *a, enum upload_owner w,
    long long owner_id, long long evidence_id, long long user_id, const char *role,
    long long region_id, struct upload_object *o, int *found)
{
	struct db_val	 p[6], c[4];
	enum db_err	 rc;
	int		 n, id = owner_stmts[w].file_for;

	*found = 0;
	p[0] = db_int(owner_id);
	p[1] = db_int(evidence_id);
	p[2] = db_int(user_id);
	p[3] = db_text(role);
	p[4] = db_int(region_id);
	p[5] = db_text(role);
	if ((rc = db_exec(db, id, p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, id, a, c)) < 0)
		return DB_ERROR;
	if (n == 0)
		return DB_OK;
	db_done(db, id);
	o->storage_name = c[0].s;
	o->mime = c[1].s;
	o->name = c[2].s;
	o->size = c[3].i;
	*found = 1;
	return DB_OK;
}
