import type { DataSource } from 'typeorm';

/**
 * What TypeORM would change to make the migrated schema match the entities (Vendure's
 * checkMigrationStatus idea). Empty means entities and migrations agree.
 */
export async function pendingSchemaChanges(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((q) => q.query),
    down: sql.downQueries.map((q) => q.query).reverse(),
  };
}
