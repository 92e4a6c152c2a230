/*
 * Settings lookup and error printing shared by all subcommands.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/mem.h"

#define CONFIG_MAX_KEYS	64

static struct {
	char	*key, *value;
} config[CONFIG_MAX_KEYS];
static int nconfig;

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
cli_config_load(const char *path)
{
	FILE *f;
	int rc;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "samverkan: %s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = cli_config_read(f, path);
	fclose(f);
	return rc;
}

int
cli_config_read(FILE *f, const char *name)
{
	char line[1024], *eq, *k, *v;
	size_t n;
	long lineno = 0;

	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		n = strlen(line);
		/* A cut line would be read as two settings: refuse it. */
		if (n == sizeof(line) - 1 && line[n - 1] != '\n' && !feof(f)) {
			fprintf(stderr, "samverkan: %s:%ld: line too long\n",
			    name, lineno);
			return -1;
		}
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			fprintf(stderr, "samverkan: %s:%ld: expected key = value\n",
			    name, lineno);
			return -1;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (nconfig == CONFIG_MAX_KEYS) {
			fprintf(stderr, "samverkan: %s:%ld: too many settings\n",
			    name, lineno);
			return -1;
		}
		config[nconfig].key = sv_strdup(k);
		config[nconfig].value = sv_strdup(v);
		nconfig++;
	}
	return 0;
}

void
cli_config_clear(void)
{
	while (nconfig > 0) {
		nconfig--;
		free(config[nconfig].key);
		free(config[nconfig].value);
		config[nconfig].key = config[nconfig].value = NULL;
	}
}

const char *
cli_setting(const char *flag, const char *key, const char *def)
{
	char env[80];
	const char *v;
	size_t i;
	int c;

	if (flag != NULL)
		return flag;
	/* Later lines win, as in most config files. */
	for (c = nconfig - 1; c >= 0; c--)
		if (strcmp(config[c].key, key) == 0)
			return config[c].value;
	snprintf(env, sizeof(env), "SAMVERKAN_%s", key);
	for (i = 0; env[i]; i++)
		env[i] = env[i] == '-' ? '_' : (char)toupper((unsigned char)env[i]);
	if ((v = getenv(env)) != NULL && *v != '\0')
		return v;
	return def;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "samverkan %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'samverkan %s --help'.\n", cmd);
	return SV_EXIT_USAGE;
}

int
cli_bad_option(const char *cmd, const char *word)
{
	int n = (int)strcspn(word, "=");

	/*
	 * glibc's getopt_long leaves optopt 0 for an unknown long option and
	 * sets it to the option's value when the option itself was known.
	 */
	if (optopt != 0 && strncmp(word, "--", 2) == 0)
		return cli_usage_error(cmd, word[n] == '=' ?
		    "option '%.*s' takes no value" : "option '%.*s' needs a value",
		    n, word);
	return cli_usage_error(cmd, "unknown option '%.*s'", n, word);
}

int
cli_need_db(const char *cmd, const char *db)
{
	struct stat st;
	const char *path = db;

	if (strncmp(db, "postgres://", 11) == 0 ||
	    strncmp(db, "postgresql://", 13) == 0)
		return 0;
	if (strncmp(db, "sqlite:", 7) == 0)
		path = db + 7;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "samverkan %s: %s: %s\n", cmd, path,
		    strerror(errno));
		return SV_EXIT_FAIL;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "samverkan %s: %s: not a database file\n", cmd,
		    path);
		return SV_EXIT_FAIL;
	}
	return 0;
}

int
cli_fail(const char *cmd, enum sv_err e, const struct sv_diag *d)
{
	if (d != NULL && d->message[0] != '\0')
		fprintf(stderr, "samverkan %s: %s%s%s\n", cmd,
		    d->field[0] ? d->field : "", d->field[0] ? ": " : "",
		    d->message);
	else
		fprintf(stderr, "samverkan %s: %s\n", cmd, sv_strerror(e));
	(void)e;
	return SV_EXIT_FAIL;
}

int
cli_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
cli_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}
