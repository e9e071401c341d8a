/**
 * Workflow (issue 5): the clerk's queue at scale and transition throughput.
 * - 1,000,000 dossiers (INSERT … SELECT over generate_series/unnest, triggers off during the load),
 *   10,000 of them open at the clerk's agency (00715.TPHT); the rest spread over every agency of the
 *   province, 80 % completed. Queue listing (/can-bo, first page sorted by deadline, and its
 *   "overdue" / "due within 1 working day" filters) measured with autocannon.
 * - Transitions per second through POST /api/v1/dossiers/{code}/actions ("receive", each one a
 *   conditional UPDATE + event + stage + outbox row in one transaction), and "approve" (which also
 *   renders and signs the result PDF).
 * `npm run bench -- bench/workflow.bench.ts` (BENCH_SECONDS=… to change the duration).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { QueueService } from '../src/workflow/queue.service';
import { bootBenchApp, load, machine, startBenchDatabase, table, writeSection } from './lib/harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOTAL = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const OPEN_AT_CLERK = 10_000;
const AGENCY = '00715.TPHT';

function pct(sorted: number[], p: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10 : 0;
}

async function token(baseUrl: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return ((await r.json()) as { accessToken: string }).accessToken;
}

async function main() {
  const load0 = loadavg()[0].toFixed(1);
  const db = await startBenchDatabase('motcua_bench_workflow');
  const app = await bootBenchApp(db.url, { REGISTRY_CITIZENS: '5000' });
  const ds = app.app.get(DataSource);
  try {
    const [proc] = await ds.query(`SELECT id, code, sector_code FROM procedures WHERE code = '1.001193' AND is_current`);
    const [citizen] = await ds.query(`SELECT id, personal_id, full_name FROM users WHERE role = 'CITIZEN' ORDER BY username LIMIT 1`);
    const agencies: { code: string }[] = await ds.query(`SELECT code FROM agencies WHERE code <> $1 ORDER BY code`, [AGENCY]);

    // ---- bulk load ----
    const t0 = performance.now();
    await ds.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`); // reporting triggers off for the synthetic load
      const insert = (whereAgency: string, n: number, offset: number, openShare: number) =>
        m.query(
          `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code,
             province_code, channel, status, version, applicant_user_id, applicant_personal_id, applicant_name, submitted_at, received_at,
             due_at, completed_at, timeliness)
           SELECT 'B-' || lpad((g + $4)::text, 8, '0'), $1, $2, $3, a.code, a.code, a.level, a.district_code, a.province_code, 'ONLINE',
                  CASE WHEN random() < $5 THEN (ARRAY['SUBMITTED','RECEIVED','IN_PROGRESS','PENDING_APPROVAL','SUPPLEMENT_REQUESTED','RESULT_READY'])[1 + (g % 6)]
                       ELSE 'RETURNED' END,
                  2, $6, $7, $8,
                  now() - ((g % 400) || ' days')::interval, now() - ((g % 400) || ' days')::interval,
                  now() + (((g % 240) - 40) || ' hours')::interval, NULL, NULL
             FROM generate_series(1, $9) g
             JOIN LATERAL (SELECT * FROM agencies WHERE code = ${whereAgency} LIMIT 1) a ON true`,
          [proc.id, proc.code, proc.sector_code, offset, openShare, citizen.id, citizen.personal_id, citizen.full_name, n],
        );
      // 10,000 open at the clerk's agency
      await insert(`'${AGENCY}'`, OPEN_AT_CLERK, 0, 1);
      // the rest spread over all other agencies (unnest of the agency list, repeated)
      const rest = TOTAL - OPEN_AT_CLERK;
      const codes = agencies.map((a) => a.code);
      await m.query(
        `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code,
           province_code, channel, status, version, applicant_user_id, applicant_personal_id, applicant_name, submitted_at, received_at,
           due_at, completed_at, timeliness)
         SELECT 'R-' || lpad(g::text, 8, '0'), $1, $2, $3, a.code, a.code, a.level, a.district_code, a.province_code, 'ONLINE',
                CASE WHEN g % 5 = 0 THEN (ARRAY['RECEIVED','IN_PROGRESS','PENDING_APPROVAL','SUBMITTED'])[1 + (g % 4)] ELSE 'RETURNED' END,
                2, $4, $5, $6, now() - ((g % 400) || ' days')::interval, now() - ((g % 400) || ' days')::interval,
                now() + (((g % 240) - 40) || ' hours')::interval,
                CASE WHEN g % 5 = 0 THEN NULL ELSE now() - ((g % 390) || ' days')::interval END,
                CASE WHEN g % 5 = 0 THEN NULL ELSE (ARRAY['EARLY','ON_TIME','LATE'])[1 + (g % 3)] END
           FROM generate_series(1, $7) g
           JOIN agencies a ON a.code = ($8::varchar[])[1 + (g % $9)]`,
        [proc.id, proc.code, proc.sector_code, citizen.id, citizen.personal_id, citizen.full_name, rest, codes, codes.length],
      );
    });
    await ds.query('ANALYZE dossiers');
    const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const [{ n: total }] = await ds.query(`SELECT count(*)::int AS n FROM dossiers`);
    const [{ n: open }] = await ds.query(`SELECT count(*)::int AS n FROM dossiers WHERE agency_code = $1 AND status <> ALL('{RETURNED,REFUSED,WITHDRAWN}')`, [AGENCY]);

    // ---- queue listing ----
    const clerk = await token(app.baseUrl, 'clerk.00715.tpht', 'MotCua@2026');
    const headers = { authorization: `Bearer ${clerk}` };
    const queueRows: (string | number)[][] = [];
    for (const [label, path] of [
      ['/can-bo (first 50 by deadline)', '/can-bo'],
      ['/can-bo?han=qua-han (overdue)', '/can-bo?han=qua-han'],
      ['/can-bo?han=sap-het (due within 1 working day)', '/can-bo?han=sap-het'],
      ['/can-bo?status=IN_PROGRESS&page=20', '/can-bo?status=IN_PROGRESS&page=20'],
    ] as const) {
      const r = await load({ url: app.baseUrl + path, headers, connections: 10, duration: SECONDS });
      queueRows.push([label, r.rps, r.p50, r.p95, r.p99, r.errors + r.non2xx]);
    }
    // The queue service alone (queries + remaining-time computation, no HTTP/HTML), sequential.
    const queue = app.app.get(QueueService);
    const [clerkUser] = await ds.query(`SELECT id, username, role, agency_code, full_name FROM users WHERE username = 'clerk.00715.tpht'`);
    const actor = { id: clerkUser.id, username: clerkUser.username, role: clerkUser.role, agencyCode: clerkUser.agency_code, personalId: null, fullName: clerkUser.full_name, isStaff: true };
    const serviceTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await queue.list(actor, { page: 1 + (i % 5) });
      serviceTimes.push(performance.now() - t);
    }
    serviceTimes.sort((a, b) => a - b);
    const planMs = `p50 ${pct(serviceTimes, 50)} ms, p95 ${pct(serviceTimes, 95)} ms`;

    // ---- transitions per second ----
    const N = Number(process.env.BENCH_TRANSITIONS ?? 2000);
    await ds.query(`DELETE FROM dossiers WHERE agency_code = $1 AND code LIKE 'B-%'`, [AGENCY]);
    await ds.query(
      `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code,
         province_code, channel, status, version, applicant_user_id, applicant_personal_id, applicant_name, submitted_at)
       SELECT 'T-' || lpad(g::text, 6, '0'), $1, $2, $3, a.code, a.code, a.level, a.district_code, a.province_code, 'ONLINE', 'SUBMITTED', 1,
              $4, $5, $6, now() FROM generate_series(0, $7) g, agencies a WHERE a.code = $8`,
      [proc.id, proc.code, proc.sector_code, citizen.id, citizen.personal_id, citizen.full_name, N, AGENCY],
    );
    const run = async (codes: string[], action: string, bearer: string, concurrency: number, extra: Record<string, unknown> = {}, version = 1) => {
      const times: number[] = [];
      let errors = 0;
      let i = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (i < codes.length) {
            const code = codes[i++]!;
            const t = performance.now();
            const r = await fetch(`${app.baseUrl}/api/v1/dossiers/${code}/actions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
              body: JSON.stringify({ action, expectedVersion: version, ...extra }),
            });
            await r.arrayBuffer();
            if (r.status !== 200) errors++;
            times.push(performance.now() - t);
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      times.sort((a, b) => a - b);
      return [action, codes.length, concurrency, Math.round(codes.length / seconds), pct(times, 50), pct(times, 95), pct(times, 99), errors];
    };
    const codes = Array.from({ length: N }, (_, g) => `T-${String(g + 1).padStart(6, '0')}`);
    const transitionRows: (string | number)[][] = [];
    const specialist = await ds.query(`SELECT id FROM users WHERE username = 'specialist.00715.tpht'`);
    const specToken = await token(app.baseUrl, 'specialist.00715.tpht', 'MotCua@2026');
    const leader = await token(app.baseUrl, 'leader.00715.tpht', 'MotCua@2026');
    // Warm-up, not timed: one dossier (T-000000) through every move, so that one-time work (the
    // agency's signing key, the CA, fonts, prepared plans) falls outside the measured runs.
    const warm = ['T-000000'];
    await run(warm, 'receive', clerk, 1);
    await run(warm, 'assign', clerk, 1, { assignee: specialist[0].id }, 2);
    await run(warm, 'propose', specToken, 1, {}, 3);
    await run(warm, 'approve', leader, 1, {}, 4);
    transitionRows.push(await run(codes, 'receive', clerk, 20));
    transitionRows.push(await run(codes.slice(0, 1000), 'assign', clerk, 20, { assignee: specialist[0].id }, 2));
    transitionRows.push(await run(codes.slice(0, 200), 'propose', specToken, 20, {}, 3));
    transitionRows.push(await run(codes.slice(0, 200), 'approve', leader, 10, {}, 4));
    const [{ n: events }] = await ds.query(`SELECT count(*)::int AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code LIKE 'T-%'`);

    const md = [
      '## Workflow: queues and transitions (issue 5)',
      '',
      `${new Date().toISOString().slice(0, 10)}, ${machine()}, embedded PostgreSQL; app and load generator on the same machine; 1-minute load average ${load0} at start and ${loadavg()[0].toFixed(1)} at the end.`,
      '',
      `Data: ${total.toLocaleString('en-US')} dossiers loaded in ${loadSeconds} s (INSERT … SELECT from generate_series/unnest, reporting triggers off during the load), ${open.toLocaleString('en-US')} open at the clerk's agency ${AGENCY}.`,
      '',
      `### Clerk queue (clerk.00715.tpht, bearer token, ${SECONDS} s each, 10 connections; HTML page incl. remaining working time per row)`,
      '',
      table(['request', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'], queueRows),
      '',
      `Queue service alone (200 sequential calls, pages 1–5 of 50, queries + remaining working time per row): ${planMs} — top-N per status read in the order of index \`(agency_code, status, due_at)\`, merged, plus a count.`,
      '',
      '### Transitions through POST /api/v1/dossiers/{code}/actions',
      '',
      table(['action', 'dossiers', 'concurrency', 'transitions/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'], transitionRows),
      '',
      `Each transition: policy check, version check, guards, then one transaction (conditional UPDATE on version, event, stage/outbox rows); "approve" also renders the result PDF and signs it (RSA-2048, PKCS#7) inside the transaction. ${events} events written for the T- dossiers.`,
    ].join('\n');
    writeSection('workflow', md);
    console.log(md);
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
