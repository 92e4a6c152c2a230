/*
 * Logging: timestamp, level and the caller's key=value pairs on one line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"

enum sv_log_level sv_log_threshold = SV_LOG_INFO;

static const char *const level_names[SV_LOG__MAX] = {
	"debug", "info", "warn", "error"
};

void
sv_log_set_level(enum sv_log_level l)
{
	sv_log_threshold = l;
}

int
sv_log_level_parse(const char *s)
{
	int i;

	for (i = 0; i < SV_LOG__MAX; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

void
sv_log_write(enum sv_log_level l, const char *fmt, ...)
{
	char line[1024], ts[32];
	struct timespec now;
	struct tm tm;
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* One fprintf so concurrent threads do not interleave a line. */
	fprintf(stderr, "ts=%s level=%s %s\n", ts,
	    level_names[(unsigned)l < SV_LOG__MAX ? l : SV_LOG_ERROR], line);
}
