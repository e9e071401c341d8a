import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, demoCitizens, pageSession } from '../helpers/auth';
import { insertRandomDossiers } from './random-dossiers';
import { REPORT_COLUMNS } from '../../src/reporting/report-export';
import { parseCsv } from './csv';


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

  it('exports CSV and XLSX with the same Vietnamese headers and the same numbers, matching the JSON', async () => {
    const json = (await t.http.get(`/api/v1/reports/sla?${Q}`).set('Authorization', `Bearer ${manager}`).expect(200)).body;
    // The JSON API keeps its machine fields (API.md).
    expect(Object.keys(json.total)).toEqual(expect.arrayContaining(FIELDS));
    const csv = await t.http.get(`/api/v1/reports/sla.csv?${Q}`).set('Authorization', `Bearer ${manager}`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const csvRows = parseCsv(csv.text.replace(/^\uFEFF/, ''));

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
    const width = REPORT_COLUMNS.length + 3;
    // The table starts at the header row "STT" (rows 4–5) and ends at the total row.
    const xlsxRows: string[][] = [];
    let started = false;
    ws.eachRow({ includeEmpty: false }, (row) => {
      if (row.getCell(1).value === 'STT') started = true;
      if (!started || xlsxRows.length === csvRows.length) return;
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const v = row.getCell(c).value;
        cells.push(v === null || v === undefined ? '' : String(v));
      }
      xlsxRows.push(cells);
    });

    // Same headers (two rows: groups, columns), Vietnamese, and every cell the same.
    expect(csvRows[0]).toEqual(['STT', 'Mã', 'Cơ quan', ...REPORT_COLUMNS.map((c) => c.group)]);
    expect(csvRows[1]).toEqual(['STT', 'Mã', 'Cơ quan', ...REPORT_COLUMNS.map((c) => c.label)]);
    for (const h of csvRows[1]) expect(h).not.toMatch(/^[a-z]+[A-Z]/);
    expect(csvRows.length).toBe(json.rows.length + 3);
    expect(xlsxRows.length).toBe(csvRows.length);
    for (let r = 0; r < csvRows.length; r++) {
      expect(csvRows[r].length).toBe(width);
      for (let c = 0; c < width; c++) {
        const [a, b] = [csvRows[r][c], xlsxRows[r][c]];
        if (r >= 2 && c >= 3 && a !== '') expect({ r, c, v: Number(a) }).toEqual({ r, c, v: Number(b) });
        else expect({ r, c, v: a }).toEqual({ r, c, v: b });
      }
    }

    // …and the numbers are the JSON's: counts as they are, the on-time rate in percent (0.75 → 75).
    const total = csvRows[csvRows.length - 1];
    expect(total[2]).toBe('Tổng cộng');
    const col = (key: string) => 3 + REPORT_COLUMNS.findIndex((c) => c.key === key);
    for (const f of NUMS) expect(Number(total[col(f)])).toBe(json.total[f]);
    if (json.total.onTimeRate === null) expect(total[col('onTimeRate')]).toBe('');
    else expect(Number(total[col('onTimeRate')])).toBeCloseTo(json.total.onTimeRate * 100, 1);
    json.rows.forEach((row: Record<string, unknown>, i: number) => {
      expect(csvRows[2 + i][1]).toBe(row.key);
      expect(Number(csvRows[2 + i][col('carriedOver')])).toBe(row.carriedOver);
    });
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
