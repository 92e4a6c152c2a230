/*
 * One line per event on stderr, key=value, with a level check before any
 * formatting (after Redis' serverLog). Never log request bodies or
 * personal data.
 */
#ifndef SV_LOG_H
#define SV_LOG_H

enum sv_log_level {
	SV_LOG_DEBUG,
	SV_LOG_INFO,
	SV_LOG_WARN,
	SV_LOG_ERROR,
	SV_LOG__MAX
};

extern enum sv_log_level sv_log_threshold;

void	sv_log_set_level(enum sv_log_level);
/* Parses "debug", "info", "warn", "error"; returns -1 if unknown. */
int	sv_log_level_parse(const char *);
void	sv_log_write(enum sv_log_level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#define sv_log(level, ...) do {					\
	if ((level) >= sv_log_threshold)				\
		sv_log_write((level), __VA_ARGS__);			\
} while (0)

#endif
