import { sha256 } from '../common/hash';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { SEEDS } from './seeds';
import { assertDemoSeedingAllowed, typeormRunQuery } from '../ops/production-marker';

export interface Seed {
  /** Stable key; with `checksum` decides whether the seed must run again. */
  key: string;
  /** Demo fixtures run only in demo mode. */
  demoOnly?: boolean;
  /** A fingerprint of the seed's input (data files, code version). */
  checksum(config: AppConfig): Promise<string> | string;
  /** Idempotent: running twice leaves the same rows. Runs inside one transaction. */
  run(manager: EntityManager, config: AppConfig, log: (m: string) => void): Promise<void>;
}

/**
 * Applies every seed whose input changed since it last ran. Seeds are idempotent upserts, so a
 * re-run (or a run after a crash half-way) converges on the same data.
 */
export async function runSeeds(ds: DataSource, config: AppConfig, log: (m: string) => void = () => undefined): Promise<void> {
  // A production database never receives demo fixtures, whatever the DEMO flag says (src/ops).
  if (config.demo) await assertDemoSeedingAllowed(typeormRunQuery(ds), 'dữ liệu demo (DEMO=1)');
  for (const seed of SEEDS) {
    if (seed.demoOnly && !config.demo) continue;
    const checksum = sha256(await seed.checksum(config), config.provinceCode);
    const prior = await ds.query('SELECT checksum FROM seed_runs WHERE key = $1', [seed.key]);
    if (prior[0]?.checksum === checksum) continue;
    const started = Date.now();
    await ds.transaction(async (manager) => {
      // One seeding process at a time (several app instances may start together).
      await manager.query('SELECT pg_advisory_xact_lock(4242)');
      const again = await manager.query('SELECT checksum FROM seed_runs WHERE key = $1', [seed.key]);
      if (again[0]?.checksum === checksum) return;
      await seed.run(manager, config, log);
      await manager.query(
        `INSERT INTO seed_runs (key, checksum, applied_at) VALUES ($1, $2, now())
         ON CONFLICT (key) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at`,
        [seed.key, checksum],
      );
    });
    log(`Seed ${seed.key}: ${Date.now() - started} ms`);
  }
}
