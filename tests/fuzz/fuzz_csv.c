/*
 * libFuzzer target for the CSV reader (the first thing `geps import-offices` runs
 * on a file from outside).  The input is handed over in an exact-size buffer so
 * that any over-read is caught, and every result is checked against what csv.h
 * promises: records of 1..max_fields fields, each NUL-terminated, within
 * max_field bytes and valid UTF-8; lines that only grow; an error with a line
 * inside the input that stays sticky.  Then the records are written back out
 * with every field quoted and read again, which must give the same fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "csv.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct csv_limits lim = { 16, 256, 2048 };
/* Re-quoting at most doubles a field, plus quotes and separators. */
static const struct csv_limits wide = { 16, 256, 2 * 2048 + 64 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct csv_reader	 rd, rd2;
	struct csv_record	 rec, rec2;
	struct buf		 out;
	enum csv_err		 e;
	char			*s;
	size_t			 i, lastline = 0, lines = 1;

	if (a == NULL)
		a = arena_new(1 << 16);
	if ((s = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	for (i = 0; i < size; i++)
		lines += s[i] == '\n';

	csv_init(&rd, s, size, &lim);
	for (;;) {
		e = csv_next(&rd, a, &rec);
		if (e != CSV_OK) {
			if (e >= CSV_ERR__MAX || e == CSV_ERR_SYNTAX || rec.n != 0)
				abort();
			if (csv_error_line(&rd) < 1 || csv_error_line(&rd) > lines)
				abort();
			if (csv_next(&rd, a, &rec) != e)
				abort();
			break;
		}
		if (rec.n == 0)
			break;
		if (rec.n > lim.max_fields || rec.line < 1 || rec.line > lines ||
		    rec.line <= lastline)
			abort();
		lastline = rec.line;
		buf_init(&out, a);
		for (i = 0; i < rec.n; i++) {
			const char	*f = rec.v[i].s;
			size_t		 k;

			if (rec.v[i].len > lim.max_field || f[rec.v[i].len] != '\0' ||
			    !utf8_valid(f, rec.v[i].len))
				abort();
			if (i > 0)
				buf_putc(&out, ',');
			buf_putc(&out, '"');
			for (k = 0; k < rec.v[i].len; k++) {
				if (f[k] == '"')
					buf_putc(&out, '"');
				buf_putc(&out, f[k]);
			}
			buf_putc(&out, '"');
		}
		buf_puts(&out, "\r\n");
		csv_init(&rd2, out.data, out.len, &wide);
		if (csv_next(&rd2, a, &rec2) != CSV_OK || rec2.n != rec.n ||
		    rec2.line != 1)
			abort();
		for (i = 0; i < rec.n; i++)
			if (rec2.v[i].len != rec.v[i].len ||
			    memcmp(rec2.v[i].s, rec.v[i].s, rec.v[i].len) != 0)
				abort();
		if (csv_next(&rd2, a, &rec2) != CSV_OK || rec2.n != 0)
			abort();
	}
	arena_reset(a);
	free(s);
	return 0;
}
