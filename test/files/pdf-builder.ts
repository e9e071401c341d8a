/**
 * Builds small but well-formed PDFs in test code (correct xref offsets, one page with text), so
 * that hostile variants differ from a benign document by exactly the feature under test.
 */
import { deflateSync } from 'node:zlib';

export type PdfObjectBody = string | Buffer;

export interface PdfSpec {
  /** Extra entries of the catalog (object 1), e.g. `/OpenAction 6 0 R`. */
  catalog?: string;
  /** Extra entries of the page (object 3), e.g. `/Annots [6 0 R]`. */
  page?: string;
  /** Objects 6, 7, … (bodies without `N 0 obj`/`endobj`). */
  objects?: PdfObjectBody[];
  /** Extra entries of the trailer dictionary. */
  trailer?: string;
  version?: string;
}

/** `<< dict /Length n >> stream … endstream` with the right length. */
export function stream(dict: string, data: Buffer | string, opts: { deflate?: boolean } = {}): Buffer {
  const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const body = opts.deflate ? deflateSync(raw) : raw;
  const filter = opts.deflate ? ' /Filter /FlateDecode' : '';
  return Buffer.concat([Buffer.from(`<< ${dict}${filter} /Length ${body.length} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]);
}

function serialise(objects: PdfObjectBody[], firstNumber: number, start: number): { chunks: Buffer[]; offsets: number[] } {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let at = start;
  objects.forEach((body, i) => {
    offsets.push(at);
    const chunk = Buffer.concat([
      Buffer.from(`${firstNumber + i} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(chunk);
    at += chunk.length;
  });
  return { chunks, offsets };
}

function xrefTable(entries: { first: number; offsets: number[] }[], withFree: boolean): string {
  let out = 'xref\n';
  if (withFree) out += '0 1\n0000000000 65535 f \n';
  for (const e of entries) {
    out += `${e.first} ${e.offsets.length}\n`;
    for (const o of e.offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  }
  return out;
}

/** A one-page PDF ("Giấy tờ thử nghiệm") plus whatever the spec adds. */
export function buildPdf(spec: PdfSpec = {}): Buffer {
  const header = Buffer.from(`%PDF-${spec.version ?? '1.7'}\n%\xe2\xe3\xcf\xd3\n`, 'latin1');
  const objects: PdfObjectBody[] = [
    `<< /Type /Catalog /Pages 2 0 R ${spec.catalog ?? ''}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${spec.page ?? ''}>>`,
    stream('', 'BT /F1 18 Tf 72 760 Td (Giay to thu nghiem - motcua) Tj ET'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(spec.objects ?? []),
  ];
  const { chunks, offsets } = serialise(objects, 1, header.length);
  const body = Buffer.concat([header, ...chunks]);
  const xref = xrefTable([{ first: 1, offsets }], true);
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${spec.trailer ?? ''}>>\nstartxref\n${body.length}\n%%EOF\n`;
  return Buffer.concat([body, Buffer.from(xref + trailer, 'latin1')]);
}

/**
 * An incremental update, as signing tools and editors write them: new or replaced objects after
 * the original `%%EOF`, their own xref section and a trailer pointing back with /Prev.
 */
export function appendUpdate(base: Buffer, objects: { number: number; body: PdfObjectBody }[], size: number, trailer = ''): Buffer {
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(base.toString('latin1'))![1]);
  let at = base.length;
  const chunks: Buffer[] = [];
  const entries: { first: number; offsets: number[] }[] = [];
  for (const o of objects) {
    const { chunks: c, offsets } = serialise([o.body], o.number, at);
    chunks.push(...c);
    entries.push({ first: o.number, offsets });
    at += c[0]!.length;
  }
  const xref = xrefTable(entries, false);
  const tail = `trailer\n<< /Size ${size} /Root 1 0 R /Prev ${prev} ${trailer}>>\nstartxref\n${at}\n%%EOF\n`;
  return Buffer.concat([base, ...chunks, Buffer.from(xref + tail, 'latin1')]);
}

/**
 * The same one-page document with the catalog and the given objects compressed into an object
 * stream and indexed by an xref stream (PDF 1.5+, as most producers write today): what hides in
 * there is invisible to a byte search.
 */
export function buildPdfWithObjectStream(compressed: { catalog?: string; objects: string[] }): Buffer {
  const header = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  // Plain objects: 2 pages, 3 page, 4 content, 5 font. Compressed: 1 catalog, 6… extra. 7+n: the ObjStm, then the XRef stream.
  const inStream = [`<< /Type /Catalog /Pages 2 0 R ${compressed.catalog ?? ''}>>`, ...compressed.objects];
  const numbers = [1, ...compressed.objects.map((_, i) => 6 + i)];
  let index = '';
  let data = '';
  inStream.forEach((body, i) => {
    index += `${numbers[i]} ${data.length} `;
    data += `${body}\n`;
  });
  const objStmNumber = 6 + compressed.objects.length;
  const plain: PdfObjectBody[] = [
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream('', 'BT /F1 18 Tf 72 760 Td (Giay to thu nghiem) Tj ET'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const { chunks, offsets } = serialise(plain, 2, header.length);
  let at = header.length + chunks.reduce((n, c) => n + c.length, 0);
  const objStm = serialise([stream(`/Type /ObjStm /N ${inStream.length} /First ${index.length}`, index + data, { deflate: true })], objStmNumber, at);
  at += objStm.chunks[0]!.length;
  const xrefNumber = objStmNumber + 1;
  const size = xrefNumber + 1;
  const rows: Buffer[] = [];
  const row = (type: number, a: number, b: number) => {
    const r = Buffer.alloc(7);
    r[0] = type;
    r.writeUInt32BE(a, 1);
    r.writeUInt16BE(b, 5);
    rows.push(r);
  };
  for (let n = 0; n < size; n++) {
    if (n === 0) row(0, 0, 65535);
    else if (numbers.includes(n)) row(2, objStmNumber, numbers.indexOf(n));
    else if (n >= 2 && n <= 5) row(1, offsets[n - 2]!, 0);
    else if (n === objStmNumber) row(1, objStm.offsets[0]!, 0);
    else if (n === xrefNumber) row(1, at, 0);
    else row(0, 0, 0);
  }
  const xref = serialise([stream(`/Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R`, Buffer.concat(rows), { deflate: true })], xrefNumber, at);
  return Buffer.concat([header, ...chunks, ...objStm.chunks, ...xref.chunks, Buffer.from(`startxref\n${at}\n%%EOF\n`, 'latin1')]);
}
