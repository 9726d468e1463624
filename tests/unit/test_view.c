/*
 * Tests of the ctemplate shim, from C: loading refuses templates without
 * auto-escaping, values are escaped, includes and sections work, and a failed
 * expansion leaves the output buffer untouched.  Check runs each test in its own
 * process, so each may initialise the (process-global, frozen) template cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "check_run.h"

#include "arena.h"
#include "buf.h"
#include "view.h"

static char	 tdir[64];

static void
put(const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", tdir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
mkdir_templates(void)
{
	snprintf(tdir, sizeof(tdir), "/tmp/geps-view-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tdir));
	put("page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}<p title=\"{{T}}\">{{V}}</p>"
	    "{{#S}}<i>{{X}}</i>{{/S}}{{>INC}}");
	put("inc.tpl", "{{%AUTOESCAPE context=\"HTML\"}}<b>{{W}}</b>");
}

static void
rm_templates(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tdir);
	(void)!system(cmd);
}

START_TEST(view_refuses_a_template_without_autoescape)
{
	char	 err[256];

	mkdir_templates();
	put("bad.tpl", "<p>{{V}}</p>");
	ck_assert_int_eq(view_init(tdir, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "bad.tpl"));
	rm_templates();
}
END_TEST

START_TEST(view_refuses_an_empty_or_missing_directory)
{
	char	 err[256];

	ck_assert_int_eq(view_init("/nonexistent-geps-views", err, sizeof(err)), -1);
}
END_TEST

START_TEST(view_escapes_values_and_fills_sections_and_includes)
{
	char			 err[256];
	struct arena		*a = arena_new(4096);
	struct buf		 out;
	struct view_dict	*d, *s;

	mkdir_templates();
	ck_assert_int_eq(view_init(tdir, err, sizeof(err)), 0);
	d = view_dict_new("t");
	view_set(d, "V", "<script>alert(1)</script>");
	view_set(d, "T", "\"><img>");
	s = view_section(d, "S");
	view_set(s, "X", "a&b");
	s = view_section(d, "S");
	view_set_int(s, "X", 7);
	s = view_include(d, "INC", "inc.tpl");
	view_set(s, "W", "سلام");
	buf_init(&out, a);
	ck_assert_int_eq(view_expand("page.tpl", d, &out), 0);
	ck_assert_ptr_null(strstr(out.data, "<script>"));
	ck_assert_ptr_nonnull(strstr(out.data, "&lt;script&gt;"));
	ck_assert_ptr_nonnull(strstr(out.data, "title=\"&quot;&gt;&lt;img&gt;\""));
	ck_assert_ptr_nonnull(strstr(out.data, "<i>a&amp;b</i><i>7</i>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<b>سلام</b>"));
	view_dict_free(d);
	arena_free(a);
	rm_templates();
}
END_TEST

START_TEST(view_unknown_template_fails_and_leaves_buffer_unchanged)
{
	char			 err[256];
	struct arena		*a = arena_new(4096);
	struct buf		 out;
	struct view_dict	*d;

	mkdir_templates();
	ck_assert_int_eq(view_init(tdir, err, sizeof(err)), 0);
	d = view_dict_new("t");
	buf_init(&out, a);
	buf_puts(&out, "before");
	ck_assert_int_eq(view_expand("nope.tpl", d, &out), -1);
	ck_assert_str_eq(buf_cstr(&out), "before");
	view_dict_free(d);
	arena_free(a);
	rm_templates();
}
END_TEST

START_TEST(view_real_templates_load_and_the_layout_expands)
{
	char			 err[256], dir[1024];
	const char		*src = getenv("GEPS_SRCDIR");
	struct arena		*a = arena_new(4096);
	struct buf		 out;
	struct view_dict	*d, *c;

	snprintf(dir, sizeof(dir), "%s/views", src != NULL ? src : ".");
	ck_assert_msg(view_init(dir, err, sizeof(err)) == 0, "%s", err);
	d = view_dict_new("layout");
	view_set(d, "PAGE_TITLE", "آزمون");
	view_show(d, "GUEST");
	c = view_include(d, "CONTENT", "error.tpl");
	view_set(c, "STATUS_FA", "۴۰۴");
	view_set(c, "ERROR_TITLE", "<پیدا نشد>");
	buf_init(&out, a);
	ck_assert_int_eq(view_expand("layout.tpl", d, &out), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "dir=\"rtl\""));
	ck_assert_ptr_nonnull(strstr(out.data, "&lt;پیدا نشد&gt;"));
	view_dict_free(d);
	arena_free(a);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("view");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, view_refuses_a_template_without_autoescape);
	tcase_add_test(tc, view_refuses_an_empty_or_missing_directory);
	tcase_add_test(tc, view_escapes_values_and_fills_sections_and_includes);
	tcase_add_test(tc, view_unknown_template_fails_and_leaves_buffer_unchanged);
	tcase_add_test(tc, view_real_templates_load_and_the_layout_expands);
	suite_add_tcase(s, tc);
	return check_run(s);
}
