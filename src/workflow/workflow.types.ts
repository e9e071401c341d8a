
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

export type { DossierEventView, DossierStageView, DossierView } from '../dossiers/dossier-view';
