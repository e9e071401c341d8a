/** Payload of topic `dossier.status-changed` (contract between the workflow and integrations streams). */
export interface DossierStatusChanged {
  code: string;
  procedureCode: string;
  agencyCode: string;
  fromStatus: string | null;
  toStatus: string;
  action: string;
  at: string;
  dueAt: string | null;
  applicantUserId: string | null;
  eventId: string;
}

export const DOSSIER_STATUS_CHANGED = 'dossier.status-changed';
export const TOPIC_NATIONAL_PORTAL = 'national-portal.sync';
export const TOPIC_EMAIL = 'notify.email';
export const TOPIC_SMS = 'notify.sms';

export function asStatusChanged(payload: Record<string, unknown>): DossierStatusChanged {
  const p = payload as unknown as DossierStatusChanged;
  if (!p || typeof p.code !== 'string' || typeof p.eventId !== 'string' || typeof p.toStatus !== 'string') {
    throw new Error('payload dossier.status-changed thiếu code/eventId/toStatus');
  }
  return p;
}
