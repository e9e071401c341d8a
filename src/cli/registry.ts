/**
 * `npm run registry:generate -- --citizens 1000000`: (re)fills the population registry stub with
 * the demo households plus N generated citizens, on DATABASE_URL or the embedded database.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { resolveDatabase } from '../database/database-bootstrap';
import { dataSourceOptions } from '../database/data-source-options';
import { provinceUnits } from '../units/units.seed';
import { loadPopulation } from '../registry/population-loader';
import { pgClientOf } from '../registry/registry.seed';

function parseCitizens(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--citizens' || a.startsWith('--citizens='));
  if (i < 0) return loadConfig().registry.citizens;
  const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  if (!raw || !/^[0-9]+$/.test(raw.replace(/_/g, '')) || Number(raw.replace(/_/g, '')) > 5_000_000) {
    throw new Error('usage: registry:generate -- --citizens <0..5000000>');
  }
  return Number(raw.replace(/_/g, ''));
}

async function main() {
  const count = parseCitizens(process.argv.slice(2));
  const config = loadConfig();
  const db = await resolveDatabase(config, (m) => console.log(m));
  const ds = new DataSource(dataSourceOptions(db.url));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await ds.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(4242)');
      await loadPopulation(await pgClientOf(manager), {
        count,
        provinceCode: config.provinceCode,
        units: provinceUnits(config.provinceCode),
        log: (m) => console.log(m),
      });
    });
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
