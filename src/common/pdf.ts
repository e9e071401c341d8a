import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The part of a fontkit font pdfkit uses; pdfkit accepts such an object wherever it takes a font file. */
interface ParsedFont {
  layout: (...args: unknown[]) => unknown;
}
// fontkit (pdfkit's own font parser) ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(data: Buffer): ParsedFont };

let fonts: { regular: ParsedFont; bold: ParsedFont } | null = null;

/**
 * Read and parsed once: the TTF files are ~700 kB each, and parsing them (fontkit) for every slip,
 * receipt or result cost most of a document's rendering time. A parsed font is shared by documents;
 * each document still embeds its own subset of the glyphs it uses.
 */
function fontData() {
  fonts ??= {
    regular: fontkit.create(readFileSync(join(FONT_DIR, 'DejaVuSans.ttf'))),
    bold: fontkit.create(readFileSync(join(FONT_DIR, 'DejaVuSans-Bold.ttf'))),
  };
  return fonts;
}

/** Parses the fonts now (at start-up) rather than in the first request that prints something. */
export function preloadPdfFonts(): void {
  fontData();
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
  // No default font: pdfkit would parse its Helvetica metrics for every document, and it has no Vietnamese anyway.
  const pdf = new PDFDocument({ font: null as unknown as string, ...options });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  pdf.on('end', () => resolve(Buffer.concat(chunks)));
  pdf.on('error', reject);
  const f = fontData();
  pdf.registerFont('regular', f.regular as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.registerFont('bold', f.bold as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.font('regular');
  return pdf;
}
