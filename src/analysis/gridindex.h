/*
 * A uniform grid over points for fixed-radius and nearest-neighbour
 * searches: points are bucketed into square cells of side h; the points
 * of a cell are a contiguous range of an index array. Dense cell tables
 * are used when the bounding box has few enough cells, otherwise the
 * occupied cells are kept sorted and found by binary search, so memory
 * stays linear in the number of points whatever h is.
 */
#ifndef SV_ANALYSIS_GRIDINDEX_H
#define SV_ANALYSIS_GRIDINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct gridindex {
	double		 x0, y0, h;	/* origin (min corner) and cell side */
	int64_t		 nx, ny;	/* cells per axis over the bbox */
	size_t		 n;		/* points */
	uint32_t	*order;		/* point indices grouped by cell */
	/* Dense: start[c] .. start[c + 1] for cell c = cy * nx + cx. */
	size_t		*start;
	/* Sparse: occupied cells sorted by (cx, cy), kstart as above. */
	int64_t		*kx, *ky;
	size_t		*kstart;
	size_t		 nkeys;
};

/*
 * Builds the index of n points (xy interleaved) with cell side h > 0.
 * The caller owns gi's arrays (gridindex_release). Errors:
 * SV_ERR_INVALID for non-finite coordinates, h <= 0, n > 2^31, or a
 * bbox too large for h (more than 2^53 cells per axis).
 */
enum sv_err	gridindex_build(struct gridindex *gi, const double *xy,
		    size_t n, double h, struct sv_diag *diag);
/* The cell of a point (may lie outside the bbox, then no points). */
void		gridindex_cell(const struct gridindex *, double x, double y,
		    int64_t *cx, int64_t *cy);
/* Points of cell (cx, cy): order[*first .. *first + count). */
size_t		gridindex_range(const struct gridindex *, int64_t cx,
		    int64_t cy, size_t *first);
void		gridindex_release(struct gridindex *);

#endif
