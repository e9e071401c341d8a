/**
 * The replay of one dossier's history through the rules the live workflow uses — the state machine
 * (`decide`, dossier-state-machine.ts), the pure effects (`effectOf`, effects.ts, with the step
 * deadlines of steps.ts) and the working calendar — and the comparison of what they give with what
 * is stored: status, holding agency, reception, due date, pause, extension, end of processing,
 * timeliness, working time, current step and stages. Pure: no I/O, no clock.
 *
 * Each event is replayed with the facts it recorded: its instant is "now", its action, actor role,
 * reason, and its data (assignee, target agency, new appointment). What the record cannot tell is
 * taken in the dossier's favour and said here: an actor without a user id is taken to be the one the
 * identity guards expect (the applicant, the assignee); an assignee is taken to be a specialist of the
 * holding agency (users are not read); the fee is taken as paid at reception when it is paid now.
 * A `calendar-shift` event (a day off decreed later, holiday-shift.ts) moves the due dates to the
 * ones it recorded: the replay runs on today's calendar, so the due date before the shift must be
 * the recorded one or already the recorded new one. After a forbidden move the replay goes on with
 * the status the event recorded, so one bad event does not hide what follows.
 * Limit: the calendar's own history is not stored, so a day off decreed AFTER a dossier's clock
 * stopped, inside the period its deadlines covered (no calendar-shift event then), shows as a
 * due-date difference; so does a late-reception cut-off changed since.
 */
import type { WorkingCalendar } from '../../calendar/working-calendar';
import { formatLocal, parseInstant, toIsoLocal } from '../../common/local-time';
import type { DossierEventRow, DossierRow, DossierStageRow } from '../../dossiers/dossier-rows';
import { statusLabel } from '../../dossiers/dossier-rules';
import type { DossierAction, DossierStatus, Timeliness } from '../../dossiers/dossier.types';
import { decide, type TransitionContext } from '../../workflow/dossier-state-machine';
import { effectOf, type DossierState, type MoveInput, type ProcedureTerms } from '../../workflow/effects';
import { CALENDAR_SHIFT_ACTION } from '../../workflow/holiday-shift';
import type { Violation, ViolationKind } from './violations';

export type { Violation, ViolationKind } from './violations';

/** The procedure version a dossier was received under, with its prepayment rule. */
export interface ReplayTerms extends ProcedureTerms {
  requiresPrepayment: boolean;
}

export interface ReplayAgency {
  code: string;
  name?: string;
  level: string;
  kind: string;
}

/** A stage as the replay builds it (the columns of `dossier_stages`). */
interface Stage {
  seq: number;
  agencyCode: string;
  startedAt: Date;
  dueAt: Date | null;
  completedAt: Date | null;
  timeliness: Timeliness | null;
}

/** The dossier as the events make it. */
interface Replayed extends Omit<DossierState, 'agencyLevel' | 'openStages' | 'lastStageSeq'> {
  originalDueAt: Date | null;
  completedAt: Date | null;
  workingSeconds: number | null;
  allowedWorkingSeconds: number | null;
  assigneeUserId: string | null;
  extendedAt: Date | null;
  stages: Stage[];
  /** Status before the last supplement request (where a supplement returns to). */
  beforeRequest: DossierStatus | null;
  approved: boolean;
}

const t = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);
const same = (a: Date | null | undefined, b: Date | null | undefined): boolean => t(a) === t(b);
const vi = (d: Date | null | undefined): string => (d ? formatLocal(d) : 'không có');
const en = (d: Date | null | undefined): string => (d ? toIsoLocal(d) : 'none');
const instant = (v: unknown): Date | null => (typeof v === 'string' ? parseInstant(v) : null);

function initial(d: DossierRow): Replayed {
  return {
    status: 'SUBMITTED', agencyCode: d.receivingAgencyCode, receivedAt: null, dueAt: null, originalDueAt: null, pausedAt: null,
    pausedWorkingSeconds: 0, extensionCount: 0, extendedAt: null, processingEndedAt: null, completedAt: null, timeliness: null,
    workingSeconds: null, allowedWorkingSeconds: null, assigneeUserId: null, currentStep: null, currentStepDueAt: null, stages: [],
    beforeRequest: null, approved: false,
  };
}

/**
 * The violations of one dossier: every event the state machine forbids at its point, and every
 * stored column or stage that differs from the replay. An empty list: a history the live system
 * could have produced.
 */
export function replay(
  dossier: DossierRow,
  events: readonly DossierEventRow[],
  stages: readonly DossierStageRow[],
  terms: ReplayTerms,
  calendar: WorkingCalendar,
  agencies: (code: string) => ReplayAgency | undefined,
): Violation[] {
  const out: Violation[] = [];
  const code = dossier.code;
  const report: Report = (kind, viText, enText, eventId, move) =>
    out.push({ kind, code, ...(eventId ? { eventId } : {}), ...(move ? { move } : {}), vi: viText, en: enText });

  const first = events[0];
  if (!first || first.action !== 'submit') {
    report('history', first ? `Sự kiện đầu tiên là "${first.action}", không phải nộp hồ sơ` : 'Hồ sơ không có sự kiện nào',
      first ? `The first event is "${first.action}", not the submission` : 'The dossier has no events', first?.id);
    nightDueDate(dossier, calendar, report);
    return out;
  }
  const s = initial(dossier);
  let previousAt = first.at;
  for (const e of events.slice(1)) {
    if (e.at.getTime() < previousAt.getTime()) {
      report('event-order', `Sự kiện "${e.action}" lúc ${vi(e.at)} sớm hơn sự kiện trước (${vi(previousAt)})`,
        `Event "${e.action}" at ${en(e.at)} is earlier than the one before (${en(previousAt)})`, e.id);
    }
    previousAt = e.at;
    if (e.action === CALENDAR_SHIFT_ACTION) calendarShift(s, e, report);
    else move(dossier, s, e, terms, calendar, agencies, report);
  }
  compare(dossier, s, stages, events, report);
  nightDueDate(dossier, calendar, report);
  return out;
}

type Report = (kind: ViolationKind, viText: string, enText: string, eventId?: string, move?: string) => void;

/** One move, decided and applied as WorkflowService.transition() does, with the event's facts. */
function move(
  dossier: DossierRow, s: Replayed, e: DossierEventRow, terms: ReplayTerms, cal: WorkingCalendar,
  agencies: (code: string) => ReplayAgency | undefined, report: Report,
): void {
  if (e.fromStatus !== s.status) {
    report('event-status', `Sự kiện "${e.action}" ghi trạng thái trước là "${statusLabel(e.fromStatus ?? '')}", nhưng theo lịch sử hồ sơ đang "${statusLabel(s.status)}"`,
      `Event "${e.action}" records from-status ${e.fromStatus}, the history gives ${s.status}`, e.id);
  }
  const data = e.data ?? {};
  const assignee = typeof data.assignee === 'string' ? data.assignee : null;
  const toAgencyCode = typeof data.toAgencyCode === 'string' ? data.toAgencyCode : null;
  const newDueAt = instant(data.newDueAt);
  const role = e.actorRole as TransitionContext['actor']['role'];
  // Unknown actor (imported or generated history): the one the identity guards expect, even "nobody".
  const actorId = (e.actorUserId ?? (role === 'CITIZEN' ? dossier.applicantUserId : s.assigneeUserId ?? '')) as string;
  const ctx: TransitionContext = {
    now: e.at,
    calendar: cal,
    actor: { id: actorId, role, agencyCode: e.agencyCode },
    dossier: {
      status: s.status, agencyCode: s.agencyCode, receivingAgencyCode: dossier.receivingAgencyCode, applicantUserId: dossier.applicantUserId,
      receivedAt: s.receivedAt, dueAt: s.dueAt, pausedAt: s.pausedAt, extensionCount: s.extensionCount, assigneeUserId: s.assigneeUserId,
      paymentStatus: dossier.paymentStatus, feeAmount: dossier.feeAmount,
    },
    procedure: { requiresPrepayment: terms.requiresPrepayment },
    input: { reason: e.reason, assignee, toAgencyCode, newDueAt },
    assignee: assignee ? { id: assignee, role: 'SPECIALIST', agencyCode: s.agencyCode, disabled: false } : null,
    currentAgency: agencies(s.agencyCode) ?? null,
    targetAgency: toAgencyCode ? agencies(toAgencyCode) ?? null : null,
    statusBeforeSupplementRequest: s.beforeRequest,
    resultApproved: s.processingEndedAt !== null || s.approved,
  };
  const decision = decide(e.action, ctx);
  let to: DossierStatus;
  if (decision.ok) {
    to = decision.to;
    if (e.toStatus !== to) {
      report('event-status', `Sự kiện "${e.action}" ghi trạng thái sau là "${statusLabel(e.toStatus)}", quy trình cho "${statusLabel(to)}"`,
        `Event "${e.action}" records to-status ${e.toStatus}, the state machine gives ${to}`, e.id);
    }
  } else {
    report('forbidden-move', `Sự kiện "${e.action}" lúc ${vi(e.at)} không hợp lệ: ${decision.reason}`,
      `Event "${e.action}" at ${en(e.at)} is forbidden (${decision.kind}) in status ${s.status}`, e.id, `${e.action} ← ${s.status}`);
    to = e.toStatus;
    if (decision.kind === 'UNKNOWN_ACTION') {
      s.status = to;
      return;
    }
  }
  const level = agencies(s.agencyCode)?.level ?? '';
  const target = ctx.targetAgency ? { code: ctx.targetAgency.code, name: ctx.targetAgency.name, level: ctx.targetAgency.level } : toAgencyCode ? { code: toAgencyCode, level: '' } : null;
  if (e.action === 'transfer' && !target) return void (s.status = to);
  if (e.action === 'extend' && !newDueAt) return void (s.status = to);
  const m: MoveInput = { action: e.action as Exclude<DossierAction, 'submit'>, to, now: e.at, assigneeId: assignee, target, newDueAt };
  const open = s.stages.filter((x) => !x.completedAt);
  const state: DossierState = {
    ...s, agencyLevel: level, openStages: open.map((x) => ({ seq: x.seq, dueAt: x.dueAt })), lastStageSeq: s.stages.reduce((mx, x) => Math.max(mx, x.seq), 0),
  };
  const effect = effectOf(state, terms, m, cal);
  if (e.action === 'request-supplement') s.beforeRequest = s.status;
  if (e.action === 'approve') s.approved = true;
  const set = effect.set as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(set)) if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
  for (const op of effect.stages) {
    if (op.op === 'open') s.stages.push({ seq: op.seq, agencyCode: op.agencyCode, startedAt: op.startedAt, dueAt: op.dueAt, completedAt: null, timeliness: null });
    else if (op.op === 'close-all') for (const x of s.stages) x.completedAt ??= op.completedAt;
    else {
      const x = s.stages.find((y) => y.seq === op.seq);
      if (!x) continue;
      if (op.op === 'close') Object.assign(x, { completedAt: op.completedAt, timeliness: op.timeliness });
      else x.dueAt = op.dueAt;
    }
  }
}

/** A due date moved by a calendar edit: the recorded new dates are taken, the old one must be the replayed one. */
function calendarShift(s: Replayed, e: DossierEventRow, report: Report): void {
  if (e.fromStatus !== s.status || e.toStatus !== s.status) {
    report('event-status', `Sự kiện điều chỉnh hạn theo lịch ghi trạng thái "${statusLabel(e.toStatus)}", hồ sơ đang "${statusLabel(s.status)}"`,
      `Calendar-shift event records status ${e.toStatus}, the history gives ${s.status}`, e.id);
  }
  const data = e.data ?? {};
  const before = instant(data.dueAtBefore);
  const after = instant(data.dueAtAfter);
  if (!after || !s.receivedAt) {
    report('due-date', 'Sự kiện điều chỉnh hạn theo lịch không ghi hạn mới, hoặc hồ sơ chưa được tiếp nhận',
      'Calendar-shift event without a new due date, or on a dossier not received', e.id);
    return;
  }
  if (!same(s.dueAt, before) && !same(s.dueAt, after)) {
    report('due-date', `Điều chỉnh hạn theo lịch từ ${vi(before)}, nhưng theo lịch sử hạn đang là ${vi(s.dueAt)}`,
      `Calendar shift from ${en(before)}, the history gives ${en(s.dueAt)}`, e.id);
  }
  // Replayed on today's calendar, reception already gave the shifted date: the receipt's appointment was the old one.
  if (before && same(s.dueAt, after) && same(s.originalDueAt, after)) s.originalDueAt = before;
  s.dueAt = after;
  const stepAfter = instant(data.currentStepDueAtAfter);
  if (stepAfter) s.currentStepDueAt = stepAfter;
  if (Array.isArray(data.stages)) {
    for (const st of data.stages as { seq?: unknown; dueAtAfter?: unknown }[]) {
      const x = s.stages.find((y) => y.seq === Number(st.seq));
      const due = instant(st.dueAtAfter);
      if (x && due) x.dueAt = due;
    }
  }
}

function nightDueDate(d: DossierRow, cal: WorkingCalendar, report: Report): void {
  if (d.dueAt && !cal.isAppointmentInstant(d.dueAt)) {
    report('night-due-date', `Hạn giải quyết ${vi(d.dueAt)} không phải thời điểm làm việc (${cal.describeWorkingHours()} của ngày làm việc)`,
      `Due date ${en(d.dueAt)} is not a working instant`);
  }
}

/** The stored row and stages against the replay. */
function compare(d: DossierRow, s: Replayed, stored: readonly DossierStageRow[], events: readonly DossierEventRow[], report: Report): void {
  const dates: [ViolationKind, string, string, Date | null, Date | null][] = [
    ['received-at', 'Thời điểm tiếp nhận', 'received_at', d.receivedAt, s.receivedAt],
    ['due-date', 'Hạn giải quyết', 'due_at', d.dueAt, s.dueAt],
    ['due-date', 'Hạn giải quyết ban đầu', 'original_due_at', d.originalDueAt, s.originalDueAt],
    ['pause', 'Thời điểm tạm dừng', 'paused_at', d.pausedAt, s.pausedAt],
    ['processing-ended', 'Thời điểm kết thúc xử lý', 'processing_ended_at', d.processingEndedAt, s.processingEndedAt],
    ['completed-at', 'Thời điểm hoàn thành', 'completed_at', d.completedAt, s.completedAt],
    ['step', 'Hạn của bước hiện tại', 'current_step_due_at', d.currentStepDueAt, s.currentStepDueAt],
  ];
  if (d.status !== s.status) {
    report('status', `Trạng thái lưu là "${statusLabel(d.status)}", theo lịch sử phải là "${statusLabel(s.status)}"`,
      `Stored status ${d.status}, the events give ${s.status}`);
  }
  if (d.agencyCode !== s.agencyCode) {
    report('agency', `Cơ quan đang giữ là ${d.agencyCode}, theo lịch sử phải là ${s.agencyCode}`, `Stored agency ${d.agencyCode}, the events give ${s.agencyCode}`);
  }
  for (const [kind, label, column, stored_, replayed] of dates) {
    if (same(stored_, replayed)) continue;
    const noRequest = column === 'paused_at' && stored_ && !replayed && !events.some((e) => e.action === 'request-supplement');
    report(kind,
      `${label} lưu là ${vi(stored_)}, theo lịch sử và lịch làm việc phải là ${vi(replayed)}${noRequest ? ' (hồ sơ tạm dừng nhưng không có sự kiện yêu cầu bổ sung)' : ''}`,
      `Stored ${column} ${en(stored_)}, the events give ${en(replayed)}${noRequest ? ' (paused without a request-supplement event)' : ''}`);
  }
  if (d.status === 'SUPPLEMENT_REQUESTED' && d.receivedAt && !d.pausedAt && !s.pausedAt) {
    report('pause', 'Hồ sơ đang chờ bổ sung sau tiếp nhận nhưng đồng hồ không tạm dừng', 'Waiting for a supplement after reception, but the clock is not paused');
  }
  const numbers: [ViolationKind, string, string, number | null, number | null][] = [
    ['pause', 'Thời gian tạm dừng (giây làm việc)', 'paused_working_seconds', d.pausedWorkingSeconds, s.pausedWorkingSeconds],
    ['extension', 'Số lần gia hạn', 'extension_count', d.extensionCount, s.extensionCount],
    ['working-time', 'Thời gian làm việc đã dùng (giây)', 'working_seconds', d.workingSeconds, s.workingSeconds],
    ['working-time', 'Thời gian làm việc cho phép (giây)', 'allowed_working_seconds', d.allowedWorkingSeconds, s.allowedWorkingSeconds],
  ];
  for (const [kind, label, column, a, b] of numbers) {
    if (a !== b) report(kind, `${label} lưu là ${a ?? 'không có'}, theo lịch sử phải là ${b ?? 'không có'}`, `Stored ${column} ${a ?? 'null'}, the events give ${b ?? 'null'}`);
  }
  if (d.timeliness !== s.timeliness) {
    report('timeliness', `Phân loại lưu là ${d.timeliness ?? 'chưa có'}, theo lịch sử phải là ${s.timeliness ?? 'chưa có'}`,
      `Stored timeliness ${d.timeliness ?? 'null'}, the events give ${s.timeliness ?? 'null'}`);
  }
  if (d.currentStep !== s.currentStep) {
    report('step', `Bước hiện tại lưu là ${d.currentStep ?? 'không có'}, theo lịch sử phải là ${s.currentStep ?? 'không có'}`,
      `Stored current_step ${d.currentStep ?? 'null'}, the events give ${s.currentStep ?? 'null'}`);
  }
  compareStages(stored, s.stages, report);
}

function compareStages(stored: readonly DossierStageRow[], replayed: readonly Stage[], report: Report): void {
  if (stored.length !== replayed.length) {
    report('stages', `Có ${stored.length} giai đoạn được lưu, theo lịch sử phải có ${replayed.length}`, `${stored.length} stages stored, the events give ${replayed.length}`);
    return;
  }
  for (let i = 0; i < stored.length; i++) {
    const a = stored[i];
    const b = replayed[i];
    const dates = (label: string, column: string, x: Date | null, y: Date | null) => [label, column, vi(x), vi(y), en(x), en(y)];
    const diff =
      a.seq !== b.seq ? ['số thứ tự', 'seq', a.seq, b.seq, a.seq, b.seq]
      : a.agencyCode !== b.agencyCode ? ['cơ quan', 'agency_code', a.agencyCode, b.agencyCode, a.agencyCode, b.agencyCode]
      : !same(a.startedAt, b.startedAt) ? dates('bắt đầu', 'started_at', a.startedAt, b.startedAt)
      : !same(a.dueAt, b.dueAt) ? dates('hạn', 'due_at', a.dueAt, b.dueAt)
      : !same(a.completedAt, b.completedAt) ? dates('hoàn thành', 'completed_at', a.completedAt, b.completedAt)
      : a.timeliness !== b.timeliness ? ['phân loại', 'timeliness', a.timeliness ?? 'không có', b.timeliness ?? 'không có', a.timeliness, b.timeliness]
      : null;
    if (diff) {
      report('stages', `Giai đoạn ${a.seq}: ${diff[0]} lưu là ${diff[2]}, theo lịch sử phải là ${diff[3]}`,
        `Stage ${a.seq}: stored ${diff[1]} ${diff[4] ?? 'null'}, the events give ${diff[5] ?? 'null'}`);
      return;
    }
  }
}
