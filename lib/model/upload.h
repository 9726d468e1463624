/*
 * The database side of evidence files (the bytes are lib/evidence's): the index of
 * stored objects, their links to a declaration's sections, who may read a file,
 * and what `geps evidence check` compares with the disk.
 */
#ifndef GEPS_MODEL_UPLOAD_H
#define GEPS_MODEL_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct arena;
struct decl;

/*
 * Indexes a stored object (by its SHA-256; the same bytes are one row) and links
 * it to a section (and requirement, 0: none) of the declaration.  Inside the
 * caller's transaction.  DB_DUP: the same file is already in that section.
 */
enum db_err	 upload_link(struct db *, const struct decl *, long long section_id,
		    long long req_id, const unsigned char sha256[32], uint64_t size,
		    const char *mime, const char *storage_name, const char *name,
		    long long user_id, long long *link_id);
/* Files linked to requirement req_id of the declaration, and bytes of all its files. */
enum db_err	 upload_req_count(struct db *, long long decl_id, long long req_id,
		    long long *n);
enum db_err	 upload_decl_bytes(struct db *, long long decl_id, long long *bytes);

struct upload_file {
	long long	 id;
	long long	 req_id;
	const char	*name;
	long long	 size;
	const char	*sha256_hex;
	const char	*mime;
};
/* The files of one section of a declaration, oldest first. */
enum db_err	 upload_section_files(struct db *, struct arena *, long long decl_id,
		    long long section_id, struct upload_file **, size_t *);

/*
 * The stored object of file link_id of office_id's declaration, if user (with
 * role and region) may read it; *found 0 otherwise.
 */
struct upload_object {
	const char	*storage_name;
	const char	*mime;
	const char	*name;
	long long	 size;
};
enum db_err	 upload_object_for(struct db *, struct arena *, long long link_id,
		    long long office_id, long long user_id, const char *role,
		    long long region_id, struct upload_object *, int *found);

/* The section and requirement of a link of the declaration; *found 0 if none. */
enum db_err	 upload_link_section(struct db *, struct arena *, long long link_id,
		    long long decl_id, long long *section_id, long long *req_id, int *found);
enum db_err	 upload_unlink(struct db *, long long link_id, long long decl_id);

/* The evidence row of stored bytes (the existing one for the same SHA-256). */
enum db_err	 upload_evidence_put(struct db *, const unsigned char sha256[32],
		    uint64_t size, const char *mime, const char *storage_name, long long *id);

/*
 * The documents of an objection (the licensee's) or of a violation (the region's):
 * link one, count them, list them (id is the evidence id; req_id and sha256_hex
 * unset), and the stored object of one if the asker may read it (the office's
 * licensee, a reviewer of its region, HQ).
 */
/* A stored file to link (lib/evidence.h wrote it). */
struct upload_stored {
	const unsigned char *sha256;	/* 32 bytes */
	uint64_t	 size;
	const char	*mime;
	const char	*storage_name;
	const char	*name;		/* the client's name, cleaned */
};

enum upload_owner {
	UP_OBJECTION,
	UP_VIOLATION
};
enum db_err	 upload_owned_link(struct db *, enum upload_owner, long long owner_id,
		    long long evidence_id, const char *name, long long user_id);
enum db_err	 upload_owned_count(struct db *, enum upload_owner, long long owner_id,
		    long long *);
enum db_err	 upload_owned_files(struct db *, struct arena *, enum upload_owner,
		    long long owner_id, struct upload_file **, size_t *);
enum db_err	 upload_owned_object_for(struct db *, struct arena *, enum upload_owner,
		    long long owner_id, long long evidence_id, long long user_id,
		    const char *role, long long region_id, struct upload_object *, int *found);

#endif
