/*
 * Helpers shared by the domain modules (not for use above the domain):
 * the clock, copying column text into an arena, and field checks.
 */
#ifndef SV_DOM_H
#define SV_DOM_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"

struct sv_stmt;

/* Seconds since the epoch; $SV_FAKE_NOW overrides (tests). */
int64_t		 dom_now(void);
/* Column text copied into the arena; NULL stays NULL. */
const char	*dom_col(struct sv_arena *, struct sv_stmt *, int col);
/*
 * Checks a required text field: present, at most max bytes, valid UTF-8,
 * no control characters. SV_ERR_INVALID naming field otherwise.
 */
enum sv_err	 dom_text(const char *s, const char *field, size_t max,
		    int required, struct sv_diag *);
/* A code: 1..max of [A-Za-z0-9_.-]. */
enum sv_err	 dom_code(const char *s, const char *field, size_t max,
		    struct sv_diag *);
/* Index of s in names[0..n) or -1. */
int		 dom_lookup(const char *const *names, int n, const char *s);
/* Hex SHA-256 of s into out[65]. */
void		 dom_sha256_hex(const void *p, size_t len, char out[65]);
/* Lower-cases ASCII and the Swedish letters (å ä ö é ü) of UTF-8 s into
 * out (at most outlen bytes with NUL). */
void		 dom_casefold(const char *s, char *out, size_t outlen);

#endif
