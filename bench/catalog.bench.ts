/** Catalog read path: home page, search (accent-insensitive, ranked) and procedure detail, API and pages. */
import { bootBenchApp, load, machine, startBenchDatabase, table, writeSection } from './lib/harness';

async function main() {
  const db = await startBenchDatabase('motcua_bench_catalog');
  const app = await bootBenchApp(db.url);
  try {
    const cases: [string, string][] = [
      ['GET /api/v1/procedures?q=dang ky khai sinh', '/api/v1/procedures?q=dang%20ky%20khai%20sinh'],
      ['GET /api/v1/procedures?pageSize=100', '/api/v1/procedures?pageSize=100'],
      ['GET /api/v1/procedures/1.001193', '/api/v1/procedures/1.001193'],
      ['GET / (home page)', '/'],
      ['GET /thu-tuc?q=chung thuc (page)', '/thu-tuc?q=chung%20thuc'],
    ];
    const rows: (string | number)[][] = [];
    for (const [label, path] of cases) {
      const r = await load({ url: app.baseUrl + path, connections: 20, duration: 10 });
      rows.push([label, r.rps, r.p50, r.p95, r.p99, r.errors + r.non2xx]);
      console.log(label, r);
    }
    writeSection(
      'catalog',
      `## Catalog (issue 2)\n\n${new Date().toISOString().slice(0, 10)}, ${machine()}, ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL 18'}; autocannon, 20 connections, 10 s each, app and load generator on the same machine.\n\n` +
        table(['request', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'], rows),
    );
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
