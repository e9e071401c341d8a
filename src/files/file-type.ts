/**
 * What an uploaded file really is, judged by its first bytes (never by its name or the browser's
 * Content-Type), and a safe display name. Pure: no I/O.
 */

export interface DetectedType {
  mimeType: 'application/pdf' | 'image/jpeg' | 'image/png';
  extension: 'pdf' | 'jpg' | 'png';
}

export const ACCEPTED_TYPES_LABEL = 'PDF, JPEG hoặc PNG';

/** %PDF-, FF D8 FF, 89 50 4E 47 0D 0A 1A 0A. A PDF may start after a short junk prefix (ISO 32000 allows 1024 bytes); we do not. */
export function detectFileType(head: Buffer): DetectedType | null {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return { mimeType: 'application/pdf', extension: 'pdf' };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mimeType: 'image/jpeg', extension: 'jpg' };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mimeType: 'image/png', extension: 'png' };
  }
  return null;
}

/** A short description of a refused file, to make the message clear (executables and SVG get named). */
export function describeRefusedContent(head: Buffer): string {
  return foreignFormatAtStart(head) ?? markupIn(head.subarray(0, 512)) ?? 'tệp không rõ định dạng';
}

/** Leading magic bytes of formats that must never be stored, nor ride inside or after a stored file. */
const FOREIGN_MAGIC: [number[], string][] = [
  [[0x4d, 0x5a], 'tệp chương trình (.exe)'],
  [[0x7f, 0x45, 0x4c, 0x46], 'tệp chương trình (ELF)'],
  [[0xca, 0xfe, 0xba, 0xbe], 'tệp chương trình (Java/Mach-O)'],
  [[0x50, 0x4b, 0x03, 0x04], 'tệp nén hoặc tài liệu Office'],
  [[0x50, 0x4b, 0x05, 0x06], 'tệp nén hoặc tài liệu Office'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'tệp nén (RAR)'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'tệp nén (7z)'],
  [[0x1f, 0x8b], 'tệp nén (gzip)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'tài liệu Office cũ (có thể chứa macro)'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'tệp PDF'],
];

/** What a chunk of bytes starts with (after blank padding), when it is a format we name; null otherwise. */
export function foreignFormatAtStart(chunk: Buffer): string | null {
  let i = 0;
  while (i < chunk.length && i < 64 && (chunk[i] === 0 || chunk[i] === 0x20 || (chunk[i]! >= 0x09 && chunk[i]! <= 0x0d))) i++;
  const at = chunk.subarray(i);
  for (const [magic, label] of FOREIGN_MAGIC) {
    if (at.length >= magic.length && magic.every((b, k) => at[k] === b)) return label;
  }
  if (at.length >= 2 && at[0] === 0x23 && at[1] === 0x21) return 'tệp lệnh (script)';
  return null;
}

/**
 * Markup a browser or a web server would run, anywhere in `chunk`. Markers are at least five
 * characters long so that random binary data (a photo, a phone's motion-photo video) cannot
 * trip them by chance.
 */
export function markupIn(chunk: Buffer): string | null {
  const text = chunk.toString('latin1');
  if (/<\?php/i.test(text)) return 'mã PHP';
  if (/<svg[\s>]/i.test(text)) return 'ảnh SVG';
  if (/<!doctype\s+html|<html[\s>]|<script[\s>]|<iframe[\s>]|<body[\s>]/i.test(text)) return 'trang HTML';
  return null;
}

/**
 * A file that ZIP readers (Java, Office, unzip) open as an archive: the end-of-central-directory
 * record sits in the last 64 KiB with a comment that reaches exactly to the end of the file. This
 * is how PDF/ZIP and image/ZIP polyglots are made, whatever lies before it.
 */
export function endsAsZip(buf: Buffer): boolean {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf[i] === 0x50 && buf[i + 1] === 0x4b && buf[i + 2] === 0x05 && buf[i + 3] === 0x06 && i + 22 + buf.readUInt16LE(i + 20) === buf.length) return true;
  }
  return false;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * Display name only (storage keys are random): last path segment, no control or path
 * characters, NFC, at most 120 characters, extension made to match the detected type.
 */
export function sanitiseFileName(original: string | undefined | null, type: DetectedType): string {
  let name = (original ?? '').normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    .replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*;`$&%{}\[\]]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  let base = name.replace(/\.[^.]*$/, '').trim().replace(/\.+$/, '');
  if (!base || WINDOWS_RESERVED.test(base)) base = 'tep-dinh-kem';
  const ext = type.extension;
  const maxBase = 120 - ext.length - 1;
  if (base.length > maxBase) base = base.slice(0, maxBase).trim();
  return `${base}.${ext}`;
}
