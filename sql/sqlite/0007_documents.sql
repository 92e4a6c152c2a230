-- Documents with a lifecycle (issue 6, records rules): what the product
-- produces and files -- the agreement with its attachments, the action
-- plan, the follow-up report, meeting minutes -- and uploaded files. Each
-- belongs to an organisation and is a version in a series (series_id is
-- the first version's id; NULL on the first version itself).
--
-- utkast: a draft, may change or be deleted. beslutad: decided, by a
-- decision of the collaboration (decision_id) or one taken elsewhere
-- (decision_ref, e.g. "KS 2026-03-02 § 41"); its bytes and SHA-256 are
-- frozen and it changes only by a new version. arkiverad: filed, final.
-- The triggers below enforce this under the domain's own checks, so no
-- statement of the program (or anyone with the database) changes a
-- decided document except by archiving it.

CREATE TABLE document (
	id		INTEGER PRIMARY KEY,
	series_id	INTEGER REFERENCES document(id),
	version		INTEGER NOT NULL CHECK (version >= 1),
	org_id		INTEGER NOT NULL REFERENCES organisation(id),
	kind		TEXT NOT NULL CHECK (kind IN ('overenskommelse',
			'handlingsplan','uppfoljning','protokoll','fil')),
	title		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'utkast'
			CHECK (status IN ('utkast','beslutad','arkiverad')),
	agreement_id	INTEGER REFERENCES agreement(id),
	source_id	INTEGER,
	diarienummer	TEXT,
	decision_id	INTEGER REFERENCES decision(id),
	decision_ref	TEXT,
	decided_on	TEXT,
	decided_at	INTEGER,
	decided_by	INTEGER REFERENCES app_user(id),
	archived_at	INTEGER,
	media_type	TEXT NOT NULL,
	file_name	TEXT NOT NULL,
	content		BLOB NOT NULL,
	bytes		INTEGER NOT NULL,
	sha256		TEXT NOT NULL,
	created_by	INTEGER REFERENCES app_user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (status = 'utkast' OR (decided_at IS NOT NULL AND
	    decided_on IS NOT NULL AND
	    (decision_id IS NOT NULL OR decision_ref IS NOT NULL))),
	CHECK (status <> 'arkiverad' OR archived_at IS NOT NULL)
);
CREATE UNIQUE INDEX document_version ON document(coalesce(series_id, id),
	version);
-- At most one draft per series.
CREATE UNIQUE INDEX document_one_draft ON document(coalesce(series_id, id))
	WHERE status = 'utkast';
CREATE INDEX document_org ON document(org_id);
CREATE INDEX document_decided ON document(decided_at) WHERE status <> 'utkast';

CREATE TRIGGER document_frozen BEFORE UPDATE ON document
	WHEN OLD.status <> 'utkast' AND NOT (OLD.status = 'beslutad' AND
	    NEW.status = 'arkiverad' AND NEW.series_id IS OLD.series_id AND
	    NEW.version IS OLD.version AND NEW.org_id IS OLD.org_id AND
	    NEW.kind IS OLD.kind AND NEW.title IS OLD.title AND
	    NEW.agreement_id IS OLD.agreement_id AND
	    NEW.source_id IS OLD.source_id AND
	    NEW.diarienummer IS OLD.diarienummer AND
	    NEW.decision_id IS OLD.decision_id AND
	    NEW.decision_ref IS OLD.decision_ref AND
	    NEW.decided_on IS OLD.decided_on AND
	    NEW.decided_at IS OLD.decided_at AND
	    NEW.decided_by IS OLD.decided_by AND
	    NEW.media_type IS OLD.media_type AND
	    NEW.file_name IS OLD.file_name AND NEW.content IS OLD.content AND
	    NEW.bytes IS OLD.bytes AND NEW.sha256 IS OLD.sha256 AND
	    NEW.created_by IS OLD.created_by AND
	    NEW.created_at IS OLD.created_at)
	BEGIN SELECT RAISE(ABORT,
	    'document is frozen: a decided one changes only by a new version');
	END;
CREATE TRIGGER document_no_delete BEFORE DELETE ON document
	WHEN OLD.status <> 'utkast'
	BEGIN SELECT RAISE(ABORT, 'document is frozen: only a draft is deleted');
	END;
