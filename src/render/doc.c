/*
 * The printable document model and its two renderings (see doc.h): HTML
 * written by hand with escaping, PDF through a cairo PDF surface that
 * streams into a buffer and pango layouts (DejaVu Sans), broken into
 * pages between lines.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <sodium.h>

#include "render/doc.h"

struct rblock {
	enum rdoc_kind	 kind;
	const char	*label;
	const char	*text;
};

struct rdoc {
	struct sv_arena	*arena;
	const char	*title;
	const char	*date;
	const char	*version;
	struct rblock	*b;
	size_t		 n, cap;
};

struct rdoc *
rdoc_new(struct sv_arena *a, const char *title)
{
	struct rdoc *d = sv_arena_alloc(a, sizeof(*d));

	d->arena = a;
	d->title = sv_arena_strdup(a, title ? title : "");
	d->date = "";
	d->version = "";
	return d;
}

void
rdoc_footer(struct rdoc *d, const char *date, const char *version)
{
	d->date = sv_arena_strdup(d->arena, date ? date : "");
	d->version = sv_arena_strdup(d->arena, version ? version : "");
}

void
rdoc_add(struct rdoc *d, enum rdoc_kind k, const char *label,
    const char *text)
{
	struct rblock *nb;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		nb = sv_arena_alloc(d->arena, d->cap * sizeof(*nb));
		if (d->n)
			memcpy(nb, d->b, d->n * sizeof(*nb));
		d->b = nb;
	}
	d->b[d->n].kind = k;
	d->b[d->n].label = sv_arena_strdup(d->arena, label ? label : "");
	d->b[d->n].text = sv_arena_strdup(d->arena, text ? text : "");
	d->n++;
}

void
rdoc_addf(struct rdoc *d, enum rdoc_kind k, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = sv_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rdoc_add(d, k, NULL, s);
	free(s);
}

void
rdoc_digest(const struct rdoc *d, char out[13])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	size_t i;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)d->title,
	    strlen(d->title) + 1);
	for (i = 0; i < d->n; i++) {
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)d->b[i].label,
		    strlen(d->b[i].label) + 1);
		crypto_hash_sha256_update(&st,
		    (const unsigned char *)d->b[i].text,
		    strlen(d->b[i].text) + 1);
	}
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	memcpy(out, hex, 12);
	out[12] = '\0';
}

/* HTML */

static enum sv_err
esc(struct sv_buf *b, const char *s)
{
	enum sv_err e = SV_OK;

	for (; *s && e == SV_OK; s++) {
		switch (*s) {
		case '<':
			e = sv_buf_puts(b, "&lt;");
			break;
		case '>':
			e = sv_buf_puts(b, "&gt;");
			break;
		case '&':
			e = sv_buf_puts(b, "&amp;");
			break;
		case '"':
			e = sv_buf_puts(b, "&quot;");
			break;
		case '\n':
			e = sv_buf_puts(b, "<br>");
			break;
		default:
			e = sv_buf_putc(b, *s);
			break;
		}
	}
	return e;
}

enum sv_err
rdoc_html(const struct rdoc *d, struct sv_buf *b)
{
	static const char *const open[RDOC__MAX] = {
		"<h1>", "<h2>", "<h3>", "<p>", "<p class=\"kv\"><b>", "<li>",
		"<p class=\"note\">",
	};
	static const char *const close[RDOC__MAX] = {
		"</h1>\n", "</h2>\n", "</h3>\n", "</p>\n", "</p>\n", "</li>\n",
		"</p>\n",
	};
	size_t i;
	int in_list = 0;

	sv_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	esc(b, d->title);
	sv_buf_puts(b, "</title>\n<style>\n"
	    "body{font-family:\"DejaVu Sans\",sans-serif;max-width:46em;"
	    "margin:2em auto;padding:0 1em;line-height:1.45;color:#111}\n"
	    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;"
	    "border-bottom:1px solid #999}h3{font-size:1.05em}\n"
	    ".kv b{display:inline-block;min-width:12em}\n"
	    ".note{border-left:4px solid #b00;padding-left:.6em;"
	    "color:#700}\nfooter{margin-top:3em;font-size:.85em;color:#444;"
	    "border-top:1px solid #999}\n"
	    "@media print{body{margin:0;max-width:none}h2{break-after:"
	    "avoid}footer{position:fixed;bottom:0}}\n</style>\n</head>\n"
	    "<body>\n<main>\n");
	for (i = 0; i < d->n; i++) {
		const struct rblock *k = &d->b[i];

		if (k->kind == RDOC_ITEM && !in_list) {
			sv_buf_puts(b, "<ul>\n");
			in_list = 1;
		} else if (k->kind != RDOC_ITEM && in_list) {
			sv_buf_puts(b, "</ul>\n");
			in_list = 0;
		}
		if (k->kind == RDOC_KV && *k->label == '\0')
			sv_buf_puts(b, "<p class=\"kv\">");
		else
			sv_buf_puts(b, open[k->kind]);
		if (k->kind == RDOC_KV && *k->label != '\0') {
			esc(b, k->label);
			sv_buf_puts(b, "</b> ");
		}
		esc(b, k->text);
		sv_buf_puts(b, close[k->kind]);
	}
	if (in_list)
		sv_buf_puts(b, "</ul>\n");
	sv_buf_puts(b, "</main>\n<footer><p>Utskriven ");
	esc(b, d->date);
	sv_buf_puts(b, " · ");
	esc(b, d->version);
	return sv_buf_puts(b, "</p></footer>\n</body>\n</html>\n");
}

/* PDF */

#define PT_W		595.276	/* A4 in points */
#define PT_H		841.890
#define MARGIN		56.0
#define FOOT		28.0

struct pdf {
	cairo_t		*cr;
	PangoLayout	*layout;
	const struct rdoc *d;
	double		 y;
	int		 page;
	struct sv_buf	*out;
	enum sv_err	 err;
};

static cairo_status_t
pdf_write(void *cls, const unsigned char *data, unsigned int len)
{
	struct pdf *p = cls;

	if (sv_buf_add(p->out, data, len) != SV_OK) {
		p->err = SV_ERR_TOOLARGE;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void
footer(struct pdf *p)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(
	    "DejaVu Sans 7.5");
	char *s;
	int n;

	n = snprintf(NULL, 0, "Utskriven %s · %s · sida %d", p->d->date,
	    p->d->version, p->page);
	s = sv_malloc((size_t)n + 1);
	snprintf(s, (size_t)n + 1, "Utskriven %s · %s · sida %d",
	    p->d->date, p->d->version, p->page);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	cairo_move_to(p->cr, MARGIN, PT_H - MARGIN + 8);
	pango_cairo_show_layout(p->cr, l);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	free(s);
	pango_font_description_free(fd);
	g_object_unref(l);
}

static void
new_page(struct pdf *p)
{
	footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Lays text out in the current font and shows it line by line. */
static void
flow(struct pdf *p, const char *markup, double indent, double before,
    double after)
{
	PangoLayoutIter *it;
	PangoRectangle log;
	double h, base;

	pango_layout_set_width(p->layout, (int)((PT_W - 2 * MARGIN - indent) *
	    PANGO_SCALE));
	pango_layout_set_markup(p->layout, markup, -1);
	p->y += before;
	it = pango_layout_get_iter(p->layout);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		h = (double)log.height / PANGO_SCALE;
		if (p->y + h > PT_H - MARGIN - FOOT)
			new_page(p);
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE -
		    (double)log.y / PANGO_SCALE;
		cairo_move_to(p->cr, MARGIN + indent, p->y + base);
		pango_cairo_show_layout_line(p->cr,
		    pango_layout_iter_get_line_readonly(it));
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y += after;
}

enum sv_err
rdoc_pdf(const struct rdoc *d, struct sv_buf *out)
{
	static const char *const font[RDOC__MAX] = {
		"DejaVu Sans Bold 18", "DejaVu Sans Bold 13.5",
		"DejaVu Sans Bold 11", "DejaVu Sans 10", "DejaVu Sans 10",
		"DejaVu Sans 10", "DejaVu Sans Oblique 10",
	};
	cairo_surface_t *surf;
	PangoFontDescription *fd;
	struct pdf p;
	size_t i;
	char *esc_label, *esc_text, *m;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.out = out;
	p.page = 1;
	p.y = MARGIN;
	surf = cairo_pdf_surface_create_for_stream(pdf_write, &p, PT_W, PT_H);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
	    d->title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
	    "samverkan");
	/* The creation date is the document's own day, not the clock: the
	 * same record renders to the same bytes (and SHA-256), which the
	 * demo's documents rely on. */
	if (d->date != NULL && strlen(d->date) == 10) {
		char when[24];

		snprintf(when, sizeof(when), "%sT00:00:00", d->date);
		cairo_pdf_surface_set_metadata(surf,
		    CAIRO_PDF_METADATA_CREATE_DATE, when);
	}
	p.cr = cairo_create(surf);
	p.layout = pango_cairo_create_layout(p.cr);
	pango_layout_set_wrap(p.layout, PANGO_WRAP_WORD_CHAR);
	for (i = 0; i < d->n; i++) {
		const struct rblock *k = &d->b[i];

		fd = pango_font_description_from_string(font[k->kind]);
		pango_layout_set_font_description(p.layout, fd);
		pango_font_description_free(fd);
		esc_label = g_markup_escape_text(k->label, -1);
		esc_text = g_markup_escape_text(k->text, -1);
		if (k->kind == RDOC_KV && *k->label != '\0')
			m = g_strdup_printf("<b>%s</b>  %s", esc_label,
			    esc_text);
		else if (k->kind == RDOC_ITEM)
			m = g_strdup_printf("•  %s", esc_text);
		else if (k->kind == RDOC_NOTE)
			m = g_strdup_printf("<span foreground=\"#990000\">"
			    "%s</span>", esc_text);
		else
			m = g_strdup(esc_text);
		if (k->kind == RDOC_H1 && p.y > PT_H - MARGIN - FOOT - 80)
			new_page(&p);
		flow(&p, m, k->kind == RDOC_ITEM ? 12 : 0,
		    k->kind == RDOC_H1 ? 14 : k->kind == RDOC_H2 ? 8 : 0,
		    k->kind == RDOC_TITLE ? 12 : 4);
		g_free(m);
		g_free(esc_label);
		g_free(esc_text);
	}
	footer(&p);
	g_object_unref(p.layout);
	cairo_destroy(p.cr);
	cairo_surface_finish(surf);
	if (p.err == SV_OK && cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		p.err = SV_ERR_INTERNAL;
	cairo_surface_destroy(surf);
	return p.err;
}

void
rdoc_pdf_release(void)
{
	PangoFontMap *fm = pango_cairo_font_map_get_default();

	if (PANGO_IS_FC_FONT_MAP(fm))
		pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(fm));
	pango_cairo_font_map_set_default(NULL);
}

/*
 * LeakSanitizer's hook (used only when linked with it): fontconfig's
 * configuration and font caches live as long as the process and are not
 * reachable from pointers LeakSanitizer scans. Only allocations made
 * inside libfontconfig are suppressed.
 */
const char	*__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
