/** Keeps an embedded PostgreSQL running for the reporting benchmark: `ts-node bench/report-db.ts <dataDir> <port>`. */
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

(async () => {
  const [dataDir, port] = process.argv.slice(2);
  const db = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'motcua' });
  console.log(db.url);
  const stop = () => db.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => undefined, 1 << 30);
})();
