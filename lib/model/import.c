/*
 * The registry import and staff creation of import.h.
 *
 * An import runs in three steps.  First the whole file is read and every row
 * validated: its own fields, the reference data (provinces and cities, read once
 * and matched in memory on a folded key), duplicates inside the file, and what the
 * database already holds (a national ID of a staff account, a license number of
 * another office).  Every problem is listed and then nothing is written.  Second,
 * the one-time secrets of the accounts that will be created are hashed, outside
 * any transaction, since scrypt at the production cost takes half a second each
 * and a transaction must not hold its locks for minutes.  Third, one transaction
 * re-reads each account and office with FOR UPDATE, inserts what is missing,
 * updates only what differs (so updated_at moves only for real changes), queues
 * the random secrets in the outbox and appends the audit row.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "conf.h"
#include "crypto.h"
#include "csv.h"
#include "fa.h"
#include "password.h"
#include "utf8.h"
#include "model/import.h"
#include "model/outbox.h"
#include "model/stmts.h"

/* Where new users log in, named in the message that carries their secret. */
#ifndef GEPS_PORTAL_URL
#define GEPS_PORTAL_URL	"https://geps.cra.ir"
#endif

#define IMPORT_MAX_ROWS	200000
#define HASH_MAX	256
#define PROGRESS_EVERY	100

enum col {
	COL_OFFICE_CODE,
	COL_KIND,
	COL_LICENSE_NO,
	COL_PROVINCE,
	COL_CITY,
	COL_ADDRESS,
	COL_NATIONAL_ID,
	COL_FIRST_NAME,
	COL_LAST_NAME,
	COL_MOBILE,
	COL_EMAIL,
	COL__MAX
};

static const char *const col_names[COL__MAX] = {
	[COL_OFFICE_CODE] = "office_code",
	[COL_KIND] = "kind",
	[COL_LICENSE_NO] = "license_no",
	[COL_PROVINCE] = "province",
	[COL_CITY] = "city",
	[COL_ADDRESS] = "address",
	[COL_NATIONAL_ID] = "national_id",
	[COL_FIRST_NAME] = "first_name",
	[COL_LAST_NAME] = "last_name",
	[COL_MOBILE] = "mobile",
	[COL_EMAIL] = "email",
};

static const struct csv_limits csv_lim = {
	.max_fields = 64,	/* more than the columns, so a wrong count is named as such */
	.max_field = 2000,
	.max_record = 16384,
};

struct province {
	long long	 id;
	const char	*code;
	const char	*key;
};

struct city {
	long long	 id;
	long long	 province_id;
	const char	*code;
	int		 village;
	const char	*key;
};

struct refdata {
	struct province	*p;
	size_t		 np;
	struct city	*c;
	size_t		 nc;
};

/* A validated row; a field that failed validation is NULL (or 0). */
struct row {
	size_t		 line;
	const char	*code;
	const char	*kind;		/* "urban" | "rural_ict" */
	const char	*license_no;
	long long	 province_id;
	long long	 city_id;
	const char	*address;
	const char	*nid;
	const char	*first, *last, *mobile, *email;
	struct acct	*acct;
};

/* One account of the file: the first row of each national ID. */
struct acct {
	const struct row *row;
	long long	 id;		/* at validation: 0 when the account is new */
	char		*secret;	/* new accounts: the one-time secret and its hash */
	char		*hash;
};

/* ------------------------------------------------------------------------ */
/* Errors and field validators. */

static void
err_add(struct arena *a, struct import_errors *e, size_t line, const char *field,
    const char *reason)
{
	if (e->n == e->cap) {
		size_t	 ncap = e->cap ? e->cap * 2 : 32;

		e->v = arena_realloc(a, e->v, e->cap * sizeof(*e->v),
		    ncap * sizeof(*e->v));
		e->cap = ncap;
	}
	e->v[e->n].line = line;
	e->v[e->n].field = field;
	e->v[e->n].reason = reason;
	e->n++;
}

static int
err_cmp(const void *x, const void *y)
{
	const struct import_error *a = x, *b = y;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return 0;
}

static const char *
nid_reason(enum fa_nid_err e)
{
	switch (e) {
	case FA_NID_EMPTY:
		return "empty";
	case FA_NID_CHARS:
		return "not a national ID (only digits are allowed)";
	case FA_NID_LENGTH:
		return "a national ID has exactly 10 digits";
	case FA_NID_SAME_DIGITS:
		return "not a national ID (all digits the same)";
	case FA_NID_CHECKSUM:
		return "invalid national ID (the check digit does not match)";
	default:
		return "invalid national ID";
	}
}

/* One cleaned line with Persian, Arabic-Indic digits and ي/ك folded; NULL if not UTF-8. */
static char *
fold_line(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	char	*c;
	size_t	 clen;

	if ((c = utf8_clean_line(a, s, len, &clen)) == NULL)
		return NULL;
	return fa_normalize(a, c, clen, outlen);
}

/* The key places are matched on: folded, without spaces and ZWNJ. */
static char *
match_key(struct arena *a, const char *s, size_t len)
{
	char	*f, *k;
	size_t	 flen, i, n = 0;

	if ((f = fold_line(a, s, len, &flen)) == NULL)
		return NULL;
	k = arena_alloc(a, flen + 1);
	for (i = 0; i < flen; i++) {
		if (f[i] == ' ')
			continue;
		if (i + 2 < flen && (unsigned char)f[i] == 0xe2 &&
		    (unsigned char)f[i + 1] == 0x80 && (unsigned char)f[i + 2] == 0x8c) {
			i += 2;
			continue;
		}
		k[n++] = f[i];
	}
	k[n] = '\0';
	return k;
}

const char *
import_name(struct arena *a, const char *s, size_t len, const char **reason)
{
	char	*f;
	size_t	 flen;

	if ((f = fold_line(a, s, len, &flen)) == NULL) {
		*reason = "not valid UTF-8 text";
		return NULL;
	}
	if (flen == 0) {
		*reason = "empty";
		return NULL;
	}
	if (utf8_count(f, flen) > 100) {
		*reason = "longer than 100 characters";
		return NULL;
	}
	return f;
}

const char *
import_mobile(struct arena *a, const char *s, size_t len, const char **reason)
{
	char		 d[32], *out;
	const char	*c, *t;
	size_t		 clen, i, n = 0, k;
	int		 digit, plus = 0;

	*reason = "not a mobile number (09xxxxxxxxx)";
	if ((c = utf8_clean_line(a, s, len, &clen)) == NULL)
		return NULL;
	if (clen == 0) {
		*reason = "empty";
		return NULL;
	}
	for (i = 0; i < clen; i += k) {
		if ((k = fa_fold_digit((const unsigned char *)c + i, clen - i,
		    &digit)) > 0) {
			if (n == sizeof(d) - 1)
				return NULL;
			d[n++] = (char)('0' + digit);
			continue;
		}
		k = 1;
		if (c[i] == '+' && n == 0 && !plus)
			plus = 1;
		else if (c[i] == ' ' || c[i] == '-' || c[i] == '(' || c[i] == ')')
			continue;
		else if (clen - i >= 3 && memcmp(c + i, "\xe2\x80\x8c", 3) == 0)
			k = 3;
		else
			return NULL;
	}
	d[n] = '\0';
	/* International forms +98 9…, 0098 9…, 98 9…, and 9… without the leading 0. */
	if (plus)
		t = strncmp(d, "98", 2) == 0 ? d + 2 : NULL;
	else if (n == 14 && strncmp(d, "0098", 4) == 0)
		t = d + 4;
	else if (n == 12 && strncmp(d, "98", 2) == 0)
		t = d + 2;
	else if (n == 11 && strncmp(d, "09", 2) == 0)
		t = d + 1;
	else
		t = d;
	/* t is now the ten digits 9xxxxxxxxx. */
	if (t == NULL || strlen(t) != 10 || t[0] != '9')
		return NULL;
	out = arena_alloc(a, 12);
	out[0] = '0';
	memcpy(out + 1, t, 10);
	out[11] = '\0';
	return out;
}

static int
email_atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!#$%&'*+/=?^_`{|}~-.", c) != NULL;
}

const char *
import_email(struct arena *a, const char *s, size_t len, const char **reason)
{
	char	*e, *at, *lab;
	size_t	 elen, i, llen, nlabels = 0;
	int	 alpha_tld = 1;

	*reason = "not an email address (name@example.ir)";
	if ((e = fold_line(a, s, len, &elen)) == NULL)
		return NULL;
	if (elen == 0) {
		*reason = "empty";
		return NULL;
	}
	if (elen > 254) {
		*reason = "longer than 254 characters";
		return NULL;
	}
	if ((at = strchr(e, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return NULL;
	llen = (size_t)(at - e);
	if (llen == 0 || llen > 64 || e[0] == '.' || at[-1] == '.')
		return NULL;
	for (i = 0; i < llen; i++)
		if (!email_atext(e[i]) || (e[i] == '.' && e[i + 1] == '.'))
			return NULL;
	/* The domain: dot-separated labels of letters, digits and inner hyphens. */
	for (lab = at + 1;; ) {
		size_t	 n = strcspn(lab, ".");

		if (n == 0 || n > 63 || lab[0] == '-' || lab[n - 1] == '-')
			return NULL;
		alpha_tld = 1;
		for (i = 0; i < n; i++) {
			char	 c = lab[i];

			if (c >= 'A' && c <= 'Z')
				lab[i] = c = (char)(c - 'A' + 'a');
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c == '-'))
				return NULL;
			if (!(c >= 'a' && c <= 'z'))
				alpha_tld = 0;
		}
		nlabels++;
		if (lab[n] == '\0')
			break;
		lab += n + 1;
	}
	if (nlabels < 2 || !alpha_tld)
		return NULL;
	return e;
}

/* office_code: [0-9A-Za-z-]{3,16} once digits are folded. */
static const char *
valid_code(struct arena *a, const char *s, size_t len, const char **reason)
{
	char	*f;
	size_t	 flen, i;

	*reason = "3 to 16 letters A-Z, digits or '-'";
	if ((f = fold_line(a, s, len, &flen)) == NULL)
		return NULL;
	if (flen == 0) {
		*reason = "empty";
		return NULL;
	}
	if (flen < 3 || flen > 16)
		return NULL;
	for (i = 0; i < flen; i++)
		if (!((f[i] >= '0' && f[i] <= '9') || (f[i] >= 'A' && f[i] <= 'Z') ||
		    (f[i] >= 'a' && f[i] <= 'z') || f[i] == '-'))
			return NULL;
	return f;
}

/* license_no: 1..32 printable ASCII characters, no spaces, once digits are folded. */
static const char *
valid_license(struct arena *a, const char *s, size_t len, const char **reason)
{
	char	*f;
	size_t	 flen, i;

	*reason = "only ASCII letters, digits and punctuation, at most 32";
	if ((f = fold_line(a, s, len, &flen)) == NULL)
		return NULL;
	if (flen == 0) {
		*reason = "empty";
		return NULL;
	}
	if (flen > 32)
		return NULL;
	for (i = 0; i < flen; i++)
		if ((unsigned char)f[i] <= 0x20 || (unsigned char)f[i] >= 0x7f)
			return NULL;
	return f;
}

static const char *
valid_kind(struct arena *a, const char *s, size_t len, const char **reason)
{
	char	*f;
	size_t	 flen, i;

	*reason = "must be urban or rural_ict (شهری or روستایی)";
	if ((f = fold_line(a, s, len, &flen)) == NULL)
		return NULL;
	for (i = 0; i < flen; i++)
		if (f[i] >= 'A' && f[i] <= 'Z')
			f[i] = (char)(f[i] - 'A' + 'a');
	if (strcmp(f, "urban") == 0 || strcmp(f, "شهری") == 0)
		return "urban";
	if (strcmp(f, "rural_ict") == 0 || strcmp(f, "روستایی") == 0 ||
	    strcmp(f, "روستائی") == 0)
		return "rural_ict";
	return NULL;
}

/* address: one line, 1..500 characters, letters folded and digits written in Persian. */
static const char *
valid_address(struct arena *a, const char *s, size_t len, const char **reason)
{
	char		*f;
	size_t		 flen;
	struct buf	 b;

	if ((f = fold_line(a, s, len, &flen)) == NULL) {
		*reason = "not valid UTF-8 text";
		return NULL;
	}
	if (flen == 0) {
		*reason = "empty";
		return NULL;
	}
	if (utf8_count(f, flen) > 500) {
		*reason = "longer than 500 characters";
		return NULL;
	}
	buf_init(&b, a);
	fa_put_digits(&b, f);
	return buf_cstr(&b);
}

/* ------------------------------------------------------------------------ */
/* Reference data. */

static int
city_cmp(const void *x, const void *y)
{
	const struct city *a = x, *b = y;
	int	 c;

	if (a->province_id != b->province_id)
		return a->province_id < b->province_id ? -1 : 1;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static enum db_err
ref_load(struct db *db, struct arena *a, struct refdata *r)
{
	struct db_val	 c[5];
	enum db_err	 rc;
	size_t		 cap;
	int		 n;

	memset(r, 0, sizeof(*r));
	if ((rc = db_exec(db, STMT_IMPORT_PROVINCES, NULL)) != DB_OK)
		return rc;
	cap = 64;
	r->p = arena_calloc(a, cap, sizeof(*r->p));
	while ((n = db_fetch(db, STMT_IMPORT_PROVINCES, a, c)) == 1) {
		if (r->np == cap) {
			r->p = arena_realloc(a, r->p, cap * sizeof(*r->p),
			    2 * cap * sizeof(*r->p));
			cap *= 2;
		}
		r->p[r->np].id = c[0].i;
		r->p[r->np].code = c[1].s;
		r->p[r->np].key = match_key(a, c[2].s, c[2].len);
		r->np++;
	}
	if (n < 0)
		return DB_ERROR;
	if ((rc = db_exec(db, STMT_IMPORT_CITIES, NULL)) != DB_OK)
		return rc;
	cap = 1024;
	r->c = arena_calloc(a, cap, sizeof(*r->c));
	while ((n = db_fetch(db, STMT_IMPORT_CITIES, a, c)) == 1) {
		if (r->nc == cap) {
			r->c = arena_realloc(a, r->c, cap * sizeof(*r->c),
			    2 * cap * sizeof(*r->c));
			cap *= 2;
		}
		r->c[r->nc].id = c[0].i;
		r->c[r->nc].province_id = c[1].i;
		r->c[r->nc].code = c[2].s;
		r->c[r->nc].village = strcmp(c[3].s, "village") == 0;
		r->c[r->nc].key = match_key(a, c[4].s, c[4].len);
		if (r->c[r->nc].key != NULL)
			r->nc++;
	}
	if (n < 0)
		return DB_ERROR;
	qsort(r->c, r->nc, sizeof(*r->c), city_cmp);
	return DB_OK;
}

/* A province by name or by ISO code (IR-23); NULL if none. */
static const struct province *
ref_province(struct arena *a, const struct refdata *r, const char *s, size_t len)
{
	char	*key;
	size_t	 i;

	if ((key = match_key(a, s, len)) == NULL)
		return NULL;
	for (i = 0; key[i] != '\0'; i++)
		if (key[i] >= 'a' && key[i] <= 'z')
			key[i] = (char)(key[i] - 'a' + 'A');
	for (i = 0; i < r->np; i++)
		if (strcmp(r->p[i].code, key) == 0)
			return &r->p[i];
	if ((key = match_key(a, s, len)) == NULL)
		return NULL;
	for (i = 0; i < r->np; i++)
		if (r->p[i].key != NULL && strcmp(r->p[i].key, key) == 0)
			return &r->p[i];
	return NULL;
}

/*
 * The city or village of province p by name or code.  Two places of one name in a
 * province (villages often share names) are told apart by the office's kind; if
 * that is not enough, the row must give the code.  *reason says why on NULL.
 */
static const struct city *
ref_city(struct arena *a, const struct refdata *r, const struct province *p,
    const char *kind, const char *s, size_t len, const char **reason)
{
	struct city	 probe;
	const struct city *lo, *hit = NULL;
	char		*key;
	size_t		 i, lo_i, hi_i, nmatch = 0, nkind = 0;

	*reason = "no such city or village in this province";
	if ((key = match_key(a, s, len)) == NULL) {
		*reason = "not valid UTF-8 text";
		return NULL;
	}
	if (*key == '\0') {
		*reason = "empty";
		return NULL;
	}
	for (i = 0; i < r->nc; i++) {
		if (strcasecmp(r->c[i].code, key) == 0) {
			if (r->c[i].province_id != p->id) {
				*reason = "this city code belongs to another province";
				return NULL;
			}
			return &r->c[i];
		}
	}
	/* Binary search for the first (province, key), then a scan of the run. */
	probe.province_id = p->id;
	probe.key = key;
	probe.id = -1;
	lo_i = 0;
	hi_i = r->nc;
	while (lo_i < hi_i) {
		size_t	 mid = lo_i + (hi_i - lo_i) / 2;

		if (city_cmp(&r->c[mid], &probe) < 0)
			lo_i = mid + 1;
		else
			hi_i = mid;
	}
	for (i = lo_i; i < r->nc && r->c[i].province_id == p->id &&
	    strcmp(r->c[i].key, key) == 0; i++) {
		lo = &r->c[i];
		nmatch++;
		if (kind == NULL || lo->village == (strcmp(kind, "rural_ict") == 0)) {
			nkind++;
			hit = lo;
		}
	}
	if (nmatch == 1)
		return &r->c[lo_i];
	if (nmatch > 1 && nkind == 1)
		return hit;
	if (nmatch > 1)
		*reason = "several places of this name in the province: give the city code "
		    "(e.g. IR-23-001) instead";
	return NULL;
}

/* ------------------------------------------------------------------------ */
/* Reading and validating the file. */

/* The column of each name in the header, or errors. */
static int
read_header(struct arena *a, const struct csv_record *h, int idx[COL__MAX],
    struct import_errors *errs)
{
	size_t	 i, k, flen;
	char	*f;
	int	 col, bad = 0;

	for (k = 0; k < COL__MAX; k++)
		idx[k] = -1;
	for (i = 0; i < h->n; i++) {
		if ((f = fold_line(a, h->v[i].s, h->v[i].len, &flen)) == NULL)
			f = "";
		for (k = 0; k < flen; k++)
			if (f[k] >= 'A' && f[k] <= 'Z')
				f[k] = (char)(f[k] - 'A' + 'a');
		for (col = 0; col < COL__MAX; col++)
			if (strcmp(f, col_names[col]) == 0)
				break;
		if (col == COL__MAX) {
			err_add(a, errs, h->line, "header", arena_printf(a,
			    "unknown column \"%s\" (expected: office_code, kind, license_no, "
			    "province, city, address, national_id, first_name, last_name, "
			    "mobile, email)", f));
			bad = 1;
		} else if (idx[col] >= 0) {
			err_add(a, errs, h->line, "header", arena_printf(a,
			    "column \"%s\" appears twice", f));
			bad = 1;
		} else
			idx[col] = (int)i;
	}
	for (col = 0; col < COL__MAX; col++)
		if (idx[col] < 0) {
			err_add(a, errs, h->line, "header", arena_printf(a,
			    "column \"%s\" is missing", col_names[col]));
			bad = 1;
		}
	return bad ? -1 : 0;
}

/* Validates one record into *w; each bad field is one error. */
static void
read_row(struct arena *a, const struct refdata *ref, const struct csv_record *rec,
    const int idx[COL__MAX], struct row *w, struct import_errors *errs)
{
	const struct csv_field *f[COL__MAX];
	const struct province *p;
	const struct city *c;
	const char	*why, *ce;
	char		 nid[11];
	enum fa_nid_err	 ne;
	int		 k;

	memset(w, 0, sizeof(*w));
	w->line = rec->line;
	for (k = 0; k < COL__MAX; k++)
		f[k] = &rec->v[idx[k]];
#define FIELD(col, var, fn) do {						\
	if ((w->var = fn(a, f[col]->s, f[col]->len, &why)) == NULL)		\
		err_add(a, errs, w->line, col_names[col], why);			\
} while (0)
	FIELD(COL_OFFICE_CODE, code, valid_code);
	FIELD(COL_KIND, kind, valid_kind);
	FIELD(COL_LICENSE_NO, license_no, valid_license);
	FIELD(COL_ADDRESS, address, valid_address);
	FIELD(COL_FIRST_NAME, first, import_name);
	FIELD(COL_LAST_NAME, last, import_name);
	FIELD(COL_MOBILE, mobile, import_mobile);
#undef FIELD
	if ((ne = fa_national_id_parse(f[COL_NATIONAL_ID]->s, f[COL_NATIONAL_ID]->len,
	    nid)) == FA_NID_OK)
		w->nid = arena_strdup(a, nid);
	else
		err_add(a, errs, w->line, "national_id", nid_reason(ne));
	/* email is optional: an empty value keeps what the account has on file. */
	w->email = "";
	ce = utf8_clean_line(a, f[COL_EMAIL]->s, f[COL_EMAIL]->len, NULL);
	if (ce == NULL || *ce != '\0') {
		if ((w->email = import_email(a, f[COL_EMAIL]->s, f[COL_EMAIL]->len,
		    &why)) == NULL)
			err_add(a, errs, w->line, "email", why);
	}
	if ((p = ref_province(a, ref, f[COL_PROVINCE]->s, f[COL_PROVINCE]->len)) ==
	    NULL) {
		err_add(a, errs, w->line, "province", f[COL_PROVINCE]->len == 0 ?
		    "empty" : "no such province (give its Persian name or its code, "
		    "e.g. IR-23)");
		return;
	}
	w->province_id = p->id;
	if ((c = ref_city(a, ref, p, w->kind, f[COL_CITY]->s, f[COL_CITY]->len,
	    &why)) == NULL)
		err_add(a, errs, w->line, "city", why);
	else
		w->city_id = c->id;
}

static int
sort_code(const void *x, const void *y)
{
	const struct row *a = *(const struct row *const *)x;
	const struct row *b = *(const struct row *const *)y;
	int	 c = strcmp(a->code ? a->code : "", b->code ? b->code : "");

	return c ? c : (a->line < b->line ? -1 : a->line > b->line);
}

static int
sort_license(const void *x, const void *y)
{
	const struct row *a = *(const struct row *const *)x;
	const struct row *b = *(const struct row *const *)y;
	int	 c = strcmp(a->license_no ? a->license_no : "",
	    b->license_no ? b->license_no : "");

	return c ? c : (a->line < b->line ? -1 : a->line > b->line);
}

static int
sort_nid(const void *x, const void *y)
{
	const struct row *a = *(const struct row *const *)x;
	const struct row *b = *(const struct row *const *)y;
	int	 c = strcmp(a->nid ? a->nid : "", b->nid ? b->nid : "");

	return c ? c : (a->line < b->line ? -1 : a->line > b->line);
}

static int
str_differs(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) != 0;
}

/*
 * Duplicates inside the file: an office code or license number twice is an
 * error; a national ID on several rows is one account, whose details must then
 * agree.  Builds the account list (first row of each national ID) into *accts.
 */
static void
check_duplicates(struct arena *a, struct row *rows, size_t n, struct acct **accts,
    size_t *nacct, struct import_errors *errs)
{
	struct row	**s = arena_calloc(a, n ? n : 1, sizeof(*s));
	struct row	 *first;
	size_t		  i;

	for (i = 0; i < n; i++)
		s[i] = &rows[i];
	qsort(s, n, sizeof(*s), sort_code);
	for (i = 1; i < n; i++)
		if (s[i]->code != NULL && s[i - 1]->code != NULL &&
		    strcmp(s[i]->code, s[i - 1]->code) == 0)
			err_add(a, errs, s[i]->line, "office_code", arena_printf(a,
			    "office %s already appears on line %zu", s[i]->code,
			    s[i - 1]->line));
	qsort(s, n, sizeof(*s), sort_license);
	for (i = 1; i < n; i++)
		if (s[i]->license_no != NULL && s[i - 1]->license_no != NULL &&
		    strcmp(s[i]->license_no, s[i - 1]->license_no) == 0)
			err_add(a, errs, s[i]->line, "license_no", arena_printf(a,
			    "license number %s already appears on line %zu",
			    s[i]->license_no, s[i - 1]->line));
	qsort(s, n, sizeof(*s), sort_nid);
	*accts = arena_calloc(a, n ? n : 1, sizeof(**accts));
	*nacct = 0;
	first = NULL;
	for (i = 0; i < n; i++) {
		if (s[i]->nid == NULL)
			continue;
		if (first == NULL || strcmp(first->nid, s[i]->nid) != 0) {
			first = s[i];
			(*accts)[*nacct].row = first;
			first->acct = &(*accts)[(*nacct)++];
			continue;
		}
		s[i]->acct = first->acct;
#define AGREE(var, name)							\
		if (str_differs(first->var, s[i]->var))				\
			err_add(a, errs, s[i]->line, name, arena_printf(a,	\
			    "differs from line %zu, which has the same national ID", \
			    first->line));
		AGREE(first, "first_name");
		AGREE(last, "last_name");
		AGREE(mobile, "mobile");
		AGREE(email, "email");
#undef AGREE
	}
}

/* One row of a SELECT by a text key: 1 found, 0 not, -1 error. */
static int
fetch_one(struct db *db, int stmt, struct arena *a, const char *key,
    struct db_val *cols)
{
	struct db_val	 p = db_text(key);
	int		 n;

	if (db_exec(db, stmt, &p) != DB_OK)
		return -1;
	if ((n = db_fetch(db, stmt, a, cols)) == 1)
		db_done(db, stmt);
	return n;
}

static int
row_code_in_file(struct row *rows, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (rows[i].code != NULL && strcmp(rows[i].code, code) == 0)
			return 1;
	return 0;
}

/* What the database already holds that the file may not contradict. */
static int
check_database(struct db *db, struct arena *a, struct row *rows, size_t n,
    struct acct *accts, size_t nacct, struct import_errors *errs)
{
	struct db_val	 c[7];
	size_t		 i;
	int		 k;

	for (i = 0; i < nacct; i++) {
		if ((k = fetch_one(db, STMT_IMPORT_USER_GET, a, accts[i].row->nid, c)) < 0)
			return -1;
		if (k == 0)
			continue;
		accts[i].id = c[0].i;
		if (strcmp(c[1].s, "licensee") != 0)
			err_add(a, errs, accts[i].row->line, "national_id", arena_printf(a,
			    "belongs to a %s account, which cannot hold offices", c[1].s));
	}
	for (i = 0; i < n; i++) {
		if (rows[i].license_no == NULL || rows[i].code == NULL)
			continue;
		if ((k = fetch_one(db, STMT_IMPORT_OFFICE_BY_LICENSE, a,
		    rows[i].license_no, c)) < 0)
			return -1;
		/*
		 * A license held by an office that this file also lists may be moving
		 * away from it; a true clash then fails the transaction as a duplicate.
		 */
		if (k == 1 && strcmp(c[0].s, rows[i].code) != 0 &&
		    !row_code_in_file(rows, n, c[0].s))
			err_add(a, errs, rows[i].line, "license_no", arena_printf(a,
			    "already held by office %s", c[0].s));
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Writing. */

static int
secret_is_random(const struct conf *conf)
{
	return conf->initial_password == NULL ||
	    strcmp(conf->initial_password, "random") == 0;
}

/* Makes the one-time secret of a new account and its hash. */
static enum import_status
make_secret(const struct conf *conf, struct arena *a, const char *nid,
    char **secret, char **hash)
{
	char	 h[HASH_MAX];

	if (password_initial(conf, nid, a, secret) != 0 || *secret == NULL)
		return IMPORT_CRYPTO;
	if (crypto_password_hash(*secret, strlen(*secret), (int)conf->scrypt_log_n,
	    h, sizeof(h)) != 0)
		return IMPORT_CRYPTO;
	*hash = arena_strdup(a, h);
	return IMPORT_OK;
}

/* Queues the message that carries a new account's secret. */
static enum db_err
send_secret(struct db *db, struct arena *a, enum outbox_channel ch,
    const char *to, long long user_id, const char *secret)
{
	const char	*body = arena_printf(a,
	    "سامانه ارزیابی دفاتر پیشخوان: حساب کاربری شما ساخته شد.\n"
	    "نام کاربری: کد ملی شما\n"
	    "رمز یک‌بار مصرف: %s\n"
	    "این رمز را در نخستین ورود عوض کنید.\n%s",
	    secret, GEPS_PORTAL_URL);

	return outbox_enqueue(db, ch, to, user_id, "initial_secret",
	    ch == OUTBOX_EMAIL ? "حساب کاربری سامانه ارزیابی دفاتر" : "", body);
}

static enum db_err
apply_account(const struct conf *conf, struct db *db, struct arena *a,
    struct acct *ac, struct import_counts *cnt)
{
	const struct row *r = ac->row;
	struct db_val	 c[6], p[9];
	enum db_err	 rc;
	int		 k;

	if ((k = fetch_one(db, STMT_IMPORT_USER_LOCK, a, r->nid, c)) < 0)
		return db_is_down(db) ? DB_DOWN : DB_ERROR;
	if (k == 1) {
		/* A staff account that appeared since validation: refuse. */
		if (strcmp(c[1].s, "licensee") != 0)
			return DB_DUP;
		ac->id = c[0].i;
		if (strcmp(c[2].s, r->first) == 0 && strcmp(c[3].s, r->last) == 0 &&
		    strcmp(c[4].s, r->mobile) == 0 &&
		    (*r->email == '\0' || strcmp(c[5].s, r->email) == 0)) {
			cnt->accounts_unchanged++;
			return DB_OK;
		}
		p[0] = db_text(r->first);
		p[1] = db_text(r->last);
		p[2] = db_text(r->mobile);
		p[3] = db_text(*r->email != '\0' ? r->email : c[5].s);
		p[4] = db_int(ac->id);
		if ((rc = db_exec(db, STMT_IMPORT_USER_UPDATE, p)) != DB_OK)
			return rc;
		cnt->accounts_updated++;
		return DB_OK;
	}
	/* Deleted since validation (or never seen): its secret is made now. */
	if (ac->hash == NULL &&
	    make_secret(conf, a, r->nid, &ac->secret, &ac->hash) != IMPORT_OK)
		return DB_ERROR;
	p[0] = db_text(r->nid);
	p[1] = db_text("licensee");
	p[2] = db_int(0);
	p[3] = db_text(r->first);
	p[4] = db_text(r->last);
	p[5] = db_text(r->mobile);
	p[6] = db_text(r->email);
	p[7] = db_text(ac->hash);
	p[8] = db_text(ac->hash);
	if ((rc = db_exec(db, STMT_IMPORT_USER_INSERT, p)) != DB_OK)
		return rc;
	ac->id = (long long)db_insert_id(db, STMT_IMPORT_USER_INSERT);
	cnt->accounts_created++;
	if (secret_is_random(conf) &&
	    (rc = send_secret(db, a, OUTBOX_SMS, r->mobile, ac->id, ac->secret)) != DB_OK)
		return rc;
	return DB_OK;
}

static enum db_err
apply_office(struct db *db, struct arena *a, const struct row *r,
    struct import_counts *cnt)
{
	struct db_val	 c[7], p[8];
	enum db_err	 rc;
	int		 k;

	if ((k = fetch_one(db, STMT_IMPORT_OFFICE_LOCK, a, r->code, c)) < 0)
		return db_is_down(db) ? DB_DOWN : DB_ERROR;
	if (k == 1 && strcmp(c[1].s, r->kind) == 0 &&
	    strcmp(c[2].s, r->license_no) == 0 && c[3].i == r->province_id &&
	    c[4].i == r->city_id && strcmp(c[5].s, r->address) == 0 &&
	    c[6].i == r->acct->id) {
		cnt->offices_unchanged++;
		return DB_OK;
	}
	if (k == 1) {
		p[0] = db_text(r->kind);
		p[1] = db_text(r->license_no);
		p[2] = db_int(r->province_id);
		p[3] = db_int(r->province_id);
		p[4] = db_int(r->city_id);
		p[5] = db_text(r->address);
		p[6] = db_int(r->acct->id);
		p[7] = db_int(c[0].i);
		if ((rc = db_exec(db, STMT_IMPORT_OFFICE_UPDATE, p)) != DB_OK)
			return rc;
		cnt->offices_updated++;
		return DB_OK;
	}
	p[0] = db_text(r->code);
	p[1] = db_text(r->kind);
	p[2] = db_text(r->license_no);
	p[3] = db_int(r->province_id);
	p[4] = db_int(r->province_id);
	p[5] = db_int(r->city_id);
	p[6] = db_text(r->address);
	p[7] = db_int(r->acct->id);
	if ((rc = db_exec(db, STMT_IMPORT_OFFICE_INSERT, p)) != DB_OK)
		return rc;
	cnt->offices_created++;
	return DB_OK;
}

/* The whole transaction; the caller retries it on DB_RETRY. */
static enum db_err
apply_all(const struct conf *conf, struct db *db, struct arena *a, struct row *rows,
    size_t n, struct acct *accts, size_t nacct, const char *sha256_hex,
    struct import_counts *cnt, import_progress_fn progress)
{
	struct audit_event	 ev;
	enum db_err		 rc;
	size_t			 i;

	memset(cnt, 0, sizeof(*cnt));
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	for (i = 0; i < nacct; i++)
		if ((rc = apply_account(conf, db, a, &accts[i], cnt)) != DB_OK)
			goto fail;
	for (i = 0; i < n; i++) {
		if ((rc = apply_office(db, a, &rows[i], cnt)) != DB_OK)
			goto fail;
		if (progress != NULL && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == n))
			progress("write", i + 1, n);
	}
	memset(&ev, 0, sizeof(ev));
	ev.actor_label = "cli";
	ev.action = "import.offices";
	ev.entity_type = "office";
	ev.new_json = arena_printf(a, "{\"file_sha256\":\"%s\",\"rows\":%zu,"
	    "\"offices_created\":%lld,\"offices_updated\":%lld,\"offices_unchanged\":%lld,"
	    "\"accounts_created\":%lld,\"accounts_updated\":%lld,"
	    "\"accounts_unchanged\":%lld}", sha256_hex, n,
	    cnt->offices_created, cnt->offices_updated, cnt->offices_unchanged,
	    cnt->accounts_created, cnt->accounts_updated, cnt->accounts_unchanged);
	if ((rc = audit_append(db, a, &ev)) != DB_OK)
		goto fail;
	if ((rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	if (db_in_txn(db))
		db_rollback(db);
	return rc;
}

static void
wipe_secrets(struct acct *accts, size_t nacct)
{
	size_t	 i;

	for (i = 0; i < nacct; i++)
		if (accts[i].secret != NULL)
			explicit_bzero(accts[i].secret, strlen(accts[i].secret));
}

enum import_status
import_offices(const struct conf *conf, struct db *db, struct arena *a,
    const char *data, size_t len, const char *sha256_hex,
    struct import_counts *counts, struct import_errors *errs,
    import_progress_fn progress)
{
	struct csv_reader	 rd;
	struct csv_record	 rec, hdr;
	struct refdata		 ref;
	struct row		*rows = NULL;
	struct acct		*accts = NULL;
	size_t			 n = 0, cap = 0, nacct = 0, i, k, nnew = 0, done = 0;
	enum import_status	 st = IMPORT_DB;
	enum csv_err		 ce;
	enum db_err		 rc = DB_OK;
	int			 idx[COL__MAX], attempt;

	memset(counts, 0, sizeof(*counts));
	memset(errs, 0, sizeof(*errs));
	if (ref_load(db, a, &ref) != DB_OK)
		return IMPORT_DB;

	csv_init(&rd, data, len, &csv_lim);
	if ((ce = csv_next(&rd, a, &hdr)) != CSV_OK || hdr.n == 0) {
		err_add(a, errs, ce != CSV_OK ? csv_error_line(&rd) : 1, "file",
		    ce != CSV_OK ? csv_err_message(ce) :
		    "empty file (a header row is required)");
		return IMPORT_INVALID;
	}
	if (read_header(a, &hdr, idx, errs) != 0)
		return IMPORT_INVALID;
	for (;;) {
		if ((ce = csv_next(&rd, a, &rec)) != CSV_OK) {
			err_add(a, errs, csv_error_line(&rd), "file", csv_err_message(ce));
			break;
		}
		if (rec.n == 0)
			break;
		/* Spreadsheets end files with rows of empty cells: skip them. */
		for (k = 0; k < rec.n && rec.v[k].len == 0; k++)
			;
		if (k == rec.n)
			continue;
		if (rec.n != hdr.n) {
			err_add(a, errs, rec.line, "record", arena_printf(a,
			    "has %zu fields, the header has %zu", rec.n, hdr.n));
			continue;
		}
		if (n == IMPORT_MAX_ROWS) {
			err_add(a, errs, rec.line, "file", "too many rows");
			break;
		}
		if (n == cap) {
			size_t	 ncap = cap ? cap * 2 : 256;

			rows = arena_realloc(a, rows, cap * sizeof(*rows),
			    ncap * sizeof(*rows));
			cap = ncap;
		}
		read_row(a, &ref, &rec, idx, &rows[n++], errs);
	}
	if (n == 0 && errs->n == 0)
		err_add(a, errs, hdr.line, "file", "no rows after the header");
	check_duplicates(a, rows, n, &accts, &nacct, errs);
	if (check_database(db, a, rows, n, accts, nacct, errs) != 0)
		return IMPORT_DB;
	if (errs->n > 0) {
		qsort(errs->v, errs->n, sizeof(*errs->v), err_cmp);
		return IMPORT_INVALID;
	}

	/* Hash the secrets of new accounts before the transaction (see the top). */
	for (i = 0; i < nacct; i++)
		nnew += accts[i].id == 0;
	for (i = 0; i < nacct; i++) {
		if (accts[i].id != 0)
			continue;
		if ((st = make_secret(conf, a, accts[i].row->nid, &accts[i].secret,
		    &accts[i].hash)) != IMPORT_OK)
			goto out;
		done++;
		if (progress != NULL && (done % PROGRESS_EVERY == 0 || done == nnew))
			progress("hash", done, nnew);
	}
	for (attempt = 0; attempt < 3; attempt++)
		if ((rc = apply_all(conf, db, a, rows, n, accts, nacct, sha256_hex,
		    counts, progress)) != DB_RETRY)
			break;
	if (rc == DB_DUP) {
		err_add(a, errs, 0, "file", "a national ID or license number was taken by "
		    "another account or office while importing; nothing was written");
		st = IMPORT_INVALID;
	} else
		st = rc == DB_OK ? IMPORT_OK : IMPORT_DB;
	if (st != IMPORT_OK)
		memset(counts, 0, sizeof(*counts));
out:
	wipe_secrets(accts, nacct);
	return st;
}

/* ------------------------------------------------------------------------ */
/* Staff accounts. */

enum import_status
staff_create(const struct conf *conf, struct db *db, struct arena *a,
    const struct staff_new *s, long long *user_id, struct import_errors *errs)
{
	static char		 random_kind[] = "random";
	struct conf		 rconf;
	struct audit_event	 ev;
	struct db_val		 c[6], p[9];
	const char		*first, *last, *mobile, *email = "", *why;
	char			 nid[11], *secret = NULL, *hash = NULL;
	enum fa_nid_err		 ne;
	enum import_status	 st = IMPORT_DB;
	enum db_err		 rc;
	int			 reviewer = 0, k;

	*user_id = 0;
	memset(errs, 0, sizeof(*errs));
	if (s->role != NULL && strcmp(s->role, "reviewer") == 0)
		reviewer = 1;
	else if (s->role == NULL || strcmp(s->role, "hq") != 0)
		err_add(a, errs, 0, "role", "must be reviewer or hq");
	if (reviewer && (s->region_id < 1 || s->region_id > 9))
		err_add(a, errs, 0, "region", "a reviewer needs a region 1..9");
	if (!reviewer && s->region_id != 0)
		err_add(a, errs, 0, "region", "only reviewers have a region");
	if ((ne = fa_national_id_parse(s->national_id ? s->national_id : "",
	    s->national_id ? strlen(s->national_id) : 0, nid)) != FA_NID_OK)
		err_add(a, errs, 0, "national-id", nid_reason(ne));
#define OPT(var, field, name, fn) do {					\
	const char *v_ = s->field ? s->field : "";				\
	if ((var = fn(a, v_, strlen(v_), &why)) == NULL)			\
		err_add(a, errs, 0, name, why);					\
} while (0)
	OPT(first, first_name, "first-name", import_name);
	OPT(last, last_name, "last-name", import_name);
	OPT(mobile, mobile, "mobile", import_mobile);
	if (s->email != NULL && *s->email != '\0')
		OPT(email, email, "email", import_email);
#undef OPT
	if (errs->n > 0)
		return IMPORT_INVALID;

	if (reviewer) {
		struct db_val	 rp = db_int(s->region_id);

		if (db_exec(db, STMT_IMPORT_REGION_EXISTS, &rp) != DB_OK ||
		    (k = db_fetch(db, STMT_IMPORT_REGION_EXISTS, a, c)) < 0)
			return IMPORT_DB;
		if (k == 1)
			db_done(db, STMT_IMPORT_REGION_EXISTS);
		else {
			err_add(a, errs, 0, "region", "no such region");
			return IMPORT_INVALID;
		}
	}
	if ((k = fetch_one(db, STMT_IMPORT_USER_GET, a, nid, c)) < 0)
		return IMPORT_DB;
	if (k == 1) {
		err_add(a, errs, 0, "national-id", "an account with this national ID exists");
		return IMPORT_INVALID;
	}

	/* Staff always get a random secret: the public conventions are for licensees. */
	rconf = *conf;
	rconf.initial_password = random_kind;
	if ((st = make_secret(&rconf, a, nid, &secret, &hash)) != IMPORT_OK)
		goto out;

	st = IMPORT_DB;
	if ((rc = db_begin(db)) != DB_OK)
		goto out;
	p[0] = db_text(nid);
	p[1] = db_text(reviewer ? "reviewer" : "hq");
	p[2] = db_int(reviewer ? s->region_id : 0);
	p[3] = db_text(first);
	p[4] = db_text(last);
	p[5] = db_text(mobile);
	p[6] = db_text(email);
	p[7] = db_text(hash);
	p[8] = db_text(hash);
	if ((rc = db_exec(db, STMT_IMPORT_USER_INSERT, p)) != DB_OK) {
		if (rc == DB_DUP) {
			err_add(a, errs, 0, "national-id",
			    "an account with this national ID exists");
			st = IMPORT_INVALID;
		}
		goto fail;
	}
	*user_id = (long long)db_insert_id(db, STMT_IMPORT_USER_INSERT);
	if (send_secret(db, a, OUTBOX_SMS, mobile, *user_id, secret) != DB_OK)
		goto fail;
	if (*email != '\0' &&
	    send_secret(db, a, OUTBOX_EMAIL, email, *user_id, secret) != DB_OK)
		goto fail;
	memset(&ev, 0, sizeof(ev));
	ev.actor_label = "cli";
	ev.action = "user.create";
	ev.entity_type = "user";
	ev.entity_id = *user_id;
	ev.new_json = reviewer ?
	    arena_printf(a, "{\"national_id\":\"%s\",\"role\":\"reviewer\","
	    "\"region_id\":%lld}", nid, s->region_id) :
	    arena_printf(a, "{\"national_id\":\"%s\",\"role\":\"hq\"}", nid);
	if (audit_append(db, a, &ev) != DB_OK)
		goto fail;
	if (db_commit(db) != DB_OK)
		goto fail;
	st = IMPORT_OK;
	goto out;
fail:
	if (db_in_txn(db))
		db_rollback(db);
	*user_id = 0;
out:
	if (secret != NULL)
		explicit_bzero(secret, strlen(secret));
	return st;
}
