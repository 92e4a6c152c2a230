/*
 * Static files of the web interface. A URL path is decoded segment by
 * segment and every segment is checked (no "..", no hidden files, no
 * slashes or NUL hidden in escapes), then the file is opened relative to
 * the web directory and its real path must still lie below the directory's
 * real path, so neither escapes nor symlinks lead outside it.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "http.h"

static const struct {
	const char	*ext;
	const char	*type;
} content_types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "json", "application/json" },
	{ "geojson", "application/geo+json" },
	{ "map", "application/json" },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "ico", "image/vnd.microsoft.icon" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
	{ "ttf", "font/ttf" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "csv", "text/csv; charset=utf-8" },
	{ "pdf", "application/pdf" },
	{ "webmanifest", "application/manifest+json" },
	{ "xml", "application/xml" },
};

const char *
http_content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot != NULL && strchr(dot, '/') == NULL)
		for (i = 0; i < sizeof(content_types) / sizeof(content_types[0]);
		    i++)
			if (strcasecmp(dot + 1, content_types[i].ext) == 0)
				return content_types[i].type;
	return "application/octet-stream";
}

/* Decodes and checks one segment; NULL if it may not be served. */
static char *
segment(struct sv_arena *a, const char *s, size_t len)
{
	char *v;

	if (len == 0)
		return NULL;
	if ((v = http_pct_decode(a, s, len, 0)) == NULL)
		return NULL;
	if (v[0] == '.' || strchr(v, '/') != NULL || strchr(v, '\\') != NULL)
		return NULL;
	return v;
}

enum sv_err
http_static_open(const char *dir, const char *path, struct sv_arena *a,
    int *fd, uint64_t *size, int64_t *mtime, const char **type)
{
	struct sv_buf rel;
	struct stat st;
	const char *p, *e;
	char realdir[PATH_MAX], realfile[PATH_MAX], *seg, *full = NULL;
	size_t dlen;
	int f = -1, nseg = 0;
	enum sv_err err = SV_ERR_NOTFOUND;

	*fd = -1;
	sv_buf_init(&rel, PATH_MAX);
	if (path == NULL || path[0] != '/' || realpath(dir, realdir) == NULL)
		goto out;
	for (p = path + 1; *p != '\0'; p = e + 1) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (++nseg > HTTP_PATH_MAX_SEGMENTS)
			goto out;
		if (e == p && *e == '\0')
			break;		/* trailing slash */
		if ((seg = segment(a, p, (size_t)(e - p))) == NULL)
			goto out;
		if (sv_buf_printf(&rel, "%s%s", rel.len ? "/" : "", seg) !=
		    SV_OK)
			goto out;
		if (*e == '\0')
			break;
	}
	/* "/" and "/dir/" get index.html; a bare directory is not served. */
	if (rel.len == 0 || path[strlen(path) - 1] == '/') {
		if (sv_buf_printf(&rel, "%sindex.html", rel.len ? "/" : "") !=
		    SV_OK)
			goto out;
	}
	full = sv_arena_printf(a, "%s/%s", realdir, rel.data);
	if (realpath(full, realfile) == NULL)
		goto out;
	dlen = strlen(realdir);
	if (strncmp(realfile, realdir, dlen) != 0 || realfile[dlen] != '/')
		goto out;
	if ((f = open(realfile, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		goto out;
	if (fstat(f, &st) != 0)
		goto out;
	if (!S_ISREG(st.st_mode))
		goto out;
	*fd = f;
	f = -1;
	*size = (uint64_t)st.st_size;
	*mtime = (int64_t)st.st_mtime;
	*type = http_content_type(realfile);
	err = SV_OK;
out:
	if (f >= 0)
		close(f);
	sv_buf_free(&rel);
	return err;
}
