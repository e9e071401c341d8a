/**
 * `npm start` on every core (issue 14, item 1): the built app started as `npm start` runs it, with
 * WEB_CONCURRENCY=2 and the embedded database. The primary starts PostgreSQL once; two app processes
 * answer on one port; only one runs the outbox worker; a worker killed with SIGKILL is replaced (the
 * outbox worker with it); SIGTERM stops the workers (closing their pools) and then the embedded server.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runningPostmaster } from '../../src/database/embedded-postgres';
import { appChildren, baseEnv, builtMain, freePort, startProcess, until, type AppProcess } from './support/built-app';

const outboxStarts = (out: string) => (out.match(/Outbox worker w-\d+-[0-9a-f]+ started/g) ?? []).length;

describe('npm start with WEB_CONCURRENCY=2 (node:cluster)', () => {
  let dataDir: string;
  let app: AppProcess | undefined;
  let main: string;
  let port: number;

  beforeAll(async () => {
    main = await builtMain();
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-cluster-'));
    chmodSync(dataDir, 0o755); // under root the embedded server runs as `postgres`
    port = await freePort();
    app = startProcess(
      main,
      baseEnv({ WEB_CONCURRENCY: '2', PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), SMTP_CATCHER_PORT: String(await freePort()) }),
    );
    await app.waitFor(/sẵn sàng tại .* 2 tiến trình/);
  }, 600_000);

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGKILL');
      for (const c of appChildren(app.child.pid!, main)) process.kill(c, 'SIGKILL');
    }
    const pm = runningPostmaster(join(dataDir, 'pg'));
    if (pm) process.kill(pm.pid, 'SIGQUIT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs one embedded server and two app processes on one port, the outbox worker in one of them', async () => {
    expect(runningPostmaster(join(dataDir, 'pg'))).not.toBeNull();
    expect(app!.output().match(/Khởi động PostgreSQL nhúng/g)).toHaveLength(1);
    expect(appChildren(app!.child.pid!, main)).toHaveLength(2);
    expect(outboxStarts(app!.output())).toBe(1);
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(res.status).toBe(200);
  });

  it('replaces a worker killed with SIGKILL, the outbox worker included, and keeps answering', async () => {
    const before = appChildren(app!.child.pid!, main);
    // The lead (outbox worker) is the first one forked.
    const leadPid = Number(/"pid":(\d+)[^\n]*Outbox worker w-\d+-[0-9a-f]+ started/.exec(app!.output())![1]);
    expect(before).toContain(leadPid);
    process.kill(leadPid, 'SIGKILL');
    // The other worker keeps serving while the lead restarts.
    await until(async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).status === 200, 'the survivor answers');
    await until(() => outboxStarts(app!.output()) === 2, 'a new lead starts the outbox worker', 240_000);
    const after = appChildren(app!.child.pid!, main);
    expect(after).toHaveLength(2);
    expect(after).not.toContain(leadPid);
    expect(app!.output()).toMatch(new RegExp(`Tiến trình lead ${leadPid} đã dừng \\(SIGKILL\\)`));
  }, 300_000);

  it('SIGTERM stops the workers first, then the embedded server, and exits 0', async () => {
    const workers = appChildren(app!.child.pid!, main);
    app!.child.kill('SIGTERM');
    expect(await app!.exited).toBe(0);
    for (const w of workers) expect(() => process.kill(w, 0)).toThrow();
    expect(runningPostmaster(join(dataDir, 'pg'))).toBeNull();
    // No worker lost its database under it while closing.
    expect(app!.output()).not.toMatch(/terminating connection|Connection terminated|ECONNREFUSED/);
  }, 120_000);
});
