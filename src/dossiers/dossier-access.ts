/**
 * What the authorization policy needs to know about one dossier: who owns it and every agency
 * entitled to it (the agency holding it now, the receiving agency, every agency that held a stage
 * of an inter-level transfer). Loaded in one query; every entry point builds its policy resource
 * from this, so they cannot disagree about who may see a dossier.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { PolicyResource } from '../identity/policy';

export interface DossierAccess {
  id: string;
  code: string;
  agencyCode: string;
  receivingAgencyCode: string;
  ownerUserId: string | null;
  ownerPersonalId: string | null;
  /** Agencies of every stage (transfers), without duplicates. */
  stageAgencyCodes: string[];
}

export async function loadDossierAccess(db: DataSource | EntityManager, code: string): Promise<DossierAccess | null> {
  if (typeof code !== 'string' || code.length === 0 || code.length > 48) return null;
  const [r] = await db.query(
    `SELECT d.id, d.code, d.agency_code, d.receiving_agency_code, d.applicant_user_id, d.applicant_personal_id,
            COALESCE((SELECT array_agg(DISTINCT s.agency_code) FROM dossier_stages s WHERE s.dossier_id = d.id), '{}') AS stage_agencies
       FROM dossiers d WHERE d.code = $1`,
    [code],
  );
  if (!r) return null;
  return {
    id: r.id,
    code: r.code,
    agencyCode: r.agency_code,
    receivingAgencyCode: r.receiving_agency_code,
    ownerUserId: r.applicant_user_id,
    ownerPersonalId: r.applicant_personal_id,
    stageAgencyCodes: r.stage_agencies,
  };
}

/** The policy resource of a dossier: held now by `agencyCode`, entitled: the receiving agency and every stage's agency. */
export function dossierResource(a: DossierAccess): PolicyResource {
  return {
    ref: `dossier:${a.code}`,
    agencyCode: a.agencyCode,
    agencyCodes: [...new Set([a.receivingAgencyCode, ...a.stageAgencyCodes])],
    ownerUserId: a.ownerUserId,
    ownerPersonalId: a.ownerPersonalId,
  };
}
