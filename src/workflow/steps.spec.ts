import type { WorkflowStep } from '../catalog/procedure.types';
import { classify } from '../dossiers/dossier-rules';
import { stageShare, stepFor } from './steps';
import { formatHours } from './queue.service';

const step = (key: string, role: WorkflowStep['role'], share: number, level: WorkflowStep['level'] = 'COMMUNE'): WorkflowStep => ({
  key, name: key, role, share, level, agencyKind: 'JUSTICE',
});
const single = [step('receive', 'CLERK', 0.1), step('examine', 'SPECIALIST', 0.5), step('approve', 'LEADER', 0.3), step('return', 'CLERK', 0.1)];
const twoLevel = [
  step('receive', 'CLERK', 0.1), step('check', 'SPECIALIST', 0.1),
  step('examine', 'SPECIALIST', 0.4, 'DISTRICT'), step('approve', 'LEADER', 0.3, 'DISTRICT'), step('return', 'CLERK', 0.1),
];
const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);

describe('stepFor', () => {
  it('after reception the examination step runs', () => expect(stepFor(single, 'receive', 'RECEIVED', 'COMMUNE')?.key).toBe('examine'));
  it('proposal hands over to the leader', () => expect(stepFor(single, 'examine', 'PENDING_APPROVAL', 'COMMUNE')?.key).toBe('approve'));
  it('approval hands over to the return desk', () => expect(stepFor(single, 'approve', 'RESULT_READY', 'COMMUNE')?.key).toBe('return'));
  it('a rejection goes back to examination', () => expect(stepFor(single, 'approve', 'IN_PROGRESS', 'COMMUNE')?.key).toBe('examine'));
  it('final statuses have no step', () => expect(stepFor(single, 'return', 'RETURNED', 'COMMUNE')).toBeNull());
  it('liên thông: steps at the agency level first', () => {
    expect(stepFor(twoLevel, 'receive', 'RECEIVED', 'COMMUNE')?.key).toBe('check');
    expect(stepFor(twoLevel, 'check', 'RECEIVED', 'DISTRICT')?.key).toBe('examine');
    expect(stepFor(twoLevel, 'approve', 'RESULT_READY', 'DISTRICT')?.key).toBe('return');
  });
  it('no steps → null', () => expect(stepFor([], null, 'RECEIVED', 'COMMUNE')).toBeNull());
});

describe('stageShare', () => {
  it('single-level procedure: the whole time', () => expect(stageShare(single, 'COMMUNE')).toBe(1));
  it('two levels: the shares at each level', () => {
    expect(stageShare(twoLevel, 'COMMUNE')).toBeCloseTo(0.3);
    expect(stageShare(twoLevel, 'DISTRICT')).toBeCloseTo(0.7);
  });
  it('a level without steps gets nothing of its own', () => expect(stageShare(twoLevel, 'PROVINCE')).toBe(0));
});

describe('classify (trước hạn / đúng hạn / quá hạn)', () => {
  const due = at('2026-11-26 10:00');
  it('a day before the appointment is early', () => expect(classify(at('2026-11-25 16:00'), due, false)).toBe('EARLY'));
  it('on the appointment day before the hour is on time', () => expect(classify(at('2026-11-26 08:30'), due, false)).toBe('ON_TIME'));
  it('exactly at the deadline is on time', () => expect(classify(due, due, false)).toBe('ON_TIME'));
  it('one minute after is late', () => expect(classify(at('2026-11-26 10:01'), due, false)).toBe('LATE'));
  it('an extended dossier is late even when early against the new date', () => expect(classify(at('2026-11-20 10:00'), due, true)).toBe('LATE'));
  it('no deadline counts as on time', () => expect(classify(at('2026-11-20 10:00'), null, false)).toBe('ON_TIME'));
});

describe('formatHours', () => {
  it('minutes', () => expect(formatHours(30 * 60_000)).toBe('30 phút làm việc'));
  it('hours and minutes', () => expect(formatHours(150 * 60_000)).toBe('2 giờ 30 phút làm việc'));
  it('days of 8 hours', () => expect(formatHours(19 * 3_600_000)).toBe('2 ngày 3 giờ làm việc'));
  it('zero', () => expect(formatHours(0)).toBe('0 phút làm việc'));
});
