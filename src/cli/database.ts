/**
 * Database command line: `migrate` (run pending migrations), `generate <Name>` (write a migration
 * from the difference between entities and the migrated schema), `check` (exit 1 on drift),
 * `seed` (reference data and, in demo mode, demo data).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { REPO_ROOT } from '../config/paths';
import { resolveDatabase } from '../database/database-bootstrap';
import { dataSourceOptions } from '../database/data-source-options';
import { pendingSchemaChanges } from '../database/schema-drift';
import { runSeeds } from '../database/seed-runner';
import { SEEDS } from '../seeds';

async function main() {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const db = await resolveDatabase(config, (m) => console.log(m));
  const ds = new DataSource(dataSourceOptions(db.url, { logging: true }));
  await ds.initialize();
  try {
    if (command === 'migrate') {
      const ran = await ds.runMigrations({ transaction: 'each' });
      console.log(ran.length ? `Đã chạy ${ran.length} migration: ${ran.map((m) => m.name).join(', ')}` : 'Không có migration mới.');
    } else if (command === 'generate' || command === 'check') {
      await ds.runMigrations({ transaction: 'each' });
      const { up, down } = await pendingSchemaChanges(ds);
      if (command === 'check') {
        if (up.length) {
          console.error(`Schema drift: ${up.length} statements pending:\n${up.join(';\n')}`);
          process.exitCode = 1;
        } else console.log('Entities and migrations agree.');
      } else {
        if (!name) throw new Error('usage: generate <PascalName>');
        if (!up.length) console.log('No changes.');
        else {
          const ts = Date.now();
          const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n')}
  }
}
`;
          const file = join(REPO_ROOT, 'migrations', `${ts}-${name}.ts`);
          writeFileSync(file, body);
          console.log(`Wrote ${file}`);
        }
      }
    } else if (command === 'seed') {
      await ds.runMigrations({ transaction: 'each' });
      await runSeeds(ds, config, SEEDS, (m) => console.log(m));
    } else {
      console.error('usage: cli.js migrate | generate <Name> | check | seed');
      process.exitCode = 2;
    }
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
