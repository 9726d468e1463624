/*
 * libFuzzer target for template expansion through the ctemplate shim with hostile
 * values.  The input is split at NUL bytes into values; they fill every variable
 * of views/result.tpl (text, attribute and textarea contexts) and decide which
 * sections show and how often.  The page is expanded twice: with those values,
 * and with the same structure but every value "x".  Auto-escaping must keep the
 * markup the template's own: both pages have the same number of '<', '>' and '"'
 * characters, so no value opened a tag, closed one, or left an attribute.  A
 * failed expansion, a crash (ASan, UBSan) or a difference aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "view.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

#ifndef GEPS_VIEWS_DIR
#define GEPS_VIEWS_DIR	"views"
#endif

/* The variables of result.tpl and its sections, in no particular order. */
static const char *const vars[] = {
	"OFFICE_ID", "OFFICE_NAME", "OFFICE_CODE_FA", "ROUND_TITLE", "ROUND_CODE_FA",
	"ROUND_ID", "PUBLISHED_FA", "MESSAGE", "RANK_TEXT", "SCORE_FA", "RANK1_FA",
	"RANK2_FA", "FIRST", "MISSING_FA", "NEXT_RANK", "SECTION_TITLE", "TITLE", "VALUE",
	"BAND", "POINTS_FA", "BEST_FA", "TYPE", "COUNT_FA", "EACH_FA", "CRITERIA_FA",
	"DEDUCTIONS_FA", "TOTAL_FA", "FILED_FA", "BODY", "STATE", "TEXT", "ID", "EV", "NAME",
	"SIZE_FA", "CSRF_TOKEN", "MAX_FA", "END_FA", "BODY_MAX_FA", "CODE", "WHY", "URL",
};
#define NVARS	(sizeof(vars) / sizeof(vars[0]))

static const char *const sections[] = {
	"ERROR_BOX", "OBJECTED", "NOT_EVALUATED", "SCORED", "CHANGED", "LAST_KNOWN", "NEXT",
	"TOP", "HAS_HEADROOM", "HEADROOM", "BREAKDOWN", "LINE", "DEDUCTION", "NO_DEDUCTIONS",
	"OBJECTION", "REASON", "OBJ_CRIT", "ATTACHED", "NO_FILES", "FILE", "ATTACH",
	"OBJECT_CLOSED", "OBJECT_FORM", "CRIT", "HISTORY", "CURRENT", "LINK",
};
#define NSECTIONS	(sizeof(sections) / sizeof(sections[0]))

struct input {
	const uint8_t	*p;
	size_t		 n;
};

/* The next NUL-terminated piece of the input (the rest when there is no NUL). */
static void
next_value(struct input *in, const char **s, size_t *len)
{
	const uint8_t	*z = memchr(in->p, 0, in->n);
	size_t		 k = z != NULL ? (size_t)(z - in->p) : in->n;

	*s = (const char *)in->p;
	*len = k;
	in->p += k < in->n ? k + 1 : k;
	in->n -= k < in->n ? k + 1 : k;
}

/* Fills d with every variable and, driven by the input, sections to depth. */
static void
fill(struct view_dict *d, struct input *in, int hostile, int depth)
{
	size_t	 i, len;
	const char *s;

	for (i = 0; i < NVARS; i++) {
		next_value(in, &s, &len);
		if (hostile)
			view_setn(d, vars[i], s, len);
		else
			view_set(d, vars[i], "x");
	}
	if (depth == 0)
		return;
	for (i = 0; i < NSECTIONS; i++) {
		/* A quarter of the sections show, one in sixteen twice. */
		unsigned n = in->n > 0 ? (in->p[0] % 16 == 15) + (in->p[0] % 4 == 3) : 0;

		if (in->n > 0) {
			in->p++;
			in->n--;
		}
		while (n-- > 0)
			fill(view_section(d, sections[i]), in, hostile, depth - 1);
	}
}

static size_t
count(const struct buf *b, char c)
{
	size_t	 i, n = 0;

	for (i = 0; i < b->len; i++)
		n += b->data[i] == c;
	return n;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	 err[512];
	const char *dir = getenv("GEPS_VIEWS");

	(void)argc;
	(void)argv;
	if (view_init(dir != NULL ? dir : GEPS_VIEWS_DIR, err, sizeof(err)) != 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct view_dict *d;
	struct input	 in;
	struct buf	 hostile, plain;
	const char	*marks = "<>\"";
	int		 k;

	buf_init(&hostile, NULL);
	buf_init(&plain, NULL);
	in.p = data;
	in.n = size;
	d = view_dict_new("fuzz");
	fill(d, &in, 1, 2);
	if (view_expand("result.tpl", d, &hostile) != 0)
		abort();
	view_dict_free(d);
	in.p = data;
	in.n = size;
	d = view_dict_new("fuzz");
	fill(d, &in, 0, 2);
	if (view_expand("result.tpl", d, &plain) != 0)
		abort();
	view_dict_free(d);
	for (k = 0; marks[k] != '\0'; k++)
		if (count(&hostile, marks[k]) != count(&plain, marks[k]))
			abort();
	buf_free(&hostile);
	buf_free(&plain);
	return 0;
}
