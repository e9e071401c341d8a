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
  const ascii = head.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'tệp chương trình (.exe)';
  if (head.length >= 4 && head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return 'tệp chương trình (ELF)';
  if (ascii.startsWith('#!')) return 'tệp lệnh (script)';
  if (ascii.includes('<svg')) return 'ảnh SVG';
  if (ascii.startsWith('<!doctype html') || ascii.startsWith('<html') || ascii.includes('<script')) return 'trang HTML';
  if (head.length >= 4 && head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'tệp nén hoặc tài liệu Office';
  return 'tệp không rõ định dạng';
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
