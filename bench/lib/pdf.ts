import { buildPdf, stream } from '../../test/files/pdf-builder';

/**
 * A well-formed one-page PDF of about `bytes` bytes (the upload gate parses PDFs whole and refuses
 * a bare header): the tests' builder, padded with a content stream of harmless drawing operators.
 */
export function pdfOf(bytes: number): Buffer {
  const base = buildPdf().length;
  const line = '0 0 m 1 1 l S\n';
  const n = Math.max(0, Math.floor((bytes - base - 80) / line.length));
  return buildPdf({ objects: [stream('', line.repeat(n))] });
}
