import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { bootApp, type TestApp } from '../helpers/app';
import { DEMO_PASSWORD_STAFF } from '../helpers/auth';
import { launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { insertRandomDossiers } from '../reporting/random-dossiers';

/**
 * A district manager (Đồng Văn, 026) opens the dashboard, drills down to a commune (Lũng Cú, 00715)
 * and to an overdue dossier there, then exports the XLSX report: the file opens and its totals are
 * those of the API.
 */
describe('Browser: district manager dashboard (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  const overdueCode = '00715.TPHT-251020-9001';

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    const rows: { code: string }[] = await t.ds.query(`SELECT code FROM agencies WHERE district_code = '026' ORDER BY code`);
    await insertRandomDossiers(t.ds, 400, rows.map((r) => r.code).filter((_, i) => i % 2 === 0), 4242);
    await t.ds.query(
      `INSERT INTO dossiers (code, procedure_id, procedure_code, sector_code, receiving_agency_code, agency_code, level, district_code, province_code,
         channel, status, applicant_personal_id, applicant_name, submitted_at, received_at, due_at, original_due_at, current_step)
       VALUES ($1, gen_random_uuid(), 'T.1', 'S1', '00715.TPHT', '00715.TPHT', 'COMMUNE', '026', '02', 'COUNTER', 'IN_PROGRESS', '002094990001',
         'Giàng Seo Páo', now() - interval '12 days', now() - interval '12 days', now() - interval '2 days', now() - interval '2 days', 'tham-dinh')`,
      [overdueCode],
    );
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.ds.query(`DELETE FROM dossiers WHERE code LIKE 'T-4242-%' OR code = $1`, [overdueCode]);
    await t?.close();
  });

  it('drills down province → commune → overdue dossier and exports XLSX with the same totals', async () => {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/quan-ly`);
    await page.waitForURL(/\/dang-nhap/);
    await page.fill('#username', 'manager.026.ubnd');
    await page.fill('#password', DEMO_PASSWORD_STAFF);
    await Promise.all([page.waitForURL(/\/quan-ly/), page.click('button[type=submit]:has-text("Đăng nhập")')]);
    expect(await page.locator('h1').textContent()).toContain('Theo dõi giải quyết hồ sơ');
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // drill down to the commune of Lũng Cú
    await Promise.all([page.waitForURL(/agencyCode=00715\.UBND/), page.locator('[data-testid=unit-table] a[data-agency="00715.UBND"]').click()]);
    expect(await page.locator('h1').textContent()).toContain('Lũng Cú');
    const overdueLink = page.locator('[data-testid=overdue-table] a', { hasText: overdueCode });
    expect(await overdueLink.count()).toBe(1);
    await Promise.all([page.waitForURL(/\/quan-ly\/ho-so\//), overdueLink.click()]);
    expect(await page.locator('h1').textContent()).toContain(overdueCode);
    expect(await page.locator('.notice--danger').textContent()).toContain('Quá hạn');
    expect(await page.locator('[data-testid=holder]').textContent()).toContain('Bộ phận một cửa');

    // back to the district, export XLSX
    await page.goto(`${t.baseUrl}/quan-ly?from=2024-01-01&to=2025-12-31`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-xlsx]').click()]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file!));
    const ws = wb.getWorksheet('Báo cáo')!;
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(3).value === 'Tổng cộng') total = row;
    });
    expect(total).toBeDefined();
    const api = await page.request.get(`${t.baseUrl}/api/v1/reports/sla?from=2024-01-01&to=2025-12-31&agencyCode=026.UBND`);
    expect(api.status()).toBe(200);
    const json = await api.json();
    const v = (c: number) => Number(total!.getCell(c).value);
    expect([v(5), v(6), v(7), v(9), v(10), v(11), v(13), v(14), v(15), v(16)]).toEqual([
      json.total.carriedOver, json.total.receivedOnline, json.total.receivedCounter, json.total.resolvedEarly, json.total.resolvedOnTime,
      json.total.resolvedLate, json.total.inProgressWithinDeadline, json.total.inProgressOverdue, json.total.refused, json.total.withdrawn,
    ]);
    expect(json.total.receivedOnline + json.total.receivedCounter).toBeGreaterThan(0);
    await ctx.close();
  });
});
