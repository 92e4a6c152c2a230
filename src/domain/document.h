/*
 * Documents with a lifecycle: utkast (draft), beslutad (decided),
 * arkiverad (filed). A document is what the collaboration produces and
 * files -- the agreement with its attachments, the action plan, the
 * follow-up report, meeting minutes (rendered to PDF by
 * render/doc_source.h and handed in as bytes) -- or an uploaded file.
 * It belongs to an organisation and is one version of a series.
 *
 * A draft may change (title, diarienummer, bytes) or be deleted. Deciding
 * it records the decision -- one of the collaboration's decisions
 * (decision_id, § in a meeting of a body) or one taken elsewhere
 * (decision_ref, e.g. "KS 2026-03-02 § 41") -- and freezes its bytes with
 * their SHA-256. A decided document changes only by a new version (a new
 * draft in the same series); archiving makes it final. The database
 * enforces the same with triggers (sql/sqlite/0007_documents.sql).
 *
 * Rights: samordnare and admins of the owning organisation (or of one
 * above it) create, change, decide, archive and version. Readers of
 * other organisations follow the sharing rules of kind "document": full
 * reads the file, no_text the description only, aggregated and none see
 * nothing (not found). Every change appends an audit event.
 */
#ifndef SV_DOCUMENT_H
#define SV_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

enum sv_doc_status {
	SV_DOC_UTKAST,
	SV_DOC_BESLUTAD,
	SV_DOC_ARKIVERAD,
	SV_DOC_STATUS__MAX
};
/* "utkast", "beslutad", "arkiverad". */
extern const char *const sv_doc_status_names[SV_DOC_STATUS__MAX];

enum sv_doc_kind {
	SV_DOC_OVERENSKOMMELSE,	/* the agreement with its attachments */
	SV_DOC_HANDLINGSPLAN,	/* an action plan */
	SV_DOC_UPPFOLJNING,	/* the follow-up report of an agreement */
	SV_DOC_PROTOKOLL,	/* the minutes of a meeting */
	SV_DOC_FIL,		/* an uploaded file */
	SV_DOC_KIND__MAX
};
/* "overenskommelse", "handlingsplan", "uppfoljning", "protokoll", "fil". */
extern const char *const sv_doc_kind_names[SV_DOC_KIND__MAX];
/* Swedish labels: "Samverkansöverenskommelse", ... */
extern const char *const sv_doc_kind_labels[SV_DOC_KIND__MAX];

/* Largest document file. */
#define SV_DOC_MAX	((size_t)10 * 1024 * 1024)

struct sv_document {
	int64_t			 id;
	int64_t			 series_id;	/* first version's id */
	int64_t			 version;
	int			 latest;	/* newest of its series */
	const char		*organisation;	/* org code */
	int64_t			 org_id;
	enum sv_doc_kind	 kind;
	const char		*title;
	enum sv_doc_status	 status;
	int64_t			 agreement_id;	/* 0 if none */
	int64_t			 source_id;	/* rendered record, 0 if none */
	const char		*diarienummer;	/* NULL if none */
	int64_t			 decision_id;	/* 0 if none */
	const char		*decision_ref;	/* NULL if none */
	const char		*decision_text;	/* "§ 4, Styrgrupp, 2026-03-02" */
	const char		*decided_on;	/* YYYY-MM-DD, NULL in a draft */
	int64_t			 decided_at, archived_at;	/* 0 if not */
	const char		*media_type, *file_name;
	int64_t			 bytes;
	const char		*sha256;	/* hex */
	int64_t			 created_at, updated_at;
	int			 may_read_file;	/* sharing level full */
	const void		*content;	/* document_get with content */
	size_t			 len;
};

/*
 * Input of create, update and new version. Unset strings are NULL;
 * content is given when has_content is set (bytes with their file name
 * and media type).
 */
struct sv_document_input {
	const char	*organisation;	/* create: org code; NULL = actor's */
	const char	*kind;		/* create */
	const char	*title;
	const char	*diarienummer;
	int		 clear_diarienummer;
	int64_t		 agreement_id;	/* create; 0 = none */
	int64_t		 source_id;	/* create, rendered kinds */
	int		 has_content;
	const void	*content;
	size_t		 len;
	const char	*file_name, *media_type;
};

/* 1 if documents of kind k are rendered from a record (not uploaded). */
int		document_kind_rendered(enum sv_doc_kind k);
/* The kind named s, or -1. */
int		document_kind_parse(const char *s);

/*
 * Creates a draft, version 1 of a new series. *id gets its id. Errors:
 * SV_ERR_INVALID (field in diag), SV_ERR_FORBIDDEN, SV_ERR_TOOLARGE,
 * SV_ERR_DB.
 */
enum sv_err	document_create(struct sv_store *, const struct sv_actor *,
		    const struct sv_document_input *, int64_t *id,
		    struct sv_diag *);
/*
 * Changes a draft (title, diarienummer, content). A decided or archived
 * document: SV_ERR_CONFLICT. Other errors as document_create, and
 * SV_ERR_NOTFOUND.
 */
enum sv_err	document_update(struct sv_store *, const struct sv_actor *,
		    int64_t id, const struct sv_document_input *,
		    struct sv_diag *);
/*
 * Decides a draft: by decision_id (a decision of the collaboration; in
 * the document's agreement when it has one; decided_on defaults to its
 * meeting's date) or by decision_ref (text) with decided_on
 * (YYYY-MM-DD). Freezes the bytes with their SHA-256. Errors:
 * SV_ERR_INVALID (decision_id, decision_ref, decided_on),
 * SV_ERR_CONFLICT (not a draft), SV_ERR_NOTFOUND, SV_ERR_FORBIDDEN,
 * SV_ERR_DB.
 */
enum sv_err	document_decide(struct sv_store *, const struct sv_actor *,
		    int64_t id, int64_t decision_id, const char *decision_ref,
		    const char *decided_on, struct sv_diag *);
/* Archives a decided document (final). Errors as document_decide. */
enum sv_err	document_archive(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_diag *);
/*
 * A new draft version of the series of decided document id (which must
 * be the newest version). in may give a title, diarienummer and content;
 * what it leaves out is copied. *new_id gets the draft's id. Errors:
 * SV_ERR_CONFLICT (not decided, not the newest, a draft exists),
 * others as document_create.
 */
enum sv_err	document_new_version(struct sv_store *, const struct sv_actor *,
		    int64_t id, const struct sv_document_input *,
		    int64_t *new_id, struct sv_diag *);
/* Deletes a draft. Errors: SV_ERR_CONFLICT (not a draft), ... */
enum sv_err	document_delete(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_diag *);

/*
 * One document (arena). with_content also reads the bytes, which needs
 * sharing level full (SV_ERR_FORBIDDEN otherwise). Errors:
 * SV_ERR_NOTFOUND (none, or not visible), SV_ERR_DB.
 */
enum sv_err	document_get(struct sv_store *, const struct sv_actor *,
		    int64_t id, int with_content, struct sv_arena *,
		    struct sv_document *out, struct sv_diag *);

struct sv_document_filter {
	const char	*organisation;	/* org code or NULL */
	const char	*status;	/* a status, "decided" (beslutad or
					 * arkiverad), or NULL for all */
	const char	*kind;		/* or NULL */
	int64_t		 agreement_id;	/* 0 = any */
	const char	*from, *to;	/* decided_on in [from, to), or NULL */
};

/*
 * The documents the actor may see, by series and version (arena, without
 * content). Errors: SV_ERR_INVALID (a filter value; field named),
 * SV_ERR_DB.
 */
enum sv_err	document_list(struct sv_store *, const struct sv_actor *,
		    const struct sv_document_filter *, struct sv_arena *,
		    struct sv_document **out, size_t *n, struct sv_diag *);

#endif
