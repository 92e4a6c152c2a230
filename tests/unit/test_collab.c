/*
 * The collaboration model (issue 5) on a real database: every entity is
 * written and read back field by field (which also checks the statement
 * table against the field tables), the rules (adoption of attachments,
 * ended agreements, dates and cadences, chain links), the due list on a
 * database with exactly one shortfall of each kind, the iCalendar export
 * and the CSV import of indicator values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/svtime.h"
#include "domain/agreement.h"
#include "domain/area.h"
#include "domain/collab.h"
#include "domain/due.h"
#include "domain/indicator.h"
#include "domain/meeting.h"
#include "domain/organisation.h"
#include "domain/plan.h"
#include "geo/geo.h"
#include "store/store.h"
#include "testdb.h"

static struct sv_store	*db;
static struct sv_arena	*ar;
static struct sv_actor	 sys;
static char		 dir[64];
static int64_t		 area_id;

/* "2024-06-15T12:00:00+02:00", the fixed now of these tests */
#define NOW_TEXT	"1718445600"

static const char *
num(int64_t v)
{
	return sv_arena_printf(ar, "%lld", (long long)v);
}

/* Creates a record from key, value pairs; fails the test on error. */
static int64_t
mk_err(enum sv_err want, enum co_entity e, int64_t parent, ...)
{
	struct co_rec *r = co_rec_new(ar, e);
	struct sv_diag d;
	const char *k, *v;
	int64_t id = 0;
	enum sv_err got;
	va_list ap;

	sv_diag_clear(&d);
	va_start(ap, parent);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		assert_int_equal(co_rec_set(ar, r, k, v, &d), SV_OK);
	}
	va_end(ap);
	got = co_create(db, &sys, parent, r, &id, &d);
	if (got != want)
		fprintf(stderr, "# %s: %s (%s: %s)\n", co_entity_names[e],
		    sv_strerror(got), d.field, d.message);
	assert_int_equal(got, want);
	return id;
}

#define mk(...)	mk_err(SV_OK, __VA_ARGS__)

static void
add_org(const char *code, const char *kind, const char *parent)
{
	struct sv_org_input o = { code, code, kind, NULL, parent };
	struct sv_diag d;

	assert_int_equal(org_create(db, &sys, &o, NULL, &d), SV_OK);
}

static int
setup(void **state)
{
	double ring[10] = { 586000, 6609000, 587000, 6609000, 587000,
	    6610000, 586000, 6610000, 586000, 6609000 };
	struct sv_ring r = { ring, 5 };
	struct sv_polygon p = { &r, 1 };
	struct sv_area_input in;
	struct sv_diag d;
	char path[256], tmpl[] = "/tmp/sv_collab_XXXXXX";
	unsigned char *wkb;
	double bbox[4];
	size_t len;

	(void)state;
	setenv("SV_FAKE_NOW", NOW_TEXT, 1);
	assert_non_null(mkdtemp(tmpl));
	snprintf(dir, sizeof(dir), "%s", tmpl);
	assert_non_null(testdb_fresh(dir, "collab", path, sizeof(path)));
	assert_int_equal(store_open(path, &db, &d), SV_OK);
	assert_int_equal(store_migrate(db, NULL, &d), SV_OK);
	ar = sv_arena_new();
	actor_system(&sys);
	add_org("KOM", "kommun", NULL);
	add_org("KOM-SOC", "forvaltning", "KOM");
	add_org("LPO", "lokalpolisomrade", NULL);
	add_org("MIMER", "bostadsbolag", NULL);
	assert_int_equal(geo_wkb_from_polygons(store_geo(db), &p, 1,
	    SV_CRS_SWEREF, &wkb, &len, bbox, &d), SV_OK);
	memset(&in, 0, sizeof(in));
	in.layer = "stadsdel";
	in.code = "S1";
	in.name = "Stadsdel 1";
	in.wkb = wkb;
	in.wkb_len = len;
	assert_int_equal(area_create(db, &sys, &in, &area_id, &d), SV_OK);
	free(wkb);
	return 0;
}

static int
teardown(void **state)
{
	char path[300];

	(void)state;
	store_close(db);
	sv_arena_free(ar);
	snprintf(path, sizeof(path), "%s/collab.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/collab.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/collab.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

/* Reads record id back and compares the given key, value pairs. */
static void
expect(enum co_entity e, int64_t id, ...)
{
	const struct co_desc *desc = co_desc(e);
	struct co_rec *r;
	struct sv_diag d;
	const struct co_val *v;
	const char *k, *want;
	int64_t t;
	va_list ap;
	int i;

	assert_int_equal(co_get(db, e, id, ar, &r, &d), SV_OK);
	va_start(ap, id);
	while ((k = va_arg(ap, const char *)) != NULL) {
		want = va_arg(ap, const char *);
		i = co_field_index(desc, k);
		assert_true(i >= 0);
		v = &r->v[i];
		if (want == NULL) {
			assert_true(v->null);
			continue;
		}
		assert_false(v->null);
		switch (desc->fields[i].type) {
		case CO_T_INT:
		case CO_T_REF:
		case CO_T_AREA:
			assert_int_equal(v->i, strtoll(want, NULL, 10));
			break;
		case CO_T_BOOL:
			assert_int_equal(v->i, strcmp(want, "true") == 0);
			break;
		case CO_T_NUM:
			assert_true(v->d == strtod(want, NULL));
			break;
		case CO_T_INSTANT:
			assert_int_equal(sv_time_parse(want, &t, k, &d), SV_OK);
			assert_int_equal(v->i, t);
			break;
		case CO_T_BLOB:
			assert_int_equal(v->len, strlen(want));
			assert_memory_equal(v->s, want, v->len);
			break;
		default:
			assert_string_equal(v->s, want);
			break;
		}
	}
	va_end(ap);
}

/* Every entity, written and read back with all its fields. */
static void
test_roundtrip(void **state)
{
	int64_t agr, parent, att, body, mem, mtg, plan, fa, prob, cause,
	    goal, act, prom, tgt, ind;
	struct co_rec **items;
	size_t n;
	struct sv_diag d;
	const char *a = NULL;

	(void)state;
	parent = mk(CO_AGREEMENT, 0, "title", "Ramavtal", "kind",
	    "ramoverenskommelse", "valid_from", "2020-01-01",
	    "until_further_notice", "true", NULL);
	agr = mk(CO_AGREEMENT, 0, "title", "Samverkansöverenskommelse",
	    "kind", "samverkansoverenskommelse", "diarienummer", "KS 2023/1",
	    "parent_id", num(parent), "status", "gallande", "valid_from",
	    "2023-06-07", "valid_to", "2027-06-01", "extension", "antagen",
	    "extension_months", "12", "revision_months", "12",
	    "lagesbild_revision_months", "12", "purpose", "Trygg kommun",
	    "long_term_goal", "Lika goda förutsättningar",
	    "time_perspectives", "true", "info_duty", "true", "approved_by",
	    "Kommunstyrelsen", "approval_case", "KS 2023/77", "approval_date",
	    "2023-05-30", "signed_place", "Västerås", "signed_on",
	    "2023-06-07", "revised_on", "2024-01-10", NULL);
	expect(CO_AGREEMENT, agr, "title", "Samverkansöverenskommelse",
	    "kind", "samverkansoverenskommelse", "diarienummer", "KS 2023/1",
	    "parent_id", num(parent), "replaces_id", a, "status", "gallande",
	    "valid_from", "2023-06-07", "valid_to", "2027-06-01",
	    "until_further_notice", "false", "extension", "antagen",
	    "extension_months", "12", "revision_months", "12",
	    "lagesbild_revision_months", "12", "purpose", "Trygg kommun",
	    "long_term_goal", "Lika goda förutsättningar",
	    "time_perspectives", "true", "info_duty", "true", "approved_by",
	    "Kommunstyrelsen", "approval_case", "KS 2023/77", "approval_date",
	    "2023-05-30", "signed_place", "Västerås", "signed_on",
	    "2023-06-07", "revised_on", "2024-01-10", NULL);
	expect(CO_PARTY, mk(CO_PARTY, agr, "organisation", "KOM",
	    "designation", "kommunen", "role", "Leder", "address", "Box 1",
	    "position", "1", NULL), "organisation", "KOM", "designation",
	    "kommunen", "role", "Leder", "address", "Box 1", "position", "1",
	    NULL);
	mk(CO_PARTY, agr, "organisation", "LPO", "designation", "Polisen",
	    "position", "2", NULL);
	expect(CO_SIGNATORY, mk(CO_SIGNATORY, agr, "organisation", "KOM-SOC",
	    "name", "Peter B", "title", "direktör", "signed_on", "2023-06-07",
	    "acting", "true", "position", "3", NULL), "organisation",
	    "KOM-SOC", "name", "Peter B", "title", "direktör", "signed_on",
	    "2023-06-07", "acting", "true", "position", "3", NULL);
	expect(CO_PRINCIPLE, mk(CO_PRINCIPLE, agr, "position", "1", "title",
	    "Långsiktigt och uthålligt", "description", "tar tid", NULL),
	    "position", "1", "title", "Långsiktigt och uthålligt",
	    "description", "tar tid", NULL);
	expect(CO_AGR_AREA, mk(CO_AGR_AREA, agr, "area_id", num(area_id),
	    "reason", "störst behov", NULL), "area_id", num(area_id),
	    "reason", "störst behov", NULL);
	att = mk(CO_ATTACHMENT, agr, "number", "2", "kind", "lagesbild",
	    "title", "Lägesbild", "version", "1", "dated", "2024-01-05",
	    "content", "text", "file_name", "l.txt", "media_type",
	    "text/plain", "file", "abc", NULL);
	expect(CO_ATTACHMENT, att, "number", "2", "kind", "lagesbild",
	    "title", "Lägesbild", "version", "1", "dated", "2024-01-05",
	    "content", "text", "file_name", "l.txt", "media_type",
	    "text/plain", "file", "abc", NULL);
	expect(CO_INFO_EVENT, mk(CO_INFO_EVENT, agr, "from_organisation",
	    "LPO", "to_organisation", "KOM", "occurred_on", "2024-02-01",
	    "reported_at", "2024-02-01T10:00", "reported_by", "LpoC",
	    "reported_to", "Stadsdelsdirektör", "summary", "Skjutning",
	    "acknowledged_at", "2024-02-01T12:00", "acknowledged_by",
	    "Direktör", NULL), "from_organisation", "LPO", "to_organisation",
	    "KOM", "occurred_on", "2024-02-01", "reported_at",
	    "2024-02-01T10:00", "reported_by", "LpoC", "reported_to",
	    "Stadsdelsdirektör", "summary", "Skjutning", "acknowledged_at",
	    "2024-02-01T12:00", "acknowledged_by", "Direktör", NULL);
	body = mk(CO_BODY, agr, "kind", "styrgrupp", "name", "Styrgrupp",
	    "mandate", "Beslutar", "cadence", "per_ar", "meetings_min", "2",
	    "meetings_max", "4", "established_on", "2023-06-07",
	    "may_co_opt", "true", NULL);
	expect(CO_BODY, mk(CO_BODY, agr, "kind", "arbetsgrupp", "name", "AG",
	    "cadence", "veckovis", "weekday", "2", "permanent", "false",
	    "mission", "Klotter", "established_on", "2024-01-01", "ends_on",
	    "2024-12-31", "reports_to_id", num(body), "appointed_by_id",
	    num(body), NULL), "kind", "arbetsgrupp", "name", "AG", "cadence",
	    "veckovis", "weekday", "2", "permanent", "false", "mission",
	    "Klotter", "established_on", "2024-01-01", "ends_on",
	    "2024-12-31", "reports_to_id", num(body), "appointed_by_id",
	    num(body), "may_co_opt", "false", "mandate", a, NULL);
	mem = mk(CO_MEMBER, body, "function", "Lokalpolisområdeschef",
	    "organisation", "LPO", "person", "Kim", "alias", "true", "role",
	    "ordforande", "position", "1", NULL);
	expect(CO_MEMBER, mem, "function", "Lokalpolisområdeschef",
	    "organisation", "LPO", "person", "Kim", "alias", "true", "role",
	    "ordforande", "position", "1", NULL);
	mtg = mk(CO_MEETING, body, "starts_at", "2024-02-10T09:00",
	    "ends_at", "2024-02-10T11:00", "location", "Stadshuset",
	    "status", "genomfort", "agenda", "1. Lägesbild", "minutes",
	    "Protokoll", NULL);
	expect(CO_MEETING, mtg, "starts_at", "2024-02-10T09:00", "ends_at",
	    "2024-02-10T11:00", "location", "Stadshuset", "status",
	    "genomfort", "agenda", "1. Lägesbild", "minutes", "Protokoll",
	    NULL);
	expect(CO_ATTENDEE, mk(CO_ATTENDEE, mtg, "member_id", num(mem),
	    "function", "LpoC", "organisation", "LPO", "person", "Kim",
	    NULL), "member_id", num(mem), "function", "LpoC",
	    "organisation", "LPO", "person", "Kim", NULL);
	plan = mk(CO_PLAN, agr, "title", "Åtgärdsplan 2024", "period_from",
	    "2024-01-01", "period_to", "2024-12-31", NULL);
	expect(CO_PLAN, plan, "title", "Åtgärdsplan 2024", NULL);
	fa = mk(CO_FOCUS_AREA, agr, "name", "Klotter", "kind", "brottstyp",
	    "area_id", num(area_id), "category", "skadegorelse.klotter",
	    "description", "d", "position", "1", NULL);
	expect(CO_FOCUS_AREA, fa, "name", "Klotter", "kind", "brottstyp",
	    "area_id", num(area_id), "category", "skadegorelse.klotter",
	    "description", "d", "position", "1", NULL);
	prob = mk(CO_PROBLEM, agr, "focus_area_id", num(fa), "plan_id",
	    num(plan), "title", "Klotter i centrum", "description", "mycket",
	    "priority", "1", "status", "prioriterad", NULL);
	expect(CO_PROBLEM, prob, "focus_area_id", num(fa), "plan_id",
	    num(plan), "title", "Klotter i centrum", "description", "mycket",
	    "priority", "1", "status", "prioriterad", NULL);
	expect(CO_PROBLEM_AREA, mk(CO_PROBLEM_AREA, prob, "area_id",
	    num(area_id), NULL), "area_id", num(area_id), NULL);
	expect(CO_PROBLEM_CATEGORY, mk(CO_PROBLEM_CATEGORY, prob, "category",
	    "skadegorelse", NULL), "category", "skadegorelse", NULL);
	ind = mk(CO_INDICATOR, 0, "code", "trygg", "name", "Trygghet",
	    "kind", "enkat", "unit", "%", "source", "Trygghetsmätningen",
	    "description", "andel", NULL);
	expect(CO_INDICATOR, ind, "code", "trygg", "name", "Trygghet",
	    "kind", "enkat", "unit", "%", "source", "Trygghetsmätningen",
	    "description", "andel", NULL);
	expect(CO_INDICATOR_VALUE, mk(CO_INDICATOR_VALUE, ind, "area_id",
	    num(area_id), "period", "2023", "value", "61.5", "source", "SCB",
	    "source_date", "2023-12-01", NULL), "area_id", num(area_id),
	    "period", "2023", "value", "61.5", "source", "SCB",
	    "source_date", "2023-12-01", NULL);
	expect(CO_PROBLEM_FIGURE, mk(CO_PROBLEM_FIGURE, prob, "label",
	    "Klotteranmälningar", "value", "42", "unit", "st", "period",
	    "2023", "source", "EST", "indicator_id", num(ind), "area_id",
	    num(area_id), NULL), "label", "Klotteranmälningar", "value", "42",
	    "unit", "st", "period", "2023", "source", "EST", "indicator_id",
	    num(ind), "area_id", num(area_id), NULL);
	expect(CO_PROBLEM_SCORE, mk(CO_PROBLEM_SCORE, prob, "criterion",
	    "omfattning", "score", "4", "weight", "2", "motivation", "m",
	    NULL), "criterion", "omfattning", "score", "4", "weight", "2",
	    "motivation", "m", NULL);
	cause = mk(CO_CAUSE, prob, "kind", "orsak", "position", "1",
	    "triangle", "plats", "text", "Dålig belysning", NULL);
	expect(CO_CAUSE, mk(CO_CAUSE, prob, "parent_id", num(cause), "kind",
	    "rotorsak", "position", "2", "triangle", "mal", "text", "Ingen "
	    "ägare", NULL), "parent_id", num(cause), "kind", "rotorsak",
	    "position", "2", "triangle", "mal", "text", "Ingen ägare", NULL);
	goal = mk(CO_GOAL, agr, "problem_id", num(prob), "focus_area_id",
	    num(fa), "cause_id", num(cause), "plan_id", num(plan), "kind",
	    "effekt", "text", "Mindre klotter", "measure", "anmald",
	    "direction", "minska", "indicator_id", num(ind), "baseline", "42",
	    "baseline_date", "2023-12-31", "target", "20", "target_date",
	    "2024-12-31", NULL);
	expect(CO_GOAL, goal, "problem_id", num(prob), "focus_area_id",
	    num(fa), "cause_id", num(cause), "plan_id", num(plan), "kind",
	    "effekt", "text", "Mindre klotter", "measure", "anmald",
	    "direction", "minska", "indicator_id", num(ind), "baseline", "42",
	    "baseline_date", "2023-12-31", "target", "20", "target_date",
	    "2024-12-31", NULL);
	act = mk(CO_ACTIVITY, agr, "goal_id", num(goal), "plan_id", num(plan),
	    "body_id", num(body), "title", "Snabb sanering", "method",
	    "24-timmarsregel", "organisation", "MIMER", "owner_function",
	    "Förvaltare", "time_perspective", "reaktiv", "starts_on",
	    "2024-01-01", "due_on", "2024-12-31", "status", "pagar", "hours",
	    "120.5", "cost_sek", "50000", NULL);
	expect(CO_ACTIVITY, act, "goal_id", num(goal), "plan_id", num(plan),
	    "body_id", num(body), "title", "Snabb sanering", "method",
	    "24-timmarsregel", "organisation", "MIMER", "owner_function",
	    "Förvaltare", "time_perspective", "reaktiv", "starts_on",
	    "2024-01-01", "due_on", "2024-12-31", "status", "pagar", "hours",
	    "120.5", "cost_sek", "50000", NULL);
	expect(CO_ACTIVITY_UPDATE, mk(CO_ACTIVITY_UPDATE, act, "dated",
	    "2024-03-01", "status", "klar", "text", "Klart", "hours", "10",
	    "cost_sek", "100", NULL), "dated", "2024-03-01", "status", "klar",
	    "text", "Klart", "hours", "10", "cost_sek", "100", NULL);
	expect(CO_ACTIVITY, act, "status", "klar", NULL);
	prom = mk(CO_PROMISE, agr, "plan_id", num(plan), "title",
	    "Trygg centrum", "period_from", "2024-01-01", "period_to",
	    "2024-12-31", "area_id", num(area_id), "focus_area_id", num(fa),
	    "purpose", "p", "stated_cause", "c", "police", "Vi lovar",
	    "kommun", "Vi lovar också", "joint", "Tillsammans",
	    "followup_months", "4", "published", "true", NULL);
	expect(CO_PROMISE, prom, "plan_id", num(plan), "title",
	    "Trygg centrum", "period_from", "2024-01-01", "period_to",
	    "2024-12-31", "area_id", num(area_id), "focus_area_id", num(fa),
	    "purpose", "p", "stated_cause", "c", "police", "Vi lovar",
	    "kommun", "Vi lovar också", "joint", "Tillsammans",
	    "followup_months", "4", "published", "true", "published_on",
	    "2024-06-15", NULL);
	expect(CO_PROMISE_PARTNER, mk(CO_PROMISE_PARTNER, prom,
	    "organisation", "MIMER", "promises", "Belysning", NULL),
	    "organisation", "MIMER", "promises", "Belysning", NULL);
	tgt = mk(CO_PROMISE_TARGET, prom, "party", "polisen", "kind", "takt",
	    "description", "En kontroll om dagen", "comparator", "minst",
	    "value", "1", "unit", "trafikkontroller", "per", "dag", NULL);
	expect(CO_PROMISE_TARGET, tgt, "party", "polisen", "kind", "takt",
	    "description", "En kontroll om dagen", "comparator", "minst",
	    "value", "1", "unit", "trafikkontroller", "per", "dag", NULL);
	expect(CO_PROMISE_ACTIVITY, mk(CO_PROMISE_ACTIVITY, prom,
	    "activity_id", num(act), NULL), "activity_id", num(act), NULL);
	expect(CO_PROMISE_FOLLOWUP, mk(CO_PROMISE_FOLLOWUP, prom, "target_id",
	    num(tgt), "party", "polisen", "period_from", "2024-01-01",
	    "period_to", "2024-04-30", "reported_on", "2024-05-10",
	    "delivered", "0.78", "status", "delvis", "light", "gul", "effect",
	    "syns inte än", "shortfall_reason", "skogsbrand", "note", "n",
	    NULL), "target_id", num(tgt), "party", "polisen", "period_from",
	    "2024-01-01", "period_to", "2024-04-30", "reported_on",
	    "2024-05-10", "delivered", "0.78", "status", "delvis", "light",
	    "gul", "effect", "syns inte än", "shortfall_reason", "skogsbrand",
	    "note", "n", NULL);
	expect(CO_DECISION, mk(CO_DECISION, mtg, "paragraph", "3", "kind",
	    "antagande", "text", "Lägesbilden antas", "attachment_id",
	    num(att), "problem_id", num(prob), "activity_id", num(act),
	    "plan_id", num(plan), "promise_id", num(prom), NULL), "paragraph",
	    "3", "kind", "antagande", "text", "Lägesbilden antas",
	    "attachment_id", num(att), "problem_id", num(prob), "activity_id",
	    num(act), "plan_id", num(plan), "promise_id", num(prom), NULL);
	expect(CO_DIALOGUE, mk(CO_DIALOGUE, 0, "agreement_id", num(agr),
	    "kind", "trygghetsvandring", "held_on", "2024-04-20", "area_id",
	    num(area_id), "organisation", "KOM", "participants", "14",
	    "participant_groups", "boende", "themes", "belysning", "notes",
	    "mörkt", NULL), "agreement_id", num(agr), "kind",
	    "trygghetsvandring", "held_on", "2024-04-20", "area_id",
	    num(area_id), "organisation", "KOM", "participants", "14",
	    "participant_groups", "boende", "themes", "belysning", "notes",
	    "mörkt", NULL);
	/* the program kept the status history */
	assert_int_equal(co_list(db, CO_AGR_STATUS, agr, 0, ar, &items, &n,
	    &d), SV_OK);
	assert_int_equal(n, 1);
	assert_string_equal(co_rec_val(items[0], "status")->s, "gallande");
}

static int64_t
base_agreement(const char *status)
{
	int64_t agr = mk(CO_AGREEMENT, 0, "title", "Regler", "valid_from",
	    "2024-01-01", "valid_to", "2026-12-31", "status", status, NULL);

	mk(CO_PARTY, agr, "organisation", "KOM", NULL);
	mk(CO_PARTY, agr, "organisation", "LPO", NULL);
	return agr;
}

static int64_t
patch(enum sv_err want, enum co_entity e, int64_t id, const char *k,
    const char *v)
{
	struct co_rec *r = co_rec_new(ar, e);
	struct sv_diag d;
	enum sv_err got;

	assert_int_equal(co_rec_set(ar, r, k, v, &d), SV_OK);
	got = co_update(db, &sys, id, r, &d);
	if (got != want)
		fprintf(stderr, "# patch %s: %s (%s)\n", k, sv_strerror(got),
		    d.message);
	assert_int_equal(got, want);
	return id;
}

/* An attachment counts only with its decision, and then it is frozen. */
static void
test_adoption(void **state)
{
	int64_t agr = base_agreement("gallande"), body, mtg, att, future, dec;
	struct sv_adoption ad;
	struct sv_diag d;

	(void)state;
	body = mk(CO_BODY, agr, "kind", "styrgrupp", "name", "SG", "cadence",
	    "per_ar", "meetings_min", "2", NULL);
	att = mk(CO_ATTACHMENT, agr, "number", "1", "kind", "lagesbild",
	    "title", "L", "version", "1", "dated", "2024-03-01", "content",
	    "x", NULL);
	assert_int_equal(attachment_adoption(db, att, ar, &ad, &d), SV_OK);
	assert_int_equal(ad.decision_id, 0);
	/* a planned meeting takes no decisions */
	mtg = mk(CO_MEETING, body, "starts_at", "2024-03-05T13:00", NULL);
	mk_err(SV_ERR_CONFLICT, CO_DECISION, mtg, "paragraph", "1", "text",
	    "Antas", "attachment_id", num(att), NULL);
	patch(SV_OK, CO_MEETING, mtg, "status", "genomfort");
	/* an attachment dated after the meeting cannot be adopted there */
	future = mk(CO_ATTACHMENT, agr, "number", "1", "kind", "lagesbild",
	    "title", "L", "version", "2", "dated", "2024-04-01", "content",
	    "y", NULL);
	mk_err(SV_ERR_INVALID, CO_DECISION, mtg, "paragraph", "1", "text",
	    "Antas", "attachment_id", num(future), NULL);
	dec = mk(CO_DECISION, mtg, "paragraph", "1", "kind", "antagande",
	    "text", "Antas", "attachment_id", num(att), NULL);
	assert_int_equal(attachment_adoption(db, att, ar, &ad, &d), SV_OK);
	assert_int_equal(ad.decision_id, dec);
	assert_int_equal(ad.paragraph, 1);
	assert_string_equal(ad.body, "SG");
	/* once adopted: frozen, not deletable, not adopted twice */
	patch(SV_ERR_CONFLICT, CO_ATTACHMENT, att, "content", "changed");
	assert_int_equal(co_delete(db, &sys, CO_ATTACHMENT, att, &d),
	    SV_ERR_CONFLICT);
	assert_int_equal(co_delete(db, &sys, CO_DECISION, dec, &d),
	    SV_ERR_CONFLICT);
	mk_err(SV_ERR_CONFLICT, CO_DECISION, mtg, "paragraph", "2", "text",
	    "Igen", "attachment_id", num(att), NULL);
	/* § numbers are unique per meeting */
	mk_err(SV_ERR_CONFLICT, CO_DECISION, mtg, "paragraph", "1", "text",
	    "Dubblett", NULL);
	/* the same version number twice is refused */
	mk_err(SV_ERR_CONFLICT, CO_ATTACHMENT, agr, "number", "1", "kind",
	    "lagesbild", "title", "L", "version", "2", "dated", "2024-04-01",
	    "content", "y", NULL);
	/* an attachment needs content */
	mk_err(SV_ERR_INVALID, CO_ATTACHMENT, agr, "number", "3", "kind",
	    "ovrig", "title", "T", "version", "1", "dated", "2024-04-01",
	    NULL);
}

/* An ended agreement takes no new activities and stays ended. */
static void
test_ended(void **state)
{
	int64_t agr = base_agreement("gallande"), prob, goal;
	struct sv_diag d;

	(void)state;
	prob = mk(CO_PROBLEM, agr, "title", "P", NULL);
	goal = mk(CO_GOAL, agr, "problem_id", num(prob), "kind", "process",
	    "text", "G", NULL);
	mk(CO_ACTIVITY, agr, "goal_id", num(goal), "title", "A",
	    "time_perspective", "forebyggande", NULL);
	patch(SV_OK, CO_AGREEMENT, agr, "status", "upphord");
	mk_err(SV_ERR_CONFLICT, CO_ACTIVITY, agr, "goal_id", num(goal),
	    "title", "B", "time_perspective", "forebyggande", NULL);
	mk_err(SV_ERR_CONFLICT, CO_PROMISE, agr, "title", "L", "period_from",
	    "2025-01-01", "period_to", "2025-12-31", "police", "x", NULL);
	patch(SV_ERR_CONFLICT, CO_AGREEMENT, agr, "status", "gallande");
	/* only drafts are deleted */
	assert_int_equal(co_delete(db, &sys, CO_AGREEMENT, agr, &d),
	    SV_ERR_CONFLICT);
	assert_int_equal(co_delete(db, &sys, CO_AGREEMENT,
	    base_agreement("utkast"), &d), SV_OK);
}

/* Changing an agreement that points at its parent agreement. */
static void
test_parent_patch(void **state)
{
	int64_t top = base_agreement("gallande"), child;

	(void)state;
	child = mk(CO_AGREEMENT, 0, "title", "Lokal", "valid_from",
	    "2024-01-01", "until_further_notice", "true", "parent_id",
	    num(top), NULL);
	patch(SV_OK, CO_AGREEMENT, child, "diarienummer", "HV 2020/77");
	expect(CO_AGREEMENT, child, "parent_id", num(top), "diarienummer",
	    "HV 2020/77", NULL);
	patch(SV_ERR_INVALID, CO_AGREEMENT, top, "parent_id", num(child));
}

/* Dates and cadences. */
static void
test_dates_cadences(void **state)
{
	int64_t agr = base_agreement("utkast"), body;

	(void)state;
	mk_err(SV_ERR_INVALID, CO_AGREEMENT, 0, "title", "T", "valid_from",
	    "2024-02-30", "until_further_notice", "true", NULL);
	mk_err(SV_ERR_INVALID, CO_AGREEMENT, 0, "title", "T", "valid_from",
	    "2024-02-01", "valid_to", "2023-01-01", NULL);
	mk_err(SV_ERR_INVALID, CO_AGREEMENT, 0, "title", "T", "valid_from",
	    "2024-02-01", NULL);
	mk_err(SV_ERR_INVALID, CO_AGREEMENT, 0, "title", "T", "valid_from",
	    "2024-02-01", "valid_to", "2025-01-01", "until_further_notice",
	    "true", NULL);
	mk_err(SV_ERR_INVALID, CO_BODY, agr, "kind", "styrgrupp", "name",
	    "S", "cadence", "per_ar", NULL);
	mk_err(SV_ERR_INVALID, CO_BODY, agr, "kind", "styrgrupp", "name",
	    "S", "cadence", "per_ar", "meetings_min", "4", "meetings_max",
	    "3", NULL);
	mk_err(SV_ERR_INVALID, CO_BODY, agr, "kind", "est_grupp", "name",
	    "E", "cadence", "manadsvis", "weekday", "3", NULL);
	mk_err(SV_ERR_INVALID, CO_BODY, agr, "kind", "est_grupp", "name",
	    "E", "cadence", "veckovis", "weekday", "8", NULL);
	mk_err(SV_ERR_INVALID, CO_BODY, agr, "kind", "arbetsgrupp", "name",
	    "A", "cadence", "vid_behov", "permanent", "false", NULL);
	mk_err(SV_ERR_INVALID, CO_BODY, agr, "kind", "arbetsgrupp", "name",
	    "A", "cadence", "tvaggr", NULL);
	body = mk(CO_BODY, agr, "kind", "trygghetsrad", "name", "Råd",
	    "cadence", "per_ar", "meetings_min", "3", "meetings_max", "4",
	    NULL);
	mk_err(SV_ERR_INVALID, CO_MEETING, body, "starts_at",
	    "2024-03-05T13:00", "ends_at", "2024-03-05T12:00", NULL);
	mk_err(SV_ERR_INVALID, CO_MEETING, body, "starts_at",
	    "2024-09-05T13:00", "status", "genomfort", NULL);
	mk_err(SV_ERR_INVALID, CO_MEETING, body, "starts_at", "igår", NULL);
	mk_err(SV_ERR_INVALID, CO_PLAN, agr, "title", "P", "period_from",
	    "2024-12-31", "period_to", "2024-01-01", NULL);
	mk_err(SV_ERR_INVALID, CO_PROMISE, agr, "title", "L", "period_from",
	    "2024-01-01", "period_to", "2024-12-31", NULL);
	mk_err(SV_ERR_INVALID, CO_INFO_EVENT, agr, "from_organisation", "KOM",
	    "to_organisation", "KOM", "occurred_on", "2024-01-01",
	    "reported_at", "2024-01-01T10:00", "reported_by", "a",
	    "reported_to", "b", "summary", "s", NULL);
	mk_err(SV_ERR_INVALID, CO_SIGNATORY, agr, "organisation", "MIMER",
	    "name", "N", "title", "VD", NULL);
}

/* Every chain link points at something that exists, in one agreement. */
static void
test_chain_links(void **state)
{
	int64_t agr = base_agreement("gallande"), other, p1, p2, c2, goal,
	    og, prom, ptgt, oprom;

	(void)state;
	other = base_agreement("gallande");
	p1 = mk(CO_PROBLEM, agr, "title", "P1", NULL);
	p2 = mk(CO_PROBLEM, agr, "title", "P2", NULL);
	c2 = mk(CO_CAUSE, p2, "kind", "orsak", "text", "C2", NULL);
	mk_err(SV_ERR_INVALID, CO_CAUSE, p1, "parent_id", num(c2), "kind",
	    "orsak", "text", "x", NULL);
	mk_err(SV_ERR_INVALID, CO_GOAL, agr, "kind", "effekt", "text", "G",
	    NULL);
	mk_err(SV_ERR_INVALID, CO_GOAL, agr, "problem_id", num(p1),
	    "cause_id", num(c2), "kind", "effekt", "text", "G", NULL);
	mk_err(SV_ERR_INVALID, CO_GOAL, agr, "problem_id", "999999", "kind",
	    "effekt", "text", "G", NULL);
	goal = mk(CO_GOAL, agr, "problem_id", num(p2), "cause_id", num(c2),
	    "kind", "effekt", "text", "G", NULL);
	og = mk(CO_GOAL, other, "problem_id", num(mk(CO_PROBLEM, other,
	    "title", "O", NULL)), "kind", "effekt", "text", "OG", NULL);
	mk_err(SV_ERR_INVALID, CO_ACTIVITY, agr, "goal_id", num(og), "title",
	    "A", "time_perspective", "reaktiv", NULL);
	mk_err(SV_ERR_INVALID, CO_ACTIVITY, agr, "title", "A",
	    "time_perspective", "reaktiv", NULL);
	mk_err(SV_ERR_INVALID, CO_ACTIVITY, agr, "goal_id", num(goal),
	    "title", "A", "time_perspective", "reaktiv", "starts_on",
	    "2024-05-01", "due_on", "2024-04-01", NULL);
	mk_err(SV_ERR_INVALID, CO_ACTIVITY, agr, "goal_id", num(goal),
	    "title", "A", "time_perspective", "reaktiv", "organisation",
	    "NOSUCH", NULL);
	mk_err(SV_ERR_NOTFOUND, CO_CAUSE, 999999, "kind", "orsak", "text",
	    "x", NULL);
	prom = mk(CO_PROMISE, agr, "title", "L", "period_from", "2024-01-01",
	    "period_to", "2024-12-31", "joint", "x", NULL);
	oprom = mk(CO_PROMISE, agr, "title", "L2", "period_from",
	    "2024-01-01", "period_to", "2024-12-31", "joint", "x", NULL);
	ptgt = mk(CO_PROMISE_TARGET, oprom, "party", "gemensamt", "kind",
	    "avsikt", "description", "sträva efter", NULL);
	mk_err(SV_ERR_INVALID, CO_PROMISE_FOLLOWUP, prom, "target_id",
	    num(ptgt), "party", "polisen", "period_from", "2024-01-01",
	    "period_to", "2024-04-30", "reported_on", "2024-05-01", "status",
	    "pagar", NULL);
	mk_err(SV_ERR_INVALID, CO_PROMISE_TARGET, prom, "party", "polisen",
	    "kind", "takt", "description", "d", "value", "1", "unit",
	    "kontroller", NULL);
	/* a problem still pointed at cannot go */
	{
		struct sv_diag d;

		assert_int_equal(co_delete(db, &sys, CO_PROBLEM, p2, &d),
		    SV_ERR_CONFLICT);
	}
}

static int
count_kind(const struct sv_due_item *v, size_t n, enum sv_due_kind k)
{
	size_t i;
	int c = 0;

	for (i = 0; i < n; i++)
		c += v[i].kind == k;
	return c;
}

/* A database with exactly one shortfall of each kind. */
static void
test_due(void **state)
{
	struct sv_due_item *v;
	struct sv_diag d;
	size_t n;
	int64_t now = strtoll(NOW_TEXT, NULL, 10), a1, a2, a3, body, mtg,
	    att, goal, prom;
	int k;

	(void)state;
	/* a1: revision overdue (revised 2023-01-01 + 12 months), lägesbild
	 * overdue, a styrgrupp that met once where twice is due, one
	 * unadopted attachment, one overdue activity, one activity without
	 * owner, one promise without follow-up, one info not acknowledged */
	a1 = mk(CO_AGREEMENT, 0, "title", "Due", "status", "gallande",
	    "valid_from", "2023-01-01", "until_further_notice", "true",
	    "revision_months", "12", "lagesbild_revision_months", "12",
	    "revised_on", "2023-01-01", NULL);
	mk(CO_PARTY, a1, "organisation", "KOM", NULL);
	mk(CO_PARTY, a1, "organisation", "LPO", NULL);
	body = mk(CO_BODY, a1, "kind", "styrgrupp", "name", "SG", "cadence",
	    "per_ar", "meetings_min", "2", NULL);
	mk(CO_BODY, a1, "kind", "arbetsgrupp", "name", "AG", "cadence",
	    "vid_behov", NULL);
	mtg = mk(CO_MEETING, body, "starts_at", "2024-01-10T10:00", "status",
	    "genomfort", NULL);
	att = mk(CO_ATTACHMENT, a1, "number", "1", "kind", "lagesbild",
	    "title", "L", "version", "1", "dated", "2023-01-05", "content",
	    "x", NULL);
	mk(CO_DECISION, mtg, "paragraph", "1", "text", "Antas",
	    "attachment_id", num(att), NULL);
	/* an older unadopted version superseded by an adopted one: not due */
	mk(CO_ATTACHMENT, a1, "number", "2", "kind", "atgardsplan", "title",
	    "Å", "version", "1", "dated", "2023-01-05", "content", "x", NULL);
	mk(CO_DECISION, mtg, "paragraph", "2", "text", "Antas",
	    "attachment_id", num(mk(CO_ATTACHMENT, a1, "number", "2", "kind",
	    "atgardsplan", "title", "Å", "version", "2", "dated",
	    "2023-02-05", "content", "y", NULL)), NULL);
	mk(CO_ATTACHMENT, a1, "number", "3", "kind", "kontaktuppgifter",
	    "title", "K", "version", "1", "dated", "2024-05-05", "content",
	    "z", NULL);
	goal = mk(CO_GOAL, a1, "problem_id", num(mk(CO_PROBLEM, a1, "title",
	    "P", NULL)), "kind", "produktion", "text", "G", NULL);
	mk(CO_ACTIVITY, a1, "goal_id", num(goal), "title", "Sen",
	    "organisation", "KOM", "time_perspective", "reaktiv", "due_on",
	    "2024-06-01", NULL);
	mk(CO_ACTIVITY, a1, "goal_id", num(goal), "title", "Ägarlös",
	    "time_perspective", "langsiktig", "due_on", "2024-12-01", NULL);
	mk(CO_ACTIVITY, a1, "goal_id", num(goal), "title", "Klar sen",
	    "organisation", "KOM", "time_perspective", "reaktiv", "due_on",
	    "2024-01-01", "status", "klar", NULL);
	prom = mk(CO_PROMISE, a1, "title", "Ouppföljt", "period_from",
	    "2024-01-01", "period_to", "2024-12-31", "police", "p",
	    "published", "true", NULL);
	(void)prom;
	/* followed up through the last window (2024-05-01): not due */
	mk(CO_PROMISE_FOLLOWUP, mk(CO_PROMISE, a1, "title", "Uppföljt",
	    "period_from", "2024-01-01", "period_to", "2024-12-31", "police",
	    "p", "published", "true", NULL), "party", "polisen",
	    "period_from", "2024-01-01", "period_to", "2024-05-01",
	    "reported_on", "2024-05-10", "status", "pagar", NULL);
	mk(CO_INFO_EVENT, a1, "from_organisation", "LPO", "to_organisation",
	    "KOM", "occurred_on", "2024-06-01", "reported_at",
	    "2024-06-01T10:00", "reported_by", "LpoC", "reported_to", "Dir",
	    "summary", "Händelse", NULL);
	mk(CO_INFO_EVENT, a1, "from_organisation", "KOM", "to_organisation",
	    "LPO", "occurred_on", "2024-06-01", "reported_at",
	    "2024-06-01T10:00", "reported_by", "Dir", "reported_to", "LpoC",
	    "summary", "Kvitterad", "acknowledged_at", "2024-06-02T08:00",
	    "acknowledged_by", "LpoC", NULL);
	/* a2: ends 2024-08-31, within 90 days */
	a2 = mk(CO_AGREEMENT, 0, "title", "Slutar", "status", "gallande",
	    "valid_from", "2023-01-01", "valid_to", "2024-08-31", NULL);
	/* a3: automatic extension, recently revised: nothing due */
	a3 = mk(CO_AGREEMENT, 0, "title", "Auto", "status", "gallande",
	    "valid_from", "2023-01-01", "valid_to", "2024-08-31",
	    "extension", "automatisk", "revision_months", "12", "revised_on",
	    "2024-01-01", NULL);
	assert_int_equal(due_list(db, now, a1, ar, &v, &n, &d), SV_OK);
	for (k = 0; k < SV_DUE__MAX; k++) {
		if (k == SV_DUE_AGREEMENT_EXPIRING)
			continue;
		if (count_kind(v, n, (enum sv_due_kind)k) != 1)
			fprintf(stderr, "# kind %s: %d\n",
			    sv_due_kind_names[k],
			    count_kind(v, n, (enum sv_due_kind)k));
		assert_int_equal(count_kind(v, n, (enum sv_due_kind)k), 1);
	}
	assert_int_equal(n, SV_DUE__MAX - 1);
	assert_int_equal(due_list(db, now, a2, ar, &v, &n, &d), SV_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].kind, SV_DUE_AGREEMENT_EXPIRING);
	assert_string_equal(v[0].since, "2024-08-31");
	assert_int_equal(due_list(db, now, a3, ar, &v, &n, &d), SV_OK);
	assert_int_equal(n, 0);
}

static void
test_ical(void **state)
{
	int64_t agr = base_agreement("gallande"), body;
	struct sv_buf b;
	struct sv_diag d;
	const char *p;

	(void)state;
	body = mk(CO_BODY, agr, "kind", "est_grupp", "name",
	    "EST-gruppen, Västerås; veckomöte", "cadence", "veckovis",
	    "weekday", "2", NULL);
	mk(CO_MEETING, body, "starts_at", "2024-06-04T09:00", "ends_at",
	    "2024-06-04T10:00", "location", "Polishuset", "agenda",
	    "1. Veckans händelser\n2. Åtgärder som ska följas upp av alla "
	    "deltagande organisationer under kommande vecka", NULL);
	mk(CO_MEETING, body, "starts_at", "2024-06-11T09:00", "status",
	    "installt", NULL);
	sv_buf_init(&b, 1 << 20);
	assert_int_equal(meeting_ical(db, body, "test", &b, &d), SV_OK);
	assert_non_null(strstr(b.data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(b.data, "DTSTART:20240604T070000Z\r\n"));
	assert_non_null(strstr(b.data, "DTEND:20240604T080000Z\r\n"));
	assert_non_null(strstr(b.data,
	    "SUMMARY:EST-gruppen\\, Västerås\\; veckomöte\r\n"));
	assert_non_null(strstr(b.data, "STATUS:CANCELLED\r\n"));
	assert_non_null(strstr(b.data, "\\n2. "));
	/* every line at most 75 octets, continuation lines start with SP */
	for (p = b.data; *p; ) {
		const char *e = strstr(p, "\r\n");

		assert_non_null(e);
		assert_true(e - p <= 75);
		p = e + 2;
	}
	assert_non_null(strstr(b.data, "\r\n "));
	assert_non_null(strstr(b.data, "END:VCALENDAR\r\n"));
	sv_buf_free(&b);
}

static void
test_csv(void **state)
{
	const char *ok = "indicator,area_layer,area_code,period,value,source\r\n"
	    "otrygg,stadsdel,S1,2023,12.5,Trygghetsmätningen\r\n"
	    "otrygg,stadsdel,S1,2024-Q1,\"13,0\",SCB\r\n";
	const char *fixed = "indicator,area_layer,area_code,period,value\n"
	    "otrygg,stadsdel,S1,2023,11\n";
	const char *bad = "indicator,area_layer,area_code,period,value\n"
	    "otrygg,stadsdel,S1,2023,11\n"
	    "otrygg,stadsdel,NOPE,2023,11\n";
	int64_t ind;
	struct co_rec **v;
	struct sv_diag d;
	size_t n;

	(void)state;
	ind = mk(CO_INDICATOR, 0, "code", "otrygg", "name", "Otrygghet",
	    "kind", "enkat", NULL);
	assert_int_equal(indicator_import_csv(db, &sys, ok, strlen(ok), &n,
	    &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "value");
	assert_int_equal(d.line, 3);
	assert_int_equal(co_list(db, CO_INDICATOR_VALUE, ind, 0, ar, &v, &n,
	    &d), SV_OK);
	assert_int_equal(n, 0);
	assert_int_equal(indicator_import_csv(db, &sys, fixed, strlen(fixed),
	    &n, &d), SV_OK);
	assert_int_equal(n, 1);
	assert_int_equal(indicator_import_csv(db, &sys, bad, strlen(bad), &n,
	    &d), SV_ERR_INVALID);
	assert_int_equal(d.line, 3);
	assert_int_equal(co_list(db, CO_INDICATOR_VALUE, ind, 0, ar, &v, &n,
	    &d), SV_OK);
	assert_int_equal(n, 1);
	assert_true(co_rec_val(v[0], "value")->d == 11.0);
	assert_string_equal(co_rec_val(v[0], "period")->s, "2023");
}

static void
test_rights(void **state)
{
	struct sv_actor other = { 99, 0, SV_ROLE_SAMORDNARE, 0 };
	struct sv_actor reader = { 98, 0, SV_ROLE_LASARE, 0 };
	struct co_rec *r;
	struct sv_org o;
	struct sv_diag d;
	int64_t agr = base_agreement("utkast");

	(void)state;
	assert_int_equal(org_get(db, "MIMER", ar, &o, &d), SV_OK);
	other.org_id = o.id;
	r = co_rec_new(ar, CO_PRINCIPLE);
	assert_int_equal(co_rec_set(ar, r, "title", "X", &d), SV_OK);
	assert_int_equal(co_create(db, &other, agr, r, NULL, &d),
	    SV_ERR_FORBIDDEN);
	assert_int_equal(org_get(db, "KOM-SOC", ar, &o, &d), SV_OK);
	other.org_id = o.id;
	assert_int_equal(co_create(db, &other, agr, r, NULL, &d), SV_OK);
	reader.org_id = o.id;
	assert_int_equal(co_create(db, &reader, agr, r, NULL, &d),
	    SV_ERR_FORBIDDEN);
	r = co_rec_new(ar, CO_AGR_STATUS);
	assert_int_equal(co_create(db, &other, agr, r, NULL, &d),
	    SV_ERR_FORBIDDEN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_adoption),
		cmocka_unit_test(test_ended),
		cmocka_unit_test(test_parent_patch),
		cmocka_unit_test(test_dates_cadences),
		cmocka_unit_test(test_chain_links),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_ical),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_rights),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
