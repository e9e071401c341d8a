/**
 * The one view of a dossier (Immich's `mapAlbum`: the only way a dossier becomes a response):
 * GET /api/v1/dossiers/{code}, the creation response, every action response and the pages read
 * it, built by `toDossierView` from the repository's rows. Lists use `toDossierSummary`.
 * Times are ISO 8601 with the +07:00 offset; optional fields are left out when empty.
 */
import { toIsoLocal } from '../common/local-time';
import { isOverdueAt } from './dossier-rules';
import type { DossierDocumentRow, DossierEventRow, DossierRow, DossierStageRow } from './dossier-rows';
import type { DossierStatus, Timeliness } from './dossier.types';

/** One history entry. */
export interface DossierEventView {
  id: string;
  at: string;
  action: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  actor: string;
  actorRole: string;
  agencyCode: string | null;
  reason?: string;
  stepKey?: string;
  stepDueAt?: string;
  data?: Record<string, unknown>;
}

/** One agency's stage of an inter-level dossier, with its own clock. */
export interface DossierStageView {
  seq: number;
  agencyCode: string;
  startedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  timeliness: Timeliness | null;
  overdue: boolean;
}

export interface DossierDocumentView {
  documentKey: string;
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
}

/** GET /api/v1/dossiers/{code} (shared/API.md) — and every other place a dossier is shown whole. */
export interface DossierView {
  code: string;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  receivingAgencyCode: string;
  status: DossierStatus;
  version: number;
  channel: string;
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  originalDueAt?: string;
  pausedAt?: string;
  processingEndedAt?: string;
  completedAt?: string;
  timeliness?: Timeliness;
  overdue: boolean;
  extensionCount: number;
  assigneeUserId?: string;
  currentStep?: string;
  currentStepDueAt?: string;
  applicantName: string;
  subjectName?: string;
  feeAmount: number;
  paymentStatus: string;
  bundleId?: string;
  registryNote?: string;
  resultFileId?: string;
  data: Record<string, unknown>;
  prefill: Record<string, unknown>;
  documents: DossierDocumentView[];
  events: DossierEventView[];
  stages: DossierStageView[];
}

/** One line of a list (a citizen's dossiers, a staff queue). */
export interface DossierSummary {
  code: string;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  status: DossierStatus;
  version: number;
  channel: string;
  submittedAt: string;
  dueAt?: string;
  completedAt?: string;
  applicantName: string;
  overdue: boolean;
  bundleId?: string;
}

const iso = (d: Date | null | undefined): string | undefined => (d ? toIsoLocal(d) : undefined);
function opt<T>(k: string, v: T | null | undefined): Record<string, T> {
  return v === null || v === undefined ? {} : { [k]: v };
}

export function toEventView(e: DossierEventRow): DossierEventView {
  return {
    id: e.id,
    at: iso(e.at)!,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: e.actorName,
    actorRole: e.actorRole,
    agencyCode: e.agencyCode,
    ...opt('reason', e.reason || null),
    ...opt('stepKey', e.stepKey),
    ...opt('stepDueAt', iso(e.stepDueAt)),
    ...opt('data', e.data),
  };
}

/** A stage is overdue while open past its own due time. */
export function toStageView(s: DossierStageRow, now: Date): DossierStageView {
  return {
    seq: s.seq,
    agencyCode: s.agencyCode,
    startedAt: iso(s.startedAt)!,
    dueAt: iso(s.dueAt) ?? null,
    completedAt: iso(s.completedAt) ?? null,
    timeliness: s.timeliness,
    overdue: !s.completedAt && !!s.dueAt && s.dueAt.getTime() < now.getTime(),
  };
}

export interface DossierParts {
  events: readonly DossierEventRow[];
  stages: readonly DossierStageRow[];
  documents: readonly DossierDocumentRow[];
  resultFileId?: string | null;
}

export function toDossierView(d: DossierRow, parts: DossierParts, now: Date): DossierView {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName ?? d.procedureCode,
    agencyCode: d.agencyCode,
    agencyName: d.agencyName ?? d.agencyCode,
    receivingAgencyCode: d.receivingAgencyCode,
    status: d.status,
    version: d.version,
    channel: d.channel,
    submittedAt: iso(d.submittedAt)!,
    ...opt('receivedAt', iso(d.receivedAt)),
    ...opt('dueAt', iso(d.dueAt)),
    ...opt('originalDueAt', iso(d.originalDueAt)),
    ...opt('pausedAt', iso(d.pausedAt)),
    ...opt('processingEndedAt', iso(d.processingEndedAt)),
    ...opt('completedAt', iso(d.completedAt)),
    ...opt('timeliness', d.timeliness),
    overdue: isOverdueAt(d, now),
    extensionCount: d.extensionCount,
    ...opt('assigneeUserId', d.assigneeUserId),
    ...opt('currentStep', d.currentStep),
    ...opt('currentStepDueAt', iso(d.currentStepDueAt)),
    applicantName: d.applicantName,
    ...opt('subjectName', d.subjectName),
    feeAmount: d.feeAmount,
    paymentStatus: d.paymentStatus,
    ...opt('bundleId', d.bundleId),
    ...opt('registryNote', d.registryNote),
    ...opt('resultFileId', parts.resultFileId),
    data: d.data,
    prefill: d.prefill,
    documents: parts.documents.map((x) => ({ documentKey: x.documentKey, fileId: x.fileId, name: x.name, size: x.size, mimeType: x.mimeType })),
    events: parts.events.map(toEventView),
    stages: parts.stages.map((s) => toStageView(s, now)),
  };
}

export function toDossierSummary(d: DossierRow, now: Date): DossierSummary {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName ?? d.procedureCode,
    agencyCode: d.agencyCode,
    agencyName: d.agencyName ?? d.agencyCode,
    status: d.status,
    version: d.version,
    channel: d.channel,
    submittedAt: iso(d.submittedAt)!,
    ...opt('dueAt', iso(d.dueAt)),
    ...opt('completedAt', iso(d.completedAt)),
    applicantName: d.applicantName,
    overdue: isOverdueAt(d, now),
    ...opt('bundleId', d.bundleId),
  };
}
