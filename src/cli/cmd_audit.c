/*
 * samverkan audit: verify the hash chain of the audit trail, or list its
 * latest entries. verify exits 1 naming the first entry that does not
 * match the chain; it also prints the count and the head hash, which an
 * operator can note outside the database (minutes, e-archive) and give
 * back with --head later: that is what detects a trail cut off at its
 * end or rewritten as a whole, which a chain alone cannot show.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "core/svtime.h"
#include "domain/audit.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan audit verify [--db FILE] [--head HASH]\n"
    "       samverkan audit list [--db FILE] [--entity NAME] [--limit N]\n\n"
    "verify recomputes the hash chain of the audit trail and exits 1 at the\n"
    "first entry that was altered, or that follows a removed entry. It prints\n"
    "the number of entries and the hash of the last one; --head HASH checks\n"
    "that an earlier noted head is still part of the chain (a trail cut off\n"
    "at its end, or recomputed from some point on, no longer contains it).\n"
    "list prints the latest entries, newest first (default 50).\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

static int
verify(struct sv_store *s, const char *head)
{
	struct sv_stmt *st;
	struct sv_diag d;
	int64_t bad = 0, n;
	enum sv_err e;
	int row;

	sv_diag_clear(&d);
	e = audit_verify(s, &bad);
	if (e == SV_ERR_CONFLICT) {
		fprintf(stderr, "samverkan audit: entry %" PRId64 " does not "
		    "match the chain: it was altered, or an entry before it "
		    "was removed\n", bad);
		return SV_EXIT_FAIL;
	}
	if (e != SV_OK)
		return cli_fail("audit", e, &d);
	st = store_stmt(s, SQL_AUDIT_SUMMARY);
	if ((e = stmt_step(st, &row, &d)) != SV_OK)
		return cli_fail("audit", e, &d);
	n = row ? stmt_int(st, 0) : 0;
	printf("ok: %" PRId64 " entries, head %s\n", n,
	    row && stmt_text(st, 1) ? stmt_text(st, 1) : "(none)");
	stmt_reset(st);
	if (head == NULL)
		return SV_EXIT_OK;
	st = store_stmt(s, SQL_AUDIT_FIND_HASH);
	stmt_bind_text(st, 1, head);
	if ((e = stmt_step(st, &row, &d)) != SV_OK)
		return cli_fail("audit", e, &d);
	stmt_reset(st);
	if (!row) {
		fprintf(stderr, "samverkan audit: the noted head %s is not in "
		    "the chain: entries were removed or rewritten\n", head);
		return SV_EXIT_FAIL;
	}
	return SV_EXIT_OK;
}

static void
print_text(const char *t)
{
	/* Tab-separated output: no tabs or newlines inside a field. */
	for (; t != NULL && *t; t++)
		putchar(*t == '\t' || *t == '\n' || *t == '\r' ? ' ' : *t);
}

static int
list(struct sv_store *s, const char *entity, long limit)
{
	struct sv_stmt *st = store_stmt(s, SQL_AUDIT_PAGE);
	struct sv_civil c;
	struct sv_diag d;
	enum sv_err e;
	int row, i;

	sv_diag_clear(&d);
	stmt_bind_text(st, 1, entity);
	stmt_bind_int(st, 2, limit);
	printf("id\tat\tuser\torg\taction\tentity\tentity_id\tdetail\n");
	for (;;) {
		if ((e = stmt_step(st, &row, &d)) != SV_OK)
			return cli_fail("audit", e, &d);
		if (!row)
			break;
		sv_stockholm_civil(stmt_int(st, 1), &c);
		printf("%" PRId64 "\t%04d-%02d-%02dT%02d:%02d:%02d\t",
		    stmt_int(st, 0), c.year, c.month, c.day, c.hour, c.minute,
		    c.second);
		for (i = 2; i <= 3; i++) {
			if (!stmt_isnull(st, i))
				printf("%" PRId64, stmt_int(st, i));
			putchar('\t');
		}
		for (i = 4; i <= 7; i++) {
			print_text(stmt_text(st, i));
			putchar(i < 7 ? '\t' : '\n');
		}
	}
	return SV_EXIT_OK;
}

int
cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "head", required_argument, NULL, 'H' },
		{ "entity", required_argument, NULL, 'e' },
		{ "limit", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_store *s = NULL;
	const char *db = NULL, *head = NULL, *entity = NULL, *action;
	struct sv_diag d;
	long limit = 50;
	enum sv_err e;
	int c, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	action = argv[1];
	if (strcmp(action, "verify") != 0 && strcmp(action, "list") != 0)
		return cli_usage_error("audit", "unknown action '%s'", action);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'H':
			head = optarg;
			break;
		case 'e':
			entity = optarg;
			break;
		case 'l':
			if (cli_parse_long(optarg, 1, 100000, &limit) != 0)
				return cli_usage_error("audit",
				    "--limit must be 1 to 100000");
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("audit", argv[optind]);
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("audit", "unexpected argument '%s'",
		    argv[optind + 1]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("audit", "--db is required");
	if (cli_need_db("audit", db) != 0)
		return SV_EXIT_FAIL;
	sv_diag_clear(&d);
	/* Read only: no migration, so a suspect file is left as it is. */
	if ((e = store_open(db, &s, &d)) != SV_OK)
		return cli_fail("audit", e, &d);
	if (store_schema_version(s) <= 0) {
		store_close(s);
		fprintf(stderr, "samverkan audit: %s is not a samverkan "
		    "database\n", db);
		return SV_EXIT_FAIL;
	}
	rc = strcmp(action, "verify") == 0 ? verify(s, head) :
	    list(s, entity, limit);
	store_close(s);
	return rc;
}
