
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

export type { DossierEventView, DossierStageView, DossierView } from '../dossiers/dossier-view';
