import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clamdPing } from '../../src/files/clamav';
import { EICAR } from '../files/hostile-files';

export interface TestClamd {
  socketPath: string;
  stop(): Promise<void>;
}

/**
 * A private clamd (Debian's `clamav-daemon`; `.ci/run` installs it) on a Unix socket in a temp
 * folder, like the browser tests start their own Chromium. There is no internet here, so freshclam
 * cannot fetch the official databases: the daemon loads a tiny database written here with the
 * EICAR test signature twice — as a whole-file hash (like ClamAV's own Win.Test.EICAR_HDB-1) and as
 * a body signature, so that EICAR is also found inside a PDF or after an image.
 */
export async function startClamd(): Promise<TestClamd> {
  const binary = process.env.CLAMD_PATH ?? '/usr/sbin/clamd';
  if (!existsSync(binary)) throw new Error(`clamd not found at ${binary}: apt-get install -y clamav-daemon (.ci/run does it)`);
  const dir = mkdtempSync(join(tmpdir(), 'motcua-clamd-'));
  const db = join(dir, 'db');
  mkdirSync(db);
  writeFileSync(join(db, 'motcua-test.hdb'), `${createHash('md5').update(EICAR).digest('hex')}:${EICAR.length}:Motcua.Test.EICAR_HDB\n`);
  writeFileSync(join(db, 'motcua-test.ndb'), `Motcua.Test.EICAR_NDB:0:*:${EICAR.toString('hex')}\n`);
  const socketPath = join(dir, 'clamd.sock');
  const config = join(dir, 'clamd.conf');
  writeFileSync(
    config,
    [
      'Foreground yes',
      `LocalSocket ${socketPath}`,
      `DatabaseDirectory ${db}`,
      `TemporaryDirectory ${dir}`,
      `PidFile ${join(dir, 'clamd.pid')}`,
      // Uploads are at most UPLOAD_MAX_FILE_MB (10 MB by default): every upload fits in one stream.
      'StreamMaxLength 64M',
      'MaxScanSize 100M',
      'SelfCheck 0',
      // Deterministic verdicts: only the signatures above. (Production keeps Debian's default,
      // heuristics on, which also flag e.g. obfuscated PDF names before our own inspection runs.)
      'HeuristicAlerts no',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['--config-file', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const target = { socketPath, host: null, port: 3310, timeoutMs: 2000 };
  const deadline = Date.now() + 60_000;
  while (!(await clamdPing(target))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`clamd did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    socketPath,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
