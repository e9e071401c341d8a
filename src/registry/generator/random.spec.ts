import { Rng, seedNumber, Weighted } from './random';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.u32());

describe('Rng', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    expect(draw(new Rng(7), 100)).toEqual(draw(new Rng(7), 100));
    expect(draw(new Rng(7), 100)).not.toEqual(draw(new Rng(8), 100));
  });

  it('keeps float in [0, 1), int and range within their bounds, and picks every item', () => {
    const rng = new Rng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const f = rng.float();
      const k = rng.int(3, 5);
      const r = rng.range(-2, 2);
      expect(f >= 0 && f < 1 && k >= 3 && k <= 5 && Number.isInteger(k) && r >= -2 && r < 2).toBe(true);
      seen.add(rng.pick(['a', 'b', 'c']));
    }
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('draws Poisson counts with about the requested mean, and none for a mean of zero', () => {
    const rng = new Rng(2);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(3);
    expect(Math.abs(sum / 20_000 - 3)).toBeLessThan(0.1);
    expect(rng.poisson(0)).toBe(0);
  });
});

describe('seedNumber', () => {
  it('derives distinct streams per salt and tells a string seed from a number seed', () => {
    expect(seedNumber('motcua', 'setup')).toBe(seedNumber('motcua', 'setup'));
    expect(seedNumber('motcua', 'setup')).not.toBe(seedNumber('motcua', 'households'));
    expect(seedNumber(42, 'setup')).not.toBe(seedNumber('42', 'setup'));
  });
});

describe('Weighted', () => {
  it('never picks an item of weight zero and follows the weights', () => {
    const w = new Weighted([['x', 1], ['never', 0], ['y', 3]] as const);
    const rng = new Rng(3);
    const count = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) {
      const v = w.pick(rng);
      count.set(v, (count.get(v) ?? 0) + 1);
    }
    expect(count.has('never')).toBe(false);
    expect(Math.abs((count.get('y') ?? 0) / 40_000 - 0.75)).toBeLessThan(0.02);
  });

  it('refuses negative weights and weights that sum to zero', () => {
    expect(() => new Weighted([['a', -1], ['b', 2]])).toThrow(/negative/);
    expect(() => new Weighted([['a', 0]])).toThrow(/zero/);
    expect(() => new Weighted([])).toThrow(/zero/);
  });
});
