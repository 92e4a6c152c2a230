/*
 * The demo generator (see demo_gen.h). The town is data: organisations,
 * users, district names, named places and per-organisation reporting
 * profiles are tables below; the year of incidents is drawn day by day
 * from those tables with a seeded xoshiro256** stream, so the same seed and
 * end day always give the same incidents.
 *
 * The model: each organisation reports a Poisson number of incidents a
 * day, scaled by weekday (Friday and Saturday highest), season (more in
 * late spring and summer) and school holidays (youth-related categories
 * up, the school's own reports down). Each incident takes a category from
 * the organisation's mix, an hour from the category's daily rhythm
 * (daytime, evening or night), and a place: most at the named places
 * (hotspots) with some metres of scatter, the rest spread over a
 * district. Burglaries, broken glass and fires repeat near earlier ones
 * within days (near repeats), and one place has a drug-dealing problem
 * that grows over the last three weeks, so this week's lägesbild has
 * something to show.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rng.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/svtime.h"
#include "domain/actor.h"
#include "domain/area.h"
#include "domain/incident.h"
#include "domain/organisation.h"
#include "domain/user.h"
#include "geo/geo.h"
#include "store/store.h"
#include "demo_collab.h"
#include "demo_gen.h"

#define NORGS		8
#define NCOLS		4
#define NROWS		3
#define CELL		3000.0	/* metres */
#define TOWN_X0		581000.0
#define TOWN_Y0		6606000.0
#define CENTRE_X	587000.0
#define CENTRE_Y	6611000.0
#define MAX_REPEATS	256

static const struct demo_org {
	const char	*code;
	const char	*name;
	const char	*kind;
	const char	*parent;
} orgs[NORGS] = {
	{ "VASTERAS", "Västerås stad", "kommun", NULL },
	{ "VAS-TFF", "Teknik- och fastighetsförvaltningen", "forvaltning",
	    "VASTERAS" },
	{ "VAS-BUF", "Barn- och utbildningsförvaltningen", "forvaltning",
	    "VASTERAS" },
	{ "VAS-SOC", "Socialförvaltningen", "forvaltning", "VASTERAS" },
	{ "LPO-VAS", "Lokalpolisområde Västerås", "lokalpolisomrade", NULL },
	{ "MALARHEM", "Mälarhem Bostäder AB", "bostadsbolag", NULL },
	{ "RTJ-VAS", "Räddningstjänsten Västerås", "raddningstjanst", NULL },
	{ "TRYGGVAKT", "Tryggvakt Mälardalen AB", "vaktbolag", NULL },
};

const struct demo_user demo_users[] = {
	{ "admin@demo.samverkan.se", "Administratör Västerås stad",
	    "VASTERAS", "admin" },
	{ "samordnare@demo.samverkan.se", "Trygghetssamordnare", "VASTERAS",
	    "samordnare" },
	{ "polis@demo.samverkan.se", "Kommunpolis", "LPO-VAS", "samordnare" },
	{ "fastighet@demo.samverkan.se", "Fastighetsvärd Mälarhem", "MALARHEM",
	    "rapportor" },
	{ "vakt@demo.samverkan.se", "Ordningsvakt Tryggvakt", "TRYGGVAKT",
	    "rapportor" },
	{ "tekniska@demo.samverkan.se", "Parkarbetare", "VAS-TFF",
	    "rapportor" },
	{ "skola@demo.samverkan.se", "Rektor", "VAS-BUF", "rapportor" },
	{ "raddning@demo.samverkan.se", "Brandman", "RTJ-VAS", "rapportor" },
	{ "lasare@demo.samverkan.se", "Socialsekreterare", "VAS-SOC",
	    "lasare" },
};
const size_t demo_nusers = sizeof(demo_users) / sizeof(demo_users[0]);

/* Districts west to east, south row first. */
static const char *const district_names[NROWS][NCOLS] = {
	{ "Kristiansborg", "Viksäng", "Öster Mälarstrand", "Erikslund" },
	{ "Vallby", "Råby", "Centrum", "Östermalm" },
	{ "Önsta-Gryta", "Bäckby", "Malmaberg", "Hammarby" },
};

enum { P_STORTORGET, P_RESECENTRUM, P_BACKBY, P_RABY, P_VASAPARKEN,
    P_LOGARANGEN, P_ERIKSLUND, P_SKOLAN, P_TUNNELN, P_HAMMARBY,
    P_VALLBY, P_KRISTIANSBORG, NPLACES };

static const struct demo_place {
	const char	*code;
	const char	*name;
	int		 col, row;	/* district */
	double		 dx, dy;	/* from the district's centre */
	double		 weight;	/* share of incidents at places */
} places[NPLACES] = {
	{ "P01", "Stora torget", 2, 1, -300, 200, 10 },
	{ "P02", "Resecentrum", 2, 1, 200, -500, 9 },
	{ "P03", "Bäckby centrum", 1, 2, 100, 100, 8 },
	{ "P04", "Råby centrum", 1, 1, -200, 150, 7 },
	{ "P05", "Vasaparken", 2, 1, 450, 350, 5 },
	{ "P06", "Lögarängen", 2, 0, 0, 300, 4 },
	{ "P07", "Erikslunds handelsområde", 3, 0, 200, 0, 5 },
	{ "P08", "Skiljeboskolan", 2, 2, -350, -200, 4 },
	{ "P09", "Gång- och cykeltunneln vid Malmaberg", 2, 2, 300, 300, 3 },
	{ "P10", "Hammarby centrum", 3, 2, 0, -150, 4 },
	{ "P11", "Vallby centrum", 0, 1, 250, 0, 3 },
	{ "P12", "Kristiansborgsbadet", 0, 0, 0, 250, 2 },
};

enum { H_DAY, H_EVENING, H_NIGHT, H__MAX };
/* Relative weight of each hour of the day (Stockholm time). */
static const double hour_weights[H__MAX][24] = {
	{ 1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 10, 10, 10, 10, 10, 9, 8, 7, 5,
	    4, 3, 2, 1 },
	{ 4, 3, 2, 1, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 9, 11, 13, 14,
	    13, 10, 7 },
	{ 10, 10, 9, 8, 6, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 7,
	    9, 10 },
};

static const struct demo_cat {
	const char	*code;
	int		 hours;		/* H_* */
	int		 youth;		/* up in school holidays */
	int		 repeats;	/* near repeats likely */
	int		 sev[3];	/* weights of severity 1..3 */
	int		 people;	/* 0 none, 1 a few, 2 a group */
	int		 suspected;	/* percent suspected */
	int		 interval;	/* percent reported as an interval */
	const char	*text[3];
} cats[] = {
	{ "skadegorelse.klotter", H_NIGHT, 1, 0, { 7, 3, 0 }, 0, 5, 40,
	    { "Nytt klotter på fasaden", "Klotter på skyltar och elskåp",
	    "Taggar i trapphuset" } },
	{ "skadegorelse.glaskross", H_NIGHT, 1, 1, { 4, 5, 1 }, 0, 10, 30,
	    { "Krossad ruta i entrédörren", "Busskurens glas krossat",
	    "Sönderslagna fönster i förrådet" } },
	{ "skadegorelse.brand", H_EVENING, 1, 1, { 1, 5, 4 }, 0, 30, 0,
	    { "Brand i soptunna", "Anlagd brand i container",
	    "Brand i barnvagnsrum" } },
	{ "skadegorelse.ovrig", H_NIGHT, 0, 0, { 6, 3, 1 }, 0, 10, 40,
	    { "Sönderbrutna cykelställ", "Skadad belysningsstolpe",
	    "Uppbruten tvättstugedörr" } },
	{ "otrygghet.samling", H_EVENING, 1, 0, { 4, 5, 1 }, 2, 10, 0,
	    { "Grupp ungdomar samlade vid entrén, boende känner oro",
	    "Större samling med hög musik", "Ungdomar samlas i trapphuset" } },
	{ "otrygghet.ordningsstorning", H_EVENING, 1, 0, { 4, 5, 1 }, 1, 5, 0,
	    { "Bråk och höga röster", "Störande beteende mot förbipasserande",
	    "Fyrverkerier mot fasad" } },
	{ "otrygghet.plats", H_DAY, 0, 0, { 7, 3, 0 }, 0, 0, 0,
	    { "Trasig belysning gör platsen mörk",
	    "Igenvuxen buskage skymmer gångvägen",
	    "Boende upplever platsen som otrygg" } },
	{ "otrygghet.buskorning", H_EVENING, 1, 0, { 3, 5, 2 }, 1, 5, 0,
	    { "Mopeder kör på gång- och cykelvägen", "Buskörning på torget",
	    "Bilar i hög fart på parkeringen" } },
	{ "otrygghet.berusning", H_EVENING, 0, 0, { 6, 4, 0 }, 1, 10, 0,
	    { "Berusade personer vid bänkarna", "Berusning vid busshållplatsen",
	    "Alkoholförtäring i lekparken" } },
	{ "narkotika.handel", H_EVENING, 0, 0, { 1, 6, 3 }, 1, 70, 0,
	    { "Misstänkt langning vid entrén", "Bilar stannar kort, misstänkt "
	    "försäljning", "Misstänkt narkotikahandel bakom butiken" } },
	{ "narkotika.bruk", H_EVENING, 0, 0, { 5, 4, 1 }, 1, 60, 0,
	    { "Sprutor hittade i buskage", "Lukt av cannabis i trapphuset",
	    "Misstänkt narkotikabruk i förrådet" } },
	{ "nedskrapning", H_DAY, 0, 0, { 9, 1, 0 }, 0, 0, 50,
	    { "Nedskräpning efter helgen", "Grovsopor dumpade",
	    "Mycket skräp runt papperskorgarna" } },
	{ "inbrott", H_NIGHT, 0, 1, { 1, 6, 3 }, 0, 10, 60,
	    { "Inbrott i källarförråd", "Inbrott i lokal",
	    "Inbrott i bil på parkeringen" } },
	{ "inbrott.forsok", H_NIGHT, 0, 1, { 4, 5, 1 }, 0, 30, 60,
	    { "Brytmärken på dörren", "Försök till inbrott i förråd",
	    "Uppbändt fönster, inget stulet" } },
	{ "stold.fordon", H_NIGHT, 0, 1, { 2, 6, 2 }, 0, 10, 60,
	    { "Stulen moped", "Stulen bil från parkeringen",
	    "Cykelstölder vid stationen" } },
	{ "vald.hot", H_EVENING, 0, 0, { 1, 6, 3 }, 1, 10, 0,
	    { "Personal hotad vid entrén", "Hot mot vakt",
	    "Ofredande av förbipasserande" } },
	{ "vald.misshandel", H_NIGHT, 0, 0, { 0, 4, 6 }, 1, 10, 0,
	    { "Misshandel utanför krogen", "Slagsmål vid busshållplatsen",
	    "Misshandel i samband med bråk" } },
	{ "vald.ran", H_EVENING, 1, 0, { 0, 4, 6 }, 1, 20, 0,
	    { "Rån av mobiltelefon", "Ungdom rånad på jacka",
	    "Rån vid bankomat" } },
	{ "brand", H_DAY, 0, 0, { 3, 5, 2 }, 0, 0, 0,
	    { "Brand i förråd", "Gräsbrand", "Rökutveckling i källare" } },
};
#define NCATS	(sizeof(cats) / sizeof(cats[0]))

static int
cat_index(const char *code)
{
	size_t i;

	for (i = 0; i < NCATS; i++)
		if (strcmp(cats[i].code, code) == 0)
			return (int)i;
	return -1;
}

struct mix {
	const char	*cat;
	double		 w;
};

/* What each reporting organisation reports, how often, where. */
static const struct demo_profile {
	const char	*org;
	double		 rate;		/* incidents a day */
	int		 school;	/* fewer on weekends and holidays */
	double		 at_places;	/* share at named places */
	struct mix	 mix[10];
} profiles[] = {
	{ "MALARHEM", 3.8, 0, 0.55, {
	    { "skadegorelse.klotter", 25 }, { "skadegorelse.glaskross", 10 },
	    { "skadegorelse.ovrig", 10 }, { "nedskrapning", 15 },
	    { "otrygghet.samling", 15 }, { "otrygghet.plats", 5 },
	    { "narkotika.bruk", 5 }, { "inbrott.forsok", 6 },
	    { "skadegorelse.brand", 5 }, { "inbrott", 4 } } },
	{ "TRYGGVAKT", 3.0, 0, 0.8, {
	    { "otrygghet.samling", 20 }, { "otrygghet.ordningsstorning", 20 },
	    { "narkotika.handel", 10 }, { "otrygghet.berusning", 15 },
	    { "skadegorelse.klotter", 8 }, { "skadegorelse.glaskross", 5 },
	    { "vald.hot", 10 }, { "otrygghet.buskorning", 7 },
	    { "vald.misshandel", 5 } } },
	{ "VAS-TFF", 2.8, 0, 0.4, {
	    { "skadegorelse.klotter", 30 }, { "skadegorelse.ovrig", 20 },
	    { "nedskrapning", 30 }, { "otrygghet.plats", 10 },
	    { "skadegorelse.glaskross", 10 } } },
	{ "LPO-VAS", 2.6, 0, 0.6, {
	    { "narkotika.handel", 20 }, { "vald.misshandel", 15 },
	    { "vald.hot", 12 }, { "otrygghet.ordningsstorning", 15 },
	    { "otrygghet.buskorning", 10 }, { "stold.fordon", 10 },
	    { "inbrott", 10 }, { "vald.ran", 5 } } },
	{ "RTJ-VAS", 0.6, 0, 0.3, {
	    { "skadegorelse.brand", 65 }, { "brand", 35 } } },
	{ "VAS-BUF", 1.3, 1, 0.3, {
	    { "skadegorelse.klotter", 30 }, { "skadegorelse.glaskross", 20 },
	    { "otrygghet.samling", 20 }, { "skadegorelse.ovrig", 15 },
	    { "narkotika.bruk", 5 }, { "nedskrapning", 10 } } },
};
#define NPROFILES	(sizeof(profiles) / sizeof(profiles[0]))

/* Weekday factors, ISO weekday 1 (Monday) to 7. */
static const double weekday_factor[8] = { 0, 0.85, 0.85, 0.9, 0.95, 1.2,
    1.35, 1.0 };

struct gen {
	struct sv_store		*s;
	struct rng		 rng;
	struct sv_diag		*d;
	double			 nodes[NCOLS + 1][NROWS + 1][2];
	int64_t			 org_ids[NORGS];
	struct sv_actor		 reporters[NORGS];	/* by org index */
	int64_t			 end;
	size_t			 nincidents;
	struct repeat {
		int64_t		 day;
		double		 x, y;
		int		 cat;
		int		 org;
	}			 repeats[MAX_REPEATS];
	size_t			 nrepeats;
};

static double
uniform(struct gen *g, double lo, double hi)
{
	return lo + (hi - lo) * rng_double(&g->rng);
}

static double
gauss(struct gen *g)
{
	double u1 = rng_double(&g->rng), u2 = rng_double(&g->rng);

	if (u1 < 1e-300)
		u1 = 1e-300;
	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

static int
poisson(struct gen *g, double lambda)
{
	double l = exp(-lambda), p = 1.0;
	int k = 0;

	do {
		k++;
		p *= rng_double(&g->rng);
	} while (p > l);
	return k - 1;
}

static size_t
pick(struct gen *g, const double *w, size_t n)
{
	double sum = 0, r;
	size_t i;

	for (i = 0; i < n; i++)
		sum += w[i];
	r = uniform(g, 0, sum);
	for (i = 0; i + 1 < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

static int
org_index(const char *code)
{
	int i;

	for (i = 0; i < NORGS; i++)
		if (strcmp(orgs[i].code, code) == 0)
			return i;
	return -1;
}

/* Swedish school holidays, roughly: sportlov (week 9), påsklov (week 14),
 * summer (mid June to mid August), höstlov (week 44), Christmas. */
static int
school_holiday(int64_t day)
{
	int y, m, dd, iy, w;
	int64_t noon = day * 86400 + 12 * 3600;

	sv_civil_from_days(day, &y, &m, &dd);
	sv_iso_week(noon, &iy, &w);
	if (w == 9 || w == 14 || w == 44)
		return 1;
	if ((m == 6 && dd >= 12) || m == 7 || (m == 8 && dd <= 17))
		return 1;
	if ((m == 12 && dd >= 21) || (m == 1 && dd <= 7))
		return 1;
	return 0;
}

static enum sv_err
make_orgs(struct gen *g)
{
	struct sv_actor sys;
	struct sv_org_input in;
	enum sv_err e;
	int i;

	actor_system(&sys);
	for (i = 0; i < NORGS; i++) {
		memset(&in, 0, sizeof(in));
		in.code = orgs[i].code;
		in.name = orgs[i].name;
		in.kind = orgs[i].kind;
		in.parent = orgs[i].parent;
		if ((e = org_create(g->s, &sys, &in, &g->org_ids[i], g->d)) !=
		    SV_OK)
			return e;
	}
	return SV_OK;
}

static enum sv_err
make_users(struct gen *g)
{
	struct sv_actor sys;
	struct sv_user_input in;
	enum sv_role role;
	int64_t id;
	enum sv_err e;
	size_t i;
	int o;

	actor_system(&sys);
	for (i = 0; i < demo_nusers; i++) {
		memset(&in, 0, sizeof(in));
		in.email = demo_users[i].email;
		in.password = DEMO_PASSWORD;
		in.organisation = demo_users[i].org;
		in.role = demo_users[i].role;
		in.display_name = demo_users[i].display_name;
		if ((e = user_create(g->s, &sys, &in, &id, g->d)) != SV_OK)
			return e;
		if ((e = role_parse(in.role, &role, "role", g->d)) != SV_OK)
			return e;
		o = org_index(in.organisation);
		/* The first reporting user of an organisation files its
		 * incidents. */
		if (o >= 0 && role >= SV_ROLE_RAPPORTOR &&
		    g->reporters[o].user_id == 0) {
			g->reporters[o].user_id = id;
			g->reporters[o].org_id = g->org_ids[o];
			g->reporters[o].role = role;
		}
	}
	return SV_OK;
}

static enum sv_err
add_area(struct gen *g, const char *layer, const char *code,
    const char *name, const char *parent_layer, const char *parent_code,
    const double *xy, size_t npoints)
{
	struct sv_actor sys;
	struct sv_ring ring = { xy, npoints };
	struct sv_polygon poly = { &ring, 1 };
	struct sv_area_input in;
	unsigned char *wkb = NULL;
	size_t len = 0;
	double bbox[4];
	enum sv_err e;

	actor_system(&sys);
	e = geo_wkb_from_polygons(store_geo(g->s), &poly, 1, SV_CRS_SWEREF,
	    &wkb, &len, bbox, g->d);
	if (e != SV_OK)
		goto out;
	memset(&in, 0, sizeof(in));
	in.layer = layer;
	in.code = code;
	in.name = name;
	in.parent_layer = parent_layer;
	in.parent_code = parent_code;
	in.wkb = wkb;
	in.wkb_len = len;
	e = area_create(g->s, &sys, &in, NULL, g->d);
out:
	free(wkb);
	return e;
}

static void
district_code(int col, int row, char out[16])
{
	unsigned n = (unsigned)(row * NCOLS + col + 1) % 100;

	snprintf(out, 16, "1980-%02u", n);
}

static void
district_centre(const struct gen *g, int col, int row, double *x, double *y)
{
	*x = (g->nodes[col][row][0] + g->nodes[col + 1][row][0] +
	    g->nodes[col][row + 1][0] + g->nodes[col + 1][row + 1][0]) / 4;
	*y = (g->nodes[col][row][1] + g->nodes[col + 1][row][1] +
	    g->nodes[col][row + 1][1] + g->nodes[col + 1][row + 1][1]) / 4;
}

static enum sv_err
make_areas(struct gen *g, size_t *nareas)
{
	double ring[64 * 2], quad[5 * 2], oct[9 * 2];
	char code[16], pcode[16];
	enum sv_err e;
	int i, c, r, k;

	/* The kommun: a wobbly 32-gon some 15 km around the town. */
	for (i = 0; i < 32; i++) {
		double t = 2 * M_PI * i / 32;
		double rad = 15000 + 2500 * sin(3 * t + 1) + 1200 * cos(5 * t);

		ring[2 * i] = CENTRE_X + rad * cos(t);
		ring[2 * i + 1] = CENTRE_Y + 0.8 * rad * sin(t);
	}
	if ((e = add_area(g, "kommun", DEMO_KOMMUN_CODE, "Västerås", NULL,
	    NULL, ring, 32)) != SV_OK)
		return e;
	(*nareas)++;

	/* Districts: a grid of the town with its inner corners moved a
	 * little, so neighbours share edges exactly and nothing overlaps. */
	for (c = 0; c <= NCOLS; c++) {
		for (r = 0; r <= NROWS; r++) {
			double jx = 0, jy = 0;

			if (c > 0 && c < NCOLS && r > 0 && r < NROWS) {
				jx = uniform(g, -500, 500);
				jy = uniform(g, -500, 500);
			}
			g->nodes[c][r][0] = TOWN_X0 + c * CELL + jx;
			g->nodes[c][r][1] = TOWN_Y0 + r * CELL + jy;
		}
	}
	for (r = 0; r < NROWS; r++) {
		for (c = 0; c < NCOLS; c++) {
			const double *p[4] = { g->nodes[c][r],
			    g->nodes[c + 1][r], g->nodes[c + 1][r + 1],
			    g->nodes[c][r + 1] };

			for (k = 0; k < 4; k++) {
				quad[2 * k] = p[k][0];
				quad[2 * k + 1] = p[k][1];
			}
			quad[8] = quad[0];
			quad[9] = quad[1];
			district_code(c, r, code);
			if ((e = add_area(g, "stadsdel", code,
			    district_names[r][c], "kommun", DEMO_KOMMUN_CODE,
			    quad, 5)) != SV_OK)
				return e;
			(*nareas)++;
		}
	}

	/* Named places: octagons of 180 m radius. */
	for (i = 0; i < NPLACES; i++) {
		double cx, cy;

		district_centre(g, places[i].col, places[i].row, &cx, &cy);
		cx += places[i].dx;
		cy += places[i].dy;
		for (k = 0; k < 8; k++) {
			double t = 2 * M_PI * k / 8 + M_PI / 8;

			oct[2 * k] = cx + 180 * cos(t);
			oct[2 * k + 1] = cy + 180 * sin(t);
		}
		oct[16] = oct[0];
		oct[17] = oct[1];
		district_code(places[i].col, places[i].row, pcode);
		snprintf(code, sizeof(code), "1980-%s", places[i].code);
		if ((e = add_area(g, "plats", code, places[i].name, "stadsdel",
		    pcode, oct, 9)) != SV_OK)
			return e;
		(*nareas)++;
	}
	return SV_OK;
}

static void
place_point(struct gen *g, int place, double sd, double *x, double *y)
{
	double cx, cy;

	district_centre(g, places[place].col, places[place].row, &cx, &cy);
	*x = cx + places[place].dx + sd * gauss(g);
	*y = cy + places[place].dy + sd * gauss(g);
}

/* A point in a random district, nearer its centre than its edges. */
static void
district_point(struct gen *g, double *x, double *y, int *col, int *row)
{
	double cx, cy, dx, dy;

	*col = (int)rng_below(&g->rng, NCOLS);
	*row = (int)rng_below(&g->rng, NROWS);
	district_centre(g, *col, *row, &cx, &cy);
	dx = 600 * gauss(g);
	dy = 600 * gauss(g);
	if (dx > 900)
		dx = 900;
	if (dx < -900)
		dx = -900;
	if (dy > 900)
		dy = 900;
	if (dy < -900)
		dy = -900;
	*x = cx + dx;
	*y = cy + dy;
}

static enum sv_err
emit(struct gen *g, int org, int ci, int64_t day, double x, double y,
    const char *where, int hour_override)
{
	const struct demo_cat *cat = &cats[ci];
	struct sv_incident_input in;
	char text[256];
	int y0, m0, d0, hour, minute;
	int64_t t;
	double w[3];
	enum sv_err e;

	sv_civil_from_days(day, &y0, &m0, &d0);
	hour = hour_override >= 0 ? hour_override :
	    (int)pick(g, hour_weights[cat->hours], 24);
	minute = (int)rng_below(&g->rng, 60);
	t = sv_stockholm_instant(y0, m0, d0, hour, minute, 0);
	if (t >= g->end)
		return SV_OK;

	incident_input_init(&in);
	in.organisation = orgs[org].code;
	in.category = cat->code;
	in.observed_from = t;
	if ((int)rng_below(&g->rng, 100) < cat->interval) {
		/* Found in the morning, happened some time in the night. */
		in.observed_to = t;
		in.observed_from = t - 3600 * (int64_t)(4 + rng_below(&g->rng,
		    8));
		in.has_observed_to = 1;
	}
	in.locate = SV_LOCATE_SWEREF;
	in.a = x;
	in.b = y;
	w[0] = cat->sev[0];
	w[1] = cat->sev[1];
	w[2] = cat->sev[2];
	in.severity = 1 + (int)pick(g, w, 3);
	switch (cat->people) {
	case 1:
		in.people_count = 1 + (int)rng_below(&g->rng, 4);
		break;
	case 2:
		in.people_count = 4 + (int)rng_below(&g->rng, 16);
		break;
	default:
		in.people_count = -1;
	}
	in.certainty = (int)rng_below(&g->rng, 100) < cat->suspected ?
	    SV_CERTAINTY_SUSPECTED : SV_CERTAINTY_OBSERVED;
	if (rng_below(&g->rng, 10) < 7) {
		snprintf(text, sizeof(text), "%s, %s.",
		    cat->text[rng_below(&g->rng, 3)], where);
		in.description = text;
	}
	e = incident_create(g->s, &g->reporters[org], &in, NULL, g->d);
	if (e != SV_OK)
		return e;
	g->nincidents++;
	if (cat->repeats && g->nrepeats < MAX_REPEATS &&
	    rng_below(&g->rng, 100) < 30) {
		struct repeat *r = &g->repeats[g->nrepeats++];

		r->day = day + 1 + (int64_t)rng_below(&g->rng, 6);
		r->x = x + 60 * gauss(g);
		r->y = y + 60 * gauss(g);
		r->cat = ci;
		r->org = org;
	}
	return SV_OK;
}

static enum sv_err
one_incident(struct gen *g, const struct demo_profile *p, int org,
    int64_t day, int holiday)
{
	double w[10], pw[NPLACES];
	char where[96];
	size_t n, i;
	int ci, col, row, pl;
	double x, y;

	for (n = 0; n < 10 && p->mix[n].cat != NULL; n++) {
		ci = cat_index(p->mix[n].cat);
		w[n] = p->mix[n].w * (holiday && ci >= 0 && cats[ci].youth ?
		    1.6 : 1.0);
	}
	ci = cat_index(p->mix[pick(g, w, n)].cat);
	if (ci < 0)
		return SV_OK;
	if (rng_double(&g->rng) < p->at_places) {
		for (i = 0; i < NPLACES; i++)
			pw[i] = places[i].weight;
		pl = (int)pick(g, pw, NPLACES);
		place_point(g, pl, 70, &x, &y);
		snprintf(where, sizeof(where), "%s", places[pl].name);
	} else {
		district_point(g, &x, &y, &col, &row);
		snprintf(where, sizeof(where), "%s", district_names[row][col]);
	}
	return emit(g, org, ci, day, x, y, where, -1);
}

static enum sv_err
make_incidents(struct gen *g, const struct demo_options *o)
{
	int days = o->days > 0 ? o->days : 365;
	double scale = o->rate > 0 ? o->rate : 1.0;
	struct sv_civil now;
	int64_t first, last, day;
	enum sv_err e;
	size_t i, k;

	sv_stockholm_civil(g->end, &now);
	last = sv_days_from_civil(now.year, now.month, now.day);
	first = last - days;
	for (day = first; day <= last; day++) {
		int wd, holiday, n, j, org;
		double season, f;

		wd = (int)(((day % 7) + 7 + 3) % 7) + 1;	/* 1970-01-01 Thu */
		holiday = school_holiday(day);
		season = 1.0 + 0.25 * sin(2 * M_PI * (double)(day - first -
		    80) / 365.0);
		for (i = 0; i < NPROFILES; i++) {
			const struct demo_profile *p = &profiles[i];

			org = org_index(p->org);
			f = p->rate * scale * weekday_factor[wd] * season;
			if (p->school && (holiday || wd >= 6))
				f *= 0.25;
			n = poisson(g, f);
			for (j = 0; j < n; j++)
				if ((e = one_incident(g, p, org, day,
				    holiday)) != SV_OK)
					return e;
		}
		/* The growing problem: drug dealing and gatherings at
		 * Bäckby centrum over the last three weeks. */
		if (last - day < 21) {
			n = poisson(g, 0.6 + 0.12 * (double)(21 - (last - day)));
			for (j = 0; j < n; j++) {
				double x, y;
				int c = cat_index(rng_below(&g->rng, 3) ?
				    "narkotika.handel" : "otrygghet.samling");

				place_point(g, P_BACKBY, 60, &x, &y);
				org = org_index(rng_below(&g->rng, 2) ?
				    "LPO-VAS" : "TRYGGVAKT");
				if ((e = emit(g, org, c, day, x, y,
				    places[P_BACKBY].name, -1)) != SV_OK)
					return e;
			}
		}
		/* Near repeats due today. */
		for (k = 0; k < g->nrepeats; ) {
			struct repeat r = g->repeats[k];

			if (r.day != day) {
				k++;
				continue;
			}
			g->repeats[k] = g->repeats[--g->nrepeats];
			if ((e = emit(g, r.org, r.cat, day, r.x, r.y,
			    "nära en tidigare händelse", -1)) != SV_OK)
				return e;
		}
	}
	return SV_OK;
}

enum sv_err
demo_generate(struct sv_store *s, const struct demo_options *o,
    struct demo_summary *sum, struct sv_diag *d)
{
	struct gen *g = sv_calloc(1, sizeof(*g));
	size_t nareas = 0;
	enum sv_err e;

	g->s = s;
	g->d = d;
	g->end = o->end;
	rng_seed(&g->rng, o->seed);
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = make_orgs(g)) != SV_OK || (e = make_users(g)) != SV_OK ||
	    (e = make_areas(g, &nareas)) != SV_OK ||
	    (e = make_incidents(g, o)) != SV_OK ||
	    (e = demo_collab(s, g->end, NULL, d)) != SV_OK) {
		store_rollback(s);
		goto out;
	}
	if ((e = store_commit(s)) != SV_OK)
		goto out;
	if (sum != NULL) {
		sum->organisations = NORGS;
		sum->users = demo_nusers;
		sum->areas = nareas;
		sum->incidents = g->nincidents;
	}
out:
	free(g);
	return e;
}
