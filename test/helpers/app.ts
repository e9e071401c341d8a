import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';

/**
 * Each test FILE gets its own database, cloned from a template that was migrated from zero and
 * seeded by the real app once per run: suites cannot see each other's dossiers, sessions or login
 * throttles, and a clone costs a fraction of a second. (Jest gives every file a fresh copy of
 * this module, so `fileDatabaseUrl` is per file; several boots in one file share it.)
 */
let fileDatabaseUrl: string | undefined;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string, params: unknown[] = []) {
  const admin = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') });
  await admin.connect();
  try {
    return await admin.query(sql, params);
  } finally {
    await admin.end();
  }
}

async function databaseForThisFile(): Promise<string> {
  if (fileDatabaseUrl) return fileDatabaseUrl;
  const base = process.env.DATABASE_URL!;
  const baseName = new URL(base).pathname.slice(1);
  const template = `${baseName}_tpl`;
  const exists = await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
  if (!exists.rowCount) {
    await adminQuery(`CREATE DATABASE "${template}"`);
    const app = await createApp(loadConfig({ ...process.env }), withDatabase(base, template));
    await app.close();
  }
  const name = `${baseName}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  fileDatabaseUrl = withDatabase(base, name);
  return fileDatabaseUrl;
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: ReturnType<typeof request>;
  ds: DataSource;
  /** Base URL when started with `listen: true` (browser tests). */
  baseUrl: string;
  /** This test file's own database (for worker processes or raw connections). */
  databaseUrl: string;
  close(): Promise<void>;
}

/** Boots the real application against this test file's PostgreSQL database (see test/setup). */
export async function bootApp(opts: { env?: Record<string, string>; listen?: boolean } = {}): Promise<TestApp> {
  const databaseUrl = await databaseForThisFile();
  const config = loadConfig({ ...process.env, ...opts.env, DATABASE_URL: databaseUrl });
  const app = await createApp(config, databaseUrl);
  let baseUrl = '';
  if (opts.listen) {
    await app.listen(0, '127.0.0.1');
    const addr = app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${addr.port}`;
  }
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    ds: app.get(DataSource),
    baseUrl,
    databaseUrl,
    close: () => app.close(),
  };
}
