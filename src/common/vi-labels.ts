/**
 * The ONE place that turns codes, enums, numbers and dates into Vietnamese for people (issue 13):
 * pages call it through the `vi-*` and `fmt-*` helpers (view-helpers.ts), slips, result documents,
 * notifications and the CSV/XLSX exports call it directly. JSON APIs stay machine-readable and
 * never go through here. Add a code here, never a second map elsewhere.
 *
 * Numbers: decimal comma, thousands dot ("1.234", "85,6 %"); dates dd/mm/yyyy and instants
 * dd/mm/yyyy HH:mm in Vietnam time (UTC+07:00, src/common/local-time.ts).
 */
import { formatLocal, localDateOf } from './local-time';

/** Dossier statuses (DossierStatus, src/dossiers/dossier.types.ts). */
export const STATUS_LABELS = {
  SUBMITTED: 'Mới nộp',
  RECEIVED: 'Đã tiếp nhận',
  IN_PROGRESS: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung',
  PENDING_APPROVAL: 'Chờ phê duyệt',
  TRANSFERRED: 'Đang chuyển liên thông',
  RESULT_READY: 'Có kết quả',
  RETURNED: 'Đã trả kết quả',
  REFUSED: 'Từ chối tiếp nhận',
  WITHDRAWN: 'Đã rút',
} as const;

export const TIMELINESS_LABELS = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', LATE: 'Quá hạn' } as const;

export const GENDER_LABELS = { MALE: 'Nam', FEMALE: 'Nữ' } as const;

/** Relationships: to the head of household (residence database) and between people on forms. */
export const RELATION_LABELS = {
  HEAD: 'Chủ hộ',
  SPOUSE: 'Vợ/Chồng',
  WIFE: 'Vợ',
  HUSBAND: 'Chồng',
  CHILD: 'Con',
  CHILD_IN_LAW: 'Con dâu/Con rể',
  PARENT: 'Cha/Mẹ',
  FATHER: 'Cha',
  MOTHER: 'Mẹ',
  GRANDCHILD: 'Cháu',
  GRANDPARENT: 'Ông/Bà',
  SIBLING: 'Anh/Chị/Em',
  GUARDIAN: 'Người giám hộ',
  RELATIVE: 'Người thân',
  SELF: 'Bản thân',
  OTHER: 'Khác',
} as const;

export const MARITAL_STATUS_LABELS = {
  SINGLE: 'Chưa kết hôn',
  MARRIED: 'Đã kết hôn',
  DIVORCED: 'Đã ly hôn',
  WIDOWED: 'Góa',
} as const;

export const CHANNEL_LABELS = { ONLINE: 'Trực tuyến', COUNTER: 'Trực tiếp tại bộ phận một cửa' } as const;

/** What happened to a dossier (dossier_events.action), as the timeline and the reports say it. */
export const ACTION_LABELS: Record<string, string> = {
  submit: 'Nộp hồ sơ',
  receive: 'Tiếp nhận hồ sơ',
  'request-supplement': 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Bổ sung hồ sơ',
  refuse: 'Từ chối tiếp nhận',
  assign: 'Phân công xử lý',
  propose: 'Trình phê duyệt',
  approve: 'Phê duyệt kết quả',
  reject: 'Trả lại để xử lý lại',
  transfer: 'Chuyển liên thông',
  extend: 'Xin lỗi, gia hạn và hẹn lại',
  'return-result': 'Trả kết quả',
  withdraw: 'Rút hồ sơ',
  'calendar-shift': 'Điều chỉnh hạn theo lịch làm việc',
};

export const LEVEL_LABELS: Record<string, string> = {
  PROVINCE: 'Cấp tỉnh',
  DISTRICT: 'Cấp huyện',
  COMMUNE: 'Cấp xã',
};

export const ONLINE_LEVEL_LABELS: Record<string, string> = {
  FULL: 'Toàn trình',
  PARTIAL: 'Một phần',
};

export const ROLE_LABELS: Record<string, string> = {
  CITIZEN: 'Công dân',
  CLERK: 'Cán bộ một cửa',
  SPECIALIST: 'Chuyên viên',
  LEADER: 'Lãnh đạo',
  MANAGER: 'Quản lý',
  ADMIN: 'Quản trị hệ thống',
};

export const PROCESSING_UNIT_LABELS: Record<string, string> = {
  WORKING_DAY: 'ngày làm việc',
  WORKING_HOUR: 'giờ làm việc',
};

export const PAYMENT_STATUS_LABELS: Record<string, string> = {
  NOT_REQUIRED: 'Không phải nộp phí',
  PENDING: 'Chờ thanh toán',
  PAID: 'Đã thanh toán',
  FAILED: 'Thanh toán không thành công',
  CANCELLED: 'Đã hủy',
  REFUNDED: 'Đã hoàn tiền',
  EXEMPT: 'Được miễn phí',
};

export const DELIVERY_STATUS_LABELS: Record<string, string> = {
  PENDING: 'Chờ gửi',
  SENDING: 'Đang gửi',
  DELIVERED: 'Đã gửi',
  FAILED: 'Gửi lỗi, sẽ thử lại',
  DEAD: 'Không gửi được',
};

const KINDS = {
  status: STATUS_LABELS,
  timeliness: TIMELINESS_LABELS,
  gender: GENDER_LABELS,
  relation: RELATION_LABELS,
  marital: MARITAL_STATUS_LABELS,
  channel: CHANNEL_LABELS,
  action: ACTION_LABELS,
  level: LEVEL_LABELS,
  online: ONLINE_LEVEL_LABELS,
  role: ROLE_LABELS,
  unit: PROCESSING_UNIT_LABELS,
  payment: PAYMENT_STATUS_LABELS,
  delivery: DELIVERY_STATUS_LABELS,
} as const;
export type LabelKind = keyof typeof KINDS;
export const LABEL_KINDS = Object.keys(KINDS) as LabelKind[];

/** The Vietnamese name of a code of one kind; '' for nothing; an unknown code comes back as given. */
export function viLabel(kind: LabelKind, code: unknown): string {
  if (code === null || code === undefined || code === '') return '';
  const map = KINDS[kind] as Record<string, string>;
  const s = String(code);
  return Object.hasOwn(map, s) ? map[s]! : s;
}

export const viStatus = (s: unknown) => viLabel('status', s);
export const viAction = (a: unknown) => viLabel('action', a);

// ---- agencies: code → name ----

let agencyNames: ReadonlyMap<string, string> = new Map();

/** The agency directory (code → name) the app loads at start (src/app.factory.ts). */
export function useAgencyNames(names: ReadonlyMap<string, string>): void {
  agencyNames = names;
}

/** An agency's name for people ("UBND xã Lũng Cú"); the code only when the directory does not know it. */
export function viAgency(code: unknown): string {
  if (code === null || code === undefined || code === '') return '';
  return agencyNames.get(String(code)) ?? String(code);
}

// ---- numbers ----

const INTEGER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const DECIMAL2 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

const toNumber = (n: unknown): number | null => {
  if (n === null || n === undefined || n === '' || typeof n === 'object' || typeof n === 'boolean') return null;
  const x = Number(n);
  return Number.isFinite(x) ? x : null;
};

/** "1.234", "2,5" (at most `digits` decimals); "—" when there is no number. */
export function viNumber(n: unknown, digits: 0 | 1 | 2 = 1): string {
  const x = toNumber(n);
  if (x === null) return '—';
  return (digits === 0 ? INTEGER : digits === 2 ? DECIMAL2 : DECIMAL).format(x);
}

/** A rate 0…1 as "85,6 %"; "—" when there is none. */
export function viPercent(rate: unknown): string {
  const x = toNumber(rate);
  return x === null ? '—' : `${DECIMAL.format(Math.round(x * 1000) / 10)} %`;
}

/** A rate 0…1 as the number of percent exports carry in a "(%)" column: 0.756 → 75.6 (one decimal). */
export function percentValue(rate: unknown): number | null {
  const x = toNumber(rate);
  return x === null ? null : Math.round(x * 1000) / 10;
}

/** "150.000 đồng", "Miễn phí" for 0. */
export function viVnd(amount: unknown): string {
  const n = toNumber(amount) ?? 0;
  return n === 0 ? 'Miễn phí' : `${INTEGER.format(n)} đồng`;
}

export const viBool = (b: unknown): string => (b === true || b === 'true' || b === 'on' ? 'Có' : 'Không');

// ---- dates ----

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function instant(d: unknown): Date | null {
  if (d instanceof Date) return Number.isFinite(d.getTime()) ? d : null;
  if (typeof d !== 'string' && typeof d !== 'number') return null;
  const t = new Date(d);
  return Number.isFinite(t.getTime()) ? t : null;
}

/** dd/mm/yyyy HH:mm in Vietnam time; '' for nothing or not a date. */
export function viDateTime(d: unknown): string {
  const t = instant(d);
  return t ? formatLocal(t) : '';
}

/** dd/mm/yyyy: a local day "1994-03-15" as written, an instant as its Vietnam date. */
export function viDate(d: unknown): string {
  if (typeof d === 'string') {
    const m = DATE_RE.exec(d);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const t = instant(d);
  if (!t) return '';
  const [y, mo, da] = localDateOf(t).split('-');
  return `${da}/${mo}/${y}`;
}

/** A record's revision for people: 1 → '' (the original), 2 → "sửa đổi lần 1". */
export function viRevision(version: unknown): string {
  const n = toNumber(version);
  return n === null || n <= 1 ? '' : `sửa đổi lần ${n - 1}`;
}

// ---- form data (a procedure's form definition + a dossier's data) ----

export interface FormFieldLike {
  key: string;
  label: string;
  type?: string;
  options?: readonly { value: string; label: string }[];
}

/** One field's value for people: option labels for selects, Có/Không, dd/mm/yyyy, known codes. */
export function viFieldValue(field: FormFieldLike | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((v) => viFieldValue(field, v)).filter(Boolean).join(', ');
  if (typeof value === 'object') return '';
  if (typeof value === 'boolean' || field?.type === 'checkbox') return viBool(value);
  const s = String(value);
  const option = field?.options?.find((o) => o.value === s);
  if (option) return option.label;
  if (field?.type === 'date' || DATE_RE.test(s)) return viDate(s) || s;
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return viDateTime(s) || s;
  if (typeof value === 'number' || field?.type === 'number') return viNumber(value, 2);
  for (const kind of ['gender', 'relation', 'marital'] as const) {
    const label = viLabel(kind, s);
    if (label !== s) return label;
  }
  return s;
}
