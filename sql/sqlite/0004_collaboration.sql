-- The collaboration itself (issue 5): agreements with parties,
-- signatories, principles, geographic focus, status history, dated
-- attachment versions and the information-duty log; governance bodies,
-- their members, meetings, attendees and numbered decisions; the chain
-- from lägesbild to result (action plans, focus areas, problems with
-- areas, categories, figures and impact scores, causes, goals,
-- activities, activity updates); medborgarlöften with partners, targets,
-- linked activities and follow-up; dialogues; indicators and their values.
--
-- Conventions: calendar dates are TEXT 'YYYY-MM-DD' (a date has no time
-- zone), instants are int64 Unix seconds like the rest of the schema.
-- Every table below the agreement carries agreement_id, so "this link
-- stays inside one agreement" is one comparison. Children of a parent
-- cascade on delete; references across the chain are NO ACTION, checked
-- at the end of the statement, so a delete that would orphan a link is
-- refused while deleting a whole agreement still works.

CREATE TABLE agreement (
	id			INTEGER PRIMARY KEY,
	title			TEXT NOT NULL,
	kind			TEXT NOT NULL,
	diarienummer		TEXT,
	parent_id		INTEGER REFERENCES agreement(id),
	replaces_id		INTEGER REFERENCES agreement(id),
	status			TEXT NOT NULL DEFAULT 'utkast'
				CHECK (status IN ('utkast','gallande','upphord')),
	valid_from		TEXT NOT NULL,
	valid_to		TEXT,
	until_further_notice	INTEGER NOT NULL DEFAULT 0,
	extension		TEXT NOT NULL DEFAULT 'ingen',
	extension_months	INTEGER,
	revision_months		INTEGER,
	lagesbild_revision_months INTEGER,
	purpose			TEXT,
	long_term_goal		TEXT,
	time_perspectives	INTEGER NOT NULL DEFAULT 0,
	info_duty		INTEGER NOT NULL DEFAULT 0,
	approved_by		TEXT,
	approval_case		TEXT,
	approval_date		TEXT,
	approval_resolution	TEXT,
	budget_sek		REAL,
	signed_place		TEXT,
	signed_on		TEXT,
	copies			INTEGER,
	revised_on		TEXT,
	CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agreement_parent ON agreement(parent_id);

CREATE TABLE agreement_party (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	org_id		INTEGER NOT NULL REFERENCES organisation(id),
	designation	TEXT,
	role		TEXT,
	address		TEXT,
	position	INTEGER NOT NULL DEFAULT 0,
	UNIQUE (agreement_id, org_id)
);

CREATE TABLE agreement_signatory (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	org_id		INTEGER NOT NULL REFERENCES organisation(id),
	name		TEXT NOT NULL,
	title		TEXT NOT NULL,
	signed_on	TEXT,
	acting		INTEGER NOT NULL DEFAULT 0,
	position	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agreement_signatory_agreement ON agreement_signatory(agreement_id);

CREATE TABLE agreement_principle (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	position	INTEGER NOT NULL DEFAULT 0,
	title		TEXT NOT NULL,
	description	TEXT
);
CREATE INDEX agreement_principle_agreement ON agreement_principle(agreement_id);

CREATE TABLE agreement_area (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES area(id),
	reason		TEXT,
	UNIQUE (agreement_id, area_id)
);

CREATE TABLE agreement_status (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	status		TEXT NOT NULL,
	changed_at	INTEGER NOT NULL,
	changed_by	INTEGER
);
CREATE INDEX agreement_status_agreement ON agreement_status(agreement_id);

CREATE TABLE attachment (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	number		INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	title		TEXT NOT NULL,
	version		INTEGER NOT NULL,
	dated		TEXT NOT NULL,
	content		TEXT,
	file_name	TEXT,
	media_type	TEXT,
	file		BLOB,
	UNIQUE (agreement_id, number, version)
);

CREATE TABLE info_event (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	from_org_id	INTEGER NOT NULL REFERENCES organisation(id),
	to_org_id	INTEGER NOT NULL REFERENCES organisation(id),
	occurred_on	TEXT NOT NULL,
	reported_at	INTEGER NOT NULL,
	reported_by	TEXT NOT NULL,
	reported_to	TEXT NOT NULL,
	summary		TEXT NOT NULL,
	acknowledged_at	INTEGER,
	acknowledged_by	TEXT
);
CREATE INDEX info_event_agreement ON info_event(agreement_id);

CREATE TABLE body (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL,
	name		TEXT NOT NULL,
	mandate		TEXT,
	cadence		TEXT NOT NULL,
	meetings_min	INTEGER,
	meetings_max	INTEGER,
	weekday		INTEGER CHECK (weekday IS NULL OR weekday BETWEEN 1 AND 7),
	permanent	INTEGER NOT NULL DEFAULT 1,
	mission		TEXT,
	established_on	TEXT,
	ends_on		TEXT,
	reports_to_id	INTEGER REFERENCES body(id),
	appointed_by_id	INTEGER REFERENCES body(id),
	may_co_opt	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX body_agreement ON body(agreement_id);

CREATE TABLE body_member (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	body_id		INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
	function	TEXT NOT NULL,
	org_id		INTEGER REFERENCES organisation(id),
	person		TEXT,
	alias		INTEGER NOT NULL DEFAULT 0,
	role		TEXT NOT NULL DEFAULT 'ledamot',
	position	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX body_member_body ON body_member(body_id);

CREATE TABLE meeting (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	body_id		INTEGER NOT NULL REFERENCES body(id) ON DELETE CASCADE,
	starts_at	INTEGER NOT NULL,
	ends_at		INTEGER,
	location	TEXT,
	status		TEXT NOT NULL DEFAULT 'planerat',
	agenda		TEXT,
	minutes		TEXT
);
CREATE INDEX meeting_body ON meeting(body_id, starts_at);

CREATE TABLE meeting_attendee (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
	member_id	INTEGER REFERENCES body_member(id),
	function	TEXT,
	org_id		INTEGER REFERENCES organisation(id),
	person		TEXT
);
CREATE INDEX meeting_attendee_meeting ON meeting_attendee(meeting_id);

CREATE TABLE action_plan (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	title		TEXT NOT NULL,
	period_from	TEXT NOT NULL,
	period_to	TEXT NOT NULL
);
CREATE INDEX action_plan_agreement ON action_plan(agreement_id);

CREATE TABLE focus_area (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	area_id		INTEGER REFERENCES area(id),
	category_id	INTEGER REFERENCES category(id),
	description	TEXT,
	position	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX focus_area_agreement ON focus_area(agreement_id);

CREATE TABLE problem (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	focus_area_id	INTEGER REFERENCES focus_area(id),
	plan_id		INTEGER REFERENCES action_plan(id),
	title		TEXT NOT NULL,
	description	TEXT,
	priority	INTEGER,
	status		TEXT NOT NULL DEFAULT 'identifierad'
);
CREATE INDEX problem_agreement ON problem(agreement_id);

CREATE TABLE problem_area (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	problem_id	INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES area(id),
	UNIQUE (problem_id, area_id)
);

CREATE TABLE problem_category (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	problem_id	INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
	category_id	INTEGER NOT NULL REFERENCES category(id),
	UNIQUE (problem_id, category_id)
);

CREATE TABLE indicator (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	unit		TEXT,
	source		TEXT,
	description	TEXT
);

CREATE TABLE indicator_value (
	id		INTEGER PRIMARY KEY,
	indicator_id	INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES area(id),
	period		TEXT NOT NULL,
	value		REAL NOT NULL,
	source		TEXT,
	source_date	TEXT,
	UNIQUE (indicator_id, area_id, period)
);
CREATE INDEX indicator_value_area ON indicator_value(area_id, period);

CREATE TABLE problem_figure (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	problem_id	INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
	label		TEXT NOT NULL,
	value		REAL NOT NULL,
	unit		TEXT,
	period		TEXT,
	source		TEXT NOT NULL,
	indicator_id	INTEGER REFERENCES indicator(id),
	area_id		INTEGER REFERENCES area(id)
);
CREATE INDEX problem_figure_problem ON problem_figure(problem_id);

CREATE TABLE problem_score (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	problem_id	INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
	criterion	TEXT NOT NULL,
	score		INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
	weight		INTEGER NOT NULL DEFAULT 1,
	motivation	TEXT,
	UNIQUE (problem_id, criterion)
);

CREATE TABLE cause (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	problem_id	INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
	parent_id	INTEGER REFERENCES cause(id),
	kind		TEXT NOT NULL,
	position	INTEGER NOT NULL DEFAULT 0,
	triangle	TEXT,
	text		TEXT NOT NULL
);
CREATE INDEX cause_problem ON cause(problem_id);

CREATE TABLE goal (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	problem_id	INTEGER REFERENCES problem(id),
	focus_area_id	INTEGER REFERENCES focus_area(id),
	cause_id	INTEGER REFERENCES cause(id),
	plan_id		INTEGER REFERENCES action_plan(id),
	kind		TEXT NOT NULL,
	text		TEXT NOT NULL,
	measure		TEXT,
	direction	TEXT,
	indicator_id	INTEGER REFERENCES indicator(id),
	baseline	REAL,
	baseline_date	TEXT,
	target		REAL,
	target_date	TEXT
);
CREATE INDEX goal_agreement ON goal(agreement_id);

CREATE TABLE activity (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	goal_id		INTEGER NOT NULL REFERENCES goal(id),
	plan_id		INTEGER REFERENCES action_plan(id),
	body_id		INTEGER REFERENCES body(id),
	title		TEXT NOT NULL,
	method		TEXT,
	org_id		INTEGER REFERENCES organisation(id),
	owner_function	TEXT,
	time_perspective TEXT NOT NULL,
	starts_on	TEXT,
	due_on		TEXT,
	status		TEXT NOT NULL DEFAULT 'planerad',
	hours		REAL,
	cost_sek	REAL
);
CREATE INDEX activity_agreement ON activity(agreement_id);
CREATE INDEX activity_goal ON activity(goal_id);

CREATE TABLE activity_update (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	activity_id	INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
	dated		TEXT NOT NULL,
	status		TEXT NOT NULL,
	text		TEXT NOT NULL,
	hours		REAL,
	cost_sek	REAL
);
CREATE INDEX activity_update_activity ON activity_update(activity_id);

CREATE TABLE promise (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	plan_id		INTEGER REFERENCES action_plan(id),
	title		TEXT NOT NULL,
	period_from	TEXT NOT NULL,
	period_to	TEXT NOT NULL,
	area_id		INTEGER REFERENCES area(id),
	focus_area_id	INTEGER REFERENCES focus_area(id),
	purpose		TEXT,
	stated_cause	TEXT,
	police		TEXT,
	kommun		TEXT,
	joint		TEXT,
	followup_months	INTEGER NOT NULL DEFAULT 4,
	published	INTEGER NOT NULL DEFAULT 0,
	published_on	TEXT
);
CREATE INDEX promise_agreement ON promise(agreement_id);

CREATE TABLE promise_partner (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	promise_id	INTEGER NOT NULL REFERENCES promise(id) ON DELETE CASCADE,
	org_id		INTEGER NOT NULL REFERENCES organisation(id),
	promises	TEXT NOT NULL,
	UNIQUE (promise_id, org_id)
);

CREATE TABLE promise_target (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	promise_id	INTEGER NOT NULL REFERENCES promise(id) ON DELETE CASCADE,
	party		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	description	TEXT NOT NULL,
	comparator	TEXT,
	value		REAL,
	unit		TEXT,
	per		TEXT
);
CREATE INDEX promise_target_promise ON promise_target(promise_id);

CREATE TABLE promise_activity (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	promise_id	INTEGER NOT NULL REFERENCES promise(id) ON DELETE CASCADE,
	activity_id	INTEGER NOT NULL REFERENCES activity(id),
	UNIQUE (promise_id, activity_id)
);

CREATE TABLE promise_followup (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	promise_id	INTEGER NOT NULL REFERENCES promise(id) ON DELETE CASCADE,
	target_id	INTEGER REFERENCES promise_target(id),
	party		TEXT NOT NULL,
	period_from	TEXT NOT NULL,
	period_to	TEXT NOT NULL,
	reported_on	TEXT NOT NULL,
	delivered	REAL,
	status		TEXT NOT NULL,
	light		TEXT,
	effect		TEXT,
	shortfall_reason TEXT,
	note		TEXT
);
CREATE INDEX promise_followup_promise ON promise_followup(promise_id);

-- A numbered decision (§) of a meeting, linkable to what it adopts. An
-- attachment version is adopted by at most one decision.
CREATE TABLE decision (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
	paragraph	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	text		TEXT NOT NULL,
	attachment_id	INTEGER REFERENCES attachment(id),
	problem_id	INTEGER REFERENCES problem(id),
	activity_id	INTEGER REFERENCES activity(id),
	plan_id		INTEGER REFERENCES action_plan(id),
	promise_id	INTEGER REFERENCES promise(id),
	UNIQUE (meeting_id, paragraph)
);
CREATE UNIQUE INDEX decision_attachment ON decision(attachment_id)
	WHERE attachment_id IS NOT NULL;

CREATE TABLE dialogue (
	id		INTEGER PRIMARY KEY,
	agreement_id	INTEGER REFERENCES agreement(id) ON DELETE SET NULL,
	kind		TEXT NOT NULL,
	held_on		TEXT NOT NULL,
	area_id		INTEGER REFERENCES area(id),
	org_id		INTEGER REFERENCES organisation(id),
	participants	INTEGER,
	participant_groups TEXT,
	themes		TEXT,
	notes		TEXT
);
CREATE INDEX dialogue_area ON dialogue(area_id, held_on);
