/*
 * The evidence store: the file side of uploads.  Bytes are streamed into a temp
 * file with a random name under <dir>/tmp (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600),
 * hashed with SHA-256 as they arrive and bounded by a size limit.  On commit the
 * type is decided from the content with libmagic (PDF, JPEG and PNG only), the file
 * is fsync'd and renamed to <dir>/objects/<2 hex>/<64 hex of its SHA-256>, so the
 * same bytes are stored once.  The client's filename never reaches the disk.  The
 * database side (rows naming the object) is the caller's: the object is in place
 * and durable before the row commits, and evidence_list_orphans() finds what a
 * killed worker or a failed transaction left behind.  A store belongs to one
 * worker and is used by one thread at a time (a libmagic cookie is not shared).
 */
#ifndef GEPS_EVIDENCE_H
#define GEPS_EVIDENCE_H

#include <sys/types.h>
#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct evidence_store;
struct evidence_writer;

enum ev_err {
	EV_OK = 0,
	EV_ERR_EMPTY,		/* no bytes at all */
	EV_ERR_TOO_LARGE,	/* more bytes than the writer's max_bytes */
	EV_ERR_TYPE,		/* content is not PDF, JPEG or PNG */
	EV_ERR_NO_SPACE,	/* disk full, quota, or file size limit (ENOSPC, EDQUOT, EFBIG) */
	EV_ERR_IO,		/* any other failure of the file system or the libraries */
	EV_ERR__MAX
};

/* A Persian sentence for users explaining e (static, never NULL). */
const char	*ev_err_message(enum ev_err e);

/*
 * Modes of what the store creates under objects/: nginx serves objects through an
 * internal location (X-Accel-Redirect), so its group may read them; give
 * evidence_dir nginx's group and the setgid bit (chmod 2750) and every object
 * inherits it.  tmp/ stays 0700: uploads in progress are nobody else's.
 */
#define EV_DIR_MODE	0750
#define EV_FILE_MODE	0640

/* "objects/" + 2 hex + "/" + 64 hex. */
#define EV_STORAGE_NAME_LEN	75

/* What evidence_commit() stored. */
struct evidence_info {
	unsigned char	 sha256[32];
	char		 sha256_hex[65];
	uint64_t	 size;
	const char	*mime;		/* static: "application/pdf", "image/jpeg" or "image/png" */
	char		 storage_name[EV_STORAGE_NAME_LEN + 1];	/* relative to dir */
	int		 is_new;	/* 0: the same bytes were already stored (dedup) */
};

/*
 * Opens the store rooted at dir, which must exist, be a directory, not a
 * symlink and not world-writable.  Creates dir/tmp and dir/objects (0700) if
 * they are missing, with the same checks, and loads libmagic's database once.
 * Returns NULL with a reason in err on failure.  Free with evidence_close().
 */
struct evidence_store	*evidence_open(const char *dir, char *err, size_t errsz);
void			 evidence_close(struct evidence_store *);

/*
 * Starts an upload of at most max_bytes: creates a temp file with a fresh random
 * name in dir/tmp.  Returns NULL with a reason in err if it could not be created
 * (then nothing was created).  The writer is released by evidence_commit() or
 * evidence_abort(), exactly one of which must be called.
 */
struct evidence_writer	*evidence_begin(struct evidence_store *, size_t max_bytes,
			    char *err, size_t errsz);
/*
 * Appends n bytes.  On any error (EV_ERR_TOO_LARGE, EV_ERR_NO_SPACE, EV_ERR_IO) the
 * temp file is removed at once and the error is sticky: later writes and the
 * commit return it.  The caller still ends with evidence_abort() or commit.
 */
enum ev_err		 evidence_write(struct evidence_writer *, const void *p, size_t n);
/*
 * Finishes the upload and releases the writer.  Refuses 0 bytes and types other
 * than PDF, JPEG and PNG (decided from the content), then fsyncs the file, moves
 * it to its SHA-256 name (or drops it when that object already exists) and
 * fsyncs the directories.  Fills out only on EV_OK; on any error nothing of this
 * upload is left on disk.
 */
enum ev_err		 evidence_commit(struct evidence_writer *, struct evidence_info *out);
/* Removes the temp file and releases the writer (NULL is a no-op). */
void			 evidence_abort(struct evidence_writer *);

/*
 * The absolute path of a stored object, for X-Accel-Redirect.  storage_name must
 * have exactly the shape of evidence_info.storage_name (lower-case hex, the
 * fan-out matching the hash); anything else, or a too small out, gives -1.
 */
int	 evidence_path(struct evidence_store *, const char *storage_name, char *out,
	    size_t outsz);

/* What evidence_list_orphans() found. */
enum ev_entry {
	EV_ENTRY_OBJECT,	/* objects/xx/<64 hex>, a regular file */
	EV_ENTRY_TEMP,		/* tmp/<name> of ours, older than the given age */
	EV_ENTRY_STRAY		/* anything else under objects/ or tmp/ */
};
/* Returns 0 to go on, anything else to stop the walk (it is returned). */
typedef int	(*evidence_walk_fn)(void *arg, enum ev_entry kind, const char *name,
		    const struct stat *st);
/*
 * Calls fn for every object, for every temp file last modified at least
 * min_tmp_age seconds ago (younger ones belong to uploads in progress), and for
 * every stray entry.  An object's mtime is the last commit that stored or
 * reused it, so a cleaner should spare objects younger than its grace period
 * (their rows may be in a transaction that has not committed yet).  name is relative to dir ("objects/ab/ab12…", "tmp/ev-…").
 * Returns 0, fn's non-zero value, or -1 if a directory could not be read.
 */
int	 evidence_list_orphans(struct evidence_store *, time_t min_tmp_age,
	    evidence_walk_fn fn, void *arg);
/*
 * Unlinks an object (by its storage name) or one of our temp files ("tmp/ev-…"),
 * for `geps evidence check`.  Returns 0, or -1 for any other name or failure.
 */
int	 evidence_remove(struct evidence_store *, const char *name);

/*
 * Tests only: makes evidence_begin() use this temp name instead of a random one
 * (NULL restores random names), to show that a planted file or symlink at the
 * name is never opened.
 */
void	 evidence_set_tmp_name_for_test(struct evidence_store *, const char *name);

#endif
