import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from '../helpers/auth';
import { bootApp, type TestApp } from '../helpers/app';
import { launchBrowser, PHONE } from '../helpers/browser';
import { auditPage, problems } from '../helpers/page-audit';
import { citizens, makeDossier } from '../workflow/factory';

/**
 * Each role's main pages, read as that person reads them, at 1366 px and on a 360 px phone (issue
 * 13): no internals in the text, no overflow, axe clean, every link answering, screenshots written
 * to test/.artifacts/screenshots/ for a reviewer.
 */
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };
const WIDTHS: [string, BrowserContextOptions][] = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

jest.setTimeout(600_000);

describe('Browser: every role reads its pages at desktop and phone width (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let dossierCode: string;
  const seen = new Map<string, number>();

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    browser = await launchBrowser();
    const [citizen] = await citizens(t.ds, 1);
    dossierCode = (await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen })).code;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(options: BrowserContextOptions, username?: string, password?: string): Promise<Page> {
    const page = await (await browser.newContext(options)).newPage();
    if (!username) return page;
    await page.goto(`${t.baseUrl}/dang-nhap`);
    await page.fill('#username', username);
    await page.fill('#password', password!);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    expect(page.url()).not.toContain('/dang-nhap');
    return page;
  }

  async function walk(role: string, pages: string[], username?: string, password?: string) {
    const found: string[] = [];
    for (const [label, options] of WIDTHS) {
      const page = await signedIn(options, username, password);
      for (const path of pages) {
        const started = Date.now();
        const res = await page.goto(`${t.baseUrl}${path}`);
        if (!res || res.status() >= 400) {
          found.push(`${path} answered ${res?.status()} for ${role}`);
          continue;
        }
        const name = path.replace(/^\//, '').replace(/[^a-z0-9.-]+/gi, '_') || 'trang-chu';
        found.push(...problems(await auditPage(page, { shot: `${role}/${name}-${label}`, seen, links: label === 'desktop' })));
        if (process.env.JOURNEY_TRACE) console.log(`${role} ${label} ${path} ${Date.now() - started} ms`);
      }
      await page.context().close();
    }
    expect(found).toEqual([]);
  }

  it('a visitor', () => walk('khach', ['/', '/thu-tuc', '/thu-tuc/1.001193', '/tra-cuu', '/dang-nhap', '/dang-ky', '/xac-thuc', '/cong-khai', '/don-vi']));

  it('a citizen', () =>
    walk('cong-dan', ['/ho-so-cua-toi', '/nop-ho-so/1.001193', '/su-kien/khai-sinh', '/tai-khoan', '/tai-khoan/truy-cap'], '002094990001', DEMO_PASSWORD_CITIZEN));

  it('a clerk', () => walk('mot-cua', ['/can-bo', `/can-bo/ho-so/${dossierCode}`, '/can-bo/tiep-nhan-truc-tiep'], 'clerk.00715.tpht', DEMO_PASSWORD_STAFF));

  it('a specialist', () => walk('chuyen-vien', ['/can-bo', `/can-bo/ho-so/${dossierCode}`], 'specialist.00715.tpht', DEMO_PASSWORD_STAFF));

  it('a leader', () => walk('lanh-dao', ['/can-bo', `/can-bo/ho-so/${dossierCode}`], 'leader.00715.tpht', DEMO_PASSWORD_STAFF));

  it('a manager', () => walk('quan-ly', ['/quan-ly', '/quan-ly/ho-so', '/quan-ly/bao-cao'], 'manager.026.ubnd', DEMO_PASSWORD_STAFF));

  it('an administrator', () =>
    walk('quan-tri', ['/quan-tri/can-bo', '/quan-tri/can-bo/moi', '/quan-tri/lich', '/quan-tri/outbox', '/quan-tri/doi-soat-thanh-toan'], 'admin.02.ubnd', DEMO_PASSWORD_STAFF));
});
