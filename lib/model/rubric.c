/*
 * Loading a round's rubric (see rubric.h) and the number syntax of its criteria.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fa.h"
#include "model/rubric.h"
#include "model/stmts.h"

/* Grows *arr (of *n elements, capacity *cap) by one zeroed element. */
static void *
grow(struct arena *a, void **arr, size_t *n, size_t *cap, size_t size)
{
	char	*p;

	if (*n == *cap) {
		size_t ncap = *cap == 0 ? 16 : 2 * *cap;

		*arr = *arr == NULL ? arena_calloc(a, ncap, size) :
		    arena_realloc(a, *arr, *cap * size, ncap * size);
		memset((char *)*arr + *cap * size, 0, (ncap - *cap) * size);
		*cap = ncap;
	}
	p = (char *)*arr + (*n)++ * size;
	return p;
}

static enum crit_kind
kind_of(const char *s)
{
	return strcmp(s, "choice") == 0 ? CRIT_CHOICE :
	    strcmp(s, "yesno") == 0 ? CRIT_YESNO : CRIT_NUMBER;
}

static enum crit_filler
filler_of(const char *s)
{
	return strcmp(s, "reviewer") == 0 ? FILL_REVIEWER :
	    strcmp(s, "system") == 0 ? FILL_SYSTEM : FILL_LICENSEE;
}

static enum crit_prefill
prefill_of(const char *s)
{
	return strcmp(s, "office") == 0 ? PREFILL_OFFICE :
	    strcmp(s, "previous_round") == 0 ? PREFILL_PREVIOUS : PREFILL_NONE;
}

static enum db_err
load_sections(struct db *db, struct arena *a, struct rubric *rb)
{
	struct db_val	 p = db_int(rb->round_id), c[4];
	struct rubric_section *s;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 k;

	if ((rc = db_exec(db, STMT_RUBRIC_SECTIONS, &p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_RUBRIC_SECTIONS, a, c)) == 1) {
		s = grow(a, (void **)&rb->sections, &rb->nsections, &cap, sizeof(*s));
		s->id = c[0].i;
		s->code = c[1].s;
		s->title = c[2].s;
		s->help = c[3].s;
	}
	return k < 0 ? DB_ERROR : DB_OK;
}

static enum db_err
load_criteria(struct db *db, struct arena *a, struct rubric *rb)
{
	struct db_val	 p = db_int(rb->round_id), c[15];
	struct rubric_criterion *cr;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 k;

	if ((rc = db_exec(db, STMT_RUBRIC_CRITERIA, &p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_RUBRIC_CRITERIA, a, c)) == 1) {
		cr = grow(a, (void **)&rb->crits, &rb->ncrits, &cap, sizeof(*cr));
		cr->id = c[0].i;
		/* The section pointer is resolved once the array stops moving. */
		cr->section = (struct rubric_section *)(intptr_t)c[1].i;
		cr->code = c[2].s;
		cr->title = c[3].s;
		cr->help = c[4].s;
		cr->kind = kind_of(c[5].s);
		cr->unit = c[6].s;
		cr->decimals = (int)c[7].i;
		cr->has_min = (int)c[8].i;
		cr->min = c[9].i;
		cr->has_max = (int)c[10].i;
		cr->max = c[11].i;
		cr->required = (int)c[12].i;
		cr->filled_by = filler_of(c[13].s);
		cr->prefill = prefill_of(c[14].s);
	}
	return k < 0 ? DB_ERROR : DB_OK;
}

static enum db_err
load_options(struct db *db, struct arena *a, struct rubric *rb)
{
	struct db_val	 p = db_int(rb->round_id), c[9];
	struct rubric_option *o;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 k;

	if ((rc = db_exec(db, STMT_RUBRIC_OPTIONS, &p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_RUBRIC_OPTIONS, a, c)) == 1) {
		o = grow(a, (void **)&rb->opts, &rb->nopts, &cap, sizeof(*o));
		o->id = c[0].i;
		o->crit = (struct rubric_criterion *)(intptr_t)c[1].i;
		o->code = c[2].s;
		o->title = c[3].s;
		o->has_lower = (int)c[4].i;
		o->lower = c[5].i;
		o->has_upper = (int)c[6].i;
		o->upper = c[7].i;
		o->points_x100 = (int)c[8].i;
	}
	return k < 0 ? DB_ERROR : DB_OK;
}

static enum db_err
load_evidence(struct db *db, struct arena *a, struct rubric *rb)
{
	struct db_val	 p = db_int(rb->round_id), c[9];
	struct rubric_evidence *e;
	size_t		 cap = 0;
	enum db_err	 rc;
	int		 k;

	if ((rc = db_exec(db, STMT_RUBRIC_EVIDENCE, &p)) != DB_OK)
		return rc;
	while ((k = db_fetch(db, STMT_RUBRIC_EVIDENCE, a, c)) == 1) {
		e = grow(a, (void **)&rb->evs, &rb->nevs, &cap, sizeof(*e));
		e->id = c[0].i;
		e->section = (struct rubric_section *)(intptr_t)c[1].i;
		e->crit = (struct rubric_criterion *)(intptr_t)c[2].i;
		e->code = c[3].s;
		e->title = c[4].s;
		e->help = c[5].s;
		e->min_files = (int)c[6].i;
		e->max_files = (int)c[7].i;
		e->only_if_option_id = c[8].i;
	}
	return k < 0 ? DB_ERROR : DB_OK;
}

/* Turns the parent ids stored in the pointers into pointers, and fills ranges. */
static void
link(struct arena *a, struct rubric *rb)
{
	size_t	 i, j;

	for (i = 0; i < rb->ncrits; i++) {
		struct rubric_criterion *cr = &rb->crits[i];
		long long sid = (long long)(intptr_t)cr->section;

		cr->section = (struct rubric_section *)rubric_section_id(rb, sid);
		if (cr->section != NULL && cr->section->crits == NULL)
			cr->section->crits = cr;
		if (cr->section != NULL)
			cr->section->ncrits++;
	}
	for (i = 0; i < rb->nopts; i++) {
		struct rubric_option *o = &rb->opts[i];

		o->crit = (struct rubric_criterion *)rubric_criterion_id(rb,
		    (long long)(intptr_t)o->crit);
		if (o->crit != NULL && o->crit->opts == NULL)
			o->crit->opts = o;
		if (o->crit != NULL)
			o->crit->nopts++;
	}
	for (i = 0; i < rb->nevs; i++) {
		struct rubric_evidence *e = &rb->evs[i];

		e->section = (struct rubric_section *)rubric_section_id(rb,
		    (long long)(intptr_t)e->section);
		e->crit = e->crit == NULL ? NULL : (struct rubric_criterion *)
		    rubric_criterion_id(rb, (long long)(intptr_t)e->crit);
	}
	for (i = 0; i < rb->nsections; i++) {
		struct rubric_section *s = &rb->sections[i];
		size_t n = 0;

		for (j = 0; j < rb->nevs; j++)
			n += rb->evs[j].section == s;
		s->evs = arena_calloc(a, n == 0 ? 1 : n, sizeof(*s->evs));
		for (j = 0; j < rb->nevs; j++)
			if (rb->evs[j].section == s)
				s->evs[s->nevs++] = &rb->evs[j];
	}
}

static enum db_err
load(struct db *db, struct arena *a, long long round_id, struct rubric *rb)
{
	enum db_err	 rc;

	memset(rb, 0, sizeof(*rb));
	rb->round_id = round_id;
	if ((rc = load_sections(db, a, rb)) != DB_OK ||
	    (rc = load_criteria(db, a, rb)) != DB_OK ||
	    (rc = load_options(db, a, rb)) != DB_OK ||
	    (rc = load_evidence(db, a, rb)) != DB_OK)
		return rc;
	link(a, rb);
	return DB_OK;
}

/*
 * The frozen rubrics this process has loaded, each in its own arena.  A rubric
 * never changes once its round opens (every edit requires a draft round), so an
 * entry is found by the round and the instant it froze: a database rebuilt under
 * a running worker (tests, a restore) freezes its rounds at other instants.
 */
#define RUBRIC_CACHE	8
static struct {
	long long	 round_id;
	long long	 key;
	unsigned long	 used;
	struct arena	*a;
	struct rubric	 rb;
} cache[RUBRIC_CACHE];
static unsigned long	 cache_clock;

enum db_err
rubric_load_frozen(struct db *db, struct arena *a, long long round_id, long long key,
    struct rubric *rb)
{
	struct arena	*ca;
	enum db_err	 rc;
	size_t		 i, victim = 0;

	if (key == 0)
		return load(db, a, round_id, rb);
	for (i = 0; i < RUBRIC_CACHE; i++) {
		if (cache[i].a != NULL && cache[i].round_id == round_id &&
		    cache[i].key == key) {
			cache[i].used = ++cache_clock;
			*rb = cache[i].rb;
			return DB_OK;
		}
		if (cache[i].used < cache[victim].used)
			victim = i;
	}
	ca = arena_new(16384);
	if ((rc = load(db, ca, round_id, rb)) != DB_OK) {
		arena_free(ca);
		return rc;
	}
	if (cache[victim].a != NULL)
		arena_free(cache[victim].a);
	cache[victim].a = ca;
	cache[victim].round_id = round_id;
	cache[victim].key = key;
	cache[victim].used = ++cache_clock;
	cache[victim].rb = *rb;
	return DB_OK;
}

enum db_err
rubric_load(struct db *db, struct arena *a, long long round_id, struct rubric *rb)
{
	struct db_val	 p = db_int(round_id), c[1];
	long long	 key = 0;
	enum db_err	 rc;
	int		 n;

	if ((rc = db_exec(db, STMT_RUBRIC_KEY, &p)) != DB_OK)
		return rc;
	if ((n = db_fetch(db, STMT_RUBRIC_KEY, a, c)) < 0)
		return DB_ERROR;
	if (n == 1) {
		key = c[0].i;
		db_done(db, STMT_RUBRIC_KEY);
	}
	return rubric_load_frozen(db, a, round_id, key, rb);
}

const struct rubric_section *
rubric_section(const struct rubric *rb, const char *code)
{
	size_t	 i;

	for (i = 0; i < rb->nsections; i++)
		if (strcmp(rb->sections[i].code, code) == 0)
			return &rb->sections[i];
	return NULL;
}

const struct rubric_section *
rubric_section_id(const struct rubric *rb, long long id)
{
	size_t	 i;

	for (i = 0; i < rb->nsections; i++)
		if (rb->sections[i].id == id)
			return &rb->sections[i];
	return NULL;
}

const struct rubric_criterion *
rubric_criterion(const struct rubric *rb, const char *code)
{
	size_t	 i;

	for (i = 0; i < rb->ncrits; i++)
		if (strcmp(rb->crits[i].code, code) == 0)
			return &rb->crits[i];
	return NULL;
}

const struct rubric_criterion *
rubric_criterion_id(const struct rubric *rb, long long id)
{
	size_t	 i;

	for (i = 0; i < rb->ncrits; i++)
		if (rb->crits[i].id == id)
			return &rb->crits[i];
	return NULL;
}

const struct rubric_option *
rubric_option_id(const struct rubric *rb, long long id)
{
	size_t	 i;

	for (i = 0; i < rb->nopts; i++)
		if (rb->opts[i].id == id)
			return &rb->opts[i];
	return NULL;
}

const struct rubric_option *
rubric_option(const struct rubric_criterion *c, const char *code)
{
	size_t	 i;

	for (i = 0; i < c->nopts; i++)
		if (strcmp(c->opts[i].code, code) == 0)
			return &c->opts[i];
	return NULL;
}

const struct rubric_evidence *
rubric_evidence_id(const struct rubric *rb, long long id)
{
	size_t	 i;

	for (i = 0; i < rb->nevs; i++)
		if (rb->evs[i].id == id)
			return &rb->evs[i];
	return NULL;
}

const struct rubric_option *
rubric_band(const struct rubric_criterion *c, long long v)
{
	size_t	 i;

	for (i = 0; i < c->nopts; i++) {
		const struct rubric_option *o = &c->opts[i];

		if ((!o->has_lower || o->lower <= v) && (!o->has_upper || v < o->upper))
			return o;
	}
	return NULL;
}

const char *
rubric_parse_number(const struct rubric_criterion *c, const char *s, size_t len,
    long long *v)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	long long	 n = 0;
	int		 digits = 0, frac = -1, d, neg = 0;
	size_t		 k;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (p == end)
		return "عددی وارد کنید.";
	if (*p == '-') {
		neg = 1;
		p++;
	}
	while (p < end) {
		if ((k = fa_fold_digit(p, (size_t)(end - p), &d)) > 0) {
			if (frac >= 0 && frac == c->decimals)
				return c->decimals == 0 ?
				    "عدد صحیح وارد کنید (بدون اعشار)." :
				    "تعداد رقم‌های اعشار بیش از حد مجاز است.";
			if (n > (LLONG_MAX - 9) / 10)
				return "عدد واردشده بیش از اندازه بزرگ است.";
			n = n * 10 + d;
			digits++;
			if (frac >= 0)
				frac++;
			p += k;
			continue;
		}
		/* '.', '/', or ARABIC DECIMAL SEPARATOR U+066B (d9 ab). */
		if (frac < 0 && (*p == '.' || *p == '/')) {
			frac = 0;
			p++;
			continue;
		}
		if (frac < 0 && end - p >= 2 && p[0] == 0xd9 && p[1] == 0xab) {
			frac = 0;
			p += 2;
			continue;
		}
		return "فقط رقم وارد کنید.";
	}
	if (digits == 0)
		return "فقط رقم وارد کنید.";
	if (frac < 0)
		frac = 0;
	if (frac > 0 && c->decimals == 0)
		return "عدد صحیح وارد کنید (بدون اعشار).";
	for (; frac < c->decimals; frac++) {
		if (n > LLONG_MAX / 10)
			return "عدد واردشده بیش از اندازه بزرگ است.";
		n *= 10;
	}
	if (neg)
		n = -n;
	if ((c->has_min && n < c->min) || (c->has_max && n > c->max))
		return "عدد واردشده خارج از بازه مجاز است.";
	*v = n;
	return NULL;
}

const char *
rubric_format_number(struct arena *a, const struct rubric_criterion *c, long long v)
{
	struct buf	 b;
	long long	 scale = 1, whole, frac;
	int		 i;
	char		 tmp[32];

	for (i = 0; i < c->decimals; i++)
		scale *= 10;
	buf_init(&b, a);
	if (v < 0) {
		buf_puts(&b, "-");
		v = -v;
	}
	whole = v / scale;
	frac = v % scale;
	fa_put_int(&b, whole);
	if (frac != 0) {
		buf_puts(&b, "٫");
		snprintf(tmp, sizeof(tmp), "%0*lld", c->decimals, frac);
		/* No trailing zeros: 12.50 reads ۱۲٫۵. */
		for (i = (int)strlen(tmp); i > 1 && tmp[i - 1] == '0'; i--)
			tmp[i - 1] = '\0';
		fa_put_digits(&b, tmp);
	}
	return buf_cstr(&b);
}
