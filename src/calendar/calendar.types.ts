/** The working calendar's data: exceptions to the Monday–Friday rule, and deadlines that explain themselves. */

export type DurationUnit = 'WORKING_DAY' | 'WORKING_HOUR';

/** A day that differs from the Monday–Friday rule. */
export interface CalendarException {
  /** Local date (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  date: string;
  /** Vietnamese name, e.g. "Tết Dương lịch", "Làm bù cho ngày 02/01/2026". */
  name: string;
  /** false: public holiday / day off; true: weekend day declared a working day (ngày làm bù). */
  working: boolean;
  /** Free text: what was decided and any assumption behind the entry. */
  note?: string;
  /** The legal instrument behind the day, e.g. "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a". */
  legalSource?: string;
}

export interface WorkingCalendarOptions {
  /** Only Vietnam's zone is supported: fixed UTC+07:00, no daylight saving time. */
  timeZone?: 'Asia/Ho_Chi_Minh';
  /** Working periods of a day in minutes after local midnight, sorted, not overlapping. */
  periods?: ReadonlyArray<readonly [number, number]>;
  /** Minutes after local midnight (e.g. 15*60). A reception strictly after it starts on the next working day. null = off. */
  lateReceptionCutoff?: number | null;
  /** Length of one working day in working minutes; the rule says 8 hours. */
  workingDayMinutes?: number;
}

export interface SkippedDay {
  date: string;
  reason: 'WEEKEND' | 'HOLIDAY';
  name?: string;
}

export interface PauseExplanation {
  from: string;
  to: string;
  /** Working time the pause lasted (what the deadline was pushed back by). */
  workingMinutes: number;
  reason?: string;
}

export interface DeadlineExplanation {
  /** The instant asked for (reception, hand-over, or the previous deadline for a bare shift). */
  requestedStart: string;
  /** Where the clock actually started (next working instant, cut-off applied). */
  effectiveStart: string;
  deadline: string;
  value: number;
  unit: DurationUnit;
  /** Working time of the requested duration (pauses excluded). */
  workingMinutes: number;
  /** Local dates on which working time was consumed. */
  daysCounted: string[];
  /** Non-working days between the requested start and the deadline. */
  skipped: SkippedDay[];
  /** Weekend days declared working days (ngày làm bù) on which time was consumed. */
  swappedWorkingDays: { date: string; name: string }[];
  lateReceptionCutoffApplied: boolean;
  pauses?: PauseExplanation[];
  /** Deadline before any pause, when pauses were applied. */
  initialDeadline?: string;
  /** One-paragraph Vietnamese explanation. */
  text: string;
}

export interface Deadline {
  at: Date;
  explanation: DeadlineExplanation;
}

export interface AddWorkingTimeOptions {
  /** Apply the late-reception cut-off (default true). Pass false for step shares, which start at a hand-over, not a reception. */
  applyLateReceptionCutoff?: boolean;
}
