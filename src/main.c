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

	fprintf(f, "usage: samverkan [--config FILE] COMMAND [OPTIONS]\n\n"
	    "Crime-prevention collaboration between a municipality and its\n"
	    "local police area: EST incidents, the joint lägesbild, action\n"
	    "plans and follow-up.\n\nCommands:\n");
	for (c = sv_commands; c->name != NULL; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'samverkan COMMAND --help' for a command's options.\n"
	    "Settings: flags, then the config file (--config or\n"
	    "$SAMVERKAN_CONFIG), then environment variables SAMVERKAN_<NAME>.\n");
}

int
main(int argc, char **argv)
{
	const struct sv_command *c;
	const char *config = getenv("SAMVERKAN_CONFIG");
	int i = 1;

	if (i < argc && strcmp(argv[i], "--config") == 0) {
		if (i + 1 >= argc) {
			fprintf(stderr, "samverkan: --config needs a file\n");
			return SV_EXIT_USAGE;
		}
		config = argv[i + 1];
		i += 2;
	}
	if (config != NULL && *config != '\0' && cli_config_load(config) != 0)
		return SV_EXIT_FAIL;
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
