/*
 * samverkan: the program. One binary, subcommands listed in a table; each
 * subcommand parses its own options and returns an exit status (0 success,
 * 1 failure, 2 bad usage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sv_config.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/log.h"

const struct sv_command sv_commands[] = {
#define SV_COMMAND(name, fn, summary) { name, fn, summary },
#include "cli/commands.def"
#undef SV_COMMAND
	{ NULL, NULL, NULL },
};

static void
usage(FILE *f)
{
	const struct sv_command *c;

	fprintf(f, "usage: samverkan [--config FILE] [--log-level LEVEL] COMMAND "
	    "[OPTIONS]\n\n"
	    "Crime-prevention collaboration between a municipality and its\n"
	    "local police area: EST incidents, the joint lägesbild, action\n"
	    "plans and follow-up.\n\nCommands:\n");
	for (c = sv_commands; c->name != NULL; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'samverkan COMMAND --help' for a command's options.\n"
	    "Settings: flags, then the config file (--config or\n"
	    "$SAMVERKAN_CONFIG), then environment variables SAMVERKAN_<NAME>.\n"
	    "--log-level (setting log_level): debug, info (default), warn or\n"
	    "error; events are logged one line each on stderr. 'man samverkan'\n"
	    "documents every command.\n");
}

/* Applies the log_level setting; returns an exit status or -1 to go on. */
static int
set_log_level(const char *flag)
{
	const char *v = cli_setting(flag, "log_level", "info");
	int l = sv_log_level_parse(v);

	if (l < 0) {
		fprintf(stderr, "samverkan: log_level: '%s' is not debug, info, "
		    "warn or error\n", v);
		return SV_EXIT_USAGE;
	}
	sv_log_set_level((enum sv_log_level)l);
	return -1;
}

int
main(int argc, char **argv)
{
	const struct sv_command *c;
	const char *config = getenv("SAMVERKAN_CONFIG"), *level = NULL;
	int i = 1, rc;

	/* Global options, before the command. */
	while (i < argc && (strcmp(argv[i], "--config") == 0 ||
	    strcmp(argv[i], "--log-level") == 0)) {
		if (i + 1 >= argc) {
			fprintf(stderr, "samverkan: %s needs a value\n",
			    argv[i]);
			return SV_EXIT_USAGE;
		}
		if (strcmp(argv[i], "--config") == 0)
			config = argv[i + 1];
		else
			level = argv[i + 1];
		i += 2;
	}
	if (config != NULL && *config != '\0' &&
	    (rc = cli_config_load(config)) != SV_EXIT_OK)
		return rc;
	if ((rc = set_log_level(level)) >= 0)
		return rc;
	if (i >= argc) {
		usage(stderr);
		return SV_EXIT_USAGE;
	}
	if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ||
	    strcmp(argv[i], "help") == 0) {
		usage(stdout);
		return SV_EXIT_OK;
	}
	if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
		printf("samverkan %s\n", SV_VERSION);
		return SV_EXIT_OK;
	}
	for (c = sv_commands; c->name != NULL; c++)
		if (strcmp(c->name, argv[i]) == 0)
			return c->run(argc - i, argv + i);
	fprintf(stderr, "samverkan: unknown command '%s'\n", argv[i]);
	usage(stderr);
	return SV_EXIT_USAGE;
}
