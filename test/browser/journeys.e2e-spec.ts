import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from '../helpers/auth';
import { bootApp, type TestApp } from '../helpers/app';
import { launchBrowser, PHONE } from '../helpers/browser';
import { auditPage, problems } from '../helpers/page-audit';
import { PDF, procedureForm, sampleValue } from '../dossiers/support';
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
  const seen = new Map<string, number>();

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    browser = await launchBrowser();
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

  /**
   * A working day, once at 1366 px and once on a 360 px phone, each role in turn on its own
   * dossiers: every page visited is audited (text, overflow, axe, links — links once, at desktop
   * width) and photographed as `<role>/ngay-<step>-<width>`.
   */
  describe('a working day of every role', () => {
    const MOTHER = '002197990002'; // mother of the demo newborn
    const FATHER = '002094990001'; // father of the demo newborn, head of the household
    let pdfPath: string;
    beforeAll(() => {
      pdfPath = join(mkdtempSync(join(tmpdir(), 'motcua-day-')), 'giay-to.pdf');
      writeFileSync(pdfPath, PDF);
    });

    it.each(WIDTHS)('at %s width: citizen, clerk, specialist, leader, manager and administrator', async (label, options) => {
      const found: string[] = [];
      const shotOf = (role: string, step: string) => `${role}/ngay-${step}-${label}`;
      const look = async (page: Page, role: string, step: string) => {
        const started = Date.now();
        found.push(...problems(await auditPage(page, { shot: shotOf(role, step), seen, links: label === 'desktop' })));
        if (process.env.JOURNEY_TRACE) console.log(`day ${label} ${role} ${step}: audit ${Date.now() - started} ms`);
      };
      const open = async (page: Page, role: string, step: string, path: string) => {
        const res = await page.goto(`${t.baseUrl}${path}`);
        if (!res || res.status() >= 400) found.push(`${path} answered ${res?.status()} for ${role}`);
        else await look(page, role, step);
      };
      const sessions: Page[] = [];
      const as = async (username: string, password = DEMO_PASSWORD_STAFF) => {
        const page = await signedIn({ ...options, acceptDownloads: true }, username, password);
        sessions.push(page);
        return page;
      };

      // ---- citizen: the newborn form refused with three files attached, the files kept; a dossier submitted
      const citizenId = label === 'desktop' ? MOTHER : FATHER;
      const citizen = await as(citizenId, DEMO_PASSWORD_CITIZEN);
      await open(citizen, 'cong-dan', 'khai-sinh', '/su-kien/khai-sinh');
      const docInputs = (await citizen.$$eval('input[type=file][id^="doc_"]', (xs) => xs.map((x) => x.id))).slice(0, 3);
      expect(docInputs).toHaveLength(3);
      await citizen.fill('#f_childName', 'Hoàng Minh Khôi');
      await citizen.fill('#f_childDateOfBirth', '2999-01-01');
      for (const id of docInputs) await citizen.setInputFiles(`#${id}`, pdfPath);
      await Promise.all([citizen.waitForURL(/\/su-kien\/khai-sinh\?draft=[0-9a-f-]{36}&loi=1$/), citizen.getByRole('button', { name: 'Nộp 3 hồ sơ' }).click()]);
      expect(await citizen.locator('.error-summary').count()).toBe(1);
      expect(await citizen.inputValue('#f_childName')).toBe('Hoàng Minh Khôi');
      expect(await citizen.locator('input[type=checkbox][name^="pick_"]:checked').count()).toBe(3);
      await look(citizen, 'cong-dan', 'khai-sinh-loi-giu-tep');

      const residence = await procedureForm(t, '1.010041');
      await open(citizen, 'cong-dan', 'nop-ho-so', '/nop-ho-so/1.010041');
      for (const f of residence.fields) {
        if (f.prefill?.startsWith('registry.')) continue;
        const v = sampleValue(f);
        if (f.type === 'select') await citizen.selectOption(`#f_${f.key}`, String(v));
        else if (f.type === 'checkbox') await citizen.check(`#f_${f.key}`);
        else await citizen.fill(`#f_${f.key}`, String(v));
      }
      for (const d of residence.documents.filter((x) => x.required)) await citizen.setInputFiles(`#doc_${d.key}`, pdfPath);
      await Promise.all([citizen.waitForURL(/\/xac-nhan$/), citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click()]);
      await look(citizen, 'cong-dan', 'da-nop');
      await open(citizen, 'cong-dan', 'ho-so-cua-toi', '/ho-so-cua-toi');

      // ---- the one-stop desk: receive, slip, assign; refuse another dossier; counter intake
      const [someone] = await citizens(t.ds, 1);
      const d = await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen: someone });
      const other = await makeDossier(t.ds, { procedureCode: '1.001193', agencyCode: '00715.TPHT', citizen: someone });
      const act = async (page: Page, role: string, code: string, action: string, fill?: (p: Page) => Promise<unknown>) => {
        await page.goto(`${t.baseUrl}/can-bo/ho-so/${code}`);
        const before = await page.textContent('#trang-thai');
        // actions other than the next step sit in closed groups: open the one that holds it
        const group = page.locator(`details.action-group:has(#form-${action})`);
        if ((await group.count()) && (await group.getAttribute('open')) === null) await group.locator('summary').first().click();
        if (fill) await fill(page);
        const confirm = page.locator(`#confirm-${action}`);
        if (await confirm.count()) {
          // without the ticked confirmation the browser does not send the form
          await page.click(`#form-${action} button[type=submit]`);
          expect(await page.textContent('#trang-thai')).toBe(before);
          await confirm.check();
        }
        // the post answers 303 back to the dossier page: wait for that page itself, not any navigation
        const dossierUrl = `${t.baseUrl}/can-bo/ho-so/${code}`;
        await Promise.all([
          page.waitForResponse((r) => r.url() === dossierUrl && r.request().method() === 'GET'),
          page.click(`#form-${action} button[type=submit]`),
        ]);
        await page.waitForLoadState('load');
        expect(page.url()).toBe(dossierUrl);
        // the flash of the action just done (or, to say what went wrong, the page's error summary)
        const flash = page.locator('#thong-bao, .error-summary').first();
        expect(`${action}: ${await flash.textContent()}`).toContain(`${action}: Đã thực hiện`);
        await look(page, role, `sau-${action}`);
      };
      const resultDownload = async (page: Page) => {
        await page.goto(`${t.baseUrl}/can-bo/ho-so/${d.code}`);
        const href = await page.getAttribute('a:has-text("Tải kết quả đã ký số")', 'href');
        expect(href).toMatch(/^\/api\/v1\/files\//);
        const res = await page.request.get(`${t.baseUrl}${href}`);
        expect(res.status()).toBe(200);
        expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
      };

      const clerk = await as('clerk.00715.tpht');
      await open(clerk, 'mot-cua', 'hop-ho-so', '/can-bo');
      await open(clerk, 'mot-cua', 'ho-so', `/can-bo/ho-so/${d.code}`);
      await act(clerk, 'mot-cua', d.code, 'receive');
      await open(clerk, 'mot-cua', 'phieu-tiep-nhan', `/can-bo/ho-so/${d.code}/phieu/tiep-nhan`);
      const [spec] = await t.ds.query(`SELECT id FROM users WHERE username = 'specialist.00715.tpht'`);
      await act(clerk, 'mot-cua', d.code, 'assign', (p) => p.selectOption('#assignee-one', spec.id));
      await act(clerk, 'mot-cua', other.code, 'refuse', (p) => p.fill('#reason-refuse', 'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.'));
      expect(await clerk.textContent('#con-lai')).toBe('Đã kết thúc (từ chối tiếp nhận)');
      await open(clerk, 'mot-cua', 'phieu-tu-choi', `/can-bo/ho-so/${other.code}/phieu/tu-choi`);
      await open(clerk, 'mot-cua', 'tiep-nhan-truc-tiep', '/can-bo/tiep-nhan-truc-tiep');

      // ---- specialist proposes with an opinion; the leader sends it back once, then approves with the preview in view
      const specialist = await as('specialist.00715.tpht');
      await open(specialist, 'chuyen-vien', 'hop-ho-so', '/can-bo');
      await act(specialist, 'chuyen-vien', d.code, 'propose', (p) => p.fill('#reason-propose', 'Hồ sơ đủ điều kiện, đề nghị cấp.'));
      const leader = await as('leader.00715.tpht');
      await open(leader, 'lanh-dao', 'hop-ho-so', '/can-bo');
      await open(leader, 'lanh-dao', 'ho-so-xem-truoc', `/can-bo/ho-so/${d.code}`);
      expect(await leader.locator('iframe.result-preview').count()).toBe(1);
      expect(await leader.textContent('#y-kien-de-xuat')).toContain('Hồ sơ đủ điều kiện');
      const preview = await leader.request.get(`${t.baseUrl}/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`);
      expect(preview.headers()['content-type']).toBe('application/pdf');
      await act(leader, 'lanh-dao', d.code, 'reject', (p) => p.fill('#reason-reject', 'Bổ sung ý kiến về giấy tờ tùy thân.'));
      await act(specialist, 'chuyen-vien', d.code, 'propose', (p) => p.fill('#reason-propose', 'Đã xem lại giấy tờ tùy thân, đề nghị cấp.'));
      await act(leader, 'lanh-dao', d.code, 'approve');
      expect(await leader.textContent('#trang-thai')).toBe('Có kết quả');
      await act(clerk, 'mot-cua', d.code, 'return-result');
      // each staff role downloads the signed result from the dossier page
      for (const page of [clerk, specialist, leader]) await resultDownload(page);

      // ---- manager: dashboard, the dossier list and one dossier, the report, both exports
      const manager = await as('manager.026.ubnd');
      await open(manager, 'quan-ly', 'bang-dieu-hanh', '/quan-ly');
      await open(manager, 'quan-ly', 'danh-sach', '/quan-ly/ho-so');
      await open(manager, 'quan-ly', 'ho-so', `/quan-ly/ho-so/${d.code}`);
      await open(manager, 'quan-ly', 'bao-cao', '/quan-ly/bao-cao');
      await manager.goto(`${t.baseUrl}/quan-ly`);
      const csv = await manager.request.get(`${t.baseUrl}${await manager.getAttribute('a:has-text("Tải CSV")', 'href')}`);
      const xlsx = await manager.request.get(`${t.baseUrl}${await manager.getAttribute('a:has-text("Tải XLSX")', 'href')}`);
      expect([csv.status(), xlsx.status()]).toEqual([200, 200]);
      expect(csv.headers()['content-type']).toMatch(/text\/csv/);
      expect((await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/[à-ỹ]/i);
      expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

      // ---- administrator: a new staff account; a day added to the calendar and deleted again
      const admin = await as('admin.02.ubnd');
      await open(admin, 'quan-tri', 'can-bo', '/quan-tri/can-bo');
      await open(admin, 'quan-tri', 'can-bo-moi', '/quan-tri/can-bo/moi');
      const username = `mot-cua.ngay.${label}`;
      await admin.fill('#fullName', 'Nguyễn Thị Ngày');
      await admin.fill('#username', username);
      await admin.selectOption('#role', 'CLERK');
      await admin.selectOption('#agencyCode', '00715.TPHT');
      await admin.fill('#password', 'NgayLamViec2026');
      await Promise.all([admin.waitForURL(/\/quan-tri\/can-bo\?agencyCode=/), admin.getByRole('button', { name: 'Tạo tài khoản' }).click()]);
      expect(await admin.textContent('main')).toContain(username);
      await look(admin, 'quan-tri', 'can-bo-da-tao');
      const day = label === 'desktop' ? '2027-03-10' : '2027-03-11';
      const dayText = `${day.slice(8)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
      await open(admin, 'quan-tri', 'lich', '/quan-tri/lich?year=2027');
      await admin.fill('#date', day);
      await admin.fill('#name', 'Nghỉ thử nghiệm');
      await admin.fill('#legalSource', 'Quyết định của Ủy ban nhân dân tỉnh');
      await Promise.all([admin.waitForNavigation(), admin.getByRole('button', { name: 'Lưu', exact: true }).click()]);
      expect(await admin.textContent('#calendar-notice-title')).toContain(`Đã lưu ngày ${dayText}`);
      await look(admin, 'quan-tri', 'lich-da-them');
      await Promise.all([admin.waitForNavigation(), admin.getByRole('button', { name: `Xóa ngày ${dayText}` }).click()]);
      expect(await admin.textContent('#calendar-notice-title')).toContain(`Đã xóa ngày ${dayText}`);
      expect(await admin.getByRole('button', { name: `Xóa ngày ${dayText}` }).count()).toBe(0);
      await look(admin, 'quan-tri', 'lich-da-xoa');
      await open(admin, 'quan-tri', 'outbox', '/quan-tri/outbox');
      await open(admin, 'quan-tri', 'doi-soat', '/quan-tri/doi-soat-thanh-toan');

      for (const page of sessions) await page.context().close();
      expect(found).toEqual([]);
    });
  });
});
