/**
 * `npm start` builds only when the sources changed, and two starts in one checkout do not build into
 * the same folder (issue 10, item 8). scripts/build.cjs runs here on a small TypeScript project in a
 * temporary folder, with the real tsc; the concurrency case uses two real processes.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../../scripts/build.cjs') as {
  ensureBuild(o: { root: string; keep?: number; log?: (m: string) => void }): Promise<{ dir: string; hash: string; built: boolean; waitedMs: number }>;
  markRunning(dir: string): void;
};
const SCRIPT = resolve(__dirname, '../../scripts/build.cjs');
const run = promisify(execFile);

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'motcua-build-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', rootDir: '.', outDir: './dist', strict: true, types: [] }, include: ['src/**/*.ts'] }),
  );
  writeFileSync(join(root, 'package-lock.json'), '{}');
  source(root, 'một');
  return root;
}

function source(root: string, word: string) {
  writeFileSync(join(root, 'src', 'main.ts'), `const word: string = '${word}';\nconsole.log('xin chào ' + word);\n`);
}

function runBuilt(dir: string): Promise<string> {
  return run(process.execPath, [join(dir, 'src', 'main.js')]).then((r) => r.stdout.trim());
}

/** `node scripts/build.cjs --root <root> --json` as a separate process. */
function buildProcess(root: string): Promise<{ built: boolean; waitedMs: number; dir: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [SCRIPT, '--root', root, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => (code === 0 ? ok(JSON.parse(out.trim().split('\n').pop()!)) : fail(new Error(`exit ${code}: ${err}`))));
  });
}

describe('start-up build (scripts/build.cjs)', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('builds the first time and skips the second time when nothing changed', async () => {
    const root = project();
    roots.push(root);
    const first = await build.ensureBuild({ root });
    expect(first.built).toBe(true);
    expect(await runBuilt(first.dir)).toBe('xin chào một');
    const second = await build.ensureBuild({ root });
    expect(second).toMatchObject({ built: false, dir: first.dir, hash: first.hash });
  });

  it('rebuilds into a new folder when a source changes and leaves the running build alone', async () => {
    const root = project();
    roots.push(root);
    const first = await build.ensureBuild({ root });
    source(root, 'hai');
    const second = await build.ensureBuild({ root });
    expect(second.built).toBe(true);
    expect(second.dir).not.toBe(first.dir);
    expect(await runBuilt(second.dir)).toBe('xin chào hai');
    // An instance started from the first build still has it, unchanged.
    expect(await runBuilt(first.dir)).toBe('xin chào một');
    // Back to the first sources: that build is reused, not compiled again.
    source(root, 'một');
    expect(await build.ensureBuild({ root })).toMatchObject({ built: false, dir: first.dir });
  });

  it('two starts at once: one compiles, the other waits for it and reuses its build', async () => {
    const root = project();
    roots.push(root);
    const [a, b] = await Promise.all([buildProcess(root), buildProcess(root)]);
    expect([a.built, b.built].sort()).toEqual([false, true]);
    expect(a.dir).toBe(b.dir);
    const waiter = a.built ? b : a;
    expect(waiter.waitedMs).toBeGreaterThan(0);
    expect(readdirSync(join(root, '.build')).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(await runBuilt(a.dir)).toBe('xin chào một');
  });

  it('a type error stops the start with tsc\'s message, leaves no half build and frees the lock', async () => {
    const root = project();
    roots.push(root);
    writeFileSync(join(root, 'src', 'main.ts'), `const n: number = 'không phải số';\n`);
    await expect(build.ensureBuild({ root })).rejects.toThrow(/build failed[\s\S]*TS2322/);
    expect(readdirSync(join(root, '.build')).filter((n) => !n.startsWith('build.lock'))).toEqual([]);
    source(root, 'ba');
    const fixed = await build.ensureBuild({ root });
    expect(fixed.built).toBe(true);
    expect(await runBuilt(fixed.dir)).toBe('xin chào ba');
  });

  it('keeps the newest builds and any build a live process runs from', async () => {
    const root = project();
    roots.push(root);
    const first = await build.ensureBuild({ root, keep: 2 });
    build.markRunning(first.dir); // this test process "runs" the first build
    const dirs: string[] = [first.dir];
    for (const w of ['bốn', 'năm', 'sáu']) {
      source(root, w);
      dirs.push((await build.ensureBuild({ root, keep: 2 })).dir);
    }
    expect(existsSync(first.dir)).toBe(true); // in use
    expect(existsSync(dirs[1])).toBe(false); // old, unused: pruned
    expect(existsSync(dirs[2])).toBe(true); // newest other
    expect(existsSync(dirs[3])).toBe(true); // current
  });
});
