import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { maskAddress, TEMPLATE_LABELS, type TemplateKey } from '../notifications/templates';
import { TOPIC_NATIONAL_PORTAL } from './topics';
import { TOPIC_EMAIL, TOPIC_SMS } from '../notifications/topics';
import { apiInstant } from '../common/api-json';

export interface OutboxStats {
  pending: number;
  delivered: number;
  failed: number;
  deadLetter: number;
  oldestPendingSeconds: number;
}

export interface OutboxRowView {
  id: string;
  topic: string;
  aggregateId: string | null;
  idempotencyKey: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeliveryView {
  channel: 'EMAIL' | 'SMS' | 'NATIONAL_PORTAL';
  template: string | null;
  templateLabel: string | null;
  to: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const iso = apiInstant;

@Injectable()
export class OutboxAdminService {
  // The acting administrator and address come from the request context (see request-context.ts).
  constructor(
    private readonly ds: DataSource,
    private readonly securityLog: SecurityLogService,
  ) {}

  async stats(): Promise<OutboxStats & { byTopic: { topic: string; pending: number; failed: number; dead: number }[] }> {
    const [r] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              count(*) FILTER (WHERE status = 'DEAD')::int AS dead,
              coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status IN ('PENDING', 'FAILED'))), 0)::float8 AS oldest
         FROM outbox`,
    );
    const byTopic = await this.ds.query(
      `SELECT topic, count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              count(*) FILTER (WHERE status = 'DEAD')::int AS dead
         FROM outbox WHERE status <> 'DELIVERED' GROUP BY topic ORDER BY topic`,
    );
    return {
      pending: r.pending,
      delivered: r.delivered,
      failed: r.failed,
      deadLetter: r.dead,
      oldestPendingSeconds: Math.floor(Number(r.oldest)),
      byTopic,
    };
  }

  async problems(limit = 50): Promise<OutboxRowView[]> {
    const rows = await this.ds.query(
      `SELECT * FROM outbox WHERE status IN ('FAILED', 'DEAD') ORDER BY status, next_attempt_at LIMIT $1`,
      [limit],
    );
    return rows.map(toView);
  }

  /** Puts a failed or dead message back in the queue, due now, with a fresh try budget. */
  async retry(id: string): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException('Không tìm thấy thông điệp');
    const [, n] = await this.ds.query(
      `UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL
        WHERE id = $1 AND status IN ('FAILED', 'DEAD')`,
      [id],
    );
    if (n !== 1) throw new NotFoundException('Không có thông điệp lỗi với mã này');
    this.securityLog.record({ type: 'admin.action', outcome: 'success', action: 'outbox.retry', target: `outbox:${id}` });
  }

  async retryAllDead(): Promise<number> {
    const [, n] = await this.ds.query(
      `UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now(), last_error = NULL WHERE status = 'DEAD'`,
    );
    this.securityLog.record({ type: 'admin.action', outcome: 'success', action: 'outbox.retry-dead', target: 'outbox:dead', details: { requeued: n } });
    return n;
  }

  /** Notifications and national-portal sync of one dossier (its delivery status). */
  async deliveries(code: string): Promise<DeliveryView[]> {
    const rows = await this.ds.query(
      `SELECT topic, payload, status, attempts, last_error, created_at, delivered_at FROM outbox
        WHERE aggregate_id = $1 AND topic = ANY($2::varchar[]) ORDER BY created_at, id`,
      [code, [TOPIC_EMAIL, TOPIC_SMS, TOPIC_NATIONAL_PORTAL]],
    );
    return rows.map((r: { topic: string; payload: Record<string, unknown>; status: string; attempts: number; last_error: string | null; created_at: Date; delivered_at: Date | null }) => {
      const template = r.topic === TOPIC_NATIONAL_PORTAL ? null : String(r.payload.template ?? '');
      return {
        channel: r.topic === TOPIC_EMAIL ? 'EMAIL' : r.topic === TOPIC_SMS ? 'SMS' : 'NATIONAL_PORTAL',
        template: template ?? (r.payload.toStatus as string) ?? null,
        templateLabel: template ? (TEMPLATE_LABELS[template as TemplateKey] ?? template) : `Trạng thái ${String(r.payload.toStatus ?? '')}`,
        to: typeof r.payload.to === 'string' ? maskAddress(r.payload.to) : null,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: iso(r.created_at)!,
        deliveredAt: iso(r.delivered_at),
      } as DeliveryView;
    });
  }

  /** National-portal sync state of one dossier: what was sent and what is still owed. */
  async syncState(code: string): Promise<{ code: string; pending: number; delivered: number; failed: number; dead: number; lastSyncedStatus: string | null; lastSyncedAt: string | null }> {
    const [r] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed, count(*) FILTER (WHERE status = 'DEAD')::int AS dead,
              (array_agg(payload->>'toStatus' ORDER BY (payload->>'at') DESC) FILTER (WHERE status = 'DELIVERED'))[1] AS last_status,
              max(delivered_at) AS last_at
         FROM outbox WHERE aggregate_id = $1 AND topic = $2`,
      [code, TOPIC_NATIONAL_PORTAL],
    );
    return { code, pending: r.pending, delivered: r.delivered, failed: r.failed, dead: r.dead, lastSyncedStatus: r.last_status, lastSyncedAt: iso(r.last_at) };
  }
}

function toView(r: Record<string, unknown>): OutboxRowView {
  return {
    id: String(r.id),
    topic: r.topic as string,
    aggregateId: r.aggregate_id as string | null,
    idempotencyKey: r.idempotency_key as string,
    status: r.status as string,
    attempts: r.attempts as number,
    nextAttemptAt: iso(r.next_attempt_at as Date)!,
    lastError: r.last_error as string | null,
    createdAt: iso(r.created_at as Date)!,
    deliveredAt: iso(r.delivered_at as Date | null),
  };
}
