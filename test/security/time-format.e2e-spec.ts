/**
 * One time format across the API (API.md): every instant in a JSON response — partner API, payments,
 * files, access log, staff list, sign-in, demo stubs — is ISO 8601 with the +07:00 offset, never "Z".
 */
import { PDF } from '../dossiers/support';
import { DEMO_PARTNER } from '../../src/identity/demo-credentials';
import { sign } from '../../src/common/signed-fields';
import { bootApp, type TestApp } from '../helpers/app';
import { citizens, makeDossier, token, type Citizen } from '../workflow/factory';
import { feeDossier, feeProcedure } from '../integrations/payments-support';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Every string in a JSON value that looks like an instant, with where it is. */
function instants(v: unknown, where = ''): [string, string][] {
  if (typeof v === 'string') return INSTANT.test(v) ? [[where, v]] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => instants(x, `${where}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => instants(x, where ? `${where}.${k}` : k));
  return [];
}

describe('instants in API responses use +07:00', () => {
  let t: TestApp;
  let citizen: Citizen;
  const seen: [string, string, string][] = [];

  beforeAll(async () => {
    t = await bootApp();
    [citizen] = (await citizens(t.ds, 10)).filter((c) => c.personalId === '002094990001');
    await feeProcedure(t.ds);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (path: string, auth: string) => {
    const res = await t.http.get(path).set('Authorization', auth);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    for (const [where, value] of instants(res.body)) seen.push([path, where, value]);
    return res.body;
  };

  it('sign-in, payments, partner API, files, access log, staff list and stubs', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ username: citizen.personalId, password: 'CongDan@2026' }).expect(200);
    expect(login.body.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+07:00$/);
    seen.push(['login', 'expiresAt', login.body.expiresAt]);
    const citizenAuth = `Bearer ${login.body.accessToken}`;
    const clerk = `Bearer ${await token(t, 'clerk.00715.tpht')}`;
    const admin = `Bearer ${await token(t, 'admin.02.ubnd')}`;

    // A received dossier (it has a due date), read by staff (an access-log entry).
    const d = await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen });
    await t.http.post(`/api/v1/dossiers/${d.code}/actions`).set('Authorization', clerk).send({ action: 'receive', expectedVersion: 1 }).expect(200);
    const dossier = await get(`/api/v1/dossiers/${d.code}`, clerk);
    expect(dossier.dueAt).toMatch(/\+07:00$/);

    // A paid fee (paidAt comes from the database as a Date).
    const fee = await feeDossier(t.ds, citizen);
    const order = await t.http.post(`/api/v1/dossiers/${fee.code}/payments`).set('Authorization', citizenAuth).expect(201);
    const fields = { txnRef: order.body.paymentId, amount: 100000, status: 'SUCCESS', transactionNo: 'GW-TIME-1', completedAt: '2026-11-23T10:00:00+07:00' };
    await t.http.post('/api/v1/payments/callback').send({ ...fields, signature: sign(fields, t.config.integrations.payments.gatewaySecret) }).expect(200);
    const payment = await get(`/api/v1/payments/${order.body.paymentId}`, citizenAuth);
    expect(payment.paidAt).toMatch(/\+07:00$/);
    const rec = await get('/api/v1/payments/reconciliation', `Bearer ${await token(t, 'manager.02.ubnd')}`);
    expect(rec.from).toMatch(/T00:00:00\+07:00$/);
    expect(rec.payments[0].paidAt).toMatch(/\+07:00$/);

    // The partner API.
    const partner = `Bearer ${(await t.http.post('/api/v1/partner/token').send(DEMO_PARTNER).expect(200)).body.accessToken}`;
    const pd = await get(`/api/v1/partner/dossiers/${d.code}`, partner);
    expect(pd.dueAt).toBe(dossier.dueAt);
    const stats = await get('/api/v1/partner/statistics?from=2026-01-01&to=2026-12-31', partner);
    expect(stats).toMatchObject({ from: '2026-01-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00' });

    // Files, the citizen's access log, the staff list, the demo stubs.
    await t.http.post('/api/v1/files').set('Authorization', citizenAuth).attach('file', PDF, 'a.pdf').expect(201);
    const files = await get('/api/v1/files', citizenAuth);
    expect(files.items[0].createdAt).toMatch(/\+07:00$/);
    const log = await get('/api/v1/me/access-log', citizenAuth);
    expect(log.items.length).toBeGreaterThan(0);
    const staff = await get('/api/v1/admin/staff?q=clerk.00715', admin);
    expect(staff.items.find((s: { username: string }) => s.username === 'clerk.00715.tpht').lastLoginAt).toMatch(/\+07:00$/);
    await get(`/api/v1/procedures/1.001193/prefill`, citizenAuth);
    await get(`/api/v1/dossiers/${d.code}/deliveries`, clerk);
    await t.http.post('/stubs/sms-gateway/api/messages').set('Idempotency-Key', 'time-format-1').send({ to: '0912345678', text: 'Thử' }).expect(202);
    const sms = await get('/stubs/sms-gateway/api/messages?to=0912345678', admin);
    expect(sms[0].receivedAt).toMatch(/\+07:00$/);

    const z = seen.filter(([, , v]) => !v.endsWith('+07:00') && /T/.test(v));
    expect(z).toEqual([]);
    expect(seen.length).toBeGreaterThan(10);
  });
});
