/**
 * One generated dossier's life, made by the workflow's own rules (issue 12, item 1): every move is
 * asked of the state machine (`decide`, guards included — the apology limits need the calendar)
 * and its effect computed by `effectOf` (columns, event facts, stage operations: exactly what
 * WorkflowService applies), with the step deadlines of steps.ts and the working calendar in force.
 * Pure: no database, no clock; randomness comes from the caller's generator. The bulk and demo
 * generators write the result by COPY (bulk-generator.ts); dossier-life.spec.ts checks it.
 */
import type { WorkingCalendar } from '../../calendar/working-calendar';
import { DAY, HOUR, MINUTE } from '../../common/local-time';
import type { DossierAction, DossierStatus, Timeliness } from '../../dossiers/dossier.types';
import { decide, latestApologyAt, type TransitionContext } from '../../workflow/dossier-state-machine';
import { effectOf, type DossierChanges, type DossierState, type ProcedureTerms } from '../../workflow/effects';

export interface LifeAgency { code: string; name?: string; level: string; kind: string; districtCode: string | null; provinceCode: string }
export interface LifeProcedure {
  id: string;
  code: string;
  sectorCode: string;
  terms: ProcedureTerms;
  requiresPrepayment: boolean;
  fee: number;
  /** Required document keys (attached when the dossier is digitised). */
  documentKeys: readonly string[];
}
export interface Staff { id: string; name: string }
export type StaffRole = 'CLERK' | 'SPECIALIST' | 'LEADER';

export interface LifeInput {
  procedure: LifeProcedure;
  receiving: LifeAgency;
  /** The agency of the other level a liên thông dossier is processed at (procedures with steps at two levels), else null. */
  partner: LifeAgency | null;
  submittedAt: Date;
  online: boolean;
  applicant: { userId: string | null; name: string };
  /** Nothing happens after this instant (the end of the generated period: "now"). */
  until: Date;
  staff: (agencyCode: string, role: StaffRole) => Staff;
}

export interface LifeEvent {
  at: Date;
  action: DossierAction;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  agencyCode: string;
  reason: string | null;
  stepKey: string | null;
  stepDueAt: Date | null;
  data: Record<string, unknown> | null;
}

export interface LifeStage { seq: number; agencyCode: string; startedAt: Date; dueAt: Date | null; completedAt: Date | null; timeliness: Timeliness | null }

/** The dossier's columns after its last move (as the live workflow would have left them), its events and stages. */
export interface DossierLife {
  status: DossierStatus;
  version: number;
  agencyCode: string;
  paymentStatus: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  pausedAt: Date | null;
  pausedWorkingSeconds: number;
  extensionCount: number;
  extendedAt: Date | null;
  processingEndedAt: Date | null;
  completedAt: Date | null;
  timeliness: Timeliness | null;
  workingSeconds: number | null;
  allowedWorkingSeconds: number | null;
  assigneeUserId: string | null;
  currentStep: string | null;
  currentStepDueAt: Date | null;
  updatedAt: Date;
  events: LifeEvent[];
  stages: LifeStage[];
}

/** Shares of the fates (of dossiers whose time has come); the rest are returned on time or early. */
export const LIFE_SHARES = {
  refusedAtReception: 0.02,
  withdrawnBeforeReception: 0.004,
  supplementAtReception: 0.01,
  late: 0.042,
  apologyWhenLate: 0.5,
  supplementInProcessing: 0.08,
  withdrawnInProcessing: 0.015,
  rejectedOnce: 0.03,
  stuck: 0.002,
};

const REASONS = {
  refuse: ['Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan', 'Thành phần hồ sơ không đúng quy định', 'Người nộp không đủ điều kiện theo quy định'],
  'request-supplement': ['Bổ sung bản sao giấy tờ tùy thân còn hiệu lực', 'Bổ sung tờ khai có đủ chữ ký', 'Bổ sung giấy tờ chứng minh nơi cư trú'],
  reject: ['Dự thảo kết quả chưa đúng thông tin trong hồ sơ', 'Cần thẩm định lại thành phần hồ sơ'],
  extend: ['Cần xác minh thêm thông tin với cơ quan liên quan', 'Hồ sơ phức tạp cần lấy ý kiến của cơ quan chuyên môn'],
} as const;

/** Thrown (without a stack: it is not an error) when the next move would fall after `until`. */
const STOP = Symbol('stop');

/** Generates one dossier's life. Throws if the state machine refuses a move the generator requires (a generator bug). */
export function liveDossier(x: LifeInput, cal: WorkingCalendar, rnd: () => number): DossierLife {
  const p = x.procedure;
  const until = x.until.getTime();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const prepaid = p.requiresPrepayment && p.fee > 0;
  const life: DossierLife = {
    status: 'SUBMITTED', version: 1, agencyCode: x.receiving.code,
    paymentStatus: p.fee > 0 ? (prepaid || (x.online && rnd() < 0.7) ? 'PAID' : 'PENDING') : 'NOT_REQUIRED',
    receivedAt: null, dueAt: null, originalDueAt: null, pausedAt: null, pausedWorkingSeconds: 0, extensionCount: 0, extendedAt: null,
    processingEndedAt: null, completedAt: null, timeliness: null, workingSeconds: null, allowedWorkingSeconds: null,
    assigneeUserId: null, currentStep: null, currentStepDueAt: null, updatedAt: x.submittedAt,
    events: [{
      at: x.submittedAt, action: 'submit', fromStatus: null, toStatus: 'SUBMITTED', actorUserId: x.online ? x.applicant.userId : x.staff(x.receiving.code, 'CLERK').id,
      actorName: x.online ? x.applicant.name : x.staff(x.receiving.code, 'CLERK').name, actorRole: x.online ? 'CITIZEN' : 'CLERK',
      agencyCode: x.receiving.code, reason: null, stepKey: null, stepDueAt: null, data: { channel: x.online ? 'ONLINE' : 'COUNTER' },
    }],
    stages: [],
  };
  let agency = x.receiving;
  let statusBeforeSupplement: DossierStatus | null = null;
  let approved = false;

  /** Asks the state machine, applies the effect as WorkflowService does. False when a guard refuses (only for optional moves). */
  function move(action: Exclude<DossierAction, 'submit'>, at: Date, role: StaffRole | 'CITIZEN', input: { reason?: string; assignee?: Staff; target?: LifeAgency; newDueAt?: Date } = {}, optional = false): boolean {
    if (at.getTime() > until) throw STOP;
    const actor = role === 'CITIZEN' ? { id: x.applicant.userId ?? '', name: x.applicant.name } : x.staff(agency.code, role);
    const ctx: TransitionContext = {
      now: at,
      calendar: cal,
      actor: { id: actor.id, role, agencyCode: role === 'CITIZEN' ? null : agency.code },
      dossier: {
        status: life.status, agencyCode: agency.code, receivingAgencyCode: x.receiving.code, applicantUserId: x.applicant.userId,
        receivedAt: life.receivedAt, dueAt: life.dueAt, pausedAt: life.pausedAt, extensionCount: life.extensionCount,
        assigneeUserId: life.assigneeUserId, paymentStatus: life.paymentStatus, feeAmount: p.fee,
      },
      procedure: { requiresPrepayment: p.requiresPrepayment },
      input: { reason: input.reason ?? null, assignee: input.assignee?.id ?? null, toAgencyCode: input.target?.code ?? null, newDueAt: input.newDueAt ?? null },
      assignee: input.assignee ? { id: input.assignee.id, role: 'SPECIALIST', agencyCode: agency.code, disabled: false } : undefined,
      currentAgency: agency,
      targetAgency: input.target,
      statusBeforeSupplementRequest: statusBeforeSupplement,
      resultApproved: life.processingEndedAt !== null || approved,
    };
    const decision = decide(action, ctx);
    if (!decision.ok) {
      if (optional) return false;
      throw new Error(`Generated move "${action}" refused by the state machine (${decision.kind}): ${decision.reason}`);
    }
    const state: DossierState = {
      status: life.status, agencyCode: agency.code, agencyLevel: agency.level, receivedAt: life.receivedAt, dueAt: life.dueAt,
      pausedAt: life.pausedAt, pausedWorkingSeconds: life.pausedWorkingSeconds, extensionCount: life.extensionCount,
      processingEndedAt: life.processingEndedAt, timeliness: life.timeliness, currentStep: life.currentStep, currentStepDueAt: life.currentStepDueAt,
      openStages: life.stages.filter((s) => !s.completedAt).map((s) => ({ seq: s.seq, dueAt: s.dueAt })),
      lastStageSeq: life.stages.reduce((mx, s) => Math.max(mx, s.seq), 0),
    };
    const effect = effectOf(state, p.terms, {
      action, to: decision.to, now: at, assigneeId: ctx.assignee?.id ?? null, target: input.target ?? null, newDueAt: input.newDueAt ?? null,
    }, cal);
    life.events.push({
      at, action, fromStatus: life.status, toStatus: decision.to, actorUserId: actor.id || null, actorName: actor.name, actorRole: role,
      agencyCode: ctx.actor.agencyCode ?? agency.code, reason: input.reason ?? null, stepKey: effect.step?.key ?? null,
      stepDueAt: effect.step?.dueAt ?? null, data: Object.keys(effect.eventData).length ? effect.eventData : null,
    });
    if (action === 'request-supplement') statusBeforeSupplement = life.status;
    if (action === 'approve') approved = true;
    for (const [k, v] of Object.entries(effect.set) as [keyof DossierChanges, unknown][]) {
      if (v !== undefined) (life as unknown as Record<string, unknown>)[k] = v;
    }
    if (effect.set.agencyCode && input.target) agency = input.target;
    for (const s of effect.stages) {
      if (s.op === 'open') life.stages.push({ seq: s.seq, agencyCode: s.agencyCode, startedAt: s.startedAt, dueAt: s.dueAt, completedAt: null, timeliness: null });
      else if (s.op === 'close') Object.assign(life.stages.find((t) => t.seq === s.seq)!, { completedAt: s.completedAt, timeliness: s.timeliness });
      else if (s.op === 'close-all') for (const t of life.stages) t.completedAt ??= s.completedAt;
      else life.stages.find((t) => t.seq === s.seq)!.dueAt = s.dueAt;
    }
    life.version++;
    life.updatedAt = at;
    return true;
  }

  /** The instant `ms` working milliseconds after `from` (whole minutes, at least one). */
  const after = (from: Date, ms: number): Date =>
    cal.addWorkingTime(from, Math.max(MINUTE, Math.floor(ms / MINUTE) * MINUTE) / HOUR, 'WORKING_HOUR', { applyLateReceptionCutoff: false }).at;
  /** A citizen's instant: online any time (`ms` of wall time later), at the desk during working hours. */
  const citizenAt = (from: Date, wallMs: number): Date => {
    const t = new Date(from.getTime() + Math.floor(wallMs / 1000) * 1000);
    return x.online ? t : after(t, rnd() * HOUR);
  };
  const citizenOrClerk = (): StaffRole | 'CITIZEN' => (x.online && x.applicant.userId ? 'CITIZEN' : 'CLERK');

  try {
    // ── reception: at the desk at once, online within about a working day and a half ──
    let t = x.online ? after(x.submittedAt, rnd() * 12 * HOUR) : x.submittedAt;
    const r = rnd();
    const S = LIFE_SHARES;
    if (r < S.refusedAtReception) {
      move('refuse', t, 'CLERK', { reason: pick(REASONS.refuse) });
      return life;
    }
    if (r < S.refusedAtReception + S.withdrawnBeforeReception && x.online) {
      move('withdraw', citizenAt(x.submittedAt, rnd() * (t.getTime() - x.submittedAt.getTime())), 'CITIZEN', {}, true);
      return life;
    }
    if (r < S.refusedAtReception + S.withdrawnBeforeReception + S.supplementAtReception) {
      // Incomplete at the desk: no clock runs yet, so no pause.
      move('request-supplement', t, 'CLERK', { reason: pick(REASONS['request-supplement']) });
      const back = citizenAt(t, (0.5 + rnd() * 5) * DAY);
      move('supplement', back, citizenOrClerk());
      t = after(back, rnd() * 4 * HOUR);
    }
    if (prepaid && life.paymentStatus !== 'PAID') return life; // waits for payment: cannot be received
    move('receive', t, 'CLERK');

    // ── processing, planned in working time from reception (pauses excluded) ──
    const W = p.terms.value * (p.terms.unit === 'WORKING_HOUR' ? HOUR : cal.workingDayMs);
    const late = rnd() < S.late;
    const y = rnd();
    const endOff = late ? W * (1.03 + rnd() * 0.6) + 30 * MINUTE : W * (y < 0.3 ? 0.85 + rnd() * 0.14 : 0.15 + rnd() * 0.7);
    const stuckAfter = rnd() < S.stuck ? 1 + Math.floor(rnd() * 4) : Infinity;
    let cursor = life.receivedAt!;
    let off = 0;
    let moves = 0;
    const go = (at: number, action: Exclude<DossierAction, 'submit'>, role: StaffRole | 'CITIZEN', input: Parameters<typeof move>[3] = {}, optional = false): boolean => {
      if (moves >= stuckAfter) throw STOP; // a forgotten dossier: it stays where it is, overdue
      const when = after(cursor, at - off);
      if (when.getTime() > until) throw STOP;
      const done = move(action, when, role, input, optional);
      if (done) {
        cursor = when;
        off = Math.max(off, at);
        moves++;
      }
      return done;
    };
    const assignHere = (at: number) => go(at, 'assign', 'LEADER', { assignee: x.staff(agency.code, 'SPECIALIST') });

    assignHere(Math.min(endOff, W) * 0.05 * rnd());
    if (x.partner) {
      // Liên thông: the receiving agency checks, then sends the dossier to the competent level.
      go(endOff * (0.1 + rnd() * 0.08), 'transfer', 'SPECIALIST', { target: x.partner });
      go(off + rnd() * 2 * HOUR, 'receive', 'CLERK');
      assignHere(off + rnd() * HOUR);
    }
    const proposeAt = endOff * (0.72 + rnd() * 0.15);
    if (rnd() < S.withdrawnInProcessing && x.online && x.applicant.userId) {
      go(off + rnd() * (proposeAt - off), 'withdraw', 'CITIZEN');
      return life;
    }
    if (rnd() < S.supplementInProcessing) {
      // During processing the clock pauses until the citizen supplements (Nghị định 61/2018, Điều 16).
      go(off + rnd() * (proposeAt - off) * 0.6, 'request-supplement', 'SPECIALIST', { reason: pick(REASONS['request-supplement']) });
      const back = citizenAt(cursor, (0.3 + rnd() * 8) * DAY);
      move('supplement', back, citizenOrClerk());
      cursor = back;
    }
    if (late && rnd() < S.apologyWhenLate && life.dueAt) {
      // Apology and new appointment (mẫu 04): at the latest the working day before the deadline,
      // a new appointment at a working instant after the old one, after the planned end.
      const limit = latestApologyAt(life.dueAt, cal);
      const room = cal.workingMillisBetween(cursor, limit);
      const at = off + Math.min(room * rnd(), Math.max(0, proposeAt - off - MINUTE));
      const newDueAt = after(life.dueAt, endOff - W + (0.2 + rnd()) * cal.workingDayMs);
      if (room > MINUTE) go(at, 'extend', 'LEADER', { reason: pick(REASONS.extend), newDueAt }, true);
    }
    go(proposeAt, 'propose', 'SPECIALIST');
    if (rnd() < S.rejectedOnce) {
      go(off + (endOff - off) * 0.3, 'reject', 'LEADER', { reason: pick(REASONS.reject) });
      go(off + (endOff - off) * 0.5, 'propose', 'SPECIALIST');
    }
    go(Math.max(endOff, off + MINUTE), 'approve', 'LEADER');
    if (x.partner) {
      go(off + rnd() * 4 * HOUR, 'transfer', 'CLERK', { target: x.receiving });
      go(off + rnd() * 4 * HOUR, 'receive', 'CLERK');
    }
    go(off + rnd() * 2 * cal.workingDayMs, 'return-result', 'CLERK');
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return life;
}
