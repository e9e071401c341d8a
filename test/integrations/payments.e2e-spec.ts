import { sign } from '../../src/common/signed-fields';
import { bootApp, type TestApp } from '../helpers/app';
import { pageSession } from '../helpers/auth';
import { citizens, token, type Citizen } from '../workflow/factory';
import { feeDossier, feeProcedure } from './payments-support';

describe('online fee payment', () => {
  let t: TestApp;
  let citizen: Citizen;
  let other: Citizen;
  let secret: string;

  beforeAll(async () => {
    t = await bootApp({ listen: true, env: { PAYMENT_CALLBACK_DELAY_MS: '0', PAYMENT_CALLBACK_DUPLICATES: '2' } });
    secret = t.config.integrations.payments.gatewaySecret;
    [citizen, other] = await citizens(t.ds, 2);
    await feeProcedure(t.ds);
  });
  afterAll(async () => {
    await t?.close();
  });

  const bearer = async (who: Citizen | string) => `Bearer ${await token(t, typeof who === 'string' ? who : who.personalId)}`;
  const signed = (fields: Record<string, unknown>) => ({ ...fields, signature: sign(fields, secret) });
  const act = async (username: string, code: string, action: string) => {
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    return t.http.post(`/api/v1/dossiers/${code}/actions`).set('Authorization', await bearer(username)).send({ action, expectedVersion: row.version });
  };

  it('computes the fee per copy and opens an order with VietQR and a gateway redirect', async () => {
    const d = await feeDossier(t.ds, citizen, { copies: 3 });
    const res = await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', await bearer(citizen)).expect(201);
    expect(res.body).toMatchObject({ paymentId: expect.any(String), amount: 150000, vietQr: expect.stringMatching(/^000201/), redirectUrl: expect.stringContaining('/stubs/payment-gateway/thanh-toan?') });
    expect(res.body.vietQr).toContain('150000');
    // Asking again resumes the same order.
    const again = await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', await bearer(citizen)).expect(201);
    expect(again.body.paymentId).toBe(res.body.paymentId);
  });

  it('honours an exemption, and refuses strangers and anonymous callers', async () => {
    const d = await feeDossier(t.ds, citizen, { copies: 1, mienLePhi: true });
    const res = await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', await bearer(citizen)).expect(422);
    expect(res.body.message).toContain('không phải nộp');
    const e = await feeDossier(t.ds, citizen);
    await t.http.post(`/api/v1/dossiers/${e.code}/payments`).set('Authorization', await bearer(other)).expect(404);
    await t.http.post(`/api/v1/dossiers/${e.code}/payments`).expect(401);
  });

  it('records exactly one payment under 10 replayed, out-of-order callbacks; bad signatures are refused and logged', async () => {
    const d = await feeDossier(t.ds, citizen);
    expect((await act('clerk.00715.tpht', d.code, 'receive')).status).toBe(422); // not paid yet
    const order = await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', await bearer(citizen)).expect(201);
    const id = order.body.paymentId;
    const base = { txnRef: id, amount: 100000, transactionNo: 'GW-TEST-1', completedAt: new Date().toISOString() };

    const forged = await t.http.post('/api/v1/payments/callback').send({ ...base, status: 'SUCCESS', signature: 'f'.repeat(64) });
    expect(forged.status).toBe(401);
    const tampered = await t.http.post('/api/v1/payments/callback').send({ ...signed({ ...base, status: 'SUCCESS' }), amount: 1 });
    expect(tampered.status).toBe(401);
    expect((await t.ds.query(`SELECT status FROM payments WHERE id = $1`, [id]))[0].status).toBe('PENDING');

    const success = signed({ ...base, status: 'SUCCESS' });
    const cancelled = signed({ ...base, status: 'CANCELLED' });
    const failed = signed({ ...base, status: 'FAILED', transactionNo: 'GW-TEST-0' });
    // A failure first, then ten copies of the success interleaved with a late cancellation, all at once.
    await t.http.post('/api/v1/payments/callback').send(failed).expect(200);
    const burst = await Promise.all([
      ...Array.from({ length: 10 }, () => t.http.post('/api/v1/payments/callback').send(success)),
      t.http.post('/api/v1/payments/callback').send(cancelled),
    ]);
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(burst.filter((r) => r.body.outcome === 'APPLIED')).toHaveLength(1);

    const payments = await t.ds.query(`SELECT status, receipt_no FROM payments WHERE dossier_code = $1`, [d.code]);
    expect(payments).toEqual([{ status: 'PAID', receipt_no: expect.stringMatching(/^BL\d{4}-\d{7}$/) }]);
    const [dossier] = await t.ds.query(`SELECT payment_status, status, version FROM dossiers WHERE code = $1`, [d.code]);
    expect(dossier).toEqual({ payment_status: 'PAID', status: 'SUBMITTED', version: 1 });
    const log = await t.ds.query(`SELECT outcome, count(*)::int AS n FROM payment_callbacks WHERE txn_ref = $1 GROUP BY outcome ORDER BY outcome`, [id]);
    expect(log).toEqual([
      { outcome: 'APPLIED', n: 1 },
      { outcome: 'DUPLICATE', n: 9 },
      { outcome: 'FAILED', n: 1 },
      { outcome: 'IGNORED', n: 1 },
      { outcome: 'REJECTED_SIGNATURE', n: 2 },
    ]);

    // Paid: the clerk may now receive it, and a second order is refused.
    expect((await act('clerk.00715.tpht', d.code, 'receive')).status).toBe(200);
    await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', await bearer(citizen)).expect(409);
  });

  it('the stub gateway redirects, calls back late and more than once, and the receipt is issued', async () => {
    const d = await feeDossier(t.ds, citizen);
    const order = await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', await bearer(citizen)).expect(201);
    const url = new URL(order.body.redirectUrl);
    const page = await t.http.get(`${url.pathname}${url.search}`).expect(200);
    expect(page.text).toContain('Xác nhận thanh toán');
    // A tampered order is refused by the gateway.
    url.searchParams.set('amount', '1');
    await t.http.get(`${url.pathname}${url.search}`).expect(400);

    const pay = await t.http.post(`/stubs/payment-gateway/thanh-toan/${order.body.paymentId}`).type('form').send({ choice: 'pay' }).expect(303);
    const back = new URL(pay.headers.location);
    expect(back.pathname).toBe(`/thanh-toan/${order.body.paymentId}/ket-qua`);
    expect(back.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);

    // The gateway's three callbacks (one + two duplicates) arrive on their own.
    const deadline = Date.now() + 20_000;
    let n = 0;
    while (Date.now() < deadline) {
      n = (await t.ds.query(`SELECT count(*)::int AS n FROM payment_callbacks WHERE txn_ref = $1 AND source = 'CALLBACK'`, [order.body.paymentId]))[0].n;
      if (n >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(n).toBe(3);
    const outcomes = await t.ds.query(`SELECT outcome FROM payment_callbacks WHERE txn_ref = $1 ORDER BY id`, [order.body.paymentId]);
    expect(outcomes.filter((o: { outcome: string }) => o.outcome === 'APPLIED')).toHaveLength(1);

    const session = await pageSession(t, citizen.personalId);
    const result = await session.get(`${back.pathname}${back.search}`).expect(200);
    expect(result.text).toContain('Thanh toán thành công');
    const receipt = await session.get(`/thanh-toan/${order.body.paymentId}/bien-lai`).expect(200);
    expect(receipt.text).toContain('Biên lai thu phí, lệ phí điện tử');
    expect(receipt.text).toMatch(/BL\d{4}-\d{7}/);
    const pdf = await session.get(`/thanh-toan/${order.body.paymentId}/bien-lai.pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
    // Someone else's receipt stays invisible.
    const stranger = await pageSession(t, other.personalId);
    await stranger.get(`/thanh-toan/${order.body.paymentId}/bien-lai`).expect(404);
  });

  it('cancelling at the gateway leaves the dossier unpaid', async () => {
    const d = await feeDossier(t.ds, citizen);
    const order = await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', await bearer(citizen)).expect(201);
    const url = new URL(order.body.redirectUrl);
    await t.http.get(`${url.pathname}${url.search}`).expect(200);
    const res = await t.http.post(`/stubs/payment-gateway/thanh-toan/${order.body.paymentId}`).type('form').send({ choice: 'cancel' }).expect(303);
    const back = new URL(res.headers.location);
    const page = await t.http.get(`${back.pathname}${back.search}`).expect(200);
    expect(page.text).toContain('đã hủy');
    const [row] = await t.ds.query(`SELECT payment_status FROM dossiers WHERE code = $1`, [d.code]);
    expect(row.payment_status).toBe('PENDING');
  });

  it('gives the finance officer a reconciliation report: rows to managers, totals only to administrators', async () => {
    const manager = await bearer('manager.02.ubnd');
    const res = await t.http.get('/api/v1/payments/reconciliation').set('Authorization', manager).expect(200);
    expect(res.body.count).toBeGreaterThanOrEqual(2);
    expect(res.body.total).toBe(res.body.payments.reduce((s: number, p: { amount: number }) => s + p.amount, 0));
    expect(res.body.byAgency).toContainEqual(expect.objectContaining({ agencyCode: '00715.TPHT' }));
    expect(res.body.mismatches).toEqual([]);
    expect(res.body.callbacks).toContainEqual({ outcome: 'REJECTED_SIGNATURE', n: 2 });
    // Administrators read aggregates, never the payers' names.
    const admin = await bearer('admin.02.ubnd');
    const agg = await t.http.get('/api/v1/payments/reconciliation').set('Authorization', admin).expect(200);
    expect(agg.body).toMatchObject({ count: res.body.count, total: res.body.total, byAgency: res.body.byAgency, payments: [] });
    await t.http.get('/api/v1/payments/reconciliation').set('Authorization', await bearer(citizen)).expect(403);
    await t.http.get('/api/v1/payments/reconciliation?from=2026-13-01').set('Authorization', admin).expect(400);
    const page = await (await pageSession(t, 'manager.02.ubnd')).get('/quan-tri/doi-soat-thanh-toan').expect(200);
    expect(page.text).toContain('Đối soát thanh toán');
    expect(page.text).toMatch(/BL\d{4}-\d{7}/);
    const adminPage = await (await pageSession(t, 'admin.02.ubnd')).get('/quan-tri/doi-soat-thanh-toan').expect(200);
    expect(adminPage.text).not.toMatch(/BL\d{4}-\d{7}/);
  });
});
