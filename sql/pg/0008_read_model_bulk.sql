-- The lägesbild read model (0003) kept in step per statement rather than
-- per row where rows are inserted: an import inserts its incident_area
-- rows with one INSERT ... SELECT per batch (store_pg_bulk.c), and row
-- triggers made that two plpgsql calls and two index probes per area row.
-- Statement triggers with transition tables do the same work set-based;
-- a single-row INSERT gets the same result as before. Updates and
-- deletes keep their row triggers. (SQLite has no statement triggers;
-- its 0008 changes nothing.)

DROP TRIGGER incident_area_fact_ins ON incident_area;
DROP FUNCTION incident_area_fact_ins();
CREATE FUNCTION incident_area_fact_ins() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
	    x, y)
	SELECT n.area_id, i.observed_from, i.id,
	    sv_stockholm_day(i.observed_from), i.category_id, i.x, i.y
	FROM new_incident_area n JOIN incident i ON i.id = n.incident_id
	WHERE i.status = 'active'
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_area_fact_ins AFTER INSERT ON incident_area
	REFERENCING NEW TABLE AS new_incident_area
	FOR EACH STATEMENT EXECUTE FUNCTION incident_area_fact_ins();

DROP TRIGGER incident_fact_day_ins ON incident_fact;
DROP FUNCTION incident_fact_day_ins();
CREATE FUNCTION incident_fact_day_ins() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO incident_day(area_id, day, category_id, n)
	SELECT area_id, day, category_id, count(*) FROM new_incident_fact
	GROUP BY area_id, day, category_id
	ON CONFLICT (area_id, day, category_id) DO UPDATE
	    SET n = incident_day.n + EXCLUDED.n;
	RETURN NULL;
END
$$;
CREATE TRIGGER incident_fact_day_ins AFTER INSERT ON incident_fact
	REFERENCING NEW TABLE AS new_incident_fact
	FOR EACH STATEMENT EXECUTE FUNCTION incident_fact_day_ins();
