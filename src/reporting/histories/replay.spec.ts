import { WorkingCalendar } from '../../calendar/working-calendar';
import type { DossierEventRow, DossierRow, DossierStageRow } from '../../dossiers/dossier-rows';
import type { DossierStatus } from '../../dossiers/dossier.types';
import { replay, type ReplayAgency, type ReplayTerms } from './replay';

/** Local (UTC+07:00) instant: at('2026-11-23 10:00') is Monday 10:00 in Vietnam. */
const at = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const cal = new WorkingCalendar();
const oneDay: ReplayTerms = { value: 1, unit: 'WORKING_DAY', steps: [], requiresPrepayment: false };
const threeDays: ReplayTerms = { ...oneDay, value: 3 };
const AGENCIES: Record<string, ReplayAgency> = {
  C1: { code: 'C1', name: 'UBND xã Một', level: 'COMMUNE', kind: 'PEOPLES_COMMITTEE' },
  C2: { code: 'C2', name: 'UBND xã Hai', level: 'COMMUNE', kind: 'PEOPLES_COMMITTEE' },
  D1: { code: 'D1', name: 'Phòng Tư pháp huyện', level: 'DISTRICT', kind: 'JUSTICE' },
};
const agencies = (code: string) => AGENCIES[code];

function row(over: Partial<DossierRow> = {}): DossierRow {
  return {
    id: 'd-1', code: 'C1-261123-0001', procedureId: 'p-1', procedureCode: '1.000001', sectorCode: 's', receivingAgencyCode: 'C1', agencyCode: 'C1',
    level: 'COMMUNE', status: 'SUBMITTED', version: 1, channel: 'ONLINE', applicantUserId: 'u-cit', applicantPersonalId: '001090000001',
    applicantName: 'Nguyễn Văn An', subjectPersonalId: null, subjectName: null, data: {}, prefill: {}, registryNote: null,
    submittedAt: at('2026-11-23 08:30'), receivedAt: null, dueAt: null, originalDueAt: null, pausedAt: null, extensionCount: 0, extendedAt: null,
    pausedWorkingSeconds: 0, workingSeconds: null, allowedWorkingSeconds: null, processingEndedAt: null, completedAt: null, timeliness: null,
    assigneeUserId: null, currentStep: null, currentStepDueAt: null, feeAmount: 0, paymentStatus: 'NOT_REQUIRED', bundleId: null,
    ...over,
  };
}

let nextId = 1;
type EvOpts = { role?: string; reason?: string; data?: Record<string, unknown>; actor?: string | null };
function ev(action: string, from: DossierStatus | null, to: DossierStatus, when: string, o: EvOpts = {}): DossierEventRow {
  return {
    id: String(nextId++), dossierId: 'd-1', at: at(when), action, fromStatus: from, toStatus: to, actorUserId: o.actor === undefined ? null : o.actor,
    actorName: 'x', actorRole: o.role ?? 'CLERK', agencyCode: 'C1', reason: o.reason ?? null, stepKey: null, stepDueAt: null, data: o.data ?? null,
  };
}
const submit = () => ev('submit', null, 'SUBMITTED', '2026-11-23 08:30', { role: 'CITIZEN', actor: 'u-cit' });
const receive = (when = '2026-11-23 10:00') => ev('receive', 'SUBMITTED', 'RECEIVED', when);
const stage = (seq: number, agencyCode: string, startedAt: Date, dueAt: Date | null, completedAt: Date | null = null, timeliness: DossierStageRow['timeliness'] = null): DossierStageRow =>
  ({ id: String(seq), seq, agencyCode, startedAt, dueAt, completedAt, timeliness });

/** A dossier received Monday 23/11/2026 10:00 under a one-working-day procedure, as the live workflow stores it. */
const receivedRow = (over: Partial<DossierRow> = {}) =>
  row({ status: 'RECEIVED', receivedAt: at('2026-11-23 10:00'), dueAt: at('2026-11-24 10:00'), originalDueAt: at('2026-11-24 10:00'), allowedWorkingSeconds: 28800, ...over });
const receivedStage = () => stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 10:00'));
const kinds = (v: { kind: string }[]) => v.map((x) => x.kind).sort();

describe('lawful histories replay without violations', () => {
  it('a submission waiting for reception', () => {
    expect(replay(row(), [submit()], [], oneDay, cal, agencies)).toEqual([]);
  });

  it('a reception: the due date and the stage from the working calendar', () => {
    expect(replay(receivedRow(), [submit(), receive()], [receivedStage()], oneDay, cal, agencies)).toEqual([]);
  });

  it('a reception after hours starts the clock at the next working instant (Friday 17:01 → Monday 17:00)', () => {
    const d = row({ status: 'RECEIVED', receivedAt: at('2026-11-27 17:01'), dueAt: at('2026-11-30 17:00'), originalDueAt: at('2026-11-30 17:00'), allowedWorkingSeconds: 28800 });
    expect(replay(d, [submit(), receive('2026-11-27 17:01')], [stage(1, 'C1', at('2026-11-30 08:00'), at('2026-11-30 17:00'))], oneDay, cal, agencies)).toEqual([]);
  });

  it('the main path to a returned result, timeliness judged at approval', () => {
    const d = receivedRow({
      status: 'RETURNED', processingEndedAt: at('2026-11-23 15:00'), completedAt: at('2026-11-24 09:00'), timeliness: 'EARLY', workingSeconds: 4 * 3600,
    });
    const events = [
      submit(), receive(),
      ev('assign', 'RECEIVED', 'IN_PROGRESS', '2026-11-23 11:00', { data: { assignee: 'u-spec' } }),
      ev('propose', 'IN_PROGRESS', 'PENDING_APPROVAL', '2026-11-23 14:00', { role: 'SPECIALIST', actor: 'u-spec' }),
      ev('approve', 'PENDING_APPROVAL', 'RESULT_READY', '2026-11-23 15:00', { role: 'LEADER', data: { timeliness: 'EARLY' } }),
      ev('return-result', 'RESULT_READY', 'RETURNED', '2026-11-24 09:00', { data: { timeliness: 'EARLY' } }),
    ];
    const stages = [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 10:00'), at('2026-11-24 09:00'), 'ON_TIME')];
    expect(replay(d, events, stages, oneDay, cal, agencies)).toEqual([]);
  });

  it('a supplement request pauses the clock; the supplement moves the due date by the working time paused', () => {
    const d = receivedRow({ dueAt: at('2026-11-25 10:00'), pausedWorkingSeconds: 8 * 3600 });
    const events = [
      submit(), receive(),
      ev('request-supplement', 'RECEIVED', 'SUPPLEMENT_REQUESTED', '2026-11-23 11:00', { reason: 'Thiếu giấy tờ' }),
      ev('supplement', 'SUPPLEMENT_REQUESTED', 'RECEIVED', '2026-11-24 11:00', { role: 'CITIZEN', actor: 'u-cit' }),
    ];
    expect(replay(d, events, [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-25 10:00'))], oneDay, cal, agencies)).toEqual([]);
  });

  it('a dossier waiting for its supplement is paused since the request', () => {
    const d = receivedRow({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-23 11:00') });
    const events = [submit(), receive(), ev('request-supplement', 'RECEIVED', 'SUPPLEMENT_REQUESTED', '2026-11-23 11:00', { reason: 'Thiếu giấy tờ' })];
    expect(replay(d, events, [receivedStage()], oneDay, cal, agencies)).toEqual([]);
  });

  it('a refusal at reception ends processing without a clock', () => {
    const d = row({ status: 'REFUSED', completedAt: at('2026-11-23 10:00'), processingEndedAt: at('2026-11-23 10:00') });
    const events = [submit(), ev('refuse', 'SUBMITTED', 'REFUSED', '2026-11-23 10:00', { reason: 'Không thuộc thẩm quyền' })];
    expect(replay(d, events, [], oneDay, cal, agencies)).toEqual([]);
  });

  it('a withdrawal after reception closes the stage and counts the working time used', () => {
    const d = receivedRow({ status: 'WITHDRAWN', completedAt: at('2026-11-23 14:00'), processingEndedAt: at('2026-11-23 14:00'), workingSeconds: 3 * 3600 });
    const events = [submit(), receive(), ev('withdraw', 'RECEIVED', 'WITHDRAWN', '2026-11-23 14:00', { role: 'CITIZEN', actor: 'u-cit' })];
    expect(replay(d, events, [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 10:00'), at('2026-11-23 14:00'))], oneDay, cal, agencies)).toEqual([]);
  });

  it('an imported or generated history without user ids: the actor is the one the identity guards expect', () => {
    const d = receivedRow({ applicantUserId: null, status: 'WITHDRAWN', completedAt: at('2026-11-23 14:00'), processingEndedAt: at('2026-11-23 14:00'), workingSeconds: 3 * 3600 });
    const events = [submit(), receive(), ev('withdraw', 'RECEIVED', 'WITHDRAWN', '2026-11-23 14:00', { role: 'CITIZEN', actor: null })];
    expect(replay(d, events, [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 10:00'), at('2026-11-23 14:00'))], oneDay, cal, agencies)).toEqual([]);
  });

  it('an apology with a new appointment, in time', () => {
    const d = receivedRow({ dueAt: at('2026-11-30 10:00'), originalDueAt: at('2026-11-26 10:00'), extensionCount: 1, allowedWorkingSeconds: 3 * 28800 });
    const events = [submit(), receive(), ev('extend', 'RECEIVED', 'RECEIVED', '2026-11-24 10:00', { reason: 'Cần xác minh', data: { newDueAt: '2026-11-30T10:00:00+07:00' } })];
    expect(replay(d, events, [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-26 10:00'))], threeDays, cal, agencies)).toEqual([]);
  });

  it('an inter-level transfer and back: each agency its stage', () => {
    const d = receivedRow({ status: 'RECEIVED', agencyCode: 'C1' });
    const events = [
      submit(), receive(),
      ev('transfer', 'RECEIVED', 'TRANSFERRED', '2026-11-23 11:00', { data: { toAgencyCode: 'D1' } }),
      ev('receive', 'TRANSFERRED', 'RECEIVED', '2026-11-23 13:00'),
      ev('transfer', 'RECEIVED', 'TRANSFERRED', '2026-11-23 15:00', { data: { toAgencyCode: 'C1' } }),
      ev('receive', 'TRANSFERRED', 'RECEIVED', '2026-11-23 16:00'),
    ];
    const stages = [
      stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 10:00'), at('2026-11-23 11:00'), 'EARLY'),
      stage(2, 'D1', at('2026-11-23 11:00'), at('2026-11-24 10:00'), at('2026-11-23 15:00'), 'EARLY'),
      stage(3, 'C1', at('2026-11-23 15:00'), at('2026-11-24 10:00')),
    ];
    expect(replay(d, events, stages, oneDay, cal, agencies)).toEqual([]);
  });

  it('a due date moved by a holiday decreed later (calendar-shift) is taken as recorded', () => {
    const holiday = new WorkingCalendar([{ date: '2026-11-24', name: 'Nghỉ mới', working: false }]);
    const d = receivedRow({ dueAt: at('2026-11-25 10:00') });
    const shift = ev('calendar-shift', 'RECEIVED', 'RECEIVED', '2026-11-23 12:00', {
      role: 'ADMIN',
      data: { dueAtBefore: '2026-11-24T10:00:00+07:00', dueAtAfter: '2026-11-25T10:00:00+07:00', stages: [{ seq: 1, dueAtBefore: '2026-11-24T10:00:00+07:00', dueAtAfter: '2026-11-25T10:00:00+07:00' }] },
    });
    expect(replay(d, [submit(), receive(), shift], [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-25 10:00'))], oneDay, holiday, agencies)).toEqual([]);
  });
});

describe('what the checker reports', () => {
  it('a night due date (received 00:51, due 00:51 the next day instead of 17:00)', () => {
    const d = receivedRow({ receivedAt: at('2026-11-24 00:51'), dueAt: at('2026-11-25 00:51'), originalDueAt: at('2026-11-25 00:51') });
    const v = replay(d, [submit(), receive('2026-11-24 00:51')], [stage(1, 'C1', at('2026-11-24 08:00'), at('2026-11-24 17:00'))], oneDay, cal, agencies);
    expect(kinds(v)).toEqual(['due-date', 'due-date', 'night-due-date']);
    expect(v.find((x) => x.kind === 'night-due-date')!.vi).toContain('không phải thời điểm làm việc');
    expect(v.find((x) => x.kind === 'due-date')!.vi).toContain('24/11/2026 17:00');
  });

  it('a refusal after reception', () => {
    const d = receivedRow({ status: 'REFUSED', completedAt: at('2026-11-23 14:00') });
    const events = [submit(), receive(), ev('refuse', 'RECEIVED', 'REFUSED', '2026-11-23 14:00', { reason: 'Không đủ điều kiện' })];
    const v = replay(d, events, [receivedStage()], oneDay, cal, agencies);
    const refused = v.filter((x) => x.kind === 'forbidden-move');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'C1-261123-0001', eventId: events[2].id, move: 'refuse ← RECEIVED' });
    expect(refused[0].vi).toContain('Từ chối tiếp nhận');
    expect(refused[0].en).toContain('refuse');
  });

  it('a pause without its supplement-request event', () => {
    const d = receivedRow({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-23 11:00') });
    const v = replay(d, [submit(), receive()], [receivedStage()], oneDay, cal, agencies);
    expect(kinds(v)).toEqual(['pause', 'status']);
    expect(v.find((x) => x.kind === 'pause')!.en).toContain('without a request-supplement event');
  });

  it('waiting for a supplement after reception with no pause at all', () => {
    const d = receivedRow({ status: 'SUPPLEMENT_REQUESTED' });
    const v = replay(d, [submit(), receive()], [receivedStage()], oneDay, cal, agencies);
    expect(kinds(v)).toEqual(['pause', 'status']);
  });

  it('an approval without a proposal', () => {
    const d = receivedRow({ status: 'RESULT_READY', processingEndedAt: at('2026-11-23 15:00'), timeliness: 'EARLY', workingSeconds: 4 * 3600 });
    const events = [
      submit(), receive(),
      ev('assign', 'RECEIVED', 'IN_PROGRESS', '2026-11-23 11:00', { data: { assignee: 'u-spec' } }),
      ev('approve', 'PENDING_APPROVAL', 'RESULT_READY', '2026-11-23 15:00', { role: 'LEADER' }),
    ];
    const v = replay(d, events, [receivedStage()], oneDay, cal, agencies);
    expect(kinds(v)).toEqual(['event-status', 'forbidden-move']);
    expect(v.find((x) => x.kind === 'forbidden-move')!.vi).toContain('Phê duyệt');
  });

  it('a refusal without a reason', () => {
    const d = row({ status: 'REFUSED', completedAt: at('2026-11-23 10:00'), processingEndedAt: at('2026-11-23 10:00') });
    const v = replay(d, [submit(), ev('refuse', 'SUBMITTED', 'REFUSED', '2026-11-23 10:00')], [], oneDay, cal, agencies);
    expect(kinds(v)).toEqual(['forbidden-move']);
    expect(v[0].vi).toContain('lý do');
  });

  it('a withdrawal by another citizen than the applicant', () => {
    const d = receivedRow({ status: 'WITHDRAWN', completedAt: at('2026-11-23 14:00'), processingEndedAt: at('2026-11-23 14:00'), workingSeconds: 3 * 3600 });
    const events = [submit(), receive(), ev('withdraw', 'RECEIVED', 'WITHDRAWN', '2026-11-23 14:00', { role: 'CITIZEN', actor: 'u-other' })];
    const v = replay(d, events, [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 10:00'), at('2026-11-23 14:00'))], oneDay, cal, agencies);
    expect(v).toEqual([expect.objectContaining({ kind: 'forbidden-move', move: 'withdraw ← RECEIVED', vi: expect.stringContaining('Chỉ người nộp') })]);
  });

  it('a reception without the prepayment the procedure requires', () => {
    const d = receivedRow({ feeAmount: 50000, paymentStatus: 'PENDING' });
    const v = replay(d, [submit(), receive()], [receivedStage()], { ...oneDay, requiresPrepayment: true }, cal, agencies);
    expect(v).toEqual([expect.objectContaining({ kind: 'forbidden-move', move: 'receive ← SUBMITTED' })]);
  });

  it('a move by the wrong role (a citizen approving)', () => {
    const d = receivedRow();
    const v = replay(d, [submit(), receive(), ev('assign', 'RECEIVED', 'IN_PROGRESS', '2026-11-23 11:00', { role: 'CITIZEN', data: { assignee: 'u-spec' } })],
      [receivedStage()], oneDay, cal, agencies);
    expect(kinds(v)).toContain('forbidden-move');
  });

  it('an apology after the working day before the deadline', () => {
    const d = receivedRow({ dueAt: at('2026-11-30 10:00'), originalDueAt: at('2026-11-26 10:00'), extensionCount: 1, allowedWorkingSeconds: 3 * 28800 });
    const events = [submit(), receive(), ev('extend', 'RECEIVED', 'RECEIVED', '2026-11-26 09:00', { reason: 'Cần xác minh', data: { newDueAt: '2026-11-30T10:00:00+07:00' } })];
    const v = replay(d, events, [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-26 10:00'))], threeDays, cal, agencies);
    expect(kinds(v)).toEqual(['forbidden-move']);
  });

  it('a new appointment at night', () => {
    const d = receivedRow({ dueAt: at('2026-11-30 03:00'), originalDueAt: at('2026-11-26 10:00'), extensionCount: 1, allowedWorkingSeconds: 3 * 28800 });
    const events = [submit(), receive(), ev('extend', 'RECEIVED', 'RECEIVED', '2026-11-24 10:00', { reason: 'Cần xác minh', data: { newDueAt: '2026-11-30T03:00:00+07:00' } })];
    const v = replay(d, events, [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-26 10:00'))], threeDays, cal, agencies);
    expect(kinds(v)).toEqual(expect.arrayContaining(['forbidden-move', 'night-due-date']));
  });

  it('a transfer to an agency of the same level and kind', () => {
    const events = [submit(), receive(), ev('transfer', 'RECEIVED', 'TRANSFERRED', '2026-11-23 11:00', { data: { toAgencyCode: 'C2' } })];
    const d = receivedRow({ status: 'TRANSFERRED', agencyCode: 'C2' });
    const stages = [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 10:00'), at('2026-11-23 11:00'), 'EARLY'), stage(2, 'C2', at('2026-11-23 11:00'), at('2026-11-24 10:00'))];
    expect(kinds(replay(d, events, stages, oneDay, cal, agencies))).toEqual(['forbidden-move']);
  });

  it('a wrong timeliness, processing end and working time', () => {
    const d = receivedRow({ status: 'RESULT_READY', processingEndedAt: null, timeliness: 'LATE', workingSeconds: null });
    const events = [
      submit(), receive(),
      ev('assign', 'RECEIVED', 'IN_PROGRESS', '2026-11-23 11:00', { data: { assignee: 'u-spec' } }),
      ev('propose', 'IN_PROGRESS', 'PENDING_APPROVAL', '2026-11-23 14:00', { role: 'SPECIALIST', actor: 'u-spec' }),
      ev('approve', 'PENDING_APPROVAL', 'RESULT_READY', '2026-11-23 15:00', { role: 'LEADER' }),
    ];
    expect(kinds(replay(d, events, [receivedStage()], oneDay, cal, agencies))).toEqual(['processing-ended', 'timeliness', 'working-time']);
  });

  it('stages missing or different', () => {
    expect(kinds(replay(receivedRow(), [submit(), receive()], [], oneDay, cal, agencies))).toEqual(['stages']);
    const v = replay(receivedRow(), [submit(), receive()], [stage(1, 'C1', at('2026-11-23 10:00'), at('2026-11-24 11:00'))], oneDay, cal, agencies);
    expect(v).toEqual([expect.objectContaining({ kind: 'stages', vi: expect.stringContaining('24/11/2026 11:00') })]);
  });

  it('a history that does not start with the submission, or has none', () => {
    expect(kinds(replay(receivedRow(), [receive()], [receivedStage()], oneDay, cal, agencies))).toEqual(['history']);
    expect(kinds(replay(row(), [], [], oneDay, cal, agencies))).toEqual(['history']);
  });

  it('events out of time order', () => {
    // one working day from Monday 08:00 is Monday 17:00; the submission (08:30) is recorded after the reception
    const d = receivedRow({ receivedAt: at('2026-11-23 08:00'), dueAt: at('2026-11-23 17:00'), originalDueAt: at('2026-11-23 17:00') });
    const v = replay(d, [submit(), receive('2026-11-23 08:00')], [stage(1, 'C1', at('2026-11-23 08:00'), at('2026-11-23 17:00'))], oneDay, cal, agencies);
    expect(kinds(v)).toEqual(['event-order']);
  });

  it('a stored status the events do not reach, and a wrong holding agency', () => {
    expect(kinds(replay(receivedRow({ status: 'IN_PROGRESS', agencyCode: 'D1' }), [submit(), receive()], [receivedStage()], oneDay, cal, agencies))).toEqual(['agency', 'status']);
  });

  it('a calendar shift that starts from a due date the history does not give', () => {
    const d = receivedRow({ dueAt: at('2026-11-27 10:00') });
    const shift = ev('calendar-shift', 'RECEIVED', 'RECEIVED', '2026-11-23 12:00', {
      role: 'ADMIN', data: { dueAtBefore: '2026-11-26T10:00:00+07:00', dueAtAfter: '2026-11-27T10:00:00+07:00' },
    });
    expect(kinds(replay(d, [submit(), receive(), shift], [receivedStage()], oneDay, cal, agencies))).toEqual(['due-date']);
  });
});
