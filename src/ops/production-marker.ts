/**
 * The production marker: a row `instance_markers(environment = production)` written by the first
 * production start that finds the database free of demo data (and by `npm run demo:purge` under
 * NODE_ENV=production). From then on demo seeding is refused on that database whatever DEMO says —
 * the flag is configuration, the marker is a fact about the data. A leaf module (no seed imports), so
 * the seed runner and the bulk generator can ask it without import cycles.
 *
 * To reuse a production copy for demos on purpose (a staging clone), delete the row:
 * `DELETE FROM instance_markers WHERE key = 'environment'`.
 */

/** Runs one SQL statement and returns its rows (adapts a TypeORM DataSource/EntityManager or a pg Client). */
export type RunQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export const ENVIRONMENT_MARKER = 'environment';
export const PRODUCTION = 'production';
/** seed_runs key written by the bulk generator: synthetic sample dossiers are in this database. */
export const BULK_SAMPLE_MARKER = 'bulk-sample-dossiers';

export class ProductionDatabaseError extends Error {
  constructor(what: string) {
    super(
      `Cơ sở dữ liệu này đã được đánh dấu là production: không nạp ${what}. ` +
        `Chạy với DEMO=0, hoặc dùng cơ sở dữ liệu khác (DATABASE_URL / DATA_DIR). ` +
        `/ This database is marked as production: ${what} refused.`,
    );
    this.name = 'ProductionDatabaseError';
  }
}

export async function isProductionDatabase(run: RunQuery): Promise<boolean> {
  const rows = await run('SELECT value FROM instance_markers WHERE key = $1', [ENVIRONMENT_MARKER]);
  return rows[0]?.value === PRODUCTION;
}

/** Throws ProductionDatabaseError on a production-marked database. */
export async function assertDemoSeedingAllowed(run: RunQuery, what = 'dữ liệu demo (demo data)'): Promise<void> {
  if (await isProductionDatabase(run)) throw new ProductionDatabaseError(what);
}

export async function markProductionDatabase(run: RunQuery): Promise<void> {
  await run(
    `INSERT INTO instance_markers (key, value, set_at) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, set_at = EXCLUDED.set_at
     WHERE instance_markers.value IS DISTINCT FROM EXCLUDED.value`,
    [ENVIRONMENT_MARKER, PRODUCTION],
  );
}

/** For code that holds a pg Client (bulk generator). */
export function pgRunQuery(client: { query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> }): RunQuery {
  return async (sql, params) => (await client.query(sql, params)).rows;
}

/**
 * For code that holds a TypeORM DataSource or EntityManager. TypeORM answers UPDATE/DELETE with
 * `[rows, rowCount]` instead of the rows: normalised here, so `RETURNING` reads the same everywhere.
 */
export function typeormRunQuery(q: { query(sql: string, params?: unknown[]): Promise<unknown> }): RunQuery {
  return async (sql, params) => {
    const r = await q.query(sql, params);
    if (Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number') return r[0] as Record<string, unknown>[];
    return (Array.isArray(r) ? r : []) as Record<string, unknown>[];
  };
}
