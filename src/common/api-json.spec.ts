import { apiInstant, apiJsonReplacer } from './api-json';

const json = (v: unknown) => JSON.parse(JSON.stringify(v, apiJsonReplacer));

describe('apiJsonReplacer', () => {
  it('writes Dates with +07:00 wherever they are', () => {
    const d = new Date('2026-11-23T03:00:00Z');
    expect(json({ at: d })).toEqual({ at: '2026-11-23T10:00:00+07:00' });
    expect(json([d])).toEqual(['2026-11-23T10:00:00+07:00']);
    expect(json({ a: { b: [{ c: d }] } })).toEqual({ a: { b: [{ c: '2026-11-23T10:00:00+07:00' }] } });
    expect(json(d)).toBe('2026-11-23T10:00:00+07:00');
  });
  it('crosses the date line and keeps milliseconds', () => {
    expect(json({ at: new Date('2026-12-31T17:30:00.250Z') })).toEqual({ at: '2027-01-01T00:30:00.250+07:00' });
  });
  it('leaves everything else alone, including strings that look like instants', () => {
    const v = { s: '2026-11-23T03:00:00.000Z', n: 1, b: true, z: null, arr: [1, 'x'] };
    expect(json(v)).toEqual(v);
  });
  it('writes an invalid Date as null instead of throwing', () => {
    expect(json({ at: new Date(NaN) })).toEqual({ at: null });
  });
});

describe('apiInstant', () => {
  it.each([
    [new Date('2026-11-23T03:00:00Z'), '2026-11-23T10:00:00+07:00'],
    ['2026-11-23T03:00:00.000Z', '2026-11-23T10:00:00+07:00'],
    ['2026-11-23 10:00:00+07', '2026-11-23T10:00:00+07:00'],
    [null, null],
    [undefined, null],
    ['', null],
    ['not a date', null],
  ])('%j → %j', (input, expected) => {
    expect(apiInstant(input as Date | string | null)).toBe(expected);
  });
});
