import request from 'supertest';
import { DEMO_CITIZENS, type DemoCitizen } from '../../src/registry/generator/demo-citizens';
import { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from '../../src/identity/demo-accounts';
import type { TestApp } from './app';

export { DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF };

/** The fixed demo citizens (each has an account: username = personal ID, password DEMO_PASSWORD_CITIZEN). */
export function demoCitizens(): readonly DemoCitizen[] {
  return DEMO_CITIZENS;
}

function defaultPassword(username: string): string {
  return /^[0-9]{12}$/.test(username) ? DEMO_PASSWORD_CITIZEN : DEMO_PASSWORD_STAFF;
}

/** Signs in through the API and returns a bearer token (`Authorization: Bearer <token>`). */
export async function apiToken(t: TestApp, username: string, password = defaultPassword(username)): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

export type PageSession = ReturnType<typeof request.agent> & {
  /** The session's CSRF token: send as `_csrf` in forms or the `X-CSRF-Token` header. */
  csrf(): string;
};

/** Extracts the first `_csrf` hidden field of a page. */
export function csrfFromHtml(html: string): string | null {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  return m ? m[1] : null;
}

/** A supertest agent signed in through the page form (cookie session), with its CSRF token. */
export async function pageSession(t: TestApp, username: string, password = defaultPassword(username)): Promise<PageSession> {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get('/dang-nhap').expect(200);
  const token = csrfFromHtml(form.text);
  if (!token) throw new Error('no CSRF token on /dang-nhap');
  const res = await agent.post('/dang-nhap').type('form').send({ _csrf: token, username, password, next: '/tai-khoan' });
  if (res.status !== 303) throw new Error(`page login of ${username} failed: ${res.status}`);
  // The session (and its CSRF token) is regenerated at sign-in: read the new token.
  const page = await agent.get('/tai-khoan').expect(200);
  const fresh = csrfFromHtml(page.text);
  if (!fresh) throw new Error('no CSRF token after sign-in');
  return Object.assign(agent, { csrf: () => fresh });
}
