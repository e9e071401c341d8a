import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OutboxService } from '../outbox/outbox.service';
import { OutboxWorker } from '../outbox/outbox-worker.service';
import { NotificationPlanner } from './notification-planner.service';

/**
 * Warns staff before a dossier falls due, so the apology slip (if needed) goes out in time.
 * Runs inside every worker; the idempotency key (dossier + due time) makes concurrent scans harmless,
 * and a new appointment (extension) earns a new reminder.
 */
@Injectable()
export class DueSoonJob implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly worker: OutboxWorker,
    private readonly outbox: OutboxService,
    private readonly planner: NotificationPlanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.worker.registerJob({ name: 'due-soon', everyMs: 60_000, run: () => this.scan().then(() => undefined) });
  }

  async scan(now: Date = new Date()): Promise<number> {
    const rows: { code: string; due_at: Date }[] = await this.ds.query(
      `SELECT code, due_at FROM dossiers
        WHERE status IN ('RECEIVED', 'IN_PROGRESS', 'PENDING_APPROVAL', 'TRANSFERRED')
          AND due_at > $1 AND due_at <= $1::timestamptz + make_interval(hours => $2)
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate_id = dossiers.code
                           AND starts_with(o.idempotency_key, 'email:due-soon:' || dossiers.code || ':' || (extract(epoch from dossiers.due_at) * 1000)::bigint || ':'))
        ORDER BY due_at LIMIT 500`,
      [now, this.config.integrations.dueSoonHours],
    );
    let n = 0;
    for (const r of rows) {
      await this.ds.transaction(async (m) => {
        const entries = await this.planner.dueSoon(m, r.code, new Date(r.due_at));
        await this.outbox.enqueue(m, entries);
        n += entries.length;
      });
    }
    return n;
  }
}
