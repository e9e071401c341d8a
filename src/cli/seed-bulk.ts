/**
 * `npm run seed:bulk -- --dossiers N [--years 3] [--seed 42] [--no-events]`: migrates, seeds the
 * reference data, then appends N generated dossiers (see bulk-generator.ts) and rebuilds the
 * reporting rollups. Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { resolveDatabase } from '../database/database-bootstrap';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrations } from '../database/migrate';
import { runSeeds } from '../database/seed-runner';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config/paths';
import { LocalDiskStorage } from '../files/file-storage';
import { generateBulk } from '../reporting/bulk/bulk-generator';
import { SEEDS } from '../seeds';

/** Appends the run to bench/report-generator.json (read by bench/report.bench.ts). */
function recordGeneratorRun(entry: object) {
  try {
    const file = join(REPO_ROOT, 'bench', 'report-generator.json');
    const list = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
    list.push({ at: new Date().toISOString(), ...entry });
    writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
  } catch {
    /* the record is a convenience for the benchmark */
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main() {
  const n = Number(arg('dossiers') ?? '600000');
  if (!Number.isInteger(n) || n <= 0) throw new Error('--dossiers phải là số nguyên dương');
  const years = Number(arg('years') ?? '3');
  const config = loadConfig();
  const db = await resolveDatabase(config, (m) => console.log(m));
  try {
    const ds = new DataSource(dataSourceOptions(db.url, { poolSize: 2 }));
    await ds.initialize();
    await runMigrations(ds);
    await runSeeds(ds, config, SEEDS, (m) => console.log(m));
    await ds.destroy();
    const client = new Client({ connectionString: db.url, application_name: 'motcua-seed-bulk' });
    await client.connect();
    try {
      const r = await generateBulk(client, {
        dossiers: n,
        years,
        seed: Number(arg('seed') ?? '42'),
        events: !process.argv.includes('--no-events'),
        calendar: { lateReceptionCutoff: config.lateReceptionCutoffMinutes },
        storage: new LocalDiskStorage(join(config.dataDir, 'files')),
        log: (m) => console.log(m),
      });
      recordGeneratorRun({ ...r, source: 'seed:bulk' });
      console.log(
        `Xong: ${r.dossiers.toLocaleString('vi-VN')} hồ sơ, ${r.events.toLocaleString('vi-VN')} sự kiện, ${r.stages.toLocaleString('vi-VN')} giai đoạn, ` +
          `${r.documents.toLocaleString('vi-VN')} thành phần hồ sơ, ${r.ratings.toLocaleString('vi-VN')} đánh giá; sinh lịch sử ${r.generateSeconds.toFixed(1)} s, ` +
          `COPY ${r.copySeconds.toFixed(1)} s (${r.dossiersPerSecond.toLocaleString('vi-VN')} hồ sơ/giây, ${r.rowsPerSecond.toLocaleString('vi-VN')} dòng/giây), tổng hợp ${r.rebuildSeconds.toFixed(1)} s.`,
      );
    } finally {
      await client.end();
    }
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
