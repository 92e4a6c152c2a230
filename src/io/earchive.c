/*
 * The e-archive package writer (earchive.h): content files and sidecars
 * written only when their bytes differ, then the package description
 * (METS), the JSON manifest and the checksum list, all deterministic.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/mem.h"
#include "io/earchive.h"

/* A file of the package: its path below the directory and checksum. */
struct pfile {
	char	*path;
	char	*mime;
	int64_t	 bytes;
	char	 sha[65];
};

struct entry {
	char		*key;		/* dok-S-vN */
	char		*title;
	struct pfile	 content, json, xml;
};

struct earchive {
	struct sv_arena	*ar;		/* every string below */
	char		*dir;
	char		*producer;
	struct entry	*e;
	size_t		 n, cap;
	size_t		 written, unchanged;
	char		 newest[11];	/* newest decided_on */
};

static void
sha_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	size_t i;

	crypto_hash_sha256(h, p, n);
	for (i = 0; i < sizeof(h); i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static enum sv_err
io_fail(struct sv_diag *d, const char *what, const char *path)
{
	return sv_diag_set(d, SV_ERR_IO, "out", "%s %s: %s", what, path,
	    strerror(errno));
}

static enum sv_err
make_dir(const char *path, struct sv_diag *d)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return io_fail(d, "cannot create", path);
	return SV_OK;
}

/* 1 if the file at path holds exactly p[0..n). */
static int
same_bytes(const char *path, const void *p, size_t n)
{
	unsigned char buf[65536];
	const unsigned char *q = p;
	struct stat st;
	size_t off = 0, k;
	FILE *f;
	int same = 1;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != (uint64_t)n ||
	    (f = fopen(path, "rb")) == NULL)
		return 0;
	while (same && (k = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (off + k > n || memcmp(buf, q + off, k) != 0)
			same = 0;
		off += k;
	}
	fclose(f);
	return same && off == n;
}

/* Writes p[0..n) to dir/rel unless it is there already. */
static enum sv_err
put_file(struct earchive *a, const char *rel, const void *p, size_t n,
    struct sv_diag *d)
{
	char *path = sv_arena_printf(a->ar, "%s/%s", a->dir, rel);
	char *tmp = sv_arena_printf(a->ar, "%s.tmp-%ld", path, (long)getpid());
	enum sv_err e = SV_OK;
	FILE *f;

	if (same_bytes(path, p, n)) {
		a->unchanged++;
		goto out;
	}
	if ((f = fopen(tmp, "wb")) == NULL) {
		e = io_fail(d, "cannot write", tmp);
		goto out;
	}
	if ((n > 0 && fwrite(p, 1, n, f) != n) || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		e = io_fail(d, "cannot write", tmp);
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		e = io_fail(d, "cannot write", path);
		unlink(tmp);
		goto out;
	}
	a->written++;
out:
	return e;
}

static void
pfile_set(struct sv_arena *ar, struct pfile *f, const char *path,
    const char *mime, const void *p, size_t n)
{
	f->path = sv_arena_strdup(ar, path);
	f->mime = sv_arena_strdup(ar, mime);
	f->bytes = (int64_t)n;
	sha_hex(p, n, f->sha);
}

/* Appends s to b with XML's five characters escaped. */
static void
xml_text(struct sv_buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':
			sv_buf_puts(b, "&amp;");
			break;
		case '<':
			sv_buf_puts(b, "&lt;");
			break;
		case '>':
			sv_buf_puts(b, "&gt;");
			break;
		case '"':
			sv_buf_puts(b, "&quot;");
			break;
		case '\'':
			sv_buf_puts(b, "&apos;");
			break;
		default:
			sv_buf_putc(b, *s);
		}
}

/* <name>text</name> on its own line; nothing when text is NULL. */
static void
xml_el(struct sv_buf *b, int indent, const char *name, const char *text)
{
	if (text == NULL)
		return;
	sv_buf_printf(b, "%*s<%s>", indent, "", name);
	xml_text(b, text);
	sv_buf_printf(b, "</%s>\n", name);
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static char *
metadata_json(const struct earchive_doc *x, const char *key,
    const char *content_path)
{
	json_t *o;
	char *s;

	o = json_pack("{s:s, s:I, s:I, s:I, s:o, s:s, s:o, s:s, "
	    "s:{s:s, s:o, s:o}, s:o, s:o, s:{s:o, s:o, s:o}, "
	    "s:{s:o, s:o, s:o}, s:{s:s, s:o, s:o, s:I, s:s, s:s}}",
	    "identifier", key, "document_id", (json_int_t)x->id,
	    "series_id", (json_int_t)x->series_id,
	    "version", (json_int_t)x->version, "title", jstr(x->title),
	    "kind", x->kind, "kind_label", jstr(x->kind_label),
	    "status", x->status,
	    "organisation", "code", x->org_code, "name", jstr(x->org_name),
	    "org_number", jstr(x->org_number),
	    "agreement", x->agreement_id ? json_pack("{s:I, s:o}", "id",
	    (json_int_t)x->agreement_id, "title", jstr(x->agreement_title)) :
	    json_null(),
	    "diarienummer", jstr(x->diarienummer),
	    "decision", "id", x->decision_id ?
	    json_integer((json_int_t)x->decision_id) : json_null(),
	    "reference", jstr(x->decision_text),
	    "decided_on", jstr(x->decided_on),
	    "dates", "created", jstr(x->created), "decided", jstr(x->decided),
	    "archived", jstr(x->archived),
	    "file", "path", content_path, "name", jstr(x->file_name),
	    "media_type", jstr(x->media_type), "bytes", (json_int_t)x->len,
	    "checksum_type", "SHA-256", "checksum", x->sha256);
	s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

static void
metadata_xml(struct sv_buf *b, const struct earchive_doc *x,
    const char *key, const char *content_path)
{
	char num[32];

	sv_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<dokument xmlns=\"urn:samverkan:earkiv:1\">\n");
	xml_el(b, 2, "identifierare", key);
	snprintf(num, sizeof(num), "%" PRId64, x->id);
	xml_el(b, 2, "dokumentId", num);
	snprintf(num, sizeof(num), "%" PRId64, x->series_id);
	xml_el(b, 2, "serie", num);
	snprintf(num, sizeof(num), "%" PRId64, x->version);
	xml_el(b, 2, "version", num);
	xml_el(b, 2, "titel", x->title);
	xml_el(b, 2, "slag", x->kind);
	xml_el(b, 2, "slagBenamning", x->kind_label);
	xml_el(b, 2, "status", x->status);
	sv_buf_puts(b, "  <organisation>\n");
	xml_el(b, 4, "kod", x->org_code);
	xml_el(b, 4, "namn", x->org_name);
	xml_el(b, 4, "organisationsnummer", x->org_number);
	sv_buf_puts(b, "  </organisation>\n");
	if (x->agreement_id) {
		sv_buf_puts(b, "  <overenskommelse>\n");
		snprintf(num, sizeof(num), "%" PRId64, x->agreement_id);
		xml_el(b, 4, "id", num);
		xml_el(b, 4, "titel", x->agreement_title);
		sv_buf_puts(b, "  </overenskommelse>\n");
	}
	xml_el(b, 2, "diarienummer", x->diarienummer);
	sv_buf_puts(b, "  <beslut>\n");
	if (x->decision_id) {
		snprintf(num, sizeof(num), "%" PRId64, x->decision_id);
		xml_el(b, 4, "id", num);
	}
	xml_el(b, 4, "referens", x->decision_text);
	xml_el(b, 4, "beslutsdatum", x->decided_on);
	sv_buf_puts(b, "  </beslut>\n  <datum>\n");
	xml_el(b, 4, "skapad", x->created);
	xml_el(b, 4, "beslutad", x->decided);
	xml_el(b, 4, "arkiverad", x->archived);
	sv_buf_puts(b, "  </datum>\n  <fil>\n");
	xml_el(b, 4, "sokvag", content_path);
	xml_el(b, 4, "filnamn", x->file_name);
	xml_el(b, 4, "mimetyp", x->media_type);
	snprintf(num, sizeof(num), "%zu", x->len);
	xml_el(b, 4, "storlek", num);
	sv_buf_puts(b, "    <kontrollsumma typ=\"SHA-256\">");
	xml_text(b, x->sha256);
	sv_buf_puts(b, "</kontrollsumma>\n  </fil>\n</dokument>\n");
}

enum sv_err
earchive_open(const char *dir, const char *producer, struct earchive **out,
    struct sv_diag *d)
{
	struct earchive *a;
	enum sv_err e;

	*out = NULL;
	a = sv_calloc(1, sizeof(*a));
	a->ar = sv_arena_new();
	a->dir = sv_arena_strdup(a->ar, dir);
	a->producer = sv_arena_strdup(a->ar, producer);
	if ((e = make_dir(dir, d)) != SV_OK ||
	    (e = make_dir(sv_arena_printf(a->ar, "%s/content", dir), d)) !=
	    SV_OK || (e = make_dir(sv_arena_printf(a->ar, "%s/metadata", dir),
	    d)) != SV_OK) {
		earchive_abort(a);
		return e;
	}
	*out = a;
	return SV_OK;
}

enum sv_err
earchive_add(struct earchive *a, const struct earchive_doc *x,
    struct sv_diag *d)
{
	struct entry *en;
	struct sv_buf xml;
	char sha[65], *key, *cpath, *jpath, *xpath, *dir, *js = NULL;
	enum sv_err e;

	if (x->file_name == NULL || x->file_name[0] == '\0' ||
	    x->file_name[0] == '.' || strchr(x->file_name, '/') != NULL)
		return sv_diag_set(d, SV_ERR_INVALID, "file_name", "document "
		    "%" PRId64 " has an unusable file name", x->id);
	sha_hex(x->content, x->len, sha);
	if (x->sha256 == NULL || strcmp(sha, x->sha256) != 0)
		return sv_diag_set(d, SV_ERR_CONFLICT, "sha256", "document %"
		    PRId64 ": the stored bytes do not match the SHA-256 "
		    "recorded when it was decided", x->id);
	key = sv_arena_printf(a->ar, "dok-%" PRId64 "-v%" PRId64,
	    x->series_id, x->version);
	cpath = sv_arena_printf(a->ar, "content/%s/%s", key, x->file_name);
	jpath = sv_arena_printf(a->ar, "metadata/%s.json", key);
	xpath = sv_arena_printf(a->ar, "metadata/%s.xml", key);
	dir = sv_arena_printf(a->ar, "%s/content/%s", a->dir, key);
	if ((js = metadata_json(x, key, cpath)) == NULL)
		return sv_diag_set(d, SV_ERR_INTERNAL, "", "document %" PRId64
		    ": its description could not be encoded", x->id);
	sv_buf_init(&xml, 0);
	metadata_xml(&xml, x, key, cpath);
	if ((e = make_dir(dir, d)) != SV_OK ||
	    (e = put_file(a, cpath, x->content, x->len, d)) != SV_OK ||
	    (e = put_file(a, jpath, js, strlen(js), d)) != SV_OK ||
	    (e = put_file(a, xpath, xml.data, xml.len, d)) != SV_OK)
		goto out;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->e = sv_reallocarray(a->e, a->cap, sizeof(*a->e));
	}
	en = &a->e[a->n++];
	memset(en, 0, sizeof(*en));
	en->key = key;
	en->title = sv_arena_strdup(a->ar, x->title ? x->title : "");
	pfile_set(a->ar, &en->content, cpath, x->media_type ? x->media_type :
	    "application/octet-stream", x->content, x->len);
	pfile_set(a->ar, &en->json, jpath, "application/json", js,
	    strlen(js));
	pfile_set(a->ar, &en->xml, xpath, "application/xml", xml.data,
	    xml.len);
	if (x->decided_on != NULL && strlen(x->decided_on) == 10 &&
	    strcmp(x->decided_on, a->newest) > 0)
		memcpy(a->newest, x->decided_on, 11);
out:
	sv_buf_free(&xml);
	free(js);
	return e;
}

static void
mets_file(struct sv_buf *b, const char *id, const struct pfile *f)
{
	sv_buf_printf(b, "      <file ID=\"%s\" MIMETYPE=\"", id);
	xml_text(b, f->mime);
	sv_buf_printf(b, "\" SIZE=\"%" PRId64 "\" CHECKSUM=\"%s\" "
	    "CHECKSUMTYPE=\"SHA-256\">\n        <FLocat LOCTYPE=\"URL\" "
	    "xlink:type=\"simple\" xlink:href=\"file:", f->bytes, f->sha);
	xml_text(b, f->path);
	sv_buf_puts(b, "\"/>\n      </file>\n");
}

static void
mets(struct earchive *a, struct sv_buf *b)
{
	char id[96];
	size_t i;

	sv_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<mets xmlns=\"http://www.loc.gov/METS/\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	    "OBJID=\"samverkan-earkiv\" TYPE=\"Dokument\">\n  <metsHdr");
	if (a->newest[0] != '\0')
		sv_buf_printf(b, " CREATEDATE=\"%sT00:00:00\"", a->newest);
	sv_buf_puts(b, ">\n    <agent ROLE=\"CREATOR\" TYPE=\"OTHER\" "
	    "OTHERTYPE=\"SOFTWARE\">\n      <name>");
	xml_text(b, a->producer);
	sv_buf_puts(b, "</name>\n    </agent>\n  </metsHdr>\n  <fileSec>\n"
	    "    <fileGrp USE=\"Dokument\">\n");
	for (i = 0; i < a->n; i++)
		mets_file(b, a->e[i].key, &a->e[i].content);
	sv_buf_puts(b, "    </fileGrp>\n    <fileGrp USE=\"Metadata\">\n");
	for (i = 0; i < a->n; i++) {
		snprintf(id, sizeof(id), "%s-json", a->e[i].key);
		mets_file(b, id, &a->e[i].json);
		snprintf(id, sizeof(id), "%s-xml", a->e[i].key);
		mets_file(b, id, &a->e[i].xml);
	}
	sv_buf_puts(b, "    </fileGrp>\n  </fileSec>\n  <structMap>\n"
	    "    <div TYPE=\"Paket\">\n");
	for (i = 0; i < a->n; i++) {
		sv_buf_puts(b, "      <div TYPE=\"Dokument\" LABEL=\"");
		xml_text(b, a->e[i].title);
		sv_buf_printf(b, "\">\n        <fptr FILEID=\"%s\"/>\n"
		    "        <fptr FILEID=\"%s-json\"/>\n"
		    "        <fptr FILEID=\"%s-xml\"/>\n      </div>\n",
		    a->e[i].key, a->e[i].key, a->e[i].key);
	}
	sv_buf_puts(b, "    </div>\n  </structMap>\n</mets>\n");
}

/* The entry whose key is name, or NULL. */
static const struct entry *
find(const struct earchive *a, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strlen(a->e[i].key) == len &&
		    memcmp(a->e[i].key, name, len) == 0)
			return &a->e[i];
	return NULL;
}

/*
 * Removes what earlier exports wrote that this package does not hold:
 * content/dok-* directories (or files in them) and metadata/dok-* files.
 * Only names this module makes are touched.
 */
static enum sv_err
prune(struct earchive *a, struct sv_diag *d)
{
	const struct entry *en;
	struct dirent *de, *fe;
	const char *dot, *fname;
	char *sub, *path;
	DIR *dir, *fd;

	sub = sv_arena_printf(a->ar, "%s/content", a->dir);
	if ((dir = opendir(sub)) == NULL)
		return io_fail(d, "cannot read", sub);
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, "dok-", 4) != 0)
			continue;
		en = find(a, de->d_name, strlen(de->d_name));
		path = sv_arena_printf(a->ar, "%s/%s", sub, de->d_name);
		if ((fd = opendir(path)) == NULL)
			continue;
		while ((fe = readdir(fd)) != NULL) {
			if (strcmp(fe->d_name, ".") == 0 ||
			    strcmp(fe->d_name, "..") == 0)
				continue;
			fname = en != NULL ? strrchr(en->content.path, '/') + 1 :
			    NULL;
			if (fname == NULL || strcmp(fe->d_name, fname) != 0)
				unlink(sv_arena_printf(a->ar, "%s/%s", path,
				    fe->d_name));
		}
		closedir(fd);
		if (en == NULL && rmdir(path) != 0) {
			closedir(dir);
			return io_fail(d, "cannot remove", path);
		}
	}
	closedir(dir);
	sub = sv_arena_printf(a->ar, "%s/metadata", a->dir);
	if ((dir = opendir(sub)) == NULL)
		return io_fail(d, "cannot read", sub);
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, "dok-", 4) != 0)
			continue;
		dot = strrchr(de->d_name, '.');
		if (dot != NULL && (strcmp(dot, ".json") == 0 ||
		    strcmp(dot, ".xml") == 0) && find(a, de->d_name,
		    (size_t)(dot - de->d_name)) != NULL)
			continue;
		path = sv_arena_printf(a->ar, "%s/%s", sub, de->d_name);
		if (unlink(path) != 0) {
			closedir(dir);
			return io_fail(d, "cannot remove", path);
		}
	}
	closedir(dir);
	return SV_OK;
}

static json_t *
pfile_json(const struct pfile *f)
{
	return json_pack("{s:s, s:s, s:I, s:s}", "path", f->path, "media_type",
	    f->mime, "bytes", (json_int_t)f->bytes, "sha256", f->sha);
}

static void
sum_line(struct sv_buf *b, const char *sha, const char *path)
{
	sv_buf_printf(b, "%s  %s\n", sha, path);
}

enum sv_err
earchive_finish(struct earchive *a, size_t *written, size_t *unchanged,
    struct sv_diag *d)
{
	struct sv_buf b, sums;
	json_t *o, *docs;
	char *text = NULL, sha[65];
	enum sv_err e;
	size_t i;

	sv_buf_init(&b, 0);
	sv_buf_init(&sums, 0);
	mets(a, &b);
	docs = json_array();
	for (i = 0; i < a->n; i++) {
		json_array_append_new(docs, json_pack("{s:s, s:s, s:o, s:o, "
		    "s:o}", "identifier", a->e[i].key, "title", a->e[i].title,
		    "content", pfile_json(&a->e[i].content), "metadata_json",
		    pfile_json(&a->e[i].json), "metadata_xml",
		    pfile_json(&a->e[i].xml)));
		sum_line(&sums, a->e[i].content.sha, a->e[i].content.path);
		sum_line(&sums, a->e[i].json.sha, a->e[i].json.path);
		sum_line(&sums, a->e[i].xml.sha, a->e[i].xml.path);
	}
	o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:I, s:o}",
	    "package", "samverkan-earkiv",
	    "structure", "FGS Paketstruktur in spirit: mets.xml, content/, "
	    "metadata/, SHA-256 per file", "producer", a->producer,
	    "date", a->newest[0] ? json_string(a->newest) : json_null(),
	    "checksum_type", "SHA-256", "count", (json_int_t)a->n,
	    "documents", docs);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (text == NULL) {
		e = sv_diag_set(d, SV_ERR_INTERNAL, "", "the manifest could "
		    "not be encoded");
		goto out;
	}
	sha_hex(b.data, b.len, sha);
	sum_line(&sums, sha, "mets.xml");
	sha_hex(text, strlen(text), sha);
	sum_line(&sums, sha, "manifest.json");
	if ((e = put_file(a, "mets.xml", b.data, b.len, d)) != SV_OK ||
	    (e = put_file(a, "manifest.json", text, strlen(text), d)) !=
	    SV_OK || (e = put_file(a, "sha256sums", sums.data, sums.len, d)) !=
	    SV_OK || (e = prune(a, d)) != SV_OK)
		goto out;
	if (written != NULL)
		*written = a->written;
	if (unchanged != NULL)
		*unchanged = a->unchanged;
out:
	free(text);
	sv_buf_free(&b);
	sv_buf_free(&sums);
	earchive_abort(a);
	return e;
}

void
earchive_abort(struct earchive *a)
{
	if (a == NULL)
		return;
	sv_arena_free(a->ar);
	free(a->e);
	free(a);
}
