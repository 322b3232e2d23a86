/** The card's picture box is 120 × 90 CSS pixels (list view) and up to 160 × 120 (cards): twice that for sharp screens. */
export const THUMB_WIDTH = 320;
export const THUMB_HEIGHT = 240;
/** Larger is no picture a feed links (and a decompression bomb is refused before it is decoded). */
const MAX_INPUT_PIXELS = 40_000_000;

/** A picture (JPEG, PNG, WebP, GIF's first frame, AVIF, SVG) cut to the card's 4:3 and written as WebP. */
export async function thumbnail(picture: Uint8Array): Promise<Buffer> {
  // Loaded with the first picture: a build without pictures to cut never pays libvips's start.
  const { default: sharp } = await import('sharp');
  return sharp(picture, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
    .rotate() // as the camera held it (EXIF orientation)
    .resize(THUMB_WIDTH, THUMB_HEIGHT, { fit: 'cover', position: 'attention', withoutEnlargement: false })
    .webp({ quality: 68, effort: 4 })
    .toBuffer();
}
