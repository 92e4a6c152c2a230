/*
 * Reader of the polisen.se events format (see polisen.h) and the table
 * that maps the police's event types to the category tree of migration
 * 0002 (groups trafik, vald, stold, inbrott, brand, polis, ...).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/mem.h"
#include "core/svtime.h"
#include "io/polisen.h"

/*
 * Event type -> category code. Types are compared after trimming
 * (the API writes "Lagen om hundar och katter " with a trailing space).
 * Summaries are handled by prefix in polisen_category.
 */
static const struct {
	const char	*type;
	const char	*category;
} type_map[] = {
	{ "Alkohollagen", "polis.ovrigt" },
	{ "Anträffad död", "polis.person" },
	{ "Anträffat gods", "polis.ovrigt" },
	{ "Arbetsplatsolycka", "polis.olycka" },
	{ "Bedrägeri", "polis.bedrageri" },
	{ "Bombhot", "vald.hot" },
	{ "Brand", "brand" },
	{ "Brand automatlarm", "brand" },
	{ "Bråk", "otrygghet.ordningsstorning" },
	{ "Detonation", "vald.skjutning" },
	{ "Djur", "polis.ovrigt" },
	{ "Efterlyst person", "polis.person" },
	{ "Ekobrott", "polis.bedrageri" },
	{ "Explosion", "vald.skjutning" },
	{ "Farligt föremål, misstänkt", "polis.vapen" },
	{ "Fjällräddning", "polis.olycka" },
	{ "Fylleri", "otrygghet.berusning" },
	{ "Fylleri/LOB", "otrygghet.berusning" },
	{ "Förfalskningsbrott", "polis.bedrageri" },
	{ "Försvunnen person", "polis.person" },
	{ "Hemfridsbrott", "polis.ovrigt" },
	{ "Hets mot folkgrupp", "vald.hot" },
	{ "Häleri", "stold" },
	{ "Information", "polis.ovrigt" },
	{ "Inbrott", "inbrott" },
	{ "Inbrott, försök", "inbrott.forsok" },
	{ "Knivlagen", "polis.vapen" },
	{ "Kontroll", "polis.ovrigt" },
	{ "Kontroll person/fordon", "polis.ovrigt" },
	{ "Lagen om hundar och katter", "polis.ovrigt" },
	{ "Larm Inbrott", "inbrott" },
	{ "Larm Överfall", "vald" },
	{ "Luftfartslagen", "polis.ovrigt" },
	{ "Miljöbrott", "polis.ovrigt" },
	{ "Missbruk av urkund", "polis.bedrageri" },
	{ "Misshandel", "vald.misshandel" },
	{ "Misshandel, grov", "vald.misshandel" },
	{ "Mord/dråp", "vald.dodligt" },
	{ "Mord/dråp, försök", "vald.dodligt" },
	{ "Mordbrand", "skadegorelse.brand" },
	{ "Motorfordon, anträffat stulet", "stold.fordon" },
	{ "Motorfordon, stöld", "stold.fordon" },
	{ "Narkotikabrott", "narkotika" },
	{ "Ofredande/förargelse", "vald.hot" },
	{ "Olaga frihetsberövande/människorov", "vald" },
	{ "Olaga hot", "vald.hot" },
	{ "Olaga intrång", "polis.ovrigt" },
	{ "Olovlig körning", "trafik.brott" },
	{ "Ordningslagen", "otrygghet.ordningsstorning" },
	{ "Polisinsats/kommendering", "polis.ovrigt" },
	{ "Rattfylleri", "trafik.brott" },
	{ "Räddningsinsats", "polis.olycka" },
	{ "Rån", "vald.ran" },
	{ "Rån väpnat", "vald.ran" },
	{ "Rån övrigt", "vald.ran" },
	{ "Rån, försök", "vald.ran" },
	{ "Sabotage mot blåljusverksamhet", "polis.ovrigt" },
	{ "Sedlighetsbrott", "vald.sexualbrott" },
	{ "Sexualbrott", "vald.sexualbrott" },
	{ "Sjukdom/olycksfall", "polis.olycka" },
	{ "Sjölagen", "polis.ovrigt" },
	{ "Skadegörelse", "skadegorelse" },
	{ "Skottlossning", "vald.skjutning" },
	{ "Skottlossning, misstänkt", "vald.skjutning" },
	{ "Skyddslagen", "polis.ovrigt" },
	{ "Smällar", "otrygghet.ordningsstorning" },
	{ "Spridning smitta/kemikalier", "polis.olycka" },
	{ "Stöld", "stold" },
	{ "Stöld, försök", "stold" },
	{ "Stöld/inbrott", "inbrott" },
	{ "Trafikbrott", "trafik.brott" },
	{ "Trafikhinder", "trafik" },
	{ "Trafikkontroll", "trafik.brott" },
	{ "Trafikolycka", "trafik.olycka" },
	{ "Trafikolycka, personskada", "trafik.olycka" },
	{ "Trafikolycka, singel", "trafik.olycka" },
	{ "Trafikolycka, smitning från", "trafik.olycka" },
	{ "Trafikolycka, vilt", "trafik.olycka" },
	{ "Upphittat föremål", "polis.ovrigt" },
	{ "Uppdatering", "polis.ovrigt" },
	{ "Utlänningslagen", "polis.ovrigt" },
	{ "Vapenlagen", "polis.vapen" },
	{ "Varningslarm/haveri", "polis.olycka" },
	{ "Våld/hot mot tjänsteman", "vald.hot" },
	{ "Våldtäkt", "vald.sexualbrott" },
	{ "Våldtäkt, försök", "vald.sexualbrott" },
	{ "Vållande till kroppsskada", "polis.olycka" },
	{ "Åldringsbrott", "polis.bedrageri" },
	{ "Övrigt", "polis.ovrigt" },
};

#define SUMMARY_PREFIX	"Sammanfattning"

int
polisen_is_summary(const char *type)
{
	while (type != NULL && *type == ' ')
		type++;
	return type != NULL &&
	    strncmp(type, SUMMARY_PREFIX, sizeof(SUMMARY_PREFIX) - 1) == 0;
}

const char *
polisen_category(const char *type)
{
	size_t i, n;

	if (type == NULL)
		return "polis.ovrigt";
	while (*type == ' ')
		type++;
	if (polisen_is_summary(type))
		return "polis.sammanfattning";
	n = strlen(type);
	while (n > 0 && type[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof(type_map) / sizeof(type_map[0]); i++)
		if (strlen(type_map[i].type) == n &&
		    memcmp(type_map[i].type, type, n) == 0)
			return type_map[i].category;
	return "polis.ovrigt";
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

enum sv_err
polisen_datetime(const char *s, int64_t *out, struct sv_diag *d)
{
	char iso[32];
	size_t hl;
	const char *t, *o;

	/* "YYYY-MM-DD" " " "H[H]:MM:SS" " " "+HH:MM" */
	if (s == NULL || strlen(s) < 25 || strlen(s) > 26 || s[10] != ' ' ||
	    !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		goto bad;
	t = s + 11;
	hl = (t[1] == ':') ? 1 : 2;
	if (!digits(t, hl) || t[hl] != ':' || !digits(t + hl + 1, 2) ||
	    t[hl + 3] != ':' || !digits(t + hl + 4, 2) || t[hl + 6] != ' ')
		goto bad;
	o = t + hl + 7;
	if ((o[0] != '+' && o[0] != '-') || !digits(o + 1, 2) || o[3] != ':' ||
	    !digits(o + 4, 2) || o[6] != '\0')
		goto bad;
	snprintf(iso, sizeof(iso), "%.10sT%s%.*s%s", s, hl == 1 ? "0" : "",
	    (int)(hl + 6), t, o);
	return sv_time_parse(iso, out, "datetime", d);
bad:
	return sv_diag_set(d, SV_ERR_INVALID, "datetime",
	    "not a polisen datetime (YYYY-MM-DD H:MM:SS +HH:MM): '%s'",
	    s ? s : "");
}

/* The string member key of o, "" if absent; NULL if present but no string. */
static const char *
str_member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return "";
	return json_string_value(v);
}

static const char *
trimmed_place(struct sv_arena *a, const char *name)
{
	const char *p = strrchr(name, ','), *e;

	p = p ? p + 1 : name;
	while (*p == ' ' || *p == '\t')
		p++;
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return sv_arena_strndup(a, p, (size_t)(e - p));
}

static void
parse_gps(struct polisen_event *ev, const char *gps)
{
	char *end;
	double lat, lon;

	errno = 0;
	lat = strtod(gps, &end);
	if (end == gps || *end != ',' || errno != 0)
		return;
	gps = end + 1;
	lon = strtod(gps, &end);
	if (end == gps || *end != '\0' || errno != 0)
		return;
	/* strtod also reads "nan" and "inf"; a position must be on Earth. */
	if (!isfinite(lat) || !isfinite(lon) || lat < -90 || lat > 90 ||
	    lon < -180 || lon > 180)
		return;
	ev->lat = lat;
	ev->lon = lon;
	ev->has_gps = 1;
}

static void
parse_event(struct sv_arena *a, json_t *o, struct polisen_event *ev)
{
	struct sv_diag d;
	json_t *id, *loc;
	const char *gps;

	ev->datetime = ev->name = ev->summary = ev->url = ev->type = "";
	ev->location = ev->place = "";
	if (!json_is_object(o)) {
		ev->error_field = "";
		ev->error = "not an object";
		return;
	}
	id = json_object_get(o, "id");
	if (!json_is_integer(id) || json_integer_value(id) <= 0) {
		ev->error_field = "id";
		ev->error = "id must be a positive integer";
		return;
	}
	ev->id = json_integer_value(id);
	snprintf(ev->id_text, sizeof(ev->id_text), "%lld", (long long)ev->id);
	if ((ev->datetime = str_member(o, "datetime")) == NULL ||
	    (ev->name = str_member(o, "name")) == NULL ||
	    (ev->summary = str_member(o, "summary")) == NULL ||
	    (ev->url = str_member(o, "url")) == NULL ||
	    (ev->type = str_member(o, "type")) == NULL) {
		ev->error_field = "";
		ev->error = "datetime, name, summary, url and type must be "
		    "strings";
		return;
	}
	if (polisen_datetime(ev->datetime, &ev->t, &d) != SV_OK) {
		ev->error_field = "datetime";
		ev->error = sv_arena_strdup(a, d.message);
		return;
	}
	if (*ev->type == '\0') {
		ev->error_field = "type";
		ev->error = "type is missing";
		return;
	}
	loc = json_object_get(o, "location");
	if (!json_is_object(loc) ||
	    (ev->location = str_member(loc, "name")) == NULL ||
	    (gps = str_member(loc, "gps")) == NULL) {
		ev->location = "";
		ev->error_field = "location";
		ev->error = "location must be an object with name and gps "
		    "strings";
		return;
	}
	if (*gps != '\0') {
		parse_gps(ev, gps);
		if (!ev->has_gps) {
			ev->error_field = "location.gps";
			ev->error = sv_arena_printf(a, "gps is not \"lat,lon\": "
			    "'%s'", gps);
			return;
		}
	}
	ev->place = trimmed_place(a, ev->name);
}

enum sv_err
polisen_parse(const char *buf, size_t len, struct polisen_doc **out,
    struct sv_diag *d)
{
	struct polisen_doc *doc;
	json_error_t jerr;
	json_t *root;
	size_t i;

	*out = NULL;
	sv_diag_clear(d);
	if (len > POLISEN_MAX_BYTES)
		return sv_diag_set(d, SV_ERR_TOOLARGE, "json",
		    "the document is %zu bytes; the limit is %zu", len,
		    POLISEN_MAX_BYTES);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		sv_diag_set(d, SV_ERR_INVALID, "json", "%s", jerr.text);
		d->line = jerr.line;
		return SV_ERR_INVALID;
	}
	if (!json_is_array(root)) {
		json_decref(root);
		return sv_diag_set(d, SV_ERR_INVALID, "json",
		    "the polisen events format is a JSON array of events");
	}
	doc = sv_calloc(1, sizeof(*doc));
	doc->root = root;
	doc->arena = sv_arena_new();
	doc->nevents = json_array_size(root);
	doc->events = sv_arena_alloc(doc->arena,
	    (doc->nevents ? doc->nevents : 1) * sizeof(*doc->events));
	for (i = 0; i < doc->nevents; i++) {
		doc->events[i].index = i;
		parse_event(doc->arena, json_array_get(root, i),
		    &doc->events[i]);
	}
	*out = doc;
	return SV_OK;
}

enum sv_err
polisen_read_file(const char *path, struct polisen_doc **out,
    struct sv_diag *d)
{
	struct stat st;
	FILE *fp;
	char *buf = NULL;
	size_t len;
	enum sv_err e;

	*out = NULL;
	sv_diag_clear(d);
	if ((fp = fopen(path, "rb")) == NULL)
		return sv_diag_set(d, SV_ERR_IO, "file", "%s: %s", path,
		    strerror(errno));
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		e = sv_diag_set(d, SV_ERR_IO, "file", "%s: not a regular file",
		    path);
		goto out;
	}
	if ((size_t)st.st_size > POLISEN_MAX_BYTES) {
		e = sv_diag_set(d, SV_ERR_TOOLARGE, "file", "%s is %lld bytes; "
		    "the limit is %zu", path, (long long)st.st_size,
		    POLISEN_MAX_BYTES);
		goto out;
	}
	len = (size_t)st.st_size;
	buf = sv_malloc(len + 1);
	if (fread(buf, 1, len, fp) != len) {
		e = sv_diag_set(d, SV_ERR_IO, "file", "%s: read failed", path);
		goto out;
	}
	e = polisen_parse(buf, len, out, d);
out:
	free(buf);
	fclose(fp);
	return e;
}

void
polisen_free(struct polisen_doc *doc)
{
	if (doc == NULL)
		return;
	json_decref(doc->root);
	sv_arena_free(doc->arena);
	free(doc);
}
