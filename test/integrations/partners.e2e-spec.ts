import { bootApp, type TestApp } from '../helpers/app';
import { citizens, makeDossier, token } from '../workflow/factory';

describe('partner data-sharing API (client credentials, scopes, rate limits, audit)', () => {
  let t: TestApp;
  let admin: string;
  let code: string;

  beforeAll(async () => {
    t = await bootApp();
    admin = `Bearer ${await token(t, 'admin.02.ubnd')}`;
    const [c] = await citizens(t.ds, 1);
    code = (await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen: c })).code;
  });
  afterAll(async () => {
    await t?.close();
  });

  const client = async (scopes: string[], ratePerMinute = 100, agencyCodes = ['02.UBND']) => {
    const res = await t.http.post('/api/v1/admin/partner-clients').set('Authorization', admin).send({ name: 'Sở Tài chính', scopes, agencyCodes, ratePerMinute }).expect(201);
    expect(res.body).toMatchObject({ clientId: expect.stringMatching(/^lgsp-/), clientSecret: expect.any(String), scopes, agencyCodes });
    return res.body as { clientId: string; clientSecret: string };
  };
  const tokenFor = async (c: { clientId: string; clientSecret: string }) =>
    (await t.http.post('/api/v1/partner/token').send(c).expect(200)).body.accessToken as string;

  it('only admins manage partner clients; secrets are stored hashed', async () => {
    await t.http.post('/api/v1/admin/partner-clients').send({ name: 'x', scopes: [] }).expect(401);
    const clerk = `Bearer ${await token(t, 'clerk.00715.tpht')}`;
    await t.http.post('/api/v1/admin/partner-clients').set('Authorization', clerk).send({ name: 'x', scopes: [] }).expect(403);
    await t.http.post('/api/v1/admin/partner-clients').set('Authorization', admin).send({ name: 'x', scopes: ['everything'], agencyCodes: ['02.UBND'] }).expect(400);
    await t.http.post('/api/v1/admin/partner-clients').set('Authorization', admin).send({ name: 'x', scopes: ['dossiers:read'] }).expect(400);
    await t.http.post('/api/v1/admin/partner-clients').set('Authorization', admin).send({ name: 'x', scopes: ['dossiers:read'], agencyCodes: ['99.NOPE'] }).expect(422);
    const c = await client(['dossiers:read']);
    const [row] = await t.ds.query(`SELECT secret_hash FROM partner_clients WHERE client_id = $1`, [c.clientId]);
    expect(row.secret_hash).toMatch(/^\$argon2id\$/);
    expect(row.secret_hash).not.toContain(c.clientSecret);
  });

  it('issues a token for the right secret, 401 otherwise', async () => {
    const c = await client(['dossiers:read']);
    const res = await t.http.post('/api/v1/partner/token').send(c).expect(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer', scope: 'dossiers:read' });
    const bad = await t.http.post('/api/v1/partner/token').send({ clientId: c.clientId, clientSecret: 'wrong' }).expect(401);
    expect(bad.body).toMatchObject({ statusCode: 401, message: expect.any(String) });
    await t.http.post('/api/v1/partner/token').send({ clientId: 'lgsp-none', clientSecret: 'x' }).expect(401);
    await t.http.post('/api/v1/partner/token').send({}).expect(400);
  });

  it('returns a dossier status with scope dossiers:read', async () => {
    const access = await tokenFor(await client(['dossiers:read']));
    const res = await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${access}`).expect(200);
    expect(res.body).toEqual({ code, procedureCode: '1.001193', agencyCode: '00715.TPHT', status: 'SUBMITTED', dueAt: null, completedAt: null });
    await t.http.get('/api/v1/partner/dossiers/NO-SUCH').set('Authorization', `Bearer ${access}`).expect(404);
    await t.http.get(`/api/v1/partner/dossiers/${code}`).expect(401);
    await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', 'Bearer not-a-token').expect(401);
    // A citizen's or staff token is not a partner token.
    await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', admin).expect(401);
  });

  it('enforces scopes', async () => {
    const access = await tokenFor(await client(['catalog:read']));
    await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${access}`).expect(403);
    await t.http.get(`/api/v1/partner/dossiers/${code}/result`).set('Authorization', `Bearer ${access}`).expect(403);
    await t.http.get('/api/v1/partner/statistics').set('Authorization', `Bearer ${access}`).expect(403);
    const cat = await t.http.get('/api/v1/partner/procedures?pageSize=5').set('Authorization', `Bearer ${access}`).expect(200);
    expect(cat.body.items).toHaveLength(5);
    expect(cat.body.total).toBeGreaterThan(5);
    expect(cat.body.items[0]).toMatchObject({ code: expect.any(String), name: expect.any(String), processingTime: { value: expect.any(Number), unit: expect.any(String) } });
  });

  it('serves statistics and result documents to clients with those scopes', async () => {
    const access = await tokenFor(await client(['statistics:read', 'results:read']));
    const stats = await t.http.get('/api/v1/partner/statistics').set('Authorization', `Bearer ${access}`).expect(200);
    expect(stats.body.items).toContainEqual(expect.objectContaining({ agencyCode: '00715.TPHT', submitted: expect.any(Number) }));
    // No result issued yet for this dossier.
    await t.http.get(`/api/v1/partner/dossiers/${code}/result`).set('Authorization', `Bearer ${access}`).expect(404);
  });

  it('throttles each client to its own rate (429), leaving other clients alone', async () => {
    const slow = await tokenFor(await client(['dossiers:read'], 3));
    const other = await tokenFor(await client(['dossiers:read'], 100));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${slow}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${slow}`);
    expect(limited.body).toMatchObject({ statusCode: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${other}`).expect(200);
  });

  it('holds one quota across app instances: calls spread over two instances share the window', async () => {
    const second = await bootApp({ env: { OUTBOX_WORKER: '0', SMTP_CATCHER: '0' } });
    try {
      const access = await tokenFor(await client(['dossiers:read'], 4));
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const via = i % 2 === 0 ? t.http : second.http;
        statuses.push((await via.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${access}`)).status);
      }
      // Per-process windows would have let 4 calls through on each instance (all six 200).
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const guessed = await client(['dossiers:read']);
      const guesses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const via = i % 2 === 0 ? t.http : second.http;
        guesses.push((await via.post('/api/v1/partner/token').send({ clientId: guessed.clientId, clientSecret: `guess-${i}` })).status);
      }
      expect(guesses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(guesses[10]).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('audits every call, refused ones included, and a disabled client loses access', async () => {
    const c = await client(['dossiers:read']);
    const access = await tokenFor(c);
    await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${access}`).expect(200);
    await t.http.get(`/api/v1/partner/statistics`).set('Authorization', `Bearer ${access}`).expect(403);
    await t.http.post('/api/v1/partner/token').send({ clientId: c.clientId, clientSecret: 'nope' }).expect(401);
    await new Promise((r) => setTimeout(r, 100)); // audit rows are written when the response finishes
    const log = await t.http.get(`/api/v1/admin/partner-clients/audit?clientId=${c.clientId}`).set('Authorization', admin).expect(200);
    const seen = log.body.map((l: { method: string; path: string; statusCode: number }) => `${l.method} ${l.path} ${l.statusCode}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'POST /api/v1/partner/token 200',
        'POST /api/v1/partner/token 401',
        `GET /api/v1/partner/dossiers/${code} 200`,
        'GET /api/v1/partner/statistics 403',
      ]),
    );
    await t.http.post(`/api/v1/admin/partner-clients/${c.clientId}/disable`).set('Authorization', admin).expect(200);
    await t.http.get(`/api/v1/partner/dossiers/${code}`).set('Authorization', `Bearer ${access}`).expect(401);
    await t.http.post('/api/v1/partner/token').send(c).expect(401);
  });

  it('throttles secret guessing per client id', async () => {
    const c = await client(['dossiers:read']);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await t.http.post('/api/v1/partner/token').send({ clientId: c.clientId, clientSecret: `guess-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Even the right secret waits out the minute.
    await t.http.post('/api/v1/partner/token').send(c).expect(429);
  });

  it('demo mode seeds a partner client with every scope', async () => {
    const res = await t.http.post('/api/v1/partner/token').send({ clientId: 'lgsp-demo', clientSecret: 'DoiTac@2026-demo-secret' }).expect(200);
    expect(res.body.scope).toBe('dossiers:read results:read catalog:read statistics:read');
  });

  it('is documented in OpenAPI', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/partner/token', '/api/v1/partner/dossiers/{code}', '/api/v1/admin/outbox', '/api/v1/dossiers/{code}/payments', '/api/v1/payments/callback', '/stubs/national-portal/api/status-updates']),
    );
  });
});
