/**
 * The dossier state machine — the ONE table of allowed moves (Vendure-style: states are a union
 * type, transitions are data, guards return a reason). `WorkflowService.transition()` is the only
 * caller; it resolves what the guards need (agency, assignee, payment…) before asking.
 *
 * Legal frame: Nghị định 61/2018/NĐ-CP (as amended by 107/2021) and Thông tư 01/2018/TT-VPCP —
 * reception (tiếp nhận) starts the clock; a supplement request at reception stops nothing because
 * no clock runs yet, one during processing pauses it (Điều 9, 15); refusal needs a reason
 * (mẫu 03); a late dossier needs an apology and a new appointment before the deadline, once (mẫu 04);
 * inter-level transfer (liên thông) keeps one code.
 */
import { describeLocal, describeLocalDate, type WorkingCalendar } from '../calendar/working-calendar';
import { localDateOf } from '../common/local-time';
import type { Role } from '../identity/user.entity';
import { FINAL_STATUSES, statusLabel } from '../dossiers/dossier-rules';
import type { DossierAction, DossierStatus } from '../dossiers/dossier.types';

export type ProcessingRole = Extract<Role, 'CITIZEN' | 'CLERK' | 'SPECIALIST' | 'LEADER'>;

/** What a guard may look at: a snapshot resolved by the service, never the database itself. */
export interface TransitionContext {
  now: Date;
  actor: { id: string; role: Role; agencyCode: string | null };
  dossier: {
    status: DossierStatus;
    agencyCode: string;
    receivingAgencyCode: string;
    applicantUserId: string | null;
    receivedAt: Date | null;
    dueAt: Date | null;
    pausedAt: Date | null;
    extensionCount: number;
    assigneeUserId: string | null;
    paymentStatus: string;
    feeAmount: number;
  };
  procedure: { requiresPrepayment: boolean };
  input: { reason?: string | null; assignee?: string | null; toAgencyCode?: string | null; newDueAt?: Date | null };
  /** Resolved by the service when the input names them. */
  assignee?: { id: string; role: Role; agencyCode: string | null; disabled: boolean } | null;
  currentAgency?: { code: string; name?: string; level: string; kind: string } | null;
  targetAgency?: { code: string; name?: string; level: string; kind: string } | null;
  /** The status a paused dossier returns to on `supplement` (from the request's event). */
  statusBeforeSupplementRequest?: DossierStatus | null;
  /** A result was approved (liên thông: the dossier travels back to the receiving agency with it). */
  resultApproved?: boolean;
  /**
   * The working calendar in force (the service passes the one it computes deadlines with). The
   * apology rules need it: without it `extend` is refused rather than judged on calendar dates.
   */
  calendar?: WorkingCalendar;
}

export type Guard = (c: TransitionContext) => string | null;

export interface TransitionRule {
  action: Exclude<DossierAction, 'submit'>;
  from: readonly DossierStatus[];
  to: DossierStatus | ((c: TransitionContext) => DossierStatus);
  roles: readonly ProcessingRole[];
  guards: readonly Guard[];
  /** Short Vietnamese label for buttons and the timeline. */
  label: string;
}

// ---- guards (each returns the reason it refuses, or null) ----

const reasonRequired = (what: string): Guard => (c) =>
  c.input.reason && c.input.reason.trim().length >= 3 ? null : `Cần nhập lý do ${what} (ít nhất 3 ký tự)`;

const prepaid: Guard = (c) =>
  c.procedure.requiresPrepayment && c.dossier.feeAmount > 0 && c.dossier.paymentStatus !== 'PAID'
    ? 'Thủ tục yêu cầu nộp phí, lệ phí trước khi tiếp nhận: hồ sơ chưa được thanh toán'
    : null;

const ownerOnlyForCitizen: Guard = (c) =>
  c.actor.role === 'CITIZEN' && c.dossier.applicantUserId !== c.actor.id ? 'Chỉ người nộp hồ sơ được thực hiện thao tác này' : null;

const assigneeIsSpecialistOfAgency: Guard = (c) => {
  if (!c.input.assignee) return 'Cần chọn chuyên viên được phân công';
  const a = c.assignee;
  if (!a || a.disabled) return 'Không tìm thấy chuyên viên được phân công';
  if (a.role !== 'SPECIALIST') return 'Người được phân công phải là chuyên viên';
  if (a.agencyCode !== c.dossier.agencyCode) return 'Chuyên viên được phân công phải thuộc cơ quan đang giữ hồ sơ';
  return null;
};

const actorIsAssignee: Guard = (c) =>
  c.dossier.assigneeUserId && c.dossier.assigneeUserId !== c.actor.id ? 'Hồ sơ đang được phân công cho chuyên viên khác' : null;

const transferTarget: Guard = (c) => {
  if (!c.input.toAgencyCode) return 'Cần chọn cơ quan chuyển đến';
  const t = c.targetAgency;
  if (!t) return `Không tồn tại cơ quan có mã ${c.input.toAgencyCode}`;
  if (t.code === c.dossier.agencyCode) return 'Không thể chuyển hồ sơ cho chính cơ quan đang giữ';
  const cur = c.currentAgency;
  if (cur && cur.level === t.level && cur.kind === t.kind) return 'Liên thông chỉ chuyển sang cơ quan khác cấp hoặc khác lĩnh vực';
  return null;
};

const resultGoesBackToReceiver: Guard = (c) =>
  c.dossier.status === 'RESULT_READY' && c.input.toAgencyCode && c.input.toAgencyCode !== c.dossier.receivingAgencyCode
    ? 'Hồ sơ đã có kết quả chỉ được chuyển về cơ quan tiếp nhận ban đầu'
    : null;

const resultAtReceiver: Guard = (c) =>
  c.dossier.agencyCode !== c.dossier.receivingAgencyCode ? 'Kết quả phải được chuyển về cơ quan tiếp nhận để trả cho người nộp' : null;

const notYetExtended: Guard = (c) => (c.dossier.extensionCount > 0 ? 'Hồ sơ đã được gia hạn một lần; không được gia hạn lần thứ hai' : null);

/**
 * The latest instant an apology with a new appointment may be issued for a dossier due at `dueAt`.
 *
 * Nghị định 61/2018/NĐ-CP and Thông tư 01/2018/TT-VPCP, Điều 12 (mẫu 04), carried over by Nghị định
 * 118/2025/NĐ-CP and Thông tư 03/2025/TT-VPCP (mẫu 04): for a dossier that will be late, the
 * agency sends the apology and the new appointment "chậm nhất 01 ngày trước ngày hết hạn". DESIGN.md
 * reads the day as a WORKING day of the calendar ("at the latest the working day before"), and a
 * working day ends with its last working minute: the limit is 17:00 of the last working day before
 * the deadline's day. For a Monday 09:00 deadline: Friday 16:59 and 17:00 are in time; Friday
 * 17:01, Saturday and Sunday are not (the office has closed; nobody can receive the slip before
 * the deadline's own day). A holiday before the deadline moves the limit back to the working day
 * before the holiday; a swapped working Saturday (làm bù) counts as that working day.
 */
export function latestApologyAt(dueAt: Date, calendar: WorkingCalendar): Date {
  return calendar.endOfWorkingDay(calendar.previousWorkingDay(localDateOf(dueAt)));
}

const NO_CALENDAR = 'Chưa có lịch làm việc để kiểm tra thời hạn xin lỗi và hẹn lại; vui lòng thử lại sau';

const apologyInTime: Guard = (c) => {
  const due = c.dossier.dueAt;
  if (!due) return 'Hồ sơ chưa có hạn giải quyết';
  if (c.now.getTime() >= due.getTime()) return 'Đã quá hạn giải quyết: phiếu xin lỗi và hẹn lại phải được gửi trước khi hết hạn';
  if (!c.calendar) return NO_CALENDAR;
  const limit = latestApologyAt(due, c.calendar);
  if (c.now.getTime() > limit.getTime()) {
    return `Phiếu xin lỗi và hẹn lại phải được gửi chậm nhất trong ngày làm việc liền trước ngày hết hạn: hạn giải quyết là ${describeLocal(due)}, nên hạn gửi phiếu là ${describeLocal(limit)}`;
  }
  return null;
};

/** The new appointment: after the current one, at an instant the office works (per the calendar). */
const newAppointmentLawful: Guard = (c) => {
  const n = c.input.newDueAt;
  if (!n || Number.isNaN(n.getTime())) return 'Cần nhập ngày hẹn trả kết quả mới (newDueAt)';
  if (c.dossier.dueAt && n.getTime() <= c.dossier.dueAt.getTime()) {
    return `Ngày hẹn mới phải sau ngày hẹn hiện tại (${describeLocal(c.dossier.dueAt)})`;
  }
  const cal = c.calendar;
  if (!cal) return NO_CALENDAR;
  if (!cal.isAppointmentInstant(n)) {
    const day = localDateOf(n);
    const off = cal.isWorkingDay(day) ? null : cal.exceptionOn(day)?.name ?? 'nghỉ cuối tuần';
    return `Ngày hẹn mới ${describeLocal(n)} không phải thời điểm làm việc${off ? `: ${describeLocalDate(day)} là ngày nghỉ (${off})` : ''}; phải trong giờ làm việc (${cal.describeWorkingHours()}) của một ngày làm việc`;
  }
  return null;
};

// ---- the table ----

const IN_HAND: DossierStatus[] = ['RECEIVED', 'IN_PROGRESS'];

export const TRANSITIONS: readonly TransitionRule[] = [
  {
    action: 'receive', label: 'Tiếp nhận', from: ['SUBMITTED', 'TRANSFERRED'], roles: ['CLERK'],
    // A transferred dossier that already carries its approved result comes back ready to return.
    to: (c) => (c.dossier.status === 'TRANSFERRED' && c.resultApproved ? 'RESULT_READY' : 'RECEIVED'),
    guards: [(c) => (c.dossier.status === 'SUBMITTED' ? prepaid(c) : null)],
  },
  {
    action: 'request-supplement', label: 'Yêu cầu bổ sung', from: ['SUBMITTED', ...IN_HAND], roles: ['CLERK', 'SPECIALIST'],
    to: 'SUPPLEMENT_REQUESTED', guards: [reasonRequired('yêu cầu bổ sung')],
  },
  {
    action: 'supplement', label: 'Bổ sung hồ sơ', from: ['SUPPLEMENT_REQUESTED'], roles: ['CITIZEN', 'CLERK'],
    to: (c) => (c.dossier.receivedAt ? (c.statusBeforeSupplementRequest ?? 'IN_PROGRESS') : 'SUBMITTED'),
    guards: [ownerOnlyForCitizen],
  },
  {
    action: 'refuse', label: 'Từ chối tiếp nhận', from: ['SUBMITTED'], roles: ['CLERK'],
    to: 'REFUSED', guards: [reasonRequired('từ chối')],
  },
  {
    action: 'assign', label: 'Phân công', from: IN_HAND, roles: ['CLERK', 'LEADER'],
    to: 'IN_PROGRESS', guards: [assigneeIsSpecialistOfAgency],
  },
  {
    action: 'propose', label: 'Trình phê duyệt', from: ['IN_PROGRESS'], roles: ['SPECIALIST'],
    to: 'PENDING_APPROVAL', guards: [actorIsAssignee],
  },
  {
    action: 'approve', label: 'Phê duyệt', from: ['PENDING_APPROVAL'], roles: ['LEADER'],
    to: 'RESULT_READY', guards: [],
  },
  {
    action: 'reject', label: 'Trả lại chuyên viên', from: ['PENDING_APPROVAL'], roles: ['LEADER'],
    to: 'IN_PROGRESS', guards: [reasonRequired('trả lại')],
  },
  {
    action: 'transfer', label: 'Chuyển liên thông', from: [...IN_HAND, 'RESULT_READY'], roles: ['CLERK', 'SPECIALIST', 'LEADER'],
    to: 'TRANSFERRED', guards: [transferTarget, resultGoesBackToReceiver],
  },
  {
    action: 'extend', label: 'Xin lỗi và hẹn lại', from: [...IN_HAND, 'PENDING_APPROVAL'], roles: ['CLERK', 'SPECIALIST', 'LEADER'],
    to: (c) => c.dossier.status, guards: [notYetExtended, reasonRequired('xin lỗi, gia hạn'), apologyInTime, newAppointmentLawful],
  },
  {
    action: 'return-result', label: 'Trả kết quả', from: ['RESULT_READY'], roles: ['CLERK'],
    to: 'RETURNED', guards: [resultAtReceiver],
  },
  {
    action: 'withdraw', label: 'Rút hồ sơ', from: ['SUBMITTED', ...IN_HAND, 'SUPPLEMENT_REQUESTED', 'PENDING_APPROVAL', 'TRANSFERRED'],
    roles: ['CITIZEN'], to: 'WITHDRAWN', guards: [ownerOnlyForCitizen],
  },
];

export { FINAL_STATUSES };

export function ruleFor(action: string): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.action === action);
}

export type Decision =
  | { ok: true; to: DossierStatus; rule: TransitionRule }
  | { ok: false; kind: 'UNKNOWN_ACTION' | 'ROLE' | 'STATE' | 'GUARD'; reason: string };

export { statusLabel };

/** Decides a move: unknown action, wrong role (→ 403), wrong state or failed guard (→ 422, with the reason). */
export function decide(action: string, c: TransitionContext): Decision {
  const rule = ruleFor(action);
  if (!rule) return { ok: false, kind: 'UNKNOWN_ACTION', reason: `Thao tác không hợp lệ: ${action}` };
  if (!rule.roles.includes(c.actor.role as ProcessingRole)) {
    return { ok: false, kind: 'ROLE', reason: `Vai trò của bạn không được thực hiện thao tác "${rule.label}"` };
  }
  if (!rule.from.includes(c.dossier.status)) {
    return { ok: false, kind: 'STATE', reason: `Không thể "${rule.label}" khi hồ sơ ở trạng thái "${statusLabel(c.dossier.status)}"` };
  }
  for (const g of rule.guards) {
    const why = g(c);
    if (why) return { ok: false, kind: 'GUARD', reason: why };
  }
  return { ok: true, to: typeof rule.to === 'function' ? rule.to(c) : rule.to, rule };
}

/** The actions an actor may offer on a dossier now (for the page's action forms): role and state only. */
export function availableActions(status: DossierStatus, role: Role): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role as ProcessingRole));
}
