/*
 * samverkan version: the program's version on stdout.
 */
#include <stdio.h>
#include <string.h>

#include "sv_config.h"
#include "cli.h"
#include "commands.h"

int
cmd_version(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: samverkan version\n\nPrints the version.\n");
		return SV_EXIT_OK;
	}
	if (argc > 1)
		return cli_usage_error("version", "unexpected argument '%s'",
		    argv[1]);
	printf("samverkan %s\n", SV_VERSION);
	return SV_EXIT_OK;
}
