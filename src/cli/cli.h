/*
 * Shared plumbing for subcommands: exit codes, settings with the
 * precedence flag > config file > environment, and usage errors.
 * Each subcommand lives in its own cmd_<name>.c and is listed in the
 * command table in main.c.
 */
#ifndef SV_CLI_H
#define SV_CLI_H

#include <stdio.h>

#include "core/err.h"

enum {
	SV_EXIT_OK = 0,
	SV_EXIT_FAIL = 1,
	SV_EXIT_USAGE = 2,
};

struct sv_command {
	const char	*name;
	int		(*run)(int argc, char **argv);
	const char	*summary;
};

/* The table in main.c, terminated by a NULL name. */
extern const struct sv_command sv_commands[];

/*
 * Loads the configuration file (key = value lines, '#' comments). Called
 * once from main with --config or $SAMVERKAN_CONFIG. Returns SV_EXIT_OK,
 * SV_EXIT_FAIL for a file that cannot be read, or SV_EXIT_USAGE for a
 * line that is not key = value, an unknown key (with the nearest known
 * one suggested) or a value of the wrong type, each printed with file
 * and line.
 */
int		 cli_config_load(const char *path);
/* The same on an open stream; name is used in messages. */
int		 cli_config_read(FILE *f, const char *name);
/* Forgets every loaded setting (tests and the fuzz harness). */
void		 cli_config_clear(void);
/*
 * The value of setting `key` (e.g. "db", "listen"): flag if non-NULL,
 * else the config file, else $SAMVERKAN_<KEY>, else def. Static storage.
 */
const char	*cli_setting(const char *flag, const char *key, const char *def);

/* Prints "samverkan CMD: message" and returns SV_EXIT_USAGE. */
int		 cli_usage_error(const char *cmd, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/*
 * The usage error for the option word getopt_long refused (argv[optind - 1]
 * after it returned '?'): unknown, missing its value or given one it does
 * not take. Returns SV_EXIT_USAGE.
 */
int		 cli_bad_option(const char *cmd, const char *word);
/*
 * For commands that work on an existing installation: 0 if db is a
 * PostgreSQL URL or an existing SQLite file, else prints
 * "samverkan CMD: FILE: reason" and returns SV_EXIT_FAIL, so that a
 * mistyped path is reported instead of creating an empty database.
 */
int		 cli_need_db(const char *cmd, const char *db);
/* Prints "samverkan CMD: error text (field: message)" for a failure. */
int		 cli_fail(const char *cmd, enum sv_err, const struct sv_diag *);
/*
 * Loads the server key (setting auth_key_file, default db + ".key"),
 * creating it 0600 on first use, and seals the TOTP secrets stored in
 * the clear (cli_key.c). Returns an exit status.
 */
struct sv_store;
int		 cli_server_key(const char *cmd, const char *db,
		    struct sv_store *);
/* Parses a whole-string long; returns 0 on success. */
int		 cli_parse_long(const char *s, long min, long max, long *out);
/* Parses 0/1, no/yes, false/true into 0 or 1; returns 0 on success. */
int		 cli_parse_bool(const char *s, long *out);
/* Parses a whole-string double; returns 0 on success. */
int		 cli_parse_double(const char *s, double *out);

#endif
