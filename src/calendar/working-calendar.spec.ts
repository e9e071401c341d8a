import { readFileSync } from 'fs';
import { join } from 'path';
import { describeLocal, describeLocalDate, WorkingCalendar } from './working-calendar';
import { CalendarException } from './calendar.types';
import { formatLocal, fromLocal, localDateOf, toIsoLocal } from '../common/local-time';

/** Local (UTC+07:00) instant: at('2025-11-10 10:00'). */
const at = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+07:00`);
/** Local rendering of an instant, for readable expectations: "2025-11-13 10:00". */
const local = (d: Date): string => toIsoLocal(d).slice(0, 16).replace('T', ' ');
const HOUR = 3_600_000;

const holidays: CalendarException[] = JSON.parse(
  readFileSync(join(__dirname, '../../seeds/calendar/holidays.json'), 'utf8'),
);
const plain = new WorkingCalendar();
const vn = new WorkingCalendar(holidays);
const lateCutoff = new WorkingCalendar(holidays, { lateReceptionCutoff: 15 * 60 });

const due = (cal: WorkingCalendar, start: string, value: number, unit: 'WORKING_DAY' | 'WORKING_HOUR' = 'WORKING_DAY') =>
  local(cal.addWorkingTime(at(start), value, unit).at);

describe('construction', () => {
  it('rejects another time zone', () => {
    expect(() => new WorkingCalendar([], { timeZone: 'Asia/Bangkok' as 'Asia/Ho_Chi_Minh' })).toThrow(/time zone/);
  });
  it('rejects overlapping or unsorted periods', () => {
    expect(() => new WorkingCalendar([], { periods: [[13 * 60, 17 * 60], [8 * 60, 12 * 60]] })).toThrow(RangeError);
    expect(() => new WorkingCalendar([], { periods: [] })).toThrow(RangeError);
  });
  it('rejects duplicate and malformed exception dates', () => {
    const e = { date: '2026-01-01', name: 'Tết Dương lịch', working: false };
    expect(() => new WorkingCalendar([e, e])).toThrow(/Duplicate/);
    expect(() => new WorkingCalendar([{ ...e, date: '01/01/2026' }])).toThrow(RangeError);
  });
  it('exposes the exception of a date', () => {
    expect(vn.exceptionOn('2026-04-27')?.name).toMatch(/Nghỉ bù Giỗ Tổ Hùng Vương/);
    expect(vn.exceptionOn('2026-04-28')).toBeUndefined();
  });
});

describe('isWorkingDay', () => {
  it('Monday to Friday are working days', () => {
    expect(['2025-11-10', '2025-11-11', '2025-11-12', '2025-11-13', '2025-11-14'].map((d) => plain.isWorkingDay(d))).toEqual([
      true, true, true, true, true,
    ]);
  });
  it('Saturday and Sunday are not', () => {
    expect(plain.isWorkingDay('2025-11-15')).toBe(false);
    expect(plain.isWorkingDay('2025-11-16')).toBe(false);
  });
  it('a public holiday on a weekday is not', () => {
    expect(vn.isWorkingDay('2026-09-02')).toBe(false);
    expect(vn.isWorkingDay('2026-02-17')).toBe(false);
  });
  it('a Saturday declared a working day (ngày làm bù) is', () => {
    expect(vn.isWorkingDay('2026-01-10')).toBe(true);
    expect(vn.isWorkingDay('2026-08-22')).toBe(true);
  });
  it('the compensatory day off after a holiday on a weekend is not', () => {
    expect(vn.isWorkingDay('2026-04-26')).toBe(false); // Giỗ Tổ, Sunday
    expect(vn.isWorkingDay('2026-04-27')).toBe(false); // nghỉ bù, Monday
    expect(vn.isWorkingDay('2026-04-28')).toBe(true);
  });
  it('isWorkingInstant excludes lunch, nights and the period end', () => {
    expect(plain.isWorkingInstant(at('2025-11-10 08:00'))).toBe(true);
    expect(plain.isWorkingInstant(at('2025-11-10 12:00'))).toBe(false);
    expect(plain.isWorkingInstant(at('2025-11-10 16:59'))).toBe(true);
    expect(plain.isWorkingInstant(at('2025-11-10 17:00'))).toBe(false);
  });
});

describe('nextWorkingInstant', () => {
  const next = (s: string, cal = plain) => local(cal.nextWorkingInstant(at(s)));
  it('inside a period it is the instant itself', () => expect(next('2025-11-10 10:17')).toBe('2025-11-10 10:17'));
  it('08:00 exactly is itself', () => expect(next('2025-11-10 08:00')).toBe('2025-11-10 08:00'));
  it('before opening moves to 08:00', () => expect(next('2025-11-10 06:45')).toBe('2025-11-10 08:00'));
  it('12:30 moves to 13:00', () => expect(next('2025-11-10 12:30')).toBe('2025-11-10 13:00'));
  it('12:00 exactly moves to 13:00', () => expect(next('2025-11-10 12:00')).toBe('2025-11-10 13:00'));
  it('13:00 exactly is itself', () => expect(next('2025-11-10 13:00')).toBe('2025-11-10 13:00'));
  it('17:30 moves to 08:00 the next working day', () => expect(next('2025-11-11 17:30')).toBe('2025-11-12 08:00'));
  it('17:00 exactly moves to 08:00 the next working day', () => expect(next('2025-11-11 17:00')).toBe('2025-11-12 08:00'));
  it('Friday evening moves to Monday 08:00', () => expect(next('2025-11-14 17:30')).toBe('2025-11-17 08:00'));
  it('a Sunday moves to Monday 08:00', () => expect(next('2025-11-16 10:00')).toBe('2025-11-17 08:00'));
  it('the Tết block moves to the first working day after it', () => expect(next('2026-02-17 09:00', vn)).toBe('2026-02-23 08:00'));
  it('a working Saturday opens at 08:00', () => expect(next('2026-01-10 07:00', vn)).toBe('2026-01-10 08:00'));
  it('does not depend on the UTC date (00:30 local is the previous UTC day)', () => {
    expect(toIsoLocal(plain.nextWorkingInstant(new Date('2025-11-09T17:30:00Z')))).toBe('2025-11-10T08:00:00+07:00');
  });
  it('returns a new Date, not the argument', () => {
    const d = at('2025-11-10 10:00');
    expect(plain.nextWorkingInstant(d)).not.toBe(d);
  });
});

describe('addWorkingTime — the rules’ examples', () => {
  it('received Monday 10:00 + 3 days → Thursday 10:00', () => expect(due(plain, '2025-11-10 10:00', 3)).toBe('2025-11-13 10:00'));
  it('received Friday 16:00 + 1 day → Monday 16:00', () => expect(due(plain, '2025-11-14 16:00', 1)).toBe('2025-11-17 16:00'));
  it('reception at 12:30 starts at 13:00', () => {
    const d = plain.addWorkingTime(at('2025-11-10 12:30'), 1, 'WORKING_DAY');
    expect(d.explanation.effectiveStart).toBe('2025-11-10T13:00:00+07:00');
    expect(local(d.at)).toBe('2025-11-11 12:00'); // 4 h that afternoon + 4 h next morning, ending on the period end
  });
  it('reception at 17:30 starts at 08:00 the next working day', () => {
    const d = plain.addWorkingTime(at('2025-11-10 17:30'), 1, 'WORKING_DAY');
    expect(d.explanation.effectiveStart).toBe('2025-11-11T08:00:00+07:00');
    expect(local(d.at)).toBe('2025-11-11 17:00');
  });
});

describe('addWorkingTime — edges of the day', () => {
  it('Friday 16:59 + 1 day → Monday 16:59', () => expect(due(plain, '2025-11-14 16:59', 1)).toBe('2025-11-17 16:59'));
  it('Friday 17:01 + 1 day → Monday 17:00 (starts Monday 08:00, ends on the period end)', () =>
    expect(due(plain, '2025-11-14 17:01', 1)).toBe('2025-11-17 17:00'));
  it('reception at 12:00 exactly starts at 13:00', () => expect(due(plain, '2025-11-10 12:00', 1, 'WORKING_HOUR')).toBe('2025-11-10 14:00'));
  it('reception at 13:00 exactly counts from 13:00', () => expect(due(plain, '2025-11-10 13:00', 2, 'WORKING_HOUR')).toBe('2025-11-10 15:00'));
  it('11:59 + 1 hour crosses lunch → 13:59', () => expect(due(plain, '2025-11-10 11:59', 1, 'WORKING_HOUR')).toBe('2025-11-10 13:59'));
  it('a deadline landing exactly at 12:00 stays at 12:00', () => expect(due(plain, '2025-11-10 10:00', 2, 'WORKING_HOUR')).toBe('2025-11-10 12:00'));
  it('a deadline landing exactly at 17:00 stays at 17:00', () => expect(due(plain, '2025-11-10 13:00', 4, 'WORKING_HOUR')).toBe('2025-11-10 17:00'));
  it('one full day from 08:00 ends at 17:00 the same day', () => expect(due(plain, '2025-11-10 08:00', 1)).toBe('2025-11-10 17:00'));
  it('one day from 13:00 ends at 12:00 the next day', () => expect(due(plain, '2025-11-10 13:00', 1)).toBe('2025-11-11 12:00'));
});

describe('addWorkingTime — hours, fractions and zero', () => {
  it('0.5 day from 08:00 → 12:00', () => expect(due(plain, '2025-11-10 08:00', 0.5)).toBe('2025-11-10 12:00'));
  it('0.5 day from 13:00 → 17:00', () => expect(due(plain, '2025-11-10 13:00', 0.5)).toBe('2025-11-10 17:00'));
  it('0.5 day from 10:00 → 15:00', () => expect(due(plain, '2025-11-10 10:00', 0.5)).toBe('2025-11-10 15:00'));
  it('0.5 day equals 4 hours', () => expect(due(plain, '2025-11-14 15:00', 0.5)).toBe(due(plain, '2025-11-14 15:00', 4, 'WORKING_HOUR')));
  it('4 hours from Monday 10:00 → 15:00', () => expect(due(plain, '2025-11-10 10:00', 4, 'WORKING_HOUR')).toBe('2025-11-10 15:00'));
  it('8 hours from Monday 10:00 → Tuesday 10:00', () => expect(due(plain, '2025-11-10 10:00', 8, 'WORKING_HOUR')).toBe('2025-11-11 10:00'));
  it('16 hours from Friday 14:00 → Tuesday 14:00', () => expect(due(plain, '2025-11-14 14:00', 16, 'WORKING_HOUR')).toBe('2025-11-18 14:00'));
  it('1.5 days from Monday 10:00 → Tuesday 15:00', () => expect(due(plain, '2025-11-10 10:00', 1.5)).toBe('2025-11-11 15:00'));
  it('0.25 day = 2 hours', () => expect(due(plain, '2025-11-10 15:30', 0.25)).toBe('2025-11-11 08:30'));
  it('0 inside working hours is the start itself', () => expect(due(plain, '2025-11-10 10:00', 0)).toBe('2025-11-10 10:00'));
  it('0 outside working hours is the normalised start', () => expect(due(plain, '2025-11-14 18:00', 0)).toBe('2025-11-17 08:00'));
  it('0 explains that the deadline equals the start', () => {
    const d = plain.addWorkingTime(at('2025-11-10 10:00'), 0, 'WORKING_DAY');
    expect(d.explanation.workingMinutes).toBe(0);
    expect(d.explanation.daysCounted).toEqual([]);
    expect(d.explanation.text).toContain('hạn trùng thời điểm bắt đầu tính');
  });
  it('rejects negative, NaN and unknown units', () => {
    expect(() => plain.addWorkingTime(at('2025-11-10 10:00'), -1, 'WORKING_DAY')).toThrow(RangeError);
    expect(() => plain.addWorkingTime(at('2025-11-10 10:00'), NaN, 'WORKING_DAY')).toThrow(RangeError);
    expect(() => plain.addWorkingTime(at('2025-11-10 10:00'), 1, 'DAY' as 'WORKING_DAY')).toThrow(RangeError);
  });
});

describe('addWorkingTime — non-working receptions and holidays', () => {
  it('reception on a Sunday counts from Monday 08:00', () => expect(due(plain, '2025-11-16 09:00', 1)).toBe('2025-11-17 17:00'));
  it('reception on a Sunday lists the Sunday as skipped', () => {
    const d = plain.addWorkingTime(at('2025-11-16 09:00'), 1, 'WORKING_DAY');
    expect(d.explanation.skipped).toEqual([{ date: '2025-11-16', reason: 'WEEKEND' }]);
    expect(d.explanation.text).toContain('là ngày nghỉ (nghỉ cuối tuần) nên bắt đầu tính từ 08:00 thứ Hai 17/11/2025');
  });
  it('reception on a public holiday counts from the next working day', () => {
    const d = vn.addWorkingTime(at('2026-09-02 10:00'), 1, 'WORKING_DAY');
    expect(local(d.at)).toBe('2026-09-03 17:00');
    expect(d.explanation.text).toContain('ngày 02/09/2026 là ngày nghỉ (Quốc khánh)');
  });
  it('a deadline crossing Tết Bính Ngọ 2026 skips the whole block', () => {
    const d = vn.addWorkingTime(at('2026-02-13 10:00'), 3, 'WORKING_DAY');
    expect(local(d.at)).toBe('2026-02-25 10:00');
    expect(d.explanation.skipped.map((s) => s.date)).toEqual([
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
    ]);
    expect(d.explanation.daysCounted).toEqual(['2026-02-13', '2026-02-23', '2026-02-24', '2026-02-25']);
  });
  it('Tết skipped days carry their holiday names', () => {
    const d = vn.addWorkingTime(at('2026-02-13 10:00'), 3, 'WORKING_DAY');
    expect(d.explanation.skipped.find((s) => s.date === '2026-02-17')).toEqual({
      date: '2026-02-17', reason: 'HOLIDAY', name: 'Tết Nguyên đán Bính Ngọ – mùng 1 Tết',
    });
    expect(d.explanation.text).toContain('thứ Ba 17/02/2026 (Tết Nguyên đán Bính Ngọ – mùng 1 Tết)');
  });
  it('a holiday on a Sunday and its compensatory Monday are both skipped (Giỗ Tổ 2026)', () => {
    const d = vn.addWorkingTime(at('2026-04-24 09:00'), 1, 'WORKING_DAY');
    expect(local(d.at)).toBe('2026-04-28 09:00');
    expect(d.explanation.skipped).toEqual([
      { date: '2026-04-25', reason: 'WEEKEND' },
      { date: '2026-04-26', reason: 'HOLIDAY', name: 'Giỗ Tổ Hùng Vương – 10/3 Âm lịch' },
      { date: '2026-04-27', reason: 'HOLIDAY', name: 'Nghỉ bù Giỗ Tổ Hùng Vương – trùng Chủ nhật 26/04/2026' },
    ]);
  });
  it('30/4 and 1/5 2026 (Thursday, Friday) are skipped', () => expect(due(vn, '2026-04-29 09:00', 1)).toBe('2026-05-04 09:00'));
  it('compensatory Monday after 1/5/2027 falling on a Saturday', () => expect(due(vn, '2027-04-29 14:00', 1)).toBe('2027-05-04 14:00'));
  it('a swapped working Saturday is counted (10/01/2026)', () => {
    const d = vn.addWorkingTime(at('2026-01-09 10:00'), 1, 'WORKING_DAY');
    expect(local(d.at)).toBe('2026-01-10 10:00');
    expect(d.explanation.swappedWorkingDays).toEqual([{ date: '2026-01-10', name: 'Làm bù cho ngày 02/01/2026' }]);
    expect(d.explanation.text).toContain('có tính ngày làm việc bù: thứ Bảy 10/01/2026');
  });
  it('New Year 2026: the swapped Friday 02/01 is off', () => expect(due(vn, '2025-12-31 10:00', 1)).toBe('2026-01-05 10:00'));
  it('Quốc khánh 2026: 31/08 (swapped), 01/09 and 02/09 are off', () => expect(due(vn, '2026-08-28 14:00', 1)).toBe('2026-09-03 14:00'));
  it('Quốc khánh 2026: Saturday 22/08 is a working day', () => expect(due(vn, '2026-08-21 16:00', 1)).toBe('2026-08-22 16:00'));
  it('Tết Đinh Mùi 2027 block is skipped', () => expect(due(vn, '2027-02-03 10:00', 1)).toBe('2027-02-11 10:00'));
  it('60 working days across the year end (01/12/2026 → 03/03/2027)', () => {
    const d = vn.addWorkingTime(at('2026-12-01 10:00'), 60, 'WORKING_DAY');
    expect(local(d.at)).toBe('2027-03-03 10:00');
    expect(d.explanation.daysCounted).toHaveLength(61); // partial first and last days
    expect(d.explanation.skipped.filter((s) => s.reason === 'HOLIDAY').map((s) => s.date)).toEqual([
      '2027-01-01', '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
    ]);
  });
  it('60 working days are computed fast (day by day, not minute by minute)', () => {
    const t0 = Date.now();
    for (let i = 0; i < 500; i++) vn.addWorkingTime(at('2026-12-01 10:00'), 60, 'WORKING_DAY');
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it('workingMillisBetween(effectiveStart, deadline) equals the requested working time', () => {
    const d = vn.addWorkingTime(at('2026-02-12 15:20'), 7.5, 'WORKING_DAY');
    expect(vn.workingMillisBetween(new Date(d.explanation.effectiveStart), d.at)).toBe(7.5 * 8 * HOUR);
  });
});

describe('late reception cut-off (15:00, off by default)', () => {
  it('is off by default', () => expect(due(vn, '2025-11-10 15:30', 1)).toBe('2025-11-11 15:30'));
  it('a reception at 15:30 starts the next working day at 08:00', () => {
    const d = lateCutoff.addWorkingTime(at('2025-11-10 15:30'), 1, 'WORKING_DAY');
    expect(local(d.at)).toBe('2025-11-11 17:00');
    expect(d.explanation.lateReceptionCutoffApplied).toBe(true);
    expect(d.explanation.text).toContain('tiếp nhận sau 15:00 nên chuyển sang ngày làm việc tiếp theo');
  });
  it('a reception at exactly 15:00 is not moved', () => expect(due(lateCutoff, '2025-11-10 15:00', 1)).toBe('2025-11-11 15:00'));
  it('a Friday reception at 15:30 starts Monday 08:00', () => expect(due(lateCutoff, '2025-11-14 15:30', 1)).toBe('2025-11-17 17:00'));
  it('the day after is the next working day: before Tết 2026 it jumps the block', () =>
    expect(local(lateCutoff.effectiveStart(at('2026-02-13 16:00')))).toBe('2026-02-23 08:00'));
  it('can be disabled per call (step shares start at a hand-over, not a reception)', () => {
    const d = lateCutoff.addWorkingTime(at('2025-11-10 15:30'), 1, 'WORKING_DAY', { applyLateReceptionCutoff: false });
    expect(local(d.at)).toBe('2025-11-11 15:30');
    expect(d.explanation.lateReceptionCutoffApplied).toBe(false);
  });
});

describe('workingMillisBetween', () => {
  const w = (a: string, b: string, cal = plain) => cal.workingMillisBetween(at(a), at(b)) / HOUR;
  it('within one period', () => expect(w('2025-11-10 08:30', '2025-11-10 10:00')).toBe(1.5));
  it('across lunch counts only working time', () => expect(w('2025-11-10 11:00', '2025-11-10 14:00')).toBe(2));
  it('across a night', () => expect(w('2025-11-10 16:00', '2025-11-11 09:00')).toBe(2));
  it('across a weekend', () => expect(w('2025-11-14 16:00', '2025-11-17 09:00')).toBe(2));
  it('across the Tết 2026 block', () => expect(w('2026-02-13 16:00', '2026-02-23 09:00', vn)).toBe(2));
  it('is 0 when b <= a', () => {
    expect(w('2025-11-10 10:00', '2025-11-10 10:00')).toBe(0);
    expect(w('2025-11-11 10:00', '2025-11-10 10:00')).toBe(0);
  });
  it('is 0 when both ends lie outside working hours with no working time between', () => {
    expect(w('2025-11-14 17:30', '2025-11-17 07:00')).toBe(0);
    expect(w('2025-11-10 12:00', '2025-11-10 13:00')).toBe(0);
  });
  it('a whole working week is 40 hours', () => expect(w('2025-11-10 00:00', '2025-11-17 00:00')).toBe(40));
  it('is additive: w(a,c) = w(a,b) + w(b,c)', () => {
    const [a, b, c] = [at('2026-02-10 09:15'), at('2026-02-17 12:00'), at('2026-03-02 16:45')];
    expect(vn.workingMillisBetween(a, c)).toBe(vn.workingMillisBetween(a, b) + vn.workingMillisBetween(b, c));
  });
  it('gives the same result whether measured forwards in pieces or at once', () => {
    expect(w('2025-11-10 10:00', '2025-11-12 10:00')).toBe(w('2025-11-10 10:00', '2025-11-11 10:00') * 2);
  });
});

describe('shiftByPause (supplement request stops the clock)', () => {
  it('extends by the working time of the pause', () => {
    const d = plain.shiftByPause(at('2025-11-14 16:00'), at('2025-11-10 10:00'), at('2025-11-10 14:00'));
    expect(local(d.at)).toBe('2025-11-17 10:00'); // 3 h paused → 1 h Friday + 2 h Monday
    expect(d.explanation.pauses).toEqual([
      { from: '2025-11-10T10:00:00+07:00', to: '2025-11-10T14:00:00+07:00', workingMinutes: 180 },
    ]);
  });
  it('a pause spanning a holiday counts only working time', () => {
    // Friday 13/02/2026 16:00 → Monday 23/02/2026 09:00 across Tết: 2 working hours.
    const d = vn.shiftByPause(at('2026-03-02 10:00'), at('2026-02-13 16:00'), at('2026-02-23 09:00'));
    expect(local(d.at)).toBe('2026-03-02 12:00');
    expect(d.explanation.pauses?.[0].workingMinutes).toBe(120);
    expect(d.explanation.skipped.some((s) => s.date === '2026-02-17' && s.reason === 'HOLIDAY')).toBe(true);
  });
  it('a pause entirely outside working hours does not shift the deadline', () => {
    const d = plain.shiftByPause(at('2025-11-17 17:00'), at('2025-11-14 17:10'), at('2025-11-17 07:50'));
    expect(local(d.at)).toBe('2025-11-17 17:00');
    expect(d.explanation.text).toContain('nằm ngoài giờ làm việc nên hạn không đổi');
  });
  it('a shifted deadline ending on 17:00 continues next morning', () =>
    expect(local(plain.shiftByPause(at('2025-11-10 17:00'), at('2025-11-10 09:00'), at('2025-11-10 10:00')).at)).toBe('2025-11-11 09:00'));
  it('rejects a pause that ends before it starts', () => {
    expect(() => plain.shiftByPause(at('2025-11-14 16:00'), at('2025-11-11 10:00'), at('2025-11-10 10:00'))).toThrow(RangeError);
  });
  it('applied to a Deadline keeps its explanation and records the pause', () => {
    const d0 = vn.addWorkingTime(at('2026-02-10 10:00'), 5, 'WORKING_DAY'); // Tết in between
    expect(local(d0.at)).toBe('2026-02-24 10:00');
    const d1 = vn.shiftByPause(d0, at('2026-02-11 10:00'), at('2026-02-12 10:00'), 'yêu cầu bổ sung hồ sơ');
    expect(local(d1.at)).toBe('2026-02-25 10:00');
    expect(d1.explanation.requestedStart).toBe('2026-02-10T10:00:00+07:00');
    expect(d1.explanation.value).toBe(5);
    expect(d1.explanation.initialDeadline).toBe('2026-02-24T10:00:00+07:00');
    expect(d1.explanation.daysCounted).toEqual(['2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-23', '2026-02-24', '2026-02-25']);
    expect(d1.explanation.text).toContain('tạm dừng tính thời gian từ 10:00 thứ Tư 11/02/2026 đến 10:00 thứ Năm 12/02/2026 (yêu cầu bổ sung hồ sơ)');
    expect(d1.explanation.text).toContain('hạn ban đầu 10:00 thứ Ba 24/02/2026');
  });
  it('two pauses chain and both appear in the explanation', () => {
    const d0 = plain.addWorkingTime(at('2025-11-10 08:00'), 3, 'WORKING_DAY');
    const d1 = plain.shiftByPause(d0, at('2025-11-10 13:00'), at('2025-11-10 15:00'));
    const d2 = plain.shiftByPause(d1, at('2025-11-11 08:00'), at('2025-11-11 12:00'));
    expect(local(d2.at)).toBe('2025-11-13 15:00'); // 17:00 Wed + 2 h + 4 h
    expect(d2.explanation.pauses).toHaveLength(2);
    expect(d2.explanation.initialDeadline).toBe('2025-11-12T17:00:00+07:00');
  });
});

describe('explanation', () => {
  const friday = plain.addWorkingTime(at('2025-11-14 16:00'), 1, 'WORKING_DAY');
  it('records requested and effective starts in ISO +07:00', () => {
    expect(friday.explanation.requestedStart).toBe('2025-11-14T16:00:00+07:00');
    expect(friday.explanation.effectiveStart).toBe('2025-11-14T16:00:00+07:00');
    expect(friday.explanation.deadline).toBe('2025-11-17T16:00:00+07:00');
  });
  it('records value, unit and working minutes', () => {
    expect(friday.explanation).toMatchObject({ value: 1, unit: 'WORKING_DAY', workingMinutes: 480 });
  });
  it('lists the days on which time was consumed', () => expect(friday.explanation.daysCounted).toEqual(['2025-11-14', '2025-11-17']));
  it('lists the skipped weekend', () =>
    expect(friday.explanation.skipped).toEqual([
      { date: '2025-11-15', reason: 'WEEKEND' },
      { date: '2025-11-16', reason: 'WEEKEND' },
    ]));
  it('the Vietnamese text names the start, the duration, the skipped days and the deadline', () => {
    const t = friday.explanation.text;
    expect(t).toContain('Tiếp nhận lúc 16:00 thứ Sáu 14/11/2025');
    expect(t).toContain('tính 1 ngày làm việc (8 giờ làm việc');
    expect(t).toContain('bỏ qua thứ Bảy 15/11/2025 (nghỉ cuối tuần), Chủ nhật 16/11/2025 (nghỉ cuối tuần)');
    expect(t).toContain('hạn trả kết quả: 16:00 thứ Hai 17/11/2025');
    expect(t).not.toContain('\n');
  });
  it('explains a reception outside working hours', () => {
    expect(plain.addWorkingTime(at('2025-11-10 12:30'), 1, 'WORKING_DAY').explanation.text).toContain(
      'ngoài giờ làm việc (08:00–12:00, 13:00–17:00) nên bắt đầu tính từ 13:00 thứ Hai 10/11/2025',
    );
  });
  it('uses a decimal comma for fractional days', () => {
    expect(plain.addWorkingTime(at('2025-11-10 08:00'), 0.5, 'WORKING_DAY').explanation.text).toContain('tính 0,5 ngày làm việc (4 giờ làm việc');
  });
  it('hours procedures are described in hours', () => {
    expect(plain.addWorkingTime(at('2025-11-10 08:00'), 16, 'WORKING_HOUR').explanation.text).toContain('tính 16 giờ làm việc');
  });
  it('long spans summarise weekends and still name every holiday', () => {
    const t = vn.addWorkingTime(at('2026-12-01 10:00'), 60, 'WORKING_DAY').explanation.text;
    expect(t).toMatch(/bỏ qua \d+ ngày nghỉ cuối tuần và các ngày nghỉ lễ, Tết: /);
    expect(t).toContain('thứ Sáu 01/01/2027 (Tết Dương lịch)');
    expect(t).toContain('thời gian được tính trên 61 ngày làm việc, từ 01/12/2026 đến 03/03/2027');
  });
  it('says so when no day was skipped', () => {
    expect(plain.addWorkingTime(at('2025-11-10 10:00'), 3, 'WORKING_DAY').explanation.text).toContain('không có ngày nghỉ nào trong khoảng tính');
  });
});

describe('seed data seeds/calendar/holidays.json', () => {
  it('every entry is a valid CalendarException with a Vietnamese name', () => {
    for (const h of holidays) {
      expect(h.date).toMatch(/^202[67]-\d{2}-\d{2}$/);
      expect(typeof h.working).toBe('boolean');
      expect(h.name.length).toBeGreaterThan(3);
    }
    expect(holidays.some((h) => /[ếệờảắ]/.test(h.name))).toBe(true);
  });
  it('every entry names its legal source; none still says "to be checked"', () => {
    for (const h of holidays) {
      expect([h.date, typeof h.legalSource === 'string' && h.legalSource.length > 10 && h.legalSource.length <= 500]).toEqual([h.date, true]);
      expect([h.date, /Cần đối chiếu/i.test(h.note ?? '')]).toEqual([h.date, false]);
    }
  });
  it('dates are unique (the calendar accepts them)', () => {
    expect(new Set(holidays.map((h) => h.date)).size).toBe(holidays.length);
  });
  it('working=true entries are weekend days; weekday days off are balanced against them', () => {
    for (const year of ['2026', '2027']) {
      const entries = holidays.filter((h) => h.date.startsWith(year));
      const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
      expect(entries.filter((h) => h.working).every((h) => weekend(h.date))).toBe(true);
      // Labour Code 2019 art. 112: 11 paid holidays a year; swaps do not change the working-time fund.
      const weekdaysOff = entries.filter((h) => !h.working && !weekend(h.date)).length;
      const workingWeekends = entries.filter((h) => h.working).length;
      expect(weekdaysOff - workingWeekends).toBe(11);
    }
  });
  it('Tết 2026 follows the announced block 14/02–22/02', () => {
    const off = (d: string) => !vn.isWorkingDay(d);
    expect(['2026-02-14', '2026-02-16', '2026-02-20', '2026-02-22'].every(off)).toBe(true);
    expect(vn.isWorkingDay('2026-02-13')).toBe(true);
    expect(vn.isWorkingDay('2026-02-23')).toBe(true);
  });
});

describe('appointment instants, previous working day, end of a working day', () => {
  it('an appointment lies inside working hours of a working day, period ends included', () => {
    for (const ok of ['2026-11-23 08:00', '2026-11-23 10:00', '2026-11-23 12:00', '2026-11-23 13:00', '2026-11-23 16:00', '2026-11-23 17:00', '2026-01-10 09:00']) {
      expect([ok, vn.isAppointmentInstant(at(ok))]).toEqual([ok, true]);
    }
    // 07:59, lunch, evening, night, Sunday, a holiday (Quốc khánh), the swapped-away Friday 02/01/2026
    for (const no of ['2026-11-23 07:59', '2026-11-23 12:30', '2026-11-23 12:01', '2026-11-23 17:01', '2026-11-23 17:30', '2026-11-22 03:00', '2026-11-22 10:00', '2026-09-02 10:00', '2026-01-02 10:00']) {
      expect([no, vn.isAppointmentInstant(at(no))]).toEqual([no, false]);
    }
  });
  it('the previous working day skips weekends and holidays and counts a swapped Saturday', () => {
    expect(vn.previousWorkingDay('2026-11-30')).toBe('2026-11-27'); // Monday → Friday
    expect(vn.previousWorkingDay('2026-11-24')).toBe('2026-11-23');
    expect(vn.previousWorkingDay('2026-04-28')).toBe('2026-04-24'); // Tuesday after Monday 27/04 (nghỉ bù Giỗ Tổ) → Friday
    expect(vn.previousWorkingDay('2026-01-12')).toBe('2026-01-10'); // Monday → Saturday 10/01 làm bù
    expect(vn.previousWorkingDay('2026-02-23')).toBe('2026-02-13'); // after Tết Bính Ngọ
    expect(plain.previousWorkingDay('2026-09-03')).toBe('2026-09-02');
    expect(vn.previousWorkingDay('2026-09-03')).toBe('2026-08-28'); // 31/08, 01/09, 02/09 off
  });
  it('a working day ends at 17:00 local', () => {
    expect(local(vn.endOfWorkingDay('2026-11-27'))).toBe('2026-11-27 17:00');
    expect(local(new WorkingCalendar([], { periods: [[7 * 60 + 30, 11 * 60 + 30], [13 * 60 + 30, 16 * 60 + 30]] }).endOfWorkingDay('2026-11-27'))).toBe('2026-11-27 16:30');
  });
  it('describes instants, days and durations in Vietnamese', () => {
    expect(describeLocal(at('2026-11-27 16:59'))).toBe('16:59 thứ Sáu 27/11/2026');
    expect(describeLocalDate('2026-11-30')).toBe('thứ Hai 30/11/2026');
    expect(vn.describeDuration(16 * HOUR)).toBe('2 ngày làm việc (16 giờ)');
    expect(vn.describeDuration(3.5 * HOUR)).toBe('3 giờ 30 phút làm việc');
    expect(vn.describeDuration(0)).toBe('0 giờ làm việc');
  });
});
