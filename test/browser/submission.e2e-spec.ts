import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD_CITIZEN } from '../helpers/auth';
import { bootApp, type TestApp } from '../helpers/app';
import { launchBrowser, PHONE, seriousA11yViolations } from '../helpers/browser';
import { PDF, procedureForm, sampleValue, type ProcedureForm } from '../dossiers/support';

const RESIDENCE = '1.010041'; // Xác nhận thông tin về cư trú

describe('Browser: a citizen submits a dossier online (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let form: ProcedureForm;
  let pdfPath: string;

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    browser = await launchBrowser();
    form = await procedureForm(t, RESIDENCE);
    pdfPath = join(mkdtempSync(join(tmpdir(), 'motcua-pdf-')), 'giay-to.pdf');
    writeFileSync(pdfPath, PDF);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function journey(personalId: string, ctxOptions: BrowserContextOptions, expectedAgency: RegExp) {
    const ctx = await browser.newContext(ctxOptions);
    const page: Page = await ctx.newPage();
    // sign in
    await page.goto(`${t.baseUrl}/dang-nhap`);
    await page.fill('#username', personalId);
    await page.fill('#password', DEMO_PASSWORD_CITIZEN);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);

    // find the procedure
    await page.goto(`${t.baseUrl}/thu-tuc?q=${encodeURIComponent('xác nhận thông tin về cư trú')}`);
    await Promise.all([page.waitForURL(/\/thu-tuc\/[^?]+$/), page.locator('.card-list .card__title a').first().click()]);
    await Promise.all([page.waitForURL(/\/nop-ho-so\//), page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click()]);

    // the form comes prefilled, with the source shown and identity locked
    const nameKey = form.fields.find((f) => f.prefill === 'registry.fullName')!.key;
    expect(await page.inputValue(`#f_${nameKey}`)).not.toBe('');
    expect(await page.getAttribute(`#f_${nameKey}`, 'readonly')).not.toBeNull();
    expect(await page.locator('.source', { hasText: 'Từ CSDL quốc gia về dân cư' }).count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    for (const f of form.fields) {
      if (f.prefill?.startsWith('registry.')) continue;
      const sel = `#f_${f.key}`;
      const v = sampleValue(f);
      if (f.type === 'select') await page.selectOption(sel, String(v));
      else if (f.type === 'checkbox') await page.check(sel);
      else await page.fill(sel, String(v));
    }
    for (const d of form.documents.filter((x) => x.required)) await page.setInputFiles(`#doc_${d.key}`, pdfPath);
    await Promise.all([page.waitForURL(/\/xac-nhan$/), page.getByRole('button', { name: 'Nộp hồ sơ' }).click()]);

    // acknowledgement
    expect(await page.locator('h1').textContent()).toBe('Đã nộp hồ sơ thành công');
    const code = (await page.locator('.dossier-code').textContent())!;
    expect(code).toMatch(expectedAgency);
    expect(await page.locator('img[alt^="Mã QR"]').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Tải biên nhận (PDF)' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow2).toBeLessThanOrEqual(0);

    // and finds it in "Hồ sơ của tôi"
    await page.goto(`${t.baseUrl}/ho-so-cua-toi`);
    expect(await page.getByRole('link', { name: code }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
    return code;
  }

  it('signs in, finds the procedure, sees the prefill, attaches a PDF, submits and sees the acknowledgement', async () => {
    await journey('002048990005', {}, /^00715\.CA-\d{6}-\d{4}$/);
  });

  it('the newborn form and the counter intake pages pass axe too', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const signIn = async (username: string, password: string) => {
      await page.goto(`${t.baseUrl}/dang-nhap`);
      await page.fill('#username', username);
      await page.fill('#password', password);
      await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    };
    await signIn('002197990002', DEMO_PASSWORD_CITIZEN);
    await page.goto(`${t.baseUrl}/su-kien/khai-sinh`);
    expect(await page.locator('#bundle-title').textContent()).toBe('Một tờ khai, ba hồ sơ');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.clearCookies();
    await signIn('clerk.00715.ca', 'MotCua@2026');
    await page.goto(`${t.baseUrl}/can-bo/tiep-nhan-truc-tiep`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.selectOption('#procedureCode', RESIDENCE);
    await page.fill('#personalId', '002048990005');
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    expect(await page.locator('h1').textContent()).toContain('Tiếp nhận hồ sơ trực tiếp');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it('does the same on a 360 px phone', async () => {
    await journey('019307990006', PHONE, /^\d{5}\.CA-\d{6}-\d{4}$/);
  });
});
