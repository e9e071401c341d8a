/**
 * Reads on the replica (issue 14, item 3). A second database stands in for the replica here (the
 * real streaming replica is in test/ops/topology.e2e-spec.ts): it holds a sector name the primary
 * does not, so whichever database answered shows in the answer. Catalog lists, reports and open data
 * read it; the dossier pages and writes stay on the primary; when the replica goes away, reads fall
 * back to the primary and the dashboard says so.
 */
import { Client } from 'pg';
import { ReadReplica } from '../../src/database/read-replica';
import { DashboardService } from '../../src/reporting/dashboard.service';
import { bootApp, type TestApp } from '../helpers/app';
import { token } from '../workflow/factory';

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin(sql: string, db = 'postgres') {
  const c = new Client({ connectionString: withDb(process.env.DATABASE_URL!, db) });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`never happened: ${what}`);
};

describe('read replica (DATABASE_REPLICA_URL)', () => {
  let t: TestApp;
  let replicaDb: string;
  let sector: string;

  beforeAll(async () => {
    const first = await bootApp(); // creates this file's database (from the run's template)
    const fileDb = new URL(first.databaseUrl).pathname.slice(1);
    await first.close();
    replicaDb = `${fileDb}_replica`;
    await admin(`CREATE DATABASE "${replicaDb}" TEMPLATE "${fileDb}"`);
    const [row] = (await admin(`SELECT code FROM sectors ORDER BY code LIMIT 1`, replicaDb)).rows;
    sector = row.code;
    await admin(`UPDATE sectors SET name = name || ' (bản sao)' WHERE code = '${sector}'`, replicaDb);
    t = await bootApp({ env: { DATABASE_REPLICA_URL: withDb(first.databaseUrl, replicaDb) } });
  });
  afterAll(async () => {
    await t?.close();
    await admin(`DROP DATABASE IF EXISTS "${replicaDb}" WITH (FORCE)`).catch(() => undefined);
  });

  it('catalog lists, reports and open data read the replica (the primary keeps its own rows)', async () => {
    const replica = t.app.get(ReadReplica);
    expect(replica.status()).toMatchObject({ configured: true, serving: 'replica', lagSeconds: 0, standby: false });
    const list = await t.http.get('/api/v1/procedures').query({ sector, pageSize: 5 }).expect(200);
    expect(list.body.items[0].sectorName ?? list.body.items[0].sector?.name ?? JSON.stringify(list.body.items[0])).toContain('(bản sao)');
    const before = replica.served.replica;
    const manager = await token(t, 'admin.02.ubnd');
    await t.http.get('/api/v1/reports/sla').query({ from: '2026-01-01', to: '2026-12-31' }).set('Authorization', `Bearer ${manager}`).expect(200);
    await t.http.get('/cong-khai/du-lieu.json').expect(200);
    expect(replica.served.replica).toBeGreaterThan(before);
    expect(replica.served.primary).toBe(0);
    // The primary's own rows are untouched by the replica's.
    const [p] = await t.ds.query(`SELECT name FROM sectors WHERE code = $1`, [sector]);
    expect(p.name).not.toContain('(bản sao)');
    const source = await t.app.get(DashboardService).dataSource();
    expect(source).toMatchObject({ serving: 'replica', lagSeconds: 0 });
    expect(source.text).toBe('Số liệu đọc từ bản sao chỉ đọc, chậm 0 giây so với cơ sở dữ liệu chính.');
  });

  it('falls back to the primary when the replica goes away, and says so on the dashboard', async () => {
    const replica = t.app.get(ReadReplica);
    await admin(`ALTER DATABASE "${replicaDb}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${replicaDb}'`);
    // The next read on the replica fails to connect and is answered by the primary at once.
    const list = await t.http.get('/api/v1/procedures').query({ sector, pageSize: 5 }).expect(200);
    expect(JSON.stringify(list.body.items[0])).not.toContain('(bản sao)');
    await replica.check();
    expect(replica.status()).toMatchObject({ serving: 'primary', lagSeconds: null });
    expect(replica.served.primary).toBeGreaterThan(0);
    const source = await t.app.get(DashboardService).dataSource();
    expect(source.text).toBe('Bản sao chỉ đọc đang không dùng được (không kết nối được): số liệu đọc từ cơ sở dữ liệu chính.');
    // Back: the periodic check returns reads to the replica.
    await admin(`ALTER DATABASE "${replicaDb}" ALLOW_CONNECTIONS true`);
    await until(() => replica.status().serving === 'replica', 'the replica is used again');
    const again = await t.http.get('/api/v1/procedures').query({ sector, pageSize: 5 }).expect(200);
    expect(JSON.stringify(again.body.items[0])).toContain('(bản sao)');
  });
});
