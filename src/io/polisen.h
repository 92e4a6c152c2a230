/*
 * The polisen.se events API format ("händelser"), as served by
 * https://polisen.se/api/events and archived in ../shared/data/polisen: a
 * JSON array of objects
 *
 *   {"id": 371971, "datetime": "2022-09-26 15:55:23 +02:00",
 *    "name": "26 september 14:21, Mord/dråp, försök, Stockholm",
 *    "summary": "...", "url": "/aktuellt/handelser/...",
 *    "type": "Mord/dråp, försök",
 *    "location": {"name": "Stockholm", "gps": "59.329324,18.068581"}}
 *
 * Quirks handled here: hours in datetime are not zero-padded
 * ("2026-04-01 6:15:15 +02:00"); the place at the end of name (after the
 * last comma) is the kommun even when location is a län, as it is for
 * every event since 2026-01-20; "Sammanfattning natt/kväll/..." events
 * summarise many incidents. Place names differ in case from SCB's, so
 * callers match them case-insensitively.
 *
 * This module only reads the format and maps event types to category
 * codes (the table in polisen.c); resolving kommun and län is the
 * importer's job (cli/cmd_import.c). Memory: a parsed document owns its
 * events and strings (polisen_free).
 */
#ifndef SV_IO_POLISEN_H
#define SV_IO_POLISEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define POLISEN_MAX_BYTES	((size_t)512 * 1024 * 1024)

/* One event. Strings are never NULL when error is NULL ("" if absent). */
struct polisen_event {
	size_t		 index;		/* 0-based position in the array */
	int64_t		 id;
	char		 id_text[24];	/* id in decimal: the external id */
	const char	*datetime;	/* as in the API */
	int64_t		 t;		/* datetime as an instant */
	const char	*name;
	const char	*summary;
	const char	*url;
	const char	*type;
	const char	*location;	/* location.name */
	int		 has_gps;
	double		 lat, lon;	/* location.gps, WGS84 */
	const char	*place;		/* name after its last comma, trimmed */
	/* Set when the event is malformed: the JSON field and the reason. */
	const char	*error_field;
	const char	*error;
};

struct polisen_doc {
	struct polisen_event	*events;
	size_t			 nevents;
	/* Internal: the parsed JSON and the memory of the strings. */
	void			*root;
	struct sv_arena		*arena;
};

/*
 * Parses len bytes of an events array. Events that are malformed are kept
 * with error set (the caller reports them by index); only a document that
 * is not a JSON array of objects fails, with SV_ERR_INVALID (line = JSON
 * text line) or SV_ERR_TOOLARGE. On success *out is owned by the caller.
 */
enum sv_err	polisen_parse(const char *buf, size_t len,
		    struct polisen_doc **out, struct sv_diag *);
/* Reads and parses a file; as polisen_parse, plus SV_ERR_IO. */
enum sv_err	polisen_read_file(const char *path, struct polisen_doc **out,
		    struct sv_diag *);
/* Frees the document; NULL is a no-op. */
void		polisen_free(struct polisen_doc *);

/*
 * The category code for an event type: "polis.sammanfattning" for every
 * "Sammanfattning ..." type, the table's entry for known types, and
 * "polis.ovrigt" for types the table does not know. Static storage.
 */
const char	*polisen_category(const char *type);
/* 1 if the type is a summary of several incidents ("Sammanfattning"). */
int		polisen_is_summary(const char *type);

/*
 * Parses "YYYY-MM-DD H:MM:SS +HH:MM" (hour padded or not) into an
 * instant. Errors: SV_ERR_INVALID with field "datetime".
 */
enum sv_err	polisen_datetime(const char *s, int64_t *out, struct sv_diag *);

#endif
