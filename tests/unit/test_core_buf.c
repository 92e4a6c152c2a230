/*
 * Growable buffer: cap enforcement, JSON escaping; arena cleanups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/mem.h"

static void
test_cap(void **state)
{
	struct sv_buf b;

	(void)state;
	sv_buf_init(&b, 8);
	assert_int_equal(sv_buf_puts(&b, "abcdefg"), SV_OK);
	assert_int_equal(sv_buf_puts(&b, "h"), SV_ERR_TOOLARGE);
	assert_string_equal(b.data, "abcdefg");
	assert_int_equal(b.len, 7);
	sv_buf_free(&b);
}

static void
test_printf_long(void **state)
{
	struct sv_buf b;
	char big[1000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sv_buf_init(&b, 0);
	assert_int_equal(sv_buf_printf(&b, "%s-%d", big, 42), SV_OK);
	assert_int_equal(b.len, 999 + 3);
	assert_string_equal(b.data + 999, "-42");
	sv_buf_free(&b);
}

static void
test_json_escape(void **state)
{
	struct sv_buf b;

	(void)state;
	sv_buf_init(&b, 0);
	assert_int_equal(sv_buf_json_str(&b, "a\"b\\c\n</script>\x01"), SV_OK);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"");
	sv_buf_free(&b);
}

static int freed;

static void
count_free(void *p)
{
	freed++;
	free(p);
}

static void
test_arena(void **state)
{
	struct sv_arena *a = sv_arena_new();
	char *big, *s;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		s = sv_arena_printf(a, "n=%d", i);
		assert_string_equal(s, i == 0 ? "n=0" : s);
	}
	big = sv_arena_alloc(a, 100000);
	assert_true(((uintptr_t)big & 15) == 0);
	big[99999] = 1;
	sv_arena_defer(a, count_free, sv_malloc(10));
	sv_arena_defer(a, count_free, sv_malloc(10));
	freed = 0;
	sv_arena_free(a);
	assert_int_equal(freed, 2);
	sv_arena_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_printf_long),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_arena),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
