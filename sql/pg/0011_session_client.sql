-- A session remembers the browser and address it was opened from, so a
-- user can tell their own sessions apart (GET /session/list). Both go
-- with the row when retention deletes expired sessions.
ALTER TABLE session ADD COLUMN user_agent text;
ALTER TABLE session ADD COLUMN address text;
