import { existsSync } from 'node:fs';
import pg from 'pg';
import { checkSecurityLog } from './security-log-check.mjs';

/** Every security event the run wrote must parse against the schema (issue 10: a log a SOC can read). */
function checkRunSecurityLog() {
  const file = process.env.MOTCUA_TEST_SECURITY_LOG;
  if (!file || !existsSync(file)) return;
  const { lines, byType, problems } = checkSecurityLog(file);
  const summary = Object.entries(byType).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`\nSecurity log ${file}: ${lines} events, ${problems.length} invalid (${summary})`);
  if (problems.length) {
    throw new Error(`security log: ${problems.length} of ${lines} lines break src/audit/security-event.schema.json:\n  ${problems.slice(0, 10).join('\n  ')}`);
  }
}

export default async function globalTeardown() {
  try {
    checkRunSecurityLog();
  } finally {
    await stopDatabase();
  }
}

async function stopDatabase() {
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
