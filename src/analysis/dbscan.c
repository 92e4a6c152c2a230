/*
 * DBSCAN: neighbour counts through the grid index, then a depth-first
 * expansion per cluster in the order scikit-learn's dbscan_inner uses.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "dbscan.h"
#include "gridindex.h"

/* Pushes the unlabelled neighbours (d <= eps) of point c. */
static void
push_unlabelled(const struct gridindex *gi, const double *xy, size_t c,
    double e2, const int32_t *label, uint32_t **stack, size_t *sp,
    size_t *salloc)
{
	int64_t cx, cy, dx, dy;

	gridindex_cell(gi, xy[2 * c], xy[2 * c + 1], &cx, &cy);
	for (dx = -1; dx <= 1; dx++)
		for (dy = -1; dy <= 1; dy++) {
			size_t first, m, q;

			m = gridindex_range(gi, cx + dx, cy + dy, &first);
			for (q = 0; q < m; q++) {
				uint32_t j = gi->order[first + q];
				double ex = xy[2 * j] - xy[2 * c];
				double ey = xy[2 * j + 1] - xy[2 * c + 1];

				if (label[j] != -1 || ex * ex + ey * ey > e2)
					continue;
				if (*sp == *salloc) {
					*salloc = *salloc ? 2 * *salloc : 1024;
					*stack = sv_reallocarray(*stack,
					    *salloc, sizeof(**stack));
				}
				(*stack)[(*sp)++] = j;
			}
		}
}

enum sv_err
dbscan_run(const double *xy, size_t n, double eps, size_t min_points,
    int32_t *label, uint8_t *core, size_t *nclusters, struct sv_diag *diag)
{
	struct gridindex gi;
	uint8_t *iscore = NULL;
	uint32_t *stack = NULL;
	size_t sp = 0, salloc = 0, i;
	double e2 = eps * eps;
	int32_t next = 0;
	enum sv_err rc;

	*nclusters = 0;
	if (!(eps > 0) || !isfinite(eps))
		return sv_diag_set(diag, SV_ERR_INVALID, "eps", "eps must be "
		    "positive and finite");
	if (min_points < 1)
		return sv_diag_set(diag, SV_ERR_INVALID, "min-points",
		    "min-points must be at least 1");
	if (n > DBSCAN_MAX_POINTS)
		return sv_diag_set(diag, SV_ERR_INVALID, "points", "too many "
		    "points (%zu)", n);
	if ((rc = gridindex_build(&gi, xy, n, eps, diag)) != SV_OK)
		return rc;
	iscore = sv_calloc(n ? n : 1, 1);
	for (i = 0; i < n; i++) {
		int64_t cx, cy, dx, dy;
		size_t cnt = 0;

		label[i] = -1;
		gridindex_cell(&gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		for (dx = -1; dx <= 1 && cnt < min_points; dx++)
			for (dy = -1; dy <= 1 && cnt < min_points; dy++) {
				size_t first, m, q;

				m = gridindex_range(&gi, cx + dx, cy + dy,
				    &first);
				for (q = 0; q < m; q++) {
					uint32_t j = gi.order[first + q];
					double ex = xy[2 * j] - xy[2 * i];
					double ey = xy[2 * j + 1] - xy[2 * i + 1];

					if (ex * ex + ey * ey <= e2)
						cnt++;
				}
			}
		iscore[i] = cnt >= min_points;
	}
	for (i = 0; i < n; i++) {
		size_t cur;

		if (label[i] != -1 || !iscore[i])
			continue;
		cur = i;
		for (;;) {
			if (label[cur] == -1) {
				label[cur] = next;
				if (iscore[cur])
					push_unlabelled(&gi, xy, cur, e2, label,
					    &stack, &sp, &salloc);
			}
			if (sp == 0)
				break;
			cur = stack[--sp];
		}
		next++;
	}
	if (core != NULL)
		memcpy(core, iscore, n);
	*nclusters = (size_t)next;
	free(iscore);
	free(stack);
	gridindex_release(&gi);
	return SV_OK;
}
