/*
 * Kernel benchmarks, our side (bench/run-kernels.sh drives it and the
 * peers). Modes:
 *   gen DIR                 deterministic inputs (CSV) for both sides
 *   gistar DIR N REPS       Gi* on the N x N grid: distance-band weights
 *                           (band 1.5 cells, self) + statistic
 *   lmoran DIR N R REPS     local Moran, queen lattice weights, R perms
 *   kde DIR M REPS          KDE of the 1M points on an M x M grid
 *   dbscan DIR FILE EPS MINPTS REPS
 * Each prints "median_ms" and writes its numbers to DIR/ours_*.csv for
 * the comparison with the peers.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/dbscan.h"
#include "analysis/getisord.h"
#include "analysis/kde.h"
#include "analysis/moran.h"
#include "analysis/rng.h"
#include "analysis/weights.h"
#include "core/mem.h"

#define SIDE	10000.0		/* study square, metres */
#define NPTS	1000000

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), dcmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
normal(struct rng *r)
{
	double u = rng_double(r), v = rng_double(r);

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

/* 1M points: 60 % in 40 Gaussian hot spots, 40 % uniform. */
static double *
gen_points(void)
{
	struct rng r;
	double *xy = sv_malloc(2 * NPTS * sizeof(double)), c[80];
	size_t i;

	rng_seed(&r, 20261122);
	for (i = 0; i < 80; i++)
		c[i] = 1000 + rng_double(&r) * (SIDE - 2000);
	for (i = 0; i < NPTS; i++) {
		double x, y;

		do {
			if (rng_double(&r) < 0.6) {
				size_t k = (size_t)rng_below(&r, 40);
				double s = 80 + 40 * (double)(k % 5);

				x = c[2 * k] + s * normal(&r);
				y = c[2 * k + 1] + s * normal(&r);
			} else {
				x = rng_double(&r) * SIDE;
				y = rng_double(&r) * SIDE;
			}
		} while (x < 0 || y < 0 || x >= SIDE || y >= SIDE);
		/* Centimetre coordinates, as stored, so both sides agree. */
		xy[2 * i] = round(x * 100) / 100;
		xy[2 * i + 1] = round(y * 100) / 100;
	}
	return xy;
}

static double *
read_xy(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t alloc = 1 << 20;
	double *xy = sv_malloc(2 * alloc * sizeof(double));

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	*n = 0;
	if (fgets(line, sizeof(line), f) == NULL)
		exit(1);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *e;

		if (*n == alloc) {
			alloc *= 2;
			xy = sv_realloc(xy, 2 * alloc * sizeof(double));
		}
		xy[2 * *n] = strtod(line, &e);
		xy[2 * *n + 1] = strtod(e + 1, NULL);
		(*n)++;
	}
	fclose(f);
	return xy;
}

/* Grid of counts: N x N cells over the square; centres and counts. */
static void
grid_counts(const double *xy, size_t n, int N, double *cxy, double *cnt)
{
	double c = SIDE / N;
	size_t i;
	int a, b;

	memset(cnt, 0, (size_t)N * N * sizeof(double));
	for (i = 0; i < n; i++) {
		int gx = (int)(xy[2 * i] / c), gy = (int)(xy[2 * i + 1] / c);

		cnt[gy * N + gx]++;
	}
	for (b = 0; b < N; b++)
		for (a = 0; a < N; a++) {
			cxy[2 * (b * N + a)] = (a + 0.5) * c;
			cxy[2 * (b * N + a) + 1] = (b + 0.5) * c;
		}
}

static void
gen(const char *dir)
{
	double *xy = gen_points(), *cxy, *cnt;
	char path[512];
	FILE *f;
	size_t i;
	int N;

	snprintf(path, sizeof(path), "%s/pts_1m.csv", dir);
	f = fopen(path, "w");
	fputs("x,y\n", f);
	for (i = 0; i < NPTS; i++)
		fprintf(f, "%.2f,%.2f\n", xy[2 * i], xy[2 * i + 1]);
	fclose(f);
	snprintf(path, sizeof(path), "%s/pts_100k.csv", dir);
	f = fopen(path, "w");
	fputs("x,y\n", f);
	for (i = 0; i < NPTS / 10; i++)
		fprintf(f, "%.2f,%.2f\n", xy[2 * i], xy[2 * i + 1]);
	fclose(f);
	for (N = 100; N <= 200; N += 100) {
		cxy = sv_malloc(2 * (size_t)N * N * sizeof(double));
		cnt = sv_malloc((size_t)N * N * sizeof(double));
		grid_counts(xy, NPTS / 10, N, cxy, cnt);
		snprintf(path, sizeof(path), "%s/grid%d.csv", dir, N);
		f = fopen(path, "w");
		fputs("x,y,count\n", f);
		for (i = 0; i < (size_t)N * N; i++)
			fprintf(f, "%.17g,%.17g,%.0f\n", cxy[2 * i],
			    cxy[2 * i + 1], cnt[i]);
		fclose(f);
		free(cxy);
		free(cnt);
	}
	free(xy);
}

static double *
read_grid(const char *dir, int N, double **cxy)
{
	char path[512], line[256];
	FILE *f;
	double *v = sv_malloc((size_t)N * N * sizeof(double));
	size_t i = 0;

	*cxy = sv_malloc(2 * (size_t)N * N * sizeof(double));
	snprintf(path, sizeof(path), "%s/grid%d.csv", dir, N);
	if ((f = fopen(path, "r")) == NULL || fgets(line, sizeof(line), f) ==
	    NULL)
		exit(1);
	while (fgets(line, sizeof(line), f) != NULL && i < (size_t)N * N) {
		char *e, *e2;

		(*cxy)[2 * i] = strtod(line, &e);
		(*cxy)[2 * i + 1] = strtod(e + 1, &e2);
		v[i++] = strtod(e2 + 1, NULL);
	}
	fclose(f);
	return v;
}

static void
write_col(const char *dir, const char *name, const double *v, size_t n)
{
	char path[512];
	FILE *f;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs("v\n", f);
	for (i = 0; i < n; i++)
		fprintf(f, "%.17g\n", v[i]);
	fclose(f);
}

int
main(int argc, char **argv)
{
	double t[32], t0;
	int reps, k;
	struct sv_diag diag;
	char name[64];

	if (argc < 3) {
		fprintf(stderr, "usage: bench_kernels MODE DIR ...\n");
		return 2;
	}
	if (strcmp(argv[1], "gen") == 0) {
		gen(argv[2]);
		return 0;
	}
	if (strcmp(argv[1], "gistar") == 0 && argc == 5) {
		int N = (int)strtol(argv[3], NULL, 10);
		double *cxy, *x = read_grid(argv[2], N, &cxy);
		double *z = sv_malloc((size_t)N * N * sizeof(double));
		double cell = SIDE / N;

		reps = (int)strtol(argv[4], NULL, 10);
		for (k = 0; k < reps; k++) {
			struct weights *w;

			t0 = now_ms();
			if (weights_distance_band(cxy, (size_t)N * N,
			    1.5 * cell, 1, &w, &diag) != SV_OK ||
			    getisord_local(x, w, z, NULL, &diag) != SV_OK)
				return 1;
			t[k] = now_ms() - t0;
			weights_free(w);
		}
		snprintf(name, sizeof(name), "ours_gistar%d.csv", N);
		write_col(argv[2], name, z, (size_t)N * N);
		printf("%.3f\n", median(t, reps));
		return 0;
	}
	if (strcmp(argv[1], "lmoran") == 0 && argc == 6) {
		int N = (int)strtol(argv[3], NULL, 10);
		double *cxy, *x = read_grid(argv[2], N, &cxy);
		size_t n = (size_t)N * N;
		double *b = sv_malloc(6 * n * sizeof(double));
		enum moran_quad *q = sv_malloc(n * sizeof(*q));
		struct moran_local L = { b, b + n, b + 2 * n, b + 3 * n,
		    b + 4 * n, b + 5 * n, q };
		unsigned long R = strtoul(argv[4], NULL, 10);
		struct weights *w;

		reps = (int)strtol(argv[5], NULL, 10);
		for (k = 0; k < reps; k++) {
			t0 = now_ms();
			/* Queen lattice: centres within sqrt(2) cells. */
			if (weights_distance_band(cxy, n, 1.415 * SIDE / N, 0,
			    &w, &diag) != SV_OK)
				return 1;
			weights_set_style(w, WEIGHTS_ROW);
			if (moran_local(x, w, R, 1, &L, &diag) != SV_OK)
				return 1;
			t[k] = now_ms() - t0;
			weights_free(w);
		}
		write_col(argv[2], "ours_lmoran_Ii.csv", L.Ii, n);
		write_col(argv[2], "ours_lmoran_psim.csv", L.p_sim, n);
		printf("%.3f\n", median(t, reps));
		return 0;
	}
	if (strcmp(argv[1], "kde") == 0 && argc == 6) {
		size_t n;
		double *xy = read_xy(argv[3], &n);
		int M = (int)strtol(argv[4], NULL, 10);
		struct kde_grid g = { 0, 0, SIDE / M, SIDE / M, (size_t)M,
		    (size_t)M };
		double *d = sv_malloc((size_t)M * M * sizeof(double));

		reps = (int)strtol(argv[5], NULL, 10);
		for (k = 0; k < reps; k++) {
			t0 = now_ms();
			if (kde_grid(xy, n, &g, KDE_GAUSSIAN, 100,
			    KDE_GRID_BINNED, d, NULL, &diag) != SV_OK)
				return 1;
			t[k] = now_ms() - t0;
		}
		write_col(argv[2], "ours_kde.csv", d, (size_t)M * M);
		printf("%.3f\n", median(t, reps));
		for (k = 0; k < reps; k++) {
			t0 = now_ms();
			if (kde_grid(xy, n, &g, KDE_QUARTIC, 100,
			    KDE_GRID_BINNED, d, NULL, &diag) != SV_OK)
				return 1;
			t[k] = now_ms() - t0;
		}
		write_col(argv[2], "ours_kde_quartic.csv", d, (size_t)M * M);
		fprintf(stderr, "quartic %.3f ms\n", median(t, reps));
		return 0;
	}
	if (strcmp(argv[1], "dbscan") == 0 && argc == 7) {
		size_t n, nc;
		double *xy = read_xy(argv[3], &n), *lab;
		int32_t *label = sv_malloc(n * sizeof(int32_t));
		size_t i;

		reps = (int)strtol(argv[6], NULL, 10);
		for (k = 0; k < reps; k++) {
			t0 = now_ms();
			if (dbscan_run(xy, n, strtod(argv[4], NULL),
			    (size_t)(int)strtol(argv[5], NULL, 10), label, NULL, &nc, &diag) !=
			    SV_OK)
				return 1;
			t[k] = now_ms() - t0;
		}
		lab = sv_malloc(n * sizeof(double));
		for (i = 0; i < n; i++)
			lab[i] = label[i];
		snprintf(name, sizeof(name), "ours_dbscan_%zu.csv", n);
		write_col(argv[2], name, lab, n);
		printf("%.3f\n", median(t, reps));
		return 0;
	}
	fprintf(stderr, "bad arguments\n");
	return 2;
}
