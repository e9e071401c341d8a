import { HttpException } from '@nestjs/common';
import { LOOKUP_LIMIT_PER_MINUTE, LookupThrottle } from './lookup-throttle';

describe('LookupThrottle (public status lookup, per IP)', () => {
  const T0 = 1_000_000;
  it(`allows ${LOOKUP_LIMIT_PER_MINUTE} lookups a minute, then refuses with 429 and Retry-After`, () => {
    const t = new LookupThrottle();
    for (let i = 0; i < LOOKUP_LIMIT_PER_MINUTE; i++) expect(() => t.hit('1.2.3.4', T0 + i)).not.toThrow();
    let err: HttpException | undefined;
    try {
      t.hit('1.2.3.4', T0 + 30_000);
    } catch (e) {
      err = e as HttpException;
    }
    expect(err?.getStatus()).toBe(429);
    expect((err?.getResponse() as { headers: Record<string, string> }).headers['Retry-After']).toBe('30');
    expect(err?.message).toMatch(/thử lại sau 30 giây/);
  });
  it('counts each IP separately', () => {
    const t = new LookupThrottle();
    for (let i = 0; i < LOOKUP_LIMIT_PER_MINUTE; i++) t.hit('10.0.0.1', T0);
    expect(() => t.hit('10.0.0.2', T0)).not.toThrow();
    expect(() => t.hit('10.0.0.1', T0)).toThrow(HttpException);
  });
  it('opens a new window after a minute', () => {
    const t = new LookupThrottle();
    for (let i = 0; i < LOOKUP_LIMIT_PER_MINUTE; i++) t.hit('10.0.0.1', T0);
    expect(() => t.hit('10.0.0.1', T0 + 59_999)).toThrow(HttpException);
    expect(() => t.hit('10.0.0.1', T0 + 60_000)).not.toThrow();
  });
  it('forgets old windows when many IPs were seen', () => {
    const t = new LookupThrottle();
    for (let i = 0; i < 10_050; i++) t.hit(`ip-${i}`, T0);
    expect(() => t.hit('late', T0 + 120_000)).not.toThrow();
    expect((t as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThan(100);
  });
});
