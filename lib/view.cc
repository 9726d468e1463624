/*
 * The only C++ in the tree: a thin shim over ctemplate.  A view_dict pointer is a
 * ctemplate::TemplateDictionary pointer in disguise.  Every entry point catches every
 * exception: an allocation failure becomes the same fatal exit as in C, anything
 * else an error return.
 */
#include <dirent.h>
#include <string.h>

#include <cstdio>
#include <string>
#include <vector>
#include <algorithm>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>

extern "C" {
#include "buf.h"
#include "xalloc.h"
#include "view.h"
}

using ctemplate::TemplateDictionary;

static TemplateDictionary *
D(struct view_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static struct view_dict *
V(TemplateDictionary *d)
{
	return reinterpret_cast<struct view_dict *>(d);
}

static const char pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";

static int
has_pragma(const std::string &path)
{
	FILE	*f;
	char	 head[sizeof(pragma)];
	size_t	 n;

	if ((f = fopen(path.c_str(), "r")) == NULL)
		return 0;
	n = fread(head, 1, sizeof(pragma) - 1, f);
	fclose(f);
	return n == sizeof(pragma) - 1 && memcmp(head, pragma, n) == 0;
}

extern "C" int
view_init(const char *dir, char *err, size_t errsz)
{
	try {
		std::vector<std::string>	 names;
		DIR				*d;
		struct dirent			*e;

		if ((d = opendir(dir)) == NULL) {
			snprintf(err, errsz, "%s: cannot open", dir);
			return -1;
		}
		while ((e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);

			if (n > 4 && strcmp(e->d_name + n - 4, ".tpl") == 0)
				names.push_back(e->d_name);
		}
		closedir(d);
		std::sort(names.begin(), names.end());
		if (names.empty()) {
			snprintf(err, errsz, "%s: no templates", dir);
			return -1;
		}
		ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();
		cache->SetTemplateRootDirectory(dir);
		for (const std::string &n : names) {
			/* Auto-escaping is the security model: refuse a template without it. */
			if (!has_pragma(std::string(dir) + "/" + n)) {
				snprintf(err, errsz, "%s/%s: first line must be %s", dir,
				    n.c_str(), pragma);
				return -1;
			}
			if (!cache->LoadTemplate(n, ctemplate::STRIP_BLANK_LINES)) {
				snprintf(err, errsz, "%s/%s: does not parse", dir, n.c_str());
				return -1;
			}
		}
		cache->Freeze();
		return 0;
	} catch (const std::bad_alloc &) {
		xalloc_die();
	} catch (...) {
		snprintf(err, errsz, "template loading failed");
		return -1;
	}
}

extern "C" struct view_dict *
view_dict_new(const char *name)
{
	try {
		return V(new TemplateDictionary(name));
	} catch (...) {
		xalloc_die();
	}
}

extern "C" void
view_dict_free(struct view_dict *d)
{
	try {
		delete D(d);
	} catch (...) {
		xalloc_die();
	}
}

extern "C" void
view_setn(struct view_dict *d, const char *key, const char *val, size_t len)
{
	try {
		D(d)->SetValue(key, ctemplate::TemplateString(val, len));
	} catch (...) {
		xalloc_die();
	}
}

extern "C" void
view_set(struct view_dict *d, const char *key, const char *val)
{
	view_setn(d, key, val == NULL ? "" : val, val == NULL ? 0 : strlen(val));
}

extern "C" void
view_set_int(struct view_dict *d, const char *key, long long v)
{
	try {
		D(d)->SetIntValue(key, v);
	} catch (...) {
		xalloc_die();
	}
}

extern "C" void
view_show(struct view_dict *d, const char *section)
{
	try {
		D(d)->ShowSection(section);
	} catch (...) {
		xalloc_die();
	}
}

extern "C" struct view_dict *
view_section(struct view_dict *d, const char *section)
{
	try {
		return V(D(d)->AddSectionDictionary(section));
	} catch (...) {
		xalloc_die();
	}
}

extern "C" struct view_dict *
view_include(struct view_dict *d, const char *name, const char *file)
{
	try {
		TemplateDictionary *sub = D(d)->AddIncludeDictionary(name);

		sub->SetFilename(file);
		return V(sub);
	} catch (...) {
		xalloc_die();
	}
}

extern "C" int
view_expand(const char *file, const struct view_dict *d, struct buf *out)
{
	try {
		std::string s;

		if (!ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES,
		    reinterpret_cast<const TemplateDictionary *>(d), &s))
			return -1;
		buf_append(out, s.data(), s.size());
		return 0;
	} catch (const std::bad_alloc &) {
		xalloc_die();
	} catch (...) {
		return -1;
	}
}
