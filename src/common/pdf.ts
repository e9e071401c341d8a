import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** Read once: the TTF files are ~700 kB each and every slip, receipt or result needs both. */
function fontData() {
  fonts ??= { regular: readFileSync(join(FONT_DIR, 'DejaVuSans.ttf')), bold: readFileSync(join(FONT_DIR, 'DejaVuSans-Bold.ttf')) };
  return fonts;
}

/**
 * A pdfkit document whose bytes are collected into `resolve` when it ends, with fonts `regular`
 * and `bold` registered (DejaVu: pdfkit's built-in fonts have no Vietnamese diacritics).
 */
export function startPdf(
  options: PDFKit.PDFDocumentOptions,
  resolve: (pdf: Buffer) => void,
  reject: (err: unknown) => void,
): PDFKit.PDFDocument {
  const pdf = new PDFDocument(options);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  pdf.on('end', () => resolve(Buffer.concat(chunks)));
  pdf.on('error', reject);
  const f = fontData();
  pdf.registerFont('regular', f.regular);
  pdf.registerFont('bold', f.bold);
  return pdf;
}
