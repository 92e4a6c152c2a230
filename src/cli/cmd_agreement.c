/*
 * samverkan agreement list|show|render and samverkan due: the
 * collaboration agreements from the command line, read with the system
 * actor through the same engine as the API (domain/collab.h), the
 * documents rendered by render/collab_doc.h and the due list of
 * domain/due.h.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "commands.h"
#include "core/buf.h"
#include "domain/agreement.h"
#include "domain/area.h"
#include "domain/collab.h"
#include "domain/due.h"
#include "domain/organisation.h"
#include "render/collab_doc.h"
#include "store/store.h"

static const char agreement_usage[] =
    "usage: samverkan agreement list [--db FILE]\n"
    "       samverkan agreement show [--db FILE] --id N\n"
    "       samverkan agreement render [--db FILE] --id N\n"
    "            [--document agreement|followup|plan] [--format html|pdf]\n"
    "            [--out FILE]\n\n"
    "list    every agreement: id, status, validity and title, one a line\n"
    "        (tab-separated)\n"
    "show    one agreement: its facts, parties, signatories, principles,\n"
    "        geographic focus, bodies, attachment versions (adopted or\n"
    "        draft), action plans, problems, activities, promises and what\n"
    "        is due; organisations as name (CODE), areas as name (layer\n"
    "        CODE), linked records by title\n"
    "render  a printable document, dated and versioned: the agreement with\n"
    "        its attachments (default), the follow-up report (followup) or\n"
    "        an action plan (plan: --id is the plan's id); HTML (default)\n"
    "        or PDF, to --out or standard output\n\n"
    "Exit status: 0 done, 1 failure (no such record, database), 2 usage.\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

static const char due_usage[] =
    "usage: samverkan due [--db FILE] [--agreement N] [--format text|json]\n\n"
    "What is due in the collaboration: bodies that have not met as often\n"
    "as required, agreements and lägesbilder past their revision date,\n"
    "agreements about to expire, attachment versions not adopted,\n"
    "activities overdue or without an owner, promises without follow-up\n"
    "and information-duty events not acknowledged. One item a line\n"
    "(kind, agreement, since, title: detail), or the JSON of GET /due.\n\n"
    "Exit status: 0 done (also when items are due), 1 failure, 2 usage.\n"
    "--db may also come from the config file (db = FILE) or $SAMVERKAN_DB.\n";

/* Opens the database and checks its schema; prints why not. */
static int
open_db(const char *cmd, const char *db, struct sv_store **s)
{
	struct sv_diag d;
	enum sv_err e;

	if (cli_need_db(cmd, db) != 0)
		return SV_EXIT_FAIL;
	sv_diag_clear(&d);
	if ((e = store_open(db, s, &d)) != SV_OK)
		return cli_fail(cmd, e, &d);
	if (store_schema_version(*s) != store_schema_latest()) {
		fprintf(stderr, "samverkan %s: the database schema is not "
		    "current; run 'samverkan migrate --db %s'\n", cmd, db);
		store_close(*s);
		*s = NULL;
		return SV_EXIT_FAIL;
	}
	return SV_EXIT_OK;
}

/* Field `name` of r as text ("" when null or unset). */
static const char *
txt(struct sv_arena *a, const struct co_rec *r, const char *name)
{
	const struct co_val *v = co_rec_val(r, name);
	const struct co_field *f;

	if (!v->set || v->null)
		return "";
	f = &co_desc(r->ent)->fields[co_field_index(co_desc(r->ent), name)];
	switch (f->type) {
	case CO_T_INT:
	case CO_T_REF:
	case CO_T_AREA:
	case CO_T_BOOL:
		return sv_arena_printf(a, "%" PRId64, v->i);
	case CO_T_NUM:
		return sv_arena_printf(a, "%g", v->d);
	case CO_T_INSTANT:
		return sv_arena_printf(a, "%" PRId64, v->i);
	default:
		return v->s != NULL ? v->s : "";
	}
}

static const char *
validity(struct sv_arena *a, const struct co_rec *r)
{
	if (co_rec_val(r, "until_further_notice")->i)
		return sv_arena_printf(a, "%s--", txt(a, r, "valid_from"));
	return sv_arena_printf(a, "%s--%s", txt(a, r, "valid_from"),
	    txt(a, r, "valid_to"));
}

static int
agreement_list(struct sv_store *s, struct sv_arena *a)
{
	struct co_rec **v;
	struct sv_diag d;
	size_t n, i;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = co_list(s, CO_AGREEMENT, 0, 0, a, &v, &n, &d)) != SV_OK)
		return cli_fail("agreement", e, &d);
	for (i = 0; i < n; i++)
		printf("%" PRId64 "\t%s\t%s\t%s\n", v[i]->id,
		    txt(a, v[i], "status"), validity(a, v[i]),
		    txt(a, v[i], "title"));
	return SV_EXIT_OK;
}

/*
 * Names, not ids: an organisation field as "Name (CODE)", an area field
 * as "Name (layer CODE)" and a reference as the title or name of the
 * record it points at, so that a reader of `show` need not look ids up.
 * A record gone since (or unreadable) falls back to its code or id.
 */
static const char *
org_label(struct sv_store *s, struct sv_arena *a, const struct co_rec *r,
    const char *name)
{
	const struct co_val *v = co_rec_val(r, name);
	struct sv_org o;

	if (!v->set || v->null || v->s == NULL)
		return "";
	if (org_get(s, v->s, a, &o, NULL) != SV_OK)
		return v->s;
	return sv_arena_printf(a, "%s (%s)", o.name, o.code);
}

static const char *
area_label(struct sv_store *s, struct sv_arena *a, const struct co_rec *r,
    const char *name)
{
	const struct co_val *v = co_rec_val(r, name);
	struct sv_area ar;

	if (!v->set || v->null)
		return "";
	if (area_get(s, v->i, 0, a, &ar, NULL) != SV_OK)
		return sv_arena_printf(a, "area %" PRId64, v->i);
	return sv_arena_printf(a, "%s (%s %s)", ar.name, ar.layer, ar.code);
}

static const char *
ref_label(struct sv_store *s, struct sv_arena *a, const struct co_rec *r,
    const char *name)
{
	const struct co_desc *desc = co_desc(r->ent);
	const struct co_val *v = co_rec_val(r, name);
	const char *label;
	struct co_rec *t;

	if (!v->set || v->null)
		return "";
	if (co_get(s, desc->fields[co_field_index(desc, name)].ref, v->i, a,
	    &t, NULL) != SV_OK)
		return sv_arena_printf(a, "#%" PRId64, v->i);
	label = co_field_index(co_desc(t->ent), "title") >= 0 ?
	    txt(a, t, "title") : txt(a, t, "name");
	return sv_arena_printf(a, "%s (#%" PRId64 ")", label, v->i);
}

/* The children of entity e under parent into *v; 0, or the exit code. */
static int
children(struct sv_store *s, struct sv_arena *a, enum co_entity e,
    int64_t parent, struct co_rec ***v, size_t *n)
{
	struct sv_diag d;
	enum sv_err err;

	sv_diag_clear(&d);
	if ((err = co_list(s, e, parent, 0, a, v, n, &d)) != SV_OK)
		return cli_fail("agreement", err, &d);
	return SV_EXIT_OK;
}

/* One "label: value" line when the value is not empty. */
static void
fact(const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		printf("%-22s %s\n", label, value);
}

/* A problem picture with the areas it concerns, by name. */
static int
problem_line(struct sv_store *s, struct sv_arena *a, const struct co_rec *p)
{
	struct co_rec **v;
	size_t n, i;
	int rc;

	if ((rc = children(s, a, CO_PROBLEM_AREA, p->id, &v, &n)) !=
	    SV_EXIT_OK)
		return rc;
	printf("  %s", txt(a, p, "title"));
	for (i = 0; i < n; i++)
		printf("%s%s", i == 0 ? "\t" : "; ",
		    area_label(s, a, v[i], "area_id"));
	printf("\n");
	return SV_EXIT_OK;
}

static int
agreement_show(struct sv_store *s, struct sv_arena *a, int64_t id)
{
	struct co_rec *r, **v;
	struct sv_due_item *due;
	struct sv_diag d;
	size_t n, i;
	enum sv_err e;
	int rc = SV_EXIT_OK;

	sv_diag_clear(&d);
	if ((e = co_get(s, CO_AGREEMENT, id, a, &r, &d)) != SV_OK)
		return cli_fail("agreement", e, &d);
	printf("%s\n", txt(a, r, "title"));
	fact("id:", sv_arena_printf(a, "%" PRId64, r->id));
	fact("kind:", txt(a, r, "kind"));
	fact("status:", txt(a, r, "status"));
	fact("valid:", validity(a, r));
	fact("extension:", txt(a, r, "extension"));
	fact("diarienummer:", txt(a, r, "diarienummer"));
	fact("revision (months):", txt(a, r, "revision_months"));
	fact("revised on:", txt(a, r, "revised_on"));
	fact("purpose:", txt(a, r, "purpose"));
	fact("long-term goal:", txt(a, r, "long_term_goal"));
	fact("parent agreement:", ref_label(s, a, r, "parent_id"));
	fact("replaces:", ref_label(s, a, r, "replaces_id"));
	if ((rc = children(s, a, CO_PARTY, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nparties (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %s%s%s\n", org_label(s, a, v[i], "organisation"),
		    *txt(a, v[i], "designation") ? ", " : "",
		    txt(a, v[i], "designation"));
	if ((rc = children(s, a, CO_SIGNATORY, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nsignatories (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %s, %s, %s%s%s\n", txt(a, v[i], "name"),
		    txt(a, v[i], "title"), org_label(s, a, v[i],
		    "organisation"), *txt(a, v[i], "signed_on") ?
		    ", signed " : "",
		    txt(a, v[i], "signed_on"));
	if ((rc = children(s, a, CO_PRINCIPLE, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nprinciples (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %s\n", txt(a, v[i], "title"));
	if ((rc = children(s, a, CO_AGR_AREA, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\ngeographic focus (%zu areas)\n", n);
	for (i = 0; i < n; i++)
		printf("  %s%s%s\n", area_label(s, a, v[i], "area_id"),
		    *txt(a, v[i], "reason") ? ": " : "",
		    txt(a, v[i], "reason"));
	if ((rc = children(s, a, CO_BODY, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nbodies (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %" PRId64 "\t%s\t%s\t%s%s%s\n", v[i]->id,
		    txt(a, v[i], "kind"), txt(a, v[i], "cadence"),
		    txt(a, v[i], "name"), *txt(a, v[i], "reports_to_id") ?
		    ", reports to " : "", ref_label(s, a, v[i],
		    "reports_to_id"));
	if ((rc = children(s, a, CO_ATTACHMENT, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nattachments (%zu versions)\n", n);
	for (i = 0; i < n; i++) {
		struct sv_adoption ad;

		if ((e = attachment_adoption(s, v[i]->id, a, &ad, &d)) !=
		    SV_OK)
			return cli_fail("agreement", e, &d);
		printf("  bilaga %s v%s\t%s\t%s\t%s\n", txt(a, v[i], "number"),
		    txt(a, v[i], "version"), txt(a, v[i], "dated"),
		    ad.decision_id ? sv_arena_printf(a, "adopted (§ %" PRId64
		    ", %s)", ad.paragraph, ad.body ? ad.body : "") : "draft",
		    txt(a, v[i], "title"));
	}
	if ((rc = children(s, a, CO_PLAN, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\naction plans (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %" PRId64 "\t%s--%s\t%s\n", v[i]->id,
		    txt(a, v[i], "period_from"), txt(a, v[i], "period_to"),
		    txt(a, v[i], "title"));
	if ((rc = children(s, a, CO_PROBLEM, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nproblems (%zu)\n", n);
	for (i = 0; i < n; i++)
		if ((rc = problem_line(s, a, v[i])) != SV_EXIT_OK)
			return rc;
	if ((rc = children(s, a, CO_ACTIVITY, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nactivities (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %s\t%s\t%s\t%s%s%s\n", txt(a, v[i], "status"),
		    txt(a, v[i], "due_on"), txt(a, v[i], "title"),
		    org_label(s, a, v[i], "organisation"),
		    *txt(a, v[i], "body_id") ? ", " : "",
		    ref_label(s, a, v[i], "body_id"));
	if ((rc = children(s, a, CO_PROMISE, id, &v, &n)) != SV_EXIT_OK)
		return rc;
	printf("\nmedborgarlöften (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %s--%s\t%s\t%s\t%s\n", txt(a, v[i], "period_from"),
		    txt(a, v[i], "period_to"), co_rec_val(v[i],
		    "published")->i ? "published" : "not published",
		    txt(a, v[i], "title"), area_label(s, a, v[i], "area_id"));
	if ((e = due_list(s, 0, id, a, &due, &n, &d)) != SV_OK)
		return cli_fail("agreement", e, &d);
	printf("\ndue (%zu)\n", n);
	for (i = 0; i < n; i++)
		printf("  %s: %s\n", sv_due_kind_labels[due[i].kind],
		    due[i].detail ? due[i].detail : "");
	return SV_EXIT_OK;
}

static int
write_out(const char *out, const struct sv_buf *b)
{
	FILE *f = stdout;
	int rc = SV_EXIT_OK;

	if (out != NULL && (f = fopen(out, "wb")) == NULL) {
		fprintf(stderr, "samverkan agreement: %s: cannot create\n",
		    out);
		return SV_EXIT_FAIL;
	}
	if (fwrite(b->data, 1, b->len, f) != b->len)
		rc = SV_EXIT_FAIL;
	if (f != stdout ? fclose(f) != 0 : fflush(f) != 0)
		rc = SV_EXIT_FAIL;
	if (rc != SV_EXIT_OK)
		fprintf(stderr, "samverkan agreement: %s: write failed\n",
		    out != NULL ? out : "standard output");
	return rc;
}

static int
agreement_render(struct sv_store *s, struct sv_arena *a, int64_t id,
    const char *document, int pdf, const char *out)
{
	enum sv_err (*build)(struct sv_store *, const struct sv_actor *,
	    int64_t, int64_t, struct sv_arena *, struct rdoc **,
	    struct sv_diag *);
	struct sv_actor sys;
	struct rdoc *doc;
	struct sv_diag d;
	struct sv_buf b;
	enum sv_err e;
	int rc;

	if (strcmp(document, "agreement") == 0)
		build = collab_doc_agreement;
	else if (strcmp(document, "followup") == 0)
		build = collab_doc_followup;
	else
		build = collab_doc_plan;
	sv_diag_clear(&d);
	actor_system(&sys);	/* the command line sees everything */
	if ((e = build(s, &sys, id, 0, a, &doc, &d)) != SV_OK)
		return cli_fail("agreement", e, &d);
	sv_buf_init(&b, 0);
	if ((e = pdf ? rdoc_pdf(doc, &b) : rdoc_html(doc, &b)) != SV_OK) {
		sv_buf_free(&b);
		sv_diag_set(&d, e, "document", "the document could not be "
		    "rendered");
		return cli_fail("agreement", e, &d);
	}
	rc = write_out(out, &b);
	sv_buf_free(&b);
	if (pdf)
		rdoc_pdf_release();
	return rc;
}

int
cmd_agreement(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "id", required_argument, NULL, 'i' },
		{ "document", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *sub, *format = "html", *document = "agreement";
	const char *out = NULL;
	struct sv_store *s = NULL;
	struct sv_arena *a;
	long id = 0;
	int c, rc, is_list, is_show, is_render;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(agreement_usage, stdout);
		return SV_EXIT_OK;
	}
	if (argc < 2)
		return cli_usage_error("agreement", "say list, show or render "
		    "(see --help)");
	sub = argv[1];
	is_list = strcmp(sub, "list") == 0;
	is_show = strcmp(sub, "show") == 0;
	is_render = strcmp(sub, "render") == 0;
	if (!is_list && !is_show && !is_render)
		return cli_usage_error("agreement", "unknown subcommand '%s' "
		    "(list, show or render)", sub);
	argc--;
	argv++;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'i':
			if (cli_parse_long(optarg, 1, INT32_MAX, &id) != 0)
				return cli_usage_error("agreement", "--id must "
				    "be a positive integer");
			break;
		case 'D':
			document = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			fputs(agreement_usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("agreement", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("agreement", "unexpected argument '%s'",
		    argv[optind]);
	if (!is_list && id == 0)
		return cli_usage_error("agreement", "%s needs --id N", sub);
	if (is_list && id != 0)
		return cli_usage_error("agreement", "list takes no --id");
	if (strcmp(format, "html") != 0 && strcmp(format, "pdf") != 0)
		return cli_usage_error("agreement", "--format must be html or "
		    "pdf");
	if (strcmp(document, "agreement") != 0 &&
	    strcmp(document, "followup") != 0 && strcmp(document, "plan") != 0)
		return cli_usage_error("agreement", "--document must be "
		    "agreement, followup or plan");
	if (!is_render && (out != NULL || strcmp(format, "html") != 0 ||
	    strcmp(document, "agreement") != 0))
		return cli_usage_error("agreement", "--document, --format and "
		    "--out are for render");
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("agreement", "--db is required");
	if ((rc = open_db("agreement", db, &s)) != SV_EXIT_OK)
		return rc;
	a = sv_arena_new();
	if (is_list)
		rc = agreement_list(s, a);
	else if (is_show)
		rc = agreement_show(s, a, id);
	else
		rc = agreement_render(s, a, id, document,
		    strcmp(format, "pdf") == 0, out);
	if (rc == SV_EXIT_OK && fflush(stdout) != 0)
		rc = SV_EXIT_FAIL;
	sv_arena_free(a);
	store_close(s);
	return rc;
}

int
cmd_due(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "agreement", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *format = "text";
	struct sv_store *s = NULL;
	struct sv_due_item *v;
	struct sv_arena *a;
	struct sv_diag d;
	json_t *arr, *doc;
	long agreement = 0;
	size_t n, i;
	enum sv_err e;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			if (cli_parse_long(optarg, 1, INT32_MAX, &agreement) != 0)
				return cli_usage_error("due", "--agreement must "
				    "be a positive integer");
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			fputs(due_usage, stdout);
			return SV_EXIT_OK;
		default:
			return cli_bad_option("due", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("due", "unexpected argument '%s'",
		    argv[optind]);
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error("due", "--format must be text or json");
	if ((db = cli_setting(db, "db", NULL)) == NULL)
		return cli_usage_error("due", "--db is required");
	if ((rc = open_db("due", db, &s)) != SV_EXIT_OK)
		return rc;
	a = sv_arena_new();
	sv_diag_clear(&d);
	if (agreement != 0) {
		struct co_rec *r;

		if ((e = co_get(s, CO_AGREEMENT, agreement, a, &r, &d)) !=
		    SV_OK) {
			rc = cli_fail("due", e, &d);
			goto out;
		}
	}
	if ((e = due_list(s, 0, agreement, a, &v, &n, &d)) != SV_OK) {
		rc = cli_fail("due", e, &d);
		goto out;
	}
	if (strcmp(format, "json") == 0) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:I, "
			    "s:s, s:I, s:s?, s:s?, s:s?}", "kind",
			    sv_due_kind_names[v[i].kind], "label",
			    sv_due_kind_labels[v[i].kind], "agreement_id",
			    (json_int_t)v[i].agreement_id, "entity",
			    co_entity_names[v[i].entity], "id",
			    (json_int_t)v[i].id, "title", v[i].title, "since",
			    v[i].since, "detail", v[i].detail));
		doc = json_pack("{s:o}", "items", arr);
		if (json_dumpf(doc, stdout, JSON_INDENT(1) |
		    JSON_PRESERVE_ORDER) != 0 || fputc('\n', stdout) == EOF)
			rc = SV_EXIT_FAIL;
		json_decref(doc);
	} else {
		for (i = 0; i < n; i++)
			printf("%s\t%" PRId64 "\t%s\t%s: %s\n",
			    sv_due_kind_names[v[i].kind], v[i].agreement_id,
			    v[i].since ? v[i].since : "-",
			    v[i].title ? v[i].title : "",
			    v[i].detail ? v[i].detail : "");
	}
	if (fflush(stdout) != 0)
		rc = SV_EXIT_FAIL;
out:
	sv_arena_free(a);
	store_close(s);
	return rc;
}
