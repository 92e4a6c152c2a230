/*
 * Inside the lägesbild: the working state one build shares between its
 * parts (lagesbild.c gathers data and writes the JSON; lb_stats.c runs
 * the analysis kernels on it). Only src/lagesbild includes this.
 */
#ifndef SV_LB_IMPL_H
#define SV_LB_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/svtime.h"
#include "lagesbild/lagesbild.h"

/* Counting windows: the period and what it is compared with. */
enum lb_win {
	LB_CUR,		/* the period */
	LB_PREV,	/* the previous period of the same kind */
	LB_YAGO,	/* the same period a year earlier */
	LB_NEWWIN,	/* the new_weeks weeks before the period */
	LB_WIN__MAX
};

/* One incident of the fact window (no free text, no reporter). */
struct lb_fact {
	int64_t		id;
	int64_t		t;
	int		cat;	/* index into lb.cat_* */
	double		x, y;
};

/* A regular grid over the area's bounding box (cell centres). */
struct lb_grid {
	double		x0, y0, cell;	/* lower-left corner, cell side */
	int		nx, ny;
};

struct lb {
	struct sv_store		*s;
	struct lb_params	 p;		/* defaults filled in */
	struct sv_diag		*d;
	int64_t			 now;

	int64_t			 area_id;
	char			*area_layer, *area_code, *area_name;
	double			 bbox[4];	/* EPSG:3006 */

	struct sv_period	 per[LB_WIN__MAX];
	int64_t			 day0[LB_WIN__MAX], day1[LB_WIN__MAX];

	/* categories, indexed densely; cat_of_id maps store id -> index */
	size_t			 ncat;
	int64_t			*cat_id;
	char			**cat_code, **cat_name, **cat_parent;
	int			*cat_of_id;
	int64_t			 cat_maxid;
	int64_t			*cat_n[LB_WIN__MAX];

	/* child areas of the chosen layer */
	char			*child_layer;
	size_t			 nchild;
	int64_t			*child_id;
	char			**child_code, **child_name;
	unsigned char		**child_wkb;
	size_t			*child_wkb_len;
	int64_t			*child_n[LB_WIN__MAX];

	/* facts of [fact_from, period end), ordered by time */
	struct lb_fact		*fact;
	size_t			 nfact, fact_cap;
	size_t			 first_cur;	/* first fact in the period */
	size_t			 first_new;	/* first in the new window */
	int64_t			 fact_from;

	struct lb_grid		 grid;		/* Gi*, concentration, new */
};

/* Local Stockholm day number of an instant, and the instant of a day. */
int64_t		lb_day_of(int64_t t);
int64_t		lb_day_start(int64_t day);

struct weights;
/*
 * Binary distance-band weights with self between the cell centres of g
 * (links d <= band), built from a stencil; new, weights_free frees.
 */
struct weights	*lb_grid_weights(const struct lb_grid *g, double band);

/* Cell index of (x, y) in g, or -1 outside. */
long		lb_grid_cell(const struct lb_grid *g, double x, double y);

/* JSON helpers: set key on obj to a new value (NaN and inf become null). */
void		lb_set_real(json_t *obj, const char *key, double v);
void		lb_set_int(json_t *obj, const char *key, int64_t v);
void		lb_set_str(json_t *obj, const char *key, const char *s);
/* {"source": ..., "computed_at": ...} added to obj. */
void		lb_set_source(struct lb *, json_t *obj, const char *source);
/* lat/lon of an EPSG:3006 point added to obj (skipped if PROJ fails). */
void		lb_set_wgs84(struct lb *, json_t *obj, double x, double y);

/*
 * The statistical parts, each adding one member to root (lb_stats.c):
 * change tests on the counts, hotspots (Gi* grid and areas), Knox
 * counts, concentration, KDE and the Mann-Kendall of the series.
 */
enum sv_err	lb_change(struct lb *, int64_t cur, int64_t base,
		    double cur_days, double base_days, json_t **out);
enum sv_err	lb_hotspots(struct lb *, json_t *root);
/* Knox counts of the facts lo.. (the near-repeat window) into nr. */
enum sv_err	lb_knox(struct lb *, json_t *nr, size_t lo);
enum sv_err	lb_kde(struct lb *, json_t *root);
enum sv_err	lb_concentration(struct lb *, json_t *root);
enum sv_err	lb_trend_test(struct lb *, const double *series, size_t n,
		    json_t **out);

#endif
