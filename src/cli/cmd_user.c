/*
 * samverkan user: add a user with a password read from standard input;
 * switch a user's TOTP second factor off (a lost phone).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "commands.h"
#include "domain/auth.h"
#include "domain/user.h"
#include "store/store.h"

static const char usage[] =
    "usage: samverkan user add [--db FILE] --org CODE --role ROLE --email E\n"
    "                          --password-stdin [--name DISPLAY_NAME]\n"
    "       samverkan user totp [--db FILE] --email E --disable\n\n"
    "add adds a user to an organisation. ROLE is lasare, rapportor,\n"
    "samordnare or admin. The password (at least 10 characters) is read\n"
    "from the first line of standard input and stored as an argon2id hash.\n"
    "totp --disable switches the user's TOTP second factor off (for a lost\n"
    "phone); the user can enrol again after the next login. Audited.\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

static int
user_totp(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "email", required_argument, NULL, 'e' },
		{ "disable", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_store *s = NULL;
	struct sv_actor sys;
	const char *db = NULL, *email = NULL;
	struct sv_diag d;
	enum sv_err e;
	int c, disable = 0, rc = SV_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'e': email = optarg; break;
		case 'x': disable = 1; break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("user", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("user", "unexpected argument '%s'",
		    argv[optind]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("user", "--db is required");
	if (email == NULL || !disable)
		return cli_usage_error("user", "totp needs --email and --disable");
	if (cli_need_db("user", db) != 0)
		return SV_EXIT_FAIL;
	sv_diag_clear(&d);
	actor_system(&sys);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK ||
	    (e = auth_totp_reset(s, &sys, email, &d)) != SV_OK)
		rc = cli_fail("user", e, &d);
	else
		printf("switched the second factor off for %s\n", email);
	store_close(s);
	return rc;
}

int
cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "org", required_argument, NULL, 'o' },
		{ "role", required_argument, NULL, 'r' },
		{ "email", required_argument, NULL, 'e' },
		{ "name", required_argument, NULL, 'n' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_user_input in;
	struct sv_store *s = NULL;
	struct sv_actor sys;
	const char *db = NULL;
	char pw[SV_PASSWORD_MAX + 2];
	struct sv_diag d;
	enum sv_err e;
	size_t len;
	int c, from_stdin = 0, rc = SV_EXIT_OK;

	memset(&in, 0, sizeof(in));
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	if (strcmp(argv[1], "totp") == 0)
		return user_totp(argc - 1, argv + 1);
	if (strcmp(argv[1], "add") != 0)
		return cli_usage_error("user", "unknown action '%s'", argv[1]);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'o': in.organisation = optarg; break;
		case 'r': in.role = optarg; break;
		case 'e': in.email = optarg; break;
		case 'n': in.display_name = optarg; break;
		case 'p': from_stdin = 1; break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("user", argv[optind]);
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("user", "unexpected argument '%s'",
		    argv[optind + 1]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("user", "--db is required");
	if (cli_need_db("user", db) != 0)
		return SV_EXIT_FAIL;
	if (in.organisation == NULL || in.role == NULL || in.email == NULL ||
	    !from_stdin)
		return cli_usage_error("user", "add needs --org, --role, "
		    "--email and --password-stdin");
	if (fgets(pw, sizeof(pw), stdin) == NULL) {
		fprintf(stderr, "samverkan user: no password on standard "
		    "input\n");
		return SV_EXIT_FAIL;
	}
	len = strcspn(pw, "\r\n");
	pw[len] = '\0';
	in.password = pw;
	in.active = 1;
	sv_diag_clear(&d);
	actor_system(&sys);
	if ((e = store_open(db, &s, &d)) != SV_OK ||
	    (e = store_migrate(s, NULL, &d)) != SV_OK ||
	    (e = user_create(s, &sys, &in, NULL, &d)) != SV_OK)
		rc = cli_fail("user", e, &d);
	else
		printf("added user %s (%s)\n", in.email, in.role);
	sodium_memzero(pw, sizeof(pw));
	store_close(s);
	return rc;
}
