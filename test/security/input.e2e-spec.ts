/**
 * The input gate (src/common/input-guard.ts) through HTTP: what PostgreSQL cannot hold, and bodies
 * too deep or too large, are refused with 400/413/415 before routing — the API error shape for
 * machines, a Vietnamese page for people — and nothing is written.
 */
import { PDF } from '../dossiers/support';
import { connect } from 'node:net';
import { SecurityLogService } from '../../src/audit/security-log.service';
import { MAX_INPUT_DEPTH } from '../../src/common/input-guard';
import { bootApp, type TestApp } from '../helpers/app';
import { apiToken, csrfFromHtml } from '../helpers/auth';
import request from 'supertest';

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe('input the database cannot hold is refused before it', () => {
  let t: TestApp;
  let record: jest.SpyInstance;

  beforeAll(async () => {
    t = await bootApp({ listen: true });
    record = jest.spyOn(t.app.get(SecurityLogService), 'record');
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: string) => Number((await t.ds.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const postJson = (path: string, raw: string, auth?: string) => {
    const r = t.http.post(path).set('content-type', 'application/json');
    if (auth) r.set('Authorization', `Bearer ${auth}`);
    return r.send(raw);
  };

  it('a NUL byte in a path segment: 400 in the API error shape', async () => {
    const res = await t.http.get('/api/v1/procedures/%00').expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('đường dẫn chứa ký tự NUL'),
      details: [{ field: 'path', messages: [expect.any(String)] }],
    });
    await t.http.get('/api/v1/dossiers/abc%00def').expect(400);
    // Percent-encoding that is not UTF-8 (here an encoded lone surrogate) is refused the same way.
    const bad = await t.http.get('/api/v1/procedures/%ED%A0%80').expect(400);
    expect(bad.body.message).toContain('UTF-8');
    expect(record).toHaveBeenCalledWith(expect.objectContaining({ type: 'input.rejected', outcome: 'blocked', reason: 'NUL', target: 'GET /api/v1/procedures/%00' }));
  });

  it('a NUL or a lone surrogate in a JSON string (login): 400, and no failed sign-in is recorded', async () => {
    const failures = await count('auth_failures');
    const nul = await t.http.post('/api/v1/auth/login').send({ username: 'a\u0000', password: 'x' }).expect(400);
    expect(nul.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ field: 'body.username', messages: [expect.stringContaining('NUL')] }] });
    const surrogate = await postJson('/api/v1/auth/login', '{"username":"\\ud800abc","password":"x"}').expect(400);
    expect(surrogate.body.details).toEqual([{ field: 'body.username', messages: [expect.stringContaining('UTF-16')] }]);
    await postJson('/api/v1/auth/login', '{"username":"abc","password":"x","\\udc00":1}').expect(400);
    expect(await count('auth_failures')).toBe(failures);
    expect(record).toHaveBeenCalledWith(expect.objectContaining({ type: 'input.rejected', reason: 'LONE_SURROGATE', details: { where: 'body.username', status: 400 } }));
  });

  it('5,000-level JSON on JSON POSTs, anonymous and signed in: 400, not a stack overflow', async () => {
    const citizen = await apiToken(t, '002094990001');
    for (const [path, auth] of [
      ['/api/v1/auth/login', undefined],
      ['/api/v1/auth/register', undefined],
      ['/api/v1/partner/token', undefined],
      ['/api/v1/payments/callback', undefined],
      ['/api/v1/dossiers', citizen],
      ['/api/v1/dossiers/X-1/actions', citizen],
    ] as const) {
      for (const raw of [deepArray(5000), deepObject(5000), `{"data":${deepArray(5000)}}`]) {
        const res = await postJson(path, raw, auth);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: `Dữ liệu JSON lồng nhau quá sâu (tối đa ${MAX_INPUT_DEPTH} cấp)` });
      }
    }
  });

  it('the depth limit is exact: 32 levels reach validation, 33 do not', async () => {
    const at = await postJson('/api/v1/auth/login', `{"username":${deepArray(MAX_INPUT_DEPTH - 1)},"password":"x"}`);
    expect(at.status).toBe(400);
    expect(at.body.message).toBe('Dữ liệu không hợp lệ'); // the DTO's answer: username must be a string
    const over = await postJson('/api/v1/auth/login', `{"username":${deepArray(MAX_INPUT_DEPTH)},"password":"x"}`);
    expect(over.status).toBe(400);
    expect(over.body.message).toContain('lồng nhau quá sâu');
    // Brackets inside strings are text, not nesting.
    const text = await t.http.post('/api/v1/auth/login').send({ username: '['.repeat(5000), password: 'x' });
    expect(text.body.message ?? '').not.toContain('lồng nhau');
  });

  it('a body over the size limit: 413 with a Vietnamese message', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'a', password: 'x'.repeat(200_000) }).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', message: expect.stringContaining('quá lớn') });
  });

  it('JSON that is not UTF-8, or not JSON: 415 / 400 in the error shape', async () => {
    const latin = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json; charset=utf-16le').send(Buffer.from('{"a":1}', 'utf16le'));
    expect(latin.status).toBe(415);
    expect(latin.body.message).toContain('UTF-8');
    const broken = await postJson('/api/v1/auth/login', '{"username":');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ statusCode: 400, message: 'JSON không hợp lệ' });
  });

  it('a NUL in the query string: 400 naming the parameter', async () => {
    const res = await t.http.get('/api/v1/procedures?q=d%00ang').expect(400);
    expect(res.body.details).toEqual([{ field: 'query.q', messages: [expect.stringContaining('NUL')] }]);
    const repeated = await t.http.get('/api/v1/units?level=COMMUNE&level=%00').expect(400);
    expect(repeated.body.details[0].field).toBe('query.level[1]');
  });

  it('pages answer with a Vietnamese error page (path, query and form bodies)', async () => {
    const page = await t.http.get('/thu-tuc/%00').expect(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Yêu cầu không hợp lệ');
    expect(page.text).toContain('ký tự NUL');
    const search = await t.http.get('/thu-tuc?q=%00').expect(400);
    expect(search.text).toContain('Yêu cầu không hợp lệ');

    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/dang-nhap').expect(200);
    const failures = await count('auth_failures');
    const res = await agent.post('/dang-nhap').type('form').send(`_csrf=${encodeURIComponent(csrfFromHtml(form.text)!)}&username=a%00&password=x`).expect(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('Yêu cầu không hợp lệ');
    expect(await count('auth_failures')).toBe(failures);
    // Forms nested deeper than the limit are refused by the form parser.
    const deepField = `a${'[b]'.repeat(MAX_INPUT_DEPTH + 2)}=1`;
    const deep = await agent.post('/dang-nhap').type('form').send(deepField).expect(400);
    expect(deep.text).toContain('Biểu mẫu lồng nhau quá sâu');
  });

  it('multipart text fields and file names go through the same gate; nothing is stored', async () => {
    const citizen = await apiToken(t, '002094990001');
    const files = await count('files');
    const pdf = PDF;
    const field = await t.http.post('/api/v1/files').set('Authorization', `Bearer ${citizen}`).field('note', 'a\u0000b').attach('file', pdf, 'giay-to.pdf');
    expect(field.status).toBe(400);
    expect(field.body).toMatchObject({ statusCode: 400, details: [{ field: 'body.note', messages: [expect.stringContaining('NUL')] }] });
    const name = await t.http.post('/api/v1/files').set('Authorization', `Bearer ${citizen}`).attach('file', pdf, 'giay\u0000to.pdf');
    expect(name.status).toBe(400);
    expect(await count('files')).toBe(files);
    // An ordinary upload still works.
    await t.http.post('/api/v1/files').set('Authorization', `Bearer ${citizen}`).attach('file', pdf, 'giấy tờ.pdf').expect(201);
  });

  it('a NUL in a header used as data (Idempotency-Key) never reaches the app: Node refuses the request', async () => {
    const { port } = new URL(t.baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /api/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nIdempotency-Key: a\u0000b\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
      });
      let data = '';
      socket.on('data', (c) => (data += c.toString('latin1')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });
});
