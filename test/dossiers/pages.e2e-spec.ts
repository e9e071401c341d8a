import { bootApp, type TestApp } from '../helpers/app';
import { csrfFromHtml, pageSession, type PageSession } from '../helpers/auth';
import { counts, PDF, procedureForm, sampleValue, type ProcedureForm } from './support';

const ELDER = '002048990005'; // Lũng Cú (00715)
const YOUNG = '019307990006';
const RESIDENCE = '1.010041';

describe('Dossier pages (form, drafts, acknowledgement, my dossiers, lookup)', () => {
  let t: TestApp;
  let s: PageSession;
  let other: PageSession;
  let form: ProcedureForm;

  beforeAll(async () => {
    t = await bootApp();
    [s, other] = await Promise.all([pageSession(t, ELDER), pageSession(t, YOUNG)]);
    form = await procedureForm(t, RESIDENCE);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A multipart post of the form with every non-registry field filled. */
  function post(agent: PageSession, fields: Record<string, string>, files: Record<string, [Buffer, string]> = {}, csrf = agent.csrf()) {
    const req = agent.post(`/nop-ho-so/${RESIDENCE}`).field('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) if (v !== "") req.field(k, v);
    for (const [k, [buf, name]] of Object.entries(files)) req.attach(k, buf, name);
    return req;
  }

  /** The same post, the fields given as they are (a token from a given page). */
  function agentPost(agent: PageSession, fields: Record<string, string>, csrf = agent.csrf()) {
    const req = agent.post(`/nop-ho-so/${RESIDENCE}`).field('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) if (v !== '') req.field(k, v);
    return req;
  }

  function typedFields(overrides: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of form.fields) {
      if (f.prefill?.startsWith('registry.')) continue;
      const v = sampleValue(f);
      if (f.type === 'checkbox') {
        if (v) out[`f_${f.key}`] = 'on';
      } else out[`f_${f.key}`] = String(v);
    }
    return { ...out, ...overrides };
  }

  function requiredFiles(): Record<string, [Buffer, string]> {
    const out: Record<string, [Buffer, string]> = {};
    for (const d of form.documents.filter((x) => x.required)) out[`doc_${d.key}`] = [PDF, `${d.key}.pdf`];
    return out;
  }

  it('sends anonymous visitors to sign in', async () => {
    const res = await t.http.get(`/nop-ho-so/${RESIDENCE}`).expect(302);
    expect(res.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent(`/nop-ho-so/${RESIDENCE}`)}`);
  });

  it('renders the form prefilled, with sources, locked registry fields and the default agency', async () => {
    const res = await s.get(`/nop-ho-so/${RESIDENCE}`).expect(200);
    const nameKey = form.fields.find((f) => f.prefill === 'registry.fullName')!.key;
    expect(res.text).toMatch(new RegExp(`<input id="f_${nameKey}" name="f_${nameKey}" type="text" value="[^"]+"[^>]*readonly`));
    expect(res.text).toContain('Từ CSDL quốc gia về dân cư');
    expect(res.text).toMatch(/<option value="00715\.CA" selected>/);
    expect(res.text).toContain('name="_csrf"');
    expect(res.text).toContain('Lưu nháp');
    expect(res.text).toMatch(/<label for="doc_/);
  });

  it('404 for an unknown procedure', async () => {
    await s.get('/nop-ho-so/9.999999').expect(404);
  });

  it('shows field errors and a summary, keeping what was typed, and writes nothing', async () => {
    const before = await counts(t);
    const phone = form.fields.find((f) => f.type === 'phone')!;
    const text = form.fields.find((f) => (f.type === 'text' || f.type === 'textarea') && !f.prefill)!;
    const posted = await post(s, { ...typedFields({ [`f_${phone.key}`]: '0212345678', [`f_${text.key}`]: 'Giữ nguyên nội dung này' }), action: 'submit' });
    // POST-redirect-GET: what was given is kept in a draft, shown again with its errors
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toMatch(new RegExp(`^/nop-ho-so/${RESIDENCE}\\?draft=[0-9a-f-]{36}&loi=1$`));
    const res = await s.get(posted.headers.location).expect(200);
    expect(res.text).toContain('Vui lòng kiểm tra lại thông tin');
    expect(res.text).toContain(`href="#f_${phone.key}"`);
    expect(res.text).toMatch(/không phải số điện thoại di động Việt Nam hợp lệ/);
    expect(res.text).toContain('value="0212345678"');
    expect(res.text).toContain('Giữ nguyên nội dung này');
    // the required documents were not attached
    expect(res.text).toMatch(/Vui lòng đính kèm/);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a renamed executable with a clear field error and no rows', async () => {
    const before = await counts(t);
    const files = requiredFiles();
    const firstKey = Object.keys(files)[0]!;
    files[firstKey] = [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]), 'don.pdf'];
    const res = await post(s, { ...typedFields(), action: 'submit' }, files);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/tệp chương trình/);
    expect(res.text).toContain(`href="#${firstKey}"`);
    expect(await counts(t)).toEqual(before);
  });

  it('keeps three valid files through a validation error (as draft attachments) and submits them once the field is fixed', async () => {
    const before = await counts(t);
    const phone = form.fields.find((f) => f.type === 'phone')!;
    const doc = form.documents.find((d) => d.required)!;
    const names = ['to-khai-1.pdf', 'to-khai-2.pdf', 'to-khai-3.pdf'];
    const req = agentPost(s, { ...typedFields({ [`f_${phone.key}`]: '12' }), action: 'submit' });
    for (const n of names) req.attach(`doc_${doc.key}`, PDF, n);
    const res = await req;
    expect(res.status).toBe(303);
    expect(res.headers.location).not.toMatch(/_csrf/);
    const draftId = /draft=([0-9a-f-]{36})&loi=1$/.exec(res.headers.location)![1]!;
    const page = await s.get(res.headers.location).expect(200);
    expect(page.text).toMatch(/không phải số điện thoại di động Việt Nam hợp lệ/);
    expect(page.text).toContain('các tệp hợp lệ đã được giữ lại trong bản nháp');
    const kept = [...page.text.matchAll(new RegExp(`name="pick_${doc.key}" value="([0-9a-f-]{36})" checked> <span><strong>Đã đính kèm:</strong> ([^<(]+)`, 'g'))];
    expect(kept.map((m) => m[2]!.trim()).sort()).toEqual(names);
    expect(page.text).toContain(`name="draftId" value="${draftId}"`);
    // nothing submitted yet: only the three files kept for the draft
    expect(await counts(t)).toEqual({ ...before, files: before.files + 3 });

    // fix the field, keep the three ticked files, no new upload
    const fields: Record<string, string> = { ...typedFields(), draftId, submissionKey: /name="submissionKey" value="([^"]+)"/.exec(page.text)![1]!, action: 'submit' };
    const fix = agentPost(s, fields, csrfFromHtml(page.text)!);
    for (const m of kept) fix.field(`pick_${doc.key}`, m[1]!);
    const done = await fix;
    expect(done.status).toBe(303);
    expect(done.headers.location).toMatch(/^\/ho-so\/[^/]+\/xac-nhan$/);
    const code = decodeURIComponent(done.headers.location.split('/')[2]!);
    const docs = await t.ds.query(
      `SELECT f.name FROM dossier_documents dd JOIN dossiers d ON d.id = dd.dossier_id JOIN files f ON f.id = dd.file_id WHERE d.code = $1 ORDER BY f.name`,
      [code],
    );
    expect(docs.map((d: { name: string }) => d.name)).toEqual(names);
    expect(await t.ds.query('SELECT id FROM drafts WHERE id = $1', [draftId])).toEqual([]);
  });

  it('refuses a forged form without the CSRF token, and a token in the address is not read', async () => {
    await s.post(`/nop-ho-so/${RESIDENCE}`).field('action', 'submit').expect(403);
    await s.post(`/nop-ho-so/${RESIDENCE}?_csrf=${encodeURIComponent(s.csrf())}`).field('action', 'submit').expect(403);
    const page = await s.get(`/nop-ho-so/${RESIDENCE}`).expect(200);
    expect(page.text).toMatch(/<form method="post" action="\/nop-ho-so\/[^"?]+" enctype="multipart\/form-data"/);
  });

  describe('drafts', () => {
    let draftId: string;
    it('saves a draft without JavaScript and resumes it', async () => {
      const text = form.fields.find((f) => (f.type === 'text' || f.type === 'textarea') && !f.prefill)!;
      const res = await post(s, { [`f_${text.key}`]: 'Nháp chưa xong', action: 'draft' }).expect(303);
      const m = /\?draft=([0-9a-f-]{36})&da-luu=1$/.exec(res.headers.location);
      expect(m).not.toBeNull();
      draftId = m![1]!;
      const page = await s.get(res.headers.location).expect(200);
      expect(page.text).toContain('Đã lưu nháp');
      expect(page.text).toContain('Nháp chưa xong');
      expect(page.text).toContain(`name="draftId" value="${draftId}"`);
      const list = await s.get('/ho-so-cua-toi').expect(200);
      expect(list.text).toContain(`?draft=${draftId}`);
    });
    it('saves the same draft again (no second draft)', async () => {
      const text = form.fields.find((f) => (f.type === 'text' || f.type === 'textarea') && !f.prefill)!;
      const res = await post(s, { [`f_${text.key}`]: 'Nháp chưa xong', draftId, action: 'draft' }).expect(303);
      expect(res.headers.location).toContain(`draft=${draftId}`);
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM drafts WHERE user_id = (SELECT id FROM users WHERE username = $1) AND data::text LIKE '%Nháp chưa xong%'`,
        [ELDER],
      );
      expect(n).toBe(1);
    });
    it('another citizen cannot open or overwrite it (404)', async () => {
      await other.get(`/nop-ho-so/${RESIDENCE}?draft=${draftId}`).expect(404);
      const res = await post(other, { draftId, action: 'draft', [`f_${form.fields[0]!.key}`]: 'x' });
      expect(res.status).toBe(404);
      const res2 = await post(other, { ...typedFields(), draftId, action: 'submit' }, requiredFiles());
      expect(res2.status).toBe(404);
      const [row] = await t.ds.query('SELECT data FROM drafts WHERE id = $1', [draftId]);
      expect(JSON.stringify(row.data)).toContain('Nháp chưa xong');
    });
    it('a submitted draft disappears', async () => {
      const res = await post(s, { ...typedFields(), draftId, action: 'submit' }, requiredFiles()).expect(303);
      expect(res.headers.location).toMatch(/^\/ho-so\/00715\.CA-\d{6}-\d{4}\/xac-nhan$/);
      const rows = await t.ds.query('SELECT id FROM drafts WHERE id = $1', [draftId]);
      expect(rows).toEqual([]);
    });
  });

  describe('submission and the citizen space', () => {
    let code: string;
    it('submits with attachments and shows the acknowledgement with QR code and PDF receipt', async () => {
      const key = '4b1c2f0e-1111-4222-8333-944445555666';
      const res = await post(s, { ...typedFields(), submissionKey: key, action: 'submit' }, requiredFiles());
      if (res.status !== 303) throw new Error(/<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0]);
      code = decodeURIComponent(res.headers.location.split('/')[2]!);
      // a double click (same form, same key) gives the same dossier
      const again = await post(s, { ...typedFields(), submissionKey: key, action: 'submit' }, requiredFiles()).expect(303);
      expect(again.headers.location).toBe(res.headers.location);
      const ack = await s.get(res.headers.location).expect(200);
      expect(ack.text).toContain(code);
      expect(ack.text).toContain('Công an');
      expect(ack.text).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Mã QR/);
      expect(ack.text).toContain(`/ho-so/${code}/xac-nhan.pdf`);
      const pdf = await s.get(`/ho-so/${code}/xac-nhan.pdf`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const docs = await t.ds.query(
        `SELECT f.owner_user_id IS NOT NULL AS owned FROM dossier_documents dd JOIN dossiers d ON d.id = dd.dossier_id JOIN files f ON f.id = dd.file_id WHERE d.code = $1`,
        [code],
      );
      expect(docs.length).toBe(form.documents.filter((d) => d.required).length);
    });
    it('another citizen cannot see the acknowledgement or the receipt', async () => {
      await other.get(`/ho-so/${code}/xac-nhan`).expect(404);
      await other.get(`/ho-so/${code}/xac-nhan.pdf`).expect(404);
      await other.get(`/ho-so-cua-toi/${code}`).expect(404);
    });
    it('lists it in "Hồ sơ của tôi" with its timeline', async () => {
      const list = await s.get('/ho-so-cua-toi').expect(200);
      expect(list.text).toContain(code);
      const detail = await s.get(`/ho-so-cua-toi/${code}`).expect(200);
      expect(detail.text).toContain('Quá trình xử lý');
      expect(detail.text).toContain('Nộp hồ sơ');
      expect(detail.text).toContain('Rút hồ sơ');
    });
    it('offers earlier files from the document store on the next form', async () => {
      const page = await s.get(`/nop-ho-so/${RESIDENCE}`).expect(200);
      expect(page.text).toContain('Từ kho giấy tờ của bạn');
      expect(page.text).toMatch(/name="pick_[^"]+" value="[0-9a-f-]{36}" checked/);
    });
    it('withdraws before reception through the workflow', async () => {
      const detail = await s.get(`/ho-so-cua-toi/${code}`).expect(200);
      const csrf = csrfFromHtml(detail.text)!;
      const res = await s.post(`/ho-so-cua-toi/${code}/rut`).type('form').send({ _csrf: csrf, expectedVersion: '1', reason: 'Nộp nhầm' });
      expect(res.status).toBe(303);
      const [row] = await t.ds.query('SELECT status, version FROM dossiers WHERE code = $1', [code]);
      expect(row.status).toBe('WITHDRAWN');
      const after = await s.get(`/ho-so-cua-toi/${code}`).expect(200);
      expect(after.text).not.toContain('name="reason"');
    });
  });

  describe('supplement when asked', () => {
    it('the citizen uploads what the clerk asked for, through the workflow', async () => {
      const res = await post(s, { ...typedFields(), action: 'submit' }, requiredFiles()).expect(303);
      const code = decodeURIComponent(res.headers.location.split('/')[2]!);
      const login = await t.http.post('/api/v1/auth/login').send({ username: 'clerk.00715.ca', password: 'MotCua@2026' }).expect(200);
      await t.http
        .post(`/api/v1/dossiers/${code}/actions`)
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .send({ action: 'request-supplement', expectedVersion: 1, reason: 'Bổ sung bản chụp rõ nét hơn' })
        .expect(200);
      const detail = await s.get(`/ho-so-cua-toi/${code}`).expect(200);
      expect(detail.text).toContain('Bổ sung bản chụp rõ nét hơn');
      const [{ version }] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
      const docKey = form.documents[0]!.key;
      const up = await s
        .post(`/ho-so-cua-toi/${code}/bo-sung`).field('_csrf', csrfFromHtml(detail.text)!)
        .field('expectedVersion', String(version))
        .field('note', 'Đã bổ sung')
        .attach(`doc_${docKey}`, PDF, 'bo-sung.pdf');
      expect(up.status).toBe(303);
      const [row] = await t.ds.query('SELECT status FROM dossiers WHERE code = $1', [code]);
      expect(row.status).not.toBe('SUPPLEMENT_REQUESTED');
      const files = await t.ds.query(
        `SELECT f.name FROM dossier_documents dd JOIN dossiers d ON d.id = dd.dossier_id JOIN files f ON f.id = dd.file_id WHERE d.code = $1`,
        [code],
      );
      expect(files.map((f: { name: string }) => f.name)).toContain('bo-sung.pdf');
    });
  });

  describe('public lookup page', () => {
    it('shows the status for the right code and digits only', async () => {
      const [d] = await t.ds.query('SELECT code FROM dossiers WHERE applicant_personal_id = $1 LIMIT 1', [ELDER]);
      const ok = await t.http.get(`/tra-cuu?code=${d.code}&idLast4=${ELDER.slice(-4)}`).set('X-Forwarded-For', '10.1.0.1').expect(200);
      expect(ok.text).toContain('Kết quả tra cứu');
      expect(ok.text).not.toContain(ELDER);
      const bad = await t.http.get(`/tra-cuu?code=${d.code}&idLast4=9999`).set('X-Forwarded-For', '10.1.0.1').expect(404);
      expect(bad.text).toContain('Không tìm thấy hồ sơ');
      const blank = await t.http.get('/tra-cuu').expect(200);
      expect(blank.text).toContain('4 số cuối');
    });
  });
});
