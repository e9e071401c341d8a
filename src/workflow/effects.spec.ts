import { WorkingCalendar } from '../calendar/working-calendar';
import { toIsoLocal } from '../common/local-time';
import type { WorkflowStep } from '../catalog/procedure.types';
import { effectOf, type DossierState, type MoveInput, type ProcedureTerms } from './effects';

const at = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const local = (d: Date | null | undefined): string | null => (d ? toIsoLocal(d).slice(0, 16).replace('T', ' ') : null);
const cal = new WorkingCalendar();

const step = (key: string, role: WorkflowStep['role'], share: number, level = 'COMMUNE'): WorkflowStep =>
  ({ key, name: key, role, share, level, agencyKind: 'JUSTICE' }) as WorkflowStep;
/** One commune procedure: receive 0.1, examine 0.5, approve 0.3, return 0.1 of 2 working days. */
const commune: ProcedureTerms = {
  value: 2,
  unit: 'WORKING_DAY',
  steps: [step('receive', 'CLERK', 0.1), step('examine', 'SPECIALIST', 0.5), step('approve', 'LEADER', 0.3), step('return', 'CLERK', 0.1)],
};
/** Commune receives (0.2), district decides (0.8) — inter-level. */
const twoLevels: ProcedureTerms = {
  value: 10,
  unit: 'WORKING_DAY',
  steps: [step('receive', 'CLERK', 0.2), step('examine', 'SPECIALIST', 0.5, 'DISTRICT'), step('approve', 'LEADER', 0.3, 'DISTRICT')],
};

const state = (over: Partial<DossierState> = {}): DossierState => ({
  status: 'SUBMITTED',
  agencyCode: '00715.TPHT',
  agencyLevel: 'COMMUNE',
  receivedAt: null,
  dueAt: null,
  pausedAt: null,
  pausedWorkingSeconds: 0,
  extensionCount: 0,
  processingEndedAt: null,
  timeliness: null,
  currentStep: null,
  currentStepDueAt: null,
  openStages: [],
  lastStageSeq: 0,
  ...over,
});
const move = (action: MoveInput['action'], to: MoveInput['to'], now: string, extra: Partial<MoveInput> = {}): MoveInput => ({ action, to, now: at(now), ...extra });
const received = (over: Partial<DossierState> = {}) =>
  state({ status: 'RECEIVED', receivedAt: at('2026-11-23 10:00'), dueAt: at('2026-11-25 10:00'), currentStep: 'examine', currentStepDueAt: at('2026-11-24 10:00'), openStages: [{ seq: 1, dueAt: at('2026-11-25 10:00') }], lastStageSeq: 1, ...over });

describe('receive', () => {
  it('starts the clock at reception: due, original due, a first stage, the first step', () => {
    const e = effectOf(state(), commune, move('receive', 'RECEIVED', '2026-11-23 10:00'), cal);
    expect(local(e.set.receivedAt)).toBe('2026-11-23 10:00');
    expect(local(e.set.dueAt)).toBe('2026-11-25 10:00');
    expect(local(e.set.originalDueAt)).toBe('2026-11-25 10:00');
    expect(e.stages).toEqual([{ op: 'open', seq: 1, agencyCode: '00715.TPHT', startedAt: at('2026-11-23 10:00'), dueAt: at('2026-11-25 10:00') }]);
    expect(e.step?.key).toBe('examine');
    expect(local(e.step?.dueAt)).toBe('2026-11-24 10:00'); // 0.5 × 2 days = 8 working hours
    expect(e.eventData.dueExplanation).toEqual(expect.any(String));
    expect(e.set.allowedWorkingSeconds).toBe(2 * 8 * 3600);
  });
  it('outside working hours starts at the next working instant (Saturday → Monday 08:00)', () => {
    const e = effectOf(state(), commune, move('receive', 'RECEIVED', '2026-11-21 09:00'), cal);
    expect(local(e.set.dueAt)).toBe('2026-11-24 17:00');
    expect(e.stages[0]).toMatchObject({ startedAt: at('2026-11-23 08:00') });
  });
  it('an inter-level procedure gives the receiving stage only its share', () => {
    const e = effectOf(state(), twoLevels, move('receive', 'RECEIVED', '2026-11-23 08:00'), cal);
    expect(local(e.set.dueAt)).toBe('2026-12-04 17:00'); // 80 working hours end at a period's end: it stays there
    expect(e.stages[0]).toMatchObject({ op: 'open', dueAt: at('2026-11-24 17:00') }); // 0.2 × 10 days
  });
  it('a transfer arriving changes nothing but the step', () => {
    const e = effectOf(received({ status: 'TRANSFERRED' }), commune, move('receive', 'RECEIVED', '2026-11-24 08:00'), cal);
    expect(e.set.receivedAt).toBeUndefined();
    expect(e.stages).toEqual([]);
  });
});

describe('supplement request and supplement', () => {
  it('a request at reception stops no clock', () => {
    const e = effectOf(state(), commune, move('request-supplement', 'SUPPLEMENT_REQUESTED', '2026-11-23 10:00'), cal);
    expect(e.set.pausedAt).toBeUndefined();
    expect(e.set.currentStep).toBeNull();
  });
  it('a request during processing pauses the clock and keeps the step', () => {
    const e = effectOf(received(), commune, move('request-supplement', 'SUPPLEMENT_REQUESTED', '2026-11-23 14:00'), cal);
    expect(e.set.pausedAt).toEqual(at('2026-11-23 14:00'));
    expect(e.eventData.paused).toBe(true);
    expect(e.set.currentStep).toBe('examine');
  });
  it('supplementing moves the due time, the step and the open stage by the working time paused', () => {
    const paused = received({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-23 14:00') });
    // Paused from Monday 14:00 to Tuesday 14:00 = 8 working hours.
    const e = effectOf(paused, commune, move('supplement', 'RECEIVED', '2026-11-24 14:00'), cal);
    expect(local(e.set.dueAt)).toBe('2026-11-26 10:00');
    expect(e.set.pausedAt).toBeNull();
    expect(local(e.set.currentStepDueAt)).toBe('2026-11-25 10:00');
    expect(e.stages).toEqual([{ op: 'set-due', seq: 1, dueAt: at('2026-11-26 10:00') }]);
    expect(e.eventData).toMatchObject({ pausedWorkingMinutes: 480, dueAtBefore: '2026-11-25T10:00:00+07:00', dueAtAfter: '2026-11-26T10:00:00+07:00' });
    expect(e.set.pausedWorkingSeconds).toBe(8 * 3600);
  });
  it('supplementing over a weekend counts only working time', () => {
    const paused = received({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-27 16:00') });
    const e = effectOf(paused, commune, move('supplement', 'RECEIVED', '2026-11-30 09:00'), cal);
    expect(e.eventData.pausedWorkingMinutes).toBe(120);
  });
  it('a supplement at reception (no pause) moves nothing', () => {
    const e = effectOf(state({ status: 'SUPPLEMENT_REQUESTED' }), commune, move('supplement', 'SUBMITTED', '2026-11-24 14:00'), cal);
    expect(e.set.dueAt).toBeUndefined();
    expect(e.stages).toEqual([]);
  });
});

describe('refuse and withdraw', () => {
  it('refusal ends processing and closes every stage, without timeliness', () => {
    const e = effectOf(state(), commune, move('refuse', 'REFUSED', '2026-11-23 10:00'), cal);
    expect(e.set).toMatchObject({ status: 'REFUSED', completedAt: at('2026-11-23 10:00'), processingEndedAt: at('2026-11-23 10:00'), currentStep: null, currentStepDueAt: null });
    expect(e.set.timeliness).toBeUndefined();
    expect(e.stages).toEqual([{ op: 'close-all', completedAt: at('2026-11-23 10:00') }]);
  });
  it('withdrawal while paused clears the pause', () => {
    const e = effectOf(received({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-23 14:00') }), commune, move('withdraw', 'WITHDRAWN', '2026-11-24 10:00'), cal);
    expect(e.set.pausedAt).toBeNull();
    expect(e.set.processingEndedAt).toEqual(at('2026-11-24 10:00'));
  });
});

describe('assign, propose, reject', () => {
  it('assignment records the specialist', () => {
    const e = effectOf(received(), commune, move('assign', 'IN_PROGRESS', '2026-11-23 11:00', { assigneeId: 'u-1' }), cal);
    expect(e.set.assigneeUserId).toBe('u-1');
    expect(e.eventData).toEqual({ assignee: 'u-1' });
  });
  it('a proposal hands over to the approval step with its own deadline', () => {
    const e = effectOf(received({ status: 'IN_PROGRESS' }), commune, move('propose', 'PENDING_APPROVAL', '2026-11-23 14:00'), cal);
    expect(e.step?.key).toBe('approve');
    expect(local(e.step?.dueAt)).toBe('2026-11-24 09:48'); // 0.3 × 16 h = 4.8 h: 3 h on Monday, 1.8 h on Tuesday
  });
  it('a rejection goes back to examination', () => {
    const e = effectOf(received({ status: 'PENDING_APPROVAL', currentStep: 'approve' }), commune, move('reject', 'IN_PROGRESS', '2026-11-24 08:00'), cal);
    expect(e.step?.key).toBe('examine');
  });
});

describe('approve and return', () => {
  it('approval ends processing: early when a day before the due day; the working time used excludes pauses', () => {
    const e = effectOf(received({ status: 'PENDING_APPROVAL', currentStep: 'approve' }), commune, move('approve', 'RESULT_READY', '2026-11-24 15:00'), cal);
    expect(e.set).toMatchObject({ status: 'RESULT_READY', processingEndedAt: at('2026-11-24 15:00'), timeliness: 'EARLY' });
    // Monday 10:00 → Tuesday 15:00 = 6 + 6 working hours
    expect(e.set.workingSeconds).toBe(12 * 3600);
    const paused = effectOf(received({ status: 'PENDING_APPROVAL', pausedWorkingSeconds: 2 * 3600 }), commune, move('approve', 'RESULT_READY', '2026-11-24 15:00'), cal);
    expect(paused.set.workingSeconds).toBe(10 * 3600);
    expect(e.eventData).toEqual({ timeliness: 'EARLY' });
  });
  it('approval after the due time is late; returning the result later does not change it', () => {
    const a = effectOf(received({ status: 'PENDING_APPROVAL' }), commune, move('approve', 'RESULT_READY', '2026-11-25 10:01'), cal);
    expect(a.set.timeliness).toBe('LATE');
    const ready = received({ status: 'RESULT_READY', processingEndedAt: at('2026-11-25 10:01'), timeliness: 'LATE' });
    const r = effectOf(ready, commune, move('return-result', 'RETURNED', '2026-11-30 08:00'), cal);
    expect(r.set).toMatchObject({ completedAt: at('2026-11-30 08:00'), timeliness: 'LATE', currentStep: null });
    expect(r.set.processingEndedAt).toBeUndefined();
  });
  it('approval on time, returned a week later: still on time (processing ended at approval)', () => {
    const a = effectOf(received({ status: 'PENDING_APPROVAL' }), commune, move('approve', 'RESULT_READY', '2026-11-25 09:00'), cal);
    expect(a.set.timeliness).toBe('ON_TIME');
    const ready = received({ status: 'RESULT_READY', processingEndedAt: at('2026-11-25 09:00'), timeliness: 'ON_TIME' });
    expect(effectOf(ready, commune, move('return-result', 'RETURNED', '2026-12-02 08:00'), cal).set.timeliness).toBe('ON_TIME');
  });
  it('an extended dossier is late even when approved before the new appointment', () => {
    const e = effectOf(received({ status: 'PENDING_APPROVAL', extensionCount: 1, dueAt: at('2026-12-01 10:00') }), commune, move('approve', 'RESULT_READY', '2026-11-26 09:00'), cal);
    expect(e.set.timeliness).toBe('LATE');
  });
  it('returning closes the open stage with its own timeliness', () => {
    const ready = received({ status: 'RESULT_READY', processingEndedAt: at('2026-11-24 15:00'), timeliness: 'EARLY' });
    const r = effectOf(ready, commune, move('return-result', 'RETURNED', '2026-11-25 11:00'), cal);
    expect(r.stages).toEqual([{ op: 'close', seq: 1, completedAt: at('2026-11-25 11:00'), timeliness: 'LATE' }]);
  });
});

describe('transfer (liên thông)', () => {
  it('closes the stage and opens the next agency’s stage with its share, never past the dossier’s due time', () => {
    const d = received({ status: 'RECEIVED', dueAt: at('2026-12-07 08:00'), openStages: [{ seq: 1, dueAt: at('2026-11-25 08:00') }] });
    const e = effectOf(d, twoLevels, move('transfer', 'TRANSFERRED', '2026-11-24 08:00', { target: { code: '026.PTP', name: 'Phòng Tư pháp', level: 'DISTRICT' } }), cal);
    expect(e.set).toMatchObject({ agencyCode: '026.PTP', assigneeUserId: null });
    expect(e.stages).toEqual([
      { op: 'close', seq: 1, completedAt: at('2026-11-24 08:00'), timeliness: 'EARLY' },
      { op: 'open', seq: 2, agencyCode: '026.PTP', startedAt: at('2026-11-24 08:00'), dueAt: at('2026-12-03 17:00') }, // 0.8 × 10 days
    ]);
    expect(e.eventData).toMatchObject({ toAgencyCode: '026.PTP', stageDueAt: '2026-12-03T17:00:00+07:00' });
    const tight = effectOf({ ...d, dueAt: at('2026-12-01 10:00') }, twoLevels, move('transfer', 'TRANSFERRED', '2026-11-24 08:00', { target: { code: '026.PTP', level: 'DISTRICT' } }), cal);
    expect(tight.stages[1]).toMatchObject({ dueAt: at('2026-12-01 10:00') });
  });
  it('a result travelling back keeps the dossier’s due time for the last stage', () => {
    const d = received({ status: 'RESULT_READY', agencyCode: '026.PTP', agencyLevel: 'DISTRICT', processingEndedAt: at('2026-11-30 08:00'), openStages: [{ seq: 2, dueAt: at('2026-12-07 08:00') }], lastStageSeq: 2 });
    const e = effectOf(d, twoLevels, move('transfer', 'TRANSFERRED', '2026-11-30 09:00', { target: { code: '00715.TPHT', level: 'COMMUNE' } }), cal);
    expect(e.stages[1]).toMatchObject({ op: 'open', seq: 3, dueAt: d.dueAt });
  });
});

describe('extend', () => {
  it('sets the new appointment and counts the extension, keeping the step', () => {
    const e = effectOf(received({ status: 'IN_PROGRESS' }), commune, move('extend', 'IN_PROGRESS', '2026-11-24 09:00', { newDueAt: at('2026-11-27 17:00') }), cal);
    expect(e.set).toMatchObject({ dueAt: at('2026-11-27 17:00'), extensionCount: 1, extendedAt: at('2026-11-24 09:00'), currentStep: 'examine' });
    expect(e.eventData).toEqual({ previousDueAt: '2026-11-25T10:00:00+07:00', newDueAt: '2026-11-27T17:00:00+07:00' });
    expect(e.step).toBeNull();
  });
});
