/*
 * Domain structs to JSON objects of docs/api.md. One function per object
 * so every route shows an object the same way.
 */
#include <math.h>
#include <string.h>

#include "api_int.h"
#include "core/buf.h"
#include "domain/area.h"
#include "domain/category.h"
#include "domain/incident.h"
#include "domain/organisation.h"
#include "domain/user.h"
#include "geo/geo.h"
#include "store/store.h"

json_t *
api_org_json(const struct sv_org *o)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}",
	    "id", (json_int_t)o->id, "code", o->code, "name", o->name,
	    "kind", (unsigned)o->kind < SV_ORG__MAX ?
	    sv_org_kind_names[o->kind] : "ovrig",
	    "org_number", api_jstr(o->org_number),
	    "parent", api_jstr(o->parent));
}

json_t *
api_user_json(const struct sv_user *u)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:s, s:s, s:b}",
	    "id", (json_int_t)u->id, "email", u->email,
	    "display_name", api_jstr(u->display_name),
	    "alias", api_jstr(u->alias),
	    "organisation", u->organisation,
	    "role", (unsigned)u->role < SV_ROLE__MAX ?
	    sv_role_names[u->role] : "lasare", "active", u->active);
}

json_t *
api_category_json(const struct sv_category *c)
{
	return json_pack("{s:s, s:s, s:o, s:b, s:b}", "code", c->code,
	    "name", c->name, "parent", api_jstr(c->parent), "est", c->est,
	    "active", c->active);
}

/* Rounded to `scale` (1e7 for degrees: ~1 cm; 100 for metres). */
static json_t *
jround(double v, double scale)
{
	return isfinite(v) ? json_real(round(v * scale) / scale) :
	    json_null();
}

/* The area's geometry in WGS84 as a JSON value; NULL on failure. */
json_t *
api_area_geometry(struct http_request *req, const struct sv_area *a)
{
	struct sv_buf b;
	json_t *g = NULL;

	if (a->wkb == NULL)
		return NULL;
	sv_buf_init(&b, 0);
	if (geo_wkb_to_geojson(store_geo(api_store(req)), a->wkb, a->wkb_len,
	    SV_CRS_WGS84, &b) == SV_OK && b.data != NULL)
		g = api_jraw(b.data);
	sv_buf_free(&b);
	return g;
}

json_t *
api_area_json(struct http_request *req, const struct sv_area *a,
    int with_geom)
{
	json_t *o, *parent, *g;

	if (a->parent_id != 0)
		parent = json_pack("{s:I, s:o, s:o}", "id",
		    (json_int_t)a->parent_id, "layer",
		    api_jstr(a->parent_layer), "code",
		    api_jstr(a->parent_code));
	else
		parent = json_null();
	o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:[o,o,o,o]}",
	    "id", (json_int_t)a->id, "layer", a->layer, "code", a->code,
	    "name", a->name, "parent", parent, "bbox", jround(a->bbox[0], 1e7),
	    jround(a->bbox[1], 1e7), jround(a->bbox[2], 1e7),
	    jround(a->bbox[3], 1e7));
	if (with_geom && o != NULL) {
		g = api_area_geometry(req, a);
		json_object_set_new(o, "geometry", g ? g : json_null());
	}
	return o;
}

json_t *
api_incident_json(const struct sv_incident *inc)
{
	json_t *o, *areas = json_object();
	size_t i;

	for (i = 0; i < inc->nareas; i++)
		if (inc->areas[i].layer != NULL && inc->areas[i].code != NULL)
			json_object_set_new(areas, inc->areas[i].layer,
			    json_string(inc->areas[i].code));
	o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
	    " s:i, s:o, s:s, s:s, s:o, s:s, s:o, s:o}",
	    "id", (json_int_t)inc->id,
	    "organisation", inc->organisation ? inc->organisation : "",
	    "category", inc->category ? inc->category : "",
	    "observed_from", api_jtime(inc->observed_from),
	    "observed_to", inc->has_observed_to ?
	    api_jtime(inc->observed_to) : json_null(),
	    "lat", jround(inc->lat, 1e7), "lon", jround(inc->lon, 1e7),
	    "x", jround(inc->x, 100), "y", jround(inc->y, 100),
	    "areas", areas,
	    "severity", inc->severity,
	    "people_count", inc->people_count >= 0 ?
	    json_integer(inc->people_count) : json_null(),
	    "certainty", (unsigned)inc->certainty < SV_CERTAINTY__MAX ?
	    sv_certainty_names[inc->certainty] : "observed",
	    "source", inc->source ? inc->source : "est",
	    "external_id", api_jstr(inc->external_id),
	    "status", (unsigned)inc->status < SV_STATUS__MAX ?
	    sv_status_names[inc->status] : "active",
	    "created_at", api_jtime(inc->created_at),
	    "updated_at", api_jtime(inc->updated_at));
	/* Absent when there is none or the reader may not see it. */
	if (o != NULL && inc->description != NULL)
		json_object_set_new(o, "description",
		    json_string(inc->description));
	return o;
}

json_t *
api_incident_feature(const struct sv_incident *inc)
{
	json_t *props = api_incident_json(inc), *geom;

	if (props == NULL)
		return NULL;
	if (isfinite(inc->lon) && isfinite(inc->lat))
		geom = json_pack("{s:s, s:[o,o]}", "type", "Point",
		    "coordinates", jround(inc->lon, 1e7),
		    jround(inc->lat, 1e7));
	else
		geom = json_null();
	return json_pack("{s:s, s:I, s:o, s:o}", "type", "Feature",
	    "id", (json_int_t)inc->id, "geometry", geom, "properties", props);
}
