import type { HelperDelegate } from 'handlebars';
import { LEVEL_LABELS, ONLINE_LEVEL_LABELS, PROCESSING_UNIT_LABELS, ROLE_LABELS } from './labels';

const vnd = new Intl.NumberFormat('vi-VN');
const TZ_OFFSET_MS = 7 * 3600 * 1000;

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/** dd/MM/yyyy HH:mm in Vietnam time (UTC+7, no daylight saving). */
export function formatDateTimeVn(d: Date | string | null | undefined): string {
  if (!d) return '';
  const t = new Date(new Date(d).getTime() + TZ_OFFSET_MS);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export function formatDateVn(d: Date | string | null | undefined): string {
  if (!d) return '';
  if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) {
    const [y, m, day] = d.split('-');
    return `${day}/${m}/${y}`;
  }
  return formatDateTimeVn(d).slice(0, 10);
}

export function formatVnd(amount: number | string | null | undefined): string {
  const n = Number(amount ?? 0);
  return n === 0 ? 'Miễn phí' : `${vnd.format(n)} đồng`;
}

/** Handlebars helpers available in every view. */
export const VIEW_HELPERS: Record<string, HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  not: (a: unknown) => !a,
  gt: (a: number, b: number) => a > b,
  add: (a: number, b: number) => Number(a) + Number(b),
  vnd: (n: number) => formatVnd(n),
  number: (n: number) => vnd.format(Number(n ?? 0)),
  percent: (n: number | null) => (n === null || n === undefined ? '—' : `${(Number(n) * 100).toFixed(1)}%`),
  dateTime: (d: Date | string) => formatDateTimeVn(d),
  date: (d: Date | string) => formatDateVn(d),
  levelLabel: (l: string) => LEVEL_LABELS[l] ?? l,
  onlineLabel: (l: string) => ONLINE_LEVEL_LABELS[l] ?? l,
  roleLabel: (r: string) => ROLE_LABELS[r] ?? r,
  unitLabel: (u: string) => PROCESSING_UNIT_LABELS[u] ?? u,
  json: (v: unknown) => JSON.stringify(v),
  lines: (s: string) => (s ?? '').split('\n').filter((l) => l.trim() !== ''),
  selected: (a: unknown, b: unknown) => (String(a ?? '') === String(b ?? '') ? 'selected' : ''),
  checked: (a: unknown) => (a === true || a === 'true' || a === 'on' || a === '1' ? 'checked' : ''),
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
};
