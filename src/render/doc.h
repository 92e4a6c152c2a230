/*
 * Printable documents: a small block model (title, headings, paragraphs,
 * label-value lines, list items, notes) that renders to one HTML page
 * with print styles and to PDF through cairo and pango (A4, paginated
 * line by line, a footer with the date, the document version and the
 * page number on every page). The same blocks make both, so the HTML and
 * the PDF of a document say the same thing.
 *
 * Memory: the document and its strings live in the arena given to
 * rdoc_new. Output goes to a caller's sv_buf.
 */
#ifndef SV_RENDER_DOC_H
#define SV_RENDER_DOC_H

#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"

enum rdoc_kind {
	RDOC_TITLE,
	RDOC_H1,
	RDOC_H2,
	RDOC_P,
	RDOC_KV,	/* label: value */
	RDOC_ITEM,	/* bullet item */
	RDOC_NOTE,	/* highlighted remark (a draft, a shortfall) */
	RDOC__MAX
};

struct rdoc;

/* A new document; title shows in the HTML <title> and the PDF metadata. */
struct rdoc	*rdoc_new(struct sv_arena *, const char *title);
/* Sets the footer: date and version text (copied). */
void		 rdoc_footer(struct rdoc *, const char *date,
		    const char *version);
/* Appends a block; text (and label for KV) are copied; NULL is "". */
void		 rdoc_add(struct rdoc *, enum rdoc_kind, const char *label,
		    const char *text);
/* printf-style paragraph of kind k. */
void		 rdoc_addf(struct rdoc *, enum rdoc_kind k, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* Hex SHA-256 prefix (12 characters) of the document's text, into out. */
void		 rdoc_digest(const struct rdoc *, char out[13]);

/* The document as a complete HTML page (lang="sv"). Errors: TOOLARGE. */
enum sv_err	 rdoc_html(const struct rdoc *, struct sv_buf *out);
/* The document as PDF. Errors: SV_ERR_INTERNAL (cairo), TOOLARGE. */
enum sv_err	 rdoc_pdf(const struct rdoc *, struct sv_buf *out);
/*
 * Releases the fonts the calling thread's pango font map holds; call
 * once, after the last rdoc_pdf, with no other thread rendering.
 * fontconfig's process-lifetime caches stay (FcFini asserts at random
 * while cairo still holds a pattern); the sanitizer build's leak check
 * is told about them in doc.c (__lsan_default_suppressions) and about
 * nothing else.
 */
void		 rdoc_pdf_release(void);

#endif
