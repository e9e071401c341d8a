import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from '../helpers/auth';
import { bootApp, type TestApp } from '../helpers/app';
import { launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { citizens, makeDossier, type Citizen } from '../workflow/factory';

/** Clerk receives, specialist proposes, leader approves (signed PDF), clerk returns; the citizen downloads the result. */
describe('Browser: processing a dossier at the one-stop shop (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    browser = await launchBrowser();
    [citizen] = await citizens(t.ds, 1);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(username: string, password: string): Promise<Page> {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`${t.baseUrl}/dang-nhap`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    return page;
  }

  async function act(page: Page, code: string, action: string, fill?: (p: Page) => Promise<void>) {
    await page.goto(`${t.baseUrl}/can-bo/ho-so/${code}`);
    if (fill) await fill(page);
    // Irreversible actions ask for the ticked confirmation first.
    if (await page.locator(`#confirm-${action}`).count()) await page.check(`#confirm-${action}`);
    await Promise.all([page.waitForNavigation(), page.click(`#form-${action} button[type=submit]`)]);
    expect(page.url()).toBe(`${t.baseUrl}/can-bo/ho-so/${code}`);
    expect(await page.locator('.error-summary').count()).toBe(0);
    // The message of the action just done.
    expect(await page.textContent('#thong-bao')).toContain('Đã thực hiện');
  }

  it('runs the whole path through the pages', async () => {
    const d = await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen });

    const clerk = await signIn('clerk.00715.tpht', DEMO_PASSWORD_STAFF);
    await clerk.goto(`${t.baseUrl}/can-bo`);
    await expect(clerk.locator(`a[href="/can-bo/ho-so/${d.code}"]`).count()).resolves.toBe(1);
    expect(await seriousA11yViolations(clerk)).toEqual([]);
    await clerk.click(`a[href="/can-bo/ho-so/${d.code}"]`);
    expect(await seriousA11yViolations(clerk)).toEqual([]);
    await act(clerk, d.code, 'receive');
    expect(await clerk.textContent('#trang-thai')).toBe('Đã tiếp nhận');
    await clerk.goto(`${t.baseUrl}/can-bo/ho-so/${d.code}/phieu/tiep-nhan`);
    expect(await clerk.textContent('h1')).toMatch(/Giấy tiếp nhận hồ sơ và hẹn trả kết quả/i);
    const [spec] = await t.ds.query(`SELECT id FROM users WHERE username = 'specialist.00715.tpht'`);
    await act(clerk, d.code, 'assign', (p) => p.selectOption('#assignee-one', spec.id).then(() => undefined));
    expect(await clerk.textContent('#trang-thai')).toBe('Đang xử lý');

    const specialist = await signIn('specialist.00715.tpht', DEMO_PASSWORD_STAFF);
    await act(specialist, d.code, 'propose');
    expect(await specialist.textContent('#trang-thai')).toBe('Chờ phê duyệt');

    const leader = await signIn('leader.00715.tpht', DEMO_PASSWORD_STAFF);
    await leader.goto(`${t.baseUrl}/can-bo/ho-so/${d.code}`);
    // The leader sees the draft result before approving, in the page.
    await expect(leader.locator('iframe.result-preview').count()).resolves.toBe(1);
    const preview = await leader.request.get(`${t.baseUrl}/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toBe('application/pdf');
    expect(await seriousA11yViolations(leader)).toEqual([]);
    // Without the confirmation the browser does not send the form (the checkbox is required).
    await leader.click('#form-approve button[type=submit]');
    expect(await leader.textContent('#trang-thai')).toBe('Chờ phê duyệt');
    await leader.check('#confirm-approve');
    // What the page shows while it signs, recorded right after the progressive-enhancement script ran.
    await leader.evaluate(() => {
      const form = document.querySelector('#form-approve')!;
      form.addEventListener('submit', () => {
        const button = form.querySelector('button[type=submit]')!;
        const status = form.querySelector('.signing-status')!;
        sessionStorage.setItem('signing', JSON.stringify({ busy: button.getAttribute('aria-busy'), text: button.textContent, status: status.textContent }));
      });
    });
    const started = Date.now();
    await Promise.all([leader.waitForNavigation(), leader.click('#form-approve button[type=submit]')]);
    console.log(`approval seen from the browser: ${Date.now() - started} ms`);
    const shown = JSON.parse((await leader.evaluate(() => sessionStorage.getItem('signing')))!);
    expect(shown).toEqual({ busy: 'true', text: 'Đang ký số…', status: 'Đang ký số… Vui lòng chờ trong giây lát.' });
    expect(await leader.textContent('#thong-bao')).toContain('Đã thực hiện «Phê duyệt»');
    expect(await leader.textContent('#trang-thai')).toBe('Có kết quả');
    await expect(leader.locator('a', { hasText: 'Tải kết quả đã ký số' }).count()).resolves.toBe(1);

    await act(clerk, d.code, 'return-result');
    expect(await clerk.textContent('#trang-thai')).toBe('Đã trả kết quả');

    const person = await signIn(citizen.personalId, DEMO_PASSWORD_CITIZEN);
    await person.goto(`${t.baseUrl}/ho-so-cua-toi/${d.code}`);
    expect(await person.textContent('main')).toContain(d.code);
    await person.goto(`${t.baseUrl}/ho-so/${d.code}/ket-qua`);
    expect(await seriousA11yViolations(person)).toEqual([]);
    const code = (await person.textContent('#ma-xac-thuc'))!.trim();
    const [download] = await Promise.all([person.waitForEvent('download'), person.click('#tai-ket-qua')]);
    const path = await download.path();
    const pdf = readFileSync(path!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/ByteRange');

    // Anyone can verify it on /xac-thuc, by code and by uploading the file.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${t.baseUrl}/xac-thuc`);
    await visitor.fill('#ma', code);
    await Promise.all([visitor.waitForNavigation(), visitor.click('form[method=get] button[type=submit]')]);
    expect(await visitor.textContent('#ket-qua-xac-thuc')).toContain('Hợp lệ');
    await visitor.goto(`${t.baseUrl}/xac-thuc`);
    await visitor.setInputFiles('#file', path!);
    await Promise.all([visitor.waitForNavigation(), visitor.click('form[enctype] button[type=submit]')]);
    expect(await visitor.textContent('#ket-qua-xac-thuc')).toContain(d.code);
    expect(await visitor.textContent('#ket-qua-xac-thuc')).toContain('Hợp lệ');
  }, 300_000);
});
