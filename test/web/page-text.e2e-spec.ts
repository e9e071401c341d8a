import { bootApp, type TestApp } from '../helpers/app';
import { pageSession, type PageSession } from '../helpers/auth';
import { act, bearer } from '../consistency/support';
import { completeData, requiredDocuments } from '../dossiers/support';
import { feeDossier, feeProcedure } from '../integrations/payments-support';
import { LABEL_KINDS } from '../../src/common/vi-labels';
import * as VI from '../../src/common/vi-labels';

/**
 * Issue 13: every page people see, rendered with its real view model for each role, says nothing
 * in machine language — no NaN, undefined, [object …], enum tokens, raw codes or ISO dates in the
 * visible text (tags, attributes, scripts and styles are not visible and are not checked).
 */
const CITIZEN = '002048990005'; // Lò Văn Páo, xã Lũng Cú
const BIRTH = '1.001193';
const AG = '00715.TPHT';

/** The text a person reads: no script/style, no tags (so no attributes), entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/\s+/g, ' ');
}

/** Every upper-case code the portal knows (MALE, FATHER, ONLINE, PENDING_APPROVAL…). */
const CODES = [...new Set(
  [VI.STATUS_LABELS, VI.TIMELINESS_LABELS, VI.GENDER_LABELS, VI.RELATION_LABELS, VI.MARITAL_STATUS_LABELS, VI.CHANNEL_LABELS, VI.LEVEL_LABELS, VI.ONLINE_LEVEL_LABELS, VI.ROLE_LABELS, VI.PROCESSING_UNIT_LABELS, VI.PAYMENT_STATUS_LABELS, VI.DELIVERY_STATUS_LABELS]
    .flatMap((m) => Object.keys(m)),
)];

/** What is wrong with a page's visible text (empty when nothing). */
export function machineWords(text: string, dossierCodes: string[] = []): string[] {
  let t = text;
  for (const c of dossierCodes) t = t.split(c).join(' ');
  const found: string[] = [];
  for (const bad of ['NaN', 'undefined', '[object', 'null']) if (new RegExp(`(^|[^\\w])${bad.replace('[', '\\[')}($|[^\\w])`).test(t)) found.push(bad);
  for (const m of t.matchAll(/\b[A-Z]{3,}(_[A-Z]+)+\b/g)) found.push(m[0]);
  for (const m of t.matchAll(/\d{4}-\d{2}-\d{2}/g)) found.push(m[0]);
  for (const c of CODES) if (new RegExp(`(^|[^\\p{L}\\w])${c}($|[^\\p{L}\\w])`, 'u').test(t)) found.push(c);
  // Agency codes (00715.TPHT, 026.PTP, 02.STP) instead of the agency's name.
  for (const m of t.matchAll(/(?<![\w.-])\d{2,5}\.[A-Z]{2,6}(?![\w.-])/g)) found.push(m[0]);
  return [...new Set(found)];
}

describe('every page speaks Vietnamese to people (no NaN, codes, enums or ISO dates)', () => {
  let t: TestApp;
  const codes: string[] = [];
  let done: string; // RETURNED, with a signed result
  let waiting: string; // SUBMITTED
  let supplement: string; // SUPPLEMENT_REQUESTED
  let unpaid: string; // a fee to pay online

  async function submit(): Promise<string> {
    const auth = await bearer(t, CITIZEN);
    const token = auth.slice('Bearer '.length);
    const data = await completeData(t, token, BIRTH);
    const documents = await requiredDocuments(t, token, BIRTH);
    const res = await t.http.post('/api/v1/dossiers').set('Authorization', auth).send({ procedureCode: BIRTH, agencyCode: AG, data, documents });
    if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
    codes.push(res.body.code);
    return res.body.code as string;
  }

  beforeAll(async () => {
    t = await bootApp();
    done = await submit();
    await act(t, 'clerk.00715.tpht', done, { action: 'receive' });
    await act(t, 'clerk.00715.tpht', done, { action: 'assign', assignee: 'specialist.00715.tpht' });
    await act(t, 'specialist.00715.tpht', done, { action: 'propose' });
    await act(t, 'leader.00715.tpht', done, { action: 'approve' });
    await act(t, 'clerk.00715.tpht', done, { action: 'return-result' });
    waiting = await submit();
    supplement = await submit();
    await act(t, 'clerk.00715.tpht', supplement, { action: 'request-supplement', reason: 'Thiếu bản sao giấy chứng sinh' });
    await feeProcedure(t.ds);
    const [u] = await t.ds.query(`SELECT id, personal_id, full_name FROM users WHERE username = $1`, [CITIZEN]);
    unpaid = (await feeDossier(t.ds, { id: u.id, personalId: u.personal_id, fullName: u.full_name })).code;
    codes.push(unpaid);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function check(s: PageSession | null, paths: string[]): Promise<string[]> {
    const problems: string[] = [];
    for (const path of paths) {
      const res = await (s ?? t.http).get(path);
      if (!String(res.headers['content-type'] ?? '').includes('text/html')) {
        problems.push(`${path}: ${res.status} ${String(res.headers['content-type'])}`);
        continue;
      }
      if (res.status >= 400) problems.push(`${path}: HTTP ${res.status}`);
      const bad = machineWords(visibleText(res.text), codes);
      if (bad.length) problems.push(`${path}: ${bad.slice(0, 12).join(', ')}${bad.length > 12 ? ` … (${bad.length})` : ''}`);
    }
    return problems;
  }

  it('public pages', async () => {
    const [unit] = await t.ds.query(`SELECT code FROM administrative_units WHERE level = 'COMMUNE' ORDER BY code LIMIT 1`);
    const [issued] = await t.ds.query(`SELECT verification_code FROM result_documents WHERE dossier_code = $1`, [done]);
    expect(issued).toBeDefined();
    const verified = await t.http.get(`/xac-thuc?ma=${issued.verification_code}`).expect(200);
    expect(verified.text).toContain('Tư pháp'); // the signing agency by name
    expect(await check(null, [`/xac-thuc?ma=${issued.verification_code}`])).toEqual([]);
    expect(await check(null, [
      '/', '/thu-tuc', '/thu-tuc?q=khai+sinh', '/thu-tuc?page=2', `/thu-tuc/${BIRTH}`, '/don-vi', `/don-vi/${unit.code}`, '/cong-khai',
      '/xac-thuc', '/tra-cuu', `/tra-cuu?code=${done}&idLast4=${CITIZEN.slice(-4)}`, '/dang-nhap', '/dang-ky',
    ])).toEqual([]);
    // Pagination prints its page numbers; a procedure's steps their share of the time ("35 %").
    const list = await t.http.get('/thu-tuc').expect(200);
    expect(list.text).toMatch(/<span aria-current="page">1<\/span>/);
    expect(list.text).toMatch(/<a href="[^"]*page(=|&#x3D;)2[^"]*">2<\/a>/);
    const steps = (await t.http.get(`/thu-tuc/${BIRTH}`).expect(200)).text;
    expect(steps).toMatch(/<td>\d{1,3}(,\d)? %<\/td>/);
    expect(steps).not.toContain('%%');
  });

  it('citizen pages', async () => {
    const s = await pageSession(t, CITIZEN);
    expect(await check(s, [
      '/tai-khoan', '/tai-khoan/mat-khau', '/tai-khoan/truy-cap', '/ho-so-cua-toi',
      ...[done, waiting, supplement].flatMap((c) => [`/ho-so-cua-toi/${c}`, `/ho-so/${c}/xac-nhan`]),
      `/ho-so/${done}/ket-qua`, `/ho-so/${done}/phieu/tiep-nhan`, `/danh-gia/${done}`, `/nop-ho-so/${BIRTH}`, '/su-kien/khai-sinh',
      `/ho-so-cua-toi/${unpaid}`, `/thanh-toan/ho-so/${unpaid}`,
    ])).toEqual([]);
  });

  it('clerk, specialist and leader pages', async () => {
    const dossierPages = [done, waiting, supplement].map((c) => `/can-bo/ho-so/${c}`);
    const clerk = await pageSession(t, 'clerk.00715.tpht');
    expect(await check(clerk, [
      '/can-bo', '/can-bo?status=SUBMITTED', ...dossierPages, '/can-bo/tiep-nhan-truc-tiep',
      ...['tiep-nhan', 'yeu-cau-bo-sung', 'kiem-soat'].map((k) => `/can-bo/ho-so/${k === 'yeu-cau-bo-sung' ? supplement : done}/phieu/${k}`),
    ])).toEqual([]);
    for (const who of ['specialist.00715.tpht', 'leader.00715.tpht']) {
      const s = await pageSession(t, who);
      expect(await check(s, ['/can-bo', `/can-bo/ho-so/${done}`])).toEqual([]);
    }
  });

  it('manager pages', async () => {
    const s = await pageSession(t, 'manager.02.ubnd');
    expect(await check(s, ['/quan-ly', '/quan-ly?groupBy=procedure', '/quan-ly/ho-so', `/quan-ly/ho-so/${done}`, '/quan-ly/bao-cao'])).toEqual([]);
  });

  it('admin pages', async () => {
    const s = await pageSession(t, 'admin.02.ubnd');
    expect(await check(s, [
      '/quan-tri/can-bo', '/quan-tri/can-bo?page=2', '/quan-tri/can-bo/moi', '/quan-tri/lich', '/quan-tri/outbox', '/quan-tri/doi-soat-thanh-toan',
    ])).toEqual([]);
  });

  it('the checker itself finds what people must never read', () => {
    expect(LABEL_KINDS.length).toBeGreaterThan(5);
    const found = machineWords(visibleText('<p>NaN NaN</p><p title="PENDING_APPROVAL">Giới tính: MALE, 1994-03-15, 00715.TPHT</p><input value="2026-01-01">'));
    expect(found.sort()).toEqual(['00715.TPHT', '1994-03-15', 'MALE', 'NaN']);
    expect(machineWords(visibleText('<p>Nam, 15/03/1994, Công an xã Lũng Cú, 85,6 %</p>'))).toEqual([]);
  });

  it('an admin deletes a calendar exception through the page form (with CSRF) and reads a Vietnamese confirmation', async () => {
    const s = await pageSession(t, 'admin.02.ubnd');
    const year = '2031';
    const form = await s.get(`/quan-tri/lich?year=${year}`).expect(200);
    const added = await s.post('/quan-tri/lich').type('form')
      .send({ _csrf: s.csrf(), date: `${year}-07-15`, name: 'Ngày nghỉ thử nghiệm', working: 'false', legalSource: 'Quyết định thử nghiệm số 1/QĐ-UBND', note: '' });
    expect(added.status).toBe(303);
    const page = await s.get(`/quan-tri/lich?year=${year}`).expect(200);
    expect(form.text).not.toContain('15/07/' + year);
    expect(page.text).toContain('Đã lưu ngày 15/07/' + year);
    // The "Xóa ngày" button's own form: its action and its CSRF token, as a browser would send them.
    const m = new RegExp(`<form method="post" action="([^"]+)" class="inline-form">\\s*<input type="hidden" name="_csrf" value="([^"]+)">\\s*<button[^>]*>Xóa ngày 15/07/${year}</button>`).exec(page.text);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(`/quan-tri/lich/${year}-07-15/xoa`);
    const del = await s.post(m![1]).type('form').send({ _csrf: m![2] });
    expect(del.status).toBe(303);
    const after = await s.get(del.headers.location).expect(200);
    expect(after.text).toContain(`Đã xóa ngày 15/07/${year} khỏi lịch`);
    expect(machineWords(visibleText(after.text))).toEqual([]);
    const [row] = await t.ds.query(`SELECT count(*)::int AS n FROM calendar_exceptions WHERE date = $1`, [`${year}-07-15`]);
    expect(row.n).toBe(0);

    // Again (already deleted), a day that does not exist, and the old broken address: Vietnamese, never "Cannot POST".
    const again = await s.post(m![1]).type('form').send({ _csrf: m![2] });
    expect(again.status).toBe(404);
    expect(again.text).toContain(`Không có ngày ngoại lệ này trong lịch: ngày 15/07/${year} không có trong danh sách`);
    const invalid = await s.post(`/quan-tri/lich/${year}-02-30/xoa`).type('form').send({ _csrf: m![2] });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('ngày cần xóa không hợp lệ');
    const broken = await s.post('/quan-tri/lich/NaN/NaN/Na/xoa').type('form').send({ _csrf: m![2] });
    expect(broken.status).toBe(404);
    expect(broken.text).not.toMatch(/Cannot (POST|GET)/);
    expect(broken.text).toContain('Không tìm thấy trang');
    expect(broken.text).toContain('Địa chỉ này không có trên Cổng dịch vụ công');
    const unknownGet = await t.http.get('/khong-co-trang-nay').expect(404);
    expect(unknownGet.text).not.toMatch(/Cannot GET/);
    expect(unknownGet.headers['content-type']).toContain('text/html');
    // The API keeps its JSON error.
    const api = await t.http.get('/api/v1/khong-co').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404 });
    // Without the CSRF token nothing is deleted.
    await s.post('/quan-tri/lich').type('form').send({ _csrf: s.csrf(), date: `${year}-07-16`, name: 'Ngày thử 2', working: 'false', legalSource: 'QĐ thử', note: '' }).expect(303);
    const noToken = await s.post(`/quan-tri/lich/${year}-07-16/xoa`).type('form').send({});
    expect(noToken.status).toBe(403);
    const [kept] = await t.ds.query(`SELECT count(*)::int AS n FROM calendar_exceptions WHERE date = $1`, [`${year}-07-16`]);
    expect(kept.n).toBe(1);
  });

  it('an empty status lookup says what is missing, in Vietnamese', async () => {
    const empty = await t.http.get('/tra-cuu?code=&idLast4=').expect(400);
    expect(empty.text).toContain('Vui lòng nhập mã hồ sơ');
    expect(empty.text).toContain('Vui lòng nhập 4 số cuối số định danh cá nhân');
    const noId = await t.http.get(`/tra-cuu?code=${done}&idLast4=`).expect(400);
    expect(noId.text).not.toContain('Vui lòng nhập mã hồ sơ');
    expect(noId.text).toContain('Vui lòng nhập 4 số cuối');
    expect(noId.text).toContain(`value="${done}"`);
    // The receipt's QR link (code only) opens the form without a message.
    const link = await t.http.get(`/tra-cuu?code=${done}`).expect(200);
    expect(link.text).not.toContain('Vui lòng nhập');
  });
});
