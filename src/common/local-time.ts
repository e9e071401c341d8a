/**
 * Vietnam local time (Asia/Ho_Chi_Minh, UTC+07:00 all year, no daylight saving since 1975) by
 * fixed-offset arithmetic, so results never depend on the host's time-zone data. Every local date,
 * local time and ISO instant the portal shows or stores goes through these functions.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Asia/Ho_Chi_Minh, UTC+07:00 all year. */
export const OFFSET = 7 * HOUR;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---- day indexes: days since 1970-01-01, local ----

export const dayOf = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
export const dayStart = (day: number): number => day * DAY - OFFSET;
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function dayOfDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD)`);
  const day = Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY;
  if (dateOfDay(day) !== date) throw new RangeError(`Invalid local date "${date}"`);
  return day;
}

export function checkInstant(d: Date, what: string): number {
  const ms = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid Date`);
  return ms;
}

/** "HH:mm" of a number of milliseconds after local midnight. */
export function hhmm(msOfDay: number): string {
  const minutes = Math.floor(msOfDay / MINUTE);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Local (UTC+07:00) calendar date of an instant, YYYY-MM-DD. */
export function localDateOf(d: Date): string {
  return dateOfDay(dayOf(checkInstant(d, 'date')));
}

/** The instant of a local date and time: fromLocal('2026-02-17', '08:30'). */
export function fromLocal(date: string, time = '00:00'): Date {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m || +m[1] > 23 || +m[2] > 59 || +(m[3] ?? 0) > 59) throw new RangeError(`Invalid local time "${time}"`);
  return new Date(dayStart(dayOfDate(date)) + +m[1] * HOUR + +m[2] * MINUTE + +(m[3] ?? 0) * 1000);
}

/** "dd/MM/yyyy HH:mm" in Asia/Ho_Chi_Minh. */
export function formatLocal(d: Date): string {
  const ms = checkInstant(d, 'date');
  const [y, mo, da] = dateOfDay(dayOf(ms)).split('-');
  return `${da}/${mo}/${y} ${hhmm(ms - dayStart(dayOf(ms)))}`;
}

/** ISO 8601 with the local offset: "2026-11-23T08:00:00+07:00" (milliseconds only when non-zero). */
export function toIsoLocal(d: Date): string {
  const ms = checkInstant(d, 'date');
  const tod = ms - dayStart(dayOf(ms));
  const sec = Math.floor(tod / 1000) % 60;
  const milli = tod % 1000;
  return `${dateOfDay(dayOf(ms))}T${hhmm(tod)}:${pad(sec)}${milli ? '.' + pad(milli, 3) : ''}+07:00`;
}
