/**
 * Reliability: two outbox worker PROCESSES deliver a backlog; one is killed with SIGKILL in the middle
 * of deliveries; the national-portal stub and the SMTP catcher go down for a while and come back.
 * Every message must arrive, and no receiver may hold anything twice — their de-duplication
 * counters show the re-sends they dropped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { NationalPortalStub } from '../../src/stubs/national-portal/national-portal-stub.service';
import { SmtpCatcher } from '../../src/stubs/smtp-catcher/smtp-catcher.service';
import { bootApp, type TestApp } from '../helpers/app';
import { citizens, makeDossier, type Citizen } from '../workflow/factory';

const N = 40;
const ROOT = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for: ${what}`);
}

describe('outbox reliability: kill -9 a worker, receivers down for a while', () => {
  let t: TestApp;
  const workers: ChildProcess[] = [];
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    [citizen] = await citizens(t.ds, 1);
    await t.ds.query(`UPDATE users SET email = 'tin.cay@example.vn', phone = '0911222333' WHERE id = $1`, [citizen.id]);
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await t?.close();
  });

  function startWorker(name: string): ChildProcess {
    const catcher = t.app.get(SmtpCatcher);
    const log = createWriteStream(join(ROOT, 'test', '.artifacts', `worker-${name}.log`));
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/worker.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: 'tsconfig.json',
        NODE_ENV: 'test',
        DEMO: '1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: t.databaseUrl,
        PUBLIC_BASE_URL: t.baseUrl,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(catcher.port),
        SMTP_CATCHER: '0',
        OUTBOX_POLL_MS: '100',
        OUTBOX_BATCH_SIZE: '10',
        OUTBOX_LEASE_MS: '3000',
        OUTBOX_BACKOFF_BASE_MS: '200',
        OUTBOX_BACKOFF_MAX_MS: '1500',
        OUTBOX_MAX_ATTEMPTS: '100',
        OUTBOX_HTTP_TIMEOUT_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    workers.push(child);
    return child;
  }

  const count = async (sql: string, params: unknown[] = []) => Number((await t.ds.query(sql, params))[0].n);

  it('delivers everything exactly once', async () => {
    require('node:fs').mkdirSync(join(ROOT, 'test', '.artifacts'), { recursive: true });
    const codes: string[] = [];
    for (let i = 0; i < N; i++) {
      const d = await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen });
      const [ev] = await t.ds.query(`SELECT id, at FROM dossier_events WHERE dossier_id = $1`, [d.id]);
      // What the workflow writes on reception (the outbox row of its transaction).
      await t.ds.query(
        `INSERT INTO outbox (topic, aggregate_id, payload, idempotency_key) VALUES ('dossier.status-changed', $1, $2, $3)`,
        [
          d.code,
          JSON.stringify({ code: d.code, procedureCode: '1.001193', agencyCode: '00715.TPHT', fromStatus: 'SUBMITTED', toStatus: 'RECEIVED', action: 'receive', at: new Date(ev.at).toISOString(), dueAt: null, applicantUserId: citizen.id, eventId: String(ev.id) }),
          `dossier-event:${ev.id}`,
        ],
      );
      codes.push(d.code);
    }
    const portal = t.app.get(NationalPortalStub);
    const catcher = t.app.get(SmtpCatcher);
    portal.setFaults({ latencyMs: 150 }); // slow receiver: deliveries are in flight when the kill comes

    const a = startWorker('a');
    const b = startWorker('b');
    const delivered = () => count(`SELECT count(*) AS n FROM outbox WHERE status = 'DELIVERED' AND topic <> 'dossier.status-changed' AND aggregate_id = ANY($1)`, [codes]);
    await until('first deliveries', async () => (await delivered()) >= 20);
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    expect(await delivered()).toBeLessThan(3 * N);

    // Receivers go down for a while: deliveries fail and are retried with backoff.
    portal.setFaults({ down: true, latencyMs: 0 });
    catcher.down = true;
    await until('failures recorded', async () => (await count(`SELECT count(*) AS n FROM outbox WHERE status = 'FAILED'`)) > 0);
    await sleep(1500);
    portal.setFaults({ down: false });
    catcher.down = false;

    await until('all delivered', async () => (await count(`SELECT count(*) AS n FROM outbox WHERE status <> 'DELIVERED' AND aggregate_id = ANY($1)`, [codes])) === 0);
    b.kill('SIGTERM');
    await new Promise((r) => b.once('exit', r));

    // 1 parent + national portal + email + SMS per dossier, all delivered, none dead.
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE aggregate_id = ANY($1) AND status = 'DELIVERED'`, [codes])).toBe(4 * N);
    // National portal: one accepted update per dossier, whatever was re-sent.
    const np = await t.ds.query(`SELECT code, status, updates_received, duplicates_ignored FROM national_portal.dossiers WHERE code = ANY($1)`, [codes]);
    expect(np).toHaveLength(N);
    expect(np.every((r: { updates_received: number; status: string }) => r.updates_received === 1 && r.status === 'RECEIVED')).toBe(true);
    // Mail store and SMS gateway: exactly one message per dossier.
    const mailsPer = await t.ds.query(`SELECT count(*)::int AS n FROM stubs.mail_messages WHERE to_address LIKE '%tin.cay@example.vn%' AND subject LIKE ANY($1)`, [codes.map((c) => `%${c}%`)]);
    expect(mailsPer[0].n).toBe(N);
    const smsPer = await t.ds.query(`SELECT count(*)::int AS n FROM stubs.sms_messages WHERE to_number = '0911222333' AND text LIKE ANY($1)`, [codes.map((c) => `%${c}%`)]);
    expect(smsPer[0].n).toBe(N);
    const dup = await t.ds.query(
      `SELECT (SELECT coalesce(sum(duplicates_ignored), 0) FROM national_portal.dossiers WHERE code = ANY($1))::int AS portal,
              (SELECT coalesce(sum(duplicates), 0) FROM stubs.mail_messages)::int AS mail,
              (SELECT coalesce(sum(duplicates), 0) FROM stubs.sms_messages)::int AS sms`,
      [codes],
    );
    // Re-sends after the kill, if any, were dropped by the receivers rather than stored twice.
    console.log(`reliability: duplicates dropped by receivers — portal ${dup[0].portal}, mail ${dup[0].mail}, sms ${dup[0].sms}`);
    expect(a.signalCode).toBe('SIGKILL');
  });
});
