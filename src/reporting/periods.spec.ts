import { addDays, decompose, isIsoDate } from './periods';

function days(a: string, b: string): string[] {
  const out: string[] = [];
  for (let c = a; c <= b; c = addDays(c, 1)) out.push(c);
  return out;
}

function expand(bk: ReturnType<typeof decompose>): string[] {
  const out: string[] = [...bk.D];
  for (const m of bk.M) {
    const next = m.slice(5, 7) === '12' ? `${Number(m.slice(0, 4)) + 1}-01-01` : `${m.slice(0, 5)}${String(Number(m.slice(5, 7)) + 1).padStart(2, '0')}-01`;
    out.push(...days(m, addDays(next, -1)));
  }
  for (const y of bk.Y) out.push(...days(y, `${y.slice(0, 4)}-12-31`));
  return out.sort();
}

describe('decompose (day range → rollup buckets)', () => {
  it.each([
    ['2025-01-01', '2025-12-31'],
    ['2024-02-10', '2026-03-05'],
    ['2025-03-01', '2025-03-31'],
    ['2025-03-15', '2025-03-15'],
    ['2000-01-01', '2025-06-30'],
    ['2024-12-31', '2025-01-01'],
  ])('covers %s..%s exactly once', (a, b) => {
    expect(expand(decompose(a, b))).toEqual(days(a, b));
  });

  it('uses whole years and months where it can', () => {
    expect(decompose('2024-02-10', '2026-03-05')).toEqual({
      D: [...days('2024-02-10', '2024-02-29'), ...days('2026-03-01', '2026-03-05')],
      M: ['2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01', '2024-11-01', '2024-12-01', '2026-01-01', '2026-02-01'],
      Y: ['2025-01-01'],
    });
    expect(decompose('2025-05-02', '2025-05-01')).toEqual({ D: [], M: [], Y: [] });
  });

  it('validates calendar dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });
});
