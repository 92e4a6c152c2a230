/*
 * samverkan lagesbild: the lägesbild of an area for a period, as the JSON
 * of GET /api/v1/lagesbild or as a readable text summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "domain/actor.h"
#include "domain/organisation.h"
#include "lagesbild/lagesbild.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan lagesbild [--db FILE] --area CODE [--layer LAYER]\n"
    "       --period P [--format json|text] [--child-layer LAYER]\n"
    "       [--cell M] [--band M] [--kde-sigma M] [--kde-cells N]\n"
    "       [--nr-distance M] [--nr-days N] [--new-weeks N] [--fdr Q]\n"
    "       [--alpha A] [--permutations N] [--seed N] [--as-org CODE]\n\n"
    "The lägesbild of an area (kommun, stadsdel, ...) for a period: counts per\n"
    "category and sub-area, change against the previous period and the same\n"
    "period a year earlier, what is new, hotspots, near-repeat alerts, the\n"
    "hour x weekday matrix and 12-month series. Counts only, never free text.\n\n"
    "  --area CODE        area code (e.g. 1980); --layer when codes collide\n"
    "  --period P         2026-W47 (ISO week), 2026-11, 2026-T3, 2026-Q4, 2026,\n"
    "                     or FROM/TO dates (2026-01-01/2026-03-01, TO exclusive)\n"
    "  --format F         json (default, as the API) or text\n"
    "  --child-layer L    layer of the sub-areas (default: the layer with the\n"
    "                     most children of the area)\n"
    "  --cell M           grid cell side for Gi*, concentration and new places\n"
    "                     (default 250 m; doubled until the grid has at most\n"
    "                     40000 cells, the band scaled with it)\n"
    "  --band M           Gi* distance band between cell centres, cell itself\n"
    "                     included (default 500 m)\n"
    "  --kde-sigma M      KDE bandwidth, the kernel's standard deviation\n"
    "                     (default 200 m); --kde-cells N cells on the long side\n"
    "                     (default 100)\n"
    "  --nr-distance M    near repeat: within M metres (default 200)\n"
    "  --nr-days N        near repeat: within N days before (default 14)\n"
    "  --new-weeks N      'new' means absent in the N weeks before (default 4)\n"
    "  --fdr Q            Benjamini-Hochberg level for hotspots (default 0.05)\n"
    "  --alpha A          level for significant changes (default 0.05)\n"
    "  --permutations N   Knox Monte Carlo permutations (default 0: the\n"
    "                     Poisson p of surveillance::knox only)\n"
    "  --seed N           seed of the permutations (default 1)\n"
    "  --as-org CODE      as a reader of organisation CODE sees it: the\n"
    "                     sharing rules apply (owners shared as none left\n"
    "                     out, aggregated ones counted but not shown one by\n"
    "                     one, small counts holding them suppressed); the\n"
    "                     default is the system, which sees everything\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

/*
 * A reader (role lasare, no user) of the organisation code, so the
 * sharing rules apply to it as to its users. SV_ERR_NOTFOUND naming
 * --as-org when there is no such organisation.
 */
static enum sv_err
reader_of(struct sv_store *s, const char *code, struct sv_actor *a,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_org o;
	enum sv_err e;

	if ((e = org_get(s, code, ar, &o, d)) == SV_OK) {
		memset(a, 0, sizeof(*a));
		a->org_id = o.id;
		a->role = SV_ROLE_LASARE;
	} else if (e == SV_ERR_NOTFOUND)
		sv_diag_set(d, e, "as-org", "no organisation with code '%s'",
		    code);
	sv_arena_free(ar);
	return e;
}

/*
 * The engine refuses a parameter by its field name (kde_sigma): that is
 * an option of this command (--kde-sigma), so bad usage.
 */
static int
bad_value(const struct sv_diag *d)
{
	char opt[SV_DIAG_FIELD];
	size_t i;

	for (i = 0; d->field[i] != '\0' && i + 1 < sizeof(opt); i++)
		opt[i] = d->field[i] == '_' ? '-' : d->field[i];
	opt[i] = '\0';
	return cli_usage_error("lagesbild", "--%s: %s", opt, d->message);
}

int
cmd_lagesbild(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "area", required_argument, NULL, 'a' },
		{ "layer", required_argument, NULL, 'l' },
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "child-layer", required_argument, NULL, 'c' },
		{ "cell", required_argument, NULL, 1 },
		{ "band", required_argument, NULL, 1 },
		{ "kde-sigma", required_argument, NULL, 1 },
		{ "kde-cells", required_argument, NULL, 1 },
		{ "nr-distance", required_argument, NULL, 1 },
		{ "nr-days", required_argument, NULL, 1 },
		{ "new-weeks", required_argument, NULL, 1 },
		{ "fdr", required_argument, NULL, 1 },
		{ "alpha", required_argument, NULL, 1 },
		{ "permutations", required_argument, NULL, 1 },
		{ "seed", required_argument, NULL, 1 },
		{ "as-org", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lb_params p;
	struct sv_store *s = NULL;
	struct sv_actor actor;
	struct sv_diag d;
	const char *db = NULL, *format = "json", *as_org = NULL;
	char name[32], *q;
	json_t *lb = NULL;
	enum sv_err e;
	int c, idx, rc = SV_EXIT_OK;

	memset(&p, 0, sizeof(p));
	sv_diag_clear(&d);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, &idx)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			p.area = optarg;
			break;
		case 'l':
			p.layer = optarg;
			break;
		case 'p':
			p.period = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'c':
			p.child_layer = optarg;
			break;
		case 'o':
			as_org = optarg;
			break;
		case 1:
			snprintf(name, sizeof(name), "%s", opts[idx].name);
			for (q = name; *q != '\0'; q++)
				if (*q == '-')
					*q = '_';
			if (lagesbild_param_set(&p, name, optarg, &d) != SV_OK)
				return cli_usage_error("lagesbild", "--%s: %s",
				    opts[idx].name, d.message);
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("lagesbild", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("lagesbild", "unexpected argument '%s'",
		    argv[optind]);
	if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0)
		return cli_usage_error("lagesbild",
		    "--format must be json or text");
	if (p.area == NULL)
		return cli_usage_error("lagesbild", "--area is required");
	if (p.period == NULL)
		return cli_usage_error("lagesbild", "--period is required");
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("lagesbild", "--db is required");
	if (cli_need_db("lagesbild", db) != 0)
		return SV_EXIT_FAIL;
	if ((e = store_open(db, &s, &d)) != SV_OK)
		return cli_fail("lagesbild", e, &d);
	if (store_schema_version(s) != store_schema_latest()) {
		fprintf(stderr, "samverkan lagesbild: the database schema is "
		    "not current; run 'samverkan migrate --db %s'\n", db);
		store_close(s);
		return SV_EXIT_FAIL;
	}
	actor_system(&actor);
	if (as_org != NULL && (e = reader_of(s, as_org, &actor, &d)) !=
	    SV_OK) {
		rc = cli_fail("lagesbild", e, &d);
		goto out;
	}
	if ((e = lagesbild_build(s, &actor, &p, &lb, &d)) != SV_OK) {
		rc = e == SV_ERR_INVALID ? bad_value(&d) :
		    cli_fail("lagesbild", e, &d);
		goto out;
	}
	if (strcmp(format, "text") == 0)
		lagesbild_write_text(lb, stdout);
	else if (json_dumpf(lb, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER)
	    != 0 || fputc('\n', stdout) == EOF)
		rc = SV_EXIT_FAIL;
	if (fflush(stdout) != 0)
		rc = SV_EXIT_FAIL;
out:
	json_decref(lb);
	store_close(s);
	return rc;
}
