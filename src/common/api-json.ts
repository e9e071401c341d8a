import { toIsoLocal } from './local-time';

/**
 * The JSON replacer of every response (`app.set('json replacer', …)` in app.factory.ts): an
 * instant left as a Date is written as ISO 8601 with the +07:00 offset, the API's one time format
 * (API.md), instead of Date.toJSON's UTC "Z" form. Services that format instants themselves use
 * the same formatter, `toIsoLocal`.
 */
export function apiJsonReplacer(this: unknown, key: string, value: unknown): unknown {
  // JSON.stringify has already called toJSON(); the holder still has the Date itself.
  const raw = (this as Record<string, unknown> | null)?.[key];
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : toIsoLocal(raw);
  return value;
}

/** An instant from the database (Date or timestamp text) in the API's format; null when absent. */
export function apiInstant(v: Date | string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : toIsoLocal(d);
}
