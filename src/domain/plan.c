/*
 * Action plans, focus areas, problems (areas, categories, figures,
 * scores), causes, goals, activities and activity updates: field tables
 * and the rules of the chain (see plan.h).
 */
#include <inttypes.h>
#include <string.h>

#include "core/svtime.h"
#include "domain/agreement.h"
#include "domain/collab_def.h"
#include "domain/plan.h"

static const char *const fa_kinds[] = {
	"brottstyp", "plats", "platsgrupp", "tema", "malgrupp",
};
static const char *const problem_status[] = {
	"identifierad", "prioriterad", "bearbetas", "avslutad",
};
static const char *const criteria[] = {
	"omfattning", "allvarlighet", "otrygghet", "utveckling",
	"paverkbarhet", "samhallskostnad",
};
static const char *const cause_kinds[] = {
	"orsak", "rotorsak", "handelse",
};
static const char *const triangle[] = {
	"plats", "gerningsperson", "mal",
};
static const char *const goal_kinds[] = {
	"effekt", "process", "produktion",
};
static const char *const measures[] = {
	"upplevd", "anmald", "faktisk", "uppklarning", "genomforande",
	"annan",
};
static const char *const directions[] = {
	"minska", "oka", "bibehalla", "uppna", "noll",
};
static const char *const perspectives[] = {
	"reaktiv", "forebyggande", "langsiktig",
};
static const char *const activity_status[] = {
	"planerad", "pagar", "klar", "installd",
};

/* "to" on or after "from", both optional. */
static enum sv_err
date_order(struct co_ctx *c, const char *from, const char *to, int strict)
{
	struct co_val *f = co_rec_val(c->rec, from);
	struct co_val *t = co_rec_val(c->rec, to);
	int cmp;

	if (!CO_HAS(f) || !CO_HAS(t))
		return SV_OK;
	cmp = strcmp(t->s, f->s);
	if (cmp < 0 || (strict && cmp == 0))
		return sv_diag_set(c->diag, SV_ERR_INVALID, to,
		    "%s must be after %s", to, from);
	return SV_OK;
}

/* action plan */

static const struct co_field plan_fields[] = {
	F_TEXT("title", CO_REQ, CO_SHORT, "Rubrik"),
	F_DATE("period_from", CO_REQ, "Period från"),
	F_DATE("period_to", CO_REQ, "Period till"),
};

static enum sv_err
plan_check(struct co_ctx *c)
{
	return date_order(c, "period_from", "period_to", 1);
}

const struct co_desc co_desc_plan = {
	CO_PLAN, "plans", CO_AGREEMENT, 1, 0, plan_fields,
	CO_NELEM(plan_fields), CO_SQL(PLAN), plan_check, NULL, NULL,
	"Åtgärdsplan",
};

/* focus area */

static const struct co_field fa_fields[] = {
	F_TEXT("name", CO_REQ, CO_SHORT, "Namn"),
	F_ENUM("kind", CO_REQ, fa_kinds, NULL, "Slag"),
	F_AREA("area_id", 0, "Plats eller område"),
	F_CAT("category", 0, "Brottstyp (kategori)"),
	F_TEXT("description", 0, CO_LONG, "Beskrivning"),
	F_INT("position", 0, 0, 1000, "0", "Ordning"),
};

static enum sv_err
fa_check(struct co_ctx *c)
{
	const char *k = co_rec_val(c->rec, "kind")->s;

	if (strcmp(k, "brottstyp") == 0 &&
	    !CO_HAS(co_rec_val(c->rec, "category")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "category",
		    "a focus area of kind brottstyp names its category");
	if (strcmp(k, "plats") == 0 && !CO_HAS(co_rec_val(c->rec, "area_id")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "area_id",
		    "a focus area of kind plats names its area");
	return SV_OK;
}

const struct co_desc co_desc_focus_area = {
	CO_FOCUS_AREA, "focus-areas", CO_AGREEMENT, 1, 0, fa_fields,
	CO_NELEM(fa_fields), CO_SQL(FOCUS_AREA), fa_check, NULL, NULL,
	"Fokusområde",
};

/* problem */

static const struct co_field problem_fields[] = {
	F_REF("focus_area_id", 0, CO_FOCUS_AREA, "Fokusområde"),
	F_REF("plan_id", 0, CO_PLAN, "Åtgärdsplan"),
	F_TEXT("title", CO_REQ, CO_SHORT, "Problembild"),
	F_TEXT("description", 0, CO_LONG, "Beskrivning"),
	F_INT("priority", 0, 1, 100, NULL, "Prioritet (1 = högst)"),
	F_ENUM("status", 0, problem_status, "identifierad", "Status"),
};

const struct co_desc co_desc_problem = {
	CO_PROBLEM, "problems", CO_AGREEMENT, 1, 0, problem_fields,
	CO_NELEM(problem_fields), CO_SQL(PROBLEM), NULL, NULL, NULL,
	"Problembild",
};

static const struct co_field problem_area_fields[] = {
	F_AREA("area_id", CO_REQ, "Område"),
};

const struct co_desc co_desc_problem_area = {
	CO_PROBLEM_AREA, "problem-areas", CO_PROBLEM, 1, 0,
	problem_area_fields, CO_NELEM(problem_area_fields),
	CO_SQL(PROBLEM_AREA), NULL, NULL, NULL, "Område",
};

static const struct co_field problem_cat_fields[] = {
	F_CAT("category", CO_REQ, "Kategori"),
};

const struct co_desc co_desc_problem_category = {
	CO_PROBLEM_CATEGORY, "problem-categories", CO_PROBLEM, 1, 0,
	problem_cat_fields, CO_NELEM(problem_cat_fields),
	CO_SQL(PROBLEM_CATEGORY), NULL, NULL, NULL, "Kategori",
};

static const struct co_field figure_fields[] = {
	F_TEXT("label", CO_REQ, CO_SHORT, "Uppgift"),
	F_NUM("value", CO_REQ, -1000000000, 1000000000, "Värde"),
	F_TEXT("unit", 0, 50, "Enhet"),
	F_TEXT("period", 0, 48, "Period"),
	F_TEXT("source", CO_REQ, CO_SHORT, "Källa"),
	F_REF("indicator_id", 0, CO_INDICATOR, "Indikator"),
	F_AREA("area_id", 0, "Område"),
};

static enum sv_err
figure_check(struct co_ctx *c)
{
	struct co_val *p = co_rec_val(c->rec, "period");
	struct sv_period per;

	if (CO_HAS(p))
		return sv_period_parse(p->s, &per, "period", c->diag);
	return SV_OK;
}

const struct co_desc co_desc_problem_figure = {
	CO_PROBLEM_FIGURE, "problem-figures", CO_PROBLEM, 1, 0, figure_fields,
	CO_NELEM(figure_fields), CO_SQL(PROBLEM_FIGURE), figure_check, NULL,
	NULL, "Lägesbildsuppgift",
};

static const struct co_field score_fields[] = {
	F_ENUM("criterion", CO_REQ, criteria, NULL, "Kriterium"),
	F_INT("score", CO_REQ, 0, 5, NULL, "Poäng (0-5)"),
	F_INT("weight", 0, 1, 10, "1", "Vikt"),
	F_TEXT("motivation", 0, CO_LONG, "Motivering"),
};

const struct co_desc co_desc_problem_score = {
	CO_PROBLEM_SCORE, "problem-scores", CO_PROBLEM, 1, 0, score_fields,
	CO_NELEM(score_fields), CO_SQL(PROBLEM_SCORE), NULL, NULL, NULL,
	"Påverkan",
};

enum sv_err
problem_impact(struct sv_store *s, int64_t problem_id, int64_t *score,
    int64_t *max, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_CO_PROBLEM_IMPACT);
	enum sv_err e;
	int row;

	stmt_bind_int(st, 1, problem_id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	*score = row ? stmt_int(st, 0) : 0;
	*max = row ? stmt_int(st, 1) : 0;
	stmt_reset(st);
	return SV_OK;
}

/* cause */

static const struct co_field cause_fields[] = {
	F_REF("parent_id", 0, CO_CAUSE, "Överordnad orsak"),
	F_ENUM("kind", CO_REQ, cause_kinds, NULL, "Slag"),
	F_INT("position", 0, 0, 1000, "0", "Ordning (händelsekedja)"),
	F_ENUM("triangle", 0, triangle, NULL, "Problemtriangeln"),
	F_TEXT("text", CO_REQ, CO_LONG, "Orsak"),
};

static enum sv_err
cause_check(struct co_ctx *c)
{
	struct co_val *p = co_rec_val(c->rec, "parent_id");
	struct co_rec *pr;
	enum sv_err e;
	int64_t cur;
	int depth;

	if (!CO_HAS(p))
		return SV_OK;
	if ((e = co_get(c->store, CO_CAUSE, p->i, c->arena, &pr,
	    c->diag)) != SV_OK)
		return e;
	if (pr->parent_id != c->rec->parent_id)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "parent_id",
		    "the parent cause belongs to another problem");
	if (c->old == NULL)
		return SV_OK;
	for (cur = p->i, depth = 0; cur != 0 && depth < 64; depth++) {
		if (cur == c->old->id)
			return sv_diag_set(c->diag, SV_ERR_INVALID,
			    "parent_id", "the parent cause would make a cycle");
		if (co_get(c->store, CO_CAUSE, cur, c->arena, &pr, NULL) !=
		    SV_OK)
			break;
		cur = CO_HAS(co_rec_val(pr, "parent_id")) ?
		    co_rec_val(pr, "parent_id")->i : 0;
	}
	return SV_OK;
}

const struct co_desc co_desc_cause = {
	CO_CAUSE, "causes", CO_PROBLEM, 1, 0, cause_fields,
	CO_NELEM(cause_fields), CO_SQL(CAUSE), cause_check, NULL, NULL,
	"Orsak",
};

/* goal */

static const struct co_field goal_fields[] = {
	F_REF("problem_id", 0, CO_PROBLEM, "Problembild"),
	F_REF("focus_area_id", 0, CO_FOCUS_AREA, "Fokusområde"),
	F_REF("cause_id", 0, CO_CAUSE, "Orsak"),
	F_REF("plan_id", 0, CO_PLAN, "Åtgärdsplan"),
	F_ENUM("kind", CO_REQ, goal_kinds, NULL, "Måltyp"),
	F_TEXT("text", CO_REQ, CO_LONG, "Mål"),
	F_ENUM("measure", 0, measures, NULL, "Mäter"),
	F_ENUM("direction", 0, directions, NULL, "Riktning"),
	F_REF("indicator_id", 0, CO_INDICATOR, "Indikator"),
	F_NUM("baseline", 0, -1000000000, 1000000000, "Utgångsvärde"),
	F_DATE("baseline_date", 0, "Utgångsvärdets datum"),
	F_NUM("target", 0, -1000000000, 1000000000, "Målvärde"),
	F_DATE("target_date", 0, "Målet nås senast"),
};

static enum sv_err
goal_check(struct co_ctx *c)
{
	struct co_val *p = co_rec_val(c->rec, "problem_id");
	struct co_val *cause = co_rec_val(c->rec, "cause_id");
	struct co_rec *cr;
	enum sv_err e;

	if (!CO_HAS(p) && !CO_HAS(co_rec_val(c->rec, "focus_area_id")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "problem_id",
		    "a goal answers a problem or a focus area");
	if (CO_HAS(cause)) {
		if (!CO_HAS(p))
			return sv_diag_set(c->diag, SV_ERR_INVALID,
			    "problem_id", "a goal aimed at a cause names the "
			    "cause's problem");
		if ((e = co_get(c->store, CO_CAUSE, cause->i, c->arena, &cr,
		    c->diag)) != SV_OK)
			return e;
		if (cr->parent_id != p->i)
			return sv_diag_set(c->diag, SV_ERR_INVALID,
			    "cause_id", "the cause belongs to another problem");
	}
	if (CO_HAS(co_rec_val(c->rec, "target")) &&
	    !CO_HAS(co_rec_val(c->rec, "direction")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "direction",
		    "a target value needs a direction");
	return date_order(c, "baseline_date", "target_date", 0);
}

const struct co_desc co_desc_goal = {
	CO_GOAL, "goals", CO_AGREEMENT, 1, 0, goal_fields,
	CO_NELEM(goal_fields), CO_SQL(GOAL), goal_check, NULL, NULL, "Mål",
};

/* activity */

static const struct co_field activity_fields[] = {
	F_REF("goal_id", CO_REQ, CO_GOAL, "Mål"),
	F_REF("plan_id", 0, CO_PLAN, "Åtgärdsplan"),
	F_REF("body_id", 0, CO_BODY, "Arbetsgrupp"),
	F_TEXT("title", CO_REQ, CO_SHORT, "Aktivitet"),
	F_TEXT("method", 0, CO_LONG, "Metod"),
	F_ORG("organisation", 0, "Ansvarig organisation"),
	F_TEXT("owner_function", 0, CO_SHORT, "Ansvarig funktion"),
	F_ENUM("time_perspective", CO_REQ, perspectives, NULL,
	    "Tidsperspektiv"),
	F_DATE("starts_on", 0, "Start"),
	F_DATE("due_on", 0, "Klar senast"),
	F_ENUM("status", 0, activity_status, "planerad", "Status"),
	F_NUM("hours", 0, 0, 10000000, "Timmar"),
	F_NUM("cost_sek", 0, 0, 10000000000, "Kostnad (kr)"),
};

/* Refuses new records under an ended agreement. */
static enum sv_err
not_ended(struct co_ctx *c, const char *what)
{
	enum sv_agr_status st;
	enum sv_err e;

	if ((e = agreement_status_of(c->store, c->rec->agreement_id, &st,
	    c->diag)) != SV_OK)
		return e;
	if (st == SV_AGR_UPPHORD)
		return sv_diag_set(c->diag, SV_ERR_CONFLICT, "agreement",
		    "the agreement has ended; it takes no new %s", what);
	return SV_OK;
}

static enum sv_err
activity_check(struct co_ctx *c)
{
	enum sv_err e;

	if (c->old == NULL && (e = not_ended(c, "activities")) != SV_OK)
		return e;
	return date_order(c, "starts_on", "due_on", 0);
}

const struct co_desc co_desc_activity = {
	CO_ACTIVITY, "activities", CO_AGREEMENT, 1, 0, activity_fields,
	CO_NELEM(activity_fields), CO_SQL(ACTIVITY), activity_check, NULL,
	NULL, "Aktivitet",
};

/* activity update */

static const struct co_field update_fields[] = {
	F_DATE("dated", CO_REQ, "Datum"),
	F_ENUM("status", CO_REQ, activity_status, NULL, "Status"),
	F_TEXT("text", CO_REQ, CO_LONG, "Lägesrapport"),
	F_NUM("hours", 0, 0, 10000000, "Timmar"),
	F_NUM("cost_sek", 0, 0, 10000000000, "Kostnad (kr)"),
};

/* The newest update sets the activity's status. */
static enum sv_err
update_after(struct co_ctx *c)
{
	struct sv_stmt *st = store_stmt(c->store, SQL_CO_ACTIVITY_SYNC_STATUS);

	stmt_bind_int(st, 1, c->rec->parent_id);
	return stmt_exec(st, c->diag);
}

const struct co_desc co_desc_activity_update = {
	CO_ACTIVITY_UPDATE, "activity-updates", CO_ACTIVITY, 1, 0, update_fields,
	CO_NELEM(update_fields), CO_SQL(ACTIVITY_UPDATE), NULL, update_after,
	NULL, "Uppföljning av aktivitet",
};

enum sv_err
plan_not_ended(struct co_ctx *c, const char *what)
{
	return not_ended(c, what);
}
