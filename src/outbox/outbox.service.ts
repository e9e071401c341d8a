import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface OutboxEntry {
  /** e.g. `dossier.status-changed`, `notify.email`, `national-portal.sync`. */
  topic: string;
  aggregateId?: string | null;
  payload: Record<string, unknown>;
  /** Unique per message: receivers de-duplicate on it; a second enqueue with the same key is a no-op. */
  idempotencyKey: string;
}

/** Writes outgoing messages in the caller's transaction (transactional outbox). */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, entries: OutboxEntry | OutboxEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (!list.length) return;
    await manager.query(
      `INSERT INTO outbox (topic, aggregate_id, payload, idempotency_key)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::jsonb[], $4::varchar[])
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        list.map((e) => e.topic),
        list.map((e) => e.aggregateId ?? null),
        list.map((e) => JSON.stringify(e.payload)),
        list.map((e) => e.idempotencyKey),
      ],
    );
  }
}
