import { HttpException, HttpStatus, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';

export const LOOKUP_LIMIT_PER_MINUTE = 10;
export const LOOKUP_WINDOW_SECONDS = 60;

/**
 * The rule, apart from the storage: the `count`-th lookup of a window with `secondsLeft` to run is
 * refused past the limit, with a Retry-After of the rest of the window (at least one second).
 */
export function lookupRefusal(count: number, secondsLeft: number): HttpException | null {
  if (count <= LOOKUP_LIMIT_PER_MINUTE) return null;
  const retryAfter = Math.max(1, Math.ceil(secondsLeft));
  return new HttpException(
    {
      message: `Bạn đã tra cứu quá ${LOOKUP_LIMIT_PER_MINUTE} lần trong một phút. Vui lòng thử lại sau ${retryAfter} giây.`,
      headers: { 'Retry-After': String(retryAfter) },
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * Public status lookup is a guessing target (code + 4 digits): a fixed one-minute window per real
 * client address (req.ip after TRUST_PROXY), 10 tries, then 429 with Retry-After. The windows live in
 * PostgreSQL (`lookup_windows`), so the limit holds across app instances: one atomic upsert per
 * lookup, timed by the database clock.
 */
@Injectable()
export class LookupThrottle {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Optional() private readonly securityLog?: SecurityLogService,
  ) {}

  async hit(ip: string): Promise<void> {
    const [row] = await this.ds.query(
      `INSERT INTO lookup_windows AS w (ip, window_start, count) VALUES ($1, now(), 1)
       ON CONFLICT (ip) DO UPDATE SET
         window_start = CASE WHEN w.window_start <= now() - make_interval(secs => $2) THEN now() ELSE w.window_start END,
         count = CASE WHEN w.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE w.count + 1 END
       RETURNING count, extract(epoch FROM w.window_start + make_interval(secs => $2) - now())::float AS seconds_left`,
      [ip.slice(0, 64), LOOKUP_WINDOW_SECONDS],
    );
    if (Math.random() < 0.01) await this.prune();
    const refusal = lookupRefusal(row.count, row.seconds_left);
    if (!refusal) return;
    // One event per refused lookup, as for sign-in lockouts: the SOC sees who keeps knocking.
    const retryAfter = Number((refusal.getResponse() as { headers: Record<string, string> }).headers['Retry-After']);
    this.securityLog?.record({
      type: 'throttle.limited',
      outcome: 'blocked',
      ip,
      action: 'dossier.lookup',
      reason: 'public status lookup limit',
      details: { limit: LOOKUP_LIMIT_PER_MINUTE, retryAfterSeconds: retryAfter },
    });
    throw refusal;
  }

  /** Finished windows are useless; called opportunistically. */
  async prune(): Promise<void> {
    await this.ds.query(`DELETE FROM lookup_windows WHERE window_start < now() - make_interval(secs => $1)`, [LOOKUP_WINDOW_SECONDS * 2]);
  }
}
