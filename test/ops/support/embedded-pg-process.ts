/**
 * One "instance" for test/ops/embedded-postgres.e2e-spec.ts, as its own process: starts (or reuses)
 * the embedded PostgreSQL of DATA_DIR like the app does, prints `{"owner":…,"url":…}`, then answers
 * `owner` with the current ownership and `stop` by stopping (as the app does on SIGTERM) and exiting.
 */
import { createInterface } from 'node:readline';
import { startEmbeddedPostgres } from '../../../src/database/embedded-postgres';

async function main() {
  const [dataDir, port, takeOver] = process.argv.slice(2);
  const db = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'motcua', takeOver: takeOver === 'take-over' });
  console.log(JSON.stringify({ owner: db.owner, url: db.url }));
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'owner') console.log(JSON.stringify({ owner: db.owner }));
    if (line === 'stop') {
      await db.stop();
      console.log(JSON.stringify({ stopped: true }));
      process.exit(0);
    }
  }
}

main().catch((err) => {
  console.log(JSON.stringify({ error: String(err) }));
  process.exit(1);
});
