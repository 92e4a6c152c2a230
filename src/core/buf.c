/*
 * Growable buffer with a cap.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

void
sv_buf_init(struct sv_buf *b, size_t cap)
{
	b->data = NULL;
	b->len = b->alloc = 0;
	b->cap = cap ? cap : SV_BUF_DEFAULT_CAP;
}

void
sv_buf_free(struct sv_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
}

void
sv_buf_reset(struct sv_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

enum sv_err
sv_buf_add(struct sv_buf *b, const void *p, size_t n)
{
	if (n >= b->cap || b->len >= b->cap - n)
		return SV_ERR_TOOLARGE;
	if (b->len + n + 1 > b->alloc) {
		size_t na = b->alloc ? b->alloc : 256;

		while (na < b->len + n + 1)
			na *= 2;
		b->data = sv_realloc(b->data, na);
		b->alloc = na;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return SV_OK;
}

enum sv_err
sv_buf_puts(struct sv_buf *b, const char *s)
{
	return sv_buf_add(b, s, strlen(s));
}

enum sv_err
sv_buf_putc(struct sv_buf *b, char c)
{
	return sv_buf_add(b, &c, 1);
}

enum sv_err
sv_buf_printf(struct sv_buf *b, const char *fmt, ...)
{
	char small[256], *big;
	va_list ap;
	int n;
	enum sv_err e;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return SV_ERR_INTERNAL;
	if ((size_t)n < sizeof(small))
		return sv_buf_add(b, small, (size_t)n);
	big = sv_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	e = sv_buf_add(b, big, (size_t)n);
	free(big);
	return e;
}

enum sv_err
sv_buf_json_str(struct sv_buf *b, const char *s)
{
	enum sv_err e = sv_buf_putc(b, '"');
	const unsigned char *p;

	for (p = (const unsigned char *)s; e == SV_OK && *p; p++) {
		switch (*p) {
		case '"':
			e = sv_buf_puts(b, "\\\"");
			break;
		case '\\':
			e = sv_buf_puts(b, "\\\\");
			break;
		case '\n':
			e = sv_buf_puts(b, "\\n");
			break;
		case '\r':
			e = sv_buf_puts(b, "\\r");
			break;
		case '\t':
			e = sv_buf_puts(b, "\\t");
			break;
		case '<':
			/* Keeps "</script>" inert if JSON lands in HTML. */
			e = sv_buf_puts(b, "\\u003c");
			break;
		default:
			if (*p < 0x20)
				e = sv_buf_printf(b, "\\u%04x", *p);
			else
				e = sv_buf_putc(b, (char)*p);
		}
	}
	return e == SV_OK ? sv_buf_putc(b, '"') : e;
}

char *
sv_buf_steal(struct sv_buf *b)
{
	char *p = b->data ? b->data : sv_strdup("");

	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}
