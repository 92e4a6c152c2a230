/*
 * Prototypes of every subcommand, generated from commands.def.
 */
#ifndef SV_COMMANDS_H
#define SV_COMMANDS_H

#define SV_COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef SV_COMMAND

#endif
