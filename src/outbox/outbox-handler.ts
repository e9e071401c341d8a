import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from './outbox-message.entity';

/** A claimed message as the worker hands it to a handler. */
export type ClaimedMessage = Pick<OutboxMessage, 'id' | 'topic' | 'aggregateId' | 'payload' | 'idempotencyKey' | 'attempts' | 'createdAt'>;

/**
 * Delivers one topic. `deliver` talks to a remote receiver (HTTP, SMTP) and must pass
 * `message.idempotencyKey` along so the receiver can de-duplicate; `apply` runs inside the
 * transaction that also marks the message delivered (fan-out: writing child messages).
 */
export type OutboxHandler =
  | { topic: string; kind: 'remote'; deliver(message: ClaimedMessage): Promise<void> }
  | { topic: string; kind: 'local'; apply(message: ClaimedMessage, manager: EntityManager): Promise<void> };

/** The receiver said no for good (4xx other than 408/429): retrying cannot help, the message goes to dead letter. */
export class PermanentDeliveryError extends Error {}

/** Exponential backoff with ±20% jitter, capped: attempt 1 → base, 2 → 2·base, 3 → 4·base… */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = 1 + (random() * 0.4 - 0.2);
  return Math.max(1, Math.min(maxMs, Math.round(raw * jitter)));
}

/** Maps an HTTP answer from a receiver to success, a retryable failure or a permanent one. */
export async function checkHttpResponse(res: Response, receiver: string): Promise<void> {
  if (res.ok) return;
  const body = (await res.text().catch(() => '')).slice(0, 300);
  const msg = `${receiver} trả lời HTTP ${res.status}: ${body}`;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentDeliveryError(msg);
  throw new Error(msg);
}
