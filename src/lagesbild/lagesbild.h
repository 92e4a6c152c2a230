/*
 * The lägesbild: the situational picture of one area for one period,
 * composed from store queries (the read model of sql/sqlite/0003_lagesbild
 * .sql: per-area incident facts and per-day counts, every read a primary
 * key range) and the analysis kernels. It answers: how many incidents per
 * category and sub-area, how that changed against the previous period and
 * the same period a year earlier (exact conditional test of the rate
 * ratio), what is new, where the hotspots are (Gi* on a grid and on the
 * child areas, Benjamini-Hochberg), which incidents repeat near earlier
 * ones (near-repeat alerts with Knox counts), how concentrated incidents
 * are (top 5 % share, Gini), a KDE surface, the hour x weekday matrix and
 * 12-month series per category (Mann-Kendall).
 *
 * Counts only: no free text, no reporter, nothing a reader of the area
 * may not see: the sharing rules of the actor's organisation apply
 * (lb_share.c; owners at none left out, aggregated ones counted but never
 * shown one by one, small counts holding them suppressed). The JSON names the definitions and parameters used, the
 * source of each figure and when it was computed; docs/api.md (GET
 * /lagesbild) describes it.
 */
#ifndef SV_LAGESBILD_H
#define SV_LAGESBILD_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

/* Defaults, documented in the JSON and in docs/api.md. */
#define LB_DEFAULT_CELL		250.0	/* grid cell side (m), Gi* */
#define LB_DEFAULT_BAND		500.0	/* Gi* distance band (m) */
#define LB_DEFAULT_KDE_SIGMA	200.0	/* KDE bandwidth, sd (m) */
#define LB_DEFAULT_KDE_CELLS	100	/* KDE grid, cells on the long side */
#define LB_DEFAULT_NR_DISTANCE	200.0	/* near repeat: metres */
#define LB_DEFAULT_NR_DAYS	14	/* near repeat: days */
#define LB_DEFAULT_NEW_WEEKS	4	/* "new": weeks looked back */
#define LB_DEFAULT_FDR		0.05	/* Benjamini-Hochberg q */
#define LB_DEFAULT_ALPHA	0.05	/* change significance level */
#define LB_DEFAULT_PERMS	0	/* Knox Monte Carlo permutations */
#define LB_DEFAULT_SEED		1
#define LB_GRID_MAX_CELLS	40000	/* cell is enlarged beyond this */
#define LB_LIST_MAX		200	/* longest incident list returned */

/*
 * What to compute. Zero values mean the defaults above; area and period
 * are required, layer and child_layer optional (NULL: the area's code is
 * unique, resp. the layer with the most children of the area).
 */
struct lb_params {
	const char	*area;		/* area code */
	const char	*layer;		/* its layer, or NULL */
	const char	*period;	/* sv_period_parse syntax */
	const char	*child_layer;	/* sub-area layer, or NULL */
	double		 cell;
	double		 band;
	double		 kde_sigma;
	int		 kde_cells;
	double		 nr_distance;
	int		 nr_days;
	int		 new_weeks;
	double		 fdr;
	double		 alpha;
	int		 permutations;	/* Knox Monte Carlo; 0 = none */
	uint64_t	 seed;
	int64_t		 now;		/* "computed at"; 0 = the clock */
};

/*
 * Computes the lägesbild and returns it as a new JSON object (*out,
 * owned by the caller: json_decref). The actor needs the lasare role.
 * Errors: SV_ERR_INVALID (bad period or parameter; field "period",
 * "layer", ... in diag), SV_ERR_NOTFOUND (no such area; field "area"),
 * SV_ERR_FORBIDDEN, SV_ERR_DB.
 */
enum sv_err	lagesbild_build(struct sv_store *, const struct sv_actor *,
		    const struct lb_params *, json_t **out, struct sv_diag *);

/*
 * Writes a readable summary of a lägesbild built by lagesbild_build to
 * f (Swedish headings, one figure per line).
 */
void		lagesbild_write_text(const json_t *lb, FILE *f);

/*
 * Parses the tuning parameter `name` (as spelt in the API and the CLI:
 * "cell", "band", "kde_sigma", "kde_cells", "nr_distance", "nr_days",
 * "new_weeks", "fdr", "alpha", "permutations", "seed") from text into p.
 * Returns SV_ERR_INVALID naming the parameter when the value is out of
 * range, SV_ERR_NOTFOUND when name is not a parameter.
 */
enum sv_err	lagesbild_param_set(struct lb_params *p, const char *name,
		    const char *value, struct sv_diag *);
/* The names lagesbild_param_set accepts, NULL-terminated. */
extern const char *const lb_param_names[];

#endif
