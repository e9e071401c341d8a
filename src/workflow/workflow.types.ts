import type { DossierStatus, Timeliness } from '../dossiers/dossier.types';

export interface TransitionInput {
  expectedVersion: number;
  reason?: string | null;
  /** User id (uuid) or username of the specialist. */
  assignee?: string | null;
  toAgencyCode?: string | null;
  /**
   * The new appointment of an apology. Entry points pass a Date read by `parseInstant`
   * (common/local-time.ts: no offset = Vietnam time); a string here would be read by `new Date`.
   */
  newDueAt?: string | Date | null;
  data?: Record<string, unknown> | null;
  documents?: Record<string, string[]> | null;
}

export type { DossierEventView, DossierStageView } from '../dossiers/dossier-view';
import type { DossierEventView, DossierStageView } from '../dossiers/dossier-view';

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
