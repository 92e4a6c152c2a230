-- Trust (issue 6): sharing rules between organisations and the trust
-- settings (personal-data mode, the minimum count of aggregated figures,
-- retention periods).
--
-- A sharing rule says how much of the data of kind `kind` owned by
-- owner_org_id the users of reader_org_id see: level 0 none, 1
-- aggregated only (counted in figures, never listed), 2 without free
-- text, 3 full. reader_org_id NULL is the owner's default for every
-- other organisation. Without any rule the level is 2 (without free
-- text), what the product did before rules existed. An organisation
-- always sees its own data in full.

CREATE TABLE sharing_rule (
	id		INTEGER PRIMARY KEY,
	owner_org_id	INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
	reader_org_id	INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('incident','dialogue','document')),
	level		INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER REFERENCES app_user(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX sharing_rule_pair ON sharing_rule(owner_org_id,
	coalesce(reader_org_id, 0), kind);
CREATE INDEX sharing_rule_reader ON sharing_rule(reader_org_id);

-- Installation settings of domain/trust.c; a missing row means the
-- built-in default.
CREATE TABLE trust_setting (
	name		TEXT PRIMARY KEY,
	value		TEXT NOT NULL,
	updated_at	INTEGER NOT NULL
);
