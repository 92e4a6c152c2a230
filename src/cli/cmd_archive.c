/*
 * samverkan archive export: every decided or archived document (optionally
 * those decided in [--from, --to)) as an e-archive package (io/earchive.h):
 * the files, a JSON and an XML description of each, a METS package
 * description, a manifest and a checksum list. Run again, it leaves what
 * is already right alone and brings the directory in line with the
 * database.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "core/svtime.h"
#include "domain/actor.h"
#include "domain/collab.h"
#include "domain/document.h"
#include "domain/organisation.h"
#include "io/earchive.h"
#include "store/store.h"
#include "sv_config.h"

static const char usage[] =
    "usage: samverkan archive export [--db FILE] --out DIR [--from DATE]\n"
    "                                [--to DATE]\n\n"
    "Writes every decided (beslutad) and archived (arkiverad) document into\n"
    "the e-archive package DIR: content/dok-S-vN/FILE, metadata/dok-S-vN.json\n"
    "and .xml (title, organisation, version, status, decision, dates,\n"
    "SHA-256, diarienummer), mets.xml (the package, FGS Paketstruktur in\n"
    "spirit), manifest.json and sha256sums. --from and --to (YYYY-MM-DD)\n"
    "keep the documents decided on or after --from and before --to. Running\n"
    "it again rewrites nothing that is already right and removes documents\n"
    "of earlier exports that are no longer in the package.\n";

/* ISO 8601 Stockholm time of t in the arena, NULL for 0. */
static const char *
iso(struct sv_arena *ar, int64_t t)
{
	char buf[32];

	if (t == 0)
		return NULL;
	sv_time_format(t, buf);
	return sv_arena_strdup(ar, buf);
}

static enum sv_err
add_one(struct sv_store *s, const struct sv_actor *sys, struct earchive *pk,
    int64_t id, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct earchive_doc x;
	struct sv_document doc;
	struct co_rec *agr;
	struct sv_org org;
	enum sv_err e;

	memset(&x, 0, sizeof(x));
	if ((e = document_get(s, sys, id, 1, ar, &doc, d)) != SV_OK ||
	    (e = org_get_by_id(s, doc.org_id, ar, &org, d)) != SV_OK)
		goto out;
	x.id = doc.id;
	x.series_id = doc.series_id;
	x.version = doc.version;
	x.title = doc.title;
	x.kind = sv_doc_kind_names[doc.kind];
	x.kind_label = sv_doc_kind_labels[doc.kind];
	x.status = sv_doc_status_names[doc.status];
	x.org_code = org.code;
	x.org_name = org.name;
	x.org_number = org.org_number;
	x.agreement_id = doc.agreement_id;
	if (doc.agreement_id != 0 && co_get(s, CO_AGREEMENT,
	    doc.agreement_id, ar, &agr, d) == SV_OK)
		x.agreement_title = co_rec_val(agr, "title")->s;
	x.diarienummer = doc.diarienummer;
	x.decision_id = doc.decision_id;
	x.decision_text = doc.decision_text;
	x.decided_on = doc.decided_on;
	x.created = iso(ar, doc.created_at);
	x.decided = iso(ar, doc.decided_at);
	x.archived = iso(ar, doc.archived_at);
	x.media_type = doc.media_type;
	x.file_name = doc.file_name;
	x.sha256 = doc.sha256;
	x.content = doc.content;
	x.len = doc.len;
	e = earchive_add(pk, &x, d);
out:
	sv_arena_free(ar);
	return e;
}

int
cmd_archive(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_document_filter f;
	struct sv_document *docs;
	struct sv_store *s = NULL;
	struct earchive *pk = NULL;
	struct sv_arena *ar = NULL;
	struct sv_actor sys;
	const char *db = NULL, *out = NULL;
	struct sv_diag d;
	size_t n = 0, i, written = 0, unchanged = 0;
	enum sv_err e;
	int c;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	if (strcmp(argv[1], "export") != 0)
		return cli_usage_error("archive", "unknown action '%s'",
		    argv[1]);
	memset(&f, 0, sizeof(f));
	f.status = "decided";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			if (!co_date_valid(optarg))
				return cli_usage_error("archive", "--from must "
				    "be a date YYYY-MM-DD");
			f.from = optarg;
			break;
		case 't':
			if (!co_date_valid(optarg))
				return cli_usage_error("archive", "--to must "
				    "be a date YYYY-MM-DD");
			f.to = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("archive", argv[optind]);
		}
	}
	if (optind < argc - 1)
		return cli_usage_error("archive", "unexpected argument '%s'",
		    argv[optind + 1]);
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("archive", "--db is required");
	if (out == NULL || *out == '\0')
		return cli_usage_error("archive", "--out DIR is required");
	if (cli_need_db("archive", db) != 0)
		return SV_EXIT_FAIL;
	sv_diag_clear(&d);
	actor_system(&sys);
	if ((e = store_open(db, &s, &d)) != SV_OK)
		return cli_fail("archive", e, &d);
	ar = sv_arena_new();
	if ((e = document_list(s, &sys, &f, ar, &docs, &n, &d)) != SV_OK ||
	    (e = earchive_open(out, "samverkan " SV_VERSION, &pk, &d)) !=
	    SV_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if ((e = add_one(s, &sys, pk, docs[i].id, &d)) != SV_OK)
			goto fail;
	e = earchive_finish(pk, &written, &unchanged, &d);
	pk = NULL;
	if (e != SV_OK)
		goto fail;
	sv_arena_free(ar);
	store_close(s);
	printf("%s: %zu documents, %zu files written, %zu unchanged\n", out, n,
	    written, unchanged);
	return SV_EXIT_OK;
fail:
	earchive_abort(pk);
	sv_arena_free(ar);
	store_close(s);
	return cli_fail("archive", e, &d);
}
