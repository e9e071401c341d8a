/**
 * Identity (issue 3): sign-in throughput (argon2id on every request, by design) and the
 * population-registry `verify` latency with 1,000,000 generated citizens loaded.
 * `npm run bench -- bench/login.bench.ts` (BENCH_CITIZENS=… to change the population size).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { RegistryClient } from '../src/registry/registry.client';
import { DataSource } from 'typeorm';
import { bootBenchApp, load, machine, startBenchDatabase, table, writeSection } from './lib/harness';

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 1_000_000);

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const p = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] * 100) / 100;
  return { p50: p(50), p95: p(95), p99: p(99), max: Math.round(s[s.length - 1] * 100) / 100 };
}

async function main() {
  const loadBefore = loadavg()[0];
  const db = await startBenchDatabase('motcua_bench_login');
  const bootStarted = Date.now();
  const app = await bootBenchApp(db.url, { REGISTRY_CITIZENS: String(CITIZENS) });
  const bootSeconds = (Date.now() - bootStarted) / 1000;
  try {
    const ds = app.app.get(DataSource);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM registry.citizens');
    const [{ size }] = await ds.query(`SELECT pg_size_pretty(pg_total_relation_size('registry.citizens')) AS size`);
    console.log(`registry: ${n} citizens (${size}), app boot incl. migrations and seeding ${bootSeconds.toFixed(1)} s`);

    // ---- login throughput -------------------------------------------------------------------
    const staff: { username: string }[] = await ds.query(`SELECT username FROM users WHERE demo AND role <> 'CITIZEN' ORDER BY username LIMIT 200`);
    let i = 0;
    const loginRequest = {
      method: 'POST' as const,
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: Record<string, unknown>) => ({
        ...req,
        body: JSON.stringify({ username: staff[i++ % staff.length].username, password: 'MotCua@2026' }),
      }),
    };
    const loginRows: (string | number)[][] = [];
    for (const connections of [4, 16]) {
      const r = await load({ url: app.baseUrl, connections, duration: 10, requests: [loginRequest] });
      console.log(`login, ${connections} connections`, r);
      loginRows.push([`POST /api/v1/auth/login, ${connections} connections`, r.rps, r.p50, r.p95, r.p99, r.errors + r.non2xx]);
    }
    const token = (await (await fetch(`${app.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk.026.ptp', password: 'MotCua@2026' }),
    }).then((r) => r.json())) as { accessToken: string }).accessToken;
    const me = await load({ url: `${app.baseUrl}/api/v1/me`, connections: 16, duration: 10, headers: { authorization: `Bearer ${token}` } });
    console.log('GET /api/v1/me (bearer)', me);
    loginRows.push(['GET /api/v1/me with a bearer token, 16 connections', me.rps, me.p50, me.p95, me.p99, me.errors + me.non2xx]);

    // ---- registry verify latency --------------------------------------------------------------
    const sample: { personal_id: string; full_name: string; dob: string }[] = await ds.query(
      `SELECT personal_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM registry.citizens TABLESAMPLE SYSTEM (1) LIMIT 2000`,
    );
    const client = app.app.get(RegistryClient);
    const seq: number[] = [];
    let matched = 0;
    for (const [k, c] of sample.entries()) {
      const name = k % 4 === 3 ? `${c.full_name} Văn` : k % 4 === 2 ? `  ${c.full_name.toUpperCase()} ` : c.full_name;
      const t0 = performance.now();
      if (await client.verify(c.personal_id, name, c.dob)) matched++;
      seq.push(performance.now() - t0);
    }
    const seqP = percentiles(seq);
    console.log('verify sequential', seqP, `matched ${matched}/${sample.length}`);
    const conc: number[] = [];
    const started = performance.now();
    const queue = [...sample];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let c = queue.pop(); c; c = queue.pop()) {
          const t0 = performance.now();
          await client.verify(c.personal_id, c.full_name, c.dob);
          conc.push(performance.now() - t0);
        }
      }),
    );
    const concSeconds = (performance.now() - started) / 1000;
    const concP = percentiles(conc);
    console.log('verify 16 concurrent', concP, `${Math.round(sample.length / concSeconds)}/s`);

    writeSection(
      'identity',
      `## Identity and population registry (issue 3)\n\n${new Date().toISOString().slice(0, 10)}, ${machine()}, ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL 18'}; app and load generator on the same machine; 1-minute load average ${loadBefore.toFixed(1)} at start and ${loadavg()[0].toFixed(1)} at the end (compare runs only at similar load).\n\n` +
        `Population registry stub: ${n.toLocaleString('en')} citizens (${size} with indexes), loaded by COPY during the first boot; boot including migrations and all seeds took ${bootSeconds.toFixed(0)} s.\n\n` +
        `### Sign-in (autocannon, 10 s each)\n\nEvery sign-in verifies an argon2id hash (19 MiB, t=2), deliberately ~tens of ms of CPU: throughput is bounded by cores, not by the database.\n\n` +
        table(['request', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'], loginRows) +
        `\n\n### Registry \`verify\` at ${n.toLocaleString('en')} citizens (through RegistryClient: timeout, retry, circuit breaker; no injected latency)\n\n` +
        table(
          ['mode', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'throughput'],
          [
            ['sequential (¼ mismatching names, ¼ case/space variants)', sample.length, seqP.p50, seqP.p95, seqP.p99, seqP.max, `${Math.round(sample.length / (seq.reduce((a, b) => a + b, 0) / 1000))}/s`],
            ['16 concurrent callers', sample.length, concP.p50, concP.p95, concP.p99, concP.max, `${Math.round(sample.length / concSeconds)}/s`],
          ],
        ) +
        `\n\nA lookup by primary key plus name normalisation: latency stays flat with population size; with the real national database the network dominates, hence the client's timeout (${app.config.registry.timeoutMs} ms per attempt), two retries with backoff and the circuit breaker.`,
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
