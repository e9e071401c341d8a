/**
 * The rules about a dossier's state that every entry point shows — written once, here, with their
 * SQL twins beside them (queues, API, pages, dashboard and reports call these; nothing else
 * decides what "open", "overdue" or "on time" means).
 *
 * DESIGN.md "When a dossier is late", after Nghị định 61/2018/NĐ-CP (Điều 9, 15, 16) and
 * Thông tư 01/2018/TT-VPCP (Điều 12):
 * - processing ends when the result is ready (RESULT_READY: the leader approved it), or at
 *   refusal or withdrawal; the instant is recorded in `processing_ended_at`;
 * - timeliness (early / on time / late) compares that instant with the due date in force (after
 *   pauses); an extension (apology + new appointment) never makes a dossier on time;
 * - a dossier is overdue at instant t when its processing has not ended and t is strictly past its
 *   due date; while it waits for a supplement its clock is stopped, so it is not overdue then —
 *   unless it already was when the pause began (paused_at > due_at);
 * - a dossier not yet received has no clock, so no due date and is never overdue.
 */
import { localDateOf } from '../common/local-time';
import { STATUS_LABELS as VI_STATUS, TIMELINESS_LABELS as VI_TIMELINESS, viStatus } from '../common/vi-labels';
import type { DossierStatus, Timeliness } from './dossier.types';

/** Statuses in which nothing more happens. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['RETURNED', 'REFUSED', 'WITHDRAWN'];

/** Statuses in which the processing clock has stopped for good (a result, a refusal, a withdrawal). */
export const ENDED_STATUSES: readonly DossierStatus[] = ['RESULT_READY', 'RETURNED', 'REFUSED', 'WITHDRAWN'];

/** Received and still being processed (a transfer that carries an approved result is ended: see `processingEnded`). */
export const OPEN_STATUSES: readonly DossierStatus[] = ['RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'PENDING_APPROVAL', 'TRANSFERRED'];

/** Vietnamese names of the statuses and timeliness, for people: the one map is src/common/vi-labels.ts. */
export const STATUS_LABELS: Readonly<Record<DossierStatus, string>> = VI_STATUS;
export const statusLabel = (s: string): string => viStatus(s);

export const TIMELINESS_LABELS: Readonly<Record<Timeliness, string>> = VI_TIMELINESS;

/** What the clock rules look at. */
export interface DossierClock {
  status: DossierStatus;
  dueAt: Date | null;
  pausedAt: Date | null;
  /** When processing ended (result ready, refusal, withdrawal); null while it runs. */
  processingEndedAt: Date | null;
}

/** Processing has ended: a result is ready (even while it travels back to the receiving agency), or the dossier was refused or withdrawn. */
export function processingEnded(d: Pick<DossierClock, 'status' | 'processingEndedAt'>): boolean {
  return d.processingEndedAt !== null || ENDED_STATUSES.includes(d.status);
}

/** Overdue at instant `at` (see the rule above). */
export function isOverdueAt(d: DossierClock, at: Date): boolean {
  if (!d.dueAt || processingEnded(d)) return false;
  if (d.pausedAt) return d.pausedAt.getTime() > d.dueAt.getTime();
  return at.getTime() > d.dueAt.getTime();
}

/**
 * The SQL twin of `isOverdueAt` for a `dossiers` row aliased `alias`, with the instant as the
 * parameter placeholder `at` (e.g. `$3::timestamptz`). Keep the two in step (dossier-rules.spec.ts
 * runs both on the same cases).
 */
export function overdueSql(alias: string, at: string): string {
  const d = alias;
  return `(${d}.due_at IS NOT NULL AND ${d}.processing_ended_at IS NULL AND ${d}.status <> ALL('{${ENDED_STATUSES.join(',')}}'::varchar[])
    AND CASE WHEN ${d}.paused_at IS NOT NULL THEN ${d}.paused_at > ${d}.due_at ELSE ${at} > ${d}.due_at END)`;
}

/** The SQL twin of "processing has not ended" (open, received or not). */
export function notEndedSql(alias: string): string {
  return `(${alias}.processing_ended_at IS NULL AND ${alias}.status <> ALL('{${ENDED_STATUSES.join(',')}}'::varchar[]))`;
}

/**
 * Early / on time / late (Quyết định 766/QĐ-TTg indicators): late when processing ended after the
 * due time or the dossier needed an extension; early when it ended on an earlier local day than
 * the due day; otherwise on time. A dossier without a due date (never received) is on time.
 */
export function classify(endedAt: Date, dueAt: Date | null, extended: boolean): Timeliness {
  if (extended) return 'LATE';
  if (!dueAt) return 'ON_TIME';
  if (endedAt.getTime() > dueAt.getTime()) return 'LATE';
  return localDateOf(endedAt) < localDateOf(dueAt) ? 'EARLY' : 'ON_TIME';
}
