/*
 * Kernel density (intensity) estimation with spatstat density.ppp
 * semantics, edge = FALSE: the estimate at u is sum_i K(u - x_i), in
 * points per square unit, where sigma is the kernel's standard deviation
 * per coordinate:
 *   Gaussian: K(d) = exp(-|d|^2 / (2 sigma^2)) / (2 pi sigma^2);
 *   quartic (biweight): h = sqrt(8) sigma,
 *     K(d) = 3 / (pi h^2) (1 - |d|^2 / h^2)^2 for |d| <= h, else 0.
 *
 * At points (kde_at): exact sums; the Gaussian is cut at 9 sigma, where
 * each omitted point contributes less than exp(-40.5) = 2.6e-18 of the
 * peak (below double rounding of any sum that includes a nearer point).
 * leave_one_out drops the point's own term (at == the data points).
 *
 * On a grid (kde_grid), two methods:
 * - KDE_GRID_BINNED is spatstat's pixel image: every point is moved to
 *   the nearest pixel centre (ties to even, as spatstat's
 *   nearest.raster.point with R's round), then the kernel is summed
 *   at the pixel centres (spatstat does this by FFT; here the Gaussian
 *   is a separable convolution cut at 9 sigma and the quartic a direct
 *   2D stencil over its support, both exact for that definition up to
 *   rounding). Cost O(cells x stencil), independent of n after binning.
 * - KDE_GRID_EXACT evaluates the exact sum at the pixel centres with the
 *   points where they are (kde_at on the centres); cost grows with n.
 * Points outside the grid are ignored by the binned method (counted in
 * *outside) and used by the exact one.
 */
#ifndef SV_ANALYSIS_KDE_H
#define SV_ANALYSIS_KDE_H

#include <stddef.h>

#include "core/err.h"

enum kde_kernel {
	KDE_GAUSSIAN,
	KDE_QUARTIC,
	KDE_KERNEL__MAX
};
extern const char *const kde_kernel_names[KDE_KERNEL__MAX];

enum kde_method {
	KDE_GRID_BINNED,
	KDE_GRID_EXACT,
	KDE_METHOD__MAX
};
extern const char *const kde_method_names[KDE_METHOD__MAX];

/* Pixel (i, j) has centre (x0 + (i + 0.5) dx, y0 + (j + 0.5) dy). */
struct kde_grid {
	double	x0, y0, dx, dy;
	size_t	nx, ny;
};

/* Largest grid (cells) and number of points accepted. */
#define KDE_MAX_CELLS	((size_t)64 * 1024 * 1024)
#define KDE_MAX_POINTS	((size_t)1 << 30)

/* The kernel's value at distance d (for documentation and tests). */
double		kde_kernel_value(enum kde_kernel, double sigma, double d);
/*
 * Density of the n points xy at the m points at (both interleaved x,y)
 * into out[m]. With leave_one_out, at must be xy (m == n) and point i's
 * own term is left out. Errors: SV_ERR_INVALID for sigma not positive
 * and finite, non-finite coordinates, or leave_one_out with m != n.
 */
enum sv_err	kde_at(const double *xy, size_t n, const double *at, size_t m,
		    enum kde_kernel, double sigma, int leave_one_out,
		    double *out, struct sv_diag *diag);
/*
 * Density on a grid into out[ny * nx] (row j = y index, from the bottom)
 * by the given method; *outside (may be NULL) gets the number of points
 * outside the grid. Errors as kde_at, plus a grid that is empty, too
 * large (KDE_MAX_CELLS) or has non-positive cell sizes.
 */
enum sv_err	kde_grid(const double *xy, size_t n, const struct kde_grid *g,
		    enum kde_kernel, double sigma, enum kde_method,
		    double *out, size_t *outside, struct sv_diag *diag);

#endif
