'use strict';
/**
 * Builds the app only when its sources changed, into a folder of its own per version of the sources:
 * `.build/<hash of the compiler inputs>/`. Plain CommonJS because it runs before anything is compiled.
 *
 * - Skip: the hash of src/, migrations/, seeds/ (the *.ts files tsconfig.json compiles), tsconfig.json
 *   and package-lock.json names a finished build → nothing to do (a start costs one hash of the sources).
 * - Lock: one build at a time per checkout (proper-lockfile on `.build/`); a second start waits for the
 *   first one's build and reuses it instead of compiling the same sources again.
 * - Never in place: tsc writes into `<hash>.tmp-<pid>/`, which is renamed to `<hash>/` when complete, so
 *   a running instance keeps its own build even when another start compiles newer sources next to it.
 * - Pruning keeps the newest builds and every build that a live process runs from (`<hash>/.running/<pid>`).
 *
 * `npm start` and `npm run demo:purge` go through scripts/run.cjs, which calls ensureBuild().
 * `npm run build` (nest build → dist/) stays for the tests, the Docker image and the other CLIs.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const lockfile = require('proper-lockfile');

const REPO_ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['src', 'migrations', 'seeds'];
const SOURCE_FILES = ['tsconfig.json', 'package-lock.json'];
const COMPLETE = '.build-complete';
const RUNNING = '.running';
const BUILD_DIR = /^[0-9a-f]{16}$/;

function listTs(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listTs(p, out);
    // Exactly what tsconfig.json compiles: *.ts but not the unit tests (*.spec.ts).
    else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

/** A hash of every compiler input: same hash ⇔ same build output. */
function sourceHash(root) {
  const files = SOURCE_DIRS.flatMap((d) => listTs(path.join(root, d), []));
  for (const f of SOURCE_FILES) if (fs.existsSync(path.join(root, f))) files.push(path.join(root, f));
  files.sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(path.relative(root, f).split(path.sep).join('/'));
    h.update('\0');
    h.update(fs.readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

function isComplete(dir) {
  return fs.existsSync(path.join(dir, COMPLETE));
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** tsc from the project (or, for fixtures without node_modules, from this repository). */
function tscPath(root) {
  return require.resolve('typescript/bin/tsc', { paths: [root, REPO_ROOT] });
}

function defaultCompile(root, outDir) {
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the lock's heartbeat must keep running during a long compile.
    const child = spawn(process.execPath, [tscPath(root), '-p', path.join(root, 'tsconfig.json'), '--outDir', outDir, '--incremental', 'false'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`Biên dịch thất bại / build failed (tsc exit ${code}):\n${out.trim()}`))));
  });
}

/** Removes old builds: keeps `current`, the `keep - 1` newest others and any build a live process runs from. */
function prune(outBase, current, keep) {
  let names;
  try {
    names = fs.readdirSync(outBase);
  } catch {
    return [];
  }
  const removed = [];
  for (const n of names) {
    const m = /\.tmp-(\d+)$/.exec(n);
    if (m && !pidAlive(Number(m[1]))) {
      fs.rmSync(path.join(outBase, n), { recursive: true, force: true });
      removed.push(n);
    }
  }
  const builds = names
    .filter((n) => BUILD_DIR.test(n) && n !== current)
    .map((n) => ({ n, t: fs.statSync(path.join(outBase, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { n } of builds.slice(Math.max(0, keep - 1))) {
    if (inUse(path.join(outBase, n))) continue;
    fs.rmSync(path.join(outBase, n), { recursive: true, force: true });
    removed.push(n);
  }
  return removed;
}

function inUse(dir) {
  let pids;
  try {
    pids = fs.readdirSync(path.join(dir, RUNNING));
  } catch {
    return false;
  }
  return pids.some((p) => pidAlive(Number(p)));
}

/**
 * Returns the folder of a finished build of the current sources, compiling it first when needed.
 * @returns {Promise<{ dir: string, hash: string, built: boolean, waitedMs: number, buildMs: number }>}
 */
async function ensureBuild(opts = {}) {
  const root = path.resolve(opts.root || REPO_ROOT);
  const outBase = path.resolve(opts.outBase || path.join(root, '.build'));
  const log = opts.log || (() => undefined);
  const compile = opts.compile || defaultCompile;
  const keep = opts.keep || 3;
  const hash = sourceHash(root);
  const dir = path.join(outBase, hash);
  if (isComplete(dir)) return { dir, hash, built: false, waitedMs: 0, buildMs: 0 };

  fs.mkdirSync(outBase, { recursive: true });
  const t0 = Date.now();
  let waiting = false;
  const release = await lockfile.lock(outBase, {
    lockfilePath: path.join(outBase, 'build.lock'),
    // A build takes seconds to a minute; a crashed builder's lock goes stale after 30 s without heartbeat.
    stale: 30000,
    update: 5000,
    retries: { retries: 1000, factor: 1, minTimeout: 250, maxTimeout: 250 },
    onCompromised: (err) => log(`Khóa biên dịch bị mất / build lock lost: ${err.message}`),
  }).catch((err) => {
    throw new Error(`Không lấy được khóa biên dịch ${path.join(outBase, 'build.lock')}: ${err.message}`);
  });
  const waitedMs = Date.now() - t0;
  if (waitedMs > 300) waiting = true;
  try {
    // Another start may have built these very sources while this one waited for the lock.
    if (isComplete(dir)) {
      if (waiting) log(`Dùng bản dựng ${hash} vừa được tiến trình khác biên dịch (đã chờ ${(waitedMs / 1000).toFixed(1)} s).`);
      return { dir, hash, built: false, waitedMs, buildMs: 0 };
    }
    const tmp = path.join(outBase, `${hash}.tmp-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    log(`Mã nguồn đã thay đổi: biên dịch vào ${path.relative(root, dir) || dir}…`);
    const t1 = Date.now();
    try {
      await compile(root, tmp);
      fs.writeFileSync(path.join(tmp, COMPLETE), JSON.stringify({ hash, builtAt: new Date().toISOString(), pid: process.pid }) + '\n');
      fs.rmSync(dir, { recursive: true, force: true }); // an unfinished leftover (no COMPLETE file)
      fs.renameSync(tmp, dir);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    const buildMs = Date.now() - t1;
    log(`Biên dịch xong sau ${(buildMs / 1000).toFixed(1)} s.`);
    prune(outBase, hash, keep);
    return { dir, hash, built: true, waitedMs, buildMs };
  } finally {
    await release().catch(() => undefined);
  }
}

/** Marks `dir` as used by this process until it exits (pruning leaves it alone). */
function markRunning(dir) {
  const mark = path.join(dir, RUNNING, String(process.pid));
  fs.mkdirSync(path.dirname(mark), { recursive: true });
  fs.writeFileSync(mark, '');
  process.on('exit', () => {
    try {
      fs.rmSync(mark, { force: true });
    } catch {
      /* best effort */
    }
  });
}

module.exports = { ensureBuild, sourceHash, prune, markRunning, REPO_ROOT };

// `node scripts/build.cjs [--root DIR] [--json]`: build if needed, print the result.
if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = at >= 0 ? args[at + 1] : REPO_ROOT;
  ensureBuild({ root, log: (m) => console.error(m) }).then(
    (r) => console.log(args.includes('--json') ? JSON.stringify(r) : r.built ? `built ${r.dir}` : `current ${r.dir}`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
