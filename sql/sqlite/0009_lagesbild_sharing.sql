-- The lägesbild's read model, second version (src/lagesbild). Replaces
-- the tables of 0003_lagesbild.sql, rebuilt from incident and
-- incident_area:
--
-- * every fact and count carries the owner organisation (org_id), so the
--   lägesbild applies the sharing rules of domain/sharing.h: an owner whose
--   rule for the reader is "none" is left out, "aggregated" is counted but
--   never shown as a point, and small counts holding such data are
--   suppressed;
-- * incident_area_day: counts per (area, day, owner) without the
--   category, so the counts of 64 sub-areas over a window read 64 x days
--   rows instead of 64 x days x categories;
-- * incident_month: counts per (area, Stockholm calendar month, category,
--   owner), so the 12-month series reads 12 x categories rows instead of
--   365 x categories.
--
-- day is the Europe/Stockholm civil date as days since 1970-01-01 (as in
-- 0003); month is year * 12 + month - 1 of that date. Withdrawn incidents
-- are left out; they come back if reactivated.

DROP TRIGGER incident_fact_day_ins;
DROP TRIGGER incident_fact_day_del;
DROP TRIGGER incident_area_fact_ins;
DROP TRIGGER incident_area_fact_del;
DROP TRIGGER incident_area_fact_upd;
DROP TRIGGER incident_fact_upd;
DROP TRIGGER incident_fact_del;
DROP TABLE incident_fact;
DROP TABLE incident_day;

CREATE TABLE incident_fact (
	area_id		INTEGER NOT NULL,
	t		INTEGER NOT NULL,	-- incident.observed_from
	incident_id	INTEGER NOT NULL,
	day		INTEGER NOT NULL,
	category_id	INTEGER NOT NULL,
	org_id		INTEGER NOT NULL,
	x		REAL NOT NULL,
	y		REAL NOT NULL,
	PRIMARY KEY (area_id, t, incident_id)
) WITHOUT ROWID;

CREATE TABLE incident_day (
	area_id		INTEGER NOT NULL,
	day		INTEGER NOT NULL,
	category_id	INTEGER NOT NULL,
	org_id		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (area_id, day, category_id, org_id)
) WITHOUT ROWID;

CREATE TABLE incident_area_day (
	area_id		INTEGER NOT NULL,
	day		INTEGER NOT NULL,
	org_id		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (area_id, day, org_id)
) WITHOUT ROWID;

CREATE TABLE incident_month (
	area_id		INTEGER NOT NULL,
	month		INTEGER NOT NULL,
	category_id	INTEGER NOT NULL,
	org_id		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (area_id, month, category_id, org_id)
) WITHOUT ROWID;

-- The facts first, then the counts in one pass each (faster than the
-- count triggers row by row).
INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
    org_id, x, y)
SELECT ia.area_id, i.observed_from, i.id,
    (i.observed_from + CASE WHEN i.observed_from >= strftime('%s',
    strftime('%Y', i.observed_from, 'unixepoch') || '-03-25',
    'weekday 0') + 3600 AND i.observed_from < strftime('%s',
    strftime('%Y', i.observed_from, 'unixepoch') || '-10-25',
    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
    i.category_id, i.org_id, i.x, i.y
FROM incident_area ia JOIN incident i ON i.id = ia.incident_id
WHERE i.status = 'active';

INSERT INTO incident_day(area_id, day, category_id, org_id, n)
SELECT area_id, day, category_id, org_id, count(*) FROM incident_fact
GROUP BY area_id, day, category_id, org_id;

INSERT INTO incident_area_day(area_id, day, org_id, n)
SELECT area_id, day, org_id, sum(n) FROM incident_day
GROUP BY area_id, day, org_id;

INSERT INTO incident_month(area_id, month, category_id, org_id, n)
SELECT area_id, CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER)
    * 12 + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1,
    category_id, org_id, sum(n) FROM incident_day
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER incident_fact_count_ins AFTER INSERT ON incident_fact
BEGIN
	INSERT INTO incident_day(area_id, day, category_id, org_id, n)
	VALUES (NEW.area_id, NEW.day, NEW.category_id, NEW.org_id, 1)
	ON CONFLICT (area_id, day, category_id, org_id)
	DO UPDATE SET n = n + 1;
	INSERT INTO incident_area_day(area_id, day, org_id, n)
	VALUES (NEW.area_id, NEW.day, NEW.org_id, 1)
	ON CONFLICT (area_id, day, org_id) DO UPDATE SET n = n + 1;
	INSERT INTO incident_month(area_id, month, category_id, org_id, n)
	VALUES (NEW.area_id, CAST(strftime('%Y', NEW.day * 86400,
	    'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m',
	    NEW.day * 86400, 'unixepoch') AS INTEGER) - 1, NEW.category_id,
	    NEW.org_id, 1)
	ON CONFLICT (area_id, month, category_id, org_id)
	DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER incident_fact_count_del AFTER DELETE ON incident_fact
BEGIN
	UPDATE incident_day SET n = n - 1 WHERE area_id = OLD.area_id
	    AND day = OLD.day AND category_id = OLD.category_id
	    AND org_id = OLD.org_id;
	DELETE FROM incident_day WHERE area_id = OLD.area_id
	    AND day = OLD.day AND category_id = OLD.category_id
	    AND org_id = OLD.org_id AND n <= 0;
	UPDATE incident_area_day SET n = n - 1 WHERE area_id = OLD.area_id
	    AND day = OLD.day AND org_id = OLD.org_id;
	DELETE FROM incident_area_day WHERE area_id = OLD.area_id
	    AND day = OLD.day AND org_id = OLD.org_id AND n <= 0;
	UPDATE incident_month SET n = n - 1 WHERE area_id = OLD.area_id
	    AND month = CAST(strftime('%Y', OLD.day * 86400, 'unixepoch')
	    AS INTEGER) * 12 + CAST(strftime('%m', OLD.day * 86400,
	    'unixepoch') AS INTEGER) - 1 AND category_id = OLD.category_id
	    AND org_id = OLD.org_id;
	DELETE FROM incident_month WHERE area_id = OLD.area_id
	    AND month = CAST(strftime('%Y', OLD.day * 86400, 'unixepoch')
	    AS INTEGER) * 12 + CAST(strftime('%m', OLD.day * 86400,
	    'unixepoch') AS INTEGER) - 1 AND category_id = OLD.category_id
	    AND org_id = OLD.org_id AND n <= 0;
END;

CREATE TRIGGER incident_area_fact_ins AFTER INSERT ON incident_area
BEGIN
	INSERT OR IGNORE INTO incident_fact(area_id, t, incident_id, day,
	    category_id, org_id, x, y)
	SELECT NEW.area_id, i.observed_from, i.id,
	    (i.observed_from + CASE WHEN i.observed_from >= strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-03-25',
	    'weekday 0') + 3600 AND i.observed_from < strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-10-25',
	    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
	    i.category_id, i.org_id, i.x, i.y
	FROM incident i WHERE i.id = NEW.incident_id AND i.status = 'active';
END;

CREATE TRIGGER incident_area_fact_del AFTER DELETE ON incident_area
BEGIN
	DELETE FROM incident_fact WHERE area_id = OLD.area_id
	    AND incident_id = OLD.incident_id AND t = (SELECT observed_from
	    FROM incident WHERE id = OLD.incident_id);
END;

CREATE TRIGGER incident_area_fact_upd AFTER UPDATE ON incident_area
BEGIN
	DELETE FROM incident_fact WHERE area_id = OLD.area_id
	    AND incident_id = OLD.incident_id AND t = (SELECT observed_from
	    FROM incident WHERE id = OLD.incident_id);
	INSERT OR IGNORE INTO incident_fact(area_id, t, incident_id, day,
	    category_id, org_id, x, y)
	SELECT NEW.area_id, i.observed_from, i.id,
	    (i.observed_from + CASE WHEN i.observed_from >= strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-03-25',
	    'weekday 0') + 3600 AND i.observed_from < strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-10-25',
	    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
	    i.category_id, i.org_id, i.x, i.y
	FROM incident i WHERE i.id = NEW.incident_id AND i.status = 'active';
END;

-- Every update of an incident rewrites its facts (the store's UPDATE sets
-- every column, so no column list would narrow this usefully).
CREATE TRIGGER incident_fact_upd AFTER UPDATE OF observed_from,
    category_id, org_id, x, y, status ON incident
BEGIN
	DELETE FROM incident_fact WHERE area_id IN (SELECT area_id FROM
	    incident_area WHERE incident_id = OLD.id)
	    AND t = OLD.observed_from AND incident_id = OLD.id;
	INSERT OR IGNORE INTO incident_fact(area_id, t, incident_id, day,
	    category_id, org_id, x, y)
	SELECT ia.area_id, NEW.observed_from, NEW.id,
	    (NEW.observed_from + CASE WHEN NEW.observed_from >= strftime('%s',
	    strftime('%Y', NEW.observed_from, 'unixepoch') || '-03-25',
	    'weekday 0') + 3600 AND NEW.observed_from < strftime('%s',
	    strftime('%Y', NEW.observed_from, 'unixepoch') || '-10-25',
	    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
	    NEW.category_id, NEW.org_id, NEW.x, NEW.y
	FROM incident_area ia WHERE ia.incident_id = NEW.id
	    AND NEW.status = 'active';
END;

-- Before the row goes (its incident_area rows cascade after it, when the
-- incident can no longer be looked up).
CREATE TRIGGER incident_fact_del BEFORE DELETE ON incident
BEGIN
	DELETE FROM incident_fact WHERE area_id IN (SELECT area_id FROM
	    incident_area WHERE incident_id = OLD.id)
	    AND t = OLD.observed_from AND incident_id = OLD.id;
END;
