import { bootApp, type TestApp } from '../helpers/app';
import { csrfFromHtml, pageSession, type PageSession } from '../helpers/auth';
import { pdfText } from '../helpers/pdf-text';
import { buildPdf } from '../files/pdf-builder';
import { Clock } from '../../src/common/clock';
import { at, citizens, makeDossier, token, type Citizen } from './factory';

const BIRTH = '1.001193';
const AG = '00715.TPHT';
const ENUM = /\b[A-Z]{3,}(_[A-Z]+)+\b/;
const RAW_KEYS = /\b(applicant|child|relationship|mother|father)[A-Z][A-Za-z]*\b/;

/** The visible text of a page (tags, scripts and attributes left out). */
const visible = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const formIds = (html: string) => [...html.matchAll(/<form method="post" action="\/can-bo\/ho-so\/[^"]+\/thao-tac"[^>]*id="form-([a-z-]+)"/g)].map((m) => m[1]).sort();
const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('staff dossier page: order of the work, confirmations, flash, preview and result', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(Clock);
    [citizen] = await citizens(t.ds, 1);
    clock.set(at('2026-11-23 10:00'));
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const version = async (code: string) => (await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]))[0].version as number;
  const api = async (username: string, code: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/v1/dossiers/${code}/actions`)
      .set('Authorization', `Bearer ${await token(t, username)}`)
      .send({ expectedVersion: await version(code), ...body });
    if (res.status !== 200) throw new Error(`${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const post = async (s: PageSession, code: string, fields: Record<string, string>) => {
    const page = await s.get(`/can-bo/ho-so/${code}`).expect(200);
    return s.post(`/can-bo/ho-so/${code}/thao-tac`).type('form').send({ _csrf: csrfFromHtml(page.text)!, expectedVersion: String(await version(code)), ...fields });
  };

  /** A birth registration with real form data and one uploaded PDF as the birth certificate. */
  async function birthDossier() {
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await t.ds.query(`UPDATE dossiers SET data = $2 WHERE id = $1`, [
      d.id,
      JSON.stringify({ applicantName: citizen.fullName, applicantPersonalId: citizen.personalId, relationshipToChild: 'FATHER', childName: 'Nguyễn Minh An', childDateOfBirth: '2026-11-01', childGender: 'MALE' }),
    ]);
    const up = await t.http
      .post('/api/v1/files')
      .set('Authorization', `Bearer ${await token(t, citizen.personalId)}`)
      .attach('file', buildPdf(), { filename: 'giay-chung-sinh.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    await t.ds.query(`INSERT INTO dossier_documents (dossier_id, document_key, file_id) VALUES ($1, 'giay_chung_sinh', $2)`, [d.id, up.body.id]);
    return { ...d, fileId: up.body.id as string };
  }

  it('shows summary, data, documents, timeline, then the actions of each role, in that order', async () => {
    const d = await birthDossier();
    const clerk = await pageSession(t, 'clerk.00715.tpht');
    const page = (await clerk.get(`/can-bo/ho-so/${d.code}`).expect(200)).text;
    const order = ['id="tom-tat"', 'id="du-lieu"', 'id="giay-to"', 'id="qua-trinh"', 'id="thao-tac"'].map((x) => page.indexOf(x));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Data in words, documents under their required-document names with an inline viewer.
    const text = visible(page);
    expect(text).toContain('Quan hệ với trẻ Cha');
    expect(text).toContain('01/11/2026');
    expect(text).not.toMatch(ENUM);
    expect(text).not.toMatch(RAW_KEYS);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).toContain('Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh Bắt buộc giay-chung-sinh.pdf (1 KB)');
    expect(text).toContain('Tờ khai đăng ký khai sinh theo mẫu Bắt buộc Chưa có tệp đính kèm.');
    expect(page).toContain(`<iframe src="/api/v1/files/${d.fileId}?xem=1"`);
    expect(text).toMatch(/Chưa tiếp nhận/);
    // The clerk's actions: receive first and distinct, refuse set apart with its confirmation.
    expect(formIds(page)).toEqual(['receive', 'refuse', 'request-supplement']);
    expect(page).toMatch(/class="panel action-form action-form--primary" id="form-receive"/);
    expect(page.indexOf('id="form-receive"')).toBeLessThan(page.indexOf('id="form-refuse"'));
    expect(page).toMatch(/id="confirm-refuse" name="xacNhan" value="1" required/);
    expect(page).not.toContain('id="confirm-receive"');
    // The leader has nothing to do on an unreceived dossier; a manager reads without acting.
    expect(formIds((await (await pageSession(t, 'leader.00715.tpht')).get(`/can-bo/ho-so/${d.code}`).expect(200)).text)).toEqual([]);
    expect(formIds((await (await pageSession(t, 'manager.02.ubnd')).get(`/can-bo/ho-so/${d.code}`).expect(200)).text)).toEqual([]);

    await api('clerk.00715.tpht', d.code, { action: 'receive' });
    await api('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    const specialist = await pageSession(t, 'specialist.00715.tpht');
    const inProgress = (await specialist.get(`/can-bo/ho-so/${d.code}`).expect(200)).text;
    expect(formIds(inProgress)).toEqual(['extend', 'propose', 'request-supplement', 'transfer']);
    expect(inProgress).toMatch(/action-form--primary" id="form-propose"/);
    expect(inProgress).toContain('<label for="reason-propose">Ý kiến đề xuất của chuyên viên</label>');
    expect(visible(inProgress)).toMatch(/Hẹn trả kết quả \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} — Còn \d+ (ngày|giờ)( \d+ (giờ|phút))? làm việc/);
    // The inline viewer answers inline, still nosniff; the plain link stays a download.
    const inline = await specialist.get(`/api/v1/files/${d.fileId}?xem=1`).expect(200);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect((await specialist.get(`/api/v1/files/${d.fileId}`).expect(200)).headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('refusing without the confirmation changes nothing; with it the dossier moves and a message follows once', async () => {
    const d = await birthDossier();
    const clerk = await pageSession(t, 'clerk.00715.tpht');
    const events = async () => Number((await t.ds.query(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1`, [d.id]))[0].count);
    const before = await events();
    const refused = await post(clerk, d.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền giải quyết' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('error-summary');
    expect(refused.text).toContain('href="#confirm-refuse"');
    expect(visible(refused.text)).toContain('Chưa xác nhận: đánh dấu ô «Tôi xác nhận…» để từ chối tiếp nhận. Hồ sơ chưa thay đổi.');
    // What the clerk typed is still there.
    expect(refused.text).toContain('>Không thuộc thẩm quyền giải quyết</textarea>');
    expect((await t.ds.query(`SELECT status, version FROM dossiers WHERE id = $1`, [d.id]))[0]).toEqual({ status: 'SUBMITTED', version: 1 });
    expect(await events()).toBe(before);

    const done = await post(clerk, d.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền giải quyết', xacNhan: '1' });
    expect(done.status).toBe(303);
    const after = await clerk.get(`/can-bo/ho-so/${d.code}`).expect(200);
    expect(visible(after.text)).toContain(`Đã thực hiện «Từ chối tiếp nhận» cho hồ sơ ${d.code}. Trạng thái: Từ chối tiếp nhận.`);
    expect(after.text).toContain('id="thong-bao"');
    expect((await clerk.get(`/can-bo/ho-so/${d.code}`).expect(200)).text).not.toContain('id="thong-bao"');

    // A receive (no confirmation needed) says the new deadline.
    const other = await birthDossier();
    expect((await post(clerk, other.code, { action: 'receive' })).status).toBe(303);
    expect(visible((await clerk.get(`/can-bo/ho-so/${other.code}`)).text)).toMatch(/Đã thực hiện «Tiếp nhận» cho hồ sơ \S+\. Trạng thái: Đã tiếp nhận\. Hẹn trả kết quả: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./);
  });

  it('the leader reads the opinion, previews the draft, must confirm, and signs the result the catalog names', async () => {
    const d = await birthDossier();
    await api('clerk.00715.tpht', d.code, { action: 'receive' });
    await api('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    const specialist = await pageSession(t, 'specialist.00715.tpht');
    expect((await post(specialist, d.code, { action: 'propose', reason: 'Hồ sơ đầy đủ, đề nghị đăng ký khai sinh.' })).status).toBe(303);
    const [ev] = await t.ds.query(`SELECT reason FROM dossier_events WHERE dossier_id = $1 AND action = 'propose'`, [d.id]);
    expect(ev.reason).toBe('Hồ sơ đầy đủ, đề nghị đăng ký khai sinh.');

    const leader = await pageSession(t, 'leader.00715.tpht');
    const page = (await leader.get(`/can-bo/ho-so/${d.code}`).expect(200)).text;
    expect(visible(page)).toContain('Ý kiến đề xuất của chuyên viên Hồ sơ đầy đủ, đề nghị đăng ký khai sinh.');
    expect(formIds(page)).toEqual(['approve', 'extend', 'reject']);
    expect(page).toMatch(/id="form-approve" data-progress="Đang ký số/);
    expect(page).toContain(`<iframe class="result-preview" src="/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf"`);
    expect(page).toContain('<script src="/public/js/signing-progress.js" defer></script>');
    expect((await t.http.get('/public/js/signing-progress.js').expect(200)).text).toContain('Đang ký số…');

    // The preview: the same document as approval renders, unsigned and marked.
    const preview = await leader.get(`/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`).buffer(true).parse(binary).expect(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    expect(preview.headers['x-content-type-options']).toBe('nosniff');
    expect(preview.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect((preview.body as Buffer).toString('latin1')).not.toContain('/ByteRange');
    const draft = pdfText(preview.body as Buffer);
    expect(draft).toContain('BẢN XEM TRƯỚC');
    expect(draft).toContain('GIẤY KHAI SINH');
    expect(draft).toContain('Nghị định 123/2015/NĐ-CP');
    expect(draft).not.toContain('85/2019/TT-BTC');
    expect(draft).toContain('Quan hệ với trẻ: \nCha');
    expect(draft).not.toMatch(RAW_KEYS);
    expect(draft).not.toMatch(ENUM);
    expect(draft).not.toMatch(/\bMALE\b|\bFATHER\b|\d{4}-\d{2}-\d{2}/);
    // Staff of the agency may see it; another agency's staff and the citizen may not.
    expect((await (await pageSession(t, 'clerk.00715.tpht')).get(`/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`)).status).toBe(200);
    expect((await (await pageSession(t, 'leader.00688.tpht')).get(`/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`)).status).toBe(404);
    expect((await (await pageSession(t, citizen.personalId)).get(`/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`)).status).toBe(403);
    expect((await t.http.get(`/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`)).status).toBe(302);

    // Approval without the confirmation changes nothing.
    const unconfirmed = await post(leader, d.code, { action: 'approve' });
    expect(unconfirmed.status).toBe(422);
    expect((await t.ds.query(`SELECT status FROM dossiers WHERE id = $1`, [d.id]))[0].status).toBe('PENDING_APPROVAL');
    expect((await post(leader, d.code, { action: 'approve', xacNhan: '1', reason: 'Đồng ý' })).status).toBe(303);
    const approved = (await leader.get(`/can-bo/ho-so/${d.code}`).expect(200)).text;
    expect(visible(approved)).toContain(`Đã thực hiện «Phê duyệt» cho hồ sơ ${d.code}. Trạng thái: Có kết quả.`);
    // No preview once the result is signed.
    expect((await leader.get(`/can-bo/ho-so/${d.code}/ban-xem-truoc.pdf`)).status).toBe(404);

    const [r] = await t.ds.query(`SELECT file_id, template FROM result_documents WHERE dossier_id = $1`, [d.id]);
    expect(r.template).toBe('ket-qua-chung-nhan');
    const signed = await leader.get(`/api/v1/files/${r.file_id}`).buffer(true).parse(binary).expect(200);
    const result = pdfText(signed.body as Buffer);
    expect((signed.body as Buffer).toString('latin1')).toContain('/ByteRange');
    expect(result).toContain('GIẤY KHAI SINH');
    expect(result).toContain('Nghị định 123/2015/NĐ-CP');
    expect(result).not.toContain('85/2019/TT-BTC');
    expect(result).not.toContain('BẢN XEM TRƯỚC');
    expect(result).toContain('Nguyễn Minh An');
    expect(result).toContain('01/11/2026');
    expect(result).not.toMatch(RAW_KEYS);
    expect(result).not.toMatch(/\bMALE\b|\bFATHER\b|\d{4}-\d{2}-\d{2}/);
  });

  it('a certificate of marital status cites its own law and is titled by the catalog, not as a generic decision', async () => {
    const [p] = await t.ds.query(`SELECT code, result FROM procedures WHERE is_current AND result ILIKE 'Giấy xác nhận tình trạng hôn nhân%' LIMIT 1`);
    const [agency] = await t.ds.query(
      `SELECT a.code FROM agencies a, procedures pr WHERE pr.code = $1 AND pr.is_current AND a.unit_code = '00715'
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(pr.steps) s WHERE s->>'agencyKind' = a.kind AND s->>'level' = a.level) LIMIT 1`,
      [p.code],
    );
    const code = agency?.code ?? AG;
    const lc = code.toLowerCase();
    const d = await makeDossier(t.ds, { procedureCode: p.code, agencyCode: code, citizen });
    await api(`clerk.${lc}`, d.code, { action: 'receive' });
    await api(`clerk.${lc}`, d.code, { action: 'assign', assignee: `specialist.${lc}` });
    await api(`specialist.${lc}`, d.code, { action: 'propose' });
    const v = await api(`leader.${lc}`, d.code, { action: 'approve' });
    const file = await t.http.get(`/api/v1/files/${v.resultFileId}`).set('Authorization', `Bearer ${await token(t, citizen.personalId)}`).buffer(true).parse(binary).expect(200);
    const text = pdfText(file.body as Buffer);
    expect(text).toContain('GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN');
    expect(text).not.toContain('QUYẾT ĐỊNH GIẢI QUYẾT');
    expect(text).toMatch(/Căn cứ [^;]*(Nghị định|Luật|Thông tư)/);
    expect(text).not.toMatch(/Căn cứ [^;\n]*TT-BTC/);
  });

  it("a specialist's inbox puts their assigned dossiers first, most urgent on top", async () => {
    const QUIET = '00700.TPHT';
    const unreceived = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: QUIET, citizen });
    const mineLater = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: QUIET, citizen });
    const mineSooner = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: QUIET, citizen });
    const notMine = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: QUIET, citizen });
    clock.set(at('2026-11-20 09:00'));
    await api('clerk.00700.tpht', notMine.code, { action: 'receive' });
    clock.set(at('2026-11-20 10:00'));
    await api('clerk.00700.tpht', mineSooner.code, { action: 'receive' });
    clock.set(at('2026-11-23 09:00'));
    await api('clerk.00700.tpht', mineLater.code, { action: 'receive' });
    await api('clerk.00700.tpht', mineSooner.code, { action: 'assign', assignee: 'specialist.00700.tpht' });
    await api('clerk.00700.tpht', mineLater.code, { action: 'assign', assignee: 'specialist.00700.tpht' });
    clock.set(at('2026-11-23 10:00'));
    const specialist = await pageSession(t, 'specialist.00700.tpht');
    const page = (await specialist.get('/can-bo').expect(200)).text;
    const pos = [mineSooner, mineLater, unreceived, notMine].map((d) => page.indexOf(d.code));
    expect(pos.every((i) => i > 0)).toBe(true);
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
    expect(visible(page)).toContain('Hồ sơ được giao cho bạn ở trên');
    // The clerk's inbox keeps the plain order: unreceived first, then by deadline.
    const clerkPage = (await (await pageSession(t, 'clerk.00700.tpht')).get('/can-bo').expect(200)).text;
    expect(clerkPage.indexOf(unreceived.code)).toBeLessThan(clerkPage.indexOf(notMine.code));
    expect(clerkPage.indexOf(notMine.code)).toBeLessThan(clerkPage.indexOf(mineSooner.code));
  });
});
