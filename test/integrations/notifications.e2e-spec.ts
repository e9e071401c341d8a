import { OutboxWorker } from '../../src/outbox/outbox-worker.service';
import { DueSoonJob } from '../../src/notifications/due-soon.job';
import { NationalPortalStub } from '../../src/stubs/national-portal/national-portal-stub.service';
import { Clock } from '../../src/common/clock';
import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';
import { at, citizens, makeDossier, makeProcedure, token, type Citizen } from '../workflow/factory';
import { drain, mails, setContact, smses } from './support';

const AG = '00715.TPHT';
const CITIZEN_MAIL = 'cong.dan.thu@example.vn';
const CITIZEN_PHONE = '0912000111';
const SPECIALIST_MAIL = 'chuyen.vien.tpht@example.vn';

describe('notifications and national-portal sync through the outbox', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp({ listen: true, env: { OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_BACKOFF_BASE_MS: '5', OUTBOX_BACKOFF_MAX_MS: '20' } });
    clock = t.app.get(Clock);
    [citizen] = await citizens(t.ds, 1);
    await t.ds.query(`UPDATE users SET email = $2, phone = $3 WHERE id = $1`, [citizen.id, CITIZEN_MAIL, CITIZEN_PHONE]);
    await setContact(t.ds, 'specialist.00715.tpht', SPECIALIST_MAIL, '0987000222');
    await makeProcedure(t.ds, {
      code: 'TEST.NOTIFY', value: 5, level: 'COMMUNE', receivingLevel: 'COMMUNE',
      steps: [
        { key: 'receive', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'examine', role: 'SPECIALIST', share: 0.5, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'approve', role: 'LEADER', share: 0.3, level: 'COMMUNE', agencyKind: 'JUSTICE' },
        { key: 'return', role: 'CLERK', share: 0.1, level: 'COMMUNE', agencyKind: 'JUSTICE' },
      ],
    });
  });
  afterAll(async () => {
    clock?.set(null);
    await t?.close();
  });

  const ok = async (username: string, code: string, body: Record<string, unknown>) => {
    const bearer = await token(t, username === 'citizen' ? citizen.personalId : username);
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    const res = await t.http.post(`/api/v1/dossiers/${code}/actions`).set('Authorization', `Bearer ${bearer}`).send({ expectedVersion: row.version, ...body });
    if (res.status !== 200) throw new Error(`${body.action} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  let main: string;

  it('fans one status change out to the national portal, email and SMS, each delivered once', async () => {
    main = (await makeDossier(t.ds, { procedureCode: 'TEST.NOTIFY', agencyCode: AG, citizen })).code;
    clock.set(at('2026-11-23 10:00'));
    await ok('clerk.00715.tpht', main, { action: 'receive' });
    await drain(t);

    const [parent] = await t.ds.query(`SELECT status FROM outbox WHERE topic = 'dossier.status-changed' AND aggregate_id = $1`, [main]);
    expect(parent.status).toBe('DELIVERED');
    const children = await t.ds.query(`SELECT topic, status, idempotency_key FROM outbox WHERE aggregate_id = $1 AND topic <> 'dossier.status-changed' ORDER BY topic`, [main]);
    expect(children.map((c: { topic: string }) => c.topic)).toEqual(['national-portal.sync', 'notify.email', 'notify.sms']);
    expect(children.every((c: { status: string }) => c.status === 'DELIVERED')).toBe(true);
    expect(new Set(children.map((c: { idempotency_key: string }) => c.idempotency_key)).size).toBe(3);

    // Only this dossier's mail: other suites sharing the database may have left events for the same citizen.
    const received = (await mails(t.ds, CITIZEN_MAIL)).filter((m) => m.subject.includes(main));
    expect(received).toHaveLength(1);
    expect(received[0].subject).toBe(`Hồ sơ ${main} đã được tiếp nhận`);
    expect(received[0].text).toContain('Ngày hẹn trả kết quả: 30/11/2026 10:00');
    expect((await smses(t.ds, CITIZEN_PHONE)).filter((m) => m.text.includes(main))).toHaveLength(1);

    const np = await t.http.get(`/stubs/national-portal/dossiers/${main}`).expect(200);
    expect(np.body).toEqual({ code: main, status: 'RECEIVED', updatesReceived: 1, duplicatesIgnored: 0, dueAt: '2026-11-30T10:00:00+07:00' });
  });

  it('sends the documented payload to the national portal', async () => {
    const [u] = await t.ds.query(`SELECT payload, idempotency_key FROM national_portal.updates WHERE code = $1`, [main]);
    expect(u.idempotency_key).toMatch(/^national-portal:/);
    expect(u.payload).toEqual({
      dossierCode: main,
      procedureCode: 'TEST.NOTIFY',
      agencyCode: AG,
      provinceCode: '02',
      fromStatus: 'SUBMITTED',
      status: 'RECEIVED',
      action: 'receive',
      changedAt: expect.any(String),
      dueAt: expect.any(String),
      eventId: expect.any(String),
    });
  });

  it('tells the assigned specialist, then the citizen about the apology and the result', async () => {
    await ok('clerk.00715.tpht', main, { action: 'assign', assignee: 'specialist.00715.tpht' });
    clock.set(at('2026-11-26 10:00'));
    await ok('specialist.00715.tpht', main, { action: 'extend', reason: 'Cần xác minh tại nơi cư trú', newDueAt: '2026-12-03T10:00:00+07:00' });
    await ok('specialist.00715.tpht', main, { action: 'propose' });
    await ok('leader.00715.tpht', main, { action: 'approve' });
    await drain(t);

    const staff = await mails(t.ds, SPECIALIST_MAIL);
    expect(staff.map((m) => m.subject)).toContain(`Phân công xử lý hồ sơ ${main}`);
    const citizenMails = (await mails(t.ds, CITIZEN_MAIL)).filter((m) => m.subject.includes(main)).map((m) => m.subject);
    expect(citizenMails.sort()).toEqual(
      [`Hồ sơ ${main} đã được tiếp nhận`, `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${main}`, `Hồ sơ ${main} đã có kết quả`].sort(),
    );
    const apology = (await mails(t.ds, CITIZEN_MAIL)).find((m) => m.subject === `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${main}`)!;
    expect(apology.text).toContain('Cần xác minh tại nơi cư trú');
    expect(apology.text).toContain('03/12/2026 10:00');
    const np = await t.http.get(`/stubs/national-portal/dossiers/${main}`).expect(200);
    expect(np.body).toMatchObject({ status: 'RESULT_READY', updatesReceived: 5, duplicatesIgnored: 0 });
  });

  it('asks the citizen to supplement and tells them about a refusal', async () => {
    const a = await makeDossier(t.ds, { procedureCode: 'TEST.NOTIFY', agencyCode: AG, citizen });
    const b = await makeDossier(t.ds, { procedureCode: 'TEST.NOTIFY', agencyCode: AG, citizen });
    await ok('clerk.00715.tpht', a.code, { action: 'request-supplement', reason: 'Thiếu bản sao giấy chứng sinh' });
    await ok('clerk.00715.tpht', b.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền' });
    await drain(t);
    const subjects = (await mails(t.ds, CITIZEN_MAIL)).map((m) => m.subject);
    expect(subjects).toContain(`Hồ sơ ${a.code} cần bổ sung`);
    expect(subjects).toContain(`Hồ sơ ${b.code} không được tiếp nhận`);
    const supplement = (await mails(t.ds, CITIZEN_MAIL)).find((m) => m.subject.includes(a.code))!;
    expect(supplement.text).toContain('Thiếu bản sao giấy chứng sinh');
  });

  it('warns staff before a dossier falls due, once per due time', async () => {
    const d = await makeDossier(t.ds, { procedureCode: 'TEST.NOTIFY', agencyCode: AG, citizen });
    clock.set(at('2026-11-23 10:00'));
    await ok('clerk.00715.tpht', d.code, { action: 'receive' });
    await ok('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    const job = t.app.get(DueSoonJob);
    const [{ due_at }] = await t.ds.query(`SELECT due_at FROM dossiers WHERE code = $1`, [d.code]);
    const before = new Date(new Date(due_at).getTime() - 3600_000);
    expect(await job.scan(before)).toBe(2); // email + SMS to the specialist
    expect(await job.scan(before)).toBe(0);
    await drain(t);
    const staff = await mails(t.ds, SPECIALIST_MAIL);
    expect(staff.filter((m) => m.subject === `Hồ sơ ${d.code} sắp đến hạn`)).toHaveLength(1);
  });

  it('receivers drop a re-sent delivery and count it', async () => {
    await t.ds.query(
      `UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now()
        WHERE aggregate_id = $1 AND topic IN ('notify.email', 'national-portal.sync')`,
      [main],
    );
    await drain(t);
    const citizenMails = await mails(t.ds, CITIZEN_MAIL);
    const forMain = citizenMails.filter((m) => m.subject.includes(main));
    expect(forMain).toHaveLength(3);
    expect(forMain.every((m) => m.duplicates === 1)).toBe(true);
    const np = await t.http.get(`/stubs/national-portal/dossiers/${main}`).expect(200);
    expect(np.body).toMatchObject({ status: 'RESULT_READY', updatesReceived: 5, duplicatesIgnored: 5 });
  });

  it('shows the delivery status on the dossier to its owner, not to others', async () => {
    const citizenToken = await token(t, citizen.personalId);
    const res = await t.http.get(`/api/v1/dossiers/${main}/deliveries`).set('Authorization', `Bearer ${citizenToken}`).expect(200);
    const channels = new Set(res.body.items.map((i: { channel: string }) => i.channel));
    expect(channels).toEqual(new Set(['EMAIL', 'SMS', 'NATIONAL_PORTAL']));
    expect(res.body.items.every((i: { status: string }) => i.status === 'DELIVERED')).toBe(true);
    expect(res.body.items.find((i: { channel: string }) => i.channel === 'EMAIL').to).toBe('co***@example.vn');
    const [other] = await t.ds.query(`SELECT personal_id FROM users WHERE role = 'CITIZEN' AND id <> $1 LIMIT 1`, [citizen.id]);
    const otherToken = await token(t, other.personal_id);
    await t.http.get(`/api/v1/dossiers/${main}/deliveries`).set('Authorization', `Bearer ${otherToken}`).expect(404);
  });

  it('a receiver down: retries with backoff, dead letter after N tries, admin retry delivers', async () => {
    const stub = t.app.get(NationalPortalStub);
    stub.setFaults({ down: true });
    const d = await makeDossier(t.ds, { procedureCode: 'TEST.NOTIFY', agencyCode: AG, citizen });
    await ok('clerk.00715.tpht', d.code, { action: 'receive' });
    await drain(t, 10);
    const [sync] = await t.ds.query(`SELECT id, status, attempts, last_error FROM outbox WHERE aggregate_id = $1 AND topic = 'national-portal.sync'`, [d.code]);
    expect(sync).toMatchObject({ status: 'DEAD', attempts: 2 });
    expect(sync.last_error).toContain('503');
    // The other destinations of the same event were not held back.
    expect((await mails(t.ds, CITIZEN_MAIL)).filter((m) => m.subject.includes(d.code))).toHaveLength(1);

    const admin = await token(t, 'admin.02.ubnd');
    const stats = await t.http.get('/api/v1/admin/outbox').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(stats.body).toMatchObject({ pending: expect.any(Number), delivered: expect.any(Number), failed: expect.any(Number), deadLetter: expect.any(Number), oldestPendingSeconds: expect.any(Number) });
    expect(stats.body.deadLetter).toBeGreaterThanOrEqual(1);
    const sync1 = await t.http.get(`/api/v1/admin/dossiers/${d.code}/sync`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(sync1.body).toMatchObject({ code: d.code, delivered: 0, dead: 1 });

    stub.setFaults({ down: false });
    await t.http.post(`/api/v1/admin/outbox/${sync.id}/retry`).set('Authorization', `Bearer ${admin}`).expect(200);
    await drain(t);
    const sync2 = await t.http.get(`/api/v1/admin/dossiers/${d.code}/sync`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(sync2.body).toMatchObject({ delivered: 1, dead: 0, lastSyncedStatus: 'RECEIVED' });
    expect((await t.http.get(`/stubs/national-portal/dossiers/${d.code}`).expect(200)).body.status).toBe('RECEIVED');
  });

  it('keeps the outbox figures for admins only', async () => {
    await t.http.get('/api/v1/admin/outbox').expect(401);
    const clerk = await token(t, 'clerk.00715.tpht');
    await t.http.get('/api/v1/admin/outbox').set('Authorization', `Bearer ${clerk}`).expect(403);
  });

  it('admin page shows the queue and retries with a CSRF-protected form', async () => {
    const stub = t.app.get(NationalPortalStub);
    stub.setFaults({ down: true });
    const d = await makeDossier(t.ds, { procedureCode: 'TEST.NOTIFY', agencyCode: AG, citizen });
    await ok('clerk.00715.tpht', d.code, { action: 'receive' });
    await drain(t, 10);
    stub.setFaults({ down: false });
    const [dead] = await t.ds.query(`SELECT id FROM outbox WHERE aggregate_id = $1 AND topic = 'national-portal.sync'`, [d.code]);

    const admin = await pageSession(t, 'admin.02.ubnd');
    const page = await admin.get('/quan-tri/outbox').expect(200);
    expect(page.text).toContain('Hàng đợi gửi đi');
    expect(page.text).toContain(`/quan-tri/outbox/${dead.id}/gui-lai`);
    await admin.post(`/quan-tri/outbox/${dead.id}/gui-lai`).type('form').send({}).expect(403);
    await admin.post(`/quan-tri/outbox/${dead.id}/gui-lai`).type('form').send({ _csrf: admin.csrf() }).expect(303);
    await drain(t);
    const [after] = await t.ds.query(`SELECT status FROM outbox WHERE id = $1`, [dead.id]);
    expect(after.status).toBe('DELIVERED');
    const lookup = await admin.get(`/quan-tri/outbox?hoSo=${encodeURIComponent(d.code)}`).expect(200);
    expect(lookup.text).toContain('Cổng DVC quốc gia');
  });

  it('admins switch the stand-ins down and read what they received', async () => {
    const admin = await token(t, 'admin.02.ubnd');
    const clerk = await token(t, 'clerk.00715.tpht');
    await t.http.put('/stubs/national-portal/faults').set('Authorization', `Bearer ${clerk}`).send({ down: true }).expect(403);
    const down = await t.http.put('/stubs/national-portal/faults').set('Authorization', `Bearer ${admin}`).send({ down: true, latencyMs: 10 }).expect(200);
    expect(down.body).toEqual({ down: true, latencyMs: 10 });
    await t.http.get(`/stubs/national-portal/dossiers/${main}`).expect(503);
    await t.http.put('/stubs/national-portal/faults').set('Authorization', `Bearer ${admin}`).send({ down: false, latencyMs: 0 }).expect(200);
    await t.http.put('/stubs/national-portal/faults').set('Authorization', `Bearer ${admin}`).send({ latencyMs: -1 }).expect(400);
    const inbox = await t.http.get(`/stubs/smtp-catcher/messages?to=${CITIZEN_MAIL}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(inbox.body.items.length).toBeGreaterThan(3);
    expect(inbox.body.items[0]).toMatchObject({ to_address: expect.stringContaining(CITIZEN_MAIL), subject: expect.any(String) });
    const sms = await t.http.get(`/stubs/sms-gateway/api/messages?to=${CITIZEN_PHONE}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(sms.body.length).toBeGreaterThan(3);
  });

  it('the in-process worker starts and stops with the app when enabled', async () => {
    const worker = t.app.get(OutboxWorker);
    expect(worker.isRunning).toBe(false);
    worker.start();
    expect(worker.isRunning).toBe(true);
    await worker.stop();
    expect(worker.isRunning).toBe(false);
  });
});
