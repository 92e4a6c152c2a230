/*
 * Spatial weights: who neighbours whom, and with what weight, stored as
 * compressed rows (CSR): the neighbours of i are nbr[off[i] .. off[i+1]),
 * sorted by index, with weights w[] in the same order.
 *
 * Constructions (all pure, arrays in):
 * - contiguity from polygons exactly as R spdep poly2nb (1.2-7): each
 *   area is the concatenation of all vertices of all its rings, minus the
 *   very first vertex of the area (spdep drops row 1 of st_coordinates);
 *   two areas are neighbours when the number of vertex pairs (a in A,
 *   b in B) with hypot(a - b) <= snap exceeds the criterion: 0 for queen
 *   (one shared point is enough), 1 for rook (two vertex pairs). Default
 *   snap is spdep's sqrt(DBL_EPSILON). Vertex pairs are found through a
 *   hash of snap-sized cells, so the cost is linear in the vertices.
 * - distance band as spdep dnearneigh(x, 0, d) with bounds GE/LE:
 *   j != i with 0 <= d(i, j) <= d; optionally i itself (include.self,
 *   for Gi*). A grid of d-sized cells limits the pairs examined.
 * - k nearest neighbours (spdep knearneigh): the k closest j != i, ties
 *   broken by the smaller index; not symmetric.
 * Styles as spdep nb2listw: "B" binary (1 per link) and "W" row
 * standardised (1 / number of neighbours). Rows without neighbours
 * (islands) stay empty; the statistics treat them as spdep does with
 * zero.policy = TRUE.
 */
#ifndef SV_ANALYSIS_WEIGHTS_H
#define SV_ANALYSIS_WEIGHTS_H

#include <float.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* spdep's default snap, sqrt(.Machine$double.eps). */
#define WEIGHTS_SNAP_DEFAULT	1.4901161193847656e-08
/* Largest number of units (indices are 32-bit). */
#define WEIGHTS_MAX_N		((size_t)1 << 30)

enum weights_style {
	WEIGHTS_BINARY,		/* "B" */
	WEIGHTS_ROW,		/* "W" */
	WEIGHTS_STYLE__MAX
};
extern const char *const weights_style_names[WEIGHTS_STYLE__MAX];

struct weights {
	size_t			 n;
	size_t			*off;	/* n + 1 entries */
	uint32_t		*nbr;	/* off[n] entries */
	double			*w;	/* off[n] entries */
	enum weights_style	 style;
	int			 self;	/* 1 if i is in its own row */
};

/* The vertices of one area: n interleaved x,y pairs, all rings. */
struct weights_area {
	const double	*xy;
	size_t		 n;
};

/*
 * Queen (queen = 1) or rook contiguity of n areas as spdep poly2nb with
 * the given snap (use WEIGHTS_SNAP_DEFAULT). Binary style. *out is new,
 * owned by the caller (weights_free). Errors: SV_ERR_INVALID for n == 0,
 * n > WEIGHTS_MAX_N, a negative snap or a non-finite coordinate.
 */
enum sv_err	weights_contiguity(const struct weights_area *areas,
		    size_t n, int queen, double snap, struct weights **out,
		    struct sv_diag *diag);
/*
 * Distance band: j != i with d(i, j) <= dmax (Euclidean), plus i itself
 * when self is set. Binary style. Errors: SV_ERR_INVALID for n == 0, a
 * dmax that is not finite and positive, or a non-finite coordinate.
 */
enum sv_err	weights_distance_band(const double *xy, size_t n, double dmax,
		    int self, struct weights **out, struct sv_diag *diag);
/*
 * k nearest neighbours (Euclidean), ties by smaller index. Binary style.
 * Errors: SV_ERR_INVALID for k < 1, k >= n or a non-finite coordinate.
 */
enum sv_err	weights_knn(const double *xy, size_t n, size_t k,
		    struct weights **out, struct sv_diag *diag);
/* Adds i to its own row (spdep include.self); keeps the style. */
void		weights_include_self(struct weights *);
/* Sets the weights to a style (rows without neighbours stay empty). */
void		weights_set_style(struct weights *, enum weights_style);
/* Number of links (off[n]) and of rows without neighbours. */
size_t		weights_nlinks(const struct weights *);
size_t		weights_nislands(const struct weights *);
/* Frees; NULL is a no-op. */
void		weights_free(struct weights *);

#endif
