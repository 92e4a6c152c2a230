-- Photos attached to incidents (issue 6, personal data). A photo belongs
-- to its incident and so to the incident's organisation; it is stored
-- only after every metadata segment (EXIF with GPS, XMP, IPTC, comments,
-- thumbnails, PNG text and time chunks) has been removed by
-- src/io/image_meta.c. Readers of other organisations see photos only at
-- sharing level full. A photo goes with its incident (retention deletes
-- the incident) and, earlier, after the retention.photo period.

CREATE TABLE incident_photo (
	id		INTEGER PRIMARY KEY,
	incident_id	INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
	media_type	TEXT NOT NULL CHECK (media_type IN ('image/jpeg','image/png')),
	width		INTEGER NOT NULL CHECK (width > 0),
	height		INTEGER NOT NULL CHECK (height > 0),
	bytes		INTEGER NOT NULL,
	sha256		TEXT NOT NULL,
	data		BLOB NOT NULL,
	created_by	INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL
);
CREATE INDEX incident_photo_incident ON incident_photo(incident_id);
