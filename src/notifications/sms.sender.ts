import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TOPIC_SMS } from './topics';
import { EndpointsService } from '../outbox/endpoints.service';
import { checkHttpResponse, type ClaimedMessage } from '../outbox/outbox-handler';
import { OutboxWorker } from '../outbox/outbox-worker.service';
import type { NotificationPayload } from './notification-planner.service';

/**
 * SMS through an HTTP gateway (brandname SMS providers expose this shape):
 * POST {gateway}/api/messages {to, text, reference} with header Idempotency-Key.
 */
@Injectable()
export class SmsSender implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly worker: OutboxWorker,
    private readonly endpoints: EndpointsService,
  ) {}

  onModuleInit(): void {
    this.worker.register({ topic: TOPIC_SMS, kind: 'remote', deliver: (m) => this.deliver(m) });
  }

  async deliver(m: ClaimedMessage): Promise<void> {
    const p = m.payload as unknown as NotificationPayload;
    const res = await fetch(`${this.endpoints.smsGateway()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': m.idempotencyKey },
      body: JSON.stringify({ to: p.to, text: p.text, reference: p.dossierCode }),
      signal: AbortSignal.timeout(this.config.integrations.httpTimeoutMs),
    });
    await checkHttpResponse(res, 'Cổng SMS');
  }
}
