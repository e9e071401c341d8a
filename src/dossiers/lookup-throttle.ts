import { HttpException, HttpStatus, Injectable, Optional } from '@nestjs/common';
import { SecurityLogService } from '../audit/security-log.service';

export const LOOKUP_LIMIT_PER_MINUTE = 10;

/**
 * Public status lookup is a guessing target (code + 4 digits): a fixed one-minute window per
 * client IP, 10 tries, then 429 with Retry-After. In memory: one instance per app process; behind
 * several instances the window is per instance, which still bounds guessing to N × 10 per minute.
 */
@Injectable()
export class LookupThrottle {
  private readonly windows = new Map<string, { start: number; count: number }>();

  private readonly limit = LOOKUP_LIMIT_PER_MINUTE;
  private readonly windowMs = 60_000;

  constructor(@Optional() private readonly securityLog?: SecurityLogService) {}

  hit(ip: string, now = Date.now()): void {
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    }
    const w = this.windows.get(ip);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(ip, { start: now, count: 1 });
      return;
    }
    w.count++;
    if (w.count > this.limit) {
      const retryAfter = Math.ceil((w.start + this.windowMs - now) / 1000);
      this.securityLog?.record({ type: 'throttle.limited', outcome: 'blocked', ip, action: 'dossier.lookup', reason: 'public status lookup limit', details: { limit: this.limit, retryAfterSeconds: retryAfter } });
      throw new HttpException(
        { message: `Bạn đã tra cứu quá ${this.limit} lần trong một phút. Vui lòng thử lại sau ${retryAfter} giây.`, headers: { 'Retry-After': String(retryAfter) } },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
