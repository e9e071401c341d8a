import request from 'supertest';
import { bootApp, type TestApp } from '../helpers/app';
import { csrfFromHtml, pageSession } from '../helpers/auth';
import { drain, mails, smses } from '../integrations/support';
import { IDENTITY_NOT_CONFIRMED } from '../../src/identity/account.service';
import { CODE_EXPIRED, CODE_WRONG, PasswordResetService } from '../../src/identity/password-reset.service';
import { pendingSchemaChanges } from '../../src/database/schema-drift';

interface Person {
  personal_id: string;
  full_name: string;
  dob: string;
}

const EMAIL = 'quen.mat.khau@example.vn';
const PHONE = '0987654321';
const OLD = 'matkhaucu2026';
const NEW = 'matkhaumoi2026';

/** "Quên mật khẩu": registry re-verification, a one-time code by e-mail and SMS, a new password. */
describe('password reset for citizens', () => {
  let t: TestApp;
  let person: Person;

  beforeAll(async () => {
    t = await bootApp({ listen: true, env: { OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_BACKOFF_BASE_MS: '5', OUTBOX_BACKOFF_MAX_MS: '20' } });
    // A generated citizen no other suite uses: registered here, so changing the password disturbs nobody.
    [person] = await t.ds.query(
      `SELECT personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM registry.citizens
        WHERE date_of_birth < '2000-01-01' AND personal_id NOT IN (SELECT username FROM users) ORDER BY personal_id DESC LIMIT 1`,
    );
    await t.http
      .post('/api/v1/auth/register')
      .send({ personalId: person.personal_id, fullName: person.full_name, dateOfBirth: person.dob, phone: PHONE, email: EMAIL, password: OLD })
      .expect(201);
    await t.ds.query(`DELETE FROM auth_failures WHERE kind = 'RESET'`);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A browser on the "Quên mật khẩu" pages: the form's token, then the post. */
  async function askForCode(agent: ReturnType<typeof request.agent>, identity: Partial<Record<'personalId' | 'fullName' | 'dateOfBirth', string>> = {}) {
    const form = await agent.get('/quen-mat-khau').expect(200);
    return agent
      .post('/quen-mat-khau')
      .type('form')
      .send({ _csrf: csrfFromHtml(form.text), personalId: person.personal_id, fullName: person.full_name, dateOfBirth: person.dob, ...identity });
  }

  async function sendCode(agent: ReturnType<typeof request.agent>, code: string, password = NEW, confirm = password) {
    const page = await agent.get('/quen-mat-khau/ma-xac-nhan').expect(200);
    return agent.post('/quen-mat-khau/ma-xac-nhan').type('form').send({ _csrf: csrfFromHtml(page.text), code, password, passwordConfirm: confirm });
  }

  async function latestCode(): Promise<string> {
    await drain(t);
    const mail = (await mails(t.ds, EMAIL)).filter((m) => m.subject === 'Mã xác nhận đặt lại mật khẩu').at(-1);
    const code = /là (\d{6})\./.exec(mail?.text ?? '')?.[1];
    if (!code) throw new Error('no reset code in the mail catcher');
    return code;
  }

  it('adds the table by a migration (no drift) and links the page from the login page', async () => {
    expect((await pendingSchemaChanges(t.ds)).up).toEqual([]);
    const login = await t.http.get('/dang-nhap').expect(200);
    expect(login.text).toContain('href="/quen-mat-khau"');
    const page = await t.http.get('/quen-mat-khau').expect(200);
    expect(page.text).toContain('Quên mật khẩu');
    expect(page.text).not.toContain('<script');
  });

  it('refuses without the CSRF token', async () => {
    await t.http.post('/quen-mat-khau').type('form').send({ personalId: person.personal_id, fullName: person.full_name, dateOfBirth: person.dob }).expect(403);
  });

  it('walks the whole path: registry check, code by e-mail and SMS, new password, every old session ended', async () => {
    const signedIn = await pageSession(t, person.personal_id, OLD);
    const apiLogin = await t.http.post('/api/v1/auth/login').send({ username: person.personal_id, password: OLD }).expect(200);

    const browser = request.agent(t.app.getHttpServer());
    const wrong = await askForCode(browser, { fullName: 'Nguyễn Văn Không Khớp' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain(IDENTITY_NOT_CONFIRMED);

    const asked = await askForCode(browser);
    expect(asked.status).toBe(303);
    expect(asked.headers.location).toBe('/quen-mat-khau/ma-xac-nhan');
    const codePage = await browser.get('/quen-mat-khau/ma-xac-nhan').expect(200);
    expect(codePage.text).toContain('q***@example.vn');
    expect(codePage.text).toContain('*******321');

    const code = await latestCode();
    expect((await smses(t.ds, PHONE)).at(-1)?.text).toContain(code);
    // only a keyed hash is stored
    const [row] = await t.ds.query(`SELECT code_hash FROM password_resets WHERE user_id = (SELECT id FROM users WHERE username = $1) ORDER BY created_at DESC LIMIT 1`, [person.personal_id]);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(code);

    const bad = await sendCode(browser, code === '000000' ? '111111' : '000000');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(CODE_WRONG);
    const weak = await sendCode(browser, code, 'ngan1');
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('Mật khẩu phải có ít nhất 8 ký tự');

    const [open] = await t.ds.query(`SELECT id FROM password_resets WHERE used_at IS NULL AND user_id = (SELECT id FROM users WHERE username = $1)`, [person.personal_id]);
    const done = await sendCode(browser, code);
    expect(done.status).toBe(303);
    // single use: the right code a second time is refused
    await expect(t.app.get(PasswordResetService).complete(open.id, code, 'matkhaukhac2026', '203.0.113.9')).rejects.toMatchObject({ field: 'code', message: CODE_EXPIRED });
    expect(done.headers.location).toBe('/quen-mat-khau/xong');
    expect((await browser.get('/quen-mat-khau/xong').expect(200)).text).toContain('Đã đặt lại mật khẩu');

    // the old session and the old API token are gone, the old password too
    const old = await signedIn.get('/tai-khoan');
    expect(old.status).toBe(302);
    expect(old.headers.location).toMatch(/^\/dang-nhap/);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${apiLogin.body.accessToken}`).expect(401);
    await t.http.post('/api/v1/auth/login').send({ username: person.personal_id, password: OLD }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ username: person.personal_id, password: NEW }).expect(200);
    const [{ hash }] = await t.ds.query(`SELECT password_hash AS hash FROM users WHERE username = $1`, [person.personal_id]);
    expect(hash).toMatch(/^\$argon2id\$/);

    // a new request opens a new code and closes any earlier one
    const again = request.agent(t.app.getHttpServer());
    expect((await askForCode(again)).status).toBe(303);
    const newer = await latestCode();
    expect(newer).toMatch(/^\d{6}$/);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM password_resets WHERE user_id = (SELECT id FROM users WHERE username = $1) AND used_at IS NULL`,
      [person.personal_id],
    );
    expect(n).toBe(1);
  });

  it('refuses an expired code', async () => {
    const browser = request.agent(t.app.getHttpServer());
    expect((await askForCode(browser)).status).toBe(303);
    const code = await latestCode();
    await t.ds.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE user_id = (SELECT id FROM users WHERE username = $1) AND used_at IS NULL`,
      [person.personal_id],
    );
    // the code page itself sends the browser back to the start
    const page = await browser.get('/quen-mat-khau/ma-xac-nhan');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/quen-mat-khau');
    const form = await browser.get('/quen-mat-khau').expect(200);
    const res = await browser
      .post('/quen-mat-khau/ma-xac-nhan')
      .type('form')
      .send({ _csrf: csrfFromHtml(form.text), code, password: 'matkhaukhac2026', passwordConfirm: 'matkhaukhac2026' });
    expect(res.status).toBe(422);
    expect(res.text).toContain(CODE_EXPIRED);
    await t.http.post('/api/v1/auth/login').send({ username: person.personal_id, password: NEW }).expect(200);
  });

  it('is throttled like sign-in (the same throttle, kind RESET)', async () => {
    await t.ds.query(`DELETE FROM auth_failures WHERE kind = 'RESET'`);
    const browser = request.agent(t.app.getHttpServer());
    for (let i = 0; i < 5; i++) expect((await askForCode(browser, { dateOfBirth: '1950-01-01' })).status).toBe(422);
    const blocked = await askForCode(browser);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    expect(blocked.text).toContain('Bạn đã thử quá nhiều lần');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM auth_failures WHERE kind = 'RESET' AND subject = $1`, [person.personal_id]);
    expect(n).toBe(5);
    await t.ds.query(`DELETE FROM auth_failures WHERE kind = 'RESET'`);
  });
});
