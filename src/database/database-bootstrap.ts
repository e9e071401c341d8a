import { URL } from 'node:url';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when configured, otherwise an embedded PostgreSQL under DATA_DIR — started here, or
 * reused when another process on the same DATA_DIR already runs it (see embedded-postgres.ts).
 * `takeOver`: a long-running process restarts a reused server when its owner stops it.
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (msg: string) => void = () => undefined,
  opts: { takeOver?: boolean } = {},
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  log(`Khởi động PostgreSQL nhúng tại ${config.dataDir}/pg (cổng ${config.embeddedPgPort})…`);
  const db = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'motcua', log, takeOver: opts.takeOver });
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
