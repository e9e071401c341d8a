import pg from 'pg';

export default async function globalTeardown() {
  if (globalThis.__MOTCUA_PG__) {
    await globalThis.__MOTCUA_PG__.stop();
    return;
  }
  if (process.env.MOTCUA_TEST_ADMIN_URL && process.env.MOTCUA_TEST_DB) {
    // The suite's database, its template and every per-file clone share the prefix.
    const admin = new pg.Client({ connectionString: process.env.MOTCUA_TEST_ADMIN_URL });
    await admin.connect();
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${process.env.MOTCUA_TEST_DB}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  }
}
