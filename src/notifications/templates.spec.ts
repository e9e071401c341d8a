import { maskAddress, renderTemplate, templatesFor, type TemplateKey } from './templates';

const ctx = {
  recipientName: 'Nguyễn Văn An',
  code: '026.PTP-261120-0001',
  procedureName: 'Đăng ký khai sinh',
  agencyName: 'Phòng Tư pháp huyện Đồng Văn',
  at: '2026-11-20T03:00:00.000Z',
  dueAt: '2026-11-23T03:00:00.000Z',
  reason: 'Thiếu bản sao giấy chứng sinh',
  portalUrl: 'http://localhost:3000',
  provinceName: 'Tỉnh Hà Giang',
};

describe('notification templates', () => {
  it.each<[TemplateKey, string]>([
    ['received', 'đã được tiếp nhận'],
    ['supplement-requested', 'cần bổ sung'],
    ['result-ready', 'đã có kết quả'],
    ['apology', 'xin lỗi'],
    ['rescheduled', 'điều chỉnh ngày hẹn'],
    ['refused', 'không được tiếp nhận'],
    ['assigned', 'Phân công'],
    ['due-soon', 'sắp đến hạn'],
  ])('%s is Vietnamese and names the dossier', (key, phrase) => {
    const r = renderTemplate(key, ctx);
    expect(r.subject.toLowerCase()).toContain(phrase.toLowerCase());
    expect(r.subject).toContain(ctx.code);
    expect(r.text).toContain(ctx.code);
    expect(r.sms).toContain(ctx.code);
  });
  it('writes appointment times in Vietnam time', () => {
    expect(renderTemplate('received', ctx).text).toContain('23/11/2026 10:00');
  });
  it('maps workflow events to templates', () => {
    expect(templatesFor({ action: 'receive', toStatus: 'RECEIVED' })).toEqual(['received']);
    expect(templatesFor({ action: 'request-supplement', toStatus: 'SUPPLEMENT_REQUESTED' })).toEqual(['supplement-requested']);
    expect(templatesFor({ action: 'approve', toStatus: 'RESULT_READY' })).toEqual(['result-ready']);
    expect(templatesFor({ action: 'extend', toStatus: 'IN_PROGRESS' })).toEqual(['apology']);
    expect(templatesFor({ action: 'assign', toStatus: 'IN_PROGRESS' })).toEqual(['assigned']);
    expect(templatesFor({ action: 'submit', toStatus: 'SUBMITTED' })).toEqual([]);
    // A calendar change moves the appointment of a paused dossier: a new appointment, not a new supplement request.
    expect(templatesFor({ action: 'calendar-shift', toStatus: 'SUPPLEMENT_REQUESTED' })).toEqual(['rescheduled']);
    expect(templatesFor({ action: 'calendar-shift', toStatus: 'IN_PROGRESS' })).toEqual(['rescheduled']);
  });
  it('masks addresses', () => {
    expect(maskAddress('an.nguyen@example.vn')).toBe('an***@example.vn');
    expect(maskAddress('0912345678')).toBe('*******678');
  });
});
