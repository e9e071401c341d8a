import { randomUUID } from 'node:crypto';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, demoCitizens, pageSession } from '../helpers/auth';

describe('Access log, authorization on real routes, staff administration', () => {
  let t: TestApp;
  const citizen = demoCitizens()[0];
  const code = '026.PTP-261122-9001';
  beforeAll(async () => {
    t = await bootApp();
    await t.ds.query(
      `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code,
         province_code, channel, status, applicant_personal_id, applicant_name, submitted_at)
       VALUES ($1, $2, 'TEST-1', 'tu-phap', '026.PTP', '026.PTP', 'DISTRICT', '026', '02', 'ONLINE', 'SUBMITTED', $3, $4, now())`,
      [code, randomUUID(), citizen.personalId, citizen.fullName],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('who looked at my data', () => {
    it('logs a staff read of the registry for a dossier of their agency and shows it to the citizen', async () => {
      const clerk = await apiToken(t, 'specialist.026.ptp');
      const res = await t.http.get(`/api/v1/dossiers/${code}/registry/${citizen.personalId}`).set('Authorization', `Bearer ${clerk}`).expect(200);
      expect(res.body).toMatchObject({ personalId: citizen.personalId, fullName: citizen.fullName });

      const me = await apiToken(t, citizen.personalId);
      const log = await t.http.get('/api/v1/me/access-log').set('Authorization', `Bearer ${me}`).expect(200);
      expect(log.body.total).toBe(1);
      expect(log.body.items[0]).toMatchObject({ agencyCode: '026.PTP', what: expect.stringContaining(code), staffName: expect.any(String), at: expect.any(String) });

      const page = await pageSession(t, citizen.personalId);
      const html = (await page.get('/tai-khoan/truy-cap').expect(200)).text;
      expect(html).toContain(log.body.items[0].staffName);
      expect(html).toContain('Phòng Tư pháp huyện Đồng Văn');
    });

    it("hides another agency's dossier (404), logs the denial, and writes nothing to the citizen's log", async () => {
      const other = await apiToken(t, 'clerk.027.ptp');
      await t.http.get(`/api/v1/dossiers/${code}/registry/${citizen.personalId}`).set('Authorization', `Bearer ${other}`).expect(404);
      const denials = await t.ds.query(`SELECT role, action, resource FROM denial_log WHERE resource = $1`, [`dossier:${code}`]);
      expect(denials).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'CLERK', action: 'dossier.read' })]));
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM access_log WHERE citizen_personal_id = $1', [citizen.personalId]);
      expect(n).toBe(1);
    });

    it('lets a district manager read for a commune-level dossier below, but not an admin', async () => {
      const manager = await apiToken(t, 'manager.026.ubnd');
      await t.http.get(`/api/v1/dossiers/${code}/registry/${citizen.personalId}`).set('Authorization', `Bearer ${manager}`).expect(200);
      const admin = await apiToken(t, 'admin.02.ubnd');
      await t.http.get(`/api/v1/dossiers/${code}/registry/${citizen.personalId}`).set('Authorization', `Bearer ${admin}`).expect(403);
    });

    it('only reads records of the dossier’s own applicant', async () => {
      const clerk = await apiToken(t, 'clerk.026.ptp');
      await t.http.get(`/api/v1/dossiers/${code}/registry/${demoCitizens()[3].personalId}`).set('Authorization', `Bearer ${clerk}`).expect(404);
    });

    it('keeps the access log for citizens only', async () => {
      const clerk = await apiToken(t, 'clerk.026.ptp');
      await t.http.get('/api/v1/me/access-log').set('Authorization', `Bearer ${clerk}`).expect(403);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM denial_log WHERE action LIKE 'route:%' AND role = 'CLERK'`);
      expect(n).toBeGreaterThanOrEqual(1);
    });

    it('gives a citizen their own registry record', async () => {
      const me = await apiToken(t, citizen.personalId);
      const res = await t.http.get('/api/v1/me/registry').set('Authorization', `Bearer ${me}`).expect(200);
      expect(res.body.household.members.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('staff administration', () => {
    it("a district admin sees only the district's staff and its communes'", async () => {
      const admin = await apiToken(t, 'admin.026.ubnd');
      const res = await t.http.get('/api/v1/admin/staff?q=clerk.').set('Authorization', `Bearer ${admin}`).expect(200);
      const codes = new Set(res.body.items.map((i: { agencyCode: string }) => i.agencyCode.split('.')[0]));
      expect(codes.has('026')).toBe(true);
      expect(codes.has('02')).toBe(false);
      expect(codes.has('027')).toBe(false);
      await t.http.get('/api/v1/admin/staff?agencyCode=02.STP').set('Authorization', `Bearer ${admin}`).expect(403);
    });

    it('creates, disables, re-enables and resets a staff account within scope', async () => {
      const admin = await apiToken(t, 'admin.026.ubnd');
      const created = await t.http
        .post('/api/v1/admin/staff')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username: 'NguyenLan.026.PTP', fullName: 'Nguyễn Thị Lan', role: 'CLERK', agencyCode: '026.PTP', password: 'matkhau2026' })
        .expect(201);
      expect(created.body).toMatchObject({ username: 'nguyenlan.026.ptp', role: 'CLERK', agencyCode: '026.PTP' });
      await t.http
        .post('/api/v1/admin/staff')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username: 'nguyenlan.026.ptp', fullName: 'Nguyễn Thị Lan', role: 'CLERK', agencyCode: '026.PTP', password: 'matkhau2026' })
        .expect(409);
      await t.http
        .post('/api/v1/admin/staff')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username: 'x.02.stp', fullName: 'Trần Văn X', role: 'CLERK', agencyCode: '02.STP', password: 'matkhau2026' })
        .expect(403);
      await t.http
        .post('/api/v1/admin/staff')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username: '002094990001', fullName: '<b>x</b>', role: 'ROOT', agencyCode: "026.PTP'--", password: 'x' })
        .expect(400);

      const staffToken = await apiToken(t, 'nguyenlan.026.ptp', 'matkhau2026');
      const session = await pageSession(t, 'nguyenlan.026.ptp', 'matkhau2026');
      await t.http.post(`/api/v1/admin/staff/${created.body.id}/disable`).set('Authorization', `Bearer ${admin}`).expect(204);
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${staffToken}`).expect(401);
      await session.get('/tai-khoan').expect(302);
      await t.http.post('/api/v1/auth/login').send({ username: 'nguyenlan.026.ptp', password: 'matkhau2026' }).expect(401);

      await t.http.post(`/api/v1/admin/staff/${created.body.id}/enable`).set('Authorization', `Bearer ${admin}`).expect(204);
      const reset = await t.http.post(`/api/v1/admin/staff/${created.body.id}/reset-password`).set('Authorization', `Bearer ${admin}`).expect(200);
      await t.http.post('/api/v1/auth/login').send({ username: 'nguyenlan.026.ptp', password: 'matkhau2026' }).expect(401);
      await apiToken(t, 'nguyenlan.026.ptp', reset.body.temporaryPassword);

      // another district's admin may not touch it
      const other = await apiToken(t, 'admin.027.ubnd');
      await t.http.post(`/api/v1/admin/staff/${created.body.id}/disable`).set('Authorization', `Bearer ${other}`).expect(403);
    });

    it('serves the admin pages to admins only, with CSRF-protected forms', async () => {
      const admin = await pageSession(t, 'admin.02.ubnd');
      const list = await admin.get('/quan-tri/can-bo?agencyCode=00715.TPHT').expect(200);
      expect(list.text).toContain('specialist.00715.tpht');
      await admin.get('/quan-tri/can-bo/moi').expect(200);
      const bad = await admin.post('/quan-tri/can-bo').type('form').send({ _csrf: admin.csrf(), username: 'a', fullName: '', role: 'CLERK', agencyCode: '', password: '1' }).expect(400);
      expect(bad.text).toContain('Vui lòng kiểm tra lại thông tin');
      await admin
        .post('/quan-tri/can-bo')
        .type('form')
        .send({ _csrf: admin.csrf(), username: 'tranmai.00715.tpht', fullName: 'Trần Thị Mai', role: 'SPECIALIST', agencyCode: '00715.TPHT', password: 'matkhau2026' })
        .expect(303);
      await admin.post('/quan-tri/can-bo').type('form').send({ username: 'nocsrf.00715.tpht', fullName: 'Không Có', role: 'CLERK', agencyCode: '00715.TPHT', password: 'matkhau2026' }).expect(403);
      expect(await t.ds.query(`SELECT 1 FROM users WHERE username = 'nocsrf.00715.tpht'`)).toHaveLength(0);
      const clerk = await pageSession(t, 'clerk.00715.ubnd');
      await clerk.get('/quan-tri/can-bo').expect(403);
    });
  });

  describe('password change', () => {
    it('changes the password through the page and revokes older tokens', async () => {
      const c = demoCitizens()[4];
      const oldToken = await apiToken(t, c.personalId);
      const s = await pageSession(t, c.personalId);
      const wrong = await s.post('/tai-khoan/mat-khau').type('form').send({ _csrf: s.csrf(), currentPassword: 'sai', newPassword: 'moi2026abc', newPasswordConfirm: 'moi2026abc' }).expect(400);
      expect(wrong.text).toContain('Mật khẩu hiện tại không đúng');
      const ok = await s.post('/tai-khoan/mat-khau').type('form').send({ _csrf: s.csrf(), currentPassword: 'CongDan@2026', newPassword: 'moi2026abc', newPasswordConfirm: 'moi2026abc' }).expect(303);
      expect(ok.headers.location).toBe('/tai-khoan?doi-mat-khau=1');
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${oldToken}`).expect(401);
      await apiToken(t, c.personalId, 'moi2026abc');
    });
  });
});
