/*
 * Photos attached to incidents. A photo is stored only without its
 * metadata (io/image_meta.h strips EXIF with GPS position, XMP, IPTC,
 * comments, thumbnails and PNG text/time chunks; anything that is not a
 * well-formed JPEG or PNG is refused). It belongs to the incident's
 * organisation: only that organisation adds or removes photos (its
 * coordinators and admins, or the reporter who filed the incident), and
 * other organisations see them only at sharing level full (a picture
 * shows more than any free text). Photos go with their incident and,
 * earlier, after the retention.photo period (domain/retention.h).
 */
#ifndef SV_PHOTO_H
#define SV_PHOTO_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

/* Largest photo accepted, before stripping. */
#define SV_PHOTO_MAX		((size_t)5 * 1024 * 1024)
/* Photos per incident. */
#define SV_PHOTO_PER_INCIDENT	10

struct sv_photo {
	int64_t		 id;
	int64_t		 incident_id;
	const char	*media_type;	/* "image/jpeg" or "image/png" */
	int64_t		 width, height;
	int64_t		 bytes;		/* stored size */
	const char	*sha256;	/* hex, of the stored bytes */
	int64_t		 created_at;
	const void	*data;		/* photo_get with data only */
	size_t		 len;
	unsigned	 removed;	/* photo_add: metadata segments removed */
};

/*
 * Strips and stores image bytes p[0..len) as a photo of the incident.
 * media_type (may be NULL) must match the bytes when given. *out (arena)
 * describes the stored photo. Errors: SV_ERR_NOTFOUND (no such incident
 * visible), SV_ERR_FORBIDDEN, SV_ERR_TOOLARGE (field photo),
 * SV_ERR_INVALID (field photo or media_type: not a well-formed JPEG or
 * PNG), SV_ERR_CONFLICT (the incident has SV_PHOTO_PER_INCIDENT),
 * SV_ERR_DB.
 */
enum sv_err	photo_add(struct sv_store *, const struct sv_actor *,
		    int64_t incident_id, const char *media_type,
		    const void *p, size_t len, struct sv_arena *,
		    struct sv_photo *out, struct sv_diag *);
/*
 * The photos of an incident, without data (arena). Errors:
 * SV_ERR_NOTFOUND (no such incident visible), SV_ERR_FORBIDDEN (the
 * incident is shared below level full), SV_ERR_DB.
 */
enum sv_err	photo_list(struct sv_store *, const struct sv_actor *,
		    int64_t incident_id, struct sv_arena *,
		    struct sv_photo **out, size_t *n, struct sv_diag *);
/* One photo with its bytes (arena). Errors as photo_list. */
enum sv_err	photo_get(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_arena *, struct sv_photo *out,
		    struct sv_diag *);
/* Deletes a photo. Errors: SV_ERR_NOTFOUND, SV_ERR_FORBIDDEN, SV_ERR_DB. */
enum sv_err	photo_delete(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_diag *);

#endif
