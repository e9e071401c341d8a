import type { CalendarException } from '../calendar/calendar.types';
import { WorkingCalendar } from '../calendar/working-calendar';
import { toIsoLocal } from '../common/local-time';
import { describeDayChange, holidayShift, moveInstant, type DayChange, type OpenClock } from './holiday-shift';

/** Local (UTC+07:00) instant: at('2026-11-23 10:00'). */
const at = (s: string): Date => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const local = (d: Date | undefined | null): string | null => (d ? toIsoLocal(d).slice(0, 16).replace('T', ' ') : null);

// A newly decreed day off on Tuesday 24/11/2026 (e.g. Ngày Văn hóa Việt Nam).
const CULTURE: CalendarException = { date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam', working: false, legalSource: 'Quyết định thử nghiệm số 1/2026' };
const before = new WorkingCalendar([]);
const withHoliday = new WorkingCalendar([CULTURE]);
const added: DayChange = { date: CULTURE.date, before: null, after: CULTURE };
const deleted: DayChange = { date: CULTURE.date, before: CULTURE, after: null };

const clock = (dueAt: string, over: Partial<OpenClock> = {}): OpenClock => ({ dueAt: at(dueAt), pausedAt: null, currentStepDueAt: null, openStages: [], ...over });

describe('holidayShift: a day off decreed after reception', () => {
  it('keeps the working time left: Thursday 10:00 becomes Friday 10:00', () => {
    // Received Monday 23/11 10:00 with 3 working days; the day off is decreed Monday 14:00.
    const s = holidayShift(clock('2026-11-26 10:00'), added, before, withHoliday, at('2026-11-23 14:00'))!;
    expect(local(s.dueAt.after)).toBe('2026-11-27 10:00');
    expect(s.remainingMs / 3_600_000).toBe(21);
    expect(local(s.from)).toBe('2026-11-23 14:00');
    expect(s.explanation).toBe(
      'Lịch làm việc thay đổi: thứ Ba 24/11/2026 nay là ngày nghỉ (Ngày Văn hóa Việt Nam; căn cứ: Quyết định thử nghiệm số 1/2026); ' +
        'thời gian giải quyết còn lại tính từ 14:00 thứ Hai 23/11/2026 là 21 giờ làm việc, không thay đổi; ' +
        'hạn trả kết quả dời từ 10:00 thứ Năm 26/11/2026 sang 10:00 thứ Sáu 27/11/2026.',
    );
  });
  it('a due date on the day off itself moves to the next working day, same time', () => {
    expect(local(holidayShift(clock('2026-11-24 10:00'), added, before, withHoliday, at('2026-11-23 14:00'))!.dueAt.after)).toBe('2026-11-25 10:00');
    expect(local(holidayShift(clock('2026-11-24 17:00'), added, before, withHoliday, at('2026-11-23 14:00'))!.dueAt.after)).toBe('2026-11-25 17:00');
  });
  it('an appointment at 08:00 on the day off moves to 08:00 of the next working day, not back to 17:00 the day before', () => {
    expect(local(holidayShift(clock('2026-11-24 08:00'), added, before, withHoliday, at('2026-11-23 10:00'))!.dueAt.after)).toBe('2026-11-25 08:00');
    expect(local(holidayShift(clock('2026-11-24 13:00'), added, before, withHoliday, at('2026-11-23 10:00'))!.dueAt.after)).toBe('2026-11-25 13:00');
  });
  it('a day off decreed for today counts only the time still left today', () => {
    // Monday 23/11 declared off at 10:00; due Tuesday 10:00 had 8 working hours left (Mon 10–17 = 6 h, Tue 8–10 = 2 h).
    const monday: CalendarException = { date: '2026-11-23', name: 'Nghỉ đột xuất', working: false };
    const s = holidayShift(clock('2026-11-24 10:00'), { date: monday.date, before: null, after: monday }, before, new WorkingCalendar([monday]), at('2026-11-23 10:00'))!;
    expect(local(s.dueAt.after)).toBe('2026-11-24 17:00');
  });
  it('moves nothing outside the remaining time: a day after the due day, a day already past, a dossier already overdue', () => {
    expect(holidayShift(clock('2026-11-23 16:00'), added, before, withHoliday, at('2026-11-23 10:00'))).toBeNull();
    expect(holidayShift(clock('2026-11-27 10:00'), added, before, withHoliday, at('2026-11-25 09:00'))).toBeNull();
    expect(holidayShift(clock('2026-11-26 10:00'), added, before, withHoliday, at('2026-11-26 10:00'))).toBeNull();
    expect(holidayShift(clock('2026-11-20 10:00'), added, before, withHoliday, at('2026-11-23 10:00'))).toBeNull();
  });
  it('moves nothing when the day does not change status: a day off on a Sunday, a renamed holiday', () => {
    const sunday: CalendarException = { date: '2026-11-22', name: 'Ngày thử', working: false };
    expect(holidayShift(clock('2026-11-26 10:00'), { date: sunday.date, before: null, after: sunday }, before, new WorkingCalendar([sunday]), at('2026-11-20 10:00'))).toBeNull();
    const renamed = { ...CULTURE, name: 'Ngày Văn hóa Việt Nam (đổi tên)' };
    expect(holidayShift(clock('2026-11-26 10:00'), { date: CULTURE.date, before: CULTURE, after: renamed }, withHoliday, new WorkingCalendar([renamed]), at('2026-11-23 10:00'))).toBeNull();
  });
  it('a dossier waiting for a supplement keeps the time it had left when paused, even if the day off fell during the pause', () => {
    // Paused Friday 20/11 15:00 with due Tuesday 24/11 10:00 (12 working hours left); Monday 23/11 declared off, decided on Wednesday.
    const monday: CalendarException = { date: '2026-11-23', name: 'Nghỉ đột xuất', working: false };
    const s = holidayShift(
      clock('2026-11-24 10:00', { pausedAt: at('2026-11-20 15:00') }),
      { date: monday.date, before: null, after: monday }, before, new WorkingCalendar([monday]), at('2026-11-25 09:00'),
    )!;
    expect(s.remainingMs / 3_600_000).toBe(12);
    expect(local(s.dueAt.after)).toBe('2026-11-25 10:00');
    expect(s.explanation).toContain('hồ sơ đang tạm dừng chờ bổ sung từ 15:00 thứ Sáu 20/11/2026, khi đó còn 12 giờ làm việc để giải quyết');
  });
  it('a dossier paused after its due date stays overdue: nothing moves', () => {
    expect(holidayShift(clock('2026-11-24 10:00', { pausedAt: at('2026-11-24 11:00') }), added, before, withHoliday, at('2026-11-24 12:00'))).toBeNull();
  });
  it('the current step and open stages move by the same rule; earlier ones stay', () => {
    const s = holidayShift(
      clock('2026-11-26 10:00', {
        currentStepDueAt: at('2026-11-25 10:00'),
        openStages: [{ seq: 1, dueAt: at('2026-11-23 15:00') }, { seq: 2, dueAt: at('2026-11-26 10:00') }, { seq: 3, dueAt: null }],
      }),
      added, before, withHoliday, at('2026-11-23 14:00'),
    )!;
    expect(local(s.currentStepDueAt?.after)).toBe('2026-11-26 10:00');
    expect(s.stages.map((x) => [x.seq, local(x.before), local(x.after)])).toEqual([[2, '2026-11-26 10:00', '2026-11-27 10:00']]);
    const early = holidayShift(clock('2026-11-26 10:00', { currentStepDueAt: at('2026-11-23 15:00') }), added, before, withHoliday, at('2026-11-23 14:00'))!;
    expect(early.currentStepDueAt).toBeUndefined();
  });
});

describe('holidayShift: the same rule the other way', () => {
  it('deleting a day off entered by mistake brings the due date back', () => {
    const s = holidayShift(clock('2026-11-27 10:00'), deleted, withHoliday, before, at('2026-11-23 14:00'))!;
    expect(local(s.dueAt.after)).toBe('2026-11-26 10:00');
    expect(s.explanation).toContain('thứ Ba 24/11/2026 nay là ngày làm việc (đã bỏ "Ngày Văn hóa Việt Nam" khỏi lịch làm việc)');
    expect(s.explanation).toContain('hạn trả kết quả sớm hơn: từ 10:00 thứ Sáu 27/11/2026 về 10:00 thứ Năm 26/11/2026');
  });
  it('a Saturday declared a working day (làm bù) counts: Monday 10:00 becomes Saturday 10:00', () => {
    const saturday: CalendarException = { date: '2026-11-28', name: 'Làm bù', working: true };
    const s = holidayShift(clock('2026-11-30 10:00'), { date: saturday.date, before: null, after: saturday }, before, new WorkingCalendar([saturday]), at('2026-11-26 10:00'))!;
    expect(local(s.dueAt.after)).toBe('2026-11-28 10:00');
    expect(s.explanation).toContain('thứ Bảy 28/11/2026 nay là ngày làm việc (Làm bù)');
  });
});

describe('moveInstant', () => {
  // Working instants over three weeks around the change, every 30 minutes, period starts and ends included.
  const instants: Date[] = [];
  for (let ms = at('2026-11-16 08:00').getTime(); ms <= at('2026-12-04 17:00').getTime(); ms += 30 * 60_000) {
    const d = new Date(ms);
    if (before.isAppointmentInstant(d) && withHoliday.isAppointmentInstant(d)) instants.push(d);
  }
  const froms = ['2026-11-16 07:00', '2026-11-20 12:30', '2026-11-23 10:15', '2026-11-23 17:30'].map(at);

  it('changes nothing when the calendar does not change', () => {
    for (const from of froms) for (const x of instants.filter((i) => i > from)) expect([local(x), local(moveInstant(x, from, withHoliday, withHoliday))]).toEqual([local(x), local(x)]);
  });
  it('adding then removing a day off gives every appointment back', () => {
    for (const from of froms) {
      for (const x of instants.filter((i) => i > from)) {
        const there = moveInstant(x, from, before, withHoliday);
        expect(withHoliday.isAppointmentInstant(there)).toBe(true);
        expect([local(x), local(moveInstant(there, from, withHoliday, before))]).toEqual([local(x), local(x)]);
      }
    }
  });
  it('never moves an appointment earlier when a day off is added, nor later when one is removed', () => {
    for (const from of froms) {
      for (const x of instants.filter((i) => i > from)) {
        expect(moveInstant(x, from, before, withHoliday).getTime()).toBeGreaterThanOrEqual(x.getTime());
        if (withHoliday.isAppointmentInstant(x)) expect(moveInstant(x, from, withHoliday, before).getTime()).toBeLessThanOrEqual(x.getTime());
      }
    }
  });
});

describe('describeDayChange', () => {
  it('names the day, what it became and why', () => {
    expect(describeDayChange(added, withHoliday)).toBe('thứ Ba 24/11/2026 nay là ngày nghỉ (Ngày Văn hóa Việt Nam; căn cứ: Quyết định thử nghiệm số 1/2026)');
    expect(describeDayChange({ date: '2026-11-24', before: null, after: { date: '2026-11-24', name: 'Nghỉ', working: false } }, withHoliday)).toBe('thứ Ba 24/11/2026 nay là ngày nghỉ (Nghỉ)');
  });
});
