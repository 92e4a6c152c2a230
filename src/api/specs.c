/*
 * What each route accepts, as data: the keys of JSON bodies with their
 * types and the query parameters. The HTTP layer refuses anything else
 * (unknown keys and parameters: 400) and the OpenAPI document is built
 * from the same tables.
 */
#include "api_int.h"

#define R	HTTP_F_REQUIRED
#define N	HTTP_F_NULLABLE

const struct http_field f_session[] = {
	{ "email", HTTP_J_STRING, R, "e-mail address" },
	{ "password", HTTP_J_STRING, R, "password" },
	{ "totp", HTTP_J_STRING, 0,
	    "6-digit code when the user has a TOTP second factor" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_totp_confirm[] = {
	{ "code", HTTP_J_STRING, R, "6-digit code of the enrolled secret" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_totp_disable[] = {
	{ "password", HTTP_J_STRING, R, "the user's password" },
	{ "code", HTTP_J_STRING, R, "6-digit code" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_session_password[] = {
	{ "password", HTTP_J_STRING, R, "the current password" },
	{ "new_password", HTTP_J_STRING, R,
	    "the new password (the user policy; not the current one)" },
	{ "code", HTTP_J_STRING, 0,
	    "6-digit code when the user has a TOTP second factor" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_org_create[] = {
	{ "code", HTTP_J_STRING, R, "short unique code, e.g. LPO-VAS" },
	{ "name", HTTP_J_STRING, R, "name" },
	{ "kind", HTTP_J_STRING, R, "kommun, lokalpolisomrade, ..." },
	{ "org_number", HTTP_J_STRING, N, "organisationsnummer NNNNNN-NNNN" },
	{ "parent", HTTP_J_STRING, N, "code of the parent organisation" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_org_patch[] = {
	{ "code", HTTP_J_STRING, 0, "new code" },
	{ "name", HTTP_J_STRING, 0, "name" },
	{ "kind", HTTP_J_STRING, 0, "kind" },
	{ "org_number", HTTP_J_STRING, N, "organisationsnummer or null" },
	{ "parent", HTTP_J_STRING, N, "parent code or null" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_user_create[] = {
	{ "email", HTTP_J_STRING, R, "e-mail address (unique)" },
	{ "password", HTTP_J_STRING, R, "at least 10 characters" },
	{ "organisation", HTTP_J_STRING, R, "organisation code" },
	{ "role", HTTP_J_STRING, R, "lasare, rapportor, samordnare, admin" },
	{ "display_name", HTTP_J_STRING, N, "name shown to others" },
	{ "alias", HTTP_J_STRING, N, "alias for protected staff" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_user_patch[] = {
	{ "email", HTTP_J_STRING, 0, "e-mail address" },
	{ "password", HTTP_J_STRING, 0, "new password" },
	{ "organisation", HTTP_J_STRING, 0, "organisation code" },
	{ "role", HTTP_J_STRING, 0, "role" },
	{ "display_name", HTTP_J_STRING, N, "name shown to others" },
	{ "alias", HTTP_J_STRING, N, "alias or null" },
	{ "active", HTTP_J_BOOLEAN, 0, "false deactivates" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_area_create[] = {
	{ "layer", HTTP_J_STRING, R, "kommun, stadsdel, basomrade, plats, ..." },
	{ "code", HTTP_J_STRING, R, "code, unique in the layer" },
	{ "name", HTTP_J_STRING, R, "name" },
	{ "parent", HTTP_J_STRING, N, "code of the parent area" },
	{ "parent_layer", HTTP_J_STRING, N, "layer of the parent area" },
	{ "geometry", HTTP_J_OBJECT, R,
	    "GeoJSON Polygon or MultiPolygon, WGS84 or \"crs\":\"EPSG:3006\"" },
	{ "crs", HTTP_J_STRING, N, "EPSG:4326 (default) or EPSG:3006" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_area_patch[] = {
	{ "layer", HTTP_J_STRING, 0, "layer" },
	{ "code", HTTP_J_STRING, 0, "code" },
	{ "name", HTTP_J_STRING, 0, "name" },
	{ "parent", HTTP_J_STRING, N, "parent code or null" },
	{ "parent_layer", HTTP_J_STRING, N, "layer of the parent area" },
	{ "geometry", HTTP_J_OBJECT, 0, "GeoJSON Polygon or MultiPolygon" },
	{ "crs", HTTP_J_STRING, N, "EPSG:4326 (default) or EPSG:3006" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_category_create[] = {
	{ "code", HTTP_J_STRING, R, "dotted path, e.g. skadegorelse.klotter" },
	{ "name", HTTP_J_STRING, R, "Swedish name" },
	{ "parent", HTTP_J_STRING, N, "parent code" },
	{ "est", HTTP_J_BOOLEAN, 0, "an EST category" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_category_patch[] = {
	{ "code", HTTP_J_STRING, 0, "code" },
	{ "name", HTTP_J_STRING, 0, "name" },
	{ "parent", HTTP_J_STRING, N, "parent code or null" },
	{ "est", HTTP_J_BOOLEAN, 0, "an EST category" },
	{ "active", HTTP_J_BOOLEAN, 0, "false hides it from new reports" },
	{ NULL, 0, 0, NULL },
};

/* One incident (POST /incidents checks each item against this). */
const struct http_field f_incident[] = {
	{ "category", HTTP_J_STRING, R, "category code" },
	{ "observed_from", HTTP_J_STRING, R, "ISO 8601 time" },
	{ "observed_to", HTTP_J_STRING, N, "ISO 8601 time" },
	{ "lat", HTTP_J_NUMBER, 0, "WGS84 latitude (with lon)" },
	{ "lon", HTTP_J_NUMBER, 0, "WGS84 longitude (with lat)" },
	{ "x", HTTP_J_NUMBER, 0, "SWEREF 99 TM easting (with y)" },
	{ "y", HTTP_J_NUMBER, 0, "SWEREF 99 TM northing (with x)" },
	{ "area", HTTP_J_STRING, 0, "area code when there is no point" },
	{ "layer", HTTP_J_STRING, 0, "layer of area when codes collide" },
	{ "severity", HTTP_J_INTEGER, 0, "1-3, default 1" },
	{ "people_count", HTTP_J_INTEGER, N, "0-10000" },
	{ "certainty", HTTP_J_STRING, 0, "observed (default) or suspected" },
	{ "description", HTTP_J_STRING, N, "free text, no personal data" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_incident_patch[] = {
	{ "category", HTTP_J_STRING, 0, "category code" },
	{ "observed_from", HTTP_J_STRING, 0, "ISO 8601 time" },
	{ "observed_to", HTTP_J_STRING, N, "ISO 8601 time or null" },
	{ "lat", HTTP_J_NUMBER, 0, "WGS84 latitude (with lon)" },
	{ "lon", HTTP_J_NUMBER, 0, "WGS84 longitude (with lat)" },
	{ "x", HTTP_J_NUMBER, 0, "SWEREF 99 TM easting (with y)" },
	{ "y", HTTP_J_NUMBER, 0, "SWEREF 99 TM northing (with x)" },
	{ "area", HTTP_J_STRING, 0, "area code" },
	{ "layer", HTTP_J_STRING, 0, "layer of area" },
	{ "severity", HTTP_J_INTEGER, 0, "1-3" },
	{ "people_count", HTTP_J_INTEGER, N, "0-10000 or null" },
	{ "certainty", HTTP_J_STRING, 0, "observed or suspected" },
	{ "description", HTTP_J_STRING, N, "free text or null" },
	{ NULL, 0, 0, NULL },
};

const struct http_qparam q_area_list[] = {
	{ "layer", HTTP_J_STRING, "only this layer" },
	{ "parent", HTTP_J_STRING, "only children of this area code" },
	{ "q", HTTP_J_STRING, "name contains (case-insensitive)" },
	{ "format", HTTP_J_STRING, "json (default) or geojson" },
	{ NULL, 0, NULL },
};

const struct http_qparam q_area_import[] = {
	{ "layer", HTTP_J_STRING, "layer of the imported areas (required)" },
	{ "code_field", HTTP_J_STRING, "feature property with the code" },
	{ "name_field", HTTP_J_STRING, "feature property with the name" },
	{ NULL, 0, NULL },
};

#define INCIDENT_FILTERS \
	{ "from", HTTP_J_STRING, "observed_from >= from (ISO 8601)" }, \
	{ "to", HTTP_J_STRING, "observed_from < to (ISO 8601)" }, \
	{ "area", HTTP_J_STRING, "area code, descendants included" }, \
	{ "layer", HTTP_J_STRING, "layer of area (and of group=area)" }, \
	{ "category", HTTP_J_STRING, "category code, sub-categories included" }, \
	{ "org", HTTP_J_STRING, "reporting organisation code" }, \
	{ "source", HTTP_J_STRING, "est, polisen, open311, import" }, \
	{ "bbox", HTTP_J_STRING, "minlon,minlat,maxlon,maxlat (WGS84)" }, \
	{ "status", HTTP_J_STRING, "active (default), withdrawn, all" }

const struct http_qparam q_incident_list[] = {
	INCIDENT_FILTERS,
	{ "limit", HTTP_J_INTEGER, "1..1000, default 100" },
	{ "cursor", HTTP_J_STRING, "next_cursor of the previous page" },
	{ "format", HTTP_J_STRING, "json (default) or geojson" },
	{ NULL, 0, NULL },
};

const struct http_qparam q_stats_counts[] = {
	INCIDENT_FILTERS,
	{ "group", HTTP_J_STRING, "area, category, week, day, hour or org" },
	{ "group_layer", HTTP_J_STRING, "area layer grouped by group=area "
	    "(default: layer, else kommun)" },
	{ NULL, 0, NULL },
};

const struct http_qparam q_lagesbild[] = {
	{ "area", HTTP_J_STRING, "area code (required)" },
	{ "layer", HTTP_J_STRING, "layer of the area when codes collide" },
	{ "period", HTTP_J_STRING, "2026-W47, 2026-11, 2026-T3, 2026-Q4, "
	    "2026 or FROM/TO (required)" },
	{ "child_layer", HTTP_J_STRING, "layer of the sub-areas" },
	{ "cell", HTTP_J_NUMBER, "grid cell side for Gi* (m)" },
	{ "band", HTTP_J_NUMBER, "Gi* distance band (m)" },
	{ "kde_sigma", HTTP_J_NUMBER, "KDE bandwidth (m)" },
	{ "kde_cells", HTTP_J_INTEGER, "KDE cells on the long side" },
	{ "nr_distance", HTTP_J_NUMBER, "near repeat distance (m)" },
	{ "nr_days", HTTP_J_INTEGER, "near repeat days" },
	{ "new_weeks", HTTP_J_INTEGER, "weeks looked back for new incidents" },
	{ "fdr", HTTP_J_NUMBER, "Benjamini-Hochberg q" },
	{ "alpha", HTTP_J_NUMBER, "significance level of changes" },
	{ "permutations", HTTP_J_INTEGER, "Knox Monte Carlo permutations" },
	{ "seed", HTTP_J_INTEGER, "random seed" },
	{ NULL, 0, NULL },
};

const struct http_field f_sharing[] = {
	{ "owner", HTTP_J_STRING, R, "code of the organisation owning the data" },
	{ "reader", HTTP_J_STRING, N,
	    "code of the reading organisation; null: every other one" },
	{ "kind", HTTP_J_STRING, R, "incident, dialogue or document" },
	{ "level", HTTP_J_STRING, R, "full, no_text, aggregated or none" },
	{ NULL, 0, 0, NULL },
};

const struct http_qparam q_sharing[] = {
	{ "owner", HTTP_J_STRING, "owner organisation code (required)" },
	{ "reader", HTTP_J_STRING, "reader organisation code; absent: the "
	    "owner's default" },
	{ "kind", HTTP_J_STRING, "incident (default), dialogue or document" },
	{ NULL, 0, NULL },
};

const struct http_field f_trust_patch[] = {
	{ "pii_mode", HTTP_J_STRING, N, "refuse or mask" },
	{ "min_count", HTTP_J_INTEGER, N, "smallest aggregated count shown" },
	{ "retention.incident_text", HTTP_J_INTEGER, N,
	    "days until free text is removed (0 = kept)" },
	{ "retention.incident", HTTP_J_INTEGER, N,
	    "days until incidents are deleted (0 = kept)" },
	{ "retention.withdrawn", HTTP_J_INTEGER, N,
	    "days until withdrawn incidents are deleted (0 = kept)" },
	{ "retention.session", HTTP_J_INTEGER, N,
	    "days after expiry until sessions are deleted (0 = kept)" },
	{ "retention.token", HTTP_J_INTEGER, N,
	    "days until revoked API tokens are deleted (0 = kept)" },
	{ "retention.photo", HTTP_J_INTEGER, N,
	    "days after the observation until photos are deleted (0 = kept)" },
	{ NULL, 0, 0, NULL },
};

/* Incident photos (api/h_photo.c). */
const struct http_field f_photo[] = {
	{ "media_type", HTTP_J_STRING, R, "image/jpeg or image/png" },
	{ "data", HTTP_J_STRING, R,
	    "the image, base64 (at most 5 MiB decoded); metadata is removed" },
	{ NULL, 0, 0, NULL },
};

/* Documents (api/h_document.c, domain/document.h). */
const struct http_field f_document_create[] = {
	{ "kind", HTTP_J_STRING, R, "overenskommelse, handlingsplan, "
	    "uppfoljning, protokoll (rendered from source_id) or fil" },
	{ "source_id", HTTP_J_INTEGER, 0, "the agreement (overenskommelse, "
	    "uppfoljning), plan or meeting (protokoll) to render" },
	{ "organisation", HTTP_J_STRING, N, "owner code (default: one's own)" },
	{ "title", HTTP_J_STRING, N, "title (default: the source's)" },
	{ "diarienummer", HTTP_J_STRING, N, "registry number" },
	{ "agreement_id", HTTP_J_INTEGER, N, "the agreement it belongs to" },
	{ "file_name", HTTP_J_STRING, N, "fil: the file's name" },
	{ "media_type", HTTP_J_STRING, N, "fil: application/pdf, text/plain, "
	    "image/jpeg, image/png, ODT, DOCX or XLSX" },
	{ "content", HTTP_J_STRING, N, "fil: the file, base64 (10 MiB)" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_document_patch[] = {
	{ "title", HTTP_J_STRING, 0, "title" },
	{ "diarienummer", HTTP_J_STRING, N, "registry number or null" },
	{ "refresh", HTTP_J_BOOLEAN, 0,
	    "true renders a rendered kind again from its source" },
	{ "file_name", HTTP_J_STRING, 0, "fil: new file's name" },
	{ "media_type", HTTP_J_STRING, 0, "fil: new file's media type" },
	{ "content", HTTP_J_STRING, 0, "fil: new file, base64" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_document_decide[] = {
	{ "decision_id", HTTP_J_INTEGER, 0,
	    "a decision of the collaboration (§ of a meeting)" },
	{ "decision_ref", HTTP_J_STRING, 0,
	    "a decision taken elsewhere, e.g. \"KS 2026-03-02 § 41\"" },
	{ "decided_on", HTTP_J_STRING, 0,
	    "YYYY-MM-DD (default: the meeting's date)" },
	{ NULL, 0, 0, NULL },
};

const struct http_field f_document_version[] = {
	{ "title", HTTP_J_STRING, 0, "title (default: the decided one's)" },
	{ "diarienummer", HTTP_J_STRING, N, "registry number or null" },
	{ "file_name", HTTP_J_STRING, 0, "fil: the new file's name" },
	{ "media_type", HTTP_J_STRING, 0, "fil: its media type" },
	{ "content", HTTP_J_STRING, 0,
	    "fil: the new file, base64 (default: a copy)" },
	{ NULL, 0, 0, NULL },
};

const struct http_qparam q_document_list[] = {
	{ "org", HTTP_J_STRING, "owner organisation code" },
	{ "status", HTTP_J_STRING, "utkast, beslutad, arkiverad or decided" },
	{ "kind", HTTP_J_STRING, "document kind" },
	{ "agreement", HTTP_J_INTEGER, "agreement id" },
	{ "from", HTTP_J_STRING, "decided on or after (YYYY-MM-DD)" },
	{ "to", HTTP_J_STRING, "decided before (YYYY-MM-DD)" },
	{ NULL, 0, NULL },
};
