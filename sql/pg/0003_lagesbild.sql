-- The lägesbild's read model (src/lagesbild). PostgreSQL; mirrors
-- sql/sqlite/0003_lagesbild.sql one for one (see there for the design).
-- Two tables kept in step with incident and incident_area by triggers:
-- incident_fact, one row per (active incident, area it lies in), and
-- incident_day, counts per (area, Stockholm local day, category).
--
-- day is the Europe/Stockholm civil date as days since 1970-01-01 with the
-- EU summer-time rule (last Sunday of March 01:00 UTC to last Sunday of
-- October 01:00 UTC), computed exactly as the SQLite triggers do it
-- (integer division truncating toward zero), by sv_stockholm_day().

CREATE TABLE incident_fact (
	area_id		bigint NOT NULL,
	t		bigint NOT NULL,	-- incident.observed_from
	incident_id	bigint NOT NULL,
	day		bigint NOT NULL,
	category_id	bigint NOT NULL,
	x		double precision NOT NULL,
	y		double precision NOT NULL,
	PRIMARY KEY (area_id, t, incident_id)
);

CREATE TABLE incident_day (
	area_id		bigint NOT NULL,
	day		bigint NOT NULL,
	category_id	bigint NOT NULL,
	n		bigint NOT NULL,
	PRIMARY KEY (area_id, day, category_id)
);

-- Last Sunday of March and of October of t's UTC year, 01:00 UTC.
CREATE FUNCTION sv_stockholm_day(t bigint) RETURNS bigint
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT (t + CASE WHEN t >= s AND t < e THEN 7200 ELSE 3600 END) / 86400
	FROM (SELECT
	    extract(epoch FROM d1 + ((7 - extract(dow FROM d1)::int) % 7))::bigint
		+ 3600 AS s,
	    extract(epoch FROM d2 + ((7 - extract(dow FROM d2)::int) % 7))::bigint
		+ 3600 AS e
	    FROM (SELECT make_date(y, 3, 25) AS d1, make_date(y, 10, 25) AS d2
		FROM (SELECT extract(year FROM to_timestamp(t)
		    AT TIME ZONE 'UTC')::int AS y) yy) dd) se
$$;

CREATE FUNCTION incident_fact_day_ins() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO incident_day(area_id, day, category_id, n)
	VALUES (NEW.area_id, NEW.day, NEW.category_id, 1)
	ON CONFLICT (area_id, day, category_id) DO UPDATE
	    SET n = incident_day.n + 1;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_fact_day_ins AFTER INSERT ON incident_fact
	FOR EACH ROW EXECUTE FUNCTION incident_fact_day_ins();

CREATE FUNCTION incident_fact_day_del() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	UPDATE incident_day SET n = n - 1 WHERE area_id = OLD.area_id
	    AND day = OLD.day AND category_id = OLD.category_id;
	DELETE FROM incident_day WHERE area_id = OLD.area_id
	    AND day = OLD.day AND category_id = OLD.category_id AND n <= 0;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_fact_day_del AFTER DELETE ON incident_fact
	FOR EACH ROW EXECUTE FUNCTION incident_fact_day_del();

CREATE FUNCTION incident_area_fact_ins() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
	    x, y)
	SELECT NEW.area_id, i.observed_from, i.id,
	    sv_stockholm_day(i.observed_from), i.category_id, i.x, i.y
	FROM incident i WHERE i.id = NEW.incident_id AND i.status = 'active'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_area_fact_ins AFTER INSERT ON incident_area
	FOR EACH ROW EXECUTE FUNCTION incident_area_fact_ins();

CREATE FUNCTION incident_area_fact_del() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM incident_fact WHERE area_id = OLD.area_id
	    AND incident_id = OLD.incident_id AND t = (SELECT observed_from
	    FROM incident WHERE id = OLD.incident_id);
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_area_fact_del AFTER DELETE ON incident_area
	FOR EACH ROW EXECUTE FUNCTION incident_area_fact_del();

CREATE FUNCTION incident_area_fact_upd() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM incident_fact WHERE area_id = OLD.area_id
	    AND incident_id = OLD.incident_id AND t = (SELECT observed_from
	    FROM incident WHERE id = OLD.incident_id);
	INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
	    x, y)
	SELECT NEW.area_id, i.observed_from, i.id,
	    sv_stockholm_day(i.observed_from), i.category_id, i.x, i.y
	FROM incident i WHERE i.id = NEW.incident_id AND i.status = 'active'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_area_fact_upd AFTER UPDATE ON incident_area
	FOR EACH ROW EXECUTE FUNCTION incident_area_fact_upd();

-- Every update of an incident rewrites its facts.
CREATE FUNCTION incident_fact_upd() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM incident_fact WHERE area_id IN (SELECT area_id FROM
	    incident_area WHERE incident_id = OLD.id)
	    AND t = OLD.observed_from AND incident_id = OLD.id;
	INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
	    x, y)
	SELECT ia.area_id, NEW.observed_from, NEW.id,
	    sv_stockholm_day(NEW.observed_from), NEW.category_id, NEW.x, NEW.y
	FROM incident_area ia WHERE ia.incident_id = NEW.id
	    AND NEW.status = 'active'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_fact_upd AFTER UPDATE OF observed_from,
    category_id, x, y, status ON incident
	FOR EACH ROW EXECUTE FUNCTION incident_fact_upd();

-- Before the row goes (its incident_area rows cascade after it, when the
-- incident can no longer be looked up).
CREATE FUNCTION incident_fact_del() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM incident_fact WHERE area_id IN (SELECT area_id FROM
	    incident_area WHERE incident_id = OLD.id)
	    AND t = OLD.observed_from AND incident_id = OLD.id;
	RETURN OLD;
END
$$;
CREATE TRIGGER incident_fact_del BEFORE DELETE ON incident
	FOR EACH ROW EXECUTE FUNCTION incident_fact_del();

INSERT INTO incident_fact(area_id, t, incident_id, day, category_id, x, y)
SELECT ia.area_id, i.observed_from, i.id, sv_stockholm_day(i.observed_from),
    i.category_id, i.x, i.y
FROM incident_area ia JOIN incident i ON i.id = ia.incident_id
WHERE i.status = 'active';
