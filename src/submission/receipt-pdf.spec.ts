import { nextStepsFor, renderReceiptPdf } from './receipt-pdf';

describe('receipt PDF', () => {
  it('renders a PDF with the Vietnamese fonts embedded', async () => {
    const pdf = await renderReceiptPdf({
      provinceName: 'Tỉnh Hà Giang',
      code: '00715.CA-261122-0001',
      procedureName: 'Xác nhận thông tin về cư trú',
      procedureCode: '1.010041',
      agencyName: 'Công an xã Lũng Cú',
      applicantName: 'Lò Văn Páo',
      submittedAt: '2026-11-22T03:00:00.000Z',
      channel: 'ONLINE',
      feeAmount: 0,
      paymentStatus: 'NOT_REQUIRED',
      lookupUrl: 'http://localhost:3000/tra-cuu?code=00715.CA-261122-0001',
      nextSteps: ['Bước một'],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('DejaVuSans');
    expect(pdf.length).toBeGreaterThan(5000);
  });
});

describe('nextStepsFor', () => {
  it('asks for payment first when a prepaid fee is pending', () => {
    const steps = nextStepsFor({ paymentStatus: 'PENDING', feeAmount: 50000, channel: 'ONLINE', agencyName: 'UBND xã' });
    expect(steps[0]).toMatch(/^Thanh toán phí, lệ phí 50\.000 đồng/);
    expect(steps.some((s) => s.includes('rút hồ sơ'))).toBe(true);
  });
  it('says the clock starts at reception, and offers no withdrawal for counter dossiers', () => {
    const steps = nextStepsFor({ paymentStatus: 'NOT_REQUIRED', feeAmount: 0, channel: 'COUNTER', agencyName: 'UBND xã' });
    expect(steps[0]).toMatch(/tính từ khi hồ sơ được tiếp nhận/);
    expect(steps.some((s) => s.includes('rút hồ sơ'))).toBe(false);
  });
});
