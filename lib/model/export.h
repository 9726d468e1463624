/*
 * A round's results with their breakdown, for HQ: CSV (UTF-8 with a BOM, so that
 * Excel shows Persian) and XLSX (libxlsxwriter, right-to-left sheet).  One row per
 * office: office, file state, basis, first and final score and rank, then each
 * criterion's value and points and the deductions, computed by the engine from the
 * file's current values.
 */
#ifndef GEPS_MODEL_EXPORT_H
#define GEPS_MODEL_EXPORT_H

#include <stdio.h>

#include "db.h"

struct arena;

enum export_format {
	EXPORT_CSV,
	EXPORT_XLSX
};

/*
 * Writes round_id's results to path (created or replaced; "-" is standard output
 * for CSV).  *rows is the number of offices written.  Returns DB_OK, a db error,
 * or DB_ERROR with *why set when the file could not be written.
 */
enum db_err	 export_round(struct db *, struct arena *, long long round_id,
		    enum export_format, const char *path, long long *rows, const char **why);

#endif
