/*
 * samverkan token create: prints a new API token for a user, once.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "commands.h"
#include "domain/auth.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan token create [--db FILE] --user EMAIL\n\n"
    "Creates an API token for the user and prints it on standard output.\n"
    "It is shown only now (the database keeps only its hash); send it as\n"
    "'Authorization: Bearer TOKEN'.\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

int
cmd_token(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_store *s = NULL;
	struct sv_actor sys;
	const char *db = NULL, *user = NULL;
	char tok[SV_SECRET_HEX];
	struct sv_diag d;
	enum sv_err e;
	int c, rc = SV_EXIT_OK;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	if (strcmp(argv[1], "create") != 0)
		return cli_usage_error("token", "unknown action '%s'", argv[1]);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'u': user = optarg; break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("token", argv[optind]);
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("token", "unexpected argument '%s'",
		    argv[optind + 1]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("token", "--db is required");
	if (cli_need_db("token", db) != 0)
		return SV_EXIT_FAIL;
	if (user == NULL)
		return cli_usage_error("token", "create needs --user");
	sv_diag_clear(&d);
	actor_system(&sys);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK ||
	    (e = auth_token_create(s, &sys, user, tok, &d)) != SV_OK)
		rc = cli_fail("token", e, &d);
	else
		printf("%s\n", tok);
	sodium_memzero(tok, sizeof(tok));
	store_close(s);
	return rc;
}
