/*
 * Form errors: one summary, one message per field.
 */
#include <stddef.h>

#include "pages/form.h"
#include "view.h"

void
form_init(struct form *f, struct view_dict *page)
{
	f->page = page;
	f->errors = NULL;
	f->nerrors = 0;
}

void
form_error(struct form *f, const char *field_id, const char *section, const char *msg)
{
	struct view_dict	*e;

	if (f->errors == NULL)
		f->errors = view_section(f->page, "ERRORS");
	e = view_section(f->errors, "ERROR");
	view_set(e, "FIELD_ID", field_id);
	view_set(e, "MESSAGE", msg);
	if (section != NULL)
		view_set(view_section(f->page, section), "MESSAGE", msg);
	f->nerrors++;
}
