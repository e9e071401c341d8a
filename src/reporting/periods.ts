/**
 * Day ranges ↔ rollup buckets. Reporting periods are whole local days (Asia/Ho_Chi_Minh):
 * `from`..`to` inclusive means the instants [from 00:00, to + 1 day 00:00) local time.
 * A rollup bucket is a day (grain D), a month (M, bucket = 1st of the month) or a year
 * (Y, bucket = 1 January); any day range splits into at most ~60 day buckets, ~22 month
 * buckets and whole years.
 */
import { localDateOf } from '../common/local-time';

export interface Buckets {
  D: string[];
  M: string[];
  Y: string[];
}

/** The first day rollups may hold; cumulative sums start here. */
export const EPOCH = '2000-01-01';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function parse(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(s: string, n: number): string {
  const d = parse(s);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
}

export function addMonths(s: string, n: number): string {
  const d = parse(s);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  return fmt(d);
}

export function monthStart(s: string): string {
  return `${s.slice(0, 7)}-01`;
}

export function monthEnd(s: string): string {
  return addDays(addMonths(monthStart(s), 1), -1);
}

/** Buckets covering exactly the days a..b (inclusive); empty when b < a. */
export function decompose(a: string, b: string): Buckets {
  const out: Buckets = { D: [], M: [], Y: [] };
  let c = a;
  while (c <= b) {
    if (c.endsWith('-01-01') && `${c.slice(0, 4)}-12-31` <= b) {
      out.Y.push(c);
      c = `${Number(c.slice(0, 4)) + 1}-01-01`;
    } else if (c.endsWith('-01') && monthEnd(c) <= b) {
      out.M.push(c);
      c = addMonths(c, 1);
    } else {
      out.D.push(c);
      c = addDays(c, 1);
    }
  }
  return out;
}

/** The local date (Asia/Ho_Chi_Minh, fixed UTC+7) of the business clock's now. */
export function localToday(now: Date): string {
  return localDateOf(now);
}

/** The instant a local day starts (00:00 Asia/Ho_Chi_Minh). */
export function dayStartInstant(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}
