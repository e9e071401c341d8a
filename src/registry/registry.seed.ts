import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { Seed } from '../database/seed-runner';
import { provinceUnits } from '../units/units.seed';
import { DEMO_CITIZENS } from './generator/demo-citizens';
import { loadPopulation, POPULATION_SEED } from './population-loader';

/** The pg client behind a TypeORM transactional manager (for COPY). */
export async function pgClientOf(manager: EntityManager): Promise<PoolClient> {
  const qr = manager.queryRunner;
  if (!qr) throw new Error('registry seed must run inside a transaction');
  return (await qr.connect()) as PoolClient;
}

/**
 * Fills the population registry stub (not demo-only: the registry stands in for a remote system
 * that always has citizens). "At least N": a registry already holding as many generated citizens
 * (e.g. a million loaded with `npm run registry:generate`) is left alone.
 */
export const registrySeed: Seed = {
  key: 'registry-population',
  checksum: (config: AppConfig) => `${POPULATION_SEED}:${config.registry.citizens}:${DEMO_CITIZENS.map((c) => c.personalId).join(',')}`,
  async run(manager, config, log) {
    const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM registry.citizens');
    const demoPresent = await manager.query('SELECT count(*)::int AS n FROM registry.citizens WHERE personal_id = ANY($1::varchar[])', [
      DEMO_CITIZENS.map((c) => c.personalId),
    ]);
    if (n >= config.registry.citizens + DEMO_CITIZENS.length && demoPresent[0].n === DEMO_CITIZENS.length) {
      log(`Registry: ${n} citizens already present, kept`);
      return;
    }
    const client = await pgClientOf(manager);
    await loadPopulation(client, { count: config.registry.citizens, provinceCode: config.provinceCode, units: provinceUnits(config.provinceCode), log });
  },
};
