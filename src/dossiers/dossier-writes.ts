/** What the repository writes: a new dossier, an event, a set of column changes, stage operations. */
import type { Channel, DossierStatus, PrefillRecord, Timeliness } from './dossier.types';

export interface NewDossier {
  id: string;
  code: string;
  procedureId: string;
  procedureCode: string;
  sectorCode: string;
  /** Receiving agency = holding agency at submission. */
  agencyCode: string;
  level: string;
  districtCode: string | null;
  provinceCode: string;
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
  bundleId: string | null;
  idempotencyKey: string | null;
  feeAmount: number;
  paymentStatus: string;
}

export interface NewEvent {
  at: Date;
  action: string;
  fromStatus?: DossierStatus | null;
  toStatus: DossierStatus;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  agencyCode: string | null;
  reason?: string | null;
  stepKey?: string | null;
  stepDueAt?: Date | null;
  data?: Record<string, unknown> | null;
}

/** Columns a move may change (undefined = unchanged). */
export interface DossierChangeSet {
  status?: DossierStatus;
  agencyCode?: string;
  receivedAt?: Date;
  dueAt?: Date | null;
  originalDueAt?: Date;
  pausedAt?: Date | null;
  processingEndedAt?: Date;
  completedAt?: Date;
  timeliness?: Timeliness;
  extensionCount?: number;
  extendedAt?: Date;
  pausedWorkingSeconds?: number;
  workingSeconds?: number;
  allowedWorkingSeconds?: number;
  assigneeUserId?: string | null;
  currentStep?: string | null;
  currentStepDueAt?: Date | null;
}

export type StageWrite =
  | { op: 'open'; seq: number; agencyCode: string; startedAt: Date; dueAt: Date | null }
  | { op: 'close'; seq: number; completedAt: Date; timeliness: Timeliness }
  | { op: 'close-all'; completedAt: Date }
  | { op: 'set-due'; seq: number; dueAt: Date };
