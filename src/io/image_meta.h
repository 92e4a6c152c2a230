/*
 * Photo metadata stripping: a pure function from the bytes of a JPEG or
 * PNG file to the same image without its metadata, so that a photo
 * attached to an incident carries no GPS position, camera serial number,
 * author, software, time stamp, comment or thumbnail.
 *
 * The file is checked as a container (markers and segment lengths of a
 * JPEG, chunk lengths, CRCs and order of a PNG) but its pixels are never
 * decoded: the server links no image decoder, so a hostile image cannot
 * reach one here. Anything that is not a well-formed JPEG or PNG is
 * refused with a message naming what is wrong.
 *
 * JPEG: kept are SOI, the frame (SOFn), tables (DQT, DHT, DAC, DRI),
 * DNL, EXP, DHP, the scans (SOS with their entropy-coded data, RSTn
 * inside) and EOI; a JFIF APP0 is kept with its thumbnail removed, and an
 * Adobe APP14 of the standard 12-byte form is kept because it says how
 * the colour channels are to be converted. Removed are every other APP0
 * (JFXX thumbnails), APP1 to APP15 (EXIF, XMP, ICC, IPTC/Photoshop, ...),
 * COM and whatever follows EOI.
 *
 * PNG: kept are IHDR, PLTE, IDAT, IEND and the ancillary chunks that
 * change how pixels look (tRNS, gAMA, cHRM, sRGB, sBIT, bKGD, pHYs).
 * Every other ancillary chunk is removed (tEXt, zTXt, iTXt, tIME, eXIf,
 * iCCP, APNG frames, private chunks), and whatever follows IEND.
 */
#ifndef SV_IMAGE_META_H
#define SV_IMAGE_META_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

enum image_type {
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE__MAX
};
/* Media types: "image/jpeg", "image/png". */
extern const char *const image_type_names[IMAGE__MAX];

struct image_info {
	enum image_type	type;
	uint32_t	width, height;
	unsigned	removed;	/* segments or chunks left out */
	size_t		dropped;	/* bytes left out in all */
};

/*
 * Writes the image in[0..len) without its metadata to out (appended; the
 * result is never longer than the input, so a cap above len suffices) and describes it in *info.
 * Errors: SV_ERR_INVALID with field and a message saying what is wrong
 * (not a JPEG or PNG, truncated, a bad length, CRC or order);
 * SV_ERR_TOOLARGE when out's cap is too small.
 */
enum sv_err	image_strip(const unsigned char *in, size_t len,
		    struct sv_buf *out, struct image_info *info,
		    const char *field, struct sv_diag *);

/* The type of in by its signature, or -1 when neither JPEG nor PNG. */
int		image_sniff(const unsigned char *in, size_t len);

#endif
