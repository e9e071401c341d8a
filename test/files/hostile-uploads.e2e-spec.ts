/**
 * Issue 10, "files made harmless": every hostile file generated in hostile-files.ts goes through
 * the API and through a page form (multipart with CSRF) against the real app with a real clamd;
 * each is refused with its message — or stored only re-encoded — and nothing else is stored
 * (no `files` row, no blob under DATA_DIR, a `file.refused` security event per refusal).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { SecurityLogService, type SecurityEventInput } from '../../src/audit/security-log.service';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, csrfFromHtml, pageSession, type PageSession } from '../helpers/auth';
import { startClamd, type TestClamd } from '../helpers/clamd';
import { completeData, procedureForm, requiredDocuments, sampleValue, type ProcedureForm } from '../dossiers/support';
import { citizens, makeDossier, token as staffToken } from '../workflow/factory';
import { benignFiles, hostileFiles, type BenignFile, type SampleFile } from './hostile-files';

const ELDER = '002048990005'; // Lũng Cú (00715)
const MOTHER = '002197990002';
const RESIDENCE = '1.010041';
const BIRTH = '1.001193';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Page text with Handlebars' escapes undone, to compare with the API's message. */
function pageText(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function countBlobs(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

function binary(res: unknown, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  (res as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c));
  (res as NodeJS.ReadableStream).on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('Hostile uploads are refused or made harmless (API and forms, with ClamAV)', () => {
  let clamd: TestClamd;
  let t: TestApp;
  let dataDir: string;
  let bearer: string;
  let page: PageSession;
  let form: ProcedureForm;
  let docKey: string;
  let hostile: SampleFile[];
  let benign: BenignFile[];
  let events: SecurityEventInput[];

  beforeAll(async () => {
    clamd = await startClamd();
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-files-'));
    t = await bootApp({ env: { DATA_DIR: dataDir, CLAMAV_SOCKET: clamd.socketPath } });
    const log = t.app.get(SecurityLogService);
    events = [];
    const record = log.record.bind(log);
    jest.spyOn(log, 'record').mockImplementation((e) => {
      events.push(e);
      record(e);
    });
    [bearer, page] = await Promise.all([apiToken(t, ELDER), pageSession(t, ELDER)]);
    form = await procedureForm(t, RESIDENCE);
    docKey = form.documents[0]!.key;
    [hostile, benign] = await Promise.all([hostileFiles(), benignFiles()]);
  });
  afterAll(async () => {
    await t?.close();
    await clamd?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const stored = async () => {
    const [r] = await t.ds.query('SELECT (SELECT count(*)::int FROM files) AS rows, (SELECT count(*)::int FROM drafts) AS drafts');
    return { rows: r.rows as number, drafts: r.drafts as number, blobs: countBlobs(join(dataDir, 'files')) };
  };

  const upload = (f: { content: Buffer; name: string }) =>
    t.http.post('/api/v1/files').set('Authorization', `Bearer ${bearer}`).attach('file', f.content, f.name);

  const download = async (id: string): Promise<Buffer> =>
    (await t.http.get(`/api/v1/files/${id}`).set('Authorization', `Bearer ${bearer}`).buffer(true).parse(binary).expect(200)).body as Buffer;

  /** "Lưu nháp" of the online form with one attachment: stores the file if (and only if) it is accepted. */
  const postDraft = (f: { content: Buffer; name: string }) =>
    page
      .post(`/nop-ho-so/${RESIDENCE}`).field('_csrf', page.csrf())
      .field('action', 'draft')
      .attach(`doc_${docKey}`, f.content, f.name);

  async function expectStoredOnlyRewritten(f: SampleFile, fileId: string, sentSha: string) {
    const [row] = await t.ds.query('SELECT sha256, size, mime_type FROM files WHERE id = $1', [fileId]);
    const bytes = await download(fileId);
    expect({ id: f.id, sha: row.sha256, size: Number(row.size) }).toEqual({ id: f.id, sha: sha256(bytes), size: bytes.length });
    expect(row.sha256).not.toBe(sentSha);
    if (f.expect.refused) throw new Error('unreachable');
    for (const gone of f.expect.gone) expect({ id: f.id, payloadKept: bytes.includes(gone) }).toEqual({ id: f.id, payloadKept: false });
    const meta = await sharp(bytes).metadata();
    expect({ id: f.id, exif: meta.exif, format: meta.format }).toEqual({ id: f.id, exif: undefined, format: row.mime_type === 'image/png' ? 'png' : 'jpeg' });
  }

  it('has at least 40 hostile files covering every kind', () => {
    const ids = hostile.map((f) => f.id);
    expect(hostile.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['openaction', 'launch', 'embedded', 'xfa', 'header-elf', 'header-mz', 'header-html', 'zip', 'jpeg-plus-php', 'png-plus-html', 'eicar', 'png-50000']) {
      expect({ kind, covered: ids.some((id) => id.includes(kind)) }).toEqual({ kind, covered: true });
    }
  });

  it('API: each hostile file is refused with its reason and message (or stored only re-encoded); nothing else is stored', async () => {
    let refused = 0;
    for (const f of hostile) {
      const before = await stored();
      const seen = events.length;
      const res = await upload(f);
      if (f.expect.refused) {
        refused++;
        expect({ id: f.id, status: res.status, body: res.body }).toEqual({
          id: f.id,
          status: 422,
          body: { statusCode: 422, error: 'Unprocessable Entity', message: expect.stringMatching(f.expect.message), details: { reason: f.expect.reason } },
        });
        expect(res.body.message).toContain(`Tệp "${f.name}" không được chấp nhận`);
        expect({ id: f.id, stored: await stored() }).toEqual({ id: f.id, stored: before });
        expect(events.slice(seen)).toEqual([
          expect.objectContaining({
            type: 'file.refused',
            outcome: 'blocked',
            reason: f.expect.reason,
            actor: { id: expect.any(String), username: ELDER, role: 'CITIZEN', agencyCode: null },
            ip: expect.any(String),
            details: expect.objectContaining({ sha256: sha256(f.content), size: f.content.length, declaredName: f.name }),
          }),
        ]);
      } else {
        expect({ id: f.id, status: res.status }).toEqual({ id: f.id, status: 201 });
        expect(await stored()).toEqual({ ...before, rows: before.rows + 1, blobs: before.blobs + 1 });
        await expectStoredOnlyRewritten(f, res.body.id, sha256(f.content));
        expect(events.length).toBe(seen);
      }
    }
    expect(refused).toBeGreaterThanOrEqual(40);
  });

  it('form: the same files posted with the online form are refused on the page with the same message, nothing stored', async () => {
    const label = form.documents[0]!.name;
    for (const f of hostile) {
      const before = await stored();
      const res = await postDraft(f);
      if (f.expect.refused) {
        expect({ id: f.id, status: res.status }).toEqual({ id: f.id, status: 422 });
        const text = pageText(res.text);
        expect(text).toContain(`${label} "${f.name}" không được chấp nhận`);
        expect({ id: f.id, message: f.expect.message.test(text) }).toEqual({ id: f.id, message: true });
        expect({ id: f.id, stored: await stored() }).toEqual({ id: f.id, stored: before });
      } else {
        expect({ id: f.id, status: res.status }).toEqual({ id: f.id, status: 303 });
        const draftId = /draft=([0-9a-f-]{36})/.exec(res.headers.location)![1];
        const [draft] = await t.ds.query('SELECT documents FROM drafts WHERE id = $1', [draftId]);
        const fileId = draft.documents[docKey][0] as string;
        await expectStoredOnlyRewritten(f, fileId, sha256(f.content));
      }
    }
    expect(events.filter((e) => e.type === 'file.refused').length).toBe(2 * hostile.filter((f) => f.expect.refused).length);
  });

  it('newborn form, counter intake and supplement refuse them too, storing nothing', async () => {
    const samples = ['pdf-openaction-js', 'jpeg-plus-php', 'eicar-in-pdf', 'pdf-plus-zip'].map((id) => hostile.find((f) => f.id === id)!);
    const before = await stored();

    const mother = await pageSession(t, MOTHER);
    const newbornDocs = (await t.ds.query(`SELECT documents FROM procedures WHERE bundle = 'newborn' AND is_current`)).flatMap((r: { documents: { key: string }[] }) => r.documents);
    for (const f of samples) {
      const res = await mother.post(`/su-kien/khai-sinh`).field('_csrf', mother.csrf()).field('submissionKey', `hostile-${f.id}`).attach(`doc_${newbornDocs[0].key}`, f.content, f.name);
      expect({ id: f.id, status: res.status, refused: f.expect.refused && f.expect.message.test(pageText(res.text)) }).toEqual({ id: f.id, status: 422, refused: true });
    }

    const clerk = await pageSession(t, 'clerk.00715.ca');
    for (const f of samples) {
      const req = clerk.post(`/can-bo/tiep-nhan-truc-tiep`).field('_csrf', clerk.csrf()).field('personalId', ELDER).field('procedureCode', RESIDENCE);
      for (const field of form.fields) if (!field.prefill?.startsWith('registry.') && field.type !== 'checkbox') req.field(`f_${field.key}`, String(sampleValue(field)));
      const res = await req.attach(`doc_${docKey}`, f.content, f.name);
      expect({ id: f.id, status: res.status, refused: f.expect.refused && f.expect.message.test(pageText(res.text)) }).toEqual({ id: f.id, status: 422, refused: true });
    }
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM dossiers WHERE channel = 'COUNTER'`)).toEqual([{ n: 0 }]);

    // A dossier waiting for a supplement: the citizen answers with hostile files.
    const data = await completeData(t, bearer, RESIDENCE);
    const documents = await requiredDocuments(t, bearer, RESIDENCE);
    const sub = await t.http.post('/api/v1/dossiers').set('Authorization', `Bearer ${bearer}`).send({ procedureCode: RESIDENCE, data, documents }).expect(201);
    const code = sub.body.code as string;
    await t.http
      .post(`/api/v1/dossiers/${code}/actions`)
      .set('Authorization', `Bearer ${await staffToken(t, 'clerk.00715.ca')}`)
      .send({ action: 'request-supplement', expectedVersion: 1, reason: 'Bổ sung bản chụp rõ nét hơn' })
      .expect(200);
    const afterSetup = await stored();
    for (const f of samples) {
      const detail = await page.get(`/ho-so-cua-toi/${code}`).expect(200);
      const [{ version }] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [code]);
      const res = await page
        .post(`/ho-so-cua-toi/${code}/bo-sung`).field('_csrf', csrfFromHtml(detail.text)!)
        .field('expectedVersion', String(version))
        .field('note', 'Bổ sung')
        .attach(`doc_${docKey}`, f.content, f.name);
      expect({ id: f.id, status: res.status, refused: f.expect.refused && f.expect.message.test(pageText(res.text)) }).toEqual({ id: f.id, status: 422, refused: true });
    }
    expect(await stored()).toEqual(afterSetup);
    expect(afterSetup.rows - before.rows).toBe(Object.values(documents).flat().length);
    const [{ status }] = await t.ds.query('SELECT status FROM dossiers WHERE code = $1', [code]);
    expect(status).toBe('SUPPLEMENT_REQUESTED');
  });

  it('accepts ordinary files: PDFs stored as sent, images re-encoded (the photo without its EXIF/GPS, upright)', async () => {
    for (const f of benign) {
      const before = await stored();
      const res = await upload(f);
      expect({ id: f.id, status: res.status, mimeType: res.body.mimeType }).toEqual({ id: f.id, status: 201, mimeType: f.mimeType });
      expect(await stored()).toEqual({ ...before, rows: before.rows + 1, blobs: before.blobs + 1 });
      const bytes = await download(res.body.id);
      expect(res.body).toMatchObject({ sha256: sha256(bytes), size: bytes.length });
      if (f.storedAsSent) expect({ id: f.id, same: bytes.equals(f.content) }).toEqual({ id: f.id, same: true });
      else {
        const meta = await sharp(bytes).metadata();
        expect({ id: f.id, exif: meta.exif }).toEqual({ id: f.id, exif: undefined });
      }
    }
    const photo = benign.find((f) => f.id === 'jpeg-photo-exif')!;
    const viaForm = await postDraft(photo).expect(303);
    const draftId = /draft=([0-9a-f-]{36})/.exec(viaForm.headers.location)![1];
    const [draft] = await t.ds.query('SELECT documents FROM drafts WHERE id = $1', [draftId]);
    const bytes = await download(draft.documents[docKey][0]);
    const meta = await sharp(bytes).metadata();
    expect({ exif: meta.exif, width: meta.width, height: meta.height }).toEqual({ exif: undefined, width: 40, height: 80 });
    for (const secret of ['MotcuaTestCam', 'SERIAL-0042-SECRET', 'GPS-Phone-9']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });

  it("the portal's own PDFs upload again unchanged: a digitally signed result (incremental update) and a receipt", async () => {
    const [citizen] = await citizens(t.ds, 1);
    const d = await makeDossier(t.ds, { procedureCode: BIRTH, agencyCode: '00715.TPHT', citizen: citizen! });
    const act = async (username: string, body: Record<string, unknown>) => {
      const [row] = await t.ds.query('SELECT version FROM dossiers WHERE code = $1', [d.code]);
      const res = await t.http.post(`/api/v1/dossiers/${d.code}/actions`).set('Authorization', `Bearer ${await staffToken(t, username)}`).send({ expectedVersion: row.version, ...body });
      if (res.status !== 200) throw new Error(`${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await act('clerk.00715.tpht', { action: 'receive' });
    await act('clerk.00715.tpht', { action: 'assign', assignee: 'specialist.00715.tpht' });
    await act('specialist.00715.tpht', { action: 'propose' });
    const approved = await act('leader.00715.tpht', { action: 'approve' });
    const citizenBearer = await apiToken(t, citizen!.personalId);
    const signed = (await t.http.get(`/api/v1/files/${approved.resultFileId}`).set('Authorization', `Bearer ${citizenBearer}`).buffer(true).parse(binary).expect(200)).body as Buffer;
    expect(signed.toString('latin1')).toContain('/adbe.pkcs7.detached');
    expect(signed.toString('latin1').match(/%%EOF/g)!.length).toBeGreaterThanOrEqual(2);
    const again = await t.http.post('/api/v1/files').set('Authorization', `Bearer ${citizenBearer}`).attach('file', signed, 'ket-qua.pdf').expect(201);
    expect(again.body).toMatchObject({ mimeType: 'application/pdf', size: signed.length, sha256: sha256(signed) });

    const sub = await t.http.post('/api/v1/dossiers').set('Authorization', `Bearer ${bearer}`).send({ procedureCode: RESIDENCE, data: await completeData(t, bearer, RESIDENCE), documents: await requiredDocuments(t, bearer, RESIDENCE) }).expect(201);
    const receipt = (await page.get(`/ho-so/${sub.body.code}/xac-nhan.pdf`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const up = await upload({ content: receipt, name: 'bien-nhan.pdf' }).expect(201);
    expect(up.body.sha256).toBe(sha256(receipt));
  });

  it('refuses a file over the size limit while it streams (413), logged, nothing stored', async () => {
    const before = await stored();
    const seen = events.length;
    const big = Buffer.alloc(t.config.uploads.maxFileBytes + 1024, 0x20);
    const res = await upload({ content: big, name: 'lon.pdf' });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/dung lượng/);
    expect(await stored()).toEqual(before);
    expect(events.slice(seen)).toEqual([expect.objectContaining({ type: 'file.refused', reason: 'too-large', actor: { id: expect.any(String), username: ELDER, role: 'CITIZEN', agencyCode: null } })]);
  });

  it('fails closed: with ClamAV configured but down, uploads get 503 with a message, nothing is stored', async () => {
    const down = await bootApp({ env: { DATA_DIR: dataDir, CLAMAV_SOCKET: join(dataDir, 'no-clamd.sock'), CLAMAV_TIMEOUT_MS: '1000' } });
    try {
      const log = down.app.get(SecurityLogService);
      const spy = jest.spyOn(log, 'record');
      const before = await stored();
      const pdf = benign.find((f) => f.id === 'pdf-plain')!;
      const api = await down.http.post('/api/v1/files').set('Authorization', `Bearer ${bearer}`).attach('file', pdf.content, pdf.name);
      expect(api.status).toBe(503);
      expect(api.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/quét virus đang gián đoạn/), details: { reason: 'scanner-unavailable' } });
      const s = await pageSession(down, ELDER);
      const res = await s.post(`/nop-ho-so/${RESIDENCE}`).field('_csrf', s.csrf()).field('action', 'draft').attach(`doc_${docKey}`, pdf.content, pdf.name);
      expect(res.status).toBe(503);
      expect(pageText(res.text)).toMatch(/quét virus đang gián đoạn/);
      expect(await stored()).toEqual(before);
      expect(spy).toHaveBeenCalledWith(expect.objectContaining({ type: 'file.refused', outcome: 'failure', reason: 'scanner-unavailable' }));
    } finally {
      await down.close();
    }
  });
});
