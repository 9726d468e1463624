/*
 * The deadline-day client (tests/bench/deadline/run.sh compiles and runs it): many
 * licensees at once, each through the whole journey a browser makes, with bounded
 * concurrency (one thread per connection, each with its own libcurl handle and
 * cookie engine, keep-alive):
 *
 *   GET /login, POST /login (the CSRF field from the form, the pre-session cookie),
 *   GET /dashboard, then for every section of the rubric GET the section page (the
 *   CSRF field and the file's version from its form) and POST its values
 *   (next=summary), and upload the section's evidence files (multipart: csrf,
 *   section, requirement, then the file: a PDF or JPEG of 100-500 KB made in
 *   memory, unique per licensee), then GET the summary (the version of the submit
 *   form), POST submit and GET the receipt.
 *
 * Every request is timed and counted by kind (login = POST /login, page = every
 * GET, save, upload, submit) and status.  A 503 "busy" answer to POST /login (no
 * scrypt slot free within hash_wait_ms) is what the server does by design under a
 * login storm: the client waits a little and signs in again, as a person would;
 * those answers are counted apart.  Any other unexpected answer is a failure; a
 * 5xx or a broken connection is retried (at most 3 times), a 4xx ends the
 * licensee's journey.
 *
 *   client URL ACCOUNTS PLAN PASSWORD CONCURRENCY
 *
 * ACCOUNTS: one "national_id<TAB>office_id" a line.  PLAN: what to send, in order:
 *   S <section>                          a section page and its save
 *   V <section> <field> <value>          a value of the section's form
 *   U <section> <requirement> pdf|jpg    one file for the requirement
 * Prints the table on standard output and "RESULT key=value ..." lines for the
 * script; exit 0 when every journey ended with a receipt.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

enum kind { K_LOGIN, K_PAGE, K_SAVE, K_UPLOAD, K_SUBMIT, K__MAX };
static const char *const kind_name[K__MAX] = { "login", "page", "save", "upload", "submit" };

#define MAXSTATUS	600
#define MAX_RETRY	3
#define MAX_LOGIN_TRY	200

struct plan_value {
	char	*field, *value;
};
struct plan_file {
	char	*req;
	int	 jpeg;
};
struct plan_section {
	char			*code;
	struct plan_value	*vals;
	size_t			 nvals;
	struct plan_file	*files;
	size_t			 nfiles;
};
struct account {
	char	 nid[16];
	long	 office;
};

/* Per-thread figures, merged at the end. */
struct lat {
	uint32_t	*us;
	size_t		 n, cap;
};
struct stats {
	struct lat	 lat[K__MAX];
	long		 status[K__MAX][MAXSTATUS];	/* 0: no answer (transport) */
	long		 fail[K__MAX];			/* unexpected answers */
	long		 retries;
	long		 busy;				/* POST /login answered 503 */
	long		 limited;			/* 429 from nginx's limit */
	long		 busy_max;			/* most 503s one sign-in met */
	struct lat	 signin;			/* first POST /login to 303, retries included */
	long		 journeys_ok, journeys_failed;
	long		 files, file_bytes;
};

static const char *base_url;
static const char *password;
static struct account *accounts;
static size_t naccounts;
static struct plan_section *plan;
static size_t nplan;
static size_t next_account;
static size_t done_ok, done_failed;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int nfailures_shown;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		fprintf(stderr, "client: out of memory\n");
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

static void
lat_add(struct lat *l, double seconds)
{
	double	 us = seconds * 1e6;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->us = xrealloc(l->us, l->cap * sizeof(*l->us));
	}
	l->us[l->n++] = us > 4e9 ? 4000000000u : (uint32_t)us;
}

/* xorshift64*: the bytes of the generated files, seeded per licensee and file. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/*
 * A file of 100-500 KB: a PDF header or a JPEG (JFIF) header, then pseudo-random
 * bytes, then the format's trailer.  The server types it from its first bytes
 * (libmagic and the signature must agree); unique per (licensee, file), so every
 * upload is a new object in the content-addressed store.
 */
static char *
make_file(size_t who, size_t which, int jpeg, size_t *len)
{
	static const unsigned char jfif[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F',
	    'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00 };
	static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
	uint64_t s = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)who << 20) ^ (uint64_t)which;
	size_t	 n, i, h;
	char	*b;

	rnd(&s);
	n = 100 * 1024 + (size_t)(rnd(&s) % (400 * 1024 + 1));
	b = xrealloc(NULL, n);
	if (jpeg) {
		memcpy(b, jfif, sizeof(jfif));
		h = sizeof(jfif);
	} else {
		memcpy(b, pdf, sizeof(pdf) - 1);
		h = sizeof(pdf) - 1;
	}
	for (i = h; i + 8 <= n; i += 8) {
		uint64_t v = rnd(&s);

		memcpy(b + i, &v, 8);
	}
	for (; i < n; i++)
		b[i] = (char)rnd(&s);
	/* The licensee's number in clear, after the header: unique even by accident. */
	snprintf(b + h, 40, "geps-bench %zu %zu", who, which);
	if (jpeg) {
		b[n - 2] = (char)0xff;
		b[n - 1] = (char)0xd9;
	} else
		memcpy(b + n - 7, "\n%%EOF\n", 7);
	*len = n;
	return b;
}

/* ---- one connection ---- */

struct resp {
	char	*body;
	size_t	 len, cap;
};

static size_t
on_body(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct resp *r = ctx;
	size_t	 n = size * nmemb;

	if (r->len + n + 1 > r->cap) {
		r->cap = (r->len + n + 1) * 2;
		r->body = xrealloc(r->body, r->cap);
	}
	memcpy(r->body + r->len, p, n);
	r->len += n;
	r->body[r->len] = '\0';
	return n;
}

struct worker {
	CURL		*c;
	struct curl_slist *hdr;
	struct resp	 resp;
	struct stats	 st;
	char		 csrf[160];
	long		 version;
	char		 location[512];
	char		 url[512];
	const struct account *acc;
	size_t		 who;
	const char	*step;
};

/* The first value="..." after needle (and after anchor, when given). */
static int
form_value(const char *html, const char *anchor, const char *needle, char *out, size_t outsz)
{
	const char *p = html, *q;
	size_t	 n;

	if (anchor != NULL && (p = strstr(html, anchor)) == NULL)
		return -1;
	if ((p = strstr(p, needle)) == NULL)
		return -1;
	p += strlen(needle);
	if ((q = strchr(p, '"')) == NULL || (n = (size_t)(q - p)) == 0 || n >= outsz)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

static void
show_failure(struct worker *w, long status, const char *why)
{
	pthread_mutex_lock(&mu);
	if (nfailures_shown++ < 10) {
		char	 snip[241] = "";
		const char *b = w->resp.body != NULL ? w->resp.body : "";
		const char *t = strstr(b, "<main");

		snprintf(snip, sizeof(snip), "%s", t != NULL ? t : b);
		for (char *p = snip; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		fprintf(stderr, "client: %s %s (licensee %s, %s): status %ld | %s\n",
		    w->step, w->url, w->acc->nid, why, status, snip);
	}
	pthread_mutex_unlock(&mu);
}

/*
 * One request (GET when post and mime are NULL); returns the status, 0 when no
 * answer came.  Times it and counts its status under kind.
 */
static long
perform(struct worker *w, enum kind k, const char *path, const char *post, curl_mime *mime)
{
	CURLcode rc;
	long	 status = 0;
	double	 t0, t1;
	char	*loc = NULL;

	snprintf(w->url, sizeof(w->url), "%s%s", base_url, path);
	w->resp.len = 0;
	if (w->resp.body != NULL)
		w->resp.body[0] = '\0';
	w->location[0] = '\0';
	curl_easy_setopt(w->c, CURLOPT_URL, w->url);
	if (mime != NULL)
		curl_easy_setopt(w->c, CURLOPT_MIMEPOST, mime);
	else if (post != NULL) {
		curl_easy_setopt(w->c, CURLOPT_POSTFIELDS, post);
		curl_easy_setopt(w->c, CURLOPT_POSTFIELDSIZE, (long)strlen(post));
	} else
		curl_easy_setopt(w->c, CURLOPT_HTTPGET, 1L);
	t0 = now_s();
	rc = curl_easy_perform(w->c);
	t1 = now_s();
	if (mime != NULL)
		curl_easy_setopt(w->c, CURLOPT_MIMEPOST, NULL);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(w->c, CURLINFO_RESPONSE_CODE, &status);
		if (curl_easy_getinfo(w->c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc != NULL)
			snprintf(w->location, sizeof(w->location), "%s", loc);
	} else {
		pthread_mutex_lock(&mu);
		if (nfailures_shown++ < 10)
			fprintf(stderr, "client: %s %s: %s\n", w->step, w->url, curl_easy_strerror(rc));
		pthread_mutex_unlock(&mu);
	}
	if (status < 0 || status >= MAXSTATUS)
		status = 0;
	lat_add(&w->st.lat[k], t1 - t0);
	w->st.status[k][status]++;
	return status;
}

/* A request that must answer `want`; 5xx and no answer are retried. 0: done. */
static int
expect(struct worker *w, enum kind k, const char *path, const char *post,
    curl_mime *mime, long want)
{
	long	 st;
	int	 try;

	for (try = 0; try <= MAX_RETRY; try++) {
		if (try > 0) {
			w->st.retries++;
			sleep_ms(200L * try);
		}
		st = perform(w, k, path, post, mime);
		if (st == want)
			return 0;
		w->st.fail[k]++;
		show_failure(w, st, "unexpected answer");
		if (st != 0 && st < 500)
			return -1;
	}
	return -1;
}

/* The page's form: csrf and version. */
static int
read_form(struct worker *w, const char *anchor, int need_version)
{
	char	 v[32];

	if (form_value(w->resp.body, anchor, "name=\"csrf\" value=\"", w->csrf,
	    sizeof(w->csrf)) != 0) {
		show_failure(w, 200, "no csrf field in the page");
		return -1;
	}
	if (!need_version)
		return 0;
	if (form_value(w->resp.body, anchor, "name=\"version\" value=\"", v, sizeof(v)) != 0) {
		show_failure(w, 200, "no version field in the page");
		return -1;
	}
	w->version = strtol(v, NULL, 10);
	return 0;
}

static char *
enc(CURL *c, const char *s)
{
	return curl_easy_escape(c, s, 0);
}

static int
sign_in(struct worker *w)
{
	char	 body[512], *e;
	long	 st;
	double	 t0 = 0;
	uint64_t jitter;
	int	 busy = 0, try;

	w->step = "login form";
	if (expect(w, K_PAGE, "/login", NULL, NULL, 200) != 0 || read_form(w, NULL, 0) != 0)
		return -1;
	e = enc(w->c, password);
	snprintf(body, sizeof(body), "csrf=%s&national_id=%s&password=%s", w->csrf,
	    w->acc->nid, e);
	curl_free(e);
	w->step = "login";
	for (try = 0; try < MAX_LOGIN_TRY; try++) {
		if (try == 0)
			t0 = now_s();
		st = perform(w, K_LOGIN, "/login", body, NULL);
		if (st == 303) {
			if (strstr(w->location, "/dashboard") == NULL) {
				w->st.fail[K_LOGIN]++;
				show_failure(w, st, "sign-in did not lead to the dashboard");
				return -1;
			}
			lat_add(&w->st.signin, now_s() - t0);
			if (busy > w->st.busy_max)
				w->st.busy_max = busy;
			return 0;
		}
		if (st == 503 || st == 429) {
			/* No hashing slot in time (or nginx's per-address limit): again, later. */
			if (st == 503) {
				w->st.busy++;
				busy++;
			} else
				w->st.limited++;
			jitter = (uint64_t)w->who * 7919 + (uint64_t)try + 1;
			sleep_ms(100 + (long)(rnd(&jitter) % 400));
			continue;
		}
		w->st.fail[K_LOGIN]++;
		show_failure(w, st, "sign-in refused");
		if (st != 0 && st < 500)
			return -1;
		w->st.retries++;
		sleep_ms(200);
	}
	return -1;
}

static int
journey(struct worker *w)
{
	char	 path[256], *body = NULL, *e;
	size_t	 blen = 0, bcap = 0, i, j, fileno = 0;
	int	 rc = -1;

	curl_easy_setopt(w->c, CURLOPT_COOKIELIST, "ALL");
	if (sign_in(w) != 0)
		return -1;
	w->step = "dashboard";
	if (expect(w, K_PAGE, "/dashboard", NULL, NULL, 200) != 0)
		return -1;
	for (i = 0; i < nplan; i++) {
		const struct plan_section *s = &plan[i];

		snprintf(path, sizeof(path), "/decl/%ld/section/%s", w->acc->office, s->code);
		w->step = "section page";
		if (expect(w, K_PAGE, path, NULL, NULL, 200) != 0 || read_form(w,
		    "<form class=\"form card\"", 1) != 0)
			goto out;
		blen = 0;
		for (j = 0; j <= s->nvals + 1; j++) {
			const char *k, *v;
			char	 num[32];
			size_t	 need;

			if (j == 0) {
				k = "csrf";
				v = w->csrf;
			} else if (j == 1) {
				k = "version";
				snprintf(num, sizeof(num), "%ld", w->version);
				v = num;
			} else {
				k = s->vals[j - 2].field;
				v = s->vals[j - 2].value;
			}
			e = enc(w->c, v);
			need = blen + strlen(k) + strlen(e) + 3;
			if (need + 16 > bcap) {
				bcap = (need + 16) * 2;
				body = xrealloc(body, bcap);
			}
			blen += (size_t)sprintf(body + blen, "%s%s=%s", blen ? "&" : "", k, e);
			curl_free(e);
		}
		blen += (size_t)sprintf(body + blen, "&next=summary");
		w->step = "save";
		if (expect(w, K_SAVE, path, body, NULL, 303) != 0)
			goto out;
		for (j = 0; j < s->nfiles; j++) {
			const struct plan_file *f = &s->files[j];
			curl_mime *m = curl_mime_init(w->c);
			curl_mimepart *p;
			char	 name[96], *data;
			size_t	 len;

			p = curl_mime_addpart(m);
			curl_mime_name(p, "csrf");
			curl_mime_data(p, w->csrf, CURL_ZERO_TERMINATED);
			p = curl_mime_addpart(m);
			curl_mime_name(p, "section");
			curl_mime_data(p, s->code, CURL_ZERO_TERMINATED);
			p = curl_mime_addpart(m);
			curl_mime_name(p, "requirement");
			curl_mime_data(p, f->req, CURL_ZERO_TERMINATED);
			data = make_file(w->who, fileno, f->jpeg, &len);
			p = curl_mime_addpart(m);
			curl_mime_name(p, "file");
			snprintf(name, sizeof(name), "%s-%s.%s", f->req, w->acc->nid,
			    f->jpeg ? "jpg" : "pdf");
			curl_mime_filename(p, name);
			curl_mime_type(p, f->jpeg ? "image/jpeg" : "application/pdf");
			curl_mime_data(p, data, len);
			free(data);
			snprintf(path, sizeof(path), "/decl/%ld/upload", w->acc->office);
			w->step = "upload";
			rc = expect(w, K_UPLOAD, path, NULL, m, 303);
			curl_mime_free(m);
			if (rc != 0)
				goto out;
			rc = -1;
			if (strstr(w->location, "uploaded=1") == NULL) {
				w->st.fail[K_UPLOAD]++;
				show_failure(w, 303, "the upload did not say uploaded");
				goto out;
			}
			w->st.files++;
			w->st.file_bytes += (long)len;
			fileno++;
		}
	}
	snprintf(path, sizeof(path), "/decl/%ld", w->acc->office);
	w->step = "summary";
	if (expect(w, K_PAGE, path, NULL, NULL, 200) != 0)
		goto out;
	snprintf(path, sizeof(path), "action=\"/decl/%ld/submit\"", w->acc->office);
	if (read_form(w, path, 1) != 0)
		goto out;
	{
		char	 sub[256];

		snprintf(sub, sizeof(sub), "csrf=%s&version=%ld", w->csrf, w->version);
		snprintf(path, sizeof(path), "/decl/%ld/submit", w->acc->office);
		w->step = "submit";
		if (expect(w, K_SUBMIT, path, sub, NULL, 303) != 0)
			goto out;
	}
	if (strstr(w->location, "/receipt?new=1") == NULL) {
		w->st.fail[K_SUBMIT]++;
		show_failure(w, 303, "the submission did not lead to a new receipt");
		goto out;
	}
	snprintf(path, sizeof(path), "/decl/%ld/receipt?new=1", w->acc->office);
	w->step = "receipt";
	if (expect(w, K_PAGE, path, NULL, NULL, 200) != 0)
		goto out;
	if (strstr(w->resp.body, "class=\"tracking\"") == NULL) {
		w->st.fail[K_PAGE]++;
		show_failure(w, 200, "the receipt shows no tracking number");
		goto out;
	}
	rc = 0;
out:
	free(body);
	return rc;
}

static void *
run(void *arg)
{
	struct worker *w = arg;

	for (;;) {
		size_t	 i;
		int	 ok;

		pthread_mutex_lock(&mu);
		i = next_account < naccounts ? next_account++ : naccounts;
		pthread_mutex_unlock(&mu);
		if (i == naccounts)
			break;
		w->acc = &accounts[i];
		w->who = i;
		ok = journey(w) == 0;
		pthread_mutex_lock(&mu);
		if (ok)
			done_ok++;
		else
			done_failed++;
		pthread_mutex_unlock(&mu);
		if (ok)
			w->st.journeys_ok++;
		else
			w->st.journeys_failed++;
	}
	return NULL;
}

/* ---- input ---- */

static char **
split(char *line, size_t *n)
{
	static char *f[8];
	char	*p = line;

	*n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	while (*n < 8) {
		f[(*n)++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	return f;
}

static struct plan_section *
section_of(const char *code)
{
	size_t	 i;

	for (i = 0; i < nplan; i++)
		if (strcmp(plan[i].code, code) == 0)
			return &plan[i];
	return NULL;
}

static int
read_inputs(const char *afile, const char *pfile)
{
	FILE	*fp;
	char	*line = NULL, **f;
	size_t	 cap = 0, n, acap = 0;
	struct plan_section *s;

	if ((fp = fopen(afile, "r")) == NULL)
		return perror(afile), -1;
	while (getline(&line, &cap, fp) > 0) {
		f = split(line, &n);
		if (n != 2 || strlen(f[0]) != 10)
			continue;
		if (naccounts == acap) {
			acap = acap ? acap * 2 : 1024;
			accounts = xrealloc(accounts, acap * sizeof(*accounts));
		}
		snprintf(accounts[naccounts].nid, sizeof(accounts[naccounts].nid), "%s", f[0]);
		accounts[naccounts++].office = strtol(f[1], NULL, 10);
	}
	fclose(fp);
	if ((fp = fopen(pfile, "r")) == NULL)
		return perror(pfile), -1;
	while (getline(&line, &cap, fp) > 0) {
		f = split(line, &n);
		if (n == 2 && strcmp(f[0], "S") == 0) {
			plan = xrealloc(plan, (nplan + 1) * sizeof(*plan));
			memset(&plan[nplan], 0, sizeof(*plan));
			plan[nplan++].code = xstrdup(f[1]);
		} else if (n == 4 && strcmp(f[0], "V") == 0 && (s = section_of(f[1])) != NULL) {
			s->vals = xrealloc(s->vals, (s->nvals + 1) * sizeof(*s->vals));
			s->vals[s->nvals].field = xstrdup(f[2]);
			s->vals[s->nvals++].value = xstrdup(f[3]);
		} else if (n == 4 && strcmp(f[0], "U") == 0 && (s = section_of(f[1])) != NULL) {
			s->files = xrealloc(s->files, (s->nfiles + 1) * sizeof(*s->files));
			s->files[s->nfiles].req = xstrdup(f[2]);
			s->files[s->nfiles++].jpeg = strcmp(f[3], "jpg") == 0;
		} else if (n > 0 && f[0][0] != '\0' && f[0][0] != '#') {
			fprintf(stderr, "client: %s: bad line \"%s\"\n", pfile, f[0]);
			return -1;
		}
	}
	free(line);
	fclose(fp);
	if (naccounts == 0 || nplan == 0) {
		fprintf(stderr, "client: no accounts or no sections\n");
		return -1;
	}
	return 0;
}

/* ---- the report ---- */

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static double
pct(const struct lat *l, double p)
{
	size_t	 i;

	if (l->n == 0)
		return 0;
	i = (size_t)(p / 100.0 * (double)(l->n - 1) + 0.5);
	return l->us[i] / 1000.0;
}

static void
lat_merge(struct lat *to, const struct lat *from)
{
	size_t	 i;

	for (i = 0; i < from->n; i++) {
		if (to->n == to->cap) {
			to->cap = to->cap ? to->cap * 2 : 1024;
			to->us = xrealloc(to->us, to->cap * sizeof(*to->us));
		}
		to->us[to->n++] = from->us[i];
	}
}

static void
print_row(const char *name, struct lat *l, double wall, const char *statuses)
{
	qsort(l->us, l->n, sizeof(*l->us), cmp_u32);
	printf("%-18s %8zu %8.1f %8.1f %8.1f %8.1f %9.1f  %s\n", name, l->n,
	    (double)l->n / wall, pct(l, 50), pct(l, 90), pct(l, 99),
	    l->n ? l->us[l->n - 1] / 1000.0 : 0.0, statuses);
}

int
main(int argc, char **argv)
{
	struct worker	*ws;
	pthread_t	*th;
	struct stats	 all;
	size_t		 conc, i, last_ok = 0;
	int		 k, s;
	double		 t0, wall, last_t;

	if (argc != 6) {
		fprintf(stderr, "usage: client URL ACCOUNTS PLAN PASSWORD CONCURRENCY\n");
		return 2;
	}
	base_url = argv[1];
	password = argv[4];
	conc = (size_t)strtoul(argv[5], NULL, 10);
	if (conc < 1 || conc > 1024 || read_inputs(argv[2], argv[3]) != 0)
		return 2;
	if (conc > naccounts)
		conc = naccounts;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	ws = calloc(conc, sizeof(*ws));
	th = calloc(conc, sizeof(*th));
	if (ws == NULL || th == NULL)
		return 2;
	for (i = 0; i < conc; i++) {
		CURL *c = curl_easy_init();

		if (c == NULL)
			return 2;
		ws[i].c = c;
		/* Browsers send the body without waiting for "100 Continue". */
		ws[i].hdr = curl_slist_append(NULL, "Expect:");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, ws[i].hdr);
		curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, &ws[i].resp);
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_USERAGENT, "geps-deadline-bench/1");
	}
	t0 = last_t = now_s();
	for (i = 0; i < conc; i++)
		if (pthread_create(&th[i], NULL, run, &ws[i]) != 0) {
			fprintf(stderr, "client: pthread_create failed\n");
			return 2;
		}
	/* Progress on standard error every 10 s. */
	for (;;) {
		size_t	 ok, bad;
		double	 t;

		sleep_ms(250);
		pthread_mutex_lock(&mu);
		ok = done_ok;
		bad = done_failed;
		pthread_mutex_unlock(&mu);
		if (ok + bad == naccounts)
			break;
		if ((t = now_s()) - last_t >= 10) {
			fprintf(stderr, "client: %6.0f s  %zu/%zu submitted (%.1f/s now, %.1f/s overall), %zu failed\n",
			    t - t0, ok, naccounts, (double)(ok - last_ok) / (t - last_t),
			    (double)ok / (t - t0), bad);
			last_ok = ok;
			last_t = t;
		}
	}
	for (i = 0; i < conc; i++)
		pthread_join(th[i], NULL);
	wall = now_s() - t0;

	memset(&all, 0, sizeof(all));
	for (i = 0; i < conc; i++) {
		struct stats *st = &ws[i].st;

		for (k = 0; k < K__MAX; k++) {
			lat_merge(&all.lat[k], &st->lat[k]);
			for (s = 0; s < MAXSTATUS; s++)
				all.status[k][s] += st->status[k][s];
			all.fail[k] += st->fail[k];
		}
		lat_merge(&all.signin, &st->signin);
		all.retries += st->retries;
		all.busy += st->busy;
		all.limited += st->limited;
		if (st->busy_max > all.busy_max)
			all.busy_max = st->busy_max;
		all.journeys_ok += st->journeys_ok;
		all.journeys_failed += st->journeys_failed;
		all.files += st->files;
		all.file_bytes += st->file_bytes;
	}

	printf("%zu licensees, %zu connections, %.1f s: %ld submitted (%.2f submissions/s), %ld journeys failed\n",
	    naccounts, conc, wall, all.journeys_ok, (double)all.journeys_ok / wall,
	    all.journeys_failed);
	printf("%ld files uploaded, %.1f MiB (%.1f MiB/s)\n", all.files,
	    (double)all.file_bytes / 1048576.0, (double)all.file_bytes / 1048576.0 / wall);
	printf("\n%-18s %8s %8s %8s %8s %8s %9s  %s\n", "kind", "requests", "req/s", "p50ms",
	    "p90ms", "p99ms", "maxms", "answers (status:count)");
	for (k = 0; k < K__MAX; k++) {
		char	 sbuf[256];
		size_t	 off = 0;

		sbuf[0] = '\0';
		for (s = 0; s < MAXSTATUS; s++)
			if (all.status[k][s] != 0 && off < sizeof(sbuf) - 24)
				off += (size_t)snprintf(sbuf + off, sizeof(sbuf) - off, "%s%d:%ld",
				    off ? " " : "", s, all.status[k][s]);
		print_row(kind_name[k], &all.lat[k], wall, sbuf);
	}
	print_row("sign-in (+retries)", &all.signin, wall, "first POST /login to 303");
	printf("\nfailures (unexpected answers): login %ld, page %ld, save %ld, upload %ld, submit %ld; retried after 5xx/no answer: %ld\n",
	    all.fail[K_LOGIN], all.fail[K_PAGE], all.fail[K_SAVE], all.fail[K_UPLOAD],
	    all.fail[K_SUBMIT], all.retries);
	printf("login hashing: %.2f sign-ins/s; %ld busy answers (503, no scrypt slot within hash_wait_ms), "
	    "at most %ld for one sign-in, all signed in again; %ld answers 429 from nginx\n",
	    (double)all.signin.n / wall, all.busy, all.busy_max, all.limited);
	printf("RESULT licensees=%zu submitted=%ld failed=%ld wall=%.1f subs_per_s=%.2f files=%ld "
	    "fail_login=%ld fail_page=%ld fail_save=%ld fail_upload=%ld fail_submit=%ld busy=%ld limited=%ld signins=%zu\n",
	    naccounts, all.journeys_ok, all.journeys_failed, wall,
	    (double)all.journeys_ok / wall, all.files, all.fail[K_LOGIN], all.fail[K_PAGE],
	    all.fail[K_SAVE], all.fail[K_UPLOAD], all.fail[K_SUBMIT], all.busy, all.limited,
	    all.signin.n);
	for (i = 0; i < conc; i++) {
		curl_easy_cleanup(ws[i].c);
		curl_slist_free_all(ws[i].hdr);
		free(ws[i].resp.body);
	}
	curl_global_cleanup();
	return all.journeys_failed == 0 && all.journeys_ok == (long)naccounts ? 0 : 1;
}
