/**
 * Generated data is made by the same rules as live data (issue 12): 10,000 dossiers from the bulk
 * generator replay through the workflow's state machine, effects and working calendar without a
 * single violation, and the report built on them counts refusals at reception, apologies,
 * transfers' stages and digitised dossiers; the stage-outcome rollup the generator's rebuild wrote
 * equals a recount from the generated stages.
 */
import { Client } from 'pg';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { generateBulk } from '../../src/reporting/bulk/bulk-generator';
import { checkHistories } from '../../src/reporting/histories/check-histories';
import { bootApp, type TestApp } from '../helpers/app';
import { expectedRollup, rawStages, storedRollup, type Query } from './stage-recount';

describe('generated histories follow the rules', () => {
  let t: TestApp;
  let client: Client;
  let generated = 0;

  beforeAll(async () => {
    t = await bootApp();
    client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    // Asked for 10,000; the few whose life would start after the end of the period are not made.
    generated = (await generateBulk(client, { dossiers: 10_000, years: 1, seed: 2027 })).dossiers;
  });
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  it('10,000 generated dossiers replay with 0 violations', async () => {
    const cutoff = t.app.get<AppConfig>(APP_CONFIG).lateReceptionCutoffMinutes;
    const r = await checkHistories(client, { lateReceptionCutoffMinutes: cutoff, keep: 5 });
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM dossiers`)).rows;
    expect(r.checked).toBe(n);
    expect(generated).toBeGreaterThan(9_900);
    expect(r.checked).toBeGreaterThanOrEqual(generated);
    expect({ dossiersWithViolations: r.dossiersWithViolations, examples: r.violations }).toEqual({ dossiersWithViolations: 0, examples: [] });
  });

  it('the stage-outcome rollup after bulk generation equals a recount from dossier_stages', async () => {
    const q: Query = async (sql, params) => (await client.query(sql, params)).rows;
    const raw = await rawStages(q);
    const expected = expectedRollup(raw);
    // transfers were generated, and some of their stages ended late
    const late = Object.entries(expected).filter(([k, v]) => k.startsWith('D ') && v[1] > 0).length;
    expect(Object.keys(expected).length).toBeGreaterThan(100);
    expect(late).toBeGreaterThan(0);
    expect(await storedRollup(q)).toEqual(expected);
  });

  it('the histories hold every kind of life the live system makes', async () => {
    const { rows } = await client.query(`
      SELECT (SELECT count(*)::int FROM dossier_events WHERE action = 'refuse'
                AND NOT EXISTS (SELECT 1 FROM dossier_events r WHERE r.dossier_id = dossier_events.dossier_id AND r.action = 'receive')) AS refused_at_reception,
             (SELECT count(*)::int FROM dossier_events e WHERE e.action = 'refuse'
                AND EXISTS (SELECT 1 FROM dossier_events r WHERE r.dossier_id = e.dossier_id AND r.action = 'receive' AND r.at <= e.at)) AS refused_after_reception,
             (SELECT count(*)::int FROM dossiers WHERE extension_count > 0) AS apologised,
             (SELECT count(*)::int FROM dossiers WHERE paused_working_seconds > 0 OR paused_at IS NOT NULL) AS paused,
             (SELECT count(DISTINCT dossier_id)::int FROM dossier_stages WHERE seq > 1) AS transferred,
             (SELECT count(DISTINCT dossier_id)::int FROM dossier_documents) AS with_documents,
             (SELECT count(*)::int FROM dossiers WHERE due_at IS NOT NULL
                AND (extract(hour FROM due_at AT TIME ZONE 'Asia/Ho_Chi_Minh') NOT BETWEEN 8 AND 17)) AS due_at_night`);
    const c = rows[0];
    expect(c.refused_at_reception).toBeGreaterThan(0);
    expect(c.refused_after_reception).toBe(0);
    expect(c.apologised).toBeGreaterThan(0);
    expect(c.paused).toBeGreaterThan(0);
    expect(c.transferred).toBeGreaterThan(0);
    expect(c.with_documents).toBeGreaterThan(0);
    expect(c.due_at_night).toBe(0);
  });
});
