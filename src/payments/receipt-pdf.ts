import { startPdf } from '../common/pdf';
import { viDateTime, viVnd } from '../common/vi-labels';
import type { Payment } from './payment.entity';

/** Biên lai thu phí, lệ phí điện tử as PDF (DejaVu fonts carry Vietnamese diacritics). */
export function receiptPdf(p: Payment, provinceName: string, agencyName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = startPdf({ size: 'A5', margin: 40, info: { Title: `Biên lai ${p.receiptNo ?? ''}` } }, resolve, reject);
    pdf.font('regular').fontSize(9).text(provinceName.toUpperCase(), { align: 'center' });
    pdf.text(agencyName, { align: 'center' });
    pdf.moveDown();
    pdf.font('bold').fontSize(14).text('BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ', { align: 'center' });
    pdf.font('regular').fontSize(10).text(`Số: ${p.receiptNo ?? '—'}`, { align: 'center' });
    pdf.moveDown();
    pdf.text(`Người nộp: ${p.payerName}`);
    pdf.text(`Hồ sơ: ${p.dossierCode} — thủ tục ${p.procedureCode}`);
    pdf.text(`Thời điểm thanh toán: ${viDateTime(p.paidAt)}`);
    pdf.text(`Mã giao dịch cổng thanh toán: ${p.gatewayTransactionNo ?? '—'}`);
    pdf.moveDown();
    for (const l of p.feeLines) pdf.text(`${l.label}: ${l.quantity} × ${viVnd(l.unitAmount)} = ${viVnd(l.amount)}`);
    pdf.moveDown();
    pdf.font('bold').text(`Tổng cộng: ${viVnd(p.amount)}`);
    pdf.font('regular').fontSize(8).moveDown().text(`Mã thanh toán: ${p.id}`);
    pdf.end();
  });
}
