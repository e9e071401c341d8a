import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, csrfFromHtml, DEMO_PASSWORD_STAFF, demoCitizens, pageSession } from '../helpers/auth';
import request from 'supertest';

function sessionCookie(res: request.Response): string | undefined {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith('motcua.sid='))?.split(';')[0];
}

describe('Identity: sign-in, tokens, sessions, CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('API tokens', () => {
    it('logs a demo citizen in and answers /me', async () => {
      const c = demoCitizens()[0];
      const token = await apiToken(t, c.personalId);
      const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toEqual({ username: c.personalId, role: 'CITIZEN', fullName: c.fullName, personalId: c.personalId });
    });

    it('logs staff in with the naming rule and returns an expiry 12 hours ahead', async () => {
      const res = await t.http.post('/api/v1/auth/login').send({ username: 'clerk.026.ptp', password: DEMO_PASSWORD_STAFF }).expect(200);
      expect(res.body.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const hours = (new Date(res.body.expiresAt).getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(11.9);
      expect(hours).toBeLessThanOrEqual(12);
      const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ username: 'clerk.026.ptp', role: 'CLERK', agencyCode: '026.PTP' });
      // only the hash is stored
      const rows = await t.ds.query('SELECT token_hash FROM api_tokens WHERE token_hash = $1', [res.body.accessToken]);
      expect(rows).toHaveLength(0);
    });

    it('revokes the token at logout', async () => {
      const token = await apiToken(t, 'leader.026.ptp');
      await t.http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    });

    it('answers 401 without a token and for a wrong password', async () => {
      await t.http.get('/api/v1/me').expect(401);
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '198.51.100.1')
        .send({ username: 'clerk.026.ptp', password: 'wrong-password-1' })
        .expect(401);
      expect(res.body.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    });

    it('rejects malformed login bodies with 400', async () => {
      await t.http.post('/api/v1/auth/login').send({ username: ['a'], password: 1 }).expect(400);
      await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    });

    it('lists demo accounts in demo mode', async () => {
      const res = await t.http.get('/api/v1/demo/accounts').expect(200);
      const staff = res.body.staff as { username: string; role: string; agencyCode: string; password: string }[];
      expect(staff).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ username: 'clerk.026.ptp', role: 'CLERK', agencyCode: '026.PTP', password: DEMO_PASSWORD_STAFF }),
          expect.objectContaining({ username: 'specialist.00715.tpht', role: 'SPECIALIST', agencyCode: '00715.TPHT' }),
          expect.objectContaining({ username: 'leader.02.stp', role: 'LEADER' }),
          expect.objectContaining({ username: 'manager.026.ubnd', role: 'MANAGER' }),
          expect.objectContaining({ username: 'admin.02.ubnd', role: 'ADMIN' }),
          expect.objectContaining({ username: 'clerk.00688.ubnd' }),
          expect.objectContaining({ username: 'clerk.00700.ca' }),
        ]),
      );
      // 16 province + 11×12 district + 5×5 commune agencies (5 demo communes), five roles each
      expect(staff).toHaveLength((16 + 11 * 12 + 5 * 5) * 5);
      expect(res.body.citizens).toHaveLength(demoCitizens().length);
      expect(res.body.citizens[0]).toEqual(
        expect.objectContaining({ username: expect.stringMatching(/^[0-9]{12}$/), password: 'CongDan@2026', fullName: expect.any(String), dateOfBirth: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }),
      );
    });

    it('hides the demo accounts when demo mode is off', async () => {
      const off = await bootApp({ env: { DEMO: '0' } });
      try {
        await off.http.get('/api/v1/demo/accounts').expect(404);
      } finally {
        await off.close();
      }
    });
  });

  describe('page sessions', () => {
    it('shows the try-it-as panel on the home page in demo mode', async () => {
      const res = await t.http.get('/').expect(200);
      expect(res.text).toContain('Dùng thử với vai trò');
      expect(res.text).toContain('value="manager.026.ubnd"');
    });

    it('changes the session id at sign-in and destroys the session at sign-out', async () => {
      const agent = request.agent(t.app.getHttpServer());
      const form = await agent.get('/dang-nhap').expect(200);
      const before = sessionCookie(form);
      expect(before).toBeDefined();
      const c = demoCitizens()[1];
      const login = await agent
        .post('/dang-nhap')
        .type('form')
        .send({ _csrf: csrfFromHtml(form.text), username: c.personalId, password: 'CongDan@2026', next: '/tai-khoan' })
        .expect(303);
      expect(login.headers.location).toBe('/tai-khoan');
      const after = sessionCookie(login);
      expect(after).toBeDefined();
      expect(after).not.toEqual(before);
      const account = await agent.get('/tai-khoan').expect(200);
      expect(account.text).toContain(c.fullName);
      const sid = decodeURIComponent(after!.split('=')[1]).slice(2).split('.')[0];
      expect(await t.ds.query('SELECT sid FROM sessions WHERE sid = $1', [sid])).toHaveLength(1);

      await agent.post('/dang-xuat').type('form').send({ _csrf: csrfFromHtml(account.text) }).expect(303);
      expect(await t.ds.query('SELECT sid FROM sessions WHERE sid = $1', [sid])).toHaveLength(0);
      await agent.get('/tai-khoan').expect(302).expect('Location', '/dang-nhap?next=%2Ftai-khoan');
    });

    it('rejects a form post without a CSRF token (nothing happens)', async () => {
      const s = await pageSession(t, demoCitizens()[0].personalId);
      const res = await s.post('/dang-xuat').type('form').send({}).expect(403);
      expect(res.text).toContain('Biểu mẫu đã hết hạn');
      // still signed in
      await s.get('/tai-khoan').expect(200);
      // and a wrong token is rejected too
      await s.post('/dang-xuat').type('form').send({ _csrf: 'forged' }).expect(403);
      const denials = await t.ds.query(`SELECT count(*)::int AS n FROM denial_log WHERE action = 'csrf'`);
      expect(denials[0].n).toBeGreaterThanOrEqual(2);
      await s.post('/dang-xuat').type('form').send({ _csrf: s.csrf() }).expect(303);
    });

    it('requires the CSRF header on API calls made with a session, not with a bearer token', async () => {
      const s = await pageSession(t, 'clerk.026.ptp');
      await s.get('/api/v1/me').expect(200);
      await s.post('/api/v1/me/password').send({ currentPassword: 'x', newPassword: 'abcdefg12' }).expect(403);
      await s.post('/api/v1/me/password').set('X-CSRF-Token', s.csrf()).send({ currentPassword: 'x', newPassword: 'abcdefg12' }).expect(401);
      const token = await apiToken(t, 'clerk.026.ptp');
      await t.http.post('/api/v1/me/password').set('Authorization', `Bearer ${token}`).send({ currentPassword: 'x', newPassword: 'abcdefg12' }).expect(401);
    });

    it('redirects anonymous page requests to sign-in, and rejects a foreign next URL', async () => {
      await t.http.get('/tai-khoan/truy-cap').expect(302).expect('Location', '/dang-nhap?next=%2Ftai-khoan%2Ftruy-cap');
      const agent = request.agent(t.app.getHttpServer());
      const form = await agent.get('/dang-nhap?next=//evil.example').expect(200);
      expect(form.text).toContain('name="next" value="/"');
    });

    it('sends staff to their workspace after sign-in', async () => {
      const agent = request.agent(t.app.getHttpServer());
      const form = await agent.get('/dang-nhap').expect(200);
      const res = await agent.post('/dang-nhap').type('form').send({ _csrf: csrfFromHtml(form.text), username: 'CLERK.026.PTP', password: DEMO_PASSWORD_STAFF }).expect(303);
      expect(res.headers.location).toBe('/can-bo');
    });

    it('re-renders the form with an error for a wrong password', async () => {
      const agent = request.agent(t.app.getHttpServer());
      const form = await agent.get('/dang-nhap').expect(200);
      const res = await agent
        .post('/dang-nhap')
        .set('X-Forwarded-For', '198.51.100.2')
        .type('form')
        .send({ _csrf: csrfFromHtml(form.text), username: 'clerk.026.ptp', password: 'nope-nope-1' })
        .expect(401);
      expect(res.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
      expect(res.text).toContain('value="clerk.026.ptp"');
    });
  });
});
