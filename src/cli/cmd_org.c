/*
 * samverkan org: organisations from the command line (add, list).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "core/mem.h"
#include "domain/organisation.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan org add [--db FILE] --code CODE --name NAME --kind KIND\n"
    "                         [--org-number NNNNNN-NNNN] [--parent CODE]\n"
    "       samverkan org list [--db FILE]\n\n"
    "Adds or lists organisations. KIND is one of kommun, forvaltning,\n"
    "stadsdelsforvaltning, lokalpolisomrade, polisomrade, polisregion,\n"
    "bostadsbolag, raddningstjanst, vaktbolag, region, civilsamhalle,\n"
    "naringsliv, ovrig. The org number is checked with its check digit.\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

int
cmd_org(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "code", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "kind", required_argument, NULL, 'k' },
		{ "org-number", required_argument, NULL, 'o' },
		{ "parent", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_org_input in;
	struct sv_store *s = NULL;
	struct sv_arena *a = NULL;
	struct sv_actor sys;
	struct sv_org *v;
	const char *db = NULL, *verb;
	struct sv_diag d;
	enum sv_err e;
	size_t n, i;
	int c, rc = SV_EXIT_OK;

	memset(&in, 0, sizeof(in));
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	verb = argv[1];
	if (strcmp(verb, "add") != 0 && strcmp(verb, "list") != 0)
		return cli_usage_error("org", "unknown action '%s'", verb);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'c': in.code = optarg; break;
		case 'n': in.name = optarg; break;
		case 'k': in.kind = optarg; break;
		case 'o': in.org_number = optarg; break;
		case 'p': in.parent = optarg; break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("org", argv[optind]);
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("org", "unexpected argument '%s'",
		    argv[optind + 1]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("org", "--db is required");
	if (strcmp(verb, "add") == 0 && (in.code == NULL || in.name == NULL ||
	    in.kind == NULL))
		return cli_usage_error("org", "add needs --code, --name and "
		    "--kind");
	/* add may start a new installation; list needs one. */
	if (strcmp(verb, "list") == 0 && cli_need_db("org", db) != 0)
		return SV_EXIT_FAIL;
	sv_diag_clear(&d);
	actor_system(&sys);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK) {
		rc = cli_fail("org", e, &d);
		goto out;
	}
	if (strcmp(verb, "add") == 0) {
		if ((e = org_create(s, &sys, &in, NULL, &d)) != SV_OK)
			rc = cli_fail("org", e, &d);
		else
			printf("added organisation %s\n", in.code);
		goto out;
	}
	a = sv_arena_new();
	if ((e = org_list(s, a, &v, &n, &d)) != SV_OK) {
		rc = cli_fail("org", e, &d);
		goto out;
	}
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%s\n", v[i].code,
		    sv_org_kind_names[v[i].kind], v[i].name,
		    v[i].org_number ? v[i].org_number : "-",
		    v[i].parent ? v[i].parent : "-");
out:
	sv_arena_free(a);
	store_close(s);
	return rc;
}
