import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { backoffMs, PermanentDeliveryError, type ClaimedMessage, type OutboxHandler } from './outbox-handler';

interface Row {
  id: string;
  topic: string;
  aggregate_id: string | null;
  payload: Record<string, unknown>;
  idempotency_key: string;
  attempts: number;
  created_at: Date;
}

/** Periodic jobs the worker runs between batches (e.g. the due-soon scan). */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/**
 * Delivers the transactional outbox. Several workers (in app processes or `npm run worker`) may run
 * at once: a batch is claimed with `FOR UPDATE SKIP LOCKED` and leased by pushing `next_attempt_at`
 * forward and bumping `attempts`; the outcome is written only if `attempts` is still ours (a fencing
 * token), so a worker that was killed, or that stalled past its lease, can never overwrite a later
 * attempt. A killed worker's messages become due again when the lease runs out — delivery is
 * at-least-once and every delivery carries the idempotency key so receivers make it exactly-once.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly jobs: (PeriodicJob & { lastRun: number })[] = [];
  readonly workerId = `w-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly cfg: AppConfig['integrations'];

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cfg = config.integrations;
  }

  register(handler: OutboxHandler): void {
    this.handlers.set(handler.topic, handler);
  }

  registerJob(job: PeriodicJob): void {
    this.jobs.push({ ...job, lastRun: 0 });
  }

  onApplicationBootstrap(): void {
    if (this.cfg.workerEnabled) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.logger.log(`Outbox worker ${this.workerId} started`);
    this.loop = this.run();
  }

  /** Stops claiming and waits for the batch in hand to finish (clean shutdown). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        await this.runDueJobs();
        handled = await this.processBatch();
      } catch (err) {
        if (!this.running) break;
        this.logger.error(`Outbox loop error: ${(err as Error).message}`);
      }
      if (handled === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.cfg.pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  async runDueJobs(force = false): Promise<void> {
    const now = Date.now();
    for (const job of this.jobs) {
      if (!force && now - job.lastRun < job.everyMs) continue;
      job.lastRun = now;
      try {
        await job.run();
      } catch (err) {
        this.logger.warn(`Job ${job.name} failed: ${(err as Error).message}`);
      }
    }
  }

  /**
   * On demand (tests, admin): deliver everything that is due now, including children produced by
   * fan-out, until nothing due is left. Messages in backoff are not due and stay for later.
   */
  async drain(maxBatches = 1000): Promise<number> {
    await this.runDueJobs(true);
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.processBatch();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  /** Claims one batch and delivers it; returns how many messages were handled. */
  async processBatch(): Promise<number> {
    const claimed = await this.claim(this.cfg.batchSize);
    if (!claimed.length) return 0;
    // Deliveries of one batch run concurrently: one slow receiver does not hold the others up.
    await Promise.all(claimed.map((m) => this.deliverOne(m)));
    return claimed.length;
  }

  private async claim(limit: number): Promise<ClaimedMessage[]> {
    const [rows] = (await this.ds.query(
      `UPDATE outbox o
          SET attempts = o.attempts + 1,
              next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
         FROM (SELECT id FROM outbox
                WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id
                LIMIT $1
                FOR UPDATE SKIP LOCKED) c
        WHERE o.id = c.id
      RETURNING o.id, o.topic, o.aggregate_id, o.payload, o.idempotency_key, o.attempts, o.created_at`,
      [limit, this.cfg.leaseMs],
    )) as [Row[], number];
    return rows.map((r) => ({
      id: String(r.id),
      topic: r.topic,
      aggregateId: r.aggregate_id,
      payload: r.payload,
      idempotencyKey: r.idempotency_key,
      attempts: r.attempts,
      createdAt: r.created_at,
    }));
  }

  private async deliverOne(m: ClaimedMessage): Promise<void> {
    const handler = this.handlers.get(m.topic);
    try {
      if (!handler) throw new PermanentDeliveryError(`Không có bộ xử lý cho chủ đề "${m.topic}"`);
      if (handler.kind === 'local') {
        await this.ds.transaction(async (manager) => {
          await handler.apply(m, manager);
          const [, n] = await manager.query(
            `UPDATE outbox SET status = 'DELIVERED', delivered_at = now(), last_error = NULL
              WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILED')`,
            [m.id, m.attempts],
          );
          // Lease lost to another worker: roll back our children; theirs win (same keys anyway).
          if (n !== 1) throw new LeaseLostError();
        });
      } else {
        await handler.deliver(m);
        await this.ds.query(
          `UPDATE outbox SET status = 'DELIVERED', delivered_at = now(), last_error = NULL
            WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILED')`,
          [m.id, m.attempts],
        );
      }
    } catch (err) {
      if (err instanceof LeaseLostError) return;
      const permanent = err instanceof PermanentDeliveryError;
      const delay = backoffMs(m.attempts, this.cfg.backoffBaseMs, this.cfg.backoffMaxMs);
      const message = String((err as Error)?.message ?? err).slice(0, 1000);
      await this.ds
        .query(
          `UPDATE outbox
              SET status = CASE WHEN $3::boolean OR attempts >= $4 THEN 'DEAD' ELSE 'FAILED' END,
                  next_attempt_at = now() + make_interval(secs => $5::float8 / 1000),
                  last_error = $6
            WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILED')`,
          [m.id, m.attempts, permanent, this.cfg.maxAttempts, delay, message],
        )
        .catch((e) => this.logger.error(`Could not record outbox failure ${m.id}: ${(e as Error).message}`));
      this.logger.warn(`Outbox ${m.topic} #${m.id} attempt ${m.attempts} failed: ${message}`);
    }
  }
}

class LeaseLostError extends Error {}
