/**
 * Uploaded photos and scans (JPEG, PNG) are never stored as sent: they are decoded within a pixel
 * limit and re-encoded, so that only pixels survive — no EXIF (GPS position, camera serial),
 * no comments or text chunks, nothing appended after the image. The stored bytes are the
 * re-encoded ones (their own SHA-256 and size).
 *
 * Appended data: phones legitimately append data after a JPEG's end marker (Samsung's "SEFT"
 * trailer on ordinary photos, motion-photo videos), so trailing bytes as such are dropped by the
 * re-encoding, not refused. What is REFUSED is a trailer that is recognisably something to run or
 * open — an executable, an archive, a PDF, HTML or PHP: that is a polyglot made on purpose, and
 * the citizen gets told rather than silently helped.
 *
 * The structure walkers are pure; `reencodeImage` uses sharp (libvips), which reads the
 * dimensions from the header and refuses before decoding anything past the pixel limit.
 */
import sharp from 'sharp';
import { foreignFormatAtStart, markupIn } from './file-type';

// Hostile inputs are decoded once; keeping them in libvips' operation cache only costs memory.
sharp.cache(false);

export type ImageFindingCode = 'image.corrupt' | 'image.too-large' | 'image.appended-payload';

export interface ImageFinding {
  code: ImageFindingCode;
  detail?: string;
}

export const IMAGE_FINDING_TEXT: Record<ImageFindingCode, string> = {
  'image.corrupt': 'bị hỏng hoặc không đầy đủ, không đọc được',
  'image.too-large': 'có kích thước điểm ảnh quá lớn',
  'image.appended-payload': 'có dữ liệu lạ nối sau phần ảnh',
};

export type ImageKind = 'jpeg' | 'png';

/**
 * Offset just past the JPEG's end-of-image marker, found by walking its segments (an EXIF
 * thumbnail inside APP1 has its own FFD9, so searching for the bytes would stop too early);
 * null when the structure is broken or the end marker is missing.
 */
export function jpegImageEnd(b: Buffer): number | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return null;
    while (i < b.length && b[i] === 0xff) i++;
    if (i >= b.length) return null;
    const marker = b[i++]!;
    if (marker === 0xd9) return i;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (marker === 0xd8 || marker === 0x00) return null;
    if (i + 2 > b.length) return null;
    const len = b.readUInt16BE(i);
    if (len < 2 || i + len > b.length) return null;
    i += len;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 00 or a restart marker.
      while (i < b.length) {
        if (b[i] === 0xff && i + 1 < b.length) {
          const next = b[i + 1]!;
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
            i += next === 0xff ? 1 : 2;
            continue;
          }
          break;
        }
        i++;
      }
    }
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Offset just past the PNG's IEND chunk, walking the chunks; null when broken or missing. */
export function pngImageEnd(b: Buffer): number | null {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let i = 8;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (len > 0x7fffffff || i + 12 + len > b.length) return null;
    i += 12 + len;
    if (type === 'IEND') return i;
  }
  return null;
}

/** Findings about the bytes after the image (pure): a named payload is refused, padding is not. */
export function inspectImageTrailer(b: Buffer, kind: ImageKind): ImageFinding[] {
  const end = kind === 'jpeg' ? jpegImageEnd(b) : pngImageEnd(b);
  if (end === null) return [{ code: 'image.corrupt' }];
  const trailer = b.subarray(end);
  if (!trailer.length) return [];
  const payload = foreignFormatAtStart(trailer) ?? markupIn(trailer);
  return payload ? [{ code: 'image.appended-payload', detail: payload }] : [];
}

export interface ReencodedImage {
  content: Buffer;
  width: number;
  height: number;
}

export type ReencodeResult = { ok: true; image: ReencodedImage } | { ok: false; finding: ImageFinding };

/**
 * Decodes within `maxPixels` and re-encodes in the same format, upright (EXIF orientation applied,
 * then every metadata block dropped). The header's dimensions are checked first, so a
 * 50,000 × 50,000 "decompression bomb" is refused without decoding a single row.
 */
export async function reencodeImage(input: Buffer, kind: ImageKind, maxPixels: number): Promise<ReencodeResult> {
  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, { limitInputPixels: false, failOn: 'none' }).metadata();
    if (meta.format !== kind || !meta.width || !meta.height) return { ok: false, finding: { code: 'image.corrupt' } };
    width = meta.width;
    height = meta.height;
  } catch {
    return { ok: false, finding: { code: 'image.corrupt' } };
  }
  if (width * height > maxPixels) {
    return { ok: false, finding: { code: 'image.too-large', detail: `${width} × ${height} điểm ảnh, tối đa ${formatMegapixels(maxPixels)}` } };
  }
  try {
    // failOn 'warning': a truncated or damaged image is refused, not half-stored.
    const pipeline = sharp(input, { limitInputPixels: maxPixels, failOn: 'warning', sequentialRead: true }).autoOrient();
    const { data, info } = await (kind === 'jpeg' ? pipeline.jpeg({ quality: 90 }) : pipeline.png({ compressionLevel: 6 })).toBuffer({
      resolveWithObject: true,
    });
    return { ok: true, image: { content: data, width: info.width, height: info.height } };
  } catch {
    return { ok: false, finding: { code: 'image.corrupt' } };
  }
}

function formatMegapixels(pixels: number): string {
  return `${Math.round(pixels / 1e6)} triệu điểm ảnh`;
}
