import type { EntityManager } from 'typeorm';

/** A password-reset code on its way to the citizen (e-mail and/or SMS on file). */
export interface ResetCodeMessage {
  resetId: string;
  userId: string;
  code: string;
  email: string | null;
  phone: string | null;
  expiresInMinutes: number;
}

/**
 * How a reset code reaches the citizen: the existing notification channel (outbox → SMTP/SMS),
 * provided by src/notifications so that identity does not depend on the layers above it. Enqueued
 * in the transaction that stores the code.
 */
export abstract class ResetCodeChannel {
  abstract enqueue(manager: EntityManager, message: ResetCodeMessage): Promise<void>;
}
