/*
 * The lägesbild benchmark. Two modes:
 *
 *   lbbench gen DB KOMMUNER PER_KOMMUN
 *     writes a deterministic database: KOMMUNER square kommuner of 30 x 30
 *     km side by side (codes 9001, 9002, ...), each with 8 x 8 stadsdelar,
 *     and PER_KOMMUN incidents in each, spread over the five years up to
 *     2026-11-23 (day by day) with an evening rhythm, 30 % of them around
 *     25 hotspots per kommun (normal, sd 150 m) and the rest uniform.
 *     Incidents go in through the store's own statements (SQL_INC_INSERT,
 *     SQL_INC_AREA_INSERT), so the read model's triggers fill it exactly
 *     as in production; areas through the domain (area_create).
 *
 *   lbbench run DB CODE PERIOD REPEAT
 *     builds the lägesbild of kommun CODE for PERIOD REPEAT times (after
 *     three warm-up builds) through the engine entry point
 *     (lagesbild_build, as GET /lagesbild calls it, without the HTTP
 *     layer) and prints the median, p99, min and max latency in
 *     milliseconds (wall clock and process CPU time), and the incidents
 *     of the period. DB is a SQLite file or a postgres:// URL; a database
 *     of an older schema is migrated first (the read model is rebuilt).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/svtime.h"
#include "domain/area.h"
#include "domain/organisation.h"
#include "geo/geo.h"
#include "lagesbild/lagesbild.h"
#include "store/store.h"

#define KSIDE	30000.0
#define KX0	400000.0
#define KY0	6500000.0
#define NSUB	8
#define NHOT	25

static uint64_t rs = 0x243f6a8885a308d3ULL;

static double
urand(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (double)(rs >> 11) / 9007199254740992.0;
}

static double
nrand(void)
{
	double u = urand(), v = urand();

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

static void
die(const char *what, const struct sv_diag *d)
{
	fprintf(stderr, "lbbench: %s: %s: %s\n", what, d->field, d->message);
	exit(1);
}

static int64_t
add_area(struct sv_store *s, const char *layer, const char *code,
    const char *parent, double x, double y, double w)
{
	double ring[10] = { x, y, x + w, y, x + w, y + w, x, y + w, x, y };
	struct sv_ring r = { ring, 5 };
	struct sv_polygon p = { &r, 1 };
	struct sv_area_input in;
	struct sv_actor sys;
	struct sv_diag d;
	unsigned char *wkb;
	double bbox[4];
	size_t len;
	int64_t id;

	actor_system(&sys);
	if (geo_wkb_from_polygons(store_geo(s), &p, 1, SV_CRS_SWEREF, &wkb,
	    &len, bbox, &d) != SV_OK)
		die("polygon", &d);
	memset(&in, 0, sizeof(in));
	in.layer = layer;
	in.code = code;
	in.name = code;
	in.parent_layer = parent != NULL ? "kommun" : NULL;
	in.parent_code = parent;
	in.wkb = wkb;
	in.wkb_len = len;
	if (area_create(s, &sys, &in, &id, &d) != SV_OK)
		die("area", &d);
	free(wkb);
	return id;
}

/* One incident and its two incident_area rows, through the store table. */
static void
insert(struct sv_store *s, int64_t org, int64_t cat, int64_t t, double x,
    double y, int64_t kid, int64_t subid)
{
	struct sv_stmt *st;
	struct sv_diag d;
	double lat, lon;
	int64_t iid;
	int row;

	if (geo_to_wgs84(store_geo(s), x, y, &lat, &lon) != SV_OK)
		lat = lon = 0;
	st = store_stmt(s, SQL_INC_INSERT);
	stmt_bind_int(st, 1, org);
	stmt_bind_int(st, 2, cat);
	stmt_bind_int(st, 3, t);
	stmt_bind_null(st, 4);
	stmt_bind_double(st, 5, x);
	stmt_bind_double(st, 6, y);
	stmt_bind_double(st, 7, lat);
	stmt_bind_double(st, 8, lon);
	stmt_bind_int(st, 9, 1 + (int)(urand() * 3));
	stmt_bind_null(st, 10);
	stmt_bind_text(st, 11, "observed");
	stmt_bind_null(st, 12);
	stmt_bind_text(st, 13, "est");
	stmt_bind_null(st, 14);
	stmt_bind_text(st, 15, "active");
	stmt_bind_null(st, 16);
	stmt_bind_int(st, 17, t);
	stmt_bind_null(st, 18);
	stmt_bind_null(st, 19);
	if (stmt_step(st, &row, &d) != SV_OK || !row)
		die("insert", &d);
	iid = stmt_int(st, 0);
	stmt_reset(st);
	st = store_stmt(s, SQL_INC_AREA_INSERT);
	stmt_bind_int(st, 1, iid);
	stmt_bind_text(st, 2, "kommun");
	stmt_bind_int(st, 3, kid);
	if (stmt_exec(st, &d) != SV_OK)
		die("area", &d);
	st = store_stmt(s, SQL_INC_AREA_INSERT);
	stmt_bind_int(st, 1, iid);
	stmt_bind_text(st, 2, "stadsdel");
	stmt_bind_int(st, 3, subid);
	if (stmt_exec(st, &d) != SV_OK)
		die("area", &d);
}

/*
 * Day by day (as incidents arrive in reality, which also keeps the time
 * indexes append-mostly), each kommun gets its even share of the day.
 */
static int
gen(const char *path, long nk, long per)
{
	static const int hour_w[24] = { 3, 2, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3,
	    4, 4, 4, 5, 6, 7, 8, 9, 10, 9, 7, 5 };
	struct sv_org_input o = { "BENCH", "Benchkommun", "kommun", NULL,
	    NULL };
	struct sv_store *s;
	struct sv_actor sys;
	struct sv_stmt *st;
	struct sv_diag d;
	int64_t org, cats[64], *sub, *kid, t0, t1, ndays, day;
	double *hx, *hy, x, y, kx;
	char code[24], sc[40];
	int ncat = 0, row, i, j, h, hsum = 0;
	long k, n, a, b, done = 0;

	for (h = 0; h < 24; h++)
		hsum += hour_w[h];
	if (store_open(path, &s, &d) != SV_OK ||
	    store_migrate(s, NULL, &d) != SV_OK)
		die("open", &d);
	actor_system(&sys);
	if (org_create(s, &sys, &o, &org, &d) != SV_OK)
		die("org", &d);
	st = store_stmt(s, SQL_CAT_LIST);
	while (stmt_step(st, &row, &d) == SV_OK && row && ncat < 64)
		if (!stmt_isnull(st, 3))	/* leaf categories */
			cats[ncat++] = stmt_int(st, 0);
	stmt_reset(st);
	t1 = sv_stockholm_instant(2026, 11, 23, 0, 0, 0);
	t0 = sv_stockholm_instant(2021, 11, 23, 0, 0, 0);
	ndays = (t1 - t0 + 7200) / 86400;
	kid = calloc((size_t)nk, sizeof(int64_t));
	sub = calloc((size_t)nk * NSUB * NSUB, sizeof(int64_t));
	hx = calloc((size_t)nk * NHOT, sizeof(double));
	hy = calloc((size_t)nk * NHOT, sizeof(double));
	if (store_begin(s) != SV_OK)
		die("begin", &d);
	for (k = 0; k < nk; k++) {
		kx = KX0 + (double)k * KSIDE;
		snprintf(code, sizeof(code), "%ld", 9001 + k);
		kid[k] = add_area(s, "kommun", code, NULL, kx, KY0, KSIDE);
		for (i = 0; i < NSUB; i++)
			for (j = 0; j < NSUB; j++) {
				snprintf(sc, sizeof(sc), "%s-%d%d", code, i, j);
				sub[k * NSUB * NSUB + i * NSUB + j] = add_area(s,
				    "stadsdel", sc, code, kx + i * KSIDE / NSUB,
				    KY0 + j * KSIDE / NSUB, KSIDE / NSUB);
			}
		for (i = 0; i < NHOT; i++) {
			hx[k * NHOT + i] = kx + 2000 + urand() * (KSIDE - 4000);
			hy[k * NHOT + i] = KY0 + 2000 + urand() * (KSIDE - 4000);
		}
	}
	if (store_commit(s) != SV_OK)
		die("commit", &d);
	for (day = 0; day < ndays; day++) {
		int y0, m0, d0;

		sv_civil_from_days(sv_days_from_civil(2021, 11, 23) + day, &y0,
		    &m0, &d0);
		if (store_begin(s) != SV_OK)
			die("begin", &d);
		for (k = 0; k < nk; k++) {
			kx = KX0 + (double)k * KSIDE;
			a = (long)(per * day / ndays);
			b = (long)(per * (day + 1) / ndays);
			for (n = a; n < b; n++) {
				int hw, c;
				int64_t t;

				if (urand() < 0.3) {
					i = (int)(urand() * NHOT);
					x = hx[k * NHOT + i] + 150 * nrand();
					y = hy[k * NHOT + i] + 150 * nrand();
				} else {
					x = kx + urand() * KSIDE;
					y = KY0 + urand() * KSIDE;
				}
				if (x < kx + 1 || x > kx + KSIDE - 1 ||
				    y < KY0 + 1 || y > KY0 + KSIDE - 1) {
					x = kx + KSIDE / 2;
					y = KY0 + KSIDE / 2;
				}
				hw = (int)(urand() * hsum);
				for (h = 0; h < 23 && hw >= hour_w[h]; h++)
					hw -= hour_w[h];
				t = sv_stockholm_instant(y0, m0, d0, h,
				    (int)(urand() * 60), (int)(urand() * 60));
				c = (int)(urand() * urand() * ncat);
				i = (int)((x - kx) / (KSIDE / NSUB));
				j = (int)((y - KY0) / (KSIDE / NSUB));
				insert(s, org, cats[c], t, x, y, kid[k],
				    sub[k * NSUB * NSUB + i * NSUB + j]);
				done++;
			}
		}
		if (store_commit(s) != SV_OK)
			die("commit", &d);
		if (day % 100 == 99)
			fprintf(stderr, "day %lld: %ld incidents\n",
			    (long long)day + 1, done);
	}
	free(kid);
	free(sub);
	free(hx);
	free(hy);
	store_close(s);
	return 0;
}

/* The 1-minute load average (the machine is shared), for the record. */
static const char *
loadavg(void)
{
	static char buf[32] = "?";
	FILE *f = fopen("/proc/loadavg", "r");

	if (f != NULL) {
		if (fgets(buf, sizeof(buf), f) != NULL)
			buf[strcspn(buf, " ")] = '\0';
		fclose(f);
	}
	return buf;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
run(const char *path, const char *code, const char *period, long repeat)
{
	struct sv_store *s;
	struct sv_actor sys;
	struct lb_params p;
	struct sv_diag d;
	struct timespec a, b, ca, cb;
	double *ms, *cpu;
	json_t *lb;
	long i;
	int64_t count = 0;
	uint64_t trips = 0;

	if (store_open(path, &s, &d) != SV_OK)
		die("open", &d);
	if (store_schema_version(s) != store_schema_latest()) {
		fprintf(stderr, "lbbench: migrating %s to schema %d\n", path,
		    store_schema_latest());
		if (store_migrate(s, NULL, &d) != SV_OK)
			die("migrate", &d);
	}
	actor_system(&sys);
	memset(&p, 0, sizeof(p));
	p.area = code;
	p.layer = "kommun";
	p.period = period;
	ms = calloc((size_t)repeat, sizeof(double));
	cpu = calloc((size_t)repeat, sizeof(double));
	for (i = -3; i < repeat; i++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
		if (i == 0)
			trips = store_round_trips(s);
		if (lagesbild_build(s, &sys, &p, &lb, &d) != SV_OK)
			die("lagesbild", &d);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (i >= 0) {
			ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 +
			    (double)(b.tv_nsec - a.tv_nsec) / 1e6;
			cpu[i] = (double)(cb.tv_sec - ca.tv_sec) * 1e3 +
			    (double)(cb.tv_nsec - ca.tv_nsec) / 1e6;
		}
		count = json_integer_value(json_object_get(json_object_get(lb,
		    "total"), "count"));
		json_decref(lb);
	}
	trips = store_round_trips(s) - trips;
	qsort(ms, (size_t)repeat, sizeof(double), cmp_double);
	qsort(cpu, (size_t)repeat, sizeof(double), cmp_double);
	printf("backend=%s period=%s incidents_in_period=%lld repeat=%ld "
	    "median_ms=%.2f "
	    "p99_ms=%.2f min_ms=%.2f max_ms=%.2f cpu_median_ms=%.2f "
	    "cpu_p99_ms=%.2f round_trips_per_build=%.1f load=%s\n",
	    store_backend(s) == SV_STORE_PG ?
	    "pg" : "sqlite", period, (long long)count, repeat,
	    ms[repeat / 2], ms[(size_t)ceil(0.99 * repeat) - 1], ms[0],
	    ms[repeat - 1], cpu[repeat / 2],
	    cpu[(size_t)ceil(0.99 * repeat) - 1], (double)trips / repeat,
	    loadavg());
	free(ms);
	free(cpu);
	store_close(s);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atol(argv[3]), atol(argv[4]));
	if (argc == 6 && strcmp(argv[1], "run") == 0)
		return run(argv[2], argv[3], argv[4], atol(argv[5]));
	fprintf(stderr, "usage: lbbench gen DB KOMMUNER PER_KOMMUN\n"
	    "       lbbench run DB CODE PERIOD REPEAT\n");
	return 2;
}
