/*
 * Inside the lägesbild: the working state one build shares between its
 * parts (lagesbild.c gathers data and writes the JSON; lb_stats.c runs
 * the analysis kernels on it). Only src/lagesbild includes this.
 */
#ifndef SV_LB_IMPL_H
#define SV_LB_IMPL_H

#include <stddef.h>
#include <pthread.h>
#include <stdint.h>

#include <jansson.h>

#include "analysis/knox.h"
#include "analysis/trend.h"
#include "core/svtime.h"
#include "domain/sharing.h"
#include "lagesbild/lagesbild.h"

struct sv_stmt;

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
	int		agg;	/* the reader sees it as aggregated only */
	double		x, y;
};

/*
 * A time-ordered run of facts and where the period and the "new" window
 * start in it: all the facts the reader may count, or only those the
 * reader may see one by one (shown as points and listed).
 */
struct lb_facts {
	struct lb_fact	*v;
	size_t		 n, cap;
	size_t		 first_cur;	/* first fact in the period */
	size_t		 first_new;	/* first in the new window */
};

/* The Knox test running on its own thread (lb_stats.c). */
enum lb_knox_state { LB_KNOX_IDLE, LB_KNOX_RUNNING, LB_KNOX_DONE };
struct lb_knox_job {
	enum lb_knox_state	 state;
	pthread_t		 thread;
	double			*xy, *t;
	size_t			 n, lo;
	double			 eps_s, eps_t;
	unsigned long		 permutations;
	uint64_t		 seed;
	struct knox_2x2		 k;
	struct sv_diag		 d;
	enum sv_err		 e;
};

/* lgamma(k + 1) for k < n (lb_fast.c). */
struct lb_lgf {
	double		*v;
	size_t		 n;
};

/* A regular grid over the area's bounding box (cell centres). */
struct lb_grid {
	double		x0, y0, cell;	/* lower-left corner, cell side */
	int		nx, ny;
};

struct lb {
	struct sv_store		*s;
	const struct sv_actor	*actor;
	struct lb_params	 p;		/* defaults filled in */
	struct sv_diag		*d;
	int64_t			 now;

	/* sharing (lb_share.c): the reader's level per owner, looked up once */
	int64_t			*org_id;
	unsigned char		*org_level;
	size_t			 norg, org_cap;
	int64_t			 min_count;	/* trust setting min_count */
	int			 has_agg;	/* some counted data is agg. */
	int			 share_read;	/* rules read: lb_share_read */
	int64_t			 hidden;	/* figures suppressed */

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
	int64_t			*cat_agg[LB_WIN__MAX];	/* aggregated part */
	unsigned char		*cat_hide[LB_WIN__MAX];	/* suppressed */
	int64_t			 tot_n[LB_WIN__MAX], tot_agg[LB_WIN__MAX];
	int			 tot_hide[LB_WIN__MAX];

	/* child areas of the chosen layer */
	char			*child_layer;
	size_t			 nchild;
	int64_t			*child_id;
	char			**child_code, **child_name;
	unsigned char		**child_wkb;
	size_t			*child_wkb_len;
	int64_t			*child_n[LB_WIN__MAX];
	int64_t			*child_agg[LB_WIN__MAX];
	unsigned char		*child_hide[LB_WIN__MAX];

	/*
	 * Facts of [fact_from, period end), ordered by time: all counted
	 * ones (counts, matrix, Gi*, concentration) and those shown one by
	 * one (new places, near repeats, Knox, KDE; the same array when no
	 * fact is aggregated-only).
	 */
	struct lb_facts		 all, shown;
	int64_t			 fact_from;

	/* the 12-month series: its months and counts [month * (ncat + 1) + k] */
	struct sv_period	 ser_mon[12];
	int			 ser_partial;	/* the last month runs on */
	int64_t			*ser_cnt, *ser_agg;

	struct lb_grid		 grid;		/* Gi*, concentration, new */
	struct lb_lgf		 lgf;		/* for lb_rate_ratio */
	struct lb_knox_job	 knox;
};

/*
 * Sharing (lb_share.c). lb_level: the reader's level for data of owner
 * org_id (domain/sharing.h), cached per build. lb_suppress: marks in
 * hide[] the counts a reader must not see: primary, counts in
 * 1..min_count-1 with an aggregated-only part (agg[i] > 0); then, if any
 * was hidden, while the hidden counts sum to less than min_count, the
 * smallest visible non-zero count (secondary, so no hidden count comes
 * back by subtraction from a total). Returns the number hidden.
 * lb_set_count: key = v, or null with "suppressed": true when hidden.
 */
enum sv_share_level lb_level(struct lb *, int64_t org_id);
/*
 * Reads the reader's sharing rules for incidents (the rows of
 * SQL_SHARING_FOR_READER, run by the caller in its batch) into the level
 * cache, resolved as sharing_level does, so that lb_level needs no
 * statement for the owners met later.
 */
enum sv_err	lb_share_read(struct lb *, struct sv_stmt *);
size_t		lb_suppress(struct lb *, const int64_t *n, const int64_t *agg,
		    size_t k, unsigned char *hide);
void		lb_set_count(json_t *obj, const char *key, int64_t v,
		    int hidden);
/* The "sharing" member of the root: reader, min_count, definitions. */
void		lb_sharing_json(struct lb *, json_t *root);

/* Local Stockholm day number of an instant, and the instant of a day. */
int64_t		lb_day_of(int64_t t);
int64_t		lb_day_start(int64_t day);

/*
 * Fast paths (lb_fast.c), bit for bit the kernels' figures:
 * lb_rate_ratio is trend_rate_ratio with a log-factorial table t (freed
 * by lb_lgf_free); lb_grid_gistar is lb_grid_weights + getisord_local
 * (z, p) + stats_fdr_bh (q) on the grid counts x, except that q is only
 * exact where it is below fdr and 1 elsewhere.
 */
enum sv_err	lb_rate_ratio(struct lb_lgf *t, double c1, double t1,
		    double c0, double t0, struct trend_rate *out,
		    struct sv_diag *);
void		lb_lgf_free(struct lb_lgf *t);
enum sv_err	lb_grid_gistar(const struct lb_grid *g, const double *x,
		    double band, double fdr, double *z, double *p, double *q,
		    struct sv_diag *);

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
/*
 * The Knox test of the near-repeat window (the shown facts of the period
 * and the nr_days before it): lb_knox_start runs it on a thread of its
 * own; lb_knox waits for it and writes its member into nr; lb_knox_join
 * waits and frees (lb_knox calls it; the build's cleanup too).
 */
void		lb_knox_start(struct lb *);
void		lb_knox_join(struct lb *);
enum sv_err	lb_knox(struct lb *, json_t *nr);
enum sv_err	lb_kde(struct lb *, json_t *root);
enum sv_err	lb_concentration(struct lb *, json_t *root);
enum sv_err	lb_trend_test(struct lb *, const double *series, size_t n,
		    json_t **out);

#endif
