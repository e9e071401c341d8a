/**
 * The dossier tables' rows as the repository returns them — typed and mapped from SQL once, here.
 * Everything above the repository works with these (camelCase, Dates), never with raw SQL rows.
 */
import type { Channel, DossierStatus, PrefillRecord, Timeliness } from './dossier.types';
import type { NewDossier } from './dossier-writes';

export interface DossierRow {
  id: string;
  code: string;
  procedureId: string;
  procedureCode: string;
  sectorCode: string;
  receivingAgencyCode: string;
  agencyCode: string;
  level: string;
  status: DossierStatus;
  version: number;
  channel: Channel;
  applicantUserId: string | null;
  applicantPersonalId: string;
  applicantName: string;
  subjectPersonalId: string | null;
  subjectName: string | null;
  data: Record<string, unknown>;
  prefill: Record<string, PrefillRecord>;
  registryNote: string | null;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  pausedAt: Date | null;
  extensionCount: number;
  extendedAt: Date | null;
  pausedWorkingSeconds: number;
  /** Working seconds processing used (pauses excluded) and the procedure allows, once known. */
  workingSeconds: number | null;
  allowedWorkingSeconds: number | null;
  processingEndedAt: Date | null;
  completedAt: Date | null;
  timeliness: Timeliness | null;
  assigneeUserId: string | null;
  currentStep: string | null;
  currentStepDueAt: Date | null;
  feeAmount: number;
  paymentStatus: string;
  bundleId: string | null;
  /** Joined names (current procedure version's name, holding agency's name) when the query asked for them. */
  procedureName?: string;
  agencyName?: string;
}

export interface DossierEventRow {
  id: string;
  dossierId: string;
  at: Date;
  action: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  agencyCode: string | null;
  reason: string | null;
  stepKey: string | null;
  stepDueAt: Date | null;
  data: Record<string, unknown> | null;
}

export interface DossierStageRow {
  id: string;
  seq: number;
  agencyCode: string;
  startedAt: Date;
  dueAt: Date | null;
  completedAt: Date | null;
  timeliness: Timeliness | null;
}

export interface DossierDocumentRow {
  documentKey: string;
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
}

type Raw = Record<string, any>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string));

export function toDossierRow(r: Raw): DossierRow {
  return {
    id: r.id,
    code: r.code,
    procedureId: r.procedure_id,
    procedureCode: r.procedure_code,
    sectorCode: r.sector_code,
    receivingAgencyCode: r.receiving_agency_code,
    agencyCode: r.agency_code,
    level: r.level,
    status: r.status,
    version: Number(r.version),
    channel: r.channel,
    applicantUserId: r.applicant_user_id ?? null,
    applicantPersonalId: r.applicant_personal_id,
    applicantName: r.applicant_name,
    subjectPersonalId: r.subject_personal_id ?? null,
    subjectName: r.subject_name ?? null,
    data: r.data ?? {},
    prefill: r.prefill ?? {},
    registryNote: r.registry_note ?? null,
    submittedAt: date(r.submitted_at)!,
    receivedAt: date(r.received_at),
    dueAt: date(r.due_at),
    originalDueAt: date(r.original_due_at),
    pausedAt: date(r.paused_at),
    extensionCount: Number(r.extension_count ?? 0),
    extendedAt: date(r.extended_at),
    pausedWorkingSeconds: Number(r.paused_working_seconds ?? 0),
    workingSeconds: r.working_seconds === null || r.working_seconds === undefined ? null : Number(r.working_seconds),
    allowedWorkingSeconds: r.allowed_working_seconds === null || r.allowed_working_seconds === undefined ? null : Number(r.allowed_working_seconds),
    processingEndedAt: date(r.processing_ended_at),
    completedAt: date(r.completed_at),
    timeliness: r.timeliness ?? null,
    assigneeUserId: r.assignee_user_id ?? null,
    currentStep: r.current_step ?? null,
    currentStepDueAt: date(r.current_step_due_at),
    feeAmount: Number(r.fee_amount ?? 0),
    paymentStatus: r.payment_status,
    bundleId: r.bundle_id ?? null,
    ...(r.procedure_name !== undefined ? { procedureName: r.procedure_name } : {}),
    ...(r.agency_name !== undefined ? { agencyName: r.agency_name ?? r.agency_code } : {}),
  };
}

export function toEventRow(e: Raw): DossierEventRow {
  return {
    id: String(e.id),
    dossierId: e.dossier_id,
    at: date(e.at)!,
    action: e.action,
    fromStatus: e.from_status ?? null,
    toStatus: e.to_status,
    actorUserId: e.actor_user_id ?? null,
    actorName: e.actor_name,
    actorRole: e.actor_role,
    agencyCode: e.agency_code ?? null,
    reason: e.reason ?? null,
    stepKey: e.step_key ?? null,
    stepDueAt: date(e.step_due_at),
    data: e.data ?? null,
  };
}

export function toStageRow(s: Raw): DossierStageRow {
  return {
    id: String(s.id),
    seq: Number(s.seq),
    agencyCode: s.agency_code,
    startedAt: date(s.started_at)!,
    dueAt: date(s.due_at),
    completedAt: date(s.completed_at),
    timeliness: s.timeliness ?? null,
  };
}

export function toDocumentRow(d: Raw): DossierDocumentRow {
  return { documentKey: d.document_key, fileId: d.id ?? d.file_id, name: d.name, size: Number(d.size), mimeType: d.mime_type };
}

/** The row a just-written submission has (no second read: the writer knows every column). */
export function submittedRow(d: NewDossier, names: { procedureName: string; agencyName: string }): DossierRow {
  return {
    id: d.id, code: d.code, procedureId: d.procedureId, procedureCode: d.procedureCode, sectorCode: d.sectorCode,
    receivingAgencyCode: d.agencyCode, agencyCode: d.agencyCode, level: d.level, status: 'SUBMITTED', version: 1, channel: d.channel,
    applicantUserId: d.applicantUserId, applicantPersonalId: d.applicantPersonalId, applicantName: d.applicantName.slice(0, 200),
    subjectPersonalId: d.subjectPersonalId, subjectName: d.subjectName, data: d.data, prefill: d.prefill, registryNote: d.registryNote,
    submittedAt: d.submittedAt, receivedAt: null, dueAt: null, originalDueAt: null, pausedAt: null, extensionCount: 0,
    extendedAt: null, pausedWorkingSeconds: 0, workingSeconds: null, allowedWorkingSeconds: null,
    processingEndedAt: null, completedAt: null, timeliness: null, assigneeUserId: null, currentStep: null, currentStepDueAt: null,
    feeAmount: d.feeAmount, paymentStatus: d.paymentStatus, bundleId: d.bundleId, ...names,
  };
}
