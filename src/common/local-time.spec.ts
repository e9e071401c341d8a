import { formatLocal, fromLocal, localDateOf, parseInstant, toIsoLocal } from './local-time';

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

describe('parseInstant: one reader for instants sent to the API', () => {
  const iso = (t: string, o?: Parameters<typeof parseInstant>[1]) => {
    const d = parseInstant(t, o);
    return d ? d.toISOString() : null;
  };
  it('reads an instant without an offset as Vietnam time (UTC+07:00)', () => {
    expect(iso('2026-11-23T10:00:00')).toBe('2026-11-23T03:00:00.000Z');
    expect(iso('2026-11-23T10:00')).toBe('2026-11-23T03:00:00.000Z');
    expect(iso('2026-11-23 10:00')).toBe('2026-11-23T03:00:00.000Z');
  });
  it('gives the same instant with and without +07:00', () => {
    expect(parseInstant('2026-11-23T10:00:00')!.getTime()).toBe(parseInstant('2026-11-23T10:00:00+07:00')!.getTime());
  });
  it('takes an explicit offset or Z as given', () => {
    expect(iso('2026-11-23T10:00:00Z')).toBe('2026-11-23T10:00:00.000Z');
    expect(iso('2026-11-23T10:00:00z')).toBe('2026-11-23T10:00:00.000Z');
    expect(iso('2026-11-23T10:00:00+00:00')).toBe('2026-11-23T10:00:00.000Z');
    expect(iso('2026-11-23T10:00:00+0700')).toBe('2026-11-23T03:00:00.000Z');
    expect(iso('2026-11-23T10:00:00+07')).toBe('2026-11-23T03:00:00.000Z');
    expect(iso('2026-11-23T10:00:00-05:30')).toBe('2026-11-23T15:30:00.000Z');
  });
  it('keeps fractions of a second (milliseconds)', () => {
    expect(iso('2026-11-23T10:00:00.250')).toBe('2026-11-23T03:00:00.250Z');
    expect(iso('2026-11-23T10:00:00,5+07:00')).toBe('2026-11-23T03:00:00.500Z');
    expect(iso('2026-11-23T10:00:00.123456789Z')).toBe('2026-11-23T10:00:00.123Z');
  });
  it('crosses the local midnight: 00:30 local is the previous UTC day', () => {
    expect(iso('2026-01-01T00:30')).toBe('2025-12-31T17:30:00.000Z');
  });
  it('refuses a bare date unless a day is meant (then local midnight)', () => {
    expect(iso('2026-11-23')).toBeNull();
    expect(iso('2026-11-23', { dateOnly: 'local-midnight' })).toBe('2026-11-22T17:00:00.000Z');
    expect(iso('2026-11-23Z', { dateOnly: 'local-midnight' })).toBeNull();
  });
  it.each([
    'nope', '', ' ', '23/11/2026 10:00', '2026-11-23T10', '2026-02-30T10:00', '2026-13-01T10:00', '2026-11-23T24:00',
    '2026-11-23T10:60', '2026-11-23T10:00:60', '2026-11-23T10:00:00+15:00', '2026-11-23T10:00:00+07:60', '2026-11-23T10:00:00 +07:00x',
    '1763866800000', 'Mon Nov 23 2026 10:00:00 GMT+0700', '+002026-11-23T10:00:00Z', '2026-11-23T10:00:00.Z',
  ])('refuses %j (null, so the caller answers 400)', (t) => {
    expect(parseInstant(t)).toBeNull();
  });
  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 42, {}, ['2026-11-23T10:00'], new Date()]) expect(parseInstant(v)).toBeNull();
  });
  it('trims surrounding spaces', () => {
    expect(iso(' 2026-11-23T10:00:00+07:00 ')).toBe('2026-11-23T03:00:00.000Z');
  });
});
