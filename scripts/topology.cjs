'use strict';
/**
 * The production topology on one machine, without Docker (issue 14, item 5): Debian's PostgreSQL 15
 * as a primary and a streaming replica (pg_basebackup -R) on loopback ports, N app instances (the
 * build `npm start` runs, one process each) reading reports from the replica, and HAProxy in front.
 *
 *   node scripts/topology.cjs up     # starts everything, prints the URLs, Ctrl+C stops it all
 *
 * test/ops/topology.e2e-spec.ts drives it (require('scripts/topology.cjs').startTopology()). Needs
 * /usr/lib/postgresql/15/bin (apt-get install postgresql-15) and haproxy (apt-get install haproxy);
 * `missing()` names what is absent so the test can skip with that reason. Under root the database
 * servers run as the `postgres` user (runuser), as PostgreSQL refuses to run as root.
 */
const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const run = promisify(execFile);

const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
const HAPROXY = ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find((p) => fs.existsSync(p)) || null;
const ROOT = path.resolve(__dirname, '..');

/** What the topology needs and this machine lacks (empty: ready). */
function missing() {
  const out = [];
  for (const b of ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres']) if (!fs.existsSync(path.join(PG_BIN, b))) out.push(`${PG_BIN}/${b} (apt-get install postgresql-15)`);
  if (!HAPROXY) out.push('haproxy (apt-get install haproxy)');
  if (isRoot()) {
    try {
      require('node:child_process').execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      out.push('a `postgres` system user (running as root)');
    }
  }
  return out;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a PostgreSQL binary as the postgres user when we are root. */
function pgCommand(bin, args) {
  const file = path.join(PG_BIN, bin);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

async function pg(bin, args, opts = {}) {
  const [cmd, argv] = pgCommand(bin, args);
  return run(cmd, argv, { maxBuffer: 16 * 1024 * 1024, ...opts });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHttp(url, timeoutMs, ok = (s) => s === 200) {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/** The build of the current sources, as `npm start` uses it (compiled only when the sources changed). */
async function builtMain() {
  const { ensureBuild } = require('./build.cjs');
  const { dir } = await ensureBuild({ log: () => undefined });
  return path.join(dir, 'src', 'main.js');
}

function writeConf(dir, lines) {
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), `\n# topology.cjs\n${lines.join('\n')}\n`);
}

/**
 * Starts primary, replica, `apps` app instances and HAProxy. Returns the URLs and handles to kill and
 * restart app instances and to stop everything. `log` receives progress lines.
 */
async function startTopology(opts = {}) {
  const apps = opts.apps ?? 2;
  const log = opts.log ?? (() => undefined);
  const base = opts.baseDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-topology-'));
  fs.chmodSync(base, 0o755);
  const primaryDir = path.join(base, 'primary');
  const replicaDir = path.join(base, 'replica');
  const dataDir = path.join(base, 'app-data'); // shared by the instances, like a shared volume
  fs.mkdirSync(dataDir, { recursive: true });
  if (isRoot()) await run('chown', ['postgres:postgres', base]);
  const [primaryPort, replicaPort, proxyPort, statsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const appPorts = [];
  for (let i = 0; i < apps; i++) appPorts.push(await freePort());
  const children = new Set();
  const state = { stopped: false };

  const stopAll = async () => {
    if (state.stopped) return;
    state.stopped = true;
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    const deadline = Date.now() + 20000;
    while ([...children].some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await sleep(100);
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    // The app pools are closed: stop the servers (replica first).
    for (const d of [replicaDir, primaryDir]) if (fs.existsSync(path.join(d, 'postmaster.pid'))) await pg('pg_ctl', ['-D', d, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
    if (!opts.keep) fs.rmSync(base, { recursive: true, force: true });
  };

  try {
    // ── primary ──
    log(`PostgreSQL chính: cổng ${primaryPort}`);
    await pg('initdb', ['-D', primaryDir, '-U', 'motcua', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    writeConf(primaryDir, [
      `port = ${primaryPort}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${primaryDir}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'wal_keep_size = 256MB',
      'hot_standby = on',
      'max_connections = 200',
      'fsync = off',
      'full_page_writes = off',
      'synchronous_commit = on',
    ]);
    await pg('pg_ctl', ['-D', primaryDir, '-l', path.join(primaryDir, 'server.log'), '-w', '-t', '60', 'start']);
    const primaryUrl = `postgres://motcua@127.0.0.1:${primaryPort}/motcua`;
    const { Client } = require('pg');
    const admin = new Client({ connectionString: `postgres://motcua@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE motcua');
    await admin.end();

    // ── replica: a base backup of the primary that streams from it (-R writes standby.signal + primary_conninfo) ──
    log(`PostgreSQL bản sao (streaming): cổng ${replicaPort}`);
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'motcua', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
    writeConf(replicaDir, [`port = ${replicaPort}`, `unix_socket_directories = '${replicaDir}'`, 'hot_standby_feedback = on', 'max_standby_streaming_delay = 30s']);
    await pg('pg_ctl', ['-D', replicaDir, '-l', path.join(replicaDir, 'server.log'), '-w', '-t', '60', 'start']);
    const replicaUrl = `postgres://motcua@127.0.0.1:${replicaPort}/motcua`;

    // ── app instances ──
    const main = opts.main ?? (await builtMain());
    const appEnv = (i) => {
      const env = { ...process.env };
      for (const k of ['DATABASE_URL', 'DEMO', 'NODE_ENV', 'OUTBOX_WORKER', 'SMTP_CATCHER', 'WEB_CONCURRENCY', 'JEST_WORKER_ID', 'SECURITY_LOG_FILE']) delete env[k];
      return {
        ...env,
        NODE_ENV: 'development',
        DEMO: '1',
        DEMO_DOSSIERS: '0',
        REGISTRY_CITIZENS: env.REGISTRY_CITIZENS || '2000',
        LOG_LEVEL: 'warn',
        PORT: String(appPorts[i]),
        WEB_CONCURRENCY: '1',
        DATABASE_URL: primaryUrl,
        DATABASE_REPLICA_URL: replicaUrl,
        REPLICA_MAX_LAG_SECONDS: String(opts.replicaMaxLagSeconds ?? 5),
        DATA_DIR: dataDir,
        SMTP_CATCHER: '0',
        PUBLIC_BASE_URL: `http://127.0.0.1:${proxyPort}`,
        ...(opts.env ?? {}),
      };
    };
    const appProcs = [];
    const startApp = async (i) => {
      const out = fs.openSync(path.join(base, `app${i + 1}.log`), 'a');
      const child = spawn(process.execPath, [main], { env: appEnv(i), stdio: ['ignore', out, out] });
      fs.closeSync(out);
      children.add(child);
      child.on('exit', () => children.delete(child));
      appProcs[i] = child;
      await waitHttp(`http://127.0.0.1:${appPorts[i]}/health/ready`, 300000);
      log(`Ứng dụng ${i + 1}: cổng ${appPorts[i]} (pid ${child.pid})`);
      return child.pid;
    };
    // The first migrates and seeds; the others then start side by side.
    await startApp(0);
    await Promise.all(appPorts.slice(1).map((_, k) => startApp(k + 1)));

    // ── proxy ──
    const cfg = path.join(base, 'haproxy.cfg');
    fs.writeFileSync(
      cfg,
      [
        'global',
        '  maxconn 2000',
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 60s',
        '  timeout server 60s',
        '  retries 3',
        '  option redispatch',
        '  option forwardfor',
        'frontend web',
        `  bind 127.0.0.1:${proxyPort}`,
        '  default_backend apps',
        'frontend stats',
        `  bind 127.0.0.1:${statsPort}`,
        '  stats enable',
        '  stats uri /stats',
        'backend apps',
        '  balance roundrobin',
        '  option httpchk GET /health/ready',
        '  http-check expect status 200',
        '  default-server inter 500ms fall 2 rise 2',
        ...appPorts.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check`),
        '',
      ].join('\n'),
    );
    const proxy = spawn(HAPROXY, ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let proxyErr = '';
    proxy.stderr.on('data', (b) => (proxyErr += b.toString()));
    children.add(proxy);
    proxy.on('exit', () => children.delete(proxy));
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    await waitHttp(`${proxyUrl}/health/ready`, 30000).catch((err) => {
      throw new Error(`${err.message}\n${proxyErr}`);
    });
    log(`HAProxy: ${proxyUrl} (thống kê: http://127.0.0.1:${statsPort}/stats)`);

    return {
      baseDir: base,
      primaryUrl,
      replicaUrl,
      proxyUrl,
      appUrls: appPorts.map((p) => `http://127.0.0.1:${p}`),
      appPid: (i) => appProcs[i]?.pid,
      /** SIGKILL one app instance; resolves when it is gone. */
      killApp: (i) =>
        new Promise((resolve) => {
          const c = appProcs[i];
          if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
      startApp,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

module.exports = { startTopology, missing };

if (require.main === module) {
  const cmd = process.argv[2];
  if (cmd !== 'up') {
    console.log('Cách dùng: node scripts/topology.cjs up   (Ctrl+C để dừng)');
    process.exit(cmd ? 1 : 0);
  }
  const lacking = missing();
  if (lacking.length) {
    console.error(`Thiếu: ${lacking.join(', ')}`);
    process.exit(1);
  }
  startTopology({ apps: Number(process.env.TOPOLOGY_APPS || 2), log: (m) => console.log(m) })
    .then((t) => {
      console.log(`Sẵn sàng: ${t.proxyUrl} → ${t.appUrls.join(', ')}; chính ${t.primaryUrl}, bản sao ${t.replicaUrl}`);
      const stop = () => t.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
