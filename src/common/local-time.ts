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

// Both conversions are pure and hot (every deadline explanation names its days): memoised, bounded.
const DATES = new Map<number, string>();
const DAYS = new Map<string, number>();

export function dateOfDay(day: number): string {
  let s = DATES.get(day);
  if (s === undefined) {
    if (DATES.size > 50_000) DATES.clear();
    DATES.set(day, (s = new Date(day * DAY).toISOString().slice(0, 10)));
  }
  return s;
}

export function dayOfDate(date: string): number {
  const known = DAYS.get(date);
  if (known !== undefined) return known;
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD)`);
  const day = Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY;
  if (dateOfDay(day) !== date) throw new RangeError(`Invalid local date "${date}"`);
  if (DAYS.size > 50_000) DAYS.clear();
  DAYS.set(date, day);
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

// ---- reading instants sent by people and machines ----

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** What the API documentation says of every instant parameter (OpenAPI descriptions). */
export const INSTANT_DESCRIPTION =
  'Thời điểm ISO 8601 (RFC 3339). Có múi giờ (Z, +07:00) thì dùng đúng múi giờ đó; không ghi múi giờ (2026-11-23T10:00:00) thì hiểu là giờ Việt Nam (UTC+07:00), không phải múi giờ của máy chủ. / ISO 8601 instant; without an offset it is read as Vietnam time (UTC+07:00).';

/** What the API documentation says of a period's `from`/`to` days. */
export const LOCAL_DAY_DESCRIPTION =
  'Ngày YYYY-MM-DD theo giờ Việt Nam (UTC+07:00): from tính từ 00:00, to tính hết ngày. / A local day in Vietnam time; to is inclusive.';

export interface ParseInstantOptions {
  /**
   * What a bare date ("2026-11-23") means: `reject` (default — an instant needs a time) or
   * `local-midnight` (00:00 Vietnam time of that day, for parameters where a day is meant).
   */
  dateOnly?: 'reject' | 'local-midnight';
}

/**
 * The ONE reader of an instant given as text (API query or body, form field, partner call):
 * ISO 8601 / RFC 3339 date-time — `2026-11-23T10:00`, `…T10:00:00`, `…T10:00:00.250`, a space
 * instead of `T` — with an offset (`Z`, `+07:00`, `+0700`, `+07`) taken as given, and WITHOUT an
 * offset read as Vietnam time (UTC+07:00), as API.md says: `2026-11-23T10:00:00` is
 * `2026-11-23T10:00:00+07:00`, never the server's time zone. A bare date is refused unless
 * `dateOnly: 'local-midnight'`. Anything else — wrong shape, 30 February, 24:00, a second 60, an
 * offset beyond ±14:00 — gives null, so the caller answers 400 instead of guessing.
 */
export function parseInstant(text: unknown, options: ParseInstantOptions = {}): Date | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const m = INSTANT_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, frac, z, sign, oh, om] = m;
  const date = `${y}-${mo}-${d}`;
  let day: number;
  try {
    day = dayOfDate(date);
  } catch {
    return null;
  }
  if (hh === undefined) {
    if (options.dateOnly !== 'local-midnight' || z || sign) return null;
    return new Date(dayStart(day));
  }
  const [h, min, sec] = [+hh, +mi, +(ss ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  const millis = frac ? Math.floor(+`0.${frac}` * 1000) : 0;
  let offset = OFFSET;
  if (z) offset = 0;
  else if (sign) {
    const [oH, oM] = [+oh, +(om ?? 0)];
    if (oH > 14 || oM > 59 || oH * 60 + oM > 14 * 60) return null;
    offset = (sign === '-' ? -1 : 1) * (oH * HOUR + oM * MINUTE);
  }
  return new Date(day * DAY + h * HOUR + min * MINUTE + sec * 1000 + millis - offset);
}
