/**
 * `%`, `_` and `\` typed into a search box are text, not LIKE wildcards: they find what contains
 * them literally (usually nothing), never the whole table (src/common/sql-like.ts).
 */
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken } from '../helpers/auth';
import { makeProcedure } from '../workflow/factory';

describe('search text is matched literally', () => {
  let t: TestApp;
  let all: number;

  beforeAll(async () => {
    t = await bootApp();
    await makeProcedure(t.ds, { code: 'TEST.PCT', value: 1, steps: [{ key: 'receive', role: 'CLERK', share: 1, level: 'PROVINCE', agencyKind: 'JUSTICE' }] });
    await t.ds.query(`UPDATE procedures SET name = 'Thủ tục miễn 100% lệ phí', search_text = 'thu tuc mien 100 le phi' WHERE code = 'TEST.PCT'`);
    all = (await t.http.get('/api/v1/procedures?pageSize=1').expect(200)).body.total;
    expect(all).toBeGreaterThan(10);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['%', ['TEST.PCT']],
    ['%25', []], // the text "%25" — the query string decodes once, as for any other text
    ['_', []],
    ['\\', []],
    ['%%', []],
    ['100%', ['TEST.PCT']],
  ])('catalog q=%s finds only procedures that contain it', async (q, codes) => {
    const res = await t.http.get(`/api/v1/procedures?q=${encodeURIComponent(q)}&pageSize=100`).expect(200);
    if (q === '100%') {
      // Words still search as words ("100"), with the literal match among the results.
      expect(res.body.items.map((i: { code: string }) => i.code)).toContain('TEST.PCT');
      expect(res.body.total).toBeLessThan(all);
      return;
    }
    expect(res.body.total).toBe(codes.length);
    expect(res.body.items.map((i: { code: string }) => i.code)).toEqual(codes);
  });

  it('the catalog page finds no procedure for "_"', async () => {
    const res = await t.http.get('/thu-tuc?q=_').expect(200);
    expect(res.text).not.toContain('/thu-tuc/TEST.PCT');
    const pct = await t.http.get('/thu-tuc?q=%25').expect(200);
    expect(pct.text).toContain('/thu-tuc/TEST.PCT');
  });

  it('staff search (admin API) matches % and _ literally', async () => {
    const admin = `Bearer ${await apiToken(t, 'admin.02.ubnd')}`;
    const some = await t.http.get('/api/v1/admin/staff?q=clerk').set('Authorization', admin).expect(200);
    expect(some.body.total).toBeGreaterThan(0);
    for (const q of ['%', '_', '\\', '%clerk%']) {
      const res = await t.http.get(`/api/v1/admin/staff?q=${encodeURIComponent(q)}`).set('Authorization', admin).expect(200);
      expect({ q, total: res.body.total }).toEqual({ q, total: 0 });
    }
  });

  it('the mail catcher (demo) filters by address literally', async () => {
    await t.ds.query(
      `INSERT INTO stubs.mail_messages (message_key, from_address, to_address, subject, text) VALUES ('k1', 'a@x.vn', 'cong.dan@example.vn', 's', 't'), ('k2', 'a@x.vn', 'can_bo@example.vn', 's', 't')`,
    );
    const admin = `Bearer ${await apiToken(t, 'admin.02.ubnd')}`;
    const names = async (to: string) =>
      (await t.http.get(`/stubs/smtp-catcher/messages?to=${encodeURIComponent(to)}`).set('Authorization', admin).expect(200)).body.items.map((i: { to_address: string }) => i.to_address);
    expect(await names('example.vn')).toHaveLength(2);
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual(['can_bo@example.vn']);
    expect(await names('n_d')).toEqual([]);
  });
});
