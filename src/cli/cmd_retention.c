/*
 * samverkan retention run: applies the retention periods (gallring) of
 * the trust settings: anonymises or deletes what is past its period, in
 * batches of one transaction each with an audit event, so it may be
 * interrupted and run again. --dry-run only counts.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "core/svtime.h"
#include "domain/retention.h"
#include "domain/trust.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan retention run [--db FILE] [--dry-run] [--batch N]\n\n"
    "Anonymises or deletes data past its retention period, as the trust\n"
    "settings retention.* say (days; 0 keeps the data): incident free text\n"
    "and reporter, incidents, withdrawn incidents, expired sessions,\n"
    "revoked API tokens and incident photos. Works in batches (default 500 rows), each one\n"
    "transaction with an audit event, so it is safe to interrupt and to run\n"
    "again. --dry-run prints what would be done and changes nothing.\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

int
cmd_retention(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "batch", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_retention_result res[SV_RET__MAX];
	struct sv_store *s = NULL;
	struct sv_actor sys;
	struct sv_civil cv;
	const char *db = NULL;
	struct sv_diag d;
	long batch = SV_RETENTION_BATCH;
	enum sv_err e;
	int c, k, dry = 0;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	if (strcmp(argv[1], "run") != 0)
		return cli_usage_error("retention", "unknown action '%s'",
		    argv[1]);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'n':
			dry = 1;
			break;
		case 'b':
			if (cli_parse_long(optarg, 1, 100000, &batch) != 0)
				return cli_usage_error("retention",
				    "--batch must be 1 to 100000");
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("retention", argv[optind]);
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("retention", "unexpected argument '%s'",
		    argv[optind + 1]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("retention", "--db is required");
	if (cli_need_db("retention", db) != 0)
		return SV_EXIT_FAIL;
	sv_diag_clear(&d);
	actor_system(&sys);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK)
		goto fail;
	e = retention_run(s, &sys, 0, dry, (size_t)batch, res,
	    &d);
	for (k = 0; k < SV_RET__MAX; k++) {
		if (res[k].days <= 0) {
			printf("%-14s kept (no retention period)\n",
			    sv_retention_kind_names[k]);
			continue;
		}
		sv_stockholm_civil(res[k].cutoff, &cv);
		printf("%-14s %s %" PRId64 "%s (older than %" PRId64 " days, "
		    "before %04d-%02d-%02d)\n", sv_retention_kind_names[k],
		    sv_retention_action_names[k], res[k].rows,
		    dry ? " (dry run)" : "", res[k].days, cv.year, cv.month,
		    cv.day);
	}
	if (e != SV_OK)
		goto fail;
	store_close(s);
	return SV_EXIT_OK;
fail:
	store_close(s);
	return cli_fail("retention", e, &d);
}
