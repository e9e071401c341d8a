import { classify, isOverdueAt, processingEnded, statusLabel, type DossierClock } from './dossier-rules';
import { DOSSIER_STATUSES } from './dossier.types';

const at = (s: string) => new Date(`${s}+07:00`);
const DUE = at('2026-11-26T10:00:00');
const open = (over: Partial<DossierClock> = {}): DossierClock => ({ status: 'IN_PROGRESS', dueAt: DUE, pausedAt: null, processingEndedAt: null, ...over });

/** The rule written as cases: [name, dossier, instant, overdue]. Shared with the SQL twin's e2e check. */
export const OVERDUE_CASES: [string, DossierClock, Date, boolean][] = [
  ['one second before the due time', open(), at('2026-11-26T09:59:59'), false],
  ['exactly at the due time', open(), DUE, false],
  ['one second after the due time', open(), at('2026-11-26T10:00:01'), true],
  ['days after', open(), at('2026-12-10T08:00:00'), true],
  ['received, not yet assigned, past due', open({ status: 'RECEIVED' }), at('2026-11-27T08:00:00'), true],
  ['waiting for approval, past due', open({ status: 'PENDING_APPROVAL' }), at('2026-11-27T08:00:00'), true],
  ['in transfer, past due', open({ status: 'TRANSFERRED' }), at('2026-11-27T08:00:00'), true],
  ['not received: no clock', open({ status: 'SUBMITTED', dueAt: null }), at('2027-01-01T08:00:00'), false],
  ['supplement asked at reception: no clock', open({ status: 'SUPPLEMENT_REQUESTED', dueAt: null, pausedAt: at('2026-11-20T09:00:00') }), at('2027-01-01T08:00:00'), false],
  ['paused before the due time, instant after it', open({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-25T09:00:00') }), at('2026-11-28T09:00:00'), false],
  ['paused one second before the due time', open({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-26T09:59:59') }), at('2026-11-26T10:00:01'), false],
  ['paused exactly at the due time', open({ status: 'SUPPLEMENT_REQUESTED', pausedAt: DUE }), at('2026-11-26T10:00:01'), false],
  ['paused after it was already overdue', open({ status: 'SUPPLEMENT_REQUESTED', pausedAt: at('2026-11-26T10:00:01') }), at('2026-11-26T10:00:02'), true],
  ['result ready after the due time: processing ended', open({ status: 'RESULT_READY', processingEndedAt: at('2026-11-27T08:00:00') }), at('2026-12-01T08:00:00'), false],
  ['result ready (no end instant recorded)', open({ status: 'RESULT_READY' }), at('2026-12-01T08:00:00'), false],
  ['returned late', open({ status: 'RETURNED', processingEndedAt: at('2026-11-27T08:00:00') }), at('2026-12-01T08:00:00'), false],
  ['transferred back with its approved result', open({ status: 'TRANSFERRED', processingEndedAt: at('2026-11-25T08:00:00') }), at('2026-12-01T08:00:00'), false],
  ['refused', open({ status: 'REFUSED', dueAt: null, processingEndedAt: at('2026-11-20T08:00:00') }), at('2026-12-01T08:00:00'), false],
  ['withdrawn while overdue', open({ status: 'WITHDRAWN', processingEndedAt: at('2026-11-27T08:00:00') }), at('2026-12-01T08:00:00'), false],
];

describe('overdue as of an instant (DESIGN "When a dossier is late")', () => {
  it.each(OVERDUE_CASES)('%s', (_name, d, instant, expected) => {
    expect(isOverdueAt(d, instant)).toBe(expected);
  });
});

describe('processing ended', () => {
  const ended: Record<string, boolean> = {
    SUBMITTED: false, RECEIVED: false, IN_PROGRESS: false, SUPPLEMENT_REQUESTED: false, PENDING_APPROVAL: false, TRANSFERRED: false,
    RESULT_READY: true, RETURNED: true, REFUSED: true, WITHDRAWN: true,
  };
  it.each(DOSSIER_STATUSES.map((s) => [s, ended[s]] as const))('%s → %s', (status, expected) => {
    expect(processingEnded({ status, processingEndedAt: null })).toBe(expected);
  });
  it('a recorded end instant ends processing whatever the status', () => {
    expect(processingEnded({ status: 'TRANSFERRED', processingEndedAt: new Date() })).toBe(true);
  });
});

describe('timeliness', () => {
  const cases: [string, Date, Date | null, boolean, string][] = [
    ['an earlier day', at('2026-11-25T16:00:00'), DUE, false, 'EARLY'],
    ['the due day, before the time', at('2026-11-26T08:00:00'), DUE, false, 'ON_TIME'],
    ['exactly at the due time', DUE, DUE, false, 'ON_TIME'],
    ['one second late', at('2026-11-26T10:00:01'), DUE, false, 'LATE'],
    ['early but extended', at('2026-11-20T10:00:00'), DUE, true, 'LATE'],
    ['no due date', at('2026-11-20T10:00:00'), null, false, 'ON_TIME'],
    ['just before local midnight of the day before', at('2026-11-25T23:59:59'), DUE, false, 'EARLY'],
  ];
  it.each(cases)('%s', (_n, ended, due, extended, expected) => {
    expect(classify(ended, due, extended)).toBe(expected);
  });
});

describe('labels', () => {
  it('every status has a Vietnamese label', () => {
    for (const s of DOSSIER_STATUSES) expect(statusLabel(s)).not.toBe(s);
  });
});
