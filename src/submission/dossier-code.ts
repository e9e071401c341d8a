import type { EntityManager } from 'typeorm';
import { localDateOf } from '../common/local-time';

/** yymmdd of an instant in Vietnam time (UTC+7, no daylight saving): the day part of a dossier code. */
export function vnDayKey(at: Date): string {
  return localDateOf(at).slice(2).replace(/-/g, '');
}

/**
 * `{agency code}-{yymmdd}-{sequence}`: readable, unique, and sortable within an agency and day
 * (the sequence is zero-padded to 4 digits; a 10 000th dossier of one agency on one day widens it).
 */
export function formatDossierCode(agencyCode: string, day: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive integer, got ${seq}`);
  if (!/^\d{6}$/.test(day)) throw new RangeError(`day must be yymmdd, got ${day}`);
  if (!/^[0-9A-Z.]{1,24}$/.test(agencyCode)) throw new RangeError(`invalid agency code ${agencyCode}`);
  return `${agencyCode}-${day}-${String(seq).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  agencyCode: string;
  day: string;
  seq: number;
}

export function parseDossierCode(code: string): ParsedDossierCode | null {
  const m = /^([0-9A-Z.]{1,24})-(\d{6})-(\d{4,})$/.exec(code);
  if (!m) return null;
  return { agencyCode: m[1]!, day: m[2]!, seq: Number(m[3]) };
}

/**
 * Dossier codes, race-free and gap-free: the per-agency, per-day counter row is bumped with an
 * upsert INSIDE the submitting transaction. Concurrent submissions to one agency serialise on that
 * row until commit; a rolled-back submission rolls its increment back too, so no number is lost.
 */
export async function nextDossierCode(manager: Pick<EntityManager, 'query'>, agencyCode: string, at: Date): Promise<string> {
  const day = vnDayKey(at);
  const rows: { last_value: number }[] = await manager.query(
    `INSERT INTO dossier_code_sequences (agency_code, day, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequences.last_value + 1
     RETURNING last_value`,
    [agencyCode, day],
  );
  return formatDossierCode(agencyCode, day, Number(rows[0]!.last_value));
}
