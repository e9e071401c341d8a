import { HttpException } from '@nestjs/common';
import { LOOKUP_LIMIT_PER_MINUTE, lookupRefusal } from './lookup-throttle';

describe('lookupRefusal (public status lookup, per client address)', () => {
  it(`allows lookups 1..${LOOKUP_LIMIT_PER_MINUTE} of a window`, () => {
    for (let n = 1; n <= LOOKUP_LIMIT_PER_MINUTE; n++) expect(lookupRefusal(n, 59)).toBeNull();
  });
  it('refuses the next one with 429, Retry-After and a Vietnamese message', () => {
    const err = lookupRefusal(LOOKUP_LIMIT_PER_MINUTE + 1, 30) as HttpException;
    expect(err.getStatus()).toBe(429);
    expect((err.getResponse() as { headers: Record<string, string> }).headers['Retry-After']).toBe('30');
    expect(err.message).toMatch(/thử lại sau 30 giây/);
  });
  it('rounds the wait up to whole seconds', () => {
    const err = lookupRefusal(LOOKUP_LIMIT_PER_MINUTE + 5, 12.2) as HttpException;
    expect((err.getResponse() as { headers: Record<string, string> }).headers['Retry-After']).toBe('13');
  });
  it('never says "retry after 0 seconds" at the very end of a window', () => {
    for (const left of [0, 0.0001, -0.5]) {
      const err = lookupRefusal(LOOKUP_LIMIT_PER_MINUTE + 1, left) as HttpException;
      expect((err.getResponse() as { headers: Record<string, string> }).headers['Retry-After']).toBe('1');
    }
  });
});
