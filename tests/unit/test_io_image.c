/*
 * Photo metadata stripping (io/image_meta.h) on real files made here with
 * libjpeg and libpng: baseline, progressive and restart-marker JPEGs
 * carrying EXIF with a GPS position, XMP, IPTC, an ICC profile and a
 * comment; PNGs with tEXt, zTXt, iTXt, tIME, eXIf and a private chunk.
 * The stripped file must decode to exactly the same pixels, keep what
 * decoding needs and hold none of the metadata. Malformed input (every
 * prefix of a file, a flipped byte, wrong signatures, bad lengths) is
 * refused with a message, never a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jpeglib.h>
#include <png.h>

#include "core/buf.h"
#include "io/image_meta.h"

#define W	48
#define H	32

/* A test picture: gradients, so the entropy-coded data is not trivial. */
static void
pixels(unsigned char *rgb)
{
	int x, y;

	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++) {
			rgb[3 * (y * W + x)] = (unsigned char)(x * 5);
			rgb[3 * (y * W + x) + 1] = (unsigned char)(y * 7);
			rgb[3 * (y * W + x) + 2] = (unsigned char)((x ^ y) * 9);
		}
}

static int
contains(const unsigned char *p, size_t n, const void *needle, size_t k)
{
	size_t i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(p + i, needle, k) == 0)
			return 1;
	return 0;
}

/* --- EXIF with a GPS position (big-endian TIFF) ---------------------- */

static size_t
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
	return 2;
}

static size_t
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

static size_t
ifd_entry(unsigned char *p, unsigned tag, unsigned type, uint32_t count,
    uint32_t value)
{
	size_t n = put16(p, tag);

	n += put16(p + n, type);
	n += put32(p + n, count);
	if (type == 2 && count <= 4) {	/* ASCII in place */
		memcpy(p + n, &value, 4);
		return n + 4;
	}
	return n + put32(p + n, value);
}

/*
 * "Exif\0\0" + TIFF: IFD0 with Make "SVCAM" and a GPS IFD pointer; the
 * GPS IFD with latitude 59 36 30.00 N, longitude 16 32 45.00 E (Västerås).
 * Returns the length written into out (at least 256 bytes).
 */
static size_t
make_exif(unsigned char *out)
{
	static const uint32_t lat[6] = { 59, 1, 36, 1, 3000, 100 };
	static const uint32_t lon[6] = { 16, 1, 32, 1, 4500, 100 };
	unsigned char *t = out + 6;
	size_t n, i;
	uint32_t make_off, gps_off, lat_off, lon_off, ref;

	memcpy(out, "Exif\0\0", 6);
	memcpy(t, "MM\0*", 4);
	put32(t + 4, 8);
	/* IFD0 at 8: 2 entries, next 0; then data. */
	make_off = 8 + 2 + 2 * 12 + 4;
	gps_off = make_off + 6;
	n = 8;
	n += put16(t + n, 2);
	n += ifd_entry(t + n, 0x010f, 2, 6, make_off);
	n += ifd_entry(t + n, 0x8825, 4, 1, gps_off);
	n += put32(t + n, 0);
	memcpy(t + n, "SVCAM", 6);
	n += 6;
	/* GPS IFD: 4 entries, next 0, then two rational triples. */
	lat_off = gps_off + 2 + 4 * 12 + 4;
	lon_off = lat_off + 24;
	n += put16(t + n, 4);
	memcpy(&ref, "N\0\0\0", 4);
	n += ifd_entry(t + n, 1, 2, 2, ref);
	n += ifd_entry(t + n, 2, 5, 3, lat_off);
	memcpy(&ref, "E\0\0\0", 4);
	n += ifd_entry(t + n, 3, 2, 2, ref);
	n += ifd_entry(t + n, 4, 5, 3, lon_off);
	n += put32(t + n, 0);
	for (i = 0; i < 6; i++)
		n += put32(t + n, lat[i]);
	for (i = 0; i < 6; i++)
		n += put32(t + n, lon[i]);
	return 6 + n;
}

/* The latitude rationals as they sit in the file. */
static const unsigned char gps_lat_bytes[12] = {
	0, 0, 0, 59, 0, 0, 0, 1, 0, 0, 0, 36,
};

/* --- JPEG ------------------------------------------------------------ */

enum jpeg_flavour { JPEG_BASELINE, JPEG_PROGRESSIVE, JPEG_RESTART };

/* A JPEG of pixels() with every kind of metadata; caller frees. */
static unsigned char *
make_jpeg(enum jpeg_flavour fl, int with_meta, size_t *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char rgb[W * H * 3], exif[512], *mem = NULL;
	unsigned long mlen = 0;
	JSAMPROW row;
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>"
	    "<rdf:Description exif:GPSLatitude=\"59,36.5N\" "
	    "dc:creator=\"Anna Andersson\"/></x:xmpmeta>";
	static const char iptc[] = "Photoshop 3.0\0008BIM\004\004\0\0\0\0\0\020"
	    "\034\002\120\0\012Anna Bild";
	static const char icc[] = "ICC_PROFILE\0\001\001fake-profile-bytes";
	size_t n;

	pixels(rgb);
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &mem, &mlen);
	c.image_width = W;
	c.image_height = H;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	if (fl == JPEG_PROGRESSIVE)
		jpeg_simple_progression(&c);
	if (fl == JPEG_RESTART)
		c.restart_interval = 1;
	jpeg_start_compress(&c, TRUE);
	if (with_meta) {
		n = make_exif(exif);
		jpeg_write_marker(&c, JPEG_APP0 + 1, exif, (unsigned)n);
		jpeg_write_marker(&c, JPEG_APP0 + 1, (const JOCTET *)xmp,
		    sizeof(xmp) - 1);
		jpeg_write_marker(&c, JPEG_APP0 + 2, (const JOCTET *)icc,
		    sizeof(icc) - 1);
		jpeg_write_marker(&c, JPEG_APP0 + 13, (const JOCTET *)iptc,
		    sizeof(iptc) - 1);
		jpeg_write_marker(&c, JPEG_COM,
		    (const JOCTET *)"Fotograf: Anna Andersson", 24);
	}
	while (c.next_scanline < c.image_height) {
		row = rgb + c.next_scanline * W * 3;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	*len = mlen;
	return mem;
}

struct jerr {
	struct jpeg_error_mgr	pub;
	jmp_buf			jb;
};

static void
jerr_exit(j_common_ptr c)
{
	longjmp(((struct jerr *)(void *)c->err)->jb, 1);
}

/* Decodes with libjpeg into out (W*H*3); 0 on success. */
static int
decode_jpeg(const unsigned char *p, size_t len, unsigned char *out)
{
	struct jpeg_decompress_struct c;
	struct jerr err;
	JSAMPROW row;

	c.err = jpeg_std_error(&err.pub);
	err.pub.error_exit = jerr_exit;
	if (setjmp(err.jb)) {
		jpeg_destroy_decompress(&c);
		return -1;
	}
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, p, (unsigned long)len);
	jpeg_read_header(&c, TRUE);
	jpeg_start_decompress(&c);
	if (c.output_width != W || c.output_height != H ||
	    c.output_components != 3) {
		jpeg_destroy_decompress(&c);
		return -1;
	}
	while (c.output_scanline < c.output_height) {
		row = out + c.output_scanline * W * 3;
		jpeg_read_scanlines(&c, &row, 1);
	}
	jpeg_finish_decompress(&c);
	jpeg_destroy_decompress(&c);
	return err.pub.num_warnings ? -1 : 0;
}

static void
strip_ok(const unsigned char *in, size_t len, struct sv_buf *out,
    struct image_info *info)
{
	struct sv_diag d;

	sv_buf_init(out, len + 1);
	sv_diag_clear(&d);
	if (image_strip(in, len, out, info, "photo", &d) != SV_OK)
		fail_msg("refused: %s", d.message);
	assert_true(out->len <= len);
}

static void
check_jpeg(enum jpeg_flavour fl)
{
	unsigned char a[W * H * 3], b[W * H * 3], *orig;
	struct image_info info;
	struct sv_buf out;
	size_t len;

	orig = make_jpeg(fl, 1, &len);
	assert_true(contains(orig, len, "Exif", 4));
	assert_true(contains(orig, len, gps_lat_bytes, 12));
	assert_true(contains(orig, len, "Anna", 4));
	strip_ok(orig, len, &out, &info);
	assert_int_equal(info.type, IMAGE_JPEG);
	assert_int_equal(info.width, W);
	assert_int_equal(info.height, H);
	/* EXIF, XMP, ICC, IPTC, COM. */
	assert_int_equal(info.removed, 5);
	assert_int_equal(info.dropped + out.len, len);
	assert_false(contains((unsigned char *)out.data, out.len, "Exif", 4));
	assert_false(contains((unsigned char *)out.data, out.len,
	    gps_lat_bytes, 12));
	assert_false(contains((unsigned char *)out.data, out.len, "Anna", 4));
	assert_false(contains((unsigned char *)out.data, out.len, "SVCAM", 5));
	assert_false(contains((unsigned char *)out.data, out.len, "8BIM", 4));
	assert_false(contains((unsigned char *)out.data, out.len,
	    "ICC_PROFILE", 11));
	assert_true(contains((unsigned char *)out.data, out.len, "JFIF", 5));
	assert_int_equal(decode_jpeg(orig, len, a), 0);
	assert_int_equal(decode_jpeg((unsigned char *)out.data, out.len, b),
	    0);
	assert_memory_equal(a, b, sizeof(a));
	sv_buf_free(&out);
	free(orig);
}

static void
test_jpeg_baseline(void **state)
{
	(void)state;
	check_jpeg(JPEG_BASELINE);
}

static void
test_jpeg_progressive(void **state)
{
	(void)state;
	check_jpeg(JPEG_PROGRESSIVE);
}

static void
test_jpeg_restart(void **state)
{
	(void)state;
	check_jpeg(JPEG_RESTART);
}

/* A clean file comes back byte for byte; stripping twice changes nothing. */
static void
test_jpeg_idempotent(void **state)
{
	struct image_info info;
	struct sv_buf a, b;
	unsigned char *clean, *meta;
	size_t clen, mlen;

	(void)state;
	clean = make_jpeg(JPEG_BASELINE, 0, &clen);
	strip_ok(clean, clen, &a, &info);
	assert_int_equal(info.removed, 0);
	assert_int_equal(a.len, clen);
	assert_memory_equal(a.data, clean, clen);
	sv_buf_free(&a);
	meta = make_jpeg(JPEG_BASELINE, 1, &mlen);
	strip_ok(meta, mlen, &a, &info);
	strip_ok((unsigned char *)a.data, a.len, &b, &info);
	assert_int_equal(info.removed, 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* The same pixels with and without metadata strip to one file. */
	assert_int_equal(a.len, clen);
	assert_memory_equal(a.data, clean, clen);
	sv_buf_free(&a);
	sv_buf_free(&b);
	free(clean);
	free(meta);
}

/* A JFIF thumbnail and data after EOI go; the rest still decodes. */
static void
test_jpeg_thumbnail_trailer(void **state)
{
	unsigned char a[W * H * 3], b[W * H * 3], *orig, *mod;
	struct image_info info;
	struct sv_buf out;
	size_t len, mlen, i;

	(void)state;
	orig = make_jpeg(JPEG_BASELINE, 0, &len);
	/* libjpeg writes SOI then a 16-byte JFIF APP0 (no thumbnail). */
	assert_int_equal(orig[2], 0xff);
	assert_int_equal(orig[3], 0xe0);
	assert_int_equal(orig[5], 16);
	mlen = len + 2 * 2 * 3 + 7;
	mod = malloc(mlen);
	memcpy(mod, orig, 4);
	mod[4] = 0;
	mod[5] = 16 + 12;
	memcpy(mod + 6, orig + 6, 12);
	mod[18] = 2;			/* a 2x2 RGB thumbnail */
	mod[19] = 2;
	for (i = 0; i < 12; i++)
		mod[20 + i] = (unsigned char)(0xa0 + i);
	memcpy(mod + 32, orig + 20, len - 20);
	memcpy(mod + 32 + len - 20, "GPS=59N", 7);
	strip_ok(mod, mlen, &out, &info);
	assert_int_equal(info.removed, 2);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.data, orig, len);
	assert_int_equal(decode_jpeg(orig, len, a), 0);
	assert_int_equal(decode_jpeg((unsigned char *)out.data, out.len, b),
	    0);
	assert_memory_equal(a, b, sizeof(a));
	sv_buf_free(&out);
	free(mod);
	free(orig);
}

/* --- PNG ------------------------------------------------------------- */

struct membuf {
	unsigned char	*p;
	size_t		 len, cap, pos;
};

static void
png_write_mem(png_structp png, png_bytep data, png_size_t n)
{
	struct membuf *m = png_get_io_ptr(png);

	if (m->len + n > m->cap) {
		m->cap = (m->len + n) * 2;
		m->p = realloc(m->p, m->cap);
	}
	memcpy(m->p + m->len, data, n);
	m->len += n;
}

static void
png_flush_mem(png_structp png)
{
	(void)png;
}

/* A PNG of pixels() (RGB 8) with gAMA, pHYs and, with_meta, metadata. */
static unsigned char *
make_png(int with_meta, size_t *len)
{
	struct membuf m = { NULL, 0, 0, 0 };
	unsigned char rgb[W * H * 3];
	png_structp png;
	png_infop info;
	png_text text[3];
	png_time t = { 2026, 12, 4, 18, 30, 0 };
	png_unknown_chunk priv;
	unsigned char exif[512];
	int y;

	pixels(rgb);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	png_set_write_fn(png, &m, png_write_mem, png_flush_mem);
	png_set_IHDR(png, info, W, H, 8, PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	png_set_gAMA(png, info, 1.0 / 2.2);
	png_set_pHYs(png, info, 2835, 2835, PNG_RESOLUTION_METER);
	if (with_meta) {
		memset(text, 0, sizeof(text));
		text[0].compression = PNG_TEXT_COMPRESSION_NONE;
		text[0].key = (png_charp)"Author";
		text[0].text = (png_charp)"Anna Andersson";
		text[1].compression = PNG_TEXT_COMPRESSION_zTXt;
		text[1].key = (png_charp)"Comment";
		text[1].text = (png_charp)"taken at Bäckby centrum";
		text[2].compression = PNG_ITXT_COMPRESSION_NONE;
		text[2].key = (png_charp)"XML:com.adobe.xmp";
		text[2].text = (png_charp)"<x:xmpmeta>GPS 59N</x:xmpmeta>";
		png_set_text(png, info, text, 3);
		png_set_tIME(png, info, &t);
		png_set_eXIf_1(png, info, (png_uint_32)(make_exif(exif) - 6),
		    exif + 6);
		memset(&priv, 0, sizeof(priv));
		memcpy(priv.name, "prVt", 5);
		priv.data = (png_bytep)"private: Anna";
		priv.size = 13;
		priv.location = PNG_HAVE_IHDR;
		png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_ALWAYS,
		    (png_const_bytep)"prVt", 1);
		png_set_unknown_chunks(png, info, &priv, 1);
	}
	png_write_info(png, info);
	for (y = 0; y < H; y++)
		png_write_row(png, rgb + y * W * 3);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	*len = m.len;
	return m.p;
}

static void
png_read_mem(png_structp png, png_bytep data, png_size_t n)
{
	struct membuf *m = png_get_io_ptr(png);

	if (m->pos + n > m->len)
		png_error(png, "short");
	memcpy(data, m->p + m->pos, n);
	m->pos += n;
}

/* Decodes with libpng into out (W*H*3); 0 on success. */
static int
decode_png(const unsigned char *p, size_t len, unsigned char *out)
{
	struct membuf m = { (unsigned char *)(uintptr_t)p, len, len, 0 };
	png_structp png;
	png_infop info;
	int y;

	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		return -1;
	}
	png_set_read_fn(png, &m, png_read_mem);
	png_read_info(png, info);
	if (png_get_image_width(png, info) != W ||
	    png_get_image_height(png, info) != H ||
	    png_get_color_type(png, info) != PNG_COLOR_TYPE_RGB) {
		png_destroy_read_struct(&png, &info, NULL);
		return -1;
	}
	for (y = 0; y < H; y++)
		png_read_row(png, out + y * W * 3, NULL);
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	return 0;
}

static void
test_png(void **state)
{
	unsigned char a[W * H * 3], b[W * H * 3], *orig, *clean;
	struct image_info info;
	struct sv_buf out;
	size_t len, clen;

	(void)state;
	orig = make_png(1, &len);
	assert_true(contains(orig, len, "tEXt", 4));
	assert_true(contains(orig, len, "eXIf", 4));
	assert_true(contains(orig, len, gps_lat_bytes, 12));
	strip_ok(orig, len, &out, &info);
	assert_int_equal(info.type, IMAGE_PNG);
	assert_int_equal(info.width, W);
	assert_int_equal(info.height, H);
	/* tEXt, zTXt, iTXt, tIME, prVt and eXIf twice (libpng 1.6 writes it
	 * before and after the image data). */
	assert_int_equal(info.removed, 7);
	assert_int_equal(info.dropped + out.len, len);
	assert_false(contains((unsigned char *)out.data, out.len, "tEXt", 4));
	assert_false(contains((unsigned char *)out.data, out.len, "zTXt", 4));
	assert_false(contains((unsigned char *)out.data, out.len, "iTXt", 4));
	assert_false(contains((unsigned char *)out.data, out.len, "tIME", 4));
	assert_false(contains((unsigned char *)out.data, out.len, "eXIf", 4));
	assert_false(contains((unsigned char *)out.data, out.len, "prVt", 4));
	assert_false(contains((unsigned char *)out.data, out.len,
	    gps_lat_bytes, 12));
	assert_true(contains((unsigned char *)out.data, out.len, "gAMA", 4));
	assert_true(contains((unsigned char *)out.data, out.len, "pHYs", 4));
	assert_int_equal(decode_png(orig, len, a), 0);
	assert_int_equal(decode_png((unsigned char *)out.data, out.len, b), 0);
	assert_memory_equal(a, b, sizeof(a));
	/* The same pixels without metadata are exactly the stripped file. */
	clean = make_png(0, &clen);
	assert_int_equal(out.len, clen);
	assert_memory_equal(out.data, clean, clen);
	sv_buf_free(&out);
	free(orig);
	free(clean);
}

/* --- refused input ----------------------------------------------------- */

static enum sv_err
strip_err(const unsigned char *in, size_t len, struct sv_diag *d)
{
	struct image_info info;
	struct sv_buf out;
	enum sv_err e;

	sv_buf_init(&out, len + 16);
	sv_diag_clear(d);
	e = image_strip(in, len, &out, &info, "photo", d);
	if (e != SV_OK) {
		assert_int_equal(out.len, 0);
		assert_string_equal(d->field, "photo");
		assert_true(d->message[0] != '\0');
	}
	sv_buf_free(&out);
	return e;
}

/* Every proper prefix of a file is refused (none ends in EOI/IEND). */
static void
test_prefixes(void **state)
{
	unsigned char *f[2];
	struct sv_diag d;
	size_t len[2], i;
	int k;

	(void)state;
	f[0] = make_jpeg(JPEG_PROGRESSIVE, 1, &len[0]);
	f[1] = make_png(1, &len[1]);
	for (k = 0; k < 2; k++) {
		for (i = 0; i < len[k]; i++)
			if (strip_err(f[k], i, &d) != SV_ERR_INVALID)
				fail_msg("prefix %zu of %zu accepted (%s)", i,
				    len[k], k ? "png" : "jpeg");
		assert_int_equal(strip_err(f[k], len[k], &d), SV_OK);
		free(f[k]);
	}
}

static void
test_refused(void **state)
{
	static const struct {
		const char	*name;
		const char	*bytes;
		size_t		 len;
		const char	*message;	/* a part of it */
	} cases[] = {
		{ "empty", "", 0, "not a JPEG or PNG" },
		{ "gif", "GIF89a\1\0\1\0", 10, "not a JPEG or PNG" },
		{ "text", "hello", 5, "not a JPEG or PNG" },
		{ "soi only", "\xff\xd8\xff", 3, "truncated" },
		{ "eoi without image", "\xff\xd8\xff\xd9", 4, "no SOS" },
		{ "zero length", "\xff\xd8\xff\xe1\0\0", 6, "bad length" },
		{ "length past end", "\xff\xd8\xff\xfe\0\x20xx", 8,
		    "bad length" },
		{ "sos before sof", "\xff\xd8\xff\xda\0\x08\1\1\0\0\x3f\0"
		    "\xff\xd9", 14, "SOS" },
		{ "reserved marker", "\xff\xd8\xff\x02\0\x02\xff\xd9", 8,
		    "unknown marker" },
		{ "stray rst", "\xff\xd8\xff\xd0\xff\xd9", 6, "stray marker" },
		{ "no marker", "\xff\xd8\xff\xfe\0\x02zz", 8, "marker" },
		{ "zero width sof", "\xff\xd8\xff\xc0\0\x0b\x08\0\x10\0\0\1"
		    "\1\x11\0\xff\xd9", 17, "width" },
		{ "png sig only", "\x89PNG\r\n\x1a\n", 8, "IEND" },
		{ "png not ihdr", "\x89PNG\r\n\x1a\n\0\0\0\0IEND\xae\x42\x60"
		    "\x82", 20, "IHDR" },
		{ "png bad crc", "\x89PNG\r\n\x1a\n\0\0\0\0IEND\0\0\0\0", 20,
		    "CRC" },
		{ "png huge length", "\x89PNG\r\n\x1a\n\xff\xff\xff\xf0IHDR"
		    "\0\0\0\0", 20, "bad length" },
	};
	struct sv_diag d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strip_err((const unsigned char *)cases[i].bytes,
		    cases[i].len, &d) != SV_ERR_INVALID)
			fail_msg("%s accepted", cases[i].name);
		if (strstr(d.message, cases[i].message) == NULL)
			fail_msg("%s: message \"%s\" lacks \"%s\"",
			    cases[i].name, d.message, cases[i].message);
	}
}

/* A flipped byte in a PNG chunk fails its CRC. */
static void
test_png_flip(void **state)
{
	unsigned char *f;
	struct sv_diag d;
	size_t len, i;

	(void)state;
	f = make_png(0, &len);
	for (i = 8; i < len; i += 7) {
		f[i] ^= 0x40;
		assert_int_equal(strip_err(f, len, &d), SV_ERR_INVALID);
		f[i] ^= 0x40;
	}
	assert_int_equal(strip_err(f, len, &d), SV_OK);
	free(f);
}

/* The output cap is honoured and the buffer left unchanged. */
static void
test_cap(void **state)
{
	struct image_info info;
	struct sv_buf out;
	struct sv_diag d;
	unsigned char *f;
	size_t len;

	(void)state;
	f = make_jpeg(JPEG_BASELINE, 0, &len);
	sv_buf_init(&out, len / 2);
	sv_diag_clear(&d);
	assert_int_equal(image_strip(f, len, &out, &info, "photo", &d),
	    SV_ERR_TOOLARGE);
	assert_int_equal(out.len, 0);
	sv_buf_free(&out);
	free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jpeg_baseline),
		cmocka_unit_test(test_jpeg_progressive),
		cmocka_unit_test(test_jpeg_restart),
		cmocka_unit_test(test_jpeg_idempotent),
		cmocka_unit_test(test_jpeg_thumbnail_trailer),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_png_flip),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
