/**
 * What each move does to a dossier, as pure functions (Vendure keeps its transition table and runs
 * small effects beside it): given the dossier as it is, the procedure version it was received
 * under, the decided move and the working calendar, an effect returns the columns to set, the
 * facts its event records and the stage operations — and touches nothing. `WorkflowService`
 * applies the result in one transaction; the bulk and demo generators apply the same results in
 * memory, so every generated history is one the live system could have produced.
 *
 * Legal frame: Nghị định 61/2018/NĐ-CP (as amended by 107/2021/NĐ-CP), Thông tư 01/2018/TT-VPCP.
 */
import { type WorkingCalendar } from '../calendar/working-calendar';
import { toIsoLocal } from '../common/local-time';
import type { WorkflowStep } from '../catalog/procedure.types';
import { classify, FINAL_STATUSES } from '../dossiers/dossier-rules';
import type { DossierAction, DossierStatus, Timeliness } from '../dossiers/dossier.types';
import type { DossierChangeSet, StageWrite } from '../dossiers/dossier-writes';
import { stageShare, stepFor } from './steps';

/** The dossier's state as an effect reads it. */
export interface DossierState {
  status: DossierStatus;
  agencyCode: string;
  /** Administrative level of the agency holding it (PROVINCE, DISTRICT, COMMUNE). */
  agencyLevel: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  /** Working seconds spent waiting for supplements so far (the clock stopped). */
  pausedWorkingSeconds: number;
  extensionCount: number;
  processingEndedAt: Date | null;
  timeliness: Timeliness | null;
  currentStep: string | null;
  currentStepDueAt: Date | null;
  /** Stages not yet completed, oldest first (normally at most one). */
  openStages: readonly { seq: number; dueAt: Date | null }[];
  /** Highest stage number so far (0 before reception). */
  lastStageSeq: number;
}

/** The procedure version the dossier was received under. */
export interface ProcedureTerms {
  value: number;
  unit: 'WORKING_DAY' | 'WORKING_HOUR';
  steps: readonly WorkflowStep[];
}

/** A procedure version's terms as its `procedures` row holds them (the live service and the replay checker read them so). */
export function procedureTerms(p: { processing_value: string | number; processing_unit: ProcedureTerms['unit']; steps: unknown }): ProcedureTerms {
  return { value: Number(p.processing_value), unit: p.processing_unit, steps: Array.isArray(p.steps) ? (p.steps as WorkflowStep[]) : [] };
}

/** What the service resolved for the move (the same facts the guards saw). */
export interface MoveInput {
  action: Exclude<DossierAction, 'submit'>;
  to: DossierStatus;
  now: Date;
  assigneeId?: string | null;
  target?: { code: string; name?: string; level: string } | null;
  newDueAt?: Date | null;
}

/** Stage operations are the repository's stage writes. */
export type StageOp = StageWrite;

/**
 * Columns of `dossiers` a move may set: the repository's change set, where a move always says its
 * status and step (the version is written by the service).
 */
export type DossierChanges = DossierChangeSet & { status: DossierStatus; currentStep: string | null; currentStepDueAt: Date | null };

export interface Effect {
  set: DossierChanges;
  /** Facts recorded on the event (`dossier_events.data`), when any. */
  eventData: Record<string, unknown>;
  /** The step that starts with this move, when a new one does (recorded on the event). */
  step: { key: string; dueAt: Date | null } | null;
  stages: StageOp[];
}

type Ctx = { d: DossierState; p: ProcedureTerms; m: MoveInput; cal: WorkingCalendar };
type Partial_ = { set: Omit<DossierChanges, 'status' | 'currentStep' | 'currentStepDueAt'>; eventData: Record<string, unknown>; stages: StageOp[]; clockStart?: Date; stepDueAt?: Date | null; level?: string };

const iso = (d: Date | null | undefined) => (d ? toIsoLocal(d) : undefined);
const none = (): Partial_ => ({ set: {}, eventData: {}, stages: [] });

/**
 * Ends processing (result, refusal, withdrawal): the instant, for a result its timeliness, and for a
 * received dossier the working time its processing used (pauses for supplements excluded).
 */
function endProcessing(d: DossierState, now: Date, withResult: boolean, cal: WorkingCalendar): Pick<DossierChanges, 'processingEndedAt' | 'timeliness' | 'workingSeconds'> {
  if (d.processingEndedAt) return {};
  const used = d.receivedAt ? Math.max(0, Math.round(cal.workingMillisBetween(d.receivedAt, now) / 1000) - d.pausedWorkingSeconds) : undefined;
  return {
    processingEndedAt: now,
    ...(withResult ? { timeliness: classify(now, d.dueAt, d.extensionCount > 0) } : {}),
    ...(used !== undefined ? { workingSeconds: used } : {}),
  };
}

/** The working seconds a procedure allows (its processing time). */
const allowedSeconds = (p: ProcedureTerms): number => Math.round(p.value * (p.unit === 'WORKING_HOUR' ? 3600 : 8 * 3600));

/** Closes the agency's open stage with its own timeliness (each stage of a transfer has its own clock). */
function closeOpenStage(d: DossierState, now: Date): StageOp[] {
  const open = d.openStages[d.openStages.length - 1];
  return open ? [{ op: 'close', seq: open.seq, completedAt: now, timeliness: classify(now, open.dueAt, false) }] : [];
}

/** One small function per action (no entry: the move only changes status and step). */
const EFFECTS: Partial<Record<MoveInput['action'], (c: Ctx) => Partial_>> = {
  // Nghị định 61/2018, Điều 15: the clock starts at reception; outside working hours at the next working instant.
  receive({ d, p, m, cal }) {
    if (d.status !== 'SUBMITTED') return none(); // a transfer arriving: the stage opened when it was sent
    const deadline = cal.addWorkingTime(m.now, p.value, p.unit);
    const clockStart = new Date(deadline.explanation.effectiveStart);
    const share = stageShare(p.steps, d.agencyLevel);
    const stageDue = share >= 1 ? deadline.at : cal.addWorkingTime(clockStart, p.value * share, p.unit, { applyLateReceptionCutoff: false }).at;
    return {
      set: { receivedAt: m.now, dueAt: deadline.at, originalDueAt: deadline.at, allowedWorkingSeconds: allowedSeconds(p) },
      eventData: { dueExplanation: deadline.explanation.text, effectiveStart: deadline.explanation.effectiveStart },
      stages: [{ op: 'open', seq: d.lastStageSeq + 1, agencyCode: d.agencyCode, startedAt: clockStart, dueAt: stageDue }],
      clockStart,
    };
  },
  // At reception no clock runs; during processing the clock pauses (Nghị định 61/2018, Điều 16).
  'request-supplement'({ d, m }) {
    return d.receivedAt ? { set: { pausedAt: m.now }, eventData: { paused: true }, stages: [] } : none();
  },
  // Supplementing restarts the clock: every running deadline moves by the working time paused.
  supplement({ d, m, cal }) {
    if (!d.pausedAt) return none();
    const pausedMs = cal.workingMillisBetween(d.pausedAt, m.now);
    const shift = (x: Date | null) => (x && pausedMs > 0 ? cal.shiftByPause(x, d.pausedAt!, m.now).at : x);
    const dueAt = shift(d.dueAt);
    return {
      set: { dueAt, pausedAt: null, pausedWorkingSeconds: d.pausedWorkingSeconds + Math.round(pausedMs / 1000) },
      eventData: { pausedWorkingMinutes: pausedMs / 60_000, dueAtBefore: iso(d.dueAt), dueAtAfter: iso(dueAt) },
      stages: pausedMs > 0 ? d.openStages.filter((s) => s.dueAt).map((s) => ({ op: 'set-due' as const, seq: s.seq, dueAt: shift(s.dueAt)! })) : [],
      stepDueAt: shift(d.currentStepDueAt),
    };
  },
  refuse({ d, m, cal }) {
    return { set: { completedAt: m.now, pausedAt: null, ...endProcessing(d, m.now, false, cal) }, eventData: {}, stages: [{ op: 'close-all', completedAt: m.now }] };
  },
  withdraw({ d, m, cal }) {
    return { set: { completedAt: m.now, pausedAt: null, ...endProcessing(d, m.now, false, cal) }, eventData: {}, stages: [{ op: 'close-all', completedAt: m.now }] };
  },
  assign({ m }) {
    return { set: { assigneeUserId: m.assigneeId! }, eventData: { assignee: m.assigneeId }, stages: [] };
  },
  // The leader's approval ends processing: the result is ready (DESIGN "When a dossier is late").
  approve({ d, m, cal }) {
    const ended = endProcessing(d, m.now, true, cal);
    return { set: ended, eventData: ended.timeliness ? { timeliness: ended.timeliness } : {}, stages: [] };
  },
  // Liên thông: each agency's stage has its own clock; the previous stage closes with its own timeliness.
  transfer({ d, p, m, cal }) {
    const target = m.target!;
    const returning = d.status === 'RESULT_READY';
    const share = returning ? 0 : stageShare(p.steps, target.level);
    let stageDue: Date | null = d.dueAt;
    if (!returning && share > 0 && share < 1) stageDue = cal.addWorkingTime(m.now, p.value * share, p.unit, { applyLateReceptionCutoff: false }).at;
    if (stageDue && d.dueAt && stageDue.getTime() > d.dueAt.getTime() && !returning) stageDue = d.dueAt;
    return {
      set: { agencyCode: target.code, assigneeUserId: null },
      eventData: { toAgencyCode: target.code, toAgencyName: target.name, stageDueAt: iso(stageDue) },
      stages: [...closeOpenStage(d, m.now), { op: 'open', seq: d.lastStageSeq + 1, agencyCode: target.code, startedAt: m.now, dueAt: stageDue }],
      level: target.level,
    };
  },
  // Thông tư 01/2018/TT-VPCP, Điều 12 (mẫu 04): apology + new appointment, once; the dossier stays late.
  extend({ d, m }) {
    return {
      set: { dueAt: m.newDueAt!, extensionCount: d.extensionCount + 1, extendedAt: m.now },
      eventData: { previousDueAt: iso(d.dueAt), newDueAt: iso(m.newDueAt) },
      stages: [],
    };
  },
  'return-result'({ d, m, cal }) {
    // Processing ended at approval; a dossier that reached RESULT_READY without it (older data) ends now.
    const ended = endProcessing(d, m.now, true, cal);
    const timeliness = d.timeliness ?? ended.timeliness!;
    return { set: { completedAt: m.now, ...ended, timeliness }, eventData: { timeliness }, stages: closeOpenStage(d, m.now) };
  },
};

/** The whole effect of a decided move: the action's own changes, then the step hand-over. */
export function effectOf(d: DossierState, p: ProcedureTerms, m: MoveInput, cal: WorkingCalendar): Effect {
  const own = EFFECTS[m.action]?.({ d, p, m, cal }) ?? none();
  let stepKey = d.currentStep;
  let stepDueAt = own.stepDueAt !== undefined ? own.stepDueAt : d.currentStepDueAt;
  let step: Effect['step'] = null;
  if (FINAL_STATUSES.includes(m.to)) {
    stepKey = null;
    stepDueAt = null;
  } else if (m.to !== 'SUPPLEMENT_REQUESTED' && m.action !== 'supplement' && m.action !== 'extend') {
    // Step hand-over: the next step's own deadline from its share of the legal time.
    const next = stepFor(p.steps, d.currentStep, m.to, own.level ?? d.agencyLevel);
    if (next && next.key !== d.currentStep) {
      const value = p.value * Number(next.share);
      stepKey = next.key;
      stepDueAt = value > 0 ? cal.addWorkingTime(own.clockStart ?? m.now, value, p.unit, { applyLateReceptionCutoff: false }).at : m.now;
      step = { key: stepKey, dueAt: stepDueAt };
    }
  }
  return { set: { status: m.to, ...own.set, currentStep: stepKey, currentStepDueAt: stepDueAt }, eventData: own.eventData, step, stages: own.stages };
}
