/*
 * JPEG and PNG metadata stripping (image_meta.h): one pass over the
 * markers or chunks, copying what decoding needs and counting what is
 * left out. Every length is checked against the bytes that remain before
 * it is used.
 */
#include <pthread.h>
#include <string.h>

#include "io/image_meta.h"

const char *const image_type_names[IMAGE__MAX] = {
	"image/jpeg", "image/png",
};

static const unsigned char png_sig[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
};

int
image_sniff(const unsigned char *in, size_t len)
{
	if (len >= 3 && in[0] == 0xff && in[1] == 0xd8 && in[2] == 0xff)
		return IMAGE_JPEG;
	if (len >= sizeof(png_sig) && memcmp(in, png_sig, sizeof(png_sig)) == 0)
		return IMAGE_PNG;
	return -1;
}

static uint32_t
be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* --- JPEG ------------------------------------------------------------ */

enum jpeg_keep {
	JK_REFUSE,	/* not a marker a JPEG file may hold here */
	JK_KEEP,
	JK_DROP,
	JK_APP0,	/* JFIF kept without thumbnail, others dropped */
	JK_APP14,	/* the Adobe colour transform kept */
};

static enum jpeg_keep
jpeg_marker_kind(unsigned m)
{
	if (m >= 0xc0 && m <= 0xcf)	/* SOFn, DHT (c4), JPG (c8), DAC (cc) */
		return m == 0xc8 ? JK_REFUSE : JK_KEEP;
	if (m == 0xdb || m == 0xdc || m == 0xdd || m == 0xde || m == 0xdf)
		return JK_KEEP;		/* DQT, DNL, DRI, DHP, EXP */
	if (m == 0xe0)
		return JK_APP0;
	if (m == 0xee)
		return JK_APP14;
	if (m >= 0xe1 && m <= 0xef)
		return JK_DROP;		/* APP1..APP15 */
	if (m == 0xfe)
		return JK_DROP;		/* COM */
	return JK_REFUSE;
}

static int
jpeg_is_sof(unsigned m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/*
 * Copies the entropy-coded data of a scan starting at *pos up to the
 * next marker (not a stuffed 0xff00 or an RSTn); *pos ends on that
 * marker's 0xff.
 */
static enum sv_err
jpeg_scan(const unsigned char *in, size_t len, size_t *pos,
    struct sv_buf *out, const char *field, struct sv_diag *d)
{
	size_t i = *pos, start = *pos;

	for (;;) {
		while (i < len && in[i] != 0xff)
			i++;
		if (i + 1 >= len)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the JPEG ends inside image data (truncated)");
		if (in[i + 1] == 0x00 || (in[i + 1] >= 0xd0 &&
		    in[i + 1] <= 0xd7)) {
			i += 2;
			continue;
		}
		break;
	}
	*pos = i;
	return sv_buf_add(out, in + start, i - start);
}

/* A JFIF APP0 with its thumbnail cut off (14 bytes of header kept). */
static enum sv_err
jpeg_jfif(const unsigned char *seg, size_t slen, struct sv_buf *out,
    struct image_info *info)
{
	unsigned char b[18];

	memcpy(b, seg, 2 + 2 + 12);	/* marker, length, JFIF header */
	b[2] = 0;
	b[3] = 16;
	b[16] = b[17] = 0;		/* no thumbnail */
	if (slen > 18) {
		info->removed++;
		info->dropped += slen - 18;
	}
	return sv_buf_add(out, b, sizeof(b));
}

static enum sv_err
jpeg_strip(const unsigned char *in, size_t len, struct sv_buf *out,
    struct image_info *info, const char *field, struct sv_diag *d)
{
	size_t pos = 2, slen, fill;
	const unsigned char *seg, *p;
	unsigned m, nc, ns;
	int have_sof = 0, have_sos = 0;
	enum sv_err e;

	if ((e = sv_buf_add(out, in, 2)) != SV_OK)
		return e;
	for (;;) {
		if (pos >= len || in[pos] != 0xff)
			return sv_diag_set(d, SV_ERR_INVALID, field, pos >= len ?
			    "the JPEG ends without an EOI marker (truncated)" :
			    "the JPEG has bytes where a marker must be, at "
			    "offset %zu", pos);
		fill = pos;
		while (pos < len && in[pos] == 0xff)	/* fill bytes */
			pos++;
		info->dropped += pos - fill - 1;
		if (pos >= len)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the JPEG ends without an EOI marker (truncated)");
		m = in[pos++];
		if (m == 0xd9) {			/* EOI */
			if (!have_sos)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the JPEG has no image data (no SOS)");
			if (pos < len) {
				info->removed++;
				info->dropped += len - pos;
			}
			return sv_buf_add(out, "\xff\xd9", 2);
		}
		if (m == 0x00 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7) ||
		    m == 0x01)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the JPEG has a stray marker 0xff%02x at offset "
			    "%zu", m, pos - 2);
		if (pos + 2 > len || (slen = be16(in + pos)) < 2 ||
		    pos + slen > len)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the JPEG segment 0xff%02x at offset %zu has a bad "
			    "length (truncated)", m, pos - 2);
		seg = in + pos - 2;	/* marker, length, payload */
		p = in + pos + 2;	/* payload */
		slen += 2;		/* with the marker */
		pos += slen - 2;
		if (m == 0xda) {			/* SOS */
			ns = slen >= 5 ? p[0] : 0;
			if (!have_sof || ns < 1 || ns > 4 ||
			    slen != 2 + 2 + 1 + 2 * ns + 3)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the JPEG has a bad scan header (SOS) at "
				    "offset %zu", (size_t)(seg - in));
			have_sos = 1;
			if ((e = sv_buf_add(out, seg, slen)) != SV_OK ||
			    (e = jpeg_scan(in, len, &pos, out, field, d)) !=
			    SV_OK)
				return e;
			continue;
		}
		if (jpeg_is_sof(m)) {
			nc = slen >= 10 ? p[5] : 0;
			if (have_sof || nc < 1 || nc > 4 ||
			    slen != 2 + 2 + 6 + 3 * nc)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the JPEG has a bad or second frame header "
				    "(SOF) at offset %zu", (size_t)(seg - in));
			info->height = be16(p + 1);
			info->width = be16(p + 3);
			if (info->width == 0 || info->height == 0)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the JPEG has no width or height");
			have_sof = 1;
		}
		switch (jpeg_marker_kind(m)) {
		case JK_KEEP:
			e = sv_buf_add(out, seg, slen);
			break;
		case JK_APP0:
			if (slen >= 18 && memcmp(p, "JFIF", 5) == 0 &&
			    !have_sof) {
				e = jpeg_jfif(seg, slen, out, info);
				break;
			}
			info->removed++;
			info->dropped += slen;
			e = SV_OK;
			break;
		case JK_APP14:
			if (slen == 16 && memcmp(p, "Adobe", 5) == 0) {
				e = sv_buf_add(out, seg, slen);
				break;
			}
			info->removed++;
			info->dropped += slen;
			e = SV_OK;
			break;
		case JK_DROP:
			info->removed++;
			info->dropped += slen;
			e = SV_OK;
			break;
		case JK_REFUSE:
		default:
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the JPEG has an unknown marker 0xff%02x at offset "
			    "%zu", m, (size_t)(seg - in));
		}
		if (e != SV_OK)
			return e;
	}
}

/* --- PNG ------------------------------------------------------------- */

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void
crc_init(void)
{
	uint32_t c;
	size_t i;
	int k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

/* CRC-32 of ISO 3309 as PNG uses it. */
static uint32_t
png_crc(const unsigned char *p, size_t n)
{
	uint32_t c;
	size_t i;

	pthread_once(&crc_once, crc_init);
	c = 0xffffffffu;
	for (i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

/* Ancillary chunks that change how the pixels look. */
static const char *const png_keep[] = {
	"tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs",
};

static int
png_kept_ancillary(const unsigned char *type)
{
	size_t i;

	for (i = 0; i < sizeof(png_keep) / sizeof(png_keep[0]); i++)
		if (memcmp(type, png_keep[i], 4) == 0)
			return 1;
	return 0;
}

/* IHDR: size, and a bit depth allowed for the colour type. */
static int
png_ihdr_ok(const unsigned char *p, struct image_info *info)
{
	unsigned depth = p[8], ctype = p[9];

	info->width = be32(p);
	info->height = be32(p + 4);
	if (info->width == 0 || info->height == 0 ||
	    info->width > 0x7fffffffu || info->height > 0x7fffffffu)
		return 0;
	if (p[10] != 0 || p[11] != 0 || p[12] > 1)
		return 0;
	switch (ctype) {
	case 0:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8 ||
		    depth == 16;
	case 3:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8;
	case 2:
	case 4:
	case 6:
		return depth == 8 || depth == 16;
	default:
		return 0;
	}
}

static enum sv_err
png_strip(const unsigned char *in, size_t len, struct sv_buf *out,
    struct image_info *info, const char *field, struct sv_diag *d)
{
	size_t pos = sizeof(png_sig), n, clen;
	const unsigned char *type;
	int nchunk = 0, have_plte = 0, idat_state = 0;	/* 0 none, 1 in, 2 after */
	int ctype = 0;
	enum sv_err e;
	char tname[5];

	if ((e = sv_buf_add(out, in, sizeof(png_sig))) != SV_OK)
		return e;
	for (;;) {
		if (len - pos < 12)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the PNG ends without an IEND chunk (truncated)");
		n = be32(in + pos);
		type = in + pos + 4;
		memcpy(tname, type, 4);
		tname[4] = '\0';
		if (n > 0x7fffffffu || n > len - pos - 12)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the PNG chunk at offset %zu has a bad length "
			    "(truncated)", pos);
		for (clen = 0; clen < 4; clen++)
			if (!((type[clen] >= 'A' && type[clen] <= 'Z') ||
			    (type[clen] >= 'a' && type[clen] <= 'z')))
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the PNG chunk at offset %zu has a bad "
				    "type", pos);
		clen = 12 + n;
		if (png_crc(type, 4 + n) != be32(in + pos + 8 + n))
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the PNG chunk %s at offset %zu has a bad CRC",
			    tname, pos);
		if (nchunk++ == 0) {
			if (memcmp(type, "IHDR", 4) != 0 || n != 13 ||
			    !png_ihdr_ok(type + 4, info))
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the PNG does not start with a valid IHDR");
			ctype = type[4 + 9];
		} else if (memcmp(type, "IHDR", 4) == 0)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "the PNG has a second IHDR");
		if (memcmp(type, "IDAT", 4) == 0) {
			if (idat_state == 2)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the PNG's IDAT chunks are not consecutive");
			idat_state = 1;
		} else if (idat_state == 1)
			idat_state = 2;
		if (memcmp(type, "PLTE", 4) == 0) {
			if (have_plte || idat_state || n == 0 || n % 3 != 0 ||
			    n > 768)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the PNG has a bad palette (PLTE)");
			have_plte = 1;
		}
		if (memcmp(type, "IEND", 4) == 0) {
			if (n != 0 || idat_state == 0)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    idat_state == 0 ? "the PNG has no image data "
				    "(IDAT)" : "the PNG's IEND is not empty");
			if (ctype == 3 && !have_plte)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the PNG has a palette colour type but no "
				    "PLTE");
			if (pos + clen < len) {
				info->removed++;
				info->dropped += len - pos - clen;
			}
			return sv_buf_add(out, in + pos, clen);
		}
		if (type[0] >= 'A' && type[0] <= 'Z') {	/* critical */
			if (memcmp(type, "IHDR", 4) != 0 &&
			    memcmp(type, "PLTE", 4) != 0 &&
			    memcmp(type, "IDAT", 4) != 0)
				return sv_diag_set(d, SV_ERR_INVALID, field,
				    "the PNG has an unknown critical chunk %s",
				    tname);
			e = sv_buf_add(out, in + pos, clen);
		} else if (png_kept_ancillary(type))
			e = sv_buf_add(out, in + pos, clen);
		else {
			info->removed++;
			info->dropped += clen;
			e = SV_OK;
		}
		if (e != SV_OK)
			return e;
		pos += clen;
	}
}

enum sv_err
image_strip(const unsigned char *in, size_t len, struct sv_buf *out,
    struct image_info *info, const char *field, struct sv_diag *d)
{
	size_t start = out->len;
	enum sv_err e;
	int t;

	memset(info, 0, sizeof(*info));
	if ((t = image_sniff(in, len)) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "not a JPEG or PNG image");
	info->type = (enum image_type)t;
	e = t == IMAGE_JPEG ? jpeg_strip(in, len, out, info, field, d) :
	    png_strip(in, len, out, info, field, d);
	if (e != SV_OK) {
		/* Leave out as it was. */
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		if (e == SV_ERR_TOOLARGE)
			sv_diag_set(d, e, field, "the image is too large");
	}
	return e;
}
