import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { apiInstant } from '../../common/api-json';
import { parseInstant } from '../../common/local-time';

export interface StubFaults {
  /** Every request answered 503. */
  down: boolean;
  /** Added before answering, in ms. */
  latencyMs: number;
}

export interface PortalStatusUpdate {
  dossierCode: string;
  procedureCode: string;
  agencyCode: string;
  status: string;
  changedAt: string;
  dueAt: string | null;
  eventId: string;
}

/**
 * The national public-service portal, as far as this province is concerned: it stores the latest
 * status of each dossier, de-duplicates on Idempotency-Key and never rolls a status back when an
 * older update arrives late (updates are ordered by `changedAt`).
 */
@Injectable()
export class NationalPortalStub {
  faults: StubFaults = { down: false, latencyMs: 0 };

  constructor(private readonly ds: DataSource) {}

  setFaults(f: Partial<StubFaults>): StubFaults {
    this.faults = { ...this.faults, ...f };
    return this.faults;
  }

  async receive(idempotencyKey: string, u: PortalStatusUpdate): Promise<{ accepted: true; duplicate: boolean }> {
    // Instants through the one parser (validated by the DTO): no offset = Vietnam time, never the database session's zone.
    const changedAt = parseInstant(u.changedAt);
    const dueAt = u.dueAt ? parseInstant(u.dueAt) : null;
    return this.ds.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO national_portal.updates (idempotency_key, code, payload) VALUES ($1, $2, $3)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
        [idempotencyKey, u.dossierCode, JSON.stringify(u)],
      );
      if (!inserted.length) {
        await m.query(
          `INSERT INTO national_portal.dossiers (code, status, procedure_code, agency_code, due_at, last_event_at, updates_received, duplicates_ignored)
           VALUES ($1, $2, $3, $4, $5, $6, 0, 1)
           ON CONFLICT (code) DO UPDATE SET duplicates_ignored = national_portal.dossiers.duplicates_ignored + 1, updated_at = now()`,
          [u.dossierCode, u.status, u.procedureCode, u.agencyCode, dueAt, changedAt],
        );
        return { accepted: true, duplicate: true };
      }
      // Newer wins, by (changedAt, eventId): an older update arriving late never rolls the status back.
      const newer = `(EXCLUDED.last_event_at, lpad(EXCLUDED.last_event_id, 60, '0')) >= (national_portal.dossiers.last_event_at, lpad(national_portal.dossiers.last_event_id, 60, '0'))`;
      await m.query(
        `INSERT INTO national_portal.dossiers (code, status, procedure_code, agency_code, due_at, last_event_at, last_event_id, updates_received)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
         ON CONFLICT (code) DO UPDATE SET
           updates_received = national_portal.dossiers.updates_received + 1,
           status = CASE WHEN ${newer} THEN EXCLUDED.status ELSE national_portal.dossiers.status END,
           agency_code = CASE WHEN ${newer} THEN EXCLUDED.agency_code ELSE national_portal.dossiers.agency_code END,
           due_at = CASE WHEN ${newer} THEN EXCLUDED.due_at ELSE national_portal.dossiers.due_at END,
           last_event_id = CASE WHEN ${newer} THEN EXCLUDED.last_event_id ELSE national_portal.dossiers.last_event_id END,
           last_event_at = GREATEST(EXCLUDED.last_event_at, national_portal.dossiers.last_event_at),
           updated_at = now()`,
        [u.dossierCode, u.status, u.procedureCode, u.agencyCode, dueAt, changedAt, String(u.eventId).slice(0, 60)],
      );
      return { accepted: true, duplicate: false };
    });
  }

  async find(code: string): Promise<{ code: string; status: string; updatesReceived: number; duplicatesIgnored: number; dueAt: string | null; lastEventAt: string } | null> {
    const [r] = await this.ds.query(`SELECT * FROM national_portal.dossiers WHERE code = $1`, [code]);
    if (!r) return null;
    return {
      code: r.code,
      status: r.status,
      updatesReceived: r.updates_received,
      duplicatesIgnored: r.duplicates_ignored,
      dueAt: apiInstant(r.due_at),
      lastEventAt: apiInstant(r.last_event_at)!,
    };
  }

  async totals(): Promise<{ dossiers: number; updatesReceived: number; duplicatesIgnored: number }> {
    const [r] = await this.ds.query(
      `SELECT count(*)::int AS n, coalesce(sum(updates_received), 0)::int AS u, coalesce(sum(duplicates_ignored), 0)::int AS d FROM national_portal.dossiers`,
    );
    return { dossiers: r.n, updatesReceived: r.u, duplicatesIgnored: r.d };
  }
}
