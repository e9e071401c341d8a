import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, demoCitizens, pageSession } from '../helpers/auth';
import { insertRandomDossiers } from './random-dossiers';

const FIELDS = ['key', 'name', 'carriedOver', 'receivedOnline', 'receivedCounter', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate',
  'inProgressWithinDeadline', 'inProgressOverdue', 'refused', 'withdrawn', 'onTimeRate'];
const NUMS = FIELDS.slice(2, 12);
const Q = 'from=2024-03-01&to=2025-02-28';

describe('Reports API, exports, dashboard, transparency and satisfaction', () => {
  let t: TestApp;
  let manager: string;
  let admin: string;
  let district: string[];

  beforeAll(async () => {
    t = await bootApp();
    const rows: { code: string }[] = await t.ds.query(`SELECT code FROM agencies WHERE district_code = '026' OR code LIKE '024.%' OR code LIKE '02.%' ORDER BY code`);
    district = rows.map((r) => r.code).filter((c) => !c.startsWith('024.') && !c.startsWith('02.'));
    await insertRandomDossiers(t.ds, 600, [...district.filter((_, i) => i % 3 === 0), '024.UBND', '02.STP'], 77);
    manager = await apiToken(t, 'manager.026.ubnd');
    admin = await apiToken(t, 'admin.02.ubnd');
  }, 300_000);

  afterAll(async () => {
    await t?.ds.query(`DELETE FROM satisfaction_ratings WHERE dossier_code LIKE 'T-RATE-%'`);
    await t?.ds.query(`DELETE FROM dossiers WHERE code LIKE 'T-77-%' OR code LIKE 'T-RATE-%'`);
    await t?.close();
  });

  it('gives a district manager the rows of their district with exactly the contract fields, and a total', async () => {
    for (const groupBy of ['agency', 'procedure', 'level', 'sector']) {
      const res = await t.http.get(`/api/v1/reports/sla?${Q}&groupBy=${groupBy}`).set('Authorization', `Bearer ${manager}`).expect(200);
      expect(res.body.rows.length).toBeGreaterThan(0);
      for (const row of [...res.body.rows, res.body.total]) expect(Object.keys(row).sort()).toEqual([...FIELDS].sort());
      for (const f of NUMS) expect(res.body.total[f]).toBe(res.body.rows.reduce((s: number, r: Record<string, number>) => s + r[f], 0));
      if (groupBy === 'agency') for (const r of res.body.rows) expect(district).toContain(r.key);
    }
  });

  it('lets admins see everything and keeps managers to their scope', async () => {
    const all = await t.http.get(`/api/v1/reports/sla?${Q}`).set('Authorization', `Bearer ${admin}`).expect(200);
    const mine = await t.http.get(`/api/v1/reports/sla?${Q}`).set('Authorization', `Bearer ${manager}`).expect(200);
    expect(all.body.total.receivedOnline + all.body.total.receivedCounter).toBeGreaterThan(mine.body.total.receivedOnline + mine.body.total.receivedCounter);
    expect(all.body.rows.map((r: { key: string }) => r.key)).toContain('024.UBND');
    await t.http.get(`/api/v1/reports/sla?${Q}&agencyCode=024.UBND`).set('Authorization', `Bearer ${manager}`).expect(403);
    const commune = district.find((c) => /^\d{5}\.UBND$/.test(c))!;
    const sub = await t.http.get(`/api/v1/reports/sla?${Q}&agencyCode=${commune}`).set('Authorization', `Bearer ${manager}`).expect(200);
    for (const r of sub.body.rows) expect(r.key.startsWith(commune.split('.')[0])).toBe(true);
  });

  it('answers 400, 401, 403 and 404 as the API contract says', async () => {
    const bad = await t.http.get('/api/v1/reports/sla?from=2025-13-01').set('Authorization', `Bearer ${manager}`).expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    await t.http.get('/api/v1/reports/sla?from=2025-05-01&to=2025-04-01').set('Authorization', `Bearer ${manager}`).expect(400);
    await t.http.get('/api/v1/reports/sla?groupBy=district').set('Authorization', `Bearer ${manager}`).expect(400);
    await t.http.get('/api/v1/reports/sla?agencyCode=99.NOPE').set('Authorization', `Bearer ${manager}`).expect(404);
    await t.http.get('/api/v1/reports/sla').expect(401);
    const clerk = await apiToken(t, 'clerk.026.ptp');
    await t.http.get('/api/v1/reports/sla').set('Authorization', `Bearer ${clerk}`).expect(403);
    await t.http.get('/api/v1/reports/sla.xlsx').set('Authorization', `Bearer ${clerk}`).expect(403);
  });

  it('exports CSV and XLSX with the same figures as the JSON', async () => {
    const json = (await t.http.get(`/api/v1/reports/sla?${Q}`).set('Authorization', `Bearer ${manager}`).expect(200)).body;
    const csv = await t.http.get(`/api/v1/reports/sla.csv?${Q}`).set('Authorization', `Bearer ${manager}`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    const header = lines[0].split(',');
    expect(header).toEqual(FIELDS);
    const totalLine = lines[lines.length - 1].split(',');
    expect(totalLine[0]).toBe('TOTAL');
    for (const f of NUMS) expect(Number(totalLine[header.indexOf(f)])).toBe(json.total[f]);
    expect(lines.length).toBe(json.rows.length + 2);

    const x = await t.http.get(`/api/v1/reports/sla.xlsx?${Q}`).set('Authorization', `Bearer ${manager}`).buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as Buffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'TOTAL') total = row;
    });
    expect(total).toBeDefined();
    // columns: STT, Mã, name, totalToResolve, carriedOver, receivedOnline, receivedCounter, resolved, early, onTime, late, inProgress, within, overdue, refused, withdrawn, rate
    const v = (c: number) => Number(total!.getCell(c).value);
    expect(v(5)).toBe(json.total.carriedOver);
    expect(v(6)).toBe(json.total.receivedOnline);
    expect(v(7)).toBe(json.total.receivedCounter);
    expect(v(9)).toBe(json.total.resolvedEarly);
    expect(v(10)).toBe(json.total.resolvedOnTime);
    expect(v(11)).toBe(json.total.resolvedLate);
    expect(v(13)).toBe(json.total.inProgressWithinDeadline);
    expect(v(14)).toBe(json.total.inProgressOverdue);
    expect(v(15)).toBe(json.total.refused);
    expect(v(16)).toBe(json.total.withdrawn);
  });

  it('renders the dashboard and the printable report for a manager, without inline styles', async () => {
    const agent = await pageSession(t, 'manager.026.ubnd');
    const page = await agent.get(`/quan-ly?${Q}`).expect(200);
    expect(page.text).toContain('Theo dõi giải quyết hồ sơ');
    expect(page.text).toContain('<svg');
    expect(page.text).not.toMatch(/\sstyle=/);
    expect(page.text).toContain('Cách tính số liệu');
    const print = await agent.get(`/quan-ly/bao-cao?${Q}`).expect(200);
    expect(print.text).toContain('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    // drill-down to dossiers of one procedure, then one dossier; a dossier outside the scope stays invisible
    const list = await agent.get(`/quan-ly/ho-so?${Q}&agencyCode=026.UBND&procedureCode=T.1`).expect(200);
    const codes = [...list.text.matchAll(/href="\/quan-ly\/ho-so\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));
    expect(codes.length).toBeGreaterThan(0);
    const [inScope] = await t.ds.query(`SELECT agency_code FROM dossiers WHERE code = $1`, [codes[0]]);
    expect(district).toContain(inScope.agency_code);
    await agent.get(`/quan-ly/ho-so/${encodeURIComponent(codes[0])}`).expect(200);
    // (held, received and staged outside the district: no agency of it is entitled)
    const [outside] = await t.ds.query(`SELECT code FROM dossiers d WHERE agency_code = '024.UBND' AND receiving_agency_code = '024.UBND'
        AND NOT EXISTS (SELECT 1 FROM dossier_stages s WHERE s.dossier_id = d.id AND s.agency_code <> '024.UBND') LIMIT 1`);
    await agent.get(`/quan-ly/ho-so/${encodeURIComponent(outside.code)}`).expect(404);
    const anon = await t.http.get('/quan-ly');
    expect([302, 303]).toContain(anon.status);
  });

  it('publishes the transparency page and open data without sign-in', async () => {
    const page = await t.http.get('/cong-khai').expect(200);
    expect(page.text).toContain('Chỉ số chất lượng phục vụ');
    expect(page.text).toContain('cach-tinh-so-hoa');
    const json = await t.http.get('/cong-khai/du-lieu.json?by=sector').expect(200);
    expect(json.body.rows.length).toBeGreaterThan(0);
    expect(json.body.rows[0]).toHaveProperty('onTimeRate');
    const csv = await t.http.get('/cong-khai/du-lieu.csv').expect(200);
    expect(csv.text).toContain('satisfactionRate');
    const bad = await t.http.get('/cong-khai/du-lieu.json?by=nope').expect(400).expect('Content-Type', /json/);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('lets a citizen rate a returned dossier once, and feeds the rollup', async () => {
    const citizen = demoCitizens()[0];
    const [user] = await t.ds.query(`SELECT id FROM users WHERE username = $1`, [citizen.personalId]);
    const mk = async (status: string) => {
      const code = `T-RATE-${randomUUID().slice(0, 8)}`;
      await t.ds.query(
        `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, province_code, channel, status,
           applicant_user_id, applicant_personal_id, applicant_name, submitted_at, received_at, completed_at, due_at, timeliness)
         VALUES ($1, gen_random_uuid(), 'T.0', 'S0', '026.PTP', '026.PTP', 'DISTRICT', '02', 'ONLINE', $2::varchar, $3, $4, 'Công dân', now() - interval '3 days',
           now() - interval '3 days', CASE WHEN $2::varchar = 'RETURNED' THEN now() ELSE NULL END, now() + interval '1 day', CASE WHEN $2::varchar = 'RETURNED' THEN 'EARLY' END)`,
        [code, status, user.id, citizen.personalId],
      );
      return code;
    };
    const returned = await mk('RETURNED');
    const open = await mk('IN_PROGRESS');
    const token = await apiToken(t, citizen.personalId);
    const before = await t.ds.query(`SELECT COALESCE(SUM(very_satisfied), 0)::int AS n FROM satisfaction_rollup WHERE agency_code = '026.PTP'`);
    await t.http.post(`/api/v1/dossiers/${returned}/satisfaction`).set('Authorization', `Bearer ${token}`).send({ rating: 'BAD' }).expect(422);
    const ok = await t.http.post(`/api/v1/dossiers/${returned}/satisfaction`).set('Authorization', `Bearer ${token}`).send({ rating: 'VERY_SATISFIED', comment: 'Nhanh, chu đáo' }).expect(201);
    expect(ok.body.rating).toMatchObject({ rating: 'VERY_SATISFIED', comment: 'Nhanh, chu đáo' });
    await t.http.post(`/api/v1/dossiers/${returned}/satisfaction`).set('Authorization', `Bearer ${token}`).send({ rating: 'SATISFIED' }).expect(409);
    await t.http.post(`/api/v1/dossiers/${open}/satisfaction`).set('Authorization', `Bearer ${token}`).send({ rating: 'SATISFIED' }).expect(422);
    const other = await apiToken(t, demoCitizens()[1].personalId);
    await t.http.post(`/api/v1/dossiers/${returned}/satisfaction`).set('Authorization', `Bearer ${other}`).send({ rating: 'SATISFIED' }).expect(404);
    const after = await t.ds.query(`SELECT COALESCE(SUM(very_satisfied), 0)::int AS n FROM satisfaction_rollup WHERE agency_code = '026.PTP'`);
    expect(after[0].n).toBe(before[0].n + 1);
    // the page form
    const agent = await pageSession(t, citizen.personalId);
    const form = await agent.get(`/danh-gia/${returned}`).expect(200);
    expect(form.text).toContain('Rất hài lòng');
  });
});
