import type { Browser } from 'playwright-core';
import { bootApp, type TestApp } from '../helpers/app';
import { demoCitizens } from '../helpers/auth';
import { launchBrowser, PHONE, seriousA11yViolations } from '../helpers/browser';
import { drain, mails } from '../integrations/support';

const EMAIL = 'quen.mat.khau.dien.thoai@example.vn';

describe('Browser: "Quên mật khẩu" on a 360 px phone without JavaScript (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await bootApp({ listen: true, env: { OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_BACKOFF_BASE_MS: '5', OUTBOX_BACKOFF_MAX_MS: '20' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('from the login page: registry check, code by e-mail, new password, signed in with it; axe clean, no overflow', async () => {
    const [c] = await t.ds.query(
      `SELECT personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM registry.citizens
        WHERE personal_id <> ALL($1::varchar[]) AND date_of_birth BETWEEN '1960-01-01' AND '2000-12-31'
          AND personal_id NOT IN (SELECT username FROM users)
        ORDER BY personal_id DESC OFFSET 3 LIMIT 1`,
      [demoCitizens().map((d) => d.personalId)],
    );
    await t.http
      .post('/api/v1/auth/register')
      .send({ personalId: c.personal_id, fullName: c.full_name, dateOfBirth: c.dob, phone: '0912000333', email: EMAIL, password: 'matkhaucu2026' })
      .expect(201);

    // axe needs JavaScript in the page: the three pages are checked in a phone context with it
    const axeCtx = await browser.newContext(PHONE);
    const axePage = await axeCtx.newPage();
    const check = async (p = axePage) => {
      expect(await seriousA11yViolations(p)).toEqual([]);
      expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    };
    await axePage.goto(`${t.baseUrl}/quen-mat-khau`);
    await check();
    await axePage.fill('#personalId', c.personal_id);
    await axePage.fill('#fullName', c.full_name);
    await axePage.fill('#dateOfBirth', c.dob);
    await Promise.all([axePage.waitForURL(/\/quen-mat-khau\/ma-xac-nhan$/), axePage.getByRole('button', { name: 'Gửi mã xác nhận' }).click()]);
    await check();
    await axePage.goto(`${t.baseUrl}/quen-mat-khau/xong`);
    await check();
    await axeCtx.close();

    // the whole path without JavaScript, from the login page
    const ctx = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/dang-nhap`);
    await Promise.all([page.waitForURL(/\/quen-mat-khau$/), page.getByRole('link', { name: 'Quên mật khẩu?' }).click()]);

    await page.fill('#personalId', c.personal_id);
    await page.fill('#fullName', c.full_name);
    await page.fill('#dateOfBirth', c.dob);
    await Promise.all([page.waitForURL(/\/quen-mat-khau\/ma-xac-nhan$/), page.getByRole('button', { name: 'Gửi mã xác nhận' }).click()]);
    expect(await page.locator('main').textContent()).toContain('q***@example.vn');
    expect(page.url()).not.toContain('_csrf');

    await drain(t);
    const mail = (await mails(t.ds, EMAIL)).at(-1);
    const code = /là (\d{6})\./.exec(mail?.text ?? '')![1]!;
    await page.fill('#code', code);
    await page.fill('#password', 'matkhaumoi2026');
    await page.fill('#passwordConfirm', 'matkhaumoi2026');
    await Promise.all([page.waitForURL(/\/quen-mat-khau\/xong$/), page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Đã đặt lại mật khẩu');

    await Promise.all([page.waitForURL(/\/dang-nhap$/), page.getByRole('link', { name: 'Đăng nhập bằng mật khẩu mới' }).click()]);
    await page.fill('#username', c.personal_id);
    await page.fill('#password', 'matkhaumoi2026');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('.site-header').textContent()).toContain(c.full_name);
    await ctx.close();
  }, 300_000);
});
