/*
 * Spatial weights: queen contiguity of the 290 SCB kommuner equals
 * spdep poly2nb's neighbour list link for link; rook, distance band,
 * kNN and styles on small cases worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_analysis_util.h"

static size_t
find_code(const struct tu_kommuner *k, const char *code)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->code[i], code) == 0)
			return i;
	fail_msg("unknown code %s", code);
	return 0;
}

static int
has_link(const struct weights *w, size_t i, size_t j)
{
	size_t k;

	for (k = w->off[i]; k < w->off[i + 1]; k++)
		if (w->nbr[k] == j)
			return 1;
	return 0;
}

static void
test_kommun_queen(void **state)
{
	struct tu_kommuner k;
	struct tu_csv edges;
	struct weights *w;
	struct sv_diag diag;
	char path[512];
	size_t r, i;

	(void)state;
	tu_kommuner_load(&k);
	assert_int_equal(k.n, 290);
	assert_int_equal(weights_contiguity(k.areas, k.n, 1,
	    WEIGHTS_SNAP_DEFAULT, &w, &diag), SV_OK);
	tu_csv_read(tu_path("sweden_reference/kommun_queen_edges_scb.csv",
	    path, sizeof(path)), &edges);
	assert_int_equal(edges.nrows - 1, 1456);
	assert_int_equal(weights_nlinks(w), 1456);
	for (r = 1; r < edges.nrows; r++) {
		size_t a = find_code(&k, edges.cell[r][0]);
		size_t b = find_code(&k, edges.cell[r][1]);

		if (!has_link(w, a, b))
			fail_msg("missing link %s-%s", edges.cell[r][0],
			    edges.cell[r][1]);
	}
	assert_int_equal(weights_nislands(w), 5);
	/* Ekerö, Lidingö, Gotland, Öckerö, Tjörn. */
	for (i = 0; i < 5; i++) {
		static const char *islands[] = { "0125", "0186", "0980",
		    "1407", "1419" };
		size_t a = find_code(&k, islands[i]);

		assert_int_equal(w->off[a + 1], w->off[a]);
	}
	/* Symmetric. */
	for (i = 0; i < w->n; i++)
		for (r = w->off[i]; r < w->off[i + 1]; r++)
			assert_true(has_link(w, w->nbr[r], i));
	weights_set_style(w, WEIGHTS_ROW);
	for (i = 0; i < w->n; i++) {
		double s = 0;

		for (r = w->off[i]; r < w->off[i + 1]; r++)
			s += w->w[r];
		assert_true(w->off[i + 1] == w->off[i] ||
		    fabs(s - 1.0) < 1e-15);
	}
	weights_free(w);
	tu_csv_free(&edges);
	tu_kommuner_free(&k);
}

/*
 * Four unit squares in a 2x2 block plus one touching only at a corner:
 *   C D
 *   A B   E touches B at (2,0) only.
 */
static void
test_small_queen_rook(void **state)
{
	static const double a[] = { 0,0, 1,0, 1,1, 0,1, 0,0 };
	static const double b[] = { 1,0, 2,0, 2,1, 1,1, 1,0 };
	static const double c[] = { 0,1, 1,1, 1,2, 0,2, 0,1 };
	static const double d[] = { 1,1, 2,1, 2,2, 1,2, 1,1 };
	static const double e[] = { 2,0, 3,0, 3,-1, 2,-1, 2,0 };
	struct weights_area areas[] = {
		{ a, 5 }, { b, 5 }, { c, 5 }, { d, 5 }, { e, 5 },
	};
	struct weights *w;
	struct sv_diag diag;

	(void)state;
	assert_int_equal(weights_contiguity(areas, 5, 1, WEIGHTS_SNAP_DEFAULT,
	    &w, &diag), SV_OK);
	/* Queen: A-B A-C A-D B-C B-D C-D B-E: 7 links, 14 directed. */
	assert_int_equal(weights_nlinks(w), 14);
	assert_true(has_link(w, 0, 3) && has_link(w, 1, 4));
	weights_free(w);
	assert_int_equal(weights_contiguity(areas, 5, 0, WEIGHTS_SNAP_DEFAULT,
	    &w, &diag), SV_OK);
	/*
	 * Rook: A-B A-C B-D C-D share an edge; A-D and B-C share a point.
	 * B-E: B's vertex list drops its first vertex (1,0) but keeps the
	 * closing one, E's first (2,0) is dropped and its closing (2,0)
	 * kept: one pair, not a rook link.
	 */
	assert_int_equal(weights_nlinks(w), 8);
	assert_false(has_link(w, 0, 3));
	assert_false(has_link(w, 1, 4));
	weights_free(w);
	/* A snap of 0.6 joins squares whose corners are 0.5 apart. */
	{
		static const double f[] = { 0,2.5, 1,2.5, 1,3.5, 0,3.5,
		    0,2.5 };
		struct weights_area two[] = { { c, 5 }, { f, 5 } };

		assert_int_equal(weights_contiguity(two, 2, 1,
		    WEIGHTS_SNAP_DEFAULT, &w, &diag), SV_OK);
		assert_int_equal(weights_nlinks(w), 0);
		assert_int_equal(weights_nislands(w), 2);
		weights_free(w);
		assert_int_equal(weights_contiguity(two, 2, 1, 0.6, &w,
		    &diag), SV_OK);
		assert_int_equal(weights_nlinks(w), 2);
		weights_free(w);
	}
	assert_int_equal(weights_contiguity(areas, 0, 1, 0, &w, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(weights_contiguity(areas, 5, 1, -1, &w, &diag),
	    SV_ERR_INVALID);
}

static void
test_distance_knn(void **state)
{
	/* A 3x3 lattice with spacing 100 and a duplicate of the centre. */
	double xy[20];
	struct weights *w;
	struct sv_diag diag;
	size_t i;

	(void)state;
	for (i = 0; i < 9; i++) {
		xy[2 * i] = 100.0 * (double)(i % 3);
		xy[2 * i + 1] = 100.0 * (double)(i / 3);
	}
	xy[18] = 100;
	xy[19] = 100;
	assert_int_equal(weights_distance_band(xy, 10, 100, 0, &w, &diag),
	    SV_OK);
	/* Centre 4: 1 3 5 7 and its duplicate 9 (distance 0 counts). */
	assert_int_equal(w->off[5] - w->off[4], 5);
	assert_true(has_link(w, 4, 9) && has_link(w, 9, 4));
	/* Corner 0: 1 and 3. */
	assert_int_equal(w->off[1] - w->off[0], 2);
	weights_set_style(w, WEIGHTS_ROW);
	assert_true(w->w[w->off[4]] == 0.2);
	weights_include_self(w);
	assert_int_equal(w->off[1] - w->off[0], 3);
	assert_true(has_link(w, 0, 0));
	assert_true(fabs(w->w[w->off[0]] - 1.0 / 3) < 1e-15);
	weights_free(w);
	assert_int_equal(weights_distance_band(xy, 10, 141.43, 1, &w, &diag),
	    SV_OK);
	assert_int_equal(w->off[5] - w->off[4], 10);
	assert_true(w->self);
	weights_free(w);

	assert_int_equal(weights_knn(xy, 10, 2, &w, &diag), SV_OK);
	/* Point 0: 1 and 3 at 100 (ties by index). */
	assert_int_equal(w->nbr[w->off[0]], 1);
	assert_int_equal(w->nbr[w->off[0] + 1], 3);
	/* Point 4: the duplicate 9 first, then 1. */
	assert_int_equal(w->nbr[w->off[4]], 1);
	assert_int_equal(w->nbr[w->off[4] + 1], 9);
	assert_int_equal(weights_nlinks(w), 20);
	weights_free(w);
	assert_int_equal(weights_knn(xy, 10, 10, &w, &diag), SV_ERR_INVALID);
	xy[3] = NAN;
	assert_int_equal(weights_distance_band(xy, 10, 100, 0, &w, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(diag.line, 2);
}

static void
test_knn_vs_brute(void **state)
{
	enum { N = 2000, K = 6 };
	static double xy[2 * N];
	struct weights *w;
	struct sv_diag diag;
	uint64_t s = 12345;
	size_t i, j, m;

	(void)state;
	for (i = 0; i < 2 * N; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		xy[i] = (double)(s >> 11) / 9007199254740992.0 * 1000.0;
		if (i % 7 == 0)
			xy[i] = floor(xy[i] / 10) * 10;	/* ties */
	}
	assert_int_equal(weights_knn(xy, N, K, &w, &diag), SV_OK);
	for (i = 0; i < N; i += 37) {
		double kth, dk;

		/* The K-th distance, brute force. */
		double d[N];
		size_t cnt;

		for (j = 0; j < N; j++)
			d[j] = j == i ? INFINITY :
			    hypot(xy[2 * j] - xy[2 * i],
			    xy[2 * j + 1] - xy[2 * i + 1]);
		kth = 0;
		for (m = w->off[i]; m < w->off[i + 1]; m++) {
			dk = d[w->nbr[m]];
			kth = fmax(kth, dk);
		}
		cnt = 0;
		for (j = 0; j < N; j++)
			if (d[j] < kth)
				cnt++;
		assert_true(cnt < K);
		assert_int_equal(w->off[i + 1] - w->off[i], K);
	}
	weights_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kommun_queen),
		cmocka_unit_test(test_small_queen_rook),
		cmocka_unit_test(test_distance_knn),
		cmocka_unit_test(test_knn_vs_brute),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
