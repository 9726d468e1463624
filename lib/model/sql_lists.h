/*
 * The per-entity statement lists, in table order.  No include guard: stmts.h and
 * stmts.c include it with different definitions of STMT().
 */
#include "model/sql_migrate.h"
#include "model/sql_round.h"
#include "model/sql_rubric.h"
#include "model/sql_declaration.h"
#include "model/sql_upload.h"
#include "model/sql_office_data.h"
#include "model/sql_outbox.h"
#include "model/sql_audit.h"
#include "model/sql_import.h"
#include "model/sql_user.h"
#include "model/sql_session.h"
#include "model/sql_demo.h"
#include "model/sql_office.h"
#include "model/sql_staff.h"
#include "model/sql_review.h"
#include "model/sql_ranking.h"
#include "model/sql_objection.h"
#include "model/sql_public.h"
#include "model/sql_services.h"
#include "model/sql_page_cache.h"
