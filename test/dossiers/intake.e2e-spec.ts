import { bootApp, type TestApp } from '../helpers/app';
import { csrfFromHtml, pageSession, type PageSession } from '../helpers/auth';
import { isLockedField } from '../../src/submission/prefill';
import { counts, PDF, procedureForm, sampleValue } from './support';

const ELDER = '002048990005'; // Lũng Cú (00715)
const MOTHER = '002197990002'; // Trần Phú (00691), mother of the demo newborn
const FATHER = '002094990001'; // head of the same household, the demo citizen
const RESIDENCE = '1.010041';

describe('Counter intake and the newborn life event', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('counter intake (clerk)', () => {
    let clerk: PageSession;
    beforeAll(async () => {
      clerk = await pageSession(t, 'clerk.00715.ca');
    });

    it('is for clerks only', async () => {
      const citizen = await pageSession(t, ELDER);
      await citizen.get('/can-bo/tiep-nhan-truc-tiep').expect(403);
      await t.http.get('/can-bo/tiep-nhan-truc-tiep').expect(302);
    });

    it('lists the procedures the clerk\'s agency receives and validates the lookup', async () => {
      const start = await clerk.get('/can-bo/tiep-nhan-truc-tiep').expect(200);
      expect(start.text).toContain(`value="${RESIDENCE}"`);
      const bad = await clerk.get(`/can-bo/tiep-nhan-truc-tiep?personalId=123&procedureCode=${RESIDENCE}`).expect(422);
      expect(bad.text).toContain('12 chữ số');
    });

    it('looks the citizen up (logged), then records the dossier with the same validation, channel COUNTER', async () => {
      const before = await t.ds.query('SELECT count(*)::int AS n FROM access_log WHERE citizen_personal_id = $1', [ELDER]);
      const page = await clerk.get(`/can-bo/tiep-nhan-truc-tiep?personalId=${ELDER}&procedureCode=${RESIDENCE}`).expect(200);
      expect(page.text).toContain('Tiếp nhận hồ sơ trực tiếp');
      expect(page.text).toContain('Từ CSDL quốc gia về dân cư');
      const after = await t.ds.query('SELECT count(*)::int AS n FROM access_log WHERE citizen_personal_id = $1', [ELDER]);
      expect(after[0].n).toBe(before[0].n + 1);

      const form = await procedureForm(t, RESIDENCE);
      const csrf = clerk.csrf();
      const phone = form.fields.find((f) => f.type === 'phone')!;
      // same validation: a bad phone number is refused, nothing written
      const c0 = await counts(t);
      const badReq = clerk.post(`/can-bo/tiep-nhan-truc-tiep`).field('_csrf', csrf).field('personalId', ELDER).field('procedureCode', RESIDENCE).field(`f_${phone.key}`, '123');
      const bad = await badReq;
      expect(bad.status).toBe(422);
      expect(bad.text).toMatch(/không phải số điện thoại/);
      expect(await counts(t)).toEqual(c0);

      const req = clerk.post(`/can-bo/tiep-nhan-truc-tiep`).field('_csrf', csrf).field('personalId', ELDER).field('procedureCode', RESIDENCE);
      for (const f of form.fields) {
        if (f.prefill?.startsWith('registry.')) continue;
        const v = sampleValue(f);
        if (f.type !== 'checkbox') req.field(`f_${f.key}`, String(v));
        else if (v) req.field(`f_${f.key}`, 'on');
      }
      for (const d of form.documents.filter((x) => x.required)) req.attach(`doc_${d.key}`, PDF, `${d.key}.pdf`);
      const res = await req.expect(303);
      const code = decodeURIComponent(res.headers.location.split('/').pop()!);
      expect(code).toMatch(/^00715\.CA-\d{6}-\d{4}$/);
      const [d] = await t.ds.query('SELECT channel, status, applicant_personal_id, applicant_user_id FROM dossiers WHERE code = $1', [code]);
      expect(d).toMatchObject({ channel: 'COUNTER', status: 'SUBMITTED', applicant_personal_id: ELDER });
      expect(d.applicant_user_id).not.toBeNull();
      await clerk.get(res.headers.location).expect(200);
      const [ev] = await t.ds.query(`SELECT e.action, e.actor_role FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = $1`, [code]);
      expect(ev).toEqual({ action: 'submit', actor_role: 'CLERK' });
    });

    it('keeps nothing for the clerk: a refused post with three files stores no file and no draft, and offers no draft button', async () => {
      const page = await clerk.get(`/can-bo/tiep-nhan-truc-tiep?personalId=${ELDER}&procedureCode=${RESIDENCE}`).expect(200);
      expect(page.text).not.toContain('name="action" value="draft"');
      const form = await procedureForm(t, RESIDENCE);
      const phone = form.fields.find((f) => f.type === 'phone')!;
      const docs = form.documents.slice(0, 3);
      expect(docs.length).toBeGreaterThan(0);
      const before = { ...(await counts(t)), drafts: (await t.ds.query('SELECT count(*)::int AS n FROM drafts'))[0].n };
      // a bad phone number, three files, and a forged "draft" action: still one refused submission
      const req = clerk.post('/can-bo/tiep-nhan-truc-tiep').field('_csrf', clerk.csrf()).field('personalId', ELDER).field('procedureCode', RESIDENCE).field('action', 'draft').field(`f_${phone.key}`, '123');
      for (const [i, d] of docs.entries()) req.attach(`doc_${d.key}`, PDF, `giay-to-${i + 1}.pdf`);
      const res = await req;
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/không phải số điện thoại/);
      expect(res.text).toContain('Vui lòng chọn lại tệp đính kèm');
      expect(res.text).not.toContain('Đã đính kèm');
      expect(res.text).not.toContain('name="action" value="draft"');
      expect(res.text).toContain('<input type="hidden" name="draftId" value="">');
      const after = { ...(await counts(t)), drafts: (await t.ds.query('SELECT count(*)::int AS n FROM drafts'))[0].n };
      expect(after).toEqual(before);
    });
  });

  describe('newborn form: prefilled from the household, each document once, drafts, files kept', () => {
    const value = (html: string, name: string) => {
      const m = new RegExp(`<input id="${name}" name="${name}" type="text" value="([^"]*)"`).exec(html);
      return m?.[1];
    };

    it('fills what the registry knows for the father: parents, relation, the household address and head', async () => {
      const father = await pageSession(t, FATHER);
      const page = await father.get('/su-kien/khai-sinh').expect(200);
      const [hh] = await t.ds.query(`SELECT h.address, hc.full_name AS head FROM registry.citizens c JOIN registry.households h ON h.id = c.household_id JOIN registry.citizens hc ON hc.personal_id = h.head_personal_id WHERE c.personal_id = $1`, [FATHER]);
      const [mother] = await t.ds.query(`SELECT full_name FROM registry.citizens WHERE personal_id = $1`, [MOTHER]);
      const [me] = await t.ds.query(`SELECT full_name FROM registry.citizens WHERE personal_id = $1`, [FATHER]);
      expect({
        father: value(page.text, 'f_fatherName'),
        mother: value(page.text, 'f_motherName'),
        address: value(page.text, 'f_newAddress'),
        head: value(page.text, 'f_householdHeadName'),
      }).toEqual({ father: me.full_name, mother: mother.full_name, address: hh.address, head: hh.head });
      expect(page.text).toMatch(/<option value="FATHER" selected>Cha<\/option>/);
      // each document asked once: the birth certificate is one input
      const inputs = [...page.text.matchAll(/type="file"/g)].length;
      const docs = new Set((await t.ds.query(`SELECT documents FROM procedures WHERE bundle = 'newborn' AND is_current`)).flatMap((r: { documents: { key: string }[] }) => r.documents.map((d) => d.key)));
      expect(inputs).toBe(docs.size);
      expect([...page.text.matchAll(/chứng sinh/gi)].length).toBe(1);
      // a draft button; the child's place of birth in the child's section
      expect(page.text).toContain('name="action" value="draft"');
      const childSection = page.text.slice(page.text.indexOf('Người được nộp hồ sơ thay'));
      expect(page.text.indexOf('Người được nộp hồ sơ thay')).toBeGreaterThan(0);
      expect(childSection).toContain('id="f_placeOfBirth"');
    });

    it('a validation error keeps three files as draft attachments (POST-redirect-GET, no token in the address)', async () => {
      const mother = await pageSession(t, MOTHER);
      const page = await mother.get('/su-kien/khai-sinh').expect(200);
      const docKeys = [...page.text.matchAll(/<input id="doc_([a-z0-9_]+)" name="doc_/g)].map((m) => m[1]!).slice(0, 3);
      const req = mother.post('/su-kien/khai-sinh').field('_csrf', csrfFromHtml(page.text)!).field('f_childName', 'Hoàng Minh Khôi').field('f_childDateOfBirth', '2999-01-01');
      for (const k of docKeys) req.attach(`doc_${k}`, PDF, `${k}.pdf`);
      const res = await req;
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/su-kien\/khai-sinh\?draft=[0-9a-f-]{36}&loi=1$/);
      expect(res.headers.location).not.toContain('_csrf');
      const again = await mother.get(res.headers.location).expect(200);
      expect(again.text).toContain('Vui lòng kiểm tra lại thông tin');
      expect(again.text).toContain('value="Hoàng Minh Khôi"');
      for (const k of docKeys) expect(again.text).toMatch(new RegExp(`name="pick_${k}" value="[0-9a-f-]{36}" checked> <span><strong>Đã đính kèm:</strong> ${k}\\.pdf`));
      // listed with the other drafts, and opened on its own form
      const draftId = /draft=([0-9a-f-]{36})/.exec(res.headers.location)![1]!;
      // "Lưu nháp" on the newborn form: the same draft, the kept files still attached
      const save = mother.post('/su-kien/khai-sinh').field('_csrf', csrfFromHtml(again.text)!).field('draftId', draftId).field('action', 'draft').field('f_childName', 'Hoàng Minh Khôi');
      for (const m of again.text.matchAll(/name="(pick_[a-z0-9_]+)" value="([0-9a-f-]{36})" checked> <span><strong>Đã đính kèm/g)) save.field(m[1]!, m[2]!);
      const saved = await save;
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`/su-kien/khai-sinh?draft=${draftId}&da-luu=1`);
      const resumed = await mother.get(saved.headers.location).expect(200);
      expect(resumed.text).toContain('Đã lưu nháp');
      expect([...resumed.text.matchAll(/<strong>Đã đính kèm:<\/strong>/g)].length).toBe(3);
      expect((await mother.get('/ho-so-cua-toi').expect(200)).text).toContain(`?draft=${draftId}`);
      const open = await mother.get(`/nop-ho-so/newborn?draft=${draftId}`).expect(302);
      expect(open.headers.location).toBe(`/su-kien/khai-sinh?draft=${draftId}`);
      await t.ds.query('DELETE FROM drafts WHERE id = $1', [draftId]);
    });
  });

  describe('newborn: one form → three linked dossiers', () => {
    it('creates three dossiers at their three agencies with one bundle id, shown together', async () => {
      const mother = await pageSession(t, MOTHER);
      const page = await mother.get('/su-kien/khai-sinh').expect(200);
      expect(page.text).toContain('Một tờ khai, ba hồ sơ');
      const procs: { code: string }[] = await t.ds.query(`SELECT code FROM procedures WHERE bundle = 'newborn' AND is_current`);
      expect(procs).toHaveLength(3);
      const fields = new Map<string, ReturnType<typeof Object>>();
      const docs = new Set<string>();
      for (const p of procs) {
        const f = await procedureForm(t, p.code);
        for (const x of f.fields) if (!fields.has(x.key)) fields.set(x.key, x);
        for (const d of f.documents.filter((y) => y.required)) docs.add(d.key);
      }
      const req = mother.post(`/su-kien/khai-sinh`).field('_csrf', mother.csrf()).field('submissionKey', 'newborn-once-1');
      for (const f of fields.values() as Iterable<any>) {
        // locked identity fields come from the registry; the household prefill is posted like any field
        if (isLockedField(f)) continue;
        let v: any = sampleValue(f);
        if (f.key === 'childName') v = 'Hoàng Minh An';
        if (f.type === 'date') v = '2026-11-01';
        if (f.type === 'checkbox') {
          if (v) req.field(`f_${f.key}`, 'on');
        } else req.field(`f_${f.key}`, String(v));
      }
      for (const k of docs) req.attach(`doc_${k}`, PDF, `${k}.pdf`);
      const res = await req;
      if (res.status !== 303) throw new Error(/<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? String(res.status));
      if (!res.headers.location.startsWith('/ho-so/')) throw new Error(/<div class="error-summary"[\s\S]*?<\/div>/.exec((await mother.get(res.headers.location)).text)?.[0]);
      const rows: { code: string; agency_code: string; bundle_id: string; subject_name: string }[] = await t.ds.query(
        `SELECT code, agency_code, bundle_id, subject_name FROM dossiers WHERE applicant_personal_id = $1 AND bundle_id IS NOT NULL ORDER BY code`,
        [MOTHER],
      );
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r.bundle_id)).size).toBe(1);
      expect(new Set(rows.map((r) => r.code)).size).toBe(3);
      expect(new Set(rows.map((r) => r.agency_code)).size).toBe(3);
      expect(rows.every((r) => r.subject_name === 'Hoàng Minh An')).toBe(true);
      const ack = await mother.get(res.headers.location).expect(200);
      for (const r of rows) expect(ack.text).toContain(r.code);
      // the same form posted again (refresh) does not create three more
      const again = mother.post(`/su-kien/khai-sinh`).field('_csrf', mother.csrf()).field('submissionKey', 'newborn-once-1');
      const r2 = await again;
      expect([303, 422]).toContain(r2.status);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM dossiers WHERE applicant_personal_id = $1 AND bundle_id IS NOT NULL`, [MOTHER]);
      expect(n).toBe(3);
    });
  });
});
