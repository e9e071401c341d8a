/**
 * The printable acknowledgement of an online submission (biên nhận nộp hồ sơ trực tuyến): code,
 * procedure, receiving agency, what happens next and a QR code to the public status page.
 * Not the legal receipt with appointment date (that is issued at reception, mẫu 01).
 */
import QRCode from 'qrcode';
import { startPdf } from '../common/pdf';
import { viDateTime, viVnd } from '../common/vi-labels';

export interface ReceiptModel {
  provinceName: string;
  code: string;
  procedureName: string;
  procedureCode: string;
  agencyName: string;
  applicantName: string;
  subjectName?: string;
  submittedAt: string;
  channel: string;
  feeAmount: number;
  paymentStatus: string;
  lookupUrl: string;
  nextSteps: string[];
}

export async function renderReceiptPdf(m: ReceiptModel): Promise<Buffer> {
  const qr = await QRCode.toBuffer(m.lookupUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  return new Promise((resolve, reject) => {
    const pdf = startPdf({ size: 'A4', margin: 56, info: { Title: `Biên nhận hồ sơ ${m.code}`, Creator: 'motcua' } }, resolve, reject);
    const width = pdf.page.width - 112;
    pdf.font('bold').fontSize(10).text(`CỔNG DỊCH VỤ CÔNG ${m.provinceName.toUpperCase()}`, { width, align: 'center' });
    pdf.font('regular').fontSize(9).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc', { width, align: 'center' });
    pdf.moveDown(1.2);
    pdf.font('bold').fontSize(15).text('BIÊN NHẬN NỘP HỒ SƠ', { width, align: 'center' });
    pdf.font('regular').fontSize(10).text(m.channel === 'COUNTER' ? 'Nộp trực tiếp tại bộ phận một cửa' : 'Nộp trực tuyến', { width, align: 'center' });
    pdf.moveDown(1);
    const row = (label: string, value: string) => {
      pdf.font('bold').fontSize(10).text(`${label}: `, { continued: true, width });
      pdf.font('regular').fontSize(10).text(value, { width });
      pdf.moveDown(0.3);
    };
    row('Mã hồ sơ', m.code);
    row('Thủ tục', `${m.procedureName} (${m.procedureCode})`);
    row('Cơ quan tiếp nhận', m.agencyName);
    row('Người nộp', m.applicantName);
    if (m.subjectName) row('Người được nộp thay', m.subjectName);
    row('Thời điểm nộp', viDateTime(m.submittedAt));
    row('Phí, lệ phí', `${viVnd(m.feeAmount)}${m.paymentStatus === 'PENDING' ? ' — chưa thanh toán' : ''}`);
    pdf.moveDown(0.6);
    pdf.font('bold').fontSize(11).text('Các bước tiếp theo', { width });
    pdf.moveDown(0.3);
    m.nextSteps.forEach((s, i) => {
      pdf.font('regular').fontSize(10).text(`${i + 1}. ${s}`, { width });
      pdf.moveDown(0.2);
    });
    pdf.moveDown(0.8);
    const y = pdf.y;
    pdf.image(qr, 56, y, { width: 110 });
    pdf.font('regular').fontSize(9).text('Quét mã để tra cứu tình trạng hồ sơ (cần mã hồ sơ và 4 số cuối số định danh cá nhân):', 180, y + 10, { width: width - 124 });
    pdf.font('regular').fontSize(9).fillColor('#1d4ed8').text(m.lookupUrl, 180, pdf.y + 4, { width: width - 124 }).fillColor('#000');
    pdf.end();
  });
}

export function nextStepsFor(d: { paymentStatus: string; feeAmount: number; channel: string; agencyName: string }): string[] {
  const steps: string[] = [];
  if (d.paymentStatus === 'PENDING') steps.push(`Thanh toán phí, lệ phí ${viVnd(d.feeAmount)} trực tuyến tại trang “Hồ sơ của tôi”; hồ sơ được xem xét sau khi thanh toán.`);
  steps.push(`${d.agencyName} kiểm tra hồ sơ và tiếp nhận hoặc hướng dẫn bổ sung. Thời hạn giải quyết tính từ khi hồ sơ được tiếp nhận; ngày hẹn trả kết quả sẽ có trên giấy tiếp nhận.`);
  steps.push('Theo dõi tình trạng hồ sơ tại trang “Hồ sơ của tôi” hoặc trang Tra cứu hồ sơ với mã hồ sơ và 4 số cuối số định danh cá nhân.');
  if (d.channel === 'ONLINE') steps.push('Trước khi hồ sơ được tiếp nhận, bạn có thể rút hồ sơ; nếu được yêu cầu bổ sung, hãy bổ sung trực tuyến.');
  return steps;
}
