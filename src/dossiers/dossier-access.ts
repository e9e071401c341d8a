/**
 * What the authorization policy needs to know about one dossier: who owns it and every agency
 * entitled to it (the agency holding it now, the receiving agency, every agency that held a stage
 * of an inter-level transfer). Loaded in one query by DossierRepository.access(); the access gate
 * builds the policy resource from it, so no entry point can disagree about who may see a dossier.
 */
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
