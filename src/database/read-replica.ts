import { Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

export interface ReplicaStatus {
  /** DATABASE_REPLICA_URL is set. */
  configured: boolean;
  /** Where report reads go now. */
  serving: 'replica' | 'primary';
  /** Seconds the replica's replay is behind (null: unknown, replica down or not configured). */
  lagSeconds: number | null;
  /** The replica is a standby (pg_is_in_recovery); false when the URL names a primary. */
  standby: boolean | null;
  /** Why reads are on the primary although a replica is configured. */
  reason: string | null;
}

const CHECK_EVERY_MS = 2000;
/**
 * An error that says the replica cannot answer (as opposed to a bad query, which is the caller's):
 * no connection (socket errors, FATAL at connect: database not accepting connections, shutting
 * down, authentication), connection exceptions (08…), operator intervention (57P…), insufficient
 * resources (53…), and a query cancelled by a conflict with recovery (40001 on a standby).
 */
export function replicaUnavailable(err: unknown): boolean {
  const e = err as { code?: string; severity?: string; message?: string };
  if (e?.severity === 'FATAL' || e?.severity === 'PANIC') return true;
  const code = e?.code ?? '';
  if (/^(08|57P|53|3D|28)/.test(code) || code === '40001') return true;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(String(e?.message ?? err));
}

/**
 * The read side (issue 14, item 3): reports, dashboards, open data, catalog lists and lookup tables
 * read a streaming replica (DATABASE_REPLICA_URL) through `query()`; writes and read-after-write
 * paths use the primary DataSource as before. The replica is checked every two seconds (is it up,
 * how far its replay is behind); reads fall back to the primary while it is down or lags more than
 * REPLICA_MAX_LAG_SECONDS, and a read that fails for want of a connection is retried on the primary.
 * Without DATABASE_REPLICA_URL everything reads the primary.
 */
@Injectable()
export class ReadReplica implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplica.name);
  private replica: DataSource | null = null;
  private timer: NodeJS.Timeout | null = null;
  private state: ReplicaStatus;
  private checking: Promise<void> | null = null;
  /** Reads served by the replica / by the primary through this service (for tests and the dashboard). */
  readonly served = { replica: 0, primary: 0 };

  constructor(
    private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.state = { configured: !!config.databaseReplicaUrl, serving: 'primary', lagSeconds: null, standby: null, reason: config.databaseReplicaUrl ? 'chưa kiểm tra' : null };
  }

  async onApplicationBootstrap(): Promise<void> {
    const url = this.config.databaseReplicaUrl;
    if (!url) return;
    const opts = dataSourceOptions(url, { poolSize: 10 });
    this.replica = new DataSource({ ...opts, extra: { ...(opts.extra as object), application_name: 'motcua-replica', connectionTimeoutMillis: 3000 } } as typeof opts);
    await this.check();
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking?.catch(() => undefined);
    if (this.replica?.isInitialized) await this.replica.destroy().catch(() => undefined);
  }

  status(): ReplicaStatus {
    return { ...this.state };
  }

  /** Runs a read-only query on the replica when it is usable, else (or when it fails to connect) on the primary. */
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    const r = this.usable();
    if (r) {
      try {
        const out = await r.query(sql, params);
        this.served.replica++;
        return out;
      } catch (err) {
        if (!replicaUnavailable(err)) throw err;
        this.down(`lỗi kết nối: ${(err as Error).message}`);
      }
    }
    this.served.primary++;
    return this.primary.query(sql, params);
  }

  private usable(): DataSource | null {
    return this.state.serving === 'replica' && this.replica?.isInitialized ? this.replica : null;
  }

  private down(reason: string): void {
    if (this.state.serving === 'replica') this.logger.warn(`Bản sao chỉ đọc không dùng được (${reason}): đọc từ máy chủ chính`);
    this.state = { ...this.state, serving: 'primary', reason, lagSeconds: null };
  }

  /** Refreshes the replica's state (also called by the dashboard before showing it). */
  check(): Promise<void> {
    this.checking ??= this.runCheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    const r = this.replica;
    if (!r) return;
    try {
      if (!r.isInitialized) await r.initialize();
      const [row] = await r.query(
        `SELECT pg_is_in_recovery() AS standby,
                CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                     ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float AS lag`,
      );
      const lag = Math.max(0, Number(row.lag));
      const max = this.config.replicaMaxLagSeconds;
      const tooFar = lag > max;
      if (tooFar && this.state.serving === 'replica') this.logger.warn(`Bản sao chậm ${lag.toFixed(1)} giây (> ${max}): đọc từ máy chủ chính`);
      this.state = {
        configured: true,
        serving: tooFar ? 'primary' : 'replica',
        lagSeconds: lag,
        standby: row.standby === true,
        reason: tooFar ? `chậm ${lag.toFixed(1)} giây, quá ngưỡng ${max} giây` : null,
      };
    } catch (err) {
      this.down(`không kết nối được: ${(err as Error).message}`);
      if (r.isInitialized) await r.destroy().catch(() => undefined);
    }
  }
}

@Global()
@Module({ providers: [ReadReplica], exports: [ReadReplica] })
export class ReadReplicaModule {}
