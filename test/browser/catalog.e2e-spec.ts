import type { Browser } from 'playwright-core';
import { bootApp, type TestApp } from '../helpers/app';
import { launchBrowser, PHONE, seriousA11yViolations } from '../helpers/browser';

describe('Browser: a citizen finds a procedure (Chromium)', () => {
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

  it('opens the home page, searches, opens a procedure; axe finds nothing serious', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/`);
    expect(await page.title()).toContain('Cổng Dịch vụ công');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.fill('#q', 'dang ky khai sinh');
    await Promise.all([page.waitForURL(/\/thu-tuc\?/), page.click('form[role=search] button[type=submit]')]);
    const first = page.locator('.card-list .card__title a').first();
    expect(await first.textContent()).toBe('Đăng ký khai sinh');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(/\/thu-tuc\/[^?]+$/), first.click()]);
    expect(await page.locator('h1').textContent()).toBe('Đăng ký khai sinh');
    await expect(page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).count()).resolves.toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('works on a 360 px phone without horizontal scrolling', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/thu-tuc?q=chung+thuc`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('.card-list li').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('works without JavaScript', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/`);
    await page.fill('#q', 'ly lich tu phap');
    await Promise.all([page.waitForURL(/\/thu-tuc\?/), page.click('form[role=search] button[type=submit]')]);
    expect(await page.locator('.card-list .card__title a').first().textContent()).toMatch(/lý lịch tư pháp/i);
    await ctx.close();
  });
});
