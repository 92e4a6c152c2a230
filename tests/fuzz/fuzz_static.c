/*
 * Fuzz harness: URL paths of the static file server (src/http/static.c:
 * segment decoding, "..", hidden files, escapes) on a small web directory
 * made once in /tmp, with a secret file beside it. Whatever opens must be
 * a regular file below the directory, and the secret never; the content
 * type lookup takes any name.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "fuzz.h"
#include "http/http.h"

static char root[64], web[96];

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

static const char *const tree[] = {
	"web/index.html", "web/.hidden", "web/js/app.js", "web/up", "secret",
};
static const char *const dirs[] = { "web/js", "web", "" };

static void
remove_tree(void)
{
	char p[160];
	size_t i;

	for (i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", root, tree[i]);
		unlink(p);
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
		rmdir(p);
	}
}

static void
make_tree(void)
{
	char p[160];

	snprintf(root, sizeof(root), "/tmp/sv-fuzz-static.XXXXXX");
	if (mkdtemp(root) == NULL)
		abort();
	snprintf(web, sizeof(web), "%s/web", root);
	snprintf(p, sizeof(p), "%s/secret", root);
	put(p, "secret");
	mkdir(web, 0700);
	snprintf(p, sizeof(p), "%s/index.html", web);
	put(p, "index");
	snprintf(p, sizeof(p), "%s/.hidden", web);
	put(p, "hidden");
	snprintf(p, sizeof(p), "%s/js", web);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/js/app.js", web);
	put(p, "js");
	snprintf(p, sizeof(p), "%s/up", web);
	if (symlink("../secret", p) != 0)
		abort();
	atexit(remove_tree);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sv_arena *a;
	const char *type;
	uint64_t len;
	int64_t mtime;
	char *path, buf[16];
	ssize_t n;
	int fd;

	if (root[0] == '\0')
		make_tree();
	a = sv_arena_new();
	path = sv_arena_strndup(a, (const char *)data, size);
	(void)http_content_type(path);
	if (http_static_open(web, path, a, &fd, &len, &mtime, &type) ==
	    SV_OK) {
		if (fd < 0 || type == NULL)
			__builtin_trap();
		n = read(fd, buf, sizeof(buf) - 1);
		if (n < 0)
			__builtin_trap();
		buf[n] = '\0';
		/* The secret outside and the hidden file are never served. */
		if (strcmp(buf, "secret") == 0 || strcmp(buf, "hidden") == 0)
			__builtin_trap();
		close(fd);
	} else if (fd != -1)
		__builtin_trap();
	sv_arena_free(a);
	return 0;
}
