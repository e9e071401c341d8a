import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationPlanner } from '../notifications/notification-planner.service';
import { templatesFor } from '../notifications/templates';
import { asStatusChanged, DOSSIER_STATUS_CHANGED } from '../dossiers/dossier-messages';
import { TOPIC_NATIONAL_PORTAL } from './topics';
import type { ClaimedMessage } from '../outbox/outbox-handler';
import { OutboxService } from '../outbox/outbox.service';
import { OutboxWorker } from '../outbox/outbox-worker.service';

/**
 * Fan-out: one `dossier.status-changed` message becomes one delivery per destination (national
 * portal, each recipient's email and SMS), written in the same transaction that marks the parent
 * delivered. Each child has its own idempotency key, state, retries and dead letter, so the SMTP
 * server being down never re-sends to the national portal, and vice versa.
 */
@Injectable()
export class DossierEventFanOut implements OnModuleInit {
  constructor(
    private readonly worker: OutboxWorker,
    private readonly outbox: OutboxService,
    private readonly planner: NotificationPlanner,
  ) {}

  onModuleInit(): void {
    this.worker.register({ topic: DOSSIER_STATUS_CHANGED, kind: 'local', apply: (m, manager) => this.apply(m, manager) });
  }

  private async apply(m: ClaimedMessage, manager: EntityManager): Promise<void> {
    const e = asStatusChanged(m.payload);
    const notifications = await this.planner.forEvent(manager, e, templatesFor(e));
    await this.outbox.enqueue(manager, [
      { topic: TOPIC_NATIONAL_PORTAL, aggregateId: e.code, idempotencyKey: `national-portal:${e.eventId}`, payload: { ...e } },
      ...notifications,
    ]);
  }
}
