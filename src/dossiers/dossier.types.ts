/** Statuses and actions of the JSON API contract (shared/API.md). */
export const DOSSIER_STATUSES = [
  'SUBMITTED',
  'RECEIVED',
  'IN_PROGRESS',
  'SUPPLEMENT_REQUESTED',
  'PENDING_APPROVAL',
  'TRANSFERRED',
  'RESULT_READY',
  'RETURNED',
  'REFUSED',
  'WITHDRAWN',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_ACTIONS = [
  'submit',
  'receive',
  'request-supplement',
  'supplement',
  'refuse',
  'assign',
  'propose',
  'approve',
  'reject',
  'transfer',
  'extend',
  'return-result',
  'withdraw',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export type Channel = 'ONLINE' | 'COUNTER';
export type Timeliness = 'EARLY' | 'ON_TIME' | 'LATE';
export type PaymentStatus = 'NOT_REQUIRED' | 'PENDING' | 'PAID';

/** Where a prefilled value came from, when it was fetched and a hash of it (DESIGN: prefill that can be trusted). */
export interface PrefillRecord {
  source: 'REGISTRY' | 'HISTORY' | 'DOCUMENT_STORE';
  fetchedAt: string;
  hash: string;
  locked: boolean;
}
