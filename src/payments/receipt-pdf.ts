import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDateTimeVn, formatVnd } from '../common/view-helpers';
import type { Payment } from './payment.entity';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** Biên lai thu phí, lệ phí điện tử as PDF (DejaVu fonts carry Vietnamese diacritics). */
export function receiptPdf(p: Payment, provinceName: string, agencyName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A5', margin: 40, info: { Title: `Biên lai ${p.receiptNo ?? ''}` } });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', join(FONT_DIR, 'DejaVuSans.ttf'));
    pdf.registerFont('bold', join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
    pdf.font('regular').fontSize(9).text(provinceName.toUpperCase(), { align: 'center' });
    pdf.text(agencyName, { align: 'center' });
    pdf.moveDown();
    pdf.font('bold').fontSize(14).text('BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ', { align: 'center' });
    pdf.font('regular').fontSize(10).text(`Số: ${p.receiptNo ?? '—'}`, { align: 'center' });
    pdf.moveDown();
    pdf.text(`Người nộp: ${p.payerName}`);
    pdf.text(`Hồ sơ: ${p.dossierCode} — thủ tục ${p.procedureCode}`);
    pdf.text(`Thời điểm thanh toán: ${formatDateTimeVn(p.paidAt)}`);
    pdf.text(`Mã giao dịch cổng thanh toán: ${p.gatewayTransactionNo ?? '—'}`);
    pdf.moveDown();
    for (const l of p.feeLines) pdf.text(`${l.label}: ${l.quantity} × ${formatVnd(l.unitAmount)} = ${formatVnd(l.amount)}`);
    pdf.moveDown();
    pdf.font('bold').text(`Tổng cộng: ${formatVnd(p.amount)}`);
    pdf.font('regular').fontSize(8).moveDown().text(`Mã thanh toán: ${p.id}`);
    pdf.end();
  });
}
