/*
 * samverkan export incidents: the incidents matching the API's filters as
 * the incident CSV layout or as GeoJSON, streamed in (observed_from, id)
 * order. Numbers are written in their shortest exact form and times as
 * Stockholm local time with offset, so an export imported into a fresh
 * database (with the same areas) exports to the same bytes.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_export.h"
#include "commands.h"
#include "core/buf.h"
#include "core/svtime.h"
#include "domain/incident.h"
#include "io/incident_csv.h"
#include "store/store.h"

const char *const export_format_names[EXPORT__MAX] = { "csv", "geojson" };

struct exp {
	enum export_format	 fmt;
	FILE			*fp;
	struct sv_buf		 b;
	long			 n;
	int			 io_error;
};

/* Shortest text that reads back as the same double. */
static void
fmt_double(char out[32], double v)
{
	int p;

	for (p = 15; p <= 17; p++) {
		snprintf(out, 32, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

/* The incident's fields as the CSV columns' text (into bufs). */
static void
columns(const struct sv_incident *inc, const char *v[ICSV__MAX],
    char bufs[ICSV__MAX][48])
{
	size_t i;

	memset(v, 0, ICSV__MAX * sizeof(*v));
	if (inc->external_id != NULL)
		v[ICSV_EXTERNAL_ID] = inc->external_id;
	else {
		/* Keyless incidents travel under their own id. */
		snprintf(bufs[ICSV_EXTERNAL_ID], 48, "samverkan-%" PRId64,
		    inc->id);
		v[ICSV_EXTERNAL_ID] = bufs[ICSV_EXTERNAL_ID];
	}
	v[ICSV_SOURCE] = inc->source;
	v[ICSV_ORGANISATION] = inc->organisation;
	v[ICSV_CATEGORY] = inc->category;
	sv_time_format(inc->observed_from, bufs[ICSV_OBSERVED_FROM]);
	v[ICSV_OBSERVED_FROM] = bufs[ICSV_OBSERVED_FROM];
	if (inc->has_observed_to) {
		sv_time_format(inc->observed_to, bufs[ICSV_OBSERVED_TO]);
		v[ICSV_OBSERVED_TO] = bufs[ICSV_OBSERVED_TO];
	}
	fmt_double(bufs[ICSV_LAT], inc->lat);
	fmt_double(bufs[ICSV_LON], inc->lon);
	fmt_double(bufs[ICSV_X], inc->x);
	fmt_double(bufs[ICSV_Y], inc->y);
	v[ICSV_LAT] = bufs[ICSV_LAT];
	v[ICSV_LON] = bufs[ICSV_LON];
	v[ICSV_X] = bufs[ICSV_X];
	v[ICSV_Y] = bufs[ICSV_Y];
	for (i = 0; inc->loc_area_id != 0 && i < inc->nareas; i++)
		if (inc->areas[i].id == inc->loc_area_id) {
			v[ICSV_AREA_LAYER] = inc->areas[i].layer;
			v[ICSV_AREA] = inc->areas[i].code;
		}
	snprintf(bufs[ICSV_SEVERITY], 48, "%d", inc->severity);
	v[ICSV_SEVERITY] = bufs[ICSV_SEVERITY];
	if (inc->people_count >= 0) {
		snprintf(bufs[ICSV_PEOPLE_COUNT], 48, "%d", inc->people_count);
		v[ICSV_PEOPLE_COUNT] = bufs[ICSV_PEOPLE_COUNT];
	}
	v[ICSV_CERTAINTY] = sv_certainty_names[inc->certainty];
	v[ICSV_STATUS] = sv_status_names[inc->status];
	v[ICSV_DESCRIPTION] = inc->description;
}

/* A GeoJSON property: numbers bare, missing values null, text quoted. */
static void
prop(struct sv_buf *b, int c, const char *v)
{
	sv_buf_printf(b, ",\"%s\":", icsv_col_names[c]);
	if (v == NULL || *v == '\0')
		sv_buf_puts(b, "null");
	else if (c == ICSV_X || c == ICSV_Y || c == ICSV_SEVERITY ||
	    c == ICSV_PEOPLE_COUNT)
		sv_buf_puts(b, v);
	else
		sv_buf_json_str(b, v);
}

static int
one(const struct sv_incident *inc, void *arg)
{
	struct exp *x = arg;
	const char *v[ICSV__MAX];
	char bufs[ICSV__MAX][48];
	int c;

	columns(inc, v, bufs);
	sv_buf_reset(&x->b);
	if (x->fmt == EXPORT_CSV)
		icsv_write_row(&x->b, v);
	else {
		sv_buf_printf(&x->b, "%s{\"type\":\"Feature\",\"geometry\":"
		    "{\"type\":\"Point\",\"coordinates\":[%s,%s]},"
		    "\"properties\":{\"external_id\":", x->n ? ",\n" : "",
		    v[ICSV_LON], v[ICSV_LAT]);
		sv_buf_json_str(&x->b, v[ICSV_EXTERNAL_ID]);
		for (c = ICSV_EXTERNAL_ID + 1; c < ICSV__MAX; c++)
			if (c != ICSV_LAT && c != ICSV_LON)
				prop(&x->b, c, v[c]);
		sv_buf_puts(&x->b, "}}");
	}
	x->n++;
	if (fwrite(x->b.data, 1, x->b.len, x->fp) != x->b.len) {
		x->io_error = 1;
		return 1;
	}
	return 0;
}

enum sv_err
export_incidents(struct sv_store *s, enum export_format fmt,
    const struct sv_incident_filter *f, FILE *fp, long *n,
    struct sv_diag *d)
{
	struct sv_actor sys;
	struct exp x;
	enum sv_err e;

	memset(&x, 0, sizeof(x));
	x.fmt = fmt;
	x.fp = fp;
	sv_buf_init(&x.b, SV_BUF_DEFAULT_CAP);
	actor_system(&sys);
	if (fmt == EXPORT_CSV)
		icsv_write_header(&x.b);
	else
		sv_buf_puts(&x.b, "{\"type\":\"FeatureCollection\","
		    "\"features\":[\n");
	fwrite(x.b.data, 1, x.b.len, fp);
	e = incident_foreach(s, &sys, f, one, &x, d);
	if (e == SV_OK && fmt == EXPORT_GEOJSON)
		fputs("\n]}\n", fp);
	if (e == SV_OK && (x.io_error || fflush(fp) != 0 || ferror(fp)))
		e = sv_diag_set(d, SV_ERR_IO, "out", "write failed");
	sv_buf_free(&x.b);
	if (n != NULL)
		*n = x.n;
	return e;
}

static const char usage[] =
    "usage: samverkan export incidents [--db FILE] --format csv|geojson\n"
    "                [--from T] [--to T] [--area CODE [--layer L]]\n"
    "                [--category CODE] [--org CODE] [--source NAME]\n"
    "                [--status active|withdrawn|all] [--out FILE]\n\n"
    "Writes the incidents matching the filters, oldest first, as the\n"
    "incident CSV layout (header line, one column per field; see\n"
    "docs/architecture.md) or as a GeoJSON FeatureCollection of WGS84\n"
    "points whose properties are the same columns. Both carry every field,\n"
    "so importing an export into a fresh database and exporting again gives\n"
    "the same bytes. An incident without an external id is written with\n"
    "'samverkan-ID' as its external id.\n\n"
    "  --from, --to T      ISO 8601 times or dates, [from, to) on observed_from\n"
    "  --area CODE         incidents in the area or its descendants\n"
    "  --layer L           the layer of --area when its code is ambiguous\n"
    "  --category CODE     the category and its sub-categories\n"
    "  --org CODE          reported by this organisation\n"
    "  --source NAME       from this source (est, polisen, csv, ...)\n"
    "  --status S          active, withdrawn or all (default all)\n"
    "  --out FILE          write to FILE instead of standard output\n\n"
    "--db may come from the config file (db = FILE) or $SAMVERKAN_DB.\n"
    "Exit status 0 on success, 1 on failure, 2 on bad usage.\n";

int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "area", required_argument, NULL, 'a' },
		{ "layer", required_argument, NULL, 'l' },
		{ "category", required_argument, NULL, 'c' },
		{ "org", required_argument, NULL, 'o' },
		{ "source", required_argument, NULL, 's' },
		{ "status", required_argument, NULL, 'S' },
		{ "out", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_incident_filter f;
	struct sv_store *s = NULL;
	const char *db = NULL, *format = NULL, *out = NULL, *status = "all";
	FILE *fp = NULL;
	struct sv_diag d;
	enum sv_err e;
	long n = 0;
	int c, fmt, st, rc = SV_EXIT_OK;

	incident_filter_init(&f);
	sv_diag_clear(&d);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	if (strcmp(argv[1], "incidents") != 0)
		return cli_usage_error("export", "only incidents can be "
		    "exported, not '%s'", argv[1]);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		case 'F':
			if (sv_time_parse(optarg, &f.from, "from", &d) != SV_OK)
				return cli_usage_error("export", "--from: %s",
				    d.message);
			f.has_from = 1;
			break;
		case 'T':
			if (sv_time_parse(optarg, &f.to, "to", &d) != SV_OK)
				return cli_usage_error("export", "--to: %s",
				    d.message);
			f.has_to = 1;
			break;
		case 'a': f.area = optarg; break;
		case 'l': f.layer = optarg; break;
		case 'c': f.category = optarg; break;
		case 'o': f.org = optarg; break;
		case 's': f.source = optarg; break;
		case 'S': status = optarg; break;
		case 'O': out = optarg; break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("export", argv[optind]);
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("export", "unexpected argument '%s'",
		    argv[optind + 1]);
	if (format == NULL)
		return cli_usage_error("export", "--format is required (csv "
		    "or geojson)");
	for (fmt = 0; fmt < EXPORT__MAX; fmt++)
		if (strcmp(format, export_format_names[fmt]) == 0)
			break;
	if (fmt == EXPORT__MAX)
		return cli_usage_error("export", "--format must be csv or "
		    "geojson");
	for (st = 0; st < SV_STATUS_FILTER__MAX; st++)
		if (strcmp(status, sv_status_filter_names[st]) == 0)
			break;
	if (st == SV_STATUS_FILTER__MAX)
		return cli_usage_error("export", "--status must be active, "
		    "withdrawn or all");
	f.status = (enum sv_status_filter)st;
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("export", "--db is required");
	if (cli_need_db("export", db) != 0)
		return SV_EXIT_FAIL;
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK) {
		rc = cli_fail("export", e, &d);
		goto out;
	}
	if (out != NULL && (fp = fopen(out, "wb")) == NULL) {
		fprintf(stderr, "samverkan export: %s: cannot create\n", out);
		rc = SV_EXIT_FAIL;
		goto out;
	}
	if ((e = export_incidents(s, (enum export_format)fmt, &f,
	    fp ? fp : stdout, &n, &d)) != SV_OK)
		rc = cli_fail("export", e, &d);
	else if (out != NULL)
		fprintf(stderr, "samverkan export: %ld incident%s written to "
		    "%s\n", n, n == 1 ? "" : "s", out);
out:
	if (fp != NULL && fclose(fp) != 0 && rc == SV_EXIT_OK)
		rc = cli_fail("export", SV_ERR_IO, NULL);
	store_close(s);
	return rc;
}
