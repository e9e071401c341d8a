import { URL } from 'node:url';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when configured, otherwise an embedded PostgreSQL under DATA_DIR. */
export async function resolveDatabase(config: AppConfig, log: (msg: string) => void = () => undefined): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  log(`Khởi động PostgreSQL nhúng tại ${config.dataDir}/pg (cổng ${config.embeddedPgPort})…`);
  const db = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'motcua' });
  return { url: db.url, embedded: true, stop: db.stop };
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
