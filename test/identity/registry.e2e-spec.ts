import request from 'supertest';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, csrfFromHtml, demoCitizens } from '../helpers/auth';
import { REGISTRY_UNAVAILABLE_MESSAGE, RegistryClient } from '../../src/registry/registry.client';
import { DEMO_PENDING_BIRTHS } from '../../src/registry/generator/demo-citizens';

interface Row {
  personal_id: string;
  full_name: string;
  dob: string;
}

async function generatedCitizens(t: TestApp, n: number, offset = 0): Promise<Row[]> {
  return t.ds.query(
    `SELECT personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM registry.citizens
      WHERE personal_id <> ALL($1::varchar[]) AND date_of_birth < '2008-01-01'
        AND personal_id NOT IN (SELECT username FROM users)
      ORDER BY personal_id LIMIT $2 OFFSET $3`,
    [demoCitizens().map((c) => c.personalId), n, offset],
  );
}

function registration(c: Row, extra: Record<string, unknown> = {}) {
  return { personalId: c.personal_id, fullName: c.full_name, dateOfBirth: c.dob, phone: '0912345678', email: 'cong.dan@example.vn', password: 'matkhau2026', ...extra };
}

describe('Population registry stub and citizen registration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the stub', () => {
    it('holds the generated population and the demo citizens', async () => {
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM registry.citizens');
      expect(n).toBe(Number(process.env.REGISTRY_CITIZENS ?? 5000) + demoCitizens().length);
      const [{ h }] = await t.ds.query('SELECT count(*)::int AS h FROM registry.households');
      expect(h).toBeGreaterThan(100);
      const demo = await t.ds.query('SELECT personal_id FROM registry.citizens WHERE personal_id = ANY($1::varchar[])', [demoCitizens().map((c) => c.personalId)]);
      expect(demo).toHaveLength(demoCitizens().length);
    });

    it('verifies with Unicode, case and whitespace folding but not accent stripping', async () => {
      const reg = t.app.get(RegistryClient);
      const pao = demoCitizens().find((c) => c.fullName === 'Lò Văn Páo')!;
      expect(await reg.verify(pao.personalId, 'Lò Văn Páo', pao.dateOfBirth)).toBe(true);
      expect(await reg.verify(pao.personalId, '  LÒ   văn  PÁO ', pao.dateOfBirth)).toBe(true);
      expect(await reg.verify(pao.personalId, 'Lò Văn Páo'.normalize('NFD'), pao.dateOfBirth)).toBe(true);
      expect(await reg.verify(pao.personalId, 'Lo Van Pao', pao.dateOfBirth)).toBe(false);
      expect(await reg.verify(pao.personalId, 'Lò Văn Páo', '1948-02-11')).toBe(false);
      expect(await reg.verify('002048990009', 'Lò Văn Páo', pao.dateOfBirth)).toBe(false);
    });

    it('looks a person up with household members and parents', async () => {
      const child = demoCitizens().find((c) => c.relationshipToHead === 'CHILD')!;
      const p = await t.app.get(RegistryClient).lookup(child.personalId);
      expect(p).toMatchObject({ personalId: child.personalId, fullName: child.fullName, dateOfBirth: child.dateOfBirth });
      expect(p!.father).toMatchObject({ personalId: child.fatherPersonalId, fullName: child.fatherName });
      expect(p!.household.members.length).toBeGreaterThanOrEqual(3);
      expect(p!.household.members[0].relationshipToHead).toBe('HEAD');
      expect(await t.app.get(RegistryClient).lookup('000000000000')).toBeNull();
    });
  });

  describe('birth registration', () => {
    it("issues the demo newborn's reserved number, once", async () => {
      const reg = t.app.get(RegistryClient);
      const b = DEMO_PENDING_BIRTHS[0];
      const birth = { fullName: b.fullName, dateOfBirth: b.dateOfBirth, gender: b.gender, fatherPersonalId: b.fatherPersonalId, motherPersonalId: b.motherPersonalId };
      expect(await reg.registerBirth(birth)).toBe(b.reservedPersonalId);
      expect(await reg.registerBirth(birth)).toBe(b.reservedPersonalId);
      const child = await reg.lookup(b.reservedPersonalId);
      expect(child).toMatchObject({ fullName: b.fullName, dateOfBirth: b.dateOfBirth, relationshipToHead: 'CHILD' });
      expect(child!.household.id).toBe(b.householdId);
      expect(child!.mother?.personalId).toBe(b.motherPersonalId);
    });

    it('numbers other births from the reserved range, encoding gender and year', async () => {
      const reg = t.app.get(RegistryClient);
      const [mother] = await t.ds.query(
        `SELECT personal_id FROM registry.citizens WHERE gender = 'FEMALE' AND date_of_birth BETWEEN '1990-01-01' AND '2000-01-01' AND personal_id LIKE '002%' LIMIT 1`,
      );
      const id = await reg.registerBirth({ fullName: 'Vàng Thị Mai', dateOfBirth: '2026-11-01', gender: 'FEMALE', motherPersonalId: mother.personal_id });
      expect(id).toMatch(/^002326990[1-9]\d\d$/);
      await expect(reg.registerBirth({ fullName: 'X', dateOfBirth: '2026-11-01', gender: 'MALE', motherPersonalId: '000000000000' })).rejects.toMatchObject({ status: 422 });
    });
  });

  describe('registration', () => {
    it('registers a generated citizen whose identity the registry confirms, then signs in', async () => {
      const [c] = await generatedCitizens(t, 1);
      const res = await t.http.post('/api/v1/auth/register').send(registration(c, { fullName: ` ${c.full_name.toUpperCase()} ` })).expect(201);
      expect(res.body).toMatchObject({ username: c.personal_id, role: 'CITIZEN', personalId: c.personal_id });
      const [u] = await t.ds.query('SELECT full_name, password_hash FROM users WHERE personal_id = $1', [c.personal_id]);
      expect(u.password_hash).toMatch(/^\$argon2id\$/);
      const token = await apiToken(t, c.personal_id, 'matkhau2026');
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
      // a second registration of the same identity
      const again = await t.http.post('/api/v1/auth/register').send(registration(c)).expect(409);
      expect(again.body.statusCode).toBe(409);
    });

    it('answers one generic 422 whatever differs, and stores nothing', async () => {
      const [c] = await generatedCitizens(t, 1, 1);
      const variants = [
        registration(c, { fullName: c.full_name + ' A' }),
        registration(c, { dateOfBirth: c.dob === '1990-01-01' ? '1990-01-02' : '1990-01-01' }),
        registration(c, { personalId: '001999999999' }),
        registration(c, { fullName: c.full_name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') }),
      ];
      const messages = new Set<string>();
      for (const v of variants) {
        const res = await t.http.post('/api/v1/auth/register').set('X-Forwarded-For', '203.0.113.50').send(v);
        if (v.fullName === c.full_name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') && v.fullName === c.full_name) continue;
        expect(res.status).toBe(422);
        messages.add(res.body.message);
      }
      expect(messages.size).toBe(1);
      const rows = await t.ds.query('SELECT 1 FROM users WHERE personal_id = ANY($1::varchar[])', [[c.personal_id, '001999999999']]);
      expect(rows).toHaveLength(0);
    });

    const bad: [string, Record<string, unknown>][] = [
      ['11-digit ID', { personalId: '00209499000' }],
      ['13-digit ID', { personalId: '0020949900011' }],
      ['letters in the ID', { personalId: '00209499000A' }],
      ['full-width digits', { personalId: '００２０９４９９０００１' }],
      ['impossible date', { dateOfBirth: '1994-02-30' }],
      ['date in another format', { dateOfBirth: '15/03/1994' }],
      ['future date', { dateOfBirth: '2999-01-01' }],
      ['1 MB name', { fullName: 'A'.repeat(1024 * 1024) }],
      ['HTML in the name', { fullName: '<script>alert(1)</script>' }],
      ['SQL in the name', { fullName: "x'; DROP TABLE users; --" }],
      ['SQL in the ID', { personalId: "1' OR '1'='1" }],
      ['bad phone', { phone: '12345' }],
      ['HTML phone', { phone: '<b>0912345678</b>' }],
      ['bad email', { email: 'not-an-email' }],
      ['short password', { password: 'a1b2' }],
      ['password without digits', { password: 'chicochu' }],
      ['object instead of string', { fullName: { $ne: null } }],
      ['array instead of string', { personalId: ['002094990001'] }],
      ['number instead of string', { dateOfBirth: 19940315 }],
    ];
    it.each(bad)('rejects %s with a field error (400), never a 500, nothing stored', async (_name, patch) => {
      const [c] = await generatedCitizens(t, 1, 2);
      const [{ n: before }] = await t.ds.query('SELECT count(*)::int AS n FROM users');
      const res = await t.http.post('/api/v1/auth/register').send(registration(c, patch));
      expect([400, 413]).toContain(res.status);
      if (res.status === 400) expect(res.body.details.length).toBeGreaterThan(0);
      const [{ n: after }] = await t.ds.query('SELECT count(*)::int AS n FROM users');
      expect(after).toBe(before);
    });

    it('registers through the page form with field errors first', async () => {
      const [c] = await generatedCitizens(t, 1, 3);
      const agent = request.agent(t.app.getHttpServer());
      const form = await agent.get('/dang-ky').expect(200);
      const bad = await agent
        .post('/dang-ky')
        .type('form')
        .send({ _csrf: csrfFromHtml(form.text), ...registration(c, { personalId: '12345', passwordConfirm: 'x' }) })
        .expect(400);
      expect(bad.text).toContain('Số định danh cá nhân phải gồm đúng 12 chữ số');
      expect(bad.text).toContain('Mật khẩu nhập lại không khớp');
      expect(bad.text).toContain(`value="${c.full_name}"`);
      const ok = await agent
        .post('/dang-ky')
        .type('form')
        .send({ _csrf: csrfFromHtml(bad.text), ...registration(c), passwordConfirm: 'matkhau2026' })
        .expect(303);
      expect(ok.headers.location).toBe('/tai-khoan?moi=1');
      const account = await agent.get('/tai-khoan?moi=1').expect(200);
      expect(account.text).toContain('Đăng ký thành công');
    });
  });

  describe('login throttling', () => {
    it('locks an (account, IP) pair after 5 failures, caps an IP at 20, and lets the real user in from elsewhere', async () => {
      const [c] = await generatedCitizens(t, 1, 4);
      await t.http.post('/api/v1/auth/register').send(registration(c)).expect(201);
      const attacker = '192.0.2.66';
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', attacker).send({ username: c.personal_id, password: `wrong${i}pass` });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual(Array(15).fill(429));
      // even the right password is refused from the attacker's address while locked
      const locked = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', attacker).send({ username: c.personal_id, password: 'matkhau2026' }).expect(429);
      expect(locked.headers['retry-after']).toMatch(/^\d+$/);
      // the real user, from another address, still gets in
      await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', '198.18.0.7').send({ username: c.personal_id, password: 'matkhau2026' }).expect(200);

      // a spray over many accounts from one address hits the per-IP cap
      const sprayer = '192.0.2.99';
      const spray: number[] = [];
      for (let i = 0; i < 22; i++) {
        const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', sprayer).send({ username: `nobody${i}`, password: 'whatever1' });
        spray.push(res.status);
      }
      expect(spray.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(spray.slice(20)).toEqual([429, 429]);
    });

    it('throttles the page form too, with a Vietnamese message', async () => {
      const agent = request.agent(t.app.getHttpServer());
      let page = await agent.get('/dang-nhap').expect(200);
      let last = 0;
      for (let i = 0; i < 6; i++) {
        const res = await agent
          .post('/dang-nhap')
          .set('X-Forwarded-For', '192.0.2.77')
          .type('form')
          .send({ _csrf: csrfFromHtml(page.text), username: 'clerk.00715.ubnd', password: `sai${i}matkhau` });
        last = res.status;
        page = res;
      }
      expect(last).toBe(429);
      expect(page.text).toContain('Bạn đã thử quá nhiều lần');
    });
  });
});

describe('Registry outage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp({ env: { REGISTRY_BREAKER_HALF_OPEN_MS: '300', REGISTRY_TIMEOUT_MS: '500' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives citizens a 503 "try again later", staff a banner, and recovers when the registry is back', async () => {
    const admin = await apiToken(t, 'admin.02.ubnd');
    const [c] = await generatedCitizens(t, 1, 10);
    const faults = await t.http.put('/api/v1/demo/registry-faults').set('Authorization', `Bearer ${admin}`).send({ outage: true }).expect(200);
    expect(faults.body).toMatchObject({ outage: true, circuit: 'closed' });

    // API: 503 with the message, both before and after the circuit opens
    for (let i = 0; i < 3; i++) {
      const res = await t.http.post('/api/v1/auth/register').send(registration(c)).expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, message: REGISTRY_UNAVAILABLE_MESSAGE });
    }
    expect(t.app.get(RegistryClient).state()).toBe('open');

    // Page: the friendly page, not an error 500
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/dang-ky').expect(200);
    const page = await agent.post('/dang-ky').type('form').send({ _csrf: csrfFromHtml(form.text), ...registration(c), passwordConfirm: 'matkhau2026' }).expect(503);
    expect(page.text).toContain(REGISTRY_UNAVAILABLE_MESSAGE);

    // Staff pages carry the banner while the circuit is open
    const staff = request.agent(t.app.getHttpServer());
    const sf = await staff.get('/dang-nhap').expect(200);
    await staff.post('/dang-nhap').type('form').send({ _csrf: csrfFromHtml(sf.text), username: 'clerk.026.ptp', password: 'MotCua@2026', next: '/tai-khoan' }).expect(303);
    expect((await staff.get('/tai-khoan').expect(200)).text).toContain('Hệ thống dữ liệu dân cư đang tạm gián đoạn');

    // Nothing was stored
    expect(await t.ds.query('SELECT 1 FROM users WHERE personal_id = $1', [c.personal_id])).toHaveLength(0);

    // The registry comes back: after the breaker's half-open delay the next call goes through
    await t.http.put('/api/v1/demo/registry-faults').set('Authorization', `Bearer ${admin}`).send({ outage: false }).expect(200);
    await new Promise((r) => setTimeout(r, 400));
    await t.http.post('/api/v1/auth/register').send(registration(c)).expect(201);
    expect(t.app.get(RegistryClient).state()).toBe('closed');
    expect((await staff.get('/tai-khoan').expect(200)).text).not.toContain('Hệ thống dữ liệu dân cư đang tạm gián đoạn');
  });

  it('times out a slow registry instead of hanging', async () => {
    const admin = await apiToken(t, 'admin.02.ubnd');
    await t.http.put('/api/v1/demo/registry-faults').set('Authorization', `Bearer ${admin}`).send({ meanLatencyMs: 5000 }).expect(200);
    const [c] = await generatedCitizens(t, 1, 11);
    const res = await t.http.post('/api/v1/auth/register').send(registration(c));
    expect(res.status).toBe(503);
    await t.http.put('/api/v1/demo/registry-faults').set('Authorization', `Bearer ${admin}`).send({ meanLatencyMs: 0 }).expect(200);
  });

  it('keeps the fault switches for administrators in demo mode', async () => {
    const clerk = await apiToken(t, 'clerk.026.ptp');
    await t.http.put('/api/v1/demo/registry-faults').set('Authorization', `Bearer ${clerk}`).send({ outage: true }).expect(403);
    await t.http.put('/api/v1/demo/registry-faults').send({ outage: true }).expect(401);
    const admin = await apiToken(t, 'admin.02.ubnd');
    await t.http.put('/api/v1/demo/registry-faults').set('Authorization', `Bearer ${admin}`).send({ failureRate: 7 }).expect(400);
  });
});
