/*
 * Kernel density: exact sums over a grid index for points, and binned
 * convolution for pixel grids (see kde.h for the definitions and the
 * error bounds). The 2D quartic stencil is split over threads by output
 * rows; each output value is computed by one thread in a fixed order, so
 * results do not depend on the number of threads.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "gridindex.h"
#include "kde.h"

const char *const kde_kernel_names[KDE_KERNEL__MAX] = {
	[KDE_GAUSSIAN] = "gaussian",
	[KDE_QUARTIC] = "quartic",
};

const char *const kde_method_names[KDE_METHOD__MAX] = {
	[KDE_GRID_BINNED] = "binned",
	[KDE_GRID_EXACT] = "exact",
};

#define GAUSS_CUT	9.0	/* sigmas */

/* Kernel support radius used for the searches. */
static double
kde_radius(enum kde_kernel k, double sigma)
{
	return k == KDE_QUARTIC ? sqrt(8.0) * sigma : GAUSS_CUT * sigma;
}

/* Kernel as a function of the squared distance. */
static inline double
kde_k2(enum kde_kernel k, double sigma, double d2)
{
	if (k == KDE_QUARTIC) {
		double h2 = 8.0 * sigma * sigma, u;

		if (d2 > h2)
			return 0;
		u = 1.0 - d2 / h2;
		return 3.0 / (M_PI * h2) * u * u;
	}
	return exp(-d2 / (2.0 * sigma * sigma)) /
	    (2.0 * M_PI * sigma * sigma);
}

double
kde_kernel_value(enum kde_kernel k, double sigma, double d)
{
	return kde_k2(k, sigma, d * d);
}

static enum sv_err
kde_check(const double *xy, size_t n, double sigma, struct sv_diag *diag)
{
	size_t i;

	if (!(sigma > 0) || !isfinite(sigma))
		return sv_diag_set(diag, SV_ERR_INVALID, "bandwidth", "the "
		    "bandwidth (sigma) must be positive and finite");
	if (n > KDE_MAX_POINTS)
		return sv_diag_set(diag, SV_ERR_INVALID, "points", "too many "
		    "points (%zu)", n);
	for (i = 0; i < 2 * n; i++)
		if (!isfinite(xy[i])) {
			sv_diag_set(diag, SV_ERR_INVALID, "points", "point "
			    "%zu has a non-finite coordinate", i / 2 + 1);
			if (diag != NULL)
				diag->line = (long)(i / 2) + 1;
			return SV_ERR_INVALID;
		}
	return SV_OK;
}

enum sv_err
kde_at(const double *xy, size_t n, const double *at, size_t m,
    enum kde_kernel k, double sigma, int leave_one_out, double *out,
    struct sv_diag *diag)
{
	struct gridindex gi;
	double r = kde_radius(k, sigma), r2 = r * r, self;
	size_t q;
	enum sv_err rc;

	if ((rc = kde_check(xy, n, sigma, diag)) != SV_OK)
		return rc;
	if (leave_one_out && (m != n || at != xy))
		return sv_diag_set(diag, SV_ERR_INVALID, "leave_one_out",
		    "leave-one-out needs the data points as evaluation "
		    "points");
	if ((rc = gridindex_build(&gi, xy, n, r, diag)) != SV_OK)
		return rc;
	self = kde_k2(k, sigma, 0);
	for (q = 0; q < m; q++) {
		double ax = at[2 * q], ay = at[2 * q + 1], s = 0;
		int64_t cx, cy, dx, dy;

		if (!isfinite(ax) || !isfinite(ay)) {
			out[q] = NAN;
			continue;
		}
		gridindex_cell(&gi, ax, ay, &cx, &cy);
		for (dy = -1; dy <= 1; dy++)
			for (dx = -1; dx <= 1; dx++) {
				size_t first, cnt, t;

				cnt = gridindex_range(&gi, cx + dx, cy + dy,
				    &first);
				for (t = 0; t < cnt; t++) {
					uint32_t j = gi.order[first + t];
					double ex = xy[2 * j] - ax;
					double ey = xy[2 * j + 1] - ay;
					double d2 = ex * ex + ey * ey;

					if (d2 <= r2)
						s += kde_k2(k, sigma, d2);
				}
			}
		out[q] = leave_one_out ? s - self : s;
	}
	gridindex_release(&gi);
	return SV_OK;
}

/* Threaded 2D stencil: out[j][i] = sum_b sum_a st[b][a] B[j-b][i-a]. */
struct stencil_job {
	const double	*bins, *st;
	double		*out;
	size_t		 nx, ny;
	long		 rx, ry;	/* stencil half sizes */
	size_t		 lo, hi;	/* output rows */
};

static void *
stencil_run(void *arg)
{
	struct stencil_job *J = arg;
	long sw = 2 * J->rx + 1, nx = (long)J->nx;
	size_t j;

	for (j = J->lo; j < J->hi; j++) {
		double *o = J->out + j * J->nx;
		long b;

		for (b = -J->ry; b <= J->ry; b++) {
			long src = (long)j - b, a;
			const double *row, *srow;

			if (src < 0 || src >= (long)J->ny)
				continue;
			row = J->bins + (size_t)src * J->nx;
			srow = J->st + (b + J->ry) * sw;
			for (a = -J->rx; a <= J->rx; a++) {
				double c = srow[a + J->rx];
				long i0 = a > 0 ? a : 0;
				long i1 = a < 0 ? nx + a : nx;
				long i;

				if (c == 0)
					continue;
				for (i = i0; i < i1; i++)
					o[i] += c * row[i - a];
			}
		}
	}
	return NULL;
}

static void
stencil_threads(struct stencil_job *proto)
{
	struct stencil_job J[8];
	pthread_t th[8];
	int started[8] = { 0 };
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nt = ncpu > 1 ? (size_t)ncpu : 1, t;

	if (nt > 8)
		nt = 8;
	if (proto->ny < 64)
		nt = 1;
	for (t = 0; t < nt; t++) {
		J[t] = *proto;
		J[t].lo = proto->ny * t / nt;
		J[t].hi = proto->ny * (t + 1) / nt;
	}
	for (t = 1; t < nt; t++)
		started[t] = pthread_create(&th[t], NULL, stencil_run,
		    &J[t]) == 0;
	stencil_run(&J[0]);
	for (t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			stencil_run(&J[t]);
	}
}

enum sv_err
kde_grid(const double *xy, size_t n, const struct kde_grid *g,
    enum kde_kernel k, double sigma, enum kde_method method, double *out,
    size_t *outside, struct sv_diag *diag)
{
	size_t ncell, i, nout = 0;
	double *bins = NULL;
	enum sv_err rc;

	if (outside != NULL)
		*outside = 0;
	if ((rc = kde_check(xy, n, sigma, diag)) != SV_OK)
		return rc;
	if (g->nx == 0 || g->ny == 0 || g->nx > KDE_MAX_CELLS ||
	    g->ny > KDE_MAX_CELLS / g->nx)
		return sv_diag_set(diag, SV_ERR_INVALID, "grid", "the grid "
		    "must have between 1 and %zu cells", KDE_MAX_CELLS);
	if (!(g->dx > 0) || !(g->dy > 0) || !isfinite(g->dx) ||
	    !isfinite(g->dy) || !isfinite(g->x0) || !isfinite(g->y0))
		return sv_diag_set(diag, SV_ERR_INVALID, "grid", "the cell "
		    "size must be positive and finite");
	ncell = g->nx * g->ny;
	if (method == KDE_GRID_EXACT) {
		double *at = sv_malloc(2 * ncell * sizeof(double));
		size_t j;

		for (j = 0; j < g->ny; j++)
			for (i = 0; i < g->nx; i++) {
				at[2 * (j * g->nx + i)] = g->x0 +
				    ((double)i + 0.5) * g->dx;
				at[2 * (j * g->nx + i) + 1] = g->y0 +
				    ((double)j + 0.5) * g->dy;
			}
		rc = kde_at(xy, n, at, ncell, k, sigma, 0, out, diag);
		free(at);
		return rc;
	}
	bins = sv_calloc(ncell, sizeof(double));
	for (i = 0; i < n; i++) {
		double x = xy[2 * i], y = xy[2 * i + 1], fx, fy;

		if (x < g->x0 || y < g->y0 ||
		    x > g->x0 + (double)g->nx * g->dx ||
		    y > g->y0 + (double)g->ny * g->dy) {
			nout++;
			continue;
		}
		/*
		 * The nearest pixel centre, ties to even, exactly as
		 * spatstat's nearest.raster.point (R's round) computes it.
		 */
		fx = nearbyint((x - (g->x0 + g->dx / 2)) / g->dx);
		fy = nearbyint((y - (g->y0 + g->dy / 2)) / g->dy);
		fx = fmin(fmax(fx, 0), (double)g->nx - 1);
		fy = fmin(fmax(fy, 0), (double)g->ny - 1);
		bins[(size_t)fy * g->nx + (size_t)fx] += 1;
	}
	memset(out, 0, ncell * sizeof(double));
	if (k == KDE_GAUSSIAN) {
		/* Separable: K(a dx, b dy) = g(a dx) g(b dy). */
		long rx = (long)ceil(GAUSS_CUT * sigma / g->dx);
		long ry = (long)ceil(GAUSS_CUT * sigma / g->dy);
		double *kx, *ky, *tmp;
		long a;
		size_t j;

		if ((size_t)rx > g->nx)
			rx = (long)g->nx;
		if ((size_t)ry > g->ny)
			ry = (long)g->ny;
		kx = sv_malloc((size_t)(2 * rx + 1) * sizeof(double));
		ky = sv_malloc((size_t)(2 * ry + 1) * sizeof(double));
		for (a = -rx; a <= rx; a++)
			kx[a + rx] = exp(-((double)a * g->dx) *
			    ((double)a * g->dx) / (2 * sigma * sigma)) /
			    (sqrt(2 * M_PI) * sigma);
		for (a = -ry; a <= ry; a++)
			ky[a + ry] = exp(-((double)a * g->dy) *
			    ((double)a * g->dy) / (2 * sigma * sigma)) /
			    (sqrt(2 * M_PI) * sigma);
		tmp = sv_calloc(ncell, sizeof(double));
		/* Along x, row by row. */
		for (j = 0; j < g->ny; j++) {
			const double *b = bins + j * g->nx;
			double *o = tmp + j * g->nx;

			for (a = -rx; a <= rx; a++) {
				long i0 = a > 0 ? a : 0;
				long i1 = a < 0 ? (long)g->nx + a : (long)g->nx;
				double c = kx[a + rx];
				long ii;

				for (ii = i0; ii < i1; ii++)
					o[ii] += c * b[ii - a];
			}
		}
		/* Along y: a stencil of one column. */
		{
			struct stencil_job J;

			J.bins = tmp;
			J.st = ky;
			J.out = out;
			J.nx = g->nx;
			J.ny = g->ny;
			J.rx = 0;
			J.ry = ry;
			stencil_threads(&J);
		}
		free(kx);
		free(ky);
		free(tmp);
	} else {
		double h = sqrt(8.0) * sigma;
		long rx = (long)floor(h / g->dx), ry = (long)floor(h / g->dy);
		long a, b, sw;
		double *st;
		struct stencil_job J;

		if ((size_t)rx > g->nx)
			rx = (long)g->nx;
		if ((size_t)ry > g->ny)
			ry = (long)g->ny;
		sw = 2 * rx + 1;
		st = sv_malloc((size_t)(sw * (2 * ry + 1)) * sizeof(double));
		for (b = -ry; b <= ry; b++)
			for (a = -rx; a <= rx; a++) {
				double ex = (double)a * g->dx;
				double ey = (double)b * g->dy;

				st[(b + ry) * sw + a + rx] = kde_k2(k, sigma,
				    ex * ex + ey * ey);
			}
		J.bins = bins;
		J.st = st;
		J.out = out;
		J.nx = g->nx;
		J.ny = g->ny;
		J.rx = rx;
		J.ry = ry;
		stencil_threads(&J);
		free(st);
	}
	free(bins);
	if (outside != NULL)
		*outside = nout;
	return SV_OK;
}
