import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: ReturnType<typeof request>;
  ds: DataSource;
  /** Base URL when started with `listen: true` (browser tests). */
  baseUrl: string;
  close(): Promise<void>;
}

/** Boots the real application against the suite's PostgreSQL database (see test/setup). */
export async function bootApp(opts: { env?: Record<string, string>; listen?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({ ...process.env, ...opts.env });
  const app = await createApp(config, process.env.DATABASE_URL!);
  let baseUrl = '';
  if (opts.listen) {
    await app.listen(0, '127.0.0.1');
    const addr = app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${addr.port}`;
  }
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    ds: app.get(DataSource),
    baseUrl,
    close: () => app.close(),
  };
}
