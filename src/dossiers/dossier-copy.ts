/**
 * COPY builders for the dossier tables (the bulk and demo generators write generated histories
 * with `COPY … FROM STDIN`, text format): the statements and one line per row. The dossier core
 * owns the tables' SQL; the generators only stream these lines.
 */
import { DAY, HOUR, MINUTE, dateOfDay } from '../common/local-time';
import type { Timeliness } from './dossier.types';
import type { DossierRow } from './dossier-rows';

export const COPY_DOSSIERS_SQL = `COPY dossiers (id, code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level,
  district_code, province_code, channel, status, version, applicant_user_id, applicant_personal_id, applicant_name, data,
  submitted_at, received_at, due_at, original_due_at, paused_at, extension_count, completed_at, timeliness, assignee_user_id,
  current_step, current_step_due_at, fee_amount, payment_status, created_at, updated_at, processing_ended_at, extended_at,
  paused_working_seconds, working_seconds, allowed_working_seconds) FROM STDIN`;
export const COPY_EVENTS_SQL = `COPY dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role,
  agency_code, reason, step_key, step_due_at, data) FROM STDIN`;
export const COPY_STAGES_SQL = `COPY dossier_stages (dossier_id, seq, agency_code, started_at, due_at, completed_at, timeliness) FROM STDIN`;
export const COPY_DOCUMENTS_SQL = `COPY dossier_documents (dossier_id, document_key, file_id) FROM STDIN`;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A text-format COPY field: NULL as \N, backslash, tab and newlines escaped. */
export function copyText(s: string | null | undefined): string {
  if (s === null || s === undefined) return '\\N';
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
/** An instant as COPY reads a timestamptz, in UTC ("2026-01-10 01:36:00.5+00"); the date part memoised (hot: every row has several). */
function at(d: Date | null | undefined): string {
  if (!d) return '\\N';
  const ms = d.getTime();
  const day = Math.floor(ms / DAY);
  let t = ms - day * DAY;
  const h = Math.floor(t / HOUR);
  t -= h * HOUR;
  const m = Math.floor(t / MINUTE);
  t -= m * MINUTE;
  const sec = Math.floor(t / 1000);
  const milli = t - sec * 1000;
  return `${dateOfDay(day)} ${two(h)}:${two(m)}:${two(sec)}${milli ? `.${String(milli).padStart(3, '0')}` : ''}+00`;
}
const num = (n: number | null | undefined): string => (n === null || n === undefined ? '\\N' : String(n));

/** A dossier as COPY writes it: the core's row (dossier-rows.ts) with the place codes, `data` as JSON text and the update time. */
export type DossierCopyRow = Omit<
  DossierRow,
  'data' | 'prefill' | 'subjectPersonalId' | 'subjectName' | 'registryNote' | 'bundleId' | 'procedureName' | 'agencyName'
> & {
  districtCode: string | null;
  provinceCode: string;
  /** JSON text of `data`. */
  data: string;
  updatedAt: Date;
};

export function dossierCopyLine(d: DossierCopyRow): string {
  return [
    d.id, d.code, d.procedureId, copyText(d.procedureCode), copyText(d.sectorCode), d.receivingAgencyCode, d.agencyCode, d.level,
    d.districtCode ?? '\\N', d.provinceCode, d.channel, d.status, d.version, d.applicantUserId ?? '\\N', d.applicantPersonalId,
    copyText(d.applicantName), copyText(d.data), at(d.submittedAt), at(d.receivedAt), at(d.dueAt), at(d.originalDueAt), at(d.pausedAt),
    d.extensionCount, at(d.completedAt), d.timeliness ?? '\\N', d.assigneeUserId ?? '\\N', copyText(d.currentStep), at(d.currentStepDueAt),
    d.feeAmount, d.paymentStatus, at(d.submittedAt), at(d.updatedAt), at(d.processingEndedAt), at(d.extendedAt), d.pausedWorkingSeconds,
    num(d.workingSeconds), num(d.allowedWorkingSeconds),
  ].join('\t') + '\n';
}

export interface EventCopyRow {
  at: Date;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  agencyCode: string | null;
  reason: string | null;
  stepKey: string | null;
  stepDueAt: Date | null;
  data: Record<string, unknown> | null;
}

export function eventCopyLine(dossierId: string, e: EventCopyRow): string {
  return [
    dossierId, at(e.at), e.action, e.fromStatus ?? '\\N', e.toStatus, e.actorUserId ?? '\\N', copyText(e.actorName.slice(0, 200)), e.actorRole,
    e.agencyCode ?? '\\N', copyText(e.reason), copyText(e.stepKey), at(e.stepDueAt), e.data ? copyText(JSON.stringify(e.data)) : '\\N',
  ].join('\t') + '\n';
}

export interface StageCopyRow { seq: number; agencyCode: string; startedAt: Date; dueAt: Date | null; completedAt: Date | null; timeliness: Timeliness | null }

export function stageCopyLine(dossierId: string, s: StageCopyRow): string {
  return `${dossierId}\t${s.seq}\t${s.agencyCode}\t${at(s.startedAt)}\t${at(s.dueAt)}\t${at(s.completedAt)}\t${s.timeliness ?? '\\N'}\n`;
}

export function documentCopyLine(dossierId: string, documentKey: string, fileId: string): string {
  return `${dossierId}\t${copyText(documentKey)}\t${fileId}\n`;
}
