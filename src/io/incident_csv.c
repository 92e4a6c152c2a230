/*
 * The incident CSV layout (see incident_csv.h): a streaming reader on
 * libcsv in strict mode that reports each row with the line it starts on,
 * and a writer that quotes only the fields that need it, so the same
 * values always give the same bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "core/mem.h"
#include "io/incident_csv.h"

const char *const icsv_col_names[ICSV__MAX] = {
	"external_id", "source", "organisation", "category", "observed_from",
	"observed_to", "lat", "lon", "x", "y", "area_layer", "area",
	"severity", "people_count", "certainty", "status", "description",
};

#define MAX_FIELDS	64
#define BLOCK		65536

struct reader {
	int		(*fn)(const struct icsv_row *, void *);
	void		*arg;
	struct sv_diag	*d;
	enum sv_err	 err;		/* first error; stops reading */
	int		 stop;		/* fn asked to stop */
	long		 lineno;	/* physical line being fed */
	long		 rec_line;	/* line the current record began on */
	int		 in_record;
	int		 header_done;
	int		 ncols;		/* fields in the header */
	int		 col_of[MAX_FIELDS];
	/* The current record's fields, NUL-separated in buf. */
	struct sv_buf	 buf;
	size_t		 off[MAX_FIELDS];
	int		 nfields;
	int		 extra;		/* fields beyond MAX_FIELDS */
};

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->err != SV_OK || r->stop)
		return;
	if (len > ICSV_FIELD_MAX) {
		r->err = sv_diag_set(r->d, SV_ERR_TOOLARGE, "csv",
		    "a field of %zu bytes; the limit is %d", len,
		    ICSV_FIELD_MAX);
		r->d->line = r->rec_line;
		return;
	}
	if (r->nfields == MAX_FIELDS) {
		r->extra++;
		return;
	}
	r->off[r->nfields++] = r->buf.len;
	if (len > 0)
		sv_buf_add(&r->buf, s, len);
	sv_buf_putc(&r->buf, '\0');
}

static void
header(struct reader *r)
{
	int i, c, seen[ICSV__MAX];
	const char *name;

	memset(seen, 0, sizeof(seen));
	r->header_done = 1;
	if (r->extra > 0) {
		r->err = sv_diag_set(r->d, SV_ERR_INVALID, "header",
		    "more than %d columns", MAX_FIELDS);
		goto out;
	}
	r->ncols = r->nfields;
	for (i = 0; i < r->nfields; i++) {
		name = r->buf.data + r->off[i];
		/* A UTF-8 byte order mark before the first name. */
		if (i == 0 && memcmp(name, "\xef\xbb\xbf", 3) == 0)
			name += 3;
		if (strcmp(name, "id") == 0)
			c = ICSV_EXTERNAL_ID;
		else
			for (c = 0; c < ICSV__MAX; c++)
				if (strcmp(name, icsv_col_names[c]) == 0)
					break;
		if (c == ICSV__MAX) {
			r->err = sv_diag_set(r->d, SV_ERR_INVALID, "header",
			    "unknown column '%s'", name);
			goto out;
		}
		if (seen[c]++) {
			r->err = sv_diag_set(r->d, SV_ERR_INVALID, "header",
			    "column '%s' given twice", icsv_col_names[c]);
			goto out;
		}
		r->col_of[i] = c;
	}
out:
	if (r->err != SV_OK)
		r->d->line = r->rec_line;
}

static void
on_record(int ch, void *data)
{
	struct reader *r = data;
	struct icsv_row row;
	int i;

	(void)ch;
	r->in_record = 0;
	if (r->err != SV_OK || r->stop)
		goto out;
	if (!r->header_done) {
		header(r);
		goto out;
	}
	memset(&row, 0, sizeof(row));
	row.line = r->rec_line;
	if (r->nfields + r->extra != r->ncols) {
		row.error = r->nfields + r->extra < r->ncols ?
		    "fewer fields than the header has columns" :
		    "more fields than the header has columns";
	} else
		for (i = 0; i < r->nfields; i++)
			row.v[r->col_of[i]] = r->buf.data + r->off[i];
	if (r->fn(&row, r->arg) != 0)
		r->stop = 1;
out:
	sv_buf_reset(&r->buf);
	r->nfields = 0;
	r->extra = 0;
}

/* Nothing counts as padding: spaces in a field are data. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Feeds len bytes that lie within one physical line (maybe with its LF). */
static void
feed(struct reader *r, struct csv_parser *p, const char *s, size_t len,
    int at_line_start)
{
	if (len == 0)
		return;
	if (at_line_start && !r->in_record && s[0] != '\n' && s[0] != '\r') {
		r->in_record = 1;
		r->rec_line = r->lineno;
	}
	if (csv_parse(p, s, len, on_field, on_record, r) != len &&
	    r->err == SV_OK) {
		r->err = sv_diag_set(r->d, SV_ERR_INVALID, "csv", "%s",
		    csv_strerror(csv_error(p)));
		r->d->line = r->lineno;
	}
}

/*
 * The last byte of the first line end in [s, end): LF, CRLF or a bare CR
 * (libcsv ends a record at each, so lines are counted the same way);
 * NULL if the line goes on past end.
 */
static const char *
line_end(const char *s, const char *end)
{
	for (; s < end; s++) {
		if (*s == '\n')
			return s;
		if (*s == '\r')
			return s + 1 < end && s[1] == '\n' ? s + 1 : s;
	}
	return NULL;
}

enum sv_err
icsv_read(FILE *fp, int (*fn)(const struct icsv_row *, void *), void *arg,
    struct sv_diag *d)
{
	struct csv_parser p;
	struct reader r;
	char *block;
	const char *s, *nl, *end;
	size_t n;
	int at_start = 1, cr_pending = 0;

	sv_diag_clear(d);
	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.arg = arg;
	r.d = d;
	r.lineno = 1;
	sv_buf_init(&r.buf, (size_t)MAX_FIELDS * (ICSV_FIELD_MAX + 1));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	csv_set_space_func(&p, no_space);
	block = sv_malloc(BLOCK);
	while (r.err == SV_OK && !r.stop &&
	    (n = fread(block, 1, BLOCK, fp)) > 0) {
		s = block;
		end = block + n;
		/* The LF of a CRLF split between two blocks: same line end. */
		if (cr_pending && *s == '\n') {
			feed(&r, &p, s, 1, 0);
			s++;
		}
		cr_pending = 0;
		while (s < end && r.err == SV_OK && !r.stop) {
			nl = line_end(s, end);
			cr_pending = nl == end - 1 && *nl == '\r';
			if (nl == NULL) {
				feed(&r, &p, s, (size_t)(end - s), at_start);
				at_start = 0;
				break;
			}
			feed(&r, &p, s, (size_t)(nl + 1 - s), at_start);
			r.lineno++;
			at_start = 1;
			s = nl + 1;
		}
	}
	if (r.err == SV_OK && ferror(fp))
		r.err = sv_diag_set(d, SV_ERR_IO, "csv", "read failed: %s",
		    strerror(errno));
	if (r.err == SV_OK && !r.stop &&
	    csv_fini(&p, on_field, on_record, &r) != 0 && r.err == SV_OK) {
		r.err = sv_diag_set(d, SV_ERR_INVALID, "csv", "%s",
		    csv_strerror(csv_error(&p)));
		d->line = r.rec_line;
	}
	if (r.err == SV_OK && !r.header_done) {
		r.err = sv_diag_set(d, SV_ERR_INVALID, "header",
		    "the file is empty; a header line is required");
		d->line = 1;
	}
	csv_free(&p);
	free(block);
	sv_buf_free(&r.buf);
	return r.err;
}

static void
put_field(struct sv_buf *b, const char *s)
{
	const char *q;

	if (s == NULL || *s == '\0')
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		sv_buf_puts(b, s);
		return;
	}
	sv_buf_putc(b, '"');
	while ((q = strchr(s, '"')) != NULL) {
		sv_buf_add(b, s, (size_t)(q - s) + 1);
		sv_buf_putc(b, '"');
		s = q + 1;
	}
	sv_buf_puts(b, s);
	sv_buf_putc(b, '"');
}

void
icsv_write_header(struct sv_buf *b)
{
	int c;

	for (c = 0; c < ICSV__MAX; c++) {
		if (c > 0)
			sv_buf_putc(b, ',');
		sv_buf_puts(b, icsv_col_names[c]);
	}
	sv_buf_putc(b, '\n');
}

void
icsv_write_row(struct sv_buf *b, const char *const v[ICSV__MAX])
{
	int c;

	for (c = 0; c < ICSV__MAX; c++) {
		if (c > 0)
			sv_buf_putc(b, ',');
		put_field(b, v[c]);
	}
	sv_buf_putc(b, '\n');
}
