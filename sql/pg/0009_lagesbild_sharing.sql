-- The lägesbild's read model, second version. PostgreSQL; mirrors
-- sql/sqlite/0009_lagesbild_sharing.sql one for one (see there for the
-- design): the owner organisation in every fact and count, per-area day
-- totals without the category (incident_area_day) and per-area month
-- counts (incident_month). As 0008 made them, the insert triggers run per
-- statement with transition tables (bulk imports insert thousands of
-- incident_area rows in one statement); updates and deletes per row.

DROP TRIGGER incident_fact_day_ins ON incident_fact;
DROP TRIGGER incident_fact_day_del ON incident_fact;
DROP TRIGGER incident_area_fact_ins ON incident_area;
DROP TRIGGER incident_area_fact_del ON incident_area;
DROP TRIGGER incident_area_fact_upd ON incident_area;
DROP TRIGGER incident_fact_upd ON incident;
DROP TRIGGER incident_fact_del ON incident;
DROP FUNCTION incident_fact_day_ins();
DROP FUNCTION incident_fact_day_del();
DROP FUNCTION incident_area_fact_ins();
DROP FUNCTION incident_area_fact_del();
DROP FUNCTION incident_area_fact_upd();
DROP FUNCTION incident_fact_upd();
DROP FUNCTION incident_fact_del();
DROP TABLE incident_fact;
DROP TABLE incident_day;

CREATE TABLE incident_fact (
	area_id		bigint NOT NULL,
	t		bigint NOT NULL,	-- incident.observed_from
	incident_id	bigint NOT NULL,
	day		bigint NOT NULL,
	category_id	bigint NOT NULL,
	org_id		bigint NOT NULL,
	x		double precision NOT NULL,
	y		double precision NOT NULL,
	PRIMARY KEY (area_id, t, incident_id)
);

CREATE TABLE incident_day (
	area_id		bigint NOT NULL,
	day		bigint NOT NULL,
	category_id	bigint NOT NULL,
	org_id		bigint NOT NULL,
	n		bigint NOT NULL,
	PRIMARY KEY (area_id, day, category_id, org_id)
);

CREATE TABLE incident_area_day (
	area_id		bigint NOT NULL,
	day		bigint NOT NULL,
	org_id		bigint NOT NULL,
	n		bigint NOT NULL,
	PRIMARY KEY (area_id, day, org_id)
);

CREATE TABLE incident_month (
	area_id		bigint NOT NULL,
	month		bigint NOT NULL,
	category_id	bigint NOT NULL,
	org_id		bigint NOT NULL,
	n		bigint NOT NULL,
	PRIMARY KEY (area_id, month, category_id, org_id)
);

-- year * 12 + month - 1 of a day number (days since 1970-01-01).
CREATE FUNCTION sv_month_of_day(day bigint) RETURNS bigint
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT (extract(year FROM d) * 12 + extract(month FROM d) - 1)::bigint
	FROM (SELECT DATE '1970-01-01' + day::int AS d) dd
$$;

INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
    org_id, x, y)
SELECT ia.area_id, i.observed_from, i.id, sv_stockholm_day(i.observed_from),
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
SELECT area_id, sv_month_of_day(day), category_id, org_id, sum(n)
FROM incident_day GROUP BY 1, 2, 3, 4;

CREATE FUNCTION incident_fact_count_ins() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO incident_day(area_id, day, category_id, org_id, n)
	SELECT area_id, day, category_id, org_id, count(*)
	FROM new_incident_fact GROUP BY area_id, day, category_id, org_id
	ON CONFLICT (area_id, day, category_id, org_id) DO UPDATE
	    SET n = incident_day.n + EXCLUDED.n;
	INSERT INTO incident_area_day(area_id, day, org_id, n)
	SELECT area_id, day, org_id, count(*)
	FROM new_incident_fact GROUP BY area_id, day, org_id
	ON CONFLICT (area_id, day, org_id) DO UPDATE
	    SET n = incident_area_day.n + EXCLUDED.n;
	INSERT INTO incident_month(area_id, month, category_id, org_id, n)
	SELECT area_id, sv_month_of_day(day), category_id, org_id, count(*)
	FROM new_incident_fact GROUP BY 1, 2, 3, 4
	ON CONFLICT (area_id, month, category_id, org_id) DO UPDATE
	    SET n = incident_month.n + EXCLUDED.n;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_fact_count_ins AFTER INSERT ON incident_fact
	REFERENCING NEW TABLE AS new_incident_fact
	FOR EACH STATEMENT EXECUTE FUNCTION incident_fact_count_ins();

CREATE FUNCTION incident_fact_count_del() RETURNS trigger
	LANGUAGE plpgsql AS $$
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
	    AND month = sv_month_of_day(OLD.day)
	    AND category_id = OLD.category_id AND org_id = OLD.org_id;
	DELETE FROM incident_month WHERE area_id = OLD.area_id
	    AND month = sv_month_of_day(OLD.day)
	    AND category_id = OLD.category_id AND org_id = OLD.org_id
	    AND n <= 0;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_fact_count_del AFTER DELETE ON incident_fact
	FOR EACH ROW EXECUTE FUNCTION incident_fact_count_del();

CREATE FUNCTION incident_area_fact_ins() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
	    org_id, x, y)
	SELECT n.area_id, i.observed_from, i.id,
	    sv_stockholm_day(i.observed_from), i.category_id, i.org_id, i.x,
	    i.y
	FROM new_incident_area n JOIN incident i ON i.id = n.incident_id
	WHERE i.status = 'active'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_area_fact_ins AFTER INSERT ON incident_area
	REFERENCING NEW TABLE AS new_incident_area
	FOR EACH STATEMENT EXECUTE FUNCTION incident_area_fact_ins();

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
	    org_id, x, y)
	SELECT NEW.area_id, i.observed_from, i.id,
	    sv_stockholm_day(i.observed_from), i.category_id, i.org_id, i.x,
	    i.y
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
	    org_id, x, y)
	SELECT ia.area_id, NEW.observed_from, NEW.id,
	    sv_stockholm_day(NEW.observed_from), NEW.category_id, NEW.org_id,
	    NEW.x, NEW.y
	FROM incident_area ia WHERE ia.incident_id = NEW.id
	    AND NEW.status = 'active'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_fact_upd AFTER UPDATE OF observed_from,
    category_id, org_id, x, y, status ON incident
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
