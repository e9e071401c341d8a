import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runningPostmaster } from './embedded-postgres';

/** postmaster.pid as PostgreSQL 10+ writes it: pid, data dir, start time, port, socket dir, listen address, shmem key, status. */
function pidFile(dir: string, pid: number, port = 54329, status = 'ready') {
  writeFileSync(join(dir, 'postmaster.pid'), `${pid}\n${dir}\n1796000000\n${port}\n/tmp\n127.0.0.1\n  54329001         0\n${status}  \n`);
}

describe('runningPostmaster (one server per data folder)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'motcua-pm-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('no postmaster.pid → none running', () => {
    expect(runningPostmaster(dir)).toBeNull();
  });
  it('a pid that no longer exists (crash leftover) → none running', () => {
    pidFile(dir, 2 ** 22 + 12345);
    expect(runningPostmaster(dir)).toBeNull();
  });
  it('a live pid that is not a postgres (pid recycled) → none running', () => {
    pidFile(dir, process.pid);
    expect(runningPostmaster(dir)).toBeNull();
  });
  it('garbage in the file → none running', () => {
    writeFileSync(join(dir, 'postmaster.pid'), 'not a pid\n');
    expect(runningPostmaster(dir)).toBeNull();
  });
});
