/**
 * TRUST_PROXY (issue 10, item 6): the sign-in and lookup limits count the real client address behind a
 * reverse proxy on another host. The app listens on 127.0.0.1; a real proxy (http-proxy, adding
 * X-Forwarded-For from the client's address) listens on 127.0.0.2 and connects to the app from
 * 127.0.0.2; clients bind their sockets to 127.0.0.3, 127.0.0.4… so each has an address of its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import httpProxy from 'http-proxy';
import { LOOKUP_LIMIT_PER_MINUTE } from '../../src/dossiers/lookup-throttle';
import { MAX_FAILURES_PER_IP } from '../../src/identity/login-throttle.service';
import { bootApp, type TestApp } from '../helpers/app';
import { DEMO_PASSWORD_STAFF } from '../helpers/auth';

const PROXY_HOST = '127.0.0.2';

interface Proxy {
  port: number;
  close(): Promise<void>;
}

/** A reverse proxy on 127.0.0.2 in front of `target`, as a load balancer on another host would be. */
async function startProxy(target: string): Promise<Proxy> {
  const proxy = httpProxy.createProxyServer({ target, xfwd: true, localAddress: PROXY_HOST });
  proxy.on('error', (_err, _req, res) => {
    if (res instanceof http.ServerResponse && !res.headersSent) res.writeHead(502).end();
  });
  const server = http.createServer((req, res) => proxy.web(req, res));
  await new Promise<void>((ok) => server.listen(0, PROXY_HOST, ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((ok) => {
        proxy.close();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** One HTTP request from the local address `from` (no keep-alive: a fresh socket bound to it). */
function send(
  from: string,
  to: { host: string; port: number },
  method: 'GET' | 'POST',
  path: string,
  opts: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const payload = opts.json === undefined ? undefined : JSON.stringify(opts.json);
    const req = http.request(
      {
        host: to.host,
        port: to.port,
        method,
        path,
        localAddress: from,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

const port = (t: TestApp) => Number(new URL(t.baseUrl).port);
const lookupPath = (i: number) => `/api/v1/lookup?code=KHONG-CO-${String(i).padStart(4, '0')}&idLast4=1234`;

describe('TRUST_PROXY: real client addresses behind a proxy on another host', () => {
  let app: TestApp;
  let proxy: Proxy;
  let viaProxy: { host: string; port: number };
  let direct: { host: string; port: number };

  beforeAll(async () => {
    app = await bootApp({ env: { TRUST_PROXY: PROXY_HOST }, listen: true });
    proxy = await startProxy(app.baseUrl);
    viaProxy = { host: PROXY_HOST, port: proxy.port };
    direct = { host: '127.0.0.1', port: port(app) };
  });
  afterAll(async () => {
    await proxy?.close();
    await app?.close();
  });

  it('distinct clients behind the proxy get separate sign-in limits', async () => {
    const attacker = '127.0.0.3';
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const r = await send(attacker, viaProxy, 'POST', '/api/v1/auth/login', { json: { username: `khongco${i}.026.ptp`, password: 'sai-mat-khau-1' } });
      expect(r.status).toBe(401);
    }
    const locked = await send(attacker, viaProxy, 'POST', '/api/v1/auth/login', { json: { username: 'clerk.026.ptp', password: DEMO_PASSWORD_STAFF } });
    expect(locked.status).toBe(429);
    // Another client of the same proxy signs in: the lock is the attacker's, not everybody's.
    const other = await send('127.0.0.4', viaProxy, 'POST', '/api/v1/auth/login', { json: { username: 'clerk.026.ptp', password: DEMO_PASSWORD_STAFF } });
    expect(other.status).toBe(200);
    // The failures were counted under the client's own address, not the proxy's.
    const rows: { ip: string; n: number }[] = await app.ds.query(`SELECT ip, count(*)::int AS n FROM auth_failures GROUP BY ip ORDER BY ip`);
    expect(rows).toEqual([{ ip: attacker, n: MAX_FAILURES_PER_IP }]);
  });

  it('distinct clients behind the proxy get separate lookup limits', async () => {
    for (let i = 0; i < LOOKUP_LIMIT_PER_MINUTE; i++) expect((await send('127.0.0.5', viaProxy, 'GET', lookupPath(i))).status).toBe(404);
    const limited = await send('127.0.0.5', viaProxy, 'GET', lookupPath(99));
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({ statusCode: 429, message: expect.stringContaining('thử lại sau') });
    expect((await send('127.0.0.6', viaProxy, 'GET', lookupPath(0))).status).toBe(404);
  });

  it('a client forging X-Forwarded-For straight to the app is not believed', async () => {
    const forger = '127.0.0.7';
    for (let i = 0; i <= LOOKUP_LIMIT_PER_MINUTE; i++) {
      const r = await send(forger, direct, 'GET', lookupPath(i), { headers: { 'X-Forwarded-For': `10.20.${i}.1` } });
      expect(r.status).toBe(i < LOOKUP_LIMIT_PER_MINUTE ? 404 : 429);
    }
    const rows: { ip: string }[] = await app.ds.query(`SELECT ip FROM lookup_windows WHERE ip LIKE '10.20.%' OR ip = $1`, [forger]);
    expect(rows).toEqual([{ ip: forger }]);
  });

  it('a client forging X-Forwarded-For through the proxy is counted under its own address', async () => {
    const forger = '127.0.0.8';
    for (let i = 0; i <= LOOKUP_LIMIT_PER_MINUTE; i++) {
      // The proxy appends the real address: "10.30.i.1, 127.0.0.8"; only the proxy's word is trusted.
      const r = await send(forger, viaProxy, 'GET', lookupPath(i), { headers: { 'X-Forwarded-For': `10.30.${i}.1` } });
      expect(r.status).toBe(i < LOOKUP_LIMIT_PER_MINUTE ? 404 : 429);
    }
    const rows: { ip: string }[] = await app.ds.query(`SELECT ip FROM lookup_windows WHERE ip LIKE '10.30.%' OR ip = $1`, [forger]);
    expect(rows).toEqual([{ ip: forger }]);
  });

  it('the lookup limit holds across app instances (kept in PostgreSQL)', async () => {
    const second = await bootApp({ env: { TRUST_PROXY: PROXY_HOST }, listen: true });
    const secondProxy = await startProxy(second.baseUrl);
    try {
      const client = '127.0.0.9';
      for (let i = 0; i < LOOKUP_LIMIT_PER_MINUTE; i++) expect((await send(client, viaProxy, 'GET', lookupPath(i))).status).toBe(404);
      // The load balancer sends the next request to the other instance: still over the limit.
      expect((await send(client, { host: PROXY_HOST, port: secondProxy.port }, 'GET', lookupPath(50))).status).toBe(429);
    } finally {
      await secondProxy.close();
      await second.close();
    }
  });

  it('without TRUST_PROXY (off) every client of the remote proxy shares its address — what the setting fixes', async () => {
    const off = await bootApp({ env: { TRUST_PROXY: 'off' }, listen: true });
    const offProxy = await startProxy(off.baseUrl);
    const to = { host: PROXY_HOST, port: offProxy.port };
    try {
      await off.ds.query(`DELETE FROM lookup_windows`);
      for (let i = 0; i < LOOKUP_LIMIT_PER_MINUTE; i++) expect((await send('127.0.0.10', to, 'GET', lookupPath(i))).status).toBe(404);
      expect((await send('127.0.0.11', to, 'GET', lookupPath(0))).status).toBe(429);
      const rows: { ip: string }[] = await off.ds.query(`SELECT ip FROM lookup_windows`);
      expect(rows).toEqual([{ ip: PROXY_HOST }]);
    } finally {
      await offProxy.close();
      await off.close();
    }
  });
});
