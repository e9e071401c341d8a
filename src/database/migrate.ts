import type { DataSource } from 'typeorm';

/** Runs pending migrations under an advisory lock, so several instances can start at once. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
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
