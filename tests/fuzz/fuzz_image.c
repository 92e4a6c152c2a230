/*
 * Fuzz harness: photo metadata stripping (src/io/image_meta.c). Any
 * input is refused with a message and leaves the output untouched, or
 * gives a file no longer than the input that strips again to itself
 * with nothing removed.
 */
#include <string.h>

#include "fuzz.h"
#include "io/image_meta.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_info info, again;
	struct sv_buf out, out2;
	struct sv_diag d;

	sv_buf_init(&out, size + 1);
	if (image_strip(data, size, &out, &info, "photo", &d) != SV_OK) {
		if (out.len != 0 || d.message[0] == '\0')
			__builtin_trap();
		sv_buf_free(&out);
		return 0;
	}
	if (out.len > size || image_sniff((const unsigned char *)out.data,
	    out.len) != (int)info.type || info.dropped + out.len != size)
		__builtin_trap();
	sv_buf_init(&out2, out.len + 1);
	if (image_strip((const unsigned char *)out.data, out.len, &out2,
	    &again, "photo", &d) != SV_OK || again.removed != 0 ||
	    out2.len != out.len || memcmp(out.data, out2.data, out.len) != 0)
		__builtin_trap();
	sv_buf_free(&out2);
	sv_buf_free(&out);
	return 0;
}
