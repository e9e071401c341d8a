import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * One definition of how we talk to PostgreSQL, shared by the app, the CLI and the tests.
 * `synchronize` is off everywhere: the schema changes only through committed migrations.
 */
export function dataSourceOptions(url: string, opts: { poolSize?: number; logging?: boolean } = {}): DataSourceOptions {
  const ext = __filename.endsWith('.ts') ? 'ts' : 'js';
  return {
    type: 'postgres',
    url,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    entities: [join(__dirname, '..', '**', `*.entity.${ext}`)],
    migrations: [join(__dirname, '..', '..', 'migrations', `*.${ext}`)],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    logging: opts.logging ? ['error', 'warn', 'migration'] : ['error'],
    extra: { max: opts.poolSize ?? 20, application_name: 'motcua' },
  };
}
