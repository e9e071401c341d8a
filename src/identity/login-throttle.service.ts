import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const THROTTLE_WINDOW_MINUTES = 15;
/** Failures for one account from one address before that pair is locked for the window. */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
/** Failures from one address (any account) before the address is refused for the window. */
export const MAX_FAILURES_PER_IP = 20;
/** Failed registration checks (identity not confirmed) from one address. */
export const MAX_REGISTER_FAILURES_PER_IP = 10;

export type ThrottleKind = 'LOGIN' | 'REGISTER';

export class TooManyAttemptsException extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      {
        message: `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
        headers: { 'Retry-After': String(retryAfterSeconds) },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Sliding-window throttling stored in PostgreSQL (auth_failures). Deliberately no account-wide
 * lock across addresses: that would let anyone lock a citizen out by guessing from elsewhere.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Throws 429 when the address or the (subject, address) pair is over its limit. */
  async check(kind: ThrottleKind, subject: string, ip: string): Promise<void> {
    const [row] = await this.ds.query(
      `SELECT
         count(*) FILTER (WHERE kind = $1)::int AS ip_count,
         min(at) FILTER (WHERE kind = $1) AS ip_oldest,
         count(*) FILTER (WHERE kind = $1 AND subject = $2)::int AS pair_count,
         min(at) FILTER (WHERE kind = $1 AND subject = $2) AS pair_oldest
       FROM auth_failures
       WHERE ip = $3 AND at > now() - make_interval(mins => $4)`,
      [kind, subject.toLowerCase(), ip, THROTTLE_WINDOW_MINUTES],
    );
    const ipLimit = kind === 'LOGIN' ? MAX_FAILURES_PER_IP : MAX_REGISTER_FAILURES_PER_IP;
    const over =
      row.ip_count >= ipLimit ? row.ip_oldest : kind === 'LOGIN' && row.pair_count >= MAX_FAILURES_PER_ACCOUNT_AND_IP ? row.pair_oldest : null;
    if (over) {
      const until = new Date(over).getTime() + THROTTLE_WINDOW_MINUTES * 60_000;
      throw new TooManyAttemptsException(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
    }
  }

  async recordFailure(kind: ThrottleKind, subject: string, ip: string): Promise<void> {
    await this.ds.query('INSERT INTO auth_failures (kind, subject, ip, at) VALUES ($1, $2, $3, now())', [
      kind,
      subject.toLowerCase().slice(0, 64),
      ip.slice(0, 64),
    ]);
    if (Math.random() < 0.01) await this.prune();
  }

  /** A successful sign-in clears that pair's failures. */
  async clear(kind: ThrottleKind, subject: string, ip: string): Promise<void> {
    await this.ds.query('DELETE FROM auth_failures WHERE kind = $1 AND subject = $2 AND ip = $3', [kind, subject.toLowerCase(), ip]);
  }

  /** Old rows are useless; called opportunistically. */
  async prune(): Promise<void> {
    await this.ds.query(`DELETE FROM auth_failures WHERE at < now() - make_interval(mins => $1)`, [THROTTLE_WINDOW_MINUTES * 4]);
  }
}
