/*
 * Point CSV reader: a small RFC 4180 record splitter over a buffer, the
 * header mapped to the wanted columns, then one point per record.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/svtime.h"
#include "pointcsv.h"

/* One record: fields as NUL-terminated copies in a scratch buffer. */
struct rec {
	char	*fields[POINTCSV_MAX_FIELDS];
	size_t	 nf;
	char	*scratch;
	size_t	 salloc;
};

/*
 * Splits the record starting at *pos into r; advances *pos and *line.
 * Returns 1 for a record, 0 at the end, -1 on error (diag set).
 */
static int
next_record(const char *buf, size_t len, size_t *pos, long *line,
    struct rec *r, struct sv_diag *diag)
{
	size_t p = *pos, o = 0;
	long start = *line;
	int inq = 0;

	if (p >= len)
		return 0;
	if (r->salloc < len - p + 1) {
		r->salloc = len - p + 1 < 4096 ? 4096 : len - p + 1;
		free(r->scratch);
		r->scratch = sv_malloc(r->salloc);
	}
	r->nf = 0;
	r->fields[r->nf++] = r->scratch;
	for (; p < len; p++) {
		char c = buf[p];

		if (inq) {
			if (c == '"') {
				if (p + 1 < len && buf[p + 1] == '"') {
					r->scratch[o++] = '"';
					p++;
				} else
					inq = 0;
			} else {
				if (c == '\n')
					(*line)++;
				r->scratch[o++] = c;
			}
			continue;
		}
		if (c == '"') {
			inq = 1;
			continue;
		}
		if (c == '\r' && p + 1 < len && buf[p + 1] == '\n')
			continue;
		if (c == '\n') {
			p++;
			break;
		}
		if (c == ',') {
			r->scratch[o++] = '\0';
			if (r->nf == POINTCSV_MAX_FIELDS) {
				sv_diag_set(diag, SV_ERR_INVALID, "csv", "line "
				    "%ld has more than %d fields", start,
				    POINTCSV_MAX_FIELDS);
				if (diag != NULL)
					diag->line = start;
				return -1;
			}
			r->fields[r->nf++] = r->scratch + o;
			continue;
		}
		r->scratch[o++] = c;
	}
	if (inq) {
		sv_diag_set(diag, SV_ERR_INVALID, "csv", "line %ld: a quoted "
		    "field is not closed", start);
		if (diag != NULL)
			diag->line = start;
		return -1;
	}
	r->scratch[o] = '\0';
	*pos = p;
	(*line)++;
	return 1;
}

static int
col_find(const struct rec *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->nf; i++)
		if (strcasecmp(h->fields[i], name) == 0)
			return (int)i;
	return -1;
}

static enum sv_err
bad(struct sv_diag *diag, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum sv_err
bad(struct sv_diag *diag, long line, const char *field, const char *fmt, ...)
{
	char msg[SV_DIAG_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sv_diag_set(diag, SV_ERR_INVALID, field, "line %ld: %s", line, msg);
	if (diag != NULL)
		diag->line = line;
	return SV_ERR_INVALID;
}

static int
parse_num(const char *s, double *v)
{
	char *end;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end != '\0' || errno == ERANGE || !isfinite(*v))
		return -1;
	return 0;
}

static int
parse_days(const char *s, double *v)
{
	int64_t t;
	size_t len = strlen(s);

	if (len == 10 && s[4] == '-' && s[7] == '-') {
		char *e1, *e2, *e3;
		long y = strtol(s, &e1, 10), m = strtol(s + 5, &e2, 10);
		long d = strtol(s + 8, &e3, 10);

		if (e1 != s + 4 || e2 != s + 7 || e3 != s + 10 || m < 1 ||
		    m > 12 || d < 1 || d > 31)
			return -1;
		/* Reject 2026-02-30 by a round trip. */
		{
			int yy, mm, dd;
			int64_t days = sv_days_from_civil((int)y, (int)m,
			    (int)d);

			sv_civil_from_days(days, &yy, &mm, &dd);
			if (yy != y || mm != m || dd != d)
				return -1;
			*v = (double)days;
		}
		return 0;
	}
	if (parse_num(s, v) == 0)
		return 0;
	if (sv_time_parse(s, &t, "time", NULL) == SV_OK) {
		*v = (double)t / 86400.0;
		return 0;
	}
	return -1;
}

struct ident {
	const char	*id;
	long		 line;
};

static int
ident_cmp(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;

	return strcmp(x->id, y->id);
}

enum sv_err
pointcsv_parse(const char *buf, size_t len, const struct pointcsv_spec *sp,
    struct pointcsv **out, struct sv_diag *diag)
{
	struct rec r;
	struct pointcsv *pc = NULL;
	size_t pos = 0, alloc = 0;
	long line = 1, recline;
	int cx, cy, ct = -1, cc = -1, ci = -1, got;
	const char *fx, *fy;
	enum sv_err rc = SV_OK;

	*out = NULL;
	sv_diag_clear(diag);
	memset(&r, 0, sizeof(r));
	if (len > POINTCSV_MAX_BYTES)
		return sv_diag_set(diag, SV_ERR_TOOLARGE, "csv", "the file is "
		    "larger than %zu bytes", POINTCSV_MAX_BYTES);
	/* Skip a UTF-8 byte order mark. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	got = next_record(buf, len, &pos, &line, &r, diag);
	if (got < 0) {
		rc = SV_ERR_INVALID;
		goto out;
	}
	if (got == 0 || (r.nf == 1 && r.fields[0][0] == '\0')) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, "csv", "the file is "
		    "empty (a header row is needed)");
		goto out;
	}
	pc = sv_calloc(1, sizeof(*pc));
	fx = sp->x_field ? sp->x_field : "x";
	fy = sp->y_field ? sp->y_field : "y";
	cx = col_find(&r, fx);
	cy = col_find(&r, fy);
	if ((cx < 0 || cy < 0) && sp->x_field == NULL) {
		fx = sp->lon_field ? sp->lon_field : "lon";
		fy = sp->lat_field ? sp->lat_field : "lat";
		cx = col_find(&r, fx);
		cy = col_find(&r, fy);
		if ((cx < 0 || cy < 0) && sp->lat_field == NULL) {
			fx = "longitude";
			fy = "latitude";
			cx = col_find(&r, fx);
			cy = col_find(&r, fy);
		}
		pc->latlon = 1;
	}
	if (cx < 0 || cy < 0) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, "csv", "line 1: no "
		    "coordinate columns (x,y in metres or lat,lon; name them "
		    "with --x-field/--y-field or --lat-field/--lon-field)");
		if (diag != NULL)
			diag->line = 1;
		goto out;
	}
	if (sp->time_field != NULL && (ct = col_find(&r, sp->time_field)) < 0 &&
	    sp->time_required) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, sp->time_field, "line "
		    "1: no time column \"%s\"", sp->time_field);
		if (diag != NULL)
			diag->line = 1;
		goto out;
	}
	if (sp->category_field != NULL &&
	    (cc = col_find(&r, sp->category_field)) < 0) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, sp->category_field,
		    "line 1: no category column \"%s\"", sp->category_field);
		if (diag != NULL)
			diag->line = 1;
		goto out;
	}
	if (sp->id_field != NULL && (ci = col_find(&r, sp->id_field)) < 0) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, sp->id_field, "line 1: "
		    "no id column \"%s\"", sp->id_field);
		if (diag != NULL)
			diag->line = 1;
		goto out;
	}
	{
		size_t nhead = r.nf;

		for (;;) {
			double x, y, t = 0;

			recline = line;
			got = next_record(buf, len, &pos, &line, &r, diag);
			if (got < 0) {
				rc = SV_ERR_INVALID;
				goto out;
			}
			if (got == 0)
				break;
			if (r.nf == 1 && r.fields[0][0] == '\0')
				continue;
			if (r.nf != nhead) {
				rc = bad(diag, recline, "csv", "%zu fields, but "
				    "the header has %zu", r.nf, nhead);
				goto out;
			}
			if (cc >= 0 && sp->category != NULL &&
			    strcmp(r.fields[cc], sp->category) != 0) {
				pc->skipped++;
				continue;
			}
			if (parse_num(r.fields[cx], &x) != 0) {
				rc = bad(diag, recline, fx, "\"%.40s\" is not a "
				    "finite number", r.fields[cx]);
				goto out;
			}
			if (parse_num(r.fields[cy], &y) != 0) {
				rc = bad(diag, recline, fy, "\"%.40s\" is not a "
				    "finite number", r.fields[cy]);
				goto out;
			}
			if (pc->latlon && (y < -90 || y > 90 || x < -180 ||
			    x > 180)) {
				rc = bad(diag, recline, fy, "%s: latitude or "
				    "longitude out of range", r.fields[cy]);
				goto out;
			}
			if (ct >= 0 && parse_days(r.fields[ct], &t) != 0) {
				rc = bad(diag, recline, sp->time_field,
				    "\"%.40s\" is not a date, ISO time or "
				    "number of days", r.fields[ct]);
				goto out;
			}
			if (pc->n == alloc) {
				alloc = alloc ? 2 * alloc : 1024;
				pc->xy = sv_reallocarray(pc->xy, alloc,
				    2 * sizeof(double));
				pc->line = sv_reallocarray(pc->line, alloc,
				    sizeof(long));
				if (ct >= 0)
					pc->t = sv_reallocarray(pc->t, alloc,
					    sizeof(double));
				if (ci >= 0)
					pc->id = sv_reallocarray(pc->id, alloc,
					    sizeof(char *));
			}
			pc->xy[2 * pc->n] = x;
			pc->xy[2 * pc->n + 1] = y;
			pc->line[pc->n] = recline;
			if (ct >= 0)
				pc->t[pc->n] = t;
			if (ci >= 0)
				pc->id[pc->n] = sv_strdup(r.fields[ci]);
			pc->n++;
		}
	}
	if (ci >= 0 && pc->n > 1) {
		struct ident *v = sv_malloc(pc->n * sizeof(*v));
		size_t i;

		for (i = 0; i < pc->n; i++) {
			v[i].id = pc->id[i];
			v[i].line = pc->line[i];
		}
		qsort(v, pc->n, sizeof(*v), ident_cmp);
		for (i = 1; i < pc->n; i++)
			if (strcmp(v[i].id, v[i - 1].id) == 0) {
				long l = v[i].line > v[i - 1].line ?
				    v[i].line : v[i - 1].line;

				rc = bad(diag, l, sp->id_field, "duplicate id "
				    "\"%.40s\"", v[i].id);
				break;
			}
		free(v);
	}
out:
	free(r.scratch);
	if (rc != SV_OK) {
		pointcsv_free(pc);
		return rc;
	}
	*out = pc;
	return SV_OK;
}

enum sv_err
pointcsv_read_file(const char *path, const struct pointcsv_spec *spec,
    struct pointcsv **out, struct sv_diag *diag)
{
	FILE *fp;
	struct sv_buf b;
	char chunk[65536];
	size_t got;
	enum sv_err rc = SV_OK;
	int is_stdin = strcmp(path, "-") == 0;

	*out = NULL;
	sv_diag_clear(diag);
	fp = is_stdin ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return sv_diag_set(diag, SV_ERR_IO, path, "cannot open: %s",
		    strerror(errno));
	sv_buf_init(&b, POINTCSV_MAX_BYTES);
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if ((rc = sv_buf_add(&b, chunk, got)) != SV_OK) {
			sv_diag_set(diag, rc, path, "the file is larger "
			    "than %zu bytes", POINTCSV_MAX_BYTES);
			break;
		}
	if (rc == SV_OK && ferror(fp))
		rc = sv_diag_set(diag, SV_ERR_IO, path, "read failed");
	if (!is_stdin)
		fclose(fp);
	if (rc == SV_OK)
		rc = pointcsv_parse(b.data ? b.data : "", b.len, spec, out,
		    diag);
	sv_buf_free(&b);
	return rc;
}

void
pointcsv_free(struct pointcsv *pc)
{
	size_t i;

	if (pc == NULL)
		return;
	if (pc->id != NULL)
		for (i = 0; i < pc->n; i++)
			free(pc->id[i]);
	free(pc->id);
	free(pc->xy);
	free(pc->t);
	free(pc->line);
	free(pc);
}
