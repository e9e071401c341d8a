import type { DossierStatus, Timeliness } from '../dossiers/dossier.types';

export interface TransitionInput {
  expectedVersion: number;
  reason?: string | null;
  /** User id (uuid) or username of the specialist. */
  assignee?: string | null;
  toAgencyCode?: string | null;
  newDueAt?: string | Date | null;
  data?: Record<string, unknown> | null;
  documents?: Record<string, string[]> | null;
}

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

export interface DossierStageView {
  seq: number;
  agencyCode: string;
  startedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  timeliness: Timeliness | null;
  overdue: boolean;
}

export interface DossierView {
  code: string;
  procedureCode: string;
  procedureName?: string;
  agencyCode: string;
  receivingAgencyCode: string;
  status: DossierStatus;
  version: number;
  channel: string;
  applicantName: string;
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  originalDueAt?: string;
  pausedAt?: string;
  completedAt?: string;
  timeliness?: Timeliness;
  overdue: boolean;
  extensionCount: number;
  assigneeUserId?: string;
  currentStep?: string;
  currentStepDueAt?: string;
  resultFileId?: string;
  events: DossierEventView[];
  stages: DossierStageView[];
}
