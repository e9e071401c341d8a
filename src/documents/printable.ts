/**
 * One model for every printable document (slips, control sheet, signed result), rendered both as
 * an HTML page (views/slips/show.hbs) and as a PDF (pdfkit with DejaVu fonts for Vietnamese).
 */
import { startPdf } from '../common/pdf';
import { viDate } from '../common/vi-labels';

export interface PrintableDocument {
  /** Governing body and issuing agency (top-left block of an administrative document). */
  parentName: string;
  agencyName: string;
  /** e.g. "Mẫu số 01 — Thông tư 01/2018/TT-VPCP". */
  formNo: string;
  title: string;
  subtitle?: string;
  /** Reference code printed under the national motto (Số: …). */
  reference?: string;
  paragraphs: { label?: string; text: string }[];
  table?: { caption?: string; headers: string[]; rows: string[][] };
  placeAndDate: string;
  signer: { title: string; name?: string; note?: string };
  footer?: string;
  /** Printed large and faint across the page (e.g. "BẢN XEM TRƯỚC" on a draft). */
  watermark?: string;
  /** The template it came from: recorded so that a reprint matches, never printed as a key. */
  template: { key: string; version: number; validFrom: string };
}

/**
 * The document's foot as printed (page and PDF alike): its own footer, then which version of the
 * form it was made from, in words (the template's key is an internal name and is not printed).
 */
export function footNote(doc: Pick<PrintableDocument, 'footer' | 'template'>): string {
  const from = viDate(doc.template.validFrom);
  const version = `Mẫu phiên bản ${doc.template.version}${from ? `, áp dụng từ ${from}` : ''}`;
  return [doc.footer, version].filter(Boolean).join(' · ');
}

/** Renders the document; `compress: false` keeps the PDF plain so that a signature placeholder can be added. */
export function renderPdf(doc: PrintableDocument, opts: { info?: Record<string, string> } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = startPdf({ size: 'A4', margin: 56, compress: false, info: { Title: doc.title, Creator: 'motcua', ...opts.info } }, resolve, reject);
    const width = pdf.page.width - 112;
    const colW = width / 2 - 8;
    if (doc.watermark) watermark(pdf, doc.watermark);
    const top = pdf.y;
    pdf.font('regular').fontSize(9).text(doc.parentName.toUpperCase(), 56, top, { width: colW, align: 'center' });
    pdf.font('bold').fontSize(9).text(doc.agencyName.toUpperCase(), { width: colW, align: 'center' });
    if (doc.reference) pdf.font('regular').fontSize(9).text(`Số: ${doc.reference}`, { width: colW, align: 'center' });
    const leftBottom = pdf.y;
    pdf.font('bold').fontSize(9).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 56 + colW + 16, top, { width: colW, align: 'center' });
    pdf.font('bold').fontSize(9).text('Độc lập - Tự do - Hạnh phúc', { width: colW, align: 'center', underline: true });
    pdf.font('regular').fontSize(9).text(doc.placeAndDate, { width: colW, align: 'center' });
    pdf.x = 56;
    pdf.y = Math.max(leftBottom, pdf.y) + 12;
    pdf.font('regular').fontSize(8).fillColor('#444').text(doc.formNo, { width, align: 'right' }).fillColor('#000');
    pdf.moveDown(0.5);
    pdf.font('bold').fontSize(13).text(doc.title.toUpperCase(), { width, align: 'center' });
    if (doc.subtitle) pdf.font('regular').fontSize(10).text(doc.subtitle, { width, align: 'center' });
    pdf.moveDown(1);
    for (const p of doc.paragraphs) {
      if (p.label) pdf.font('bold').fontSize(10).text(`${p.label}: `, { continued: true, width });
      pdf.font('regular').fontSize(10).text(p.text, { width, align: 'justify' });
      pdf.moveDown(0.3);
    }
    if (doc.table) renderTable(pdf, doc.table, width);
    pdf.moveDown(1.5);
    const sx = 56 + colW + 16;
    pdf.font('bold').fontSize(10).text(doc.signer.title.toUpperCase(), sx, pdf.y, { width: colW, align: 'center' });
    if (doc.signer.note) pdf.font('regular').fontSize(8).fillColor('#444').text(doc.signer.note, sx, pdf.y, { width: colW, align: 'center' }).fillColor('#000');
    pdf.moveDown(2.5);
    if (doc.signer.name) pdf.font('bold').fontSize(10).text(doc.signer.name, sx, pdf.y, { width: colW, align: 'center' });
    pdf.x = 56;
    pdf.moveDown(2);
    pdf.font('regular').fontSize(7).fillColor('#555').text(footNote(doc), 56, pdf.y, { width });
    pdf.end();
  });
}

function watermark(pdf: PDFKit.PDFDocument, text: string): void {
  const { x, y } = pdf;
  const { width: w, height: h } = pdf.page;
  pdf.save();
  pdf.rotate(-35, { origin: [w / 2, h / 2] });
  pdf.font('bold').fontSize(56).fillColor('#b00020', 0.18).text(text, 0, h / 2 - 30, { width: w, align: 'center', lineBreak: false });
  pdf.restore();
  pdf.fillColor('#000', 1);
  pdf.x = x;
  pdf.y = y;
}

function renderTable(pdf: PDFKit.PDFDocument, t: NonNullable<PrintableDocument['table']>, width: number): void {
  if (t.caption) pdf.font('bold').fontSize(10).text(t.caption, { width }).moveDown(0.3);
  const n = t.headers.length;
  const colW = width / n;
  const row = (cells: string[], font: string) => {
    const y = pdf.y;
    let h = 0;
    pdf.font(font).fontSize(8);
    for (const c of cells) h = Math.max(h, pdf.heightOfString(c ?? '', { width: colW - 6 }));
    if (y + h + 6 > pdf.page.height - 60) {
      pdf.addPage();
      return row(cells, font);
    }
    cells.forEach((c, i) => pdf.text(c ?? '', 56 + i * colW + 3, y + 3, { width: colW - 6 }));
    pdf.rect(56, y, width, h + 6).stroke('#999');
    pdf.x = 56;
    pdf.y = y + h + 6;
  };
  row(t.headers, 'bold');
  for (const r of t.rows) row(r, 'regular');
  pdf.moveDown(0.5);
}
