import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { redactUrl, resolveDatabase } from './database/database-bootstrap';
import { DemoDataInProductionError } from './ops/demo-data';
import { ProductionDatabaseError } from './ops/production-marker';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const started = Date.now();
  const db = await resolveDatabase(config, (m) => console.log(m), { takeOver: true });
  console.log(`Cơ sở dữ liệu: ${redactUrl(db.url)}${db.embedded ? ' (nhúng)' : ''}`);
  let app;
  try {
    app = await createApp(config, db.url);
  } catch (err) {
    // A refusal (demo data in production, a production database in demo mode) is a message, not a stack.
    console.error(err instanceof DemoDataInProductionError || err instanceof ProductionDatabaseError ? err.message : err);
    await db.stop().catch(() => undefined);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: đang dừng…`);
    // Close the app (and its connection pool) before stopping the embedded server.
    await app.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listen(config.port);
  } catch (err) {
    // Two instances from one checkout need two ports.
    const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(busy ? `Cổng ${config.port} đang được một tiến trình khác dùng: đặt PORT khác (ví dụ PORT=${config.port + 1} npm start).` : err);
    await app.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(1);
  }
  console.log(`motcua sẵn sàng tại ${config.publicBaseUrl} sau ${((Date.now() - started) / 1000).toFixed(1)} giây${config.demo ? ' (chế độ demo)' : ''}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
