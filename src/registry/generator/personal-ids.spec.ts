import { decodePersonalId, personalIdConsistent } from '../normalize';
import { GENERATED_SERIAL_LIMIT, issuePersonalId, SerialAllocator } from './personal-ids';
import { Rng } from './random';

describe('SerialAllocator', () => {
  it('hands out every serial below the limit exactly once per prefix, then refuses', () => {
    const serials = new SerialAllocator(12345);
    const seen = new Uint8Array(GENERATED_SERIAL_LIMIT);
    let repeats = 0;
    let outside = 0;
    for (let i = 0; i < GENERATED_SERIAL_LIMIT; i++) {
      const s = serials.allocate(2_094);
      if (s < 0 || s >= GENERATED_SERIAL_LIMIT) outside++;
      else if (seen[s]++) repeats++;
    }
    expect({ repeats, outside }).toEqual({ repeats: 0, outside: 0 });
    expect(() => serials.allocate(2_094)).toThrow(/exhausted/);
  });

  it('does not hand serials out in order, and permutes each prefix differently', () => {
    const serials = new SerialAllocator(1);
    const a = Array.from({ length: 20 }, () => serials.allocate(2_094));
    const b = Array.from({ length: 20 }, () => serials.allocate(2_095));
    expect(a).not.toEqual([...a].sort((x, y) => x - y));
    expect(a).not.toEqual(b);
  });

  it('depends on its seed only', () => {
    const one = new SerialAllocator(9);
    const two = new SerialAllocator(9);
    expect(Array.from({ length: 50 }, () => one.allocate(2_100))).toEqual(Array.from({ length: 50 }, () => two.allocate(2_100)));
  });
});

describe('issuePersonalId', () => {
  it.each([
    ['MALE', 1948],
    ['FEMALE', 1999],
    ['MALE', 2000],
    ['FEMALE', 2026],
  ] as const)('encodes a %s born in %i consistently', (gender, year) => {
    const rng = new Rng(4);
    const serials = new SerialAllocator(4);
    for (let i = 0; i < 200; i++) {
      const id = issuePersonalId(rng, serials, '002', gender, year);
      expect(personalIdConsistent(id, `${year}-06-01`, gender)).toBe(true);
      expect(Number(decodePersonalId(id)!.serial)).toBeLessThan(GENERATED_SERIAL_LIMIT);
    }
  });

  it('registers births before 2005 in the province of residence, later ones now and then where the parents worked', () => {
    const rng = new Rng(5);
    const serials = new SerialAllocator(5);
    const provinces = (year: number): Set<string> =>
      new Set(Array.from({ length: 2_000 }, () => issuePersonalId(rng, serials, '002', 'MALE', year).slice(0, 3)));
    expect([...provinces(2004)]).toEqual(['002']);
    const later = provinces(2010);
    expect(later.has('002')).toBe(true);
    expect(later.size).toBeGreaterThan(1);
    for (const p of later) expect(['002', '027', '024', '019', '001', '008']).toContain(p);
  });
});
