/*
 * An e-archive package of decided documents, in the spirit of the Swedish
 * National Archives' FGS Paketstruktur (a METS description of the
 * package with a SHA-256 checksum per file, content and metadata kept
 * apart):
 *
 *   OUT/mets.xml                       the package: every file with its
 *                                      size, media type and SHA-256
 *   OUT/manifest.json                  the same for programs
 *   OUT/sha256sums                     "hex  path" lines (sha256sum -c)
 *   OUT/content/dok-S-vN/FILE          the document's bytes
 *   OUT/metadata/dok-S-vN.json, .xml   its description (title,
 *                                      organisation, version, status,
 *                                      decision, dates, checksum,
 *                                      diarienummer)
 *
 * S is the document's series, N its version. Writing is idempotent: a
 * file whose bytes are already there is not touched, every text is
 * deterministic (no time of export; the package date is the newest date
 * of its documents), and entries of earlier exports (dok-*) that are not
 * in this package are removed, so the directory always equals the
 * manifest. Each file is written to a temporary name and renamed.
 */
#ifndef SV_EARCHIVE_H
#define SV_EARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* One document, as the layer above read it (strings may be NULL). */
struct earchive_doc {
	int64_t		 id, series_id, version;
	const char	*title;
	const char	*kind, *kind_label;	/* "overenskommelse", label */
	const char	*status;		/* beslutad or arkiverad */
	const char	*org_code, *org_name, *org_number;
	int64_t		 agreement_id;		/* 0 if none */
	const char	*agreement_title;
	const char	*diarienummer;
	int64_t		 decision_id;		/* 0 if decided elsewhere */
	const char	*decision_text;		/* "§ 4, Styrgrupp, 2026-03-02" */
	const char	*decided_on;		/* YYYY-MM-DD */
	const char	*created, *decided, *archived;	/* ISO 8601 or NULL */
	const char	*media_type, *file_name;
	const char	*sha256;		/* recorded when decided */
	const void	*content;
	size_t		 len;
};

struct earchive;

/*
 * Opens (creating as needed) the package directory out. *out is owned by
 * the caller (earchive_finish or earchive_abort). Errors: SV_ERR_IO.
 */
enum sv_err	earchive_open(const char *dir, const char *producer,
		    struct earchive **out, struct sv_diag *);
/*
 * Writes one document and its sidecars. The bytes must hash to the
 * recorded sha256 (SV_ERR_CONFLICT otherwise: the database does not hold
 * what was decided). The content may be freed after the call.
 * Errors: SV_ERR_IO, SV_ERR_CONFLICT, SV_ERR_INVALID (a bad file name).
 */
enum sv_err	earchive_add(struct earchive *, const struct earchive_doc *,
		    struct sv_diag *);
/*
 * Writes mets.xml, manifest.json and sha256sums, removes what earlier
 * exports left that is not in this package, and frees. *written and
 * *unchanged (may be NULL) count files written and left as they were.
 * Errors: SV_ERR_IO.
 */
enum sv_err	earchive_finish(struct earchive *, size_t *written,
		    size_t *unchanged, struct sv_diag *);
/* Frees without writing the package files. NULL is a no-op. */
void		earchive_abort(struct earchive *);

#endif
