import { Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The PostgreSQL channel every app instance listens on. */
export const CACHE_CHANNEL = 'motcua_cache';

/** What a cache is about: each topic names data that, when changed, makes the caches built on it stale. */
export type CacheTopic = 'calendar' | 'agencies';

const TOPICS: readonly CacheTopic[] = ['calendar', 'agencies'];

/**
 * Cross-instance cache invalidation with PostgreSQL LISTEN/NOTIFY. A process that changes shared
 * data calls `publish(topic)` after its transaction commits; every process (itself included)
 * runs the handlers registered with `on(topic)`. The listening connection is a dedicated session
 * (LISTEN needs session mode behind pgbouncer: it uses DATABASE_DIRECT_URL when set). When that
 * connection drops, notifications may have been missed: every topic is treated as changed once it
 * is back. The caches keep their time limit as well, so a lost notification costs at most that.
 */
@Injectable()
export class CacheBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CacheBus.name);
  private readonly handlers = new Map<CacheTopic, (() => void)[]>();
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  /** How many notifications this process received (for the tests and the health page). */
  received = 0;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  on(topic: CacheTopic, handler: () => void): void {
    const list = this.handlers.get(topic) ?? [];
    list.push(handler);
    this.handlers.set(topic, list);
  }

  /** Tells every instance (this one at once) that `topic` changed. Call after the change commits. */
  async publish(topic: CacheTopic): Promise<void> {
    this.deliver(topic);
    await this.ds.query('SELECT pg_notify($1, $2)', [CACHE_CHANNEL, topic]);
  }

  get listening(): boolean {
    return this.client !== null;
  }

  private deliver(topic: string): void {
    for (const h of this.handlers.get(topic as CacheTopic) ?? []) {
      try {
        h();
      } catch (err) {
        this.logger.warn(`Cache handler for ${topic} failed: ${(err as Error).message}`);
      }
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const url = this.config.databaseDirectUrl ?? (this.ds.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: 'motcua-cache-bus' });
    client.on('notification', (msg) => {
      if (msg.channel !== CACHE_CHANNEL || !msg.payload) return;
      this.received++;
      this.deliver(msg.payload);
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
    } catch (err) {
      client.end().catch(() => undefined);
      this.logger.warn(`Cache bus: cannot listen (${(err as Error).message}); caches fall back to their time limit`);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    const reconnected = this.everConnected;
    this.client = client;
    this.everConnected = true;
    // Whatever was published while we were not listening is lost: treat everything as changed.
    if (reconnected) for (const t of TOPICS) this.deliver(t);
  }

  private everConnected = false;

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, 1000);
    this.retry.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}

@Global()
@Module({ providers: [CacheBus], exports: [CacheBus] })
export class CacheBusModule {}
