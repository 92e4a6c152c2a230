/*
 * The lägesbild engine: finds the area and its children, turns the period
 * into Stockholm days and the comparison windows, reads counts per day
 * and category (area and children) and the facts of the period and the
 * look-back window from the store's read model, and writes the JSON:
 * counts and changes, what is new, near-repeat alerts, the hour x weekday
 * matrix and the 12-month series. The statistics proper (tests, Gi*,
 * Knox, concentration, KDE, Mann-Kendall) are in lb_stats.c.
 *
 * Memory: the build's working arrays are malloc'd into struct lb and freed
 * at the end; the JSON returned belongs to the caller.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/gridindex.h"
#include "core/mem.h"
#include "core/svtime.h"
#include "domain/trust.h"
#include "geo/geo.h"
#include "lagesbild/lagesbild.h"
#include "lagesbild/lb_impl.h"
#include "store/store.h"

#define LB_FACTS_MAX	((size_t)4000000)	/* facts read per build */
#define LB_CHILD_MAX	((size_t)20000)

const char *const lb_param_names[] = {
	"cell", "band", "kde_sigma", "kde_cells", "nr_distance", "nr_days",
	"new_weeks", "fdr", "alpha", "permutations", "seed", NULL,
};

static const char *const weekday_names[7] = {
	"måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
};

int64_t
lb_day_of(int64_t t)
{
	int64_t l = t + sv_stockholm_offset(t);

	return l >= 0 ? l / 86400 : -((-l + 86399) / 86400);
}

int64_t
lb_day_start(int64_t day)
{
	int y, m, d;

	sv_civil_from_days(day, &y, &m, &d);
	return sv_stockholm_instant(y, m, d, 0, 0, 0);
}

long
lb_grid_cell(const struct lb_grid *g, double x, double y)
{
	double fx = floor((x - g->x0) / g->cell);
	double fy = floor((y - g->y0) / g->cell);

	if (!(fx >= 0 && fy >= 0 && fx < g->nx && fy < g->ny))
		return -1;
	return (long)fy * g->nx + (long)fx;
}

void
lb_set_real(json_t *obj, const char *key, double v)
{
	json_object_set_new(obj, key, isfinite(v) ? json_real(v) :
	    json_null());
}

void
lb_set_int(json_t *obj, const char *key, int64_t v)
{
	json_object_set_new(obj, key, json_integer((json_int_t)v));
}

void
lb_set_str(json_t *obj, const char *key, const char *s)
{
	json_object_set_new(obj, key, s != NULL ? json_string(s) :
	    json_null());
}

void
lb_set_source(struct lb *lb, json_t *obj, const char *source)
{
	char ts[32];

	sv_time_format(lb->now, ts);
	lb_set_str(obj, "source", source);
	lb_set_str(obj, "computed_at", ts);
}

void
lb_set_wgs84(struct lb *lb, json_t *obj, double x, double y)
{
	double lat, lon;

	if (geo_to_wgs84(store_geo(lb->s), x, y, &lat, &lon) != SV_OK)
		return;
	lb_set_real(obj, "lat", round(lat * 1e7) / 1e7);
	lb_set_real(obj, "lon", round(lon * 1e7) / 1e7);
}

static char *
col_dup(struct sv_stmt *st, int col)
{
	const char *t = stmt_text(st, col);

	return t != NULL ? sv_strdup(t) : NULL;
}

static void
lb_free(struct lb *lb)
{
	size_t i;
	int w;

	lb_knox_join(lb);	/* its arrays are its own; it may still run */
	free(lb->area_layer);
	free(lb->area_code);
	free(lb->area_name);
	for (i = 0; i < lb->ncat; i++) {
		free(lb->cat_code[i]);
		free(lb->cat_name[i]);
		free(lb->cat_parent[i]);
	}
	free(lb->cat_id);
	free(lb->cat_code);
	free(lb->cat_name);
	free(lb->cat_parent);
	free(lb->cat_of_id);
	for (i = 0; i < lb->nchild; i++) {
		free(lb->child_code[i]);
		free(lb->child_name[i]);
		free(lb->child_wkb[i]);
	}
	free(lb->child_layer);
	free(lb->child_id);
	free(lb->child_code);
	free(lb->child_name);
	free(lb->child_wkb);
	free(lb->child_wkb_len);
	for (w = 0; w < LB_WIN__MAX; w++) {
		free(lb->cat_n[w]);
		free(lb->cat_agg[w]);
		free(lb->cat_hide[w]);
		free(lb->child_n[w]);
		free(lb->child_agg[w]);
		free(lb->child_hide[w]);
	}
	if (lb->shown.v != lb->all.v)
		free(lb->shown.v);
	free(lb->all.v);
	free(lb->ser_cnt);
	free(lb->ser_agg);
	free(lb->org_id);
	free(lb->org_level);
	lb_lgf_free(&lb->lgf);
}

/* Parameters: defaults for zeros, ranges checked. */
static enum sv_err
params_fill(struct lb *lb, const struct lb_params *in)
{
	struct lb_params *p = &lb->p;

	*p = *in;
	if (p->area == NULL || *p->area == '\0')
		return sv_diag_set(lb->d, SV_ERR_INVALID, "area",
		    "an area code is required");
	if (p->period == NULL || *p->period == '\0')
		return sv_diag_set(lb->d, SV_ERR_INVALID, "period",
		    "a period is required (e.g. 2026-W47)");
	if (p->cell == 0)
		p->cell = LB_DEFAULT_CELL;
	if (p->band == 0)
		p->band = LB_DEFAULT_BAND;
	if (p->kde_sigma == 0)
		p->kde_sigma = LB_DEFAULT_KDE_SIGMA;
	if (p->kde_cells == 0)
		p->kde_cells = LB_DEFAULT_KDE_CELLS;
	if (p->nr_distance == 0)
		p->nr_distance = LB_DEFAULT_NR_DISTANCE;
	if (p->nr_days == 0)
		p->nr_days = LB_DEFAULT_NR_DAYS;
	if (p->new_weeks == 0)
		p->new_weeks = LB_DEFAULT_NEW_WEEKS;
	if (p->fdr == 0)
		p->fdr = LB_DEFAULT_FDR;
	if (p->alpha == 0)
		p->alpha = LB_DEFAULT_ALPHA;
	if (p->seed == 0)
		p->seed = LB_DEFAULT_SEED;
	if (!(p->cell >= 10 && p->cell <= 10000))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "cell",
		    "cell must be 10 to 10000 metres");
	if (!(p->band >= p->cell && p->band <= 20000))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "band",
		    "band must be at least the cell and at most 20000 metres");
	if (!(p->kde_sigma >= 10 && p->kde_sigma <= 10000))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "kde_sigma",
		    "kde_sigma must be 10 to 10000 metres");
	if (p->kde_cells < 4 || p->kde_cells > 400)
		return sv_diag_set(lb->d, SV_ERR_INVALID, "kde_cells",
		    "kde_cells must be 4 to 400");
	if (!(p->nr_distance >= 1 && p->nr_distance <= 5000))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "nr_distance",
		    "nr_distance must be 1 to 5000 metres");
	if (p->nr_days < 1 || p->nr_days > 365)
		return sv_diag_set(lb->d, SV_ERR_INVALID, "nr_days",
		    "nr_days must be 1 to 365");
	if (p->new_weeks < 1 || p->new_weeks > 104)
		return sv_diag_set(lb->d, SV_ERR_INVALID, "new_weeks",
		    "new_weeks must be 1 to 104");
	if (!(p->fdr > 0 && p->fdr < 1))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "fdr",
		    "fdr must lie strictly between 0 and 1");
	if (!(p->alpha > 0 && p->alpha < 1))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "alpha",
		    "alpha must lie strictly between 0 and 1");
	if (p->permutations < 0 || p->permutations > 9999)
		return sv_diag_set(lb->d, SV_ERR_INVALID, "permutations",
		    "permutations must be 0 to 9999");
	if (p->layer != NULL && *p->layer == '\0')
		p->layer = NULL;
	if (p->child_layer != NULL && *p->child_layer == '\0')
		p->child_layer = NULL;
	return SV_OK;
}

enum sv_err
lagesbild_param_set(struct lb_params *p, const char *name, const char *value,
    struct sv_diag *d)
{
	char *end;
	double v;

	if (value == NULL || *value == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, name, "empty value");
	errno = 0;
	v = strtod(value, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		return sv_diag_set(d, SV_ERR_INVALID, name, "not a number");
	if (strcmp(name, "cell") == 0)
		p->cell = v;
	else if (strcmp(name, "band") == 0)
		p->band = v;
	else if (strcmp(name, "kde_sigma") == 0)
		p->kde_sigma = v;
	else if (strcmp(name, "nr_distance") == 0)
		p->nr_distance = v;
	else if (strcmp(name, "fdr") == 0)
		p->fdr = v;
	else if (strcmp(name, "alpha") == 0)
		p->alpha = v;
	else if (strcmp(name, "kde_cells") == 0 ||
	    strcmp(name, "nr_days") == 0 || strcmp(name, "new_weeks") == 0 ||
	    strcmp(name, "permutations") == 0 || strcmp(name, "seed") == 0) {
		if (strcmp(name, "permutations") == 0 && v == 0) {
			p->permutations = 0;
			return SV_OK;
		}
		if (v != floor(v) || v < 1 || v > 4e9)
			return sv_diag_set(d, SV_ERR_INVALID, name,
			    "must be a positive whole number");
		if (strcmp(name, "kde_cells") == 0)
			p->kde_cells = (int)v;
		else if (strcmp(name, "nr_days") == 0)
			p->nr_days = (int)v;
		else if (strcmp(name, "new_weeks") == 0)
			p->new_weeks = (int)v;
		else if (strcmp(name, "permutations") == 0)
			p->permutations = (int)v;
		else
			p->seed = (uint64_t)v;
	} else
		return sv_diag_set(d, SV_ERR_NOTFOUND, name,
		    "unknown parameter");
	if (v <= 0)
		return sv_diag_set(d, SV_ERR_INVALID, name, "must be positive");
	return SV_OK;
}

static int
layer_name_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < 'a' || s[i] > 'z' || i >= 32)
			return 0;
	return i > 0;
}

/* The area of SQL_AREA_FIND's rows: exactly one. */
static enum sv_err
read_area(struct lb *lb, struct sv_stmt *st)
{
	enum sv_err e;
	int row, found = 0;

	while ((e = stmt_step(st, &row, lb->d)) == SV_OK && row) {
		if (found++) {
			stmt_reset(st);
			return sv_diag_set(lb->d, SV_ERR_INVALID, "layer",
			    "area code '%s' exists in several layers; give "
			    "the layer", lb->p.area);
		}
		lb->area_id = stmt_int(st, 0);
		lb->area_layer = col_dup(st, 1);
		lb->area_code = col_dup(st, 2);
		lb->area_name = col_dup(st, 3);
		lb->bbox[0] = stmt_double(st, 7);
		lb->bbox[1] = stmt_double(st, 8);
		lb->bbox[2] = stmt_double(st, 9);
		lb->bbox[3] = stmt_double(st, 10);
	}
	stmt_reset(st);
	if (e != SV_OK)
		return e;
	if (!found)
		return sv_diag_set(lb->d, SV_ERR_NOTFOUND, "area",
		    "no area with code '%s'%s%s", lb->p.area,
		    lb->p.layer ? " in layer " : "",
		    lb->p.layer ? lb->p.layer : "");
	return SV_OK;
}

/* The period, its comparison windows and their day ranges. */
static enum sv_err
load_periods(struct lb *lb)
{
	struct sv_period *per = lb->per;
	enum sv_err e;
	int w;

	if ((e = sv_period_parse(lb->p.period, &per[LB_CUR], "period",
	    lb->d)) != SV_OK)
		return e;
	if (per[LB_CUR].kind == SV_PERIOD_RANGE &&
	    (lb_day_start(lb_day_of(per[LB_CUR].from)) != per[LB_CUR].from ||
	    lb_day_start(lb_day_of(per[LB_CUR].to)) != per[LB_CUR].to))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "period",
		    "a FROM/TO period must run from midnight to midnight "
		    "(whole days, Stockholm time)");
	if (lb_day_of(per[LB_CUR].to) - lb_day_of(per[LB_CUR].from) > 3700)
		return sv_diag_set(lb->d, SV_ERR_INVALID, "period",
		    "the period may be at most ten years long");
	sv_period_previous(&per[LB_CUR], &per[LB_PREV]);
	sv_period_year_before(&per[LB_CUR], &per[LB_YAGO]);
	per[LB_NEWWIN].kind = SV_PERIOD_RANGE;
	per[LB_NEWWIN].to = per[LB_CUR].from;
	per[LB_NEWWIN].from = lb_day_start(lb_day_of(per[LB_CUR].from) -
	    7 * (int64_t)lb->p.new_weeks);
	for (w = 0; w < LB_WIN__MAX; w++) {
		lb->day0[w] = lb_day_of(per[w].from);
		lb->day1[w] = lb_day_of(per[w].to);
	}
	{
		char a[32], b[32];

		sv_time_format(per[LB_NEWWIN].from, a);
		sv_time_format(per[LB_NEWWIN].to, b);
		snprintf(per[LB_NEWWIN].label, sizeof(per[LB_NEWWIN].label),
		    "%.10s/%.10s", a, b);
	}
	return SV_OK;
}

static enum sv_err
read_categories(struct lb *lb, struct sv_stmt *st)
{
	size_t cap = 64, i;
	enum sv_err e;
	int row, w;

	lb->cat_id = sv_calloc(cap, sizeof(*lb->cat_id));
	lb->cat_code = sv_calloc(cap, sizeof(char *));
	lb->cat_name = sv_calloc(cap, sizeof(char *));
	lb->cat_parent = sv_calloc(cap, sizeof(char *));
	while ((e = stmt_step(st, &row, lb->d)) == SV_OK && row) {
		if (lb->ncat == cap) {
			cap *= 2;
			lb->cat_id = sv_reallocarray(lb->cat_id, cap,
			    sizeof(*lb->cat_id));
			lb->cat_code = sv_reallocarray(lb->cat_code, cap,
			    sizeof(char *));
			lb->cat_name = sv_reallocarray(lb->cat_name, cap,
			    sizeof(char *));
			lb->cat_parent = sv_reallocarray(lb->cat_parent, cap,
			    sizeof(char *));
		}
		lb->cat_id[lb->ncat] = stmt_int(st, 0);
		lb->cat_code[lb->ncat] = col_dup(st, 1);
		lb->cat_name[lb->ncat] = col_dup(st, 2);
		lb->cat_parent[lb->ncat] = col_dup(st, 3);
		if (lb->cat_id[lb->ncat] > lb->cat_maxid)
			lb->cat_maxid = lb->cat_id[lb->ncat];
		lb->ncat++;
	}
	stmt_reset(st);
	if (e != SV_OK)
		return e;
	if (lb->cat_maxid > 10000000)
		return sv_diag_set(lb->d, SV_ERR_INTERNAL, "category",
		    "category ids out of range");
	lb->cat_of_id = sv_malloc(((size_t)lb->cat_maxid + 1) * sizeof(int));
	for (i = 0; i <= (size_t)lb->cat_maxid; i++)
		lb->cat_of_id[i] = -1;
	for (i = 0; i < lb->ncat; i++)
		lb->cat_of_id[lb->cat_id[i]] = (int)i;
	for (w = 0; w < LB_WIN__MAX; w++) {
		lb->cat_n[w] = sv_calloc(lb->ncat + 1, sizeof(int64_t));
		lb->cat_agg[w] = sv_calloc(lb->ncat + 1, sizeof(int64_t));
		lb->cat_hide[w] = sv_calloc(lb->ncat + 1, 1);
	}
	return SV_OK;
}

static int
cat_index(const struct lb *lb, int64_t id)
{
	if (id < 0 || id > lb->cat_maxid)
		return -1;
	return lb->cat_of_id[id];
}

/*
 * Adds the count c of category id cat_id and owner org_id into n[] and,
 * when the reader sees that owner's data as aggregated only, into agg[]
 * (owners shared as none are left out).
 */
static void
add_count(struct lb *lb, int64_t cat_id, int64_t org_id, int64_t c,
    int64_t *n, int64_t *agg)
{
	enum sv_share_level l = lb_level(lb, org_id);
	int k = cat_index(lb, cat_id);

	if (k < 0 || l == SV_SHARE_NONE)
		return;
	n[k] += c;
	if (l == SV_SHARE_AGGREGATED) {
		agg[k] += c;
		lb->has_agg = 1;
	}
}

/* SQL_LB_DAY_CATEGORY of the area over days [d0, d1) into batch b. */
static void
ask_days(struct lb *lb, struct sv_batch *b, int64_t d0, int64_t d1,
    struct sv_stmt **out)
{
	struct sv_stmt *st = store_batch_stmt(b, SQL_LB_DAY_CATEGORY);

	stmt_bind_int(st, 1, lb->area_id);
	stmt_bind_int(st, 2, d0);
	stmt_bind_int(st, 3, d1);
	*out = st;
}

/*
 * Per-category counts of SQL_LB_DAY_CATEGORY's rows added into n[], the
 * aggregated-only part into agg[].
 */
static enum sv_err
count_categories(struct lb *lb, struct sv_stmt *st, int64_t *n,
    int64_t *agg)
{
	enum sv_err e;
	int row;

	while ((e = stmt_step(st, &row, lb->d)) == SV_OK && row)
		add_count(lb, stmt_int(st, 0), stmt_int(st, 1),
		    stmt_int(st, 2), n, agg);
	stmt_reset(st);
	return e;
}

/*
 * Per-category counts of SQL_LB_MONTH_CATEGORY's rows (calendar months
 * from m0, year * 12 + month - 1) into n[(month - m0) * stride +
 * category], the aggregated-only part into agg[] alike.
 */
static enum sv_err
count_months(struct lb *lb, struct sv_stmt *st, int64_t m0, size_t stride,
    int64_t *n, int64_t *agg)
{
	enum sv_err e;
	size_t off;
	int row;

	while ((e = stmt_step(st, &row, lb->d)) == SV_OK && row) {
		off = (size_t)(stmt_int(st, 0) - m0) * stride;
		add_count(lb, stmt_int(st, 1), stmt_int(st, 2),
		    stmt_int(st, 3), n + off, agg + off);
	}
	stmt_reset(st);
	return e;
}

/*
 * Children: all child areas of the area, keeping those of the requested
 * layer or else of the layer with the most children (ties: the layer
 * first by name). Rows come ordered by layer, code.
 */
static enum sv_err
read_children(struct lb *lb, struct sv_stmt *st)
{
	size_t cap = 0, n = 0, i, j, run, best = 0, bestrun = 0;
	char **layer = NULL;
	const void *blob;
	size_t len;
	enum sv_err e;
	int row, w;

	while ((e = stmt_step(st, &row, lb->d)) == SV_OK && row) {
		if (n == LB_CHILD_MAX)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			lb->child_id = sv_reallocarray(lb->child_id, cap,
			    sizeof(int64_t));
			layer = sv_reallocarray(layer, cap, sizeof(char *));
			lb->child_code = sv_reallocarray(lb->child_code, cap,
			    sizeof(char *));
			lb->child_name = sv_reallocarray(lb->child_name, cap,
			    sizeof(char *));
			lb->child_wkb = sv_reallocarray(lb->child_wkb, cap,
			    sizeof(unsigned char *));
			lb->child_wkb_len = sv_reallocarray(lb->child_wkb_len,
			    cap, sizeof(size_t));
		}
		lb->child_id[n] = stmt_int(st, 0);
		layer[n] = col_dup(st, 1);
		lb->child_code[n] = col_dup(st, 2);
		lb->child_name[n] = col_dup(st, 3);
		lb->child_wkb[n] = NULL;
		lb->child_wkb_len[n] = 0;
		blob = stmt_blob(st, 4, &len);
		if (blob != NULL && len > 0) {
			lb->child_wkb[n] = sv_malloc(len);
			memcpy(lb->child_wkb[n], blob, len);
			lb->child_wkb_len[n] = len;
		}
		n++;
	}
	stmt_reset(st);
	/* the longest run of one layer wins */
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(layer[j], layer[i]) == 0; j++)
			;
		run = j - i;
		if (run > bestrun) {
			bestrun = run;
			best = i;
		}
	}
	if (n > 0) {
		lb->child_layer = sv_strdup(layer[best]);
		for (i = 0, j = 0; i < n; i++) {
			if (i >= best && i < best + bestrun) {
				lb->child_id[j] = lb->child_id[i];
				lb->child_code[j] = lb->child_code[i];
				lb->child_name[j] = lb->child_name[i];
				lb->child_wkb[j] = lb->child_wkb[i];
				lb->child_wkb_len[j] = lb->child_wkb_len[i];
				j++;
			} else {
				free(lb->child_code[i]);
				free(lb->child_name[i]);
				free(lb->child_wkb[i]);
			}
			free(layer[i]);
		}
		lb->nchild = j;
	} else if (lb->p.child_layer != NULL)
		lb->child_layer = sv_strdup(lb->p.child_layer);
	free(layer);
	for (w = 0; w < LB_WIN__MAX; w++) {
		lb->child_n[w] = sv_calloc(lb->nchild + 1, sizeof(int64_t));
		lb->child_agg[w] = sv_calloc(lb->nchild + 1, sizeof(int64_t));
		lb->child_hide[w] = sv_calloc(lb->nchild + 1, 1);
	}
	return e;
}

/*
 * Per-child counts over each window (the rows of one SQL_LB_DAY_CHILDREN
 * per window over the category-free day counts of the children; rows of
 * areas that are not among the children chosen are skipped).
 */
static enum sv_err
count_children(struct lb *lb, struct sv_stmt *const *q)
{
	struct sv_stmt *st;
	enum sv_err e = SV_OK;
	enum sv_share_level l;
	int64_t id, c;
	size_t k = 0, j;
	int row, w;

	for (w = 0; w < LB_WIN__MAX && e == SV_OK; w++) {
		st = q[w];
		while ((e = stmt_step(st, &row, lb->d)) == SV_OK && row) {
			id = stmt_int(st, 0);
			/* rows come child by child: try the last one first */
			if (k >= lb->nchild || lb->child_id[k] != id)
				for (k = lb->nchild, j = 0; j < lb->nchild; j++)
					if (lb->child_id[j] == id) {
						k = j;
						break;
					}
			if (k >= lb->nchild ||
			    (l = lb_level(lb, stmt_int(st, 1))) ==
			    SV_SHARE_NONE)
				continue;
			c = stmt_int(st, 2);
			lb->child_n[w][k] += c;
			if (l == SV_SHARE_AGGREGATED) {
				lb->child_agg[w][k] += c;
				lb->has_agg = 1;
			}
		}
		stmt_reset(st);
	}
	return e;
}

/* Where the period and the new window start in the facts fs. */
static void
facts_split(const struct lb *lb, struct lb_facts *fs)
{
	size_t i;

	for (i = 0; i < fs->n && fs->v[i].t < lb->per[LB_CUR].from; i++)
		;
	fs->first_cur = i;
	for (i = 0; i < fs->n && fs->v[i].t < lb->per[LB_NEWWIN].from; i++)
		;
	fs->first_new = i;
}

/*
 * The facts of SQL_LB_FACTS's rows the reader may count into lb->all
 * (owners shared as none left out), and those it may see one by one
 * into lb->shown (the same array when none is aggregated-only).
 */
static enum sv_err
read_facts(struct lb *lb, struct sv_stmt *st)
{
	struct lb_facts *all = &lb->all, *sh = &lb->shown;
	enum sv_share_level l;
	struct lb_fact *f;
	size_t nagg = 0, i;
	enum sv_err e;
	int row, k;

	while ((e = stmt_step(st, &row, lb->d)) == SV_OK && row) {
		if ((k = cat_index(lb, stmt_int(st, 2))) < 0 ||
		    (l = lb_level(lb, stmt_int(st, 5))) == SV_SHARE_NONE)
			continue;
		if (all->n == LB_FACTS_MAX) {
			stmt_reset(st);
			return sv_diag_set(lb->d, SV_ERR_TOOLARGE, "period",
			    "more than %zu incidents in the period; choose a "
			    "shorter period or a smaller area", LB_FACTS_MAX);
		}
		if (all->n == all->cap) {
			all->cap = all->cap ? all->cap * 2 : 1024;
			all->v = sv_reallocarray(all->v, all->cap,
			    sizeof(*all->v));
		}
		f = &all->v[all->n++];
		f->id = stmt_int(st, 0);
		f->t = stmt_int(st, 1);
		f->cat = k;
		f->agg = l == SV_SHARE_AGGREGATED;
		f->x = stmt_double(st, 3);
		f->y = stmt_double(st, 4);
		nagg += (size_t)f->agg;
	}
	stmt_reset(st);
	if (e != SV_OK)
		return e;
	facts_split(lb, all);
	if (nagg == 0) {
		*sh = *all;
		return SV_OK;
	}
	lb->has_agg = 1;
	sh->v = sv_malloc((all->n - nagg + 1) * sizeof(*sh->v));
	for (i = 0; i < all->n; i++)
		if (!all->v[i].agg)
			sh->v[sh->n++] = all->v[i];
	facts_split(lb, sh);
	return SV_OK;
}

/* Month number (year * 12 + month - 1) of a Stockholm day number. */
static int64_t
month_of_day(int64_t day)
{
	int y, m, d;

	sv_civil_from_days(day, &y, &m, &d);
	return (int64_t)y * 12 + m - 1;
}

/*
 * The first round trip (one batch): the area, the categories, min_count
 * and the reader's sharing rules; nothing in it depends on another.
 */
static enum sv_err
load_first(struct lb *lb)
{
	struct sv_batch *b;
	struct sv_stmt *area, *cats, *trust, *share = NULL;
	const char *v;
	enum sv_err e;
	int row;

	if (lb->p.layer != NULL && !layer_name_ok(lb->p.layer))
		return sv_diag_set(lb->d, SV_ERR_INVALID, "layer",
		    "not an area layer name");
	b = store_batch_new(lb->s);
	area = store_batch_stmt(b, SQL_AREA_FIND);
	stmt_bind_text(area, 1, lb->p.layer);
	stmt_bind_int(area, 2, 0);
	stmt_bind_text(area, 3, lb->p.area);
	cats = store_batch_stmt(b, SQL_CAT_LIST);
	trust = store_batch_stmt(b, SQL_TRUST_GET);
	stmt_bind_text(trust, 1, sv_trust_defs[SV_TRUST_MIN_COUNT].name);
	if (!lb->actor->system) {
		share = store_batch_stmt(b, SQL_SHARING_FOR_READER);
		stmt_bind_int(share, 1, lb->actor->org_id);
		stmt_bind_text(share, 2,
		    sv_share_kind_names[SV_SHARE_INCIDENT]);
	}
	if ((e = store_batch_run(b, lb->d)) != SV_OK ||
	    (e = read_area(lb, area)) != SV_OK ||
	    (e = read_categories(lb, cats)) != SV_OK ||
	    (e = stmt_step(trust, &row, lb->d)) != SV_OK)
		goto out;
	v = row ? stmt_text(trust, 0) : NULL;
	lb->min_count = trust_int_of(SV_TRUST_MIN_COUNT, v);
	if (share != NULL)
		e = lb_share_read(lb, share);
out:
	store_batch_free(b);
	return e;
}

/*
 * The months of the 12-month series: the 12 calendar months ending with
 * the month of the period's last day, that one partial when the period
 * ends before it does.
 */
static void
series_months(struct lb *lb)
{
	struct sv_period *mon = lb->ser_mon;
	size_t i;

	sv_period_containing(SV_PERIOD_MONTH, lb->per[LB_CUR].to - 1,
	    &mon[11]);
	for (i = 11; i > 0; i--)
		sv_period_previous(&mon[i], &mon[i - 1]);
	lb->ser_partial = mon[11].to > lb->per[LB_CUR].to;
}

/*
 * The second round trip (one batch): everything that needs only the area
 * and the periods: the child areas and their counts per window (the
 * child layer chosen in SQL as read_children chooses it), the category
 * counts per window, the facts of the look-back window and the 12-month
 * series (complete months from incident_month, a partial last month from
 * incident_day).
 */
static enum sv_err
load_second(struct lb *lb)
{
	struct sv_stmt *children, *child_q[LB_WIN__MAX], *cat_q[LB_WIN__MAX];
	struct sv_stmt *facts, *months, *partial = NULL;
	size_t nc = lb->ncat + 1, nfull;
	struct sv_batch *b;
	enum sv_err e;
	int64_t from, m0;
	int w;

	from = lb->per[LB_NEWWIN].from;
	if (lb->per[LB_CUR].from - (int64_t)lb->p.nr_days * 86400 < from)
		from = lb->per[LB_CUR].from - (int64_t)lb->p.nr_days * 86400;
	lb->fact_from = from;
	series_months(lb);
	m0 = month_of_day(lb_day_of(lb->ser_mon[0].from));
	nfull = lb->ser_partial ? 11 : 12;
	lb->ser_cnt = sv_calloc(12 * nc, sizeof(int64_t));
	lb->ser_agg = sv_calloc(12 * nc, sizeof(int64_t));

	b = store_batch_new(lb->s);
	children = store_batch_stmt(b, SQL_LB_CHILDREN);
	stmt_bind_int(children, 1, lb->area_id);
	stmt_bind_text(children, 2, lb->p.child_layer);
	for (w = 0; w < LB_WIN__MAX; w++) {
		child_q[w] = store_batch_stmt(b, SQL_LB_DAY_CHILDREN);
		stmt_bind_int(child_q[w], 1, lb->area_id);
		stmt_bind_int(child_q[w], 2, lb->day0[w]);
		stmt_bind_int(child_q[w], 3, lb->day1[w]);
		stmt_bind_text(child_q[w], 4, lb->p.child_layer);
		ask_days(lb, b, lb->day0[w], lb->day1[w], &cat_q[w]);
	}
	facts = store_batch_stmt(b, SQL_LB_FACTS);
	stmt_bind_int(facts, 1, lb->area_id);
	stmt_bind_int(facts, 2, from);
	stmt_bind_int(facts, 3, lb->per[LB_CUR].to);
	months = store_batch_stmt(b, SQL_LB_MONTH_CATEGORY);
	stmt_bind_int(months, 1, lb->area_id);
	stmt_bind_int(months, 2, m0);
	stmt_bind_int(months, 3, m0 + (int64_t)nfull);
	if (lb->ser_partial)
		ask_days(lb, b, lb_day_of(lb->ser_mon[11].from),
		    lb_day_of(lb->per[LB_CUR].to), &partial);
	if ((e = store_batch_run(b, lb->d)) != SV_OK ||
	    (e = read_children(lb, children)) != SV_OK ||
	    (e = count_children(lb, child_q)) != SV_OK)
		goto out;
	for (w = 0; w < LB_WIN__MAX; w++)
		if ((e = count_categories(lb, cat_q[w], lb->cat_n[w],
		    lb->cat_agg[w])) != SV_OK)
			goto out;
	if ((e = read_facts(lb, facts)) != SV_OK ||
	    (e = count_months(lb, months, m0, nc, lb->ser_cnt,
	    lb->ser_agg)) != SV_OK)
		goto out;
	if (partial != NULL)
		e = count_categories(lb, partial, lb->ser_cnt + 11 * nc,
		    lb->ser_agg + 11 * nc);
out:
	store_batch_free(b);
	return e;
}

/*
 * The grid over the area's bbox for Gi*, concentration and new places:
 * cell p.cell, enlarged (doubled until it fits) beyond LB_GRID_MAX_CELLS.
 */
static void
make_grid(struct lb *lb)
{
	struct lb_grid *g = &lb->grid;
	double w = lb->bbox[2] - lb->bbox[0], h = lb->bbox[3] - lb->bbox[1];

	g->cell = lb->p.cell;
	for (;;) {
		g->x0 = floor(lb->bbox[0] / g->cell) * g->cell;
		g->y0 = floor(lb->bbox[1] / g->cell) * g->cell;
		g->nx = (int)ceil((lb->bbox[2] - g->x0) / g->cell);
		g->ny = (int)ceil((lb->bbox[3] - g->y0) / g->cell);
		if (g->nx < 1)
			g->nx = 1;
		if (g->ny < 1)
			g->ny = 1;
		if ((double)g->nx * g->ny <= LB_GRID_MAX_CELLS ||
		    !(w > 0 && h > 0))
			break;
		g->cell *= 2;
	}
}

static double
win_days(const struct lb *lb, enum lb_win w)
{
	return (double)(lb->day1[w] - lb->day0[w]);
}

static json_t *
period_json(const struct lb *lb, enum lb_win w)
{
	json_t *o = json_object();
	char a[32], b[32];

	sv_time_format(lb->per[w].from, a);
	sv_time_format(lb->per[w].to, b);
	lb_set_str(o, "label", lb->per[w].label);
	lb_set_str(o, "from", a);
	lb_set_str(o, "to", b);
	lb_set_int(o, "days", lb->day1[w] - lb->day0[w]);
	return o;
}

/*
 * {"count", "previous": {change}, "year_before": {change}} into o from
 * the counts n[w] of each window, hide[w] saying which are suppressed: a
 * suppressed count is null, and a change with a suppressed side keeps no
 * ratio or test (they would give the count back).
 */
static enum sv_err
set_counts(struct lb *lb, json_t *o, const int64_t n[LB_WIN__MAX],
    const int hide[LB_WIN__MAX])
{
	static const enum lb_win base[2] = { LB_PREV, LB_YAGO };
	static const char *const key[2] = { "previous", "year_before" };
	json_t *c;
	enum sv_err e;
	int k;

	lb_set_count(o, "count", n[LB_CUR], hide[LB_CUR]);
	for (k = 0; k < 2; k++) {
		if ((e = lb_change(lb, n[LB_CUR], n[base[k]],
		    win_days(lb, LB_CUR), win_days(lb, base[k]), &c)) !=
		    SV_OK)
			return e;
		if (hide[base[k]])
			lb_set_count(c, "count", 0, 1);
		if (hide[LB_CUR] || hide[base[k]]) {
			json_object_del(c, "ratio");
			json_object_del(c, "change_pct");
			json_object_del(c, "p");
			json_object_del(c, "significant");
		}
		json_object_set_new(o, key[k], c);
	}
	return SV_OK;
}

/*
 * The suppression of the counts of every window: the total, the
 * categories (one table per window) and the sub-areas (likewise).
 */
static void
suppress_counts(struct lb *lb)
{
	size_t i;
	int w;

	for (w = 0; w < LB_WIN__MAX; w++) {
		lb->tot_n[w] = lb->tot_agg[w] = 0;
		for (i = 0; i < lb->ncat; i++) {
			lb->tot_n[w] += lb->cat_n[w][i];
			lb->tot_agg[w] += lb->cat_agg[w][i];
		}
		lb->tot_hide[w] = lb->tot_n[w] > 0 &&
		    lb->tot_n[w] < lb->min_count && lb->tot_agg[w] > 0;
		lb->hidden += lb->tot_hide[w];
		lb_suppress(lb, lb->cat_n[w], lb->cat_agg[w], lb->ncat,
		    lb->cat_hide[w]);
		lb_suppress(lb, lb->child_n[w], lb->child_agg[w], lb->nchild,
		    lb->child_hide[w]);
	}
}

static enum sv_err
section_counts(struct lb *lb, json_t *root)
{
	json_t *tot = json_object(), *cats = json_array(), *sub, *items, *o;
	int64_t n[LB_WIN__MAX];
	int h[LB_WIN__MAX];
	enum sv_err e;
	size_t i;
	int w;

	json_object_set_new(root, "total", tot);
	if ((e = set_counts(lb, tot, lb->tot_n, lb->tot_hide)) != SV_OK)
		return e;
	lb_set_source(lb, tot, "incident_day: active incidents located in "
	    "the area, counted by Stockholm day of observed_from");

	json_object_set_new(root, "categories", cats);
	for (i = 0; i < lb->ncat; i++) {
		if (lb->cat_n[LB_CUR][i] == 0 && lb->cat_n[LB_PREV][i] == 0 &&
		    lb->cat_n[LB_YAGO][i] == 0)
			continue;
		o = json_object();
		json_array_append_new(cats, o);
		lb_set_str(o, "code", lb->cat_code[i]);
		lb_set_str(o, "name", lb->cat_name[i]);
		lb_set_str(o, "parent", lb->cat_parent[i]);
		for (w = 0; w < LB_WIN__MAX; w++) {
			n[w] = lb->cat_n[w][i];
			h[w] = lb->cat_hide[w][i];
		}
		if ((e = set_counts(lb, o, n, h)) != SV_OK)
			return e;
	}

	sub = json_object();
	json_object_set_new(root, "subareas", sub);
	lb_set_str(sub, "layer", lb->child_layer);
	lb_set_source(lb, sub, "incident_day of each child area (parent_id "
	    "= the area) of the layer");
	items = json_array();
	json_object_set_new(sub, "items", items);
	for (i = 0; i < lb->nchild; i++) {
		o = json_object();
		json_array_append_new(items, o);
		lb_set_str(o, "code", lb->child_code[i]);
		lb_set_str(o, "name", lb->child_name[i]);
		for (w = 0; w < LB_WIN__MAX; w++) {
			n[w] = lb->child_n[w][i];
			h[w] = lb->child_hide[w][i];
		}
		if ((e = set_counts(lb, o, n, h)) != SV_OK)
			return e;
	}
	return SV_OK;
}

static json_t *
fact_json(struct lb *lb, const struct lb_fact *f)
{
	json_t *o = json_object();
	char ts[32];

	sv_time_format(f->t, ts);
	lb_set_int(o, "id", f->id);
	lb_set_str(o, "observed_from", ts);
	lb_set_str(o, "category", lb->cat_code[f->cat]);
	lb_set_real(o, "x", f->x);
	lb_set_real(o, "y", f->y);
	lb_set_wgs84(lb, o, f->x, f->y);
	return o;
}

/*
 * New: categories and sub-areas with incidents in the period and none in
 * the new_weeks weeks before it, and incidents in grid cells that had
 * none in those weeks (of the incidents the reader may see one by one).
 */
static void
section_new(struct lb *lb, json_t *root)
{
	const struct lb_facts *fs = &lb->shown;
	json_t *nw = json_object(), *a, *o;
	unsigned char *seen;
	size_t ncell = (size_t)lb->grid.nx * (size_t)lb->grid.ny, i, listed = 0;
	int64_t n = 0;
	long c;

	json_object_set_new(root, "new", nw);
	lb_set_int(nw, "weeks", lb->p.new_weeks);
	json_object_set_new(nw, "compared_with", period_json(lb, LB_NEWWIN));
	lb_set_source(lb, nw, "incident_day and incident_fact of the period "
	    "and of the weeks before it");
	a = json_array();
	json_object_set_new(nw, "categories", a);
	for (i = 0; i < lb->ncat; i++)
		if (lb->cat_n[LB_CUR][i] > 0 && lb->cat_n[LB_NEWWIN][i] == 0) {
			o = json_object();
			lb_set_str(o, "code", lb->cat_code[i]);
			lb_set_str(o, "name", lb->cat_name[i]);
			lb_set_count(o, "count", lb->cat_n[LB_CUR][i],
			    lb->cat_hide[LB_CUR][i]);
			json_array_append_new(a, o);
		}
	a = json_array();
	json_object_set_new(nw, "subareas", a);
	for (i = 0; i < lb->nchild; i++)
		if (lb->child_n[LB_CUR][i] > 0 &&
		    lb->child_n[LB_NEWWIN][i] == 0) {
			o = json_object();
			lb_set_str(o, "code", lb->child_code[i]);
			lb_set_str(o, "name", lb->child_name[i]);
			lb_set_count(o, "count", lb->child_n[LB_CUR][i],
			    lb->child_hide[LB_CUR][i]);
			json_array_append_new(a, o);
		}
	/* places: only incidents the reader may see one by one */
	seen = sv_calloc(ncell + 1, 1);
	for (i = fs->first_new; i < fs->first_cur; i++)
		if ((c = lb_grid_cell(&lb->grid, fs->v[i].x, fs->v[i].y)) >= 0)
			seen[c] = 1;
	a = json_array();
	for (i = fs->first_cur; i < fs->n; i++) {
		c = lb_grid_cell(&lb->grid, fs->v[i].x, fs->v[i].y);
		if (c >= 0 && seen[c])
			continue;
		n++;
		if (listed++ < LB_LIST_MAX)
			json_array_append_new(a, fact_json(lb, &fs->v[i]));
	}
	free(seen);
	o = json_object();
	json_object_set_new(nw, "places", o);
	lb_set_real(o, "cell", lb->grid.cell);
	lb_set_int(o, "count", n);
	json_object_set_new(o, "incidents", a);
}

/*
 * Near-repeat alerts: incidents of the period with at least one earlier
 * incident (observed before it, or at the same second with a smaller id)
 * within nr_distance metres (Euclidean, inclusive) and nr_days days
 * (inclusive) before it. Searched through a grid of nr_distance cells.
 */
static enum sv_err
section_near_repeat(struct lb *lb, json_t *root)
{
	const struct lb_facts *fs = &lb->shown;
	json_t *nr = json_object(), *alerts = json_array(), *o;
	struct gridindex gi = { 0 };
	double *xy, dmax = lb->p.nr_distance, dd, best;
	double dmax2 = dmax * dmax * (1 - 1e-12);
	int64_t tmax = (int64_t)lb->p.nr_days * 86400, latest;
	size_t lo, n = fs->n, i, k, first, cnt, nalert = 0, npairs = 0;
	size_t nearer;
	int64_t cx, cy, ax, ay;
	enum sv_err e;
	const struct lb_fact *f, *g;

	json_object_set_new(root, "near_repeat", nr);
	lb_set_real(nr, "distance_m", dmax);
	lb_set_int(nr, "days", lb->p.nr_days);
	lb_set_str(nr, "definition", "an incident of the period with at "
	    "least one earlier incident of the area within distance_m metres "
	    "(Euclidean, SWEREF 99 TM) and days days before it (both "
	    "inclusive); only incidents the reader may see one by one");
	lb_set_source(lb, nr, "incident_fact of the period and the days "
	    "before it");
	json_object_set_new(nr, "alerts", alerts);
	/* facts from (period start - nr_days) only */
	for (lo = 0; lo < n && fs->v[lo].t < lb->per[LB_CUR].from - tmax;
	    lo++)
		;
	if (n - lo == 0) {
		lb_set_int(nr, "count", 0);
		lb_set_int(nr, "pairs", 0);
		return lb_knox(lb, nr);
	}
	xy = sv_malloc(2 * (n - lo) * sizeof(double));
	for (i = lo; i < n; i++) {
		xy[2 * (i - lo)] = fs->v[i].x;
		xy[2 * (i - lo) + 1] = fs->v[i].y;
	}
	if ((e = gridindex_build(&gi, xy, n - lo, dmax, lb->d)) != SV_OK) {
		free(xy);
		return e;
	}
	for (i = n; i-- > fs->first_cur && i >= lo;) {
		f = &fs->v[i];
		gridindex_cell(&gi, f->x, f->y, &cx, &cy);
		nearer = 0;
		best = INFINITY;
		latest = INT64_MIN;
		for (ay = cy - 1; ay <= cy + 1; ay++)
			for (ax = cx - 1; ax <= cx + 1; ax++) {
				cnt = gridindex_range(&gi, ax, ay, &first);
				for (k = first; k < first + cnt; k++) {
					g = &fs->v[lo + gi.order[k]];
					if (!(g->t < f->t || (g->t == f->t &&
					    g->id < f->id)) || f->t - g->t > tmax)
						continue;
					dd = (f->x - g->x) * (f->x - g->x) +
					    (f->y - g->y) * (f->y - g->y);
					if (dd > dmax2 && sqrt(dd) > dmax)
						continue;
					nearer++;
					if (dd < best)
						best = dd;
					if (g->t > latest)
						latest = g->t;
				}
			}
		if (nearer == 0)
			continue;
		npairs += nearer;
		if (nalert++ < LB_LIST_MAX) {
			o = fact_json(lb, f);
			lb_set_int(o, "earlier", (int64_t)nearer);
			lb_set_real(o, "nearest_m", round(sqrt(best) * 10) /
			    10);
			lb_set_real(o, "days_since_latest",
			    round((double)(f->t - latest) / 8640) / 10);
			json_array_append_new(alerts, o);
		}
	}
	gridindex_release(&gi);
	free(xy);
	lb_set_int(nr, "count", (int64_t)nalert);
	lb_set_int(nr, "pairs", (int64_t)npairs);
	return lb_knox(lb, nr);
}

/*
 * Counts by Stockholm weekday (rows, Monday first) and hour (columns),
 * the 168 cells one table for the suppression.
 */
static void
section_matrix(struct lb *lb, json_t *root)
{
	int64_t m[7 * 24] = { 0 }, ma[7 * 24] = { 0 };
	unsigned char hide[7 * 24];
	json_t *o = json_object(), *rows = json_array(), *r, *names;
	const struct lb_facts *fs = &lb->all;
	struct sv_civil c;
	size_t i, k;
	int d, h;

	for (i = fs->first_cur; i < fs->n; i++) {
		sv_stockholm_civil(fs->v[i].t, &c);
		k = (size_t)(c.weekday - 1) * 24 + (size_t)c.hour;
		m[k]++;
		ma[k] += fs->v[i].agg;
	}
	lb_suppress(lb, m, ma, 7 * 24, hide);
	json_object_set_new(root, "hour_weekday", o);
	lb_set_str(o, "definition", "incidents by Europe/Stockholm weekday "
	    "(rows, Monday first) and hour of observed_from (columns 0-23); "
	    "null: suppressed (sharing)");
	lb_set_source(lb, o, "incident_fact of the period");
	names = json_array();
	for (d = 0; d < 7; d++)
		json_array_append_new(names, json_string(weekday_names[d]));
	json_object_set_new(o, "weekdays", names);
	for (d = 0; d < 7; d++) {
		r = json_array();
		for (h = 0; h < 24; h++)
			json_array_append_new(r, hide[d * 24 + h] ?
			    json_null() : json_integer(m[d * 24 + h]));
		json_array_append_new(rows, r);
	}
	json_object_set_new(o, "counts", rows);
	lb_set_count(o, "total", (int64_t)(fs->n - fs->first_cur),
	    lb->tot_hide[LB_CUR]);
}

/*
 * The 12 counts of one series (a category's or the total) as a JSON
 * array, suppressed months null; its Mann-Kendall test over the complete
 * months, unless a month is suppressed (the test would tell its rank).
 */
static enum sv_err
series_json(struct lb *lb, json_t *c, const int64_t *n,
    const unsigned char *hide, size_t ncomplete)
{
	json_t *arr = json_array(), *t;
	double ser[12];
	int hidden = 0;
	enum sv_err e;
	size_t i;

	for (i = 0; i < 12; i++) {
		json_array_append_new(arr, hide[i] ? json_null() :
		    json_integer(n[i]));
		ser[i] = (double)n[i];
		hidden |= hide[i];
	}
	json_object_set_new(c, "counts", arr);
	if (hidden) {
		json_object_set_new(c, "suppressed", json_true());
		t = json_object();
		lb_set_str(t, "not_computed", "suppressed counts");
		json_object_set_new(c, "trend", t);
		return SV_OK;
	}
	if ((e = lb_trend_test(lb, ser, ncomplete, &t)) == SV_OK)
		json_object_set_new(c, "trend", t);
	return e;
}

/*
 * Monthly series: the 12 calendar months ending with the month of the
 * period's last day, that month counted up to the period's end (marked
 * partial). Complete months come from incident_month, a partial one from
 * incident_day. The trend test uses the complete months only. Each
 * month's categories are one table for the suppression.
 */
static enum sv_err
section_series(struct lb *lb, json_t *root)
{
	size_t nc = lb->ncat + 1, i, j;
	size_t ncomplete = lb->ser_partial ? 11 : 12;
	int64_t *cnt = lb->ser_cnt, *agg = lb->ser_agg, col[12];
	int64_t tot[12] = { 0 }, tota[12] = { 0 };
	unsigned char *hide, colh[12], toth[12];
	json_t *o = json_object(), *months = json_array(), *cats, *c;
	int partial = lb->ser_partial;
	enum sv_err e = SV_OK;

	for (i = 0; i < 12; i++)
		json_array_append_new(months,
		    json_string(lb->ser_mon[i].label));
	hide = sv_calloc(12 * nc, 1);
	for (i = 0; i < 12 && e == SV_OK; i++) {
		for (j = 0; j < lb->ncat; j++) {
			tot[i] += cnt[i * nc + j];
			tota[i] += agg[i * nc + j];
		}
		toth[i] = tot[i] > 0 && tot[i] < lb->min_count && tota[i] > 0;
		lb->hidden += toth[i];
		lb_suppress(lb, cnt + i * nc, agg + i * nc, lb->ncat,
		    hide + i * nc);
	}
	json_object_set_new(root, "series", o);
	json_object_set_new(o, "months", months);
	json_object_set_new(o, "last_partial", json_boolean(partial));
	lb_set_int(o, "complete_months", (int64_t)ncomplete);
	lb_set_source(lb, o, "incident_month per Stockholm calendar month, "
	    "incident_day for a partial last month");
	lb_set_str(o, "definition", "counts per calendar month (Stockholm); "
	    "trend: Mann-Kendall with tie correction over the complete "
	    "months (kernel trend_mann_kendall), direction up/down when p < "
	    "alpha; null: suppressed (sharing), and then no trend");
	cats = json_array();
	json_object_set_new(o, "categories", cats);
	for (j = 0; j < lb->ncat && e == SV_OK; j++) {
		int64_t sum = 0;

		for (i = 0; i < 12; i++) {
			col[i] = cnt[i * nc + j];
			colh[i] = hide[i * nc + j];
			sum += col[i];
		}
		if (sum == 0)
			continue;
		c = json_object();
		json_array_append_new(cats, c);
		lb_set_str(c, "code", lb->cat_code[j]);
		lb_set_str(c, "name", lb->cat_name[j]);
		e = series_json(lb, c, col, colh, ncomplete);
	}
	if (e == SV_OK) {
		c = json_object();
		json_object_set_new(o, "total", c);
		e = series_json(lb, c, tot, toth, ncomplete);
	}
	free(hide);
	return e;
}

static void
section_head(struct lb *lb, json_t *root)
{
	json_t *a = json_object(), *per = json_object(), *par = json_object();
	json_t *bb = json_array(), *defs;
	double w[4];
	char ts[32];
	int k;

	json_object_set_new(root, "area", a);
	lb_set_int(a, "id", lb->area_id);
	lb_set_str(a, "layer", lb->area_layer);
	lb_set_str(a, "code", lb->area_code);
	lb_set_str(a, "name", lb->area_name);
	geo_bbox_to_wgs84(store_geo(lb->s), lb->bbox, w);
	for (k = 0; k < 4; k++)
		json_array_append_new(bb, json_real(w[k]));
	json_object_set_new(a, "bbox", bb);
	json_object_set_new(root, "period", per);
	json_object_set_new(per, "current", period_json(lb, LB_CUR));
	json_object_set_new(per, "previous", period_json(lb, LB_PREV));
	json_object_set_new(per, "year_before", period_json(lb, LB_YAGO));
	lb_set_str(per, "kind", lb->per[LB_CUR].kind == SV_PERIOD_WEEK ?
	    "week" : lb->per[LB_CUR].kind == SV_PERIOD_MONTH ? "month" :
	    lb->per[LB_CUR].kind == SV_PERIOD_TERTIAL ? "tertial" :
	    lb->per[LB_CUR].kind == SV_PERIOD_QUARTER ? "quarter" :
	    lb->per[LB_CUR].kind == SV_PERIOD_YEAR ? "year" : "range");
	sv_time_format(lb->now, ts);
	lb_set_str(root, "computed_at", ts);
	json_object_set_new(root, "parameters", par);
	lb_set_real(par, "cell", lb->p.cell);
	lb_set_real(par, "band", lb->p.band);
	lb_set_real(par, "kde_sigma", lb->p.kde_sigma);
	lb_set_int(par, "kde_cells", lb->p.kde_cells);
	lb_set_real(par, "nr_distance", lb->p.nr_distance);
	lb_set_int(par, "nr_days", lb->p.nr_days);
	lb_set_int(par, "new_weeks", lb->p.new_weeks);
	lb_set_real(par, "fdr", lb->p.fdr);
	lb_set_real(par, "alpha", lb->p.alpha);
	lb_set_int(par, "permutations", lb->p.permutations);
	lb_set_int(par, "seed", (int64_t)lb->p.seed);
	lb_set_str(root, "crs", "EPSG:3006 (x, y in metres); lat/lon WGS84");
	lb_set_str(root, "change_definition", "previous and year_before: the "
	    "count of the comparison period, ratio = rate ratio per day "
	    "(count / days), change_pct = 100 (ratio - 1), p = two-sided "
	    "exact conditional (binomial) test of equal rates as R "
	    "poisson.test (kernel trend_rate_ratio), significant when p < "
	    "alpha");
	lb_set_str(root, "counted", "active incidents whose point lies in "
	    "the area, by observed_from; withdrawn incidents are left out, "
	    "and those of owners the reader may not see (sharing); counts "
	    "only, never free text");
	defs = json_object();
	json_object_set_new(root, "definitions", defs);
	json_object_set(defs, "counted", json_object_get(root, "counted"));
	json_object_set(defs, "change", json_object_get(root,
	    "change_definition"));
}

static double
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

enum sv_err
lagesbild_build(struct sv_store *s, const struct sv_actor *actor,
    const struct lb_params *params, json_t **out, struct sv_diag *d)
{
	struct lb lb;
	struct timespec t0;
	json_t *root = NULL;
	enum sv_err e;

	*out = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&lb, 0, sizeof(lb));
	lb.s = s;
	lb.actor = actor;
	lb.d = d;
	lb.now = params->now != 0 ? params->now : (int64_t)time(NULL);
	if ((e = actor_require(actor, SV_ROLE_LASARE, d)) != SV_OK ||
	    (e = params_fill(&lb, params)) != SV_OK ||
	    (e = load_periods(&lb)) != SV_OK ||
	    (e = load_first(&lb)) != SV_OK ||
	    (e = load_second(&lb)) != SV_OK)
		goto out;
	lb_knox_start(&lb);
	make_grid(&lb);
	suppress_counts(&lb);

	root = json_object();
	section_head(&lb, root);
	if ((e = section_counts(&lb, root)) != SV_OK)
		goto out;
	section_new(&lb, root);
	if ((e = lb_hotspots(&lb, root)) != SV_OK ||
	    (e = section_near_repeat(&lb, root)) != SV_OK ||
	    (e = lb_concentration(&lb, root)) != SV_OK ||
	    (e = lb_kde(&lb, root)) != SV_OK)
		goto out;
	section_matrix(&lb, root);
	if ((e = section_series(&lb, root)) != SV_OK)
		goto out;
	lb_sharing_json(&lb, root);
	lb_set_real(root, "compute_ms", round(elapsed_ms(&t0) * 1000) / 1000);
	*out = root;
	root = NULL;
out:
	json_decref(root);
	lb_free(&lb);
	return e;
}
