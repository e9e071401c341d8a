import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Deterministic PRNG (mulberry32) so a failing seed can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

export interface RawDossier {
  id: string;
  code: string;
  agency_code: string;
  procedure_code: string;
  sector_code: string;
  channel: string;
  status: string;
  received_at: Date | null;
  completed_at: Date | null;
  processing_ended_at: Date | null;
  due_at: Date | null;
  paused_at: Date | null;
  timeliness: string | null;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Inserts `n` dossiers with random histories through ordinary INSERT/UPDATE statements (the
 * reporting triggers maintain the rollups): submissions, receptions (times close to local midnight
 * included), extensions, inter-agency transfers, completions of every kind (timeliness sometimes
 * missing), result-ready → returned, re-openings, deletions.
 */
export async function insertRandomDossiers(ds: DataSource, n: number, agencies: string[], seed: number, span = { from: '2024-01-01', days: 730 }) {
  const r = rng(seed);
  const procs = Array.from({ length: 8 }, (_, i) => ({ code: `T.${i}`, sector: `S${i % 3}` }));
  const start = new Date(`${span.from}T00:00:00+07:00`).getTime();
  const ids: string[] = [];
  const randomInstant = () => {
    // One in five near local midnight (±90 min), the rest anywhere in the span.
    const day = start + r.int(0, span.days) * DAY;
    return new Date(r.chance(0.2) ? day + r.int(-90, 90) * 60_000 : day + r.int(0, DAY / 60_000) * 60_000);
  };
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    ids.push(id);
    const p = r.pick(procs);
    const agency = r.pick(agencies);
    const submitted = randomInstant();
    const receivedNow = r.chance(0.85);
    const received = receivedNow ? new Date(submitted.getTime() + r.int(0, 3 * DAY)) : null;
    const due = received && r.chance(0.95) ? new Date(received.getTime() + r.int(2 * HOUR, 20 * DAY)) : null;
    await ds.query(
      `INSERT INTO dossiers (id, code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level,
         district_code, province_code, channel, status, applicant_personal_id, applicant_name, submitted_at, received_at, due_at, original_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 'COMMUNE', NULL, '02', $7, $8, '001099000001', 'Nguyễn Văn Thử', $9, $10, $11, $11)`,
      [id, `T-${seed}-${i}`, randomUUID(), p.code, p.sector, agency, r.chance(0.6) ? 'ONLINE' : 'COUNTER',
        received ? 'RECEIVED' : 'SUBMITTED', submitted, received, due],
    );
  }
  const get = async (id: string) => (await ds.query(`SELECT * FROM dossiers WHERE id = $1`, [id]))[0] as RawDossier;
  for (const id of ids) {
    let d = await get(id);
    if (!d.received_at) {
      if (r.chance(0.2)) {
        // refused at reception: never received — counted apart, outside the received balance
        await ds.query(`UPDATE dossiers SET status = 'REFUSED', completed_at = submitted_at + interval '1 hour', processing_ended_at = submitted_at + interval '1 hour' WHERE id = $1`, [id]);
        continue;
      }
      if (r.chance(0.3)) continue; // still waiting for reception
      const rec = new Date(new Date((await ds.query(`SELECT submitted_at FROM dossiers WHERE id=$1`, [id]))[0].submitted_at).getTime() + r.int(1, 5 * DAY));
      await ds.query(`UPDATE dossiers SET status = 'RECEIVED', received_at = $2, due_at = $3 WHERE id = $1`, [id, rec, new Date(rec.getTime() + r.int(HOUR, 15 * DAY))]);
      d = await get(id);
    }
    if (r.chance(0.1)) await ds.query(`UPDATE dossiers SET status = 'IN_PROGRESS' WHERE id = $1`, [id]);
    if (r.chance(0.1) && d.due_at) {
      await ds.query(`UPDATE dossiers SET due_at = due_at + $2::interval, extension_count = 1 WHERE id = $1`, [id, `${r.int(1, 10)} days`]);
    }
    if (r.chance(0.1)) await ds.query(`UPDATE dossiers SET agency_code = $2, status = 'TRANSFERRED' WHERE id = $1`, [id, r.pick(agencies)]);
    d = await get(id);
    if (r.chance(0.04) && d.due_at) {
      // waiting for a supplement: asked before the due time (clock stopped, not overdue) or after it (stays overdue)
      const before = r.chance(0.5);
      const paused = new Date(d.due_at.getTime() + (before ? -r.int(1, 48) : r.int(1, 48)) * HOUR);
      await ds.query(`UPDATE dossiers SET status = 'SUPPLEMENT_REQUESTED', paused_at = $2 WHERE id = $1`, [id, paused < d.received_at! ? d.received_at : paused]);
      continue;
    }
    if (r.chance(0.1)) continue; // open
    const received = d.received_at!.getTime();
    const due = d.due_at?.getTime() ?? null;
    let completed: number;
    const shape = r.next();
    if (due !== null && shape < 0.2) completed = due + r.int(1, 10 * DAY); // late
    else if (due !== null && shape < 0.3) completed = due + r.int(-30, 30) * 60_000; // right at the deadline
    else completed = received + r.int(10 * 60_000, due !== null ? Math.max(due - received, HOUR) : 10 * DAY);
    if (completed < received) completed = received;
    const kind = r.next();
    // Refusal happens only at reception (above): after reception a dossier ends with a result or a withdrawal.
    const status = kind < 0.12 ? 'WITHDRAWN' : kind < 0.3 ? 'RESULT_READY' : 'RETURNED';
    const truth = due === null || completed <= due ? (due !== null && completed < due - DAY ? 'EARLY' : 'ON_TIME') : 'LATE';
    const timeliness = status === 'WITHDRAWN' ? null : r.chance(0.1) ? null : truth;
    // processing ends at the result (RESULT_READY) or the withdrawal; the hand-over (RETURNED) may come days later
    const handedOver = status === 'RESULT_READY' ? null : status === 'RETURNED' ? new Date(completed + r.int(0, 3 * DAY)) : new Date(completed);
    await ds.query(`UPDATE dossiers SET status = $2, processing_ended_at = $3, completed_at = $4, timeliness = $5 WHERE id = $1`, [
      id, status, new Date(completed), handedOver, timeliness,
    ]);
    if (status === 'RESULT_READY' && r.chance(0.5)) await ds.query(`UPDATE dossiers SET status = 'RETURNED', completed_at = processing_ended_at + interval '2 hours' WHERE id = $1`, [id]);
    if (r.chance(0.02)) {
      // re-opened by correction (e.g. a completion recorded by mistake)
      await ds.query(`UPDATE dossiers SET status = 'IN_PROGRESS', completed_at = NULL, processing_ended_at = NULL, timeliness = NULL WHERE id = $1`, [id]);
    }
  }
  // a few deletions (test data clean-up paths)
  for (const id of ids.filter(() => r.chance(0.01))) await ds.query(`DELETE FROM dossiers WHERE id = $1`, [id]);
  return { procs };
}

/**
 * Brute force straight from the definitions (sla-report.service.ts), on instants, with no buckets:
 * E = when processing ended (processing_ended_at, else completed_at); refusals at reception are
 * counted apart; overdue at the end instant min(T, now), not while waiting for a supplement asked
 * before the due time.
 */
export function bruteForce(rows: RawDossier[], from: string, to: string, keyOf: (d: RawDossier) => string, now = Date.now()) {
  const F = new Date(`${from}T00:00:00+07:00`).getTime();
  const T = new Date(`${to}T00:00:00+07:00`).getTime() + DAY;
  const X = Math.min(T, now);
  const out = new Map<string, Record<string, number>>();
  const rowOf = (k: string) => {
    const row = out.get(k) ?? {
      carriedOver: 0, receivedOnline: 0, receivedCounter: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0,
      inProgressWithinDeadline: 0, inProgressOverdue: 0, refused: 0, withdrawn: 0,
    };
    out.set(k, row);
    return row;
  };
  for (const d of rows) {
    const endedAt = d.processing_ended_at ?? d.completed_at;
    const E = endedAt ? endedAt.getTime() : null;
    if (!d.received_at) {
      if (d.status === 'REFUSED' && E !== null && E >= F && E < T) rowOf(keyOf(d)).refused++;
      continue;
    }
    const R = d.received_at.getTime();
    const D = d.due_at ? d.due_at.getTime() : null;
    const P = d.paused_at ? d.paused_at.getTime() : null;
    const row = rowOf(keyOf(d));
    if (R < F && (E === null || E >= F)) row.carriedOver++;
    if (R >= F && R < T) row[d.channel === 'ONLINE' ? 'receivedOnline' : 'receivedCounter']++;
    if (E !== null && E >= F && E < T) {
      if (d.status === 'WITHDRAWN') row.withdrawn++;
      else {
        const t = d.timeliness ?? (D !== null && E > D ? 'LATE' : 'ON_TIME');
        row[t === 'EARLY' ? 'resolvedEarly' : t === 'LATE' ? 'resolvedLate' : 'resolvedOnTime']++;
      }
    }
    if (R < T && (E === null || E >= T)) {
      const overdue = D !== null && D < X && !(P !== null && P <= D);
      row[overdue ? 'inProgressOverdue' : 'inProgressWithinDeadline']++;
    }
  }
  for (const [k, v] of out) if (Object.values(v).every((x) => x === 0)) out.delete(k);
  return out;
}
