/**
 * Production refuses demo data (issue 10, item 2): a production start on a database that was seeded
 * in demo mode stops with the purge command; `npm run demo:purge` (its real entry file) removes the
 * demo accounts, the demo partner client, demo password hashes and the synthetic dossiers; after it no
 * demo secret signs in, even one re-inserted by hand; demo seeding is refused on the production database.
 */
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { SecurityLogService, type SecurityEventInput } from '../../src/audit/security-log.service';
import { hashPassword } from '../../src/identity/passwords';
import { DemoDataService } from '../../src/ops/demo-data.service';
import { removedAnything } from '../../src/ops/demo-data';
import { DEMO_PARTNER } from '../../src/partners/partners.seed';
import { generateBulk } from '../../src/reporting/bulk/bulk-generator';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF, demoCitizens } from '../helpers/auth';

const PRODUCTION = {
  NODE_ENV: 'production',
  DEMO: '0',
  SESSION_SECRET: 'production-session-secret-for-the-test',
  PAYMENT_GATEWAY_SECRET: 'production-payment-secret-for-the-test',
  OUTBOX_WORKER: '0',
  SMTP_CATCHER: '0',
};
const REAL_PASSWORD = 'matkhau2026';

function runPurgeCommand(databaseUrl: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // The same entry file as `npm run demo:purge` (there compiled, here through ts-node).
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/ops/demo-purge.ts'], {
      env: { ...process.env, ...PRODUCTION, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function login(t: TestApp, username: string, password: string): Promise<number> {
  return (await t.http.post('/api/v1/auth/login').send({ username, password })).status;
}

function partnerToken(t: TestApp, clientId: string, clientSecret: string) {
  return t.http.post('/api/v1/partner/token').send({ clientId, clientSecret });
}

describe('Production refuses demo data; npm run demo:purge removes it', () => {
  let databaseUrl: string;
  let realCitizen: string;
  let clerkToken: string;
  let partnerAccess: string;
  let keptDossierCode: string;

  beforeAll(async () => {
    // A database seeded in demo mode (the test template), used for a while: a real citizen registers,
    // a demo clerk and the demo partner take tokens, synthetic sample dossiers are generated, someone
    // copies the demo password hash onto a real-looking account.
    const t = await bootApp();
    databaseUrl = t.databaseUrl;
    const [c] = await t.ds.query(
      `SELECT personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM registry.citizens
        WHERE personal_id <> ALL($1::varchar[]) AND date_of_birth < '2000-01-01' ORDER BY personal_id LIMIT 1`,
      [demoCitizens().map((d) => d.personalId)],
    );
    realCitizen = c.personal_id;
    await t.http
      .post('/api/v1/auth/register')
      .send({ personalId: c.personal_id, fullName: c.full_name, dateOfBirth: c.dob, phone: '0912345678', email: 'that@example.vn', password: REAL_PASSWORD })
      .expect(201);
    clerkToken = await apiToken(t, 'clerk.026.ptp');
    partnerAccess = (await partnerToken(t, DEMO_PARTNER.clientId, DEMO_PARTNER.clientSecret).expect(200)).body.accessToken;
    await t.ds.query(
      `INSERT INTO users (username, password_hash, role, agency_code, full_name)
       SELECT 'copied.026.ptp', password_hash, 'CLERK', '026.PTP', 'Tài khoản chép mật khẩu' FROM users WHERE username = 'clerk.026.ptp'`,
    );
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await generateBulk(client, { dossiers: 300, years: 1, seed: 7 });
    } finally {
      await client.end();
    }
    // One generated dossier becomes a real citizen's, assigned to a demo clerk: it must survive the purge.
    const [kept] = await t.ds.query(
      `UPDATE dossiers SET data = '{}'::jsonb, applicant_personal_id = $1,
              assignee_user_id = (SELECT id FROM users WHERE username = 'specialist.026.ptp')
        WHERE id = (SELECT id FROM dossiers WHERE received_at IS NOT NULL ORDER BY code LIMIT 1) RETURNING code`,
      [realCitizen],
    ).then((r: [{ code: string }[], number]) => r[0]);
    keptDossierCode = kept.code;
    await t.close();
  });

  it('refuses to start in production on the demo-seeded database, naming what it found and the purge command', async () => {
    let message = '';
    await bootApp({ env: PRODUCTION }).then(
      async (t) => {
        await t.close();
        throw new Error('production start was not refused');
      },
      (err: Error) => (message = err.message),
    );
    expect(message).toContain('npm run demo:purge');
    expect(message).toMatch(/\d+ tài khoản demo \(users\.demo\)/);
    expect(message).toContain('1 tài khoản khác dùng mật khẩu demo');
    expect(message).toContain('lgsp-demo');
    expect(message).toContain('bulk-sample-dossiers');
    expect(message).toContain('identity-demo-accounts');
  });

  it('the purge command removes the demo data and says what it removed', async () => {
    const { code, out } = await runPurgeCommand(databaseUrl);
    expect(out).toContain('Đã xóa');
    expect(code).toBe(0);
    expect(out).toMatch(/\d+ tài khoản demo \(\d+ cán bộ, 5 công dân\)/);
    expect(out).toContain('1 tài khoản khác dùng mật khẩu demo');
    expect(out).toContain('ứng dụng đối tác demo lgsp-demo và 1 mã truy cập');
    expect(out).toMatch(/\d+ hồ sơ mẫu/);
    expect(out).toContain('đã tính lại bảng tổng hợp');
    expect(out).toContain('đánh dấu production');
  });

  describe('after the purge, in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await bootApp({ env: PRODUCTION });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('no demo password signs in: staff, admin, citizen, the account that copied the hash', async () => {
      expect(await login(t, 'clerk.026.ptp', DEMO_PASSWORD_STAFF)).toBe(401);
      expect(await login(t, 'admin.02.ubnd', DEMO_PASSWORD_STAFF)).toBe(401);
      expect(await login(t, demoCitizens()[0].personalId, DEMO_PASSWORD_CITIZEN)).toBe(401);
      expect(await login(t, 'copied.026.ptp', DEMO_PASSWORD_STAFF)).toBe(401);
      // …while sign-in itself works for a real account.
      expect(await login(t, realCitizen, REAL_PASSWORD)).toBe(200);
    });

    it('tokens issued before the purge are dead, and the demo partner gets no token', async () => {
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${clerkToken}`).expect(401);
      await t.http.get('/api/v1/partner/procedures').set('Authorization', `Bearer ${partnerAccess}`).expect(401);
      await partnerToken(t, DEMO_PARTNER.clientId, DEMO_PARTNER.clientSecret).expect(401);
    });

    it('kept the real data, removed the synthetic dossiers and rebuilt the rollups from what remains', async () => {
      const [counts] = await t.ds.query(
        `SELECT (SELECT count(*) FROM users WHERE demo)::int AS demo_users,
                (SELECT count(*) FROM partner_clients WHERE client_id = $1)::int AS demo_partner,
                (SELECT count(*) FROM dossiers WHERE data ? 'bulk')::int AS sample_dossiers,
                (SELECT count(*) FROM dossier_events e WHERE NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = e.dossier_id))::int AS orphan_events,
                (SELECT count(*) FROM seed_runs WHERE key IN ('identity-demo-accounts', 'partners-demo-client', 'demo-sample-dossiers', 'bulk-sample-dossiers'))::int AS markers,
                (SELECT value FROM instance_markers WHERE key = 'environment') AS environment`,
        [DEMO_PARTNER.clientId],
      );
      expect(counts).toEqual({ demo_users: 0, demo_partner: 0, sample_dossiers: 0, orphan_events: 0, markers: 0, environment: 'production' });
      const [kept] = await t.ds.query('SELECT applicant_personal_id, assignee_user_id FROM dossiers WHERE code = $1', [keptDossierCode]);
      expect(kept).toEqual({ applicant_personal_id: realCitizen, assignee_user_id: null });
      const [{ password_hash }] = await t.ds.query(`SELECT password_hash FROM users WHERE username = 'copied.026.ptp'`);
      expect(password_hash).toBe('!demo-password-removed');
      // The rollups count exactly the dossiers left (the kept one), as the report triggers would.
      const [r] = await t.ds.query(
        `SELECT (SELECT coalesce(sum(received_online + received_counter), 0) FROM report_agency_rollup WHERE grain = 'Y')::int AS rolled,
                (SELECT count(*) FROM dossiers WHERE received_at IS NOT NULL)::int AS received`,
      );
      expect(r.received).toBeGreaterThanOrEqual(1);
      expect(r.rolled).toBe(r.received);
    });

    it('refuses demo accounts and demo secrets re-inserted by hand (defence in depth at sign-in)', async () => {
      const staffHash = await hashPassword(DEMO_PASSWORD_STAFF);
      await t.ds.query(
        `INSERT INTO users (username, password_hash, role, agency_code, full_name, demo) VALUES
           ('clerk.026.ptp', $1, 'CLERK', '026.PTP', 'Demo chèn lại', true),
           ('lone.026.ptp', $2, 'CLERK', '026.PTP', 'Một mình dùng mật khẩu demo', false)`,
        [staffHash, await hashPassword(DEMO_PASSWORD_STAFF)],
      );
      await t.ds.query(
        `INSERT INTO partner_clients (client_id, name, secret_hash, scopes) VALUES ($1, 'demo chèn lại', $2, '["catalog:read"]'), ('lgsp-copy', 'chép khóa demo', $3, '["catalog:read"]')`,
        [DEMO_PARTNER.clientId, await hashPassword(DEMO_PARTNER.clientSecret), await hashPassword(DEMO_PARTNER.clientSecret)],
      );
      expect(await login(t, 'clerk.026.ptp', DEMO_PASSWORD_STAFF)).toBe(401);
      expect(await login(t, 'lone.026.ptp', DEMO_PASSWORD_STAFF)).toBe(401);
      await partnerToken(t, DEMO_PARTNER.clientId, DEMO_PARTNER.clientSecret).expect(401);
      await partnerToken(t, 'lgsp-copy', DEMO_PARTNER.clientSecret).expect(401);
    });

    it('a production restart refuses the re-inserted demo data again', async () => {
      await expect(bootApp({ env: PRODUCTION })).rejects.toThrow(/tài khoản demo[\s\S]*lgsp-copy, lgsp-demo[\s\S]*npm run demo:purge/);
    });
  });

  it('the purge function removes them too, records a demo.purge security event, and is idempotent', async () => {
    // Demo mode off, not production: the app starts and the purge runs inside it.
    const t = await bootApp({ env: { DEMO: '0' } });
    try {
      const events: SecurityEventInput[] = [];
      jest.spyOn(t.app.get(SecurityLogService), 'record').mockImplementation((e) => void events.push(e));
      const first = await t.app.get(DemoDataService).purge('test');
      expect(first.staffAccounts).toBe(1);
      expect(first.partnerClients).toEqual(['lgsp-copy', 'lgsp-demo']);
      const second = await t.app.get(DemoDataService).purge('test');
      expect(removedAnything(second)).toBe(false);
      expect(events.map((e) => [e.type, e.outcome])).toEqual([
        ['demo.purge', 'success'],
        ['demo.purge', 'success'],
      ]);
      expect(events[0].details).toMatchObject({ staffAccounts: 1, partnerClients: 'lgsp-copy,lgsp-demo' });
      expect(events[1].details).toMatchObject({ staffAccounts: 0, partnerClients: null, dossiers: 0 });
    } finally {
      await t.close();
    }
    const p = await bootApp({ env: PRODUCTION });
    await p.close();
  });

  it('refuses demo seeding and synthetic dossiers on the production database, whatever DEMO says', async () => {
    await expect(bootApp({ env: { DEMO: '1' } })).rejects.toThrow(/đánh dấu là production[\s\S]*DEMO=0/);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await expect(generateBulk(client, { dossiers: 10 })).rejects.toThrow(/production/);
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM dossiers WHERE data ? 'bulk'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
