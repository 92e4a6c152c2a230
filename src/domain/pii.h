/*
 * Personal data in free text: finds Swedish personnummer and
 * samordningsnummer (10 or 12 digits, with or without the separator '-'
 * or the century sign '+', a plausible date and a correct Luhn digit),
 * phone numbers (Swedish national and +46/0046 forms) and e-mail
 * addresses, and either refuses the text with a clear message or masks
 * each find with a label such as "[personnummer]". The mode is an
 * installation setting (domain/trust_setting, "pii_mode").
 *
 * The scanner is pure (no store, no allocation) so it can be tested on
 * tables of numbers and fuzzed.
 */
#ifndef SV_PII_H
#define SV_PII_H

#include <stddef.h>

#include "core/err.h"
#include "core/mem.h"

enum sv_pii_kind {
	SV_PII_PERSONNUMMER,
	SV_PII_SAMORDNINGSNUMMER,
	SV_PII_PHONE,
	SV_PII_EMAIL,
	SV_PII__MAX
};
/* "personnummer", "samordningsnummer", "telefonnummer", "e-post". */
extern const char *const sv_pii_kind_names[SV_PII__MAX];

enum sv_pii_mode {
	SV_PII_REFUSE,		/* the save fails naming what was found */
	SV_PII_MASK,		/* each find is replaced by "[kind]" */
	SV_PII_MODE__MAX
};
/* "refuse", "mask". */
extern const char *const sv_pii_mode_names[SV_PII_MODE__MAX];

struct sv_pii_hit {
	enum sv_pii_kind	kind;
	size_t			off;	/* byte offset in the text */
	size_t			len;	/* bytes */
};

/*
 * Scans text (NUL-terminated; NULL is empty) left to right and stores up
 * to max finds in hits (may be NULL when max is 0), in text order and
 * not overlapping. Returns the number of finds, which may exceed max.
 */
size_t		pii_scan(const char *text, struct sv_pii_hit *hits,
		    size_t max);

/*
 * 1 if s[0..len) is exactly one personnummer or samordningsnummer in one
 * of the accepted spellings (YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN,
 * YYYYMMDD-NNNN, YYYYMMDDNNNN). *kind (may be NULL) tells which.
 */
int		pii_personnummer(const char *s, size_t len,
		    enum sv_pii_kind *kind);

/*
 * 1 if text contains a personnummer or samordningsnummer (kept under
 * this name for the modules that used it before pii.c existed).
 */
int		text_has_personnummer(const char *text);

/*
 * The one refusal of personal data in free text, whichever module finds
 * it: SV_ERR_INVALID naming field, with the stable English message
 * "personal data (<kind>) in the text; remove it" (kind as in
 * sv_pii_kind_names; the web shows its Swedish wording by it).
 */
enum sv_err	pii_refuse(const char *field, enum sv_pii_kind,
		    struct sv_diag *);

/*
 * Checks free text field for personal data. With nothing found *out is
 * text. With SV_PII_REFUSE a find is SV_ERR_INVALID naming field and the
 * kind found (the number itself is never echoed). With SV_PII_MASK *out
 * is a new string in the arena with every find replaced by its label.
 */
enum sv_err	pii_check(const char *text, enum sv_pii_mode,
		    const char *field, struct sv_arena *, const char **out,
		    struct sv_diag *);

#endif
