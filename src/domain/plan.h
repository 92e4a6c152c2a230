/*
 * The chain from lägesbild to result: action plans (a period), focus
 * areas (an offence type, a place, a group of places, a theme, a target
 * group), problems (problembilder) with their areas, categories,
 * lägesbild figures and impact scores by named criteria, causes (a cause
 * tree or the steps of an event chain, each placed in the
 * problem-analysis triangle of place, offender and target), goals of
 * three kinds (effekt, process, produktion) with indicator, baseline and
 * target, activities (method, responsible organisation, time
 * perspective, dates, status, hours and cost) and activity updates.
 *
 * Rules: every link points at a record of the same agreement; a goal
 * answers a problem or a focus area, and its cause belongs to its
 * problem; a sub-cause belongs to the same problem as its parent; an
 * activity serves a goal, ends after it starts, and an ended agreement
 * takes no new activities; an update moves its activity's status.
 */
#ifndef SV_PLAN_H
#define SV_PLAN_H

#include "domain/collab.h"

/*
 * The impact score of a problem: the sum of score x weight over its
 * criteria, and the most it could be (5 x weight summed). Errors: DB.
 */
enum sv_err	problem_impact(struct sv_store *, int64_t problem_id,
		    int64_t *score, int64_t *max, struct sv_diag *);

/*
 * For rule hooks: SV_ERR_CONFLICT when the record's agreement has ended
 * ("it takes no new <what>").
 */
enum sv_err	plan_not_ended(struct co_ctx *, const char *what);

#endif
