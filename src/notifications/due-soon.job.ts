import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DossierListings } from '../dossiers/dossier-listings.repository';
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
    private readonly listings: DossierListings,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.worker.registerJob({ name: 'due-soon', everyMs: 60_000, run: () => this.scan().then(() => undefined) });
  }

  async scan(now: Date = this.clock.now()): Promise<number> {
    const until = new Date(now.getTime() + this.config.integrations.dueSoonHours * 3_600_000);
    const candidates = await this.listings.dueWithin(now, until, 500);
    // One reminder per due time: skip those whose reminder (mail or SMS) is already in the outbox.
    const sent: { aggregate_id: string; idempotency_key: string }[] = candidates.length
      ? await this.ds.query(`SELECT aggregate_id, idempotency_key FROM outbox WHERE aggregate_id = ANY($1::varchar[]) AND (starts_with(idempotency_key, 'email:due-soon:') OR starts_with(idempotency_key, 'sms:due-soon:'))`, [candidates.map((c) => c.code)])
      : [];
    const done = new Set(sent.map((o) => o.idempotency_key.split(':').slice(2, 4).join(':')));
    const rows = candidates.filter((c) => !done.has(`${c.code}:${c.dueAt.getTime()}`)).map((c) => ({ code: c.code, due_at: c.dueAt }));
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
