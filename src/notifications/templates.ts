/**
 * Vietnamese notification templates. Pure functions: the text is rendered once, when the outbox
 * fans an event out, and frozen in the delivery message, so a retry re-sends exactly the same text.
 */
import { viDateTime } from '../common/vi-labels';

export type TemplateKey = 'received' | 'supplement-requested' | 'result-ready' | 'apology' | 'rescheduled' | 'refused' | 'assigned' | 'due-soon';
export type Audience = 'CITIZEN' | 'STAFF';

export const TEMPLATE_AUDIENCE: Record<TemplateKey, Audience> = {
  received: 'CITIZEN',
  'supplement-requested': 'CITIZEN',
  'result-ready': 'CITIZEN',
  apology: 'CITIZEN',
  rescheduled: 'CITIZEN',
  refused: 'CITIZEN',
  assigned: 'STAFF',
  'due-soon': 'STAFF',
};

export const TEMPLATE_LABELS: Record<TemplateKey, string> = {
  received: 'Tiếp nhận hồ sơ',
  'supplement-requested': 'Yêu cầu bổ sung',
  'result-ready': 'Có kết quả',
  apology: 'Xin lỗi và hẹn lại',
  rescheduled: 'Điều chỉnh ngày hẹn theo lịch làm việc',
  refused: 'Từ chối tiếp nhận',
  assigned: 'Phân công xử lý',
  'due-soon': 'Sắp đến hạn',
};

export interface TemplateContext {
  recipientName: string;
  code: string;
  procedureName: string;
  agencyName: string;
  at: string | null;
  dueAt: string | null;
  reason?: string | null;
  portalUrl: string;
  provinceName: string;
}

export interface Rendered {
  subject: string;
  text: string;
  sms: string;
}

const t = (d: string | null) => (d ? viDateTime(d) : 'chưa xác định');

export function renderTemplate(key: TemplateKey, c: TemplateContext): Rendered {
  const lookup = `${c.portalUrl}/tra-cuu?code=${encodeURIComponent(c.code)}`;
  const sign = `\n\nTrân trọng,\nCổng Dịch vụ công ${c.provinceName}\n(Thư tự động, vui lòng không trả lời.)`;
  const hello = `Kính gửi ${c.recipientName},\n\n`;
  switch (key) {
    case 'received':
      return {
        subject: `Hồ sơ ${c.code} đã được tiếp nhận`,
        text: `${hello}Hồ sơ ${c.code} (${c.procedureName}) đã được ${c.agencyName} tiếp nhận lúc ${t(c.at)}.\nNgày hẹn trả kết quả: ${t(c.dueAt)}.\nTra cứu tình trạng hồ sơ: ${lookup}${sign}`,
        sms: `DVC: Hồ sơ ${c.code} đã được tiếp nhận. Hẹn trả kết quả: ${t(c.dueAt)}.`,
      };
    case 'supplement-requested':
      return {
        subject: `Hồ sơ ${c.code} cần bổ sung`,
        text: `${hello}${c.agencyName} đề nghị Ông/Bà bổ sung hồ sơ ${c.code} (${c.procedureName}).\n${c.reason ? `Nội dung cần bổ sung: ${c.reason}\n` : ''}Thời hạn giải quyết tạm dừng cho đến khi hồ sơ được bổ sung. Vui lòng đăng nhập Cổng Dịch vụ công để bổ sung: ${lookup}${sign}`,
        sms: `DVC: Hồ sơ ${c.code} cần bổ sung. Vui lòng đăng nhập Cổng Dịch vụ công để bổ sung.`,
      };
    case 'result-ready':
      return {
        subject: `Hồ sơ ${c.code} đã có kết quả`,
        text: `${hello}Hồ sơ ${c.code} (${c.procedureName}) đã có kết quả giải quyết. Ông/Bà có thể nhận kết quả tại ${c.agencyName} hoặc tải bản điện tử trên Cổng Dịch vụ công: ${lookup}${sign}`,
        sms: `DVC: Hồ sơ ${c.code} đã có kết quả. Mời Ông/Bà nhận kết quả.`,
      };
    case 'apology':
      return {
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${c.code}`,
        text: `${hello}${c.agencyName} thành thật xin lỗi vì hồ sơ ${c.code} (${c.procedureName}) chưa thể trả kết quả đúng hẹn.\n${c.reason ? `Lý do: ${c.reason}\n` : ''}Ngày hẹn trả kết quả mới: ${t(c.dueAt)}.\nMong Ông/Bà thông cảm.${sign}`,
        sms: `DVC: Xin lỗi vì hồ sơ ${c.code} chậm trả kết quả. Hẹn lại: ${t(c.dueAt)}.`,
      };
    case 'rescheduled':
      return {
        subject: `Điều chỉnh ngày hẹn trả kết quả hồ sơ ${c.code}`,
        text: `${hello}Do lịch làm việc của cơ quan nhà nước thay đổi, ngày hẹn trả kết quả hồ sơ ${c.code} (${c.procedureName}) được điều chỉnh.\n${c.reason ? `${c.reason}\n` : ''}Ngày hẹn trả kết quả mới: ${t(c.dueAt)}.\nTra cứu tình trạng hồ sơ: ${lookup}${sign}`,
        sms: `DVC: Ngày hẹn trả kết quả hồ sơ ${c.code} được điều chỉnh theo lịch làm việc: ${t(c.dueAt)}.`,
      };
    case 'refused':
      return {
        subject: `Hồ sơ ${c.code} không được tiếp nhận`,
        text: `${hello}${c.agencyName} từ chối tiếp nhận hồ sơ ${c.code} (${c.procedureName}).\n${c.reason ? `Lý do: ${c.reason}\n` : ''}Tra cứu: ${lookup}${sign}`,
        sms: `DVC: Hồ sơ ${c.code} không được tiếp nhận. Xem lý do trên Cổng Dịch vụ công.`,
      };
    case 'assigned':
      return {
        subject: `Phân công xử lý hồ sơ ${c.code}`,
        text: `${hello}Ông/Bà được phân công xử lý hồ sơ ${c.code} (${c.procedureName}) của ${c.agencyName}.\nHạn xử lý: ${t(c.dueAt)}.\nVào hệ thống một cửa điện tử để xử lý: ${c.portalUrl}/can-bo${sign}`,
        sms: `Một cửa: Ông/Bà được phân công xử lý hồ sơ ${c.code}. Hạn: ${t(c.dueAt)}.`,
      };
    case 'due-soon':
      return {
        subject: `Hồ sơ ${c.code} sắp đến hạn`,
        text: `${hello}Hồ sơ ${c.code} (${c.procedureName}) tại ${c.agencyName} sẽ đến hạn trả kết quả lúc ${t(c.dueAt)}.\nNếu không kịp, cơ quan phải gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả trước khi hết hạn.${sign}`,
        sms: `Một cửa: Hồ sơ ${c.code} sắp đến hạn (${t(c.dueAt)}).`,
      };
  }
}

/** Which citizen/staff notifications a status change calls for. */
export function templatesFor(event: { action: string; toStatus: string }): TemplateKey[] {
  // A due date moved by a calendar change (workflow/holiday-shift.ts): the status did not change.
  if (event.action === 'calendar-shift') return ['rescheduled'];
  const out: TemplateKey[] = [];
  if (event.action === 'extend') out.push('apology');
  else if (event.toStatus === 'RECEIVED' && event.action === 'receive') out.push('received');
  else if (event.toStatus === 'SUPPLEMENT_REQUESTED') out.push('supplement-requested');
  else if (event.toStatus === 'RESULT_READY') out.push('result-ready');
  else if (event.toStatus === 'REFUSED') out.push('refused');
  if (event.action === 'assign') out.push('assigned');
  return out;
}

/** Hides most of an address in admin views (personal data). */
export function maskAddress(v: string): string {
  if (v.includes('@')) {
    const [u, d] = v.split('@');
    return `${u.slice(0, 2)}***@${d}`;
  }
  return v.length > 4 ? `${'*'.repeat(v.length - 3)}${v.slice(-3)}` : '***';
}
