import type { Browser } from 'playwright-core';
import { bootApp, type TestApp } from '../helpers/app';
import { launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { feeDossier, feeProcedure } from '../integrations/payments-support';
import { citizens, type Citizen } from '../workflow/factory';

describe('Chromium: pay a fee through the stub gateway and see the receipt', () => {
  let t: TestApp;
  let browser: Browser;
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp({ listen: true, env: { PAYMENT_CALLBACK_DELAY_MS: '300', PAYMENT_CALLBACK_DUPLICATES: '1' } });
    browser = await launchBrowser();
    [citizen] = await citizens(t.ds, 1);
    await feeProcedure(t.ds, 'TEST.FEE.UI');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pays, comes back to the portal and opens the electronic receipt', async () => {
    const d = await feeDossier(t.ds, citizen, { copies: 2 }, 'TEST.FEE.UI');
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/thanh-toan/ho-so/${d.code}`);
    expect(page.url()).toContain('/dang-nhap');
    await page.fill('#username', citizen.personalId);
    await page.fill('#password', 'CongDan@2026');
    await Promise.all([page.waitForURL(/\/thanh-toan\/ho-so\//), page.getByRole('button', { name: 'Đăng nhập' }).click()]);

    expect(await page.locator('#fee-total').textContent()).toContain('100.000');
    await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.waitForSelector('img[alt^="Mã VietQR"]');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(/\/stubs\/payment-gateway\/thanh-toan\?/), page.getByRole('link', { name: 'Đến cổng thanh toán' }).click()]);
    expect(await page.locator('.gateway__amount').textContent()).toContain('100.000');
    await Promise.all([page.waitForURL(/\/ket-qua\?/), page.getByRole('button', { name: 'Xác nhận thanh toán' }).click()]);
    expect(await page.locator('#payment-status').textContent()).toContain('Thanh toán thành công');

    await Promise.all([page.waitForURL(/\/bien-lai$/), page.getByRole('link', { name: 'Xem biên lai điện tử' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Biên lai thu phí, lệ phí điện tử');
    expect(await page.locator('#receipt-no').textContent()).toMatch(/^BL\d{4}-\d{7}$/);
    expect(await page.locator('.receipt').textContent()).toContain(d.code);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [row] = await t.ds.query(`SELECT payment_status FROM dossiers WHERE code = $1`, [d.code]);
    expect(row.payment_status).toBe('PAID');
    await ctx.close();
  });

  it('the finance officer sees the payment in the reconciliation report; the outbox page is accessible', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/quan-tri/doi-soat-thanh-toan`);
    await page.fill('#username', 'admin.02.ubnd');
    await page.fill('#password', 'MotCua@2026');
    await Promise.all([page.waitForURL(/\/quan-tri\/doi-soat-thanh-toan/), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(Number(await page.locator('#recon-count').textContent())).toBeGreaterThanOrEqual(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${t.baseUrl}/quan-tri/outbox`);
    expect(await page.locator('h1').textContent()).toContain('Hàng đợi gửi đi');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });
});
