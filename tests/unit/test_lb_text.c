/*
 * The lägesbild as text (lb_text.c): columns line up when names hold
 * å, ä and ö (two bytes each in UTF-8, one column on a terminal).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lagesbild/lagesbild.h"

/* Columns of s[0..len): one per UTF-8 code point. */
static size_t
columns(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static json_t *
counts(const char *name, int count)
{
	return json_pack("{s:s, s:i, s:{s:i}, s:{s:i}}", "name", name,
	    "count", count, "previous", "count", 3, "year_before", "count",
	    4);
}

/* The text of a lägesbild with these category and sub-area names. */
static char *
text_of(void)
{
	json_t *lb = json_pack("{s:{s:s, s:s, s:s}, s:{s:i}, s:[o, o, o], "
	    "s:{s:s, s:[o, o]}, s:{s:[s, s], s:{s:[i, i]}}}",
	    "area", "layer", "kommun", "code", "1980", "name", "Västerås",
	    "total", "count", 15,
	    "categories", counts("Klotter", 7), counts("Skadegörelse", 5),
	    counts("Åverkan på fönster och dörrar", 3),
	    "subareas", "layer", "stadsdel", "items", counts("Bäckby", 9),
	    counts("Råby", 6),
	    "series", "months", "2026-10", "2026-11", "total", "counts", 40,
	    51);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(lb);
	assert_non_null(f);
	lagesbild_write_text(lb, f);
	fclose(f);
	json_decref(lb);
	return buf;
}

/* The column where " (förra:" starts on each counts line. */
static void
test_counts_align(void **state)
{
	char *text = text_of(), *line, *save = NULL, *at;
	size_t col = 0, rows = 0;

	(void)state;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((at = strstr(line, "  (förra:")) == NULL)
			continue;
		if (rows++ == 0)
			col = columns(line, (size_t)(at - line));
		else
			assert_int_equal(columns(line, (size_t)(at - line)),
			    col);
	}
	/* Totalt, three categories and two sub-areas */
	assert_int_equal(rows, 6);
	assert_int_equal(col, 2 + 40 + 1 + 6);
	free(text);
}

/* The month labels stand over their counts. */
static void
test_months_align(void **state)
{
	char *text = text_of();
	const char *m = strstr(text, "Månader"), *t = strstr(text, "  totalt");
	const char *m_end, *t_end;

	(void)state;
	assert_non_null(m);
	assert_non_null(t);
	m_end = strchr(m, '\n');
	t_end = strchr(t, '\n');
	assert_int_equal(columns(m, (size_t)(m_end - m)),
	    columns(t, (size_t)(t_end - t)));
	assert_int_equal(columns(m, (size_t)(strstr(m, "2026-11") - m)),
	    columns(t, (size_t)(strstr(t, "51") - t)) - 5);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_align),
		cmocka_unit_test(test_months_align),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
