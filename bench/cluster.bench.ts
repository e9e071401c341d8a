/**
 * Catalog reads with every core vs one process (issue 14): the build `npm start` runs, started
 * twice against one database — WEB_CONCURRENCY=1, then WEB_CONCURRENCY=<cores> — in the same run on
 * the same machine, each loaded with autocannon (50 connections) on the catalog list and on
 * /health/live. `npm run bench -- bench/cluster.bench.ts` (DATABASE_URL = a server to create the
 * bench database on; otherwise an embedded one).
 */
import { availableParallelism } from 'node:os';
import { load, machine, startBenchDatabase, table, writeSection, type LoadResult } from './lib/harness';
import { appChildren, baseEnv, builtMain, freePort, startProcess } from '../test/ops/support/built-app';

async function run(main: string, databaseUrl: string, processes: number): Promise<{ catalog: LoadResult; live: LoadResult }> {
  const port = await freePort();
  const app = startProcess(
    main,
    baseEnv({ NODE_ENV: 'development', DEMO: '0', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, PORT: String(port), WEB_CONCURRENCY: String(processes), OUTBOX_WORKER: '0', SMTP_CATCHER: '0' }),
  );
  try {
    await app.waitFor(/sẵn sàng tại/);
    const url = `http://127.0.0.1:${port}`;
    await load({ url: `${url}/api/v1/procedures?pageSize=20`, connections: 50, duration: 3 }); // warm-up
    const catalog = await load({ url: `${url}/api/v1/procedures?pageSize=20`, connections: 50, duration: 10 });
    const live = await load({ url: `${url}/health/live`, connections: 50, duration: 10 });
    return { catalog, live };
  } finally {
    const workers = appChildren(app.child.pid!, main);
    app.child.kill('SIGTERM');
    await app.exited;
    for (const w of workers) {
      try {
        process.kill(w, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

async function main() {
  const cores = availableParallelism();
  const db = await startBenchDatabase('motcua_bench_cluster');
  const mainJs = await builtMain();
  try {
    const one = await run(mainJs, db.url, 1);
    const all = await run(mainJs, db.url, cores);
    const row = (name: string, r: LoadResult) => [name, r.rps, r.p50, r.p95, r.p99, r.errors + r.non2xx];
    const md = `## Every core vs one process (issue 14)

\`npm run bench -- bench/cluster.bench.ts\` — ${machine()}; run ${new Date().toISOString().slice(0, 16)}Z. The build
\`npm start\` runs, against one PostgreSQL (same machine), WEB_CONCURRENCY=1 then WEB_CONCURRENCY=${cores}, one after
the other in this run; autocannon (in the bench process, on the same cores) with 50 connections, 10 s.

${table(['load', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors/non-2xx'], [
  row('catalog list, 1 process', one.catalog),
  row(`catalog list, ${cores} processes`, all.catalog),
  row('/health/live, 1 process', one.live),
  row(`/health/live, ${cores} processes`, all.live),
])}

Ratio ${cores} processes / 1 process: catalog list **${(all.catalog.rps / Math.max(1, one.catalog.rps)).toFixed(2)}×**, /health/live **${(all.live.rps / Math.max(1, one.live.rps)).toFixed(2)}×**.
On ${cores} cores shared with PostgreSQL and the load generator (and, on this machine, other work) the gain is bounded
by what is left of the cores; it is the ratio to watch on a machine with cores to spare.`;
    writeSection('cluster', md);
    console.log(md);
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
