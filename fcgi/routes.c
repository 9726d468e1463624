/*
 * The route table and the input validators.  Adding a page means adding one line to
 * routes[] (and its field list); the dispatcher in worker.c does the rest: method
 * check, input limits, validation, database availability and the role check.
 */
#include <string.h>

#include "arena.h"
#include "fa.h"
#include "http.h"
#include "pages/pages.h"
#include "routes.h"
#include "utf8.h"

enum route_id {
	ROUTE_HOME,
	ROUTE_LOGIN_FORM,
	ROUTE_LOGIN,
	ROUTE_LOGOUT,
	ROUTE_PASSWORD_CHANGE_FORM,
	ROUTE_PASSWORD_CHANGE,
	ROUTE_FORGOT_FORM,
	ROUTE_FORGOT,
	ROUTE_RESET_CODE,
	ROUTE_RESET_NEW,
	ROUTE_TOTP_ENROLL_FORM,
	ROUTE_TOTP_ENROLL,
	ROUTE_TOTP_QR,
	ROUTE_TOTP_FORM,
	ROUTE_TOTP,
	ROUTE_ACCOUNT,
	ROUTE_SESSION_END,
	ROUTE_OFFICE,
	ROUTE_DASHBOARD,
	ROUTE_OFFICE_DATA,
	ROUTE_OFFICE_DATA_SAVE,
	ROUTE_OFFICE_STAFF_ADD,
	ROUTE_OFFICE_STAFF_SAVE,
	ROUTE_OFFICE_STAFF_REMOVE,
	ROUTE_DECL,
	ROUTE_DECL_SECTION,
	ROUTE_DECL_SAVE,
	ROUTE_DECL_SUBMIT,
	ROUTE_DECL_REOPEN,
	ROUTE_DECL_RECEIPT,
	ROUTE_DECL_UPLOAD,
	ROUTE_DECL_FILE,
	ROUTE_DECL_FILE_DELETE,
	ROUTE_HQ_STAFF,
	ROUTE_HQ_STAFF_NEW_FORM,
	ROUTE_HQ_STAFF_NEW,
	ROUTE_HQ_STAFF_TOTP_RESET,
	ROUTE_HQ_AUDIT,
	ROUTE_HQ_OUTBOX,
	ROUTE_HQ_ROUNDS,
	ROUTE_HQ_ROUNDS_NEW,
	ROUTE_HQ_ROUND,
	ROUTE_HQ_ROUND_OPEN,
	ROUTE_HQ_ROUND_EXTEND,
	ROUTE_HQ_RUBRIC,
	ROUTE_HQ_RUBRIC_THRESHOLDS,
	ROUTE_HQ_RUBRIC_CRITERION,
	ROUTE_HQ_RUBRIC_OPTION,
	ROUTE_HQ_RUBRIC_EVIDENCE,
	ROUTE_HQ_RUBRIC_VIOLATION,
	ROUTE_HQ_OUTBOX_REQUEUE,
	/* review.c (regional review) */
	ROUTE_REVIEW_QUEUE,
	ROUTE_REVIEW_FILE,
	ROUTE_REVIEW_VERIFY,
	ROUTE_REVIEW_CONFIRM_SECTION,
	ROUTE_REVIEW_ASSOCIATION,
	ROUTE_REVIEW_VIOLATION_ADD,
	ROUTE_REVIEW_VIOLATION_REVOKE,
	ROUTE_REVIEW_SEND_BACK,
	ROUTE_REVIEW_COMPLETE,
	ROUTE_REVIEW_REOPEN,
	ROUTE_HQ_REVIEW_OVERDUE,
	/* end review.c */
	/* hq_results.c, objection.c (ranking, publication, objections) */
	ROUTE_HQ_RESULTS,
	ROUTE_HQ_ROUND_CLOSE,
	ROUTE_HQ_ROUND_RANK,
	ROUTE_HQ_ROUND_PUBLISH,
	ROUTE_HQ_ROUND_FINAL,
	ROUTE_HQ_EXPORT_CSV,
	ROUTE_HQ_EXPORT_XLSX,
	ROUTE_RESULT,
	ROUTE_RESULT_OBJECT,
	ROUTE_REVIEW_OBJECTIONS,
	ROUTE_REVIEW_OBJECTION,
	ROUTE_REVIEW_OBJECTION_REJECT,
	ROUTE_REVIEW_OBJECTION_ACCEPT,
	ROUTE_OBJECTION_UPLOAD,
	ROUTE_OBJECTION_FILE,
	ROUTE_VIOLATION_UPLOAD,
	ROUTE_VIOLATION_FILE,
	/* end hq_results.c */
	/* public.c (public pages) */
	ROUTE_VERIFY,
	ROUTE_CERTIFICATE,
	ROUTE_RANKS,
	ROUTE_RANKS_JSON,
	/* end public.c */
	/* hq_services.c (services by rank) */
	ROUTE_HQ_SERVICES,
	ROUTE_HQ_SERVICES_AGENCY_ADD,
	ROUTE_HQ_SERVICES_SERVICE_ADD,
	ROUTE_HQ_SERVICES_SERVICE_RENAME,
	ROUTE_HQ_SERVICES_SERVICE_ACTIVE,
	ROUTE_HQ_SERVICES_IMPORT,
	ROUTE_HQ_SERVICES_AREAS,
	ROUTE_HQ_SERVICES_CITY_FIND,
	ROUTE_HQ_SERVICES_CITY,
	ROUTE_HQ_SERVICES_CITY_SAVE,
	ROUTE_HQ_SERVICES_OVER,
	ROUTE_HQ_SERVICES_OFFICES,
	ROUTE_HQ_SERVICES_OFFICE_FIND,
	ROUTE_HQ_SERVICES_OFFICE,
	ROUTE_HQ_SERVICES_GRANT,
	ROUTE_HQ_SERVICES_WITHDRAW,
	/* end hq_services.c */
	ROUTE_ERROR,
	ROUTE_HEALTH,
	ROUTE__MAX
};

#define F(list)	list, sizeof(list) / sizeof(list[0])
#define NOF	NULL, 0

/* Input keys of each form: undeclared keys never reach a handler. */
static const struct field_def f_login[] = {
	{ "national_id", V_LINE, 40, 0 },
	{ "password", V_SECRET, 1024, 0 },
};
static const struct field_def f_password_change[] = {
	{ "current", V_SECRET, 1024, 0 },
	{ "password", V_SECRET, 1024, 0 },
	{ "repeat", V_SECRET, 1024, 0 },
};
static const struct field_def f_forgot[] = {
	{ "national_id", V_LINE, 40, 0 },
};
static const struct field_def f_reset_code[] = {
	{ "national_id", V_NATIONAL_ID, 10, 1 },
	{ "code", V_LINE, 20, 0 },
};
static const struct field_def f_reset_new[] = {
	{ "grant", V_TOKEN, 200, 1 },
	{ "password", V_SECRET, 1024, 0 },
	{ "repeat", V_SECRET, 1024, 0 },
};
static const struct field_def f_totp[] = {
	{ "code", V_LINE, 20, 0 },
};
static const struct field_def f_totp_qr[] = {
	{ "k", V_TOKEN, 64, 0 },
};
static const struct field_def f_session_end[] = {
	{ "id", V_UINT, 1ULL << 62, 1 },
};
static const struct field_def f_staff_new[] = {
	{ "role", V_LINE, 10, 0 },
	{ "national_id", V_LINE, 40, 0 },
	{ "first_name", V_LINE, 100, 0 },
	{ "last_name", V_LINE, 100, 0 },
	{ "mobile", V_LINE, 20, 0 },
	{ "email", V_LINE, 254, 0 },
	{ "region", V_LINE, 4, 0 },
};
static const struct field_def f_staff_totp_reset[] = {
	{ "id", V_UINT, 1ULL << 31, 1 },
};
static const struct field_def f_office_data[] = {
	{ "address", V_LINE, 500, 0 },
	{ "postal_code", V_LINE, 12, 0 },
	{ "phone", V_LINE, 15, 0 },
	{ "opening_hours", V_LINE, 200, 0 },
	{ "area", V_LINE, 6, 0 },
	{ "ramp", V_LINE, 3, 0 },
	{ "lift", V_LINE, 3, 0 },
	{ "toilet", V_LINE, 3, 0 },
	{ "priority_counter", V_LINE, 3, 0 },
};
static const struct field_def f_office_staff[] = {
	{ "national_id", V_NATIONAL_ID, 10, 0 },
	{ "first_name", V_LINE, 100, 0 },
	{ "last_name", V_LINE, 100, 0 },
	{ "job_title", V_LINE, 100, 0 },
	{ "insured", V_LINE, 3, 0 },
	{ "disabled", V_LINE, 3, 0 },
};
/* The criteria's values (c_<code>) are named by the rubric: RF_DYNAMIC. */
static const struct field_def f_decl_save[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
	{ "next", V_LINE, 10, 0 },
};
static const struct field_def f_decl_version[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
};
static const struct field_def f_round_new[] = {
	{ "code", V_LINE, 10, 0 },
	{ "title", V_LINE, 200, 0 },
	{ "start", V_LINE, 20, 0 },
	{ "end", V_LINE, 20, 0 },
	{ "review_end", V_LINE, 20, 0 },
	{ "correction_days", V_LINE, 3, 0 },
	{ "objection_days", V_LINE, 3, 0 },
};
static const struct field_def f_round_extend[] = {
	{ "to", V_LINE, 20, 0 },
	{ "office", V_LINE, 16, 0 },
	{ "reason", V_LINE, 1000, 0 },
};
static const struct field_def f_rubric_thresholds[] = {
	{ "rank1", V_LINE, 20, 1 },
	{ "rank2", V_LINE, 20, 1 },
};
static const struct field_def f_rubric_criterion[] = {
	{ "id", V_UINT, 1ULL << 31, 1 },
	{ "title", V_LINE, 200, 0 },
	{ "required", V_LINE, 3, 0 },
	{ "help", V_LINE, 1000, 0 },
	{ "unit", V_LINE, 32, 0 },
};
static const struct field_def f_rubric_violation[] = {
	{ "type", V_UINT, 65535, 1 },
	{ "points", V_LINE, 20, 0 },
	{ "max_count", V_UINT, 100, 0 },
};
static const struct field_def f_rubric_option[] = {
	{ "id", V_UINT, 1ULL << 31, 1 },
	{ "title", V_LINE, 200, 0 },
	{ "points", V_LINE, 20, 0 },
};
static const struct field_def f_rubric_evidence[] = {
	{ "id", V_UINT, 1ULL << 31, 1 },
	{ "min", V_UINT, 20, 0 },
	{ "max", V_UINT, 20, 0 },
};
static const struct field_def f_audit[] = {
	{ "action", V_LINE, 64, 0 },
	{ "actor", V_LINE, 40, 0 },
	{ "from", V_LINE, 20, 0 },
	{ "to", V_LINE, 20, 0 },
	{ "before", V_UINT, 1ULL << 62, 0 },
};

/* review.c fields */
static const struct field_def f_review_queue[] = {
	{ "round", V_UINT, 4294967295ULL, 0 },
	{ "province", V_UINT, 255, 0 },
	{ "city", V_UINT, 4294967295ULL, 0 },
	{ "state", V_LINE, 16, 0 },
	{ "rank", V_LINE, 8, 0 },
	{ "q", V_LINE, 40, 0 },
	{ "page", V_UINT, 1000000, 0 },
};
static const struct field_def f_review_verify[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
	{ "criterion", V_UINT, 4294967295ULL, 1 },
	{ "decision", V_LINE, 10, 0 },
	{ "value", V_LINE, 100, 0 },
	{ "note", V_LINE, 2000, 0 },
};
static const struct field_def f_review_section[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
	{ "section", V_LINE, 32, 1 },
};
static const struct field_def f_review_association[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
	{ "criterion", V_UINT, 4294967295ULL, 1 },
	{ "value", V_LINE, 100, 0 },
};
static const struct field_def f_review_violation[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
	{ "type", V_UINT, 65535, 0 },
	{ "occurrences", V_LINE, 10, 0 },
	{ "note", V_LINE, 2000, 0 },
};
static const struct field_def f_review_reason[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
	{ "reason", V_LINE, 2000, 0 },
};
static const struct field_def f_review_send_back[] = {
	{ "version", V_UINT, 1ULL << 31, 1 },
	{ "remarks", V_LINE, 2000, 0 },
};
/* end review.c fields */
/* hq_results.c, objection.c fields */
static const struct field_def f_result[] = {
	{ "round", V_UINT, 1ULL << 31, 0 },
};
static const struct field_def f_objection[] = {
	{ "body", V_TEXT, 4000, 0 },
	{ "round", V_UINT, 1ULL << 31, 0 },
};
static const struct field_def f_objection_reject[] = {
	{ "reason", V_TEXT, 2000, 0 },
};
static const struct field_def f_objection_accept[] = {
	{ "note", V_TEXT, 2000, 0 },
};
/* end hq_results.c fields */
/* public.c fields */
/* Codes are checked by the handlers (office ^[0-9A-Za-z-]{3,16}$, round 1404-2). */
static const struct field_def f_verify[] = {
	{ "code", V_LINE, 40, 0 },
};
static const struct field_def f_certificate[] = {
	{ "office", V_LINE, 40, 0 },
	{ "round", V_LINE, 20, 0 },
};
static const struct field_def f_ranks[] = {
	{ "round", V_LINE, 20, 0 },
	{ "province", V_LINE, 20, 0 },
	{ "page", V_UINT, 1000000, 0 },
};
static const struct field_def f_ranks_json[] = {
	{ "round", V_LINE, 20, 0 },
};
/* end public.c fields */
/* hq_services.c fields */
static const struct field_def f_svc_agency_add[] = {
	{ "code", V_LINE, 32, 0 },
	{ "name", V_LINE, 200, 0 },
};
static const struct field_def f_svc_service_add[] = {
	{ "agency", V_UINT, 65535, 0 },
	{ "code", V_LINE, 32, 0 },
	{ "title", V_LINE, 300, 0 },
};
static const struct field_def f_svc_rename[] = {
	{ "title", V_LINE, 300, 0 },
};
static const struct field_def f_svc_active[] = {
	{ "active", V_UINT, 1, 1 },
};
static const struct field_def f_svc_province[] = {
	{ "province", V_UINT, 255, 0 },
};
/* The checked services of the agency arrive as repeated "service": RF_DYNAMIC. */
static const struct field_def f_svc_city_save[] = {
	{ "agency", V_UINT, 65535, 1 },
};
static const struct field_def f_svc_offices[] = {
	{ "service", V_UINT, 4294967295ULL, 0 },
	{ "province", V_UINT, 255, 0 },
	{ "city", V_UINT, 4294967295ULL, 0 },
};
static const struct field_def f_svc_find[] = {
	{ "code", V_LINE, 16, 0 },
};
static const struct field_def f_svc_city_find[] = {
	{ "code", V_LINE, 16, 1 },
};
static const struct field_def f_svc_grant[] = {
	{ "service", V_UINT, 4294967295ULL, 1 },
};
static const struct field_def f_svc_withdraw[] = {
	{ "service", V_UINT, 4294967295ULL, 1 },
	{ "reason", V_LINE, 500, 0 },
};
/* end hq_services.c fields */

#define ANYONE		(ROLE_LICENSEE | ROLE_REVIEWER | ROLE_HQ)
#define STAFF		(ROLE_REVIEWER | ROLE_HQ)

static const struct route routes[ROUTE__MAX] = {
	{ ROUTE_HOME, "home", METHOD_GET, "/", page_home,
	    ROLE_PUBLIC, RF_DB, NOF },
	/* The form works while the database is down: it needs none. */
	{ ROUTE_LOGIN_FORM, "login_form", METHOD_GET, "/login", page_login_form,
	    ROLE_PUBLIC, 0, NOF },
	{ ROUTE_LOGIN, "login", METHOD_POST, "/login", page_login,
	    ROLE_PUBLIC, RF_DB, F(f_login) },
	{ ROUTE_LOGOUT, "logout", METHOD_POST, "/logout", page_logout,
	    ANYONE, RF_DB | RF_PENDING | RF_MFA, NOF },
	{ ROUTE_PASSWORD_CHANGE_FORM, "password_change_form", METHOD_GET,
	    "/password/change", page_password_change_form,
	    ANYONE, RF_DB | RF_PENDING | RF_MFA, NOF },
	{ ROUTE_PASSWORD_CHANGE, "password_change", METHOD_POST, "/password/change",
	    page_password_change, ANYONE, RF_DB | RF_PENDING | RF_MFA,
	    F(f_password_change) },
	{ ROUTE_FORGOT_FORM, "forgot_form", METHOD_GET, "/password/forgot",
	    page_forgot_form, ROLE_PUBLIC, 0, NOF },
	{ ROUTE_FORGOT, "forgot", METHOD_POST, "/password/forgot", page_forgot,
	    ROLE_PUBLIC, RF_DB, F(f_forgot) },
	{ ROUTE_RESET_CODE, "reset_code", METHOD_POST, "/password/code",
	    page_reset_code, ROLE_PUBLIC, RF_DB, F(f_reset_code) },
	{ ROUTE_RESET_NEW, "reset_new", METHOD_POST, "/password/new", page_reset_new,
	    ROLE_PUBLIC, RF_DB, F(f_reset_new) },
	{ ROUTE_TOTP_ENROLL_FORM, "totp_enroll_form", METHOD_GET, "/totp/enroll",
	    page_totp_enroll_form, STAFF, RF_DB | RF_MFA, NOF },
	{ ROUTE_TOTP_ENROLL, "totp_enroll", METHOD_POST, "/totp/enroll",
	    page_totp_enroll, STAFF, RF_DB | RF_MFA, F(f_totp) },
	{ ROUTE_TOTP_QR, "totp_qr", METHOD_GET, "/totp/qr.svg", page_totp_qr,
	    STAFF, RF_DB | RF_MFA, F(f_totp_qr) },
	{ ROUTE_TOTP_FORM, "totp_form", METHOD_GET, "/totp", page_totp_form,
	    STAFF, RF_DB | RF_MFA, NOF },
	{ ROUTE_TOTP, "totp", METHOD_POST, "/totp", page_totp,
	    STAFF, RF_DB | RF_MFA, F(f_totp) },
	{ ROUTE_ACCOUNT, "account", METHOD_GET, "/account", page_account,
	    ANYONE, RF_DB, NOF },
	{ ROUTE_SESSION_END, "session_end", METHOD_POST, "/account/sessions/end",
	    page_session_end, ANYONE, RF_DB, F(f_session_end) },
	{ ROUTE_OFFICE, "office", METHOD_GET, "/office/", page_office,
	    ANYONE, RF_DB | RF_PREFIX, NOF },
	{ ROUTE_DASHBOARD, "dashboard", METHOD_GET, "/dashboard", page_dashboard,
	    ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_OFFICE_DATA, "office_data", METHOD_GET, "/office-data/#", page_office_data,
	    ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_OFFICE_DATA_SAVE, "office_data_save", METHOD_POST, "/office-data/#",
	    page_office_data_save, ROLE_LICENSEE, RF_DB, F(f_office_data) },
	{ ROUTE_OFFICE_STAFF_ADD, "office_staff_add", METHOD_POST, "/office-data/#/staff/add",
	    page_office_staff_add, ROLE_LICENSEE, RF_DB, F(f_office_staff) },
	{ ROUTE_OFFICE_STAFF_SAVE, "office_staff_save", METHOD_POST, "/office-data/#/staff/#",
	    page_office_staff_save, ROLE_LICENSEE, RF_DB, F(f_office_staff) },
	{ ROUTE_OFFICE_STAFF_REMOVE, "office_staff_remove", METHOD_POST,
	    "/office-data/#/staff/#/remove", page_office_staff_remove, ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_DECL, "decl", METHOD_GET, "/decl/#", page_decl,
	    ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_DECL_SECTION, "decl_section", METHOD_GET, "/decl/#/section/*",
	    page_decl_section, ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_DECL_SAVE, "decl_save", METHOD_POST, "/decl/#/section/*",
	    page_decl_save, ROLE_LICENSEE, RF_DB | RF_DYNAMIC, F(f_decl_save) },
	{ ROUTE_DECL_SUBMIT, "decl_submit", METHOD_POST, "/decl/#/submit",
	    page_decl_submit, ROLE_LICENSEE, RF_DB, F(f_decl_version) },
	{ ROUTE_DECL_REOPEN, "decl_reopen", METHOD_POST, "/decl/#/reopen",
	    page_decl_reopen, ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_DECL_RECEIPT, "decl_receipt", METHOD_GET, "/decl/#/receipt",
	    page_decl_receipt, ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_DECL_UPLOAD, "decl_upload", METHOD_POST, "/decl/#/upload",
	    page_decl_upload, ROLE_LICENSEE, RF_DB | RF_MULTIPART, NOF },
	/* The licensee, a reviewer of the office's region, or HQ (checked per file). */
	{ ROUTE_DECL_FILE, "decl_file", METHOD_GET, "/decl/#/file/#",
	    page_decl_file, ANYONE, RF_DB, NOF },
	{ ROUTE_DECL_FILE_DELETE, "decl_file_delete", METHOD_POST, "/decl/#/file/#/delete",
	    page_decl_file_delete, ROLE_LICENSEE, RF_DB, NOF },
	{ ROUTE_HQ_STAFF, "hq_staff", METHOD_GET, "/hq/staff", page_hq_staff,
	    ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_STAFF_NEW_FORM, "hq_staff_new_form", METHOD_GET, "/hq/staff/new",
	    page_hq_staff_new_form, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_STAFF_NEW, "hq_staff_new", METHOD_POST, "/hq/staff/new",
	    page_hq_staff_new, ROLE_HQ, RF_DB, F(f_staff_new) },
	{ ROUTE_HQ_STAFF_TOTP_RESET, "hq_staff_totp_reset", METHOD_POST,
	    "/hq/staff/totp-reset", page_hq_staff_totp_reset, ROLE_HQ, RF_DB,
	    F(f_staff_totp_reset) },
	{ ROUTE_HQ_AUDIT, "hq_audit", METHOD_GET, "/hq/audit", page_hq_audit,
	    ROLE_HQ, RF_DB, F(f_audit) },
	{ ROUTE_HQ_ROUNDS, "hq_rounds", METHOD_GET, "/hq/rounds", page_hq_rounds,
	    ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_ROUNDS_NEW, "hq_rounds_new", METHOD_POST, "/hq/rounds/new",
	    page_hq_rounds_new, ROLE_HQ, RF_DB, F(f_round_new) },
	{ ROUTE_HQ_ROUND, "hq_round", METHOD_GET, "/hq/round/#", page_hq_round,
	    ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_ROUND_OPEN, "hq_round_open", METHOD_POST, "/hq/round/#/open",
	    page_hq_round_open, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_ROUND_EXTEND, "hq_round_extend", METHOD_POST, "/hq/round/#/extend",
	    page_hq_round_extend, ROLE_HQ, RF_DB, F(f_round_extend) },
	{ ROUTE_HQ_RUBRIC, "hq_rubric", METHOD_GET, "/hq/rubric/#", page_hq_rubric,
	    ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_RUBRIC_THRESHOLDS, "hq_rubric_thresholds", METHOD_POST,
	    "/hq/rubric/#/thresholds", page_hq_rubric_thresholds, ROLE_HQ, RF_DB,
	    F(f_rubric_thresholds) },
	{ ROUTE_HQ_RUBRIC_CRITERION, "hq_rubric_criterion", METHOD_POST,
	    "/hq/rubric/#/criterion", page_hq_rubric_criterion, ROLE_HQ, RF_DB,
	    F(f_rubric_criterion) },
	{ ROUTE_HQ_RUBRIC_OPTION, "hq_rubric_option", METHOD_POST,
	    "/hq/rubric/#/option", page_hq_rubric_option, ROLE_HQ, RF_DB,
	    F(f_rubric_option) },
	{ ROUTE_HQ_RUBRIC_EVIDENCE, "hq_rubric_evidence", METHOD_POST,
	    "/hq/rubric/#/evidence", page_hq_rubric_evidence, ROLE_HQ, RF_DB,
	    F(f_rubric_evidence) },
	{ ROUTE_HQ_RUBRIC_VIOLATION, "hq_rubric_violation", METHOD_POST,
	    "/hq/rubric/#/violation", page_hq_rubric_violation, ROLE_HQ, RF_DB,
	    F(f_rubric_violation) },
	{ ROUTE_HQ_OUTBOX, "hq_outbox", METHOD_GET, "/hq/outbox", page_hq_outbox,
	    ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_OUTBOX_REQUEUE, "hq_outbox_requeue", METHOD_POST, "/hq/outbox/requeue",
	    page_hq_outbox_requeue, ROLE_HQ, RF_DB, F(f_staff_totp_reset) },
	/* review.c (regional review) */
	{ ROUTE_REVIEW_QUEUE, "review_queue", METHOD_GET, "/review", page_review_queue,
	    STAFF, RF_DB, F(f_review_queue) },
	{ ROUTE_REVIEW_FILE, "review_file", METHOD_GET, "/review/file/#", page_review_file,
	    STAFF, RF_DB, NOF },
	{ ROUTE_REVIEW_VERIFY, "review_verify", METHOD_POST, "/review/file/#/verify",
	    page_review_verify, ROLE_REVIEWER, RF_DB, F(f_review_verify) },
	{ ROUTE_REVIEW_CONFIRM_SECTION, "review_confirm_section", METHOD_POST,
	    "/review/file/#/confirm-section", page_review_confirm_section, ROLE_REVIEWER, RF_DB,
	    F(f_review_section) },
	{ ROUTE_REVIEW_ASSOCIATION, "review_association", METHOD_POST,
	    "/review/file/#/association", page_review_association, ROLE_REVIEWER, RF_DB,
	    F(f_review_association) },
	{ ROUTE_REVIEW_VIOLATION_ADD, "review_violation_add", METHOD_POST,
	    "/review/file/#/violation", page_review_violation_add, ROLE_REVIEWER, RF_DB,
	    F(f_review_violation) },
	{ ROUTE_REVIEW_VIOLATION_REVOKE, "review_violation_revoke", METHOD_POST,
	    "/review/file/#/violation/#/revoke", page_review_violation_revoke, ROLE_REVIEWER,
	    RF_DB, F(f_review_reason) },
	/* The marked sections (s_<code>) and their remarks (r_<code>): RF_DYNAMIC. */
	{ ROUTE_REVIEW_SEND_BACK, "review_send_back", METHOD_POST, "/review/file/#/send-back",
	    page_review_send_back, ROLE_REVIEWER, RF_DB | RF_DYNAMIC, F(f_review_send_back) },
	{ ROUTE_REVIEW_COMPLETE, "review_complete", METHOD_POST, "/review/file/#/complete",
	    page_review_complete, ROLE_REVIEWER, RF_DB, F(f_decl_version) },
	{ ROUTE_REVIEW_REOPEN, "review_reopen", METHOD_POST, "/review/file/#/reopen",
	    page_review_reopen, ROLE_HQ, RF_DB, F(f_review_reason) },
	{ ROUTE_HQ_REVIEW_OVERDUE, "hq_review_overdue", METHOD_GET, "/hq/review/overdue",
	    page_hq_review_overdue, ROLE_HQ, RF_DB, NOF },
	/* end review.c */
	/* hq_results.c, objection.c (ranking, publication, objections) */
	{ ROUTE_HQ_RESULTS, "hq_results", METHOD_GET, "/hq/round/#/results",
	    page_hq_results, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_ROUND_CLOSE, "hq_round_close", METHOD_POST, "/hq/round/#/close",
	    page_hq_round_close, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_ROUND_RANK, "hq_round_rank", METHOD_POST, "/hq/round/#/rank",
	    page_hq_round_rank, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_ROUND_PUBLISH, "hq_round_publish", METHOD_POST, "/hq/round/#/publish",
	    page_hq_round_publish, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_ROUND_FINAL, "hq_round_final", METHOD_POST, "/hq/round/#/final",
	    page_hq_round_final, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_EXPORT_CSV, "hq_export_csv", METHOD_GET, "/hq/round/#/export.csv",
	    page_hq_export_csv, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_EXPORT_XLSX, "hq_export_xlsx", METHOD_GET, "/hq/round/#/export.xlsx",
	    page_hq_export_xlsx, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_RESULT, "result", METHOD_GET, "/result/#", page_result, ROLE_LICENSEE,
	    RF_DB, F(f_result) },
	/* The criteria it concerns arrive as crit_<code>=1: RF_DYNAMIC. */
	{ ROUTE_RESULT_OBJECT, "result_object", METHOD_POST, "/result/#/objection",
	    page_result_object, ROLE_LICENSEE, RF_DB | RF_DYNAMIC, F(f_objection) },
	{ ROUTE_REVIEW_OBJECTIONS, "review_objections", METHOD_GET, "/review/objections",
	    page_review_objections, STAFF, RF_DB, NOF },
	{ ROUTE_REVIEW_OBJECTION, "review_objection", METHOD_GET, "/review/objection/#",
	    page_review_objection, STAFF, RF_DB, NOF },
	{ ROUTE_REVIEW_OBJECTION_REJECT, "review_objection_reject", METHOD_POST,
	    "/review/objection/#/reject", page_review_objection_reject, ROLE_REVIEWER, RF_DB,
	    F(f_objection_reject) },
	/* The changed values arrive as v_<code>: RF_DYNAMIC. */
	{ ROUTE_REVIEW_OBJECTION_ACCEPT, "review_objection_accept", METHOD_POST,
	    "/review/objection/#/accept", page_review_objection_accept, ROLE_REVIEWER,
	    RF_DB | RF_DYNAMIC, F(f_objection_accept) },
	/* evidence.c: an objection's documents (CSRF checked by the handler). */
	{ ROUTE_OBJECTION_UPLOAD, "objection_upload", METHOD_POST, "/result/#/objection/upload",
	    page_objection_upload, ROLE_LICENSEE, RF_DB | RF_MULTIPART, NOF },
	{ ROUTE_OBJECTION_FILE, "objection_file", METHOD_GET, "/objection/#/file/#",
	    page_objection_file, ANYONE, RF_DB, NOF },
	/* evidence.c: a violation's documents, uploaded by the region. */
	{ ROUTE_VIOLATION_UPLOAD, "violation_upload", METHOD_POST,
	    "/review/file/#/violation/#/upload", page_violation_upload, ROLE_REVIEWER,
	    RF_DB | RF_MULTIPART, NOF },
	{ ROUTE_VIOLATION_FILE, "violation_file", METHOD_GET, "/violation/#/file/#",
	    page_violation_file, ANYONE, RF_DB, NOF },
	/* end hq_results.c */
	/* public.c (public pages) */
	{ ROUTE_VERIFY, "verify", METHOD_GET, "/verify", page_verify,
	    ROLE_PUBLIC, RF_DB, F(f_verify) },
	{ ROUTE_CERTIFICATE, "certificate", METHOD_GET, "/certificate", page_certificate,
	    ROLE_PUBLIC, RF_DB, F(f_certificate) },
	{ ROUTE_RANKS, "ranks", METHOD_GET, "/ranks", page_ranks,
	    ROLE_PUBLIC, RF_DB, F(f_ranks) },
	{ ROUTE_RANKS_JSON, "ranks_json", METHOD_GET, "/ranks.json", page_ranks_json,
	    ROLE_PUBLIC, RF_DB, F(f_ranks_json) },
	/* end public.c */
	/* hq_services.c (services by rank) */
	{ ROUTE_HQ_SERVICES, "hq_services", METHOD_GET, "/hq/services", page_hq_services,
	    ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_SERVICES_AGENCY_ADD, "hq_services_agency_add", METHOD_POST,
	    "/hq/services/agency", page_hq_services_agency_add, ROLE_HQ, RF_DB,
	    F(f_svc_agency_add) },
	{ ROUTE_HQ_SERVICES_SERVICE_ADD, "hq_services_service_add", METHOD_POST,
	    "/hq/services/service", page_hq_services_service_add, ROLE_HQ, RF_DB,
	    F(f_svc_service_add) },
	{ ROUTE_HQ_SERVICES_SERVICE_RENAME, "hq_services_service_rename", METHOD_POST,
	    "/hq/services/service/#", page_hq_services_service_rename, ROLE_HQ, RF_DB,
	    F(f_svc_rename) },
	{ ROUTE_HQ_SERVICES_SERVICE_ACTIVE, "hq_services_service_active", METHOD_POST,
	    "/hq/services/service/#/active", page_hq_services_service_active, ROLE_HQ, RF_DB,
	    F(f_svc_active) },
	/* The CSV upload streams its body itself, CSRF field first (see hq_services.c). */
	{ ROUTE_HQ_SERVICES_IMPORT, "hq_services_import", METHOD_POST,
	    "/hq/services/import", page_hq_services_import, ROLE_HQ, RF_DB | RF_MULTIPART,
	    NOF },
	{ ROUTE_HQ_SERVICES_AREAS, "hq_services_areas", METHOD_GET, "/hq/services/areas",
	    page_hq_services_areas, ROLE_HQ, RF_DB, F(f_svc_province) },
	{ ROUTE_HQ_SERVICES_CITY_FIND, "hq_services_city_find", METHOD_GET,
	    "/hq/services/city", page_hq_services_city_find, ROLE_HQ, RF_DB,
	    F(f_svc_city_find) },
	{ ROUTE_HQ_SERVICES_CITY, "hq_services_city", METHOD_GET, "/hq/services/city/#",
	    page_hq_services_city, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_SERVICES_CITY_SAVE, "hq_services_city_save", METHOD_POST,
	    "/hq/services/city/#", page_hq_services_city_save, ROLE_HQ, RF_DB | RF_DYNAMIC,
	    F(f_svc_city_save) },
	{ ROUTE_HQ_SERVICES_OVER, "hq_services_over", METHOD_GET, "/hq/services/over-quota",
	    page_hq_services_over, ROLE_HQ, RF_DB, F(f_svc_province) },
	{ ROUTE_HQ_SERVICES_OFFICES, "hq_services_offices", METHOD_GET,
	    "/hq/services/offices", page_hq_services_offices, ROLE_HQ, RF_DB,
	    F(f_svc_offices) },
	{ ROUTE_HQ_SERVICES_OFFICE_FIND, "hq_services_office_find", METHOD_GET,
	    "/hq/services/office", page_hq_services_office_find, ROLE_HQ, RF_DB,
	    F(f_svc_find) },
	{ ROUTE_HQ_SERVICES_OFFICE, "hq_services_office", METHOD_GET,
	    "/hq/services/office/#", page_hq_services_office, ROLE_HQ, RF_DB, NOF },
	{ ROUTE_HQ_SERVICES_GRANT, "hq_services_grant", METHOD_POST,
	    "/hq/services/office/#/grant", page_hq_services_grant, ROLE_HQ, RF_DB,
	    F(f_svc_grant) },
	{ ROUTE_HQ_SERVICES_WITHDRAW, "hq_services_withdraw", METHOD_POST,
	    "/hq/services/office/#/withdraw", page_hq_services_withdraw, ROLE_HQ, RF_DB,
	    F(f_svc_withdraw) },
	/* end hq_services.c */
	/* nginx sends its own errors (413 from client_max_body_size …) here. */
	{ ROUTE_ERROR, "error", METHOD_GET, "/_error/", page_error_route,
	    ROLE_PUBLIC, RF_PREFIX, NOF },
	{ ROUTE_HEALTH, "health", METHOD_GET, "/_health", page_health,
	    ROLE_PUBLIC, 0, NOF },
};

/*
 * Matches path against a pattern with '#' and '*' segments (see routes.h), writing
 * the captured segments joined by '/' into out (outsz bytes).  1 on a match.
 */
static int
pattern_match(const char *pat, const char *path, char *out, size_t outsz)
{
	size_t	 o = 0, n;

	while (*pat != '\0') {
		if (*pat == '#' || *pat == '*') {
			const char *ok = *pat == '#' ? "0123456789" :
			    "abcdefghijklmnopqrstuvwxyz0123456789_";
			size_t max = *pat == '#' ? 10 : 32;

			n = strspn(path, ok);
			if (n == 0 || n > max || (path[n] != '/' && path[n] != '\0'))
				return 0;
			if (o + n + 2 > outsz)
				return 0;
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, path, n);
			o += n;
			path += n;
			pat++;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	if (*path != '\0')
		return 0;
	out[o] = '\0';
	return 1;
}

static int
route_path_match(const struct route *rt, const char *path, const char **arg,
    char *cap, size_t capsz)
{
	size_t	 n = strlen(rt->path);

	if (rt->flags & RF_PREFIX) {
		if (strncmp(path, rt->path, n) != 0)
			return 0;
		*arg = path + n;
		return 1;
	}
	if (strpbrk(rt->path, "#*") != NULL) {
		if (!pattern_match(rt->path, path, cap, capsz))
			return 0;
		*arg = cap;
		return 1;
	}
	if (strcmp(path, rt->path) != 0)
		return 0;
	*arg = "";
	return 1;
}

const struct route *
route_find(enum method m, const char *path, const char **arg, int *status,
    const char **allow)
{
	static char	 cap[128];	/* one request at a time per process */
	size_t		 i;
	int		 path_known = 0, get = 0, post = 0;
	enum method	 want = m == METHOD_HEAD ? METHOD_GET : m;

	for (i = 0; i < ROUTE__MAX; i++) {
		if (!route_path_match(&routes[i], path, arg, cap, sizeof(cap)))
			continue;
		path_known = 1;
		if (routes[i].method == METHOD_GET)
			get = 1;
		if (routes[i].method == METHOD_POST)
			post = 1;
		if (routes[i].method == want)
			return &routes[i];
	}
	*status = path_known ? 405 : 404;
	*allow = get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : "POST";
	return NULL;
}

static const char *
validate_one(struct req *r, const struct field_def *fd, const struct http_param *p,
    struct field_val *v)
{
	char	*s;
	size_t	 len;
	char	 nid[11];
	enum fa_nid_err ne;

	switch (fd->v) {
	case V_LINE:
		if ((s = utf8_clean_line(r->arena, p->val, p->vallen, &len)) == NULL)
			return "متن واردشده نویسه‌های نامعتبر دارد.";
		s = fa_normalize(r->arena, s, len, &len);
		if (utf8_count(s, len) > fd->max)
			return "متن واردشده بیش از اندازه طولانی است.";
		v->s = s;
		v->len = len;
		break;
	case V_TEXT:
		if ((s = utf8_clean_text(r->arena, p->val, p->vallen, &len)) == NULL)
			return "متن واردشده نویسه‌های نامعتبر دارد.";
		s = fa_normalize(r->arena, s, len, &len);
		if (utf8_count(s, len) > fd->max)
			return "متن واردشده بیش از اندازه طولانی است.";
		v->s = s;
		v->len = len;
		break;
	case V_SECRET:
		if (!utf8_valid(p->val, p->vallen))
			return "مقدار واردشده نویسه‌های نامعتبر دارد.";
		if (p->vallen > fd->max)
			return "مقدار واردشده بیش از اندازه طولانی است.";
		v->s = p->val;
		v->len = p->vallen;
		break;
	case V_NATIONAL_ID:
		if ((ne = fa_national_id_parse(p->val, p->vallen, nid)) != FA_NID_OK)
			return fa_national_id_message(ne);
		v->s = arena_strndup(r->arena, nid, 10);
		v->len = 10;
		break;
	case V_UINT:
		if (http_parse_uint(p->val, p->vallen, fd->max, &v->n) != 0)
			return "عدد واردشده معتبر نیست.";
		v->s = p->val;
		v->len = p->vallen;
		break;
	case V_TOKEN:
		if (p->vallen == 0 || p->vallen > fd->max ||
		    strspn(p->val, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789_-") != p->vallen)
			return "مقدار واردشده معتبر نیست.";
		v->s = p->val;
		v->len = p->vallen;
		break;
	}
	return NULL;
}

size_t
route_validate(struct req *r, const struct route *rt, const struct http_params *ps,
    struct field_val *in)
{
	const struct http_param	*p;
	size_t			 i, bad = 0;

	for (i = 0; i < rt->nfields; i++) {
		const struct field_def *fd = &rt->fields[i];

		memset(&in[i], 0, sizeof(in[i]));
		in[i].s = "";
		p = http_params_get(ps, fd->key);
		if (p == NULL || p->vallen == 0) {
			if (fd->required) {
				in[i].error = "این مورد را وارد کنید.";
				bad++;
			}
			continue;
		}
		if (http_params_count(ps, fd->key) > 1) {
			in[i].error = "این مورد بیش از یک بار فرستاده شده است.";
			bad++;
			continue;
		}
		in[i].present = 1;
		if ((in[i].error = validate_one(r, fd, p, &in[i])) != NULL) {
			in[i].s = "";
			in[i].len = 0;
			bad++;
		}
	}
	return bad;
}
