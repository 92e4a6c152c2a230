-- samverkan schema, first cut (issue 2). SQLite. Times are int64 Unix
-- seconds (UTC); coordinates SWEREF 99 TM (EPSG:3006) metres, with the
-- WGS84 lat/lon kept beside them for exact bbox filters and cheap output.
-- Organisations own their data; audit_event is append-only and
-- hash-chained (each row carries the hash of the previous one).

CREATE TABLE organisation (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	org_number	TEXT,
	parent_id	INTEGER REFERENCES organisation(id) ON DELETE RESTRICT,
	successor_id	INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
	active		INTEGER NOT NULL DEFAULT 1,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
);
CREATE INDEX organisation_parent ON organisation(parent_id);

CREATE TABLE app_user (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
	email		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	display_name	TEXT NOT NULL DEFAULT '',
	alias		TEXT,
	role		TEXT NOT NULL CHECK (role IN ('lasare','rapportor','samordnare','admin')),
	password_hash	TEXT NOT NULL,
	active		INTEGER NOT NULL DEFAULT 1,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
);
CREATE INDEX app_user_org ON app_user(org_id);

CREATE TABLE api_token (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	token_hash	TEXT NOT NULL UNIQUE,
	label		TEXT,
	created_at	INTEGER NOT NULL,
	last_used	INTEGER,
	revoked		INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_token_user ON api_token(user_id);

CREATE TABLE session (
	id		INTEGER PRIMARY KEY,
	session_hash	TEXT NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	csrf_token	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	revoked		INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX session_user ON session(user_id);

-- One row per area layer: gen is bumped on every change to the layer's
-- areas, so cached point-in-polygon indexes know when to rebuild.
CREATE TABLE area_layer (
	name		TEXT PRIMARY KEY,
	gen		INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE area (
	id		INTEGER PRIMARY KEY,
	layer		TEXT NOT NULL REFERENCES area_layer(name),
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	parent_id	INTEGER REFERENCES area(id) ON DELETE SET NULL,
	geom		BLOB,		-- WKB, EPSG:3006
	minx		REAL, miny REAL, maxx REAL, maxy REAL,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (layer, code)
);
CREATE INDEX area_parent ON area(parent_id);
CREATE INDEX area_layer_name ON area(layer, name COLLATE NOCASE);

CREATE TABLE category (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	parent_id	INTEGER REFERENCES category(id) ON DELETE RESTRICT,
	est		INTEGER NOT NULL DEFAULT 0,
	active		INTEGER NOT NULL DEFAULT 1,
	sort		INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX category_parent ON category(parent_id);

CREATE TABLE incident (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
	category_id	INTEGER NOT NULL REFERENCES category(id) ON DELETE RESTRICT,
	observed_from	INTEGER NOT NULL,
	observed_to	INTEGER,
	x		REAL NOT NULL,
	y		REAL NOT NULL,
	lat		REAL NOT NULL,
	lon		REAL NOT NULL,
	severity	INTEGER NOT NULL DEFAULT 1 CHECK (severity BETWEEN 1 AND 3),
	people_count	INTEGER CHECK (people_count BETWEEN 0 AND 10000),
	certainty	TEXT NOT NULL DEFAULT 'observed' CHECK (certainty IN ('observed','suspected')),
	description	TEXT,
	source		TEXT NOT NULL DEFAULT 'est',
	external_id	TEXT,
	status		TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','withdrawn')),
	created_by	INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	content_hash	TEXT,
	-- the area the incident was located by when it had no point of its
	-- own (its point is then a point on that area's surface)
	loc_area_id	INTEGER REFERENCES area(id) ON DELETE SET NULL,
	CHECK (observed_to IS NULL OR observed_to >= observed_from)
);
CREATE UNIQUE INDEX incident_source_ext ON incident(source, external_id)
	WHERE external_id IS NOT NULL;
CREATE INDEX incident_time ON incident(observed_from, id);
CREATE INDEX incident_category_time ON incident(category_id, observed_from);
CREATE INDEX incident_org_time ON incident(org_id, observed_from);

-- The area of each layer an incident lies in (point in polygon), one row
-- per (incident, layer).
CREATE TABLE incident_area (
	incident_id	INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
	layer		TEXT NOT NULL,
	area_id		INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
	PRIMARY KEY (incident_id, layer)
) WITHOUT ROWID;
CREATE INDEX incident_area_area ON incident_area(area_id, incident_id);

CREATE TABLE audit_event (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	user_id		INTEGER,
	org_id		INTEGER,
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	TEXT,
	detail		TEXT,
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL
);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
	BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
	BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;

INSERT INTO area_layer(name) VALUES ('lan'), ('kommun'), ('polisregion'),
	('polisomrade'), ('lokalpolisomrade'), ('stadsdel'), ('basomrade'),
	('deso'), ('regso'), ('plats');
