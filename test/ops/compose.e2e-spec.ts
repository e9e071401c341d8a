/**
 * docker-compose.yml (the production topology, issue 14 item 5) is linted by Compose itself:
 * `docker compose config` (or Debian's `docker-compose config`), which needs no Docker engine.
 * Skips, saying why, when neither is installed (.ci/run installs docker-compose).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function composeCommand(): string[] | null {
  for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
    try {
      execFileSync(cmd[0], [...cmd.slice(1), 'version'], { stdio: 'ignore' });
      return cmd;
    } catch {
      /* try the next */
    }
  }
  return null;
}

const compose = composeCommand();
if (!compose) console.warn('compose.e2e-spec skipped: neither `docker compose` nor `docker-compose` is installed');
const suite = compose ? describe : describe.skip;

suite('docker-compose.yml', () => {
  const config = () => execFileSync(compose![0], [...compose!.slice(1), '-f', 'docker-compose.yml', 'config'], { cwd: ROOT, encoding: 'utf8' });

  it('passes `compose config` and holds the topology: proxy, 2 app replicas, pgbouncer, primary + replica, worker, stubs', () => {
    const out = config();
    for (const service of ['proxy', 'app', 'worker', 'pgbouncer', 'db-primary', 'db-replica', 'smtp', 'sms', 'national-portal']) {
      expect(out).toMatch(new RegExp(`^  ${service}:$`, 'm'));
    }
    expect(out).toMatch(/replicas: 2/);
    expect(out).toMatch(/DATABASE_URL: postgres:\/\/motcua:motcua@pgbouncer:5432\/motcua/);
    expect(out).toMatch(/DATABASE_DIRECT_URL: postgres:\/\/motcua:motcua@db-primary:5432\/motcua/);
    expect(out).toMatch(/DATABASE_REPLICA_URL: postgres:\/\/motcua:motcua@db-replica:5432\/motcua/);
    expect(out).toMatch(/POOL_MODE: transaction/);
  });
});
