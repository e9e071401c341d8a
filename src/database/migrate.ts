import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * Runs pending migrations under an advisory lock, so several instances can start at once. The lock
 * is a session lock held across the migrations: behind pgbouncer in transaction mode the lock and
 * the unlock could land on different server connections, so pass `directUrl` (DATABASE_DIRECT_URL,
 * a session-mode connection to the primary) and the migrations run over it instead.
 */
export async function runMigrations(ds: DataSource, directUrl: string | null = null): Promise<string[]> {
  if (directUrl) {
    const direct = new DataSource(dataSourceOptions(directUrl, { poolSize: 2 }));
    await direct.initialize();
    try {
      return await runLocked(direct);
    } finally {
      await direct.destroy();
    }
  }
  return runLocked(ds);
}

async function runLocked(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(4241)');
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(4241)').catch(() => undefined);
    await runner.release();
  }
}
