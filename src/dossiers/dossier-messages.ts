/**
 * The one message a dossier's status change puts in the outbox (topic `dossier.status-changed`), in
 * the same transaction as the change: submission and the workflow write it, integrations and
 * notifications read it.
 */
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

export function asStatusChanged(payload: Record<string, unknown>): DossierStatusChanged {
  const p = payload as unknown as DossierStatusChanged;
  if (!p || typeof p.code !== 'string' || typeof p.eventId !== 'string' || typeof p.toStatus !== 'string') {
    throw new Error('payload dossier.status-changed thiếu code/eventId/toStatus');
  }
  return p;
}

/** The outbox row of a status change (idempotency key = the event: one message per event). */
export function statusChanged(c: Omit<DossierStatusChanged, 'at' | 'dueAt'> & { at: Date; dueAt: Date | null }) {
  const payload: DossierStatusChanged = { ...c, at: c.at.toISOString(), dueAt: c.dueAt ? c.dueAt.toISOString() : null };
  return { topic: DOSSIER_STATUS_CHANGED, aggregateId: c.code, payload: payload as unknown as Record<string, unknown>, idempotencyKey: `dossier-event:${c.eventId}` };
}
