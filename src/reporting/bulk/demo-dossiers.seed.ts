import type { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Seed } from '../../database/seed-runner';
import { vnDayKey } from '../../submission/dossier-code';
import { generateBulk } from './bulk-generator';
import { join } from 'node:path';
import { LocalDiskStorage } from '../../files/file-storage';

/**
 * Demo mode: two years of realistic sample dossiers (with events, ratings and rollups) so that
 * queues, the managers' dashboard and the transparency page have something to show on first start.
 * Runs once: the checksum is the requested count, and the generator appends.
 */
export const demoDossiersSeed: Seed = {
  key: 'demo-sample-dossiers',
  demoOnly: true,
  checksum: (config) => `v1:${config.demoDossiers}`,
  async run(manager: EntityManager, config, log) {
    if (config.demoDossiers <= 0) return;
    // The generator manages its own transaction and COPY on a dedicated connection; this seed's own
    // transaction must not touch `dossiers` (the generator briefly locks the table to pause triggers).
    const pool = (manager.connection.driver as unknown as { master: { connect(): Promise<Client & { release(): void }> } }).master;
    const client = await pool.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM dossiers');
      if (rows[0].n > 0) return; // never mix sample data into a database that already has real dossiers
      const r = await generateBulk(client, {
        dossiers: config.demoDossiers, years: 2, seed: 2026, calendar: { lateReceptionCutoff: config.lateReceptionCutoffMinutes },
        storage: new LocalDiskStorage(join(config.dataDir, 'files')),
      });
      const waiting = await seedWaitingQueues(client);
      log(`  hồ sơ mẫu: ${r.dossiers} hồ sơ, ${r.events} sự kiện, ${r.ratings} đánh giá; ${waiting} hồ sơ mới chờ tiếp nhận`);
    } finally {
      client.release();
    }
  },
};

/**
 * The generated history is spread over all 1,113 agencies, so a demo clerk's inbox would mostly be
 * empty: give every agency that has demo staff a few online submissions from the demo citizens,
 * made in the last working days and waiting for reception.
 */
async function seedWaitingQueues(client: Client): Promise<number> {
  const { rows } = await client.query(
    `WITH demo_agencies AS (SELECT DISTINCT agency_code FROM users WHERE demo AND role = 'CLERK' AND agency_code IS NOT NULL),
          candidates AS (
            SELECT a.code AS agency_code, a.level, a.district_code, a.province_code, p.id AS procedure_id, p.code AS procedure_code,
                   p.sector_code, p.fee_amount, p.requires_prepayment,
                   row_number() OVER (PARTITION BY a.code ORDER BY p.popularity DESC, p.code) AS rn
              FROM demo_agencies d JOIN agencies a ON a.code = d.agency_code
              JOIN procedures p ON p.is_current AND p.receiving_level = a.level AND p.steps->0->>'agencyKind' = a.kind)
     SELECT * FROM candidates WHERE rn <= 3 ORDER BY agency_code, rn`,
  );
  const citizens = (await client.query(`SELECT personal_id, full_name FROM users
      WHERE demo AND role = 'CITIZEN' AND date_of_birth <= (current_date - interval '18 years') ORDER BY personal_id`)).rows;
  if (!citizens.length) return 0;
  await client.query('BEGIN');
  let made = 0;
  for (const [i, r] of rows.entries()) {
    const c = citizens[i % citizens.length];
    // Submitted 1 to 30 working hours ago (roughly), during the day.
    const at = new Date(Date.now() - (1 + (i % 30)) * 3600_000);
    const day = vnDayKey(at);
    const { rows: seq } = await client.query(
      `INSERT INTO dossier_code_sequences (agency_code, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequences.last_value + 1 RETURNING last_value`,
      [r.agency_code, day],
    );
    const code = `${r.agency_code}-${day}-${String(seq[0].last_value).padStart(4, '0')}`;
    const { rows: d } = await client.query(
      `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code,
         province_code, channel, status, applicant_user_id, applicant_personal_id, applicant_name, data, submitted_at, fee_amount, payment_status)
       SELECT $1, $2, $3, $4, $5, $5, $6, $7, $8, 'ONLINE', 'SUBMITTED', u.id, u.personal_id, u.full_name,
              jsonb_build_object('applicantName', u.full_name, 'applicantPersonalId', u.personal_id), $9, $10, $11
         FROM users u WHERE u.personal_id = $12
       RETURNING id, applicant_user_id`,
      [code, r.procedure_id, r.procedure_code, r.sector_code, r.agency_code, r.level, r.district_code, r.province_code, at,
       r.fee_amount, Number(r.fee_amount) > 0 && r.requires_prepayment ? 'PAID' : 'NOT_REQUIRED', c.personal_id],
    );
    await client.query(
      `INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status, actor_user_id, actor_name, actor_role, agency_code)
       VALUES ($1, $2, 'submit', NULL, 'SUBMITTED', $3, $4, 'CITIZEN', $5)`,
      [d[0].id, at, d[0].applicant_user_id, c.full_name, r.agency_code],
    );
    made++;
  }
  await client.query('COMMIT');
  return made;
}
