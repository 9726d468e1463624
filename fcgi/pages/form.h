/*
 * Form errors in a page: the error summary at the top (section ERRORS with one
 * ERROR per problem: FIELD_ID, MESSAGE, linking to the control) and the message next
 * to the field (its own section, e.g. PASSWORD_ERROR, with MESSAGE).  The templates
 * follow views/login.tpl.
 */
#ifndef GEPS_FORM_H
#define GEPS_FORM_H

struct view_dict;

struct form {
	struct view_dict	*page;
	struct view_dict	*errors;
	int			 nerrors;
};

void	 form_init(struct form *, struct view_dict *page);
/* Adds msg for the control field_id; section is its field-error section (or NULL). */
void	 form_error(struct form *, const char *field_id, const char *section,
	    const char *msg);

#endif
