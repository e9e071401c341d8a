/**
 * `npm run demo:purge`: removes demo accounts (with their sessions, tokens, drafts and files), the
 * demo partner client (with its tokens), demo password hashes, the synthetic sample dossiers (then
 * rebuilds the reporting rollups) and the demo seed markers; prints what it removed. Idempotent.
 * Uses the app's configuration (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR); under
 * NODE_ENV=production it also marks the database as production (demo seeding refused from then on).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/app-config';
import { redactUrl, resolveDatabase } from '../database/database-bootstrap';
import { runMigrations } from '../database/migrate';
import { describePurge, removedAnything } from './demo-data';
import { DemoDataService } from './demo-data.service';

async function main(): Promise<void> {
  let config;
  try {
    // The purge seeds nothing and delivers nothing: no demo flag, no worker, no SMTP catcher.
    config = loadConfig({ ...process.env, DEMO: '0', OUTBOX_WORKER: '0', SMTP_CATCHER: '0' });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const db = await resolveDatabase(config, (m) => console.log(m));
  try {
    console.log(`Xóa dữ liệu demo trong ${redactUrl(db.url)}…`);
    const app = await NestFactory.createApplicationContext(AppModule.register(config, db.url), { logger: ['error', 'warn'] });
    try {
      await runMigrations(app.get(DataSource));
      const report = await app.get(DemoDataService).purge('cli:demo:purge');
      if (removedAnything(report)) console.log('Đã xóa / removed:');
      for (const line of describePurge(report)) console.log(`  - ${line}`);
      if (config.nodeEnv === 'production') console.log('Cơ sở dữ liệu được đánh dấu production: từ nay không nạp dữ liệu demo.');
    } finally {
      await app.close();
    }
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
