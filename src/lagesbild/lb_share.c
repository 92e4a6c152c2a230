/*
 * Sharing rules in the lägesbild (domain/sharing.h): the reader's level
 * for each owner organisation met in the read model, looked up once per
 * build; small-count suppression of the figures that hold data the reader
 * may see only as aggregated figures; and the JSON that says so.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "domain/sharing.h"
#include "lagesbild/lb_impl.h"
#include "store/store.h"

/* Sets the cached level of owner org_id (a new owner). */
static void
level_put(struct lb *lb, int64_t org_id, enum sv_share_level l)
{
	if (lb->norg == lb->org_cap) {
		lb->org_cap = lb->org_cap ? lb->org_cap * 2 : 16;
		lb->org_id = sv_reallocarray(lb->org_id, lb->org_cap,
		    sizeof(*lb->org_id));
		lb->org_level = sv_reallocarray(lb->org_level, lb->org_cap,
		    sizeof(*lb->org_level));
	}
	lb->org_id[lb->norg] = org_id;
	lb->org_level[lb->norg++] = (unsigned char)l;
}

enum sv_share_level
lb_level(struct lb *lb, int64_t org_id)
{
	enum sv_share_level l;
	size_t i;

	for (i = 0; i < lb->norg; i++)
		if (lb->org_id[i] == org_id)
			return (enum sv_share_level)lb->org_level[i];
	/*
	 * With the rules read (lb_share_read) an owner without a rule has
	 * the fallback of SQL_SHARING_LEVEL, SV_SHARE_DEFAULT; the system
	 * and the reader's own organisation see everything.
	 */
	if (lb->actor->system || (lb->actor->org_id != 0 &&
	    lb->actor->org_id == org_id))
		l = SV_SHARE_FULL;
	else if (lb->share_read)
		l = SV_SHARE_DEFAULT;
	else
		l = sharing_level(lb->s, lb->actor, org_id, SV_SHARE_INCIDENT);
	level_put(lb, org_id, l);
	return l;
}

enum sv_err
lb_share_read(struct lb *lb, struct sv_stmt *st)
{
	int64_t owner = 0;
	int level = -1, def = -1, have = 0, row, v;
	enum sv_err e;

	/* rows come ordered by owner: the reader's own rule or the default */
	for (;;) {
		if ((e = stmt_step(st, &row, lb->d)) != SV_OK)
			return e;
		if (have && (!row || stmt_int(st, 0) != owner)) {
			v = level >= 0 ? level : def;
			level_put(lb, owner, v >= 0 && v < SV_SHARE__MAX ?
			    (enum sv_share_level)v : SV_SHARE_NONE);
			have = 0;
		}
		if (!row)
			break;
		if (!have) {
			owner = stmt_int(st, 0);
			level = def = -1;
			have = 1;
		}
		if (stmt_isnull(st, 1))
			def = (int)stmt_int(st, 2);
		else
			level = (int)stmt_int(st, 2);
	}
	stmt_reset(st);
	lb->share_read = 1;
	return SV_OK;
}

size_t
lb_suppress(struct lb *lb, const int64_t *n, const int64_t *agg, size_t k,
    unsigned char *hide)
{
	int64_t sum = 0, min = lb->min_count;
	size_t i, nh = 0, best;

	memset(hide, 0, k);
	for (i = 0; i < k; i++)
		if (n[i] > 0 && n[i] < min && agg[i] > 0) {
			hide[i] = 1;
			sum += n[i];
			nh++;
		}
	while (nh > 0 && sum < min) {
		best = k;
		for (i = 0; i < k; i++)
			if (!hide[i] && n[i] > 0 && (best == k ||
			    n[i] < n[best]))
				best = i;
		if (best == k)
			break;
		hide[best] = 1;
		sum += n[best];
		nh++;
	}
	lb->hidden += (int64_t)nh;
	return nh;
}

void
lb_set_count(json_t *obj, const char *key, int64_t v, int hidden)
{
	if (!hidden) {
		lb_set_int(obj, key, v);
		return;
	}
	json_object_set_new(obj, key, json_null());
	json_object_set_new(obj, "suppressed", json_true());
}

void
lb_sharing_json(struct lb *lb, json_t *root)
{
	json_t *o = json_object(), *defs;
	size_t i, nagg = 0, nnone = 0;

	for (i = 0; i < lb->norg; i++) {
		if (lb->org_level[i] == SV_SHARE_AGGREGATED)
			nagg++;
		else if (lb->org_level[i] == SV_SHARE_NONE)
			nnone++;
	}
	json_object_set_new(root, "sharing", o);
	json_object_set_new(o, "system", json_boolean(lb->actor->system));
	lb_set_int(o, "min_count", lb->min_count);
	lb_set_int(o, "owners_aggregated", (int64_t)nagg);
	lb_set_int(o, "owners_excluded", (int64_t)nnone);
	json_object_set_new(o, "aggregated_data", json_boolean(lb->has_agg));
	lb_set_int(o, "suppressed", lb->hidden);
	lb_set_str(o, "definition", "the sharing rules for incidents "
	    "(GET /sharing) as they apply to the reader's organisation: "
	    "incidents of an owner whose level is none are not counted; "
	    "aggregated ones are counted but never shown one by one (not in "
	    "new.places, near_repeat, its Knox test or the KDE surface); a "
	    "count that holds aggregated-only incidents and lies in 1.."
	    "min_count-1 is suppressed (null, with \"suppressed\": true), and "
	    "then the smallest other counts of the same table until the "
	    "suppressed ones sum to min_count, so none can be recovered by "
	    "subtraction; a change whose count or comparison count is "
	    "suppressed has no ratio or p; a monthly series with a "
	    "suppressed month has no trend test");
	lb_set_str(o, "statistics", "Gi* (grid and child areas) and the "
	    "concentration are computed over every incident the reader may "
	    "count, aggregated-only ones included (that keeps them right), "
	    "but never shown in a form from which a suppressed count "
	    "follows: the grid's cell counts are one table, suppressed as "
	    "the others (primary and secondary); when a count a statistic "
	    "uses is suppressed (a grid cell for the grid Gi* and the "
	    "concentration, a child area for the areas' Gi*), z, p and q are "
	    "left out of every one of its items, which keep their place and "
	    "class (hot, cold, none) only, and the concentration's "
	    "top5_share and gini are null with \"suppressed\": true; each "
	    "statistic so withheld counts once in suppressed");
	defs = json_object_get(root, "definitions");
	if (defs != NULL) {
		json_object_set(defs, "sharing", json_object_get(o,
		    "definition"));
		json_object_set(defs, "sharing_statistics",
		    json_object_get(o, "statistics"));
	}
}
