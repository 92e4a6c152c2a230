/*
 * samverkan import: areas from GeoJSON, incidents from the polisen.se
 * events format, the incident CSV layout or GeoJSON points. Everything of
 * one file runs in one transaction through the domain's idempotent upserts
 * (incident_import_*, area_upsert), so a second run of the same file adds
 * nothing and a changed row is updated. Incident rows may be written in
 * batches (PostgreSQL: COPY), so their counts are taken at the end. Bad rows are reported with file,
 * line or JSON index, field and reason (see cmd_import.h for the policy).
 *
 * Polisen events are tied to areas as the reference statistics in
 * ../shared/data/sweden_reference were: the kommun named by location.name
 * (case-insensitively), else the kommun named at the end of name, else the
 * län of a "X län" location. An event whose location is a kommun keeps the
 * police's point when that point lies in the kommun; an event resolved by
 * name only is located by the area itself (its point is a point on the
 * area's surface), so a län centroid is never taken for a kommun. A
 * location that names neither (a renamed kommun such as "Malung-Sälen")
 * falls back to the police's point when it lies in some kommun.
 */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "cmd_import.h"
#include "commands.h"
#include "core/mem.h"
#include "core/svtime.h"
#include "domain/area.h"
#include "domain/incident.h"
#include "domain/organisation.h"
#include "geo/geo.h"
#include "io/geojson.h"
#include "io/incident_csv.h"
#include "io/polisen.h"
#include "store/store.h"

const char *const import_format_names[IMPORT__MAX] = {
	"polisen", "csv", "geojson",
};

#define POLISEN_ORG		"polisen"
#define POLISEN_SOURCE		"polisen"
#define CSV_SOURCE		"csv"
#define LAN_SUFFIX		" län"
#define LAN_SUFFIX_LEN		(sizeof(LAN_SUFFIX) - 1)

/* A small string-keyed cache of name resolutions (open addressing). */
struct nc_entry {
	char	*key;
	int64_t	 id;		/* area id, 0 = no such area */
	char	*val;		/* area code (code cache) */
};
struct ncache {
	struct nc_entry	*v;
	size_t		 cap, n;
};

static uint64_t
nc_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static struct nc_entry *
nc_find(struct ncache *c, const char *key, int *found)
{
	struct nc_entry *old;
	size_t i, oldcap;

	if (c->n * 2 >= c->cap) {
		old = c->v;
		oldcap = c->cap;
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = sv_calloc(c->cap, sizeof(*c->v));
		c->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].key != NULL) {
				int f;
				*nc_find(c, old[i].key, &f) = old[i];
				c->n++;
			}
		free(old);
	}
	for (i = nc_hash(key) & (c->cap - 1); c->v[i].key != NULL;
	    i = (i + 1) & (c->cap - 1))
		if (strcmp(c->v[i].key, key) == 0) {
			*found = 1;
			return &c->v[i];
		}
	*found = 0;
	return &c->v[i];
}

/* Inserts key (copied) at the slot nc_find returned. */
static void
nc_put(struct ncache *c, struct nc_entry *slot, const char *key, int64_t id,
    const char *val)
{
	slot->key = sv_strdup(key);
	slot->id = id;
	slot->val = val ? sv_strdup(val) : NULL;
	c->n++;
}

static void
nc_free(struct ncache *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++) {
		free(c->v[i].key);
		free(c->v[i].val);
	}
	free(c->v);
}

struct imp {
	struct sv_store			*s;
	struct sv_actor			 sys;
	const struct import_opts	*o;
	const char			*path;
	struct import_summary		*sum;
	struct incident_import		*inc;		/* incident imports */
	FILE				*rep;
	time_t				 last_progress;
	/* polisen */
	struct ncache			 kommun;	/* name -> kommun id */
	struct ncache			 lan;		/* name -> län id */
	struct ncache			 inside;	/* gps -> kommun id */
	struct ncache			 code_of;	/* area id -> code */
};

void
import_print_summary(FILE *fp, const struct import_summary *s)
{
	fprintf(fp, "read %ld, added %ld, updated %ld, unchanged %ld, "
	    "rejected %ld\n", s->read, s->added, s->updated, s->unchanged,
	    s->rejected);
}

/* The added/updated/unchanged counts of the incident import so far. */
static void
take_counts(struct imp *im)
{
	struct incident_import_counts c;

	incident_import_counts(im->inc, &c);
	im->sum->added = c.added;
	im->sum->updated = c.updated;
	im->sum->unchanged = c.unchanged;
}

static void
progress(struct imp *im, int done)
{
	time_t now;

	if (!im->o->progress)
		return;
	if (done) {
		fputs("\r\033[K", stderr);
		return;
	}
	if ((im->sum->read & 1023) != 0 || (now = time(NULL)) ==
	    im->last_progress)
		return;
	im->last_progress = now;
	if (im->inc != NULL)
		take_counts(im);
	fprintf(stderr, "\rimport: %ld read, %ld added, %ld updated, "
	    "%ld rejected", im->sum->read, im->sum->added, im->sum->updated,
	    im->sum->rejected);
	fflush(stderr);
}

/*
 * Counts one upsert result or reports the rejection `where`; changed < 0
 * is a row of the incident import, counted by it.
 */
static enum sv_err
tally(struct imp *im, enum sv_err e, int changed, const char *where,
    const struct sv_diag *d)
{
	if (e == SV_OK && changed < 0)
		return SV_OK;
	if (e == SV_OK) {
		if (changed == 1)
			im->sum->added++;
		else if (changed == 2)
			im->sum->updated++;
		else
			im->sum->unchanged++;
		return SV_OK;
	}
	if (e != SV_ERR_INVALID && e != SV_ERR_NOTFOUND &&
	    e != SV_ERR_FORBIDDEN)
		return e;	/* the database failed: the import stops */
	im->sum->rejected++;
	fprintf(im->rep, "%s: %s: %s%s%s\n", im->path, where,
	    d->field[0] ? d->field : "", d->field[0] ? ": " : "", d->message);
	return SV_OK;
}

static enum sv_err
reject(struct imp *im, const char *where, const char *field,
    const char *msg)
{
	struct sv_diag d;

	sv_diag_set(&d, SV_ERR_INVALID, field ? field : "", "%s", msg);
	return tally(im, SV_ERR_INVALID, 0, where, &d);
}

/* ---- polisen ---------------------------------------------------------- */

/* The id of the area of layer named name (case-insensitively), or 0. */
static enum sv_err
area_by_name(struct imp *im, struct ncache *c, const char *layer,
    const char *name, int64_t *id, struct sv_diag *d)
{
	struct nc_entry *slot;
	struct sv_arena *a;
	struct sv_area ar;
	enum sv_err e;
	int found;

	*id = 0;
	if (*name == '\0')
		return SV_OK;
	slot = nc_find(c, name, &found);
	if (found) {
		*id = slot->id;
		return SV_OK;
	}
	a = sv_arena_new();
	e = area_find_by_name(im->s, layer, name, a, &ar, d);
	if (e == SV_OK)
		*id = ar.id;
	else if (e == SV_ERR_NOTFOUND)
		e = SV_OK;
	sv_arena_free(a);
	if (e == SV_OK)
		nc_put(c, slot, name, *id, NULL);
	return e;
}

/* The code of area id (for SV_LOCATE_AREA), cached; arena-owned. */
static enum sv_err
area_code(struct imp *im, int64_t id, const char **code, struct sv_diag *d)
{
	struct nc_entry *slot;
	struct sv_area ar;
	char key[24];
	enum sv_err e;
	int found;

	snprintf(key, sizeof(key), "%" PRId64, id);
	slot = nc_find(&im->code_of, key, &found);
	if (!found) {
		struct sv_arena *a = sv_arena_new();

		if ((e = area_get(im->s, id, 0, a, &ar, d)) == SV_OK)
			nc_put(&im->code_of, slot, key, id, ar.code);
		sv_arena_free(a);
		if (e != SV_OK)
			return e;
	}
	*code = slot->val;
	return SV_OK;
}

/*
 * The kommun (layer) area the WGS84 point lies in, or 0; cached by the
 * exact coordinates (the police use one point per place).
 */
static enum sv_err
kommun_of_point(struct imp *im, double lat, double lon, int64_t *id,
    struct sv_diag *d)
{
	struct sv_area_hit hits[SV_LAYER__MAX];
	struct nc_entry *slot;
	double x, y;
	size_t n, i;
	char key[64];
	enum sv_err e;
	int found;

	*id = 0;
	snprintf(key, sizeof(key), "%.17g,%.17g", lat, lon);
	slot = nc_find(&im->inside, key, &found);
	if (found) {
		*id = slot->id;
		return SV_OK;
	}
	if (geo_in_sweden_wgs84(lat, lon) &&
	    geo_to_sweref(store_geo(im->s), lat, lon, &x, &y) == SV_OK) {
		if ((e = area_locate(im->s, x, y, hits, &n, d)) != SV_OK)
			return e;
		for (i = 0; i < n; i++)
			if (strcmp(hits[i].layer, "kommun") == 0)
				*id = hits[i].area_id;
	}
	nc_put(&im->inside, slot, key, *id, NULL);
	return SV_OK;
}

/* Fills the location of in for event ev, or says why it cannot. */
static enum sv_err
polisen_locate(struct imp *im, const struct polisen_event *ev,
    struct sv_incident_input *in, const char **why, struct sv_diag *d)
{
	size_t n = strlen(ev->location);
	int64_t k = 0, at = 0;
	char lan[256];
	enum sv_err e;

	*why = NULL;
	if ((e = area_by_name(im, &im->kommun, "kommun", ev->location, &k,
	    d)) != SV_OK)
		return e;
	if (k != 0 && ev->has_gps) {
		if ((e = kommun_of_point(im, ev->lat, ev->lon, &at, d)) != SV_OK)
			return e;
		if (at == k) {
			in->locate = SV_LOCATE_WGS84;
			in->a = ev->lat;
			in->b = ev->lon;
			return SV_OK;
		}
	}
	if (k == 0 && (e = area_by_name(im, &im->kommun, "kommun", ev->place,
	    &k, d)) != SV_OK)
		return e;
	if (k != 0) {
		in->locate = SV_LOCATE_AREA;
		in->area_layer = "kommun";
		return area_code(im, k, &in->area_code, d);
	}
	if (n > LAN_SUFFIX_LEN && n - LAN_SUFFIX_LEN < sizeof(lan) &&
	    strcmp(ev->location + n - LAN_SUFFIX_LEN, LAN_SUFFIX) == 0) {
		memcpy(lan, ev->location, n - LAN_SUFFIX_LEN);
		lan[n - LAN_SUFFIX_LEN] = '\0';
		if ((e = area_by_name(im, &im->lan, "lan", lan, &k, d)) !=
		    SV_OK)
			return e;
		if (k != 0) {
			in->locate = SV_LOCATE_AREA;
			in->area_layer = "lan";
			return area_code(im, k, &in->area_code, d);
		}
	}
	if (ev->has_gps) {
		if ((e = kommun_of_point(im, ev->lat, ev->lon, &at, d)) != SV_OK)
			return e;
		if (at != 0) {
			in->locate = SV_LOCATE_WGS84;
			in->a = ev->lat;
			in->b = ev->lon;
			return SV_OK;
		}
	}
	*why = "names no kommun or län (and its point lies in no kommun)";
	return SV_OK;
}

/* The polisen organisation: --org, or "polisen" (created if missing). */
static enum sv_err
polisen_org(struct imp *im, const char **org, struct sv_diag *d)
{
	struct sv_org_input oi = { POLISEN_ORG, "Polismyndigheten",
	    "polisregion", "202100-0084", NULL };
	struct sv_arena *a;
	struct sv_org o;
	enum sv_err e;

	if (im->o->org != NULL) {
		*org = im->o->org;
		return SV_OK;
	}
	*org = POLISEN_ORG;
	a = sv_arena_new();
	e = org_get(im->s, POLISEN_ORG, a, &o, d);
	sv_arena_free(a);
	if (e == SV_ERR_NOTFOUND)
		e = org_create(im->s, &im->sys, &oi, NULL, d);
	return e;
}

static enum sv_err
run_polisen(struct imp *im, struct sv_diag *d)
{
	struct polisen_doc *doc = NULL;
	struct sv_incident_input in;
	const struct polisen_event *ev;
	const char *org, *why;
	char where[96];
	size_t i;
	enum sv_err e;

	if ((e = polisen_read_file(im->path, &doc, d)) != SV_OK ||
	    (e = polisen_org(im, &org, d)) != SV_OK)
		goto out;
	for (i = 0; i < doc->nevents; i++) {
		ev = &doc->events[i];
		im->sum->read++;
		progress(im, 0);
		snprintf(where, sizeof(where), "[%zu] id %s", i,
		    ev->id_text[0] ? ev->id_text : "?");
		if (ev->error != NULL) {
			if ((e = reject(im, where, ev->error_field, ev->error)) !=
			    SV_OK)
				goto out;
			continue;
		}
		incident_input_init(&in);
		in.organisation = org;
		in.category = polisen_category(ev->type);
		in.observed_from = ev->t;
		in.description = *ev->summary ? ev->summary : NULL;
		in.source = POLISEN_SOURCE;
		in.external_id = ev->id_text;
		if ((e = polisen_locate(im, ev, &in, &why, d)) != SV_OK)
			goto out;
		if (why != NULL) {
			char msg[400];

			snprintf(msg, sizeof(msg), "location '%s' (place '%s') "
			    "%s", ev->location, ev->place, why);
			if ((e = reject(im, where, "location", msg)) != SV_OK)
				goto out;
			continue;
		}
		sv_diag_clear(d);
		e = incident_import_row(im->inc, &in, d);
		if ((e = tally(im, e, -1, where, d)) != SV_OK)
			goto out;
	}
out:
	polisen_free(doc);
	return e;
}

/* ---- CSV and GeoJSON -------------------------------------------------- */

static int
parse_enum(const char *s, const char *const *names, int n, int def)
{
	int i;

	if (s == NULL || *s == '\0')
		return def;
	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static int
set(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Row values (as text) -> domain input. Borrowed strings. */
static enum sv_err
row_input(struct imp *im, const char *const *v, struct sv_incident_input *in,
    struct sv_diag *d)
{
	long l;
	int k;

	incident_input_init(in);
	if (!set(v[ICSV_EXTERNAL_ID]))
		return sv_diag_set(d, SV_ERR_INVALID, "external_id",
		    "an external id is required");
	in->external_id = v[ICSV_EXTERNAL_ID];
	in->source = set(v[ICSV_SOURCE]) ? v[ICSV_SOURCE] :
	    im->o->source ? im->o->source : CSV_SOURCE;
	in->organisation = set(v[ICSV_ORGANISATION]) ?
	    v[ICSV_ORGANISATION] : im->o->org;
	if (in->organisation == NULL)
		return sv_diag_set(d, SV_ERR_INVALID, "organisation",
		    "no organisation: give the column or --org");
	in->category = v[ICSV_CATEGORY] ? v[ICSV_CATEGORY] : "";
	if (!set(v[ICSV_OBSERVED_FROM]))
		return sv_diag_set(d, SV_ERR_INVALID, "observed_from",
		    "observed_from is required");
	if (sv_time_parse(v[ICSV_OBSERVED_FROM], &in->observed_from,
	    "observed_from", d) != SV_OK)
		return SV_ERR_INVALID;
	if (set(v[ICSV_OBSERVED_TO])) {
		if (sv_time_parse(v[ICSV_OBSERVED_TO], &in->observed_to,
		    "observed_to", d) != SV_OK)
			return SV_ERR_INVALID;
		in->has_observed_to = 1;
	}
	if (set(v[ICSV_AREA])) {
		in->locate = SV_LOCATE_AREA;
		in->area_code = v[ICSV_AREA];
		in->area_layer = set(v[ICSV_AREA_LAYER]) ?
		    v[ICSV_AREA_LAYER] : NULL;
	} else if (set(v[ICSV_X]) || set(v[ICSV_Y])) {
		in->locate = SV_LOCATE_SWEREF;
		if (cli_parse_double(v[ICSV_X], &in->a) != 0 ||
		    cli_parse_double(v[ICSV_Y], &in->b) != 0)
			return sv_diag_set(d, SV_ERR_INVALID, "x",
			    "x and y must both be numbers (metres, EPSG:3006)");
		if (set(v[ICSV_LAT]) || set(v[ICSV_LON])) {
			if (cli_parse_double(v[ICSV_LAT], &in->lat) != 0 ||
			    cli_parse_double(v[ICSV_LON], &in->lon) != 0)
				return sv_diag_set(d, SV_ERR_INVALID, "lat",
				    "lat and lon must both be numbers");
			in->has_wgs84 = 1;
		}
	} else if (set(v[ICSV_LAT]) || set(v[ICSV_LON])) {
		in->locate = SV_LOCATE_WGS84;
		if (cli_parse_double(v[ICSV_LAT], &in->a) != 0 ||
		    cli_parse_double(v[ICSV_LON], &in->b) != 0)
			return sv_diag_set(d, SV_ERR_INVALID, "lat",
			    "lat and lon must both be numbers (WGS84)");
	} else
		return sv_diag_set(d, SV_ERR_INVALID, "lat",
		    "a location is required: lat and lon, x and y, or area");
	if (set(v[ICSV_SEVERITY])) {
		if (cli_parse_long(v[ICSV_SEVERITY], 1, 3, &l) != 0)
			return sv_diag_set(d, SV_ERR_INVALID, "severity",
			    "severity must be 1, 2 or 3");
		in->severity = (int)l;
	}
	if (set(v[ICSV_PEOPLE_COUNT])) {
		if (cli_parse_long(v[ICSV_PEOPLE_COUNT], 0, SV_PEOPLE_MAX,
		    &l) != 0)
			return sv_diag_set(d, SV_ERR_INVALID, "people_count",
			    "people_count must be 0 to %d", SV_PEOPLE_MAX);
		in->people_count = (int)l;
	}
	if ((k = parse_enum(v[ICSV_CERTAINTY], sv_certainty_names,
	    SV_CERTAINTY__MAX, SV_CERTAINTY_OBSERVED)) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "certainty",
		    "certainty must be observed or suspected");
	in->certainty = (enum sv_certainty)k;
	if ((k = parse_enum(v[ICSV_STATUS], sv_status_names, SV_STATUS__MAX,
	    SV_STATUS_ACTIVE)) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "status",
		    "status must be active or withdrawn");
	in->status = (enum sv_incident_status)k;
	in->description = set(v[ICSV_DESCRIPTION]) ? v[ICSV_DESCRIPTION] :
	    NULL;
	return SV_OK;
}

/* Converts and upserts one row; returns non-OK only on fatal errors. */
static enum sv_err
import_row(struct imp *im, const char *const *v, const char *where)
{
	struct sv_incident_input in;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = row_input(im, v, &in, &d)) == SV_OK)
		e = incident_import_row(im->inc, &in, &d);
	return tally(im, e, -1, where, &d);
}

struct csv_ctx {
	struct imp	*im;
	enum sv_err	 fatal;
	struct sv_diag	 d;
};

static int
csv_row(const struct icsv_row *row, void *arg)
{
	struct csv_ctx *c = arg;
	struct imp *im = c->im;
	char where[32];

	im->sum->read++;
	progress(im, 0);
	snprintf(where, sizeof(where), "%ld", row->line);
	if (row->error != NULL)
		c->fatal = reject(im, where, "", row->error);
	else
		c->fatal = import_row(im, row->v, where);
	if (c->fatal != SV_OK) {
		sv_diag_set(&c->d, c->fatal, "", "the database failed at line "
		    "%ld", row->line);
		return 1;
	}
	return 0;
}

static enum sv_err
run_csv(struct imp *im, struct sv_diag *d)
{
	struct csv_ctx c;
	FILE *fp;
	enum sv_err e;

	if ((fp = fopen(im->path, "rb")) == NULL)
		return sv_diag_set(d, SV_ERR_IO, "file", "%s: cannot open",
		    im->path);
	memset(&c, 0, sizeof(c));
	c.im = im;
	e = icsv_read(fp, csv_row, &c, d);
	fclose(fp);
	if (e == SV_OK && c.fatal != SV_OK) {
		*d = c.d;
		e = c.fatal;
	}
	return e;
}

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

static enum sv_err
run_geojson(struct imp *im, struct sv_diag *d)
{
	struct geojson *gj = NULL;
	struct geojson_feature *f;
	const char *v[ICSV__MAX], *key;
	char num[ICSV__MAX][32], where[48], msg[160];
	json_t *val;
	size_t i;
	enum sv_err e;
	int c, bad;

	if ((e = geojson_read_file(im->path, &gj, d)) != SV_OK)
		return e;
	for (i = 0; i < gj->nfeatures; i++) {
		f = &gj->features[i];
		im->sum->read++;
		progress(im, 0);
		snprintf(where, sizeof(where), "features[%zu]", i);
		if (f->type != GEOJSON_POINT || f->npoints != 1) {
			if ((e = reject(im, where, "geometry", "an incident is "
			    "a Point")) != SV_OK)
				goto out;
			continue;
		}
		memset(v, 0, sizeof(v));
		bad = 0;
		json_object_foreach(f->properties, key, val) {
			for (c = 0; c < ICSV__MAX; c++)
				if (strcmp(key, icsv_col_names[c]) == 0)
					break;
			if (c == ICSV__MAX || c == ICSV_LAT || c == ICSV_LON) {
				snprintf(msg, sizeof(msg), "unknown property "
				    "'%.64s'", key);
				bad = 1;
				break;
			}
			if (json_is_string(val))
				v[c] = json_string_value(val);
			else if (json_is_integer(val)) {
				snprintf(num[c], sizeof(num[c]), "%lld",
				    (long long)json_integer_value(val));
				v[c] = num[c];
			} else if (json_is_real(val)) {
				fmt_double(num[c], json_real_value(val));
				v[c] = num[c];
			} else if (json_is_null(val))
				v[c] = "";
			else {
				snprintf(msg, sizeof(msg), "property '%s' must "
				    "be a string, a number or null", key);
				bad = 1;
				break;
			}
		}
		if (bad) {
			if ((e = reject(im, where, "properties", msg)) != SV_OK)
				goto out;
			continue;
		}
		if (gj->crs == GEOJSON_CRS_SWEREF) {
			if (set(v[ICSV_X]) || set(v[ICSV_Y])) {
				if ((e = reject(im, where, "properties", "x and "
				    "y come from the geometry")) != SV_OK)
					goto out;
				continue;
			}
			fmt_double(num[ICSV_X], f->points[0]);
			fmt_double(num[ICSV_Y], f->points[1]);
			v[ICSV_X] = num[ICSV_X];
			v[ICSV_Y] = num[ICSV_Y];
		} else {
			fmt_double(num[ICSV_LON], f->points[0]);
			fmt_double(num[ICSV_LAT], f->points[1]);
			v[ICSV_LON] = num[ICSV_LON];
			v[ICSV_LAT] = num[ICSV_LAT];
		}
		if ((e = import_row(im, v, where)) != SV_OK) {
			sv_diag_set(d, e, "", "the database failed at %s",
			    where);
			goto out;
		}
	}
out:
	geojson_free(gj);
	return e;
}

static void
imp_init(struct imp *im, struct sv_store *s, const char *path,
    const struct import_opts *o, struct import_summary *sum)
{
	memset(im, 0, sizeof(*im));
	memset(sum, 0, sizeof(*sum));
	im->s = s;
	actor_system(&im->sys);
	im->o = o;
	im->path = path;
	im->sum = sum;
	im->rep = o->report ? o->report : stderr;
}

static void
imp_free(struct imp *im)
{
	nc_free(&im->kommun);
	nc_free(&im->lan);
	nc_free(&im->inside);
	nc_free(&im->code_of);
	incident_import_free(im->inc);
}

/* Commits, or rolls back when strict and rows were rejected. */
static enum sv_err
finish(struct sv_store *s, int strict, const struct import_summary *sum,
    enum sv_err e, struct sv_diag *d)
{
	if (e != SV_OK) {
		store_rollback(s);
		return e;
	}
	if (strict && sum->rejected > 0) {
		store_rollback(s);
		return sv_diag_set(d, SV_ERR_INVALID, "", "%ld row%s rejected; "
		    "nothing committed (--strict)", sum->rejected,
		    sum->rejected == 1 ? "" : "s");
	}
	if ((e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		sv_diag_set(d, e, "", "the commit failed");
	}
	return e;
}

enum sv_err
import_incidents(struct sv_store *s, enum import_format fmt,
    const char *path, const struct import_opts *o,
    struct import_summary *sum, struct sv_diag *d)
{
	struct incident_import_counts c;
	struct imp im;
	enum sv_err e;

	sv_diag_clear(d);
	imp_init(&im, s, path, o, sum);
	if ((e = stmt_exec(store_stmt(s, SQL_BULK_CACHE), d)) != SV_OK ||
	    (e = store_begin(s)) != SV_OK)
		return sv_diag_set(d, e, "", "cannot begin a transaction");
	if ((e = incident_import_begin(s, &im.sys, &im.inc, d)) != SV_OK) {
		store_rollback(s);
		imp_free(&im);
		return e;
	}
	switch (fmt) {
	case IMPORT_POLISEN:
		e = run_polisen(&im, d);
		break;
	case IMPORT_CSV:
		e = run_csv(&im, d);
		break;
	case IMPORT_GEOJSON:
		e = run_geojson(&im, d);
		break;
	default:
		e = sv_diag_set(d, SV_ERR_INVALID, "format", "unknown format");
		break;
	}
	/* The queued rows go now; a database error here fails the file. */
	if (e == SV_OK && (e = incident_import_end(im.inc, &c, d)) == SV_OK) {
		sum->added = c.added;
		sum->updated = c.updated;
		sum->unchanged = c.unchanged;
	}
	progress(&im, 1);
	e = finish(s, o->strict, sum, e, d);
	imp_free(&im);
	return e;
}

/* ---- areas ------------------------------------------------------------ */

/* A property as text (strings as they are, integers in decimal). */
static const char *
prop_text(json_t *props, const char *key, char buf[32])
{
	json_t *v = json_object_get(props, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return NULL;
}

static enum sv_err
area_feature(struct imp *im, const struct import_area_opts *o,
    enum geojson_crs crs, struct geojson_feature *f, const char *where)
{
	struct sv_area_input in;
	struct sv_polygon *polys = NULL;
	struct sv_diag d;
	unsigned char *wkb = NULL;
	char cbuf[32], pbuf[32], qbuf[32];
	double bbox[4];
	size_t len, p;
	enum sv_err e;
	int changed = 0;

	sv_diag_clear(&d);
	memset(&in, 0, sizeof(in));
	in.layer = o->layer;
	if ((in.code = prop_text(f->properties, o->code_field, cbuf)) ==
	    NULL) {
		e = sv_diag_set(&d, SV_ERR_INVALID, o->code_field,
		    "the code property is missing (a string or integer)");
		goto out;
	}
	if ((in.name = prop_text(f->properties, o->name_field, pbuf)) ==
	    NULL) {
		e = sv_diag_set(&d, SV_ERR_INVALID, o->name_field,
		    "the name property is missing");
		goto out;
	}
	if (o->parent_field != NULL) {
		in.parent_layer = o->parent_layer;
		in.parent_code = prop_text(f->properties, o->parent_field,
		    qbuf);
		if (in.parent_code == NULL) {
			e = sv_diag_set(&d, SV_ERR_INVALID, o->parent_field,
			    "the parent property is missing");
			goto out;
		}
	}
	if (f->type != GEOJSON_POLYGON && f->type != GEOJSON_MULTIPOLYGON) {
		e = sv_diag_set(&d, SV_ERR_INVALID, "geometry",
		    "an area is a Polygon or MultiPolygon, not a %s",
		    geojson_type_names[f->type]);
		goto out;
	}
	polys = sv_calloc(f->npolygons, sizeof(*polys));
	for (p = 0; p < f->npolygons; p++) {
		/* Same layout: interleaved pairs and a count. */
		polys[p].rings = (const struct sv_ring *)f->polygons[p].rings;
		polys[p].nrings = f->polygons[p].nrings;
	}
	if ((e = geo_wkb_from_polygons(store_geo(im->s), polys, f->npolygons,
	    crs == GEOJSON_CRS_SWEREF ? SV_CRS_SWEREF : SV_CRS_WGS84, &wkb,
	    &len, bbox, &d)) != SV_OK)
		goto out;
	in.wkb = wkb;
	in.wkb_len = len;
	e = area_upsert(im->s, &im->sys, &in, &changed, &d);
out:
	free(polys);
	free(wkb);
	return tally(im, e, changed, where, &d);
}

enum sv_err
import_areas(struct sv_store *s, const char *path,
    const struct import_area_opts *ao, struct import_summary *sum,
    struct sv_diag *d)
{
	struct import_opts o;
	struct geojson *gj = NULL;
	struct imp im;
	enum sv_layer l;
	char where[48];
	int64_t n = 0;
	size_t i;
	enum sv_err e;

	sv_diag_clear(d);
	memset(&o, 0, sizeof(o));
	o.strict = ao->strict;
	o.progress = ao->progress;
	o.report = ao->report;
	imp_init(&im, s, path, &o, sum);
	if ((e = layer_parse(ao->layer, &l, "layer", d)) != SV_OK ||
	    (ao->parent_layer != NULL && (e = layer_parse(ao->parent_layer,
	    &l, "parent-layer", d)) != SV_OK) ||
	    (e = geojson_read_file(path, &gj, d)) != SV_OK) {
		imp_free(&im);
		return e;
	}
	if ((e = store_begin(s)) != SV_OK) {
		sv_diag_set(d, e, "", "cannot begin a transaction");
		goto out;
	}
	for (i = 0; i < gj->nfeatures && e == SV_OK; i++) {
		sum->read++;
		progress(&im, 0);
		snprintf(where, sizeof(where), "features[%zu]", i);
		e = area_feature(&im, ao, gj->crs, &gj->features[i], where);
	}
	if (e == SV_OK && sum->added + sum->updated > 0 &&
	    (e = area_reassign_layer(s, ao->layer, &n, d)) == SV_OK)
		sum->reassigned = (long)n;
	if (e == SV_OK)
		e = area_import_audit(s, &im.sys, ao->layer, (int64_t)sum->read,
		    (int64_t)sum->added, (int64_t)sum->updated,
		    (int64_t)sum->unchanged);
	progress(&im, 1);
	e = finish(s, ao->strict, sum, e, d);
out:
	geojson_free(gj);
	imp_free(&im);
	return e;
}

/* ---- the command ------------------------------------------------------ */

static const char usage[] =
    "usage: samverkan import areas [--db FILE] --layer NAME --code-field F\n"
    "                --name-field F [--parent-layer L --parent-field F]\n"
    "                [--strict] FILE.geojson\n"
    "       samverkan import incidents [--db FILE] --format "
    "polisen|csv|geojson\n"
    "                [--org CODE] [--source NAME] [--strict] FILE\n\n"
    "Imports areas (polygons of one layer; the file's crs member says\n"
    "EPSG:3006 or WGS84, no member means WGS84) or incidents into the\n"
    "database, all of one file in one transaction. Imports are idempotent:\n"
    "areas are keyed by layer and code, incidents by source and external\n"
    "id; importing the same file again adds nothing and a row whose\n"
    "content changed is updated. After an area import every incident\n"
    "located by a point gets the area of that layer again.\n\n"
    "Formats: polisen = the polisen.se events API JSON (type mapped to a\n"
    "category, the police id kept as external id, source polisen; tied to\n"
    "the kommun named by the location, else by the end of the name, else\n"
    "to the län); csv = the incident CSV layout with a header (see\n"
    "docs/architecture.md); geojson = Point features whose properties are\n"
    "the CSV columns.\n\n"
    "Bad rows: every rejected row is printed on stderr with the file, the\n"
    "line (CSV) or JSON index and the reason. By default the good rows are\n"
    "committed and the exit status is 1 if any row was rejected; with\n"
    "--strict any bad row means nothing is committed.\n\n"
    "  --org CODE      organisation of rows without one (polisen: default\n"
    "                  'polisen', created as Polismyndigheten if missing)\n"
    "  --source NAME   source of CSV/GeoJSON rows without one (default csv)\n"
    "  --strict        commit nothing if any row is rejected\n\n"
    "Prints 'read N, added N, updated N, unchanged N, rejected N'. A\n"
    "progress line is shown on stderr when it is a terminal. --db may come\n"
    "from the config file (db = FILE) or $SAMVERKAN_DB. Exit status 0 on\n"
    "success, 1 on failure or rejected rows, 2 on bad usage.\n";

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "layer", required_argument, NULL, 'l' },
		{ "code-field", required_argument, NULL, 'c' },
		{ "name-field", required_argument, NULL, 'n' },
		{ "parent-layer", required_argument, NULL, 'L' },
		{ "parent-field", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'f' },
		{ "org", required_argument, NULL, 'o' },
		{ "source", required_argument, NULL, 's' },
		{ "strict", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_area_opts ao;
	struct import_opts io;
	struct import_summary sum;
	struct sv_store *s = NULL;
	const char *db = NULL, *what, *format = NULL, *file;
	struct sv_diag d;
	enum sv_err e;
	int c, fmt = 0, rc;

	memset(&ao, 0, sizeof(ao));
	memset(&io, 0, sizeof(io));
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	what = argv[1];
	if (strcmp(what, "areas") != 0 && strcmp(what, "incidents") != 0)
		return cli_usage_error("import", "import areas or incidents, "
		    "not '%s'", what);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': ao.layer = optarg; break;
		case 'c': ao.code_field = optarg; break;
		case 'n': ao.name_field = optarg; break;
		case 'L': ao.parent_layer = optarg; break;
		case 'P': ao.parent_field = optarg; break;
		case 'f': format = optarg; break;
		case 'o': io.org = optarg; break;
		case 's': io.source = optarg; break;
		case 'S': ao.strict = io.strict = 1; break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("import", argv[optind]);
		}
	}
	if (optind != argc - 2)
		return cli_usage_error("import", "give exactly one file");
	file = argv[optind + 1];
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("import", "--db is required");
	if (strcmp(what, "areas") == 0) {
		if (ao.layer == NULL || ao.code_field == NULL ||
		    ao.name_field == NULL)
			return cli_usage_error("import", "areas need --layer, "
			    "--code-field and --name-field");
		if ((ao.parent_layer == NULL) != (ao.parent_field == NULL))
			return cli_usage_error("import", "--parent-layer and "
			    "--parent-field go together");
		if (format != NULL || io.org != NULL || io.source != NULL)
			return cli_usage_error("import", "--format, --org and "
			    "--source are for incidents");
	} else {
		if (format == NULL)
			return cli_usage_error("import", "--format is required "
			    "(polisen, csv or geojson)");
		for (fmt = 0; fmt < IMPORT__MAX; fmt++)
			if (strcmp(format, import_format_names[fmt]) == 0)
				break;
		if (fmt == IMPORT__MAX)
			return cli_usage_error("import", "--format must be "
			    "polisen, csv or geojson");
		if (ao.layer || ao.code_field || ao.name_field ||
		    ao.parent_layer || ao.parent_field)
			return cli_usage_error("import", "--layer and the field "
			    "options are for areas");
	}
	ao.progress = io.progress = isatty(STDERR_FILENO);
	sv_diag_clear(&d);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK) {
		rc = cli_fail("import", e, &d);
		goto out;
	}
	if (strcmp(what, "areas") == 0)
		e = import_areas(s, file, &ao, &sum, &d);
	else
		e = import_incidents(s, (enum import_format)fmt, file, &io,
		    &sum, &d);
	if (sum.read > 0 || e == SV_OK)
		import_print_summary(stdout, &sum);
	if (e == SV_OK && sum.reassigned > 0)
		printf("%ld incident%s given an area of layer %s\n",
		    sum.reassigned, sum.reassigned == 1 ? "" : "s", ao.layer);
	if (e != SV_OK) {
		if (d.line > 0)
			fprintf(stderr, "samverkan import: %s:%ld: %s%s%s\n",
			    file, d.line, d.field, d.field[0] ? ": " : "",
			    d.message);
		else
			cli_fail("import", e, &d);
		rc = SV_EXIT_FAIL;
	} else
		rc = sum.rejected > 0 ? SV_EXIT_FAIL : SV_EXIT_OK;
out:
	store_close(s);
	return rc;
}
