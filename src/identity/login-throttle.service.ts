import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import type { FailureSpread } from './guessing-alert';

export const THROTTLE_WINDOW_MINUTES = 15;
/** Failures for one account from one address before that pair is locked for the window. */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
/** Failures from one address (any account) before the address is refused for the window. */
export const MAX_FAILURES_PER_IP = 20;
/** Failed registration checks (identity not confirmed) from one address. */
export const MAX_REGISTER_FAILURES_PER_IP = 10;

/** LOGIN: sign-in; REGISTER: registration checks; RESET: "Quên mật khẩu" (identity checks and codes), limited like sign-in. */
export type ThrottleKind = 'LOGIN' | 'REGISTER' | 'RESET';

const ACTION: Record<ThrottleKind, string> = { LOGIN: 'auth.login', REGISTER: 'auth.register', RESET: 'auth.password.reset' };

/** What is locked: the (account, address) pair, or the whole address. */
export type LockScope = 'account+address' | 'address';

export class TooManyAttemptsException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    readonly scope: LockScope = 'address',
  ) {
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
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly securityLog: SecurityLogService,
  ) {}

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
    const likeSignIn = kind !== 'REGISTER';
    const ipLimit = likeSignIn ? MAX_FAILURES_PER_IP : MAX_REGISTER_FAILURES_PER_IP;
    const scope: LockScope | null =
      row.ip_count >= ipLimit ? 'address' : likeSignIn && row.pair_count >= MAX_FAILURES_PER_ACCOUNT_AND_IP ? 'account+address' : null;
    if (scope) {
      const over = scope === 'address' ? row.ip_oldest : row.pair_oldest;
      const until = new Date(over).getTime() + THROTTLE_WINDOW_MINUTES * 60_000;
      const retryAfterSeconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
      // One event per refused attempt: the SOC sees an attacker who keeps knocking on a lock.
      this.securityLog.record({
        type: kind === 'LOGIN' ? 'auth.lockout' : 'throttle.limited',
        outcome: 'blocked',
        actor: null,
        subject: subject.toLowerCase(),
        ip,
        action: ACTION[kind],
        reason: scope === 'address' ? 'too many failures from this address' : 'too many failures for this account from this address',
        details: { scope, failures: scope === 'address' ? row.ip_count : row.pair_count, windowMinutes: THROTTLE_WINDOW_MINUTES, retryAfterSeconds },
      });
      throw new TooManyAttemptsException(retryAfterSeconds, scope);
    }
  }

  /** Failures for one subject from every address within the window (for the distributed-guessing alert). */
  async failureSpread(kind: ThrottleKind, subject: string, windowMinutes: number): Promise<FailureSpread & { sampleAddresses: string[] }> {
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS failures, count(DISTINCT ip)::int AS addresses, (array_agg(DISTINCT ip))[1:10] AS sample
         FROM auth_failures
        WHERE kind = $1 AND subject = $2 AND at > now() - make_interval(mins => $3)`,
      [kind, subject.toLowerCase(), windowMinutes],
    );
    return { failures: row.failures, distinctAddresses: row.addresses, sampleAddresses: row.sample ?? [] };
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
