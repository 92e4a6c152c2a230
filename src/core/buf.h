/*
 * Growable byte buffer with a hard size cap (after curl's dynbuf). The
 * contents are always NUL-terminated. Appends past the cap fail with
 * SV_ERR_TOOLARGE and leave the buffer unchanged.
 */
#ifndef SV_BUF_H
#define SV_BUF_H

#include <stddef.h>

#include "err.h"

struct sv_buf {
	char	*data;
	size_t	 len, alloc, cap;
};

#define SV_BUF_DEFAULT_CAP	((size_t)64 * 1024 * 1024)

void		sv_buf_init(struct sv_buf *, size_t cap);
void		sv_buf_free(struct sv_buf *);
void		sv_buf_reset(struct sv_buf *);
enum sv_err	sv_buf_add(struct sv_buf *, const void *, size_t);
enum sv_err	sv_buf_puts(struct sv_buf *, const char *);
enum sv_err	sv_buf_putc(struct sv_buf *, char);
enum sv_err	sv_buf_printf(struct sv_buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
enum sv_err	sv_buf_json_str(struct sv_buf *, const char *s);
/* Returns the contents (caller frees) and resets the buffer. */
char		*sv_buf_steal(struct sv_buf *);

#endif
