/*
 * The evidence store of evidence.h.  Every file operation is relative to
 * directory descriptors opened once (with O_NOFOLLOW) by evidence_open(), so a
 * path is never re-resolved and nothing a client sends becomes part of a path:
 * temp names come from the CSPRNG and object names from the SHA-256 of the bytes.
 * An error at any step removes what this upload created, so that the only files
 * on disk are complete, typed, fsync'd objects and the temp files of uploads in
 * progress (or of workers killed mid-upload, which evidence_list_orphans() finds).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <magic.h>
#include <openssl/evp.h>

#include "arena.h"
#include "crypto.h"
#include "evidence.h"
#include "xalloc.h"

/*
 * How many leading bytes libmagic sees.  PDF, JPEG and PNG are recognised by
 * their first bytes; a bounded prefix keeps libmagic's work (and its exposure to
 * hostile input) the same whatever the size of the file.
 */
#define HEAD_MAX	16384
/* Temp names: "ev-" and 18 random bytes as base64url (24 characters). */
#define TMP_PREFIX	"ev-"
#define TMP_RAND	18
#define TMP_NAME_LEN	(sizeof(TMP_PREFIX) - 1 + 24)
/* Attempts at a fresh temp name before giving up (a collision means a bug). */
#define TMP_TRIES	3

struct evidence_store {
	char		*dir;
	int		 dirfd;
	int		 tmpfd;
	int		 objfd;
	magic_t		 magic;
	char		*test_tmp_name;
};

struct evidence_writer {
	struct evidence_store	*st;
	int			 fd;	/* -1 once the temp file is gone */
	char			 name[TMP_NAME_LEN + 1];
	char			*test_name;	/* set instead of name by the test hook */
	EVP_MD_CTX		*md;
	size_t			 max;
	size_t			 size;
	unsigned char		 head[HEAD_MAX];
	size_t			 headlen;
	enum ev_err		 err;	/* sticky */
};

static const char *const ev_messages[EV_ERR__MAX] = {
	[EV_OK] = "فایل ذخیره شد.",
	[EV_ERR_EMPTY] = "فایل انتخاب‌شده خالی است.",
	[EV_ERR_TOO_LARGE] = "حجم فایل بیش از اندازه‌ی مجاز است.",
	[EV_ERR_TYPE] =
	    "نوع این فایل مجاز نیست؛ فقط فایل PDF، JPEG یا PNG بارگذاری کنید.",
	[EV_ERR_NO_SPACE] =
	    "فضای ذخیره‌سازی سامانه کافی نیست و فایل ذخیره نشد؛ لطفاً بعداً دوباره تلاش کنید.",
	[EV_ERR_IO] =
	    "ذخیره‌ی فایل با خطا روبه‌رو شد؛ لطفاً دوباره تلاش کنید.",
};

/*
 * The types we keep, as libmagic names them (MAGIC_MIME_TYPE), each with the
 * bytes its files must start with.  libmagic alone is not enough: it reports
 * application/pdf for "%PDF-" anywhere in the first kilobyte (as readers accept),
 * so "<html><script>…</script>%PDF-" would pass as a PDF.  Both must agree.
 */
static const struct ev_type {
	const char	*mime;
	const char	*sig;
	size_t		 siglen;
} ev_types[] = {
	{ "application/pdf", "%PDF-", 5 },
	{ "image/jpeg", "\xff\xd8\xff", 3 },
	{ "image/png", "\x89PNG\r\n\x1a\n", 8 },
};

const char *
ev_err_message(enum ev_err e)
{
	if ((int)e < 0 || e >= EV_ERR__MAX || ev_messages[e] == NULL)
		return ev_messages[EV_ERR_IO];
	return ev_messages[e];
}

/* A full disk, a quota or a file size limit: all mean "no room for this file". */
static enum ev_err
errno_err(int e)
{
	if (e == ENOSPC || e == EDQUOT || e == EFBIG)
		return EV_ERR_NO_SPACE;
	return EV_ERR_IO;
}

static int
is_hex(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* 1 when s is exactly "objects/xx/<64 hex>" with xx the first two of the hash. */
static int
valid_object_name(const char *s)
{
	if (s == NULL || strlen(s) != EV_STORAGE_NAME_LEN ||
	    strncmp(s, "objects/", 8) != 0 || s[10] != '/')
		return 0;
	return is_hex(s + 8, 2) && is_hex(s + 11, 64) &&
	    s[8] == s[11] && s[9] == s[12];
}

/* 1 when s is one of our temp names, "ev-" and 24 base64url characters. */
static int
valid_tmp_name(const char *s)
{
	size_t	 i;

	if (strlen(s) != TMP_NAME_LEN ||
	    strncmp(s, TMP_PREFIX, sizeof(TMP_PREFIX) - 1) != 0)
		return 0;
	for (i = sizeof(TMP_PREFIX) - 1; i < TMP_NAME_LEN; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/*
 * Opens (creating with mode if missing, when mode is not 0) the directory name
 * under dirfd without following a symlink, and refuses one that others can write.
 */
static int
open_dir(int dirfd, const char *name, mode_t mode, const char *shown, char *err,
    size_t errsz)
{
	struct stat	 sb;
	int		 fd;

	if (mode != 0 && mkdirat(dirfd, name, mode) == -1 && errno != EEXIST) {
		snprintf(err, errsz, "%s: mkdir: %s", shown, strerror(errno));
		return -1;
	}
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1) {
		snprintf(err, errsz, "%s: %s", shown, errno == ELOOP ?
		    "is a symlink" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		snprintf(err, errsz, "%s: not a directory", shown);
		close(fd);
		return -1;
	}
	if (sb.st_mode & S_IWOTH) {
		snprintf(err, errsz, "%s: is world-writable", shown);
		close(fd);
		return -1;
	}
	return fd;
}

struct evidence_store *
evidence_open(const char *dir, char *err, size_t errsz)
{
	struct evidence_store	*st;
	struct stat		 sb;
	size_t			 len;

	st = xcalloc(1, sizeof(*st));
	st->dirfd = st->tmpfd = st->objfd = -1;
	st->dir = xstrdup(dir);
	/* Trailing slashes would make the kernel follow a symlink despite O_NOFOLLOW. */
	len = strlen(st->dir);
	while (len > 1 && st->dir[len - 1] == '/')
		st->dir[--len] = '\0';
	if (len == 0) {
		snprintf(err, errsz, "evidence directory: empty path");
		goto fail;
	}
	if (lstat(st->dir, &sb) == -1) {
		snprintf(err, errsz, "%s: %s", st->dir, strerror(errno));
		goto fail;
	}
	if (S_ISLNK(sb.st_mode)) {
		snprintf(err, errsz, "%s: is a symlink", st->dir);
		goto fail;
	}
	if ((st->dirfd = open_dir(AT_FDCWD, st->dir, 0, st->dir, err, errsz)) == -1 ||
	    (st->tmpfd = open_dir(st->dirfd, "tmp", 0700, "tmp", err, errsz)) == -1 ||
	    (st->objfd = open_dir(st->dirfd, "objects", EV_DIR_MODE, "objects", err,
	    errsz)) == -1)
		goto fail;
	if ((st->magic = magic_open(MAGIC_MIME_TYPE)) == NULL) {
		snprintf(err, errsz, "magic_open: %s", strerror(errno));
		goto fail;
	}
	if (magic_load(st->magic, NULL) == -1) {
		snprintf(err, errsz, "magic_load: %s", magic_error(st->magic));
		goto fail;
	}
	return st;
fail:
	evidence_close(st);
	return NULL;
}

void
evidence_close(struct evidence_store *st)
{
	if (st == NULL)
		return;
	if (st->magic != NULL)
		magic_close(st->magic);
	if (st->objfd != -1)
		close(st->objfd);
	if (st->tmpfd != -1)
		close(st->tmpfd);
	if (st->dirfd != -1)
		close(st->dirfd);
	free(st->test_tmp_name);
	free(st->dir);
	free(st);
}

void
evidence_set_tmp_name_for_test(struct evidence_store *st, const char *name)
{
	free(st->test_tmp_name);
	st->test_tmp_name = name == NULL ? NULL : xstrdup(name);
}

static const char *
tmp_name(const struct evidence_writer *w)
{
	return w->test_name != NULL ? w->test_name : w->name;
}

/* Closes and unlinks the temp file, if it is still there. */
static void
discard(struct evidence_writer *w)
{
	if (w->fd == -1)
		return;
	close(w->fd);
	w->fd = -1;
	unlinkat(w->st->tmpfd, tmp_name(w), 0);
}

static void
writer_free(struct evidence_writer *w)
{
	discard(w);
	EVP_MD_CTX_free(w->md);
	free(w->test_name);
	free(w);
}

struct evidence_writer *
evidence_begin(struct evidence_store *st, size_t max_bytes, char *err, size_t errsz)
{
	struct evidence_writer	*w;
	struct arena		*a = NULL;
	const char		*tok;
	int			 try;

	w = xcalloc(1, sizeof(*w));
	w->st = st;
	w->fd = -1;
	w->max = max_bytes;
	if ((w->md = EVP_MD_CTX_new()) == NULL)
		xalloc_die();
	if (EVP_DigestInit_ex(w->md, EVP_sha256(), NULL) != 1) {
		snprintf(err, errsz, "SHA-256 init failed");
		goto fail;
	}
	if (st->test_tmp_name != NULL)
		w->test_name = xstrdup(st->test_tmp_name);
	a = arena_new(256);
	for (try = 0; try < TMP_TRIES; try++) {
		if (w->test_name == NULL) {
			if ((tok = crypto_token(a, TMP_RAND)) == NULL) {
				snprintf(err, errsz, "random generator failed");
				goto fail;
			}
			snprintf(w->name, sizeof(w->name), "%s%s", TMP_PREFIX, tok);
		}
		/*
		 * O_EXCL|O_NOFOLLOW: whatever sits at the name already (a file, or a
		 * symlink planted to make us write elsewhere) is never opened.
		 */
		w->fd = openat(st->tmpfd, tmp_name(w),
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, EV_FILE_MODE);
		if (w->fd != -1 || errno != EEXIST)
			break;
	}
	/* The mode whatever the umask: nginx's group reads the object it becomes. */
	if (w->fd == -1 || fchmod(w->fd, EV_FILE_MODE) == -1) {
		snprintf(err, errsz, "tmp/%s: %s", tmp_name(w), strerror(errno));
		goto fail;
	}
	arena_free(a);
	return w;
fail:
	arena_free(a);
	writer_free(w);
	return NULL;
}

/* Records e as the writer's sticky error and removes the temp file. */
static enum ev_err
writer_fail(struct evidence_writer *w, enum ev_err e)
{
	if (w->err == EV_OK)
		w->err = e;
	discard(w);
	return w->err;
}

enum ev_err
evidence_write(struct evidence_writer *w, const void *p, size_t n)
{
	const unsigned char	*c = p;
	size_t			 off, take;
	ssize_t			 r;

	if (w->err != EV_OK)
		return w->err;
	if (n > w->max - w->size)
		return writer_fail(w, EV_ERR_TOO_LARGE);
	for (off = 0; off < n; off += (size_t)r) {
		r = write(w->fd, c + off, n - off);
		if (r == -1 && errno == EINTR) {
			r = 0;
			continue;
		}
		if (r == -1)
			return writer_fail(w, errno_err(errno));
		if (r == 0)
			return writer_fail(w, EV_ERR_IO);
	}
	if (EVP_DigestUpdate(w->md, c, n) != 1)
		return writer_fail(w, EV_ERR_IO);
	if (w->headlen < HEAD_MAX) {
		take = HEAD_MAX - w->headlen < n ? HEAD_MAX - w->headlen : n;
		memcpy(w->head + w->headlen, c, take);
		w->headlen += take;
	}
	w->size += n;
	return EV_OK;
}

void
evidence_abort(struct evidence_writer *w)
{
	if (w != NULL)
		writer_free(w);
}

/* The allowed type of the content, or NULL. */
static const char *
content_type(struct evidence_writer *w)
{
	const struct ev_type	*t;
	const char		*m;
	size_t			 i;

	if ((m = magic_buffer(w->st->magic, w->head, w->headlen)) == NULL)
		return NULL;
	for (i = 0; i < sizeof(ev_types) / sizeof(ev_types[0]); i++) {
		t = &ev_types[i];
		if (strcmp(m, t->mime) == 0 && w->headlen >= t->siglen &&
		    memcmp(w->head, t->sig, t->siglen) == 0)
			return t->mime;
	}
	return NULL;
}

enum ev_err
evidence_commit(struct evidence_writer *w, struct evidence_info *out)
{
	struct evidence_store	*st = w->st;
	struct evidence_info	 info;
	struct stat		 sb;
	const char		*hex;
	unsigned int		 mdlen;
	char			 fan[3];
	int			 fanfd = -1, fan_created = 0, moved = 0, linked = 0;
	int			 e;
	enum ev_err		 rc;

	if (w->err != EV_OK) {
		rc = w->err;
		goto fail;
	}
	memset(&info, 0, sizeof(info));
	if (w->size == 0) {
		rc = EV_ERR_EMPTY;
		goto fail;
	}
	if ((info.mime = content_type(w)) == NULL) {
		rc = EV_ERR_TYPE;
		goto fail;
	}
	if (EVP_DigestFinal_ex(w->md, info.sha256, &mdlen) != 1 || mdlen != 32) {
		rc = EV_ERR_IO;
		goto fail;
	}
	crypto_hex(info.sha256, 32, info.sha256_hex);
	hex = info.sha256_hex;
	info.size = w->size;
	snprintf(info.storage_name, sizeof(info.storage_name), "objects/%.2s/%s",
	    hex, hex);
	memcpy(fan, hex, 2);
	fan[2] = '\0';

	/* The bytes must be on disk before the name that promises them is. */
	if (fsync(w->fd) == -1) {
		rc = errno_err(errno);
		goto fail;
	}
	if (mkdirat(st->objfd, fan, EV_DIR_MODE) == 0)
		fan_created = 1;
	else if (errno != EEXIST) {
		rc = errno_err(errno);
		goto fail;
	}
	fanfd = openat(st->objfd, fan, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fanfd == -1 || (fan_created && fchmod(fanfd, EV_DIR_MODE) == -1)) {
		rc = EV_ERR_IO;
		goto fail;
	}

	/*
	 * RENAME_NOREPLACE makes "store unless already stored" one atomic step, so
	 * two workers committing the same bytes at once both end with one object.
	 * A file system without it gets the same effect from link + unlink.
	 */
	info.is_new = 1;
	if (renameat2(st->tmpfd, tmp_name(w), fanfd, hex, RENAME_NOREPLACE) == -1) {
		e = errno;
		if (e == EINVAL || e == ENOSYS) {
			if (linkat(st->tmpfd, tmp_name(w), fanfd, hex, 0) == -1) {
				e = errno;
				info.is_new = 0;
			} else {
				e = 0;
				linked = 1;
			}
		} else
			info.is_new = 0;
		if (e != 0 && e != EEXIST) {
			rc = errno_err(e);
			goto fail;
		}
	}
	if (info.is_new) {
		moved = 1;
		close(w->fd);
		w->fd = -1;
		if (linked)
			unlinkat(st->tmpfd, tmp_name(w), 0);
	} else {
		/*
		 * Dedup: the name is the hash, so an existing regular file of the same
		 * size holds these bytes.  Anything else there means a damaged store.
		 */
		if (fstatat(fanfd, hex, &sb, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size != info.size) {
			rc = EV_ERR_IO;
			goto fail;
		}
		/*
		 * Touch it: an object's mtime is the last time an upload claimed it,
		 * so the orphan check can spare objects whose rows may not have
		 * committed yet, whether new or shared.
		 */
		if (utimensat(fanfd, hex, NULL, AT_SYMLINK_NOFOLLOW) == -1) {
			rc = errno_err(errno);
			goto fail;
		}
		discard(w);
	}
	if (fsync(fanfd) == -1 || (fan_created && fsync(st->objfd) == -1) ||
	    fsync(st->tmpfd) == -1) {
		rc = errno_err(errno);
		goto fail;
	}
	close(fanfd);
	writer_free(w);
	*out = info;
	return EV_OK;
fail:
	/*
	 * An object we moved into place but could not make durable is removed, so
	 * that no caller records it.  (Another upload of the same bytes finding it
	 * in that instant would lose it; only a failing disk gets here.)
	 */
	if (moved)
		unlinkat(fanfd, hex, 0);
	if (fanfd != -1)
		close(fanfd);
	writer_free(w);
	return rc;
}

int
evidence_path(struct evidence_store *st, const char *storage_name, char *out,
    size_t outsz)
{
	int	 n;

	if (!valid_object_name(storage_name))
		return -1;
	n = snprintf(out, outsz, "%s/%s", st->dir, storage_name);
	if (n < 0 || (size_t)n >= outsz)
		return -1;
	return 0;
}

int
evidence_remove(struct evidence_store *st, const char *name)
{
	char	 fan[3];
	int	 fd, rc;

	if (name == NULL)
		return -1;
	if (strncmp(name, "tmp/", 4) == 0 && valid_tmp_name(name + 4))
		return unlinkat(st->tmpfd, name + 4, 0) == 0 ? 0 : -1;
	if (!valid_object_name(name))
		return -1;
	memcpy(fan, name + 8, 2);
	fan[2] = '\0';
	fd = openat(st->objfd, fan, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return -1;
	rc = unlinkat(fd, name + 11, 0) == 0 ? 0 : -1;
	close(fd);
	return rc;
}

/* A DIR for the directory at fd (which stays open), or NULL. */
static DIR *
open_dir_stream(int fd)
{
	DIR	*d;
	int	 dfd;

	dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd == -1)
		return NULL;
	if ((d = fdopendir(dfd)) == NULL)
		close(dfd);
	return d;
}

static int
skip_dot(const char *n)
{
	return strcmp(n, ".") == 0 || strcmp(n, "..") == 0;
}

/* Walks objects/xx/: each entry is an object or a stray. */
static int
walk_fan(int fanfd, const char *fan, evidence_walk_fn fn, void *arg)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		 name[EV_STORAGE_NAME_LEN + 256 + 1];
	int		 rc = 0;

	if ((d = open_dir_stream(fanfd)) == NULL)
		return -1;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (skip_dot(de->d_name))
			continue;
		if (fstatat(fanfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == -1)
			continue;	/* removed while we looked */
		snprintf(name, sizeof(name), "objects/%.2s/%s", fan, de->d_name);
		rc = fn(arg, S_ISREG(sb.st_mode) && valid_object_name(name) ?
		    EV_ENTRY_OBJECT : EV_ENTRY_STRAY, name, &sb);
	}
	closedir(d);
	return rc;
}

static int
walk_objects(struct evidence_store *st, evidence_walk_fn fn, void *arg)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		 name[8 + 256 + 1];
	int		 fanfd, rc = 0;

	if ((d = open_dir_stream(st->objfd)) == NULL)
		return -1;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (skip_dot(de->d_name))
			continue;
		if (fstatat(st->objfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (S_ISDIR(sb.st_mode) && strlen(de->d_name) == 2 &&
		    is_hex(de->d_name, 2)) {
			fanfd = openat(st->objfd, de->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fanfd == -1) {
				rc = -1;
				break;
			}
			rc = walk_fan(fanfd, de->d_name, fn, arg);
			close(fanfd);
			continue;
		}
		snprintf(name, sizeof(name), "objects/%s", de->d_name);
		rc = fn(arg, EV_ENTRY_STRAY, name, &sb);
	}
	closedir(d);
	return rc;
}

static int
walk_tmp(struct evidence_store *st, time_t min_age, evidence_walk_fn fn, void *arg)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		 name[4 + 256 + 1];
	time_t		 now = time(NULL);
	int		 rc = 0;

	if ((d = open_dir_stream(st->tmpfd)) == NULL)
		return -1;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (skip_dot(de->d_name))
			continue;
		if (fstatat(st->tmpfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		snprintf(name, sizeof(name), "tmp/%s", de->d_name);
		if (!S_ISREG(sb.st_mode) || !valid_tmp_name(de->d_name))
			rc = fn(arg, EV_ENTRY_STRAY, name, &sb);
		else if (now - sb.st_mtime >= min_age)
			rc = fn(arg, EV_ENTRY_TEMP, name, &sb);
	}
	closedir(d);
	return rc;
}

int
evidence_list_orphans(struct evidence_store *st, time_t min_tmp_age,
    evidence_walk_fn fn, void *arg)
{
	int	 rc;

	if ((rc = walk_objects(st, fn, arg)) != 0)
		return rc;
	return walk_tmp(st, min_tmp_age, fn, arg);
}
