import type { AdministrativeUnitInput, Household } from './citizen';
import { generateCitizens, generatePopulation } from './generate';
import { options, REF, take } from './ha-giang-units.fixture';

describe('generatePopulation — determinism and streaming', () => {
  it('gives identical output for the same seed', () => {
    expect(take(5_000, 42)).toEqual(take(5_000, 42));
  });

  it('gives different output for another seed', () => {
    const a = take(500, 42).flatMap((h) => h.members.map((m) => m.personalId));
    const b = take(500, 43).flatMap((h) => h.members.map((m) => m.personalId));
    expect(a).not.toEqual(b);
  });

  it('treats string and number seeds as different seeds', () => {
    expect(take(50, 42)).not.toEqual(take(50, '42'));
  });

  it('makes a shorter run a prefix of a longer one', () => {
    const short = [...generateCitizens(options(1_000))];
    const long = [...generateCitizens(options(5_000))].slice(0, 1_000);
    expect(short).toEqual(long);
  });

  it.each([0, 1, 7, 1_001])('yields exactly %i citizens', (n) => {
    expect([...generateCitizens(options(n))]).toHaveLength(n);
  });

  it('is lazy: taking the first household does not generate the rest', () => {
    const it = generatePopulation(options(10_000_000));
    const first = it.next();
    expect(first.done).toBe(false);
    expect((first.value as Household).members.length).toBeGreaterThan(0);
    it.return(undefined);
  });

  it('writes addresses with lower-case unit types and the real commune, district and province', () => {
    const hh = take(2_000).find((h) => h.communeCode === '00715');
    if (hh) expect(hh.address).toMatch(/^Thôn .+, xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang$/);
    const urban = take(3_000).find((h) => h.communeCode === '00691');
    if (urban) expect(urban.address).toMatch(/^(Số nhà \d+, tổ|Tổ) \d+, phường Trần Phú, thành phố Hà Giang, tỉnh Hà Giang$/);
    expect(hh ?? urban).toBeDefined();
  });

  it('computes ages against the reference date', () => {
    const later = [...generateCitizens({ ...options(300), referenceDate: '2030-01-01' })];
    expect(later.every((c) => c.dateOfBirth <= '2030-01-01')).toBe(true);
    expect(later.some((c) => c.dateOfBirth > REF)).toBe(true);
  });
});

describe('generatePopulation — inputs', () => {
  it('rejects a province that is not among the units, on the call itself', () => {
    expect(() => generatePopulation({ ...options(10), provinceCode: '01' })).toThrow(/province 01 not found/);
  });

  it('asks for an ethnic mix outside Hà Giang', () => {
    const units: AdministrativeUnitInput[] = [
      { code: '08', name: 'Tỉnh Tuyên Quang', level: 'PROVINCE' },
      { code: '070', name: 'Thành phố Tuyên Quang', level: 'DISTRICT', parentCode: '08' },
      { code: '02212', name: 'Phường Phan Thiết', level: 'COMMUNE', parentCode: '070' },
      { code: '02215', name: 'Phường Minh Xuân', level: 'COMMUNE', parentCode: '070' },
    ];
    expect(() => [...generatePopulation({ ...options(10), provinceCode: '08', units })]).toThrow(/ethnicMix/);
    const people = [...generateCitizens({ ...options(2_000), provinceCode: '08', units, ethnicMix: { Kinh: 60, Tày: 40 } })];
    expect(people).toHaveLength(2_000);
    expect(people.filter((c) => c.personalId.startsWith('008')).length / people.length).toBeGreaterThan(0.95);
    expect(people[0].permanentAddress).toMatch(/, phường (Phan Thiết|Minh Xuân), thành phố Tuyên Quang, tỉnh Tuyên Quang$/);
  });

  it('accepts communes directly under the province (two-tier units)', () => {
    const units: AdministrativeUnitInput[] = [
      { code: '02', name: 'Tỉnh Hà Giang', level: 'PROVINCE' },
      { code: '00715', name: 'Xã Lũng Cú', level: 'COMMUNE', parentCode: '02' },
    ];
    const [hh] = [...generatePopulation({ ...options(3), units })];
    expect(hh.address).toMatch(/^Thôn .+, xã Lũng Cú, tỉnh Hà Giang$/);
  });

  it('rejects an unknown ethnicity, a bad reference date and a negative count', () => {
    expect(() => [...generatePopulation({ ...options(1), ethnicMix: { Klingon: 100 } })]).toThrow(/unknown ethnicity/);
    expect(() => [...generatePopulation({ ...options(1), referenceDate: '2026-02-30' })]).toThrow(/YYYY-MM-DD/);
    expect(() => generatePopulation(options(-1))).toThrow(RangeError);
  });
});
