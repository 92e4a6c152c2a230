/*
 * samverkan migrate-data: moves an installation from SQLite to PostgreSQL
 * in one transaction (store_migrate_data in store/store_transfer.c), then
 * reads every table back from both databases and compares them value by
 * value; with --check it only compares.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "store/store_pg.h"

static const char usage[] =
    "usage: samverkan migrate-data --from sqlite:FILE --to postgres://URL\n"
    "                              [--replace] [--check]\n\n"
    "Copies every table of the SQLite database FILE, ids included, into the\n"
    "PostgreSQL database at URL (which gets the same schema version first),\n"
    "in one transaction, then compares both databases row by row and value\n"
    "by value. Stop `samverkan serve` on FILE first. The target must be a\n"
    "new, empty database unless --replace is given, which empties it.\n"
    "--check only compares the two databases (after a migration).\n"
    "Prints one line per table with its row count; exit status 0 only if\n"
    "both databases hold the same data.\n";

int
cmd_migrate_data(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "replace", no_argument, NULL, 'r' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL;
	struct sv_diag d;
	enum sv_err e;
	int64_t rows;
	int c, replace = 0, check = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'r':
			replace = 1;
			break;
		case 'c':
			check = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("migrate-data", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("migrate-data",
		    "unexpected argument '%s'", argv[optind]);
	if (from == NULL || to == NULL)
		return cli_usage_error("migrate-data",
		    "--from and --to are required");
	sv_diag_clear(&d);
	if (check) {
		if ((e = store_compare(from, to, &rows, &d)) != SV_OK)
			return cli_fail("migrate-data", e, &d);
		printf("equal: %" PRId64 " rows compared\n", rows);
		return SV_EXIT_OK;
	}
	if ((e = store_migrate_data(from, to, replace, stdout, &d)) != SV_OK)
		return cli_fail("migrate-data", e, &d);
	return SV_EXIT_OK;
}
