/*
 * The JSON writer (see json.h).  Escaping follows RFC 8259: the only bytes that must
 * be escaped are '"', '\\' and U+0000..U+001F; everything else valid is copied.
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "utf8.h"

static const char hexdig[] = "0123456789abcdef";

static void
put_u(struct buf *b, unsigned v)
{
	char	 e[6] = { '\\', 'u', hexdig[v >> 12 & 15], hexdig[v >> 8 & 15],
		    hexdig[v >> 4 & 15], hexdig[v & 15] };

	buf_append(b, e, sizeof(e));
}

void
json_string(struct buf *b, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, run, n;
	uint32_t		 cp;

	buf_putc(b, '"');
	while (i < len) {
		/* Copy plain ASCII in runs: the common case. */
		for (run = i; run < len && p[run] >= 0x20 && p[run] < 0x80 &&
		    p[run] != '"' && p[run] != '\\'; run++)
			;
		if (run > i) {
			buf_append(b, p + i, run - i);
			i = run;
			continue;
		}
		if (p[i] == '"' || p[i] == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)p[i]);
			i++;
		} else if (p[i] < 0x20) {
			put_u(b, p[i]);
			i++;
		} else if ((n = utf8_decode(p + i, len - i, &cp)) == 0) {
			/* Not UTF-8: one replacement character per bad byte. */
			buf_append(b, "\xef\xbf\xbd", 3);
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			/* Valid JSON, but line terminators in older JavaScript. */
			put_u(b, cp);
			i += n;
		} else {
			buf_append(b, p + i, n);
			i += n;
		}
	}
	buf_putc(b, '"');
}

/* The comma before every member but the first, then "key":. */
static void
member(struct buf *b, const char *key)
{
	if (b->len > 0 && b->data[b->len - 1] != '{')
		buf_putc(b, ',');
	json_string(b, key, strlen(key));
	buf_putc(b, ':');
}

void
json_begin(struct buf *b)
{
	buf_putc(b, '{');
}

void
json_end(struct buf *b)
{
	buf_putc(b, '}');
}

void
json_str(struct buf *b, const char *key, const char *val)
{
	if (val == NULL)
		json_null(b, key);
	else
		json_strn(b, key, val, strlen(val));
}

void
json_strn(struct buf *b, const char *key, const char *val, size_t len)
{
	member(b, key);
	json_string(b, val, len);
}

void
json_int(struct buf *b, const char *key, long long v)
{
	member(b, key);
	buf_printf(b, "%lld", v);
}

void
json_bool(struct buf *b, const char *key, int v)
{
	member(b, key);
	buf_puts(b, v ? "true" : "false");
}

void
json_null(struct buf *b, const char *key)
{
	member(b, key);
	buf_puts(b, "null");
}
