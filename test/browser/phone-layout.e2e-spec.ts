import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bootApp, type TestApp } from '../helpers/app';
import { DEMO_PASSWORD_STAFF } from '../helpers/auth';
import { launchBrowser, PHONE, seriousA11yViolations } from '../helpers/browser';
import { citizens, makeDossier } from '../workflow/factory';

/** Screenshots a reviewer can look at (README, "Testing"): test/.artifacts/screenshots/, not committed. */
const SCREENSHOT_DIR = join(__dirname, '..', '.artifacts', 'screenshots');

async function signIn(ctx: BrowserContext, baseUrl: string, username: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD_STAFF);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  return page;
}

/** Horizontal overflow of the page in CSS pixels (0 when everything fits the 360 px screen). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - 360);
}

describe('Browser: a 360 px phone — one-line header with a no-JavaScript menu, work lists as cards, no sideways scrolling', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await bootApp({ listen: true });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const [c] = await citizens(t.ds, 1);
    // A few dossiers with long procedure names in the commune clerk's inbox.
    for (let i = 0; i < 3; i++) await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen: c });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('home: the header is one line, the menu opens without JavaScript and leads to the pages', async () => {
    const ctx = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/`);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // One line: the header is as tall as its tallest item (emblem or Menu button) plus padding.
    const header = await page.locator('.site-header__inner').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    expect(await page.locator('.site-nav--wide').isVisible()).toBe(false);
    const menuLink = page.locator('.site-nav--phone a[href="/thu-tuc"]');
    expect(await menuLink.isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-360-home.png'), fullPage: true });

    await page.locator('.site-menu__toggle').click();
    expect(await menuLink.isVisible()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-360-home-menu.png') });
    await Promise.all([page.waitForURL(/\/thu-tuc$/), menuLink.click()]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await ctx.close();

    // axe runs in the page, so with JavaScript: the open menu has nothing serious either.
    const js = await browser.newContext(PHONE);
    const p2 = await js.newPage();
    await p2.goto(`${t.baseUrl}/`);
    await p2.locator('.site-menu__toggle').click();
    expect(await seriousA11yViolations(p2)).toEqual([]);
    await js.close();

    // On a wide screen the links stand in a row and there is no Menu button.
    const wide = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const w = await wide.newPage();
    await w.goto(`${t.baseUrl}/`);
    expect(await w.locator('.site-nav--wide a[href="/thu-tuc"]').isVisible()).toBe(true);
    expect(await w.locator('.site-menu').isVisible()).toBe(false);
    await w.screenshot({ path: join(SCREENSHOT_DIR, 'wide-1366-home.png') });
    await wide.close();
  }, 240_000);

  it('clerk inbox: each dossier is a card with its column names, nothing overflows', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await signIn(ctx, t.baseUrl, 'clerk.00715.tpht');
    expect(new URL(page.url()).pathname).toBe('/can-bo');
    expect(await page.locator('.queue tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // The procedure name gets a card's width, not one word per line.
    const cell = page.locator('.queue tbody tr').first().locator('td[data-label="Thủ tục"]');
    const box = await cell.boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(await page.locator('.queue tbody tr').first().evaluate((el) => getComputedStyle(el).display)).toBe('block');
    const label = await cell.evaluate((el) => getComputedStyle(el, '::before').content);
    expect(label).toBe('"Thủ tục"');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-360-clerk-inbox.png'), fullPage: true });
    // The same page on a desktop screen: a table again, the links in the header row.
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(await page.locator('.queue tbody tr').first().evaluate((el) => getComputedStyle(el).display)).toBe('table-row');
    expect(await page.locator('.site-nav--wide a[href="/can-bo"]').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wide-1366-clerk-inbox.png'), fullPage: true });
    await ctx.close();
  }, 240_000);

  it('admin staff accounts: the table becomes cards, nothing overflows', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await signIn(ctx, t.baseUrl, 'admin.02.ubnd');
    expect(new URL(page.url()).pathname).toBe('/quan-tri');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-360-admin-home.png'), fullPage: true });
    await page.goto(`${t.baseUrl}/quan-tri/can-bo`);
    expect(await page.locator('table.table--cards tbody tr').count()).toBeGreaterThan(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-360-admin-staff.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(await page.locator('table.table--cards tbody tr').first().evaluate((el) => getComputedStyle(el).display)).toBe('table-row');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'wide-1366-admin-staff.png') });
    await ctx.close();
  }, 240_000);
});
