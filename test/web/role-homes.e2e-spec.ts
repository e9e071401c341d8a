import request from 'supertest';
import { bootApp, type TestApp } from '../helpers/app';
import { csrfFromHtml, demoCitizens, DEMO_PASSWORD_CITIZEN, DEMO_PASSWORD_STAFF } from '../helpers/auth';

/** Signs in through the form without `next` (or with one) and returns the agent and where it was sent. */
async function signIn(t: TestApp, username: string, password: string, next?: string) {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get('/dang-nhap').expect(200);
  const res = await agent
    .post('/dang-nhap')
    .type('form')
    .send({ _csrf: csrfFromHtml(form.text), username, password, ...(next ? { next } : {}) })
    .expect(303);
  return { agent, location: res.headers.location as string };
}

/** The links of the header's main navigation. */
function navLinks(html: string): string[] {
  const nav = /<nav class="site-nav site-nav--wide"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]);
}

describe('Role homes and menus: each role lands on its own work and the menu offers only what it may open', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const citizen = () => demoCitizens()[0].personalId;
  const cases: { who: string; username: () => string; password: string; home: string; h1: RegExp; must: string[]; mustNot: string[] }[] = [
    { who: 'citizen', username: citizen, password: DEMO_PASSWORD_CITIZEN, home: '/', h1: /./, must: ['/ho-so-cua-toi'], mustNot: ['/can-bo', '/quan-ly', '/quan-tri'] },
    { who: 'clerk', username: () => 'clerk.026.ptp', password: DEMO_PASSWORD_STAFF, home: '/can-bo', h1: /Hồ sơ cần xử lý/, must: ['/can-bo', '/can-bo/tiep-nhan-truc-tiep'], mustNot: ['/quan-ly', '/quan-tri', '/ho-so-cua-toi'] },
    { who: 'specialist', username: () => 'specialist.026.ptp', password: DEMO_PASSWORD_STAFF, home: '/can-bo', h1: /Hồ sơ cần xử lý/, must: ['/can-bo'], mustNot: ['/can-bo/tiep-nhan-truc-tiep', '/quan-ly', '/quan-tri'] },
    { who: 'leader', username: () => 'leader.026.ptp', password: DEMO_PASSWORD_STAFF, home: '/can-bo', h1: /Hồ sơ cần xử lý/, must: ['/can-bo'], mustNot: ['/can-bo/tiep-nhan-truc-tiep', '/quan-ly', '/quan-tri'] },
    { who: 'manager', username: () => 'manager.026.ubnd', password: DEMO_PASSWORD_STAFF, home: '/quan-ly', h1: /Theo dõi giải quyết hồ sơ/, must: ['/quan-ly'], mustNot: ['/can-bo', '/quan-tri'] },
    { who: 'province admin', username: () => 'admin.02.ubnd', password: DEMO_PASSWORD_STAFF, home: '/quan-tri', h1: /Quản trị hệ thống/, must: ['/quan-tri', '/quan-ly'], mustNot: ['/can-bo'] },
    { who: 'district admin', username: () => 'admin.026.ubnd', password: DEMO_PASSWORD_STAFF, home: '/quan-tri', h1: /Quản trị hệ thống/, must: ['/quan-tri'], mustNot: ['/can-bo'] },
  ];

  it.each(cases)('$who lands on $home (200) and every menu link answers 2xx/3xx, never 403', async (c) => {
    const { agent, location } = await signIn(t, c.username(), c.password);
    expect(location).toBe(c.home);
    const home = await agent.get(location).expect(200);
    expect(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(home.text)?.[1]).toMatch(c.h1);
    const links = navLinks(home.text);
    for (const m of c.must) expect(links).toContain(m);
    for (const m of c.mustNot) expect(links).not.toContain(m);
    // Every link of the menu (and, for administrators, of the administration page) opens.
    const admin = links.includes('/quan-tri') ? [...(await agent.get('/quan-tri').expect(200)).text.matchAll(/href="([^"]+)" class="admin-areas__link"/g)].map((m) => m[1]) : [];
    if (c.who.includes('admin')) expect(admin).toContain('/quan-tri/can-bo');
    for (const href of [...links, ...admin]) {
      const res = await agent.get(href);
      expect(res.status >= 400 ? { href, status: res.status } : null).toBeNull();
    }
  });

  it('a district administrator is not offered the province-wide outbox; the province administrator is', async () => {
    const district = await signIn(t, 'admin.026.ubnd', DEMO_PASSWORD_STAFF);
    const page = await district.agent.get('/quan-tri').expect(200);
    expect(page.text).toContain('href="/quan-tri/can-bo"');
    expect(page.text).not.toContain('href="/quan-tri/outbox"');
    await district.agent.get('/quan-tri/outbox').expect(403);
    const province = await signIn(t, 'admin.02.ubnd', DEMO_PASSWORD_STAFF);
    expect((await province.agent.get('/quan-tri').expect(200)).text).toContain('href="/quan-tri/outbox"');
  });

  it('honours a safe next page, sends a role to its home instead of a page it may not open, and refuses a foreign next', async () => {
    expect((await signIn(t, 'clerk.026.ptp', DEMO_PASSWORD_STAFF, '/can-bo?han=qua-han')).location).toBe('/can-bo?han=qua-han');
    expect((await signIn(t, 'manager.026.ubnd', DEMO_PASSWORD_STAFF, '/can-bo')).location).toBe('/quan-ly');
    expect((await signIn(t, 'admin.02.ubnd', DEMO_PASSWORD_STAFF, '/can-bo')).location).toBe('/quan-tri');
    expect((await signIn(t, 'clerk.026.ptp', DEMO_PASSWORD_STAFF, '//evil.example/x')).location).toBe('/can-bo');
    expect((await signIn(t, 'clerk.026.ptp', DEMO_PASSWORD_STAFF, 'https://evil.example/')).location).toBe('/can-bo');
  });

  it('the sign-in page says why the person was sent there', async () => {
    const plain = await t.http.get('/dang-nhap').expect(200);
    expect(plain.text).not.toContain('data-testid="login-reason"');

    const anon = await t.http.get('/tai-khoan').expect(302);
    expect(anon.headers.location).toBe('/dang-nhap?next=%2Ftai-khoan');
    const asked = await t.http.get(anon.headers.location).expect(200);
    expect(asked.text).toContain('Vui lòng đăng nhập để tiếp tục');

    // Signed in, then the session disappears (expired, or ended elsewhere): the next page says so.
    const { agent } = await signIn(t, 'clerk.026.ptp', DEMO_PASSWORD_STAFF);
    await agent.get('/can-bo').expect(200);
    const [user] = await t.ds.query(`SELECT id FROM users WHERE username = 'clerk.026.ptp'`);
    await t.ds.query(`DELETE FROM sessions WHERE sess::text LIKE $1`, [`%${user.id}%`]);
    const lost = await agent.get('/can-bo').expect(302);
    expect(lost.headers.location).toBe('/dang-nhap?next=%2Fcan-bo&ly-do=het-han');
    const expired = await agent.get(lost.headers.location).expect(200);
    expect(expired.text).toContain('Phiên làm việc đã hết hạn');
    // Told once: the mark is cleared with that redirect.
    expect((await agent.get('/can-bo').expect(302)).headers.location).toBe('/dang-nhap?next=%2Fcan-bo');
  });
});
