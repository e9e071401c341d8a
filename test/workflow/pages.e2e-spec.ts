import { bootApp, type TestApp } from '../helpers/app';
import { csrfFromHtml, pageSession } from '../helpers/auth';
import { Clock } from '../../src/common/clock';
import { QueueService } from '../../src/workflow/queue.service';
import { at, citizens, makeDossier, token, type Citizen } from './factory';

const BIRTH = '1.001193';
const AG = '00715.TPHT';
const QUIET = '00700.TPHT';

describe('staff pages, slips and verification', () => {
  let t: TestApp;
  let clock: Clock;
  let citizen: Citizen;

  beforeAll(async () => {
    t = await bootApp();
    clock = t.app.get(Clock);
    [citizen] = await citizens(t.ds, 1);
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const api = async (username: string, code: string, body: Record<string, unknown>) => {
    const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
    const res = await t.http
      .post(`/api/v1/dossiers/${code}/actions`)
      .set('Authorization', `Bearer ${await token(t, username)}`)
      .send({ expectedVersion: row.version, ...body });
    if (res.status !== 200) throw new Error(`${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('inbox: own agency only, sorted by deadline, coloured, filtered', async () => {
    // An agency no other test uses, so that the first page holds exactly what this test expects.
    clock.set(at('2026-11-23 10:00'));
    const late = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: QUIET, citizen });
    const fresh = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: QUIET, citizen });
    const elsewhere = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: '00688.TPHT', citizen });
    clock.set(at('2026-11-20 10:00'));
    await api('clerk.00700.tpht', late.code, { action: 'receive' }); // due Mon 23/11 10:00 → overdue at 11:00
    clock.set(at('2026-11-23 11:00'));
    await api('clerk.00700.tpht', fresh.code, { action: 'receive' }); // due Tue 24/11 11:00 → due soon
    const s = await pageSession(t, 'clerk.00700.tpht');
    const page = await s.get('/can-bo').expect(200);
    expect(page.text).toContain(late.code);
    expect(page.text).toContain(fresh.code);
    expect(page.text).not.toContain(elsewhere.code);
    expect(page.text.indexOf(late.code)).toBeLessThan(page.text.indexOf(fresh.code));
    expect(page.text).toMatch(/class="due--late">Quá hạn/);
    expect(page.text).toMatch(/class="due--soon">Còn/);
    const overdue = await s.get('/can-bo?han=qua-han').expect(200);
    expect(overdue.text).toContain(late.code);
    expect(overdue.text).not.toContain(fresh.code);
    const soon = await s.get('/can-bo?han=sap-het').expect(200);
    expect(soon.text).toContain(fresh.code);
    expect(soon.text).not.toContain(late.code);
    const submitted = await s.get('/can-bo?status=SUBMITTED').expect(200);
    expect(submitted.text).not.toContain(fresh.code);
    // Anonymous → login page; a citizen → 403.
    const anon = await t.http.get('/can-bo');
    expect(anon.status).toBe(302);
    expect(anon.headers.location).toContain('/dang-nhap');
  });

  it('queue order and paging equal one ORDER BY over the whole queue (mixed statuses, missing due dates)', async () => {
    const agency = '00688.CA';
    const statuses = ['SUBMITTED', 'RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'PENDING_APPROVAL', 'RESULT_READY', 'RETURNED'];
    for (let i = 0; i < 28; i++) {
      const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: agency, citizen, submittedAt: new Date(Date.UTC(2026, 10, 1 + (i % 9), i)) });
      const status = statuses[i % statuses.length];
      const due = status === 'SUBMITTED' || (status === 'SUPPLEMENT_REQUESTED' && i % 2 === 0) ? null : new Date(Date.UTC(2026, 10, 20 + (i % 5), (i * 7) % 24));
      await t.ds.query(`UPDATE dossiers SET status = $2, due_at = $3 WHERE id = $1`, [d.id, status, due]);
    }
    const [user] = await t.ds.query(`SELECT id, username, role, agency_code, full_name FROM users WHERE username = 'clerk.00688.ca'`);
    const actor = { id: user.id, username: user.username, role: user.role, agencyCode: agency, personalId: null, fullName: user.full_name, isStaff: true };
    const expected: string[] = (
      await t.ds.query(
        `SELECT code FROM dossiers WHERE agency_code = $1 AND status NOT IN ('RETURNED','REFUSED','WITHDRAWN')
          ORDER BY due_at ASC NULLS FIRST, submitted_at ASC`,
        [agency],
      )
    ).map((r: { code: string }) => r.code);
    const queue = t.app.get(QueueService);
    const got: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const r = await queue.list(actor, { page, pageSize: 5 });
      expect(r.total).toBe(expected.length);
      got.push(...r.items.map((x) => x.code));
    }
    expect(got).toEqual(expected);
    const only = await queue.list(actor, { status: 'SUPPLEMENT_REQUESTED', pageSize: 100 });
    expect(only.items.every((x) => x.status === 'SUPPLEMENT_REQUESTED')).toBe(true);
    expect(only.items.map((x) => x.dueAt === null)).toEqual([true, true, false, false].slice(0, only.items.length));
  });

  it('bulk assignment assigns every checked dossier to one specialist', async () => {
    clock.set(at('2026-11-23 10:00'));
    const a = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    const b = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await api('clerk.00715.tpht', a.code, { action: 'receive' });
    await api('clerk.00715.tpht', b.code, { action: 'receive' });
    const [spec] = await t.ds.query(`SELECT id FROM users WHERE username = 'specialist.00715.tpht'`);
    const s = await pageSession(t, 'clerk.00715.tpht');
    const res = await s
      .post('/can-bo/phan-cong')
      .type('form')
      .send(`_csrf=${encodeURIComponent(s.csrf())}&dossiers=${encodeURIComponent(a.code + ':2')}&dossiers=${encodeURIComponent(b.code + ':2')}&assignee=${spec.id}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('daPhanCong=2');
    const rows = await t.ds.query(`SELECT status, assignee_user_id FROM dossiers WHERE code = ANY($1)`, [[a.code, b.code]]);
    expect(rows).toEqual([{ status: 'IN_PROGRESS', assignee_user_id: spec.id }, { status: 'IN_PROGRESS', assignee_user_id: spec.id }]);
  });

  it('dossier page: data, timeline, action forms with CSRF; a page action moves the dossier; errors are shown', async () => {
    clock.set(at('2026-11-23 10:00'));
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    const s = await pageSession(t, 'clerk.00715.tpht');
    const page = await s.get(`/can-bo/ho-so/${d.code}`).expect(200);
    expect(page.text).toContain('Hồ sơ thử nghiệm');
    expect(page.text).toContain('id="form-receive"');
    expect(page.text).toContain('id="form-refuse"');
    const csrf = csrfFromHtml(page.text)!;
    const bad = await s.post(`/can-bo/ho-so/${d.code}/thao-tac`).type('form').send({ _csrf: csrf, action: 'refuse', expectedVersion: '1', reason: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('error-summary');
    const ok = await s.post(`/can-bo/ho-so/${d.code}/thao-tac`).type('form').send({ _csrf: csrf, action: 'receive', expectedVersion: '1' });
    expect(ok.status).toBe(303);
    const stale = await s.post(`/can-bo/ho-so/${d.code}/thao-tac`).type('form').send({ _csrf: csrf, action: 'receive', expectedVersion: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('cập nhật bởi');
    const noCsrf = await s.post(`/can-bo/ho-so/${d.code}/thao-tac`).type('form').send({ action: 'assign', expectedVersion: '2' });
    expect(noCsrf.status).toBe(403);
    const after = await s.get(`/can-bo/ho-so/${d.code}`).expect(200);
    expect(after.text).toContain('Đã tiếp nhận');
    expect(after.text).toContain('/phieu/tiep-nhan');
    // Another agency's staff cannot see it.
    const other = await pageSession(t, 'clerk.00688.tpht');
    expect((await other.get(`/can-bo/ho-so/${d.code}`)).status).toBe(404);
  });

  it('slips: receipt, supplement request, refusal, apology and control sheet as HTML and PDF', async () => {
    clock.set(at('2026-11-23 10:00'));
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await api('clerk.00715.tpht', d.code, { action: 'receive' });
    await api('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    await api('specialist.00715.tpht', d.code, { action: 'request-supplement', reason: 'Bổ sung bản sao giấy chứng sinh' });
    clock.set(at('2026-11-23 11:00'));
    await api(citizen.personalId, d.code, { action: 'supplement' });
    clock.set(at('2026-11-23 12:30'));
    await api('specialist.00715.tpht', d.code, { action: 'extend', reason: 'Cần xác minh thông tin cha mẹ', newDueAt: '2026-11-26T10:00:00+07:00' });
    const s = await pageSession(t, 'clerk.00715.tpht');
    const receipt = await s.get(`/can-bo/ho-so/${d.code}/phieu/tiep-nhan`).expect(200);
    expect(receipt.text).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(receipt.text).toContain('Mẫu số 01');
    expect(receipt.text).toContain('24/11/2026 10:00');
    // the foot names the form's version in words, never the template's internal key
    expect(receipt.text).toContain('Mẫu phiên bản 1, áp dụng từ 21/08/2018');
    expect(receipt.text).not.toMatch(/\btiep-nhan phiên bản|Biểu mẫu tiep-nhan|TIEP-NHAN/);
    expect(receipt.text).toContain(`Số: ${d.code}/GTN`);
    const supp = await s.get(`/can-bo/ho-so/${d.code}/phieu/yeu-cau-bo-sung`).expect(200);
    expect(supp.text).toContain('Bổ sung bản sao giấy chứng sinh');
    const apology = await s.get(`/can-bo/ho-so/${d.code}/phieu/xin-loi`).expect(200);
    expect(apology.text).toContain('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
    expect(apology.text).toContain('26/11/2026 10:00');
    const sheet = await s.get(`/can-bo/ho-so/${d.code}/phieu/kiem-soat`).expect(200);
    expect(sheet.text).toContain('Phiếu kiểm soát quá trình giải quyết hồ sơ');
    expect(sheet.text).toContain('Thẩm định');
    expect(sheet.text).toMatch(/giờ làm việc \/ 4 giờ làm việc/);
    expect((await s.get(`/can-bo/ho-so/${d.code}/phieu/tu-choi`)).status).toBe(404);
    const pdf = await s.get(`/can-bo/ho-so/${d.code}/phieu/kiem-soat.pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    // The citizen may print their own slips; others may not.
    const bearer = await token(t, citizen.personalId);
    expect((await t.http.get(`/ho-so/${d.code}/phieu/tiep-nhan.pdf`).set('Authorization', `Bearer ${bearer}`)).status).toBe(200);
    const refused = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await api('clerk.00715.tpht', refused.code, { action: 'refuse', reason: 'Không thuộc thẩm quyền' });
    const refusal = await s.get(`/can-bo/ho-so/${refused.code}/phieu/tu-choi`).expect(200);
    expect(refusal.text).toContain('Phiếu từ chối tiếp nhận giải quyết hồ sơ');
    expect(refusal.text).toContain('Không thuộc thẩm quyền');
  });

  it('signed result: the citizen downloads it; /xac-thuc verifies it by file and by code; a tampered copy fails', async () => {
    clock.set(at('2026-11-23 10:00'));
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: AG, citizen });
    await api('clerk.00715.tpht', d.code, { action: 'receive' });
    await api('clerk.00715.tpht', d.code, { action: 'assign', assignee: 'specialist.00715.tpht' });
    await api('specialist.00715.tpht', d.code, { action: 'propose' });
    const v = await api('leader.00715.tpht', d.code, { action: 'approve' });
    const bearer = await token(t, citizen.personalId);
    const file = await t.http.get(`/api/v1/files/${v.resultFileId}`).set('Authorization', `Bearer ${bearer}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    const pdf = file.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/adbe.pkcs7.detached');
    const byFile = await t.http.post('/api/v1/verify').attach('file', pdf, { filename: 'kq.pdf', contentType: 'application/pdf' });
    expect(byFile.status).toBe(200);
    expect(byFile.body).toMatchObject({ valid: true, matchesIssuedFile: true, issued: { dossierCode: d.code, agencyCode: AG } });
    expect(byFile.body.signature).toMatchObject({ integrity: true, signatureValid: true, chainValid: true, coversWholeFile: true });
    const code = byFile.body.issued.verificationCode;
    const page = await t.http.get(`/xac-thuc?ma=${code}`).expect(200);
    expect(page.text).toContain('Hợp lệ');
    expect(page.text).toContain(d.code);
    // Change one byte inside the signed content.
    const tampered = Buffer.from(pdf);
    const idx = tampered.indexOf(Buffer.from('Kết quả'.normalize(), 'latin1'));
    const pos = idx > 0 ? idx : 400;
    tampered[pos] = tampered[pos] === 0x41 ? 0x42 : 0x41;
    const bad = await t.http.post('/api/v1/verify').attach('file', tampered, { filename: 'kq.pdf', contentType: 'application/pdf' });
    expect(bad.body.valid).toBe(false);
    expect((await t.http.get('/api/v1/verify?code=AAAAA-AAAAA')).status).toBe(404);
    expect((await t.http.get('/api/v1/verify?code=nope')).status).toBe(400);
    // Someone else's account cannot download it.
    const [, other] = await citizens(t.ds, 2);
    const otherBearer = await token(t, other.personalId);
    expect((await t.http.get(`/api/v1/files/${v.resultFileId}`).set('Authorization', `Bearer ${otherBearer}`)).status).toBe(404);
  });

  it('admin calendar page lists, adds and deletes exceptions; non-admins are refused', async () => {
    const admin = await pageSession(t, 'admin.02.ubnd');
    const page = await admin.get('/quan-tri/lich?year=2026').expect(200);
    expect(page.text).toContain('Tết Nguyên đán');
    const add = await admin.post('/quan-tri/lich').type('form').send({ _csrf: admin.csrf(), date: '2026-12-24', name: 'Nghỉ thử nghiệm', working: 'false' });
    expect(add.status).toBe(303);
    expect((await admin.get('/quan-tri/lich?year=2026')).text).toContain('Nghỉ thử nghiệm');
    const bad = await admin.post('/quan-tri/lich').type('form').send({ _csrf: admin.csrf(), date: '2026-02-31', name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('error-summary');
    const del = await admin.post('/quan-tri/lich/2026-12-24/xoa').type('form').send({ _csrf: admin.csrf() });
    expect(del.status).toBe(303);
    expect((await admin.get('/quan-tri/lich?year=2026')).text).not.toContain('Nghỉ thử nghiệm');
    const clerk = await pageSession(t, 'clerk.00715.tpht');
    expect((await clerk.get('/quan-tri/lich')).status).toBe(403);
  });
});
