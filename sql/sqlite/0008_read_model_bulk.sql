-- PostgreSQL's 0008 turns the insert triggers of the lägesbild read model
-- into statement triggers for bulk imports. SQLite has only row triggers
-- (and no bulk path: its statements are function calls), so the schema
-- stays as 0003 made it; the number keeps both backends' versions equal.
SELECT 1;
