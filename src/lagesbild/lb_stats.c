/*
 * The statistics of the lägesbild, each a thin layer over an analysis
 * kernel: the change of a count against a comparison period, Gi*
 * hotspots on the grid (distance band with self) and on the child areas
 * (queen contiguity as spdep poly2nb, with self), both with
 * Benjamini-Hochberg q-values; the Knox 2x2 test of the near-repeat
 * window; the KDE surface of the period for the map. The JSON of each names the kernel and the
 * definition used.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/getisord.h"
#include "analysis/kde.h"
#include "analysis/knox.h"
#include "analysis/stats.h"
#include "analysis/trend.h"
#include "analysis/weights.h"
#include "core/mem.h"
#include "geo/geo.h"
#include "store/store.h"
#include "lagesbild/lb_impl.h"

enum sv_err
lb_change(struct lb *lb, int64_t cur, int64_t base, double cur_days,
    double base_days, json_t **out)
{
	json_t *o = json_object();
	struct trend_rate r;
	struct sv_diag d;

	lb_set_int(o, "count", base);
	lb_set_real(o, "days", base_days);
	if (cur + base == 0 || lb_rate_ratio(&lb->lgf, (double)cur, cur_days,
	    (double)base, base_days, &r, &d) != SV_OK) {
		/* nothing in either period: no ratio, nothing to test */
		*out = o;
		return SV_OK;
	}
	/* rate per day, so months of different length compare */
	lb_set_real(o, "ratio", round(r.ratio * 1e6) / 1e6);
	lb_set_real(o, "change_pct", round((r.ratio - 1) * 1e3) / 10);
	lb_set_real(o, "p", r.p);
	json_object_set_new(o, "significant", json_boolean(r.p < lb->p.alpha));
	*out = o;
	return SV_OK;
}

/*
 * Mann-Kendall trend test of a monthly series (trend_mann_kendall):
 * {"S","z","p","tau","direction"}; fewer than 3 months: not computed.
 */
enum sv_err
lb_trend_test(struct lb *lb, const double *x, size_t n, json_t **out)
{
	json_t *o = json_object();
	struct trend_mk mk;
	struct sv_diag d;

	*out = o;
	if (n < 3 || trend_mann_kendall(x, n, &mk, &d) != SV_OK) {
		lb_set_str(o, "not_computed", n < 3 ? "fewer than 3 months" :
		    d.message);
		return SV_OK;
	}
	lb_set_real(o, "S", mk.S);
	lb_set_real(o, "z", round(mk.z * 1e6) / 1e6);
	lb_set_real(o, "p", mk.p);
	lb_set_real(o, "tau", round(mk.tau * 1e6) / 1e6);
	lb_set_str(o, "direction", !(mk.p < lb->p.alpha) ? "none" :
	    mk.S > 0 ? "up" : "down");
	return SV_OK;
}

/*
 * Concentration of the period's incidents over the grid cells of the
 * area's bbox (trend_concentration): share in the top 5 % of cells and
 * the Gini coefficient.
 */
/*
 * The period's counts per grid cell into x[] and their aggregated-only
 * part into xa[] (both zeroed by the caller); returns how many cells hold
 * a count the sharing rules hide (1..min_count-1 with an aggregated-only
 * part): the statistics of the grid then withhold their values.
 */
static size_t
grid_counts(struct lb *lb, double *x, double *xa)
{
	size_t n = (size_t)lb->grid.nx * (size_t)lb->grid.ny, i, nh = 0;
	long k;

	for (i = lb->all.first_cur; i < lb->all.n; i++)
		if ((k = lb_grid_cell(&lb->grid, lb->all.v[i].x,
		    lb->all.v[i].y)) >= 0) {
			x[k] += 1;
			xa[k] += lb->all.v[i].agg;
		}
	for (i = 0; i < n; i++)
		nh += x[i] > 0 && x[i] < (double)lb->min_count && xa[i] > 0;
	return nh;
}

enum sv_err
lb_concentration(struct lb *lb, json_t *root)
{
	size_t n = (size_t)lb->grid.nx * (size_t)lb->grid.ny;
	json_t *o = json_object();
	struct trend_conc c;
	struct sv_diag d;
	double *x, *xa;
	int withheld;

	json_object_set_new(root, "concentration", o);
	lb_set_str(o, "definition", "over the square cells of the area's "
	    "bounding box (the Gi* grid): the share of the period's "
	    "incidents in the top ceil(5 %) of cells, and the Gini "
	    "coefficient of the cell counts (every incident the reader may "
	    "count); both null with \"suppressed\": true when a cell count "
	    "is suppressed by the sharing rules (they are functions of every "
	    "cell count, so a hidden one could follow from them)");
	lb_set_source(lb, o, "incident_fact of the period; kernel "
	    "trend_concentration");
	lb_set_real(o, "cell", lb->grid.cell);
	lb_set_int(o, "cells", (int64_t)n);
	x = sv_calloc(n, sizeof(double));
	xa = sv_calloc(n, sizeof(double));
	withheld = grid_counts(lb, x, xa) > 0;
	if (trend_concentration(x, n, &c, &d) != SV_OK)
		lb_set_str(o, "not_computed", d.message);
	else if (withheld) {
		lb_set_int(o, "top_cells", (int64_t)c.top_n);
		json_object_set_new(o, "top5_share", json_null());
		json_object_set_new(o, "gini", json_null());
		json_object_set_new(o, "suppressed", json_true());
		lb->hidden++;
	} else {
		lb_set_real(o, "top5_share", round(c.top5_share * 1e6) / 1e6);
		lb_set_int(o, "top_cells", (int64_t)c.top_n);
		lb_set_real(o, "gini", round(c.gini * 1e6) / 1e6);
	}
	free(x);
	free(xa);
	return SV_OK;
}

/* Reads a 32-bit unsigned in the WKB byte order. */
static uint32_t
wkb_u32(const unsigned char *p, int le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24 :
	    (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[0] << 24;
}

static double
wkb_f64(const unsigned char *p, int le)
{
	unsigned char b[8];
	double v;
	int i;

	for (i = 0; i < 8; i++)
		b[i] = le ? p[i] : p[7 - i];
	memcpy(&v, b, 8);
	return v;
}

/*
 * Appends the vertices of every ring of a WKB Polygon or MultiPolygon
 * (2D) to *xy (n pairs, cap). Returns the bytes read, 0 on bad input.
 */
static size_t
wkb_vertices(const unsigned char *w, size_t len, double **xy, size_t *n,
    size_t *cap, int depth)
{
	size_t off = 5, k, r, np, nr, used;
	uint32_t type, parts, i;
	int le;

	if (len < 9 || depth > 1)
		return 0;
	le = w[0] == 1;
	type = wkb_u32(w + 1, le);
	if (type == 6) {
		parts = wkb_u32(w + 5, le);
		off = 9;
		for (i = 0; i < parts; i++) {
			if ((used = wkb_vertices(w + off, len - off, xy, n,
			    cap, depth + 1)) == 0)
				return 0;
			off += used;
		}
		return off;
	}
	if (type != 3)
		return 0;
	nr = wkb_u32(w + 5, le);
	off = 9;
	for (r = 0; r < nr; r++) {
		if (len - off < 4)
			return 0;
		np = wkb_u32(w + off, le);
		off += 4;
		if (np > (len - off) / 16)
			return 0;
		for (k = 0; k < np; k++, off += 16) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 256;
				*xy = sv_reallocarray(*xy, *cap,
				    2 * sizeof(double));
			}
			(*xy)[2 * *n] = wkb_f64(w + off, le);
			(*xy)[2 * *n + 1] = wkb_f64(w + off + 8, le);
			(*n)++;
		}
	}
	return off;
}

/*
 * Gi* on x[0..n) with weights w, BH q-values; writes the significant
 * units through add(i, z, p, q) and returns counts of hot and cold ones.
 */
static enum sv_err
gistar(struct lb *lb, const double *x, const struct weights *w,
    double *z, double *p, double *q, struct sv_diag *d)
{
	enum sv_err e;

	(void)lb;
	if ((e = getisord_local(x, w, z, p, d)) != SV_OK)
		return e;
	stats_fdr_bh(p, w->n, q);
	return SV_OK;
}

/*
 * A cell's or area's Gi* figures; withheld (a suppressed count in the
 * statistic): the class only, z, p and q left out.
 */
static void
set_gi(json_t *o, double z, double p, double q, double fdr, int withheld)
{
	if (!withheld) {
		lb_set_real(o, "z", round(z * 1e6) / 1e6);
		lb_set_real(o, "p", p);
		lb_set_real(o, "q", q);
	}
	lb_set_str(o, "class", q < fdr ? (z > 0 ? "hot" : "cold") : "none");
}

/* The rule of set_gi's withheld, in the JSON of the grid and the areas. */
static const char withheld_rule[] = "z, p and q are left out of every "
    "item (class kept) when a count of the statistic is suppressed by the "
    "sharing rules: the z-scores are computed over every counted incident "
    "and would give the suppressed counts back through the neighbourhood "
    "sums and the mean and variance they use";

/*
 * Binary distance-band weights with self between the centres of a
 * regular grid, the same links as weights_distance_band(centres, band,
 * self = 1) (d = hypot(di cell, dj cell) <= band) but built from the
 * stencil of offsets in O(cells x stencil), rows already sorted.
 */
struct weights *
lb_grid_weights(const struct lb_grid *g, double band)
{
	struct weights *w = sv_calloc(1, sizeof(*w));
	size_t n = (size_t)g->nx * (size_t)g->ny, k = 0, i;
	int r = (int)floor(band / g->cell) + 1, dx, dy, ix, iy, jx, jy;
	int *ox, *oy, ns = 0, s;

	ox = sv_malloc((size_t)(2 * r + 1) * (size_t)(2 * r + 1) * sizeof(int));
	oy = sv_malloc((size_t)(2 * r + 1) * (size_t)(2 * r + 1) * sizeof(int));
	for (dy = -r; dy <= r; dy++)
		for (dx = -r; dx <= r; dx++)
			if (hypot(dx * g->cell, dy * g->cell) <= band) {
				ox[ns] = dx;
				oy[ns] = dy;
				ns++;
			}
	w->n = n;
	w->style = WEIGHTS_BINARY;
	w->self = 1;
	w->off = sv_malloc((n + 1) * sizeof(size_t));
	w->nbr = sv_malloc((n * (size_t)ns + 1) * sizeof(uint32_t));
	w->w = sv_malloc((n * (size_t)ns + 1) * sizeof(double));
	for (i = 0; i < n; i++) {
		ix = (int)(i % (size_t)g->nx);
		iy = (int)(i / (size_t)g->nx);
		w->off[i] = k;
		for (s = 0; s < ns; s++) {
			jx = ix + ox[s];
			jy = iy + oy[s];
			if (jx < 0 || jy < 0 || jx >= g->nx || jy >= g->ny)
				continue;
			w->nbr[k] = (uint32_t)((size_t)jy * (size_t)g->nx +
			    (size_t)jx);
			w->w[k++] = 1;
		}
	}
	w->off[n] = k;
	free(ox);
	free(oy);
	return w;
}

/* Gi* over the grid cells of the area's bbox, counts of the period. */
static enum sv_err
hotspots_grid(struct lb *lb, json_t *hs)
{
	const struct lb_grid *g = &lb->grid;
	size_t n = (size_t)g->nx * (size_t)g->ny, i, nhot = 0, ncold = 0;
	size_t nsupp;
	double *x, *xa, *xy, *z, *p, *q;
	double band = lb->p.band * g->cell / lb->p.cell;
	int64_t *cn, *ca, hidden0;
	unsigned char *hide;
	struct sv_diag d;
	json_t *o = json_object(), *cells = json_array(), *c;
	enum sv_err e;

	json_object_set_new(hs, "grid", o);
	lb_set_real(o, "cell", g->cell);
	lb_set_real(o, "band", band);
	lb_set_real(o, "x0", g->x0);
	lb_set_real(o, "y0", g->y0);
	lb_set_int(o, "nx", g->nx);
	lb_set_int(o, "ny", g->ny);
	lb_set_str(o, "definition", "Getis-Ord Gi* z-scores (Ord and Getis "
	    "1995, as spdep localG) of the period's counts per square cell of "
	    "the area's bounding box; binary distance-band weights between "
	    "cell centres (d <= band) including the cell itself; two-sided "
	    "normal p; Benjamini-Hochberg q; hot/cold where q < fdr");
	lb_set_source(lb, o, "incident_fact of the period; kernels "
	    "getisord_local, stats_fdr_bh (their grid form lb_grid_gistar, "
	    "equal bit for bit)");
	json_object_set_new(o, "cells", cells);
	x = sv_calloc(n, sizeof(double));
	xa = sv_calloc(n, sizeof(double));
	cn = sv_malloc(2 * n * sizeof(int64_t));
	ca = cn + n;
	hide = sv_malloc(n);
	xy = sv_malloc(2 * n * sizeof(double));
	z = sv_malloc(3 * n * sizeof(double));
	p = z + n;
	q = z + 2 * n;
	nsupp = grid_counts(lb, x, xa);
	/*
	 * The cell counts are one table: suppressed as the others (primary
	 * and secondary), so that the listed counts, the total and the
	 * reader's own points never give a hidden one back by subtraction;
	 * only the listed cells count as suppressed figures.
	 */
	for (i = 0; i < n; i++) {
		cn[i] = (int64_t)x[i];
		ca[i] = (int64_t)xa[i];
	}
	hidden0 = lb->hidden;
	lb_suppress(lb, cn, ca, n, hide);
	lb->hidden = hidden0;
	if (nsupp > 0) {
		lb_set_str(o, "withheld", withheld_rule);
		lb->hidden++;
	}
	for (i = 0; i < n; i++) {
		xy[2 * i] = g->x0 + ((double)(i % (size_t)g->nx) + 0.5) *
		    g->cell;
		xy[2 * i + 1] = g->y0 + ((double)(i / (size_t)g->nx) + 0.5) *
		    g->cell;
	}
	sv_diag_clear(&d);
	if (n >= 3)
		e = lb_grid_gistar(g, x, band, lb->p.fdr, z, p, q, &d);
	else
		e = sv_diag_set(&d, SV_ERR_INVALID, "grid",
		    "fewer than 3 cells");
	if (e == SV_ERR_INVALID) {
		/* no variation (e.g. no incidents): no hotspot to report */
		lb_set_str(o, "not_computed", d.message);
		e = SV_OK;
		goto out;
	}
	if (e != SV_OK) {
		*lb->d = d;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!(q[i] < lb->p.fdr))
			continue;
		if (z[i] > 0)
			nhot++;
		else
			ncold++;
		c = json_object();
		json_array_append_new(cells, c);
		lb_set_int(c, "ix", (int64_t)(i % (size_t)g->nx));
		lb_set_int(c, "iy", (int64_t)(i / (size_t)g->nx));
		lb_set_real(c, "x", xy[2 * i]);
		lb_set_real(c, "y", xy[2 * i + 1]);
		lb_set_wgs84(lb, c, xy[2 * i], xy[2 * i + 1]);
		lb->hidden += hide[i];
		lb_set_count(c, "count", (int64_t)x[i], hide[i]);
		set_gi(c, z[i], p[i], q[i], lb->p.fdr, nsupp > 0);
	}
	lb_set_int(o, "hot", (int64_t)nhot);
	lb_set_int(o, "cold", (int64_t)ncold);
out:
	free(x);
	free(xa);
	free(cn);
	free(hide);
	free(xy);
	free(z);
	return e;
}

/* Gi* over the child areas, queen contiguity plus self. */
static enum sv_err
hotspots_areas(struct lb *lb, json_t *hs)
{
	size_t n = lb->nchild, i, *nv, cap = 0, total = 0, nhot = 0;
	struct weights_area *wa;
	struct weights *w = NULL;
	double *x, *z, *p, *q, *xy = NULL;
	struct sv_diag d;
	json_t *o = json_object(), *items = json_array(), *c;
	enum sv_err e = SV_OK;
	int withheld = 0;

	json_object_set_new(hs, "areas", o);
	lb_set_str(o, "layer", lb->child_layer);
	lb_set_str(o, "definition", "Getis-Ord Gi* z-scores of the period's "
	    "counts per child area; binary queen contiguity (spdep poly2nb, "
	    "snap sqrt(DBL_EPSILON)) including the area itself; two-sided "
	    "normal p; Benjamini-Hochberg q; hot/cold where q < fdr");
	lb_set_source(lb, o, "incident_day of the child areas; kernels "
	    "weights_contiguity, getisord_local, stats_fdr_bh");
	json_object_set_new(o, "items", items);
	if (n < 3) {
		lb_set_str(o, "not_computed", "fewer than 3 child areas");
		return SV_OK;
	}
	nv = sv_calloc(n + 1, sizeof(size_t));
	wa = sv_calloc(n, sizeof(*wa));
	x = sv_malloc(4 * n * sizeof(double));
	z = x + n;
	p = x + 2 * n;
	q = x + 3 * n;
	sv_diag_clear(&d);
	for (i = 0; i < n; i++) {
		x[i] = (double)lb->child_n[LB_CUR][i];
		if (lb->child_wkb[i] == NULL || wkb_vertices(lb->child_wkb[i],
		    lb->child_wkb_len[i], &xy, &total, &cap, 0) == 0) {
			e = sv_diag_set(&d, SV_ERR_INVALID, "areas",
			    "area %s has no polygon", lb->child_code[i]);
			break;
		}
		nv[i + 1] = total;
	}
	if (e == SV_OK) {
		for (i = 0; i < n; i++) {
			wa[i].xy = xy + 2 * nv[i];
			wa[i].n = nv[i + 1] - nv[i];
		}
		e = weights_contiguity(wa, n, 1, WEIGHTS_SNAP_DEFAULT, &w, &d);
	}
	if (e == SV_OK) {
		weights_include_self(w);
		e = gistar(lb, x, w, z, p, q, &d);
	}
	if (e == SV_ERR_INVALID) {
		lb_set_str(o, "not_computed", d.message);
		e = SV_OK;
		goto out;
	}
	if (e != SV_OK) {
		*lb->d = d;
		goto out;
	}
	for (i = 0; i < n; i++)
		withheld |= lb->child_hide[LB_CUR][i];
	if (withheld) {
		lb_set_str(o, "withheld", withheld_rule);
		lb->hidden++;
	}
	for (i = 0; i < n; i++) {
		c = json_object();
		json_array_append_new(items, c);
		lb_set_str(c, "code", lb->child_code[i]);
		lb_set_str(c, "name", lb->child_name[i]);
		lb_set_count(c, "count", (int64_t)x[i],
		    lb->child_hide[LB_CUR][i]);
		lb_set_int(c, "neighbours", (int64_t)(w->off[i + 1] -
		    w->off[i]) - 1);
		set_gi(c, z[i], p[i], q[i], lb->p.fdr, withheld);
		if (q[i] < lb->p.fdr && z[i] > 0)
			nhot++;
	}
	lb_set_int(o, "hot", (int64_t)nhot);
out:
	weights_free(w);
	free(nv);
	free(wa);
	free(x);
	free(xy);
	return e;
}

enum sv_err
lb_hotspots(struct lb *lb, json_t *root)
{
	json_t *hs = json_object();
	enum sv_err e;

	json_object_set_new(root, "hotspots", hs);
	lb_set_real(hs, "fdr", lb->p.fdr);
	if ((e = hotspots_grid(lb, hs)) != SV_OK)
		return e;
	return hotspots_areas(lb, hs);
}

/* The Knox test's own thread: arrays in, the table out, nothing shared. */
static void *
knox_run(void *arg)
{
	struct lb_knox_job *j = arg;

	sv_diag_clear(&j->d);
	j->e = knox_test_2x2(j->xy, j->t, j->n, j->eps_s, j->eps_t,
	    KNOX_EUCLIDEAN, j->permutations, j->seed, &j->k, &j->d);
	return NULL;
}

/*
 * Starts the Knox test of the facts lo.. (the period and the nr_days
 * before it, of the shown facts) on a thread of its own, so that it runs
 * beside the rest of the build (it is its largest single part); on a
 * machine with one free core it costs the same time as before. Runs it
 * here if no thread can be made.
 */
void
lb_knox_start(struct lb *lb)
{
	const struct lb_facts *fs = &lb->shown;
	struct lb_knox_job *j = &lb->knox;
	int64_t tmax = (int64_t)lb->p.nr_days * 86400;
	size_t lo, i;

	for (lo = 0; lo < fs->n && fs->v[lo].t < lb->per[LB_CUR].from - tmax;
	    lo++)
		;
	j->n = fs->n - lo;
	j->lo = lo;
	if (j->n < 3)
		return;
	j->xy = sv_malloc(2 * j->n * sizeof(double));
	j->t = sv_malloc(j->n * sizeof(double));
	for (i = 0; i < j->n; i++) {
		j->xy[2 * i] = fs->v[lo + i].x;
		j->xy[2 * i + 1] = fs->v[lo + i].y;
		j->t[i] = (double)(fs->v[lo + i].t - lb->fact_from) / 86400.0;
	}
	j->eps_s = lb->p.nr_distance;
	j->eps_t = (double)lb->p.nr_days;
	j->permutations = (unsigned long)lb->p.permutations;
	j->seed = lb->p.seed;
	j->state = LB_KNOX_RUNNING;
	if (pthread_create(&j->thread, NULL, knox_run, j) != 0) {
		knox_run(j);
		j->state = LB_KNOX_DONE;
	}
}

/* Waits for the Knox thread (if any) and frees its arrays. */
void
lb_knox_join(struct lb *lb)
{
	struct lb_knox_job *j = &lb->knox;

	if (j->state == LB_KNOX_RUNNING)
		pthread_join(j->thread, NULL);
	if (j->state != LB_KNOX_IDLE)
		j->state = LB_KNOX_DONE;
	free(j->xy);
	free(j->t);
	j->xy = j->t = NULL;
}

/*
 * Knox 2x2 test (as R surveillance::knox) of the job lb_knox_start began:
 * close in space when d <= nr_distance, in time when |dt| <= nr_days;
 * Monte Carlo over permuted times (seeded).
 */
enum sv_err
lb_knox(struct lb *lb, json_t *nr)
{
	json_t *o = json_object();
	struct lb_knox_job *j = &lb->knox;
	const struct knox_2x2 *kp = &j->k;
	size_t n = j->n;

	lb_knox_join(lb);
	json_object_set_new(nr, "knox", o);
	lb_set_str(o, "definition", "Knox test on the incidents of the "
	    "period and the days days before it that the reader may see one "
	    "by one: pairs close in space (d <= "
	    "distance_m) and in time (|dt| <= days) against the expectation "
	    "(time-close pairs x space-close pairs / all pairs); p_poisson "
	    "as R surveillance::knox, p_mc = (1 + #{sim >= observed}) / "
	    "(R + 1) over R permutations of the times");
	lb_set_source(lb, o, "incident_fact; kernel knox_test_2x2");
	lb_set_int(o, "incidents", (int64_t)n);
	if (n < 3) {
		lb_set_str(o, "not_computed", "fewer than 3 incidents");
		return SV_OK;
	}
	if (j->e == SV_ERR_INVALID) {
		lb_set_str(o, "not_computed", j->d.message);
		return SV_OK;
	}
	if (j->e != SV_OK) {
		*lb->d = j->d;
		return j->e;
	}
	lb_set_int(o, "close_both", (int64_t)kp->table[0][0]);
	lb_set_int(o, "close_time_only", (int64_t)kp->table[0][1]);
	lb_set_int(o, "close_space_only", (int64_t)kp->table[1][0]);
	lb_set_int(o, "neither", (int64_t)kp->table[1][1]);
	lb_set_real(o, "expected", round(kp->expected * 1e6) / 1e6);
	lb_set_real(o, "ratio", kp->expected > 0 ?
	    round(kp->observed / kp->expected * 1e6) / 1e6 : NAN);
	lb_set_real(o, "p_poisson", kp->p_poisson);
	lb_set_real(o, "p_mc", kp->p_mc);
	lb_set_int(o, "permutations", (int64_t)kp->permutations);
	lb_set_int(o, "seed", (int64_t)lb->p.seed);
	return SV_OK;
}

/* Rounds to 4 significant digits (keeps the JSON small). */
static double
sig4(double v)
{
	double m;

	if (v == 0 || !isfinite(v))
		return v;
	m = pow(10, 3 - floor(log10(fabs(v))));
	return round(v * m) / m;
}

/*
 * KDE of the period's incidents on a grid over the area's bbox with
 * kde_cells cells on the long side: quartic kernel, sigma = kde_sigma
 * (spatstat density.ppp, edge = FALSE), the exact sum at cell centres,
 * in incidents per square kilometre.
 */
enum sv_err
lb_kde(struct lb *lb, json_t *root)
{
	struct kde_grid g;
	json_t *o = json_object(), *vals;
	double w = lb->bbox[2] - lb->bbox[0], h = lb->bbox[3] - lb->bbox[1];
	double *xy, *out, mx = 0, bb[4], wb[4];
	const struct lb_facts *fs = &lb->shown;
	size_t n = fs->n - fs->first_cur, i, k;
	struct sv_diag d;
	enum sv_err e;

	json_object_set_new(root, "kde", o);
	lb_set_str(o, "definition", "kernel density of the period's "
	    "incidents (spatstat density.ppp semantics, edge = FALSE): "
	    "quartic kernel with sigma = kde_sigma its standard deviation "
	    "(support sqrt(8) sigma), exact sum at each cell centre; values "
	    "in incidents per square kilometre; rows from south to north; "
	    "only incidents the reader may see one by one (a surface of one "
	    "incident shows where it is)");
	lb_set_source(lb, o, "incident_fact of the period; kernel kde_grid "
	    "(exact)");
	lb_set_str(o, "kernel", "quartic");
	lb_set_real(o, "sigma", lb->p.kde_sigma);
	if (!(w > 0 && h > 0)) {
		lb_set_str(o, "not_computed", "the area has no extent");
		return SV_OK;
	}
	g.dx = g.dy = (w > h ? w : h) / lb->p.kde_cells;
	g.x0 = lb->bbox[0];
	g.y0 = lb->bbox[1];
	g.nx = (size_t)ceil(w / g.dx);
	g.ny = (size_t)ceil(h / g.dy);
	if (g.nx < 1)
		g.nx = 1;
	if (g.ny < 1)
		g.ny = 1;
	lb_set_real(o, "x0", g.x0);
	lb_set_real(o, "y0", g.y0);
	lb_set_real(o, "cell", g.dx);
	lb_set_int(o, "nx", (int64_t)g.nx);
	lb_set_int(o, "ny", (int64_t)g.ny);
	bb[0] = g.x0;
	bb[1] = g.y0;
	bb[2] = g.x0 + (double)g.nx * g.dx;
	bb[3] = g.y0 + (double)g.ny * g.dy;
	geo_bbox_to_wgs84(store_geo(lb->s), bb, wb);
	vals = json_array();
	for (k = 0; k < 4; k++)
		json_array_append_new(vals, json_real(wb[k]));
	json_object_set_new(o, "bbox", vals);
	out = sv_calloc(g.nx * g.ny, sizeof(double));
	xy = sv_malloc((2 * n + 1) * sizeof(double));
	for (i = 0; i < n; i++) {
		xy[2 * i] = fs->v[fs->first_cur + i].x;
		xy[2 * i + 1] = fs->v[fs->first_cur + i].y;
	}
	sv_diag_clear(&d);
	e = n > 0 ? kde_grid(xy, n, &g, KDE_QUARTIC, lb->p.kde_sigma,
	    KDE_GRID_EXACT, out, NULL, &d) : SV_OK;
	free(xy);
	if (e != SV_OK) {
		free(out);
		*lb->d = d;
		return e;
	}
	vals = json_array();
	for (i = 0; i < g.nx * g.ny; i++) {
		out[i] *= 1e6;
		if (out[i] > mx)
			mx = out[i];
		json_array_append_new(vals, json_real(sig4(out[i])));
	}
	json_object_set_new(o, "values", vals);
	lb_set_real(o, "max", sig4(mx));
	free(out);
	return SV_OK;
}
