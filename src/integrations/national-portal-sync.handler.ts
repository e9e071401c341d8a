import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EndpointsService } from '../outbox/endpoints.service';
import { asStatusChanged } from '../dossiers/dossier-messages';
import { TOPIC_NATIONAL_PORTAL } from './topics';
import { checkHttpResponse, type ClaimedMessage } from '../outbox/outbox-handler';
import { OutboxWorker } from '../outbox/outbox-worker.service';

/**
 * The status-update document sent to the national public-service portal (Cổng DVC quốc gia).
 * Documented in the OpenAPI of the stub: POST /stubs/national-portal/api/status-updates with
 * header `Idempotency-Key`.
 */
export interface NationalPortalStatusUpdate {
  dossierCode: string;
  procedureCode: string;
  agencyCode: string;
  provinceCode: string;
  fromStatus: string | null;
  status: string;
  action: string;
  changedAt: string;
  dueAt: string | null;
  eventId: string;
}

@Injectable()
export class NationalPortalSyncHandler implements OnModuleInit {
  constructor(
    private readonly worker: OutboxWorker,
    private readonly endpoints: EndpointsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.worker.register({ topic: TOPIC_NATIONAL_PORTAL, kind: 'remote', deliver: (m) => this.deliver(m) });
  }

  static toUpdate(payload: Record<string, unknown>, provinceCode: string): NationalPortalStatusUpdate {
    const e = asStatusChanged(payload);
    return {
      dossierCode: e.code,
      procedureCode: e.procedureCode,
      agencyCode: e.agencyCode,
      provinceCode,
      fromStatus: e.fromStatus ?? null,
      status: e.toStatus,
      action: e.action,
      changedAt: e.at,
      dueAt: e.dueAt ?? null,
      eventId: e.eventId,
    };
  }

  private async deliver(m: ClaimedMessage): Promise<void> {
    const body = NationalPortalSyncHandler.toUpdate(m.payload, this.config.provinceCode);
    const res = await fetch(`${this.endpoints.nationalPortal()}/api/status-updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': m.idempotencyKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.config.integrations.httpTimeoutMs),
    });
    await checkHttpResponse(res, 'Cổng DVC quốc gia');
  }
}
