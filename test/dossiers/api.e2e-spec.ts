import { bootApp, type TestApp } from '../helpers/app';
import { apiToken } from '../helpers/auth';
import { completeData, counts, PDF, PNG, procedureForm, requiredDocuments, uploadPdf } from './support';

// Demo citizens (registry stub): Lũng Cú (00715, staff seeded there) and Trần Phú (00691).
const ELDER = '002048990005';
const FATHER = '002094990001';
const MOTHER = '002197990002';
// "Xác nhận thông tin về cư trú": commune police, one required document, no fee.
const RESIDENCE = '1.010041';
// "Chứng thực bản sao": commune justice, fee with prepayment.
const COPY_CERT = '2.000815';

describe('Dossiers API (submission, files, prefill, lookup)', () => {
  let t: TestApp;
  let elder: string;
  let father: string;
  let mother: string;

  beforeAll(async () => {
    t = await bootApp();
    [elder, father, mother] = await Promise.all([apiToken(t, ELDER), apiToken(t, FATHER), apiToken(t, MOTHER)]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function submit(token: string, code: string, extra: Record<string, unknown> = {}, key?: string) {
    const data = await completeData(t, token, code);
    const documents = await requiredDocuments(t, token, code);
    const req = t.http.post('/api/v1/dossiers').set(auth(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send({ procedureCode: code, data, documents, ...extra });
  }

  describe('prefill', () => {
    it('gives registry identity, locked, with source, time and hash', async () => {
      const res = await t.http.get(`/api/v1/procedures/${RESIDENCE}/prefill`).set(auth(elder)).expect(200);
      const form = await procedureForm(t, RESIDENCE);
      const nameField = form.fields.find((f) => f.prefill === 'registry.fullName')!;
      expect(res.body.fields[nameField.key]).toMatchObject({ value: expect.any(String), source: 'REGISTRY', locked: true });
      expect(res.body.fields[nameField.key].hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(res.body.fields[nameField.key].fetchedAt)).not.toBeNaN();
      const idField = form.fields.find((f) => f.prefill === 'registry.personalId')!;
      expect(res.body.fields[idField.key].value).toBe(ELDER);
    });
    it('needs a signed-in citizen', async () => {
      await t.http.get(`/api/v1/procedures/${RESIDENCE}/prefill`).expect(401);
      const clerk = await apiToken(t, 'clerk.00715.ca');
      await t.http.get(`/api/v1/procedures/${RESIDENCE}/prefill`).set(auth(clerk)).expect(403);
    });
    it('404 for an unknown procedure', async () => {
      await t.http.get('/api/v1/procedures/9.999999/prefill').set(auth(elder)).expect(404);
    });
  });

  describe('files', () => {
    it('stores a PDF with its SHA-256', async () => {
      const res = await t.http.post('/api/v1/files').set(auth(elder)).attach('file', PDF, 'giấy tờ.pdf').expect(201);
      expect(res.body).toEqual({ id: expect.any(String), name: 'giấy tờ.pdf', mimeType: 'application/pdf', size: PDF.length, sha256: require('node:crypto').createHash('sha256').update(PDF).digest('hex') });
      const [row] = await t.ds.query('SELECT storage_key FROM files WHERE id = $1', [res.body.id]);
      expect(row.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    });
    it('judges the type by content: a PNG named .pdf is stored as PNG', async () => {
      const res = await t.http.post('/api/v1/files').set(auth(elder)).attach('file', PNG, 'anh.pdf').expect(201);
      expect(res.body).toMatchObject({ mimeType: 'image/png', name: 'anh.png' });
    });
    it.each([
      ['an executable renamed .pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'hoa-don.pdf', /chương trình/],
      ['an SVG with script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'anh.svg', /SVG/],
      ['HTML', Buffer.from('<html><script>alert(1)</script></html>'), 'trang.pdf', /HTML/],
    ])('refuses %s (422)', async (_what, content, name, message) => {
      const res = await t.http.post('/api/v1/files').set(auth(elder)).attach('file', content, name).expect(422);
      expect(res.body.message).toMatch(message);
      expect(res.body.message).toMatch(/PDF, JPEG hoặc PNG/);
    });
    it('refuses an empty file', async () => {
      const res = await t.http.post('/api/v1/files').set(auth(elder)).attach('file', Buffer.alloc(0), 'rong.pdf').expect(422);
      expect(res.body.message).toMatch(/0 byte/);
    });
    it('refuses a 60 MB file (413) and stores nothing', async () => {
      const before = await counts(t);
      const big = Buffer.alloc(60 * 1024 * 1024, 0x20);
      PDF.copy(big);
      const res = await t.http.post('/api/v1/files').set(auth(elder)).attach('file', big, 'lon.pdf');
      expect(res.status).toBe(413);
      expect(res.body.message).toMatch(/dung lượng/);
      expect((await counts(t)).files).toBe(before.files);
    });
    it('keeps only the last segment of a name with ../', async () => {
      const res = await t.http.post('/api/v1/files').set(auth(elder)).attach('file', PDF, '../../etc/passwd').expect(201);
      expect(res.body.name).toBe('passwd.pdf');
    });
    it('asks for the file when none is sent', async () => {
      const res = await t.http.post('/api/v1/files').set(auth(elder)).field('x', 'y').expect(422);
      expect(res.body.message).toMatch(/chọn tệp/);
    });
    it('needs sign-in', async () => {
      await t.http.post('/api/v1/files').attach('file', PDF, 'a.pdf').expect(401);
    });
    it('serves the owner a download with nosniff, and nobody else', async () => {
      const id = await uploadPdf(t, elder, 'Giấy tờ.pdf');
      const res = await t.http.get(`/api/v1/files/${id}`).set(auth(elder)).buffer(true).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Giay to.pdf"; filename\*=UTF-8''Gi%E1%BA%A5y%20t%E1%BB%9D.pdf$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      await t.http.get(`/api/v1/files/${id}`).set(auth(father)).expect(404);
      await t.http.get(`/api/v1/files/not-a-uuid`).set(auth(elder)).expect(404);
      await t.http.get(`/api/v1/files/${id}`).expect(401);
    });
  });

  describe('submission', () => {
    it('creates a SUBMITTED dossier at the registry-address agency with its first event and outbox row', async () => {
      const res = await submit(elder, RESIDENCE);
      expect(res.status).toBe(201);
      const d = res.body;
      expect(d.code).toMatch(/^00715\.CA-\d{6}-\d{4}$/);
      expect(d).toMatchObject({ procedureCode: RESIDENCE, agencyCode: '00715.CA', status: 'SUBMITTED', version: 1, channel: 'ONLINE', paymentStatus: 'NOT_REQUIRED' });
      expect(d.events).toEqual([
        expect.objectContaining({ action: 'submit', fromStatus: null, toStatus: 'SUBMITTED', agencyCode: '00715.CA', actor: expect.any(String) }),
      ]);
      expect(d.receivedAt).toBeUndefined();
      // the creation response is the dossier as it reads back
      const again = await t.http.get(`/api/v1/dossiers/${d.code}`).set(auth(elder)).expect(200);
      expect(again.body).toEqual(d);
      const [row] = await t.ds.query(
        `SELECT d.procedure_id, p.is_current, p.version, d.prefill FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.code = $1`,
        [d.code],
      );
      expect(row.is_current).toBe(true);
      const locked = Object.values(row.prefill as Record<string, { source: string; locked: boolean }>).filter((r) => r.locked);
      expect(locked.length).toBeGreaterThan(0);
      expect(locked.every((r) => r.source === 'REGISTRY')).toBe(true);
      const outbox = await t.ds.query(`SELECT topic, payload, idempotency_key FROM outbox WHERE aggregate_id = $1`, [d.code]);
      expect(outbox).toHaveLength(1);
      expect(outbox[0].topic).toBe('dossier.status-changed');
      expect(outbox[0].payload).toMatchObject({ code: d.code, procedureCode: RESIDENCE, agencyCode: '00715.CA', fromStatus: null, toStatus: 'SUBMITTED', action: 'submit', dueAt: null });
      expect(outbox[0].idempotency_key).toBe(`dossier-event:${outbox[0].payload.eventId}`);
    });

    it('pins the fee and asks for prepayment when the procedure requires it', async () => {
      const res = await submit(elder, COPY_CERT);
      expect(res.status).toBe(201);
      const [p] = await t.ds.query('SELECT fee_amount FROM procedures WHERE code = $1 AND is_current', [COPY_CERT]);
      expect(res.body).toMatchObject({ feeAmount: Number(p.fee_amount), paymentStatus: 'PENDING' });
    });

    it('accepts another agency of the right kind and level, refuses the wrong kind', async () => {
      const ok = await submit(elder, RESIDENCE, { agencyCode: '00688.CA' });
      expect(ok.status).toBe(201);
      expect(ok.body.code).toMatch(/^00688\.CA-/);
      const wrong = await submit(elder, RESIDENCE, { agencyCode: '00688.TPHT' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.details).toContainEqual({ field: 'agencyCode', message: expect.stringMatching(/không tiếp nhận/) });
      const unknown = await submit(elder, RESIDENCE, { agencyCode: '99999.CA' });
      expect(unknown.status).toBe(422);
    });

    it('refuses a tampered locked registry value (422) and writes nothing', async () => {
      const form = await procedureForm(t, RESIDENCE);
      const nameKey = form.fields.find((f) => f.prefill === 'registry.fullName')!.key;
      const data = await completeData(t, elder, RESIDENCE);
      const documents = await requiredDocuments(t, elder, RESIDENCE);
      const before = await counts(t);
      const res = await t.http
        .post('/api/v1/dossiers')
        .set(auth(elder))
        .send({ procedureCode: RESIDENCE, data: { ...data, [nameKey]: 'Nguyễn Văn Giả' }, documents })
        .expect(422);
      expect(res.body.details).toContainEqual({ field: nameKey, message: expect.stringMatching(/Cơ sở dữ liệu quốc gia về dân cư/) });
      expect(await counts(t)).toEqual(before);
    });

    it('applies on behalf of someone else only where the procedure allows it', async () => {
      const subject = { fullName: 'Hoàng Minh An', personalId: '002226001234', relationship: 'Con' };
      const refused = await submit(elder, RESIDENCE, { subject });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toContainEqual({ field: 'subject', message: expect.stringMatching(/không cho phép nộp hồ sơ thay/) });
      const ok = await submit(elder, COPY_CERT, { subject });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ applicantName: expect.any(String), subjectName: 'Hoàng Minh An' });
      expect(ok.body.applicantName).not.toBe('Hoàng Minh An');
      const bad = await submit(elder, COPY_CERT, { subject: { fullName: '<b>x</b>', personalId: '12' } });
      expect(bad.status).toBe(422);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['subject.fullName', 'subject.personalId']);
    });

    it('keeps the citizen\'s note that registry data looks wrong', async () => {
      const res = await submit(elder, RESIDENCE, { registryNote: 'Địa chỉ thường trú đã thay đổi từ tháng 3' });
      expect(res.status).toBe(201);
      expect(res.body.registryNote).toBe('Địa chỉ thường trú đã thay đổi từ tháng 3');
    });

    it('asks for every required document and refuses another citizen\'s file', async () => {
      const data = await completeData(t, elder, RESIDENCE);
      const form = await procedureForm(t, RESIDENCE);
      const docKey = form.documents.find((d) => d.required)!.key;
      const missing = await t.http.post('/api/v1/dossiers').set(auth(elder)).send({ procedureCode: RESIDENCE, data, documents: {} }).expect(422);
      expect(missing.body.details).toContainEqual({ field: `documents.${docKey}`, message: expect.stringMatching(/^Vui lòng đính kèm/) });
      const foreign = await uploadPdf(t, father);
      const res = await t.http
        .post('/api/v1/dossiers')
        .set(auth(elder))
        .send({ procedureCode: RESIDENCE, data, documents: { [docKey]: [foreign] } })
        .expect(422);
      expect(res.body.details).toContainEqual({ field: `documents.${docKey}`, message: expect.stringMatching(/không tìm thấy tệp/) });
    });

    it('404 for an unknown procedure, 401 without sign-in, 403 for staff', async () => {
      await t.http.post('/api/v1/dossiers').set(auth(elder)).send({ procedureCode: '9.999', data: {} }).expect(404);
      await t.http.post('/api/v1/dossiers').send({ procedureCode: RESIDENCE, data: {} }).expect(401);
      const clerk = await apiToken(t, 'clerk.00715.ca');
      await t.http.post('/api/v1/dossiers').set(auth(clerk)).send({ procedureCode: RESIDENCE, data: {} }).expect(403);
    });
  });

  describe('bad input never half-saves', () => {
    let data: Record<string, unknown>;
    let documents: Record<string, string[]>;
    let textKey: string;
    let phoneKey: string;
    beforeAll(async () => {
      data = await completeData(t, elder, RESIDENCE);
      documents = await requiredDocuments(t, elder, RESIDENCE);
      const form = await procedureForm(t, RESIDENCE);
      textKey = form.fields.find((f) => f.type === 'text' && !f.prefill)?.key ?? form.fields.find((f) => f.type === 'textarea')!.key;
      phoneKey = form.fields.find((f) => f.type === 'phone')!.key;
    });
    const cases: [string, () => Record<string, unknown>, number, string?][] = [
      ['a number for text', () => ({ [textKey]: 12345 }), 422],
      ['an object for text', () => ({ [textKey]: { $ne: null } }), 422],
      ['an array for text', () => ({ [textKey]: ['a', 'b'] }), 422],
      ['a huge text', () => ({ [textKey]: 'x'.repeat(100_000) }), 422],
      ['control characters', () => ({ [textKey]: 'a\u0001b\u0007c' }), 422],
      ['HTML / script', () => ({ [textKey]: '<script>alert(1)</script>' }), 422],
      ['SQL in a phone number', () => ({ [phoneKey]: "0912345678'; DROP TABLE dossiers;--" }), 422],
      ['a bad phone number', () => ({ [phoneKey]: '0212345678' }), 422],
    ];
    it.each(cases)('%s → a field error, no rows', async (_what, patch) => {
      const before = await counts(t);
      const res = await t.http
        .post('/api/v1/dossiers')
        .set(auth(elder))
        .send({ procedureCode: RESIDENCE, data: { ...data, ...patch() }, documents });
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([Object.keys(patch())[0]]);
      expect(typeof res.body.details[0].message).toBe('string');
      expect(await counts(t)).toEqual(before);
    });
    it('a NUL byte (which PostgreSQL cannot store) → 400 from the input gate, naming the field, no rows', async () => {
      const before = await counts(t);
      const res = await t.http
        .post('/api/v1/dossiers')
        .set(auth(elder))
        .send({ procedureCode: RESIDENCE, data: { ...data, [textKey]: 'a\u0000b' }, documents });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([{ field: `body.data.${textKey}`, messages: [expect.stringContaining('NUL')] }]);
      expect(await counts(t)).toEqual(before);
    });
    it.each([
      ['data as a string', { procedureCode: RESIDENCE, data: 'x' }, 400],
      ['data as an array', { procedureCode: RESIDENCE, data: [1] }, 400],
      ['procedureCode as a number', { procedureCode: 1, data: {} }, 400],
      ['documents as a string', { procedureCode: RESIDENCE, data: {}, documents: 'x' }, 400],
    ])('%s → 400', async (_what, body, status) => {
      const res = await t.http.post('/api/v1/dossiers').set(auth(elder)).send(body);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String) });
    });
    it('malformed JSON → 400', async () => {
      await t.http.post('/api/v1/dossiers').set(auth(elder)).set('Content-Type', 'application/json').send('{"procedureCode": ').expect(400);
    });
    it('a bad idempotency key → 422', async () => {
      await t.http.post('/api/v1/dossiers').set(auth(elder)).set('Idempotency-Key', 'x'.repeat(200)).send({ procedureCode: RESIDENCE, data, documents }).expect(422);
    });
  });

  describe('idempotency', () => {
    it('the same key returns the same dossier', async () => {
      const key = `retry-${Date.now()}`;
      const a = await submit(father, RESIDENCE, {}, key);
      const b = await submit(father, RESIDENCE, {}, key);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.headers['idempotent-replayed']).toBe('true');
      expect(b.body.code).toBe(a.body.code);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM dossiers WHERE idempotency_key = $1', [key]);
      expect(n).toBe(1);
    });
    it('the same key from another citizen is another dossier', async () => {
      const key = `shared-${Date.now()}`;
      const a = await submit(father, RESIDENCE, {}, key);
      const b = await submit(mother, RESIDENCE, {}, key);
      expect(b.body.code).not.toBe(a.body.code);
    });
    it('100 parallel submissions, 20 reusing another request\'s key → exactly 80 dossiers with 80 distinct, gap-free codes', async () => {
      const data = await completeData(t, mother, RESIDENCE);
      const documents = await requiredDocuments(t, mother, RESIDENCE);
      const run = `par-${Date.now()}`;
      const keys = Array.from({ length: 100 }, (_, i) => `${run}-${i < 80 ? i : i - 80}`);
      const agencyCode = '00700.CA';
      const before = await t.ds.query(`SELECT last_value FROM dossier_code_sequences WHERE agency_code = $1`, [agencyCode]);
      const responses = await Promise.all(
        keys.map((key) =>
          t.http.post('/api/v1/dossiers').set(auth(mother)).set('Idempotency-Key', key).send({ procedureCode: RESIDENCE, agencyCode, data, documents }),
        ),
      );
      expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
      const rows: { code: string; idempotency_key: string }[] = await t.ds.query(
        `SELECT code, idempotency_key FROM dossiers WHERE idempotency_key LIKE $1`,
        [`${run}-%`],
      );
      expect(rows).toHaveLength(80);
      expect(new Set(rows.map((r) => r.code)).size).toBe(80);
      // every duplicate answered with its original's code
      const byKey = new Map(rows.map((r) => [r.idempotency_key, r.code]));
      responses.forEach((r, i) => expect(r.body.code).toBe(byKey.get(keys[i]!)));
      // gap-free: the 80 sequence numbers are consecutive after what was there before
      const start = before[0]?.last_value ?? 0;
      const seqs = rows.map((r) => Number(r.code.split('-').pop())).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 80 }, (_, i) => start + i + 1));
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.idempotency_key LIKE $1`,
        [`${run}-%`],
      );
      expect(n).toBe(80);
      const [orphans] = await t.ds.query(`SELECT count(*)::int AS n FROM dossier_events e WHERE NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = e.dossier_id)`);
      expect(orphans.n).toBe(0);
    });
  });

  describe('reading dossiers', () => {
    let code: string;
    beforeAll(async () => {
      code = (await submit(elder, RESIDENCE)).body.code;
    });
    it('the citizen reads their own dossier with its events', async () => {
      const res = await t.http.get(`/api/v1/dossiers/${code}`).set(auth(elder)).expect(200);
      expect(res.body).toMatchObject({ code, procedureCode: RESIDENCE, agencyCode: '00715.CA', status: 'SUBMITTED', version: 1, submittedAt: expect.any(String) });
      expect(res.body.events[0]).toEqual(expect.objectContaining({ at: expect.any(String), action: 'submit', fromStatus: null, toStatus: 'SUBMITTED' }));
    });
    it('another citizen gets 404', async () => {
      await t.http.get(`/api/v1/dossiers/${code}`).set(auth(father)).expect(404);
    });
    it('staff of the agency read it, and the read is logged for the citizen', async () => {
      const clerk = await apiToken(t, 'clerk.00715.ca');
      await t.http.get(`/api/v1/dossiers/${code}`).set(auth(clerk)).expect(200);
      const log = await t.ds.query('SELECT what FROM access_log WHERE dossier_code = $1', [code]);
      expect(log.length).toBeGreaterThan(0);
      const mine = await t.http.get('/api/v1/me/access-log').set(auth(elder));
      if (mine.status === 200) expect(JSON.stringify(mine.body)).toContain(code);
    });
    it('staff of another agency get 404', async () => {
      const other = await apiToken(t, 'clerk.00688.ca');
      await t.http.get(`/api/v1/dossiers/${code}`).set(auth(other)).expect(404);
    });
    it('staff of the agency can download its attachments; others cannot', async () => {
      const d = (await t.http.get(`/api/v1/dossiers/${code}`).set(auth(elder)).expect(200)).body;
      const fileId = d.documents[0].fileId;
      const clerk = await apiToken(t, 'clerk.00715.ca');
      await t.http.get(`/api/v1/files/${fileId}`).set(auth(clerk)).expect(200);
      const other = await apiToken(t, 'clerk.00688.ca');
      await t.http.get(`/api/v1/files/${fileId}`).set(auth(other)).expect(404);
    });
    it('lists the citizen\'s own dossiers with filters and pagination', async () => {
      const res = await t.http.get('/api/v1/dossiers?pageSize=2').set(auth(elder)).expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
      expect(res.body.items).toHaveLength(2);
      expect(res.body.total).toBeGreaterThanOrEqual(3);
      const filtered = await t.http.get(`/api/v1/dossiers?procedureCode=${COPY_CERT}`).set(auth(elder)).expect(200);
      expect(filtered.body.items.every((d: { procedureCode: string }) => d.procedureCode === COPY_CERT)).toBe(true);
      const none = await t.http.get('/api/v1/dossiers?status=RETURNED').set(auth(elder)).expect(200);
      expect(none.body.items).toEqual([]);
      const father_ = await t.http.get('/api/v1/dossiers').set(auth(father)).expect(200);
      expect(father_.body.items.find((d: { code: string }) => d.code === code)).toBeUndefined();
    });
    it('lists the agency queue for staff, only within their scope', async () => {
      const clerk = await apiToken(t, 'clerk.00715.ca');
      const res = await t.http.get('/api/v1/dossiers?status=SUBMITTED&pageSize=100').set(auth(clerk)).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((d: { agencyCode: string }) => d.agencyCode === '00715.CA')).toBe(true);
      const outside = await t.http.get('/api/v1/dossiers?agencyCode=00688.CA').set(auth(clerk)).expect(200);
      expect(outside.body.items).toEqual([]);
      const overdue = await t.http.get('/api/v1/dossiers?overdue=true').set(auth(clerk)).expect(200);
      expect(overdue.body.items).toEqual([]);
    });
    it('validates list filters', async () => {
      await t.http.get('/api/v1/dossiers?status=NOPE').set(auth(elder)).expect(400);
      await t.http.get('/api/v1/dossiers?pageSize=1000').set(auth(elder)).expect(400);
      await t.http.get('/api/v1/dossiers?overdue=maybe').set(auth(elder)).expect(400);
    });
  });

  describe('public lookup', () => {
    let code: string;
    beforeAll(async () => {
      code = (await submit(elder, RESIDENCE)).body.code;
    });
    it('shows only code, procedure, status and due date', async () => {
      const res = await t.http.get(`/api/v1/lookup?code=${code}&idLast4=${ELDER.slice(-4)}`).set('X-Forwarded-For', '10.0.0.1').expect(200);
      expect(res.body).toEqual({ code, procedureName: expect.any(String), status: 'SUBMITTED', dueAt: null });
    });
    it('404 with the wrong digits, an unknown code or junk', async () => {
      await t.http.get(`/api/v1/lookup?code=${code}&idLast4=0000`).set('X-Forwarded-For', '10.0.0.2').expect(404);
      await t.http.get(`/api/v1/lookup?code=NOPE-000000-0000&idLast4=0005`).set('X-Forwarded-For', '10.0.0.2').expect(404);
      await t.http.get(`/api/v1/lookup?code='%20OR%201=1--&idLast4=abcd`).set('X-Forwarded-For', '10.0.0.2').expect(404);
    });
    it('throttles guessing: 10 per minute per IP, then 429', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await t.http.get(`/api/v1/lookup?code=${code}&idLast4=${String(9000 + i)}`).set('X-Forwarded-For', '10.0.0.3');
        statuses.push(r.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const other = await t.http.get(`/api/v1/lookup?code=${code}&idLast4=${ELDER.slice(-4)}`).set('X-Forwarded-For', '10.0.0.4');
      expect(other.status).toBe(200);
    });
  });
});
