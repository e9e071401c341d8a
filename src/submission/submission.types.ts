/** What a submission is made of, between checking it (SubmissionService) and writing it (DossierWriter). */
import type { Procedure } from '../catalog/procedure.entity';
import type { PrefillRecord } from '../dossiers/dossier.types';
import type { DossierView } from '../dossiers/dossiers.service';
import type { PreparedFile } from '../files/files.service';
import type { AgencyRef } from './receiving-agency.service';

export interface SubjectInput {
  personalId?: string | null;
  fullName: string;
  relationship?: string | null;
}

export interface AttachedDocument {
  documentKey: string;
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
}

/** Who the dossier belongs to: the signed-in citizen, or (counter intake) the citizen at the desk. */
export interface Applicant {
  userId: string | null;
  personalId: string;
  fullName: string;
}

export interface SubmitResult {
  dossierId: string;
  code: string;
  created: boolean;
  /** The new dossier as GET /api/v1/dossiers/{code} shows it (absent for a replay). */
  view?: DossierView;
}

/** Everything checked, nothing written yet. */
export interface PreparedSubmission {
  proc: Procedure;
  agency: AgencyRef;
  data: Record<string, unknown>;
  prefill: Record<string, PrefillRecord>;
  documents: AttachedDocument[];
  newFiles: PreparedFile[];
  subject: SubjectInput | null;
  registryNote: string | null;
}

