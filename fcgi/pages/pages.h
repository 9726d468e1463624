/*
 * The page handlers, one file per area.  A handler fills the response in req (a
 * page, an error or a redirect) and returns 0; -1 means it already answered with
 * an error page.
 */
#ifndef GEPS_PAGES_H
#define GEPS_PAGES_H

#include "request.h"
#include "routes.h"

#define PAGE(name)	int name(struct req *, const char *, const struct field_val *)

PAGE(page_home);
/* auth.c: signing in and out, the initial password, the second factor. */
PAGE(page_login_form);
PAGE(page_login);
PAGE(page_logout);
PAGE(page_password_change_form);
PAGE(page_password_change);
PAGE(page_totp_enroll_form);
PAGE(page_totp_enroll);
PAGE(page_totp_qr);
PAGE(page_totp_form);
PAGE(page_totp);
/* reset.c: forgotten password, by national ID and a one-time code. */
PAGE(page_forgot_form);
PAGE(page_forgot);
PAGE(page_reset_code);
PAGE(page_reset_new);
/* account.c: the account page and its sessions. */
PAGE(page_account);
PAGE(page_session_end);
/* declaration.c: the licensee's dashboard and an office's file in the round. */
PAGE(page_dashboard);
PAGE(page_decl);
PAGE(page_decl_section);
PAGE(page_decl_save);
PAGE(page_decl_submit);
PAGE(page_decl_reopen);
PAGE(page_decl_receipt);
/* evidence.c: the files of a declaration (upload, download, removal). */
PAGE(page_decl_upload);
PAGE(page_decl_file);
PAGE(page_decl_file_delete);
PAGE(page_objection_upload);
PAGE(page_objection_file);
PAGE(page_violation_upload);
PAGE(page_violation_file);
struct decl;
struct rubric;
struct rubric_section;
/* Fills the evidence block (views/decl_evidence.tpl) of a section page into d. */
int	 evidence_section_fill(struct req *, struct view_dict *d, const struct decl *,
	    const struct rubric *, const struct rubric_section *);
/* office_data.c: the licensee's base data and staff of an office. */
PAGE(page_office_data);
PAGE(page_office_data_save);
PAGE(page_office_staff_add);
PAGE(page_office_staff_save);
PAGE(page_office_staff_remove);
/* office.c: one office, for whoever may see it. */
PAGE(page_office);
/* hq.c: staff accounts and the audit log. */
PAGE(page_hq_staff);
PAGE(page_hq_staff_new_form);
PAGE(page_hq_staff_new);
PAGE(page_hq_staff_totp_reset);
PAGE(page_hq_audit);
/* hq_rounds.c: rounds, their windows, opening and extensions. */
PAGE(page_hq_rounds);
PAGE(page_hq_rounds_new);
PAGE(page_hq_round);
PAGE(page_hq_round_open);
PAGE(page_hq_round_extend);
/* hq_rubric.c: a round's rubric, editable while the round is a draft. */
PAGE(page_hq_rubric);
PAGE(page_hq_rubric_thresholds);
PAGE(page_hq_rubric_criterion);
PAGE(page_hq_rubric_option);
PAGE(page_hq_rubric_evidence);
PAGE(page_hq_rubric_violation);
/* hq_outbox.c: messages waiting or failed. */
PAGE(page_hq_outbox);
PAGE(page_hq_outbox_requeue);
/* review.c: the region's queue and one file under review. */
PAGE(page_review_queue);
PAGE(page_review_file);
PAGE(page_review_verify);
PAGE(page_review_confirm_section);
PAGE(page_review_association);
PAGE(page_review_violation_add);
PAGE(page_review_violation_revoke);
PAGE(page_review_send_back);
PAGE(page_review_complete);
PAGE(page_review_reopen);
PAGE(page_hq_review_overdue);
/* end review.c */
/* hq_results.c: ranking preview, publication, exports; objection.c: objections. */
PAGE(page_hq_results);
PAGE(page_hq_round_close);
PAGE(page_hq_round_rank);
PAGE(page_hq_round_publish);
PAGE(page_hq_round_final);
PAGE(page_hq_export_csv);
PAGE(page_hq_export_xlsx);
PAGE(page_result);
PAGE(page_result_object);
PAGE(page_review_objections);
PAGE(page_review_objection);
PAGE(page_review_objection_reject);
PAGE(page_review_objection_accept);
/* end hq_results.c */
/* public.c: verification, certificate, published lists, JSON (no login). */
PAGE(page_verify);
PAGE(page_certificate);
PAGE(page_ranks);
PAGE(page_ranks_json);
/* end public.c */
/* hq_services.c: services catalogue, area services, grants by rank quota. */
PAGE(page_hq_services);
PAGE(page_hq_services_agency_add);
PAGE(page_hq_services_service_add);
PAGE(page_hq_services_service_rename);
PAGE(page_hq_services_service_active);
PAGE(page_hq_services_import);
PAGE(page_hq_services_areas);
PAGE(page_hq_services_city_find);
PAGE(page_hq_services_city);
PAGE(page_hq_services_city_save);
PAGE(page_hq_services_over);
PAGE(page_hq_services_offices);
PAGE(page_hq_services_office_find);
PAGE(page_hq_services_office);
PAGE(page_hq_services_grant);
PAGE(page_hq_services_withdraw);
/* end hq_services.c */

int	 page_error_route(struct req *, const char *, const struct field_val *);
int	 page_health(struct req *, const char *, const struct field_val *);

#endif
