import { unsignedSummary } from './callback-rejections';

describe('unsignedSummary', () => {
  it('keeps field names, size and reason, never the values', () => {
    const s = unsignedSummary({ txnRef: 'abc', amount: 100000, status: 'SUCCESS', secretish: 'do-not-keep' }, 'MISSING_SIGNATURE');
    expect(s).toEqual({ refused: 'MISSING_SIGNATURE', bytes: expect.any(Number), fieldCount: 4, fields: ['txnRef', 'amount', 'status', 'secretish'] });
    expect(JSON.stringify(s)).not.toContain('do-not-keep');
    expect(JSON.stringify(s)).not.toContain('SUCCESS');
  });

  it('stays small whatever the body: at most 20 names of at most 40 characters', () => {
    const body = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`${'k'.repeat(100)}${i}`, 'v'.repeat(1000)]));
    const s = unsignedSummary(body, 'BAD_SIGNATURE');
    expect(s.fieldCount).toBe(5000);
    expect(s.bytes).toBeGreaterThan(5_000_000);
    expect((s.fields as string[]).length).toBe(20);
    expect((s.fields as string[]).every((k) => k.length === 40)).toBe(true);
    expect(JSON.stringify(s).length).toBeLessThan(1200);
  });

  it('copes with an empty body', () => {
    expect(unsignedSummary({}, 'MISSING_SIGNATURE')).toEqual({ refused: 'MISSING_SIGNATURE', bytes: 2, fieldCount: 0, fields: [] });
  });
});
