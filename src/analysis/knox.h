/*
 * Knox space-time interaction and the near-repeat table.
 *
 * Near-repeat table (Ratcliffe's Near Repeat Calculator as it really
 * counts): every pair of events i < j falls into one space band and one
 * time band; bands are closed on the left and open on the right. With
 * space breaks b_1 < ... < b_S the space bands are [0, b_1), [b_1, b_2),
 * ..., [b_S, inf); the time bands likewise from the time breaks. (The
 * calculator's "same location" row is the band [0, 1) metre and its
 * "1 to 100" row is [1, 100): pass breaks 1, 100, 200, 300.) Distance is
 * Euclidean or Manhattan; time difference |t_i - t_j| (days, say).
 * Monte Carlo: times are permuted over the events R times (seeded); for
 * each cell the expectation is the mean simulated count, the Knox ratio
 * observed / expected, and p = (1 + #{sim >= observed}) / (R + 1).
 * Only pairs closer than b_S are visited (grid index); the last row
 * follows from the time-band totals, which a permutation cannot change.
 *
 * Classic 2x2 Knox test as R surveillance::knox: close in space when
 * d <= eps_s and in time when |dt| <= eps_t; statistic = pairs close in
 * both; expected = (time-close pairs)(space-close pairs) / all pairs;
 * Poisson p = P(X > observed) = ppois(observed, expected, lower.tail =
 * FALSE), exactly as surveillance computes it (strictly greater: its
 * convention, kept so the numbers agree); Monte Carlo p as above. table[0][0] close-close, [0][1] time-close only, [1][0]
 * space-close only, [1][1] neither (rows time, columns space).
 */
#ifndef SV_ANALYSIS_KNOX_H
#define SV_ANALYSIS_KNOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum knox_metric {
	KNOX_EUCLIDEAN,
	KNOX_MANHATTAN,
	KNOX_METRIC__MAX
};
extern const char *const knox_metric_names[KNOX_METRIC__MAX];

#define KNOX_MAX_BANDS	64
#define KNOX_MAX_POINTS	((size_t)1 << 26)

struct knox_params {
	const double		*space_breaks;	/* increasing, > 0 */
	size_t			 nspace;
	const double		*time_breaks;	/* increasing, > 0 */
	size_t			 ntime;
	enum knox_metric	 metric;
	unsigned long		 permutations;
	uint64_t		 seed;
};

/* Row-major tables of rows x cols (rows = space bands). */
struct knox_table {
	size_t		 rows, cols;
	double		*observed, *expected, *ratio, *p;
	double		 npairs;
	unsigned long	 permutations;
};

struct knox_2x2 {
	double		table[2][2];
	double		observed, expected, p_poisson, p_mc;
	unsigned long	permutations;
};

/*
 * The near-repeat table of n events (xy interleaved, t times). *out's
 * arrays are new (knox_table_free). expected, ratio and p are NaN
 * without permutations. Errors: SV_ERR_INVALID for n < 2, too many
 * points, breaks not increasing and positive, more than KNOX_MAX_BANDS,
 * or a non-finite coordinate or time (diag line = event number).
 */
enum sv_err	knox_table(const double *xy, const double *t, size_t n,
		    const struct knox_params *, struct knox_table *out,
		    struct sv_diag *diag);
void		knox_table_free(struct knox_table *);
/* The 2x2 Knox test; errors as knox_table. */
enum sv_err	knox_test_2x2(const double *xy, const double *t, size_t n,
		    double eps_s, double eps_t, enum knox_metric,
		    unsigned long permutations, uint64_t seed,
		    struct knox_2x2 *out, struct sv_diag *diag);

#endif
