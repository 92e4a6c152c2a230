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
#include <sys/socket.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/log.h"
#include "core/mem.h"
#include "http/http.h"

#define CONFIG_MAX_KEYS	64

/*
 * Every key the configuration file may set, with the type of its value.
 * A key not listed here is a mistake (a typo would otherwise be ignored
 * and the default used in silence), so it is refused with the nearest
 * known key as a suggestion; a value of the wrong type is refused too.
 * A new setting read with cli_setting() needs its line here.
 */
enum config_type {
	CONFIG_STRING,
	CONFIG_INTEGER,		/* whole number in [min, max] */
	CONFIG_BOOLEAN,		/* 0/1, no/yes, false/true */
	CONFIG_LOG_LEVEL,	/* debug, info, warn, error */
	CONFIG_ADDRESS,		/* HOST:PORT, as serve listens */
	CONFIG_TYPE__MAX,
};

static const struct config_key {
	const char		*name;
	enum config_type	 type;
	long			 min, max;
} config_keys[] = {
	{ "db", CONFIG_STRING, 0, 0 },
	{ "listen", CONFIG_ADDRESS, 0, 0 },
	{ "web", CONFIG_STRING, 0, 0 },
	{ "threads", CONFIG_INTEGER, 1, 64 },
	{ "max_per_ip", CONFIG_INTEGER, 0, 100000 },
	{ "secure_cookies", CONFIG_BOOLEAN, 0, 0 },
	{ "log_level", CONFIG_LOG_LEVEL, 0, 0 },
	{ "auth_key_file", CONFIG_STRING, 0, 0 },
};
#define CONFIG_NKEYS	(sizeof(config_keys) / sizeof(config_keys[0]))

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

/*
 * Edit distance between a and b, with '-' taken as '_' and case ignored
 * (so "max-per-ip" and "Threads" find their key). Both are short: keys
 * longer than the buffer are as far as their length.
 */
static size_t
key_distance(const char *a, const char *b)
{
	size_t row[64], la = strlen(a), lb = strlen(b), i, j, diag, up;
	int ca, cb;

	if (lb >= sizeof(row) / sizeof(row[0]))
		return la > lb ? la : lb;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		ca = a[i - 1] == '-' ? '_' : tolower((unsigned char)a[i - 1]);
		for (j = 1; j <= lb; j++) {
			cb = b[j - 1];
			up = row[j];
			row[j] = diag + (ca != cb);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* The known key nearest to an unknown one, or NULL if none is near. */
static const char *
config_suggest(const char *key)
{
	const char *best = NULL;
	size_t i, d, bestd = (size_t)-1, len = strlen(key);

	for (i = 0; i < CONFIG_NKEYS; i++) {
		d = key_distance(key, config_keys[i].name);
		if (d < bestd) {
			bestd = d;
			best = config_keys[i].name;
		}
	}
	/* Two edits, or a third of a long key, is still a typo. */
	return bestd <= 2 || bestd <= len / 3 ? best : NULL;
}

/* 0 if v is a valid value for k, else prints why (file, line, key). */
static int
config_check(const struct config_key *k, const char *v, const char *name,
    long lineno)
{
	struct sockaddr_storage ss;
	struct sv_diag d;
	size_t sslen;
	long n;

	switch (k->type) {
	case CONFIG_STRING:
		return 0;
	case CONFIG_INTEGER:
		if (cli_parse_long(v, k->min, k->max, &n) == 0)
			return 0;
		fprintf(stderr, "samverkan: %s:%ld: %s: '%s' is not a whole "
		    "number from %ld to %ld\n", name, lineno, k->name, v,
		    k->min, k->max);
		return -1;
	case CONFIG_BOOLEAN:
		if (cli_parse_bool(v, &n) == 0)
			return 0;
		fprintf(stderr, "samverkan: %s:%ld: %s: '%s' is not 0 or 1 "
		    "(no/yes, false/true)\n", name, lineno, k->name, v);
		return -1;
	case CONFIG_LOG_LEVEL:
		if (sv_log_level_parse(v) >= 0)
			return 0;
		fprintf(stderr, "samverkan: %s:%ld: %s: '%s' is not debug, "
		    "info, warn or error\n", name, lineno, k->name, v);
		return -1;
	case CONFIG_ADDRESS:
		sv_diag_clear(&d);
		if (http_listen_parse(v, &ss, &sslen, &d) == SV_OK)
			return 0;
		fprintf(stderr, "samverkan: %s:%ld: %s: '%s' is not an address "
		    "to listen on (%s)\n", name, lineno, k->name, v, d.message);
		return -1;
	case CONFIG_TYPE__MAX:
		break;
	}
	abort();
}

/* The entry of a known key; prints the error for an unknown one. */
static const struct config_key *
config_find(const char *key, const char *name, long lineno)
{
	const char *near;
	size_t i;

	for (i = 0; i < CONFIG_NKEYS; i++)
		if (strcmp(config_keys[i].name, key) == 0)
			return &config_keys[i];
	if ((near = config_suggest(key)) != NULL)
		fprintf(stderr, "samverkan: %s:%ld: unknown key '%s' (did you "
		    "mean '%s'?)\n", name, lineno, key, near);
	else
		fprintf(stderr, "samverkan: %s:%ld: unknown key '%s'\n", name,
		    lineno, key);
	return NULL;
}

int
cli_config_load(const char *path)
{
	FILE *f;
	int rc;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "samverkan: %s: %s\n", path, strerror(errno));
		return SV_EXIT_FAIL;
	}
	rc = cli_config_read(f, path);
	fclose(f);
	return rc;
}

int
cli_config_read(FILE *f, const char *name)
{
	const struct config_key *ck;
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
			return SV_EXIT_USAGE;
		}
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			fprintf(stderr, "samverkan: %s:%ld: expected key = value\n",
			    name, lineno);
			return SV_EXIT_USAGE;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if ((ck = config_find(k, name, lineno)) == NULL ||
		    config_check(ck, v, name, lineno) != 0)
			return SV_EXIT_USAGE;
		if (nconfig == CONFIG_MAX_KEYS) {
			fprintf(stderr, "samverkan: %s:%ld: too many settings\n",
			    name, lineno);
			return SV_EXIT_USAGE;
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
cli_parse_bool(const char *s, long *out)
{
	static const char *const no[] = { "0", "no", "false" };
	static const char *const yes[] = { "1", "yes", "true" };
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (strcmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
		if (strcmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
	}
	return -1;
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
