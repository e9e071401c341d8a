/**
 * Standalone outbox worker (`npm run worker`): boots the Nest application context — no HTTP
 * server — and delivers the outbox until SIGTERM/SIGINT. Run as many as needed: claims use
 * `FOR UPDATE SKIP LOCKED`. Needs DATABASE_URL (the web app owns the embedded database) and
 * PUBLIC_BASE_URL (or NATIONAL_PORTAL_URL / SMS_GATEWAY_URL / SMTP_PORT) to reach the receivers.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/app-config';
import { OutboxWorker } from '../outbox/outbox-worker.service';

async function main() {
  let config;
  try {
    // A worker process never hosts the SMTP catcher and always runs the worker loop.
    config = loadConfig({ ...process.env, SMTP_CATCHER: process.env.SMTP_CATCHER ?? '0', OUTBOX_WORKER: '1' });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (!config.databaseUrl) {
    console.error('npm run worker cần DATABASE_URL (cơ sở dữ liệu nhúng thuộc về tiến trình web).');
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AppModule.register(config, config.databaseUrl), { bufferLogs: false, logger: ['error', 'warn', 'log'] });
  await app.init();
  const worker = app.get(OutboxWorker);
  console.log(`Outbox worker ${worker.workerId} đang chạy`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: worker đang dừng…`);
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
