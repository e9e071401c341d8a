import pg from 'pg';

export default async function globalTeardown() {
  if (globalThis.__MOTCUA_PG__) {
    await globalThis.__MOTCUA_PG__.stop();
    return;
  }
  if (process.env.MOTCUA_TEST_ADMIN_URL && process.env.MOTCUA_TEST_DB) {
    const admin = new pg.Client({ connectionString: process.env.MOTCUA_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${process.env.MOTCUA_TEST_DB}" WITH (FORCE)`);
    await admin.end();
  }
}
