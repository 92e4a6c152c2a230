-- TOTP second factor (issue 6 item 6): one row per user who enrolled.
-- secret is the RFC 4648 base32 key; it is shown once at enrolment and
-- never returned by the API afterwards. enabled is 0 until the user
-- confirmed a code. last_step is the last 30-second step whose code was
-- accepted, so a code works only once.
CREATE TABLE user_totp (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL UNIQUE REFERENCES app_user(id) ON DELETE CASCADE,
	secret		TEXT NOT NULL,
	enabled		INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
	last_step	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
);
