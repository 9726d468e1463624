/*
 * Unit tests of the evidence store: types decided from the content, objects named
 * by their SHA-256 with mode EV_FILE_MODE, dedup, size and disk limits, and the rule that
 * every refused or failed upload leaves nothing behind.  Each test runs in a fresh
 * mkdtemp directory that is removed afterwards (also when an assertion fails).
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "check_run.h"

#include "crypto.h"
#include "evidence.h"

static char			 base[64];
static char			 root[128];
static struct evidence_store	*st;

/* A minimal PDF that libmagic reports as application/pdf. */
static const char pdf[] =
    "%PDF-1.4\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
/* SOI, a JFIF APP0 segment, EOI. */
static const unsigned char jpeg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
	0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9
};
/* The signature, a 1x1 RGBA IHDR and IEND. */
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R', 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x00, 'I', 'E', 'N', 'D', 0xae, 'B', 0x60, 0x82
};
/* A local file header for "a" (stored, 1 byte) and an end-of-central-directory. */
static const unsigned char zip[] = {
	'P', 'K', 3, 4, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 1, 0, 0, 0, 'a',
	'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

/* A Windows PE32 executable header, as a renamed .exe would start. */
static void
make_pe(unsigned char b[256])
{
	memset(b, 0, 256);
	memcpy(b, "MZ", 2);
	b[0x3c] = 0x80;			/* e_lfanew */
	memcpy(b + 0x80, "PE\0\0", 4);
	b[0x84] = 0x4c; b[0x85] = 0x01;	/* i386 */
	b[0x86] = 0x01;			/* one section */
	b[0x94] = 0xe0;			/* optional header size */
	b[0x96] = 0x02; b[0x97] = 0x01;	/* executable, 32-bit */
	b[0x98] = 0x0b; b[0x99] = 0x01;	/* PE32 magic */
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
setup(void)
{
	char	 err[256];

	snprintf(root, sizeof(root), "%s/t-XXXXXX", base);
	ck_assert_ptr_nonnull(mkdtemp(root));
	st = evidence_open(root, err, sizeof(err));
	ck_assert_msg(st != NULL, "evidence_open: %s", err);
}

static void
teardown(void)
{
	evidence_close(st);
	st = NULL;
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Regular files (and symlinks) under sub, recursively. */
static int
count_in(const char *sub)
{
	char		 path[1024];
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/%s", root, sub);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", root, sub, de->d_name);
		if (lstat(path, &sb) == -1)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			snprintf(path, sizeof(path), "%s/%s", sub, de->d_name);
			n += count_in(path);
		} else
			n++;
	}
	closedir(d);
	return n;
}

static void
assert_nothing_left(void)
{
	ck_assert_int_eq(count_in("tmp"), 0);
	ck_assert_int_eq(count_in("objects"), 0);
}

/* Stores p in one upload (two writes, to exercise streaming). */
static enum ev_err
store(const void *p, size_t n, size_t max, struct evidence_info *out)
{
	struct evidence_writer	*w;
	char			 err[256];
	enum ev_err		 e;

	w = evidence_begin(st, max, err, sizeof(err));
	ck_assert_msg(w != NULL, "evidence_begin: %s", err);
	if ((e = evidence_write(w, p, n / 2)) != EV_OK ||
	    (e = evidence_write(w, (const char *)p + n / 2, n - n / 2)) != EV_OK) {
		evidence_abort(w);
		return e;
	}
	return evidence_commit(w, out);
}

/* Checks that out names an object holding exactly p, mode EV_FILE_MODE. */
static void
assert_stored(const struct evidence_info *out, const void *p, size_t n,
    const char *mime)
{
	unsigned char	 sha[32];
	char		 hex[65], want[EV_STORAGE_NAME_LEN + 1], path[256], got[512];
	struct stat	 sb;
	ssize_t		 r;
	int		 fd;

	crypto_sha256(p, n, sha);
	crypto_hex(sha, 32, hex);
	ck_assert_mem_eq(out->sha256, sha, 32);
	ck_assert_str_eq(out->sha256_hex, hex);
	ck_assert_uint_eq(out->size, n);
	ck_assert_str_eq(out->mime, mime);
	snprintf(want, sizeof(want), "objects/%.2s/%s", hex, hex);
	ck_assert_str_eq(out->storage_name, want);
	ck_assert_int_eq(evidence_path(st, out->storage_name, path, sizeof(path)), 0);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert(S_ISREG(sb.st_mode));
	ck_assert_int_eq(sb.st_mode & 07777, EV_FILE_MODE);
	ck_assert_int_eq(sb.st_size, (off_t)n);
	ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
	r = read(fd, got, sizeof(got));
	close(fd);
	ck_assert_int_eq(r, (ssize_t)n);
	ck_assert_mem_eq(got, p, n);
	ck_assert_int_eq(count_in("tmp"), 0);
}

START_TEST(evidence_open_creates_private_directories)
{
	char		 path[1024];
	struct stat	 sb;

	snprintf(path, sizeof(path), "%s/tmp", root);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	ck_assert_int_eq(sb.st_mode & 07777, 0700);
	snprintf(path, sizeof(path), "%s/objects", root);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, EV_DIR_MODE);
}
END_TEST

START_TEST(evidence_open_refuses_symlinks_and_world_writable_dirs)
{
	char			 link[512], sub[256], err[256];
	struct evidence_store	*s2;

	snprintf(link, sizeof(link), "%s/link", root);
	ck_assert_int_eq(symlink(root, link), 0);
	ck_assert_ptr_null(evidence_open(link, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "symlink"));
	/* A trailing slash must not make the kernel follow it. */
	snprintf(link, sizeof(link), "%s/link/", root);
	ck_assert_ptr_null(evidence_open(link, err, sizeof(err)));

	snprintf(sub, sizeof(sub), "%s/open", root);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(chmod(sub, 0777), 0);
	ck_assert_ptr_null(evidence_open(sub, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "world-writable"));

	/* The same checks apply to tmp/ and objects/ inside a good directory. */
	ck_assert_int_eq(chmod(sub, 0700), 0);
	snprintf(link, sizeof(link), "%s/tmp", sub);
	ck_assert_int_eq(symlink("/tmp", link), 0);
	ck_assert_ptr_null(evidence_open(sub, err, sizeof(err)));
	ck_assert_int_eq(unlink(link), 0);
	ck_assert_int_eq(mkdir(link, 0777), 0);
	ck_assert_int_eq(chmod(link, 0777), 0);
	ck_assert_ptr_null(evidence_open(sub, err, sizeof(err)));
	ck_assert_int_eq(chmod(link, 0700), 0);
	s2 = evidence_open(sub, err, sizeof(err));
	ck_assert_msg(s2 != NULL, "%s", err);
	evidence_close(s2);

	snprintf(sub, sizeof(sub), "%s/missing", root);
	ck_assert_ptr_null(evidence_open(sub, err, sizeof(err)));
}
END_TEST

START_TEST(evidence_stores_pdf_under_its_sha256)
{
	struct evidence_info	 out;
	char			 path[256];
	struct stat		 sb;

	ck_assert_int_eq(store(pdf, sizeof(pdf) - 1, 1 << 20, &out), EV_OK);
	assert_stored(&out, pdf, sizeof(pdf) - 1, "application/pdf");
	ck_assert_int_eq(out.is_new, 1);
	snprintf(path, sizeof(path), "%s/objects/%.2s", root, out.sha256_hex);
	ck_assert_int_eq(lstat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, EV_DIR_MODE);
	ck_assert_int_eq(count_in("objects"), 1);
}
END_TEST

START_TEST(evidence_stores_jpeg_and_png)
{
	struct evidence_info	 out;

	ck_assert_int_eq(store(jpeg, sizeof(jpeg), 1 << 20, &out), EV_OK);
	assert_stored(&out, jpeg, sizeof(jpeg), "image/jpeg");
	ck_assert_int_eq(store(png, sizeof(png), 1 << 20, &out), EV_OK);
	assert_stored(&out, png, sizeof(png), "image/png");
	ck_assert_int_eq(count_in("objects"), 2);
}
END_TEST

START_TEST(evidence_refuses_windows_executable)
{
	struct evidence_info	 out;
	unsigned char		 pe[256];

	make_pe(pe);
	ck_assert_int_eq(store(pe, sizeof(pe), 1 << 20, &out), EV_ERR_TYPE);
	assert_nothing_left();
}
END_TEST

START_TEST(evidence_refuses_html_zip_and_text)
{
	static const char	 html[] =
	    "<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n";
	static const char	 text[] = "just some text, not a PDF\n";
	/*
	 * libmagic calls this a PDF ("%PDF-" within the first kilobyte), but a
	 * page that is also a PDF is not accepted: a PDF starts with "%PDF-".
	 */
	static const char	 late[] =
	    "<html><script>alert(1)</script>\n%PDF-1.4\n%%EOF\n";
	struct evidence_info	 out;

	ck_assert_int_eq(store(html, sizeof(html) - 1, 1 << 20, &out), EV_ERR_TYPE);
	ck_assert_int_eq(store(zip, sizeof(zip), 1 << 20, &out), EV_ERR_TYPE);
	ck_assert_int_eq(store(text, sizeof(text) - 1, 1 << 20, &out), EV_ERR_TYPE);
	ck_assert_int_eq(store(late, sizeof(late) - 1, 1 << 20, &out), EV_ERR_TYPE);
	assert_nothing_left();
}
END_TEST

START_TEST(evidence_refuses_empty_file)
{
	struct evidence_writer	*w;
	struct evidence_info	 out;
	char			 err[256];

	ck_assert_ptr_nonnull(w = evidence_begin(st, 1 << 20, err, sizeof(err)));
	ck_assert_int_eq(count_in("tmp"), 1);
	ck_assert_int_eq(evidence_write(w, "", 0), EV_OK);
	ck_assert_int_eq(evidence_commit(w, &out), EV_ERR_EMPTY);
	assert_nothing_left();
}
END_TEST

START_TEST(evidence_refuses_more_than_max_during_write)
{
	struct evidence_writer	*w;
	struct evidence_info	 out;
	char			 err[256];
	size_t			 n = sizeof(pdf) - 1;

	/* Exactly the limit is allowed. */
	ck_assert_int_eq(store(pdf, n, n, &out), EV_OK);
	ck_assert_int_eq(evidence_remove(st, out.storage_name), 0);

	ck_assert_ptr_nonnull(w = evidence_begin(st, n - 1, err, sizeof(err)));
	ck_assert_int_eq(evidence_write(w, pdf, n - 2), EV_OK);
	ck_assert_int_eq(evidence_write(w, pdf + n - 2, 2), EV_ERR_TOO_LARGE);
	/* Refused at once: the temp file is already gone, and the error sticks. */
	assert_nothing_left();
	ck_assert_int_eq(evidence_write(w, "", 0), EV_ERR_TOO_LARGE);
	ck_assert_int_eq(evidence_commit(w, &out), EV_ERR_TOO_LARGE);
	assert_nothing_left();

	ck_assert_ptr_nonnull(w = evidence_begin(st, 0, err, sizeof(err)));
	ck_assert_int_eq(evidence_write(w, "%", 1), EV_ERR_TOO_LARGE);
	evidence_abort(w);
	assert_nothing_left();
}
END_TEST

START_TEST(evidence_same_bytes_twice_are_stored_once)
{
	struct evidence_info	 a, b;
	struct timespec		 old[2];
	struct stat		 sb;
	char			 path[256];

	ck_assert_int_eq(store(pdf, sizeof(pdf) - 1, 1 << 20, &a), EV_OK);
	/* Reuse refreshes the object's mtime (the orphan check's grace period). */
	ck_assert_int_eq(evidence_path(st, a.storage_name, path, sizeof(path)), 0);
	old[0].tv_sec = old[1].tv_sec = time(NULL) - 7200;
	old[0].tv_nsec = old[1].tv_nsec = 0;
	ck_assert_int_eq(utimensat(AT_FDCWD, path, old, 0), 0);
	ck_assert_int_eq(store(pdf, sizeof(pdf) - 1, 1 << 20, &b), EV_OK);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_ge(sb.st_mtime, time(NULL) - 60);
	ck_assert_int_eq(a.is_new, 1);
	ck_assert_int_eq(b.is_new, 0);
	ck_assert_str_eq(a.storage_name, b.storage_name);
	assert_stored(&b, pdf, sizeof(pdf) - 1, "application/pdf");
	ck_assert_int_eq(count_in("objects"), 1);
}
END_TEST

START_TEST(evidence_damaged_object_is_not_reused)
{
	struct evidence_info	 a;
	char			 path[256];

	ck_assert_int_eq(store(png, sizeof(png), 1 << 20, &a), EV_OK);
	ck_assert_int_eq(evidence_path(st, a.storage_name, path, sizeof(path)), 0);
	ck_assert_int_eq(truncate(path, 3), 0);
	ck_assert_int_eq(store(png, sizeof(png), 1 << 20, &a), EV_ERR_IO);
	ck_assert_int_eq(count_in("tmp"), 0);
	ck_assert_int_eq(count_in("objects"), 1);
}
END_TEST

START_TEST(evidence_path_refuses_names_outside_the_store)
{
	static const char	 hex[] =
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	char			 good[EV_STORAGE_NAME_LEN + 1], bad[128], out[256];
	char			 want[256];

	snprintf(good, sizeof(good), "objects/01/%s", hex);
	ck_assert_int_eq(evidence_path(st, good, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "%s/%s", root, good);
	ck_assert_str_eq(out, want);
	/* Too small an output buffer is refused, not truncated. */
	ck_assert_int_eq(evidence_path(st, good, out, strlen(want)), -1);

	ck_assert_int_eq(evidence_path(st, "../x", out, sizeof(out)), -1);
	ck_assert_int_eq(evidence_path(st, "/etc/passwd", out, sizeof(out)), -1);
	ck_assert_int_eq(evidence_path(st, "", out, sizeof(out)), -1);
	ck_assert_int_eq(evidence_path(st, NULL, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "/objects/01/%s", hex);
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "objects/01/%.63s", hex);
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "objects/01/%s0", hex);
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "objects/01/%.62s..", hex);
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "objects/01/%.63sG", hex);
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "objects/01/%.63sA", hex);	/* upper case */
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "objects/02/%s", hex);	/* wrong fan-out */
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "objects/../%s", hex);
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
	snprintf(bad, sizeof(bad), "tmp/01/%s", hex);
	ck_assert_int_eq(evidence_path(st, bad, out, sizeof(out)), -1);
}
END_TEST

START_TEST(evidence_abort_leaves_nothing)
{
	struct evidence_writer	*w;
	char			 err[256];

	ck_assert_ptr_nonnull(w = evidence_begin(st, 1 << 20, err, sizeof(err)));
	ck_assert_int_eq(evidence_write(w, pdf, sizeof(pdf) - 1), EV_OK);
	ck_assert_int_eq(count_in("tmp"), 1);
	evidence_abort(w);
	assert_nothing_left();
	evidence_abort(NULL);
}
END_TEST

START_TEST(evidence_begin_never_follows_a_planted_symlink)
{
	struct evidence_writer	*w;
	struct stat		 sb;
	char			 victim[256], planted[256], err[256];
	int			 fd;

	snprintf(victim, sizeof(victim), "%s/victim", root);
	ck_assert_int_ge(fd = open(victim, O_WRONLY | O_CREAT | O_EXCL, 0600), 0);
	ck_assert_int_eq(write(fd, "keep", 4), 4);
	close(fd);
	evidence_set_tmp_name_for_test(st, "ev-planted");
	snprintf(planted, sizeof(planted), "%s/tmp/ev-planted", root);

	/* A symlink at the name: not followed, the victim is untouched. */
	ck_assert_int_eq(symlink(victim, planted), 0);
	ck_assert_ptr_null(evidence_begin(st, 1 << 20, err, sizeof(err)));
	ck_assert_int_eq(lstat(planted, &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	ck_assert_int_eq(stat(victim, &sb), 0);
	ck_assert_int_eq(sb.st_size, 4);

	/* A dangling symlink (to where an attacker wants a file created) too. */
	ck_assert_int_eq(unlink(planted), 0);
	snprintf(victim, sizeof(victim), "%s/created", root);
	ck_assert_int_eq(symlink(victim, planted), 0);
	ck_assert_ptr_null(evidence_begin(st, 1 << 20, err, sizeof(err)));
	ck_assert_int_eq(lstat(victim, &sb), -1);

	/* A regular file at the name is not reopened either. */
	ck_assert_int_eq(unlink(planted), 0);
	ck_assert_int_ge(fd = open(planted, O_WRONLY | O_CREAT | O_EXCL, 0600), 0);
	ck_assert_int_eq(write(fd, "mine", 4), 4);
	close(fd);
	ck_assert_ptr_null(evidence_begin(st, 1 << 20, err, sizeof(err)));
	ck_assert_int_eq(lstat(planted, &sb), 0);
	ck_assert_int_eq(sb.st_size, 4);
	ck_assert_int_eq(unlink(planted), 0);

	/* With the name free the hook works, and random names come back. */
	ck_assert_ptr_nonnull(w = evidence_begin(st, 1 << 20, err, sizeof(err)));
	ck_assert_int_eq(lstat(planted, &sb), 0);
	evidence_abort(w);
	ck_assert_int_eq(lstat(planted, &sb), -1);
	evidence_set_tmp_name_for_test(st, NULL);
	ck_assert_ptr_nonnull(w = evidence_begin(st, 1 << 20, err, sizeof(err)));
	evidence_abort(w);
	ck_assert_int_eq(count_in("tmp"), 0);
}
END_TEST

START_TEST(evidence_file_size_limit_is_no_space)
{
	static char		 big[4096];
	pid_t			 pid;
	int			 status;

	/*
	 * A full disk cannot be made here, so a file size limit stands in for it:
	 * with SIGXFSZ ignored, writing past RLIMIT_FSIZE fails with EFBIG, which
	 * the store treats like ENOSPC and EDQUOT.  The limit is set in a child so
	 * that it does not outlive the test.
	 */
	memcpy(big, pdf, sizeof(pdf) - 1);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit		 rl = { 1024, 1024 };
		struct evidence_writer	*w;
		struct evidence_info	 out;
		char			 err[256];
		enum ev_err		 a, b;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) == -1)
			_exit(10);
		if ((w = evidence_begin(st, 1 << 20, err, sizeof(err))) == NULL)
			_exit(11);
		a = evidence_write(w, big, sizeof(big));
		b = evidence_commit(w, &out);
		_exit(a == EV_ERR_NO_SPACE && b == EV_ERR_NO_SPACE ? 0 : 12);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	assert_nothing_left();
}
END_TEST

struct seen {
	int	 objects, temps, strays;
	char	 temp[256];
};

static int
note(void *arg, enum ev_entry kind, const char *name, const struct stat *sb)
{
	struct seen	*s = arg;

	(void)sb;
	if (kind == EV_ENTRY_OBJECT)
		s->objects++;
	else if (kind == EV_ENTRY_TEMP) {
		s->temps++;
		snprintf(s->temp, sizeof(s->temp), "%s", name);
	} else
		s->strays++;
	return 0;
}

static int
stop_at_first(void *arg, enum ev_entry kind, const char *name, const struct stat *sb)
{
	(void)arg;
	(void)kind;
	(void)name;
	(void)sb;
	return 7;
}

START_TEST(evidence_lists_objects_old_temps_and_strays)
{
	struct evidence_writer	*w;
	struct evidence_info	 out;
	struct seen		 s;
	struct timespec		 old[2];
	char			 err[256], path[512];
	DIR			*d;
	struct dirent		*de;
	int			 fd;

	ck_assert_int_eq(store(pdf, sizeof(pdf) - 1, 1 << 20, &out), EV_OK);
	ck_assert_int_eq(store(png, sizeof(png), 1 << 20, &out), EV_OK);
	/* An upload in progress is young: not reported. */
	ck_assert_ptr_nonnull(w = evidence_begin(st, 1 << 20, err, sizeof(err)));
	ck_assert_int_eq(evidence_write(w, png, sizeof(png)), EV_OK);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(evidence_list_orphans(st, 3600, note, &s), 0);
	ck_assert_int_eq(s.objects, 2);
	ck_assert_int_eq(s.temps, 0);
	ck_assert_int_eq(s.strays, 0);

	/* Two hours later it is what a killed worker left. */
	snprintf(path, sizeof(path), "%s/tmp", root);
	ck_assert_ptr_nonnull(d = opendir(path));
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "ev-", 3) == 0)
			break;
	ck_assert_ptr_nonnull(de);
	old[0].tv_sec = old[1].tv_sec = time(NULL) - 7200;
	old[0].tv_nsec = old[1].tv_nsec = 0;
	ck_assert_int_eq(utimensat(dirfd(d), de->d_name, old, 0), 0);
	closedir(d);
	snprintf(path, sizeof(path), "%s/objects/junk", root);
	ck_assert_int_ge(fd = open(path, O_WRONLY | O_CREAT, 0600), 0);
	close(fd);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(evidence_list_orphans(st, 3600, note, &s), 0);
	ck_assert_int_eq(s.objects, 2);
	ck_assert_int_eq(s.temps, 1);
	ck_assert_int_eq(s.strays, 1);
	ck_assert_int_eq(strncmp(s.temp, "tmp/ev-", 7), 0);

	/* A non-zero return stops the walk and is returned. */
	ck_assert_int_eq(evidence_list_orphans(st, 3600, stop_at_first, NULL), 7);

	/* The cleaner removes what it was told about, and nothing else. */
	ck_assert_int_eq(evidence_remove(st, s.temp), 0);
	ck_assert_int_eq(evidence_remove(st, out.storage_name), 0);
	ck_assert_int_eq(evidence_remove(st, "objects/junk"), -1);
	ck_assert_int_eq(evidence_remove(st, "tmp/../objects/junk"), -1);
	ck_assert_int_eq(evidence_remove(st, "../victim"), -1);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(evidence_list_orphans(st, 0, note, &s), 0);
	ck_assert_int_eq(s.objects, 1);
	ck_assert_int_eq(s.temps, 0);
	evidence_abort(w);
}
END_TEST

START_TEST(evidence_messages_are_persian)
{
	int	 e;

	for (e = 0; e < EV_ERR__MAX; e++) {
		ck_assert_ptr_nonnull(ev_err_message(e));
		/* Every message starts with an Arabic-script letter (U+06xx). */
		ck_assert_int_eq((unsigned char)ev_err_message(e)[0] & 0xfe, 0xd8);
	}
	ck_assert_ptr_nonnull(ev_err_message(EV_ERR__MAX));
	ck_assert_ptr_nonnull(ev_err_message(-1));
	ck_assert_str_ne(ev_err_message(EV_ERR_NO_SPACE), ev_err_message(EV_ERR_IO));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("evidence");
	TCase	*tc = tcase_create("core");
	int	 rc;

	snprintf(base, sizeof(base), "/tmp/geps-evidence-XXXXXX");
	if (mkdtemp(base) == NULL) {
		perror("mkdtemp");
		return 1;
	}

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, evidence_open_creates_private_directories);
	tcase_add_test(tc, evidence_open_refuses_symlinks_and_world_writable_dirs);
	tcase_add_test(tc, evidence_stores_pdf_under_its_sha256);
	tcase_add_test(tc, evidence_stores_jpeg_and_png);
	tcase_add_test(tc, evidence_refuses_windows_executable);
	tcase_add_test(tc, evidence_refuses_html_zip_and_text);
	tcase_add_test(tc, evidence_refuses_empty_file);
	tcase_add_test(tc, evidence_refuses_more_than_max_during_write);
	tcase_add_test(tc, evidence_same_bytes_twice_are_stored_once);
	tcase_add_test(tc, evidence_damaged_object_is_not_reused);
	tcase_add_test(tc, evidence_path_refuses_names_outside_the_store);
	tcase_add_test(tc, evidence_abort_leaves_nothing);
	tcase_add_test(tc, evidence_begin_never_follows_a_planted_symlink);
	tcase_add_test(tc, evidence_file_size_limit_is_no_space);
	tcase_add_test(tc, evidence_lists_objects_old_temps_and_strays);
	tcase_add_test(tc, evidence_messages_are_persian);
	suite_add_tcase(s, tc);
	rc = check_run(s);
	nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}
