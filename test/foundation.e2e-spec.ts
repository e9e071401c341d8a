import { bootApp, type TestApp } from './helpers/app';
import { pendingSchemaChanges } from '../src/database/schema-drift';
import { runSeeds } from '../src/database/seed-runner';
import { provinceUnits } from '../src/units/units.seed';
import { SEEDS } from '../src/seeds';

describe('Portal foundation (real app, real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('health', () => {
    it('is live', async () => {
      const res = await t.http.get('/health/live').expect(200);
      expect(res.body.status).toBe('ok');
    });
    it('is ready once migrated', async () => {
      const res = await t.http.get('/health/ready').expect(200);
      expect(res.body).toMatchObject({ database: 'up', migrations: 'applied' });
    });
  });

  describe('schema', () => {
    it('entities and migrations do not drift', async () => {
      const { up } = await pendingSchemaChanges(t.ds);
      expect(up).toEqual([]);
    });
    it('synchronize is off', () => {
      expect(t.ds.options.synchronize).toBe(false);
    });
  });

  describe('administrative units and agencies', () => {
    it('lists the 11 districts of Hà Giang', async () => {
      const res = await t.http.get('/api/v1/units?parentCode=02').expect(200);
      expect(res.body).toHaveLength(11);
      expect(res.body[0]).toEqual(
        expect.objectContaining({ code: expect.any(String), name: expect.any(String), type: expect.any(String), level: 'DISTRICT', parentCode: '02' }),
      );
      expect(res.body.map((u: { name: string }) => u.name)).toContain('Huyện Đồng Văn');
    });
    it('holds 193 communes of the province', async () => {
      const res = await t.http.get('/api/v1/units?level=COMMUNE').expect(200);
      expect(res.body).toHaveLength(193);
    });
    it('rejects an unknown level with the API error shape', async () => {
      const res = await t.http.get('/api/v1/units?level=FOO').expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
      expect(res.body.details[0].field).toBe('level');
    });
    it('lists agencies of a unit with readable codes', async () => {
      const res = await t.http.get('/api/v1/agencies?unitCode=026').expect(200);
      const codes = res.body.map((a: { code: string }) => a.code);
      expect(codes).toEqual(expect.arrayContaining(['026.UBND', '026.PTP', '026.PTNMT', '026.PLDTBXH']));
      expect(res.body.find((a: { code: string }) => a.code === '026.PTP').name).toBe('Phòng Tư pháp huyện Đồng Văn');
    });
    it('seeds the province departments', async () => {
      const res = await t.http.get('/api/v1/agencies?level=PROVINCE').expect(200);
      const kinds = res.body.map((a: { kind: string }) => a.kind);
      for (const k of ['PEOPLES_COMMITTEE', 'JUSTICE', 'PLANNING_INVESTMENT', 'CONSTRUCTION', 'NATURAL_RESOURCES', 'TRANSPORT', 'LABOUR', 'HEALTH', 'EDUCATION', 'INDUSTRY_TRADE']) {
        expect(kinds).toContain(k);
      }
    });
    it('gives every commune a People\'s Committee', async () => {
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM administrative_units u
          WHERE u.level = 'COMMUNE' AND NOT EXISTS (SELECT 1 FROM agencies a WHERE a.unit_code = u.code AND a.kind = 'PEOPLES_COMMITTEE')`,
      );
      expect(n).toBe(0);
    });
  });

  describe('procedure catalog', () => {
    it('lists at least 60 procedures over 3 levels and 10 sectors', async () => {
      const res = await t.http.get('/api/v1/procedures?pageSize=100').expect(200);
      expect(res.body.total).toBeGreaterThanOrEqual(60);
      expect(res.body.items.length).toBeGreaterThanOrEqual(60);
      expect(new Set(res.body.items.map((p: { level: string }) => p.level))).toEqual(new Set(['PROVINCE', 'DISTRICT', 'COMMUNE']));
      expect(new Set(res.body.items.map((p: { sector: string }) => p.sector)).size).toBeGreaterThanOrEqual(10);
      const item = res.body.items[0];
      expect(item).toEqual(
        expect.objectContaining({
          code: expect.any(String),
          name: expect.any(String),
          sector: expect.any(String),
          level: expect.any(String),
          processingTime: { value: expect.any(Number), unit: expect.stringMatching(/^WORKING_(DAY|HOUR)$/) },
          fee: { amount: expect.any(Number), description: expect.any(String) },
          onlineLevel: expect.stringMatching(/^(FULL|PARTIAL)$/),
        }),
      );
    });

    it.each(['dang ky khai sinh', 'khai sinh', 'KHAI SINH', 'Đăng ký khai sinh', 'đăng kí khai sinh'])(
      'q=%s ranks birth registration first',
      async (q) => {
        const res = await t.http.get('/api/v1/procedures').query({ q }).expect(200);
        expect(res.body.items[0].name).toBe('Đăng ký khai sinh');
      },
    );

    it('paginates', async () => {
      const p1 = await t.http.get('/api/v1/procedures?pageSize=5&page=1').expect(200);
      const p2 = await t.http.get('/api/v1/procedures?pageSize=5&page=2').expect(200);
      expect(p1.body.items).toHaveLength(5);
      expect(p1.body.page).toBe(1);
      expect(p2.body.page).toBe(2);
      expect(p1.body.items[0].code).not.toBe(p2.body.items[0].code);
      expect(p1.body.total).toBe(p2.body.total);
    });

    it('filters by level, sector and online level', async () => {
      const res = await t.http.get('/api/v1/procedures?level=COMMUNE&onlineLevel=FULL&pageSize=100').expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const p of res.body.items) {
        expect(p.level).toBe('COMMUNE');
        expect(p.onlineLevel).toBe('FULL');
      }
      const sector = res.body.items[0].sector;
      const bySector = await t.http.get(`/api/v1/procedures?sector=${sector}&pageSize=100`).expect(200);
      for (const p of bySector.body.items) expect(p.sector).toBe(sector);
    });

    it('shows a procedure with documents, form and steps whose shares sum to 1', async () => {
      const list = await t.http.get('/api/v1/procedures?q=khai sinh').expect(200);
      const res = await t.http.get(`/api/v1/procedures/${encodeURIComponent(list.body.items[0].code)}`).expect(200);
      expect(res.body.documents.length).toBeGreaterThan(0);
      expect(res.body.documents[0]).toEqual({ key: expect.any(String), name: expect.any(String), required: expect.any(Boolean) });
      expect(res.body.form.fields.length).toBeGreaterThan(0);
      expect(res.body.steps.length).toBeGreaterThan(0);
      const sum = res.body.steps.reduce((s: number, x: { share: number }) => s + x.share, 0);
      expect(sum).toBeCloseTo(1, 9);
      expect(res.body.legalBasis).toBeTruthy();
    });

    it('has inter-level procedures and the newborn bundle', async () => {
      const inter = await t.ds.query('SELECT count(*)::int AS n FROM procedures WHERE is_current AND receiving_level <> level');
      expect(inter[0].n).toBeGreaterThanOrEqual(5);
      const bundle = await t.ds.query(`SELECT code FROM procedures WHERE is_current AND bundle = 'newborn'`);
      expect(bundle.length).toBe(3);
    });

    it('answers 404 for an unknown procedure', async () => {
      const res = await t.http.get('/api/v1/procedures/KHONG-CO').expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it.each([
      ['page=-1'],
      ['pageSize=10000'],
      ['pageSize=0'],
      ['page=abc'],
      ['level=FOO'],
      ['onlineLevel=MAYBE'],
      ['sector=%3Cscript%3E'],
      [`q=${'a'.repeat(10 * 1024)}`],
    ])('rejects %s with 400, never 500', async (qs) => {
      const res = await t.http.get(`/api/v1/procedures?${qs}`);
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
      expect(typeof res.body.message).toBe('string');
    });

    it('treats SQL-looking queries as plain text', async () => {
      const res = await t.http.get('/api/v1/procedures').query({ q: "'; DROP TABLE procedures; --" }).expect(200);
      expect(res.body.items).toEqual(expect.any(Array));
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM procedures');
      expect(n).toBeGreaterThanOrEqual(60);
    });
  });

  describe('seeds', () => {
    it('are idempotent: running them again changes nothing', async () => {
      const count = async () =>
        (await t.ds.query(
          `SELECT (SELECT count(*) FROM administrative_units)::int AS u, (SELECT count(*) FROM agencies)::int AS a,
                  (SELECT count(*) FROM procedures)::int AS p, (SELECT count(*) FROM sectors)::int AS s`,
        ))[0];
      const before = await count();
      await t.ds.query('DELETE FROM seed_runs'); // force every seed to run again
      await runSeeds(t.ds, t.config, SEEDS);
      expect(await count()).toEqual(before);
    });

    it('versions a procedure whose catalog entry changed and keeps the old version', async () => {
      const [p] = await t.ds.query(`SELECT code, version FROM procedures WHERE is_current ORDER BY code LIMIT 1`);
      await t.ds.query(`UPDATE procedures SET content_hash = 'changed' WHERE code = $1 AND is_current`, [p.code]);
      await t.ds.query(`DELETE FROM seed_runs WHERE key = 'catalog'`);
      await runSeeds(t.ds, t.config, SEEDS);
      const versions = await t.ds.query('SELECT version, is_current FROM procedures WHERE code = $1 ORDER BY version', [p.code]);
      expect(versions).toEqual([
        { version: p.version, is_current: false },
        { version: p.version + 1, is_current: true },
      ]);
    });

    it('seeds another province by configuration', async () => {
      const units = provinceUnits('01');
      expect(units[0].name).toBe('Thành phố Hà Nội');
      expect(units.filter((u) => u.level === 'DISTRICT').length).toBe(30);
    });
  });

  describe('pages', () => {
    it('home page has a search box, most used procedures and sectors', async () => {
      const res = await t.http.get('/').expect(200).expect('Content-Type', /html/);
      expect(res.text).toContain('<html lang="vi">');
      expect(res.text).toContain('Tỉnh Hà Giang');
      expect(res.text).toContain('name="q"');
      expect(res.text).toContain('Thủ tục được sử dụng nhiều');
      expect(res.text).toContain('Lĩnh vực');
    });
    it('search page finds birth registration', async () => {
      const res = await t.http.get('/thu-tuc').query({ q: 'dang ky khai sinh' }).expect(200);
      expect(res.text).toMatch(/Đăng ký khai sinh/);
    });
    it('procedure page shows documents, fee, steps and the submit button', async () => {
      const list = await t.http.get('/api/v1/procedures?q=khai sinh').expect(200);
      const res = await t.http.get(`/thu-tuc/${encodeURIComponent(list.body.items[0].code)}`).expect(200);
      expect(res.text).toContain('Thành phần hồ sơ');
      expect(res.text).toContain('Trình tự thực hiện');
      expect(res.text).toContain('Căn cứ pháp lý');
      expect(res.text).toContain('Nộp hồ sơ trực tuyến');
    });
    it('unknown procedure page is a Vietnamese 404 page', async () => {
      const res = await t.http.get('/thu-tuc/KHONG-CO').expect(404).expect('Content-Type', /html/);
      expect(res.text).toContain('Không tìm thấy');
    });
    it('bad filter on the page is a 400 page, not a 500', async () => {
      const res = await t.http.get('/thu-tuc?page=-1').expect(400);
      expect(res.text).toContain('Yêu cầu không hợp lệ');
    });
    it('directory lists districts and a unit page lists its agencies', async () => {
      const res = await t.http.get('/don-vi').expect(200);
      expect(res.text).toContain('Huyện Đồng Văn');
      const unit = await t.http.get('/don-vi/026').expect(200);
      expect(unit.text).toContain('Phòng Tư pháp huyện Đồng Văn');
      await t.http.get('/don-vi/99999').expect(404);
    });
    it('serves security headers from helmet', async () => {
      const res = await t.http.get('/').expect(200);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
    it('serves OpenAPI at /api/docs-json', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      expect(res.body.paths['/api/v1/procedures']).toBeDefined();
      expect(res.body.paths['/api/v1/units']).toBeDefined();
      // Issue 12: the offset rule is part of the contract's description.
      expect(res.body.info.description).toContain('read as Vietnam time (UTC+07:00)');
      await t.http.get('/api/docs').expect(200);
    });
    it('unknown API path is a JSON 404', async () => {
      const res = await t.http.get('/api/v1/khong-co').expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });
    it('malformed JSON is a 400 in the API error shape', async () => {
      const res = await t.http.post('/api/v1/units').set('Content-Type', 'application/json').send('{bad json');
      expect([400, 404]).toContain(res.status);
      expect(res.body.statusCode).toBe(res.status);
    });
  });
});
