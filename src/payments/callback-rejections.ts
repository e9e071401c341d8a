import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Unsigned or forged callbacks one source address may send per minute before it gets 429.
 * The real gateway signs every call, so any unsigned attempt is an error or an attack; the limit
 * only bounds how much work and how many records one address can cause.
 */
export const UNSIGNED_CALLBACKS_PER_MINUTE = 20;
/** How long a minute's counters are kept (the record of attempts, not the limit). */
const KEEP_DAYS = 90;
const MAX_KEYS = 20;
const MAX_KEY_LENGTH = 40;

export class TooManyUnsignedCallbacks extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      {
        message: `Quá nhiều yêu cầu không có chữ ký hợp lệ từ địa chỉ này. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
        headers: { 'Retry-After': String(retryAfterSeconds) },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * What is kept of a refused callback instead of its body: the field names (at most 20, each cut
 * to 40 characters), the size and why it was refused — a few hundred bytes whatever was sent.
 */
export function unsignedSummary(body: Record<string, unknown>, reason: 'MISSING_SIGNATURE' | 'BAD_SIGNATURE'): Record<string, unknown> {
  const keys = Object.keys(body);
  let bytes: number;
  try {
    bytes = Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
  } catch {
    bytes = -1;
  }
  return {
    refused: reason,
    bytes,
    fieldCount: keys.length,
    fields: keys.slice(0, MAX_KEYS).map((k) => k.slice(0, MAX_KEY_LENGTH)),
  };
}

/** The per-address, per-minute counter of refused callbacks (table payment_callback_rejections). */
@Injectable()
export class CallbackRejections {
  constructor(private readonly ds: DataSource) {}

  /** Counts one refused attempt; returns the attempts of this address in the current minute. */
  async hit(ip: string, txnRef: string | null): Promise<{ attempts: number; retryAfterSeconds: number }> {
    const [row] = await this.ds.query(
      `INSERT INTO payment_callback_rejections (remote_ip, window_start, attempts, last_txn_ref, last_at)
       VALUES ($1, date_trunc('minute', now()), 1, $2, now())
       ON CONFLICT (remote_ip, window_start)
       DO UPDATE SET attempts = payment_callback_rejections.attempts + 1, last_txn_ref = EXCLUDED.last_txn_ref, last_at = now()
       RETURNING attempts, ceil(extract(epoch from (window_start + interval '1 minute' - now())))::int AS retry_after`,
      [ip.slice(0, 60), txnRef?.slice(0, 60) ?? null],
    );
    // Once per address and minute at most: drop counters older than the retention.
    if (row.attempts === 1) await this.ds.query(`DELETE FROM payment_callback_rejections WHERE window_start < now() - make_interval(days => $1)`, [KEEP_DAYS]);
    return { attempts: row.attempts, retryAfterSeconds: Math.max(1, row.retry_after) };
  }
}
