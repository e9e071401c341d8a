import { formatLocal, fromLocal, localDateOf, toIsoLocal } from './local-time';

describe('local time helpers (fixed UTC+07:00)', () => {
  it('toIsoLocal renders the +07:00 offset', () => {
    expect(toIsoLocal(new Date('2026-11-23T01:00:00Z'))).toBe('2026-11-23T08:00:00+07:00');
  });
  it('toIsoLocal crosses the local midnight correctly', () => {
    expect(toIsoLocal(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23T00:30:00+07:00');
  });
  it('toIsoLocal keeps milliseconds only when present', () => {
    expect(toIsoLocal(new Date('2026-11-23T01:00:00.250Z'))).toBe('2026-11-23T08:00:00.250+07:00');
  });
  it('formatLocal gives dd/MM/yyyy HH:mm', () => {
    expect(formatLocal(new Date('2025-12-31T17:05:00Z'))).toBe('01/01/2026 00:05');
  });
  it('fromLocal and localDateOf are inverse', () => {
    const d = fromLocal('2026-02-17', '07:59');
    expect(d.toISOString()).toBe('2026-02-17T00:59:00.000Z');
    expect(localDateOf(d)).toBe('2026-02-17');
    expect(localDateOf(new Date('2026-02-16T17:00:00Z'))).toBe('2026-02-17');
  });
  it('rejects invalid dates and times', () => {
    expect(() => fromLocal('2026-02-30')).toThrow(RangeError);
    expect(() => fromLocal('2026-02-10', '24:00')).toThrow(RangeError);
    expect(() => toIsoLocal(new Date('nope'))).toThrow(RangeError);
  });
});
