/*
 * samverkan migrate: creates or upgrades the database schema with the
 * migrations embedded in the binary.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan migrate [--db FILE]\n\n"
    "Applies the schema migrations embedded in the program to the database\n"
    "(created if missing), each in its own transaction. Running it again\n"
    "does nothing. --db may also come from the config file (db = FILE) or\n"
    "$SAMVERKAN_DB.\n\n"
    "It also creates the server key (auth_key_file; default FILE.key, mode\n"
    "0600) if it is missing, and seals with it every TOTP secret still\n"
    "stored in the clear.\n";

int
cmd_migrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_store *s = NULL;
	const char *db = NULL;
	struct sv_diag d;
	enum sv_err e;
	int c, n = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("migrate", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("migrate", "unexpected argument '%s'",
		    argv[optind]);
	sv_diag_clear(&d);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("migrate", "--db is required");
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, &n, &d)) != SV_OK) {
		store_close(s);
		return cli_fail("migrate", e, &d);
	}
	printf("schema version %d (%d migration%s applied)\n",
	    store_schema_version(s), n, n == 1 ? "" : "s");
	n = cli_server_key("migrate", db, s);
	store_close(s);
	return n;
}
