import type { Browser } from 'playwright-core';
import { bootApp, type TestApp } from '../helpers/app';
import { demoCitizens } from '../helpers/auth';
import { launchBrowser, PHONE, seriousA11yViolations } from '../helpers/browser';

describe('Browser: a citizen of the generated population registers, signs in and out (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await bootApp({ listen: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('registers, signs out, signs in again and out; axe finds nothing serious', async () => {
    const [c] = await t.ds.query(
      `SELECT personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM registry.citizens
        WHERE personal_id <> ALL($1::varchar[]) AND date_of_birth BETWEEN '1960-01-01' AND '2005-12-31'
          AND personal_id NOT IN (SELECT username FROM users)
        ORDER BY personal_id DESC LIMIT 1`,
      [demoCitizens().map((d) => d.personalId)],
    );
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/`);
    await Promise.all([page.waitForURL(/\/dang-ky$/), page.getByRole('link', { name: 'Đăng ký' }).first().click()]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // a first attempt with a mistyped name: the generic message, the form kept
    await page.fill('#personalId', c.personal_id);
    await page.fill('#fullName', `${c.full_name} X`);
    await page.fill('#dateOfBirth', c.dob);
    await page.fill('#phone', '0987654321');
    await page.fill('#email', 'nguoidan@example.vn');
    await page.fill('#password', 'matkhau2026');
    await page.fill('#passwordConfirm', 'matkhau2026');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Đăng ký' }).click()]);
    expect(await page.locator('.error-summary').textContent()).toContain('chưa khớp với Cơ sở dữ liệu quốc gia về dân cư');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.fill('#fullName', c.full_name);
    await page.fill('#password', 'matkhau2026');
    await page.fill('#passwordConfirm', 'matkhau2026');
    await Promise.all([page.waitForURL(/\/tai-khoan/), page.getByRole('button', { name: 'Đăng ký' }).click()]);
    expect(await page.locator('main').textContent()).toContain('Đăng ký thành công');
    expect(await page.locator('main').textContent()).toContain(c.personal_id);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(`${t.baseUrl}/`), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
    expect(await page.getByRole('link', { name: 'Đăng nhập' }).count()).toBeGreaterThan(0);

    await page.goto(`${t.baseUrl}/tai-khoan`);
    expect(page.url()).toContain('/dang-nhap?next=%2Ftai-khoan');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.fill('#username', c.personal_id);
    await page.fill('#password', 'matkhau2026');
    await Promise.all([page.waitForURL(/\/tai-khoan$/), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('.site-header').textContent()).toContain(c.full_name);

    await page.goto(`${t.baseUrl}/tai-khoan/truy-cap`);
    expect(await page.locator('h1').textContent()).toBe('Ai đã xem dữ liệu của tôi');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(`${t.baseUrl}/`), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
    await page.goto(`${t.baseUrl}/tai-khoan`);
    expect(page.url()).toContain('/dang-nhap');
    await ctx.close();
  });

  it('shows the demo panel on a phone and signs in from it without JavaScript', async () => {
    const phone = await browser.newContext(PHONE);
    const p1 = await phone.newPage();
    await p1.goto(`${t.baseUrl}/`);
    expect(await p1.locator('#demo-panel-title').textContent()).toBe('Dùng thử với vai trò…');
    expect(await seriousA11yViolations(p1)).toEqual([]);
    const overflow = await p1.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();

    const ctx = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/`);
    const pao = demoCitizens().find((d) => d.fullName === 'Lò Văn Páo')!;
    await Promise.all([page.waitForURL(`${t.baseUrl}/`), page.getByRole('button', { name: `Công dân ${pao.fullName}` }).click()]);
    expect(await page.locator('.site-header').textContent()).toContain(pao.fullName);
    await ctx.close();
  });
});
