-- The lägesbild's read model (src/lagesbild). Two tables kept in step with
-- incident and incident_area by triggers, so a weekly picture of one area
-- reads only its own rows, in time order, from the primary keys:
--
-- incident_fact: one row per (active incident, area it lies in), keyed by
--   area and time and carrying what the kernels need (category, point,
--   Stockholm day). The points of a period of an area are one range scan.
-- incident_day: counts per (area, Stockholm local day, category). Counts
--   of any period made of whole days (weeks, months, tertials, years,
--   date ranges) and of the comparison periods and the 12-month series are
--   short range scans, independent of how many incidents the area has.
--
-- day is the Europe/Stockholm civil date as days since 1970-01-01, with
-- the EU summer-time rule (last Sunday of March 01:00 UTC to last Sunday
-- of October 01:00 UTC), as core/svtime.c computes it. Withdrawn incidents
-- are left out; they come back if reactivated.

CREATE TABLE incident_fact (
	area_id		INTEGER NOT NULL,
	t		INTEGER NOT NULL,	-- incident.observed_from
	incident_id	INTEGER NOT NULL,
	day		INTEGER NOT NULL,
	category_id	INTEGER NOT NULL,
	x		REAL NOT NULL,
	y		REAL NOT NULL,
	PRIMARY KEY (area_id, t, incident_id)
) WITHOUT ROWID;

CREATE TABLE incident_day (
	area_id		INTEGER NOT NULL,
	day		INTEGER NOT NULL,
	category_id	INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (area_id, day, category_id)
) WITHOUT ROWID;

CREATE TRIGGER incident_fact_day_ins AFTER INSERT ON incident_fact
BEGIN
	INSERT INTO incident_day(area_id, day, category_id, n)
	VALUES (NEW.area_id, NEW.day, NEW.category_id, 1)
	ON CONFLICT (area_id, day, category_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER incident_fact_day_del AFTER DELETE ON incident_fact
BEGIN
	UPDATE incident_day SET n = n - 1 WHERE area_id = OLD.area_id
	    AND day = OLD.day AND category_id = OLD.category_id;
	DELETE FROM incident_day WHERE area_id = OLD.area_id
	    AND day = OLD.day AND category_id = OLD.category_id AND n <= 0;
END;

CREATE TRIGGER incident_area_fact_ins AFTER INSERT ON incident_area
BEGIN
	INSERT OR IGNORE INTO incident_fact(area_id, t, incident_id, day,
	    category_id, x, y)
	SELECT NEW.area_id, i.observed_from, i.id,
	    (i.observed_from + CASE WHEN i.observed_from >= strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-03-25',
	    'weekday 0') + 3600 AND i.observed_from < strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-10-25',
	    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
	    i.category_id, i.x, i.y
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
	    category_id, x, y)
	SELECT NEW.area_id, i.observed_from, i.id,
	    (i.observed_from + CASE WHEN i.observed_from >= strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-03-25',
	    'weekday 0') + 3600 AND i.observed_from < strftime('%s',
	    strftime('%Y', i.observed_from, 'unixepoch') || '-10-25',
	    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
	    i.category_id, i.x, i.y
	FROM incident i WHERE i.id = NEW.incident_id AND i.status = 'active';
END;

-- Every update of an incident rewrites its facts (the store's UPDATE sets
-- every column, so no column list would narrow this usefully).
CREATE TRIGGER incident_fact_upd AFTER UPDATE OF observed_from,
    category_id, x, y, status ON incident
BEGIN
	DELETE FROM incident_fact WHERE area_id IN (SELECT area_id FROM
	    incident_area WHERE incident_id = OLD.id)
	    AND t = OLD.observed_from AND incident_id = OLD.id;
	INSERT OR IGNORE INTO incident_fact(area_id, t, incident_id, day,
	    category_id, x, y)
	SELECT ia.area_id, NEW.observed_from, NEW.id,
	    (NEW.observed_from + CASE WHEN NEW.observed_from >= strftime('%s',
	    strftime('%Y', NEW.observed_from, 'unixepoch') || '-03-25',
	    'weekday 0') + 3600 AND NEW.observed_from < strftime('%s',
	    strftime('%Y', NEW.observed_from, 'unixepoch') || '-10-25',
	    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
	    NEW.category_id, NEW.x, NEW.y
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

INSERT INTO incident_fact(area_id, t, incident_id, day, category_id, x, y)
SELECT ia.area_id, i.observed_from, i.id,
    (i.observed_from + CASE WHEN i.observed_from >= strftime('%s',
    strftime('%Y', i.observed_from, 'unixepoch') || '-03-25',
    'weekday 0') + 3600 AND i.observed_from < strftime('%s',
    strftime('%Y', i.observed_from, 'unixepoch') || '-10-25',
    'weekday 0') + 3600 THEN 7200 ELSE 3600 END) / 86400,
    i.category_id, i.x, i.y
FROM incident_area ia JOIN incident i ON i.id = ia.incident_id
WHERE i.status = 'active';
