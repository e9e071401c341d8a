/**
 * Working calendar and deadline arithmetic (lịch làm việc, tính thời hạn giải quyết hồ sơ).
 *
 * Pure logic, no I/O: the calendar exceptions are data (an admin-edited table seeded from
 * seeds/calendar/holidays.json) handed to the constructor.
 *
 * Rules implemented (see DESIGN.md, "Rules the software must follow"):
 * - Working days are Monday–Friday (40-hour week of state bodies, Quyết định 188/1999/QĐ-TTg),
 *   minus public holidays (Bộ luật Lao động 2019, Điều 112), compensatory days off when a holiday
 *   falls on the weekly rest day (Điều 111 khoản 3) and days swapped by the Government's yearly
 *   announcement; a weekend day declared a working day (ngày làm bù) counts as a working day.
 * - Working hours 08:00–12:00 and 13:00–17:00, Asia/Ho_Chi_Minh (UTC+07:00, no DST — implemented
 *   as fixed-offset arithmetic so results never depend on the host's ICU/tz data).
 * - Processing times of administrative procedures are counted in working days (Nghị định
 *   61/2018/NĐ-CP, 107/2021/NĐ-CP; Nghị định 118/2025/NĐ-CP). One working day = 8 working hours,
 *   so N days is due when 8·N working hours have elapsed since the start: Monday 10:00 + 3 days is
 *   Thursday 10:00. A deadline at the end of a period stays there (12:00, 17:00).
 * - A start outside working hours moves to the next working instant; optionally (a provincial
 *   setting, off by default) a reception after a cut-off time moves to the next working day.
 */

import { checkInstant, dateOfDay, DAY, dayOf, dayOfDate, dayStart, hhmm, HOUR, MINUTE, toIsoLocal, weekdayOf } from '../common/local-time';

import type {
  AddWorkingTimeOptions,
  CalendarException,
  Deadline,
  DeadlineExplanation,
  DurationUnit,
  PauseExplanation,
  SkippedDay,
  WorkingCalendarOptions,
} from './calendar.types';

const MAX_DAYS_SCANNED = 366 * 100;
const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const isWeekend = (day: number): boolean => weekdayOf(day) === 0 || weekdayOf(day) === 6;

const dmy = (day: number, s = dateOfDay(day)): string => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
const describeDay = (day: number): string => `${WEEKDAYS[weekdayOf(day)]} ${dmy(day)}`;
const describeInstant = (ms: number): string => `${hhmm(ms - dayStart(dayOf(ms)))} ${describeDay(dayOf(ms))}`;
const viNumber = (n: number): string => String(Number(n.toFixed(4))).replace('.', ',');

function viDuration(ms: number, dayMs: number): string {
  if (ms > 0 && ms % dayMs === 0) return `${ms / dayMs} ngày làm việc (${ms / HOUR} giờ)`;
  const totalMinutes = Math.round(ms / MINUTE);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h && m) return `${h} giờ ${m} phút làm việc`;
  return h ? `${h} giờ làm việc` : `${m} phút làm việc`;
}

type Span = readonly [number, number];

/** Sort and merge overlapping spans. */
function merge(spans: Span[]): Span[] {
  const out: [number, number][] = [];
  for (const [a, b] of [...spans].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const overlap = (a: number, b: number, c: number, d: number): number => Math.max(0, Math.min(b, d) - Math.max(a, c));

/** "10:00 thứ Hai 23/11/2026": an instant as reasons and explanations write it. */
export const describeLocal = (at: Date): string => describeInstant(checkInstant(at, 'at'));
/** "thứ Hai 23/11/2026". */
export const describeLocalDate = (localDate: string): string => describeDay(dayOfDate(localDate));

export class WorkingCalendar {
  private readonly byDay = new Map<number, CalendarException>();
  private readonly periods: Span[];
  readonly lateReceptionCutoff: number | null;
  readonly workingDayMs: number;

  constructor(exceptions: readonly CalendarException[] = [], options: WorkingCalendarOptions = {}) {
    if (options.timeZone !== undefined && options.timeZone !== 'Asia/Ho_Chi_Minh') {
      throw new RangeError(`Unsupported time zone "${options.timeZone}"`);
    }
    const periods = options.periods ?? [[8 * 60, 12 * 60], [13 * 60, 17 * 60]];
    if (periods.length === 0) throw new RangeError('At least one working period is required');
    let previousEnd = 0;
    this.periods = periods.map(([from, to]) => {
      if (!(Number.isInteger(from) && Number.isInteger(to) && from >= previousEnd && to > from && to <= 24 * 60)) {
        throw new RangeError(`Invalid working period [${from}, ${to}]`);
      }
      previousEnd = to;
      return [from * MINUTE, to * MINUTE] as const;
    });
    const cutoff = options.lateReceptionCutoff ?? null;
    if (cutoff !== null && !(cutoff >= 0 && cutoff < 24 * 60)) throw new RangeError(`Invalid lateReceptionCutoff ${cutoff}`);
    this.lateReceptionCutoff = cutoff;
    const dayMinutes = options.workingDayMinutes ?? 8 * 60;
    if (!(dayMinutes > 0)) throw new RangeError(`Invalid workingDayMinutes ${dayMinutes}`);
    this.workingDayMs = dayMinutes * MINUTE;
    for (const e of exceptions) {
      const day = dayOfDate(e.date);
      if (this.byDay.has(day)) throw new RangeError(`Duplicate calendar exception for ${e.date}`);
      this.byDay.set(day, { ...e });
    }
  }

  /** The exception recorded for a local date, if any. */
  exceptionOn(localDate: string): CalendarException | undefined {
    return this.byDay.get(dayOfDate(localDate));
  }

  isWorkingDay(localDate: string): boolean {
    return this.working(dayOfDate(localDate));
  }

  /** True when the instant lies inside a working period of a working day (period end excluded). */
  isWorkingInstant(at: Date): boolean {
    const ms = checkInstant(at, 'at');
    const day = dayOf(ms);
    const tod = ms - dayStart(day);
    return this.working(day) && this.periods.some(([a, b]) => tod >= a && tod < b);
  }

  /**
   * True when the instant can be an appointment (a deadline): inside a working period of a working
   * day, BOTH ends included — a deadline that ends a period stays there (12:00, 17:00), so a new
   * appointment at 17:00 is as lawful as one at 08:00; 12:30, 17:30 or any time of a day off is not.
   */
  isAppointmentInstant(at: Date): boolean {
    const ms = checkInstant(at, 'at');
    const day = dayOf(ms);
    const tod = ms - dayStart(day);
    return this.working(day) && this.periods.some(([a, b]) => tod >= a && tod <= b);
  }

  /** The last working day strictly before a local date (weekends, holidays and swapped days as the calendar says). */
  previousWorkingDay(localDate: string): string {
    const day = dayOfDate(localDate);
    for (let d = day - 1, n = 0; n < MAX_DAYS_SCANNED; d--, n++) if (this.working(d)) return dateOfDay(d);
    throw new RangeError('No working day found in the calendar');
  }

  /** The instant a day's working time ends: the end of its last working period (17:00). */
  endOfWorkingDay(localDate: string): Date {
    return new Date(dayStart(dayOfDate(localDate)) + this.periods[this.periods.length - 1][1]);
  }

  /** "08:00–12:00, 13:00–17:00": the working periods of a working day. */
  describeWorkingHours(): string {
    return this.periods.map(([p, q]) => `${hhmm(p)}–${hhmm(q)}`).join(', ');
  }

  /** "2 ngày làm việc (16 giờ)", "3 giờ 30 phút làm việc": a working duration for people. */
  describeDuration(ms: number): string {
    return ms === 0 ? '0 giờ làm việc' : viDuration(ms, this.workingDayMs);
  }

  /**
   * The first instant at or after `at` when the clock can run: `at` itself inside a period;
   * 12:00 or 12:30 → 13:00; 17:00 or 17:30 → 08:00 of the next working day.
   */
  nextWorkingInstant(at: Date): Date {
    return new Date(this.nextWorking(checkInstant(at, 'at')));
  }

  /** Start of the clock for a reception: next working instant, after the late-reception cut-off if set. */
  effectiveStart(receivedAt: Date, options: AddWorkingTimeOptions = {}): Date {
    return new Date(this.start(checkInstant(receivedAt, 'receivedAt'), options).ms);
  }

  /**
   * Deadline = the instant at which `value` working days/hours have elapsed after the start's
   * next working instant. Fractions allowed (0.5 day = 4 h); 0 gives the normalised start.
   */
  addWorkingTime(start: Date, value: number, unit: DurationUnit, options: AddWorkingTimeOptions = {}): Deadline {
    const requested = checkInstant(start, 'start');
    const totalMs = this.durationMs(value, unit);
    const { ms: effective, cutoffApplied } = this.start(requested, options);
    const at = totalMs === 0 ? effective : this.advance(effective, totalMs);
    return this.deadline({ requested, effective, at, value, unit, totalMs, cutoffApplied, pauses: [] });
  }

  /** `addWorkingTime(…).at` alone, same arithmetic without the explanation (hot loops: the bulk generator). */
  deadlineAt(start: Date, value: number, unit: DurationUnit, options: AddWorkingTimeOptions = {}): Date {
    const totalMs = this.durationMs(value, unit);
    const { ms: effective } = this.start(checkInstant(start, 'start'), options);
    return new Date(totalMs === 0 ? effective : this.advance(effective, totalMs));
  }

  /** Working time elapsed between two instants in milliseconds; 0 if b <= a. */
  workingMillisBetween(a: Date, b: Date): number {
    const from = checkInstant(a, 'a');
    const to = checkInstant(b, 'b');
    let total = 0;
    for (let day = dayOf(from); to > from && day <= dayOf(to); day++) {
      if (!this.working(day)) continue;
      const base = dayStart(day);
      for (const [p, q] of this.periods) total += overlap(from, to, base + p, base + q);
    }
    return total;
  }

  /**
   * Extends a deadline by the working time a pause lasted (supplement request → supplement):
   * only working time inside the pause counts, so a pause over a holiday or a night costs nothing
   * extra. The pause is expected to begin before the deadline (the clock was running). Passing the
   * Deadline returned by addWorkingTime keeps its whole explanation and adds the pause to it.
   */
  shiftByPause(deadline: Date | Deadline, pauseStart: Date, pauseEnd: Date, reason?: string): Deadline {
    const from = checkInstant(pauseStart, 'pauseStart');
    const to = checkInstant(pauseEnd, 'pauseEnd');
    if (to < from) throw new RangeError('pauseEnd is before pauseStart');
    const pauseMs = this.workingMillisBetween(pauseStart, pauseEnd);
    const pause: PauseExplanation = {
      from: toIsoLocal(pauseStart),
      to: toIsoLocal(pauseEnd),
      workingMinutes: pauseMs / MINUTE,
      ...(reason ? { reason } : {}),
    };
    if (deadline instanceof Date) {
      const old = checkInstant(deadline, 'deadline');
      const at = pauseMs === 0 ? old : this.advance(old, pauseMs);
      return this.deadline({
        requested: old, effective: old, at, value: pauseMs / HOUR, unit: 'WORKING_HOUR', totalMs: pauseMs,
        cutoffApplied: false, pauses: [pause], rangeStart: Math.min(old, from), shiftOnly: true,
      });
    }
    const e = deadline.explanation;
    const at = pauseMs === 0 ? deadline.at.getTime() : this.advance(deadline.at.getTime(), pauseMs);
    return this.deadline({
      requested: Date.parse(e.requestedStart), effective: Date.parse(e.effectiveStart), at,
      value: e.value, unit: e.unit, totalMs: Math.round(e.workingMinutes * MINUTE), cutoffApplied: e.lateReceptionCutoffApplied,
      pauses: [...(e.pauses ?? []), pause], initial: e.initialDeadline ?? e.deadline,
    });
  }

  // ---- internals ----

  private working(day: number): boolean {
    const e = this.byDay.get(day);
    return e ? e.working : !isWeekend(day);
  }

  private durationMs(value: number, unit: DurationUnit): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`Invalid duration ${value}`);
    if (unit === 'WORKING_DAY') return Math.round(value * this.workingDayMs);
    if (unit === 'WORKING_HOUR') return Math.round(value * HOUR);
    throw new RangeError(`Invalid unit ${String(unit)}`);
  }

  private firstWorkingDayFrom(day: number): number {
    for (let d = day, n = 0; n < MAX_DAYS_SCANNED; d++, n++) if (this.working(d)) return d;
    throw new RangeError('No working day found in the calendar');
  }

  private nextWorking(ms: number): number {
    let day = dayOf(ms);
    let tod = ms - dayStart(day);
    for (let n = 0; n < MAX_DAYS_SCANNED; n++, day++, tod = 0) {
      if (!this.working(day)) continue;
      for (const [p, q] of this.periods) {
        if (tod < p) return dayStart(day) + p;
        if (tod < q) return dayStart(day) + tod;
      }
    }
    throw new RangeError('No working time found in the calendar');
  }

  private start(requested: number, options: AddWorkingTimeOptions): { ms: number; cutoffApplied: boolean } {
    const cutoff = this.lateReceptionCutoff;
    const day = dayOf(requested);
    if (cutoff !== null && options.applyLateReceptionCutoff !== false && this.working(day) && requested - dayStart(day) > cutoff * MINUTE) {
      const next = this.firstWorkingDayFrom(day + 1);
      return { ms: dayStart(next) + this.periods[0][0], cutoffApplied: true };
    }
    return { ms: this.nextWorking(requested), cutoffApplied: false };
  }

  /** The instant at which `amount` (> 0) working ms have elapsed after `from`; day by day, never minute by minute. */
  private advance(from: number, amount: number): number {
    let remaining = amount;
    for (let day = dayOf(from), n = 0; n < MAX_DAYS_SCANNED; day++, n++) {
      if (!this.working(day)) continue;
      const base = dayStart(day);
      for (const [p, q] of this.periods) {
        const segStart = Math.max(base + p, from);
        if (segStart >= base + q) continue;
        const seg = base + q - segStart;
        if (remaining <= seg) return segStart + remaining; // ending exactly at 12:00/17:00 stays there
        remaining -= seg;
      }
    }
    throw new RangeError('Deadline beyond the calendar range');
  }

  private deadline(c: {
    requested: number; effective: number; at: number; value: number; unit: DurationUnit; totalMs: number;
    cutoffApplied: boolean; pauses: PauseExplanation[]; initial?: string; rangeStart?: number; shiftOnly?: boolean;
  }): Deadline {
    // A bare shift reports the days its extension used; a full deadline excludes paused time.
    const pauseSpans = c.shiftOnly ? [] : merge(c.pauses.map((p) => [Date.parse(p.from), Date.parse(p.to)] as const));
    const daysCounted: string[] = [];
    const swapped: { date: string; name: string }[] = [];
    const skipped: SkippedDay[] = [];
    for (let day = dayOf(c.effective); c.at > c.effective && day <= dayOf(c.at); day++) {
      if (!this.working(day)) continue;
      const base = dayStart(day);
      let used = 0;
      for (const [p, q] of this.periods) {
        const a = Math.max(base + p, c.effective);
        const b = Math.min(base + q, c.at);
        if (b <= a) continue;
        used += b - a - pauseSpans.reduce((sum, [s, e]) => sum + overlap(a, b, s, e), 0);
      }
      if (used <= 0) continue;
      daysCounted.push(dateOfDay(day));
      const e = this.byDay.get(day);
      if (e?.working && isWeekend(day)) swapped.push({ date: e.date, name: e.name });
    }
    for (let day = dayOf(c.rangeStart ?? c.requested); day <= dayOf(c.at); day++) {
      if (this.working(day)) continue;
      const e = this.byDay.get(day);
      skipped.push(e ? { date: dateOfDay(day), reason: 'HOLIDAY', name: e.name } : { date: dateOfDay(day), reason: 'WEEKEND' });
    }
    const explanation: DeadlineExplanation = {
      requestedStart: toIsoLocal(new Date(c.requested)),
      effectiveStart: toIsoLocal(new Date(c.effective)),
      deadline: toIsoLocal(new Date(c.at)),
      value: c.value,
      unit: c.unit,
      workingMinutes: c.totalMs / MINUTE,
      daysCounted,
      skipped,
      swappedWorkingDays: swapped,
      lateReceptionCutoffApplied: c.cutoffApplied,
      ...(c.pauses.length ? { pauses: c.pauses } : {}),
      ...(c.initial ? { initialDeadline: c.initial } : {}),
      text: '',
    };
    explanation.text = c.shiftOnly ? this.shiftText(c.requested, c.at, explanation) : this.deadlineText(c.requested, c.effective, c.at, explanation);
    return { at: new Date(c.at), explanation };
  }

  private deadlineText(requested: number, effective: number, at: number, e: DeadlineExplanation): string {
    const parts = [`Tiếp nhận lúc ${describeInstant(requested)}`];
    if (effective !== requested) {
      const day = dayOf(requested);
      const ex = this.byDay.get(day);
      const why = e.lateReceptionCutoffApplied
        ? `tiếp nhận sau ${hhmm((this.lateReceptionCutoff ?? 0) * MINUTE)} nên chuyển sang ngày làm việc tiếp theo,`
        : !this.working(day)
          ? `ngày ${dmy(day)} là ngày nghỉ (${ex ? ex.name : 'nghỉ cuối tuần'}) nên`
          : `ngoài giờ làm việc (${this.periods.map(([p, q]) => `${hhmm(p)}–${hhmm(q)}`).join(', ')}) nên`;
      parts.push(`${why} bắt đầu tính từ ${describeInstant(effective)}`);
    }
    const amount = e.unit === 'WORKING_DAY'
      ? `${viNumber(e.value)} ngày làm việc (${viNumber(e.workingMinutes / 60)} giờ làm việc; 1 ngày làm việc = ${viNumber(this.workingDayMs / HOUR)} giờ)`
      : `${viNumber(e.value)} giờ làm việc`;
    parts.push(e.workingMinutes === 0 ? `tính ${amount}: hạn trùng thời điểm bắt đầu tính` : `tính ${amount}`);
    for (const p of e.pauses ?? []) {
      const [from, to] = [Date.parse(p.from), Date.parse(p.to)];
      parts.push(`tạm dừng tính thời gian từ ${describeInstant(from)} đến ${describeInstant(to)}${p.reason ? ` (${p.reason})` : ''}, kéo dài thêm ${viDuration(p.workingMinutes * MINUTE, this.workingDayMs)}`);
    }
    parts.push(...this.daysText(e));
    if (e.initialDeadline) parts.push(`hạn ban đầu ${describeInstant(Date.parse(e.initialDeadline))}`);
    parts.push(`hạn trả kết quả: ${describeInstant(at)}`);
    return parts.join('; ') + '.';
  }

  private shiftText(old: number, at: number, e: DeadlineExplanation): string {
    const p = e.pauses![0];
    const parts = [
      `Hạn cũ ${describeInstant(old)}`,
      `tạm dừng tính thời gian từ ${describeInstant(Date.parse(p.from))} đến ${describeInstant(Date.parse(p.to))}${p.reason ? ` (${p.reason})` : ''}`,
      p.workingMinutes === 0
        ? 'thời gian tạm dừng nằm ngoài giờ làm việc nên hạn không đổi'
        : `kéo dài thêm ${viDuration(p.workingMinutes * MINUTE, this.workingDayMs)}`,
      ...this.daysText(e, 'các ngày làm việc được tính thêm'),
      `hạn mới: ${describeInstant(at)}`,
    ];
    return parts.join('; ') + '.';
  }

  private daysText(e: DeadlineExplanation, countedLabel = 'các ngày làm việc được tính'): string[] {
    const out: string[] = [];
    const counted = e.daysCounted.map(dayOfDate);
    if (counted.length > 0 && counted.length <= 10) out.push(`${countedLabel}: ${counted.map((d) => dmy(d)).join(', ')}`);
    else if (counted.length > 10) out.push(`thời gian được tính trên ${counted.length} ngày làm việc, từ ${dmy(counted[0])} đến ${dmy(counted[counted.length - 1])}`);
    if (e.swappedWorkingDays.length) {
      out.push(`có tính ngày làm việc bù: ${e.swappedWorkingDays.map((s) => `${describeDay(dayOfDate(s.date))} (${s.name})`).join(', ')}`);
    }
    const label = (s: SkippedDay): string => `${describeDay(dayOfDate(s.date))} (${s.name ?? 'nghỉ cuối tuần'})`;
    const holidays = e.skipped.filter((s) => s.reason === 'HOLIDAY').map(label);
    const weekends = e.skipped.length - holidays.length;
    if (e.skipped.length === 0) out.push('không có ngày nghỉ nào trong khoảng tính');
    else if (e.skipped.length <= 10) out.push(`bỏ qua ${e.skipped.map(label).join(', ')}`);
    else out.push(`bỏ qua ${weekends} ngày nghỉ cuối tuần${holidays.length ? ` và các ngày nghỉ lễ, Tết: ${holidays.join(', ')}` : ''}`);
    return out;
  }
}
