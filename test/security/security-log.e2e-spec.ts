/**
 * The security event stream (issue 10 item 7): every security-relevant action of identity, audit
 * and administration, driven through HTTP, leaves exactly one event in the JSON-lines file, valid
 * against src/audit/security-event.schema.json, with the right type, outcome, actor and address.
 * Also: the distributed-guessing alert, syslog shipping over UDP and TCP, and several processes
 * appending to one file without tearing a line.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import schema from '../../src/audit/security-event.schema.json';
import type { SecurityEvent } from '../../src/audit/security-event';
import { SecurityLogService } from '../../src/audit/security-log.service';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, demoCitizens, pageSession, DEMO_PASSWORD_STAFF } from '../helpers/auth';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function parseLines(text: string): SecurityEvent[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const e = JSON.parse(line);
      if (!validate(e)) throw new Error(`invalid security event: ${ajv.errorsText(validate.errors)}\n${line}`);
      return e as SecurityEvent;
    });
}

/** Reads the events a piece of work appended to the file (by byte offset, after flushing). */
function recorder(t: TestApp, file: string) {
  const sec = t.app.get(SecurityLogService);
  const size = () => (existsSync(file) ? statSync(file).size : 0);
  return async function during<T>(work: () => Promise<T>): Promise<{ result: T; events: SecurityEvent[] }> {
    await sec.flush();
    const before = size();
    const result = await work();
    await sec.flush();
    const events = parseLines(readFileSync(file).subarray(before).toString('utf8'));
    return { result, events };
  };
}

function tempLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'motcua-seclog-e2e-')), 'security.jsonl');
}

describe('Security log: one event per security-relevant action', () => {
  let t: TestApp;
  let file: string;
  let during: ReturnType<typeof recorder>;
  const citizen = demoCitizens()[1];

  beforeAll(async () => {
    file = tempLog();
    t = await bootApp({ env: { SECURITY_LOG_FILE: file } });
    during = recorder(t, file);
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (username: string, password: string, ip: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  it('sign-in success: auth.login.success with the account and the client address', async () => {
    const { result, events } = await during(() => login('clerk.026.ptp', DEMO_PASSWORD_STAFF, '203.0.113.10'));
    expect(result.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      schema: 'motcua.security/1',
      type: 'auth.login.success',
      outcome: 'success',
      severity: 'info',
      actor: { username: 'clerk.026.ptp', role: 'CLERK', agencyCode: '026.PTP' },
      subject: 'clerk.026.ptp',
      ip: '203.0.113.10',
      http: { method: 'POST', path: '/api/v1/auth/login' },
    });
    expect(events[0].time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+07:00$/);
    expect(events[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.headers['x-request-id']).toBe(events[0].requestId);
    expect(events[0].pid).toBe(process.pid);
  });

  it('sign-in failure: auth.login.failure naming the tried account, no actor, and why (for the SOC only)', async () => {
    const { result, events } = await during(() => login('clerk.026.ptp', 'sai-mat-khau-1', '203.0.113.11'));
    expect(result.status).toBe(401);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'auth.login.failure', outcome: 'failure', actor: null, subject: 'clerk.026.ptp', ip: '203.0.113.11', reason: 'bad-password' });

    const unknown = await during(() => login('khong.ton.tai', 'sai-mat-khau-1', '203.0.113.11'));
    expect(unknown.events).toHaveLength(1);
    expect(unknown.events[0]).toMatchObject({ type: 'auth.login.failure', subject: 'khong.ton.tai', reason: 'unknown-account' });
  });

  it('lockout: after 5 failures from one address each further attempt is one auth.lockout (even with the right password)', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 5; i++) {
      const { result, events } = await during(() => login('specialist.026.ptp', `sai-${i}-mat-khau`, ip));
      expect(result.status).toBe(401);
      expect(events.map((e) => e.type)).toEqual(['auth.login.failure']);
    }
    const { result, events } = await during(() => login('specialist.026.ptp', DEMO_PASSWORD_STAFF, ip));
    expect(result.status).toBe(429);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'auth.lockout',
      outcome: 'blocked',
      severity: 'medium',
      actor: null,
      subject: 'specialist.026.ptp',
      ip,
      details: { scope: 'account+address', failures: 5, windowMinutes: 15 },
    });
    // The owner at another address is not locked out, and that sign-in is logged as such.
    const owner = await during(() => login('specialist.026.ptp', DEMO_PASSWORD_STAFF, '198.51.100.21'));
    expect(owner.result.status).toBe(200);
    expect(owner.events.map((e) => e.type)).toEqual(['auth.login.success']);
  });

  it('sign-out through the API (token) and the page (session): one auth.logout each', async () => {
    const token = await apiToken(t, 'leader.02.stp');
    const api = await during(() => t.http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).set('X-Forwarded-For', '203.0.113.30'));
    expect(api.result.status).toBe(204);
    expect(api.events).toHaveLength(1);
    expect(api.events[0]).toMatchObject({ type: 'auth.logout', outcome: 'success', actor: { username: 'leader.02.stp' }, ip: '203.0.113.30', details: { via: 'token' } });

    const page = await pageSession(t, citizen.personalId);
    const out = await during(() => page.post('/dang-xuat').set('X-Forwarded-For', '203.0.113.31').type('form').send({ _csrf: page.csrf() }));
    expect(out.result.status).toBe(303);
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ type: 'auth.logout', actor: { username: citizen.personalId, role: 'CITIZEN', agencyCode: null }, ip: '203.0.113.31', details: { via: 'session' } });
  });

  it('page sign-in is logged like the API one', async () => {
    const { events } = await during(() => pageSession(t, 'manager.026.ubnd'));
    expect(events.map((e) => [e.type, e.actor?.username])).toEqual([['auth.login.success', 'manager.026.ubnd']]);
    expect(events[0].http).toEqual({ method: 'POST', path: '/dang-nhap' });
  });

  it('password change: a wrong current password and a change are one event each', async () => {
    const token = await apiToken(t, citizen.personalId);
    const change = (currentPassword: string) =>
      t.http.post('/api/v1/me/password').set('Authorization', `Bearer ${token}`).set('X-Forwarded-For', '203.0.113.40').send({ currentPassword, newPassword: 'MatKhauMoi2027' });
    const wrong = await during(() => change('khong-dung-123'));
    expect(wrong.result.status).toBe(401);
    expect(wrong.events).toHaveLength(1);
    expect(wrong.events[0]).toMatchObject({ type: 'auth.password.change', outcome: 'failure', severity: 'low', actor: { username: citizen.personalId }, ip: '203.0.113.40' });
    const ok = await during(() => change('CongDan@2026'));
    expect(ok.result.status).toBe(204);
    expect(ok.events).toHaveLength(1);
    expect(ok.events[0]).toMatchObject({ type: 'auth.password.change', outcome: 'success', actor: { username: citizen.personalId } });
  });

  it('an invalid bearer token on a protected route: one auth.token.invalid', async () => {
    const { result, events } = await during(() => t.http.get('/api/v1/me').set('Authorization', `Bearer ${'x'.repeat(43)}`).set('X-Forwarded-For', '203.0.113.50'));
    expect(result.status).toBe(401);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'auth.token.invalid', outcome: 'failure', actor: null, ip: '203.0.113.50', target: '/api/v1/me' });
  });

  it('authorization denials (role check and policy check): one authz.denied each, with the actor', async () => {
    const clerk = await apiToken(t, 'clerk.026.ptp');
    const role = await during(() => t.http.get('/api/v1/admin/staff').set('Authorization', `Bearer ${clerk}`).set('X-Forwarded-For', '203.0.113.60'));
    expect(role.result.status).toBe(403);
    expect(role.events).toHaveLength(1);
    expect(role.events[0]).toMatchObject({ type: 'authz.denied', outcome: 'denied', severity: 'medium', actor: { username: 'clerk.026.ptp', role: 'CLERK' }, ip: '203.0.113.60' });

    const wardAdmin = await apiToken(t, 'admin.00688.tpht');
    const policy = await during(() =>
      t.http
        .post('/api/v1/admin/staff')
        .set('Authorization', `Bearer ${wardAdmin}`)
        .send({ username: 'ngoai.pham.vi', fullName: 'Nguyễn Văn Bình', role: 'CLERK', agencyCode: '02.STP', password: 'MatKhau2026' }),
    );
    expect(policy.result.status).toBe(403);
    expect(policy.events).toHaveLength(1);
    expect(policy.events[0]).toMatchObject({ type: 'authz.denied', actor: { username: 'admin.00688.tpht' }, action: 'admin.staff', target: 'staff:new:ngoai.pham.vi' });
  });

  it('a CSRF rejection is one csrf.rejected (not also an authz.denied)', async () => {
    const page = await pageSession(t, 'clerk.027.ptp');
    const { result, events } = await during(() =>
      page.post('/tai-khoan/mat-khau').set('X-Forwarded-For', '203.0.113.70').type('form').send({ currentPassword: 'a', newPassword: 'b', newPasswordConfirm: 'b' }),
    );
    expect(result.status).toBe(403);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'csrf.rejected', outcome: 'denied', actor: { username: 'clerk.027.ptp' }, ip: '203.0.113.70', target: '/tai-khoan/mat-khau' });
  });

  it('admin actions on staff, calendar and outbox: one admin.action each, naming action and target', async () => {
    const admin = await apiToken(t, 'admin.02.ubnd');
    const as = (req: ReturnType<TestApp['http']['post']>) => req.set('Authorization', `Bearer ${admin}`).set('X-Forwarded-For', '203.0.113.80');
    const expectAction = (events: SecurityEvent[], action: string, target: string) => {
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'admin.action', outcome: 'success', actor: { username: 'admin.02.ubnd', role: 'ADMIN' }, ip: '203.0.113.80', action, target });
    };

    const created = await during(() =>
      as(t.http.post('/api/v1/admin/staff')).send({ username: 'seclog.026.ptp', fullName: 'Lê Thị Hạnh', role: 'CLERK', agencyCode: '026.PTP', password: 'MatKhau2026' }),
    );
    expect(created.result.status).toBe(201);
    expectAction(created.events, 'staff.create', 'staff:seclog.026.ptp');
    expect(created.events[0].details).toEqual({ role: 'CLERK', agencyCode: '026.PTP' });
    const id = created.result.body.id as string;

    const disabled = await during(() => as(t.http.post(`/api/v1/admin/staff/${id}/disable`)));
    expect(disabled.result.status).toBe(204);
    expectAction(disabled.events, 'staff.disable', 'staff:seclog.026.ptp');
    const enabled = await during(() => as(t.http.post(`/api/v1/admin/staff/${id}/enable`)));
    expect(enabled.result.status).toBe(204);
    expectAction(enabled.events, 'staff.enable', 'staff:seclog.026.ptp');
    const reset = await during(() => as(t.http.post(`/api/v1/admin/staff/${id}/reset-password`)));
    expect(reset.result.status).toBe(200);
    expectAction(reset.events, 'staff.reset-password', 'staff:seclog.026.ptp');
    // The temporary password never reaches the log.
    expect(JSON.stringify(reset.events)).not.toContain(reset.result.body.temporaryPassword);

    const put = await during(() => as(t.http.put('/api/v1/calendar/exceptions/2027-12-31')).send({ name: 'Nghỉ bù thử nghiệm', working: false }));
    expect(put.result.status).toBe(200);
    expectAction(put.events, 'calendar.upsert', 'calendar:2027-12-31');
    const del = await during(() => as(t.http.delete('/api/v1/calendar/exceptions/2027-12-31')));
    expect(del.result.status).toBe(204);
    expectAction(del.events, 'calendar.delete', 'calendar:2027-12-31');

    const [{ id: deadId }] = await t.ds.query(
      `INSERT INTO outbox (topic, aggregate_id, payload, idempotency_key, status, attempts, last_error)
       VALUES ('email', 'SECLOG-1', '{}'::jsonb, 'seclog-dead-1', 'DEAD', 10, 'test') RETURNING id`,
    );
    const retry = await during(() => as(t.http.post(`/api/v1/admin/outbox/${deadId}/retry`)));
    expect(retry.result.status).toBe(200);
    expectAction(retry.events, 'outbox.retry', `outbox:${deadId}`);
    await t.ds.query(`UPDATE outbox SET status = 'DEAD' WHERE id = $1`, [deadId]);
    const retryAll = await during(() => as(t.http.post('/api/v1/admin/outbox/retry-dead')));
    expect(retryAll.result.status).toBe(200);
    expectAction(retryAll.events, 'outbox.retry-dead', 'outbox:dead');
    expect(retryAll.events[0].details.requeued).toBe(retryAll.result.body.requeued);
  });

  it('a throttled public lookup is one throttle.limited (the allowed ones are not security events)', async () => {
    const ip = '198.51.100.77';
    const lookup = () => t.http.get('/api/v1/lookup').query({ code: '026.PTP-261122-0001', idLast4: '1234' }).set('X-Forwarded-For', ip);
    const allowed = await during(async () => {
      for (let i = 0; i < 10; i++) expect((await lookup()).status).toBe(404);
    });
    expect(allowed.events).toHaveLength(0);
    const { result, events } = await during(() => lookup());
    expect(result.status).toBe(429);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'throttle.limited', outcome: 'blocked', actor: null, ip, action: 'dossier.lookup', details: { limit: 10 } });
  });

  it('registration that the registry does not confirm: one auth.register.failure', async () => {
    const { result, events } = await during(() =>
      t.http
        .post('/api/v1/auth/register')
        .set('X-Forwarded-For', '203.0.113.90')
        .send({ personalId: '002094990001', fullName: 'Tên Không Khớp', dateOfBirth: '1994-03-15', password: 'MatKhau2026', phone: '0912345678', email: 'a@example.vn' }),
    );
    expect(result.status).toBe(422);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'auth.register.failure', outcome: 'failure', subject: '002094990001', ip: '203.0.113.90', reason: 'identity-not-confirmed' });
  });

  it('distributed guessing: 10 failures for one account from 5 addresses raise one alert, and no flood after', async () => {
    const account = 'leader.026.ptp';
    const addresses = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5'];
    const attempts = addresses.flatMap((ip) => [ip, ip]);
    for (let i = 0; i < attempts.length - 1; i++) {
      const { events } = await during(() => login(account, `doan-mo-${i}`, attempts[i]));
      expect(events.map((e) => e.type)).toEqual(['auth.login.failure']);
    }
    const tenth = await during(() => login(account, 'doan-mo-9', attempts[9]));
    expect(tenth.result.status).toBe(401);
    expect(tenth.events.map((e) => e.type)).toEqual(['auth.login.failure', 'alert.distributed-guessing']);
    const alert = tenth.events[1];
    expect(alert).toMatchObject({
      outcome: 'alert',
      severity: 'high',
      actor: null,
      subject: account,
      target: `account:${account}`,
      details: { rule: 'distributed-guessing', failures: 10, distinctAddresses: 5, windowMinutes: 15, minFailures: 10, minDistinctAddresses: 5 },
    });
    expect(String(alert.details.sampleAddresses).split(' ').sort()).toEqual(addresses);

    // More guessing from new addresses in the same window: failures are logged, the alert is not repeated.
    for (const ip of ['192.0.2.6', '192.0.2.7', '192.0.2.8']) {
      const { events } = await during(() => login(account, 'doan-mo-x', ip));
      expect(events.map((e) => e.type)).toEqual(['auth.login.failure']);
    }
    const [{ times }] = await t.ds.query(`SELECT times FROM security_alerts WHERE rule = 'distributed-guessing' AND subject = $1`, [account]);
    expect(times).toBe(1);

    // The window is over (simulated by ageing the claim): a new burst alerts again, once.
    await t.ds.query(`UPDATE security_alerts SET raised_at = now() - interval '16 minutes' WHERE subject = $1`, [account]);
    const again = await during(() => login(account, 'doan-mo-y', '192.0.2.9'));
    expect(again.events.map((e) => e.type)).toEqual(['auth.login.failure', 'alert.distributed-guessing']);
    const after = await during(() => login(account, 'doan-mo-z', '192.0.2.10'));
    expect(after.events.map((e) => e.type)).toEqual(['auth.login.failure']);
  });

  it('a second app process on the same database does not alert again (the claim is in PostgreSQL)', async () => {
    const second = await bootApp({ env: { SECURITY_LOG_FILE: file } });
    try {
      const during2 = recorder(second, file);
      const { events } = await during2(() => second.http.post('/api/v1/auth/login').set('X-Forwarded-For', '192.0.2.11').send({ username: 'leader.026.ptp', password: 'doan-mo-w' }));
      expect(events.map((e) => e.type)).toEqual(['auth.login.failure']);
    } finally {
      await second.close();
    }
  });

  it('the whole file is valid against the schema, one whole line per event', () => {
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const events = parseLines(text);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.length).toBeGreaterThan(40);
  });
});

/** Waits until `check` returns a value, polling. */
async function waitFor<T>(check: () => T | undefined, what: string, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|\[.*?\]) (.*)$/s;

describe('Security log shipped over syslog (RFC 5424)', () => {
  it('UDP: one datagram per event, facility authpriv, severity from the event, MSGID = event type, MSG = the JSON line', async () => {
    const server = dgram.createSocket('udp4');
    const got: string[] = [];
    server.on('message', (m) => got.push(m.toString('utf8')));
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const file = tempLog();
    const t = await bootApp({ env: { SECURITY_LOG_FILE: file, SECURITY_SYSLOG_URL: `udp://127.0.0.1:${port}` } });
    try {
      const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.100').send({ username: 'clerk.026.ptp', password: 'khong-dung-1' });
      expect(res.status).toBe(401);
      const msg = await waitFor(() => got.find((m) => m.includes('auth.login.failure')), 'a syslog datagram');
      const m = RFC5424.exec(msg);
      expect(m).not.toBeNull();
      const [, pri, time, , app, procid, msgid, , body] = m!;
      expect(Number(pri)).toBe(10 * 8 + 5); // authpriv.notice (severity low)
      expect(time).toMatch(/\+07:00$/);
      expect([app, procid, msgid]).toEqual(['motcua', String(process.pid), 'auth.login.failure']);
      const event = JSON.parse(body);
      expect(validate(event)).toBe(true);
      expect(event).toMatchObject({ type: 'auth.login.failure', subject: 'clerk.026.ptp', ip: '203.0.113.100' });
      // The file holds the very same event.
      await t.app.get(SecurityLogService).flush();
      expect(parseLines(readFileSync(file, 'utf8')).map((e) => e.id)).toEqual([event.id]);
    } finally {
      await t.close();
      server.close();
    }
  });

  it('TCP: newline-framed messages; a high-severity alert arrives as authpriv.crit', async () => {
    const got: string[] = [];
    const server = net.createServer((sock) => {
      let buf = '';
      sock.on('data', (d) => {
        buf += d.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          got.push(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const t = await bootApp({
      env: { SECURITY_LOG_FILE: tempLog(), SECURITY_SYSLOG_URL: `tcp://127.0.0.1:${port}`, SECURITY_ALERT_GUESSING_FAILURES: '3', SECURITY_ALERT_GUESSING_ADDRESSES: '3' },
    });
    try {
      for (const ip of ['192.0.2.31', '192.0.2.32', '192.0.2.33']) {
        await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username: 'clerk.027.ptp', password: 'khong-dung-1' }).expect(401);
      }
      const alert = await waitFor(() => got.find((m) => / alert\.distributed-guessing /.test(m)), 'the alert over TCP');
      const m = RFC5424.exec(alert)!;
      expect(Number(m[1])).toBe(10 * 8 + 2);
      expect(JSON.parse(m[8])).toMatchObject({ type: 'alert.distributed-guessing', subject: 'clerk.027.ptp', details: { failures: 3, distinctAddresses: 3 } });
      await waitFor(() => (got.filter((x) => / auth\.login\.failure /.test(x)).length === 3 ? true : undefined), 'three failures over TCP');
      for (const line of got) expect(validate(JSON.parse(RFC5424.exec(line)![8]))).toBe(true);
    } finally {
      await t.close();
      server.close();
    }
  });
});

describe('Several processes appending to one security log', () => {
  it('never tear or interleave a line (O_APPEND, whole lines per write)', async () => {
    const file = tempLog();
    const perProcess = 3000;
    const script = `
      const { SecurityLogService } = require('./src/audit/security-log.service');
      const { loadConfig } = require('./src/config/app-config');
      const svc = new SecurityLogService(loadConfig({ SECURITY_LOG_FILE: process.env.F }));
      const proc = Number(process.env.P);
      for (let i = 0; i < ${perProcess}; i++) {
        svc.record({ type: 'input.rejected', outcome: 'blocked', reason: 'r'.repeat(400 + (i % 97)), details: { proc, seq: i, pad: 'đ'.repeat(250) } });
      }
      svc.onApplicationShutdown().then(() => process.exit(0));
    `;
    const run = promisify(execFile);
    await Promise.all(
      [1, 2, 3].map((p) =>
        run(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
          cwd: join(__dirname, '..', '..'),
          env: { ...process.env, F: file, P: String(p), TS_NODE_TRANSPILE_ONLY: '1' },
          maxBuffer: 1 << 20,
        }),
      ),
    );
    const events = parseLines(readFileSync(file, 'utf8'));
    expect(events).toHaveLength(3 * perProcess);
    for (const p of [1, 2, 3]) {
      const seqs = events.filter((e) => e.details.proc === p).map((e) => e.details.seq);
      expect(seqs).toEqual(Array.from({ length: perProcess }, (_, i) => i));
    }
    expect(new Set(events.map((e) => e.pid)).size).toBe(3);
  });
});
