/**
 * Issue 10, item 1: administrators are scoped like everyone else. They administer within their
 * agency's subtree and read aggregate reports of it, but never read or list dossiers, deliveries
 * or results; partner clients are created by province administrators only and read only the
 * agencies they are registered for. Every denial is logged.
 */
import { bootApp, type TestApp } from '../helpers/app';
import { Clock } from '../../src/common/clock';
import { at, citizens, makeDossier, token, type Citizen } from '../workflow/factory';

const BIRTH = '1.001193'; // Đăng ký khai sinh — commune justice desk

describe('administrators and partner clients are scoped by the one policy', () => {
  let t: TestApp;
  let citizen: Citizen;
  /** Commune 00715 (district 026), approved with a signed result. */
  let inDistrict: { code: string; resultFileId: string };
  /** Commune 00769 (district 027, Mèo Vạc). */
  let otherDistrict: string;

  const bearer = async (u: string) => `Bearer ${await token(t, u)}`;
  const act = async (username: string, code: string, body: Record<string, unknown>) => {
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    const res = await t.http
      .post(`/api/v1/dossiers/${code}/actions`)
      .set('Authorization', await bearer(username))
      .send({ expectedVersion: row.version, ...body });
    if (res.status !== 200) throw new Error(`${String(body.action)} by ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const denials = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int AS n FROM denial_log'))[0].n;
  /** Runs `fn` and checks that it wrote exactly one denial row. */
  const deniedOnce = async (fn: () => Promise<unknown>) => {
    const before = await denials();
    await fn();
    expect(await denials()).toBe(before + 1);
  };

  beforeAll(async () => {
    t = await bootApp();
    [citizen] = await citizens(t.ds, 1);
    const clock = t.app.get(Clock);
    clock.set(at('2026-11-23 09:00'));
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: '00715.TPHT', citizen });
    await act('clerk.00715.tpht', d.code, { action: 'receive' });
    await act('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    await act('specialist.00715.tpht', d.code, { action: 'propose' });
    const approved = await act('leader.00715.tpht', d.code, { action: 'approve' });
    clock.set(null);
    inDistrict = { code: d.code, resultFileId: approved.resultFileId };
    otherDistrict = (await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: '00769.TPHT', citizen })).code;
    const ward = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: '00688.TPHT', citizen });
    await act('clerk.00688.tpht', ward.code, { action: 'receive' });
    expect(inDistrict.resultFileId).toBeTruthy();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a ward administrator', () => {
    const ADMIN = 'admin.00688.tpht';

    it('cannot create, list or disable partner clients, nor read the partner audit (403, logged)', async () => {
      const a = await bearer(ADMIN);
      await deniedOnce(async () => {
        const res = await t.http
          .post('/api/v1/admin/partner-clients')
          .set('Authorization', a)
          .send({ name: 'Hệ thống của phường', scopes: ['dossiers:read', 'results:read'], agencyCodes: ['00688.TPHT'] })
          .expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, message: expect.any(String) });
      });
      await deniedOnce(() => t.http.get('/api/v1/admin/partner-clients').set('Authorization', a).expect(403));
      await deniedOnce(() => t.http.get('/api/v1/admin/partner-clients/audit').set('Authorization', a).expect(403));
      await deniedOnce(() => t.http.post('/api/v1/admin/partner-clients/lgsp-demo/disable').set('Authorization', a).expect(403));
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM partner_clients WHERE name = 'Hệ thống của phường'`);
      expect(n).toBe(0);
    });

    it('cannot list dossiers, with or without an agency filter (403, logged)', async () => {
      const a = await bearer(ADMIN);
      for (const q of ['', '?agencyCode=02.STP', '?agencyCode=00688.TPHT', '?status=SUBMITTED']) {
        await deniedOnce(() => t.http.get(`/api/v1/dossiers${q}`).set('Authorization', a).expect(403));
      }
    });

    it("cannot read another agency's dossier, its deliveries, slips, result or registry data (404, logged)", async () => {
      const a = await bearer(ADMIN);
      // The registry read is closed to administrators by role (403); the rest hide the dossier (404).
      for (const [path, status] of [
        [`/api/v1/dossiers/${inDistrict.code}`, 404],
        [`/api/v1/dossiers/${inDistrict.code}/deliveries`, 404],
        [`/api/v1/dossiers/${inDistrict.code}/slips/tiep-nhan.pdf`, 404],
        [`/api/v1/files/${inDistrict.resultFileId}`, 404],
        [`/api/v1/dossiers/${inDistrict.code}/registry/${citizen.personalId}`, 403],
      ] as const) {
        await deniedOnce(async () => {
          const res = await t.http.get(path).set('Authorization', a);
          expect([path, res.status]).toEqual([path, status]);
        });
      }
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM access_log WHERE dossier_code = $1', [inDistrict.code]);
      expect(n).toBe(0);
    });

    it('cannot read the outbox, sync states or the demo stubs (province administration, 403)', async () => {
      const a = await bearer(ADMIN);
      await deniedOnce(() => t.http.get('/api/v1/admin/outbox').set('Authorization', a).expect(403));
      await deniedOnce(() => t.http.get('/api/v1/admin/outbox/problems').set('Authorization', a).expect(403));
      await deniedOnce(() => t.http.get(`/api/v1/admin/dossiers/${inDistrict.code}/sync`).set('Authorization', a).expect(403));
      await deniedOnce(() => t.http.get('/stubs/smtp-catcher/messages').set('Authorization', a).expect(403));
    });

    it('reads aggregate reports of its own subtree only', async () => {
      const a = await bearer(ADMIN);
      const own = await t.http.get('/api/v1/reports/sla').query({ from: '2026-01-01', to: '2026-12-31' }).set('Authorization', a).expect(200);
      expect(own.body.rows.map((r: { key: string }) => r.key)).toEqual(['00688.TPHT']);
      expect(own.body.total.receivedOnline).toBe(1);
      await deniedOnce(() => t.http.get('/api/v1/reports/sla').query({ from: '2026-01-01', to: '2026-12-31', agencyCode: '02.STP' }).set('Authorization', a).expect(403));
    });
  });

  describe('the administrator of the agency holding the dossier', () => {
    it('does not read it either: admins administer, they do not process', async () => {
      const a = await bearer('admin.00715.tpht');
      await deniedOnce(() => t.http.get(`/api/v1/dossiers/${inDistrict.code}`).set('Authorization', a).expect(404));
      await deniedOnce(() => t.http.get(`/api/v1/files/${inDistrict.resultFileId}`).set('Authorization', a).expect(404));
      await deniedOnce(() => t.http.get('/api/v1/dossiers?agencyCode=00715.TPHT').set('Authorization', a).expect(403));
    });
  });

  describe('a province administrator', () => {
    it('sees aggregates but no dossier lists on the dashboard, and no drill-down to dossiers', async () => {
      const a = await bearer('admin.02.ubnd');
      const page = await t.http.get('/quan-ly').set('Authorization', a).expect(200);
      expect(page.text).not.toContain('data-testid="overdue-table"');
      expect(page.text).not.toContain('/quan-ly/ho-so');
      await deniedOnce(() => t.http.get(`/quan-ly/ho-so/${inDistrict.code}`).set('Authorization', a).expect(404));
      await deniedOnce(() => t.http.get(`/quan-ly/ho-so?procedureCode=${BIRTH}`).set('Authorization', a).expect(403));
    });

    it('cannot register a partner client for an agency that does not exist, nor with scopes the province does not grant', async () => {
      const a = await bearer('admin.02.ubnd');
      await t.http.post('/api/v1/admin/partner-clients').set('Authorization', a).send({ name: 'x', scopes: ['dossiers:read'], agencyCodes: ['99.KHONG'] }).expect(422);
      await t.http.post('/api/v1/admin/partner-clients').set('Authorization', a).send({ name: 'x', scopes: ['dossiers:read'], agencyCodes: [] }).expect(400);
    });

    it("registers a partner client for one district, which then reads only that district's dossiers", async () => {
      const a = await bearer('admin.02.ubnd');
      const created = await t.http
        .post('/api/v1/admin/partner-clients')
        .set('Authorization', a)
        .send({ name: 'Hệ thống huyện Đồng Văn', scopes: ['dossiers:read', 'results:read', 'statistics:read'], agencyCodes: ['026.UBND'] })
        .expect(201);
      expect(created.body.agencyCodes).toEqual(['026.UBND']);
      const tok = (await t.http.post('/api/v1/partner/token').send({ clientId: created.body.clientId, clientSecret: created.body.clientSecret }).expect(200)).body.accessToken;
      const p = `Bearer ${tok}`;

      const mine = await t.http.get(`/api/v1/partner/dossiers/${inDistrict.code}`).set('Authorization', p).expect(200);
      expect(mine.body).toMatchObject({ code: inDistrict.code, agencyCode: '00715.TPHT', status: 'RESULT_READY' });
      const pdf = await t.http.get(`/api/v1/partner/dossiers/${inDistrict.code}/result`).set('Authorization', p).expect(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');

      await deniedOnce(() => t.http.get(`/api/v1/partner/dossiers/${otherDistrict}`).set('Authorization', p).expect(404));
      await deniedOnce(() => t.http.get(`/api/v1/partner/dossiers/${otherDistrict}/result`).set('Authorization', p).expect(404));
      await deniedOnce(() => t.http.get('/api/v1/partner/statistics').query({ agencyCode: '027.PTP' }).set('Authorization', p).expect(403));
      const [row] = await t.ds.query(`SELECT role, action, resource, reason FROM denial_log WHERE role = 'PARTNER' AND resource = $1`, [`dossier:${otherDistrict}`]);
      expect(row).toMatchObject({ action: 'partner.dossier.read', reason: expect.stringContaining(created.body.clientId) });

      const stats = await t.http.get('/api/v1/partner/statistics').query({ from: '2026-01-01', to: '2026-12-31' }).set('Authorization', p).expect(200);
      const agencies: string[] = stats.body.items.map((i: { agencyCode: string }) => i.agencyCode);
      expect(agencies).toContain('00715.TPHT');
      expect(agencies).not.toContain('00769.TPHT');
    });

    it('reads the partner audit log', async () => {
      const a = await bearer('admin.02.ubnd');
      const log = await t.http.get('/api/v1/admin/partner-clients/audit').set('Authorization', a).expect(200);
      expect(log.body.length).toBeGreaterThan(0);
    });
  });
});
