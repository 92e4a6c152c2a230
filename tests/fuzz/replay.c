/*
 * Replays fuzz inputs through a harness: each argument is a file or a
 * directory of files (a corpus, crash reproducers included), each fed to
 * LLVMFuzzerTestOneInput once. Exit status 0 when every input ran (a
 * crash or sanitizer report aborts the process instead).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/mem.h"
#include "fuzz.h"

#define INPUT_MAX	((size_t)4 * 1024 * 1024)

static int
run_file(const char *path)
{
	struct sv_buf b;
	char chunk[8192];
	FILE *f;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	sv_buf_init(&b, INPUT_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (sv_buf_add(&b, chunk, n) != SV_OK) {
			fprintf(stderr, "%s: over %zu bytes\n", path, INPUT_MAX);
			break;
		}
	fclose(f);
	/* A copy of exactly the input's size, so ASan sees overreads. */
	{
		uint8_t *exact = sv_malloc(b.len ? b.len : 1);

		if (b.len)
			memcpy(exact, b.data, b.len);
		LLVMFuzzerTestOneInput(exact, b.len);
		free(exact);
	}
	sv_buf_free(&b);
	return 0;
}

static int
run_path(const char *path, int *count)
{
	struct dirent **ents;
	struct stat st;
	char full[4096];
	int i, n, rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	/* Sorted, so a failure is reproducible by name. */
	if ((n = scandir(path, &ents, NULL, alphasort)) < 0) {
		perror(path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			snprintf(full, sizeof(full), "%s/%s", path,
			    ents[i]->d_name);
			if (run_path(full, count) != 0)
				rc = -1;
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, count = 0, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (run_path(argv[i], &count) != 0)
			rc = 1;
	printf("%d inputs replayed\n", count);
	if (count == 0) {
		fprintf(stderr, "no inputs\n");
		return 1;
	}
	return rc;
}
