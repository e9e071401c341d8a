/**
 * The payment callback checks the HMAC signature before it stores anything: unsigned or forged
 * attempts leave a fixed-size summary (never the body), are counted per source address and minute
 * in PostgreSQL, and past the limit get 429 — from every app instance, since the state is shared.
 */
import { SecurityLogService } from '../../src/audit/security-log.service';
import { UNSIGNED_CALLBACKS_PER_MINUTE } from '../../src/payments/callback-rejections';
import { sign } from '../../src/common/signed-fields';
import { bootApp, type TestApp } from '../helpers/app';
import { citizens, token, type Citizen } from '../workflow/factory';
import { feeDossier, feeProcedure } from '../integrations/payments-support';

describe('payment callback: signature first, unsigned attempts bounded', () => {
  let t: TestApp;
  let citizen: Citizen;
  let secret: string;
  let record: jest.SpyInstance;

  beforeAll(async () => {
    t = await bootApp();
    secret = t.config.integrations.payments.gatewaySecret;
    [citizen] = await citizens(t.ds, 1);
    await feeProcedure(t.ds);
    record = jest.spyOn(t.app.get(SecurityLogService), 'record');
  });
  afterAll(async () => {
    await t?.close();
  });

  const order = async () => {
    const d = await feeDossier(t.ds, citizen);
    const res = await t.http.post(`/api/v1/dossiers/${d.code}/payments`).set('Authorization', `Bearer ${await token(t, citizen.personalId)}`).expect(201);
    return { code: d.code, id: res.body.paymentId as string };
  };
  const callbacksOf = (id: string) => t.ds.query(`SELECT outcome, signature_valid, body, length(body::text) AS size FROM payment_callbacks WHERE txn_ref = $1 ORDER BY id`, [id]);
  const attemptsNow = async () => Number((await t.ds.query(`SELECT coalesce(sum(attempts), 0) AS n FROM payment_callback_rejections`))[0].n);

  it('keeps only a small summary of a 90 KB unsigned body, and records a security event', async () => {
    const { id } = await order();
    const marker = 'KHONG-LUU-NOI-DUNG-NAY';
    const body = { txnRef: id, amount: 100000, status: 'SUCCESS', padding: `${marker}${'x'.repeat(90_000)}` };
    const res = await t.http.post('/api/v1/payments/callback').send(body);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Chữ ký không hợp lệ' });
    const rows = await callbacksOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'REJECTED_SIGNATURE', signature_valid: false });
    expect(rows[0].body).toEqual({ refused: 'MISSING_SIGNATURE', bytes: expect.any(Number), fieldCount: 4, fields: ['txnRef', 'amount', 'status', 'padding'] });
    expect(rows[0].body.bytes).toBeGreaterThan(90_000);
    expect(Number(rows[0].size)).toBeLessThan(500);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM payment_callbacks WHERE body::text LIKE '%' || $1 || '%'`, [marker]);
    expect(n).toBe(0);
    expect((await t.ds.query(`SELECT status FROM payments WHERE id = $1`, [id]))[0].status).toBe('PENDING');
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'payment.callback.unsigned', outcome: 'denied', reason: 'MISSING_SIGNATURE', target: `payment:${id}`, ip: expect.any(String) }),
    );
  });

  it('refuses a forged signature without touching the payment; a signed result is still applied', async () => {
    const { id, code } = await order();
    const fields = { txnRef: id, amount: 100000, status: 'SUCCESS', transactionNo: 'GW-SEC-1', completedAt: new Date().toISOString() };
    await t.http.post('/api/v1/payments/callback').send({ ...fields, signature: 'a'.repeat(64) }).expect(401);
    expect((await callbacksOf(id)).map((r: { body: { refused: string } }) => r.body.refused)).toEqual(['BAD_SIGNATURE']);
    expect(record).toHaveBeenCalledWith(expect.objectContaining({ type: 'payment.callback.unsigned', reason: 'BAD_SIGNATURE' }));
    const ok = await t.http.post('/api/v1/payments/callback').send({ ...fields, signature: sign(fields, secret) }).expect(200);
    expect(ok.body).toEqual({ received: true, outcome: 'APPLIED', paymentStatus: 'PAID' });
    const rows = await callbacksOf(id);
    expect(rows.map((r: { outcome: string }) => r.outcome)).toEqual(['REJECTED_SIGNATURE', 'APPLIED']);
    expect(rows[1].body).toMatchObject({ txnRef: id, transactionNo: 'GW-SEC-1' });
    expect((await t.ds.query(`SELECT payment_status FROM dossiers WHERE code = $1`, [code]))[0].payment_status).toBe('PAID');
  });

  it('answers a lone surrogate or a NUL in the callback with 400 and stores nothing', async () => {
    const before = Number((await t.ds.query(`SELECT count(*) AS n FROM payment_callbacks`))[0].n);
    const attempts = await attemptsNow();
    for (const raw of ['{"txnRef":"\\ud800","amount":1}', '{"txnRef":"a","status":"\\udc00x"}', '{"txnRef":"a\\u0000"}', '{"\\ud83d":1}']) {
      const res = await t.http.post('/api/v1/payments/callback').set('content-type', 'application/json').send(raw);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('không hợp lệ') });
    }
    expect(Number((await t.ds.query(`SELECT count(*) AS n FROM payment_callbacks`))[0].n)).toBe(before);
    expect(await attemptsNow()).toBe(attempts);
  });

  it('rate-limits unsigned attempts per address with the state in PostgreSQL, shared by every instance', async () => {
    const { id } = await order();
    // A fixed one-minute window: send until refused (a minute boundary can reset the count once).
    const statuses: number[] = [];
    for (let i = 0; i < 2 * UNSIGNED_CALLBACKS_PER_MINUTE + 2 && !statuses.includes(429); i++) {
      statuses.push((await t.http.post('/api/v1/payments/callback').send({ txnRef: id, amount: 1, status: 'SUCCESS' })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(UNSIGNED_CALLBACKS_PER_MINUTE - 4);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);

    const limited = await t.http.post('/api/v1/payments/callback').send({ txnRef: id, status: 'SUCCESS' });
    const [window] = await t.ds.query(`SELECT remote_ip, attempts, last_txn_ref FROM payment_callback_rejections ORDER BY window_start DESC, attempts DESC LIMIT 1`);
    if (window.attempts > UNSIGNED_CALLBACKS_PER_MINUTE) {
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('thử lại sau') });
    }
    expect(window.last_txn_ref).toBe(id);
    // Past the limit only the counter moves: at most the limit's worth of summaries per address and minute.
    const perMinute = await t.ds.query(
      `SELECT date_trunc('minute', received_at) AS m, count(*)::int AS n FROM payment_callbacks WHERE NOT signature_valid GROUP BY 1`,
    );
    expect(perMinute.every((r: { n: number }) => r.n <= UNSIGNED_CALLBACKS_PER_MINUTE)).toBe(true);
    expect(record).toHaveBeenCalledWith(expect.objectContaining({ type: 'payment.callback.unsigned', outcome: 'blocked', reason: 'RATE_LIMITED' }));

    // A second app instance on the same database sees the same state.
    const other = await bootApp();
    try {
      const res = await other.http.post('/api/v1/payments/callback').send({ txnRef: id, status: 'SUCCESS' });
      const [now] = await t.ds.query(`SELECT attempts FROM payment_callback_rejections WHERE remote_ip = $1 ORDER BY window_start DESC LIMIT 1`, [window.remote_ip]);
      // Unless a new minute has just begun, the other instance refuses too.
      expect(res.status).toBe(now.attempts > UNSIGNED_CALLBACKS_PER_MINUTE ? 429 : 401);
    } finally {
      await other.close();
    }

    // The gateway's signed calls are never held back by the limit.
    const fields = { txnRef: id, amount: 100000, status: 'SUCCESS', transactionNo: 'GW-SEC-2', completedAt: new Date().toISOString() };
    const ok = await t.http.post('/api/v1/payments/callback').send({ ...fields, signature: sign(fields, secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.outcome).toBe('APPLIED');
  });
});
