/*
 * samverkan demo: builds a demo database with the deterministic generator
 * (demo_gen.c) and serves it with the code of `samverkan serve`, printing
 * the demo logins first. A database that already holds the demo is served
 * as it is (so the command can be rerun); --fresh starts over.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_import.h"
#include "commands.h"
#include "core/mem.h"
#include "core/svtime.h"
#include "demo_gen.h"
#include "domain/dom.h"
#include "domain/organisation.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan demo [--db FILE] [--listen HOST:PORT] [--web DIR]\n"
    "                      [--seed N] [--end TIME] [--days N] [--fresh]\n"
    "                      [--data DIR] [--no-serve]\n\n"
    "Builds a demo database: Västerås kommun with twelve stadsdelar and a\n"
    "dozen named places, the partner organisations, one user per role\n"
    "(password " DEMO_PASSWORD ") and a year of EST incidents up to now,\n"
    "drawn by a deterministic generator. Then serves it like\n"
    "`samverkan serve` and prints the logins. A database that already\n"
    "holds the demo is served as it is. The same --seed, --end and --days\n"
    "give the same data.\n\n"
    "  --db FILE          database (default demo.db)\n"
    "  --listen HOST:PORT address (default 127.0.0.1:8080)\n"
    "  --web DIR          static files (default ./web)\n"
    "  --seed N           generator seed (default 1980)\n"
    "  --end TIME         end of the year of incidents, ISO 8601\n"
    "                     (default now, or $SV_FAKE_NOW)\n"
    "  --days N           days of incidents (default 365)\n"
    "  --fresh            delete FILE first\n"
    "  --data DIR         also import real files from DIR (../shared/data):\n"
    "                     boundaries/se_lan_scb_sweref99tm.geojson,\n"
    "                     boundaries/se_kommuner_scb_sweref99tm.geojson and\n"
    "                     polisen/polisen_events_2022-09_2026-08.json;\n"
    "                     rejected rows go to FILE.rejected.txt\n"
    "  --no-serve         build the database and exit\n";

/* 1 if the demo's kommun organisation exists in s. */
static int
has_demo(struct sv_store *s)
{
	struct sv_arena *a = sv_arena_new();
	struct sv_org o;
	struct sv_diag d;
	int yes;

	sv_diag_clear(&d);
	yes = org_get(s, "VASTERAS", a, &o, &d) == SV_OK;
	sv_arena_free(a);
	return yes;
}

/* Imports the real boundary and polisen files of dir (see usage). */
static enum sv_err
import_data(struct sv_store *s, const char *db, const char *dir,
    struct sv_diag *d)
{
	static const struct {
		const char	*file, *layer, *code, *name, *players, *pfield;
	} layers[] = {
		{ "boundaries/se_lan_scb_sweref99tm.geojson", "lan", "ln_kod",
		    "ln_namn", NULL, NULL },
		{ "boundaries/se_kommuner_scb_sweref99tm.geojson", "kommun",
		    "kn_kod", "kn_namn", "lan", "ln_kod" },
	};
	struct import_area_opts ao;
	struct import_opts io;
	struct import_summary sum;
	char path[4096];
	FILE *rep;
	enum sv_err e = SV_OK;
	size_t i;

	/* Beside a database file; in the working directory for a URL. */
	if (store_backend(s) == SV_STORE_SQLITE)
		snprintf(path, sizeof(path), "%s.rejected.txt", db);
	else
		snprintf(path, sizeof(path), "demo.rejected.txt");
	if ((rep = fopen(path, "w")) == NULL)
		return sv_diag_set(d, SV_ERR_IO, "data", "cannot write %s",
		    path);
	for (i = 0; i < sizeof(layers) / sizeof(layers[0]); i++) {
		memset(&ao, 0, sizeof(ao));
		ao.layer = layers[i].layer;
		ao.code_field = layers[i].code;
		ao.name_field = layers[i].name;
		ao.parent_layer = layers[i].players;
		ao.parent_field = layers[i].pfield;
		ao.progress = isatty(STDERR_FILENO);
		ao.report = rep;
		snprintf(path, sizeof(path), "%s/%s", dir, layers[i].file);
		fprintf(stderr, "samverkan demo: importing %s\n", path);
		if ((e = import_areas(s, path, &ao, &sum, d)) != SV_OK)
			goto out;
		import_print_summary(stderr, &sum);
	}
	memset(&io, 0, sizeof(io));
	io.progress = isatty(STDERR_FILENO);
	io.report = rep;
	snprintf(path, sizeof(path), "%s/polisen/"
	    "polisen_events_2022-09_2026-08.json", dir);
	fprintf(stderr, "samverkan demo: importing %s\n", path);
	if ((e = import_incidents(s, IMPORT_POLISEN, path, &io, &sum, d)) !=
	    SV_OK)
		goto out;
	import_print_summary(stderr, &sum);
out:
	fclose(rep);
	return e;
}

static int
build(const char *db, const struct demo_options *o, const char *data)
{
	struct demo_summary sum;
	struct sv_store *s = NULL;
	struct sv_diag d;
	enum sv_err e;
	int rc = SV_EXIT_OK;
	time_t t0 = time(NULL);
	char shown[1024];

	/* A PostgreSQL URL may hold a password: never print it. */
	store_url_redact(db, shown, sizeof(shown));
	sv_diag_clear(&d);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK) {
		rc = cli_fail("demo", e, &d);
		goto out;
	}
	if (has_demo(s)) {
		fprintf(stderr, "samverkan demo: %s already holds the demo; "
		    "serving it as it is (--fresh to rebuild)\n", shown);
		goto out;
	}
	fprintf(stderr, "samverkan demo: generating the demo into %s ...\n",
	    shown);
	if ((e = demo_generate(s, o, &sum, &d)) != SV_OK) {
		rc = cli_fail("demo", e, &d);
		goto out;
	}
	fprintf(stderr, "samverkan demo: %zu organisations, %zu users, "
	    "%zu areas, %zu incidents in %lld s\n", sum.organisations,
	    sum.users, sum.areas, sum.incidents,
	    (long long)(time(NULL) - t0));
	if (data != NULL && (e = import_data(s, db, data, &d)) != SV_OK)
		rc = cli_fail("demo", e, &d);
out:
	store_close(s);
	return rc;
}

static void
print_logins(FILE *f, const char *listen)
{
	size_t i;

	fprintf(f, "\nsamverkan demo: logins (password for all: %s)\n",
	    DEMO_PASSWORD);
	for (i = 0; i < demo_nusers; i++)
		fprintf(f, "  %-32s %-10s %s\n", demo_users[i].email,
		    demo_users[i].role, demo_users[i].display_name);
	fprintf(f, "\nOpen http://%s/ and log in as %s with password %s\n\n",
	    listen, demo_users[1].email, DEMO_PASSWORD);
	fflush(f);
}

int
cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "web", required_argument, NULL, 'w' },
		{ "seed", required_argument, NULL, 's' },
		{ "end", required_argument, NULL, 'e' },
		{ "days", required_argument, NULL, 'n' },
		{ "fresh", no_argument, NULL, 'f' },
		{ "no-serve", no_argument, NULL, 'N' },
		{ "data", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_options o;
	const char *db = NULL, *listen = NULL, *web = NULL, *data = NULL;
	char *sargv[8];
	struct sv_diag d;
	long v;
	int c, rc, serve = 1, fresh = 0, sargc = 0;

	memset(&o, 0, sizeof(o));
	o.seed = DEMO_SEED_DEFAULT;
	o.end = dom_now();	/* SV_FAKE_NOW in tests */
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'w':
			web = optarg;
			break;
		case 's':
			if (cli_parse_long(optarg, 0, 0x7fffffffL, &v) != 0)
				return cli_usage_error("demo",
				    "--seed must be a non-negative integer");
			o.seed = (uint64_t)v;
			break;
		case 'e':
			sv_diag_clear(&d);
			if (sv_time_parse(optarg, &o.end, "end", &d) != SV_OK)
				return cli_usage_error("demo", "--end: %s",
				    d.message);
			break;
		case 'n':
			if (cli_parse_long(optarg, 1, 3660, &v) != 0)
				return cli_usage_error("demo",
				    "--days must be 1-3660");
			o.days = (int)v;
			break;
		case 'f':
			fresh = 1;
			break;
		case 'N':
			serve = 0;
			break;
		case 'D':
			data = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("demo", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("demo", "unexpected argument '%s'",
		    argv[optind]);
	db = cli_setting(db, "db", "demo.db");
	listen = cli_setting(listen, "listen", "127.0.0.1:8080");
	if (fresh) {
		static const char *const sfx[] = { "", "-wal", "-shm" };
		char path[4096];
		size_t i;

		for (i = 0; i < 3; i++) {
			snprintf(path, sizeof(path), "%s%s", db, sfx[i]);
			unlink(path);
		}
	}
	if ((rc = build(db, &o, data)) != SV_EXIT_OK || !serve)
		return rc;

	print_logins(stdout, listen);
	sargv[sargc++] = "serve";
	sargv[sargc++] = "--db";
	sargv[sargc++] = (char *)(uintptr_t)db;
	sargv[sargc++] = "--listen";
	sargv[sargc++] = (char *)(uintptr_t)listen;
	if (web != NULL) {
		sargv[sargc++] = "--web";
		sargv[sargc++] = (char *)(uintptr_t)web;
	}
	sargv[sargc] = NULL;
	return cmd_serve(sargc, sargv);
}
