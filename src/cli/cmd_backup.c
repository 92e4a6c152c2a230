/*
 * samverkan backup: a consistent online copy of a SQLite database while
 * the server may keep running (store_backup), checked and renamed into
 * place only when complete. --check only runs the integrity check.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan backup [--db FILE] --out FILE\n"
    "       samverkan backup [--db FILE] --check\n\n"
    "Copies the database into the new file --out with SQLite's online backup\n"
    "(a consistent snapshot even while the server writes), checks the copy\n"
    "with integrity_check and only then gives it its name. --check runs the\n"
    "integrity check of the database itself. For PostgreSQL use pg_dump.\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

int
cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_store *s = NULL;
	const char *db = NULL, *out = NULL;
	struct sv_diag d;
	enum sv_err e;
	int c, check = 0, pages = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'c':
			check = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("backup", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("backup", "unexpected argument '%s'",
		    argv[optind]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("backup", "--db is required");
	if (cli_need_db("backup", db) != 0)
		return SV_EXIT_FAIL;
	if ((out == NULL) == !check)
		return cli_usage_error("backup", "give either --out FILE or "
		    "--check");
	sv_diag_clear(&d);
	if ((e = store_open(db, &s, &d)) != SV_OK)
		return cli_fail("backup", e, &d);
	if (check)
		e = store_check(s, &d);
	else
		e = store_backup(s, out, &pages, &d);
	store_close(s);
	if (e != SV_OK)
		return cli_fail("backup", e, &d);
	if (check)
		printf("ok\n");
	else
		printf("%s: %d pages, integrity ok\n", out, pages);
	return SV_EXIT_OK;
}
