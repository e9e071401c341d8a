/**
 * The app as `npm start` runs it — the build of the current sources (scripts/build.cjs, compiled
 * once per version of the sources and reused) started as its own process — for the tests that kill
 * and restart processes (cluster, topology).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../../../scripts/build.cjs') as { ensureBuild(o?: { log?: (m: string) => void }): Promise<{ dir: string }> };

export async function builtMain(): Promise<string> {
  const { dir } = await build.ensureBuild({ log: () => undefined });
  return join(dir, 'src', 'main.js');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface AppProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout + stderr). */
  output(): string;
  /** Resolves when the output matches (or rejects when the process exits first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

/** The process environment without what the test runner set for its in-process apps. */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'DEMO', 'NODE_ENV', 'OUTBOX_WORKER', 'SMTP_CATCHER', 'WEB_CONCURRENCY', 'JEST_WORKER_ID']) delete env[k];
  return { ...env, LOG_LEVEL: 'info', DEMO_DOSSIERS: '0', REGISTRY_CITIZENS: '2000', ...extra };
}

export function startProcess(main: string, env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: (() => void)[] = [];
  const onData = (b: Buffer) => {
    out += b.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor(re, timeoutMs = 240_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (re.test(out)) {
            waiters.splice(waiters.indexOf(check), 1);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; output:\n${out.slice(-3000)}`)), timeoutMs);
        void exited.then((code) => {
          clearTimeout(timer);
          if (!re.test(out)) reject(new Error(`process exited (${code}) before ${re}; output:\n${out.slice(-3000)}`));
        });
        waiters.push(check);
        check();
      });
    },
  };
}

/** Child processes of `pid` running `main` (Linux /proc). */
export function appChildren(pid: number, main: string): number[] {
  let list: string;
  try {
    list = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    return [];
  }
  return list
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((c) => {
      try {
        return readFileSync(`/proc/${c}/cmdline`, 'utf8').includes(main);
      } catch {
        return false;
      }
    });
}

export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    let ok = false;
    try {
      ok = await check();
    } catch {
      ok = false;
    }
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`never happened: ${what}`);
}
